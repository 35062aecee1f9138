"""A move's range as Word writes it: one range around all of a move's paragraphs, and a range never closed (issue 17,
remains 5).

Word names a move by the range around its content at each end (``w:moveFromRangeStart`` … ``w:moveFromRangeEnd``,
``w:moveToRangeStart`` … ``w:moveToRangeEnd``, ECMA-376 Part 1 17.13.5.23/24 and 17.13.5.27/28): one range per
move and end, around every paragraph the move takes, their marks inside (Word 2016, as OpenXML PowerTools' revision
tests show it: the start after the first moved paragraph's ``w:pPr``, the end after the last ``</w:p>``).  The writer
wrote a range around each paragraph (one name, several ranges); it now writes one around them all (its start still
between paragraphs, before the first, where Word also opens one: both forms read alike here, in LibreOffice and
pandoc).

A start with no end is, by ECMA-376 1st edition Part 4 2.13.5.24/2.13.5.28, "ignored and no move source container
exists" (non-conformant in the ISO edition): the reader read it as open to the end of its part, so a ``w:moveFrom``
far away took its name.  It is now closed where the moved stretch ends (at the end of the first paragraph from its
start whose mark is not moved), with a load note; an end that closes no range is ignored, with a note.

Data: resolves 1 to 3 of Resolution 130 as Brazil's Document 67 gives them (``tests/test_moves_marks.py``), CEPT
moving 2 and 3 together before 1; and the footnote of two paragraphs of ``tests/test_moves_edges.py`` (Resolutions
45 and 140), its moved paragraph with "140" highlighted.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO

import pytest
from conftest import needs_pandoc, needs_soffice
from docx_build import HEAD, SEPARATORS, footnote_ref, package, para, run
from test_export_docx import libreoffice  # noqa: F401  (the fixture: LibreOffice's Accept All / Reject All)
from test_moves_edges import FIRST, HOST, NOTE_WHO, _note_para
from test_moves_marks import ONE, TAIL, THREE, TWO, WHEN, WHO

import itu_nb


def _moved_stretch(tag: str, wid: int, texts: tuple[str, ...] = (TWO, THREE), name: str = "move1") -> str:
    """The paragraphs ``texts`` moved (``tag`` moveFrom or moveTo) in one range, as Word writes them: the range opened
    in the first paragraph after its properties, ended after the last paragraph; each mark moved, each text in a
    ``w:moveFrom`` / ``w:moveTo``.
    """
    out = []
    for k, text in enumerate(texts):
        ppr = f'<w:pPr><w:rPr><w:{tag} w:id="{wid + 2 * k + 1}" {WHO}/></w:rPr></w:pPr>'
        start = f'<w:{tag}RangeStart w:id="{wid}" w:name="{name}" {WHO}/>' if k == 0 else ""
        out.append(f'<w:p>{ppr}{start}<w:{tag} w:id="{wid + 2 * k + 2}" {WHO}>{run(text)}</w:{tag}></w:p>')
    return "".join(out) + f'<w:{tag}RangeEnd w:id="{wid}"/>'


@pytest.fixture(scope="module")
def stretch(tmp_path_factory):
    body = (
        HEAD
        + para(run("resolves"))
        + _moved_stretch("moveTo", 10)
        + para(run(ONE))
        + _moved_stretch("moveFrom", 20)
        + TAIL
    )
    path = tmp_path_factory.mktemp("stretch") / "stretch.docx"
    path.write_bytes(package(body))
    return itu_nb.load(path)


def _runs(doc) -> list[tuple]:
    return [(n.path, r.op.name, r.text, r.author, r.date, r.move) for p in doc for n in p.walk() for r in n.runs]


def _kinds(doc) -> list[tuple]:
    return [(c.kind, c.scope, c.author) for p in doc for n in p.walk() for c in n.changes]


#: By hand from the XML: 2 and 3 arrived before 1 and left after it, every run of both move1 by CEPT.
MOVED_RUNS = [
    ("INSERT", TWO[2:], "CEPT", WHEN, "move1"),
    ("INSERT", THREE[2:], "CEPT", WHEN, "move1"),
    ("DELETE", TWO[2:], "CEPT", WHEN, "move1"),
    ("DELETE", THREE[2:], "CEPT", WHEN, "move1"),
]


def test_word_s_one_range_over_two_paragraphs_reads_as_one_move(stretch):
    assert [r[1:] for r in _runs(stretch) if r[1] != "EQUAL" and len(r[2]) > 3] == MOVED_RUNS
    head = "RESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n"
    tail = "\ninstructs the Secretary-General\nto report to the Council."
    assert stretch.text("original") == head + "\n".join([ONE, TWO, THREE]) + tail
    assert stretch.text("amended") == head + "\n".join([TWO, THREE, ONE]) + tail


def _ranges(xml: str) -> list[tuple[str, str]]:
    """(tag, name) of every move range start in ``xml``, in order."""
    return re.findall(r'<w:(move(?:From|To)RangeStart) [^>]*w:name="([^"]*)"', xml)


def test_the_writer_writes_one_range_per_end_around_both_paragraphs(stretch):
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(stretch))).read("word/document.xml").decode()
    assert _ranges(xml) == [("moveToRangeStart", "move1"), ("moveFromRangeStart", "move1")]  # (it wrote two each)
    for tag in ("moveTo", "moveFrom"):
        inside = re.findall(rf'<w:{tag}RangeStart w:id="(\d+)"[^>]*/>(.*?)<w:{tag}RangeEnd w:id="(\d+)"/>', xml)
        assert len(inside) == 1 and inside[0][0] == inside[0][2]
        paragraphs = re.findall(r"<w:p>.*?</w:p>", inside[0][1])
        # both paragraphs inside, each mark moved, the range ended after the last one's mark
        assert len(paragraphs) == 2 and all(f"<w:rPr><w:{tag} " in p for p in paragraphs)
        assert TWO[2:] in paragraphs[0] and THREE[2:] in paragraphs[1] and inside[0][1].endswith("</w:p>")
    ids = re.findall(r'<w:(?:ins|del|moveFrom|moveTo|move\w+RangeStart|bookmarkStart) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))  # (every start and change its own w:id)


def test_the_written_ranges_read_back_as_read(stretch, tmp_path):
    path = tmp_path / "again.docx"
    path.write_bytes(itu_nb.to_docx(stretch))
    again = itu_nb.load(path)
    assert _runs(again) == _runs(stretch) and _kinds(again) == _kinds(stretch)
    assert again.text("original") == stretch.text("original") and again.text("amended") == stretch.text("amended")


@needs_pandoc
def test_pandoc_reads_the_one_range(stretch, tmp_path):
    path = tmp_path / "stretch.docx"
    path.write_bytes(itu_nb.to_docx(stretch))
    native = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "native", str(path)], capture_output=True, text=True, check=True
    ).stdout
    # both paragraphs at each end, each mark moved (pandoc: paragraph-insertion / -deletion by CEPT)
    assert native.count('"paragraph-insertion"') == 2 and native.count('"paragraph-deletion"') == 2
    assert native.count('Str "contribute"') == 2 and native.count('Str "priority"') == 3  # (1 says it too)


@needs_soffice
def test_libreoffice_accepts_and_rejects_to_the_two_views(stretch, tmp_path, libreoffice):  # noqa: F811
    path = tmp_path / "stretch.docx"
    path.write_bytes(itu_nb.to_docx(stretch))
    views = libreoffice.views(path)
    for view in ("amended", "original"):
        got = [line for line in views[view] if line]
        # (LibreOffice's text has the marker line, which the views leave out, and a TAB as a space)
        assert got == ["MOD XYZ/1/1"] + [line.replace("\t", " ") for line in stretch.text(view).split("\n")]


# -- inside a note --------------------------------------------------------------------------------------------------

A, LIT, C = "See also Resolution ", "140", " (Rev. Busan, 2014)."


def _lit_runs() -> str:
    return run(A) + f'<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>{LIT}</w:t></w:r>' + run(C)


@pytest.fixture(scope="module")
def lit_note(tmp_path_factory):
    """The note of ``tests/test_moves_edges.py`` (CEPT moved its second paragraph before its first, Word's form), "140"
    highlighted at both ends: the moved text is three runs each side.
    """
    number = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' + run(" ")
    note = (
        _note_para(
            number
            + f'<w:moveToRangeStart w:id="20" w:name="move7" {NOTE_WHO}/>'
            + f'<w:moveTo w:id="21" {NOTE_WHO}>{_lit_runs()}</w:moveTo>',
            f'<w:moveTo w:id="22" {NOTE_WHO}/>',
        )
        + _note_para(
            '<w:moveToRangeEnd w:id="20"/>'
            + run(FIRST)
            + f'<w:moveFromRangeStart w:id="30" w:name="move7" {NOTE_WHO}/>',
            f'<w:moveFrom w:id="31" {NOTE_WHO}/>',
        )
        + _note_para(f'<w:moveFrom w:id="32" {NOTE_WHO}>{_lit_runs()}</w:moveFrom><w:moveFromRangeEnd w:id="30"/>')
    )
    body = HEAD + para(run("resolves")) + para(run(HOST) + footnote_ref(2) + run(";")) + para(run("5\tto report."))
    path = tmp_path_factory.mktemp("note") / "note.docx"
    path.write_bytes(package(body, footnotes=SEPARATORS + f'<w:footnote w:id="2">{note}</w:footnote>'))
    return itu_nb.load(path)


def _note(doc) -> tuple[list[tuple], list[tuple]]:
    note = next(n for p in doc for n in p.walk() if n.kind.name == "FOOTNOTE")
    runs = [(r.op.name, r.text, r.author, r.date, r.move) for r in note.runs if r.op.value]
    return runs, [(a.kind, a.offset, a.length, a.op.name) for a in note.artefacts]


def test_a_notes_highlighted_move_is_one_range_each_end(lit_note, tmp_path):
    runs, marks = _note(lit_note)
    when = "2018-10-02T00:00:00Z"
    moved = A + LIT + C
    # by hand: the second paragraph and the first's mark arrived first, left from after the first
    assert runs == [("INSERT", moved + "\n", "CEPT", when, "move7"), ("DELETE", "\n" + moved, "CEPT", when, "move7")]
    assert [m[0] for m in marks] == ["highlight", "highlight"]
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(lit_note))).read("word/footnotes.xml").decode()
    # one range each end around the three runs (and the moved mark), not one per run; the move kept on every run
    assert _ranges(xml) == [("moveToRangeStart", "move7"), ("moveFromRangeStart", "move7")]
    assert xml.count("<w:moveTo w:id") == 4 and xml.count("<w:moveFrom w:id") == 4  # 3 runs and a mark each
    path = tmp_path / "again.docx"
    path.write_bytes(itu_nb.to_docx(lit_note))
    assert _note(itu_nb.load(path)) == (runs, marks)


# -- a range never closed, an end of no range -------------------------------------------------------------------------


def _unclosed_body(close: bool, stray: str = "") -> str:
    """Resolves 3 moved before 1 by CEPT (Word's form, ``tests/test_moves_marks.py``), its source's range closed or
    (``close`` false) never closed; then, two paragraphs on, CEPT's "the Council" in a ``w:moveFrom`` of no range
    (``stray``: XML put before it).
    """
    to = (
        f'<w:p><w:pPr><w:rPr><w:moveTo w:id="11" {WHO}/></w:rPr></w:pPr>'
        f'<w:moveToRangeStart w:id="10" w:name="move1" {WHO}/><w:moveTo w:id="12" {WHO}>{run(THREE)}</w:moveTo>'
        '</w:p><w:moveToRangeEnd w:id="10"/>'
    )
    source = (
        f'<w:p><w:pPr><w:rPr><w:moveFrom w:id="21" {WHO}/></w:rPr></w:pPr>'
        f'<w:moveFromRangeStart w:id="20" w:name="move1" {WHO}/><w:moveFrom w:id="22" {WHO}>{run(THREE)}</w:moveFrom>'
        "</w:p>" + ('<w:moveFromRangeEnd w:id="20"/>' if close else "")
    )
    far = para(run("instructs the Secretary-General")) + para(
        run("to report to ") + stray + f'<w:moveFrom w:id="30" {WHO}>{run("the Council")}</w:moveFrom>' + run(".")
    )
    return HEAD + para(run("resolves")) + to + para(run(ONE)) + para(run(TWO)) + source + far


def _unclosed(tmp_path, close: bool = False, stray: str = "") -> itu_nb.Document:
    path = tmp_path / f"unclosed-{close}.docx"
    path.write_bytes(package(_unclosed_body(close, stray)))
    return itu_nb.load(path)


def _notes(doc) -> list[str]:
    return [x for p in doc for n in p.walk() for x in n.notes if "range" in x]


def test_a_range_never_closed_names_nothing(tmp_path):
    doc = _unclosed(tmp_path)
    moved = [(r.op.name, r.text, r.move) for p in doc for n in p.walk() for r in n.runs if r.op.value]
    # by hand: the arrival stays move1 (its range is closed); the source's range is ignored, so its text and the far
    # "the Council" are CEPT's deletions (on 370d352 both were move1: the range ran on to the end of the body)
    assert moved == [("INSERT", THREE[2:], "move1"), ("DELETE", THREE[2:], None), ("DELETE", "the Council", None)]
    assert [(c.kind, c.author) for p in doc for n in p.walk() for c in n.changes] == [
        ("moved-to", "CEPT"),
        ("deleted", "CEPT"),
        ("deleted", "CEPT"),
    ]
    assert _notes(doc) == [
        "move range move1 (w:id 20) opened and never closed: ignored (ECMA-376), its text read as deleted, not moved"
    ]
    # nothing lost: each view as the closed file reads
    closed = _unclosed(tmp_path, close=True)
    assert doc.text("original") == closed.text("original") and doc.text("amended") == closed.text("amended")
    assert doc.text("original").endswith(f"{TWO}\n{THREE}\ninstructs the Secretary-General\nto report to the Council.")


def test_an_end_of_no_range_is_ignored_with_a_note(tmp_path):
    doc = _unclosed(tmp_path, close=True, stray='<w:moveFromRangeEnd w:id="77"/>')
    assert _notes(doc) == ["move range end (w:id 77) closes no open range: ignored"]
    assert [r.move for p in doc for n in p.walk() for r in n.runs if r.text == "the Council"] == [None]


def test_a_range_never_closed_in_a_note_stays_in_it(tmp_path):
    # the note's second paragraph deleted by CEPT as a move whose range never ends; the body's stray "the Council" after
    # the note (itself outside every range) stays a deletion, the note's text is whole in the original view
    number = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' + run(" ")
    note = _note_para(number + run(FIRST)) + _note_para(
        f'<w:moveFromRangeStart w:id="40" w:name="move9" {NOTE_WHO}/>'
        f'<w:moveFrom w:id="41" {NOTE_WHO}>{run(A + LIT + C)}</w:moveFrom>'
    )
    body = (
        HEAD
        + para(run("resolves"))
        + para(run(HOST) + footnote_ref(2) + run(";"))
        + para(run("5\tto report to ") + f'<w:moveFrom w:id="50" {WHO}>{run("the Council")}</w:moveFrom>')
    )
    path = tmp_path / "note.docx"
    path.write_bytes(package(body, footnotes=SEPARATORS + f'<w:footnote w:id="2">{note}</w:footnote>'))
    doc = itu_nb.load(path)
    assert all(r.move is None for p in doc for n in p.walk() for r in n.runs)
    note_node = next(n for p in doc for n in p.walk() if n.kind.name == "FOOTNOTE")
    assert note_node.body("original").endswith(FIRST + "\n" + A + LIT + C)
    assert _notes(doc) == [
        "in footnote 1: move range move9 (w:id 40) opened and never closed: ignored (ECMA-376), its text read as "
        "deleted, not moved"
    ]


@needs_pandoc
def test_pandoc_reads_a_range_never_closed_as_a_closed_one(tmp_path):
    # pandoc reads no move range: the two files read alike (the moved text a deletion either way)
    native = {}
    for close in (True, False):
        path = tmp_path / f"unclosed-{close}.docx"
        path.write_bytes(package(_unclosed_body(close)))
        native[close] = subprocess.run(
            ["pandoc", "--track-changes=all", "-t", "native", str(path)], capture_output=True, text=True, check=True
        ).stdout
    assert native[True] == native[False] and native[True].count('"deletion"') == 2


@needs_soffice
def test_libreoffice_ignores_a_range_never_closed(tmp_path, libreoffice):  # noqa: F811
    from conftest import libreoffice_fodt

    bookmarks = {}
    for close in (True, False):
        path = tmp_path / f"unclosed-{close}.docx"
        path.write_bytes(package(_unclosed_body(close)))
        fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
        bookmarks[close] = sorted(set(re.findall(r'text:bookmark-start text:name="(__RefMove\w+)"', fodt)))
        # its Accept All / Reject All give itu_nb's two views of the file (the marker line aside, TAB as a space)
        views = libreoffice.views(path)
        doc = itu_nb.load(path)
        for view in ("amended", "original"):
            want = ["MOD XYZ/1/1"] + [line.replace("\t", " ") for line in doc.text(view).split("\n")]
            assert [line for line in views[view] if line] == want
    # LibreOffice makes a bookmark of each end's range; of the source's never closed, none (no container)
    assert bookmarks == {True: ["__RefMoveFrom__move1", "__RefMoveTo__move1"], False: ["__RefMoveTo__move1"]}


def test_a_second_start_of_one_w_id_takes_no_end_of_the_first(tmp_path):
    # a second start of w:id 20 (move2) inside move1's range, one end of 20 after it: the end closes move1's (the
    # first open, in document order), so move2 is never closed and names nothing, not even the far "the Council"
    body = _unclosed_body(True).replace(
        f'<w:moveFromRangeStart w:id="20" w:name="move1" {WHO}/>',
        f'<w:moveFromRangeStart w:id="20" w:name="move1" {WHO}/><w:moveFromRangeStart w:id="20" w:name="move2" {WHO}/>',
    )
    path = tmp_path / "twice.docx"
    path.write_bytes(package(body))
    doc = itu_nb.load(path)
    assert [(r.text, r.move) for p in doc for n in p.walk() for r in n.runs if r.op.name == "DELETE"] == [
        (THREE[2:], "move1"),
        ("the Council", None),
    ]
    assert _notes(doc) == [
        "move range move2 (w:id 20) opened and never closed: ignored (ECMA-376), its text read as deleted, not moved"
    ]
