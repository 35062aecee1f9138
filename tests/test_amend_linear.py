"""Amendments in linear time (issue 17): the fast paths give what recomputing every path gives.

Moves to an earlier place in another list, moves of clauses that already moved or were relettered,
new sections and runs of insertions at positions in one list no longer recompute every path of the
text (:mod:`itu_nb.amendments.lists`, :mod:`itu_nb.amendments.inserting`).  The property tests here
apply generated operations to real texts twice — in one session, with the fast paths, and with
every path recomputed by :func:`~itu_nb.amendments.relettering.repath` after each operation and no
run applied at once (the straightforward reference) — and compare the two field for field.

Texts: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml),
whose lists are named in ``SECTIONS`` (lettered considering a)–r), numbered resolves 1–12, the sub-list
i)–ii) of recognizing k)…); Brazil's B/67/4 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md),
whose relettered items carry identities of their own (``uid``), so that moves of them exercise the
renaming of keys.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mixed_text import MIXED

import itu_nb
from itu_nb.amendments import edits, inserting, lists
from itu_nb.amendments.addressing import cite, resolve
from itu_nb.amendments.edits import (
    AddSection,
    DeleteClause,
    EditError,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    ReplaceWords,
    apply_ops,
)
from itu_nb.amendments.relettering import repath
from itu_nb.errors import ItuNbError

FIXTURES = Path(__file__).parent / "fixtures"
RES130 = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
B130 = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]
WHO = {"author": "P", "date": "2018-10-01"}
EXAMPLES = int(os.environ.get("N", 40))
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Lists of the two texts (all present in both but the sub-lists, which only Resolution 130 has)
SECTIONS = {
    RES130.id: [
        "considering",
        "recognizing",
        "aware",
        "noting",
        "resolves",
        "recognizing k)",
        "instructs the Secretary-General and the Directors of the Bureaux 1",
    ],  # fmt: skip
    B130.id: ["considering", "recognizing", "resolves", "aware", "noting"],
}
#: Section names an analyst adds: continuing one ("noting further", after noting), new operative ones (last)
NEW_SECTIONS = ["noting further", "instructs the Council", "invites Sector Members", "recognizing further"]


class _FullRepath(lists.Session):
    """The reference: every path and key recomputed after every operation."""

    def repath(self, p, dirty, full):
        return super().repath(p, dirty, True)


def reference(base, ops):
    """``ops`` applied one by one, every path recomputed after each (no run applied at once)."""
    original, min_run = edits.Session, inserting.MIN_RUN
    edits.Session, inserting.MIN_RUN = _FullRepath, 10**9
    try:
        return apply_ops(base, ops, **WHO)
    finally:
        edits.Session, inserting.MIN_RUN = original, min_run


def amend_reference(base, lines):
    """:func:`itu_nb.amend` with every path recomputed after each instruction and no run applied at once."""
    original, min_run = edits.Session, inserting.MIN_RUN
    lists_session = lists.Session  # amend imports it from lists on each call
    lists.Session, edits.Session, inserting.MIN_RUN = _FullRepath, _FullRepath, 10**9
    try:
        return itu_nb.amend(base, lines, **WHO)
    finally:
        lists.Session, edits.Session, inserting.MIN_RUN = lists_session, original, min_run


def _tree(p):
    return [(n.path, n.key, n.label_runs, n.runs) for n in p.walk()]


def _items(p, section):
    try:
        node = resolve(p, section)
    except ItuNbError:
        return []
    return [c for c in node.children if c.exists_in("amended") and c.kind.value in ("item", "paragraph")]


def _address(p, clause, data):
    """``clause`` by path or by citation, as an analyst or the viewer names it."""
    return data.draw(st.sampled_from([clause.path, cite(p, clause)]))


def _draw_op(p, data):
    names = SECTIONS[p.id]
    kind = data.draw(st.sampled_from(["move", "move", "move", "move up", "section", "insert", "delete", "relabel"]))
    here = data.draw(st.sampled_from(names))
    items = _items(p, here)
    if kind == "section" or not items:
        where = data.draw(st.sampled_from(["default", "after", "before"]))
        name = data.draw(st.sampled_from(NEW_SECTIONS))
        texts = [f"that thing {k} happened;" for k in range(data.draw(st.integers(0, 3)))]
        if data.draw(st.booleans()) and len(texts) > 1:
            texts = [f"{chr(ord('a') + k)}) {t}" for k, t in enumerate(texts)]
        if where == "default":
            return AddSection(name, tuple(texts))
        top = data.draw(st.sampled_from([c for c in p.clauses if c.kind.value == "section"]))
        return AddSection(name, tuple(texts), **{where: top.path})
    clause = data.draw(st.sampled_from(items))
    at = _address(p, clause, data)
    if kind == "move up":  # within its list, to an earlier place: the copy comes before the original
        i = items.index(clause)
        if i == 0:
            return MoveClause(at, after=_address(p, items[-1], data))
        return MoveClause(at, before=_address(p, items[data.draw(st.integers(0, i - 1))], data))
    if kind == "move":  # into another list, often an earlier one
        there = data.draw(st.sampled_from(names))
        targets = _items(p, there)
        how = data.draw(st.sampled_from(["after", "before", "into"]))
        if how == "into" or not targets:
            return MoveClause(at, into=there)
        return MoveClause(at, **{how: _address(p, data.draw(st.sampled_from(targets)), data)})
    if kind == "insert":
        how = data.draw(st.sampled_from(["after", "before"]))
        return InsertClause("that the text is new;", **{how: at})
    if kind == "delete":
        return DeleteClause(at)
    return Relabel(at, data.draw(st.sampled_from(["z)", "99", "a)"])))


def _generated(base, data, most):
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, most))):
        op = _draw_op(p, data)
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue  # a move into itself, a relabel no list allows…: not part of the proposal
        ops.append(op)
    return ops


def _same(fast, slow):
    assert _tree(fast) == _tree(slow)
    assert fast == slow  # field for field, provenance included
    assert [n.path for n in fast.walk()] == [n.path for n in repath(fast).walk()]
    assert len({n.key for n in fast.walk()}) == sum(1 for _ in fast.walk())


@SLOW
@given(st.data())
def test_moves_and_new_sections_equal_full_recomputation(data):
    base = data.draw(st.sampled_from([RES130, B130]))
    ops = _generated(base, data, 10)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))
    assert apply_ops(base, ops, **WHO).text("original") == base.text("original")


def _positional(p, section, data, n):
    """An insertion into ``section``'s list at a position: after or before one of its items, or last."""
    items = _items(p, section)
    how = data.draw(st.sampled_from(["after", "after", "before", "before", "into", "elsewhere", "labelled"]))
    text = f"that the text is new {n};"
    if how == "into" or not items:
        return InsertClause(text, into=section)
    if how == "elsewhere":  # an item of another list: ends a run
        other = _items(p, data.draw(st.sampled_from(SECTIONS[p.id])))
        if other:
            return InsertClause(text, after=_address(p, data.draw(st.sampled_from(other)), data))
    clause = data.draw(st.sampled_from(items))
    if how == "labelled":  # a label in the text: the one its place gives, or a wrong one (an error)
        label = data.draw(st.sampled_from([clause.label or "a)", "zz)"]))
        return InsertClause(f"{label} {text}", before=_address(p, clause, data))
    return InsertClause(text, **{how if how != "elsewhere" else "after": _address(p, clause, data)})


