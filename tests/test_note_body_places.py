"""Issue 17: a note body keeps its place in its line through every export, one and two hops.

Doc 67's flattened text, line 89 (recalling j) of B/67/4): the reference ``[footnoteRef:1]1`` stands after
"…particularly for developing countries" and the body ``[1: 1 \tThese include…]`` at the end of the line,
after "cooperation between them;  " (two spaces) and before the line's last space. Word keeps a note's text in
``word/footnotes.xml``, at its reference: the body's own place is kept by a hidden bookmark.
"""

from __future__ import annotations

import pytest
from conftest import FLATTENED
from test_roundtrip_lossless import round_trip

import itu_nb
from itu_nb.model import runs_text

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
