"""Plain-language amendment instructions, applied to Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts."""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.amendments.amending import amend
from itu_nb.amendments.edits import (
    AddSection,
    DeleteClause,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    Renumber,
    ReplaceClause,
    ReplaceWords,
)
from itu_nb.amendments.instructions import InstructionError, parse, parse_one

RES130 = itu_nb.load(Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml")["Resolution 130"]


@pytest.mark.parametrize(
    ("instruction", "ops"),
    [
        ('In resolves 2, replace "X" by "Y"', [ReplaceWords("resolves 2", "X", "Y")]),
        ("In resolves 2, replace the words “X” with the words “Y”.", [ReplaceWords("resolves 2", "X", "Y")]),
        ('Replace "X" by "Y" in considering c)', [ReplaceWords("considering c)", "X", "Y")]),
        ('In considering c), delete "X"', [ReplaceWords("considering c)", "X", "")]),
        ('Delete the words "X" from considering c)', [ReplaceWords("considering c)", "X", "")]),
        ('In resolves 2, insert "X" after "Y"', [InsertWords("resolves 2", "X", after="Y")]),
        ('In resolves 2, add "X" at the end', [InsertWords("resolves 2", "X")]),
        ("Add a new considering d) reading: that X;", [InsertClause("that X;", into="considering", label="d)")]),
        ('Add new considering d) as follows: "that X;"', [InsertClause("that X;", into="considering", label="d)")]),
        ("Insert a new resolves 3: to X;", [InsertClause("to X;", into="resolves", label="3")]),
        ("Add a new paragraph after resolves 2 reading: to X;", [InsertClause("to X;", after="resolves 2")]),
        ("Add a new section “noting further” reading: that X,", [AddSection("noting further", ("that X,",))]),
        ("Delete recognizing c).", [DeleteClause("recognizing c)")]),
        ("Suppress recognizing c) and renumber the following paragraphs", [DeleteClause("recognizing c)")]),
        ("Replace resolves 3 by the following: to X;", [ReplaceClause("resolves 3", "to X;")]),
        ("resolves 3 shall read: to X;", [ReplaceClause("resolves 3", "to X;")]),
        ('Replace the title by "Cybersecurity"', [ReplaceClause("the title", "Cybersecurity")]),
        ("Move resolves 4 to follow resolves 1", [MoveClause("resolves 4", after="resolves 1")]),
        ("Renumber resolves 5 as resolves 6", [Relabel("resolves 5", "6")]),
        ("Renumber considering", [Renumber("considering")]),
        ("Renumber the subsequent paragraphs accordingly.", []),
    ],
)
def test_instruction_forms(instruction, ops):
    assert parse_one(instruction) == ops


def test_unreadable_instructions_are_quoted():
    with pytest.raises(
        InstructionError, match=r"cannot read the instruction 'Make resolves 2 stronger'; write for example"
    ):
        parse_one("Make resolves 2 stronger")
    with pytest.raises(InstructionError, match="cannot read the instruction"):
        amend(RES130, "In resolves 2, replace X by Y")  # unquoted words


def test_a_conference_style_batch_on_the_final_acts():
    batch = """In resolves 2, replace "high priority" by "the highest priority"
Add a new considering c) reading: that cybersecurity is everybody's business;
Delete recognizing c)
Renumber the following paragraphs accordingly"""
    assert [len(ops) for _, ops in parse(batch)] == [1, 1, 1, 0]
    new = amend(RES130, batch, author="ATU", date="2018-10-20")
    assert new.text("original") == RES130.text("original")
    # Final Acts resolves 2 begins "to give high priority to the work of ITU described under bearing in mind above"
    assert new["resolves/2"].body().startswith("to give the highest priority to the work of ITU")
    # considering c) is new; the old c) "the cybersecurity-related provisions…" is d)
    assert new["considering/c"].body() == "that cybersecurity is everybody's business;"
    assert new["considering/d"].label_original == "c)"
    # recognizing c) "that WSIS affirmed…" is struck; d) "that WTDC-17 adopted the Buenos Aires Action Plan…" is c)
    assert new["recognizing/c"].status == "deleted"
    assert new["recognizing/c#2"].body().startswith("that WTDC-17 adopted the Buenos Aires Action Plan")
    assert {c.author for c in new.changes} == {"ATU"}
    assert len(new.provenance) == 3
    assert new.reject().text("amended") == RES130.text("amended")
    assert new.accept().text("original") == new.text("amended")
