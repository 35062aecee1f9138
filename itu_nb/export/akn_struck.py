"""A clause another author inserted whole and the analyst struck, in Akoma Ntoso: its label in ``<num>``.

Such a clause is kept with no runs, its label and text as ``struck-insert`` artefacts
(:func:`itu_nb.amendments.wording.delete_node`, :mod:`itu_nb.model.struck`).  The writer puts the label's (the first
characters of those at its start that read as a label: :func:`itu_nb.model.struck.label_length`) in ``<num>`` in the
``<ins><del>`` form, its separator left out as every label's (``<num><ins><del>j)</del></ins></num>``), the rest in its
``<p>``; the reader (:func:`itu_nb.loaders.akn_runs.num_runs`) reads such a ``num`` back as no label runs and the
struck-insert with its TAB, so the clause comes back an item at its key and path, as the source has it.
"""

from __future__ import annotations

import dataclasses

from itu_nb.model import Clause
from itu_nb.model.runs import Artefact
from itu_nb.model.struck import STRUCK, label_length

__all__ = ["struck_label"]


def struck_label(node: Clause) -> tuple[list[Artefact], Clause] | None:
    """The struck-inserts of ``node``'s label (their separator left out) and ``node`` with the others, when ``node``
    is a clause kept for its struck-inserts alone whose first ones read as a label; None for any other.
    """
    if node.label_runs or node.runs or not node.artefacts:
        return None
    head = [a for a in node.artefacts if a.kind == STRUCK and not a.offset]
    left = label_length([a.text for a in head])
    if not left:
        return None
    label: list[Artefact] = []
    rest: list[Artefact] = []
    for a in node.artefacts:
        if not left or a.kind != STRUCK or a.offset:
            rest.append(a)
            continue
        take = a.text[:left].rstrip("\t ") if len(a.text) >= left else a.text
        if take:
            label.append(dataclasses.replace(a, text=take))
        if len(a.text) > left:
            rest.append(dataclasses.replace(a, text=a.text[left:]))
        left = max(0, left - len(a.text))
    return label, dataclasses.replace(node, artefacts=tuple(rest))
