"""Moves between many sibling sub-lists, each cited by its own label: one pending run gives what one by one gives, and
the citations cost a step per label, not a pass over the list holding the sub-lists (issue 17).

``Move … 17 ii) before … 212 i)``, then ``Move … 212 i) after … 17 i)``, on a list of 300 items each holding a sub-list
``i)``–``ii)``: each instruction cites items of two sub-lists the run has not met yet, so each one joins lists
(:class:`~itu_nb.amendments.sublists.Nest`), and every citation names its sub-list through the label of the item
holding it.  Before session 19's cite19, each such citation was read by a pass in Python over the 300 items
(:func:`~itu_nb.amendments.addressing._child`: the bare label of each), in :func:`~itu_nb.amendments.anchors.cited_list`
(once per list joined, for each address) and in the join's ``resolve``; now through the session's label facts, in C.

Generated operations are applied with the run and with the reference of ``tests/test_amend_linear.py`` (one by one,
every path recomputed after each, no run applied at once), and compared field for field.

Text: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml), its
"instructs the Secretary-General and the Directors of the Bureaux" 1–8 replaced by 1–``n`` ("to do thing 7;"), each
holding ``i)`` "to report 7 first;" and ``ii)`` "to report 7 second;".
"""

from __future__ import annotations

import json

import pytest
from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import RES130, SLOW, WHO, _address, _same, amend_reference, reference
from test_amend_order import _counted

import itu_nb
from itu_nb.amendments.edits import DeleteClause, EditError, InsertClause, MoveClause, apply_ops
from itu_nb.errors import ItuNbError

S = "instructs the Secretary-General and the Directors of the Bureaux"

#: The text of the module docstring with ``n`` items (the bounded row builds it the same way)
SIBLINGS = """
import itu_nb
def siblings(res, n):
    S = "instructs the Secretary-General and the Directors of the Bureaux"
    lines = res.text("original").split("\\n")
    at = lines.index(S)
    first = next(i for i in range(at, len(lines)) if lines[i].startswith("1\\t"))
    end = next(i for i in range(first, len(lines)) if lines[i].startswith("8\\t")) + 1
    body = []
    for k in range(1, n + 1):
        body += [f"{k}\\tto do thing {k};", f"i)\\tto report {k} first;", f"ii)\\tto report {k} second;"]
    lines[first:end] = body
    return itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
"""
_ns: dict = {}
exec(SIBLINGS, _ns)
TWELVE = _ns["siblings"](RES130, 12)


def test_the_text_reads_as_the_tests_say():
    given_ = RES130[S].children
    assert [c.label for c in given_] == [str(n) for n in range(1, 9)]
    assert [c.label for c in given_[0].children] == ["i)", "ii)", "iii)"]
    kids = TWELVE[S].children
    assert [c.label for c in kids] == [str(n) for n in range(1, 13)]
    assert [(c.body(), [(x.label, x.body()) for x in c.children]) for c in kids[6:7]] == [
        ("to do thing 7;", [("i)", "to report 7 first;"), ("ii)", "to report 7 second;")])
    ]
    assert all(len(c.children) == 2 for c in kids)
    # the rest of the resolution as it was: the next section follows
    lines = TWELVE.text("original").split("\n")
    assert (
        lines[lines.index("12\tto do thing 12;") + 3]
        == "instructs the Director of the Telecommunication Standardization Bureau"
    )


def test_moves_between_sibling_sub_lists_are_one_run(monkeypatch):
    # 3 ii) moved to the head of 9's sub-list, then back after 3 i); 5 ii) to the head of 11's, then back; 2 ii) to 7's
    # and back.  The first move is taken by a run of moves (inserting.insert_run), which the second ends; the other
    # five are one pending run (sublists.Nest), each sub-list joining when first cited
    ops = []
    for a, b in ((3, 9), (5, 11), (2, 7)):
        ops += [MoveClause(f"{S} {a} ii)", before=f"{S} {b} i)"), MoveClause(f"{S} {b} i)", after=f"{S} {a} i)")]
    done = _counted(monkeypatch)
    fast = apply_ops(TWELVE, ops, **WHO)
    assert done == [5]
    _same(fast, reference(TWELVE, ops))
    kids = fast[S].children
    for n, there in ((3, 9), (5, 11), (2, 7)):
        # the sub-list of n: i) as given, the moved copy back as ii) (inserted), the original ii) struck after it
        sub = [(c.label, c.status, c.body(), c.body("original"), c.path[len(S) + 1 :]) for c in kids[n - 1].children]
        assert sub == [
            ("i)", "unchanged", f"to report {n} first;", f"to report {n} first;", f"{n}/i"),
            ("ii)", "inserted", f"to report {n} second;", "", f"{n}/ii"),
            (None, "deleted", "", f"to report {n} second;", f"{n}/ii#2"),
        ]
        # the sub-list it visited reads as given (the copy placed there went altogether when moved on)
        assert [(c.label, c.status, c.body()) for c in kids[there - 1].children] == [
            ("i)", "unchanged", f"to report {there} first;"),
            ("ii)", "unchanged", f"to report {there} second;"),
        ]
    assert [(c.label, c.body()) for c in kids] == [(c.label, c.body()) for c in TWELVE[S].children]


