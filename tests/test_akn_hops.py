"""Issue 17: Akoma Ntoso round trips lose nothing, on the second hop too.

``load(to_akn(load(to_akn(x))))`` must give back what ``load(to_akn(x))`` gave, and both what ``x`` had:
- the comments of lines that are no node (a marker line, a blank line between two clauses, between two
  proposals, at the end): text, author, date, op, the proposal they go with, their place in it and the path
  of the clause before them (:func:`itu_nb.export.loose.loose_comments`).  AKN keeps such a line in the
  statement's ``<proprietary>`` with its ``place`` and ``after``; the loader gives them back as the
  artefacts' ``anchor``, so the writers after AKN (CriticMarkup, Word, HTML, AKN again) put the line after
  that clause, not at the end of its proposal, however many hops it took;
- the comments and highlights of the clauses, with their op (a highlight on inserted text is inserted);
- a footnote of several paragraphs: a ``p`` per paragraph in its ``authorialNote``, a tracked paragraph
  mark (a paragraph deleted whole, as Word has it) with its op, author and date; a tracked change inside
  the note with its author and date.

The documents are generated (hypothesis: CriticMarkup text with comments on blank lines at every place a
line can stand; Word files, ``docx_build``, for what CriticMarkup cannot say: notes of several paragraphs,
tracked paragraph marks, highlights inside a ``w:ins``) or written out by hand where a value is checked.
Akoma Ntoso drops white space at the edges of a block (``loaders/akn_runs.py``), so the generated note
paragraphs do not end in a space.
"""

from __future__ import annotations

import docx_build as B
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from test_docx_notes import _PARAGRAPHS

import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.export.loose import loose_comments, loose_lines

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
ITU_NB = "{urn:itu_nb:akn}"
WRITERS = {"critic": itu_nb.to_criticmarkup, "docx": itu_nb.to_docx, "akn": itu_nb.to_akn}


def hop(doc: itu_nb.Document, fmt: str = "akn") -> itu_nb.Document:
    return itu_nb.load(WRITERS[fmt](doc))


def _day(date: str | None) -> str | None:
    """Word stores a date with its time: ``2018-10-02`` comes back as ``2018-10-02T00:00:00Z``."""
    return date[:10] if date else date


def placed(doc: itu_nb.Document) -> list[tuple]:
    """The comments of lines that are no node, and where they stand: text, author, day, op, proposal, place,
    kind of line, path of the clause before them."""
    return [
        (x.comment.text, x.comment.author, _day(x.comment.date), x.comment.op, x.proposal, x.place, x.on, x.after)
        for x in loose_comments(doc)
    ]


def lit_lines(doc: itu_nb.Document) -> list[tuple]:
    """The highlights of lines that are no node (``{==MOD==}`` on a marker): proposal, place, path of the clause
    before, and each highlight's offset, length and op."""
    return [
        (x.proposal, x.place, x.after, [(a.offset, a.length, a.op) for a in x.artefacts if a.kind == "highlight"])
        for x in loose_lines(doc)
        if any(a.kind == "highlight" for a in x.artefacts)
    ]


def marks(doc: itu_nb.Document) -> list[tuple]:
    """The comments and highlights of the nodes: proposal, path, kind, offset, length, op, text, author, day."""
    return [
        (p.id, n.path, a.kind, a.offset, a.length, a.op, a.text, a.author, _day(a.date))
        for p in doc
        for n in p.walk()
        for a in n.artefacts
        if a.kind in ("comment", "highlight")
    ]


