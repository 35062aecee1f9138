"""The texts of notes as the Word writer finds them: in a line's pieces, or in a node's FOOTNOTE children.

A note's texts by note (``("fn", "1")``, ``("en", "1")``), each as its runs (:func:`_note_bodies`,
:func:`node_bodies`), the notes whose body stands apart from their reference (:func:`_bodies_later`), and the
comments on a node's notes (:func:`note_comments`); who inserted (deleted) a note whole (:func:`_whole_author`).
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.export.lines import NOTE_MARKS, Piece, lit_note, marked
from itu_nb.model import Artefact, Clause, NodeKind, Op
from itu_nb.model.note_source import MARKER

#: A note's number, or the mark it shows when it is no number (``*``, ``a``, ``†``: a note read from Akoma Ntoso or
#: Word with that mark), as :func:`itu_nb.model.note_source.ref_name` reads one.
_MARK = MARKER
#: A note body's number or mark (``[2: …``, ``[*: …``).
_BODY_NUMBER = re.compile(rf"\[({_MARK}):")
#: A note reference's number or mark (``[footnoteRef:2]``, ``[endnoteRef:2]``, ``[footnoteRef:*]``).
_REF_NUMBER = re.compile(rf"\[\w+:({_MARK})\]")
#: A note body, whole: its number or mark and its text (``[*: * See …]``).
_BODY = re.compile(rf"^\[(?P<no>{_MARK}):[ \t](?P<text>.*)\]$", re.DOTALL)
#: A note body's start (``[2: ``), when changes cut it into parts.
_HEAD = re.compile(rf"\[({_MARK}):[ \t]")
#: What the .docx reader notes on a clause holding a second reference to one Word note (loaders/docx_read.py).
_REPEATS = re.compile(rf"(footnote|endnote) ({_MARK}) repeats (footnote|endnote) ({_MARK}) \(w:id ")
#: A FOOTNOTE node's name: ``fn``/``en``, the note's number or mark, and ``#k`` for its k-th text.
_NOTE_PATH = re.compile(rf"(fn|en)({_MARK})(?:#\d+)?")


#: The marks of a highlight and the comments inside a note (:func:`itu_nb.export.lines.lit_note`), among its parts.
_NOTE_MARKS = NOTE_MARKS
_NOTE_PARTS = ("footnote-part", *_NOTE_MARKS)


def _note_kind(ref: str) -> str:
    """``"en"`` for an endnote's reference (``[endnoteRef:N]``), else ``"fn"``: how the note's path starts."""
    return "en" if ref.startswith("[endnoteRef:") else "fn"


def _note_bodies(pieces: tuple[Piece, ...]) -> dict[tuple[str, str], list[list[Piece]]]:
    """The texts of the notes in a line, by note (``("fn", "1")``; ``("en", "1")`` for a body whose number an
    ``[endnoteRef:1]`` referenced last before it): each text as its runs, from after ``[N: `` (as the loaders
    write it) to before the closing ``]``.  A ``footnote-body`` piece is one text of one run; one that
    ``footnote-part`` pieces continue (a note with changes inside it, see
    :func:`itu_nb.parsing.markup.note_parts`) is one text of several runs, each with its op.
    """
    bodies: dict[tuple[str, str], list[list[Piece]]] = {}
    kinds: dict[str, str] = {}  # note number → "fn" or "en", by its last reference so far
    for i, piece in enumerate(pieces):
        if piece.kind == "footnote-ref":
            ref = _REF_NUMBER.match(piece.text)
            if ref:
                kinds[ref.group(1)] = _note_kind(piece.text)
        if piece.kind != "footnote-body":
            continue
        # parts first: a note cut by a change or a comment whose first text ends in "]" ("[1: a[b]" + a comment
        # + "c]") would otherwise read as a whole note ("a[b"), and its parts be lost (as the tree reads it)
        head = _HEAD.match(piece.text)
        end = i + 1
        while end < len(pieces) and pieces[end].kind in _NOTE_PARTS:
            end += 1
        while end > i + 1 and pieces[end - 1].kind != "footnote-part":
            end -= 1  # a highlight's marks end the note before its closing "]"
        if head is None or end == i + 1 or not pieces[end - 1].text.endswith("]"):
            m = _BODY.match(piece.text)
            if m:
                no = m.group("no")
                key = (kinds.get(no, "fn"), no)
                bodies.setdefault(key, []).append([dataclasses.replace(piece, text=piece.text[len(no) + 3 : -1])])
            continue
        runs = [dataclasses.replace(piece, text=piece.text[head.end() :]), *pieces[i + 1 : end]]
        runs[-1] = dataclasses.replace(runs[-1], text=runs[-1].text[:-1])
        key = (kinds.get(head.group(1), "fn"), head.group(1))
        kept = [r for r in runs if r.text or r.kind in _NOTE_MARKS]
        bodies.setdefault(key, []).append(kept if any(r.text for r in kept) else runs[:1])
    return bodies


def _bodies_later(pieces: tuple[Piece, ...]) -> set[str]:
    """The numbers of the notes whose first body in a line stands after their reference with something written
    between them (text, a comment, a bookmark, another note): the .docx writer marks their place.
    """
    out: set[str] = set()
    since: dict[str, int] = {}  # a note referenced and not yet given its body → the pieces written up to its reference
    written = 0  # (one count, not a flag per pending note set at every piece: a line of 40,000 references is linear)
    for piece in pieces:
        if piece.kind == "footnote-body" and (m := _BODY_NUMBER.match(piece.text)):
            at = since.pop(m.group(1), None)
            if at is not None and at < written:
                out.add(m.group(1))
            continue
        if piece.kind in _NOTE_PARTS or piece.is_mark:
            continue
        written += 1
        if piece.kind == "footnote-ref" and (ref := _REF_NUMBER.match(piece.text)):
            since[ref.group(1)] = written
    return out


def node_bodies(node: Clause, key: tuple[str, str]) -> list[list[Piece]]:
    """The texts of note ``key`` (``("fn", "2")``) as :func:`_note_bodies` gives them, from ``node``'s FOOTNOTE
    children (``fn2``, ``fn2#2``) rather than from pieces of its line: a note whose body stands on a line of its
    own (:mod:`itu_nb.parsing.notes`), which the line holding the reference does not carry.  Each text is its
    label and runs with their ops, author and date, and the note's highlights (:func:`~itu_nb.export.lines.lit_note`).
    """
    kind, number = key
    out: list[list[Piece]] = []
    for kid in node.children:
        m = _NOTE_PATH.fullmatch(kid.path.rpartition("/")[2]) if kid.kind is NodeKind.FOOTNOTE else None
        if m is None or (m.group(1), m.group(2)) != key:
            continue
        group = [Piece(f"[{number}: ", Op.EQUAL, "footnote-body")]
        group += [Piece(r.text, r.op, "footnote-part", r.author, r.date, r.move) for r in kid.label_runs + kid.runs]
        group.append(Piece("]", Op.EQUAL, "footnote-part"))
        if marked(kid):
            group = lit_note(group, kid)
        out += _note_bodies(
            (Piece(f"[{'endnoteRef' if kind == 'en' else 'footnoteRef'}:{number}]", Op.EQUAL, "footnote-ref"), *group)
        ).get(key, [])
    return out


def note_comments(node: Clause) -> dict[tuple[str, str], list[list[Artefact]]]:
    """The comments on the FOOTNOTE children of ``node``, by note (``("fn", "1")``, ``("en", "1")`` for an
    endnote), one list per node of that note in order (the tree makes ``fn1`` and ``fn1#2`` of a note's
    deleted and inserted text, in that order).

    A FOOTNOTE node's text is written inside a Word footnote; its comments are anchored in the body, around
    the note's reference mark, since LibreOffice 7.4 cannot open a .docx with a comment inside a footnote.
    A hidden bookmark in the note's text names each comment where it stands there
    (:meth:`~itu_nb.export.docx_footnotes.NoteWriter._footnote_ref`), and the .docx reader puts it back in the
    note at that place, as it reads a comment made inside a Word footnote.
    """
    found: dict[tuple[str, str], list[list[Artefact]]] = {}
    for child in node.children:
        m = _NOTE_PATH.fullmatch(child.path.rpartition("/")[2]) if child.kind is NodeKind.FOOTNOTE else None
        if m:
            found.setdefault((m.group(1), m.group(2)), []).append([a for a in child.artefacts if a.kind == "comment"])
    return {no: sides for no, sides in found.items() if any(sides)}


def _whole_author(ref: Piece, bodies: list[list[Piece]]) -> tuple[str | None, str | None]:
    """Who inserted (deleted) a note whole, and when: its reference's author and date, else those of the first run
    of its text with the reference's op that has them (a .docx reader gives them to the note's text, not to its
    reference), so the reference and the note's text are written in changes of one author and date.
    """
    if ref.author or ref.date:
        return ref.author, ref.date
    for body in bodies:
        for run in body:
            if run.op is ref.op and run.kind not in _NOTE_MARKS and (run.author or run.date):
                return run.author, run.date
    return None, None
