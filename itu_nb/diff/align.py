"""Clause alignment: which clause of the old text became which clause of the new one.

:func:`align` takes the clauses of two texts in reading order and returns
:class:`Match` objects, in four passes:

1. **Same text, same order.**  Clauses whose text is identical are aligned as
   a longest common subsequence, diffing one character per clause with
   diff-match-patch; then, inside each gap left, clauses whose text is the same
   up to whitespace (a no-break space for a space) likewise.  Labels play no
   part here, so a relettered clause (``c)`` → ``b)``) stays with its text.
2. **Gaps.**  Between two such anchors, the old and new clauses left over are
   paired in order by content (Dice similarity of their word sets) with a
   bonus for the same section and label, less a cost per pair; the best
   order-preserving set of pairs is a heaviest increasing subsequence.  Same
   section and label with little common text still pair (a clause rewritten in
   place); different labels need real common text; and the cost makes one
   clause whose text is the same outweigh several that share only a number.
3. **Moves.**  Leftover clauses with the same text, or very similar text,
   anywhere in the document are paired as moved.
4. **Splits and merges.**  A pair whose old clause is largely made up of the
   words of the new clause plus its unpaired neighbours (or the reverse) becomes
   a split (or merge) group.

Bounds: pass 1 is one diff-match-patch call (time-limited); passes 2 and 3 score
every pair only for small gaps and otherwise only candidates that share rare
words, sit at the same relative position or carry the same label, so the work
grows about linearly with the number of clauses.  When the clause diff hits its
time limit, fewer clauses are anchored and a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from itu_nb.diff.sides import Side, dice
from itu_nb.diff.words import EQUAL, INSERT, TIMEOUT, diff_sequences
from itu_nb.model import Clause

__all__ = ["Match", "Side", "align"]

#: Below this many old × new clauses a gap is scored exhaustively.
FULL_CELLS = 4096
#: Similarity needed to pair clauses with different labels (in order), and to call a clause moved.
PAIR_MIN, MOVE_MIN = 0.5, 0.75
#: Similarity still accepted for the same section and label.
SAME_LABEL_MIN = 0.1
#: What pairing two clauses costs before their similarity and bonuses count: the best chain then
#: prefers one true match to several pairs that share only a label.
PAIR_COST = 0.4

_ROLES = frozenset({"heading", "title", "formula", "reasons"})


class Match(NamedTuple):
    """One aligned pair (or a lone clause) by index into the two clause lists.

    ``how`` is ``"same"`` (identical text, in order), ``"similar"`` (in order),
    ``"moved"``, ``"split"``, ``"merged"``, ``"inserted"`` or ``"deleted"``;
    ``part``/``parts`` number the members of a split or merge group.
    """

    old: int | None
    new: int | None
    how: str
    similarity: float = 1.0
    part: int = 0
    parts: int = 1


def _heaviest_chain(cands: list[tuple[int, int, float, float]], width: int) -> list[tuple[int, int, float, float]]:
    """The order-preserving subset (both indices strictly increasing) with the largest total weight."""
    cands.sort(key=lambda c: (c[0], -c[1]))
    tree = [(0.0, -1)] * (width + 1)  # Fenwick tree of (best total, candidate index) over new indices
    parent = [-1] * len(cands)
    best = (0.0, -1)
    for k, (_i, j, w, _s) in enumerate(cands):
        q, x = (0.0, -1), j  # best chain ending at a new index < j
        while x > 0:
            if tree[x] > q:
                q = tree[x]
            x -= x & -x
        total = (q[0] + w, k)
        parent[k] = q[1]
        x = j + 1
        while x <= width:
            if tree[x] < total:
                tree[x] = total
            x += x & -x
        best = max(best, total)
    out = []
    k = best[1]
    while k >= 0:
        out.append(cands[k])
        k = parent[k]
    return out[::-1]


def _candidates(o: Side, n: Side, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Local (old, new) index pairs worth scoring in a gap."""
    if len(olds) * len(news) <= FULL_CELLS:
        return [(a, b) for a in range(len(olds)) for b in range(len(news))]
    by_word: dict[str, list[int]] = defaultdict(list)
    by_label: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for a, i in enumerate(olds):
        for w in o.words(i):
            by_word[w].append(a)
        by_label[o.section[i], o.label(i)].append(a)
    out: set[tuple[int, int]] = set()
    for b, j in enumerate(news):
        rare = sorted(n.words(j), key=lambda w: len(by_word.get(w, ())))
        for w in rare[:3]:
            hits = by_word.get(w, ())
            if len(hits) <= 12:
                out.update((a, b) for a in hits)
        centre = b * len(olds) // len(news)
        out.update((a, b) for a in range(max(0, centre - 2), min(len(olds), centre + 3)))
        out.update((a, b) for a in by_label.get((n.section[j], n.label(j)), ())[:6])
    return sorted(out)


