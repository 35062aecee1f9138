"""``itu_nb.amendments.amending``: edit any text with operations or plain-language instructions.

Returns a new :class:`~itu_nb.model.Proposal` whose tracked changes are the edits; nothing
is changed in place.  The edit operations live in :mod:`itu_nb.amendments.edits`, the plain-language
instructions in :mod:`itu_nb.amendments.instructions`, addresses in :mod:`itu_nb.amendments.addressing`; accepting
and rejecting changes in :mod:`itu_nb.model.review`.
"""

from __future__ import annotations

import dataclasses
import datetime

from itu_nb.errors import AddressError, ItuNbError
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

    Notes
    -----
    Cost: each instruction costs what it changes — the words of its clause, or the items it
    inserts, deletes or reletters — plus C-level copies of the list it edits; the text is not
    walked again per instruction (:mod:`itu_nb.amendments.lists`), and a citation finds its clause
    among the labels kept for its list, in C.  A run of new items added to one list, by label (``Add a
    new considering a) reading: …`` again and again, at the head, in order or at the end) or at a
    place (``Add a new paragraph after considering c) reading: …``), is replayed on the list's order and
    relettered once, at the end of the run (:mod:`itu_nb.amendments.inserting`): 1,000 insertions at
    the head of a list take about 0.14 s, 10,000 about 1.2 s; 1,000 after one item 0.1 s; 1,000 and
    2,000 appends 0.11 s and 0.18 s.  A move repaths the one or two lists it changes, whether the
    copy lands before or after the original, in its own list or another (1,000 moves of resolves to the
    end of considering on a text of 1,170 clauses: 0.6 s; 300 moves up of clauses already moved:
    0.3 s); a run of moves from other lists into one list (``Move resolves 13 before considering a)``
    again and again) is replayed on that list's order like a run of insertions, the originals struck
    one by one (1,000 moves to the head of considering: about 0.5 s, 19.6 s one by one).  A run of deletions from a
    list (or of moves from it to another), by citation or by path, keeps that list pending and reletters
    it once at the end (:mod:`itu_nb.amendments.striking`), whether it already holds struck items or not,
    edits of its items' words interleaved (1,000 deletions: about 0.4 s; 250 deletions, a new item
    elsewhere and 250 more: 0.2 s, about 2 s before).  A new
    section repaths the top level from where it goes (1,000 new sections: 0.3 s).  Only
    a move between a list and a list inside it, or from or to the top level, recomputes every path.
    A section continuing another (``noting further`` after ``noting``) goes before those of its
    name added earlier, which each take the next ``#n``: a run of them is replayed on the top level's
    order and repathed once (:func:`itu_nb.amendments.edits.section_run`; 1,000 of them: about 0.1 s,
    where one by one they changed about 500,000 paths, 6.7 s).  A run of insertions or of moves into a list
    that holds struck items is replayed on the order of its live items, the struck ones staying where they
    stood (1,000 new items at the head of such a list: about 0.15 s, 14 s one by one).  Insertions, deletions
    and edits of words interleaved over several sections (a new considering, a deletion from it, a new
    recognizing, a new resolves, again and again) are applied section by section, so that each section's
    runs hold (:mod:`itu_nb.amendments.weaving`; 1,000 such instructions: about 0.6 s, 2.6 s before); so are
    new items at two places of one list in turn between edits of another section (``In resolves 1, add …``,
    ``Add a new considering a)``, ``Add a new paragraph after considering c)``, again and again: 1,000 of
    them about 0.08 s, 4.8 s before).  An edit of words of an item no operation of the run has relettered
    joins a run on its list once an insertion, deletion or move has started it
    (:mod:`itu_nb.amendments.order_words`: ``In resolves 1, add …`` and ``Add a new resolves`` in turn,
    1,000 of them with the three kinds above: about 0.05 s, 3.2 s before).
    An instruction is read in time linear in its length, whatever its spaces.
    Insertions, deletions and moves within one list, mixed (two new considering a) and one deletion, again
    and again; ``Move resolves 1012 before resolves 1`` again and again), keep that list pending: each changes
    only the list's order, and labels, paths and keys are computed once (:mod:`itu_nb.amendments.order`; 1,000
    such instructions on a list that grows: about 0.16 s, 6.6 s before; 1,000 moves to the head of a list of
    1,012: about 0.15 s, 2,000: 0.3 s, where 250 took 13 s).  Still applied one by one, each costing the items
    after it in its list (quadratic over a long run): a move between a list and a list inside it, and any run
    into a list that is not simple (bullets, paragraphs among the items…).

    Memory: the peak allocation during ``amend`` is at most 25 times the size of the text, the
    instructions and the result together; the peak grows linearly with the number of instructions,
    about one clause object per new item (measured on Resolution 130, the modules amend imports on
    first use imported before: 0.7 MB, a factor of 7, for 200 added items; 2.3 MB, 14, for 800;
    18 for one instruction of 1 MB).  :func:`itu_nb.merge` of two such drafts: at most 10 times
    the three texts (measured: 5.4 for 300 added items against 18 edited ones).

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
    from itu_nb.amendments.edits import RUNS, EditError, apply_in, describe
    from itu_nb.amendments.inserting import apply_units
    from itu_nb.amendments.instructions import parse_one, shorten
    from itu_nb.amendments.lists import Session
    from itu_nb.amendments.moving import name_moves

    proposal = as_proposal(text_or_proposal, single=True)
    items = [ops_or_instructions] if not isinstance(ops_or_instructions, list | tuple) else ops_or_instructions
    session = Session()  # what the edits learn about the text's lists, kept from one instruction to the next
    day = date or datetime.date.today().isoformat()

    def one(p: Proposal, line: str | None, ops: list) -> tuple[Proposal, list[str]]:
        if line is None:
            return apply_in(session, p, ops, author=author, date=day)
        try:
            p, done = apply_in(session, p, ops, author=author, date=day)
        except (AddressError, EditError) as exc:
            raise type(exc)(f"instruction {shorten(line.strip())!r}: {exc}") from None
        return p, [f"{n} ← {line.strip()!r}" for n in done]

    def note(line: str | None, op) -> str:
        done = f"{author or 'anonymous'} {day}: {describe(op)}"
        return done if line is None else f"{done} ← {line.strip()!r}"

    # instructions are read first, then applied in order (runs of insertions into one list at once:
    # itu_nb.amendments.inserting); an instruction that cannot be read is reported after the ones before it
    units: list[tuple[str | None, list]] = []
    for item in items:
        if not isinstance(item, str):
            units.append((None, [item]))
            continue
        for line in (x for x in item.splitlines() if x.strip()):
            try:
                units.append((line, parse_one(line)))
            except ItuNbError:
                apply_units(session, proposal, units, one, note, author, day, RUNS)
                raise
    result, notes = apply_units(session, proposal, units, one, note, author, day, RUNS)
    result = name_moves(result)  # each move's two ends under one name
    return dataclasses.replace(result, provenance=proposal.provenance + tuple(notes))
