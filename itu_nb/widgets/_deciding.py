"""The redline viewer's decisions from Python: accept, reject, undo and redo, the result, the review's file and Word.

A part of :class:`~itu_nb.widgets.redline.RedlineViewer` (its base class): the methods an analyst calls on a
viewer of a proposal, each going through the viewer's :class:`~itu_nb.Review`.  The traits
they read and the observers that keep the review and the widget in step are the viewer's own.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from itu_nb.amendments.reviewing import Review
from itu_nb.errors import AddressError, ItuNbError
from itu_nb.model import Changes, Proposal
from itu_nb.widgets._payload import title_of
from itu_nb.widgets._struck import pair_all_changes


class _Deciding:
    """What :class:`~itu_nb.widgets.redline.RedlineViewer` decides and writes, from Python (see the module)."""

    # the viewer's traits and attributes these methods use (set by the viewer)
    author: str
    decisions: list[dict]
    _changes: list[dict]
    _ids: dict[str, int]
    _review: Review | None
    _key: str | None
    _source: Any  # the Comparison, Proposal or Draft on show
    _pairs: tuple  # its clause pairs
    _sources: dict | None  # a proposal's own clauses by path (widgets._struck.sources_of)

    @property
    def changes(self) -> Changes:
        """The changes on show, in reading order (``.to_frame()`` for the table): the model's
        :class:`~itu_nb.model.change.Change` objects, with the ids :attr:`decisions` use (a struck-insert no change
        of its striker's holds among them, :mod:`itu_nb.model.struck_ids`).
        """
        return Changes(c for pair in self._pairs for c in pair_all_changes(pair, self._sources))

    @property
    def change_ids(self) -> list[str]:
        """The ids of the changes that can be accepted or rejected, in reading order."""
        return [c["id"] for c in self._changes]

    def _need_review(self) -> tuple[Review, str]:
        if self._review is None or self._key is None:
            raise ItuNbError(f"{title_of(self._source)}: decisions and edits need a viewer on a Proposal")
        return self._review, self._key

    # -- decisions ------------------------------------------------------------
    def _decide(self, ids, decision: str | None) -> None:
        if ids is None:
            ids = self.change_ids
        elif isinstance(ids, str):
            ids = [ids]
        missing = [i for i in ids if i not in self._ids]
        if missing:
            raise AddressError(f"no change {missing[0]!r} in {title_of(self._source)}; see viewer.change_ids")
        drop = set(ids)
        kept = [d for d in self.decisions if d["id"] not in drop]
        self.decisions = kept + ([{"id": i, "decision": decision} for i in ids] if decision else [])

    def accept(self, ids=None) -> None:
        """Accept changes (all when ``ids`` is None), as the viewer's Accept button does."""
        self._decide(ids, "accept")

    def reject(self, ids=None) -> None:
        """Reject changes (all when ``ids`` is None)."""
        self._decide(ids, "reject")

    def forget(self, ids=None) -> None:
        """Forget the decisions on these changes (all when ``ids`` is None): they are pending again."""
        self._decide(ids, None)

    def undo(self, ids=None) -> bool:
        """Take back the last action, a decision or an edit (False when there is none).

        With ``ids``: forget the decisions on these changes, as :meth:`forget` does.
        """
        if ids is not None:
            self.forget(ids)
            return True
        review, key = self._need_review()
        return review.undo(key)

    def redo(self) -> bool:
        """Do again the last action :meth:`undo` took back (False when there is none)."""
        review, key = self._need_review()
        return review.redo(key)

    def result(self) -> Proposal:
        """A new Proposal with the viewer's decisions applied; undecided changes stay tracked.

        The proposal is :attr:`proposal` (with the analyst's edits).  On a merged Draft: the Draft
        with the conflicts resolved so far (and the decisions applied).

        The same as ``itu_nb.model.review.decide(proposal, accepted, rejected, moves=review.moves(key))`` (and as
        ``proposal.accept(ids)`` when every decision is an accept): one code path
        (:meth:`Review.result <itu_nb.Review.result>`), which hands a rejected move's marks back
        to the clause the analyst's edit moved (:meth:`Review.moves <itu_nb.Review.moves>`).
        """
        if not isinstance(self._source, Proposal):
            raise ItuNbError("result() needs a viewer on a Proposal; a Comparison has no decisions to apply")
        review, key = self._need_review()
        return review.result(key)

    @property
    def proposal(self) -> Proposal:
        """The proposal on show with the analyst's edits (live: each edit gives a new one)."""
        review, key = self._need_review()
        return review.proposal(key)

    # -- the review's files and exports --------------------------------------
    def save_review(self, path=None):
        """Write the review (decisions and edits) to ``path`` (default: its sidecar file); returns the path."""
        review, _key = self._need_review()
        return review.save(path)

    def load_review(self, path) -> None:
        """Read a review saved with :meth:`save_review` and show its decisions and edits (later changes are saved there).

        The viewer's review takes them, so the views that share it (:func:`itu_nb.explore`'s tree and
        table) show them too.
        """
        review, _key = self._need_review()
        review.read(path)
        if self.author and not review.author:
            review.author = self.author

    def to_docx(self, path=None, **options):
        """Write :meth:`result` as Word: accepted changes resolved, rejected ones gone, pending changes and
        the analyst's own still tracked under their authors (``options``: those of :func:`itu_nb.to_docx`).

        The document's metadata (cover, header) is the source document's; the proposal's changes
        that carry no author are written under its submitter, else ``"itu_nb"`` (``author=`` to
        choose), never under the analyst's name.
        """
        from itu_nb.export import to_docx
        from itu_nb.model import Document

        review, key = self._need_review()
        source = review.document.proposals[review.keys.index(key)]
        meta = review.document.metadata
        # changes that carry no author are the proposal's, never the analyst's (the exporter's own
        # default, the author most changes carry, would be the analyst after many edits)
        authors = Counter(c.author for c in source.changes if c.author)
        fallback = meta.get("submitter") or meta.get("author") or (authors.most_common(1)[0][0] if authors else None)
        options.setdefault("author", fallback or "itu_nb")
        doc = Document(review.document.source, review.document.format, metadata=meta, proposals=(self.result(),))
        return to_docx(doc, path, **options)
