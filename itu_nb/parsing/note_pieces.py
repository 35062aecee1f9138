"""Stage 2: a note body that marks cut, made whole again, and a note's parts.

In CriticMarkup a footnote body ``[1: …]`` stands in its host's line, so comments, highlights and changes made
inside the note cut it into several pieces; :func:`_note_comments_after` makes it one body again (or a body and
its ``footnote-part`` artefacts, one per change), each comment or highlight inside it an artefact of
:data:`IN_NOTE` with its place in the note's text; :func:`note_parts` gives such a note's runs back.  It also
holds the matching of a note's brackets (escaped ones are text in CriticMarkup) and :data:`FOOTNOTE_BODY`.
Split from :mod:`itu_nb.parsing.markup` (session 19), code unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterator

from itu_nb.model import Artefact, Op, Run
from itu_nb.model.note_source import MARKER, NOTE_HEAD
from itu_nb.parsing import escapes
from itu_nb.parsing.escapes import body_opener
from itu_nb.parsing.line_split import Piece


def _closings(text: str, escaped: bool, opens: re.Pattern[str], skipped: set[int] | None = None) -> dict[int, int]:
    """:func:`_closing_brackets`, or in CriticMarkup with a backslash in ``text``
    :func:`~itu_nb.parsing.escapes.closings` (a bracket escaped inside a note body is text; ``opens``: a body's start).
    """
    if escaped and "\\" in text:
        return escapes.closings(text, {m.start() for m in opens.finditer(text)}, skipped)
    return _closing_brackets(text)


#: The artefacts of a note's text that stand after its body in its host's line (or in the note's own line), their
#: ``offset`` counted in the note's text from its ``[`` (:func:`_note_comments_after`; the .docx reader gives the
#: same): a highlight inside the note and a comment inside it.  The tree makes each a ``highlight`` or ``comment``
#: of the FOOTNOTE node (:func:`itu_nb.parsing.footnotes.add_footnotes`, :func:`itu_nb.parsing.notes.attach_bodies`):
#: each kind maps to what it is there.
IN_NOTE = {"footnote-highlight": "highlight", "footnote-comment": "comment"}


def _note_comments_after(
    pieces: list[Piece], escaped: bool = False, names: frozenset[str] = frozenset()
) -> list[Piece]:
    """The pieces with each footnote body that comments or changes cut made whole again.

    A body cut by comments alone (``[1: See {>>c<<}Resolution 71.]``) becomes one run again, each comment a
    ``footnote-comment`` artefact right after it (with its text, author, date and op), its ``offset`` counted from
    the note's ``[`` as a highlight's: the tree makes it a ``comment`` of the FOOTNOTE node at its place in the
    note's text, as the .docx reader reads a Word comment inside a footnote.  A body of equal text with changes in it (``[1: See {--71--}{++72++}]``)
    becomes a ``footnote-body`` artefact holding its start (``[1: See ``) followed by one ``footnote-part``
    artefact per run of the rest, each with its run's op, author and date (``71`` deleted, ``72`` inserted,
    ``]`` equal), then its comments: joined in each view they give that view's note, and the tree makes them
    one FOOTNOTE node whose runs carry the changes (:func:`note_parts`).  A highlight inside a note
    (``[1: See {==71==}]``) is a ``footnote-highlight`` artefact after the note's body (and parts), its
    ``offset`` counted from the note's ``[`` (its own ``offset``, which :func:`extract_artefacts` keeps) and
    its ``length`` ending at the latest before the closing ``]``: the tree makes it a ``highlight`` of the
    FOOTNOTE node, offset in the note's text.  Without this the body was no footnote but text of the clause.
    ``escaped`` (CriticMarkup): brackets escaped in a note's text are text (:mod:`itu_nb.parsing.escapes`), and
    offsets count the text they stand for; ``names``: the markers that are no number whose bodies are read.
    """
    opens = body_opener(names) if names else _BODY_OPEN
    out: list[Piece] = []
    i, n = 0, len(pieces)
    while i < n:
        piece = pieces[i]
        i += 1
        if not isinstance(piece, Run) or "[" not in piece.text or not opens.search(piece.text):
            out.append(piece)
            continue
        skipped: set[int] = set()  # brackets escaped inside a body (text, as no body's start)
        closing = _closings(piece.text, escaped, opens, skipped) if escaped else _closing_brackets(piece.text)
        opener = next(
            (m for m in opens.finditer(piece.text) if m.start() not in closing and m.start() not in skipped), None
        )
        if opener is None:
            out.append(piece)
            continue
        carry = escapes.trailing(piece.text) if escaped else 0  # the backslashes ending the note's text so far
        if escaped:  # (from after "[N: ", which holds no bracket but its "[")
            tail = piece.text[opener.end() :]
            depth = 1 + sum(1 if b == "[" else -1 for _, b in _counted(tail, len(tail), 0, escaped))
        else:
            depth = piece.text.count("[", opener.start()) - piece.text.count("]", opener.start())
        texts: list[Run] = [piece]  # the note's runs: its host's (equal to ``piece``) and its changes
        comments, rest, j = [], None, i
        lit: list[Artefact] = []  # the highlights inside the note, offset from its "["
        size = len(piece.text) - opener.start()  # the note's text so far, from its "[" (texts' lengths, summed)
        while j < n and rest is None:
            q = pieces[j]
            if isinstance(q, Artefact) and q.kind == "comment":
                comments.append(dataclasses.replace(q, kind="footnote-comment", offset=size))
            elif isinstance(q, Run) and (q.op, q.author, q.date) == (piece.op, piece.author, piece.date):
                # a note's text holds no other note: another note's opener ends the search (so each piece is
                # searched from one opener at most, and a line of a million unclosed "[1: " stays linear)
                other = opens.search(q.text)
                for at, b in _counted(q.text, other.start() if other else len(q.text), carry, escaped):
                    depth += 1 if b == "[" else -1
                    if not depth:
                        texts.append(q.with_text(q.text[: at + 1]))
                        rest = q.text[at + 1 :]
                        break
                else:
                    if other is not None:
                        break
                    texts.append(q)
                    size += len(q.text)
                    carry = escapes.trailing(q.text, carry) if escaped else 0
            elif isinstance(q, Run) and piece.op is Op.EQUAL and q.op is not Op.EQUAL:
                texts.append(q)  # a change inside the note (its brackets are the note's text, not its end)
                size += len(q.text)
                carry = escapes.trailing(q.text, carry) if escaped else 0
            elif isinstance(q, Artefact) and q.kind == "highlight":
                lit.append(Artefact("footnote-highlight", "", -1, size, q.op, length=q.length))
            else:
                break  # another artefact inside the note: left as it is
            j += 1
        changed = any(r.op is not piece.op for r in texts)
        if rest is None or not comments and not changed and not lit:
            out.append(piece)
            continue
        gone: list[int] = []  # the backslashes taken out of the note's text (escapes), from its "["
        if escaped:
            inner = [piece.text[opener.end() :], *(r.text for r in texts[1:])]  # as written, after "[N: "
            gone = [opener.end() - opener.start() + k for k in escapes.note_removals(inner, names)]
        if changed:
            if opener.start():
                out.append(piece.with_text(piece.text[: opener.start()]))
            parts = [r.text for r in texts]
            parts[0] = parts[0][opener.start() :]
            if gone:  # (the head "[N: " has no escape)
                head = opener.end() - opener.start()
                inner = escapes.unescape_note([parts[0][head:], *parts[1:]], names)
                parts = [parts[0][:head] + inner[0], *inner[1:]]
            out.append(Artefact("footnote-body", _breaks(parts[0]), -1))
            out += [
                Artefact("footnote-part", _breaks(text), -1, None, r.op, r.author, r.date, move=r.move)
                for r, text in zip(texts[1:], parts[1:], strict=True)
                if text
            ]
        else:
            out.append(dataclasses.replace(piece, text="".join(r.text for r in texts)))
        if lit or comments:  # each ends before the note's closing "]"; places as written → in the text read
            size = sum(len(r.text) for r in texts) - opener.start() - 1
            if gone:
                out += [_in_note(h, min((h.offset or 0) + h.length, size), gone) for h in lit]
                out += [_in_note(c, min(c.offset or 0, size), gone) for c in comments]
            else:
                out += [dataclasses.replace(h, length=max(min(h.length, size - (h.offset or 0)), 0)) for h in lit]
                out += [dataclasses.replace(c, offset=min(c.offset or 0, size)) for c in comments]
        if rest:
            out.append(dataclasses.replace(piece, text=rest))
        i = j
    return out


def _in_note(art: Artefact, end: int, gone: list[int]) -> Artefact:
    """A highlight or a comment inside a note (``offset`` from its ``[``, as written) ending at ``end`` (a comment: its
    place, clamped), its places counted in the note's text read (``gone``: the backslashes taken out, sorted).
    """
    start = art.offset or 0
    if art.kind == "footnote-comment":
        return dataclasses.replace(art, offset=end - bisect_left(gone, end))
    first = start - bisect_left(gone, start)
    return dataclasses.replace(art, offset=first, length=max(end - bisect_left(gone, end) - first, 0))


def _counted(text: str, hi: int, carry: int, escaped: bool) -> Iterator[tuple[int, str]]:
    """The brackets of ``text[:hi]`` inside a note body that count in matching its ``[``: (place, bracket); in
    CriticMarkup (``escaped``) not one after an odd number of backslashes (``carry``: those ending the note's text
    before ``text``).
    """
    if not escaped or "\\" not in text and not carry:
        for m in _BRACKET.finditer(text, 0, hi):
            yield m.start(), m.group()
        return
    for at, b, _local, before in escapes.brackets(text[:hi], carry):
        if before % 2 == 0:
            yield at, b


#: How CriticMarkup writes a paragraph break inside a note (which stands in its host's line): U+2029 PARAGRAPH
#: SEPARATOR, Unicode's own, one character (so offsets in the note stay); read back as the note's ``"\n"``.
#: A line break (U+000B, Word's ``w:br``) stays a line break.
PARAGRAPH_BREAK = "\u2029"


def _breaks(text: str) -> str:
    """A note's text with each :data:`PARAGRAPH_BREAK` as the paragraph break (a newline) the tree reads."""
    return text.replace(PARAGRAPH_BREAK, "\n") if PARAGRAPH_BREAK in text else text


def note_parts(arts, at: int) -> tuple[list[Run], int] | None:
    """The runs of the note whose ``footnote-body`` artefact is ``arts[at]`` and that ``footnote-part``
    artefacts continue (see :func:`_note_comments_after`), and the index after its last part; None when
    ``arts[at]`` is no start of such a note.

    The runs are the note's text from after ``[N: `` to before its closing ``]``, each part with its op,
    author, date and move: ``[1: See `` + deleted ``71`` + inserted ``72`` + ``]`` → equal ``See ``, deleted
    ``71``, inserted ``72``.
    """
    end = at + 1
    while end < len(arts) and arts[end].kind == "footnote-part":
        end += 1
    head = _BODY_HEAD.match(arts[at].text)
    if end == at + 1 or head is None or not arts[end - 1].text.endswith("]"):
        return None
    runs = [Run(arts[at].op, arts[at].text[head.end() :])]
    for art in arts[at + 1 : end]:
        runs.append(
            Run(art.op, art.text, art.author, art.date, move=art.move)
            if art.op is not Op.EQUAL
            else Run(art.op, art.text)
        )
    runs[-1] = runs[-1].with_text(runs[-1].text[:-1])
    return [r for r in runs if r.text], end


_BODY_HEAD = NOTE_HEAD
_BODY_OPEN = re.compile(r"\[\d+:[ \t]")
_NO_NAMES: frozenset[str] = frozenset()


def _closing_brackets(text: str) -> dict[int, int]:
    """Position of each "[" → position of its matching "]" (one linear pass)."""
    stack: list[int] = []
    match: dict[int, int] = {}
    for m in _BRACKET.finditer(text):  # the brackets alone, found by the regex engine
        if m.group() == "[":
            stack.append(m.start())
        elif stack:
            match[stack.pop()] = m.start()
    return match


_BRACKET = re.compile(r"[\[\]]")


#: A note body, whole: its number or mark, one space or TAB (``sep``, :data:`~itu_nb.model.note_source.NOTE_HEAD`),
#: and its text, white space at its start included.
FOOTNOTE_BODY = re.compile(r"^\[(?P<no>" + MARKER + r"):(?P<sep>[ \t])(?P<text>.*)\]$", re.DOTALL)


#: A note's number and the white space after it, ``1 <TAB>These include …`` (its label, when the text's own label
#: rules find none).
NUMBER_SPACE = re.compile(r"^(\d+)(\s*\t|\s+)")


def number_label(runs: list[Run]) -> tuple[list[Run], list[Run]] | None:
    """The label and the body of a note with changes inside (its runs: :func:`note_parts`) whose label is its number
    and the white space after it (``1 <TAB>See {--71--}{++72++}``, ``1`` + a paragraph break + the text), None when
    it has none.

    Read on the unchanged text the note starts with, all its runs (a reader cuts a note's text at its highlights
    and comments: ``[1: {==1==}`` + a paragraph break + ``See {++more++}]`` is labelled as Akoma Ntoso's
    ``<p>1</p><p>…`` is): the number is a label when that text goes on after it and its white space; a number
    alone before a change (``[1: 1 {++and 2++}]``) is text, as the .docx reader reads it.
    """
    lead = []  # the unchanged text the note starts with
    for r in runs:
        if r.op is not Op.EQUAL:
            break
        lead.append(r.text)
    text = "".join(lead)
    lm = NUMBER_SPACE.match(text)
    if lm is None or lm.end() >= len(text):
        return None
    label: list[Run] = []
    body: list[Run] = []
    pos = 0
    for r in runs:
        k = max(0, min(len(r.text), lm.end() - pos))
        if k:
            label.append(r.with_text(r.text[:k]))
        if k < len(r.text):
            body.append(r if not k else r.with_text(r.text[k:]))
        pos += len(r.text)
    return label, body
