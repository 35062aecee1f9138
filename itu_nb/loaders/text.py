"""Plain-text and CriticMarkup loaders."""

from __future__ import annotations

from itu_nb.loaders.registry import register
from itu_nb.model import Document
from itu_nb.parsing import parse_critic, parse_text
from itu_nb.parsing.normalise import check_text, decode


def _as_text(data: bytes | str, source: str, encoding: str | None) -> str:
    return decode(data, source, encoding) if isinstance(data, bytes) else check_text(data, source)


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
    return parse_text(_as_text(data, source, encoding), source=source, infer=infer)


@register("criticmarkup")
def load_critic(
    data: bytes | str, source: str, *, encoding: str | None = None, author: str | None = None, date: str | None = None
) -> Document:
    """CriticMarkup: ``{++inserted++}``, ``{--deleted--}``, ``{~~old~>new~~}``.

    CriticMarkup has no author field: ``author=`` and ``date=`` are set on every change.
    Control characters and byte-order marks are treated as by :func:`load_text`.
    """
    return parse_critic(_as_text(data, source, encoding), source=source, author=author, date=date)
