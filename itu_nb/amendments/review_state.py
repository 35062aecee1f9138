"""The :class:`Review` class: per proposal the decisions, the edits, and what they give.

Its bases hold the rest: :class:`~itu_nb.amendments.review_log.DecisionLog` the actions (decide, edit, undo,
redo, on each proposal's :class:`~itu_nb.amendments.review_log._State`) and
:class:`~itu_nb.amendments.review_file.ReviewFile` the sidecar file (save, load, read).  What a review is and
its sidecar file: :mod:`itu_nb.amendments.reviewing`, which re-exports :class:`Review` and opens the review a
widget works with (:func:`~itu_nb.amendments.reviewing.open_review`, the ``"auto"`` mode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from itu_nb.amendments.moved_pairs import chain, moves_made
from itu_nb.amendments.operations import EditError
from itu_nb.amendments.review_file import ReviewFile
from itu_nb.amendments.review_log import DecisionLog, _State
from itu_nb.amendments.sidecar import ReviewError, _Edit, read_review
from itu_nb.errors import AddressError, ItuNbError
from itu_nb.model import Document, Proposal

__all__ = ["Review"]


class Review(DecisionLog, ReviewFile):
    """One analyst's review of one Document: decisions on tracked changes and their own edits, per proposal.

    Parameters
    ----------
    document : Document or Proposal
        What is reviewed (a Proposal alone is wrapped as a one-proposal document).
    author : str, optional
        Who reviews: the author of the analyst's edits (tracked changes under this name).
    path : str or Path, optional
        The sidecar file; when given, it is read if it exists and written after every change
        (autosave).  Without it the review lives in memory (:meth:`save` writes it on demand).

    Attributes
    ----------
    document : Document
    author : str or None
    path : Path or None
    orphans : list of dict
        Decisions whose change no longer exists (``proposal``, ``change``, ``decision``, ``note``):
        kept in the file, not applied.
    notes : list of str
        What loading the sidecar noticed (the source file changed since it was saved…).
    note : str or None
        Why the review lives in memory only when a file was wanted (no source file, a folder
        that is not writable, a sidecar that could not be read or written), else None.

    Examples
    --------
    Accept the first of Brazil's changes to Resolution 130 (the heading's "Busan, 2014" →
    "Dubai, 2018") and reject the second; undo takes back the last action:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> review = itu_nb.Review(doc, author="Ana")
    >>> first, second = doc["B/67/4"].changes.ids[:2]
    >>> review.decide("B/67/4", [first], "accept")
    >>> review.decide("B/67/4", [second], "reject")
    >>> review.counts("B/67/4")
    {'pending': 71, 'accepted': 1, 'rejected': 1}
    >>> review.undo("B/67/4"), review.counts("B/67/4")
    (True, {'pending': 72, 'accepted': 1, 'rejected': 0})
    >>> "Dubai, 2018" in review.result("B/67/4")["heading"].body("original")
    True

    The analyst's own edits are tracked changes under their name:

    >>> from itu_nb.amendments.operations import ReplaceWords
    >>> review.edit("B/67/4", [ReplaceWords("resolves/1", "continue", "keep")])
    >>> [c.author for c in review.proposal("B/67/4").changes if c.path == "resolves/1"][-1]
    'Ana'
    """

    def __init__(self, document, *, author: str | None = None, path: str | Path | None = None):
        if isinstance(document, Proposal):
            document = Document(source="<proposal>", format="proposal", proposals=(document,))
        if not isinstance(document, Document):
            raise TypeError(f"a Review is of a Document or a Proposal, not {type(document).__name__}")
        self.document: Document = document
        self.author = author
        self.path: Path | None = Path(path) if path is not None else None
        self.orphans: list[dict] = []
        self.notes: list[str] = []
        self.note: str | None = None
        self._keys: dict[str, Proposal] = {}
        for p in document.proposals:
            key = p.id
            if key in self._keys:
                n = 2
                while f"{key} ({n})" in self._keys:
                    n += 1
                key = f"{key} ({n})"
            self._keys[key] = p
        self._states: dict[str, _State] = {k: _State() for k in self._keys}
        self._unknown: dict[str, dict] = {}  # proposals of the file this document does not hold: kept as read
        self._observers: list[Callable[[str], None]] = []
        if self.path is not None and self.path.exists():
            read_review(self, self.path)

    # -- keys -----------------------------------------------------------------
    @property
    def keys(self) -> list[str]:
        """The proposals' keys, in document order."""
        return list(self._keys)

    def key(self, proposal) -> str:
        """The key of ``proposal`` in this review: its id; ``"X/1/1 (2)"`` for a 2nd proposal with the same id.

        ``proposal`` is a Proposal of the document (found by identity first, then by id) or a key.
        """
        if isinstance(proposal, str):
            if proposal in self._keys:
                return proposal
            raise AddressError(f"{self.document.source}: no proposal {proposal!r} in this review; keys: {self.keys}")
        for k, p in self._keys.items():
            if p is proposal:
                return k
        for k, p in self._keys.items():
            if p.id == getattr(proposal, "id", None):
                return k
        raise AddressError(
            f"{self.document.source}: proposal {getattr(proposal, 'id', proposal)!r} is not in this review"
        )

    def _state(self, key) -> tuple[str, _State]:
        k = self.key(key)
        return k, self._states[k]

    # -- what the review gives ----------------------------------------------
    def proposal(self, key) -> Proposal:
        """The source proposal with the analyst's edits applied (their tracked changes attributed to their author)."""
        k, state = self._state(key)
        versions = state.versions
        if not versions:
            versions.append(self._keys[k])
        del versions[len(state.edits) + 1 :]  # edits undone
        while len(versions) <= len(state.edits):  # edits done or redone since: each applied once
            versions.append(self._apply(versions[-1], state.edits[len(versions) - 1]))
        return versions[len(state.edits)]

    @staticmethod
    def _apply(p: Proposal, e: _Edit) -> Proposal:
        from itu_nb.amendments.edits import apply_ops

        try:
            return apply_ops(p, list(e.ops), author=e.author, date=e.date)
        except EditError:
            raise
        except ItuNbError as exc:  # an address that matches nothing, an instruction that cannot be read…
            raise EditError(str(exc)) from None

    def decisions(self, key) -> dict[str, str]:
        """Change id → ``"accept"`` | ``"reject"``: the decisions on this proposal, orphans included."""
        return dict(self._state(key)[1].decisions)

    def _ids(self, key) -> frozenset[str]:
        """The change ids of :meth:`proposal` (computed once per version of it)."""
        k, state = self._state(key)
        p = self.proposal(k)
        if state.ids is None or state.ids[0] is not p:
            state.ids = (p, frozenset(p.changes.ids))
        return state.ids[1]

    def _live(self, key) -> dict[str, str]:
        """The decisions on changes that exist in :meth:`proposal`."""
        ids = self._ids(key)
        return {i: d for i, d in self._state(key)[1].decisions.items() if i in ids}

    def result(self, key) -> Proposal:
        """:meth:`proposal` with the decisions applied (:func:`itu_nb.model.review.decide`); undecided changes stay tracked.

        A move of the analyst's that is rejected gives the moved copy's comments and highlights back to the clause
        it was moved from, known by key (:meth:`moves`), whatever it reads like.
        """
        from itu_nb.model.review import decide

        live = self._live(key)
        p = self.proposal(key)
        if not live:
            return p
        rejected = [i for i, d in live.items() if d == "reject"]
        moves = self.moves(key) if rejected else None
        return decide(p, [i for i, d in live.items() if d == "accept"], rejected, moves=moves)

    def moves(self, key) -> dict[str, str]:
        """The moves the analyst's edits made in :meth:`proposal`: the key of each copy → the key of the clause it
        was moved from (the first one, for a copy moved again), read from the versions before and after each edit
        (:func:`~itu_nb.amendments.moved_pairs.moves_made`); computed once per version.
        """
        k, state = self._state(key)
        self.proposal(k)
        versions, made = state.versions, state.moves
        n = 0
        while n < len(made) and n + 1 < len(versions) and made[n][0] is versions[n + 1]:
            n += 1  # the pairs made up to a version still in use
        del made[n:]
        pairs: dict[str, str] = made[-1][1] if made else {}
        for m in range(n, len(state.edits)):
            pairs = chain(pairs, moves_made(versions[m], versions[m + 1], state.edits[m].ops))
            made.append((versions[m + 1], pairs))
        return dict(pairs)

    def counts(self, key) -> dict:
        """``{"pending": n, "accepted": n, "rejected": n}`` over the changes of :meth:`proposal`."""
        live = self._live(key)
        n = len(self._ids(key))
        accepted = sum(1 for d in live.values() if d == "accept")
        rejected = len(live) - accepted
        return {"pending": n - accepted - rejected, "accepted": accepted, "rejected": rejected}

    # -- observers and autosave ---------------------------------------------
    def observe(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """Call ``callback(key)`` after any change; returns a function that unsubscribes it."""
        self._observers.append(callback)

        def unsubscribe() -> None:
            if callback in self._observers:
                self._observers.remove(callback)

        return unsubscribe

    def _changed(self, key: str) -> None:
        self._orphans()
        if self.path is not None:
            try:
                self.save()
            except ReviewError as exc:  # autosave never loses the change: the review goes on in memory
                self.path = None
                self.note = f"{exc}; the review is kept in memory only (save_review(path) writes it elsewhere)"
        for callback in list(self._observers):
            callback(key)

    def _orphans(self) -> None:
        out = []
        for k, state in self._states.items():
            if not state.decisions:
                continue
            ids = self._ids(k)
            for i, d in state.decisions.items():
                if i not in ids:
                    note = "no such change in the source any more (the file changed?) or after the analyst's edits"
                    out.append({"proposal": k, "change": i, "decision": d, "note": note})
        for k, item in self._unknown.items():
            for i, d in (item.get("decisions") or {}).items():
                out.append({"proposal": k, "change": i, "decision": d, "note": "no such proposal in the document"})
        self.orphans = out

    # -- tables ---------------------------------------------------------------
    def to_frame(self):
        """One row per change of every proposal (with the analyst's edits): the decisions as data.

        Returns
        -------
        itu_nb.frames.Table
            A DataFrame; columns ``proposal, change, path, kind, author, source, decision``: ``source`` is
            ``"analyst"`` for a change the review's edits made, else ``"proposal"``;
            ``decision`` is ``"accepted"``, ``"rejected"`` or ``"pending"``.
        """
        from itu_nb.frames import Table

        word = {"accept": "accepted", "reject": "rejected"}
        rows = []
        for k, source in self._keys.items():
            own = set(source.changes.ids)
            live = self._live(k)
            for c in self.proposal(k).changes:
                rows.append(
                    {
                        "proposal": k,
                        "change": c.id,
                        "path": c.path,
                        "kind": c.kind,
                        "author": c.author,
                        "source": "proposal" if c.id in own else "analyst",
                        "decision": word.get(live.get(c.id, ""), "pending"),
                    }
                )
        columns = ["proposal", "change", "path", "kind", "author", "source", "decision"]
        return Table(rows, columns=columns)

    def __repr__(self) -> str:
        decided = sum(len(s.decisions) for s in self._states.values())
        edits = sum(len(s.edits) for s in self._states.values())
        where = f", {self.path}" if self.path else ""
        return f"<Review of {self.document.source}: {decided} decided, {edits} edits{where}>"

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)
