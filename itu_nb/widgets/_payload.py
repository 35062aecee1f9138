"""Python computes, JS renders: the compact, ready-to-draw data the widgets sync.

Nothing here knows about traitlets or the browser.  Three products:

* :func:`viewer_rows` — one row per clause pair of a :class:`Comparison` (or of a
  proposal's own tracked changes), with its label and body as segments
  ``[op, text, change]`` and a table of *changes*;
* :func:`tree_nodes` — a flat list of node summaries (key, parent, depth, label,
  snippet, counts) for a document, a proposal or a comparison;
* :func:`changes_frame` — the same changes as a pandas table.

A *change* is a maximal stretch of neighbouring inserted/deleted runs inside one
clause's label or body: a replacement (deleted ``2016-2019`` + inserted
``2020-2023``) is one change with two marks.  Its id is ``"<pair id>~<n>"``
(``"considering/b#2~1"``), numbered from 1 in reading order inside the clause;
:func:`~itu_nb.widgets._decide.apply_decisions` reads the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run

__all__ = [
    "NodePair",
    "change_groups",
    "changes_frame",
    "pairs_of",
    "tree_nodes",
    "viewer_rows",
]

SNIPPET = 90  # characters of clause text shown in a tree row


@dataclass(frozen=True)
class NodePair:
    """A proposal node read as a clause pair (the shape of ``compare.ClausePair``).

    A proposal carries its own tracked changes in its runs; this reads one node of it
    with the attribute names the compare engine's pairs use, so one renderer serves both.
    """

    kind: str
    old: Clause | None
    new: Clause | None
    label_runs: tuple[Run, ...]
    runs: tuple[Run, ...]
    section: str | None
    path: str
    depth: int

    @property
    def id(self) -> str:
        return self.path

    @property
    def old_path(self) -> str | None:
        return self.path if self.old is not None else None

    @property
    def new_path(self) -> str | None:
        return self.path if self.new is not None else None


def _node_kind(node: Clause) -> str:
    status = node.status
    if status == "modified" and node.relabelled and all(r.op is Op.EQUAL for r in node.runs):
        return "relabelled"
    return status


def _walk_depth(nodes: Iterable[Clause], depth: int = 0) -> Iterator[tuple[Clause, int]]:
    for node in nodes:
        yield node, depth
        yield from _walk_depth(node.children, depth + 1)


def proposal_pairs(proposal: Proposal) -> tuple[NodePair, ...]:
    """Every node of a proposal as a :class:`NodePair`, in reading order (footnotes included)."""
    out = []
    for node, depth in _walk_depth(proposal.clauses):
        kind = _node_kind(node)
        out.append(
            NodePair(
                kind=kind,
                old=node if kind != "inserted" else None,
                new=node if kind != "deleted" else None,
                label_runs=node.label_runs,
                runs=node.runs,
                section=node.section,
                path=node.path,
                depth=depth,
            )
        )
    return tuple(out)


def pairs_of(obj) -> tuple:
    """The clause pairs to draw for a Comparison (its ``pairs``) or a Proposal (its own changes).

    A proposal is read node by node (:func:`proposal_pairs`) so that change ids address
    the proposal's own runs, which is what accepting and rejecting act on.
    """
    if isinstance(obj, Proposal):
        return proposal_pairs(obj)
    pairs = getattr(obj, "pairs", None)
    if pairs is None:
        raise TypeError(f"cannot show a {type(obj).__name__}; pass a Comparison, a Proposal or two texts")
    return tuple(pairs)


def change_groups(runs: Iterable[Run]) -> Iterator[tuple[bool, list[Run]]]:
    """Split runs into stretches: ``(True, runs)`` for a change, ``(False, [run])`` for equal text."""
    group: list[Run] = []
    for run in runs:
        if run.op is Op.EQUAL:
            if group:
                yield True, group
                group = []
            yield False, [run]
        else:
            group.append(run)
    if group:
        yield True, group


def _depth(pair) -> int:
    depth = getattr(pair, "depth", None)
    if depth is not None:
        return depth
    return (pair.path or "").count("/")


def _node_type(pair) -> str:
    node = pair.new if pair.new is not None else pair.old
    kind = getattr(node, "kind", None)
    return kind.value if isinstance(kind, NodeKind) else "paragraph"


def _label(runs: tuple[Run, ...], view: str) -> str | None:
    text = "".join(r.text for r in runs if r.op.in_view(view)).strip()
    return text or None


def _words(runs: list[Run], op: Op) -> int:
    return sum(len(r.text.split()) for r in runs if r.op is op)


def viewer_rows(pairs: Iterable) -> tuple[list[dict], list[dict]]:
    """Rows and changes for the redline viewer.

    Returns
    -------
    rows : list of dict
        ``i`` index, ``id`` pair id, ``path``, ``d`` depth, ``sec`` section, ``k`` pair kind,
        ``t`` node kind, ``lab`` / ``seg`` label and body segments ``[op, text, change]``
        (``change`` is an index into *changes*, -1 for equal text), ``lo`` / ``ln`` the
        labels in each view when the item was relabelled, ``mv`` the other path of a move.
    changes : list of dict
        ``id``, ``r`` row index, ``k`` (``ins``, ``del``, ``rep``), ``a`` author, ``t`` date,
        ``sec``, ``path``, ``wi`` / ``wd`` words inserted and deleted, ``lab`` True when it touches the label.
    """
    rows: list[dict] = []
    changes: list[dict] = []
    for i, pair in enumerate(pairs):
        pid = pair.id
        path = pair.path
        n = 0
        row: dict = {"i": i, "id": pid, "path": path, "d": _depth(pair), "sec": pair.section, "k": pair.kind,
                     "t": _node_type(pair)}
        n_label = len(pair.label_runs)
        segs: list[list] = []
        k = 0  # index of the run in label + body
        # one sequence, so that a deleted paragraph (label and text) is one change
        for is_change, group in change_groups(tuple(pair.label_runs) + tuple(pair.runs)):
            if not is_change:
                segs.append([0, group[0].text, -1])
                k += 1
                continue
            n += 1
            ops = {r.op for r in group}
            changes.append({
                "id": f"{pid}~{n}", "r": i, "k": "rep" if len(ops) == 2 else ("ins" if Op.INSERT in ops else "del"),
                "a": next((r.author for r in group if r.author), None),
                "t": next((r.date for r in group if r.date), None),
                "sec": pair.section, "path": path,
                "wi": _words(group, Op.INSERT), "wd": _words(group, Op.DELETE), "lab": k < n_label,
            })
            segs.extend([int(r.op), r.text, len(changes) - 1] for r in group)
            k += len(group)
        row["lab"], row["seg"] = segs[:n_label], segs[n_label:]
        lab = row["lab"]
        if lab:  # the separator after a label is layout, not text
            lab[-1][1] = lab[-1][1].rstrip()
            if not lab[-1][1] and lab[-1][0] == 0:
                lab.pop()
        lo, ln = _label(pair.label_runs, "original"), _label(pair.label_runs, "amended")
        if lo and ln and lo != ln:
            row["lo"], row["ln"] = lo, ln
        if pair.kind == "moved" and pair.old_path != pair.new_path:
            row["mv"] = pair.old_path
        rows.append(row)
    return rows, changes


def viewer_meta(rows: list[dict], changes: list[dict], title: str) -> dict:
    """What the toolbar offers: sections, kinds and authors to filter by, and totals."""
    sections: list[str] = []
    for row in rows:
        if row["sec"] and row["sec"] not in sections:
            sections.append(row["sec"])
    kinds = sorted({row["k"] for row in rows} - {"unchanged"})
    authors = sorted({c["a"] for c in changes if c["a"]})
    n_ins = sum(1 for row in rows for s in row["lab"] + row["seg"] if s[0] == 1)
    n_del = sum(1 for row in rows for s in row["lab"] + row["seg"] if s[0] == -1)
    return {"title": title, "sections": sections, "kinds": kinds, "authors": authors,
            "n_changes": len(changes), "n_ins": n_ins, "n_del": n_del}


def title_of(obj) -> str:
    if isinstance(obj, Proposal):
        action = f"{obj.action} " if obj.action else ""
        return f"{action}{obj.id} — {obj.target}" if obj.target else f"{action}{obj.id}"
    old, new = getattr(obj, "old", None), getattr(obj, "new", None)
    if old is not None and new is not None:
        return f"{getattr(old, 'id', old)} → {getattr(new, 'id', new)}"
    return type(obj).__name__


# -- tree -----------------------------------------------------------------------
def _snippet(pair) -> str:
    view = "original" if pair.kind == "deleted" else "amended"
    text = " ".join("".join(r.text for r in pair.runs if r.op.in_view(view)).split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def _counts(runs: Iterable[Run]) -> tuple[int, int]:
    ins = dels = 0
    for r in runs:
        if r.op is Op.INSERT:
            ins += 1
        elif r.op is Op.DELETE:
            dels += 1
    return ins, dels


def _parent_path(path: str, known: dict[str, int]) -> str | None:
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        if path in known:
            return path
    return None


def tree_nodes(obj) -> tuple[list[list], dict[str, object]]:
    """Flat node summaries for the clause-tree explorer.

    Returns
    -------
    nodes : list of list
        ``[key, parent, depth, label, text, mark, ins, del, type]``: ``key`` is
        ``"<proposal id>"`` or ``"<proposal id>:<clause path>"`` (``""`` for the document),
        ``parent`` an index (-1 for the root), ``mark`` the proposal's action (MOD/ADD/SUP)
        or the pair kind, ``ins``/``del`` the inserted/deleted runs in the subtree.
    index : dict
        key → the Proposal, the pair, or the document, for Python-side look-ups.
    """
    nodes: list[list] = []
    index: dict[str, object] = {}
    if isinstance(obj, Document):
        name = obj.metadata.get("document")
        label = f"Document {name}" if name else str(obj.source).rsplit("/", 1)[-1]
        nodes.append(["", -1, 0, label, f"{len(obj.proposals)} proposals", "", 0, 0, "document"])
        index[""] = obj
        parts = [(p, p.id, title_of(p), p.action or "", pairs_of(p)) for p in obj.proposals]
        base_depth, root = 1, 0
    elif isinstance(obj, Proposal):
        parts = [(obj, obj.id, title_of(obj), obj.action or "", pairs_of(obj))]
        base_depth, root = 0, -1
    else:
        new = obj.new
        parts = [(obj, new.id, title_of(obj), "", pairs_of(obj))]
        base_depth, root = 0, -1
    for owner, pid, ptitle, mark, pairs in parts:
        pindex = len(nodes)
        head = owner.title if isinstance(owner, Proposal) and owner.title else ""
        nodes.append([pid, root, base_depth, ptitle, head, mark, 0, 0, "proposal"])
        index[pid] = owner
        paths: dict[str, int] = {}
        for pair in pairs:
            path = pair.path
            parent_path = _parent_path(path.split("#", 1)[0], paths)
            parent = paths[parent_path] if parent_path is not None else pindex
            depth = nodes[parent][2] + 1
            ins, dels = _counts(tuple(pair.label_runs) + tuple(pair.runs))
            lo, ln = _label(pair.label_runs, "original"), _label(pair.label_runs, "amended")
            label = (f"{lo} → {ln}" if lo and ln and lo != ln else ln or lo) or ""
            text = _snippet(pair)
            if not label and _node_type(pair) == "section":
                label, text = text, ""
            key = f"{pid}:{path}"
            paths.setdefault(path, len(nodes))
            index[key] = pair
            nodes.append([key, parent, depth, label, text, pair.kind, ins, dels, _node_type(pair)])
            p = parent
            while p != -1 and (ins or dels):
                nodes[p][6] += ins
                nodes[p][7] += dels
                p = nodes[p][1]
    return nodes, index


def node_text(item) -> str:
    """All the text of an indexed tree node (both views), for search."""
    if isinstance(item, Document):
        return ""
    if isinstance(item, Proposal):
        return f"{item.id} {item.target or ''} {item.title or ''}"
    return "".join(r.text for r in tuple(item.label_runs) + tuple(item.runs))


# -- pandas ---------------------------------------------------------------------
def changes_frame(parts: Iterable[tuple[str, list[dict], list[dict]]]):
    """One row per change: ``proposal, id, path, section, kind, label, old_text, new_text,
    words_inserted, words_deleted, author, date`` from ``(proposal id, rows, changes)``."""
    import pandas as pd

    records = []
    for pid, rows, changes in parts:
        for ci, ch in enumerate(changes):
            row = rows[ch["r"]]
            segs = [s for s in row["lab"] + row["seg"] if s[2] == ci]
            records.append({
                "proposal": pid, "id": ch["id"], "path": ch["path"], "section": ch["sec"],
                "kind": {"ins": "insert", "del": "delete", "rep": "replace"}[ch["k"]],
                "label": bool(ch["lab"]),
                "old_text": "".join(s[1] for s in segs if s[0] == -1),
                "new_text": "".join(s[1] for s in segs if s[0] == 1),
                "words_inserted": ch["wi"], "words_deleted": ch["wd"], "author": ch["a"], "date": ch["t"],
            })
    columns = ["proposal", "id", "path", "section", "kind", "label", "old_text", "new_text",
               "words_inserted", "words_deleted", "author", "date"]
    return pd.DataFrame.from_records(records, columns=columns)
