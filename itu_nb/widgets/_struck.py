"""A redline row's struck-inserts: the clause that holds them and the change that decides each.

Helpers of :func:`itu_nb.widgets._payload.viewer_rows` and :func:`~itu_nb.widgets._payload.tree_nodes`.  Text one
author inserted and another struck (a ``struck-insert`` artefact, :mod:`itu_nb.model.struck`) is in neither view, so
a proposal's redline (whose pairs hold its two views' clauses) has none: they are read from the proposal's own clauses
(``sources``, :func:`sources_of`).  Each is decided with a change (``Struck.c``): its striker's change that holds it
(:func:`settled_by`), or, when none does, its own (:mod:`itu_nb.model.struck_ids`), which joins the row's changes in
reading order (:func:`decided_by`, :func:`pair_all_changes`), as ``Proposal.changes`` lists it.

A clause another author inserted whole and the analyst struck (kept with no runs, in neither view:
:func:`itu_nb.model.struck_ids.kept_whole`) has no pair in a redline (its pairs hold the views' clauses); it gets one
of its own (:func:`with_kept`), a ``deleted`` pair with no runs at its place in reading order, whose struck-inserts
(its label and text) are the row's, decided by the clause's one change.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Mapping

from itu_nb.model import Clause, Op, Proposal, Run, change_groups
from itu_nb.model.change import Change
from itu_nb.model.comparison import ClausePair, pair_changes
from itu_nb.model.struck import STRUCK, fates, label_length
from itu_nb.model.struck_ids import distinct, kept_whole, merged, struck_changes

__all__ = [
    "decided_by",
    "own_artefacts",
    "pair_all_changes",
    "settled_by",
    "sources_of",
    "struck_count",
    "struck_counted",
    "struck_in",
    "source_of",
    "kept_label",
    "with_kept",
]


def kept_label(node) -> tuple[str, str] | None:
    """A clause kept whole's label and text as its struck-inserts say (``("j)", "that the technical …")``), for the
    viewer's citation and the tree's row; None for any other clause.
    """
    if not (node.artefacts and kept_whole(node)):
        return None
    texts = [a.text for a in node.artefacts if a.kind == STRUCK]
    head = [a.text for a in node.artefacts if a.kind == STRUCK and not a.offset]
    joined = "".join(texts)
    n = label_length(head)
    return joined[:n].strip(), " ".join(joined[n:].split())


def with_kept(proposal: Proposal, pairs: tuple) -> tuple:
    """``pairs`` (``proposal.redline().pairs``: one per clause that exists in a view, in the order of
    ``proposal.walk()``) with a ``deleted`` pair for each clause kept whole (in neither view, no runs:
    :func:`~itu_nb.model.struck_ids.kept_whole`) at its place, every pair numbered again in reading order; ``pairs``
    themselves when there is none (one walk, no copy).
    """
    nodes = [n for n in proposal.walk()]
    if not any(n.artefacts and kept_whole(n) for n in nodes):
        return pairs
    out: list = []
    k = 0
    for node in nodes:
        if k < len(pairs) and pairs[k].path == node.path:
            out.append(pairs[k])
            k += 1
        elif node.artefacts and kept_whole(node):
            out.append(ClausePair("deleted", node, None, (), (), node.section))
    out.extend(pairs[k:])  # (none: redline pairs the walk's nodes in order)
    return tuple(
        p
        if p.index == i
        else ClausePair(p.kind, p.old, p.new, p.label_runs, p.runs, p.section, i, p.similarity, p.part, p.parts,
                        p.level, p.note)
        for i, p in enumerate(out)
    )  # fmt: skip


def sources_of(obj) -> dict[str, Clause] | None:
    """A proposal's clauses by path (what holds the struck-inserts its redline shows); None for anything else."""
    return {n.path: n for n in obj.walk()} if isinstance(obj, Proposal) else None


