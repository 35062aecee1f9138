"""Operations before the item holding a sub-list, or relettering it, mixed with moves into and out of its sub-list:
one pending run gives what one by one gives.

``Move recognizing a) into recognizing k)``, then ``… a) into … j)``, ``… a) into … i)``…: each strikes an item before
the holder ``k)``, so the holder is relettered (``k)`` → ``j)`` …) and repathed, and its sub-list with it.  Before
session 19 such an operation ended the run (:mod:`itu_nb.amendments.sublists` kept each holder's rank fixed), so a
list of them went one by one, relettering and repathing the whole list each time (issue 17: 36.9 s CPU for 1,000).
Now the holder may change rank, label and path during a run (:meth:`Order.reprefix
<itu_nb.amendments.order.Order.reprefix>`), and addresses through it are read by the lists as they stand.  Generated
operations are applied with it and with the reference of ``tests/test_amend_linear.py`` (one by one, every path
recomputed after each, no run applied at once), and the two results compared field for field, ``uid`` and
provenance included.

Texts: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml):
recognizing a)–o), ``k)`` holding i)–ii) (ten items before it); and the same read back from its text with sub-lists
added under "instructs the Secretary-General and the Directors of the Bureaux" (``test_amend_nested_levels.LEVELS``:
``a)``–``c)`` under 1's ``i)``, ``i)``–``iii)`` under 2) and under its item 6 (``i)``–``ii)``, five items before it).
"""

from __future__ import annotations

import json

from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import RES130, SLOW, WHO, _address, _items, _same, _struck_before, reference
from test_amend_nested import within
from test_amend_nested_levels import LEVELS, S
from test_amend_order import MARKED, _counted

import itu_nb
from itu_nb.amendments.addressing import cite
from itu_nb.amendments.edits import DeleteClause, EditError, InsertClause, MoveClause, apply_ops
from itu_nb.errors import ItuNbError


def _sixth(p):
    lines = p.text("original").split("\n")
    at = lines.index(S)
    sixth = next(i for i in range(at, len(lines)) if lines[i].startswith("6\t"))
    lines[sixth + 1 : sixth + 1] = ["i)\tto report sixth;", "ii)\tto report seventh;"]
    return itu_nb.load("\n".join(lines) + "\n", format="text")[0]


HOLDERS = _sixth(LEVELS)
#: (text, the list, the key of the item holding a sub-list)
CASES = [
    (RES130, "recognizing", "recognizing/k"),
    (MARKED, "recognizing", "recognizing/k"),
    (HOLDERS, S, f"{HOLDERS[S].path}/6"),
    (HOLDERS, S, f"{HOLDERS[S].path}/2"),
    (HOLDERS, f"{S} 1", f"{HOLDERS[S].path}/1/i"),
]


def test_the_texts_read_as_the_tests_say():
    kids = RES130["recognizing"].children
    assert [c.label for c in kids] == [f"{x})" for x in "abcdefghijklmno"]
    assert [c.label for c in kids[10].children] == ["i)", "ii)"]
    kids = HOLDERS[S].children
    assert [c.label for c in kids] == [str(n) for n in range(1, 9)]
    assert [(c.label, c.body()) for c in kids[5].children] == [
        ("i)", "to report sixth;"),
        ("ii)", "to report seventh;"),
    ]
    assert [c.label for c in kids[1].children] == ["i)", "ii)", "iii)"]
    assert [c.label for c in kids[0].children[0].children] == ["a)", "b)", "c)"]


def _holder(p, key):
    """The holder as it stands in ``p`` (found by its key: its first path), None when it is no longer live."""
    return next((n for n in p.walk() if n.key == key and n.exists_in("amended")), None)


def _sub(p, holder, data):
    """The sub-list's address: the holder's path or its citation, as they read in ``p`` now."""
    return holder.path if data.draw(st.booleans()) else cite(p, holder)


_KINDS = ["in", "in", "out", "out", "before", "before", "across", "holder", "delete", "insert", "move", "odd"]


