"""CriticMarkup writer: ``{++inserted++}``, ``{--deleted--}``, ``{==highlighted==}``, comments as ``{>>…<<}``.

A document loaded from CriticMarkup is written back line for line (the marks may be
grouped differently: ``{~~a~>b~~}`` comes back as ``{--a--}{++b++}``).  Clause keys that the
labels no longer tell (after relettering or decisions) are stored in one comment on each
proposal's first line, ``{>>itu_nb keys: ["<key>", …]<<}``, so change ids survive.

CriticMarkup has no author or date field.  A comment's are written inside it,
``{>>@Author (2018-09-10): text<<}`` (see :data:`itu_nb.parsing.markup.COMMENT_BY`), and read
back by the loader; a comment that could not be read back the same way (``<<}`` in it, an
author with ``": "`` in it) raises :class:`~itu_nb.errors.ExportError`.  The changes' author and
date are written only when the document's changes carry more than one of them (several
authors): then each change is followed by ``{>>@Author (2018-09-10)<<}``
(:data:`itu_nb.parsing.markup.ATTRIBUTION`), which the loader reads as that change's author and
date.  Otherwise nothing is written: pass ``author=``/``date=`` to :func:`itu_nb.load` when
reading the file back.  A highlight is ``{==…==}`` around what it covers, changes and comments
included (``{==IC{++T++}s==}``: the loader reads marks inside a highlight).  Lone surrogates,
which no file can hold, are written as U+FFFD.
"""

from __future__ import annotations

import re
from pathlib import Path

from itu_nb.errors import ExportError
from itu_nb.export.lines import Piece, as_document, encodable, export_lines
from itu_nb.model import Op
from itu_nb.parsing.markup import ATTRIBUTION, COMMENT_BY, KEYS_COMMENT, comment_artefact, looks_like_critic

__all__ = ["to_criticmarkup"]

_MARK = {Op.INSERT: ("{++", "++}"), Op.DELETE: ("{--", "--}")}
#: Text that a CriticMarkup reader would take for a mark.
_CLASH = re.compile(r"\{(?:\+\+|--|~~|==|>>)|(?:\+\+|--|~~|==|<<)\}|~>")
#: Written first when the text would otherwise hold no mark, so that it is read as CriticMarkup again.
HEADER = "{>>CriticMarkup written by itu_nb: no tracked changes<<}"


def _comment(piece: Piece, where: str) -> str:
    """``{>>…<<}`` for a comment, its author and date written as the loader reads them (:data:`COMMENT_BY`)."""
    text = piece.text
    if piece.author or piece.date:
        head = "@" + (piece.author or "") + (f" ({piece.date})" if piece.date else "") + ": "
    elif COMMENT_BY.match(text) or ATTRIBUTION.match(text) or text.startswith(KEYS_COMMENT):
        head = "@: "  # a plain comment that would read as one with an author, a change's author, or keys
    else:
        head = ""
    inner = head + text
    back = comment_artefact(inner)
    want = ("comment", text, piece.author or None, piece.date or None)
    if "<<}" in inner or (back.kind, back.text, back.author, back.date) != want:
        raise ExportError(
            f"{where}: the comment {text!r} by {piece.author!r} ({piece.date!r}) cannot be written in CriticMarkup"
        )
    return "{>>" + inner + "<<}"


def _attribution(piece: Piece) -> str:
    """``{>>@Author (date)<<}``: the author and date of the change just closed (:data:`ATTRIBUTION`)."""
    return "{>>@" + (piece.author or "") + (f" ({piece.date})" if piece.date else "") + "<<}"


def _line(pieces: tuple[Piece, ...], where: str, attribute: bool = False) -> str:
    out: list[str] = []
    open_op = Op.EQUAL
    who: Piece | None = None  # the change open, when its author and date are written after it

    def close() -> None:
        nonlocal open_op
        if open_op is not Op.EQUAL:
            out.append(_MARK[open_op][1])
            if who is not None:
                out.append(_attribution(who))
            open_op = Op.EQUAL

    for piece in pieces:
        if piece.is_mark:  # a highlight's start or end: no change mark may stay open across it
            close()
            out.append("{==" if piece.kind == "highlight-start" else "==}")
            continue
        if piece.kind == "comment":
            close()
            out.append(_comment(piece, where))
            continue
        if _CLASH.search(piece.text):
            raise ExportError(f"{where}: the text {piece.text!r} contains a CriticMarkup mark and cannot be written")
        if not piece.text:
            continue
        other = attribute and who is not None and (who.author, who.date) != (piece.author, piece.date)
        if piece.op is not open_op or (other and piece.op is not Op.EQUAL):
            close()
            if piece.op is not Op.EQUAL:
                out.append(_MARK[piece.op][0])
            open_op = piece.op
            who = piece if attribute and piece.op is not Op.EQUAL else None
        out.append(piece.text)
    close()
    return "".join(out)


def _keys_json(keys: list) -> str:
    """The keys as JSON that cannot close the comment it stands in (``<`` escaped)."""
    import json

    return json.dumps(keys, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def to_criticmarkup(x, path=None, *, author: str | None = None, date: str | None = None) -> str:
    """Write a Document, Proposal or Comparison as CriticMarkup; see :func:`itu_nb.to_criticmarkup`."""
    doc = as_document(x, author=author, date=date)
    lines = []
    every = {(r.author, r.date) for p in doc for n in p.walk() for r in n.label_runs + n.runs if r.op is not Op.EQUAL}
    for i, line in enumerate(export_lines(doc)):
        where = f"{doc.source}, line {i + 1}" + (f" ({line.node.path})" if line.node is not None else "")
        text = _line(line.pieces, where, attribute=len(every) > 1)
        if line.keys:  # clause keys a reload cannot derive from the labels: stored so change ids survive
            text += "{>>" + KEYS_COMMENT + _keys_json(line.keys) + "<<}"
        lines.append(text)
    text = encodable("\n".join(lines))
    if not looks_like_critic(text):
        text = HEADER + "\n" + text
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
