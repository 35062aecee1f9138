"""Stage 3, after the trees: note bodies on lines of their own → footnote nodes of the clauses referencing them.

A flattened text (or CriticMarkup) may give a note's body a line of its own: ``[2: 2 On the first item.]`` on
the line after its clause, after several clauses, or at the end of the text.  Such a line is no clause; the
document keeps it as whole-line artefacts (a ``footnote-body``, and ``footnote-part`` pieces when the note has
changes inside).  Without a node the writers that build notes from the tree (Word, Akoma Ntoso, HTML) had no
text for the reference and lost the note.

Guarantees after :func:`attach_bodies`:
- a body on a line of its own whose number an earlier clause of the same proposal references
  (``[footnoteRef:N]``, ``[endnoteRef:N]``; the nearest such clause before the body's line), or, for a body at
  the end of the text (after the last clause of the last proposal, where an extraction gathers the notes of a
  whole document), an earlier clause of any proposal, is a FOOTNOTE child of that clause, ``fnN`` (``enN`` for an endnote), exactly as the tree makes a note written in its clause's line
  (:func:`itu_nb.parsing.footnotes.add_footnotes`): its label the note's number, its runs the note's text with their ops;
  a second body of one note (its deleted and inserted texts) is ``fnN#2``;
- the artefacts stay in the document as they were, so :meth:`Document.source_text` and the line-based writers
  (CriticMarkup, the views) still give the body its own line; the FOOTNOTE node has no line, as any note;
- a body with no reference before it in its proposal (before its reference, without any, or before the first
  proposal), and a note its clause already holds, are left as they are: document artefacts, which every writer
  writes (:func:`unheld_bodies`).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from itu_nb.model import Artefact, Clause, Document, NodeKind, Op, Proposal, Run
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.labels import peel_label
from itu_nb.parsing.markup import FOOTNOTE_BODY, IN_NOTE, note_parts
from itu_nb.parsing.note_pieces import number_label

__all__ = ["attach_bodies", "held_bodies", "unheld_bodies"]

_REF = re.compile(r"\[(foot|end)noteRef:(\d+)\]")
_HEAD = re.compile(r"\[(\d+):")
_BODY_HEAD = re.compile(r"\[\d+:[ \t]")  # a note's "[N: ", before its text (as the tree reads it)
_NUMBER_SPACE = re.compile(r"^(\d+)(\s*\t|\s+)")  # "1 <TAB>These include …": the number and a space before the TAB


def attach_bodies(proposals: Sequence[Proposal], artefacts: Sequence[Artefact]) -> tuple[Proposal, ...]:
    """``proposals`` with each note body that stands on a line of its own in ``artefacts`` (the document's)
    attached to the clause that references it (see the module docstring); the same objects when none is.
    Linear in the artefacts and clauses (but for a sort and a binary search per body).
    """
    proposals = tuple(proposals)
    if not any(a.kind == "footnote-body" for a in artefacts):
        return proposals
    added: dict[int, dict[str, list[Clause]]] = {}  # proposal index → host path → notes to add, in order
    count: dict[str, int] = {}  # note path without "#k" → how many bodies it has so far
    lit = _highlights(artefacts)
    for k, host, name, art, runs in _placements(proposals, artefacts):
        base = f"{host.path}/{name}"
        count[base] = same = count.get(base, 0) + 1
        note = _note(art, runs, base + (f"#{same}" if same > 1 else ""), host.section)
        if id(art) in lit:  # highlights and comments inside the note: offsets in its text, after its "[N: "
            head = _BODY_HEAD.match(art.text)
            at = head.end() if head else 0
            arts = (
                dataclasses.replace(a, kind=IN_NOTE[a.kind], offset=max((a.offset or 0) - at, 0)) for a in lit[id(art)]
            )
            note = dataclasses.replace(note, artefacts=(*note.artefacts, *arts))
        added.setdefault(k, {}).setdefault(host.path, []).append(note)
    if not added:
        return proposals
    out = list(proposals)
    for k, notes in added.items():
        out[k] = dataclasses.replace(out[k], clauses=tuple(_with_notes(c, notes) for c in out[k].clauses))
    return tuple(out)


def _highlights(artefacts: Sequence[Artefact]) -> dict[int, list[Artefact]]:
    """``id()`` of each body followed by ``footnote-highlight`` or ``footnote-comment`` artefacts (highlights and
    comments inside that note, offset in the note's body text from its ``[``) → those artefacts.
    """
    out: dict[int, list[Artefact]] = {}
    body: Artefact | None = None
    for a in artefacts:
        if a.kind == "footnote-body":
            body = a
        elif a.kind in IN_NOTE and body is not None:
            out.setdefault(id(body), []).append(a)
    return out


def unheld_bodies(doc: Document) -> dict[int, int | None]:
    """The lines of ``doc.artefacts`` holding a note body that no FOOTNOTE node holds (before its reference,
    without any, outside any proposal, or whose node a decision took away), each with the index of the
    proposal it stands in (None: before the first).  A writer that builds notes from the tree writes these
    as they are, so that no note's text is lost; the others it writes at their reference, from their node.
    """
    if not any(a.kind == "footnote-body" for a in doc.artefacts):
        return {}
    held = held_bodies(doc)
    starts = _starts(doc.proposals)
    return {
        a.line: _proposal_at(starts, a.line) for a in doc.artefacts if a.kind == "footnote-body" and a.line not in held
    }


def held_bodies(doc: Document) -> dict[int, tuple[Clause, str]]:
    """The lines of ``doc.artefacts`` holding a note body that a FOOTNOTE node holds, each with the clause
    holding that node and the note's name there (``fn2``, ``en2``): :func:`attach_bodies` made the node from
    the line, and a decision may have changed it since (a line-based writer writes the line from the node then).
    """
    if not any(a.kind == "footnote-body" for a in doc.artefacts):
        return {}
    held: dict[int, tuple[Clause, str]] = {}
    notes: dict[int, set[str]] = {}  # id of a host → the paths of its FOOTNOTE children without "#k"
    for _, host, name, art, _ in _placements(doc.proposals, doc.artefacts):
        if id(host) not in notes:
            notes[id(host)] = {c.path.partition("#")[0] for c in host.children if c.kind is NodeKind.FOOTNOTE}
        if f"{host.path}/{name}" in notes[id(host)]:
            held[art.line] = (host, name)
    return held


def _placements(
    proposals: Sequence[Proposal], artefacts: Sequence[Artefact]
) -> Iterator[tuple[int, Clause, str, Artefact, list[Run] | None]]:
    """(proposal index, host clause, note name, body artefact, runs of a note with changes inside or None) for
    each body on a line of its own that an earlier clause of its proposal references (the nearest one), in order.
    """
    starts = _starts(proposals)
    refs: dict[int, dict[tuple[str, str], tuple[list[int], list[Clause]]]] = {}  # proposal → note → lines, hosts
    every: dict[tuple[str, str], tuple[list[int], list[Clause]]] | None = None  # the same for the whole document
    owner: dict[int, int] = {}  # id of a clause → the index of its proposal (for ``every``)
    tail = max((n.line for p in proposals[-1:] for n in p.walk() if n.line is not None), default=-1)
    inline: dict[tuple[int, str], bool] = {}  # (id of a clause, note number) → the clause holds that note's body
    arts = list(artefacts)
    i = 0
    while i < len(arts):
        art = arts[i]
        if art.kind != "footnote-body":
            i += 1
            continue
        parts = note_parts(arts, i) if i + 1 < len(arts) and arts[i + 1].kind == "footnote-part" else None
        i = parts[1] if parts is not None else i + 1
        k = _proposal_at(starts, art.line)
        number = _number(art.text)
        if k is None or number is None or (parts is None and not FOOTNOTE_BODY.match(art.text)):
            continue
        if k not in refs:
            refs[k] = _references(proposals[k])
        best = _nearest(refs[k], number, art.line)
        if best is None and art.line > tail:  # at the end of the text: its reference may be in any proposal
            if every is None:
                every = _references(*proposals)
                owner = {id(h): j for j, p in enumerate(proposals) for h in p.walk()}
            best = _nearest(every, number, art.line)
            if best is not None:
                k = owner[id(best[1])]
        if best is None:
            continue
        if (id(best[1]), number) not in inline:
            inline[id(best[1]), number] = _inline(best[1], number)
        if not inline[id(best[1]), number]:
            yield k, best[1], best[2], art, parts[0] if parts is not None else None


def _nearest(
    refs: dict[tuple[str, str], tuple[list[int], list[Clause]]], number: str, line: int
) -> tuple[int, Clause, str] | None:
    """The line, clause and note name (``fn2``, ``en2``) of the nearest reference to note ``number`` before ``line``."""
    best: tuple[int, Clause, str] | None = None
    for kind in ("fn", "en"):
        lines, hosts = refs.get((kind, number), ((), ()))
        j = bisect_left(lines, line) - 1
        if j >= 0 and (best is None or lines[j] > best[0]):
            best = (lines[j], hosts[j], f"{kind}{number}")
    return best


def _starts(proposals: Sequence[Proposal]) -> list[tuple[int, int]]:
    """(first node line, proposal index) of the proposals with node lines, in line order."""
    out = []
    for k, p in enumerate(proposals):
        first = next((n.line for n in p.walk() if n.line is not None), None)
        if first is not None:
            out.append((first, k))
    return sorted(out)


def _proposal_at(starts: list[tuple[int, int]], line: int | None) -> int | None:
    """The index of the proposal whose lines hold ``line`` (the last one starting before it)."""
    if line is None:
        return None
    j = bisect_left(starts, (line, -1)) - 1
    return starts[j][1] if j >= 0 else None


def _number(text: str) -> str | None:
    m = _HEAD.match(text)
    return m.group(1) if m else None


def _references(*proposals: Proposal) -> dict[tuple[str, str], tuple[list[int], list[Clause]]]:
    """Each note (``("fn", "2")``) referenced in ``proposals``: the lines of the clauses referencing it, and them."""
    out: dict[tuple[str, str], tuple[list[int], list[Clause]]] = {}
    for c in (c for p in proposals for c in p.walk()):
        if c.line is None:
            continue
        for a in c.artefacts:
            m = _REF.match(a.text) if a.kind == "footnote-ref" else None  # Doc 67: "[footnoteRef:1]1", the digit kept
            if m:
                lines, hosts = out.setdefault(("en" if m.group(1) == "end" else "fn", m.group(2)), ([], []))
                if not lines or lines[-1] != c.line:
                    lines.append(c.line)
                    hosts.append(c)
    for lines, hosts in out.values():  # walk order is source order, but for safety
        if any(a > b for a, b in zip(lines, lines[1:], strict=False)):
            pairs = sorted(zip(lines, hosts, strict=True), key=lambda lh: lh[0])
            lines[:], hosts[:] = [x for x, _ in pairs], [h for _, h in pairs]
    return out


def _inline(host: Clause, number: str) -> bool:
    """True when ``host`` holds note ``number``'s body in its own line (the note is there already)."""
    return any(a.kind == "footnote-body" and a.text.startswith(f"[{number}:") for a in host.artefacts)


def _note(art: Artefact, runs: list[Run] | None, path: str, section: str | None) -> Clause:
    """The FOOTNOTE node of a body: its number as label, its text as runs (each change made inside it kept),
    split as the tree splits a note written in its clause's line (:func:`itu_nb.parsing.footnotes.add_footnotes`).
    """
    if runs is None:  # one body, one op
        m = FOOTNOTE_BODY.match(art.text)
        assert m is not None  # checked by the caller
        text = m.group("text")
        who = (art.author, art.date) if art.op is not Op.EQUAL else (None, None)  # a tracked note's change
        label, body = peel_label([make_run(art.op, text, *who)])
        if not label:  # "[1: 1 <TAB>These include …]": the number and a space before the TAB
            lm = _NUMBER_SPACE.match(text)
            if lm:
                label, body = [make_run(art.op, lm.group(0), *who)], [make_run(art.op, text[lm.end() :], *who)]
        return Clause(NodeKind.FOOTNOTE, path, tuple(label), tuple(body), section=section)
    label, body = peel_label(runs)  # changes inside the note: its runs from note_parts
    if not label and (numbered := number_label(runs)) is not None:
        label, body = numbered
    return Clause(NodeKind.FOOTNOTE, path, tuple(label), tuple(body), section=section)


def _with_notes(clause: Clause, notes: dict[str, list[Clause]]) -> Clause:
    """``clause`` with the notes of ``notes`` (host path → notes) added under it and its descendants (the
    same object when none is).
    """
    kids = clause.children
    children = tuple(_with_notes(c, notes) for c in kids) if kids else kids
    more = notes.get(clause.path)
    if more:  # after the notes the clause's line holds, before its other children: where the tree puts a note
        at = next((j for j, c in enumerate(children) if c.kind is not NodeKind.FOOTNOTE), len(children))
        children = (*children[:at], *more, *children[at:])
    elif not any(a is not b for a, b in zip(children, kids, strict=True)):
        return clause
    # made whole (dataclasses.replace reads the fields each time: twice the cost, a clause per note)
    return Clause(
        clause.kind,
        clause.path,
        clause.label_runs,
        clause.runs,
        children,
        clause.section,
        clause.line,
        clause.artefacts,
        clause.notes,
        clause.uid,
        clause.settled,
    )
