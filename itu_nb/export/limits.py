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

from itertools import chain, islice
from operator import attrgetter, countOf, methodcaller

from itu_nb.errors import ExportError
from itu_nb.model import Document, Op

__all__ = ["MAX_MARKS", "check_marks", "count_marks"]

_NOTES = ("comment", "highlight")
_OP = attrgetter("op")
_RUNS, _LABEL_RUNS, _ARTEFACTS = attrgetter("runs"), attrgetter("label_runs"), attrgetter("artefacts")
_WALK = methodcaller("walk")

#: The most marks (see the module's docstring) one export writes, by format.
MAX_MARKS = {"Word": 25_000, "HTML": 100_000, "Akoma Ntoso": 100_000, "CriticMarkup": 100_000}


def count_marks(doc: Document, stop: int | None = None) -> int:
    """The marks of ``doc``: each run that is not equal, and each highlight and comment twice.

    Counted over every node's label and text runs and artefacts, and the document's own artefacts (comments
    and highlights of lines that are no node).  With ``stop``, counting ends once the count passes it: after the
    node that passes it, or within a node of many runs (every :data:`_STEP` runs).

    The nodes are counted a block at a time in C (:func:`_block_marks`: no Python step per run or node); the block
    whose marks pass ``stop`` is counted again node by node (:func:`_count_nodes`), so the count returned is the
    one a count node by node gives.
    """
    total = 0
    for art in doc.artefacts:
        total += 2 if art.kind in _NOTES else 0
    walked = chain.from_iterable(map(_WALK, doc))  # every node, proposal after proposal
    size = _FIRST_BLOCK
    while block := list(islice(walked, size)):
        marks = _block_marks(block)
        if stop is not None and total + marks > stop:
            return _count_nodes(block, total, stop)
        total += marks
        size = min(size * 2, _BLOCK)
    return total


#: How many nodes :func:`count_marks` counts at once at most, and in its first block (the blocks double in size
#: from it: a document that passes ``stop`` early is counted again node by node over few nodes).
_BLOCK, _FIRST_BLOCK = 4096, 16


def _block_marks(nodes: list) -> int:
    """The marks of ``nodes`` (as :func:`_count_nodes` counts them without ``stop``), counted in C: each run's op
    read by ``map``, the equal ones counted by :func:`operator.countOf`, the artefacts read only of the nodes that
    have some (most have none).
    """
    runs = sum(map(len, map(_RUNS, nodes))) + sum(map(len, map(_LABEL_RUNS, nodes)))
    equal = countOf(map(_OP, chain.from_iterable(map(_RUNS, nodes))), Op.EQUAL)
    equal += countOf(map(_OP, chain.from_iterable(map(_LABEL_RUNS, nodes))), Op.EQUAL)
    notes = 0
    for arts in filter(None, map(_ARTEFACTS, nodes)):
        for art in arts:
            notes += 2 if art.kind in _NOTES else 0
    return runs - equal + notes


def _count_nodes(nodes: list, total: int, stop: int | None) -> int:
    """``total`` and the marks of ``nodes`` counted node by node, ending after the node (or within a node of many
    runs, every :data:`_STEP` runs) that passes ``stop``.
    """
    for node in nodes:
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
