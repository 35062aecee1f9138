"""One simple list a run strikes from, kept as it was in the text until the run ends (:class:`Pending`).

During a run of strikes (:mod:`itu_nb.amendments.striking`) the text keeps the list as it was; an address
such as ``resolves 13`` is read against the list's pending order (the live items labelled from the first
label on), each struck item is built in constant time, and the list is relettered and repathed once, when
the run ends (:meth:`Pending.settle`).  On a simple list (:mod:`itu_nb.amendments.simple_lists`):

- a live item's label after any number of strikes is ``labels[j]`` for its place ``j`` among the
  live items, and its label runs are ``set_label(original, labels[j])`` (a chain of relabels gives
  what one relabel from the original label to the last gives);
- an item struck when labelled ``L`` is, one by one, the original relabelled ``L``, repathed there if
  that changed its label (its path then becomes its ``uid``, and its sub-items' paths theirs), and
  struck (:func:`~itu_nb.amendments.wording.delete_node`); the list's repath puts it back at the path
  of its original label, which no other item can hold (the live items before it are labelled below
  it, the struck ones by their own original labels);
- no key is claimed while a list of the original text is repathed, so striking now and repathing
  later claims the keys of moved copies in the order one by one claims them; the keys of an item
  that goes altogether (an insertion) are freed when it is struck, as one by one.

An address by path (``resolves/13#2``, as the viewer names a clause) is read against the pending list
too (:meth:`Pending.at`): one by one, each repath gives a struck item the component of its original
label and the live item labelled ``L`` the component ``L``, or ``L#2`` when a struck item before it
holds ``L``.

An edit of words (``In resolves 2, add "…" at the end``, :data:`WORDS`) addressed to a live item of a
pending list joins the run (:meth:`Pending.edit`): it changes the item's runs, never its label runs,
and relettering changes the label runs only, so it is made on the item where the text still has it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from itu_nb.amendments.addressing import find_path
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import InsertWords, ReplaceWords
from itu_nb.amendments.relettering import _repath, set_label
from itu_nb.amendments.simple_lists import Simple, component_of
from itu_nb.amendments.wording import delete_node, map_children
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, Proposal

__all__ = ["WORDS", "Pending", "Words"]

#: Edits of words that join a run of strikes when they edit a live item of a pending list (:meth:`Pending.edit`).
WORDS = (ReplaceWords, InsertWords)

#: Makes an edit of words as one by one makes it: ``words(session, p, op, author, date)`` gives the edited
#: text (:func:`itu_nb.amendments.edits` supplies it, through :class:`~itu_nb.amendments.inserting.Runs`).
Words = Callable[[Session, Proposal, Any, Any, str], Proposal]


class Pending:
    """One simple list whose items a run strikes, kept as it was in the text until :meth:`settle`."""

    def __init__(self, parent: Clause, simple: Simple) -> None:
        self.parent, self.simple = parent, simple
        self.prefix = parent.path
        self.kids = simple.every[simple.lead :]
        # the indices (in kids) of the live items, in order; the struck ones stay as they are
        self.live = [i for i, x in enumerate(simple.facts.exists) if x]
        self._was = {i: j for j, i in enumerate(self.live)}  # index in kids -> its place among the live at first
        self.struck: dict[int, Clause | None] = {}  # index in kids -> what is left of it (None: nothing)
        self._place = {x: j for j, x in enumerate(simple.labels)}
        # the path component of each struck item (its original label's) -> its index in kids, and whether
        # every path of the list reads as :meth:`at` reads it (else an address by path ends the run)
        self._struck_at: dict[str, int] = {}
        self._paths = self._read_paths()

    def _read_paths(self) -> bool:
        originals = [component_of(c.label_in("original") or "") for c in self.kids]
        known = [x for x in originals if x is not None]
        if len(set(known)) != len(known):
            return False  # two items of the original text labelled alike: their paths take "#n" by order
        j = 0
        for i, c in enumerate(self.kids):
            if i not in self._was:
                comp = originals[i]
                if comp is None:  # a paragraph or bullet among the items (simple_apart): at a path no label gives
                    continue
                if c.path != f"{self.prefix}/{comp}":
                    return False
                self._struck_at[comp] = i
                continue
            label = self.simple.labels[j]
            j += 1
            if c.path != f"{self.prefix}/{label}" + ("#2" if label in self._struck_at else ""):
                return False
        return True

    def at(self, component: str) -> int | None:
        """The index in ``kids`` of the live item at path ``prefix/component`` now (None: none is, or not known).

        One by one, a repath gives each struck item the component of its original label (no live item
        before it is labelled so: they are relettered down only), and the live item labelled ``L`` the
        component ``L``, or ``L#2`` when a struck item before it holds ``L``.
        """
        if not self._paths:
            return None
        label, mark, n = component.partition("#")
        j = self._place.get(label)
        if (mark and n != "2") or j is None or j >= len(self.live):
            return None
        i = self.live[j]
        s = self._struck_at.get(label)
        return i if (s is not None and s < i) == bool(mark) else None

    def index(self, label: str) -> int | None:
        """The index in ``kids`` of the live item labelled ``label`` now (None: no live item is)."""
        # the live items are labelled labels[0], labels[1]…: the j-th label names the j-th live item
        j = self._place.get(label)
        return self.live[j] if j is not None and j < len(self.live) else None

    def current(self, i: int, author: str | None, date: str) -> Clause:
        """The item ``kids[i]`` (live) as one by one has it now: relabelled, and repathed if that changed its label."""
        orig = self.kids[i]
        label = self.simple.labels[self.live.index(i)]
        if label == self.simple.labels[self._was[i]]:
            return orig
        c = set_label(orig, label, author, date)
        away = f"{orig.path}#0"  # any other path: one by one repaths the item when its label changes
        uid = orig.uid if orig.uid is not None else orig.path
        return dataclasses.replace(c, path=away, uid=uid, children=_repath(orig.children, orig.path, away))

    def edit(
        self, session: Session, p: Proposal, i: int, op: Any, words: Words, author: str | None, date: str
    ) -> Proposal | None:
        """``p`` with the words of the live item ``kids[i]`` edited by ``op`` (:data:`WORDS`), or None: not so.

        An edit of words changes the item's runs (and the artefacts on them), never its label or path,
        and relettering changes its label runs only: so it is made on the item as the text still has it
        (at its path there), and the item is relettered at :meth:`settle` as one by one reletters it.  An
        edit that fails (words not there…) is left to one by one, which words the error with the item's
        label and path as they are then.  ``words`` makes the edit (:data:`Words`).
        """
        try:
            edited = words(session, p, dataclasses.replace(op, at=self.kids[i].path), author, date)
        except ItuNbError:
            return None
        parent = find_path(edited, self.prefix)
        assert parent is not None
        every = parent.children
        self.simple = self.simple._replace(every=every)
        self.kids = every[self.simple.lead :]
        return edited

    def strike(
        self, session: Session, i: int, node: Clause, author: str | None, date: str, moved: bool = False
    ) -> Clause | None:
        """Strike the live item ``kids[i]``, which reads ``node`` now (:meth:`current`); return what is left of it
        (``moved``: struck by a move, its runs under the move's name, :func:`~itu_nb.amendments.wording.delete_node`).
        """
        gone = delete_node(node, author, date, moved)
        if gone is not None and gone.children:
            # an inserted sub-item goes altogether: those after it take back the paths their labels give
            gone = dataclasses.replace(gone, children=_repath(gone.children, gone.path, gone.path))
        session.forget_keys({n.key for n in node.walk()} - {n.key for n in (gone.walk() if gone else ())})
        if gone is not None and gone.path != self.kids[i].path:  # the list's repath puts it back
            path = self.kids[i].path
            gone = dataclasses.replace(gone, path=path, children=_repath(gone.children, gone.path, path))
        self.struck[i] = gone
        self.live.remove(i)
        if gone is not None:
            comp = component_of(gone.label_in("original") or "")
            if comp is None or comp in self._struck_at:
                self._paths = False  # not read by path any more: the safe side
            else:
                self._struck_at[comp] = i
        return gone

    def settle(self, session: Session, p: Proposal, author: str | None, date: str) -> Proposal:
        """``p`` with the list relettered and repathed once, as the strikes one by one leave it."""
        if not self.struck:
            return p
        first = min(self.struck)
        out = list(self.simple.every[: self.simple.lead + first])
        j = self._was[first]  # the items before the first struck one keep their places and labels
        for i in range(first, len(self.kids)):
            if i in self.struck:
                gone = self.struck[i]
                if gone is not None:
                    out.append(gone)
                continue
            was = self._was.get(i)
            if was is None:  # struck before the run: it stays as it is
                out.append(self.kids[i])
                continue
            label = self.simple.labels[j]
            j += 1
            out.append(
                self.kids[i] if label == self.simple.labels[was] else set_label(self.kids[i], label, author, date)
            )
        parent = find_path(p, self.prefix)
        assert parent is not None and parent.children is self.simple.every  # the list stayed as it was
        new = tuple(out)
        p = map_children(p, parent, lambda _: new)
        return session.repath(p, [(self.prefix, self.simple.lead + first, self.simple.every)], False)