@SLOW
@given(st.data())
def test_runs_of_insertions_at_positions_equal_one_by_one(data):
    # a run of "Add a new paragraph after/before <item>" into one list is applied at once
    # (itu_nb.amendments.inserting); the result is the one of inserting them one by one with every
    # path recomputed, or the same error; also on MIXED (paragraphs and bullets among the items)
    base = data.draw(st.sampled_from([RES130, B130, MIXED]))
    ops, p, error = [], base, None
    for _ in range(data.draw(st.integers(1, 4))):
        section = data.draw(st.sampled_from(SECTIONS[base.id]))
        for _ in range(data.draw(st.integers(1, 12))):
            op = _positional(p, section, data, len(ops))
            ops.append(op)
            try:
                p = apply_ops(p, [op], **WHO)
            except ItuNbError as exc:
                error = f"{type(exc).__name__}: {exc}"
                break
        if error:
            break
    try:
        fast = apply_ops(base, ops, **WHO)
    except ItuNbError as exc:
        assert error == f"{type(exc).__name__}: {exc}"
        try:
            reference(base, ops)
        except ItuNbError as again:
            assert str(again) == str(exc)
        return
    assert error is None
    _same(fast, reference(base, ops))


def _new_section(p, data, name, n):
    """A new section ``name`` at its default place, with 0–3 items (labelled or not), or now and then another
    operation (one that ends a run: a section elsewhere, of another name, a move, an insertion)."""
    how = data.draw(st.sampled_from(["run"] * 6 + ["other name", "placed", "move", "insert"]))
    texts = [f"that thing {n}.{k} happened;" for k in range(data.draw(st.integers(0, 3)))]
    if data.draw(st.booleans()) and len(texts) > 1:
        texts = [f"{chr(ord('a') + k)}) {t}" for k, t in enumerate(texts)]
    if how == "other name":
        return AddSection(data.draw(st.sampled_from(NEW_SECTIONS)), tuple(texts))
    if how == "placed":
        top = data.draw(st.sampled_from([c for c in p.clauses if c.kind.value == "section"]))
        return AddSection(name, tuple(texts), **{data.draw(st.sampled_from(["after", "before"])): top.path})
    if how in ("move", "insert"):
        items = _items(p, data.draw(st.sampled_from(SECTIONS[p.id])))
        if items:
            at = _address(p, data.draw(st.sampled_from(items)), data)
            if how == "move":
                return MoveClause(at, into=data.draw(st.sampled_from(SECTIONS[p.id])))
            return InsertClause(f"that the text is new {n};", after=at)
    return AddSection(name, tuple(texts))


