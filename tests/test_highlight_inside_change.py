"""A highlight made inside a change, and one made around it, through CriticMarkup (issue 17, round trips; session 20).

A highlight over exactly the text of one deleted (or inserted) run is one of two things: made inside the change (its
``op`` the change's, hidden in the other view: Word's highlighted runs inside ``w:del``, Akoma Ntoso's
``<del><inline name="highlight">``) or made around it (``op`` EQUAL: ``<inline name="highlight"><del>``).
CriticMarkup writes the first inside the change's mark, ``{--{==3==}--}{>>@Brazil (…)<<}`` or
``{++ and {==Annex 4==}++}``, and the second around it, ``{=={--3--}{>>@Brazil (…)<<}==}``, and reads each back as
written.  Word writes the first as highlighted runs inside the ``w:del``/``w:ins`` and the second (session 21) as such
runs whose ``w:rPrChange`` (a tracked formatting change) holds the properties before without the highlight: put on the
change's text afterwards, around the change.

The lines are Resolution 71's *noting b)* (Doc 67: "the glossary of terms presented in Annex 3 to this resolution,"),
with Brazil's change of "3" to "4" or CEPT's insertion of " and Annex 4" after "3".  Offsets count the label ``b)<TAB>`` (3
characters) and ``the glossary of terms presented in Annex `` (41 more): "3" stands at 44, CEPT's insertion at 45.
"""

from __future__ import annotations

import io
import zipfile

import docx_build as B
import pytest
from conftest import libreoffice_fodt, needs_pandoc, needs_soffice
from lxml import etree

import itu_nb
from itu_nb import NodeKind

BRAZIL = "{>>@Brazil (2018-09-10)<<}"
CEPT = "{>>@CEPT (2018-10-02)<<}"
HEAD = "MOD\tB/67/2\nRESOLUTION 71 (Rev. {--Busan, 2014--}" + BRAZIL + "{++Dubai, 2018++}" + BRAZIL + "\nnoting\n"
LINE = "b)\tthe glossary of terms presented in Annex {} to this resolution,"
#: What "{--3--}{++4++}" and "3{++ and Annex 4++}" read as, in both views.
REPLACED = (
    "the glossary of terms presented in Annex 3 to this resolution,",
    "the glossary of terms presented in Annex 4 to this resolution,",
)
ADDED = (
    "the glossary of terms presented in Annex 3 to this resolution,",
    "the glossary of terms presented in Annex 3 and Annex 4 to this resolution,",
)

#: (CriticMarkup of the changed words, views of noting b), its highlights and comments as (kind, offset, length, op,
#: author, date, the clause's text there)); each read off the line by eye
CASES = {
    "deleted, inside": (
        "{--{==3==}--}" + BRAZIL + "{++4++}" + BRAZIL,
        REPLACED,
        [("highlight", 44, 1, "DELETE", None, None, "3")],
    ),
    "deleted, around": (
        "{=={--3--}" + BRAZIL + "==}{++4++}" + BRAZIL,
        REPLACED,
        [("highlight", 44, 1, "EQUAL", None, None, "3")],
    ),
    "inserted, inside, in the middle": (
        "3{++ and {==Annex 4==}++}" + CEPT,
        ADDED,
        [("highlight", 50, 7, "INSERT", None, None, "Annex 4")],
    ),
    "inserted, around": (
        "3{=={++ and Annex 4++}" + CEPT + "==}",
        ADDED,
        [("highlight", 45, 12, "EQUAL", None, None, " and Annex 4")],
    ),
    "deleted, inside, a comment after the change": (
        "{--{==3==}--}" + BRAZIL + "{>>@CEPT (2018-10-02): which annex?<<}{++4++}" + BRAZIL,
        REPLACED,
        [("highlight", 44, 1, "DELETE", None, None, "3"), ("comment", 45, 0, "EQUAL", "CEPT", "2018-10-02", "")],
    ),
    "deleted, inside, a comment inside it": (
        "{--{==3{>>@CEPT (2018-10-02): which annex?<<}==}--}" + BRAZIL + "{++4++}" + BRAZIL,
        REPLACED,
        [("highlight", 44, 1, "DELETE", None, None, "3"), ("comment", 45, 0, "DELETE", "CEPT", "2018-10-02", "")],
    ),
    "inserted, two inside": (
        "3{++ {==and==} Annex {==4==}++}" + CEPT,
        ADDED,
        [("highlight", 46, 3, "INSERT", None, None, "and"), ("highlight", 56, 1, "INSERT", None, None, "4")],
    ),
}
IDS = list(CASES)
#: How to_criticmarkup writes a case that it does not write as read: a comment after a highlight's last character
#: stands at its end (one place for the model), written after its closer, still in the change's mark.
WRITTEN = {
    "deleted, inside, a comment inside it": (
        "{--{==3==}{>>@CEPT (2018-10-02): which annex?<<}--}" + BRAZIL + "{++4++}" + BRAZIL
    ),
}


