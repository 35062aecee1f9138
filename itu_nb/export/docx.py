"""Word writer: one paragraph per line, real tracked changes, the ITU look.

- Every insert run is a ``w:ins`` and every delete run a ``w:del`` (``w:delText``)
  with ``w:author`` (the run's author, else ``author=``, else ``"Unknown Author"``: a name the custom property
  ``itu_nb unnamed`` records, which the reader reads back as no author, :func:`_unnamed_name`), ``w:date`` when
  known, and a ``w:id`` unique in the document; a
  paragraph inserted or deleted whole has its paragraph mark inserted or deleted too.  The same
  holds inside a footnote: a note's deleted and inserted text carry its change's author and date.
- A highlight is highlighted runs of one colour (``w:highlight``), through tracked changes and around the comments
  and notes inside it: the .docx reader reads such runs as one highlight, and a change of colour as the start of
  another, so a highlight that starts where another ends (nothing but comments or notes between) is written in the
  other colour (yellow, then green, then yellow…).  A highlight of no characters (a decision took them all) is a
  highlighted run holding an empty ``w:t``, which the reader reads back as such; LibreOffice and pandoc open it.
  A highlight made inside a change (its op the change's) is highlighted runs inside the ``w:del``/``w:ins``; one made
  around changes (op EQUAL) gives each of its runs inside one a ``w:rPrChange`` whose properties before lack the
  highlight (Word's record of a highlight put on the change's text afterwards), which the reader reads as such.
- A line that is no node writes its white space (CriticMarkup's ``{==  ==}`` on a blank line: a
  highlighted run of spaces), so a highlight there survives.
- Labels are text followed by a TAB (no Word list numbering), so a relettering
  ``c) → b)`` is a deleted ``c`` and an inserted ``b``, as the proposal writes it.
- The ITU look: Times New Roman 12 pt on A4; the action (MOD/ADD/SUP) in bold in the
  left margin before the proposal id; headings centred in capitals; the title bold;
  section keywords in italics; items with hanging indents; ``Reasons:`` in bold.
  Style names follow the ITU templates (``Proposal``, ``ResNo``, ``Restitle``,
  ``Call``, ``enumlev1``…), so a secretariat template can restyle the document.
- Bookmarks and footnotes of the source become real Word bookmarks and footnotes;
  track changes is switched on for whoever edits the document next.  A note of several
  paragraphs (a Word note, or one holding a text box) is written as paragraphs of the note.
- Comments become Word comments (``word/comments.xml``) with their author and date; a comment on
  a FOOTNOTE node is anchored in the body around the note's reference mark (inside the
  ``w:ins``/``w:del`` holding the reference when it is tracked), not inside the note (LibreOffice
  7.4 refuses a .docx with a comment inside a footnote), and a hidden bookmark at its place in the note's
  text names it (``_itu_nb_cmt_`` and its ``w:id``): the .docx reader puts it back in the note there, as it
  reads a comment made inside a Word footnote, and where CriticMarkup and Akoma Ntoso write it
  (:func:`note_comments`, :func:`~itu_nb.export.lines.lit_note`).
- The template (styles, A4, track changes on) is built once per process
  (:mod:`~itu_nb.export.docx_template`); the cover block, page header and document
  properties come from the document's metadata (:mod:`~itu_nb.export.docx_cover`).
"""

from __future__ import annotations

import dataclasses
import io
from collections import Counter
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from itu_nb.errors import ExportError
from itu_nb.export import controls, docx_cover, docx_template
from itu_nb.export.docx_bodies import (
    _REF_NUMBER,
    _bodies_later,
    _note_bodies,
    _note_kind,
    node_bodies,
    note_comments,
)
from itu_nb.export.docx_chunks import BodyChunks
from itu_nb.export.docx_footnotes import NoteWriter
from itu_nb.export.docx_plain import _attr, _mark_who, _who, plain_node, plain_paragraph
from itu_nb.export.docx_runs import (
    _BOOKMARK,
    _COMMENT_END,
    _COMMENT_REFERENCE,
    _COMMENT_START,
    _COMMENTS_CT,
    _ENDNOTES_CT,
    _FOOTNOTES_CT,
    _ROLE_STYLE,
    _W_COMMENT,
    _W_ID,
    HIGHLIGHT,
    NEXT_HIGHLIGHT,
    _w,
    clean_attr,
    clean_text,
    mark_move,
)

