"""Stage 3, inside one proposal: its lines of runs → its clause tree.

:class:`ProposalBuilder` takes a proposal's lines one by one (heading, title,
formula, sections, labelled items, footnotes, Reasons) and builds the tree;
:mod:`itu_nb.parsing.document` cuts a document into proposals and feeds it; the lines and the
nodes under construction are in :mod:`itu_nb.parsing.nodes`; the reading of lists of items is
:class:`~itu_nb.parsing.items.ItemReader` (a base class of the builder), and a line's notes
:func:`~itu_nb.parsing.footnotes.add_footnotes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from itu_nb.model import NodeKind, Op, Proposal, Run, runs_text
from itu_nb.model.struck import label_length
from itu_nb.parsing import infer as _infer
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.footnotes import add_footnotes as _footnotes
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.item_facts import _close, _label_text, _labels, _last_number, _open_tail, _relabel, _relettering
from itu_nb.parsing.items import ItemReader
from itu_nb.parsing.labels import item_component, label_split, parse_target, peel_label, section_keyword
from itu_nb.parsing.markup import stored_keys
from itu_nb.parsing.nodes import EMPTY, Node, SourceLine, freeze_all, freeze_node

__all__ = ["ProposalBuilder", "SourceLine", "freeze_node"]


class ProposalBuilder(ItemReader):
    """One proposal's tree, built line by line: :meth:`add_line` for each of its lines, then :meth:`build`."""

    def __init__(self, action: str | None, pid: str | None, infer: bool):
        self.action = action
        self.pid = pid
        self.infer = infer
        self.top = Node(NodeKind.SECTION, "")  # a root holding the top-level nodes
        self.top.path = ""  # its children's paths are their components
        self.heading: Node | None = None
        self.container: Node | None = None  # current section or annex
        self.annex: Node | None = None
        self.reasons: Node | None = None
        self.expect_title = False
        self.warnings: list[str] = []
        #: notes for the node of a source line (a byte-order mark dropped, control characters kept)
        self.line_notes: dict[int, list[str]] = {}
        self.keyed = False  # a line carried a "keys" comment (stored clause keys)
        self.shared_labels: dict[str, tuple[Run, ...]] = {}  # label text → its one run, shared

    # -- routing ----------------------------------------------------------------
    def add_items(self, lines: Sequence[SourceLine | str], i: int, stop: int, n: int) -> int:
        """Add the items on plain lines (:meth:`SourceLine.plain`, or the line's text when its number is its
        index) from ``lines[i]`` on, before ``stop``, each as :meth:`add_line` would; return the index of the
        first line not added (``i`` when none is).

        ``lines[i]``'s label ``kw.LABEL`` matched, ``n`` characters long; the lines after it are added while
        they are plain and start with a label too, so a list is read in one loop.  Such a line is no heading,
        keyword, formula, title or annex line (each of those is refused when the line has a label, or cannot
        start with one): once the proposal's heading or first node is read, and before its Reasons, it is an
        item of the current section.
        """
        if self.reasons is not None or self.heading is None and not self.top.children:
            return i
        end = self._items(self.container or self.top, lines, i, stop, n)
        if end > i:
            self.expect_title = False
        return end

    def add_line(self, line: SourceLine) -> None:
        """Route one source line to the node it belongs to: heading, section, item, paragraph or reasons."""
        text = line.main
        if self.reasons is not None:
            self._paragraph(self.reasons, line, NodeKind.PARAGRAPH)
            return
        first = text[:1]  # what the line starts with rules out most of the tests below
        m = kw.REASONS.match(text) if first == "R" or first.isspace() else None
        if m and not text[: m.start()].strip():
            node = self._node(NodeKind.REASONS, "reasons", line)
            node.label_runs, node.runs = _cut(node.runs, m.end())
            self.reasons = self.top.add(node)
            return
        if self.heading is None and not self.top.children and kw.HEADING.match(text.replace("\xa0", " ")):
            self.heading = self.top.add(self._node(NodeKind.HEADING, "heading", line))
            self.expect_title = True
            return
        keyword = None if "\t" in text else section_keyword(text)
        if (
            self.container is None
            and keyword is None
            and kw.FORMULA.match(text)
            and not label_split(text)
            and not any(c.kind is NodeKind.FORMULA for c in self.top.children)
        ):
            self.top.add(self._node(NodeKind.FORMULA, "formula", line))
            self.expect_title = False
            return
        if self.expect_title and keyword is None and not label_split(text):
            self.expect_title = False
            self.top.add(self._node(NodeKind.TITLE, "title", line))
            return
        self.expect_title = False
        if keyword is not None:
            parent = self.annex or self.top
            node = self._node(NodeKind.SECTION, keyword, line, section=keyword)
            self.container = parent.add(node)
            return
        am = kw.ANNEX.match(text) if first == "A" or first.isspace() else None
        if am and not label_split(text) and _is_annex_line(text):
            number = re.search(r"\d+|[IVX]+\b", am.group("rest"))
            component = "annex" + (f" {number.group(0)}" if number else "")
            node = self._node(NodeKind.ANNEX, component.lower(), line, section=component.lower())
            self.annex = self.container = self.top.add(node)
            return
        self._paragraph(self.container or self.top, line, None)

    def _node(self, kind: NodeKind, component: str, line: SourceLine, section: str | None = None) -> Node:
        node = Node(
            kind,
            component,
            [],
            self._runs(line),
            line.no,
            list(line.arts) if line.arts else EMPTY,
            self._notes(line),
            section=section,
        )
        if node.artefacts:
            _footnotes(node)
        return node

    def _runs(self, line: SourceLine) -> list[Run]:
        """The line's runs, with the replacements the text proves when inferring."""
        if line.is_plain:  # nothing to infer in it (see SourceLine.plain), or inferred already
            if line.read_runs is not None:
                return list(line.read_runs)
            return [make_run(Op.EQUAL, line.main)] if line.main else []
        return _infer.infer_text(line.runs) if self.infer and line.inferable else list(line.runs)

    def _notes(self, line: SourceLine) -> list[str]:
        if line.arts:
            self.keyed = self.keyed or any(a.kind == "keys" for a in line.arts)
        got = self.line_notes.get(line.no) if self.line_notes else None
        return list(got) if got else EMPTY

    # -- items and paragraphs ------------------------------------------------------
    def _paragraph(self, container: Node, line: SourceLine, force: NodeKind | None) -> None:
        text = line.main
        label_runs: Sequence[Run] | None
        body: Sequence[Run]
        labels = None  # a line with runs: its labels in both views, read once (what Node.label gives)
        if line.is_plain:
            # the usual line, read as a string: what peel_label does with one equal run
            n = label_split(text) if force is None else 0
            if n:
                if self._plain_item(container, line, text, n):
                    return
                label_runs = self.shared_labels.get(text[:n])  # a label repeats: one run for all
                if label_runs is None:
                    label_runs = self.shared_labels[text[:n]] = (make_run(Op.EQUAL, text[:n]),)
                body = line.body(n)
                label = label_runs[0].text.strip()
            else:
                label_runs, body, label = (), line.body(0), ""
        else:
            runs = self._runs(line)
            label_runs, body = peel_label(runs) if force is None else ([], runs)
            if label_runs:
                labels = _labels(label_runs)
                label = labels[0] or labels[1] or ""  # _label_text(label_runs)
            else:
                label = ""
        section = container.section
        notes = self._notes(line) if line.arts or self.line_notes else EMPTY
        if not label_runs and not body and line.arts and self._struck_item(container, line, notes):
            return
        if not label_runs:
            if container.stack:
                _close(container, 0)
            n = container.n_paragraphs + 1
            node = Node(
                NodeKind.PARAGRAPH,
                f"p{n}",
                (),
                body,
                line.no,
                list(line.arts) if line.arts else EMPTY,
                notes,
                section=section,
            )
            if node.artefacts:
                _footnotes(node)
            container.add(node)
            return
        prev_roman = _open_tail(container.stack, "roman") if container.stack else None
        scheme_label = label
        relabelled = False
        equal_label = line.is_plain or all(r.op is Op.EQUAL for r in label_runs)
        if self.infer and equal_label:
            pair = _relettering(label, prev_roman)  # "cd)" after "cccxcix)" is no relettering
            if pair:
                label_runs, relabelled = _relabel(label_runs, *pair), True
                notes = [f"label {label} read as {pair[0]}) relettered {pair[1]})", *notes]
                scheme_label = _label_text(label_runs)
        views = _labels(label_runs) if relabelled or labels is not None else None  # None: a plain label
        scheme = self._scheme(container, scheme_label, views)
        parent = self._place(container, scheme)
        if self.infer and scheme == "number" and equal_label:
            previous = _last_number(parent, container)
            pair = _infer.infer_number_label(label, previous)
            if pair:
                label_runs, relabelled = _relabel(label_runs, *pair), True
                notes = [f"label {label} read as {pair[0]} renumbered {pair[1]}", *notes]
        node = Node(
            NodeKind.ITEM,
            "",
            label_runs,
            body,
            line.no,
            list(line.arts) if line.arts else EMPTY,
            notes,
            section=section,
            scheme=scheme,
        )
        if line.is_plain and not relabelled:  # one equal label run: its text is the label in both views
            node._labels = (label, label)
            node.component = item_component(label, scheme, parent.n_listed)
        elif labels is not None and not relabelled:  # the labels read above: what self._component reads
            node._labels = labels
            node.component = item_component(label, scheme, parent.n_listed)
        else:
            node.component = self._component(parent, node)
        if node.artefacts:
            _footnotes(node)
        parent.add(node)
        if container.stack is EMPTY:
            container.stack = []
        container.stack.append(node)

    def _struck_item(self, container: Node, line: SourceLine, notes) -> bool:
        """Add the item of ``line`` when it is a clause another author inserted whole and the analyst struck: no
        text in any view, its first artefact a ``struck-insert`` starting with a label (its label, inserted then
        struck: :func:`itu_nb.amendments.wording.delete_node`).  It is placed in its list as that label says, as
        an item with no label runs (path component ``bullet<n>``, as :func:`itu_nb.amendments.relettering.repath`
        gives it), and counts as no live item.  False (nothing added) for any other line.
        """
        first = line.arts[0]
        if first.kind != "struck-insert" or first.offset or any(r.text for r in self._runs(line)):
            return False
        texts = [a.text for a in line.arts if a.kind == "struck-insert" and not a.offset]
        n = label_length(texts)
        if not n:
            return False
        label = "".join(texts)[:n].strip()
        scheme = self._scheme(container, label, struck=True)
        parent = self._place(container, scheme)
        node = Node(
            NodeKind.ITEM, "", [], [], line.no, list(line.arts), notes, section=container.section, scheme=scheme
        )
        node._labels = (label, label)  # (for the items after it to read their scheme: not the clause's label)
        node.component = item_component("", "bullet", parent.n_listed)
        parent.add(node)
        parent.n_listed += 1
        if container.stack is EMPTY:
            container.stack = []
        container.stack.append(node)
        return True

    # -- result ---------------------------------------------------------------------
    def build(self) -> Proposal:
        """The :class:`Proposal` built from the lines added so far."""
        clauses = freeze_all(self.top, "")
        target = None
        if self.heading is not None:
            target = parse_target(runs_text(self.heading.runs, "original"), runs_text(self.heading.runs, "amended"))
        pid = self.pid or (f"{target.kind[:3].lower()}-{target.number}" if target else "text")
        proposal = Proposal(pid, self.action, target, clauses, tuple(self.warnings))
        if not self.keyed:  # no line carried a keys comment: nothing to read back
            return proposal
        return proposal.with_keys(stored_keys(a for n in proposal.walk() for a in n.artefacts))


def _cut(runs: Sequence[Run], at: int) -> tuple[list[Run], list[Run]]:
    head: list[Run] = []
    tail: list[Run] = []
    pos = 0
    for r in runs:
        if pos >= at:
            tail.append(r)
        elif pos + len(r.text) <= at:
            head.append(r)
        else:
            head.append(r.with_text(r.text[: at - pos]))
            tail.append(r.with_text(r.text[at - pos :]))
        pos += len(r.text)
    return head, tail


def _is_annex_line(text: str) -> bool:
    stripped = text.strip()
    if stripped[-1:] in ";,.":
        return False
    return stripped.split()[0].isupper() or bool(re.search(r"\bto\s+(Resolution|Decision|this)\b", stripped))