def _source(words: str) -> str:
    return HEAD + LINE.format(words) + "\n"


def _node(doc: itu_nb.Document):
    return doc[0]["noting/b"]


def _marks(doc: itu_nb.Document) -> list[tuple]:
    node = _node(doc)
    text = "".join(r.text for r in node.label_runs + node.runs)
    return [
        (a.kind, a.offset, a.length, a.op.name, a.author, a.date, text[a.offset : a.offset + a.length])
        for a in node.artefacts
        if a.kind in ("highlight", "comment")
    ]


def _runs(doc: itu_nb.Document) -> list[tuple]:
    return [(r.op.name, r.text, r.author, r.date and r.date[:10]) for r in _node(doc).runs]


def _views(doc: itu_nb.Document) -> tuple[str, str]:
    node = _node(doc)
    return node.body("original"), node.body("amended")


@pytest.mark.parametrize("case", IDS)
def test_criticmarkup_reads_each_form_as_written(case):
    words, views, want = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    assert _views(doc) == views
    assert _marks(doc) == want
    # the changes keep their authors and dates (the attribution follows the change's closer)
    who = {op: (a, d) for op, _, a, d in _runs(doc) if op != "EQUAL"}
    assert who == (
        {"DELETE": ("Brazil", "2018-09-10"), "INSERT": ("Brazil", "2018-09-10")}
        if "{++4++}" in words
        else {"INSERT": ("CEPT", "2018-10-02")}
    )


def test_a_handwritten_highlight_inside_a_deletion_is_deleted_text_highlighted():
    # before session 20, "{--{==7==}--}" was the deleted text "{==7==}"
    doc = itu_nb.load("considering\na)\tthat {--{==7==}--} matter\n", format="criticmarkup")
    node = doc[0]["considering/a"]
    assert (node.body("original"), node.body("amended")) == ("that 7 matter", "that  matter")
    assert [(r.op.name, r.text) for r in node.runs] == [("EQUAL", "that "), ("DELETE", "7"), ("EQUAL", " matter")]
    assert [(a.kind, a.offset, a.length, a.op.name) for a in node.artefacts] == [("highlight", 8, 1, "DELETE")]


@pytest.mark.parametrize(
    ("words", "runs"),
    [
        ("{--{==3--}", [("DELETE", "{==3")]),  # never closed in the change: text
        ("{--3==}--}", [("DELETE", "3==}")]),  # a closer without its opener: text
    ],
)
def test_an_unpaired_highlight_mark_inside_a_change_is_its_text(words, runs):
    doc = itu_nb.load(_source(words), format="criticmarkup")
    assert [(op, t) for op, t, _, _ in _runs(doc) if op != "EQUAL"] == runs
    assert _marks(doc) == []


@pytest.mark.parametrize("case", IDS)
def test_criticmarkup_writes_each_form_back_as_read(case):
    words, _, want = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    text = itu_nb.to_criticmarkup(doc)
    assert LINE.format(WRITTEN.get(case, words)) in text.split("\n")
    back = itu_nb.load(text, format="criticmarkup")
    assert (_marks(back), _runs(back), _views(back)) == (want, _runs(doc), _views(doc))


def _hop(doc: itu_nb.Document, fmt: str) -> itu_nb.Document:
    if fmt == "critic":
        return itu_nb.load(itu_nb.to_criticmarkup(doc), format="criticmarkup")
    if fmt == "akn":
        return itu_nb.load(itu_nb.to_akn(doc), format="akn")
    return itu_nb.load(itu_nb.to_docx(doc), format="docx")


@pytest.mark.parametrize("case", IDS)
def test_each_form_survives_akn_then_criticmarkup_then_akn(case):
    words, _, want = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    for route in (["akn", "critic", "akn"], ["critic", "akn", "critic"]):
        got = doc
        for fmt in route:
            got = _hop(got, fmt)
            assert (_marks(got), _runs(got)) == (want, _runs(doc)), (route, fmt)


