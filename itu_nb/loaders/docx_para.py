"""The paragraphs :mod:`itu_nb.loaders.docx_read` reads from WordprocessingML, and how they read in a view.

A :class:`Para` is one Word paragraph with its runs (tracked changes kept), its paragraph
mark's own change and its numbering properties; :func:`view_groups` says which of them make
one paragraph in a view (a deleted mark joins a paragraph to the next).

While a document is read, a run of text is a plain tuple (:data:`Piece`: op, text, author,
date, move), one per ``w:t``; the loader joins neighbours and makes each joined run a
:class:`~itu_nb.model.Run` once, at the end (a frozen dataclass costs ten times a tuple to make).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itu_nb.model import Artefact, Op, Run

__all__ = ["Para", "Piece", "Props", "merge_runs", "view_groups", "view_paragraphs"]

#: A run of text as read: ``(op, text, author, date, move)``, author, date and move None for unchanged text.
Piece = tuple[Op, str, str | None, str | None, str | None]
#: The op whose text a view does not show.
_HIDDEN = {"original": Op.INSERT, "amended": Op.DELETE}


@dataclass(slots=True)
class Props:
    """What a paragraph's properties say about its numbering."""

    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass(slots=True)
class Para:
    """One Word paragraph: its pieces (runs and artefacts), its mark and its properties."""

    pieces: list[Piece | Artefact] = field(default_factory=list)
    mark: Op = Op.EQUAL
    mark_author: str | None = None
    mark_date: str | None = None
    mark_move: str | None = None  # the move the paragraph mark is part of (w:moveFrom/w:moveTo in w:pPr/w:rPr)
    props: Props = field(default_factory=Props)
    old_props: Props | None = None  # from w:pPrChange: the properties in the original view
    props_change: tuple[str | None, str | None] | None = None  # author and date of that change
    notes: list[str] = field(default_factory=list)
    box: str | None = None  # "text box" or "WordArt" when the paragraph is the content of a shape

    def text(self, view: str | None) -> str:
        """The paragraph's text in ``view`` (``"original"``, ``"amended"`` or None for both), artefacts left out."""
        if view is None:
            return "".join([p[1] for p in self.pieces if isinstance(p, tuple)])
        hidden = _HIDDEN.get(view)
        if hidden is None:
            raise ValueError(f"unknown view {view!r}; use 'original' or 'amended'")
        return "".join([p[1] for p in self.pieces if isinstance(p, tuple) and p[0] is not hidden])

    def props_in(self, view: str) -> Props:
        """The paragraph properties in ``view``: the original ones where a tracked change replaced them."""
        return self.old_props if view == "original" and self.old_props is not None else self.props

    @property
    def change(self) -> tuple[str | None, str | None]:
        """Author and date of the first tracked change in the paragraph (mark, text, then properties)."""
        if self.mark is not Op.EQUAL:
            return self.mark_author, self.mark_date
        for p in self.pieces:
            if isinstance(p, tuple) and p[0] is not Op.EQUAL:
                return p[2], p[3]
        return self.props_change or (None, None)


def view_groups(paras: list[Para], view: str) -> list[list[int]]:
    """Indices of the paragraphs that make one paragraph in ``view``.

    A paragraph whose mark is absent from the view (a deleted mark in the amended view,
    an inserted one in the original) runs on into the next paragraph; the last mark of
    a group is the one that survives and carries the group's properties.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    for i, p in enumerate(paras):
        current.append(i)
        if p.mark.in_view(view):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def view_paragraphs(paras: list[Para], view: str) -> list[str]:
    """The text of every paragraph as it reads in ``view``, merged and split paragraphs resolved."""
    return ["".join(paras[i].text(view) for i in group) for group in view_groups(paras, view)]


def merge_runs(pieces: list[Piece | Artefact]) -> list[Run | Artefact]:
    """The pieces as :class:`~itu_nb.model.Run`: neighbours with the same op, author, date and move
    joined into one, artefacts kept between.

    Linear: the text of a joined run is built once.
    """
    out: list[Run | Artefact] = []
    group: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, tuple):
            first = group[0] if group else piece
            if first[0] is not piece[0] or (first[2], first[3], first[4]) != (piece[2], piece[3], piece[4]):
                out.append(_joined(group))
                group = []
            group.append(piece)
        else:
            if group:
                out.append(_joined(group))
                group = []
            out.append(piece)
    if group:
        out.append(_joined(group))
    return out


def _joined(group: list[Piece]) -> Run:
    op, _text, author, date, move = group[0]
    return Run(op, group[0][1] if len(group) == 1 else "".join([g[1] for g in group]), author, date, move=move)
