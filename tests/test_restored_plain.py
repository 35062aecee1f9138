"""Rejecting a deletion, or accepting an insertion, leaves plain text, no one's (issue 17, remains of session 20).

A decided change's text that stays (a deletion rejected, an insertion accepted) was kept as an equal run that still
carried its author and date, so it did not join the text around it: both views read right, but the runs stayed cut
where the change had been, and a clause edited then rejected was not the clause as read.  It is now plain text.

Data, read by eye in the sources: Brazil's Document 67, B/67/4 (MOD Resolution 130), resolves 3 (source line 141),
which ends ``… at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}…``; Final
Acts, Resolution 130, resolves 2: "to give high priority to the work of ITU …".
"""

from __future__ import annotations

from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import ReplaceWords
from itu_nb.amendments.reviewing import Review
from itu_nb.model import Run

RES130 = itu_nb.load(FINAL_ACTS)["Resolution 130"]


def _of(p, author: str) -> list[str]:
    return [c.id for c in p.changes if c.author == author]


def test_rejecting_a_deletion_gives_the_clause_back_run_for_run():
    doc = itu_nb.load(CRITIC, author="Brazil")
    clause = doc["B/67/4"]["resolves/3"]
    # Ana replaces Brazil's text around his insertion: her deletions cut his equal runs in three
    ops = [ReplaceWords("resolves/3", "(Resolution 45) and WTDC-17,", "(Resolution 45) and WTDC-21,")]
    edited = apply_ops(doc["B/67/4"], ops, author="Ana", date="2026-12-05")
    back = edited.reject(_of(edited, "Ana"))["resolves/3"]
    assert back == clause  # before: "WTDC‑14 " and "(Resolution 45)" kept Ana's name, runs not joined
    assert all(r.author is None for r in back.runs if r.op is Op.EQUAL)


def test_accepting_an_insertion_gives_plain_text():
    edited = itu_nb.amend(RES130, 'In resolves 2, replace "high" by "top"', author="Ana", date="2026-12-05")
    c = edited.accept()["resolves/2"]
    assert c.runs == (Run(Op.EQUAL, RES130["resolves/2"].body().replace("high", "top", 1)),)


def test_a_review_saved_and_loaded_settles_the_same(tmp_path):
    doc = itu_nb.load(CRITIC)
    review = Review(doc, author="Ana")
    review.edit("B/67/4", [ReplaceWords("resolves/3", "(Resolution 45) and WTDC-17,", "(Resolution 45),")])
    ana = _of(review.proposal("B/67/4"), "Ana")
    review.decide("B/67/4", ana, "reject")
    again = Review.load(review.save(tmp_path / "r.json"), itu_nb.load(CRITIC))
    assert again.decisions("B/67/4") == dict.fromkeys(ana, "reject")  # the ids stable
    assert again.result("B/67/4") == review.result("B/67/4")
    assert again.result("B/67/4")["resolves/3"] == doc["B/67/4"]["resolves/3"]  # run for run as read
