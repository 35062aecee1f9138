"""Word writer: one paragraph per line, real tracked changes, the ITU look.

- Every insert run is a ``w:ins`` and every delete run a ``w:del`` (``w:delText``)
  with ``w:author`` (the run's author, else ``author=``, else the submitter, else
  ``"itu_nb"``), ``w:date`` when known, and a ``w:id`` unique in the document; a
  paragraph inserted or deleted whole has its paragraph mark inserted or deleted too.
- Labels are text followed by a TAB (no Word list numbering), so a relettering
  ``c) → b)`` is a deleted ``c`` and an inserted ``b``, as the proposal writes it.
- The ITU look: Times New Roman 12 pt on A4; the action (MOD/ADD/SUP) in bold in the
  left margin before the proposal id; headings centred in capitals; the title bold;
  section keywords in italics; items with hanging indents; ``Reasons:`` in bold.
  Style names follow the ITU templates (``Proposal``, ``ResNo``, ``Restitle``,
  ``Call``, ``enumlev1``…), so a secretariat template can restyle the document.
- Bookmarks and footnotes of the source become real Word bookmarks and footnotes;
  track changes is switched on for whoever edits the document next.
- The template (styles, A4, track changes on) is built once per process
  (:mod:`~itu_nb.export.docx_template`); the cover block, page header and document
  properties come from the document's metadata (:mod:`~itu_nb.export.docx_cover`).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from itu_nb.errors import ExportError
from itu_nb.export import docx_cover, docx_template
from itu_nb.export.lines import Line, Piece, as_document, export_lines
from itu_nb.model import Document, Op
from itu_nb.parsing.markup import FOOTNOTE_BODY

__all__ = ["to_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
#: The custom document property that stores clause keys a reload cannot derive (see keys_to_store).
KEYS_PROPERTY = docx_cover.KEYS_PROPERTY
#: Characters XML 1.0 cannot hold (TAB, line and page breaks are written as elements first).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\v|\f|\n)")
_ROLE_STYLE = {
    "marker": "Proposal",
    "heading": "ResNo",
    "title": "Restitle",
    "formula": "Normalaftertitle",
    "section": "Call",
    "annex": "AnnexNo",
    "reasons": "Reasons",
    "separator": "Separator",
    "footnote": "footnote text",
}
TWIP_LEVEL = docx_template.TWIP_LEVEL  # the ITU templates' indent step (1.4 cm)


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    return date if "T" in date else f"{date}T00:00:00Z"


class _Writer:
    def __init__(self, doc: Document, author: str, date: str | None):
        self.doc, self.author, self.date = doc, author, date
        self.word = docx_template.new_word()  # the ITU styles on A4, track changes on (built once)
        self.body = self.word.element.body
        self.next_id = 1
        self.footnotes: list[etree._Element] = []
        self.keys: dict[str, list] = {}  # proposal id → the clause keys to store

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    # -- runs -----------------------------------------------------------------------
    def _run(self, text: str, op: Op, *, bold=False, italic=False, small=False, style=None) -> etree._Element:
        r = OxmlElement("w:r")
        if bold or italic or small or style:
            rpr = OxmlElement("w:rPr")
            if style:
                rs = OxmlElement("w:rStyle")
                rs.set(qn("w:val"), style)
                rpr.append(rs)
            for flag, tag in ((bold, "w:b"), (italic, "w:i")):
                if flag:
                    rpr.append(OxmlElement(tag))
            if small:
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), "20")
                rpr.append(sz)
            r.append(rpr)
        for part in _BREAKS.split(text):
            if part == "\t":
                r.append(OxmlElement("w:tab"))
            elif part in ("\v", "\n"):
                r.append(OxmlElement("w:br"))
            elif part == "\f":
                br = OxmlElement("w:br")
                br.set(qn("w:type"), "page")
                r.append(br)
            elif part:
                t = OxmlElement("w:delText" if op is Op.DELETE else "w:t")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = _INVALID.sub("", part)
                r.append(t)
        return r

    def _tracked(self, el: etree._Element, op: Op, author: str | None, date: str | None) -> etree._Element:
        if op is Op.EQUAL:
            return el
        change = self._change(op, author, date)
        change.append(el)
        return change

    def _change(self, op: Op, author: str | None, date: str | None) -> etree._Element:
        """An empty ``w:ins`` / ``w:del`` with its id, author and date."""
        change = OxmlElement("w:ins" if op is Op.INSERT else "w:del")
        change.set(qn("w:id"), self._id())
        change.set(qn("w:author"), author or self.author)
        when = _iso(date or self.date)
        if when:
            change.set(qn("w:date"), when)
        return change

    # -- paragraphs -------------------------------------------------------------------
    def paragraph(self, line: Line, last: bool) -> None:
        style = _ROLE_STYLE.get(line.role)
        if line.role == "item":
            style = f"enumlev{min(max(line.depth, 1), 3)}"
        p = docx_template.paragraph(self.body, style)
        if line.keys and line.proposal is not None:
            self.keys[line.proposal.id] = line.keys
        mark = line.mark
        if mark is not Op.EQUAL and not last:
            ppr = p.get_or_add_pPr()
            rpr = OxmlElement("w:rPr")
            rpr.append(self._change(mark, *_who(line)))  # the paragraph mark inserted or deleted
            ppr.append(rpr)
        bodies: dict[str, list[Piece]] = {}  # a note's text may stand anywhere in its line
        for piece in line.pieces:
            m = FOOTNOTE_BODY.match(piece.text) if piece.kind == "footnote-body" else None
            if m:
                bodies.setdefault(m.group("no"), []).append(piece)
        for piece in line.pieces:
            if piece.kind == "footnote-ref":
                number = re.match(r"\[\w+:(\d+)\]", piece.text)
                p.append(self._footnote_ref(piece, bodies.pop(number.group(1), []) if number else []))
            elif piece.kind == "bookmark":
                self._bookmark(p, piece.text[len("[bookmark: ") : -1])
            elif piece.is_text:
                p.append(self._tracked(self._text_run(line, piece), piece.op, piece.author, piece.date))

    def _text_run(self, line: Line, piece: Piece) -> etree._Element:
        if line.role == "marker":
            action, tab, pid = piece.text.partition("\t")
            if tab:  # the two parts need their own formatting: build a run holding both
                r = self._run(action, piece.op, bold=True)
                r.append(OxmlElement("w:tab"))
                t = OxmlElement("w:delText" if piece.op is Op.DELETE else "w:t")
                t.text = _INVALID.sub("", pid)
                r.append(t)
                return r
            return self._run(piece.text, piece.op, bold=True)
        bold = line.role == "reasons" and piece.kind == "label"
        return self._run(piece.text, piece.op, bold=bold)

    def _bookmark(self, p: etree._Element, name: str) -> None:
        bid = self._id()
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), bid)
        start.set(qn("w:name"), name[:40])
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), bid)
        p.append(start)
        p.append(end)

    def _footnote_ref(self, ref: Piece, bodies: list[Piece]) -> etree._Element:
        fid = str(len(self.footnotes) + 1)
        note = etree.SubElement(etree.Element(qn("w:footnotes")), qn("w:footnote"))
        note.set(qn("w:id"), fid)
        p = etree.SubElement(note, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), "footnotetext")
        mark = self._run("", Op.EQUAL, style="footnotereference")
        mark.append(OxmlElement("w:footnoteRef"))
        for body in bodies:
            m = FOOTNOTE_BODY.match(body.text)
            assert m is not None  # the caller passes only the bodies that match
            no = m.group("no")
            text = body.text[len(no) + 3 : -1]  # what follows "[N: ", as the loaders write it
            if re.match(rf"{no}(?=\s)", text):  # the note shows its number: Word's own mark
                text = text[len(no) :]
                if not len(p.findall(qn("w:r"))):
                    p.append(mark)
            op = Op.EQUAL if body.op is ref.op else body.op
            p.append(self._tracked(self._run(text, op), op, None, None))
        self.footnotes.append(note)
        r = self._run("", Op.EQUAL, style="footnotereference")
        fr = OxmlElement("w:footnoteReference")
        fr.set(qn("w:id"), fid)
        r.append(fr)
        return self._tracked(r, ref.op, ref.author, ref.date)

    # -- the package --------------------------------------------------------------------
    def finish(self, title: str | None, *, cover: bool = True, header_lines: tuple[int, ...] = ()) -> bytes:
        """The package: cover, page header and properties (:mod:`~itu_nb.export.docx_cover`), footnotes."""
        docx_cover.dress(
            self.word, self.doc, title=title, author=self.author, keys=self.keys, cover=cover, header_lines=header_lines
        )
        if self.footnotes:
            self._footnote_part()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _footnote_part(self) -> None:
        root = etree.Element(qn("w:footnotes"), nsmap={"w": W_NS})
        for fid, kind, tag in (
            ("-1", "separator", "w:separator"),
            ("0", "continuationSeparator", "w:continuationSeparator"),
        ):
            note = etree.SubElement(root, qn("w:footnote"))
            note.set(qn("w:type"), kind)
            note.set(qn("w:id"), fid)
            etree.SubElement(etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r")), qn(tag))
        root.extend(self.footnotes)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, blob, document.package)
        document.relate_to(part, RT.FOOTNOTES)


def _who(line: Line) -> tuple[str | None, str | None]:
    for piece in line.pieces:
        if piece.op is not Op.EQUAL and (piece.author or piece.date):
            return piece.author, piece.date
    return None, None


def _default_author(doc: Document) -> str:
    """The submitter, else the author most changes carry, else ``"itu_nb"``."""
    named = doc.metadata.get("submitter") or doc.metadata.get("author")
    if named:
        return named
    authors = Counter(r.author for p in doc for n in p.walk() for r in n.label_runs + n.runs if r.author)
    return authors.most_common(1)[0][0] if authors else "itu_nb"


def to_docx(
    x,
    path=None,
    *,
    author: str | None = None,
    date: str | None = None,
    title: str | None = None,
    metadata: dict | None = None,
    cover: bool = True,
):
    """Write a Document, Proposal or Comparison as Word with tracked changes; see :func:`itu_nb.to_docx`."""
    doc = as_document(x, author=author, date=date)
    if metadata:
        if not isinstance(metadata, dict):
            raise ExportError(f"to_docx: metadata must be a dict, not {type(metadata).__name__}")
        doc = dataclasses.replace(doc, metadata={**doc.metadata, **metadata})
    subject = docx_cover.comparison_subject(x)
    if subject:
        doc = dataclasses.replace(doc, metadata={**doc.metadata, "subject": subject})
    docx_cover.cover_facts(doc)  # refuses bad cover metadata before anything is written
    writer = _Writer(doc, author or _default_author(doc), date)
    lines = export_lines(doc)
    for k, line in enumerate(lines):
        writer.paragraph(line, last=k == len(lines) - 1)
    own = tuple(k for k, line in enumerate(lines) if line.role == "header")  # the document's own cover
    data = writer.finish(title, cover=cover, header_lines=own)
    if path is None:
        return data
    Path(path).write_bytes(data)
    return Path(path)
