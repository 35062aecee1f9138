"""A change of its own for each struck-insert no change of its striker's holds.

Text one author inserted and another struck is a ``struck-insert`` artefact (:mod:`itu_nb.model.struck`), settled
with its striker's change: the deletion (or insertion) of the striker's that holds it.  Word may write it alone
(``w:del`` inside ``w:ins`` with no other run of the striker's beside it): no change holds it.  Each such
struck-insert is a change of its own (:func:`struck_changes`), listed in ``Proposal.changes`` after the changes
before it in the clause (:func:`node_changes`), of kind ``struck-insert``: ``old`` its text, ``new`` empty,
``author``/``date`` its striker's, :attr:`~itu_nb.model.change.Change.inserter` its inserter.  Accepting it drops the
text (it was struck); rejecting it brings the text back as its inserter's insertion
(:func:`itu_nb.model.review.accept`, ``reject``, ``decide``).

Its id reads ``"<clause key>@<digest>"`` like every change's, the digest of the word ``struck``, the text, the
inserter and a rank among identical ones of the clause (never a run change's digest: those start ``label`` or
``text``), so it names the same struck-insert after other changes are decided, after a save and reload, and in a
review file.

A clause another author inserted whole and the analyst struck (kept with no runs, its label and text as
struck-inserts: :func:`itu_nb.amendments.wording.delete_node`) is ONE change (:func:`kept_whole`), as Word shows one
deleted paragraph: scope ``clause``, ``old`` its label and text, ``inserter`` its inserter(s), id
``"<clause key>@<digest>"`` of the word ``clause`` and the key alone (:func:`clause_id`: one per clause, never a
struck-insert's or a run change's digest).  Rejecting it brings the clause back whole (its label and text, its
inserter's insertion), accepting it drops it; the clauses after it in its list are lettered as the striker's strikes
left imply (:mod:`itu_nb.model.struck_lists`; where the list reads otherwise, the striker's relettering of them is
decided with it: :func:`relettered`), so the list comes back lettered as it was; its kept sub-items are changes of their own (each a clause struck
whole, decided alone, as Word shows each paragraph).  A decided one with twins is remembered in :attr:`~itu_nb.model.Clause.settled`, as other changes are,
so its twins keep their ranks.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from hashlib import blake2b
from typing import TypeVar

from itu_nb.model.change import Change, change_groups
from itu_nb.model.runs import Artefact, Op, Run
from itu_nb.model.struck import STRUCK, fates

__all__ = [
    "KIND",
    "clause_id",
    "distinct",
    "kept_whole",
    "label_changes",
    "lone_struck",
    "merged",
    "node_changes",
    "relettered",
    "struck_changes",
    "struck_id",
]

T = TypeVar("T")
U = TypeVar("U")

#: The kind of such a change (one of :data:`itu_nb.model.change.CHANGE_KINDS`).
KIND = STRUCK


def _never(inserter: str | None) -> Op | None:  # (fates asks it only of a strike decided: none is here)
    return None  # pragma: no cover


def lone_struck(runs: Sequence[Run], artefacts: Sequence[Artefact]) -> list[int]:
    """The indexes in ``artefacts`` of the struck-inserts no run of their striker's holds (what
    :func:`itu_nb.model.struck.fates` hands to its ``alone``), in order; ``artefacts`` count offsets in ``runs``.
    """
    struck = [j for j, a in enumerate(artefacts) if a.kind == STRUCK]
    if not struck:
        return []
    found: list[int] = []
    k = 0

    def alone(a: Artefact) -> tuple[bool, Op | None]:
        nonlocal k
        while artefacts[struck[k]] is not a:  # fates asks in the artefacts' order
            k += 1
        found.append(struck[k])
        return False, None

    fates(runs, artefacts, set(), set(), _never, alone)
    return found


def struck_id(key: str, text: str, inserter: str | None, rank: int = 0) -> str:
    """The stable id of a struck-insert's own change (see the module)."""
    what = f"struck\0{text}\0{inserter or ''}\0{rank}"
    return f"{key}@{blake2b(what.encode('utf-8', 'surrogatepass'), digest_size=4).hexdigest()}"


