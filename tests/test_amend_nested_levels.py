"""Moves between a list and a list inside an item of an item (three levels), and between the lists inside two items
of one list (siblings): one pending run over the lists touched gives what one by one gives.

``Move … 2 before … 1 i) a)`` and ``Move … 1 i) d) after … 7``; ``Move … 1 a) before … 2 a)`` and ``Move … 2 b)
before … 1 a)``: before session 18 a run joined a list and the list inside one of its items only, so each such
move was applied one by one, relettering and repathing the lists (issue 17).  :mod:`itu_nb.amendments.sublists`
now joins each list an operation reaches, through the items holding them, as long as no operation changes those
items.  Generated operations are applied with it and with the reference of ``tests/test_amend_linear.py`` (one by
one, every path recomputed after each, no run applied at once), and the two results compared field for field,
``uid`` and provenance included.

Text: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml), read back
from its text with two sub-lists added under "instructs the Secretary-General and the Directors of the Bureaux":
``a)``–``c)`` under item 1's ``i)`` (a third level) and ``i)``–``iii)`` under item 2 (a sibling of 1's ``i)``–``iii)``).
"""

from __future__ import annotations

import json

from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import RES130, SLOW, WHO, _address, _items, _same, reference
from test_amend_nested import within
from test_amend_order import _counted

import itu_nb
from itu_nb.amendments.edits import DeleteClause, EditError, MoveClause, apply_ops
from itu_nb.errors import ItuNbError

S = "instructs the Secretary-General and the Directors of the Bureaux"


def _levels():
    lines = RES130.text("original").split("\n")
    at = lines.index(S)
    assert lines[at + 1].startswith("1\tto continue to review:") and lines[at + 2].startswith("i)\tthe work done")
    assert lines[at + 5].startswith("2\tconsistent with Resolution 45")
    lines[at + 6 : at + 6] = ["i)\tto report first;", "ii)\tto report second;", "iii)\tto report third;"]
    lines[at + 3 : at + 3] = ["a)\tin the first Sector;", "b)\tin the second Sector;", "c)\tin the third Sector;"]
    return itu_nb.load("\n".join(lines) + "\n", format="text")[0]


LEVELS = _levels()
#: The lists of LEVELS the operations draw from: the list, 1's sub-list, its i)'s sub-list, 2's sub-list
LISTS = [S, f"{S} 1", f"{S} 1 i)", f"{S} 2"]


def test_the_text_reads_as_the_tests_say():
    kids = LEVELS[S].children
    assert [c.label for c in kids] == [str(n) for n in range(1, 9)]
    assert [c.label for c in kids[0].children] == ["i)", "ii)", "iii)"]
    assert [(c.label, c.body()) for c in kids[0].children[0].children] == [
        ("a)", "in the first Sector;"),
        ("b)", "in the second Sector;"),
        ("c)", "in the third Sector;"),
    ]
    assert [(c.label, c.path) for c in kids[1].children] == [
        (x, f"{kids[1].path}/{x[:-1]}") for x in ("i)", "ii)", "iii)")
    ]


def _op(p, one, other, kind, data):
    """An operation: ``across`` (an item of ``one`` moved into ``other``), or a deletion, insertion or move within
    ``one``; ``odd`` (an edit of words) ends a run.  None: no such."""
    ones, others = _items(p, one), _items(p, other)
    if not ones:
        return None
    c = data.draw(st.sampled_from(ones))
    if kind == "across":
        if not others or data.draw(st.integers(0, 3)) == 0:
            return MoveClause(_address(p, c, data), into=other)
        where = data.draw(st.sampled_from(["before", "after"]))
        return MoveClause(_address(p, c, data), **{where: _address(p, data.draw(st.sampled_from(others)), data)})
    return within(p, ones, c, kind, data)


