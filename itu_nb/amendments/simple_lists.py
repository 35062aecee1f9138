"""Simple lists: the lists a run of strikes keeps pending (:mod:`itu_nb.amendments.striking`).

A run of strikes (or of insertions, :mod:`itu_nb.amendments.inserting`; of mixed operations,
:mod:`itu_nb.amendments.order`) holds on a *simple* list (:func:`simple_list`, the rules of
:mod:`itu_nb.amendments.inserting`): every child after the paragraphs leading it is a listed item present in
the amended view, of one scheme, labelled from the first label on without a gap, at the path its label gives.
Striking an item then leaves the live items labelled ``labels[0]``, ``labels[1]``… in order (what
:class:`~itu_nb.amendments.pending.Pending` relies on).

A list may already hold struck items (struck in the text before, or by an earlier run that an
insertion or a move ended: ``Delete resolves 1`` 250 times, a new considering, 250 times again).  They
stay where they are, unlabelled: ``labels[j]`` is then the label of the j-th *live* item, and the
rules of a simple list hold of the live items.  A struck item keeps its path through the run when it stands
at the path of its original label, that label comes after the live items' before it, and no other item of
the original text had it (:func:`_struck_apart`): the live items before it are only relettered down, so
none of them takes its path component, one by one or at once.

Unlabelled paragraphs and bullets among the items (:mod:`itu_nb.amendments.mixed`) are held the same way, as
items struck before the run (:func:`simple_apart`): never live, kept as they are, at the paths one by one
leaves them (a strike reletters the listed items only).  Their paths (``p<n>``, ``bullet<n>``) are none a label
gives, so an address by path into such a list is read as in any other
(:meth:`~itu_nb.amendments.pending.Pending.at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from itu_nb.amendments.addressing import bare
from itu_nb.amendments.lists import ListFacts, Session
from itu_nb.amendments.mixed import apart
from itu_nb.amendments.relettering import (
    first_label,
    label_component,
    label_scheme,
    label_style,
    split_label,
    successor,
)
from itu_nb.model import Clause, NodeKind

__all__ = ["Simple", "component_of", "simple_apart", "simple_list"]


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

    ``struck``: the list may also hold struck items (a run's source, :class:`~itu_nb.amendments.pending.Pending`):
    listed items absent from the amended view, anywhere after the lead, each at the path its original label gives,
    a label that no item before it holds and no other item of the original text had (see :func:`_struck_apart`).
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


def simple_apart(session: Session, parent: Clause) -> Simple | None:
    """:func:`simple_list` (``struck=True``) of ``parent`` read without the paragraphs and bullets among its items
    (:func:`~itu_nb.amendments.mixed.apart`), which :class:`~itu_nb.amendments.pending.Pending` then holds as
    items struck before the run: never live, kept as they are, at paths no label gives (``p<n>``, ``bullet<n>``:
    :meth:`~itu_nb.amendments.pending.Pending.at` passes them).  One by one, a strike reletters the listed items
    only and leaves them at their paths.
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
