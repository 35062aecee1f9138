"""Run-level surgery shared by the edit operations and the merge: find words, edit runs, strike, copy.

Positions are offsets in a clause's amended text; edits become DELETE/INSERT runs with
an author and date, and the original view is never changed.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import operator
import re

from itu_nb.amendments.operations import EditError
from itu_nb.model import Artefact, Clause, NodeKind, Op, Proposal, Run, join_runs, runs_text
from itu_nb.model.clause import view_artefacts
from itu_nb.model.review import settled_artefacts
from itu_nb.model.struck import STRUCK, struck_inserts, with_struck
from itu_nb.parsing import keywords as kw

__all__ = [
    "delete_node",
    "edit_runs",
    "edit_spans",
    "edited_artefacts",
    "find_words",
    "inserted_copy",
    "map_children",
    "move_name",
    "map_node",
    "near_words",
    "newcomer",
    "peel",
    "taken_marks",
]


# ----------------------------------------------------------------------------
# runs
# ----------------------------------------------------------------------------
def edit_runs(runs, start: int, end: int, new: str, author, date, *, struck: list | None = None) -> tuple[Run, ...]:
    """Delete amended characters ``start:end`` and insert ``new`` there, as tracked runs.

    Text inserted inside ``start:end`` is taken out, not struck (the model has no nested changes).  With
    ``struck`` (a list), each piece of it another author than ``author`` inserted is added to it as
    ``(offset, run)``: the piece as that author's insertion, and where it stood in the new runs' text (both
    views), for :func:`edited_artefacts` to keep it as a ``struck-insert``; the analyst's own insertions vanish.
    """
    out: list[Run] = []
    pos = 0
    placed = not new
    for r in runs:
        if r.op is Op.DELETE:
            out.append(r)
            continue
        n = len(r.text)
        s, e = min(max(start - pos, 0), n), min(max(end - pos, 0), n)
        out.append(r.with_text(r.text[:s]))
        if r.op is Op.EQUAL and e > s:
            out.append(Run(Op.DELETE, r.text[s:e], author, date))
        elif struck is not None and e > s and r.author != author:  # another author's insertion: kept aside
            struck.append((sum(len(x.text) for x in out), r.with_text(r.text[s:e])))
        if not placed and pos <= end <= pos + n:
            out.append(Run(Op.INSERT, new, author, date))
            placed = True
        out.append(r.with_text(r.text[e:]))
        pos += n
    if not placed:
        out.append(Run(Op.INSERT, new, author, date))
    return join_runs(out)


def edit_spans(runs, spans, author, date) -> tuple[tuple[Run, ...], list[tuple[int, Run]]]:
    """``runs`` with each ``(start, end, new)`` of ``spans`` (amended offsets, in order, not overlapping) made as
    :func:`edit_runs` makes one, and the pieces of another author's insertions they took out (``(offset in the new
    runs' text, run)``, in text order: for :func:`edited_artefacts`).

    One pass over the runs, whatever the number of spans (the same runs as one :func:`edit_runs` per span from the
    last, which went over every run once per span: 1,000 spans in a clause of 2,000 runs took seconds).
    """
    spans = list(spans)
    if len(spans) == 1:
        struck: list[tuple[int, Run]] = []
        start, end, new = spans[0]
        return edit_runs(runs, start, end, new, author, date, struck=struck), struck
    out: list[Run] = []
    struck = []
    size = 0  # the length of the texts in ``out``
    pos = k = 0  # amended offset of the run; the first span not placed yet
    for r in runs:
        if r.op is Op.DELETE or k == len(spans):
            out.append(r)
            size += len(r.text)
            continue
        n = len(r.text)
        done = 0  # characters of ``r`` written
        while k < len(spans) and spans[k][0] <= pos + n:
            start, end, new = spans[k]
            s, e = min(max(start - pos, 0), n), min(max(end - pos, 0), n)
            if s > done:
                out.append(r.with_text(r.text[done:s]))
                size += s - done
            if e > s:
                piece = r.text[s:e]
                if r.op is Op.EQUAL:
                    out.append(Run(Op.DELETE, piece, author, date))
                    size += e - s
                elif r.author != author:  # another author's insertion: kept aside
                    struck.append((size, r.with_text(piece)))
            done = max(done, e)
            if end > pos + n:  # the span goes on in the next runs
                break
            if new:
                out.append(Run(Op.INSERT, new, author, date))
                size += len(new)
            k += 1
        out.append(r.with_text(r.text[done:]) if done else r)
        size += n - done
        pos += n
    out += [Run(Op.INSERT, new, author, date) for _, _, new in spans[k:] if new]
    return join_runs(out), struck


def edited_artefacts(c: Clause, runs: tuple[Run, ...], arts, struck, author, date) -> tuple:
    """``arts`` (``c``'s artefacts placed in its new body ``runs``) with the pieces ``struck`` (:func:`edit_spans`:
    another author's insertions an edit by ``author`` took out) among them as ``struck-insert`` artefacts
    (:mod:`itu_nb.model.struck`) at their places, in neither view: rejecting the edit brings them back.
    """
    if not struck:
        return tuple(arts)
    label = sum(len(r.text) for r in c.label_runs)
    line = -1 if c.line is None else c.line
    kept = []
    for at, run in struck:
        art = Artefact(STRUCK, run.text, line, label + at, Op.DELETE, author, date)
        kept.append((label + at, dataclasses.replace(art, inserted=(run.author, run.date))))
    return with_struck(arts, arts, kept)


_HYPHENS, _QUOTES, _APOS = "-\u2010\u2011", '"\u201c\u201d', "'\u2018\u2019"
#: Hyphens, quotes and apostrophes compared loosely: each variant reads as the first of its group.
_LOOSE = str.maketrans({ch: group[0] for group in (_HYPHENS, _QUOTES, _APOS) for ch in group[1:]})
_SPACE_RUN = re.compile(r"\s+")
_WORD_CHAR = re.compile(r"\w")
#: Longest words (in characters) for which :func:`near_words` looks for near matches.
NEAR_MAX_CHARS = 200


def _canonical(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with loose characters unified and each run of spaces as one space, and the offset map.

    Returns the canonical text and two parallel lists: where each piece starts in it, and where
    that piece starts in ``text`` (a piece is a stretch between space runs, or one space run).
    """
    pieces, canon_at, text_at = [], [], []
    c = o = 0
    for m in _SPACE_RUN.finditer(text):
        if m.start() > o:
            pieces.append(text[o : m.start()])
            canon_at.append(c)
            text_at.append(o)
            c += m.start() - o
        pieces.append(" ")
        canon_at.append(c)
        text_at.append(m.start())
        c, o = c + 1, m.end()
    if o < len(text):
        pieces.append(text[o:])
        canon_at.append(c)
        text_at.append(o)
    return "".join(pieces).translate(_LOOSE), canon_at, text_at


def _to_text(canon_at: list[int], text_at: list[int], x: int) -> int:
    i = bisect.bisect_right(canon_at, x) - 1
    return text_at[i] + (x - canon_at[i])


def find_words(text: str, words: str) -> list[tuple[int, int]]:
    """Spans of ``words`` in ``text``: whole words first, then anywhere; spaces, hyphens and quotes loosely.

    Linear in the length of both: the two are compared in a canonical form (each run of spaces
    one space, hyphen, quote and apostrophe variants unified) with ``str.find``, never through a
    regular expression built from ``words`` (a long quotation would make a huge one).
    """
    if not words.strip():
        raise EditError("no words given to look for")
    want = _SPACE_RUN.sub(" ", words.strip()).translate(_LOOSE)
    canon, canon_at, text_at = _canonical(text)
    for bounded in (True, False):
        check_start = bounded and want[:1].isalnum()
        check_end = bounded and want[-1:].isalnum()
        spans, at = [], canon.find(want)
        while at >= 0:
            end = at + len(want)
            if (check_start and at > 0 and _WORD_CHAR.match(canon, at - 1)) or (
                check_end and end < len(canon) and _WORD_CHAR.match(canon, end)
            ):
                at = canon.find(want, at + 1)
                continue
            spans.append((_to_text(canon_at, text_at, at), _to_text(canon_at, text_at, end - 1) + 1))
            at = canon.find(want, end)
        if spans:
            return spans
    return []


def near_words(text: str, words: str) -> list[str]:
    """Up to three runs of words in ``text`` that look like ``words`` (for "did you mean" messages).

    None for words longer than :data:`NEAR_MAX_CHARS` (a hint is no use there, and the search
    would grow with the product of both lengths).
    """
    if len(words) > NEAR_MAX_CHARS:
        return []
    tokens = text.split()
    n = max(1, len(words.split()))
    grams = {" ".join(tokens[i : i + k]) for k in (n - 1, n, n + 1) if k > 0 for i in range(len(tokens) - k + 1)}
    return difflib.get_close_matches(words, sorted(grams), n=3, cutoff=0.5)


# ----------------------------------------------------------------------------
# tree surgery (paths of the version being edited; repath once at the end)
# ----------------------------------------------------------------------------
def map_node(clauses, path: str, fn) -> tuple[Clause, ...]:
    """``clauses`` with the clause at ``path`` (at any depth) replaced by ``fn(clause)``."""
    out = []
    for c in clauses:
        if c.path == path:
            c = fn(c)
        elif path.startswith(c.path + "/"):
            c = dataclasses.replace(c, children=map_node(c.children, path, fn))
        out.append(c)
    return tuple(out)


def map_children(p: Proposal, parent: Clause | None, fn) -> Proposal:
    """``p`` with the children of ``parent`` (its top-level clauses when None) replaced by ``fn(children)``."""
    if parent is None:
        return dataclasses.replace(p, clauses=tuple(fn(list(p.clauses))))
    return dataclasses.replace(
        p,
        clauses=map_node(
            p.clauses, parent.path, lambda c: dataclasses.replace(c, children=tuple(fn(list(c.children))))
        ),
    )


def delete_node(c: Clause, author, date, moved: bool = False) -> Clause | None:
    """``c`` and its children struck through as deletions by ``author``; None when nothing of it is left.

    ``moved``: struck by a move, the text it strikes carries the move's name (:func:`move_name`, each clause its own,
    the names its copy's runs carry), so the move's runs are its own, apart from deletions its author made the same
    day in the clause before (:func:`~itu_nb.amendments.moving.name_moves` names no run by author and date).

    Text the edit had inserted disappears instead of being struck; a clause that was only inserted by ``author``
    therefore disappears altogether.  Text another author inserted (a proposal's insertion the analyst strikes) is
    kept where it stood as a ``struck-insert`` artefact (:mod:`itu_nb.model.struck`), in neither view, so that
    rejecting the strike brings it back.  A clause another author inserted whole (every run an insertion, label
    too) is so kept with no runs at all: its label's and its text's struck-inserts at offset 0, its kind, key and
    place in the tree its own (:func:`itu_nb.model.struck.restore` gives the label back as a label).
    """
    name = move_name(c) if moved else None

    def strike(runs):
        return join_runs(
            [
                Run(Op.DELETE, r.text, author, date, move=name) if r.op is Op.EQUAL else r
                for r in runs
                if r.op is not Op.INSERT
            ]
        )

    kids = tuple(k for k in (delete_node(ch, author, date, moved) for ch in c.children) if k is not None)
    label, body = strike(c.label_runs), strike(c.runs)
    runs = c.label_runs + c.runs
    inserted = any(r.op is Op.INSERT for r in runs)
    struck = struck_inserts(runs, c.line, author, date) if inserted else []
    if not label and not body and not kids and not struck:
        return None
    arts = c.artefacts
    if inserted:  # text taken out: what follows moves back
        placed = settled_artefacts(runs, [None if r.op is Op.INSERT else r for r in runs], [], arts) if arts else ()
        arts = with_struck(arts, placed, struck) if struck else placed
    return dataclasses.replace(c, label_runs=label, runs=body, children=kids, artefacts=arts)


def inserted_copy(c: Clause, path: str, author, date, *, move: bool = True) -> Clause:
    """A copy of ``c`` as it reads when amended, every run an insertion (for a move).

    With ``move`` (a move's copy), each run carries the move's name (:attr:`~itu_nb.model.Run.move`), that of
    ``c`` and of each sub-clause its own (:func:`move_name`): the struck original's
    runs are given the same name once the edit is made (:func:`~itu_nb.amendments.moving.name_moves`), and the
    copy is read from no line (:attr:`~itu_nb.model.Clause.line` None, as a clause an edit inserts): the source
    line stays its original's, which every line-based writer writes at its place (a copy that kept it took the
    place of its struck original, which was lost from Word and CriticMarkup).
    """
    name = move_name(c) if move else None

    def ins(runs):
        text = runs_text(runs, "amended")
        return (Run(Op.INSERT, text, author, date, move=name),) if text else ()

    kids = tuple(
        # (a note keeps its name, fn1: the writers find a node's notes by it, and a note named 0 was lost from Word
        # and CriticMarkup; the list's repath gives the other children theirs)
        inserted_copy(k, f"{path}/{_name(k) if k.kind is NodeKind.FOOTNOTE else i}", author, date, move=move)
        for i, k in enumerate(c.children)
        if k.exists_in("amended")
    )
    # its comments and highlights as they stand in the amended text, the copy's text
    arts = view_artefacts(c, "amended") if c.artefacts else ()
    line = None if move else c.line  # a move's copy is read from no line: its struck original keeps that line
    return dataclasses.replace(
        c, path=path, label_runs=ins(c.label_runs), runs=ins(c.runs), children=kids, artefacts=arts, line=line
    )


def _name(c: Clause) -> str:
    """The last component of ``c``'s path (a note's ``fn1``)."""
    return c.path.rpartition("/")[2]


#: How the name of a move made by an edit starts: ``move-`` and the key of the clause moved (``move-resolves/3``).
MOVE_PREFIX = "move-"


def move_name(c: Clause) -> str:
    """The name a move of ``c`` gives its two ends: the name ``c`` carries already when it is itself a move's copy
    (all inserted, its runs of a move under one name: moved again, it keeps the first move's name, its struck
    original's), else ``move-`` and ``c``'s key, which no other clause of its proposal holds.
    """
    runs = c.label_runs + c.runs
    names = {r.move for r in runs if r.move is not None and r.op is Op.INSERT}  # (its new label may have none yet)
    if len(names) == 1 and all(r.op is Op.INSERT for r in runs if r.text):
        return names.pop()
    return MOVE_PREFIX + c.key


#: The analyst's marks: what a move hands from the struck original to its copy.
MARKS = ("comment", "highlight")


def _holds_marks(c: Clause) -> bool:
    return any(a.kind in MARKS and a.op.in_view("amended") for a in c.artefacts)


def taken_marks(c: Clause) -> Clause:
    """``c`` without the comments and highlights its moved copy (:func:`inserted_copy`) takes: what a move strikes.

    A comment belongs to the words it was made on, and is shown once.  After a move those words read in
    the copy, so the copy holds every comment and highlight that shows in the amended view (on the clause
    and on each sub-clause the copy holds); the struck original keeps only those made inside text the
    copy does not hold (deleted text, a sub-clause gone from the amended view).  So each view, the
    redline, the tables and every export show such a mark once, on the copy; ``c`` itself when it has none.
    """
    kids = tuple(taken_marks(k) if k.exists_in("amended") else k for k in c.children)
    arts = c.artefacts
    if _holds_marks(c):
        arts = tuple(a for a in arts if not (a.kind in MARKS and a.op.in_view("amended")))
    if arts is c.artefacts and all(map(operator.is_, kids, c.children)):
        return c
    return dataclasses.replace(c, artefacts=arts, children=kids)


def newcomer(copy: Clause, held: set[str]) -> Clause:
    """A moved ``copy`` without the identities its struck original keeps (``held``: the keys of what is left of it).

    The struck original stays where it was and keeps its identity (its key, and the ids of its
    changes, whatever earlier instructions relettered it); the copy is a new clause, keyed as any new
    clause by the path it is placed at.  An identity of the copy that nothing struck holds (a sub-item
    that was itself only inserted, and goes altogether from the original) stays with the copy.
    """
    kids = tuple(newcomer(k, held) for k in copy.children)
    uid = None if copy.uid in held else copy.uid
    if uid == copy.uid and kids == copy.children:
        return copy
    return dataclasses.replace(copy, uid=uid, children=kids)


def peel(text: str) -> tuple[str | None, str]:
    """Split a leading label off ``text``: ``(label, rest)``, or ``(None, text)`` when it has none."""
    m = kw.LABEL.match(text) or _SPACED.match(text)
    if m and (len(bare := m.group("label").strip("()")) <= 2 or kw.NUMERAL.match(bare.lower())):
        return m.group("label"), text[m.end() :]  # a letter label, or a roman numeral up to 3999 (xxxviii), dcc))
    return None, text


#: A label followed by spaces rather than the TAB :data:`kw.LABEL` asks for (``c) text``, ``xxxviii) text``): a
#: letter or two, or what may be a roman numeral (checked against :data:`kw.NUMERAL`, as labels go to 3999).
_SPACED = re.compile(r"^(?P<label>\(?(?:[a-zA-Z]{1,2}|[ivxlcdm]{3,15})\))(?P<sep>\s+)")
