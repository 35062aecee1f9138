"""What the runs of :func:`~itu_nb.amendments.inserting.apply_units` share: the key of each operation's run (the
operations of a run share it) and the edits a run needs from :mod:`itu_nb.amendments.edits`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from itu_nb.amendments.lists import Session
from itu_nb.amendments.moving import Strike
from itu_nb.amendments.operations import AddSection, DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.pending import Words
from itu_nb.model import Proposal

__all__ = ["AT", "MOVE", "SECTION", "STRIKE", "Runs", "Unit", "run_key"]

#: A unit of work: a tag (the instruction it came from, or None) and its operations.
Unit = tuple[Any, list]


#: The run key of insertions placed after or before a clause: which list they go into is only known
#: once the address is read (:func:`insert_run` ends the run at the first that names another list).
AT = "\0at"

#: The run key of new sections at their default place starts so, followed by their name
#: (:func:`itu_nb.amendments.edits.section_run`).
SECTION = "\0section "

#: The run key of moves into a list starts so, followed by the key an insertion there would have.
MOVE = "\0move "

#: The run key of deletions (:func:`~itu_nb.amendments.striking.strike_run`).
STRIKE = "\0strike"


class Runs(NamedTuple):
    """The edits runs need from :mod:`itu_nb.amendments.edits` (which imports this module)."""

    sections: Callable[[Session, Proposal, Sequence[Any], Any, str], tuple[Proposal, int, bool]]
    strike: Strike
    words: Words  # an edit of words, for runs of strikes (pending.Pending.edit)


def run_key(op) -> str | None:
    """What an insertion that may join a run shares with the others of its run, else None.

    ``into=`` an address (by label, or last): the address; ``after=`` / ``before=`` a clause: :data:`AT`;
    a new section at its default place: :data:`SECTION` and its name; a deletion: :data:`STRIKE`.
    """
    if type(op) is DeleteClause:
        return STRIKE
    if type(op) is AddSection and op.after is None and op.before is None:
        return SECTION + op.name.strip()
    if type(op) is not InsertClause and type(op) is not MoveClause:
        return None
    placed = (op.into is not None) + (op.after is not None) + (op.before is not None)
    if placed != 1:
        return None
    key = op.into if op.into is not None else AT
    return MOVE + key if type(op) is MoveClause else key
