"""Which keys the writers store, asked of long numbered lists (issue 17): ``relettering.keeps_paths`` reads a number
label (``12\\t``) as its own path component without asking the label cache, which a writer's first look at a long
numbered list missed on every item (about 4 µs each: 40 ms of 9,999 items).  The answer must stay what
recomputing every path (``relettering.repath``) and comparing says, and a number's component what the cached rules
give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import itu_nb
from itu_nb.amendments.edits import DeleteClause, apply_ops
from itu_nb.amendments.relettering import _bases, _listed_base, keeps_paths, repath
from itu_nb.export.lines import keys_to_store
from itu_nb.model import Clause, NodeKind, Op, Run

WHO = {"author": "CEPT", "date": "2018-10-01"}


def _by_repath(proposal) -> bool:
    fresh = repath(proposal)
    return all(a.key == b.path and not a.settled for a, b in zip(proposal.walk(), fresh.walk(), strict=True))


def _resolves(n: int) -> str:
    """A resolution whose *resolves* counts ``n`` numbered items, as ITU texts number them (``1\\tto …;``)."""
    items = "".join(f"{i}\tto act on item {i};\n" for i in range(1, n + 1))
    return "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n" + items


@given(
    st.text(alphabet="0123456789", min_size=1, max_size=7),
    st.sampled_from(["", " ", "\t", "  "]),
    st.sampled_from(["", "\t", " ", ".\t", ")\t"]),
)
def test_a_number_labels_component_is_what_the_rules_give(digits, before, after):
    label = f"{before}{digits}{after}"
    item = Clause(kind=NodeKind.ITEM, path="x", label_runs=(Run(Op.EQUAL, label),))
    assert _bases((item,), "") == [_listed_base.__wrapped__(label)]


def test_digits_of_other_scripts_are_left_to_the_rules():
    label = "\u0661\u0662\t"  # Arabic-Indic 12: str.isdigit, but not ASCII
    item = Clause(kind=NodeKind.ITEM, path="x", label_runs=(Run(Op.EQUAL, label),))
    assert _bases((item,), "") == [_listed_base.__wrapped__(label)]


def test_a_long_numbered_list_as_loaded_stores_no_key():
    n = 9_999  # the most a number label reaches: "10000\t" is read as a paragraph's text
    p = itu_nb.load(_resolves(n), format="criticmarkup")[0]
    items = p["resolves"].children
    assert len(items) == n and items[-1].path == f"resolves/{n}" and items[-1].kind is NodeKind.ITEM
    assert keeps_paths(p) and _by_repath(p)
    assert keys_to_store(p) is None


def test_a_long_numbered_list_relettered_stores_every_key():
    p = itu_nb.load(_resolves(40), format="criticmarkup")[0]
    new = apply_ops(p, [DeleteClause("resolves/3")], **WHO)
    assert not keeps_paths(new) and not _by_repath(new)
    keys = keys_to_store(new)
    assert keys == [c.key for c in new.walk()]
    # 3 struck stays as resolves/3; the old 4, numbered 3 now (path resolves/3#2), keeps its key resolves/4
    old4 = new["resolves/3#2"]
    assert (old4.label_in("original"), old4.label_in("amended"), old4.key) == ("4", "3", "resolves/4")
    assert keys[[c.path for c in new.walk()].index("resolves/3#2")] == "resolves/4"
