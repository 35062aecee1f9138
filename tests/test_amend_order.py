"""Insertions, deletions and moves within one list, mixed: one pending order gives what one by one gives.

``Add a new considering a)`` twice and ``Delete considering c)``, again and again, or ``Move resolves 1012 before
resolves 1`` again and again: each instruction ends the run of the one before, so before session 14 they were
applied one by one, each relettering its list (issue 17).  :mod:`itu_nb.amendments.order` keeps the list pending
and computes labels, paths and keys once; here generated operations on one list are applied with it and with the
reference of ``tests/test_amend_linear.py`` (one by one, every path recomputed by ``repath`` after each, no run
applied at once), and the two results are compared field for field — ``uid`` included, which a path that changes
and changes back must keep.

Texts: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml):
considering a)–r), resolves 1–12, the sub-list i)–ii) of recognizing k); Brazil's B/67/4
(tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md), whose relettered items carry uids of their own; both
with three new items appended to each list, and with items struck before (``_struck_before``).
"""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from mixed_text import MIXED
from test_amend_linear import (
    B130,
    RES130,
    SECTIONS,
    SLOW,
    WHO,
    WITH_NEW,
    _address,
    _items,
    _same,
    _struck_before,
    reference,
)

import itu_nb
from itu_nb.amendments import inserting, struck_ranks
from itu_nb.amendments.edits import DeleteClause, EditError, InsertClause, InsertWords, MoveClause, apply_ops
from itu_nb.errors import ItuNbError
from itu_nb.model import Artefact, Op

_KINDS = ["label", "label", "head", "after", "before", "delete", "delete", "move", "move", "move", "odd"]


def _op(p, name, others, data):
    """An insertion, deletion or move within ``name``'s list (by citation or by path); "odd" ends a run."""
    items = _items(p, name)
    kind = data.draw(st.sampled_from(_KINDS))
    clause = data.draw(st.sampled_from(items))
    at = _address(p, clause, data)
    if kind == "odd":  # an edit of words, or an operation on another list: it ends the run
        if data.draw(st.booleans()) or not _items(p, others):
            return InsertWords(at, "indeed")
        return DeleteClause(_address(p, data.draw(st.sampled_from(_items(p, others))), data))
    if kind in ("label", "head"):
        k = 0 if kind == "head" else data.draw(st.integers(0, len(items)))
        if k == len(items) or items[k].label is None:  # appended, by the next label or by none (a bullet: none)
            return InsertClause("that the text is new;", into=name)
        return InsertClause("that the text is new;", into=name, label=items[k].label.strip())
    if kind in ("after", "before"):
        return InsertClause("that the text is new;", **{kind: at})
    if kind == "delete":
        return DeleteClause(at)
    where = data.draw(st.sampled_from(["head", "head", "after", "before", "into"]))
    if where == "into":
        return MoveClause(at, into=name)
    if where == "head":
        return MoveClause(at, before=_address(p, items[0], data))
    return MoveClause(at, **{where: _address(p, data.draw(st.sampled_from(items)), data)})


def _marked(p, name):
    """``p`` with a highlight on the first word of every other item of ``name`` (from its first) and Ana's comment
    right after it: the marks a moved copy takes (:func:`itu_nb.amendments.wording.taken_marks`)."""

    def mark(c):
        src = "".join(r.text for r in c.label_runs + c.runs)
        at = len("".join(r.text for r in c.label_runs))
        word = src[at:].split(" ", 1)[0]
        arts = (
            Artefact("highlight", "", c.line, at, Op.EQUAL, length=len(word)),
            Artefact("comment", f"on {c.label}", c.line, at + len(word), Op.EQUAL, "Ana", "2026-12-03"),
        )
        return dataclasses.replace(c, artefacts=c.artefacts + arts)

    def node(x):
        if x.path == p[name].path:
            kids = tuple(mark(c) if k % 2 == 0 else c for k, c in enumerate(x.children))
            return dataclasses.replace(x, children=kids)
        return dataclasses.replace(x, children=tuple(node(k) for k in x.children)) if x.children else x

    return dataclasses.replace(p, clauses=tuple(node(x) for x in p.clauses))


#: Resolution 130 with every other item of considering, resolves and recognizing k)'s sub-list (recognizing/k) highlighted and
#: commented on its first word (a move of such an item leaves its marks to the copy)
MARKED = _marked(_marked(_marked(RES130, "considering"), "resolves"), "recognizing/k")


