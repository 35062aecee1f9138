"""What a comparison is made of: :class:`ClausePair`, :class:`Change` and :class:`Comparison`.

Built by :func:`itu_nb.diff.twoway.compare` and :func:`itu_nb.diff.twoway.redline` (and
importable from :mod:`itu_nb.diff.twoway`).  See that module for the pair kinds and
the invariants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from itu_nb.model import Change, Changes, Clause, Op, Proposal, Run, clause_changes, runs_text

__all__ = ["PAIR_KINDS", "ClausePair", "Comparison", "pair_changes"]

PAIR_KINDS = ("unchanged", "modified", "relabelled", "moved", "inserted", "deleted", "split", "merged")


@dataclass(frozen=True)
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
        Where the comparison fell back to a coarser alignment or diff.

    Examples
    --------
    Brazil's Resolution 130 against the text adopted at Dubai (2018): every clause pair has a
    kind, and the tables are pandas DataFrames.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cmp = itu_nb.compare(doc["B/67/4"], adopted)
    >>> cmp
    <Comparison B/67/4 → res-130: ... changes (... modified, ... relabelled, ...)>
    >>> cmp.clauses.set_index("new_path").loc["recalling/g", ["kind", "old_label", "new_label"]].tolist()
    ['relabelled', 'e)', 'g)']
    >>> cmp.clauses.set_index("new_path").loc["heading", "new_text"]   # the Final Acts write it in capitals
    'RESOLUTION 130 (REV. DUBAI, 2018)'
    """

    old: Proposal
    new: Proposal
    pairs: tuple[ClausePair, ...]
    notes: tuple[str, ...] = ()

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

        ``author`` and ``date`` are set on changes that carry none.  See
        :func:`itu_nb.model.tracked.comparison_proposal` for how moves, splits and merges read.
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
        return f"<Comparison {self.old.id} → {self.new.id}: {len(self.changes)} changes ({counts or 'none'})>"


# -----------------------------------------------------------------------------
# changes
# -----------------------------------------------------------------------------
def pair_changes(p: ClausePair) -> list[Change]:
    """The pair's changes (:func:`~itu_nb.model.change.clause_changes`), on the key of the clause that
    stands for the pair in :meth:`Comparison.to_proposal`: the new clause, the old one when deleted.

    A whole inserted or deleted clause is one change (scope ``clause``); moves, splits and
    merges are pair kinds, not changes: read them from ``pair_kind``.
    """
    clause = p.new if p.new is not None else p.old
    assert clause is not None  # a pair holds at least one clause
    whole = p.kind if p.kind in ("inserted", "deleted") else None
    return clause_changes(
        clause.key, clause.path, p.section, p.label_runs, p.runs,
        whole=whole, old_path=p.old_path, new_path=p.new_path, pair=p.index, pair_kind=p.kind,
    )  # fmt: skip
