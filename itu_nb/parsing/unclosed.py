"""CriticMarkup openers never closed in a text read as plain text: a note on the line of each.

Content detection (:func:`itu_nb.loaders.registry.detect_format`) reads a text as CriticMarkup when it holds a
mark that is closed; a ``.md`` suffix promises Markdown, which has no CriticMarkup, so a text whose only mark is an
opener never closed (``{++new text`` with no ``++}`` after it) is plain text and ``{++`` is kept as written in its
clause.  The CriticMarkup reader refuses the same text (``line 2: CriticMarkup '{++' is never closed``); read as
text it is not refused, but not silent either: the node of the line says ``line 2: an unclosed {++ (no ++} after
it): read as plain text``, so an analyst who meant CriticMarkup sees why no change was read.
"""

from __future__ import annotations

import re

from itu_nb.parsing.critic_read import CRITIC_MARKS as _CLOSERS

__all__ = ["unclosed_marks"]

_OPENER = re.compile(r"\{(?:\+\+|--|~~|==|>>)")


def unclosed_marks(text: str, notes: dict[int, list[str]]) -> dict[int, list[str]]:
    r"""``notes`` (line → notes, 0-based lines of ``text`` split at ``\n``) with one note on each line that holds a
    CriticMarkup opener with no closer of its kind anywhere after it.

    One pass over the text: an opener is unclosed when it stands after the last closer of its kind.  One note per
    line (the first such opener on it), whatever the number of openers.  ``notes`` is returned as it is when the
    text has none; else a new dict.
    """
    if "{" not in text:  # the usual text
        return notes
    last = {opener: text.rfind(closer) for opener, closer in _CLOSERS.items()}
    found: dict[int, list[str]] = {}
    line, at = 0, 0  # the line of position ``at``
    for m in _OPENER.finditer(text):
        opener = m.group(0)
        if m.end() <= last[opener]:  # a closer stands after it (the next openers of its kind are checked alike)
            continue
        line += text.count("\n", at, m.start())
        at = m.start()
        if line not in found:
            closer = _CLOSERS[opener]
            found[line] = [f"line {line + 1}: an unclosed {opener} (no {closer} after it): read as plain text"]
    if not found:
        return notes
    merged = {k: list(v) for k, v in notes.items()}
    for k, v in found.items():
        merged.setdefault(k, []).extend(v)
    return merged
