"""Text one author inserted and another struck: kept as a ``struck-insert`` artefact, never lost.

Striking a clause (a move or a deletion, :func:`itu_nb.amendments.wording.delete_node`) takes out the text
inserted in it; the insertions of another author than the striker are kept as ``struck-insert`` artefacts
(:func:`struck_inserts`): in neither view (artefacts are never clause text), at the place the text stood, with the
striker as ``author``/``date`` (``op`` DELETE) and the inserter as ``inserted``.  Word writes the same thing as
``w:del`` inside ``w:ins``, which the Word reader reads so.

A decision settles them with the striker's change (:func:`itu_nb.model.review.accept` and ``reject``,
:func:`fates`): accepting the strike drops them (they were struck), rejecting it brings each back as an insertion
by its inserter at its place (:func:`restore`); one whose strike is not decided stays as it is.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from itu_nb.model.runs import Artefact, Op, Run, join_runs

__all__ = ["STRUCK", "fates", "joined", "label_length", "restore", "struck_inserts", "with_struck"]

#: The artefact kind.
STRUCK = "struck-insert"

#: Artefacts whose offset counts in a note's text, not the clause's: never moved by the clause's runs.
_IN_NOTE = ("footnote-highlight", "footnote-comment")


def struck_inserts(runs: Sequence[Run], line: int | None, author, date) -> list[tuple[int, Artefact]]:
    """The inserted runs of ``runs`` another author than ``author`` made, as ``struck-insert`` artefacts struck by
    ``author`` on ``date``: ``(offset of the run in runs' text, artefact)``, the artefact's offset counted in the
    text left once every inserted run is taken out (where the run stood).

    Runs inserted by ``author`` himself give none: his own insertions struck simply vanish.
    """
    out: list[tuple[int, Artefact]] = []
    pos = kept = 0
    for r in runs:
        if r.op is Op.INSERT:
            if r.text and r.author != author:
                art = Artefact(STRUCK, r.text, -1 if line is None else line, kept, Op.DELETE, author, date)
                out.append((pos, dataclasses.replace(art, inserted=(r.author, r.date))))
        else:
            kept += len(r.text)
        pos += len(r.text)
    return out


def with_struck(
    before: Sequence[Artefact], after: Sequence[Artefact], struck: Sequence[tuple[int, Artefact]]
) -> tuple[Artefact, ...]:
    """``after`` (the clause's artefacts placed in its new text; ``before``: the same, placed in the old) with the
    ``struck`` artefacts (:func:`struck_inserts`) among them in source order: each before the first artefact that
    stood after the start of its text (an artefact at that very place stood before it).
    """
    out: list[Artefact] = []
    i = 0
    for at, art in struck:
        while i < len(after) and not _after(before[i], at):
            out.append(after[i])
            i += 1
        out.append(art)
    out.extend(after[i:])
    return joined(out)


def joined(artefacts: Sequence[Artefact]) -> tuple[Artefact, ...]:
    """``artefacts`` with each struck-insert that goes on the one just before it (:func:`_joins`) made one with it."""
    out: list[Artefact] = []
    for art in artefacts:
        if out and art.kind == STRUCK and _joins(out[-1], art):
            out[-1] = dataclasses.replace(out[-1], text=out[-1].text + art.text)
        else:
            out.append(art)
    return tuple(out)


def _joins(last: Artefact, art: Artefact) -> bool:
    """Whether struck-insert ``art`` goes on ``last``, the artefact just before it: a struck-insert at the same place
    with the same striker, inserter, dates and line.  Such neighbours are one struck text in every way a decision
    sees (:func:`fates` settles both by the run at their offset) and in Word, whose reader joins neighbouring runs
    of one change (a ``w:del`` in a ``w:ins`` with the same authors and dates: Word writes one change as several
    such elements, one per run); kept apart they read back as one and the count, and a lone one's id, changed.
    The label of a clause kept whole (a whole label at its start: :func:`label_length`) stays a struck-insert of its
    own.
    """
    if last.kind != STRUCK or dataclasses.replace(last, text=art.text) != art:
        return False
    return not (last.offset == 0 and _LABEL_ALONE.fullmatch(last.text))


def _after(a: Artefact, at: int) -> bool:
    return a.offset is not None and a.kind not in _IN_NOTE and a.offset > at


def _striker(a: Artefact, runs: Sequence[Run], starts: list[int], ends: list[int]) -> int | None:
    """The index of the run of ``a``'s strike: a deleted run by its striker (author and date) that holds its offset,
    else an inserted run by its striker that does (an edit that replaced nothing but another author's inserted
    words: its insertion is the change), else any deleted run that does; None when none does.
    """
    at = a.offset or 0
    i = bisect_left(ends, at)  # the first run ending at or after ``at``
    near = [k for k in range(i, min(i + 3, len(runs))) if starts[k] <= at]  # (ending there, starting there)
    held = [k for k in near if ends[k] >= at]
    near = [k for k in held if runs[k].op is Op.DELETE]
    own = [k for k in near if (runs[k].author, runs[k].date) == (a.author, a.date)]
    found = own or [k for k in near if runs[k].author == a.author]
    if not found:
        found = [k for k in held if runs[k].op is Op.INSERT and (runs[k].author, runs[k].date) == (a.author, a.date)]
    found = found or near
    return found[0] if found else None


def fates(
    runs: Sequence[Run],
    artefacts: Sequence[Artefact],
    accepted: set[int],
    rejected: set[int],
    follow: Callable[[str | None], Op | None],
    alone: Callable[[Artefact], tuple[bool, Op | None]] | None = None,
) -> dict[int, Op | None]:
    """The ``struck-insert`` artefacts a decision settles: index in ``artefacts`` → the op of the run it comes back as
    (its strike rejected: among the runs ``rejected``), or None to drop it; the others are not listed.

    A strike accepted drops its text.  A strike rejected brings it back as what ``follow(inserter)`` says: an
    insertion (INSERT) by default, text (EQUAL) when the decision accepts every change of its inserter's, nothing
    (None) when it rejects every one of them (a "reject all" leaves no insertion behind).

    One whose striker has no deleted run at its place (Word's ``w:del`` inside ``w:ins`` alone: no change of the
    striker's holds it, so no change id names it) is settled by ``alone(artefact)``: ``(True, op or None)`` when
    the decision settles it (all changes, or all the striker's), ``(False, _)`` when it does not.
    """
    starts, ends = [], []
    pos = 0
    for run in runs:
        starts.append(pos)
        pos += len(run.text)
        ends.append(pos)
    out: dict[int, Op | None] = {}
    for j, a in enumerate(artefacts):
        if a.kind != STRUCK:
            continue
        k = _striker(a, runs, starts, ends)
        if k is None:
            if alone is not None:
                settles, op = alone(a)
                if settles:
                    out[j] = op
            continue
        if k in rejected:
            out[j] = follow(a.inserted[0] if a.inserted else None)
        elif k in accepted:
            out[j] = None
    return out


def restore(
    label: list[Run], body: list[Run], artefacts: Sequence[Artefact], fate: dict[int, Op | None]
) -> tuple[tuple[Run, ...], tuple[Run, ...], tuple[Artefact, ...]]:
    """The label runs, runs and artefacts of a clause once ``fate`` (:func:`fates`) is settled: each ``struck-insert``
    to bring back as an insertion by its inserter (or as text, or as its striker's deletion: ``Op.DELETE``) at its offset (in the label when it stands inside the label, or at
    its end when the label has no amended text), the dropped ones gone, every artefact after a text brought back
    moved on by its length.  ``artefacts`` are placed in the text of ``label`` and ``body``.
    """
    back = sorted(((a.offset or 0, j, a) for j, a in enumerate(artefacts) if fate.get(j) is not None), key=_first2)
    places = [at for at, _, _ in back]
    sizes = [0]  # sizes[k]: the length of the texts of back[:k]
    for _, _, b in back:
        sizes.append(sizes[-1] + len(b.text))
    out: list[Artefact] = []
    for j, a in enumerate(artefacts):
        if j in fate:
            continue
        if back and a.offset is not None and a.kind not in _IN_NOTE:
            # moved on by the texts brought back before it: at a smaller offset, or at its own and before it
            k = bisect_left(places, a.offset)
            while k < len(back) and back[k][0] == a.offset and back[k][1] < j:
                k += 1
            if sizes[k]:
                a = dataclasses.replace(a, offset=a.offset + sizes[k])
        out.append(a)
    if not back:
        return join_runs(label), join_runs(body), joined(out)
    n_label = sum(len(r.text) for r in label)
    bare = not any(r.op is not Op.DELETE for r in label)
    into_label: list[tuple[int, Run]] = []
    into_body: list[tuple[int, Run]] = []
    # a clause kept for its struck-inserts alone: its label is at the head of those at its start
    cut = label_length([a.text for at, _, a in back if at == 0]) if not label and not body else 0
    for at, j, a in back:
        who, when = a.inserted or (None, None)
        run = Run(Op.INSERT, a.text, who, when) if fate[j] is Op.INSERT else Run(Op.EQUAL, a.text)
        if fate[j] is Op.DELETE:  # (its insertion accepted, its strike not decided: the striker's deletion)
            run = Run(Op.DELETE, a.text, a.author, a.date)
        if cut and at == 0:  # (the label's characters: the first ``cut`` of those at the start)
            into_label.append((0, run.with_text(a.text[:cut])))
            if cut < len(a.text):
                into_body.append((0, run.with_text(a.text[cut:])))
            cut = max(cut - len(a.text), 0)
            continue
        if label and (at < n_label or (at == n_label and bare)):
            into_label.append((at, run))
        else:
            into_body.append((at - n_label, run))
    return join_runs(_spliced(label, into_label)), join_runs(_spliced(body, into_body)), joined(out)


#: A label and its separator at the start of a clause's text (``j)<TAB>``, ``(ii)<TAB>``, ``10<TAB>``).
_LABEL_HEAD = re.compile(r"[^\s]{1,12}\t")
#: A first struck-insert of its own read as a whole label: a label and TAB, or a number and a space (the Final
#: Acts' ``10 ``); never a word and a space (``The `` by one author, the rest of a paragraph by another).
_LABEL_ALONE = re.compile(r"\S{1,12}\t|\d[\d.]{0,10} ")
#: How much of the joined struck-inserts :data:`_LABEL_HEAD` is matched against.
_LABEL_MAX = 16


def label_length(texts: Sequence[str]) -> int:
    """How many characters of ``texts`` (the struck-inserts at the start of a clause another author inserted whole
    and the analyst struck, in order: :func:`itu_nb.amendments.wording.delete_node`) are its label: the first
    when another follows it and it reads as a label (:data:`_LABEL_ALONE`: its label run, ``1 `` or ``j)<TAB>``,
    kept as a struck-insert of its own), else a label and TAB at the head of their joined text (a reader joined
    them, or a relettering left the label in pieces: ``j``, ``)<TAB>``); 0 when none is (a paragraph).
    """
    if not texts:
        return 0
    first = texts[0]
    if len(texts) > 1 and _LABEL_ALONE.fullmatch(first):
        return len(first)
    m = _LABEL_HEAD.match("".join(texts[:3])[: _LABEL_MAX + 1])
    return m.end() if m else 0


def _first2(b: tuple) -> tuple:
    return b[0], b[1]


def _spliced(runs: list[Run], new: list[tuple[int, Run]]) -> list[Run]:
    """``runs`` with each run of ``new`` (``(offset in their text, run)``, sorted) put at its offset, a run cut where
    one falls inside it, in one pass (a clause may get thousands back at once).
    """
    if not new:
        return runs
    out: list[Run] = []
    pos = k = 0
    for r in runs:
        end = pos + len(r.text)
        done = 0  # characters of ``r`` written
        while k < len(new) and new[k][0] < end:
            cut = max(new[k][0] - pos, done)
            out += [r.with_text(r.text[done:cut]), new[k][1]]
            done, k = cut, k + 1
        out.append(r.with_text(r.text[done:]) if done else r)
        pos = end
    out += [run for _, run in new[k:]]  # at the end
    return out
