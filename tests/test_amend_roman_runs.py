"""Runs of amend on roman lists of 50 items or more: ``l)``, ``c)``, ``d)``, ``m)`` read as roman there (issue 17).

Found by nest18 (session 18): a run on one list's pending order (:mod:`itu_nb.amendments.order`) or of insertions
(:mod:`itu_nb.amendments.inserting`) checks that a new item's label reads in the list's scheme, and read ``l)`` or
``c)`` alone as a letter: an operation placing an item at the fiftieth or hundredth place of a roman list (or growing
it there) ended every run, and amend applied it, and each one after it, one by one (quadratic).  The parser reads such
a label by the list it continues since session 17 (:func:`itu_nb.parsing.schemes.continues_roman`), and so does one by
one's relettering (:func:`itu_nb.amendments.relettering.scan_labels`); the runs now read it the same way
(:func:`itu_nb.amendments.anchors.grows` and :func:`~itu_nb.amendments.anchors.displaces`).

The texts are written here: a resolution's head (tests/test_labels_roman.py's), *resolves* ``1`` "that the following
be done:" holding N roman sub-items ``i)`` … numbered by ``successor(…, "roman")`` ("to do sub-item i;" …), then
``2``; the expected values are read off them (``romans(120)[99] == "c"``: the hundredth numeral).  The results are
compared with the reference of tests/test_amend_linear.py (one by one, every path recomputed, no run at once) field
for field, ``uid`` and provenance included.
"""

from __future__ import annotations

import json

from bounds import bounded
from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import SLOW, WHO, _items, _same, amend_reference, reference
from test_amend_nested import within
from test_amend_order import _counted, _marked
from test_labels_roman import _RES, romans

import itu_nb
from itu_nb.amendments.edits import EditError, InsertClause, apply_ops
from itu_nb.errors import ItuNbError

LIST = "resolves 1"


def roman_text(n: int) -> str:
    """The resolution with ``n`` roman sub-items under resolves 1."""
    items = [f"{r})\tto do sub-item {r};" for r in romans(n)]
    return "\n".join([*_RES, "resolves", "", "1\tthat the following be done:", *items, "2\tto report."]) + "\n"


#: n -> the text with n sub-items: 48 and 98 grow past xlix) and xcix); 120 holds l) and c)
TEXTS = {n: itu_nb.load(roman_text(n), format="text")[0] for n in (48, 98, 120)}
R120 = TEXTS[120]
OWN = [f"to do sub-item {r};" for r in romans(120)]  # OWN[k - 1]: the text's item k
NEW = "to do a new thing;"

#: Four instructions on the 120 sub-items: the last one to the hundredth place (it becomes c)), a new l) (the one it
#: displaces becomes li)), that li) struck, and xlix) after the c) of the moment
CYCLE = [
    f"Move {LIST} cxx) before {LIST} c)",
    f'Add a new {LIST} l) reading: "{NEW}"',
    f"Delete {LIST} li)",
    f"Move {LIST} xlix) after {LIST} c)",
]


def test_the_text_reads_as_one_roman_list_of_120():
    kids = R120["resolves/1"].children
    assert [c.label for c in kids] == [f"{r})" for r in romans(120)]
    assert [c.path for c in kids][48:51] == ["resolves/1/xlix", "resolves/1/l", "resolves/1/li"]
    assert [c.path for c in kids][98:101] == ["resolves/1/xcix", "resolves/1/c", "resolves/1/ci"]
    assert [c.body() for c in kids] == OWN


def test_one_cycle_at_l_and_c_is_one_run(monkeypatch):
    # on a28a332 list_run applied none of the four ([0]): each was applied one by one
    done = _counted(monkeypatch)
    d = itu_nb.amend(R120, CYCLE, **WHO)
    assert done == [4]
    _same(d, amend_reference(R120, CYCLE))
    kids = d["resolves/1"].children
    shown = [c for c in kids if c.exists_in("amended")]
    # by hand: cxx) (item 120) before c) gives 1…99, 120, 100…119; the new item at l) gives 1…49, new, 50…119 (121
    # items); li) is then item 50, struck; xlix) (item 49) after c) (item 120, at rank 98 once item 49 is struck)
    assert [c.body() for c in shown] == [*OWN[:48], NEW, *OWN[50:99], OWN[119], OWN[48], *OWN[99:119]]
    assert [c.label for c in shown] == [f"{r})" for r in romans(120)]
    # the struck items 49 and 50 stand before the live items now labelled xlix) and l) (the new item, item 51): they
    # keep xlix and l, the live ones take #2; item 120 stands last, after the live cxx) (item 119): it takes cxx#2
    assert [(c.body("original"), c.path) for c in kids if not c.exists_in("amended")] == [
        (OWN[48], "resolves/1/xlix"),
        (OWN[49], "resolves/1/l"),
        (OWN[119], "resolves/1/cxx#2"),
    ]
    assert [(c.path, c.body()) for c in shown[48:50]] == [("resolves/1/xlix#2", NEW), ("resolves/1/l#2", OWN[50])]
    assert shown[99].label == "c)" and shown[99].status == "inserted" and shown[99].body() == OWN[48]
    assert d.text("original") == R120.text("original")


