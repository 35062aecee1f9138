"""Stage 3, inside one proposal: its lines of runs → its clause tree.

:class:`ProposalBuilder` takes a proposal's lines one by one (heading, title,
formula, sections, labelled items, footnotes, Reasons) and builds the tree;
:mod:`itu_nb.parsing.document` cuts a document into proposals and feeds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from itu_nb.model import (
    Artefact,
    Clause,
    NodeKind,
    Op,
    Proposal,
    Run,
    join_runs,
    runs_text,
)
from itu_nb.parsing import infer as _infer
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.labels import (
    bare_label,
    item_component,
    label_scheme,
    label_split,
    parse_target,
    peel_label,
    section_keyword,
    unique_component,
)
from itu_nb.parsing.markup import FOOTNOTE_BODY, stored_keys


@dataclass
class SourceLine:
    """One source line after stage 2."""

    no: int
    runs: list[Run]
    arts: list[Artefact]

    def text(self, view: str | None = "amended") -> str:
        """The line's text in ``view`` (None: both views, as written)."""
        return runs_text(self.runs, view)

    @property
    def main(self) -> str:
        """The amended text, or the original when the whole line is deleted."""
        amended = self.text("amended")
        return amended if amended.strip() else self.text("original")


# ----------------------------------------------------------------------------
# the builder
# ----------------------------------------------------------------------------
def freeze_node(node, prefix: str, **extra) -> Clause:
    """A clause under construction as a :class:`Clause` under the path ``prefix``, children frozen too.

    ``node`` has ``kind``, ``component``, ``label_runs``, ``runs``, ``children`` (each with a
    ``freeze(path)``), ``section`` and ``notes``, as the text parser's nodes and the Akoma Ntoso
    loader's drafts do; ``extra`` are further :class:`Clause` fields (``line``, ``artefacts``).
    """
    path = f"{prefix}/{node.component}" if prefix else node.component
    return Clause(
        kind=node.kind,
        path=path,
        label_runs=join_runs(node.label_runs),
        runs=join_runs(node.runs),
        children=tuple(c.freeze(path) for c in node.children),
        section=node.section,
        notes=tuple(node.notes),
        **extra,
    )


