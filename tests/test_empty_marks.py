"""Marks of no characters through every writer (issue 17, session 12): an empty paragraph inserted or deleted as a
tracked change, and a highlight of no characters made inside a change.

- An empty paragraph whose mark is tracked (Word's ``w:pPr/w:rPr/w:ins`` or ``w:del`` on a paragraph without text)
  is a document artefact ``paragraph-mark`` with the change's op, author and date, at its line.  CriticMarkup
  writes it as an empty change followed by its author and date (``{++++}{>>@Brazil (2018-09-10T00:00:00Z)<<}``),
  Akoma Ntoso as ``<itu_nb:paragraph-mark op="insert" author=… date=…>`` in the statement's ``proprietary``
  (a line that is no node), Word as an empty paragraph with its tracked mark; HTML shows it where it stood.
- A highlight of no characters made inside an insertion (an empty highlighted run inside ``w:ins``) keeps its op
  INSERT: CriticMarkup writes it inside the insertion's mark, ``{++ne{====}w ++}``.  Before, it came back as a
  highlight outside the change (op EQUAL), and ``{++ne{====}w ++}`` was read as text that no writer could write.
"""

from __future__ import annotations

import html.parser
import io
import re
import zipfile

import docx_build as B
import pytest
from bounds import bounded
from conftest import libreoffice_fodt, needs_soffice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_roundtrip_lossless import WRITERS as LOSSLESS
from test_roundtrip_lossless import generated, round_trip, signature

import itu_nb
from itu_nb import Op
from itu_nb.export.loose import loose_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WRITERS = {
    "critic": lambda d: itu_nb.load(itu_nb.to_criticmarkup(d), format="criticmarkup"),
    "docx": lambda d: itu_nb.load(itu_nb.to_docx(d), format="docx"),
    "akn": lambda d: itu_nb.load(itu_nb.to_akn(d), format="akn"),
}
HOPS = [(a, b) for a in WRITERS for b in WRITERS]
DATE = "2018-09-10T00:00:00Z"  # docx_build writes every change with this date


def _empty_paragraphs() -> bytes:
    """Lines 0-4: marker, heading, title, "resolves", "to act."; line 5 an empty paragraph inserted by Brazil,
    line 6 one deleted by Mexico; line 7 "to report."."""
    body = B.HEAD + B.para(B.run("resolves")) + B.para(B.run("to act."))
    body += B.para("", B.mark("ins", "Brazil")) + B.para("", B.mark("del", "Mexico")) + B.para(B.run("to report."))
    return B.package(body)


def _marks(doc: itu_nb.Document) -> list[tuple]:
    return [(a.op, a.author, a.date) for a in doc.artefacts if a.kind == "paragraph-mark"]


WANT = [(Op.INSERT, "Brazil", DATE), (Op.DELETE, "Mexico", DATE)]


def test_criticmarkup_writes_the_mark_of_an_empty_paragraph_as_an_empty_change_with_its_author():
    doc = itu_nb.load(_empty_paragraphs())
    text = itu_nb.to_criticmarkup(doc)
    assert text.splitlines()[5:8] == [
        "{++++}{>>@Brazil (2018-09-10T00:00:00Z)<<}",
        "{----}{>>@Mexico (2018-09-10T00:00:00Z)<<}",
        "to report.",
    ]
    back = itu_nb.load(text)
    assert [(a.kind, a.line, a.op, a.author, a.date) for a in back.artefacts if a.kind == "paragraph-mark"] == [
        ("paragraph-mark", 5, Op.INSERT, "Brazil", DATE),
        ("paragraph-mark", 6, Op.DELETE, "Mexico", DATE),
    ]
    assert itu_nb.to_criticmarkup(back) == text  # written again, byte for byte


def test_an_empty_change_without_its_author_is_still_nothing():
    # the writer's header {++++} (and any empty change not followed by an author) reads as before: no artefact
    doc = itu_nb.load("{++++}\nconsidering\na)\tthat {----}ICTs matter\n")
    assert [(a.kind, a.line) for a in doc.artefacts] == [("blank", 0), ("blank", 3)]  # the header's line, the end
    # a mark of no author and no date: {>>@<<}
    marked = itu_nb.load("considering\na)\tthat ICTs matter\n{----}{>>@<<}\n")
    # (a line holding nothing but marks is a "markup" line, as one holding only a comment)
    assert [(a.kind, a.line, a.op, a.author, a.date) for a in marked.artefacts] == [
        ("markup", 2, Op.EQUAL, None, None),
        ("paragraph-mark", 2, Op.DELETE, None, None),
        ("blank", 3, Op.EQUAL, None, None),
    ]
    assert itu_nb.to_criticmarkup(marked).splitlines()[2] == "{----}{>>@<<}"


