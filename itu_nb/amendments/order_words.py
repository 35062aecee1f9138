"""Edits of words joining a run on one list's pending order (:class:`~itu_nb.amendments.order.Order`).

``In resolves 1, add " (edit i)" at the end`` and ``Add a new resolves reading: …`` in turn (issue 17's audit): the
edit is no insertion, deletion or move, so it ended every run on resolves and each new item was applied one by
one, which reads the whole list's facts again (:meth:`Session.facts <itu_nb.amendments.lists.Session.facts>`:
quadratic over a long run).  An edit of words changes an item's runs (and the artefacts on them), never its label
or path (as :meth:`Pending.edit <itu_nb.amendments.pending.Pending.edit>` uses it in runs of strikes), so it joins
the run when the item it edits reads as the text has it: a live item of the original list that no operation of the
run has relabelled or repathed (:meth:`Order.current <itu_nb.amendments.order.Order.current>` gives it as it is).
The edit is then made as one by one makes it, on that very clause at its path, in the order's own copy of the
text (:attr:`Order.text`, the list otherwise as the text has it), and the edited clause takes the item's place
in the order: later operations reletter or repath it from there, as one by one does after the edit.  Anything
else (an item relabelled, new, moved or holding a list; an edit that fails) ends the run, and the caller applies
the edit one by one, with its usual result or error.  The property tests of ``tests/test_amend_interleaved.py``
compare the result with one by one.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from itu_nb.amendments.addressing import find_path
from itu_nb.amendments.order import Order
from itu_nb.amendments.pending import WORDS, Words
from itu_nb.errors import ItuNbError

__all__ = ["edit"]


def edit(order: Order, op: Any, words: Words) -> bool:
    """Apply the edit of words ``op`` to a live item of ``order``'s list as one by one; False: not as a run can
    (nothing changed).

    Parameters
    ----------
    order : Order
        The list kept pending.
    op : ReplaceWords or InsertWords
        The edit (:data:`~itu_nb.amendments.pending.WORDS`), addressed to one item of the list.
    words : Words
        What makes the edit on a text (:data:`itu_nb.amendments.edits.RUNS`).

    Returns
    -------
    bool
        Whether the edit was applied.
    """
    if type(op) not in WORDS or not isinstance(op.at, str):
        return False
    j = order.rank(op.at)
    if j is None or order.touched[j] or order.holds(j):
        return False
    entry = order.entries[j]
    if entry[0] != "old" or entry[1].children or entry[1].path != order.path(j):
        return False
    path = entry[1].path
    try:
        text = words(order.session, order.text, dataclasses.replace(op, at=path), order.author, order.date)
    except ItuNbError:
        return False  # one by one words the error
    node = find_path(text, path)
    if node is None:
        return False
    order.text = text
    order.entries[j] = ("old", node, *entry[2:])
    return True
