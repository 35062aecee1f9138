"""Python computes, JS renders: the compact, ready-to-draw data the widgets sync.

Nothing here knows about traitlets or the browser.  Three products:

* :func:`viewer_rows` — one row per clause pair of a :class:`Comparison` (or of a
  proposal's own tracked changes), with its label and body as segments
  ``[op, text, change]`` and a table of *changes*;
* :func:`tree_nodes` — a flat list of node summaries (key, parent, depth, label,
  snippet, counts) for a document, a proposal or a comparison;
* :func:`changes_frame` — the same changes as a pandas table.

A *change* is the model's :class:`~itu_nb.model.change.Change`, with its stable id and kind
(one vocabulary everywhere: ``inserted``, ``deleted``, ``replaced``, ``relabelled``,
``moved-from``, ``moved-to``, ``struck-insert``): a proposal's own changes have the ids of ``Proposal.changes``
(those ``accept``/``reject``/``decide`` take), a comparison's those of ``Comparison.changes``,
so what the viewer decides goes straight to the amendments API.

The shapes of what these functions return, as Python and JS read them, are the payload contract:
:mod:`itu_nb.widgets._contract` (and ``js/src/contract.js``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from itu_nb.amendments.merging import Draft
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run
from itu_nb.model import change_groups as groups_of
from itu_nb.model.comparison import pair_changes
from itu_nb.widgets._marks import cut, highlighted, move_names, notes_of, struck_of
from itu_nb.widgets._struck import (
    decided_by,
    kept_label,
    own_artefacts,
    pair_all_changes,
    source_of,
    struck_count,
    struck_counted,
    struck_in,
    with_kept,
)

__all__ = [
    "banner_of",
    "change_groups",
    "changes_frame",
    "pairs_of",
    "text_entries",
    "tree_nodes",
    "viewer_rows",
]

SNIPPET = 90  # characters of clause text shown in a tree row


def pairs_of(obj) -> tuple:
    """The clause pairs to draw: a Comparison's, or a Proposal's own tracked changes (``redline()``)."""
    if isinstance(obj, Proposal):  # (with a row for each clause struck whole: in neither view, kept)
        return with_kept(obj, obj.redline().pairs)
    pairs = getattr(obj, "pairs", None)
    if pairs is None:
        raise TypeError(f"cannot show a {type(obj).__name__}; pass a Comparison, a Proposal or two texts")
    return tuple(pairs)


class _Unchanged(NamedTuple):
    """A clause of a proposal without tracked changes, shaped like a ClausePair."""

    kind: str
    old: Clause
    new: Clause
    label_runs: tuple[Run, ...]
    runs: tuple[Run, ...]
    section: str | None
    path: str


def _tree_pairs(proposal: Proposal) -> tuple:
    """Pairs for the tree: ``redline()`` where there are changes; the nodes themselves where there are
    none (an adopted text such as the Final Acts: no views to build, the same rows).
    """
    if proposal.changed:
        return pairs_of(proposal)
    return tuple(_Unchanged("unchanged", n, n, n.label_runs, n.runs, n.section, n.path) for n in proposal.walk())


def change_groups(runs: Iterable[Run]) -> Iterator[tuple[bool, list[Run]]]:
    """Split runs into stretches: ``(True, runs)`` for a change (as :func:`itu_nb.model.change_groups`
    groups them), ``(False, [run])`` for equal text.
    """
    runs = tuple(runs)
    k = 0
    for a, b in groups_of(runs):
        yield from ((False, [r]) for r in runs[k:a])
        yield True, list(runs[a:b])
        k = b
    yield from ((False, [r]) for r in runs[k:])


def _has_changes(pair) -> bool:
    """Whether a pair (or an unchanged tree row) has a non-equal run: only those have changes to describe."""
    return any(r.op is not Op.EQUAL for r in (*pair.label_runs, *pair.runs))


def _depth(pair) -> int:
    return (pair.path or "").split("#", 1)[0].count("/")


def _node_type(pair) -> str:
    node = pair.new if pair.new is not None else pair.old
    kind = getattr(node, "kind", None)
    return kind.value if isinstance(kind, NodeKind) else "paragraph"


def _label(runs: tuple[Run, ...], view: str) -> str | None:
    text = "".join(r.text for r in runs if r.op.in_view(view)).strip()
    return text or None


def _words(runs: list[Run], op: Op) -> int:
    return sum(len(r.text.split()) for r in runs if r.op is op)


def _words_for(step: str) -> str:
    """One step of a clause path in words: an unlabelled paragraph ``p2`` is "paragraph 2"."""
    return f"paragraph {step[1:]}" if step[:1] == "p" and step[1:].isdigit() else step


def _citation(path: str | None, section: str | None, label: str | None) -> str:
    """Where a clause is, in the words a reader cites it: ``"considering b)"``, ``"resolves 2 a)"``,
    ``"the heading"``; never the internal ``#2`` of a repeated label.
    """
    parts = [_words_for(p.split("#", 1)[0]) for p in (path or "").split("/") if p]
    if not parts:
        return section or "the text"
    if len(parts) == 1:
        if section and parts[0] == section:
            return section
        return label or (f"the {parts[0]}" if parts[0].isalpha() and len(parts[0]) > 1 else parts[0])
    if label:
        parts[-1] = label
    return " ".join(parts[:1] + [f", {p}" if p.startswith("paragraph") else p for p in parts[1:]]).replace(" , ", ", ")


def viewer_rows(pairs: Iterable, sources: Mapping[str, Clause] | None = None) -> tuple[list[dict], list[dict]]:
    """Rows and changes for the redline viewer.

    ``sources`` (a proposal's redline: its clauses by path) gives the clauses whose struck-inserts each row shows
    (the redline's views leave them out: they are in neither view).

    Returns
    -------
    rows : list of dict
        :class:`~itu_nb.widgets._contract.Row`: ``i`` index, ``id`` pair id, ``path``, ``d`` depth, ``sec`` section, ``k`` pair kind,
        ``t`` node kind, ``at`` where it is in words (``"considering b)"``), ``lab`` / ``seg`` label and body
        segments ``[op, text, change]``
        (``change`` is an index into *changes*, -1 for equal text), ``lo`` / ``ln`` the
        labels in each view when the item was relabelled, ``mv`` the other path of a move (``mvat``: in
        words), ``notes`` the
        clause's comments (``{"a", "t", "text"}``), ``hl`` the indexes of the body segments highlighted,
        ``si`` the text inserted by one author and struck by another (in neither view; where it stood, who inserted
        and who struck it, ``c`` the change that decides it: :mod:`itu_nb.widgets._struck`), ``mn`` the segments that are one end of a move (``[index in lab + seg, name]``).
    changes : list of dict
        :class:`~itu_nb.widgets._contract.ChangePayload`: ``id`` the change's stable id, ``r`` row index, ``k`` its kind (``inserted``, ``deleted``,
        ``replaced``, ``relabelled``, ``moved-from``, ``moved-to``, ``struck-insert``: one that no change of its
        striker's holds, among the row's changes in reading order), ``a`` author, ``t`` date,
        ``sec``, ``path``, ``wi`` / ``wd`` words inserted and deleted, ``lab`` True when it touches the label,
        ``ty`` True when it is typographic (drawn apart; only a ``typography="separate"`` comparison has any),
        ``inf`` True when the loader inferred it from a flattened text (no mark in the source).
    """
    rows: list[dict] = []
    changes: list[dict] = []
    for i, pair in enumerate(pairs):
        pid = pair.id
        path = pair.path
        first = len(changes)  # the index of the row's first change
        model = iter(pair_changes(pair, own_artefacts(pair, sources)) if _has_changes(pair) else ())
        row: dict = {
            "i": i,
            "id": pid,
            "path": path,
            "d": _depth(pair),
            "sec": pair.section,
            "k": pair.kind,
            "t": _node_type(pair),
        }
        n_label = len(pair.label_runs)
        moved = False
        segs: list[list] = []
        k = 0  # index of the run in label + body
        # one sequence, so that a deleted paragraph (label and text) is one change
        for is_change, group in change_groups(tuple(pair.label_runs) + tuple(pair.runs)):
            if not is_change:
                segs.append([0, group[0].text, -1])
                k += 1
                continue
            change = next(model)
            changes.append(
                {
                    "id": change.id,
                    "r": i,
                    "k": change.kind,
                    "a": change.author,
                    "t": change.date,
                    "sec": pair.section,
                    "path": path,
                    "wi": _words(group, Op.INSERT),
                    "wd": _words(group, Op.DELETE),
                    "lab": k < n_label,
                    "ty": change.typographic,
                    "inf": change.inferred,
                }
            )
            segs.extend([int(r.op), r.text, len(changes) - 1] for r in group)
            if any(r.move for r in group):  # each run of a move carries its name, to the end of the row
                moved = True
                for seg, r in zip(segs[-len(group) :], group, strict=True):
                    if r.move:
                        seg.append(r.move)
            k += len(group)
        row["lab"], row["seg"] = segs[:n_label], segs[n_label:]
        node = pair.new if pair.new is not None else pair.old
        own = sources.get(pair.path) if sources is not None else None  # the proposal's clause: its struck-inserts
        if getattr(node, "artefacts", None) or (own is not None and own.artefacts):  # (most clauses have none)
            src, src_runs = source_of(pair, sources)
            start = sum(len(r.text) for r in pair.label_runs)
            spans = highlighted(pair)
            if spans:
                row["seg"], marked = cut(row["seg"], start, spans)
                if marked:
                    row["hl"] = marked
            struck = struck_of(struck_in(src, src_runs, pair), row["seg"], start)
            if struck:
                row["si"] = struck
                decided_by(pair, row, changes, first, sources)
            notes = notes_of(pair)
            if notes:
                row["notes"] = notes
        lab = row["lab"]
        if lab:  # the separator after a label is layout, not text
            lab[-1][1] = lab[-1][1].rstrip()
            if not lab[-1][1] and lab[-1][0] == 0:
                lab.pop()
        if moved:
            row["mn"] = move_names(lab, row["seg"])
        lo, ln = _label(pair.label_runs, "original"), _label(pair.label_runs, "amended")
        if lo and ln and lo != ln:
            row["lo"], row["ln"] = lo, ln
        kept = kept_label(own) if own is not None and pair.kind == "deleted" and not pair.runs else None
        row["at"] = _citation(pair.path, pair.section, ln or lo or (kept[0] if kept else None))
        if pair.kind == "moved" and pair.old_path != pair.new_path:
            row["mv"] = pair.old_path
            old = pair.old
            row["mvat"] = _citation(pair.old_path, getattr(old, "section", None), _label(pair.label_runs, "original"))
        rows.append(row)
    return rows, changes


def viewer_meta(
    rows: list[dict], changes: list[dict], title: str, banner: str | None = None, texts: list[dict] | None = None
) -> dict:
    """What the toolbar offers: sections, kinds, authors and sources (``marked`` / ``inferred``, only when
    some change was inferred from a flattened text) to filter by, totals, the banner and the
    texts of a document comparison to pick from (:func:`text_entries`).
    """
    sections: list[str] = []
    for row in rows:
        if row["sec"] and row["sec"] not in sections:
            sections.append(row["sec"])
    kinds = sorted({row["k"] for row in rows} - {"unchanged"})
    authors = sorted({c["a"] for c in changes if c["a"]})
    sources = sorted({"inferred" if c["inf"] else "marked" for c in changes})
    n_ins = sum(1 for row in rows for s in row["lab"] + row["seg"] if s[0] == 1)
    n_del = sum(1 for row in rows for s in row["lab"] + row["seg"] if s[0] == -1)
    return {
        "title": title,
        "sections": sections,
        "kinds": kinds,
        "authors": authors,
        "sources": sources if "inferred" in sources else [],
        "n_changes": len(changes),
        "n_ins": n_ins,
        "n_del": n_del,
        "editable": False,
        "banner": banner,
        "texts": texts or [],
    }


def text_entries(dc) -> list[dict]:
    """A document comparison's texts as the viewer's picker lists them (:class:`._contract.TextEntry`)."""
    out = []
    for p in dc.pairs:
        action = f" {p.action}" if p.action else ""
        other = p.matched or ("new" if p.status == "new" else p.status)
        out.append({"id": p.id, "label": f"{p.id}{action} → {other}", "status": p.status})
    return out


def banner_of(obj, *more: str | None) -> str | None:
    """What the viewer says above the text: ``more`` (a text pair's note) and a comparison's base note, or None."""
    notes = [*more, getattr(obj, "base_note", None)]
    return " ".join(n for n in notes if n) or None


def title_of(obj) -> str:
    """What a viewer or tree calls ``obj``, in the words of the documents: a proposal by its number and what it
    does to which text (``"B/67/4 — MOD Resolution 130 (Rev. Busan, 2014)"``), an adopted text or a merged
    draft by the text it is (``"Resolution 130 (Rev. Dubai, 2018)"``), never by an internal id (``res-130``).
    """
    if isinstance(obj, Proposal):
        if obj.action:
            return f"{obj.id} — {obj.action} {obj.target}" if obj.target else f"{obj.id} — {obj.action}"
        name = str(obj.target or obj.title or obj.id)
        return f"Merged draft: {name}" if isinstance(obj, Draft) else name
    names = getattr(obj, "names", None)
    if names is not None:  # a Comparison names both sides: "B/67/4 (Brazil) → Resolution 130 (Rev. Dubai, 2018)"
        return " → ".join(names)
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
        :class:`~itu_nb.widgets._contract.Node`, ``[key, parent, depth, label, text, mark, ins, del, type]``: ``key`` is
        ``"<proposal id>"`` or ``"<proposal id>:<clause path>"`` (``""`` for the document),
        ``parent`` an index (-1 for the root), ``mark`` the proposal's action (MOD/ADD/SUP)
        or the pair kind, ``ins``/``del`` the inserted/deleted runs in the subtree (a proposal's struck-inserts,
        text one author inserted and another struck, count as deleted).
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
        parts = [(p, p.id, title_of(p), p.action or "", _tree_pairs(p)) for p in obj.proposals]
        base_depth, root = 1, 0
    elif isinstance(obj, Proposal):
        parts = [(obj, obj.id, title_of(obj), obj.action or "", _tree_pairs(obj))]
        base_depth, root = 0, -1
    else:
        new = obj.new
        parts = [(obj, new.id, title_of(obj), "", pairs_of(obj))]
        base_depth, root = 0, -1
    for owner, pid, ptitle, mark, pairs in parts:
        if pid in index:  # two proposals with one id (a document pasted twice): "X/1/1 (2)"
            n = 2
            while f"{pid} ({n})" in index:
                n += 1
            pid, ptitle = f"{pid} ({n})", ptitle.replace(pid, f"{pid} ({n})", 1)
        pindex = len(nodes)
        head = owner.title if isinstance(owner, Proposal) and owner.title else ""
        nodes.append([pid, root, base_depth, ptitle, head, mark, 0, 0, "proposal"])
        index[pid] = owner
        paths: dict[str, int] = {}
        held = struck_counted(owner) if isinstance(owner, Proposal) else {}
        for pair in pairs:
            path = pair.path
            parent_path = _parent_path(path.split("#", 1)[0], paths)
            parent = paths[parent_path] if parent_path is not None else pindex
            depth = nodes[parent][2] + 1
            ins, dels = _counts(tuple(pair.label_runs) + tuple(pair.runs))
            kept = None
            if path in held:  # a proposal's struck-inserts, in neither view, count as deleted text
                dels += struck_count(held[path])
                kept = kept_label(held[path]) if not pair.runs else None  # a clause struck whole: its words
            lo, ln = _label(pair.label_runs, "original"), _label(pair.label_runs, "amended")
            label = (f"{lo} → {ln}" if lo and ln and lo != ln else ln or lo) or ""
            text = _snippet(pair)
            if kept is not None:
                label, text = kept[0], kept[1] if len(kept[1]) <= SNIPPET else kept[1][: SNIPPET - 1] + "…"
            if not label and _node_type(pair) == "section":
                label, text = text, ""
            key = f"{pid}:{path}"
            if key in index:  # a comparison can hold an old and a new clause at the same path
                key = f"{key}~{getattr(pair, 'id', None) or len(nodes)}"
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
    if hasattr(item, "pairs"):  # a Comparison's own node
        return ""
    return "".join(r.text for r in tuple(item.label_runs) + tuple(item.runs))


# -- pandas ---------------------------------------------------------------------
def changes_frame(pairs: Iterable, sources: Mapping[str, Clause] | None = None):
    """The changes of these pairs as the one changes table (:func:`itu_nb.frames.changes_frame`)."""
    from itu_nb.frames import changes_frame as frame

    return frame(c for pair in pairs for c in pair_all_changes(pair, sources))
