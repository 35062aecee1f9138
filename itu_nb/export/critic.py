r"""CriticMarkup writer: ``{++inserted++}``, ``{--deleted--}``, ``{==highlighted==}``, comments as ``{>>…<<}``.

A document loaded from CriticMarkup is written back line for line (the marks may be
grouped differently: ``{~~a~>b~~}`` comes back as ``{--a--}{++b++}``).  Clause keys that the
labels no longer tell (after relettering or decisions) are stored in one comment on each
proposal's first line, ``{>>itu_nb keys: ["<key>", …]<<}``, so change ids survive.

CriticMarkup has no author or date field.  A comment's are written inside it,
``{>>@Author (2018-09-10): text<<}`` (see :data:`itu_nb.parsing.markup.COMMENT_BY`), and read
back by the loader; a comment that could not be read back the same way (``<<}`` in it, an
author with ``": "`` in it) raises :class:`~itu_nb.errors.ExportError`.  Each change that has an author or a
date is followed by them, ``{>>@Author (2018-09-10)<<}`` (:data:`itu_nb.parsing.markup.ATTRIBUTION`), which the
loader reads as that change's author and date, so a round trip keeps them without ``author=``/``date=``, one
author or several (before session 14 they were written only when the changes had several).  A change of a move
(:attr:`~itu_nb.model.Run.move`) adds the move's name, ``{>>@Author (2018-09-10) moved: name<<}``
(:data:`itu_nb.parsing.critic_read.MOVED_BY`).  A change without any is written bare.  A comment made inside a change (a Word comment on inserted text) is
written inside its mark, ``{++text{>>@Author (date): comment<<}++}``, and read back with the change's op.
An empty paragraph inserted or deleted as a tracked change (a ``paragraph-mark`` artefact
of a line without text, read from Word) is an empty change followed by its author and date,
``{++++}{>>@Brazil (2018-09-10)<<}`` (:data:`itu_nb.parsing.markup.PARAGRAPH_MARK`), read back as
that artefact; text one author inserted and another struck (a ``struck-insert``) is a deletion followed by both,
``{--2 --}{>>@Ana (2026-12-05) struck @Brazil (2018-09-10)<<}``, read back as that artefact; the mark of a paragraph with text (two paragraphs joined or split in one view) is written so where
it stands, ``…need assistance{++;++}{>>@Brazil (…)<<}{++++}{>>@Brazil (…)<<}``, and read back as that node's artefact.
A highlight is ``{==…==}`` around what it covers, changes and comments
included (``{==IC{++T++}s==}``: the loader reads marks inside a highlight).  A highlight of no characters made
inside a change (its op INSERT or DELETE) stands inside that change's mark, ``{++ne{====}w ++}`` (or
``{++{====}++}`` where no text of the change is left beside it), and is read back with the change's op and
offset (:data:`itu_nb.parsing.markup.EMPTY_HIGHLIGHT`); ``{====}`` outside a change is one made outside.  One
with text made inside a change stands inside its mark too, ``{--{==7==}--}{>>@Brazil (…)<<}`` (session 20; before,
``{=={--7--}==}``, which now reads back as one made around the change); over changes by several authors or dates,
its part in each one's mark, ``{--{==a==}--}{>>@X (…)<<}{--{==b==}--}{>>@Y (…)<<}``, read back as one highlight per
mark, as Akoma Ntoso writes it (:func:`itu_nb.export.nesting.made_inside`); one made around such changes is
``{=={--a--}{>>@X (…)<<}{--b--}{>>@Y (…)<<}==}`` (session 22; read back inside them in session 21).  CriticMarkup cannot nest highlights: one of no characters inside
another (read from Akoma Ntoso's nested inlines) is written right after it, the nearest place it can stand; one
with text inside another, or two that cross, are refused with an :class:`~itu_nb.errors.ExportError` naming the node and the characters (:mod:`itu_nb.export.nesting`).  A footnote stands in
its host's line, changes inside its text marked as anywhere else (``[1: See {--71--}{++72++}]``, read
back as one note whose runs carry the change), so the paragraph breaks of a note of several paragraphs (a
Word note, or one with a text box) are written as U+2029 PARAGRAPH SEPARATOR, Unicode's own paragraph break
(:data:`itu_nb.parsing.markup.PARAGRAPH_BREAK`), which the loader reads back as the note's paragraph break; a
line break (U+000B, Word's ``w:br``) stays one.  (Files written before session 10 hold U+000B there: read
as line breaks, as written.)  A highlight inside a note is ``{==…==}`` inside its text (``[1: See {==71==}]``), and so is a comment on the note
(a ``comment`` of its FOOTNOTE node), at its place: ``[1: See {>>@CEPT (2018-10-02): which?<<}71]``.  A note's
text with a ``[`` or ``]`` without its pair, or a backslash before a bracket, is escaped so that its body still ends
at its own ``]`` (``[1: see [1] and Art. 5\]]``, :func:`itu_nb.parsing.escapes.escape_note`); a note whose marker is
no number (read from Akoma Ntoso) is written ``[footnoteRef:*][*: …]`` and read back so.  Lone surrogates,
which no file can hold, are written as U+FFFD.
"""

