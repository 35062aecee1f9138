"""itu_nb.loaders.as_proposal: the one reading of "a text" for compare, compare_many, amend, merge and lineage.

Fixtures: Brazil's B/67/4 (CriticMarkup reconstruction: 73 tracked changes, five texts in the
document) and the PP-18 Final Acts (AKN, 64 texts).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.loaders import as_proposal

DOC = itu_nb.load(CRITIC, author="Brazil")
B130 = DOC["B/67/4"]


def test_a_proposal_keeps_its_tracked_changes_unless_a_view_is_asked():
    assert as_proposal(B130) is B130 and as_proposal(B130).changed
    assert as_proposal(B130, "amended") == B130.amended and not as_proposal(B130, "original").changed
    with pytest.raises(ValueError, match="view='new'"):
        as_proposal(B130, "new")


def test_a_document_of_one_text_is_that_text_and_of_several_is_joined_or_refused():
    one = itu_nb.load("considering\na)\tthat the text is short;\n")
    assert as_proposal(one) == one.proposals[0]
    joined = as_proposal(DOC, "amended")
    assert [c.path for c in joined.clauses][:1] == [f"B/67/1/{DOC.proposals[0].clauses[0].path}"]
    with pytest.raises(itu_nb.AddressError, match=r"5 texts \(B/67/1, .*pick one, e\.g\. doc\['B/67/1'\]"):
        as_proposal(DOC, single=True)
    with pytest.raises(itu_nb.AddressError, match="pick one"):
        itu_nb.amend(DOC, 'In resolves 2, replace "a" by "b"')


def test_a_clause_a_path_a_text_and_bytes():
    clause = B130["considering/b#2"]
    p = as_proposal(clause)
    assert p.id == clause.path and p.clauses == (clause,) and p.changed  # c) relettered b), kept
    assert as_proposal(clause, "original").clauses[0].label == "c)"
    assert as_proposal(FINAL_ACTS).id == str(FINAL_ACTS) and len(as_proposal(FINAL_ACTS).clauses) > 64
    assert as_proposal(str(CRITIC), single=False).clauses  # a path as a string
    assert as_proposal("resolves\n1\tto act;\n").text() == "resolves\n1\tto act;"
    assert as_proposal("a)\tto act;").text() == "a)\tto act;"  # one line, no such file: a text
    assert as_proposal(b"resolves\n1\tto act;\n").text() == "resolves\n1\tto act;"
    assert as_proposal("  ").clauses == ()


def test_errors_name_the_input_and_say_what_to_do():
    with pytest.raises(itu_nb.LoadError, match=r"^res130\.md: no such file \(check the path; to pass a text"):
        as_proposal("res130.md")
    with pytest.raises(itu_nb.LoadError, match="data/missing: no such file"):
        as_proposal("data/missing")
    with pytest.raises(TypeError, match="cannot compare, amend or merge a int; pass a Proposal, Document"):
        as_proposal(3)
