"""ClauseTreeExplorer: document → proposals → sections → items, as a keyboard-first tree."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from itu_nb.model import Document, Proposal
from itu_nb.widgets._payload import node_text, tree_nodes

__all__ = ["ClauseTreeExplorer"]

STATIC = Path(__file__).parent / "static"


class ClauseTreeExplorer(anywidget.AnyWidget):
    """A tree of a Document (or one Proposal, or a Comparison) with change counts and search.

    Follows the WAI-ARIA tree pattern: arrow keys move and open/close, Home/End jump,
    typing a few letters moves to the next matching node, Enter selects.

    Parameters
    ----------
    obj : Document, Proposal or Comparison
    height : str
        CSS height of the tree (``"32rem"``).
    review : Review, optional
        The :class:`~itu_nb.Review` of the document, shared with the viewer
        (:func:`itu_nb.explore` passes it): :attr:`decided` reads it.

    Attributes
    ----------
    selected_path : str or None
        The selected node: ``"B/67/4"`` (a proposal), ``"B/67/4:considering/b"`` (a clause),
        ``""`` (the document).  Set it from Python to select and reveal a node.
    search : str
        The search box; matching is done in Python over both views of every clause.

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> tree = itu_nb.ClauseTreeExplorer(doc)
    >>> tree
    <ClauseTreeExplorer 250 nodes, selected=None>

    Select Brazil's considering c), relettered b) (the second ``b`` of that section), as a click
    would:

    >>> tree.selected_path = "B/67/4:considering/b#2"
    >>> tree.proposal_id, tree.clause_path
    ('B/67/4', 'considering/b#2')
    >>> pair = tree.selected
    >>> pair.kind, pair.old_label, pair.new_label
    ('relabelled', 'c)', 'b)')
    """

    _esm = STATIC / "tree.js"
    _css = STATIC / "tree.css"

    selected_path = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    search = traitlets.Unicode("").tag(sync=True)
    height = traitlets.Unicode("32rem").tag(sync=True)
    _nodes: traitlets.List[dict] = traitlets.List().tag(sync=True)
    _matches = traitlets.List(traitlets.Int()).tag(sync=True)

    def __init__(self, obj, *, height: str = "32rem", review=None):
        if not isinstance(obj, Document | Proposal) and not hasattr(obj, "pairs"):
            raise TypeError(
                f"ClauseTreeExplorer shows a Document, a Proposal or a Comparison, not {type(obj).__name__}"
            )
        nodes, index = tree_nodes(obj)
        self._obj = obj
        self.review = review
        self._index = index
        self._text = [node_text(index[n[0]]).lower() for n in nodes]
        super().__init__(height=height, _nodes=nodes)

    @traitlets.validate("selected_path")
    def _check_path(self, proposal):
        value = proposal["value"]
        if value is not None and value not in self._index:
            near = [k for k in self._index if value.split(":")[0] in k][:6]
            raise traitlets.TraitError(f"no node {value!r} in the tree; near: {near}")
        return value

    @traitlets.observe("search")
    def _on_search(self, change) -> None:
        needle = " ".join(change["new"].split()).lower()
        if not needle:
            self._matches = []
            return
        self._matches = [
            i
            for i, (n, text) in enumerate(zip(self._nodes, self._text, strict=True))
            if needle in text or needle in f"{n[3]} {n[4]}".lower()
        ]

    @property
    def selected(self):
        """The selected Proposal, clause pair (``old``/``new`` clauses, ``runs``) or Document; None."""
        return None if self.selected_path is None else self._index[self.selected_path]

    @property
    def proposal_id(self) -> str | None:
        """The id of the proposal the selection belongs to, as the tree names it.

        A document can hold two proposals with the same id (the same text pasted twice): the
        tree shows both, the second as ``"X/1/1 (2)"`` (its nodes ``"X/1/1 (2):resolves"``…).
        """
        if not self.selected_path:
            return None
        return self.selected_path.split(":", 1)[0]

    @property
    def clause_path(self) -> str | None:
        """The clause path of the selection inside its proposal (None for a proposal or the document)."""
        if not self.selected_path or ":" not in self.selected_path:
            return None
        return self.selected_path.split(":", 1)[1]

    @property
    def decided(self) -> dict[str, dict]:
        """Proposal key → ``{"pending", "accepted", "rejected"}`` from the shared review (empty without one)."""
        if self.review is None:
            return {}
        return {k: self.review.counts(k) for k in self.review.keys}

    def __repr__(self) -> str:
        return f"<ClauseTreeExplorer {len(self._nodes)} nodes, selected={self.selected_path!r}>"
