"""Highlights and white space through Word and Akoma Ntoso, one and two hops (issue 17, session 11).

What each format counts as one highlight, so that every writer's output reads back as the highlights written:

- CriticMarkup: one ``{==…==}``; changes and comments stand inside it; ``{====}`` is a highlight of no characters.
- Word: highlighted runs (``w:highlight``) of one colour, through tracked-change boundaries and through a comment's
  range marks and reference run or a note's reference standing among them.  A change of colour starts a new
  highlight, so ``to_docx`` writes a highlight that starts where another ends (nothing but comments or notes
  between) in the other colour (yellow, then green); a highlight of no characters is a highlighted run holding an
  empty ``w:t``.
- Akoma Ntoso: one ``<inline name="highlight">`` element, whatever changes (``ins``/``del``) and comments
  (``remark``) stand inside it; two elements side by side are two highlights; an empty element is a highlight of
  no characters.  A highlight made inside a change (over that change's text alone) is ``<ins><inline>…``.
- White space at the edges of a clause's text is text: ``to_akn`` marks such a block ``xml:space="preserve"``,
  and the AKN loader keeps it there (elsewhere it is the layout of pretty-printing, dropped as before).

Each case below is a CriticMarkup line whose artefacts were read off it by eye (offsets count the label ``a)<TAB>``,
3 characters, and ``that ``, 5 more: the first character after "that " is at 8).
"""

from __future__ import annotations

import io
import subprocess
import zipfile

import docx_build as B
import pytest
from conftest import (
    CRITIC,
    FINAL_ACTS,
    FIXTURES,
    FLATTENED,
    fodt_backgrounds,
    libreoffice_fodt,
    needs_pandoc,
    needs_soffice,
)
from lxml import etree

import itu_nb
from itu_nb.model.review import decide

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
C = "{>>@Brazil (2018-09-10): check<<}"

#: (CriticMarkup text of considering a), the text of the clause, its artefacts as (kind, offset, length, op))
CASES = {
    "comment inside": (
        "that {==IC" + C + "Ts==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 4, "EQUAL"), ("comment", 10, 0, "EQUAL")],
    ),
    "note inside": (
        "that {==IC[footnoteRef:1][1: See 71]Ts==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 4, "EQUAL")],
    ),
    "two side by side": (
        "that {==IC==}{==Ts==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 2, "EQUAL"), ("highlight", 10, 2, "EQUAL")],
    ),
    "three side by side": (
        "that {==I==}{==C==}{==Ts==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 1, "EQUAL"), ("highlight", 9, 1, "EQUAL"), ("highlight", 10, 2, "EQUAL")],
    ),
    "two with a comment between": (
        "that {==IC==}" + C + "{==Ts==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 2, "EQUAL"), ("comment", 10, 0, "EQUAL"), ("highlight", 10, 2, "EQUAL")],
    ),
    "over changed text": (
        "that {==I{--C--}{++X++}Ts==} matter",
        "a)\tthat ICXTs matter",
        [("highlight", 8, 5, "EQUAL")],
    ),
    "over changed text, a comment inside": (
        "that {==I{--C--}" + C + "{++X++}Ts==} matter",
        "a)\tthat ICXTs matter",
        [("highlight", 8, 5, "EQUAL"), ("comment", 10, 0, "EQUAL")],
    ),
    "of nothing": (
        "that {====}ICTs matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 0, "EQUAL")],
    ),
    "of nothing, after one": (
        "that {==ICTs==}{====} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 4, "EQUAL"), ("highlight", 12, 0, "EQUAL")],
    ),
    "of nothing, before one": (
        "that {====}{==ICTs==} matter",
        "a)\tthat ICTs matter",
        [("highlight", 8, 0, "EQUAL"), ("highlight", 8, 4, "EQUAL")],
    ),
    "white space at the edges": (
        "that ICTs {==matter==}  ",
        "a)\tthat ICTs matter  ",
        [("highlight", 13, 6, "EQUAL")],
    ),
    "white space alone lit at the end": (
        "that ICTs matter{==  ==}",
        "a)\tthat ICTs matter  ",
        [("highlight", 19, 2, "EQUAL")],
    ),
}

WRITERS = {
    "critic": lambda d: itu_nb.load(itu_nb.to_criticmarkup(d), format="criticmarkup"),
    "docx": lambda d: itu_nb.load(itu_nb.to_docx(d), format="docx"),
    "akn": lambda d: itu_nb.load(itu_nb.to_akn(d), format="akn"),
}
HOPS = [(a, b) for a in WRITERS for b in WRITERS]


