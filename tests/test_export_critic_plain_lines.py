"""The CriticMarkup writer's lines of plain text (document text in no change, no artefact), which it writes
straight through: escaped and refused as the other lines are, their errors naming the line and its clause.

The input is Doc 67's flattened text (``tests/fixtures/pp18-doc67-brazil.flattened.txt``): its line 18 is the
paragraph after "recognizing further", ``that coordination between Member States …``, a plain line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.errors import ExportError

FLAT = Path(__file__).parent / "fixtures" / "pp18-doc67-brazil.flattened.txt"
LINE_18 = "recognizing further\nthat coordination"


def _with(line: str) -> itu_nb.Document:
    text = FLAT.read_text(encoding="utf-8")
    assert LINE_18 in text
    return itu_nb.load(text.replace(LINE_18, "recognizing further\n" + line, 1).encode(), format="text")


def test_a_plain_line_holding_a_mark_is_refused_naming_its_line_and_clause():
    doc = _with("that {++coordination")
    with pytest.raises(ExportError, match=r"^<bytes>, line 18 \(recognizing further/p1\): the text 'that \{\+\+coord"):
        doc.to_criticmarkup()


def test_a_plain_line_reading_as_a_note_body_is_escaped_and_read_back_as_text():
    doc = _with(r"that [\1: coordination]")  # plain text knows no escape: text as written
    assert r"that [\1: coordination] between" in doc.text()
    written = doc.to_criticmarkup()
    assert r"that [\\1: coordination] between Member States" in written.splitlines()[17]
    again = itu_nb.load(written, format="criticmarkup")
    assert again.text() == doc.text()


def test_plain_lines_are_written_as_read():
    doc = itu_nb.load(FLAT.read_bytes(), format="text")
    written = doc.to_criticmarkup().splitlines()
    assert written[17] == FLAT.read_text(encoding="utf-8").splitlines()[17]  # line 18, character for character
