"""The document model: plain, immutable data.

A :class:`Document` holds :class:`Proposal` objects; a proposal holds a tree of
:class:`Clause` nodes; every clause holds its label and its text as :class:`Run`
objects, each tagged with an :class:`Op` (equal, insert, delete) in
diff-match-patch's vocabulary (-1, 0, 1).

Two *views* exist for every node: ``"original"`` (equal + deleted text, the text
the proposal starts from) and ``"amended"`` (equal + inserted text, the text it
proposes).  Nothing here imports pandas, lxml or widgets.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from itu_nb.errors import AddressError

__all__ = [
    "VIEWS",
    "Artefact",
    "Change",
    "Clause",
    "Document",
    "NodeKind",
    "Op",
    "Proposal",
    "Run",
    "Target",
    "join_runs",
    "runs_text",
]

VIEWS = ("original", "amended")


class Op(enum.IntEnum):
    """What a run of text does; the values are diff-match-patch's."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1

    def in_view(self, view: str | None) -> bool:
        """True when text with this op is visible in ``view`` (None = both sides)."""
        if view is None:
            return True
        if view == "original":
            return self is not Op.INSERT
        if view == "amended":
            return self is not Op.DELETE
        raise ValueError(f"unknown view {view!r}; use 'original' or 'amended'")


class NodeKind(str, enum.Enum):
    """The kinds of clause node."""

    HEADING = "heading"
    TITLE = "title"
    FORMULA = "formula"
    SECTION = "section"
    ITEM = "item"
    PARAGRAPH = "paragraph"
    ANNEX = "annex"
    FOOTNOTE = "footnote"
    REASONS = "reasons"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one op.

    Attributes
    ----------
    op : Op
        equal, insert or delete.
    text : str
        The characters.
    author, date : str or None
        Who made the change and when, where the source says so.
    inferred : bool
        True when the loader deduced the op from the text itself (for example a
        run-together citation in a flattened extraction) rather than reading a mark.
    move : str or None
        For text moved by the author (Word's ``w:moveFrom`` / ``w:moveTo``), the move's
        name: the deleted run is where it left, the inserted run where it arrived.
    """

    op: Op
    text: str
    author: str | None = None
    date: str | None = None
    inferred: bool = False
    move: str | None = None

    def in_view(self, view: str | None) -> bool:
        return self.op.in_view(view)


def runs_text(runs: tuple[Run, ...] | list[Run], view: str | None = None) -> str:
    """Join the text of the runs visible in ``view`` (None = every run, in source order)."""
    return "".join(r.text for r in runs if r.op.in_view(view))


def join_runs(runs: list[Run] | tuple[Run, ...]) -> tuple[Run, ...]:
    """Merge neighbouring runs that carry the same op, author, date and flag; drop empty runs."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and (out[-1].op, out[-1].author, out[-1].date, out[-1].inferred, out[-1].move) == (
            r.op,
            r.author,
            r.date,
            r.inferred,
            r.move,
        ):
            out[-1] = dataclasses.replace(out[-1], text=out[-1].text + r.text)
        else:
            out.append(r)
    return tuple(out)


def interleave(runs: tuple[Run, ...] | list[Run], artefacts) -> list[tuple[str, Op]]:
    """Runs and inline artefacts in source order, as (text, op) pieces.

    An artefact's ``offset`` is its position in the joined text of ``runs``.
    """
    out: list[tuple[str, Op]] = []
    arts = sorted(artefacts, key=lambda a: a.offset or 0)
    pos = i = 0
    for run in runs:
        start, end = pos, pos + len(run.text)
        while i < len(arts) and (arts[i].offset or 0) < end:
            cut = (arts[i].offset or 0) - start
            out.append((run.text[pos - start : cut], run.op))
            out.append((arts[i].text, arts[i].op))
            pos = start + cut
            i += 1
        out.append((run.text[pos - start :], run.op))
        pos = end
    out.extend((a.text, a.op) for a in arts[i:])
    return [(t, op) for t, op in out if t]


