"""Clause-addressed edit operations that produce tracked changes.

The operations (:mod:`itu_nb.amendments.operations`) name their target by address (a path or a
citation, see :mod:`itu_nb.amendments.addressing`).  :func:`apply_ops` applies them in order to a
proposal and returns a new one whose tracked changes are the edits, each run
carrying the author and date.  The original view never changes; the amended view
shows the edit; inserting, deleting or moving items reletters the items that
follow (see :mod:`itu_nb.amendments.relettering`).

Edits act on the amended view.  Deleting words that an earlier change inserted
shortens that insertion (the model has no nested changes, so the words are not
shown as "inserted then deleted").

:class:`EditText` (a clause retyped in the viewer's suggesting mode) follows the same rule, which is
what Word's suggesting mode does with one's own insertions: the typed text is compared with the
clause's amended text word by word (:func:`retype_runs`), so the analyst's deletions and insertions
are tracked under their name, words of an earlier insertion that the analyst removes leave it, the
original view stays exactly as it was and the amended view reads as typed.  :class:`Comment` adds a
``comment`` artefact at the end of the clause, which every exporter writes.

Here: :func:`apply_ops` and :func:`apply_in`, and the runs of operations applied at once (:data:`RUNS`).  Each
operation is applied by the editor (:mod:`itu_nb.amendments.editor`), :class:`EditText` and :class:`Comment` by
:mod:`itu_nb.amendments.suggesting`; a clause's new runs keep its comments and highlights on their words
(:mod:`itu_nb.amendments.retyping`).
"""

from __future__ import annotations

import dataclasses
import datetime

from itu_nb.amendments.editor import _Editor, _section_slot
from itu_nb.amendments.inserting import Runs, apply_units
from itu_nb.amendments.lists import _COUNTED, Session
from itu_nb.amendments.moving import name_moves
from itu_nb.amendments.operations import (
    AddSection,
    Comment,
    DeleteClause,
    EditError,
    EditText,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    Renumber,
    ReplaceClause,
    ReplaceWords,
)
from itu_nb.amendments.relettering import _repath
from itu_nb.amendments.retyping import retype_runs
from itu_nb.amendments.suggesting import _APPENDED
from itu_nb.amendments.wording import edit_runs, find_words
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Proposal
from itu_nb.parsing.labels import section_keyword

__all__ = [
    "AddSection",
    "Comment",
    "DeleteClause",
    "EditText",
    "EditError",
    "RUNS",
    "InsertClause",
    "InsertWords",
    "MoveClause",
    "Relabel",
    "Renumber",
    "ReplaceClause",
    "ReplaceWords",
    "apply_in",
    "apply_ops",
    "describe",
    "retype_runs",
    "section_run",
    "edit_runs",
    "find_words",
]


def section_run(session: Session, proposal: Proposal, ops, author: str | None, date: str) -> tuple[Proposal, int, bool]:
    """Apply a run of new sections continuing one (``noting further`` after ``noting``, again and again) at once.

    One by one, each goes right after the section it continues, before those of its name added
    earlier, which each take the next ``#n``: every one of them is repathed per section (1,000
    sections: about 500,000 path changes).  Here the run is replayed on the top level's order: each
    new section gets its key as :meth:`Session.repath <itu_nb.amendments.lists.Session.repath>` gives
    a new section at the path of its name (its items theirs), in the order of the operations, and the
    sections of the name are repathed once, to ``name``, ``name#2``… in their final order.  A section
    keeps its key when its path changes (the path it had becomes its ``uid``), and its items theirs,
    as one by one: the result is the same field for field (``tests/test_amend_linear.py``).

    Only when no top-level clause has the name's path (``name`` or ``name#n``), no clause holds the
    name as its key, and every operation adds a section of the same name, at its default place,
    continuing a section of the text.  Returns the edited proposal, the number of operations applied,
    and whether any could be (False: apply them one by one).
    """
    first = ops[0]
    name = section_keyword(first.name.strip()) if isinstance(first, AddSection) else None
    if name is None or "/" in name:
        return proposal, 0, False
    tops = list(proposal.clauses)
    words = name.split(" ")
    heads = {" ".join(words[:k]) for k in range(1, len(words))}
    if not any(c.kind is NodeKind.SECTION and c.section in heads for c in tops):
        return proposal, 0, False  # not a section continuing another: its place moves on with each
    if any(_COUNTED.sub("", c.path) == name for c in tops):
        return proposal, 0, False
    session.begin(proposal)
    if session.has_key(name):
        return proposal, 0, False
    index = _section_slot(tops, name)  # the same for each: the new sections are none of those it follows
    editor = _Editor(proposal, author, date, session)
    made: list[Clause] = []
    for op in ops:
        if (
            type(op) is not AddSection
            or op.after is not None
            or op.before is not None
            or section_keyword(op.name.strip()) != name
        ):
            break
        try:
            section = editor._section(name, op)
        except ItuNbError:
            break  # applied one by one: the same error
        made.append(session.fresh_section(section))
    if not made:
        return proposal, 0, False
    block = []
    for j, c in enumerate(reversed(made)):
        if j:
            path = f"{name}#{j + 1}"
            uid = c.uid if c.uid is not None else c.path
            c = dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))
        block.append(c)
    tops[index:index] = block
    return dataclasses.replace(proposal, clauses=tuple(tops)), len(made), True