def _doc(text: str) -> itu_nb.Document:
    who = {"author": "Brazil", "date": "2018-09-10"} if "{" in text else {}  # (CriticMarkup's options)
    return itu_nb.load(f"considering\na)\t{text}\n", **who)


def _marks(doc: itu_nb.Document) -> tuple[str, list[tuple]]:
    node = doc[0]["considering/a"]
    arts = [(a.kind, a.offset, a.length, a.op.name) for a in node.artefacts if a.kind in ("highlight", "comment")]
    return "".join(r.text for r in node.label_runs + node.runs), arts


@pytest.mark.parametrize("case", list(CASES))
def test_criticmarkup_reads_each_case_as_written(case):
    text, want_text, want = CASES[case]
    assert _marks(_doc(text)) == (want_text, want)


@pytest.mark.parametrize(("first", "second"), HOPS, ids=[f"{a}-{b}" for a, b in HOPS])
@pytest.mark.parametrize("case", list(CASES))
def test_highlights_and_edges_survive_one_and_two_hops(case, first, second):
    text, want_text, want = CASES[case]
    once = WRITERS[first](_doc(text))
    assert _marks(once) == (want_text, want), first
    assert _marks(WRITERS[second](once)) == (want_text, want), (first, second)


def _document_xml(doc: itu_nb.Document) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(doc))) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _lit_runs(root: etree._Element) -> list[tuple[str, str]]:
    """(colour, text) of every highlighted run of the item, in order."""
    out = []
    for r in root.iter(f"{W}r"):
        mark = r.find(f"{W}rPr/{W}highlight")
        if mark is not None:
            out.append((mark.get(f"{W}val"), "".join(t.text or "" for t in r.iter(f"{W}t", f"{W}delText"))))
    return out


def test_word_gives_a_highlight_that_starts_where_another_ends_the_other_colour():
    assert _lit_runs(_document_xml(_doc("that {==I==}{==C==}{==Ts==} matter"))) == [
        ("yellow", "I"),
        ("green", "C"),
        ("yellow", "Ts"),
    ]
    # one highlight cut by a comment keeps its colour; two with a comment between do not
    assert _lit_runs(_document_xml(_doc("that {==IC" + C + "Ts==} matter"))) == [("yellow", "IC"), ("yellow", "Ts")]
    assert _lit_runs(_document_xml(_doc("that {==IC==}" + C + "{==Ts==} matter"))) == [
        ("yellow", "IC"),
        ("green", "Ts"),
    ]
    # apart, each is yellow
    assert _lit_runs(_document_xml(_doc("that {==IC==} {==Ts==} matter"))) == [("yellow", "IC"), ("yellow", "Ts")]


def test_word_writes_a_highlight_of_nothing_as_an_empty_highlighted_run():
    root = _document_xml(_doc("that {====}ICTs matter"))
    (run,) = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None]
    assert [c.tag for c in run] == [f"{W}rPr", f"{W}t"] and not run.find(f"{W}t").text


def _word(body: str) -> bytes:
    return B.package(
        B.HEAD + B.para(B.run("considering")) + B.para(B.run("a)\tthat ") + body + B.run(" matter")),
        comments=B.comment(7, B.run("check")),
        footnotes=B.SEPARATORS + B.footnote(2, B.run("See 71")),
    )


def _lit(text: str, colour: str = "yellow") -> str:
    return f'<w:r><w:rPr><w:highlight w:val="{colour}"/></w:rPr><w:t xml:space="preserve">{B.esc(text)}</w:t></w:r>'


def test_the_docx_reader_reads_highlighted_runs_around_a_comment_as_word_writes_them_as_one():
    # Word highlights the comment's reference run too when the highlighted text holds the comment's anchor
    lit_ref = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/><w:highlight w:val="yellow"/></w:rPr>'
    lit_ref += '<w:commentReference w:id="7"/></w:r>'
    data = _word(
        _lit("I")
        + '<w:commentRangeStart w:id="7"/>'
        + _lit("C")
        + '<w:commentRangeEnd w:id="7"/>'
        + lit_ref
        + _lit("Ts")
    )
    text, arts = _marks(itu_nb.load(data, format="docx"))
    assert text == "a)\tthat ICTs matter"
    assert arts == [("highlight", 8, 4, "EQUAL"), ("comment", 10, 0, "EQUAL")]


