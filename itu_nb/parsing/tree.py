"""Stage 3, inside one proposal: its lines of runs → its clause tree.

:class:`ProposalBuilder` takes a proposal's lines one by one (heading, title,
formula, sections, labelled items, footnotes, Reasons) and builds the tree;
:mod:`itu_nb.parsing.document` cuts a document into proposals and feeds it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

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
    Components,
    bare_label,
    item_component,
    label_scheme,
    label_split,
    parse_target,
    peel_label,
    section_keyword,
)
from itu_nb.parsing.markup import FOOTNOTE_BODY, stored_keys

_NO_ARTS: list[Artefact] = []  # the artefacts of a plain line: none (shared, never appended to)
_EQUAL = Op.EQUAL


class SourceLine:
    """One source line after stage 2: its number, its runs and its inline artefacts.

    ``main`` (the amended text, or the original when the whole line is deleted) is computed once,
    here.  :meth:`plain` makes a line of one equal run without building the run until it is asked
    for: most lines of a text are such lines, and the tree builder reads them as strings.
    """

    __slots__ = ("_plain", "_runs", "arts", "main", "no")

    def __init__(self, no: int, runs: list[Run], arts: list[Artefact]):
        self.no = no
        self._runs: list[Run] | None = runs
        self._plain = False
        self.arts = arts
        if len(runs) == 1 and runs[0].op is Op.EQUAL:
            self.main = runs[0].text
        else:
            amended = "".join([r.text for r in runs if r.op is not Op.DELETE])
            if amended and not amended.isspace():
                self.main = amended
            else:
                self.main = "".join([r.text for r in runs if r.op is not Op.INSERT])

    @classmethod
    def plain(cls, no: int, text: str) -> SourceLine:
        """A line that is one equal run of ``text`` (no run when empty), without artefacts.

        The builder reads it as a string and does not look for what :mod:`~itu_nb.parsing.infer`
        recovers: make a line that may hold such a shape (:data:`~itu_nb.parsing.infer.SHAPES`)
        with its runs instead, when the document is inferred.
        """
        line = cls.__new__(cls)
        line.no, line._runs, line.arts, line.main, line._plain = no, None, _NO_ARTS, text, True
        return line

    @property
    def runs(self) -> list[Run]:
        """The line's runs (no line break is in any of them)."""
        if self._runs is None:
            self._runs = [Run(Op.EQUAL, self.main)] if self.main else []
        return self._runs

    @runs.setter
    def runs(self, runs: list[Run]) -> None:
        self.__init__(self.no, runs, self.arts)  # type: ignore[misc]

    @property
    def is_plain(self) -> bool:
        """True when the line is one equal run without author, date or flags, and no artefact."""
        return self._plain

    def text(self, view: str | None = "amended") -> str:
        """The line's text in ``view`` (None: both views, as written)."""
        return self.main if self._plain else runs_text(self.runs, view)


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


class _Node:
    """A clause under construction (slots: a text holds tens of thousands of them)."""

    __slots__ = (
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
        "runs",
        "scheme",
        "section",
        "stack",
        "tail",
        "taken",
    )

    def __init__(
        self,
        kind: NodeKind,
        component: str,
        label_runs: Sequence[Run] | None = None,
        runs: Sequence[Run] | None = None,
        line: int | None = None,
        artefacts: list[Artefact] | None = None,
        notes: list[str] | None = None,
        section: str | None = None,
        scheme: str | None = None,
    ):
        self.kind = kind
        self.component = component
        self.label_runs: Sequence[Run] = label_runs if label_runs is not None else ()
        self.runs: Sequence[Run] = runs if runs is not None else ()
        self.line = line
        self.artefacts = artefacts if artefacts is not None else []
        self.notes = notes if notes is not None else []
        self.section = section
        self.scheme = scheme
        self.children: list[_Node] = _EMPTY  # a list of its own once a child is added
        self.stack: list[_Node] = _EMPTY  # open item lists (sections, annexes); a list once one opens
        self.taken: Components | None = None  # children's components, for "#2" in O(1)
        self.n_paragraphs = 0  # unlabelled paragraph children (p1, p2…)
        self.n_listed = 0  # bullet and dash children (bullet1, dash2…)
        self.last_number: _Node | None = None  # the last child numbered 1, 2, 3…
        self._labels: tuple[str | None, str | None] | None = None
        self._colon: bool | None = None
        self.tail: str | None = None  # the bare label, lower case, once asked for (label_scheme reads hh) ii))

    def label(self, view: str = "amended") -> str | None:
        if self._labels is None:  # computed once: the labels are read for every following sibling
            amended, original = runs_text(self.label_runs, "amended"), runs_text(self.label_runs, "original")
            self._labels = (amended.strip() if amended else None, original.strip() if original else None)
        return self._labels[0] if view == "amended" else self._labels[1]

    def ends_colon(self) -> bool:
        if self._colon is None:
            self._colon = runs_text(self.runs, "amended").rstrip().endswith(":")
        return self._colon

    def add(self, child: _Node) -> _Node:
        if self.taken is None:
            self.taken = Components()
        child.component = self.taken.take(child.component)
        if self.children is _EMPTY:
            self.children = []
        self.children.append(child)
        if child.kind is NodeKind.PARAGRAPH and child.component.startswith("p"):
            self.n_paragraphs += 1
        if child.scheme in ("bullet", "dash"):
            self.n_listed += 1
        elif child.scheme == "number":
            self.last_number = child
        return child

    def freeze(self, prefix: str) -> Clause:
        """The node as a :class:`Clause` under the path ``prefix``; its children are frozen and let go, one by one."""
        path = f"{prefix}/{self.component}" if prefix else self.component
        label, body = self.label_runs, self.runs
        if label.__class__ is not tuple or len(label) > 1 or label and not label[0].text:
            label = join_runs(label)
        if body.__class__ is not tuple or len(body) > 1 or body and not body[0].text:
            body = join_runs(body)
        return Clause(
            self.kind,
            path,
            label,
            body,
            _freeze_all(self, path) if self.children else (),
            self.section,
            self.line,
            tuple(self.artefacts) if self.artefacts else (),
            tuple(self.notes) if self.notes else (),
        )


