"""What the REST handlers answer, as plain Python: paths in, JSON-ready dicts out.

Every payload comes from the functions the notebook widgets sync (``itu_nb.widgets``): the
proposal view is what a :class:`~itu_nb.widgets.RedlineViewer` syncs for the proposal, the tree
what :func:`~itu_nb.widgets._payload.tree_nodes` gives a
:class:`~itu_nb.widgets.ClauseTreeExplorer`, so the lab panel draws with the same renderer and
the same data.  Nothing here knows about tornado (:mod:`itu_nb.server.handlers` does).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from itu_nb.amendments.reviewing import DECISIONS, Review, ReviewError
from itu_nb.errors import ExportError, ItuNbError
from itu_nb.loaders import load
from itu_nb.model import Document, Proposal
from itu_nb.server.bundled import FINAL_ACTS, final_acts_path
from itu_nb.server.paths import Refused, inside, next_free, relative, stem_of
from itu_nb.widgets._payload import title_of, tree_nodes

__all__ = ["EXPORTS", "Files", "Loaded"]

#: Export formats: the file ending and the writer's name in :mod:`itu_nb.export`.
EXPORTS = {
    "docx": (".docx", "to_docx"),
    "html": (".html", "to_html"),
    "critic": (".critic.md", "to_criticmarkup"),
    "akn": (".akn.xml", "to_akn"),
}
CACHE = 8  # loaded documents kept (a file is reloaded when its size or time changes)
SIDECAR = ".review.json"


class Loaded(NamedTuple):
    """A document loaded for the server, with the tree payload and the proposals' keys."""

    doc: Document
    nodes: list[list]
    keys: dict[str, Proposal]  # proposal key ("B/67/4", "X/1/1 (2)") → Proposal, in document order
    trees: list  # the ClauseTreeExplorer that searches this document, made on the first search