def notes(doc: itu_nb.Document) -> list[tuple]:
    """Every footnote node: proposal, path, and its label and text runs (op, text, author, day)."""
    return [
        (p.id, n.path, [(r.op, r.text, r.author, _day(r.date)) for r in n.label_runs + n.runs])
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


# ----------------------------------------------------------------------------
# comments on lines that are no node, at every place such a line can stand
# ----------------------------------------------------------------------------
#: A document with a comment on a blank line between considering a) and b) of its first proposal, one on the
#: marker line of the second, one on a blank line between its two sections and one at the end.
_TWO = """MOD\tX/1/1

RESOLUTION 1 (Rev. Busan, 2014)

considering
a)\tthat {==one==} thing;
{>>@APT (2018-10-03): between a and b<<}
b)\tthat two;
c)\tthat three,

MOD\tX/1/2{>>@CEPT (2018-10-02): on the marker<<}

RESOLUTION 2 (Rev. Busan, 2014)

considering
a)\tthat x;
{>>@Brazil: between the sections<<}
resolves
1\tto act.
{>>@APT (2018-10-03): at the end<<}
"""


def test_a_comment_between_two_clauses_stays_after_the_first_through_two_hops():
    doc = itu_nb.load(_TWO, format="criticmarkup")
    # as read from the text (lines 6, 10, 16 and 19, 0-based), checked against _TWO by eye
    want = [
        ("between a and b", "APT", "2018-10-03", Op.EQUAL, 0, "inside", "blank", "considering/a"),
        ("on the marker", "CEPT", "2018-10-02", Op.EQUAL, 1, "marker", "marker", None),
        ("between the sections", "Brazil", None, Op.EQUAL, 1, "inside", "blank", "considering/a"),
        ("at the end", "APT", "2018-10-03", Op.EQUAL, 1, "end", "blank", "resolves/1"),
    ]
    assert placed(doc) == want
    once = hop(doc)
    twice = hop(once)
    thrice = hop(twice)
    assert placed(once) == placed(twice) == placed(thrice) == want
    # with their source line, each hop (the line numbers AKN keeps are the first source's)
    lines = [a.line for a in doc.artefacts if a.kind == "comment"]
    assert lines == [6, 10, 16, 19]
    assert [a.line for a in thrice.artefacts if a.kind == "comment"] == lines
    # what AKN writes: the line's place and the clause before it, in the statement's <proprietary>
    root = etree.fromstring(itu_nb.to_akn(twice).encode("utf-8"))
    kept = [
        (e.get("n"), e.get("place"), e.get("after"))
        for e in root.iter(f"{ITU_NB}line")
        if e.find(f"{ITU_NB}comment") is not None
    ]
    assert kept == [("6", "inside", "considering/a"), ("10", "marker", None), ("16", "inside", "considering/a")] + [
        ("19", "end", "resolves/1")
    ]


def test_after_akoma_ntoso_every_writer_puts_the_comment_where_it_stood():
    doc = itu_nb.load(_TWO, format="criticmarkup")
    want = placed(doc)
    for source in (hop(doc), hop(hop(doc))):
        for fmt in ("critic", "docx"):
            assert placed(hop(source, fmt)) == want, fmt
            assert placed(hop(hop(source, fmt))) == want, fmt  # and through AKN once more
        text = itu_nb.to_criticmarkup(source).splitlines()
        at = text.index("a)\tthat {==one==} thing;")
        assert text[at : at + 3] == [
            "a)\tthat {==one==} thing;",
            "{>>@APT (2018-10-03): between a and b<<}",
            "b)\tthat two;",
        ]
        assert text[text.index("1\tto act.") + 1] == "{>>@APT (2018-10-03): at the end<<}"
        # HTML: the comment's paragraph right after the clause it follows
        page = lxml_html.fromstring(itu_nb.to_html(source).encode("utf-8"))
        for comment, proposal, path in (
            ("between a and b", "X/1/1", "considering/a"),
            ("at the end", "X/1/2", "resolves/1"),
        ):
            (p,) = page.xpath(f"//p[@class='loose'][contains(., '{comment}')]")
            before = p.getprevious()
            while before.get("class") == "loose":
                before = before.getprevious()
            assert before.get("id") == "c-" + f"{proposal}/{path}".replace("/", "_2f"), comment


def test_a_comment_after_a_clause_the_proposal_no_longer_has_goes_to_its_end():
    # an anchor naming a clause the proposal does not have (an AKN file edited by hand): the line goes to the end
    # of its proposal, after its last clause, never lost
    data = itu_nb.to_akn(itu_nb.load(_TWO, format="criticmarkup"))
    gone = itu_nb.load(data.replace('after="considering/a"', 'after="considering/z"', 1))
    assert placed(gone)[0] == ("between a and b", "APT", "2018-10-03", Op.EQUAL, 0, "end", "blank", None)
    text = itu_nb.to_criticmarkup(gone).splitlines()
    assert text[text.index("c)\tthat three,") + 1] == "{>>@APT (2018-10-03): between a and b<<}"
    page = lxml_html.fromstring(itu_nb.to_html(gone).encode("utf-8"))
    assert page.xpath("//p[@class='loose'][contains(., 'between a and b')]")


_WHO = st.sampled_from([("APT", "2018-10-03"), ("CEPT", "2018-10-02"), ("Brazil", None)])


@st.composite
def commented(draw) -> str:
    """Proposals with comments on blank lines wherever they can stand, and highlights in clauses and markers."""
    count = iter(range(1000))

    def blank() -> str:
        if not draw(st.booleans()):
            return ""
        author, date = draw(_WHO)
        return "{>>@" + author + (f" ({date})" if date else "") + f": note {next(count)}<<}}"

    lines = []
    for k in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["MOD", "{==MOD==}"]))
        marker = draw(st.sampled_from(["", "{>>@CEPT (2018-10-02): on the marker<<}"]))
        lines += [f"{action}\tX/1/{k + 1}{marker}", blank(), f"RESOLUTION {k + 1} (Rev. Busan, 2014)", blank()]
        lines.append("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),")
        for section in draw(
            st.lists(st.sampled_from(["considering", "resolves"]), min_size=1, max_size=2, unique=True)
        ):
            lines += [blank(), section, blank()]
            for i in range(draw(st.integers(1, 3))):
                word = draw(st.sampled_from(["that", "{==that==}", "{++that++}", "{--that--}"]))
                lines += [f"{'abc'[i]})\t{word} it matters{draw(st.sampled_from(['', '{==!==}']))};", blank()]
        lines.append(blank())
    return "\n".join(lines)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(commented())
