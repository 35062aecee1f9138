"""Many holders renumbered by each operation: their lists take the holders' paths when read, and give what one by one
gives.

``Move … 13 after … 12 ii)``, ``Move … 12 iii) before … 13``, ``Delete … 11``, ``Move … 12 after … 11 ii)``, then the
same at 8, 4… (``STALE`` of ``tests/test_amend_holder_strike.py``): every operation changes the rank, label and path
of every holder joined so far.  Until session 21 each operation repathed the sub-list of each of them at once
(:meth:`Order.reprefix <itu_nb.amendments.order.Order.reprefix>` from ``Nest._follow``), quadratic over a run (2,000
operations over 500 holders: 2.1 s CPU, ×3.9 per doubling).  Now an operation flags the holders whose paths it changed
(``AWAY``, with REPATHED, in C) and shifts their ranks a block at a time
(:mod:`itu_nb.amendments.holder_ranks`); a holder's list takes the path the holder has then when it is next read
(:meth:`Joins.fresh <itu_nb.amendments.joins.Joins.fresh>`), in one step however many paths came between (away and
back when the path came back to the one it had).

Generated operations near several holders of one list, at three levels, by path and by citation (a path reads every
list at the path of its holder now), are applied three ways and compared field for field, ``uid`` and provenance
included: in runs as now; in runs with every list taking its holder's path after each operation (as before session
21: ``Joins._prefixes`` after each ``Nest._follow``); one by one (the reference of ``tests/test_amend_linear.py``,
every path recomputed after each operation, no run applied at once).

Text: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts, "instructs the Secretary-General and the Directors
of the Bureaux" with ``a)``–``c)`` under 1's ``i)``, ``i)``–``iii)`` under 1 and 2 and ``i)``–``ii)`` under 6
(``HOLDERS`` of ``tests/test_amend_holder.py``), grown to 1–24 ("to do thing 9;" …) with ``i)``–``ii)`` under 12, 16
and 20: seven holders, three levels.
"""

from __future__ import annotations

import json

import pytest
from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_holder import HOLDERS, _holder, _op
from test_amend_holder_strike import ROW, STALE, _nested
from test_amend_linear import SLOW, WHO, _address, _same, reference
from test_amend_nested_levels import S
from test_amend_order import _counted

import itu_nb
from itu_nb.amendments import sublists
from itu_nb.amendments.edits import DeleteClause, EditError, MoveClause, apply_ops
from itu_nb.errors import ItuNbError


def _grown():
    lines = HOLDERS.text("original").split("\n")
    at = lines.index(S)
    eighth = next(i for i in range(at, len(lines)) if lines[i].startswith("8\t"))
    new = []
    for n in range(9, 25):
        new.append(f"{n}\tto do thing {n};")
        if n in (12, 16, 20):
            new += [f"i)\tto report {n} first;", f"ii)\tto report {n} second;"]
    lines[eighth + 1 : eighth + 1] = new
    return itu_nb.load("\n".join(lines) + "\n", format="text")[0]


MANY = _grown()
#: The items of MANY holding a sub-list (by key): 1, its i), 2, 6, 12, 16, 20
KEYS = [f"{MANY[S].path}/{x}" for x in ("1", "1/i", "2", "6", "12", "16", "20")]


def test_the_text_reads_as_the_tests_say():
    kids = MANY[S].children
    assert [c.label for c in kids] == [str(n) for n in range(1, 25)]
    assert [c.body() for c in kids[8:]] == [f"to do thing {n};" for n in range(9, 25)]
    held = {c.label: [k.body() for k in c.children] for c in kids if c.children}
    assert list(held) == ["1", "2", "6", "12", "16", "20"]
    assert held["12"] == ["to report 12 first;", "to report 12 second;"]
    assert held["6"] == ["to report sixth;", "to report seventh;"]
    assert [c.label for c in kids[0].children[0].children] == ["a)", "b)", "c)"]
    assert all(_holder(MANY, k) is not None for k in KEYS)


def _stale_group(p, key):
    """``STALE``'s group at the holder ``key`` as ``p`` reads now: the item after it into its sub-list (after its last
    sub-item), back out, the item before it struck, the item after it (now the one at its old place) in again.
    None: no such (the holder first, last, without sub-items, struck)."""
    holder = _holder(p, key)
    if holder is None or "/" in key.removeprefix(MANY[S].path + "/"):
        return None
    items = [c for c in p[S].children if c.exists_in("amended")]
    at = next(i for i, c in enumerate(items) if c is holder)
    ins = [c for c in holder.children if c.exists_in("amended")]
    if not at or at + 1 >= len(items) or not ins or ins[-1].label not in _ROMANS[:-1]:
        return None
    h, last = holder.label, ins[-1].label
    nxt = str(int(h) + 1)
    before = str(int(h) - 1)
    return [
        MoveClause(f"{S} {nxt}", after=f"{S} {h} {last}"),
        MoveClause(f"{S} {h} {_next_roman(last)}", before=f"{S} {nxt}"),
        DeleteClause(f"{S} {before}"),
        MoveClause(f"{S} {h}", after=f"{S} {before} {last}"),
    ]


