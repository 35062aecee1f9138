"""Moves between a list and the list inside one of its items: one pending order over both gives what one by one gives.

``Move … 2 before … 1 i)`` and ``Move … 1 iv) after … 207``, alternately: each moves an item between a list and the
sub-list of its item 1, so a run on either list alone ends at once, and before session 17 each was applied one by
one, relettering the whole list (issue 17: 144 s CPU for 2,000).  :mod:`itu_nb.amendments.sublists` keeps both lists
pending together; here generated operations on such a pair are applied with it and with the reference of
``tests/test_amend_linear.py`` (one by one, every path recomputed after each, no run applied at once), and the two
results compared field for field, ``uid`` and provenance included.

Texts: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml): the
pairs recognizing a)–o) with the sub-list i)–ii) of k); instructs the Secretary-General and the Directors of the
Bureaux 1–8 with the sub-list i)–iii) of 1; instructs the Director of the TSB 1–3 with the sub-list of 1; each also
with items struck before (``_struck_before``) and with comments and highlights on every other item (``MARKED``).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import RES130, SLOW, WHO, _address, _items, _same, _struck_before, reference
from test_amend_order import MARKED, _counted

from itu_nb.amendments.addressing import resolve
from itu_nb.amendments.edits import DeleteClause, EditError, InsertClause, InsertWords, MoveClause, apply_ops
from itu_nb.errors import ItuNbError

S = "instructs the Secretary-General and the Directors of the Bureaux"
T = "instructs the Director of the Telecommunication Standardization Bureau"
#: (the list, the item holding the sub-list), each cited
PAIRS = [("recognizing", "recognizing k)"), (S, f"{S} 1"), (T, f"{T} 1")]

_KINDS = ["in", "in", "in", "out", "out", "out", "delete", "insert", "move", "odd"]


def _op(p, outer, inner, kind, data):
    """An operation on the pair: ``in`` (an item of the list into the sub-list), ``out`` (a sub-item out into the
    list), or a deletion, insertion or move within either; ``odd`` (an edit of words) ends a run.  None: no such."""
    outs, ins = _items(p, outer), _items(p, inner)
    if not outs:
        return None
    if kind == "in" or (kind == "out" and not ins):
        c = data.draw(st.sampled_from(outs))
        if not ins or data.draw(st.integers(0, 3)) == 0:
            return MoveClause(_address(p, c, data), into=inner)
        where = data.draw(st.sampled_from(["before", "before", "after"]))
        return MoveClause(_address(p, c, data), **{where: _address(p, data.draw(st.sampled_from(ins)), data)})
    if kind == "out":
        c = data.draw(st.sampled_from(ins))
        if data.draw(st.integers(0, 3)) == 0:
            return MoveClause(_address(p, c, data), into=outer)
        where = data.draw(st.sampled_from(["before", "after", "after"]))
        return MoveClause(_address(p, c, data), **{where: _address(p, data.draw(st.sampled_from(outs)), data)})
    its = data.draw(st.sampled_from([x for x in (outs, ins) if x]))
    return within(p, its, data.draw(st.sampled_from(its)), kind, data)


def within(p, its, c, kind, data):
    """An operation on ``c``, one of the live items ``its`` of a list: ``odd`` (an edit of words, which ends a run), a
    deletion, an insertion next to it, or else a move next to another of them."""
    if kind == "odd":
        return InsertWords(_address(p, c, data), "indeed")
    if kind == "delete":
        return DeleteClause(_address(p, c, data))
    if kind == "insert":
        return InsertClause(
            "that it is new;", **{data.draw(st.sampled_from(["after", "before"])): _address(p, c, data)}
        )
    d = data.draw(st.sampled_from(its))
    return MoveClause(_address(p, c, data), **{data.draw(st.sampled_from(["after", "before"])): _address(p, d, data)})


@SLOW
@given(st.data())
def test_moves_between_a_list_and_the_list_inside_one_of_its_items_equal_one_by_one(data):
    base = data.draw(st.sampled_from([RES130, RES130, MARKED]))
    if data.draw(st.booleans()):
        base = _struck_before(base, data)  # lists holding struck items
    outer, inner = data.draw(st.sampled_from(PAIRS))
    holder = resolve(base, inner)
    inner = holder.path if data.draw(st.booleans()) else inner  # the sub-list by path or by citation
    ops: list = []
    p = base
    conveyor = data.draw(st.booleans())  # in and out alternately, as the bounded row
    for k in range(data.draw(st.integers(4, 30))):
        kind = ("in", "out")[k % 2] if conveyor else data.draw(st.sampled_from(_KINDS))
        op = _op(p, outer, inner, kind, data)
        if op is None:
            break
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # the item is the holder, a label the list does not have…: not part of the proposal
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def test_a_conveyor_through_the_sub_list_of_the_first_item_is_one_run(monkeypatch):
    # instructs the Secretary-General … 1–8, item 1 ("to continue to review:") holding i)–iii): "Move … 2 before … 1
    # i)" and "Move … 1 iv) after … 7", alternately, 8 times each: each item from the head of the list into 1's
    # sub-list, the sub-list's fourth item out to the tail (its last: the list has 7 live items after each move in)
    ops = [MoveClause(f"{S} 2", before=f"{S} 1 i)"), MoveClause(f"{S} 1 iv)", after=f"{S} 7")] * 8
    done = _counted(monkeypatch)
    fast = apply_ops(RES130, ops, **WHO)
    assert done == [16]  # one pending order over the list and the sub-list
    _same(fast, reference(RES130, ops))
    given = resolve(RES130, S).children
    own, sub = [c.body() for c in given], [c.body() for c in given[0].children]
    kids = fast[resolve(RES130, S).path].children
    shown = [c for c in kids if c.exists_in("amended")]
    # pair by pair (sub-list a), b), c) for its i)–iii)): 2 in, c) out last; 3 in, b) out; 4 in, a) out; then 5 … 8 in,
    # and the copies of 2 … 5 out; the ninth move in takes the copy of c) (then second), the last out the copy of 6
    assert [c.label for c in shown] == [str(n) for n in range(1, 9)]
    assert [c.body() for c in shown] == [own[0], sub[1], sub[0], *own[1:6]]
    assert [c.body("original") for c in kids if not c.exists_in("amended")] == own[1:8]  # 2 … 8 struck in place
    # the sub-list: the copies of c), 8 and 7, then the originals a)–c) struck where they stood
    assert [
        (c.label, c.status, c.body("amended" if c.exists_in("amended") else "original")) for c in kids[0].children
    ] == [
        ("i)", "inserted", sub[2]),
        ("ii)", "inserted", own[7]),
        ("iii)", "inserted", own[6]),
    ] + [(None, "deleted", x) for x in sub]


def test_an_operation_before_the_holder_no_longer_ends_the_run(monkeypatch):
    # recognizing a)–o), k) holding i)–ii): two moves in from l) and m) and two out after o), then the deletion of a)
    # (before the holder: it reletters k) as j)), then the same four moves cited through j): before session 19 the
    # deletion ended the run ([4, 1, 4]); now the holder may change in a run (tests/test_amend_holder.py): one run
    four = [
        MoveClause("recognizing l)", before="recognizing k) i)"),
        MoveClause("recognizing l)", into="recognizing k)"),
        MoveClause("recognizing k) ii)", after="recognizing m)"),
        MoveClause("recognizing k) i)", after="recognizing m)"),
    ]
    again = [
        MoveClause("recognizing k)", before="recognizing j) i)"),
        MoveClause("recognizing k)", into="recognizing j)"),
        MoveClause("recognizing j) ii)", after="recognizing l)"),
        MoveClause("recognizing j) i)", after="recognizing l)"),
    ]
    ops = [*four, DeleteClause("recognizing a)"), *again]
    done = _counted(monkeypatch)
    fast = apply_ops(RES130, ops, **WHO)
    _same(fast, reference(RES130, ops))
    assert done == [9]
