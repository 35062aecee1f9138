"""A run of new items added to one list, applied at once: each costs O(1), the run its list once.

``Add a new considering a) reading: …`` repeated 1,000 times puts each new item at the head of
the list and reletters every item after it: one by one (:meth:`_Editor.insert_clause
<itu_nb.amendments.editor>`), that is the whole list per instruction, quadratic in all.  Here a run
of consecutive :class:`~itu_nb.amendments.operations.InsertClause` operations ``into=`` the same
address (``with label=``, or last) — or ``after=`` / ``before=`` items of one list (``Add a new
paragraph after considering c)``, again and again) — is replayed on the list's order alone (a Python
list of entries), and the labels, paths and keys are computed once at the end from the final order.
An ``after=`` / ``before=`` address is read against the list's current order as
:func:`~itu_nb.amendments.addressing.resolve` reads it (:class:`_Anchors`).

A run of :class:`~itu_nb.amendments.operations.MoveClause` operations into one list (``into=`` it, or
``after=`` / ``before=`` its items) from other lists is replayed the same way: each original is struck
from its own list, and its copy enters the list's order with the keys one by one gives it, claimed in
the same order (:func:`_move`).  A simple source list stays pending during the run, its items cited
against its pending order and relettered once at the end (:mod:`itu_nb.amendments.striking`: moves
from its front or middle cost O(1) each); from any other list apart from this one, a listed item is
struck as one by one, that list repathed (:func:`_movable`).  Either way an insertion goes altogether
and a clause of the original text leaves its struck original, which keeps its identity.

The result is the one the operations give one by one, field for field (the property tests
``tests/test_amend_hostile.py::test_runs_of_insertions_equal_one_by_one`` and
``tests/test_amend_linear.py::test_runs_of_insertions_at_positions_equal_one_by_one`` compare them).  That
holds because the run is replayed only on a *simple* list, where one by one each operation leaves
the list labelled ``a) b) c)…`` (or ``1 2 3…``) in order:

- every child of the section, after the paragraphs that may lead it (``resolves`` / ``that the Member
  States:`` / ``1 …``: they stay first, and the new items go after them as one by one), is a listed
  item present in the amended view, all of one scheme
  (``letter``, ``roman`` or ``number``), labelled from the first label on without a gap, with the path
  component its label gives (no footnotes or ``bis`` items among them; unlabelled paragraphs and bullets
  among them stay where they stood, at their paths, as struck items do: :mod:`itu_nb.amendments.mixed`);
- every operation names a label that exists (the new item goes before the item that has it, and
  takes its label), the next label after the last or none ``into=`` the list (the new item is
  appended), or an item of the list to go after or before (the new item takes the label of its place).

The list may also hold struck items (:func:`~itu_nb.amendments.simple_lists.simple_list` with ``struck=True``:
each at the path of its original label, as :mod:`~itu_nb.amendments.simple_lists` reads them).  They take
no label and stay where they stood; the run is replayed on the *live* items' order, each struck item kept
with the number of live items before it.  A new item placed right after an item goes before the struck
items that follow that item, one placed before an item (or by its label) after those that precede it, one
added last after them all, as :meth:`_Editor._place <itu_nb.amendments.editor>` puts it.  One by one, a
struck item whose original label ``L`` a live item before it comes to carry is repathed to ``L#2`` (its
path before becomes its ``uid``; in a run of insertions the live items before it only grow, so that happens
at most once), and the live item labelled ``L`` after a struck item holding ``L`` is at ``L#2``: the
paths, and the keys new items claim when inserted, are computed so (:func:`_struck_at`).  A path into
such a list as an ``after=`` / ``before=`` address ends the run (``considering/b`` may be the struck item).

Then the item at index ``j`` is labelled with the ``j``-th label of the scheme after every
operation, an old item is relabelled straight from its original label to its final one (as
:func:`~itu_nb.amendments.relettering.set_label` does one step at a time, the result depends only
on the original label and the last), and a new item's key is the path it got when it was inserted
(made unique against the keys of the text then, as :meth:`Session.repath
<itu_nb.amendments.lists.Session.repath>` does).  An operation outside these rules ends the run; the
caller applies it one by one, so its result or its error is the usual one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from itu_nb.amendments.anchors import _Anchors, displaces, grows, mixes, parent_for
from itu_nb.amendments.lists import Session
from itu_nb.amendments.mixed import apart
from itu_nb.amendments.moving import Strike, _movable, _move, _pending_strike, _unmarked
from itu_nb.amendments.operations import InsertClause, MoveClause
from itu_nb.amendments.pending import WORDS, Pending
from itu_nb.amendments.relettering import (
    _repath,
    set_label,
    split_label,
    successor,
)
from itu_nb.amendments.run_keys import AT, SECTION, STRIKE, Runs, Unit, run_key
from itu_nb.amendments.shifted import Ranks
from itu_nb.amendments.simple_lists import component_of, simple_list
from itu_nb.amendments.striking import Sources, strike_run
from itu_nb.amendments.sublists import list_run
from itu_nb.amendments.weaving import MIN_WINDOW, window
from itu_nb.amendments.wording import map_children, peel
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run

__all__ = ["AT", "MIN_RUN", "Runs", "apply_units", "insert_run", "run_key"]

#: Consecutive insertions into one list from which they are applied as a run (below it, one by one is as cheap).
MIN_RUN = 4


def insert_run(
    session: Session,
    proposal: Proposal,
    ops: Sequence[InsertClause | MoveClause],
    author: str | None,
    date: str,
    strike: Strike | None = None,
) -> tuple[Proposal, int, bool]:
    """Apply the longest leading part of ``ops`` that keeps to the rules above, at once.

    Returns
    -------
    (Proposal, int, bool)
        The edited proposal, the number of operations applied, and whether the list is simple
        (False: none was applied, and none of the run would be: apply them one by one).
    """
    parent = parent_for(proposal, ops[0])
    if parent is None:
        return proposal, 0, False
    into = ops[0].into
    if (into is not None and into.strip().startswith(parent.path + "/")) or not parent.children:
        return proposal, 0, False
    session.begin(proposal)
    seen = apart(session, parent)  # the paragraphs and bullets among the items left out (itu_nb.amendments.mixed)
    simple = simple_list(session, seen[0], struck=True) if seen is not None else None
    if simple is None or seen is None:
        return proposal, 0, False
    every, lead, facts, scheme, labels, style = simple
    labels = list(labels)  # grown below
    prefix = parent.path
    index_of = {x: i for i, x in enumerate(labels)}
    # the struck items stay where they are (simple_lists._struck_apart), and so do the paragraphs and bullets
    # among the items: each is kept with the number of live items before it (non-decreasing); a struck item
    # with its path component (its original label's)
    struck: list[Clause] = []  # the struck items and the paragraphs and bullets, in order
    at_first: list[int] = []  # their ranks before the run
    still: set[int] = set()  # the paragraphs and bullets among them
    held: dict[str, int] = {}  # component -> the struck item that holds it
    live: list[Clause] = []
    present_of = iter(facts.exists)
    for i in range(lead, len(parent.children)):
        c = parent.children[i]
        if i in seen[1]:
            still.add(len(struck))
            struck.append(c)
            at_first.append(len(live))
            continue
        if next(present_of):
            live.append(c)
            continue
        comp = component_of(c.label_in("original") or "")
        assert comp is not None  # simple_list(struck=True)
        held[comp] = len(struck)
        struck.append(c)
        at_first.append(len(live))
    ranks = Ranks(at_first)

    def component(j: int) -> str:
        """The path component of the live item at rank ``j``: its label, ``#2`` when a struck item before it holds it."""
        k = held.get(labels[j])
        return labels[j] + ("#2" if k is not None and ranks[k] <= j else "")

    if any(c.path != f"{prefix}/{component(j)}" for j, c in enumerate(live)):
        return proposal, 0, False  # paths not as the rules above give them: one by one
    last_letter = next((x for x in reversed(facts.letters) if x is not None), None)
    anchors = _Anchors(proposal, parent, prefix, bool(struck))
    anchors.cites = lambda kids: session.facts(kids).cites  # the labels of the lists on the way, read in C

    def grow(label: str) -> bool:
        """Give the list one more label, ``label``, if it reads as the scheme's next one after the last."""
        nonlocal last_letter
        written = f"{style[0]}{label}{style[1]}"
        read, letter = grows(written, scheme, labels[-1], last_letter)
        if read != scheme or component_of(written) != label or label in index_of:
            return False
        index_of[label] = len(labels)
        labels.append(label)
        last_letter = letter or last_letter
        return True

    def place(op: InsertClause | MoveClause, label: str | None, n: int) -> tuple[int, bool] | None:
        """Where ``op`` puts its item: its rank among the ``n`` live items, and whether it goes before the struck
        items at that rank (right after a live item) rather than after them (right before one, or last).
        None: not in this list, or not as a run can.
        """
        if op.into is not None:
            if op.into != into:
                return None
            if label is None:
                return n, False  # last
            found = split_label(label.strip())
            return index_of.get((found or ("", label.strip(), ""))[1].lower(), n), False
        named = anchors.label(op.after or op.before or "")
        at = index_of.get(named) if named is not None else None
        if at is None or at >= n:
            return None
        return (at + 1, True) if op.after is not None else (at, False)

    # live entries: (old clause, its original rank) or (None, (text, key)) or (None, moved copy)
    entries: list[tuple[Clause | None, Any]] = [(c, j) for j, c in enumerate(live)]
    sources = Sources(session, prefix)  # the lists moves strike from, pending
    strikes = strike
    done = 0
    cur = proposal  # the text with the moves' originals struck; the list itself stays as it was until the end
    for op in ops:
        if run_key(op) != run_key(ops[0]):
            break
        moved: Clause | None = None
        source: tuple[Pending, int] | None = None
        if isinstance(op, MoveClause):
            if strike is None:
                break
            source = sources.find(cur, op.at) if isinstance(op.at, str) else None
            if source is not None:
                moved = source[0].current(source[1], author, date)
            else:
                moved = _movable(session, cur, op, prefix, sources)
            if moved is None:
                break
            label, text = None, ""
        else:
            peeled, text = peel(op.text)
            label = op.label or peeled
        n = len(entries)
        where = place(op, label, n)
        if where is None:
            break
        index, ahead = where
        expected = labels[index] if index < n else successor(labels[-1], scheme)
        if label is None:
            given = expected
        else:
            parts = split_label(label.strip() + ")") or split_label(label.strip())
            given = parts[1] if parts else label.strip()
        if given != expected:
            break  # an error, or a label in another case: one by one
        if index == n:  # the list grows: the new label must read as the scheme after the last one
            if not grow(given):
                break
        else:  # one by one, the new item and the one it displaces carry the same label a moment
            if not displaces(f"{style[0]}{given}{style[1]}", scheme, labels[index - 1] if index else None):
                break
            if not grow(successor(labels[-1], scheme)):  # the last item moves on to the next label
                break
        # the struck items after the new one have one more live item before them
        ranks.bump(ranks.first(index, before=ahead))
        path = f"{prefix}/{component(index)}"  # where one by one puts it, among the struck items too
        if moved is not None:
            assert strike is not None  # _movable
            if source is not None:  # struck from its pending list: the text stays as it is
                strike = _pending_strike(*source, moved)
            else:  # the copy takes the comments and highlights on its words (wording.taken_marks)
                cur = _unmarked(cur, moved)
            cur, placed = _move(session, cur, moved, parent, index, path, author, date, strike)
            strike = strikes
            entries.insert(index, (None, placed))
            done += 1
            continue
        key = session.claim_key(path)
        session.counter += 1
        entries.insert(index, (None, (text, key)))
        done += 1
    if not done:
        return proposal, 0, True
    out = []
    k = 0
    final = list(ranks)
    for j, (old, info) in enumerate(entries):
        while k < len(struck) and final[k] <= j:
            out.append(struck[k] if k in still else _struck_at(struck[k], prefix, labels, index_of, final[k]))
            k += 1
        path = f"{prefix}/{component(j)}"
        if old is None and isinstance(info, Clause):  # a moved copy, placed at info.path
            c = info
            if path != c.path:
                uid = c.uid if c.uid is not None else c.path
                c = dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))
            out.append(set_label(c, labels[j], author, date, style))
        elif old is None:
            text, key = info
            node = Clause(NodeKind.PARAGRAPH, path, runs=(Run(Op.INSERT, text, author, date),), section=parent.section)
            node = set_label(
                dataclasses.replace(node, kind=NodeKind.ITEM, label_runs=()), labels[j], author, date, style
            )
            out.append(dataclasses.replace(node, uid=None if key == path else key))
        elif info == j and path == old.path:
            out.append(old)
        else:
            moved = set_label(old, labels[j], author, date)
            if path != old.path:
                uid = old.uid if old.uid is not None else old.path
                moved = dataclasses.replace(moved, path=path, uid=uid, children=_repath(old.children, old.path, path))
            out.append(moved)
    out += (
        c if k + o in still else _struck_at(c, prefix, labels, index_of, r)
        for o, (c, r) in enumerate(zip(struck[k:], final[k:], strict=True))
    )
    new = (*every[:lead], *out)
    cur = sources.settle(cur, author, date)
    return map_children(cur, parent, lambda _: new), done, True


