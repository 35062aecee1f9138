"""One ``<mark>`` element per highlight in the HTML writers (issue 17).

A highlight covers characters of a node's text that changes (``<ins>``, ``<del>``) and comments cut into
pieces; writing one ``<mark>`` per piece made two highlights side by side look like one highlight, and one
highlight over a change look like several.  :class:`Marks` opens a highlight's ``<mark>`` where it starts and
closes it where it ends, around the pieces (each change's ``<ins>``/``<del>`` and each comment inside it), so
that each highlight is one element, and the stylesheet draws its edges (two highlights side by side are seen as
two).  A highlight of no characters is an empty ``<mark class="empty">``.

Where one element cannot hold a highlight (it runs from the label into the text, which the page writes in two
elements, or it overlaps another highlight without holding it), it is written as several ``<mark>`` elements
that carry the same ``data-highlight`` number (its place among the node's highlights, from 1): a reader joins
the elements of one number.  Linear in the pieces and highlights (but for sorting them), as long as highlights
that overlap without nesting are few (no reader makes them: each format's highlights nest or stand apart).
"""

from __future__ import annotations

import bisect
import html

__all__ = ["Marks"]

_ESC = html.escape


class Marks:
    """The ``<mark>`` tags of the highlights ``spans`` in the text ``lo``…``hi`` of a node.

    Parameters
    ----------
    spans : list of (start, end, number)
        Each highlight's characters (offsets in the node's text) and its number among the node's highlights.
    lo, hi : int
        The stretch written (the label, or the text after it).
    tail : bool
        Whether a highlight of no characters at ``hi`` is written here (the text, not the label before it).
    """

    def __init__(self, spans: list[tuple[int, int, int]], lo: int, hi: int, tail: bool) -> None:
        mine = [
            (s, e, n) for s, e, n in spans if (s < hi and e > lo) or (s == e and (lo <= s < hi or (tail and s == hi)))
        ]
        self.opens: dict[int, list[tuple[int, int, int]]] = {}
        self.empties: dict[int, list[int]] = {}
        self.split: set[int] = set()  # the highlights written as several elements: their number shown
        stack: list[tuple[int, int, int]] = []
        for s, e, n in sorted(mine, key=lambda x: (max(x[0], lo), -x[1])):
            if s == e:
                self.empties.setdefault(s, []).append(n)
                continue
            if s < lo or e > hi:
                self.split.add(n)
            start = max(s, lo)
            self.opens.setdefault(start, []).append((start, min(e, hi), n))
            while stack and stack[-1][1] <= start:
                stack.pop()
            if stack and stack[-1][1] < min(e, hi):  # overlaps the open one without nesting in it
                self.split.update((stack[-1][2], n))
            stack.append((start, min(e, hi), n))
        self.cuts = sorted(set(self.opens) | set(self.empties) | {e for v in self.opens.values() for _, e, _ in v})
        self.open: list[tuple[int, int]] = []  # (end, number) of the elements open, outermost first

    def inside(self, lo: int, hi: int) -> list[int]:
        """The places strictly between ``lo`` and ``hi`` where a ``<mark>`` opens or closes."""
        return self.cuts[bisect.bisect_right(self.cuts, lo) : bisect.bisect_left(self.cuts, hi)]

    def _tag(self, n: int, empty: bool = False) -> str:
        attrs = ' class="empty"' if empty else ""
        if n in self.split:
            attrs += f' data-highlight="{n}"'
        return f"<mark{attrs}>"

    def close(self, at: int) -> str:
        """The ``</mark>`` of every element ending at ``at`` (an element opened inside it and still going on is
        closed and opened again after it).
        """
        out: list[str] = []
        if not any(end <= at for end, _ in self.open):
            return ""
        again = []
        while any(end <= at for end, _ in self.open):
            end, n = self.open.pop()
            out.append("</mark>")
            if end > at:
                again.append((end, n))
        for end, n in reversed(again):  # (numbered: __init__ found the overlap)
            out.append(self._tag(n))
            self.open.append((end, n))
        return "".join(out)

    def start(self, at: int) -> str:
        """The highlights of no characters at ``at``, then the ``<mark>`` of every highlight starting there."""
        out = [self._tag(n, True) + "</mark>" for n in self.empties.pop(at, ())]
        for _, end, n in self.opens.pop(at, ()):
            out.append(self._tag(n))
            self.open.append((end, n))
        return "".join(out)

    def finish(self) -> str:
        """The ``</mark>`` of every element still open (at the end of the stretch)."""
        out = "</mark>" * len(self.open)
        self.open = []
        return out
