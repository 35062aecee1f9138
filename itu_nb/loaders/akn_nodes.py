"""The clause under construction while an Akoma Ntoso statement is read (:mod:`itu_nb.loaders.akn`).

A :class:`OpenNode` stays mutable until its place in the tree is known (the loader and the
repairs of :mod:`itu_nb.loaders.akn_repair` move drafts around), then :meth:`OpenNode.freeze`
turns it into a :class:`~itu_nb.model.Clause`.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

from lxml import etree

from itu_nb.loaders.akn_runs import footnote_runs, inline_runs, main_text
from itu_nb.model import HOMOGLYPHS, Artefact, Clause, NodeKind, Op, Run, join_runs, runs_text
from itu_nb.parsing.frozen import clause as _clause
from itu_nb.parsing.labels import (
    Components,
    fixed_scheme,
    item_component,
    label_scheme,
    section_keyword,
    successors,
)
from itu_nb.parsing.schemes import dotted_scheme
from itu_nb.parsing.tree import freeze_node
from itu_nb.parsing.view_letters import letter_in_some_view, view_labels

_BULLETS = ("bullet", "dash")

__all__ = ["OpenNode", "component", "keyword", "next_labels", "place", "scheme"]


@functools.lru_cache(maxsize=4096)
def scheme(
    label: str, previous_letter: str | None, previous_ends_colon: bool, previous_roman: str | None = None
) -> str:
    """:func:`itu_nb.parsing.labels.label_scheme`, remembered: a text has few distinct labels."""
    return label_scheme(label, previous_letter, previous_ends_colon, previous_roman)


def keyword(text: str) -> str | None:
    """:func:`itu_nb.parsing.labels.section_keyword`, remembered for short texts: a text's section lines repeat."""
    return _keyword(text) if len(text) <= 300 else section_keyword(text)  # a long text is no section line


_keyword = functools.lru_cache(maxsize=4096)(section_keyword)


@functools.lru_cache(maxsize=4096)
def next_labels(label: str) -> dict[str, str]:
    """:func:`itu_nb.parsing.labels.successors`, remembered (the dict is shared: read it, do not change it)."""
    return successors(label)


