"""The WordprocessingML names the .docx reader looks for, and the small helpers over them.

Tag and attribute names (Clark notation), the names of what :func:`itu_nb.to_docx` writes for the reader to
find again (:data:`LOOSE_NOTE_STYLE`, :data:`NOTE_PLACE`), the change context a piece of text sits in
(:class:`_Ctx`), a note or comment waiting to be read (:class:`_Job`), and paragraph properties
(:func:`read_props`).  Used by :mod:`~itu_nb.loaders.docx_read` and the modules it is made of
(:mod:`~itu_nb.loaders.docx_blocks`, :mod:`~itu_nb.loaders.docx_notes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from itu_nb.loaders.docx_package import W
from itu_nb.loaders.docx_para import Props
from itu_nb.loaders.docx_shapes import ALTERNATE
from itu_nb.model import Op
from itu_nb.model.note_source import MARKER

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
#: The ops as module constants: an enum member read from its class costs a descriptor call each time
#: (about 180 ns on Python 3.11), and the reader asks for one for every piece of text.
_EQ, _DEL = Op.EQUAL, Op.DELETE


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, DEL_TEXT, TBL, TR, TC = (_w(n) for n in ("p", "r", "t", "delText", "tbl", "tr", "tc"))
_CUSTOM_MARK = _w("customMarkFollows")
#: A custom note mark read as the note's own (its number, or ``*``, ``a``, ``†``…): the note is ``fn*`` as a note of
#: that ``marker`` read from Akoma Ntoso (:func:`itu_nb.model.note_source.ref_name`); one with white space, a bracket
#: or ``#`` in it stays text, its note numbered 0.
CUSTOM_MARK = re.compile(MARKER)
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
#: How the name of a hidden bookmark that ``to_docx`` writes inside a note, where a comment on the note stands in
#: its text, starts (then the comment's ``w:id``): LibreOffice 7.4 cannot open a .docx with a comment inside a
#: footnote, so the comment is anchored in the body around the note's reference, and the reader puts it back in
#: the note at this place (as it reads a comment made inside a Word footnote), and reads no bookmark.
NOTE_COMMENT = "_itu_nb_cmt_"
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
MOVE_FROM_RANGE = _w("moveFromRangeStart")
MOVE_RANGES = {MOVE_FROM_RANGE, _w("moveToRangeStart")}
MOVE_ENDS = {_w("moveFromRangeEnd"), _w("moveToRangeEnd")}  # (a range's end: its move read no further)
#: What a move range is matched in (its start with its end): the body, a note, a comment, a header or footer.
RANGE_PARTS = tuple(_w(n) for n in ("body", "footnote", "endnote", "comment", "hdr", "ftr"))
#: The run properties that make a run more than its text: a highlight, a tracked formatting change.
_RUN_MARKS = (HIGHLIGHT, RPR_CHANGE)
# what _inline does with each child, by tag (children not listed hold no text of their own)
_K_RUN, _K_CHANGE, _K_TRANSPARENT, _K_SDT, _K_MOVE, _K_BOOKMARK, _K_MATH, _K_ALTERNATE = range(8)
_INLINE = {
    R: _K_RUN,
    **dict.fromkeys(_CHANGE_OP, _K_CHANGE),
    **dict.fromkeys(_TRANSPARENT, _K_TRANSPARENT),
    SDT: _K_SDT,
    **dict.fromkeys(MOVE_RANGES | MOVE_ENDS, _K_MOVE),
    BOOKMARK: _K_BOOKMARK,
    M_MATH: _K_MATH,
    M_PARA: _K_MATH,
    ALTERNATE: _K_ALTERNATE,
}


class _Ctx(NamedTuple):
    """The change a piece of text sits in (op None: inserted then deleted, in no view).

    A NamedTuple: one is made per ``w:ins`` / ``w:del``, a frozen dataclass costs four times as much.
    ``inserted``: for text deleted inside an insertion (``w:del`` in ``w:ins``, op None, ``author`` and ``date``
    the deletion's), who inserted it and when, so it is read as a ``struck-insert``.
    """

    op: Op | None = Op.EQUAL
    author: str | None = None
    date: str | None = None
    move: str | None = None
    inserted: tuple[str | None, str | None] | None = None


_EQUAL = _Ctx()


@dataclass(frozen=True)
class _Job:
    """A note or comment waiting to be read: its kind, ``w:id``, element, number and op, and the move its reference
    is part of (a note moved whole with the text holding its reference: its text is the move's too).
    """

    kind: str
    wid: str
    el: etree._Element
    number: str
    op: Op
    move: str | None = None


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
