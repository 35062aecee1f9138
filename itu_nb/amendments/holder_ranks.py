"""The ranks of a pending list's holders (:class:`~itu_nb.amendments.order.Order`), shifted a block at a time.

A *holder* is a live item of a list kept pending whose own sub-list joined the run
(:class:`~itu_nb.amendments.sublists.Nest`).  No operation strikes or moves it, but an insertion, a deletion or a
move before it changes its rank.  A deletion before each of 500 holders joined one after another shifts the ranks of
all those after it: a Python step per holder was quadratic over the run.  So the ranks are kept ascending in blocks
of up to ``2 * _BLOCK``, each stored less an offset that a shift of the whole block changes at once; the one block a
shift covers in part is shifted with a C-level ``map``.  A shift costs a Python step per block, and each holder's
block is kept by its id, so its rank is read in a step and a search of one block.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

__all__ = ["HolderRanks"]

#: Half the largest block
_BLOCK = 64


class _Block:
    """Consecutive holders: their ranks (each ``add`` more than stored) and their ids."""

    __slots__ = ("ranks", "ids", "add")

    def __init__(self, ranks: list[int], ids: list[int], add: int) -> None:
        self.ranks, self.ids, self.add = ranks, ids, add


class HolderRanks:
    """The holders of one pending list: each one's rank (ascending; no two alike) and id.

    Examples
    --------
    >>> h = HolderRanks()
    >>> h.add(5, 105); h.add(2, 102); h.add(9, 109)
    >>> h.shift(2, -1)  # the item at rank 2 taken out (not a holder: the caller checks): those after it one less
    >>> list(h), h.rank_of(109), h.holds(4), h.last()
    ([(2, 102), (4, 105), (8, 109)], 8, True, 8)
    """

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.where: dict[int, _Block] = {}  # id -> the block holding it

    def __len__(self) -> int:
        return len(self.where)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        """Each holder's rank and id, in order."""
        for b in self.blocks:
            add = b.add
            for r, hid in zip(b.ranks, b.ids, strict=True):
                yield r + add, hid

    def ids(self) -> list[int]:
        """The holders' ids, in order."""
        return [hid for b in self.blocks for hid in b.ids]

    def last(self) -> int:
        """The highest rank of a holder (-1: none)."""
        return self.blocks[-1].ranks[-1] + self.blocks[-1].add if self.blocks else -1

    def _find(self, rank: int) -> tuple[int, int]:
        """The block and the index in it of the first holder at ``rank`` or after (past the end: ``len(blocks)``, 0)."""
        for i, b in enumerate(self.blocks):
            if b.ranks[-1] + b.add >= rank:
                return i, bisect.bisect_left(b.ranks, rank - b.add)
        return len(self.blocks), 0

    def holds(self, rank: int) -> bool:
        """Whether a holder stands at ``rank``."""
        i, k = self._find(rank)
        return i < len(self.blocks) and self.blocks[i].ranks[k] + self.blocks[i].add == rank

    def id_at(self, rank: int) -> int:
        """The id of the holder at ``rank`` (:meth:`holds`)."""
        i, k = self._find(rank)
        return self.blocks[i].ids[k]

    def rank_of(self, hid: int) -> int:
        """The rank of the holder whose id is ``hid``."""
        b = self.where[hid]
        return b.ranks[b.ids.index(hid)] + b.add

    def add(self, rank: int, hid: int) -> None:
        """Put the holder ``hid`` at ``rank`` (held by none so far)."""
        i, k = self._find(rank)
        if i == len(self.blocks):  # after every holder: at the end of the last block
            if not self.blocks:
                self.blocks.append(_Block([], [], 0))
            i = len(self.blocks) - 1
            k = len(self.blocks[i].ranks)
        b = self.blocks[i]
        b.ranks.insert(k, rank - b.add)
        b.ids.insert(k, hid)
        self.where[hid] = b
        if len(b.ranks) > 2 * _BLOCK:  # split in two
            tail = _Block(b.ranks[_BLOCK:], b.ids[_BLOCK:], b.add)
            del b.ranks[_BLOCK:], b.ids[_BLOCK:]
            self.blocks.insert(i + 1, tail)
            for x in tail.ids:
                self.where[x] = tail

    def remove(self, hid: int) -> None:
        """Forget the holder ``hid``."""
        b = self.where.pop(hid)
        k = b.ids.index(hid)
        del b.ranks[k], b.ids[k]
        if not b.ranks:
            self.blocks.remove(b)

    def shift(self, at: int, d: int) -> None:
        """The holders at rank ``at`` or after (after, when ``d`` is negative: an item there was taken out) ``d``
        ranks further.
        """
        i, k = self._find(at if d > 0 else at + 1)
        if i == len(self.blocks):
            return
        if k:
            b = self.blocks[i]
            b.ranks[k:] = map(d.__add__, b.ranks[k:])
            i += 1
        for b in self.blocks[i:]:
            b.add += d
