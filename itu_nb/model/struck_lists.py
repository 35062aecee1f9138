r"""The labels of a list after some of its struck clauses are decided: what the striker's remaining strikes imply.

An analyst who strikes a clause another author inserted whole (:func:`itu_nb.model.struck_ids.kept_whole`) letters
the clauses after it again, as Word's numbering would: Doc 67 B/67/4 considering ``g) h) i) j) k)``, Brazil's
``i)`` and ``j)`` struck by Ana, Brazil's ``k)`` becomes ``i)``.  Deciding the strikes one at a time must leave the
live items lettered as the strikes that remain imply: reject the strike of ``i)`` and ``j)`` is still struck, so
``i)`` is back as ``i)`` and ``k)`` reads ``j)``; reject that of ``j)`` and ``i)`` is still struck, so Brazil's
``j)`` reads ``i)`` and ``k)`` ``j)`` — what ``amend`` gives with the remaining instruction alone.

:func:`plan` reads the list before the decision (:class:`Item` per clause of the list that the striker's changes
leave live: live, struck, or deleted in force by the striker) and checks that its live items are lettered as the
strikes imply: from the striker's first strike, deletion or relabel on, each live item the next letter of the list
(number, letter, Word's ``aa``…, roman), a struck or deleted clause taking none.  A list that reads otherwise (a
label out of sequence, two schemes, a relabel decided apart against what the strikes imply, strikes by two
strikers) keeps the rule it had: every label change of the striker's after a decided strike is decided with it
(:func:`itu_nb.model.struck_ids.relettered`).  Then, after the decision, each live item of that stretch gets the
letter the walk gives it, in one of three forms (:func:`rewrite`):

- its inserter's own letter (the striker's relabel rejected) when that is the one;
- else a relabel of the striker's (the inserter's letter struck, the new one inserted, on the strike's date) while
  a strike or deletion of the striker's in the list is still pending;
- else (every strike decided, some accepted: those clauses are gone) the new letter accepted
  (:func:`accepted_label`).

Each form depends only on which strikes are accepted, rejected or pending, never on the order of the decisions,
so decisions commute.  A deletion of a clause in force keeps its own semantics (its relabels are changes of their
own, as Word shows them): it takes no letter and counts as pending while it is; deciding it (rejected: it takes
its letter back beside the relabels left) makes the list read otherwise for the next strike decided, which then
keeps the rule it had.  A decision by author or on every change decides the relabels with the strikes: accepted,
they take the letters the walk gives.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from itu_nb.model.clause import placer
from itu_nb.model.runs import Artefact, Op, Run, join_runs
from itu_nb.model.struck import STRUCK
from itu_nb.model.struck_ids import KIND, clause_id, kept_whole, label_changes, relettered, struck_changes

__all__ = ["Item", "Plan", "plan", "rewrite"]

_PARTS = re.compile(r"^(?P<pre>\(?)(?P<bare>[^\s()]+?)(?P<post>\)?\.?\s*)$", re.S)
_KEPT_LABEL = re.compile(r"^\(?[^\s()]+?\)?\.?\t")


class Item(NamedTuple):
    """A clause of a list the striker's changes leave live: ``state`` ``live``, ``struck`` (kept whole, its strike
    pending) or ``deleted`` (in force, deleted by the striker); ``base`` its bare letter as its inserter wrote it
    (the striker's changes rejected), ``now`` its bare letter in the amended view (None unless live).
    """

    node: Any
    state: str
    base: str
    now: str | None


class Plan(NamedTuple):
    """What :func:`plan` decides: ``accepted`` and ``rejected`` ids to add to the decision, ``dropped`` ids to take
    out of the accepted ones (relabels :func:`rewrite` accepts itself), and ``letters`` (clause key → (striker, date,
    bare letter, accepted)) for :func:`rewrite` to put on the decided proposal.
    """

    accepted: set[str]
    rejected: set[str]
    dropped: set[str]
    letters: dict[str, tuple[str | None, str | None, str, bool]]


def bare(label: str | None) -> tuple[str, str, str] | None:
    r"""``"c)\t"`` → ``("", "c", ")\t")``; None for a label with no letter, number or numeral (or ``bis``/``ter``)."""
    m = _PARTS.match(label or "")
    if not m or not m.group("bare").isalnum() or re.search(r"(bis|ter)$", m.group("bare")):
        return None
    return m.group("pre"), m.group("bare"), m.group("post")


def _scheme(letter: str) -> str:
    return "number" if letter.isdigit() else "upper" if letter.isupper() else "lower"


def _by(x, who: tuple[str | None, str | None]) -> bool:
    return (x.author, x.date) == who


def base_label(node, who: tuple[str | None, str | None]) -> str:
    """``node``'s label as its inserter wrote it: its amended label with the changes of ``who`` (author, date)
    rejected (their insertions out, their deletions and the other authors' text they struck back).
    """
    n = sum(len(r.text) for r in node.label_runs)
    struck = sorted(
        (a for a in node.artefacts if a.kind == STRUCK and _by(a, who) and (a.offset or 0) <= n),
        key=lambda a: a.offset or 0,
    )
    out: list[str] = []
    pos = k = 0
    for r in node.label_runs:
        while k < len(struck) and (struck[k].offset or 0) <= pos:
            out.append(struck[k].text)
            k += 1
        mine = _by(r, who)
        if r.op is Op.EQUAL or (r.op is Op.INSERT and not mine) or (r.op is Op.DELETE and mine):
            out.append(r.text)
        pos += len(r.text)
    out.extend(a.text for a in struck[k:] if (a.offset or 0) < n or not node.runs)
    return "".join(out)


def _items(kids, who) -> list[Item] | None:
    """The clauses of ``kids`` the changes of ``who`` leave live, or None when one's label reads no letter."""
    out: list[Item] = []
    for kid in kids:
        if kept_whole(kid):
            (_, change), *_ = struck_changes(kid)
            if (change.author, change.date) != who:
                continue
            m = _KEPT_LABEL.match("".join(a.text for a in kid.artefacts if a.kind == STRUCK))
            parts = bare(m.group(0)) if m else None
            if parts is None:
                return None
            out.append(Item(kid, "struck", parts[1], None))
            continue
        if kid.exists_in("amended"):
            now = bare(kid.label_in("amended"))
            base = bare(base_label(kid, who))
            if now is None or base is None:
                continue  # (an unlabelled paragraph or a bis: outside every list)
            out.append(Item(kid, "live", base[1], now[1]))
        elif any(r.op is Op.DELETE and _by(r, who) for r in kid.label_runs + kid.runs):
            base = bare(base_label(kid, who))
            if base is not None:
                out.append(Item(kid, "deleted", base[1], None))
    return out


def _value(letter: str, scheme: str) -> int | None:
    """``letter``'s place in a list of ``scheme`` (``number``, ``letter``: ``a`` … ``z``, ``aa`` … as Word letters,
    ``roman``), from 0; None when it reads no such place.
    """
    low = letter.lower()
    if scheme == "number":
        return int(low) - 1 if low.isdigit() else None
    if scheme == "roman":
        value = _roman(low)
        return None if value is None else value - 1
    if not low.isalpha() or not low.isascii() or len(set(low)) != 1:
        return None
    return (len(low) - 1) * 26 + ord(low[0]) - ord("a")


def _letter(value: int, scheme: str, upper: bool) -> str:
    """The letter at place ``value`` of a list of ``scheme`` (:func:`_value`'s inverse)."""
    if scheme == "number":
        return str(value + 1)
    out = _to_roman(value + 1) if scheme == "roman" else chr(ord("a") + value % 26) * (value // 26 + 1)
    return out.upper() if upper else out


_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip


def _to_roman(n: int) -> str:
    out = ""
    for sym, val in _ROMAN:
        while n >= val:
            out, n = out + sym, n - val
    return out


def _roman(low: str) -> int | None:
    n = i = 0
    for sym, val in _ROMAN:
        while low[i : i + len(sym)] == sym:
            n, i = n + val, i + len(sym)
    return n if n and i == len(low) and _to_roman(n) == low else None


def _walk(states: list[str], first: int) -> list[int | None]:
    """Each item's place when its state is ``states``': ``live`` ones take the places from ``first`` in turn."""
    out: list[int | None] = []
    for state in states:
        out.append(first if state == "live" else None)
        first += state == "live"
    return out


def plan(proposal, accepted: set[str], rejected: set[str]) -> Plan:
    """The decision's additions for the lists holding a decided clause strike (see the module)."""
    decided = {
        c.id: c
        for c in proposal.changes
        if c.kind == KIND and c.scope == "clause" and (c.id in accepted or c.id in rejected)
    }
    result = Plan(set(), set(), set(), {})
    if not decided:
        return result
    for parent in (proposal, *proposal.walk()):
        kids = proposal.clauses if parent is proposal else parent.children
        here = [(i, kid) for i, kid in enumerate(kids) if kept_whole(kid) and clause_id(kid.key) in decided]
        if not here:
            continue
        whos = {(decided[clause_id(k.key)].author, decided[clause_id(k.key)].date) for _, k in here}
        items = _items(kids, next(iter(whos))) if len(whos) == 1 else None
        if items is None or not _letters(proposal, items, accepted, rejected, next(iter(whos)), result):
            ids = {clause_id(k.key) for _, k in here}  # (the rule it had: the striker's label changes after it)
            result.accepted.update(relettered(proposal, ids & accepted))
            result.rejected.update(relettered(proposal, ids & rejected))
    return result


def _letters(proposal, items: list[Item], accepted, rejected, who, result: Plan) -> bool:
    """Add to ``result`` the letters of ``items`` after the decision; False when the list reads otherwise."""
    upper = {x.base.isupper() for x in items}
    if not items or len(upper) != 1:
        return False
    for scheme in ("number", "letter", "roman"):
        read = [_value(x.base, scheme) for x in items]
        nows = [_value(x.now, scheme) if x.now is not None else None for x in items]
        bases = [b for b in read if b is not None]
        if len(bases) < len(read) or any(n is None for x, n in zip(items, nows, strict=True) if x.state == "live"):
            continue
        # the striker's relettering runs from his first strike or deletion (or relabel: a strike accepted before)
        f = next(k for k, x in enumerate(items) if x.state != "live" or nows[k] != bases[k])
        before = nows[f - 1] if f else None
        # (else the list's first letter: its first live item's now, or its first clause's own)
        start = before + 1 if before is not None else min([n for n in nows if n is not None] + [bases[0]])
        if _walk([x.state for x in items[f:]], start) == nows[f:]:
            break
    else:
        return False
    ids = [clause_id(x.node.key) if x.state == "struck" else None for x in items]
    after = ["gone" if i in accepted else "live" if i in rejected else x.state for x, i in zip(items, ids, strict=True)]
    pending = any(state in ("struck", "deleted") for state in after)  # (a relabel is accepted with the last strike)
    plan = Plan(set(), set(), set(), {})
    places: list[int | None] = [None] * f
    places += _walk(after[f:], start)
    for k, (x, place) in enumerate(zip(items, places, strict=True)):
        if place is None:
            continue
        mine = label_changes(x.node, *who) if x.state == "live" else []
        if place == bases[k]:
            plan.rejected.update(mine)  # his own letter: the striker's relabel rejected
            if accepted.intersection(mine):
                return False  # (a relabel decided apart, against what the strikes imply: the rule it had)
            continue
        if rejected.intersection(mine) or (pending and accepted.intersection(mine)):
            return False
        plan.dropped.update(accepted.intersection(mine))  # (by author or all: accepted here, lettered as implied)
        if place != nows[k] or not (pending or not mine):  # (else: as it is, pending or accepted)
            plan.letters[x.node.key] = (*who, _letter(place, scheme, upper == {True}), not pending)
    result.rejected.update(plan.rejected)
    result.dropped.update(plan.dropped)
    result.letters.update(plan.letters)
    return True


def rewrite(proposal, letters: dict[str, tuple[str | None, str | None, str, bool]]):
    """``proposal`` (decided) with each clause keyed in ``letters`` lettered so: ``(striker, date, bare letter,
    accepted)`` — the striker's relabel (the inserter's letter struck, the new one inserted), or the new letter as
    accepted text (:func:`accepted_label`).
    """
    if not letters:
        return proposal

    def fix(node):
        if node.key not in letters:
            return node
        author, date, letter, accepted = letters[node.key]
        node = _relabel(node, author, date, letter)
        return accepted_label(node, author, date) if accepted else node

    return dataclasses.replace(proposal, clauses=_map(proposal.clauses, fix))


def accepted_label(node, author: str | None, date: str | None):
    """``node`` with the relabel of ``author`` on ``date`` accepted: the letter he struck gone, his letter in its
    place as what it replaced was, else plain text (his deletion of plain text).

    The letter he struck was another author's insertion still pending: his letter takes its place as that author's
    insertion.  The letter of a clause Brazil inserted stays Brazil's (so it is in no line of the original view:
    plain text there made a stray line of the letter alone); a clause in force another author relettered (his ``3``
    deleted, ``4`` inserted; the analyst's ``3`` over that ``4``) keeps that author's relabel to decide, ``3`` for
    ``3``: both views read ``3``, where plain text read ``33`` in the original.
    """
    runs = list(node.label_runs)
    n = sum(len(r.text) for r in runs)
    who = (author, date)
    struck = [a for a in node.artefacts if a.kind == STRUCK and _by(a, who) and (a.offset or 0) <= n]
    out = [r.op is Op.DELETE and _by(r, who) for r in runs]
    new: list[Run] = list(runs)
    pos = 0
    for i, r in enumerate(runs):
        if r.op is Op.INSERT and _by(r, who):
            was = next((a.inserted for a in struck if (a.offset or 0) == pos and a.inserted), None)
            new[i] = Run(Op.EQUAL, r.text) if was is None else Run(Op.INSERT, r.text, was[0], was[1])
        pos += len(r.text)
    place = placer(runs + list(node.runs), out + [False] * len(node.runs))
    arts = tuple(
        a if a.offset is None else dataclasses.replace(a, offset=place(a.offset))
        for a in node.artefacts
        if not any(a is b for b in struck)
    )
    kept = [r for r, o in zip(new, out, strict=True) if not o]
    return dataclasses.replace(node, label_runs=join_runs(kept), artefacts=arts)


def _map(nodes: tuple, fix: Callable) -> tuple:
    out = []
    for node in nodes:
        kids = _map(node.children, fix) if node.children else node.children
        node = fix(node if kids is node.children else dataclasses.replace(node, children=kids))
        out.append(node)
    return tuple(out)


def _relabel(node, author: str | None, date: str | None, letter: str):
    """``node`` relabelled ``letter`` by ``author`` on ``date``, a tracked relabel: his own letter's text changed,
    or the letter before him struck (another author's insertion, kept as a struck-insert) or deleted.
    """
    runs = list(node.label_runs)
    mine = [i for i, r in enumerate(runs) if r.op is Op.INSERT and (r.author, r.date) == (author, date)]
    if len(mine) == 1:  # the striker's relabel already: its letter changes
        i = mine[0]
        end = sum(len(r.text) for r in runs[: i + 1])
        delta = len(letter) - len(runs[i].text)
        runs[i] = dataclasses.replace(runs[i], text=letter)
        return _with_label(node, runs, delta, end, ())
    text = "".join(r.text for r in runs)
    parts = bare(text)
    if parts is None:
        return node
    pre, old, _ = parts
    at = len(pre)
    pos = 0
    for i, r in enumerate(runs):
        if pos <= at and at + len(old) <= pos + len(r.text) and r.op is not Op.DELETE:
            head, tail = r.text[: at - pos], r.text[at - pos + len(old) :]
            new_run = Run(Op.INSERT, letter, author, date)
            if r.op is Op.INSERT:  # another author's letter: struck, kept as his insertion
                struck = Artefact(STRUCK, old, node.line if node.line is not None else -1, at, Op.DELETE, author, date)
                struck = dataclasses.replace(struck, inserted=(r.author, r.date))
                piece = [dataclasses.replace(r, text=head), new_run, dataclasses.replace(r, text=tail)]
                runs[i : i + 1] = piece
                return _with_label(node, runs, len(letter) - len(old), at, (struck,))
            gone = Run(Op.DELETE, old, author, date)
            runs[i : i + 1] = [dataclasses.replace(r, text=head), gone, new_run, dataclasses.replace(r, text=tail)]
            return _with_label(node, runs, len(letter), at + len(old), ())
        pos += len(r.text)
    return node


def _with_label(node, runs: list[Run], delta: int, at: int, struck: tuple[Artefact, ...]):
    """``node`` with label runs ``runs`` (``delta`` characters longer, from ``at``) and the ``struck`` artefacts."""
    moved = tuple(
        dataclasses.replace(a, offset=a.offset + delta) if a.offset is not None and a.offset > at and delta else a
        for a in node.artefacts
    )
    return dataclasses.replace(node, label_runs=join_runs(runs), artefacts=struck + moved)
