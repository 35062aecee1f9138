"""Rejecting the analyst's moves of clauses read from Akoma Ntoso gives each moved clause's marks back to its own.

A clause read from Akoma Ntoso has no source line (``Clause.line`` is None) and no Word move name, so a rejected
copy found its original by text alone (``itu_nb.model.moved.identity``): two moved clauses of one text swapped
their comments (issue 17).  A :class:`itu_nb.Review` now records, for each of its edits, which copy each move made
of which clause, by key (``Review.moves``, :func:`itu_nb.amendments.moved_pairs.moves_made`), and its result gives
a rejected copy's marks to that clause.

Data: as ``test_review_moved_marks.py``, Brazil's Document 67 (``CRITIC``) with line 214 (recalling a)'s first
bullet of B/67/5, "the outcomes of the World Summit on the Information Society (WSIS) and the WSIS+10 High-Level
meetings;") written twice, so recalling a) holds ``bullet1`` and ``bullet2`` of one text and ``bullet3`` (United
Nations General Assembly Resolution A/RES/70/125 …), here written as Akoma Ntoso by ``to_akn`` and read back.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.amendments.operations import Comment, DeleteClause, MoveClause
from itu_nb.model import Artefact

KEY = "B/67/5"
WSIS = "the outcomes of the World Summit on the Information Society (WSIS) and the WSIS+10 High-Level meetings;"
DAY = "2026-12-05"
#: Where ``Comment`` puts a comment on such a bullet: after its label ``•`` and TAB and its 103 characters.
END = len("•\t" + WSIS)


@pytest.fixture(scope="module")
def akn(tmp_path_factory):
    lines = CRITIC.read_text(encoding="utf-8").split("\n")
    at = lines.index("•\t" + WSIS)
    twice = itu_nb.load("\n".join(lines[: at + 1] + lines[at:]), format="criticmarkup", author="Brazil")
    path = tmp_path_factory.mktemp("akn") / "doc67-twice.akn.xml"
    path.write_text(itu_nb.to_akn(twice), encoding="utf-8")
    return path


@pytest.fixture
def doc(akn):
    return itu_nb.load(akn)


def bullets(p) -> list[tuple[str, str, str, list[tuple[str, int | None]]]]:
    """recalling a)'s sub-clauses: (key, status, text, [(comment text, offset)])."""
    return [
        (c.key, c.status, c.body(), [(a.text, a.offset) for a in c.artefacts if a.kind == "comment"])
        for c in p["recalling/a"].children
    ]


def test_the_bullets_read_from_akn_have_no_line(doc):
    kids = doc[KEY]["recalling/a"].children
    assert [(c.path, c.line, c.body() == WSIS) for c in kids] == [
        ("recalling/a/bullet1", None, True),
        ("recalling/a/bullet2", None, True),
        ("recalling/a/bullet3", None, False),
    ]


def _reject_ana(review: itu_nb.Review) -> itu_nb.Proposal:
    review.decide(KEY, [c.id for c in review.proposal(KEY).changes if c.author == "Ana"], "reject")
    return review.result(KEY)


def _as_read(doc, notes: tuple[list, list]) -> list:
    """recalling a) as read, bullet1 and bullet2 with the comments ``notes`` (each a list of (text, offset))."""
    third = bullets(doc[KEY])[2]
    return [
        ("recalling/a/bullet1", "unchanged", WSIS, notes[0]),
        ("recalling/a/bullet2", "unchanged", WSIS, notes[1]),
        (third[0], "unchanged", third[2], []),
    ]


def test_two_moved_bullets_of_one_text_get_their_own_comments_back(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [Comment("recalling/a/bullet1", "first"), Comment("recalling/a/bullet2", "second")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], date=DAY)
    assert [(k, s, n) for k, s, _, n in bullets(review.proposal(KEY))] == [
        ("recalling/a/p1", "inserted", [("second", END)]),
        ("recalling/a/bullet1", "deleted", []),
        ("recalling/a/bullet2", "deleted", []),
        ("recalling/a/bullet3", "unchanged", []),
        ("recalling/a/p2", "inserted", [("first", END)]),
    ]
    assert review.moves(KEY) == {"recalling/a/p1": "recalling/a/bullet2", "recalling/a/p2": "recalling/a/bullet1"}
    # 371120b paired them by text in reading order: bullet1 got "second", bullet2 "first"
    assert bullets(_reject_ana(review)) == _as_read(doc, ([("first", END)], [("second", END)]))


def test_comments_made_on_the_copies_after_the_moves_go_to_their_own_originals(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], date=DAY)
    review.edit(KEY, [Comment("recalling/a/p1", "moved from bullet2"), Comment("recalling/a/p2", "from bullet1")])
    assert bullets(_reject_ana(review)) == _as_read(doc, ([("from bullet1", END)], [("moved from bullet2", END)]))


