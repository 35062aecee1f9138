"""explore(): the tree and the redline viewer side by side, linked, with the changes table below."""

from __future__ import annotations

import ipywidgets as widgets

from itu_nb.amendments.reviewing import Review, open_review
from itu_nb.model import Document, Proposal
from itu_nb.widgets.redline import RedlineViewer
from itu_nb.widgets.tree import ClauseTreeExplorer

__all__ = ["Explorer", "explore"]

TABLE_ROWS = 200  # the table is a reading aid; the full frame is ``explorer.changes``


class Explorer(widgets.VBox):
    """The widget :func:`explore` returns: ``tree``, ``viewer`` and ``table``, kept in step.

    Selecting a clause in the tree shows its proposal in the viewer and scrolls to it;
    moving through changes in the viewer selects the clause in the tree.  Tree and viewer share
    one :class:`~itu_nb.Review` of the document (``explorer.review``), so
    decisions and edits on a proposal are still there when the tree comes back to it.
    """

    def __init__(self, obj, *, height: str = "32rem", review="auto", author: str | None = None):
        self._obj = obj
        self.tree = ClauseTreeExplorer(obj, height=height)
        first = self._first(obj)
        # the tree's key of the proposal the viewer shows: its id, or "X/1/1 (2)" for a second
        # proposal with the same id (ids name proposals in the tree, not in the viewer); the
        # review keys proposals the same way
        self._shown = next(
            (k for k, v in self.tree._index.items() if ":" not in k and v is first), self.tree._nodes[0][0]
        )
        self.review: Review | None = None
        if isinstance(obj, Document | Proposal):
            self.review = open_review(obj, review, author=author)
            review = self.review
        self.tree.review = self.review
        key = self._shown if isinstance(first, Proposal) and self.review is not None else None
        self.viewer = RedlineViewer(first, height=height, review=review, author=author, key=key)
        self.table = widgets.HTML(layout=widgets.Layout(max_height="20rem", overflow="auto"))
        self.tree.layout = widgets.Layout(flex="1 1 16rem", min_width="0")
        self.viewer.layout = widgets.Layout(flex="3 1 22rem", min_width="0")
        panes = widgets.Box(
            [self.tree, self.viewer],
            layout=widgets.Layout(
                display="flex", flex_flow="row wrap", align_items="stretch", grid_gap="0.5rem", width="100%"
            ),
        )
        super().__init__([panes, self.table], layout=widgets.Layout(width="100%"))
        self._syncing = False
        self._tabled = self.viewer.source
        if self.review is not None:  # an edit changes the changes: the table follows (a decision does not)
            self.review.observe(self._review_changed)
        self.tree.observe(self._tree_moved, "selected_path")
        self.viewer.observe(self._viewer_moved, "selected_path")
        self._fill_table()

    @staticmethod
    def _first(obj):
        if isinstance(obj, Document):
            if not obj.proposals:
                raise ValueError(f"{obj.source}: the document has no proposals to explore")
            return next((p for p in obj.proposals if p.changed), obj.proposals[0])
        return obj

    def _tree_moved(self, change) -> None:
        if self._syncing or change["new"] is None:
            return
        self._syncing = True
        try:
            pid = self.tree.proposal_id
            if isinstance(self._obj, Document) and pid and pid != self._shown:
                # the viewer takes the proposal's decisions and edits from the shared review
                self.viewer.show(self.tree._index[pid], key=pid)
                self._shown = pid
                self._fill_table()
            self.viewer.selected_path = self.tree.clause_path
        finally:
            self._syncing = False

    def _review_changed(self, key: str) -> None:
        if self.viewer.source is not self._tabled:
            self._fill_table()

    def _viewer_moved(self, change) -> None:
        if self._syncing or change["new"] is None:
            return
        key = f"{self._shown}:{change['new']}"
        if key in self.tree._index and key != self.tree.selected_path:
            self._syncing = True
            try:
                self.tree.selected_path = key
            finally:
                self._syncing = False

    @property
    def changes(self):
        """The changes of what the viewer shows (see :attr:`RedlineViewer.changes`); ``.to_frame()`` is the table."""
        return self.viewer.changes

    def _fill_table(self) -> None:
        self._tabled = self.viewer.source
        frame = self.changes.to_frame()
        shown = frame.head(TABLE_ROWS).astype(object).where(frame.head(TABLE_ROWS).notna(), "")
        html = shown.to_html(index=False, escape=True, classes="itu-changes", border=0)
        more = (
            f"<p>{len(frame) - TABLE_ROWS} more rows in <code>explorer.changes</code></p>"
            if len(frame) > TABLE_ROWS
            else ""
        )
        self.table.value = f"<p><strong>{len(frame)} changes</strong></p>{html}{more}"

    def __repr__(self) -> str:
        return f"<Explorer {self.tree!r} {self.viewer!r}>"


def explore(obj, *, height: str = "32rem", review="auto", author: str | None = None) -> Explorer:
    """Explore a Document, a Proposal or a Comparison: tree, redline and changes table, linked.

    Parameters
    ----------
    obj : Document, Proposal or Comparison
    height : str
        CSS height of the tree and of the viewer's text area.
    review : Review, str, Path, "auto" or None
        The review of the document the views share (:class:`~itu_nb.Review`):
        ``"auto"`` (default) keeps it in the sidecar ``<source file>.review.json`` beside the loaded
        file, read when it exists and written after every decision or edit, so re-running
        ``explore(itu_nb.load(path))`` after a kernel restart shows them again; in memory when
        the document has no file or its folder is not writable (the viewer says so).  A path: that
        sidecar; None: memory only.
    author : str, optional
        Who reviews: the author of the analyst's own edits.

    Returns
    -------
    Explorer
        Display it (last expression of a cell); ``.tree``, ``.viewer`` and ``.changes`` are live.

    Examples
    --------
    Selecting a clause in the tree shows its proposal in the viewer:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> ex = itu_nb.explore(doc, review=None)  # in memory: no sidecar beside the example file
    >>> ex.viewer.source.id
    'B/67/1'
    >>> ex.tree.selected_path = "B/67/2:resolves"
    >>> ex.viewer.source.id
    'B/67/2'

    Decisions belong to the document's review, not to what the viewer happens to show:

    >>> ex.viewer.accept(ex.viewer.change_ids[0])
    >>> ex.tree.selected_path = "B/67/4:resolves"
    >>> ex.tree.selected_path = "B/67/2:resolves"
    >>> len(ex.viewer.decisions), ex.review.counts("B/67/2")["accepted"]
    (1, 1)
    """
    return Explorer(obj, height=height, review=review, author=author)
