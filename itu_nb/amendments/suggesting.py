"""The suggesting mode's operations: a clause retyped (:class:`EditText`) and a comment (:class:`Comment`).

Both are applied by :func:`~itu_nb.amendments.edits.apply_ops` after the operations of the editor
(:data:`_APPENDED`).  An :class:`EditText` is tracked word by word (:func:`~itu_nb.amendments.retyping.retype_runs`);
a :class:`Comment` adds a ``comment`` artefact at the end of the clause.  Typed text that no export
could keep (control characters, lone surrogates) is refused.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from typing import Any

from itu_nb.amendments.editor import _cite, _Editor
from itu_nb.amendments.operations import Comment, EditError, EditText
from itu_nb.amendments.retyping import _moved_offsets, retyped
from itu_nb.amendments.wording import edited_artefacts, map_node
from itu_nb.model import Artefact, Op, Proposal


def _typed(p: Proposal, text: str, what: str) -> None:
    """Refuse typed text that no export could keep: control characters and lone surrogates (line breaks are
    the operation's to judge: a comment may hold them, a clause may not).
    """
    bad = next(
        (i for i, ch in enumerate(text) if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cs")), None
    )
    if bad is not None:
        raise EditError(
            f"{p.id}: {what} has the control character U+{ord(text[bad]):04X} at position {bad + 1}, "
            "which is no document text (pasted from another program?); remove it"
        )


def _edit_text(editor: _Editor, op: EditText) -> None:
    node = editor.session.resolve(editor.p, op.at)
    body = node.body("amended")
    where = f"{_cite(editor.p, node)} ({node.path})"
    _typed(editor.p, op.text.strip(), f"the text for {where}")
    if not op.text.strip():
        raise EditError(f"{editor.p.id}: no text for {where}; to remove the clause, delete it (DeleteClause)")
    if "\n" in op.text.strip() or "\r" in op.text.strip():
        raise EditError(
            f"{editor.p.id}: {where} is one paragraph and the text has a line break; "
            "write a new item with InsertClause (Insert after in the viewer) instead"
        )
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
    text = lead + op.text.strip() + trail if body.strip() else op.text.strip()
    if text == body:
        return
    runs, struck = retyped(node.runs, text, editor.author, editor.date)
    arts = edited_artefacts(node, runs, _moved_offsets(node, runs), struck, editor.author, editor.date)
    editor.p = dataclasses.replace(
        editor.p,
        clauses=map_node(editor.p.clauses, node.path, lambda c: dataclasses.replace(c, runs=runs, artefacts=arts)),
    )


def _comment(editor: _Editor, op: Comment) -> None:
    node = editor.session.resolve(editor.p, op.at)
    text = op.text.strip()
    _typed(editor.p, text, f"the comment on {_cite(editor.p, node)}")
    if not text:
        raise EditError(f"{editor.p.id}: an empty comment on {_cite(editor.p, node)} ({node.path})")
    if "<<}" in text:  # it would close the comment in CriticMarkup, and the export would refuse it
        raise EditError(f"{editor.p.id}: a comment cannot contain '<<}}' (it ends a comment in CriticMarkup)")
    size = sum(len(r.text) for r in node.label_runs + node.runs)
    line = node.line if node.line is not None else -1
    note = Artefact("comment", text, line, size, Op.EQUAL, editor.author, editor.date)
    editor.p = dataclasses.replace(
        editor.p,
        clauses=map_node(editor.p.clauses, node.path, lambda c: dataclasses.replace(c, artefacts=(*c.artefacts, note))),
    )


#: The operations appended after :data:`_METHODS`, as functions of the editor.
_APPENDED: dict[type, Callable[[_Editor, Any], None]] = {EditText: _edit_text, Comment: _comment}
