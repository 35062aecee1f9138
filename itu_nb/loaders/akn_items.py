"""Items that Akoma Ntoso converted from PDF runs together, cut apart (error 1 of :mod:`~itu_nb.loaders.akn_repair`).

:func:`unglue` cuts an item's text where, after a ``;`` or ``:`` and a space, a label continues the item's own
numbering; :func:`lift_parents_items` reads an item's last sub-item the same way against the item's label, so
the items run into it become the item's next siblings.  :class:`_Either` and :func:`_equal` are shared with
the section cuts of :mod:`~itu_nb.loaders.akn_repair`.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from collections.abc import Iterator

from itu_nb.loaders.akn_nodes import OpenNode, component, next_labels
from itu_nb.loaders.akn_runs import slice_runs
from itu_nb.model import NodeKind, Op, Run, runs_text
from itu_nb.parsing.labels import bare_label

__all__ = ["lift_parents_items", "unglue"]


class _Either:
    """The regex ``[<marks>]<rest>``, searched as one regex per mark: what ``re`` finds of it, faster.

    A regex that starts with a character class is tried at every character; one that starts with a
    literal skips to where the literal stands, so the texts (most of which hold no match) are read
    several times as fast.  The matches of the one regex are those of the per-mark ones merged by
    position (a match holds no mark after its first character, so none overlaps another).
    """

    __slots__ = ("_each",)

    def __init__(self, marks: str, rest: str) -> None:
        self._each = tuple(re.compile(re.escape(mark) + rest) for mark in marks)

    def search(self, text: str) -> re.Match | None:
        """The first match in ``text``, as ``re.search`` of the whole regex gives it."""
        best = None
        for regex in self._each:
            m = regex.search(text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match]:
        """Every match in ``text`` from ``pos`` on, in order, as ``re.finditer`` of the whole regex gives them:
        lazily, as it does (a caller that stops at the first good match reads no further).
        """
        return heapq.merge(*(regex.finditer(text, pos) for regex in self._each), key=re.Match.start)

    def every(self, text: str, pos: int = 0) -> list[re.Match]:
        """Every match in ``text`` from ``pos`` on, in order, as a list: :meth:`finditer` all read, for a caller
        that reads them all (one sort in C, where merging calls Python for each match).
        """
        found = [m for regex in self._each for m in regex.finditer(text, pos)]
        found.sort(key=re.Match.start)  # no two start at one character: each starts with its own mark
        return found


#: A label run into the text: ``;`` or ``:``, spaces, the label and one space before the text.  A roman label is
#: any run of up to 15 roman letters (``mmmdccclxxxviii)``, 3888, the longest numeral): :func:`_unglued` takes only the
#: next label of the list (``xxxix)`` after ``xxxviii)``, ``dci)`` after ``dc)``), a numeral to 3999 as the parser
#: reads labels (``itu_nb.parsing.keywords.NUMERAL``).
_RUN_IN = _Either(";:", r"(\s+)(\d{1,3}|[a-z]\)|[ivxlcdm]{1,15}\))( )(?=\S)")


def _plain(node: OpenNode) -> bool:
    return _equal(node.runs)


def _equal(runs: list[Run]) -> bool:
    """Whether every run is plain text (the usual single run told without a generator)."""
    if len(runs) == 1:
        return runs[0].op is Op.EQUAL
    return all(r.op is Op.EQUAL for r in runs)


def unglue(node: OpenNode) -> list[OpenNode] | None:
    """``node`` and the items cut out of its text when its next items run into it (see module); None when
    nothing is run in (the usual item, told from its text alone: no ``;`` or ``:`` before its end).
    """
    runs = node.runs
    if node.kind is NodeKind.ITEM and len(runs) == 1:  # the usual item: look for a ";" or ":" before the end
        text = runs[0].text
        if text.find(";", 0, len(text) - 1) < 0 and text.find(":", 0, len(text) - 1) < 0:
            return None
    pieces = _unglued(node)
    return pieces if len(pieces) > 1 else None


def _unglued(node: OpenNode, after: str | None = None) -> list[OpenNode]:
    """``node`` and the items cut out of its text, whose labels continue ``after`` (its own label by default)."""
    if node.kind is not NodeKind.ITEM or not node.labelled:
        return [node]
    text = runs_text(node.runs)
    last = len(text) - 1  # a ";" or ":" that ends the text starts nothing
    if text.find(";", 0, last) < 0 and text.find(":", 0, last) < 0:
        return [node]  # the usual case: nothing run in
    first = _RUN_IN.search(text)
    if first is None or not _plain(node):
        return [node]
    nexts = next_labels(after or node.bare_label)
    if bare_label(first.group(2)).lower() not in nexts.values():
        return [node]  # the first label run in does not continue the list: the chain below stops at once
    cuts = []
    for m in _RUN_IN.finditer(text):  # a chain of successors from the first run-in label on
        label = m.group(2)
        schemes = {scheme for scheme, bare in nexts.items() if bare == bare_label(label).lower()}
        if not schemes:
            break  # not the next item: a list quoted inside the item ("a) …; b) …"), or a number
        cuts.append(m)
        nexts = {scheme: bare for scheme, bare in next_labels(label).items() if scheme in schemes}
    if not cuts:
        return [node]
    runs = node.runs
    node.runs = slice_runs(runs, 0, cuts[0].start(1))
    labels = ", ".join(m.group(2) for m in cuts)
    node.notes.append(f"the source ran the next items ({labels}) into this one's text: they are split off")
    pieces = [node]
    for k, m in enumerate(cuts):
        end = cuts[k + 1].start(1) if k + 1 < len(cuts) else len(text)
        body = slice_runs(runs, m.end(), end)
        note = (
            f"label {m.group(2)} recovered from the text of item {node.bare_label}: the source ran the items together"
        )
        piece = OpenNode(NodeKind.ITEM, label_runs=[Run(Op.EQUAL, m.group(2) + m.group(3))], runs=body,
                      section=node.section, notes=[note])  # fmt: skip
        pieces.append(piece)
    pieces[-1].children, node.children = node.children, []
    return pieces


def lift_parents_items(node: OpenNode) -> None:
    """Items run into the last sub-item of an item but numbered as that item's next siblings
    ("2 … so as to: … v) further develop …; 3 to prepare …; 4 to provide …") become those siblings.

    Linear in the children: the components taken are gathered once (when a first item is lifted) and
    the list is rebuilt once, not searched and shifted per lifted item; a list that lifts nothing (nearly
    all) is read without copying it.
    """
    for k, item in enumerate(node.children):
        if not item.children:  # a leaf has nothing to lift
            continue
        lift_parents_items(item)
        pieces = _lifted(item)
        if pieces:
            _lift_rest(node, k, pieces)
            return


def _lifted(item: OpenNode) -> list[OpenNode]:
    """The items cut out of the last sub-item of ``item`` that continue ``item``'s own numbering (taken out of it)."""
    last = item.children[-1]
    if item.kind is NodeKind.ITEM and item.label_runs and last.kind is NodeKind.ITEM:
        return _unglued(last, item.bare_label)[1:]
    return []


