"""An entry's touched flags in a list's pending order, and the clause they give it at the end of a run.

:class:`~itu_nb.amendments.order.Order` keeps a flag byte per live entry (REPATHED, RELABELLED) and, when it settles,
gives each item its label (:func:`_relabelled`) and its path (:func:`_moved`) as one by one leaves them.
"""

from __future__ import annotations

import dataclasses

from itu_nb.amendments.relettering import _repath, set_label
from itu_nb.model import Clause

#: An entry's touched flags (:attr:`Order.touched <itu_nb.amendments.order.Order.touched>`): its path changed at
#: the end of an operation (REPATHED), its label runs were rewritten by a relettering, perhaps back to the label it
#: had (RELABELLED: a move reletters the items after the original down and those after the copy up).  A change of
#: rank sets both.
REPATHED, RELABELLED = 1, 2
_BOTH = bytes([REPATHED | RELABELLED])
_RELETTERED = bytes(x | RELABELLED for x in range(256))  # a translation table: RELABELLED set, in C
_REPATHED = bytes(x | REPATHED for x in range(256))  # REPATHED set, in C


def _relabelled(c: Clause, label: str, relabelled: bool, author: str | None, date: str) -> Clause:
    """``c`` labelled ``label`` as one by one leaves it: a label changed and changed back is one relabel from the
    original label to the last, as a chain of relabels gives (:func:`~itu_nb.amendments.relettering.set_label`).
    """
    out = set_label(c, label, author, date)
    if out is c and relabelled:
        out = set_label(set_label(c, label + "0", author, date), label, author, date)
    return out


def _moved(c: Clause, path: str, touched: bool) -> Clause:
    """``c`` at ``path``: a path that changed (now or earlier in the run: ``touched``) leaves its old path as the uid."""
    if path == c.path and not touched:
        return c
    uid = c.uid if c.uid is not None else c.path
    kids = c.children
    if path == c.path:  # moved away and back: the sub-items keep their old paths as uids too
        kids = _repath(_repath(kids, c.path, c.path + "#0"), c.path + "#0", path)
    else:
        kids = _repath(kids, c.path, path)
    return dataclasses.replace(c, path=path, uid=uid, children=kids)
