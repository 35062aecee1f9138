"""A clause's source line with the comments made inside its notes put back (for :meth:`Document.source_text`).

A note body written in its host's line (``[1: See {>>c<<}71]`` in CriticMarkup, a comment inside a Word footnote)
is a ``footnote-body`` artefact of the host (``footnote-part`` artefacts after it when changes cut it), and a
comment made inside it is a ``comment`` of the note's FOOTNOTE node, its offset counted in the note's text (after
``[1: ``): the host's artefacts no longer hold it.  :func:`source_line` puts each such comment's text back inside
its body, at its place, as :meth:`~itu_nb.model.Clause.source_line` puts a comment of the line at its own place.
A body is matched to its node as the writers match them (``itu_nb.export.lines``): by its number, an endnote's
when the last reference to that number before it is an ``[endnoteRef:N]``, and its rank among the bodies of that
number (``fn1``, then ``fn1#2``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

from itu_nb.model.clause import Clause, NodeKind
from itu_nb.model.runs import Artefact, interleave


class _Item(Protocol):
    """An artefact or a writer's piece: what :func:`note_groups` reads of an item."""

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=_Item)
M = TypeVar("M")

__all__ = ["MARKER", "NOTE_HEAD", "cut_at", "note_groups", "ref_name", "source_line"]

#: A note's marker, as a reference and a body name it: a number (``1``, as every loader reads one) or the mark an
#: Akoma Ntoso note shows (``*``, ``a``, ``†``: its ``marker``, read as the note's name, ``fn*``): no white space,
#: brackets or ``#`` (``1#2`` is the second body of note 1).
MARKER = r"[^\s\[\]#]+"
#: A note body's start, ``[1: `` or ``[*: `` (then its text and its closing ``]``); group 1 is its marker.  One space
#: or TAB, as every writer and loader writes it: white space after it is the note's text (``[1:  x]`` is `` x``).
NOTE_HEAD = re.compile(r"\[(" + MARKER + r"):[ \t]")
_HEAD = re.compile(r"\[(" + MARKER + r"):[ \t]?")
#: A reference, by number (``[footnoteRef:1]``) or by another marker (``[footnoteRef:*]``: the note ``fn*``).
_REF = re.compile(r"\[(foot|end)noteRef:(" + MARKER + r")\]")


def ref_name(text: str) -> str:
    """The name of the note a reference's text names: ``fn1`` for ``[footnoteRef:1]``, ``en1`` for
    ``[endnoteRef:1]`` (``fn*`` for ``[footnoteRef:*]``, a note read from Akoma Ntoso with that marker), "" for any
    other text.
    """
    ref = _REF.match(text)
    return ("en" if ref.group(1) == "end" else "fn") + ref.group(2) if ref else ""


def note_groups(items: Sequence[T], kids: dict[str, Clause]) -> Iterator[tuple[list[T], str, str, Clause | None]]:
    """A line's ``items`` (artefacts or writers' pieces: what has a ``kind`` and a ``text``), in order, each as
    ``([item], "", "", None)``, but for each note body (a ``footnote-body`` item and the ``footnote-part`` items
    after it) ``(its items, its number, its name without "#k", its FOOTNOTE node in kids or None)``.

    A body is matched to its node by its number (``fn``, or ``en`` when the last reference to that number before
    it is an ``[endnoteRef:N]``) and its rank among the bodies of that name: ``fn1``, then ``fn1#2``.
    """
    kinds: dict[str, str] = {}  # note number → "fn" or "en", by its last reference so far
    seen: dict[str, int] = {}
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind == "footnote-ref" and (name := ref_name(item.text)):
            kinds[name[2:]] = name[:2]
        head = _HEAD.match(item.text) if item.kind == "footnote-body" else None
        if head is None:
            yield [item], "", "", None
            i += 1
            continue
        end = i + 1
        while end < len(items) and items[end].kind == "footnote-part":
            end += 1
        number = head.group(1)
        base = kinds.get(number, "fn") + number
        seen[base] = seen.get(base, 0) + 1
        yield list(items[i:end]), number, base, kids.get(base if seen[base] == 1 else f"{base}#{seen[base]}")
        i = end


def source_line(node: Clause, view: str | None = None) -> str:
    """``node.source_line(view)``, with the text of each comment made inside one of its notes inside that note's
    body, at its place (before the body's closing ``]`` at the latest).
    """
    kids = {c.path.rpartition("/")[2]: c for c in node.children if c.kind is NodeKind.FOOTNOTE}
    if not any(a.kind == "comment" for kid in kids.values() for a in kid.artefacts):
        return node.source_line(view)
    out: list[Artefact] = []
    for group, number, _base, kid in note_groups(node.artefacts, kids):
        comments = [a for a in kid.artefacts if a.kind == "comment"] if kid is not None else []
        head = _HEAD.match(group[0].text) if number else None
        out += _spliced(group, comments, head.end()) if comments and head else group
    return "".join(text for text, op in interleave(node.label_runs + node.runs, out) if op.in_view(view))


def cut_at(items: Sequence[T], marks: Sequence[tuple[int, M]]) -> Iterator[tuple[T, str] | M]:
    """The texts of ``items`` cut at each place of ``marks`` (``(place in the items' joined text, mark)``, sorted):
    ``(item, a piece of its text)`` (perhaps empty) and, where a mark stands, the mark itself (no tuple); the marks
    past the end come last.
    """
    pos, k = 0, 0
    for item in items:
        end, done = pos + len(item.text), 0
        while k < len(marks) and marks[k][0] < end:
            cut = max(marks[k][0] - pos, done)
            if cut > done:
                yield item, item.text[done:cut]
            yield marks[k][1]
            done, k = cut, k + 1
        yield item, item.text[done:]
        pos = end
    for _place, mark in marks[k:]:
        yield mark


def _spliced(group: list[Artefact], comments: list[Artefact], head: int) -> list[Artefact]:
    """A body's artefacts (``group``, its ``[N: `` ``head`` characters long) with each comment inside, at ``head`` +
    its offset in the note's text, cut there; every piece keeps the body's offset, so they stand in this order.
    """
    last = sum(len(a.text) for a in group) - 1  # the closing "]": a comment stands before it
    at = group[0].offset
    places = sorted((min(head + (c.offset or 0), last), k) for k, c in enumerate(comments))
    out: list[Artefact] = []
    for got in cut_at(group, [(place, comments[k]) for place, k in places]):
        out.append(
            dataclasses.replace(got[0], text=got[1]) if isinstance(got, tuple) else dataclasses.replace(got, offset=at)
        )
    return [a for a in out if a.text or a.kind == "comment"]
