"""A clause's runs made again by the word diff: retyped text, and the inline artefacts carried over.

:func:`retype_runs` turns a clause's runs into runs whose amended text reads as typed (the suggesting
mode's :class:`~itu_nb.amendments.operations.EditText`), as word-level tracked deletions and insertions;
:func:`_moved_offsets` carries a clause's comments and highlights over to its new runs, so that they stay
on the words they were made on (every edit of a clause's words, and :mod:`itu_nb.amendments.merging`).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

from itu_nb.amendments.wording import edit_spans
from itu_nb.model import Clause, Run, runs_text

__all__ = ["retype_runs", "retyped"]


def retype_runs(runs, text: str, author, date) -> tuple[Run, ...]:
    """``runs`` edited so that their amended text reads ``text``: word-level tracked deletions and insertions.

    The amended text is compared with ``text`` by the engine's word diff
    (:func:`itu_nb.diff.words.diff_words`); each stretch that differs becomes one
    :func:`~itu_nb.amendments.wording.edit_runs` edit, from the end so that the offsets before it hold.
    Words the edit deletes from an earlier insertion leave that insertion (as in Word's suggesting
    mode deleting one's own insertion: the model has no nested changes), so the original view never
    changes and the amended view is ``text`` exactly; :func:`retyped` also says which of them another
    author had inserted.
    """
    return retyped(runs, text, author, date)[0]


def retyped(runs, text: str, author, date) -> tuple[tuple[Run, ...], list[tuple[int, Run]]]:
    """:func:`retype_runs`, and the pieces of another author's insertions the edit took out: ``(offset in the new
    runs' text, run)`` (:func:`~itu_nb.amendments.wording.edit_spans`), to keep as ``struck-insert`` artefacts.
    """
    from itu_nb.diff.words import diff_words

    hunks: list[list] = []  # [start, end, inserted text] in offsets of the amended text
    pos, open_hunk = 0, False
    for op, piece in diff_words(runs_text(runs, "amended"), text).ops:
        if op == 0:
            pos += len(piece)
            open_hunk = False
            continue
        if not open_hunk:
            hunks.append([pos, pos, ""])
            open_hunk = True
        if op < 0:
            hunks[-1][1] += len(piece)
            pos += len(piece)
        else:
            hunks[-1][2] += piece
    return edit_spans(runs, [(start, end, new) for start, end, new in hunks], author, date)


def _moved_offsets(clause: Clause, runs: tuple[Run, ...]) -> tuple:
    """``clause``'s inline artefacts with their offsets carried over to ``runs`` (its new body runs).

    An offset counts the characters of the label and every run (both views) before it; it moves with
    the text around it, found by the word diff of the old and new source text; one inside a removed
    stretch goes to where the stretch was, one at the very end stays at the end.
    """
    if not clause.artefacts:
        return ()
    from itu_nb.diff.words import diff_words

    label = "".join(r.text for r in clause.label_runs)
    old = label + "".join(r.text for r in clause.runs)
    new = label + "".join(r.text for r in runs)
    # each old piece (one pass over the diff): where it starts in the old text, in the new, and whether it is kept;
    # the pieces cover the old text in order, so an offset's piece is found by bisection (a scan per comment or
    # highlight went over the pieces once for each)
    starts: list[int] = []
    targets: list[int] = []
    kept: list[bool] = []
    a = b = 0
    for op, piece in diff_words(old, new).ops:
        if op <= 0:
            starts.append(a)
            targets.append(b)
            kept.append(op == 0)
            a += len(piece)
        if op >= 0:
            b += len(piece)

    def move(at: int | None):
        if at is None:
            return None
        if at >= len(old):
            return len(new) + at - len(old)
        k = bisect_right(starts, at) - 1
        return targets[k] + (at - starts[k]) if kept[k] else targets[k]

    return tuple(dataclasses.replace(art, offset=move(art.offset)) for art in clause.artefacts)
