"""The Akoma Ntoso writer's inline content: text, ``<ins>``/``<del>``, highlights, comments, footnotes.

What :mod:`itu_nb.export.akn` writes inside a block (``p``, ``num``, a heading): a node's runs as mixed content
(:func:`_runs`), a footnote's paragraphs in its ``authorialNote`` (:func:`_note`), comments as ``<remark>``
(:func:`_remark`), each text and attribute value cleaned for XML (:func:`clean`).  See that module's docstring for
the vocabulary.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

from itu_nb.export import controls
from itu_nb.export.lines import Coverage
from itu_nb.model import Clause, Op, Run
from itu_nb.model.note_source import ref_name

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ITU_NB = "urn:itu_nb:akn"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What takes no characters and is written as a ``<remark>`` at its place (:func:`_remark`), or (a ``struck-insert``,
#: text in neither view) as ``<ins><del>`` (:func:`_struck`).
_POINTS = ("comment", "paragraph-mark", "struck-insert")


_SubElement = etree.SubElement
_TAGS: dict[str, str] = {}  # tag → its name in AKN's namespace (``{…/akn/3.0}p``), made once


def _el(parent, tag: str, **attrs) -> etree._Element:
    name = _TAGS.get(tag)
    if name is None:
        name = _TAGS[tag] = f"{{{AKN}}}{tag}"
    el = _SubElement(parent, name)
    for key, value in attrs.items():
        if value is not None:
            el.set(key, clean(str(value)))
    return el


def clean(text: str) -> str:
    """Text XML 1.0 can hold: control characters as their pictures (:func:`itu_nb.export.controls.replace`; in text
    a VT is a ``<br/>`` first, :func:`_put`), lone surrogates U+FFFD.
    """
    if text.isprintable():  # (no control character, surrogate or non-character: nothing to do, and most text)
        return text
    return _INVALID.sub(_replace, text)


def _put(el: etree._Element, last: etree._Element | None, text: str) -> etree._Element | None:
    """Append ``text`` to ``el``'s text (``last`` None) or after its child ``last``, cleaned, each line break
    (VT, Word's ``w:br``) as AKN's ``<br/>``; the last child written (``last`` when none).
    """
    head, *rest = text.split("\v")
    if last is None:
        el.text = (el.text or "") + clean(head)
    else:
        last.tail = (last.tail or "") + clean(head)
    for part in rest:
        last = _el(el, "br")
        last.tail = clean(part)
    return last


def _replace(m: re.Match) -> str:
    return controls.replace(m.group(0))


def _who(el: etree._Element, author: str | None, date: str | None) -> None:
    if author:
        el.set(f"{{{ITU_NB}}}author", clean(author).replace("\t", " ").replace("\n", " "))
    if date:
        el.set(f"{{{ITU_NB}}}date", clean(date).replace("\t", " ").replace("\n", " "))


def _moved(el: etree._Element, run: Run) -> None:
    """``itu_nb:move`` on the ``<ins>``/``<del>`` ``el`` of a ``run`` that is part of a move: its name
    (:attr:`~itu_nb.model.Run.move`), which the Akoma Ntoso loader reads back (a change without it is no move).
    """
    if run.move is not None:
        el.set(f"{{{ITU_NB}}}move", clean(run.move).replace("\t", " ").replace("\n", " "))


def _runs(
    parent: etree._Element,
    runs,
    *,
    strip_tab: bool = False,
    notes=(),
    marks=(),
    at: int = 0,
    until=None,
    after_label: bool = False,
) -> None:
    """Write runs as mixed content: equal text as text, changes as <ins>/<del> with author and date;
    then the footnotes ``notes`` as ``<authorialNote marker="n">`` (label and text in its ``p``, a ``p`` per
    paragraph: :func:`_note`).

    ``marks`` are the node's artefacts: its comments (``offset`` from ``at`` up to ``until``) become
    ``<remark class="comment">`` where they stand, its highlights ``<inline name="highlight">`` around
    the text they cover; ``at`` is where ``runs`` start in the node's text (after its label).  ``after_label``
    (a clause's text after its ``num``): a highlight begun in the label or its separator says where, in
    ``itu_nb:from`` (its offset in the node's text: ``{==a)<TAB>United==}`` is ``<num><inline>a)</inline></num>``
    and ``<p><inline itu_nb:from="0">United</inline>``), so that the reader joins the two into one highlight
    with the TAB the ``num`` leaves out.
    """
    runs = list(runs)
    if strip_tab and runs:  # the label's separator is layout, not part of the num
        tail = runs[-1]
        if tail.text.rstrip("\t ") or tail.op is Op.EQUAL:
            runs[-1] = Run(tail.op, tail.text.rstrip("\t "), tail.author, tail.date, move=tail.move)
        # else a bullet's TAB inserted or deleted whole: the num keeps it in its <ins>/<del>
    # what takes no characters, in the order of ``marks``: comments, and highlights of nothing (a decision took out
    # every character of one), an empty ``<inline name="highlight"/>``
    refs = _note_refs(notes, marks) if notes else {}  # each note at its reference, where there is one
    points = sorted(
        (
            a
            for a in marks
            if (a.kind in _POINTS or (a.kind == "highlight" and not a.length) or id(a) in refs)
            and at <= (a.offset or 0)
            and (until is None or (a.offset or 0) < until)
        ),
        key=lambda a: a.offset or 0,
    )
    # outer before inner where two start together (a highlight inside another: nested inlines, check_nesting)
    spans = sorted(
        ((a.offset or 0, (a.offset or 0) + a.length, a.op) for a in marks if a.kind == "highlight" and a.length),
        key=lambda s: (s[0], -s[1]),
    )
    starts = [s for s, _e, _op in spans]
    cover = Coverage([(s, e) for s, e, _op in spans], [a.offset or 0 for a in points])
    # the open elements, ``parent`` then each open <inline name="highlight"> inside the one before: [where it ends,
    # the element, its last child, the op of the change holding it (a highlight made inside a change, over its text
    # alone: <ins><inline>…</inline></ins>), EQUAL when it stands in the element before]
    levels: list[list] = [[None, parent, None, Op.EQUAL]]
    if points or spans:  # an empty text keeps pretty-printing from indenting inside the block (read as spaces)
        parent.text = parent.text or ""

    def open_box(start: int, end: int, made: Op, run: Run) -> None:
        outer = levels[-1]
        within = run.op if made is run.op and outer[3] is not run.op else Op.EQUAL
        holder = outer[1]
        if within is not Op.EQUAL:
            holder = outer[2] = _el(holder, "ins" if run.op is Op.INSERT else "del")
            _who(holder, run.author, run.date)
            _moved(holder, run)
            holder.text = ""  # as above, inside the change
        box = _el(holder, "inline", name="highlight")
        if after_label and start < at:  # begun in the label (or its separator): one highlight with that part
            box.set(f"{{{ITU_NB}}}from", str(start))
        if holder is outer[1]:
            outer[2] = box
        box.text = ""
        levels.append([end, box, None, within if within is not Op.EQUAL else outer[3]])

    if after_label:
        for start, end, made in spans:
            if start < at == end:  # a highlight of the label ending with its separator: an empty part in the text
                holder = parent if made is Op.EQUAL else _el(parent, "ins" if made is Op.INSERT else "del")
                _el(holder, "inline", name="highlight").set(f"{{{ITU_NB}}}from", str(start))
                levels[0][2] = holder if holder is not parent else holder[-1]
    pos, k, j = at, 0, 0
    for run in runs:
        end = pos + len(run.text)
        bounds = [pos, *cover.inside(pos, end), end]
        while len(levels) > 1 and levels[-1][3] is not levels[-2][3]:  # a change's highlight ends with its run
            levels.pop()
        for a, b in zip(bounds, bounds[1:], strict=False):
            while len(levels) > 1 and levels[-1][0] <= a:
                levels.pop()
            while k < len(points) and (points[k].offset or 0) <= a:
                level = levels[-1]
                level[2] = _point(level[1], points[k], level[3], refs)
                k += 1
            text = run.text[a - pos : b - pos]
            if not clean(text):
                continue
            while j < len(spans) and spans[j][0] <= a:  # the highlights starting here, outermost first
                if spans[j][1] > a:
                    open_box(spans[j][0], spans[j][1], spans[j][2], run)
                j += 1
            if len(levels) == 1 and cover.covers(a):  # (a change's highlight going on past its run)
                span = spans[bisect.bisect_right(starts, a) - 1]
                open_box(span[0], span[1], span[2], run)
            level = levels[-1]
            level[2] = _put(level[1], level[2], text) if run.op is level[3] else _text(level[1], level[2], run, text)
        pos = end
    for point in points[k:]:
        _point(parent, point, refs=refs)
    placed = {id(note) for group in refs.values() for note in group}
    for note in notes:
        if id(note) not in placed:  # no reference in the text: at the end of its paragraph
            _authorial_note(parent, note)


def _authorial_note(parent: etree._Element, note: Clause) -> etree._Element:
    """``<authorialNote marker="n">`` for the FOOTNOTE node ``note`` at the end of ``parent``."""
    name = note.path.rpartition("/")[2]
    if name.startswith("en"):  # an endnote (read from Word): its kind kept as the note's class
        mark = _el(parent, "authorialNote", marker=name[2:], placement="bottom", **{"class": "endnote"})
    else:
        mark = _el(parent, "authorialNote", marker=name.removeprefix("fn"), placement="bottom")
    _note(mark, note)
    return mark


def _note_ref(parent: etree._Element, name: str) -> etree._Element:
    """``<noteRef marker="1" href="#fn1"/>`` at the end of ``parent``: one more reference to the note ``name``
    (``fn1``; ``en1`` an endnote, ``class="endnote"``) whose ``authorialNote`` stands at its first reference (the
    reader gives it back as that reference: a note referenced twice keeps both places).  ``href`` names the note as
    the tree does until the statement is written whole: then it points at that ``authorialNote``'s ``eId``
    (:func:`itu_nb.export.akn._note_ids`).
    """
    if name.startswith("en"):
        return _el(parent, "noteRef", marker=name[2:], href=f"#{name}", **{"class": "endnote"})
    return _el(parent, "noteRef", marker=name[2:], href=f"#{name}")


def _note_refs(notes, marks) -> dict[int, list[Clause]]:
    """``id()`` of the first ``footnote-ref`` artefact of each note's number among ``marks`` → the notes written at
    it (a note's deleted and inserted texts, two bodies of one reference: ``fn1``, ``fn1#2``, …), in order; of each
    later reference to one of those notes → ``[]`` (a note referenced twice: a ``<noteRef>`` there).
    """
    by_name: dict[str, list[Clause]] = {}
    for note in notes:
        by_name.setdefault(note.path.rpartition("/")[2].partition("#")[0], []).append(note)
    out: dict[int, list[Clause]] = {}
    taken: set[str] = set()
    for a in sorted((a for a in marks if a.kind == "footnote-ref"), key=lambda a: a.offset or 0):
        name = ref_name(a.text)
        if name in by_name:
            out[id(a)] = by_name.pop(name)
            taken.add(name)
        elif name in taken:  # one more reference to a note written at an earlier one: a <noteRef> (_point)
            out[id(a)] = []
    return out


def _note(mark: etree._Element, note: Clause) -> None:
    """A footnote's label and text in ``mark``, a ``p`` per paragraph (a line of its text): a paragraph whose
    break was inserted or deleted (a tracked paragraph mark, as Word has it) says so with ``itu_nb:mark``
    (``insert``/``delete``) and the change's ``itu_nb:author`` and ``itu_nb:date``, and ``itu_nb:move`` when the
    break is part of a move's text (a note of several paragraphs moved).
    """
    # highlights and comments, offsets in the note's text, its breaks counted: each at its place in the note
    lit = [a for a in note.artefacts if a.kind == "highlight" or a.kind == "comment"]
    paragraph: list[Run] = []
    at = pos = 0  # where the paragraph starts in the note's text; where the run does
    for run in note.label_runs + note.runs:
        head, *rest = run.text.split("\n")
        paragraph.append(Run(run.op, head, run.author, run.date, move=run.move))  # (a move's: itu_nb:move)
        pos += len(head)
        for text in rest:
            p = _el(mark, "p")
            _runs(p, [r for r in paragraph if r.text], marks=lit, at=at, until=pos + 1)  # (a comment: in one p)
            if run.op is not Op.EQUAL:
                p.set(f"{{{ITU_NB}}}mark", "insert" if run.op is Op.INSERT else "delete")
                _who(p, run.author, run.date)
                _moved(p, run)  # (a break inside a move's text: the move's too, its runs one move on reading)
            paragraph = [Run(run.op, text, run.author, run.date, move=run.move)]
            at = pos + 1  # after the break
            pos = at + len(text)
    _runs(_el(mark, "p"), [r for r in paragraph if r.text], marks=lit, at=at)


def _text(el: etree._Element, last: etree._Element | None, run: Run, text: str) -> etree._Element | None:
    """``text`` of ``run`` at the end of ``el`` (after its child ``last``): as text when unchanged, else in an
    ``<ins>``/``<del>`` with the run's author and date; the last child of ``el`` after it.
    """
    if run.op is Op.EQUAL:
        return _put(el, last, text)
    holder = _el(el, "ins" if run.op is Op.INSERT else "del")
    _who(holder, run.author, run.date)
    _moved(holder, run)
    _put(holder, None, text)
    return holder


def _point(parent: etree._Element, mark, within: Op = Op.EQUAL, refs=None) -> etree._Element:
    """A comment (:func:`_remark`) or a highlight of no characters (an empty ``<inline name="highlight"/>``, inside
    an ``<ins>``/``<del>`` when made on a change) at the end of ``parent``, which stands in a change ``within``; at a
    note's reference (``refs``: :func:`_note_refs`), its notes; the outermost element written.
    """
    if refs and id(mark) in refs:
        holder = parent if mark.op in (Op.EQUAL, within) else _el(parent, "ins" if mark.op is Op.INSERT else "del")
        group = refs[id(mark)]
        last = _note_ref(holder, ref_name(mark.text)) if not group else None
        for note in group:
            last = _authorial_note(holder, note)
        return last if holder is parent else holder
    if mark.kind == "struck-insert":
        return _struck(parent, mark)
    if mark.kind in _POINTS:
        return _remark(parent, mark, within)
    holder = parent if mark.op in (Op.EQUAL, within) else _el(parent, "ins" if mark.op is Op.INSERT else "del")
    el = _el(holder, "inline", name="highlight")
    return el if holder is parent else holder


def _remark(parent: etree._Element, comment, within: Op = Op.EQUAL) -> etree._Element:
    """A comment as ``<remark class="comment" itu_nb:author=… itu_nb:date=…>text</remark>``; a comment made
    inside a change (its op inserted or deleted) inside an ``<ins>``/``<del>`` of its own, which the loader
    reads as the comment's op.  The tracked mark of a paragraph with text (two paragraphs joined or split, read
    from Word) is such a remark too, of class ``paragraph-mark``, empty, in the ``<ins>``/``<del>`` of its op, with
    ``itu_nb:move`` when the mark is moved.  Returns the outermost element written.
    """
    holder = parent
    if comment.op is not Op.EQUAL and comment.op is not within:
        holder = _el(parent, "ins" if comment.op is Op.INSERT else "del")
    el = _el(holder, "remark", **{"class": comment.kind})
    _who(el, comment.author, comment.date)
    if comment.kind == "paragraph-mark":
        _moved(el, comment)  # (a mark moved with its paragraph: an empty paragraph moved too)
    el.text = clean(comment.text)
    return el if holder is parent else holder


def _struck(parent: etree._Element, mark) -> etree._Element:
    """Text one author inserted and another struck (a ``struck-insert``) at the end of ``parent``: its deletion inside
    its insertion, ``<ins itu_nb:author=inserter …><del itu_nb:author=striker …>2 </del></ins>``, as Word writes it
    (``w:del`` inside ``w:ins``), which the loader reads back as that artefact.  Returns the ``<ins>``.
    """
    ins = _el(parent, "ins")
    _who(ins, *(mark.inserted or (None, None)))
    ins.text = ""  # (no pretty-printing inside it: its only text is the deletion's)
    dele = _el(ins, "del")
    _who(dele, mark.author, mark.date)
    _put(dele, None, mark.text)
    return ins