def _op(p, data):
    """A deletion, insertion or move at an item of one sub-list, the move most often to another sub-list (None: no
    live sub-item left)."""
    holders = [c for c in p[S].children if c.exists_in("amended")]
    subs = [[x for x in h.children if x.exists_in("amended")] for h in holders]
    subs = [s for s in subs if s]
    if not subs:
        return None
    pick = lambda cs: data.draw(st.sampled_from(cs))  # noqa: E731
    c = pick(pick(subs))
    kind = data.draw(st.sampled_from(["move", "move", "move", "delete", "insert", "out"]))
    if kind == "delete":
        return DeleteClause(_address(p, c, data))
    if kind == "insert":
        return InsertClause("to report more;", **{pick(["before", "after"]): _address(p, c, data)})
    there = pick(holders) if kind == "out" else pick(pick(subs))  # out: next to an item of the list itself
    return MoveClause(_address(p, c, data), **{pick(["before", "after"]): _address(p, there, data)})


@SLOW
@given(st.data())
def test_operations_across_sibling_sub_lists_equal_one_by_one(data):
    p, ops = TWELVE, []
    for _ in range(data.draw(st.integers(4, 30))):
        op = _op(p, data)
        if op is None:
            break
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a move into itself…: not part of the proposal
        ops.append(op)
    _same(apply_ops(TWELVE, ops, **WHO), reference(TWELVE, ops))


@pytest.mark.parametrize("bad", [f"{S} 5 vii)", f"{S} 13 i)", f"{S} 5 ii) i)"])
def test_a_citation_of_no_item_fails_as_one_by_one(bad):
    # instructions across sub-lists, then one citing an item no sub-list has: the same error, naming the instruction
    lines = [f"Move {S} {a} ii) before {S} {b} i)" for a, b in ((1, 7), (2, 8), (3, 9))]
    lines += [f"Move {bad} before {S} 6 i)", f"Move {S} 4 ii) before {S} 10 i)"]
    with pytest.raises(ItuNbError) as fast:
        itu_nb.amend(TWELVE, lines, **WHO)
    with pytest.raises(ItuNbError) as slow:
        amend_reference(TWELVE, lines)
    assert str(fast.value) == str(slow.value)
    assert type(fast.value) is type(slow.value)
    assert f"Move {bad} before" in str(fast.value)


#: The bounded row: 300 items each holding i)–ii); ``ops`` 500 pairs "Move … a ii) before … b i)", "Move … b i) after
#: … a i)" (a = 1 … 300 and round again, b another item, all distinct pairs).  It prints what the draft reads and the
#: number of operations each pending run applied
ROW = (
    SIBLINGS
    + """
import json
from itu_nb.amendments import inserting
from itu_nb.amendments.relettering import repath
runs, real = [], inserting.list_run
def spy(*args):
    out = real(*args)
    runs.append(out[1])
    return out
inserting.list_run = spy
S = "instructs the Secretary-General and the Directors of the Bureaux"
big = siblings(itu_nb.load("tests/fixtures/pp18-final-acts.akn.xml")["Resolution 130"], 300)
pairs = []
for k in range(500):
    a = k % 300 + 1
    b = (a + 1 + (k * 37) % 298) % 300 + 1
    pairs.append((a, b))
ops = [x for a, b in pairs for x in (f"Move {S} {a} ii) before {S} {b} i)", f"Move {S} {b} i) after {S} {a} i)")]
draft = itu_nb.amend(big, ops, author="X")
kids, given = draft[S].children, big[S].children
moved = sorted({a for a, _ in pairs})
def sub(c):
    return [[x.label, x.status, x.body(), x.path[len(S) + 1 :]] for x in c.children]
print(json.dumps({
    "runs": runs,
    "given": [c.label for c in given] == [str(n) for n in range(1, 301)] and all(len(c.children) == 2 for c in given),
    "distinct": len(set(pairs)) == 500 and all(a != b for a, b in pairs),
    "moved": moved == list(range(1, 301)),
    "list": [[c.label, c.status, c.body()] for c in kids] == [[c.label, "unchanged", c.body()] for c in given],
    "sub1": sub(kids[0]),
    "sub300": sub(kids[299]),
    "subs": all(len(c.children) == 3 and sub(c)[1][1] == "inserted" for c in kids),
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
    "amended": [x.body() for c in kids for x in c.children if x.exists_in("amended")]
    == [x.body() for c in given for x in c.children],
}))
"""
)


def test_a_thousand_moves_across_three_hundred_sibling_sub_lists():
    # every item's ii) goes to the head of another item's sub-list and back after its i), 1,000 moves over 300
    # sub-lists (the first 200 twice): before cite19 each citation read the 300 items in Python (1.2-1.4 s CPU for the
    # run on a loaded machine, quadratic in the number of sub-lists cited); the draft must read as one by one reads it
    r = bounded(ROW, label="amend: 1,000 moves across 300 sibling sub-lists, each cited by its own label")
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["given"] and out["distinct"] and out["moved"], out
    assert out["runs"] == [999]  # one pending run (the first instruction: a run of moves, which the second ends)
    # each sub-list: i) as given, ii) the copy put back (inserted), the original ii) struck after it (at ii#2)
    assert out["sub1"] == [
        ["i)", "unchanged", "to report 1 first;", "1/i"],
        ["ii)", "inserted", "to report 1 second;", "1/ii"],
        [None, "deleted", "", "1/ii#2"],
    ]
    assert out["sub300"] == [
        ["i)", "unchanged", "to report 300 first;", "300/i"],
        ["ii)", "inserted", "to report 300 second;", "300/ii"],
        [None, "deleted", "", "300/ii#2"],
    ]
    assert out["list"] and out["subs"] and out["amended"], out
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"], out