def test_the_marked_text_reads_as_the_tests_say():
    kids = MARKED["resolves"].children
    assert [len(c.artefacts) - len(o.artefacts) for c, o in zip(kids, RES130["resolves"].children, strict=True)] == [
        2,
        0,
    ] * 6
    # resolves 1 reads "to continue to give this work high priority…": "to" highlighted, then the comment
    assert [(a.kind, a.text, a.offset, a.length) for a in kids[0].artefacts[-2:]] == [
        ("highlight", "", 2, 2),
        ("comment", "on 1", 4, 0),
    ]


@SLOW
@given(st.data())
def test_insertions_deletions_and_moves_within_one_list_equal_one_by_one(data):
    base = data.draw(st.sampled_from([RES130, B130, WITH_NEW[RES130.id], WITH_NEW[B130.id], MARKED]))
    if data.draw(st.booleans()):
        base = _struck_before(base, data)  # lists holding struck items
    names = SECTIONS[base.id]
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 2))):
        name = data.draw(st.sampled_from(names))
        others = data.draw(st.sampled_from([x for x in names if x != name]))
        p = _drawn(p, name, others, data, ops)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def _drawn(p, name, others, data, ops: list) -> itu_nb.Proposal:
    """``p`` with 4–24 operations on ``name``'s list drawn (:func:`_op`) and applied; each appended to ``ops``."""
    for _ in range(data.draw(st.integers(4, 24))):
        if len(_items(p, name)) < 2:
            break
        op = _op(p, name, others, data)
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a label the list does not have…: not part of the proposal
        ops.append(op)
    return p


@SLOW
@given(st.data())
def test_insertions_deletions_and_moves_on_a_list_with_bullets_among_its_items_equal_one_by_one(data):
    # MIXED (tests/mixed_text.py): considering with a bullet after a), d), g), j), m), p), resolves with a paragraph
    # after 1, 4, 7, 10; the paragraphs and bullets are held as struck items are (itu_nb.amendments.order)
    base = MIXED
    if data.draw(st.booleans()):
        base = _struck_before(base, data)
    name = data.draw(st.sampled_from(["considering", "resolves"]))
    others = "resolves" if name == "considering" else "considering"
    ops: list = []
    _drawn(base, name, others, data, ops)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def test_a_run_on_a_list_with_bullets_among_its_items_is_applied_at_once(monkeypatch):
    # on MIXED's considering (a bullet after a), d), g)…): insertions at the head and deletions, mixed, make one run
    done = _counted(monkeypatch)
    ops = [InsertClause("that it is new;", into="considering", label="a)"), DeleteClause("considering c)")] * 3
    _same(apply_ops(MIXED, ops, **WHO), reference(MIXED, ops))
    assert done == [6]


def _counted(monkeypatch) -> list[int]:
    """The number of operations each call of ``sublists.list_run`` applied (to show the shapes take it)."""
    done: list[int] = []
    real = inserting.list_run

    def spy(*args):
        out = real(*args)
        done.append(out[1])
        return out

    monkeypatch.setattr(inserting, "list_run", spy)
    return done


def test_moves_to_the_head_of_a_long_list_equal_one_by_one(monkeypatch):
    # resolves 1–12 as adopted and 13–60 inserted; "Move resolves 60 before resolves 1" 40 times takes the last
    # item (an insertion, which goes altogether) to the head: 60, 59… 21 in turn, so the list reads 21…60, 1…20
    big = itu_nb.amend(RES130, [f'Add a new resolves {i} reading: "to do thing {i};"' for i in range(13, 61)], **WHO)
    ops = [MoveClause("resolves 60", before="resolves 1")] * 40
    done = _counted(monkeypatch)
    fast = apply_ops(big, ops, **WHO)
    assert done == [40]  # one pending order for the whole run
    _same(fast, reference(big, ops))
    bodies = [c.body() for c in fast["resolves"].children]
    old = [c.body() for c in RES130["resolves"].children]
    assert bodies == [f"to do thing {i};" for i in range(21, 61)] + old + [f"to do thing {i};" for i in range(13, 21)]