from __future__ import annotations

from pathlib import Path

from itu_nb.errors import ExportError
from itu_nb.export.critic_sign import _CLASH, _attribution, _signature, _struck_insert, _Where
from itu_nb.export.limits import check_marks
from itu_nb.export.lines import Line, Piece, as_document, encodable, export_lines, node_pieces, plain_rows
from itu_nb.export.nesting import HIGHLIGHT_ENDS, HIGHLIGHT_STARTS, check_nesting, made_inside
from itu_nb.model import Clause, Op
from itu_nb.model.note_source import NOTE_HEAD
from itu_nb.parsing.critic_read import MOVED_BY
from itu_nb.parsing.escapes import escape, escape_note, note_names
from itu_nb.parsing.markup import (
    ATTRIBUTION,
    COMMENT_BY,
    EMPTY_HIGHLIGHT,
    KEYS_COMMENT,
    PARAGRAPH_BREAK,
    PARAGRAPH_MARK,
    comment_artefact,
    looks_like_critic,
)

__all__ = ["to_criticmarkup"]

_MARK = {Op.INSERT: ("{++", "++}"), Op.DELETE: ("{--", "--}")}
#: A change's closer written without its author and date: a comment right after it is read as theirs when it can be.
_CLOSED = ("++}", "--}")
#: Written first when the text would otherwise hold no mark, so that it is read as CriticMarkup again: an
#: empty insertion, which the loader reads as a blank line (a comment here was read back as a reviewer's).
HEADER = "{++++}"
#: The pieces of a note's text (a note with changes inside is a ``footnote-body`` and its ``footnote-part`` pieces).
_NOTE_KINDS = ("footnote-body", "footnote-part")
#: A highlight inside a note (:func:`itu_nb.export.lines.lit_note`): ``{==…==}`` inside the note's text, where the
#: CriticMarkup reader reads it as a highlight of the FOOTNOTE node.
_NOTE_MARKS = ("note-highlight-start", "note-highlight-end")
#: The kinds of document text (:attr:`Piece.is_text`): a line of these alone, in no change, is written as it stands.
_PLAIN = frozenset(("label", "text", "marker", "header", "separator", "trailer"))


def _comment(piece: Piece, where: _Where) -> str:
    """``{>>…<<}`` for a comment, its author and date written as the loader reads them (:data:`COMMENT_BY`)."""
    text = piece.text
    if piece.author or piece.date:
        head = "@" + (piece.author or "") + (f" ({piece.date})" if piece.date else "") + ": "
    elif COMMENT_BY.match(text) or ATTRIBUTION.match(text) or text.startswith(KEYS_COMMENT):
        head = "@: "  # a plain comment that would read as one with an author, a change's author, or keys
    else:
        head = ""
    inner = head + text
    back = comment_artefact(inner)
    want = ("comment", text, piece.author or None, piece.date or None)
    if "<<}" in inner or (back.kind, back.text, back.author, back.date) != want:
        raise ExportError(
            f"{where}: the comment {text!r} by {piece.author!r} ({piece.date!r}) cannot be written in CriticMarkup"
        )
    return "{>>" + inner + "<<}"


def _paragraph_mark(piece: Piece, where: _Where) -> str:
    """The tracked mark of a paragraph, ``{++++}{>>@Brazil (2018-09-10)<<}`` (:data:`PARAGRAPH_MARK`)."""
    return PARAGRAPH_MARK[piece.op] + _attribution(piece, where, "paragraph mark")


def _empty_next(pieces: tuple[Piece, ...], i: int) -> bool:
    """True when the highlight starting at ``pieces[i]`` ends at once (a highlight of no characters)."""
    return i + 1 < len(pieces) and pieces[i + 1].kind == "highlight-end"


