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
from itu_nb.model.runs import Artefact, Op, Run, join_runs, runs_text

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
    artefacts: list[Artefact] = dataclasses.field(default_factory=list)

    def size(self) -> int:
        """Characters of the draft's source text so far (label and body, both views)."""
        return sum(len(r.text) for r in self.label_runs) + sum(len(r.text) for r in self.runs)

    def freeze(self) -> Clause:
        return Clause(
            self.kind,
            self.path,
            join_runs(self.label_runs),
            join_runs(self.runs),
            tuple(c.freeze() for c in self.children),
            self.section,
            artefacts=_unique(self.artefacts),
            uid=self.uid if self.uid != self.path else None,
        )


def _unique(artefacts: list[Artefact]) -> tuple[Artefact, ...]:
    """In place order; a stretch highlighted on both sides (an unchanged stretch) once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for a in sorted(artefacts, key=lambda a: a.offset or 0):
        if a.kind == "highlight":
            if (a.offset or 0, a.length) in seen:
                continue
            seen.add((a.offset or 0, a.length))
        out.append(a)
    return tuple(out)


@dataclass
class _Piece:
    """Where one clause of either side stands in a draft: its label's runs and its body's runs."""

    draft: _Builder
    label_at: int
    label: list[Run]
    body_at: int
    body: list[Run]
    whole: Op  # the op of a clause that is on one side only (EQUAL otherwise)


def _at(runs: list[Run], at: int, view: str, whole: Op) -> tuple[int, Op]:
    """Where place ``at`` of ``view``'s text of ``runs`` is in their source text, and the op of the run it
    follows (of the first run of the view at 0): a place between the two sides' runs of a replacement
    sticks to its own side's text.  Past the end of the view's text: its end.
    """
    pos = seen = 0
    last: tuple[int, Op] | None = None
    for r in runs:
        if r.op.in_view(view) and r.text:
            if at <= seen + len(r.text) and (at > seen or last is None):
                return pos + at - seen, r.op
            seen += len(r.text)
            last = (pos + len(r.text), r.op)
        pos += len(r.text)
    return last if last is not None else (0, whole)


def _carry(clause: Clause, view: str, pieces: list[_Piece]) -> None:
    """Put ``clause``'s comments and highlights on the drafts it stands in, at their places in ``view``."""
    label = sum(len(r.text) for r in clause.label_runs)
    sizes: list[int] | None = None  # each piece's body in ``view``, measured once for all the comments
    for a in clause.artefacts:
        if a.kind not in ("comment", "highlight") or a.offset is None:
            continue
        at = a.offset
        if at < label:  # on the label: the clause's first piece holds it
            piece, runs, base, cut = pieces[0], pieces[0].label, pieces[0].label_at, at
        else:  # on the body: the piece whose text holds the place (a split clause's body is cut in pieces)
            cut, piece = at - label, pieces[-1]
            if sizes is None:
                sizes = [len(runs_text(p.body, view)) for p in pieces]
            for p, size in zip(pieces, sizes, strict=True):
                if cut <= size or p is pieces[-1]:
                    piece = p
                    break
                cut -= size
            runs, base = piece.body, piece.body_at
        start, op = _at(runs, cut, view, piece.whole)
        length = 0
        if a.length:
            length = _at(runs, cut + a.length, view, piece.whole)[0] - start
        piece.draft.artefacts.append(dataclasses.replace(a, offset=base + start, op=op, length=length))


def _sign(runs, author: str | None, date: str | None) -> list[Run]:
    return [
        dataclasses.replace(r, author=r.author or author, date=r.date or date) if r.op is not Op.EQUAL else r
        for r in runs
    ]


def _add(pieces: dict[int, list[_Piece]], sides: dict, clause: Clause, view: str, piece: _Piece) -> None:
    pieces.setdefault(id(clause), []).append(piece)
    sides[id(clause)] = (clause, view)


