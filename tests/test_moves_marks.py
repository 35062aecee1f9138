"""A paragraph moved whole: its mark moved too, as Word writes it (issue 17).

Word tracks the mark of a paragraph it moves as ``w:moveFrom`` / ``w:moveTo`` in the mark's run properties
(``w:pPr/w:rPr``, ECMA-376 17.13.5.21 and 17.13.5.26), and opens the move's named range between paragraphs, before
the first one it moves (``w:moveFromRangeStart`` as a child of ``w:body``), not inside it.  The reader reads the
range there too, so the paragraph's runs are the move's (before, they were a plain deletion and insertion); the
writer writes a paragraph moved whole with its mark moved; itu_nb's earlier form (the range inside the paragraph,
the mark ``w:ins`` / ``w:del``) reads as it did.

Data: resolves 1, 2 and 4 of Resolution 130 as Brazil's Document 67 gives them (lines 139, 140 and 142 of
``pp18-doc67-brazil.reconstructed.critic.md``, cut after their first words; 4 relabelled 3), written as Word writes
them; CEPT moved 3 before 1.  And Document 67 itself, B/67/4, where CEPT moves resolves 3 after resolves 5 (``amend``).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from io import BytesIO

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice
from docx_build import HEAD, package, para, run
from test_moves_hops import _changed

import itu_nb

WHEN = "2018-09-10T00:00:00Z"
WHO = f'w:author="CEPT" w:date="{WHEN}"'
ONE = "1\tto continue to give this work high priority within ITU;"
TWO = "2\tto give high priority to the work of ITU described under bearing in mind above;"
THREE = "3\tto contribute to further strengthening the trust and security framework;"
TAIL = para(run("instructs the Secretary-General")) + para(run("to report to the Council."))


def _moved_para(tag: str, wid: int, *, word: bool = True) -> str:
    """The paragraph THREE moved (``tag`` ``moveFrom`` or ``moveTo``) in the range named ``move1``: as Word writes
    it (``word``: the range around the paragraph, the mark moved) or as itu_nb wrote it before (the range inside
    the paragraph, the mark inserted or deleted).
    """
    start = f'<w:{tag}RangeStart w:id="{wid}" w:name="move1" {WHO}/>'
    end = f'<w:{tag}RangeEnd w:id="{wid}"/>'
    text = f'<w:{tag} w:id="{wid + 1}" {WHO}>{run(THREE)}</w:{tag}>'
    mark = tag if word else {"moveFrom": "del", "moveTo": "ins"}[tag]
    ppr = f'<w:pPr><w:rPr><w:{mark} w:id="{wid + 2}" {WHO}/></w:rPr></w:pPr>'
    if word:
        return f"{start}<w:p>{ppr}{text}</w:p>{end}"
    return f"<w:p>{ppr}{start}{text}{end}</w:p>"


def _load(tmp_path, word: bool = True):
    body = (
        HEAD
        + para(run("resolves"))
        + _moved_para("moveTo", 10, word=word)
        + para(run(ONE))
        + para(run(TWO))
        + _moved_para("moveFrom", 20, word=word)
        + TAIL
    )
    path = tmp_path / ("word.docx" if word else "older.docx")
    path.write_bytes(package(body))
    return itu_nb.load(path)


#: What the document reads as, by hand from the XML above: 3 arrived before 1, left after 2, both ends move1.
EXPECTED = [
    ("resolves/3", "INSERT", "3\t", "CEPT", WHEN, "move1"),
    ("resolves/3", "INSERT", THREE[2:], "CEPT", WHEN, "move1"),
    ("moved-to", "clause"),
    ("resolves/3#2", "DELETE", "3\t", "CEPT", WHEN, "move1"),
    ("resolves/3#2", "DELETE", THREE[2:], "CEPT", WHEN, "move1"),
    ("moved-from", "clause"),
]


def _shape(changed: list[tuple]) -> list[tuple]:
    return [c if len(c) == 6 else (c[1], c[2]) for c in changed]


def _marks(data: bytes) -> list[str]:
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    return re.findall(r"<w:pPr>(?:(?!</w:pPr>).)*<w:rPr><w:(\w+) [^>]*/></w:rPr></w:pPr>", xml)


@pytest.mark.parametrize("word", [True, False], ids=["word", "older"])
def test_a_paragraph_moved_whole_reads_as_a_move(tmp_path, word):
    doc = _load(tmp_path, word)
    assert _shape(_changed(doc)) == EXPECTED
    head = "RESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n"
    tail = "\ninstructs the Secretary-General\nto report to the Council."
    assert doc.text("original") == head + "\n".join([ONE, TWO, THREE]) + tail
    assert doc.text("amended") == head + "\n".join([THREE, ONE, TWO]) + tail


def test_the_writer_moves_the_mark_of_a_paragraph_moved_whole(tmp_path):
    doc = _load(tmp_path)
    data = itu_nb.to_docx(doc)
    assert _marks(data) == ["moveTo", "moveFrom"]  # no w:ins or w:del on the two marks
    path = tmp_path / "again.docx"
    path.write_bytes(data)
    again = itu_nb.load(path)
    assert _changed(again) == _changed(doc)
    assert itu_nb.to_docx(again) and _marks(itu_nb.to_docx(again)) == ["moveTo", "moveFrom"]


def test_the_older_form_is_written_as_word_writes_it(tmp_path):
    assert _marks(itu_nb.to_docx(_load(tmp_path, word=False))) == ["moveTo", "moveFrom"]


def test_a_paragraph_partly_moved_keeps_its_mark_as_it_was(tmp_path):
    # 3's mark deleted, but only its first words moved (into 2), CEPT deleting the rest the same day: a deletion,
    # no move of the mark, and the rest no part of the move
    moved = THREE[2:20]  # "to contribute to f"
    body = (
        HEAD
        + para(run("resolves"))
        + para(run(ONE))
        + para(
            run(THREE[:2])
            + f'<w:moveFromRangeStart w:id="5" w:name="move1" {WHO}/>'
            + f'<w:moveFrom w:id="6" {WHO}>{run(moved)}</w:moveFrom><w:moveFromRangeEnd w:id="5"/>'
            + f'<w:del w:id="7" {WHO}><w:r><w:delText xml:space="preserve">{THREE[20:]}</w:delText></w:r></w:del>',
            f'<w:rPr><w:del w:id="8" {WHO}/></w:rPr>',
        )
        + para(
            run(TWO[:-1] + " ")
            + f'<w:moveToRangeStart w:id="9" w:name="move1" {WHO}/>'
            + f'<w:moveTo w:id="10" {WHO}>{run(moved)}</w:moveTo><w:moveToRangeEnd w:id="9"/>'
            + run(";")
        )
        + TAIL
    )
    path = tmp_path / "partly.docx"
    path.write_bytes(package(body))
    doc = itu_nb.load(path)
    # the move's words and CEPT's own deletion of the rest are two runs (they were one, all under the move's name)
    runs = [(r.op.name, r.text, r.move) for n in doc[0].walk() for r in n.runs if r.op.value]
    assert runs == [("DELETE", moved, "move1"), ("DELETE", THREE[20:], None), ("INSERT", moved, "move1")]
    assert _marks(itu_nb.to_docx(doc)) == ["del"]


def test_an_amend_move_writes_the_copy_and_its_original_moved_whole():
    doc = itu_nb.load(CRITIC, author="Brazil")
    moved = itu_nb.amend(doc["B/67/4"], "Move resolves 3 after resolves 5", author="CEPT", date="2018-10-02")
    doc = dataclasses.replace(doc, proposals=(moved,))
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(doc))).read("word/document.xml").decode()
    # the struck original holds Brazil's deletion of "3 " (no move): its mark is still CEPT's move away, as Word
    # moves a paragraph holding another author's deletion
    found = re.findall(r'<w:rPr><w:(moveFrom|moveTo|ins|del) w:id="\d+" w:author="(\w+)"', xml)
    assert ("moveFrom", "CEPT") in found and ("moveTo", "CEPT") in found


@needs_soffice
def test_libreoffice_opens_the_moved_paragraphs(tmp_path):
    path = tmp_path / "moved.docx"
    path.write_bytes(itu_nb.to_docx(_load(tmp_path)))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    # each end's text in the bookmarks LibreOffice makes of a Word move's range, tracked as a change
    assert re.search(r'__RefMoveFrom__move1"/><text:change-start [^>]*/>3', fodt)
    assert re.search(r'__RefMoveTo__move1"/><text:change-start [^>]*/>3', fodt)
    assert fodt.count("<text:deletion>") >= 1 and fodt.count("<text:insertion>") >= 1


@needs_pandoc
def test_pandoc_reads_the_moved_marks(tmp_path):
    path = tmp_path / "moved.docx"
    path.write_bytes(itu_nb.to_docx(_load(tmp_path)))
    marked = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "markdown", str(path)], capture_output=True, text=True, check=True
    ).stdout
    # each moved paragraph's mark as a paragraph inserted / deleted by CEPT (pandoc reads a move as such)
    assert re.search(r'\{\.paragraph-insertion author="CEPT"', marked)
    assert re.search(r'\{\.paragraph-deletion author="CEPT"', marked)
    accepted = subprocess.run(
        ["pandoc", "--track-changes=accept", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "resolves\n\n3 to contribute" in accepted and accepted.count("to contribute") == 1
