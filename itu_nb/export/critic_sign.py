"""Who made a change, as the CriticMarkup writer (:mod:`itu_nb.export.critic`) signs it after the change's mark.

``{>>@Author (date)<<}`` after a change (:data:`itu_nb.parsing.markup.ATTRIBUTION`), ``{>>@Author (date) moved:
name<<}`` after a change of a move (:data:`itu_nb.parsing.critic_read.MOVED_BY`), and a deletion followed by who
struck it and who inserted it for text one author inserted and another struck (a ``struck-insert``,
:data:`itu_nb.parsing.critic_read.STRUCK_BY`): each checked to read back as written, else left out or refused with
an :class:`~itu_nb.errors.ExportError` naming the line (:class:`_Where`).
"""

from __future__ import annotations

import functools
import re

from itu_nb.errors import ExportError
from itu_nb.export.lines import Line, Piece
from itu_nb.parsing.critic_read import MOVED_BY, struck_insert
from itu_nb.parsing.markup import ATTRIBUTION

#: Text that a CriticMarkup reader would take for a mark.
_CLASH = re.compile(r"\{(?:\+\+|--|~~|==|>>)|(?:\+\+|--|~~|==|<<)\}|~>")


class _Where:
    """Where a line stands (``<source>, line 3 (<path>)``), for an error's message: made into text only when an
    error is raised, not for every line written.
    """

    __slots__ = ("line", "number", "source")

    def __init__(self, source: object, number: int, line: Line) -> None:
        self.source, self.number, self.line = source, number, line

    def __str__(self) -> str:
        node = self.line.node
        return f"{self.source}, line {self.number}" + (f" ({node.path})" if node is not None else "")


@functools.lru_cache(maxsize=256)
def _signature(author: str | None, date: str | None, move: str | None = None) -> str | None:
    """``{>>@Author (date)<<}`` (:data:`ATTRIBUTION`), None when the loader would not read it back as that author and
    date (``<<}`` or ``": "`` in the author, a date not in ISO form): made once per author and date.  A change of a
    move: ``{>>@Author (date) moved: name<<}`` (:func:`_moved_signature`).
    """
    if move is not None:
        return _moved_signature(author, date, move)
    inner = "@" + (author or "") + (f" ({date})" if date else "")
    back = ATTRIBUTION.match(inner)
    if (
        "<<}" in inner
        or back is None
        or " struck @" in inner  # (read back as text one author inserted and another struck: STRUCK_BY)
        or (back.group("author") or None, back.group("date")) != (author or None, date or None)
    ):
        return None
    return "{>>" + inner + "<<}"


def _moved_signature(author: str | None, date: str | None, move: str) -> str | None:
    """``{>>@Author (date) moved: name<<}`` (:data:`~itu_nb.parsing.critic_read.MOVED_BY`): the author, date and move
    of a change that is part of a move; a name that would not read back (a line break or ``<<}`` in it) is left out
    (:func:`_signature` of the author and date alone).
    """
    inner = "@" + (author or "") + (f" ({date})" if date else "") + " moved: " + move
    back = MOVED_BY.match(inner)
    if (
        "<<}" in inner
        or back is None
        or (back.group("author") or None, back.group("date"), back.group("move"))
        != (author or None, date or None, move)
    ):
        return _signature(author, date) if author or date else None
    return "{>>" + inner + "<<}"


def _attribution(piece: Piece, where: _Where, what: str = "change") -> str:
    """``{>>@Author (date)<<}``: the author and date of the change just closed (:data:`ATTRIBUTION`), or of a
    paragraph mark; :class:`ExportError` when they could not be read back so.
    """
    signed = _signature(piece.author, piece.date, piece.move)
    if signed is None:
        raise ExportError(
            f"{where}: the {what} by {piece.author!r} ({piece.date!r}) cannot be written in CriticMarkup "
            "(its author and date would not read back)"
        )
    return signed


def _struck_insert(piece: Piece, where: _Where) -> str:
    """Text one author inserted and another struck (a ``struck-insert``): a deletion followed by who struck it and
    who inserted it, ``{--2 --}{>>@Ana (2026-12-05) struck @Brazil (2018-09-10)<<}``
    (:data:`itu_nb.parsing.critic_read.STRUCK_BY`); :class:`ExportError` when it would not read back so.
    """
    by, on = getattr(piece, "inserted", None) or (None, None)  # (a StruckPiece's)
    inner = "@" + (piece.author or "") + (f" ({piece.date})" if piece.date else "")
    inner += " struck @" + (by or "") + (f" ({on})" if on else "")
    back = struck_insert(piece.text, inner)
    want = (piece.text, piece.author or None, piece.date or None, (by or None, on or None))
    if "<<}" in inner or back is None or (back.text, back.author, back.date, back.inserted) != want:
        raise ExportError(
            f"{where}: the text {piece.text!r} inserted by {by!r} ({on!r}) and struck by {piece.author!r} "
            f"({piece.date!r}) cannot be written in CriticMarkup (its authors and dates would not read back)"
        )
    if _CLASH.search(piece.text):
        raise ExportError(f"{where}: the text {piece.text!r} contains a CriticMarkup mark and cannot be written")
    return "{--" + piece.text + "--}{>>" + inner + "<<}"
