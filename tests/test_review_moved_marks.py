"""Rejecting a move gives the moved clause's comments back to its own original, found by identity, not by text.

A move leaves a struck original and a copy holding the clause's comments and highlights
(:func:`itu_nb.amendments.wording.taken_marks`); rejected, the copy goes and its marks go back to the
original (``itu_nb.model.review._moved_back``).  The original was found by its text alone, so with two
clauses of one text the marks could come back to the wrong one.  The copy keeps the source line of its
original, and Word's moves name both ends: that is what pairs them now.

Data: Brazil's Document 67 (``CRITIC``), B/67/5 (ADD Draft New Resolution [B-1]), recalling a) (source
line 213, 1-based): "the principles on Internet-related policymaking set out in", and its two bullets,
line 214 ``•	the outcomes of the World Summit on the Information Society (WSIS) and the WSIS+10
High-Level meetings;`` and line 215 ``[bookmark: _GoBack]•	United Nations General Assembly Resolution
A/RES/70/125 …``.  The text below repeats line 214 once (a bullet pasted twice, as drafts have), so
recalling a) holds ``bullet1`` and ``bullet2`` of one text (lines 214 and 215 of the text read; ``Clause.line``
counts from 0: 213 and 214) and ``bullet3`` (the Resolution A/RES/70/125 bullet, line 216, its ``_GoBack``
bookmark at offset 0).  The analyst Ana
comments on each of the two, then moves them; rejecting her changes must give the text back as read,
each comment on its own bullet, at the end of its label and text (where ``Comment`` puts it).

Word names both ends of a move (``w:moveFrom`` / ``w:moveTo`` in ranges named ``move1``…), and the reader keeps
the name on each run (``Run.move``): a hand-made .docx moves two paragraphs of one text, ``to act now;``, after
a third, each moved copy with a comment; rejecting all must give each comment to the paragraph its own move left.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC
from test_docx import HEAD, ch, ooxml, para, t

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import Comment, DeleteClause, MoveClause
from itu_nb.model import Artefact

KEY = "B/67/5"
WSIS = "the outcomes of the World Summit on the Information Society (WSIS) and the WSIS+10 High-Level meetings;"
UNGA = "United Nations General Assembly Resolution A/RES/70/125 that adopted the Outcome document"
DAY = "2026-12-05"
#: Where ``Comment`` puts a comment on such a bullet: after its label ``•`` and TAB and its 103 characters.
END = len("•\t" + WSIS)


@pytest.fixture(scope="module")
def doc():
    lines = CRITIC.read_text(encoding="utf-8").split("\n")
    at = lines.index("•\t" + WSIS)  # line 214 of the file
    assert at == 213 and lines[at + 1].startswith("[bookmark: _GoBack]•\tUnited Nations General Assembly")
    return itu_nb.load("\n".join(lines[: at + 1] + lines[at:]), format="criticmarkup", author="Brazil")


def bullets(p) -> list[tuple[str, int | None, str, str, list[tuple[str, int | None]]]]:
    """recalling a)'s sub-clauses: (path, source line from 0, status, text, [(comment or bookmark text, offset)])."""
    return [
        (c.path, c.line, c.status, c.body(), [(a.text, a.offset) for a in c.artefacts])
        for c in p["recalling/a"].children
    ]


def test_the_text_read_has_two_bullets_of_one_text(doc):
    assert bullets(doc[KEY]) == [
        ("recalling/a/bullet1", 213, "unchanged", WSIS, []),
        ("recalling/a/bullet2", 214, "unchanged", WSIS, []),
        ("recalling/a/bullet3", 215, "unchanged", bullets(doc[KEY])[2][3], [("[bookmark: _GoBack]", 0)]),
    ]
    assert bullets(doc[KEY])[2][3].startswith(UNGA)


def _rejected(review: itu_nb.Review) -> itu_nb.Proposal:
    """The review's result with every change Ana made rejected (her moves and deletions taken back)."""
    ana = [c.id for c in review.proposal(KEY).changes if c.author == "Ana"]
    assert ana
    review.decide(KEY, ana, "reject")
    return review.result(KEY)


