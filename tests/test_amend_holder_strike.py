"""A holder struck or moved in a pending run of operations on nested lists: the run goes on, and gives what one by
one gives.

``Move … 13 after … 12 ii)``, ``Move … 12 iii) before … 13``, ``Move … 13 after … 12 ii)``, ``Delete … 12``, then the
same at 8, 4…: each deletion strikes an item holding a sub-list joined to the run (its *holder*).  Before session 20
that ended the run (:mod:`itu_nb.amendments.sublists`), so a list of such groups went one run per group, each
started again on the whole list (issue 17: 18.7 s CPU for 2,000).  Now the holder's sub-lists are settled into it as
they stand (:meth:`Nest._free <itu_nb.amendments.sublists.Nest>`) and the deletion or move takes it as any item.
Generated operations are applied with it and with the reference of ``tests/test_amend_linear.py`` (one by one,
every path recomputed after each, no run applied at once) and compared field for field, ``uid`` and provenance
included; an invalid operation in the middle of such a run must raise the error one by one raises.

Texts: ``HOLDERS`` of ``tests/test_amend_holder.py`` (Resolution 130 of the PP-18 Final Acts, its "instructs the
Secretary-General and the Directors of the Bureaux" with ``a)``–``c)`` under 1's ``i)``, ``i)``–``iii)`` under 1, 2
and ``i)``–``ii)`` under 6) and Resolution 130's recognizing (``k)`` holding ``i)``–``ii)``).
"""

from __future__ import annotations

import json

import pytest
from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_holder import CASES, HOLDERS, _holder, _op
from test_amend_linear import RES130, SLOW, WHO, _address, _same, reference
from test_amend_nested_levels import S
from test_amend_order import _counted

from itu_nb.amendments.edits import DeleteClause, EditError, InsertClause, MoveClause, apply_ops
from itu_nb.errors import ItuNbError

#: The kinds of operation drawn: most near a holder, many at the holder itself (struck or moved)
_KINDS = ["in", "in", "out", "out", "before", "holder", "holder", "holder", "nested", "delete", "insert", "move"]


def _nested(p, data):
    """An operation anywhere in HOLDERS' list and the lists inside its items (three levels): a move of one live item
    next to another or into an item, a deletion, an insertion.  None: no such."""
    top = p[S]
    items = [n for n in top.walk() if n is not top and n.exists_in("amended") and n.kind.value == "item"]
    if len(items) < 2:
        return None
    c, d = data.draw(st.sampled_from(items)), data.draw(st.sampled_from(items))
    kind = data.draw(st.sampled_from(["move", "move", "into", "delete", "insert"]))
    if kind == "delete":
        return DeleteClause(_address(p, c, data))
    if kind == "insert":
        return InsertClause(
            "that it is new;", **{data.draw(st.sampled_from(["after", "before"])): _address(p, c, data)}
        )
    if kind == "into" and d.children:
        return MoveClause(_address(p, c, data), into=_address(p, d, data))
    return MoveClause(_address(p, c, data), **{data.draw(st.sampled_from(["after", "before"])): _address(p, d, data)})


def _drawn(data):
    """A base text, and operations drawn on it that one by one applies (those it refuses are left out)."""
    base, outer, key = data.draw(st.sampled_from(CASES))
    ops: list = []
    p = base
    for _ in range(data.draw(st.integers(4, 30))):
        kind = data.draw(st.sampled_from(_KINDS))
        op = _nested(p, data) if kind == "nested" and base is HOLDERS else _op(p, outer, key, kind, data)
        if op is None:
            if _holder(p, key) is None and base is HOLDERS:  # the holder struck: on in the other lists
                op = _nested(p, data)
            if op is None:
                break
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a move into itself, a label the list does not have…: not part of the proposal
        ops.append(op)
    return base, ops


@SLOW
@given(st.data())
def test_holders_struck_and_moved_mid_run_equal_one_by_one(data):
    base, ops = _drawn(data)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


#: The items of HOLDERS holding a sub-list (by key): 1, its i), 2, 6
KEYS = [f"{HOLDERS[S].path}/{x}" for x in ("1", "1/i", "2", "6")]
_NEAR = ["in", "in", "in", "out", "out", "before", "before", "across", "holder"]


