"""Footnotes in a line's pieces: a note's text as its FOOTNOTE node now holds it, its highlights and comments
inside it, and the notes no artefact holds (read from Akoma Ntoso) written at their reference.

What :mod:`itu_nb.export.lines` asks of a node's notes; a note is written as the loaders read it in its
host's line: ``[footnoteRef:N]`` then ``[N: text]``, or ``[N: `` and ``footnote-part`` pieces.
"""

from __future__ import annotations

import dataclasses

from itu_nb.export.pieces import Line, Piece
from itu_nb.model import Clause, NodeKind, Op, runs_text
from itu_nb.model.note_source import NOTE_HEAD, cut_at, note_groups, ref_name
from itu_nb.parsing.markup import FOOTNOTE_BODY

__all__ = ["NOTE_MARKS", "lit_note", "marked"]


def _current_notes(node: Clause, pieces: list[Piece]) -> list[Piece]:
    """``pieces`` with each note's text as the node's FOOTNOTE children now hold it.

    A node's artefacts keep its notes as the source wrote them; a decision (accept, reject) settles the
    changes of the FOOTNOTE nodes but leaves the artefacts as they were.  A note whose text, in either view,
    is no longer what its artefacts say is written again from its node (one body of one op, or its start
    and parts), a note whose node is gone is left out, and the reference of such a note takes the op left
    to it (left out with its last body).  Notes as the source wrote them are kept as they are.
    """
    kids = {c.path.rpartition("/")[2]: c for c in node.children if c.kind is NodeKind.FOOTNOTE}
    out: list[Piece] = []
    written: dict[str, list[Piece]] = {}  # note name without "#k" → the pieces written for its texts
    redone: set[str] = set()  # the notes written again from their nodes
    for group, number, base, kid in note_groups(pieces, kids):
        if not number:  # no note body
            out += group
            continue
        if _note_views(group) != _kid_views(kid):
            group = _kid_pieces(kid, number) if kid is not None else []
            redone.add(base)
        if kid is not None and group and marked(kid):
            group = lit_note(group, kid)
        written.setdefault(base, []).extend(group)
        out += group
    if not redone:
        return out
    fixed: list[Piece] = []
    for piece in out:
        name = ref_name(piece.text) if piece.kind == "footnote-ref" else ""
        if name not in redone:
            fixed.append(piece)
        elif written[name]:  # a reference whose note is gone in both views is left out with it
            ops = {p.op for p in written[name] if p.kind not in NOTE_MARKS}
            fixed.append(dataclasses.replace(piece, op=ops.pop() if len(ops) == 1 else Op.EQUAL))
    return fixed


def _own_line_note(line: Line, host: Clause, name: str) -> Line:
    """``line``, a note body on a line of its own (:func:`~itu_nb.parsing.notes.held_bodies`) whose FOOTNOTE node
    ``name`` is a child of ``host``, with the note's text as the node now holds it: as :func:`_current_notes`
    writes a note in its clause's line (a decision settled its changes, or took the note away: nothing left).
    """
    kind, number = ("endnoteRef" if name.startswith("en") else "footnoteRef"), name[2:]
    ref = Piece(f"[{kind}:{number}]", Op.EQUAL, "footnote-ref")  # which note the body is: its reference, then cut
    pieces = _current_notes(host, [ref, *line.pieces])
    return dataclasses.replace(line, pieces=tuple(p for p in pieces if p.kind != "footnote-ref"))


_BODY_HEAD = NOTE_HEAD  # "[1: ", "[*: " (a note whose marker is no number)

#: The pieces :func:`lit_note` puts inside a note's text: a highlight's start and end, and a comment (its text,
#: op, author and date).
NOTE_MARKS = ("note-highlight-start", "note-highlight-end", "note-comment")


def marked(kid: Clause) -> bool:
    """True when the FOOTNOTE node ``kid`` has a highlight or a comment, which :func:`lit_note` puts in its text."""
    return any(a.kind == "highlight" or a.kind == "comment" for a in kid.artefacts)


