"""Issue 17: two proposals with the same id, in the tables of ``itu_nb.to_frame``.

The tree (``ClauseTreeExplorer``) and ``explore`` show both copies of a document pasted twice, the second
as ``B/67/4 (2)`` (tests/test_explore_duplicate_ids.py).  ``to_frame`` gave both copies the same
``proposal`` value, so ``groupby("proposal")`` added the two copies' words together and a look-up by
proposal and path found two rows: a silent merge.  The second copy is now ``B/67/4 (2)`` there too.

Input: Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md) pasted twice,
the second copy with one more change, so that the copies differ.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb.widgets._payload import tree_nodes

SOURCE = CRITIC.read_text(encoding="utf-8")
#: B/67/4, resolves 1 of Resolution 130: "to continue to give this work high priority within ITU, …"
EDIT = ("to continue to give this work high priority", "to continue to give this work {++very ++}high priority")


@pytest.fixture(scope="module")
def twice():
    assert SOURCE.count(EDIT[0]) == 1
    doc = itu_nb.load(SOURCE + "\n" + SOURCE.replace(*EDIT), format="criticmarkup")
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"] * 2
    return doc


def test_the_clause_table_tells_the_copies_apart_as_the_tree_does(twice):
    df = itu_nb.to_frame(twice)
    assert list(dict.fromkeys(df.proposal)) == [
        "B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5",
        "B/67/1 (2)", "B/67/2 (2)", "B/67/3 (2)", "B/67/4 (2)", "B/67/5 (2)",
    ]  # fmt: skip
    nodes, _ = tree_nodes(twice)
    assert set(df.proposal) == {n[0] for n in nodes if n[8] == "proposal"}  # the tree's keys
    # one row per proposal and path: the copy's resolves 1 has the added word, the first has not
    rows = df[df.path == "resolves/1"].set_index("proposal")
    assert rows.loc["B/67/4", "words_inserted"] + 1 == rows.loc["B/67/4 (2)", "words_inserted"]
    assert "very high priority" in rows.loc["B/67/4 (2)", "amended"]
    assert "very" not in rows.loc["B/67/4", "amended"]
    words = df.groupby("proposal")["words_inserted"].sum()
    assert words["B/67/4 (2)"] == words["B/67/4"] + 1 and words["B/67/2 (2)"] == words["B/67/2"]


def test_the_change_table_too(twice):
    changes = itu_nb.to_frame(twice, "changes")
    first, second = (changes[changes.proposal == key] for key in ("B/67/4", "B/67/4 (2)"))
    assert len(second) == len(first) + 1
    assert [(r.path, r.new) for r in second.itertuples() if r.new == "very "] == [("resolves/1", "very ")]


def test_a_document_of_distinct_ids_keeps_them():
    df = itu_nb.to_frame(itu_nb.load(CRITIC))
    assert list(dict.fromkeys(df.proposal)) == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