def test_generated_documents_keep_every_comment_and_highlight_through_akn_twice(text):
    doc = itu_nb.load(text, format="criticmarkup", author="Brazil", date="2018-09-10")
    once = hop(doc)
    twice = hop(once)
    assert placed(once) == placed(twice) == placed(doc)
    assert lit_lines(once) == lit_lines(twice) == lit_lines(doc)
    assert marks(once) == marks(twice) == marks(doc)
    assert [(p.id, [n.path for n in p.walk()]) for p in twice] == [(p.id, [n.path for n in p.walk()]) for p in doc]
    for fmt in ("critic", "docx"):  # and every line-based writer after AKN puts each where it stood
        back = hop(twice, fmt)
        assert (placed(back), lit_lines(back)) == (placed(doc), lit_lines(doc)), fmt


# ----------------------------------------------------------------------------
# notes of several paragraphs, changes inside notes, highlights inside changes (built as Word files)
# ----------------------------------------------------------------------------
_LIT = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
_BODY = (
    B.HEAD
    + B.para(B.run("resolves"))
    + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run("."))
    + B.para(
        B.run("2\tto ") + B.ins(_LIT.format("lit new")) + B.run(" and ") + _LIT.format("lit old") + B.footnote_ref(3)
    )
    + B.para(B.run("3\tto end") + B.footnote_ref(4) + B.run("."))
)
#: Footnote 1 in four paragraphs with changes by Brazil ("old" deleted, "new " inserted, the paragraph "gone"
#: deleted whole with its mark); footnote 2 with CEPT's "71" replaced by "72"; footnote 3 in two paragraphs,
#: no change.
_NOTES = (
    _PARAGRAPHS  # footnote 1 (w:id 2) as test_docx_notes has it
    + B.footnote(3, B.run("See ") + B.dele(B.deleted_run("71"), "CEPT") + B.ins(B.run("72"), "CEPT") + B.run(" here."))
    + '<w:footnote w:id="4">'
    + B.para("<w:r><w:footnoteRef/></w:r>" + B.run(" One."))
    + B.para(B.run("Two."))
    + "</w:footnote>"
)


def _word() -> itu_nb.Document:
    return itu_nb.load(B.package(_BODY, footnotes=_NOTES), format="docx")


def test_the_word_source_reads_as_built():
    doc = _word()
    bodies = {n.path: (n.body("original"), n.body("amended")) for n in doc[0].walk() if n.kind is NodeKind.FOOTNOTE}
    # each as _NOTES writes it: paragraphs as lines; a note whose paragraph marks change as the whole note
    # deleted and inserted (fn1, fn1#2); a note of one paragraph with a change inside as one note carrying it
    assert bodies == {
        "resolves/1/fn1": ("First old\nsecond.\ngone\nthird", ""),
        "resolves/1/fn1#2": ("", "First \nnew second.\nthird"),
        "resolves/2/fn2": ("See 71 here.", "See 72 here."),
        "resolves/3/fn3": ("One.\nTwo.", "One.\nTwo."),
    }
    # "lit new" (inserted, at 5 after "2\tto ") and "lit old" (at 17): each highlight with its run's op
    assert [(a.offset, a.length, a.op) for a in doc[0]["resolves/2"].artefacts if a.kind == "highlight"] == [
        (5, 7, Op.INSERT),
        (17, 7, Op.EQUAL),
    ]