@SLOW
@given(st.data())
def test_runs_of_new_sections_equal_one_by_one(data):
    # a run of new sections of one name at their default place is applied at once when it continues a
    # section (itu_nb.amendments.edits.section_run: "noting further" after "noting"); else one by one.
    # The result is the one of adding them one by one with every path recomputed
    base = data.draw(st.sampled_from([RES130, B130]))
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(NEW_SECTIONS))
        for _ in range(data.draw(st.integers(1, 12))):
            op = _new_section(p, data, name, len(ops))
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                continue
            ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


#: The two texts with three new items appended to each list (amended as one by one: runs of moves take insertions)
WITH_NEW = {
    t.id: itu_nb.amend(
        t,
        [
            f'Add a new paragraph at the end of {name} reading: "that {name} {k};"'
            for name in SECTIONS[t.id]
            for k in range(3)
        ],
        **WHO,
    )
    for t in (RES130, B130)
}


def _move_into(p, section, data):
    """A move of an item of another list into ``section``'s list: to its head, after or before one of its
    items, or last; now and then one that ends a run (a move within the list, out of it, a deletion)."""
    items = _items(p, section)
    # items of the other lists: insertions (which go altogether) or clauses of the original text (which
    # leave their struck original behind), as often the one as the other
    others = [c for name in SECTIONS[p.id] if name != section for c in _items(p, name)]
    inserted = data.draw(st.booleans())
    others = [c for c in others if (c.status == "inserted") == inserted] or others
    how = data.draw(st.sampled_from(["head"] * 4 + ["after", "before", "into", "within", "out", "delete"]))
    if not others or how == "delete":
        return DeleteClause(_address(p, data.draw(st.sampled_from(items or others)), data))
    clause = data.draw(st.sampled_from(others))
    at = _address(p, clause, data)
    if how == "into" or not items:
        return MoveClause(at, into=section)
    if how == "head":
        return MoveClause(at, before=_address(p, items[0], data))
    if how == "within":
        return MoveClause(_address(p, data.draw(st.sampled_from(items)), data), before=_address(p, items[0], data))
    if how == "out":
        return MoveClause(_address(p, data.draw(st.sampled_from(items)), data), into=cite(p, resolve(p, clause.path)))
    return MoveClause(at, **{how: _address(p, data.draw(st.sampled_from(items)), data)})


