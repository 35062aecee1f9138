"""Word writer: one paragraph per line, real tracked changes, the ITU look.

- Every insert run is a ``w:ins`` and every delete run a ``w:del`` (``w:delText``)
  with ``w:author`` (the run's author, else ``author=``, else the submitter, else
  ``"itu_nb"``), ``w:date`` when known, and a ``w:id`` unique in the document; a
  paragraph inserted or deleted whole has its paragraph mark inserted or deleted too.  The same
  holds inside a footnote: a note's deleted and inserted text carry its change's author and date.
- A highlight is highlighted runs of one colour (``w:highlight``), through tracked changes and around the comments
  and notes inside it: the .docx reader reads such runs as one highlight, and a change of colour as the start of
  another, so a highlight that starts where another ends (nothing but comments or notes between) is written in the
  other colour (yellow, then green, then yellow…).  A highlight of no characters (a decision took them all) is a
  highlighted run holding an empty ``w:t``, which the reader reads back as such; LibreOffice and pandoc open it.
- A line that is no node writes its white space (CriticMarkup's ``{==  ==}`` on a blank line: a
  highlighted run of spaces), so a highlight there survives.
- Labels are text followed by a TAB (no Word list numbering), so a relettering
  ``c) → b)`` is a deleted ``c`` and an inserted ``b``, as the proposal writes it.
- The ITU look: Times New Roman 12 pt on A4; the action (MOD/ADD/SUP) in bold in the
  left margin before the proposal id; headings centred in capitals; the title bold;
  section keywords in italics; items with hanging indents; ``Reasons:`` in bold.
  Style names follow the ITU templates (``Proposal``, ``ResNo``, ``Restitle``,
  ``Call``, ``enumlev1``…), so a secretariat template can restyle the document.
- Bookmarks and footnotes of the source become real Word bookmarks and footnotes;
  track changes is switched on for whoever edits the document next.  A note of several
  paragraphs (a Word note, or one holding a text box) is written as paragraphs of the note.
- Comments become Word comments (``word/comments.xml``) with their author and date; a comment on
  a FOOTNOTE node is anchored in the body around the note's reference mark (inside the
  ``w:ins``/``w:del`` holding the reference when it is tracked), not inside the note: LibreOffice
  7.4 refuses a .docx with a comment inside a footnote, and the .docx reader reads either onto the
  clause holding the note, at the note's place, where CriticMarkup and Akoma Ntoso write it
  (:func:`note_comments`).
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
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from itu_nb.errors import ExportError
from itu_nb.export import docx_cover, docx_template
from itu_nb.export.limits import check_marks
from itu_nb.export.lines import Line, Piece, as_document, export_lines, lit_note
from itu_nb.export.loose import has_lines
from itu_nb.export.nesting import check_nesting
from itu_nb.loaders.docx_read import LOOSE_NOTE_STYLE, NOTE_PLACE
from itu_nb.model import Artefact, Clause, Document, NodeKind, Op
from itu_nb.parsing.markup import FOOTNOTE_BODY
from itu_nb.parsing.notes import unheld_bodies

__all__ = ["to_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_ENDNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
#: The custom document property that stores clause keys a reload cannot derive (see keys_to_store).
KEYS_PROPERTY = docx_cover.KEYS_PROPERTY
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#: The highlight colour written for a highlight (Word's text highlight; the loader reads any colour), and the one
#: for a highlight that starts where another ends (the .docx reader reads a change of colour as a new highlight).
HIGHLIGHT, NEXT_HIGHLIGHT = "yellow", "green"
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
TWIP_LEVEL = docx_template.TWIP_LEVEL  # the ITU templates' indent step (1.4 cm)


_W_NSMAP = {"w": W_NS}
_CLARK: dict[str, str] = {}


def _w(tag: str) -> etree._Element:
    """A new ``w:`` element (``tag`` such as ``"w:r"``), as python-docx's ``OxmlElement`` makes it (its class, the
    ``w`` namespace declared), without parsing the prefixed name each time: a document has an element per run.
    """
    clark = _CLARK.get(tag)
    if clark is None:
        clark = _CLARK[tag] = qn(tag)
    return oxml_parser.makeelement(clark, nsmap=_W_NSMAP)


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
        self.word = docx_template.new_word()  # the ITU styles on A4, track changes on (built once)
        self.body = self.word.element.body
        self.next_id = 1
        self.footnotes: list[etree._Element] = []
        self.endnotes: list[etree._Element] = []
        # word/comments.xml, each comment written inside it as it comes (plain lxml: the part is serialised
        # here, never read through python-docx, whose element classes cost several times more per element)
        self.comments = etree.Element(qn("w:comments"), nsmap={"w": W_NS})
        self.n_comments = 0  # counted here: len() of an lxml element walks its children
        self.auto_notes = {"footnote": 0, "endnote": 0}  # the notes Word numbers itself so far, by kind
        #: (proposal id, "fn"/"en", number) → the w:id of the note written for it: a repeated reference points there
        self.note_ids: dict[tuple[str | None, str, str], str] = {}
        #: the last node asked about in :meth:`_repeated`, and its repeated references: ("fn", "2") → "1"
        self._repeats: tuple[Clause | None, dict[tuple[str, str], str]] = (None, {})
        self._ref_runs: dict[tuple[str, str], etree._Element] = {}  # (kind, w:id) → a reference run to copy
        self.keys: dict[str, list] = {}  # proposal id → the clause keys to store

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    # -- runs -----------------------------------------------------------------------
    def _run(
        self, text: str, op: Op, *, bold=False, italic=False, small=False, style=None, lit: bool | str = False
    ) -> etree._Element:
        r = _w("w:r")
        if bold or italic or small or style or lit:
            rpr = _w("w:rPr")
            if style:
                rs = _w("w:rStyle")
                rs.set(qn("w:val"), style)
                rpr.append(rs)
            for flag, tag in ((bold, "w:b"), (italic, "w:i")):
                if flag:
                    rpr.append(_w(tag))
            if lit:
                mark = _w("w:highlight")
                mark.set(qn("w:val"), lit if isinstance(lit, str) else HIGHLIGHT)
                rpr.append(mark)
            if small:
                sz = _w("w:sz")
                sz.set(qn("w:val"), "20")
                rpr.append(sz)
            r.append(rpr)
        for part in _BREAKS.split(text):
            if part == "\t":
                r.append(_w("w:tab"))
            elif part in ("\v", "\n"):
                r.append(_w("w:br"))
            elif part == "\f":
                br = _w("w:br")
                br.set(qn("w:type"), "page")
                r.append(br)
            elif part:
                t = _w("w:delText" if op is Op.DELETE else "w:t")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = clean_text(part)
                r.append(t)
        return r

    def _empty_run(self, colour: str) -> etree._Element:
        """A run highlighted in ``colour`` holding an empty ``w:t``: a highlight of no characters, which the .docx
        reader reads back as such (LibreOffice and pandoc open it and show nothing).
        """
        r = self._run("", Op.EQUAL, lit=colour)
        t = _w("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
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
        change = _w("w:ins" if op is Op.INSERT else "w:del")
        change.set(qn("w:id"), self._id())
        change.set(qn("w:author"), clean_attr(author or self.author))
        when = _iso(date or self.date)
        if when:
            change.set(qn("w:date"), clean_attr(when))
        return change

    # -- paragraphs -------------------------------------------------------------------
    def paragraph(self, line: Line, last: bool, orphan: int | None = None) -> None:
        """Line ``line`` as a paragraph (``last``: the document's last).  ``orphan``: the line holds note bodies
        that no node holds (:func:`~itu_nb.parsing.notes.unheld_bodies`), in the proposal of that index.
        """
        style = _ROLE_STYLE.get(line.role)
        if line.role == "item":
            style = f"enumlev{min(max(line.depth, 1), 3)}"
        p = docx_template.paragraph(self.body, style)
        if line.keys and line.proposal is not None:
            self.keys[line.proposal.id] = line.keys
        mark = line.mark
        if mark is not Op.EQUAL and not last:
            ppr = p.get_or_add_pPr()
            rpr = _w("w:rPr")
            rpr.append(self._change(mark, *_mark_who(line)))  # the paragraph mark inserted or deleted
            ppr.append(rpr)
        bodies = _note_bodies(line.pieces)  # a note's text may stand anywhere in its line
        remarks = note_comments(line.node) if line.node is not None and bodies else {}
        # a highlight is highlighted runs of one colour (comments and notes inside it do not cut it): one that
        # starts where another ended, no text between, takes the other colour, so the reader keeps them two
        lit = ended = ""  # the colour of the highlight open here; of the one that ended last
        touching = False  # a highlight ended and no text was written since
        empty = False  # no text written since the highlight opened
        refs: dict[str, str] = {}  # note number → the kind of its reference in this line
        # the notes whose text stands after their reference and more (looked for in a line holding a body)
        later = _bodies_later(line.pieces) if bodies else set()
        deferred: dict[str, list[list[Artefact]]] = {}  # their comments, written at the body's place
        for piece in line.pieces:
            if piece.is_mark:
                if piece.kind == "highlight-start":
                    lit = NEXT_HIGHLIGHT if touching and ended == HIGHLIGHT else HIGHLIGHT
                    empty = True
                else:
                    if lit and empty:  # a highlight of no characters (a decision took them all): an empty run
                        p.append(self._tracked(self._empty_run(lit), piece.op, *_who(line)))
                    ended, lit, touching = lit, "", True
            elif piece.kind == "footnote-ref":
                number = _REF_NUMBER.match(piece.text)
                key = (_note_kind(piece.text), number.group(1)) if number else None
                no = key[1] if key else None
                texts = bodies.pop(key, []) if key else []
                pid = line.proposal.id if line.proposal is not None else None
                same = self._repeated(line.node, pid, key) if key and not texts else None
                if same is not None:  # the note is written already: one more reference to it
                    self._note_reference(p, piece, no, same)
                    continue
                if key and not texts and line.node is not None:  # a body on a line of its own: the node's note
                    texts = node_bodies(line.node, key)
                    remarks = remarks or note_comments(line.node)
                held = remarks.pop(key, []) if key else []
                if key and key[1] in later:
                    deferred[key[1]], held = held, []
                fid = self._footnote_ref(p, piece, texts, no, held)
                if key:
                    self.note_ids.setdefault((pid, *key), fid)
                    refs[key[1]] = key[0]
            elif piece.kind == "bookmark" and _BOOKMARK.match(piece.text):
                self._bookmark(p, piece.text[len("[bookmark: ") : -1])
            elif piece.kind == "comment":
                self._comment(p, piece)
            elif piece.is_text or piece.kind in ("bookmark", "markup"):
                # (a "markup" piece: the white space of a line that is no node, e.g. CriticMarkup's "{==  ==}")
                p.append(self._tracked(self._text_run(line, piece, lit), piece.op, piece.author, piece.date))
                if piece.text:
                    touching = empty = False
            elif piece.kind == "footnote-body":
                self._body_place(p, piece, refs, bodies if orphan is not None else {}, orphan, later, deferred)
        if orphan is not None and bodies:  # bodies no node holds: each a note, referenced here (nothing is lost)
            self._orphans(p, bodies, self.doc.proposals[orphan].id if orphan >= 0 else None)
        for left in remarks.values():  # a note whose body has no reference in the line: on the paragraph
            for comment in (a for side in left for a in side):
                self._comment(p, comment)

    def _body_place(
        self,
        p: etree._Element,
        piece: Piece,
        refs: dict[str, str],
        loose: dict[tuple[str, str], list[list[Piece]]],
        orphan: int | None,
        later: set[str],
        deferred: dict[str, list[list[Artefact]]],
    ) -> None:
        """Keep the place of the note body ``piece`` in its line: Word keeps a note's text at its reference.
        A body that no node holds (``loose``, by note, taken as written) is its note here, referenced in the loose
        style (:meth:`_orphans`).  A body that stands after its reference with something between them (``later``,
        :func:`_bodies_later`) gets a hidden bookmark here (:data:`~itu_nb.loaders.docx_read.NOTE_PLACE`, then
        the note's kind and number), where the .docx reader moves the note's text read at its reference, and
        the note's comments (``deferred``, :func:`note_comments`) after it, where CriticMarkup reads them.
        """
        m = _BODY_NUMBER.match(piece.text)
        if m is None:
            return
        no = m.group(1)
        kind = refs.get(no, "fn")
        if (kind, no) in loose and no not in refs:
            pid = self.doc.proposals[orphan].id if orphan is not None and orphan >= 0 else None
            self._orphans(p, {(kind, no): loose.pop((kind, no))}, pid)
        elif no in later and no in refs:
            later.discard(no)  # (its first body: a note's deleted and inserted texts stand together)
            self._bookmark(p, f"{NOTE_PLACE}{kind}{no}")
            for comment in (a for side in deferred.pop(no, []) for a in side):
                self._comment(p, comment)

    def _text_run(self, line: Line, piece: Piece, lit: bool | str = False) -> etree._Element:
        if line.role == "marker" and piece.kind == "marker":
            action, tab, pid = piece.text.partition("\t")
            if tab:  # the two parts need their own formatting: build a run holding both
                r = self._run(action, piece.op, bold=True, lit=lit)
                r.append(_w("w:tab"))
                t = _w("w:delText" if piece.op is Op.DELETE else "w:t")
                t.text = clean_text(pid)
                r.append(t)
                return r
            return self._run(piece.text, piece.op, bold=True, lit=lit)
        bold = line.role == "reasons" and piece.kind == "label"
        return self._run(piece.text, piece.op, bold=bold, lit=lit)

    def _comment(self, p: etree._Element, piece: Piece | Artefact) -> None:
        """A Word comment at this point: ``w:commentRangeStart``/``End`` and the reference run here, the text
        with ``w:author``, ``w:date`` and initials in ``word/comments.xml``.
        """
        cid = self._comment_text(piece)
        _SubElement(p, _COMMENT_START).set(_W_ID, cid)
        self._comment_end(p, cid, piece.op, Op.EQUAL)

    def _comment_text(self, piece: Piece | Artefact) -> str:
        """The comment's text, author, date and initials in ``word/comments.xml``; its ``w:id``."""
        cid = str(self.n_comments)  # (shifted past the notes' w:id at the end: _comment_ids)
        self.n_comments += 1
        note = _SubElement(self.comments, _W_COMMENT)
        note.set(_W_ID, cid)
        author = clean_attr(piece.author or "")
        note.set(_W_AUTHOR, author)
        note.set(_W_INITIALS, "".join(w[:1] for w in author.split())[:9])
        when = _iso(piece.date)
        if when:
            note.set(_W_DATE, clean_attr(when))
        for k, text in enumerate(piece.text.split("\n")):
            para = _SubElement(note, _W_P)
            _SubElement(_SubElement(para, _W_PPR), _W_PSTYLE).set(_W_VAL, "CommentText")
            if not k:  # what self._run("", Op.EQUAL, style="CommentReference") and a w:annotationRef make
                mark = _SubElement(para, _W_R)
                _SubElement(_SubElement(mark, _W_RPR), _W_RSTYLE).set(_W_VAL, "CommentReference")
                _SubElement(mark, _W_ANNOTATION_REF)
            if text:
                _text_parts(_SubElement(para, _W_R), text)
        return cid

    def _comment_end(self, p: etree._Element, cid: str, op: Op, within: Op) -> None:
        """The end of comment ``cid``'s range and its reference run, at the end of ``p``.  ``within`` is the op
        of the ``w:ins``/``w:del`` that ``p`` is: a reference run of that op is not tracked again there.
        """
        _SubElement(p, _COMMENT_END).set(_W_ID, cid)
        # the reference run, as self._run("", Op.EQUAL, style="CommentReference") with a w:commentReference,
        # made in place (in its w:ins/w:del when tracked): one element made in its parent costs a third of one
        # made apart and moved there
        holder = p
        if op is not within and op is not Op.EQUAL:
            holder = self._change(op, None, None)
            p.append(holder)
        r = _SubElement(holder, _W_R)
        _SubElement(_SubElement(r, _W_RPR), _W_RSTYLE).set(_W_VAL, "CommentReference")
        _SubElement(r, _COMMENT_REFERENCE).set(_W_ID, cid)

    def _bookmark(self, p: etree._Element, name: str) -> None:
        bid = self._id()
        start = _w("w:bookmarkStart")
        start.set(qn("w:id"), bid)
        start.set(qn("w:name"), clean_attr(name)[:40])
        end = _w("w:bookmarkEnd")
        end.set(qn("w:id"), bid)
        p.append(start)
        p.append(end)

    def _orphans(self, p: etree._Element, bodies: dict[tuple[str, str], list[list[Piece]]], pid: str | None) -> None:
        """Notes whose bodies stand on a line of their own that no node holds (before their reference, or
        without any): each a footnote (an endnote) referenced at the end of ``p``, the reference with the op
        the body has, so its text is kept and a reference after it in its proposal points to it
        (:meth:`_repeated`).  The reference is in its own character style (:data:`LOOSE_NOTE_STYLE`), which the .docx
        reader knows: it reads the line back as it was, a body and no reference mark, no node.
        """
        for key, texts in bodies.items():
            ops = {r.op for body in texts for r in body if r.text}
            op = ops.pop() if len(ops) == 1 else Op.EQUAL
            mark = "endnoteRef" if key[0] == "en" else "footnoteRef"
            ref = Piece(f"[{mark}:{key[1]}]", op, "footnote-ref")
            fid = self._footnote_ref(p, ref, texts, key[1], [], style=LOOSE_NOTE_STYLE)  # (the reader drops it)
            self.note_ids.setdefault((pid, *key), fid)

    def _repeated(self, node: Clause | None, pid: str | None, key: tuple[str, str]) -> tuple[str, str] | None:
        """The kind and ``w:id`` of the note written already that a reference ``key`` with no body in its line
        repeats (None when it is no repeat): the note of its number in the same proposal, or the one the .docx
        reader named for it (``"footnote 2 repeats footnote 1 (w:id 7); …"``, a Word note referenced twice,
        which the reader loads once and the reference after the first numbered as Word counts).  A repeat is
        written as one more reference to that note, not as a new empty note (read back as an extra node).
        """
        kind = "endnote" if key[0] == "en" else "footnote"
        fid = self.note_ids.get((pid, *key))
        if fid is None and node is not None and node.notes:
            if self._repeats[0] is not node:  # the node's repeats, read once (a paragraph may hold thousands)
                found: dict[tuple[str, str], str] = {}
                own = {c.path.rpartition("/")[2] for c in node.children if c.kind is NodeKind.FOOTNOTE}
                for note in node.notes:
                    m = _REPEATS.match(note)
                    name = ("en" if m.group(1) == "endnote" else "fn", m.group(2)) if m else None
                    if m and name and m.group(1) == m.group(3) and "".join(name) not in own:
                        found.setdefault(name, m.group(4))
                self._repeats = (node, found)
            first = self._repeats[1].get(key)
            if first is not None:
                fid = self.note_ids.get((pid, key[0], first))
        return (kind, fid) if fid is not None else None

    def _reference_run(
        self, kind: str, fid: str, custom: str | None, op: Op, style: str = "footnotereference"
    ) -> etree._Element:
        """The run of a reference to the note ``fid`` (``kind``: footnote or endnote) in character style ``style``;
        ``custom``: the mark it shows when Word's own numbering would not give it (written in ``op``'s text
        element), else None.
        """
        r = self._run("", Op.EQUAL, style=style)
        fr = _w(f"w:{kind}Reference")
        fr.set(qn("w:id"), fid)
        r.append(fr)
        if custom is not None:
            fr.set(qn("w:customMarkFollows"), "1")
            t = _w("w:delText" if op is Op.DELETE else "w:t")
            t.text = custom
            r.append(t)
        return r

    def _note_reference(self, p: etree._Element, ref: Piece, number: str | None, same: tuple[str, str]) -> None:
        """One more reference to the note written already (``same``: its kind and ``w:id``), at the end of ``p``,
        with its op; Word counts it as it counts any reference, so a number it would not give is a custom mark.
        """
        kind, fid = same
        custom = number is not None and number != str(self.auto_notes[kind] + 1)
        if not custom:
            self.auto_notes[kind] += 1
            made = self._ref_runs.get(same)  # the reference run, made once per note and copied (a note may have 40,000)
            if made is None:
                made = self._ref_runs[same] = self._run("", Op.EQUAL, style="footnotereference")
                made.append(_w(f"w:{kind}Reference"))
                made[-1].set(qn("w:id"), fid)
            r = made.__copy__()  # lxml copies the whole element (copy.deepcopy costs seven times as much)
            p.append(r if ref.op is Op.EQUAL else self._tracked(r, ref.op, ref.author, ref.date))
            return
        r = self._reference_run(kind, fid, number if custom else None, ref.op)
        p.append(r if ref.op is Op.EQUAL else self._tracked(r, ref.op, ref.author, ref.date))

    def _footnote_ref(
        self,
        p: etree._Element,
        ref: Piece,
        bodies: list[list[Piece]],
        number: str | None = None,
        remarks: list[list[Artefact]] | None = None,
        style: str = "footnotereference",
    ) -> str:
        """A footnote (an endnote, for a ``[endnoteRef:N]`` reference) and its reference, at the end of ``p``.
        Word numbers footnotes itself, 1, 2, 3…, and endnotes apart: a note whose number is not the next one of
        its kind (a source numbering 3, 7) gets it as a custom mark (``w:customMarkFollows``, the number in the
        reference run and at the start of the note), so its path stays ``fn3`` (``en3``).  An endnote is
        written in ``word/endnotes.xml`` with the footnote styles.

        ``bodies`` are the note's texts (:func:`_note_bodies`), each as its runs: one run, or one per change
        made inside the note (``See `` equal, ``71`` deleted, ``72`` inserted), each written with its op.
        ``remarks`` are the comments of the note's FOOTNOTE nodes, one list per body (its deleted and inserted
        text when they differ): each is a real Word comment anchored in the body, around the note's reference
        mark (see :func:`note_comments`), not inside the note.  Returns the note's ``w:id``.
        """
        kind = "endnote" if _note_kind(ref.text) == "en" else "footnote"
        written = self.endnotes if kind == "endnote" else self.footnotes
        fid = str(len(written) + 1)
        custom = number is not None and number != str(self.auto_notes[kind] + 1)
        if not custom:
            self.auto_notes[kind] += 1
        note = etree.SubElement(self._notes_root(kind), qn(f"w:{kind}"))
        note.set(qn("w:id"), fid)
        para = _note_paragraph(note)
        # the note shows its number before its text in each view: Word's own mark (w:footnoteRef), or the custom
        # mark as Word writes it (the number in the footnote reference style); else the text as it is
        firsts = [next((r for r in b if r.kind not in _NOTE_MARKS), b[0]) for b in bodies]  # each text's first run
        shown = bool(bodies) and number is not None and all(re.match(rf"{number}(?=\s)", r.text) for r in firsts)
        if shown:
            mark = self._run("" if not custom else str(number), Op.EQUAL, style="footnotereference")
            if not custom:
                mark.append(_w(f"w:{kind}Ref"))
            para.append(mark)
        for body, first in zip(bodies, firsts, strict=True):
            # the note's highlights (the FOOTNOTE node's, lines.lit_note): colours as in a paragraph's text
            lit = ended = ""
            touching = empty = False
            for run in body:
                if run.kind == "note-highlight-start":
                    lit, empty = (NEXT_HIGHLIGHT if touching and ended == HIGHLIGHT else HIGHLIGHT), True
                    continue
                if run.kind == "note-highlight-end":
                    if lit and empty:  # a highlight of nothing: an empty run
                        op = Op.EQUAL if run.op is ref.op else run.op
                        para.append(self._tracked(self._empty_run(lit), op, run.author, run.date))
                    ended, lit, touching = lit, "", True
                    continue
                if run.text:
                    touching = empty = False
                text = run.text[len(number) :] if shown and number is not None and run is first else run.text
                op = Op.EQUAL if run.op is ref.op else run.op
                para = self._note_text(note, para, text, op, run.author, run.date, lit)
        written.append(note)
        r = self._reference_run(kind, fid, number if custom else None, ref.op, style)
        # the comments on the note, around its reference mark: those of the reference's op inside the w:ins/w:del
        # holding it (their reference runs untracked), any other around that w:ins/w:del, its reference run after
        # it, tracked with its own op (so read back after the former)
        comments = [a for side in remarks or [] for a in side]
        inner = [a for a in comments if ref.op is Op.EQUAL or a.op is ref.op]
        outer = [a for a in comments if not (ref.op is Op.EQUAL or a.op is ref.op)]
        outer_ids = [self._comment_text(a) for a in outer]
        for cid in outer_ids:
            p.append(_comment_mark("w:commentRangeStart", cid))
        holder = p if ref.op is Op.EQUAL else self._change(ref.op, ref.author, ref.date)
        inner_ids = [self._comment_text(a) for a in inner]
        for cid in inner_ids:
            holder.append(_comment_mark("w:commentRangeStart", cid))
        holder.append(r)
        for cid, comment in zip(inner_ids, inner, strict=True):
            self._comment_end(holder, cid, comment.op, ref.op)
        if holder is not p:
            p.append(holder)
        for cid, comment in zip(outer_ids, outer, strict=True):
            self._comment_end(p, cid, comment.op, Op.EQUAL)
        return fid

    def _note_text(
        self,
        note: etree._Element,
        p: etree._Element,
        text: str,
        op: Op,
        author: str | None = None,
        date: str | None = None,
        lit: bool | str = False,
    ) -> etree._Element:
        """``text`` at the end of the note (highlighted when ``lit``), each line after the first in a paragraph of its own (a note of
        several paragraphs, or with a text box, as the .docx reader gives it); the paragraph it ends in.
        A tracked text carries the change's ``author`` and ``date`` as body changes do (the exporter's
        ``author=`` only when it has none).

        A paragraph ended by deleted (inserted) text has its mark deleted (inserted), so each view reads
        its own paragraphs: the deleted text's last line and the inserted text's first share a paragraph.
        """
        lines = text.split("\n")
        for k, line in enumerate(lines):
            if k:
                if op is not Op.EQUAL:
                    rpr = _w("w:rPr")
                    rpr.append(self._change(op, author, date))
                    p.find(qn("w:pPr")).append(rpr)
                p = _note_paragraph(note)
            if line:
                p.append(self._tracked(self._run(line, op, lit=lit), op, author, date))
        return p

    # -- the package --------------------------------------------------------------------
    def finish(self, title: str | None, *, cover: bool = True, header_lines: tuple[int, ...] = ()) -> bytes:
        """The package: cover, page header and properties (:mod:`~itu_nb.export.docx_cover`), footnotes."""
        docx_cover.dress(
            self.word, self.doc, title=title, author=self.author, keys=self.keys, cover=cover, header_lines=header_lines
        )
        if self.footnotes:
            self._note_part("footnote", self.footnotes)
        if self.endnotes:
            self._note_part("endnote", self.endnotes)
        if self.n_comments:
            self._comment_ids(max(len(self.footnotes), len(self.endnotes)) + 1)
            self._comments_part()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _comment_ids(self, shift: int) -> None:
        """Every comment's ``w:id`` made ``shift`` more, past every note's: LibreOffice 7.4 shows a footnote whose
        ``w:id`` a comment has too with another note's text (two in Doc 67 with a comment on note 1).
        """
        if not shift:
            return
        for el in self.body.iter(_COMMENT_START, _COMMENT_END, _COMMENT_REFERENCE):
            el.set(_W_ID, str(int(el.get(_W_ID)) + shift))
        for el in self.comments.iter(_W_COMMENT):
            el.set(_W_ID, str(int(el.get(_W_ID)) + shift))

    def _comments_part(self) -> None:
        blob = etree.tostring(self.comments, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        part = Part(PackURI("/word/comments.xml"), _COMMENTS_CT, blob, document.package)
        document.relate_to(part, RT.COMMENTS)

    def _notes_root(self, kind: str) -> etree._Element:
        """The root of ``word/footnotes.xml`` or ``word/endnotes.xml`` (``kind``), made with Word's two separators
        on its first note: each note is written inside it (a note written apart and moved in at the end cost
        time quadratic in its runs, 20,000 runs 4.8 s).
        """
        written = self.endnotes if kind == "endnote" else self.footnotes
        if written:
            return written[0].getparent()
        root = etree.Element(qn(f"w:{kind}s"), nsmap={"w": W_NS})
        for fid, role, tag in (
            ("-1", "separator", "w:separator"),
            ("0", "continuationSeparator", "w:continuationSeparator"),
        ):
            note = etree.SubElement(root, qn(f"w:{kind}"))
            note.set(qn("w:type"), role)
            note.set(qn("w:id"), fid)
            etree.SubElement(etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r")), qn(tag))
        return root

    def _note_part(self, kind: str, notes: list[etree._Element]) -> None:
        """``word/footnotes.xml`` or ``word/endnotes.xml`` (``kind``): Word's two separators, then ``notes``."""
        root = notes[0].getparent()
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        content_type = _FOOTNOTES_CT if kind == "footnote" else _ENDNOTES_CT
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, document.package)
        document.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


_SubElement = etree.SubElement
_W_ID, _W_AUTHOR, _W_INITIALS, _W_DATE, _W_VAL = (qn(f"w:{a}") for a in ("id", "author", "initials", "date", "val"))
_W_COMMENT, _W_P, _W_PPR, _W_PSTYLE, _W_R, _W_RPR, _W_RSTYLE, _W_ANNOTATION_REF, _W_T, _W_TAB, _W_BR = (
    qn(f"w:{t}") for t in ("comment", "p", "pPr", "pStyle", "r", "rPr", "rStyle", "annotationRef", "t", "tab", "br")
)
_COMMENT_START, _COMMENT_END, _COMMENT_REFERENCE = (
    qn(f"w:{t}") for t in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _text_parts(r: etree._Element, text: str) -> None:
    """The text of an equal run without formatting into ``r``, as :meth:`_Writer._run` writes it (made in place)."""
    for part in _BREAKS.split(text):
        if part == "\t":
            _SubElement(r, _W_TAB)
        elif part in ("\v", "\n"):
            _SubElement(r, _W_BR)
        elif part == "\f":
            _SubElement(r, _W_BR).set(_W_TYPE, "page")
        elif part:
            t = _SubElement(r, _W_T)
            t.set(_XML_SPACE, "preserve")
            t.text = clean_text(part)


_W_TYPE = qn("w:type")


def _comment_mark(tag: str, cid: str) -> etree._Element:
    """A ``w:commentRangeStart``, ``w:commentRangeEnd`` or ``w:commentReference`` of comment ``cid``."""
    el = _w(tag)
    el.set(qn("w:id"), cid)
    return el


def _note_paragraph(note: etree._Element) -> etree._Element:
    """A new paragraph at the end of a footnote, in the footnote text style."""
    p = etree.SubElement(note, qn("w:p"))
    etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), "footnotetext")
    return p


#: A note body's number (``[2: …``).
_BODY_NUMBER = re.compile(r"\[(\d+):")
#: A note reference's number (``[footnoteRef:2]``, ``[endnoteRef:2]``).
_REF_NUMBER = re.compile(r"\[\w+:(\d+)\]")
#: What the .docx reader notes on a clause holding a second reference to one Word note (loaders/docx_read.py).
_REPEATS = re.compile(r"(footnote|endnote) (\d+) repeats (footnote|endnote) (\d+) \(w:id ")
_NOTE_PATH = re.compile(r"(fn|en)(\d+)(?:#\d+)?\Z")


#: The marks of a highlight inside a note (:func:`itu_nb.export.lines.lit_note`), among its parts.
_NOTE_MARKS = ("note-highlight-start", "note-highlight-end")
_NOTE_PARTS = ("footnote-part", *_NOTE_MARKS)


def _note_kind(ref: str) -> str:
    """``"en"`` for an endnote's reference (``[endnoteRef:N]``), else ``"fn"``: how the note's path starts."""
    return "en" if ref.startswith("[endnoteRef:") else "fn"


def _note_bodies(pieces: tuple[Piece, ...]) -> dict[tuple[str, str], list[list[Piece]]]:
    """The texts of the notes in a line, by note (``("fn", "1")``; ``("en", "1")`` for a body whose number an
    ``[endnoteRef:1]`` referenced last before it): each text as its runs, from after ``[N: `` (as the loaders
    write it) to before the closing ``]``.  A ``footnote-body`` piece is one text of one run; one that
    ``footnote-part`` pieces continue (a note with changes inside it, see
    :func:`itu_nb.parsing.markup.note_parts`) is one text of several runs, each with its op.
    """
    bodies: dict[tuple[str, str], list[list[Piece]]] = {}
    kinds: dict[str, str] = {}  # note number → "fn" or "en", by its last reference so far
    for i, piece in enumerate(pieces):
        if piece.kind == "footnote-ref":
            ref = _REF_NUMBER.match(piece.text)
            if ref:
                kinds[ref.group(1)] = _note_kind(piece.text)
        if piece.kind != "footnote-body":
            continue
        m = FOOTNOTE_BODY.match(piece.text)
        if m:
            no = m.group("no")
            key = (kinds.get(no, "fn"), no)
            bodies.setdefault(key, []).append([dataclasses.replace(piece, text=piece.text[len(no) + 3 : -1])])
            continue
        head = re.match(r"\[(\d+):[ \t]", piece.text)
        end = i + 1
        while end < len(pieces) and pieces[end].kind in _NOTE_PARTS:
            end += 1
        while end > i + 1 and pieces[end - 1].kind != "footnote-part":
            end -= 1  # a highlight's marks end the note before its closing "]"
        if head is None or end == i + 1 or not pieces[end - 1].text.endswith("]"):
            continue
        runs = [dataclasses.replace(piece, text=piece.text[head.end() :]), *pieces[i + 1 : end]]
        runs[-1] = dataclasses.replace(runs[-1], text=runs[-1].text[:-1])
        key = (kinds.get(head.group(1), "fn"), head.group(1))
        kept = [r for r in runs if r.text or r.kind in _NOTE_MARKS]
        bodies.setdefault(key, []).append(kept if any(r.text for r in kept) else runs[:1])
    return bodies


def _bodies_later(pieces: tuple[Piece, ...]) -> set[str]:
    """The numbers of the notes whose first body in a line stands after their reference with something written
    between them (text, a comment, a bookmark, another note): the .docx writer marks their place.
    """
    out: set[str] = set()
    apart: dict[str, bool] = {}  # a note referenced and not yet given its body → something written since
    for piece in pieces:
        if piece.kind == "footnote-body" and (m := _BODY_NUMBER.match(piece.text)):
            if apart.pop(m.group(1), False):
                out.add(m.group(1))
            continue
        if piece.kind in _NOTE_PARTS or piece.is_mark:
            continue
        for no in apart:
            apart[no] = True
        if piece.kind == "footnote-ref" and (ref := _REF_NUMBER.match(piece.text)):
            apart[ref.group(1)] = False
    return out


def node_bodies(node: Clause, key: tuple[str, str]) -> list[list[Piece]]:
    """The texts of note ``key`` (``("fn", "2")``) as :func:`_note_bodies` gives them, from ``node``'s FOOTNOTE
    children (``fn2``, ``fn2#2``) rather than from pieces of its line: a note whose body stands on a line of its
    own (:mod:`itu_nb.parsing.notes`), which the line holding the reference does not carry.  Each text is its
    label and runs with their ops, author and date, and the note's highlights (:func:`~itu_nb.export.lines.lit_note`).
    """
    kind, number = key
    out: list[list[Piece]] = []
    for kid in node.children:
        m = _NOTE_PATH.search(kid.path) if kid.kind is NodeKind.FOOTNOTE else None
        if m is None or (m.group(1), m.group(2)) != key:
            continue
        group = [Piece(f"[{number}: ", Op.EQUAL, "footnote-body")]
        group += [Piece(r.text, r.op, "footnote-part", r.author, r.date) for r in kid.label_runs + kid.runs]
        group.append(Piece("]", Op.EQUAL, "footnote-part"))
        if any(a.kind == "highlight" for a in kid.artefacts):
            group = lit_note(group, kid)
        out += _note_bodies(
            (Piece(f"[{'endnoteRef' if kind == 'en' else 'footnoteRef'}:{number}]", Op.EQUAL, "footnote-ref"), *group)
        ).get(key, [])
    return out


def note_comments(node: Clause) -> dict[tuple[str, str], list[list[Artefact]]]:
    """The comments on the FOOTNOTE children of ``node``, by note (``("fn", "1")``, ``("en", "1")`` for an
    endnote), one list per node of that note in order (the tree makes ``fn1`` and ``fn1#2`` of a note's
    deleted and inserted text, in that order).

    A FOOTNOTE node's text is written inside a Word footnote; its comments are anchored in the body, around
    the note's reference mark, since LibreOffice 7.4 cannot open a .docx with a comment inside a footnote.
    The .docx reader reads them onto the paragraph holding the note, at the note's place, as it reads a
    comment made inside a footnote, and as CriticMarkup and Akoma Ntoso place them
    (:func:`~itu_nb.export.critic.note_comments_on_host`).  Their offsets in the note's text are not kept.
    """
    found: dict[tuple[str, str], list[list[Artefact]]] = {}
    for child in node.children:
        m = _NOTE_PATH.search(child.path) if child.kind is NodeKind.FOOTNOTE else None
        if m:
            found.setdefault((m.group(1), m.group(2)), []).append([a for a in child.artefacts if a.kind == "comment"])
    return {no: sides for no, sides in found.items() if any(sides)}


def _who(line: Line) -> tuple[str | None, str | None]:
    for piece in line.pieces:
        if piece.op is not Op.EQUAL and (piece.author or piece.date):
            return piece.author, piece.date
    return None, None


def _mark_who(line: Line) -> tuple[str | None, str | None]:
    """The author and date of the line's paragraph mark: its ``paragraph-mark`` piece's (as :attr:`Line.mark`, the
    last), else those of its first change (a paragraph inserted or deleted whole).
    """
    marks = [p for p in line.pieces if p.kind == "paragraph-mark"]
    return (marks[-1].author, marks[-1].date) if marks else _who(line)


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
    check_marks(doc, "Word")
    check_nesting(doc, "Word")
    if metadata:
        if not isinstance(metadata, dict):
            raise ExportError(f"to_docx: metadata must be a dict, not {type(metadata).__name__}")
        doc = dataclasses.replace(doc, metadata={**doc.metadata, **metadata})
    subject = docx_cover.comparison_subject(x)
    if subject:
        doc = dataclasses.replace(doc, metadata={**doc.metadata, "subject": subject})
    docx_cover.cover_facts(doc)  # refuses bad cover metadata before anything is written
    writer = _Writer(doc, clean_attr(author or _default_author(doc)), date)
    lines = export_lines(doc)
    # the note bodies no node holds, by line (the lines of a line-based document are its source's; any other
    # document's are written from loose.loose_lines, which keeps such a body as a line): each is a note
    lined = has_lines(doc)
    bodies = unheld_bodies(doc) if lined else {}
    for k, line in enumerate(lines):
        orphan = None
        if line.node is None and (k in bodies or not lined) and any(pc.kind == "footnote-body" for pc in line.pieces):
            at = bodies.get(k)
            orphan = -1 if at is None else at
        writer.paragraph(line, last=k == len(lines) - 1, orphan=orphan)
    own = tuple(k for k, line in enumerate(lines) if line.role == "header")  # the document's own cover
    data = writer.finish(clean_attr(title) if title else None, cover=cover, header_lines=own)
    if path is None:
        return data
    Path(path).write_bytes(data)
    return Path(path)