def source_of(pair, sources: Mapping[str, Clause] | None):
    """The clause whose struck-inserts a pair shows, with the runs their offsets count in: the proposal's own clause
    at the pair's path (``sources``: a proposal's redline, whose views leave struck-inserts out: they are in
    neither), else the pair's clause itself, with the pair's runs.
    """
    if sources is not None and pair.path in sources:
        node = sources[pair.path]
        return node, node.label_runs + node.runs
    node = pair.new if pair.new is not None else pair.old
    return node, tuple(pair.label_runs) + tuple(pair.runs)


def _lone(pair, sources: Mapping[str, Clause] | None) -> list[tuple[int, Change]]:
    """The changes of the pair's struck-inserts that no change of their striker's holds (their own:
    :func:`itu_nb.model.struck_ids.struck_changes`), ``(index in the source clause's artefacts, change)`` each.
    """
    node, runs = source_of(pair, sources)
    arts = getattr(node, "artefacts", None)
    if not arts or not any(a.kind == STRUCK for a in arts) or not hasattr(pair, "index"):
        return []
    where = {"old_path": pair.old_path, "new_path": pair.new_path, "pair": pair.index, "pair_kind": pair.kind}
    return struck_changes(node, runs, **where)


def _by_offset(item: tuple) -> int:
    return item[0]


def own_artefacts(pair, sources: Mapping[str, Clause] | None) -> tuple:
    """The artefacts of the proposal's clause at the pair's path when the pair's runs are its runs (a proposal's own
    redline: ``sources``), for :func:`~itu_nb.model.comparison.pair_changes` to list a relettering over another
    author's struck label as ``Proposal.changes`` does; none for anything else.
    """
    node = sources.get(pair.path) if sources is not None else None
    if node is None or not any(a.kind == STRUCK for a in node.artefacts):
        return ()
    return node.artefacts if node.label_runs + node.runs == tuple(pair.label_runs) + tuple(pair.runs) else ()


def pair_all_changes(pair, sources: Mapping[str, Clause] | None = None) -> list[Change]:
    """A pair's changes (:func:`~itu_nb.model.comparison.pair_changes`) with those of its struck-inserts no change
    holds (``sources``: as :func:`itu_nb.widgets._payload.viewer_rows`), in reading order: the ids of ``Proposal.changes``.
    """
    changed = any(r.op is not Op.EQUAL for r in (*pair.label_runs, *pair.runs))
    own = pair_changes(pair, own_artefacts(pair, sources)) if changed else []
    lone = _lone(pair, sources)
    if not lone:
        return own
    node, runs = source_of(pair, sources)
    at = sorted(((node.artefacts[j].offset or 0, c) for j, c in distinct(lone)), key=_by_offset)
    if runs == tuple(pair.label_runs) + tuple(pair.runs):
        return merged(runs, own, at)
    return [*own, *(c for _, c in at)]  # (the pair's runs are one view's: its struck-inserts after its changes)


def struck_in(node, runs: tuple[Run, ...], pair) -> list:
    """``node``'s struck-inserts (their offsets in ``runs``) placed in the pair's runs: those of one view when the
    pair is a clause inserted or deleted (the other view's text taken out before each).
    """
    arts = [a for a in node.artefacts if a.kind == STRUCK]
    gone = Op.DELETE if pair.kind == "inserted" else Op.INSERT if pair.kind == "deleted" else None
    if gone is None or not arts:
        return arts
    ends, gone_before = [], [0]  # each run's end in ``runs``' text; the text of ``gone`` runs before each run
    pos = 0
    for r in runs:
        pos += len(r.text)
        ends.append(pos)
        gone_before.append(gone_before[-1] + (len(r.text) if r.op is gone else 0))
    # (in the artefacts' order: Row.si's order; each moved back by the other view's text in the runs before it)
    return [
        dataclasses.replace(a, offset=max(0, (a.offset or 0) - gone_before[bisect_right(ends, a.offset or 0)]))
        for a in arts
    ]