@dataclass(slots=True, eq=False, init=False)  # a node is itself: lists of nodes are searched by identity
class OpenNode:
    """A clause under construction: mutable until its place in the tree is known."""

    kind: NodeKind
    component: str = ""
    label_runs: list[Run] = field(default_factory=list)  # with the separator
    runs: list[Run] = field(default_factory=list)
    section: str | None = None
    scheme: str | None = None
    notes: list[str] = field(default_factory=list)
    children: list[OpenNode] = field(default_factory=list)
    has_num: bool = False
    marks: list[Artefact] = field(default_factory=list)  # comments and highlights, offsets in the runs
    label_marks: list[Artefact] = field(default_factory=list)  # the same in the label
    #: What :meth:`add` knows of ``children`` (the list, its length, the components used, the paragraphs),
    #: valid while the list is that list with that length: repairs that move nodes change one or the other.
    counts: list | None = field(default=None, repr=False, compare=False)
    #: ``(label_runs, bare label)`` as :attr:`bare_label` last read it: valid while ``label_runs`` is that list
    #: (lists of runs are replaced, never changed in place; place and the check read a label several times)
    bare: tuple | None = field(default=None, repr=False, compare=False)
    #: ``runs`` when the reader found, as it read them, that they hold nothing the section repairs cut in the middle of
    #: a section (:func:`itu_nb.loaders.akn.quiet`): valid while ``runs`` is that list (replaced, never changed in place)
    quiet: list | None = field(default=None, repr=False, compare=False)

    def __init__(
        self,
        kind: NodeKind,
        component: str = "",
        label_runs: list[Run] | None = None,
        runs: list[Run] | None = None,
        section: str | None = None,
        scheme: str | None = None,
        notes: list[str] | None = None,
        children: list[OpenNode] | None = None,
        has_num: bool = False,
        marks: list[Artefact] | None = None,
        label_marks: list[Artefact] | None = None,
        counts: list | None = None,
    ) -> None:
        # written out: the dataclass's own __init__ calls a factory for each of the five lists (a
        # statement makes a node per paragraph, and the Final Acts have some 12,000)
        self.kind = kind
        self.component = component
        self.label_runs = [] if label_runs is None else label_runs
        self.runs = [] if runs is None else runs
        self.section = section
        self.scheme = scheme
        self.notes = [] if notes is None else notes
        self.children = [] if children is None else children
        self.has_num = has_num
        self.marks = [] if marks is None else marks
        self.label_marks = [] if label_marks is None else label_marks
        self.counts = counts
        self.bare = None
        self.quiet = None

    @property
    def labelled(self) -> bool:
        """Whether the node has a label (in either view)."""
        return bool(self.label_runs)

    @property
    def bare_label(self) -> str:
        """The label without its separator: amended, or original when it exists only there."""
        runs = self.label_runs
        known = self.bare
        if known is not None and known[0] is runs:
            return known[1]
        if len(runs) == 1 and runs[0].op is Op.EQUAL:  # the usual label: one plain run
            bare = runs[0].text.strip()
        else:
            bare = (runs_text(runs, "amended").strip() or runs_text(runs, "original")).strip()
        self.bare = (runs, bare)
        return bare

    @property
    def text(self) -> str:
        """The node's main text: amended, or original when it exists only there."""
        runs = self.runs
        if len(runs) == 1 and runs[0].op is Op.EQUAL:  # the usual text: one plain run
            return runs[0].text
        return main_text(runs)

    def add(self, child: OpenNode) -> OpenNode:
        """Append ``child``, giving it ``#2``, ``#3``… when its component is taken (as the text parser does)."""
        children = self.children
        cache = self.counts
        if cache is None or cache[0] is not children or cache[1] != len(children):  # the list changed outside add
            used = Components()  # "#2" suffixes in constant time (20,000 items "a)" are not quadratic)
            for c in children:
                used.take(c.component)
            paragraphs = sum(1 for c in children if c.kind is NodeKind.PARAGRAPH)
            bullets = sum(1 for c in children if c.scheme in _BULLETS or struck_label(c) is not None)
            cache = self.counts = [children, len(children), used, paragraphs, bullets]
        if child.kind is NodeKind.PARAGRAPH:
            cache[3] += 1
            child.component = f"p{cache[3]}"
        child.component = cache[2].take(child.component)
        children.append(child)
        cache[1] += 1  # updated in place: no new record per child
        if child.scheme in _BULLETS or (child.has_num and not child.label_runs and struck_label(child) is not None):
            cache[4] += 1
        return child

    def bullets(self) -> int:
        """How many children are bullets or dashes (from what :meth:`add` counted, when still valid)."""
        cache = self.counts
        if cache is not None and cache[0] is self.children and cache[1] == len(self.children):
            return cache[4]
        return sum(1 for c in self.children if c.scheme in _BULLETS or struck_label(c) is not None)

    def read(self, el: etree._Element) -> OpenNode:
        """Take this node's text (and its footnotes) from the text block ``el``."""
        self.marks = []
        self.runs, notes = inline_runs(el, self.marks)
        for note in notes:
            lit: list = []  # its highlights and comments
            marker, label, body = footnote_runs(note, lit)
            kind = "en" if note.get("class") == "endnote" else "fn"  # an endnote, as the AKN writer marks it
            kid = self.add(OpenNode(NodeKind.FOOTNOTE, f"{kind}{marker}", label, body, section=self.section))
            if lit:  # offsets in the note's text; freeze counts them from after the label
                size = len(runs_text(label))
                kid.marks = [dataclasses.replace(a, offset=(a.offset or 0) - size) for a in lit]
        return self

    def freeze(self, prefix: str) -> Clause:
        """The frozen :class:`Clause` of this node and its children, paths under ``prefix``.

        As :func:`itu_nb.parsing.tree.freeze_node`, with the usual single run taken as it is;
        comments and highlights (``marks``) become the clause's artefacts.
        """
        if self.marks or self.label_marks:
            shift = len(runs_text(self.label_runs))  # the body's offsets count from after the label
            moved = [dataclasses.replace(a, offset=(a.offset or 0) + shift) for a in self.marks]
            return freeze_node(self, prefix, artefacts=(*self.label_marks, *moved))
        path = f"{prefix}/{self.component}" if prefix else self.component
        children: tuple[Clause, ...] = ()
        if self.children:
            frozen = []
            for c in self.children:
                label_runs, runs = c.label_runs, c.runs
                if (
                    c.children
                    or c.marks
                    or c.label_marks
                    or len(runs) != 1
                    or not runs[0].text
                    or (label_runs and (len(label_runs) != 1 or not label_runs[0].text))
                ):
                    frozen.append(c.freeze(path))
                    continue
                # the usual leaf, frozen here as freeze below would freeze it, without its call
                notes = tuple(c.notes) if c.notes else ()
                at = f"{path}/{c.component}" if path else c.component
                leaf_label: tuple[Run, ...] = (label_runs[0],) if label_runs else ()
                frozen.append(_clause(c.kind, at, leaf_label, (runs[0],), (), c.section, None, (), notes))
            children = tuple(frozen)
        label_runs, runs = self.label_runs, self.runs
        if not label_runs:  # a paragraph
            label: tuple[Run, ...] = ()
        elif len(label_runs) == 1 and label_runs[0].text:
            label = (label_runs[0],)
        else:
            label = join_runs(label_runs)
        body = (runs[0],) if len(runs) == 1 and runs[0].text else join_runs(runs)
        notes = tuple(self.notes) if self.notes else ()
        # as Clause(kind, path, label, body, children, section, notes=notes), positionally (no line, no artefacts)
        return _clause(self.kind, path, label, body, children, self.section, None, (), notes)


