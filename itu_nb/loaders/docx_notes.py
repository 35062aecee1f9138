"""Footnotes, endnotes and comments of a .docx: each read once, at its first reference, never inside another.

:class:`NoteReader` (a base of :class:`~itu_nb.loaders.docx_read.Reader`) reads notes and comments where they
are referenced (breadth first, see the module docstring of :mod:`~itu_nb.loaders.docx_read`), moves a note's
text to the place ``to_docx`` marked for it, and places what takes no characters (:meth:`NoteReader._art`);
the functions below turn a note's paragraphs into the artefacts the tree reads (its body, its changed parts,
its highlights).
"""

from __future__ import annotations

from collections import deque

from lxml import etree

from itu_nb.loaders.docx_blocks import BlockReader, Fields
from itu_nb.loaders.docx_note_forms import NOTE_ONE, NOTE_WHOLE, note_form, replaced_whole
from itu_nb.loaders.docx_para import Para, view_groups, view_paragraphs
from itu_nb.loaders.docx_tags import (
    _CUSTOM_MARK,
    _RUN_STYLE,
    AUTHOR,
    CUSTOM_MARK,
    DATE,
    DEL_TEXT,
    ID,
    LOOSE_NOTE_STYLE,
    VAL,
    T,
    _Ctx,
    _Job,
)
from itu_nb.model import Artefact, Op, Run


