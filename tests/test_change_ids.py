"""Stable change ids (itu_nb.model.change) on the real B/67/4 proposal (Brazil, MOD Resolution 130).

An id is the clause's key and a digest of what the change is, so it must name the same change
whatever else is decided, in whatever order, and after a save and reload in every format.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import CRITIC, FINAL_ACTS, nth
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb

B674 = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")["B/67/4"]
IDS = B674.changes.ids
FORMATS = ("criticmarkup", "docx", "akn")


def what(c):
    """What a change is, apart from where it stands (offsets move when earlier changes are decided)."""
    return (c.kind, c.scope, c.path, c.section, c.old, c.new, c.author, c.date)


def reloaded(p, fmt: str):
    """``p`` written in ``fmt`` and read back by itu_nb's own loader."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / {"criticmarkup": "x.critic.md", "docx": "x.docx", "akn": "x.akn.xml"}[fmt]
        {"criticmarkup": itu_nb.to_criticmarkup, "docx": itu_nb.to_docx, "akn": itu_nb.to_akn}[fmt](p, out)
        return itu_nb.load(out)[0]


def test_ids_are_unique_and_every_change_has_one():
    assert len(IDS) == len(set(IDS)) == 73  # corpus README: 23 insertions, 3 deletions, 47 replacements


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_deciding_one_by_one_in_any_order_is_deciding_at_once(data):
    accepted = data.draw(st.sets(st.sampled_from(IDS)), label="accepted")
    rejected = data.draw(st.sets(st.sampled_from([i for i in IDS if i not in accepted])), label="rejected")
    order = data.draw(st.permutations(sorted(accepted | rejected)), label="order")
    before = {c.id: what(c) for c in B674.changes}
    p, done = B674, set()
    for cid in order:
        p = p.accept(cid) if cid in accepted else p.reject(cid)
        done.add(cid)
        # every id not yet decided is still there and names the same change
        assert {c.id: what(c) for c in p.changes} == {i: w for i, w in before.items() if i not in done}
    at_once = B674.accept(sorted(accepted)).reject(sorted(rejected))
    assert p.clauses == at_once.clauses
    for view in ("original", "amended"):
        assert p.text(view) == at_once.text(view)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_ids_survive_a_save_and_reload_in_every_format(data):
    accepted = data.draw(st.sets(st.sampled_from(IDS), max_size=20), label="accepted")
    rejected = data.draw(st.sets(st.sampled_from([i for i in IDS if i not in accepted]), max_size=20))
    p = B674.accept(sorted(accepted)).reject(sorted(rejected))
    expected = {c.id: (c.kind, c.old, c.new) for c in p.changes}
    for fmt in FORMATS:
        again = reloaded(p, fmt)
        assert {c.id: (c.kind, c.old, c.new) for c in again.changes} == expected, fmt


def test_ids_survive_relettering_by_an_amendment():
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    # a new considering c) reletters the Final Acts' c) … r) to d) … s): each relabel is a change of the
    # clause it always was (considering/c is now labelled d) but keeps its key)
    draft = itu_nb.amend(adopted, ["Add a new considering c) reading: that SMEs need help;"], author="CEPT")
    relabel = draft["considering/d"].changes[0]
    assert (relabel.kind, relabel.old, relabel.new) == ("relabelled", "c", "d")
    assert relabel.id.startswith("considering/c@")
    # a second amendment on the draft keeps every id of the first
    again = itu_nb.amend(draft, ['In resolves 2, replace "high priority" by "the highest priority"'], author="CEPT")
    assert set(draft.changes.ids) <= set(again.changes.ids)
    # and the draft saved and reloaded has the same ids, keys written in the file where the path moved
    for fmt in FORMATS:
        assert reloaded(again, fmt).changes.ids == again.changes.ids, fmt


def test_a_comparison_and_the_proposal_made_from_it_name_changes_alike():
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    cmp = itu_nb.compare(B674, adopted)
    made = cmp.to_proposal()
    assert cmp.changes.ids == made.changes.ids
    # accepting a comparison's change by its id is accepting that change of the proposal made from it
    first = cmp.changes[0]
    assert first.id not in cmp.accept(first.id).changes.ids
    # the redline of a proposal names its changes as the proposal does
    assert B674.redline().changes.ids == IDS


def test_identical_changes_in_one_clause_keep_their_ids_when_one_is_decided():
    # compare writes each no-break space of the proposal that the Final Acts write as a space as one
    # change (recalling h) has several): deciding one must not hand its id to the next (typography
    # shown: itu_nb.compare hides it by default)
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    made = itu_nb.compare(B674, adopted, typography="show").to_proposal()
    twins = [c for c in made.changes if c.path == "recalling/h" and (c.old, c.new) == ("\xa0", " ")]
    assert len(twins) >= 2 and len({c.id for c in twins}) == len(twins)
    for decided in (made.accept(twins[0].id), made.reject(twins[0].id)):
        left = [c.id for c in decided.changes if c.path == "recalling/h" and (c.old, c.new) == ("\xa0", " ")]
        assert left == [c.id for c in twins[1:]]
        for fmt in FORMATS:  # and after a save and reload
            assert reloaded(decided, fmt).changes.ids == decided.changes.ids, fmt


def test_rejecting_an_inserted_clause_keeps_what_stands_under_it():
    # lines 117-119 insert recognizing j), k), l) between the sub-items i) and ii) of recognizing i) (lines
    # 115-116, 120), so the parser reads ii) as l)'s child; rejecting l) removes l) and keeps ii) one level
    # up (no empty clause left behind, which a save and reload would lose, and the ids with it)
    inserted = nth(B674, "recognizing/l@1")
    p = B674.reject(inserted)
    assert "recognizing/l" not in {n.path for n in p.walk()}
    ii = next(n for n in p.walk() if n.body().startswith("Resolution\xa052 (Rev.\xa0Dubai, 2012)"))
    assert ii.label == "ii)" and ii.key == "recognizing/l/ii"
    assert sum(1 for _ in p.walk()) == sum(1 for _ in B674.walk()) - 1
    for fmt in FORMATS:
        assert reloaded(p, fmt).changes.ids == p.changes.ids, fmt
