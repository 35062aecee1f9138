"""Runs of clauses struck from their own list, applied at once: each strike costs O(1), the run its list once.

``Delete resolves 13`` repeated 500 times strikes the 13th item, then the item relettered 13 in its
place, and so on: one by one (:meth:`_Editor.delete_clause <itu_nb.amendments.editor>`), each strike
reletters every item after it and repaths the list, quadratic in all.  So does ``Move resolves 13
before considering a)`` on its source side.  Here the source list stays *pending* during a run
(:class:`Pending`): the text keeps the list as it was, an address such as ``resolves 13`` is read
against the list's pending order (the live items labelled from the first label on), each struck item
is built in constant time, and the list is relettered and repathed once, when the run ends.

This holds on a *simple* list (:func:`simple_list`, the rules of :mod:`itu_nb.amendments.inserting`):
every child after the paragraphs leading it is a listed item present in the amended view, of one
scheme, labelled from the first label on without a gap, at the path its label gives.  Striking an
item then leaves the live items labelled ``labels[0]``, ``labels[1]``… in order, so:

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

A list may already hold struck items (struck in the text before, or by an earlier run that an
insertion or a move ended: ``Delete resolves 1`` 250 times, a new considering, 250 times again).  They
stay where they are, unlabelled: ``labels[j]`` is then the label of the j-th *live* item, and the
rules above hold of the live items.  A struck item keeps its path through the run when it stands at
the path of its original label, that label comes after the live items' before it, and no other item of
the original text had it (:func:`_struck_apart`): the live items before it are only relettered down, so
none of them takes its path component, one by one or at once.

Unlabelled paragraphs and bullets among the items (:mod:`itu_nb.amendments.mixed`) are held the same way, as
items struck before the run (:func:`_simple_apart`): never live, kept as they are, at the paths one by one
leaves them (a strike reletters the listed items only).  Their paths (``p<n>``, ``bullet<n>``) are none a label
gives, so an address by path into such a list is read as in any other (:meth:`Pending.at`).

An address by path (``resolves/13#2``, as the viewer names a clause) is read against the pending list
too (:meth:`Pending.at`): one by one, each repath gives a struck item the component of its original
label and the live item labelled ``L`` the component ``L``, or ``L#2`` when a struck item before it
holds ``L``.

An edit of words (``In resolves 2, add "…" at the end``, :data:`WORDS`) addressed to a live item of a
pending list joins the run (:meth:`Pending.edit`): it changes the item's runs, never its label runs,
and relettering changes the label runs only, so it is made on the item where the text still has it.

The result is the one the operations give one by one, field for field (the property tests in
``tests/test_amend_linear.py`` and ``tests/test_hostile_more.py`` compare them).  An address read any
other way (another list, a label no live item has, a struck item, a sub-item of the list's items)
ends the run: the list is settled, and the caller applies the operation one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from itu_nb.amendments.addressing import _child, bare, cited_section, find_path
from itu_nb.amendments.lists import ListFacts, Session, _apart
from itu_nb.amendments.mixed import apart
from itu_nb.amendments.operations import DeleteClause, InsertWords, ReplaceWords
from itu_nb.amendments.relettering import (
    _repath,
    first_label,
    label_component,
    label_scheme,
    label_style,
    set_label,
    split_label,
    successor,
)
from itu_nb.amendments.wording import delete_node, map_children
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Proposal

__all__ = ["WORDS", "Pending", "Simple", "Sources", "component_of", "simple_list", "strike_run"]

#: Edits of words that join a run of strikes when they edit a live item of a pending list (:meth:`Pending.edit`).
WORDS = (ReplaceWords, InsertWords)

#: Makes an edit of words as one by one makes it: ``words(session, p, op, author, date)`` gives the edited
#: text (:func:`itu_nb.amendments.edits` supplies it, through :class:`~itu_nb.amendments.inserting.Runs`).
Words = Callable[[Session, Proposal, Any, Any, str], Proposal]


def component_of(label: str) -> str | None:
    """The path component :meth:`Session.repath` gives an item labelled ``label`` (None for a bullet)."""
    scheme = label_scheme(label, None, False) if label.strip() else "bullet"
    return None if scheme in ("bullet", "dash") else label_component(label)


_FACT_FIELDS = ("schemes", "letters", "labels", "exists", "footnotes")


class _Facts(NamedTuple):
    """The facts a run reads of the list's items (a :class:`~itu_nb.amendments.lists.ListFacts` cut)."""

    schemes: list
    letters: list
    labels: list
    exists: list
    footnotes: list


class Simple(NamedTuple):
    """A simple list (:func:`simple_list`): its clauses and what a run needs to know of them."""

    every: tuple[Clause, ...]  # all the parent's children
    lead: int  # the paragraphs leading the list
    facts: ListFacts | _Facts  # of every[lead:]
    scheme: str
    labels: list[str]  # labels[j]: the label of the j-th live item
    style: tuple[str, str]