def _loose_runs(o: Side, n: Side, olds: list[int], news: list[int], timeout: float, backend: str | None):
    """Cut a gap by the clauses whose text is the same up to whitespace: ``(olds, news, same)`` runs in order.

    Only the clauses of a gap are collapsed, so a long text compared with an
    edited copy pays nothing for it; a gap of one clause a side is left whole (the
    pair scoring pairs the two anyway, with the same similarity).
    """
    if len(olds) == 1 and len(news) == 1:
        yield olds, news, False
        return
    keys_o, keys_n = [o.loose_key(i) for i in olds], [n.loose_key(j) for j in news]
    if set(keys_o).isdisjoint(keys_n):  # nothing the same up to whitespace (the usual gap): one run
        yield list(olds), list(news), False
        return
    ops, _late = diff_sequences(keys_o, keys_n, timeout=timeout, backend=backend)
    a = b = 0
    rest_o: list[int] = []
    rest_n: list[int] = []
    for op, count in ops:
        if op == EQUAL:
            if rest_o or rest_n:
                yield rest_o, rest_n, False
                rest_o, rest_n = [], []
            yield olds[a : a + count], news[b : b + count], True
            a += count
            b += count
        elif op == INSERT:
            rest_n.extend(news[b : b + count])
            b += count
        else:
            rest_o.extend(olds[a : a + count])
            a += count
    if rest_o or rest_n:
        yield rest_o, rest_n, False


def _match_gap(o: Side, n: Side, olds: list[int], news: list[int]) -> list[Match]:
    """The best order-preserving pairs of a gap: each candidate pair weighed, then :func:`_heaviest_chain`.

    A pair of old ``i`` and new ``j`` is weighed only when both are of one class.  The score is
    the Dice similarity of the word sets, or 0.9 × the share of the smaller clause's words found
    in the other when that is higher (a clause with a long insertion still pairs with its old
    self).  Headings, titles, formulas and Reasons pair with their counterpart whatever the text.
    The weight is the score less :data:`PAIR_COST`, plus 0.3 for the same label and 0.05 for the
    same section; the floors keep it positive (0.05 at least), so every accepted pair can still be
    chosen alone.  Each clause's words are looked up once per gap.
    """
    cands = []
    cls_o, cls_n = [o.cls[i] for i in olds], [n.cls[j] for j in news]
    sec_o, sec_n = [o.section[i] for i in olds], [n.section[j] for j in news]
    words_o: list[frozenset[str] | None] = [None] * len(olds)
    words_n: list[frozenset[str] | None] = [None] * len(news)
    labels_o: list[str | None] = [None] * len(olds)  # looked up when first needed, as the words
    labels_n: list[str | None] = [None] * len(news)
    for a, b in _candidates(o, n, olds, news):
        c = cls_o[a]
        if c != cls_n[b]:
            continue
        wo, wn = words_o[a], words_n[b]
        if wo is None:
            wo = words_o[a] = o.words(olds[a])
        if wn is None:
            wn = words_n[b] = n.words(news[b])
        common = len(wo & wn)
        lo, ln = len(wo), len(wn)
        dice = 2 * common / (lo + ln) if wo or wn else 1.0
        small = min(lo, ln)
        score = max(dice, 0.9 * common / small) if small >= 4 else dice
        same_section = sec_o[a] == sec_n[b]
        if c in _ROLES:
            same_label, floor, cost = True, 0.0, 0.0
        else:
            if same_section:
                label = labels_o[a]
                if label is None:
                    label = labels_o[a] = o.label(olds[a])
                other = labels_n[b]
                if other is None:
                    other = labels_n[b] = n.label(news[b])
                same_label = label is not None and label == other
            else:
                same_label = False
            floor, cost = (SAME_LABEL_MIN if same_label else PAIR_MIN), PAIR_COST
        if score < floor:
            continue
        weight = score - cost + (0.3 if same_label else 0.0) + (0.05 if same_section else 0.0)
        cands.append((a, b, weight, dice))
    return [Match(olds[a], news[b], "similar", s) for a, b, _w, s in _heaviest_chain(cands, len(news))]


