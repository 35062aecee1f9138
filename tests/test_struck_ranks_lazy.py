"""``struck_ranks.Struck`` against a plain-list model (speed22): random sequences of additions, shifts, new labels and
reads give the same ranks, sides (``x[0]``), items noted in ``was`` and answers as a list of items stepped one by one.
Blocks of 1, 2 and 3 items (and the module's 64) make a few hundred steps split blocks and shift across many.

The model is the definition the module's docstring gives: an item's *gap* is its rank less the rank of the live
item carrying its component (none: never 0 or 1); a shift of ``by`` moves the ranks of the items ``lo:hi`` and turns
the side of each whose gap passes between 0 and 1, noting it in ``was`` with its side before; ``upto`` counts the
ranks at or below a rank, ``before`` the items standing before a sibling index.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itu_nb.amendments import struck_ranks
from itu_nb.amendments.struck_ranks import Struck

_NONE = 1 << 40


class Model:
    def __init__(self, index_of: dict[str, int]) -> None:
        self.index_of = index_of
        self.items: list[list] = []  # [rank, item, side]: the side kept apart (the item is the structure's)
        self.was: dict[int, tuple] = {}

    def gap(self, rank: int, comp: str) -> int:
        at = self.index_of.get(comp)
        return rank - (_NONE if at is None else at)

    def add(self, k: int, rank: int, comp: str, item: list) -> None:
        self.items.insert(k, [rank, item, self.gap(rank, comp) > 0])

    def shift(self, lo: int, hi: int | None, by: int) -> None:
        hi = len(self.items) if hi is None else hi
        crossing = 0 if by > 0 else 1
        for entry in self.items[lo:hi]:
            rank, x, side = entry
            if self.gap(rank, x[1]) == crossing:
                self.was.setdefault(id(x), (x, side))
                entry[2] = not side
            entry[0] = rank + by

    def upto(self, rank: int) -> int:
        return sum(e[0] <= rank for e in self.items)

    def before(self, q: int, lowered: int | None) -> int:
        low = len(self.items) if lowered is None else lowered
        keys = [e[0] + o - (o >= low) for o, e in enumerate(self.items)]
        return next((o for o, key in enumerate(keys) if key >= q), len(keys))


def _monotone(ranks: list[int]) -> bool:
    return all(a <= b for a, b in zip(ranks, ranks[1:], strict=False)) and (not ranks or ranks[0] >= 0)


@st.composite
def _steps(draw):
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(["add", "add", "shift", "shift", "shift", "label", "read"]),
                st.integers(0, 10**6),
                st.integers(0, 10**6),
                st.integers(0, 10**6),
            ),
            min_size=30,
            max_size=300,
        )
    )


def _run(steps, block: int) -> None:
    old = struck_ranks._BLOCK
    struck_ranks._BLOCK = block  # small blocks: splits and shifts over many blocks within a few hundred steps
    try:
        labels = [f"l{i}" for i in range(40)]
        index_of = {x: i for i, x in enumerate(labels)}
        s, m = Struck(index_of), Model(index_of)
        serial = 0
        for kind, a, b, c in steps:
            n = len(m.items)
            ranks = [e[0] for e in m.items]
            if kind == "add":
                k = a % (n + 1)
                lo = ranks[k - 1] if k else 0
                hi = ranks[k] if k < n else lo + 3
                rank = lo + b % (hi - lo + 1)
                serial += 1
                # a component: a label of the list (maybe later), or none of its labels
                comp = f"l{c % 60}" if c % 3 else f"x{serial}"
                if comp in s.held:
                    continue
                item = s.add(k, rank, comp, serial)
                assert item[0] == (m.gap(rank, comp) > 0)
                m.add(k, rank, comp, item)
            elif kind == "shift" and n:
                lo = a % (n + 1)
                hi = None if b % 3 == 0 else lo + b % (n - lo + 1)
                by = 1 if c % 2 else -1
                new = [r + by if lo <= o < (n if hi is None else hi) else r for o, r in enumerate(ranks)]
                if not _monotone(new):
                    continue
                s.shift(lo, hi, by)
                m.shift(lo, hi, by)
            elif kind == "label":
                comp = f"l{len(index_of)}"
                index_of[comp] = len(index_of)
                s.labelled(comp)
                x = s.held.get(comp)
                if x is not None:  # as Struck.labelled: its side read anew, noted
                    e = next(e for e in m.items if e[1] is x)
                    e[2] = m.gap(e[0], comp) > 0
                    m.was[id(x)] = (x, e[2])
            elif kind == "read":
                r = a % (max(ranks, default=0) + 3)
                assert s.upto(r) == m.upto(r)
                q = b % (n + (max(ranks, default=0)) + 3)
                lowered = None if c % 3 == 0 else c % (n + 1)
                assert s.before(q, lowered) == m.before(q, lowered)
                if n:
                    k = c % n
                    assert s.rank(k) == m.items[k][0]
                assert list(s.was) == list(m.was) and all(s.was[i][1] == m.was[i][1] for i in m.was)
                s.was, m.was = {}, {}
            assert len(s) == len(m.items)
            assert [(r, id(x)) for r, x in s] == [(e[0], id(e[1])) for e in m.items]
            assert all(x[0] == side == (m.gap(r, x[1]) > 0) for r, x, side in m.items)
    finally:
        struck_ranks._BLOCK = old


@settings(max_examples=300, deadline=None)
@given(_steps(), st.sampled_from([1, 2, 3, 64]))
def test_struck_reads_as_a_plain_list_stepped_one_by_one(steps, block):
    _run(steps, block)
