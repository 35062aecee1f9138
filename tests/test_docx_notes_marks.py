"""Notes whose mark is no number (``*``, ``a``, ``†``) through Word (issue 17).

The Akoma Ntoso reader names a note by its ``marker`` (``fn*``, its reference ``[footnoteRef:*]``), but ``to_docx``
matched numbered notes only: such a note was written as an empty footnote, its text lost; and the .docx reader read
a reference with a custom mark that is no number as note 0, the mark left in the clause's text.  Now ``to_docx``
writes the mark as Word does (``<w:footnoteReference w:customMarkFollows="1" w:id=…/><w:t>*</w:t>`` in one run;
in the note, the mark in the reference style instead of Word's ``w:footnoteRef``), and the reader reads the
reference's mark as the note's, so the note keeps its mark, place and text.

Doc 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``) through Akoma Ntoso, its note 1 (line 89,
recalling j) of B/67/4, "1 <TAB>These include …") marked ``*`` (its text shown as ``* <TAB>These include …``, as
Word shows a custom mark at the start of the note) and its note 3 (line 252, in the reasons of B/67/5, an address)
marked ``†``; note 2 (line 249) keeps its number, which Word gives as a custom mark too (Word numbers only the
notes without one: it would call it 1).  The hand-built file is what Word writes for a note marked ``*``.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx_build as B
import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice
from test_akn_note_ids import ref_places

import itu_nb
from itu_nb import NodeKind

#: (path, the note its reference names, the 30 characters of the node's text before the reference): lines 89, 249
#: and 252 of Doc 67, checked by eye, with the marks given here.
PLACES = [
    ("recalling/j", "fn*", "icularly for developing countries"[-30:]),
    ("reasons/p2", "fn2", "Information Society (WSIS) be observed"[-30:]),
    ("reasons/p4", "fn†", "may vary among Member States).” "[-30:]),
]
#: The notes' texts (label and body), as lines 89, 249 and 252 give them, note 1 showing its mark (notes 2 and 3 are
#: written ``[2:  https://…]``, two spaces: one after ``[2:``, then their text, which starts with a space).
TEXTS = [
    (
        "recalling/j/fn*",
        "* \tThese include the least developed countries, small island developing states, landlocked developing "
        "countries and countries with economies in transition.",
    ),
    ("reasons/p2/fn2", " https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en"),
    ("reasons/p4/fn†", " https://www.itu.int/md/T17-SG03-R-0011/en"),
]


def _texts(doc: itu_nb.Document) -> list[tuple[str, str]]:
    return [
        (n.path, "".join(r.text for r in n.label_runs + n.runs))
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


@pytest.fixture(scope="module")
def marked() -> itu_nb.Document:
    akn = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10").to_akn()
    akn = akn.replace('<authorialNote marker="1"', '<authorialNote marker="*"', 1)
    akn = akn.replace('<authorialNote marker="3"', '<authorialNote marker="†"', 1)
    akn = akn.replace("<p>1 \tThese include", "<p>* \tThese include", 1)
    doc = itu_nb.load(akn.encode(), format="akn")
    assert ref_places(doc) == PLACES and _texts(doc) == TEXTS  # what the tests below expect back
    return doc


def _parts(data: bytes) -> tuple[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode(), z.read("word/footnotes.xml").decode()


def test_to_docx_writes_each_mark_as_word_does(marked):
    body, notes = _parts(marked.to_docx())
    refs = re.findall(r'<w:footnoteReference w:id="(\d)" w:customMarkFollows="1"/><w:t>([^<]*)</w:t></w:r>', body)
    assert refs == [("1", "*"), ("2", "2"), ("3", "†")]
    # in the note: the mark in the reference style where Word's own mark (w:footnoteRef) would stand, then the text
    note = re.search(r'<w:footnote w:id="1">.*?</w:footnote>', notes).group(0)
    assert "footnoteRef" not in note
    assert re.search(
        r'<w:rStyle w:val="footnotereference"/></w:rPr><w:t xml:space="preserve">\*</w:t></w:r>'
        r'<w:r><w:t xml:space="preserve"> </w:t><w:tab/><w:t xml:space="preserve">These include the least',
        note,
    )
    assert "T17-SG03-R-0011/en" in re.search(r'<w:footnote w:id="3">.*?</w:footnote>', notes).group(0)


def test_word_gives_back_each_note_with_its_mark_place_and_text(marked):
    once = itu_nb.load(marked.to_docx())
    assert ref_places(once) == PLACES
    assert _texts(once) == TEXTS
    twice = itu_nb.load(once.to_docx())  # two hops
    assert ref_places(twice) == PLACES and _texts(twice) == TEXTS
    for view in ("original", "amended"):
        assert once.text(view) == twice.text(view) == marked.text(view)


def test_word_then_akoma_ntoso_then_word(marked):
    via = itu_nb.load(itu_nb.load(marked.to_docx()).to_akn().encode(), format="akn")
    assert 'developing countries<authorialNote marker="*"' in via.to_akn()
    back = itu_nb.load(via.to_docx())
    assert ref_places(via) == ref_places(back) == PLACES
    assert _texts(via) == _texts(back) == TEXTS


# -- a file as Word writes it ------------------------------------------------------------------------------------


def _custom_ref(wid: int, mark: str) -> str:
    """A reference with a custom mark, as Word writes it: the mark's text in the reference's run."""
    return (
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" '
        f'w:id="{wid}"/><w:t>{mark}</w:t></w:r>'
    )


def _custom_note(wid: int, mark: str, inner: str) -> str:
    """Its note, as Word writes it: the mark in the reference style (no ``w:footnoteRef``), then the text."""
    return (
        f'<w:footnote w:id="{wid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>{mark}</w:t></w:r>'
        f"{B.run(' ')}{inner}</w:p></w:footnote>"
    )


#: *resolves 1* with a note marked "*", and a comment inside the note made in Word (around "Resolution 71").
_WORD = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + _custom_ref(2, "*") + B.run(".")),
    footnotes=B.SEPARATORS
    + _custom_note(
        2,
        "*",
        B.run("See ")
        + '<w:commentRangeStart w:id="5"/>'
        + B.run("Resolution 71")
        + '<w:commentRangeEnd w:id="5"/>'
        + B.comment_ref(5)
        + B.run("."),
    ),
    comments=B.comment(5, B.run("which revision?"), author="CEPT"),
)


def _comments(doc: itu_nb.Document) -> list[tuple[str, str, str | None, int | None]]:
    return [
        (n.path, a.text, a.author, a.offset) for p in doc for n in p.walk() for a in n.artefacts if a.kind == "comment"
    ]


_READ = {
    "akn": lambda d: itu_nb.load(itu_nb.to_akn(d).encode(), format="akn"),
    "docx": lambda d: itu_nb.load(itu_nb.to_docx(d), format="docx"),
}


def test_the_reader_reads_a_word_note_marked_with_a_star():
    # f6c1056: the note was fn0 and the "*" stayed in the clause's text ("1\tto act*.")
    doc = itu_nb.load(_WORD, format="docx")
    clause = doc[0]["resolves/1"]
    assert clause.text() == "1\tto act."
    assert [a.text for a in clause.artefacts if a.kind == "footnote-ref"] == ["[footnoteRef:*]"]
    assert _texts(doc) == [("resolves/1/fn*", "* See Resolution 71.")]
    # the comment made inside the note, at its reference in the note's text: after "* See Resolution 71" (19)
    assert _comments(doc) == [("resolves/1/fn*", "which revision?", "CEPT", 19)]


@pytest.mark.parametrize(("first", "second"), [(a, b) for a in _READ for b in _READ])
def test_the_star_note_and_its_comment_keep_their_place_one_and_two_hops(first, second):
    doc = itu_nb.load(_WORD, format="docx")
    once = _READ[first](doc)
    assert _texts(once) == _texts(doc) and _comments(once) == _comments(doc), first
    again = _READ[second](once)
    assert _texts(again) == _texts(doc) and _comments(again) == _comments(doc), (first, second)
    assert ref_places(again) == ref_places(doc)


def test_a_custom_mark_with_a_space_is_no_notes_mark():
    # "(a) b": white space in it, no note's name (as an Akoma Ntoso marker): the note is numbered 0, the mark text
    data = B.package(
        B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + _custom_ref(2, "a b") + B.run(".")),
        footnotes=B.SEPARATORS + _custom_note(2, "a b", B.run("See.")),
    )
    doc = itu_nb.load(data, format="docx")
    assert [p for _, p, _ in ref_places(doc)] == ["fn0"]
    assert doc[0]["resolves/1"].text() == "1\tto acta b."


@needs_soffice
def test_libreoffice_shows_each_mark(marked, tmp_path):
    path = tmp_path / "marked.docx"
    path.write_bytes(marked.to_docx())
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    assert re.findall(r'<text:note-citation text:label="([^"]*)">', fodt) == ["*", "2", "†"]
    notes = [re.sub(r"<[^>]+>", "", n) for n in re.findall(r"<text:note-body>(.*?)</text:note-body>", fodt, re.S)]
    assert "These include the least developed countries" in notes[0] and "T17-SG03-R-0011/en" in notes[2]


@needs_pandoc
def test_pandoc_reads_each_note_and_no_stray_mark(marked, tmp_path):
    path = tmp_path / "marked.docx"
    path.write_bytes(marked.to_docx())
    out = subprocess.run(
        ["pandoc", "-t", "markdown", "--wrap=none", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "particularly for developing countries[^1], and cooperation between them" in out
    assert "[^1]: ^\\*^ These include the least developed countries" in out
    assert "[^3]: https://www.itu.int/md/T17-SG03-R-0011/en" in out


def test_a_comment_inside_the_star_note_of_doc67_keeps_its_place(marked):
    # CEPT's comment after "…least developed countries" in note 1 (as tests/test_notes_comments.py puts it on Doc 67):
    # "* \t" and 43 characters, offset 46, through Word one and two hops and Word → Akoma Ntoso → Word
    akn = marked.to_akn().replace(
        "These include the least developed countries,",
        'These include the least developed countries<remark class="comment" itu_nb:author="CEPT" '
        'itu_nb:date="2018-10-02">which list?</remark>,',
        1,
    )
    doc = itu_nb.load(akn.encode(), format="akn")
    want = [("recalling/j/fn*", "which list?", "CEPT", 46)]
    assert _comments(doc) == want
    once = _READ["docx"](doc)
    assert _comments(once) == want and _texts(once) == TEXTS
    assert _comments(_READ["docx"](once)) == want
    assert _comments(_READ["docx"](_READ["akn"](once))) == want


def test_a_deleted_star_note_and_an_inserted_endnote_marked_a_keep_their_kind_op_and_mark():
    # recalling j) of Doc 67 (line 89) with a note "*" deleted and an endnote "a" inserted, as an AKN source marks them
    akn = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        "<preamble><recitals><intro><p><i>recalling</i></p></intro><recital><num>j)</num><p>particularly for "
        'developing countries<del><authorialNote marker="*" placement="bottom"><p>* Gone.</p></authorialNote></del>, '
        'and <ins>more<authorialNote marker="a" placement="bottom" class="endnote"><p>a An endnote.</p>'
        "</authorialNote></ins> between them;</p></recital></recitals></preamble></statement></akomaNtoso>"
    )
    doc = itu_nb.load(akn.encode(), format="akn")
    body, _ = _parts(data := doc.to_docx())
    assert '<w:footnoteReference w:id="1" w:customMarkFollows="1"/><w:delText>*</w:delText></w:r></w:del>' in body
    assert '<w:endnoteReference w:id="1" w:customMarkFollows="1"/><w:t>a</w:t></w:r></w:ins>' in body
    back = itu_nb.load(data)
    refs = [(a.text, a.op.name) for a in back[0]["recalling/j"].artefacts if a.kind == "footnote-ref"]
    assert refs == [("[footnoteRef:*]", "DELETE"), ("[endnoteRef:a]", "INSERT")]
    assert _texts(back) == [("recalling/j/fn*", "* Gone."), ("recalling/j/ena", "a An endnote.")]
    for view in ("original", "amended"):
        assert back.text(view) == doc.text(view)