@dataclass(frozen=True)
class Change:
    """One tracked change inside a node: a maximal group of neighbouring non-equal runs by one author.

    Attributes
    ----------
    id : str
        ``"<path>@<n>"``, n counting the node's changes from 1 (label first): stable for
        a given proposal, and what ``accept``/``reject`` and the redline viewer use.
    path, section : str
    kind : str
        ``insert``, ``delete`` or ``replace`` (text); ``relabel`` when only the label changes;
        ``move-from`` / ``move-to`` for the two ends of a moved text.
    old, new : str
        The deleted and the inserted text.
    author, date : str or None
    inferred : bool
        True when the loader deduced the change (flattened text), not read from a mark.
    """

    id: str
    path: str
    section: str | None
    kind: str
    old: str
    new: str
    author: str | None = None
    date: str | None = None
    inferred: bool = False


def change_groups(runs: tuple[Run, ...] | list[Run]) -> list[tuple[int, int]]:
    """(start, end) index ranges of maximal groups of neighbouring non-equal runs by one author.

    A deletion and the insertion next to it are one change (a replacement).  Where
    two authors' revisions touch (one deleted a word, another inserted one beside
    it, as Word keeps them), they are two changes, each credited to its author;
    a run with no author joins its neighbours.
    """
    groups: list[tuple[int, int]] = []
    start = None
    author = None
    for i, r in enumerate(runs):
        if r.op is Op.EQUAL:
            if start is not None:
                groups.append((start, i))
                start = None
            continue
        if start is not None and r.author and author and r.author != author:
            groups.append((start, i))
            start = None
        if start is None:
            start, author = i, r.author
        author = author or r.author
    if start is not None:
        groups.append((start, len(runs)))
    return groups


@dataclass(frozen=True)
class Artefact:
    """Source text that is not document text (a bookmark, a footnote mark, a separator).

    Kept so that the source can be rebuilt exactly, never shown as clause text.

    Attributes
    ----------
    kind : str
        ``bookmark``, ``footnote-ref``, ``footnote-body``, ``separator``, ``blank``,
        ``marker`` (a proposal's action/id line), ``header``, ``trailer``, ``markup``.
    text : str
        The characters exactly as in the source.
    line : int
        0-based source line.
    offset : int or None
        For inline artefacts, the position inside the owning node's source text
        (after the artefacts before it were put back); None for whole lines.
    op : Op
        The change the artefact sits in (it is hidden in the other view).
    """

    kind: str
    text: str
    line: int
    offset: int | None = None
    op: Op = Op.EQUAL


#: Cyrillic letters that look like Latin ones and turn up in labels ("а)", "с)").
HOMOGLYPHS = str.maketrans("аесорхіАВСЕНКМОРТХІ", "aecopxiABCEHKMOPTXI")


