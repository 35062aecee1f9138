"""One rule for when two versions' edits collide, read the same way by merge and compare_many.

The rule (:func:`itu_nb.diff.spans.clash`) is diff3's and git's: two edits of one clause
conflict when they overlap or touch (one ends where the other starts, an insertion point at
the edge of or inside the other's span, two insertions at one point), unless they are the same
edit; one unchanged character between them (a space) keeps them apart; labels are compared
with labels only.

Every case is a real pair of amendments of Resolution 130 (Rev. Dubai, 2018) from the PP-18
Final Acts (``tests/fixtures/pp18-final-acts.akn.xml``).  Resolves 2 reads "to give high
priority to the work of ITU … and to continue to work closely, as appropriate, with other
relevant bodies …"; resolves 12 reads "to utilize the GCA framework …" and is followed by
nothing (the last of the list); resolves 11 "to support the development of infrastructure …".
The expected values come from reading those words, not from running the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.diff.spans import Edit, clash, same_edit

FIXTURES = Path(__file__).parent / "fixtures"
RES130 = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
R2 = "In resolves 2, "

# (case, A's instructions, B's instructions, conflict?, same edit?)
CASES = [
    # "closely," : A rewrites "closely", B turns the comma right after it into a semicolon.  Nothing
    # unchanged lies between A's end and B's start: they touch, so they conflict (diff3's boundary)
    ("boundary", [R2 + 'replace "closely" by "tightly"'], [R2 + 'replace "closely, as" by "closely; as"'], True, False),
    # both rewrite the same word "high", differently
    ("same words, different new text", [R2 + 'replace "high" by "top"'], [R2 + 'replace "high" by "utmost"'], True, False),
    # "give" and "high" are neighbours, with one space between them that neither changes
    ("adjacent words", [R2 + 'replace "give" by "assign"'], [R2 + 'replace "high" by "top"'], False, False),
    # the same edit by both: agreement, made once
    ("same edit", [R2 + 'replace "high" by "top"'], [R2 + 'replace "high" by "top"'], False, True),
    # both insert "very" between "give" and "high": the same insertion at one point
    ("two insertions, same text", [R2 + 'insert "very" after "give"'], [R2 + 'insert "very" after "give"'], False, True),
    # "very" and "the" inserted at one point: which comes first is a decision, so a conflict
    ("two insertions, different text", [R2 + 'insert "very" after "give"'], [R2 + 'insert "the" after "give"'], True, False),
    # B inserts after "high", a word A deletes: the insertion point lies inside A's deletion
    ("insertion inside a deletion", [R2 + 'delete "high priority"'], [R2 + 'insert "and urgent" after "high"'], True, False),
    # B inserts right after "closely" (before the comma), the word A deletes: at the end of its span
    ("insertion at the end of a deletion", [R2 + 'delete "closely"'], [R2 + 'insert "and regularly" after "closely"'], True, False),
    # ... and of a replacement
    ("insertion at the end of a replacement", [R2 + 'replace "closely" by "tightly"'], [R2 + 'insert "and regularly" after "closely"'], True, False),
    # B's "very" lands right before "high", the word A replaces: at the start of its span
    ("insertion at the start of a replacement", [R2 + 'replace "high" by "top"'], [R2 + 'insert "very" after "give"'], True, False),
    # resolves 12 renumbered 13 by A, 14 by B: one label, two values
    ("label against label", ["Renumber resolves 12 as resolves 13"], ["Renumber resolves 12 as resolves 14"], True, False),
    ("same label", ["Renumber resolves 12 as resolves 13"], ["Renumber resolves 12 as resolves 13"], False, True),
    # A renumbers resolves 12; B capitalises its first word "to": offset 0 of the label is not offset 0 of the text
    ("label against text", ["Renumber resolves 12 as resolves 13"], ['In resolves 12, replace "to utilize" by "To utilize"'], False, False),
    # A deletes resolves 11 (12 becomes 11), B adds a paragraph after resolves 10 (11, 12 become 12, 13):
    # both relabel resolves 12, but as relettering of lists they reshape, which merge reletters itself
    ("relettering", ["Delete resolves 11"], ["Add a new paragraph after resolves 10 reading: to do more;"], False, False),
]  # fmt: skip


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def case(request):
    name, a_says, b_says, conflict, same = request.param
    a = itu_nb.amend(RES130, a_says, author="A", date="2018-10-01")
    b = itu_nb.amend(RES130, b_says, author="B", date="2018-10-02")
    return name, a, b, conflict, same


def test_merge_reports_a_conflict_iff_the_edits_collide(case):
    _name, a, b, conflict, _same = case
    draft = itu_nb.merge(RES130, [a, b])
    assert bool(draft.conflict_list) == conflict
    for c in draft.conflict_list:
        assert set(c.sides) == {"A", "B"}


def test_compare_many_says_divergence_iff_the_edits_collide_and_agreement_for_the_same_edit(case):
    _name, a, b, conflict, same = case
    statuses = set(itu_nb.compare_many(RES130, {"A": a, "B": b}).edits.status)
    assert ("divergence" in statuses) == conflict
    assert (statuses == {"agreement"}) == same


def test_merge_and_compare_many_agree(case):
    _name, a, b, _conflict, _same = case
    draft = itu_nb.merge(RES130, {"A": a, "B": b})
    many = itu_nb.compare_many(RES130, {"A": a, "B": b})
    divergent = many.edits.query("status == 'divergence'")
    assert {c.path for c in draft.conflict_list} == set(divergent.path)


def test_the_same_edit_is_made_once_and_separate_edits_both():
    draft = itu_nb.merge(RES130, [itu_nb.amend(RES130, [R2 + 'replace "high" by "top"'], author=s) for s in "AB"])
    assert draft["resolves/2"].body().startswith("to give top priority")
    assert len(draft.changes) == 1
    a = itu_nb.amend(RES130, [R2 + 'replace "give" by "assign"'], author="A")
    b = itu_nb.amend(RES130, [R2 + 'replace "high" by "top"'], author="B")
    assert itu_nb.merge(RES130, [a, b])["resolves/2"].body().startswith("to assign top priority")


def test_a_label_conflict_is_resolved_like_any_other():
    a = itu_nb.amend(RES130, ["Renumber resolves 12 as resolves 13"], author="A")
    b = itu_nb.amend(RES130, ["Renumber resolves 12 as resolves 14"], author="B")
    draft = itu_nb.merge(RES130, [a, b])
    (c,) = draft.conflict_list
    assert c.kind == "label" and draft["resolves/12"].label == "12"  # left as it was until resolved
    assert draft.resolve(c.id, side="B")["resolves/14"].label_original == "12"
    assert draft.resolve(c.id, text="15", author="Chair")["resolves/15"].label == "15"


def test_the_rule_on_spans():
    # "to give high priority": give = [3, 7), high = [8, 12)
    def text(start, end, new, path="resolves/2"):
        return Edit("text", path, start, end, new=new)

    high = text(8, 12, "top")
    assert clash(text(8, 12, "utmost"), high) and not clash(text(8, 12, "top"), high)
    assert same_edit(text(8, 12, "top"), high)
    assert not clash(text(3, 7, "assign"), high)  # the space at 7 is unchanged
    assert clash(text(3, 8, ""), high)  # "give " deleted: ends where "high" starts
    assert clash(text(8, 8, "very "), high) and clash(text(12, 12, " and"), high) and clash(text(10, 10, "x"), high)
    assert clash(text(8, 8, "very "), text(8, 8, "the ")) and not clash(text(8, 8, "a"), text(8, 8, "a"))
    assert not clash(text(8, 12, "top", "resolves/3"), high)  # another clause
    label = Edit("label", "resolves/2", 0, 1, "2", "3")
    assert not clash(label, text(0, 2, "To")) and clash(label, Edit("label", "resolves/2", 0, 1, "2", "4"))
    assert not clash(
        Edit("label", "resolves/2", 0, 1, "2", "3", relettered=True), Edit("label", "resolves/2", 0, 1, "2", "4")
    )


def test_merge_takes_named_sides_like_compare_many():
    # a dict names the sides; a proposal without authored changes (accepted) takes its name as author
    a = itu_nb.amend(RES130, [R2 + 'replace "high" by "top"'], author="CEPT").accept()
    b = itu_nb.amend(RES130, [R2 + 'replace "high" by "utmost"'], author="APT")
    c = itu_nb.amend(RES130, ['In resolves 4, replace "promote" by "foster"'], author="APT").accept()
    draft = itu_nb.merge(RES130, {"Europe": a, "Asia-Pacific": b, "Third": c})
    assert draft.plan.sides == ("Europe", "Asia-Pacific", "Third")
    (conflict,) = draft.conflict_list
    assert set(conflict.sides) == {"Europe", "Asia-Pacific"}
    assert {e.side: e.author for e in conflict.edits} == {"Europe": "Europe", "Asia-Pacific": "APT"}
    assert {c.author for c in draft.changes} == {"Third"}
    assert draft.resolve(conflict.id, side="Europe")["resolves/2"].body().startswith("to give top priority")
    with pytest.raises(itu_nb.LoadError, match="missing.md: no such file"):
        itu_nb.merge(RES130, {"A": "missing.md"})
