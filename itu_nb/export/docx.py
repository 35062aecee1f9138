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
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from docx import Document as _new_word
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from lxml import etree

from itu_nb.export.lines import Line, Piece, as_document, export_lines
from itu_nb.model import Document, Op
from itu_nb.parsing.markup import FOOTNOTE_BODY

__all__ = ["to_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#: The highlight colour written for a highlight (Word's text highlight; the loader reads any colour).
HIGHLIGHT = "yellow"
_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The custom document property that stores clause keys a reload cannot derive (see keys_to_store).
KEYS_PROPERTY = "itu_nb keys"
#: Characters XML 1.0 cannot hold (TAB, line and page breaks are written as elements first), and lone
#: surrogates, which UTF-8 cannot encode.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")
#: The same in attribute values (author names, bookmark names), where TAB and line breaks are also dropped.
_INVALID_ATTR = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\v|\f|\n)")
#: A bookmark as the loaders write it; anything else of kind bookmark is written as text.
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]*\]\Z")
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
TWIP_LEVEL = 794  # the ITU templates' indent step (1.4 cm)


def _styles(word) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(6), Pt(0)

    def add(name: str, *, before: int = 6, keep: bool = False, centre: bool = False, **font):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.space_before, fmt.keep_with_next = Pt(before), keep
        if centre:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for key, value in font.items():
            setattr(style.font, key, value)
        return style

    proposal = add("Proposal", before=18, keep=True)
    proposal.paragraph_format.first_line_indent = -Cm(2.0)  # the action sits in the left margin
    add("ResNo", before=24, keep=True, centre=True, all_caps=True)
    add("Restitle", before=12, keep=True, centre=True, bold=True, size=Pt(14))
    add("Normalaftertitle", before=18)
    call = add("Call", before=10, keep=True, italic=True)
    call.paragraph_format.left_indent = Twips(TWIP_LEVEL)
    add("AnnexNo", before=24, keep=True, centre=True, all_caps=True)
    add("Reasons", before=12)
    add("Separator", centre=True)
    for level in (1, 2, 3):
        item = add(f"enumlev{level}")
        step = TWIP_LEVEL if level == 1 else TWIP_LEVEL // 2
        item.paragraph_format.left_indent = Twips(TWIP_LEVEL + (level - 1) * (TWIP_LEVEL // 2))
        item.paragraph_format.first_line_indent = -Twips(step)
    note = add("footnote text", before=3, size=Pt(10))
    note.paragraph_format.left_indent, note.paragraph_format.first_line_indent = Twips(284), -Twips(284)
    ref = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True


def clean_attr(value: str) -> str:
    """An attribute value XML 1.0 can hold: control characters dropped, lone surrogates as U+FFFD."""
    return _INVALID_ATTR.sub(_replace, value)


def clean_text(value: str) -> str:
    """Text XML 1.0 can hold: control characters dropped (TAB and breaks are elements), lone surrogates as U+FFFD."""
    return _INVALID.sub(_replace, value)


def _replace(m: re.Match) -> str:
    return "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else ""


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    return date if "T" in date else f"{date}T00:00:00Z"


class _Writer:
    def __init__(self, doc: Document, author: str, date: str | None):
        self.doc, self.author, self.date = doc, author, date
        self.word = _new_word()
        self.next_id = 1
        self.footnotes: list[etree._Element] = []
        self.comments: list[etree._Element] = []
        self.auto_notes = 0  # footnotes Word numbers itself so far
        self.keys: dict[str, list] = {}  # proposal id → the clause keys to store
        _styles(self.word)
        section = self.word.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    # -- runs -----------------------------------------------------------------------
    def _run(
        self, text: str, op: Op, *, bold=False, italic=False, small=False, style=None, lit=False
    ) -> etree._Element:
        r = OxmlElement("w:r")
        if bold or italic or small or style or lit:
            rpr = OxmlElement("w:rPr")
            if style:
                rs = OxmlElement("w:rStyle")
                rs.set(qn("w:val"), style)
                rpr.append(rs)
            for flag, tag in ((bold, "w:b"), (italic, "w:i")):
                if flag:
                    rpr.append(OxmlElement(tag))
            if lit:
                mark = OxmlElement("w:highlight")
                mark.set(qn("w:val"), HIGHLIGHT)
                rpr.append(mark)
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
                t.text = clean_text(part)
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
        change.set(qn("w:author"), clean_attr(author or self.author))
        when = _iso(date or self.date)
        if when:
            change.set(qn("w:date"), clean_attr(when))
        return change

    # -- paragraphs -------------------------------------------------------------------
    def paragraph(self, line: Line, last: bool) -> None:
        style = _ROLE_STYLE.get(line.role)
        if line.role == "item":
            style = f"enumlev{min(max(line.depth, 1), 3)}"
        p = self.word.add_paragraph(style=style)._p
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
        lit = False
        for piece in line.pieces:
            if piece.is_mark:
                lit = piece.kind == "highlight-start"
            elif piece.kind == "footnote-ref":
                number = re.match(r"\[\w+:(\d+)\]", piece.text)
                p.append(
                    self._footnote_ref(
                        piece, bodies.pop(number.group(1), []) if number else [], number and number.group(1)
                    )
                )
            elif piece.kind == "bookmark" and _BOOKMARK.match(piece.text):
                self._bookmark(p, piece.text[len("[bookmark: ") : -1])
            elif piece.kind == "comment":
                self._comment(p, piece)
            elif piece.is_text or piece.kind == "bookmark":
                p.append(self._tracked(self._text_run(line, piece, lit), piece.op, piece.author, piece.date))

    def _text_run(self, line: Line, piece: Piece, lit: bool = False) -> etree._Element:
        if line.role == "marker" and piece.kind == "marker":
            action, tab, pid = piece.text.partition("\t")
            if tab:  # the two parts need their own formatting: build a run holding both
                r = self._run(action, piece.op, bold=True, lit=lit)
                r.append(OxmlElement("w:tab"))
                t = OxmlElement("w:delText" if piece.op is Op.DELETE else "w:t")
                t.text = clean_text(pid)
                r.append(t)
                return r
            return self._run(piece.text, piece.op, bold=True, lit=lit)
        bold = line.role == "reasons" and piece.kind == "label"
        return self._run(piece.text, piece.op, bold=bold, lit=lit)

    def _comment(self, p: etree._Element, piece: Piece) -> None:
        """A Word comment at this point: ``w:commentRangeStart``/``End`` and the reference run here, the text
        with ``w:author``, ``w:date`` and initials in ``word/comments.xml``.
        """
        cid = str(len(self.comments))
        note = etree.Element(qn("w:comment"))
        note.set(qn("w:id"), cid)
        author = clean_attr(piece.author or "")
        note.set(qn("w:author"), author)
        note.set(qn("w:initials"), "".join(w[:1] for w in author.split())[:9])
        when = _iso(piece.date)
        if when:
            note.set(qn("w:date"), clean_attr(when))
        for k, text in enumerate(piece.text.split("\n")):
            para = etree.SubElement(note, qn("w:p"))
            etree.SubElement(etree.SubElement(para, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), "CommentText")
            if not k:
                mark = self._run("", Op.EQUAL, style="CommentReference")
                mark.append(OxmlElement("w:annotationRef"))
                para.append(mark)
            if text:
                para.append(self._run(text, Op.EQUAL))
        self.comments.append(note)
        for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
            el = OxmlElement(tag)
            el.set(qn("w:id"), cid)
            p.append(el)
        r = self._run("", Op.EQUAL, style="CommentReference")
        ref = OxmlElement("w:commentReference")
        ref.set(qn("w:id"), cid)
        r.append(ref)
        p.append(self._tracked(r, piece.op, None, None))

    def _bookmark(self, p: etree._Element, name: str) -> None:
        bid = self._id()
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), bid)
        start.set(qn("w:name"), clean_attr(name)[:40])
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), bid)
        p.append(start)
        p.append(end)

    def _footnote_ref(self, ref: Piece, bodies: list[Piece], number: str | None = None) -> etree._Element:
        """A footnote and its reference.  Word numbers footnotes itself, 1, 2, 3…: a note whose number is
        not the next one (a source numbering 3, 7) gets it as a custom mark (``w:customMarkFollows``,
        the number in the reference run and at the start of the note), so its path stays ``fn3``.
        """
        fid = str(len(self.footnotes) + 1)
        custom = number is not None and number != str(self.auto_notes + 1)
        if not custom:
            self.auto_notes += 1
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
            if re.match(rf"{no}(?=\s)", text) and not custom:  # the note shows its number: Word's own mark
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
        if custom:
            fr.set(qn("w:customMarkFollows"), "1")
            t = OxmlElement("w:delText" if ref.op is Op.DELETE else "w:t")
            t.text = number
            r.append(t)
        return self._tracked(r, ref.op, ref.author, ref.date)

    # -- the package --------------------------------------------------------------------
    def finish(self, title: str) -> bytes:
        body = self.word.element.body
        first = body[0] if len(body) and body[0].tag == qn("w:p") else None
        if first is not None and not first.getchildren():  # python-docx's template starts empty
            body.remove(first)
        props = self.word.core_properties
        props.title, props.author, props.comments = title, self.author, "Written by itu_nb"
        props.last_modified_by, props.revision = self.author, 1
        props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
        settings = self.word.settings.element
        track = OxmlElement("w:trackRevisions")
        tab = settings.find(qn("w:defaultTabStop"))
        if tab is not None:
            tab.addprevious(track)
        if self.footnotes:
            self._footnote_part()
        if self.comments:
            self._comments_part()
        if self.keys:
            self._keys_part()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _keys_part(self) -> None:
        """``docProps/custom.xml`` with one property, ``itu_nb keys``: ``{proposal id: [key, …]}`` as JSON
        (custom properties survive editing in Word, and the .docx loader reads them back).
        """
        import json

        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
        prop.set("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
        prop.set("pid", "2")
        prop.set("name", KEYS_PROPERTY)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = json.dumps(self.keys, ensure_ascii=False, sort_keys=True)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.word.part.package
        part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CT, blob, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)

    def _comments_part(self) -> None:
        root = etree.Element(qn("w:comments"), nsmap={"w": W_NS})
        root.extend(self.comments)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        part = Part(PackURI("/word/comments.xml"), _COMMENTS_CT, blob, document.package)
        document.relate_to(part, RT.COMMENTS)

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


def to_docx(x, path=None, *, author: str | None = None, date: str | None = None, title: str | None = None):
    """Write a Document, Proposal or Comparison as Word with tracked changes; see :func:`itu_nb.to_docx`."""
    doc = as_document(x, author=author, date=date)
    writer = _Writer(doc, clean_attr(author or _default_author(doc)), date)
    lines = export_lines(doc)
    for k, line in enumerate(lines):
        writer.paragraph(line, last=k == len(lines) - 1)
    data = writer.finish(clean_attr(title or doc.metadata.get("title") or Path(doc.source).stem))
    if path is None:
        return data
    Path(path).write_bytes(data)
    return Path(path)
