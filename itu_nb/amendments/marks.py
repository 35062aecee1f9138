"""The analyst's marks (comments and highlights) of merged proposals, carried onto the draft.

:func:`itu_nb.merge` builds its draft from the base's clauses: the base's marks move with its words
(:func:`~itu_nb.amendments.retyping._moved_offsets`), and a clause a proposal inserts is its own clause, marks
and all.  The marks made on a proposal's clauses that stand for a base clause (unchanged, modified or
relabelled: the compared pairs) are carried here: :func:`side_marks` reads them in the proposal's amended
text, :func:`carry` places them on the draft's clause, on the same words found by a word diff of the two
texts.  Where a proposal's words did not reach the draft (its edit contested, or a comment on words it
deleted, in a clause of the base or in one it inserts: :func:`inserted_marks`) a mark goes to where they
stood, never dropped; an inserted clause left out of the draft gives its
marks to the clause it was to follow (:func:`adopt`), as a decision does (:mod:`itu_nb.model.review`).

A mark already on the clause (the same comment: text, author and date; the same highlighted characters) is
not added again: proposals written on a base the analyst had marked carry the base's marks too.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from itu_nb.model import Artefact, Clause, Op, Proposal, Run, runs_text
from itu_nb.model.clause import placer

__all__ = ["MARKS", "adopt", "carry", "inserted_marks", "mark_key", "side_marks", "struck_marks"]

#: The artefacts an analyst adds: carried from every proposal onto a merged draft.
MARKS = ("comment", "highlight")

#: A proposal's mark for a base clause: (the base clause's path, the proposal clause's amended label and text,
#: the mark with its offset in that text).
SideMark = tuple[str, str, Artefact]


def mark_key(source: str, a: Artefact) -> tuple:
    """What makes two marks the same mark: a comment's text, author and date; a highlight's characters.

    ``source`` is the text ``a``'s offset counts in (a clause's label runs and runs, both views).
    """
    if a.kind == "comment":
        return ("comment", a.text, a.author, a.date)
    at = a.offset or 0
    return (a.kind, source[at : at + a.length])


def _amended_marks(c: Clause) -> list[Artefact]:
    """``c``'s comments and highlights, their offsets counted in its amended label and text.

    Unlike a view, none is left out: one on words the proposal deleted goes to where they stood.
    """
    runs = c.label_runs + c.runs
    mine = [a for a in c.artefacts if a.kind in MARKS and a.offset is not None]
    if not mine:
        return []
    place = placer(runs, [not r.op.in_view("amended") for r in runs])
    out = []
    for a in mine:
        assert a.offset is not None
        start = place(a.offset)
        length = place(a.offset + a.length) - start if a.length else 0
        out.append(dataclasses.replace(a, offset=start, length=length, op=Op.EQUAL))
    return out


def inserted_marks(clause: Clause, proposal: Proposal) -> Clause:
    """``clause`` (a clause ``proposal`` inserts, as its amended view holds it) with the marks the view left out.

    The amended view drops the marks on words the proposal deleted inside the clause it inserts (inserted,
    then struck: ``that {--really --}CEPT says so``).  Each node whose own clause in ``proposal`` holds such a
    mark gets every mark of that clause, offsets counted in its amended text (:func:`_amended_marks`): one on
    deleted words stands where they stood.  So whether the clause reaches the draft or is left out (its marks
    then go to the clause it was to follow, :func:`adopt`), none is dropped.
    """

    def node(c: Clause) -> Clause:
        kids = tuple(node(k) for k in c.children)
        if kids != c.children:
            c = dataclasses.replace(c, children=kids)
        mine = proposal.get(c.path)
        if mine is None:
            return c
        have = sum(a.kind in MARKS for a in c.artefacts)
        if sum(a.kind in MARKS for a in mine.artefacts) <= have:
            return c
        text = runs_text(mine.label_runs, "amended") + runs_text(mine.runs, "amended")
        if text != runs_text(c.label_runs + c.runs, "amended"):
            return c  # not the same clause's text: left as the view gives it
        rest = tuple(a for a in c.artefacts if a.kind not in MARKS)
        return dataclasses.replace(c, artefacts=(*rest, *_amended_marks(mine)))

    return node(clause)


def side_marks(proposal: Proposal, pairs: Iterable[tuple[str, str]]) -> list[SideMark]:
    """The marks of ``proposal``'s clauses paired with base clauses: ``pairs`` of (base path, proposal path)."""
    out: list[SideMark] = []
    for base_path, path in pairs:
        c = proposal.get(path)
        if c is None or not c.artefacts:
            continue
        marks = _amended_marks(c)
        if marks:
            text = runs_text(c.label_runs, "amended") + runs_text(c.runs, "amended")
            out += [(base_path, text, a) for a in marks]
    return out


