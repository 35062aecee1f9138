"""A move's name as Word takes it: at most 40 letters, digits and underscores, the move's own name kept apart.

Word keeps a bookmark's name (``w:name``; a move's ranges, ``w:moveFromRangeStart`` / ``w:moveToRangeStart``, are
bookmarks of that type) only up to 40 characters ([MS-OI29500] 2.1.362 c, "Word only allows strings of length at
most 40 for the name attribute"; ECMA-376 allows any string), and names its own moves ``move`` and a number.  An
edit names its move ``move-`` and the key of the clause moved, which holds spaces and slashes and, for an item of a
long section, runs past 40 characters.  The writer writes such a name cut, with 8 hexadecimal digits of its SHA-1
(:func:`itu_nb.export.docx_runs.word_move_name`), and keeps the move's own name in the ``itu_nb moves`` custom
property, from which the reader reads it back: kinds, names, ids and pairing survive Word.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), its section "instructs the Director of the
Telecommunication Standardization Bureau": item 1 holds the sub-items i) to iii), and iii) two bullets,
"• Resolution 50 (Rev. Dubai, 2012) …" (bullet 1) and "• Resolution 52 …" (bullet 2).  CEPT moves bullet 1 after
bullet 2 (a sub-item three levels deep: key ``…/1/iii/bullet1``, 84 characters) and i) after ii).
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from io import BytesIO

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_soffice
from docx_build import HEAD, package, para, run
from test_moves_hops import _changed, _moved

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import MoveClause
from itu_nb.export.docx_runs import word_move_name

SECTION = "instructs the Director of the Telecommunication Standardization Bureau"
DEEP, FIRST = f"{SECTION}/1/iii/bullet1", f"{SECTION}/1/i"
#: A name Word keeps for a bookmark: at most 40 letters, digits and underscores, a letter first.
WORD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")


@pytest.fixture(scope="module")
def amended():
    doc = itu_nb.load(CRITIC, author="Brazil")
    ops = [MoveClause(DEEP, after=f"{SECTION}/1/iii/bullet2"), MoveClause(FIRST, after=f"{SECTION}/1/ii")]
    moved = apply_ops(doc["B/67/4"], ops, author="CEPT", date="2018-10-02")
    return dataclasses.replace(doc, proposals=tuple(moved if p.id == "B/67/4" else p for p in doc.proposals))


@pytest.fixture(scope="module")
def written(amended) -> bytes:
    return itu_nb.to_docx(amended)


def _names(data: bytes) -> tuple[list[tuple[str, str]], dict]:
    """The (end, name) of every move range in the body, and the ``itu_nb moves`` property (empty: none)."""
    with zipfile.ZipFile(BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
        custom = z.read("docProps/custom.xml").decode() if "docProps/custom.xml" in z.namelist() else ""
    found = re.search(r'name="itu_nb moves"><vt:lpwstr>([^<]*)</vt:lpwstr>', custom)
    return re.findall(r'<w:move(From|To)RangeStart [^>]*w:name="([^"]*)"', xml), json.loads(found[1]) if found else {}


def test_the_edits_move_names_are_too_long_for_word(amended):
    names = {r.move for c in amended["B/67/4"].walk() for r in c.runs if r.move}
    assert names == {"move-" + DEEP, "move-" + FIRST}
    assert [len(n) for n in sorted(names, key=len)] == [79, 89]


def test_the_names_written_are_names_word_keeps_one_per_move(written):
    ranges, stored = _names(written)
    assert ranges and all(WORD_NAME.fullmatch(name) for _, name in ranges)
    # the two moves' names cut to the same 30 characters, told apart by their digests
    assert len({name for _, name in ranges}) == 2
    assert all(re.fullmatch(r"move_instructs_the_Director_of_[0-9a-f]{8}", name) for _, name in ranges)
    # each name on both ends of its move, and stored with the move's own name
    assert {name for end, name in ranges if end == "From"} == {name for end, name in ranges if end == "To"}
    assert sorted(stored.values()) == ["move-" + FIRST, "move-" + DEEP]
    assert set(stored) == {name for _, name in ranges}


def test_a_move_with_a_long_name_survives_word(amended, written):
    back = itu_nb.load(written)
    assert _changed(back, day=True) == _changed(amended, day=True)  # kinds, names, ids, authors of every change
    kinds = [(c.kind, c.author) for n in back["B/67/4"].walk() for c in n.changes if c.author == "CEPT"]
    assert kinds.count(("moved-from", "CEPT")) > 0 and kinds.count(("moved-to", "CEPT")) == 2
    # rejecting CEPT's changes pairs each copy with its original by name: bullet 1 and i) back in their places
    cept = [c.id for c in amended["B/67/4"].changes if c.author == "CEPT"]
    before, after = amended["B/67/4"].reject(cept), back["B/67/4"].reject(cept)
    assert [(c.key, c.status, c.body()) for c in after.walk()] == [(c.key, c.status, c.body()) for c in before.walk()]
    items = [c.body() for c in after[f"{SECTION}/1/iii"].children]
    assert items[0].startswith("Resolution\u00a050 (Rev.\u00a0") and items[1].startswith("Resolution\u00a052")


def test_a_name_word_takes_is_written_as_it_is():
    assert word_move_name("move1") == "move1"  # Word's own, read from its files
    assert word_move_name("x" * 40) == "x" * 40
    assert re.fullmatch(r"x{31}_[0-9a-f]{8}", word_move_name("x" * 41))
    assert re.fullmatch(r"move_3_a_[0-9a-f]{8}", word_move_name("3 a)"))  # a letter first
    assert re.fullmatch(r"move_[0-9a-f]{8}", word_move_name("déjà"[1:2]))  # no ASCII letter or digit at all


def test_a_name_taken_by_another_move_is_not_written_twice(tmp_path):
    # a move named "move-1" (a name Word would not write) and one named as its cut would be ("move_1_" and the
    # digest): each keeps a name of its own, and both read back
    taken = word_move_name("move-1")
    body = HEAD + para(run("resolves"))
    body += para(run("1\tthat ") + _moved("moveFrom", "first words ", "move-1", 5) + run("stay;"))
    body += para(run("2\tthat ") + _moved("moveFrom", "second words ", taken, 8) + run("stay;"))
    body += para(run("3\tthat here ") + _moved("moveTo", "first words ", "move-1", 11) + run("and;"))
    body += para(run("4\tthat here ") + _moved("moveTo", "second words ", taken, 14) + run("end."))
    doc = itu_nb.load(package(body))
    assert {r.move for n in doc[0].walk() for r in n.runs if r.move} == {"move-1", taken}
    data = itu_nb.to_docx(doc)
    ranges, stored = _names(data)
    assert len({name for _, name in ranges}) == 2 and all(WORD_NAME.fullmatch(name) for _, name in ranges)
    # "move-1", met first, is written as its cut; the other, whose name that is, under a digest of its own
    other = ({name for _, name in ranges} - {taken}).pop()
    assert stored == {taken: "move-1", other: taken}
    back = itu_nb.load(data)
    assert [(n.key, r.text, r.move) for n in back[0].walk() for r in n.runs if r.move] == [
        (n.key, r.text, r.move) for n in doc[0].walk() for r in n.runs if r.move
    ]


@needs_soffice
def test_libreoffice_opens_the_moves_with_long_names(written, tmp_path):
    path = tmp_path / "moved.docx"
    path.write_bytes(written)
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    ranges, _ = _names(written)
    for _, name in ranges:
        assert f"__RefMoveFrom__{name}" in fodt and f"__RefMoveTo__{name}" in fodt