class Files:
    """The operations of the REST API on the files under one root folder.

    Parameters
    ----------
    root : path
        The server's root folder; every path given is relative to it (:func:`~itu_nb.server.paths.inside`).
    """

    def __init__(self, root: str | os.PathLike):
        self.given = root
        self.root = Path(root).resolve()
        self._cache: OrderedDict[tuple, Loaded] = OrderedDict()
        self._lock = threading.Lock()

    # -- loading ------------------------------------------------------------------
    def path(self, rel: object, *, must_exist: bool = True) -> Path:
        """The resolved file ``rel`` names under the root (403, 404, 413 as :class:`Refused`)."""
        return inside(self.root, rel, must_exist=must_exist)

    def loaded(self, rel: object) -> Loaded:
        """The document at ``rel`` (cached while the file is unchanged); ItuNbError naming ``rel``."""
        path = self.path(rel)
        return self._load(path, str(rel))

    def _load(self, path: Path, name: str) -> Loaded:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        try:
            doc = load(path)
        except ItuNbError as exc:
            raise _named(exc, path, name) from None
        nodes, index = tree_nodes(doc)
        keys = {n[0]: p for n in nodes if n[8] == "proposal" and isinstance(p := index[n[0]], Proposal)}
        entry = Loaded(doc, nodes, keys, [])
        with self._lock:
            self._cache[key] = entry
            while len(self._cache) > CACHE:
                self._cache.popitem(last=False)
        return entry

    def proposal(self, loaded: Loaded, key: object) -> Proposal:
        """The proposal with tree key ``key`` (400 naming the keys there are)."""
        if not isinstance(key, str) or key not in loaded.keys:
            raise Refused(400, "bad-request", f"no proposal {key!r}; keys: {', '.join(loaded.keys)}")
        return loaded.keys[key]

    def review(self, rel: object, loaded: Loaded, *, strict: bool) -> Review:
        """The review of the file at ``rel``, kept in its sidecar ``<rel>.review.json`` (read afresh each time).

        ``strict``: a sidecar that cannot be read is an error (:class:`ReviewError`, 400 naming it);
        otherwise the review lives in memory and its ``note`` says why (what the viewer shows).
        """
        sidecar = self.path(f"{rel}{SIDECAR}", must_exist=False)  # a sidecar symlinked outside: 403
        if sidecar.is_dir():
            raise Refused(400, "bad-request", f"{rel}{SIDECAR}: is a folder, not a review file")
        try:
            return Review(loaded.doc, path=sidecar)
        except ReviewError as exc:
            if strict:
                raise _named(exc, sidecar, f"{rel}{SIDECAR}") from None
            out = Review(loaded.doc)
            out.note = f"{_named(exc, sidecar, f'{rel}{SIDECAR}')}; decisions are kept in memory only"
            return out

    # -- GET open ----------------------------------------------------------------------
    def open(self, rel: object) -> dict:
        """What the panel needs to show a file: its proposals, the tree, the review's place and counts."""
        loaded = self.loaded(rel)
        doc = loaded.doc
        proposals = [
            {
                "key": key,
                "id": p.id,
                "action": p.action,
                "target": str(p.target) if p.target is not None else None,
                "changes": len(p.changes),
            }
            for key, p in loaded.keys.items()
        ]
        clean = relative(self.root, self.path(rel))
        review = self.review(rel, loaded, strict=False)
        counts = {key: review.counts(key) for key in loaded.keys}
        return {
            "path": clean,
            "name": Path(clean).name,
            "title": _doc_title(doc, Path(clean).name),
            "format": doc.format,
            "proposals": proposals,
            "tree": loaded.nodes,
            "review": {"path": clean + SIDECAR, "counts": counts, "note": review.note},
        }

    # -- GET proposal ------------------------------------------------------------------
    def proposal_view(self, rel: object, key: object) -> dict:
        """What a RedlineViewer syncs for one proposal: rows, changes, meta and decisions."""
        loaded = self.loaded(rel)
        proposal = self.proposal(loaded, key)
        review = self.review(rel, loaded, strict=False)
        return {"key": key, **_viewer_state(proposal, review=review, key=str(key))}

    # -- GET search ---------------------------------------------------------------------
    def search(self, rel: object, query: str) -> dict:
        """The tree nodes matching ``query``: what ClauseTreeExplorer's ``search`` gives its ``_matches``."""
        loaded = self.loaded(rel)
        if not loaded.trees:
            from itu_nb.widgets.tree import ClauseTreeExplorer

            loaded.trees.append(ClauseTreeExplorer(loaded.doc))
        tree = loaded.trees[0]
        tree.search = query
        return {"query": query, "matches": list(tree._matches)}

    # -- PUT review --------------------------------------------------------------------
    def decide(self, rel: object, key: object, decisions: object) -> dict:
        """Make ``decisions`` (``[{"id", "decision"}]``, every decision on the proposal) the review's; saved.

        A change left out of the list is undecided again; a decision on a change that no longer
        exists (an orphan, the source changed) stays in the file, as :class:`Review` keeps it.
        """
        loaded = self.loaded(rel)
        self.proposal(loaded, key)
        assert isinstance(key, str)
        wanted = _decision_list(decisions)
        review = self.review(rel, loaded, strict=True)
        live = set(review.proposal(key).changes.ids)
        change: dict[str, str | None] = {i: None for i in review.decisions(key) if i in live and i not in wanted}
        change.update(wanted)
        try:
            review.set_decisions(key, change)  # written to the sidecar by the review itself
        except ReviewError as exc:
            raise _named(exc, Path(str(review.path)), f"{rel}{SIDECAR}") from None
        return {"counts": review.counts(key)}

    # -- POST compare -----------------------------------------------------------------
    def compare(self, a: object, b: object) -> dict:
        """``a`` against ``b`` (a path, or ``"pp18-final-acts"``) text by text, with each text's view."""
        from itu_nb.diff.documents import DocumentComparison, compare

        left = self.loaded(a).doc
        right = self._load(_final_acts(), FINAL_ACTS).doc if b == FINAL_ACTS else self.loaded(b).doc
        result = compare(left, right)
        if not isinstance(result, DocumentComparison):  # one text each side: one pair
            text = left.proposals[0] if left.proposals else None
            pid = text.id if text is not None else str(a)
            pair = {
                "id": pid,
                "status": "compared",
                "note": getattr(result, "base_note", None),
                "a_title": title_of(text) if text is not None else str(a),
                "b_title": title_of(right.proposals[0]) if right.proposals else str(b),
                "changes": len(result.changes),
            }
            return {"pairs": [pair], "views": {pid: _viewer_state(result, decisions=False)}}
        pairs = [
            {
                "id": p.id,
                "status": p.status,
                "note": p.note,
                "a_title": title_of(p.text),
                "b_title": p.matched,
                "changes": len(p.comparison.changes) if p.comparison is not None else 0,
            }
            for p in result.pairs
        ]
        return {"pairs": pairs, "views": _text_views(result)}

    # -- POST export ------------------------------------------------------------------
    def export(self, rel: object, to: object, review: bool = True) -> dict:
        """Write the document as ``to`` next to the file, never overwriting; the path written."""
        if to not in EXPORTS:
            raise Refused(400, "bad-request", f"cannot export to {to!r}; formats: {', '.join(EXPORTS)}")
        import itu_nb.export as export

        ending, writer = EXPORTS[str(to)]
        loaded = self.loaded(rel)
        doc = loaded.doc
        if review:  # the reviewed text: accepted changes resolved, rejected gone, pending still tracked
            reviewed = self.review(rel, loaded, strict=True)
            doc = dataclasses.replace(doc, proposals=tuple(reviewed.result(k) for k in reviewed.keys))
        data = getattr(export, writer)(doc)
        source = self.path(rel)
        written = _write_new(source.parent, stem_of(source.name), ending, data, self.root)
        return {"path": relative(self.root, written)}

    # -- POST notebook ----------------------------------------------------------------
    def notebook(self, rel: object, key: object = None) -> dict:
        """Write ``<name>.ipynb`` next to the file with the code that shows it as the panel does.

        The notebook loads the file and explores it (:func:`itu_nb.explore`, whose review is the
        sidecar the panel writes), showing the proposal ``key`` (default: the first with changes).
        """
        import nbformat

        loaded = self.loaded(rel)  # a file that does not load gives no notebook
        if key is None:
            key = next((k for k, p in loaded.keys.items() if p.changed), next(iter(loaded.keys), None))
        if key is not None:
            self.proposal(loaded, key)
        source = self.path(rel)
        name = source.name
        v4 = nbformat.v4
        nb = v4.new_notebook()
        nb.cells = [
            v4.new_markdown_cell(f"# {_doc_title(loaded.doc, name)}\n\nWhat the ITU Proposal panel shows, as code."),
            v4.new_code_cell(f"import itu_nb\n\ndoc = itu_nb.load({name!r})\ndoc"),
            v4.new_markdown_cell(
                f"The clause tree beside the redline, with the review the panel keeps in `{name + SIDECAR}`"
                " (read here, and written after every decision):"
            ),
            v4.new_code_cell(
                "explorer = itu_nb.explore(doc)\n"
                + (f"explorer.tree.selected_path = {key!r}\n" if key is not None else "")
                + "explorer"
            ),
            v4.new_code_cell("explorer.review.to_frame()"),
        ]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        written = _write_new(source.parent, stem_of(name), ".ipynb", nbformat.writes(nb), self.root)
        return {"path": relative(self.root, written)}


