"""What a comparison is made of: :class:`ClausePair`, :class:`Change` and :class:`Comparison`.

Built by :func:`itu_nb.diff.twoway.compare` and :func:`itu_nb.diff.twoway.redline` (and
importable from :mod:`itu_nb.diff.twoway`).  See that module for the pair kinds and
the invariants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from itu_nb.model import Change, Changes, Clause, NodeKind, Op, Proposal, Run, clause_changes, runs_text

__all__ = ["CASELESS", "PAIR_KINDS", "ClausePair", "Comparison", "pair_changes", "revision_of", "side_name"]

PAIR_KINDS = ("unchanged", "modified", "relabelled", "moved", "inserted", "deleted", "split", "merged")
#: Nodes whose letter case is typography: the Final Acts set headings, titles and keywords in capitals.
CASELESS = (NodeKind.HEADING, NodeKind.TITLE, NodeKind.SECTION)


@dataclass(frozen=True, init=False)
class ClausePair:
    """One clause of the old text aligned with one of the new (either may be None).

    Attributes
    ----------
    kind : str
        One of :data:`PAIR_KINDS`.
    old, new : Clause or None
        None for an inserted (``old``) or deleted (``new``) clause.
    label_runs : tuple of Run
        The label change: one EQUAL run, or DELETE old + INSERT new (+ EQUAL separator, as
        the new text writes it: the separator is layout, see :mod:`itu_nb.diff.twoway`).
    runs : tuple of Run
        Word-level diff of the body text; author and date set where known.
    section : str or None
        The section of the new clause (of the old one when deleted).
    index : int
        Position in the comparison's reading order.
    similarity : float or None
        Dice similarity of the two clauses' words (1.0 for identical text).
    part, parts : int
        This pair's place in a split or merge group (0 of 1 otherwise).
    level : str
        Diff level reached: ``"word"``, or ``"sentence"``/``"block"`` after a fallback.
    note : str or None
        Why the diff fell back, in words.

    Examples
    --------
    Brazil's proposed recalling e) (on UNGA Resolution 70/125) is recalling g) in the text adopted
    at Dubai:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cmp = itu_nb.compare(doc["B/67/4"], adopted)
    >>> pair = next(p for p in cmp.pairs if p.new_path == "recalling/g")
    >>> pair
    <ClausePair ... relabelled 'recalling/e' → 'recalling/g'>
    >>> pair.old_label, pair.new_label, pair.label_changed, pair.text_changed
    ('e)', 'g)', True, True)
    """

    kind: str
    old: Clause | None
    new: Clause | None
    label_runs: tuple[Run, ...]
    runs: tuple[Run, ...]
    section: str | None
    index: int = 0
    similarity: float | None = None
    part: int = 0
    parts: int = 1
    level: str = "word"
    note: str | None = None

    def __init__(
        self,
        kind: str,
        old: Clause | None,
        new: Clause | None,
        label_runs: tuple[Run, ...],
        runs: tuple[Run, ...],
        section: str | None,
        index: int = 0,
        similarity: float | None = None,
        part: int = 0,
        parts: int = 1,
        level: str = "word",
        note: str | None = None,
    ) -> None:
        # the fields written straight into the instance's dict: what the frozen dataclass's own
        # __init__ does through object.__setattr__, field by field, at several times the cost
        # (a comparison makes one pair per clause); a new field goes here too
        self.__dict__.update(
            kind=kind, old=old, new=new, label_runs=label_runs, runs=runs, section=section, index=index,
            similarity=similarity, part=part, parts=parts, level=level, note=note,
        )  # fmt: skip

    @property
    def old_path(self) -> str | None:
        """The old clause's path; None for an inserted clause."""
        return self.old.path if self.old is not None else None

    @property
    def new_path(self) -> str | None:
        """The new clause's path; None for a deleted clause."""
        return self.new.path if self.new is not None else None

    @property
    def path(self) -> str | None:
        """The new clause's path, or the old one's for a deleted clause."""
        return self.new_path if self.new is not None else self.old_path

    @property
    def id(self) -> str:
        """Stable identifier inside its comparison (the reading-order index)."""
        return str(self.index)

    @property
    def old_label(self) -> str | None:
        """The old clause's label (``"c)"``); None when it has none or the pair has no old clause."""
        return self.old.label_in("amended") if self.old is not None else None

    @property
    def new_label(self) -> str | None:
        """The new clause's label (``"b)"``); None when it has none or the pair has no new clause."""
        return self.new.label_in("amended") if self.new is not None else None

    @property
    def label_changed(self) -> bool:
        """Whether both clauses exist and their labels differ."""
        return self.old is not None and self.new is not None and self.old_label != self.new_label

    @property
    def text_changed(self) -> bool:
        """Whether the body text differs (a run that is not equal)."""
        return any(r.op is not Op.EQUAL for r in self.runs)

    @property
    def changed(self) -> bool:
        """Whether the pair is anything but ``"unchanged"``."""
        return self.kind != "unchanged"

    def text(self, side: str = "new") -> str:
        """The body on one side: ``"old"`` or ``"new"``."""
        return runs_text(self.runs, _VIEW[side])

    def __repr__(self) -> str:
        return f"<ClausePair {self.index} {self.kind} {self.old_path!r} → {self.new_path!r}>"


