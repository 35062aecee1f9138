"""The keys the clauses of a text hold, kept while one run of edits changes it, so that a new clause gets the key
:func:`~itu_nb.amendments.relettering.repath` would give it (its path, or ``"<key>+2"``, ``"<key>+3"``… when another
clause holds that) without a walk of the text per edit (:class:`Keys`, the part of
:class:`~itu_nb.amendments.lists.Session` that gives keys).
"""

from __future__ import annotations

import dataclasses

from itu_nb.model import Clause, Proposal

__all__ = ["Keys"]


class Keys:
    """The keys of a text's clauses (read once by :meth:`begin`, then kept up to date by the edits)."""

    def __init__(self) -> None:
        self._keys: set[str] | None = None
        self._next: dict[str, int] = {}  # key -> the n of "<key>+n" last given (the search resumes there)

    def begin(self, p: Proposal) -> None:
        """Before an edit of ``p``: know the keys its clauses hold (read once, then kept up to date)."""
        if self._keys is None:
            self._keys = {n.key for n in p.walk()}
            self._next.clear()

    def forget_keys(self, keys) -> None:
        """Keys of clauses an edit removed altogether (an insertion deleted again)."""
        if self._keys is not None:
            self._keys.difference_update(keys)
            for key in keys:  # a freed "<key>+n" may be given again: the search for "<key>+…" resumes at n
                base, plus, n = key.rpartition("+")
                if plus and n.isdigit() and base in self._next:
                    self._next[base] = min(self._next[base], int(n))

    def claim_key(self, key: str, reserved: frozenset[str] | set[str] = frozenset(), taken: bool = False) -> str:
        """``key``, or ``"<key>+2"``, ``"<key>+3"``… when a clause holds it: the first free one, now taken.

        ``reserved`` are keys no clause holds yet but one of the clause being placed will (a moved
        subtree's identities, :meth:`_own_keys`): ``"<key>+n"`` skips them too, and ``taken`` says
        that ``key`` itself is one of them.  Keys are only added between two :meth:`forget_keys`, so
        the search for ``"<key>+n"`` resumes where the last one for ``key`` stopped (1,000 new items
        at the head of a list all read ``a)`` first: the search stays linear in all).
        """
        keys = self._keys
        assert keys is not None, "Session.begin() before the edit"
        if taken or key in keys:
            n = self._next.get(key, 2)
            while f"{key}+{n}" in keys or f"{key}+{n}" in reserved:
                n += 1
            self._next[key] = n
            key = f"{key}+{n}"
        keys.add(key)
        return key

    def _own_keys(self, c: Clause) -> Clause:
        """A new clause (and its subtree) with keys no other clause holds (``"<key>+2"``…).

        A key the subtree holds as a ``uid`` (an identity a
        moved copy keeps: a sub-item that moved there earlier, whose struck original went altogether)
        wins over a key the subtree's clauses read from their paths, as in
        :func:`~itu_nb.amendments.relettering.repath`: a copy at ``considering/a`` whose sub-item is
        ``considering/a+2`` becomes ``considering/a+3`` and the sub-item keeps its key (claimed in the
        walk's order, the parent would take ``+2`` and push the sub-item to ``+2+2``).
        """
        reserved = {n.uid for n in c.walk() if n.uid is not None}
        return self._own(c, reserved)

    def _own(self, c: Clause, reserved: set[str]) -> Clause:
        key = self.claim_key(c.key, reserved, c.uid is None and c.key in reserved)
        if key != c.key:
            c = dataclasses.replace(c, uid=key)
        kids = tuple(self._own(k, reserved) for k in c.children)
        return dataclasses.replace(c, children=kids) if kids != c.children else c

    def own_keys(self, c: Clause) -> Clause:
        """A new clause with keys no other clause holds, as :meth:`Session.repath <itu_nb.amendments.lists.Session.repath>` gives them (see :meth:`_own_keys`)."""
        return self._own_keys(c)

    def has_key(self, key: str) -> bool:
        """Whether a clause of the text holds ``key`` (after :meth:`begin`)."""
        assert self._keys is not None, "Session.begin() before the edit"
        return key in self._keys
