"""The paragraphs :mod:`itu_nb.loaders.docx_read` reads from WordprocessingML, and how they read in a view.

A :class:`Para` is one Word paragraph with its runs (tracked changes kept), its paragraph
mark's own change and its numbering properties; :func:`view_groups` says which of them make
one paragraph in a view (a deleted mark joins a paragraph to the next).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itu_nb.model import Artefact, Op, Run

__all__ = ["Para", "Props", "merge_runs", "view_groups", "view_paragraphs"]


@dataclass
class Props:
    """What a paragraph's properties say about its numbering."""

    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass
class Para:
    """One Word paragraph: its pieces (runs and artefacts), its mark and its properties."""

    pieces: list[Run | Artefact] = field(default_factory=list)
    mark: Op = Op.EQUAL
    mark_author: str | None = None
    mark_date: str | None = None
    props: Props = field(default_factory=Props)
    old_props: Props | None = None  # from w:pPrChange: the properties in the original view
    props_change: tuple[str | None, str | None] | None = None  # author and date of that change
    notes: list[str] = field(default_factory=list)
    box: str | None = None  # "text box" or "WordArt" when the paragraph is the content of a shape

    def text(self, view: str | None) -> str:
        """The paragraph's text in ``view`` (``"original"``, ``"amended"`` or None for both), artefacts left out."""
        return "".join(p.text for p in self.pieces if isinstance(p, Run) and p.op.in_view(view))

    def props_in(self, view: str) -> Props:
        """The paragraph properties in ``view``: the original ones where a tracked change replaced them."""
        return self.old_props if view == "original" and self.old_props is not None else self.props

    @property
    def change(self) -> tuple[str | None, str | None]:
        """Author and date of the first tracked change in the paragraph (mark, text, then properties)."""
        if self.mark is not Op.EQUAL:
            return self.mark_author, self.mark_date
        for p in self.pieces:
            if isinstance(p, Run) and p.op is not Op.EQUAL:
                return p.author, p.date
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


def merge_runs(pieces: list[Run | Artefact]) -> list[Run | Artefact]:
    """Neighbouring runs with the same op, author, date and move joined into one; artefacts kept between.

    Linear: the text of a joined run is built once (adding each piece to the last run's text
    copied it again, quadratic for a paragraph of many small runs).
    """
    out: list[Run | Artefact] = []
    group: list[Run] = []

    def flush() -> None:
        if group:
            first = group[0]
            out.append(first if len(group) == 1 else first.with_text("".join(r.text for r in group)))
            group.clear()

    for piece in pieces:
        if isinstance(piece, Run):
            if group and (
                group[0].op is not piece.op
                or (group[0].author, group[0].date, group[0].move) != (piece.author, piece.date, piece.move)
            ):
                flush()
            group.append(piece)
        else:
            flush()
            out.append(piece)
    flush()
    return out