def _strike(
    session: Session, proposal: Proposal, path: str, author: str | None, date: str
) -> tuple[Proposal, list, Clause | None]:
    """The clause at ``path`` struck from its list (:meth:`_Editor.delete_clause`), for a run of moves."""
    editor = _Editor(proposal, author, date, session)
    editor.delete_clause(DeleteClause(path), moved=True)
    return editor.p, editor.dirty, editor.gone


def _words(
    session: Session, proposal: Proposal, op: ReplaceWords | InsertWords, author: str | None, date: str
) -> Proposal:
    """``proposal`` with the words edited by ``op`` (:meth:`_Editor.replace_words`, ``insert_words``), for a run of strikes."""
    editor = _Editor(proposal, author, date, session)
    getattr(editor, _METHODS[type(op)])(op)
    return editor.p


#: What :func:`~itu_nb.amendments.inserting.apply_units` needs to apply runs of new sections, of moves
#: and of strikes at once.
RUNS = Runs(section_run, _strike, _words)


_METHODS = {
    ReplaceWords: "replace_words",
    InsertWords: "insert_words",
    InsertClause: "insert_clause",
    DeleteClause: "delete_clause",
    ReplaceClause: "replace_clause",
    MoveClause: "move_clause",
    AddSection: "add_section",
    Relabel: "relabel",
    Renumber: "renumber",
}


def describe(op) -> str:
    """One line saying what an operation does, for provenance."""
    values = ((f.name, getattr(op, f.name)) for f in dataclasses.fields(op))  # asdict would deep-copy
    fields = ", ".join(f"{k}={v!r}" for k, v in values if v not in (None, (), False))
    return f"{type(op).__name__}({fields})"


def apply_ops(proposal: Proposal, ops, *, author: str | None = None, date: str | None = None) -> Proposal:
    """Apply edit operations in order; return a new proposal whose tracked changes are the edits.

    Each operation sees the result of the previous ones (addresses are read in the
    amended view of the version it applies to), and paths are recomputed after each
    (where they can have changed: see :mod:`itu_nb.amendments.lists`).
    """
    session = Session()
    day = date or datetime.date.today().isoformat()
    p, notes = apply_units(
        session,
        proposal,
        [(None, [op]) for op in ops],
        lambda p, _, ops: apply_in(session, p, ops, author=author, date=day),
        lambda _, op: f"{author or 'anonymous'} {day}: {describe(op)}",
        author,
        day,
        RUNS,
    )
    p = name_moves(p)  # each move's two ends under one name
    return dataclasses.replace(p, provenance=proposal.provenance + tuple(notes))


def apply_in(
    session: Session, proposal: Proposal, ops, *, author: str | None = None, date: str | None = None
) -> tuple[Proposal, list[str]]:
    """:func:`apply_ops` within ``session`` (what it knows of the text's lists is kept for the next call).

    Returns the edited proposal (its provenance as given) and one provenance note per operation.
    """
    date = date or datetime.date.today().isoformat()
    p = proposal
    notes = []
    for op in ops:
        method = _METHODS.get(type(op))
        appended = _APPENDED.get(type(op))
        if method is None and appended is None:
            raise EditError(f"not an edit operation: {op!r}")
        session.begin(p)
        editor = _Editor(p, author, date, session)
        if appended is not None:
            appended(editor, op)
        else:
            getattr(editor, str(method))(op)
        p = session.repath(editor.p, editor.dirty, False)
        notes.append(f"{author or 'anonymous'} {date}: {describe(op)}")
    return p, notes