def test_two_moved_bullets_of_one_text_get_their_own_comments_back(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [Comment("recalling/a/bullet1", "first"), Comment("recalling/a/bullet2", "second")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], date=DAY)
    review.edit(KEY, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], date=DAY)
    moved = bullets(review.proposal(KEY))
    # checked by eye: the copy of bullet2 first, both originals struck, bullet3, the copy of bullet1 last; each copy
    # holds its comment at its end (label and text) and is read from no line (moves20: the line stays its original's,
    # which a line-based writer writes there; the copy carries the move's name instead)
    assert [(path, line, status, note) for path, line, status, _, note in moved] == [
        ("recalling/a/p1", None, "inserted", [("second", END)]),
        ("recalling/a/bullet1", 213, "deleted", []),
        ("recalling/a/bullet2", 214, "deleted", []),
        ("recalling/a/bullet3", 215, "unchanged", [("[bookmark: _GoBack]", 0)]),
        ("recalling/a/p2", None, "inserted", [("first", END)]),
    ]
    # f6c1056 paired the copies and the originals by text, in reading order: bullet1 got "second", bullet2 "first"
    assert bullets(_rejected(review)) == [
        ("recalling/a/bullet1", 213, "unchanged", WSIS, [("first", END)]),
        ("recalling/a/bullet2", 214, "unchanged", WSIS, [("second", END)]),
        ("recalling/a/bullet3", 215, "unchanged", bullets(doc[KEY])[2][3], [("[bookmark: _GoBack]", 0)]),
    ]


def test_a_struck_bullet_reading_as_a_moved_one_does_not_take_its_comment(doc):
    review = itu_nb.Review(doc, author="Ana")
    review.edit(KEY, [Comment("recalling/a/bullet2", "keep this one")], date=DAY)
    review.edit(KEY, [DeleteClause("recalling/a/bullet1")], date=DAY)  # the repeated bullet struck…
    review.edit(KEY, [MoveClause("recalling/a/bullet2", after="recalling/a/bullet3")], date=DAY)  # …the other moved
    assert [(path, status, note) for path, _, status, _, note in bullets(review.proposal(KEY))] == [
        ("recalling/a/bullet1", "deleted", []),
        ("recalling/a/bullet2", "deleted", []),
        ("recalling/a/bullet3", "unchanged", [("[bookmark: _GoBack]", 0)]),
        ("recalling/a/p1", "inserted", [("keep this one", END)]),
    ]
    # f6c1056 gave the comment to bullet1, the first struck clause of that text
    assert [note for *_, note in bullets(_rejected(review))] == [
        [],
        [("keep this one", END)],
        [("[bookmark: _GoBack]", 0)],
    ]


def _marked(p, path: str, word: str, note: str) -> itu_nb.Proposal:
    """``p`` with a highlight on the first ``word`` of clause ``path`` and Ana's comment ``note`` right after it."""
    c = p[path]
    at = _source(c).index(word)
    arts = (
        Artefact("highlight", "", c.line, at, Op.EQUAL, length=len(word)),
        Artefact("comment", note, c.line, at + len(word), Op.EQUAL, "Ana", DAY),
    )

    def walk(x):
        if x.path == path:
            return dataclasses.replace(x, artefacts=x.artefacts + arts)
        return dataclasses.replace(x, children=tuple(walk(k) for k in x.children)) if x.children else x

    return dataclasses.replace(p, clauses=tuple(walk(x) for x in p.clauses))


def _source(c) -> str:
    """The clause's label and text, as its artefacts' offsets count them (both views)."""
    return "".join(r.text for r in c.label_runs + c.runs)


def _lit(p) -> list[tuple[str, str, str]]:
    """(path, highlighted words, comment after them) for each highlight of recalling a)'s sub-clauses."""
    out = []
    for c in p["recalling/a"].children:
        text = _source(c)
        for h in (a for a in c.artefacts if a.kind == "highlight"):
            (note,) = [a.text for a in c.artefacts if a.kind == "comment" and a.offset == h.offset + h.length]
            out.append((c.path, text[h.offset : h.offset + h.length], note))
    return out