def test_a_thousand_operations_at_l_and_c_are_one_run(monkeypatch):
    # the cycle 250 times: on a28a332 list_run ran 997 times and applied none (every operation one by one, 3.8 s
    # CPU); now one run of 1,000 (0.11 s)
    ops = CYCLE * 250
    done = _counted(monkeypatch)
    d = itu_nb.amend(R120, ops, **WHO)
    assert done == [1000]
    _same(d, amend_reference(R120, ops))
    shown = [c for c in d["resolves/1"].children if c.exists_in("amended")]
    assert [c.label for c in shown] == [f"{r})" for r in romans(120)]
    assert d.text("original") == R120.text("original")


def test_runs_of_insertions_grow_and_fill_a_roman_list_past_xcix(monkeypatch):
    # "Add a new resolves 1 c)" 5 times into the 98 sub-items: the first appended as xcix), then c) (the list grows
    # past xcix)), then at c) again and again; one run of insertions (inserting.insert_run) as in a letter list (on
    # a28a332 the run ended at c): [1], the rest one by one)
    from itu_nb.amendments import inserting

    seen: list[int] = []
    real = inserting.insert_run
    monkeypatch.setattr(inserting, "insert_run", lambda *a: (out := real(*a), seen.append(out[1]))[0])
    ops = [InsertClause(f"new {k};", into=LIST, label=label) for k, label in enumerate(["xcix)", "c)", "c)", "c)"])]
    d = apply_ops(TEXTS[98], ops, **WHO)
    assert seen == [4]
    _same(d, reference(TEXTS[98], ops))
    kids = d["resolves/1"].children
    assert [(c.label, c.body()) for c in kids[97:]] == [
        ("xcviii)", OWN[97]), ("xcix)", "new 0;"), ("c)", "new 3;"), ("ci)", "new 2;"), ("cii)", "new 1;"),
    ]  # fmt: skip


def _near(items, data):
    """One of ``items``, mostly near the fiftieth and hundredth places, where the labels l) and c) stand."""
    n = len(items)
    k = data.draw(st.sampled_from([47, 48, 49, 50, 97, 98, 99, 100, n - 1, -1]))
    return items[k if 0 <= k < n else data.draw(st.integers(0, n - 1))]


def _roman_op(p, data):
    """An insertion, deletion or move within the sub-list near l) or c), a new item by label or last; "odd" ends a run."""
    items = _items(p, LIST)
    kind = data.draw(st.sampled_from(["label", "last", "delete", "insert", "move", "move", "move", "odd"]))
    c = _near(items, data)
    if kind == "label":
        return InsertClause(f"new {len(items)};", into=LIST, label=_near(items, data).label.strip())
    if kind == "last":
        return InsertClause(f"new {len(items)};", into=LIST)
    if kind == "move" and data.draw(st.booleans()):
        return within(p, [_near(items, data)], c, kind, data)  # next to another item near l) or c)
    if kind == "move" and data.draw(st.booleans()):
        c = items[data.draw(st.integers(0, len(items) - 1))]
        return within(p, [_near(items, data)], c, kind, data)
    return within(p, items, c, kind, data)


@SLOW
@given(st.data())
def test_operations_near_l_and_c_of_a_roman_list_equal_one_by_one(data):
    base = TEXTS[data.draw(st.sampled_from([48, 98, 120, 120]))]
    if data.draw(st.booleans()):
        base = _marked(base, "resolves/1")  # comments and highlights on every other item: a moved copy takes them
    ops: list = []
    p = base
    for _ in range(data.draw(st.integers(4, 30))):
        op = _roman_op(p, data)
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a label the list does not have…: not part of the proposal
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


#: The bounded row's text: :func:`roman_text` with 1,200 roman sub-items (i) … mcc)); ``ops`` then reads the instructions
BIG = """
import json, itu_nb
from itu_nb.amendments.relettering import repath
from itu_nb.parsing.labels import successor
head = ["MOD\\tX/1/1", "", "RESOLUTION 1 (Rev. Dubai, 2018)", "", "Title", "",
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", ""]
r, items = "i", []
for _ in range(1200):
    items.append(f"{r})\\tto do sub-item {r};")
    r = successor(r, "roman")
lines = [*head, "resolves", "", "1\\tthat the following be done:", *items, "2\\tto report."]
big = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
draft = itu_nb.amend(big, ops, author="X")
kids = draft["resolves/1"].children
shown = [c for c in kids if c.exists_in("amended")]
print(json.dumps({
    "labels": [c.label for c in shown],
    "bodies": [c.body("amended") for c in shown],
    "struck": len(kids) - len(shown),
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
}))
"""


def test_a_thousand_operations_at_cd_d_and_m_of_1200_roman_sub_items():
    # the cycle at the 400th, 500th and 1,000th places: mcc) to m)'s place, a new d) (d) becomes di), struck next),
    # cdxcix) after cd); on a28a332 one by one (40 took 1.65 s CPU: about 40 s for 1,000), now one run (0.18 s)
    cycle = [
        f"Move {LIST} mcc) before {LIST} m)",
        f'Add a new {LIST} d) reading: "{NEW}"',
        f"Delete {LIST} di)",
        f"Move {LIST} cdxcix) after {LIST} cd)",
    ]
    r = bounded(
        f"ops = {cycle!r} * 250\n" + BIG, label="amend: 1,000 operations at cd), d), m) of 1,200 roman sub-items"
    )
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"], out
    assert out["labels"] == [f"{x})" for x in romans(1200)]
    assert out["bodies"].count(NEW) >= 1 and len(out["bodies"]) == 1200 and out["struck"] > 0
