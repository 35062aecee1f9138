"""Text → clause tree, in stages: normalise → markup/artefacts → (inference) → tree."""

from __future__ import annotations

from itu_nb.model import Document
from itu_nb.parsing.document import SourceLine, build_document
from itu_nb.parsing.markup import critic_runs, extract_artefacts, plain_runs
from itu_nb.parsing.normalise import split_lines

__all__ = ["parse_critic", "parse_text"]


def _lines(pieces_by_line) -> list[SourceLine]:
    out = []
    for no, pieces in enumerate(pieces_by_line):
        runs, arts = extract_artefacts(pieces, no)
        out.append(SourceLine(no, runs, arts))
    return out


def parse_text(text: str, *, source: str = "<text>", infer: bool = True) -> Document:
    """Parse plain text (a flattened extraction, or a clean text) into a Document.

    With ``infer=True`` the replacements that the text itself proves (double labels,
    run-together citations and periods) are recovered and flagged as inferred.
    """
    return build_document(_lines(plain_runs(split_lines(text))), source=source, fmt="text", infer=infer)


def parse_critic(text: str, *, source: str = "<text>", author: str | None = None, date: str | None = None) -> Document:
    """Parse CriticMarkup text into a Document whose runs carry the marked changes."""
    text = "\n".join(split_lines(text))
    return build_document(_lines(critic_runs(text, source, author, date)), source=source, fmt="criticmarkup")