def _plain(pieces: tuple[Piece, ...]) -> str | None:
    """The line written straight through when its pieces are all document text in no change (a plain clause:
    no mark, artefact or note to place), None for the others (:func:`_line`).  Text holding a mark goes to
    :func:`_line` too, which names the piece in its error.
    """
    equal, texts = Op.EQUAL, []
    for piece in pieces:
        if piece.op is not equal or piece.kind not in _PLAIN:
            return None
        texts.append(piece.text)
    return _plain_text("".join(texts))


def _node_text(node: Clause) -> str | None:
    """The line of a node without artefacts written from its runs, as :func:`_plain` or :func:`_line` write the
    pieces :func:`~itu_nb.export.lines.node_pieces` makes of it (a piece per run with text, label runs first), with
    no piece made; None for a node whose text holds a mark or a ``[`` beside a change, or whose change's author
    and date would not read back: :func:`_line` writes those pieces (and names the piece in its error).

    As :func:`_line` writes such pieces: runs of one op and one author and date, one after another, are one mark,
    and each mark is followed by its author and date when it has them.
    """
    label_runs, runs = node.label_runs, node.runs
    equal = Op.EQUAL
    if len(label_runs) == 1 and len(runs) == 1 and label_runs[0].op is equal and runs[0].op is equal:
        text = label_runs[0].text + runs[0].text  # (most items: a label and a text, in no change)
        if "{" in text or "}" in text or "~" in text or "[" in text:  # (most texts: none, so no mark to find)
            return _plain_text(text)
        return text
    runs = label_runs + runs
    for run in runs:
        if run.op is not equal:
            break
    else:  # (most other nodes: their text in no change, as _plain writes it)
        return _plain_text("".join([run.text for run in runs]))
    out: list[str] = []
    open_op, author, date, move = equal, None, None, None  # the change open and its first run's author, date, move
    for run in runs:
        text, op = run.text, run.op
        if not text:
            continue
        if op is not open_op or (op is not equal and (author, date, move) != (run.author, run.date, run.move)):
            if open_op is not equal:
                out.append(_MARK[open_op][1])
                if author or date or move is not None:
                    if (signed := _signature(author, date, move)) is None:
                        return None
                    out.append(signed)
            if op is not equal:
                out.append(_MARK[op][0])
            open_op, author, date, move = op, run.author, run.date, run.move
        out.append(text)
    if open_op is not equal:
        out.append(_MARK[open_op][1])
        if author or date or move is not None:
            if (signed := _signature(author, date, move)) is None:
                return None
            out.append(signed)
    text = "".join(out)
    if "[" in text or _clashes("".join([run.text for run in runs])):
        return None
    return text


def _clashes(text: str) -> bool:
    """Whether ``text`` holds what a CriticMarkup reader would take for a mark (:data:`_CLASH`; each such mark holds
    a ``{``, a ``}`` or a ``~``: most texts hold none, found at once).
    """
    return ("{" in text or "}" in text or "~" in text) and _CLASH.search(text) is not None


def _plain_text(text: str) -> str | None:
    """The document text of a line in no change as written (:func:`_plain`), None when it holds a mark."""
    if _clashes(text):
        return None
    return escape(text) if "[" in text else text  # (the text of one run: _escape)