@SLOW
@given(st.data())
def test_conveyors_through_several_holders_changed_before_they_join_equal_one_by_one(data):
    # each operation near one of four holders drawn anew: a move in from before or after it, out again, a deletion or
    # insertion before it…, so that most holders' ranks (labels, paths) change before their sub-lists join the run
    # (read then with the lists as they stand: Nest._join_now), and holders are struck or moved on the way
    ops: list = []
    p = HOLDERS
    for _ in range(data.draw(st.integers(4, 40))):
        key = data.draw(st.sampled_from(KEYS))
        holder = _holder(p, key)
        if holder is None:
            continue
        outer = holder.path.rpartition("/")[0]
        op = _op(p, outer, key, data.draw(st.sampled_from(_NEAR)), data)
        if op is None:
            continue
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue
        ops.append(op)
    _same(apply_ops(HOLDERS, ops, **WHO), reference(HOLDERS, ops))


def _outcome(base, ops, apply):
    try:
        return apply(base, ops)
    except (EditError, ItuNbError) as e:
        return type(e), str(e)


@SLOW
@given(st.data())
def test_an_invalid_operation_after_a_holder_is_struck_raises_as_one_by_one(data):
    # a valid run, then at some point an operation one by one refuses: the holder moved into its own sub-list, an
    # address into the sub-list of a holder struck before, a label the list does not have
    base, ops = _drawn(data)
    k = data.draw(st.integers(0, len(ops)))
    p = apply_ops(base, ops[:k], **WHO)
    holders = [n for n in p.walk() if n.exists_in("amended") and n.kind.value == "item" and n.children]
    bad = [DeleteClause(f"{S} 99"), MoveClause(f"{S} 98", after=f"{S} 1")]
    for h in holders:
        inner = [c for c in h.children if c.exists_in("amended")]
        if inner:
            bad.append(MoveClause(_address(p, h, data), after=_address(p, data.draw(st.sampled_from(inner)), data)))
    bad.append(DeleteClause("recognizing k) i)"))  # once k) is struck or relettered, none such (or another)
    ops = ops[:k] + [data.draw(st.sampled_from(bad))] + ops[k:]
    fast = _outcome(base, ops, lambda b, o: apply_ops(b, o, **WHO))
    slow = _outcome(base, ops, reference)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        assert not isinstance(fast, tuple), fast
        _same(fast, slow)


def test_a_holder_inside_a_held_list_struck_with_its_own_sub_list(monkeypatch):
    # three levels: 1 holds i)-iii), whose i) holds a)-c).  3 moved into 1 i)'s sub-list and back out (before 4), 1
    # ii) moved after 1 i) a): the three lists joined; then 1 struck (both sub-lists settled into it first, the
    # innermost first), 2 (holding i)-iii), not joined) moved after 5, and 6 (now 5) struck
    ops = [
        MoveClause(f"{S} 3", after=f"{S} 1 i) c)"),
        MoveClause(f"{S} 1 i) d)", before=f"{S} 3"),
        MoveClause(f"{S} 1 ii)", after=f"{S} 1 i) a)"),
        DeleteClause(f"{S} 1"),
        MoveClause(f"{S} 1", after=f"{S} 4"),
        DeleteClause(f"{S} 5"),
    ]
    done = _counted(monkeypatch)
    fast = apply_ops(HOLDERS, ops, **WHO)
    _same(fast, reference(HOLDERS, ops))
    assert done == [6]
    given_ = HOLDERS[S].children
    kids = fast[S].children
    # 1 struck with everything under it: i)-iii) of the text, a)-c) under i) (ii)'s copy moved there, an insertion,
    # went altogether)
    one = kids[0]
    assert (one.key, one.status, one.body("original")) == (given_[0].key, "deleted", given_[0].body())
    assert [(c.key, c.status) for c in one.children] == [(c.key, "deleted") for c in given_[0].children]
    assert [(c.key, c.status) for c in one.children[0].children] == [
        (c.key, "deleted") for c in given_[0].children[0].children
    ]
    # struck where they stood: 1, 2 (moved), 3 (moved), 6; live: 3's copy, 4, 5, 2's copy (with its i)-iii)), 7, 8
    assert [c.body("original") for c in kids if not c.exists_in("amended")] == [given_[n].body() for n in (0, 1, 2, 5)]
    live = [c for c in kids if c.exists_in("amended")]
    assert [c.label for c in live] == ["1", "2", "3", "4", "5", "6"]
    assert [c.body() for c in live] == [given_[n].body() for n in (2, 3, 4, 1, 6, 7)]
    assert [c.body() for c in live[3].children] == [c.body() for c in given_[1].children]
    six = next(c for c in kids if c.key == given_[5].key)
    assert six.status == "deleted" and [c.status for c in six.children] == ["deleted", "deleted"]


def test_a_holder_moved_into_its_own_sub_list_still_fails_as_one_by_one():
    # the holder recognizing k) joined (a) moved into its sub-list), then moved after its own i): one by one refuses
    ops = [MoveClause("recognizing a)", into="recognizing k)"), MoveClause("recognizing j)", after="recognizing j) i)")]
    ops = [ops[0]] * 3 + [ops[1]]
    fast = _outcome(RES130, ops, lambda b, o: apply_ops(b, o, **WHO))
    slow = _outcome(RES130, ops, reference)
    assert isinstance(slow, tuple) and fast == slow


