"""A comparison as a proposal whose tracked changes are its word diff.

:func:`comparison_proposal` is what :meth:`Comparison.to_proposal
<itu_nb.model.comparison.Comparison.to_proposal>` returns, and what ``accept``/``reject`` on a
comparison and every export of a comparison start from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from itu_nb.model.clause import Clause, NodeKind
from itu_nb.model.proposal import Proposal
from itu_nb.model.runs import Op, Run, join_runs, runs_text

__all__ = ["comparison_proposal"]


@dataclass
class _Builder:
    kind: NodeKind
    path: str
    section: str | None
    label_runs: list[Run]
    runs: list[Run]
    children: list[_Builder] = dataclasses.field(default_factory=list)

    uid: str | None = None

    def freeze(self) -> Clause:
        return Clause(
            self.kind,
            self.path,
            join_runs(self.label_runs),
            join_runs(self.runs),
            tuple(c.freeze() for c in self.children),
            self.section,
            uid=self.uid if self.uid != self.path else None,
        )


def _sign(runs, author: str | None, date: str | None) -> list[Run]:
    return [
        dataclasses.replace(r, author=r.author or author, date=r.date or date) if r.op is not Op.EQUAL else r
        for r in runs
    ]


def comparison_proposal(comparison, *, author: str | None = None, date: str | None = None) -> Proposal:
    """A proposal whose tracked changes are a comparison's word diff, clause by clause.

    The tree is the new text's; a deleted clause is put back where it stood, under
    the clause its old parent became (at the top when that parent is gone too); the
    pieces of a merged clause are joined (the old labels of its later pieces deleted where
    they stood), and the later pieces of a split clause get their new label as an
    insertion, so each view holds each clause's words once.  A moved clause stands at its
    new place only; a split clause reads, in the original view, as its pieces in
    separate paragraphs, and a merged clause as one paragraph, its old pieces kept apart by
    a deleted space where nothing else separates them.  Paths are the new paths (a deleted clause
    keeps its old path, with ``#2``… when the new text uses it).  Each clause keeps the
    :attr:`~itu_nb.model.Clause.key` of the clause that stands for its pair (the new clause,
    the old one when deleted), so its changes have the ids of the comparison's
    :attr:`~itu_nb.model.comparison.Comparison.changes`.
    """
    parents: dict[int, Clause | None] = {}
    for side in (comparison.old, comparison.new):
        for node in side.walk():
            for child in node.children:
                parents[id(child)] = node
    drafts: dict[int, _Builder] = {}  # id(clause) of either side → its draft
    top: list[_Builder] = []
    used = {n.path for n in comparison.new.walk()}
    for pair in comparison.pairs:
        clause = pair.new if pair.new is not None else pair.old
        labels, runs = _sign(pair.label_runs, author, date), _sign(pair.runs, author, date)
        if id(clause) in drafts:  # a merged clause: the next old piece, its old label deleted where it stood
            draft = drafts[id(clause)]
            gone = runs_text(pair.old.label_runs, "amended") if pair.old is not None else ""
            before, after = runs_text(draft.runs, "original"), gone + runs_text(runs, "original")
            # the old pieces were paragraphs of their own: a deleted space keeps their words apart
            gap = " " if before and after and not before[-1].isspace() and not after[0].isspace() else ""
            draft.runs += _sign([Run(Op.DELETE, gap + gone)], author, date) + runs
            if pair.old is not None:
                drafts[id(pair.old)] = drafts[id(clause)]
            continue
        if pair.kind == "split" and pair.part > 0:  # the old label stays with the first piece only
            labels = _sign([Run(Op.INSERT, runs_text(pair.new.label_runs, "amended"))], author, date)
        path = clause.path
        if pair.new is None:
            n = 2
            while path in used:
                path, n = f"{clause.path}#{n}", n + 1
            used.add(path)
        draft = _Builder(clause.kind, path, clause.section, list(labels), list(runs), uid=clause.key)
        drafts[id(clause)] = draft
        if pair.old is not None:
            drafts.setdefault(id(pair.old), draft)
        parent = parents.get(id(clause))
        home = drafts.get(id(parent)) if parent is not None else None
        (home.children if home is not None else top).append(draft)
    new = comparison.new
    return Proposal(new.id, new.action, new.target, tuple(d.freeze() for d in top), provenance=("comparison",))
