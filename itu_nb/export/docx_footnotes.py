"""Footnotes, endnotes, comments and bookmarks as the Word writer writes them, around a paragraph's text.

:class:`NoteWriter` (a base of the writer behind :func:`itu_nb.export.docx.to_docx`) writes a note's reference
and its text into ``word/footnotes.xml`` or ``word/endnotes.xml`` (a repeated reference pointing at the note
written first), a comment's range marks and reference with its text in ``word/comments.xml``, bookmarks, and
the hidden bookmark that marks where a note's body stood in its line.
"""

from __future__ import annotations

import re
from collections import Counter

from docx.oxml.ns import qn
from lxml import etree

from itu_nb.export.docx_bodies import (
    _BODY_NUMBER,
    _NOTE_MARKS,
    _REPEATS,
    _note_kind,
    _whole_author,
)
from itu_nb.export.docx_runs import (
    _COMMENT_END,
    _COMMENT_REFERENCE,
    _COMMENT_START,
    _W_ANNOTATION_REF,
    _W_AUTHOR,
    _W_COMMENT,
    _W_DATE,
    _W_ID,
    _W_INITIALS,
    _W_P,
    _W_PPR,
    _W_PSTYLE,
    _W_R,
    _W_RPR,
    _W_RSTYLE,
    _W_VAL,
    HIGHLIGHT,
    NEXT_HIGHLIGHT,
    W_NS,
    RunWriter,
    _comment_mark,
    _iso,
    _note_paragraph,
    _SubElement,
    _text_parts,
    _w,
    clean_attr,
)
from itu_nb.export.lines import Piece
from itu_nb.loaders.docx_note_forms import NOTE_ONE, NOTE_WHOLE, replaced_whole
from itu_nb.loaders.docx_tags import LOOSE_NOTE_STYLE, NOTE_COMMENT, NOTE_PLACE
from itu_nb.model import Artefact, Clause, NodeKind, Op