@pytest.mark.parametrize(("first", "second"), HOPS, ids=[f"{a}-{b}" for a, b in HOPS])
def test_the_mark_of_an_empty_paragraph_survives_one_and_two_hops(first, second):
    doc = itu_nb.load(_empty_paragraphs())
    assert _marks(doc) == WANT
    once = WRITERS[first](doc)
    assert _marks(once) == WANT, first
    assert _marks(WRITERS[second](once)) == WANT, (first, second)
    assert [n.path for p in WRITERS[second](once) for n in p.walk()] == [n.path for p in doc for n in p.walk()]


class _Spans(html.parser.HTMLParser):
    """The class, data attributes and text of every ``<span>`` of class ``paragraph-mark``, with its ``<p>``'s."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._p: dict = {}
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p":
            self._p = a
        if tag == "span" and "paragraph-mark" in (a.get("class") or "").split():
            self._in = {"class": a["class"], "author": a.get("data-author"), "date": a.get("data-date")}
            self._in.update(line=self._p.get("data-line"), text="")
            self.found.append(self._in)

    def handle_endtag(self, tag):
        if tag == "span":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in["text"] += data


@pytest.mark.parametrize("via", ["docx", "akn"])
def test_html_shows_the_mark_of_an_empty_paragraph_where_it_stood(via):
    doc = itu_nb.load(_empty_paragraphs())
    source = doc if via == "docx" else WRITERS["akn"](doc)  # from Akoma Ntoso: placed after "to act." by its anchor
    page = itu_nb.to_html(source)
    parser = _Spans()
    parser.feed(page)
    assert parser.found == [
        {
            "class": "paragraph-mark inserted",
            "author": "Brazil",
            "date": DATE,
            "line": "5",
            "text": f"[empty paragraph inserted by Brazil, {DATE}]",
        },
        {
            "class": "paragraph-mark deleted",
            "author": "Mexico",
            "date": DATE,
            "line": "6",
            "text": f"[empty paragraph deleted by Mexico, {DATE}]",
        },
    ]
    # between the clause before them and the one after
    assert page.index("to act.") < page.index("empty paragraph inserted") < page.index("to report.")


# -- a highlight of no characters made inside an insertion -----------------------------------------------------


def _lit_in_insertion() -> bytes:
    """ "to " + inserted "ne", an empty highlighted run, "w " (Brazil) + "act.": the highlight at offset 5 of
    resolves p1's text "to new act.", inside the insertion."""
    empty = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t></w:t></w:r>'
    inner = B.run("to ") + B.ins(B.run("ne") + empty + B.run("w ")) + B.run("act.")
    return B.package(B.HEAD + B.para(B.run("resolves")) + B.para(inner))


def _lit(doc: itu_nb.Document) -> tuple[list, list]:
    node = doc[0]["resolves/p1"]
    return (
        [(r.op, r.text) for r in node.runs],
        [(a.kind, a.offset, a.length, a.op) for a in node.artefacts if a.kind == "highlight"],
    )


LIT = ([(Op.EQUAL, "to "), (Op.INSERT, "new "), (Op.EQUAL, "act.")], [("highlight", 5, 0, Op.INSERT)])


def test_criticmarkup_writes_a_highlight_of_nothing_inside_its_insertion():
    doc = itu_nb.load(_lit_in_insertion())
    assert _lit(doc) == LIT
    text = itu_nb.to_criticmarkup(doc)
    assert text.splitlines()[-1] == "to {++ne{====}w ++}{>>@Brazil (2018-09-10T00:00:00Z)<<}act."  # its author, date
    assert _lit(itu_nb.load(text)) == LIT