def lit_note(group: list[Piece], kid: Clause) -> list[Piece]:
    """A note's pieces (its ``footnote-body`` piece and ``footnote-part`` pieces, as the loaders write it in its
    host's line: ``[N: ``, the text of the FOOTNOTE node ``kid``, ``]``) with an empty ``note-highlight-start``
    and ``note-highlight-end`` piece around each of ``kid``'s highlights and a ``note-comment`` piece (the
    comment's text, op, author and date) at each of its comments (offsets in its text), the text cut there: the
    first piece stays the ``footnote-body``, the rest are ``footnote-part`` pieces.

    Kinds of their own, not ``highlight-start``/``-end`` or ``comment``: the note stands apart from its host's text
    (a writer such as Word puts it in another part), so a highlight of the host around the note is not closed by
    them, and a comment inside the note is no comment of its host.
    """
    head = _BODY_HEAD.match(group[0].text)
    if head is None:
        return group
    last = sum(len(p.text) for p in group) - 1  # the closing "]": a highlight ends before it (offsets left
    # behind by a decision that shortened the note are kept inside it)
    spans = (
        (min((a.offset or 0) + head.end(), last), min((a.offset or 0) + head.end() + a.length, last), a.op, a.length)
        for a in kid.artefacts
        if a.kind == "highlight"
    )
    lit = sorted((s, e, op) for s, e, op, length in spans if s < e or not length)  # (one of nothing is kept)
    marks = sorted([(s, 1, Piece("", op, "note-highlight-start")) for s, _e, op in lit], key=lambda m: m[:2])
    marks += [(e, 0 if s < e else 1, Piece("", op, "note-highlight-end")) for s, e, op in lit]  # (after its start)
    marks += [
        (min((a.offset or 0) + head.end(), last), 1, Piece(a.text, a.op, "note-comment", a.author, a.date))
        for a in kid.artefacts
        if a.kind == "comment"
    ]
    marks.sort(key=lambda m: m[:2])
    out: list[Piece] = []
    kind = "footnote-body"  # the first piece of text; "footnote-part" after it

    def add(piece: Piece, text: str) -> None:  # (a Piece made directly: dataclasses.replace costs ten times that)
        nonlocal kind
        if text:
            out.append(Piece(text, piece.op, kind, piece.author, piece.date, piece.move))  # (its move kept)
            kind = "footnote-part"

    for got in cut_at(group, [(m[0], m[2]) for m in marks]):
        if isinstance(got, tuple):
            add(*got)
        else:
            out.append(got)
    return out


def _note_views(group: list[Piece]) -> tuple[str, str]:
    """The text of a note (its ``footnote-body`` piece and parts) in the original and the amended view."""
    out = []
    for hidden in (Op.INSERT, Op.DELETE):
        text = "".join(p.text for p in group if p.op is not hidden)
        m = FOOTNOTE_BODY.match(text)
        out.append(m.group("text") if m else "")
    return out[0], out[1]


def _kid_views(kid: Clause | None) -> tuple[str, str]:
    if kid is None:
        return "", ""
    runs = kid.label_runs + kid.runs
    return runs_text(runs, "original"), runs_text(runs, "amended")


def _kid_pieces(kid: Clause, number: str) -> list[Piece]:
    """A FOOTNOTE node's text as the loaders write it in its host's line: ``[N: text]`` with the op of its runs,
    or ``[N: `` and a ``footnote-part`` per run (then ``]``) when its runs differ in op.
    """
    runs = [r for r in kid.label_runs + kid.runs if r.text]
    if not runs:
        return []
    if len({r.op for r in runs}) == 1:
        first = runs[0]
        move = first.move if len({r.move for r in runs}) == 1 else None  # (a note moved whole: the move's)
        return [Piece(f"[{number}: {runs_text(runs)}]", first.op, "footnote-body", first.author, first.date, move)]
    out = [Piece(f"[{number}: ", Op.EQUAL, "footnote-body")]
    out += [Piece(r.text, r.op, "footnote-part", r.author, r.date, r.move) for r in runs]
    return [*out, Piece("]", Op.EQUAL, "footnote-part")]


