"""A highlight made around changes of one op by several authors, through every format (issue 17, remains 4; session 22).

One CriticMarkup mark holds one author and date, so such a highlight is written around the changes, each followed by
its own author and date: ``{=={--Annex 3--}{>>@Brazil (…)<<}{-- to this resolution--}{>>@CEPT (…)<<}==}``.  It reads
back as one highlight made around them (op EQUAL), each change keeping its author and date, as Akoma Ntoso
(``<inline name="highlight"><del …Brazil…>…</del><del …CEPT…>…</del></inline>``) and Word (a ``w:rPrChange`` lacking
the highlight on each run, by that run's change's author) write it.  In session 21 it read back as made inside the
changes (op DELETE), so a highlight Word or Akoma Ntoso had made around them lost its op through CriticMarkup.

One made inside changes by several authors (Word: highlighted runs in two ``w:del`` without ``w:rPrChange``) is
written with its part in each change's mark, ``{--{==3==}--}{>>@Brazil (…)<<}{--{==5==}--}{>>@CEPT (…)<<}``: two
highlights of that op, the characters kept, as Akoma Ntoso writes it (one ``<inline>`` inside each ``<del>``) and
reads it back.

The line is Resolution 71's *noting b)* (Doc 67: "the glossary of terms presented in Annex 3 to this resolution,").
Offsets count the label ``b)<TAB>`` (3 characters) and ``the glossary of terms presented in `` (35 more): "Annex 3"
stands at 38, " to this resolution" (19 characters) at 45, the comma at 64.
"""

from __future__ import annotations

import io
import zipfile

import docx_build as B
import pytest
from lxml import etree

import itu_nb

BRAZIL = "{>>@Brazil (2018-09-10)<<}"
CEPT = "{>>@CEPT (2018-10-02)<<}"
APT = "{>>@APT (2018-10-05)<<}"
HEAD = "MOD\tB/67/2\nRESOLUTION 71 (Rev. {--Busan, 2014--}" + BRAZIL + "{++Dubai, 2018++}" + BRAZIL + "\nnoting\n"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: (CriticMarkup of the words after "presented in ", the views of noting b), its highlights as (offset, length, op,
#: the text there), its changes as (op, text, author, day)); each read off the line by eye
CASES = {
    "two deletions": (
        "{=={--Annex 3--}" + BRAZIL + "{-- to this resolution--}" + CEPT + "==},",
        ("the glossary of terms presented in Annex 3 to this resolution,", "the glossary of terms presented in ,"),
        [(38, 26, "EQUAL", "Annex 3 to this resolution")],
        [("DELETE", "Annex 3", "Brazil", "2018-09-10"), ("DELETE", " to this resolution", "CEPT", "2018-10-02")],
    ),
    "three insertions": (
        "Annex 3{++ and Annex 4++}" + CEPT + "{=={++ and Annex 5++}" + APT + "{++ and Annex 6++}" + BRAZIL + "==} to"
        " this resolution,",
        (
            "the glossary of terms presented in Annex 3 to this resolution,",
            "the glossary of terms presented in Annex 3 and Annex 4 and Annex 5 and Annex 6 to this resolution,",
        ),
        # " and Annex 4" (12) after "Annex 3" (45): the highlight from 57, " and Annex 5" and " and Annex 6" (12 each)
        [(57, 24, "EQUAL", " and Annex 5 and Annex 6")],
        [
            ("INSERT", " and Annex 4", "CEPT", "2018-10-02"),
            ("INSERT", " and Annex 5", "APT", "2018-10-05"),
            ("INSERT", " and Annex 6", "Brazil", "2018-09-10"),
        ],
    ),
    "a deletion by one author, then two dates of another's": (
        "{=={--Annex 3--}" + BRAZIL + "{-- to this--}{>>@Brazil (2018-09-11)<<}==} resolution,",
        (
            "the glossary of terms presented in Annex 3 to this resolution,",
            "the glossary of terms presented in  resolution,",
        ),
        [(38, 15, "EQUAL", "Annex 3 to this")],
        [("DELETE", "Annex 3", "Brazil", "2018-09-10"), ("DELETE", " to this", "Brazil", "2018-09-11")],
    ),
}
IDS = list(CASES)


def _source(words: str) -> str:
    return HEAD + "b)\tthe glossary of terms presented in " + words + "\n"


def _node(doc: itu_nb.Document):
    return doc[0]["noting/b"]


def _marks(doc: itu_nb.Document) -> list[tuple]:
    node = _node(doc)
    text = "".join(r.text for r in node.label_runs + node.runs)
    return [
        (a.offset, a.length, a.op.name, text[a.offset : a.offset + a.length])
        for a in node.artefacts
        if a.kind == "highlight"
    ]


def _changes(doc: itu_nb.Document) -> list[tuple]:
    return [(r.op.name, r.text, r.author, r.date and r.date[:10]) for r in _node(doc).runs if r.op.name != "EQUAL"]


def _views(doc: itu_nb.Document) -> tuple[str, str]:
    node = _node(doc)
    return node.body("original"), node.body("amended")


def _hop(doc: itu_nb.Document, fmt: str) -> itu_nb.Document:
    if fmt == "critic":
        return itu_nb.load(itu_nb.to_criticmarkup(doc), format="criticmarkup")
    if fmt == "akn":
        return itu_nb.load(itu_nb.to_akn(doc), format="akn")
    return itu_nb.load(itu_nb.to_docx(doc), format="docx")


@pytest.mark.parametrize("case", IDS)
def test_criticmarkup_reads_one_highlight_made_around_each_signed_change(case):
    words, views, marks, changes = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    assert _views(doc) == views
    assert _marks(doc) == marks
    assert _changes(doc) == changes


@pytest.mark.parametrize("case", IDS)
def test_criticmarkup_writes_it_back_as_read(case):
    words, _, marks, changes = CASES[case]
    doc = itu_nb.load(_source(words), format="criticmarkup")
    text = itu_nb.to_criticmarkup(doc)
    assert "b)\tthe glossary of terms presented in " + words in text.split("\n")
    back = itu_nb.load(text, format="criticmarkup")
    assert (_marks(back), _changes(back), _views(back)) == (marks, changes, _views(doc))


@pytest.mark.parametrize("case", IDS)
@pytest.mark.parametrize(
    "route",
    [["akn"], ["akn", "critic", "akn"], ["critic", "akn", "critic"], ["docx"], ["docx", "critic"], ["critic", "docx"]]
    + [["docx", "critic", "docx"], ["critic", "docx", "critic"]],
    ids="-".join,
)
def test_every_route_keeps_it_made_around_with_each_changes_author(case, route):
    words, views, marks, changes = CASES[case]
    got = itu_nb.load(_source(words), format="criticmarkup")
    for fmt in route:
        got = _hop(got, fmt)
    assert (_marks(got), _changes(got), _views(got)) == (marks, changes, views)


def test_word_writes_each_run_with_a_formatting_change_by_its_changes_author():
    doc = itu_nb.load(_source(CASES["two deletions"][0]), format="criticmarkup")
    with zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(doc))) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lit = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None]
    # each highlighted run in its own w:del, the w:rPrChange (properties before: none) by that deletion's author
    assert ["".join(r.itertext()) for r in lit] == ["Annex 3", " to this resolution"]
    for run, author in zip(lit, ["Brazil", "CEPT"], strict=True):
        assert run.getparent().tag == f"{W}del" and run.getparent().get(f"{W}author") == author
        change = run.find(f"{W}rPr/{W}rPrChange")
        assert change.get(f"{W}author") == author and len(change.find(f"{W}rPr")) == 0


