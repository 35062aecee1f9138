"""The lines that are no node which the Akoma Ntoso writer keeps as metadata of a statement.

:func:`~itu_nb.export.loose.loose_lines` gives the lines holding a comment, a highlight or a note body no node
holds, and the lines before each such proposal's first node (its marker, blank lines).  A line kept after a node
(``inside`` or ``end``) needs the lines between that node and it too: without Doc 67's closing separator and site
address, a writer reading the document back from Akoma Ntoso would put a note body's line right after the last
paragraph of the reasons, where its reader reads one more paragraph (``reasons/p8``), a path the source lacks.
"""

from __future__ import annotations

from bisect import bisect_right

from itu_nb.export.loose import INLINE_KINDS, LooseLine, has_lines, loose_lines
from itu_nb.model import Artefact, Document
from itu_nb.parsing.notes import held_bodies

__all__ = ["kept_lines"]


def kept_lines(doc: Document) -> list[LooseLine]:
    """The lines that are no node to keep in Akoma Ntoso, in line order: those of
    :func:`~itu_nb.export.loose.loose_lines`, and for each of them placed after a node (``inside``, ``end``) in a
    document with node lines, every line of ``doc.artefacts`` between that node and it (a separator, a site
    address, a blank line; not a note body a node holds, written at its reference), placed alike.

    Linear in the lines and nodes (but for a sort and a binary search per line).
    """
    kept = loose_lines(doc)
    if not any(k.place in ("inside", "end") and k.after is not None for k in kept) or not has_lines(doc):
        return kept
    whole: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        whole.setdefault(a.line, []).append(a)
    numbers = sorted(whole)
    held: dict | None = None  # the note bodies a node holds, found when a line between holds a body
    have = {k.line for k in kept}
    at: dict[int, dict[str, int]] = {}  # proposal → path → line, of the proposals with such lines
    out = list(kept)
    low = -1  # the last line kept so far: lines before it were looked at already
    for item in kept:
        if item.place in ("inside", "end") and item.after is not None:
            if item.proposal not in at:
                at[item.proposal] = {n.path: n.line for n in doc.proposals[item.proposal].walk() if n.line is not None}
            start = at[item.proposal].get(item.after)
            if start is not None:
                for no in numbers[bisect_right(numbers, max(start, low)) : bisect_right(numbers, item.line - 1)]:
                    arts = tuple(whole[no])
                    if held is None and any(a.kind == "footnote-body" for a in arts):
                        held = held_bodies(doc)
                    if no not in have and (held is None or no not in held):
                        kind = next((a.kind for a in arts if a.kind not in INLINE_KINDS), "blank")
                        out.append(LooseLine(no, arts, item.proposal, item.place, kind, item.after))
        low = max(low, item.line)
    return sorted(out, key=lambda k: k.line)
