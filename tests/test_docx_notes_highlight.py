"""A highlight of the body going on through the reference of a comment put back into a note before it.

``to_docx`` anchors a comment made inside a note at the note's reference and names its place in the note with a
hidden bookmark (``_itu_nb_cmt_<w:id>``, ``tests/test_notes_comments.py``); the .docx reader reads the comment at
its reference in the body and puts it into the note's text, before what followed the note
(``NoteReader._put_in_note``).  Here the analyst typed highlighted words after the note's reference, before the
comment's reference, and highlighted on past it: one highlight, as the reader gives highlighted runs of one colour
with what takes no characters between them (``docx_read``'s module docstring).  Before session 20 the highlight
was cut after the comment's reference (its artefact's index, kept while the comment was read, was not moved on):
the words after it lost their highlight and the comment took their length.

Resolution 71's *considering a)* with footnote 1 (``tests/test_notes_comments.py``'s ``NOTED``: A's comment
"check" after "See "), built part by part as Word writes a note (its mark "1 " first) and as ``to_docx`` writes the
comment; expected values read off the parts written here.
"""

from __future__ import annotations

import docx_build as B
from test_notes_comments import _comments

import itu_nb

#: footnote 1 as Word writes a note, with the bookmark to_docx writes at the comment's place in its text
NOTE = B.footnote(
    1,
    B.run("See ")
    + '<w:bookmarkStart w:id="7" w:name="_itu_nb_cmt_2"/><w:bookmarkEnd w:id="7"/>'
    + B.run("Resolution 71"),
)


def _lit(text: str) -> str:
    return f'<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _load(between: str) -> itu_nb.Document:
    """*considering a)* with the note's reference, highlighted words, ``between``, more highlighted words."""
    clause = B.run("a)\tthat telecommunications matter") + B.footnote_ref(1) + _lit(" in every") + between
    clause += _lit(" country") + B.run(";")
    data = B.package(
        B.para(B.run("MOD\tX/1/1"))
        + B.para(B.run("considering"))
        + B.para(clause)
        + B.para(B.run("b)\tthat they grow.")),
        footnotes=B.SEPARATORS + NOTE,
        comments=B.comment(2, B.run("check"), author="A").replace("2018-09-11", "2019-04-01"),
    )
    return itu_nb.load(data, format="docx")


def _highlights(doc: itu_nb.Document) -> list[tuple[str, str, int]]:
    """Every highlight of a node: (path, the characters it covers, its length)."""
    out = []
    for p in doc:
        for n in p.walk():
            text = "".join(r.text for r in n.label_runs + n.runs)
            for a in n.artefacts:
                if a.kind == "highlight":
                    at = a.offset or 0
                    out.append((n.path, text[at : at + a.length], a.length))
    return out


def test_the_highlight_goes_on_past_the_reference_of_a_comment_put_back_into_the_note():
    doc = _load(B.comment_ref(2))
    assert _highlights(doc) == [("considering/a", " in every country", 17)]
    # the comment at its place in the note: after "1 See " (Word's mark, then the note's text), no length
    assert _comments(doc) == [("considering/a/fn1", "check", "A", "2019-04-01", 6, "EQUAL", "1 See ", "Resolu")]
    assert [a.length for n in doc[0].walk() for a in n.artefacts if a.kind == "comment"] == [0]
    written = doc.to_criticmarkup()
    assert (
        "matter[footnoteRef:1][1: 1 See {>>@A (2019-04-01T00:00:00Z): check<<}Resolution 71]{== in every country==};"
        in written
    )


def test_as_without_the_comment():
    assert _highlights(_load("")) == [("considering/a", " in every country", 17)]
