"""A rejected move's marks: the comments and highlights of a moved copy given back to its struck original.

A move leaves a struck original and a copy of its text holding the comments and highlights
(:func:`itu_nb.amendments.wording.taken_marks`).  When a decision rejects the move the copy goes and the
original comes back; :func:`moved_back` hands the copy's marks to that original, on the same characters of
its text, instead of to the clause before the copy (what :mod:`itu_nb.model.review` does for any clause gone).

The original is found by identity, never by reading order: the pairs a review recorded when the move was
made (copy key → original key, :meth:`itu_nb.amendments.review_state.Review.moves`), else Word's move name
(``w:moveFrom`` / ``w:moveTo``) or the source line the copy keeps (:func:`identity`), with the same text, else
with the same name or line alone: an original that had tracked changes reads otherwise than its copy (the
copy is its amended text, the struck original its original text), and its marks are placed on the same words
by a character diff of the two texts (:func:`text_placer`).
"""

from __future__ import annotations

import dataclasses
import operator
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from itu_nb.model.runs import Artefact, Op

if TYPE_CHECKING:  # types only
    from itu_nb.model.clause import Clause

__all__ = ["ANALYST_KINDS", "identity", "moved_back", "text_placer"]

#: What an analyst adds to a clause: kept when the clause's text is gone (given to a neighbour).
ANALYST_KINDS = ("comment", "highlight")

#: The most characters of two texts' differing middles :func:`text_placer` compares by a character diff
#: (quadratic at worst: 0.2 s of CPU for 2,000 characters that share little): beyond, a place in the middle goes to
#: where the texts start to differ.
DIFF_LIMIT = 2000


def moved_back(
    clauses: tuple[Clause, ...], rejected: set[str], pairs: Mapping[str, str] | None = None
) -> tuple[Clause, ...]:
    """``clauses`` with the marks of each moved copy whose move is rejected given back to its struck original.

    A copy is a clause all inserted, holding comments or highlights, whose changes are all rejected; an
    original is a clause all deleted of which a change is rejected (its text comes back; a deletion it held
    before the move, by another author, may stay tracked).  Each copy goes to the original ``pairs`` names
    for its key, else to one with the same :func:`identity` (name or line, and text), else to one with the
    same move name or source line (not None) whose text differs (tracked changes the copy reads as settled).
    A copy that finds none keeps its marks (the decision gives them to the clause before it).  Each original
    takes one copy's marks; ``clauses`` themselves when nothing moves.

    Parameters
    ----------
    clauses : tuple of Clause
        A proposal's top-level clauses, before the decision.
    rejected : set of str
        The ids of the changes rejected.
    pairs : mapping of str to str, optional
        Copy key → the key of its struck original, as recorded when the move was made.

    Returns
    -------
    tuple of Clause
        The clauses, each copy without its comments and highlights, each original with them in both views.
    """
    if not rejected:
        return clauses
    nodes = [n for c in clauses for n in c.walk()]
    going = [
        n
        for n in nodes
        if any(a.kind in ANALYST_KINDS for a in n.artefacts)
        and n.runs
        and all(r.op is Op.INSERT for r in n.label_runs + n.runs)
        and all(c.id in rejected for c in n.changes)
    ]
    if not going:
        return clauses
    homes = [
        n
        for n in nodes
        if n.runs and all(r.op is Op.DELETE for r in n.label_runs + n.runs) and any(c.id in rejected for c in n.changes)
    ]
    index = _Homes(homes)
    moves: dict[int, tuple[Clause, tuple[Artefact, ...]]] = {}  # id of a clause → it with its new artefacts
    for copy in going:
        home = index.take(copy, pairs or {})
        if home is None:
            continue
        given = _given(copy, home)
        moves[id(copy)] = (copy, tuple(a for a in copy.artefacts if a.kind not in ANALYST_KINDS))
        moves[id(home)] = (home, home.artefacts + given)
    if not moves:
        return clauses

    def swap(c: Clause) -> Clause:
        kids = tuple(swap(k) for k in c.children)
        hit = moves.get(id(c))
        if hit is not None and hit[0] is c:
            return dataclasses.replace(c, children=kids, artefacts=hit[1])
        return c if all(map(operator.is_, kids, c.children)) else dataclasses.replace(c, children=kids)

    return tuple(swap(c) for c in clauses)


