"""WordprocessingML → paragraphs of runs, with the tracked changes kept.

Guarantees after :func:`read_paragraphs`:
- one :class:`Para` per Word paragraph of the body, table cells and content controls
  included, in reading order;
- every character a reader sees is in a run (a :data:`~itu_nb.loaders.docx_para.Piece`) whose op says
  where it is visible: ``w:del`` / ``w:moveFrom`` → DELETE, ``w:ins`` / ``w:moveTo``
  → INSERT, with the change's author and date; changes inside hyperlinks, fields,
  content controls, smart tags and custom XML are found at any depth; ``w:id`` values
  are never relied on for changes, so duplicated or missing ids do not matter;
- text inserted and then deleted (``w:del`` inside ``w:ins``) is in neither view and
  is dropped, with a note; field instructions are dropped, field results kept;
- the paragraph mark's own change is :attr:`Para.mark`: a mark absent from a view
  joins the paragraph to the next one in that view (see :func:`view_groups`);
- formatting-only changes (``w:rPrChange``, ``w:pPrChange``) become notes, never text
  changes; a ``w:pPrChange`` keeps the old style and numbering for the original view;
- text is as a reader sees it: ``w:tab``/``w:ptab`` → TAB, ``w:br``/``w:cr`` → VT
  (U+000B, Word's own manual line break; page and column breaks → FF, U+000C),
  ``w:noBreakHyphen`` → U+2011, ``w:softHyphen`` → U+00AD, ``w:sym`` → its Unicode
  character (Symbol and Wingdings mapped, see :mod:`~itu_nb.loaders.docx_symbols`),
  non-breaking spaces as written, a line feed typed inside ``w:t`` as a space (a note says so);
- equations (``m:oMath``) give the text of their ``m:t``, tracked changes inside them
  (``w:ins``/``w:del`` around ``m:r``) applied, so each view shows its own equation;
- text boxes and WordArt (``w:drawing``, ``w:pict``, ``mc:AlternateContent``, see
  :mod:`~itu_nb.loaders.docx_shapes`) are read as paragraphs of their own, placed after
  the paragraph that anchors them and annotated as text-box content (:attr:`Para.box`);
  the shapes of page headers and footers (watermarks) come before the body;
- numbering added as a tracked change (``w:ins`` in ``w:numPr``, or a ``w:pPrChange``)
  leaves the original view unnumbered;
- footnotes and endnotes are artefacts at their reference: ``footnote-ref``
  (``[footnoteRef:N]``, ``[endnoteRef:N]``; N is Word's number, counted apart for footnotes and
  endnotes, or a custom mark that is a number) and ``footnote-body`` (``[N: text]``, the form the tree
  turns into a FOOTNOTE node: ``fn<N>``, or ``en<N>`` for an endnote, so footnote 1 and endnote 1 are
  ``fn1`` and ``en1`` whatever their order); a note with tracked changes inside its text is one body,
  its start (``[N: `` and the text before the first change) then a ``footnote-part`` per run of the rest
  with its op, author and date, as the CriticMarkup reader gives ``[1: See {--71--}{++72++}]``.  A note
  whose text is replaced whole (no equal text but its number) or whose paragraph marks change gives a
  deleted body (original text, ``fn<N>``) and an inserted body (amended text, ``fn<N>#2``), each with the
  author and date of the note's first change (of its op, else of the other); comments are ``comment``
  artefacts at their reference, with their author and date (also in a note);
- highlighted text (``w:highlight``, any colour but ``none``) is covered by a ``highlight``
  artefact placed before it, whose ``length`` counts the characters highlighted: highlighted runs of one
  colour are one highlight, through tracked changes and through what takes no characters between them (a
  comment's range marks and reference, a note's reference, a bookmark); a change of colour starts another
  (``to_docx`` writes two highlights side by side in two colours); a highlighted run holding only an empty
  ``w:t`` is a highlight of no characters (as ``to_docx`` writes one a decision left empty);
- notes and comments are read once each and never inside one another: a note or comment
  referenced from a note or comment is read after it (breadth first, no recursion), its
  body placed on the body paragraph that led to it; a note referenced again (the same
  ``w:id``), or inside itself, keeps its reference mark and gets a note saying where its
  text is, instead of a copy (its text is shown once per view: again, once, where the first
  reference is in the other view only); a comment referenced again shares its text.  So reading is
  linear in the size of the parts, whatever the references, and there is no depth limit.
"""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from itu_nb.loaders.docx_package import Package, W
from itu_nb.loaders.docx_para import Para, Props, view_groups, view_paragraphs
from itu_nb.loaders.docx_shapes import ALTERNATE, branch, is_alternate, shape_texts
from itu_nb.loaders.docx_symbols import symbol_char
from itu_nb.model import Artefact, Op, Run

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
#: The ops as module constants: an enum member read from its class costs a descriptor call each time
#: (about 180 ns on Python 3.11), and the reader asks for one for every piece of text.
_EQ, _DEL = Op.EQUAL, Op.DELETE
_new = object.__new__
#: The fields of Para that Reader._usual sets one by one: a field added to Para fails the import, not a read.
_PARA_FIELDS = ("pieces", "mark", "mark_author", "mark_date", "props", "old_props", "props_change", "notes", "box")
if tuple(f.name for f in dataclasses.fields(Para)) != _PARA_FIELDS:
    raise ImportError("itu_nb.loaders.docx_read: Para's fields changed; update Reader._usual")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, DEL_TEXT, TBL, TR, TC = (_w(n) for n in ("p", "r", "t", "delText", "tbl", "tr", "tc"))
