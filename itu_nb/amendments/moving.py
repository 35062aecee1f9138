"""Moves into a list in a run (:func:`~itu_nb.amendments.inserting.insert_run`): what a moved clause leaves and brings.

One by one, :meth:`_Editor.move_clause <itu_nb.amendments.editor>` strikes the original from its own list (an
insertion goes altogether, a clause of the original text leaves its struck original, which keeps its identity)
and places a copy, keyed as a new clause.  A run of moves into one list does the same through these helpers:
:func:`_movable` says which clause a run can move, :func:`_move` strikes it and makes its copy at the path the
run gives it, :func:`_pending_strike` strikes it from a source list kept pending
(:class:`~itu_nb.amendments.pending.Pending`), :func:`_unmarked` leaves its comments and highlights to the copy.

Every move names its two ends, as Word does (``w:moveFrom`` / ``w:moveTo``): the copy's runs carry the name
:func:`~itu_nb.amendments.wording.inserted_copy` gives them (``move-`` and the key of the clause moved), and once the
edit is made :func:`name_moves` gives the struck original's runs the same name.  The changes of the two ends are then
``moved-from`` / ``moved-to``, every writer keeps the name, and a decision pairs the copy with its original by that
name whatever their texts (:func:`itu_nb.model.moved.identity`).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

from itu_nb.amendments.addressing import lookup, parent_of
from itu_nb.amendments.lists import Session, _apart
from itu_nb.amendments.operations import MoveClause
from itu_nb.amendments.pending import Pending
from itu_nb.amendments.relettering import _repath, scheme_of
from itu_nb.amendments.striking import Sources
from itu_nb.amendments.wording import MOVE_PREFIX, inserted_copy, map_node, newcomer, taken_marks
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run, join_runs
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Strike", "name_moves"]

#: Strikes the clause at a path from its list as :class:`DeleteClause` does: ``strike(session, p, path,
#: author, date)`` gives the edited text, the lists it changed (for :meth:`Session.repath`) and what is
#: left of the clause (None: nothing).
Strike = Callable[[Session, Proposal, str, Any, str], tuple[Proposal, list, Clause | None]]


def _pending_strike(pending: Pending, i: int, node: Clause) -> Strike:
    """Strikes ``node``, the live item ``i`` of ``pending``, leaving the text as it is (the list settles later)."""

    def strike(
        session: Session, p: Proposal, path: str, author: Any, date: str
    ) -> tuple[Proposal, list, Clause | None]:
        return p, [], pending.strike(session, i, taken_marks(node), author, date, moved=True)

    return strike


def _unmarked(p: Proposal, node: Clause) -> Proposal:
    """``p`` with ``node`` (at its path) without the marks its moved copy takes; ``p`` itself when it has none."""
    left = taken_marks(node)
    if left is node:
        return p
    return dataclasses.replace(p, clauses=map_node(p.clauses, node.path, lambda _: left))


def _movable(session: Session, p: Proposal, op: MoveClause, prefix: str, sources: Sources) -> Clause | None:
    """The clause ``op`` moves into the list at ``prefix``, if a run can move it (None: one by one).

    A listed item of another list, neither inside the list nor holding it, whose own list neither
    holds the list nor is inside it: its removal changes no path of the list, nor the list any of its.
    It is struck now, so its list is apart from the lists pending in ``sources`` (those are read as they
    were: an item inside one ends the run).  An insertion goes altogether when struck; a clause of the original text leaves its struck original
    behind, which keeps its identity while the copy takes fresh keys (:func:`_move`, as one by one).
    """
    node = lookup(p, op.at, lambda kids: session.facts(kids).cites)  # (a probe: no error message worded)
    if node is None:
        return None
    home = parent_of(p, node.path)
    if (
        home is None
        or sources.covers(node.path)  # read against a pending list as the text had it: one by one instead
        or any(home.path == o or not _apart([home.path, o]) for o in sources.lists)
        or node.kind is not NodeKind.ITEM
        or not scheme_of([node])[0]
        or node.path.startswith(prefix + "/")
        or prefix.startswith(node.path + "/")
        or not _apart([home.path, prefix])
    ):
        return None
    return node


def _move(
    session: Session,
    p: Proposal,
    node: Clause,
    parent: Clause,
    index: int,
    path: str,
    author: str | None,
    date: str,
    strike: Strike,
) -> tuple[Proposal, Clause]:
    """Strike ``node`` from its list (repathed as one by one) and make its copy for ``parent``'s list at ``path``.

    As one by one: the struck original keeps its identity (:func:`~itu_nb.amendments.wording.newcomer`),
    the original's list is repathed, then the copy claims its keys as a new clause.
    """
    session.counter += 1  # the copy's provisional path, as the editor gives it
    copy = inserted_copy(node, f"{parent.path}/\0new{session.counter}", author, date)
    copy = dataclasses.replace(copy, label_runs=(), artefacts=relabelled_artefacts(copy, ()))  # marks keep their words
    struck, dirty, gone = strike(session, p, node.path, author, date)
    if gone is not None:  # the struck original keeps its identity: the copy is a newcomer
        copy = newcomer(copy, {n.key for n in gone.walk()})
    placed = dataclasses.replace(copy, path=path, uid=copy.uid, children=_repath(copy.children, copy.path, path))
    out = session.repath(struck, dirty, False)
    placed = session.own_keys(placed)
    return out, placed


def name_moves(p: Proposal) -> Proposal:
    """``p`` with the two ends of each move an edit made under one name (``p`` itself when nothing changes).

    A copy's inserted runs carry ``move-`` and its original's key (:func:`~itu_nb.amendments.wording.move_name`),
    and so do the runs the move struck of that original (:func:`~itu_nb.amendments.wording.delete_node`, ``moved``),
    which keeps its key when struck and is found by it; the copy's own inserted runs without a name (its new label)
    take it.  No run of the original is named for its author and date: the deletions the analyst made in it before
    the move, the same day, stay deletions, no part of the move.  A copy whose
    original is gone (an insertion moved goes altogether) or not struck loses the name, and so does a struck
    original whose copy is gone (struck in turn): each is then a plain insertion or deletion, as Word makes them.
    A function of the text alone, so edits applied one call at a time or in one call name alike.  Runs of other
    moves (Word's, read from a file) are left as they are.

    Parameters
    ----------
    p : Proposal
        A proposal as an edit leaves it.

    Returns
    -------
    Proposal
    """
    nodes = list(p.walk())
    arrived: dict[str, tuple[Run, list[Clause]]] = {}  # a name of ours → its first inserted run, the nodes holding it
    left: list[Clause] = []  # the nodes struck under a name of ours
    for n in nodes:
        for r in n.label_runs + n.runs:
            name = r.move
            if name is None or not name.startswith(MOVE_PREFIX):
                continue
            if r.op is Op.INSERT:
                held = arrived.setdefault(name, (r, []))[1]
                if not held or held[-1] is not n:
                    held.append(n)
            elif r.op is Op.DELETE and (not left or left[-1] is not n):
                left.append(n)
    if not arrived and not left:
        return p
    by_key = {n.key: n for n in nodes}
    fixed: dict[int, tuple[Clause, Clause]] = {}  # id of a node → it, and it with its runs named (or a name dropped)
    for name, (by, copies) in arrived.items():
        original = by_key.get(name[len(MOVE_PREFIX) :])
        paired = original is not None and all(c is not original for c in copies) and _struck(original, name)
        for copy in copies:
            named = _named(copy, Op.INSERT, name, by) if paired else _named(copy, Op.INSERT, None, by, name)
            fixed[id(copy)] = (copy, named)
    for n in left:  # a struck original whose copy is gone: a deletion
        name = MOVE_PREFIX + n.key
        if name not in arrived and id(n) not in fixed:
            fixed[id(n)] = (n, _unnamed(n, name))
    done = {k: new for k, (old, new) in fixed.items() if new is not old}
    if not done:
        return p

    def swap(c: Clause) -> Clause:
        kids = tuple(swap(k) for k in c.children)
        c = done.get(id(c), c)
        return c if all(map(operator.is_, kids, c.children)) else dataclasses.replace(c, children=kids)

    return dataclasses.replace(p, clauses=tuple(swap(c) for c in p.clauses))


def _unnamed(n: Clause, name: str) -> Clause:
    """``n`` with its runs of the move ``name`` under no move."""

    def unnamed(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        if not any(r.move == name for r in runs):
            return runs
        return join_runs([Run(r.op, r.text, r.author, r.date, r.inferred) if r.move == name else r for r in runs])

    return dataclasses.replace(n, label_runs=unnamed(n.label_runs), runs=unnamed(n.runs))


def _struck(n: Clause, name: str) -> bool:
    """Whether ``n`` is the struck end of the move ``name``: no text of it shows in the amended view, and a run of it
    is struck under that name (the move struck it, :func:`~itu_nb.amendments.wording.delete_node`).
    """
    runs = n.label_runs + n.runs
    return (
        any(r.op is Op.DELETE for r in runs)
        and all(r.op is Op.DELETE for r in runs if r.text)
        and any(r.move == name for r in runs)
    )


def _named(n: Clause, op: Op, name: str | None, by: Run, was: str | None = None) -> Clause:
    """``n`` with its runs of ``op`` made by ``by``'s author and date under no move (``was``) named ``name``."""

    def named(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        if not any(r.op is op and r.move == was and r.author == by.author and r.date == by.date for r in runs):
            return runs
        return join_runs(
            [
                Run(r.op, r.text, r.author, r.date, r.inferred, name)
                if r.op is op and r.move == was and r.author == by.author and r.date == by.date
                else r
                for r in runs
            ]
        )

    label, body = named(n.label_runs), named(n.runs)
    if label is n.label_runs and body is n.runs:
        return n
    return dataclasses.replace(n, label_runs=label, runs=body)
