"""A highlight inside a note is a highlight of the note, through every loader and exporter (issue 17, session 10).

CriticMarkup writes it as ``[1: See {==71==}]`` in its host's line; Word as highlighted runs (``w:highlight``)
inside the footnote; Akoma Ntoso as ``<inline name="highlight">`` inside the ``authorialNote``; HTML as
``<mark>`` in the note's paragraph.  Each is read as a ``highlight`` artefact of the FOOTNOTE node, its
``offset`` and ``length`` counted in the note's text (label and body), never as text of the clause holding the
note (before, CriticMarkup read the whole note as clause text, and the .docx reader dropped the highlight).
A comment right after such a highlight (``{==71==}{>>c<<}``) is a comment of the FOOTNOTE node at its place in
the note's text, as every comment made inside a note (``tests/test_notes_comments.py``).
Expected values are read off the sources written here.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx_build as B
import pytest
from bounds import bounded
from conftest import fodt_backgrounds, libreoffice_fodt, needs_pandoc, needs_soffice
from lxml import etree
from test_notes_changes import _source

import itu_nb
from itu_nb import NodeKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _notes(doc: itu_nb.Document) -> list[tuple]:
    """Every FOOTNOTE node: (path, its text in both views, its highlights as (offset, length, op, the text lit))."""
    out = []
    for n in (n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE):
        text = "".join(r.text for r in n.label_runs + n.runs)
        lit = [
            (a.offset, a.length, a.op.name, text[a.offset : a.offset + a.length])
            for a in n.artefacts
            if a.kind == "highlight"
        ]
        out.append((n.path, text, lit))
    return out


def _comments(doc: itu_nb.Document) -> list[tuple]:
    return [
        (n.path, a.text, a.author, a.date, a.offset)
        for p in doc
        for n in p.walk()
        for a in n.artefacts
        if a.kind == "comment"
    ]


#: (CriticMarkup inside the note, its FOOTNOTE node as _notes gives it): each read off the note's text
CASES = [
    ("See {==71==}", ("considering/a/fn1", "See 71", [(4, 2, "EQUAL", "71")])),
    # Word's number before the text: the label "1 " counts in the offset
    ("1 See {==Resolution 71==}.", ("considering/a/fn1", "1 See Resolution 71.", [(6, 13, "EQUAL", "Resolution 71")])),
    # two highlights, one at the start of the note
    (
        "{==See==} Resolution {==71==}",
        ("considering/a/fn1", "See Resolution 71", [(0, 3, "EQUAL", "See"), (15, 2, "EQUAL", "71")]),
    ),
    # over a change inside the note: one highlight over both views' text ("7", deleted "1", inserted "2")
    ("See {==7{--1--}{++2++}==} ok", ("considering/a/fn1", "See 712 ok", [(4, 3, "EQUAL", "712")])),
    # made inside a change, in its mark: with its op (session 20)
    ("See {++{==Resolution ==}++}71", ("considering/a/fn1", "See Resolution 71", [(4, 11, "INSERT", "Resolution ")])),
    # around one change's text alone: made around it (before session 20, read with the change's op)
    ("See {=={++Resolution ++}==}71", ("considering/a/fn1", "See Resolution 71", [(4, 11, "EQUAL", "Resolution ")])),
]
IDS = ["plain", "label", "two", "over-change", "in-insertion", "around-insertion"]


@pytest.mark.parametrize(("inner", "want"), CASES, ids=IDS)
def test_criticmarkup_reads_a_highlight_inside_a_note_as_a_highlight_of_the_note(inner, want):
    doc = itu_nb.load(_source(inner), author="Brazil", date="2018-09-10")
    assert _notes(doc) == [want]
    host = doc[0]["considering/a"]
    assert host.text() == "a)\tthat telecommunications matter;"  # the note is no text of its host
    assert not [a for a in host.artefacts if a.kind in ("highlight", "footnote-highlight")]


@pytest.mark.parametrize(("inner", "want"), CASES, ids=IDS)
def test_criticmarkup_writes_the_highlight_back_inside_the_note(inner, want):
    source = _source(inner)
    doc = itu_nb.load(source, author="Brazil", date="2018-09-10")
    # each change's author and date written after it (issue 17)
    signed = re.sub(r"(\+\+\}|--\})", lambda m: m.group(1) + "{>>@Brazil (2018-09-10)<<}", source)
    assert itu_nb.to_criticmarkup(doc) == signed


def test_a_comment_after_a_highlight_inside_a_note_stands_there_in_the_note():
    doc = itu_nb.load(_source("See {==71==}{>>@CEPT (2018-09-11): which revision?<<}"))
    assert _notes(doc) == [("considering/a/fn1", "See 71", [(4, 2, "EQUAL", "71")])]
    # after "See 71", the note's 6 characters: a comment of the note (before session 16, of its host after the note)
    assert _comments(doc) == [("considering/a/fn1", "which revision?", "CEPT", "2018-09-11", 6)]
    text = itu_nb.to_criticmarkup(doc)
    assert "[1: See {==71==}{>>@CEPT (2018-09-11): which revision?<<}];" in text
    back = itu_nb.load(text)
    assert (_notes(back), _comments(back)) == (_notes(doc), _comments(doc))


def _footnote(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    (note,) = [n for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    return note


def test_word_writes_the_highlight_inside_the_footnote_and_reads_it_back():
    doc = itu_nb.load(_source("See {==Resolution 71==}."))
    note = _footnote(itu_nb.to_docx(doc))
    got = [
        ("".join(r.itertext()), r.find(f"{W}rPr/{W}highlight") is not None)
        for r in note.iter(f"{W}r")
        if "".join(r.itertext())
    ]
    assert got == [("See ", False), ("Resolution 71", True), (".", False)]
    back = itu_nb.load(itu_nb.to_docx(doc), format="docx")
    assert _notes(back) == [("considering/a/fn1", "See Resolution 71.", [(4, 13, "EQUAL", "Resolution 71")])]


def _lit(text: str) -> str:
    """A run highlighted as Word writes it."""
    return f'<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">{B.esc(text)}</w:t></w:r>'


#: Word's own footnote 2 of *resolves 1*: "See Resolution 71." with "Resolution 71" highlighted in yellow; a second
#: paragraph "Rev. Dubai, 2018." with "Dubai" highlighted
_WORD = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(
        2,
        B.run("See ")
        + _lit("Resolution 71")
        + B.run(".")
        + "</w:p><w:p>"
        + B.run("Rev. ")
        + _lit("Dubai")
        + B.run(", 2018."),
    ),
)


def test_the_docx_reader_keeps_the_highlights_of_a_word_footnote():
    doc = itu_nb.load(_WORD, format="docx")
    # B.footnote writes Word's mark (w:footnoteRef) and a space: the note's text starts "1 ", its label
    assert _notes(doc) == [
        (
            "resolves/1/fn1",
            "1 See Resolution 71.\nRev. Dubai, 2018.",
            [(6, 13, "EQUAL", "Resolution 71"), (26, 5, "EQUAL", "Dubai")],
        )
    ]
    assert doc[0]["resolves/1"].text() == "1\tto act."


def test_a_highlight_in_a_word_note_with_a_change_inside_is_kept():
    data = B.package(
        B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
        footnotes=B.SEPARATORS
        + B.footnote(
            2, B.run("See ") + _lit("Resolution") + B.run(" ") + B.dele(B.deleted_run("71")) + B.ins(B.run("72"))
        ),
    )
    doc = itu_nb.load(data, format="docx")
    (note,) = doc[0]["resolves/1"].footnotes
    assert (note.body("original"), note.body("amended")) == ("See Resolution 71", "See Resolution 72")
    assert _notes(doc)[0][2] == [(6, 10, "EQUAL", "Resolution")]


def test_akoma_ntoso_keeps_the_highlight_inside_the_note_both_ways():
    doc = itu_nb.load(_source("See {==Resolution 71==}."))
    xml = itu_nb.to_akn(doc)
    assert (
        '<authorialNote marker="1" placement="bottom" eId="cmp_1__authorialNote_1"><p>See <inline name="highlight">Resolution 71</inline>.</p>'
        "</authorialNote>"
    ) in xml
    back = itu_nb.load(xml)
    assert _notes(back) == _notes(doc)
    # and on from Akoma Ntoso (whose notes stand in no artefact of their host) to CriticMarkup and Word
    text = itu_nb.to_criticmarkup(back)
    assert "[footnoteRef:1][1: See {==Resolution 71==}.]" in text
    assert _notes(itu_nb.load(text)) == _notes(doc)
    assert _notes(itu_nb.load(itu_nb.to_docx(back))) == _notes(doc)


def test_akoma_ntoso_keeps_highlights_in_each_paragraph_of_a_word_note():
    doc = itu_nb.load(_WORD, format="docx")
    xml = itu_nb.to_akn(doc)
    assert '<p>Rev. <inline name="highlight">Dubai</inline>, 2018.</p>' in xml
    assert _notes(itu_nb.load(xml)) == _notes(doc)


def test_html_shows_the_highlight_inside_the_note():
    html = itu_nb.to_html(itu_nb.load(_source("See {==Resolution 71==}.")))
    start = html.index('<p class="node footnote"')
    assert html[start : html.index("</p>", start)].endswith(">See <mark>Resolution 71</mark>.")


_WRITERS = {
    "critic": lambda d: itu_nb.load(itu_nb.to_criticmarkup(d), format="criticmarkup"),
    "docx": lambda d: itu_nb.load(itu_nb.to_docx(d), format="docx"),
    "akn": lambda d: itu_nb.load(itu_nb.to_akn(d), format="akn"),
}
_HOPS = [(a, b) for a in _WRITERS for b in _WRITERS]


@pytest.mark.parametrize(("first", "second"), _HOPS, ids=[f"{a}-{b}" for a, b in _HOPS])
@pytest.mark.parametrize("source", ["critic", "word"])
def test_the_highlights_of_a_note_survive_one_and_two_hops(source, first, second):
    # a highlight made inside a change inside the note (Word cannot hold one made around a change's text alone:
    # tests/test_highlight_inside_change.py), two side by side and one of nothing: tests/test_highlights_hops.py
    if source == "critic":
        doc = itu_nb.load(_source("{==See==} Resolution {++{==71 and ==}++}72"), author="Brazil", date="2018-09-10")
    else:
        doc = itu_nb.load(_WORD, format="docx")
    want = _notes(doc)
    assert want and want[0][2]
    once = _WRITERS[first](doc)
    assert _notes(once) == want, first
    assert _notes(_WRITERS[second](once)) == want, (first, second)


@needs_pandoc
def test_pandoc_reads_the_note_of_the_written_file_whole(tmp_path):
    # pandoc 2.17 drops Word's highlighting but keeps the text: the highlighted runs are the note's text, in place
    path = tmp_path / "lit.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_source("See {==Resolution 71==}."))))
    out = subprocess.run(["pandoc", "-t", "plain", str(path)], capture_output=True, text=True, check=True).stdout
    assert "[1]" in out and "[1] See Resolution 71." in out


@needs_soffice
def test_libreoffice_shows_the_highlight_inside_the_footnote(tmp_path):
    path = tmp_path / "lit.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_source("See {==Resolution 71==}."))))
    fodt = libreoffice_fodt(path, tmp_path)
    root = etree.parse(str(fodt)).getroot()
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    backgrounds = fodt_backgrounds(root)
    (note,) = root.iter(f"{text}note")
    body = note.find(f"{text}note-body")
    lit = [
        "".join(span.itertext()) for span in body.iter(f"{text}span") if span.get(f"{text}style-name") in backgrounds
    ]
    assert lit == ["Resolution 71"]
    assert "".join(body.itertext()).strip().endswith("See Resolution 71.")


def test_a_note_of_fifty_thousand_highlights_loads_in_bounded_time():
    # each highlight's place in the note was found by summing the note's text so far: quadratic (20,000 took 15 s)
    r = bounded(
        """
        import itu_nb
        text = "MOD\\tX/1/1\\n\\nresolves\\n1\\tto act[footnoteRef:1][1: See" + " {==a==}" * 50_000 + "].\\n"
        (note,) = itu_nb.load(text)[0]["resolves/1"].footnotes
        lit = [a for a in note.artefacts if a.kind == "highlight"]
        print(len(lit), lit[-1].offset, lit[-1].length, len(note.body()))
        """,
        label="a note of 50,000 highlights (CriticMarkup)",
    )
    assert r.ok and r.within(), str(r)
    # "See" and 50,000 times " a": the last "a" is the note's last character
    assert r.stdout.split() == ["50000", str(3 + 2 * 50_000 - 1), "1", str(3 + 2 * 50_000)]


@pytest.mark.parametrize("where", ["note", "clause"])
def test_ten_thousand_highlights_are_written_and_read_back_in_bounded_time(where):
    # Akoma Ntoso and HTML asked every highlight for every piece of text, and the AKN reader summed the block's
    # text so far at each highlight (35 s and 33 s for 20,000, in a clause as in a note); Word moved each note
    # into footnotes.xml at the end (4.8 s for a note of 20,000 runs)
    body = '"[footnoteRef:1][1: See" + " {==a==}" * 10_000 + "]"' if where == "note" else '" {==a==}" * 10_000'
    r = bounded(
        f"""
        import itu_nb
        doc = itu_nb.load("MOD\\tX/1/1\\n\\nresolves\\n1\\tto act" + {body} + ".\\n")
        node = doc[0]["resolves/1"]
        node = node.footnotes[0] if node.footnotes else node
        html = itu_nb.to_html(doc)
        out = [html.count("<mark>")]
        for writer in (itu_nb.to_akn, itu_nb.to_docx):
            back = itu_nb.load(writer(doc))[0]["resolves/1"]
            back = back.footnotes[0] if back.footnotes else back
            out.append(sum(a.kind == "highlight" for a in back.artefacts))
        print(*out)
        """,
        label=f"10,000 highlights in a {where}: HTML, AKN and Word written and read back",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == ["10000"] * 3