# KEYS_PROPERTY, TWIP_LEVEL and W_NS: public names of this module before the split, kept importable from here
from itu_nb.export.docx_runs import (
    KEYS_PROPERTY as KEYS_PROPERTY,
)
from itu_nb.export.docx_runs import (
    TWIP_LEVEL as TWIP_LEVEL,
)
from itu_nb.export.docx_runs import (
    W_NS as W_NS,
)
from itu_nb.export.limits import check_marks
from itu_nb.export.lines import _ROLES, Line, Piece, as_document, export_lines, node_pieces, plain_rows
from itu_nb.export.loose import has_lines
from itu_nb.export.nesting import check_nesting
from itu_nb.loaders.docx_tags import NOTE_COMMENT
from itu_nb.model import Artefact, Clause, Document, Op
from itu_nb.parsing.notes import unheld_bodies

__all__ = ["to_docx"]

#: How many paragraphs are written out at a time (:class:`~itu_nb.export.docx_chunks.BodyChunks`).
_CHUNK = 2000
_WRITTEN = Line((), "blank")


def _struck_mark(line: Line) -> tuple[str | None, str | None] | None:
    """Who inserted the paragraph of ``line`` and when, when it is a clause another author inserted whole and the
    analyst struck (its text all ``struck-insert`` pieces, :func:`itu_nb.amendments.wording.delete_node`): its mark
    is then inserted by that author and deleted by the striker (``<w:rPr><w:ins/><w:del/></w:rPr>``); else None.
    """
    node = line.node
    if node is None or node.label_runs or node.runs:
        return None
    struck = [p for p in line.pieces if p.kind == "struck-insert"]
    first = getattr(struck[0], "inserted", None) if struck else None
    return first or (None, None) if struck else None


