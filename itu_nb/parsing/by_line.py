"""Stage 2 for a long CriticMarkup text: its usual lines read one by one, each straight to its stage-2 line.

:func:`~itu_nb.parsing.markup.critic_lines` reads a whole text into one list of pieces, cuts it into lines, and
:func:`~itu_nb.parsing.markup.extract_artefacts` then places each line's comments and highlights: several passes
over every piece, and a regular expression over every character.  A long text of varied changes (issue 17: a
million, 4.5 % comments and as many highlights) is mostly *usual lines*: no ``[`` (no inline artefact), and every
``{`` opens a mark that :data:`~itu_nb.parsing.stretches.MARKER` reads whole.  :func:`read_by_line` cuts such a
line before each ``{`` with ``str.split`` (a comment right after a mark's closer stays with the mark), so that each
piece is a mark and the text after it; what a distinct piece gives is made once (:func:`_Reader.entry`: its runs
of some text, their length, its artefacts and where they stand in it, its amended text), and a line is these joined
with a few C passes: its runs, and its artefacts at their offsets, the :class:`~itu_nb.parsing.nodes.SourceLine`
that :func:`~itu_nb.parsing._lines` made of the whole reader's pieces.  Every other line (a note, a ``{`` in the
text, a mark over a line break, a very long line) is read by the whole reader from its start, as far as its marks
need to close.  A short text is read whole, as before.
"""

from __future__ import annotations

from itertools import chain, compress, count, repeat
from operator import is_, itemgetter

from itu_nb.errors import ParseError
from itu_nb.model import Artefact, Op, Run
from itu_nb.parsing.frozen import equal_run
from itu_nb.parsing.markup import (
    MAX_NOTES,
    _check_notes,
    _marker,
    _scan,
    _split_at_newlines,
    _split_highlighted,
    critic_lines,
)
from itu_nb.parsing.nodes import SourceLine
from itu_nb.parsing.stretches import MARKER, MOST

__all__ = ["BY_LINE_FROM", "LONGEST", "read_by_line"]

#: Texts of at least this many characters are read line by line; shorter ones whole (:func:`critic_lines`): the
#: line reader's set-up is not worth it for them.
BY_LINE_FROM = 1 << 16
#: A longer line is read by the whole reader, which takes copies of one change at once
#: (:func:`~itu_nb.parsing.stretches.repeats`: a million ``{++a++}`` on one line).
LONGEST = MOST

if SourceLine.__slots__ != ("_plain", "_runs", "arts", "inferable", "main", "read_runs", "no"):
    raise ImportError("itu_nb.parsing.by_line: SourceLine's slots changed; update _source_line")

#: A ``{`` kept inside a piece of a line (that of a comment right after a mark's closer, :func:`_Reader.usual`);
#: a line that holds this character itself is left to the whole reader.
_KEPT = "\x00"
_GLUED = "}" + _KEPT + ">>"
_DELETE = Op.DELETE

# an entry: (runs of some text, their length, ((artefact, characters of runs before it), …) or None, amended text,
# whether it ends with a mark, comments and highlights as _check_notes counts them); a piece read otherwise is
# _ODD, whose runs (None) end the line's joining
_RUNS, _LENGTH, _ARTS, _AMENDED, _NOTES = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3), itemgetter(5)
_NOTHING = ((), 0, None, "", False, 0)
_ODD = (None, 0, None, "", False, 0)
_CLOSED = tuple(closer + "{>>@" for closer in ("++}", "--}", "~~}"))


def read_by_line(text: str, source: str, author: str | None = None, date: str | None = None) -> list:
    """:func:`critic_lines` of ``text``, except that a usual line (see above) with comments or highlights is given
    as the :class:`SourceLine` that :func:`~itu_nb.parsing._lines` makes of its pieces, and one without them as
    its runs of some text (the pieces ``_lines`` is given for it).  Errors as :func:`critic_lines` raises them.
    """
    if len(text) < BY_LINE_FROM:
        return critic_lines(text, source, author, date)
    return _Reader(text, source, author, date).lines()


def _notes(text: str, lo: int = 0, hi: int | None = None) -> int:
    """The comments and highlights of ``text[lo:hi]`` as :func:`~itu_nb.parsing.markup._check_notes` counts them."""
    hi = len(text) if hi is None else hi
    count = text.count("{==", lo, hi) + text.count("{>>", lo, hi)
    return count - sum(text.count(closed, lo, hi) for closed in _CLOSED) if count else 0