class NoteReader(BlockReader):
    """Reads notes and comments (a base of :class:`~itu_nb.loaders.docx_read.Reader`)."""

    def _art(self, para: Para, art: Artefact) -> None:
        """Place ``art``, which takes no characters, in ``para``: a highlight that ends here goes on after it (a
        comment's anchor or a note's reference inside highlighted text does not cut the highlight in two).
        """
        hl = self.highlight
        if hl is not None and hl[0] is para and hl[1] == len(para.pieces):
            self.highlight = (para, hl[1] + 1, hl[2], hl[3])
        para.pieces.append(art)

    # -- notes and comments -------------------------------------------------------
    def _note(self, para: Para, ctx: _Ctx, ref: etree._Element, kind: str) -> None:
        host = self.host or para
        if ctx.op is None:
            host.notes.append(f"a {kind} reference inserted and deleted again is in neither view")
            return
        custom = ref.get(_CUSTOM_MARK) in ("1", "true", "on")
        if not custom:
            self.counters[kind] += 1
        number = str(self.counters[kind]) if not custom else "0"
        mark = _custom_mark(ref) if custom else None
        if mark is not None:  # the mark the reference shows (3, *, a, †): the note's own, not text
            number, self.skip = (mark.text or "").strip(), mark
        label = "footnoteRef" if kind == "footnote" else "endnoteRef"
        run = ref.getparent()
        style = run.find(_RUN_STYLE) if run is not None else None
        if style is None or style.get(VAL) != LOOSE_NOTE_STYLE:  # (else a reference the source had not)
            self._art(para, Artefact("footnote-ref", f"[{label}:{number}]", -1, None, ctx.op))
        wid = ref.get(ID) or ""
        body = self.notes[kind].get(wid)
        if body is None:
            host.notes.append(f"{kind} reference {wid!r} has no {kind} text")
            return
        self._queue(para, _Job(kind, wid, body, number, ctx.op, ctx.move if ctx.op is not Op.EQUAL else None))

    def _comment(self, para: Para, ctx: _Ctx, cid: str) -> None:
        host = self.host or para
        el = self.notes["comment"].get(cid)
        if el is None:
            host.notes.append(f"comment reference {cid!r} has no comment text")
            return
        if ctx.op is None:
            host.notes.append(f"a comment reference inserted and deleted again is in neither view ({cid!r})")
            return
        self._comment_place(para, ctx, cid)  # (inside a note: its place there)
        if cid in self.shared and self.host is None:  # read already: the same text and note, not copies
            text, note = self.shared[cid]
            self._art(host, Artefact("comment", text, -1, None, ctx.op, el.get(AUTHOR) or None, el.get(DATE) or None))
            host.notes.append(note)
            return
        self._queue(para, _Job("comment", cid, el, cid, ctx.op))

    def _comment_place(self, para: Para, ctx: _Ctx, cid: str) -> None:
        """Inside a note (``para`` one of its paragraphs), where comment ``cid`` stands in its text: a
        ``note-comment`` placeholder, which :meth:`_read` turns into the comment's offset in the note's text.
        """
        if self.reading is not None and self.reading.kind != "comment":
            self._art(para, Artefact("note-comment", cid, -1, None, ctx.op or Op.EQUAL))

    def _queue(self, para: Para, job: _Job) -> None:
        """Read ``job`` now (from the body) or after the note being read; or note a repeat."""
        host = self.host or para
        key = (job.kind, job.wid)
        if key in self.seen:
            first = self.seen[key]
            missing = _views(job.op) - self.shown.get(key, {"original", "amended"})
            if missing and self.host is None:  # first shown in the other view only: show it in this one, once
                view = missing.pop()
                self.shown[key].add(view)
                text = self.bodies[key][view]
                op = Op.DELETE if view == "original" else Op.INSERT
                self._art(para, Artefact("footnote-body", f"[{job.number}: {text}]", -1, None, op))
                host.notes.append(
                    f"{job.kind} {job.number} repeats {job.kind} {first} (w:id {job.wid}), whose first reference "
                    f"is not in the {view} view; its text is shown here for that view"
                )
                return
            if self.reading is not None and (self.reading.kind, self.reading.wid) == key:
                host.notes.append(f"{job.kind} {first} is referenced inside itself; its text is shown once")
            elif job.kind == "comment":
                host.notes.append(
                    f"comment {job.wid} is referenced again; its text is shown once, at its first reference"
                )
            else:
                host.notes.append(
                    f"{job.kind} {job.number} repeats {job.kind} {first} (w:id {job.wid}); "
                    "its text is shown once, at the first reference"
                )
            return
        self.seen[key] = job.number
        if self.host is not None:  # inside a note: read it after this one, with the op of both references
            composed = _compose(self.reading.op if self.reading else Op.EQUAL, job.op)
            if composed is None:
                host.notes.append(f"{job.kind} {job.number} is referenced from text in neither view; not shown")
                return
            self.pending.append(_Job(job.kind, job.wid, job.el, job.number, composed, job.move))
            return
        self.host, self.pending = para, deque([job])
        begin = len(para.pieces)
        saved = (self.mark_number, self.fields, self.boxes)
        moving = (self.move, self.ranges)  # (a note's move ranges are its own: _read)
        # the note's own highlights are its own (_note_highlights); one of ``para`` ending here goes on after what
        # the note puts there (artefacts: its reference, text, comments), its artefact found again by identity: a
        # comment read here may go into the text of a note before it (_put_in_note), which moves it on
        lit, around, highlight = self.lit, self.around, self.highlight
        going_on = None
        if highlight is not None and highlight[0] is para and highlight[1] == len(para.pieces):
            going_on = (highlight[2], para.pieces[highlight[2]], highlight[3])
        try:
            nested = False  # the jobs after the first are notes referenced from inside a note
            while self.pending:
                self._read(self.pending.popleft(), para, nested)
                nested = True
        finally:
            self.host, self.reading = None, None
            self.mark_number, self.fields, self.boxes = saved
            self.move, self.ranges = moving
            self.lit, self.around, self.highlight = lit, around, highlight
            if going_on is not None:
                at, art, colour = going_on
                while para.pieces[at] is not art:  # pieces are only added while a note is read: it is further on
                    at += 1
                self.highlight = (para, len(para.pieces), at, colour)
        if job.kind != "comment":
            self.placed[("en" if job.kind == "endnote" else "fn") + job.number] = (para, begin, len(para.pieces))

    def _place_note(self, para: Para, key: str) -> None:
        """Move the text of note ``key`` (``fn1``), read at its reference in ``para``, to here (:data:`~itu_nb.loaders.docx_tags.NOTE_PLACE`)."""
        at = self.placed.pop(key, None)
        if at is None or at[0] is not para:
            return
        begin, end = at[1], at[2]
        size, n = len(para.pieces), at[2] - at[1]
        para.pieces[begin:] = para.pieces[end:] + para.pieces[begin:end]
        hl = self.highlight
        if hl is not None and hl[0] is para:  # (a highlight ending here goes on after the note's artefacts)
            stop = hl[1] if hl[1] == size else hl[1] - n if hl[1] >= end else hl[1]
            self.highlight = (para, stop, hl[2] - n if hl[2] >= end else hl[2], hl[3])

    def _read(self, job: _Job, host: Para, nested: bool = False) -> None:
        """Read the text of ``job`` onto ``host``; a note referenced from inside another note (``nested``) gets
        its reference there too, before its text (its own reference stood in the note, which keeps no mark): the
        tree names a note ``fn<N>`` or ``en<N>`` by its last reference, so an endnote read from a footnote stays
        ``en<N>`` (not a second text of footnote N).
        """
        self.reading, self.mark_number, self.fields, self.boxes = job, job.number, Fields(), None
        self.move, self.ranges = None, []  # no range of the body (or of another note) goes on in the note's text
        if nested and job.kind != "comment":
            label = "footnoteRef" if job.kind == "footnote" else "endnoteRef"
            self._art(host, Artefact("footnote-ref", f"[{label}:{job.number}]", -1, None, job.op))
        paras = self.blocks(job.el)
        for p in paras:
            host.notes.extend(f"in {job.kind} {job.number}: {n}" for n in p.notes)
        if job.kind == "comment":
            text = "\n".join(view_paragraphs(paras, "amended"))
            el = job.el
            note = f"comment by {el.get(AUTHOR) or 'unknown'} ({el.get(DATE) or 'no date'}): {text}"
            self.shared[job.wid] = (text, note)
            by = (el.get(AUTHOR) or None, el.get(DATE) or None)
            inside = self.in_note.pop(job.wid, None)  # a comment inside a note: at its place in the note's text
            if inside is None:
                self._art(host, Artefact("comment", text, -1, None, job.op, *by))
            else:
                self._put_in_note(host, Artefact("footnote-comment", text, -1, inside[0], job.op, *by), inside[1])
            host.notes.append(note)
            return
        texts = {view: "\n".join(view_paragraphs(paras, view)) for view in ("original", "amended")}
        # changes inside the note: its views differ, or a deletion and an insertion of one text make them alike
        changed = job.op is Op.EQUAL and (texts["original"] != texts["amended"] or _has_change(paras))
        parts = _changed_note(paras, job.number, note_form(job.el)) if changed else None
        start = len(f"[{job.number}: ")  # where the note's text starts in its body artefact
        taken: dict[str, tuple[int, Artefact]] = {}  # the comments inside the note (w:id) → offset, body artefact
        if parts is not None:  # changes inside the note: one note, its changed runs as parts
            head, *rest = parts
            body = Artefact("footnote-body", f"[{job.number}: {head.text}", -1)
            self._art(host, body)
            for r in rest:
                self._art(host, Artefact("footnote-part", r.text, -1, None, r.op, r.author, r.date, move=r.move))
            found: dict[str, tuple[int, Op | None]] = {}
            for lit in _note_highlights(paras, None, start, found):
                self._art(host, lit)
            taken = {cid: (at, body) for cid, (at, _) in found.items()}
            sides = []
        elif job.op is Op.EQUAL and texts["original"] == texts["amended"]:
            sides = [(Op.EQUAL, texts["amended"])]
        else:
            sides = [
                (op, texts[view])
                for op, view in ((Op.DELETE, "original"), (Op.INSERT, "amended"))
                if job.op in (Op.EQUAL, op)
            ]
        for k, (op, text) in enumerate(sides):
            who, when = _who(paras, op) if op is not Op.EQUAL else (None, None)
            # a note moved whole: the move of its reference, or the one move its text is of (to_docx writes a note
            # whose move has a name of its own so; none looked for when the package has no move range read so far)
            move = job.move if op is job.op and job.move is not None else _one_move(paras, op) if self.moves else None
            body = Artefact("footnote-body", f"[{job.number}: {text}]", -1, None, op, who, when, move=move)
            self._art(host, body)
            view = None if op is Op.EQUAL else "original" if op is Op.DELETE else "amended"
            places: dict[str, tuple[int, Op | None]] = {}
            for lit in _note_highlights(paras, view, start, places):
                self._art(host, lit)
            # a comment goes with the text it stands in: by the op of the text before it (the first text when it
            # is equal or there is none; the last takes what is left)
            for cid, (at, near) in places.items():
                if cid not in taken and (op is Op.EQUAL or near in (None, Op.EQUAL, op) or k == len(sides) - 1):
                    taken[cid] = (at, body)
        self.bodies[(job.kind, job.wid)] = texts
        self.shown[(job.kind, job.wid)] = _views(job.op)
        if taken:
            self.in_note.update(taken)
            # a comment referenced inside the note (as Word writes it): read now, after the note's body, before a
            # note referenced from it (the tree gives it to the note before it); one anchored at the note's
            # reference (to_docx) is read there, and put after its body (_put_in_note)
            for inner in [j for j in self.pending if j.kind == "comment" and j.wid in taken]:
                self.pending.remove(inner)
                self._read(inner, host, True)

    def _put_in_note(self, host: Para, art: Artefact, body: Artefact) -> None:
        """Put ``art``, a ``footnote-comment``, in ``host`` after the note's ``body`` artefact and what follows it
        of that note (its parts, highlights and comments), where the tree gives it to that note: at the end, as
        usual, else inserted there (a note's deleted text, with its inserted text after it; a note before the
        comment's reference, to_docx's anchor).

        Called only while a note or comment is read (:meth:`_queue`), which finds the host's highlight again
        by identity afterwards; the only indexes into ``host``'s pieces kept past the read, the notes' places
        (``placed``), are moved on here.
        """
        pieces = host.pieces
        if pieces and pieces[-1] is self.note_last.get(id(body)):  # after the last one put there (a note's many)
            self.note_last[id(body)] = art
            self._art(host, art)
            return
        i = len(pieces) - 1
        while i >= 0 and pieces[i] is not body:
            i -= 1
        j = i + 1
        while 0 < j < len(pieces) and isinstance(nxt := pieces[j], Artefact) and nxt.kind in _AFTER_BODY:
            j += 1
        if i < 0 or j == len(pieces):
            self.note_last[id(body)] = art
            self._art(host, art)
            return
        pieces.insert(j, art)
        for key, (para, begin, end) in self.placed.items():
            if para is host and end > j:
                self.placed[key] = (para, begin + (begin >= j), end + 1)


