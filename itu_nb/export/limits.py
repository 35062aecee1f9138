"""How many marks one export writes: the bound that keeps every writer within issue 17's budget (2 s, 300 MB).

A mark is a tracked change's run (an inserted or deleted stretch of text; a replacement is two); a highlight or a
comment counts as two marks (a writer cuts the text where each starts and ends, writes a comment with its author
and date, and Word writes a comment in two parts).
Writing costs time and memory in proportion to the marks, with a constant of each writer's own: Word's package
is a tree of XML elements (about 1 kB of memory per element, five or more per mark), the others are strings.
Each writer takes at most :data:`MAX_MARKS` of its format, chosen so that the worst kind of mark at the bound
writes in about a second on the reference machine (the figures are in ``benchmarks/RESULTS.md``, bounds table,
and ``tests/test_markers_scale.py``); a document beyond it is refused with an :class:`ExportError` that names the
document, the count and the bound, never written in part.  CriticMarkup files with a million changes load (the
loader's own bound is on comments and highlights, :data:`itu_nb.parsing.markup.MAX_NOTES`); such a file can be
written in parts (a proposal at a time), or each proposal's changes accepted or rejected first.
"""

from __future__ import annotations

from operator import attrgetter

from itu_nb.errors import ExportError
from itu_nb.model import Document, Op

__all__ = ["MAX_MARKS", "check_marks", "count_marks"]

_NOTES = ("comment", "highlight")
_OP = attrgetter("op")

#: The most marks (see the module's docstring) one export writes, by format.
MAX_MARKS = {"Word": 25_000, "HTML": 100_000, "Akoma Ntoso": 100_000, "CriticMarkup": 100_000}


def count_marks(doc: Document, stop: int | None = None) -> int:
    """The marks of ``doc``: each run that is not equal, and each highlight and comment twice.

    Counted over every node's label and text runs and artefacts, and the document's own artefacts (comments
    and highlights of lines that are no node).  With ``stop``, counting ends once the count passes it: after the
    node that passes it, or within a node of many runs (every :data:`_STEP` runs).
    """
    total = 0
    for art in doc.artefacts:
        total += 2 if art.kind in _NOTES else 0
    for proposal in doc:
        for node in proposal.walk():
            runs = node.runs
            if stop is not None and len(runs) > _STEP:  # a long node: counted in steps, so as to stop within it
                for at in range(0, len(runs), _STEP):
                    total += _changed(runs[at : at + _STEP])
                    if total > stop:
                        return total
            else:
                total += _changed(runs)
            total += _changed(node.label_runs)
            for art in node.artefacts:
                total += 2 if art.kind in _NOTES else 0
            if stop is not None and total > stop:
                return total
    return total


#: How many runs of one node are counted at a time when counting may stop early (:func:`count_marks`).
_STEP = 4096


def _changed(runs) -> int:
    """How many of ``runs`` are not equal (counted in C: a run's op is an ``int``, equal is 0)."""
    return len(runs) - list(map(_OP, runs)).count(Op.EQUAL)


def check_marks(doc: Document, what: str) -> None:
    r"""Raise :class:`ExportError` when ``doc`` holds more marks than a ``what`` export writes (:data:`MAX_MARKS`).

    Examples
    --------
    >>> import itu_nb
    >>> doc = itu_nb.load("considering\na)\t" + "{++a++} " * 30_000 + "\n", format="criticmarkup")
    >>> itu_nb.to_docx(doc)
    Traceback (most recent call last):
    ...
    itu_nb.errors.ExportError: <text>: more than 25,000 marks (changes; highlights and comments count twice): more than a Word export writes within its time and memory bound; write it in parts (a proposal at a time), accept or reject changes first, or write it as HTML, Akoma Ntoso or CriticMarkup (100,000)
    """
    limit = MAX_MARKS[what]
    if count_marks(doc, stop=limit) > limit:
        others = ", ".join(f for f, n in MAX_MARKS.items() if f != what and n > limit)
        where = (
            f", or write it as {' or '.join(others.rsplit(', ', 1))} ({max(MAX_MARKS.values()):,})" if others else ""
        )
        raise ExportError(
            f"{doc.source}: more than {limit:,} marks (changes; highlights and comments count twice): more than a "
            f"{what} export writes within its time and memory bound; write it in parts (a proposal at a time), "
            f"accept or reject changes first{where}"
        )
