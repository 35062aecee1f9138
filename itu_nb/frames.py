"""The pandas boundary: documents, proposals and comparisons as DataFrames.

Only this module (and the widgets) import pandas; the model and the comparison
code stay plain Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from itu_nb.model import Change, Document, NodeKind, Op, Proposal

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from itu_nb.model.comparison import Comparison

__all__ = [
    "TEXT_COLUMNS",
    "TEXT_WIDTH",
    "Table",
    "changes_frame",
    "clauses_frame",
    "document_comparison_frame",
    "proposal_keys",
    "stats_frame",
    "to_frame",
]

#: Columns holding clause text, shortened in a table's notebook display (the values stay whole).
TEXT_COLUMNS = frozenset(
    {"original", "amended", "old", "new", "old_text", "new_text", "adopted_text", "proposal_text", "in_force",
     "note", "base_text"}
)  # fmt: skip
#: Characters of a text column shown in a table's notebook display before "…".
TEXT_WIDTH = 160


def _shown(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"


class Table(pd.DataFrame):
    """A DataFrame whose notebook display shows what an analyst reads: names whole, texts short.

    pandas cuts every cell at 50 characters in a notebook, so two sections such as
    *further instructs the Director of the Telecommunication Standardization Bureau…* looked the
    same, and paths, ids and citations lost the part that tells them apart.  A Table shows
    index, paths, ids, citations and labels in full, the text columns (:data:`TEXT_COLUMNS`)
    cut at :data:`TEXT_WIDTH` characters with "…", every column (no ``...`` column), and a
    missing value as an empty cell rather than ``None`` or ``NaN``.  Only the display changes:
    the values are whole (``table.loc[row, "amended"]``), and every pandas operation works
    as on a DataFrame (and gives a Table back).

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> table = itu_nb.to_frame(doc)
    >>> type(table).__name__, type(table.head()).__name__
    ('Table', 'Table')
    >>> "…" in table._repr_html_() and "NaN" not in table._repr_html_()
    True
    """

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        formatters = {c: _shown for c in self.columns if c in TEXT_COLUMNS}
        shown = pd.DataFrame(self, copy=False)
        # pandas prints None (object columns) and <NA> (Int64) whatever na_rep says; NaN it does not
        none = [c for c in shown.columns if str(shown[c].dtype) in ("object", "Int64") and shown[c].isna().any()]
        if none:
            shown = shown.assign(
                **{str(c): shown[c].astype(object).where(shown[c].notna(), float("nan")) for c in none}
            )
        with pd.option_context("display.max_colwidth", None):
            return shown.to_html(
                notebook=True,
                na_rep="",
                formatters=formatters,
                max_rows=pd.get_option("display.max_rows"),
                max_cols=None,
                show_dimensions=pd.get_option("display.show_dimensions"),
            )


CLAUSE_COLUMNS = [
    "proposal", "action", "target", "path", "kind", "section", "label", "label_original",
    "original", "amended", "words_inserted", "words_deleted",
]  # fmt: skip
#: The one table of changes, for a proposal's own changes and a comparison's alike: the fields of
#: :class:`~itu_nb.model.change.Change` (``pair``, ``pair_kind`` are empty for a proposal, ``inserter`` but for a
#: ``struck-insert``).
CHANGE_COLUMNS = [
    "id", "kind", "scope", "path", "section", "old", "new", "words_inserted", "words_deleted", "author", "date",
    "inferred", "old_path", "new_path", "old_offset", "new_offset", "pair", "pair_kind", "typographic", "inserter",
]  # fmt: skip
PAIR_COLUMNS = [
    "id", "kind", "old_path", "new_path", "path", "section", "old_label", "new_label", "old_text", "new_text",
    "label_changed", "text_changed", "changes", "words_inserted", "words_deleted", "similarity", "part", "parts",
    "level", "note",
]  # fmt: skip


def to_frame(obj, what: str | None = None) -> pd.DataFrame:
    """A DataFrame view of a Document, Proposal, Comparison or ManyComparison.

    Parameters
    ----------
    obj : Document, Proposal, Comparison, DocumentComparison or ManyComparison
    what : str, optional
        For a Document or Proposal: ``"clauses"`` (default) or ``"changes"`` (with a
        ``proposal`` column first); for a Comparison: ``"changes"`` (default), ``"clauses"``
        or ``"stats"``; for a DocumentComparison (two documents compared text by text):
        ``"changes"`` (default) or ``"clauses"``, the tables of a Comparison for every text
        compared, with a ``proposal`` column first, or ``"texts"`` (one row per text:
        :attr:`DocumentComparison.table <itu_nb.diff.documents.DocumentComparison.table>`);
        for a ManyComparison: ``"matrix"`` (default), ``"edits"`` or ``"additions"``.

    Returns
    -------
    DataFrame
        For a document or proposal, one row per clause with the columns
        ``proposal, action, target, path, kind, section, label, label_original,
        original, amended, words_inserted, words_deleted`` (``original`` and
        ``amended`` are the clause's own text in each view, None where it does
        not exist; ``proposal`` is the id, ``"<id> (2)"`` for a second proposal
        with one id: :func:`proposal_keys`).

    Examples
    --------
    One row per clause of Brazil's five proposals:

    >>> df = itu_nb.to_frame(itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md"))
    >>> df.loc[df.path == "considering/b#2", ["proposal", "kind", "label_original", "label"]].values.tolist()
    [['B/67/4', 'item', 'c)', 'b)']]
    >>> sorted(df.proposal.unique())
    ['B/67/1', 'B/67/2', 'B/67/3', 'B/67/4', 'B/67/5']

    Two documents compared text by text: one row per change of every text, as for one comparison.

    >>> acts = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> changes = itu_nb.to_frame(itu_nb.compare(itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md"), acts))
    >>> changes.groupby("proposal").size().index.tolist()
    ['B/67/2', 'B/67/3', 'B/67/4', 'B/67/5']
    """
    from itu_nb.diff.documents import DocumentComparison
    from itu_nb.diff.manyway import ManyComparison
    from itu_nb.diff.twoway import Comparison

    if isinstance(obj, Document | Proposal):
        proposals = obj.proposals if isinstance(obj, Document) else (obj,)
        if what == "changes":
            keys = proposal_keys(proposals)
            frames = [changes_frame(p.changes).assign(proposal=k) for p, k in zip(proposals, keys, strict=True)]
            df = pd.concat(frames, ignore_index=True) if frames else changes_frame(()).assign(proposal=None)
            return Table(df[["proposal", *CHANGE_COLUMNS]])
        if what not in (None, "clauses"):
            raise ValueError(f"what={what!r}: choose 'clauses' or 'changes'")
        return _clause_rows(proposals)
    table: dict[str, Callable[[Any], pd.DataFrame]]
    if isinstance(obj, Comparison):
        table = {"changes": lambda c: changes_frame(c.changes), "clauses": clauses_frame, "stats": stats_frame}
        what = what or "changes"
    elif isinstance(obj, DocumentComparison):
        table = {"changes": _document_changes, "clauses": _document_clauses, "texts": document_comparison_frame}
        what = what or "changes"
    elif isinstance(obj, ManyComparison):
        table = {"matrix": lambda m: m.matrix, "edits": lambda m: m.edits, "additions": lambda m: m.additions}
        what = what or "matrix"
    else:
        raise TypeError(
            "to_frame takes a Document, Proposal, Comparison, DocumentComparison or ManyComparison, "
            f"not {type(obj).__name__}"
        )
    if what not in table:
        raise ValueError(f"what={what!r}: choose one of {sorted(table)}")
    return table[what](obj)


def proposal_keys(proposals) -> list[str]:
    r"""The ``proposal`` column's value for each proposal: its id, and ``"<id> (2)"``, ``"(3)"``… for a later
    proposal with the id of an earlier one (a document pasted twice), as the clause tree names them.

    Rows of two proposals with one id would otherwise fall into one group (``groupby("proposal")``).

    Examples
    --------
    >>> text = open("examples/data/pp18-doc67-brazil.reconstructed.critic.md", encoding="utf-8").read()
    >>> twice = itu_nb.load(text + "\n" + text, format="criticmarkup")
    >>> proposal_keys(twice.proposals)[3:7]
    ['B/67/4', 'B/67/5', 'B/67/1 (2)', 'B/67/2 (2)']
    """
    keys: list[str] = []
    taken: set[str] = set()
    for p in proposals:
        key, n = p.id, 1
        while key in taken:
            n += 1
            key = f"{p.id} ({n})"
        taken.add(key)
        keys.append(key)
    return keys


def _clause_rows(proposals) -> pd.DataFrame:
    rows = []
    for p, key in zip(proposals, proposal_keys(proposals), strict=True):
        target = str(p.target) if p.target is not None else None
        for c in p.walk():
            rows.append(
                (
                    key, p.action, target, c.path, c.kind.value, c.section, c.label, c.label_original,
                    c.body("original") if c.exists_in("original") or c.kind is NodeKind.SECTION else None,
                    c.body("amended") if c.exists_in("amended") or c.kind is NodeKind.SECTION else None,
                    c.words(Op.INSERT), c.words(Op.DELETE),
                )
            )  # fmt: skip
    return Table(rows, columns=CLAUSE_COLUMNS)


def changes_frame(changes: Iterable[Change]) -> pd.DataFrame:
    """One row per change, in the given (reading) order: the columns of :data:`CHANGE_COLUMNS`.

    The one builder for every table of changes: ``proposal.changes.to_frame()``,
    ``comparison.changes.to_frame()``, ``to_frame(doc, "changes")`` and the widgets' ``changes``.
    """
    rows = [
        (
            ch.id, ch.kind, ch.scope, ch.path, ch.section, ch.old, ch.new, ch.words_inserted, ch.words_deleted,
            ch.author, ch.date, ch.inferred, ch.old_path, ch.new_path, ch.old_offset, ch.new_offset, ch.pair,
            ch.pair_kind, ch.typographic, ch.inserter,
        )
        for ch in changes
    ]  # fmt: skip
    df = Table(rows, columns=CHANGE_COLUMNS)
    return df.astype({"pair": "Int64"})


def clauses_frame(c: Comparison) -> pd.DataFrame:
    """One row per aligned clause pair, in reading order."""
    per_pair: dict[int, list] = {}
    for ch in c.changes:
        per_pair.setdefault(ch.pair, []).append(ch)
    rows = []
    for p in c.pairs:
        chs = per_pair.get(p.index, [])
        rows.append(
            (
                p.id, p.kind, p.old_path, p.new_path, p.path, p.section, p.old_label, p.new_label,
                p.old.body() if p.old is not None else None, p.new.body() if p.new is not None else None,
                p.label_changed, p.text_changed, len(chs),
                sum(x.words_inserted for x in chs), sum(x.words_deleted for x in chs),
                p.similarity, p.part, p.parts, p.level, p.note,
            )
        )  # fmt: skip
    return Table(rows, columns=PAIR_COLUMNS)


def stats_frame(c: Comparison) -> pd.DataFrame:
    """Per section (in reading order): clause pairs of each kind, changes, words inserted and deleted, plus a total row."""
    from itu_nb.diff.twoway import PAIR_KINDS

    df = clauses_frame(c)
    if df.empty:
        return Table(columns=["clauses", *PAIR_KINDS, "changes", "words_inserted", "words_deleted"])
    df["section"] = df["section"].fillna("(no section)")
    order = list(dict.fromkeys(df["section"]))
    kinds = pd.crosstab(df["section"], df["kind"]).reindex(columns=list(PAIR_KINDS), fill_value=0)
    sums = df.groupby("section")[["changes", "words_inserted", "words_deleted"]].sum()
    out = pd.concat([df.groupby("section").size().rename("clauses"), kinds, sums], axis=1).loc[order]
    out.loc["total"] = out.sum()
    out.index.name = "section"
    return Table(out.astype(int))


def _compared(dc) -> list[tuple[str, Comparison]]:
    """The texts of a document comparison that were compared, with their :func:`proposal_keys`."""
    keys = proposal_keys([p.text for p in dc.pairs])
    return [(k, p.comparison) for p, k in zip(dc.pairs, keys, strict=True) if p.comparison is not None]


def _document_changes(dc) -> pd.DataFrame:
    """Every change of a document comparison, text by text: :data:`CHANGE_COLUMNS` after a ``proposal`` column."""
    frames = [changes_frame(c.changes).assign(proposal=k) for k, c in _compared(dc)]
    df = pd.concat(frames, ignore_index=True) if frames else changes_frame(()).assign(proposal=None)
    return Table(df[["proposal", *CHANGE_COLUMNS]])


def _document_clauses(dc) -> pd.DataFrame:
    """Every clause pair of a document comparison, text by text: :data:`PAIR_COLUMNS` after a ``proposal`` column."""
    frames = [clauses_frame(c).assign(proposal=k) for k, c in _compared(dc)]
    df = pd.concat(frames, ignore_index=True) if frames else Table(columns=PAIR_COLUMNS).assign(proposal=None)
    return Table(df[["proposal", *PAIR_COLUMNS]])


#: The columns of a document comparison's table (:attr:`DocumentComparison.table <itu_nb.diff.documents.DocumentComparison.table>`).
DOCUMENT_COMPARISON_COLUMNS = ["proposal", "action", "target", "status", "matched", "changes", "base", "note"]


def document_comparison_frame(dc) -> Table:
    """One row per text of a :class:`~itu_nb.diff.documents.DocumentComparison`'s first document."""
    rows = []
    for p in dc.pairs:
        c = p.comparison
        base = f"{c.revisions[0]} ≠ {c.revisions[1]}" if c is not None and c.base_differs else None
        changes = len(c.changes) - (len(c.typographic) if c.typography == "separate" else 0) if c else None
        rows.append((p.id, p.action, p.target, p.status, p.matched, changes, base, p.note))
    # column by column, so that a missing value stays None (not NaN) in the text columns
    columns = {
        name: list(values) for name, values in zip(DOCUMENT_COMPARISON_COLUMNS, zip(*rows, strict=True), strict=True)
    }
    df = pd.DataFrame(columns or {name: [] for name in DOCUMENT_COMPARISON_COLUMNS}, dtype=object)
    return Table(df.astype({"changes": "Int64"}))
