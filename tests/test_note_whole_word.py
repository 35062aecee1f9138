"""A note inserted or deleted whole keeps its author and date through Word (issue 17, "nothing lost").

The source is what Word writes for a footnote inserted with track changes on: the reference run in a ``w:ins`` and
the note's runs (its ``w:footnoteRef`` mark and its text) in ``w:ins`` too, each with ``w:author`` and ``w:date``
(here Brazil, 2018-09-10, as ``docx_build`` stamps them); a deleted note is the same in ``w:del``.  ``to_docx``
wrote the note's text untracked and the reference's change without its date, so reading it back gave a note
inserted by nobody.  The text is Resolution 1's considering a) with note 1 of Doc 67's Resolution 130 ("See
Resolution 71"), as hl22's repro wrote it.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx_build as B
import pytest
from conftest import libreoffice_fodt, needs_pandoc, needs_soffice

import itu_nb
from itu_nb import NodeKind

REF = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
DATE = "2018-09-10T00:00:00Z"


def _source(tag: str) -> bytes:
    text = B.run(" See Resolution 71") if tag == "ins" else B.deleted_run(" See Resolution 71")
    wrap = B.ins if tag == "ins" else B.dele
    note = (
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f"{wrap(REF + text, 'Brazil', 8)}</w:p></w:footnote>"
    )
    body = B.HEAD + B.para(B.run("considering"))
    body += B.para(B.run("a)\tthat telecommunications matter") + wrap(B.footnote_ref(1), "Brazil", 7) + B.run(";"))
    return B.package(body, footnotes=note)


def _notes(doc: itu_nb.Document) -> list:
    return [
        (
            n.path,
            [(r.op.name, r.text, r.author, r.date) for r in n.label_runs],
            [(r.op.name, r.text, r.author, r.date) for r in n.runs],
        )
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


def _refs(doc: itu_nb.Document) -> list:
    return [
        (a.kind, a.text, a.op.name) for p in doc for n in p.walk() for a in n.artefacts if a.kind.startswith("footnote")
    ]


@pytest.mark.parametrize(("tag", "op"), [("ins", "INSERT"), ("del", "DELETE")])
def test_the_source_reads_as_a_note_by_brazil(tag, op):
    # checked by eye against _source: the mark "1 " and the text, both in Brazil's change of 2018-09-10
    assert _notes(itu_nb.load(_source(tag), format="docx")) == [
        ("considering/a/fn1", [(op, "1 ", "Brazil", DATE)], [(op, "See Resolution 71", "Brazil", DATE)])
    ]


@pytest.mark.parametrize("tag", ["ins", "del"])
def test_word_writes_it_as_word_does_and_reads_it_back(tag):
    src = itu_nb.load(_source(tag), format="docx")
    data = itu_nb.to_docx(src)
    z = zipfile.ZipFile(io.BytesIO(data))
    body, notes = z.read("word/document.xml").decode(), z.read("word/footnotes.xml").decode()
    # the reference run in Brazil's change, with its date
    change = re.search(rf"<w:{tag} [^>]*>(?:(?!</w:{tag}>).)*<w:footnoteReference w:id=\"1\"/>", body)
    assert change is not None
    assert 'w:author="Brazil"' in change.group(0) and f'w:date="{DATE}"' in change.group(0)
    # the note's runs, its mark and its text, in changes of Brazil of that date, none untracked
    note = re.search(r'<w:footnote w:id="1">.*?</w:footnote>', notes, re.S).group(0)
    runs = re.findall(r"<w:r>.*?</w:r>", note)
    assert len(runs) == 2
    changes = re.findall(rf"<w:{tag} [^>]*>", note)
    assert changes and all('w:author="Brazil"' in c and f'w:date="{DATE}"' in c for c in changes)
    outside = re.sub(rf"<w:{tag} [^>]*>.*?</w:{tag}>", "", note, flags=re.S)
    assert "<w:r>" not in outside
    back = itu_nb.load(data, format="docx")
    assert _notes(back) == _notes(src)
    assert _refs(back) == _refs(src)
    again = itu_nb.load(itu_nb.to_docx(back), format="docx")
    assert _notes(again) == _notes(src)


@pytest.mark.parametrize("tag", ["ins", "del"])
def test_through_criticmarkup_and_akoma_ntoso_then_word(tag):
    src = itu_nb.load(_source(tag), format="docx")
    for text, fmt in ((itu_nb.to_criticmarkup(src), "criticmarkup"), (itu_nb.to_akn(src), "akn")):
        hop = itu_nb.load(text, format=fmt)
        back = itu_nb.load(itu_nb.to_docx(hop), format="docx")
        assert _notes(back) == _notes(src), fmt


@needs_pandoc
@pytest.mark.parametrize(("tag", "kind"), [("ins", "insertion"), ("del", "deletion")])
def test_pandoc_shows_the_note_as_brazils(tag, kind, tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_source(tag), format="docx")))
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "native", str(path)], capture_output=True, text=True, check=True
    ).stdout
    note = out[out.index("Note") :]
    # the reference and the note's text, each in a span of Brazil's change with its date
    assert out.count(f'"{kind}"') >= 2
    assert '( "author" , "Brazil" )' in out and f'( "date" , "{DATE}" )' in out
    assert f'"{kind}"' in note and '"Brazil"' in note and 'Str "Resolution"' in note


@needs_soffice
@pytest.mark.parametrize(("tag", "kind"), [("ins", "insertion"), ("del", "deletion")])
def test_libreoffice_shows_the_note_as_brazils(tag, kind, tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_source(tag), format="docx")))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", fodt, re.S)
    mine = [r for r in regions if f"<text:{kind}>" in r and "<dc:creator>Brazil</dc:creator>" in r]
    assert mine and all("2018-09-10" in r for r in mine)
    # the note's text lies inside a change region (its start and end marks stand in the note's paragraph)
    body = re.search(r"<text:note-body>(.*?)</text:note-body>", fodt, re.S).group(1)
    assert "<text:change-start" in body or "<text:change " in body
    assert "Resolution 71" in body