_CUSTOM_MARK = _w("customMarkFollows")
#: The character style (its name, and the ``w:styleId`` Word and python-docx give it) of the reference that
#: :func:`itu_nb.to_docx` writes for a note whose body no clause holds (a line of its own before its reference, or
#: with none): Word shows a note only where a reference stands, the source had none there, so such a reference
#: is read as no ``footnote-ref`` (its note's body is read as any other's).
LOOSE_NOTE_REFERENCE = "itu_nb loose note reference"
LOOSE_NOTE_STYLE = "itu_nbloosenotereference"
#: How the name of a hidden bookmark that ``to_docx`` writes where a note's body stood in its line, after its
#: reference and something else, starts (then ``fn`` or ``en`` and the note's number): the reader moves the
#: note's text, read at its reference, there, and reads no bookmark.
NOTE_PLACE = "_itu_nb_note_"
_RUN_STYLE = f"{_w('rPr')}/{_w('rStyle')}"
INS, DEL, MOVE_FROM, MOVE_TO = (_w(n) for n in ("ins", "del", "moveFrom", "moveTo"))
PPR, RPR, SDT, SDT_CONTENT, CUSTOM_XML = (_w(n) for n in ("pPr", "rPr", "sdt", "sdtContent", "customXml"))
VAL, ID, AUTHOR, DATE, NAME = (_w(n) for n in ("val", "id", "author", "date", "name"))
M_MATH, M_PARA, M_R, M_T = (f"{{{_M}}}{n}" for n in ("oMath", "oMathPara", "r", "t"))
HIGHLIGHT = _w("highlight")
_TRANSPARENT = {_w(n) for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_SHAPES = {_w("drawing"), _w("pict"), _w("object")}
_CHANGE_OP = {INS: Op.INSERT, MOVE_TO: Op.INSERT, DEL: Op.DELETE, MOVE_FROM: Op.DELETE}
_SIMPLE_TEXT = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("cr"): "\v",
    _w("noBreakHyphen"): "\u2011",
    _w("softHyphen"): "\u00ad",
}
_NOTE_REFS = {_w("footnoteReference"): "footnote", _w("endnoteReference"): "endnote"}
P_STYLE, NUM_PR, NUM_ID, ILVL, PPR_CHANGE, RPR_CHANGE = (
    _w(n) for n in ("pStyle", "numPr", "numId", "ilvl", "pPrChange", "rPrChange")
)
FLD_CHAR, FLD_CHAR_TYPE, BR, BR_TYPE, SYM, FONT, CHAR = (
    _w(n) for n in ("fldChar", "fldCharType", "br", "type", "sym", "font", "char")
)
MARK_REFS = {_w("footnoteRef"), _w("endnoteRef")}
_TEXT = {T, DEL_TEXT, M_T}
_LEVEL = re.compile(r"-?[0-9]{1,3}")  # ASCII digits only: int() refuses "²", which isdigit() accepts
COMMENT_REF, BOOKMARK, TR_PR = _w("commentReference"), _w("bookmarkStart"), _w("trPr")
MOVE_RANGES = {_w("moveFromRangeStart"), _w("moveToRangeStart")}
#: The run properties that make a run more than its text: a highlight, a tracked formatting change.
_RUN_MARKS = (HIGHLIGHT, RPR_CHANGE)
# what _inline does with each child, by tag (children not listed hold no text of their own)
_K_RUN, _K_CHANGE, _K_TRANSPARENT, _K_SDT, _K_MOVE, _K_BOOKMARK, _K_MATH, _K_ALTERNATE = range(8)
_INLINE = {
    R: _K_RUN,
    **dict.fromkeys(_CHANGE_OP, _K_CHANGE),
    **dict.fromkeys(_TRANSPARENT, _K_TRANSPARENT),
    SDT: _K_SDT,
    **dict.fromkeys(MOVE_RANGES, _K_MOVE),
    BOOKMARK: _K_BOOKMARK,
    M_MATH: _K_MATH,
    M_PARA: _K_MATH,
    ALTERNATE: _K_ALTERNATE,
}


class _Ctx(NamedTuple):
    """The change a piece of text sits in (op None: inserted then deleted, in no view).

    A NamedTuple: one is made per ``w:ins`` / ``w:del``, a frozen dataclass costs four times as much.
    """

    op: Op | None = Op.EQUAL
    author: str | None = None
    date: str | None = None
    move: str | None = None