@pytest.mark.parametrize(
    ("line", "runs", "lit"),
    [
        # at the start, at the end, alone in a deletion, and one made outside the change (op EQUAL) beside it
        ("{++{====}new ++}", [(Op.INSERT, "new ")], [("highlight", 5, 0, Op.INSERT)]),
        ("{++new {====}++}", [(Op.INSERT, "new ")], [("highlight", 9, 0, Op.INSERT)]),
        ("{--{====}--}{++new ++}", [(Op.INSERT, "new ")], [("highlight", 5, 0, Op.DELETE)]),
        ("{--old {====}--}", [(Op.DELETE, "old ")], [("highlight", 9, 0, Op.DELETE)]),
        ("{++ne++}{====}{++w ++}", [(Op.INSERT, "new ")], [("highlight", 7, 0, Op.EQUAL)]),
    ],
)
def test_highlights_of_nothing_inside_changes_read_and_write_exactly(line, runs, lit):
    # offsets count "1\t" and "to " (5 characters) before the change
    doc = itu_nb.load(f"resolves\n1\tto {line}act.\n", author="Brazil", date="2018-09-10")
    node = doc[0]["resolves/1"]
    assert [(r.op, r.text) for r in node.runs] == [(Op.EQUAL, "to "), *runs, (Op.EQUAL, "act.")]
    assert [(a.kind, a.offset, a.length, a.op) for a in node.artefacts] == lit
    for first, second in HOPS:
        back = WRITERS[second](WRITERS[first](doc))[0]["resolves/1"]
        assert [(a.kind, a.offset, a.length, a.op) for a in back.artefacts] == lit, (first, second)
        assert [(r.op, r.text) for r in back.runs] == [(Op.EQUAL, "to "), *runs, (Op.EQUAL, "act.")]


@pytest.mark.parametrize(("first", "second"), HOPS, ids=[f"{a}-{b}" for a, b in HOPS])
def test_a_highlight_of_nothing_inside_an_insertion_survives_one_and_two_hops(first, second):
    once = WRITERS[first](itu_nb.load(_lit_in_insertion()))
    assert _lit(once) == LIT, first
    assert _lit(WRITERS[second](once)) == LIT, (first, second)


@needs_soffice
def test_libreoffice_opens_what_word_is_written_with_these_marks(tmp_path):
    # the empty paragraphs with their tracked marks, and the empty highlighted run inside the insertion, both read
    # back from CriticMarkup first (so the writer, not the source's XML, made them)
    for name, data in (("marks", _empty_paragraphs()), ("lit", _lit_in_insertion())):
        doc = WRITERS["critic"](itu_nb.load(data))
        path = tmp_path / f"{name}.docx"
        itu_nb.to_docx(doc, path)
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
            root = etree.fromstring(z.read("word/document.xml"))
        if name == "marks":
            marks = [(c.tag, c.get(f"{W}author")) for c in root.iter(f"{W}pPr") for c in c.iterfind(f"{W}rPr/*")]
            assert marks == [(f"{W}ins", "Brazil"), (f"{W}del", "Mexico")]
        fodt = libreoffice_fodt(path, tmp_path / name)
        text = fodt.read_text(encoding="utf-8")
        office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
        changes = etree.fromstring(text.encode()).iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}changed-region")
        assert office in text
        assert len(list(changes)) >= (2 if name == "marks" else 1)  # LibreOffice reads the tracked changes


