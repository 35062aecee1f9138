"""Which of two readings a Word note with tracked changes has: one note holding its changes, or a note replaced whole.

In Word a note whose text, all but its number, one author deleted and inserted (``[1: 1 {~~a~>b~~}]``: one note
holding a change) and a note whose text one author replaced whole (``{--[1: 1 a]--}{++[1: 1 b]++}``: its deleted
text ``fn1`` and its inserted text ``fn1#2``) are one form: a footnote holding a ``w:del`` and a ``w:ins``.  The
.docx reader reads Word's own form as replaced whole, by the one rule :func:`replaced_whole` (as it reads a note
whose paragraph marks change); a note by several authors (or dates) as one note holding each one's changes.

``to_docx`` writes what that rule would misread with a hidden bookmark in the note naming the reading it means
(:data:`NOTE_ONE`, :data:`NOTE_WHOLE`), which the reader follows: a note holding one author's changes stays one
note, a note replaced whole by two authors stays two texts.  The names start with
:data:`~itu_nb.loaders.docx_tags.NOTE_PLACE`, whose other bookmarks a reader reads as no text (so a reader that
does not know them drops them too).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from itu_nb.loaders.docx_tags import BOOKMARK, NAME, NOTE_PLACE
from itu_nb.model import Op

#: The hidden bookmark ``to_docx`` writes in a note that is one note holding its changes, where
#: :func:`replaced_whole` would read it as replaced whole.
NOTE_ONE = f"{NOTE_PLACE}one"
#: The hidden bookmark ``to_docx`` writes in a note replaced whole (its deleted and inserted texts) where
#: :func:`replaced_whole` would read it as one note (the two texts by two authors, or dates).
NOTE_WHOLE = f"{NOTE_PLACE}whole"


def replaced_whole(
    same: str, number: str, changes: Iterable[tuple[Op, str, tuple[str | None, str | None]]], marks: bool
) -> bool:
    """Whether a Word note with tracked changes (and no bookmark of this module) reads as replaced whole: its
    paragraph marks change (``marks``: paragraphs merged or split), or no text but its number (``same``: the
    note's unchanged text, its number ``number`` shown first) is unchanged, text was both deleted and inserted
    (``changes``: op, text and (author, date) of each changed run), and one author with one date made every change
    (an empty changed run counts as a change there).

    A note whose text was only deleted or only inserted (``[3: 3 {--a--}]``) is one note: read as two, its inserted
    text would be its number alone.
    """
    if marks:
        return True
    changed = list(changes)
    if {op for op, text, _ in changed if text} != {Op.DELETE, Op.INSERT}:
        return False
    return not same.strip().removeprefix(number).strip() and len({who for *_, who in changed}) <= 1


def note_form(note: etree._Element) -> str | None:
    """The bookmark of this module in the Word note ``note`` (:data:`NOTE_ONE`, :data:`NOTE_WHOLE`), None when it
    holds neither (Word's own form: :func:`replaced_whole` says).
    """
    for mark in note.iter(BOOKMARK):
        name = mark.get(NAME)
        if name in (NOTE_ONE, NOTE_WHOLE):
            return name
    return None
