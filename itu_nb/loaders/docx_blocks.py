"""The .docx reader's state, and its block-level reading: bodies, tables, content controls, paragraphs.

:class:`BlockReader` is the base of :class:`~itu_nb.loaders.docx_read.Reader` (through
:class:`~itu_nb.loaders.docx_notes.NoteReader`): it holds what reading a package keeps track of, walks the
blocks of a body-like element (body, table cell, note, comment, text box), reads each paragraph's properties
and mark, and the change context of a ``w:ins``/``w:del``; the runs inside a paragraph are read by
:class:`~itu_nb.loaders.docx_read.Reader`, the move ranges by its base :class:`~itu_nb.loaders.docx_ranges.RangeReader`.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from typing import TYPE_CHECKING

from lxml import etree

from itu_nb.loaders.docx_package import Package
from itu_nb.loaders.docx_para import Para, Props
from itu_nb.loaders.docx_ranges import RangeReader
from itu_nb.loaders.docx_shapes import branch, is_alternate
from itu_nb.loaders.docx_tags import (
    _CHANGE_OP,
    _EQ,
    _EQUAL,
    _RUN_MARKS,
    AUTHOR,
    CUSTOM_XML,
    DATE,
    DEL,
    ID,
    INS,
    MOVE_ENDS,
    MOVE_FROM,
    MOVE_RANGES,
    MOVE_TO,
    NUM_PR,
    P_STYLE,
    PPR,
    PPR_CHANGE,
    RPR,
    RPR_CHANGE,
    SDT,
    SDT_CONTENT,
    TBL,
    TC,
    TR,
    TR_PR,
    VAL,
    P,
    R,
    T,
    _Ctx,
    _first,
    _flatten,
    _format_note,
    _Job,
    _numbering,
    _w,
    read_props,
)
from itu_nb.model import Artefact, Op


class Fields(list[str]):
    """The open complex fields, innermost last: ``"instr"`` until ``w:fldChar separate``, then ``"result"``.

    ``instr`` counts those still in their instruction part, so a run asks "inside an instruction?" in one
    step however many fields are open (a document leaving thousands unclosed was quadratic).
    """

    __slots__ = ("instr",)

    def __init__(self) -> None:
        super().__init__()
        self.instr = 0

    def begin(self) -> None:
        """``w:fldChar begin``: a field opens, in its instruction part."""
        self.append("instr")
        self.instr += 1

    def separate(self) -> None:
        """``w:fldChar separate``: the innermost field's result follows."""
        if self and self[-1] == "instr":
            self[-1] = "result"
            self.instr -= 1

    def end(self) -> None:
        """``w:fldChar end``: the innermost field closes."""
        if self and self.pop() == "instr":
            self.instr -= 1


_new = object.__new__
#: The fields of Para that BlockReader._usual sets one by one: a field added to Para fails the import, not a read.
_PARA_FIELDS = (
    "pieces",
    "mark",
    "mark_author",
    "mark_date",
    "mark_move",
    "props",
    "old_props",
    "props_change",
    "notes",
    "box",
)
if tuple(f.name for f in dataclasses.fields(Para)) != _PARA_FIELDS:
    raise ImportError("itu_nb.loaders.docx_blocks: Para's fields changed; update BlockReader._usual")