def clause_id(key: str) -> str:
    """The stable id of the one change of a clause inserted whole by another author and struck (see the module)."""
    what = f"clause\0{key}"
    return f"{key}@{blake2b(what.encode('utf-8', 'surrogatepass'), digest_size=4).hexdigest()}"


def kept_whole(node) -> bool:
    """Whether ``node`` is a clause another author inserted whole and the analyst struck: no runs (label or text),
    kept for its struck-inserts alone (its one change: :func:`struck_changes`).
    """
    return not node.label_runs and not node.runs and any(a.kind == STRUCK for a in node.artefacts)


def distinct(pairs: Sequence[tuple[int, Change]]) -> list[tuple[int, Change]]:
    """``pairs`` (:func:`struck_changes`) with each change once, at its first struck-insert."""
    seen: set[str] = set()
    out = []
    for j, c in pairs:
        if c.id not in seen:
            seen.add(c.id)
            out.append((j, c))
    return out


def struck_changes(node, runs: Sequence[Run] | None = None, **where) -> list[tuple[int, Change]]:
    """The changes of ``node``'s struck-inserts that no change of their striker's holds: ``(index in its
    artefacts, change)`` each, in order.

    A clause kept whole (:func:`kept_whole`) has one change for all its struck-inserts: each of them is listed with
    that same change (:func:`distinct` lists it once).

    Parameters
    ----------
    node : Clause
        Its ``key``, ``path``, ``section``, ``artefacts`` and ``settled`` are read.
    runs : sequence of Run, optional
        Its label runs and runs (a redline pair's, which are the clause's); the node's own when omitted.
    **where
        ``old_path``, ``new_path``, ``pair``, ``pair_kind`` to put on each change (a redline pair's); by default
        the node's path in each view where it exists there.
    """
    if runs is None:
        runs = node.label_runs + node.runs
    lone = lone_struck(runs, node.artefacts)
    if not lone:
        return []
    if not where:
        where = {
            "old_path": node.path if node.exists_in("original") else None,
            "new_path": node.path if node.exists_in("amended") else None,
        }
    if not node.label_runs and not node.runs:
        return _whole(node, lone, where)
    n_label = sum(len(r.text) for r in node.label_runs)
    bare = not any(r.op is not Op.DELETE for r in node.label_runs)
    ends, old_ends, new_ends = [], [], []  # each run's end, in the source text and in each view
    pos = po = pn = 0
    for r in runs:
        pos += len(r.text)
        po += 0 if r.op is Op.INSERT else len(r.text)
        pn += 0 if r.op is Op.DELETE else len(r.text)
        ends.append(pos)
        old_ends.append(po)
        new_ends.append(pn)

    def in_view(at: int, view_ends: list[int]) -> int:
        """``at`` (in the source text) counted in one view's text."""
        i = bisect_left(ends, at)  # the run holding ``at`` (or ending there)
        if i == len(runs):
            return view_ends[-1] if view_ends else 0
        start, before = (ends[i - 1], view_ends[i - 1]) if i else (0, 0)
        return before + (at - start if view_ends[i] - before else 0)

    n_old = sum(len(r.text) for r in node.label_runs if r.op is not Op.INSERT)
    n_new = sum(len(r.text) for r in node.label_runs if r.op is not Op.DELETE)
    settled = node.settled
    seen: dict[tuple[str, str | None], int] = {}
    out: list[tuple[int, Change]] = []
    for j in lone:
        a = node.artefacts[j]
        at = a.offset or 0
        inserter = a.inserted[0] if a.inserted else None
        rank = seen.get((a.text, inserter), 0)
        while settled and struck_id(node.key, a.text, inserter, rank) in settled:
            rank += 1
        seen[(a.text, inserter)] = rank + 1
        label = bool(node.label_runs) and (at < n_label or (at == n_label and bare))
        change = Change(
            struck_id(node.key, a.text, inserter, rank),
            KIND,
            "label" if label else "text",
            node.path,
            node.section,
            a.text,
            "",
            a.author,
            a.date,
            old_path=where.get("old_path"),
            new_path=where.get("new_path"),
            old_offset=max(0, in_view(at, old_ends) - n_old),
            new_offset=max(0, in_view(at, new_ends) - n_new),
            pair=where.get("pair"),
            pair_kind=where.get("pair_kind"),
            rank=rank,
            inserter=inserter,
        )
        out.append((j, change))
    return out


