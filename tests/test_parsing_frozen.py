"""The parser's cheap constructors (``itu_nb.parsing.frozen``) make the model's own frozen values.

Every clause and run of Brazil's Document 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``,
loaded with author Brazil) is made again through :func:`clause` / :func:`run` from its fields, and must be
the model's class itself, equal and hashed as the model's constructor makes it, frozen, and pickled and
copied as a model value.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

import itu_nb
from itu_nb.model import Clause, NodeKind, Op, Run
from itu_nb.parsing.frozen import clause, equal_run, run

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")


def test_every_clause_and_run_of_document_67_made_again(doc67):
    clauses = [c for p in doc67 for c in p.walk()]
    assert len(clauses) > 200  # the five proposals' clauses
    for c in clauses:
        made = clause(c.kind, c.path, c.label_runs, c.runs, c.children, c.section, c.line, c.artefacts, c.notes)
        assert type(made) is Clause
        assert made == Clause(c.kind, c.path, c.label_runs, c.runs, c.children, c.section, c.line, c.artefacts, c.notes)
        assert hash(made) == hash(
            Clause(c.kind, c.path, c.label_runs, c.runs, c.children, c.section, c.line, c.artefacts, c.notes)
        )
        for r in (*c.label_runs, *c.runs):
            again = run(r.op, r.text, r.author, r.date, r.inferred) if r.move is None else r
            assert type(again) is Run and again == r and hash(again) == hash(r)


def test_the_relettered_label_of_resolution_130_considering(doc67):
    # B/67/4 considering: "{--c--}{++b++})" — the second b) of the section (CORPUS.md, note 1)
    original = doc67["B/67/4"]["considering/b#2"]
    made = clause(
        original.kind, original.path, tuple(run(r.op, r.text, r.author, r.date) for r in original.label_runs),
        original.runs, original.children, original.section, original.line, original.artefacts, original.notes,
    )  # fmt: skip
    assert (made.label_original, made.label, made.relabelled) == ("c)", "b)", True)
    assert made == original
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.path = "considering/c"  # type: ignore[misc]
    assert not hasattr(made, "__dict__")
    assert pickle.loads(pickle.dumps(made)) == made and copy.deepcopy(made) == made
    assert dataclasses.replace(made, path="x").path == "x"


def test_equal_run_is_the_model_run():
    r = equal_run("that the rights and obligations of Member States")  # Res 14 considering a), Document 67
    assert type(r) is Run
    assert r == Run(Op.EQUAL, "that the rights and obligations of Member States")
    assert repr(r) == repr(Run(Op.EQUAL, "that the rights and obligations of Member States"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = "x"  # type: ignore[misc]
    assert clause(NodeKind.ITEM, "considering/a", (), (r,), (), "considering", 5, (), ()).body() == r.text
