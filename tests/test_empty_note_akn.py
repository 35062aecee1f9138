"""A Word footnote with nothing in it through Akoma Ntoso (issue 17).

Such a note (an empty paragraph, not even the ``w:footnoteRef`` mark Word puts first: as other
generators write it) is written as ``<authorialNote><p/></authorialNote>``; reading that back raised a
bare ``IndexError`` from the label reader (``peel_label`` on no runs), found on 60 of 400 generated .docx
round trips.  The input (``tests/docx_build.py``): resolves 1 "to act", then the reference to footnote
2, whose one paragraph is empty.
"""

from __future__ import annotations

import docx_build as B

import itu_nb
from itu_nb import NodeKind

_EMPTY_NOTE = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS
    + '<w:footnote w:id="2"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr></w:p></w:footnote>',
)


def _notes(doc: itu_nb.Document) -> list:
    return [n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE]


def test_a_note_with_no_text_reads_back_from_akoma_ntoso(tmp_path):
    src = tmp_path / "empty-note.docx"
    src.write_bytes(_EMPTY_NOTE)
    doc = itu_nb.load(src)
    back = itu_nb.load(doc.to_akn())
    for view in ("original", "amended"):
        assert back.text(view) == doc.text(view)
    assert back.text("amended").endswith("resolves\n1\tto act.")
    assert "<authorialNote" in doc.to_akn() and "<p/></authorialNote>" in doc.to_akn()
    assert [(n.label, n.text("amended")) for n in _notes(back)] == [(n.label, n.text("amended")) for n in _notes(doc)]


def test_no_runs_have_no_label_and_no_body():
    from itu_nb.parsing.labels import peel_label

    assert peel_label([]) == ([], [])


def test_a_note_with_no_text_read_from_akoma_ntoso_is_written_by_the_other_writers(tmp_path):
    # The note is the first of the file (Word numbers it 1 whatever its w:id). Read from Akoma Ntoso it has no artefact of its own, so the writers take it from the FOOTNOTE node:
    # CriticMarkup wrote its reference alone ("to act.[footnoteRef:1]", no "[1: ]") and the note was lost on reading
    # back (161 of the 3,211 generated inputs through AKN then CriticMarkup); now "[1: ]" follows the reference,
    # which stands where Word has it, before the "." (tests/test_akn_note_places.py; at the line's end before).
    src = tmp_path / "empty-note.docx"
    src.write_bytes(_EMPTY_NOTE)
    from_akn = itu_nb.load(itu_nb.load(src).to_akn())
    assert [(n.path, n.text("amended")) for n in _notes(from_akn)] == [("resolves/1/fn1", "")]
    critic = from_akn.to_criticmarkup()
    assert "1\tto act[footnoteRef:1][1: ]." in critic.splitlines()
    for again in (itu_nb.load(critic, format="criticmarkup"), itu_nb.load(from_akn.to_docx())):
        assert [(n.path, n.text("amended")) for n in _notes(again)] == [("resolves/1/fn1", "")]
        for view in ("original", "amended"):
            assert again.text(view) == from_akn.text(view)
