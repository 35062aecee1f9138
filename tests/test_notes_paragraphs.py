"""A note's paragraphs survive CriticMarkup, and its line breaks stay line breaks (issue 17, session 10).

CriticMarkup holds a note in its host's line (``[1: …]``).  It wrote a note's paragraph breaks as line breaks
(U+000B, Word's ``w:br``), so a Word note of two paragraphs came back as one paragraph holding a line break,
and Word and Akoma Ntoso then wrote it so.  It now writes them as U+2029 PARAGRAPH SEPARATOR (Unicode's own
paragraph break, one character), which it reads back as the note's paragraph break; a line break inside a
paragraph stays U+000B.  Expected values are read off the XML written here (``tests/docx_build.py``).
"""

from __future__ import annotations

import io
import zipfile

import docx_build as B
from lxml import etree

import itu_nb
from itu_nb import NodeKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: resolves 1 with footnote 1 of two paragraphs: "See Resolution 71" then a line break (w:br) and "(Rev. Dubai)",
#: and "Rev. 2018."
_NOTE = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(
        2,
        B.run("See Resolution 71") + "<w:r><w:br/></w:r>" + B.run("(Rev. Dubai)") + "</w:p><w:p>" + B.run("Rev. 2018."),
    ),
)
TEXT = "1 See Resolution 71\v(Rev. Dubai)\nRev. 2018."  # Word's mark and a space, the line break, the paragraph


def _notes(doc: itu_nb.Document) -> list[tuple[str, str]]:
    return [
        (n.path, "".join(r.text for r in n.label_runs + n.runs))
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


def test_criticmarkup_writes_a_notes_paragraph_break_as_a_paragraph_separator():
    doc = itu_nb.load(_NOTE, format="docx")
    assert _notes(doc) == [("resolves/1/fn1", TEXT)]
    text = itu_nb.to_criticmarkup(doc)
    # the host's line holds the whole note: a person reads the break where the paragraph ended
    assert "1\tto act[footnoteRef:1][1: 1 See Resolution 71\v(Rev. Dubai)\u2029Rev. 2018.]." in text.split("\n")
    back = itu_nb.load(text)
    assert _notes(back) == [("resolves/1/fn1", TEXT)]
    assert "1\tto act[footnoteRef:1][1: 1 See Resolution 71\v(Rev. Dubai)\u2029Rev. 2018.]." in (
        itu_nb.to_criticmarkup(back).split("\n")
    )


def test_a_note_read_from_criticmarkup_is_written_to_word_with_its_paragraphs():
    back = itu_nb.load(itu_nb.to_criticmarkup(itu_nb.load(_NOTE, format="docx")))
    with zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(back))) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    (note,) = [n for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    # two paragraphs, the first holding the line break (after Word's mark, w:footnoteRef, which has no text)
    assert ["".join(p.itertext()) for p in note.iter(f"{W}p")] == [" See Resolution 71(Rev. Dubai)", "Rev. 2018."]
    assert len(list(note.iter(f"{W}br"))) == 1
    xml = itu_nb.to_akn(back)
    assert "<p>1 See Resolution 71<br/>(Rev. Dubai)</p><p>Rev. 2018.</p>" in xml
    assert _notes(itu_nb.load(xml)) == [("resolves/1/fn1", TEXT)]


def test_criticmarkup_reads_a_paragraph_break_inside_a_change_of_a_note():
    # a paragraph inserted into the note: the break is inside the insertion, as a tracked paragraph mark in Word
    doc = itu_nb.load("considering\na)\tthat ICTs matter[footnoteRef:1][1: See 71.{++\u2029Rev. 2018.++}];\n")
    (note,) = doc[0]["considering/a"].footnotes
    assert (note.body("original"), note.body("amended")) == ("See 71.", "See 71.\nRev. 2018.")
    assert doc[0]["considering/a"].text() == "a)\tthat ICTs matter;"


#: a note whose paragraphs have white space at their edges: "See 71. " (a space after the full stop) and
#: "  Rev.<TAB>2018.  " (two spaces before, a TAB inside, two spaces after)
_EDGES = "considering\na)\tthat ICTs matter[footnoteRef:1][1: See 71. \u2029  Rev.\t2018.  ];\n"
EDGES = [("considering/a/fn1", "See 71. \n  Rev.\t2018.  ")]


def test_akoma_ntoso_keeps_the_white_space_at_the_edges_of_a_notes_paragraphs():
    doc = itu_nb.load(_EDGES)
    assert _notes(doc) == EDGES
    xml = itu_nb.to_akn(doc)
    assert (
        '<authorialNote marker="1" placement="bottom" eId="cmp_1__authorialNote_1"><p>See 71. </p><p>  Rev.\t2018.  </p></authorialNote>'
        in xml
    )
    once = itu_nb.load(xml)
    assert _notes(once) == EDGES  # the edges were dropped: "See 71.\nRev.\t2018."
    assert _notes(itu_nb.load(itu_nb.to_akn(once))) == EDGES
    for writer in (itu_nb.to_criticmarkup, itu_nb.to_docx):
        assert _notes(itu_nb.load(writer(once))) == EDGES, writer.__name__


def test_layout_white_space_in_a_notes_paragraph_is_still_dropped():
    # white space with a line break in it is pretty-printing (the documented normalisation of loaders/akn_runs.py):
    # at the edges of a note's paragraph it is dropped, as in any block
    xml = itu_nb.to_akn(itu_nb.load(_EDGES)).replace("<p>See 71. </p>", "<p>\n      See 71. \n    </p>")
    assert _notes(itu_nb.load(xml)) == [("considering/a/fn1", "See 71.\n  Rev.\t2018.  ")]
