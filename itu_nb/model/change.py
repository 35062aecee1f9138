"""The one :class:`Change`: what a proposal's tracked changes and a comparison's diff are made of.

A *change* is a maximal group of neighbouring inserted/deleted runs in one clause's label
and body read together (:func:`change_groups`): a replacement (deleted ``2016-2019`` +
inserted ``2020-2023``) is one change, and so is a whole deleted paragraph.  The same
function (:func:`clause_changes`) describes the changes of a proposal's clause and of a
comparison's clause pair, so both speak one vocabulary:

==============  ==================================================================
``kind``        ``inserted``, ``deleted``, ``replaced`` (text), ``relabelled`` (a label
                replaced: ``c)`` → ``b)``, or written where the analyst struck another
                author's label: ``old`` his struck letter), ``moved-from`` / ``moved-to`` (the two ends
                of a text Word marks as moved), ``struck-insert`` (text one author
                inserted and another struck, no change of the striker's beside it:
                :mod:`itu_nb.model.struck_ids`)
``scope``       ``text`` (words of the body), ``label``, ``clause`` (a whole clause
                inserted or deleted)
==============  ==================================================================

Ids are stable: derived from what the change is, not from where it stands in a list.
An id reads ``"<clause key>@<digest>"``: the clause's :attr:`~itu_nb.model.Clause.key`
(its path when it was loaded, kept when later edits reletter or move it) and eight hex
digits of a hash of the change's scope, old and new text and, for identical changes in
one clause, their rank.  So an id names the same change after other changes are accepted
or rejected, after relettering, in a :class:`~itu_nb.model.comparison.Comparison` and in
the proposal made from it, and after a save and reload.

Identical changes in one clause (the same no-break space replaced twice) are told apart by
rank, in reading order.  When one of them is decided, the clause remembers its id
(:attr:`~itu_nb.model.Clause.settled`), so the others keep theirs: ranks are never reused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from hashlib import blake2b

from itu_nb.model.runs import Artefact, Op, Run
from itu_nb.model.typography import looks_same

__all__ = ["CHANGE_KINDS", "SCOPES", "Change", "Changes", "change_groups", "change_id", "clause_changes"]

#: Every kind of change, in the one vocabulary used by models, tables, widgets and exports.
CHANGE_KINDS = ("inserted", "deleted", "replaced", "relabelled", "moved-from", "moved-to", "struck-insert")
#: Where a change sits: the body's words, the label, or the whole clause.
SCOPES = ("text", "label", "clause")


@dataclass(frozen=True)
class Change:
    """One tracked change in a clause (of a proposal, or of a comparison's clause pair).

    Attributes
    ----------
    id : str
        ``"<clause key>@<digest>"``, stable (see the module docstring); what
        ``accept``/``reject``, the widgets' decisions and review files use.
    kind : str
        One of :data:`CHANGE_KINDS`.
    scope : str
        One of :data:`SCOPES`.
    path : str
        The clause's path (the new clause's in a comparison, the old one's for a deletion).
    section : str or None
    old, new : str
        The deleted and the inserted text (label changes: the labels as written).
    author, date : str or None
    inferred : bool
        True when the loader deduced the change from a flattened text, not from a mark.
    old_path, new_path : str or None
        The clause in the original and amended text (None where it does not exist).
    old_offset, new_offset : int
        Where the change starts in the clause's original and amended body.
    pair, pair_kind : int or None, str or None
        In a comparison: the clause pair's index and kind (``moved``, ``split``…).
    rank : int
        Among identical changes (same scope, old and new text) of the clause, counting from 0.
    typographic : bool
        True when the two sides look the same on screen (a no-break space or hyphen, a dash or
        quote variant, letter case in a heading): see :mod:`itu_nb.model.typography`.
    inserter : str or None
        A ``struck-insert``'s inserter (``author`` is its striker); None for every other kind.

    Examples
    --------
    >>> import itu_nb
    >>> p = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")["B/67/4"]
    >>> c = next(c for c in p.changes if c.kind == "relabelled")
    >>> c.path, c.old, c.new, c.scope
    ('considering/b#2', 'c', 'b', 'label')
    """

    id: str
    kind: str
    scope: str
    path: str
    section: str | None
    old: str
    new: str
    author: str | None = None
    date: str | None = None
    inferred: bool = False
    old_path: str | None = None
    new_path: str | None = None
    old_offset: int = 0
    new_offset: int = 0
    pair: int | None = None
    pair_kind: str | None = None
    rank: int = 0
    typographic: bool = False
    inserter: str | None = None

    @property
    def words_inserted(self) -> int:
        """Words in the inserted text."""
        return len(self.new.split())

    @property
    def words_deleted(self) -> int:
        """Words in the deleted text."""
        return len(self.old.split())


class Changes(tuple):
    """A tuple of :class:`Change` that looks itself up by id and shows as a table in a notebook.

    Examples
    --------
    >>> import itu_nb
    >>> p = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")["B/67/4"]
    >>> changes = p.changes
    >>> changes[changes[0].id] is changes[0]
    True
    >>> changes.to_frame().columns[:4].tolist()
    ['id', 'kind', 'scope', 'path']
    """

    __slots__ = ()

    def __getitem__(self, key):
        if isinstance(key, str):
            for c in self:
                if c.id == key:
                    return c
            raise KeyError(key)
        got = super().__getitem__(key)
        return Changes(got) if isinstance(key, slice) else got

    @property
    def ids(self) -> list[str]:
        """The ids, in reading order."""
        return [c.id for c in self]

    def to_frame(self):
        """One row per change, as a pandas DataFrame (see :func:`itu_nb.frames.changes_frame`)."""
        from itu_nb.frames import changes_frame

        return changes_frame(self)

    def _repr_html_(self) -> str:
        return self.to_frame()._repr_html_()


def change_groups(runs: tuple[Run, ...] | list[Run]) -> list[tuple[int, int]]:
    """(start, end) index ranges of maximal groups of neighbouring non-equal runs by one author.

    A deletion and the insertion next to it are one change (a replacement).  Where
    two authors' revisions touch (one deleted a word, another inserted one beside
    it, as Word keeps them), they are two changes, each credited to its author;
    a run with no author joins its neighbours only as the other half of a named author's change
    (:func:`_unnamed_apart`).
    """
    groups: list[tuple[int, int]] = []
    start = None
    author = None
    prev = _NO_RUN  # (the run before ``r`` in its group: read only when a group is open)
    equal = Op.EQUAL
    for i, r in enumerate(runs):
        if r.op is equal:
            if start is not None:
                groups.append((start, i))
                start = None
            continue
        if start is not None:
            who = r.author
            if (
                (who and author and who != author)
                or (r.move != prev.move and r.op is prev.op)
                or ((not who) is not (not prev.author) and _unnamed_apart(prev, r))
            ):  # (by another author, or the same author's run of another move, or of none, beside a move's, or
                # a named author's run beside one with no author that is not the other half of his change)
                groups.append((start, i))
                start = None
        if start is None:
            start, author = i, r.author
        author = author or r.author
        prev = r
    if start is not None:
        groups.append((start, len(runs)))
    return groups


#: What :func:`change_groups` holds as the previous run before it reads one.
_NO_RUN = Run(Op.EQUAL, "")


def _unnamed_apart(before: Run, r: Run) -> bool:
    """Whether ``r`` starts a change of its own after ``before`` because one of the two has no author: always,
    but where ``r`` has none and is the other kind of run than ``before`` (named).

    A run with no author is another author's, whoever he is, to an analyst (who always has a name): her
    relettering of an unnamed new item's label, her strike beside an unnamed deletion, her words struck after
    an unnamed insertion, her relettering over an unnamed one are her changes alone, as they are beside a named
    author's.  A run with no author joins a named author's change only as its other half, after it, as readers
    leave it: the insertion after his deletion (a Word numbering change's new label), the deletion after his
    insertion.
    """
    if bool(before.author) is bool(r.author):
        return False
    return not before.author or before.op is r.op


def change_id(key: str, scope: str, old: str, new: str, rank: int = 0) -> str:
    """The stable id of a change: the clause key and a digest of what the change is.

    ``rank`` tells identical changes (same scope, old and new text) of one clause apart,
    counting from 0 in reading order.
    """
    what = f"{'label' if scope == 'label' else 'text'}\0{old}\0{new}\0{rank}"
    digest = blake2b(what.encode("utf-8", "surrogatepass"), digest_size=4)  # a lone surrogate (w:sym D800) too
    return f"{key}@{digest.hexdigest()}"


def clause_changes(
    key: str,
    path: str,
    section: str | None,
    label_runs: tuple[Run, ...],
    runs: tuple[Run, ...],
    *,
    whole: str | None = None,
    old_path: str | None = None,
    new_path: str | None = None,
    pair: int | None = None,
    pair_kind: str | None = None,
    settled: tuple[str, ...] = (),
    case: bool = False,
    artefacts: tuple[Artefact, ...] = (),
) -> list[Change]:
    """The changes of one clause (or clause pair) from its label and body runs, in reading order.

    Parameters
    ----------
    key, path, section
        The clause's identity (:attr:`Clause.key`), path and section.
    label_runs, runs
        The label (with its separator) and the body.
    whole : {"inserted", "deleted"}, optional
        The whole clause is inserted or deleted: every change has that kind and scope
        ``clause``.  Without it, a clause whose every run is inserted (or deleted) is read
        the same way.
    old_path, new_path, pair, pair_kind
        Comparison context, copied onto each change.
    settled : tuple of str
        The ids of identical changes decided earlier: the remaining ones keep their ranks.
    case : bool
        Letter case does not show (a heading, title or section keyword): a change of case
        only is typographic (:attr:`Change.typographic`).
    artefacts : tuple of Artefact
        The clause's artefacts (offsets in the text of ``label_runs`` and ``runs``): an insertion wholly in the label
        that stands where its author struck another author's insertion (``struck-insert`` artefacts: his new
        item's label, his relettering) is a relettering of that label, kind ``relabelled``, scope ``label``,
        ``old`` the struck text (:func:`_relabelled_over`), even in a clause inserted whole.
    """
    all_runs = tuple(label_runs) + tuple(runs)
    n_label = len(label_runs)
    if whole is None and all_runs:
        ops = {r.op for r in all_runs}
        whole = "inserted" if ops == {Op.INSERT} else "deleted" if ops == {Op.DELETE} else None
    n_label_o = sum(len(r.text) for r in label_runs if r.op is not Op.INSERT)
    n_label_n = sum(len(r.text) for r in label_runs if r.op is not Op.DELETE)
    out: list[Change] = []
    seen: dict[tuple[str, str, str], int] = {}  # identical changes so far → the next rank to consider
    pos = po = pn = ps = 0  # ps: the group's start in the text of every run (where artefacts are placed)
    n_runs = len(all_runs)
    insert, delete, equal = Op.INSERT, Op.DELETE, Op.EQUAL
    # each change's fields straight into a new object's __dict__, as the dataclass's __init__ would set them
    # (a frozen dataclass sets each of its 18 fields through object.__setattr__: a third of this loop's time
    # on a clause of 100,000 changes)
    new_change, names = object.__new__, _CHANGE_FIELDS
    for a, b in change_groups(all_runs):
        for r in all_runs[pos:a]:  # the equal runs before the group
            po += len(r.text)
            pn += len(r.text)
            ps += len(r.text)
        if b - a == 1:  # one run (most changes): its text is the change's, without joining
            first = all_runs[a]
            group: tuple[Run, ...] = (first,)
            old, new = (first.text, "") if first.op is delete else ("", first.text)
            inferred, moved = first.inferred, bool(first.move)
        else:
            group = all_runs[a:b]
            old = "".join(r.text for r in group if r.op is delete)
            new = "".join(r.text for r in group if r.op is insert)
            first = _first(group)
            inferred, moved = any(r.inferred for r in group), all(r.move for r in group)
        n_old = len(old)
        if artefacts and b <= n_label and not old and new and (over := _relabelled_over(artefacts, ps, first)):
            kind, scope, old = "relabelled", "label", over  # (in neither view: the offsets below count without it)
        elif whole:
            kind, scope = whole, "clause"
            if moved:  # a whole clause moved (Word's w:moveFrom / w:moveTo, or an edit's move): one end of it
                kind = "moved-to" if whole == "inserted" else "moved-from"
        elif b <= n_label:
            kind, scope = ("relabelled" if old and new else "inserted" if new else "deleted"), "label"
        else:
            kind, scope = ("replaced" if old and new else "inserted" if new else "deleted"), "text"
            if kind != "replaced" and moved:
                kind = "moved-to" if new else "moved-from"
        # what the change is, for its id: the separator after a label is layout (an export may
        # write "a) " as "a)<TAB>"), so a whole clause's label ends in one TAB here
        ident = _layout(group[: n_label - a], group[n_label - a :]) if a < n_label < b else (old, new)
        what = ("label" if scope == "label" else "text", *ident)
        rank = seen.get(what, 0)
        while settled and change_id(key, scope, *ident, rank) in settled:
            rank += 1
        seen[what] = rank + 1
        before = all_runs[a - 1].text[-1:] if a and all_runs[a - 1].op is equal else ""
        after = all_runs[b].text[:1] if b < n_runs and all_runs[b].op is equal else ""
        typo = scope == "text" and looks_same(old, new, before, after, case=case)
        c = new_change(Change)
        c.__dict__.update(
            zip(
                names,
                (
                    change_id(key, scope, *ident, rank), kind, scope, path, section, old, new,
                    first.author, first.date, inferred,
                    old_path, new_path, max(0, po - n_label_o), max(0, pn - n_label_n), pair, pair_kind, rank,
                    typo, None,
                ),
                strict=True,
            )
        )  # fmt: skip
        out.append(c)
        po += n_old
        pn += len(new)
        ps += n_old + len(new)  # (a group's runs are deletions and insertions: its source text is both)
        pos = b
    return out


#: The fields of :class:`Change` in order (what :func:`clause_changes` fills); a test checks that an object
#: made this way equals the one the constructor makes.
_CHANGE_FIELDS = tuple(f.name for f in fields(Change))
if Change.__init__.__code__.co_varnames[1 : len(_CHANGE_FIELDS) + 1] != _CHANGE_FIELDS or hasattr(
    Change, "__post_init__"
):  # pragma: no cover - a guard on the dataclass itself
    raise ImportError("itu_nb.model.change: Change's fields are not its __init__'s arguments; update clause_changes")


def _layout(label: tuple[Run, ...], body: tuple[Run, ...]) -> tuple[str, str]:
    """Old and new text of a change spanning a label and its body, the label's separator written as one TAB."""
    out = []
    for op in (Op.DELETE, Op.INSERT):
        lab = "".join(r.text for r in label if r.op is op)
        text = "".join(r.text for r in body if r.op is op)
        core = lab.rstrip(" \t")
        out.append(f"{core}\t{text}" if core and core != lab else lab + text)
    return out[0], out[1]


def _relabelled_over(artefacts: tuple[Artefact, ...], at: int, first: Run) -> str:
    """The text of the ``struck-insert`` artefacts ``first``'s author made at offset ``at`` (the start of his insertion
    in a label): another author's label or relettering he struck to write his own there
    (:func:`itu_nb.amendments.struck_others.relabel_struck`); empty when there is none.
    """
    return "".join(
        a.text for a in artefacts if a.kind == "struck-insert" and a.offset == at and a.author == first.author
    )


def _first(group: Iterable[Run]) -> Run:
    """The run that speaks for a group's author and date: the first that has an author."""
    group = tuple(group)
    return next((r for r in group if r.author), group[0])