def _freeze_all(node: _Node, path: str) -> tuple[Clause, ...]:
    """The node's children frozen as :class:`Clause` under ``path``; each is let go once frozen, so the two
    trees are never both whole.

    One call per node that has children: a leaf (most items) is frozen here, inline.  A tuple of no
    run or of one run with text (a plain line's label and body) is already what :func:`join_runs` would
    make of it: kept as it is, without the call.
    """
    children = node.children
    if not children:
        return ()
    node.children = _EMPTY
    frozen: list[Clause] = []
    append = frozen.append
    tup = tuple
    for i in range(len(children)):
        child, children[i] = children[i], _GONE
        sub = f"{path}/{child.component}" if path else child.component
        label, body = child.label_runs, child.runs
        if label.__class__ is not tup or len(label) > 1 or label and not label[0].text:
            label = join_runs(label)
        if body.__class__ is not tup or len(body) > 1 or body and not body[0].text:
            body = join_runs(body)
        append(
            Clause(
                child.kind,
                sub,
                label,
                body,
                _freeze_all(child, sub) if child.children else (),
                child.section,
                child.line,
                tup(child.artefacts) if child.artefacts else (),
                tup(child.notes) if child.notes else (),
            )
        )
    return tup(frozen)


#: What most nodes have of children, open lists, artefacts and notes: one shared empty list, never
#: appended to (a node makes its own list first).
_EMPTY: list = []
_GONE = _Node.__new__(_Node)  # what a frozen child leaves in its parent's list
_new_node = _Node.__new__


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
        #: notes for the node of a source line (a byte-order mark dropped, control characters kept)
        self.line_notes: dict[int, list[str]] = {}
        self.keyed = False  # a line carried a "keys" comment (stored clause keys)
        self.shared_labels: dict[str, tuple[Run, ...]] = {}  # label text → its one run, shared

    # -- routing ----------------------------------------------------------------
    def add_item(self, line: SourceLine, text: str, n: int) -> bool:
        """Add a plain line (:meth:`SourceLine.plain`) whose label ``kw.LABEL`` matched, ``n`` characters long,
        as :meth:`add_line` would; False, having added nothing, when :meth:`add_line` must read it.

        Such a line is no heading, keyword, formula, title or annex line (each of those is refused
        when the line has a label, or cannot start with one): once the proposal's heading or first
        node is read, and before its Reasons, it is an item of the current section.
        """
        if self.reasons is not None or self.heading is None and not self.top.children:
            return False
        if not self._plain_item(self.container or self.top, line, text, n):
            return False
        self.expect_title = False
        return True

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

    def _node(self, kind: NodeKind, component: str, line: SourceLine, section: str | None = None) -> _Node:
        node = _Node(
            kind,
            component,
            [],
            self._runs(line),
            line.no,
            list(line.arts) if line.arts else _EMPTY,
            self._notes(line),
            section=section,
        )
        if node.artefacts:
            _footnotes(node)
        return node

    def _runs(self, line: SourceLine) -> list[Run]:
        """The line's runs, with the replacements the text proves when inferring."""
        if line.is_plain:  # nothing to infer in it (see SourceLine.plain)
            return [Run(Op.EQUAL, line.main)] if line.main else []
        return _infer.infer_text(line.runs) if self.infer else list(line.runs)

    def _notes(self, line: SourceLine) -> list[str]:
        if line.arts:
            self.keyed = self.keyed or any(a.kind == "keys" for a in line.arts)
        got = self.line_notes.get(line.no) if self.line_notes else None
        return list(got) if got else _EMPTY

    # -- items and paragraphs ------------------------------------------------------
    def _paragraph(self, container: _Node, line: SourceLine, force: NodeKind | None) -> None:
        text = line.main
        label_runs: Sequence[Run] | None
        body: Sequence[Run]
        if line.is_plain:
            # the usual line, read as a string: what peel_label does with one equal run
            n = label_split(text) if force is None else 0
            if n:
                if self._plain_item(container, line, text, n):
                    return
                label_runs = self.shared_labels.get(text[:n])  # a label repeats: one run for all
                if label_runs is None:
                    label_runs = self.shared_labels[text[:n]] = (Run(Op.EQUAL, text[:n]),)
                body = (Run(Op.EQUAL, text[n:]),) if n < len(text) else ()
                label = label_runs[0].text.strip()
            else:
                label_runs, body, label = (), (Run(Op.EQUAL, text),) if text else (), ""
        else:
            runs = self._runs(line)
            label_runs, body = peel_label(runs) if force is None else ([], runs)
            label = _label_text(label_runs)
        section = container.section
        notes = self._notes(line) if line.arts or self.line_notes else _EMPTY
        if not label_runs:
            if container.stack:
                container.stack.clear()
            n = container.n_paragraphs + 1
            node = _Node(
                NodeKind.PARAGRAPH,
                f"p{n}",
                (),
                body,
                line.no,
                list(line.arts) if line.arts else _EMPTY,
                notes,
                section=section,
            )
            if node.artefacts:
                _footnotes(node)
            container.add(node)
            return
        prev_letter, prev_colon = self._previous(container)
        scheme_label = label
        relabelled = False
        equal_label = line.is_plain or all(r.op is Op.EQUAL for r in label_runs)
        if self.infer and equal_label:
            pair = _infer.infer_letter_label(label)
            if pair:
                label_runs, relabelled = _relabel(label_runs, *pair), True
                notes = [f"label {label} read as {pair[0]}) relettered {pair[1]})", *notes]
                scheme_label = _label_text(label_runs)
        scheme = label_scheme(scheme_label, prev_letter, prev_colon)
        parent = self._place(container, scheme)
        if self.infer and scheme == "number" and equal_label:
            previous = _last_number(parent, container)
            pair = _infer.infer_number_label(label, previous)
            if pair:
                label_runs, relabelled = _relabel(label_runs, *pair), True
                notes = [f"label {label} read as {pair[0]} renumbered {pair[1]}", *notes]
        node = _Node(
            NodeKind.ITEM,
            "",
            label_runs,
            body,
            line.no,
            list(line.arts) if line.arts else _EMPTY,
            notes,
            section=section,
            scheme=scheme,
        )
        if line.is_plain and not relabelled:  # one equal label run: its text is the label in both views
            node._labels = (label, label)
            node.component = item_component(label, scheme, parent.n_listed)
        else:
            node.component = self._component(parent, node)
        if node.artefacts:
            _footnotes(node)
        parent.add(node)
        if container.stack is _EMPTY:
            container.stack = []
        container.stack.append(node)

    def _plain_item(self, container: _Node, line: SourceLine, text: str, n: int) -> bool:
        """An item on a plain line (label and separator ``text[:n]``), added; False when its label is inferred.

        What :meth:`_paragraph` does with such a line, without its general steps: the label's run,
        stripped text, bare form and path component are read once per distinct label
        (:func:`_label_facts`), and the node is made with what its followers will ask of it (its
        labels, whether it ends with a colon, its bare letter).  A label that inference would
        reletter (``cb)``) is left to :meth:`_paragraph`, which is told by False.
        """
        label_runs, label, tail, base, double = _label_facts(text[:n])
        if double and self.infer:
            return False  # "cb)": inference may reletter it
        # the innermost open lettered list and the last open item, as _previous reads them
        stack = container.stack
        prev_letter, prev_colon = None, False
        if stack:
            for letter in reversed(stack):
                if letter.scheme == "letter":
                    if letter.tail is None:
                        letter.tail = bare_label(letter.label("amended") or letter.label("original") or "").lower()
                    prev_letter = letter.tail or None
                    break
            last = stack[-1]
            prev_colon = last._colon if last._colon is not None else last.ends_colon()
        scheme = label_scheme(label, prev_letter, prev_colon)
        parent = self._place(container, scheme)
        notes = self._notes(line) if self.line_notes else _EMPTY
        pair = None
        if scheme == "number":
            pair = _infer.infer_number_label(label, _last_number(parent, container)) if self.infer else None
            if pair:  # "23" after item 2: renumbered
                label_runs = _relabel(label_runs, *pair)
                notes = [f"label {label} read as {pair[0]} renumbered {pair[1]}", *notes]
        elif scheme == "bullet" or scheme == "dash":
            base = f"{scheme}{parent.n_listed + 1}"
        # the node made whole here, every slot once (what _Node() and then the settings below would do)
        node = _new_node(_Node)
        node.kind, node.label_runs, node.runs = (
            NodeKind.ITEM,
            label_runs,
            (Run(_EQUAL, text[n:]),) if n < len(text) else (),
        )
        node.line, node.artefacts, node.notes, node.section, node.scheme = (
            line.no,
            _EMPTY,
            notes,
            container.section,
            scheme,
        )
        node.children = node.stack = _EMPTY
        node.taken = node.last_number = None
        node.n_paragraphs = node.n_listed = 0
        node._colon = text.rstrip().endswith(":")  # the label ends with no colon (kw.LABEL)
        if pair:
            node._labels = node.tail = None
            node.component = ""
            base = self._component(parent, node)
        else:
            node._labels, node.tail = (label, label), tail
        # parent.add(node), for an item
        taken = parent.taken
        if taken is None:
            taken = parent.taken = Components()
        node.component = taken.take(base)
        if parent.children is _EMPTY:
            parent.children = [node]
        else:
            parent.children.append(node)
        if scheme == "number":
            parent.last_number = node
        elif scheme == "bullet" or scheme == "dash":
            parent.n_listed += 1
        if stack is _EMPTY:
            container.stack = stack = []
        stack.append(node)
        return True

    def _previous(self, container: _Node) -> tuple[str | None, bool]:
        stack = container.stack
        if not stack:
            return None, False
        prev_letter = None
        for letter in reversed(stack):  # the innermost open lettered list (a loop: no generator per line)
            if letter.scheme == "letter":
                if letter.tail is None:
                    letter.tail = bare_label(letter.label("amended") or letter.label("original") or "").lower()
                prev_letter = letter.tail or None
                break
        last = stack[-1]
        return prev_letter, last._colon if last._colon is not None else last.ends_colon()

    def _place(self, container: _Node, scheme: str) -> _Node:
        """Pop the open lists to where ``scheme`` belongs; return the parent for the new item."""
        stack = container.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].scheme == scheme:
                del stack[i:]
                return stack[-1] if stack else container
        if scheme == "roman" and stack and stack[-1].scheme == "letter" and not stack[-1].ends_colon():
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
        clauses = _freeze_all(self.top, "")
        target = None
        if self.heading is not None:
            target = parse_target(runs_text(self.heading.runs, "original"), runs_text(self.heading.runs, "amended"))
        pid = self.pid or (f"{target.kind[:3].lower()}-{target.number}" if target else "text")
        proposal = Proposal(pid, self.action, target, clauses, tuple(self.warnings))
        if not self.keyed:  # no line carried a keys comment: nothing to read back
            return proposal
        return proposal.with_keys(stored_keys(a for n in proposal.walk() for a in n.artefacts))