@functools.lru_cache(maxsize=4096)
def _plain_component(bare: str) -> str:
    """:func:`itu_nb.parsing.labels.item_component` of a label that is no bullet, without its regex."""
    return "".join(bare.translate(HOMOGLYPHS).strip("()").rstrip(".").split()) or "item"


@functools.lru_cache(maxsize=4096)
def _letter(bare: str) -> str:
    """A lettered label read as Latin, lower case, whole: ``"b"`` for ``"(b)"``, ``"hh"`` for ``"hh)"``.

    Whole, so that :func:`label_scheme` reads ``ii)`` after ``hh)`` as a letter (with the last letter
    only it cannot tell ``hh) ii)`` from ``h): i) ii)``).
    """
    return bare.translate(HOMOGLYPHS).strip("()").lower()


@functools.lru_cache(maxsize=4096)
def _in_context(label: str) -> bool:
    """Whether :func:`label_scheme` may read ``label`` by its neighbours: only a label that reads as a roman
    numeral and a letter (``i)``, ``v)``, ``l)``, ``cc)``…: :func:`fixed_scheme` None) is; ``1``, ``4.2``,
    ``a)``, ``b)``, ``xlix)`` are read alone.
    """
    return fixed_scheme(label) is None


#: label → (its scheme read alone, or None when its neighbours decide; its plain component): what
#: :func:`place` reads of a label, once per distinct label (a text has few)
_READING: dict[str, tuple[str | None, str]] = {}


def _reading(bare: str) -> tuple[str | None, str]:
    dotted = dotted_scheme(bare)  # 4.1, 101.100: read alone, its own component (what the general steps give)
    reading: tuple[str | None, str]
    if dotted is not None:
        reading = (dotted, bare)
    else:
        reading = (None if _in_context(bare) else scheme(bare, None, False), _plain_component(bare))
    if len(_READING) < 4096:
        _READING[bare] = reading
    return reading


def component(parent: OpenNode, node: OpenNode) -> str:
    """Path component of an item, as the text parser names it: ``b``, ``4.1``, ``bullet2``."""
    if node.scheme in _BULLETS:
        return item_component(node.bare_label, node.scheme, parent.bullets())
    return _plain_component(node.bare_label)


