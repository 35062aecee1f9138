"""Stage 3's parts: the source lines it reads and the nodes it builds before they are frozen.

:class:`SourceLine` is one line after stage 2; :class:`Node` a clause under construction, which
:mod:`itu_nb.parsing.tree` fills line by line and :func:`freeze_all` turns into :class:`Clause`
objects at the end, letting each node go once frozen.
"""

from __future__ import annotations

from collections.abc import Sequence

from itu_nb.model import Artefact, Clause, NodeKind, Op, Run, join_runs, runs_text
from itu_nb.parsing.frozen import clause
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.labels import Components

# the ops as module names: ``Op.DELETE`` in a comprehension looks the enum's member up again for each run, five
# times what the comprehension costs otherwise (a line of a million changes)
_DELETE, _INSERT = Op.DELETE, Op.INSERT

__all__ = ["NO_ARTS", "Node", "SourceLine", "freeze_all", "freeze_node", "seal"]

#: The artefacts of a plain line (:meth:`SourceLine.plain`): none, one list shared by every such line, never appended to.
NO_ARTS: list[Artefact] = []


class SourceLine:
    """One source line after stage 2: its number, its runs and its inline artefacts.

    ``main`` (the amended text, or the original when the whole line is deleted) is computed once,
    here.  :meth:`plain` makes a line of one equal run without building the run until it is asked
    for: most lines of a text are such lines, and the tree builder reads them as strings.
    """

    __slots__ = ("_plain", "_runs", "arts", "inferable", "main", "read_runs", "no")

    def __init__(self, no: int, runs: list[Run], arts: list[Artefact]):
        self.no = no
        self._runs: list[Run] | None = runs
        self._plain = False
        self.arts = arts
        #: False when the text is known to hold no shape inference recovers (the text parser's
        #: :func:`~itu_nb.parsing.infer.shaped_lines` did not name the line): its runs are read as they are
        self.inferable = True
        #: the runs the builder reads for a plain line read with runs (:meth:`inferred_plain`, :meth:`headed`)
        self.read_runs: list[Run] | None = None
        if len(runs) == 1 and runs[0].op is Op.EQUAL:
            self.main = runs[0].text
        else:
            amended = "".join([r.text for r in runs if r.op is not _DELETE])
            if amended and not amended.isspace():
                self.main = amended
            else:
                self.main = "".join([r.text for r in runs if r.op is not _INSERT])

    @classmethod
    def plain(cls, no: int, text: str) -> SourceLine:
        """A line that is one equal run of ``text`` (no run when empty), without artefacts.

        The builder reads it as a string and does not look for what :mod:`~itu_nb.parsing.infer`
        recovers: make a line that may hold such a shape (:data:`~itu_nb.parsing.infer.SHAPES`)
        with its runs instead, when the document is inferred.
        """
        line = cls.__new__(cls)
        line.no, line._runs, line.arts, line.main, line._plain, line.inferable = no, None, NO_ARTS, text, True, False
        line.read_runs = None
        return line

    @classmethod
    def inferred_plain(cls, no: int, text: str, runs: list[Run]) -> SourceLine:
        """A plain line of ``text`` (:meth:`plain`) in which inference recovered replacements: ``runs``.

        ``runs`` (:func:`~itu_nb.parsing.infer.split_text` of ``text``) start with an equal run that holds the
        line's label and separator whole, as :func:`~itu_nb.parsing.labels.label_split` reads them on ``text``:
        the builder reads the line as a string, as it reads a plain line, and takes its body from ``runs``
        (:meth:`body`).  Whole-line artefacts (a marker, a header) take ``text`` as it is, not inferred.
        """
        line = cls.plain(no, text)
        line.read_runs = runs
        return line

    @classmethod
    def headed(cls, no: int, runs: list[Run]) -> SourceLine:
        """A line of ``runs`` without artefacts whose label the builder reads as a plain line's.

        ``runs`` (two or more, none empty) start with an equal run without author, date or flag that puts a
        non-whitespace character past the reach of any label (as :func:`~itu_nb.parsing.labels.peel_label`
        reads a line): the label is read in that run alone, the same in both views and on :attr:`main`, so
        the builder reads the line as a plain line and takes its body from ``runs`` (:meth:`body`).
        Whole-line artefacts (a marker, a header) take the runs, with their ops.
        """
        line = cls(no, runs, NO_ARTS)
        line._plain, line.inferable, line.read_runs = True, False, runs
        return line

    def body(self, n: int) -> tuple[Run, ...]:
        """A plain line's runs after its first ``n`` characters (its label and separator), inferred when it was."""
        runs = self.read_runs
        if runs is None:
            return (make_run(Op.EQUAL, self.main[n:]),) if n < len(self.main) else ()
        head = runs[0].text
        if n < len(head):
            return (make_run(Op.EQUAL, head[n:]), *runs[1:])
        return tuple(runs[1:])

    @property
    def runs(self) -> list[Run]:
        """The line's runs (no line break is in any of them)."""
        if self._runs is None:
            self._runs = [make_run(Op.EQUAL, self.main)] if self.main else []
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
        return self.main if self._plain and self._runs is None else runs_text(self.runs, view)


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


