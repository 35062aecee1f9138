"""The edges of a move in Word: where its range ends, its paragraph marks, its notes' paragraphs (issue 17, remains 3).

Word names a move by the range around its runs (``w:moveFromRangeStart`` … ``w:moveFromRangeEnd``, ECMA-376
17.13.5.23/24, 17.13.5.27/28); a ``w:moveFrom`` / ``w:moveTo`` outside every range is "treated as deleted [inserted],
rather than moved" (ECMA-376 1st edition, Part 4, 2.13.5.21/2.13.5.26; a non-conformant document in the ISO edition).
The reader kept the name of the last range read after its end, so such a run took the name of a move it is no part of.

Data: resolves 1 to 3 of Resolution 130 as Brazil's Document 67 gives them (as ``tests/test_moves_marks.py``), and its
instructs the Secretary-General paragraph, written as Word writes them.
"""

from __future__ import annotations

from docx_build import HEAD, package, para, run
from test_moves_marks import ONE, THREE, TWO, WHEN, WHO

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
