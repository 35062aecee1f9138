"""The lines every writer but HTML starts from: a plain node's pieces and line are made without the frozen
dataclasses' ``__init__`` (``export/lines._plain_pieces`` and the loop of ``_lines``), and must be the very objects
the constructors would make, field for field, on the corpus: Brazil's Doc 67 as CriticMarkup (its changes, notes and
comments: nodes with and without artefacts), the same text flattened, and LibreOffice's tracked changes in Word.
"""

from __future__ import annotations

import dataclasses

import pytest

import itu_nb
from itu_nb.export.lines import Line, Piece, export_lines, node_pieces

SOURCES = [
    "tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md",
    "tests/fixtures/pp18-doc67-brazil.flattened.txt",
    "tests/fixtures/lo-tracked-changes.docx",
]


def _as_made(piece: Piece) -> Piece:
    return Piece(piece.text, piece.op, piece.kind, piece.author, piece.date)


@pytest.mark.parametrize("source", SOURCES)
def test_plain_pieces_are_the_constructors(source):
    doc = itu_nb.load(source)
    plain = [n for p in doc for n in p.walk() if not n.artefacts]
    assert plain  # most nodes hold no artefact
    for node in plain:
        pieces = node_pieces(node)
        expected = [Piece(r.text, r.op, "label", r.author, r.date) for r in node.label_runs if r.text]
        expected += [Piece(r.text, r.op, "text", r.author, r.date) for r in node.runs if r.text]
        assert pieces == expected, node.path
        assert [vars(p) for p in pieces] == [vars(p) for p in expected], node.path  # (no field more or less)
        assert all(dataclasses.replace(p, text="x").text == "x" for p in pieces)


@pytest.mark.parametrize("source", SOURCES[::2])  # (the line-based documents: their node lines made in the loop)
def test_node_lines_are_the_constructors(source):
    doc = itu_nb.load(source)
    lines = [line for line in export_lines(doc) if line.node is not None]
    assert lines
    assert len(lines) == sum(1 for p in doc for n in p.walk() if n.line is not None and n.kind.value != "footnote")
    for line in lines:
        made = Line(tuple(map(_as_made, line.pieces)), line.node.kind.value, line.node, line.proposal, line.depth)
        assert line == dataclasses.replace(made, keys=line.keys), line.node.path
        assert list(vars(line)) == [f.name for f in dataclasses.fields(Line)]
        assert line.role == line.node.kind.value and isinstance(line.role, str)