@SLOW
@given(st.data())
def test_runs_of_moves_into_one_list_equal_one_by_one(data):
    # a run of moves into one list (to its head, again and again, or after / before its items) from
    # other lists is replayed on the list's order and relettered once (itu_nb.amendments.inserting);
    # the result is the one of moving them one by one with every path recomputed.  Moved: insertions and
    # clauses of the original text, whose struck original stays (and may give up its keys to the copy)
    base = data.draw(st.sampled_from([WITH_NEW[RES130.id], WITH_NEW[B130.id]]))
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(SECTIONS[base.id]))
        for _ in range(data.draw(st.integers(1, 12))):
            if not _items(p, section):
                break
            op = _move_into(p, section, data)
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                continue  # a move into itself…: not part of the proposal
            ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


_HOW = ["delete"] * 3 + ["head"] * 2 + ["after", "before", "into", "within", "insert"]


def _strike_from(p, home, k, how, there, data, by_path=False):
    """A deletion (``how``) or a move to ``there``'s list of the item now at place ``k`` of ``home``'s list, by
    citation (as an analyst names it: "Delete resolves 3" again and again strikes the next item each time),
    now and then by path (``by_path``: mostly by path, as the viewer names it); ``how`` may be one that ends a
    run (an insertion, a move within the list)."""
    items = _items(p, home)
    if by_path and how == "delete" and not data.draw(st.integers(0, 4)):  # a struck item, by the path it holds
        gone = [c for c in resolve(p, home).children if not c.exists_in("amended")]
        if gone:
            return DeleteClause(data.draw(st.sampled_from(gone)).path)
    clause = items[min(k, len(items) - 1)]
    at = cite(p, clause) if bool(data.draw(st.integers(0, 9))) != by_path else clause.path
    if how == "delete":
        return DeleteClause(at)
    if how == "insert":
        return InsertClause("that the text is new;", after=at)
    if how == "within":
        return MoveClause(at, before=_address(p, items[0], data))
    if how == "words":  # an edit of the item's words: it joins a run of strikes (pending.Pending.edit)
        words = clause.body("amended").split()
        if words and data.draw(st.booleans()):
            return ReplaceWords(at, words[0], words[0].upper() + "X")
        return InsertWords(at, data.draw(st.sampled_from([" and more", "so", "that"])))
    targets = _items(p, there)
    if how == "into" or not targets:
        return MoveClause(at, into=there)
    if how == "head":
        return MoveClause(at, before=_address(p, targets[0], data))
    return MoveClause(at, **{how: _address(p, data.draw(st.sampled_from(targets)), data)})


@SLOW
@given(st.data())
def test_runs_of_strikes_from_their_own_list_equal_one_by_one(data):
    # runs of deletions and of moves to other lists of items taken from the front or middle of their own
    # list (itu_nb.amendments.striking: the list stays pending, each strike costs O(1), the list is
    # relettered and repathed once) give what applying them one by one with every path recomputed gives.
    # Struck: clauses of the original text and insertions (which go altogether), from simple lists and
    # from lists that are not (B/67/4's considering holds a struck item: one by one there), and from lists with
    # paragraphs and bullets among their items (MIXED: itu_nb.amendments.mixed)
    base = data.draw(st.sampled_from([RES130, B130, WITH_NEW[RES130.id], WITH_NEW[B130.id], MIXED]))
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 3))):
        home = data.draw(st.sampled_from(SECTIONS[base.id]))
        there = data.draw(st.sampled_from([name for name in SECTIONS[base.id] if name != home]))
        k, how = data.draw(st.integers(0, 6)), data.draw(st.sampled_from(_HOW))
        for _ in range(data.draw(st.integers(1, 12))):
            if len(_items(p, home)) < 2:
                break
            odd = data.draw(st.integers(0, 7)) == 0  # now and then another kind: it ends the run
            op = _strike_from(p, home, k, data.draw(st.sampled_from(_HOW)) if odd else how, there, data)
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                continue  # a move into itself…: not part of the proposal
            ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def _struck_before(base, data):
    """``base`` with a few items of its lists already struck (and now and then one added before them), as a
    draft from an earlier session or an earlier interrupted run leaves them."""
    p = base
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.sampled_from(SECTIONS[base.id]))
        items = _items(p, name)
        if len(items) < 2:
            continue
        clause = items[data.draw(st.integers(0, len(items) - 1))]
        if data.draw(st.integers(0, 3)):
            op = DeleteClause(clause.path)
        else:
            op = InsertClause("that the text is new;", before=clause.path)
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue
    return p