_EQUAL = _Ctx()


@dataclass(frozen=True)
class _Job:
    """A note or comment waiting to be read: its kind, ``w:id``, element, number and op."""

    kind: str
    wid: str
    el: etree._Element
    number: str
    op: Op


def _first(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag``: ``el.find(tag)``, twice as fast (find() goes through ElementPath)."""
    return next(el.iterchildren(tag), None)


def _attr(el: etree._Element | None, name: str = VAL) -> str | None:
    return None if el is None else el.get(name)


def read_props(ppr: etree._Element | None) -> Props:
    """The paragraph properties in ``w:pPr`` (style, numbering id and level); empty when None."""
    props = Props()
    if ppr is not None:
        style, num = _first(ppr, P_STYLE), _first(ppr, NUM_PR)
        props.style = None if style is None else style.get(VAL)
        if num is not None:
            _numbering(num, props)
    return props


def _numbering(num: etree._Element, props: Props) -> None:
    found = set()
    for child in num:  # the first of each
        tag = child.tag
        if tag in found:
            continue
        found.add(tag)
        if tag == NUM_ID:
            props.num_id = child.get(VAL)
        elif tag == ILVL:
            ilvl = child.get(VAL)
            props.ilvl = int(ilvl) if ilvl and _LEVEL.fullmatch(ilvl) else None


def _compose(outer: Op, inner: Op | None) -> Op | None:
    """The op of text with op ``inner`` inside a note whose reference has op ``outer`` (None: in no view)."""
    if inner is None or outer is Op.EQUAL or inner is outer:
        return inner
    return outer if inner is Op.EQUAL else None


class Reader:
    """Reads the main document of a package, with its notes and comments."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.notes = {
            "footnote": self._by_id(pkg.xml(pkg.related("footnotes", "word/footnotes.xml")), "footnote"),
            "endnote": self._by_id(pkg.xml(pkg.related("endnotes", "word/endnotes.xml")), "endnote"),
            "comment": self._by_id(pkg.xml(pkg.related("comments", "word/comments.xml")), "comment"),
        }
        self.counters = {"footnote": 0, "endnote": 0}
        self.fields: list[str] = []  # open complex fields: "instr" until w:fldChar separate, then "result"
        self.moves: dict[str, str] = {}
        self.move: str | None = None  # the name of the move being read (w:moveFromRangeStart…)
        self.mark_number: str | None = None  # the number of the note being read (its w:footnoteRef)
        # notes and comments: each read once, never inside one another (see the module docstring)
        self.seen: dict[tuple[str, str], str] = {}  # (kind, w:id) → the number of its first reference
        self.shared: dict[str, tuple[str, str]] = {}  # comment w:id → (text, note), shared by its references
        self.bodies: dict[tuple[str, str], dict[str, str]] = {}  # a note's text in each view, once read
        self.shown: dict[tuple[str, str], set[str]] = {}  # the views a note's text was shown in
        self.host: Para | None = None  # the body paragraph whose notes are being read
        self.placed: dict[str, tuple[Para, int, int]] = {}  # a note (fn1) → its paragraph, where its text was read
        self.pending: deque[_Job] = deque()
        self.reading: _Job | None = None
        self.boxes: list[Para] | None = None  # text-box paragraphs of the paragraph being read
        self.lit = ""  # the colour of the run being read when it is highlighted, else ""
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
                    self._mark(child, para)
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
            para.mark, para.mark_author, para.mark_date = ctx.op, ctx.author, ctx.date
        self._inline(children, ctx, para)
        return para

    def _mark(self, rpr: etree._Element, para: Para) -> None:
        for child in rpr:
            if child.tag in _CHANGE_OP:
                para.mark, para.mark_author, para.mark_date = _CHANGE_OP[child.tag], child.get(AUTHOR), child.get(DATE)
                if child.tag in (MOVE_FROM, MOVE_TO):
                    para.notes.append(f"paragraph mark {'moved away' if child.tag == MOVE_FROM else 'moved here'}")
            elif child.tag == RPR_CHANGE:
                para.notes.append(_format_note("paragraph mark formatting", child))

    def _inline(self, el: etree._Element | list[etree._Element], ctx: _Ctx, para: Para) -> None:
        """The runs and inline elements among the children of ``el`` (an element, or a list of children).

        The usual run is read here, in the loop over its paragraph's children: one ``w:t`` (or
        ``w:delText``), after run properties that neither highlight nor track a formatting change,
        outside fields and highlights, is its text and nothing else (one C-level look for the two
        properties that matter); any other run goes through :meth:`_run`.
        """
        run, kinds, pieces = self._run, _INLINE, para.pieces
        # the text of a usual run in this context, as a piece: (op, author, date) of a plain change
        # (no move, in a view) read once for all its runs, not per run through _text
        op = ctx.op or _EQ  # None (in no view) only where ``plain`` is false, so never written as such below
        plain = ctx is _EQUAL or (ctx.op is not None and ctx.move is None)
        author, date = (ctx.author, ctx.date) if op is not _EQ else (None, None)
        for child in el:
            # lxml makes each tag a new string: compared (its length first), not hashed, for the usual run
            tag = child.tag
            kind = _K_RUN if tag == R else kinds.get(tag)  # a dict look-up for the other children
            if kind is None:
                continue
            if kind == _K_RUN:
                n = len(child)
                if n and n <= 2 and not self.fields and not self.lit:
                    t = child[n - 1]
                    if ((tag := t.tag) == T or tag in (DEL_TEXT, M_T)) and (  # a tuple: compared, not hashed
                        n == 1
                        or child[0].tag == RPR
                        and (self.unmarked or next(child[0].iterchildren(*_RUN_MARKS), None) is None)
                    ):
                        text = t.text
                        if text and "\n" not in text and t is not self.skip:
                            if plain:  # unchanged text (most of a document), or a plain change's
                                pieces.append((op, text, author, date, None))
                            else:
                                self._text(para, ctx, text)
                            continue
                run(child, ctx, para)
            elif kind == _K_CHANGE:
                if ctx is not _EQUAL or (tag != INS and tag != DEL):
                    self._inline(child, self._change(ctx, child), para)
                    continue
                # a plain change in unchanged text (most tracked changes): its usual runs read here, in this
                # loop, with the change's op, author and date (what _change gives); any other child goes
                # through _run or _inline in the change's context, made only then
                c_op, c_author, c_date = _CHANGE_OP[tag], child.get(AUTHOR), child.get(DATE)
                inner = None
                for r in child:
                    if r.tag == R:
                        n = len(r)
                        if n and n <= 2 and not self.fields and not self.lit:
                            t = r[n - 1]
                            if ((tag := t.tag) == T or tag in (DEL_TEXT, M_T)) and (
                                n == 1
                                or r[0].tag == RPR
                                and (self.unmarked or next(r[0].iterchildren(*_RUN_MARKS), None) is None)
                            ):
                                text = t.text
                                if text and "\n" not in text and t is not self.skip:
                                    pieces.append((c_op, text, c_author, c_date, None))
                                    continue
                        if inner is None:
                            inner = _Ctx(c_op, c_author, c_date, None)
                        run(r, inner, para)
                    else:
                        if inner is None:
                            inner = _Ctx(c_op, c_author, c_date, None)
                        self._inline([r], inner, para)
            elif kind == _K_TRANSPARENT:
                self._inline(child, ctx, para)
            elif kind == _K_SDT:
                content = _first(child, SDT_CONTENT)
                if content is not None:
                    self._inline(content, ctx, para)
            elif kind == _K_MOVE:
                self.moves[child.get(ID) or ""] = child.get(NAME) or ""
                self.move = child.get(NAME) or ""
            elif kind == _K_BOOKMARK:
                name = child.get(NAME) or ""
                if name.startswith(NOTE_PLACE):
                    self._place_note(para, name[len(NOTE_PLACE) :])
                elif name and name != "_GoBack":
                    self._art(para, Artefact("bookmark", f"[bookmark: {name}]", -1, None, ctx.op or Op.EQUAL))
            elif kind == _K_MATH:
                self._math(child, ctx, para)
            else:
                chosen = branch(child)
                if chosen is not None:
                    self._inline(chosen, ctx, para)

    def _math(self, el: etree._Element, ctx: _Ctx, para: Para) -> None:
        """An equation's text: its math runs, tracked changes around them (or in their properties) applied."""
        for child in el:
            tag = child.tag
            if tag in _CHANGE_OP:
                self._math(child, self._change(ctx, child), para)
            elif tag == M_R:
                run_ctx = ctx
                rpr = _first(child, RPR)
                for mark in () if rpr is None else rpr:
                    if mark.tag in _CHANGE_OP:
                        run_ctx = self._change(run_ctx, mark)
                self._run(child, run_ctx, para)
            elif isinstance(tag, str) and not tag.endswith("Pr"):  # properties (m:ctrlPr, m:fPr…) hold no text
                self._math(child, ctx, para)

    def _change(self, ctx: _Ctx, el: etree._Element) -> _Ctx:
        op = _CHANGE_OP[el.tag]
        move = self.move if el.tag in (MOVE_FROM, MOVE_TO) else None
        if ctx.op is None:
            return ctx
        if ctx.op is _EQ or ctx.op is op:
            return _Ctx(op, el.get(AUTHOR), el.get(DATE), move)
        return _Ctx(None, el.get(AUTHOR), el.get(DATE))

    # -- runs -----------------------------------------------------------------
    def _run(self, r: etree._Element, ctx: _Ctx, para: Para) -> None:
        children = r[:]  # one C call for the proxies of every child, walked twice below
        lit = ""
        for child in () if self.unmarked else children:  # as find("w:rPr/w:highlight"): any w:rPr's first
            if child.tag == RPR:
                mark = _first(child, HIGHLIGHT)
                if mark is not None:
                    colour = mark.get(VAL)
                    lit = colour if colour not in (None, "none") else ""
                    break
        self.lit = lit
        for child in children:
            if child is self.skip:
                continue
            tag = child.tag
            if tag in _TEXT:
                if not self.fields or "instr" not in self.fields:
                    text = child.text or ""
                    if "\n" in text:  # a line feed written in w:t: Word shows a space (a break is w:br)
                        text = text.replace("\n", " ")
                        para.notes.append("line feeds inside the text read as spaces, as Word shows them")
                    if text:
                        self._text(para, ctx, text)
                    elif lit and len(children) == 2 and ctx.op is not None:  # an empty highlighted run (as
                        # to_docx writes a highlight a decision left no character): a highlight of nothing
                        para.pieces.append(Artefact("highlight", "", -1, None, ctx.op, length=0))
                        self.highlight = None
            elif tag == FLD_CHAR:
                kind = child.get(FLD_CHAR_TYPE)
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif self.fields and "instr" in self.fields:
                continue
            elif tag == RPR:
                change = None if self.unmarked else _first(child, RPR_CHANGE)
                if change is not None:
                    para.notes.append(_format_note("text formatting", change))
            elif tag in _SIMPLE_TEXT:
                self._text(para, ctx, _SIMPLE_TEXT[tag])
            elif tag == BR:
                self._text(para, ctx, "\f" if child.get(BR_TYPE) in ("page", "column") else "\v")
            elif tag == SYM:
                char, note = symbol_char(child.get(FONT), child.get(CHAR))
                if note:
                    para.notes.append(note)
                self._text(para, ctx, char)
            elif tag in _NOTE_REFS:
                self._note(para, ctx, child, _NOTE_REFS[tag])
            elif tag in MARK_REFS:
                self._text(para, ctx, self.mark_number or "")
            elif tag == COMMENT_REF:
                self._comment(para, ctx, child.get(ID) or "")
            elif tag in _SHAPES or is_alternate(child):
                self._shapes(child, ctx, para)

    def _text(self, para: Para, ctx: _Ctx, text: str) -> None:
        if not text:
            return
        if ctx is _EQUAL and not self.lit:  # unchanged, unhighlighted text: most of a document
            para.pieces.append((_EQ, text, None, None, None))
            return
        if ctx.op is None:
            para.notes.append(
                f"text inserted and deleted again by {ctx.author or 'unknown'} is in neither view: {text!r}"
            )
            return
        if ctx.move is not None:
            where = "moved away" if ctx.op is _DEL else "moved here"
            para.notes.append(f"{where} ({ctx.move or 'move'}) by {ctx.author or 'unknown'}: {text!r}")
        changed = ctx.op is not _EQ
        author, date = (ctx.author, ctx.date) if changed else (None, None)
        move = (ctx.move or "move") if changed and ctx.move is not None else None
        lit = self.lit
        if lit:  # highlighted (w:highlight): extend the highlight of its colour that ends here, or open one
            hl = self.highlight
            if hl is not None and hl[0] is para and hl[1] == len(para.pieces) and hl[3] == lit:
                art = para.pieces[hl[2]]
                assert isinstance(art, Artefact)
                para.pieces[hl[2]] = dataclasses.replace(art, length=art.length + len(text))
            else:
                para.pieces.append(Artefact("highlight", "", -1, None, ctx.op, length=len(text)))
                hl = (para, 0, len(para.pieces) - 1, lit)
            self.highlight = (para, len(para.pieces) + 1, hl[2], lit)
        para.pieces.append((ctx.op, text, author, date, move))  # joined once, by the loader

    def _art(self, para: Para, art: Artefact) -> None:
        """Place ``art``, which takes no characters, in ``para``: a highlight that ends here goes on after it (a
        comment's anchor or a note's reference inside highlighted text does not cut the highlight in two).
        """
        hl = self.highlight
        if hl is not None and hl[0] is para and hl[1] == len(para.pieces):
            self.highlight = (para, hl[1] + 1, hl[2], hl[3])
        para.pieces.append(art)

    # -- text boxes -------------------------------------------------------------
    def _shapes(self, el: etree._Element, ctx: _Ctx, para: Para) -> None:
        """Text boxes and WordArt of a shape, as paragraphs placed after ``para`` (see docx_shapes)."""
        if ctx.op is None:
            para.notes.append("a shape inserted and deleted again is in neither view")
            return
        boxes = self.boxes if self.boxes is not None else []
        for found in shape_texts(el):
            if isinstance(found, str):
                box = Para(box="WordArt")
                self._text(box, ctx, found)
                box.notes.append("text of a WordArt shape or watermark (v:textpath)")
                if ctx.op is not Op.EQUAL:
                    box.mark, box.mark_author, box.mark_date = ctx.op, ctx.author, ctx.date
                boxes.append(box)
                continue
            saved = self.fields
            self.fields = []
            for box in self.blocks(found, ctx):
                box.box = box.box or "text box"
                box.notes.append(f"{box.box} content, anchored in the paragraph before")
                boxes.append(box)
            self.fields = saved

    # -- notes and comments -------------------------------------------------------
    def _note(self, para: Para, ctx: _Ctx, ref: etree._Element, kind: str) -> None:
        host = self.host or para
        if ctx.op is None:
            host.notes.append(f"a {kind} reference inserted and deleted again is in neither view")
            return
        custom = ref.get(_CUSTOM_MARK) in ("1", "true", "on")
        if not custom:
            self.counters[kind] += 1
        number = str(self.counters[kind]) if not custom else "0"
        mark = ref.getnext() if custom else None
        if mark is not None and mark.tag in (T, DEL_TEXT) and (mark.text or "").strip().isdigit():
            number, self.skip = mark.text.strip(), mark  # a custom mark that is a number: the note's own
        label = "footnoteRef" if kind == "footnote" else "endnoteRef"
        run = ref.getparent()
        style = run.find(_RUN_STYLE) if run is not None else None
        if style is None or style.get(VAL) != LOOSE_NOTE_STYLE:  # (else a reference the source had not)
            self._art(para, Artefact("footnote-ref", f"[{label}:{number}]", -1, None, ctx.op))
        wid = ref.get(ID) or ""
        body = self.notes[kind].get(wid)
        if body is None:
            host.notes.append(f"{kind} reference {wid!r} has no {kind} text")
            return
        self._queue(para, _Job(kind, wid, body, number, ctx.op))

    def _comment(self, para: Para, ctx: _Ctx, cid: str) -> None:
        host = self.host or para
        el = self.notes["comment"].get(cid)
        if el is None:
            host.notes.append(f"comment reference {cid!r} has no comment text")
            return
        if ctx.op is None:
            host.notes.append(f"a comment reference inserted and deleted again is in neither view ({cid!r})")
            return
        if cid in self.shared and self.host is None:  # read already: the same text and note, not copies
            text, note = self.shared[cid]
            self._art(host, Artefact("comment", text, -1, None, ctx.op, el.get(AUTHOR) or None, el.get(DATE) or None))
            host.notes.append(note)
            return
        self._queue(para, _Job("comment", cid, el, cid, ctx.op))

    def _queue(self, para: Para, job: _Job) -> None:
        """Read ``job`` now (from the body) or after the note being read; or note a repeat."""
        host = self.host or para
        key = (job.kind, job.wid)
        if key in self.seen:
            first = self.seen[key]
            missing = _views(job.op) - self.shown.get(key, {"original", "amended"})
            if missing and self.host is None:  # first shown in the other view only: show it in this one, once
                view = missing.pop()
                self.shown[key].add(view)
                text = self.bodies[key][view]
                op = Op.DELETE if view == "original" else Op.INSERT
                self._art(para, Artefact("footnote-body", f"[{job.number}: {text}]", -1, None, op))
                host.notes.append(
                    f"{job.kind} {job.number} repeats {job.kind} {first} (w:id {job.wid}), whose first reference "
                    f"is not in the {view} view; its text is shown here for that view"
                )
                return
            if self.reading is not None and (self.reading.kind, self.reading.wid) == key:
                host.notes.append(f"{job.kind} {first} is referenced inside itself; its text is shown once")
            elif job.kind == "comment":
                host.notes.append(
                    f"comment {job.wid} is referenced again; its text is shown once, at its first reference"
                )
            else:
                host.notes.append(
                    f"{job.kind} {job.number} repeats {job.kind} {first} (w:id {job.wid}); "
                    "its text is shown once, at the first reference"
                )
            return
        self.seen[key] = job.number
        if self.host is not None:  # inside a note: read it after this one, with the op of both references
            composed = _compose(self.reading.op if self.reading else Op.EQUAL, job.op)
            if composed is None:
                host.notes.append(f"{job.kind} {job.number} is referenced from text in neither view; not shown")
                return
            self.pending.append(_Job(job.kind, job.wid, job.el, job.number, composed))
            return
        self.host, self.pending = para, deque([job])
        begin = len(para.pieces)
        saved = (self.mark_number, self.fields, self.boxes)
        # the note's own highlights are its own (_note_highlights); one of ``para`` ending here goes on after what
        # the note puts there (artefacts: its reference, text, comments)
        lit, highlight, size = self.lit, self.highlight, len(para.pieces)
        if highlight is not None and (highlight[0] is not para or highlight[1] != size):
            size = -1
        try:
            nested = False  # the jobs after the first are notes referenced from inside a note
            while self.pending:
                self._read(self.pending.popleft(), para, nested)
                nested = True
        finally:
            self.host, self.reading = None, None
            self.mark_number, self.fields, self.boxes = saved
            self.lit, self.highlight = lit, highlight
            if highlight is not None and size >= 0:
                self.highlight = (para, len(para.pieces), highlight[2], highlight[3])
        if job.kind != "comment":
            self.placed[("en" if job.kind == "endnote" else "fn") + job.number] = (para, begin, len(para.pieces))

    def _place_note(self, para: Para, key: str) -> None:
        """Move the text of note ``key`` (``fn1``), read at its reference in ``para``, to here (:data:`NOTE_PLACE`)."""
        at = self.placed.pop(key, None)
        if at is None or at[0] is not para:
            return
        begin, end = at[1], at[2]
        size, n = len(para.pieces), at[2] - at[1]
        para.pieces[begin:] = para.pieces[end:] + para.pieces[begin:end]
        hl = self.highlight
        if hl is not None and hl[0] is para:  # (a highlight ending here goes on after the note's artefacts)
            stop = hl[1] if hl[1] == size else hl[1] - n if hl[1] >= end else hl[1]
            self.highlight = (para, stop, hl[2] - n if hl[2] >= end else hl[2], hl[3])

    def _read(self, job: _Job, host: Para, nested: bool = False) -> None:
        """Read the text of ``job`` onto ``host``; a note referenced from inside another note (``nested``) gets
        its reference there too, before its text (its own reference stood in the note, which keeps no mark): the
        tree names a note ``fn<N>`` or ``en<N>`` by its last reference, so an endnote read from a footnote stays
        ``en<N>`` (not a second text of footnote N).
        """
        self.reading, self.mark_number, self.fields, self.boxes = job, job.number, [], None
        if nested and job.kind != "comment":
            label = "footnoteRef" if job.kind == "footnote" else "endnoteRef"
            self._art(host, Artefact("footnote-ref", f"[{label}:{job.number}]", -1, None, job.op))
        paras = self.blocks(job.el)
        for p in paras:
            host.notes.extend(f"in {job.kind} {job.number}: {n}" for n in p.notes)
        if job.kind == "comment":
            text = "\n".join(view_paragraphs(paras, "amended"))
            el = job.el
            note = f"comment by {el.get(AUTHOR) or 'unknown'} ({el.get(DATE) or 'no date'}): {text}"
            self.shared[job.wid] = (text, note)
            self._art(host, Artefact("comment", text, -1, None, job.op, el.get(AUTHOR) or None, el.get(DATE) or None))
            host.notes.append(note)
            return
        texts = {view: "\n".join(view_paragraphs(paras, view)) for view in ("original", "amended")}
        parts = (
            _changed_note(paras, job.number) if job.op is Op.EQUAL and texts["original"] != texts["amended"] else None
        )
        start = len(f"[{job.number}: ")  # where the note's text starts in its body artefact
        if parts is not None:  # changes inside the note: one note, its changed runs as parts
            head, *rest = parts
            self._art(host, Artefact("footnote-body", f"[{job.number}: {head.text}", -1))
            for r in rest:
                self._art(host, Artefact("footnote-part", r.text, -1, None, r.op, r.author, r.date))
            for lit in _note_highlights(paras, None, start):
                self._art(host, lit)
            sides = []
        elif job.op is Op.EQUAL and texts["original"] == texts["amended"]:
            sides = [(Op.EQUAL, texts["amended"])]
        else:
            sides = [
                (op, texts[view])
                for op, view in ((Op.DELETE, "original"), (Op.INSERT, "amended"))
                if job.op in (Op.EQUAL, op)
            ]
        for op, text in sides:
            who, when = _who(paras, op) if op is not Op.EQUAL else (None, None)
            self._art(host, Artefact("footnote-body", f"[{job.number}: {text}]", -1, None, op, who, when))
            view = None if op is Op.EQUAL else "original" if op is Op.DELETE else "amended"
            for lit in _note_highlights(paras, view, start):
                self._art(host, lit)
        self.bodies[(job.kind, job.wid)] = texts
        self.shown[(job.kind, job.wid)] = _views(job.op)


