"""What an edit reads about one tuple of siblings: each one's label scheme, its lower-case bare label, whether it is
present in the amended view, how a citation names it (:class:`ListFacts`).

:class:`~itu_nb.amendments.lists.Session` keeps these facts for each list it has seen, so that an edit reads a list's
labels once, and after an edit re-reads only the siblings from the first one it changed (:meth:`ListFacts.with_tail`).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from dataclasses import dataclass

from itu_nb.amendments.addressing import bare
from itu_nb.amendments.relettering import LABELS, scan_labels, split_label
from itu_nb.model import HOMOGLYPHS, NodeKind, runs_text

__all__ = ["CiteTable", "ListFacts"]


class CiteTable(list):
    """How a citation names each sibling (:attr:`ListFacts.cites`): a list, whose :meth:`index` and ``in`` find a
    label in a step once it has been looked up twice in the same list.

    :func:`~itu_nb.amendments.addressing._child` finds the first sibling a citation names with ``in`` and
    :meth:`index`, two passes in C over the list.  A run applied at once reads the same long list for every operation
    (the text stays as it was until the run settles): 4,000 citations through a 4,016-item list were two passes each,
    the quadratic part of those runs.  The second :meth:`index` builds a dict of each label's first place (in C,
    once); a list read once is only scanned, as before.  Never changed in place (the facts make new lists).

    Examples
    --------
    >>> t = CiteTable(["a", None, "b", "a"])
    >>> t.index("a"), t.index("b"), "c" in t, t.index("a"), "b" in t, t == ["a", None, "b", "a"]
    (0, 2, False, 0, True, True)
    """

    __slots__ = ("_first", "_reads")

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._first: dict[str | None, int] | None = None
        self._reads = 0

    def __contains__(self, label) -> bool:
        return super().__contains__(label) if self._first is None else label in self._first

    def index(self, label, *bounds) -> int:
        """The place of the first sibling ``label`` names (ValueError: none)."""
        if bounds:
            return super().index(label, *bounds)
        if self._first is None:
            self._reads += 1
            if self._reads < 2:
                return super().index(label)
            n = len(self)
            self._first = dict(zip(reversed(self), range(n - 1, -1, -1), strict=True))  # (the first place wins)
        at = self._first.get(label)
        if at is None:
            raise ValueError(f"{label!r} is not in list")
        return at


@dataclass(frozen=True)
class ListFacts:
    """Facts about one tuple of siblings, one entry per sibling.

    Attributes
    ----------
    schemes : list of str or None
        :func:`~itu_nb.amendments.relettering.scheme_of`.
    letters : list of str or None
        The lower-case bare label of each lettered sibling (what the next one is read after).
    labels : list of str or None
        The lower-case bare amended label of each sibling present with a label (``"d"`` for ``d)``).
    exists : list of bool
        Present in the amended view.
    footnotes : list of bool
        A footnote (new items go before a clause's footnotes).
    lettered : list of int
        The indices of the lettered siblings, in order (to find the last one before an index by bisection).
    cites : list of str or None
        The label each sibling is cited by in the amended view (:func:`~itu_nb.amendments.addressing.bare`
        of it; None for a footnote, a sibling absent from the view or without a label): a citation
        finds its clause by ``list.index``, in C (:data:`~itu_nb.amendments.addressing.Cites`).
    romans : list of int
        The indices of the roman siblings, in order (``l)`` after ``xlix)`` is roman: :meth:`roman_before`).
    """

    schemes: list[str | None]
    letters: list[str | None]
    labels: list[str | None]
    exists: list[bool]
    footnotes: list[bool]
    lettered: list[int] = dataclasses.field(default_factory=list)
    cites: list[str | None] = dataclasses.field(default_factory=list)
    romans: list[int] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        if type(self.cites) is not CiteTable:
            object.__setattr__(self, "cites", CiteTable(self.cites))

    @classmethod
    def of(cls, children, prev_letter: str | None = None, prev_roman: str | None = None) -> ListFacts:
        """Read the facts of ``children`` (``prev_letter``, ``prev_roman``: the last lettered and roman siblings
        before them, see :meth:`letter_before` and :meth:`roman_before`).
        """
        schemes, letters = scan_labels(children, prev_letter, prev_roman)
        labels: list[str | None] = []
        exists: list[bool] = []
        cites: list[str | None] = []
        footnotes = [c.kind is NodeKind.FOOTNOTE for c in children]
        for c, note in zip(children, footnotes, strict=True):
            present = c.exists_in("amended")
            exists.append(present)
            text = runs_text(c.label_runs, "amended") if present else ""
            parts = split_label(text) if text else None
            labels.append(parts[1].lower() if parts else None)
            cites.append(_cited(text) if text and not note else None)
        lettered = [i for i, x in enumerate(letters) if x is not None]
        romans = [i for i, x in enumerate(schemes) if x == "roman"]
        return cls(schemes, letters, labels, exists, footnotes, lettered, cites, romans)

    def letter_before(self, index: int) -> str | None:
        """The bare label of the last lettered sibling before ``index`` (found by bisection: a numbered list has none)."""
        at = bisect.bisect_left(self.lettered, index)
        return self.letters[self.lettered[at - 1]] if at else None

    def roman_before(self, index: int) -> str | None:
        """The bare label of the last roman sibling before ``index`` with no lettered one after it (by
        bisection), read as Latin; None when there is none.
        """
        at = bisect.bisect_left(self.romans, index)
        if not at:
            return None
        last, letter = self.romans[at - 1], bisect.bisect_left(self.lettered, index)
        label = self.labels[last] if not letter or self.lettered[letter - 1] < last else None
        return label.translate(HOMOGLYPHS) if label else None

    def with_tail(self, children, index: int, old=None) -> ListFacts:
        """The facts of ``children``, whose siblings before ``index`` are those these facts describe.

        ``old``, when given, are the siblings these facts describe: where ``children`` end with the
        very clauses ``old`` ends with, at the same places, and those carry no label in the amended
        view (struck items: their facts owe nothing to the siblings before them), their facts are
        taken over instead of read again.
        """
        end = len(children)
        if old is not None and len(old) == end:
            end = index + 1
            while end < len(children) and children[end] is not old[end]:
                end += 1
            if tuple(children[end:]) != tuple(old[end:]) or self.labels[end:].count(None) != len(children) - end:
                end = len(children)
        if end < len(children):
            head = ListFacts.of(children[index:end], self.letter_before(index), self.roman_before(index))
            return ListFacts(
                self.schemes[:index] + head.schemes + self.schemes[end:],
                self.letters[:index] + head.letters + self.letters[end:],
                self.labels[:index] + head.labels + self.labels[end:],
                self.exists[:index] + head.exists + self.exists[end:],
                self.footnotes[:index] + head.footnotes + self.footnotes[end:],
                self.lettered[: bisect.bisect_left(self.lettered, index)] + [i + index for i in head.lettered],
                self.cites[:index] + head.cites + self.cites[end:],
                self.romans[: bisect.bisect_left(self.romans, index)] + [i + index for i in head.romans],
            )
        tail = ListFacts.of(children[index:], self.letter_before(index), self.roman_before(index))
        return ListFacts(
            self.schemes[:index] + tail.schemes,
            self.letters[:index] + tail.letters,
            self.labels[:index] + tail.labels,
            self.exists[:index] + tail.exists,
            self.footnotes[:index] + tail.footnotes,
            self.lettered[: bisect.bisect_left(self.lettered, index)] + [i + index for i in tail.lettered],
            self.cites[:index] + tail.cites,
            self.romans[: bisect.bisect_left(self.romans, index)] + [i + index for i in tail.romans],
        )


@functools.lru_cache(maxsize=LABELS)
def _cited(raw: str) -> str | None:
    """How a citation names a label written ``raw`` (the amended label runs' text): as ``_child`` reads it."""
    return bare(raw.strip().translate(HOMOGLYPHS)) or None
