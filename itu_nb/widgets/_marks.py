"""What a redline row shows beside its changes: comments, highlights, struck insertions and move names.

Helpers of :func:`itu_nb.widgets._payload.viewer_rows`, each reading a clause pair's node (its artefacts) or the
row's segments ``[op, text, change]``:

* :func:`notes_of` — the comments (``Row.notes``);
* :func:`highlighted` and :func:`cut` — the highlighted stretches, and the body segments split at their edges
  (``Row.hl``);
* :func:`struck_of` — text one author inserted and another struck (``struck-insert`` artefacts, in neither view:
  :mod:`itu_nb.model.struck`), placed in the body segments (``Row.si``; the change that decides each:
  :mod:`itu_nb.widgets._struck`);
* :func:`move_names` — the segments that are one end of a move, with its name (``Row.mn``).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

__all__ = ["cut", "highlighted", "move_names", "notes_of", "struck_of"]


def notes_of(pair) -> list[dict]:
    """The comments on a pair's clause (kind ``comment`` artefacts): ``{"a", "t", "text"}`` each, in order."""
    node = pair.new if pair.new is not None else pair.old
    arts = getattr(node, "artefacts", ()) or ()
    return [{"a": a.author, "t": a.date, "text": a.text} for a in arts if a.kind == "comment"]


def highlighted(pair) -> list[tuple[int, int]]:
    """The highlighted stretches of a pair's clause, as ``(start, end)`` in its joined label and body runs."""
    node = pair.new if pair.new is not None else pair.old
    arts = getattr(node, "artefacts", ()) or ()
    return [(a.offset or 0, (a.offset or 0) + a.length) for a in arts if a.kind == "highlight" and a.length]


def cut(segs: list[list], start: int, spans: list[tuple[int, int]]) -> tuple[list[list], list[int]]:
    """Split segments (whose text starts at ``start`` in the joined runs) at the edges of ``spans``;
    returns the segments and the indexes of those inside a span.  A segment's extra items (a move's name,
    :func:`move_names`) go with each of its pieces.
    """
    out: list[list] = []
    marked: list[int] = []
    pos = start
    for seg in segs:
        op, text, ci, more = seg[0], seg[1], seg[2], seg[3:]
        edges = sorted({0, len(text), *(e - pos for s, e in spans for e in (s, e) if 0 < e - pos < len(text))})
        for a, b in zip(edges, edges[1:], strict=False):
            if any(s <= pos + a and pos + b <= e for s, e in spans):
                marked.append(len(out))
            out.append([op, text[a:b], ci, *more])
        pos += len(text)
    return out, marked


def struck_of(arts: list, segs: list[list], start: int) -> list[dict]:
    """``struck-insert`` artefacts of a pair's clause (text one author inserted and another struck, in neither view:
    :mod:`itu_nb.model.struck`), their offsets in the pair's joined label and body runs, as
    :class:`~itu_nb.widgets._contract.Struck`, each placed in the body segments ``segs`` (whose text starts at
    ``start`` in those runs): the index of the segment it stands in and the offset in that segment's text.  One
    that stood in the label stands at the body's start.  ``c`` (the change that decides it) is -1: the caller
    sets it.
    """
    if not arts:
        return []
    ends = list(accumulate(len(s[1]) for s in segs))
    out = []
    for a in arts:
        at = max(0, (a.offset or 0) - start)
        k = bisect_right(ends, at)  # the segment holding ``at`` (at its start when it ends the one before)
        if k == len(segs):  # at the end of the body (or an empty one)
            k, off = max(0, k - 1), len(segs[-1][1]) if segs else 0
        else:
            off = at - (ends[k - 1] if k else 0)
        by, on = a.inserted or (None, None)
        out.append({"seg": k, "off": off, "text": a.text, "a": by, "t": on, "sa": a.author, "st": a.date, "c": -1})
    return out


def move_names(lab: list[list], seg: list[list]) -> list[list]:
    """Take the move names off the segments that carry one (a fourth item): ``[index in lab + seg, name]`` each
    (:class:`~itu_nb.widgets._contract.MoveName`).
    """
    return [[k, s.pop()] for k, s in enumerate(lab + seg) if len(s) > 3]