def _changed_note(paras: list[Para], number: str) -> list[Run] | None:
    r"""The runs of a note with tracked changes inside its text, as the CriticMarkup reader gives such a note
    (:func:`itu_nb.parsing.markup.note_parts`): first an equal run (the text before the first change, maybe
    empty), then the runs of the rest, each with its op, author and date, the last ending in the note's closing
    ``"]"``; paragraphs joined by ``"\n"``.

    None when the note is better given as its deleted and inserted texts (``fn1`` and ``fn1#2``): a paragraph
    mark is changed (paragraphs merged or split), or no text but its number is equal and one author (with
    one date) made every change (its text replaced whole, as CriticMarkup's ``{--[1: a]--}{++[1: b]++}``
    writes it).  Changes by several authors are kept in one note, each with its author and date: the two texts
    could carry one author each.
    """
    if any(p.mark is not Op.EQUAL for p in paras):
        return None
    same = "".join(p[1] for para in paras for p in para.pieces if isinstance(p, tuple) and p[0] is Op.EQUAL)
    authors = {(p[2], p[3]) for para in paras for p in para.pieces if isinstance(p, tuple) and p[0] is not Op.EQUAL}
    if not same.strip().removeprefix(number).strip() and len(authors) <= 1:
        return None  # replaced whole by one author (several: one note, each author's changes inside)
    groups: list[list] = [[Op.EQUAL, None, None, []]]  # [op, author, date, texts]: neighbours alike joined once
    for k, para in enumerate(paras):
        for piece in ([(Op.EQUAL, "\n", None, None)] if k else []) + [p for p in para.pieces if isinstance(p, tuple)]:
            op, text = piece[0], piece[1]
            who, when = (piece[2], piece[3]) if op is not Op.EQUAL else (None, None)
            last = groups[-1]
            if not text:
                continue
            if last[0] is op and (last[1], last[2]) == (who, when):
                last[3].append(text)
            else:
                groups.append([op, who, when, [text]])
    if groups[-1][0] is Op.EQUAL and len(groups) > 1:
        groups[-1][3].append("]")
    else:
        groups.append([Op.EQUAL, None, None, ["]"]])
    return [Run(op, "".join(texts), who, when) for op, who, when, texts in groups]


