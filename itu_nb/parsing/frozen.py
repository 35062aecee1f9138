"""The parser's constructors for the model's frozen :class:`Clause` and :class:`Run`, at the cost of plain objects.

A loader makes a :class:`~itu_nb.model.Clause` and a :class:`~itu_nb.model.Run` or two per paragraph.  The
model's constructors write each slot through its descriptor's ``__set__`` (a frozen dataclass refuses plain
assignment), and those calls were a third of the text parser's instructions on a list of short items.  Here
an object of a twin class with the very same slots, and no ``__setattr__`` of its own, is filled by plain
assignment (the interpreter's fast slot store) and then made the model's class by ``__class__`` assignment,
which Python allows between classes of the same slot layout.  What comes out *is* a ``Clause`` or a ``Run``
(``type(x) is Clause``), equal and hashed as the model's constructor would make it, and frozen from then on;
nothing holds the twin.

The twins are built from the model's own ``__slots__``, and this module refuses to load when those are not
the dataclass's fields in their order (a field added to the model then fails every test at once, instead
of a slot being left unset).
"""

from __future__ import annotations

import dataclasses

from itu_nb.model import Artefact, Clause, NodeKind, Op, Run

__all__ = ["clause", "equal_run", "run"]

for _cls in (Clause, Run):
    if tuple(f.name for f in dataclasses.fields(_cls)) != _cls.__slots__ or _cls.__bases__ != (object,):
        raise ImportError(f"itu_nb.parsing.frozen: {_cls.__name__}'s slots are not its fields; update the twins")


class _Clause:
    """A :class:`Clause` being filled (same slots, plain assignment)."""

    __slots__ = Clause.__slots__
    kind: NodeKind
    path: str
    label_runs: tuple[Run, ...]
    runs: tuple[Run, ...]
    children: tuple[Clause, ...]
    section: str | None
    line: int | None
    artefacts: tuple[Artefact, ...]
    notes: tuple[str, ...]
    uid: str | None
    settled: tuple[str, ...]


class _Run:
    """A :class:`Run` being filled (same slots, plain assignment)."""

    __slots__ = Run.__slots__
    op: Op
    text: str
    author: str | None
    date: str | None
    inferred: bool
    move: str | None


_new = object.__new__
_EQUAL = Op.EQUAL


def clause(
    kind: NodeKind,
    path: str,
    label_runs: tuple[Run, ...],
    runs: tuple[Run, ...],
    children: tuple[Clause, ...],
    section: str | None,
    line: int | None,
    artefacts: tuple[Artefact, ...],
    notes: tuple[str, ...],
) -> Clause:
    """``Clause(kind, path, label_runs, runs, children, section, line, artefacts, notes)``: no ``uid``, nothing settled.

    The arguments are taken as they are: tuples, as the model holds them.
    """
    c = _new(_Clause)
    c.kind = kind
    c.path = path
    c.label_runs = label_runs
    c.runs = runs
    c.children = children
    c.section = section
    c.line = line
    c.artefacts = artefacts
    c.notes = notes
    c.uid = None
    c.settled = ()
    c.__class__ = Clause  # type: ignore[assignment]
    return c  # type: ignore[return-value]


def run(
    op: Op,
    text: str,
    author: str | None = None,
    date: str | None = None,
    inferred: bool = False,
    move: str | None = None,
) -> Run:
    """``Run(op, text, author, date, inferred, move)``."""
    r = _new(_Run)
    r.op = op
    r.text = text
    r.author = author
    r.date = date
    r.inferred = inferred
    r.move = move
    r.__class__ = Run  # type: ignore[assignment]
    return r  # type: ignore[return-value]


def equal_run(text: str) -> Run:
    """``Run(Op.EQUAL, text)``."""
    r = _new(_Run)
    r.op = _EQUAL
    r.text = text
    r.author = r.date = r.move = None
    r.inferred = False
    r.__class__ = Run  # type: ignore[assignment]
    return r  # type: ignore[return-value]
