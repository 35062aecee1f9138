"""``itu_nb.amendments.amending``: edit any text with operations or plain-language instructions.

Returns a new :class:`~itu_nb.model.Proposal` whose tracked changes are the edits; nothing
is changed in place.  The edit operations live in :mod:`itu_nb.amendments.edits`, the plain-language
instructions in :mod:`itu_nb.amendments.instructions`, addresses in :mod:`itu_nb.amendments.addressing`; accepting
and rejecting changes in :mod:`itu_nb.model.review`.
"""

from __future__ import annotations

import dataclasses

from itu_nb.errors import AddressError
from itu_nb.loaders.coerce import as_proposal
from itu_nb.model import Proposal

__all__ = ["amend"]


def amend(text_or_proposal, ops_or_instructions, *, author: str | None = None, date: str | None = None) -> Proposal:
    """Edit a text; the edits become tracked changes by ``author``.

    Parameters
    ----------
    text_or_proposal : Proposal, Document with one text, Clause, path, str or bytes
        What to edit, read by :func:`itu_nb.loaders.as_proposal` (a string with a line break
        is the text itself).
        A proposal's own tracked changes stay tracked; edits act on its amended view.
    ops_or_instructions : str, operation, or list of them
        Edit operations (:mod:`itu_nb.amendments.edits`) or instructions as ITU documents write
        them, one per line (:mod:`itu_nb.amendments.instructions`): ``'In resolves 2, replace "X" by
        "Y"'``, ``"Add a new considering d) reading: …"``, ``"Delete recognizing c)"``.
    author, date : str, optional
        Recorded on every change (date: today when omitted).

    Returns
    -------
    Proposal
        A new proposal: ``text("original")`` as before, ``text("amended")`` with the edits;
        inserted or deleted items reletter the items after them (as relabels).

    Raises
    ------
    AddressError
        A clause or the words to replace were not found (the message lists near matches).
    itu_nb.amendments.edits.EditError, itu_nb.amendments.instructions.InstructionError
        An edit that cannot be made as asked; an instruction that cannot be read.

    Examples
    --------
    Add a considering c) to Resolution 130 as adopted at Dubai: the old c) is relettered d),
    and so on down the list.

    >>> res = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> draft = itu_nb.amend(res, 'Add a new considering c) reading: "that SMEs face particular risks;"', author="CEPT")
    >>> draft["considering/c"].body(), draft["considering/c"].status
    ('that SMEs face particular risks;', 'inserted')
    >>> draft["considering/d"].label_original, draft["considering/d"].label
    ('c)', 'd)')
    """
    from itu_nb.amendments.edits import EditError, apply_ops
    from itu_nb.amendments.instructions import parse_one

    proposal = as_proposal(text_or_proposal, single=True)
    items = [ops_or_instructions] if not isinstance(ops_or_instructions, list | tuple) else ops_or_instructions
    result = proposal
    for item in items:
        if not isinstance(item, str):
            result = apply_ops(result, [item], author=author, date=date)
            continue
        for line in (x for x in item.splitlines() if x.strip()):
            ops = parse_one(line)
            try:
                result = apply_ops(result, ops, author=author, date=date)
            except (AddressError, EditError) as exc:
                raise type(exc)(f"instruction {line.strip()!r}: {exc}") from None
            if ops:
                note = result.provenance[-len(ops) :]
                result = dataclasses.replace(
                    result, provenance=result.provenance[: -len(ops)] + tuple(f"{n} ← {line.strip()!r}" for n in note)
                )
    return result
