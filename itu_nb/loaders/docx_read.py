"""WordprocessingML → paragraphs of runs, with the tracked changes kept.

Guarantees after :func:`read_paragraphs`:
- one :class:`Para` per Word paragraph of the body, table cells and content controls
  included, in reading order;
- every character a reader sees is in a run (a :data:`~itu_nb.loaders.docx_para.Piece`) whose op says
  where it is visible: ``w:del`` / ``w:moveFrom`` → DELETE, ``w:ins`` / ``w:moveTo``
  → INSERT, with the change's author and date; changes inside hyperlinks, fields,
  content controls, smart tags and custom XML are found at any depth; ``w:id`` values
  are never relied on for changes, so duplicated or missing ids do not matter;
- text inserted and then deleted (``w:del`` inside ``w:ins``) is in neither view and is kept as a
  ``struck-insert`` artefact at its place (author and date the deletion's, ``inserted`` the insertion's), so
  rejecting the deletion brings it back; a note or comment reference, or a shape, inserted and deleted again is
  dropped with a note; field instructions are dropped, field results kept;
- the paragraph mark's own change is :attr:`Para.mark`: a mark absent from a view
  joins the paragraph to the next one in that view (see :func:`~itu_nb.loaders.docx_para.view_groups`);
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
  author and date of the note's first change (of its op, else of the other), unless a hidden bookmark ``to_docx``
  wrote in the note names its reading (:mod:`~itu_nb.loaders.docx_note_forms`); comments are ``comment``
  artefacts at their reference, with their author and date; a comment inside a note (its reference in the
  note's text, as Word writes it, or anchored at the note's reference with a hidden bookmark in the note
  naming it, as ``to_docx`` writes it for LibreOffice, :data:`~itu_nb.loaders.docx_tags.NOTE_COMMENT`) is a
  ``footnote-comment`` after the note's body, its ``offset`` in the note's text, as the CriticMarkup reader
  gives one;
- highlighted text (``w:highlight``, any colour but ``none``) is covered by a ``highlight``
  artefact placed before it, whose ``length`` counts the characters highlighted: highlighted runs of one
  colour are one highlight, through tracked changes and through what takes no characters between them (a
  comment's range marks and reference, a note's reference, a bookmark); a change of colour starts another
  (``to_docx`` writes two highlights side by side in two colours); a highlighted run holding only an empty
  ``w:t`` is a highlight of no characters (as ``to_docx`` writes one a decision left empty); its op is that of
  the change holding its first run (made inside the change), EQUAL when that run's ``w:rPrChange`` lacks the
  highlight (made around the change, put on its text afterwards: :func:`_made_around`, no note added when the
  highlight is all it changed); a file without ``w:rPrChange`` reads as before;
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

from lxml import etree

from itu_nb.loaders.docx_blocks import Fields
from itu_nb.loaders.docx_notes import NoteReader
from itu_nb.loaders.docx_package import Package
from itu_nb.loaders.docx_para import Para
from itu_nb.loaders.docx_shapes import branch, is_alternate, shape_texts
from itu_nb.loaders.docx_symbols import symbol_char
from itu_nb.loaders.docx_tags import (
    _CHANGE_OP,
    _DEL,
    _EQ,
    _EQUAL,
    _INLINE,
    _K_BOOKMARK,
    _K_CHANGE,
    _K_MATH,
    _K_MOVE,
    _K_RUN,
    _K_SDT,
    _K_TRANSPARENT,
    _NOTE_REFS,
    _RUN_MARKS,
    _SHAPES,
    _SIMPLE_TEXT,
    _TEXT,
    AUTHOR,
    BR,
    BR_TYPE,
    CHAR,
    COMMENT_REF,
    DATE,
    DEL,
    DEL_TEXT,
    FLD_CHAR,
    FLD_CHAR_TYPE,
    FONT,
    HIGHLIGHT,
    ID,
    INS,
    M_R,
    M_T,
    MARK_REFS,
    NAME,
    NOTE_PLACE,
    RPR,
    RPR_CHANGE,
    SDT_CONTENT,
    SYM,
    VAL,
    R,
    T,
    _Ctx,
    _first,
    _format_note,
    _w,
)

# LOOSE_NOTE_REFERENCE, LOOSE_NOTE_STYLE and read_props: imported from here by other modules
from itu_nb.loaders.docx_tags import (
    LOOSE_NOTE_REFERENCE as LOOSE_NOTE_REFERENCE,
)
from itu_nb.loaders.docx_tags import (
    LOOSE_NOTE_STYLE as LOOSE_NOTE_STYLE,
)
from itu_nb.loaders.docx_tags import (
    NOTE_COMMENT as NOTE_COMMENT,
)
from itu_nb.loaders.docx_tags import (
    read_props as read_props,
)
from itu_nb.loaders.docx_unnamed import unname
from itu_nb.model import Artefact, Op


class Reader(NoteReader):
    """Reads the main document of a package, with its notes and comments."""

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
                self.open_move(child)
            elif kind == _K_BOOKMARK:
                name = child.get(NAME) or ""
                if name.startswith(NOTE_PLACE):
                    self._place_note(para, name[len(NOTE_PLACE) :])
                elif name.startswith(NOTE_COMMENT):  # where a comment on the note stands in its text (to_docx)
                    self._comment_place(para, ctx, name[len(NOTE_COMMENT) :])
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

    # -- runs -----------------------------------------------------------------
    def _run(self, r: etree._Element, ctx: _Ctx, para: Para) -> None:
        children = r[:]  # one C call for the proxies of every child, walked twice below
        lit = ""
        around = only = False  # (see _made_around)
        for child in () if self.unmarked else children:  # as find("w:rPr/w:highlight"): any w:rPr's first
            if child.tag == RPR:
                mark = _first(child, HIGHLIGHT)
                if mark is not None:
                    colour = mark.get(VAL)
                    lit = colour if colour not in (None, "none") else ""
                    if lit and ctx.op is not None and ctx.op is not _EQ:
                        around, only = _made_around(child)
                    break
        self.lit, self.around = lit, around
        for child in children:
            if child is self.skip:
                continue
            tag = child.tag
            if tag in _TEXT:
                if not self.fields.instr:
                    text = child.text or ""
                    if "\n" in text:  # a line feed written in w:t: Word shows a space (a break is w:br)
                        text = text.replace("\n", " ")
                        para.notes.append("line feeds inside the text read as spaces, as Word shows them")
                    if text:
                        self._text(para, ctx, text)
                    elif lit and len(children) == 2 and ctx.op is not None:  # an empty highlighted run (as
                        # to_docx writes a highlight a decision left no character): a highlight of nothing
                        para.pieces.append(Artefact("highlight", "", -1, None, _EQ if around else ctx.op, length=0))
                        self.highlight = None
            elif tag == FLD_CHAR:
                kind = child.get(FLD_CHAR_TYPE)
                if kind == "begin":
                    self.fields.begin()
                elif kind == "separate":
                    self.fields.separate()
                elif kind == "end":
                    self.fields.end()
            elif self.fields.instr:
                continue
            elif tag == RPR:
                change = None if self.unmarked or only else _first(child, RPR_CHANGE)
                if change is not None:  # (not when it changed only the highlight made around a change)
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
            if ctx.inserted is not None:  # w:del inside w:ins: kept, in neither view (_struck)
                self._struck(para, ctx, text)
                return
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
                op = _EQ if self.around else ctx.op  # (made around the change: docx_read._made_around)
                para.pieces.append(Artefact("highlight", "", -1, None, op, length=len(text)))
                hl = (para, 0, len(para.pieces) - 1, lit)
            self.highlight = (para, len(para.pieces) + 1, hl[2], lit)
        para.pieces.append((ctx.op, text, author, date, move))  # joined once, by the loader

    @staticmethod
    def _struck(para: Para, ctx: _Ctx, text: str) -> None:
        """Text one author inserted and another deleted (``w:del`` inside ``w:ins``): a ``struck-insert`` artefact,
        in neither view, struck by the deletion's author and date, inserted by the insertion's; the text of
        neighbouring runs of one such change is one artefact.
        """
        last = para.pieces[-1] if para.pieces else None
        if (
            isinstance(last, Artefact)
            and last.kind == "struck-insert"
            and (last.author, last.date, last.inserted) == (ctx.author, ctx.date, ctx.inserted)
        ):
            para.pieces[-1] = dataclasses.replace(last, text=last.text + text)
            return
        para.pieces.append(
            Artefact("struck-insert", text, -1, None, Op.DELETE, ctx.author, ctx.date, 0, None, ctx.inserted)
        )

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
            self.fields = Fields()
            for box in self.blocks(found, ctx):
                box.box = box.box or "text box"
                box.notes.append(f"{box.box} content, anchored in the paragraph before")
                boxes.append(box)
            self.fields = saved


def _made_around(rpr: etree._Element) -> tuple[bool, bool]:
    """Whether the highlight of a highlighted run inside a tracked change (its run properties ``rpr``) was made
    around the change, and whether its tracked formatting change is that highlight alone.

    A ``w:rPrChange`` in ``rpr`` holds the run's properties before a formatting change tracked after the text was
    inserted or deleted: when they lack the highlight (``w:highlight`` absent or ``none``), the highlight was put on
    the change's text afterwards, around the change (op EQUAL, what ``to_docx`` writes for a highlight made around a
    change); with no ``w:rPrChange``, or one holding a highlight, it was made inside the change (the change's op).
    "Alone": the properties before are those after but the highlight (by tag), so no note of a formatting change
    is added for it.
    """
    change = _first(rpr, RPR_CHANGE)
    if change is None:
        return False, False
    before = _first(change, RPR)
    mark = None if before is None else _first(before, HIGHLIGHT)
    if mark is not None and mark.get(VAL) not in (None, "none"):
        return False, False
    after = sorted(c.tag for c in rpr if c.tag not in (HIGHLIGHT, RPR_CHANGE) and isinstance(c.tag, str))
    was = sorted(c.tag for c in before if c.tag != HIGHLIGHT and isinstance(c.tag, str)) if before is not None else []
    return True, after == was


def read_paragraphs(pkg: Package) -> list[Para]:
    """Every paragraph of the main document's body, after the shapes of its page headers (see the module docstring)."""
    root = pkg.document
    body = root.find(_w("body")) if root is not None else None
    if body is None:
        return []
    unname(pkg)  # (changes itu_nb wrote with no author under a placeholder: no one's again)
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