class BlockReader(RangeReader):
    """The state of a reading, and the reading of blocks (a base of :class:`~itu_nb.loaders.docx_read.Reader`)."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.notes = {
            "footnote": self._by_id(pkg.xml(pkg.related("footnotes", "word/footnotes.xml")), "footnote"),
            "endnote": self._by_id(pkg.xml(pkg.related("endnotes", "word/endnotes.xml")), "endnote"),
            "comment": self._by_id(pkg.xml(pkg.related("comments", "word/comments.xml")), "comment"),
        }
        self.counters = {"footnote": 0, "endnote": 0}
        self.fields = Fields()  # the open complex fields
        self._init_ranges(pkg)  # (docx_ranges: the move ranges)
        self.mark_number: str | None = None  # the number of the note being read (its w:footnoteRef)
        # notes and comments: each read once, never inside one another (see the module docstring)
        self.seen: dict[tuple[str, str], str] = {}  # (kind, w:id) → the number of its first reference
        self.shared: dict[str, tuple[str, str]] = {}  # comment w:id → (text, note), shared by its references
        self.bodies: dict[tuple[str, str], dict[str, str]] = {}  # a note's text in each view, once read
        self.shown: dict[tuple[str, str], set[str]] = {}  # the views a note's text was shown in
        self.host: Para | None = None  # the body paragraph whose notes are being read
        self.placed: dict[str, tuple[Para, int, int]] = {}  # a note (fn1) → its paragraph, where its text was read
        # a comment (w:id) made inside a note → its offset in the note's text, and the note's body artefact
        self.in_note: dict[str, tuple[int, Artefact]] = {}
        self.note_last: dict[int, Artefact] = {}  # id() of a note's body artefact → the last comment put after it
        self.pending: deque[_Job] = deque()
        self.reading: _Job | None = None
        self.boxes: list[Para] | None = None  # text-box paragraphs of the paragraph being read
        self.lit = ""  # the colour of the run being read when it is highlighted, else ""
        # the run being read is highlighted inside a change with a w:rPrChange lacking the highlight: a highlight it
        # opens was made around the change (op EQUAL), not inside it (docx_read._made_around)
        self.around = False
        # the highlight read last: (paragraph, its length after the last lit run, the artefact's index, colour)
        self.highlight: tuple[Para, int, int, str] | None = None
        self.skip: etree._Element | None = None  # a custom footnote mark read as the note's number
        self.unmarked = False  # no run of the element being read is highlighted or has its formatting tracked

    @staticmethod
    def _by_id(root: etree._Element | None, tag: str) -> dict[str, etree._Element]:
        found: dict[str, etree._Element] = {}
        if root is not None:
            for el in root.iter(_w(tag)):
                found.setdefault(el.get(ID) or "", el)  # duplicated ids: the first one wins
        return found

    # -- blocks ---------------------------------------------------------------
    def blocks(self, el: etree._Element, ctx: _Ctx = _EQUAL) -> list[Para]:
        """The paragraphs in a body-like element (body, cell, footnote), tracked context ``ctx`` applied."""
        out: list[Para] = []
        saved = self.unmarked
        # one look, at C level, for what makes a run's w:rPr matter: where no element of ``el`` is a
        # highlight or a tracked formatting change (most parts: libxml2 answers from the part's name
        # table without a walk when the name is in no element), no run's w:rPr is looked into
        self.unmarked = next(el.iter(*_RUN_MARKS), None) is None
        try:
            self._blocks(el, ctx, out)
        finally:
            self.unmarked = saved
        if self.range_notes and out:  # (a range between paragraphs after the last one read by _para)
            self._range_notes(out[-1])
        return out

    def _blocks(self, el: etree._Element, ctx: _Ctx, out: list[Para]) -> None:
        plain = ctx is _EQUAL
        for child in el:
            tag = child.tag
            if tag == P:
                if plain and (para := self._usual(child)) is not None:
                    out.append(para)
                    continue
                saved = self.boxes
                boxes = self.boxes = []
                out.append(self._para(child, ctx))
                if boxes:
                    out.extend(boxes)
                self.boxes = saved
            elif tag == TBL:
                self._table(child, ctx, out)
            elif tag == SDT:
                content = _first(child, SDT_CONTENT)
                if content is not None:
                    self._blocks(content, ctx, out)
            elif tag == CUSTOM_XML:
                self._blocks(child, ctx, out)
            elif tag in _CHANGE_OP:
                self._blocks(child, self._change(ctx, child), out)
            elif tag in MOVE_RANGES or tag in MOVE_ENDS:  # a move's range opened (closed) between paragraphs,
                # where Word opens one that takes whole paragraphs: its name is that of the moved runs in them
                self.open_move(child)
            elif is_alternate(child):
                chosen = branch(child)
                if chosen is not None:
                    self._blocks(chosen, ctx, out)

    def _usual(self, p: etree._Element) -> Para | None:
        """The usual paragraph of unchanged text, read in one look: one run of one ``w:t``, after properties
        that give no more than a style (``w:pPr`` holding a ``w:pStyle`` alone, or none); None for any other.

        What :meth:`_para` and :meth:`_inline` read of such a paragraph outside a change, field or highlight
        (most paragraphs of a plain document, and pandoc's), without their general steps.
        """
        n = len(p)
        if n > 2 or not n or self.fields or self.lit:
            return None
        r = p[n - 1]
        if r.tag != R or len(r) != 1:
            return None
        style = None
        if n == 2:
            ppr = p[0]
            if ppr.tag != PPR or len(ppr) != 1 or (first := ppr[0]).tag != P_STYLE:
                return None
            style = first.get(VAL)
        t = r[0]
        text = t.text
        if t.tag != T or not text or "\n" in text or t is self.skip:
            return None
        # every field of Para() set once, its one piece and style in place (what Para() and then _para would set)
        para = _new(Para)
        para.pieces, para.mark, para.mark_author, para.mark_date = [(_EQ, text, None, None, None)], _EQ, None, None
        para.mark_move = None
        para.props, para.old_props, para.props_change, para.notes, para.box = Props(style), None, None, [], None
        return para

    def _table(self, tbl: etree._Element, ctx: _Ctx, out: list[Para]) -> None:
        for row in _flatten(tbl, TR):
            row_ctx = ctx
            trpr = _first(row, TR_PR)
            if trpr is not None:
                for tag in (INS, DEL):
                    mark = _first(trpr, tag)
                    if mark is not None:
                        row_ctx = self._change(row_ctx, mark)
            for cell in _flatten(row, TC):
                self._blocks(cell, row_ctx, out)

    # -- paragraphs -------------------------------------------------------------
    def _para(self, p: etree._Element, ctx: _Ctx) -> Para:
        para = Para()
        children = p[:]  # one C call for every child's proxy, for w:pPr and the inline content
        if children and children[0].tag == PPR:  # Word writes w:pPr first
            ppr: etree._Element | None = children[0]
            del children[0]
        else:  # a lone child that is no w:pPr: no w:pPr (the usual one-run paragraph without properties)
            ppr = _first(p, PPR) if len(children) > 1 else None
        moved = False  # the mark is moved (w:moveFrom/w:moveTo): its move found by the end of the paragraph
        if ppr is not None:
            props = para.props
            style = num = rpr = change = None
            for child in ppr:  # one pass, the first of each (as find() would)
                tag = child.tag
                if tag == P_STYLE and style is None:
                    style = child
                    props.style = child.get(VAL)
                elif tag == NUM_PR and num is None:
                    num = child
                    _numbering(child, props)
                elif tag == RPR and rpr is None:
                    rpr = child
                    moved = self._mark(child, para)
                elif tag == PPR_CHANGE and change is None:
                    change = child
            if change is not None:
                para.old_props = read_props(_first(change, PPR))
                para.props_change = (change.get(AUTHOR), change.get(DATE))
                para.notes.append(_format_note("paragraph formatting", change))
            num_ins = _first(num, INS) if num is not None else None
            if num_ins is not None and para.old_props is None:
                para.old_props = Props(style=para.props.style, num_id="0")  # no numbering before the change
                para.props_change = (num_ins.get(AUTHOR), num_ins.get(DATE))
                para.notes.append(
                    f"numbering added by {num_ins.get(AUTHOR) or 'unknown'} ({num_ins.get(DATE) or 'no date'})"
                )
        if ctx is not _EQUAL and para.mark is _EQ and ctx.op is not _EQ and ctx.op is not None:
            para.mark, para.mark_author, para.mark_date, para.mark_move = ctx.op, ctx.author, ctx.date, ctx.move
        self._inline(children, ctx, para)
        if moved and para.mark_move is None:
            para.mark_move = self._mark_range(para)
        if self.range_notes:
            self._range_notes(para)
        return para

    def _mark_range(self, para: Para) -> str | None:
        """The move of ``para``'s moved mark when no range was open where the mark stands (in ``w:pPr``, before the
        paragraph's runs): the range still open at the paragraph's end (Word opens one after a paragraph's text,
        before the mark of a paragraph that moves with the next one), else that of the paragraph's last run of the
        mark's op and of a move (itu_nb's writer's form: the range around the runs, ended before the mark); none
        else (a moved mark of no range: a plain change, as a ``w:moveFrom`` outside every range).
        """
        if self.move is not None:
            return self.move
        for piece in reversed(para.pieces):
            if isinstance(piece, tuple) and piece[0] is para.mark and piece[4] is not None:
                return piece[4]
        return None

    def _mark(self, rpr: etree._Element, para: Para) -> bool:
        """Read the mark's run properties ``rpr`` into ``para``; whether the mark is moved (its move then
        :attr:`move`, None while no range is open: :meth:`_mark_range` looks at the paragraph's end).
        """
        moved = False
        for child in rpr:
            if child.tag in _CHANGE_OP:
                if para.mark is Op.INSERT and _CHANGE_OP[child.tag] is Op.DELETE and child.tag != MOVE_FROM:
                    # a mark inserted by one author and deleted by another (a paragraph inserted whole, then
                    # struck: in neither view, written so by itu_nb.export.docx): no paragraph runs on in any view
                    para.mark, para.mark_author, para.mark_date, para.mark_move = Op.EQUAL, None, None, None
                    moved = False
                    continue
                para.mark, para.mark_author, para.mark_date = _CHANGE_OP[child.tag], child.get(AUTHOR), child.get(DATE)
                moved = child.tag in (MOVE_FROM, MOVE_TO)
                para.mark_move = self.move if moved else None
                if moved:
                    para.notes.append(f"paragraph mark {'moved away' if child.tag == MOVE_FROM else 'moved here'}")
            elif child.tag == RPR_CHANGE:
                para.notes.append(_format_note("paragraph mark formatting", child))
        return moved

    def _change(self, ctx: _Ctx, el: etree._Element) -> _Ctx:
        op = _CHANGE_OP[el.tag]
        move = self.move if el.tag in (MOVE_FROM, MOVE_TO) else None
        if ctx.op is None:
            return ctx
        if ctx.op is _EQ or ctx.op is op:
            return _Ctx(op, el.get(AUTHOR), el.get(DATE), move)
        struck = (ctx.author, ctx.date) if ctx.op is Op.INSERT and op is Op.DELETE else None  # w:del in w:ins
        return _Ctx(None, el.get(AUTHOR), el.get(DATE), None, struck)

    if TYPE_CHECKING:  # defined by Reader

        def _inline(self, el: etree._Element | list[etree._Element], ctx: _Ctx, para: Para) -> None: ...
