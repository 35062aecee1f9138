"""CriticMarkup writer: ``{++inserted++}``, ``{--deleted--}``, comments as ``{>>…<<}``.

A document loaded from CriticMarkup is written back line for line (the marks may be
grouped differently: ``{~~a~>b~~}`` comes back as ``{--a--}{++b++}``).  Clause keys that the
labels no longer tell (after relettering or decisions) are stored in one comment on each
proposal's first line, ``{>>itu_nb keys: ["<key>", …]<<}``, so change ids survive.  CriticMarkup
has no author or date field: they are not written; pass ``author=``/``date=`` to
:func:`itu_nb.load` when reading the file back.
"""

from __future__ import annotations

import re
from pathlib import Path

from itu_nb.export.lines import Piece, as_document, export_lines
from itu_nb.model import Op
from itu_nb.parsing.markup import KEYS_COMMENT, looks_like_critic

__all__ = ["to_criticmarkup"]

_MARK = {Op.INSERT: ("{++", "++}"), Op.DELETE: ("{--", "--}")}
#: Text that a CriticMarkup reader would take for a mark.
_CLASH = re.compile(r"\{(?:\+\+|--|~~|==|>>)|(?:\+\+|--|~~|==|<<)\}|~>")
#: Written first when the text would otherwise hold no mark, so that it is read as CriticMarkup again.
HEADER = "{>>CriticMarkup written by itu_nb: no tracked changes<<}"


def _line(pieces: tuple[Piece, ...], where: str) -> str:
    out: list[str] = []
    open_op = Op.EQUAL
    for piece in pieces:
        if piece.kind == "comment":
            out.append(f"{{>>{piece.text}<<}}")
            continue
        if _CLASH.search(piece.text):
            from itu_nb.errors import ExportError

            raise ExportError(f"{where}: the text {piece.text!r} contains a CriticMarkup mark and cannot be written")
        if piece.op is not open_op:
            if open_op is not Op.EQUAL:
                out.append(_MARK[open_op][1])
            if piece.op is not Op.EQUAL:
                out.append(_MARK[piece.op][0])
            open_op = piece.op
        out.append(piece.text)
    if open_op is not Op.EQUAL:
        out.append(_MARK[open_op][1])
    return "".join(out)


def _keys_json(keys: list) -> str:
    """The keys as JSON that cannot close the comment it stands in (``<`` escaped)."""
    import json

    return json.dumps(keys, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def to_criticmarkup(x, path=None, *, author: str | None = None, date: str | None = None) -> str:
    """Write a Document, Proposal or Comparison as CriticMarkup; see :func:`itu_nb.to_criticmarkup`."""
    doc = as_document(x, author=author, date=date)
    lines = []
    for i, line in enumerate(export_lines(doc)):
        where = f"{doc.source}, line {i + 1}" + (f" ({line.node.path})" if line.node is not None else "")
        text = _line(line.pieces, where)
        if line.keys:  # clause keys a reload cannot derive from the labels: stored so change ids survive
            text += "{>>" + KEYS_COMMENT + _keys_json(line.keys) + "<<}"
        lines.append(text)
    text = "\n".join(lines)
    if not looks_like_critic(text):
        text = HEADER + "\n" + text
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
