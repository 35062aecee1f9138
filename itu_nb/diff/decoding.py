"""A word diff's token counts made text again: what :func:`itu_nb.diff.words.diff_words` does after diff-match-patch.

diff-match-patch diffs the texts' tokens coded as characters and answers ``[(op, count)]``; :func:`absorb` folds the
little equalities a large rewrite leaves (" of ", " and the ") into the changes around them, and :func:`decode` maps
the counts back to the tokens' text, between the equal ends the diff left out, as normal ``(op, text)`` pieces
(:func:`normalise`: non-empty, neighbours differ, a deletion before an insertion).  Pure functions of lists: no
diff-match-patch here (:mod:`itu_nb.diff.words` stays the only module that imports it).
"""

from __future__ import annotations

from itu_nb.diff.tokens import DELETE, EQUAL, INSERT

__all__ = ["STOPWORDS", "absorb", "decode", "normalise"]


#: Little words that may be swallowed into a large neighbouring change (see :func:`absorb`).
STOPWORDS = frozenset("a an and as at be by for from in is it its of on or the that this to with".split())


def absorb(ops: list[tuple[int, int]], a: list[str]) -> list[tuple[int, int]]:
    """Fold coincidental little equalities (" of ", " and the ") between two changes into them.

    diff-match-patch keeps an equality unless it is shorter than the changes on
    *both* sides, so a rewritten clause reads "[...] of [social→information] and
    [...]".  An equality made only of :data:`STOPWORDS`, whitespace and punctuation,
    next to a change of at least 10 tokens on one side and any change on the
    other, is folded in.
    """
    for op, n in ops:
        if op and n >= 10:  # op != EQUAL
            break
    else:  # no change large enough: the usual case
        return ops
    blocks: list[list[int]] = []  # [deleted, inserted] per change, or [-1, n] for an equality
    for op, n in ops:
        if op == EQUAL:
            blocks.append([-1, n])
        elif blocks and blocks[-1][0] >= 0:
            blocks[-1][0 if op == DELETE else 1] += n
        else:
            blocks.append([n, 0] if op == DELETE else [0, n])
    pos, starts = 0, []
    for b in blocks:
        starts.append(pos)
        pos += b[1] if b[0] < 0 else b[0]
    out: list[list[int]] = []
    for k, b in enumerate(blocks):
        if (
            b[0] < 0
            and out
            and out[-1][0] >= 0
            and k + 1 < len(blocks)
            and max(max(out[-1]), max(blocks[k + 1])) >= 10
            and all(
                t.isspace() or not t[0].isalnum() or t.lower() in STOPWORDS for t in a[starts[k] : starts[k] + b[1]]
            )
        ):
            out[-1] = [out[-1][0] + b[1], out[-1][1] + b[1]]
            continue
        if out and out[-1][0] >= 0 and b[0] >= 0:
            out[-1] = [out[-1][0] + b[0], out[-1][1] + b[1]]
        else:
            out.append(list(b))
    res: list[tuple[int, int]] = []
    for b in out:
        if b[0] < 0:
            res.append((EQUAL, b[1]))
        else:
            res.extend((op, n) for op, n in ((DELETE, b[0]), (INSERT, b[1])) if n)
    return res


def decode(
    ops: list[tuple[int, int]], a: list[str], b: list[str], exact: bool = True, head: str = "", tail: str = ""
) -> list[tuple[int, str]]:
    """Map token counts back to text, between the equal runs ``head`` and ``tail``.

    Equal tokens whose characters differ (whitespace of the same kind) become a
    delete + insert, or with ``exact=False`` an equal run with the new text.  The
    result is normal (:func:`normalise`).
    """
    pieces: list[tuple[int, str]] = []
    add = pieces.append
    # the pieces are already normal (non-empty, neighbours differ, a deletion before an insertion)
    # unless whitespace splits an equal run or the ops come in another order: then normalise
    normal = True
    prev = None
    i = j = 0
    for op, n in ops:
        if op == EQUAL:
            ta, tb = a[i : i + n], b[j : j + n]
            if ta == tb or not exact:
                add((EQUAL, "".join(tb)))
            else:  # whitespace of the same kind written differently: a change at each such token
                normal = False
                start = 0
                for k in [k for k in range(n) if ta[k] != tb[k]]:
                    add((EQUAL, "".join(tb[start:k])))
                    add((DELETE, ta[k]))
                    add((INSERT, tb[k]))
                    start = k + 1
                add((EQUAL, "".join(tb[start:])))
            i += n
            j += n
        elif op == DELETE:
            add((DELETE, "".join(a[i : i + n])))
            i += n
        else:
            add((INSERT, "".join(b[j : j + n])))
            j += n
        if op == prev or not n or (op == DELETE and prev == INSERT):
            normal = False
        prev = op
    if not normal:
        return normalise([(EQUAL, head), *pieces, (EQUAL, tail)])
    if head:
        if pieces and pieces[0][0] == EQUAL:
            pieces[0] = (EQUAL, head + pieces[0][1])
        else:
            pieces.insert(0, (EQUAL, head))
    if tail:
        if pieces and pieces[-1][0] == EQUAL:
            pieces[-1] = (EQUAL, pieces[-1][1] + tail)
        else:
            add((EQUAL, tail))
    return pieces


def normalise(ops: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop empty runs, merge neighbouring equal runs, and make each change one deletion then one insertion."""
    out: list[tuple[int, str]] = []
    same: list[str] = []
    dele: list[str] = []
    ins: list[str] = []
    for op, text in ops:
        if not text:
            continue
        if op == EQUAL:
            if dele or ins:
                if dele:
                    out.append((DELETE, "".join(dele)))
                    dele = []
                if ins:
                    out.append((INSERT, "".join(ins)))
                    ins = []
            same.append(text)
        else:
            if same:
                out.append((EQUAL, "".join(same)))
                same = []
            (dele if op == DELETE else ins).append(text)
    if same:
        out.append((EQUAL, "".join(same)))
    if dele:
        out.append((DELETE, "".join(dele)))
    if ins:
        out.append((INSERT, "".join(ins)))
    return out
