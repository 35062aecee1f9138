"""The .docx loader: Word proposals as published, tracked changes included.

Stages (each in its own module, each stating what it guarantees):

1. :mod:`~itu_nb.loaders.docx_package` opens the zip with bounded reads and parses
   its XML parts with a hardened lxml parser (no DTD, no entities, no network);
2. :mod:`~itu_nb.loaders.docx_read` turns every Word paragraph into runs carrying
   their op, author and date, with notes, comments and bookmarks as artefacts;
3. :mod:`~itu_nb.loaders.docx_numbering` computes the labels Word generates for
   numbered paragraphs, separately in the original and the amended view;
4. :mod:`~itu_nb.loaders.docx_lines` makes each paragraph a source line (joined runs, placed artefacts,
   generated labels, a tracked mark), and :func:`itu_nb.parsing.tree.build_document` builds the same
   proposals, sections, labels and footnotes as the text loaders, one source line per Word paragraph;
5. :mod:`~itu_nb.loaders.docx_annotate` puts the lines' notes on their clauses, and keeps the tracked
   marks of empty paragraphs; :mod:`~itu_nb.loaders.docx_meta` reads the properties, page headers and
   footers, and the clause keys itu_nb's writer stores.

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

import dataclasses

from itu_nb.errors import LoadError
from itu_nb.loaders.controls import restore
from itu_nb.loaders.docx_annotate import END, annotate_all, empty_marks
from itu_nb.loaders.docx_lines import source_lines
from itu_nb.loaders.docx_meta import SUBMITTER, page_texts, read_metadata, stored_controls, stored_keys
from itu_nb.loaders.docx_numbering import Numbering, roman, view_labels
from itu_nb.loaders.docx_package import W, open_package
from itu_nb.loaders.docx_para import Para, Piece, view_paragraphs
from itu_nb.loaders.docx_read import read_paragraphs
from itu_nb.loaders.gcpause import no_cycle_collection
from itu_nb.loaders.registry import register
from itu_nb.model import Artefact, Document, Op
from itu_nb.parsing.document import build_document

__all__ = ["load_docx", "page_texts", "paragraph_views", "read_docx_paragraphs"]


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
    metadata = read_metadata(pkg)
    metadata.update(page_texts(pkg))
    keys = stored_keys(pkg)
    pictured = stored_controls(pkg)
    del pkg  # the parsed parts (libxml2's memory, several times the file) are not needed past here
    empty: dict[int, tuple[Op, str | None, str | None]] = {}
    lines, notes, labelled = source_lines(paras, numbering, empty, consume=True)
    del paras, numbering  # nor the paragraphs, while the tree is built (peak memory)
    doc = build_document(lines, source=source, fmt="docx", consume=True)  # each line let go once read
    del lines
    metadata.update(doc.metadata)
    for art in doc.artefacts:
        m = SUBMITTER.match(art.text) if art.kind == "header" else None
        if m and "submitter" not in metadata:
            metadata["submitter"] = m.group("v").strip()
    wanted = sorted(notes.keys() | labelled.keys())  # the lines whose clause changes; most documents: none
    proposals = tuple(
        (
            dataclasses.replace(p, clauses=clauses)
            if wanted and (clauses := annotate_all(p.clauses, notes, labelled, wanted, END)) is not p.clauses
            else p
        ).with_keys(keys.get(p.id))
        for p in doc.proposals
    )
    doc = dataclasses.replace(doc, metadata=metadata, proposals=proposals, artefacts=empty_marks(doc, empty))
    return restore(doc, pictured)  # (the control characters written as their pictures, when any)


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
