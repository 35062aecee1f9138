"""The .docx loader: Word proposals as published, tracked changes included.

Stages (each in its own module, each stating what it guarantees):

1. :mod:`~itu_nb.loaders.docx_package` opens the zip with bounded reads and parses
   its XML parts with a hardened lxml parser (no DTD, no entities, no network);
2. :mod:`~itu_nb.loaders.docx_read` turns every Word paragraph into runs carrying
   their op, author and date, with notes, comments and bookmarks as artefacts;
3. :mod:`~itu_nb.loaders.docx_numbering` computes the labels Word generates for
   numbered paragraphs, separately in the original and the amended view;
4. :func:`itu_nb.parsing.tree.build_document` builds the same proposals, sections,
   labels and footnotes as the text loaders, one source line per Word paragraph.

How paragraph-mark changes are represented
------------------------------------------
The model is one node per paragraph, so every Word paragraph stays one line and one
node, in both views.  A paragraph whose mark is deleted (two paragraphs merged by the
amendment) or inserted (one paragraph split) carries an empty ``paragraph-mark``
artefact with the mark's op at the end of its text, and a note saying so.  Reading a
view, such a paragraph runs on into the next one: :func:`paragraph_views` gives the
paragraphs exactly as Word (or ``pandoc --track-changes=accept/reject``) shows them.
A whole paragraph inserted or deleted with its mark is simply a node absent from the
other view, as with the text loaders.

Generated numbering becomes label runs before the tree stage: ``a)`` + TAB, the TAB
being the separator that makes it a label (Word's ``w:suff`` only decides the
spacing on the page).  A label that differs between the views is a DELETE of the old
and an INSERT of the new characters (``c``→``b`` then an equal ``)``), like a typed
relettering in CriticMarkup.  A generated number the tree stage would not read as a
label (``1)``, ``Article 5``, any number in Reasons) never becomes clause text: it is a
``list-label`` artefact at the start of the paragraph, with a note.  The tracked mark of
an empty paragraph (no clause) is kept as a ``paragraph-mark`` artefact of the document,
with the change's author and date (as is every ``paragraph-mark``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from itu_nb.errors import LoadError
from itu_nb.loaders.docx_numbering import Numbering, roman, view_labels
from itu_nb.loaders.docx_package import W, open_package
from itu_nb.loaders.docx_para import Para, Piece, view_paragraphs
from itu_nb.loaders.docx_read import Reader, read_paragraphs
from itu_nb.loaders.gcpause import no_cycle_collection
from itu_nb.loaders.registry import register
from itu_nb.model import VIEWS, Artefact, Clause, Document, NodeKind, Op, Run
from itu_nb.parsing.document import SourceLine, build_document
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.labels import LABEL_REACH, label_split
from itu_nb.parsing.markup import IN_NOTE

__all__ = ["load_docx", "page_texts", "paragraph_views", "read_docx_paragraphs"]

_CORE = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}language": "language",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "modified_by",
}
#: Custom document properties of the ITU templates (unverified names; matched case-insensitively).
_CUSTOM = {
    "docnum": "document",
    "docdate": "date",
    "docorlang": "original_language",
    "docauthor": "submitter",
    "docconf": "conference",
    "docconference": "conference",
}
_SUBMITTER = re.compile(
    r"^\s*(?P<v>[A-Z][\w .'’-]{1,60}\((?:[\w'’-]+ )*(?:of|of the)\b[^()]*\)"
    r"|[A-Z][\w ,'’-]{1,80}\b(?:Administrations|Member States|Group))\s*$"
)


@register("docx")
def load_docx(data: bytes, source: str) -> Document:
    """A Word proposal (.docx) with its tracked changes, comments, notes and numbering.

    Examples
    --------
    A Word file with Brazil's changes tracked (written here from the CriticMarkup version):

    >>> brazil = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> itu_nb.to_docx(brazil, "brazil.docx")
    PosixPath('brazil.docx')
    >>> doc = itu_nb.load("brazil.docx")
    >>> [(r.op.name, r.text, r.author) for r in doc["B/67/4"]["heading"].runs if r.op.name != "EQUAL"]
    [('DELETE', 'Busan, 2014', 'Brazil'), ('INSERT', 'Dubai, 2018', 'Brazil')]
    """
    with no_cycle_collection():
        return _load(data, source)


def _load(data: bytes, source: str) -> Document:
    pkg = open_package(data, source)
    paras = read_paragraphs(pkg)
    if not any(p.text(None).strip() for p in paras):
        raise LoadError(source, "the document has no text")
    numbering = _numbering(pkg)
    metadata = _metadata(pkg)
    metadata.update(page_texts(pkg))
    keys = _stored_keys(pkg)
    del pkg  # the parsed parts (libxml2's memory, several times the file) are not needed past here
    empty: dict[int, tuple[Op, str | None, str | None]] = {}
    lines, notes, labelled = _lines(paras, numbering, empty, consume=True)
    del paras, numbering  # nor the paragraphs, while the tree is built (peak memory)
    doc = build_document(lines, source=source, fmt="docx", consume=True)  # each line let go once read
    del lines
    metadata.update(doc.metadata)
    for art in doc.artefacts:
        m = _SUBMITTER.match(art.text) if art.kind == "header" else None
        if m and "submitter" not in metadata:
            metadata["submitter"] = m.group("v").strip()
    wanted = sorted(notes.keys() | labelled.keys())  # the lines whose clause changes; most documents: none
    proposals = tuple(
        (
            dataclasses.replace(p, clauses=clauses)
            if wanted and (clauses := _annotate_all(p.clauses, notes, labelled, wanted, _END)) is not p.clauses
            else p
        ).with_keys(keys.get(p.id))
        for p in doc.proposals
    )
    return dataclasses.replace(doc, metadata=metadata, proposals=proposals, artefacts=_empty_marks(doc, empty))


def _stored_keys(pkg) -> dict[str, list]:
    """The clause keys itu_nb's writer stores in the custom property ``itu_nb keys``:
    ``{proposal id: [key, …]}`` (empty when absent or unreadable: the paths then serve).
    """
    import json

    custom = pkg.xml("docProps/custom.xml")
    for prop in custom if custom is not None else ():
        if prop.get("name") == "itu_nb keys":
            try:
                got = json.loads("".join(prop.itertext()))
            except ValueError:
                return {}
            if isinstance(got, dict):
                return {str(k): v for k, v in got.items() if isinstance(v, list)}  # Proposal.with_keys checks them
    return {}


def read_docx_paragraphs(data: bytes, source: str = "<bytes>") -> list[Para]:
    """The Word paragraphs of a .docx as :class:`~itu_nb.loaders.docx_para.Para`, unnumbered.

    Their pieces are runs as read (:data:`~itu_nb.loaders.docx_para.Piece` tuples: op, text,
    author, date, move) and :class:`~itu_nb.model.Artefact`; :func:`~itu_nb.loaders.docx_para.merge_runs`
    joins them into :class:`~itu_nb.model.Run`.
    """
    return read_paragraphs(open_package(data, source))


def paragraph_views(
    data: bytes, view: str, source: str = "<bytes>", *, labels: bool = True, note_marks: bool = False
) -> list[str]:
    """The paragraphs of a .docx as they read in ``view``: marks resolved, labels generated, notes left out.

    With ``labels=False`` the labels Word generates are left out too; with
    ``note_marks=True`` each footnote or endnote reference shows its number, as on the page.

    This is what ``pandoc --track-changes=accept`` (amended) or ``reject`` (original)
    reports for the same file, paragraph for paragraph.
    """
    pkg = open_package(data, source)
    paras = read_paragraphs(pkg)
    numbering = _numbering(pkg)
    generated = view_labels(paras, numbering, view) if labels and numbering.numbers_any(paras) else {}
    shown = []
    for i, p in enumerate(paras):
        pieces: list[Piece | Artefact] = [(Op.EQUAL, generated[i] + "\t", None, None, None)] if i in generated else []
        for piece in p.pieces:
            if isinstance(piece, Artefact) and note_marks and piece.kind == "footnote-ref":
                number = piece.text.rpartition(":")[2].rstrip("]")
                if piece.text.startswith("[endnoteRef:") and number.isdigit():
                    number = roman(int(number))  # Word's default numbering for endnotes
                pieces.append((piece.op, number, None, None, None))
            else:
                pieces.append(piece)
        shown.append(dataclasses.replace(p, pieces=pieces))
    return view_paragraphs(shown, view)


def _numbering(pkg) -> Numbering:
    """The package's numbering, with the numbering its paragraph styles give.

    styles.xml (often the largest part after the document) is parsed only when it can number
    a paragraph: when numbering.xml defines a list (``w:num``) and a style has a ``w:numPr``.
    """
    root = pkg.xml(pkg.related("numbering", "word/numbering.xml"))
    if root is None or next(root.iter(f"{{{W}}}num"), None) is None:
        return Numbering(root, None)
    return Numbering(root, pkg.xml(pkg.related("styles", "word/styles.xml"), needs="numPr"))


# ----------------------------------------------------------------------------
def _lines(
    paras: list[Para],
    numbering: Numbering,
    empty: dict[int, tuple[Op, str | None, str | None]] | None = None,
    *,
    consume: bool = False,
) -> tuple[list[SourceLine | str], dict[int, list[str]], dict[int, int]]:
    """Stage-2 lines, the notes of each line, and the length of the generated label left in each line's runs.

    One pass over the paragraphs; ``empty`` (when given) gets the mark's op, author and date of every
    paragraph without text whose mark is tracked (see :func:`_empty_marks`), found in the same pass.  With ``consume=True``
    each paragraph is let go (``paras[i]`` becomes None) once its line is made, so that the paragraphs
    and the lines are never both whole (the memory peak of a large document): for a caller that has
    no further use for them.
    """
    capped: dict[int, list[str]] = {}
    numbered = numbering.numbers_any(paras)
    labels = {view: view_labels(paras, numbering, view, capped) if numbered else {} for view in VIEWS}
    lines: list[SourceLine | str] = []
    notes: dict[int, list[str]] = {}
    labelled: dict[int, int] = {}
    originals, amendeds = labels["original"], labels["amended"]
    equal, usual, append = Op.EQUAL, _usual, lines.append
    held: list = paras
    prev: Para | None = None
    for i in range(len(paras)):
        para = paras[i]
        if consume:
            held[i] = None
        if para.mark is equal:
            if not para.notes and (not numbered or i not in originals and i not in amendeds and i not in capped):
                # the usual paragraph: its runs, nothing added; most often one unchanged run, a plain line
                pieces = para.pieces
                if len(pieces) == 1:
                    piece = pieces[0]
                    if (
                        piece.__class__ is tuple
                        and piece[0] is equal
                        and piece[2] is None
                        and piece[3] is None
                        and piece[4] is None
                    ):
                        append(piece[1])  # a plain line as its text, its number its index (build_document)
                        prev = para
                        continue
                append(usual(pieces, i))
                prev = para
                continue
        elif empty is not None and not para.text(None).strip():
            empty[i] = (para.mark, para.mark_author, para.mark_date)
        lines.append(_line(para, prev, i, originals.get(i), amendeds.get(i), capped, notes, labelled))
        prev = para
    return lines, notes, labelled


def _line(
    para: Para,
    prev: Para | None,
    i: int,
    old: str | None,
    new: str | None,
    capped: dict[int, list[str]],
    notes: dict[int, list[str]],
    labelled: dict[int, int],
) -> SourceLine:
    """The line of paragraph ``i`` (``para``, after ``prev``) with what it carries beyond its runs: its
    generated label ``old`` (original view) and ``new`` (amended), its notes, its tracked paragraph mark.
    """
    pieces: list[Piece | Artefact] = []
    if old is not None or new is not None:
        # a relettering caused by a neighbour's change is credited to that change
        cause = para if para.change[0] else prev if prev is not None and prev.mark is not Op.EQUAL else para
        pieces = list(_label_runs(old, new, cause))
    extra = list(para.notes) + capped.get(i, [])
    if pieces:
        extra.append("label generated by Word list numbering")
        if _readable(old, para, "original") and _readable(new, para, "amended"):
            labelled[i] = sum(len(r[1]) for r in pieces if isinstance(r, tuple))
        else:
            pieces = [Artefact("list-label", r[1], i, None, r[0]) for r in pieces if isinstance(r, tuple)]
            extra.append(f"Word list number {new or old!r} is no clause label; kept beside the text, not in it")
    pieces += para.pieces
    if para.mark is not Op.EQUAL:
        mark = Artefact("paragraph-mark", "", i, None, para.mark, para.mark_author, para.mark_date, move=para.mark_move)
        pieces.append(mark)  # (a moved mark: its move's, as Word's empty paragraph moved with the text around it)
        who = f"by {para.mark_author or 'unknown'} ({para.mark_date or 'no date'})"
        if para.mark is Op.DELETE:
            extra.append(f"paragraph mark deleted {who}: runs on into the next paragraph in the amended view")
        else:
            extra.append(f"paragraph mark inserted {who}: runs on into the next paragraph in the original view")
    runs, arts = _place(pieces, i)
    if extra:
        notes[i] = list(dict.fromkeys(extra))
    return _source_line(i, runs, arts)


def _source_line(i: int, runs: list[Run], arts: list[Artefact]) -> SourceLine:
    """The line ``i`` of ``runs`` and ``arts``; :meth:`SourceLine.headed` when the tree stage may read it as a plain
    line: no artefact, two runs or more, the first an equal run without author, date or move that puts a
    non-whitespace character past :data:`~itu_nb.parsing.labels.LABEL_REACH` (the label, if any, is in it alone).

    Most paragraphs with a tracked change are such lines (the change comes after the first words); the
    tree stage then takes them on its item fast path, as it does the CriticMarkup reader's (the same tree).
    """
    if not arts and len(runs) > 1:
        first = runs[0]
        if (
            first.op is _EQUAL
            and len(first.text) > LABEL_REACH
            and first.author is None
            and first.date is None
            and first.move is None
            and not first.inferred
            and not first.text[LABEL_REACH:].isspace()
        ):
            return SourceLine.headed(i, runs)
    return SourceLine(i, runs, arts)


def _usual(pieces: list[Piece | Artefact], i: int) -> SourceLine:
    """The line of a paragraph read as it is; unchanged runs without a move and no artefact are a plain line.

    Most paragraphs of a document are such runs (Word splits a paragraph's text into runs where
    its formatting or revision ids change, pandoc writes one): they join into one unchanged run,
    and the tree stage reads such a line as a string (:meth:`SourceLine.plain`), as it does the
    text loaders' lines, without the :class:`~itu_nb.model.Run` objects it would otherwise make
    and peel (the same tree).
    """
    equal = Op.EQUAL
    for piece in pieces:
        if (
            piece.__class__ is not tuple
            or piece[0] is not equal
            or piece[2] is not None
            or piece[3] is not None
            or piece[4] is not None
        ):
            return _source_line(i, *_place(pieces, i))
    if len(pieces) == 1:
        return SourceLine.plain(i, pieces[0][1])  # type: ignore[index]
    return SourceLine.plain(i, "".join([p[1] for p in pieces])) if pieces else SourceLine(i, [], [])  # type: ignore[index]


def _readable(label: str | None, para: Para, view: str) -> bool:
    """Whether the parser reads ``label`` + TAB at the start of the paragraph's text in ``view`` as a label."""
    if label is None:
        return True
    return label_split(label + "\t" + para.text(view)[:40]) > len(label)