class _Writer(NoteWriter):
    comment_shift = 0  # what every comment's w:id was made more at the end (_comment_ids)
    core_author = ""  # the core properties' author (the writer's ``author`` is that of changes with none)
    unnamed: str | None = None  # the name written for changes with no author (_unnamed_name), stored

    # -- paragraphs -------------------------------------------------------------------
    def paragraph(self, line: Line, last: bool, orphan: int | None = None) -> None:
        """Line ``line`` as a paragraph (``last``: the document's last).  ``orphan``: the line holds note bodies
        that no node holds (:func:`~itu_nb.parsing.notes.unheld_bodies`), in the proposal of that index.
        """
        style = _ROLE_STYLE.get(line.role)
        if line.role == "item":
            style = f"enumlev{min(max(line.depth, 1), 3)}"
        p = docx_template.paragraph(self.body, style)
        if line.keys and line.proposal is not None:
            self.keys[line.proposal.id] = line.keys
        mark, moved = line.mark, None
        # the document's last paragraph mark is tracked only when the source tracked it (a paragraph-mark piece: an
        # empty last paragraph inserted or deleted keeps its change, author and date); a last paragraph inserted or
        # deleted whole keeps an untracked mark, as Word writes the document's final paragraph mark
        if mark is not Op.EQUAL and (not last or any(pc.kind == "paragraph-mark" for pc in line.pieces)):
            ppr = p.get_or_add_pPr()
            rpr = _w("w:rPr")
            struck = _struck_mark(line) if mark is Op.DELETE else None
            if struck is not None:  # a paragraph one author inserted and another struck: its mark inserted first
                rpr.append(self._change(Op.INSERT, *struck))
            # the paragraph mark inserted or deleted (moved, when the whole paragraph is part of a move)
            moved = mark_move(line.pieces, mark)
            rpr.append(self._mark_change(mark, *_mark_who(line), moved))
            ppr.append(rpr)
        bodies = _note_bodies(line.pieces)  # a note's text may stand anywhere in its line
        remarks = note_comments(line.node) if line.node is not None and bodies else {}
        # a highlight is highlighted runs of one colour (comments and notes inside it do not cut it): one that
        # starts where another ended, no text between, takes the other colour, so the reader keeps them two
        lit = ended = ""  # the colour of the highlight open here; of the one that ended last
        around = False  # the highlight open here was made around changes (op EQUAL): their runs say so (_lit_around)
        touching = False  # a highlight ended and no text was written since
        empty = False  # no text written since the highlight opened
        refs: dict[str, str] = {}  # note number → the kind of its reference in this line
        # the notes whose text stands after their reference and more (looked for in a line holding a body)
        later = _bodies_later(line.pieces) if bodies else set()
        deferred: dict[str, list[tuple[str, Piece | Artefact]]] = {}  # their comments, anchored at the body's place
        for piece in line.pieces:
            if piece.is_mark:
                if piece.kind == "highlight-start":
                    lit = NEXT_HIGHLIGHT if touching and ended == HIGHLIGHT else HIGHLIGHT
                    around, empty = piece.op is Op.EQUAL, True
                else:
                    if lit and empty:  # a highlight of no characters (a decision took them all): an empty run
                        p.append(self._tracked(self._empty_run(lit), piece.op, *_who(line)))
                    ended, lit, touching = lit, "", True
            elif piece.kind == "footnote-ref":
                number = _REF_NUMBER.match(piece.text)
                key = (_note_kind(piece.text), number.group(1)) if number else None
                no = key[1] if key else None
                texts = bodies.pop(key, []) if key else []
                pid = line.proposal.id if line.proposal is not None else None
                same = self._repeated(line.node, pid, key) if key and not texts else None
                if same is not None:  # the note is written already: one more reference to it
                    self._note_reference(p, piece, no, same)
                    continue
                if key and not texts and line.node is not None:  # a body on a line of its own: the node's note
                    texts = node_bodies(line.node, key)
                    remarks = remarks or note_comments(line.node)
                held = remarks.pop(key, []) if key else []
                put = deferred.setdefault(key[1], []) if key and key[1] in later else None
                fid = self._footnote_ref(p, piece, texts, no, held, deferred=put)
                if key:
                    self.note_ids.setdefault((pid, *key), fid)
                    refs[key[1]] = key[0]
            elif piece.kind == "bookmark" and _BOOKMARK.match(piece.text):
                self._bookmark(p, piece.text[len("[bookmark: ") : -1])
            elif piece.kind == "comment":
                self._comment(p, piece)
            elif piece.kind == "struck-insert":  # w:del inside w:ins (docx_runs)
                self._struck_in(p, piece.text, (piece.author, piece.date), getattr(piece, "inserted", None))
            elif piece.is_text or piece.kind in ("bookmark", "markup"):
                # (a "markup" piece: the white space of a line that is no node, e.g. CriticMarkup's "{==  ==}")
                if line.role == "marker" and piece.kind == "marker":
                    run = self._text_run(line, piece, lit)
                    if lit and around and piece.op is not Op.EQUAL and piece.text:
                        run = self._lit_around(run, piece.author, piece.date)
                    p.append(self._tracked(run, piece.op, piece.author, piece.date))
                else:  # (as _text_run writes it, made in place)
                    holder = (
                        p
                        if piece.op is Op.EQUAL
                        else self._change_in(p, piece.op, piece.author, piece.date, piece.move)
                    )
                    self._put_run(
                        holder,
                        piece.text,
                        piece.op if piece.move is None else Op.EQUAL,  # (a move's source: w:t, as Word writes it)
                        bold=line.role == "reasons" and piece.kind == "label",
                        lit=lit,
                    )
                    if lit and around and holder is not p and piece.text:  # a highlight made around the change
                        self._lit_around(holder[-1], piece.author, piece.date)
                if piece.text:
                    touching = empty = False
            elif piece.kind == "footnote-body":
                self._body_place(p, piece, refs, bodies if orphan is not None else {}, orphan, later, deferred)
        if orphan is not None and bodies:  # bodies no node holds: each a note, referenced here (nothing is lost)
            self._orphans(p, bodies, self.doc.proposals[orphan].id if orphan >= 0 else None)
        for left in remarks.values():  # a note whose body has no reference in the line: on the paragraph
            for comment in (a for side in left for a in side):
                self._comment(p, comment)
        if moved is not None:  # a paragraph moved whole: in the move's range, its mark too, as Word writes it
            self._range_around(p, mark, *_mark_who(line), moved)

    def _text_run(self, line: Line, piece: Piece, lit: bool | str = False) -> etree._Element:
        if line.role == "marker" and piece.kind == "marker":
            action, tab, pid = piece.text.partition("\t")
            if tab:  # the two parts need their own formatting: build a run holding both
                r = self._run(action, piece.op, bold=True, lit=lit)
                r.append(_w("w:tab"))
                t = _w("w:delText" if piece.op is Op.DELETE else "w:t")
                t.text = clean_text(pid)
                r.append(t)
                return r
            return self._run(piece.text, piece.op, bold=True, lit=lit)
        bold = line.role == "reasons" and piece.kind == "label"
        return self._run(piece.text, piece.op, bold=bold, lit=lit)

    # -- the package --------------------------------------------------------------------
    def finish(self, title: str | None, *, cover: bool = True, header_lines: tuple[int, ...] = ()) -> bytes:
        """The package: cover, page header and properties (:mod:`~itu_nb.export.docx_cover`), footnotes."""
        docx_cover.dress(
            self.word,
            self.doc,
            title=title,
            author=self.core_author,
            keys=self.keys,
            unnamed=self.unnamed,
            cover=cover,
            header_lines=header_lines,
            moves=self.moves_to_store(),
        )
        if self.n_comments:  # (before the notes' parts are made: bookmarks in them name comments)
            self._comment_ids(max(len(self.footnotes), len(self.endnotes)) + 1)
        if self.footnotes:
            self._note_part("footnote", self.footnotes)
        if self.endnotes:
            self._note_part("endnote", self.endnotes)
        if self.n_comments:
            self._comments_part()
        docx_cover.store_controls(self.word, self.doc)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _comment_ids(self, shift: int) -> None:
        """Every comment's ``w:id`` made ``shift`` more, past every note's: LibreOffice 7.4 shows a footnote whose
        ``w:id`` a comment has too with another note's text (two in Doc 67 with a comment on note 1).
        """
        if not shift:
            return
        self.comment_shift = shift  # (also in the paragraphs written out: docx_chunks.BodyChunks.splice)
        for el in self.body.iter(_COMMENT_START, _COMMENT_END, _COMMENT_REFERENCE):
            el.set(_W_ID, str(int(el.get(_W_ID)) + shift))
        for el in self.comments.iter(_W_COMMENT):
            el.set(_W_ID, str(int(el.get(_W_ID)) + shift))
        for note in (self.footnotes[:1], self.endnotes[:1]):  # the bookmarks naming a comment in a note's text
            for el in note[0].getparent().iter(qn("w:bookmarkStart")) if note else ():
                name = el.get(qn("w:name")) or ""
                if name.startswith(NOTE_COMMENT):
                    el.set(qn("w:name"), f"{NOTE_COMMENT}{int(name[len(NOTE_COMMENT) :]) + shift}")

    def _comments_part(self) -> None:
        blob = etree.tostring(self.comments, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        part = Part(PackURI("/word/comments.xml"), _COMMENTS_CT, blob, document.package)
        document.relate_to(part, RT.COMMENTS)

    def _note_part(self, kind: str, notes: list[etree._Element]) -> None:
        """``word/footnotes.xml`` or ``word/endnotes.xml`` (``kind``): Word's two separators, then ``notes``."""
        root = notes[0].getparent()
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        document = self.word.part
        content_type = _FOOTNOTES_CT if kind == "footnote" else _ENDNOTES_CT
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, document.package)
        document.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _default_author(doc: Document) -> str:
    """The core properties' author, without ``author=`` (a change with no author is written under
    :func:`_unnamed_name`'s name): the submitter, else the author most changes carry, else ``"itu_nb"``.
    """
    named = doc.metadata.get("submitter") or doc.metadata.get("author")
    if named:
        return named
    authors = Counter(r.author for p in doc for n in p.walk() for r in n.label_runs + n.runs if r.author)
    return authors.most_common(1)[0][0] if authors else "itu_nb"