def _custom_mark(ref: etree._Element) -> etree._Element | None:
    """The text element holding the custom mark of the note reference ``ref`` (``w:customMarkFollows``): the text
    right after it in its run, as Word, LibreOffice and ``to_docx`` write it; None when there is none, or it is no
    note's mark (white space inside it, a bracket or ``#``: see :data:`~itu_nb.loaders.docx_tags.CUSTOM_MARK`), which
    is then read as text (a mark in a run of its own, or a symbol, stays text too).
    """
    mark = ref.getnext()
    if mark is None or mark.tag not in (T, DEL_TEXT) or not CUSTOM_MARK.fullmatch((mark.text or "").strip()):
        return None
    return mark


def _has_change(paras: list[Para]) -> bool:
    """Whether a tracked change of some text stands in the paragraphs (their views may still read alike)."""
    return any(isinstance(p, tuple) and p[0] is not Op.EQUAL and p[1] for para in paras for p in para.pieces)


def _one_move(paras: list[Para], op: Op) -> str | None:
    """The move every tracked piece of text of the note's ``paras`` is part of when each is of ``op`` and one move, else
    None (a note whose reference is tracked: its untracked text, Word's number mark, goes with it).
    """
    moves = {
        p[4] if p[0] is op else ""
        for para in paras
        for p in para.pieces
        if isinstance(p, tuple) and p[1] and p[0] is not Op.EQUAL
    }
    return (moves.pop() or None) if len(moves) == 1 else None  # ("": a tracked piece of another op, or no move)


