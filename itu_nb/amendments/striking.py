"""Runs of clauses struck from their own list, applied at once: each strike costs O(1), the run its list once.

``Delete resolves 13`` repeated 500 times strikes the 13th item, then the item relettered 13 in its
place, and so on: one by one (:meth:`_Editor.delete_clause <itu_nb.amendments.editor>`), each strike
reletters every item after it and repaths the list, quadratic in all.  So does ``Move resolves 13
before considering a)`` on its source side.  Here the source list stays *pending* during a run
(:class:`~itu_nb.amendments.pending.Pending`): the text keeps the list as it was, an address such as
``resolves 13`` is read against the list's pending order (the live items labelled from the first label
on), each struck item is built in constant time, and the list is relettered and repathed once, when the
run ends.  This holds on a *simple* list (:mod:`itu_nb.amendments.simple_lists`: its items labelled
from the first label on, with struck items, paragraphs and bullets among them where they keep their
paths); :mod:`itu_nb.amendments.pending` says why the run gives what one by one gives, for strikes,
addresses by path and edits of words (:data:`~itu_nb.amendments.pending.WORDS`).  :class:`Sources`
holds a run's pending lists and reads each address against them.

The result is the one the operations give one by one, field for field (the property tests in
``tests/test_amend_linear.py`` and ``tests/test_hostile_more.py`` compare them).  An address read any
other way (another list, a label no live item has, a struck item, a sub-item of the list's items)
ends the run: the list is settled, and the caller applies the operation one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from itu_nb.amendments.addressing import _child, bare, cited_section, find_path
from itu_nb.amendments.lists import Session, _apart
from itu_nb.amendments.operations import DeleteClause
from itu_nb.amendments.pending import WORDS, Pending, Words
from itu_nb.amendments.simple_lists import simple_apart
from itu_nb.model import Clause, NodeKind, Proposal

__all__ = ["Sources", "strike_run"]


class Sources:
    """The lists a run strikes from, pending (:class:`Pending`); none holds another, nor the run's own list."""

    def __init__(self, session: Session, apart_from: str | None = None) -> None:
        self.session, self.apart_from = session, apart_from
        self.lists: dict[str, Pending] = {}
        self._refused: set[str] = set()

    def covers(self, path: str) -> bool:
        """Whether ``path`` is inside a pending list (a clause whose address the text no longer gives right)."""
        return any(path.startswith(prefix + "/") for prefix in self.lists)

    def find(self, p: Proposal, address: str) -> tuple[Pending, int] | None:
        """The pending list and index of the live item ``address`` cites in ``p`` (the text, its pending lists
        as they were), or None: not read so (see the module).
        """
        address = address.strip()
        if "/" in address:
            return self._by_path(p, address)
        if find_path(p, address) is not None:
            return None
        cited = cited_section(p, address)
        if cited is None:
            return None
        node, tokens = cited
        for token in tokens[:-1]:
            if node.path in self.lists or self.covers(node.path):
                return None  # a sub-item of a pending list's item: its list reads as it was
            step = _child(node, token, "amended")
            if not step:
                return None
            node = step[0]
        pending = self._pending(p, node)
        if pending is None:
            return None
        i = pending.index(bare(tokens[-1]))
        return (pending, i) if i is not None else None

    def _by_path(self, p: Proposal, address: str) -> tuple[Pending, int] | None:
        """:meth:`find` of an address by path: an item of a list, pending or not yet (:meth:`Pending.at`)."""
        prefix, _, component = address.rpartition("/")
        pending = self.lists.get(prefix)
        if pending is None:
            if self.covers(address) or find_path(p, address) is None:
                return None  # inside a pending list's item, or no such clause: one by one
            parent = find_path(p, prefix)
            pending = self._pending(p, parent) if parent is not None else None
            if pending is None:
                return None
        i = pending.at(component)
        return (pending, i) if i is not None else None

    def _pending(self, p: Proposal, parent: Clause) -> Pending | None:
        prefix = parent.path
        if prefix in self.lists:
            return self.lists[prefix]
        if prefix in self._refused or parent.kind is NodeKind.FOOTNOTE:
            return None
        others = [*self.lists, *([self.apart_from] if self.apart_from is not None else [])]
        if any(o == prefix or not _apart([prefix, o]) for o in others) or find_path(p, prefix) is not parent:
            self._refused.add(prefix)
            return None
        simple = simple_apart(self.session, parent)
        if simple is None:
            self._refused.add(prefix)
            return None
        self.lists[prefix] = Pending(parent, simple)
        return self.lists[prefix]

    def settle(self, p: Proposal, author: str | None, date: str) -> Proposal:
        """``p`` with every pending list settled (:meth:`Pending.settle`), in any order: repathing them claims no key."""
        for pending in self.lists.values():
            p = pending.settle(self.session, p, author, date)
        self.lists.clear()
        return p


def strike_run(
    session: Session,
    proposal: Proposal,
    ops: Sequence[Any],
    author: str | None,
    date: str,
    words: Words | None = None,
) -> tuple[Proposal, int, bool]:
    """Apply the longest leading run of :class:`~itu_nb.amendments.operations.DeleteClause` operations that
    strike live items of simple lists, at once.

    Returns the edited proposal, the number of operations applied (none: the caller applies the first
    one by one, and tries a run again from the next), and True.
    """
    session.begin(proposal)
    sources = Sources(session)
    done = 0
    for op in ops:
        if not isinstance(getattr(op, "at", None), str) or (type(op) is not DeleteClause and type(op) not in WORDS):
            break
        found = sources.find(proposal, op.at)
        if found is None:
            break
        pending, i = found
        if type(op) is DeleteClause:
            pending.strike(session, i, pending.current(i, author, date), author, date)  # what is left stays in it
        else:
            edited = pending.edit(session, proposal, i, op, words, author, date) if words is not None else None
            if edited is None:
                break
            proposal = edited
        done += 1
    return sources.settle(proposal, author, date), done, True
