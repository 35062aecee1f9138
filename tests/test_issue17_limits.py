"""Issue 17, the narrower export limits left by session 12, and CriticMarkup authors (session 14).

1. The tracked mark of a paragraph with text (two paragraphs joined or split in one view): LibreOffice's capture
   ``lo-tracked-changes.docx`` (its ``.fodt``: ``ct5`` Mexico deletes considering b) with its paragraph,
   2018-09-11T10:00; ``ct6`` Brazil inserts a paragraph break after c)'s "assistance;", 2018-09-10T09:10; ``ct8``
   Mexico splits resolves 2 "to raise awareness" from "to support…", 2018-09-11T10:10; ``ct9`` Brazil joins the
   Reasons' two paragraphs, 2018-09-10T09:15) is written and read back by CriticMarkup (``{----}{>>@…<<}`` where
   it stands), Akoma Ntoso (``<remark class="paragraph-mark">``) and Word, and shown by HTML.
2. A highlight with text inside another (hand-nested AKN inlines): nested again by Akoma Ntoso, refused by
   CriticMarkup and Word with an ``ExportError`` naming the document and the place; crossing ones likewise.
3. Through Word, a note body that no clause holds comes back as it was, without a reference mark of its own.
4. A highlight inside a note body on a line of its own keeps its place, and HTML shows it in ``<mark>`` (and a
   comment in such a body with its author and date), also in a body that no clause holds.
5. ``to_criticmarkup`` writes each change's author and date when it has them, one author or several.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import lxml.html
import pytest
from conftest import FIXTURES, FLATTENED, libreoffice_fodt

import itu_nb
from itu_nb.errors import ExportError
from itu_nb.loaders.docx_read import LOOSE_NOTE_STYLE
from itu_nb.model import Artefact, NodeKind, Op, runs_text

LO = FIXTURES / "lo-tracked-changes.docx"
WRITERS = {"critic": itu_nb.to_criticmarkup, "akn": itu_nb.to_akn, "docx": itu_nb.to_docx}

#: The four paragraph marks of ``lo-tracked-changes`` (see the module docstring): node, op, author, date.
MARKS = [
    ("considering/b", "DELETE", "Mexico", "2018-09-11T10:00:00Z"),
    ("considering/c", "INSERT", "Brazil", "2018-09-10T09:10:00Z"),
    ("resolves/2", "INSERT", "Mexico", "2018-09-11T10:10:00Z"),
    ("reasons", "DELETE", "Brazil", "2018-09-10T09:15:00Z"),
]


def _marks(doc) -> list[tuple]:
    return [
        (n.path, a.op.name, a.author, a.date)
        for p in doc
        for n in p.walk()
        for a in n.artefacts
        if a.kind == "paragraph-mark"
    ]


def _shape(doc) -> list[tuple]:
    """Paths, kinds, both views' text, every change with its author and date, comments and highlights."""
    out = []
    for p in doc:
        for n in p.walk():
            notes = sorted(
                (a.kind, a.text, a.author, a.date, a.offset, a.length)
                for a in n.artefacts
                if a.kind in ("comment", "highlight", "paragraph-mark")
            )
            out.append((p.id, n.path, n.kind.value, n.text("original"), n.text("amended"), notes))
        out.append([(c.kind, c.old, c.new, c.author, c.date) for c in p.changes])
    return out


@pytest.fixture(scope="module")
def lo():
    return itu_nb.load(LO)


# -- 1. the tracked mark of a paragraph with text -------------------------------------------------------------
def test_the_capture_has_four_marks_of_paragraphs_with_text(lo):
    assert _marks(lo) == MARKS
    assert all(n.text("original") or n.text("amended") for p in lo for n in p.walk() if n.path in {m[0] for m in MARKS})


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_writer_keeps_the_marks_of_paragraphs_with_text(lo, fmt):
    back = itu_nb.load(WRITERS[fmt](lo))
    assert _marks(back) == MARKS  # Word wrote Reasons' mark with the note's change's date (09:20) before
    assert _shape(back) == _shape(lo)
    again = itu_nb.load(WRITERS[fmt](back))  # two hops
    assert _marks(again) == MARKS


@pytest.mark.parametrize(("first", "second"), [("critic", "akn"), ("akn", "critic"), ("docx", "critic")])
def test_the_marks_survive_two_formats(lo, first, second):
    back = itu_nb.load(WRITERS[second](itu_nb.load(WRITERS[first](lo))))
    assert _marks(back) == MARKS