@SLOW
@given(st.data())
def test_runs_of_strikes_from_lists_holding_struck_items_equal_one_by_one(data):
    # as above, from lists that already hold struck items (struck in the text before, or by an earlier run
    # that an insertion or a move ended): such a list stays pending too when each struck item stands at the
    # path of its original label, which no live item before it can take (itu_nb.amendments.striking,
    # _struck_apart); the runs are interrupted now and then by another kind of operation, and start again.
    # Addressed by path too: a live item's path is the one its label gives, "#2" after a struck item of
    # that label (pending.Pending.at).  Edits of the items' words join the runs (pending.Pending.edit)
    base = _struck_before(data.draw(st.sampled_from([RES130, B130, WITH_NEW[RES130.id], WITH_NEW[B130.id]])), data)
    by_path = data.draw(st.booleans())  # addressed mostly by path (resolves/13#2…), or mostly by citation
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 4))):
        home = data.draw(st.sampled_from(SECTIONS[base.id]))
        there = data.draw(st.sampled_from([name for name in SECTIONS[base.id] if name != home]))
        k, how = data.draw(st.integers(0, 6)), data.draw(st.sampled_from(_HOW + ["words", "mixed", "mixed"]))
        for _ in range(data.draw(st.integers(1, 12))):
            if len(_items(p, home)) < 2:
                break
            odd = data.draw(st.integers(0, 5)) == 0  # now and then another kind: it ends the run
            this = data.draw(st.sampled_from(["delete", "words"])) if how == "mixed" else how  # deletions and edits
            op = _strike_from(
                p, home, k, data.draw(st.sampled_from(_HOW + ["words"])) if odd else this, there, data, by_path
            )
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                continue
            ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


@SLOW
@given(st.data())
def test_runs_of_insertions_and_moves_into_lists_holding_struck_items_equal_one_by_one(data):
    # runs of insertions (by label, after or before an item, last) and of moves from other lists into a list
    # that already holds struck items: the run is replayed on the live items' order, the struck items staying
    # where they are, each at the path of its original label, or that label's "#2" once a new item before it
    # carries the label (itu_nb.amendments.inserting: _struck_at); the result is the one of inserting them one
    # by one with every path recomputed
    base = _struck_before(data.draw(st.sampled_from([RES130, B130, WITH_NEW[RES130.id], WITH_NEW[B130.id]])), data)
    names = SECTIONS[base.id]
    holding = [x for x in names if any(not c.exists_in("amended") for c in resolve(base, x).children)]
    ops, p = [], base
    for _ in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(holding if holding and data.draw(st.integers(0, 4)) else names))
        moves = not data.draw(st.integers(0, 2))
        for _ in range(data.draw(st.integers(1, 12))):
            items = _items(p, section)
            if not items:
                break
            kids = resolve(p, section).children
            # the live items right before a struck one: a new item after such an item goes before the struck one
            edge = [
                c for c, d in zip(kids, kids[1:], strict=False) if c.exists_in("amended") and not d.exists_in("amended")
            ]
            if moves:
                op = _move_into(p, section, data)
            elif edge and not data.draw(st.integers(0, 2)):
                op = InsertClause(f"that the text is new {len(ops)};", after=cite(p, data.draw(st.sampled_from(edge))))
            elif data.draw(st.booleans()):
                op = _positional(p, section, data, len(ops))
            else:  # by label: the head, an item's label now, or the next after the last (or none: last)
                label = data.draw(
                    st.sampled_from([items[0].label] * 3 + [data.draw(st.sampled_from(items)).label, None])
                )
                op = InsertClause(f"that the text is new {len(ops)};", into=section, label=label)
            try:
                p = apply_ops(p, [op], **WHO)
            except (EditError, ItuNbError):
                continue
            ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


