"""Joining a list to the lists a run keeps pending together (:class:`~itu_nb.amendments.sublists.Nest`): the list an
address reaches, and the lists between it and those already joined, each inside a *holder* (a live item of a joined
list that no operation of the run has changed so far), or holding the item the first list is inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from itu_nb.amendments.addressing import Cites, _child, _walk, bare, cited_section, lookup, parent_of
from itu_nb.amendments.lists import Session
from itu_nb.amendments.order import AWAY, Order
from itu_nb.amendments.touched import REPATHED
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, Proposal

__all__ = ["Joins"]


class Joins:
    """What :class:`~itu_nb.amendments.sublists.Nest` knows of the lists joined so far, and how a list joins."""

    session: Session
    proposal: Proposal
    author: str | None
    date: str
    orders: list[Order]
    root: Order
    by_parent: dict[int, Order]
    by_prefix: dict[str, Order]
    up: dict[int, tuple[Order, Clause]]
    _firsts: dict[int, dict[int, int]]
    cites: Cites
    stale: bool
    _lazy: bool
    #: id(clause) -> its parent, for every clause of the text (:meth:`_parent`), once joins have climbed enough
    _ups: dict[int, Clause | None] | None = None
    _climbs = 0  # the climbs made by descending the text's paths so far

    def _parent(self, c: Clause) -> Clause | None:
        """The parent of ``c``, a clause of the text (None: the top level): by its path (:func:`parent_of`, a pass over
        each list on the way) for the first few, then from a map of the whole text, made once (a thousand joins of
        sub-lists of one long list each read it in one step, not a pass over the list).
        """
        if self._ups is None:
            self._climbs += 1
            if self._climbs <= 64:
                return parent_of(self.proposal, c.path)
            self._ups = {id(k): parent for k, parent in _walk(self.proposal.clauses)}
        if id(c) in self._ups:
            return self._ups[id(c)]
        return parent_of(self.proposal, c.path)

    # -- the lists inside holders at the paths their holders have now --------------------------------------------
    def fresh(self, order: Order) -> Order:
        """``order``, its list at the path its holder has now, and so each list holding it (the outermost first).

        One by one repaths a holder's list with the holder whenever an operation changes the holder's path.  Here an
        operation only flags each holder whose path it changed (:data:`~itu_nb.amendments.order.AWAY`, set with
        REPATHED over the ranks it changed, in C); the list inside takes the path when it is next read
        (:meth:`_take`), at the cost of its own items, not at every operation on the list holding it: a deletion
        before 500 holders of one list no longer repaths 500 lists.
        """
        link = self.up.get(id(order))
        if link is not None:
            holding, holder = link
            self._take(self.fresh(holding), holding.hranks.rank_of(id(holder)), order)
        return order

    def _take(self, holding: Order, r: int, inner: Order) -> None:
        """The list of ``inner`` at the path of its holder, at rank ``r`` of ``holding`` (read now), as the operations
        since it last took one leave it: at the new path (:meth:`Order.reprefix
        <itu_nb.amendments.order.Order.reprefix>`), or away and back when the path came back to the one it had.

        Taking the last path at once gives what taking each in turn gives: an item's path is then the last prefix's,
        and a path that changed leaves the first as the item's uid (:func:`~itu_nb.amendments.touched._moved`),
        whichever paths came between.
        """
        flags = holding.touched[r]
        path = holding.path(r)
        if not flags & AWAY and path == inner.prefix:
            return
        holding.touched[r] = flags & ~AWAY
        if path == inner.prefix:
            inner.reprefix(path + "\0")  # (away and back: its items keep their paths as uids)
        inner.reprefix(path)
        self._lazy = True

    def _prefixes(self) -> dict[str, Order]:
        """``by_prefix``, every list at the path its holder has now (made again when an operation may have changed one)."""
        if self._lazy:
            todo = [self.root]
            while todo:
                holding = todo.pop()
                for r, hid in holding.hranks:
                    inner = self.by_parent[hid]
                    self._take(holding, r, inner)
                    todo.append(inner)
            self.by_prefix = {o.prefix: o for o in self.orders}
            self._lazy = False
        return self.by_prefix

    if TYPE_CHECKING:  # Nest's (a Joins is always a Nest): declared for the type checker only

        def _cite_now(self, address: str) -> tuple[Clause, str] | None: ...

        def _go_stale(self) -> None: ...

    def _join(self, address: str, into: bool) -> list[tuple[Order, Order, Clause]]:
        """Join the list ``address`` names (``into``) or names an item of, and the lists between it and the others: each
        the list inside a live item of a joined list that no operation has changed, or the list holding the item the
        root order's list is inside.  Returns what each join did, the order of the list named last (empty: the list
        is not so, nothing joined).
        """
        p = self.proposal
        node = lookup(p, address, self.cites)
        if node is None:
            return []
        try:
            steps = self._steps(node, into)
        except ItuNbError:
            return []
        done: list[tuple[Order, Order, Clause]] = []
        for parent, above in steps:
            one = self._join_one(parent, above)
            if one is None:
                self._undo(done)
                return []
            done.append(one)
        return done

    def _steps(self, node: Clause, into: bool) -> list[tuple[Clause, Clause | None]]:
        """The lists to join, in order, for the list ``node`` is (``into``) or is an item of: each as its parent, and
        the parent of the joined list holding it (None: the list holding the item the root order's list is inside).
        """
        first = node if into else self._parent(node)
        up: list[Clause] = []  # the list's parent, and its ancestors up to a joined list's parent
        while first is not None and id(first) not in self.by_parent:
            up.append(first)
            first = self._parent(first)
        if first is not None:  # under a joined list: the lists from there down
            return [(c, ([*up[1:], first])[i]) for i, c in reversed(list(enumerate(up)))]
        rooted = [self.root.parent]  # under none: the lists from the root's up to the first ancestor of both
        seen = {id(c): i for i, c in enumerate(up)}
        while id(rooted[-1]) not in seen:
            above = self._parent(rooted[-1])
            if above is None:
                return []
            rooted.append(above)
        up = up[: seen[id(rooted[-1])]]
        return [(c, None) for c in rooted[1:]] + [
            (c, ([*up[1:], rooted[-1]])[i]) for i, c in reversed(list(enumerate(up)))
        ]

    def _join_one(self, parent: Clause, above: Clause | None) -> tuple[Order, Order, Clause] | None:
        """Join the list of ``parent``'s children: inside an item of the list of ``above`` (joined), or (None) holding
        the item the root order's list is inside.  Returns the order, the order whose item holds a list joined so
        and that item (None: not so, nothing changed).
        """
        if id(parent) in self.by_parent:
            return None
        order = Order(self.session, self.proposal, parent, self.author, self.date)
        if not order.ok:
            return None
        order.anchors.cites = self.cites
        if above is not None:  # the list inside the item ``parent`` of an order's list
            holding, held, holder = self.fresh(self.by_parent[id(above)]), order, parent
        else:  # the list holding the item the root order's list is inside
            holding, held, holder = order, self.root, self.root.parent
        if not self._hold(holding, holder):
            return None
        self.up[id(held)] = holding, holder
        self.root = holding if held is self.root else self.root
        self.orders.append(order)
        self.by_parent[id(parent)] = order
        self.by_prefix[order.prefix] = order
        return order, holding, holder

    def _undo(self, joined: list[tuple[Order, Order, Clause]]) -> None:
        """Forget lists joined for an operation that then did not apply (the last joined first)."""
        for order, holding, holder in reversed(joined):
            holding.unhold(holder)
            self.orders.remove(order)
            del self.by_parent[id(order.parent)]
            if self.by_prefix.get(order.prefix) is order:
                del self.by_prefix[order.prefix]
            if holding is order:  # joined as the root
                self.root = next(o for o in self.orders if id(o) in self.up and self.up[id(o)][0] is order)
                del self.up[id(self.root)]
            else:
                del self.up[id(order)]

    def _hold(self, order: Order, holder: Clause) -> bool:
        """Make ``holder``, an item of ``order``'s list, a holder no operation of the run strikes or moves (False: it is
        not a live item unchanged so far at the path the rules give it).
        """
        firsts = self._firsts.get(id(order))
        if firsts is None:
            firsts = self._firsts[id(order)] = {id(e[1]): e[2] for e in order.entries if e[0] == "old"}
        r = firsts.get(id(holder))
        if r is None or r >= len(order.entries) or order.entries[r][1] is not holder or order.touched[r]:
            return False
        if order.path(r) != holder.path:  # (at "#2" after a struck item holding its label: the list follows it)
            return False
        order.hold(holder, r)
        return True

    # -- joining with the lists as they stand now ---------------------------------------------------------------
    def _join_now(self, address: str, into: bool) -> list[tuple[Order, Order, Clause]]:
        """Join the list the citation ``address`` names (``into``) or names an item of, read with the lists as they
        stand now (:meth:`~itu_nb.amendments.sublists.Nest._now`), when the way there leaves the joined lists at a live
        item of the text that holds no joined list, changed or not, and goes on through the text below it: the list
        inside that item, and each list on from there.  Returns what each join did, as :meth:`_join` (empty: nothing
        joined), and makes the nest stale (the text reads no address through a changed item).

        The item's own sub-list is as the text has it (no operation of the run reached it), at the path the item has
        now: its order takes that path (:meth:`Order.reprefix <itu_nb.amendments.order.Order.reprefix>`), as one by
        one repaths the sub-list with the item, twice when the item's path changed and came back (its sub-items then
        keep their paths as uids, :func:`~itu_nb.amendments.touched._moved`).  So each list below it, its items
        repathed so.
        """
        cited = cited_section(self.proposal, address.strip())
        if cited is None:
            return []
        node, tokens = cited
        chain: list[tuple[Order, int, Clause] | Clause] = []  # the holders on the way (the first with its order, rank)
        for token in tokens if into else tokens[:-1]:
            order = None if chain else self.by_parent.get(id(node))
            if order is None:  # above the joined lists, or below the item the way leaves them at: as the text has it
                step = _child(node, token, "amended", self.cites)
                if not step:
                    return []
                node = step[0]
                if chain:
                    chain.append(node)
                continue
            at = self.fresh(order).index_of.get(bare(token))
            if at is None or at >= len(order.entries) or order.entries[at][0] != "old":
                return []
            node = order.entries[at][1]
            if id(node) not in self.by_parent:
                chain.append((order, at, node))
        if not chain:
            return []
        done: list[tuple[Order, Order, Clause]] = []
        for link in chain:
            if isinstance(link, tuple):
                holding, at, holder = link
            else:  # an item of the list joined last, which took the path its holder has now
                holding, holder = done[-1][0], link
                at = next((j for j, e in enumerate(holding.entries) if e[1] is holder and e[0] == "old"), -1)
            inner = Order(self.session, self.proposal, holder, self.author, self.date) if at >= 0 else None
            if inner is None or not inner.ok or holding.holds(at):
                self._undo(done)
                return []
            inner.anchors.cites = self.cites
            path = holding.path(at)
            if holding.touched[at] & REPATHED or path != holder.path:
                if path == holder.path:
                    inner.reprefix(path + "\0")  # (away and back: its items keep their paths as uids)
                inner.reprefix(path)
            holding.touched[at] &= ~AWAY  # (the list took the path the holder has now)
            holding.hold(holder, at)
            self.up[id(inner)] = holding, holder
            self.orders.append(inner)
            self.by_parent[id(holder)] = inner
            self.by_prefix[inner.prefix] = inner
            done.append((inner, holding, holder))
        if not self.stale:
            self._go_stale()
        for joined, _, _ in done:
            joined.anchors.cite = self._cite_now
        return done