_VIEW = {"old": "original", "new": "amended", "original": "original", "amended": "amended"}


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare` or :func:`redline`: aligned clause pairs in reading order.

    Attributes
    ----------
    old, new : Proposal
        The two sides as compared (views without tracked changes).
    pairs : tuple of ClausePair
        New-document order, deleted clauses where they stood in the old one.
    notes : tuple of str
        Where the comparison fell back to a coarser alignment or diff, how many typographic
        differences it hid, and (in a document comparison) whether the proposal's base is the
        text compared with.
    typography : str
        ``"hide"``, ``"separate"`` or ``"show"``: what :func:`compare` did with typographic
        changes (see its ``typography`` argument); ``"show"`` for a proposal's own redline.
    title : tuple of str or None
        How to name the old and new side in titles (``"B/67/4 (Brazil)"``,
        ``"Resolution 130 (Rev. Dubai, 2018)"``); None: from the proposals (:attr:`names`).
    revisions : tuple of (str or None)
        Each side's base revision: what a proposal amends (its target's revision,
        ``"Rev. Busan, 2014"``), or what a bare text is (``"Rev. Dubai, 2018"``).  See
        :attr:`base_note`.
    source : Proposal or None
        The old side as given, with its tracked changes, when it had any: the proposal whose
        base :meth:`three_way` compares.

    Examples
    --------
    Brazil's Resolution 130 against the text adopted at Dubai (2018): every clause pair has a
    kind, and the tables are pandas DataFrames.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cmp = itu_nb.compare(doc["B/67/4"], adopted)
    >>> cmp
    <Comparison B/67/4 (MOD Resolution 130 (Rev. Busan, 2014)) → Resolution 130 (Rev. Dubai, 2018): ... changes (... modified, ... relabelled, ...)>
    >>> cmp.clauses.set_index("new_path").loc["recalling/g", ["kind", "old_label", "new_label"]].tolist()
    ['relabelled', 'e)', 'g)']
    >>> cmp.clauses.set_index("new_path").loc["heading", "new_text"]   # the Final Acts write it in capitals
    'RESOLUTION 130 (REV. DUBAI, 2018)'
    """

    old: Proposal
    new: Proposal
    pairs: tuple[ClausePair, ...]
    notes: tuple[str, ...] = ()
    typography: str = "show"
    title: tuple[str, str] | None = None
    revisions: tuple[str | None, str | None] = (None, None)
    source: Proposal | None = None

    @property
    def base_differs(self) -> bool:
        """Whether a proposal on one side amends another revision than the other side is (known on both
        sides).  Two bare texts of different revisions (Busan, 2014 and Dubai, 2018 as adopted) are
        simply two versions: no proposal's changes are misread there, so this is False.
        """
        a, b = self.revisions
        known = a is not None and b is not None and _revision_key(a) != _revision_key(b)
        return known and (self.old.action is not None or self.new.action is not None)

    @property
    def base_note(self) -> str | None:
        """When :attr:`base_differs`, what that means for reading the comparison, in words; else None."""
        fact = self.base_fact
        if fact is None:
            return None
        how = (
            "itu_nb.compare(…).three_way() separates them: the proposal against its own base, and that base "
            "(the proposal's original view) against the new text."
            if self.proposal_side == "old" and self.source is not None
            else "Compare the proposal with its own base (its original view) to see what it changes."
        )
        return f"{fact} {how}"

    @property
    def proposal_side(self) -> str:
        """``"old"`` or ``"new"``: the side whose proposal :attr:`base_note` speaks of (the old one when both are)."""
        return "new" if self.old.action is None and self.new.action else "old"

    @property
    def base_fact(self) -> str | None:
        """The first sentence of :attr:`base_note`: which revision the proposal amends, and what that means;
        without what to do about it (which the command line words as commands).  None unless :attr:`base_differs`.
        """
        if not self.base_differs:
            return None
        old, new = self.names
        rev_old, rev_new = self.revisions
        proposal, other = (self.new, old) if self.proposal_side == "new" else (self.old, new)
        pname, prev, orev = (new, rev_new, rev_old) if proposal is self.new else (old, rev_old, rev_new)
        t = proposal.target
        text = f"{t.kind} {t.number}" if t is not None else "the text"
        return (
            f"Base differs: {pname} amends {text} ({prev}), not the text it is compared with, "
            f"{other if orev and orev in other else f'{other} ({orev})'}; what changed between the two revisions shows "
            f"here as if it were {proposal.id}'s."
        )

    def three_way(self):
        """The proposal against its own base, and that base against the new text: two Comparisons.

        The base is the old side's original view (the text the proposal amends, as the proposal
        reproduces it; Resolution 130 (Rev. Busan, 2014) for Brazil's B/67/4).  The first
        comparison is the proposal's own redline (:meth:`Proposal.redline`): what the proposer
        changed; the second, ``compare(base, new)``: what changed between the base revision and
        the text compared with, whoever changed it.  Needs :attr:`source` (an old side with
        tracked changes); raises ValueError otherwise.
        """
        if self.source is None:
            raise ValueError(
                f"{self.names[0]} has no tracked changes: its base is not known; compare the base text itself"
            )
        import dataclasses

        from itu_nb.diff.twoway import compare

        t = self.source.target
        name = f"{t} as {self.source.id} reproduces it" if t is not None else f"{self.source.id} (original)"
        base = dataclasses.replace(self.source.original, action=None)  # a bare text: the base itself
        between = compare(base, self.new, typography=self.typography)
        return self.source.redline(), dataclasses.replace(between, title=(name, self.names[1]))

    @property
    def names(self) -> tuple[str, str]:
        """How titles name the old and new side: :attr:`title` when set, else from each proposal.

        A proposal reads ``"B/67/4 (Brazil)"`` (see :func:`side_name`); a bare text its target
        (``"Resolution 130 (Rev. Dubai, 2018)"``) rather than an internal id (``res-130``).
        """
        if self.title is not None:
            return self.title
        return side_name(self.old), side_name(self.new)

    @property
    def typographic(self) -> Changes:
        """The changes that look the same on both sides (none when typography was hidden)."""
        return Changes(c for c in self.changes if c.typographic)

    @cached_property
    def changes(self) -> Changes:
        """Every change in reading order: a tuple of :class:`~itu_nb.model.change.Change` with the ids
        the proposal made from this comparison (:meth:`to_proposal`) gives them; ``.to_frame()`` is
        the table.
        """
        return Changes(c for p in self.pairs for c in pair_changes(p))

    @property
    def clauses(self):
        """DataFrame, one row per clause pair."""
        from itu_nb.frames import clauses_frame

        return clauses_frame(self)

    def stats(self):
        """DataFrame per section: pairs of each kind, changes, words inserted and deleted."""
        from itu_nb.frames import stats_frame

        return stats_frame(self)

    def counts(self) -> dict[str, int]:
        """Number of pairs of each kind (kinds with none are left out)."""
        return dict(Counter(p.kind for p in self.pairs))

    @property
    def changed(self) -> bool:
        """Whether any clause pair changed."""
        return any(p.changed for p in self.pairs)

    def joined(self, side: str = "old") -> str:
        """Rebuild one side from the pairs: each clause's label and body, one clause per line, in that text's order."""
        view = _VIEW[side]
        proposal = self.old if view == "original" else self.new
        pieces: dict[int, list[tuple[int, str, str]]] = {}
        for p in self.pairs:
            clause = p.old if view == "original" else p.new
            if clause is not None:
                part = p.part if (p.kind == "split") == (view == "original") else 0
                pieces.setdefault(id(clause), []).append((part, runs_text(p.label_runs, view), runs_text(p.runs, view)))
        lines = []
        for clause in proposal.walk():
            got = sorted(pieces.get(id(clause), []), key=lambda t: t[0])
            label = got[0][1] if got else ""
            lines.append(label + "".join(t[2] for t in got))
        return "\n".join(lines)

    def to_html(self, *, context: int = 1, max_pairs: int = 600) -> str:
        """A static HTML fragment with ``<ins>``/``<del>`` (text escaped).

        ``context`` unchanged clauses are shown around each change (the rest are
        summarised); at most ``max_pairs`` clauses are drawn.
        """
        from itu_nb.export.html_fragment import comparison_html

        return comparison_html(self, context=context, max_pairs=max_pairs)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_proposal(self, *, author: str | None = None, date: str | None = None) -> Proposal:
        """The comparison as a proposal whose tracked changes are its word diff (new text's tree).

        ``author`` and ``date`` are set on changes that carry none.  The compared texts' comments and
        highlights stand at their places (the old text's on its deleted or equal text).  See
        :func:`itu_nb.model.tracked.comparison_proposal` for how moves, splits, merges and comments read.
        """
        from itu_nb.model.tracked import comparison_proposal

        return comparison_proposal(self, author=author, date=date)

    def accept(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """Accept changes of the comparison; returns a new Proposal with the rest still tracked.

        The ids are those of :attr:`changes` (and of ``comparison.to_proposal().changes``); with
        no arguments every change is accepted, which gives the new text.
        """
        return self.to_proposal().accept(ids, author=author, section=section)

    def reject(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """Reject changes of the comparison (see :meth:`accept`); rejecting all gives the old text."""
        return self.to_proposal().reject(ids, author=author, section=section)

    def to_docx(self, path=None, **options):
        """The comparison as Word with tracked changes; see :func:`itu_nb.export.docx.to_docx`."""
        from itu_nb.export import to_docx

        return to_docx(self, path, **options)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items() if k != "unchanged")
        sides = f"{side_name(self.old)} → {side_name(self.new)}"  # as titles name them, never "res-130"
        return f"<Comparison {sides}: {len(self.changes)} changes ({counts or 'none'})>"


def _revision_key(revision: str) -> str:
    """``"Rev. Busan, 2014"`` and ``"BUSAN, 2014"`` alike: the place and year, folded."""
    text = " ".join(revision.replace("\u00a0", " ").split()).casefold()
    return text.removeprefix("rev.").strip()


def _place(revision: str | None) -> str:
    """``"Busan, 2014"`` from ``"Rev. Busan, 2014"``."""
    text = " ".join((revision or "").replace("\u00a0", " ").split())
    return text[4:].strip() if text.lower().startswith("rev.") else text


def revision_of(p: Proposal) -> str | None:
    """The revision a text stands on: for a proposal, the revision of the text it amends (its
    target's, as it read before the proposal); for a bare text (no action), the text's own.
    """
    return p.target.revision if p.target is not None else None


def side_name(p: Proposal) -> str:
    """A proposal as a title names it: its id and its authors (``"B/67/4 (Brazil)"``) or, when its changes
    name none, what it does (``"B/67/4 (MOD Resolution 130 (Rev. Busan, 2014))"``); for a bare text,
    whose id was derived from its target (``res-130``), the target itself.
    """
    if p.target is None:
        return p.id
    if p.action is None:
        return str(p.target)
    authors = list(dict.fromkeys(c.author for c in p.changes if c.author))
    if authors:
        return f"{p.id} ({', '.join(authors)})"
    return f"{p.id} ({p.action} {p.target})"


# -----------------------------------------------------------------------------
# changes
# -----------------------------------------------------------------------------
def pair_changes(p: ClausePair, artefacts: tuple = ()) -> list[Change]:
    """The pair's changes (:func:`~itu_nb.model.change.clause_changes`), on the key of the clause that
    stands for the pair in :meth:`Comparison.to_proposal`: the new clause, the old one when deleted.
    ``artefacts``: those of the proposal's clause whose runs the pair's are (a proposal's own redline), which tell
    a relettering over another author's struck label (as :attr:`~itu_nb.model.Clause.changes` lists it).

    A whole inserted or deleted clause is one change (scope ``clause``); moves, splits and
    merges are pair kinds, not changes: read them from ``pair_kind``.
    """
    clause = p.new if p.new is not None else p.old
    assert clause is not None  # a pair holds at least one clause
    whole = p.kind if p.kind in ("inserted", "deleted") else None
    return clause_changes(
        clause.key, clause.path, p.section, p.label_runs, p.runs,
        whole=whole, old_path=p.old_path, new_path=p.new_path, pair=p.index, pair_kind=p.kind,
        case=clause.kind in CASELESS, artefacts=artefacts,
    )  # fmt: skip
