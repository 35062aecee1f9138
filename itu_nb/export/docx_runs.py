"""The Word writer's XML vocabulary, its state, and its runs: text, tracked changes, highlights.

:class:`RunWriter` is the base of the writer behind :func:`itu_nb.export.docx.to_docx` (through
:class:`~itu_nb.export.docx_footnotes.NoteWriter`): it holds what writing a document keeps track of and writes
runs (``w:r``) with their text, breaks and highlight, inside ``w:ins``/``w:del`` when tracked.  Also here: the
names and styles the writer uses, and the cleaning of text and attributes XML cannot hold.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from itu_nb.export import controls, docx_cover, docx_template
from itu_nb.export.pieces import Piece
from itu_nb.model import Clause, Document, Op

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
#: A name Word takes for a move's range (``w:name`` of ``w:moveFromRangeStart``/``w:moveToRangeStart``, a bookmark's
#: name): ECMA-376 allows any string, but Word keeps bookmark names of at most 40 characters ([MS-OI29500] 2.1.362 c)
#: made of letters, digits and underscores, a letter first (as it names its own moves: ``move`` and a number).
_WORD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}\Z")
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
    """An attribute value XML 1.0 can hold: control characters as their pictures (TAB and line breaks dropped),
    lone surrogates as U+FFFD (:func:`itu_nb.export.controls.replace`).
    """
    if value.isprintable():  # (no control character, surrogate or non-character: most values, as they are)
        return value
    return _INVALID_ATTR.sub(_replace, value)


def clean_text(value: str) -> str:
    """Text XML 1.0 can hold: control characters as their pictures (TAB and breaks are elements), lone surrogates
    as U+FFFD (:func:`itu_nb.export.controls.replace`).
    """
    if value.isprintable():  # (as clean_attr)
        return value
    return _INVALID.sub(_replace, value)


def _replace(m: re.Match) -> str:
    return controls.replace(m.group(0))


def word_move_name(move: str, salt: int = 0) -> str:
    """The name written for the move ``move`` in Word's ranges: ``move`` itself when Word takes it (:data:`_WORD_NAME`:
    a name Word wrote, ``move3``, stays as it is), else its letters and digits (other characters as ``_``, ``move_``
    first when it would not start with a letter) cut to 31 characters, ``_`` and 8 hexadecimal digits of its SHA-1
    (``move-resolves/3/a/i`` → ``move_resolves_3_a_i_`` and the digits): at most 40 characters.

    The writer keeps the names it wrote so for the reader to map back (the ``itu_nb moves`` custom property,
    :meth:`RunWriter.moves_to_store`); ``salt`` (above 0 when a name written was taken) gives another digest.
    """
    if not salt and _WORD_NAME.match(move):
        return move
    stem = re.sub(r"[^A-Za-z0-9]+", "_", move).strip("_")
    if not stem[:1].isalpha():
        stem = "move_" + stem
    digest = hashlib.sha1(f"{salt}:{move}".encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return stem[:31].rstrip("_") + "_" + digest


def mark_move(pieces: Iterable[Piece], op: Op) -> str | None:
    """The move a paragraph whose mark is ``op`` (INSERT or DELETE) belongs to whole: the name its first piece with
    text carries when every piece with text is of ``op`` (a struck-insert, in neither view, aside) and is of that
    move, or another author's change inside it (of no move, which stays theirs, as in a paragraph Word moves); None
    otherwise (the mover's own deletion of the rest: the paragraph is not moved whole).  Word writes the mark of a
    paragraph it moves as moved too.  A paragraph with no text (an empty paragraph moved with the text around it)
    is of the move its ``paragraph-mark`` piece names, as read from Word.
    """
    name = mover = marked = None
    for piece in pieces:
        if piece.kind == "paragraph-mark" and piece.op is op:
            marked = piece.move  # (the mark's own move, read from Word: what an empty paragraph has)
        if not piece.text or piece.kind == "struck-insert":
            continue
        if piece.op is not op:
            return None
        if name is None:
            if piece.move is None:
                return None
            name, mover = piece.move, (piece.author, piece.date)
        elif piece.move != name if piece.move is not None else (piece.author, piece.date) == mover:
            return None
    return name if name is not None else marked


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    return date if "T" in date else f"{date}T00:00:00Z"


class RunWriter:
    """The writer's state, and its runs (a base of the writer behind :func:`~itu_nb.export.docx.to_docx`)."""

    def __init__(self, doc: Document, author: str, date: str | None):
        self.doc, self.author, self.date = doc, author, date
        self.word = docx_template.new_word()  # the ITU styles on A4, track changes on (built once)
        self.body = self.word.element.body
        self.next_id = 1
        #: (op, author, date) → a tracked change's start tag before its w:id, its attributes after it, its end tag
        #: (the string writer's, :func:`~itu_nb.export.docx_plain.plain_paragraph`)
        self.change_heads: dict[tuple[Op, str | None, str | None], tuple[str, str, str]] = {}
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
        self.move_names: dict[str, str] = {}  # a move's name → the name written (word_move_name), and back:
        self.moves_written: dict[str, str] = {}  # the name written → the move's name (each written name one move's)
        self.range_names: dict[str, str] = {}  # a move range's w:id → the name written on its start (_move_start)

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _move_name(self, move: str) -> str:
        """The name written for the move ``move`` (:func:`word_move_name`), the same for each of its ranges and
        none other's: a name already written for another move is made again with the next ``salt``.
        """
        written = self.move_names.get(move)
        if written is None:
            salt = 0
            written = word_move_name(move)
            while written in self.moves_written:
                salt += 1
                written = word_move_name(move, salt)
            self.move_names[move] = written
            self.moves_written[written] = move
        return written

    def moves_to_store(self) -> dict[str, str]:
        """``{name written: the move's name}`` for the moves written under another name than their own, for the
        ``itu_nb moves`` custom property (empty: none), which the .docx reader maps back to the moves' names.
        """
        return {w: move for w, move in self.moves_written.items() if w != move}

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
        _text_parts(r, text, _W_DEL_TEXT if op is Op.DELETE else _W_T)
        return r

    def _put_run(self, parent: etree._Element, text: str, op: Op, *, bold=False, lit: bool | str = False) -> None:
        """A run as :meth:`_run` writes it (``bold`` and ``lit`` the only formatting), made in place at the end of
        ``parent``: an element made apart is moved into the tree, its namespaces checked node by node.
        """
        r = _SubElement(parent, _W_R)
        if bold or lit:
            rpr = _SubElement(r, _W_RPR)
            if bold:
                _SubElement(rpr, _W_B)
            if lit:
                _SubElement(rpr, _W_HIGHLIGHT).set(_W_VAL, lit if isinstance(lit, str) else HIGHLIGHT)
        _text_parts(r, text, _W_DEL_TEXT if op is Op.DELETE else _W_T)

    def _change_in(
        self, parent: etree._Element, op: Op, author: str | None, date: str | None, move: str | None = None
    ) -> etree._Element:
        """An empty ``w:ins`` / ``w:del`` as :meth:`_change` makes it, made in place at the end of ``parent``; a
        ``w:moveTo`` / ``w:moveFrom`` in its range when the run is part of the move named ``move`` (:meth:`_moved_in`).
        """
        if move is not None:
            return self._moved_in(parent, op, author, date, move)
        return self._stamped(_SubElement(parent, _W_INS if op is Op.INSERT else _W_DEL), author, date)

    def _moved_in(
        self, parent: etree._Element, op: Op, author: str | None, date: str | None, move: str
    ) -> etree._Element:
        """An empty ``w:moveTo`` (``op`` INSERT) or ``w:moveFrom`` at the end of ``parent``, between the
        ``w:moveToRangeStart`` / ``w:moveFromRangeStart`` naming the move (``w:name``, the author and date: the
        attributes ECMA-376 asks of a move bookmark) and its range end, each range with a ``w:id`` of its own.

        The .docx reader reads the name back as the runs' :attr:`~itu_nb.model.Run.move`, so a move's two ends stay
        paired whatever their text.  The name is written as Word takes it (:meth:`_move_name`: at most 40 letters,
        digits and underscores; an edit's ``move-resolves/3`` is not), the move's own name kept in the ``itu_nb
        moves`` custom property.  The text inside is written in ``w:t`` (as Word writes a move's source).
        """
        tags, rid = self._move_start(parent, op, author, date, move)
        change = self._stamped(_SubElement(parent, tags[1]), author, date)
        _SubElement(parent, tags[2]).set(_W_ID, rid)
        return change

    def _move_start(
        self, parent: etree._Element, op: Op, author: str | None, date: str | None, move: str
    ) -> tuple[tuple[str, ...], str]:
        """The ``w:moveToRangeStart`` (``op`` INSERT) or ``w:moveFromRangeStart`` of the move ``move`` at the end of
        ``parent`` (:meth:`_moved_in`); the tags of the range's start, change and end, and the range's ``w:id``.

        When ``parent`` ends with the end of a range of the same move and end (the move's text goes on: a run of it
        after another, split by a highlight, or a note's next paragraph), that end goes and its range goes on: no
        start is written, its ``w:id`` is returned for the caller's end, so a stretch of the move is one range, as
        Word writes it (ECMA-376 17.13.5.24: the range around all of a move's content at one end).
        """
        tags = _MOVE_TO if op is Op.INSERT else _MOVE_FROM
        name = self._move_name(move)
        last = parent[-1] if len(parent) else None
        if last is not None and last.tag == tags[2] and self.range_names.get(last.get(_W_ID)) == name:
            parent.remove(last)
            return tags, last.get(_W_ID)
        rid = self._id()
        self.range_names[rid] = name
        start = _SubElement(parent, tags[0])
        start.set(_W_ID, rid)
        start.set(_W_AUTHOR, clean_attr(author or self.author))
        when = _iso(date or self.date)
        if when:
            start.set(_W_DATE, clean_attr(when))
        start.set(_W_NAME, name)
        return tags, rid

    def _moved_lines(
        self,
        note: etree._Element,
        p: etree._Element,
        lines: list[str],
        op: Op,
        author: str | None,
        date: str | None,
        lit: bool | str,
        move: str,
    ) -> etree._Element:
        """The ``lines`` of a move's text in a note (:meth:`~itu_nb.export.docx_footnotes.NoteWriter._note_text`), as
        Word writes a move taking paragraph marks: one named range around them all, opened at the end of ``p``
        (before the mark of ``p``, which the move takes) and ended after the last line, each mark inside it moved and
        each line's runs in a ``w:moveFrom`` / ``w:moveTo``; the paragraph it ends in.  The reader then reads the
        breaks as the move's, as its runs.
        """
        tags, rid = self._move_start(p, op, author, date, move)
        for k, line in enumerate(lines):
            if k:
                rpr = _w("w:rPr")
                rpr.append(self._mark_change(op, author, date, move))
                p.find(qn("w:pPr")).append(rpr)
                p = _note_paragraph(note)
            if line:  # (a move's source in w:t, as Word writes it and the body does)
                self._put_run(self._stamped(_SubElement(p, tags[1]), author, date), line, Op.EQUAL, lit=lit)
        _SubElement(p, tags[2]).set(_W_ID, rid)
        return p

    def _range_around(self, p: etree._Element, op: Op, author: str | None, date: str | None, move: str) -> None:
        """The move's named range around paragraph ``p``, written once its content is (a paragraph moved whole, its
        mark moved: :func:`mark_move`), its start and end between paragraphs, as Word writes a range taking whole
        paragraphs (ECMA-376 17.13.5.24: the mark inside it); the ranges :meth:`_moved_in` put around the move's runs
        in ``p`` go (the one range names them).  A paragraph with no text has no run to name the move: the reader
        reads the mark's move from this range.  Paragraphs of one move one after another are one range, as Word writes
        a move of several paragraphs: when the range of the move (same end, same name) ends just before ``p``, its
        end goes after ``p``.
        """
        tags = _MOVE_TO if op is Op.INSERT else _MOVE_FROM
        name, inner = self._move_name(move), set()
        for child in list(p.iterchildren(tags[0], tags[2])):  # (ranges of another move, or of the other op, stay)
            if child.tag == tags[0] and child.get(_W_NAME) == name:
                inner.add(child.get(_W_ID))
                p.remove(child)
            elif child.tag == tags[2] and child.get(_W_ID) in inner:
                p.remove(child)
        before = p.getprevious()
        if before is not None and before.tag == tags[2] and self.range_names.get(before.get(_W_ID)) == name:
            p.addnext(before)  # (the paragraph before is of this move: its range goes on over ``p``)
            return
        _tags, rid = self._move_start(p, op, author, date, move)
        p.addprevious(p[-1])  # (the start, made at the end of ``p``, goes before it)
        end = _w("w:moveToRangeEnd" if op is Op.INSERT else "w:moveFromRangeEnd")
        end.set(_W_ID, rid)
        p.addnext(end)

    def _mark_change(self, op: Op, author: str | None, date: str | None, move: str | None) -> etree._Element:
        """The change of a paragraph mark inserted (``op`` INSERT) or deleted, for its ``w:pPr/w:rPr``: a ``w:ins`` /
        ``w:del``, or, when the whole paragraph is part of the move ``move`` (:func:`mark_move`), the ``w:moveTo`` /
        ``w:moveFrom`` Word writes there for a paragraph it moved (ECMA-376 17.13.5.21, 17.13.5.26); the move's name
        is on the ranges of the paragraph's runs.
        """
        if move is None:
            return self._change(op, author, date)
        return self._stamped(_w("w:moveTo" if op is Op.INSERT else "w:moveFrom"), author, date)

    def _struck_in(self, parent: etree._Element, text: str, struck, inserted) -> None:
        """Text one author inserted and another struck (a ``struck-insert``), made in place at the end of ``parent``:
        ``<w:ins inserter><w:del striker><w:r><w:delText>…``, as Word writes a deletion of another author's
        insertion (``w:del`` is among the run-level content of ``w:ins``); ``struck`` and ``inserted`` are
        (author, date) pairs.
        """
        ins = self._change_in(parent, Op.INSERT, *(inserted or (None, None)))
        self._put_run(self._change_in(ins, Op.DELETE, *struck), text, Op.DELETE)

    def _empty_run(self, colour: str) -> etree._Element:
        """A run highlighted in ``colour`` holding an empty ``w:t``: a highlight of no characters, which the .docx
        reader reads back as such (LibreOffice and pandoc open it and show nothing).
        """
        r = self._run("", Op.EQUAL, lit=colour)
        t = _w("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        return r

    def _lit_around(self, r: etree._Element, author: str | None, date: str | None) -> etree._Element:
        """Run ``r`` (highlighted, inside a ``w:ins``/``w:del``) marked as highlighted after the change was made: a
        ``w:rPrChange`` (id, ``author`` and ``date``, the writer's by default) last in its ``w:rPr``, holding its
        properties before, the highlight left out.  The .docx reader reads a highlight opened in such a run as made
        around the change (op EQUAL); one in a highlighted run with no ``w:rPrChange`` as made inside it.  Word shows
        it as a tracked formatting change ("Formatted: Highlight"); rejecting it takes the highlight off.
        """
        rpr = r[0]
        change = _SubElement(rpr, _W_RPR_CHANGE)
        self._stamped(change, author, date)
        before = _SubElement(change, _W_RPR)
        for prop in rpr:
            if prop.tag != _W_HIGHLIGHT and prop is not change:
                _SubElement(before, prop.tag, dict(prop.attrib))
        return r

    def _tracked(self, el: etree._Element, op: Op, author: str | None, date: str | None) -> etree._Element:
        if op is Op.EQUAL:
            return el
        change = self._change(op, author, date)
        change.append(el)
        return change

    def _change(self, op: Op, author: str | None, date: str | None) -> etree._Element:
        """An empty ``w:ins`` / ``w:del`` with its id, author and date."""
        return self._stamped(_w("w:ins" if op is Op.INSERT else "w:del"), author, date)

    def _stamped(self, change: etree._Element, author: str | None, date: str | None) -> etree._Element:
        """``change`` (a ``w:ins`` / ``w:del``) given the next id, its author and date (the writer's by default)."""
        change.set(_W_ID, self._id())
        change.set(_W_AUTHOR, clean_attr(author or self.author))
        when = _iso(date or self.date)
        if when:
            change.set(_W_DATE, clean_attr(when))
        return change


_SubElement = etree.SubElement
_W_ID, _W_AUTHOR, _W_INITIALS, _W_DATE, _W_VAL = (qn(f"w:{a}") for a in ("id", "author", "initials", "date", "val"))
_W_COMMENT, _W_P, _W_PPR, _W_PSTYLE, _W_R, _W_RPR, _W_RSTYLE, _W_ANNOTATION_REF, _W_T, _W_TAB, _W_BR = (
    qn(f"w:{t}") for t in ("comment", "p", "pPr", "pStyle", "r", "rPr", "rStyle", "annotationRef", "t", "tab", "br")
)
_W_B, _W_HIGHLIGHT, _W_DEL_TEXT, _W_INS, _W_DEL = (qn(f"w:{t}") for t in ("b", "highlight", "delText", "ins", "del"))
_COMMENT_START, _COMMENT_END, _COMMENT_REFERENCE = (
    qn(f"w:{t}") for t in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: A move's range start, its run content and its range end, by end (:meth:`RunWriter._moved_in`).
_MOVE_TO, _MOVE_FROM = (tuple(qn(f"w:move{end}{t}") for t in ("RangeStart", "", "RangeEnd")) for end in ("To", "From"))
_W_NAME = qn("w:name")
_W_RPR_CHANGE = qn("w:rPrChange")


def _text_parts(r: etree._Element, text: str, tag: str = _W_T) -> None:
    """The text of a run into ``r``, as :meth:`RunWriter._run` writes it (made in place): its text in ``tag``
    elements (``w:t``; ``w:delText`` for a deletion), its TAB and breaks as elements.
    """
    for part in _BREAKS.split(text):
        if part == "\t":
            _SubElement(r, _W_TAB)
        elif part in ("\v", "\n"):
            _SubElement(r, _W_BR)
        elif part == "\f":
            _SubElement(r, _W_BR).set(_W_TYPE, "page")
        elif part:
            t = _SubElement(r, tag)
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
