"""Inline content of Akoma Ntoso text blocks as runs: ``<ins>``/``<del>`` become changes.

Guarantees of :func:`inline_runs`:
- text inside ``<ins>`` is an INSERT run, inside ``<del>`` a DELETE run, with the author and
  date of ``itu_nb:author`` / ``itu_nb:date`` when written (plain AKN ``ins``/``del`` give None), and the name
  of the move it is part of in ``itu_nb:move`` (:attr:`~itu_nb.model.Run.move`; none without it);
- ``<br/>`` is a line break (VT, as the .docx reader reads Word's ``w:br``);
- other inline elements (``i``, ``docType``…) are transparent; ``authorialNote`` elements are
  returned apart (footnotes), their text is not part of the block's runs; when asked for comments (below), a
  note with a ``marker`` is also a ``footnote-ref`` artefact where it stands (``[footnoteRef:N]``,
  ``[endnoteRef:N]`` for one of class ``endnote``), as the text loaders read a note's reference (a marker that is
  no number too: ``[footnoteRef:*]``, the reference to the note ``fn*``); so is a ``noteRef`` whose ``href`` names the
  ``eId`` of an ``authorialNote`` before it in the block, or (files written before notes had one) that has its
  ``marker`` (one more reference to that note: a note referenced twice);
- text inside a change is kept character for character (spaces, tabs);
- when asked, an ``<ins>`` holding only a ``<del>`` of text (text one author inserted and another deleted) is a
  ``struck-insert`` artefact at its place (author and date the deletion's, ``inserted`` the insertion's), in
  neither view;
- when asked, ``<remark>`` (a comment, with ``itu_nb:author``/``itu_nb:date``) and ``<inline
  name="highlight">`` become ``comment``/``highlight`` artefacts at their place; the remark's text is
  not part of the runs;
- indentation from pretty-printing (white space with a line break) is layout: next to an
  ``ins``/``del`` it is dropped, elsewhere it reads as one space; white space at the edges of
  the block's unchanged text is dropped, except in a block marked ``xml:space="preserve"`` (as the
  itu_nb writer marks clause text with white space at its edges), where it is text, kept;
- one ``<inline name="highlight">`` is one highlight, whatever changes, comments or notes stand
  inside it (an empty one is a highlight of no characters); two such elements side by side are two.

:func:`footnote_runs` reads a note's paragraphs so, except that white space at the edges of a paragraph
without a line break in it (``<p>See 71. </p>``: spaces and TABs the writer put there) is text, kept, wherever it
stands: before a comment that ends the paragraph too (``<p>1 <TAB><remark>…</remark></p>``, :func:`_layout_edges`).
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree

from itu_nb.model import Artefact, Op, Run, join_runs, runs_text
from itu_nb.model.note_source import MARKER
from itu_nb.parsing.frozen import equal_run as _equal_run
from itu_nb.parsing.labels import peel_label

__all__ = [
    "ITU_NB",
    "cut_runs",
    "footnote_runs",
    "inline_runs",
    "label_runs",
    "main_text",
    "num_runs",
    "slice_runs",
]

ITU_NB = "urn:itu_nb:akn"
_CHANGE = {"ins": Op.INSERT, "del": Op.DELETE}
_MARK = {"insert": Op.INSERT, "delete": Op.DELETE}
_NOTE = "authorialNote"
_LAYOUT = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")
_FOOTNOTE_NUMBER = re.compile(r"^(\d+)(\s*\t|\s+)")
#: A note's ``marker`` given a reference at the note's place: a number, or any mark without white space, brackets or
#: ``#`` (``*``, ``a``, ``†``: the name of its FOOTNOTE node, ``fn*``), as ``[footnoteRef:*]``; ``1#2`` is the
#: second body of note 1's reference (as the writer marks it), written at that reference, none of its own.
_MARKER = re.compile(MARKER + r"\Z")
_EDGE = " \t\r\n"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: The elements that make a block more than one plain run (changes, notes, comments, highlights, line breaks).
_MARKED = ("{*}ins", "{*}del", "{*}" + _NOTE, "{*}noteRef", "{*}remark", "{*}inline", "{*}br")
_MARKED_NAMES = frozenset(("", "ins", "del", _NOTE, "noteRef", "remark", "inline", "br"))  # "": what is no element


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _is_change(el: etree._Element | None) -> bool:
    return el is not None and _local(el) in _CHANGE


def _clean(text: str | None, before: etree._Element | None, after: etree._Element | None) -> str:
    """Text between two sibling elements (None at an edge), layout white space resolved."""
    if not text:
        return ""
    if "\n" not in text and "\r" not in text:  # no layout in it: the usual case
        return text
    if not text.strip(_EDGE):
        return "" if _is_change(before) or _is_change(after) else " "
    return _LAYOUT.sub(" ", text)


def _edge(el: etree._Element, text: str) -> str:
    """``text`` (of block ``el``) without the white space at its edges, unless ``el`` says ``xml:space="preserve"``."""
    bare = text.strip(_EDGE)
    if len(bare) != len(text) and el.get(_SPACE) == "preserve":  # (looked up only where there is white space)
        return text
    return bare


def _walk(
    el: etree._Element, run: Run, out: list[Run], notes: list[etree._Element], depth: int, marks: list | None = None
) -> None:
    if depth > 40:
        raise RecursionError("inline elements nested more than 40 levels deep")
    children = [c for c in el if isinstance(c.tag, str)]
    out.append(run.with_text(_clean(el.text, None, children[0] if children else None)))
    for i, child in enumerate(children):
        name = _local(child)
        if name == _NOTE:
            notes.append(child)
            number = child.get("marker") or ""
            if marks is not None and _MARKER.match(number):  # its place: a reference there, as the loaders give it
                marks.append(_reference(child, number, _length(out), run.op))
        elif name == "noteRef" and marks is not None and (note := _again(child, notes)) is not None:
            # one more reference to a note whose authorialNote stands at an earlier one (as the writer puts it)
            marks.append(_reference(note, note.get("marker") or "", _length(out), run.op))
        elif name == "remark" and marks is not None:  # a comment, as the itu_nb writer puts it
            text = "".join(child.itertext())
            author, date = child.get(f"{{{ITU_NB}}}author"), child.get(f"{{{ITU_NB}}}date")
            kind = "paragraph-mark" if child.get("class") == "paragraph-mark" else "comment"  # (the writer's classes)
            moved = child.get(f"{{{ITU_NB}}}move") if kind == "paragraph-mark" else None  # (a moved mark's move)
            marks.append(Artefact(kind, text, -1, _length(out), run.op, author, date, move=moved))
        elif name == "br":  # a line break, as a Word w:br reads
            out.append(run.with_text("\v"))
        elif marks is not None and (struck := _struck(child)) is not None:  # <ins><del>…</del></ins>
            marks.append(dataclasses.replace(struck, offset=_length(out)))
        elif name in _CHANGE:
            inner = Run(
                _CHANGE[name],
                "",
                child.get(f"{{{ITU_NB}}}author"),
                child.get(f"{{{ITU_NB}}}date"),
                move=child.get(f"{{{ITU_NB}}}move"),  # a run of a move, as the itu_nb writer names it
            )
            _walk(child, inner, out, notes, depth + 1, marks)
        elif name == "inline" and child.get("name") == "highlight" and marks is not None:
            # one element, one highlight, whatever changes and comments stand inside it: placed in the list
            # where it starts, before what it holds
            start, at = _length(out), len(marks)
            marks.append(None)
            _walk(child, run, out, notes, depth + 1, marks)
            marks[at] = Artefact("highlight", "", -1, start, run.op, length=_length(out) - start)
        else:
            _walk(child, run, out, notes, depth + 1, marks)
        after = children[i + 1] if i + 1 < len(children) else None
        out.append(run.with_text(_clean(child.tail, child, after)))


def _struck(el: etree._Element) -> Artefact | None:
    """The ``struck-insert`` of an ``<ins>`` holding only a ``<del>`` of text alone (text one author inserted and
    another deleted, as the itu_nb writer puts it and as Word has it): author and date the deletion's, ``inserted``
    the insertion's; None for any other element.
    """
    if _local(el) != "ins" or len(el) != 1 or (el.text or "").strip() or (el[0].tail or "").strip():
        return None
    dele = el[0]
    if _local(dele) != "del" or len(dele) or not dele.text:
        return None
    author, date = f"{{{ITU_NB}}}author", f"{{{ITU_NB}}}date"
    by = (el.get(author), el.get(date))
    return Artefact("struck-insert", dele.text, -1, None, Op.DELETE, dele.get(author), dele.get(date), 0, None, by)


def _reference(el: etree._Element, marker: str, offset: int, op: Op) -> Artefact:
    """The ``footnote-ref`` artefact of a note's reference at ``offset`` (``el``: its ``authorialNote`` or a
    ``noteRef``): ``[footnoteRef:N]``, ``[endnoteRef:N]`` for one of class ``endnote``.
    """
    kind = "endnoteRef" if el.get("class") == "endnote" else "footnoteRef"
    return Artefact("footnote-ref", f"[{kind}:{marker}]", -1, offset, op)


def _again(ref: etree._Element, notes: list[etree._Element]) -> etree._Element | None:
    """The ``authorialNote`` before the ``noteRef`` ``ref`` in its block (``notes``) that it refers to, as the itu_nb
    writer puts a note's later references: the one whose ``eId`` its ``href`` names (``#cmp_1__authorialNote_2``),
    else (a file written before notes had an ``eId``: ``href="#fn1"``) the last with its ``marker`` and class; None
    for any other, such as a converter's ``noteRef`` to a note in ``meta/notes`` (which the loader does not read).
    """
    href = ref.get("href") or ""
    named = next((n for n in reversed(notes) if href[:1] == "#" and n.get("eId") == href[1:]), None) if href else None
    if named is not None:
        return named if _MARKER.match(named.get("marker") or "") else None
    marker, kind = ref.get("marker") or "", ref.get("class")
    if _MARKER.match(marker) is None:
        return None
    return next((n for n in reversed(notes) if n.get("marker") == marker and n.get("class") == kind), None)


#: The list :func:`_length` measured last, how many of its runs it counted, and their length: a block's list of
#: runs only grows while it is read, so each comment or highlight in it costs the runs added since the last one
#: (summing the whole list each time was quadratic: 20,000 highlights in one block took 33 s).
_MEASURED: list = [None, 0, 0]


def _length(out: list[Run]) -> int:
    seen, counted, size = _MEASURED
    if seen is not out or counted > len(out):
        counted, size = 0, 0
    size += sum([len(r.text) for r in out[counted:]])
    _MEASURED[:] = [out, len(out), size]
    return size


def inline_runs(
    el: etree._Element, marks: list | None = None, layout_only: bool = False
) -> tuple[list[Run], list[etree._Element]]:
    """The runs of a text block (``p``, ``num``, ``heading``…) and the footnote elements in it.

    With a list ``marks``, the block's comments (``<remark>``) and highlights (``<inline
    name="highlight">``) are added to it as ``comment``/``highlight`` artefacts, ``offset`` counted in
    the returned runs' text; without it their text is read as any inline element's.  ``layout_only`` (a note's
    paragraph): the white space at an edge of the block's unchanged text is dropped only when it holds a line
    break (:func:`_layout_edges`), else kept as text.
    """
    if layout_only:
        pass  # (the paths below drop white space at both edges)
    elif len(el) == 0:  # text only, the usual block: one equal run
        text = _clean(el.text, None, None)
        bare = text.strip(_EDGE)  # (as _edge, inline: most blocks are this one)
        text = bare if len(bare) == len(text) or el.get(_SPACE) != "preserve" else text
        return ([_equal_run(text)] if text else []), []
    if len(el) == 1:  # one plain element inside, white space around it (<intro><p>…</p></intro>): as below
        child = el[0]
        text, tail = el.text, child.tail
        if (
            not len(child)
            and _local(child) not in _MARKED_NAMES
            and (not text or not text.strip(_EDGE))
            and (not tail or not tail.strip(_EDGE))
        ):
            text = child.text or ""
            if "\n" in text or "\r" in text:
                text = _LAYOUT.sub(" ", text)
            bare = text.strip(_EDGE)  # (as _edge, inline)
            text = bare if len(bare) == len(text) or el.get(_SPACE) != "preserve" else text
            return ([_equal_run(text)] if text else []), []
        # <intro><p><i>…</i></p></intro>: a chain of two plain elements, read as below without searching it
        if len(child) == 1 and _local(child) not in _MARKED_NAMES and _local(el) not in _MARKED_NAMES:
            inner = child[0]
            if not len(inner) and _local(inner) not in _MARKED_NAMES:
                pieces = [t for t in (text, child.text, inner.text, inner.tail, tail) if t]
                return _one_run(el, "".join(_LAYOUT.sub(" ", t) if "\n" in t or "\r" in t else t for t in pieces)), []
    if (
        not layout_only and next(el.iter(*_MARKED), None) is None
    ):  # no change, note or mark inside (<p><i>…</i></p>): one run
        text = _edge(el, "".join(_LAYOUT.sub(" ", t) if "\n" in t or "\r" in t else t for t in el.itertext()))
        return ([_equal_run(text)] if text else []), []
    out: list[Run] = []
    notes: list[etree._Element] = []
    found: list[Artefact] = []
    _walk(el, Run(Op.EQUAL, ""), out, notes, 0, found if marks is not None else None)
    runs = list(join_runs(out))
    cut = 0  # characters trimmed at the start
    if el.get(_SPACE) != "preserve":  # white space at the block's unchanged edges is layout (module docstring)
        lead, trail = _layout_edges(el, marks is not None) if layout_only else (True, True)
        while lead and runs and runs[0].op is Op.EQUAL and not runs[0].text.lstrip(_EDGE):
            cut += len(runs.pop(0).text)
        if lead and runs and runs[0].op is Op.EQUAL:
            cut += len(runs[0].text) - len(runs[0].text.lstrip(_EDGE))
            runs[0] = runs[0].with_text(runs[0].text.lstrip(_EDGE))
        while trail and runs and runs[-1].op is Op.EQUAL and not runs[-1].text.rstrip(_EDGE):
            runs.pop()
        if trail and runs and runs[-1].op is Op.EQUAL:
            runs[-1] = runs[-1].with_text(runs[-1].text.rstrip(_EDGE))
    if marks is not None:
        size = _length(runs)
        for art in found:
            start = min(max((art.offset or 0) - cut, 0), size)
            end = min(max((art.offset or 0) + art.length - cut, start), size)
            if start == art.offset and end - start == art.length:  # (most: nothing trimmed before or in it)
                marks.append(art)
            else:
                marks.append(dataclasses.replace(art, offset=start, length=end - start))
    return runs, notes


def _one_run(el: etree._Element, text: str) -> list[Run]:
    bare = text.strip(_EDGE)  # (as _edge, inline)
    text = bare if len(bare) == len(text) or el.get(_SPACE) != "preserve" else text
    return [_equal_run(text)] if text else []


def label_runs(runs: list[Run]) -> list[Run]:
    """A ``num``'s runs with the TAB separator the writer leaves out put back.

    The TAB goes with the label's last run when the whole label is one change (``{++4<TAB>++}``)
    or when an earlier change already ends with one; otherwise it is unchanged text
    (``{--c--}{++b++})<TAB>``, ``{--2--}{++3++}<TAB>``).  An empty ``num`` is a bare TAB bullet; a ``num``
    ending with a TAB already has its separator (``<num><del>TAB</del></num>``, a bullet deleted whole).
    """
    if not runs:
        return [Run(Op.EQUAL, "\t")]
    last = runs[-1]
    if last.text.endswith("\t"):  # the writer keeps the TAB of a bullet inserted or deleted whole: ``<del>\t</del>``
        return runs
    same = all(r.op is last.op for r in runs) or any(r.text.endswith("\t") for r in runs[:-1])
    if last.op is Op.EQUAL or same:
        return [*runs[:-1], last.with_text(last.text + "\t")]
    return [*runs, Run(Op.EQUAL, "\t")]


def num_runs(el: etree._Element, marks: list | None = None) -> list[Run]:
    """The label runs of a ``num`` element: :func:`label_runs` of its :func:`inline_runs`, footnotes aside."""
    if len(el) == 0:  # a plain label, the usual num: one equal run and its TAB
        return [_equal_run(_clean(el.text, None, None).strip(_EDGE) + "\t")]
    before = len(marks) if marks is not None else 0
    runs = inline_runs(el, marks)[0]
    if not runs and marks is not None and len(marks) > before and marks[-1].kind == "struck-insert":
        # the label of a clause inserted whole and struck (itu_nb.export.akn_struck): no runs, its TAB on the
        # last of its struck-inserts, as the source has it
        marks[-1] = dataclasses.replace(marks[-1], text=marks[-1].text + "\t")
        return []
    return label_runs(runs)


def cut_runs(runs: list[Run], at: int) -> tuple[list[Run], list[Run]]:
    """Split ``runs`` at character ``at`` of their joined text (both sides, source order)."""
    head: list[Run] = []
    tail: list[Run] = []
    pos = 0
    for r in runs:
        k = max(0, min(len(r.text), at - pos))
        if k:
            head.append(r.with_text(r.text[:k]))
        if k < len(r.text):
            tail.append(r.with_text(r.text[k:]))
        pos += len(r.text)
    return head, tail


def slice_runs(runs: list[Run], start: int, end: int | None = None) -> list[Run]:
    """The runs of characters ``start`` to ``end`` (the end when None) of ``runs``' joined text: what
    ``cut_runs(cut_runs(runs, end)[0], start)[1]`` gives, without making the runs it drops (a run taken
    whole is itself: runs are frozen).
    """
    out: list[Run] = []
    pos = 0
    for r in runs:
        text = r.text
        size = len(text)
        a = start - pos if start > pos else 0
        b = size if end is None or end - pos >= size else end - pos
        if a < b:
            out.append(r if a == 0 and b == size else r.with_text(text[a:b]))
        pos += size
    return out


def footnote_runs(note: etree._Element, marks: list | None = None) -> tuple[str, list[Run], list[Run]]:
    """A footnote's marker, label runs and text runs, split as the text parser splits them; its paragraphs
    are lines of its text, each break with the op, author and date of the paragraph's ``itu_nb:mark``.

    With a list ``marks``, the note's highlights (``<inline name="highlight">``) and comments (``<remark>``) are
    added to it as ``highlight`` and ``comment`` artefacts, ``offset`` counted in the note's text (label and body,
    its breaks included).
    """
    runs: list[Run] = []
    mark: Run | None = None  # the break after the paragraph before: one line of the note's text per paragraph
    for p in (c for c in note if isinstance(c.tag, str)):
        if mark is not None:
            runs.append(mark)
        found: list | None = [] if marks is not None else None
        got = inline_runs(p, found, layout_only=True)[0]  # white space at its edges is text, but for layout
        if found:
            at = _length(runs)
            assert marks is not None
            marks += [
                dataclasses.replace(a, offset=(a.offset or 0) + at) if at else a
                for a in found
                if a.kind == "highlight" or a.kind == "comment"
            ]
        runs.extend(got)
        op = _MARK.get(p.get(f"{{{ITU_NB}}}mark", ""), Op.EQUAL)  # a tracked paragraph mark, as the writer puts it
        who = (p.get(f"{{{ITU_NB}}}author"), p.get(f"{{{ITU_NB}}}date")) if op is not Op.EQUAL else (None, None)
        # (a break inside a move's text names the move: the runs either side join it, one move)
        mark = Run(op, "\n", who[0], who[1], move=p.get(f"{{{ITU_NB}}}move") if op is not Op.EQUAL else None)
    runs = list(join_runs(runs))
    label, body = peel_label(runs)
    text = runs_text(runs)
    if not label and runs:
        # the note's number as the writers put it; when changes follow in the text, in its first run alone, which is
        # unchanged and goes on after it (a number alone before a change is text, as the text and .docx readers
        # read it: itu_nb.parsing.note_pieces.number_label)
        same = all(r.op is runs[0].op for r in runs)
        m = _FOOTNOTE_NUMBER.match(text if same else runs[0].text)
        if m and (same or runs[0].op is Op.EQUAL and m.end() < len(runs[0].text)):
            label, body = cut_runs(runs, m.end())
    return note.get("marker") or "", label, body


def _layout_edges(el: etree._Element, comments: bool) -> tuple[bool, bool]:
    """Whether the white space at the start and at the end of block ``el``'s unchanged text is layout (holds a line
    break, or there is none), to drop; else it is text (spaces and TABs the writer put there), kept.

    Read on the XML's own text, in the order :func:`_walk` reads it (the text of a comment, a note or a note's
    reference is none of the block's when ``comments``), up to the first character that is no white space or the
    first change: ``<p>8 <TAB><remark>c</remark></p>`` ends in text " <TAB>", which the comment does not end.
    """
    pieces: list[tuple[str, bool]] = []
    _raw_pieces(el, True, comments, pieces)
    return "\n" in _edge_space(pieces, False) or "\r" in _edge_space(pieces, False), (
        "\n" in _edge_space(pieces[::-1], True) or "\r" in _edge_space(pieces[::-1], True)
    )


def _raw_pieces(el: etree._Element, equal: bool, comments: bool, out: list[tuple[str, bool]]) -> None:
    """``out`` + each text of ``el`` as written (not cleaned), with whether it is unchanged text (outside a change)."""
    out.append((el.text or "", equal))
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name == "br":
            out.append(("\v", equal))
        elif name in _CHANGE:
            _raw_pieces(child, False, comments, out)
        elif name != _NOTE and not (comments and name in ("remark", "noteRef")):
            _raw_pieces(child, equal, comments, out)
        out.append((child.tail or "", equal))


def _edge_space(pieces: list[tuple[str, bool]], end: bool) -> str:
    """The white space the unchanged text of ``pieces`` starts with (ends with, from its last piece, when ``end``)."""
    got = []
    for text, equal in pieces:
        if not text:
            continue
        if not equal:
            break
        bare = text.rstrip(_EDGE) if end else text.lstrip(_EDGE)
        got.append(text[len(bare) :] if end else text[: len(text) - len(bare)])
        if bare:
            break
    return "".join(got)


def main_text(runs: list[Run]) -> str:
    """The amended text, or the original when nothing is left when amended (as a text line)."""
    amended = runs_text(runs, "amended")
    return amended if amended.strip() else runs_text(runs, "original")