def _struck_at(c: Clause, prefix: str, labels: list[str], index_of: dict[str, int], rank: int) -> Clause:
    """The struck item ``c`` with ``rank`` live items before it: at the path of its original label, or that
    label's ``#2`` once a live item before it carries the label (one by one, the repath then moves it, and its
    path before becomes its ``uid``, as for any clause whose path changes).
    """
    comp = component_of(c.label_in("original") or "")
    at = index_of.get(comp) if comp is not None else None
    path = f"{prefix}/{comp}" + ("#2" if at is not None and at < rank else "")
    if path == c.path:
        return c
    uid = c.uid if c.uid is not None else c.path
    return dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))


def apply_units(
    session: Session,
    proposal: Proposal,
    units: Sequence[Unit],
    one: Callable[[Proposal, Any, list], tuple[Proposal, list[str]]],
    note: Callable[[Any, Any], str],
    author: str | None,
    date: str,
    runs: Runs | None = None,
    weave: bool = True,
) -> tuple[Proposal, list[str]]:
    """Apply ``units`` in order: runs of insertions (:func:`insert_run`) and of new sections continuing one
    (:func:`~itu_nb.amendments.edits.section_run`) at once, the rest by ``one``.

    ``one(proposal, tag, ops)`` applies one unit one by one and returns its provenance notes;
    ``note(tag, op)`` words the provenance note of an operation applied in a run; ``runs`` the
    edits that runs of new sections and of moves need (:data:`itu_nb.amendments.edits.RUNS`; None:
    those are applied one by one).  ``weave``: units interleaved over several sections, whose runs break
    each other, are applied section by section (:mod:`itu_nb.amendments.weaving`).
    """
    notes: list[str] = []
    p = proposal
    i = 0
    unwoven = 0  # the units before this one were read by weaving.window: they are not read again
    mixed = 0  # units[i:mixed] may join a run on one list's pending order (anchors.mixes): read once
    while i < len(units):
        tag, ops = units[i]
        key = run_key(ops[0]) if len(ops) == 1 else None
        end = _run_end(units, i, key)
        if end - i < MIN_RUN and weave and i >= unwoven:
            stop, sections = window(p, units, i)
            unwoven = max(stop, i + 1)
            if stop - i >= MIN_WINDOW and _worth(units[i:stop], sections):
                try:
                    p, done_notes = _woven(session, p, units[i:stop], sections, one, note, author, date, runs)
                except ItuNbError:
                    session.reset()  # what the failed window claimed: the window again, in order, says the error
                    continue
                notes += done_notes
                i = stop
                continue
        if end - i >= MIN_RUN:
            run = [u[1][0] for u in units[i:end]]
            if key is not None and key.startswith(SECTION):
                if runs is not None:
                    p, done, simple = runs.sections(session, p, run, author, date)
                else:
                    done, simple = 0, False
            elif key == STRIKE:
                p, done, simple = strike_run(session, p, run, author, date, runs.words if runs else None)
            else:
                p, done, simple = insert_run(session, p, run, author, date, runs.strike if runs else None)
            notes += [note(t, o) for (t, _), o in zip(units[i:], run[:done], strict=False)]
            i += done
            if not simple:  # the list is not simple: the whole run one by one
                for tag, ops in units[i:end]:
                    p, done_notes = one(p, tag, ops)
                    notes += done_notes
                i = end
                continue
            if i == end:
                continue
            tag, ops = units[i]  # the operation that ended the run, one by one
        if mixed <= i:
            mixed = i
            while mixed < len(units) and len(units[mixed][1]) == 1 and _joins(units[mixed][1][0], mixed > i):
                mixed += 1
        if mixed - i >= MIN_RUN:  # insertions, deletions and moves on one list (order), or on a list and a sub-list
            run = [u[1][0] for u in units[i:mixed]]
            p, done = list_run(session, p, run, author, date, runs.words if runs else None)
            if done:
                notes += [note(t, o) for (t, _), o in zip(units[i:], run[:done], strict=False)]
                i += done
                continue
        p, done_notes = one(p, tag, ops)
        notes += done_notes
        i += 1
    return p, notes


