"""After the tree stage of the .docx loader: what the lines carried beyond their runs, put on the clauses.

:func:`~itu_nb.loaders.docx_lines.source_lines` gives, beside the lines, the notes of each line (comments, a
generated label, a tracked paragraph mark…) and the length of each generated label left in a line's runs.
:func:`annotate_all` puts the notes on the clauses of those lines, and moves a Word list number the tree stage
did not read as a label out of the clause's text into ``list-label`` artefacts (:func:`_unlabel`), visiting
only the subtrees that hold such a line.  :func:`empty_marks` keeps the tracked mark of an empty paragraph
(no clause) as a ``paragraph-mark`` artefact of the document.
"""

from __future__ import annotations

import bisect
import dataclasses

from itu_nb.model import Artefact, Clause, Document, NodeKind, Op, Run

__all__ = ["END", "annotate", "annotate_all", "empty_marks"]

#: The end of the last lines' span: past any line.
END = float("inf")


def annotate_all(
    clauses: tuple[Clause, ...],
    notes: dict[int, list[str]],
    labelled: dict[int, int],
    wanted: list[int],
    end: float,
) -> tuple[Clause, ...]:
    """The sibling ``clauses`` annotated (:func:`annotate`); the same tuple where nothing changes.

    ``wanted`` are the lines with notes or a generated label, sorted; ``end`` bounds the lines of the
    siblings' subtrees.  The tree is in document order, so a clause and its descendants come from the
    lines between its own and its next sibling's: a clause whose span holds no wanted line is kept
    without visiting its subtree (a document with a few notes is not walked whole).
    """
    bounds: list[float] = [end] * len(clauses)
    nxt = end
    for k in range(len(clauses) - 1, -1, -1):
        bounds[k] = nxt
        line = clauses[k].line
        if line is not None:
            nxt = line
    out: list[Clause] | None = None
    for k, clause in enumerate(clauses):
        start = clause.line if clause.line is not None else -1  # no line: its descendants may be anywhere before
        at = bisect.bisect_left(wanted, start)
        if at == len(wanted) or wanted[at] >= bounds[k]:
            continue
        annotated = annotate(clause, notes, labelled, wanted, bounds[k])
        if annotated is not clause:
            if out is None:
                out = list(clauses)
            out[k] = annotated
    return clauses if out is None else tuple(out)


def annotate(
    clause: Clause, notes: dict[int, list[str]], labelled: dict[int, int], wanted: list[int], end: float
) -> Clause:
    """The clause with the notes of its line (and its descendants'), a Word list number the
    parser did not read as a label moved out of its text; the same object where nothing changes.
    """
    kids = clause.children
    children = annotate_all(kids, notes, labelled, wanted, end) if kids else kids
    line = clause.line
    extra: tuple[str, ...] = ()
    if line is not None and clause.kind is not NodeKind.FOOTNOTE:
        if line in notes:
            extra = tuple(notes[line])
        if line in labelled and not clause.label_runs:
            clause = _unlabel(clause, labelled[line])
    if not extra and children is clause.children:
        return clause
    return dataclasses.replace(clause, children=children, notes=clause.notes + extra)


def _unlabel(clause: Clause, size: int) -> Clause:
    """The clause with the first ``size`` characters of its runs moved to ``list-label`` artefacts.

    They are a Word list number the parser did not read as a label (as in Reasons): out of the text.
    """
    label: list[Artefact] = []
    runs: list[Run] = []
    pos = 0
    for r in clause.runs:
        cut = max(0, min(len(r.text), size - pos))
        if cut:
            label.append(Artefact("list-label", r.text[:cut], clause.line or 0, 0, r.op, r.author, r.date))
        if cut < len(r.text):
            runs.append(r.with_text(r.text[cut:]) if cut else r)
        pos += len(r.text)
    arts = tuple(
        dataclasses.replace(a, offset=max(0, (a.offset or 0) - size)) if a.offset is not None else a
        for a in clause.artefacts
    )
    note = "the Word list number is no clause label here; kept beside the text, not in it"
    return dataclasses.replace(clause, runs=tuple(runs), artefacts=tuple(label) + arts, notes=(*clause.notes, note))


def empty_marks(doc: Document, empty: dict[int, tuple[Op, str | None, str | None]]) -> tuple[Artefact, ...]:
    """The document's artefacts, with the tracked mark of every empty paragraph kept as a ``paragraph-mark``.

    ``empty`` gives the mark's op, author and date of each empty paragraph whose mark is tracked, by line.  An
    empty paragraph is no clause: the tree stage keeps it as a document artefact, where the
    mark's op would otherwise be lost (an inserted or deleted empty paragraph).
    """
    if not empty:
        return doc.artefacts
    out: list[Artefact] = []
    for art in doc.artefacts:
        if art.line in empty and art.kind != "paragraph-mark" and not art.text:
            continue  # the placeholder of an empty line: the mark replaces it
        out.append(art)
    have = {a.line for a in out if a.kind == "paragraph-mark"}
    out += [Artefact("paragraph-mark", "", i, None, *empty[i]) for i in sorted(empty.keys() - have)]
    return tuple(sorted(out, key=lambda a: a.line))
