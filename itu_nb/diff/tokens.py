"""Text helpers for :mod:`itu_nb.diff.words`: tokens, sentences, their encoding as characters, common ends.

Nothing here diffs; :mod:`itu_nb.diff.words` is the module that calls diff-match-patch.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from itertools import chain, islice

__all__ = ["CAPACITY", "Coder", "block", "code", "encode", "sentences", "squash", "tokens", "trim"]

DELETE, EQUAL, INSERT = -1, 0, 1  # diff-match-patch's ops

# Words keep inner hyphens, slashes, dots and apostrophes ("WTDC-14", "68/167",
# "1.1", "Union's"), so a changed number or citation is one token.
# Possessive quantifiers (Python 3.11+) give the same tokens without keeping backtracking states
# (nothing follows a match to backtrack for); Python 3.10 has none and takes the plain pattern.
_TOKEN = re.compile(
    r"\w++(?:[-\u2010\u2011'\u2019./:]\w++)*+|\s++|[^\w\s]"
    if sys.version_info >= (3, 11)
    else r"\w+(?:[-\u2010\u2011'\u2019./:]\w+)*|\s+|[^\w\s]"
)
_SENTENCE = re.compile(r"[^.;!?\n]+[.;!?\n]*\s*|[.;!?\n]+\s*")
_NEWLINE = re.compile(r"[\n\r\u2028\u2029]")
_SPACES = re.compile(r"\s+")

# Private-use code points: neither letters nor spaces for either backend, so the
# semantic cleanup scores every token boundary alike and both backends agree.
_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
CAPACITY = sum(b - a + 1 for a, b in _RANGES)
_FIRST = _RANGES[0][1] - _RANGES[0][0] + 1  # codes in the first range (the Basic Multilingual Plane's)


def code(n: int) -> str:
    """The one-character code of token number ``n`` (private-use code points; OverflowError past CAPACITY)."""
    for lo, hi in _RANGES:
        if n <= hi - lo:
            return chr(lo + n)
        n -= hi - lo + 1
    raise OverflowError


def tokens(text: str) -> list[str]:
    """Cut ``text`` into word, whitespace and punctuation tokens; they join back to ``text``."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """Cut ``text`` into sentence-like pieces (ending in ``.;!?`` or a line break); they join back to ``text``."""
    return _SENTENCE.findall(text)


def encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """One private-use character per distinct token (whitespace by kind); raises OverflowError past capacity."""
    return Coder().encode(a, b)


class Coder:
    """Token → private-use character, one table kept over several diffs (the word diffs of one comparison).

    A diff only asks whether two characters are equal (every code is a private-use character, so the
    semantic cleanup scores them all alike): which code a token gets does not change any diff, so the
    diffs of one comparison can share the table, and each one codes only the tokens no earlier diff had
    (most words of a text recur from clause to clause).  Whitespace is coded by kind: spaces, no-break
    spaces and tabs alike, runs holding a line break apart.  When the table would pass
    :data:`CAPACITY`, it starts afresh for the diff at hand, which then raises OverflowError only if
    its own tokens do not fit, as a table of its own would.
    """

    __slots__ = ("kinds", "n", "table")

    def __init__(self) -> None:
        self.table: dict[str, str] = _codes_from(0)
        self.kinds: dict[str, str] = {}  # " " or "\n" -> the code of that kind of whitespace
        self.n = 0  # codes given so far

    def encode(self, a: list[str], b: list[str]) -> tuple[str, str]:
        """The two token lists as strings of codes, one character per token."""
        table = self.table
        if self.n + len(a) + len(b) <= CAPACITY - 2:
            # The usual case: one C-level pass per side.  The table gives a token it lacks the next
            # free code as it is looked up; a new whitespace token is then given its kind's code
            # instead (the code it took stays unused) and the diff coded again.  Every token fits.
            before = len(table)
            get = table.__getitem__
            ea, eb = "".join(map(get, a)), "".join(map(get, b))
            added = len(table) - before
            if added:
                self.n += added
                spaces = [t for t in islice(reversed(table), added) if t[0].isspace()]
                if spaces:
                    self._space(spaces)
                    ea, eb = "".join(map(get, a)), "".join(map(get, b))
            return ea, eb
        new = set(a).union(b).difference(table)
        if new:
            if self.n + len(new) > CAPACITY - 2:  # may not fit beside what earlier diffs coded
                self.table, self.kinds, self.n = _codes_from(0), {}, 0
                table = self.table
                new = set(a).union(b)
            try:
                self._add(new)
            except OverflowError:  # half coded: the next diff starts afresh
                self.table, self.kinds, self.n = _codes_from(0), {}, 0
                raise
            table.default_factory = _codes_from(self.n).default_factory  # type: ignore[attr-defined]
        get = table.__getitem__
        return "".join(map(get, a)), "".join(map(get, b))

    def _space(self, spaces: list[str]) -> None:
        """Give each of these whitespace tokens the code of its kind (a line break or not)."""
        kinds, table = self.kinds, self.table
        for t in spaces:
            kind = "\n" if _NEWLINE.search(t) else " "
            c = kinds.get(kind)
            if c is None:
                c = kinds[kind] = code(self.n)
                self.n += 1
                table.default_factory = _codes_from(self.n).default_factory  # type: ignore[attr-defined]
            table[t] = c

    def _add(self, new: set[str]) -> None:
        table = self.table
        words = [t for t in new if not t[0].isspace()]
        n, k = self.n, len(words)
        if n + k + 2 <= _FIRST:  # the usual case: codes in bulk, no call per token
            table.update(zip(words, map(chr, range(_RANGES[0][0] + n, _RANGES[0][0] + n + k)), strict=True))
        else:
            table.update((t, code(n + i)) for i, t in enumerate(words))
        n += k
        kinds = self.kinds
        for t in new.difference(words):
            kind = "\n" if _NEWLINE.search(t) else " "
            c = kinds.get(kind)
            if c is None:
                c = kinds[kind] = code(n)
                n += 1
            table[t] = c
        self.n = n


def _codes_from(n: int) -> defaultdict[str, str]:
    """An empty token table that gives a token it lacks code ``n``, then ``n + 1``…, each once (C-level).

    Past :data:`CAPACITY` it would give no code (the iterator ends): :meth:`Coder.encode` takes this
    path only for diffs that fit.
    """
    starts = []
    for lo, hi in _RANGES:
        starts.append(range(lo + min(n, hi - lo + 1), hi + 1))
        n = max(0, n - (hi - lo + 1))
    return defaultdict(map(chr, chain(*starts)).__next__)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix: galloping, then binary search on slice equality (C speed)."""
    top = min(len(a), len(b))
    hi = 16
    while hi < top and a[:hi] == b[:hi]:
        hi *= 2
    lo, hi = hi // 2 if hi > 16 else 0, min(hi, top)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    hi = 16
    while hi < limit and a[len(a) - hi :] == b[len(b) - hi :]:
        hi *= 2
    lo, hi = hi // 2 if hi > 16 else 0, min(hi, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


