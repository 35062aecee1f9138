"""A proposal as edits of a base text, and where the edits of several proposals conflict.

:func:`side_edits` turns one proposal into :class:`~itu_nb.diff.spans.Edit` objects of
the base (word changes inside a clause, whole clauses deleted or inserted, labels);
:func:`find_conflicts` sorts the edits of several proposals into those nobody contests
and :class:`Conflict` objects, by the rule :func:`itu_nb.diff.spans.clash` states (the
one :func:`itu_nb.compare_many` uses too).  :mod:`itu_nb.amendments.merging` builds the
draft from them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from itu_nb.amendments.addressing import cite, parents
from itu_nb.amendments.marks import inserted_marks, side_marks, struck_marks
from itu_nb.diff.spans import Edit, clash, cover, relettering, run_edits
from itu_nb.model import Clause, Proposal, runs_text

__all__ = ["Conflict", "Edit", "find_conflicts", "side_edits"]


@dataclass(frozen=True)
class Conflict:
    """Contested edits: ``kind`` ``overlap``, ``label``, ``delete-modify`` or ``same-slot``."""

    id: str
    kind: str
    path: str | None
    citation: str
    base_text: str
    edits: tuple[Edit, ...]

    @property
    def sides(self) -> tuple[str, ...]:
        """The names of the sides in conflict, in order of their edits."""
        return tuple(dict.fromkeys(e.side for e in self.edits if e.side is not None))

    @property
    def span(self) -> tuple[int, int]:
        """``[start, end)`` of the base text the contested edits cover together (an overlap's words)."""
        return cover(self.edits)


# -----------------------------------------------------------------------------
# a proposal as edits of the base
# -----------------------------------------------------------------------------
def _word_edits(runs, path, side, author, date) -> list[Edit]:
    return [Edit("text", path, s, e, old, new, side, author, date) for s, e, old, new in run_edits(runs)]


def side_edits(base: Proposal, proposal: Proposal, side: str, author, date, marks: list | None = None) -> list[Edit]:
    """The differences of ``proposal`` from ``base`` (amended views) as edits of the base, by ``side``.

    ``marks``, when given, receives the comments and highlights of ``proposal``'s clauses that stand for a base
    clause, as (base path, ``side``, text, mark) (:func:`itu_nb.amendments.marks.side_marks`); those of the
    clauses it inserts travel in the edits.
    """
    from itu_nb.diff.twoway import compare

    comp = compare(base, proposal, view="amended")
    new_parent, base_parent = parents(comp.new), parents(base)
    stay, movers, gone = {}, [], []
    edits: list[Edit] = []
    for p in comp.pairs:
        if p.kind in ("unchanged", "modified", "relabelled"):
            assert p.old is not None and p.new is not None  # these kinds pair two clauses
            stay[p.new.path] = p.old.path
            edits += _word_edits(p.runs, p.old.path, side, author, date)
            was, now = runs_text(p.label_runs, "original"), runs_text(p.label_runs, "amended")
            if was != now:
                edits.append(Edit("label", p.old.path, 0, len(was), was, now, side, author, date))
            continue
        if p.new is not None and p.new.path not in movers:
            movers.append(p.new.path)
        if p.old is not None and p.old.path not in gone:
            gone.append(p.old.path)

    def under(path, pool, parent_of) -> bool:
        node = parent_of.get(path)
        while node is not None:
            if node.path in pool:
                return True
            node = parent_of.get(node.path)
        return False

    gone_set, movers_set = set(gone), set(movers)
    for path in gone:
        if not under(path, gone_set, base_parent):
            body = base[path].body("amended")
            edits.append(Edit("deleted", path, 0, len(body), base[path].text("amended"), "", side, author, date))
    for order, path in enumerate(movers):
        if under(path, movers_set, new_parent):
            continue  # carried with its inserted parent
        parent = new_parent[path]
        siblings = parent.children if parent is not None else comp.new.clauses
        index = [c.path for c in siblings].index(path)
        after = next((stay[s.path] for s in reversed(siblings[:index]) if s.path in stay), None)
        bparent = stay.get(parent.path) if parent is not None else None
        if parent is not None and bparent is None:
            continue  # its parent is gone from the base's tree: nothing to attach it to
        clause = inserted_marks(_prune(comp.new[path], stay), proposal)
        edits.append(
            Edit("inserted", bparent, side=side, author=author, date=date, after=after, clause=clause, order=order)
        )
    if marks is not None:
        found = side_marks(proposal, ((o, n) for n, o in stay.items()))
        found += struck_marks(proposal, base, gone, stay)
        marks += [(path, side, text, a) for path, text, a in found]
    follow = relettering(comp)
    return [dataclasses.replace(e, relettered=True) if e.kind == "label" and e.path in follow else e for e in edits]


def _prune(clause: Clause, paired) -> Clause:
    """``clause`` without the descendants that are paired with a clause of the base (they stay where they are)."""
    kids = tuple(_prune(k, paired) for k in clause.children if k.path not in paired)
    return dataclasses.replace(clause, children=kids)


# -----------------------------------------------------------------------------
# conflicts
# -----------------------------------------------------------------------------
def _clash(a: Edit, b: Edit) -> bool:
    """:func:`itu_nb.diff.spans.clash` between two proposals (one proposal's own edits never conflict)."""
    return a.side != b.side and clash(a, b)


def _groups(items: list[Edit], clash) -> list[list[Edit]]:
    groups: list[list[Edit]] = []
    for e in items:
        hit = [g for g in groups if any(clash(e, x) for x in g)]
        merged = [e] + [x for g in hit for x in g]
        groups = [g for g in groups if g not in hit] + [merged]
    return groups


def _dedupe(edits: list[Edit], key) -> list[Edit]:
    seen, out = set(), []
    for e in edits:
        k = key(e)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def find_conflicts(base: Proposal, edits: list[Edit]) -> tuple[list[Edit], list[Conflict]]:
    """(uncontested edits, conflicts); identical edits from several sides are kept once."""
    words = _dedupe([e for e in edits if e.kind == "text"], lambda e: e.key)
    deletes = _dedupe([e for e in edits if e.kind == "deleted"], lambda e: e.path)
    inserts = _dedupe([e for e in edits if e.kind == "inserted"], lambda e: e.key)
    labels = [e for e in edits if e.kind == "label"]  # all kept: a list's labels follow the sides touching it
    conflicts: list[tuple[str, str | None, list[Edit]]] = []
    contested: set[int] = set()
    for d in deletes:
        assert d.path is not None  # a deletion names the base clause it deletes
        inside = {n.path for n in base[d.path].walk()}
        others = [e for e in words if e.path in inside and e.side != d.side]
        others += [e for e in inserts if e.path in inside and e.side != d.side]
        if others:
            conflicts.append(("delete-modify", d.path, [d, *others]))
            contested.update(id(e) for e in (d, *others))
    by_path: dict[str | None, list[Edit]] = {}
    for e in words:
        if id(e) not in contested:
            by_path.setdefault(e.path, []).append(e)
    for path, items in by_path.items():
        for g in _groups(items, _clash):
            if len({e.side for e in g}) > 1:
                conflicts.append(("overlap", path, sorted(g, key=lambda e: (e.start, e.side))))
                contested.update(id(e) for e in g)
    by_label: dict[str | None, list[Edit]] = {}
    for e in labels:
        if not e.relettered:
            by_label.setdefault(e.path, []).append(e)
    for path, items in by_label.items():
        for g in _groups(items, _clash):
            if len({e.side for e in g}) > 1:
                conflicts.append(("label", path, g))
                contested.update(id(e) for e in g)
    slots: dict[tuple, list[Edit]] = {}
    for e in inserts:
        if id(e) not in contested:
            slots.setdefault((e.path, e.after), []).append(e)
    for (parent, _after), items in slots.items():
        if len({e.side for e in items}) > 1:
            conflicts.append(("same-slot", parent, items))
            contested.update(id(e) for e in items)
    out = []
    for n, (kind, path, items) in enumerate(conflicts, 1):
        node = base.get(path) if path is not None else None
        where = items[0].after if kind == "same-slot" else path
        citation = cite(base, where) if where is not None else "(top)"
        if kind == "same-slot":
            citation = f"after {citation}" if items[0].after else f"first in {cite(base, path) if path else 'the text'}"
        if kind == "overlap":
            assert node is not None  # overlapping words are in a base clause
            base_text = node.body("amended")[slice(*cover(items))]
        elif kind == "label":
            base_text = items[0].old
        else:
            base_text = node.text("amended") if kind == "delete-modify" and node is not None else ""
        out.append(Conflict(f"c{n}", kind, path, citation, base_text, tuple(items)))
    free = [e for e in [*words, *deletes, *inserts, *labels] if id(e) not in contested]
    return free, out
