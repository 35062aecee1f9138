"""Another author's insertions the analyst strikes: his labels relettered, his new items struck whole.

Text one author inserted and another struck is kept as a ``struck-insert`` artefact (:mod:`itu_nb.model.struck`).
Two edits of whole clauses need more than the run-level surgery of :mod:`~itu_nb.amendments.wording`:

* :func:`relabel_struck` — a relettering over a label another author inserted or relettered keeps his characters
  as struck-inserts, so rejecting the analyst's changes gives the list back as he lettered it
  (:func:`~itu_nb.amendments.relettering.set_label` sends such labels here: :func:`others_label`);
* :func:`bare_item` — a new item another author inserted whole and the analyst struck
  (:func:`~itu_nb.amendments.wording.delete_node`) is kept with no runs, in neither view, at the path an item with
  no label takes (``bullet<n>``): what :mod:`~itu_nb.amendments.order` needs to keep a run of operations pending.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from itu_nb.amendments.wording import edit_runs
from itu_nb.model import Artefact, Clause, Op, Run, runs_text
from itu_nb.model.clause import relabelled_artefacts
from itu_nb.model.review import settled_artefacts
from itu_nb.model.struck import STRUCK, restore, with_struck

__all__ = ["bare_item", "others_label", "relabel_struck"]


def others_label(c: Clause, author) -> bool:
    """Whether ``c``'s label holds another author's insertion (his new item's label, his relettering), or one
    ``author`` struck relabelling it (:func:`relabel_struck`): what :func:`relabel_struck` reletters.

    An insertion with no author (a text loaded without ``author=``) is another author's too: an analyst always
    has a name, and his insertion beside an unnamed one is a change of its own
    (:func:`itu_nb.model.change.change_groups`), so rejecting his relettering gives the unnamed label back.
    Only an analyst with no name (``author`` None) reletters in place: his runs and the inserter's look alike.
    """
    if author is None:
        return False
    return any(r.op is Op.INSERT and r.author != author for r in c.label_runs) or others_struck(c, author)


def relabel_struck(c: Clause, bare: str, author, date, style: tuple[str, str], split: Callable) -> Clause:
    """``c`` relettered ``bare`` by ``author`` over a label another author inserted or relettered
    (:func:`others_label`): his inserted characters are kept as ``struck-insert`` artefacts where they stood
    (:mod:`itu_nb.model.struck`), so rejecting the relettering gives his label back (the list as he lettered it),
    as :func:`~itu_nb.amendments.wording.edit_runs` keeps another author's words an edit takes out.

    It starts from the label as it was before ``author``'s own relabels (his insertions out, his deletions and
    the struck-inserts he made in it back), so a chain of relabels gives what one relabel to the last label gives
    (:mod:`itu_nb.amendments.order` and :mod:`itu_nb.amendments.striking` rely on it).  ``split`` cuts a label
    into prefix, bare label and separator (:func:`~itu_nb.amendments.relettering.split_label`, passed by its caller:
    this module stays below :mod:`~itu_nb.amendments.relettering`).
    """
    base = _unrelabelled(c, author)
    amended = runs_text(base.label_runs, "amended") if base.exists_in("amended") else ""
    parts = split(amended) if amended else None
    pre, post = (parts[0], parts[2]) if parts else style
    if f"{pre}{bare}{post}" == amended:
        return base
    start, end = (len(pre), len(amended) - len(post)) if parts else (len(amended), len(amended))
    new = bare if parts else f"{pre}{bare}{post}"
    struck: list[tuple[int, Run]] = []
    label = edit_runs(base.label_runs, start, end, new, author, date, struck=struck)
    arts = relabelled_artefacts(base, label) if base.artefacts else ()
    if struck:
        line = -1 if c.line is None else c.line
        kept = [
            (at, dataclasses.replace(
                Artefact(STRUCK, run.text, line, at, Op.DELETE, author, date), inserted=(run.author, run.date)
            ))
            for at, run in struck
        ]  # fmt: skip
        arts = with_struck(base.artefacts, arts, kept)
    return dataclasses.replace(base, label_runs=label, artefacts=arts)


def _unrelabelled(c: Clause, author) -> Clause:
    """``c`` with ``author``'s changes to its label undone: his insertions out, his deletions text again, the
    struck-inserts he made in it back as their authors' insertions (:func:`itu_nb.model.struck.restore`).
    """
    runs = c.label_runs
    if not any(r.author == author and r.op is not Op.EQUAL for r in runs) and not others_struck(c, author):
        return c
    kept: list[Run | None] = [
        None if r.op is Op.INSERT and r.author == author else Run(Op.EQUAL, r.text) if r.op is Op.DELETE and r.author == author else r
        for r in runs
    ]  # fmt: skip
    n = sum(len(r.text) for r in runs)
    arts = c.artefacts
    if arts:
        arts = settled_artefacts(runs + c.runs, kept + list(c.runs), [], arts)
    fate: dict[int, Op | None] = {
        j: Op.INSERT
        for j, a in enumerate(c.artefacts)
        if a.kind == STRUCK and a.author == author and (a.offset or 0) < n
    }
    label = [r for r in kept if r is not None]
    label_runs, body, arts = restore(label, list(c.runs), arts, fate)
    return dataclasses.replace(c, label_runs=label_runs, runs=body, artefacts=arts)


def others_struck(c: Clause, author) -> bool:
    """Whether ``author`` struck another author's insertion in ``c``'s label (a relabel: :func:`relabel_struck`)."""
    if not c.artefacts:
        return False
    n = sum(len(r.text) for r in c.label_runs)
    return any(a.kind == STRUCK and a.author == author and (a.offset or 0) < n for a in c.artefacts)


def bare_item(c: Clause) -> bool:
    """A struck item kept for its struck-inserts alone: another author's new item struck whole
    (:func:`~itu_nb.amendments.wording.delete_node`), no label in any view.
    """
    return not c.label_runs and not c.runs
