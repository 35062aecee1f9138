"""Stage 3 for lines whose shape is already known: runs of unlabelled paragraphs added in one loop.

A loader that reads paragraphs (a Word file, a long text) gives the tree stage many lines that are
plain prose: no label, no keyword, no marker.  :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_line`
routes each of them through every test of a proposal's line (Reasons, heading, section keyword,
formula, title, annex, label) before it becomes the next ``p<N>`` of the current section.
:func:`add_paragraphs` takes such lines from :func:`~itu_nb.parsing.document.build_document` in a
batch, while the proposal's state cannot route them anywhere else, and asks each line only the
tests that could still claim it; the first line that any of them might claim ends the batch and is
left to the general steps.  The nodes made are those :meth:`add_line` makes (the same tree: checked
by ``tests/test_fingerprints.py`` and ``tests/test_parsing_presplit.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from itu_nb.model import NodeKind
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.frozen import equal_run
from itu_nb.parsing.labels import Components, section_keyword
from itu_nb.parsing.nodes import EMPTY, Node, new_node

__all__ = ["add_paragraphs"]

#: What a proposal marker line starts with (as :mod:`~itu_nb.parsing.document` looks for one).
_MARKERISH = re.compile(rf"\s*(?:{'|'.join(kw.ACTIONS)}|[A-Z]{{1,6}}/\d)")

#: What a heading line may start with after its white space (``kw.HEADING``, case ignored), besides a digit.
_HEADING_LEADS = frozenset("dDnNrRoOpP")

#: The first word of every section keyword (preamble and operative), ``:`` and ``,`` stripped: a line whose
#: first word is none of them is no section line (:func:`~itu_nb.parsing.labels.section_keyword`); a line whose
#: first word is one of them is left to the general steps (most are section lines).
_KEYWORD_FIRST = frozenset(
    w.split()[0]
    for w in (*kw.PREAMBLE, *kw.OPERATIVE, *(f"{k} {s}" for k in kw.PREAMBLE for s in kw.PREAMBLE_SUFFIXES))
)

#: The slots of :class:`Node` that :func:`_add` fills one by one: a slot added to Node fails the import, not a load.
_NODE_SLOTS = (
    "_colon",
    "_labels",
    "artefacts",
    "children",
    "component",
    "kind",
    "label_runs",
    "last_number",
    "line",
    "n_listed",
    "n_paragraphs",
    "notes",
    "path",
    "runs",
    "scheme",
    "section",
    "stack",
    "tail",
    "taken",
)
if tuple(Node.__slots__) != _NODE_SLOTS:
    raise ImportError("itu_nb.parsing.presplit: Node's slots changed; update _add, which fills each of them")

_PARAGRAPH = NodeKind.PARAGRAPH
_SECTION = NodeKind.SECTION


def add_paragraphs(builder: Any, lines: Sequence[Any], i: int, stop: int) -> int:
    """Add the unlabelled paragraphs on plain lines from ``lines[i]`` on, before ``stop``, to ``builder``'s
    current section; return the index of the first line not added (``i`` when none is).

    ``builder`` is the :class:`~itu_nb.parsing.tree.ProposalBuilder` of the proposal being read, past its
    heading or first node and before its Reasons; ``lines`` are :meth:`SourceLine.plain` lines (or their text,
    their number their index), as :func:`~itu_nb.parsing.document.build_document` holds them, read outside a
    trailer.  A line is added when it is no blank line, marker, separator, heading of a bare text, Reasons,
    section keyword, formula, annex line or labelled item: then :meth:`add_line` would make it the container's
    next paragraph, and so is it made here.  The builder's state does not change along the batch (a paragraph
    closes the open lists, sets no title, container or annex), so it is checked once.  A section line
    (:func:`_section`) and the items on plain lines that follow paragraphs (:meth:`add_items`, as
    :func:`~itu_nb.parsing.document.build_document`'s next step would give them) are read here too, and the
    paragraphs after them: a section's lines are read in one call.
    """
    if builder.reasons is not None or builder.expect_title or builder.heading is None and not builder.top.children:
        return i
    bare = builder.action is None and builder.heading is not None
    while True:
        end, n = _paragraphs_end(lines, i, stop, bare, builder.container is None)
        if end > i:
            _add(builder.container or builder.top, lines, i, end, builder.line_notes)
        if end == stop:
            return end
        if not n and _section(builder, lines, end, bare):  # (a labelled line has a TAB: no section line)
            i = end + 1  # a section line: its paragraphs or items follow in it
            continue
        # an item on a plain line (its label matched there): the item loop, as build_document's next step would call it
        i = builder.add_items(lines, end, stop, n) if n else end
        if i == end:
            return end


def _section(builder: Any, lines: Sequence[Any], k: int, bare: bool) -> bool:
    """Add ``lines[k]`` as the next section of ``builder`` when it is a section line (``considering``) on a plain
    line; False when it is not, or may be claimed by another step first (then nothing changes).

    What :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_line` does with such a line in the state
    :func:`add_paragraphs` checked: no Reasons or heading reads a line that starts with a lower-case letter
    there, and the section keyword comes before the formula, title and annex tests.  In a bare text a line
    starting with a letter a heading may start with is left to the general steps (see :func:`_paragraphs_end`).
    """
    line = lines[k]
    if line.__class__ is str:
        text, no = line, k
    elif line._plain and line.read_runs is None:
        text, no = line.main, line.no
    else:
        return False
    if not text or not text[0].islower() or bare and text[0] in _HEADING_LEADS:
        return False
    keyword = section_keyword(text)
    if keyword is None:
        return False
    got = builder.line_notes.get(no) if builder.line_notes else None
    node = Node(_SECTION, keyword, [], [equal_run(text)], no, EMPTY, list(got) if got else EMPTY, section=keyword)
    builder.container = (builder.annex or builder.top).add(node)
    return True


def _paragraphs_end(lines: Sequence[Any], i: int, stop: int, bare: bool, formula: bool) -> tuple[int, int]:
    """The index of the first line from ``lines[i]`` on (before ``stop``) that is no plain unlabelled paragraph:
    one that a step other than :meth:`_paragraph` might claim (see :func:`add_paragraphs`); and the length of its
    label and separator (``kw.LABEL``) when it is an item on a plain line, else 0 (its label matched once).

    ``bare``: a heading line may start the next bare text; ``formula``: a formula line may still come.
    """
    marker_match, label_match = _MARKERISH.match, kw.LABEL.match
    while i < stop:
        line = lines[i]
        if line.__class__ is str:
            text = line
        elif line._plain:
            text = line.main
        else:
            return i, 0
        if not text:
            return i, 0
        lead = text[0]
        if lead.isspace():
            return (
                i,
                0,
            )  # a blank line, an indented marker, separator, Reasons or annex, a TAB bullet: the general steps
        if lead.isupper():
            if marker_match(text):
                return i, 0
            if lead == "R" and kw.REASONS.match(text):
                return i, 0
            if lead == "A" and kw.ANNEX.match(text):
                return i, 0
            if formula and lead == "T":
                return i, 0  # perhaps the formula (kw.FORMULA), before the first section: the general steps decide
        elif lead == "*" or lead == "_":
            return i, 0  # perhaps a separator
        elif lead.islower() and "\t" not in text and text.split(None, 1)[0].rstrip(":,") in _KEYWORD_FIRST:
            return i, 0  # perhaps a section line (section_keyword): the general steps decide, reading it once
        if bare and (lead in _HEADING_LEADS or lead.isdigit()):
            return i, 0  # perhaps the heading of the next text
        if "\t" in text and (m := label_match(text)):  # a label ends with a TAB (see labels.label_split)
            return i, m.end()  # an item
        i += 1
    return i, 0


def _add(container: Node, lines: Sequence[Any], i: int, end: int, line_notes: dict[int, list[str]]) -> None:
    """The lines ``lines[i:end]`` added to ``container`` as its next unlabelled paragraphs: the nodes
    :meth:`ProposalBuilder._paragraph` makes of plain lines without artefacts, added as :meth:`Node.add` adds
    them (as :meth:`ProposalBuilder._items` adds an item).
    """
    section = container.section
    path = container.path  # each node's path as Node.add gives it (None while the container's is not known)
    taken = container.taken
    if taken is None:
        taken = container.taken = Components()
    count, odd = taken._count, taken._odd
    if container.stack:
        container.stack.clear()  # a paragraph closes the open lists
    children = container.children
    if children is EMPTY:
        children = container.children = []
    paragraphs = container.n_paragraphs
    append = children.append
    for k in range(i, end):
        line = lines[k]
        if line.__class__ is str:
            text, no, read = line, k, None
        else:
            text, no, read = line.main, line.no, line.read_runs
        got = line_notes.get(no) if line_notes else None
        node = new_node(Node)
        node.kind, node.label_runs, node.line, node.artefacts = _PARAGRAPH, (), no, EMPTY
        node.notes, node.section, node.scheme = list(got) if got else EMPTY, section, None
        node.runs = (equal_run(text),) if read is None else line.body(0)
        node.children = node.stack = EMPTY
        node.taken = node.last_number = None
        node.n_paragraphs = node.n_listed = 0
        node._labels = node._colon = node.tail = None
        paragraphs += 1  # the component starts with "p" (Node.add)
        base = f"p{paragraphs}"
        if odd:
            node.component = taken.take(base)
        else:
            n = count.get(base, 0) + 1
            count[base] = n
            node.component = base if n == 1 else f"{base}#{n}"
        node.path = None if path is None else f"{path}/{node.component}" if path else node.component
        append(node)
    container.n_paragraphs = paragraphs
