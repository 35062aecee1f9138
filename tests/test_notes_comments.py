"""A comment inside a note's text is a comment of the note, at its place there, through every loader and exporter
(issue 17; before session 16 every reader put it on the clause holding the note, after the note).

As a highlight inside a note (``tests/test_notes_highlights.py``): a ``comment`` artefact of the FOOTNOTE node, its
``offset`` counted in the note's text (label and body), with its author and date.  CriticMarkup writes it inside the
note, ``[1: See {>>@A (2019-04-01): check<<}Resolution 71]``; Akoma Ntoso as a ``<remark>`` inside the
``authorialNote``; HTML in the note's paragraph; Word as Word itself cannot: LibreOffice 7.4 refuses a .docx with a
comment inside a footnote (checked here on a file built as Word writes it), so ``to_docx`` anchors the comment in
the body around the note's reference, as before, and puts a hidden bookmark naming it (``_itu_nb_cmt_<w:id>``) at
its place in the note, where the .docx reader puts it back.  A Word comment made inside a footnote (its range and
reference in ``word/footnotes.xml``) is read at its place in the note.  Expected values are read off the sources
written here and Doc 67 (``examples/data/pp18-doc67-brazil.reconstructed.critic.md``, line 89).
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx
import docx_build as B
import pytest
from bounds import bounded
from conftest import libreoffice_fodt, needs_pandoc, needs_soffice
from lxml import html as lxml_html
from test_export_keeps_marks import with_note_comments
from test_notes_changes import _source

import itu_nb
from itu_nb import NodeKind

#: A comment by A inside footnote 1 of *considering a)*, after "See ".
NOTED = _source("See {>>@A (2019-04-01): check<<}Resolution 71")


def _comments(doc: itu_nb.Document) -> list[tuple]:
    """Every comment of a node: (path, text, author, day, offset, op), and the 6 characters of the node's text
    before and after it."""
    out = []
    for p in doc:
        for n in p.walk():
            text = "".join(r.text for r in n.label_runs + n.runs)
            for a in n.artefacts:
                if a.kind == "comment":
                    at = a.offset or 0
                    day = a.date.removesuffix("T00:00:00Z") if a.date else a.date
                    out.append((n.path, a.text, a.author, day, at, a.op.name, text[max(at - 6, 0) : at], text[at:][:6]))
    return out


#: What NOTED holds: the note's comment after "See " (its 4th character), of no change.
WANT = [("considering/a/fn1", "check", "A", "2019-04-01", 4, "EQUAL", "See ", "Resolu")]

_READ = {
    "critic": lambda d: itu_nb.load(itu_nb.to_criticmarkup(d), format="criticmarkup"),
    "akn": lambda d: itu_nb.load(itu_nb.to_akn(d), format="akn"),
    "docx": lambda d: itu_nb.load(itu_nb.to_docx(d), format="docx"),
}
_HOPS = [(a, b) for a in _READ for b in _READ]


def test_criticmarkup_reads_a_comment_inside_a_note_as_the_notes_and_writes_it_back_there():
    doc = itu_nb.load(NOTED)
    assert _comments(doc) == WANT
    host = doc[0]["considering/a"]
    assert host.text() == "a)\tthat telecommunications matter;" and [f.body() for f in host.footnotes] == [
        "See Resolution 71"
    ]
    assert itu_nb.to_criticmarkup(doc) == NOTED  # byte for byte


def test_a_comment_made_in_a_change_inside_a_note_keeps_its_op_and_place():
    # "72" inserted by Brazil with CEPT's comment after it: offsets count both views ("See " 4, "71" 2, "72" 2)
    src = _source("See {--71--}{++72{>>@CEPT (2018-09-11): newer<<}++}")
    doc = itu_nb.load(src, author="Brazil", date="2018-09-10")
    assert [c[:6] for c in _comments(doc)] == [("considering/a/fn1", "newer", "CEPT", "2018-09-11", 8, "INSERT")]
    for fmt in _READ:
        assert [c[:6] for c in _comments(_READ[fmt](doc))] == [c[:6] for c in _comments(doc)], fmt


@pytest.mark.parametrize(("first", "second"), _HOPS, ids=[f"{a}-{b}" for a, b in _HOPS])
def test_the_comment_keeps_its_place_one_and_two_hops(first, second):
    once = _READ[first](itu_nb.load(NOTED))
    assert _comments(once) == WANT, first
    assert _comments(_READ[second](once)) == WANT, (first, second)


def test_akoma_ntoso_writes_a_remark_inside_the_note():
    xml = itu_nb.to_akn(itu_nb.load(NOTED))
    assert (
        '<authorialNote marker="1" placement="bottom" eId="cmp_1__authorialNote_1"><p>See <remark class="comment" itu_nb:author="A" '
        'itu_nb:date="2019-04-01">check</remark>Resolution 71</p></authorialNote>'
    ) in xml


def test_html_shows_the_comment_at_its_place_in_the_note_escaped():
    doc = itu_nb.load(NOTED.replace("check", "<b>check</b> & see"))
    raw = itu_nb.to_html(doc)
    assert "<b>check" not in raw
    (note,) = lxml_html.fromstring(raw).find_class("footnote")
    (comment,) = note.find_class("comment")
    assert (note.text, comment.text_content(), comment.tail) == (
        "See ",
        "[comment by A, 2019-04-01: <b>check</b> & see]",
        "Resolution 71",
    )
    assert (comment.get("data-author"), comment.get("data-date")) == ("A", "2019-04-01")


def test_a_comment_in_a_note_body_no_clause_holds_keeps_its_place():
    # a body on a line of its own with no reference before it: document artefacts, the comment a footnote-comment
    # whose offset counts from the body's "[" ("[4: " 4 and "4 A note refer" 14 characters)
    src = _source("x") + "[4: 4 A note refer{>>@Bob (2020-01-02): hm<<}ences.]\n"
    doc = itu_nb.load(src)
    got = [
        (a.kind, a.text, a.author, a.offset) for a in doc.artefacts if a.kind in ("footnote-body", "footnote-comment")
    ]
    assert got == [("footnote-body", "[4: 4 A note references.]", None, None), ("footnote-comment", "hm", "Bob", 18)]
    assert itu_nb.to_criticmarkup(doc) == src
    for fmt in _READ:
        back = _READ[fmt](doc)
        assert [(a.kind, a.text, a.offset) for a in back.artefacts if a.kind == "footnote-comment"] == [
            ("footnote-comment", "hm", 18)
        ], fmt
    page = itu_nb.to_html(doc)
    assert '[4: 4 A note refer<span class="comment" role="note" data-author="Bob"' in page


def test_doc67_comments_inside_its_notes_keep_their_places():
    # line 89: note 1 ("1 \tThese include the least developed countries, …"), whose body stands after its
    # reference and ", and cooperation between them;  ": the comment after "countries" (3 + 43 characters); line
    # 249: note 2 ("[2:  https://…", two spaces: one after "[2:", then the note's text, which starts with a space),
    # the comment before the address, after that space (1)
    doc = itu_nb.load(with_note_comments(), author="Brazil", date="2018-09-10")
    want = [
        ("recalling/j/fn1", "which list?", "CEPT", "2018-10-02", 46, "EQUAL", "ntries", ", smal"),
        ("reasons/p2/fn2", "a link", "APT", "2018-10-03", 1, "EQUAL", " ", "https:"),
    ]
    assert _comments(doc) == want
    for first, second in _HOPS:
        once = _READ[first](doc)
        assert _comments(once) == want, first
        assert _comments(_READ[second](once)) == want, (first, second)


# -- Word ----------------------------------------------------------------------------------------------------

#: Footnote 2 of *resolves 1* as Word writes a comment made in it: the range around "Resolution 71" and the
#: comment's reference run inside the footnote (word/footnotes.xml), its text in word/comments.xml.
_WORD = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(
        2,
        B.run("See ")
        + '<w:commentRangeStart w:id="5"/>'
        + B.run("Resolution 71")
        + '<w:commentRangeEnd w:id="5"/>'
        + B.comment_ref(5)
        + B.run("."),
    ),
    comments=B.comment(5, B.run("which revision?"), author="CEPT"),
)
#: The note's text "1 See Resolution 71." (Word's mark, a space); the comment at its reference, after "71" (19).
WORD_WANT = [("resolves/1/fn1", "which revision?", "CEPT", "2018-09-11", 19, "EQUAL", "ion 71", ".")]


def test_the_docx_reader_reads_a_word_comment_inside_a_footnote_at_its_place():
    doc = itu_nb.load(_WORD, format="docx")
    assert _comments(doc) == WORD_WANT
    assert doc[0]["resolves/1"].text() == "1\tto act."
    for first, second in _HOPS:
        once = _READ[first](doc)
        assert _comments(once) == WORD_WANT, first
        assert _comments(_READ[second](once)) == WORD_WANT, (first, second)


def _pandoc(path, data: bytes) -> str:
    """``data`` written at ``path`` and read by pandoc as Markdown, every change and comment shown."""
    path.write_bytes(data)
    args = ["pandoc", "--track-changes=all", "-t", "markdown", "--wrap=none", str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_python_docx_reads_the_hand_built_file():
    word = docx.Document(io.BytesIO(_WORD))
    assert [(c.comment_id, c.author, c.text) for c in word.comments] == [(5, "CEPT", "which revision?")]


@needs_pandoc
def test_pandoc_reads_the_comment_inside_the_note_of_the_hand_built_file(tmp_path):
    out = _pandoc(tmp_path / "word.docx", _WORD)
    assert '[^1]: See [which revision?]{.comment-start id="5" author="CEPT"' in out
    assert 'Resolution 71[]{.comment-end id="5"}.' in out


@needs_soffice
def test_libreoffice_refuses_the_comment_inside_the_footnote_and_opens_what_to_docx_writes(tmp_path):
    # the reason to_docx keeps a note's comments out of the note: LibreOffice 7.4.7 cannot load the file Word
    # writes (checked here, so that a LibreOffice that can is noticed); it opens what to_docx writes of it
    refused = tmp_path / "word.docx"
    refused.write_bytes(_WORD)
    res = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "fodt"]
        + ["--outdir", str(tmp_path / "refused"), str(refused)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "could not be loaded" in res.stderr and not (tmp_path / "refused" / "word.fodt").exists()
    written = tmp_path / "written.docx"
    written.write_bytes(itu_nb.to_docx(itu_nb.load(_WORD, format="docx")))
    fodt = libreoffice_fodt(written, tmp_path).read_text(encoding="utf-8")
    assert "which revision?" in fodt and "See Resolution 71." in re.sub(r"<[^>]+>", "", fodt)


def test_to_docx_anchors_the_comment_at_the_reference_and_names_it_in_the_note():
    data = itu_nb.to_docx(itu_nb.load(NOTED))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body, notes = (z.read(f"word/{name}.xml").decode() for name in ("document", "footnotes"))
    # one note (w:id 1): the comment's w:id is 2, past it; its range around the note's reference
    assert re.search(
        r'<w:commentRangeStart w:id="2"/><w:r>(?:(?!</w:r>).)*<w:footnoteReference w:id="1"/></w:r>'
        r'<w:commentRangeEnd w:id="2"/><w:r>(?:(?!</w:r>).)*<w:commentReference w:id="2"/>',
        body,
    )
    assert "comment" not in notes
    assert re.search(r'See </w:t></w:r><w:bookmarkStart w:id="\d+" w:name="_itu_nb_cmt_2"/>', notes)
    word = docx.Document(io.BytesIO(data))
    assert [(c.author, c.text) for c in word.comments] == [("A", "check")]


@needs_pandoc
def test_pandoc_shows_the_comment_of_the_written_file_at_the_notes_reference(tmp_path):
    out = _pandoc(tmp_path / "noted.docx", itu_nb.to_docx(itu_nb.load(NOTED)))
    assert 'that telecommunications matter[check]{.comment-start id="2" author="A"' in out
    assert "[^1]: See Resolution 71" in out


def test_a_comment_of_a_note_of_two_texts_goes_with_its_text():
    # footnote 2 replaced whole by Brazil (its deleted and inserted texts, fn1 and fn1#2); CEPT's comment made
    # in the inserted text, after "See Resolution 7" (Word's mark "1 " first: 18)
    data = B.package(
        B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
        footnotes=B.SEPARATORS
        + B.footnote(
            2,
            B.dele(B.deleted_run("See Resolution 71."))
            + B.ins(B.run("See Resolution 7") + B.comment_ref(5) + B.run("2.")),
        ),
        comments=B.comment(5, B.run("newer"), author="CEPT"),
    )
    doc = itu_nb.load(data, format="docx")
    assert [n.path for n in doc[0].walk() if n.kind is NodeKind.FOOTNOTE] == ["resolves/1/fn1", "resolves/1/fn1#2"]
    want = [("resolves/1/fn1#2", "newer", "CEPT", "2018-09-11", 18, "INSERT", "tion 7", "2.")]
    assert _comments(doc) == want
    for fmt in _READ:
        assert _comments(_READ[fmt](doc)) == want, fmt


def test_five_thousand_comments_in_a_note_are_written_and_read_back_in_bounded_time():
    # each comment a bookmark in the note and a comment around the reference (Word), a remark in the note (AKN), a
    # span in the note's paragraph (HTML); the .docx reader puts each after the last one put after the note's body
    r = bounded(
        """
        import itu_nb
        comments = "".join(f" a{{>>@A (2019-04-01): c{i}<<}}" for i in range(5_000))
        doc = itu_nb.load("MOD\\tX/1/1\\n\\nresolves\\n1\\tto act[footnoteRef:1][1: See" + comments + "].\\n")
        out = [itu_nb.to_html(doc).count('class="comment"')]
        for writer in (itu_nb.to_akn, itu_nb.to_docx):
            (note,) = itu_nb.load(writer(doc))[0]["resolves/1"].footnotes
            last = [a for a in note.artefacts if a.kind == "comment"][-1]
            out += [sum(a.kind == "comment" for a in note.artefacts), last.text, last.offset]
        print(*out)
        """,
        label="5,000 comments in a note: HTML, AKN and Word written and read back",
    )
    assert r.ok and r.within(), str(r)
    # "See" and 5,000 times " a": the last comment after the note's last character
    assert r.stdout.split() == ["5000", *["5000", "c4999", str(3 + 2 * 5_000)] * 2]


def test_a_comment_in_the_second_paragraph_of_a_note_is_written_there_once():
    # U+2029, CriticMarkup's paragraph break in a note: "P1", break, "P2 " (6 characters), the comment; Akoma Ntoso
    # wrote it at the end of the first paragraph as well (a second comment read back)
    doc = itu_nb.load(_source("P1\u2029P2 {>>@A (2019-04-01): c<<}R"))
    want = [("considering/a/fn1", "c", "A", "2019-04-01", 6, "EQUAL", "P1\nP2 ", "R")]
    assert _comments(doc) == want
    xml = itu_nb.to_akn(doc)
    assert '<p>P1</p><p>P2 <remark class="comment" itu_nb:author="A" itu_nb:date="2019-04-01">c</remark>R</p>' in xml
    for first, second in _HOPS:
        assert _comments(_READ[second](_READ[first](doc))) == want, (first, second)


@pytest.mark.parametrize(("first", "second"), _HOPS)
def test_a_comment_before_a_notes_number_stays_before_it(first, second):
    # Doc 67's note 1 (line 89: "[1: 1 <TAB>These include…]") with a comment before its shown number "1": through
    # Word it came back after the number (offset 1), the writer putting its bookmark after Word's footnoteRef mark
    text = with_note_comments().replace("[1: 1 \tThese", "[1: {>>@CEPT (2018-10-02): whose list?<<}1 \tThese", 1)
    doc = itu_nb.load(text, author="Brazil", date="2018-09-10")
    want = [c for c in _comments(doc) if c[0] == "recalling/j/fn1"]
    assert want[0] == ("recalling/j/fn1", "whose list?", "CEPT", "2018-10-02", 0, "EQUAL", "", "1 \tThe")
    once = _READ[first](doc)
    assert [c for c in _comments(once) if c[0] == "recalling/j/fn1"] == want, first
    assert [c for c in _comments(_READ[second](once)) if c[0] == "recalling/j/fn1"] == want, (first, second)