def test_akn_writes_one_inline_around_both_deletions():
    doc = itu_nb.load(_source(CASES["two deletions"][0]), format="criticmarkup")
    akn = itu_nb.to_akn(doc)
    assert (
        'presented in <inline name="highlight"><del itu_nb:author="Brazil" itu_nb:date="2018-09-10">Annex 3</del>'
        '<del itu_nb:author="CEPT" itu_nb:date="2018-10-02"> to this resolution</del></inline>,'
    ) in akn


# ----------------------------------------------------------------------------
# Word sources: highlighted runs in two authors' deletions, made around them or inside them
# ----------------------------------------------------------------------------
def _lit(text: str, around: bool) -> str:
    """A highlighted deleted run; made around its change (``around``): a w:rPrChange whose properties lack it."""
    change = '<w:rPrChange w:id="90" w:author="CEPT" w:date="2018-10-02T00:00:00Z"><w:rPr/></w:rPrChange>'
    return (
        f'<w:r><w:rPr><w:highlight w:val="yellow"/>{change if around else ""}</w:rPr>'
        f'<w:delText xml:space="preserve">{text}</w:delText></w:r>'
    )


def _word(around: bool) -> itu_nb.Document:
    body = B.HEAD + B.para(B.run("noting"))
    changed = B.dele(_lit("Annex 3", around), "Brazil", 5) + B.dele(_lit(" to this resolution", around), "CEPT", 6)
    body += B.para(B.run("b)\tthe glossary of terms presented in ") + changed + B.run(","))
    return itu_nb.load(B.package(body), format="docx")


