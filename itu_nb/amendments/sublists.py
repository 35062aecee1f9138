"""A run on one list's pending order (:mod:`~itu_nb.amendments.order`), or on a list and the list inside one of its items.

``Move resolves 2 before resolves 1 i)`` then ``Move resolves 1 iv) after resolves 207``, again and again: each
moves an item between a list and the sub-list of one of its items, so a run on either list alone ends at once, and
one by one each move reletters and repaths the whole list (quadratic over a run).  Here both lists stay pending
together (:class:`Nest`): an :class:`~itu_nb.amendments.order.Order` for each, the sub-list's *holder* (the item
whose children it is) a live item of the outer list that no operation of the run changes: the outer list's
operations keep to the live items after it (:attr:`Order.floor <itu_nb.amendments.order.Order>`), so the holder
keeps its rank, label and path, every address through it reads as one by one reads it, and the outer list's
operations change nothing inside it.

A move from one list to the other is :meth:`_Editor.move_clause <itu_nb.amendments.edits>` on the two orders: the
place is read before the original is struck (a strike in one list moves nothing in the other); a copy of the item
as it reads now (its provisional path the next one the editor gives under the target list), then the original is
struck from its list as a deletion strikes it, without the comments and highlights the copy takes (an insertion
goes altogether, its keys freed; a clause of the original text leaves its struck original, which keeps its
identity), then the copy enters the target list as a new item there and claims its keys.  Operations within one
list are that list's order's.  At the end the sub-list is settled into the holder, and the outer list with the
holder so changed.  Anything else (a holder not among the outer list's live items, an operation before or on it,
an operation on a third list…) ends the run, and the caller applies that operation one by one.  The property tests
in ``tests/test_amend_nested.py`` compare the result with one by one, field for field.

A run takes the two lists when its first operation is a move between them (:func:`list_run`; else the list of its
first operation alone).  Each operation then costs what it costs on one list's order: 2,000 moves in and out of the
sub-list of a 2,008-item list's first item take 0.3–0.5 s CPU (one by one, 144–177 s).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from itu_nb.amendments.addressing import find_path, parent_of, resolve
from itu_nb.amendments.anchors import mixes, parent_for
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.order import _BOTH, Order
from itu_nb.amendments.relettering import _repath
from itu_nb.amendments.wording import inserted_copy, newcomer
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, Proposal
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Nest", "list_run"]


class Nest:
    """A list (``outer``) and the list inside its live item ``holder``, kept pending together (see the module)."""

    def __init__(self, outer: Order, inner: Order) -> None:
        self.outer, self.inner = outer, inner
        self.session, self.author, self.date = outer.session, outer.author, outer.date
        self.ok = False
        holder = inner.parent
        r = next((j for j, e in enumerate(outer.entries) if e[0] == "old" and e[1] is holder), None)
        if r is None or outer.labels[r] in outer.held:
            return  # not a live item of the list, or a struck item holds its label (its path may take "#2")
        outer.floor = r
        self.ok = True

    def takes(self, proposal: Proposal, into: str) -> bool:
        """Whether new items ``into=`` the address ``into`` go into one of the two lists."""
        return self.inner.takes(proposal, into) or self.outer.takes(proposal, into)

    def _which(self, address: str | None) -> tuple[Order, int] | None:
        """The order holding the live item ``address`` cites, and its rank there (None: neither)."""
        for order in (self.inner, self.outer):
            at = order.rank(address or "")
            if at is not None:
                return order, at
        return None

    def _target(self, op: InsertClause | MoveClause) -> Order | None:
        """The order ``op`` puts its item into (None: neither)."""
        if op.into is not None:
            return next((o for o in (self.inner, self.outer) if o.into is not None and op.into == o.into), None)
        found = self._which(op.after or op.before)
        return found[0] if found is not None else None

    def insert(self, op: InsertClause) -> bool:
        """Apply a new item in either list, as one by one; False: not as a run can (nothing changed)."""
        target = self._target(op)
        return target is not None and target.insert(op)

    def delete(self, op: DeleteClause) -> bool:
        """Strike an item of either list, as one by one; False: not as a run can (nothing changed)."""
        found = self._which(op.at)
        return found is not None and found[0].delete(op)

    def move(self, op: MoveClause) -> bool:
        """Move an item within either list or between them, as one by one; False: not as a run can (nothing changed)."""
        found, target = self._which(op.at), self._target(op)
        if found is None or target is None:
            return False
        source, s = found
        if source is target:
            return source.move(op)
        return self._across(op, source, s, target)

    def _across(self, op: MoveClause, source: Order, s: int, target: Order) -> bool:
        """Move the live item at rank ``s`` of ``source`` into ``target`` where ``op`` says (see the module)."""
        q = target._where(op, None)  # read before the original is struck, as one by one reads it
        if q is None or s <= source.floor or len(source.entries) < 2:
            return False
        n = len(target.entries)
        rank = q - target.struck.before(q)
        if rank <= target.floor or not target.admits(rank, n):
            return False
        gone, node = source._remove(s, True)
        if not source._strikable(gone):
            return False
        session, author, date = self.session, self.author, self.date
        session.counter += 1  # the copy's provisional path, as the editor gives it
        copy = inserted_copy(node, f"{target.prefix}/\0new{session.counter}", author, date)
        copy = dataclasses.replace(copy, label_runs=(), artefacts=relabelled_artefacts(copy, ()))
        source._strike(s, gone, node)
        source.touched[s:] = _BOTH * (len(source.entries) - s)
        if gone is not None:  # the struck original keeps its identity: the copy is a newcomer
            copy = newcomer(copy, {x.key for x in gone.walk()})
        placed_at = target._enter(q, ("copy", copy))
        assert placed_at == rank
        target.touched[rank + 1 :] = _BOTH * (len(target.entries) - rank - 1)
        path = target.path(rank)
        placed = dataclasses.replace(copy, path=path, uid=copy.uid, children=_repath(copy.children, copy.path, path))
        target.entries[rank] = ("copy", session.own_keys(placed))
        source._settle(None)
        target._settle(rank)
        return True

    def settle(self, p: Proposal) -> Proposal:
        """``p`` with both lists as the operations leave them: the sub-list into its holder, then the outer list."""
        p = self.inner.settle(p)
        r, outer = self.outer.floor, self.outer
        holder = self.inner.parent
        assert outer.touched[r] == 0 and outer.entries[r][1] is holder and outer.path(r) == holder.path
        settled = find_path(p, holder.path)
        assert settled is not None
        outer.entries[r] = ("old", settled, r)
        return outer.settle(p)


def _nest(session: Session, proposal: Proposal, op: Any, target: Clause, author: str | None, date: str) -> Nest | None:
    """The :class:`Nest` a move between a list and the list inside one of its items starts (None: not such a move)."""
    if type(op) is not MoveClause:
        return None
    try:
        home = parent_of(proposal, resolve(proposal, op.at).path)
    except ItuNbError:
        return None
    if home is None or home is target:
        return None
    up = parent_of(proposal, target.path)
    if up is home:  # from the list into the list inside one of its items
        outer, inner = home, target
    elif parent_of(proposal, home.path) is target:  # from the list inside an item out into the list
        outer, inner = target, home
    else:
        return None
    orders = Order(session, proposal, outer, author, date), Order(session, proposal, inner, author, date)
    if not all(o.ok for o in orders):
        return None
    nest = Nest(*orders)
    return nest if nest.ok else None


def list_run(
    session: Session, proposal: Proposal, ops: Sequence[Any], author: str | None, date: str
) -> tuple[Proposal, int]:
    """Apply the longest leading part of ``ops`` (:func:`mixes`) that edits one simple list, or a list and the list
    inside one of its items (a run starting with a move between them), at once.

    Returns the edited proposal and the number of operations applied (none: apply the first one by one).
    """
    parent = parent_for(proposal, ops[0])
    if parent is None or not parent.children:
        return proposal, 0
    session.begin(proposal)
    order: Order | Nest | None = _nest(session, proposal, ops[0], parent, author, date)
    if order is None:
        order = Order(session, proposal, parent, author, date)
        if not order.ok:
            return proposal, 0
    done = 0
    for op in ops:
        if not mixes(op):
            break
        if getattr(op, "into", None) is not None and not order.takes(proposal, op.into):
            break
        kind = type(op)
        applied = (
            order.insert(op) if kind is InsertClause else order.delete(op) if kind is DeleteClause else order.move(op)
        )
        if not applied:
            break
        done += 1
    if not done:
        return proposal, 0
    return order.settle(proposal), done
