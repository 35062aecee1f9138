"""Clauses: the nodes of a resolution's tree, with their label and text as runs."""

from __future__ import annotations

import bisect
import dataclasses
import enum
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from itu_nb.model.change import Changes, clause_changes
from itu_nb.model.runs import HOMOGLYPHS, Artefact, Op, Run, interleave, runs_text

__all__ = ["Clause", "NodeKind", "placer", "relabelled_artefacts", "view_artefacts", "view_nodes"]


class NodeKind(str, enum.Enum):
    """The kinds of clause node.

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> [(c.kind.value, c.path) for c in doc["B/67/4"].clauses[:5]]
    [('heading', 'heading'), ('title', 'title'), ('formula', 'formula'), ('section', 'recalling'), ('section', 'considering')]
    >>> doc["B/67/4"]["considering/a"].kind is itu_nb.NodeKind.ITEM
    True
    """

    HEADING = "heading"
    TITLE = "title"
    FORMULA = "formula"
    SECTION = "section"
    ITEM = "item"
    PARAGRAPH = "paragraph"
    ANNEX = "annex"
    FOOTNOTE = "footnote"
    REASONS = "reasons"


@dataclass(frozen=True, slots=True, init=False)
class Clause:
    r"""One node of a resolution's tree.

    Attributes
    ----------
    kind : NodeKind
    path : str
        Stable address inside the proposal, e.g. ``"considering/c"`` or
        ``"instructs the Secretary-General/1/ii"``.
    label_runs : tuple of Run
        The label as written, with the separator that follows it (``"c)\t"``);
        a relettering ``c) → b)`` is a deleted ``c`` and an inserted ``b``.
    runs : tuple of Run
        The text after the label.
    children : tuple of Clause
    section : str or None
        The section keyword line this node belongs to (e.g. ``"considering"``).
    line : int or None
        0-based source line of the paragraph (None when not from a line-based source).
    artefacts : tuple of Artefact
        Inline artefacts removed from this paragraph (offsets into its source text).
    notes : tuple of str
        What the loader inferred or repaired about this node, in words.
    settled : tuple of str
        Ids of identical changes of this clause that were decided (see
        :mod:`itu_nb.model.change`), so that the remaining ones keep their ranks and ids.
    uid : str or None
        The clause's identity when it differs from its path: set when an edit reletters,
        renumbers or moves the clause (its former path is kept), or when a clause an amendment
        inserts takes a path that is another clause's key (``"<key>+2"``); read back from
        exports that store it.  Use :attr:`key`, which falls back to the path.

    Examples
    --------
    Brazil reletters considering c) as b): the clause keeps its path (the second ``b`` of the
    section), and the relettering is a label change, not a text change.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> clause = doc["B/67/4"]["considering/b#2"]
    >>> clause.kind, clause.label_original, clause.label, clause.relabelled
    (<NodeKind.ITEM: 'item'>, 'c)', 'b)', True)
    >>> clause.body("original")[:50]
    'that, with the application and development of ICTs'
    >>> doc["B/67/4"]["considering/h"].status       # struck out by Brazil
    'deleted'
    """

    kind: NodeKind
    path: str
    label_runs: tuple[Run, ...] = ()
    runs: tuple[Run, ...] = ()
    children: tuple[Clause, ...] = ()
    section: str | None = None
    line: int | None = None
    artefacts: tuple[Artefact, ...] = ()
    notes: tuple[str, ...] = ()
    uid: str | None = None
    settled: tuple[str, ...] = ()

    def __init__(
        self,
        kind: NodeKind,
        path: str,
        label_runs: tuple[Run, ...] = (),
        runs: tuple[Run, ...] = (),
        children: tuple[Clause, ...] = (),
        section: str | None = None,
        line: int | None = None,
        artefacts: tuple[Artefact, ...] = (),
        notes: tuple[str, ...] = (),
        uid: str | None = None,
        settled: tuple[str, ...] = (),
    ) -> None:
        # the slots written through their descriptors: what the frozen dataclass's own __init__
        # does through object.__setattr__, at half the cost (a loader makes one per paragraph)
        # (a new field goes here too: tests/test_model_slots.py lists the fields)
        _SET_KIND(self, kind)
        _SET_PATH(self, path)
        _SET_LABEL_RUNS(self, label_runs)
        _SET_RUNS(self, runs)
        _SET_CHILDREN(self, children)
        _SET_SECTION(self, section)
        _SET_LINE(self, line)
        _SET_ARTEFACTS(self, artefacts)
        _SET_NOTES(self, notes)
        _SET_UID(self, uid)
        _SET_SETTLED(self, settled)

    @property
    def key(self) -> str:
        """The clause's stable identity: what change ids are built on (``uid``, else the path).

        The path addresses a clause as its labels read now (``"considering/b#2"``); the key
        stays the same when the clause is relettered, moved, or its changes are decided.
        """
        return self.uid or self.path

    # -- labels ---------------------------------------------------------------
    def label_in(self, view: str = "amended") -> str | None:
        """The label in ``view`` without its separator (None when the paragraph has none).

        Cyrillic look-alike letters are read as Latin (``"а)"`` → ``"a)"``); the runs keep
        the characters as written.  A bullet line made of a bare TAB has the label ``""``.
        """
        raw = runs_text(self.label_runs, view)
        if not raw:
            return None
        raw = raw.strip()
        return raw if raw.isascii() else raw.translate(HOMOGLYPHS)  # (the look-alikes are none of them ASCII)

    @property
    def label(self) -> str | None:
        """The label in the amended view (``"b)"``, ``"1"``, ``"•"``, ``""`` for a bare bullet)."""
        return self.label_in("amended")

    @property
    def label_original(self) -> str | None:
        """The label in the original view."""
        return self.label_in("original")

    @property
    def relabelled(self) -> bool:
        """True when the label differs between the two views and exists in both."""
        lo, la = self.label_original, self.label
        return lo is not None and la is not None and lo != la

    # -- presence and text ----------------------------------------------------
    def exists_in(self, view: str) -> bool:
        r"""True when the paragraph has any label or text in ``view``.

        Whitespace alone is no text: a TAB bullet whose words are all deleted (``\t{--words--}``)
        is gone from the amended view, not an empty line.
        """
        for runs in (self.label_runs, self.runs):
            for r in runs:
                if r.op.in_view(view) and (not r.text or not r.text.isspace()):
                    return True
        return False

    @property
    def status(self) -> str:
        """``"inserted"`` / ``"deleted"`` (whole paragraph), ``"modified"`` or ``"unchanged"``."""
        ops = {r.op for r in self.label_runs + self.runs}
        if not ops:  # no runs: a clause another author inserted whole and the analyst struck (kept for its
            # struck-inserts, itu_nb.model.struck) is deleted; any other, unchanged
            return "deleted" if any(a.kind == "struck-insert" for a in self.artefacts) else "unchanged"
        if ops == {Op.INSERT}:
            return "inserted"
        if ops == {Op.DELETE}:
            return "deleted"
        return "unchanged" if ops == {Op.EQUAL} else "modified"

    def source_line(self, view: str | None = None) -> str:
        """The paragraph as in the source: label, text and inline artefacts put back.

        With ``view=None`` both sides of every change are kept in source order.
        """
        return "".join(text for text, op in interleave(self.label_runs + self.runs, self.artefacts) if op.in_view(view))

    def body(self, view: str = "amended") -> str:
        """The paragraph text after the label in ``view``."""
        return runs_text(self.runs, view)

    def line_text(self, view: str = "amended") -> str | None:
        """The paragraph alone as one line: ``label<TAB>text``; None when absent in ``view``."""
        if not self.exists_in(view):
            return None
        label = self.label_in(view)
        body = self.body(view).strip()
        if label is None:
            return body
        return f"{label}\t{body}"

    def text(self, view: str = "amended") -> str:
        """The node and its descendants, one paragraph per line, labels followed by a TAB.

        Footnotes are not part of the running text; read them from ``footnotes``.
        """
        return "\n".join(self.lines(view))

    def lines(self, view: str = "amended") -> list[str]:
        """The lines of :meth:`text`, as a list."""
        out = []
        for node in self.walk():
            if node.kind is NodeKind.FOOTNOTE:
                continue
            line = node.line_text(view)
            if line is not None:
                out.append(line)
        return out

    def walk(self) -> Iterator[Clause]:
        """The node, then every descendant, in document order."""
        stack = [self]
        while stack:  # a stack, not nested generators: one frame however deep the tree
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    @property
    def footnotes(self) -> tuple[Clause, ...]:
        """The footnotes attached to this paragraph (children of kind FOOTNOTE)."""
        return tuple(c for c in self.children if c.kind is NodeKind.FOOTNOTE)

    @property
    def changed(self) -> bool:
        """Whether a run of the label or text is not equal (``status != "unchanged"``, without building it)."""
        for runs in (self.runs, self.label_runs):  # loops, not any(): compare asks it of every clause
            for r in runs:
                if r.op is not Op.EQUAL:
                    return True
        return False

    @property
    def changes(self) -> Changes:
        """The node's own tracked changes (not its children's), in reading order; see :class:`Change`."""
        if not self.changed:
            return Changes()
        old = self.path if self.exists_in("original") else None
        new = self.path if self.exists_in("amended") else None
        return Changes(
            clause_changes(
                self.key,
                self.path,
                self.section,
                self.label_runs,
                self.runs,
                old_path=old,
                new_path=new,
                settled=self.settled,
                artefacts=self.artefacts,
            )
        )

    def words(self, op: Op) -> int:
        """Number of words inside runs with ``op`` (label and text)."""
        return sum(len(r.text.split()) for r in self.label_runs + self.runs if r.op is op)

    def view(self, view: str) -> Clause | None:
        """The subtree as it reads in ``view``: all runs equal; None when absent.

        A child absent from the view whose own children are present (an unchanged
        sub-item under an inserted item) gives way to them: they move up one level.
        """
        if not self.exists_in(view) and self.kind is not NodeKind.SECTION:
            return None
        return self._viewed(view)

    def _viewed(self, view: str) -> Clause:
        label = runs_text(self.label_runs, view)
        body = runs_text(self.runs, view)
        return dataclasses.replace(
            self,
            label_runs=(Run(Op.EQUAL, label),) if label else (),
            runs=(Run(Op.EQUAL, body),) if body else (),
            children=tuple(view_nodes(self.children, view)),
            artefacts=_view_artefacts(self.label_runs + self.runs, self.artefacts, view),
        )

    def __repr__(self) -> str:
        text = (self.line_text("amended") or self.line_text("original") or "").replace("\t", " ")
        if len(text) > 60:
            text = text[:57] + "..."
        return f"<Clause {self.kind.value} {self.path!r} {self.status}: {text!r}>"