def test_criticmarkup_writes_the_mark_where_it_stands(lo):
    lines = itu_nb.to_criticmarkup(lo).splitlines()
    brazil, mexico = "{>>@Brazil (2018-09-10T09:10:00Z)<<}", "{>>@Mexico (2018-09-11T10:10:00Z)<<}"
    # c) "that developing countries need assistance" + inserted ";", then the paragraph break Brazil inserted
    assert f"need assistance{{++;++}}{brazil}{{++++}}{brazil}" in lines[14]
    assert lines[20] == f"2\tto raise awareness{{++++}}{mexico}"
    assert lines[12].endswith(
        "growing;--}{>>@Mexico (2018-09-11T10:00:00Z)<<}{----}{>>@Mexico (2018-09-11T10:00:00Z)<<}"
    )


def test_akoma_ntoso_writes_the_mark_as_a_remark(lo):
    xml = itu_nb.to_akn(lo)
    assert (
        '<del><remark class="paragraph-mark" itu_nb:author="Brazil" itu_nb:date="2018-09-10T09:15:00Z"></remark></del>'
        in xml
    )
    assert xml.count('class="paragraph-mark"') == 4


def test_html_shows_the_paragraph_break(lo):
    html = itu_nb.to_html(lo)
    assert "[paragraph break deleted by Brazil, 2018-09-10T09:15:00Z]" in html
    assert "[paragraph break inserted by Mexico, 2018-09-11T10:10:00Z]" in html
    assert html.count("[paragraph break ") == 4


# -- 2. a highlight inside another ----------------------------------------------------------------------------
_PLAIN = "MOD\tX/1/1\n\nconsidering\nc)\tthat {==ab cd ef==} go;\n"


def _nested():
    """Considering c) with "ab cd ef" highlighted and, inside it, "cd" (an inline nested by hand in AKN)."""
    xml = itu_nb.to_akn(itu_nb.load(_PLAIN, author="Brazil", date="2018-09-10"))
    return itu_nb.load(xml.replace("ab cd ef", 'ab <inline name="highlight">cd</inline> ef'))


def _lit(doc, path="considering/c"):
    return [(a.offset, a.length, a.op.name) for a in doc[0][path].artefacts if a.kind == "highlight"]


def test_akoma_ntoso_writes_a_highlight_inside_another_nested_and_reads_it_back():
    doc = _nested()
    assert _lit(doc) == [(8, 8, "EQUAL"), (11, 2, "EQUAL")]  # "c)\tthat " is 8 characters, "ab " 3 more
    xml = itu_nb.to_akn(doc)
    assert '<inline name="highlight">ab <inline name="highlight">cd</inline> ef</inline>' in xml
    back = itu_nb.load(xml)
    assert _lit(back) == _lit(doc) and _shape(back) == _shape(doc)
    assert itu_nb.to_akn(back) == xml  # two hops, byte for byte


@pytest.mark.parametrize(("fmt", "what"), [("critic", "CriticMarkup"), ("docx", "Word")])
def test_criticmarkup_and_word_refuse_a_highlight_inside_another(fmt, what):
    with pytest.raises(ExportError) as err:
        WRITERS[fmt](_nested())
    msg = str(err.value)
    assert "X/1/1 considering/c" in msg and "characters 11–13 ('cd')" in msg and what in msg
    assert "inside another (8–16, 'ab cd ef')" in msg


def test_html_shows_a_highlight_inside_another():
    assert "<mark>ab <mark>cd</mark> ef</mark>" in itu_nb.to_html(_nested())


def _crossing():
    """ "ab cd" and "cd ef" highlighted: two highlights that cross (made in memory: no file holds them)."""
    doc = itu_nb.load("MOD\tX/1/1\n\nconsidering\nc)\tthat {==ab cd==} ef go;\n")
    node = doc[0]["considering/c"]
    fixed = dataclasses.replace(
        node, artefacts=(*node.artefacts, Artefact("highlight", "", node.line, 11, Op.EQUAL, length=5))
    )
    return dataclasses.replace(doc[0], clauses=_swap(doc[0].clauses, node, fixed))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_file_writer_refuses_crossing_highlights(fmt):
    with pytest.raises(ExportError, match=r"X/1/1 considering/c: a highlight of characters 11–16 \('cd ef'\) "):
        WRITERS[fmt](_crossing())


def test_akoma_ntoso_refuses_a_crossing_beside_a_nesting_it_could_write():
    # "ab cd ef" holds "cd" (nested: AKN writes it), and "ef go" (characters 14–19 of "c)\tthat ab cd ef go;")
    # starts inside "ab cd ef" (8–16) and ends after it: the crossing is refused though a nesting came first
    doc = _nested()
    node = doc[0]["considering/c"]
    fixed = dataclasses.replace(
        node, artefacts=(*node.artefacts, Artefact("highlight", "", node.line, 14, Op.EQUAL, length=5))
    )
    doc = dataclasses.replace(
        doc, proposals=(dataclasses.replace(doc[0], clauses=_swap(doc[0].clauses, node, fixed)), *doc.proposals[1:])
    )
    with pytest.raises(ExportError, match=r"characters 14–19 \('ef go'\) crossing another \(8–16, 'ab cd ef'\)"):
        itu_nb.to_akn(doc)


