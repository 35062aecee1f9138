"""The tracked mark of an empty paragraph that ends the document, through Word (issue 17, the session-22 audit).

Brazil's Document 67 as pandoc wrote it, with one more paragraph at its end: empty, its paragraph mark inserted
(``<w:ins>``) or deleted (``<w:del>``) by Chile on 2018-09-12.  The loader reads it as a ``paragraph-mark``
artefact; CriticMarkup and Akoma Ntoso kept it, but ``to_docx`` never marked the document's last paragraph and
wrote ``<w:p/>``: the change, its author and date were gone on reading back, with no note.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import FIXTURES
from lxml import etree

import itu_nb
from itu_nb import Op

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPS = {"ins": Op.INSERT, "del": Op.DELETE}


def _doc67_ending_with(op: str) -> bytes:
    """Brazil's Document 67 (pandoc's .docx) with one more paragraph at its end: empty, its mark ``op``
    (``ins`` / ``del``) tracked by Chile on 2018-09-12."""
    src = zipfile.ZipFile(FIXTURES / "pp18-doc67-brazil.pandoc.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                mark = (
                    f'<w:p><w:pPr><w:rPr><w:{op} w:id="9001" w:author="Chile" w:date="2018-09-12T00:00:00Z"/>'
                    "</w:rPr></w:pPr></w:p>"
                )
                assert data.count(b"<w:sectPr />") == 1
                data = data.replace(b"<w:sectPr />", mark.encode() + b"<w:sectPr />")
            z.writestr(item, data)
    return out.getvalue()


def _marks(doc: itu_nb.Document) -> list[tuple]:
    return [(a.author, a.date, a.op) for a in doc.artefacts if a.kind == "paragraph-mark"]


@pytest.mark.parametrize("op", OPS)
def test_the_mark_of_an_empty_last_paragraph_survives_word(op):
    doc = itu_nb.load(_doc67_ending_with(op))
    back = itu_nb.load(itu_nb.to_docx(doc))
    assert _marks(back) == [("Chile", "2018-09-12T00:00:00Z", OPS[op])]


@pytest.mark.parametrize("op", OPS)
def test_word_writes_the_mark_on_the_last_paragraph_of_the_body(op):
    doc = itu_nb.load(_doc67_ending_with(op))
    xml = zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(doc))).read("word/document.xml")
    body = etree.fromstring(xml).find(f"{W}body")
    last = body.findall(f"{W}p")[-1]
    assert last.find(f"{W}r") is None  # empty, as in the source
    change = last.find(f"{W}pPr/{W}rPr/{W}{op}")
    assert (change.get(f"{W}author"), change.get(f"{W}date")) == ("Chile", "2018-09-12T00:00:00Z")
    # and written again from what was read back, the same mark
    again = itu_nb.load(itu_nb.to_docx(itu_nb.load(itu_nb.to_docx(doc))))
    assert _marks(again) == [("Chile", "2018-09-12T00:00:00Z", OPS[op])]
