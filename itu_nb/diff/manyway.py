"""Many versions against one base: who keeps, changes, deletes or adds what, and where they agree.

:func:`compare_many` runs :func:`~itu_nb.diff.twoway.compare` once per version and
reads the results per base clause:

- ``matrix``: rows = base clauses (and clauses added by versions, after the
  base clause they follow), columns = versions, cells = what the version does
  (``kept``, ``modified``, ``relabelled``, ``moved``, ``split``, ``merged``,
  ``deleted``; ``added`` on an added row), plus a ``status`` column.
- ``changes``: each distinct edit of a base clause (the old words it replaces,
  in base-text offsets, and the new words), with the versions making it and a
  status: ``agreement`` (same edit by several versions), ``divergence`` (another
  version makes an edit that overlaps or touches it, by the rule of
  :func:`itu_nb.diff.spans.clash`, the one :func:`itu_nb.merge` reports as a
  conflict) or ``single``.
- ``additions``: new clauses, grouped when several versions add the same
  (or a very similar) text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from itu_nb.diff.spans import Edit, clash, relettering, run_edits
from itu_nb.diff.twoway import Comparison, compare
from itu_nb.loaders.coerce import as_proposal
from itu_nb.model import Op, Proposal

__all__ = ["ManyComparison", "compare_many"]

_WORD = re.compile(r"\w+")


#: The scope column of ``changes`` for each kind of edit (a deleted clause is one edit of scope ``clause``).
_SCOPE = {"text": "text", "label": "label", "deleted": "clause"}


def _edits(c: Comparison) -> dict[str, list[Edit]]:
    """Edits per base-clause path, in base offsets.

    The pieces of a split base clause come one after the other, each holding the next stretch
    of the base text: their offsets continue from the piece before, and only the first piece
    speaks for the base clause's label (the others carry the labels of new clauses).
    """
    out: dict[str, list[Edit]] = defaultdict(list)
    read: dict[str, int] = defaultdict(int)  # base characters of a split clause in its earlier pieces
    follow = relettering(c)
    for p in c.pairs:
        if p.old is None:
            continue
        path = p.old.path
        if p.new is None:
            body = p.old.body()
            out[path].append(Edit("deleted", path, 0, len(body), body, ""))
            continue
        label = [r for r in p.label_runs if r.op is not Op.EQUAL]
        if label and not (p.kind == "split" and p.part > 0):
            old = "".join(r.text for r in label if r.op is Op.DELETE)
            new = "".join(r.text for r in label if r.op is Op.INSERT)
            out[path].append(Edit("label", path, 0, len(old), old, new, relettered=path in follow))
        offset = read[path] if p.kind == "split" else 0
        out[path] += [Edit("text", path, s, e, old, new) for s, e, old, new in run_edits(p.runs, offset)]
        read[path] = offset + sum(len(r.text) for r in p.runs if r.op is not Op.INSERT)
    return out


@dataclass(frozen=True)
class ManyComparison:
    """The result of :func:`compare_many`.

    Attributes
    ----------
    base : Proposal
    comparisons : dict of str to Comparison
        ``compare(base, version)`` per version name, in the order given.
    """

    base: Proposal
    comparisons: dict[str, Comparison] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """The versions' names, in the order given."""
        return list(self.comparisons)

    @cached_property
    def _status(self) -> dict[str, dict[str, str]]:
        """{base path: {version: what it does}}."""
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for name, c in self.comparisons.items():
            for p in c.pairs:
                if p.old is not None:
                    out[p.old.path][name] = "kept" if p.kind == "unchanged" else p.kind
        return out

    @cached_property
    def edit_groups(self) -> list[tuple[Edit, tuple[str, ...], str]]:
        """Distinct edits (:class:`~itu_nb.diff.spans.Edit`) with the versions making them and their status, in base order."""
        first: dict[tuple, Edit] = {}
        by_edit: dict[tuple, list[str]] = defaultdict(list)
        for name, c in self.comparisons.items():
            for edits in _edits(c).values():
                for e in edits:
                    first.setdefault(e.key, e)
                    by_edit[e.key].append(name)
        order: dict[str | None, int] = {c.path: k for k, c in enumerate(self.base.walk())}
        items = sorted(
            ((first[k], names) for k, names in by_edit.items()),
            key=lambda kv: (order.get(kv[0].path, 0), kv[0].kind != "label", kv[0].start, kv[0].end),
        )
        by_path: dict[str | None, list[Edit]] = defaultdict(list)
        for e, _ in items:
            by_path[e.path].append(e)
        out = []
        for e, names in items:
            diverges = any(clash(o, e) and set(by_edit[o.key]) - set(names) for o in by_path[e.path])
            status = "divergence" if diverges else ("agreement" if len(names) > 1 else "single")
            out.append((e, tuple(names), status))
        return out

    @cached_property
    def _additions(self) -> list[dict]:
        groups: list[dict] = []
        for name, c in self.comparisons.items():
            after = None
            for p in c.pairs:
                if p.old is not None and p.kind != "moved":
                    after = p.old.path
                if p.kind != "inserted" or p.new is None:  # an inserted pair has its new clause
                    continue
                text = " ".join(p.new.body().split())
                words = frozenset(_WORD.findall(text.lower()))
                for g in groups:
                    if name in g["versions"]:
                        continue
                    if g["text"] == text or (
                        words and 2 * len(words & g["words"]) / (len(words) + len(g["words"])) >= 0.8
                    ):
                        g["versions"].append(name)
                        g["same"] = g["same"] and g["text"] == text
                        break
                else:
                    groups.append(
                        {"text": text, "words": words, "after": after, "path": p.new.path, "section": p.section,
                         "label": p.new_label, "versions": [name], "same": True}
                    )  # fmt: skip
        return groups

    @property
    def matrix(self):
        """DataFrame: rows = clauses (base, then added ones after the clause they follow), columns = versions + status."""
        import pandas as pd

        rows, index = [], []
        added_after: dict[str | None, list[dict]] = defaultdict(list)
        for g in self._additions:
            added_after[g["after"]].append(g)
        clause_status = self._clause_status()

        def add_groups(anchor: str | None) -> None:
            for g in added_after.get(anchor, ()):
                index.append(f"+ {g['path']}")
                cells = ["added" if n in g["versions"] else "" for n in self.names]
                many = len(g["versions"]) > 1
                status = ("agreement" if g["same"] else "similar") if many else "single"
                rows.append([g["section"], g["label"], g["text"][:80], *cells, status])

        add_groups(None)
        for clause in self.base.walk():
            st = self._status.get(clause.path, {})
            index.append(clause.path)
            rows.append([clause.section, clause.label, " ".join(clause.body().split())[:80],
                         *[st.get(n, "") for n in self.names], clause_status.get(clause.path, "")])  # fmt: skip
            add_groups(clause.path)
        df = pd.DataFrame(
            rows, index=pd.Index(index, name="path"), columns=["section", "label", "text", *self.names, "status"]
        )
        return df

    def _clause_status(self) -> dict[str | None, str]:
        out: dict[str | None, str] = {}
        rank = {"single": 1, "agreement": 2, "divergence": 3}
        for e, _names, status in self.edit_groups:
            if rank[status] > rank.get(out.get(e.path, ""), 0):
                out[e.path] = status
        changed_by: defaultdict[str | None, set[str]] = defaultdict(set)
        for e, names, _ in self.edit_groups:
            changed_by[e.path].update(names)
        for path, by in changed_by.items():
            if out[path] == "single" and len(by) > 1:
                out[path] = "several"
        return out

    @property
    def edits(self):
        """DataFrame, one row per distinct edit of a base clause, with the versions that make it.

        Columns: where (``path``, ``scope``, ``start``, ``end`` in the base), ``old`` and ``new``
        text, ``versions``, ``n_versions`` and ``status``.  These are edits of one base by several
        versions (:class:`~itu_nb.diff.spans.Edit`); a two-way comparison's ``changes`` are
        :class:`~itu_nb.model.Change` objects.
        """
        import pandas as pd

        rows = [
            (e.path, _SCOPE[e.kind], e.start, e.end, e.old, e.new, ", ".join(names), len(names), status)
            for e, names, status in self.edit_groups
        ]
        cols = ["path", "scope", "start", "end", "old", "new", "versions", "n_versions", "status"]
        return pd.DataFrame(rows, columns=cols)

    @property
    def additions(self):
        """DataFrame, one row per added clause (grouped across versions)."""
        import pandas as pd

        rows = [
            (g["after"], g["section"], g["label"], g["text"], ", ".join(g["versions"]), len(g["versions"]), g["same"])
            for g in self._additions
        ]
        cols = ["after", "section", "label", "text", "versions", "n_versions", "identical"]
        return pd.DataFrame(rows, columns=cols)

    def to_html(self, *, only_changed: bool = True) -> str:
        """A static HTML matrix (rows = clauses, columns = versions); see :func:`itu_nb.export.html_fragment.many_html`."""
        from itu_nb.export.html_fragment import many_html

        return many_html(self, only_changed=only_changed)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<ManyComparison {self.base.id} against {', '.join(self.names)}>"