def test_a_word_highlight_made_around_two_authors_deletions_survives_criticmarkup():
    doc = _word(around=True)
    assert _marks(doc) == [(38, 26, "EQUAL", "Annex 3 to this resolution")]
    text = itu_nb.to_criticmarkup(doc)
    day = " (2018-09-10T00:00:00Z)"  # (B.dele dates every change so)
    assert (
        "b)\tthe glossary of terms presented in {=={--Annex 3--}{>>@Brazil" + day + "<<}"
        "{-- to this resolution--}{>>@CEPT" + day + "<<}==},"
    ) in text.split("\n")
    back = itu_nb.load(text, format="criticmarkup")
    assert (_marks(back), _changes(back), _views(back)) == (_marks(doc), _changes(doc), _views(doc))
    again = _hop(back, "docx")
    assert (_marks(again), _changes(again)) == (_marks(doc), _changes(doc))


def test_a_word_highlight_made_inside_two_authors_deletions_is_written_in_each_mark():
    doc = _word(around=False)
    assert _marks(doc) == [(38, 26, "DELETE", "Annex 3 to this resolution")]
    text = itu_nb.to_criticmarkup(doc)
    day = " (2018-09-10T00:00:00Z)"
    assert (
        "b)\tthe glossary of terms presented in {--{==Annex 3==}--}{>>@Brazil" + day + "<<}"
        "{--{== to this resolution==}--}{>>@CEPT" + day + "<<},"
    ) in text.split("\n")
    # one highlight per mark, the op and the characters kept, as Akoma Ntoso reads it back
    back = itu_nb.load(text, format="criticmarkup")
    two = [(38, 7, "DELETE", "Annex 3"), (45, 19, "DELETE", " to this resolution")]
    assert (_marks(back), _changes(back), _views(back)) == (two, _changes(doc), _views(doc))
    assert _marks(_hop(doc, "akn")) == two
    # and Word, which writes two highlights side by side in two colours
    assert _marks(_hop(back, "docx")) == two


def test_criticmarkup_written_before_from_such_a_word_source_keeps_its_text_changes_and_decisions():
    # 370d352 wrote Word's highlight inside both deletions around them (the form now read as made around): read now,
    # the text, the changes, the highlighted characters and what accepting or rejecting leaves are the Word
    # document's; only the highlight's op differs
    word = _word(around=False)
    day = " (2018-09-10T00:00:00Z)"
    old = _source(
        "{=={--Annex 3--}{>>@Brazil" + day + "<<}{-- to this resolution--}{>>@CEPT" + day + "<<}==},"
    ).replace("MOD\tB/67/2", "MOD\tXYZ/1/1")
    now = itu_nb.load(old, format="criticmarkup")
    assert _marks(now) == [(38, 26, "EQUAL", "Annex 3 to this resolution")]
    assert (_changes(now), _views(now)) == (_changes(word), _views(word))
    for how in ("accept", "reject"):
        assert _views_of(getattr(now[0], how)()) == _views_of(getattr(word[0], how)()), how


def _views_of(proposal) -> tuple[str, str]:
    node = proposal["noting/b"]
    return node.body("original"), node.body("amended")


# ----------------------------------------------------------------------------
# The Word writer's fast line writer (export/docx_plain) writes such lines to the tree writer's bytes
# ----------------------------------------------------------------------------
def _docx_parts(doc: itu_nb.Document, fast: bool) -> dict[str, bytes]:
    import re

    from itu_nb.export import docx

    with pytest.MonkeyPatch.context() as m:
        if not fast:
            m.setattr(docx, "plain_paragraph", lambda *a: None)
        data = itu_nb.to_docx(doc, author='Q "R" & <S>')
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        times = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
        return {n: times.sub(b"", z.read(n)) for n in z.namelist()}


@pytest.mark.parametrize(
    "words",
    [CASES[case][0] for case in IDS]
    + [
        # a change without author or date (the writer's own), TAB and "&" in the text, an empty highlight after it
        "{=={--Annex\t3 & 4--}{++5++}" + CEPT + "==}{====}, to this resolution,",
        # two highlights side by side (yellow, then green), the second made around a deletion
        "{==Annex==}{=={-- 3--}" + BRAZIL + "==} to this resolution,",
        # made inside (no w:rPrChange) next to one made around
        "{--{==Annex 3==}--}" + BRAZIL + " {=={++4++}" + CEPT + "==} to this resolution,",
    ],
)
def test_the_fast_line_writer_writes_highlights_made_around_changes_as_the_tree_does(words):
    from itu_nb.export import docx

    doc = itu_nb.load(_source(words), format="criticmarkup")
    used = []
    plain = docx.plain_paragraph
    with pytest.MonkeyPatch.context() as m:
        m.setattr(docx, "plain_paragraph", lambda *a: used.append(plain(*a)) or used[-1])
        fast = _docx_parts(doc, fast=True)
    # the line of noting b) was written as text (it holds a w:rPrChange), and gives the tree's bytes
    assert any(x is not None and "w:rPrChange" in x for x in used)
    assert fast == _docx_parts(doc, fast=False)