def test_notes_of_several_paragraphs_and_changes_in_notes_survive_akn_twice():
    doc = _word()
    once = hop(doc)
    twice = hop(once)
    assert notes(once) == notes(twice) == notes(doc)
    assert marks(once) == marks(twice) == marks(doc)  # the inserted highlight stays inserted
    # a p per paragraph; the paragraph whose mark Brazil deleted says so, with the change's author and date
    root = etree.fromstring(itu_nb.to_akn(once).encode("utf-8"))
    first = next(n for n in root.iter(f"{AKN}authorialNote") if n.get("marker") == "1")
    assert ["".join(p.itertext()) for p in first.findall(f"{AKN}p")] == ["1 First old", "second.", "gone", "third"]
    assert [p.get(f"{ITU_NB}mark") for p in first.findall(f"{AKN}p")] == ["delete", "delete", "delete", None]
    assert first.findall(f"{AKN}p")[0].get(f"{ITU_NB}author") == "Brazil"
    plain = [n for n in root.iter(f"{AKN}authorialNote") if n.get("marker") == "3"]
    assert [["".join(p.itertext()) for p in n.findall(f"{AKN}p")] for n in plain] == [["3 One.", "Two."]]
    assert not [p for n in plain for p in n.iter(f"{AKN}p") if p.get(f"{ITU_NB}mark")]


def test_notes_read_from_akn_survive_word_and_akn_again():
    once = hop(_word())
    for fmt in ("docx", "akn"):
        back = hop(once, fmt)
        assert notes(back) == notes(once), fmt
        assert marks(back) == marks(once), fmt
        assert notes(hop(back)) == notes(once), fmt  # and through AKN once more


def test_criticmarkup_after_akn_keeps_note_paragraphs():
    # CriticMarkup holds a note in its host's line: its paragraph breaks are written as U+2029 and read back as
    # paragraph breaks (export/critic.py; they were line breaks, U+000B, before session 10); every word and change
    # of the note stays
    once = hop(_word())
    back = hop(once, "critic")
    assert notes(back) == notes(once)


def test_a_highlight_on_inserted_text_stays_inserted_through_every_writer_and_akn_after():
    # CriticMarkup writes it inside the insertion's mark ({++{==lit new==}++}, session 20; before, around it) and
    # reads it back with the insertion's op, as Word (w:highlight inside w:ins) and AKN (<ins><inline>) have it
    doc = _word()
    for fmt in WRITERS:
        back = hop(doc, fmt)
        assert marks(back) == marks(doc), fmt
        assert marks(hop(back)) == marks(doc), fmt
    text = itu_nb.to_criticmarkup(doc)
    assert "2\tto {++{==lit new==}++}{>>@Brazil (2018-09-10T00:00:00Z)<<} and {==lit old==}" in text
    # a highlight around changes is made around them (EQUAL), one change's text alone included
    mixed = itu_nb.load("considering\na)\tthat {==one {++two++}==} and {=={--three--}==};\n", format="criticmarkup")
    lit = [(a.offset, a.length, a.op) for a in mixed[0]["considering/a"].artefacts if a.kind == "highlight"]
    assert lit == [(8, 7, Op.EQUAL), (20, 5, Op.EQUAL)]  # "a)\tthat " is 8; "one two and " 12 more


# ----------------------------------------------------------------------------
# generated Word documents: comments on blank and marker paragraphs, notes of several paragraphs with changes
# ----------------------------------------------------------------------------
_AUTHORS = st.sampled_from(["APT", "CEPT", "Brazil"])
_WORD = st.sampled_from(["alpha", "beta", "gamma", "delta"])