def decided_by(pair, row: dict, changes: list[dict], first: int, sources: Mapping[str, Clause] | None) -> None:
    """Give each struck-insert of a row (``Row.si``) the change that decides it (``c``): its striker's change that
    holds it, or its own (:func:`_lone`), which joins the row's ``changes`` (from index ``first``) in reading order
    (as ``Proposal.changes`` lists it); the row's segments are renumbered to match.
    """
    node, runs = source_of(pair, sources)
    arts = node.artefacts
    order = [j for j, a in enumerate(arts) if a.kind == STRUCK]  # row["si"][n] is arts[order[n]]
    struck = row["si"]
    where = {changes[k]["id"]: k for k in range(first, len(changes))}  # the row's changes by id
    lone = _lone(pair, sources)
    mine_of = {j: c for j, c in lone}
    if lone:
        at = sorted(((arts[j].offset or 0, j) for j, _ in lone), key=_by_offset)
        own_ids = [c.id for c in node.changes] if getattr(node, "changed", False) else []
        placed: list[int | tuple] = []
        for item in merged(runs, own_ids, at):
            if isinstance(item, str):
                if item in where:
                    placed.append(where.pop(item))
            else:
                placed.append(("struck", item))
        placed.extend(sorted(where.values()))  # (any the source clause does not name alike: after the others)
        mine: list[dict] = []
        where_own: dict[str, int] = {}
        new: dict[int, int] = {}
        own: dict[int, int] = {}
        for item in placed:
            if isinstance(item, int):
                new[item] = first + len(mine)
                mine.append(changes[item])
                continue
            j = item[1]
            c = mine_of[j]
            if c.id in where_own:  # (a clause kept whole: all its struck-inserts decided by its one change)
                own[j] = where_own[c.id]
                continue
            own[j] = where_own[c.id] = first + len(mine)
            mine.append(
                {
                    "id": c.id, "r": row["i"], "k": c.kind, "a": c.author, "t": c.date, "sec": pair.section,
                    "path": pair.path, "wi": 0, "wd": len(c.old.split()), "lab": c.scope == "label", "ty": False,
                    "inf": False,
                }
            )  # fmt: skip
        changes[first:] = mine
        for seg in row["lab"] + row["seg"]:
            if seg[2] >= first:
                seg[2] = new[seg[2]]
        for s, j in zip(struck, order, strict=True):
            if j in own:
                s["c"] = own[j]
    by = settled_by(runs, arts)
    if by:
        ids = [c.id for c in node.changes] if getattr(node, "changed", False) else []
        index = {changes[k]["id"]: k for k in range(first, len(changes))}
        for s, j in zip(struck, order, strict=True):
            if j in by and s["c"] < 0 and by[j] < len(ids):
                s["c"] = index.get(ids[by[j]], -1)


def struck_count(node) -> int:
    """How many struck-inserts ``node`` holds."""
    return sum(a.kind == STRUCK for a in node.artefacts)


def struck_counted(proposal: Proposal) -> dict[str, Clause]:
    """The proposal's clauses that hold struck-inserts, by path (the tree counts them as deletions)."""
    return {n.path: n for n in proposal.walk() if n.artefacts and any(a.kind == STRUCK for a in n.artefacts)}


def _back(inserter: str | None) -> Op:
    return Op.INSERT  # (not None: a strike rejected is told from one accepted)


def settled_by(runs, artefacts) -> dict[int, int]:
    """For each ``struck-insert`` of ``artefacts`` (offsets in ``runs``) a change of its striker's holds: its index
    in ``artefacts`` → the index of that change among the groups of ``runs``
    (:func:`~itu_nb.model.change.change_groups`), the one whose decision settles it
    (:func:`itu_nb.model.struck.fates`); those no change holds are not listed.

    Asked of :func:`~itu_nb.model.struck.fates` itself, bit by bit of the group's index (each pass accepts the groups
    with that bit set and rejects the others): ``log2(groups)`` passes over the runs, never one per group.
    """
    groups = change_groups(tuple(runs))
    out: dict[int, int] = {}
    if not groups or not any(a.kind == STRUCK for a in artefacts):
        return out
    for bit in range(max(1, (len(groups) - 1).bit_length())):
        accepted: set[int] = set()
        rejected: set[int] = set()
        for g, (a, b) in enumerate(groups):
            (accepted if g >> bit & 1 else rejected).update(range(a, b))
        for j, op in fates(runs, artefacts, accepted, rejected, _back).items():
            out[j] = out.get(j, 0) | (op is None) << bit
    return out