def test_the_docx_reader_reads_a_note_reference_among_highlighted_runs_as_inside_one_highlight():
    data = _word(_lit("IC") + B.footnote_ref(2) + _lit("Ts"))
    text, arts = _marks(itu_nb.load(data, format="docx"))
    assert (text, arts) == ("a)\tthat ICTs matter", [("highlight", 8, 4, "EQUAL")])


def test_the_docx_reader_reads_a_change_of_colour_as_a_new_highlight():
    # as a reviewer marks two things side by side in Word: yellow "IC", turquoise "Ts"
    data = _word(_lit("IC") + _lit("Ts", "cyan"))
    assert _marks(itu_nb.load(data, format="docx"))[1] == [("highlight", 8, 2, "EQUAL"), ("highlight", 10, 2, "EQUAL")]
    # the same colour through a tracked change is one highlight
    data = _word(_lit("I") + B.ins(_lit("C")) + _lit("Ts"))
    assert _marks(itu_nb.load(data, format="docx"))[1] == [("highlight", 8, 4, "EQUAL")]


def _akn_item(doc: itu_nb.Document) -> etree._Element:
    root = etree.fromstring(itu_nb.to_akn(doc).encode("utf-8"))
    return next(r for r in root.iter(f"{AKN}recital") if r.find(f"{AKN}num") is not None)


def test_akoma_ntoso_writes_one_inline_per_highlight_with_changes_and_comments_inside():
    p = _akn_item(_doc("that {==I{--C--}" + C + "{++X++}Ts==} matter")).find(f"{AKN}p")
    (inline,) = p.findall(f"{AKN}inline")
    assert inline.get("name") == "highlight"
    assert [etree.QName(c).localname for c in inline] == ["del", "remark", "ins"]
    assert "".join(inline.itertext()) == "ICcheckXTs"
    p = _akn_item(_doc("that {==IC==}{==Ts==}{====} matter")).find(f"{AKN}p")
    assert ["".join(i.itertext()) for i in p.iter(f"{AKN}inline")] == ["IC", "Ts", ""]


def test_akoma_ntoso_marks_a_block_whose_text_has_white_space_at_its_edges():
    item = _akn_item(_doc("that ICTs matter  "))
    assert item.find(f"{AKN}p").get(SPACE) == "preserve" and item.find(f"{AKN}p").text == "that ICTs matter  "
    assert _akn_item(_doc("that ICTs matter")).find(f"{AKN}p").get(SPACE) is None


def test_the_akn_loader_drops_layout_at_the_edges_of_a_block_not_so_marked():
    # pretty-printed AKN (the Final Acts'): white space at a block's edges stays layout
    body = "<p>  that ICTs matter </p>"
    for p in (body, body.replace("<p>", '<p xml:space="preserve">')):
        xml = (
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
            "<preamble><recitals><intro><p><i>considering</i></p></intro><recital><num>a)</num>"
            f"{p}</recital></recitals></preamble></statement></akomaNtoso>"
        )
        node = itu_nb.load(xml, format="akn")[0]["considering/a"]
        want = "  that ICTs matter " if "preserve" in p else "that ICTs matter"
        assert "".join(r.text for r in node.runs) == want


def test_a_section_heading_keeps_the_white_space_at_its_end_through_akn():
    # Brazil's B/67/4, line "invites Member States " (a space before the line's end in the source)
    doc = itu_nb.load(CRITIC)
    runs = [n.runs for n in doc["B/67/4"].walk() if n.path == "invites Member States"]
    assert [[r.text for r in rs] for rs in runs] == [["invites Member States "]]
    back = itu_nb.load(itu_nb.to_akn(doc))
    assert [n.runs for n in back["B/67/4"].walk() if n.path == "invites Member States"] == runs


def test_a_highlight_clipped_to_nothing_by_a_decision_survives_every_writer():
    # "old" deleted and highlighted, "new" inserted: accepting the change takes every character the highlight had
    p = _doc("that {=={--old--}==}{++new++} matter")[0]
    done = decide(p, [c.id for c in p.changes], [])
    node = done["considering/a"]
    assert node.text() == "a)\tthat new matter"
    assert [(a.kind, a.offset, a.length) for a in node.artefacts] == [("highlight", 8, 0)]
    for fmt, read in WRITERS.items():
        back = read(done)[0]["considering/a"]
        assert [(a.kind, a.offset, a.length) for a in back.artefacts] == [("highlight", 8, 0)], fmt