def _doc_title(doc: Document, name: str) -> str:
    number = doc.metadata.get("document")
    return f"Document {number}" if number else name


def _named(exc: ItuNbError, path: Path, name: str) -> ItuNbError:
    """``exc`` naming the file as the analyst knows it (its path in the file browser), not the server's path."""
    exc.args = tuple(str(a).replace(str(path), name) if isinstance(a, str) else a for a in exc.args)
    if isinstance(getattr(exc, "source", None), str):
        exc.source = name  # type: ignore[attr-defined]
    return exc


def _decision_list(decisions: object) -> dict[str, str]:
    """``[{"id", "decision"}]`` as ``{id: decision}`` (400 for anything else)."""
    if not isinstance(decisions, list):
        raise Refused(400, "bad-request", 'decisions are a list of {"id": …, "decision": "accept" | "reject"}')
    out: dict[str, str] = {}
    for d in decisions:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or d.get("decision") not in DECISIONS:
            raise Refused(400, "bad-request", f'a decision is {{"id": …, "decision": "accept" | "reject"}}, not {d!r}')
        out[d["id"]] = d["decision"]
    return out


def _viewer_state(obj, *, review: Review | None = None, key: str | None = None, decisions: bool = True) -> dict:
    """The traits a RedlineViewer syncs for ``obj``: read from a viewer itself, so nothing is computed twice."""
    from itu_nb.widgets.redline import RedlineViewer

    viewer = RedlineViewer(obj, review=review, key=key)
    try:
        state = {"rows": viewer._rows, "changes": viewer._changes, "meta": viewer._meta}
        if decisions:
            state["decisions"] = list(viewer.decisions)
        return state
    finally:
        viewer.close()


def _text_views(dc) -> dict:
    """Each text of a document comparison as the viewer draws it when the text is picked."""
    from itu_nb.widgets.redline import RedlineViewer

    viewer = RedlineViewer(dc, review=None)
    try:
        views = {}
        for pair in dc.pairs:
            viewer.selected_text = pair.id
            views[pair.id] = {"rows": viewer._rows, "changes": viewer._changes, "meta": viewer._meta}
        return views
    finally:
        viewer.close()


def _final_acts() -> Path:
    try:
        return final_acts_path()
    except FileNotFoundError as exc:  # a broken install: say so rather than fail with a traceback in the log
        raise Refused(404, "not-found", f"{FINAL_ACTS}: {exc}") from None


def _write_new(folder: Path, stem: str, ending: str, data: str | bytes, root: Path) -> Path:
    """Write ``data`` to a new file ``stem+ending`` (or ``stem (2)+ending``…): never over an existing one."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    while True:
        path = next_free(folder, stem, ending)
        try:
            with path.open("xb") as fh:  # exclusive: a file that appeared meanwhile is not overwritten
                fh.write(raw)
            return path
        except FileExistsError:
            continue
        except OSError as exc:  # a folder that is not writable, a full disk…
            raise ExportError(f"{relative(root, path)}: cannot be written ({exc.strerror or exc})") from None