def _whole(node, lone: list[int], where: dict) -> list[tuple[int, Change]]:
    """The one change of a clause kept whole (:func:`kept_whole`), with each of its struck-inserts ``lone``."""
    arts = [node.artefacts[j] for j in lone]
    inserters = list(dict.fromkeys(a.inserted[0] for a in arts if a.inserted and a.inserted[0]))
    first = arts[0]
    change = Change(
        clause_id(node.key),
        KIND,
        "clause",
        node.path,
        node.section,
        "".join(a.text for a in arts),
        "",
        first.author,
        first.date,
        old_path=where.get("old_path"),
        new_path=where.get("new_path"),
        pair=where.get("pair"),
        pair_kind=where.get("pair_kind"),
        inserter=", ".join(inserters) if inserters else None,
    )
    return [(j, change) for j in lone]


def relettered(proposal, ids: set[str]) -> set[str]:
    """The ids of the label changes a strike of a clause kept whole made on the clauses after it in its list (their
    relettering: changes wholly in a later sibling's label, by the striker on the strike's date), for each clause
    change among ``ids`` (:func:`clause_id`): deciding the strike decides them the same way.
    """
    if not ids or not any(c.scope == "clause" and c.kind == KIND and c.id in ids for c in proposal.changes):
        return set()  # (no clause struck whole among them: no walk)
    out: set[str] = set()
    for parent in (proposal, *proposal.walk()):
        kids = getattr(parent, "clauses", None) if parent is proposal else parent.children
        if not kids:
            continue
        for i, kid in enumerate(kids):
            if not kept_whole(kid) or clause_id(kid.key) not in ids:
                continue
            (_, change), *_ = struck_changes(kid)
            for later in kids[i + 1 :]:
                out.update(label_changes(later, change.author, change.date))
    return out


def label_changes(node, author: str | None, date: str | None) -> list[str]:
    """The ids of ``node``'s changes wholly in its label by ``author`` on ``date``."""
    n = len(node.label_runs)
    if not n:
        return []
    runs = node.label_runs + node.runs
    own = node.changes if node.changed else ()
    out = [
        c.id
        for c, (a, b) in zip(own, change_groups(runs), strict=True)
        if b <= n and c.author == author and c.date == date
    ]
    out += [
        c.id for _, c in distinct(struck_changes(node)) if c.scope == "label" and (c.author, c.date) == (author, date)
    ]
    return out


def node_changes(node) -> Sequence[Change]:
    """``node``'s own changes (:attr:`~itu_nb.model.Clause.changes`) and those of its struck-inserts no change holds
    (:func:`struck_changes`), in reading order: each struck-insert's after the changes that start before it.
    """
    own = node.changes if node.changed else ()
    for a in node.artefacts:  # (a loop, not any(): asked of every clause with a comment or highlight)
        if a.kind == STRUCK:
            break
    else:
        return own
    struck = distinct(struck_changes(node))
    if not struck:
        return own
    at = sorted(((node.artefacts[j].offset or 0, c) for j, c in struck), key=_first)
    return merged(node.label_runs + node.runs, own, at)


def _first(pair: tuple) -> int:
    return pair[0]


def merged(runs: Sequence[Run], own: Sequence[T], struck: list[tuple[int, U]]) -> list[T | U]:
    """The run changes ``own`` (one per group of ``runs``: :func:`~itu_nb.model.change.change_groups`) and the
    ``struck`` changes (``(offset in runs' text, change)``, by offset) in reading order: a struck-insert after every
    change that starts before its offset.
    """
    starts = []
    pos = k = 0
    groups = change_groups(tuple(runs))
    for i, r in enumerate(runs):
        if k < len(groups) and groups[k][0] == i:
            starts.append(pos)
            k += 1
        pos += len(r.text)
    out: list[T | U] = []
    i = 0
    for at, change in struck:
        while i < len(own) and starts[i] < at:
            out.append(own[i])
            i += 1
        out.append(change)
    out.extend(own[i:])
    return out