@pytest.mark.parametrize("writer", ["critic", "akn"])
@pytest.mark.parametrize("source", ["flattened", "critic", "akn", "docx"])
def test_writing_what_was_read_from_a_written_file_writes_it_again(source, writer):
    # write(load(write(x))) == write(x) over the corpus: CriticMarkup added a blank line after its {++++} header
    # each time (the Final Acts, which hold no mark), and AKN lost the white space at the end of Brazil's
    # "invites Member States " and of B/67/5's Reasons
    docx = FIXTURES / "pp18-doc67-brazil.pandoc.docx"
    path = {"flattened": FLATTENED, "critic": CRITIC, "akn": FINAL_ACTS, "docx": docx}[source]
    write = {"critic": itu_nb.to_criticmarkup, "akn": itu_nb.to_akn}[writer]
    once = write(itu_nb.load(path))
    assert write(itu_nb.load(once)) == once


@needs_soffice
def test_libreoffice_opens_side_by_side_and_empty_highlights(tmp_path):
    path = tmp_path / "lit.docx"
    path.write_bytes(itu_nb.to_docx(_doc("that {==IC==}{==Ts==} {====}matter")))
    fodt = libreoffice_fodt(path, tmp_path)
    root = etree.parse(str(fodt)).getroot()
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    backgrounds = fodt_backgrounds(root)
    para = next(p for p in root.iter(f"{text}p") if "".join(p.itertext()).startswith("a)"))
    assert "".join(para.itertext()) == "a)that ICTs matter"  # (the TAB is a <text:tab/>)
    lit = [(("".join(s.itertext())), backgrounds[s.get(f"{text}style-name")]) for s in para.iter(f"{text}span")]
    lit = [(t, colour) for t, colour in lit if t]
    # two highlights, in two colours (Word's yellow and green); the empty one shows nothing
    assert [t for t, _ in lit] == ["IC", "Ts"] and lit[0][1] != lit[1][1]


@needs_pandoc
def test_pandoc_reads_the_text_of_side_by_side_and_empty_highlights(tmp_path):
    path = tmp_path / "lit.docx"
    path.write_bytes(itu_nb.to_docx(_doc("that {==IC==}{==Ts==} {====}matter")))
    out = subprocess.run(["pandoc", "-t", "plain", str(path)], capture_output=True, text=True, check=True).stdout
    # pandoc 2.17 drops Word's highlighting (as it always does) and keeps the text whole, the TAB as a space
    assert "a) that ICTs matter" in out.splitlines()


#: (CriticMarkup inside a note of considering a), the FOOTNOTE node's highlights as test_notes_highlights._notes
#: gives them: (offset, length, op, the text lit)), read off the note's text "See 712 ok" / "See 71"
NOTE_CASES = {
    "over changed text": ("See {==7{--1--}{++2++}==} ok", [(4, 3, "EQUAL", "712")]),
    "side by side": ("See {==7==}{==1==}", [(4, 1, "EQUAL", "7"), (5, 1, "EQUAL", "1")]),
    "of nothing": ("{====}See {==7==}{====}1", [(0, 0, "EQUAL", ""), (4, 1, "EQUAL", "7"), (5, 0, "EQUAL", "")]),
}


@pytest.mark.parametrize(("first", "second"), HOPS, ids=[f"{a}-{b}" for a, b in HOPS])
@pytest.mark.parametrize("case", list(NOTE_CASES))
def test_the_highlights_of_a_note_survive_one_and_two_hops(case, first, second):
    # AKN wrote a highlight over a note's changed text as one inline per run (three highlights back); Word merged
    # two side by side into one and, as AKN, dropped one of nothing
    from test_notes_changes import _source
    from test_notes_highlights import _notes

    inner, want = NOTE_CASES[case]
    doc = itu_nb.load(_source(inner), author="Brazil", date="2018-09-10")
    assert [lit for _path, _text, lit in _notes(doc)] == [want]
    once = WRITERS[first](doc)
    assert [lit for _path, _text, lit in _notes(once)] == [want], first
    assert [lit for _path, _text, lit in _notes(WRITERS[second](once))] == [want], (first, second)