def _op(p, outer, key, kind, data):
    """An operation near the holder: ``in`` (an item of the list, most often one before the holder, into the
    sub-list), ``out`` (a sub-item out to the list, often before the holder), ``before`` (a deletion or insertion at
    an item before the holder or at the holder), ``across`` (a move from before the holder to after it or back),
    ``holder`` (the holder itself deleted or moved: its sub-list settled into it, the run goes on), else a deletion, insertion or move within
    either list; ``odd`` (an edit of words) ends a run.  None: no such."""
    holder = _holder(p, key)
    outs = _items(p, outer)
    if holder is None or not outs:
        return None
    ins = [c for c in holder.children if c.exists_in("amended") and c.kind.value in ("item", "paragraph")]
    at = next(i for i, c in enumerate(outs) if c.key == key)
    early, late = outs[:at], outs[at + 1 :]
    pick = lambda cs: data.draw(st.sampled_from(cs))  # noqa: E731
    addr = lambda c: _address(p, c, data)  # noqa: E731
    if kind == "in" and (early or late):
        c = pick(early if early and (not late or data.draw(st.integers(0, 3))) else late)
        if not ins or data.draw(st.integers(0, 2)) == 0:
            return MoveClause(addr(c), into=_sub(p, holder, data))
        return MoveClause(addr(c), **{pick(["before", "after"]): addr(pick(ins))})
    if kind == "out" and ins:
        c = pick(ins)
        there = pick(early + [holder] if early and data.draw(st.integers(0, 3)) else outs)
        return MoveClause(addr(c), **{pick(["before", "after"]): addr(there)})
    if kind == "before":
        c = pick(early + [holder])
        if c is holder or data.draw(st.booleans()):
            return InsertClause("that it is new;", **{pick(["before", "after"]): addr(c)})
        return DeleteClause(addr(c))
    if kind == "across" and early and late:
        a, b = pick(early), pick(late)
        if data.draw(st.booleans()):
            a, b = b, a
        return MoveClause(addr(a), **{pick(["before", "after"]): addr(b)})
    if kind == "holder":
        if data.draw(st.booleans()) or len(outs) < 2:
            return DeleteClause(addr(holder))
        return MoveClause(addr(holder), **{pick(["before", "after"]): addr(pick([c for c in outs if c is not holder]))})
    its = pick([x for x in (outs, ins) if x])
    return within(p, its, pick(its), kind if kind in ("delete", "insert", "move", "odd") else "move", data)


@SLOW
@given(st.data())
def test_operations_before_and_at_a_holder_mixed_with_moves_through_its_sub_list_equal_one_by_one(data):
    base, outer, key = data.draw(st.sampled_from(CASES))
    if data.draw(st.booleans()):
        base = _struck_before(base, data) if base is not HOLDERS else base  # lists holding struck items
    ops: list = []
    p = base
    conveyor = data.draw(st.booleans())  # in from before the holder and out again, as the bounded row
    for k in range(data.draw(st.integers(4, 30))):
        kind = ("in", "out")[k % 2] if conveyor else data.draw(st.sampled_from(_KINDS))
        op = _op(p, outer, key, kind, data)
        if op is None:
            break
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a label the list does not have, a move into itself…: not part of the proposal
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def test_moves_into_a_sub_list_from_before_its_holder_are_one_run(monkeypatch):
    # recognizing a)–o), k) holding i) and ii): "Move recognizing a) into recognizing k)", then the new a) into j) …,
    # five times: each strikes the first live item (a clause of the text: struck where it stood) and puts its copy
    # last in the sub-list; the holder, relettered each time, is f) after the fifth
    ops = [MoveClause("recognizing a)", into=f"recognizing {x})") for x in "kjihg"]
    done = _counted(monkeypatch)
    fast = apply_ops(RES130, ops, **WHO)
    assert done == [5]  # one pending run over the list and the sub-list
    _same(fast, reference(RES130, ops))
    given_ = RES130["recognizing"].children
    own, sub = [c.body() for c in given_], [c.body() for c in given_[10].children]
    kids = fast["recognizing"].children
    assert [(c.label, c.status) for c in kids[:5]] == [(None, "deleted")] * 5
    assert [c.body("original") for c in kids[:5]] == own[:5]  # a)–e) struck where they stood
    shown = kids[5:]
    assert [c.label for c in shown] == [f"{x})" for x in "abcdefghij"]
    assert [c.body() for c in shown] == own[5:]
    # the live a)–e) follow the struck items holding their components: at a#2 … e#2; f) on at their own
    assert [c.path for c in shown[:6]] == [f"recognizing/{x}#2" for x in "abcde"] + ["recognizing/f"]
    holder = shown[5]  # the old k), now f)
    assert (holder.label, holder.path, holder.key) == ("f)", "recognizing/f", "recognizing/k")
    assert [(c.label, c.body(), c.path) for c in holder.children] == [
        ("i)", sub[0], "recognizing/f/i"),
        ("ii)", sub[1], "recognizing/f/ii"),
    ] + [(f"{x})", own[n], f"recognizing/f/{x}") for n, x in enumerate(["iii", "iv", "v", "vi", "vii"])]
    # the sub-items of the text keep their first paths as keys; each copy is keyed by the path it was placed at,
    # under the holder's path then (k, j, i, h, g: one by one each move reletters the holder before placing its copy)
    assert [c.key for c in holder.children] == [
        "recognizing/k/i",
        "recognizing/k/ii",
        "recognizing/j/iii",
        "recognizing/i/iv",
        "recognizing/h/v",
        "recognizing/g/vi",
        "recognizing/f/vii",
    ]