def test_highlights_inside_two_moved_bullets_come_back_on_their_own_words(doc):
    p = _marked(doc[KEY], "recalling/a/bullet1", "World Summit", "which summit?")
    p = _marked(p, "recalling/a/bullet2", "WSIS+10", "which year?")
    ops = [
        MoveClause("recalling/a/bullet2", before="recalling/a/bullet1"),
        MoveClause("recalling/a/bullet1", after="recalling/a/bullet3"),
    ]
    moved = apply_ops(p, ops, author="Ana", date=DAY)
    assert _lit(moved) == [
        ("recalling/a/p1", "WSIS+10", "which year?"),
        ("recalling/a/p2", "World Summit", "which summit?"),
    ]
    back = moved.reject([c.id for c in moved.changes if c.author == "Ana"])
    # f6c1056: bullet1 got "WSIS+10" / "which year?" and bullet2 "World Summit" / "which summit?"
    assert _lit(back) == [
        ("recalling/a/bullet1", "World Summit", "which summit?"),
        ("recalling/a/bullet2", "WSIS+10", "which year?"),
    ]
    assert [c.body() for c in back["recalling/a"].children] == [c.body() for c in doc[KEY]["recalling/a"].children]


def _moved_from(name: str, wid: int, text: str) -> str:
    """A paragraph's content: ``text`` moved away by Word (a ``w:moveFrom`` in the range ``name``)."""
    return (
        f'<w:moveFromRangeStart w:id="{wid}" w:name="{name}" w:author="Mover" w:date="2020-02-02T00:00:00Z"/>'
        + f"{ch('moveFrom', author='Mover', wid=str(wid + 1))}>"
        + f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:moveFrom>'
        + f'<w:moveFromRangeEnd w:id="{wid}"/>'
    )


def _moved_to(name: str, wid: int, text: str, comment: int) -> str:
    """A paragraph's content: ``text`` moved here by Word (``w:moveTo`` in the range ``name``), commented."""
    return (
        f'<w:moveToRangeStart w:id="{wid}" w:name="{name}" w:author="Mover" w:date="2020-02-02T00:00:00Z"/>'
        + f'<w:commentRangeStart w:id="{comment}"/>'
        + f"{ch('moveTo', author='Mover', wid=str(wid + 1))}>{t(text)}</w:moveTo>"
        + f'<w:commentRangeEnd w:id="{comment}"/><w:r><w:commentReference w:id="{comment}"/></w:r>'
        + f'<w:moveToRangeEnd w:id="{wid}"/>'
    )


def _comment(cid: int, text: str) -> str:
    return f'<w:comment w:id="{cid}" w:author="Ana" w:date="{DAY}T00:00:00Z"><w:p>{t(text)}</w:p></w:comment>'


def test_two_word_moves_of_one_text_give_each_comment_back_to_its_own_paragraph(tmp_path):
    body = (
        HEAD
        + para(t("resolves"))
        + para(_moved_from("move1", 10, "to act now;"))
        + para(_moved_from("move2", 20, "to act now;"))
        + para(t("to wait."))
        + para(_moved_to("move2", 30, "to act now;", 0))
        + para(_moved_to("move1", 40, "to act now;", 1))
    )
    path = tmp_path / "moves.docx"
    path.write_bytes(ooxml(body, comments=_comment(0, "second move") + _comment(1, "first move")))
    p = itu_nb.load(path).proposals[0]

    def read(p):
        return [
            (c.path, c.status, [(r.op.name, r.move) for r in c.runs], [(a.text, a.offset) for a in c.artefacts])
            for c in p["resolves"].children
        ]

    # as written: move1's and move2's ends, each copy holding its comment after its 11 characters
    assert read(p) == [
        ("resolves/p1", "deleted", [("DELETE", "move1")], []),
        ("resolves/p2", "deleted", [("DELETE", "move2")], []),
        ("resolves/p3", "unchanged", [("EQUAL", None)], []),
        ("resolves/p4", "inserted", [("INSERT", "move2")], [("second move", 11)]),
        ("resolves/p5", "inserted", [("INSERT", "move1")], [("first move", 11)]),
    ]
    # f6c1056 gave "second move" to p1 and "first move" to p2 (by text, in reading order)
    assert [(path, status, notes) for path, status, _, notes in read(p.reject())] == [
        ("resolves/p1", "unchanged", [("first move", 11)]),
        ("resolves/p2", "unchanged", [("second move", 11)]),
        ("resolves/p3", "unchanged", []),
    ]