def _with_notes(pieces: list[Piece], notes: list[Piece]) -> list[Piece]:
    """A node's ``pieces`` with each note of ``notes`` (:func:`_note_pieces`: its reference, then its bodies) right
    after the first reference to it among the pieces (read from Akoma Ntoso: where its ``authorialNote`` stood),
    without its own; the notes no reference names at the end, each with its reference.
    """
    if not notes or not any(p.kind == "footnote-ref" for p in pieces):
        return pieces + notes
    groups: dict[str, list[Piece]] = {}  # "fn1" → the note's reference and bodies
    name = ""
    for piece in notes:
        if piece.kind == "footnote-ref":
            name = ref_name(piece.text)
        groups.setdefault(name, []).append(piece)
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        if piece.kind == "footnote-ref" and (group := groups.pop(ref_name(piece.text), None)):
            out += group[1:]
    return out + [p for group in groups.values() for p in group]


def _note_pieces(node: Clause) -> list[Piece]:
    """The footnotes of ``node`` that no artefact of it holds (read from Akoma Ntoso) as the
    loaders write a footnote in its host's line: ``[footnoteRef:N]`` then ``[N: label and text]``, one body
    per run, each with its run's op (a note inserted or deleted whole: its reference too); a note with equal
    text and changes inside it as the CriticMarkup reader gives it, ``[N: `` and its runs as ``footnote-part``
    pieces (:func:`itu_nb.parsing.markup.note_parts`).
    """
    if any(a.kind == "footnote-body" for a in node.artefacts):
        return []
    notes: dict[str, list[Clause]] = {}  # "fn1" ("en1": an endnote) → its nodes
    for child in node.children:
        if child.kind is NodeKind.FOOTNOTE:
            notes.setdefault(child.path.rpartition("/")[2].partition("#")[0], []).append(child)
    out: list[Piece] = []
    for name, same in notes.items():
        number = name[2:] if name[:2] in ("fn", "en") else name
        mark = "endnoteRef" if name.startswith("en") else "footnoteRef"
        runs: list[list] = []  # [op, author, date, text, move]: the note's runs, those alike joined
        for note in same:
            first = len(runs)  # two notes of one number (two bodies of one reference): two bodies, never joined
            for r in note.label_runs + note.runs:
                if len(runs) > first and runs[-1][:3] == [r.op, r.author, r.date] and runs[-1][4] == r.move:
                    runs[-1][3] += r.text
                elif r.text:
                    runs.append([r.op, r.author, r.date, r.text, r.move])
            if len(runs) == first:  # an empty note (Word's empty footnote, an empty authorialNote): its body all
                runs.append([Op.EQUAL, None, None, "", None])  # the same, "[N: ]"
        ops = {op for op, *_ in runs}
        # one note of several runs, changes alone too ([N: {--1--}{++2++}]), is one body: several bodies would read
        # back as as many notes (fn1, fn1#2: a note replaced whole, one body per node of ``same``)
        inside = len(same) == 1 and len(runs) > 1
        ref = ops.pop() if len(ops) == 1 else Op.EQUAL
        out.append(Piece(f"[{mark}:{number}]", ref, "footnote-ref"))
        if inside:  # changes inside one note: its runs as parts
            head = runs[0][3] if runs[0][0] is Op.EQUAL else ""
            rest = runs[1:] if head else runs
            body = [Piece(f"[{number}: {head}", Op.EQUAL, "footnote-body")]
            body += [Piece(text, op, "footnote-part", who, when, move) for op, who, when, text, move in rest]
            body.append(Piece("]", Op.EQUAL, "footnote-part"))
        else:
            body = [Piece(f"[{number}: {text}]", op, "footnote-body", who, when, m) for op, who, when, text, m in runs]
        if len(same) == 1 and (inside or len(body) == 1) and marked(same[0]):
            body = lit_note(body, same[0])  # the highlights and comments inside the note
        elif not inside and len(body) == len(same) and any(map(marked, same)):  # its deleted and inserted texts
            body = [
                p for b, note in zip(body, same, strict=True) for p in (lit_note([b], note) if marked(note) else [b])
            ]
        out += body
    return out
