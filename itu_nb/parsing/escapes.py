r"""Text that reads as an inline artefact, escaped in CriticMarkup so that it reads back as text.

The CriticMarkup reader takes ``[1: …]``, ``[footnoteRef:1]``, ``[endnoteRef:1]`` and ``[bookmark: …]`` in a
line for a note body, a note's reference or a bookmark (:data:`itu_nb.parsing.markup.INLINE_ARTEFACTS`).  A
paragraph whose text is literally such (a generated .docx holds a paragraph ``[1: 1<TAB>Note body text]``,
read as text by the .docx and Akoma Ntoso readers) is written by the CriticMarkup writer with a backslash
after its ``[`` (``[\1: 1<TAB>Note body text]``), which no artefact starts with: :func:`escape`.  The reader
takes one backslash out after a ``[`` that one or more backslashes and an artefact's start follow
(:func:`unescape`), so a text that held ``[\1: `` itself is written ``[\\1: `` and read back as it was.  Only
such places change: a backslash anywhere else is text, as before, and a note body's own text is written as it is
(its reader takes it whole).  The plain-text reader knows no escape: there ``[\1: x]`` is text as written.
"""

from __future__ import annotations

import re

__all__ = ["ESCAPED", "escape", "unescape"]

#: What follows the ``[`` of an inline artefact: a bookmark, a note's reference, a note body's number.
_START = r"(?:bookmark: |(?:foot|end)noteRef:|\d+:[ \t])"
_OPEN = re.compile(r"\[(?=\\*" + _START + ")")
#: A ``[`` escaped by the writer: the backslash after it, with backslashes and an artefact's start after that.
ESCAPED = re.compile(r"\[\\(?=\\*" + _START + ")")


def escape(text: str) -> str:
    r"""``text`` with a backslash after each ``[`` that an artefact's start follows (after any backslashes).

    Examples
    --------
    >>> escape("[1: 1\tNote body text]")
    '[\\1: 1\tNote body text]'
    >>> escape("see [\\1: x] and [a]")
    'see [\\\\1: x] and [a]'
    """
    return _OPEN.sub("[\\\\", text) if "[" in text else text


def unescape(text: str) -> tuple[str, list[int]]:
    r"""``text`` with the backslash of each escaped ``[`` taken out (what :func:`escape` added), and the place
    of each backslash taken out in ``text``.

    Examples
    --------
    >>> unescape("[\\1: 1\tNote body text]")
    ('[1: 1\tNote body text]', [1])
    """
    places = [m.end() - 1 for m in ESCAPED.finditer(text)]
    if not places:
        return text, places
    return ESCAPED.sub("[", text), places
