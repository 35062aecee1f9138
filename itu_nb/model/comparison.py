"""What a comparison is made of: :class:`ClausePair`, :class:`Change` and :class:`Comparison`.

Built by :func:`itu_nb.diff.twoway.compare` and :func:`itu_nb.diff.twoway.redline` (and
importable from :mod:`itu_nb.diff.twoway`).  See that module for the pair kinds and
the invariants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from itu_nb.model import Clause, Op, Proposal, Run, change_groups, runs_text

__all__ = ["PAIR_KINDS", "Change", "ClausePair", "Comparison"]

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
        return self.old.path if self.old is not None else None

    @property
    def new_path(self) -> str | None:
        return self.new.path if self.new is not None else None

    @property
    def path(self) -> str:
        return self.new_path if self.new is not None else self.old_path

    @property
    def id(self) -> str:
        """Stable identifier inside its comparison (the reading-order index)."""
        return str(self.index)

    @property
    def old_label(self) -> str | None:
        return self.old.label_in("amended") if self.old is not None else None

    @property
    def new_label(self) -> str | None:
        return self.new.label_in("amended") if self.new is not None else None

    @property
    def label_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old_label != self.new_label

    @property
    def text_changed(self) -> bool:
        return any(r.op is not Op.EQUAL for r in self.runs)

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged"

    def text(self, side: str = "new") -> str:
        """The body on one side: ``"old"`` or ``"new"``."""
        return runs_text(self.runs, _VIEW[side])

    def __repr__(self) -> str:
        return f"<ClausePair {self.index} {self.kind} {self.old_path!r} → {self.new_path!r}>"


_VIEW = {"old": "original", "new": "amended", "original": "original", "amended": "amended"}


@dataclass(frozen=True)
class Change:
    """One change: a contiguous DELETE/INSERT group in a pair's label and body runs.

    ``id`` is ``"<pair id>~<n>"``, n counting from 1 in the pair (the numbering the
    redline viewer uses).  ``kind`` is ``inserted``, ``deleted`` or ``replaced``
    (text, or a whole clause when ``scope`` is ``clause``), or ``relabelled``
    (``scope`` ``label``).  ``pair_kind`` is the kind of the clause pair (so a
    moved clause's changes say ``moved``).  ``old_offset``/``new_offset`` locate
    the change in the pair's old and new body.
    """

    id: str
    pair: int
    kind: str
    scope: str
    old_text: str
    new_text: str
    old_path: str | None
    new_path: str | None
    section: str | None
    pair_kind: str
    author: str | None = None
    date: str | None = None
    old_offset: int = 0
    new_offset: int = 0

    @property
    def words_inserted(self) -> int:
        return len(self.new_text.split())

    @property
    def words_deleted(self) -> int:
        return len(self.old_text.split())


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
    """

    old: Proposal
    new: Proposal
    pairs: tuple[ClausePair, ...]
    notes: tuple[str, ...] = ()

    @cached_property
    def change_list(self) -> tuple[Change, ...]:
        """Every change in reading order (the order of :attr:`changes`)."""
        return tuple(c for p in self.pairs for c in _pair_changes(p))

    @property
    def changes(self):
        """DataFrame, one row per change (see :class:`Change`); the row order is the navigation order."""
        from itu_nb.frames import changes_frame

        return changes_frame(self)

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
        :func:`itu_nb.export.lines.comparison_proposal` for how moves, splits and merges read.
        """
        from itu_nb.export.lines import comparison_proposal

        return comparison_proposal(self, author=author, date=date)

    def accept(self, ids=None, *, author: str | None = None, section: str | None = None) -> Proposal:
        """Accept changes of the comparison; returns a new Proposal with the rest still tracked.

        The ids are those of ``comparison.to_proposal().changes()`` (``path@n``); with no
        arguments every change is accepted, which gives the new text.
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
        return f"<Comparison {self.old.id} → {self.new.id}: {len(self.change_list)} changes ({counts or 'none'})>"


# -----------------------------------------------------------------------------
# changes
# -----------------------------------------------------------------------------
def _first(runs, attr: str) -> str | None:
    return next((getattr(r, attr) for r in runs if getattr(r, attr)), None)


def _pair_changes(p: ClausePair) -> list[Change]:
    """The pair's changes: maximal groups of non-equal runs over label + body, numbered ``<pair id>~<n>`` from 1.

    A whole inserted or deleted clause is one change (scope ``clause``); a group
    inside the label is ``relabelled`` (scope ``label``).  Moves, splits and
    merges are pair kinds, not changes: read them from ``pair_kind``.
    """
    out: list[Change] = []
    runs = p.label_runs + p.runs
    n_label_o = sum(len(r.text) for r in p.label_runs if r.op is not Op.INSERT)
    n_label_n = sum(len(r.text) for r in p.label_runs if r.op is not Op.DELETE)
    whole = p.kind in ("inserted", "deleted")
    pos = po = pn = 0
    for a, b in change_groups(runs):
        for r in runs[pos:a]:  # equal runs before the group
            po += len(r.text)
            pn += len(r.text)
        group = runs[a:b]
        old, new = runs_text(group, "original"), runs_text(group, "amended")
        in_label = b <= len(p.label_runs)
        if whole:
            kind, scope = p.kind, "clause"
        elif in_label:
            kind, scope = ("relabelled" if old and new else "inserted" if new else "deleted"), "label"
        else:
            kind, scope = ("replaced" if old and new else "inserted" if new else "deleted"), "text"
        out.append(Change(
            f"{p.id}~{len(out) + 1}", p.index, kind, scope, old, new, p.old_path, p.new_path, p.section, p.kind,
            _first(group, "author"), _first(group, "date"), max(0, po - n_label_o), max(0, pn - n_label_n),
        ))  # fmt: skip
        po += len(old)
        pn += len(new)
        pos = b
    return out
