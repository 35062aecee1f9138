"""Proposals and documents: what loaders return and exports write."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from itu_nb.errors import AddressError
from itu_nb.model.change import Changes
from itu_nb.model.clause import Clause, NodeKind, view_nodes
from itu_nb.model.note_source import source_line
from itu_nb.model.runs import Artefact
from itu_nb.model.struck_ids import node_changes

__all__ = ["Document", "Proposal", "Target"]


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

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> target = doc["B/67/4"].target
    >>> target
    Target(kind='Resolution', number='130', revision='Rev. Busan, 2014', new_revision='Rev. Dubai, 2018')
    >>> str(target), target.key
    ('Resolution 130 (Rev. Busan, 2014)', 'resolution 130')
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

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> p = doc["B/67/4"]
    >>> p
    <Proposal MOD B/67/4: Resolution 130 (Rev. Busan, 2014)>
    >>> p.title_in("original")[:40], p.title
    ('Strengthening the role of ITU in buildin', 'Cybersecurity')

    Accepting Brazil's changes to the considering section gives a new proposal; ``p`` keeps
    its changes:

    >>> draft = p.accept(section="considering")
    >>> draft["considering/b#2"].label, draft["considering/b#2"].status, p["considering/b#2"].status
    ('b)', 'unchanged', 'modified')
    >>> p.reject().text() == p.text("original")
    True
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
        """The title in ``view``, or None when the text has none."""
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
        """The top-level sections (``recalling``, ``considering``, ``resolves``…), in order."""
        return tuple(c for c in self.clauses if c.kind is NodeKind.SECTION)

    @functools.cached_property
    def _by_path(self) -> dict[str, Clause]:
        """Path → the first node in :meth:`walk` order with that path: built once, on the first look-up.

        The proposal and its clauses are frozen, so the index never goes stale; ``dataclasses.replace``
        makes a new proposal with an index of its own.  Not a field: equality, hashing and ``repr``
        ignore it.
        """
        index: dict[str, Clause] = {}
        for node in self.walk():
            index.setdefault(node.path, node)
        return index

    def __getitem__(self, path: str) -> Clause:
        node = self._by_path.get(path) if isinstance(path, str) else None
        if node is not None:
            return node
        near = [n.path for n in self.walk() if path.split("/")[0] in n.path][:8]
        raise AddressError(f"no clause {path!r} in {self.id}; near: {near}")

    def get(self, path: str) -> Clause | None:
        """The clause at ``path``, or None where ``proposal[path]`` would raise :class:`AddressError`."""
        # a non-string raises as before (only a path names a clause)
        return self._by_path.get(path) if isinstance(path, str) else self[path]

    def text(self, view: str = "amended") -> str:
        """The whole proposal as plain text in ``view``: one paragraph per line, ``label<TAB>text``."""
        return "\n".join(line for c in self.clauses for line in c.lines(view))

    def with_keys(self, keys: list | None) -> Proposal:
        """A copy whose clauses have these keys, one entry per clause in :meth:`walk` order.

        What a loader does with what an export stored (:func:`itu_nb.export.lines.keys_to_store`),
        so that change ids survive a save and reload after relettering or decisions: an entry is
        the clause's :attr:`~Clause.key`, or ``[key, *settled]`` (:attr:`Clause.settled`).  When
        the entries do not fit the clauses (the file was edited by hand), they are not used and
        ``warnings`` says so.
        """
        if not keys:
            return self
        entries = [[k] if isinstance(k, str) else k for k in keys]
        n = sum(1 for _ in self.walk())
        if n != len(entries) or not all(
            isinstance(e, list) and e and all(isinstance(x, str) for x in e) for e in entries
        ):
            note = (
                f"the stored clause keys do not fit the {n} clauses (edited after export?): change ids follow the paths"
            )
            return dataclasses.replace(self, warnings=(*self.warnings, note))
        it = iter(entries)

        def keyed(c: Clause) -> Clause:
            key, *settled = next(it)
            kids = tuple(keyed(k) for k in c.children)
            return dataclasses.replace(c, uid=key if key != c.path else None, settled=tuple(settled), children=kids)

        return dataclasses.replace(self, clauses=tuple(keyed(c) for c in self.clauses))

    def view(self, view: str) -> Proposal:
        """A copy in which every node reads as in ``view`` and has no changes."""
        return dataclasses.replace(self, clauses=tuple(view_nodes(self.clauses, view)))

    @property
    def original(self) -> Proposal:
        """The proposal as it read before its changes (``view("original")``)."""
        return self.view("original")

    @property
    def amended(self) -> Proposal:
        """The proposal with every change made (``view("amended")``)."""
        return self.view("amended")

    @functools.cached_property
    def changed(self) -> bool:
        """Whether any node has a tracked change (False for a view).

        A walk of the whole text, made once: the proposal and its clauses are frozen (compare,
        ``as_proposal`` and the widgets each ask it).  Not a field, as ``_by_path``.
        """
        return any(n.changed for n in self.walk())

    @functools.cached_property
    def changes(self) -> Changes:
        """Every tracked change, in reading order: a tuple of :class:`~itu_nb.model.change.Change`
        (``changes["<id>"]`` looks one up; ``changes.to_frame()`` is the table).

        Made once per (frozen) proposal, as :attr:`changed`: titles, tables and reviews each ask.
        """
        # (a struck-insert no change of its striker's holds is a change of its own: model.struck_ids)
        return Changes(
            c
            for node in self.walk()
            if node.artefacts or node.changed
            for c in (node_changes(node) if node.artefacts else node.changes)
        )

    def accept(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """A new Proposal with the selected changes accepted (no arguments: all).

        See :func:`itu_nb.model.review.accept`.
        """
        from itu_nb.model.review import accept

        return accept(self, ids, author=author, section=section)

    def reject(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """A new Proposal with the selected changes rejected (no arguments: all).

        See :func:`itu_nb.model.review.reject`.
        """
        from itu_nb.model.review import reject

        return reject(self, ids, author=author, section=section)

    def redline(self):
        """The proposal's own tracked changes (authors and dates kept) as a :class:`~itu_nb.diff.twoway.Comparison`."""
        from itu_nb.diff.twoway import redline

        return redline(self)

    def __repr__(self) -> str:
        action = f"{self.action} " if self.action else ""
        return f"<Proposal {action}{self.id}: {self.target}>"