(
    _SET_KIND,
    _SET_PATH,
    _SET_LABEL_RUNS,
    _SET_RUNS,
    _SET_CHILDREN,
    _SET_SECTION,
    _SET_LINE,
    _SET_ARTEFACTS,
    _SET_NOTES,
    _SET_UID,
    _SET_SETTLED,
) = (Clause.__dict__[f.name].__set__ for f in dataclasses.fields(Clause))


def placer(runs: Sequence[Run], out: Sequence[bool]) -> Callable[[int], int]:
    """Where a place in the text of ``runs`` stands once the runs flagged in ``out`` are taken out.

    A place after a run taken out moves back by its length; one inside it goes to where the run stood.
    Used for a view's artefacts (the other view's runs taken out) and for a decision's (the runs it removed).

    Parameters
    ----------
    runs : sequence of Run
        A clause's label runs and runs.
    out : sequence of bool
        For each run, whether it is taken out.

    Returns
    -------
    callable
        ``place(at) -> int``, a binary search per call.
    """
    cut_starts: list[int] = []  # per run taken out: its start, end, and the characters taken out before it
    cut_ends: list[int] = []
    gone_before: list[int] = []
    pos = gone = 0
    for run, taken in zip(runs, out, strict=True):
        end = pos + len(run.text)
        if taken and end > pos:
            cut_starts.append(pos)
            cut_ends.append(end)
            gone_before.append(gone)
            gone += end - pos
        pos = end

    def place(at: int) -> int:
        k = bisect.bisect_right(cut_starts, at) - 1  # the last run taken out that starts at or before ``at``
        if k < 0:
            return at
        if at < cut_ends[k]:
            return cut_starts[k] - gone_before[k]  # inside it: where it stood
        return at - gone_before[k] - (cut_ends[k] - cut_starts[k])

    return place


