"""The struck items of a list kept pending (:class:`~itu_nb.amendments.order.Order`), with their ranks.

A struck item stays where it stood among the live items: its *rank* is the number of live items before it.
An insertion or a deletion changes the ranks of every struck item after it, a move those between its two
places; one by one, each such struck item whose rank passes the live item carrying its component (its label
as the list reads now) changes its path (``b`` or ``b#2``), and so does that live item.  Stepping through every
struck item shifted would cost a Python step per struck item crossed, quadratic over a run on a list holding
many struck items.  So :class:`Struck` keeps the items in blocks of up to ``2 * _BLOCK``, each with its items'
ranks and *gaps* (a rank less the index of the item's component among the labels) stored less an offset that
a shift of the whole block changes at once; a block that a shift covers in part is shifted with C-level ``map``
and slice assignment.  The items whose side of their component's live item changes are exactly those whose
gap crosses between 0 and 1: each block counts its gaps, so a block holding no such gap is passed at once.
Only those items are noted as moved (:attr:`Struck.was`), so an operation costs a Python step per block of
struck items (about 30 for 2,000), C-level copies of at most two blocks, and a Python step per struck item whose
*path* it changes.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from typing import Any

__all__ = ["Struck"]

#: The gap of a struck item whose component is no label of the list: never 0 or 1, whatever the shifts
_NONE = 1 << 40
#: Half the largest block
_BLOCK = 64


class _Block:
    """Consecutive struck items: their ranks and gaps each ``add`` more than stored, the stored gaps counted."""

    __slots__ = ("items", "ranks", "gaps", "add", "counts")

    def __init__(self, items: list[list[Any]], ranks: list[int], gaps: list[int], add: int) -> None:
        self.items, self.ranks, self.gaps, self.add = items, ranks, gaps, add
        self.counts = Counter(gaps)


class Struck:
    """The struck items of one pending list in order: each ``[after, component, clause]``, ``after`` telling
    whether the live item carrying its component stands before it (its path is then the component's ``#2``).

    The items' ranks are non-decreasing; ``held`` gives the item holding each component, ``was`` the items an
    operation may have moved to the other side of their component's live item, by identity, each with its side
    before the operation (None: struck by it), read and emptied by the list after each operation.
    """

    def __init__(self, index_of: dict[str, int]) -> None:
        self.index_of = index_of  # the list's labels, each with its rank (shared with the list, which grows it)
        self.blocks = [_Block([], [], [], 0)]
        self.count = 0
        self.held: dict[str, list[Any]] = {}
        self.was: dict[int, tuple[list[Any], bool | None]] = {}

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        """Each item with its rank, in order."""
        for b in self.blocks:
            add = b.add
            for r, x in zip(b.ranks, b.items, strict=True):
                yield r + add, x

    def _locate(self, k: int) -> tuple[int, int]:
        """The block holding the ``k``-th item (or where it goes: at the end of the last) and its index there."""
        last = len(self.blocks) - 1
        for i, b in enumerate(self.blocks):
            if k < len(b.items) or i == last:
                return i, k
            k -= len(b.items)
        raise AssertionError("unreachable")

    def add(self, k: int, rank: int, comp: str, clause: Any) -> list[Any]:
        """Put a struck item holding ``comp`` at index ``k`` with ``rank``; return it."""
        at = self.index_of.get(comp)
        gap = rank - (_NONE if at is None else at)
        item = [gap > 0, comp, clause]
        self.held[comp] = item
        i, o = self._locate(k)
        b = self.blocks[i]
        b.items.insert(o, item)
        b.ranks.insert(o, rank - b.add)
        b.gaps.insert(o, gap - b.add)
        b.counts[gap - b.add] += 1
        if len(b.items) > 2 * _BLOCK:
            half = _BLOCK
            self.blocks[i + 1 : i + 1] = [_Block(b.items[half:], b.ranks[half:], b.gaps[half:], b.add)]
            del b.items[half:], b.ranks[half:], b.gaps[half:]
            b.counts = Counter(b.gaps)
        self.count += 1
        return item

    def rank(self, k: int) -> int:
        """The rank of the ``k``-th item."""
        i, o = self._locate(k)
        b = self.blocks[i]
        return b.ranks[o] + b.add

    def upto(self, rank: int) -> int:
        """The number of struck items of rank ``rank`` or less."""
        n = 0
        for b in self.blocks:
            if not b.ranks or b.ranks[-1] + b.add <= rank:
                n += len(b.ranks)
                continue
            return n + bisect.bisect_right(b.ranks, rank - b.add)
        return n

    def before(self, q: int, lowered: int | None = None) -> int:
        """The number of struck items standing before sibling index ``q`` (after the list's lead); those from
        index ``lowered`` on read as one rank less (the live item before them struck, not yet shifted).
        """
        low = self.count if lowered is None else lowered
        n = 0
        for b in self.blocks:
            size, add, ranks = len(b.ranks), b.add, b.ranks
            if size and ranks[-1] + add + n + size - 1 - (n + size - 1 >= low) < q:
                n += size
                continue
            return n + bisect.bisect_left(range(size), q, key=lambda o: ranks[o] + add + n + o - (n + o >= low))
        return n

    def shift(self, lo: int, hi: int | None, by: int) -> None:
        """The ranks of the struck items ``lo:hi``, ``by`` (1 or -1) more; those that pass their component's
        live item are noted in :attr:`was`.
        """
        hi = self.count if hi is None else hi
        assert by in (1, -1)
        crossing = 0 if by > 0 else 1  # the gap of an item that passes its component's live item
        start = 0
        for b in self.blocks:
            size = len(b.items)
            s, e = max(lo - start, 0), min(hi - start, size)
            start += size
            if s >= e:
                if start >= hi:
                    break
                continue
            if crossing - b.add in b.counts:
                self._cross(b, s, e, crossing - b.add)
            if s == 0 and e == size:
                b.add += by
                continue
            b.ranks[s:e] = map(by.__add__, b.ranks[s:e])
            b.gaps[s:e] = map(by.__add__, b.gaps[s:e])
            b.counts = Counter(b.gaps)

    def _cross(self, b: _Block, s: int, e: int, stored: int) -> None:
        """Note and turn the items ``s:e`` of ``b`` whose stored gap is ``stored`` (they pass their live item)."""
        was = self.was
        o = s
        while True:
            try:
                o = b.gaps.index(stored, o, e)
            except ValueError:
                return
            x = b.items[o]
            was.setdefault(id(x), (x, x[0]))
            x[0] = not x[0]
            o += 1

    def labelled(self, comp: str) -> None:
        """The component ``comp`` of a struck item (if any) has just become a label of the list."""
        x = self.held.get(comp)
        if x is None:
            return
        b = next(b for b in self.blocks if any(y is x for y in b.items))
        o = next(o for o, y in enumerate(b.items) if y is x)
        b.counts[b.gaps[o]] -= 1
        if not b.counts[b.gaps[o]]:
            del b.counts[b.gaps[o]]
        b.gaps[o] = b.ranks[o] - self.index_of[comp]  # both stored less the block's offset
        b.counts[b.gaps[o]] += 1
        x[0] = b.gaps[o] + b.add > 0
        self.was[id(x)] = (x, x[0])  # its rank unchanged so far: on the same side as before the operation
