"""Stage 2: source text → lines of runs, with inline artefacts taken out.

After :func:`critic_runs` or :func:`plain_runs` every line is a list of :class:`Run`
(the ``"\\n"`` between lines is never inside a run).  After :func:`extract_artefacts`
the runs of a line hold no extraction artefact (``[bookmark: …]``, ``[footnoteRef:…]``,
footnote bodies ``[1: …]``); each artefact is kept with its offset so that the line
can be rebuilt exactly.
"""

from __future__ import annotations

import re

from itu_nb.errors import ParseError
from itu_nb.model import Artefact, Op, Run

CRITIC = re.compile(
    r"\{\+\+(?P<ins>.*?)\+\+\}"
    r"|\{--(?P<del>.*?)--\}"
    r"|\{~~(?P<old>.*?)~>(?P<new>.*?)~~\}"
    r"|\{==(?P<hl>.*?)==\}"
    r"|\{>>(?P<comment>.*?)<<\}",
    re.DOTALL,
)
CRITIC_OPENERS = ("{++", "{--", "{~~", "{==", "{>>")

INLINE_ARTEFACTS = re.compile(
    r"(?P<bookmark>\[bookmark: [^\]\n]*\])"
    r"|(?P<ref>\[footnoteRef:(?P<refno>\d+)\](?:(?P=refno)(?!\d))?)"
    r"|(?P<body>\[(?P<bodyno>\d+):[ \t](?:[^\[\]\n]|\[[^\]\n]*\])*\])"
)

#: A piece of a line: a run of text, or a comment to keep as an annotation.
Piece = Run | Artefact


def looks_like_critic(text: str) -> bool:
    """True when the text holds CriticMarkup change marks."""
    return bool(CRITIC.search(text[:2_000_000]))


def plain_runs(lines: list[str]) -> list[list[Piece]]:
    """Every line as one equal run."""
    return [[Run(Op.EQUAL, line)] if line else [] for line in lines]


def critic_runs(text: str, source: str, author: str | None = None, date: str | None = None) -> list[list[Piece]]:
    """Tokenise CriticMarkup into lines of runs.

    ``{++x++}`` → insert, ``{--x--}`` → delete, ``{~~a~>b~~}`` → delete a, insert b,
    ``{==x==}`` → equal (highlight marks dropped), ``{>>c<<}`` → a ``comment`` artefact.
    A mark may span lines: it is cut at each line break.  An opener without its closer
    raises :class:`ParseError` naming the line.
    """
    pieces: list[Piece] = []
    pos = 0
    for m in CRITIC.finditer(text):
        _check_unclosed(text, pos, m.start(), source)
        if m.start() > pos:
            pieces.append(Run(Op.EQUAL, text[pos : m.start()]))
        if m.group("ins") is not None:
            pieces.append(Run(Op.INSERT, m.group("ins"), author, date))
        elif m.group("del") is not None:
            pieces.append(Run(Op.DELETE, m.group("del"), author, date))
        elif m.group("old") is not None:
            pieces.append(Run(Op.DELETE, m.group("old"), author, date))
            pieces.append(Run(Op.INSERT, m.group("new"), author, date))
        elif m.group("hl") is not None:
            pieces.append(Run(Op.EQUAL, m.group("hl")))
        else:
            pieces.append(Artefact("comment", m.group("comment"), line=-1))
        pos = m.end()
    _check_unclosed(text, pos, len(text), source)
    if pos < len(text):
        pieces.append(Run(Op.EQUAL, text[pos:]))
    return _split_at_newlines(pieces)


def _check_unclosed(text: str, start: int, end: int, source: str) -> None:
    chunk = text[start:end]
    for opener in CRITIC_OPENERS:
        at = chunk.find(opener)
        if at >= 0:
            line = text.count("\n", 0, start + at) + 1
            raise ParseError(source, f"line {line}: CriticMarkup {opener!r} is never closed")


def _split_at_newlines(pieces: list[Piece]) -> list[list[Piece]]:
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        if isinstance(piece, Artefact):
            lines[-1].append(piece)
            continue
        parts = piece.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Run(piece.op, part, piece.author, piece.date, piece.inferred))
    return lines


def extract_artefacts(pieces: list[Piece], line: int) -> tuple[list[Run], list[Artefact]]:
    """Take inline artefacts out of one line's runs.

    Returns the runs (artefact text removed) and the artefacts, each with ``offset``
    = the position in the joined text of the returned runs where it stood.
    """
    runs: list[Run] = []
    arts: list[Artefact] = []
    pos = 0
    for piece in pieces:
        if isinstance(piece, Artefact):
            arts.append(Artefact(piece.kind, piece.text, line, pos, piece.op))
            continue
        last = 0
        for m in INLINE_ARTEFACTS.finditer(piece.text):
            before = piece.text[last : m.start()]
            if before:
                runs.append(Run(piece.op, before, piece.author, piece.date, piece.inferred))
                pos += len(before)
            kind = "bookmark" if m.group("bookmark") else "footnote-ref" if m.group("ref") else "footnote-body"
            arts.append(Artefact(kind, m.group(0), line, pos, piece.op))
            last = m.end()
        rest = piece.text[last:]
        if rest:
            runs.append(Run(piece.op, rest, piece.author, piece.date, piece.inferred))
            pos += len(rest)
    return runs, arts


FOOTNOTE_BODY = re.compile(r"^\[(?P<no>\d+):(?P<sep>[ \t]+)(?P<text>.*)\]$", re.DOTALL)
