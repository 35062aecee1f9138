"""Stage 3, after the trees: note bodies on lines of their own → footnote nodes of the clauses referencing them.

A flattened text (or CriticMarkup) may give a note's body a line of its own: ``[2: 2 On the first item.]`` on
the line after its clause, after several clauses, or at the end of the text.  Such a line is no clause; the
document keeps it as whole-line artefacts (a ``footnote-body``, and ``footnote-part`` pieces when the note has
changes inside).  Without a node the writers that build notes from the tree (Word, Akoma Ntoso, HTML) had no
text for the reference and lost the note.

Guarantees after :func:`attach_bodies`:
- a body on a line of its own whose number an earlier clause of the same proposal references
  (``[footnoteRef:N]``, ``[endnoteRef:N]``; the nearest such clause before the body's line) is a FOOTNOTE child
  of that clause, ``fnN`` (``enN`` for an endnote), exactly as the tree makes a note written in its clause's line
  (:func:`itu_nb.parsing.tree._footnotes`): its label the note's number, its runs the note's text with their ops;
  a second body of one note (its deleted and inserted texts) is ``fnN#2``;
- the artefacts stay in the document as they were, so :meth:`Document.source_text` and the line-based writers
  (CriticMarkup, the views) still give the body its own line; the FOOTNOTE node has no line, as any note;
- a body with no reference before it in its proposal (before its reference, or outside any proposal), and a
  note its clause already holds, are left as they are: document artefacts, written by every writer as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from itu_nb.model import Artefact, Clause, NodeKind, Op, Proposal, Run
from itu_nb.parsing.labels import peel_label
from itu_nb.parsing.markup import FOOTNOTE_BODY, note_parts

__all__ = ["attach_bodies"]

_REF = re.compile(r"\[(foot|end)noteRef:(\d+)\]")
_NUMBER_SPACE = re.compile(r"^(\d+)(\s*\t|\s+)")  # "1 <TAB>These include …": the number and a space before the TAB


def attach_bodies(proposals: Sequence[Proposal], artefacts: Sequence[Artefact]) -> tuple[Proposal, ...]:
    """``proposals`` with each note body that stands on a line of its own in ``artefacts`` (the document's)
    attached to the clause that references it (see the module docstring); the same objects when none is.
    """
    proposals = tuple(proposals)
    if not any(a.kind == "footnote-body" for a in artefacts):
        return proposals
    starts = [_first_line(p) for p in proposals]
    added: dict[int, dict[str, list[Clause]]] = {}  # proposal index → host path → notes to add, in order
    hosts: dict[int, list[tuple[int, Clause]]] = {}  # proposal index → (line, clause) of the clauses with refs
    arts = list(artefacts)
    i = 0
    while i < len(arts):
        art = arts[i]
        if art.kind != "footnote-body":
            i += 1
            continue
        parts = note_parts(arts, i) if i + 1 < len(arts) and arts[i + 1].kind == "footnote-part" else None
        end = parts[1] if parts is not None else i + 1
        k = _proposal_at(starts, art.line)
        number = _number(art.text)
        if k is not None and number is not None and (parts is not None or FOOTNOTE_BODY.match(art.text)):
            if k not in hosts:
                hosts[k] = sorted(_referencing(proposals[k].clauses), key=lambda lc: lc[0])
            found = _host(hosts[k], art.line, number)
            if found is not None and not _inline(found[0], number):
                host, name = found
                notes = added.setdefault(k, {}).setdefault(host.path, [])
                same = 1 + sum(1 for c in notes if c.path.rpartition("/")[2].partition("#")[0] == name)
                path = f"{host.path}/{name}" + (f"#{same}" if same > 1 else "")
                notes.append(_note(art, parts[0] if parts is not None else None, path, host.section))
        i = end
    if not added:
        return proposals
    out = list(proposals)
    for k, notes in added.items():
        out[k] = dataclasses.replace(out[k], clauses=tuple(_with_notes(c, notes) for c in out[k].clauses))
    return tuple(out)


def _first_line(proposal: Proposal) -> int | None:
    return next((n.line for n in proposal.walk() if n.line is not None), None)


def _proposal_at(starts: list[int | None], line: int | None) -> int | None:
    """The index of the proposal whose lines hold ``line`` (the last one starting before it)."""
    if line is None:
        return None
    found = None
    for k, start in enumerate(starts):
        if start is not None and start < line:
            found = k
    return found


def _number(text: str) -> str | None:
    m = re.match(r"\[(\d+):", text)
    return m.group(1) if m else None


def _referencing(clauses: tuple[Clause, ...]) -> Iterator[tuple[int, Clause]]:
    for c in clauses:
        if c.line is not None and any(a.kind == "footnote-ref" for a in c.artefacts):
            yield c.line, c
        yield from _referencing(c.children)


def _host(hosts: list[tuple[int, Clause]], line: int, number: str) -> tuple[Clause, str] | None:
    """The nearest clause before ``line`` that references note ``number``, and the note's name there."""
    for at, clause in reversed(hosts):
        if at >= line:
            continue
        kind = None
        for a in clause.artefacts:
            m = _REF.fullmatch(a.text) if a.kind == "footnote-ref" else None
            if m and m.group(2) == number:
                kind = "en" if m.group(1) == "end" else "fn"
        if kind is not None:
            return clause, f"{kind}{number}"
    return None


def _inline(host: Clause, number: str) -> bool:
    """True when ``host`` holds note ``number``'s body in its own line (the note is there already)."""
    return any(a.kind == "footnote-body" and a.text.startswith(f"[{number}:") for a in host.artefacts)


def _note(art: Artefact, runs: list[Run] | None, path: str, section: str | None) -> Clause:
    """The FOOTNOTE node of a body: its number as label, its text as runs (each change made inside it kept)."""
    if runs is None:
        m = FOOTNOTE_BODY.match(art.text)
        assert m is not None  # checked by the caller
        text = m.group("text")
        runs = [Run(art.op, text, art.author, art.date) if art.op is not Op.EQUAL else Run(art.op, text)]
    label, body = peel_label(runs)
    if not label and runs and runs[0].op is art.op:
        lm = _NUMBER_SPACE.match(runs[0].text)
        if lm and lm.end() < len(runs[0].text):
            label, body = [runs[0].with_text(lm.group(0))], [runs[0].with_text(runs[0].text[lm.end() :]), *runs[1:]]
    return Clause(NodeKind.FOOTNOTE, path, tuple(label), tuple(body), section=section)


def _with_notes(clause: Clause, notes: dict[str, list[Clause]]) -> Clause:
    children = clause.children
    if children:
        children = tuple(_with_notes(c, notes) for c in children)
    more = notes.get(clause.path)
    if more:  # after the notes the clause's line holds, before its other children: where the tree puts a note
        at = next((j for j, c in enumerate(children) if c.kind is not NodeKind.FOOTNOTE), len(children))
        children = (*children[:at], *more, *children[at:])
    if len(children) == len(clause.children) and all(a is b for a, b in zip(children, clause.children, strict=True)):
        return clause
    return dataclasses.replace(clause, children=children)
