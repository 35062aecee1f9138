"""A run of new items added by label to one list, applied at once: each costs O(1), the run its list once.

``Add a new considering a) reading: …`` repeated 1,000 times puts each new item at the head of
the list and reletters every item after it: one by one (:meth:`_Editor.insert_clause
<itu_nb.amendments.edits>`), that is the whole list per instruction, quadratic in all.  Here a run
of consecutive :class:`~itu_nb.amendments.operations.InsertClause` operations ``into=`` the same
top-level section ``with label=`` is replayed on the list's order alone (a Python list of
entries), and the labels, paths and keys are computed once at the end from the final order.

The result is the one the operations give one by one, field for field (the property test
``tests/test_amend_hostile.py::test_runs_of_insertions_equal_one_by_one`` compares them).  That
holds because the run is replayed only on a *simple* list, where one by one each operation leaves
the list labelled ``a) b) c)…`` (or ``1 2 3…``) in order:

- every child of the section, after the paragraphs that may lead it (``resolves`` / ``that the Member
  States:`` / ``1 …``: they stay first, and the new items go after them as one by one), is a listed
  item present in the amended view, all of one scheme
  (``letter`` or ``number``), labelled from the first label on without a gap, with the path
  component its label gives (no footnotes, bullets, paragraphs or ``bis`` items among them);
- every operation names a label that exists (the new item goes before the item that has it, and
  takes its label) or the next label after the last (the new item is appended).

Then the item at index ``j`` is labelled with the ``j``-th label of the scheme after every
operation, an old item is relabelled straight from its original label to its final one (as
:func:`~itu_nb.amendments.relettering.set_label` does one step at a time, the result depends only
on the original label and the last), and a new item's key is the path it got when it was inserted
(made unique against the keys of the text then, as :meth:`Session.repath
<itu_nb.amendments.lists.Session.repath>` does).  An operation outside these rules ends the run; the
caller applies it one by one, so its result or its error is the usual one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from itu_nb.amendments.addressing import resolve
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import InsertClause
from itu_nb.amendments.relettering import (
    _repath,
    first_label,
    label_scheme,
    label_style,
    scan_labels,
    set_label,
    split_label,
    successor,
)
from itu_nb.amendments.wording import map_children, peel
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run
from itu_nb.parsing.labels import item_component

__all__ = ["MIN_RUN", "apply_units", "insert_run", "run_key"]

#: Consecutive insertions into one list from which they are applied as a run (below it, one by one is as cheap).
MIN_RUN = 4

#: A unit of work: a tag (the instruction it came from, or None) and its operations.
Unit = tuple[Any, list]


def run_key(op) -> str | None:
    """The ``into=`` address of an insertion that may join a run, else None."""
    if type(op) is not InsertClause or op.into is None or op.after is not None or op.before is not None:
        return None
    return op.into if (op.label or peel(op.text)[0]) is not None else None


def _component(label: str) -> str | None:
    """The path component :meth:`Session.repath` gives an item labelled ``label`` (None for a bullet)."""
    scheme = label_scheme(label, None, False) if label.strip() else "bullet"
    return None if scheme in ("bullet", "dash") else item_component(label, scheme, 0)


_FACT_FIELDS = ("schemes", "letters", "labels", "exists", "footnotes")


class _Facts(NamedTuple):
    """The facts :func:`insert_run` reads of the list's items (a :class:`~itu_nb.amendments.lists.ListFacts` cut)."""

    schemes: list
    letters: list
    labels: list
    exists: list
    footnotes: list