@dataclass
class _Node:
    kind: NodeKind
    component: str
    label_runs: list[Run] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    line: int | None = None
    artefacts: list[Artefact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    section: str | None = None
    scheme: str | None = None
    stack: list[_Node] = field(default_factory=list)  # open item lists (sections, annexes)
    used: set[str] = field(default_factory=set)  # children's components, for "#2" in O(1)
    n_paragraphs: int = 0  # unlabelled paragraph children (p1, p2…)
    n_listed: int = 0  # bullet and dash children (bullet1, dash2…)

    def label(self, view: str = "amended") -> str | None:
        raw = runs_text(self.label_runs, view)
        return raw.strip() if raw else None

    def add(self, child: _Node) -> _Node:
        child.component = unique_component(child.component, self.used)
        self.used.add(child.component)
        self.children.append(child)
        if child.kind is NodeKind.PARAGRAPH and child.component.startswith("p"):
            self.n_paragraphs += 1
        if child.scheme in ("bullet", "dash"):
            self.n_listed += 1
        return child

    def freeze(self, prefix: str) -> Clause:
        return freeze_node(self, prefix, line=self.line, artefacts=tuple(self.artefacts))


def _footnotes(node: _Node) -> None:
    """Turn footnote-body artefacts into FOOTNOTE children (the artefact keeps the source)."""
    for art in node.artefacts:
        if art.kind != "footnote-body":
            continue
        m = FOOTNOTE_BODY.match(art.text)
        if not m:
            continue
        text = m.group("text")
        label, body = peel_label([Run(art.op, text)])
        if not label:  # "[1: 1 <TAB>These include …]": the number and a space before the TAB
            lm = re.match(r"^(\d+)(\s*\t|\s+)", text)
            if lm:
                label, body = [Run(art.op, lm.group(0))], [Run(art.op, text[lm.end() :])]
        fn = _Node(NodeKind.FOOTNOTE, f"fn{m.group('no')}", label, body, section=node.section)
        node.add(fn)


class ProposalBuilder:
    """One proposal's tree, built line by line: :meth:`add_line` for each of its lines, then :meth:`build`."""

    def __init__(self, action: str | None, pid: str | None, infer: bool):
        self.action = action
        self.pid = pid
        self.infer = infer
        self.top = _Node(NodeKind.SECTION, "")  # a root holding the top-level nodes
        self.heading: _Node | None = None
        self.container: _Node | None = None  # current section or annex
        self.annex: _Node | None = None
        self.reasons: _Node | None = None
        self.expect_title = False
        self.warnings: list[str] = []

    # -- routing ----------------------------------------------------------------
    def add_line(self, line: SourceLine) -> None:
        """Route one source line to the node it belongs to: heading, section, item, paragraph or reasons."""
        text = line.main
        if self.reasons is not None:
            self._paragraph(self.reasons, line, NodeKind.PARAGRAPH)
            return
        m = kw.REASONS.match(text)
        if m and not text[: m.start()].strip():
            node = self._node(NodeKind.REASONS, "reasons", line)
            node.label_runs, node.runs = _cut(node.runs, m.end())
            self.reasons = self.top.add(node)
            return
        if self.heading is None and not self.top.children and kw.HEADING.match(text.replace("\xa0", " ")):
            self.heading = self.top.add(self._node(NodeKind.HEADING, "heading", line))
            self.expect_title = True
            return
        keyword = section_keyword(text)
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
        am = kw.ANNEX.match(text)
        if am and not label_split(text) and _is_annex_line(text):
            number = re.search(r"\d+|[IVX]+\b", am.group("rest"))
            component = "annex" + (f" {number.group(0)}" if number else "")
            node = self._node(NodeKind.ANNEX, component.lower(), line, section=component.lower())
            self.annex = self.container = self.top.add(node)
            return
        self._paragraph(self.container or self.top, line, None)

    def _node(self, kind: NodeKind, component: str, line: SourceLine, section: str | None = None) -> _Node:
        runs = _infer.infer_text(line.runs) if self.infer else list(line.runs)
        node = _Node(kind, component, [], runs, line.no, list(line.arts), section=section)
        _footnotes(node)
        return node

    # -- items and paragraphs ------------------------------------------------------
    def _paragraph(self, container: _Node, line: SourceLine, force: NodeKind | None) -> None:
        runs = _infer.infer_text(line.runs) if self.infer else list(line.runs)
        label_runs, body = peel_label(runs) if force is None else ([], runs)
        section = container.section
        if not label_runs:
            container.stack.clear()
            n = container.n_paragraphs + 1
            node = _Node(NodeKind.PARAGRAPH, f"p{n}", [], body, line.no, list(line.arts), section=section)
            _footnotes(node)
            container.add(node)
            return
        label = runs_text(label_runs, "amended").strip() or runs_text(label_runs, "original").strip()
        notes: list[str] = []
        prev_letter, prev_colon = self._previous(container)
        if self.infer and all(r.op is Op.EQUAL for r in label_runs):
            pair = _infer.infer_letter_label(label)
            if pair:
                label_runs = _relabel(label_runs, *pair)
                notes.append(f"label {label} read as {pair[0]}) relettered {pair[1]})")
        scheme = label_scheme(
            runs_text(label_runs, "amended").strip() or runs_text(label_runs, "original").strip(),
            prev_letter,
            prev_colon,
        )
        parent = self._place(container, scheme)
        if self.infer and scheme == "number" and all(r.op is Op.EQUAL for r in label_runs):
            previous = _last_number(parent, container)
            pair = _infer.infer_number_label(label, previous)
            if pair:
                label_runs = _relabel(label_runs, *pair)
                notes.append(f"label {label} read as {pair[0]} renumbered {pair[1]}")
        node = _Node(
            NodeKind.ITEM, "", label_runs, body, line.no, list(line.arts), notes, section=section, scheme=scheme
        )
        node.component = self._component(parent, node)
        _footnotes(node)
        parent.add(node)
        container.stack.append(node)

    def _previous(self, container: _Node) -> tuple[str | None, bool]:
        letter = next((n for n in reversed(container.stack) if n.scheme == "letter"), None)
        prev_letter = None
        if letter is not None:
            bare = bare_label(letter.label("amended") or letter.label("original") or "")
            prev_letter = bare[-1:].lower() or None
        return prev_letter, bool(container.stack) and _ends_colon(container.stack[-1])

    def _place(self, container: _Node, scheme: str) -> _Node:
        """Pop the open lists to where ``scheme`` belongs; return the parent for the new item."""
        stack = container.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].scheme == scheme:
                del stack[i:]
                return stack[-1] if stack else container
        if scheme == "roman" and stack and stack[-1].scheme == "letter" and not _ends_colon(stack[-1]):
            label = stack[-1].label() or ""
            self.warnings.append(
                f"{container.component}: roman sub-item after {label} which does not introduce sub-items; "
                f"kept under {label} in document order"
            )
        return stack[-1] if stack else container

    @staticmethod
    def _component(parent: _Node, node: _Node) -> str:
        return item_component(node.label("amended") or node.label("original") or "", node.scheme, parent.n_listed)

    # -- result ---------------------------------------------------------------------
    def build(self) -> Proposal:
        """The :class:`Proposal` built from the lines added so far."""
        clauses = tuple(c.freeze("") for c in self.top.children)
        target = None
        if self.heading is not None:
            target = parse_target(runs_text(self.heading.runs, "original"), runs_text(self.heading.runs, "amended"))
        pid = self.pid or (f"{target.kind[:3].lower()}-{target.number}" if target else "text")
        proposal = Proposal(pid, self.action, target, clauses, tuple(self.warnings))
        return proposal.with_keys(stored_keys(a for n in proposal.walk() for a in n.artefacts))


def _ends_colon(node: _Node) -> bool:
    return runs_text(node.runs, "amended").rstrip().endswith(":")


def _last_number(parent: _Node, container: _Node) -> int | None:
    for child in reversed(parent.children):
        if child.scheme == "number":
            value = child.label("amended") or ""
            return int(value) if value.isdigit() else None
    return 0 if parent is container else None


def _relabel(label_runs: list[Run], old: str, new: str) -> list[Run]:
    text = runs_text(label_runs)
    rest = text[len(old) + len(new) :]
    return [Run(Op.DELETE, old, inferred=True), Run(Op.INSERT, new, inferred=True), Run(Op.EQUAL, rest)]


def _cut(runs: list[Run], at: int) -> tuple[list[Run], list[Run]]:
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