class Node:
    """A clause under construction (slots: a text holds tens of thousands of them).

    :meth:`freeze` makes it a :class:`Clause`; the text parser fills its slots (see
    :meth:`~itu_nb.parsing.tree.ProposalBuilder.add_line`).
    """

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
        "path",
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
        #: a list of its own once a child is added; a child frozen when it left the open lists is its Clause (seal)
        self.children: list[Node | Clause] = EMPTY
        self.stack: list[Node] = EMPTY  # open item lists (sections, annexes); a list once one opens
        self.taken: Components | None = None  # children's components, for "#2" in O(1)
        self.n_paragraphs = 0  # unlabelled paragraph children (p1, p2…)
        self.n_listed = 0  # bullet and dash children (bullet1, dash2…)
        self.last_number: Node | None = None  # the last child numbered 1, 2, 3…
        self._labels: tuple[str | None, str | None] | None = None
        self._colon: bool | None = None
        self.tail: str | None = None  # the bare label, lower case, once asked for (label_scheme reads hh) ii))
        #: the path, set when the node is added to a parent whose path is known (None until then)
        self.path: str | None = None

    def label(self, view: str = "amended") -> str | None:
        """The label in ``view``, stripped (None when it has none there), as :attr:`Clause.label` reads it."""
        if self._labels is None:  # computed once: the labels are read for every following sibling
            amended, original = runs_text(self.label_runs, "amended"), runs_text(self.label_runs, "original")
            self._labels = (amended.strip() if amended else None, original.strip() if original else None)
        return self._labels[0] if view == "amended" else self._labels[1]

    def ends_colon(self) -> bool:
        """Whether the amended text ends with a colon (the item introduces sub-items)."""
        if self._colon is None:
            self._colon = runs_text(self.runs, "amended").rstrip().endswith(":")
        return self._colon

    def add(self, child: Node) -> Node:
        """Add ``child`` as the last child, its component made unique among its siblings (``a#2``); return it."""
        if self.taken is None:
            self.taken = Components()
        child.component = component = self.taken.take(child.component)
        path = self.path
        if path is not None:
            child.path = f"{path}/{component}" if path else component
        if self.children is EMPTY:
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
        return self.frozen(f"{prefix}/{self.component}" if prefix else self.component)

    def frozen(self, path: str) -> Clause:
        """The node as a :class:`Clause` of path ``path`` (its own, :attr:`path` once known); its children are
        frozen and let go, one by one (those frozen already, by :func:`seal`, are taken as they are).
        """
        label, body = self.label_runs, self.runs
        if label.__class__ is not tuple or len(label) > 1 or label and not label[0].text:
            label = join_runs(label)
        if body.__class__ is not tuple or len(body) > 1 or body and not body[0].text:
            body = join_runs(body)
        return clause(
            self.kind,
            path,
            label,
            body,
            freeze_all(self, path) if self.children else (),
            self.section,
            self.line,
            tuple(self.artefacts) if self.artefacts else (),
            tuple(self.notes) if self.notes else (),
        )


def seal(parent: Node, node: Node) -> None:
    """Freeze ``node``, an item that leaves the builder's open lists, into its :class:`Clause` in place.

    An item leaves the open lists (:attr:`Node.stack`) for good: no line adds a child to it after that, and it is
    ``parent``'s last child then.  It is frozen now, under its own :attr:`~Node.path`, and takes its place in
    ``parent``'s children, so that :func:`freeze_all` at the end only wraps what is still open (sections, the
    items of the last open lists).  A node whose path is not known, or that is not ``parent``'s last child,
    is left to :func:`freeze_all`.
    """
    kids = parent.children
    path = node.path
    if path is not None and kids and kids[-1] is node:
        kids[-1] = node.frozen(path)


def freeze_all(node: Node, path: str) -> tuple[Clause, ...]:
    """The node's children frozen as :class:`Clause` under ``path``; each is let go once frozen, so the two
    trees are never both whole.

    A child frozen already (:func:`seal`) is taken as it is.  One call per node that has children: a leaf is
    frozen here, inline.  A tuple of no
    run or of one run with text (a plain line's label and body) is already what :func:`join_runs` would
    make of it: kept as it is, without the call.
    """
    children: list = node.children  # nodes, and clauses frozen already
    if not children:
        return ()
    node.children = EMPTY
    frozen: list[Clause] = []
    append = frozen.append
    tup = tuple
    make = clause
    for i in range(len(children)):
        child, children[i] = children[i], _GONE
        if child.__class__ is _CLAUSE:  # frozen when it left the open lists (seal)
            append(child)
            continue
        sub = f"{path}/{child.component}" if path else child.component
        label, body = child.label_runs, child.runs
        if label.__class__ is not tup or len(label) > 1 or label and not label[0].text:
            label = join_runs(label)
        if body.__class__ is not tup or len(body) > 1 or body and not body[0].text:
            body = join_runs(body)
        append(
            make(
                child.kind,
                sub,
                label,
                body,
                freeze_all(child, sub) if child.children else (),
                child.section,
                child.line,
                tup(child.artefacts) if child.artefacts else (),
                tup(child.notes) if child.notes else (),
            )
        )
    return tup(frozen)


#: What most nodes have of children, open lists, artefacts and notes: one shared empty list, never
#: appended to (a node makes its own list first).
EMPTY: list = []
_CLAUSE = Clause
_GONE = Node.__new__(Node)  # what a frozen child leaves in its parent's list
new_node = Node.__new__