#: The bounded rows: instructs the Secretary-General … of Resolution 130 grown to 1 … N + 16 ("to do thing 9;" …),
#: every 4th item from 12 on holding i)–ii); GROUP(h) the operations at the holder h, applied to the holders from the
#: last down (UP: from the first up).  It prints what the draft reads, and the number of operations each pending run applied
ROW = """
import hashlib, json, itu_nb
from itu_nb.amendments import inserting
from itu_nb.amendments.edits import DeleteClause, MoveClause, apply_ops
from itu_nb.amendments.relettering import repath
runs, real = [], inserting.list_run
def spy(*args):
    out = real(*args)
    runs.append(out[1])
    return out
inserting.list_run = spy
res = itu_nb.load("tests/fixtures/pp18-final-acts.akn.xml")["Resolution 130"]
S = "instructs the Secretary-General and the Directors of the Bureaux"
lines = res.text("original").split("\\n")
at = lines.index(S)
eighth = next(i for i in range(at, len(lines)) if lines[i].startswith("8\\t"))
M = N + 16
new = []
for n in range(9, M + 1):
    new.append(f"{n}\\tto do thing {n};")
    if n >= 12 and n % 4 == 0 and n <= M - 4:
        new += [f"i)\\tto report {n} first;", f"ii)\\tto report {n} second;"]
lines[eighth + 1 : eighth + 1] = new
big = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
holders = [n for n in range(12, M - 3) if n % 4 == 0][:: 1 if UP else -1]
ops = [op for h in holders for op in GROUP(h)][:N]
draft = apply_ops(big, ops, author="X", date="2020-01-01")
kids, given = draft[S].children, big[S].children
live = [c for c in kids if c.exists_in("amended")]
print(json.dumps({
    "runs": runs,
    "n": len(ops),
    "labels": [c.label for c in live] == [str(n) for n in range(1, len(live) + 1)],
    "live": [c.body() for c in live],
    "subs": [[c.body(), [k.body() for k in c.children if k.exists_in("amended")]] for c in live[8:] if c.children],
    "struck": [[c.body("original"), [[k.body("original"), k.status] for k in c.children]] for c in kids
               if not c.exists_in("amended")],
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
    "digest": hashlib.sha1(repr(list(draft.walk())).encode()).hexdigest(),
}))
"""

IN_OUT = "MoveClause(f'{S} {h+1}', after=f'{S} {h} ii)'), MoveClause(f'{S} {h} iii)', before=f'{S} {h+1}')"
#: a move in from the item after the holder, back out, in again, then the holder struck (with the item moved in)
STRIKE = f"lambda h: [{IN_OUT}, MoveClause(f'{{S}} {{h+1}}', after=f'{{S}} {{h}} ii)'), DeleteClause(f'{{S}} {{h}}')]"
#: … then the holder moved after the item that follows it
MOVE = (
    f"lambda h: [{IN_OUT}, MoveClause(f'{{S}} {{h+1}}', after=f'{{S}} {{h}} ii)'),"
    " MoveClause(f'{S} {h}', after=f'{S} {h+1}')]"
)


def _row(group: str, label: str, up: bool = False):
    r = bounded(f"N = 1000\nUP = {up}\nGROUP = {group}\n" + ROW, label=label)
    assert r.ok and r.within(), r
    return json.loads(r.stdout)


def _thing(n: int) -> str:
    return f"to do thing {n};"


def test_a_thousand_operations_striking_a_holder_in_every_fourth_group_are_one_run():
    # 250 groups at the holders 1008, 1004 … 12 (the last down, so that each group's labels read as the text's): 13,
    # say, moved into 12's sub-list, back out, in again, then 12 struck with it.  On 670bc04 each deletion ended the
    # run: 250 runs, each started on the whole list (4.3-5.0 s CPU; 18.7 s for 2,000)
    out = _row(STRIKE, "amend: 1,000 operations, every fourth the strike of a holder")
    assert out["n"] == 1000 and out["runs"] == [1000]  # one pending run
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["labels"], out
    # struck: each holder h with its i)-ii) of the text and the item h+1 of the text, moved into it (the item struck
    # where it stood by the first move in; the copy moved back out then in again, an insertion, went with the holder)
    holders = list(range(16, 1013, 4))  # (12's group is the 251st: not among the first 1,000 operations)
    assert out["struck"] == [
        x
        for h in holders
        for x in (
            [_thing(h), [[f"to report {h} first;", "deleted"], [f"to report {h} second;", "deleted"]]],
            [_thing(h + 1), []],
        )
    ]
    gone = {n for h in holders for n in (h, h + 1)}
    assert out["live"][8:] == [_thing(n) for n in range(9, 1017) if n not in gone]


