"""Reading a run of operations on one list: which operations may join it, the list they edit, and the addresses
of its items as the list's current labels give them (:mod:`~itu_nb.amendments.order`, :mod:`~itu_nb.amendments.
inserting`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itu_nb.amendments.addressing import Cites, _child, bare, cited_section, find_path, lookup, parent_of
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.relettering import scan_labels
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run

__all__ = ["cited_list", "displaces", "grows", "mixes", "parent_for", "probe"]


def mixes(op: Any) -> bool:
    """Whether ``op`` may join a run on one list's pending order (an insertion, deletion or move, placed once)."""
    if type(op) is DeleteClause:
        return isinstance(op.at, str)
    if type(op) is not InsertClause and type(op) is not MoveClause:
        return False
    return (op.into is not None) + (op.after is not None) + (op.before is not None) == 1


def parent_for(proposal: Proposal, op: Any) -> Clause | None:
    """The clause whose children ``op`` inserts into or deletes from (None: the top level, or no such clause)."""
    if type(op) is DeleteClause:
        anchor = lookup(proposal, op.at)
    elif op.into is not None:
        return lookup(proposal, op.into)
    else:
        anchor = lookup(proposal, op.after or op.before or "")
    try:
        return parent_of(proposal, anchor.path) if anchor is not None else None
    except ItuNbError:
        return None


class _Anchors:
    """Where an address names an item of the list a run edits, in its current order.

    The run changes only the list's items (their labels and paths); every clause outside it stays as
    it was, so an address is read as :func:`~itu_nb.amendments.addressing.resolve` reads it with the
    text's clauses outside the list, and its last label with the list's current labels.  An address
    read any other way (another list, a paragraph leading the list, a label in another case, several
    sections of one name…) is none of the list's: the caller ends the run there.  So is a path into a
    list holding struck items (``considering/b`` may be the struck item, the live ``b)`` at ``b#2``).

    When the run may change the labels of items an address passes through (the list is inside an item of another
    pending list, whose label an operation changed: :mod:`~itu_nb.amendments.sublists`), :attr:`cite` reads the
    citation instead of :func:`cited_list` (through the lists as they stand now), and nothing is kept.

    :attr:`cites`, when set (:class:`~itu_nb.amendments.sublists.Nest` sets it to its session's label facts), reads
    the labels of the lists a citation passes through in C (:data:`~itu_nb.amendments.addressing.Cites`): a citation
    of a sub-list then costs a dictionary step and a ``list.index`` per label, not a Python pass over the list holding
    it (1,000 moves across 300 sibling sub-lists, ``tests/test_amend_cited_lists.py``: 1.2–1.4 s CPU in the run
    before, 0.24–0.27 s).
    """

    def __init__(self, proposal: Proposal, parent: Clause, prefix: str, struck: bool = False) -> None:
        self.p, self.parent, self.prefix, self.struck = proposal, parent, prefix, struck
        self._last: dict[str, str | None] = {}  # address → its last label, when the rest names the list
        self.cite: Callable[[str], tuple[Clause, str] | None] | None = None  # see the class
        self.cites: Cites | None = None  # see the class

    def label(self, address: str) -> str | None:
        """The bare label the address names among the list's items (None: it names no item of the list)."""
        address = address.strip()
        if address.startswith(self.prefix + "/"):  # a path: the item's path is prefix/label
            return None if self.struck else address[len(self.prefix) + 1 :]
        if self.cite is not None:
            return self._read(address)
        if address not in self._last:
            self._last[address] = self._read(address)
        return self._last[address]

    def _read(self, address: str) -> str | None:
        if find_path(self.p, address) is not None:
            return None  # a path outside the list
        if "/" in address:
            return None
        cited = cited_list(self.p, address, self.cites) if self.cite is None else self.cite(address)
        return bare(cited[1]) if cited is not None and cited[0] is self.parent else None


def cited_list(proposal: Proposal, address: str, cites: Cites | None = None) -> tuple[Clause, str] | None:
    """The clause whose children the citation ``address`` names one of, in the text, and the citation's last label
    (``resolves 1 c)``: resolves 1, ``c)``); None: no such clause.  Every label but the last is read as
    :func:`~itu_nb.amendments.addressing.resolve` reads it in the amended view (through ``cites`` when given: the
    same clause, found in C, :data:`~itu_nb.amendments.addressing.Cites`).
    """
    cited = cited_section(proposal, address)
    if cited is None:
        return None
    node, tokens = cited
    for token in tokens[:-1]:
        step = _child(node, token, "amended", cites)
        if not step:
            return None
        node = step[0]
    return node, tokens[-1]


def probe(
    text: str, prev: str | None, count: int = 1, prev_roman: str | None = None
) -> tuple[list[str | None], list[str | None]]:
    """How ``count`` items labelled ``text`` in a row read after a lettered item ``prev`` and a roman item
    ``prev_roman`` (bare, lower case; None: none), as :func:`scan_labels` reads a list's labels.
    """
    fake = Clause(NodeKind.ITEM, "", label_runs=(Run(Op.EQUAL, text),))
    return scan_labels([fake] * count, prev, prev_roman)


def grows(written: str, scheme: str, last: str, last_letter: str | None) -> tuple[str | None, str | None]:
    """The scheme an item labelled ``written`` reads in after the last live item, labelled ``last`` (bare, lower
    case), of a simple list of ``scheme`` whose last lettered label is ``last_letter``, and its lettered label (else
    None): read as one by one reads the list (``c)`` after ``xcix)`` the hundredth roman item).
    """
    schemes, letters = probe(written, last_letter, 1, last if scheme == "roman" else None)
    return schemes[0], letters[0]


def displaces(written: str, scheme: str, prev: str | None) -> bool:
    """Whether two items labelled ``written`` in a row, right after the live item labelled ``prev`` (bare, lower
    case; None: they come first) of a simple list of ``scheme``, both read in ``scheme``: one by one, a new item and
    the one it displaces carry the same label a moment, read by the list they stand in (``c)`` after ``b)`` a letter,
    after ``xcix)`` the hundredth roman item: :func:`~itu_nb.parsing.schemes.continues_roman`).
    """
    letter, roman = prev if scheme == "letter" else None, prev if scheme == "roman" else None
    return probe(written, letter, 2, roman)[0] == [scheme] * 2