def _moves(o: Side, n: Side, olds: list[int], news: list[int]) -> list[Match]:
    """Pair leftover clauses anywhere in the text: same text first, then very similar text."""
    out = []
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in olds:
        by_key[o.key(i)].append(i)
    rest_new = []
    for j in news:
        same = by_key.get(n.key(j))
        if same:
            out.append(Match(same.pop(0), j, "moved", 1.0))
        else:
            rest_new.append(j)
    taken = {m.old for m in out}
    rest_old = [i for i in olds if i not in taken]
    if not rest_old or not rest_new:
        return out
    scored = []
    # Dice is at most 2·min(x, y) / (x + y) for sets of x and y words: pairs whose sizes alone keep
    # it below MOVE_MIN are not scored (the bound is taken a little lower, clear of rounding)
    sizes_o: list[int | None] = [None] * len(rest_old)
    sizes_n: list[int | None] = [None] * len(rest_new)
    for a, b in _candidates(o, n, rest_old, rest_new):
        i, j = rest_old[a], rest_new[b]
        if o.cls[i] != n.cls[j]:
            continue
        x = sizes_o[a]
        if x is None:
            x = sizes_o[a] = len(o.words(i))
        if x >= 3:
            y = sizes_n[b]
            if y is None:
                y = sizes_n[b] = len(n.words(j))
            if 2 * min(x, y) < (MOVE_MIN - 0.01) * (x + y):
                continue
            sim = dice(o.words(i), n.words(j))
            if sim >= MOVE_MIN:
                scored.append((sim, i, j))
    used_o, used_n = set(), set()
    for sim, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            out.append(Match(i, j, "moved", sim))
    return out


def _cover(words: frozenset[str], parts: list[frozenset[str]]) -> float:
    if not words:
        return 0.0
    return len(words & frozenset().union(*parts)) / len(words)


def _groups(pairs: dict[int, tuple[int, float, str]], o: Side, n: Side, taken: set[int], how: str) -> list[list[Match]]:
    """Groups of one ``o`` clause → several neighbouring ``n`` clauses, from in-order pairs ``{n: (o, sim, how)}``.

    ``taken`` holds the ``n`` indices already paired (it is updated).  With the
    sides swapped the same code finds merges; the matches are then inverted.
    """
    groups = []
    grouped: set[int] = set()
    for j0, (i, sim, kind) in sorted(pairs.items()):
        if kind == "same" or sim >= 0.9 or len(o.words(i)) < 6 or j0 in grouped:
            continue
        wi = o.words(i)

        def piece(j: int, wi: frozenset[str] = wi, j0: int = j0) -> bool:
            if j in taken or n.cls[j] != n.cls[j0]:
                return False
            wj = n.words(j)
            return bool(wj and len(wj & wi) / len(wj) >= 0.7)

        lo = j0
        while lo > 0 and piece(lo - 1):
            lo -= 1
        hi = j0
        while hi + 1 < len(n.clauses) and piece(hi + 1):
            hi += 1
        if hi == lo:
            continue
        members = list(range(lo, hi + 1))
        alone, together = _cover(wi, [n.words(j0)]), _cover(wi, [n.words(j) for j in members])
        if together >= 0.8 and together >= alone + 0.2:
            taken.update(members)
            grouped.update(members)
            groups.append([Match(i, j, how, sim, k, len(members)) for k, j in enumerate(members)])
    return groups


