"""Stage 2: the pieces of a whole CriticMarkup text cut into lines.

:func:`~itu_nb.parsing.critic_read.critic_lines` reads a text into one list of pieces (:data:`Piece`: runs and
artefacts); :func:`_split_at_newlines` and :func:`_split_highlighted` cut it at each line break, a highlight over
one cut too (one per line).  Split from :mod:`itu_nb.parsing.markup` (session 19), code unchanged.
"""

from __future__ import annotations

from itu_nb.model import Artefact, Op, Run
from itu_nb.parsing.frozen import run as make_run

#: A piece of a line: a run of text, or a comment to keep as an annotation.
Piece = Run | Artefact


def _split_at_newlines(pieces: list[Piece], plain: list[tuple[int, int]] = ()) -> list:  # type: ignore[assignment]
    """The pieces cut into lines, when no highlight is among them (else :func:`_split_highlighted`).

    A line that a piece of equal text without author, date or flag holds whole (between two of its
    line breaks) is that text, a ``str``; every other line is a list of pieces.  ``plain``: (start, end)
    of stretches of pieces known to be of some text without a line break (in order, not overlapping).
    """
    # the pieces to look at (a line break in them, or an empty run to drop); the others are
    # taken over in slices, as they are
    odd: list[int] = []
    at = 0
    for start, end in (*plain, (len(pieces), len(pieces))):
        odd += [i for i in range(at, start) if not pieces[i].text or "\n" in pieces[i].text]
        at = end
    lines: list = [[]]
    done = 0
    for i in odd:
        lines[-1].extend(pieces[done:i])
        done = i + 1
        piece = pieces[i]
        if isinstance(piece, Artefact):
            lines[-1].append(piece)
            continue
        parts = piece.text.split("\n")
        op, who, when, flag, move = piece.op, piece.author, piece.date, piece.inferred, piece.move
        if parts[0]:
            lines[-1].append(make_run(op, parts[0], who, when, flag, move))
        if len(parts) == 1:
            continue
        if op is Op.EQUAL and who is None and when is None and not flag and move is None:
            lines += [part or [] for part in parts[1:-1]]  # whole lines of plain text: as strings
        else:
            lines += [[make_run(op, part, who, when, flag, move)] if part else [] for part in parts[1:-1]]
        lines.append([make_run(op, parts[-1], who, when, flag, move)] if parts[-1] else [])
    lines[-1].extend(pieces[done:])
    return lines


def _split_highlighted(pieces: list[Piece], plain: list[tuple[int, int]] = ()) -> list[list[Piece]]:  # type: ignore[assignment]
    """The pieces cut into lines; a highlight over a line break is cut too, one per line (``length``
    counts the characters of the runs it covers on its line).  ``plain``: as for :func:`_split_at_newlines`;
    such a stretch is taken as it is when no highlight is open before it (one made in a change there covers
    no character).
    """
    lines: list[list[Piece]] = [[]]
    lit: list = []  # the open highlight: [line, index in the line, characters still to cover, covered]
    cuts, at = [], 0  # (start, end, plain) of each stretch of pieces, in order
    for start, end in plain:
        cuts += [(at, start, False), (start, end, True)]
        at = end
    cuts.append((at, len(pieces), False))
    for start, end, whole in cuts:
        if whole and not (lit and lit[2] > 0):
            lines[-1] += pieces[start:end]
            continue
        _cut_highlighted(pieces[start:end], lines, lit)
    return lines


def _cut_highlighted(pieces: list[Piece], lines: list[list[Piece]], lit: list) -> None:
    """The loop of :func:`_split_highlighted` over ``pieces``, adding to ``lines``; ``lit``: the open highlight."""
    for piece in pieces:
        if isinstance(piece, Artefact):
            if piece.kind == "highlight":
                lit[:] = [lines[-1], len(lines[-1]), piece.length, 0]
            lines[-1].append(piece)
            continue
        if "\n" not in piece.text:  # the piece stays whole on its line (the usual case): no copy of it
            if piece.text:
                lines[-1].append(piece)
            if lit and lit[2] > 0:
                took = min(len(piece.text), lit[2])
                lit[2] -= took
                lit[3] += took
                if not lit[2] and lit[3] != lit[0][lit[1]].length:
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])
            continue
        parts = piece.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                if lit and lit[2] > 0:  # the highlight goes on after the line break: close it, open one after
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])
                    lit[2] -= 1
                lines.append([])
                if lit and lit[2] > 0:
                    lines[-1].append(Artefact("highlight", "", line=-1, length=lit[2]))
                    lit[:] = [lines[-1], 0, lit[2], 0]
            if part:
                lines[-1].append(make_run(piece.op, part, piece.author, piece.date, piece.inferred, piece.move))
            if lit and lit[2] > 0:
                took = min(len(part), lit[2])
                lit[2] -= took
                lit[3] += took
                if not lit[2] and lit[3] != lit[0][lit[1]].length:
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])


def _with_length(art: Artefact, length: int) -> Artefact:
    """``art`` with another ``length`` (the constructor: ``dataclasses.replace`` costs several times more)."""
    return Artefact(
        art.kind, art.text, art.line, art.offset, art.op, art.author, art.date, length, art.anchor, art.inserted
    )
