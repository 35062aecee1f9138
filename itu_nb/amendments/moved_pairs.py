"""Which copy an edit's move made of which clause: the identity a review keeps for rejecting the move.

A move (:class:`~itu_nb.amendments.operations.MoveClause`) strikes the original, which keeps its key, and places a
copy of its amended text keyed as a new clause, holding its comments and highlights.  When the move is rejected
the copy's marks go back to the original (:func:`itu_nb.model.moved.moved_back`), found by Word's move name or the
source line the copy keeps; a clause read from Akoma Ntoso (or built in code) has neither, and two moved clauses of
one text could swap their marks.  A :class:`~itu_nb.amendments.review_state.Review` holds the proposal before and
after each of its edits: :func:`moves_made` reads from the two which copy each move made of which original, by
key, and :func:`chain` follows a copy moved again back to the first original.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

from itu_nb.amendments.operations import MoveClause
from itu_nb.model import Clause, Op, Proposal, runs_text

__all__ = ["chain", "moves_made"]

#: The analyst's marks: what a move hands from the struck original to its copy.
MARKS = ("comment", "highlight")


def moves_made(before: Proposal, after: Proposal, ops: Iterable[object] = ()) -> dict[str, str]:
    """The copies an edit made, each with the clause it was moved from: copy key → original key.

    A copy is a clause of ``after`` with a key ``before`` lacks, all inserted; an original, a clause of
    ``before`` that ``after`` holds struck whole and ``before`` did not (a clause of the text moved), or that
    ``after`` lacks and that was all inserted (an insertion moved: it goes altogether).  Each copy pairs with
    the first original not yet paired whose amended text it reads, preferring one whose comments and highlights
    it took (the same kinds, texts, authors and dates) and then one a :class:`MoveClause` of ``ops`` names (its
    path or key).  A copy of no such original (a clause inserted) is not listed.

    Parameters
    ----------
    before, after : Proposal
        The proposal before and after one edit action.
    ops : iterable
        The action's operations.

    Returns
    -------
    dict of str to str
        Copy key → original key.

    Notes
    -----
    Copies and originals of one text made by one action, neither holding a mark nor named by a path, pair in
    reading order (a clause struck and another of its text moved by one action are then told apart only by
    their marks or the path the move names).
    """
    old = {n.key: n for n in before.walk()}
    new = {n.key for n in after.walk()}
    named = {op.at for op in ops if isinstance(op, MoveClause)}
    originals: list[Clause] = [  # as ``before`` holds them
        old[n.key] for n in after.walk() if n.key in old and _all(n, Op.DELETE) and not _all(old[n.key], Op.DELETE)
    ]
    originals += [n for n in before.walk() if n.key not in new and _all(n, Op.INSERT)]
    copies = [n for n in after.walk() if n.key not in old and _all(n, Op.INSERT)]
    if not originals or not copies:
        return {}
    by: dict[tuple, deque[Clause]] = {}  # by text, with its marks, whether a move names it: in reading order
    for o in originals:
        text, marks, moved = runs_text(o.runs, "amended"), _marks(o, "amended"), bool({o.path, o.key} & named)
        for k in ((text, marks, moved), (text, marks), (text, moved), (text,)):
            by.setdefault(k, deque()).append(o)
    taken: set[int] = set()
    out: dict[str, str] = {}
    for copy in copies:
        text, marks = runs_text(copy.runs, "amended"), _marks(copy, None)
        for k in ((text, marks, True), (text, marks), (text, True), (text,)):
            found = by.get(k)
            while found and id(found[0]) in taken:  # paired through another of its keys
                found.popleft()
            if found:
                original = found.popleft()
                taken.add(id(original))
                out[copy.key] = original.key
                break
    return out


def chain(pairs: Mapping[str, str], made: Mapping[str, str]) -> dict[str, str]:
    """``pairs`` (copy key → original key) with the pairs of a later edit ``made``: a copy of a copy moved again
    pairs with the first original.
    """
    out = dict(pairs)
    for copy, original in made.items():
        out[copy] = pairs.get(original, original)
    return out


def _all(n: Clause, op: Op) -> bool:
    return bool(n.runs) and all(r.op is op for r in n.label_runs + n.runs)


def _marks(n: Clause, view: str | None) -> tuple:
    """``n``'s comments and highlights shown in ``view`` (None: all): their kinds, texts, authors and dates."""
    return tuple(
        sorted(
            (a.kind, a.text, a.author or "", a.date or "")
            for a in n.artefacts
            if a.kind in MARKS and (view is None or a.op.in_view(view))
        )
    )
