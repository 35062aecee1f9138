"""Non-decreasing ranks that grow by one from an index on, each step in O(log n).

A run of insertions (:func:`~itu_nb.amendments.inserting.insert_run`) keeps each struck item of its list with
the number of live items before it (its *rank*).  A new item at a live rank adds one to the rank of every
struck item after it: kept as a plain list, that is a Python step per struck item per insertion, quadratic
over a run at the head of a list holding many struck items.  :class:`Ranks` keeps the ranks the run started
with and the additions as a Fenwick tree over the struck items' indices: an addition to a suffix, a rank and
the first index whose rank reaches a value each cost O(log n) (the last O(log² n)).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

__all__ = ["Ranks"]


class Ranks:
    """The ranks ``given`` (non-decreasing), with additions of one to every rank from an index on.

    Examples
    --------
    >>> r = Ranks([0, 2, 2, 5])
    >>> r.bump(r.first(2))  # a new live item at rank 2, after the struck items at rank 2
    >>> list(r)
    [0, 2, 2, 6]
    >>> r.bump(r.first(2, before=True))  # one before the struck items at rank 2
    >>> list(r), r[1], len(r)
    ([0, 3, 3, 7], 3, 4)
    """

    __slots__ = ("given", "tree")

    def __init__(self, given: list[int]) -> None:
        self.given = given
        self.tree = [0] * (len(given) + 1)  # tree[i]: the additions at indices (i - (i & -i), i] (1-based)

    def __len__(self) -> int:
        return len(self.given)

    def __getitem__(self, k: int) -> int:
        """The rank of the ``k``-th item: as given, plus the additions made from index ``k`` or before."""
        total, i, tree = self.given[k], k + 1, self.tree
        while i:
            total += tree[i]
            i &= i - 1
        return total

    def __iter__(self) -> Iterator[int]:
        return (self[k] for k in range(len(self.given)))

    def bump(self, k: int) -> None:
        """Add one to the ranks of the items from index ``k`` on (none when ``k`` is the length)."""
        i, tree, n = k + 1, self.tree, len(self.given)
        while i <= n:
            tree[i] += 1
            i += i & -i

    def first(self, rank: int, before: bool = False) -> int:
        """The index of the first item of rank greater than ``rank`` (``before``: of rank ``rank`` or greater)."""
        find = bisect.bisect_left if before else bisect.bisect_right
        return find(range(len(self.given)), rank, key=self.__getitem__)