def _line(pieces: tuple[Piece, ...], where: _Where) -> str:
    out: list[str] = []
    open_op = Op.EQUAL
    who: Piece | None = None  # the change open, when its author and date are written after it

    def close() -> None:
        nonlocal open_op
        if open_op is not Op.EQUAL:
            out.append(_MARK[open_op][1])
            if who is not None and (who.author or who.date or who.move is not None):
                out.append(_attribution(who, where))
            open_op = Op.EQUAL

    skip = False
    texts: list[int] = []  # the indexes in ``out`` of the document's text (escaped at the end: _escape)
    raw: list[tuple[int, int, Piece]] = []  # (index in pieces, in out) of each note's text and reference (_notes)
    bracket = False  # whether that text holds a "["
    depth = 0  # the highlights open
    held: list[Op] = []  # highlights of no characters inside an open highlight: written after it
    inside = False  # whether a highlight made inside the open change is open (nesting.made_inside)
    for i, piece in enumerate(pieces):
        if skip:  # the end of a highlight of no characters, written with its start
            skip = False
            continue
        if inside and piece.kind in HIGHLIGHT_ENDS:  # its change's mark stays open
            out.append("==}")
            inside = False
            continue
        if piece.kind in HIGHLIGHT_STARTS and piece.op is not Op.EQUAL and not _empty_next(pieces, i) and not depth:
            first = made_inside(pieces, i)
            if first is not None:  # inside its change's mark, opened here unless open with its author and date
                if open_op is not piece.op or (
                    who is not None and (who.author, who.date, who.move) != (first.author, first.date, first.move)
                ):
                    close()
                    out.append(_MARK[piece.op][0])
                    open_op = piece.op
                who = first
                out.append("{==")
                inside = True
                continue
        if piece.kind == "highlight-start" and _empty_next(pieces, i) and depth:
            # CriticMarkup cannot nest highlights ("{====}" would close the open one): the nearest form, after it
            held.append(piece.op)
            skip = True
            continue
        if piece.kind == "highlight-start" and piece.op is not Op.EQUAL and _empty_next(pieces, i):
            # a highlight of no characters made inside a change: inside that change's mark (EMPTY_HIGHLIGHT)
            if open_op is not piece.op:
                close()
                out.append(_MARK[piece.op][0])
                open_op, who = piece.op, None
            out.append(EMPTY_HIGHLIGHT)
            skip = True
            continue
        if piece.is_mark or piece.kind in _NOTE_MARKS:  # a highlight's start or end: no change mark open across it
            close()
            starts = piece.kind.endswith("highlight-start")
            out.append("{==" if starts else "==}")
            depth = depth + 1 if starts else max(depth - 1, 0)
            if not depth and held:
                out += [
                    EMPTY_HIGHLIGHT if op is Op.EQUAL else _MARK[op][0] + EMPTY_HIGHLIGHT + _MARK[op][1] for op in held
                ]
                held = []
            continue
        if piece.kind == "struck-insert":  # a deletion of its own, followed by both authors (never merged)
            close()
            out.append(_struck_insert(piece, where))
            continue
        if piece.kind == "paragraph-mark":  # at its place, the paragraph with text or not
            if piece.op is not Op.EQUAL:
                close()
                out.append(_paragraph_mark(piece, where))
            continue
        if piece.kind == "comment" or piece.kind == "note-comment":  # (in a note: lines.lit_note, at its place)
            if piece.op is Op.EQUAL or piece.op is not open_op:
                close()
            if piece.op is not Op.EQUAL and open_op is Op.EQUAL:  # a comment inside a change: {++a{>>c<<}++}
                out.append(_MARK[piece.op][0])
                open_op, who = piece.op, None
            written = _comment(piece, where)
            if out and out[-1] in _CLOSED and MOVED_BY.match(written[3:-3]):  # (read back as the change's move)
                raise ExportError(
                    f"{where}: the comment {piece.text!r} by {piece.author!r} right after a change would read back as "
                    "the change's move in CriticMarkup"
                )
            out.append(written)
            continue
        if _CLASH.search(piece.text):
            raise ExportError(f"{where}: the text {piece.text!r} contains a CriticMarkup mark and cannot be written")
        if not piece.text:
            continue
        other = who is not None and (who.author, who.date, who.move) != (piece.author, piece.date, piece.move)
        if inside and other:  # made inside changes by several authors: its part in each one's mark (made_inside)
            out.append("==}")
            close()
            out += (_MARK[piece.op][0], "{==")
            open_op, who = piece.op, piece
        elif piece.op is not open_op or (other and piece.op is not Op.EQUAL):
            close()
            if piece.op is not Op.EQUAL:
                out.append(_MARK[piece.op][0])
            open_op = piece.op
            who = piece if piece.op is not Op.EQUAL else None
        elif who is None and piece.op is not Op.EQUAL:  # the change was opened by a comment in it
            who = piece
        # a note of several paragraphs (or with a text box) in one line: its breaks as U+2029, read back as such
        if piece.kind in _NOTE_KINDS:
            raw.append((i, len(out), piece))
            out.append(piece.text.replace("\n", PARAGRAPH_BREAK))
            continue
        if piece.is_text:
            texts.append(len(out))
            bracket = bracket or "[" in piece.text
        elif piece.kind == "footnote-ref":  # (its marker may name a note's body: _names)
            raw.append((i, len(out), piece))
        out.append(piece.text)
    close()
    names = _notes(out, raw) if raw else frozenset()
    if bracket:
        _escape(out, texts, names)
    return "".join(out)


