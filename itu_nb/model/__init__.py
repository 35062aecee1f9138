"""The document model: plain, immutable data.

A :class:`Document` holds :class:`Proposal` objects; a proposal holds a tree of
:class:`Clause` nodes; every clause holds its label and its text as :class:`Run`
objects, each tagged with an :class:`Op` (equal, insert, delete) in
diff-match-patch's vocabulary (-1, 0, 1).

Two *views* exist for every node: ``"original"`` (equal + deleted text, the text
the proposal starts from) and ``"amended"`` (equal + inserted text, the text it
proposes).  Nothing here imports pandas, lxml or widgets.

The model is split in three modules, imported here: :mod:`itu_nb.model.runs`
(runs, changes, artefacts), :mod:`itu_nb.model.clause` (the tree's nodes) and
:mod:`itu_nb.model.proposal` (proposals and documents).
"""

from __future__ import annotations

from itu_nb.model.clause import Clause, NodeKind, view_nodes
from itu_nb.model.proposal import Document, Proposal, Target
from itu_nb.model.runs import (
    HOMOGLYPHS,
    VIEWS,
    Artefact,
    Change,
    Op,
    Run,
    change_groups,
    interleave,
    join_runs,
    runs_text,
)

__all__ = [
    "HOMOGLYPHS",
    "VIEWS",
    "Artefact",
    "Change",
    "Clause",
    "Document",
    "NodeKind",
    "Op",
    "Proposal",
    "Run",
    "Target",
    "change_groups",
    "interleave",
    "join_runs",
    "runs_text",
    "view_nodes",
]