def test_a_holder_after_a_struck_item_holding_its_label_joins_and_follows(monkeypatch):
    # a draft that struck recognizing j): k), relettered j), stands at j#2 (the struck j) holds "j"), its sub-items at
    # j#2/i and j#2/ii (a list under a "#2" parent: simple since session 19).  Four moves in from a): the holder
    # reads i), h), g), f), at paths of their own (no struck item holds them), and its sub-list follows
    base = apply_ops(RES130, [DeleteClause("recognizing j)")], **WHO)
    holder = base["recognizing"].children[10]
    assert (holder.label, holder.path, holder.key) == ("j)", "recognizing/j#2", "recognizing/k")
    assert [c.path for c in holder.children] == ["recognizing/j#2/i", "recognizing/j#2/ii"]
    ops = [MoveClause("recognizing a)", into=f"recognizing {x})") for x in "jihg"]
    done = _counted(monkeypatch)
    fast = apply_ops(base, ops, **WHO)
    assert done == [4]
    _same(fast, reference(base, ops))
    holder = next(c for c in fast["recognizing"].children if c.key == "recognizing/k")
    assert (holder.label, holder.path) == ("f)", "recognizing/f")
    assert [(c.label, c.path, c.key) for c in holder.children] == [
        ("i)", "recognizing/f/i", "recognizing/k/i"),
        ("ii)", "recognizing/f/ii", "recognizing/k/ii"),
        ("iii)", "recognizing/f/iii", "recognizing/i/iii"),  # placed when the holder was i), h), g), f)
        ("iv)", "recognizing/f/iv", "recognizing/h/iv"),
        ("v)", "recognizing/f/v", "recognizing/g/v"),
        ("vi)", "recognizing/f/vi", "recognizing/f/vi"),
    ]


def test_an_operation_on_the_holder_itself_no_longer_ends_the_run(monkeypatch):
    # four moves in from before the holder (k), then j), i), h)), the holder (now g)) deleted, then four moves within
    # the list: one run since session 20 (the deletion settles the holder's sub-list into it, then strikes it; before,
    # it ended the run: [4, 5])
    ops = [MoveClause("recognizing a)", into=f"recognizing {x})") for x in "kjih"]
    ops += [DeleteClause("recognizing g)")] + [MoveClause("recognizing a)", after="recognizing j)")] * 4
    done = _counted(monkeypatch)
    fast = apply_ops(RES130, ops, **WHO)
    _same(fast, reference(RES130, ops))
    assert done == [9]
    given_ = RES130["recognizing"].children
    kids = fast["recognizing"].children
    # a)-d) struck by the moves in, e)-h) by the moves to the end; k) struck with its sub-list: the sub-items of the
    # text struck, the four copies moved into it gone altogether (insertions deleted)
    holder = next(c for c in kids if c.key == "recognizing/k")
    assert not holder.exists_in("amended") and holder.body("original") == given_[10].body()
    assert [(c.key, c.status, c.body("original")) for c in holder.children] == [
        ("recognizing/k/i", "deleted", given_[10].children[0].body()),
        ("recognizing/k/ii", "deleted", given_[10].children[1].body()),
    ]
    assert [c.body("original") for c in kids if not c.exists_in("amended")] == [c.body() for c in given_[:8]] + [
        given_[10].body()
    ]
    live = [c for c in kids if c.exists_in("amended")]
    assert [c.label for c in live] == [f"{x})" for x in "abcdefghij"]
    # i), j), l)-o) of the text, then the copies of e)-h) moved to the end
    assert [c.body() for c in live] == [c.body() for c in given_[8:10] + given_[11:] + given_[4:8]]