def test_a_thousand_operations_moving_a_holder_in_every_fourth_group_are_one_run():
    # as above, but each group ends moving the holder after the item that follows it (its sub-list with it: i)-ii) of
    # the text and the item moved in)
    out = _row(MOVE, "amend: 1,000 operations, every fourth a move of a holder")
    assert out["n"] == 1000 and out["runs"] == [1000]
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["labels"], out
    holders = list(range(16, 1013, 4))
    # struck: each holder of the text (moved: its struck original, with its sub-items) and the item after it
    assert [x[0] for x in out["struck"]] == [_thing(n) for h in holders for n in (h, h + 1)]
    # live: the item after the item after the holder (h+2), then the holder's copy, then h+3
    order = [n for n in range(9, 1017) if n not in {h for h in holders} | {h + 1 for h in holders}]
    expect = []
    for n in order:
        expect.append(_thing(n))
        if n - 2 in holders:
            expect.append(_thing(n - 2))
    assert out["live"][8:] == expect


#: a move in from the item after the holder and back out, twice
CONVEYOR = f"lambda h: [{IN_OUT}] * 2"
#: a move in and back out, then the item before the holder struck, and a move in through the holder renumbered
STALE = f"lambda h: [{IN_OUT}, DeleteClause(f'{{S}} {{h-1}}'), MoveClause(f'{{S}} {{h}}', after=f'{{S}} {{h-1}} ii)')]"


def test_a_thousand_operations_through_successive_holders_each_changed_before_it_joins_are_one_run():
    # 250 conveyors at the holders 12, 16 … 1008, the first up: 13 into 12's sub-list, back out (before 14), twice.
    # Each first move in strikes the item after the holder, changing the rank of every later item, the next holders
    # among them: on 670bc04 each such holder's sub-list could not join, 250 runs (8.6-9.3 s CPU; 36.7 s for 2,000)
    out = _row(CONVEYOR, "amend: 1,000 moves through the sub-lists of 250 holders, each changed before it joins", True)
    assert out["n"] == 1000 and out["runs"] == [1000]
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["labels"], out
    holders = list(range(12, 1009, 4))
    # h+1 of the text struck where it stood, its copy (moved back out the second time) right after it: the list
    # reads as the text; every holder keeps i)-ii)
    assert out["struck"] == [[_thing(h + 1), []] for h in holders]
    assert out["live"][8:] == [_thing(n) for n in range(9, 1017)]
    assert out["subs"] == [[_thing(h), [f"to report {h} first;", f"to report {h} second;"]] for h in holders + [1012]]


def test_a_thousand_operations_deleting_before_a_holder_between_conveyors_are_one_run():
    # 250 groups at the holders 1012, 1008 … 16, the last down: 13 into 12's sub-list and back out, 11 struck (the
    # holder now 11, the run stale), the copy of 13 (now 12) moved into the holder's sub-list (cited as 11 ii)).  On
    # 670bc04 the next group's sub-list could not join once the run was stale: 250 runs (4.9-5.8 s CPU; 24.4 s for
    # 2,000)
    out = _row(STALE, "amend: 1,000 operations, a deletion before each holder between conveyors")
    assert out["n"] == 1000 and out["runs"] == [1000]
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["labels"], out
    holders = list(range(16, 1013, 4))
    gone = sorted({n for h in holders for n in (h - 1, h + 1)})
    assert out["struck"] == [[_thing(n), []] for n in gone]
    assert out["live"][8:] == [_thing(n) for n in range(9, 1017) if n not in gone]
    # each holder: i)-ii) of the text, then the item after it (the copy moved in last, an insertion)
    subs = [[_thing(h), [f"to report {h} first;", f"to report {h} second;", _thing(h + 1)]] for h in holders]
    assert out["subs"] == [[_thing(12), ["to report 12 first;", "to report 12 second;"]]] + subs


@pytest.mark.parametrize(
    ("group", "up"),
    [(STRIKE, False), (MOVE, False), (CONVEYOR, True), (STALE, False)],
    ids=["strike", "move", "up", "stale"],
)
def test_the_rows_read_alike_under_two_hash_seeds(group, up, monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    a = _row(group, "", up)
    monkeypatch.setenv("PYTHONHASHSEED", "1")
    b = _row(group, "", up)
    assert a["digest"] == b["digest"] and a["runs"] == b["runs"] == [1000]