def test_a_copy_moved_again_gives_its_comment_to_the_first_original(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [Comment("recalling/a/bullet2", "second")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/p1", after="recalling/a/bullet3")], date=DAY)
    moved = bullets(review.proposal(KEY))
    assert [(s, n) for _, s, _, n in moved] == [
        ("unchanged", []),
        ("deleted", []),
        ("unchanged", []),
        ("inserted", [("second", END)]),
    ]
    assert review.moves(KEY) == {moved[3][0]: "recalling/a/bullet2"}
    # the copy of the copy pairs with bullet2 (371120b gave it there too, by text: the only struck bullet)
    assert bullets(_reject_ana(review)) == _as_read(doc, ([], [("second", END)]))


def test_a_struck_bullet_and_a_moved_one_of_one_action(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [Comment("recalling/a/bullet2", "keep this one")], date=DAY)
    review.edit(
        KEY,
        [DeleteClause("recalling/a/bullet1"), MoveClause("recalling/a/bullet2", after="recalling/a/bullet3")],
        date=DAY,
    )
    assert [(s, n) for _, s, _, n in bullets(review.proposal(KEY))] == [
        ("deleted", []),
        ("deleted", []),
        ("unchanged", []),
        ("inserted", [("keep this one", END)]),
    ]
    # 371120b gave the comment to bullet1, the first struck clause of that text
    assert bullets(_reject_ana(review)) == _as_read(doc, ([], [("keep this one", END)]))


def _highlighted(p, path: str, word: str) -> itu_nb.Proposal:
    """``p`` with Ana's highlight on ``word`` in clause ``path`` (a highlight has no text: only its words)."""
    c = p[path]
    at = "".join(r.text for r in c.label_runs + c.runs).index(word)
    mark = Artefact("highlight", "", c.line, at, Op.EQUAL, length=len(word))
    a = p["recalling/a"]
    kids = tuple(dataclasses.replace(k, artefacts=(*k.artefacts, mark)) if k is c else k for k in a.children)
    new_a = dataclasses.replace(a, children=kids)
    recalling = p["recalling"]
    top = dataclasses.replace(recalling, children=tuple(new_a if k is a else k for k in recalling.children))
    return dataclasses.replace(p, clauses=tuple(top if k is recalling else k for k in p.clauses))


def test_the_review_saved_and_read_again_keeps_the_pairs(akn, tmp_path):
    doc = itu_nb.load(akn)
    sidecar = tmp_path / "review.json"
    review = itu_nb.Review(doc, author="Ana", path=sidecar)
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], date=DAY)
    review.edit(KEY, [Comment("recalling/a/p1", "from bullet2")], date=DAY)
    again = itu_nb.Review.load(sidecar, itu_nb.load(akn))  # the edits replayed from the file
    assert (
        again.moves(KEY)
        == review.moves(KEY)
        == {
            "recalling/a/p1": "recalling/a/bullet2",
            "recalling/a/p2": "recalling/a/bullet1",
        }
    )
    # 371120b gave the comment to bullet1, the first struck clause of that text
    assert bullets(_reject_ana(again)) == _as_read(doc, ([], [("from bullet2", END)]))


def test_highlights_on_two_moved_bullets_of_one_text_come_back_on_their_own_words(doc):
    p = _highlighted(_highlighted(doc[KEY], "recalling/a/bullet1", "World Summit"), "recalling/a/bullet2", "WSIS+10")
    review = itu_nb.Review(p, author="Ana")
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], date=DAY)
    back = _reject_ana(review)

    def lit(c) -> list[str]:
        text = "".join(r.text for r in c.label_runs + c.runs)
        return [text[a.offset : a.offset + a.length] for a in c.artefacts if a.kind == "highlight"]

    # 371120b: bullet1 got "WSIS+10" and bullet2 "World Summit"
    assert [(c.key, lit(c)) for c in back["recalling/a"].children][:2] == [
        ("recalling/a/bullet1", ["World Summit"]),
        ("recalling/a/bullet2", ["WSIS+10"]),
    ]


def test_a_clause_moved_with_its_bullets_gives_each_its_own_comment_back(doc):
    review = itu_nb.Review(doc, author="Ana")
    notes = [
        Comment("recalling/a", "on a)"),
        Comment("recalling/a/bullet1", "first"),
        Comment("recalling/a/bullet2", "second"),
    ]
    review.edit(KEY, notes, date=DAY)
    review.edit(KEY, [MoveClause("recalling/a", after="recalling/c")], date=DAY)
    # the copy of recalling a) and of its three bullets, keyed as new clauses, each paired with its original
    assert review.moves(KEY) == {
        "recalling/c+2": "recalling/a",
        "recalling/c/bullet1": "recalling/a/bullet1",
        "recalling/c/bullet2": "recalling/a/bullet2",
        "recalling/c/bullet3": "recalling/a/bullet3",
    }
    back = _reject_ana(review)
    # "a)<TAB>the principles on Internet-related policymaking set out in" (line 213): 61 characters
    assert [(a.text, a.offset) for a in back["recalling/a"].artefacts] == [("on a)", 61)]
    assert bullets(back) == _as_read(doc, ([("first", END)], [("second", END)]))