def _notes(out: list[str], raw: list[tuple[int, int, Piece]]) -> frozenset[str]:
    """Escape in ``out`` the text of each note body among ``raw`` (:func:`_escaped_note`), and return the markers
    that are no number of the notes the line references (:func:`_names`).
    """
    names = _names(raw)
    group: list[tuple[int, Piece]] = []  # (index in out, piece) of the text pieces of the note being read
    for _, k, piece in raw:
        if piece.kind == "footnote-body" and NOTE_HEAD.match(piece.text):
            if group:
                _escaped_note(out, group, names)
            group = []
        if piece.kind in _NOTE_KINDS:
            group.append((k, piece))
    if group:
        _escaped_note(out, group, names)
    return names


def _escaped_note(out: list[str], group: list[tuple[int, Piece]], names: frozenset[str]) -> None:
    r"""Escape in ``out`` the note body whose text pieces are ``group`` ((index in ``out``, piece); its ``[N: ``
    starts the first) as the reader matches its brackets (:func:`itu_nb.parsing.escapes.escape_note`:
    ``[1: see [1] and Art. 5\]]``): the brackets of the pieces of the body's own op count (a change inside a note
    is no part of that matching).
    """
    first = group[0][1]
    head = NOTE_HEAD.match(first.text)
    if head is None or not group[-1][1].text.endswith("]"):
        return
    texts = [first.text[head.end() :], *(p.text for _, p in group[1:])]
    if len(texts) == 1 and "\\" not in texts[0] and "[" not in texts[0] and texts[0].count("]") == 1:
        return  # (the usual note: one piece, no bracket in its text)
    counted = [
        p.op is first.op and (first.op is Op.EQUAL or (p.author, p.date) == (first.author, first.date))
        for _, p in group
    ]
    done = escape_note(texts, counted, names)
    if done != texts:
        done[0] = first.text[: head.end()] + done[0]
        for (k, _), text in zip(group, done, strict=True):
            out[k] = text.replace("\n", PARAGRAPH_BREAK)


def _names(raw: list[tuple[int, int, Piece]]) -> frozenset[str]:
    """The markers that are no number of the notes the line references (``[footnoteRef:*]``), as the reader finds
    them in its runs (:func:`~itu_nb.parsing.escapes.note_names`): in its references alone (``raw``: (index in the
    line's pieces, in ``out``, piece); text reading as one, in a clause or a note, is escaped).
    """
    return note_names(p.text for _, _, p in raw if p.kind == "footnote-ref")


def _escape(out: list[str], texts: list[int], names: frozenset[str] = frozenset()) -> None:
    """Escape the document text in ``out`` that would read as an inline artefact
    (:func:`itu_nb.parsing.escapes.escape`): ``texts`` are the indexes of its text pieces, in order; text pieces
    written one right after another (no mark between: the reader reads them as one run) are escaped as one text.
    """
    k = 0
    while k < len(texts):
        end = k + 1
        while end < len(texts) and texts[end] == texts[end - 1] + 1:
            end += 1
        first, last = texts[k], texts[end - 1]
        joined = "".join(out[first : last + 1])
        if "[" in joined and (fixed := escape(joined, names)) != joined:
            out[first : last + 1] = [fixed] + [""] * (last - first)
        k = end


def _keys_json(keys: list) -> str:
    """The keys as JSON that cannot close the comment it stands in (``<`` escaped)."""
    import json

    return json.dumps(keys, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def to_criticmarkup(x, path=None, *, author: str | None = None, date: str | None = None) -> str:
    """Write a Document, Proposal or Comparison as CriticMarkup; see :func:`itu_nb.to_criticmarkup`."""
    doc = as_document(x, author=author, date=date)
    check_marks(doc, "CriticMarkup")
    check_nesting(doc, "CriticMarkup")
    lines = []
    rows = plain_rows(doc)
    for i, row in enumerate(export_lines(doc) if rows is None else rows):
        if not isinstance(row, Line):  # a node without artefacts (plain_rows): written from its runs
            text = _node_text(row)
            if text is None:
                line = Line(tuple(node_pieces(row)), "", row)
                text = _line(line.pieces, _Where(doc.source, i + 1, line))
            lines.append(text)
            continue
        line = row
        text = _plain(line.pieces)
        if text is None:
            text = _line(line.pieces, _Where(doc.source, i + 1, line))
        if line.keys:  # clause keys a reload cannot derive from the labels: stored so change ids survive
            text += "{>>" + KEYS_COMMENT + _keys_json(line.keys) + "<<}"
        lines.append(text)
    text = encodable("\n".join(lines))
    if not looks_like_critic(text):
        # the header stands in a blank first line (a file written so reads back with one there), else before
        # the first line: so writing what was read from a written file writes it again, byte for byte
        text = HEADER + (text if lines and not lines[0] else "\n" + text)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
