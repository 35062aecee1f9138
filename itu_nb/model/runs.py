"""Runs of text and the changes they make: the model's smallest parts.

:class:`Run` is a stretch of text with one :class:`Op` (equal, insert, delete, in
diff-match-patch's vocabulary -1, 0, 1); :class:`Artefact` keeps source text that is not
document text.  Runs are grouped into changes by :mod:`itu_nb.model.change`.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "HOMOGLYPHS",
    "VIEWS",
    "Artefact",
    "Op",
    "Run",
    "interleave",
    "join_runs",
    "runs_text",
]

VIEWS = ("original", "amended")


class Op(enum.IntEnum):
    """What a run of text does; the values are diff-match-patch's.

    Examples
    --------
    >>> [(op.name, int(op)) for op in itu_nb.Op]
    [('DELETE', -1), ('EQUAL', 0), ('INSERT', 1)]
    >>> itu_nb.Op.INSERT.in_view("original"), itu_nb.Op.INSERT.in_view("amended")
    (False, True)
    """

    DELETE = -1
    EQUAL = 0
    INSERT = 1

    def in_view(self, view: str | None) -> bool:
        """True when text with this op is visible in ``view`` (None = both sides)."""
        if view is None:
            return True
        if view == "original":
            return self is not Op.INSERT
        if view == "amended":
            return self is not Op.DELETE
        raise ValueError(f"unknown view {view!r}; use 'original' or 'amended'")


@dataclass(frozen=True, slots=True, init=False)
class Run:
    """A stretch of text with one op.

    Attributes
    ----------
    op : Op
        equal, insert or delete.
    text : str
        The characters.
    author, date : str or None
        Who made the change and when, where the source says so.
    inferred : bool
        True when the loader deduced the op from the text itself (for example a
        run-together citation in a flattened extraction) rather than reading a mark.
    move : str or None
        For text moved by the author (Word's ``w:moveFrom`` / ``w:moveTo``), the move's
        name: the deleted run is where it left, the inserted run where it arrived.

    Examples
    --------
    Brazil's heading of Resolution 130 replaces "Busan, 2014" by "Dubai, 2018":

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> deleted, inserted = doc["B/67/4"]["heading"].runs[1:3]
    >>> deleted
    Run(op=<Op.DELETE: -1>, text='Busan, 2014', author='Brazil', date=None, inferred=False, move=None)
    >>> inserted.text, inserted.in_view("original"), inserted.in_view("amended")
    ('Dubai, 2018', False, True)
    """

    op: Op
    text: str
    author: str | None = None
    date: str | None = None
    inferred: bool = False
    move: str | None = None

    def __init__(
        self,
        op: Op,
        text: str,
        author: str | None = None,
        date: str | None = None,
        inferred: bool = False,
        move: str | None = None,
    ) -> None:
        # the slots written through their descriptors: what the frozen dataclass's own __init__
        # does through object.__setattr__, at half the cost (loaders make a run per piece of text)
        # (a new field goes here too: tests/test_model_slots.py lists the fields)
        _RUN_OP(self, op)
        _RUN_TEXT(self, text)
        _RUN_AUTHOR(self, author)
        _RUN_DATE(self, date)
        _RUN_INFERRED(self, inferred)
        _RUN_MOVE(self, move)

    def in_view(self, view: str | None) -> bool:
        """True when the run's text is visible in ``view`` (None = both sides)."""
        return self.op.in_view(view)

    def with_text(self, text: str) -> Run:
        """The same run with another text: ``dataclasses.replace(run, text=…)``, several times faster.

        Loaders call it for every piece of text they read.
        """
        return Run(self.op, text, self.author, self.date, self.inferred, self.move)


_RUN_OP, _RUN_TEXT, _RUN_AUTHOR, _RUN_DATE, _RUN_INFERRED, _RUN_MOVE = (
    Run.__dict__[name].__set__ for name in ("op", "text", "author", "date", "inferred", "move")
)


def runs_text(runs: Sequence[Run], view: str | None = None) -> str:
    """Join the text of the runs visible in ``view`` (None = every run, in source order)."""
    if view is None:  # no filter: the usual single run needs no join
        return runs[0].text if len(runs) == 1 else "".join([r.text for r in runs])
    if len(runs) == 1 and (view == "amended" or view == "original"):  # the usual single run: no list, no join
        return "" if runs[0].op is (Op.DELETE if view == "amended" else Op.INSERT) else runs[0].text
    if view == "amended":  # the two views spelt out: no method call per run
        return "".join([r.text for r in runs if r.op is not Op.DELETE])
    if view == "original":
        return "".join([r.text for r in runs if r.op is not Op.INSERT])
    return "".join(r.text for r in runs if r.op.in_view(view))


_OP, _TEXT = operator.attrgetter("op"), operator.attrgetter("text")


def join_runs(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Merge neighbouring runs that carry the same op, author, date and flag; drop empty runs.

    Linear in the number of runs and their length (a merged run's text is joined once, however
    many runs it is made of); a run that merges with none is kept as it is, not copied.
    """
    if not runs:
        return ()
    if len(runs) == 1:  # the usual case
        if not runs[0].text:
            return ()
        return runs if isinstance(runs, tuple) else (runs[0],)
    ops = list(map(_OP, runs))
    if not any(map(operator.is_, ops, ops[1:])) and "" not in map(_TEXT, runs):
        return tuple(runs)  # no neighbours share an op, no run is empty: nothing to merge or drop
    out: list[Run] = []
    group: list[str] = []  # texts of the runs merging into out[-1], when more than one
    last: Run | None = None
    for r in runs:
        if not r.text:
            continue
        if (
            last is not None
            and r.op is last.op
            and r.author == last.author
            and r.date == last.date
            and r.inferred == last.inferred
            and r.move == last.move
        ):
            if not group:
                group.append(last.text)
            group.append(r.text)
            continue
        if group:
            out[-1] = out[-1].with_text("".join(group))
            group = []
        out.append(r)
        last = r
    if group:
        out[-1] = out[-1].with_text("".join(group))
    return tuple(out)


def interleave(runs: tuple[Run, ...] | list[Run], artefacts) -> list[tuple[str, Op]]:
    """Runs and inline artefacts in source order, as (text, op) pieces.

    An artefact's ``offset`` is its position in the joined text of ``runs``.
    """
    out: list[tuple[str, Op]] = []
    arts = sorted(artefacts, key=lambda a: a.offset or 0)
    pos = i = 0
    for run in runs:
        start, end = pos, pos + len(run.text)
        while i < len(arts) and (arts[i].offset or 0) < end:
            cut = (arts[i].offset or 0) - start
            out.append((run.text[pos - start : cut], run.op))
            out.append((arts[i].text, arts[i].op))
            pos = start + cut
            i += 1
        out.append((run.text[pos - start :], run.op))
        pos = end
    out.extend((a.text, a.op) for a in arts[i:])
    return [(t, op) for t, op in out if t]


@dataclass(frozen=True, slots=True, init=False)
class Artefact:
    r"""Source text that is not document text (a bookmark, a footnote mark, a separator).

    Kept so that the source can be rebuilt exactly, never shown as clause text.

    Attributes
    ----------
    kind : str
        ``bookmark``, ``footnote-ref``, ``footnote-body`` (``footnote-part``: the rest of a body with
        changes inside it, one per run), ``separator``, ``blank``,
        ``marker`` (a proposal's action/id line), ``header``, ``trailer``, ``markup``,
        ``comment`` (a reviewer's comment; ``footnote-comment`` inside a note's text), ``highlight`` (a
        highlighted stretch of text; ``footnote-highlight`` inside a note's text), ``paragraph-mark`` (a tracked paragraph mark:
        an empty paragraph inserted or deleted, or a paragraph run on into the next in one view),
        ``list-label`` (a list number Word generates, kept when it is no clause label), ``keys``
        (clause keys a reload cannot derive), ``struck-insert`` (text one author inserted and another
        struck: Word's ``w:del`` inside ``w:ins``, or a clause struck by an analyst holding another
        author's insertions; in neither view, brought back as that author's insertion when the
        strike is rejected).
    text : str
        The characters exactly as in the source.
    line : int
        0-based source line.
    offset : int or None
        For inline artefacts, the position inside the owning node's source text
        (after the artefacts before it were put back); None for whole lines.
    op : Op
        The change the artefact sits in (it is hidden in the other view).
    author, date : str or None
        For a ``comment``: who wrote it and when (ISO date); for a ``paragraph-mark`` or a
        ``footnote-part`` (a change inside a note): who made the change and when; for a
        ``struck-insert``: who struck the text and when (its ``op`` is DELETE); where the source says so.
    length : int
        For a ``highlight``: how many characters of the node's text (label and body, from
        ``offset``) are highlighted; a highlight's ``text`` is empty.  0 for every other kind.
    anchor : (str, str or None) or None
        For a whole line of a document without node lines (read from Akoma Ntoso): where the line
        stood in its proposal, ``(place, after)`` as :class:`itu_nb.export.loose.LooseLine` names them
        (``("inside", "considering/a")``: after that node), so it stays there through any number of
        hops; None for every other artefact.
    inserted : (str or None, str or None) or None
        For a ``struck-insert``: who inserted the text and when, ``(author, date)``; None for every
        other kind.
    move : str or None
        For a ``footnote-part`` (a change inside a note's text) that is part of a move: the move's name, as
        :attr:`Run.move` (the note's FOOTNOTE node's run carries it); None for every other artefact.

    Examples
    --------
    A CriticMarkup comment with its author and date (``{>>@Author (date): text<<}``) and a
    highlight (``{==…==}``):

    >>> doc = itu_nb.load("considering\na)\tthat {==ICTs==}{>>@Brazil (2018-09-10): check<<} matter\n")
    >>> [(a.kind, a.text, a.author, a.date, a.offset, a.length) for a in doc[0]["considering/a"].artefacts]
    [('highlight', '', None, None, 8, 4), ('comment', 'check', 'Brazil', '2018-09-10', 12, 0)]
    """

    kind: str
    text: str
    line: int
    offset: int | None = None
    op: Op = Op.EQUAL
    author: str | None = None
    date: str | None = None
    length: int = 0
    anchor: tuple[str, str | None] | None = None
    inserted: tuple[str | None, str | None] | None = None
    move: str | None = None

    def __init__(
        self,
        kind: str,
        text: str,
        line: int,
        offset: int | None = None,
        op: Op = Op.EQUAL,
        author: str | None = None,
        date: str | None = None,
        length: int = 0,
        anchor: tuple[str, str | None] | None = None,
        inserted: tuple[str | None, str | None] | None = None,
        move: str | None = None,
    ) -> None:
        # the slots written through their descriptors, as Run does: the loaders make one per blank
        # line, marker, bookmark and comment (a new field goes here too)
        _ART_KIND(self, kind)
        _ART_TEXT(self, text)
        _ART_LINE(self, line)
        _ART_OFFSET(self, offset)
        _ART_OP(self, op)
        _ART_AUTHOR(self, author)
        _ART_DATE(self, date)
        _ART_LENGTH(self, length)
        _ART_ANCHOR(self, anchor)
        _ART_INSERTED(self, inserted)
        _ART_MOVE(self, move)

    def __repr__(self) -> str:
        # the dataclass's repr, ``move`` shown only when set (a note's text moved, which few artefacts are: every
        # other one reads as it did before the field)
        head = (
            f"Artefact(kind={self.kind!r}, text={self.text!r}, line={self.line!r}, offset={self.offset!r}, "
            f"op={self.op!r}, author={self.author!r}, date={self.date!r}, length={self.length!r}, "
            f"anchor={self.anchor!r}, inserted={self.inserted!r}"
        )
        return head + (")" if self.move is None else f", move={self.move!r})")


(
    _ART_KIND,
    _ART_TEXT,
    _ART_LINE,
    _ART_OFFSET,
    _ART_OP,
    _ART_AUTHOR,
    _ART_DATE,
    _ART_LENGTH,
    _ART_ANCHOR,
    _ART_INSERTED,
    _ART_MOVE,
) = (
    Artefact.__dict__[name].__set__
    for name in ("kind", "text", "line", "offset", "op", "author", "date", "length", "anchor", "inserted", "move")
)


#: Cyrillic letters that look like Latin ones and turn up in labels ("а)", "с)").
HOMOGLYPHS = str.maketrans("аесорхіАВСЕНКМОРТХІ", "aecopxiABCEHKMOPTXI")
