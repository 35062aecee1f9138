"""Two struck pieces of one insertion at one place are one struck-insert, and stay one through Word (session 22).

The shape ``tests/test_struck_decisions.py`` met now and then for its ``docx`` hop: Brazil inserts " urgently" in
considering a) of Resolution 2 (the Final Acts' text, ``{++ urgently++}{>>@Brazil (2018-09-10)<<}`` after
"relevant"); the analyst Ana replaces "urgently resolutions of" (the edit keeps Brazil's "urgently" as a
struck-insert, his space stays his insertion), then strikes the clause (the space is struck too, at the same place).
Both pieces stand at one offset, struck by Ana on one date and inserted by Brazil on one date: Word's reader joins
neighbouring ``w:del`` in ``w:ins`` of the same authors and dates (Word writes one change as several such elements),
so kept apart they came back as one and the struck-insert count changed.  The model keeps them as one, as Word does.
"""

from __future__ import annotations

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause, ReplaceWords

#: Resolution 2 (Rev. Dubai, 2018) of the Final Acts, its first lines, with Brazil's insertion (read by eye).
SOURCE = (
    "MOD\tX/1/1\n"
    "RESOLUTION 2 (REV. DUBAI, 2018)\n"
    "World telecommunication/information and communication technology policy forum\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n"
    "considering\n"
    "a)\trelevant{++ urgently++}{>>@Brazil (2018-09-10)<<} resolutions of the United Nations General Assembly"
    " (UNGA);\n"
    "b)\tthe WSIS+10 statement;\n"
)
DAY = "2026-12-05"


def _amended():
    p = itu_nb.load(SOURCE, format="criticmarkup")[0]
    p = apply_ops(
        p, [ReplaceWords("considering/a", "urgently resolutions of", "the Member States")], author="Ana", date=DAY
    )
    return apply_ops(p, [DeleteClause("considering/a")], author="Ana", date=DAY)


def _day(when):
    return when[:10] if when else when  # (Word writes a date as a time: "2026-12-05T00:00:00Z")


def _struck(p):
    return [
        (a.text, a.offset, a.author, _day(a.date), a.inserted and (a.inserted[0], _day(a.inserted[1])))
        for n in p.walk()
        for a in n.artefacts
        if a.kind == "struck-insert"
    ]


def test_the_two_struck_pieces_are_one_struck_insert():
    # "a)<TAB>relevant" is 11 characters: Brazil's " urgently" stood there, struck by Ana, inserted by Brazil
    assert _struck(_amended()) == [(" urgently", 11, "Ana", DAY, ("Brazil", "2018-09-10"))]


def test_through_word_the_struck_insert_keeps_its_text_authors_dates_and_place():
    q = _amended()
    h = itu_nb.load(itu_nb.to_docx(q), format="docx")[0]
    assert _struck(h) == _struck(q)
    assert [c.id for c in h.changes] == [c.id for c in q.changes]
    # rejecting Ana's strike brings Brazil's " urgently" back, with his name and date, before "resolutions"
    back = h.reject(author="Ana")["considering/a"]
    assert [(r.text, r.author, _day(r.date)) for r in back.runs if r.op is Op.INSERT] == [
        (" urgently", "Brazil", "2018-09-10")
    ]
    assert back.body("amended").startswith("relevant urgently resolutions of the United Nations")
    assert h.reject().text("original") == itu_nb.load(SOURCE, format="criticmarkup")[0].reject().text("original")
