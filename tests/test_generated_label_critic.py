"""A Word list number that moves with a tracked paragraph mark keeps the mark's author (issue 17, session-22 audit).

In the generated ``gen176.docx`` (the session-19 inputs), "recalling further" is an unnumbered paragraph whose
mark Reviewer inserted; the next paragraph is numbered ``a)`` by Word.  In the original view the two are one
paragraph, numbered ``a)``: the loader gives "recalling further" the label ``a)`` deleted and its neighbour ``a)``
inserted, each a change of Reviewer's (:func:`itu_nb.loaders.docx_lines._label_runs` credits a relettering to the
mark that caused it).  "recalling further" is no item, so its ``a)`` is no clause label: the loader moves it out of
the text into a ``list-label`` artefact (``docx_annotate._unlabel``), and dropped the run's author and date there.
The CriticMarkup writer then wrote ``{--a)\\t--}`` with no author, which reads back as a deletion nobody made.
"""

from __future__ import annotations

import docx_build as B

import itu_nb
from itu_nb import Op
from itu_nb.loaders.docx import load_docx

DATE = "2018-09-10T00:00:00Z"  # docx_build's date of every change


def _merged_into_a_list() -> bytes:
    """The shape of gen176.docx, reduced: "recalling further" (its mark inserted by Reviewer), then two paragraphs
    Word numbers a) and b) (lower letters, "%1)")."""
    body = B.HEAD + B.para(B.run("recalling"), "") + B.para(B.run("Resolution 34 (Rev. Dubai, 2018),"))
    body += B.para(B.run("recalling further "), B.mark("ins", "Reviewer"))
    body += B.para(B.run("the purposes of the Union as enshrined in Article 1 of the ITU Constitution;"), B.numpr())
    body += B.para(B.run("Resolution 57 (Rev. Hyderabad, 2010) of the WTDC,"), B.numpr())
    body += B.para(B.run("resolves")) + B.para(B.run("to act."))
    return B.package(body, numbering=B.numbering("lowerLetter", "%1)"))


def _node(doc: itu_nb.Document, path: str) -> itu_nb.Clause:
    return next(c for c in doc[0].walk() if c.path == path)


def test_the_generated_number_moved_by_an_inserted_mark_keeps_its_author():
    doc = load_docx(_merged_into_a_list(), "merged.docx")
    head = _node(doc, "recalling further")
    assert head.label_runs == () and head.body() == "recalling further "
    assert [(a.kind, a.text, a.op, a.author, a.date) for a in head.artefacts] == [
        ("list-label", "a)\t", Op.DELETE, "Reviewer", DATE),  # the original's a), before "recalling further"
        ("paragraph-mark", "", Op.INSERT, "Reviewer", DATE),
    ]
    item = _node(doc, "recalling further/a")  # its a) inserted by the same change
    assert [(r.op, r.text, r.author) for r in item.label_runs] == [(Op.INSERT, "a)\t", "Reviewer")]


def test_criticmarkup_writes_it_with_its_author_and_reads_back_no_authorless_change():
    doc = load_docx(_merged_into_a_list(), "merged.docx")
    text = itu_nb.to_criticmarkup(doc)
    lines = text.splitlines()
    k = next(i for i, line in enumerate(lines) if "recalling further" in line)
    assert lines[k : k + 2] == [
        f"{{--a)\t--}}{{>>@Reviewer ({DATE})<<}}recalling further {{++++}}{{>>@Reviewer ({DATE})<<}}",
        f"{{++a)\t++}}{{>>@Reviewer ({DATE})<<}}the purposes of the Union as enshrined in Article 1 of the ITU "
        "Constitution;",
    ]
    back = itu_nb.load(text, format="criticmarkup")
    assert [n.path for n in back[0].walk()] == [n.path for n in doc[0].walk()]
    changes = [(r.op, r.text, r.author, r.date) for n in back[0].walk() for r in (*n.label_runs, *n.runs) if r.op]
    assert changes == [(Op.DELETE, "a)\t", "Reviewer", DATE), (Op.INSERT, "a)\t", "Reviewer", DATE)]


def _numbered_by_brazil(fmt: str, text: str, reasons: bool) -> bytes:
    """A paragraph whose Word numbering Brazil added as a tracked change (``w:ins`` in ``w:numPr``): "to act;"
    in resolves, or "It is shorter." in Reasons."""
    body = B.HEAD + B.para(B.run("resolves"))
    if reasons:
        body += B.para(B.run("to act;")) + B.para(B.run("Reasons:\tThe text is updated."))
        body += B.para(B.run("It is shorter."), B.numpr(1, inserted_by="Brazil"))
    else:
        body += B.para(B.run("to act;"), B.numpr(1, inserted_by="Brazil"))
    return B.package(body, numbering=B.numbering(fmt, text))


def test_a_number_added_as_a_change_that_is_no_label_keeps_its_author():
    # "1)" is no label the parser reads (docx_lines._line makes it a list-label); "1." in Reasons would be one,
    # but Reasons are never labelled (docx_annotate._unlabel moves it out of the text)
    for fmt, text, reasons, path, label, body in (
        ("decimal", "%1)", False, "resolves/p1", "1)\t", "to act;"),
        ("decimal", "%1.", True, "reasons/p1", "1.\t", "It is shorter."),
    ):
        doc = load_docx(_numbered_by_brazil(fmt, text, reasons), "numbered.docx")
        node = _node(doc, path)
        assert node.body() == body
        assert [(a.kind, a.text, a.op, a.author, a.date) for a in node.artefacts] == [
            ("list-label", label, Op.INSERT, "Brazil", DATE)
        ]
        # written {++1)\t++} with no author before: read back, an insertion nobody made
        assert itu_nb.to_criticmarkup(doc).splitlines()[-1] == f"{{++{label}++}}{{>>@Brazil ({DATE})<<}}{body}"
