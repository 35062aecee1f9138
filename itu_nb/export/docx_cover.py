"""What makes an exported .docx look like an ITU contribution: cover, page header, document properties.

Guarantees:
- :func:`~itu_nb.export.cover.cover_facts` (:mod:`itu_nb.export.cover`, named here too) takes
  every value from the document's metadata (what the loaders found: a contribution's header
  lines, the ITU custom properties ``Docnum``, ``Docconf``… of a .docx, Akoma Ntoso metadata,
  the document number in the proposal ids) or from the ``metadata=`` given to ``to_docx``, and
  invents none: what is not known is None;
- :func:`dress` writes the cover block only when the document number and the conference
  or the submitter are known, and only when the document does not carry its own header
  lines (those are written as they are, line for line); the page header carries the page
  number and, when known, the document reference (``PP18/67-E``); on a page with a
  cover (made, or the document's own header lines, styled as one) the header is left
  empty, as on an ITU contribution's first page;
- the cover is ordinary paragraphs (a two-column table for the conference and the
  document number, then the submitter and ``PROPOSALS FOR THE WORK OF THE CONFERENCE``),
  which the text parser reads back as a contribution's header, never as a proposal or
  clause text;
- the core properties say what the document is (title: the target of a single proposal,
  ``Resolution 130 (Rev. Busan, 2014)``, never an internal id; subject: the proposals;
  author: the submitter; keywords), and the ITU custom properties carry the cover's
  values so the .docx loader reads them back.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from itu_nb.export import controls
from itu_nb.export.cover import CONFERENCES, COVER_KEYS, MAX_VALUE, PROPOSALS_TITLE, Cover, cover_facts
from itu_nb.model import Document

__all__ = [
    "CONFERENCES",
    "COVER_KEYS",
    "CONTROLS_PROPERTY",
    "KEYS_PROPERTY",
    "MAX_VALUE",
    "PROPOSALS_TITLE",
    "Cover",
    "cover_facts",
    "dress",
    "properties",
    "store_controls",
]

_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
#: The custom document property that stores clause keys a reload cannot derive (see keys_to_store).
KEYS_PROPERTY = "itu_nb keys"
#: The custom document property that stores the names of moves written under a name Word takes
#: (:func:`itu_nb.export.docx_runs.word_move_name`): ``{name written: the move's name}``.
MOVES_PROPERTY = "itu_nb moves"

#: The custom property naming who a change with no author is written as (:data:`UNNAMED`, or that and a number when
#: an author has that name), so the .docx reader reads it back as no author (:mod:`itu_nb.loaders.docx_unnamed`).
UNNAMED_PROPERTY = "itu_nb unnamed"

#: The name written for a change with no author: ``w:author`` is required (ECMA-376's schema; Microsoft's notes on
#: the standard, MS-OE376 2.1.341: "Word behaves according to schema - the author attribute is required"), and
#: "Unknown Author" is the name Word users meet on changes whose author Word does not know.
UNNAMED = "Unknown Author"

#: The custom document property listing the control characters written as their pictures (``U+0007 U+001B``,
#: :mod:`itu_nb.export.controls`), which the .docx reader maps back.
CONTROLS_PROPERTY = "itu_nb controls"
_PROPOSALS_FOR = re.compile(r"^(?:\w+\s+)*PROPOSALS\s+FOR\s+THE\s+WORK", re.I)  # as the text parser reads it


# ----------------------------------------------------------------------------
# the cover block and the page header
# ----------------------------------------------------------------------------
#: What ``xml.sax.saxutils.escape`` escapes (whose module imports urllib, http and ssl: 15-20 ms of an export).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _para(text: str | None, style: str = "Cover", *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = f'<w:r>{rpr}<w:t xml:space="preserve">{text.translate(_ESCAPES)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _cover_xml(cover: Cover) -> list[str]:
    left = [_para(v, bold=True) for v in (cover.conference, cover.venue, cover.meeting) if v]
    right = [_para(cover.number, bold=True)]
    right += [_para(v) for v in (cover.date, f"Original: {cover.original}" if cover.original else None) if v]
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{"".join(paras) or _para(None)}</w:tc>'
        for w, paras in ((6237, left), (3117, right))
    )
    table = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="9354" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="6237"/><w:gridCol w:w="3117"/></w:tblGrid>'
        f"<w:tr>{cells}</w:tr></w:tbl>"
    )
    out = [table]
    if cover.submitter:
        out.append(_para(cover.submitter, "Source").replace("<w:p>", f"<w:p {nsdecls('w')}>", 1))
    if cover.heading:
        out.append(_para(cover.heading, "Title1").replace("<w:p>", f"<w:p {nsdecls('w')}>", 1))
    return out


def _page_header(word, cover: Cover, *, cover_page: bool) -> None:
    """``- N -`` (a PAGE field) and the reference on every page, the first one left blank under a cover."""
    section = word.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    hdr = header._element
    for p in list(hdr):
        hdr.remove(p)
    page = (
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">- </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>'
    )
    hdr.append(parse_xml(page))
    if cover.reference:
        hdr.append(parse_xml(_para(cover.reference, "Header").replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)))
    if cover_page:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # an empty header on the cover page


# ----------------------------------------------------------------------------
# document properties
# ----------------------------------------------------------------------------
#: What XML 1.0 cannot hold: control characters (dropped; a file name can have them) and lone surrogates (U+FFFD).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|([\ud800-\udfff])")


def _cut(text: str | None, limit: int = 255) -> str:
    """Core properties hold at most 255 characters (python-docx refuses more): cut at a separator.

    Characters XML cannot hold are taken out first (:data:`_UNSAFE`): the title falls back to the file name.
    """
    text = _UNSAFE.sub(lambda m: "\ufffd" if m.group(1) else "", text or "")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit("; ", 1)[0].rstrip(",; ") + "…"


def properties(doc: Document, cover: Cover, *, title: str | None = None, author: str | None = None) -> dict:
    """The core properties: ``title``, ``subject``, ``author``, ``keywords`` (see the module docstring)."""
    targets = [p.target for p in doc if p.target is not None]
    if title is None:
        if len(doc) == 1 and targets:
            title = str(targets[0])
        elif doc.metadata.get("title"):
            title = str(doc.metadata["title"])
        elif cover.number:
            title = cover.number + (f" – {cover.submitter}" if cover.submitter else "")
        else:
            title = doc.source.rsplit("/", 1)[-1]
    subject = ", ".join(f"{p.action} {p.id}" for p in doc if p.action)
    subject = subject or str(doc.metadata.get("subject") or "") or cover.conference or ""
    seen: dict[str, None] = {}
    for word in (cover.code, cover.number, cover.submitter, *(f"{t.kind} {t.number}" for t in targets)):
        if word:
            seen.setdefault(word)
    return {
        "title": _cut(title),
        "subject": _cut(subject),
        "author": _cut(cover.submitter or author),
        "keywords": _cut("; ".join(seen)),
    }


def _style_own_header(body, header_lines: tuple[int, ...], facts: Cover) -> None:
    """The cover's styles on a document's own header lines: the submitter as ``Source``, the
    ``… PROPOSALS FOR THE WORK …`` line as ``Title1``, the others as ``Cover``.
    """
    for k in header_lines:
        p = body[k] if k < len(body) else None
        if p is None or p.tag != qn("w:p"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))).split())
        style = "Title1" if _PROPOSALS_FOR.match(text) else "Source" if text == facts.submitter else "Cover"
        ppr = p.get_or_add_pPr()
        ppr.get_or_add_pStyle().set(qn("w:val"), style)


def comparison_subject(x) -> str | None:
    """``"Comparison: MOD B/67/4 → Resolution 130 (Rev. Dubai, 2018)"`` for a comparison, None for anything else.

    Each side is named by its action and id when it is a proposal, else by its target, so an
    internal id (``res-130``) never names a side.
    """
    if not (hasattr(x, "pairs") and hasattr(x, "old") and hasattr(x, "new")):
        return None

    def name(p) -> str:
        if p.action:
            return f"{p.action} {p.id}"
        return str(p.target) if p.target is not None else p.id

    return f"Comparison: {name(x.old)} → {name(x.new)}"


def _custom_part(word, values: dict[str, str]) -> None:
    """``docProps/custom.xml`` holding ``values`` as text properties."""
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
        prop.set("fmtid", _FMTID)
        prop.set("pid", str(pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = word.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CT, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def store_controls(word, doc: Document) -> None:
    """Store the control characters written as their pictures so far in this export (none: nothing) in the
    ``itu_nb controls`` custom property of ``word``, after any other (:func:`itu_nb.export.controls.check`
    refuses ``doc`` when it holds one of their pictures too).
    """
    seen = controls.recorded()
    if not seen:
        return
    value = controls.check(doc, seen, "Word")
    package = word.part.package
    part = next((r.target_part for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    if part is None:
        _custom_part(word, {CONTROLS_PROPERTY: value})
        return
    root = etree.fromstring(part.blob)
    prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
    prop.set("fmtid", _FMTID)
    prop.set("pid", str(len(root) + 1))
    prop.set("name", CONTROLS_PROPERTY)
    etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def dress(
    word,
    doc: Document,
    *,
    title: str | None,
    author: str,
    keys: dict,
    cover: bool = True,
    header_lines: tuple[int, ...] = (),
    moves: dict[str, str] | None = None,
    unnamed: str | None = None,
) -> None:
    """Give ``word`` (a python-docx document whose body is written) its cover, page header and properties.

    Parameters
    ----------
    word : docx.Document
    doc : Document
        What was written, with the metadata to use.
    title : str or None
        The core title; None: as :func:`properties` chooses.
    author : str
        The author of the changes, the core author when the submitter is not known.
    keys : dict
        ``{proposal id: [clause key, …]}`` to store in the ``itu_nb keys`` custom property
        (:func:`itu_nb.export.lines.keys_to_store`); empty: none.
    cover : bool
        False: no cover block, whatever is known.
    header_lines : tuple of int
        The body paragraphs (by position) that are the document's own header lines: they are
        its cover, styled as one, and no other cover is made.
    moves : dict, optional
        ``{name written: the move's name}`` to store in the ``itu_nb moves`` custom property
        (:meth:`~itu_nb.export.docx_runs.RunWriter.moves_to_store`); empty or None: none.
    unnamed : str, optional
        The name the changes with no author were written as, stored in the ``itu_nb unnamed`` custom property
        (:data:`UNNAMED_PROPERTY`); None: none.
    """
    facts = cover_facts(doc)
    written = cover and facts.shown and not header_lines
    if header_lines:
        _style_own_header(word.element.body, header_lines, facts)
    elif written:
        body = word.element.body
        for el in reversed(_cover_xml(facts)):
            body.insert(0, parse_xml(el))
    _page_header(word, facts, cover_page=written or (cover and bool(header_lines)))
    props = word.core_properties
    for name, value in properties(doc, facts, title=title, author=author).items():
        setattr(props, name, value)
    props.comments, props.last_modified_by, props.revision = "Written by itu_nb", author, 1
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
    custom = {
        name: value
        for name, value in (
            ("Docnum", facts.document),
            ("Docconf", facts.code or facts.conference),
            ("Docdate", facts.date),
            ("Docorlang", facts.original),
            ("Docauthor", facts.submitter),
        )
        if value
    }
    if keys:
        custom[KEYS_PROPERTY] = json.dumps(keys, ensure_ascii=False, sort_keys=True)
    if moves:  # (ASCII: a name's lone surrogate or control character is written escaped, and read back)
        custom[MOVES_PROPERTY] = json.dumps(moves, sort_keys=True)
    if unnamed:
        custom[UNNAMED_PROPERTY] = unnamed
    if custom:
        _custom_part(word, custom)