def test_five_thousand_marks_of_empty_paragraphs_stay_within_the_bound():
    # 5,000 empty paragraphs inserted or deleted between two clauses (as CriticMarkup writes them): loaded,
    # written and read back by CriticMarkup and AKN, shown by HTML, in a bounded child (benchmarks/bench_bounds.py)
    r = bounded(
        """
        import itu_nb
        lines = "".join("{++++}{>>@Brazil (2018-09-10)<<}\\n" if i % 2 else "{----}{>>@Mexico<<}\\n" for i in range(5_000))
        doc = itu_nb.load("MOD\\tX/1/1\\n\\nresolves\\n1\\tto act;\\n" + lines + "2\\tto report.\\n")
        marks = [a for a in doc.artefacts if a.kind == "paragraph-mark"]
        back = [itu_nb.load(w(doc)) for w in (itu_nb.to_criticmarkup, itu_nb.to_akn)]
        page = itu_nb.to_html(doc)
        print(len(marks), *[sum(a.kind == "paragraph-mark" for a in b.artefacts) for b in back])
        print(page.count('class="paragraph-mark inserted"'), page.count('class="paragraph-mark deleted"'))
        """,
        label="5,000 tracked marks of empty paragraphs: CriticMarkup and AKN written and read back, HTML",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == ["5000"] * 3 + ["2500", "2500"]


# -- generated documents (tests/test_roundtrip_lossless.py's, with these marks added) ----------------------------


@st.composite
def _generated(draw) -> str:
    """A generated CriticMarkup document (``test_roundtrip_lossless.generated``) with tracked marks of empty
    paragraphs between its clauses and highlights of no characters inside its changes."""
    lines = draw(generated()).split("\n")
    out = []
    for line in lines:
        if "\t" in line and line[:2] in ("a)", "b)", "c)", "d)") and "{==" not in line and draw(st.booleans()):
            # a highlight of no characters inside one of the item's changes (not inside a highlight: CriticMarkup
            # cannot nest them, its first "==}" closes the highlight)
            line = re.sub(r"\{(\+\+|--)([^{}]*?) ", lambda m: "{" + m.group(1) + m.group(2) + "{====} ", line, count=1)
        out.append(line)
        if line[:2] in ("a)", "b)", "c)") and draw(st.booleans()):
            op = draw(st.sampled_from(["{++++}", "{----}"]))
            author, date = draw(st.sampled_from([("Brazil", "2018-09-10"), ("Mexico", None), ("", "2018-09-11")]))
            out.append(op + "{>>@" + author + (f" ({date})" if date else "") + "<<}")
    return "\n".join(out)


def _extra(doc: itu_nb.Document, fmt: str | None) -> tuple[list, list]:
    """The marks of empty paragraphs (op, author, day, where they stand, line but through Word) and every
    highlight's op."""
    where = {x.line: (x.proposal, x.place, x.after) for x in loose_lines(doc)}
    marks = [
        # Word gives a mark without an author the exporter's, as it gives changes (test_roundtrip_lossless._author)
        (a.op, a.author or ("Exporter" if fmt == "docx" else None), (a.date or "")[:10] or None, where.get(a.line))
        + ((a.line,) if fmt != "docx" else ())
        for a in doc.artefacts
        if a.kind == "paragraph-mark"
    ]
    lit = [
        (n.path, a.offset, a.length, a.op) for p in doc for n in p.walk() for a in n.artefacts if a.kind == "highlight"
    ]
    return marks, sorted(lit, key=repr)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_generated())
def test_generated_documents_with_these_marks_round_trip(text):
    doc = itu_nb.load(text, format="criticmarkup")
    want = {fmt: (signature(doc, fmt), _extra(doc, fmt)) for fmt in LOSSLESS}
    for fmt in LOSSLESS:
        again = round_trip(doc, fmt)
        assert (signature(again, at_line=fmt != "docx"), _extra(again, fmt)) == want[fmt], fmt


def test_a_highlight_of_nothing_inside_another_is_written_after_it_in_criticmarkup():
    # Akoma Ntoso nests inlines; CriticMarkup cannot ("{====}" inside "{==…==}" closed it, and the text came back
    # with "{==" and "==}" in it): it is written right after the highlight holding it, here its own place (the end
    # of "the {++the++}"), so it reads back exactly
    doc = itu_nb.load("MOD\tX/1/1\n\nconsidering\nc)\tthe {==the {++the++}==};\n", author="Brazil", date="2018-09-10")
    xml = itu_nb.to_akn(doc)
    assert xml.count("the</ins>") == 1
    nested = itu_nb.load(xml.replace("the</ins>", 'the<inline name="highlight"/></ins>'))
    want = [("highlight", 7, 7, Op.EQUAL), ("highlight", 14, 0, Op.INSERT)]  # "c)\tthe " is 7 characters
    node = nested[0]["considering/c"]
    assert [(a.kind, a.offset, a.length, a.op) for a in node.artefacts] == want
    text = itu_nb.to_criticmarkup(nested)
    assert text.splitlines()[-1] == "c)\tthe {==the {++the++}{>>@Brazil (2018-09-10)<<}==}{++{====}++};"
    back = itu_nb.load(text)[0]["considering/c"]
    assert back.body() == node.body() and [(a.kind, a.offset, a.length, a.op) for a in back.artefacts] == want