def _label_runs(old: str | None, new: str | None, para: Para) -> list[Piece]:
    """The label runs for a paragraph labelled ``old`` (original view) and ``new`` (amended).

    A changed label is credited to the first change of ``para`` (author and date).
    """
    author, date = para.change
    if old is None:
        return [] if new is None else [(Op.INSERT, new + "\t", author, date, None)]
    if new is None:
        return [(Op.DELETE, old + "\t", author, date, None)]
    if old == new:
        return [(Op.EQUAL, old + "\t", None, None, None)]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    runs: list[Piece] = [
        (Op.EQUAL, old[:head], None, None, None),
        (Op.DELETE, old[head : len(old) - tail], author, date, None),
        (Op.INSERT, new[head : len(new) - tail], author, date, None),
        (Op.EQUAL, old[len(old) - tail :] + "\t", None, None, None),
    ]
    return [r for r in runs if r[1]]


#: The fields :func:`_place` passes to :class:`Artefact` in order (the constructor costs a fifth of
#: ``dataclasses.replace``: a note referenced 40,000 times places 40,000 references); checked here.
_ARTEFACT_FIELDS = ("kind", "text", "line", "offset", "op", "author", "date", "length", "anchor", "inserted", "move")
if tuple(f.name for f in dataclasses.fields(Artefact)) != _ARTEFACT_FIELDS:
    raise ImportError("itu_nb.loaders.docx: Artefact's fields changed; update _place, which passes each of them")


