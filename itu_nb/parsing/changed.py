"""Stage 3 for a labelled line with changes: the item added without the general routing.

A CriticMarkup or Word proposal's items with tracked changes (a line of several runs, or one run inserted
or deleted whole) are not plain lines, so :func:`~itu_nb.parsing.document.build_document` cannot give them
to :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_items`; :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_line`
would route each through every test of a proposal's line (Reasons, heading, section keyword, formula, title,
annex) and :meth:`~itu_nb.parsing.tree.ProposalBuilder._paragraph` through its general steps.
:func:`add_changed_item` asks such a line only the tests that could claim it, then adds it as the item
:meth:`_paragraph` makes of it, taking the step of :meth:`_place` inline for the usual
item (the next sibling of the last one, which leaves the open lists and is frozen in its place).  A line any
other step might claim, or whose label inference would reletter, is left to :meth:`add_line` (the same tree:
checked by ``tests/test_fingerprints.py`` and ``tests/test_parsing_changed_items.py``).
"""

from __future__ import annotations

from typing import Any

from itu_nb.model import NodeKind, Op
from itu_nb.parsing import infer as _infer
from itu_nb.parsing.item_facts import _labels, _last_number, _relabel
from itu_nb.parsing.labels import item_component, label_scheme, label_split, peel_label, section_keyword
from itu_nb.parsing.nodes import EMPTY, Node, seal

__all__ = ["add_changed_item"]

_EQUAL = Op.EQUAL
_ITEM = NodeKind.ITEM


def add_changed_item(builder: Any, line: Any) -> bool:
    """Add ``line``, a :class:`~itu_nb.parsing.nodes.SourceLine` with changes and a label, to ``builder`` as
    :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_line` would; False when it is left to :meth:`add_line`
    (nothing changed then).

    Taken here: a line that is not plain, without artefacts, read once the proposal's heading or first node is
    read and before its Reasons, whose text (:attr:`SourceLine.main`) starts with a label (so it is no heading,
    formula, title or annex line), with no Reasons or section keyword, and whose runs have a label
    (:func:`~itu_nb.parsing.labels.peel_label`) that inference does not reletter.
    """
    if line._plain or line.arts or builder.reasons is not None:
        return False
    if builder.heading is None and not builder.top.children:
        return False
    text = line.main
    first = text[:1]
    if first == "R" or first.isspace() or not label_split(text):  # Reasons start with R or white space
        return False
    if "\t" not in text and section_keyword(text) is not None:
        return False
    runs = builder._runs(line)
    label_runs, body = peel_label(runs)
    if not label_runs:
        return False
    labels = _labels(label_runs)
    label = labels[0] or labels[1] or ""
    infer = builder.infer
    equal_label = all(r.op is _EQUAL for r in label_runs)
    if infer and equal_label and _infer.infer_letter_label(label):
        return False  # relettered: _paragraph's steps
    builder.expect_title = False
    container = builder.container or builder.top
    line_notes = builder.line_notes
    got = line_notes.get(line.no) if line_notes else None
    notes = list(got) if got else EMPTY
    stack = container.stack
    if stack:
        scheme = builder._scheme(container, label, labels)
        last = stack[-1]
        if last.scheme == scheme:  # the next sibling: what builder._place(container, scheme) gives
            seal(stack[-2] if len(stack) > 1 else container, last)  # it leaves the open lists
            del stack[-1]
            parent = stack[-1] if stack else container
        else:
            parent = builder._place(container, scheme)
    else:
        scheme = label_scheme(label, None, False)
        parent = container
    relabelled = False
    if infer and scheme == "number" and equal_label:
        pair = _infer.infer_number_label(label, _last_number(parent, container))
        if pair:
            label_runs, relabelled = _relabel(label_runs, *pair), True
            notes = [f"label {label} read as {pair[0]} renumbered {pair[1]}", *notes]
    node = Node(_ITEM, "", label_runs, body, line.no, EMPTY, notes, section=container.section, scheme=scheme)
    if relabelled:
        node.component = builder._component(parent, node)
    else:
        node._labels = labels
        node.component = item_component(label, scheme, parent.n_listed)
    parent.add(node)
    if container.stack is EMPTY:
        container.stack = []
    container.stack.append(node)
    return True
