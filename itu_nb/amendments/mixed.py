"""A list with paragraphs and bullets among its items, read as a simple list for a run of insertions.

``considering a) … – a bullet under it; b) …``: one by one, an insertion into such a list reletters its
listed items and leaves the unlabelled paragraphs and the bullet items among them where they stood, at the
same paths (a paragraph's component is ``p<n>``, its rank among the section's paragraphs; a bullet's
``bullet<n>`` / ``dash<n>``, its rank among the bullets: neither changes when listed items come and go, and
neither reads as a label of a list of letters, numbers or roman numerals).  Their labels are not read as
list labels (:func:`~itu_nb.amendments.relettering.scan_labels` gives them no scheme and carries the letter
before them across them), so the listed items read the same without them.

:func:`apart` gives the list without them, which :func:`~itu_nb.amendments.simple_lists.simple_list` may read as
simple, and the children it left out; a run (:func:`~itu_nb.amendments.inserting.insert_run`) keeps each with
the number of live items before it, as it keeps the struck items, and puts it back unchanged.
"""

from __future__ import annotations

import dataclasses

from itu_nb.amendments.lists import Session
from itu_nb.model import Clause, NodeKind
from itu_nb.parsing.labels import label_scheme

__all__ = ["apart"]


def apart(session: Session, parent: Clause) -> tuple[Clause, set[int]] | None:
    """``parent`` without the paragraphs and bullets that stand after its first listed item, and their
    indices among its children; None when one of them is not at the path one by one gives it (or carries
    a label that is not a bullet's).

    ``parent`` itself and no index when there are none.
    """
    kids = parent.children
    schemes = session.facts(kids).schemes
    lead = 0
    while lead < len(kids) and kids[lead].kind is NodeKind.PARAGRAPH and schemes[lead] is None:
        lead += 1
    prefix = parent.path
    out: set[int] = set()
    paragraphs = sum(1 for c in kids[:lead])
    bullets = 0
    for i in range(lead, len(kids)):
        c = kids[i]
        if schemes[i] is not None:
            continue
        if c.kind is NodeKind.PARAGRAPH:
            paragraphs += 1
            if i == lead or c.label_in("amended") or c.label_in("original") or c.path != f"{prefix}/p{paragraphs}":
                return None
        elif c.kind is NodeKind.ITEM:
            label = c.label_in("amended") or c.label_in("original") or ""
            scheme = label_scheme(label, None, False) if label.strip() else "bullet"
            if scheme not in ("bullet", "dash"):
                continue  # another item without a scheme (a bis): the list is not simple
            bullets += 1
            if i == lead or c.path != f"{prefix}/{scheme}{bullets}":
                return None
        else:
            continue
        out.add(i)
    if not out:
        return parent, out
    return dataclasses.replace(parent, children=tuple(c for i, c in enumerate(kids) if i not in out)), out
