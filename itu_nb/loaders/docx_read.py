"""WordprocessingML → paragraphs of runs, with the tracked changes kept.

Guarantees after :func:`read_paragraphs`:
- one :class:`Para` per Word paragraph of the body, table cells and content controls
  included, in reading order;
- every character a reader sees is in a :class:`~itu_nb.model.Run` whose op says
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
  ``w:noBreakHyphen`` → U+2011, ``w:softHyphen`` → U+00AD, ``w:sym`` → its character,
  non-breaking spaces as written;
- footnotes and endnotes are artefacts at their reference: ``footnote-ref``
  (``[footnoteRef:N]``; N is Word's number, or a custom mark that is a number) and ``footnote-body`` (``[N: text]``, the form the tree turns
  into a FOOTNOTE node); a note whose text has tracked changes gives a deleted body
  (original text) and an inserted body (amended text); comments are ``comment``
  artefacts at their reference, with their author and date (also in a note);
- highlighted text (``w:highlight``, any colour but ``none``) is covered by a ``highlight``
  artefact placed before it, whose ``length`` counts the characters highlighted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from lxml import etree

from itu_nb.loaders.docx_package import Package, W
from itu_nb.loaders.docx_para import Para, Props, view_paragraphs
from itu_nb.model import Artefact, Op, Run

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, DEL_TEXT, TBL, TR, TC = (_w(n) for n in ("p", "r", "t", "delText", "tbl", "tr", "tc"))
INS, DEL, MOVE_FROM, MOVE_TO = (_w(n) for n in ("ins", "del", "moveFrom", "moveTo"))
PPR, RPR, SDT, SDT_CONTENT, CUSTOM_XML = (_w(n) for n in ("pPr", "rPr", "sdt", "sdtContent", "customXml"))
VAL, ID, AUTHOR, DATE, NAME = (_w(n) for n in ("val", "id", "author", "date", "name"))
HIGHLIGHT = _w("highlight")
_TRANSPARENT = {_w(n) for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_CHANGE_OP = {INS: Op.INSERT, MOVE_TO: Op.INSERT, DEL: Op.DELETE, MOVE_FROM: Op.DELETE}
_SIMPLE_TEXT = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("cr"): "\v",
    _w("noBreakHyphen"): "\u2011",
    _w("softHyphen"): "\u00ad",
}
#: Characters of the Symbol font's private-use range that turn up in proposals.
_SYMBOL = {0xB7: "•", 0xA7: "§", 0x2D: "−", 0xB0: "°", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xAE: "→", 0xAC: "←"}


@dataclass(frozen=True)
class _Ctx:
    """The change a piece of text sits in (op None: inserted then deleted, in no view)."""

    op: Op | None = Op.EQUAL
    author: str | None = None
    date: str | None = None
    move: str | None = None


_EQUAL = _Ctx()


def _attr(el: etree._Element | None, name: str = VAL) -> str | None:
    return None if el is None else el.get(name)


def read_props(ppr: etree._Element | None) -> Props:
    """The paragraph properties in ``w:pPr`` (style, numbering id and level); empty when None."""
    if ppr is None:
        return Props()
    props = Props(style=_attr(ppr.find(_w("pStyle"))))
    num = ppr.find(_w("numPr"))
    if num is not None:
        props.num_id = _attr(num.find(_w("numId")))
        ilvl = _attr(num.find(_w("ilvl")))
        props.ilvl = int(ilvl) if ilvl and ilvl.lstrip("-").isdigit() else None
    return props


class Reader:
    """Reads the main document of a package, with its notes and comments."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.notes = {
            "footnote": self._by_id(pkg.xml(pkg.related("footnotes", "word/footnotes.xml")), "footnote"),
            "endnote": self._by_id(pkg.xml(pkg.related("endnotes", "word/endnotes.xml")), "endnote"),
        }
        self.comments = self._by_id(pkg.xml(pkg.related("comments", "word/comments.xml")), "comment")
        self.counters = {"footnote": 0, "endnote": 0}
        self.fields: list[str] = []  # open complex fields: "instr" until w:fldChar separate, then "result"
        self.moves: dict[str, str] = {}
        self.move: str | None = None  # the name of the move being read (w:moveFromRangeStart…)
        self.mark_number: str | None = None  # the number of the note being read (its w:footnoteRef)
        self.lit = False  # the run being read is highlighted
        self.skip: etree._Element | None = None  # a custom footnote mark read as the note's number

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
        self._blocks(el, ctx, out)
        return out

    def _blocks(self, el: etree._Element, ctx: _Ctx, out: list[Para]) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                out.append(self._para(child, ctx))
            elif tag == TBL:
                self._table(child, ctx, out)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._blocks(content, ctx, out)
            elif tag == CUSTOM_XML:
                self._blocks(child, ctx, out)
            elif tag in _CHANGE_OP:
                self._blocks(child, self._change(ctx, child), out)

    def _table(self, tbl: etree._Element, ctx: _Ctx, out: list[Para]) -> None:
        for row in _flatten(tbl, TR):
            row_ctx = ctx
            trpr = row.find(_w("trPr"))
            if trpr is not None:
                for tag in (INS, DEL):
                    mark = trpr.find(tag)
                    if mark is not None:
                        row_ctx = self._change(row_ctx, mark)
            for cell in _flatten(row, TC):
                self._blocks(cell, row_ctx, out)

    # -- paragraphs -------------------------------------------------------------
    def _para(self, p: etree._Element, ctx: _Ctx) -> Para:
        para = Para()
        ppr = p.find(PPR)
        para.props = read_props(ppr)
        if ppr is not None:
            self._mark(ppr, para)
            change = ppr.find(_w("pPrChange"))
            if change is not None:
                para.old_props = read_props(change.find(PPR))
                para.notes.append(_format_note("paragraph formatting", change))
        if para.mark is Op.EQUAL and ctx.op is not Op.EQUAL and ctx.op is not None:
            para.mark, para.mark_author, para.mark_date = ctx.op, ctx.author, ctx.date
        self._inline(p, ctx, para)
        return para

    def _mark(self, ppr: etree._Element, para: Para) -> None:
        rpr = ppr.find(RPR)
        if rpr is None:
            return
        for child in rpr:
            if child.tag in _CHANGE_OP:
                para.mark, para.mark_author, para.mark_date = _CHANGE_OP[child.tag], child.get(AUTHOR), child.get(DATE)
                if child.tag in (MOVE_FROM, MOVE_TO):
                    para.notes.append(f"paragraph mark {'moved away' if child.tag == MOVE_FROM else 'moved here'}")
            elif child.tag == _w("rPrChange"):
                para.notes.append(_format_note("paragraph mark formatting", child))

    def _inline(self, el: etree._Element, ctx: _Ctx, para: Para) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, ctx, para)
            elif tag in _CHANGE_OP:
                self._inline(child, self._change(ctx, child), para)
            elif tag in _TRANSPARENT:
                self._inline(child, ctx, para)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, ctx, para)
            elif tag in (_w("moveFromRangeStart"), _w("moveToRangeStart")):
                self.moves[child.get(ID) or ""] = child.get(NAME) or ""
                self.move = child.get(NAME) or ""
            elif tag == _w("bookmarkStart"):
                name = child.get(NAME) or ""
                if name and name != "_GoBack":
                    self._art(para, Artefact("bookmark", f"[bookmark: {name}]", -1, None, ctx.op or Op.EQUAL))
            elif tag in (f"{{{_M}}}oMath", f"{{{_M}}}oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{_M}}}t"))
                self._text(para, ctx, text)

    def _change(self, ctx: _Ctx, el: etree._Element) -> _Ctx:
        op = _CHANGE_OP[el.tag]
        move = self.move if el.tag in (MOVE_FROM, MOVE_TO) else None
        if ctx.op is None:
            return ctx
        if ctx.op is Op.EQUAL or ctx.op is op:
            return _Ctx(op, el.get(AUTHOR), el.get(DATE), move)
        return _Ctx(None, el.get(AUTHOR), el.get(DATE))

    # -- runs -----------------------------------------------------------------
    def _run(self, r: etree._Element, ctx: _Ctx, para: Para) -> None:
        mark = r.find(f"{RPR}/{HIGHLIGHT}")
        self.lit = mark is not None and mark.get(VAL) not in (None, "none")
        for child in r:
            if child is self.skip:
                continue
            tag = child.tag
            if tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if "instr" in self.fields:
                continue
            if tag in (T, DEL_TEXT):
                self._text(para, ctx, child.text or "")
            elif tag in _SIMPLE_TEXT:
                self._text(para, ctx, _SIMPLE_TEXT[tag])
            elif tag == _w("br"):
                self._text(para, ctx, "\f" if child.get(_w("type")) in ("page", "column") else "\v")
            elif tag == _w("sym"):
                self._text(para, ctx, _symbol(child))
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                self._note(para, ctx, child, "footnote" if tag == _w("footnoteReference") else "endnote")
            elif tag in (_w("footnoteRef"), _w("endnoteRef")):
                self._text(para, ctx, self.mark_number or "")
            elif tag == _w("commentReference"):
                self._comment(para, ctx, child.get(ID) or "")
            elif tag == RPR:
                change = child.find(_w("rPrChange"))
                if change is not None:
                    para.notes.append(_format_note("text formatting", change))

    def _text(self, para: Para, ctx: _Ctx, text: str) -> None:
        if not text:
            return
        if ctx.op is None:
            para.notes.append(
                f"text inserted and deleted again by {ctx.author or 'unknown'} is in neither view: {text!r}"
            )
            return
        if ctx.move is not None:
            where = "moved away" if ctx.op is Op.DELETE else "moved here"
            para.notes.append(f"{where} ({ctx.move or 'move'}) by {ctx.author or 'unknown'}: {text!r}")
        changed = ctx.op is not Op.EQUAL
        run = Run(
            ctx.op,
            text,
            ctx.author if changed else None,
            ctx.date if changed else None,
            move=(ctx.move or "move") if changed and ctx.move is not None else None,
        )
        last = para.pieces[-1] if para.pieces else None
        if self.lit:  # highlighted (w:highlight): extend the highlight that ends here, or open one
            before = para.pieces[-2] if len(para.pieces) > 1 else None
            if (
                isinstance(last, Run)
                and isinstance(before, Artefact)
                and before.kind == "highlight"
                and before.length == len(last.text)
            ):
                para.pieces[-2] = dataclasses.replace(before, length=before.length + len(text))
            else:
                para.pieces.append(Artefact("highlight", "", -1, None, ctx.op, length=len(text)))
                last = None
        if isinstance(last, Run) and (last.op, last.author, last.date, last.move) == (
            run.op,
            run.author,
            run.date,
            run.move,
        ):
            para.pieces[-1] = last.with_text(last.text + text)
        else:
            para.pieces.append(run)

    @staticmethod
    def _art(para: Para, art: Artefact) -> None:
        para.pieces.append(art)

    # -- notes and comments -------------------------------------------------------
    def _note(self, para: Para, ctx: _Ctx, ref: etree._Element, kind: str) -> None:
        if ctx.op is None:
            return
        custom = ref.get(_w("customMarkFollows")) in ("1", "true", "on")
        if not custom:
            self.counters[kind] += 1
        number = str(self.counters[kind]) if not custom else "0"
        mark = ref.getnext() if custom else None
        if mark is not None and mark.tag in (T, DEL_TEXT) and (mark.text or "").strip().isdigit():
            number, self.skip = mark.text.strip(), mark  # a custom mark that is a number: the note's own
        label = "footnoteRef" if kind == "footnote" else "endnoteRef"
        self._art(para, Artefact("footnote-ref", f"[{label}:{number}]", -1, None, ctx.op))
        body = self.notes[kind].get(ref.get(ID) or "")
        if body is None:
            para.notes.append(f"{kind} reference {ref.get(ID)!r} has no {kind} text")
            return
        saved, self.mark_number = self.mark_number, number
        saved_fields, self.fields = self.fields, []
        paras = self.blocks(body)
        self.mark_number, self.fields = saved, saved_fields
        texts = {view: "\n".join(view_paragraphs(paras, view)) for view in ("original", "amended")}
        if ctx.op is Op.EQUAL and texts["original"] == texts["amended"]:
            sides = [(Op.EQUAL, texts["amended"])]
        else:
            sides = [
                (op, texts[view])
                for op, view in ((Op.DELETE, "original"), (Op.INSERT, "amended"))
                if ctx.op in (Op.EQUAL, op)
            ]
        for op, text in sides:
            self._art(para, Artefact("footnote-body", f"[{number}: {text}]", -1, None, op))

    def _comment(self, para: Para, ctx: _Ctx, cid: str) -> None:
        el = self.comments.get(cid)
        if el is None or ctx.op is None:
            return
        saved_fields, self.fields = self.fields, []
        text = "\n".join(view_paragraphs(self.blocks(el), "amended"))
        self.fields = saved_fields
        self._art(para, Artefact("comment", text, -1, None, ctx.op, el.get(AUTHOR) or None, el.get(DATE) or None))
        para.notes.append(f"comment by {el.get(AUTHOR) or 'unknown'} ({el.get(DATE) or 'no date'}): {text}")


def _flatten(el: etree._Element, tag: str):
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _flatten(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _flatten(child, tag)


def _symbol(el: etree._Element) -> str:
    try:
        code = int(el.get(_w("char")) or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
        if code in _SYMBOL:
            return _SYMBOL[code]
    return chr(code) if 0 < code < 0x110000 else ""


def _format_note(what: str, change: etree._Element) -> str:
    return f"{what} changed by {change.get(AUTHOR) or 'unknown'} ({change.get(DATE) or 'no date'}); not a text change"


def read_paragraphs(pkg: Package) -> list[Para]:
    """Every paragraph of the main document's body (see the module docstring)."""
    root = pkg.document
    body = root.find(_w("body")) if root is not None else None
    if body is None:
        return []
    return Reader(pkg).blocks(body)