def compare_many(base, versions, **options) -> ManyComparison:
    """Compare several versions against one base text.

    Parameters
    ----------
    base : Proposal, Document, Clause, path, str or bytes
        Read by :func:`itu_nb.loaders.as_proposal`, as each version is.
    versions : dict of str to (Proposal, Document, Clause, path, str or bytes), or a list
        A list is named by proposal id (or ``v1``, ``v2``…).
    **options
        Passed to :func:`~itu_nb.diff.twoway.compare` (``view``, ``timeout``, ``backend``…).

    Returns
    -------
    ManyComparison

    Examples
    --------
    Two amendments of Resolution 130 compared with it: they diverge on resolves 2 only.

    >>> res130 = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cept = itu_nb.amend(res130, 'In resolves 2, replace "high priority" by "priority"', author="CEPT")
    >>> apt = itu_nb.amend(res130, 'In resolves 2, replace "high priority" by "the highest priority"', author="APT")
    >>> many = itu_nb.compare_many(res130, {"CEPT": cept, "APT": apt})
    >>> many
    <ManyComparison res-130 against CEPT, APT>
    >>> many.matrix.query("status == 'divergence'")[["label", "CEPT", "APT"]].reset_index().values.tolist()
    [['resolves/2', '2', 'modified', 'modified']]
    """
    if not isinstance(versions, dict):
        versions = {(v.id if isinstance(v, Proposal) else f"v{k + 1}"): v for k, v in enumerate(versions)}
    view = options.get("view", "amended")
    b = as_proposal(base, view if isinstance(view, str) else view[0])
    return ManyComparison(b, {name: compare(b, v, **options) for name, v in versions.items()})
