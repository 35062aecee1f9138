"""An item's label and its text: first-item labels that a converter from PDF left inside an item's text, recovered
(``"1 to continue"``), and a highlight from the label into the text joined.

:func:`_recover_label` takes such a label out of the text when the items after it continue its numbering
(:class:`_Later`: the first label of each scheme among the later items, :func:`_continued`).
:func:`join_label_highlight` makes the two parts of a highlight the itu_nb writer cut at the ``num`` one again.
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from itu_nb.loaders.akn_nodes import OpenNode
from itu_nb.loaders.akn_nodes import scheme as scheme_of
from itu_nb.loaders.akn_runs import ITU_NB, cut_runs
from itu_nb.model import HOMOGLYPHS, NodeKind, Op, runs_text

_FROM = f"{{{ITU_NB}}}from"

#: A first-item label the converter left inside the text: "a) the strategic plan", "1 to continue".
_LABEL_IN_TEXT = re.compile(r"^(?P<label>[a-z]\)|\d{1,3})(?P<sep> )(?=\S)")


def _recover_label(drafts: list[OpenNode], i: int, later: _Later) -> None:
    """Give the unnumbered paragraph ``drafts[i]`` the label written at the start of its text when the next
    label among the drafts after it continues it (found by ``later``, without copying the drafts after it).
    """
    node = drafts[i]
    first = node.runs[0]
    text = first.text
    start = text[:1]
    # no label starts with an ASCII character other than a digit or a letter before ")" (the homoglyphs
    # read as Latin are none of them ASCII): most paragraphs are told so from two characters
    if start.isascii() and not start.isdigit() and not ("a" <= start <= "z" and text[1:2] == ")"):
        return
    # a label and its space are at most 5 characters: only they need reading as Latin
    m = _LABEL_IN_TEXT.match(text[:5].translate(HOMOGLYPHS)) if first.op is Op.EQUAL else None
    if m is None or not _continued(m.group("label"), later, i):
        return
    node.label_runs, node.runs = cut_runs(node.runs, m.end())
    node.label_marks, node.marks = node.marks, []  # their offsets already count the label
    node.kind = NodeKind.ITEM
    node.notes.append(f"label {node.bare_label} recovered from the text: the source has no <num> for it")


class _Later:
    """The first numbered draft after a place whose label reads in a given scheme, for :func:`_continued`.

    The places asked about only move forward (:func:`~itu_nb.loaders.akn_blocks._fill` reads its drafts in order), so for each
    question (the scheme, and the letter a label is read after) the drafts are scanned once in all: the
    answer found stands until the place passes it.  A list of 20,000 paragraphs starting with a label
    and no numbered draft after them is read in linear time (it used to copy the rest of the list for each).
    """

    __slots__ = ("_drafts", "_found")

    def __init__(self, drafts: list[OpenNode]) -> None:
        self._drafts = drafts
        self._found: dict[tuple[str, str | None], int] = {}  # question → index of the answer (len: none)

    def first(self, i: int, scheme: str, previous: str | None) -> str | None:
        """The label of the first draft after ``drafts[i]`` with a ``num`` whose label reads in ``scheme``
        (read after the letter ``previous``), or None.
        """
        drafts = self._drafts
        key = (scheme, previous)
        at = self._found.get(key)
        if at is None or at <= i:  # not asked yet, or the answer is behind: none between it and i + 1
            at = i + 1 if at is None else max(at, i + 1)
            size = len(drafts)
            while at < size:
                d = drafts[at]
                if d.has_num and scheme_of(d.bare_label, previous, False) == scheme:
                    break
                at += 1
            self._found[key] = at
        return drafts[at].bare_label if at < len(drafts) else None


def _continued(label: str, later: _Later, i: int) -> bool:
    """True when the next label of the same scheme after ``drafts[i]`` is the successor of ``label``."""
    bare = label.rstrip(")")
    scheme, successor = ("number", str(int(bare) + 1)) if bare.isdigit() else ("letter", chr(ord(bare) + 1))
    other = later.first(i, scheme, None if bare.isdigit() else bare)
    return other is not None and other.translate(HOMOGLYPHS).strip("()").rstrip(".").lower() == successor


def join_label_highlight(node: OpenNode, block: etree._Element) -> None:
    """One highlight from ``node``'s label into its text (``{==a)<TAB>United==}``), read from its ``num`` and its
    text ``block``: the itu_nb writer writes its part in the label in the ``num`` and its part in the text in the
    block, the latter with ``itu_nb:from`` (where it starts in the node's text, the label counted; an empty element
    at the text's start when it ends with the label's separator), and the ``num`` leaves out the separator (TAB)
    between them.  The two become one highlight from there to the end of the text's part, the separator included
    (in :attr:`OpenNode.label_marks`, whose offsets count the label); a block without such an element is left as it is.
    """
    # the block's highlights (not a note's: those are its FOOTNOTE node's) are node.marks's, in document order
    lit = [i for i, a in enumerate(node.marks) if a.kind == "highlight"]
    k = 0
    for el in block.iter("{*}inline", "{*}authorialNote"):
        if el.get("name") != "highlight" or _in_note(el, block):
            continue
        start = el.get(_FROM)
        if start is not None:
            break
        k += 1
    else:
        return
    size = len(runs_text(node.label_runs))
    if k >= len(lit) or not start.isdigit() or int(start) >= size:
        return
    at, first = int(start), node.marks[lit[k]]
    labels = node.label_marks
    part = next(
        (i for i, a in enumerate(labels) if a.kind == "highlight" and a.offset == at and a.op is first.op), None
    )
    joined = dataclasses.replace(first, offset=at, length=size - at + first.length)
    if part is None:  # begun in the separator: the num holds none of it
        labels.append(joined)
    else:
        labels[part] = joined
    node.marks = [a for a in node.marks if a is not first]


def _in_note(el: etree._Element, block: etree._Element) -> bool:
    """Whether ``el`` stands in an ``authorialNote`` inside ``block``."""
    parent = el.getparent()
    while parent is not None and parent is not block:
        if parent.tag.rpartition("}")[2] == "authorialNote":
            return True
        parent = parent.getparent()
    return False