def place(base: OpenNode, stack: list[OpenNode], node: OpenNode) -> None:
    """Put a labelled item under ``base`` or under an open item whose list it continues.

    ``stack`` holds the items whose lists are open (the last item and its last descendants), as
    when reading lines; it is updated.  The item's scheme, component and notes are set here.
    """
    struck = struck_label(node) if not node.label_runs else None
    bare = node.bare_label if struck is None else struck
    alone, plain = _READING.get(bare) or _reading(bare)
    if alone is None:  # a label that may read as a roman numeral: its neighbours decide
        previous, roman = None, None
        for open_item in reversed(stack):
            if open_item.scheme == "letter":
                previous = _letter(open_item.bare_label) or None
                break
        for open_item in reversed(stack):  # the open roman list it may continue (l) after xlix))
            if open_item.scheme == "roman":
                roman = _letter(open_item.bare_label) or None
                break
        colon = bool(stack) and _amended(stack[-1].runs).rstrip().endswith(":")
        own = scheme(bare, previous, colon, roman)
        if own == "roman" and not colon and stack and stack[-1].scheme == "letter":  # read again in every view
            siblings = (stack[-2] if len(stack) > 1 else base).children
            if struck is not None:
                again = letter_in_some_view((None, None), siblings, _labels_of, roman, struck=bare)
            else:
                runs = node.label_runs
                views = (runs_text(runs, "amended").strip() or None, runs_text(runs, "original").strip() or None)
                again = letter_in_some_view(views, siblings, _labels_of, roman)
            if again:
                own = "letter"
    else:
        own = alone
    node.scheme = own
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].scheme == own:
            del stack[i:]
            break
    parent = stack[-1] if stack else base
    if parent is not base:
        node.notes.append(f"placed under {parent.bare_label}: the source gives this sub-item as a sibling")
    if struck is not None:  # a clause inserted whole and struck: bullet<n>, counted with the bullets (struck_label)
        node.component = item_component("", "bullet", parent.bullets())
    else:
        node.component = plain if own not in _BULLETS else component(parent, node)
    parent.add(node)
    if node.children:
        _lift_same_scheme(parent, node)
    item: OpenNode | None = node
    while item is not None:  # the open lists after this item, as after reading its lines
        stack.append(item)
        children = item.children
        item = children[-1] if children and children[-1].kind is NodeKind.ITEM else None


def _amended(runs: list[Run]) -> str:
    if len(runs) == 1 and runs[0].op is Op.EQUAL:
        return runs[0].text
    return runs_text(runs, "amended")


def _lift_same_scheme(parent: OpenNode, node: OpenNode) -> None:
    """Items the source nests under an item of their own numbering (a 4.6 inside 17.7: converter
    debris from a table) become the item's next siblings, as in any text a reader could write.
    """
    same = [c for c in node.children if c.kind is NodeKind.ITEM and c.scheme == node.scheme]
    for child in same:
        node.children.remove(child)
        child.notes.append(f"was nested under {node.bare_label} in the source, which numbers it alike")
        child.component = component(parent, child)
        parent.add(child)


def _labels_of(node: OpenNode) -> set[str]:
    """A node's labels in every view (:func:`~itu_nb.parsing.view_letters.view_labels`)."""
    return view_labels(node.label_runs, node.label_marks)


def struck_label(node: OpenNode) -> str | None:
    """The label of a clause another author inserted whole and the analyst struck, read from its ``num`` (no label
    runs, its label a struck-insert: :mod:`itu_nb.export.akn_struck`), without its separator; None for any other.
    Such an item is placed in its list as that label says and named ``bullet<n>``, counted with the bullets, as the
    text parser names it (:meth:`itu_nb.parsing.tree.ProposalBuilder._struck_item`).
    """
    if not node.has_num or node.label_runs or not node.label_marks:
        return None
    texts = [a.text for a in node.label_marks if a.kind == "struck-insert" and not a.offset]
    return "".join(texts).strip() or None if texts else None
