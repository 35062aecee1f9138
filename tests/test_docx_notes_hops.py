r"""Notes of Final Acts Resolution 130 through Word, then CriticMarkup (issue 17, round trips; session 19).

Session 19 sent 500 random note bodies written in CriticMarkup into Resolution 130 through ``to_docx`` and the
.docx reader (then ``to_criticmarkup`` and its reader); each cause of a note that came back different, fixed, is a
test here, on Resolution 130 of ``tests/fixtures/pp18-final-acts.akn.xml`` with one note written in by hand.
Expected values are read off the note as written: offsets count the note's text from its first character, label
included (``1 <TAB>`` is three characters).  Word stores a date as a date and time (``2018-09-10`` comes back as
``2018-09-10T00:00:00Z``), as ``tests/test_roundtrip_lossless.py`` says.
"""

from __future__ import annotations

import pytest
from conftest import FINAL_ACTS

import itu_nb
from itu_nb import NodeKind

RES130 = itu_nb.to_criticmarkup(itu_nb.load(FINAL_ACTS)["Resolution 130"])
#: considering o) as Resolution 130 writes it, where the note goes (after its last word).
CONSIDERING_O = "o)\tthat many developing countries are elaborating or implementing national cybersecurity strategies"
ROUTES = ["docx", "docx-critic"]


def _with_note(note: str) -> itu_nb.Document:
    """Resolution 130 with ``note`` (CriticMarkup, from ``[footnoteRef:N]``) at the end of considering o)."""
    assert RES130.count(CONSIDERING_O + ";") == 1
    return itu_nb.load(RES130.replace(CONSIDERING_O + ";", CONSIDERING_O + note + ";"), format="criticmarkup")


def _hop(doc: itu_nb.Document, route: str) -> itu_nb.Document:
    for step in route.split("-"):
        if step == "docx":
            doc = itu_nb.load(itu_nb.to_docx(doc), format="docx")
        else:
            doc = itu_nb.load(itu_nb.to_criticmarkup(doc), format="criticmarkup")
    return doc


