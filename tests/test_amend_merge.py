"""Merging proposals onto one base: the consolidated draft and its conflicts.

Base: Resolution 130 (Rev. Dubai, 2018) from the PP-18 Final Acts.  Two synthetic
proposals are written on it with real instructions (texts quoted in the comments are
from that resolution); Brazil's real B/67/4 is merged onto its own original view.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.amendments.edits import DeleteClause, InsertClause, ReplaceWords, apply_ops
from itu_nb.amendments.merging import merge
from itu_nb.amendments.relettering import repath

FIXTURES = Path(__file__).parent / "fixtures"
RES130 = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
B130 = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]

# resolves 2 "to give high priority to the work of ITU…"; recognizing b) "that the development of ICTs has
# been and continues to be instrumental…"; noting d) "the Union's initiative on cooperation with…";
# resolves 4 "to promote a culture in which security is seen…"; aware b) "that ITU-T Study Group 17…"
CEPT = itu_nb.amend(
    RES130,
    [
        'In resolves 2, replace "high priority" by "the highest priority"',
        "Add a new considering c) reading: that CEPT says so;",
        'In recognizing b), replace "instrumental" by "key"',
        "Delete noting d)",
        'In resolves 4, replace "promote" by "foster"',
    ],
    author="CEPT",
    date="2018-09-01",
)
APT = itu_nb.amend(
    RES130,
    [
        'In resolves 2, replace "high priority" by "top priority"',
        "Add a new considering c) reading: that APT says so;",
        'In recognizing b), replace "ICTs" by "telecommunications"',
        'In noting d), replace "initiative" by "work"',
        'In resolves 4, replace "promote" by "foster"',
        "Delete aware b)",
    ],
    author="APT",
    date="2018-09-02",
)
DRAFT = merge(RES130, [CEPT, APT])


def test_every_conflict_is_found_and_none_is_invented():
    conflicts = DRAFT.conflicts
    found = {(k, p) for k, p in conflicts[["kind", "path"]].itertuples(index=False)}
    assert found == {
        ("delete-modify", "noting/d"),  # CEPT deletes noting d), APT edits it
        ("overlap", "resolves/2"),  # both rewrite "high priority"
        ("same-slot", "considering"),  # both add a new c) after b)
    }
    assert all(set(g.side) == {"CEPT", "APT"} for _, g in conflicts.groupby("conflict"))
    same_slot = conflicts[conflicts.kind == "same-slot"]
    assert set(same_slot.citation) == {"after considering b)"}
    overlap = conflicts[conflicts.kind == "overlap"]
    assert set(overlap.base_text) == {"high"} and set(overlap.new) == {"top", "the highest"}


def test_uncontested_changes_are_in_the_draft_with_their_authors():
    assert DRAFT.text("original") == RES130.text("original")
    b = DRAFT["recognizing/b"]
    # two proposals, different words of one clause: both applied, no conflict
    assert b.body().startswith("that the development of telecommunications has been and continues to be key for")
    assert {c.author for c in DRAFT.changes if c.path == "recognizing/b"} == {"CEPT", "APT"}
    # the same edit from both is agreement: applied once
    assert DRAFT["resolves/4"].body().startswith("to foster a culture in which security")
    assert len([c for c in DRAFT.changes if c.path == "resolves/4"]) == 1
    # APT's deletion of aware b) reletters c) … h) as b) … g), relabels by APT
    assert DRAFT["aware/b"].status == "deleted"
    assert DRAFT["aware/b#2"].label_original == "c)" and DRAFT["aware/b#2"].label == "b)"
    assert {c.author for c in DRAFT.changes if c.path.startswith("aware")} == {"APT"}
    # contested edits stay out until resolved
    assert DRAFT["resolves/2"].body().startswith("to give high priority")
    assert not DRAFT["noting/d"].changed
    assert [c.label for c in DRAFT["considering"].children][:3] == ["a)", "b)", "c)"]


def test_resolving_conflicts_by_side_or_text():
    ids = dict(DRAFT.conflicts[["kind", "conflict"]].drop_duplicates().itertuples(index=False))
    d = DRAFT.resolve(ids["overlap"], side="APT")
    assert d["resolves/2"].body().startswith("to give top priority")
    assert d.conflicts.set_index("conflict").loc[ids["overlap"], "resolution"].tolist() == ["APT", "APT"]
    d = d.resolve(ids["same-slot"], side="all")
    # CEPT's c) then APT's d); the old c) "the cybersecurity-related provisions…" becomes e)
    assert [d[f"considering/{x}"].body() for x in "cd"] == ["that CEPT says so;", "that APT says so;"]
    assert d["considering/e"].label_original == "c)"
    d = d.resolve(ids["delete-modify"], text="the Union's work on cooperation with FIRST;", author="Chair")
    assert d["noting/d"].body() == "the Union's work on cooperation with FIRST;"
    assert {c.author for c in d.changes if c.path == "noting/d"} == {"Chair"}
    assert d.text("original") == RES130.text("original")
    assert "resolved" in d.provenance[-1]


def test_resolving_keeps_the_decisions_made_on_the_draft():
    # accept CEPT's "promote" → "foster" (resolves 4), reject APT's "ICTs" → "telecommunications"
    # (recognizing b)), then settle c2: the new draft has both decisions, as if made on it
    foster = next(c.id for c in DRAFT.changes if c.path == "resolves/4")
    icts = next(c.id for c in DRAFT.changes if c.path == "recognizing/b")
    reviewed = DRAFT.accept(foster).reject(icts)
    resolved = reviewed.resolve("c2", side="CEPT")
    fresh = DRAFT.resolve("c2", side="CEPT")
    # the ids are stable: the same ids name the same changes on the draft built again
    assert resolved == fresh.accept(foster).reject(icts)
    assert resolved["resolves/4"].body().startswith("to foster a culture in which security")
    assert "ICTs has been and continues to be key" in resolved["recognizing/b"].body()
    assert resolved.provenance[-3:] == ("resolved c2: CEPT", "accepted 1 change", "rejected 1 change")


def test_a_decision_the_resolution_overtakes_is_dropped_and_said():
    # P1 deletes considering b), so c) … r) are relettered b) … q) (its relabels); P2 and P3 each add a
    # considering c): a same-slot conflict.  Accepting P1's deletion and its relabel e) → d), then
    # inserting both new clauses, reletters old e) to f): that relabel no longer exists
    p1 = itu_nb.amend(RES130, ["Delete considering b)"], author="P1", date="2018-09-01")
    p2 = itu_nb.amend(RES130, ["Add a new considering c) reading: that P2 says so;"], author="P2")
    p3 = itu_nb.amend(RES130, ["Add a new considering c) reading: that P3 says so;"], author="P3")
    draft = merge(RES130, [p1, p2, p3])
    assert [(c.path, c.kind, c.old, c.new) for c in draft.changes][2:4] == [
        ("considering/c", "relabelled", "d", "c"),
        ("considering/d", "relabelled", "e", "d"),
    ]
    # a relettered clause keeps its key (its path in the base): d) → c) is still considering/d
    assert [c.id.split("@")[0] for c in draft.changes][2:4] == ["considering/d", "considering/e"]
    deletion = next(c.id for c in draft.changes if c.path == "considering/b")
    e_to_d = draft.changes[3].id
    resolved = draft.accept([deletion, e_to_d]).resolve("c1", side="all")
    assert [c.label for c in resolved.walk() if c.section == "considering"][1:5] == ["a)", "b)", "c)", "d)"]
    assert resolved["considering/b#2"].body() == "that P2 says so;"  # paths stay as the draft had them
    assert not [c for c in resolved.changes if c.kind == "deleted"]  # the accepted deletion is gone
    assert resolved.provenance[-2:] == (
        "accepted 1 change",
        "a decision on considering/d (relabelled 'e' → 'd') no longer applies",
    )


def test_a_real_proposal_merged_onto_its_own_original_gives_its_amended_view():
    # B/67/4, the CriticMarkup reconstruction: 73 tracked changes, relettered lists, inserted items
    base = repath(B130.original)
    draft = merge(base, [B130])
    assert draft.conflict_list == ()
    # recognizing ii) "Resolution 52 …" (source line 120) sits under the inserted l) when amended and
    # directly under recognizing when original: it is carried over once, not with l)
    assert draft.text("original") == base.text("original")
    assert draft.text("amended") == B130.text("amended")
    assert {c.author for c in draft.changes} == {"Brazil"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_applying_a_comparisons_changes_to_its_old_side_yields_its_new_side(data):
    # the new side: Resolution 130 with random insertions, deletions and word changes (any clause)
    new = RES130
    for _ in range(data.draw(st.integers(1, 4))):
        items = [c.path for c in new.walk() if c.kind.value == "item" and c.exists_in("amended")]
        path = data.draw(st.sampled_from(items))
        kind = data.draw(st.sampled_from(["insert", "delete", "words"]))
        if kind == "insert":
            op = InsertClause("to study the matter further;", after=path)
        elif kind == "delete":
            op = DeleteClause(path)
        else:
            op = ReplaceWords(path, new[path].body().split()[0], "To", occurrence=1)
        new = apply_ops(new, [op], author="X")
    new = new.accept()
    draft = merge(RES130, [new])
    assert draft.text("original") == RES130.text("original")
    assert draft.text("amended") == new.text("amended")
