"""Control characters written as their Control Pictures, and the record a reader maps back.

The Word and Akoma Ntoso writers clean text for XML 1.0 (:func:`~itu_nb.export.docx_runs.clean_text`,
:func:`~itu_nb.export.akn_runs.clean`); a control character they would drop is written as its picture
(:func:`~itu_nb.loaders.controls.picture`: BEL, U+0007, as ``␇``) by :func:`replace`, which also notes it
in the set :func:`start` opened for the export.  The writer records that set (:func:`check`) for
:func:`itu_nb.loaders.controls.restore`.  Only text that is not printable reaches :func:`replace`, so a document
without control characters costs nothing here.
"""

from __future__ import annotations

import contextvars

from itu_nb.errors import ExportError
from itu_nb.loaders.controls import PICTURED, codes_text, picture
from itu_nb.model import Document

__all__ = ["check", "recorded", "replace", "start"]

#: The control characters pictured during the export in progress (None: no export is recording).
_SEEN: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("itu_nb_controls", default=None)


def start(*caches) -> set[str]:
    """Open the record of an export: the control characters pictured from now on are added to the set returned.

    ``caches``: the writer's ``functools.lru_cache`` functions that clean values (authors, dates), emptied, so
    that each value this export writes is cleaned, and noted, by this export.
    """
    for cache in caches:
        cache.cache_clear()
    seen: set[str] = set()
    _SEEN.set(seen)
    return seen


def recorded() -> set[str]:
    """The control characters pictured since the last :func:`start` (empty when none, or no export started)."""
    return _SEEN.get() or set()


def replace(ch: str) -> str:
    """What a writer writes for ``ch``, a character XML 1.0 cannot hold: its Control Picture (noted), U+FFFD for
    a lone surrogate, nothing for U+FFFE and U+FFFF (non-characters).
    """
    if ch in PICTURED:
        seen = _SEEN.get()
        if seen is not None:
            seen.add(ch)
        return picture(ch)
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ""


def check(doc: Document, seen: set[str], what: str) -> str:
    """The value to record for the control characters ``seen`` written from ``doc`` as ``what`` (``""``: none).

    Raises :class:`ExportError` when ``doc`` also holds the picture of one of them as a character of its own:
    a reader could not tell the two apart.
    """
    if not seen:
        return ""
    pictures = {picture(c): c for c in seen}
    for text in _texts(doc):
        hit = next((p for p in pictures if p in text), None)
        if hit is not None:
            code = ord(pictures[hit])
            raise ExportError(
                f"{doc.source}: cannot be written as {what}: it holds the control character U+{code:04X} and its "
                f"picture {hit} (U+{ord(hit):04X}) as a character of its own, which a reader could not tell apart; "
                "remove one of them"
            )
    return codes_text(seen)


def _texts(doc: Document):
    """Every value :func:`itu_nb.loaders.controls.restore` maps back, of ``doc``."""
    for p in doc.proposals:
        yield p.id
        yield p.action or ""
        for node in p.walk():
            for run in (*node.label_runs, *node.runs):
                yield run.text
                yield run.author or ""
                yield run.date or ""
            for art in node.artefacts:
                yield art.text
                yield art.author or ""
                yield art.date or ""
    for art in doc.artefacts:
        yield art.text
        yield art.author or ""
        yield art.date or ""