@functools.lru_cache(maxsize=4096)
def _label_facts(head: str) -> tuple:
    """What an item reads of its label ``head`` (label and separator, one equal run), once per label text.

    ``(label runs, label, bare lower-case label, path component, two letters)``: the runs are one tuple
    for every item with this label (runs are immutable); ``two letters`` is True for a label inference
    may read as a relettering (:func:`~itu_nb.parsing.infer.infer_letter_label`).  A pure function of
    its argument, cached: texts have few distinct labels.
    """
    label = head.strip()
    return (
        (Run(Op.EQUAL, head),),
        label,
        bare_label(label).lower(),
        item_component(label, None, 0),
        bool(_infer.infer_letter_label(label)),
    )


def _label_text(label_runs: Sequence[Run]) -> str:
    """The label as read for its scheme: amended, else original, stripped."""
    if len(label_runs) == 1 and label_runs[0].op is Op.EQUAL:
        return label_runs[0].text.strip()
    return runs_text(label_runs, "amended").strip() or runs_text(label_runs, "original").strip()


def _last_number(parent: _Node, container: _Node) -> int | None:
    child = parent.last_number  # the last child numbered 1, 2, 3…
    if child is not None:
        value = child.label("amended") or ""
        return int(value) if value.isdigit() else None
    return 0 if parent is container else None


def _relabel(label_runs: Sequence[Run], old: str, new: str) -> list[Run]:
    text = runs_text(label_runs)
    rest = text[len(old) + len(new) :]
    return [Run(Op.DELETE, old, inferred=True), Run(Op.INSERT, new, inferred=True), Run(Op.EQUAL, rest)]


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
