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
    """
    return parse_text(_as_text(data, source, encoding), source=source, infer=infer)


@register("criticmarkup")
def load_critic(
    data: bytes | str, source: str, *, encoding: str | None = None, author: str | None = None, date: str | None = None
) -> Document:
    """CriticMarkup: ``{++inserted++}``, ``{--deleted--}``, ``{~~old~>new~~}``.

    CriticMarkup has no author field: ``author=`` and ``date=`` are set on every change.
    """
    return parse_critic(_as_text(data, source, encoding), source=source, author=author, date=date)
