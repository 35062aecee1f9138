"""Plain-text and CriticMarkup loaders."""

from __future__ import annotations

from itu_nb.loaders.registry import register
from itu_nb.model import Document
from itu_nb.parsing import parse_critic, parse_text
from itu_nb.parsing.normalise import check_text, decode_utf8


@register("text")
def load_text(data: bytes | str, source: str, *, encoding: str | None = None, infer: bool = True) -> Document:
    """A plain-text proposal or resolution, e.g. a flattened docx→text extraction.

    ``infer=True`` recovers the replacements the text itself proves (see
    :mod:`itu_nb.parsing.infer`); pass ``infer=False`` for a clean text.

    Control characters (C0 other than TAB, LF and CR, and DEL) are kept as written, not
    dropped or replaced: the runs and ``source_text()`` hold them, and the node whose line
    holds one says so in its ``notes`` ("control character(s) U+0007 on line 12, kept as
    written"), since the views trim them at a paragraph's ends and some exports cannot
    write them.  A byte-order mark after the start of the text (two files joined) is dropped
    like a leading one, with a note on the node of its line, or in the ``warnings`` of the
    proposal whose marker line it started.  A text mostly made of control characters is
    refused as binary data.
    """
    if isinstance(data, bytes):  # decoded with the byte classes the parser scans (one pass over the file)
        text, utf8, classes = decode_utf8(data, source, encoding)
        return parse_text(
            text, source=source, infer=infer, utf8=(utf8, classes) if utf8 is not None and classes is not None else None
        )
    return parse_text(check_text(data, source), source=source, infer=infer)


@register("criticmarkup")
def load_critic(
    data: bytes | str, source: str, *, encoding: str | None = None, author: str | None = None, date: str | None = None
) -> Document:
    """CriticMarkup: ``{++inserted++}``, ``{--deleted--}``, ``{~~old~>new~~}``.

    CriticMarkup has no author field: ``author=`` and ``date=`` are set on every change.
    Control characters and byte-order marks are treated as by :func:`load_text`.
    """
    if isinstance(data, bytes):
        text, utf8, classes = decode_utf8(data, source, encoding)
        both = (utf8, classes) if utf8 is not None and classes is not None else None
        return parse_critic(text, source=source, author=author, date=date, utf8=both)
    return parse_critic(check_text(data, source), source=source, author=author, date=date)