def _changed_note(paras: list[Para], number: str, form: str | None = None) -> list[Run] | None:
    r"""The runs of a note with tracked changes inside its text, as the CriticMarkup reader gives such a note
    (:func:`itu_nb.parsing.markup.note_parts`): first an equal run (the text before the first change, maybe
    empty), then the runs of the rest, each with its op, author and date, the last ending in the note's closing
    ``"]"``; paragraphs joined by ``"\n"``.

    None when the note is better given as its deleted and inserted texts (``fn1`` and ``fn1#2``), by
    :func:`~itu_nb.loaders.docx_note_forms.replaced_whole` unless ``to_docx`` named its reading (``form``, the
    note's bookmark: :data:`~itu_nb.loaders.docx_note_forms.NOTE_ONE` one note, whose changed paragraph marks
    are its changed line breaks, each with its mark's author and date;
    :data:`~itu_nb.loaders.docx_note_forms.NOTE_WHOLE` replaced whole).
    """
    if form == NOTE_WHOLE:
        return None
    same = "".join(p[1] for para in paras for p in para.pieces if isinstance(p, tuple) and p[0] is Op.EQUAL)
    changed = [p for para in paras for p in para.pieces if isinstance(p, tuple) and p[0] is not Op.EQUAL]
    marks = any(p.mark is not Op.EQUAL and p.mark_move is None for p in paras)  # (a moved one: no split)
    if form != NOTE_ONE and replaced_whole(same, number, ((p[0], p[1], (p[2], p[3])) for p in changed), marks):
        return None
    # [op, author, date, texts, move]: neighbours alike joined once (a move's runs apart from others')
    groups: list[list] = [[Op.EQUAL, None, None, [], None]]
    for k, para in enumerate(paras):
        # (the break between two paragraphs: the mark of the one before, its move's when moved, as its runs are)
        prev = paras[k - 1]
        before = [(prev.mark, "\n", prev.mark_author, prev.mark_date, prev.mark_move)] if k else []
        for piece in before + [p for p in para.pieces if isinstance(p, tuple)]:
            op, text = piece[0], piece[1]
            who, when, move = (piece[2], piece[3], piece[4]) if op is not Op.EQUAL else (None, None, None)
            last = groups[-1]
            if not text:
                continue
            if last[0] is op and (last[1], last[2], last[4]) == (who, when, move):
                last[3].append(text)
            else:
                groups.append([op, who, when, [text], move])
    if groups[-1][0] is Op.EQUAL and len(groups) > 1:
        groups[-1][3].append("]")
    else:
        groups.append([Op.EQUAL, None, None, ["]"], None])
    return [Run(op, "".join(texts), who, when, move=move) for op, who, when, texts, move in groups]