@SLOW
@given(st.data())
def test_moves_across_three_levels_and_between_sibling_sub_lists_equal_one_by_one(data):
    base = LEVELS
    for _ in range(data.draw(st.integers(0, 3))):  # now and then items struck before (an earlier session's)
        items = _items(base, data.draw(st.sampled_from(LISTS)))
        if len(items) > 1:
            base = apply_ops(base, [DeleteClause(data.draw(st.sampled_from(items)).path)], **WHO)
    # the lists the run works on: two of them (each pair of levels, or the siblings 1's and 2's), or all four
    pair = data.draw(st.sampled_from([[0, 2], [1, 2], [0, 1], [1, 3], [2, 3], [0, 1, 2, 3]]))
    names = [LISTS[k] for k in pair]
    ops: list = []
    p = base
    conveyor = data.draw(st.booleans())  # back and forth between two lists, as the bounded rows
    kinds = ["across"] * 6 + ["delete", "insert", "move", "odd"]
    for k in range(data.draw(st.integers(4, 30))):
        one, other = (names[k % 2], names[1 - k % 2]) if conveyor else data.draw(st.permutations(names))[:2]
        op = _op(p, one, other, "across" if conveyor else data.draw(st.sampled_from(kinds)), data)
        if op is None:
            break
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # the item holds a list the move goes into, a label the list does not have…: not a proposal's
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def test_a_conveyor_through_a_sub_list_of_a_sub_list_is_one_run(monkeypatch):
    # "Move … 2 before … 1 i) a)" and "Move … 1 i) d) after … 7", alternately, 6 times each: each item from the head of
    # the list into the sub-list of 1's i), that sub-list's fourth item out to the list's tail (7 live items then)
    ops = [MoveClause(f"{S} 2", before=f"{S} 1 i) a)"), MoveClause(f"{S} 1 i) d)", after=f"{S} 7")] * 6
    done = _counted(monkeypatch)
    fast = apply_ops(LEVELS, ops, **WHO)
    assert done == [12]  # one pending run over the list and the sub-list of 1's i) (and 1's, which holds it)
    _same(fast, reference(LEVELS, ops))
    own = [c.body() for c in LEVELS[S].children]  # 1 "to continue to review:", 2 "consistent with Resolution 45…"
    deep = ["in the first Sector;", "in the second Sector;", "in the third Sector;"]
    kids = fast[S].children
    shown = [c for c in kids if c.exists_in("amended")]
    # pair by pair: 2 in at the head, c) out last; 3 in, b) out; 4 in, a) out; then 5, 6, 7 in, the copies of 2, 3, 4 out
    assert [c.label for c in shown] == [str(n) for n in range(1, 9)]
    assert [c.body() for c in shown] == [own[0], own[7], deep[2], deep[1], deep[0], *own[1:4]]
    assert [c.body("original") for c in kids if not c.exists_in("amended")] == own[1:7]  # 2 … 7 struck in place
    level = kids[0].children[0].children
    assert [(c.label, c.status, c.body("amended" if c.exists_in("amended") else "original")) for c in level] == [
        ("a)", "inserted", own[6]),
        ("b)", "inserted", own[5]),
        ("c)", "inserted", own[4]),
    ] + [(None, "deleted", x) for x in deep]
    assert [c.body() for c in kids[0].children] == [c.body() for c in LEVELS[S].children[0].children]  # i)–iii) kept


def test_a_conveyor_between_the_sub_lists_of_two_items_is_one_run(monkeypatch):
    # "Move … 1 i) before … 2 i)" and "Move … 2 ii) before … 1 i)", alternately, 5 times each: 1's first sub-item to
    # the head of 2's sub-list, and back; the first move is a run of moves into one list (inserting.insert_run),
    # the other nine one pending run over the two sub-lists and the list holding them
    ops = [MoveClause(f"{S} 1 i)", before=f"{S} 2 i)"), MoveClause(f"{S} 2 ii)", before=f"{S} 1 i)")] * 5
    done = _counted(monkeypatch)
    fast = apply_ops(LEVELS, ops, **WHO)
    assert done == [9]
    _same(fast, reference(LEVELS, ops))
    one, two = ([c.body() for c in LEVELS[S].children[k].children] for k in (0, 1))
    kids = fast[S].children
    # 1's i) (the work done…) goes to the head of 2's sub-list and 2's i) (to report first) back to the head of 1's,
    # each a copy of a copy from then on (an insertion moved goes altogether): pair by pair the two swap their places,
    # and after an odd number of pairs the first items are exchanged; the originals stay struck where they stood
    shown = [[(c.label, c.body()) for c in kids[k].children if c.exists_in("amended")] for k in (0, 1)]
    assert shown == [
        [("i)", two[0]), ("ii)", one[1]), ("iii)", one[2])],
        [("i)", one[0]), ("ii)", two[1]), ("iii)", two[2])],
    ]
    assert [(c.body("original"), c.status) for c in kids[0].children if not c.exists_in("amended")] == [
        (one[0], "deleted")
    ]
    assert [(c.body("original"), c.status) for c in kids[1].children if not c.exists_in("amended")] == [
        (two[0], "deleted")
    ]


#: The text of the bounded rows: Resolution 130 with instructs the Secretary-General … grown to 1 … 2008 ("to do
#: thing 9;" …), its item 1 (i)–iii)) and 2 given the sub-lists of LEVELS; ``ops`` then reads the instructions
GROWN = """
import json, itu_nb
from itu_nb.amendments.relettering import repath
res = itu_nb.load("tests/fixtures/pp18-final-acts.akn.xml")["Resolution 130"]
S = "instructs the Secretary-General and the Directors of the Bureaux"
lines = res.text("original").split("\\n")
at = lines.index(S)
lines[at + 12 : at + 12] = [f"{n}\\tto do thing {n};" for n in range(9, 2009)]  # after 8 (1 and its i)-iii): four lines)
lines[at + 6 : at + 6] = ["i)\\tto report first;", "ii)\\tto report second;", "iii)\\tto report third;"]
lines[at + 3 : at + 3] = ["a)\\tin the first Sector;", "b)\\tin the second Sector;", "c)\\tin the third Sector;"]
big = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
draft = itu_nb.amend(big, ops, author="X")
kids = draft[S].children
shown = [c for c in kids if c.exists_in("amended")]
def listed(cs):
    return [[c.label, c.status, c.body("amended" if c.exists_in("amended") else "original")] for c in cs]
print(json.dumps({
    "labels": [c.label for c in shown],
    "bodies": [c.body("amended") for c in shown],
    "struck": [c.body("original") for c in kids if not c.exists_in("amended")],
    "one": listed(shown[0].children), "one_i": listed(shown[0].children[0].children), "two": listed(shown[1].children),
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_as_repath": [n.key for n in draft.walk()] == [n.key for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
}))
"""
ONE = [c.body() for c in LEVELS[S].children[0].children]  # i) the work done so far …, ii) the progress …, iii) …
DEEP = ["in the first Sector;", "in the second Sector;", "in the third Sector;"]
TWO = ["to report first;", "to report second;", "to report third;"]


