"""Two proposals with the same id (issue 17): the tree and explore() show both, distinguishable.

The input is real: Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md)
pasted twice into one file, as happens when two copies of a contribution are merged by hand:
ten proposals, B/67/1…B/67/5 twice.  Before, ``ClauseTreeExplorer`` and ``explore`` raised
``AttributeError: '_Unchanged' object has no attribute 'id'`` in the payload.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.widgets._payload import tree_nodes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = (FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def twice():
    doc = itu_nb.load(SOURCE + "\n" + SOURCE, format="criticmarkup")
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"] * 2
    return doc


@pytest.fixture(scope="module")
def once():
    return itu_nb.load(SOURCE, format="criticmarkup")


def test_the_tree_shows_both_copies_under_distinct_keys(twice, once):
    nodes, index = tree_nodes(twice)
    single, _ = tree_nodes(once)
    keys = [n[0] for n in nodes]
    assert len(keys) == len(set(keys)) == 2 * len(single) - 1  # one document node, every other node twice
    proposals = [n for n in nodes if n[8] == "proposal"]
    assert [n[0] for n in proposals] == [
        "B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5",
        "B/67/1 (2)", "B/67/2 (2)", "B/67/3 (2)", "B/67/4 (2)", "B/67/5 (2)",
    ]  # fmt: skip
    # the label a reader sees tells them apart too; the copies' change counts are the same
    # (B/67/2: 32 inserted and 27 deleted runs, as tests/browser/test_harness.py reads in the tree)
    first, second = proposals[1], proposals[6]
    assert (first[3], second[3]) == (
        "B/67/2 — MOD Resolution 71 (Rev. Busan, 2014)",
        "B/67/2 (2) — MOD Resolution 71 (Rev. Busan, 2014)",
    )
    assert (first[6], first[7]) == (second[6], second[7]) == (32, 27)
    assert index["B/67/4 (2)"] is twice.proposals[8] and index["B/67/4"] is twice.proposals[3]
    pair = index["B/67/4 (2):considering/b#2"]  # Brazil's c) relettered b) (CORPUS.md, note 1)
    assert (pair.kind, pair.new.path, pair.new.label) == ("relabelled", "considering/b#2", "b)")


def test_explore_follows_the_second_copy(twice):
    ex = itu_nb.explore(twice)
    assert ex.viewer.source is twice.proposals[0]
    ex.tree.selected_path = "B/67/4 (2):considering/b#2"
    assert ex.tree.proposal_id == "B/67/4 (2)" and ex.tree.clause_path == "considering/b#2"
    assert ex.viewer.source is twice.proposals[8] and ex.viewer.selected_path == "considering/b#2"
    ex.viewer.selected_path = "considering/f"  # what the viewer sends when the user moves
    assert ex.tree.selected_path == "B/67/4 (2):considering/f"
    ex.tree.selected_path = "B/67/4:considering/f"  # the first copy: the viewer switches back
    assert ex.viewer.source is twice.proposals[3]
    assert "73 changes" in ex.table.value  # B/67/4's 73 changes (tests/test_widgets.py)


def test_every_node_of_both_copies_can_be_selected(twice):
    ex = itu_nb.explore(twice)
    for key in ex.tree._index:
        ex.tree.selected_path = key
    assert ex.tree.selected_path == key and ex.viewer.source is twice.proposals[9]


def test_one_proposal_object_listed_twice():
    # the same Proposal object twice in a document (built in Python, not loaded)
    import dataclasses

    doc = itu_nb.load(SOURCE, format="criticmarkup")
    p = doc["B/67/4"]
    both = dataclasses.replace(doc, proposals=(p, p))
    tree = itu_nb.ClauseTreeExplorer(both)
    assert [n[0] for n in tree._nodes if n[8] == "proposal"] == ["B/67/4", "B/67/4 (2)"]
    ex = itu_nb.explore(both)
    ex.tree.selected_path = "B/67/4 (2):considering/c"
    assert ex.viewer.source is p and ex.viewer.selected_path == "considering/c"
