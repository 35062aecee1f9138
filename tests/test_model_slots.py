"""The model's Run, Clause and Artefact after issue 19's cheaper construction: still frozen values.

They are slotted frozen dataclasses whose ``__init__`` writes the slots directly (half the cost of
the generated one).  These tests check, on the PP-18 corpus, that what the public model promised
before still holds: the same fields in the same order, positional and keyword construction,
equality and hashing by value, immutability, ``dataclasses.replace``, pickling and copying.

The values come from ``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``, Brazil's B/67/4
(modification of Resolution 130): its heading ``RESOLUTION 130 (Rev. {--Busan, 2014--}{++Dubai,
2018++})`` and its considering c) relettered b) (``{--c--}{++b++})``), the second ``b`` of the section.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

import itu_nb
from itu_nb.model import Artefact, Clause, NodeKind, Op, Run

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def b67_4():
    return itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]


def test_fields_in_their_order():
    assert [f.name for f in dataclasses.fields(Run)] == ["op", "text", "author", "date", "inferred", "move"]
    assert [f.name for f in dataclasses.fields(Clause)] == [
        "kind", "path", "label_runs", "runs", "children", "section", "line", "artefacts", "notes", "uid", "settled",
    ]  # fmt: skip
    assert [f.name for f in dataclasses.fields(Artefact)] == [
        "kind", "text", "line", "offset", "op", "author", "date", "length", "anchor", "inserted", "move",
    ]  # fmt: skip
    struck = Artefact("struck-insert", "2 ", 140, 50, Op.DELETE, "Ana", "2026-12-05", inserted=("Brazil", None))
    assert struck.inserted == ("Brazil", None) and Artefact("comment", "x", 0).inserted is None
    # a note's part of a move names it (shown in the repr only then: every other artefact reads as before)
    part = Artefact("footnote-part", "71", 140, None, Op.DELETE, "CEPT", "2018-10-02", move="m1")
    assert part.move == "m1" and repr(part).endswith("inserted=None, move='m1')") and struck.move is None
    assert repr(struck).endswith("inserted=('Brazil', None))")


def test_run_of_the_heading_is_a_frozen_value(b67_4):
    deleted, inserted = b67_4["heading"].runs[1:3]  # "Busan, 2014" struck, "Dubai, 2018" inserted
    assert (deleted.op, deleted.text, deleted.author) == (Op.DELETE, "Busan, 2014", "Brazil")
    assert (inserted.op, inserted.text, inserted.author) == (Op.INSERT, "Dubai, 2018", "Brazil")
    same = Run(Op.DELETE, "Busan, 2014", "Brazil")
    assert deleted == same and hash(deleted) == hash(same)
    assert Run(op=Op.DELETE, text="Busan, 2014", author="Brazil") == same  # keywords as before
    assert deleted != dataclasses.replace(deleted, text="Busan, 2015")
    assert dataclasses.replace(deleted, op=Op.INSERT, text="Dubai, 2018") == inserted
    assert deleted.with_text("x") == Run(Op.DELETE, "x", "Brazil")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deleted.text = "changed"  # type: ignore[misc]
    assert not hasattr(deleted, "__dict__")  # slots: a run is a few pointers, not a dict
    assert pickle.loads(pickle.dumps(deleted)) == deleted
    assert copy.deepcopy(inserted) == inserted
    assert (
        repr(same)
        == "Run(op=<Op.DELETE: -1>, text='Busan, 2014', author='Brazil', date=None, inferred=False, move=None)"
    )


def test_clause_relettered_keeps_value_semantics(b67_4):
    clause = b67_4["considering/b#2"]  # considering c) relettered b)
    assert (clause.kind, clause.label_original, clause.label, clause.status) == (NodeKind.ITEM, "c)", "b)", "modified")
    rebuilt = Clause(*(getattr(clause, f.name) for f in dataclasses.fields(Clause)))  # positional, field order
    assert rebuilt == clause and hash(rebuilt) == hash(clause)
    by_name = Clause(**{f.name: getattr(clause, f.name) for f in dataclasses.fields(Clause)})
    assert by_name == clause
    moved = dataclasses.replace(clause, uid="considering/c")
    assert moved.key == "considering/c" and moved.path == clause.path and moved != clause
    assert moved.label_runs is clause.label_runs and moved.runs is clause.runs
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.path = "considering/z"  # type: ignore[misc]
    assert not hasattr(clause, "__dict__")
    assert Clause(NodeKind.PARAGRAPH, "p1") == Clause(kind=NodeKind.PARAGRAPH, path="p1", runs=())


def test_whole_proposal_pickles_and_reloads_equal(b67_4):
    again = itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]
    assert again.clauses == b67_4.clauses and hash(again.clauses) == hash(b67_4.clauses)
    assert pickle.loads(pickle.dumps(b67_4.clauses)) == b67_4.clauses
    assert len({c for c in b67_4.walk()}) == len(list(b67_4.walk()))  # hashable, and no two nodes alike


def test_artefact_is_slotted_and_frozen():
    doc = itu_nb.load("considering\na)\tthat {==ICTs==}{>>@Brazil (2018-09-10): check<<} matter\n")
    highlight, comment = doc[0]["considering/a"].artefacts
    assert (comment.kind, comment.text, comment.author, comment.date) == ("comment", "check", "Brazil", "2018-09-10")
    assert (highlight.kind, highlight.offset, highlight.length) == ("highlight", 8, 4)  # "ICTs" after "a)\tthat "
    assert dataclasses.replace(comment, offset=0) == Artefact(
        "comment", "check", comment.line, 0, Op.EQUAL, "Brazil", "2018-09-10"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        comment.text = "x"  # type: ignore[misc]
    assert not hasattr(comment, "__dict__")
    assert pickle.loads(pickle.dumps(highlight)) == highlight