def _note_highlights(paras: list[Para], view: str | None, start: int) -> list[Artefact]:
    """The highlights (``w:highlight``) of a note's paragraphs as ``footnote-highlight`` artefacts, each offset
    in the note's text as its body artefact gives it (``start``: the length of its ``[N: ``), as the
    CriticMarkup reader gives them (:func:`itu_nb.parsing.markup.extract_artefacts`): the text of every
    paragraph joined by a line break, in ``view`` (a note given as its deleted or inserted text, paragraphs as
    that view reads them) or every run of both (None: the note read as one, changes inside it).
    """
    if not any(isinstance(p, Artefact) and p.kind == "highlight" for para in paras for p in para.pieces):
        return []
    hidden = {"original": Op.INSERT, "amended": Op.DELETE}.get(view or "")
    groups = view_groups(paras, view) if view else [[i] for i in range(len(paras))]
    out: list[Artefact] = []
    pos = 0
    open_: list[list] = []  # [offset, op, characters of the source still covered, characters seen in the view]
    for g, group in enumerate(groups):
        if g:
            pos += 1  # the "\n" between two paragraphs
        for piece in (p for i in group for p in paras[i].pieces):
            if isinstance(piece, Artefact):
                if piece.kind == "highlight" and not piece.length:  # one of no characters (an empty run): kept
                    out.append(Artefact("footnote-highlight", "", -1, start + pos, piece.op))
                elif piece.kind == "highlight":
                    open_.append([start + pos, piece.op, piece.length, 0])
                continue
            size = len(piece[1])
            seen = 0 if piece[0] is hidden else size
            for lit in open_:
                took = min(lit[2], size)
                lit[2] -= took
                lit[3] += took if seen else 0
            pos += seen
            for lit in [x for x in open_ if x[2] <= 0]:
                open_.remove(lit)
                if lit[3]:
                    out.append(Artefact("footnote-highlight", "", -1, lit[0], lit[1], length=lit[3]))
    out += [Artefact("footnote-highlight", "", -1, lit[0], lit[1], length=lit[3]) for lit in open_ if lit[3]]
    return out


