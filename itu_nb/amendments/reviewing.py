"""One analyst's review of one document: decisions on tracked changes and their own edits.

A :class:`Review` holds, per proposal of a :class:`~itu_nb.model.Document`, the decisions
taken on its tracked changes (change id → ``"accept"`` / ``"reject"``, the stable ids of
``proposal.changes``) and the analyst's own edits (:mod:`itu_nb.amendments.operations`
dataclasses, applied with :func:`~itu_nb.amendments.edits.apply_ops` as tracked changes under
their author), with one history of actions per proposal for undo and redo.  Every view of a
document (tree, viewer, :func:`itu_nb.explore`) shares one Review, so navigating never loses
a decision.

This module opens the review a widget works with (:func:`open_review`: the ``"auto"`` mode, one
review per document, in its sidecar when it can) and re-exports :class:`Review`, whose home is
:mod:`itu_nb.amendments.review_state`.

With a ``path`` the review is a sidecar file, read when it exists and written after every
change (by default ``<source file>.review.json`` next to the source, see :func:`sidecar_for`)::

    {"format": "itu_nb-review", "version": 1, "source": "B-67.critic.md",
     "source_sha256": "<hex of the source bytes, or null>", "author": "Ana",
     "saved": "2026-12-03T12:00:00Z",
     "proposals": {"B/67/4": {"decisions": {"<change id>": "accept"},
                              "edits": [{"op": "ReplaceWords", "at": "resolves/1", "old": "x",
                                         "new": "y", "author": "Ana", "date": "2026-12-03"}],
                              "redo": []}}}

``op`` is the class name of an operation, the other keys its fields (plus ``author`` and
``date``; ``action`` numbers the ops of one action when an action has several).  A ``redo``
entry is an action taken back: ``{"edits": [...]}`` or ``{"decisions": {id: decision or null}}``.

A decision whose change no longer exists (the source file changed, or an edit of the analyst
changed the clause) is never dropped: it stays in the file and is listed in
:attr:`Review.orphans` with a note.

What the file does not keep: the order in which decisions were taken.  After a reload, undo takes
back the edits (the last first) and redo what was taken back before the save; decisions are
changed by deciding again.

Where the file goes and its JSON form, written and read: :mod:`itu_nb.amendments.sidecar`.
"""

from __future__ import annotations

import weakref

from itu_nb.amendments.review_state import Review
from itu_nb.amendments.sidecar import DECISIONS, FORMAT, ReviewError, sidecar_for, writable
from itu_nb.model import Proposal

__all__ = ["DECISIONS", "FORMAT", "Review", "ReviewError", "open_review", "sidecar_for", "writable"]


#: The reviews ``open_review(…, "auto")`` opened for documents loaded from files, while a view uses
#: them: a proposal of such a document shown in another viewer gets the same review.
_OPEN: weakref.WeakSet[Review] = weakref.WeakSet()


def open_review(document, review="auto", *, author: str | None = None) -> Review:
    """The review a widget works with: ``review`` itself, a sidecar path, ``"auto"`` or None (memory).

    ``"auto"``: the review a view of the same document already uses (a proposal of a document
    :func:`itu_nb.explore` shows gets the explorer's review), else the sidecar next to the source
    file (:func:`sidecar_for`), read when it exists and written after every change; in memory
    only, with :attr:`Review.note` saying why, when the document has no file, its folder is not
    writable, or the sidecar cannot be read.  Never raises for a file it cannot use in ``"auto"``
    mode.
    """
    if isinstance(review, Review):
        return review
    if review is None:
        return Review(document, author=author)
    if review != "auto":
        return Review(document, author=author, path=review)
    for open_ in list(_OPEN):  # one review per document: the one a view of it already uses
        if open_.document is document or (
            isinstance(document, Proposal) and any(p is document for p in open_.document.proposals)
        ):
            return open_
    path = sidecar_for(document)
    if path is None:
        out = Review(document, author=author)
        out.note = "decisions and edits are kept in memory only: this text has no file to save them beside"
        return out
    try:
        out = Review(document, author=author, path=path)
    except ReviewError as exc:
        out = Review(document, author=author)
        out.note = f"{exc}; decisions and edits are kept in memory only (the file is left as it is)"
        return out
    if not writable(path):
        out.path = None
        out.note = f"decisions and edits are kept in memory only: {path.parent} is not writable"
    _OPEN.add(out)
    return out