@dataclass(frozen=True)
class Document(_Exports):
    r"""A loaded file: its proposals, metadata and what is needed to rebuild its source.

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

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> doc.format, len(doc), [p.id for p in doc]
    ('criticmarkup', 5, ['B/67/1', 'B/67/2', 'B/67/3', 'B/67/4', 'B/67/5'])
    >>> doc["Resolution 130"] is doc["B/67/4"] is doc[3]     # by target, id or position
    True
    >>> doc.source_text().splitlines()[74]              # the source rebuilt from the nodes
    'MOD\tB/67/4'
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
            if p.target is not None and p.target.key.lower() == wanted:  # "Part VII", "part vii"
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
        # a whole line may be several artefacts, one per op; a document without lines (Akoma Ntoso) has none
        # to rebuild, though its artefacts may name its source's lines (comments of marker and blank lines)
        for art in self.artefacts if self.n_lines else ():
            if art.op.in_view(view):
                lines[art.line] += art.text
            owner[art.line] = True
        for proposal in self.proposals:
            for node in proposal.walk():
                if node.line is not None:
                    lines[node.line] = source_line(node, view)  # (a comment inside a note: in its body)
                    owner[node.line] = True
        missing = [i for i, seen in enumerate(owner) if not seen]
        if missing:
            raise ValueError(f"{self.source}: source lines {missing[:5]} belong to no node")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Document {self.source!r} {self.format}: {len(self.proposals)} proposals>"
