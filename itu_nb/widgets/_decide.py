"""Apply accept/reject decisions to a proposal's tracked changes.

This is the one place the viewer's decisions become a new :class:`Proposal`.  It is
written against the model only (no widget, no traitlets) so that it can move, as is,
to ``itu_nb/amend.py`` when the amendments API (``Proposal.accept`` / ``reject``) lands;
the viewer then calls that API and both paths agree by construction.

Change ids are those of :mod:`itu_nb.widgets._payload`: ``"<clause path>~<n>"``, the
n-th stretch of neighbouring inserted/deleted runs in the clause, label and body read as one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from itu_nb.errors import AddressError
from itu_nb.model import Artefact, Clause, Op, Proposal, Run, join_runs

__all__ = ["DECISIONS", "apply_decisions", "change_ids"]

DECISIONS = ("accept", "reject")


def _groups(runs: tuple[Run, ...]) -> list[int]:
    """For each run, the 1-based index of its change stretch inside ``runs`` (0 for equal)."""
    out, n, inside = [], 0, False
    for r in runs:
        if r.op is Op.EQUAL:
            inside = False
            out.append(0)
        else:
            if not inside:
                n += 1
                inside = True
            out.append(n)
    return out


def _node_groups(node: Clause) -> list[int]:
    # label and body read as one sequence: a deleted paragraph is one change, not two
    return _groups(node.label_runs + node.runs)


def change_ids(proposal: Proposal) -> list[str]:
    """Every change id of a proposal, in reading order."""
    return [f"{n.path}~{g}" for n in proposal.walk() for g in sorted(set(_node_groups(n)) - {0})]


def _decide_node(node: Clause, wanted: Mapping[str, str], used: set[str]) -> Clause:
    runs = node.label_runs + node.runs
    groups = _node_groups(node)
    new_runs: list[Run] = []
    keep: list[bool] = []
    for run, g in zip(runs, groups, strict=True):
        cid = f"{node.path}~{g}"
        decision = wanted.get(cid) if g else None
        if decision is None:
            new_runs.append(run)
            keep.append(True)
            continue
        used.add(cid)
        visible = run.op is (Op.INSERT if decision == "accept" else Op.DELETE)
        keep.append(visible)
        new_runs.append(Run(Op.EQUAL, run.text) if visible else run)
    if not used.intersection(f"{node.path}~{g}" for g in groups if g):
        return node
    # artefact offsets count characters of all runs; shift them past the dropped text
    starts, pos = [], 0
    for run in runs:
        starts.append(pos)
        pos += len(run.text)
    artefacts: list[Artefact] = []
    for art in node.artefacts:
        if art.offset is None:
            artefacts.append(art)
            continue
        owner = next((k for k, r in enumerate(runs)
                      if starts[k] <= art.offset <= starts[k] + len(r.text) and (art.op is Op.EQUAL or r.op is art.op)),
                     None)
        if owner is not None and art.op is not Op.EQUAL and new_runs[owner].op is Op.EQUAL:
            if not keep[owner]:
                continue
            art = dataclasses.replace(art, op=Op.EQUAL)
        dropped = sum(len(r.text) for k, r in enumerate(runs) if not keep[k] and starts[k] + len(r.text) <= art.offset)
        artefacts.append(dataclasses.replace(art, offset=art.offset - dropped))
    n_label = len(node.label_runs)
    label = [r for r, k in zip(new_runs[:n_label], keep[:n_label], strict=True) if k]
    body = [r for r, k in zip(new_runs[n_label:], keep[n_label:], strict=True) if k]
    return dataclasses.replace(node, label_runs=join_runs(label), runs=join_runs(body), artefacts=tuple(artefacts))


def _decide_tree(nodes: tuple[Clause, ...], wanted: Mapping[str, str], used: set[str]) -> tuple[Clause, ...]:
    out = []
    for node in nodes:
        new = _decide_node(node, wanted, used)
        children = _decide_tree(node.children, wanted, used)
        if not new.label_runs and not new.runs and not children and (node.label_runs or node.runs):
            continue  # the whole paragraph was a change that is now gone
        out.append(new if children == node.children else dataclasses.replace(new, children=children))
    return tuple(out)


def apply_decisions(proposal: Proposal, decisions: Mapping[str, str]) -> Proposal:
    """A new proposal with the decided changes applied; undecided changes stay tracked.

    Parameters
    ----------
    proposal : Proposal
    decisions : mapping of change id → ``"accept"`` or ``"reject"``
        Accepting keeps the inserted text and drops the deleted text of that change;
        rejecting does the reverse.  A paragraph left with no text disappears.

    Returns
    -------
    Proposal
        The input is not modified.

    Examples
    --------
    >>> p = doc["B/67/4"]
    >>> apply_decisions(p, {"heading~1": "accept"})["heading"].body("original")
    'RESOLUTION 130 (Rev. Dubai, 2018)'
    """
    bad = {k: v for k, v in decisions.items() if v not in DECISIONS}
    if bad:
        raise ValueError(f"decisions must be 'accept' or 'reject', got {bad}")
    used: set[str] = set()
    clauses = _decide_tree(proposal.clauses, decisions, used)
    unknown = sorted(set(decisions) - used)
    if unknown:
        known = change_ids(proposal)
        raise AddressError(f"{proposal.id}: no change {unknown[0]!r}; changes are {known[:8]}…")
    return dataclasses.replace(proposal, clauses=clauses)
