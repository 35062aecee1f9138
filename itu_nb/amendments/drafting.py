"""The draft a merge makes: :class:`Draft`, a proposal and its conflicts, built from the merge's plan.

:func:`itu_nb.amendments.merging.merge` compares each proposal with the base and finds the conflicts (the rules are
in its module's docstring); the plan it makes (:class:`_Plan`: the base, the sides, every edit, the conflicts, the
proposals' comments and highlights) is built here into a :class:`Draft`: the uncontested edits and the resolutions
applied as tracked changes, a list several proposals insert into or delete from relettered, the marks carried onto
the draft (:mod:`itu_nb.amendments.marks`): a moved clause's on its copy only, a clause's that several proposals
insert on its one copy, a clause's left out of the draft at the end of the base clause it was to follow.  Resolving
a conflict (:meth:`Draft.resolve`) adds a decision to the plan and builds the draft again, deciding again the
changes already accepted or rejected on it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from itu_nb.amendments.addressing import parents
from itu_nb.amendments.conflicts import Conflict, Edit, find_conflicts
from itu_nb.amendments.marks import MARKS, adopt, carry, mark_key
from itu_nb.amendments.relettering import (
    bare_label,
    first_label,
    list_scheme,
    reletter,
    repath,
    scheme_of,
    set_label,
    split_label,
    successor,
)
from itu_nb.amendments.retyping import _moved_offsets
from itu_nb.amendments.wording import delete_node, edit_runs, edited_artefacts, inserted_copy
from itu_nb.errors import AddressError
from itu_nb.model import Artefact, Clause, NodeKind, Op, Proposal, Run, runs_text
from itu_nb.model.clause import view_artefacts

__all__ = ["Draft"]


@dataclass(frozen=True)
class _Plan:
    base: Proposal
    sides: tuple[str, ...]
    edits: tuple[Edit, ...]
    conflicts: tuple[Conflict, ...]
    decisions: tuple[tuple[str, str | None, str | None, str], ...] = ()  # (conflict, side, text, author)
    #: accept/reject decisions made on the draft, by change signature (path, kind, old, new, author)
    reviewed: tuple[tuple[str, str, str], ...] = ()  # (change id, accept|reject, the change in words)
    #: the proposals' comments and highlights on clauses of the base (:func:`itu_nb.amendments.marks.side_marks`)
    marks: tuple[tuple[str, str, str, Artefact], ...] = ()  # (base path, side, text, mark)


def _described(change) -> str:
    return f"{change.path} ({change.kind} {change.old!r} → {change.new!r})"


@dataclass(frozen=True, repr=False)
class Draft(Proposal):
    """A consolidated draft: a :class:`~itu_nb.model.Proposal` plus its conflicts.

    ``conflicts`` is a DataFrame, one row per conflict and side; :meth:`resolve` settles one.
    """

    plan: _Plan | None = field(default=None, compare=False)

    @property
    def conflict_list(self) -> tuple[Conflict, ...]:
        """The conflicts of the merge as objects (:attr:`conflicts` shows them as a DataFrame)."""
        return self.plan.conflicts if self.plan is not None else ()

    @property
    def conflicts(self):
        """DataFrame: conflict, kind, path, citation, base_text, side, author, change, old, new, resolution.

        ``resolution`` is None until the conflict is resolved (blank on screen: a
        :class:`~itu_nb.frames.Table`).
        """
        from itu_nb.frames import Table

        decided = {d[0]: d for d in self.plan.decisions} if self.plan is not None else {}
        rows = []
        for c in self.conflict_list:
            d = decided.get(c.id)
            resolution = None if d is None else (f"text: {d[2]}" if d[2] is not None else d[1])
            for e in c.edits:
                change = {
                    "text": "replaced" if e.old and e.new else "deleted" if e.old else "inserted",
                    "deleted": "deleted clause",
                    "inserted": "inserted clause",
                    "label": "relabelled",
                }[e.kind]
                new = e.clause.text("amended") if e.kind == "inserted" and e.clause is not None else e.new
                rows.append(
                    (c.id, c.kind, c.path, c.citation, c.base_text, e.side, e.author, change, e.old, new, resolution)
                )
        columns = [
            "conflict",
            "kind",
            "path",
            "citation",
            "base_text",
            "side",
            "author",
            "change",
            "old",
            "new",
            "resolution",
        ]
        return Table(rows, columns=columns)

    def resolve(
        self, conflict: str, side: str | None = None, *, text: str | None = None, author: str = "analyst"
    ) -> Draft:
        """A new draft with one conflict settled: by a side (a proposal's name, ``"base"`` to keep the
        base text, ``"all"`` to insert every competing clause, or to make every side's word edit, each side over the
        sides before it in the merge's order, another side's insertion it takes out kept as a ``struck-insert``) or
        by ``text`` written by ``author``.

        The draft is built again from the merge; changes already accepted or rejected on this
        draft are decided again on the new one, found by their stable ids.  A decision whose
        change the resolution altered is dropped, and ``provenance`` says so.
        """
        ids = [c.id for c in self.conflict_list]
        if conflict not in ids:
            raise AddressError(f"no conflict {conflict!r}; conflicts: {ids}")
        c = self.conflict_list[ids.index(conflict)]
        if (side is None) == (text is None):
            raise ValueError("give either side= or text=")
        if side is not None and side not in (*c.sides, "base", "all"):
            raise ValueError(f"conflict {conflict} is between {list(c.sides)}; choose one, 'base' or 'all', or text=")
        assert self.plan is not None  # without a plan there are no conflicts: refused above
        plan = dataclasses.replace(self.plan, decisions=(*self.plan.decisions, (conflict, side, text, author)))
        return _build(plan)

    def _reviewed(self, result: Proposal, accepted: list, rejected: list) -> Proposal:
        """Called by :mod:`itu_nb.model.review` with the changes it settled: remember them for :meth:`resolve`."""
        if self.plan is None or not isinstance(result, Draft):
            return result
        done = tuple((c.id, "accept", _described(c)) for c in accepted)
        done += tuple((c.id, "reject", _described(c)) for c in rejected)
        return dataclasses.replace(result, plan=dataclasses.replace(self.plan, reviewed=self.plan.reviewed + done))


# -----------------------------------------------------------------------------
# building the draft
# -----------------------------------------------------------------------------
def _decided(plan: _Plan) -> list[Edit]:
    out = []
    by_id = {c.id: c for c in plan.conflicts}
    for cid, side, text, author in plan.decisions:
        c = by_id[cid]
        if text is None:
            out += [e for e in c.edits if side in (e.side, "all")]
            continue
        if c.kind == "overlap":
            # the wording replaces the contested words, not the spaces around them ("a high" for
            # "high " must not glue onto the next word: "a highpriority")
            lo, hi = c.span
            words = c.base_text.strip()
            if words:
                lo += len(c.base_text) - len(c.base_text.lstrip())
                hi = lo + len(words)
            out.append(Edit("text", c.path, lo, hi, new=text, side=author, author=author))
        elif c.kind == "delete-modify":
            assert c.path is not None  # the deleted base clause
            body = plan.base[c.path].body("amended")
            out.append(Edit("text", c.path, 0, len(body), new=text, side=author, author=author))
        elif c.kind == "label":
            out.append(dataclasses.replace(c.edits[0], new=text, side=author, author=author, date=None))
        else:
            first = c.edits[0]
            assert first.clause is not None  # same-slot conflicts are between insertions
            clause = Clause(NodeKind.ITEM, "\0text", first.clause.label_runs, (Run(Op.EQUAL, text),))
            out.append(dataclasses.replace(first, side=author, author=author, date=None, clause=clause))
    return out


def _relabel_list(children: list[Clause], parent: Clause | None, edits: list[Edit], changed: set) -> list[Clause]:
    sides = {e.side for e in edits}
    structural = [i for i, c in enumerate(children) if c.path in changed]
    if len(sides) == 1 or not structural:
        # one proposal shaped this list: its labels; several, none inserting or deleting here: their own
        # renumbering, not the relettering that follows insertions or deletions left out as conflicts
        wanted = {e.path: e for e in edits if e.kind == "label" and (len(sides) == 1 or not e.relettered)}
        out = []
        for c in children:
            e = wanted.get(c.path)
            parts = split_label(e.new) if e is not None else None
            out.append(set_label(c, parts[1], e.author, e.date) if e is not None and parts else c)
        return out
    scheme = list_scheme(children, parent.section if parent is not None else None, parent.kind if parent else None)
    start = structural[0]
    schemes = scheme_of(children)
    before = [i for i in range(start) if schemes[i] == scheme]
    expected = successor(bare_label(children[before[-1]]), scheme) if before else first_label(scheme)
    first = next(e for e in edits if e.kind != "label")
    return reletter(children, start, scheme, expected, first.author, first.date)


def _build(plan: _Plan) -> Draft:
    """The draft of ``plan``: its edits and resolutions, then the review decisions made on earlier drafts."""
    draft = _build_edits(plan)
    if not plan.reviewed:
        return draft
    from itu_nb.model.review import decide

    ids = set(draft.changes.ids)
    accepted: list[str] = []
    rejected: list[str] = []
    lost: list[str] = []
    for cid, decision, described in plan.reviewed:
        if cid not in ids:
            lost.append(described)
            continue
        (accepted if decision == "accept" else rejected).append(cid)
    settled = decide(dataclasses.replace(draft, plan=None), accepted, rejected)
    assert isinstance(settled, Draft)  # deciding keeps the class of the proposal decided on
    notes = tuple(f"a decision on {described} no longer applies" for described in lost)
    return dataclasses.replace(settled, plan=plan, provenance=settled.provenance + notes)


def _build_edits(plan: _Plan) -> Draft:
    free, _ = find_conflicts(plan.base, list(plan.edits))
    edits = free + _decided(plan)
    words: dict[str | None, list[Edit]] = {}
    for e in edits:
        if e.kind == "text":
            words.setdefault(e.path, []).append(e)
    deleted = {e.path: e for e in edits if e.kind == "deleted"}
    slots: dict[str | None, dict[str | None, list[Edit]]] = {}
    for e in sorted(
        (e for e in edits if e.kind == "inserted"),
        key=lambda e: (plan.sides.index(e.side) if e.side in plan.sides else 99, e.order),
    ):
        slots.setdefault(e.path, {}).setdefault(e.after, []).append(e)
    touched: dict[str | None, list[Edit]] = {}
    base_parent = parents(plan.base)
    for e in edits:
        if e.kind == "inserted":
            touched.setdefault(e.path, []).append(e)
        elif e.kind in ("deleted", "label"):
            assert e.path is not None  # a deletion or relabel names its base clause
            parent = base_parent[e.path]
            touched.setdefault(parent.path if parent is not None else None, []).append(e)
    counter = iter(range(1, 1_000_000))
    side: dict[str, list[tuple[str, str, Artefact]]] = {}
    for path, who, text, mark in plan.marks:
        side.setdefault(path, []).append((who, text, mark))
    twins, orphans = _left_out(plan.edits, slots)
    moved = Counter(  # the marks of clauses inserted, with the text they hold: a moved clause's, its copy holds
        (runs_text(n.runs, "amended"), mark_key("".join(r.text for r in n.label_runs + n.runs), a))
        for run in slots.values()
        for inserted in run.values()
        for e in inserted
        if e.clause is not None
        for n in e.clause.walk()
        for a in n.artefacts
        if a.kind in MARKS
    )

    def node(c: Clause) -> Clause:
        runs, arts = _edited(c, words.get(c.path, []), plan.sides)
        c = dataclasses.replace(c, runs=runs, children=level(c.children, c), artefacts=arts)
        if c.path in side:
            c = carry(c, side[c.path])
        if c.path in orphans:
            c = adopt(c, orphans[c.path], at_end=True)
        if c.path in deleted:
            d = deleted[c.path]
            c = delete_node(c, d.author, d.date) or c
            if c.artefacts and moved:  # a moved clause's marks are shown once, on its copy (wording.taken_marks)
                c = dataclasses.replace(c, artefacts=_unmoved(c, moved))
        return c

    def level(children, parent: Clause | None) -> tuple[Clause, ...]:
        key = parent.path if parent is not None else None
        slot = slots.get(key, {})
        out, changed = [], set(deleted)
        for anchor in (None, *(c.path for c in children)):
            if anchor is not None:
                out.append(node(next(c for c in children if c.path == anchor)))
            for e in slot.get(anchor, []):
                assert e.clause is not None  # an insertion carries its clause
                copy = inserted_copy(e.clause, f"{key or ''}/\0m{next(counter)}", e.author, e.date, move=False)
                for twin in twins.get(id(e), ()):  # the same clause inserted by another proposal: its marks too
                    copy = _twin_marks(copy, twin)
                out.append(copy)
                changed.add(copy.path)
        if key in touched:
            out = _relabel_list(out, parent, touched[key], changed)
        return tuple(out)

    clauses = level(plan.base.clauses, None)
    if None in orphans and clauses:  # left out first in the text: to the start of its first clause
        clauses = (adopt(clauses[0], orphans[None], at_end=False), *clauses[1:])
    resolved = tuple(f"resolved {d[0]}: {d[2] if d[2] is not None else d[1]}" for d in plan.decisions)
    provenance = (*plan.base.provenance, f"merged {', '.join(plan.sides)} onto {plan.base.id}", *resolved)
    fields = {f.name: getattr(plan.base, f.name) for f in dataclasses.fields(Proposal)}
    fields.update(clauses=clauses, provenance=provenance)
    return repath(Draft(**fields, plan=plan))


def _edited(c: Clause, edits: list[Edit], sides: tuple[str, ...]) -> tuple[tuple[Run, ...], tuple[Artefact, ...]]:
    """``c``'s body runs and artefacts once its word ``edits`` (offsets in the base's body) are made.

    Edits of one clause that neither overlap nor share a point (every uncontested edit: the merge's base is an
    amended view, all text) are made from the last, so that each one's offsets still hold, and the base's comments
    and highlights move with its words.  Edits that overlap (a conflict resolved with ``side="all"``) are made one
    over the other, by side in the merge's order (:func:`_over`).
    """
    if not edits:
        return c.runs, c.artefacts
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    if any(
        b.start < a.end or (a.start == a.end == b.start == b.end) for a, b in zip(ordered, ordered[1:], strict=False)
    ):
        return _over(c, sorted(ordered, key=lambda e: sides.index(e.side) if e.side in sides else len(sides)))
    runs = c.runs
    for e in reversed(ordered):
        runs = edit_runs(runs, e.start, e.end, e.new, e.author, e.date)
    # the base's comments and highlights move with its words; the proposals' go on the same words
    return runs, _moved_offsets(c, runs) if c.artefacts and runs is not c.runs else c.artefacts


def _over(c: Clause, edits: list[Edit]) -> tuple[tuple[Run, ...], tuple[Artefact, ...]]:
    """:func:`_edited` for edits that overlap: each made, in the order given, over what the ones before it made.

    An edit's base offsets are read in the runs as they stand (:func:`_amended_span`): text an earlier edit
    inserted strictly inside its base words is inside its span, text inserted at either end is not.  Another
    side's insertion it takes out is kept as a ``struck-insert`` (struck by this edit's author, inserted by the
    other's: :func:`~itu_nb.amendments.wording.edited_artefacts`), never dropped: rejecting the edit brings it
    back; the base's comments and highlights move with its words at each step.
    """
    for e in edits:
        start, end = _amended_span(c.runs, e.start, e.end)
        struck: list[tuple[int, Run]] = []
        runs = edit_runs(c.runs, start, end, e.new, e.author, e.date, struck=struck)
        arts = _moved_offsets(c, runs) if c.artefacts else ()
        c = dataclasses.replace(c, runs=runs, artefacts=edited_artefacts(c, runs, arts, struck, e.author, e.date))
    return c.runs, c.artefacts


def _amended_span(runs: tuple[Run, ...], start: int, end: int) -> tuple[int, int]:
    """``[start, end)``, offsets in the original view of ``runs`` (the base's text, which edits never change), as
    offsets in their amended view: the start after the text inserted at it, the end before the text inserted at it;
    an insertion point (``start == end``) after the text inserted there, so that insertions follow one another.
    """
    at = _amended_at(runs, start, after=True)
    return (at, at) if start == end else (at, _amended_at(runs, end, after=False))


def _amended_at(runs: tuple[Run, ...], x: int, *, after: bool) -> int:
    """The amended offset of original offset ``x`` of ``runs``: after the text inserted at ``x`` or before it."""
    amended = original = 0
    for r in runs:
        n = len(r.text)
        if r.op is Op.INSERT:
            if original < x or (after and original == x):
                amended += n
                continue
            return amended
        if original <= x < original + n:
            return amended + (x - original if r.op is Op.EQUAL else 0)
        original += n
        if r.op is Op.EQUAL:
            amended += n
    return amended


def _left_out(
    edits: tuple[Edit, ...], slots: dict[str | None, dict[str | None, list[Edit]]]
) -> tuple[dict[int, list[Clause]], dict[str | None, list[list[Artefact]]]]:
    """Where the marks of clauses inserted by a proposal but left out of the draft go.

    Returns, by ``id`` of an insertion in the draft, the same clauses other proposals inserted (their marks go
    on its copy); and, by base path, the marks of the rest: to the end of the base clause the clause was to
    follow, else of the clause it was to go in, else (None) the start of the text.
    """
    placed = [e for slot in slots.values() for run in slot.values() for e in run]
    by_key = {e.key: e for e in placed}
    ids = {id(e) for e in placed}
    twins: dict[int, list[Clause]] = {}
    orphans: dict[str | None, list[list[Artefact]]] = {}
    for e in edits:
        if e.kind != "inserted" or id(e) in ids or e.clause is None:
            continue
        marks = [a for n in e.clause.walk() for a in n.artefacts if a.kind in MARKS]
        if not marks:
            continue
        twin = by_key.get(e.key)
        if twin is not None:
            twins.setdefault(id(twin), []).append(e.clause)
        else:
            orphans.setdefault(e.after or e.path, []).append(marks)
    return twins, orphans


def _unmoved(c: Clause, moved: Counter[tuple]) -> tuple[Artefact, ...]:
    """``c``'s artefacts but the marks a clause inserted in the draft carries: ``c`` is struck, and a proposal
    moved it there (the same text, and on it the same comment or highlighted characters; each taken once).
    """
    source = "".join(r.text for r in c.label_runs + c.runs)
    body = runs_text(c.runs, "original")
    out = []
    for a in c.artefacts:
        key = (body, mark_key(source, a)) if a.kind in MARKS else None
        if key is not None and moved[key]:
            moved[key] -= 1
            continue
        out.append(a)
    return tuple(out)


def _twin_marks(copy: Clause, twin: Clause) -> Clause:
    """``copy`` (an inserted clause in the draft) with the marks of ``twin``, the same clause another proposal
    inserted (the same text: offsets count the same characters), node by node.
    """
    kids = tuple(_twin_marks(k, t) for k, t in zip(copy.children, twin.children, strict=False))
    marks = [a for a in view_artefacts(twin, "amended") if a.kind in MARKS]
    out = dataclasses.replace(copy, children=kids + copy.children[len(kids) :])
    if not marks:
        return out
    text = runs_text(copy.label_runs + copy.runs, "amended")
    return carry(out, [("twin", text, a) for a in marks])
