"""Stage 2: inline artefacts taken out of a line's runs.

After :func:`extract_artefacts` the runs of a line hold no extraction artefact (``[bookmark: …]``,
``[footnoteRef:…]``, ``[endnoteRef:…]`` (the .docx reader's mark of an endnote), footnote bodies ``[1: …]``); each
artefact is kept with its offset so that the line can be rebuilt exactly.  Split from
:mod:`itu_nb.parsing.markup` (session 19), code unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right

from itu_nb.model import Artefact, Op, Run
from itu_nb.model.note_source import MARKER, NOTE_HEAD
from itu_nb.parsing import escapes
from itu_nb.parsing.escapes import body_opener, names_a_note, note_names, unescape
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.line_split import Piece, _with_length
from itu_nb.parsing.note_pieces import (
    _BODY_OPEN,
    _NO_NAMES,
    IN_NOTE,
    PARAGRAPH_BREAK,
    _closing_brackets,
    _closings,
    _note_comments_after,
)
from itu_nb.parsing.offsets import placed

_INLINE = (
    r"\[(?:(?P<bookmark>bookmark: [^\]\n]*\])"  # (one "[" before the alternatives: a search for it alone)
    # a reference by number ("[footnoteRef:1]1" in Doc 67: the number kept after it) or by another marker ("*")
    r"|(?P<ref>(?:foot|end)noteRef:(?:(?P<refno>\d+)\](?:(?P=refno)(?!\d))?|" + MARKER + r"\]))"
    r"|(?P<body>(?P<bodyno>\d+):[ \t])"  # a footnote body: its end is the matching "]"
)
INLINE_ARTEFACTS = re.compile(_INLINE + ")")
#: The same, and the body of a note whose marker is no number (``[*: ``: read so in a line that references it,
#: :func:`itu_nb.parsing.escapes.note_names`).
_INLINE_NAMED = re.compile(_INLINE + r"|(?P<named>(?P<name>" + MARKER + r"):[ \t]))")


def extract_artefacts(pieces: list[Piece], line: int, escaped: bool = False) -> tuple[list[Run], list[Artefact]]:
    r"""Take inline artefacts out of one line's runs.

    Returns the runs (artefact text removed) and the artefacts, each with ``offset``
    = the position in the joined text of the returned runs where it stood.  ``escaped`` (CriticMarkup): text
    escaped so as not to read as an artefact (``[\1: x]``) is read as the text it stands for
    (:func:`itu_nb.parsing.escapes.unescape`), each backslash taken out counted as an artefact's text is, and so is
    a note body's text (brackets escaped in it: :func:`itu_nb.parsing.escapes.note_removals`).  A note whose marker
    is no number has its body read in a line that references it (``[footnoteRef:*][*: …]``).
    """
    if len(pieces) > 8 and (got := placed(pieces, line)) is not None:  # no "[": no inline artefact (a long line)
        return got
    names = _NO_NAMES
    for p in pieces:
        if "noteRef:" in p.text and p.__class__ is Run and names_a_note(p.text):  # (by a marker that is no number)
            names = note_names(p.text for p in pieces if p.__class__ is Run)
            break
    opens = body_opener(names) if names else _BODY_OPEN
    if len(pieces) > 1 and any(isinstance(p, Run) and "[" in p.text and opens.search(p.text) for p in pieces):
        pieces = _note_comments_after(pieces, escaped, names)  # a note that comments or changes cut: made whole again
    inline = _INLINE_NAMED if names else INLINE_ARTEFACTS
    runs: list[Run] = []
    arts: list[Artefact] = []
    pos = 0
    shift = 0  # characters taken out so far
    taken: list[tuple[int, int]] = []  # (start, length) before extraction of each artefact taken out of the text
    lit: list[tuple[int, int]] = []  # (index in arts, start before extraction) of each highlight
    for piece in pieces:
        if isinstance(piece, Artefact):
            if piece.kind in IN_NOTE:  # its offset is in its note's text (_note_comments_after)
                arts.append(dataclasses.replace(piece, line=line))
                continue
            if piece.kind == "highlight":
                lit.append((len(arts), pos + shift))
            # the constructor, not dataclasses.replace (several times dearer; a million comments or highlights)
            arts.append(
                Artefact(
                    piece.kind,
                    piece.text,
                    line,
                    pos,
                    piece.op,
                    piece.author,
                    piece.date,
                    piece.length,
                    piece.anchor,
                    piece.inserted,
                    piece.move,
                )
            )
            continue
        if "[" not in piece.text:  # no artefact can start here: the run as it is
            if piece.text:
                runs.append(piece)
                pos += len(piece.text)
            continue
        last = 0
        closing = _closings(piece.text, escaped, opens) if escaped else _closing_brackets(piece.text)
        for m in inline.finditer(piece.text):
            if m.start() < last:
                continue
            body = m.group("body")
            if names and m.lastgroup == "named":
                if m.group("name") not in names:
                    continue
                body = m.group("named")
            end = m.end()
            if body:
                if m.start() not in closing:
                    continue  # "[1: " never closed on this line: ordinary text
                end = closing[m.start()] + 1
            before = piece.text[last : m.start()]
            if escaped and "[\\" in before:
                before, gone = _literal(before, pos + shift, taken, names)
                shift += gone
            if before:
                runs.append(make_run(piece.op, before, piece.author, piece.date, piece.inferred, piece.move))
                pos += len(before)
            kind = "bookmark" if m.group("bookmark") else "footnote-ref" if m.group("ref") else "footnote-body"
            who = (piece.author, piece.date) if piece.op is not Op.EQUAL else (None, None)  # a tracked note's change
            text = piece.text[m.start() : end]
            if body and escaped and "\\" in text:
                text = _unescaped_body(text, names)
            if kind == "footnote-body" and PARAGRAPH_BREAK in text:
                text = text.replace(PARAGRAPH_BREAK, "\n")  # a note's paragraph break, as the writer puts it
            # (a note's text moved whole, in a move's run: the move's, as its FOOTNOTE node's run carries it)
            moved = piece.move if kind == "footnote-body" and piece.op is not Op.EQUAL else None
            arts.append(Artefact(kind, text, line, pos, piece.op, *who, move=moved))
            taken.append((pos + shift, end - m.start()))
            shift += end - m.start()
            last = end
        rest = piece.text[last:]
        if escaped and "[\\" in rest:
            rest, gone = _literal(rest, pos + shift, taken, names)
            shift += gone
        if rest:
            runs.append(make_run(piece.op, rest, piece.author, piece.date, piece.inferred, piece.move))
            pos += len(rest)
    if taken and lit:  # a highlight's length counts the text left once the artefacts in it are out
        _shorten_highlights(arts, lit, taken)
    return runs, arts


def _literal(text: str, at: int, taken: list[tuple[int, int]], names: frozenset[str]) -> tuple[str, int]:
    """``text`` (standing at ``at`` before extraction) unescaped, each backslash taken out added to ``taken``."""
    text, places = unescape(text, names)
    taken += [(at + i, 1) for i in places]
    return text, len(places)


def _unescaped_body(text: str, names: frozenset[str]) -> str:
    r"""A note body as written in CriticMarkup (``[1: C:\dir\\]``) as the text it stands for (``[1: C:\dir\]``)."""
    head = NOTE_HEAD.match(text)
    if head is None:
        return text
    return text[: head.end()] + escapes.unescape_note([text[head.end() :]], names)[0]


def _shorten_highlights(arts: list[Artefact], lit: list[tuple[int, int]], taken: list[tuple[int, int]]) -> None:
    """Take from each highlight's ``length`` the artefacts wholly inside it (``taken``: (start, length), in order).

    Binary searches over the artefacts' starts and a running sum of their lengths, so that a line of many
    highlights and many bookmarks stays linear: those inside ``[start, end)`` are a slice of ``taken``, and of
    these, the ones that also end by ``end`` are all but perhaps the last (artefacts do not overlap).
    """
    starts = [at for at, _ in taken]
    sums = [0]
    for _, n in taken:
        sums.append(sums[-1] + n)
    for i, start in lit:
        art = arts[i]
        end = start + art.length
        lo = bisect_left(starts, start)
        hi = bisect_right(starts, end)
        if hi > lo and starts[hi - 1] + taken[hi - 1][1] > end:
            hi -= 1  # the last one starts inside but ends after: not inside
        inside = sums[hi] - sums[lo]
        if inside:
            arts[i] = _with_length(art, max(art.length - inside, 0))
