"""Moves into a list in a run (:func:`~itu_nb.amendments.inserting.insert_run`): what a moved clause leaves and brings.

One by one, :meth:`_Editor.move_clause <itu_nb.amendments.editor>` strikes the original from its own list (an
insertion goes altogether, a clause of the original text leaves its struck original, which keeps its identity)
and places a copy, keyed as a new clause.  A run of moves into one list does the same through these helpers:
:func:`_movable` says which clause a run can move, :func:`_move` strikes it and makes its copy at the path the
run gives it, :func:`_pending_strike` strikes it from a source list kept pending
(:class:`~itu_nb.amendments.striking.Pending`), :func:`_unmarked` leaves its comments and highlights to the copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from itu_nb.amendments.addressing import parent_of
from itu_nb.amendments.lists import Session, _apart
from itu_nb.amendments.operations import MoveClause
from itu_nb.amendments.relettering import _repath, scheme_of
from itu_nb.amendments.striking import Pending, Sources
from itu_nb.amendments.wording import inserted_copy, map_node, newcomer, taken_marks
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Proposal
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Strike"]

#: Strikes the clause at a path from its list as :class:`DeleteClause` does: ``strike(session, p, path,
#: author, date)`` gives the edited text, the lists it changed (for :meth:`Session.repath`) and what is
#: left of the clause (None: nothing).
Strike = Callable[[Session, Proposal, str, Any, str], tuple[Proposal, list, Clause | None]]


def _pending_strike(pending: Pending, i: int, node: Clause) -> Strike:
    """Strikes ``node``, the live item ``i`` of ``pending``, leaving the text as it is (the list settles later)."""

    def strike(
        session: Session, p: Proposal, path: str, author: Any, date: str
    ) -> tuple[Proposal, list, Clause | None]:
        return p, [], pending.strike(session, i, taken_marks(node), author, date)

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
    try:
        node = session.resolve(p, op.at)
    except ItuNbError:
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
