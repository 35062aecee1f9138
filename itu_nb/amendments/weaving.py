"""Instructions interleaved over several sections, applied section by section so that each section's runs hold.

``Add a new considering a)``, ``Delete considering b)``, ``Add a new recognizing a)``, ``Add a new
paragraph after resolves 2``, again and again: each instruction ends the run of the one before it, so
:func:`~itu_nb.amendments.inserting.apply_units` would apply them one by one, each relettering its list
(quadratic over a long run).  Yet an insertion, a deletion or an edit of words inside one top-level
section changes nothing outside it: its address is read within the section (the section itself is
found among the top-level clauses, which none of these operations changes), and the paths and keys it
gives are under the section's path.  So operations on different sections commute, and the window is
applied section by section, in the order each section first appears, the operations of each in their
own order (:func:`window` finds the window and each operation's section); their provenance notes are
put back in the order of the instructions.

The result is the one of applying them in their order, field for field, when:

- every operation of the window is a :class:`~itu_nb.amendments.operations.InsertClause`,
  :class:`~itu_nb.amendments.operations.DeleteClause` or an edit of words
  (:data:`~itu_nb.amendments.pending.WORDS`) whose address (a citation naming one section, a path
  starting with a section's path, or ``into=`` a section) lies inside one top-level section (no moves:
  a move changes two lists; no new sections: they change the top level);
- every key held inside each of those sections starts with the section's path: a key is claimed
  (``"<key>+2"``…) or freed only under the path of the section an operation edits, so the keys one
  section's operations claim never depend on another's.

An operation that fails in the window is reported as one by one reports it: the caller then applies the
window again in the order of the instructions (:func:`~itu_nb.amendments.inserting.apply_units`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from itu_nb.amendments.addressing import cited_section
from itu_nb.amendments.operations import DeleteClause, InsertClause
from itu_nb.amendments.pending import WORDS
from itu_nb.model import Clause, NodeKind, Proposal

__all__ = ["window"]

#: The fewest operations in a window worth applying section by section.
MIN_WINDOW = 8


def _section(p: Proposal, tops: dict[str, Clause], op: Any) -> str | None:
    """The path of the one top-level section inside which ``op`` acts (None: not known so, or not such an operation)."""
    kind = type(op)
    if kind is InsertClause:
        placed = [x for x in (op.after, op.before, op.into) if x is not None]
        if len(placed) != 1 or not isinstance(placed[0], str):
            return None
        address = placed[0].strip()
        if op.into is not None and address in tops:
            return address  # into the section itself
    elif kind is DeleteClause or kind in WORDS:
        if not isinstance(op.at, str):
            return None
        address = op.at.strip()
    else:
        return None
    if "/" in address:
        head = address.split("/", 1)[0]
        return head if head in tops else None
    if address in tops:
        return None  # the section itself: a deletion or an edit of it, not of its items
    cited = cited_section(p, address)
    if cited is None or tops.get(cited[0].path) is not cited[0]:
        return None
    return cited[0].path


def _own_keys(section: Clause) -> bool:
    """Whether every key inside ``section`` starts with its path (see the module)."""
    prefix = section.path + "/"
    return all(n.key.startswith(prefix) for c in section.children for n in c.walk())


def window(p: Proposal, units: Sequence[tuple[Any, list]], start: int) -> tuple[int, list[str]]:
    """The window of ``units`` from ``start`` that can be applied section by section, and each unit's section.

    Returns ``(stop, sections)``: ``units[start:stop]`` each hold one operation acting inside the section
    ``sections[k - start]`` (the caller applies the window so when it holds :data:`MIN_WINDOW` units or more
    over two sections or more, and skips to ``stop`` otherwise: each unit is read once).
    """
    tops = {c.path: c for c in p.clauses if c.kind is NodeKind.SECTION}
    sections: list[str] = []
    checked: dict[str, bool] = {}
    stop = start
    while stop < len(units):
        ops = units[stop][1]
        where = _section(p, tops, ops[0]) if len(ops) == 1 else None
        if where is None:
            break
        if where not in checked:
            checked[where] = _own_keys(tops[where])
        if not checked[where]:
            break
        sections.append(where)
        stop += 1
    return stop, sections
