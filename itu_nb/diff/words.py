r"""Word-level text diffs: the only module that imports diff-match-patch.

:func:`diff_words` turns two strings into a list of ``(op, text)`` pairs in
diff-match-patch's vocabulary (-1 delete, 0 equal, 1 insert) whose old side
(ops -1 and 0) joins back to the first string and whose new side (ops 0 and 1)
to the second, exactly.

How
---
The texts are cut into tokens (words, runs of whitespace, single punctuation
marks); each distinct token becomes one private-use character, like
diff-match-patch's ``linesToChars`` trick does for lines.  diff-match-patch then
diffs the two character strings and its semantic cleanup merges small equalities
away, so a change never splits a word ("te[x→s]t" cannot happen) and a one-word
change in a repetitive text stays a one-word change.  Runs of whitespace are
compared by kind only (spaces and no-break spaces alike, line breaks apart), so
"Resolution\xa0130" and "Resolution 130" align word for word; where the
characters differ the runs still show it as a delete + insert of the whitespace.

Backends
--------
The C++ ``fast_diff_match_patch`` is used when installed, else the pure-Python
``diff_match_patch``.  Both run the same algorithm with the same settings and,
within the time bound, give identical results (a test checks it); pass
``backend="python"`` or ``"cpp"`` to choose.

The C++ port (fast-diff-match-patch 2.1.0) reads the process CPU clock (``clock()``, a system
call: no vDSO for that clock) at every step of its bisection, whatever ``timelimit`` is: about
2,500 calls per comparison of Resolution 130 as adopted with Brazil's B/67/4 (strace), half the
CPU time of its diffs there (user and system time alike, ``os.times``), and none of it counted by
callgrind, which counts user-space instructions only.

Bounds and fallbacks
--------------------
Each diff gets ``timeout`` seconds (default :data:`TIMEOUT`).  When the input is
plainly hopeless for a token diff (both sides very long and their words mostly
differ) or diff-match-patch reaches the time limit, the texts are diffed again
at sentence level (tokens = sentences), and if that too runs out of time, as one
block: common prefix and suffix kept, the middle replaced.  The result says
which ``level`` it reached and why (``reason``).  A single call therefore ends
after about ``2 × timeout`` plus linear work.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

try:  # the C++ port; optional
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None
from diff_match_patch import diff_match_patch as _DMP

from itu_nb.diff.decoding import absorb, decode
from itu_nb.diff.tokens import (
    CAPACITY,
    DELETE,
    EQUAL,
    INSERT,
    Coder,
    block,
    code,
    encode,
    sentences,
    squash,
    tokens,
    trim,
)

__all__ = [
    "BACKEND",
    "TIMEOUT",
    "WordDiff",
    "diff_sequences",
    "diff_words",
    "sentences",
    "tokens",
]

#: The backend used when none is asked for.
BACKEND = "cpp" if _fast is not None else "python"
#: Seconds one diff may take before it falls back to a coarser level.
TIMEOUT = 1.0
#: Token-diff work ((n + m) × lower bound of the edit distance) above which a
#: diff goes straight to sentence level, per backend.
WORK_LIMIT = {"cpp": 4e9, "python": 4e7}


@dataclass(frozen=True)
class WordDiff:
    """The result of :func:`diff_words`.

    Attributes
    ----------
    ops : tuple of (int, str)
        ``(op, text)`` with op -1, 0 or 1; neighbouring ops differ.
    level : str
        ``"word"`` (the normal case), ``"sentence"`` or ``"block"`` when it fell back.
    reason : str or None
        Why it fell back, in words; None at word level.
    """

    ops: tuple[tuple[int, str], ...]
    level: str = "word"
    reason: str | None = None

    @property
    def coarse(self) -> bool:
        """Whether the diff fell back to sentences or blocks instead of words."""
        return self.level != "word"


_OPS = {"-": DELETE, "=": EQUAL, "+": INSERT}


def _dmp(a: str, b: str, backend: str, timeout: float, semantic: bool = True) -> tuple[list[tuple[int, int]], bool]:
    """Diff two encoded strings: ``[(op, length)]`` and whether the time limit was reached."""
    start = time.perf_counter()
    if backend == "cpp":
        if _fast is None:
            raise ValueError("backend 'cpp' needs the fast-diff-match-patch package (pip install itu_nb[fast])")
        cleanup = "Semantic" if semantic else "No"
        raw = _fast.diff(a, b, timelimit=timeout, checklines=False, cleanup=cleanup, counts_only=True)
        ops = [(_OPS[op], n) for op, n in raw]
    elif backend == "python":
        dmp = _DMP()
        dmp.Diff_Timeout = timeout
        diffs = dmp.diff_main(a, b, False)
        if semantic:
            dmp.diff_cleanupSemantic(diffs)
        ops = [(op, len(text)) for op, text in diffs]
    else:
        raise ValueError(f"unknown diff backend {backend!r}; use 'cpp' or 'python'")
    return ops, time.perf_counter() - start >= timeout * 0.95


def diff_sequences(
    a: Sequence[Hashable], b: Sequence[Hashable], *, timeout: float = TIMEOUT, backend: str | None = None
) -> tuple[list[tuple[int, int]], bool]:
    """Align two sequences of hashable items (e.g. clause texts) without cleanup.

    Returns ``[(op, count)]`` (a longest common subsequence as equal runs) and
    whether the time limit was reached (then fewer items are aligned than could be).

    Items found on one side only cannot be part of a common subsequence, so only
    the items found on both sides are diffed (a heavily rewritten text has few);
    the others are put back as deletions and insertions between the equal runs.
    """
    if a == b:
        return ([(EQUAL, len(a))] if a else []), False
    common = set(a).intersection(b)
    keep_a = [k for k, x in enumerate(a) if x in common]
    keep_b = [k for k, x in enumerate(b) if x in common]
    late = False
    if len(common) >= CAPACITY:
        equal: list[tuple[int, int]] = []
        late = True
    else:
        table = {x: code(k) for k, x in enumerate(common)}
        ea = "".join([table[a[k]] for k in keep_a])
        eb = "".join([table[b[k]] for k in keep_b])
        if ea == eb:
            equal = list(zip(keep_a, keep_b, strict=True))
        else:
            ops, late = _dmp(ea, eb, backend or BACKEND, timeout, semantic=False)
            equal, p, q = [], 0, 0
            for op, n in ops:
                if op == EQUAL:
                    equal.extend(zip(keep_a[p : p + n], keep_b[q : q + n], strict=True))
                if op != INSERT:
                    p += n
                if op != DELETE:
                    q += n
    out: list[tuple[int, int]] = []
    i = j = 0
    for x, y in [*equal, (len(a), len(b))]:
        for op, n in ((DELETE, x - i), (INSERT, y - j), (EQUAL, int(x < len(a)))):
            if not n:
                continue
            if out and out[-1][0] == op:
                out[-1] = (op, out[-1][1] + n)
            else:
                out.append((op, n))
        i, j = x + 1, y + 1
    return out, late


def _too_much_work(ea: str, eb: str, backend: str) -> bool:
    if len(ea) * len(eb) < 25_000_000:
        return False
    ca, cb = Counter(ea), Counter(eb)
    bound = sum(((ca - cb) + (cb - ca)).values())  # edit distance is at least this
    return (len(ea) + len(eb)) * bound > WORK_LIMIT[backend]


def diff_words(
    a: str,
    b: str,
    *,
    timeout: float = TIMEOUT,
    backend: str | None = None,
    level: str = "word",
    ignore_whitespace: bool = False,
    coder: Coder | None = None,
) -> WordDiff:
    """Diff two texts word by word.

    Parameters
    ----------
    a, b : str
        The old and the new text.
    timeout : float
        Seconds each attempt may take (must be > 0: the bound is what makes a
        pathological input finish).
    backend : {"cpp", "python"}, optional
        Defaults to :data:`BACKEND`.
    level : {"word", "sentence", "block"}
        Start at a coarser level directly (used when a comparison ran out of its budget).
    ignore_whitespace : bool
        Treat runs of whitespace of the same kind (spaces, no-break spaces, tabs; or
        line breaks) as equal: they come out as equal runs with the new text, so the
        old side matches ``a`` only up to whitespace.  By default they are a change.
    coder : Coder, optional
        A :class:`~itu_nb.diff.tokens.Coder` shared by the word diffs of one comparison
        (:func:`itu_nb.diff.twoway.compare` passes one): each diff then codes only the words
        no earlier one had.  The diff is the same with or without.

    Returns
    -------
    WordDiff
        ``ops`` whose old side joins to ``a`` and new side to ``b``.

    Examples
    --------
    >>> diff_words("the old text", "the new text").ops
    ((0, 'the '), (-1, 'old'), (1, 'new'), (0, ' text'))
    """
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    backend = backend or BACKEND
    done = _trivial(a, b, ignore_whitespace, "", "")
    if done is not None:
        return done
    head = tail = ""  # common ends, whole tokens: equal runs around the diff of the middle
    p, s = trim(a, b) if level != "block" else (0, 0)
    if p or s:
        head, tail = a[:p], a[len(a) - s :]
        a, b = a[p : len(a) - s], b[p : len(b) - s]
        done = _trivial(a, b, ignore_whitespace, head, tail)
        if done is not None:
            return done
        # No second trim: the cut-back prefix ends at the last token boundary inside the common
        # prefix and the suffix starts at the first one inside the common suffix (both middles
        # reach past the first difference), so trimming the middles again finds nothing to cut.
    return _diff_middle(a, b, timeout, backend, level, ignore_whitespace, coder, head, tail)


def _trivial(a: str, b: str, ignore_whitespace: bool, head: str, tail: str) -> WordDiff | None:
    """The diff of two texts that are equal (up to whitespace if ignored) or of which one is empty; else None."""
    if a == b or (ignore_whitespace and squash(a) == squash(b)):
        return _framed(head, ((EQUAL, b),) if b else (), tail)
    if not a or not b:
        return _framed(head, ((INSERT, b),) if b else ((DELETE, a),), tail)
    return None


def _framed(head: str, ops, tail: str, level: str = "word", reason: str | None = None) -> WordDiff:
    """``ops`` between the equal runs ``head`` and ``tail`` (either may be empty), neighbours merged."""
    out = list(ops)
    if head:
        if out and out[0][0] == EQUAL:
            out[0] = (EQUAL, head + out[0][1])
        else:
            out.insert(0, (EQUAL, head))
    if tail:
        if out and out[-1][0] == EQUAL:
            out[-1] = (EQUAL, out[-1][1] + tail)
        else:
            out.append((EQUAL, tail))
    return WordDiff(tuple(out), level, reason)


def _diff_middle(
    a: str,
    b: str,
    timeout: float,
    backend: str,
    level: str,
    ignore_whitespace: bool,
    coder: Coder | None,
    head: str,
    tail: str,
) -> WordDiff:
    """:func:`diff_words` of two non-empty texts without common ends, between ``head`` and ``tail``: word
    level, else coarser.
    """
    reason = None
    if level == "word":
        ta, tb = tokens(a), tokens(b)
        try:
            ea, eb = (coder or Coder()).encode(ta, tb)
        except OverflowError:
            reason = "more distinct words than the diff can encode: compared sentence by sentence"
        else:
            if _too_much_work(ea, eb, backend):
                reason = f"{len(ta)} and {len(tb)} words that mostly differ: compared sentence by sentence"
            else:
                counts, late = _dmp(ea, eb, backend, timeout)
                if not late:
                    ops = decode(absorb(counts, ta), ta, tb, not ignore_whitespace, head, tail)
                    return WordDiff(tuple(ops))
                reason = f"word diff reached the {timeout:g} s time limit: compared sentence by sentence"
        level = "sentence"
    if level == "sentence":
        sa, sb = sentences(a), sentences(b)
        try:
            ea, eb = encode(sa, sb)
        except OverflowError:
            reason = "more distinct sentences than the diff can encode: compared as one block"
        else:
            counts, late = _dmp(ea, eb, backend, timeout)
            if not late:
                text_ops = decode(counts, sa, sb, not ignore_whitespace, head, tail)
                return WordDiff(tuple(text_ops), "sentence", reason or "compared sentence by sentence")
            reason = f"sentence diff reached the {timeout:g} s time limit: compared as one block"
    return _framed(head, block(a, b), tail, "block", reason or "compared as one block")
