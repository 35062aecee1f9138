"""The document model: plain, immutable data.

A :class:`Document` holds :class:`Proposal` objects; a proposal holds a tree of
:class:`Clause` nodes; every clause holds its label and its text as :class:`Run`
objects, each tagged with an :class:`Op` (equal, insert, delete) in
diff-match-patch's vocabulary (-1, 0, 1).

Two *views* exist for every node: ``"original"`` (equal + deleted text, the text
the proposal starts from) and ``"amended"`` (equal + inserted text, the text it
proposes).  Nothing here imports pandas, lxml or widgets.

The model's modules, imported here: :mod:`itu_nb.model.runs` (runs, artefacts),
:mod:`itu_nb.model.change` (the one :class:`Change` and its stable ids),
:mod:`itu_nb.model.clause` (the tree's nodes), :mod:`itu_nb.model.proposal` (proposals and
documents); :mod:`itu_nb.model.comparison` (clause pairs) and :mod:`itu_nb.model.review`
(accept, reject, decide) are imported from there directly.
"""

from __future__ import annotations

from itu_nb.model.change import CHANGE_KINDS, SCOPES, Change, Changes, change_groups, change_id, clause_changes
from itu_nb.model.clause import Clause, NodeKind, view_nodes
from itu_nb.model.proposal import Document, Proposal, Target
from itu_nb.model.runs import (
    HOMOGLYPHS,
    VIEWS,
    Artefact,
    Op,
    Run,
    interleave,
    join_runs,
    runs_text,
)

__all__ = [
    "CHANGE_KINDS",
    "HOMOGLYPHS",
    "SCOPES",
    "VIEWS",
    "Artefact",
    "Change",
    "Changes",
    "Clause",
    "Document",
    "NodeKind",
    "Op",
    "Proposal",
    "Run",
    "Target",
    "change_groups",
    "change_id",
    "clause_changes",
    "interleave",
    "join_runs",
    "runs_text",
    "view_nodes",
]
