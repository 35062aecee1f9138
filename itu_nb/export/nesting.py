"""Highlights inside highlights: which writers hold them, and the refusal of those that cannot.

A highlight with text inside another (Akoma Ntoso's hand-nested ``<inline name="highlight">``, read as two
``highlight`` artefacts of one node, one span inside the other) is written as such by Akoma Ntoso (nested
inlines, read back as the same two spans) and HTML (one ``<mark>`` each).  CriticMarkup cannot nest
``{==…==}`` (``{==ab{==c==}d==}`` reads back as other text and spans) and Word's highlight is a property of a
run (one colour, no nesting): :func:`check_nesting` refuses such a document with an :class:`ExportError` naming
the document, the node and the characters, before anything is written.  Two highlights that cross (one starts
inside the other and ends after it: no file nests them) are refused by every writer but HTML.  A highlight
of no characters inside another is not refused: each writer puts it at the nearest place it can stand.

A highlight with text made inside a change (its op INSERT or DELETE: Word's highlighted runs inside one ``w:del``,
Akoma Ntoso's ``<del><inline name="highlight">``) is held by CriticMarkup inside that change's mark,
``{--{==7==}--}`` (session 20), when one mark can hold what it covers (:func:`made_inside`); one made around the
change is ``{=={--7--}==}``.
"""

from __future__ import annotations

from itu_nb.errors import ExportError
from itu_nb.export.pieces import Piece
from itu_nb.model import Clause, Document, runs_text

__all__ = ["HIGHLIGHT_ENDS", "HIGHLIGHT_STARTS", "check_nesting", "made_inside", "overlap"]

#: The pieces that start and end a highlight, in a clause's text and in a note's (:mod:`itu_nb.export.line_notes`).
HIGHLIGHT_STARTS = ("highlight-start", "note-highlight-start")
HIGHLIGHT_ENDS = ("highlight-end", "note-highlight-end")
#: A note's text (a note with changes inside is a ``footnote-body`` and its ``footnote-part`` pieces).
_NOTE_TEXT = ("footnote-body", "footnote-part")


def overlap(node: Clause, nests: bool = False) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """The first highlight of ``node`` with text that stands inside another or crosses it, as ``("inside", inner,
    outer)`` or ``("across", later, earlier)`` (each span ``(start, end)`` in the node's text, label included);
    None when its highlights lie side by side or apart (the usual case).  With ``nests`` (the format nests
    highlights), one inside another is no finding, and the first crossing, at any depth, is.
    """
    spans = sorted(
        ((a.offset or 0, (a.offset or 0) + a.length) for a in node.artefacts if a.kind == "highlight" and a.length),
        key=lambda s: (s[0], -s[1]),
    )
    open_: list[tuple[int, int]] = []  # the spans around the one looked at, outermost first
    for span in spans:
        while open_ and open_[-1][1] <= span[0]:
            open_.pop()
        if open_ and not (nests and span[1] <= open_[-1][1]):
            return ("inside" if span[1] <= open_[-1][1] else "across", span, open_[-1])
        open_.append(span)
    return None


def check_nesting(doc: Document, what: str, nests: bool = False) -> None:
    """Raise :class:`ExportError` when a node of ``doc`` holds highlights a ``what`` export cannot write: one with
    text inside another (unless ``nests``, the format nests them), or two that cross (see the module's docstring).
    """
    for proposal in doc:
        for node in proposal.walk():
            if len(node.artefacts) < 2:
                continue
            found = overlap(node, nests)
            if found is None:
                continue
            how, (s, e), (os, oe) = found
            text = runs_text(node.label_runs + node.runs)  # (both views: the offsets count both)
            shape = "inside another" if how == "inside" else "crossing another"
            hint = "write it as Akoma Ntoso or HTML" if how == "inside" else "write it as HTML"
            raise ExportError(
                f"{doc.source}: {proposal.id} {node.path}: a highlight of characters {s}–{e} ({text[s:e]!r}) "
                f"{shape} ({os}–{oe}, {text[os:oe]!r}): {what} cannot hold it; {hint}"
            )


def made_inside(pieces: tuple[Piece, ...], i: int) -> Piece | None:
    """The first text piece of the highlight with characters starting at ``pieces[i]`` when CriticMarkup writes it
    inside its change's mark, ``{--{==7==}--}`` (:data:`itu_nb.parsing.critic_read._COMMENT_IN`), else None.

    It does when the highlight was made inside a change (its op INSERT or DELETE) and what it covers is text of that
    op, comments of that op perhaps among it.  Over changes of its op by several authors or dates (one mark, one
    author) the writer puts the part in each change inside that change's mark,
    ``{--{==a==}--}{>>@X<<}{--{==b==}--}{>>@Y<<}``: read back as one highlight per mark, with the op and characters
    kept (as Akoma Ntoso writes it: an ``<inline name="highlight">`` in each ``<del>``).
    Any other (holding a note's reference or a highlight of no characters) is written around what it covers and
    read back as made around it (EQUAL), as ``{=={--a--}{>>@X<<}{--b--}{>>@Y<<}==}`` is.
    """
    op, first = pieces[i].op, None
    for piece in pieces[i + 1 :]:
        kind = piece.kind
        if kind in HIGHLIGHT_ENDS:
            return first
        if piece.op is not op:
            return None
        if kind == "comment" or kind == "note-comment":
            continue
        if not (piece.is_text or kind in _NOTE_TEXT):
            return None
        if first is None:
            first = piece
    return None