_ROMANS = ["i)", "ii)", "iii)", "iv)", "v)", "vi)", "vii)", "viii)"]


def _next_roman(label: str) -> str:
    return _ROMANS[_ROMANS.index(label) + 1]


#: Near a holder drawn anew for each operation: moves in and out of its sub-list, deletions and insertions before
#: it, moves across it, the holder struck or moved, a move within its sub-list or its list (the sub-list joined, as
#: the text has it, when the holder is unchanged); ``stale``: STALE's group of four at it; ``conveyor``: its first two
#: (the item after the holder in and out again: the path of every holder after it away and back)
_NEAR = ["in", "out", "before", "before", "across", "holder", "move", "move", "stale", "stale", "conveyor", "conveyor"]
_NEAR += ["conveyor", "nested"]


def _drawn(data):
    ops: list = []
    p = MANY
    for _ in range(data.draw(st.integers(4, 40))):
        key = data.draw(st.sampled_from(KEYS))
        holder = _holder(p, key)
        if holder is None:
            continue
        kind = data.draw(st.sampled_from(_NEAR))
        if kind in ("stale", "conveyor"):
            group = (_stale_group(p, key) or [])[: 4 if kind == "stale" else 2]
        elif kind == "nested":
            group = [_nested(p, data)]
        else:
            group = [_op(p, holder.path.rpartition("/")[0], key, kind, data)]
        for op in group:
            if op is None:
                break
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                break  # a move into itself, a label the list does not have…: not part of the proposal
            ops.append(op)
    return ops


def _eager(monkeypatch):
    """Every list at its holder's path after each operation, as before session 21."""
    follow = sublists.Nest._follow

    def eager(self, order):
        follow(self, order)
        self._prefixes()

    monkeypatch.setattr(sublists.Nest, "_follow", eager)


@SLOW
@given(st.data())
def test_operations_renumbering_many_holders_equal_one_by_one(data):
    ops = _drawn(data)
    _same(apply_ops(MANY, ops, **WHO), reference(MANY, ops))


@SLOW
@given(st.data())
def test_lists_taking_their_holders_paths_when_read_equal_taking_them_after_each_operation(data):
    ops = _drawn(data)
    lazy = apply_ops(MANY, ops, **WHO)
    with pytest.MonkeyPatch.context() as mp:
        _eager(mp)
        eager = apply_ops(MANY, ops, **WHO)
    _same(lazy, eager)


@SLOW
@given(st.data())
def test_an_invalid_operation_among_renumbered_holders_raises_as_one_by_one(data):
    ops = _drawn(data)
    k = data.draw(st.integers(0, len(ops)))
    p = apply_ops(MANY, ops[:k], **WHO)
    holders = [n for n in p.walk() if n.exists_in("amended") and n.kind.value == "item" and n.children]
    bad = [DeleteClause(f"{S} 99"), MoveClause(f"{S} 98", after=f"{S} 1")]
    for h in holders:  # a holder into its own sub-list (by path or citation)
        inner = [c for c in h.children if c.exists_in("amended")]
        if inner:
            bad.append(MoveClause(_address(p, h, data), after=_address(p, data.draw(st.sampled_from(inner)), data)))
    ops = ops[:k] + [data.draw(st.sampled_from(bad))] + ops[k:]

    def outcome(apply):
        try:
            return apply(MANY, ops)
        except (EditError, ItuNbError) as e:
            return type(e), str(e)

    fast, slow = outcome(lambda b, o: apply_ops(b, o, **WHO)), outcome(reference)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        assert not isinstance(fast, tuple), fast
        _same(fast, slow)


def test_a_holder_list_whose_path_went_away_and_came_back_keeps_the_paths_it_had_as_uids(monkeypatch):
    # 20's list joined (21 moved in), then 11 into 12's sub-list and back out, twice: each strike of 11 takes 20 to 19,
    # each copy placed before 12 (the 13 of the text) back to 20.  One by one repaths 20's items each time, and their
    # paths, back where they were, keep the first as their uids: so must the list, read only at the end
    ops = [
        MoveClause(f"{S} 21", after=f"{S} 20 ii)"),
        MoveClause(f"{S} 11", after=f"{S} 12 ii)"),
        MoveClause(f"{S} 11 iii)", before=f"{S} 12"),
        MoveClause(f"{S} 12", after=f"{S} 11 ii)"),
        MoveClause(f"{S} 11 iii)", before=f"{S} 12"),
    ]
    done = _counted(monkeypatch)
    p = apply_ops(MANY, ops, **WHO)
    assert done == [5]
    _same(p, reference(MANY, ops))
    twenty = next(c for c in p[S].children if c.key == f"{MANY[S].path}/20")
    assert twenty.path == twenty.key and twenty.label == "20"
    assert [(c.path, c.uid) for c in twenty.children] == [(f"{twenty.path}/{x}",) * 2 for x in ("i", "ii", "iii")]
    assert [c.body() for c in twenty.children] == ["to report 20 first;", "to report 20 second;", "to do thing 21;"]