def align(
    old: list[Clause] | Side, new: list[Clause] | Side, *, timeout: float = TIMEOUT, backend: str | None = None
) -> tuple[list[Match], list[str]]:
    """Align two lists of clauses (each in reading order, or as :class:`Side` objects).

    Returns
    -------
    matches : list of Match
        Every old and every new index exactly once, except that a split group
        repeats its old index and a merge group its new index; in reading
        order (new order, deleted clauses after the clause that preceded them).
    notes : list of str
        Where the alignment was coarser than it could be (time limit reached).
    """
    o = old if isinstance(old, Side) else Side(old)
    n = new if isinstance(new, Side) else Side(new)
    old, new = o.clauses, n.clauses
    notes = []
    keys_o, keys_n = list(zip(o.cls, o.body, strict=True)), list(zip(n.cls, n.body, strict=True))
    ops, late = diff_sequences(keys_o, keys_n, timeout=timeout, backend=backend)
    if late:
        notes.append(
            f"clause alignment reached the {timeout:g} s time limit: some unchanged clauses may show as moved or replaced"
        )
    pairs: dict[int, tuple[int, float, str]] = {}  # new -> (old, similarity, how)
    i = j = 0
    gap_o: list[int] = []
    gap_n: list[int] = []

    def close_gap() -> None:
        if gap_o and gap_n:
            for sub_o, sub_n, same in _loose_runs(o, n, gap_o, gap_n, timeout, backend):
                if same:
                    pairs.update((jj, (ii, 1.0, "same")) for ii, jj in zip(sub_o, sub_n, strict=True))
                elif sub_o and sub_n:
                    for m in _match_gap(o, n, sub_o, sub_n):
                        assert m.old is not None and m.new is not None  # a gap's matches pair two clauses
                        pairs[m.new] = (m.old, m.similarity, "similar")
        gap_o.clear()
        gap_n.clear()

    for op, count in ops:
        if op == EQUAL:
            close_gap()
            for k in range(count):
                pairs[j + k] = (i + k, 1.0, "same")
            i += count
            j += count
        elif op == INSERT:
            gap_n.extend(range(j, j + count))
            j += count
        else:
            gap_o.extend(range(i, i + count))
            i += count
    close_gap()
    paired_old = {v[0] for v in pairs.values()}
    moves = _moves(
        o, n, [i for i in range(len(old)) if i not in paired_old], [j for j in range(len(new)) if j not in pairs]
    )
    by_new: dict[int, list[Match]] = {j: [Match(v[0], j, v[2], v[1])] for j, v in pairs.items()}
    for m in moves:
        assert m.new is not None  # a move pairs two clauses
        by_new[m.new] = [m]
    taken_new = set(by_new)
    splits = _groups(pairs, o, n, taken_new, "split")
    for g in splits:
        for m in g:
            assert m.new is not None  # a split pairs one old clause with new ones
            by_new[m.new] = [m]
    in_split = {m.new for g in splits for m in g}
    inverse = {v[0]: (j, v[1], v[2]) for j, v in pairs.items() if j not in in_split}
    taken_old = {m.old for ms in by_new.values() for m in ms if m.old is not None}
    for g in _groups(inverse, n, o, taken_old, "merged"):
        target = g[0].old  # the groups were built with the sides swapped
        assert target is not None
        by_new[target] = [Match(m.new, target, "merged", m.similarity, m.part, m.parts) for m in g]
    for j in range(len(new)):
        if j not in by_new:
            by_new[j] = [Match(None, j, "inserted", 0.0)]
    return _reading_order(by_new, len(old), len(new)), notes


def _reading_order(by_new: dict[int, list[Match]], n_old: int, n_new: int) -> list[Match]:
    """New order; a deleted old clause goes after the pair of the closest preceding old clause kept in order."""
    where: dict[int, int] = {}  # old index -> new index, for in-order pairs
    for j, ms in by_new.items():
        for m in ms:
            if m.old is not None and m.how != "moved":
                where[m.old] = j
    seen_old = {m.old for ms in by_new.values() for m in ms if m.old is not None}
    after: dict[int, list[int]] = defaultdict(list)  # new index (-1 = start) -> deleted old indices
    anchor = -1
    for i in range(n_old):
        if i in where:
            anchor = where[i]
        elif i not in seen_old:
            after[anchor].append(i)
    out = [Match(i, None, "deleted", 0.0) for i in after.get(-1, ())]
    for j in range(n_new):
        out.extend(by_new[j])
        if j in after:
            out.extend(Match(i, None, "deleted", 0.0) for i in after[j])
    return out