def _place(pieces: list[Piece | Artefact], line: int) -> tuple[list[Run], list[Artefact]]:
    """Split pieces into joined runs and artefacts placed at their offset in the runs' text.

    Runs with the same op, author, date and move join across artefacts (a move's runs never with the mover's other
    changes of the same date, which are no part of the move);
    each joined run is made a :class:`~itu_nb.model.Run` once, its text built once (linear in the pieces).
    """
    if len(pieces) == 1 and isinstance(pieces[0], tuple):  # one run, nothing to join or place
        op, text, author, date, move = pieces[0]
        return ([make_run(op, text, author, date, False, move)] if text else []), []
    runs: list[Run] = []
    arts: list[Artefact] = []
    pos = 0
    first: Piece | None = None  # the first piece of the run being joined
    texts: list[str] = []  # the texts joined into it
    for piece in pieces:
        if not isinstance(piece, tuple):
            # keeps every other field; a highlight inside a note keeps its offset in the note (docx_read)
            at = piece.offset if piece.kind in IN_NOTE else pos
            arts.append(
                Artefact(
                    piece.kind,
                    piece.text,
                    line,
                    at,
                    piece.op,
                    piece.author,
                    piece.date,
                    piece.length,
                    piece.anchor,
                    piece.inserted,
                    piece.move,
                )
            )
            continue
        text = piece[1]
        if not text:
            continue
        pos += len(text)
        if (
            first is not None
            and piece[0] is first[0]
            and piece[2] == first[2]
            and piece[3] == first[3]
            and piece[4] == first[4]  # (a move's runs and the mover's other change of the date: two runs)
        ):
            texts.append(text)
            continue
        if first is not None:
            runs.append(
                make_run(first[0], texts[0] if len(texts) == 1 else "".join(texts), first[2], first[3], False, first[4])
            )
        first, texts = piece, [text]
    if first is not None:
        runs.append(
            make_run(first[0], texts[0] if len(texts) == 1 else "".join(texts), first[2], first[3], False, first[4])
        )
    return runs, arts