def simple_list(session: Session, parent: Clause, struck: bool = False) -> Simple | None:
    """``parent``'s children as a simple list (see the module's docstring), else None.

    ``struck``: the list may also hold struck items (a run's source, :class:`Pending`): listed items absent
    from the amended view, anywhere after the lead, each at the path its original label gives, a label
    that no item before it holds and no other item of the original text had (see :func:`_struck_apart`).
    Then ``labels[j]`` is the label of the j-th *live* item.
    """
    every = parent.children
    if not every:
        return None
    every_facts = session.facts(every)
    # paragraphs leading the list ("resolves / that the Member States: / 1 … 2 …") stay where they are
    lead = 0
    while lead < len(every) and every[lead].kind is NodeKind.PARAGRAPH and every_facts.schemes[lead] is None:
        lead += 1
    if lead == len(every) or any(c.label_in("amended") for c in every[:lead]):
        return None
    kids = every[lead:]
    facts = every_facts if not lead else _Facts(*(getattr(every_facts, f)[lead:] for f in _FACT_FIELDS))
    if any(facts.footnotes):
        return None
    live = [i for i, x in enumerate(facts.exists) if x] if struck else range(len(kids))
    if not live:
        return None
    scheme = facts.schemes[live[0]]
    if scheme not in ("letter", "number", "roman") or (not struck and not all(facts.exists)):
        return None
    labels = [first_label(scheme)]
    for _ in range(len(live) - 1):
        labels.append(successor(labels[-1], scheme))
    prefix = parent.path
    for i, want in zip(live, labels, strict=True):
        c, text = kids[i], kids[i].label_in("amended") or ""
        if (
            c.kind is not NodeKind.ITEM
            or facts.schemes[i] != scheme
            or facts.labels[i] != want
            or (split_label(text) or ("", "", ""))[1] != want
            or component_of(text) != want
            or bare(text) != want
            or c.path[len(prefix) :].partition("#")[0] != f"/{want}"  # (the parent's path may hold a "#2")
            or (c.path != f"{prefix}/{want}" and len(live) == len(kids))
        ):
            return None
    if len(live) != len(kids) and not _struck_apart(prefix, kids, facts.exists, labels):
        return None
    style = label_style(kids, scheme, facts.schemes)
    if (
        component_of(f"{style[0]}{labels[0]}{style[1]}") != labels[0]
        or bare(f"{style[0]}{labels[0]}{style[1]}") != labels[0]
    ):
        return None
    return Simple(every, lead, facts, scheme, labels, style)


def _simple_apart(session: Session, parent: Clause) -> Simple | None:
    """:func:`simple_list` (``struck=True``) of ``parent`` read without the paragraphs and bullets among its items
    (:func:`~itu_nb.amendments.mixed.apart`), which :class:`Pending` then holds as items struck before the run:
    never live, kept as they are, at paths no label gives (``p<n>``, ``bullet<n>``: :meth:`Pending.at` passes
    them).  One by one, a strike reletters the listed items only and leaves them at their paths.
    """
    seen = apart(session, parent)
    if seen is None:
        return None
    view, fixed = seen
    simple = simple_list(session, view, struck=True)
    if simple is None or not fixed:
        return simple
    lead = simple.lead
    every = session.facts(parent.children)
    facts = _Facts(*(list(getattr(every, f)[lead:]) for f in _FACT_FIELDS))
    for i in fixed:
        facts.exists[i - lead] = False
    return simple._replace(every=parent.children, facts=facts)


def _struck_apart(prefix: str, kids: Sequence[Clause], exists: Sequence[bool], labels: list[str]) -> bool:
    """Whether the struck items among ``kids`` keep their paths whatever a run strikes before them.

    One by one, each strike repaths the list: a struck item takes the path component of its original
    label unless a sibling before it holds it.  The live items are only relettered down (``labels[j]``
    for the j-th), and an item struck by the run takes the component of its own original label.  So a
    struck item keeps its path when it stands at the path its original label gives (no ``#n``), that
    label comes after those of the live items before it (``labels[:r]``), and no other item of the
    original text had it.
    """
    place = {x: j for j, x in enumerate(labels)}
    originals: dict[str, int] = {}  # component of each original label -> how many hold it
    struck: list[str] = []
    r = 0  # live items so far
    for c, present in zip(kids, exists, strict=True):
        was = c.label_in("original")
        comp = component_of(was) if was else None
        if comp is not None:
            originals[comp] = originals.get(comp, 0) + 1
        if present:
            r += 1
            continue
        if c.kind is not NodeKind.ITEM or comp is None or c.path != f"{prefix}/{comp}" or place.get(comp, r) < r:
            return False
        struck.append(comp)
    return all(originals[comp] == 1 for comp in struck)


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
                if comp is None:  # a paragraph or bullet among the items (_simple_apart): at a path no label gives
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
        simple = _simple_apart(self.session, parent)
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
