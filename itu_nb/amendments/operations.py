"""The edit operations: small frozen dataclasses naming their target by address.

Addresses are paths or citations (:mod:`itu_nb.amendments.addressing`); :func:`itu_nb.amendments.edits.apply_ops`
applies the operations.
"""

from __future__ import annotations

from dataclasses import dataclass

from itu_nb.errors import ItuNbError

__all__ = [
    "AddSection",
    "Comment",
    "DeleteClause",
    "EditText",
    "EditError",
    "InsertClause",
    "InsertWords",
    "MoveClause",
    "Relabel",
    "Renumber",
    "ReplaceClause",
    "ReplaceWords",
    "shorten",
]


class EditError(ItuNbError, ValueError):
    """An edit that cannot be made as asked (ambiguous words, a label that would leave a gap…)."""


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, to quote words or an instruction in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------
# the operations
# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplaceWords:
    """Replace ``old`` by ``new`` in clause ``at`` (``new=""`` deletes the words).

    When ``at`` is a section or a clause with sub-items, the one clause below it that
    contains the words is edited.  Several occurrences need ``occurrence`` (1-based)
    or ``every=True``.
    """

    at: str
    old: str
    new: str
    occurrence: int | None = None
    every: bool = False


@dataclass(frozen=True)
class InsertWords:
    """Insert ``text`` in clause ``at``: after the words ``after``, before ``before``, or at the end."""

    at: str
    text: str
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class InsertClause:
    """Insert a new clause reading ``text``.

    Place it with ``after`` / ``before`` (a clause address), or with ``into`` (a section
    or a parent clause) and ``label``: ``InsertClause(text, into="considering", label="d)")``
    puts it where ``d)`` belongs and reletters the old ``d)`` onwards.  With ``into``
    and no label it goes last.  The label is computed from its place when omitted.
    """

    text: str
    after: str | None = None
    before: str | None = None
    into: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class DeleteClause:
    """Delete clause ``at`` and everything under it; the following items are relettered."""

    at: str


@dataclass(frozen=True)
class ReplaceClause:
    """Replace the whole text of clause ``at`` (its label and sub-items stay)."""

    at: str
    text: str


@dataclass(frozen=True)
class MoveClause:
    """Move clause ``at`` to ``after`` / ``before`` another, or last ``into`` a section (tracked as delete + insert)."""

    at: str
    after: str | None = None
    before: str | None = None
    into: str | None = None


@dataclass(frozen=True)
class AddSection:
    """Add a section (``"noting further"``) with ``items`` (one item: an unlabelled paragraph).

    Placed ``after`` / ``before`` a top-level node; by default after the last section
    of its kind (preamble or operative).
    """

    name: str
    items: tuple[str, ...] = ()
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class Relabel:
    """Give clause ``at`` the label ``label`` (the others are left alone)."""

    at: str
    label: str


@dataclass(frozen=True)
class Renumber:
    """Renumber the items directly under ``at`` (a section or a clause) from ``a)`` / ``1`` / ``i)`` without gaps."""

    at: str


@dataclass(frozen=True)
class EditText:
    """Clause ``at`` reads ``text`` when amended, as typed in place (the viewer's suggesting mode).

    The difference from the clause's amended text is tracked word by word (words deleted and
    inserted, never the whole clause); its label, sub-items and the white space at both ends of
    its text stay.  Nothing changes when the text is the same.
    """

    at: str
    text: str


@dataclass(frozen=True)
class Comment:
    """Attach a comment reading ``text`` at the end of clause ``at`` (kind ``comment``, with the author and date)."""

    at: str
    text: str