def _who(paras: list[Para], op: Op) -> tuple[str | None, str | None]:
    """The author and date of a note's first tracked change of ``op`` (a run, else a paragraph mark), else of
    its first change of the other op (a note where text was only inserted has a deleted body too: the same
    change), so its deleted and inserted bodies keep who changed it; (None, None) when the note has none
    (its reference is what is tracked).
    """
    for ops in ((op,), (Op.DELETE, Op.INSERT)):
        for p in paras:
            for piece in p.pieces:
                if isinstance(piece, tuple) and piece[0] in ops and (piece[2] or piece[3]):
                    return piece[2], piece[3]
        for p in paras:
            if p.mark in ops and (p.mark_author or p.mark_date):
                return p.mark_author, p.mark_date
    return None, None


def _views(op: Op) -> set[str]:
    return {view for view in ("original", "amended") if op.in_view(view)}


def _flatten(el: etree._Element, tag: str):
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = _first(child, SDT_CONTENT)
            if content is not None:
                yield from _flatten(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _flatten(child, tag)


def _format_note(what: str, change: etree._Element) -> str:
    return f"{what} changed by {change.get(AUTHOR) or 'unknown'} ({change.get(DATE) or 'no date'}); not a text change"


def read_paragraphs(pkg: Package) -> list[Para]:
    """Every paragraph of the main document's body, after the shapes of its page headers (see the module docstring)."""
    root = pkg.document
    body = root.find(_w("body")) if root is not None else None
    if body is None:
        return []
    reader = Reader(pkg)
    return _page_shapes(pkg, reader) + reader.blocks(body)


def _page_shapes(pkg: Package, reader: Reader) -> list[Para]:
    """The text boxes and watermarks of the page headers and footers (their other text is page furniture)."""
    out: list[Para] = []
    for kind in ("header", "footer"):
        for name in pkg.related_all(kind):
            root = pkg.xml(name)
            if root is None:
                continue
            for para in reader.blocks(root):
                if para.box:
                    para.notes.append(f"in the page {kind} ({name.rpartition('/')[2]})")
                    out.append(para)
    return out