def _joins(op: Any, started: bool) -> bool:
    """Whether ``op`` may join a run on one list's pending order (:func:`~itu_nb.amendments.sublists.list_run`):
    an insertion, deletion or move, or once one has started it an edit of words
    (:mod:`~itu_nb.amendments.order_words`).
    """
    return mixes(op) or (started and type(op) in WORDS)


def _run_end(units: Sequence[Unit], i: int, key: str | None) -> int:
    """The end of the run of ``units`` from ``i`` that share the run key ``key`` (edits of words join strikes)."""
    end = i
    while key is not None and end < len(units) and len(units[end][1]) == 1 and run_key(units[end][1][0]) == key:
        end += 1
        while key == STRIKE and end < len(units) and len(units[end][1]) == 1 and type(units[end][1][0]) in WORDS:
            end += 1  # edits of words join a run of strikes (striking.strike_run), never start one
    return end


def _groups(sections: list[str]) -> dict[str, list[int]]:
    """The indices of the units of each section, the sections in the order they first appear."""
    groups: dict[str, list[int]] = {}
    for k, where in enumerate(sections):
        groups.setdefault(where, []).append(k)
    return groups


def _worth(units: Sequence[Unit], sections: list[str]) -> bool:
    """Whether applying ``units`` section by section makes a run that their order breaks (two sections or more).

    A run is :data:`MIN_RUN` operations of one run key in a row within a section, or as many insertions, deletions
    and moves in a row (:func:`~itu_nb.amendments.anchors.mixes`: one list's pending order,
    :func:`~itu_nb.amendments.sublists.list_run`), such as new items at the head of considering and after its
    c) in turn, between edits of resolves 1 (issue 17's audit: each insertion one by one before, 233,100 labels
    set for 1,000 instructions).
    """
    groups = _groups(sections)
    if len(groups) < 2:
        return False
    for members in groups.values():
        mine = [units[k] for k in members]
        k = 0
        while k < len(mine):
            end = _run_end(mine, k, run_key(mine[k][1][0]))
            if end - k >= MIN_RUN:
                return True
            k = max(end, k + 1)
        # insertions, deletions and moves mixed on one list (sublists.list_run)
        mixing = 0
        for _, ops in mine:
            mixing = mixing + 1 if len(ops) == 1 and _joins(ops[0], mixing > 0) else 0
            if mixing >= MIN_RUN:
                return True
    return False


def _woven(
    session: Session,
    p: Proposal,
    units: Sequence[Unit],
    sections: list[str],
    one: Callable[[Proposal, Any, list], tuple[Proposal, list[str]]],
    note: Callable[[Any, Any], str],
    author: str | None,
    date: str,
    runs: Runs | None,
) -> tuple[Proposal, list[str]]:
    """``units`` applied section by section (:mod:`itu_nb.amendments.weaving`); the notes in the units' order."""
    notes: list[str] = [""] * len(units)
    for members in _groups(sections).values():
        p, done = apply_units(session, p, [units[k] for k in members], one, note, author, date, runs, weave=False)
        assert len(done) == len(members)  # one note per operation, each unit holding one
        for k, line in zip(members, done, strict=True):
            notes[k] = line
    return p, notes
