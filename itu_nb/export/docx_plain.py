"""The Word writer's plain paragraphs written as XML text, without lxml elements.

Most lines of a long document are text, labels, markers, highlights and tracked changes, with no note, comment or
bookmark: :func:`plain_paragraph` writes such a line's ``w:p`` as a string, from a few templates, to the bytes
lxml gives for the elements :meth:`~itu_nb.export.docx._Writer.paragraph` builds (the same runs, run properties,
``w:ins``/``w:del`` with their ``w:id`` taken in the same order, text escaped as libxml2 escapes it: ``&``, ``<``,
``>`` and a carriage return in text; also ``"``, TAB and line breaks in attributes).  Building the elements cost
about eight lxml elements per paragraph, each made, namespaced and serialised again
(:mod:`~itu_nb.export.docx_chunks`); the string is put among the chunks already written out.  Any other line (a
note, a comment, a bookmark, an orphan body, an unknown kind of piece) returns None: the tree writes it.
:func:`plain_node` writes a node without artefacts (:func:`~itu_nb.export.lines.plain_rows` gives it as itself) from
its runs, to the bytes :func:`plain_paragraph` gives for its line, without making the line or its pieces.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from itu_nb.export import docx_template
from itu_nb.export.docx_runs import _BOOKMARK, _BREAKS, _ROLE_STYLE, HIGHLIGHT, NEXT_HIGHLIGHT, _iso, clean_attr
from itu_nb.export.docx_runs import clean_text as _clean_text
from itu_nb.model import Clause, Op

if TYPE_CHECKING:
    from itu_nb.export.docx_footnotes import NoteWriter
    from itu_nb.export.lines import Line

__all__ = ["plain_node", "plain_paragraph"]

#: How libxml2 escapes text and attribute values (UTF-8 output: every other character as it is).
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)
_ESCAPE = re.compile("[&<>\r]")
#: The kinds of piece a plain paragraph holds, and a bookmark when it is no real one (written as text).
_PLAIN = frozenset(
    ("label", "text", "marker", "header", "separator", "trailer", "markup", "paragraph-mark", "comment")
    + ("highlight-start", "highlight-end")
)
_BREAK_XML = {"\t": "<w:tab/>", "\v": "<w:br/>", "\n": "<w:br/>", "\f": '<w:br w:type="page"/>'}
#: A run's properties by (bold, highlight colour), as RunWriter._run and _put_run write them.
_RPR = {
    (bold, lit): (
        "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:highlight w:val="{lit}"/>' if lit else "") + "</w:rPr>"
    )
    if bold or lit
    else ""
    for bold in (False, True)
    for lit in ("", HIGHLIGHT, NEXT_HIGHLIGHT)
}


def _text(text: str, tag: str) -> str:
    """A run's content as :func:`~itu_nb.export.docx_runs._text_parts` makes it: text in ``tag`` elements
    (``w:t``, ``w:delText``), TAB and breaks as elements.
    """
    if _BREAKS.search(text) is None:
        return f'<{tag} xml:space="preserve">{_escaped(text)}</{tag}>' if text else ""
    if text[-1] == "\t" and _BREAKS.search(text, 0, len(text) - 1) is None:  # a label and its TAB
        return f'<{tag} xml:space="preserve">{_escaped(text[:-1])}</{tag}><w:tab/>' if len(text) > 1 else "<w:tab/>"
    out = []
    for part in _BREAKS.split(text):
        br = _BREAK_XML.get(part)
        if br is not None:
            out.append(br)
        elif part:
            out.append(f'<{tag} xml:space="preserve">{_escaped(part)}</{tag}>')
    return "".join(out)


def _escaped(text: str) -> str:
    """``text`` cleaned (:func:`~itu_nb.export.docx_runs.clean_text`) and escaped as libxml2 escapes text."""
    text = _clean_text(text)
    return text if _ESCAPE.search(text) is None else text.translate(_TEXT)


@functools.lru_cache(maxsize=1024)
def _attr(value: str) -> str:
    """An attribute value cleaned (:func:`~itu_nb.export.docx_runs.clean_attr`) and escaped as libxml2 does
    (a document has few authors, dates and styles: each made once).
    """
    return clean_attr(value).translate(_ATTR)


def _run(text: str, op: Op, bold: bool, lit: str) -> str:
    inner = _RPR[bold, lit] + _text(text, "w:delText" if op is _DELETE else "w:t")
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


#: The ops as globals: an enum member read from its class costs about ten times a global's read (Python 3.11).
_EQUAL, _INSERT, _DELETE = Op.EQUAL, Op.INSERT, Op.DELETE
_COLOURS = ("", HIGHLIGHT, NEXT_HIGHLIGHT)
#: A usual run (text, or a label and its TAB; not bold) by op (deleted or not) and highlight colour: its start
#: before the escaped text, and its end after it, without and with the label's TAB (:func:`_run` makes the same).
_STARTS = {
    (deleted, lit): f'<w:r>{_RPR[False, lit]}<{tag} xml:space="preserve">'
    for deleted, tag in ((False, "w:t"), (True, "w:delText"))
    for lit in _COLOURS
}
_ENDS = {False: ("</w:t></w:r>", "</w:t><w:tab/></w:r>"), True: ("</w:delText></w:r>", "</w:delText><w:tab/></w:r>")}


def _change(writer: NoteWriter, op: Op, author: str | None, date: str | None, inner: str) -> str:
    """``inner`` inside a ``w:ins`` / ``w:del`` as :meth:`~itu_nb.export.docx_runs.RunWriter._change` makes it
    (its ``w:id`` the writer's next), or the empty element when ``inner`` is empty.
    """
    key = (op, author, date)
    head = writer.change_heads.get(key)
    if head is None:  # (a document has few authors and dates: each element's attributes made once)
        tag = "w:ins" if op is _INSERT else "w:del"
        rest = f'" w:author="{_attr(author or writer.author)}"'
        when = _iso(date or writer.date)
        if when:
            rest += f' w:date="{_attr(when)}"'
        head = writer.change_heads[key] = (f'<{tag} w:id="', rest, f"</{tag}>")
    writer.next_id += 1
    start, rest, end = head
    return f"{start}{writer.next_id}{rest}>{inner}{end}" if inner else f"{start}{writer.next_id}{rest}/>"


def _around_change(writer: NoteWriter, op: Op, author: str | None, date: str | None, run: str) -> str:
    """The highlighted ``run`` of a highlight made around its change, inside that change, as the tree writes it
    (:meth:`~itu_nb.export.docx_runs.RunWriter._lit_around`): a ``w:rPrChange`` last in its ``w:rPr``, holding the
    properties before (none: the run has only its highlight), its ``w:id`` the next after the change's.
    """
    change = _change(writer, op, author, date, "\x00")  # (the change's w:id first, as _change_in takes it)
    writer.next_id += 1
    when = _iso(date or writer.date)
    stamp = f'<w:rPrChange w:id="{writer.next_id}" w:author="{_attr(author or writer.author)}"'
    stamp += (f' w:date="{_attr(when)}"' if when else "") + "><w:rPr/></w:rPrChange></w:rPr>"
    return change.replace("\x00", run.replace("</w:rPr>", stamp, 1))


def _usual_run(text: str, op: Op, lit: str) -> str:
    """The run of a usual piece (text, or a label not in Reasons) whose text is not all printable, as :func:`_run`
    writes it: a label and its TAB, and text whose only characters to write as elements are TABs between
    printable text (an unlabelled paragraph's ``10<TAB>text``) from the usual start and end strings, else
    :func:`_run`.
    """
    if len(text) > 1 and text[-1] == "\t" and text[:-1].isprintable():  # a label and its TAB
        text = text[:-1]
        if "&" in text or "<" in text or ">" in text:
            text = text.translate(_TEXT)
        return _STARTS[op is _DELETE, lit] + text + _ENDS[op is _DELETE][1]
    if "\t" in text and text.replace("\t", " ").isprintable():
        escaped = text.translate(_TEXT) if "&" in text or "<" in text or ">" in text else text  # (TABs as they are)
        parts = escaped.split("\t")
        if "" not in parts:  # (an empty part, a TAB at an end or two together, writes no w:t: _run's way)
            deleted = op is _DELETE
            return _STARTS[deleted, lit] + _TABBED[deleted].join(parts) + _ENDS[deleted][0]
    return _run(text, op, False, lit)


#: Between two parts of a run's text cut at a TAB: the end of the first's text element, the TAB, the next's start
#: (by deleted or not).
_TABBED = {
    False: '</w:t><w:tab/><w:t xml:space="preserve">',
    True: '</w:delText><w:tab/><w:delText xml:space="preserve">',
}


def plain_node(writer: NoteWriter, node: Clause, role: str, depth: int, last: bool) -> str | None:
    """The ``w:p`` of a node without artefacts (:func:`~itu_nb.export.lines.plain_rows`) as XML text, from its runs:
    what :func:`plain_paragraph` writes for its line (``role`` and ``depth`` as that line has them; no keys, no
    highlight, no paragraph mark of its own), without its pieces or line.  None when a run is part of a move
    (:attr:`~itu_nb.model.Run.move`): that line is written by the tree writer, in the move's named range.
    """
    label_runs = node.label_runs
    every = label_runs + node.runs if label_runs else node.runs  # (its pieces' runs: those with text)
    for r in every:
        if r.move is not None:  # (a move's run: RunWriter._moved_in writes it, in its named range; before any w:id)
            return None
    first = None  # the one op of every run with text (Line.mark: the paragraph's own op when not EQUAL)
    for r in every:
        if r.text:
            if first is None:
                first = r.op
            elif r.op is not first:
                first = _EQUAL  # (mixed: no op of its own)
                break
    ppr = _STYLES.get((role, depth))
    if ppr is None:
        ppr = _STYLES[role, depth] = _style(role, min(max(depth, 1), 3) if role == "item" else 0)
    if first is not None and first is not _EQUAL and not last:
        # (_mark_who, as _who reads it: the first change with an author or a date; every run with text is one)
        who = next(((r.author, r.date) for r in every if r.text and (r.author or r.date)), (None, None))
        ppr += f"<w:rPr>{_change(writer, first, *who, '')}</w:rPr>"
    out = [f"<w:p><w:pPr>{ppr}</w:pPr>" if ppr else "<w:p>"]
    bold = len(label_runs) if role == "reasons" else 0  # (the label's runs come first: bold in Reasons)
    for r in every:
        text = r.text
        if not text:
            bold -= 1
            continue
        op = r.op
        if bold > 0:
            bold -= 1
            run = _run(text, op, True, "")
        elif text.isprintable():
            if "&" in text or "<" in text or ">" in text:
                text = text.translate(_TEXT)
            run = _STARTS[op is _DELETE, ""] + text + _ENDS[op is _DELETE][0]
        else:
            run = _usual_run(text, op, "")
        out.append(run if op is _EQUAL else _change(writer, op, r.author, r.date, run))
    if len(out) == 1 and not ppr:
        return "<w:p/>"
    out.append("</w:p>")
    return "".join(out)


def plain_paragraph(writer: NoteWriter, line: Line, last: bool) -> str | None:
    """The ``w:p`` of ``line`` as XML text, as the tree writer would serialise it (``last``: the document's last
    line, whose paragraph mark is tracked only when the line holds a paragraph-mark piece); None for a line this does not write (see the module's docstring).
    """
    pieces = line.pieces
    # the kinds checked and the paragraph's own op found in one pass (Line.mark: the last paragraph-mark piece's op,
    # else the one op of every piece with text when it is not EQUAL)
    marked = first = None
    mixed = around = own = (
        False  # own: a paragraph-mark piece (a mark tracked even on the document's last line)  # around: a highlight made around changes is open (their runs: the tree's _lit_around)
    )
    for piece in pieces:
        kind = piece.kind
        if kind not in _PLAIN and (kind != "bookmark" or _BOOKMARK.match(piece.text)):
            return None
        if kind == "paragraph-mark":
            if piece.move is not None:  # a moved mark (an empty paragraph moved): the tree writes it (mark_move)
                return None
            marked, own = piece.op, True
        elif piece.text:
            if around and piece.op is not _EQUAL and (kind != "text" and kind != "label" or line.role == "reasons"):
                return None  # (a marker's or a bold label's run made around: the tree's _lit_around)
            if piece.move is not None:  # a move's run, in its named range (RunWriter._moved_in): the tree writes it
                return None
            if first is None:
                first = piece.op
            elif piece.op != first:
                mixed = True
        elif kind == "highlight-start" or kind == "highlight-end":
            around = kind == "highlight-start" and piece.op is _EQUAL
    if line.keys and line.proposal is not None:
        writer.keys[line.proposal.id] = line.keys
    role = line.role
    ppr = _STYLES.get((role, line.depth))
    if ppr is None:
        ppr = _STYLES[role, line.depth] = _style(role, min(max(line.depth, 1), 3) if role == "item" else 0)
    if marked is None:
        marked = first if first is not None and not mixed and first != _EQUAL else _EQUAL
    if marked is not _EQUAL and (own or not last):
        author, date = _mark_who(line)
        ppr += f"<w:rPr>{_change(writer, marked, author, date, '')}</w:rPr>"
    out = [f"<w:p><w:pPr>{ppr}</w:pPr>" if ppr else "<w:p>"]
    lit = ended = ""  # as _Writer.paragraph: the highlight open here, the one that ended last
    touching = empty = around = False  # around: the highlight open was made around changes (_around_change)
    marker = role == "marker"
    reasons = role == "reasons"
    for piece in pieces:
        kind = piece.kind
        if kind == "text" or (kind == "label" and not reasons):  # the usual pieces first, their usual text inline
            op = piece.op
            text = piece.text
            if text and text.isprintable():  # (nothing to clean, no TAB or break to write as an element)
                if "&" in text or "<" in text or ">" in text:
                    text = text.translate(_TEXT)
                run = _STARTS[op is _DELETE, lit] + text + _ENDS[op is _DELETE][0]
            else:
                run = _usual_run(text, op, lit)
            if op is _EQUAL:
                out.append(run)
            elif around and lit and text:
                out.append(_around_change(writer, op, piece.author, piece.date, run))
            else:
                out.append(_change(writer, op, piece.author, piece.date, run))
            if piece.text:
                touching = empty = False
        elif kind == "highlight-start":
            lit = NEXT_HIGHLIGHT if touching and ended == HIGHLIGHT else HIGHLIGHT
            empty, around = True, piece.op is _EQUAL
        elif kind == "highlight-end":
            if lit and empty:  # a highlight of no characters: a highlighted run holding an empty w:t
                run = f'<w:r>{_RPR[False, lit]}<w:t xml:space="preserve"/></w:r>'
                out.append(run if piece.op is _EQUAL else _change(writer, piece.op, *_who(line), run))
            ended, lit, touching = lit, "", True
        elif kind == "paragraph-mark":
            continue
        elif kind == "comment":  # its text in word/comments.xml, its range and reference run here
            cid = writer._comment_text(piece)
            out.append(f'<w:commentRangeStart w:id="{cid}"/><w:commentRangeEnd w:id="{cid}"/>')
            run = f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>'
            out.append(run if piece.op is _EQUAL else _change(writer, piece.op, None, None, run))
        else:
            if marker and kind == "marker":
                run = _marker_run(piece.text, piece.op, lit)
            else:
                run = _run(piece.text, piece.op, kind == "label", lit)  # (a label here: bold, in Reasons)
            out.append(run if piece.op is _EQUAL else _change(writer, piece.op, piece.author, piece.date, run))
            if piece.text:
                touching = empty = False
    if len(out) == 1 and not ppr:
        return "<w:p/>"
    out.append("</w:p>")
    return "".join(out)


#: A paragraph's ``w:pPr`` content by (role, depth), made by :func:`_style` once for each.
_STYLES: dict[tuple[str, int], str] = {}


@functools.lru_cache(maxsize=64)
def _style(role: str, level: int) -> str:
    """The ``w:pStyle`` of a paragraph of ``role`` (an item's ``enumlev`` of ``level``), "" for none: made once per
    role and level (the style ids are the template's).
    """
    style = f"enumlev{level}" if role == "item" else _ROLE_STYLE.get(role)
    return "" if style is None else f'<w:pStyle w:val="{_attr(docx_template.style_ids().get(style, style))}"/>'


def _marker_run(text: str, op: Op, lit: str) -> str:
    """A marker line's run as ``_Writer._text_run`` writes it: the action bold, then TAB and the id in one run."""
    action, tab, pid = text.partition("\t")
    if not tab:
        return _run(text, op, True, lit)
    tag = "w:delText" if op is _DELETE else "w:t"
    return f"<w:r>{_RPR[True, lit]}{_text(action, tag)}<w:tab/><{tag}>{_escaped(pid)}</{tag}></w:r>"


def _who(line: Line) -> tuple[str | None, str | None]:
    """The author and date of the line's first change that has either (an empty highlight's, a paragraph's)."""
    for piece in line.pieces:
        if piece.op is not _EQUAL and (piece.author or piece.date):
            return piece.author, piece.date
    return None, None


def _mark_who(line: Line) -> tuple[str | None, str | None]:
    """The author and date of the line's paragraph mark: its ``paragraph-mark`` piece's (as :attr:`Line.mark`, the
    last), else those of its first change (a paragraph inserted or deleted whole).
    """
    marks = [p for p in line.pieces if p.kind == "paragraph-mark"]
    return (marks[-1].author, marks[-1].date) if marks else _who(line)