class _Homes:
    """The struck originals, found by key, by :func:`identity`, or by its name or line alone; each taken once."""

    def __init__(self, homes: list[Clause]) -> None:
        self.taken: set[int] = set()
        self.by: dict[tuple, deque[Clause]] = {}
        for h in homes:
            mine = identity(h)
            for k in (("key", h.key), mine, mine[:2]):
                self.by.setdefault(k, deque()).append(h)

    def _first(self, k: tuple) -> Clause | None:
        found = self.by.get(k)
        while found and id(found[0]) in self.taken:  # taken by another of its keys
            found.popleft()
        return found[0] if found else None

    def take(self, copy: Clause, pairs: Mapping[str, str]) -> Clause | None:
        """The struck original ``copy``'s marks go back to (see :func:`moved_back`), taken; else None."""
        key = pairs.get(copy.key)
        if key is not None:
            home = self._first(("key", key))
        else:
            mine = identity(copy)
            home = self._first(mine)
            if home is None and mine[1] is not None:  # else read from no line, with no move name: its text alone
                home = self._first(mine[:2])
        if home is not None:
            self.taken.add(id(home))
        return home


def identity(n: Clause) -> tuple:
    """What a moved copy shares with its struck original: the name of the move (Word's ``w:moveFrom``,
    ``w:moveTo``, or an edit's, :func:`itu_nb.amendments.moving.name_moves`) when its runs carry one (runs of no move
    aside: a deletion the original held before it was moved), else its source line; and its text.

    A move made by an edit copies the clause with its line (:func:`itu_nb.amendments.wording.inserted_copy`), so
    two clauses of one text, or a struck clause reading as a moved one, are told apart by the lines they were
    read from.  A clause read from no line (Akoma Ntoso, or built in code) has the line None: its text alone.
    """
    text = "".join(r.text for r in n.runs)
    names = {
        r.move for r in n.runs if r.move is not None
    }  # (a struck original's deletion made before the move has none)
    if len(names) == 1:
        return ("move", names.pop(), text)
    return ("line", n.line, text)


def _given(copy: Clause, home: Clause) -> tuple[Artefact, ...]:
    """``copy``'s comments and highlights placed on ``home``'s label and text, in both views.

    One in the copy's label goes to the same place in the original's label (its end at most); one in its text
    to the same words of the original's text (:func:`text_placer`), a highlight over the words it covers there.
    """
    label = sum(len(r.text) for r in copy.label_runs)
    home_label = sum(len(r.text) for r in home.label_runs)
    place = text_placer("".join(r.text for r in copy.runs), "".join(r.text for r in home.runs))

    def at(x: int) -> int:
        return min(x, home_label) if x < label else home_label + place(x - label)

    out = []
    for a in copy.artefacts:
        if a.kind not in ANALYST_KINDS:
            continue
        if a.offset is None:
            out.append(dataclasses.replace(a, op=Op.EQUAL))
            continue
        start = at(a.offset)
        end = max(start, at(a.offset + a.length)) if a.length else start
        out.append(dataclasses.replace(a, op=Op.EQUAL, offset=start, length=end - start))
    return tuple(out)


def text_placer(old: str, new: str) -> Callable[[int], int]:
    """Where a place in ``old`` stands in ``new``, a text that reads mostly the same.

    Around the same characters (a character diff of the two, :class:`difflib.SequenceMatcher`), a place
    stands where it did; one in characters replaced goes as far into the new ones as it was into the old
    (their end at most), one in characters ``new`` lacks to where they stood.  The same text: each place
    itself.  Only the middle of the texts, between what they start and end with alike, is compared; when it
    is longer than :data:`DIFF_LIMIT` characters, a place in it goes to where it starts.

    Parameters
    ----------
    old, new : str

    Returns
    -------
    callable
        ``place(at) -> int``, for ``0 <= at <= len(old)``.
    """
    if old == new:
        return _itself
    head = 0
    most = min(len(old), len(new))
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    blocks: list[tuple[str, int, int, int, int]] = [("replace", 0, len(a), 0, 0)]
    if len(a) <= DIFF_LIMIT and len(b) <= DIFF_LIMIT:
        blocks = list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    starts = [i1 for _, i1, *_ in blocks]
    shift = len(new) - len(old)

    def place(x: int) -> int:
        if x < head:
            return x
        if x >= len(old) - tail:
            return x + shift
        tag, i1, _, j1, j2 = blocks[bisect_right(starts, x - head) - 1]
        inside = x - head - i1
        return head + j1 + (inside if tag == "equal" else min(inside, j2 - j1))

    return place


def _itself(at: int) -> int:
    return at
