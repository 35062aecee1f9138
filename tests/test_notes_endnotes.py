"""Endnotes stay endnotes through every loader and exporter, with stable paths (issue 17, session 9).

Word numbers footnotes and endnotes apart: a document may have footnote 1 and endnote 1.  The tree names them
``fn1`` and ``en1`` (an endnote's path starts ``en``), whatever their order in the paragraph; the Word writer
wrote every note as a footnote, so that an endnote came back as a footnote, and footnote 1 and endnote 1 of
one paragraph were written as one footnote holding both texts.  The input is built as Word writes it
(``tests/docx_build.py``); the expected texts are read off it.  pandoc and LibreOffice are the independent
readers of what ``to_docx`` writes.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

import docx_build as B
import pytest
from conftest import libreoffice_fodt, needs_pandoc, needs_soffice
from lxml import etree

import itu_nb
from itu_nb import NodeKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ENDNOTE_REF = '<w:r><w:endnoteReference w:id="1"/></w:r>'
_ENDNOTES = (
    '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
    '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>'
    '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> An endnote.</w:t></w:r></w:p>'
    "</w:endnote>"
)


def _package(endnote_first: bool = False) -> bytes:
    """resolves 1, "to act now.", with footnote 1 ("A footnote.") after "to act" and endnote 1 ("An endnote.")
    after "now" (before "to act" when ``endnote_first``)."""
    if endnote_first:
        inner = B.run("1\tto act") + _ENDNOTE_REF + B.run(" now") + B.footnote_ref(2) + B.run(".")
    else:
        inner = B.run("1\tto act") + B.footnote_ref(2) + B.run(" now") + _ENDNOTE_REF + B.run(".")
    return B.package(
        B.HEAD + B.para(B.run("resolves")) + B.para(inner),
        footnotes=B.SEPARATORS + B.footnote(2, B.run("A footnote.")),
        endnotes=_ENDNOTES,
    )


def _notes(doc: itu_nb.Document) -> list[tuple]:
    """Every note: (path, label, text), in the order of the tree."""
    return [(n.path, n.label, n.body()) for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE]


WANT = [("resolves/1/fn1", "1", "A footnote."), ("resolves/1/en1", "1", "An endnote.")]


def test_the_reader_names_footnote_1_and_endnote_1_apart():
    doc = itu_nb.load(_package(), format="docx")
    assert _notes(doc) == WANT
    assert doc[0]["resolves/1"].body() == "to act now."
    # the paths do not depend on which note comes first in the paragraph
    assert sorted(_notes(itu_nb.load(_package(endnote_first=True), format="docx"))) == sorted(WANT)


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _texts(root: etree._Element, tag: str) -> list[str]:
    """The text of each note of ``tag`` (w:footnote, w:endnote) but the separators."""
    return ["".join(n.itertext()) for n in root.iter(f"{W}{tag}") if n.get(f"{W}type") is None]


def test_word_writes_an_endnote_as_an_endnote_and_reads_it_back():
    data = itu_nb.to_docx(itu_nb.load(_package(), format="docx"))
    # Word's mark is no text: each note holds its own text only, after a space (as the source)
    assert _texts(_part(data, "word/footnotes.xml"), "footnote") == [" A footnote."]
    assert _texts(_part(data, "word/endnotes.xml"), "endnote") == [" An endnote."]
    body = _part(data, "word/document.xml")
    assert len(list(body.iter(f"{W}footnoteReference"))) == len(list(body.iter(f"{W}endnoteReference"))) == 1
    assert _notes(itu_nb.load(data, format="docx")) == WANT


@pytest.mark.parametrize("writer", ["criticmarkup", "akn", "docx"])
def test_an_endnote_stays_an_endnote_through_every_format_and_a_second_hop(writer):
    doc = itu_nb.load(_package(), format="docx")
    once = itu_nb.load(getattr(itu_nb, f"to_{writer}")(doc))
    assert _notes(once) == WANT
    assert once[0]["resolves/1"].body() == "to act now."  # the endnote's mark is no text of the clause
    for second in ("criticmarkup", "akn", "docx"):
        assert _notes(itu_nb.load(getattr(itu_nb, f"to_{second}")(once))) == WANT, second


def test_criticmarkup_reads_an_endnote_reference_as_a_mark_not_as_text():
    text = "MOD\tX/1/1\n\nresolves\n1\tto act[footnoteRef:1][1: A footnote.] now[endnoteRef:1][1: An endnote.].\n"
    doc = itu_nb.load(text)
    assert doc[0]["resolves/1"].body() == "to act now."
    assert _notes(doc) == [("resolves/1/fn1", None, "A footnote."), ("resolves/1/en1", None, "An endnote.")]
    assert itu_nb.to_criticmarkup(doc).splitlines()[-1] == text.splitlines()[-1]


def test_akoma_ntoso_marks_an_endnote_by_its_class():
    xml = itu_nb.to_akn(itu_nb.load(_package(), format="docx"))
    assert '<authorialNote marker="1" placement="bottom" eId="cmp_1__authorialNote_1"><p>1 A footnote.</p>' in xml
    assert (
        '<authorialNote marker="1" placement="bottom" class="endnote" eId="cmp_1__authorialNote_2"><p>1 An endnote.</p>'
    ) in xml


@needs_pandoc
def test_pandoc_reads_both_notes_of_the_written_file(tmp_path):
    path = tmp_path / "notes.docx"
    itu_nb.to_docx(itu_nb.load(_package(), format="docx"), path)
    out = subprocess.run(["pandoc", "-t", "json", str(path)], capture_output=True, text=True, check=True)
    notes: list[str] = []

    def words(x) -> str:
        if isinstance(x, dict):
            return x["c"] if x.get("t") == "Str" else words(x.get("c"))
        return " ".join(w for w in map(words, x) if w) if isinstance(x, list) else ""

    def walk(x):
        if isinstance(x, dict):
            if x.get("t") == "Note":
                notes.append(words(x["c"]))
                return
            walk(x.get("c"))
        elif isinstance(x, list):
            for y in x:
                walk(y)

    walk(json.loads(out.stdout)["blocks"])
    assert notes == ["A footnote.", "An endnote."]


@needs_soffice
def test_libreoffice_reads_the_endnote_as_an_endnote(tmp_path):
    path = tmp_path / "notes.docx"
    itu_nb.to_docx(itu_nb.load(_package(), format="docx"), path)
    fodt = libreoffice_fodt(path, tmp_path)
    root = etree.parse(str(fodt)).getroot()
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    got = {
        n.get(f"{text}note-class"): "".join(n.find(f"{text}note-body").itertext()).strip()
        for n in root.iter(f"{text}note")
    }
    assert got == {"footnote": "A footnote.", "endnote": "An endnote."}


#: resolves 1, "to act.", with footnote 1 ("A footnote (see endnote).") whose text references endnote 1 ("An
#: endnote."): the endnote has no reference in the body (issue 17, session 10)
_NESTED = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS + B.footnote(2, B.run("A footnote (see endnote") + _ENDNOTE_REF + B.run(").")),
    endnotes=_ENDNOTES,
)
NESTED = [("resolves/1/fn1", "1", "A footnote (see endnote)."), ("resolves/1/en1", "1", "An endnote.")]


def test_an_endnote_referenced_only_from_inside_a_footnote_is_an_endnote():
    # it was read as a second text of footnote 1 (resolves/1/fn1#2): the tree names a note by its last reference,
    # and the endnote's stood inside the footnote, which keeps no mark
    doc = itu_nb.load(_NESTED, format="docx")
    assert _notes(doc) == NESTED
    assert [a.text for a in doc[0]["resolves/1"].artefacts if a.kind == "footnote-ref"] == [
        "[footnoteRef:1]",
        "[endnoteRef:1]",  # the endnote's reference, on the paragraph holding the footnote, before its text
    ]


@pytest.mark.parametrize("writer", ["critic", "akn", "docx"])
def test_an_endnote_read_from_inside_a_footnote_stays_an_endnote_through_every_format(writer):
    doc = itu_nb.load(_NESTED, format="docx")
    export = {"critic": itu_nb.to_criticmarkup, "akn": itu_nb.to_akn, "docx": itu_nb.to_docx}[writer]
    once = itu_nb.load(export(doc))
    assert _notes(once) == NESTED
    assert _notes(itu_nb.load(export(once))) == NESTED