def insert_run(
    session: Session, proposal: Proposal, ops: Sequence[InsertClause], author: str | None, date: str
) -> tuple[Proposal, int, bool]:
    """Apply the longest leading part of ``ops`` that keeps to the rules above, at once.

    Returns
    -------
    (Proposal, int, bool)
        The edited proposal, the number of operations applied, and whether the list is simple
        (False: none was applied, and none of the run would be: apply them one by one).
    """
    try:
        parent = resolve(proposal, ops[0].into or "")
    except ItuNbError:
        return proposal, 0, False
    into = ops[0].into or ""
    if into.strip().startswith(parent.path + "/") or not parent.children:
        return proposal, 0, False
    session.begin(proposal)
    every = parent.children
    every_facts = session.facts(every)
    # paragraphs leading the list ("resolves / that the Member States: / 1 … 2 …") stay where they are
    lead = 0
    while lead < len(every) and every[lead].kind is NodeKind.PARAGRAPH and every_facts.schemes[lead] is None:
        lead += 1
    if lead == len(every):
        return proposal, 0, False
    kids = every[lead:]
    facts = every_facts if not lead else _Facts(*(getattr(every_facts, f)[lead:] for f in _FACT_FIELDS))
    scheme = facts.schemes[0]
    if scheme not in ("letter", "number", "roman") or not all(facts.exists) or any(facts.footnotes):
        return proposal, 0, False
    labels = [first_label(scheme)]
    for _ in range(len(kids) - 1):
        labels.append(successor(labels[-1], scheme))
    prefix = parent.path
    for c, s, bare, want in zip(kids, facts.schemes, facts.labels, labels, strict=True):
        text = c.label_in("amended") or ""
        if (
            c.kind is not NodeKind.ITEM
            or s != scheme
            or bare != want
            or (split_label(text) or ("", "", ""))[1] != want
            or _component(text) != want
            or c.path != f"{prefix}/{want}"
        ):
            return proposal, 0, False
    style = label_style(kids, scheme, facts.schemes)
    if _component(f"{style[0]}{labels[0]}{style[1]}") != labels[0]:
        return proposal, 0, False
    index_of = {x: i for i, x in enumerate(labels)}
    last_letter = next((x for x in reversed(facts.letters) if x is not None), None)

    def probe(text: str, prev: str | None, count: int = 1) -> tuple[list[str | None], list[str | None]]:
        fake = Clause(NodeKind.ITEM, "", label_runs=(Run(Op.EQUAL, text),))
        return scan_labels([fake] * count, prev)

    def grow(label: str) -> bool:
        """Give the list one more label, ``label``, if it reads as the scheme's next one after the last."""
        nonlocal last_letter
        written = f"{style[0]}{label}{style[1]}"
        schemes, letters = probe(written, last_letter)
        if schemes[0] != scheme or _component(written) != label or label in index_of:
            return False
        index_of[label] = len(labels)
        labels.append(label)
        last_letter = letters[0] or last_letter
        return True

    # entries: (old clause, its original index) or (None, (text, key))
    entries: list[tuple[Clause | None, Any]] = [(c, i) for i, c in enumerate(kids)]
    done = 0
    for op in ops:
        if op.into != into:
            break
        peeled, text = peel(op.text)
        label = op.label or peeled
        assert label is not None  # run_key
        found = split_label(label.strip())
        want = (found or ("", label.strip(), ""))[1].lower()
        n = len(entries)
        index = index_of.get(want, n)
        parts = split_label(label.strip() + ")") or split_label(label.strip())
        given = parts[1] if parts else label.strip()
        expected = labels[index] if index < n else successor(labels[-1], scheme)
        if given != expected:
            break  # an error, or a label in another case: one by one
        if index == n:  # the list grows: the new label must read as the scheme after the last one
            if not grow(given):
                break
        else:  # one by one, the new item and the one it displaces carry the same label a moment
            prev = labels[index - 1] if index else None
            if probe(f"{style[0]}{given}{style[1]}", prev if scheme == "letter" else None, 2)[0] != [scheme] * 2:
                break
            if not grow(successor(labels[-1], scheme)):  # the last item moves on to the next label
                break
        key = session.claim_key(f"{prefix}/{given}")
        session.counter += 1
        entries.insert(index, (None, (text, key)))
        done += 1
    if not done:
        return proposal, 0, True
    out = []
    for j, (old, info) in enumerate(entries):
        path = f"{prefix}/{labels[j]}"
        if old is None:
            text, key = info
            node = Clause(NodeKind.PARAGRAPH, path, runs=(Run(Op.INSERT, text, author, date),), section=parent.section)
            node = set_label(
                dataclasses.replace(node, kind=NodeKind.ITEM, label_runs=()), labels[j], author, date, style
            )
            out.append(dataclasses.replace(node, uid=None if key == path else key))
        elif info == j:
            out.append(old)
        else:
            moved = set_label(old, labels[j], author, date)
            uid = old.uid if old.uid is not None else old.path
            out.append(dataclasses.replace(moved, path=path, uid=uid, children=_repath(old.children, old.path, path)))
    new = (*every[:lead], *out)
    return map_children(proposal, parent, lambda _: new), done, True


def apply_units(
    session: Session,
    proposal: Proposal,
    units: Sequence[Unit],
    one: Callable[[Proposal, Any, list], tuple[Proposal, list[str]]],
    note: Callable[[Any, InsertClause], str],
    author: str | None,
    date: str,
) -> tuple[Proposal, list[str]]:
    """Apply ``units`` in order: runs of insertions at once (:func:`insert_run`), the rest by ``one``.

    ``one(proposal, tag, ops)`` applies one unit one by one and returns its provenance notes;
    ``note(tag, op)`` words the provenance note of an operation applied in a run.
    """
    notes: list[str] = []
    p = proposal
    i = 0
    while i < len(units):
        tag, ops = units[i]
        key = run_key(ops[0]) if len(ops) == 1 else None
        end = i
        while key is not None and end < len(units) and len(units[end][1]) == 1 and run_key(units[end][1][0]) == key:
            end += 1
        if end - i >= MIN_RUN:
            run = [u[1][0] for u in units[i:end]]
            p, done, simple = insert_run(session, p, run, author, date)
            notes += [note(t, o) for (t, _), o in zip(units[i:], run[:done], strict=False)]
            i += done
            if not simple:  # the list is not simple: the whole run one by one
                for tag, ops in units[i:end]:
                    p, done_notes = one(p, tag, ops)
                    notes += done_notes
                i = end
                continue
            if i == end:
                continue
            tag, ops = units[i]  # the operation that ended the run, one by one
        p, done_notes = one(p, tag, ops)
        notes += done_notes
        i += 1
    return p, notes
