"""``keys_to_store`` at the cost of one walk per proposal, and dotted labels read without the label cache (issue 17).

Every writer asks :func:`itu_nb.export.lines.keys_to_store` of every proposal (a line-based writer twice when there
are keys to store).  A full walk is needed: any clause may hold a key its label does not give.  But a proposal is
frozen, so the answer is kept on it and read back; and the walk read a dotted label (``4.1``) through the label
cache (:data:`~itu_nb.amendments.relettering.LABELS` entries), which a list of more distinct labels misses on every
item: 100,000 items labelled ``1.1`` … ``101.100`` (``tests/test_export_scale.py``) took 0.6–0.7 s, now 75–85 ms.

The rule is the parser's: the path component of an item labelled ``4.1.`` is ``4.1`` (its bare label), which the
uncached :func:`~itu_nb.amendments.relettering._listed_base` gives and the text loader writes in each path.
"""

from __future__ import annotations

import dataclasses

from conftest import FINAL_ACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.amendments.relettering import _bases, _listed_base, keeps_paths
from itu_nb.export.lines import keys_to_store
from itu_nb.model import Clause, NodeKind, Op, Run

FA = itu_nb.load(FINAL_ACTS)
DOTTED = st.from_regex(r"\A[ ]?[0-9]{1,4}(\.[0-9]{0,3}){0,4}\.?[ ]?\t?\Z", fullmatch=True)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOTTED)
def test_a_dotted_label_gives_the_component_the_rule_gives(text):
    item = Clause(NodeKind.ITEM, "x", (Run(Op.EQUAL, text),), (Run(Op.EQUAL, "text"),))
    assert _bases((item,), "") == [_listed_base.__wrapped__(text)]


def test_the_loader_gives_dotted_items_those_paths():
    labels = ["1.", "1.1", "1.2.", "2", "2.10", "2.10.3", "12.3.4.5", "9999.999"]
    text = "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n"
    text += "".join(f"{label}\tto act on item {k};\n" for k, label in enumerate(labels))
    (p,) = itu_nb.load(text, format="criticmarkup").proposals
    items = [c for c in p.walk() if c.kind is NodeKind.ITEM]
    # (read by eye: each item's bare label, its final dot left out; a dotted label nests under the one it extends)
    comps = ["1", "1.1", "1.2", "2", "2.10", "2.10.3", "12.3.4.5", "9999.999"]
    assert [c.path.rpartition("/")[2] for c in items] == comps
    for parent in [c for c in p.walk() if c.children]:
        assert _bases(parent.children, parent.path) == [c.path.rpartition("/")[2] for c in parent.children]
    assert keeps_paths(p) and keys_to_store(p) is None


def _fresh(p):
    """``keys_to_store`` of a new object with the same clauses: computed, not read back."""
    return keys_to_store(dataclasses.replace(p))


def test_the_answer_kept_on_a_proposal_is_the_answer_computed():
    resolutions = [p for p in FA if p.clauses][:20]
    for p in resolutions:
        assert keys_to_store(p) is None and keys_to_store(p) is None  # the Final Acts as read: labels tell every key
    res130 = FA["Resolution 130"]
    struck = itu_nb.amend(res130, "Delete considering b)", author="CEPT", date="2018-10-01")
    keys = keys_to_store(struck)
    assert keys is not None and keys == _fresh(struck) and keys_to_store(struck) is keys
    assert keys[[c.path for c in struck.walk()].index("considering/c")] == "considering/d"  # d) relettered c)
    assert keys_to_store(res130) is None  # the proposal edited keeps its own answer
    decided = struck.accept()
    assert keys_to_store(decided) == _fresh(decided)
    assert keys_to_store(decided) is not None  # its relettered clauses keep their keys after the decision
    assert struck == dataclasses.replace(struck) and "_itu_nb" not in repr(struck)  # not a field
