"""Akoma Ntoso keeps the lines that are no node between the last clause and a kept line after it (issue 17).

Doc 67 (``pp18-doc67-brazil.flattened.txt``) ends, after the last paragraph of B/67/5's reasons (line 256, 1-based:
"Much has been achieved…", ``reasons/p7``), with a separator (line 257, ``_____________________``), the site
address (line 258, ``\uf0b7 www.itu.int/plenipotentiary/ \uf0b7``) and a line holding one space (259). With two
note bodies no clause holds appended to that last line, the line is kept by the writer (it holds note bodies and
highlights); without the two lines before it, a second writer put it right after ``reasons/p7``, where its reader
read one more paragraph, ``reasons/p8``.
"""

from __future__ import annotations

import pytest
from conftest import FLATTENED
from lxml import etree

import itu_nb

ITU_NB = "{urn:itu_nb:akn}"
TWO_BODIES = "[4: 4 {==One==} body.] [5: 5 Another {==two==}.]\n"


def paths(doc: itu_nb.Document) -> set[tuple[str, str, str]]:
    return {(p.id, n.path, n.kind.value) for p in doc for n in p.walk()}


@pytest.fixture(scope="module")
def doc() -> itu_nb.Document:
    return itu_nb.load(FLATTENED.read_text(encoding="utf-8") + TWO_BODIES)


def test_the_separator_and_address_are_kept_with_the_bodies_line(doc):
    root = etree.fromstring(doc.to_akn().encode("utf-8"))
    kept = {
        int(line.get("n")): (
            line.get("on"),
            line.get("place"),
            line.get("after"),
            "".join(el.text or "" for el in line),
        )
        for line in root.iter(f"{ITU_NB}line")
        if int(line.get("n")) > 250
    }
    assert kept[256] == ("separator", "end", "reasons/p7", "_____________________")
    assert kept[257] == ("trailer", "end", "reasons/p7", "\uf0b7 www.itu.int/plenipotentiary/ \uf0b7")
    assert kept[258][:3] == ("trailer", "end", "reasons/p7")
    assert "One" in kept[258][3] and "Another" in kept[258][3]
    # every line that is no clause is kept (note22): the blank line after reasons/p4 (line 253, 1-based) and the
    # text's last, empty line after the bodies' newline too
    assert kept[252][:3] == ("blank", "inside", "reasons/p4") and kept[259][:3] == ("blank", "end", "reasons/p7")
    assert sorted(kept) == [252, 256, 257, 258, 259]


def test_doc67_alone_keeps_its_closing_lines():
    """Doc 67 alone keeps its closing separator, site address and last line (holding one space) too: every line
    that is no clause is kept (note22; before, only those between a clause and a line holding marks)."""
    root = etree.fromstring(itu_nb.load(FLATTENED).to_akn().encode("utf-8"))
    kept = {
        int(line.get("n")): (
            line.get("on"),
            line.get("place"),
            line.get("after"),
            "".join(el.text or "" for el in line),
        )
        for line in root.iter(f"{ITU_NB}line")
        if int(line.get("n")) > 250
    }
    assert kept == {
        252: ("blank", "inside", "reasons/p4", ""),
        256: ("separator", "end", "reasons/p7", "_____________________"),
        257: ("trailer", "end", "reasons/p7", "\uf0b7 www.itu.int/plenipotentiary/ \uf0b7"),
        258: ("blank", "end", "reasons/p7", " "),
    }


@pytest.mark.parametrize("second", ["critic", "docx", "akn"])
def test_through_akn_then_another_writer_no_paragraph_is_added(doc, second):
    back = itu_nb.load(doc.to_akn())
    assert [a.text for a in back.artefacts if a.line in (256, 257)] == [
        "_____________________",
        "\uf0b7 www.itu.int/plenipotentiary/ \uf0b7",
    ]
    write = {"critic": itu_nb.to_criticmarkup, "docx": itu_nb.to_docx, "akn": itu_nb.to_akn}[second]
    again = itu_nb.load(write(back))
    assert paths(again) == paths(back) == paths(doc)
    assert ("B/67/5", "reasons/p8", "paragraph") not in paths(again)
    assert again.text("original") == doc.text("original") and again.text("amended") == doc.text("amended")


def test_a_note_body_a_clause_holds_between_is_left_to_its_reference():
    """A note referenced from ``reasons/p7`` with its body on the next line (as a flattened extraction gives a
    note): that line, between the last clause and the kept one, is the note's, written at its reference."""
    lines = FLATTENED.read_text(encoding="utf-8").split("\n")
    assert lines[255].startswith("Much has been achieved")
    lines[255] += "[footnoteRef:9]"
    lines.insert(256, "[9: 9 A note of the reasons.]")
    doc = itu_nb.load("\n".join(lines) + TWO_BODIES)
    assert [n.path for n in doc["B/67/5"]["reasons/p7"].children] == ["reasons/p7/fn9"]
    xml = doc.to_akn()
    assert xml.count("A note of the reasons") == 1  # in its authorialNote, not again as a line
    back = itu_nb.load(xml)
    # the blank line in the reasons, separator, address, bodies, the last empty line (not the note's body line)
    assert {a.line for a in back.artefacts if a.line > 250} == {252, 257, 258, 259, 260}
    for write in (itu_nb.to_criticmarkup, itu_nb.to_docx):
        again = itu_nb.load(write(back))
        assert paths(again) == paths(doc)
        assert again.text("original") == doc.text("original")