def _note_highlights(
    paras: list[Para], view: str | None, start: int, places: dict[str, tuple[int, Op | None]]
) -> list[Artefact]:
    """The highlights (``w:highlight``) of a note's paragraphs as ``footnote-highlight`` artefacts, each offset
    in the note's text as its body artefact gives it (``start``: the length of its ``[N: ``), as the
    CriticMarkup reader gives them (:func:`itu_nb.parsing.markup.extract_artefacts`): the text of every
    paragraph joined by a line break, in ``view`` (a note given as its deleted or inserted text, paragraphs as
    that view reads them) or every run of both (None: the note read as one, changes inside it).  The place of
    each comment in the note (a ``note-comment`` placeholder, :meth:`NoteReader._comment_place`) is put in
    ``places``, by the comment's ``w:id``, counted so, with the op of the text before it (None: none).
    """
    if not any(isinstance(p, Artefact) and p.kind in _MARKS for para in paras for p in para.pieces):
        return []
    hidden = {"original": Op.INSERT, "amended": Op.DELETE}.get(view or "")
    groups = view_groups(paras, view) if view else [[i] for i in range(len(paras))]
    out: list[Artefact] = []
    pos = 0
    near: Op | None = None  # the op of the last text
    open_: list[list] = []  # [offset, op, characters of the source still covered, characters seen in the view]
    for g, group in enumerate(groups):
        if g:
            pos += 1  # the "\n" between two paragraphs
        for piece in (p for i in group for p in paras[i].pieces):
            if isinstance(piece, Artefact):
                if piece.kind == "note-comment":
                    places[piece.text] = (start + pos, near)
                elif piece.kind == "highlight" and not piece.length:  # one of no characters (an empty run): kept
                    out.append(Artefact("footnote-highlight", "", -1, start + pos, piece.op))
                elif piece.kind == "highlight":
                    open_.append([start + pos, piece.op, piece.length, 0])
                continue
            size = len(piece[1])
            seen = 0 if piece[0] is hidden else size
            near = piece[0] if size else near
            for lit in open_:
                took = min(lit[2], size)
                lit[2] -= took
                lit[3] += took if seen else 0
            pos += seen
            for lit in [x for x in open_ if x[2] <= 0]:
                open_.remove(lit)
                if lit[3]:
                    out.append(Artefact("footnote-highlight", "", -1, lit[0], lit[1], length=lit[3]))
    out += [Artefact("footnote-highlight", "", -1, lit[0], lit[1], length=lit[3]) for lit in open_ if lit[3]]
    return out


#: The placeholders in a note's paragraphs that :func:`_note_highlights` reads.
_MARKS = ("highlight", "note-comment")
#: What follows a note's body artefact in its host's pieces (:meth:`NoteReader._put_in_note`).
_AFTER_BODY = ("footnote-part", "footnote-highlight", "footnote-comment")


def _who(paras: list[Para], op: Op) -> tuple[str | None, str | None]:
    """The author and date of a note's first tracked change of ``op`` (a run, else a paragraph mark), else of
    its first change of the other op (a note where text was only inserted has a deleted body too: the same
    change), so its deleted and inserted bodies keep who changed it; (None, None) when the note has none
    (its reference is what is tracked).
    """
    for ops in ((op,), (Op.DELETE, Op.INSERT)):
        for p in paras:
            for piece in p.pieces:
                if isinstance(piece, tuple) and piece[0] in ops and (piece[2] or piece[3]):
                    return piece[2], piece[3]
        for p in paras:
            if p.mark in ops and (p.mark_author or p.mark_date):
                return p.mark_author, p.mark_date
    return None, None


def _views(op: Op) -> set[str]:
    return {view for view in ("original", "amended") if op.in_view(view)}


def _compose(outer: Op, inner: Op | None) -> Op | None:
    """The op of text with op ``inner`` inside a note whose reference has op ``outer`` (None: in no view)."""
    if inner is None or outer is Op.EQUAL or inner is outer:
        return inner
    return outer if inner is Op.EQUAL else None
