"""Rejecting the move of a clause that had tracked changes gives its comments and highlights back to it.

A move strikes the original and places a copy of its amended text (:func:`itu_nb.amendments.wording.inserted_copy`)
holding its marks.  When the original had tracked changes, the two no longer read alike: the copy is the amended
text, the struck original the original text (its deletions by another author stay tracked, and may stay undecided).
Session 18 paired a rejected copy with an original of the same text whose changes were all rejected, so such a
copy found none and its marks went to the clause before it (issue 17).

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), resolves 3 (source line 141, 1-based; the
clause's ``line`` is 140), which ends, as Brazil changed it::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities
    under Question<NBSP>3/2;<space>

and resolves 4 after it (line 142): "to contribute to further strengthening the trust and security framework, …".
The analyst Ana comments on resolves 3 and highlights its word "Objective" with a comment after it, then moves
it after resolves 4; rejecting her changes (Brazil's stay tracked) must give each mark back to resolves 3, on the
same word, and the exports must keep them there with their author and date.

Brazil's insertions in resolves 3 come back too (session 20): striking a clause (a move, or ``DeleteClause``) keeps
another author's inserted runs as ``struck-insert`` artefacts, which rejecting the strike turns back into his
insertions (before, its amended view read "including Objective<NBSP>and in activities": no "2 ", no "and WTDC-17").
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import Comment, DeleteClause, MoveClause
from itu_nb.model import Artefact
from itu_nb.model.moved import text_placer

KEY = "B/67/4"
DAY = "2026-12-05"
#: How resolves 3 ends in each view ("Objective" and "Question" are followed by a no-break space in the source).
TAIL_ORIGINAL = "WTDC‑14 (Resolution 45), including Objective\u00a03 and in activities under Question\u00a03/2; "
TAIL_AMENDED = (
    "WTDC‑14 (Resolution 45) and WTDC-17, including Objective\u00a02 and in activities under Question\u00a03/2; "
)


@pytest.fixture(scope="module")
def doc():
    return itu_nb.load(CRITIC, author="Brazil")


def _source(c) -> str:
    """The clause's label and text, as its artefacts' offsets count them (both views)."""
    return "".join(r.text for r in c.label_runs + c.runs)


def _marked(p):
    """``p`` with Ana's highlight on "Objective" in resolves 3 and her comment "which objective?" right after it."""
    c = p["resolves/3"]
    at = _source(c).index("Objective")
    arts = (
        Artefact("highlight", "", c.line, at, Op.EQUAL, length=len("Objective")),
        Artefact("comment", "which objective?", c.line, at + len("Objective"), Op.EQUAL, "Ana", DAY),
    )
    resolves = p["resolves"]
    kids = tuple(dataclasses.replace(k, artefacts=k.artefacts + arts) if k is c else k for k in resolves.children)
    return dataclasses.replace(
        p, clauses=tuple(dataclasses.replace(x, children=kids) if x is resolves else x for x in p.clauses)
    )


def _marks_of(c) -> list[tuple[str, str, str, str | None, str | None]]:
    """``c``'s comments and highlights: (kind, the words a highlight covers or the 12 characters before a comment,
    text, author, date)."""
    text = _source(c)
    return [
        (
            a.kind,
            text[a.offset : a.offset + a.length] if a.kind == "highlight" else text[a.offset - 12 : a.offset],
            a.text,
            a.author,
            a.date[:10] if a.date else a.date,
        )
        for a in c.artefacts
        if a.kind in ("comment", "highlight")
    ]


def marks(p) -> list[tuple[int | None, str, list]]:
    """(source line from 0, status, :func:`_marks_of`) for resolves 1 to 4 as read (lines 138 to 141, in any
    order), not the moved copy."""
    rows = [(c.line, c.status, _marks_of(c)) for c in p["resolves"].children]
    return sorted((r for r in rows if r[0] in (138, 139, 140, 141) and r[1] != "inserted"), key=lambda r: r[0] or 0)


def test_resolves_3_has_a_tracked_insertion_as_read(doc):
    c = doc[KEY]["resolves/3"]
    assert c.line == 140 and c.label == "3"
    assert c.body("original").endswith(TAIL_ORIGINAL) and c.body("amended").endswith(TAIL_AMENDED)
    assert [(r.op.name, r.text) for r in c.runs if r.op is not Op.EQUAL] == [
        ("INSERT", " and WTDC-17"),
        ("DELETE", "3 "),
        ("INSERT", "2 "),
    ]


def _review(doc) -> itu_nb.Review:
    review = itu_nb.Review(_marked(doc[KEY]), author="Ana")
    review.edit(KEY, [Comment("resolves/3", "which WTDC?")], date=DAY)
    review.edit(KEY, [MoveClause("resolves/3", after="resolves/4")], date=DAY)
    return review


#: Ana's marks on resolves 3, read off its text by eye: "Objective" highlighted, her comment after it, and her
#: comment at the end of the clause (after "Question 3/2; ").
MARKS = [
    ("highlight", "Objective", "", None, None),
    ("comment", "ng Objective", "which objective?", "Ana", DAY),
    ("comment", "estion\u00a03/2; ", "which WTDC?", "Ana", DAY),
]


