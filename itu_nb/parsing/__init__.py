"""Text → clause tree, in stages: normalise → markup/artefacts → (inference) → tree."""

from __future__ import annotations

from itu_nb.model import Artefact, Document, Op, Run
from itu_nb.parsing.document import SourceLine, build_document
from itu_nb.parsing.infer import MAYBE_SHAPES
from itu_nb.parsing.markup import critic_runs, extract_artefacts
from itu_nb.parsing.normalise import line_notes, split_lines

__all__ = ["parse_critic", "parse_text"]


def _lines(pieces_by_line, brackets: bool) -> list[SourceLine]:
    """Stage-2 lines from lines of pieces; ``brackets``: whether the text holds a "[" at all."""
    out = []
    for no, pieces in enumerate(pieces_by_line):
        if len(pieces) == 1 and _plain(pieces[0]):
            out.append(SourceLine.plain(no, pieces[0].text))
        elif brackets or any(type(p) is Artefact for p in pieces):
            runs, arts = extract_artefacts(pieces, no)
            out.append(SourceLine(no, runs, arts))
        else:  # runs alone, and no inline artefact can start in them: as they are
            out.append(SourceLine(no, pieces, []))
    return out


def _plain(piece) -> bool:
    """An equal run without author, date, flag or move, in which no inline artefact can start."""
    return (
        isinstance(piece, Run)
        and piece.op is Op.EQUAL
        and piece.author is None
        and piece.date is None
        and not piece.inferred
        and piece.move is None
        and "[" not in piece.text
    )


def parse_text(text: str, *, source: str = "<text>", infer: bool = True) -> Document:
    """Parse plain text (a flattened extraction, or a clean text) into a Document.

    With ``infer=True`` the replacements that the text itself proves (double labels,
    run-together citations and periods) are recovered and flagged as inferred.
    """
    text, notes = line_notes(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as split_lines does
    # positions where inference may find something (most lines have none): one search of the text
    hits = [m.start() for m in MAYBE_SHAPES.finditer(text)] if infer else []
    lines = []
    pos = h = 0
    for no, line in enumerate(text.split("\n")):
        end = pos + len(line)
        shaped = False
        if h < len(hits) and hits[h] < end:
            shaped = True
            while h < len(hits) and hits[h] < end:
                h += 1
        if shaped or "[" in line:  # inference may find something, or an inline artefact may start here
            runs, arts = extract_artefacts([Run(Op.EQUAL, line)] if line else [], no)
            lines.append(SourceLine(no, runs, arts))
        else:
            lines.append(SourceLine.plain(no, line))
        pos = end + 1
    return build_document(lines, source=source, fmt="text", infer=infer, line_notes=notes)


def parse_critic(text: str, *, source: str = "<text>", author: str | None = None, date: str | None = None) -> Document:
    """Parse CriticMarkup text into a Document whose runs carry the marked changes."""
    text, notes = line_notes("\n".join(split_lines(text)))
    return build_document(
        _lines(critic_runs(text, source, author, date), "[" in text),
        source=source,
        fmt="criticmarkup",
        line_notes=notes,
    )