def _woven_op(p, section, data, n):
    """An insertion, deletion or edit of words inside ``section`` (what weaving.window applies section by section),
    now and then a move to another section (which ends the window)."""
    items = _items(p, section)
    how = data.draw(st.sampled_from(["head"] * 3 + ["after", "before", "last", "delete", "delete", "words", "move"]))
    if how == "last" or not items:
        return InsertClause(f"that the text is new {n};", into=section)
    clause = data.draw(st.sampled_from(items))
    at = _address(p, clause, data)
    if how == "head":
        return InsertClause(f"that the text is new {n};", into=section, label=items[0].label)
    if how in ("after", "before"):
        return InsertClause(f"that the text is new {n};", **{how: at})
    if how == "delete":
        return DeleteClause(at)
    if how == "words":
        return InsertWords(at, f" and {n} more")
    others = [c for name in SECTIONS[p.id] if name != section for c in _items(p, name)]
    return MoveClause(at, before=_address(p, others[0], data)) if others else DeleteClause(at)


@SLOW
@given(st.data())
def test_operations_interleaved_over_sections_equal_one_by_one(data):
    # insertions, deletions and edits of words interleaved over two or three sections break each other's runs;
    # applied section by section (itu_nb.amendments.weaving), each section's runs hold, and the result is
    # the one of applying them in their order with every path recomputed (provenance notes in that order too)
    base = data.draw(st.sampled_from([RES130, B130, WITH_NEW[RES130.id], WITH_NEW[B130.id]]))
    names = data.draw(st.lists(st.sampled_from(SECTIONS[base.id]), min_size=2, max_size=3, unique=True))
    ops, p = [], base
    for _ in range(data.draw(st.integers(8, 40))):
        op = _woven_op(p, data.draw(st.sampled_from(names)), data, len(ops))
        try:
            p = apply_ops(p, [op], **WHO)
        except (EditError, ItuNbError):
            continue
        ops.append(op)
    _same(apply_ops(base, ops, **WHO), reference(base, ops))