def _view_artefacts(runs: tuple[Run, ...], artefacts: tuple[Artefact, ...], view: str) -> tuple[Artefact, ...]:
    """The artefacts of ``view``, their offsets and lengths counted in the view's text (the other view's
    runs taken out): an offset is a place in the node's source text, which holds both views.
    """
    kept = tuple(a for a in artefacts if a.op.in_view(view))
    if not kept or all(r.op.in_view(view) for r in runs):
        return kept
    place = placer(runs, [not r.op.in_view(view) for r in runs])
    out = []
    for a in kept:
        if a.offset is None:
            out.append(a)
            continue
        start = place(a.offset)
        length = place(a.offset + a.length) - start if a.length else 0
        out.append(dataclasses.replace(a, offset=start, length=length))
    return tuple(out)


def view_artefacts(clause: Clause, view: str) -> tuple[Artefact, ...]:
    """``clause``'s artefacts in ``view``, offsets counted in the view's text (label and body).

    Parameters
    ----------
    clause : Clause
    view : str
        ``"original"`` or ``"amended"``.

    Returns
    -------
    tuple of Artefact
        Those that show in ``view`` (as :meth:`Clause.view` places them).
    """
    return _view_artefacts(clause.label_runs + clause.runs, clause.artefacts, view)


def relabelled_artefacts(clause: Clause, label_runs: tuple[Run, ...]) -> tuple[Artefact, ...]:
    """``clause``'s artefacts for the clause with ``label_runs`` instead of its own (a relettering).

    An offset counts the characters of the label runs and runs (both views), so every artefact in the text
    after the label moves by the change of the label's length; one inside the label stays, up to its new end.

    Parameters
    ----------
    clause : Clause
        The clause before its label changed.
    label_runs : tuple of Run
        Its new label runs.

    Returns
    -------
    tuple of Artefact
        Its artefacts (the same objects when the label's length did not change).
    """
    old = sum(len(r.text) for r in clause.label_runs)
    new = sum(len(r.text) for r in label_runs)
    if old == new or not clause.artefacts:
        return clause.artefacts
    out = []
    for a in clause.artefacts:
        if a.offset is None:
            out.append(a)
        elif a.offset >= old:
            out.append(dataclasses.replace(a, offset=a.offset + new - old))
        else:
            end = min(a.offset + a.length, new)
            at = min(a.offset, new)
            out.append(dataclasses.replace(a, offset=at, length=end - at if a.length else 0))
    return tuple(out)


def view_nodes(nodes, view: str) -> list[Clause]:
    """The nodes as they read in ``view``; an absent node is replaced by its present descendants."""
    out: list[Clause] = []
    for node in nodes:
        if node.exists_in(view) or node.kind is NodeKind.SECTION:
            out.append(node._viewed(view))
        else:
            out.extend(view_nodes(node.children, view))
    return out
