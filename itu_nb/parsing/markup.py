r"""Stage 2: source text → lines of runs, with inline artefacts taken out.

After :func:`critic_runs` or :func:`plain_runs` every line is a list of :class:`Run`
(the ``"\n"`` between lines is never inside a run).  After :func:`extract_artefacts`
the runs of a line hold no extraction artefact (``[bookmark: …]``, ``[footnoteRef:…]``,
footnote bodies ``[1: …]``); each artefact is kept with its offset so that the line
can be rebuilt exactly.
"""

from __future__ import annotations

import re

from itu_nb.errors import ParseError
from itu_nb.model import Artefact, Op, Run

#: CriticMarkup marks: opener → closer.
CRITIC_MARKS = {"{++": "++}", "{--": "--}", "{~~": "~~}", "{==": "==}", "{>>": "<<}"}
_OPENER = re.compile(r"\{(?:\+\+|--|~~|==|>>)")
#: Text without "{", then an insertion or a deletion closed by the first closer after its opener:
#: what the loop of :func:`critic_runs` reads at most steps, here in one match.  When it does not
#: match (another mark, a "{" in the text, an opener never closed) the loop takes one step itself.
_SIMPLE = re.compile(r"([^{]*)(?:\{\+\+(.*?)\+\+\}|\{--(.*?)--\})", re.DOTALL)

INLINE_ARTEFACTS = re.compile(
    r"(?P<bookmark>\[bookmark: [^\]\n]*\])"
    r"|(?P<ref>\[footnoteRef:(?P<refno>\d+)\](?:(?P=refno)(?!\d))?)"
    r"|(?P<body>\[(?P<bodyno>\d+):[ \t])"  # a footnote body: its end is the matching "]"
)

#: A piece of a line: a run of text, or a comment to keep as an annotation.
Piece = Run | Artefact


def looks_like_critic(text: str) -> bool:
    """True when the text holds a CriticMarkup mark that is closed."""
    m = _OPENER.search(text, 0, 2_000_000)
    return m is not None and text.find(CRITIC_MARKS[m.group(0)], m.end()) >= 0


def plain_runs(lines: list[str]) -> list[list[Piece]]:
    """Every line as one equal run."""
    return [[Run(Op.EQUAL, line)] if line else [] for line in lines]


#: How an export stores clause keys in CriticMarkup: ``{>>itu_nb keys: ["<key>", …]<<}``, one key
#: per clause in reading order (see :func:`itu_nb.export.lines.keys_to_store`).
KEYS_COMMENT = "itu_nb keys: "


def stored_keys(artefacts) -> list | None:
    """The clause keys stored in a ``keys`` artefact (see :data:`KEYS_COMMENT`), None when there is none."""
    import json

    for art in artefacts:
        if art.kind == "keys":
            try:
                got = json.loads(art.text[len(KEYS_COMMENT) :])
            except ValueError:
                return None
            return got if isinstance(got, list) else None  # Proposal.with_keys checks the entries
    return None