_EQUAL = Op.EQUAL

#: The end of the last lines' span: past any line.
_END = float("inf")


def _annotate_all(
    clauses: tuple[Clause, ...],
    notes: dict[int, list[str]],
    labelled: dict[int, int],
    wanted: list[int],
    end: float,
) -> tuple[Clause, ...]:
    """The sibling ``clauses`` annotated (:func:`_annotate`); the same tuple where nothing changes.

    ``wanted`` are the lines with notes or a generated label, sorted; ``end`` bounds the lines of the
    siblings' subtrees.  The tree is in document order, so a clause and its descendants come from the
    lines between its own and its next sibling's: a clause whose span holds no wanted line is kept
    without visiting its subtree (a document with a few notes is not walked whole).
    """
    bounds: list[float] = [end] * len(clauses)
    nxt = end
    for k in range(len(clauses) - 1, -1, -1):
        bounds[k] = nxt
        line = clauses[k].line
        if line is not None:
            nxt = line
    out: list[Clause] | None = None
    for k, clause in enumerate(clauses):
        start = clause.line if clause.line is not None else -1  # no line: its descendants may be anywhere before
        at = bisect.bisect_left(wanted, start)
        if at == len(wanted) or wanted[at] >= bounds[k]:
            continue
        annotated = _annotate(clause, notes, labelled, wanted, bounds[k])
        if annotated is not clause:
            if out is None:
                out = list(clauses)
            out[k] = annotated
    return clauses if out is None else tuple(out)