def _swap(clauses, old, new):
    return tuple(new if c is old else dataclasses.replace(c, children=_swap(c.children, old, new)) for c in clauses)


def test_a_highlight_inside_another_inside_a_note_is_nested_in_akoma_ntoso_and_refused_by_criticmarkup():
    text = "MOD\tX/1/1\n\nconsidering\na)\tthat it matters[footnoteRef:1][1: See {==ab cd ef==}];\n"
    xml = itu_nb.to_akn(itu_nb.load(text))
    doc = itu_nb.load(xml.replace("ab cd ef", 'ab <inline name="highlight">cd</inline> ef'))
    assert _lit(doc, "considering/a/fn1") == [(4, 8, "EQUAL"), (7, 2, "EQUAL")]  # in the note's text "See ab cd ef"
    assert _lit(itu_nb.load(itu_nb.to_akn(doc)), "considering/a/fn1") == _lit(doc, "considering/a/fn1")
    with pytest.raises(ExportError, match="considering/a/fn1"):
        itu_nb.to_criticmarkup(doc)


# -- 3. a note body that no clause holds, through Word --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        FLATTENED.read_text(encoding="utf-8") + "[4: 4 A note no clause references.]\n",  # at the end, no reference
        (  # before its reference (Doc 67 line 89's note)
            "MOD\tB/67/4\n\nRESOLUTION 130 (Rev. Dubai, 2018)\n\nrecalling\n\n"
            "[1: 1 \tThese include the least developed countries.]\n"
            "j)\tResolution 69 (Rev. Buenos Aires, 2017) of WTDC, particularly for developing countries"
            "[footnoteRef:1];\n"
        ),
    ],
    ids=["no-reference", "before-reference"],
)
def test_word_gives_back_a_note_body_no_clause_holds_as_it_was(text):
    doc = itu_nb.load(text)
    data = itu_nb.to_docx(doc)
    assert (
        f'<w:rStyle w:val="{LOOSE_NOTE_STYLE}"/>'
        in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    )
    back = itu_nb.load(data)
    # main: "[footnoteRef:4][4: 4 …]", a reference of its own (the body's own line; the last two of the text)
    assert back.source_text().splitlines()[-2:] == doc.source_text().splitlines()[-2:]
    assert [a.text for a in back.artefacts if a.kind.startswith("footnote")] == [
        a.text for a in doc.artefacts if a.kind.startswith("footnote")
    ]
    assert [(p.id, n.path, n.text()) for p in back for n in p.walk()] == [
        (p.id, n.path, n.text()) for p in doc for n in p.walk()
    ]


def test_libreoffice_shows_the_note_whose_body_no_clause_holds(tmp_path):
    doc = itu_nb.load(FLATTENED.read_text(encoding="utf-8") + "[4: 4 A note no clause references.]\n")
    path = tmp_path / "doc67.docx"
    itu_nb.to_docx(doc, path)
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    bodies = [re.sub(r"<[^>]+>", "", b) for b in re.findall(r"<text:note-body>(.*?)</text:note-body>", fodt, re.S)]
    assert len(bodies) == 4 and "A note no clause references." in bodies[3]


# -- 4. a highlight inside a note body on a line of its own ---------------------------------------------------
def _own_line_lit() -> str:
    """Doc 67 with note 1's body (flattened line 89) on a line of its own after recalling j), "least developed
    countries" highlighted in it."""
    text = FLATTENED.read_text(encoding="utf-8")
    m = re.search(r"[ \t]*(\[1:[ \t][^\[\]\n]*\])[ \t]*\n", text)
    assert m is not None
    body = m.group(1).replace("least developed countries", "{==least developed countries==}", 1)
    return text[: m.start()] + "\n" + body + "\n" + text[m.end() :]


def _note_lit(doc):
    (note,) = [n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE and n.path.endswith("recalling/j/fn1")]
    text = runs_text(note.label_runs + note.runs)
    return [(text[a.offset : a.offset + a.length], a.offset, a.length) for a in note.artefacts]


def test_a_highlight_in_a_note_body_on_its_own_line_is_the_notes():
    doc = itu_nb.load(_own_line_lit())
    assert _note_lit(doc) == [("least developed countries", 21, 25)]  # after "1 \tThese include the "


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_writer_keeps_the_highlight_in_its_note(fmt):
    doc = itu_nb.load(_own_line_lit())
    back = itu_nb.load(WRITERS[fmt](doc))
    assert _note_lit(back) == _note_lit(doc)