def test_insertions_and_deletions_on_a_list_that_grows_equal_one_by_one(monkeypatch):
    # two new considering a) and "Delete considering c)", 20 times: the first deletion strikes the original a)
    # (then at c)), each later one takes away the new item that was a) one round before (an insertion: it goes)
    mix = [InsertClause("that it is;", into="considering", label="a)")] * 2 + [DeleteClause("considering c)")]
    ops = mix * 20
    done = _counted(monkeypatch)
    fast = apply_ops(RES130, ops, **WHO)
    assert done == [60]
    _same(fast, reference(RES130, ops))
    kids = fast["considering"].children
    old = RES130["considering"].children
    assert [c.status for c in kids] == ["inserted"] * 21 + ["deleted"] + ["modified"] * 17  # relettered
    assert kids[21].body("original") == old[0].body() and kids[21].path == "considering/a#2"
    assert [c.body() for c in kids[22:]] == [c.body() for c in old[1:]]
    # the original b) to r) are now the 22nd to the 38th items: v) … ll)
    assert kids[22].label == "v)" and kids[-1].label == "ll)"


def test_moves_of_items_holding_comments_and_highlights_equal_one_by_one(monkeypatch):
    # "Move resolves 1 after resolves 12" twelve times on MARKED: each takes the first live item to the end,
    # resolves 1, 3, 5… holding a highlight and a comment.  One by one the copy takes them and the struck original
    # keeps none; before, such a move ended the run (itu_nb.amendments.order), now one pending order takes all
    ops = [MoveClause("resolves 1", after="resolves 12")] * 12
    done = _counted(monkeypatch)
    fast = apply_ops(MARKED, ops, **WHO)
    assert done == [12]
    _same(fast, reference(MARKED, ops))
    kids = fast["resolves"].children
    marks = [(c.status, [a.text for a in c.artefacts if a.kind in ("highlight", "comment")]) for c in kids]
    # the twelve originals struck without marks, then their copies in the same order, every other one marked
    assert marks == [("deleted", [])] * 12 + [("inserted", ["", f"on {n}"] if n % 2 else []) for n in range(1, 13)]
    assert [c.body("original") for c in kids[:12]] == [c.body() for c in RES130["resolves"].children]


def test_an_item_relettered_and_back_keeps_its_old_path_as_uid():
    # a new considering a) makes every item one letter later, its deletion brings them back: one by one each
    # item's path changed and changed back, so each keeps its old path as its uid (and so do four rounds more)
    ops = [InsertClause("that it is;", into="considering", label="a)"), DeleteClause("considering a)")] * 5
    fast = apply_ops(RES130, ops, **WHO)
    _same(fast, reference(RES130, ops))
    kids = fast["considering"].children
    assert [c.path for c in kids] == [c.path for c in RES130["considering"].children]
    assert [c.uid for c in kids] == [c.path for c in RES130["considering"].children]
    assert [c.label for c in kids] == [c.label for c in RES130["considering"].children]


def test_a_move_reletters_the_items_after_it_down_and_up_again():
    # B/67/4's considering, its a) struck first: Brazil relettered its items (the old i) reads g), by Brazil).  One
    # by one, moving f) to the head strikes f) (relettering the items after it down: g) becomes f)) and places the
    # copy (relettering them up again: g)): the old i) still reads g), but its relabel is now P's, as a fresh one.
    # Found by comparing 2,000 random instruction lists with main (8 differed, all so); the second instruction
    # then strikes that item, whose label runs show it
    base = apply_ops(B130, [DeleteClause("considering a)")], **WHO)
    ops = [
        MoveClause("considering f)", before="considering/a#2"),
        DeleteClause("considering/g#2"),
        InsertClause("that it is new;", into="considering", label="b)"),
        MoveClause("considering/e", into="considering"),
    ]
    was = next(c for c in base["considering"].children if c.path == "considering/g")
    assert was.label_in("original") == "i)" and [(r.text, r.author) for r in was.label_runs[:2]] == [
        ("i", "Brazil"),
        ("g", "Brazil"),
    ]
    fast = apply_ops(base, ops, **WHO)
    _same(fast, reference(base, ops))
    struck = next(c for c in fast["considering"].children if c.uid == "considering/g")
    # Brazil's relettering i) -> g) is kept: relettered down and up again it is Brazil's as before (P's own
    # relabels undone, relettering.set_label), then struck by P, his inserted "g" a struck-insert (struck21)
    assert struck.status == "deleted" and [(r.op.name, r.text, r.author) for r in struck.label_runs] == [
        ("DELETE", "i", "Brazil"),
        ("DELETE", ")\t", "P"),
    ]
    assert [(a.text, a.author, a.inserted[0]) for a in struck.artefacts if a.kind == "struck-insert"] == [
        ("g", "P", "Brazil")
    ]