def _annotate(
    clause: Clause, notes: dict[int, list[str]], labelled: dict[int, int], wanted: list[int], end: float
) -> Clause:
    """The clause with the notes of its line (and its descendants'), a Word list number the
    parser did not read as a label moved out of its text; the same object where nothing changes.
    """
    kids = clause.children
    children = _annotate_all(kids, notes, labelled, wanted, end) if kids else kids
    line = clause.line
    extra: tuple[str, ...] = ()
    if line is not None and clause.kind is not NodeKind.FOOTNOTE:
        if line in notes:
            extra = tuple(notes[line])
        if line in labelled and not clause.label_runs:
            clause = _unlabel(clause, labelled[line])
    if not extra and children is clause.children:
        return clause
    return dataclasses.replace(clause, children=children, notes=clause.notes + extra)


def _unlabel(clause: Clause, size: int) -> Clause:
    """The clause with the first ``size`` characters of its runs moved to ``list-label`` artefacts.

    They are a Word list number the parser did not read as a label (as in Reasons): out of the text.
    """
    label: list[Artefact] = []
    runs: list[Run] = []
    pos = 0
    for r in clause.runs:
        cut = max(0, min(len(r.text), size - pos))
        if cut:
            label.append(Artefact("list-label", r.text[:cut], clause.line or 0, 0, r.op))
        if cut < len(r.text):
            runs.append(r.with_text(r.text[cut:]) if cut else r)
        pos += len(r.text)
    arts = tuple(
        dataclasses.replace(a, offset=max(0, (a.offset or 0) - size)) if a.offset is not None else a
        for a in clause.artefacts
    )
    note = "the Word list number is no clause label here; kept beside the text, not in it"
    return dataclasses.replace(clause, runs=tuple(runs), artefacts=tuple(label) + arts, notes=(*clause.notes, note))


