"""Issue 17, silent losses on export: each shape below lost something through one writer; now nothing.

Each input is a small hand-made text naming the shape it probes; the expected values are read off the
input itself (the action and id on its marker line, its footnote numbers, its two views).
"""

from __future__ import annotations

import pytest

import itu_nb
from itu_nb import NodeKind, Op

WRITERS = {
    "critic": itu_nb.to_criticmarkup,
    "docx": itu_nb.to_docx,
    "akn": itu_nb.to_akn,
}
HEAD = "RESOLUTION 1 (Rev. Busan, 2014)\n\n"
FORMULA = "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n"


def _shape(doc) -> list:
    return [(n.path, n.kind) for p in doc for n in p.walk()]


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_marker_line_carrying_a_bookmark_keeps_its_action_and_id(fmt):
    """``MOD<TAB>X/1/1[bookmark: _Toc1]``: the docx writer wrote the bookmark as text, so the marker no
    longer read as one and the proposal lost its action and id.
    """
    doc = itu_nb.load("MOD\tX/1/1[bookmark: _Toc1]\n\n" + HEAD + "considering\na)\tthat one;\n", format="text")
    assert [(p.id, p.action) for p in doc] == [("X/1/1", "MOD")]
    assert [(a.kind, a.text) for a in doc.artefacts if a.line == 0] == [
        ("marker", "MOD\tX/1/1"),
        ("bookmark", "[bookmark: _Toc1]"),
    ]
    again = itu_nb.load(WRITERS[fmt](doc))
    assert [(p.id, p.action) for p in again] == [("X/1/1", "MOD")]
    assert _shape(again) == _shape(doc)
    if fmt == "docx":  # a real Word bookmark named _Toc1, read back as the same artefact
        assert ("bookmark", "[bookmark: _Toc1]") in [(a.kind, a.text) for a in again.artefacts]


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_paragraph_before_the_enacting_formula_keeps_the_formula(fmt):
    """A note between the title and the formula: the AKN writer put it in the body, and the formula after it."""
    text = (
        "MOD\tX/1/1\n\n" + HEAD + "Title\n\nA note before the formula.\n\n" + FORMULA + "considering\na)\tthat one;\n"
    )
    doc = itu_nb.load(text, format="text")
    assert [(n.path, n.kind) for n in doc[0].clauses][:4] == [
        ("heading", NodeKind.HEADING),
        ("title", NodeKind.TITLE),
        ("p1", NodeKind.PARAGRAPH),
        ("formula", NodeKind.FORMULA),
    ]
    again = itu_nb.load(WRITERS[fmt](doc))
    assert _shape(again) == _shape(doc)
    assert again[0]["formula"].text() == doc[0]["formula"].text()


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_bullet_deleted_or_inserted_whole_keeps_its_views(fmt):
    r"""``{--\tbullet--}``: the AKN writer left an empty ``num``, read back as a bare bullet in both views,
    so the amended view gained an empty line.
    """
    text = "MOD\tX/1/1\n\n" + HEAD + "considering\na)\tthat one;\n{--\tgone;--}\n{++\tnew;++}\n\tkept;\n"
    doc = itu_nb.load(text, format="criticmarkup", author="Brazil")
    bullets = [n for n in doc[0].walk() if n.path.startswith("considering/a/bullet")]
    assert [r.op for n in bullets for r in n.label_runs] == [Op.DELETE, Op.INSERT, Op.EQUAL]
    again = itu_nb.load(WRITERS[fmt](doc), **({"author": "Brazil"} if fmt == "critic" else {}))
    for view in ("original", "amended"):
        assert again[0].text(view) == doc[0].text(view), view
    assert [(c.id, c.kind) for c in again[0].changes] == [(c.id, c.kind) for c in doc[0].changes]


@pytest.mark.parametrize("fmt", WRITERS)
def test_footnote_paths_survive_whatever_their_numbers(fmt):
    """Notes numbered 3, 7, 1 (an extract of a longer text): Word numbers footnotes 1, 2, 3 itself, so the
    docx writer gave them the paths fn1, fn2, fn3; now a number that is not Word's next is a custom mark.
    """
    text = (
        "MOD\tX/1/1\n\n" + HEAD + "considering\n"
        "a)\tone[footnoteRef:3]3 [3: 3\tThird.];\nb)\ttwo[footnoteRef:7]7 [7: 7\tSeventh.];\n"
        "c)\tthree[footnoteRef:1]1 [1: 1\tFirst.]\n"
    )
    doc = itu_nb.load(text, format="text")
    notes = [(n.path, n.body()) for n in doc[0].walk() if n.kind is NodeKind.FOOTNOTE]
    assert notes == [
        ("considering/a/fn3", "Third."),
        ("considering/b/fn7", "Seventh."),
        ("considering/c/fn1", "First."),
    ]
    again = itu_nb.load(WRITERS[fmt](doc))
    assert [(n.path, n.body()) for n in again[0].walk() if n.kind is NodeKind.FOOTNOTE] == notes
    assert _shape(again) == _shape(doc)
