"""A run on one list's pending order (:mod:`~itu_nb.amendments.order`), or on lists inside one another's items.

``Move resolves 2 before resolves 1 i)`` then ``Move resolves 1 iv) after resolves 207``, again and again: each
moves an item between a list and the sub-list of one of its items, so a run on either list alone ends at once, and
one by one each move reletters and repaths the whole list (quadratic over a run).  So do moves between a list and
the list inside an item of one of its items (three levels), or between the lists inside two items of one list
(siblings).  Here the lists stay pending together (:class:`Nest`): an :class:`~itu_nb.amendments.order.Order` for
each list an operation of the run reaches, joined when the first one does (:meth:`Nest._join`), with the lists
between it and those already joined.  A list joins inside a *holder* (the item whose children it is), a live item
of a joined list that no operation of the run has changed so far and none will strike or move
(:attr:`Order.holders <itu_nb.amendments.order.Order>`).  A list may also join as the list holding the item the first
list (or the last so joined) is inside, when that item is live and unchanged so far.

An operation before a holder (an insertion, a deletion, a move from or to a place before it) changes its rank, so
its label, and perhaps its path (a struck item before it may come to hold its label: ``#2``).  One by one, the
holder is then relettered and repathed, and its list with it; here the list's order takes the holder's new path as
its prefix (:meth:`Order.reprefix <itu_nb.amendments.order.Order.reprefix>`: every item at a path under it, those
of the text keeping their old paths as uids, as one by one repaths them) when the list is next read
(:meth:`Joins.fresh <itu_nb.amendments.joins.Joins.fresh>`, the lists holding it first), so that a move into the
list places its copy (and claims its keys) at the path the holder has then, and the lists inside its items follow.
From the first such change the run is *stale*: the text no longer reads an
address through a holder (``recognizing j) i)`` once ``k)`` is ``j)``), the lists as they stand now do
(:meth:`Nest._cite_now`: a label among a list's live items names the one carrying it now, a holder or an item of the
text no operation has changed), a path by the prefixes the orders have now.  A list then joins as they read it
(:meth:`Joins._join_now <itu_nb.amendments.joins.Joins>`): where the way to it leaves the joined lists at a live item
of the text, changed or not, its sub-list (as the text has it: no operation reached it) joins at the path the item has
now, and so each list on below it.  A list inside an item an operation changed joins so too, and the run is then
stale (``Move … 13 after … 12 ii)`` strikes 13, changing 16, whose sub-list the next conveyor goes through).

A move from one list to another is :meth:`_Editor.move_clause <itu_nb.amendments.editor>` on the two orders: the
place is read before the original is struck (a strike in one list moves nothing in the other); a copy of the item
as it reads now (its provisional path the next one the editor gives under the target list), then the original is
struck from its list as a deletion strikes it, without the comments and highlights the copy takes (an insertion
goes altogether, its keys freed; a clause of the original text leaves its struck original, which keeps its
identity), then the copy enters the target list as a new item there and claims its keys.  Operations within one
list are that list's order's.  At the end each list is settled into its holder, the innermost first, then the list
holding it with the holder so changed (relettered and repathed as the run left it).  A holder struck or moved has
its lists settled into it first, as they stand then (:meth:`Nest._free`), and is then an item as any other: the run
goes on, and an address into those lists ends it (one by one reads it in the holder struck or moved).  Anything else
(a list not simple, a list inside an item that is no holder's sibling or ancestor's, an address
through a moved copy or a new item, a list joining upward once the run is stale…) ends the run, and the caller applies that
operation one by one.  The property tests in ``tests/test_amend_nested.py`` and
``tests/test_amend_nested_levels.py`` and ``tests/test_amend_holder.py`` (operations before and at the holder) and
``tests/test_amend_holder_strike.py`` (holders struck, moved, changed before they join) compare the result with one
by one, field for field.

Each operation costs what it costs on one list's order, plus a step per list joined (each order reads the address
in turn): 2,000 moves in and out of the sub-list of a 2,008-item list's first item take 0.3–0.5 s CPU (one by one,
144–177 s); so do moves into and out of the sub-list of that item's ``i)``, or between the sub-lists of items 1
and 2.  A holder's change of path costs a step per item of its list (and of the lists inside them): 1,000 moves
into the sub-list of item 6 of a 1,008-item list from its item 3, and back, each renumbering the holder, take
0.69 s CPU in a bounded child with the import and the load (one by one before: see ``benchmarks/RESULTS.md``).
A change of rank of many holders costs a step per block of 64 holders (:mod:`~itu_nb.amendments.holder_ranks`) and
a C-level flag on each (``AWAY``); each list takes its holder's path when read, whatever the number of paths between:
4,000 operations over 1,000 holders, each group deleting an item before its holder (all the holders joined before
it renumbered), take 0.8 s (2,000: 0.39 s; 2.1 s and ×3.9 per doubling before session 21, every holder's list
repathed at each operation).  A holder struck or moved costs its lists' items once (:meth:`_settled`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from itu_nb.amendments.addressing import Cites, _child, bare, cited_section, lookup
from itu_nb.amendments.anchors import cited_list, mixes, parent_for
from itu_nb.amendments.holder_ranks import HolderRanks
from itu_nb.amendments.joins import Joins
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.order import _BOTH, Order
from itu_nb.amendments.order_words import edit
from itu_nb.amendments.pending import WORDS, Words
from itu_nb.amendments.relettering import _repath
from itu_nb.amendments.wording import inserted_copy, newcomer
from itu_nb.model import Clause, Proposal
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Nest", "list_run"]


class Nest(Joins):
    """Lists kept pending together: the run's first list, and each list joined to it since, the list inside a live
    item (its *holder*) of one of them, or the list holding the item the first one (or the last so joined) is inside.
    """

    def __init__(self, proposal: Proposal, first: Order) -> None:
        self.session, self.proposal, self.author, self.date = first.session, proposal, first.author, first.date
        self.orders = [first]
        self.root = first  # the order whose list no other order's item holds
        self.by_parent = {id(first.parent): first}  # the clause whose children a list is -> its order
        self.by_prefix = {first.prefix: first}  # the path of that clause -> the order (exact when not _lazy)
        self.intos: dict[str, Order] = {}  # an address new items go ``into=`` -> the order of its list
        self._lists: dict[str, Clause | None] = {}  # a citation -> the clause whose children it names one of
        self.up: dict[int, tuple[Order, Clause]] = {}  # id(order) -> the order holding its parent, and that parent
        self._firsts: dict[int, dict[int, int]] = {}  # id(order) -> id(its clause of the text) -> that clause's rank
        # an operation changed a holder's rank (its label, perhaps its path): the text no longer reads addresses
        # through it, the lists as they stand now do (:meth:`_cite_now`), and no list joins any more
        self.stale = False
        self._lazy = False  # an operation may have changed a holder's path: by_prefix is made again when read
        # a list's labels read in C from the session's facts: a citation costs a step per label, not a pass
        self.cites: Cites = lambda kids: self.session.facts(kids).cites
        first.anchors.cites = self.cites

    def takes(self, proposal: Proposal, into: str) -> bool:
        """Whether new items ``into=`` the address ``into`` go into one of the lists (lists joined now, if need be)."""
        if self.stale:
            now = self._into_now(into)
            if now is None:
                joined = self._join_now(into, True)
                now = joined[-1][0] if joined else None
            if now is None:
                return False
            now.into, self.intos = into, {into: now}  # (the address of the list now: one by one reads it so)
            return True
        if into in self.intos:
            return True
        order = self.by_parent.get(id(lookup(proposal, into, self.cites)))
        if order is None:
            joined = self._join(into, True)
            order = joined[-1][0] if joined else None
            if order is None or not order.takes(proposal, into):
                self._undo(joined)
                joined = self._join_now(into, True)  # through an item the run changed: read as it stands
                if not joined:
                    return False
                joined[-1][0].into, self.intos = into, {into: joined[-1][0]}
                return True
        elif not self.fresh(order).takes(proposal, into):
            return False
        self.intos[into] = order
        return True

    def _which(self, address: str | None) -> tuple[Order, int] | None:
        """The order holding the live item ``address`` cites, and its rank there (None: none, none joined)."""
        address = (address or "").strip()
        order = self._owner(address)
        at = self.fresh(order).rank(address) if order is not None else None
        if order is not None and at is not None:
            return order, at
        if not self.stale:
            joined = self._join(address, False)
            at = joined[-1][0].rank(address) if joined else None
            if at is not None:
                return joined[-1][0], at
            self._undo(joined)
        joined = self._join_now(address, False)  # through an item the run changed: read as it stands (stale)
        at = joined[-1][0].rank(address) if joined else None
        if at is not None:
            return joined[-1][0], at
        self._undo(joined)
        return None

    def _owner(self, address: str) -> Order | None:
        """The one order that may read ``address`` as one of its items, as its anchors read it
        (:class:`~itu_nb.amendments.anchors._Anchors`): a path by its parent's path, a citation by the list its labels
        but the last lead to in the text (read once per address, not once per list joined).
        """
        if "/" in address:
            return self._prefixes().get(address.rpartition("/")[0])
        if self.stale:
            cited = self._cite_now(address)
            return self.by_parent.get(id(cited[0])) if cited is not None else None
        if address not in self._lists:
            self._lists[address] = self._cited_list(address)
        return self.by_parent.get(id(self._lists[address]))

    def _cited_list(self, address: str) -> Clause | None:
        """The clause whose children the citation ``address`` names one of, in the text (None: no such)."""
        cited = cited_list(self.proposal, address, self.cites)
        return cited[0] if cited is not None else None

    # -- reading addresses through holders whose labels changed ------------------------------------------
    def _now(self, node: Clause, tokens: Sequence[str]) -> Clause | None:
        """The clause the labels ``tokens`` lead to from ``node``, as :func:`~itu_nb.amendments.anchors.cited_list`
        reads them, with the pending lists as they stand now: a label among a list's live items names the one
        carrying it now, which must be a holder or an item of the text no operation has changed (else None: the
        run ends).
        """
        for token in tokens:
            order = self.by_parent.get(id(node))
            if order is None:  # a clause outside the pending lists: as the text has it
                step = _child(node, token, "amended", self.cites)
                if not step:
                    return None
                node = step[0]
                continue
            self.fresh(order)
            at = order.index_of.get(bare(token))
            if at is None or at >= len(order.entries) or order.entries[at][0] != "old":
                return None
            c = order.entries[at][1]
            if id(c) not in self.by_parent and (order.touched[at] or order.path(at) != c.path):
                return None
            node = c
        return node

    def _cite_now(self, address: str) -> tuple[Clause, str] | None:
        """:func:`~itu_nb.amendments.anchors.cited_list` of ``address`` with the pending lists as they stand now."""
        cited = cited_section(self.proposal, address)
        node = self._now(cited[0], cited[1][:-1]) if cited is not None else None
        return (node, cited[1][-1]) if node is not None and cited is not None else None

    def _into_now(self, into: str) -> Order | None:
        """The order of the list the address ``into`` names now (None: none, or not read so)."""
        into = into.strip()
        prefixes = self._prefixes() if "/" in into else self.by_prefix  # (a list inside an item: a path with a /)
        if into in prefixes:  # a path: the holder (or the first list's parent) at it now
            return prefixes[into]
        if "/" in into:
            return None
        cited = cited_section(self.proposal, into)
        if cited is not None:
            node = self._now(*cited)
        else:  # a section by its name: no list holds it
            node = lookup(self.proposal, into, self.cites)
            node = node if any(node is c for c in self.proposal.clauses) else None
        return self.by_parent.get(id(node)) if node is not None else None

    def _go_stale(self) -> None:
        """From now on read addresses through the lists as they stand (a holder changed: see the module)."""
        self.stale = True
        for o in self.orders:
            o.anchors.cite = self._cite_now
        self.intos, self._lists = {}, {}

    def _follow(self, order: Order) -> None:
        """After an operation on ``order``'s list: the nest stale if it changed a holder (the lists inside the holders
        take the paths they have now when next read, :meth:`~itu_nb.amendments.joins.Joins.fresh`).
        """
        if order.hranks:
            self._lazy = True
            if not self.stale and any(order.touched[r] for r, _ in order.hranks):
                self._go_stale()

    def _target(self, op: InsertClause | MoveClause) -> Order | None:
        """The order ``op`` puts its item into (None: none)."""
        if op.into is not None:
            into = self.intos.get(op.into)
            return self.fresh(into) if into is not None else None
        found = self._which(op.after or op.before)
        return found[0] if found is not None else None

    def insert(self, op: InsertClause) -> bool:
        """Apply a new item in one of the lists, as one by one; False: not as a run can (nothing changed)."""
        if len(self.orders) == 1 and self.root.insert(op):  # one list so far: the address read once
            return True
        target = self._target(op)
        if target is None or not target.insert(op):
            return False
        self._follow(target)
        return True

    def delete(self, op: DeleteClause) -> bool:
        """Strike an item of one of the lists, as one by one; False: not as a run can (nothing changed)."""
        if len(self.orders) == 1 and self.root.delete(op):
            return True
        found = self._which(op.at)
        if found is None:
            return False
        if found[0].holds(found[1]):
            self._free(found[0], found[1])
        if not found[0].delete(op):
            return False
        self._follow(found[0])
        return True

    def move(self, op: MoveClause) -> bool:
        """Move an item within one of the lists or between two, as one by one; False: not as a run can (nothing
        changed).
        """
        if len(self.orders) == 1 and self.root.move(op):
            return True
        found = self._which(op.at)
        target = self._target(op) if found is not None else None
        if found is None or target is None:
            return False
        source, s = found
        if source.holds(s):  # the holder moved: its lists settled into it first, unless it goes into one of them
            if target in self._inside(source, s):
                return False
            self._free(source, s)
        if source is target:
            if not source.move(op):
                return False
            self._follow(source)
            return True
        return self._across(op, source, s, target)

    def _across(self, op: MoveClause, source: Order, s: int, target: Order) -> bool:
        """Move the live item at rank ``s`` of ``source`` into another list, ``target``, where ``op`` says (see the module)."""
        q = target._where(op, None)  # read before the original is struck, as one by one reads it
        if q is None or source.holds(s) or len(source.entries) < 2:
            return False
        n = len(target.entries)
        rank = q - target.struck.before(q)
        if not target.admits(rank, n):
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
        source._settle(None)
        self._follow(source)  # the strike may have changed a holder's path: the target's list may be inside it
        self.fresh(target)
        if gone is not None:  # the struck original keeps its identity: the copy is a newcomer
            copy = newcomer(copy, {x.key for x in gone.walk()})
        placed_at = target._enter(q, ("copy", copy))
        assert placed_at == rank
        target.touched[rank + 1 :] = _BOTH * (len(target.entries) - rank - 1)
        path = target.path(rank)
        placed = dataclasses.replace(copy, path=path, uid=copy.uid, children=_repath(copy.children, copy.path, path))
        target.entries[rank] = ("copy", session.own_keys(placed))
        target._settle(rank)
        self._follow(target)
        return True

    # -- a holder struck or moved ---------------------------------------------------------------------------
    def _inside(self, order: Order, r: int) -> list[Order]:
        """The orders of the lists inside the holder at rank ``r`` of ``order`` (and inside their items)."""
        out, todo = [], [self.by_parent[order.hranks.id_at(r)]]
        while todo:
            inner = todo.pop()
            out.append(inner)
            todo += (self.by_parent[k] for _, k in inner.hranks)
        return out

    def _free(self, order: Order, r: int) -> None:
        """Settle the lists inside the holder at rank ``r`` of ``order`` into it, as one by one has it now, and forget
        them: the holder is then a live item as any other, which an operation may strike or move (its entry
        ``"done"``: :meth:`Order.current <itu_nb.amendments.order.Order.current>` gives it as it stands; the operation
        takes it out of the list at once).  An address into those lists is then read from the text again: a join
        through the holder, struck or moved, fails (:meth:`_hold`), and the run ends there.
        """
        holder = order.entries[r][1]
        order.entries[r] = ("done", self._settled(order, id(holder), r, True))
        order.unhold(holder)

    def _settled(self, order: Order, hid: int, r: int, forget: bool) -> Clause:
        """The holder ``hid`` (an id), at rank ``r`` of ``order``, with its lists as the operations leave them, the
        innermost first: as one by one has it now, relabelled and repathed as the run left it (its lists already at
        the paths it has now: :meth:`Order.reprefix <itu_nb.amendments.order.Order.reprefix>`).  ``forget``: their
        orders are forgotten (mid-run; at the end, :meth:`settle`, they are read no more).
        """
        inner = self.by_parent[hid]
        self._take(order, r, inner)
        for k, x in list(inner.holders.items()):
            inner.entries[x] = ("done", self._settled(inner, k, x, forget))
        kids = inner.children()
        if forget:
            inner.hranks = HolderRanks()
            self.orders.remove(inner)
            del self.by_parent[hid], self.up[id(inner)]
            self._lazy = True  # (by_prefix made again when next read, without it)
            self._firsts.pop(id(inner), None)
            self.intos = {k: o for k, o in self.intos.items() if o is not inner}
        return dataclasses.replace(order.current(r), children=kids)

    def settle(self, p: Proposal) -> Proposal:
        """``p`` with the lists as the operations leave them: each list inside an item into its holder, then the list
        holding that item, from the innermost out (:meth:`_settled`), and the root's list into ``p``, once.
        """
        root = self.root
        for hid, r in list(root.holders.items()):
            root.entries[r] = ("done", self._settled(root, hid, r, False))
        return root.settle(p)


def list_run(
    session: Session, proposal: Proposal, ops: Sequence[Any], author: str | None, date: str, words: Words | None = None
) -> tuple[Proposal, int]:
    """Apply the longest leading part of ``ops`` (:func:`mixes`) that edits simple lists joined through the items
    holding them (:class:`Nest`; the list of the first operation first), at once.  With ``words``, edits of words
    of the first list's items join the run while no other list has joined (:mod:`~itu_nb.amendments.order_words`).

    Returns the edited proposal and the number of operations applied (none: apply the first one by one).
    """
    if not mixes(ops[0]):
        return proposal, 0
    parent = parent_for(proposal, ops[0])
    if parent is None or not parent.children:
        return proposal, 0
    session.begin(proposal)
    first = Order(session, proposal, parent, author, date)
    if not first.ok:
        return proposal, 0
    order = Nest(proposal, first)
    done = 0
    for op in ops:
        if type(op) in WORDS:
            if words is None or len(order.orders) > 1 or not edit(order.root, op, words):
                break
            done += 1
            continue
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