class _Reader:
    """One text read line by line (:func:`read_by_line`)."""

    def __init__(self, text: str, source: str, author: str | None, date: str | None):
        self.text, self.source, self.author, self.date = text, source, author, date
        # as critic_lines makes it: the one run of each text (by op), signed runs, the stretches' memo
        self.shared: dict = {Op.EQUAL: {}, Op.INSERT: {}, Op.DELETE: {}, "signed": {}, "signers": {}, "memo": {}}
        self.shared["odd"] = set()
        self.made: dict = {}  # piece of a usual line → its entry (see _NOTHING)
        #: comments and highlights read so far, counted as _check_notes counts them: once past MAX_NOTES, it raises
        #: (on the whole text, before reading further, as critic_lines does before reading at all)
        self.notes = 0

    def lines(self) -> list:
        """The stage-2 lines (see :func:`read_by_line`)."""
        text = self.text
        out: list = []
        usual, append, find = self.usual, out.append, text.find
        size, pos = len(text), 0
        while pos <= size:
            end = find("\n", pos)
            if end < 0:
                end = size
            line = text[pos:end]  # one line at a time (the text is not held twice)
            if "{" not in line:
                append(line or [])
                pos = end + 1
                continue
            # numbered by its place in ``out``, as _lines numbers critic_lines's (a comment over a line break is on one)
            got = usual(line, len(out)) if len(line) <= LONGEST and "[" not in line else None
            if got is not None:
                append(got)
                pos = end + 1
                continue
            pos = self.whole(pos, end, out)
        return out

    def usual(self, line: str, no: int):
        """The stage-2 line of ``line`` (number ``no``) when it is a usual line, else None.

        The line is cut before each ``{`` but that of a comment right after a mark's closer (``}{>>``, kept with
        the mark): each piece after the first is a mark, perhaps with that comment, then text without ``{``.
        """
        if _KEPT in line:
            return None
        chunks = line.replace("}{>>", _GLUED).split("{")
        head = chunks[0]
        if _KEPT in head:  # a "}{>>" before any other "{"
            return None
        got: list = list(map(self.made.get, chunks))
        got[0] = ((equal_run(head),), len(head), None, head, False, 0) if head else _NOTHING
        if None in got:
            for k in compress(count(), map(is_, got, repeat(None))):
                got[k] = self.entry(chunks[k])
        try:
            runs = list(chain.from_iterable(map(_RUNS, got)))
        except TypeError:  # an _ODD piece
            return None
        self.notes += sum(map(_NOTES, got))
        if self.notes > MAX_NOTES:
            _check_notes(self.text, self.source)
        arts: list[Artefact] = []
        base = done = 0
        for k in compress(count(), map(_ARTS, got)):
            base += sum(map(_LENGTH, got[done:k]))
            done = k
            for a, at in got[k][2]:
                arts.append(
                    Artefact(
                        a.kind, a.text, no, base + at, a.op, a.author, a.date, a.length, a.anchor, a.inserted, a.move
                    )
                )
        if not arts:
            return runs
        main = "".join(map(_AMENDED, got))
        if not main or main.isspace():  # the original text, then (SourceLine's rule)
            return SourceLine(no, runs, arts)
        return _source_line(no, runs, arts, main)

    def entry(self, chunk: str) -> tuple:
        """The entry of a piece of a usual line after its first (see :data:`_NOTHING`), made once."""
        made = self.made
        got = made.get(chunk)
        if got is not None:
            return got
        cut = chunk.rfind("}") + 1
        if 0 < cut < len(chunk) and chunk[cut] != _KEPT:  # a mark, then text: the mark's entry (made once), the text
            mark = self.entry(chunk[:cut])
            if mark[4]:
                tail = chunk[cut:]
                got = mark[0] + (equal_run(tail),), mark[1] + len(tail), mark[2], mark[3] + tail, False, mark[5]
        if got is None:
            got = self.read(chunk)
        made[chunk] = got
        return got

    def read(self, chunk: str) -> tuple:
        """The entry of ``chunk`` read as the whole reader's stretches read it (:data:`_ODD` unless marks read
        whole and text without ``{``).
        """
        whole = "{" + chunk.replace(_KEPT, "{")
        parts = MARKER.split(whole)
        if parts[0] or "{" in "".join(parts[2::2]):
            return _ODD
        runs: list[Run] = []
        arts: list = []
        size = 0
        for k, part in enumerate(parts):
            if not part:
                continue
            for p in _marker(self.author, self.date, self.shared, part) if k % 2 else (equal_run(part),):
                if p.__class__ is Artefact:
                    arts.append((p, size))
                elif p.text:
                    runs.append(p)
                    size += len(p.text)
        amended = "".join([r.text for r in runs if r.op is not _DELETE])
        return tuple(runs), size, tuple(arts) or None, amended, not parts[-1], _notes(whole)

    def whole(self, lo: int, hi: int, out: list) -> int:
        """Read the line ``text[lo:hi]`` and those after it with the whole reader, as many as its marks need to
        close; add their lines (of pieces) to ``out`` and return where the line after them starts.
        """
        text, size, more = self.text, len(self.text), 1
        split = _split_highlighted if "{==" in text else _split_at_newlines  # as critic_lines chooses
        while True:
            notes = _notes(text, lo, hi)  # counted before they are read
            if self.notes + notes > MAX_NOTES:
                _check_notes(text, self.source)
            shared = dict(self.shared, plain=[], stop=[len(text)], armed=False)  # as critic_lines starts
            try:
                pieces = _scan(text, lo, hi, self.source, self.author, self.date, True, shared)
            except ParseError:  # a mark not closed before the end: read further (at the text's end, the error)
                if hi == size:
                    _check_notes(text, self.source)  # too many comments: that error first, as critic_lines
                    raise
                for _ in range(more):  # twice as many lines as the last time
                    nxt = text.find("\n", hi + 1) if hi < size else -1
                    hi = size if nxt < 0 else nxt
                more *= 2
                continue
            self.notes += notes
            out += split(pieces, shared["plain"])
            return hi + 1


_new = object.__new__


def _source_line(no: int, runs: list[Run], arts: list[Artefact], main: str) -> SourceLine:
    """``SourceLine(no, runs, arts)`` whose amended text ``main`` (neither empty nor white space) is known."""
    line = _new(SourceLine)
    line.no, line._runs, line.arts, line.main = no, runs, arts, main
    line._plain, line.inferable, line.read_runs = False, True, None
    return line