def _empty_marks(doc: Document, empty: dict[int, tuple[Op, str | None, str | None]]) -> tuple[Artefact, ...]:
    """The document's artefacts, with the tracked mark of every empty paragraph kept as a ``paragraph-mark``.

    ``empty`` gives the mark's op, author and date of each empty paragraph whose mark is tracked, by line.  An
    empty paragraph is no clause: the tree stage keeps it as a document artefact, where the
    mark's op would otherwise be lost (an inserted or deleted empty paragraph).
    """
    if not empty:
        return doc.artefacts
    out: list[Artefact] = []
    for art in doc.artefacts:
        if art.line in empty and art.kind != "paragraph-mark" and not art.text:
            continue  # the placeholder of an empty line: the mark replaces it
        out.append(art)
    have = {a.line for a in out if a.kind == "paragraph-mark"}
    out += [Artefact("paragraph-mark", "", i, None, *empty[i]) for i in sorted(empty.keys() - have)]
    return tuple(sorted(out, key=lambda a: a.line))


def page_texts(pkg) -> dict[str, str]:
    """What the page headers and footers say, and a note on a glossary part: metadata, not clause text.

    - ``page_header`` / ``page_footer``: the text of every header (footer) part of the document, in
      the amended view, its distinct paragraphs one a line in the order of the parts (a page number
      is the result Word last wrote in its field).  Their text boxes and watermarks are read as
      paragraphs of the body already (:func:`~itu_nb.loaders.docx_read.read_paragraphs`); page
      furniture (``- 2 -``, ``PP18/67-E``) is no text of a proposal, so it is kept here, not in the tree;
    - ``glossary``: a note that the glossary document (``word/glossary/document.xml``: the building
      blocks of Quick Parts and AutoText that a template carries) was not read, and how many blocks
      it holds: Word does not show them in the document.
    """
    out: dict[str, str] = {}
    for kind in ("header", "footer"):
        texts: list[str] = []
        for name in pkg.related_all(kind):
            root = pkg.xml(name)
            if root is not None:
                paras = [p for p in Reader(pkg).blocks(root) if not p.box]
                texts += [t.strip() for t in view_paragraphs(paras, "amended") if t.strip()]
        if texts:
            out[f"page_{kind}"] = "\n".join(dict.fromkeys(texts))
    glossary = pkg.related("glossaryDocument", "word/glossary/document.xml")
    if glossary is not None:
        root = pkg.xml(glossary)
        blocks = 0 if root is None else sum(1 for _ in root.iter(f"{{{W}}}docPart"))
        out["glossary"] = (
            f"{glossary}: {blocks} building block{'s' if blocks != 1 else ''} (Quick Parts, AutoText) not read; "
            "Word does not show them as the document's text"
        )
    return out


def _metadata(pkg) -> dict:
    metadata: dict = {}
    core = pkg.xml("docProps/core.xml")
    if core is not None:
        for el in core:
            key = _CORE.get(el.tag)
            if key and (el.text or "").strip():
                metadata[key] = el.text.strip()
    custom = pkg.xml("docProps/custom.xml")
    if custom is not None:
        for prop in custom:
            key = _CUSTOM.get((prop.get("name") or "").lower())
            value = "".join(prop.itertext()).strip()
            if key and value:
                metadata[key] = value
    return metadata