@dataclass(frozen=True)
class Clause:
    """One node of a resolution's tree.

    Attributes
    ----------
    kind : NodeKind
    path : str
        Stable address inside the proposal, e.g. ``"considering/c"`` or
        ``"instructs the Secretary-General/1/ii"``.
    label_runs : tuple of Run
        The label as written, with the separator that follows it (``"c)\\t"``);
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

    # -- labels ---------------------------------------------------------------
    def label_in(self, view: str = "amended") -> str | None:
        """The label in ``view`` without its separator (None when the paragraph has none).

        Cyrillic look-alike letters are read as Latin (``"а)"`` → ``"a)"``); the runs keep
        the characters as written.  A bullet line made of a bare TAB has the label ``""``.
        """
        raw = runs_text(self.label_runs, view)
        if not raw:
            return None
        return raw.strip().translate(HOMOGLYPHS)

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
        """True when the paragraph has any label or text in ``view``."""
        return any(r.op.in_view(view) for r in self.label_runs + self.runs)

    @property
    def status(self) -> str:
        """``"inserted"`` / ``"deleted"`` (whole paragraph), ``"modified"`` or ``"unchanged"``."""
        ops = {r.op for r in self.label_runs + self.runs}
        if not ops:
            return "unchanged"
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
        """This paragraph alone as one line: ``label<TAB>text``; None when absent in ``view``."""
        if not self.exists_in(view):
            return None
        label = self.label_in(view)
        body = self.body(view).strip()
        if label is None:
            return body
        return f"{label}\t{body}"

    def text(self, view: str = "amended") -> str:
        """This node and its descendants, one paragraph per line, labels followed by a TAB.

        Footnotes are not part of the running text; read them from ``footnotes``.
        """
        return "\n".join(self.lines(view))

    def lines(self, view: str = "amended") -> list[str]:
        out = []
        for node in self.walk():
            if node.kind is NodeKind.FOOTNOTE:
                continue
            line = node.line_text(view)
            if line is not None:
                out.append(line)
        return out

    def walk(self) -> Iterator[Clause]:
        """This node, then every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def footnotes(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.children if c.kind is NodeKind.FOOTNOTE)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    def changes(self) -> list[Change]:
        """This node's own tracked changes (not its children's), in reading order."""
        runs = self.label_runs + self.runs
        out = []
        for n, (a, b) in enumerate(change_groups(runs), start=1):
            group = runs[a:b]
            old = "".join(r.text for r in group if r.op is Op.DELETE)
            new = "".join(r.text for r in group if r.op is Op.INSERT)
            in_label = b <= len(self.label_runs)
            kind = (
                "relabel" if in_label and old and new else "replace" if old and new else "delete" if old else "insert"
            )
            first = next(r for r in group)
            if all(r.move for r in group) and kind in ("delete", "insert"):
                kind = "move-from" if kind == "delete" else "move-to"
            out.append(
                Change(
                    f"{self.path}@{n}",
                    self.path,
                    self.section,
                    kind,
                    old,
                    new,
                    first.author,
                    first.date,
                    any(r.inferred for r in group),
                )
            )
        return out

    def words(self, op: Op) -> int:
        """Number of words inside runs with ``op`` (label and text)."""
        return sum(len(r.text.split()) for r in self.label_runs + self.runs if r.op is op)

    def view(self, view: str) -> Clause | None:
        """This subtree as it reads in ``view``: all runs equal; None when absent.

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
            artefacts=tuple(a for a in self.artefacts if a.op.in_view(view)),
        )

    def __repr__(self) -> str:
        text = (self.line_text("amended") or self.line_text("original") or "").replace("\t", " ")
        if len(text) > 60:
            text = text[:57] + "..."
        return f"<Clause {self.kind.value} {self.path!r} {self.status}: {text!r}>"


def view_nodes(nodes, view: str) -> list[Clause]:
    """The nodes as they read in ``view``; an absent node is replaced by its present descendants."""
    out: list[Clause] = []
    for node in nodes:
        if node.exists_in(view) or node.kind is NodeKind.SECTION:
            out.append(node._viewed(view))
        else:
            out.extend(view_nodes(node.children, view))
    return out


@dataclass(frozen=True)
class Target:
    """What a proposal acts on: ``RESOLUTION 130 (Rev. Busan, 2014)``.

    Attributes
    ----------
    kind : str
        ``Resolution``, ``Decision``, ``Recommendation``, ``Opinion`` …
    number : str
        ``"130"`` or a placeholder such as ``"[B-1]"``.
    revision : str or None
        The revision of the text acted on (original view), e.g. ``"Rev. Busan, 2014"``;
        for a new text, the place and year it proposes or was adopted at.
    new_revision : str or None
        The revision in the amended view (``"Rev. Dubai, 2018"``), when it differs.
    """

    kind: str
    number: str
    revision: str | None = None
    new_revision: str | None = None

    def __str__(self) -> str:
        rev = f" ({self.revision})" if self.revision else ""
        return f"{self.kind} {self.number}{rev}"

    @property
    def key(self) -> str:
        """``"resolution 130"``: kind and number, for matching texts across documents."""
        return f"{self.kind.lower()} {self.number}"


class _Exports:
    """``to_criticmarkup``, ``to_html``, ``to_docx`` and ``to_akn`` on a proposal or a document."""

    def to_criticmarkup(self, path=None, **options) -> str:
        """As CriticMarkup; see :func:`itu_nb.export.critic.to_criticmarkup`."""
        from itu_nb.export import to_criticmarkup

        return to_criticmarkup(self, path, **options)

    def to_html(self, path=None, **options) -> str:
        """As one standalone HTML page; see :func:`itu_nb.export.html.to_html`."""
        from itu_nb.export import to_html

        return to_html(self, path, **options)

    def to_docx(self, path=None, **options):
        """As Word with tracked changes; see :func:`itu_nb.export.docx.to_docx`."""
        from itu_nb.export import to_docx

        return to_docx(self, path, **options)

    def to_akn(self, path=None, **options) -> str:
        """As Akoma Ntoso XML; see :func:`itu_nb.export.akn.to_akn`."""
        from itu_nb.export import to_akn

        return to_akn(self, path, **options)


@dataclass(frozen=True)
class Proposal(_Exports):
    """One proposal (or one bare text such as an adopted resolution).

    Attributes
    ----------
    id : str
        ``"B/67/4"``; for a text without an id, derived from the target (``"res-130"``).
    action : str or None
        ``"MOD"``, ``"ADD"``, ``"SUP"``, ``"NOC"``, or None for a bare text.
    target : Target or None
    clauses : tuple of Clause
        Top-level nodes: heading, title, formula, sections, annexes, reasons.
    warnings : tuple of str
        Structural oddities the parser noticed (e.g. a sub-item out of sequence).
    """

    id: str
    action: str | None
    target: Target | None
    clauses: tuple[Clause, ...] = ()
    warnings: tuple[str, ...] = ()
    provenance: tuple[str, ...] = ()

    def walk(self) -> Iterator[Clause]:
        """Every node in document order."""
        for c in self.clauses:
            yield from c.walk()

    def _first(self, kind: NodeKind) -> Clause | None:
        return next((c for c in self.clauses if c.kind is kind), None)

    def title_in(self, view: str = "amended") -> str | None:
        node = self._first(NodeKind.TITLE)
        return node.body(view).strip() if node is not None else None

    @property
    def title(self) -> str | None:
        """The title in the amended view (the original for a SUP)."""
        return self.title_in("original" if self.action == "SUP" else "amended")

    @property
    def reasons(self) -> str | None:
        """The Reasons text, paragraphs joined by newlines, without the ``Reasons:`` lead-in."""
        node = self._first(NodeKind.REASONS)
        if node is None:
            return None
        paragraphs = [p for p in node.walk() if p.kind is not NodeKind.FOOTNOTE and p.exists_in("amended")]
        return "\n".join(p.body("amended").strip() for p in paragraphs)

    @property
    def sections(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is NodeKind.SECTION)

    def __getitem__(self, path: str) -> Clause:
        for node in self.walk():
            if node.path == path:
                return node
        near = [n.path for n in self.walk() if path.split("/")[0] in n.path][:8]
        raise AddressError(f"no clause {path!r} in {self.id}; near: {near}")

    def get(self, path: str) -> Clause | None:
        try:
            return self[path]
        except KeyError:
            return None

    def text(self, view: str = "amended") -> str:
        """The whole proposal as plain text in ``view``: one paragraph per line, ``label<TAB>text``."""
        return "\n".join(line for c in self.clauses for line in c.lines(view))

    def view(self, view: str) -> Proposal:
        """A copy in which every node reads as in ``view`` and has no changes."""
        return dataclasses.replace(self, clauses=tuple(view_nodes(self.clauses, view)))

    @property
    def original(self) -> Proposal:
        return self.view("original")

    @property
    def amended(self) -> Proposal:
        return self.view("amended")

    @property
    def changed(self) -> bool:
        return any(n.changed for n in self.walk())

    def changes(self) -> list[Change]:
        """Every tracked change, in reading order; see :class:`Change` for the ids."""
        return [c for node in self.walk() for c in node.changes()]

    def accept(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """A new Proposal with the selected changes accepted (no arguments: all).

        See :func:`itu_nb.review.accept`.
        """
        from itu_nb.review import accept

        return accept(self, ids, author=author, section=section)

    def reject(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """A new Proposal with the selected changes rejected (no arguments: all).

        See :func:`itu_nb.review.reject`.
        """
        from itu_nb.review import reject

        return reject(self, ids, author=author, section=section)

    def redline(self):
        """This proposal's own tracked changes (authors and dates kept) as a :class:`~itu_nb.compare.Comparison`."""
        from itu_nb.compare import redline

        return redline(self)

    def __repr__(self) -> str:
        action = f"{self.action} " if self.action else ""
        return f"<Proposal {action}{self.id}: {self.target}>"


