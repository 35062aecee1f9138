"""Merge several proposals onto one base text: one consolidated draft, and its conflicts as data.

Each proposal is compared with the base (:func:`itu_nb.diff.twoway`, amended views) and
its differences become edits of the base: word changes inside a clause, whole
clauses deleted or inserted (a moved, split or merged clause is a deletion where
it was and an insertion where it goes).  Edits that no other proposal contests go
into the draft as tracked changes by their proposal's author.  Contested ones
stay out of the draft and are listed as conflicts:

- ``overlap``: two proposals change overlapping or touching words differently
  (one change ends where the other starts, one inserts at the edge of or inside
  words the other changes, or both insert different words at the same point);
  the rule is :func:`itu_nb.diff.spans.clash`, the one :func:`itu_nb.compare_many`
  uses for its ``divergence``;
- ``label``: two proposals renumber the same clause differently in a list neither
  reshapes;
- ``delete-modify``: one deletes (or moves away) a clause another modifies, or
  inserts into;
- ``same-slot``: different clauses inserted at the same place.

Identical edits from several proposals are agreement, not conflict.  Changes with
at least one unchanged character between them (two neighbouring words) never
conflict, even in the same clause.  Labels: a list touched by one proposal gets that
proposal's labels; a list in which several insert or delete clauses is relettered
automatically (as relabels): those relabels are relettering, not conflicts.

The analyst's comments and highlights reach the draft from the base and from every proposal, on the
words they were made on, with their author and date (:mod:`itu_nb.amendments.marks`); where those words
did not reach the draft they stand where the words stood, never dropped, and each is shown once.
"""

from __future__ import annotations

from collections import Counter

from itu_nb.amendments.conflicts import Conflict, Edit, find_conflicts, side_edits
from itu_nb.amendments.drafting import Draft, _build, _Plan
from itu_nb.amendments.relettering import repath
from itu_nb.loaders.coerce import as_proposal
from itu_nb.model import Artefact, Proposal

__all__ = ["Conflict", "Draft", "merge"]


def _name(proposal: Proposal, taken: set[str]) -> str:
    authors = Counter(c.author for c in proposal.changes if c.author)
    for name in (*(a for a, _ in authors.most_common(1)), proposal.id):
        if name not in taken:
            return name
    n = 2
    while f"{proposal.id} ({n})" in taken:
        n += 1
    return f"{proposal.id} ({n})"


def merge(base, proposals, *, authors: dict[str, str] | None = None) -> Draft:
    """Apply several proposals (each a MOD of the same text) to ``base``: one draft, and its conflicts.

    Two proposals' edits conflict when they overlap or touch (the rule of
    :func:`itu_nb.diff.spans.clash`, the one :func:`itu_nb.compare_many` calls a
    divergence): changes of the same words, one ending where the other starts, an
    insertion at the edge of or inside another's change, two different insertions at
    one point.  The same edit by several proposals is agreement, applied once; edits
    with at least one unchanged character between them (the space between two words)
    are both applied.

    Parameters
    ----------
    base : Proposal, Document with one text, Clause, path, str or bytes
        The text the proposals modify (e.g. the resolution in force), read by
        :func:`itu_nb.loaders.as_proposal`; its amended view is used.
    proposals : list of proposals, or dict of str to proposal
        Each (anything ``base`` may be) is compared with the base (its amended view
        against the base).  A dict names the sides, as :func:`itu_nb.compare_many`
        does: the name is the side's name in ``conflicts`` and the author of its
        changes in the draft when the proposal has no authored change of its own.
    authors : dict, optional
        Proposal id (or, for a dict, side name) → author name for the draft's changes
        (default: the author most common among the proposal's own changes, else its
        name).  In a list, each proposal's side in ``conflicts`` is named by that author
        too (else by its id).

    Returns
    -------
    Draft
        A Proposal whose tracked changes are the uncontested edits, each by its
        proposal's author; ``.conflicts`` (DataFrame) lists the rest;
        ``.resolve(conflict, side=… | text=…)`` settles one.

    Examples
    --------
    Two amendments of resolves 2 of Resolution 130 that replace the same words differently
    conflict; the draft lists the conflict, and resolving it gives the next draft.

    >>> res130 = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cept = itu_nb.amend(res130, 'In resolves 2, replace "high priority" by "priority"', author="CEPT")
    >>> apt = itu_nb.amend(res130, 'In resolves 2, replace "high priority" by "the highest priority"', author="APT")
    >>> draft = itu_nb.merge(res130, [cept, apt])
    >>> draft.conflicts[["conflict", "citation", "side", "old", "new"]].values.tolist()
    [['c1', 'resolves 2', 'APT', 'high', 'the highest'], ['c1', 'resolves 2', 'CEPT', 'high ', '']]
    >>> final = draft.resolve("c1", side="APT")
    >>> final["resolves/2"].body()[:40]
    'to give the highest priority to the work'
    """
    base = as_proposal(base, single=True)
    if base.changed:
        base = repath(base.amended)
    named = proposals.items() if isinstance(proposals, dict) else ((None, p) for p in proposals)
    names: list[str] = []
    edits: list[Edit] = []
    marks: list[tuple[str, str, str, Artefact]] = []  # every proposal's comments and highlights, for the draft
    for key, p in named:
        p = as_proposal(p, single=True)
        given = (authors or {}).get(key if key is not None else p.id)
        counts = Counter(c.author for c in p.changes if c.author)
        # a dict's keys are distinct names already
        name = key if key is not None else given if given and given not in names else _name(p, set(names))
        names.append(name)
        author = given or (counts.most_common(1)[0][0] if counts else name)
        date = next((c.date for c in p.changes if c.date), None)
        edits += side_edits(base, p, name, author, date, marks)
    _, conflicts = find_conflicts(base, edits)
    plan = _Plan(base, tuple(names), tuple(edits), tuple(conflicts), marks=tuple(marks))
    return _build(plan)
