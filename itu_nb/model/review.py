"""Review tracked changes: accept, reject, or decide many at once.

Every operation returns a new :class:`~itu_nb.model.Proposal`; nothing is changed in
place, and the new proposal's ``provenance`` says what was done.  Change ids are those
of ``proposal.changes`` (``"<clause key>@<digest>"``, stable: see :mod:`itu_nb.model.change`),
so an id names the same change before and after other changes are decided.  A merged :class:`~itu_nb.amendments.merging.Draft`
also remembers the changes decided, so that :meth:`~itu_nb.amendments.merging.Draft.resolve` can
decide them again on the draft it rebuilds.

The analyst's marks stay on their characters: a clause's artefacts (comments, highlights, bookmarks, note
marks) count offsets in its runs, so a decision that takes runs out moves every artefact after them back
(:func:`settled_artefacts`), one inside them to where they stood, and a clause gone entirely gives its comments
and highlights to the clause before it; a moved copy gone with its move gives them back to its struck original
(:mod:`itu_nb.model.moved`).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from itu_nb.errors import AddressError
from itu_nb.model.change import Change, change_groups
from itu_nb.model.clause import NodeKind, placer
from itu_nb.model.moved import ANALYST_KINDS as _ANALYST_KINDS
from itu_nb.model.moved import moved_back as _moved_back
from itu_nb.model.runs import Artefact, Op, Run, join_runs
from itu_nb.model.struck import STRUCK as _STRUCK
from itu_nb.model.struck import fates as _struck_fates
from itu_nb.model.struck import restore as _restore
from itu_nb.model.struck_ids import distinct as _distinct
from itu_nb.model.struck_ids import struck_changes as _struck_changes
from itu_nb.model.struck_lists import plan as _plan
from itu_nb.model.struck_lists import rewrite as _rewrite

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


def _apply(proposal: Proposal, accepted: set[str], rejected: set[str], moves=None, whole=None) -> Proposal:
    """Settle the chosen changes in one pass: accepted keep their insertions, rejected their deletions.

    ``moves`` (copy key → key of its struck original, as a review recorded them) pairs a rejected move's
    copy with its original (:func:`itu_nb.model.moved.moved_back`).  ``whole``: ``(rejecting, author)`` when
    the decision is every change (author :data:`_EVERYONE`) or every change of one author's (:func:`_whole`).
    A struck-insert no change of its striker's holds is settled by its own change's id
    (:mod:`itu_nb.model.struck_ids`).
    """
    lists = _plan(proposal, accepted, rejected)  # (a clause struck whole: its list lettered as the strikes left imply)
    accepted = (accepted | lists.accepted) - lists.dropped
    rejected = rejected | lists.rejected
    both = accepted & rejected
    if both:
        raise ValueError(f"{proposal.id}: change {sorted(both)[0]!r} is both accepted and rejected")
    follows: dict[str | None, Op | None] = {}

    def follow(inserter: str | None) -> Op | None:
        """How text ``inserter`` inserted and another struck comes back when the strike is rejected
        (:func:`itu_nb.model.struck.fates`): with the decision on every change of the inserter's when it decides
        them all one way, else as the inserter's insertion.
        """
        if inserter not in follows:
            ids = {c.id for c in proposal.changes if c.author == inserter}
            if whole is not None and whole[0] and whole[1] is _EVERYONE:  # reject(): no insertion left behind
                follows[inserter] = None  # (not even one whose inserter has no change left to find)
            else:
                follows[inserter] = (
                    None if ids and ids <= rejected else Op.EQUAL if ids and ids <= accepted else Op.INSERT
                )
        return follows[inserter]

    # the authors every change of whose is rejected, by id (a decision on one author's: :func:`_whole`): the text
    # each inserted and another struck goes too, as with reject(author=...)
    gone = _all_rejected(proposal, rejected) if whole is None and rejected else set()
    lone: dict[int, str] = {}  # a node's struck-inserts no change of their striker's holds → their own ids
    any_struck = any(c.kind == _STRUCK and (c.id in accepted or c.id in rejected) for c in proposal.changes)

    def alone(a: Artefact) -> tuple[bool, Op | None]:
        """A struck-insert no change of its striker's holds (its own change: :mod:`itu_nb.model.struck_ids`),
        settled by a decision on every change (or every one of its striker's): accepting drops it, rejecting every
        change drops it too (its insertion is rejected with them), rejecting its striker's brings it back (as
        :func:`follow` says); else by its own id: accepted drops it, rejected brings it back (as :func:`follow`).
        """
        inserter = a.inserted[0] if a.inserted else None
        if whole is None or (whole[1] is not _EVERYONE and whole[1] != a.author):
            cid = lone.get(id(a))
            if cid in accepted:
                return True, None
            if cid in rejected:
                return True, follow(inserter)
            return False, None
        if not whole[0]:
            return True, None
        return True, None if whole[1] is _EVERYONE else follow(inserter)

    def settle(node: Clause) -> tuple[tuple[Clause, ...], list[Artefact]]:
        """The node with its chosen changes settled: itself, or nothing when it no longer exists, or
        its children when only they remain (they move up a level, as in a view); and the comments and
        highlights of a node that no longer exists, for :func:`settle_all` to give to a neighbour.
        """
        runs = node.label_runs + node.runs
        kept: list[Run | None] = list(runs)
        changes = node.changes if node.changed else ()
        twins = Counter((c.scope == "label", c.old, c.new) for c in changes)
        settled = list(node.settled)
        decided: list[int] = []  # indices of the runs of the changes decided
        unstruck: set[int] = set()  # those of the changes rejected (a strike rejected: struck_inserts come back)
        uninserted = False  # the clause's insertion (the whole clause inserted) rejected
        for change, (a, b) in zip(changes, change_groups(runs), strict=True):
            cid = change.id
            if cid in accepted:
                keep = Op.INSERT
            elif cid in rejected:
                keep = Op.DELETE
                unstruck.update(range(a, b))
                uninserted = uninserted or (change.kind == "inserted" and change.scope == "clause")
            else:
                continue
            if twins[(change.scope == "label", change.old, change.new)] > 1 or change.rank:
                settled.append(change.id)  # identical changes left keep their ranks, and ids
            for i in range(a, b):  # what stays is plain text, no one's (it joins the text around it)
                kept[i] = Run(Op.EQUAL, runs[i].text) if runs[i].op is keep else None
            decided.extend(range(a, b))
        artefacts = node.artefacts
        fate: dict[int, Op | None] = {}
        lone.clear()
        own = _struck_changes(node, runs) if artefacts and any_struck else ()
        alike = Counter((c.old, c.inserter) for _, c in _distinct(own))  # (a clause kept whole: one change)
        for j, change in own:
            if change.id in accepted or change.id in rejected:
                lone[id(artefacts[j])] = change.id
                if change.rank or alike[(change.old, change.inserter)] > 1:
                    settled.append(change.id)  # (as identical run changes: the twins left keep their ranks)
        if artefacts and decided:
            fate = _struck_fates(runs, artefacts, set(decided) - unstruck, unstruck, follow, alone)
            artefacts = settled_artefacts(runs, kept, decided, artefacts)
        elif (whole or lone) and any(a.kind == _STRUCK for a in artefacts):  # (no run decided: none moves)
            fate = _struck_fates(runs, artefacts, set(), set(), follow, alone)
        if whole is not None and whole[1] is not _EVERYONE and _any_inserted(whole[1], node.artefacts):
            fate = dict(fate)
            for j, art in enumerate(node.artefacts):  # the inserter's decision: on his insertion, the strike as is
                if j not in fate and art.kind == _STRUCK and art.inserted and art.inserted[0] == whole[1]:
                    fate[j] = None if whole[0] else Op.DELETE  # never inserted, or the striker's deletion of text
        elif gone and any(a.kind == _STRUCK and a.inserted and a.inserted[0] in gone for a in node.artefacts):
            fate = dict(fate)
            for j, art in enumerate(node.artefacts):  # every change of the inserter's rejected: never inserted
                if j not in fate and art.kind == _STRUCK and art.inserted and art.inserted[0] in gone:
                    fate[j] = None
        n_label = len(node.label_runs)
        label = [r for r in kept[:n_label] if r is not None]
        body = [r for r in kept[n_label:] if r is not None]
        if uninserted and node.runs and not body:
            # the clause was never inserted: what another author made of its label (a relettering: Ana's "j" over
            # Brazil's "k") goes with it, no stray letter left
            label = []
        if fate:  # text inserted by one author and struck by another: back with its strike rejected, or gone
            new_label, new_body, artefacts = _restore(label, body, artefacts, fate)
            label, body = list(new_label), list(new_body)
        children, orphans = settle_all(node.children, False)
        if not label and not body and (node.label_runs or node.runs or (fate and not _holds_struck(artefacts))):
            # a whole clause that no longer exists: what was under it stays, and so do its comments
            return children, [a for a in artefacts if a.kind in _ANALYST_KINDS] + orphans
        out = dataclasses.replace(
            node,
            label_runs=join_runs(label),
            runs=join_runs(body),
            children=children,
            settled=tuple(settled),
            artefacts=artefacts,
        )
        return (_adopt(out, orphans, at_end=True) if orphans else out,), []

    def settle_all(nodes: tuple[Clause, ...], top: bool) -> tuple[tuple[Clause, ...], list[Artefact]]:
        """``nodes`` settled.  The comments and highlights of a node gone go to the end of the clause before
        it in ``nodes`` (not a note); when there is none, to the parent's end (returned), or at the top to the
        start of the next clause (the last one's end when none follows).
        """
        out: list[Clause] = []
        up: list[Artefact] = []
        waiting: list[Artefact] = []  # at the top, before any clause: for the next one's start
        for node in nodes:
            before = len(out)
            mine, orphans = settle(node)
            out.extend(mine)
            if orphans:
                host = next((k for k in range(before - 1, -1, -1) if out[k].kind is not NodeKind.FOOTNOTE), None)
                if host is not None:
                    out[host] = _adopt(out[host], orphans, at_end=True)
                else:
                    (waiting if top else up).extend(orphans)
            if waiting and len(out) > before:
                out[before] = _adopt(out[before], waiting, at_end=False)
                waiting = []
        if waiting and out:
            out[-1] = _adopt(out[-1], waiting, at_end=True)
        return tuple(out), up

    clauses, _ = settle_all(_moved_back(proposal.clauses, rejected, moves), True)
    if lists.letters:  # (the labels the strikes left imply)
        clauses = _rewrite(dataclasses.replace(proposal, clauses=clauses), lists.letters).clauses
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


def settled_artefacts(
    runs: tuple[Run, ...], kept: list[Run | None], decided: list[int], artefacts: tuple[Artefact, ...]
) -> tuple[Artefact, ...]:
    """``artefacts`` of a clause whose ``runs`` became ``kept`` (None: a run taken out by a decision).

    An offset counts characters of the clause's runs (label and text), so every artefact after a run
    taken out moves back by its length; one inside such a run goes to where the run stood, and a
    highlight loses the characters taken out (down to length 0: it is kept, never dropped).  An
    artefact that sat in a change decided (the runs ``decided``: its op that of a run of theirs, at
    either end) no longer sits in a change: its op becomes equal, so it shows in both views.

    Parameters
    ----------
    runs : tuple of Run
        The clause's label runs and runs before the decision.
    kept : list of Run or None
        For each run, what it became (None: taken out).
    decided : list of int
        Indices of the runs of the changes decided.
    artefacts : tuple of Artefact
        The clause's artefacts, offsets into ``runs``' text.

    Returns
    -------
    tuple of Artefact
        The same artefacts, offsets into ``kept``'s text, in the same order.
    """
    starts, ends = [], []
    pos = 0
    for run in runs:
        starts.append(pos)
        pos += len(run.text)
        ends.append(pos)
    place = placer(runs, [now is None for now in kept])
    chosen = set(decided)
    out = []
    for a in artefacts:
        op = a.op
        # (a struck-insert stays struck: a decision brings it back or drops it, model.struck.fates)
        if op is not Op.EQUAL and a.kind != _STRUCK and _sits_in(a, runs, starts, ends, chosen):
            op = Op.EQUAL
        if a.offset is None:
            out.append(a if op is a.op else dataclasses.replace(a, op=op))
            continue
        start = place(a.offset)
        length = place(a.offset + a.length) - start if a.length else 0
        if start == a.offset and length == a.length and op is a.op:
            out.append(a)
        else:
            out.append(dataclasses.replace(a, offset=start, length=length, op=op))
    return tuple(out)


def _sits_in(a: Artefact, runs, starts: list[int], ends: list[int], chosen: set[int]) -> bool:
    """Whether the change ``a`` sits in is among the runs ``chosen``: the run of its op (else any change's
    run) that holds its offset, the one it ends first where it stands between two.
    """
    at = a.offset or 0
    i = bisect_left(ends, at)  # the first run ending at or after ``at``
    near = [k for k in (i, i + 1) if k < len(runs) and starts[k] <= at <= ends[k]]
    same = [k for k in near if runs[k].op is a.op] or [k for k in near if runs[k].op is not Op.EQUAL]
    return bool(same) and same[0] in chosen


def _all_rejected(proposal: Proposal, rejected: set[str]) -> set[str | None]:
    """The authors (None: changes with no author) every change of whose ``proposal`` lists is in ``rejected``."""
    flags: dict[str | None, bool] = {}
    for c in proposal.changes:
        flags[c.author] = flags.get(c.author, True) and c.id in rejected
    return {who for who, every in flags.items() if every}


def _any_inserted(inserter: object, artefacts) -> bool:
    """Whether ``artefacts`` hold a struck-insert ``inserter`` inserted (what :func:`reject` and :func:`accept` of
    every change of the inserter's settle: rejected, it was never inserted and goes; accepted, it is text the striker
    deleted).
    """
    return any(a.kind == _STRUCK and a.inserted and a.inserted[0] == inserter for a in artefacts)


def _holds_struck(artefacts) -> bool:
    """Whether ``artefacts`` hold a struck-insert: what keeps a clause another author inserted whole and the analyst
    struck (no runs left, :func:`itu_nb.amendments.wording.delete_node`) once a decision settled the others.
    """
    return any(a.kind == _STRUCK for a in artefacts)


def _adopt(node: Clause, artefacts: list[Artefact], *, at_end: bool) -> Clause:
    """``node`` with the comments and highlights of a clause gone, at its end (or start), in both views."""
    at = sum(len(r.text) for r in node.label_runs + node.runs) if at_end else 0
    moved = tuple(dataclasses.replace(a, offset=at, length=0, op=Op.EQUAL) for a in artefacts)
    return dataclasses.replace(node, artefacts=(*node.artefacts, *moved) if at_end else (*moved, *node.artefacts))


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
    return _apply(proposal, _select(proposal, ids, author, section), set(), None, _whole(False, ids, author, section))


def reject(proposal: Proposal, ids: str | Iterable[str] | None = None, *, author=None, section=None) -> Proposal:
    """Reject tracked changes: deletions are restored, insertions disappear.

    Same parameters as :func:`accept`.
    """
    return _apply(proposal, set(), _select(proposal, ids, author, section), None, _whole(True, ids, author, section))


#: Every author (:func:`_whole`).
_EVERYONE = object()


def _whole(rejecting: bool, ids, author, section) -> tuple[bool, object] | None:
    """``(rejecting, author)`` for a decision on every change (:data:`_EVERYONE`) or on every change of ``author``'s
    (no ids, no section); None for any other.  Text one author inserted and another struck with no change of the
    striker's beside it (Word's ``w:del`` inside ``w:ins`` alone) is a change of its own
    (:mod:`itu_nb.model.struck_ids`), which such a decision selects with the others; it settles it as it settled it
    before that change existed (rejecting every change leaves no insertion behind, even one whose inserter has no
    change left to find).  A decision on every change of an inserter's is on his struck insertions too, their strikes
    left as they are: rejected, they were never made and go; accepted, they are text the striker deleted (so each
    author's decisions give the same in either order).
    """
    if ids is not None or section is not None:
        return None
    return rejecting, _EVERYONE if author is None else author


def decide(proposal: Proposal, accepted: Iterable[str] = (), rejected: Iterable[str] = (), *, moves=None) -> Proposal:
    """Accept some changes and reject others in one step (what the redline viewer does).

    Change ids are those of ``proposal.changes``; they stay the same when other changes
    are decided, so deciding id by id on successive versions gives the same result.
    ``moves`` (a mapping: the key of a moved copy → the key of its struck original, as
    :class:`itu_nb.amendments.review_state.Review` records the moves its edits make) says where a
    rejected move's comments and highlights go back (:func:`itu_nb.model.moved.moved_back`).
    """
    return _apply(
        proposal, _select(proposal, list(accepted), None, None), _select(proposal, list(rejected), None, None), moves
    )


def change_by_id(proposal: Proposal, change_id: str) -> Change:
    """The :class:`Change` with this id, or an :class:`AddressError` listing near ids."""
    for c in proposal.changes:
        if c.id == change_id:
            return c
    _select(proposal, [change_id], None, None)
    raise AddressError(change_id)  # pragma: no cover - _select raised already
