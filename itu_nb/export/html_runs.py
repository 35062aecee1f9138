"""A node's runs as HTML: ``<ins>``/``<del>`` with their author, date and change id, highlights, comments.

What :mod:`~itu_nb.export.html` writes inside a paragraph: each run escaped, each change one element with its
``data-author``/``data-date``/``data-change`` and ``title`` (:func:`_change_html`; a run of a move with class
``moved``, its name in the title and ``data-move``: :func:`_moved_tag`), highlights as ``<mark>``
(:mod:`~itu_nb.export.html_marks`), comments and tracked paragraph marks where they stand (:func:`_point_html`,
:func:`_loose_art_html`).
"""

from __future__ import annotations

import bisect
import functools
import html

from itu_nb.export.html_marks import Marks
from itu_nb.model import Op, Run

_ESC = html.escape


def _runs_html(
    runs: tuple[Run, ...],
    offset: int,
    group_of: dict[int, str],
    notes=(),
    at: int = 0,
    tail: bool = True,
    number: dict[int, int] | None = None,
) -> str:
    """The runs as HTML; ``notes`` are the node's comments and highlights, ``at`` where the runs start in its text.

    Each highlight is one ``<mark>`` around the pieces it covers (:class:`~itu_nb.export.html_marks.Marks`);
    ``tail``: whether a highlight of no characters at the end of the runs is written here; ``number``: each
    highlight's number among the node's, by ``id()`` (default: among ``notes``).
    """
    if not notes:
        return _plain_runs_html(runs, offset, group_of)
    if number is None:
        number = {id(a): k for k, a in enumerate((a for a in notes if a.kind == "highlight"), start=1)}
    spans = [(a.offset or 0, (a.offset or 0) + a.length, number[id(a)]) for a in notes if a.kind == "highlight"]
    comments = sorted((a for a in notes if a.kind in _POINTS), key=lambda a: a.offset or 0)
    cuts = sorted({a.offset or 0 for a in comments})
    marks = Marks(spans, at, at + sum(len(r.text) for r in runs), tail)
    out = []
    pos, k = at, 0
    for i, run in enumerate(runs, start=offset):
        end = pos + len(run.text)
        inner = cuts[bisect.bisect_right(cuts, pos) : bisect.bisect_left(cuts, end)]
        bounds = [pos, *sorted({*marks.inside(pos, end), *inner}), end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            out.append(marks.close(a))
            while k < len(comments) and (comments[k].offset or 0) <= a and (comments[k].offset or 0) < end:
                out.append(_point_html(comments[k]))
                k += 1
            out.append(marks.start(a))
            text = _ESC(run.text[a - pos : b - pos])
            out.append(_change_html(run, text, group_of.get(i, "")) if text else "")
        pos = end
    out.append(marks.close(pos))
    out.extend(_point_html(c) for c in comments[k:])  # at the end of the text
    out.append(marks.start(pos) + marks.finish())
    return "".join(out)


def _plain_runs_html(runs: tuple[Run, ...], offset: int, group_of: dict[int, str]) -> str:
    """:func:`_runs_html` of runs without comments or highlights: each run whole, each text escaped once
    (a clause of a million marks repeats a few texts, and the loaders share their runs).
    """
    escaped: dict[str, str] = {}
    out = []
    for i, run in enumerate(runs, start=offset):
        text = escaped.get(run.text)
        if text is None:
            text = escaped[run.text] = _ESC(run.text)
        if text:
            out.append(text if run.op is Op.EQUAL else _change_html(run, text, group_of.get(i, "")))
    return "".join(out)


def _change_html(run: Run, text: str, change: str) -> str:
    if run.op is Op.EQUAL:
        return text
    head, tail, tag = _change_tag(run.op, run.author, run.date) if run.move is None else _moved_tag(run)
    return f'<{tag}{head}"{_ESC(change)}"{tail}>{text}</{tag}>'


@functools.lru_cache(maxsize=256)
def _change_tag(op: Op, author: str | None, date: str | None) -> tuple[str, str, str]:
    """What a change's tag holds before and after its ``data-change`` value, and the tag: made once per
    op, author and date (a document has few of them).
    """
    tag, verb = ("ins", "inserted") if op is Op.INSERT else ("del", "deleted")
    who = " by " + author if author else ""
    when = ", " + date if date else ""
    tail = ""
    if author:
        tail += f' data-author="{_ESC(author)}"'
    if date:
        tail += f' data-date="{_ESC(date)}"'
    return f' title="{_ESC(verb + who + when)}" data-change=', tail, tag


def _moved_tag(run: Run) -> tuple[str, str, str]:
    """:func:`_change_tag` of a run that is part of a move (:attr:`~itu_nb.model.Run.move`): class ``moved``, the
    title ``moved away (name) by Author, date`` (``moved here`` for its inserted end) and the name in ``data-move``,
    each escaped.
    """
    head, tail, tag = _change_tag(run.op, run.author, run.date)
    verb = "moved here" if run.op is Op.INSERT else "moved away"
    who = " by " + run.author if run.author else ""
    when = ", " + run.date if run.date else ""
    title = f"{verb} ({run.move}){who}{when}"
    head = f' class="moved" title="{_ESC(title)}" data-change='
    return head, tail + f' data-move="{_ESC(run.move or "")}"', tag


def _comment_html(art) -> str:
    """A comment, visible where it stands: ``[comment by Author, date: text]``, author and date also as data."""
    who = " by " + art.author if art.author else ""
    when = ", " + art.date if art.date else ""
    attrs = "".join(f' data-{k}="{_ESC(v)}"' for k, v in (("author", art.author), ("date", art.date)) if v)
    return f'<span class="comment" role="note"{attrs}>[comment{_ESC(who + when)}: {_ESC(art.text)}]</span>'


def _loose_art_html(art, what: str = "empty paragraph") -> str:
    """A comment (:func:`_comment_html`), or the tracked mark of an empty paragraph (a ``paragraph-mark``),
    shown as ``[empty paragraph inserted by Author, date]`` with its op, author and date also as data.
    """
    if art.kind != "paragraph-mark":
        return _comment_html(art)
    op = "inserted" if art.op is Op.INSERT else "deleted"
    who = " by " + art.author if art.author else ""
    when = ", " + art.date if art.date else ""
    attrs = "".join(f' data-{k}="{_ESC(v)}"' for k, v in (("author", art.author), ("date", art.date)) if v)
    return f'<span class="paragraph-mark {op}" role="note"{attrs}>[{what} {op}{_ESC(who + when)}]</span>'


#: What a node's text shows where it stands, taking no characters: comments, and the tracked mark of a paragraph
#: with text (two paragraphs joined or split, read from Word), ``[paragraph break deleted by Author, date]``; and
#: text in neither view, inserted by one author and struck by another (:func:`_struck_html`).
_POINTS = ("comment", "paragraph-mark", "struck-insert")


def _point_html(art) -> str:
    """A comment, a paragraph's tracked mark or a struck insertion inside a node's text (:data:`_POINTS`)."""
    if art.kind == "struck-insert":
        return _struck_html(art)
    return _loose_art_html(art, "paragraph break")


def _struck_html(art) -> str:
    """Text one author inserted and another struck (a ``struck-insert``, in neither view): shown struck, ``<s>`` (no
    ``<del>``: it is no deletion of either view's text), followed by a visible ``[inserted by Brazil, struck by Ana,
    2026-12-05]``; both authors and dates as data and in the title, every value escaped.
    """
    by, on = art.inserted or (None, None)
    said = "inserted" + (" by " + by if by else "") + (", " + on if on else "")
    said += ", struck" + (" by " + art.author if art.author else "") + (", " + art.date if art.date else "")
    data = (("author", art.author), ("date", art.date), ("inserted-by", by), ("inserted-on", on))
    attrs = "".join(f' data-{k}="{_ESC(v)}"' for k, v in data if v)
    return (
        f'<s class="struck-insert" title="{_ESC(said)}"{attrs}>{_ESC(art.text)}</s>'
        f'<span class="struck-insert-note" role="note">[{_ESC(said)}]</span>'
    )
