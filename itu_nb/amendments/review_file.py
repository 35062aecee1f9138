"""A review's file: the review written to its sidecar, and read back from one.

:class:`ReviewFile` is a base of :class:`itu_nb.Review` (:class:`itu_nb.amendments.review_state.Review`): it
saves the review (:meth:`~ReviewFile.save`, which the review calls after every change when it has a file),
opens a review from a file (:meth:`~ReviewFile.load`) and replaces a review's decisions and edits by a file's
(:meth:`~ReviewFile.read`).  Where the file goes and its JSON form: :mod:`itu_nb.amendments.sidecar`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from itu_nb.amendments.sidecar import ReviewError, review_json, sidecar_for
from itu_nb.model import Document, Proposal

if TYPE_CHECKING:  # types only: review_state imports this module
    from itu_nb.amendments.review_log import _State
    from itu_nb.amendments.review_state import Review

__all__ = ["ReviewFile"]

_R = TypeVar("_R", bound="ReviewFile")


class ReviewFile:
    """The sidecar file of a :class:`~itu_nb.amendments.review_state.Review`: save, load, read.

    A base of the Review, which provides what is declared here (its document, author, path and notes,
    and each proposal's state).
    """

    # provided by Review (itu_nb.amendments.review_state), declared for the type checker
    document: Document
    author: str | None
    path: Path | None
    orphans: list[dict]
    notes: list[str]
    note: str | None
    _keys: dict[str, Proposal]
    _states: dict[str, _State]
    _unknown: dict[str, dict]
    _observers: list[Callable[[str], None]]

    if TYPE_CHECKING:

        def __init__(self, document: Any, *, author: str | None = None, path: str | Path | None = None) -> None: ...

    # -- the sidecar file ---------------------------------------------------------
    def to_json(self) -> dict:
        """The review as the sidecar's JSON object (see :mod:`itu_nb.amendments.reviewing`)."""
        return review_json(cast("Review", self))  # ReviewFile is a base of Review only

    def save(self, path: str | Path | None = None) -> Path:
        """Write the review to ``path`` (default: :attr:`path`, else the sidecar next to the source); returns it.

        Raises
        ------
        ReviewError
            No path to write to, or the file cannot be written.
        """
        target = Path(path) if path is not None else self.path or sidecar_for(self.document)
        if target is None:
            raise ReviewError(str(self.document.source), "this review has no file: give save() a path")
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
        tmp = target.with_name(target.name + ".tmp")
        try:
            tmp.write_text(text + "\n", encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            raise ReviewError(str(target), f"cannot write the review: {exc.strerror or exc}") from None
        return target

    @classmethod
    def load(cls: type[_R], path: str | Path, document) -> _R:
        """Read a sidecar file for ``document``; the review then saves to ``path`` after every change.

        Raises
        ------
        ReviewError
            The file is missing, not JSON, or not an itu_nb review.
        """
        path = Path(path)
        if not path.is_file():
            raise ReviewError(str(path), "no such review file")
        return cls(document, path=path)

    def read(self, path: str | Path) -> None:
        """Replace this review's decisions and edits by those of a saved file; later changes are saved there.

        Every view sharing the review shows them (its observers are called for every proposal).
        Nothing changes when the file cannot be read (:class:`ReviewError`).
        """
        other = type(self).load(path, self.document)
        self._states, self._unknown = other._states, other._unknown
        self.orphans, self.notes, self.note, self.path = other.orphans, other.notes, None, other.path
        self.author = other.author or self.author
        for k in self._keys:
            for callback in list(self._observers):
                callback(k)