def test_stale_groups_at_every_holder_from_the_last_down_are_one_run(monkeypatch):
    # STALE's group at 20, 16, 12, the last down (each renumbering the holders joined before it), then by path: the
    # ii) of the holder 20 (now 15, at 15#2) moved after 9, read through every list at its holder's path now
    ops = [op for key in KEYS[:3:-1] for op in _stale_group(MANY, key)]
    assert ops[0] == MoveClause(f"{S} 21", after=f"{S} 20 ii)")
    done = _counted(monkeypatch)
    p = apply_ops(MANY, ops, **WHO)
    assert done == [12]
    _same(p, reference(MANY, ops))
    kids = [c for c in p[S].children if c.exists_in("amended")]
    assert [c.label for c in kids] == [str(n) for n in range(1, len(kids) + 1)]
    # 11, 13 (moved in, its copy back out then in again), 15, 17, 19, 21 struck: the holders 12, 16, 20 now 11, 13, 15,
    # each holding i), ii) and the item that followed it
    gone = [c.body("original") for c in p[S].children if not c.exists_in("amended")]
    assert gone == [f"to do thing {n};" for n in (11, 13, 15, 17, 19, 21)]
    for label, h in (("11", 12), ("13", 16), ("15", 20)):
        holder = next(c for c in kids if c.label == label)
        assert holder.body() == f"to do thing {h};"
        # (at the label's "#2": the struck item before it, 11, 13 or 15 of the text, holds the label's component)
        assert holder.path == f"{MANY[S].path}/{label}#2" and holder.key == f"{MANY[S].path}/{h}"
        assert [(c.label, c.body()) for c in holder.children if c.exists_in("amended")] == [
            ("i)", f"to report {h} first;"),
            ("ii)", f"to report {h} second;"),
            ("iii)", f"to do thing {h + 1};"),
        ]
        assert [c.path for c in holder.children] == [f"{holder.path}/{x}" for x in ("i", "ii", "iii")]
    by_path = ops + [MoveClause(f"{MANY[S].path}/15#2/ii", after=f"{MANY[S].path}/9")]
    done.clear()
    q = apply_ops(MANY, by_path, **WHO)
    assert done == [13]
    _same(q, reference(MANY, by_path))


#: The bounded row at 4,000 operations: STALE's groups at 1,000 holders of a 4,016-item list; the child counts the
#: lists repathed (``Order.reprefix``): two per operation at most (on 556c042, every holder's list at every operation:
#: about 2,000,000), and prints the row's facts
COUNTED = (
    "from itu_nb.amendments import order as _order\n"
    "_reprefixed = [0]\n"
    "_real_reprefix = _order.Order.reprefix\n"
    "def _reprefix(self, prefix):\n"
    "    _reprefixed[0] += 1\n"
    "    return _real_reprefix(self, prefix)\n"
    "_order.Order.reprefix = _reprefix\n"
)


def test_four_thousand_operations_deleting_before_each_holder_between_conveyors_are_linear():
    code = (
        COUNTED
        + f"N = 4000\nUP = False\nGROUP = {STALE}\n"
        + ROW.replace('"digest":', '"reprefixed": _reprefixed[0], "digest":')
    )
    r = bounded(code, label="amend: 4,000 operations, a deletion before each of 1,000 holders between conveyors")
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["n"] == 4000 and out["runs"] == [4000]
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["labels"], out
    assert out["reprefixed"] <= 2 * 4000, out["reprefixed"]
    holders = list(range(16, 4013, 4))
    gone = sorted({n for h in holders for n in (h - 1, h + 1)})
    assert out["struck"] == [[f"to do thing {n};", []] for n in gone]
    assert out["live"][8:] == [f"to do thing {n};" for n in range(9, 4017) if n not in gone]
    subs = [
        [f"to do thing {h};", [f"to report {h} first;", f"to report {h} second;", f"to do thing {h + 1};"]]
        for h in holders
    ]
    assert out["subs"] == [["to do thing 12;", ["to report 12 first;", "to report 12 second;"]]] + subs