def test_criticmarkup_writes_the_highlight_back_on_the_bodys_line():
    text = _own_line_lit()
    assert itu_nb.to_criticmarkup(itu_nb.load(text)) == text
    assert "<mark>least developed countries</mark>" in itu_nb.to_html(itu_nb.load(text))


# -- 5. CriticMarkup writes the author and date of every change -----------------------------------------------
def test_one_author_is_written_after_every_change_and_read_back():
    # the pandoc capture of Doc 67: 105 changes, all Brazil's, 2018-09-10 (pandoc's date for the spans)
    doc = itu_nb.load(FIXTURES / "pp18-doc67-brazil.pandoc.docx")
    assert {(c.author, c.date) for p in doc for c in p.changes} == {("Brazil", "2018-09-10T00:00:00Z")}
    text = itu_nb.to_criticmarkup(doc)
    assert text.count("{>>@Brazil (2018-09-10T00:00:00Z)<<}") >= 105
    back = itu_nb.load(text)  # no author= or date=: the file says them
    assert [(c.id, c.kind, c.author, c.date) for p in back for c in p.changes] == [
        (c.id, c.kind, c.author, c.date) for p in doc for c in p.changes
    ]


def _loose_lit(doc):
    return [(a.kind, a.text, a.offset, a.length) for a in doc.artefacts if a.kind.startswith("footnote")]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_a_highlight_in_a_note_body_no_clause_holds_keeps_its_place(fmt):
    # no reference: the body stays a document artefact, its highlight offset in its text ("[4: 4 A note " is 13)
    text = FLATTENED.read_text(encoding="utf-8") + "[4: 4 A note {==no clause==} references.]\n"
    doc = itu_nb.load(text)
    want = [("footnote-body", "[4: 4 A note no clause references.]", None, 0), ("footnote-highlight", "", 13, 9)]
    assert _loose_lit(doc) == want
    back = itu_nb.load(WRITERS[fmt](doc))
    assert _loose_lit(back) == want
    assert _loose_lit(itu_nb.load(WRITERS[fmt](back))) == want  # two hops


def _loose_html_parts(doc) -> list[tuple[list[str], str]]:
    """Per ``<p class="loose">`` of ``to_html(doc)``, parsed with lxml: the texts of its ``<mark>`` and its text."""
    tree = lxml.html.fromstring(itu_nb.to_html(doc))
    return [([m.text_content() for m in p.iter("mark")], p.text_content()) for p in tree.find_class("loose")]


@pytest.mark.parametrize("fmt", [None, *WRITERS])
def test_html_shows_the_highlight_in_a_note_body_no_clause_holds(fmt):
    # Doc 67 (flattened) with a note body at the end that no clause references: main showed "[4: 4 A note no
    # clause references.]" without its highlight; the comment inside the body is shown at its place there, with
    # its author and date (before session 16 the loaders kept no place for it, and it was shown beside the body)
    text = FLATTENED.read_text(encoding="utf-8")
    text += "[4: 4 A {++new ++}note {==no clause==} refer{>>@Bob (2020-01-02): hm<<}ences.]\n"
    doc = itu_nb.load(text)
    if fmt is not None:
        doc = itu_nb.load(WRITERS[fmt](doc))
    ((marks, shown),) = _loose_html_parts(doc)
    assert marks == ["no clause"]
    # Word writes the date 2020-01-02T00:00:00Z
    assert (
        re.sub(r"\[comment by Bob, 2020-01-02(?:T00:00:00Z)?: hm\]", "", shown)
        == "[4: 4 A new note no clause references.]"
    )
    assert "refer[comment by Bob, 2020-01-02" in shown


def test_html_marks_two_highlights_of_a_body_no_clause_holds_one_on_its_start():
    text = FLATTENED.read_text(encoding="utf-8") + "[4: {==4 One==} body, {==two==}.]\n"
    doc = itu_nb.load(text)
    assert [(a.kind, a.offset, a.length) for a in doc.artefacts if a.kind.startswith("footnote-h")] == [
        ("footnote-highlight", 4, 5),  # "[4: " is 4 characters
        ("footnote-highlight", 16, 3),  # "[4: 4 One body, " is 16
    ]
    assert _loose_html_parts(doc) == [(["4 One", "two"], "[4: 4 One body, two.]")]


@pytest.mark.parametrize(("author", "date"), [("Brazil: PP-18", "2018-09-10"), ("Brazil", "10 September 2018")])
def test_an_author_or_date_that_would_not_read_back_is_refused(author, date):
    # ": " in an author, a date not in ISO form: the loader would read "{>>@…<<}" as a comment, not as them
    doc = itu_nb.load("considering\na)\tthat {++x++} goes;\n", author=author, date=date)
    with pytest.raises(ExportError, match=r"line 2 \(considering/a\): the change by .* cannot be written"):
        itu_nb.to_criticmarkup(doc)