def comparison_proposal(comparison, *, author: str | None = None, date: str | None = None) -> Proposal:
    r"""A proposal whose tracked changes are a comparison's word diff, clause by clause.

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

    Comments and highlights of the compared texts come along, each on its clause's draft at its place,
    with its author, date and text: the new text's on its equal or inserted text, the old text's on its
    equal or deleted text (their ``op`` says which: an ``EQUAL`` one shows in both views).  A place
    between the two sides of a replacement sticks to its own side's text: a new-text comment after
    ``that`` in ``that {--was--}{++is++}`` stands before the deletion.  On a split clause, an old comment
    goes to the piece whose words it followed; on a merged one, an old piece's label comment to its
    deleted label.  A stretch highlighted on both sides at the same place is one highlight.  The sides
    are the compared views (``Comparison.old``/``new``): a comment that sat in a proposal's tracked
    change absent from the view compared (one in B/67/4's deleted text when its amended view is
    compared) is on neither side, and is not carried; nor are the comments of lines that are no clause
    (a marker or blank line: ``Document.artefacts``), which a proposal comparison does not hold.

    Examples
    --------
    >>> doc = itu_nb.load("considering\na)\tthat ICTs {>>@Brazil (2018-09-10): check<<}matter\n")
    >>> cmp = itu_nb.compare(doc[0], itu_nb.load("considering\na)\tthat ICTs do matter\n")[0])
    >>> [(a.text, a.author, a.offset, a.op.name) for a in cmp.to_proposal()["considering/a"].artefacts]
    [('check', 'Brazil', 13, 'EQUAL')]
    """
    parents: dict[int, Clause | None] = {}
    for side in (comparison.old, comparison.new):
        for node in side.walk():
            for child in node.children:
                parents[id(child)] = node
    drafts: dict[int, _Builder] = {}  # id(clause) of either side → its draft
    top: list[_Builder] = []
    used = {n.path for n in comparison.new.walk()}
    pieces: dict[int, list[_Piece]] = {}  # id(clause) of either side → where it stands, in order
    sides: dict[int, tuple[Clause, str]] = {}  # id(clause) → the clause and the view it is read in
    for pair in comparison.pairs:
        clause = pair.new if pair.new is not None else pair.old
        labels, runs = _sign(pair.label_runs, author, date), _sign(pair.runs, author, date)
        if id(clause) in drafts:  # a merged clause: the next old piece, its old label deleted where it stood
            draft = drafts[id(clause)]
            gone = runs_text(pair.old.label_runs, "amended") if pair.old is not None else ""
            before, after = runs_text(draft.runs, "original"), gone + runs_text(runs, "original")
            # the old pieces were paragraphs of their own: a deleted space keeps their words apart
            gap = " " if before and after and not before[-1].isspace() and not after[0].isspace() else ""
            at = draft.size()
            draft.runs += _sign([Run(Op.DELETE, gap + gone)], author, date) + runs
            body = at + len(gap) + len(gone)
            _add(pieces, sides, clause, "amended", _Piece(draft, 0, [], body, list(runs), Op.EQUAL))
            if pair.old is not None:
                drafts[id(pair.old)] = drafts[id(clause)]
                old_label = [Run(Op.DELETE, gone)]
                _add(
                    pieces,
                    sides,
                    pair.old,
                    "original",
                    _Piece(draft, at + len(gap), old_label, body, list(runs), Op.EQUAL),
                )
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
        body = sum(len(r.text) for r in labels)
        if pair.new is not None:
            whole = Op.INSERT if pair.old is None else Op.EQUAL
            _add(pieces, sides, pair.new, "amended", _Piece(draft, 0, list(labels), body, list(runs), whole))
        if pair.old is not None:
            whole = Op.DELETE if pair.new is None else Op.EQUAL
            _add(pieces, sides, pair.old, "original", _Piece(draft, 0, list(labels), body, list(runs), whole))
        parent = parents.get(id(clause))
        home = drafts.get(id(parent)) if parent is not None else None
        (home.children if home is not None else top).append(draft)
    for key, got in pieces.items():
        _carry(*sides[key], got)
    new = comparison.new
    return Proposal(new.id, new.action, new.target, tuple(d.freeze() for d in top), provenance=("comparison",))