def _grown(ops: str, label: str) -> dict:
    r = bounded(f"ops = {ops}\n" + GROWN, label=label)
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["paths_as_repath"] and out["keys_as_repath"] and out["keys_unique"] and out["original_kept"], out
    return out


def test_two_thousand_moves_between_a_list_and_the_list_inside_an_item_of_its_first_item():
    # "Move … 2 before … 1 i) a)" and "Move … 1 i) d) after … 2007", alternately, 1,000 times each: a conveyor, each
    # item from the head of the list into the sub-list of 1's i), and that sub-list's fourth item out to the tail.  On
    # f6c1056 each was applied one by one (a run joined a list and the list inside one of its items only): 1.4-1.5 /
    # 30 s CPU for 200 / 1,000 moves on lists of 208 / 1,008 items.  Now the three lists stay pending together
    # (itu_nb.amendments.sublists), 1's sub-list i)-iii) only as the list holding the one the moves go into
    out = _grown(
        '[f"Move {S} 2 before {S} 1 i) a)", f"Move {S} 1 i) d) after {S} 2007"] * 1000'.replace("{S}", S),
        "amend: 2,000 moves between a list and the list inside an item of its first item",
    )
    own = [c.body() for c in LEVELS[S].children] + [f"to do thing {n};" for n in range(9, 2009)]  # own[n - 1]: item n
    # as the row of tests/test_amend_hostile.py one level up: pair k moves item k + 1 in at the head and the fourth
    # out last: c), b), a), then items 2, 3, … k - 2; after 1,000 pairs a)-c) hold 1001, 1000, 999 and the list reads
    # 1, 1002 … 2008, c), b), a), 2 … 998, numbered 1 … 2008 again
    assert out["labels"] == [str(n) for n in range(1, 2009)]
    assert out["bodies"] == [own[0]] + own[1001:2008] + DEEP[::-1] + own[1:998]
    assert out["struck"] == own[1:1001]  # items 2 … 1001 of the text struck where they stood
    assert out["one_i"] == [
        [x, "inserted", body] for x, body in zip(["a)", "b)", "c)"], own[1000:997:-1], strict=True)
    ] + [[None, "deleted", body] for body in DEEP]
    assert out["one"] == [["i)", "unchanged", ONE[0]], ["ii)", "unchanged", ONE[1]], ["iii)", "unchanged", ONE[2]]]


def test_two_thousand_moves_between_the_lists_inside_two_items_of_a_list():
    # "Move … 1 i) before … 2 i)" and "Move … 2 ii) before … 1 i)", alternately, 1,000 times each, the list holding
    # the two sub-lists 2,008 items long.  On f6c1056 each was applied one by one (the two sub-lists are no list and
    # a list inside one of its items): 0.38 / 1.0 s CPU for 200 / 400 moves on lists of 208 / 408 items.  Now the
    # three lists stay pending together (itu_nb.amendments.sublists)
    out = _grown(
        '[f"Move {S} 1 i) before {S} 2 i)", f"Move {S} 2 ii) before {S} 1 i)"] * 1000'.replace("{S}", S),
        "amend: 2,000 moves between the lists inside two items of a list",
    )
    own = [c.body() for c in LEVELS[S].children] + [f"to do thing {n};" for n in range(9, 2009)]
    # as test_a_conveyor_between_the_sub_lists_of_two_items_is_one_run: the first items swap places pair by pair,
    # back where they started after an even number of pairs; the originals struck where they stood, the list as it was
    assert out["labels"] == [str(n) for n in range(1, 2009)] and out["bodies"] == own and out["struck"] == []
    # in 1's sub-list, the copy put back "before 1 i)" goes after the struck original before ii) (edits._place); in
    # 2's, the copy put "before 2 i)" goes before the copy there, so the struck original comes after it
    assert out["one"] == [[None, "deleted", ONE[0]], ["i)", "inserted", ONE[0]]] + [
        [x, "unchanged", body] for x, body in zip(["ii)", "iii)"], ONE[1:], strict=True)
    ]
    assert out["two"] == [["i)", "inserted", TWO[0]], [None, "deleted", TWO[0]]] + [
        [x, "unchanged", body] for x, body in zip(["ii)", "iii)"], TWO[1:], strict=True)
    ]
    assert out["one_i"] == [[None, "deleted", body] for body in DEEP]  # of the struck i), struck with it