def _unnamed_name(doc: Document) -> str | None:
    """The name written for the changes of ``doc`` that have no author (``w:author`` is required: ECMA-376's schema,
    and Word keeps to it), :data:`~itu_nb.export.docx_cover.UNNAMED` unless an author of ``doc`` is so named (then
    with a number); None when every change has an author.  The reader reads the name back as no author
    (:mod:`itu_nb.loaders.docx_unnamed`), so the writer never gives such a change to someone.
    """
    names: set[str | None] = set()
    for p in doc:
        for n in p.walk():
            for r in n.label_runs + n.runs if n.label_runs else n.runs:
                if r.op is not Op.EQUAL:
                    names.add(r.author)
            for a in n.artefacts:
                if a.op is not Op.EQUAL and a.kind != "comment":
                    names.add(a.author)
                    if a.inserted is not None:
                        names.add(a.inserted[0])
    if None not in names and "" not in names:
        return None
    name, k = docx_cover.UNNAMED, 1
    while name in names:
        k += 1
        name = f"{docx_cover.UNNAMED} {k}"
    return name


def to_docx(
    x,
    path=None,
    *,
    author: str | None = None,
    date: str | None = None,
    title: str | None = None,
    metadata: dict | None = None,
    cover: bool = True,
):
    """Write a Document, Proposal or Comparison as Word with tracked changes; see :func:`itu_nb.to_docx`."""
    doc = as_document(x, author=author, date=date)
    check_marks(doc, "Word")
    check_nesting(doc, "Word")
    if metadata:
        if not isinstance(metadata, dict):
            raise ExportError(f"to_docx: metadata must be a dict, not {type(metadata).__name__}")
        doc = dataclasses.replace(doc, metadata={**doc.metadata, **metadata})
    subject = docx_cover.comparison_subject(x)
    if subject:
        doc = dataclasses.replace(doc, metadata={**doc.metadata, "subject": subject})
    docx_cover.cover_facts(doc)  # refuses bad cover metadata before anything is written
    controls.start(_attr)  # (the control characters written as their pictures, from here: stored by finish)
    core = clean_attr(author or _default_author(doc))
    unnamed = None if author else _unnamed_name(doc)  # (author=: the caller's name for every change with none)
    writer = _Writer(doc, clean_attr(unnamed) if unnamed else core, date)
    writer.core_author, writer.unnamed = core, unnamed
    depths: list[int] = []
    rows = plain_rows(doc, depths)  # (a node without artefacts given as itself: written from its runs)
    lines: list[Line | Clause] = export_lines(doc) if rows is None else rows  # type: ignore[assignment]
    # the note bodies no node holds, by line (the lines of a line-based document are its source's; any other
    # document's are written from loose.loose_lines, which keeps such a body as a line): each is a note; found when
    # a line that is no node holds a body (has_lines walks every node: most documents need not know)
    unheld: tuple[bool, dict[int, int | None]] | None = None
    own = tuple(k for k, line in enumerate(lines) if line.__class__ is Line and line.role == "header")  # its cover
    chunks, first = BodyChunks(writer.body), None  # the paragraphs written out so far; the first still in the tree
    header = max(own, default=-1)  # (no paragraph up to the last header line is written out: dress styles them)
    section = writer.body[-1]  # the section properties, out of the body while paragraphs are added at its end
    writer.body.remove(section)  # (the template's body holds them alone: docx_template.new_word)
    end = len(lines) - 1
    for k, row in enumerate(lines):
        last = k == end
        if row.__class__ is not Line:  # a node without artefacts (plain_rows)
            node: Clause = row  # type: ignore[assignment]
            xml = plain_node(writer, node, _ROLES[node.kind], depths[k], last) if k > header else None
            if xml is not None:
                lines[k] = _WRITTEN
                if first is not None:
                    chunks.take(first)
                    first = None
                chunks.put(xml)
                continue
            # (among the header's, or a node with a move's runs: its line, as export_lines makes it)
            line = Line(tuple(node_pieces(node)), _ROLES[node.kind], node, None, depths[k])
        else:
            line = row
        orphan = None
        if line.node is None and any(pc.kind == "footnote-body" for pc in line.pieces):
            if unheld is None:
                lined = has_lines(doc)
                unheld = (lined, unheld_bodies(doc) if lined else {})
            lined, bodies = unheld
            if k in bodies or not lined:
                at = bodies.get(k)
                orphan = -1 if at is None else at
        # a plain line after the header lines is written as XML text among the paragraphs written out
        plain = plain_paragraph(writer, line, last) if k > header and orphan is None else None
        lines[k] = _WRITTEN  # (its pieces no longer held)
        if plain is not None:
            if first is not None:  # (the paragraphs of the tree before it written out first: their order kept)
                chunks.take(first)
                first = None
            chunks.put(plain)
            continue
        writer.paragraph(line, last=last, orphan=orphan)
        if k > header:  # (no later step reads these paragraphs again, but for the comments' ids)
            first = first if first is not None else writer.body[-1]
            if k % _CHUNK == 0:
                chunks.take(first)
                first = None
    writer.body.append(section)
    data = writer.finish(clean_attr(title) if title else None, cover=cover, header_lines=own)
    data = chunks.splice(data, writer.comment_shift)
    if path is None:
        return data
    Path(path).write_bytes(data)
    return Path(path)