BIG = itu_nb.amend(RES130, [f'Add a new resolves {i} reading: "to do thing {i};"' for i in range(13, 73)])
#: The shapes of the bounded runs of tests/test_amend_hostile.py, at a size the reference can afford
INSTRUCTIONS = {
    "moves to an earlier place in another list": (
        BIG,
        [f"Move resolves {72 - k} to the end of considering" for k in range(40)]
        + [f"Move resolves {k} before considering b)" for k in (12, 3, 1)],
    ),
    "moves to the head of another list": (
        BIG,
        [f"Move resolves {72 - k} before considering a)" for k in range(40)]
        + [f"Move resolves {k} before considering a)" for k in (12, 3, 1)]
        + [f"Move considering {x}) before resolves 1" for x in "abcde"],
    ),
    "moves of original clauses to the head of another list": (
        RES130,
        [f"Move resolves {12 - k} before considering a)" for k in range(8)]
        + [f"Move recognizing {x}) before considering a)" for x in "hgfedcba"]
        + ["Move resolves 1 before considering c)"] * 3
        + [f"Move aware {x}) before considering b)" for x in "ba"],
    ),
    # one by one: B/67/4's considering holds a struck item, so no run applies there
    "moves of relettered original clauses": (
        B130,
        ["Move resolves 1 before considering a)"] * 6 + ["Move considering a) before resolves 1"] * 6,
    ),
    "moves of moved clauses": (BIG, ["Move considering r) before considering a)"] * 40),
    "moves up and down one list": (
        B130,
        ["Move considering d) before considering a)", "Move resolves 3 after resolves 1"] * 10,
    ),
    "new sections after the last": (
        RES130,
        [f'Add a new section "invites Sector Members" reading: "to do thing {i};"' for i in range(30)],
    ),
    "new sections continuing one": (
        RES130,
        [f'Add a new section "noting further" reading: "that {i};"' for i in range(30)],
    ),
    "new sections continuing one, with items": (
        B130,
        [f'Add a new section "noting further" reading: "that {i};"' for i in range(6)]
        + ['Add a new section "recognizing further" reading: "a) that it is;"', "Delete noting further#3"]
        + [f'Add a new section "noting further" reading: "that {i} again;"' for i in range(5)],
    ),
    # the struck considering b) stays at considering/b until a new item before it takes b) (then b#2)
    "insertions at the head of a list holding a struck item": (
        RES130,
        ["Delete considering b)", "Delete considering e)"] + ['Add a new considering a) reading: "that it is;"'] * 30,
    ),
    "insertions after an item before a struck one": (
        RES130,
        ["Delete considering b)", "Delete considering b)"]
        + ['Add a new paragraph after considering a) reading: "that it is;"'] * 10
        + ['Add a new paragraph before considering c) reading: "that it is;"'] * 10,
    ),
    "moves into a list holding a struck item": (
        BIG,
        ["Delete considering b)"] + [f"Move resolves {72 - k} before considering a)" for k in range(30)],
    ),
    # one by one, each breaks the run of the one before; section by section, runs (itu_nb.amendments.weaving)
    "insertions and deletions interleaved over three sections": (
        RES130,
        [
            'Add a new considering a) reading: "that it is;"',
            "Delete considering b)",
            'Add a new recognizing a) reading: "that it is;"',
            'Add a new paragraph after resolves 2 reading: "that it is;"',
        ]
        * 12
        + ["Delete resolves 1", 'In resolves 2, add " (edited)" at the end', "Delete recognizing b)"] * 6,
    ),
    "insertions after one item": (
        RES130,
        [f'Add a new paragraph after considering c) reading: "that thing {i};"' for i in range(30)],
    ),
    "insertions here and there": (
        B130,
        [
            f'Add a new paragraph {w} considering {x}) reading: "that thing {i};"'
            for i, (w, x) in enumerate(
                [("after", "c"), ("before", "a"), ("after", "a"), ("before", "d"), ("after", "e"), ("before", "b")] * 5
            )
        ]
        + ['Add a new paragraph at the end of considering reading: "that it ends;"'] * 5,
    ),
}


def test_instructions_equal_full_recomputation():
    for name, (base, lines) in INSTRUCTIONS.items():
        fast, slow = itu_nb.amend(base, lines, **WHO), amend_reference(base, lines)
        assert _tree(fast) == _tree(slow), name
        assert fast == slow, name
        assert len({n.key for n in fast.walk()}) == sum(1 for _ in fast.walk()), name


def test_sections_of_one_name_keep_their_items():
    # three "noting further" sections, each added after "noting" (so before the ones added earlier):
    # each keeps its own item.  Before: the items were placed by the section's path, which the
    # sections added earlier held too until repathed, so "that thing 0" was lost and "that thing 2" doubled
    draft = itu_nb.amend(RES130, [f'Add a new section "noting further" reading: "that thing {i};"' for i in range(3)])
    added = [c for c in draft.clauses if c.path.startswith("noting further")]
    assert [c.path for c in added] == ["noting further", "noting further#2", "noting further#3"]
    assert [[k.body() for k in c.children] for c in added] == [["that thing 2;"], ["that thing 1;"], ["that thing 0;"]]