@st.composite
def word_document(draw) -> bytes:
    """A .docx: a marker, heading and title, then items of one or two sections, with comments on the marker and
    on blank paragraphs anywhere, highlights (some inside insertions) and notes of one to three paragraphs,
    each paragraph plain, with a word inserted or deleted, or deleted whole with its mark.
    """
    ids = iter(range(10, 10_000))
    comments: list[str] = []
    footnotes: list[str] = [B.SEPARATORS]

    def remark() -> str:
        wid = next(ids)
        comments.append(B.comment(wid, B.run(f"note {wid}"), draw(_AUTHORS)))
        return B.comment_ref(wid)

    def blank() -> str:
        return B.para(remark()) if draw(st.booleans()) else ""

    def note() -> str:
        wid = next(ids)
        paragraphs = []
        for k in range(draw(st.integers(1, 3))):
            text = B.run(("" if k else " ") + draw(_WORD))
            how = draw(st.sampled_from(["plain", "ins", "del", "gone"]))
            if how == "ins":
                text += B.ins(B.run(" " + draw(_WORD)), draw(_AUTHORS), next(ids))
            elif how == "del":
                text += B.dele(B.deleted_run(" " + draw(_WORD)), draw(_AUTHORS), next(ids))
            ref = "<w:r><w:footnoteRef/></w:r>" if not k else ""
            if how == "gone" and k:  # a paragraph deleted whole, its mark too
                paragraphs.append(B.para(B.dele(B.deleted_run(draw(_WORD))), B.mark("del")))
            else:
                paragraphs.append(B.para(ref + text))
        footnotes.append(f'<w:footnote w:id="{wid}">' + "".join(paragraphs) + "</w:footnote>")
        return B.footnote_ref(wid)

    marker = B.run("MOD\tXYZ/1/1") + (remark() if draw(st.booleans()) else "")
    body = B.para(marker) + blank() + B.para(B.run("RESOLUTION 1 (Rev. Dubai, 2018)")) + B.para(B.run("Title"))
    for section, labels in draw(
        st.lists(st.sampled_from([("considering", "abc"), ("resolves", "123")]), min_size=1, max_size=2, unique=True)
    ):
        body += blank() + B.para(B.run(section)) + blank()
        for label in labels[: draw(st.integers(1, 3))]:
            label += ")" if section == "considering" else ""
            lit = draw(st.sampled_from(["", "plain", "inserted"]))
            words = B.run(f"{label}\tthat ") + B.run(draw(_WORD))
            if lit == "plain":
                words += _LIT.format(" " + draw(_WORD))
            elif lit == "inserted":
                words += B.ins(_LIT.format(" " + draw(_WORD)), "Brazil", next(ids))
            words += note() if draw(st.booleans()) else ""
            body += B.para(words + B.run(";")) + blank()
    return B.package(body, footnotes="".join(footnotes), comments="".join(comments))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(word_document())
def test_generated_word_documents_keep_comments_notes_and_highlights_through_akn_twice(data):
    doc = itu_nb.load(data, format="docx")
    once = hop(doc)
    twice = hop(once)
    assert placed(once) == placed(twice) == placed(doc)
    assert notes(once) == notes(twice) == notes(doc)
    assert marks(once) == marks(twice) == marks(doc)
    for fmt in ("docx", "akn"):  # and after AKN, through Word and AKN again
        back = hop(twice, fmt)
        assert (placed(back), notes(back), marks(back)) == (placed(doc), notes(doc), marks(doc)), fmt


def test_word_line_breaks_survive_akn_in_clauses_changes_and_notes():
    # a w:br reads as VT (tests/test_docx.py, "text as a reader sees it"); AKN writes it as <br/>, in a clause,
    # inside an insertion and inside a note, and reads it back as VT (it was a space before)
    br = "<w:r><w:br/></w:r>"
    body = (
        B.HEAD
        + B.para(B.run("resolves"))
        + B.para(B.run("1\tto act") + br + B.run("on two lines") + B.footnote_ref(2) + B.run("."))
        + B.para(B.run("2\tand ") + B.ins(B.run("new") + br + B.run("line")) + B.run(" here."))
    )
    doc = itu_nb.load(B.package(body, footnotes=B.SEPARATORS + B.footnote(2, B.run("See") + br + B.run("Res 71."))))
    texts = {n.path: n.body("amended") for n in doc[0].walk() if n.path.startswith("resolves/")}
    assert texts == {
        "resolves/1": "to act\von two lines.",
        "resolves/1/fn1": "See\vRes 71.",
        "resolves/2": "and new\vline here.",
    }
    runs = [(n.path, n.label_runs, n.runs) for n in doc[0].walk()]
    once = hop(doc)
    assert [(n.path, n.label_runs, n.runs) for n in once[0].walk()] == runs
    assert [(n.path, n.label_runs, n.runs) for n in hop(once)[0].walk()] == runs
    assert [(n.path, n.label_runs, n.runs) for n in hop(once, "docx")[0].walk()] == runs
    xml = itu_nb.to_akn(doc)
    assert "<p>to act<br/>on two lines<authorialNote" in xml and "<p>1 See<br/>Res 71.</p></authorialNote>." in xml
    assert '<ins itu_nb:author="Brazil" itu_nb:date="2018-09-10T00:00:00Z">new<br/>line</ins>' in xml