class NoteWriter(RunWriter):
    """Writes notes, comments and bookmarks (a base of the writer behind :func:`~itu_nb.export.docx.to_docx`)."""

    def _body_place(
        self,
        p: etree._Element,
        piece: Piece,
        refs: dict[str, str],
        loose: dict[tuple[str, str], list[list[Piece]]],
        orphan: int | None,
        later: set[str],
        deferred: dict[str, list[tuple[str, Piece | Artefact]]],
    ) -> None:
        """Keep the place of the note body ``piece`` in its line: Word keeps a note's text at its reference.
        A body that no node holds (``loose``, by note, taken as written) is its note here, referenced in the loose
        style (:meth:`_orphans`).  A body that stands after its reference with something between them (``later``,
        :func:`~itu_nb.export.docx_bodies._bodies_later`) gets a hidden bookmark here (:data:`~itu_nb.loaders.docx_read.NOTE_PLACE`, then
        the note's kind and number), where the .docx reader moves the note's text read at its reference, and
        the note's comments (``deferred``: their ``w:id``, written by :meth:`_footnote_ref`, and themselves) after it,
        where the reader reads them after the note's text.
        """
        m = _BODY_NUMBER.match(piece.text)
        if m is None:
            return
        no = m.group(1)
        kind = refs.get(no, "fn")
        if (kind, no) in loose and no not in refs:
            pid = self.doc.proposals[orphan].id if orphan is not None and orphan >= 0 else None
            self._orphans(p, {(kind, no): loose.pop((kind, no))}, pid)
        elif no in later and no in refs:
            later.discard(no)  # (its first body: a note's deleted and inserted texts stand together)
            self._bookmark(p, f"{NOTE_PLACE}{kind}{no}")
            for cid, comment in deferred.pop(no, []):
                _SubElement(p, _COMMENT_START).set(_W_ID, cid)
                self._comment_end(p, cid, comment.op, Op.EQUAL)

    def _comment(self, p: etree._Element, piece: Piece | Artefact) -> None:
        """A Word comment at this point: ``w:commentRangeStart``/``End`` and the reference run here, the text
        with ``w:author``, ``w:date`` and initials in ``word/comments.xml``.
        """
        cid = self._comment_text(piece)
        _SubElement(p, _COMMENT_START).set(_W_ID, cid)
        self._comment_end(p, cid, piece.op, Op.EQUAL)

    def _comment_text(self, piece: Piece | Artefact) -> str:
        """The comment's text, author, date and initials in ``word/comments.xml``; its ``w:id``."""
        cid = str(self.n_comments)  # (shifted past the notes' w:id at the end: _comment_ids)
        self.n_comments += 1
        note = _SubElement(self.comments, _W_COMMENT)
        note.set(_W_ID, cid)
        author = clean_attr(piece.author or "")
        note.set(_W_AUTHOR, author)
        note.set(_W_INITIALS, "".join(w[:1] for w in author.split())[:9])
        when = _iso(piece.date)
        if when:
            note.set(_W_DATE, clean_attr(when))
        for k, text in enumerate(piece.text.split("\n")):
            para = _SubElement(note, _W_P)
            _SubElement(_SubElement(para, _W_PPR), _W_PSTYLE).set(_W_VAL, "CommentText")
            if not k:  # what self._run("", Op.EQUAL, style="CommentReference") and a w:annotationRef make
                mark = _SubElement(para, _W_R)
                _SubElement(_SubElement(mark, _W_RPR), _W_RSTYLE).set(_W_VAL, "CommentReference")
                _SubElement(mark, _W_ANNOTATION_REF)
            if text:
                _text_parts(_SubElement(para, _W_R), text)
        return cid

    def _comment_end(self, p: etree._Element, cid: str, op: Op, within: Op) -> None:
        """The end of comment ``cid``'s range and its reference run, at the end of ``p``.  ``within`` is the op
        of the ``w:ins``/``w:del`` that ``p`` is: a reference run of that op is not tracked again there.
        """
        _SubElement(p, _COMMENT_END).set(_W_ID, cid)
        # the reference run, as self._run("", Op.EQUAL, style="CommentReference") with a w:commentReference,
        # made in place (in its w:ins/w:del when tracked): one element made in its parent costs a third of one
        # made apart and moved there
        holder = p
        if op is not within and op is not Op.EQUAL:
            holder = self._change(op, None, None)
            p.append(holder)
        r = _SubElement(holder, _W_R)
        _SubElement(_SubElement(r, _W_RPR), _W_RSTYLE).set(_W_VAL, "CommentReference")
        _SubElement(r, _COMMENT_REFERENCE).set(_W_ID, cid)

    def _bookmark(self, p: etree._Element, name: str) -> None:
        bid = self._id()
        start = _w("w:bookmarkStart")
        start.set(qn("w:id"), bid)
        start.set(qn("w:name"), clean_attr(name)[:40])
        end = _w("w:bookmarkEnd")
        end.set(qn("w:id"), bid)
        p.append(start)
        p.append(end)

    def _orphans(self, p: etree._Element, bodies: dict[tuple[str, str], list[list[Piece]]], pid: str | None) -> None:
        """Notes whose bodies stand on a line of their own that no node holds (before their reference, or
        without any): each a footnote (an endnote) referenced at the end of ``p``, the reference with the op
        the body has, so its text is kept and a reference after it in its proposal points to it
        (:meth:`_repeated`).  The reference is in its own character style (:data:`LOOSE_NOTE_STYLE`), which the .docx
        reader knows: it reads the line back as it was, a body and no reference mark, no node.
        """
        for key, texts in bodies.items():
            ops = {r.op for body in texts for r in body if r.text}
            op = ops.pop() if len(ops) == 1 else Op.EQUAL
            mark = "endnoteRef" if key[0] == "en" else "footnoteRef"
            ref = Piece(f"[{mark}:{key[1]}]", op, "footnote-ref")
            fid = self._footnote_ref(p, ref, texts, key[1], [], style=LOOSE_NOTE_STYLE)  # (the reader drops it)
            self.note_ids.setdefault((pid, *key), fid)

    def _repeated(self, node: Clause | None, pid: str | None, key: tuple[str, str]) -> tuple[str, str] | None:
        """The kind and ``w:id`` of the note written already that a reference ``key`` with no body in its line
        repeats (None when it is no repeat): the note of its number in the same proposal, or the one the .docx
        reader named for it (``"footnote 2 repeats footnote 1 (w:id 7); …"``, a Word note referenced twice,
        which the reader loads once and the reference after the first numbered as Word counts).  A repeat is
        written as one more reference to that note, not as a new empty note (read back as an extra node).
        """
        kind = "endnote" if key[0] == "en" else "footnote"
        fid = self.note_ids.get((pid, *key))
        if fid is None and node is not None and node.notes:
            if self._repeats[0] is not node:  # the node's repeats, read once (a paragraph may hold thousands)
                found: dict[tuple[str, str], str] = {}
                own = {c.path.rpartition("/")[2] for c in node.children if c.kind is NodeKind.FOOTNOTE}
                for note in node.notes:
                    m = _REPEATS.match(note)
                    name = ("en" if m.group(1) == "endnote" else "fn", m.group(2)) if m else None
                    if m and name and m.group(1) == m.group(3) and "".join(name) not in own:
                        found.setdefault(name, m.group(4))
                self._repeats = (node, found)
            first = self._repeats[1].get(key)
            if first is not None:
                fid = self.note_ids.get((pid, key[0], first))
        return (kind, fid) if fid is not None else None

    def _reference_run(
        self, kind: str, fid: str, custom: str | None, op: Op, style: str = "footnotereference"
    ) -> etree._Element:
        """The run of a reference to the note ``fid`` (``kind``: footnote or endnote) in character style ``style``;
        ``custom``: the mark it shows when Word's own numbering would not give it (written in ``op``'s text
        element), else None.
        """
        r = self._run("", Op.EQUAL, style=style)
        fr = _w(f"w:{kind}Reference")
        fr.set(qn("w:id"), fid)
        r.append(fr)
        if custom is not None:
            fr.set(qn("w:customMarkFollows"), "1")
            t = _w("w:delText" if op is Op.DELETE else "w:t")
            t.text = custom
            r.append(t)
        return r

    def _note_reference(self, p: etree._Element, ref: Piece, number: str | None, same: tuple[str, str]) -> None:
        """One more reference to the note written already (``same``: its kind and ``w:id``), at the end of ``p``,
        with its op; Word counts it as it counts any reference, so a number it would not give is a custom mark.
        """
        kind, fid = same
        custom = number is not None and number != str(self.auto_notes[kind] + 1)
        if not custom:
            self.auto_notes[kind] += 1
            made = self._ref_runs.get(same)  # the reference run, made once per note and copied (a note may have 40,000)
            if made is None:
                made = self._ref_runs[same] = self._run("", Op.EQUAL, style="footnotereference")
                made.append(_w(f"w:{kind}Reference"))
                made[-1].set(qn("w:id"), fid)
            r = made.__copy__()  # lxml copies the whole element (copy.deepcopy costs seven times as much)
            p.append(r if ref.op is Op.EQUAL else self._tracked(r, ref.op, ref.author, ref.date))
            return
        r = self._reference_run(kind, fid, number if custom else None, ref.op)
        p.append(r if ref.op is Op.EQUAL else self._tracked(r, ref.op, ref.author, ref.date))

    def _footnote_ref(
        self,
        p: etree._Element,
        ref: Piece,
        bodies: list[list[Piece]],
        number: str | None = None,
        remarks: list[list[Artefact]] | None = None,
        style: str = "footnotereference",
        deferred: list[tuple[str, Piece | Artefact]] | None = None,
    ) -> str:
        """A footnote (an endnote, for a ``[endnoteRef:N]`` reference) and its reference, at the end of ``p``.
        Word numbers footnotes itself, 1, 2, 3…, and endnotes apart: a note whose number is not the next one of
        its kind (a source numbering 3, 7) gets it as a custom mark (``w:customMarkFollows``, the number in the
        reference run and at the start of the note), so its path stays ``fn3`` (``en3``).  An endnote is
        written in ``word/endnotes.xml`` with the footnote styles.

        ``bodies`` are the note's texts (:func:`~itu_nb.export.docx_bodies._note_bodies`), each as its runs: one run, or one per change
        made inside the note (``See `` equal, ``71`` deleted, ``72`` inserted), each written with its op.
        ``remarks`` are the comments of the note's FOOTNOTE nodes, one list per body (its deleted and inserted
        text when they differ): each is a real Word comment anchored in the body, around the note's reference
        mark (see :func:`~itu_nb.export.docx_bodies.note_comments`), not inside the note; one that stands in the
        note's text (a ``note-comment`` piece, :func:`~itu_nb.export.lines.lit_note`) has a hidden bookmark there
        (:data:`~itu_nb.loaders.docx_tags.NOTE_COMMENT` and its ``w:id``), where the .docx reader puts it back.
        With a list ``deferred`` the comments are not anchored here but added to it (their ``w:id`` and
        themselves), for :meth:`_body_place`.  Returns the note's ``w:id``.
        """
        kind = "endnote" if _note_kind(ref.text) == "en" else "footnote"
        written = self.endnotes if kind == "endnote" else self.footnotes
        fid = str(len(written) + 1)
        custom = number is not None and number != str(self.auto_notes[kind] + 1)
        if not custom:
            self.auto_notes[kind] += 1
        note = etree.SubElement(self._notes_root(kind), qn(f"w:{kind}"))
        note.set(qn("w:id"), fid)
        para = _note_paragraph(note)
        # the note shows its number before its text in each view: Word's own mark (w:footnoteRef), or the custom
        # mark as Word writes it (the number in the footnote reference style); else the text as it is
        firsts = [next((r for r in b if r.kind not in _NOTE_MARKS), b[0]) for b in bodies]  # each text's first run
        shown = (
            bool(bodies) and number is not None and all(re.match(rf"{re.escape(number)}(?=\s)", r.text) for r in firsts)
        )
        placed: list[tuple[str, Piece | Artefact]] = []  # the comments written so far, with their w:id
        # a note inserted (deleted) whole, as Word writes it: not one moved whole (its reference's move, or its text's)
        whole = ref.op is not Op.EQUAL and ref.move is None and not any(r.move for b in bodies for r in b)
        who = _whole_author(ref, bodies) if whole else (ref.author, ref.date)
        if shown:
            # (akn17) a comment before the note's first character stands before its number, where Word shows it
            lead = next((i for i, r in enumerate(bodies[0]) if r.kind != "note-comment"), len(bodies[0]))
            placed += [self._note_comment(para, run) for run in bodies[0][:lead]]
            bodies = [bodies[0][lead:], *bodies[1:]]
            mark = self._run("" if not custom else str(number), ref.op, style="footnotereference")
            if not custom:
                mark.append(_w(f"w:{kind}Ref"))
            para.append(self._tracked(mark, ref.op, *who) if whole else mark)
        for body, first in zip(bodies, firsts, strict=True):
            # the note's highlights (the FOOTNOTE node's, lines.lit_note): colours as in a paragraph's text
            lit = ended = ""
            touching = empty = around = False  # around: as _Writer.paragraph's (a highlight made around changes)
            for run in body:
                if run.kind == "note-comment":  # a comment at its place in the note: a bookmark here names it
                    placed.append(self._note_comment(para, run))
                    continue
                if run.kind == "note-highlight-start":
                    lit, empty = (NEXT_HIGHLIGHT if touching and ended == HIGHLIGHT else HIGHLIGHT), True
                    around = run.op is Op.EQUAL or run.op is ref.op  # (written EQUAL, as the note's text of its op)
                    continue
                if run.kind == "note-highlight-end":
                    if lit and empty:  # a highlight of nothing: an empty run
                        op = Op.EQUAL if run.op is ref.op else run.op
                        para.append(self._tracked(self._empty_run(lit), op, run.author, run.date))
                    ended, lit, touching = lit, "", True
                    continue
                if run.text:
                    touching = empty = False
                text = run.text[len(number) :] if shown and number is not None and run is first else run.text
                # a note inserted (deleted) whole has its text's runs in the reference's change, with its author and
                # date, as Word writes it; a note moved whole keeps a text of the reference's op untracked, but a
                # move's text keeps its move (a note moved whole, with its own name: in its range inside the note)
                own = run.op is ref.op and run.move is None
                op = Op.EQUAL if own and not whole else run.op
                move = run.move if op is not Op.EQUAL else None
                author, date = (run.author or who[0], run.date or who[1]) if own else (run.author, run.date)
                para = self._note_text(
                    note, para, text, op, author, date, lit, move, around=bool(lit) and around and not own
                )
        form = self._note_form(bodies, ref.op, number if number is not None else str(self.auto_notes[kind]), shown)
        if form is not None:  # what the reader's rule would read otherwise: the reading meant, named
            self._bookmark(para, form)
        written.append(note)
        r = self._reference_run(kind, fid, number if custom else None, ref.op, style)
        # the comments on the note, around its reference mark: those of the reference's op inside the w:ins/w:del
        # holding it (their reference runs untracked), any other around that w:ins/w:del, its reference run after
        # it, tracked with its own op (so read back after the former)
        # the node's comments that no note-comment piece placed (each piece stands for one alike)
        left = Counter((a.text, a.op, a.author, a.date) for _, a in placed)
        for a in (a for side in remarks or [] for a in side):
            if left[key := (a.text, a.op, a.author, a.date)]:
                left[key] -= 1
            else:
                placed.append((self._comment_text(a), a))
        if deferred is not None:  # anchored at the note's body, where its text is read back
            deferred += placed
            placed = []
        inner = [(cid, a) for cid, a in placed if ref.op is Op.EQUAL or a.op is ref.op]
        outer = [(cid, a) for cid, a in placed if not (ref.op is Op.EQUAL or a.op is ref.op)]
        for cid, _ in outer:
            p.append(_comment_mark("w:commentRangeStart", cid))
        holder = p if ref.op is Op.EQUAL else self._change(ref.op, *who)
        for cid, _ in inner:
            holder.append(_comment_mark("w:commentRangeStart", cid))
        holder.append(r)
        for cid, comment in inner:
            self._comment_end(holder, cid, comment.op, ref.op)
        if holder is not p:
            p.append(holder)
        for cid, comment in outer:
            self._comment_end(p, cid, comment.op, Op.EQUAL)
        return fid

    def _note_form(self, bodies: list[list[Piece]], op: Op, number: str, shown: bool) -> str | None:
        """The bookmark naming how the note written from ``bodies`` (its reference's op ``op``, its ``number``, shown
        as Word's mark when ``shown``) reads, when the .docx reader's rule would read it otherwise
        (:func:`~itu_nb.loaders.docx_note_forms.replaced_whole`, on the note as written): one note holding one
        author's changes (:data:`~itu_nb.loaders.docx_note_forms.NOTE_ONE`), or a note replaced whole whose
        deleted and inserted texts two authors (or dates) made (:data:`~itu_nb.loaders.docx_note_forms.NOTE_WHOLE`);
        None when the rule reads it as meant (a reference tracked itself: the reader reads one text per view).
        """
        if op is not Op.EQUAL or not bodies or len(bodies) > 2:
            return None
        runs = [r for body in bodies for r in body if r.kind not in _NOTE_MARKS]
        if all(r.op is Op.EQUAL or not r.text for r in runs):
            return None
        same = "".join(r.text for r in runs if r.op is Op.EQUAL)
        changes = [
            (r.op, r.text, (clean_attr(r.author or self.author), _iso(r.date or self.date)))
            for r in runs
            if r.op is not Op.EQUAL
        ]
        marks = any("\n" in text for _, text, _ in changes)  # (a changed line break is a changed paragraph mark)
        whole = replaced_whole(same, number, changes, marks)
        if len(bodies) == 1:
            return NOTE_ONE if whole else None
        sides = [{r.op for r in body if r.kind not in _NOTE_MARKS and r.text} for body in bodies]
        return NOTE_WHOLE if sides == [{Op.DELETE}, {Op.INSERT}] and not whole else None

    def _note_comment(self, para: etree._Element, piece: Piece) -> tuple[str, Piece]:
        """The comment that the ``note-comment`` ``piece`` stands for (its text, op, author and date) written in
        ``word/comments.xml``, and a hidden bookmark at the end of the note's paragraph ``para`` naming it
        (:data:`~itu_nb.loaders.docx_tags.NOTE_COMMENT`): its ``w:id`` and the piece.
        """
        cid = self._comment_text(piece)
        self._bookmark(para, f"{NOTE_COMMENT}{cid}")
        return cid, piece

    def _note_text(
        self,
        note: etree._Element,
        p: etree._Element,
        text: str,
        op: Op,
        author: str | None = None,
        date: str | None = None,
        lit: bool | str = False,
        move: str | None = None,
        *,
        around: bool = False,
    ) -> etree._Element:
        """``text`` at the end of the note (highlighted when ``lit``; ``around``: made around its change,
        :meth:`~itu_nb.export.docx_runs.RunWriter._lit_around`), each line after the first in a paragraph of its own (a note of
        several paragraphs, or with a text box, as the .docx reader gives it); the paragraph it ends in.
        A tracked text carries the change's ``author`` and ``date`` as body changes do (the exporter's
        ``author=`` only when it has none); text of the move ``move`` is written in its named range, as in the
        body (:meth:`~itu_nb.export.docx_runs.RunWriter._moved_in`), a paragraph mark in it moved.

        A paragraph ended by deleted (inserted) text has its mark deleted (inserted), so each view reads
        its own paragraphs: the deleted text's last line and the inserted text's first share a paragraph.
        """
        lines = text.split("\n")
        if move is not None and op is not Op.EQUAL and len(lines) > 1:
            return self._moved_lines(note, p, lines, op, author, date, lit, move)
        for k, line in enumerate(lines):
            if k:
                if op is not Op.EQUAL:
                    rpr = _w("w:rPr")
                    rpr.append(self._mark_change(op, author, date, move))
                    p.find(qn("w:pPr")).append(rpr)
                p = _note_paragraph(note)
            if line and move is not None:  # (a move's source in w:t, as Word writes it and the body does)
                self._put_run(self._change_in(p, op, author, date, move), line, Op.EQUAL, lit=lit)
            elif line:
                r = self._run(line, op, lit=lit)
                if around and op is not Op.EQUAL:
                    r = self._lit_around(r, author, date)
                p.append(self._tracked(r, op, author, date))
        return p

    def _notes_root(self, kind: str) -> etree._Element:
        """The root of ``word/footnotes.xml`` or ``word/endnotes.xml`` (``kind``), made with Word's two separators
        on its first note: each note is written inside it (a note written apart and moved in at the end cost
        time quadratic in its runs, 20,000 runs 4.8 s).
        """
        written = self.endnotes if kind == "endnote" else self.footnotes
        if written:
            return written[0].getparent()
        root = etree.Element(qn(f"w:{kind}s"), nsmap={"w": W_NS})
        for fid, role, tag in (
            ("-1", "separator", "w:separator"),
            ("0", "continuationSeparator", "w:continuationSeparator"),
        ):
            note = etree.SubElement(root, qn(f"w:{kind}"))
            note.set(qn("w:type"), role)
            note.set(qn("w:id"), fid)
            etree.SubElement(etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r")), qn(tag))
        return root