#: The bounded row: instructs the Secretary-General … of Resolution 130 grown to 1 … 1008 ("to do thing 9;" …), its 6
#: given the sub-list i)–ii) of HOLDERS (1 keeps i)–iii)); ``ops`` then reads the instructions.  It prints what the
#: draft reads, and the number of operations each pending run applied (``inserting.list_run``)
GROWN = """
import json, itu_nb
from itu_nb.amendments import inserting
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
lines[eighth + 1 : eighth + 1] = [f"{n}\\tto do thing {n};" for n in range(9, 1009)]
sixth = next(i for i in range(at, len(lines)) if lines[i].startswith("6\\t"))
lines[sixth + 1 : sixth + 1] = ["i)\\tto report sixth;", "ii)\\tto report seventh;"]
big = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
draft = itu_nb.amend(big, ops, author="X")
kids, given = draft[S].children, big[S].children
holder = next(c for c in kids if c.key == given[5].key)
print(json.dumps({
    "runs": runs,
    "given": [c.label for c in given] == [str(n) for n in range(1, 1009)],
    "kids": [[c.label, c.status, c.path[len(S) + 1 :], c.key[len(S) + 1 :]] for c in kids[:5]],
    "labels": [c.label for c in kids if c.exists_in("amended")] == [str(n) for n in range(1, 1009)],
    "struck": sum(1 for c in kids if not c.exists_in("amended")),
    "bodies": [c.body() for c in kids[3:]] == [c.body() for c in given[2:]],
    "holder": [holder.label, holder.path[len(S) + 1 :], holder.body() == given[5].body()],
    "sub": [[c.label, c.status, c.body(), c.path[len(S) + 1 :], c.key[len(S) + 1 :]] for c in holder.children],
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
}))
"""


def test_a_thousand_moves_into_a_sub_list_from_before_its_holder():
    # "Move … 3 after … 6 ii)" and "Move … 5 iii) before … 3", alternately, 500 times each, on a list of 1,008 items
    # whose 6 holds i)–ii): each move in strikes the item 3, before the holder 6, which is renumbered 5 and repathed
    # (its sub-list with it); each move out puts the copy back at 3, and the holder is 6 again.  On 371120b each such
    # move ended the run and went one by one, renumbering and repathing the whole list
    r = bounded(
        'ops = ["Move {S} 3 after {S} 6 ii)", "Move {S} 5 iii) before {S} 3"] * 500\n'.replace("{S}", S) + GROWN,
        label="amend: 1,000 moves into a sub-list from before its holder and out again",
    )
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["given"] and out["runs"] == [1000]  # one pending run
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"], out
    # the first move in struck 3 of the text where it stood (each later one strikes the copy put back: an insertion
    # moved goes altogether); the last move out put the copy back after the struck 3, at 3#2; the rest, and the holder
    # with its sub-list, read as they did
    assert out["kids"][2:4] == [[None, "deleted", "3", "3"], ["3", "inserted", "3#2", out["kids"][3][3]]]
    assert out["kids"][3][3] != "3"
    assert out["labels"] and out["struck"] == 1 and out["bodies"]
    assert out["holder"] == ["6", "6", True]
    assert out["sub"] == [
        ["i)", "unchanged", "to report sixth;", "6/i", "6/i"],
        ["ii)", "unchanged", "to report seventh;", "6/ii", "6/ii"],
    ]


def test_two_holders_trading_paths_keep_their_lists(monkeypatch):
    # 2's sub-list joined first, then 1's; a new item before 1 moves both holders up (1 at 2, 2 at 3), its deletion
    # down again (2 at 2, where 1 stood a moment before).  On 670bc04 the nest forgot 2's list there (each holder's
    # old path let go after the one before had taken it) and the next change of path raised a KeyError
    ops = [
        MoveClause(f"{S} 2 i)", after=f"{S} 2 iii)"),
        MoveClause(f"{S} 1 iii)", after=f"{S} 1 ii)"),
        InsertClause("that it is new;", before=f"{S} 1"),
        DeleteClause(f"{S} 1"),
        InsertClause("that it is new;", before=f"{S} 1"),
        MoveClause(f"{S} 3 i)", after=f"{S} 3 iii)"),
    ]
    done = _counted(monkeypatch)
    fast = apply_ops(HOLDERS, ops, **WHO)
    _same(fast, reference(HOLDERS, ops))
    assert done == [6]
    given_ = HOLDERS[S].children
    kids = [c for c in fast[S].children if c.exists_in("amended")]
    # the new item first, then 1 and 2 of the text (now 2 and 3); 2's i) moved to its end twice (first, second, third
    # read second, third, first, then third, first, second); 1's iii) moved after ii), where it stood
    assert [c.label for c in kids[:3]] == ["1", "2", "3"] and kids[0].body() == "that it is new;"
    assert [c.body() for c in kids[1:3]] == [given_[0].body(), given_[1].body()]
    assert [c.body() for c in kids[2].children if c.exists_in("amended")] == [
        given_[1].children[n].body() for n in (2, 0, 1)
    ]
    assert [c.body() for c in kids[1].children if c.exists_in("amended")] == [
        given_[0].children[n].body() for n in (0, 1, 2)
    ]
