"""Issue 17: a note body keeps its place in its line through every export, one and two hops.

Doc 67's flattened text, line 89 (recalling j) of B/67/4): the reference ``[footnoteRef:1]1`` stands after
"…particularly for developing countries" and the body ``[1: 1 \tThese include…]`` at the end of the line,
after "cooperation between them;  " (two spaces) and before the line's last space. Word keeps a note's text in
``word/footnotes.xml``, at its reference: the body's own place is kept by a hidden bookmark.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile

import pytest
from conftest import FLATTENED, libreoffice_fodt
from test_roundtrip_lossless import round_trip

import itu_nb
from itu_nb.model import Artefact, Op, runs_text

#: Two note bodies that no clause holds on one line after Doc 67, a highlight in each (the loader reads the
#: second as text of the line: a line highlight).
TWO_BODIES = "[4: 4 {==One==} body.] [5: 5 Another {==two==}.]\n"
#: One and two hops. Not Akoma Ntoso then another: its writer leaves out Doc 67's closing lines that no node holds
#: (the separator and the site's address), so a line after them comes second-hand right after the last
#: paragraph of the reasons and is read as one more paragraph (a path the source has not).
HOPS = [("docx",), ("critic",), ("akn",), ("docx", "critic"), ("critic", "docx"), ("docx", "docx")]
#: The hops whose readers give a note's reference and body as artefacts of the clause (the Akoma Ntoso reader
#: gives the note as its FOOTNOTE node alone: ``authorialNote`` at the reference, no body of its own to place).
CLAUSE_HOPS = [h for h in HOPS if "akn" not in h]


def _hops(doc: itu_nb.Document, hops: tuple[str, ...]) -> itu_nb.Document:
    for fmt in hops:
        doc = round_trip(doc, fmt)
    return doc


def _recalling_j(doc: itu_nb.Document):
    return next(n for p in doc if p.id == "B/67/4" for n in p.walk() if n.path == "recalling/j")


@pytest.fixture(scope="module")
def doc67() -> itu_nb.Document:
    return itu_nb.load(FLATTENED)


def test_doc67_line_89_holds_its_note_body_at_the_end_of_the_line(doc67):
    node = _recalling_j(doc67)
    text = runs_text(node.label_runs + node.runs)
    body = next(a for a in node.artefacts if a.kind == "footnote-body")
    ref = next(a for a in node.artefacts if a.kind == "footnote-ref")
    assert text[: body.offset].endswith("cooperation between them;  ") and text[body.offset :] == " "
    assert text[: ref.offset].endswith("particularly for developing countries")


@pytest.mark.parametrize("hops", CLAUSE_HOPS, ids="-".join)
def test_a_note_body_inside_its_clause_line_keeps_its_place(doc67, hops):
    before, after = _recalling_j(doc67), _recalling_j(_hops(doc67, hops))
    places = {a.kind: a.offset for a in before.artefacts}
    got = {a.kind: a.offset for a in after.artefacts}
    assert got["footnote-body"] == places["footnote-body"]
    assert got["footnote-ref"] == places["footnote-ref"]


def _last_line(doc: itu_nb.Document) -> list[tuple]:
    """The artefacts of the two bodies' line: kind, offset (a note highlight's, in its note's text), length and
    text, with neighbouring line texts (``trailer``) joined, as the writers read them."""
    line = next((a.line for a in doc.artefacts if a.text.startswith("[4: 4 ")), -1)
    out: list[tuple] = []
    for a in doc.artefacts:
        if a.line != line:
            continue
        if a.kind == "trailer" and out and out[-1][0] == "trailer":
            out[-1] = ("trailer", None, 0, out[-1][3] + a.text)
        else:
            out.append((a.kind, a.offset, a.length, a.text))
    return out


@pytest.mark.parametrize("hops", HOPS, ids="-".join)
def test_two_loose_note_bodies_on_a_line_keep_their_order_and_highlights(hops):
    doc = itu_nb.load(FLATTENED.read_text(encoding="utf-8") + TWO_BODIES)
    want = [
        ("trailer", None, 0, " "),
        ("footnote-body", None, 0, "[4: 4 One body.]"),
        ("trailer", None, 0, " [5: "),
        ("footnote-highlight", 6, 3, ""),  # "One": characters 6–8 of "4 One body."
        ("trailer", None, 0, "5 Another "),
        ("highlight", None, 3, ""),  # "two", the line's text after it
        ("trailer", None, 0, "two.]"),
    ]
    assert _last_line(doc) == want
    assert _last_line(_hops(doc, hops)) == want


def test_libreoffice_opens_the_notes_placed_by_bookmarks(tmp_path, doc67):
    """Doc 67 with two loose bodies and a comment on note 1 (recalling j)): the three notes whose bodies stand after
    their reference and more (flattened lines 89, 249 and 252: one and two characters after, ``[footnoteRef:2] [2:``
    and ``[footnoteRef:3]” [3:``) get a hidden bookmark at the body's place, the comment is anchored there and a
    bookmark in the note names it; LibreOffice opens the file and shows every note's text and the comment."""
    doc = itu_nb.load(FLATTENED.read_text(encoding="utf-8") + TWO_BODIES)
    remark = Artefact("comment", "on note 1", -1, 3, Op.EQUAL, "CEPT", "2018-10-02")

    def node(c):
        arts = (*c.artefacts, remark) if c.path == "recalling/j/fn1" else c.artefacts
        return dataclasses.replace(c, children=tuple(node(x) for x in c.children), artefacts=arts)

    doc = dataclasses.replace(
        doc, proposals=tuple(dataclasses.replace(p, clauses=tuple(map(node, p.clauses))) for p in doc)
    )
    path = tmp_path / "doc67.docx"
    itu_nb.to_docx(doc, path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert sorted(re.findall(r'w:name="(_itu_nb_note_\w+)"', xml)) == [
        "_itu_nb_note_fn1",
        "_itu_nb_note_fn2",
        "_itu_nb_note_fn3",
    ]
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    bodies = [re.sub(r"<[^>]+>", "", b) for b in re.findall(r"<text:note-body>(.*?)</text:note-body>", fodt, re.S)]
    assert len(bodies) == 4 and "These include the least developed countries" in bodies[0]
    assert sum("One body." in b for b in bodies) == 1  # the first loose body (the second is text of its line)
    assert "on note 1" in fodt
    back = _recalling_j(itu_nb.load(path))
    text = runs_text(back.label_runs + back.runs)
    # the comment is the note's again, after "1 \t" (its bookmark in the note's text), and the note's text stands at
    # its place in the line: after "cooperation between them;  "
    assert not [a for a in back.artefacts if a.kind == "comment"]
    (note,) = back.footnotes
    assert [(a.text, a.offset) for a in note.artefacts if a.kind == "comment"] == [("on note 1", 3)]
    (placed,) = [a.offset for a in back.artefacts if a.kind == "footnote-body"]
    assert text[:placed].endswith("cooperation between them;  ")