def critic_runs(text: str, source: str, author: str | None = None, date: str | None = None) -> list[list[Piece]]:
    """Tokenise CriticMarkup into lines of runs, in one linear pass.

    ``{++x++}`` → insert, ``{--x--}`` → delete, ``{~~a~>b~~}`` → delete a, insert b,
    ``{==x==}`` → equal (highlight marks dropped), ``{>>c<<}`` → a ``comment`` artefact.
    A mark may span lines: it is cut at each line break.  An opener without its closer
    raises :class:`ParseError` naming the line.
    """
    pieces: list[Piece] = []
    append = pieces.append
    pos = 0
    # runs are immutable: equal ones are one object (a million "{++a++}" are a million equal runs)
    shared: dict[Op, dict[str, Run]] = {Op.EQUAL: {}, Op.INSERT: {}, Op.DELETE: {}}
    equals, inserts, deletes = shared[Op.EQUAL], shared[Op.INSERT], shared[Op.DELETE]

    def run(op: Op, inner: str) -> Run:
        got = shared[op].get(inner)
        if got is None:
            got = shared[op][inner] = Run(op, inner, author, date) if op is not Op.EQUAL else Run(op, inner)
        return got

    search, find, marks, simple = _OPENER.search, text.find, CRITIC_MARKS, _SIMPLE.match
    while True:
        f = simple(text, pos)
        while f is not None:  # the usual step, in one match: text without "{", then {++…++} or {--…--}
            equal, inserted, deleted = f.group(1, 2, 3)
            if equal:
                r = equals.get(equal)
                if r is None:
                    r = equals[equal] = Run(Op.EQUAL, equal)
                append(r)
            if inserted is not None:
                r = inserts.get(inserted)
                if r is None:
                    r = inserts[inserted] = Run(Op.INSERT, inserted, author, date)
            else:
                r = deletes.get(deleted)
                if r is None:
                    r = deletes[deleted] = Run(Op.DELETE, deleted, author, date)
            append(r)
            pos = f.end()
            f = simple(text, pos)
        m = search(text, pos)
        if m is None:
            break
        opener = m.group(0)
        start = m.start()
        end = find(marks[opener], start + 3)
        if end < 0:
            line = text.count("\n", 0, start) + 1
            raise ParseError(source, f"line {line}: CriticMarkup {opener!r} is never closed")
        if start > pos:
            pieces.append(run(Op.EQUAL, text[pos:start]))
        inner = text[start + 3 : end]
        if opener == "{++":
            pieces.append(run(Op.INSERT, inner))
        elif opener == "{--":
            pieces.append(run(Op.DELETE, inner))
        elif opener == "{~~":
            old, arrow, new = inner.partition("~>")
            if not arrow:
                line = text.count("\n", 0, m.start()) + 1
                raise ParseError(source, f"line {line}: CriticMarkup substitution without '~>'")
            pieces += [run(Op.DELETE, old), run(Op.INSERT, new)]
        elif opener == "{==":
            pieces.append(Run(Op.EQUAL, inner))
        else:
            kind = "keys" if inner.startswith(KEYS_COMMENT) else "comment"
            pieces.append(Artefact(kind, inner, line=-1))
        pos = end + 3
    if pos < len(text):
        pieces.append(Run(Op.EQUAL, text[pos:]))
    return _split_at_newlines(pieces)


def _split_at_newlines(pieces: list[Piece]) -> list[list[Piece]]:
    # the pieces to look at (a line break in them, or an empty run to drop); the others are
    # taken over in slices, as they are
    odd = [i for i, p in enumerate(pieces) if not p.text or "\n" in p.text]
    lines: list[list[Piece]] = [[]]
    done = 0
    for i in odd:
        lines[-1].extend(pieces[done:i])
        done = i + 1
        piece = pieces[i]
        if isinstance(piece, Artefact):
            lines[-1].append(piece)
            continue
        parts = piece.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(Run(piece.op, part, piece.author, piece.date, piece.inferred))
    lines[-1].extend(pieces[done:])
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
        if "[" not in piece.text:  # no artefact can start here: the run as it is
            if piece.text:
                runs.append(piece)
                pos += len(piece.text)
            continue
        last = 0
        closing = _closing_brackets(piece.text)
        for m in INLINE_ARTEFACTS.finditer(piece.text):
            if m.start() < last:
                continue
            end = m.end()
            if m.group("body"):
                if m.start() not in closing:
                    continue  # "[1: " never closed on this line: ordinary text
                end = closing[m.start()] + 1
            before = piece.text[last : m.start()]
            if before:
                runs.append(Run(piece.op, before, piece.author, piece.date, piece.inferred))
                pos += len(before)
            kind = "bookmark" if m.group("bookmark") else "footnote-ref" if m.group("ref") else "footnote-body"
            arts.append(Artefact(kind, piece.text[m.start() : end], line, pos, piece.op))
            last = end
        rest = piece.text[last:]
        if rest:
            runs.append(Run(piece.op, rest, piece.author, piece.date, piece.inferred))
            pos += len(rest)
    return runs, arts


def _closing_brackets(text: str) -> dict[int, int]:
    """Position of each "[" → position of its matching "]" (one linear pass)."""
    stack: list[int] = []
    match: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch == "[":
            stack.append(i)
        elif ch == "]" and stack:
            match[stack.pop()] = i
    return match


FOOTNOTE_BODY = re.compile(r"^\[(?P<no>\d+):(?P<sep>[ \t]+)(?P<text>.*)\]$", re.DOTALL)
