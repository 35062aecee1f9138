"""The edges of a move in Word: where its range ends, its paragraph marks, its notes' paragraphs (issue 17, remains 3).

Word names a move by the range around its runs (``w:moveFromRangeStart`` … ``w:moveFromRangeEnd``, ECMA-376
17.13.5.23/24, 17.13.5.27/28); a ``w:moveFrom`` / ``w:moveTo`` outside every range is "treated as deleted [inserted],
rather than moved" (ECMA-376 1st edition, Part 4, 2.13.5.21/2.13.5.26; a non-conformant document in the ISO edition).
The reader kept the name of the last range read after its end, so such a run took the name of a move it is no part of.

Data: resolves 1 to 3 of Resolution 130 as Brazil's Document 67 gives them (as ``tests/test_moves_marks.py``), and its
instructs the Secretary-General paragraph, written as Word writes them.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from io import BytesIO

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice
from docx_build import HEAD, SEPARATORS, footnote_ref, package, para, run
from test_moves_in_notes import _hop
from test_moves_marks import ONE, TAIL, THREE, TWO, WHEN, WHO

import itu_nb

MOVED = THREE[2:20]  # "to contribute to f": CEPT's move into resolves 2


def _runs(doc) -> list[tuple]:
    return [(r.op.name, r.text, r.author, r.date, r.move) for p in doc for n in p.walk() for r in n.runs if r.op.value]


def _with_a_move_then(later: str, tmp_path):
    """Resolves 1 to 3, CEPT moving the first words of 3 (range ``move1``, ended) into 2, then ``later`` (XML of
    runs) in the paragraph after them.
    """
    body = (
        HEAD
        + para(run("resolves"))
        + para(run(ONE))
        + para(
            run(TWO[:-1] + " ")
            + f'<w:moveToRangeStart w:id="9" w:name="move1" {WHO}/>'
            + f'<w:moveTo w:id="10" {WHO}>{run(MOVED)}</w:moveTo><w:moveToRangeEnd w:id="9"/>'
            + run(";")
        )
        + para(
            run(THREE[:2])
            + f'<w:moveFromRangeStart w:id="5" w:name="move1" {WHO}/>'
            + f'<w:moveFrom w:id="6" {WHO}>{run(MOVED)}</w:moveFrom><w:moveFromRangeEnd w:id="5"/>'
            + run(THREE[20:])
        )
        + para(run("instructs the Secretary-General"))
        + para(later)
    )
    path = tmp_path / "edges.docx"
    path.write_bytes(package(body))
    return itu_nb.load(path)


def test_a_move_run_after_the_range_ended_takes_no_name(tmp_path):
    # "the Council" in w:moveFrom with no range around it: a deletion by CEPT, not a part of move1 (which ended)
    later = run("to report to ") + f'<w:moveFrom w:id="30" {WHO}>{run("the Council")}</w:moveFrom>' + run(".")
    doc = _with_a_move_then(later, tmp_path)
    assert _runs(doc) == [
        ("INSERT", MOVED, "CEPT", WHEN, "move1"),
        ("DELETE", MOVED, "CEPT", WHEN, "move1"),
        ("DELETE", "the Council", "CEPT", WHEN, None),
    ]
    assert doc.text("original").endswith("instructs the Secretary-General\nto report to the Council.")
    assert doc.text("amended").endswith("instructs the Secretary-General\nto report to .")
    kinds = [c.kind for p in doc for n in p.walk() for c in n.changes]
    assert kinds == ["moved-to", "moved-from", "deleted"]


def test_a_range_of_its_own_still_names_a_later_move(tmp_path):
    later = (
        run("to report to ")
        + f'<w:moveFromRangeStart w:id="31" w:name="move2" {WHO}/>'
        + f'<w:moveFrom w:id="32" {WHO}>{run("the Council")}</w:moveFrom><w:moveFromRangeEnd w:id="31"/>'
        + run(".")
    )
    assert _runs(_with_a_move_then(later, tmp_path))[-1] == ("DELETE", "the Council", "CEPT", WHEN, "move2")


def test_an_end_of_no_open_range_is_ignored(tmp_path):
    # a stray end (id 77, never opened) inside the open range move2 leaves move2 open
    later = (
        run("to report to ")
        + f'<w:moveFromRangeStart w:id="31" w:name="move2" {WHO}/><w:moveFromRangeEnd w:id="77"/>'
        + f'<w:moveFrom w:id="32" {WHO}>{run("the Council")}</w:moveFrom><w:moveFromRangeEnd w:id="31"/>'
        + run(".")
    )
    assert _runs(_with_a_move_then(later, tmp_path))[-1] == ("DELETE", "the Council", "CEPT", WHEN, "move2")


# -- a move taking a note's paragraph break --------------------------------------------------------------------------

#: Resolution 130's resolves 4 and a footnote of two paragraphs citing Resolutions 45 and 140 (as
#: ``tests/test_moves_in_notes.py``), where CEPT moved the second paragraph before the first: Word moves "¶See also
#: …" (the first paragraph's mark and the second's text, the note's last mark staying) to "See also …¶".
NOTE_WHEN = "2018-10-02T00:00:00Z"
NOTE_WHO = f'w:author="CEPT" w:date="{NOTE_WHEN}"'
FIRST = "See Resolution 45 (Rev. Dubai, 2014)."
SECOND = "See also Resolution 140 (Rev. Busan, 2014)."
HOST = "4\tto contribute to further strengthening the trust and security framework"


def _note_para(inner: str, mark: str = "") -> str:
    rpr = f"<w:rPr>{mark}</w:rPr>" if mark else ""
    return f'<w:p><w:pPr><w:pStyle w:val="FootnoteText"/>{rpr}</w:pPr>{inner}</w:p>'


def _two_paragraph_note(tmp_path):
    """The note as Word writes such a move: each range from before the first moved character (the destination's at
    the note's start, the source's at the end of the first paragraph, before its mark) to after the last."""
    number = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' + run(" ")
    note = (
        _note_para(
            number
            + f'<w:moveToRangeStart w:id="20" w:name="move7" {NOTE_WHO}/>'
            + f'<w:moveTo w:id="21" {NOTE_WHO}>{run(SECOND)}</w:moveTo>',
            f'<w:moveTo w:id="22" {NOTE_WHO}/>',
        )
        + _note_para(
            '<w:moveToRangeEnd w:id="20"/>'
            + run(FIRST)
            + f'<w:moveFromRangeStart w:id="30" w:name="move7" {NOTE_WHO}/>',
            f'<w:moveFrom w:id="31" {NOTE_WHO}/>',
        )
        + _note_para(f'<w:moveFrom w:id="32" {NOTE_WHO}>{run(SECOND)}</w:moveFrom><w:moveFromRangeEnd w:id="30"/>')
    )
    body = HEAD + para(run("resolves")) + para(run(HOST) + footnote_ref(2) + run(";")) + para(run("5\tto report."))
    path = tmp_path / "note.docx"
    path.write_bytes(package(body, footnotes=SEPARATORS + f'<w:footnote w:id="2">{note}</w:footnote>'))
    return itu_nb.load(path)


def _note(doc) -> list[tuple]:
    note = next(n for p in doc for n in p.walk() if n.kind.name == "FOOTNOTE")
    return [(r.op.name, r.text, r.author, r.move) for r in note.label_runs + note.runs if r.op.value]


#: By hand from the XML: the second paragraph and the first's break arrived first, left from after the first.
NOTE_MOVED = [("INSERT", SECOND + "\n", "CEPT", "move7"), ("DELETE", "\n" + SECOND, "CEPT", "move7")]


def test_a_move_taking_a_notes_break_is_one_move(tmp_path):
    doc = _two_paragraph_note(tmp_path)
    assert _note(doc) == NOTE_MOVED  # (it read as the note deleted and inserted whole, no move)
    note = next(n for p in doc for n in p.walk() if n.kind.name == "FOOTNOTE")
    assert note.body("original").endswith(FIRST + "\n" + SECOND)
    assert note.body("amended").endswith(SECOND + "\n" + FIRST)


@pytest.mark.parametrize("route", [("docx",), ("akn",), ("critic",), ("akn", "docx"), ("docx", "akn")], ids="-".join)
def test_the_notes_move_stays_one_move_through_each_hop(tmp_path, route):
    doc = _two_paragraph_note(tmp_path)
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    assert _note(doc) == NOTE_MOVED


def test_the_word_writer_wraps_the_moved_break_in_the_range(tmp_path):
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(_two_paragraph_note(tmp_path)))).read("word/footnotes.xml").decode()
    # the source's range opens at the end of the first paragraph, after its text and before its moved mark
    assert re.search(r"See Resolution 45 \(Rev\. Dubai, 2014\)\.</w:t></w:r><w:moveFromRangeStart [^>]*/></w:p>", xml)
    assert re.search(r'<w:moveFrom w:id="\d+"[^>]*/></w:rPr></w:pPr><w:moveToRangeEnd', xml)


@needs_pandoc
def test_pandoc_reads_the_notes_move(tmp_path):
    path = tmp_path / "written.docx"
    path.write_bytes(itu_nb.to_docx(_two_paragraph_note(tmp_path)))
    marked = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "markdown", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'[{SECOND}]{{.insertion author="CEPT"' in marked and f'[{SECOND}]{{.deletion author="CEPT"' in marked
    assert '{.paragraph-insertion author="CEPT"' in marked and '{.paragraph-deletion author="CEPT"' in marked


@needs_soffice
def test_libreoffice_opens_the_notes_move(tmp_path):
    path = tmp_path / "written.docx"
    path.write_bytes(itu_nb.to_docx(_two_paragraph_note(tmp_path)))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    # each end of the move in the bookmarks LibreOffice makes of a Word move's range, its text tracked there (the
    # source's range opened at the end of the paragraph before, as in Word)
    for end in ("To", "From"):
        between = r"(?:</text:p>\s*<text:p [^>]*>)?"
        assert re.search(rf'__RefMove{end}__move7"/>{between}<text:change-start [^>]*/>{re.escape(SECOND)}', fodt)


def test_a_moved_note_of_two_paragraphs_through_akoma_ntoso(tmp_path):
    # Doc 67's footnote of B/67/4 recalling j), split in two paragraphs after "small island developing states,"
    # (the Word and Akoma Ntoso form of a note of several paragraphs), CEPT moving recalling j) with it
    source = CRITIC.read_text(encoding="utf-8")
    cut = "small island developing states, landlocked"
    assert source.count(cut) == 1
    path = tmp_path / "doc67.critic.md"
    path.write_text(source.replace(cut, "small island developing states,\u2029landlocked"), encoding="utf-8")
    doc = itu_nb.load(path, author="Brazil")
    moved = itu_nb.amend(doc["B/67/4"], "Move recalling j) after recalling a)", author="CEPT", date="2018-10-02")
    doc = dataclasses.replace(doc, proposals=(moved,))
    akn = itu_nb.to_akn(doc)
    assert re.search(r'itu_nb:mark="delete"[^>]*itu_nb:move="move-recalling/j/fn1"', akn)
    again = _hop(doc, "akn", tmp_path, 0)
    runs = [
        (n.key, r.op.name, r.move, "\n" in r.text)
        for p in again
        for n in p.walk()
        if n.kind.name == "FOOTNOTE"
        for r in n.runs
        if r.op.value
    ]
    # one run of the move each side, the break inside it (it split there, the break of no move)
    assert runs == [
        ("recalling/b/fn1", "INSERT", "move-recalling/j/fn1", True),
        ("recalling/j/fn1", "DELETE", "move-recalling/j/fn1", True),
    ]


# -- an empty paragraph moved with the text around it ------------------------------------------------------------------


def _moved_with_empty(tag: str, wid: int) -> str:
    """Resolves 3 and the empty paragraph after it, moved (``tag`` moveFrom or moveTo) in one range around both, as
    Word writes paragraphs moved whole: each mark moved, the empty paragraph's mark all it has.
    """

    def mark(k: int) -> str:
        return f'<w:pPr><w:rPr><w:{tag} w:id="{wid + k}" {WHO}/></w:rPr></w:pPr>'

    return (
        f'<w:{tag}RangeStart w:id="{wid}" w:name="move1" {WHO}/>'
        f'<w:p>{mark(1)}<w:{tag} w:id="{wid + 2}" {WHO}>{run(THREE)}</w:{tag}></w:p>'
        f'<w:p>{mark(3)}</w:p><w:{tag}RangeEnd w:id="{wid}"/>'
    )


@pytest.fixture(scope="module")
def with_empty(tmp_path_factory):
    body = (
        HEAD
        + para(run("resolves"))
        + _moved_with_empty("moveTo", 10)
        + para(run(ONE))
        + para(run(TWO))
        + _moved_with_empty("moveFrom", 20)
        + TAIL
    )
    path = tmp_path_factory.mktemp("empty") / "empty.docx"
    path.write_bytes(package(body))
    return itu_nb.load(path)


def _empty_marks(doc) -> list[tuple]:
    return [(a.kind, a.line, a.op.name, a.author, a.move) for a in doc.artefacts if a.kind == "paragraph-mark"]


#: By hand from the XML: lines 0-3 MOD, title lines, resolves; 4 and 5 arrived (3 and the empty one), 8 and 9 left.
EMPTY_MOVED = [("paragraph-mark", 5, "INSERT", "CEPT", "move1"), ("paragraph-mark", 9, "DELETE", "CEPT", "move1")]


def test_an_empty_paragraph_moved_keeps_its_move(with_empty):
    assert _empty_marks(with_empty) == EMPTY_MOVED  # (no move: a plain insertion and deletion of a paragraph)


def test_the_word_writer_moves_the_empty_paragraphs_mark(with_empty):
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(with_empty))).read("word/document.xml").decode()
    marks = re.findall(r"<w:pPr>(?:(?!</w:pPr>).)*<w:rPr><w:(\w+) [^>]*/></w:rPr></w:pPr>", xml)
    assert marks == ["moveTo", "moveTo", "moveFrom", "moveFrom"]  # (the empty paragraphs' were w:ins and w:del)
    # the empty paragraph in the range of resolves 3 before it (one range around both, as the source has it and
    # Word writes it), ended after the empty paragraph's mark
    assert re.search(
        r'<w:moveFromRangeStart [^>]*w:name="move1"/><w:p>(?:(?!</w:p>).)*contribute(?:(?!</w:p>).)*</w:p>'
        r'<w:p><w:pPr><w:rPr><w:moveFrom [^>]*/></w:rPr></w:pPr></w:p><w:moveFromRangeEnd w:id="\d+"/>',
        xml,
    )


@pytest.mark.parametrize("route", [("docx",), ("akn",), ("critic",), ("akn", "docx"), ("docx", "critic")], ids="-".join)
def test_the_empty_paragraphs_move_survives_each_hop(with_empty, route, tmp_path):
    doc = with_empty
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    # (Word written from Akoma Ntoso has the cover's three header lines first, as on main: its lines are 3 further)
    shift = 3 if route == ("akn", "docx") else 0
    assert _empty_marks(doc) == [(kind, line + shift, *rest) for kind, line, *rest in EMPTY_MOVED]


@needs_pandoc
def test_pandoc_reads_the_moved_empty_paragraph(with_empty, tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(itu_nb.to_docx(with_empty))
    marked = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "native", str(path)], capture_output=True, text=True, check=True
    ).stdout
    # pandoc reads the ranges; it drops empty paragraphs (so it did with their marks w:ins and w:del): 3's marks
    # inserted and deleted, its text at both ends
    assert marked.count('"paragraph-insertion"') == 1 and marked.count('"paragraph-deletion"') == 1
    assert marked.count('Str "contribute"') == 2


@needs_soffice
def test_libreoffice_opens_the_moved_empty_paragraph(with_empty, tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(itu_nb.to_docx(with_empty))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    assert fodt.count("__RefMoveFrom__move1") >= 2 and fodt.count("__RefMoveTo__move1") >= 2


# -- a paragraph moved whole, written as Word writes it --------------------------------------------------------------


def test_the_word_writer_wraps_a_paragraph_moved_whole_in_its_range(tmp_path):
    # resolves 3 moved before 1 by CEPT (tests/test_moves_marks.py): one range around each end's paragraph, started
    # before it and ended after its mark (ECMA-376 17.13.5.24), no range of the move left inside the paragraph
    from test_moves_marks import _load

    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(_load(tmp_path)))).read("word/document.xml").decode()
    for tag in ("moveTo", "moveFrom"):
        paragraphs = re.findall(rf'<w:{tag}RangeStart [^>]*w:name="move1"/><w:p>(.*?)</w:p><w:{tag}RangeEnd ', xml)
        assert len(paragraphs) == 1 and "RangeStart" not in paragraphs[0] and "RangeEnd" not in paragraphs[0]
        assert f"<w:rPr><w:{tag} " in paragraphs[0] and THREE[2:] in paragraphs[0]
    again = tmp_path / "again.docx"
    again.write_bytes(itu_nb.to_docx(_load(tmp_path)))
    assert _runs(itu_nb.load(again)) == _runs(_load(tmp_path))
