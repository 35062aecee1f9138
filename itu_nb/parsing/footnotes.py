"""Stage 3, a line's notes: the footnote bodies a line carries as artefacts → FOOTNOTE children of its node.

:func:`add_footnotes` reads the ``footnote-body``, ``footnote-part``, ``footnote-ref``, ``footnote-highlight`` and
``footnote-comment`` artefacts of a node under construction (:class:`~itu_nb.parsing.nodes.Node`), as the text, CriticMarkup and
Word readers leave them, and adds each note as a child; :class:`~itu_nb.parsing.tree.ProposalBuilder` calls it
for every node made with artefacts.
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.model import NodeKind, Op, Run
from itu_nb.model.note_source import NOTE_HEAD
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.labels import peel_label
from itu_nb.parsing.markup import FOOTNOTE_BODY, IN_NOTE, note_parts
from itu_nb.parsing.nodes import Node
from itu_nb.parsing.note_pieces import number_label

__all__ = ["add_footnotes"]

_NOTE_HEAD = NOTE_HEAD  # a note's "[N: " ("[*: " for a note whose marker is no number), before its text


def add_footnotes(node: Node) -> None:
    """Turn footnote-body artefacts into FOOTNOTE children (the artefact keeps the source); a body that
    ``footnote-part`` artefacts continue is one note whose runs carry the changes made inside it.

    A note's path is ``fn<N>``, or ``en<N>`` for an endnote: a body whose number was last referenced by an
    ``[endnoteRef:N]`` (Word numbers footnotes and endnotes apart, so footnote 1 and endnote 1 are ``fn1``
    and ``en1``); a second body of one number (a note's deleted and inserted texts) is ``fn<N>#2``.
    """
    arts = node.artefacts
    refs: dict[str, str] = {}  # note number → "fn" or "en", by its last reference so far
    last: tuple[Node, int] | None = None  # the last note added, and the length of its "[N: "
    for i, art in enumerate(arts):
        if art.kind in IN_NOTE:  # a highlight or a comment inside that note: offset in its text
            if last is not None:
                kid, head = last
                kid.artefacts.append(
                    dataclasses.replace(art, kind=IN_NOTE[art.kind], offset=max((art.offset or 0) - head, 0))
                )
            continue
        if art.kind == "footnote-ref":
            number = art.text[art.text.find(":") + 1 : art.text.find("]")]
            refs[number] = "en" if art.text.startswith("[endnoteRef:") else "fn"
            continue
        if art.kind != "footnote-body":
            continue
        last = None  # until this body is a note
        # parts first: a note with changes inside whose first text ends in "]" ("[1: 1 ]" + inserted "0" + "]")
        # would otherwise read as a whole note, and its parts be lost
        parts = note_parts(arts, i) if i + 1 < len(arts) and arts[i + 1].kind == "footnote-part" else None
        if parts is not None:
            _changed_note(node, art, parts[0], refs)
            last = node.children[-1], _NOTE_HEAD.match(art.text).end()  # type: ignore[union-attr, assignment]
            continue
        m = FOOTNOTE_BODY.match(art.text)
        if not m:
            continue
        text = m.group("text")
        # a tracked note's change (and its move: a note moved whole, with the clause holding it)
        who = (art.author, art.date, False, art.move) if art.op is not Op.EQUAL else (None, None, False, None)
        label, body = peel_label([make_run(art.op, text, *who)])
        if not label:  # "[1: 1 <TAB>These include …]": the number and a space before the TAB
            lm = re.match(r"^(\d+)(\s*\t|\s+)", text)
            if lm:
                label, body = [make_run(art.op, lm.group(0), *who)], [make_run(art.op, text[lm.end() :], *who)]
        no = m.group("no")
        last = (
            node.add(Node(NodeKind.FOOTNOTE, f"{refs.get(no, 'fn')}{no}", label, body, section=node.section)),
            (m.start("text")),
        )
    if any(a.kind in IN_NOTE for a in arts):
        node.artefacts = [a for a in arts if a.kind not in IN_NOTE]


def _changed_note(node: Node, art, runs: list[Run], refs: dict[str, str]) -> None:
    """Add the FOOTNOTE child of a note with changes inside (its runs from :func:`note_parts`)."""
    head = _NOTE_HEAD.match(art.text)  # (note_parts matched it)
    number = head.group(1) if head else art.text[1 : art.text.index(":")]
    label, body = peel_label(runs)
    if not label and (numbered := number_label(runs)) is not None:  # "[1: 1 <TAB>See …]": the number, a space, TAB
        label, body = numbered
    node.add(Node(NodeKind.FOOTNOTE, f"{refs.get(number, 'fn')}{number}", label, body, section=node.section))
