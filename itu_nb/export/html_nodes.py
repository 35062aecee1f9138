"""A proposal's nodes in the HTML page: each node's paragraph, the contents' entries and the counts, in one walk.

What :mod:`~itu_nb.export.html` writes for each node: a ``<p class="node …">`` with its anchor (``id``), its label
in a ``<span class="label">`` and its text (:func:`_node_html`: changes as ``<ins>``/``<del>`` with their ids,
comments, highlights); the node's entry in the table of contents (:func:`_toc_entry`); and the proposal's counts
of changes by kind and of inserted and deleted runs.  :func:`nodes_html` does all three in one walk of the proposal,
and writes a node without changes or artefacts (most nodes of a long document) straight from its runs, as
:func:`_node_html` writes it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from itu_nb.export.html_runs import _ESC, _plain_runs_html, _runs_html
from itu_nb.model import Changes, Clause, NodeKind, Op, Proposal, change_groups

__all__ = ["anchor", "nodes_html"]

#: What :func:`anchor` writes for each ASCII character: itself when an id may hold it, else ``_`` and its code.
_ANCHOR = {c: chr(c) if re.match(r"[A-Za-z0-9_.-]", chr(c)) else f"_{c:x}" for c in range(128)}


def anchor(proposal: Proposal, path: str = "") -> str:
    """The ``id`` of a proposal's element (``path`` empty) or of its node at ``path``: ``c-`` and the proposal's id
    and the path, each character an id may not hold written ``_`` and its code (``c-B_2f67_2f4_2fresolves_2f1``).
    """
    raw = f"{proposal.id}/{path}" if path else proposal.id
    if raw.isascii():  # (as below, by a table: a document has an anchor per node)
        return "c-" + raw.translate(_ANCHOR)
    return "c-" + re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"_{ord(m.group(0)):x}", raw)


#: Each node kind's value (``NodeKind.ITEM.value``: an enum's ``value`` is a Python property, read per node).
_KINDS = {kind: kind.value for kind in NodeKind}

#: The changes of a node without any: one, shared (most nodes of a long document have none).
_NO_CHANGES = Changes()

#: The characters :func:`html.escape` replaces (text without any is written as it is).
_SPECIAL = re.compile("[&<>\"']")

#: The kinds of node that have an entry in the contents only when they change (:func:`_toc_entry`).
_QUIET = frozenset((NodeKind.ITEM, NodeKind.PARAGRAPH, NodeKind.FOOTNOTE))


def _node_html(proposal: Proposal, node: Clause, depth: int, changes: Changes) -> str:
    runs = node.label_runs + node.runs
    group_of = {}  # (a node without changes, most of a long document: no groups to look for)
    if changes:
        ids = [c.id for c in changes]
        group_of = {i: cid for cid, (a, b) in zip(ids, change_groups(runs), strict=True) for i in range(a, b)}
    notes = [a for a in node.artefacts if a.kind in ("comment", "highlight", "paragraph-mark", "struck-insert")]
    if notes:
        label_length = sum(len(r.text) for r in node.label_runs)
        number = {id(a): k for k, a in enumerate((a for a in notes if a.kind == "highlight"), start=1)}
        lead = [a for a in notes if (a.offset or 0) < label_length]
        label = _runs_html(node.label_runs, 0, group_of, lead, 0, False, number)
        rest = [a for a in notes if (a.offset or 0) >= label_length or a.kind == "highlight"]
        body = _runs_html(node.runs, len(node.label_runs), group_of, rest, label_length, True, number)
    else:  # (most nodes: as above without comments or highlights)
        label = _plain_runs_html(node.label_runs, 0, group_of)
        body = _plain_runs_html(node.runs, len(node.label_runs), group_of)
    ops = {r.op for r in runs}  # (as node.status, from the runs at hand)
    status = "inserted" if ops == {Op.INSERT} else "deleted" if ops == {Op.DELETE} else ""
    classes = ["node", _KINDS[node.kind]] + ([status] if status else [])
    style = f' style="--depth: {depth}"' if node.kind is NodeKind.ITEM else ""
    label_html = f'<span class="label">{label}</span>' if label else ""
    return f'<p class="{" ".join(classes)}" id="{anchor(proposal, node.path)}"{style}>{label_html}{body}</p>'


def _toc_entry(proposal: Proposal, node: Clause, changes: Changes) -> str | None:
    """Sections, annexes and top-level parts always; items and paragraphs only when they change."""
    own = len(changes)
    if node.kind in _QUIET and not own:
        return None
    name = node.body("amended").strip() or node.body("original").strip()
    if node.kind in (NodeKind.ITEM, NodeKind.PARAGRAPH):
        name = f"{node.label or node.label_original or ''} {name}".strip()
    name = name if len(name) <= 70 else name[:69] + "…"
    count = f' <span class="n">({own} change{"s" if own != 1 else ""})</span>' if own else ""
    return f'<li><a href="#{anchor(proposal, node.path)}">{_ESC(name or node.path)}</a>{count}</li>'


def nodes_html(
    proposal: Proposal, after: dict, loose: Callable[[list], list[str]]
) -> tuple[list[str], list[str], dict[str, int]]:
    """The proposal's nodes as paragraphs in reading order, each followed by ``loose(after[path])`` when ``after``
    holds its path (the comments of the lines after it); the proposal's contents entries; its counts of changes by
    kind (``changes``, ``inserted``, ``deleted``, ``replaced``, ``relabelled``) and of inserted and deleted runs
    (``ins``, ``del``): in one walk.

    A node's :attr:`~itu_nb.model.Clause.changes` are made only when a run of it is no EQUAL one, and then once
    (the counts, the contents and the text all show them).  A node with neither changes nor artefacts is written
    from its runs: its label's text and its text escaped, as :func:`_node_html` writes them.
    """
    parts: list[str] = []
    entries: list[str] = []
    kinds: Counter[str] = Counter()
    ins = dels = 0
    equal, insert, item, quiet, names, special = Op.EQUAL, Op.INSERT, NodeKind.ITEM, _QUIET, _KINDS, _SPECIAL.search
    head = anchor(proposal) + "_2f" if proposal.id.isascii() else None  # ("/" is "_2f" in an anchor)
    todo = [(node, 0) for node in reversed(proposal.clauses)]  # (a stack, not nested generators: deep lists)
    while todo:
        node, depth = todo.pop()
        kind = node.kind
        depth += kind is item
        if node.children:  # (most nodes have none: no list made for them)
            todo += [(child, depth) for child in reversed(node.children)]
        label_runs, runs = node.label_runs, node.runs
        changed = False
        for run in label_runs:  # (loops, not sums over lists: asked of every node)
            if run.op is not equal:
                changed = True
                break
        else:
            for run in runs:
                if run.op is not equal:
                    changed = True
                    break
        if changed:
            for run in label_runs + runs:
                if run.op is not equal:  # (an Op is EQUAL, INSERT or DELETE)
                    if run.op is insert:
                        ins += 1
                    else:
                        dels += 1
            own = node.changes
            kinds.update(c.kind for c in own)
            if (entry := _toc_entry(proposal, node, own)) is not None:
                entries.append(entry)
            parts.append(_node_html(proposal, node, depth, own))
        else:
            if kind not in quiet and (entry := _toc_entry(proposal, node, _NO_CHANGES)) is not None:
                entries.append(entry)
            path = node.path
            if node.artefacts or head is None or not path or not path.isascii():
                parts.append(_node_html(proposal, node, depth, _NO_CHANGES))
            else:  # (_node_html of a node in no change and without artefacts, written out)
                label = label_runs[0].text if len(label_runs) == 1 else "".join([r.text for r in label_runs])
                body = runs[0].text if len(runs) == 1 else "".join([r.text for r in runs])
                if special(label + body) is not None:  # (most texts have nothing to escape: one search for both)
                    label, body = _ESC(label), _ESC(body)
                style = f' style="--depth: {depth}"' if kind is item else ""
                label = f'<span class="label">{label}</span>' if label else ""
                parts.append(
                    f'<p class="node {names[kind]}" id="{head}{path.translate(_ANCHOR)}"{style}>{label}{body}</p>'
                )
        if after and node.path in after:
            parts += loose(after[node.path])
    counts = {"ins": ins, "del": dels, "changes": sum(kinds.values())}
    counts.update((k, kinds.get(k, 0)) for k in ("inserted", "deleted", "replaced", "relabelled"))
    return parts, entries, counts