@dataclass(frozen=True)
class Document(_Exports):
    """A loaded file: its proposals, metadata and what is needed to rebuild its source.

    Attributes
    ----------
    source : str
        The file name, or ``"<text>"`` / ``"<bytes>"``.
    format : str
        ``"text"``, ``"criticmarkup"``, ``"akn"`` or ``"docx"``.
    metadata : dict
        What the document says of itself: ``document``, ``submitter``, ``conference``,
        ``date``, ``original_language`` … (only keys that were found).
    proposals : tuple of Proposal
    artefacts : tuple of Artefact
        Whole source lines that are not document text (markers, separators, blanks).
    n_lines : int
        Number of source lines (line-based formats).
    """

    source: str
    format: str
    metadata: dict = field(default_factory=dict)
    proposals: tuple[Proposal, ...] = ()
    artefacts: tuple[Artefact, ...] = ()
    n_lines: int = 0

    def __iter__(self) -> Iterator[Proposal]:
        return iter(self.proposals)

    def __len__(self) -> int:
        return len(self.proposals)

    def __getitem__(self, key: str | int) -> Proposal:
        """Look a proposal up by position, id (``"B/67/4"``) or target (``"Resolution 130"``)."""
        if isinstance(key, int):
            return self.proposals[key]
        for p in self.proposals:
            if p.id == key:
                return p
        wanted = " ".join(key.lower().split())
        for p in self.proposals:
            if p.target is not None and p.target.key == wanted:
                return p
        ids = ", ".join(p.id for p in self.proposals[:12])
        raise AddressError(f"{self.source}: no proposal {key!r}; ids: {ids}")

    def text(self, view: str = "amended") -> str:
        """Every proposal as plain text in ``view``, separated by blank lines."""
        return "\n\n".join(p.text(view) for p in self.proposals)

    def source_text(self, view: str | None = None) -> str:
        """Rebuild the source from the nodes and artefacts.

        With ``view=None`` both sides of every change are kept, in source order (for
        a flattened extraction this is the file itself; for CriticMarkup it is the
        file with the marks removed).  With ``"original"`` or ``"amended"`` the text
        of the other side is left out, line for line: a paragraph absent from the
        view leaves an empty line.
        """
        lines = [""] * self.n_lines
        owner = [False] * self.n_lines
        for art in self.artefacts:  # a whole line may be several artefacts, one per op
            if art.op.in_view(view):
                lines[art.line] += art.text
            owner[art.line] = True
        for proposal in self.proposals:
            for node in proposal.walk():
                if node.line is not None:
                    lines[node.line] = node.source_line(view)
                    owner[node.line] = True
        missing = [i for i, seen in enumerate(owner) if not seen]
        if missing:
            raise ValueError(f"{self.source}: source lines {missing[:5]} belong to no node")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Document {self.source!r} {self.format}: {len(self.proposals)} proposals>"