def test_akn_says_which_and_criticmarkup_keeps_it():
    doc = itu_nb.load(_source(CASES["deleted, inside"][0]), format="criticmarkup")
    akn = itu_nb.to_akn(doc)
    inside = '<del itu_nb:author="Brazil" itu_nb:date="2018-09-10"><inline name="highlight">3</inline></del>'
    around = '<inline name="highlight"><del itu_nb:author="Brazil" itu_nb:date="2018-09-10">3</del></inline>'
    assert inside in akn and around not in akn
    for xml, op, written in [
        (akn, "DELETE", "{--{==3==}--}" + BRAZIL),
        (akn.replace(inside, around), "EQUAL", "{=={--3--}" + BRAZIL + "==}"),
    ]:
        got = itu_nb.load(xml, format="akn")
        assert _marks(got) == [("highlight", 44, 1, op, None, None, "3")]
        text = itu_nb.to_criticmarkup(got)
        assert LINE.format(written + "{++4++}" + BRAZIL) in text.split("\n")
        back = itu_nb.load(itu_nb.to_akn(itu_nb.load(text, format="criticmarkup")), format="akn")
        assert _marks(back) == _marks(got)


# ----------------------------------------------------------------------------
# Word: highlighted runs inside a tracked change
# ----------------------------------------------------------------------------
def _lit(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _word(changed: str) -> itu_nb.Document:
    body = B.HEAD + B.para(B.run("noting"))
    body += B.para(B.run("b)\tthe glossary of terms presented in Annex ") + changed + B.run(" to this resolution,"))
    return itu_nb.load(B.package(body), format="docx")


def test_word_highlights_inside_changes_are_written_inside_their_marks():
    doc = _word(B.dele(_lit("3", deleted=True), "Brazil", 5) + B.ins(B.run("4 and ") + _lit("Annex 5"), "CEPT", 6))
    # read off the runs built: "3" deleted at 44 and lit; "4 and Annex 5" inserted at 45, "Annex 5" lit at 51
    assert _marks(doc) == [
        ("highlight", 44, 1, "DELETE", None, None, "3"),
        ("highlight", 51, 7, "INSERT", None, None, "Annex 5"),
    ]
    text = itu_nb.to_criticmarkup(doc)
    day = " (2018-09-10T00:00:00Z)"  # (B.ins and B.dele date every change so)
    assert (
        "b)\tthe glossary of terms presented in Annex {--{==3==}--}{>>@Brazil" + day + "<<}"
        "{++4 and {==Annex 5==}++}{>>@CEPT" + day + "<<} to this resolution,"
    ) in text.split("\n")
    back = itu_nb.load(text, format="criticmarkup")
    assert (_marks(back), _runs(back), _views(back)) == (_marks(doc), _runs(doc), _views(doc))
    assert _views(doc) == (REPLACED[0], REPLACED[0].replace("Annex 3", "Annex 4 and Annex 5"))


def test_word_highlight_inside_deletions_by_two_authors_is_written_in_each_mark_and_read_back_inside():
    # one mark holds one author: its part in each deletion's mark, read back as two highlights with their op (session
    # 22: written around them, it reads back as made around them, tests/test_highlight_authors.py)
    doc = _word(B.dele(_lit("3", deleted=True), "Brazil", 5) + B.dele(_lit("5", deleted=True), "CEPT", 6))
    assert _marks(doc) == [("highlight", 44, 2, "DELETE", None, None, "35")]
    text = itu_nb.to_criticmarkup(doc)
    assert (
        "Annex {--{==3==}--}{>>@Brazil (2018-09-10T00:00:00Z)<<}{--{==5==}--}{>>@CEPT (2018-09-10T00:00:00Z)<<} to"
        in text
    )
    back = itu_nb.load(text, format="criticmarkup")
    two = [("highlight", 44, 1, "DELETE", None, None, "3"), ("highlight", 45, 1, "DELETE", None, None, "5")]
    assert (_marks(back), _runs(back)) == (two, _runs(doc))


@pytest.mark.parametrize("case", ["deleted, inside", "inserted, inside, in the middle", "inserted, two inside"])
def test_word_keeps_a_highlight_made_inside_a_change(case):
    words, _, want = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    for route in (["docx"], ["docx", "critic"], ["critic", "docx", "critic"]):
        got = doc
        for fmt in route:
            got = _hop(got, fmt)
        assert (_marks(got), _runs(got)) == (want, _runs(doc)), route


@pytest.mark.parametrize("case", ["deleted, around", "inserted, around"])
def test_word_keeps_a_highlight_made_around_one_changes_text(case):
    # session 21: the highlighted runs inside w:del/w:ins carry a w:rPrChange whose properties before lack the
    # highlight (it was put on the change's text afterwards): the .docx reader reads the highlight back made around
    words, _, want = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    for route in (["docx"], ["docx", "critic"], ["critic", "docx", "critic"], ["docx", "critic", "docx"]):
        got = doc
        for fmt in route:
            got = _hop(got, fmt)
        assert (_marks(got), _runs(got), _views(got)) == (want, _runs(doc), _views(doc)), route
    # the run as written: highlight, then the formatting change (last in w:rPr, as ECMA-376 orders them) by the
    # change's author and date, holding the properties before: none
    (run,) = [r for r in _body_runs(itu_nb.to_docx(doc)) if r.find(f"{W}rPr/{W}highlight") is not None]
    change = run.find(f"{W}rPr/{W}rPrChange")
    assert [c.tag for c in run.find(f"{W}rPr")] == [f"{W}highlight", f"{W}rPrChange"]
    assert (change.get(f"{W}author"), change.get(f"{W}date")) == (
        ("Brazil", "2018-09-10T00:00:00Z") if "--}" in words else ("CEPT", "2018-10-02T00:00:00Z")
    )
    assert change.get(f"{W}id") and [c.tag for c in change] == [f"{W}rPr"] and len(change[0]) == 0
    assert run.getparent().tag == (f"{W}del" if "--}" in words else f"{W}ins")


@pytest.mark.parametrize("case", ["deleted, inside", "inserted, inside, in the middle", "inserted, two inside"])
def test_a_highlight_made_inside_a_change_is_written_as_before(case):
    # highlighted runs inside the change, no w:rPrChange: the form Word and to_docx wrote before session 21
    words, _, _ = CASES[case]
    data = itu_nb.to_docx(itu_nb.load(_source(words), format="criticmarkup"))
    runs = [r for r in _body_runs(data) if r.find(f"{W}rPr/{W}highlight") is not None]
    assert runs and all(r.find(f"{W}rPr/{W}rPrChange") is None for r in runs)
    assert {r.getparent().tag for r in runs} == {f"{W}del" if "--}" in words else f"{W}ins"}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _body_runs(data: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.iter(f"{W}r"))


def _lit_changed(text: str, deleted: bool, before: str | None, extra: str = "") -> str:
    """A highlighted run (``extra`` properties first) with a w:rPrChange holding ``before`` (None: no rPrChange)."""
    tag = "w:delText" if deleted else "w:t"
    change = (
        ""
        if before is None
        else f'<w:rPrChange w:id="90" w:author="CEPT" w:date="2018-10-02T00:00:00Z">{before}</w:rPrChange>'
    )
    return f'<w:r><w:rPr>{extra}<w:highlight w:val="yellow"/>{change}</w:rPr><{tag} xml:space="preserve">{text}</{tag}></w:r>'


#: (properties before, in w:rPrChange (None: none), properties of the run besides its highlight) → the highlight's op
#: inside a deletion, and whether the node keeps a note of a formatting change.  Hand-written as Word writes a
#: formatting change (ECMA-376 17.13.5.31: w:rPrChange, last in w:rPr, holds the w:rPr before).
WORD_FORMS = {
    "no rPrChange: made inside": (None, "", "DELETE", False),
    "rPrChange without the highlight: made around": ("<w:rPr/>", "", "EQUAL", False),
    "rPrChange with highlight none: made around": ('<w:rPr><w:highlight w:val="none"/></w:rPr>', "", "EQUAL", False),
    "rPrChange holding the highlight: made inside": (
        '<w:rPr><w:highlight w:val="yellow"/><w:b/></w:rPr>',
        "",
        "DELETE",
        True,
    ),
    "bold kept, highlight added: made around": ("<w:rPr><w:b/></w:rPr>", "<w:b/>", "EQUAL", False),
    "bold added with the highlight: made around, noted": ("<w:rPr/>", "<w:b/>", "EQUAL", True),
}


@pytest.mark.parametrize("form", list(WORD_FORMS))
def test_word_reads_the_formatting_change_of_a_highlighted_deleted_run(form):
    before, extra, op, noted = WORD_FORMS[form]
    doc = _word(B.dele(_lit_changed("3", True, before, extra), "Brazil", 5) + B.ins(B.run("4"), "Brazil", 6))
    # "3" deleted at 44 (label "b)<TAB>" and "the glossary of terms presented in Annex "), highlighted
    assert _marks(doc) == [("highlight", 44, 1, op, None, None, "3")]
    assert _views(doc) == REPLACED
    notes = [n for n in _node(doc).notes if "formatting" in n]
    assert notes == (["text formatting changed by CEPT (2018-10-02T00:00:00Z); not a text change"] if noted else [])


def test_word_reads_a_highlight_made_around_an_insertion_and_one_after_unchanged_text():
    lit = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">3</w:t></w:r>'
    # CEPT's " and Annex 4" highlighted after it was inserted: one highlight made around the insertion, at 45
    doc = _word(B.run("3") + B.ins(_lit_changed(" and Annex 4", False, "<w:rPr/>"), "CEPT", 5))
    assert _marks(doc) == [("highlight", 45, 12, "EQUAL", None, None, " and Annex 4")]
    assert _views(doc) == ADDED
    # "3" and the insertion highlighted as one (one colour): EQUAL from its first run, as before
    doc = _word(lit + B.ins(_lit_changed(" and Annex 4", False, "<w:rPr/>"), "CEPT", 5))
    assert _marks(doc) == [("highlight", 44, 13, "EQUAL", None, None, "3 and Annex 4")]
    # a formatting change on unchanged highlighted text is a note, as before (the highlight: EQUAL either way)
    doc = _word(_lit_changed("3", False, "<w:rPr/>") + B.ins(B.run(" and Annex 4"), "CEPT", 5))
    assert _marks(doc) == [("highlight", 44, 1, "EQUAL", None, None, "3")]
    assert [n for n in _node(doc).notes if "formatting" in n] == [
        "text formatting changed by CEPT (2018-10-02T00:00:00Z); not a text change"
    ]


def test_a_highlight_made_around_a_change_in_a_note_survives_word():
    # Resolution 71's considering a) with footnote 1 (tests/test_notes_changes.py): Brazil's "Resolution " highlighted
    # after it was inserted
    source = (
        "MOD\tX/1/1\n\nconsidering\n"
        "a)\tthat telecommunications matter[footnoteRef:1][1: See {=={++Resolution ++}" + BRAZIL + "==}71];\n"
    )
    doc = itu_nb.load(source, format="criticmarkup")
    (note,) = [n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
    assert [(a.offset, a.length, a.op.name) for a in note.artefacts if a.kind == "highlight"] == [(4, 11, "EQUAL")]
    for route in (["docx"], ["docx", "critic"], ["critic", "docx"]):
        got = doc
        for fmt in route:
            got = _hop(got, fmt)
        (back,) = [n for p in got for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
        assert [(a.offset, a.length, a.op.name) for a in back.artefacts if a.kind == "highlight"] == [
            (4, 11, "EQUAL")
        ], route
    assert itu_nb.to_criticmarkup(_hop(doc, "docx")) == source.replace("2018-09-10", "2018-09-10T00:00:00Z")


@needs_soffice
def test_libreoffice_opens_the_word_written_with_both_forms(tmp_path):
    words = "{=={--3--}" + BRAZIL + "==}{++4++}" + BRAZIL + " and {--{==x==}--}" + BRAZIL
    doc = itu_nb.load(_source(words), format="criticmarkup")
    path = tmp_path / "both.docx"
    itu_nb.to_docx(doc, path)
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    root = etree.fromstring(fodt.encode())
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    # LibreOffice reads the tracked changes (the title's "Busan, 2014" -> "Dubai, 2018", "3" -> "4", "x" deleted) and
    # the text; its own model keeps one change per stretch of text, so it drops the formatting change over the
    # deleted "3" (LibreOffice's limit, not the file's: a .docx it saves again reads the highlight made inside)
    kinds = [c[0].tag for c in root.iter(f"{text}changed-region")]
    assert kinds.count(f"{text}deletion") == 3 and kinds.count(f"{text}insertion") == 2
    assert "the glossary of terms presented in Annex" in "".join(root.itertext())


@needs_pandoc
def test_pandoc_reads_the_word_written_with_a_highlight_made_around_a_change(tmp_path):
    import subprocess

    doc = itu_nb.load(_source(CASES["deleted, around"][0]), format="criticmarkup")
    path = tmp_path / "around.docx"
    itu_nb.to_docx(doc, path)
    for mode, want in (("accept", "Annex 4 to"), ("reject", "Annex 3 to")):
        res = subprocess.run(
            ["pandoc", f"--track-changes={mode}", "-t", "plain", str(path)], capture_output=True, text=True, timeout=120
        )
        assert res.returncode == 0, res.stderr
        assert want in " ".join(res.stdout.split()), mode


def test_a_highlight_inside_a_change_inside_a_note_is_the_notes_and_survives_criticmarkup():
    # Resolution 71's considering a) with footnote 1 as tests/test_notes_changes.py writes it
    source = (
        "MOD\tX/1/1\n\nconsidering\n"
        "a)\tthat telecommunications matter[footnoteRef:1][1: See {++{==Resolution ==}++}" + BRAZIL + "71];\n"
    )
    doc = itu_nb.load(source, format="criticmarkup")
    (note,) = [n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
    assert [(a.offset, a.length, a.op.name) for a in note.artefacts if a.kind == "highlight"] == [(4, 11, "INSERT")]
    assert itu_nb.to_criticmarkup(doc) == source
    for fmt in ("akn", "docx"):
        (back,) = [n for p in _hop(doc, fmt) for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
        assert [(a.offset, a.length, a.op.name) for a in back.artefacts if a.kind == "highlight"] == [
            (4, 11, "INSERT")
        ], fmt


def test_a_long_text_reads_such_lines_as_a_short_one_does():
    # texts of 64 KiB and more are read line by line (parsing/by_line): a line with a highlight inside a change is
    # handed to the whole reader, and reads the same
    filler = "".join(f"{chr(97 + k % 26)})\tthat item {k} is kept;\n" for k in range(26))
    short = _source(CASES["inserted, two inside"][0]) + filler
    long_ = HEAD + (filler * 140) + LINE.format(CASES["inserted, two inside"][0]) + "\n"
    assert len(long_) > 1 << 16
    doc = itu_nb.load(short, format="criticmarkup")
    big = itu_nb.load(long_, format="criticmarkup")
    lit = [n for n in big[0].walk() if any(a.kind == "highlight" for a in n.artefacts)]
    assert len(lit) == 1
    node = lit[0]
    assert [(a.offset, a.length, a.op.name) for a in node.artefacts if a.kind == "highlight"] == [
        (a.offset, a.length, a.op.name) for a in _node(doc).artefacts if a.kind == "highlight"
    ]


def test_criticmarkup_written_before_from_word_reads_as_made_around_with_the_same_text_and_decisions():
    # 556c042 wrote Word's highlighted "3" inside Brazil's w:del around the deletion (its one form for both); read now,
    # that is the highlight made around it (EQUAL): the text, the changes, the highlighted characters and what
    # accepting or rejecting leaves are those of the Word document; only the highlight's op differs (decision, session 21)
    day = " (2018-09-10T00:00:00Z)"
    word = _word(B.dele(_lit("3", deleted=True), "Brazil", 5) + B.ins(B.run("4"), "Brazil", 6))
    old = itu_nb.to_criticmarkup(word).replace(
        "{--{==3==}--}{>>@Brazil" + day + "<<}", "{=={--3--}{>>@Brazil" + day + "<<}==}"
    )
    assert "Annex {=={--3--}{>>@Brazil" + day + "<<}==}{++4++}{>>@Brazil" + day + "<<} to" in old
    now = itu_nb.load(old, format="criticmarkup")
    assert _marks(word) == [("highlight", 44, 1, "DELETE", None, None, "3")]
    assert _marks(now) == [("highlight", 44, 1, "EQUAL", None, None, "3")]
    assert (_runs(now), _views(now)) == (_runs(word), _views(word))
    for how in ("accept", "reject"):
        settled = [
            [(a.kind, a.offset, a.length, a.op.name) for a in getattr(d[0], how)()["noting/b"].artefacts]
            for d in (word, now)
        ]
        assert settled[0] == settled[1], how
