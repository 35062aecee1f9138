"""Run-level surgery shared by the edit operations and the merge: find words, edit runs, strike, copy.

Positions are offsets in a clause's amended text; edits become DELETE/INSERT runs with
an author and date, and the original view is never changed.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from itu_nb.amendments.operations import EditError
from itu_nb.model import Clause, Op, Proposal, Run, join_runs, runs_text
from itu_nb.parsing import keywords as kw

__all__ = ["delete_node", "edit_runs", "find_words", "inserted_copy", "map_children", "map_node", "near_words", "peel"]


# ----------------------------------------------------------------------------
# runs
# ----------------------------------------------------------------------------
def edit_runs(runs, start: int, end: int, new: str, author, date) -> tuple[Run, ...]:
    """Delete amended characters ``start:end`` and insert ``new`` there, as tracked runs."""
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
        if not placed and pos <= end <= pos + n:
            out.append(Run(Op.INSERT, new, author, date))
            placed = True
        out.append(r.with_text(r.text[e:]))
        pos += n
    if not placed:
        out.append(Run(Op.INSERT, new, author, date))
    return join_runs(out)


_HYPHENS, _QUOTES, _APOS = "-\u2010\u2011", '"\u201c\u201d', "'\u2018\u2019"


def _pattern(words: str, bounded: bool) -> re.Pattern:
    parts = []
    for chunk in re.split(r"(\s+)", words.strip()):
        if chunk.isspace():
            parts.append(r"\s+")
            continue
        for ch in chunk:
            for group in (_HYPHENS, _QUOTES, _APOS):
                if ch in group:
                    parts.append(f"[{re.escape(group)}]")
                    break
            else:
                parts.append(re.escape(ch))
    body = "".join(parts)
    if bounded:
        body = (r"(?<!\w)" if words.strip()[:1].isalnum() else "") + body
        body += r"(?!\w)" if words.strip()[-1:].isalnum() else ""
    return re.compile(body)


def find_words(text: str, words: str) -> list[tuple[int, int]]:
    """Spans of ``words`` in ``text``: whole words first, then anywhere; spaces, hyphens and quotes loosely."""
    if not words.strip():
        raise EditError("no words given to look for")
    for bounded in (True, False):
        spans = [m.span() for m in _pattern(words, bounded).finditer(text)]
        if spans:
            return spans
    return []


def near_words(text: str, words: str) -> list[str]:
    """Up to three runs of words in ``text`` that look like ``words`` (for "did you mean" messages)."""
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


def delete_node(c: Clause, author, date) -> Clause | None:
    """``c`` and its children struck through as deletions by ``author``; None when nothing of it is left.

    Text the edit had inserted disappears instead of being struck; a clause that was only inserted
    therefore disappears altogether.
    """

    def strike(runs):
        return join_runs(
            [Run(Op.DELETE, r.text, author, date) if r.op is Op.EQUAL else r for r in runs if r.op is not Op.INSERT]
        )

    kids = tuple(k for k in (delete_node(ch, author, date) for ch in c.children) if k is not None)
    label, body = strike(c.label_runs), strike(c.runs)
    if not label and not body and not kids:
        return None
    return dataclasses.replace(c, label_runs=label, runs=body, children=kids)


def inserted_copy(c: Clause, path: str, author, date) -> Clause:
    """A copy of ``c`` as it reads when amended, every run an insertion (for a move)."""

    def ins(runs):
        text = runs_text(runs, "amended")
        return (Run(Op.INSERT, text, author, date),) if text else ()

    kids = tuple(
        inserted_copy(k, f"{path}/{i}", author, date) for i, k in enumerate(c.children) if k.exists_in("amended")
    )
    return dataclasses.replace(c, path=path, label_runs=ins(c.label_runs), runs=ins(c.runs), children=kids)


def peel(text: str) -> tuple[str | None, str]:
    """Split a leading label off ``text``: ``(label, rest)``, or ``(None, text)`` when it has none."""
    m = kw.LABEL.match(text) or re.match(r"^(?P<label>\(?(?:[a-zA-Z]{1,2}|[ivxlc]{1,6})\))(?P<sep>\s+)", text)
    if m:
        return m.group("label"), text[m.end() :]
    return None, text