# The boundaries :func:`trim` cuts at: just after a whitespace character whose next character is not one.
# ``_LAST_BOUNDARY`` matched (greedy) up to ``p`` ends at the last such boundary before ``p``;
# ``_NEXT_BOUNDARY`` searched from a position ends at the first one after it.
_LAST_BOUNDARY = re.compile(r"(?s).*\s(?=\S)")
_NEXT_BOUNDARY = re.compile(r"\s(?=\S)")


def trim(a: str, b: str) -> tuple[int, int]:
    """Lengths of a common prefix and suffix that end and start at token boundaries in both texts.

    A boundary is taken just after a whitespace character whose next character is
    a common non-space one, so no token straddles it in either text.
    """
    p = _common_prefix(a, b)
    s = _common_suffix(a, b, min(len(a), len(b)) - p)
    # the last boundary whose next character is still inside the common prefix (a[cut] at cut < p)
    m = _LAST_BOUNDARY.match(a, 0, p) if p > 1 else None
    cut = m.end() if m is not None else 0
    # the first boundary after the suffix's first character: a[q - 1] at q - 1 >= len(a) - s
    m = _NEXT_BOUNDARY.search(a, len(a) - s) if s else None
    return cut, (len(a) - m.end() if m is not None else 0)


def block(a: str, b: str) -> list[tuple[int, str]]:
    """Keep the common prefix and suffix (whole tokens), replace the middle."""
    ta, tb = tokens(a), tokens(b)
    p = 0
    while p < min(len(ta), len(tb)) and ta[p] == tb[p]:
        p += 1
    s = 0
    while s < min(len(ta), len(tb)) - p and ta[-1 - s] == tb[-1 - s]:
        s += 1
    head = "".join(ta[:p])
    tail = "".join(ta[len(ta) - s :])
    mid_a = "".join(ta[p : len(ta) - s])
    mid_b = "".join(tb[p : len(tb) - s])
    ops = [(EQUAL, head), (DELETE, mid_a), (INSERT, mid_b), (EQUAL, tail)]
    return [(op, t) for op, t in ops if t]


def squash(text: str) -> str:
    """Each run of whitespace as one space, or one line break when it holds one."""
    return _SPACES.sub(lambda m: "\n" if _NEWLINE.search(m.group()) else " ", text)
