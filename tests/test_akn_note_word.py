"""A note read from Akoma Ntoso and written to Word keeps its number as Word's own mark, with no change of its own.

Session 21 noticed a note written to Word from Akoma Ntoso "getting its number as an untracked deletion and
insertion".  Session 22 did not reproduce it on 370d352 (nor on 556c042): Doc 67 written to Akoma Ntoso by
``to_akn``, read back and written by ``to_docx`` gives the footnotes part of the document written straight from
CriticMarkup, byte for byte, and every reader sees the notes unchanged.  These tests keep it so, with the readers
that would show such a change: the footnotes part itself, pandoc's ``--track-changes=all`` and LibreOffice.

Doc 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``) has three notes: note 1 in B/67/4 *recalling
j)*, "1 <TAB>These include the least developed countries, …" (its number a label: Word's ``w:footnoteRef``), and notes
2 and 3 in B/67/5's Reasons, " https://www.itu.int/md/…" (no number in their text).  None has a change.
"""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice
from lxml import etree

import itu_nb
from itu_nb import NodeKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE_1 = (
    "These include the least developed countries, small island developing states, landlocked developing countries and"
    " countries with economies in transition."
)


@pytest.fixture(scope="module")
def via_akn() -> tuple[itu_nb.Document, bytes, bytes]:
    doc = itu_nb.load(CRITIC)
    back = itu_nb.load(itu_nb.to_akn(doc), format="akn")
    return back, itu_nb.to_docx(back), itu_nb.to_docx(doc)


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def test_the_notes_part_is_the_one_written_from_criticmarkup(via_akn):
    _, data, direct = via_akn
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(io.BytesIO(direct)) as d:
        assert z.read("word/footnotes.xml") == d.read("word/footnotes.xml")


def test_each_note_has_no_tracked_change_and_note_1_its_number_as_words_mark(via_akn):
    _, data, _ = via_akn
    notes = [n for n in _part(data, "word/footnotes.xml") if n.get(f"{W}type") is None]
    assert len(notes) == 3
    for note in notes:
        assert note.find(f".//{W}ins") is None and note.find(f".//{W}del") is None
    # note 1: Word's number mark first, then " <TAB>" and the text; notes 2 and 3: their text alone, as in the source
    runs = notes[0].findall(f"{W}p/{W}r")
    assert runs[0].find(f"{W}footnoteRef") is not None and runs[0].find(f"{W}t") is None
    assert "".join(t.text for t in notes[0].iter(f"{W}t")) == " " + NOTE_1
    assert [n.find(f".//{W}footnoteRef") for n in notes[1:]] == [None, None]
    # the references in the body: plain runs, no change around them
    refs = list(_part(data, "word/document.xml").iter(f"{W}footnoteReference"))
    assert len(refs) == 3
    assert all(r.getparent().getparent().tag == f"{W}p" for r in refs)


def test_the_docx_reader_reads_the_notes_as_akoma_ntoso_gave_them(via_akn):
    doc, data, _ = via_akn
    want = [
        (n.label, n.body("original"), n.body("amended")) for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE
    ]
    assert want[0] == ("1", NOTE_1, NOTE_1)
    got = itu_nb.load(data, format="docx")
    assert [
        (n.label, n.body("original"), n.body("amended")) for p in got for n in p.walk() if n.kind is NodeKind.FOOTNOTE
    ] == want
    for p in got:
        for n in p.walk():
            if n.kind is NodeKind.FOOTNOTE:
                assert [r.op.name for r in n.label_runs + n.runs] == ["EQUAL"] * len(n.label_runs + n.runs)


def _pandoc_notes(path, mode: str) -> list:
    import json

    res = subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "json", str(path)], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr
    found: list = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("t") == "Note":
                found.append(x["c"])
                return
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(json.loads(res.stdout)["blocks"])
    return found


@needs_pandoc
def test_pandoc_shows_no_change_in_the_notes(via_akn, tmp_path):
    _, data, _ = via_akn
    path = tmp_path / "doc67-via-akn.docx"
    path.write_bytes(data)
    notes = _pandoc_notes(path, "all")
    assert len(notes) == 3
    text = str(notes)
    assert "insertion" not in text and "deletion" not in text
    assert _pandoc_notes(path, "accept") == _pandoc_notes(path, "reject")


@needs_soffice
def test_libreoffice_reads_the_notes_with_no_change_in_them(via_akn, tmp_path):
    _, data, _ = via_akn
    path = tmp_path / "doc67-via-akn.docx"
    path.write_bytes(data)
    root = etree.fromstring(libreoffice_fodt(path, tmp_path).read_bytes())
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    notes = list(root.iter(f"{text}note"))
    assert len(notes) == 3
    # no change starts or ends inside a note (Accept All and Reject All leave its text as it is); note 1 numbered 1
    for note in notes:
        assert note.find(f".//{text}change-start") is None and note.find(f".//{text}change") is None
    assert notes[0].find(f"{text}note-citation").text == "1"
    assert NOTE_1 in "".join(notes[0].find(f"{text}note-body").itertext())
