"""Edits as spans of a base clause, and the one rule saying when two edits conflict.

:func:`itu_nb.merge` (its conflicts) and :func:`itu_nb.compare_many` (its
``divergence`` status) both read versions of a text as :class:`Edit` objects of
the base and ask :func:`clash` whether two of them collide, so a merge reports a
conflict exactly where compare_many reports a divergence.  :func:`run_edits` is
the one place where a clause's runs become spans of its base text, and
:func:`relettering` the one place that says which label edits are relettering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itu_nb.model import Clause, Op, Proposal, Run
from itu_nb.model.comparison import Comparison

__all__ = ["EDIT_KINDS", "Edit", "clash", "cover", "relettering", "run_edits", "same_edit"]

#: What an edit changes: ``text`` (words of a clause's body), ``label`` (the clause's label),
#: ``deleted`` (the whole clause) or ``inserted`` (a new clause under the base clause ``path``), in
#: the words of :data:`itu_nb.model.CHANGE_KINDS`.
EDIT_KINDS = ("text", "label", "deleted", "inserted")


@dataclass(frozen=True)
class Edit:
    """One version's edit of a base text: replace ``old`` at ``[start, end)`` of clause ``path`` by ``new``.

    Offsets count characters of the base clause's body (``kind="text"``), of its
    label (``kind="label"``), or span its whole body (``kind="deleted"``; ``old``
    is then the deleted clause's text, for display).  An insertion point has
    ``start == end``.  ``kind="inserted"`` is a new clause placed under the base
    clause ``path`` (None: the top level) after the base sibling ``after`` (None:
    first); ``clause`` is that clause as the version has it.

    ``side``, ``author`` and ``date`` say whose edit it is; ``relettered`` marks a
    label edit that follows from the same version inserting or deleting a clause
    in that list (relettering, not a relabel of its own).  ``order`` keeps a
    version's insertions in its reading order.
    """

    kind: str
    path: str | None
    start: int = 0
    end: int = 0
    old: str = ""
    new: str = ""
    side: str | None = None
    author: str | None = None
    date: str | None = None
    after: str | None = None
    clause: Clause | None = field(default=None, repr=False)
    relettered: bool = False
    order: int = 0

    @property
    def key(self) -> tuple:
        """What makes two versions' edits the same edit: clause, kind, place, span and new text."""
        new = self.clause.text("amended") if self.kind == "inserted" and self.clause is not None else self.new
        return (self.path, self.kind, self.after, self.start, self.end, new)


def same_edit(a: Edit, b: Edit) -> bool:
    """Whether ``a`` and ``b`` are the same edit (same clause, kind, span and new text): agreement."""
    return a.key == b.key


def clash(a: Edit, b: Edit) -> bool:
    """Whether two edits of one base text conflict: the rule of diff3 and git, for merge and compare_many.

    Two different edits of the same clause conflict when their spans overlap *or
    touch*: one ends exactly where the other starts, an insertion point lies at the
    start, at the end or inside the other's span, or both insert at the same point.
    At least one unchanged character between them (the space between two words)
    keeps them apart.  The same edit (same span, same new text) is agreement, never
    a conflict.  Labels are compared with labels only (a label's offsets are not the
    body's), and a label edit that is relettering (``relettered``) never conflicts:
    the list's labels follow its clauses.  A deleted clause spans its whole body,
    so it conflicts with every other edit of that body.  Which side made an edit is
    the caller's business (one version's own edits never conflict).

    ===============================================  =====================  ============
    base ``to give high priority to the work``       edits ``[start,end)``  conflict
    ===============================================  =====================  ============
    A: "high" → "top";  B: "high" → "the highest"    [8,12) / [8,12)        yes
    A: "high" → "top";  B: "high" → "top"            [8,12) / [8,12)        no (same)
    A: "to give" → "giving";  B: "high" → "top"      [0,7) / [8,12)         no (a space)
    A: "give " → "";  B: "high" → "top"              [3,8) / [8,12)         yes (touch)
    A: insert "very " at 8;  B: "high" → "top"       [8,8) / [8,12)         yes (edge)
    A: insert "very " at 8;  B: insert "the " at 8   [8,8) / [8,8)          yes
    A: insert "very " at 8;  B: insert "very " at 8  [8,8) / [8,8)          no (same)
    A: label "2" → "3";  B: "to" → "To" (body)       label / text           no
    A: label "2" → "3";  B: label "2" → "4"          label / label          yes
    ===============================================  =====================  ============

    Examples
    --------
    >>> clash(Edit("text", "resolves/2", 3, 8, "give ", ""), Edit("text", "resolves/2", 8, 12, "high", "top"))
    True
    """
    if a.path != b.path or same_edit(a, b):
        return False
    if (a.kind == "label") != (b.kind == "label"):
        return False  # a label's offsets are not the body's
    if a.relettered or b.relettered:
        return False
    if "inserted" in (a.kind, b.kind):
        return False  # new clauses compete for a place (after, path), not for words
    return a.start <= b.end and b.start <= a.end


def cover(edits) -> tuple[int, int]:
    """``[start, end)`` that ``edits`` (of one clause) cover together: the words a conflict contests."""
    return min(e.start for e in edits), max(e.end for e in edits)


def run_edits(runs: tuple[Run, ...] | list[Run], offset: int = 0) -> list[tuple[int, int, str, str]]:
    """The changes of ``runs`` as ``(start, end, old, new)`` spans of their original text.

    Each maximal stretch of non-equal runs is one span; offsets count the
    characters of the runs that are not insertions, from ``offset`` (the piece of a
    split clause starts where the piece before it ended).
    """
    out: list[tuple[int, int, str, str]] = []
    pos = start = offset
    old: list[str] = []
    new: list[str] = []
    for r in runs:
        if r.op is Op.EQUAL:
            if old or new:
                out.append((start, pos, "".join(old), "".join(new)))
                old, new = [], []
            pos += len(r.text)
            start = pos
        elif r.op is Op.DELETE:
            old.append(r.text)
            pos += len(r.text)
        else:
            new.append(r.text)
    if old or new:
        out.append((start, pos, "".join(old), "".join(new)))
    return out


def _parents(p: Proposal) -> dict[str, str | None]:
    """Clause path → its parent's path (None at the top level), for every clause of ``p``."""
    out: dict[str, str | None] = {}

    def walk(nodes, parent):
        for n in nodes:
            out[n.path] = parent
            walk(n.children, n.path)

    walk(p.clauses, None)
    return out


def relettering(c: Comparison) -> set[str]:
    """Paths of the base clauses whose label edits in ``c`` are relettering.

    They are the clauses of a list (the children of one clause, or the top level) in which
    ``c`` inserts or deletes a clause; a moved, split or merged clause leaves one list and
    enters another.  Such label edits are marked :attr:`Edit.relettered`:
    :func:`itu_nb.merge` reletters those lists itself, and neither it nor
    :func:`itu_nb.compare_many` counts them as a clash.
    """
    old_parent, new_parent = _parents(c.old), _parents(c.new)
    kept = {p.new.path: p.old.path for p in c.pairs if p.old is not None and p.new is not None}
    reshaped: set[str | None] = set()
    for p in c.pairs:
        if p.old is None or p.kind in ("moved", "split", "merged"):
            parent = new_parent.get(p.new.path) if p.new is not None else None
            reshaped.add(kept.get(parent, parent) if parent is not None else None)
        if p.new is None or p.kind in ("moved", "split", "merged"):
            reshaped.add(old_parent.get(p.old.path) if p.old is not None else None)
    return {path for path, parent in old_parent.items() if parent in reshaped}
