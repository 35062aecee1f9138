"""The units every line-based writer reads: a :class:`Piece` (a stretch of one line with its op) and a
:class:`Line` (one paragraph to write), made by :mod:`itu_nb.export.lines`.
"""

from __future__ import annotations

from dataclasses import dataclass

from itu_nb.model import Clause, Op, Proposal

__all__ = ["Line", "Piece", "StruckPiece", "piece_of"]


@dataclass(frozen=True)
class Piece:
    """A stretch of one line: ``kind`` is ``label``, ``text`` or an artefact kind (``bookmark``…); ``move``: the
    name of the move its run belongs to (:attr:`~itu_nb.model.Run.move`), which every writer carries.
    """

    text: str
    op: Op
    kind: str = "text"
    author: str | None = None
    date: str | None = None
    move: str | None = None

    @property
    def is_mark(self) -> bool:
        """True for the empty pieces that open and close a highlight."""
        return self.kind in ("highlight-start", "highlight-end")

    @property
    def is_text(self) -> bool:
        """True for document text (label or body), False for artefacts."""
        return self.kind in ("label", "text", "marker", "header", "separator", "trailer")


@dataclass(frozen=True)
class StruckPiece(Piece):
    """A ``struck-insert`` piece (text one author inserted and another struck, in neither view): ``author`` and
    ``date`` the striker's, ``inserted`` who inserted it and when (:attr:`itu_nb.model.Artefact.inserted`).  A kind
    of its own, so that every other piece keeps its six fields.
    """

    inserted: tuple[str | None, str | None] | None = None


def piece_of(a) -> Piece:
    """The piece of artefact ``a`` (a :class:`StruckPiece` for a ``struck-insert``)."""
    if a.kind == "struck-insert":
        return StruckPiece(a.text, a.op, a.kind, a.author, a.date, inserted=a.inserted)
    return Piece(a.text, a.op, a.kind, a.author, a.date, a.move)


@dataclass(frozen=True)
class Line:
    """One paragraph to write.

    ``role`` is the clause kind (``heading``, ``section``, ``item`` …) or, for a
    whole line that is no clause, the artefact kind (``marker``, ``blank``,
    ``separator``, ``header``, ``trailer``, ``markup``).  ``depth`` counts the items
    above and including an item (1 for ``a)``, 2 for its ``i)``).
    """

    pieces: tuple[Piece, ...]
    role: str
    node: Clause | None = None
    proposal: Proposal | None = None
    depth: int = 0
    keys: list | None = None  # on a proposal's first clause: the keys to store (keys_to_store)

    def text(self, view: str | None = None) -> str:
        """The document text of the line in ``view`` (artefacts left out)."""
        return "".join(p.text for p in self.pieces if p.is_text and p.op.in_view(view))

    def exists_in(self, view: str) -> bool:
        """Whether the line is part of ``view``: its clause exists there, or one of its pieces does."""
        if self.node is not None:
            return self.node.exists_in(view)
        return any(p.op.in_view(view) for p in self.pieces) or not self.pieces

    @property
    def mark(self) -> Op:
        """The op of the paragraph itself: INSERT or DELETE when the whole paragraph is."""
        ops = {p.op for p in self.pieces if p.text or p.kind == "paragraph-mark"}
        marks = [p.op for p in self.pieces if p.kind == "paragraph-mark"]
        if marks:
            return marks[-1]
        if len(ops) == 2 and Op.DELETE in ops and Op.INSERT in ops:  # (a struck-insert's text, in neither view,
            # makes no paragraph deleted: an inserted paragraph holding one is inserted)
            ops = {p.op for p in self.pieces if p.text and p.kind != "struck-insert"}
        return ops.pop() if len(ops) == 1 and Op.EQUAL not in ops else Op.EQUAL


_new, _put = object.__new__, object.__setattr__


def _made(cls, **fields):
    """``cls(**fields)`` (``Piece`` or ``Line``, every field given) made without the frozen dataclass's ``__init__``,
    whose ``object.__setattr__`` per field was about half the cost of a plain node's line (100,000 nodes: 2 pieces
    and a line each); equal to it, field for field.
    """
    made = _new(cls)
    _put(made, "__dict__", fields)
    return made