def _lift_rest(node: OpenNode, k: int, pieces: list[OpenNode]) -> None:
    """:func:`lift_parents_items` of ``node`` from its child ``k`` on, which gave the first ``pieces`` to lift."""
    children = node.children
    out = children[: k + 1]
    taken = _Taken(c.component for c in children)
    todo = deque(children[k + 1 :])
    item = children[k]
    while True:
        for piece in pieces:
            piece.scheme, piece.section = item.scheme, item.section
            piece.component = taken.take(component(node, piece))
        todo.extendleft(reversed(pieces))  # read next, as the siblings they are (they may lift items too)
        pieces = []
        while todo and not pieces:
            item = todo.popleft()
            out.append(item)
            if item.children:
                lift_parents_items(item)
                pieces = _lifted(item)
        if not pieces:
            break
    node.children[:] = out


class _Taken:
    """The components of a node's children, for lifted items: what :func:`unique_component` gives
    with the set of them (``base``, else the first free ``base#n``), in amortised constant time.

    The set only grows, so every ``base#k`` below the last one given for ``base`` stays taken: the
    search for the next one starts there, not at ``base`` again (20,000 lifted items "b)" searched
    200 million components).
    """

    __slots__ = ("_next", "_used")

    def __init__(self, used) -> None:
        self._used: set[str] = set(used)
        self._next: dict[str, int] = {}

    def take(self, base: str) -> str:
        n = self._next.get(base, 1)
        got = base if n == 1 else f"{base}#{n}"
        while got in self._used:
            n += 1
            got = f"{base}#{n}"
        self._next[base] = n
        self._used.add(got)
        return got
