"""The Akoma Ntoso loader makes its runs and clauses without the frozen dataclasses' ``__init__`` (issue 19):
what it makes must be the very objects the constructors make, on the real Final Acts and on exports.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

import itu_nb
from itu_nb.loaders import akn_nodes, akn_runs
from itu_nb.model import Clause, Op, Run

FIXTURES = Path(__file__).parent / "fixtures"


def _rebuilt(obj):
    """``obj`` made again by its class's constructor, from its fields."""
    return type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})


def test_the_fast_paths_are_taken_for_todays_model():
    # Run and Clause are plain frozen dataclasses: the loader fills their fields at once (a changed
    # model, with a __post_init__ or a field without a plain default, falls back to the constructor)
    assert akn_runs._FAST_RUN and akn_nodes._FAST_CLAUSE


@pytest.mark.parametrize(
    "source",
    [
        FIXTURES / "pp18-final-acts.akn.xml",  # the converter's Final Acts: plain runs, repairs and parts
        FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md",  # exported to AKN: ins/del runs, authors
    ],
)
def test_every_run_and_clause_is_what_its_constructor_makes(source, tmp_path):
    if source.suffix == ".md":
        path = tmp_path / "brazil.akn.xml"
        itu_nb.load(source, author="Brazil").to_akn(path)
        source = path
    doc = itu_nb.load(source)
    clauses = [c for p in doc.proposals for top in p.clauses for c in top.walk()]
    runs = [r for c in clauses for r in (*c.label_runs, *c.runs)]
    assert len(clauses) > 100 and runs
    for clause in clauses:
        again = dataclasses.replace(_rebuilt(clause), children=clause.children)
        assert again == clause and hash(again) == hash(clause) and repr(again) == repr(clause)
        assert list(vars(again)) == list(vars(clause))  # the same fields, in the same order
    for run in runs:
        again = _rebuilt(run)
        assert again == run and hash(again) == hash(run) and vars(again) == vars(run)
    # they survive pickling (itu-nb batch --jobs N sends documents between processes) and stay frozen
    assert pickle.loads(pickle.dumps(clauses[1])) == clauses[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        runs[0].text = "x"  # type: ignore[misc]
    if "brazil" in source.name:  # the exported proposal keeps its changes, with Brazil as author
        assert any(r.op is Op.INSERT and r.author == "Brazil" for r in runs)


def test_retext_keeps_every_field_but_the_text():
    run = Run(Op.DELETE, "Busan, 2014", "Brazil", "2018-10-01", inferred=True, move="m1")
    assert akn_runs.retext(run, "Busan") == run.with_text("Busan")
    assert akn_runs.equal_run("considering") == Run(Op.EQUAL, "considering")
    assert isinstance(akn_nodes._clause(*_clause_args()), Clause)
    assert akn_nodes._clause(*_clause_args()) == akn_nodes._slow_clause(*_clause_args())


def _clause_args():
    run = Run(Op.EQUAL, "1\t")
    return (itu_nb.NodeKind.ITEM, "resolves/1", (run,), (Run(Op.EQUAL, "to continue"),), (), "resolves", ("a note",))


def test_the_swallowed_heading_search_stops_where_section_lines_end():
    # akn_repair stops reading an item's commas backwards once the rest is longer than any section
    # line section_keyword reads (250 characters, white space collapsed); that bound must be its bound
    from itu_nb.loaders.akn_repair import _LONGEST_LINE, _swallowed_at
    from itu_nb.parsing.labels import section_keyword

    verb = "instructs the Secretary-General"
    line = verb + " and" * ((_LONGEST_LINE - len(verb)) // 4)
    assert len(line) <= _LONGEST_LINE and section_keyword(line) == line
    assert section_keyword(line + " and" * 2) is None  # past the bound: no section line
    # the cut is still found after a long item text, and not when the heading itself is too long
    text = "to report to the Council on the implementation" + ", of this resolution" * 20 + ", " + line
    assert _swallowed_at(text) == (len(text) - len(line) - 1, len(text) - len(line))
    assert _swallowed_at(text + " and and") is None