def _notes(doc: itu_nb.Document) -> list[tuple]:
    """Each FOOTNOTE node: (path, its runs with its label's (op, text, author, day), neighbours alike joined, its
    comments and highlights (kind, text, offset, length, author, day)); a date as its day (Word's ``T00:00:00Z``
    dropped)."""

    def day(date: str | None) -> str | None:
        return date.removesuffix("T00:00:00Z") if date else date

    def joined(runs) -> list[tuple]:
        out: list[tuple] = []
        for r in runs:
            if not r.text:
                continue
            if out and out[-1][0::2] == (r.op.name, r.author) and out[-1][3] == day(r.date):
                out[-1] = (r.op.name, out[-1][1] + r.text, r.author, day(r.date))
            else:
                out.append((r.op.name, r.text, r.author, day(r.date)))
        return out

    return [
        (
            n.path,
            joined(n.label_runs + n.runs),
            sorted(
                (a.kind, a.text, a.offset, a.length, a.author, day(a.date))
                for a in n.artefacts
                if a.kind in ("comment", "highlight")
            ),
        )
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


# --- a note whose text was only deleted, or only inserted ----------------------------------------------------------
# The .docx reader read a note with no equal text but its number, changed by one author, as replaced whole: its
# deleted and inserted texts (fn1 and fn1#2).  With text only deleted that gave a deleted note of all its text,
# number included, and an inserted note of its number alone (only inserted: the same, the other way round).  It is
# now one note, as CriticMarkup wrote it; a note whose text was deleted and inserted stays two
# (tests/test_docx_notes.py).

ONLY_DELETED = "[footnoteRef:1][1: 1 \t{--See Resolution 179.--}{>>@Brazil (2018-09-10)<<}]"
ONLY_INSERTED = "[footnoteRef:1][1: 1 \t{++See Resolution 179.++}{>>@Brazil (2018-09-10)<<}]"


@pytest.mark.parametrize("route", ROUTES)
def test_a_note_whose_text_was_only_deleted_stays_one_note(route):
    want = [
        (
            "considering/o/fn1",
            [("EQUAL", "1 \t", None, None), ("DELETE", "See Resolution 179.", "Brazil", "2018-09-10")],
            [],
        )
    ]
    assert _notes(_with_note(ONLY_DELETED)) == want
    assert _notes(_hop(_with_note(ONLY_DELETED), route)) == want


@pytest.mark.parametrize("route", ROUTES)
def test_a_note_whose_text_was_only_inserted_stays_one_note(route):
    want = [
        (
            "considering/o/fn1",
            [("EQUAL", "1 \t", None, None), ("INSERT", "See Resolution 179.", "Brazil", "2018-09-10")],
            [],
        )
    ]
    assert _notes(_with_note(ONLY_INSERTED)) == want
    assert _notes(_hop(_with_note(ONLY_INSERTED), route)) == want


def test_a_note_replaced_whole_by_one_author_is_still_its_two_texts():
    """Deleted and inserted text, no equal text but the number: read back as fn1 and fn1#2, as before.  (A note
    holding such changes, ``[1: 1 \t{~~See 71.~>See 72.~~}]``, stays one note: tests/test_notes_edges.py.)"""
    note = "[footnoteRef:1]{--[1: 1 \tSee 71.]--}{>>@Brazil (2018-09-10)<<}{++[1: 1 \tSee 72.]++}{>>@Brazil (2018-09-10)<<}"
    doc = _hop(_with_note(note), "docx")
    assert [(path, "".join(r[1] for r in runs)) for path, runs, _ in _notes(doc)] == [
        ("considering/o/fn1", "1 \tSee 71."),
        ("considering/o/fn1#2", "1 \tSee 72."),
    ]


# --- a note cut just after a "]" -----------------------------------------------------------------------------------
# The Word writer read a note's first piece that ends in "]" as the whole note: a note cut by a comment, a change or a
# highlight just after a "]" of its text ("See Annex [1]" then a comment) was written up to before that "]" ("See
# Annex [1"), the rest of its text and its comments, changes and highlights lost (18 of the 500 random notes).
# It now reads the note's parts first, as the tree does (itu_nb/parsing/footnotes.py).


@pytest.mark.parametrize("route", ROUTES)
def test_a_comment_just_after_a_bracket_keeps_the_note_whole(route):
    note = "[footnoteRef:1][1: 1 \tSee Annex [1]{>>@Brazil (2019-04-01): which?<<} of Resolution 179.]"
    # "1 \tSee Annex [1]" is 16 characters: the comment stands after them
    want = [
        (
            "considering/o/fn1",
            [("EQUAL", "1 \tSee Annex [1] of Resolution 179.", None, None)],
            [("comment", "which?", 16, 0, "Brazil", "2019-04-01")],
        )
    ]
    assert _notes(_with_note(note)) == want
    assert _notes(_hop(_with_note(note), route)) == want


@pytest.mark.parametrize("route", ROUTES)
def test_a_change_just_after_a_bracket_keeps_the_note_whole(route):
    note = "[footnoteRef:1][1: 1 \tSee Annex [1]{++ and [2]++}{>>@Brazil (2018-09-10)<<}.]"
    want = [
        (
            "considering/o/fn1",
            [
                ("EQUAL", "1 \tSee Annex [1]", None, None),
                ("INSERT", " and [2]", "Brazil", "2018-09-10"),
                ("EQUAL", ".", None, None),
            ],
            [],
        )
    ]
    assert _notes(_with_note(note)) == want
    assert _notes(_hop(_with_note(note), route)) == want


@pytest.mark.parametrize("route", ROUTES)
def test_a_highlight_just_after_a_bracket_keeps_the_note_whole(route):
    note = "[footnoteRef:1][1: 1 \tSee [1]{==Annex 2==}.]"
    # "1 \tSee [1]" is 10 characters; "Annex 2" 7
    want = [
        (
            "considering/o/fn1",
            [("EQUAL", "1 \tSee [1]Annex 2.", None, None)],
            [("highlight", "", 10, 7, None, None)],
        )
    ]
    assert _notes(_with_note(note)) == want
    assert _notes(_hop(_with_note(note), route)) == want


# --- a deletion and an insertion of one text --------------------------------------------------------------------------
# The .docx reader read a note whose views read alike as a note without changes: "x" inserted next to "x" deleted
# ({~~see~>see~~}, or {++x++}{--x--}) came back as equal text, the changes and who made them lost.


@pytest.mark.parametrize("route", ROUTES)
def test_a_note_whose_views_read_alike_keeps_its_changes(route):
    note = "[footnoteRef:1][1: 1 \tSee {~~Annex~>Annex~~}{>>@CITEL (2018-09-18)<<} 2.]"
    want = [
        (
            "considering/o/fn1",
            [
                ("EQUAL", "1 \tSee ", None, None),
                ("DELETE", "Annex", "CITEL", "2018-09-18"),
                ("INSERT", "Annex", "CITEL", "2018-09-18"),
                ("EQUAL", " 2.", None, None),
            ],
            [],
        )
    ]
    assert _notes(_with_note(note)) == want
    assert _notes(_hop(_with_note(note), route)) == want