def test_the_moved_copy_holds_the_marks(doc):
    moved = _review(doc).proposal(KEY)
    # the copy carries the move's name (moves20; it kept resolves 3's line 140 before, and now is read from none)
    (copy,) = [c for c in moved["resolves"].children if {r.move for r in c.runs} == {"move-resolves/3"}]
    assert copy.line is None and copy.status == "inserted"
    assert _source(copy).endswith(TAIL_AMENDED)  # the amended text, Brazil's changes settled in it
    assert _marks_of(copy) == MARKS
    assert marks(moved) == [
        (138, "unchanged", []),
        (139, "unchanged", []),
        (140, "deleted", []),  # struck by the move: Brazil's deletion "3 " stays in it, his insertions went
        (141, "modified", []),  # relabelled 4 → 3 by the move
    ]


def test_rejecting_the_move_gives_the_marks_back_to_resolves_3(doc):
    review = _review(doc)
    ana = [c.id for c in review.proposal(KEY).changes if c.author == "Ana"]
    review.decide(KEY, ana, "reject")
    back = review.result(KEY)
    # 371120b gave all three to resolves 4 (line 141), the clause before the copy, at its end
    assert marks(back) == [
        (138, "unchanged", []),
        (139, "unchanged", []),
        (140, "modified", MARKS),  # Brazil's deletion "3 " still tracked: not decided
        (141, "unchanged", []),
    ]
    assert back["resolves/3"].body("original").endswith(TAIL_ORIGINAL)


@pytest.mark.parametrize("op", [MoveClause("resolves/3", after="resolves/4"), DeleteClause("resolves/3")])
def test_rejecting_the_move_or_the_deletion_brings_back_brazils_insertions(doc, op):
    struck = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    back = struck.reject([c.id for c in struck.changes if c.author == "Ana"])
    # 371120b and this branch: "… (Resolution 45), including Objective<NBSP>and in activities …"
    assert back["resolves/3"].body("amended").endswith(TAIL_AMENDED)


@pytest.mark.parametrize(
    "hop",
    [
        lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup"),
        lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx"),
        lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn"),
    ],
    ids=["criticmarkup", "docx", "akn"],
)
def test_the_marks_given_back_survive_the_exports(doc, hop):
    review = _review(doc)
    review.decide(KEY, [c.id for c in review.proposal(KEY).changes if c.author == "Ana"], "reject")
    (back,) = hop(review.result(KEY)).proposals  # read anew: lines of the file written, paths as labelled
    assert [(c.path, c.label, _marks_of(c)) for c in back["resolves"].children][:4] == [
        ("resolves/1", "1", []),
        ("resolves/2", "2", []),
        ("resolves/3", "3", MARKS),
        ("resolves/4", "4", []),
    ]
    assert back["resolves/3"].body("original").endswith(TAIL_ORIGINAL)


def test_a_move_rejected_without_a_review_finds_its_original_by_the_moves_name(doc):
    """Rejecting the move on the proposal itself (no :class:`Review`) pairs the copy with its struck original by
    the name the edit gives both ends, ``move-`` and the moved clause's key (:func:`~itu_nb.amendments.moving.name_moves`;
    before session 20, by the source line the copy keeps), and gives resolves 3 (line 140) its marks back.
    """
    moved = apply_ops(_marked(doc[KEY]), [MoveClause("resolves/3", after="resolves/4")], author="Ana", date=DAY)
    names = {r.move for c in moved.walk() for r in c.runs if r.move is not None}
    assert names == {"move-resolves/3"}
    back = moved.reject([c.id for c in moved.changes if c.author == "Ana"])
    assert [row for row in marks(back) if row[2]] == [(140, "modified", MARKS[:2])]


def test_text_placer_keeps_places_on_the_same_words():
    old, new = "including Objective 2 and in", "including Objective 3 and in"
    place = text_placer(TAIL_AMENDED, TAIL_ORIGINAL)
    assert place(TAIL_AMENDED.index("Objective")) == TAIL_ORIGINAL.index("Objective")
    assert place(len(TAIL_AMENDED)) == len(TAIL_ORIGINAL)
    assert place(TAIL_AMENDED.index(" and WTDC-17") + 5) == TAIL_ORIGINAL.index(", including")  # words gone
    assert text_placer(old, new)(old.index("2")) == new.index("3")  # a character replaced: the new one
    assert text_placer(old, old)(7) == 7


def test_text_placer_past_its_limit_puts_a_place_in_the_middle_where_the_texts_start_to_differ():
    old, new = "Objective " + "x" * 2500 + " end", "Objective " + "y" * 2600 + " end"
    place = text_placer(old, new)
    assert [place(0), place(10), place(1000), place(len(old) - 4), place(len(old))] == [
        0,
        10,
        10,
        len(new) - 4,
        len(new),
    ]