def test_a_moved_copy_yields_to_the_key_its_sub_item_keeps():
    # Resolution 130: recognizing a) ("that cybersecurity is a fundamental element…") moved to the head of
    # considering gets the key considering/a+2 (considering/a is the relettered considering a)'s own);
    # moved on into aware a) it becomes aware a) i) and keeps that key (it was only inserted: nothing of
    # it stays in considering).  aware a) ("that ITU and other international organizations…") then moves
    # to the head of considering: its copy reads its key from its path, considering/a, held by the old
    # considering a), so it needs a "+n"; its sub-item keeps considering/a+2, an identity kept through
    # the move (repath: "a key held as a uid wins over the same key read from a path").  So the copy
    # takes +3.  One by one used to give the copy +2 first and push the sub-item to considering/a+2+2,
    # renaming it (its change ids with it); the full recomputation gave +3 (found by the property test)
    ops = [
        MoveClause("recognizing/a", before="considering/a"),
        MoveClause("considering/a", into="aware a)"),
        MoveClause("aware/a", before="considering/a"),
    ]
    fast = apply_ops(RES130, ops, **WHO)
    head = resolve(fast, "considering/a")
    assert head.body().startswith("that ITU and other international organizations")
    assert [(n.path, n.key) for n in head.walk()] == [
        ("considering/a", "considering/a+3"),
        ("considering/a/i", "considering/a+2"),
    ]
    assert head.children[0].body().startswith("that cybersecurity is a fundamental element")
    assert resolve(fast, "considering/b").key == "considering/a"
    _same(fast, reference(RES130, ops))


def test_a_struck_clause_gives_its_sub_items_the_paths_of_their_labels():
    # Resolution 130's recognizing k) ("the relevant outcomes of WTSA-16, notably:") holds the sub-list
    # i) Resolution 50, ii) Resolution 52.  A new item after k) i) becomes ii) (Resolution 52 relettered
    # iii)); deleting k) then strikes it and its sub-items, and the new one, only inserted, goes
    # altogether: the struck sub-items read i) and ii) again, so their paths are recognizing/k/i and
    # /ii, as the full recomputation gives.  Before: the struck clause kept its path, its list's repath
    # did not reach its sub-items, and Resolution 52 stayed at recognizing/k/iii (found by the property
    # test above)
    ops = [InsertClause("that the text is new;", after="recognizing k) i)"), DeleteClause("recognizing k)")]
    fast = apply_ops(RES130, ops, **WHO)
    struck = resolve(fast, "recognizing/k")
    assert struck.status == "deleted"
    assert [(c.path, c.label_original, c.body("original")[:13]) for c in struck.children] == [
        ("recognizing/k/i", "i)", "Resolution 50"),
        ("recognizing/k/ii", "ii)", "Resolution 52"),
    ]
    assert [c.key for c in struck.children] == ["recognizing/k/i", "recognizing/k/ii"]
    _same(fast, reference(RES130, ops))


def test_a_struck_original_keeps_its_identity_whatever_relettered_it():
    # Resolution 130's resolves 1–12 as adopted: "Move resolves 3 before considering a)" three times moves
    # resolves 3 ("to continue to give high priority…"), then the old 4 and the old 5, each relettered 3 by
    # the strike before it (so each held its old path as a uid: resolves/4, resolves/5).  The struck
    # originals stay in resolves and keep their identities, resolves/3, /4 and /5, so the ids of their
    # changes are the ones a single move would give; the copies are new clauses, keyed by where they are
    # put: at considering/a, which the old considering a) keeps as it is relettered, so "+2", "+3", "+4"
    # in the order they came.  Until session 10 the first copy was so, but the later ones took the
    # original's key (resolves/4, /5) and their struck originals were renamed resolves/4+2, /5+2: which
    # side held the identity depended on earlier instructions.  Once one by one, once as a run of six
    old = [c.body() for c in RES130["resolves"].children]
    for n in (3, 6):
        lines = ["Move resolves 3 before considering a)"] * n
        fast = itu_nb.amend(RES130, lines, **WHO)
        struck = [c for c in fast["resolves"].children if c.status == "deleted"]
        assert [(c.key, c.label_original, c.body("original")) for c in struck] == [
            (f"resolves/{k}", str(k), old[k - 1]) for k in range(3, 3 + n)
        ]
        head = fast["considering"].children[:n]
        assert [c.body() for c in head] == [old[k - 1] for k in range(2 + n, 2, -1)]  # moved last, first
        assert [c.key for c in head] == [f"considering/a+{j}" for j in range(n + 1, 1, -1)]
        assert fast["considering"].children[n].key == "considering/a"  # the old a), relettered
        slow = amend_reference(RES130, lines)
        assert _tree(fast) == _tree(slow) and fast == slow