#: Resolution 130 as its original text reads with 18 more resolves (13 … 30), loaded as text: a list of 30
#: clauses of the original text, each of whose moves leaves a struck item where it stood
_LINES = RES130.text("original").split("\n")
_AT = next(k for k, line in enumerate(_LINES) if line.startswith("12\t"))
LONG = itu_nb.load(
    "\n".join(_LINES[: _AT + 1] + [f"{n}\tto do thing {n};" for n in range(13, 31)] + _LINES[_AT + 1 :]) + "\n",
    format="text",
)[0]


def _long_op(p, data):
    """A move within resolves (mostly of its first or last item, to its head or its end), now and then an
    insertion or a deletion."""
    items = _items(p, "resolves")
    ends = [items[0], items[-1]]
    kind = data.draw(st.sampled_from(["move"] * 6 + ["delete", "insert"]))
    clause = data.draw(st.sampled_from(ends + ends + items))
    at = _address(p, clause, data)
    if kind == "delete":
        return DeleteClause(at)
    if kind == "insert":
        return InsertClause("that the text is new;", **{data.draw(st.sampled_from(["after", "before"])): at})
    where = data.draw(st.sampled_from(["head", "end", "end", "before", "after", "into"]))
    if where == "into":
        return MoveClause(at, into="resolves")
    if where in ("head", "end"):
        target = items[0] if where == "head" else items[-1]
        return MoveClause(at, **{"before" if where == "head" else "after": _address(p, target, data)})
    return MoveClause(at, **{where: _address(p, data.draw(st.sampled_from(items)), data)})


def _long_case(data):
    """Generated operations on LONG's resolves (or LONG with items struck before), fast and one by one, compared."""
    base = LONG if data.draw(st.booleans()) else _struck_before(LONG, data)
    ops, p = [], base
    for _ in range(data.draw(st.integers(4, 40))):
        if len(_items(p, "resolves")) < 2:
            break
        op = _long_op(p, data)
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


@SLOW
@given(st.data())
def test_moves_of_original_clauses_within_one_long_list_equal_one_by_one(data):
    # each move of a clause of the original text leaves it struck where it stood: the list fills with struck
    # items, which a move shifts only between its two places (itu_nb.amendments.order)
    _long_case(data)


@SLOW
@given(st.data())
def test_struck_items_in_blocks_of_two_equal_one_by_one(data):
    # itu_nb.amendments.struck_ranks keeps the struck items in blocks of 64 to 128, which these short lists never
    # fill: with blocks of at most two, every shift spans several blocks, covers some in part, and splits them
    saved = struck_ranks._BLOCK
    struck_ranks._BLOCK = 1
    try:
        _long_case(data)
    finally:
        struck_ranks._BLOCK = saved


def test_the_long_list_reads_as_the_tests_say():
    kids = LONG["resolves"].children
    assert [c.label for c in kids] == [str(n) for n in range(1, 31)] and {c.status for c in kids} == {"unchanged"}
    assert [c.body() for c in kids[:12]] == [c.body() for c in RES130["resolves"].children]
    assert kids[12].body() == "to do thing 13;" and kids[-1].body() == "to do thing 30;"


def test_moves_of_original_clauses_to_the_head_and_the_end_equal_one_by_one(monkeypatch):
    # "Move resolves 30 before resolves 1" 12 times, then "Move resolves 1 after resolves 30" 12 times: the
    # first twelve take resolves 30 … 19 of the original text to the head (struck at the end, in their order),
    # the next twelve take the copies back to the end (insertions: they go altogether), in one pending order
    ops = [MoveClause("resolves 30", before="resolves 1")] * 12 + [MoveClause("resolves 1", after="resolves 30")] * 12
    done = _counted(monkeypatch)
    fast = apply_ops(LONG, ops, **WHO)
    assert done == [24]
    _same(fast, reference(LONG, ops))
    kids = fast["resolves"].children
    bodies = [c.body() for c in LONG["resolves"].children]
    # live: 1 … 18 as adopted, then the copies of 19 … 30 in their order.  Each copy is an insertion, which
    # goes altogether when moved, its place read before (as one by one: it lands one place further), so each
    # lands after the struck original of its own text: struck 19 at resolves/19, its copy at resolves/19#2…
    assert [c.body() for c in kids if c.exists_in("amended")] == bodies
    assert [c.status for c in kids] == ["unchanged"] * 18 + ["deleted", "inserted"] * 12
    assert [c.path for c in kids[18:]] == [p for n in range(19, 31) for p in (f"resolves/{n}", f"resolves/{n}#2")]
    assert [c.body("original") for c in kids[18::2]] == bodies[18:]