def struck_marks(proposal: Proposal, base: Proposal, gone: Sequence[str], stay: dict[str, str]) -> list[SideMark]:
    """The marks of ``proposal``'s clauses that its amended view no longer holds (struck whole), for the base.

    Each goes to the base clause the proposal deletes (``gone``, base paths) whose text the struck clause's
    original text is, on the same characters; else to the end of the nearest enclosing clause paired with the
    base (``stay``: proposal path → base path); else to the end of the base's first clause.
    """
    struck = [
        n
        for n in proposal.walk()
        if any(a.kind in MARKS for a in n.artefacts) and (n.label_runs or n.runs) and not n.exists_in("amended")
    ]
    if not struck:
        return []
    texts: dict[str, list[str]] = {}
    for gone_path in gone:
        b = base.get(gone_path)
        if b is not None:
            texts.setdefault(runs_text(b.label_runs, "amended") + runs_text(b.runs, "amended"), []).append(gone_path)
    up = {k.path: n.path for n in proposal.walk() for k in n.children}
    out: list[SideMark] = []
    for n in struck:
        runs = n.label_runs + n.runs
        text = runs_text(runs, "original")
        home = texts.get(text)
        place = placer(runs, [not r.op.in_view("original") for r in runs])
        marks = [a for a in n.artefacts if a.kind in MARKS]
        if home:
            for a in marks:
                at = place(a.offset or 0)
                length = place((a.offset or 0) + a.length) - at if a.length else 0
                out.append((home[0], text, dataclasses.replace(a, offset=at, length=length, op=Op.EQUAL)))
            continue
        above = up.get(n.path)
        while above is not None and above not in stay:
            above = up.get(above)
        target = stay[above] if above is not None else (base.clauses[0].path if base.clauses else None)
        if target is not None:  # "" counts no characters: each goes to the end of the clause
            out += [(target, "", dataclasses.replace(a, offset=0, length=0, op=Op.EQUAL)) for a in marks]
    return out


def _placer(old: str, new: str) -> Callable[[int], int]:
    """Where a place in ``old`` stands in ``new``: on the same words, or where words taken out stood."""
    from itu_nb.diff.words import diff_words

    starts: list[int] = []  # of each piece of ``old``: where it starts, where it goes in ``new``, whether equal
    to: list[int] = []
    equal: list[bool] = []
    a = b = 0
    for op, piece in diff_words(old, new).ops:
        if op <= 0:
            starts.append(a)
            to.append(b)
            equal.append(op == 0)
            a += len(piece)
        if op >= 0:
            b += len(piece)

    def place(at: int) -> int:
        if at >= len(old):
            return len(new)
        k = bisect_right(starts, at) - 1  # a binary search: thousands of marks on one clause stay cheap
        return to[k] + (at - starts[k]) if equal[k] else to[k]

    return place


def _sourcer(runs: Sequence[Run]) -> Callable[[int, bool], int]:
    """``at(x, late)``: the place in ``runs``' source text (both views) of the place ``x`` of their amended
    text: before the deletions standing there, or after them (``late``: where highlighted words start).
    """
    starts: list[int] = []  # per run of the amended text: where it starts there, where it ends, and in the source
    ends: list[int] = []
    sources: list[int] = []
    seen = pos = 0
    for r in runs:
        n = len(r.text)
        if r.op is not Op.DELETE:
            starts.append(seen)
            sources.append(pos)
            seen += n
            ends.append(seen)
        pos += n

    def at(x: int, late: bool) -> int:
        k = (bisect_right if late else bisect_left)(ends, x)
        return pos if k == len(ends) else sources[k] + x - starts[k]

    return at


def _present(source: str, arts: Iterable[Artefact]) -> Counter[tuple]:
    return Counter(mark_key(source, a) for a in arts if a.kind in MARKS)


def carry(clause: Clause, marks: Sequence[tuple[object, str, Artefact]]) -> Clause:
    """``clause`` (a draft's) with ``marks`` added on the same words: (whose, the amended text they count in, mark).

    Each shows in both views, as a mark the analyst adds does (in the original view one on inserted words
    stands where they would go).  Those the clause holds already are not added again: of one proposal's
    (``whose``) marks of one key, only as many as the clause holds fewer; so the draft holds each mark as many
    times as the base or one proposal did, at most (two comments alike on one clause stay two).
    """
    runs = clause.label_runs + clause.runs
    source = "".join(r.text for r in runs)
    amended = runs_text(runs, "amended")
    source_at = _sourcer(runs)
    places: dict[str, Callable[[int], int]] = {}
    added: list[Artefact] = []
    have: Counter[tuple] = Counter()
    whose: object = object()
    for who, text, a in marks:
        if who != whose:  # the next proposal's marks: against every mark the clause holds now
            whose, have = who, _present(source, (*clause.artefacts, *added))
        if text not in places:
            places[text] = _same if text == amended else _placer(text, amended)
        place = places[text]
        at = a.offset or 0
        start = source_at(place(at), a.length > 0)
        end = max(start, source_at(place(at + a.length), False)) if a.length else start
        moved = dataclasses.replace(a, offset=start, length=end - start, op=Op.EQUAL)
        key = mark_key(source, moved)
        if have[key]:
            have[key] -= 1
        else:
            added.append(moved)
    if not added:
        return clause
    return dataclasses.replace(clause, artefacts=(*clause.artefacts, *added))


def _same(at: int) -> int:
    return at


def adopt(node: Clause, groups: Sequence[Sequence[Artefact]], *, at_end: bool) -> Clause:
    """``node`` with the marks of clauses left out of the draft (a group per clause), at its end (or start), in
    both views; a comment the node holds already is not added again (counted as :func:`carry` counts).
    """
    source = "".join(r.text for r in node.label_runs + node.runs)
    at = len(source) if at_end else 0
    moved: list[Artefact] = []
    for group in groups:
        have = _present(source, (a for a in (*node.artefacts, *moved) if a.kind == "comment"))
        for a in group:
            key = mark_key(source, a)
            if a.kind == "comment" and have[key]:
                have[key] -= 1
                continue
            moved.append(dataclasses.replace(a, offset=at, length=0, op=Op.EQUAL))
    if not moved:
        return node
    return dataclasses.replace(node, artefacts=(*node.artefacts, *moved) if at_end else (*moved, *node.artefacts))
