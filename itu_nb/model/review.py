"""Review tracked changes: accept, reject, or decide many at once.

Every operation returns a new :class:`~itu_nb.model.Proposal`; nothing is changed in
place, and the new proposal's ``provenance`` says what was done.  Change ids are those
of ``proposal.changes`` (``"<clause key>@<digest>"``, stable: see :mod:`itu_nb.model.change`),
so an id names the same change before and after other changes are decided.  A merged :class:`~itu_nb.amendments.merging.Draft`
also remembers the changes decided, so that :meth:`~itu_nb.amendments.merging.Draft.resolve` can
decide them again on the draft it rebuilds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from itu_nb.errors import AddressError
from itu_nb.model.change import Change, change_groups
from itu_nb.model.runs import Op, Run, join_runs

if TYPE_CHECKING:  # types only: Proposal.accept imports this module, not the other way round
    from itu_nb.model.clause import Clause
    from itu_nb.model.proposal import Proposal

__all__ = ["accept", "change_by_id", "decide", "reject"]


def _select(proposal: Proposal, ids, author, section) -> set[str]:
    changes = proposal.changes
    if isinstance(ids, str):
        ids = [ids]
    chosen: Iterable[Change] = changes
    if ids is not None:
        known = {c.id for c in changes}
        unknown = [i for i in ids if i not in known]
        if unknown:
            near = sorted(known, key=lambda k: (k.split("@")[0] != unknown[0].split("@")[0], k))[:6]
            raise AddressError(f"{proposal.id}: no change {unknown[0]!r}; changes include {near}")
        wanted = set(ids)
        chosen = [c for c in chosen if c.id in wanted]
    if author is not None:
        chosen = [c for c in chosen if c.author == author]
    if section is not None:
        chosen = [c for c in chosen if c.section == section or c.path == section or c.path.startswith(section + "/")]
    return {c.id for c in chosen}


def _apply(proposal: Proposal, accepted: set[str], rejected: set[str]) -> Proposal:
    """Settle the chosen changes in one pass: accepted keep their insertions, rejected their deletions."""
    both = accepted & rejected
    if both:
        raise ValueError(f"{proposal.id}: change {sorted(both)[0]!r} is both accepted and rejected")

    def settle(node: Clause) -> tuple[Clause, ...]:
        """The node with its chosen changes settled: itself, or nothing when it no longer exists, or
        its children when only they remain (they move up a level, as in a view).
        """
        runs = node.label_runs + node.runs
        kept: list[Run | None] = list(runs)
        changes = node.changes if node.changed else ()
        twins = Counter((c.scope == "label", c.old, c.new) for c in changes)
        settled = list(node.settled)
        for change, (a, b) in zip(changes, change_groups(runs), strict=True):
            cid = change.id
            if cid in accepted:
                keep = Op.INSERT
            elif cid in rejected:
                keep = Op.DELETE
            else:
                continue
            if twins[(change.scope == "label", change.old, change.new)] > 1 or change.rank:
                settled.append(change.id)  # identical changes left keep their ranks, and ids
            for i in range(a, b):
                kept[i] = dataclasses.replace(runs[i], op=Op.EQUAL) if runs[i].op is keep else None
        n_label = len(node.label_runs)
        label = [r for r in kept[:n_label] if r is not None]
        body = [r for r in kept[n_label:] if r is not None]
        children = tuple(c for ch in node.children for c in settle(ch))
        if not label and not body and (node.label_runs or node.runs):
            return children  # a whole clause that no longer exists: what was under it stays
        return (
            dataclasses.replace(
                node, label_runs=join_runs(label), runs=join_runs(body), children=children, settled=tuple(settled)
            ),
        )

    clauses = tuple(c for node in proposal.clauses for c in settle(node))
    notes = tuple(
        f"{verb} {len(ids)} change{'s' if len(ids) != 1 else ''}"
        for verb, ids in (("accepted", accepted), ("rejected", rejected))
        if ids
    )
    out = dataclasses.replace(proposal, clauses=clauses, provenance=proposal.provenance + notes)
    remember = getattr(proposal, "_reviewed", None)  # a merged Draft keeps its decisions for Draft.resolve
    if remember is not None and (accepted or rejected):
        changes = proposal.changes
        out = remember(out, [c for c in changes if c.id in accepted], [c for c in changes if c.id in rejected])
    return out


def accept(proposal: Proposal, ids: str | Iterable[str] | None = None, *, author=None, section=None) -> Proposal:
    """Accept tracked changes: insertions become text, deletions disappear.

    Parameters
    ----------
    proposal : Proposal
    ids : str or iterable of str, optional
        Change ids (``"considering/b#2@5c1f0e2a"``, see ``proposal.changes``); all when omitted.
    author : str, optional
        Only changes by this author.
    section : str, optional
        Only changes in this section (``"considering"``) or under this path.

    Returns
    -------
    Proposal
        A new proposal; the changes not selected stay tracked.

    Examples
    --------
    Accept Brazil's changes to the considering section of Resolution 130 and keep the rest
    tracked: its relettering of c) as b) becomes the label, no longer a change.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> p = doc["B/67/4"]
    >>> draft = p.accept(section="considering")
    >>> draft["considering/b#2"].label, draft["considering/b#2"].relabelled
    ('b)', False)
    >>> draft["heading"].status, draft.changed
    ('modified', True)
    """
    return _apply(proposal, _select(proposal, ids, author, section), set())


def reject(proposal: Proposal, ids: str | Iterable[str] | None = None, *, author=None, section=None) -> Proposal:
    """Reject tracked changes: deletions are restored, insertions disappear.

    Same parameters as :func:`accept`.
    """
    return _apply(proposal, set(), _select(proposal, ids, author, section))


def decide(proposal: Proposal, accepted: Iterable[str] = (), rejected: Iterable[str] = ()) -> Proposal:
    """Accept some changes and reject others in one step (what the redline viewer does).

    Change ids are those of ``proposal.changes``; they stay the same when other changes
    are decided, so deciding id by id on successive versions gives the same result.
    """
    return _apply(
        proposal, _select(proposal, list(accepted), None, None), _select(proposal, list(rejected), None, None)
    )


def change_by_id(proposal: Proposal, change_id: str) -> Change:
    """The :class:`Change` with this id, or an :class:`AddressError` listing near ids."""
    for c in proposal.changes:
        if c.id == change_id:
            return c
    _select(proposal, [change_id], None, None)
    raise AddressError(change_id)  # pragma: no cover - _select raised already
