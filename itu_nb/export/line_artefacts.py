"""A whole line's artefacts as pieces (a line that is no node: a marker, a blank line, a note body on a line
of its own), highlights cut where they end, and :class:`Coverage`, where highlights cover a text.
"""

from __future__ import annotations

import bisect
import dataclasses

from itu_nb.export.line_notes import _BODY_HEAD, NOTE_MARKS, lit_note
from itu_nb.export.pieces import Piece, piece_of
from itu_nb.model import Artefact, Clause, NodeKind, Op
from itu_nb.parsing.markup import IN_NOTE

__all__ = ["Coverage", "line_pieces"]


class Coverage:
    """Where highlights ``spans`` (``(start, end)`` pairs) cover a text, and the cut points ``cuts`` of it (sorted
    with the spans' ends), asked in log time: a writer cuts each run at the cuts inside it and marks each piece
    covered or not (asking every span for every piece was quadratic: 20,000 highlights in one clause, 35 s).
    """

    def __init__(self, spans, cuts=()):
        self.cuts = sorted({c for span in spans for c in span} | set(cuts))
        starts: dict[int, int] = {}
        for s, e in spans:
            starts[s] = starts.get(s, 0) + 1
            starts[e] = starts.get(e, 0) - 1
        self.bounds = sorted(starts)
        self.depth: list[int] = []  # how many spans cover the text after each bound
        d = 0
        for b in self.bounds:
            d += starts[b]
            self.depth.append(d)

    def inside(self, lo: int, hi: int) -> list[int]:
        """The cuts strictly between ``lo`` and ``hi``."""
        return self.cuts[bisect.bisect_right(self.cuts, lo) : bisect.bisect_left(self.cuts, hi)]

    def covers(self, at: int) -> bool:
        """Whether a span covers the character at ``at``."""
        i = bisect.bisect_right(self.bounds, at) - 1
        return i >= 0 and self.depth[i] > 0


def line_pieces(arts, notes: bool = True) -> tuple[Piece, ...]:
    """A whole line's artefacts as pieces, in source order; a highlight covers the ``length`` characters after it;
    a highlight inside a note body that no node holds (``footnote-highlight``, its offset in the body's text) is
    a pair of ``note-highlight`` pieces around what it covers, and a comment there (``footnote-comment``) a
    ``note-comment`` piece at its place, as :func:`lit_note` marks a note's (unless ``notes`` is False: a body that
    a node holds is written from that node, its highlights and comments with it).
    """
    bodies = notes and any(a.kind in IN_NOTE for a in arts)
    if bodies:
        arts = _after_bodies(arts)
    out: list[Piece] = []
    left: list[int] = []  # characters still to cover, per open highlight
    group: list[Piece] = []  # the last note body and its parts (when ``bodies``)
    lit: list[Artefact] = []  # the highlights after them, offsets in the note's text

    def flush() -> None:
        for piece in lit_note(group, Clause(NodeKind.FOOTNOTE, "", artefacts=tuple(lit))) if group and lit else group:
            _cover(out, left, piece)
        group.clear()
        lit.clear()

    for a in arts:
        if bodies and (a.kind == "footnote-part" and group or a.kind in IN_NOTE):
            if a.kind == "footnote-part":
                group.append(_piece(a))
            elif group:
                head = _BODY_HEAD.match(group[0].text)
                at = max((a.offset or 0) - (head.end() if head else 0), 0)
                lit.append(Artefact(IN_NOTE[a.kind], a.text, a.line, at, a.op, a.author, a.date, a.length))
            continue
        flush()
        if bodies and a.kind == "footnote-body":
            group.append(_piece(a))
        elif a.kind == "highlight":
            out.append(Piece("", a.op, "highlight-start"))
            left.append(a.length)
        elif a.kind == "struck-insert":  # in neither view: no character a highlight counts
            out.append(_piece(a))
        elif a.kind not in IN_NOTE:
            _cover(out, left, _piece(a))
        _close(out, left, a.op)
    flush()
    out.extend(Piece("", Op.EQUAL, "highlight-end") for _ in left)
    return tuple(out)


def _after_bodies(arts) -> list:
    """``arts`` with each ``footnote-highlight`` and ``footnote-comment`` moved to right after the pieces of the note
    body before it (the loaders keep it after the rest of the line's artefacts that start before its end, a second
    body's included).
    """
    out: list = []
    end = -1  # where the last body's pieces end in ``out``
    for a in arts:
        if a.kind in IN_NOTE and end >= 0:
            out.insert(end, a)
            end += 1
            continue
        out.append(a)
        if a.kind == "footnote-body" or a.kind == "footnote-part" and end == len(out) - 1:
            end = len(out)
    return out


def _cover(out: list[Piece], left: list[int], piece: Piece) -> None:
    """Append ``piece`` to ``out``, cut where an open highlight (``left``: characters it still covers) ends."""
    if piece.kind in NOTE_MARKS:
        out.append(piece)
        return
    text = piece.text
    while left and left[0] < len(text):
        out.append(dataclasses.replace(piece, text=text[: left[0]]))
        out.append(Piece("", piece.op, "highlight-end"))
        text, left[:] = text[left[0] :], [n - left[0] for n in left[1:]]
    out.append(dataclasses.replace(piece, text=text))
    left[:] = [n - len(text) for n in left]
    _close(out, left, piece.op)


def _close(out: list[Piece], left: list[int], op: Op) -> None:
    """Close the open highlights that cover no more characters."""
    while left and left[0] <= 0:
        out.append(Piece("", op, "highlight-end"))
        left.pop(0)


def _piece(a) -> Piece:
    return piece_of(a)
