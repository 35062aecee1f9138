"""Accept and reject on the real PP-18 Resolution 130 proposal (B/67/4, CriticMarkup reconstruction)."""

from __future__ import annotations

import re

import pytest
from conftest import CRITIC
from hypothesis import given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.model.review import decide

DOC = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
RES130 = DOC["B/67/4"]


def test_changes_count_matches_the_corpus_readme():
    # corpus README: "B/67/4 23 insertions, 3 deletions, 47 replacements"
    kinds = [c.kind for c in RES130.changes]
    assert kinds.count("inserted") == 23
    assert kinds.count("deleted") == 3
    assert kinds.count("replaced") + kinds.count("relabelled") == 47
    assert set(kinds) <= set(itu_nb.model.CHANGE_KINDS)


def _at(p, path):
    return [c for c in p.changes if c.path == path]


def test_change_ids_and_relabels():
    # source line 95 "{--c--}{++b++})\t…"
    relabel = _at(RES130, "considering/b#2")[0]
    assert (relabel.kind, relabel.scope, relabel.old, relabel.new) == ("relabelled", "label", "c", "b")
    # ids are the clause's key and a digest of what the change is
    assert re.fullmatch(r"considering/b#2@[0-9a-f]{8}", relabel.id)
    # source line 67: "(Rev. {--Busan, 2014--}{++Dubai, 2018++})"
    heading = _at(RES130, "heading")[0]
    assert (heading.kind, heading.old, heading.new) == ("replaced", "Busan, 2014", "Dubai, 2018")
    assert heading.author == "Brazil" and heading.date == "2018-09-10"
    assert RES130.changes[heading.id] == heading
    assert len(set(RES130.changes.ids)) == len(RES130.changes)


def test_accept_all_is_the_amended_view_and_reject_all_the_original():
    accepted = RES130.accept()
    assert not accepted.changed
    assert accepted.text("amended") == accepted.text("original") == RES130.text("amended")
    rejected = RES130.reject()
    assert not rejected.changed
    assert rejected.text("original") == RES130.text("original")
    assert accepted.provenance == ("accepted 73 changes",)
    assert RES130.changed  # nothing was mutated


def test_change_by_change_ends_at_the_amended_and_original_views():
    p = RES130
    for _ in range(100):
        changes = p.changes
        if not changes:
            break
        p = p.accept(changes[0].id)
    assert p.text("amended") == RES130.text("amended") and not p.changed
    p = RES130
    while p.changes:
        p = p.reject(p.changes[-1].id)
    assert p.text("original") == RES130.text("original")


def test_section_filter_leaves_other_sections_tracked():
    p = RES130.accept(section="considering")
    assert not any(c.section == "considering" for c in p.changes)
    assert p["considering/b#2"].label_runs[0].text.startswith("b")
    assert "considering/h" not in {n.path for n in p.walk()}  # the deleted h) is gone
    assert len(p.changes) == len([c for c in RES130.changes if c.section != "considering"])


def test_rejecting_inserted_clauses_removes_them_and_restores_deleted_ones():
    p = RES130.reject(section="considering")
    paths = [n.path for n in p["considering"].walk()]
    assert "considering/i" not in paths and "considering/k" not in paths  # lines 103-105, inserted
    assert p["considering/h"].line_text("amended").startswith("h)\tthat the number of cyberthreats")
    assert p["considering/b#2"].label == "c)"


def test_author_filter():
    assert RES130.accept(author="CEPT").changes == RES130.changes
    assert not RES130.accept(author="Brazil").changed


def test_unknown_change_id_is_a_clear_error():
    with pytest.raises(itu_nb.AddressError, match=r"B/67/4: no change 'considering/z@1'; changes include \["):
        RES130.accept("considering/z@1")


def test_accept_then_reject_nothing_is_idempotent():
    once = RES130.accept()
    assert once.accept().clauses == once.clauses
    assert RES130.reject(ids=[]).clauses == RES130.clauses


IDS = [c.id for c in RES130.changes]


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(IDS)))
def test_any_split_of_decisions_settles_every_change(accepted):
    rejected = [i for i in IDS if i not in accepted]
    p = decide(RES130, accepted, rejected)
    assert not p.changed
    # accepted insertions are there, rejected ones are not (checked on whole inserted clauses)
    for cid in accepted:
        c = next(c for c in RES130.changes if c.id == cid)
        if c.kind == "inserted" and len(c.new) > 40:
            assert c.new.strip()[:40] in p.text("amended")
    # accepting the rest afterwards still ends at a consistent text: no tracked change is left
    assert p.accept().clauses == p.clauses
