"""The redline viewer and the clause-tree explorer show a clause struck whole (issue 17, remains 2).

Doc 67 B/67/4 considering j) is Brazil's (line 104 of the CriticMarkup source); Ana strikes it.  It is in neither
view (kept with no runs, its label and text as struck-inserts), so the proposal's redline has no pair for it; the
viewer gets a row of its own for it (``widgets._struck.with_kept``), between i) and k) as the source has them: a
``deleted`` row with no segments whose two struck-inserts (``j)<TAB>`` and the text, inserted by Brazil, struck by
Ana) point at the clause's one change; deciding that change in the viewer brings j) back or drops it.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC
from test_struck_clause_change import DAY, J_TEXT, KEY

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause
from itu_nb.model.struck_ids import clause_id
from itu_nb.widgets._payload import changes_frame, pairs_of, tree_nodes, viewer_rows
from itu_nb.widgets._struck import sources_of

CID = clause_id("considering/j")


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def struck(doc67):
    return apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)


def test_the_redline_has_a_row_for_the_struck_clause_between_i_and_k(struck):
    rows, changes = viewer_rows(pairs_of(struck), sources_of(struck))
    assert [c["id"] for c in changes] == struck.changes.ids  # the one change, in reading order
    near = [r for r in rows if r["sec"] == "considering"][-3:]
    assert [(r["path"], r["k"], r["at"]) for r in near] == [
        ("considering/i", "inserted", "considering i)"),
        ("considering/bullet1", "deleted", "considering j)"),  # Brazil's j), struck: cited by its label
        ("considering/j", "inserted", "considering j)"),  # Brazil's k), relettered j) by Ana's strike
    ]
    row = near[1]
    assert (row["lab"], row["seg"], row["t"]) == ([], [], "item")
    assert [(s["text"], s["a"], s["sa"], s["st"]) for s in row["si"]] == [
        ("j)\t", "Brazil", "Ana", DAY),
        (J_TEXT, "Brazil", "Ana", DAY),
    ]
    (c,) = {s["c"] for s in row["si"]}  # both decided by the clause's one change
    assert (changes[c]["id"], changes[c]["k"], changes[c]["a"], changes[c]["r"]) == (CID, "struck-insert", "Ana", 28)
    assert [r["i"] for r in rows] == list(range(len(rows))) and [r["id"] for r in rows] == [
        str(i) for i in range(len(rows))
    ]


def test_the_changes_table_lists_it_once_with_its_inserter(struck):
    frame = changes_frame(pairs_of(struck), sources_of(struck))
    mine = frame[frame["id"] == CID]
    assert len(mine) == 1 and list(frame["id"]) == struck.changes.ids
    assert (mine.iloc[0]["scope"], mine.iloc[0]["inserter"], mine.iloc[0]["author"]) == ("clause", "Brazil", "Ana")


def test_the_tree_shows_it_with_its_label_and_words(struck):
    nodes, index = tree_nodes(struck)
    (node,) = [n for n in nodes if n[0] == f"{KEY}:considering/bullet1"]
    assert node[3:6] == ["j)", J_TEXT[:89] + "…", "deleted"] and node[7] == 2
    assert index[node[0]].old is not None and index[node[0]].old.key == "considering/j"


def test_the_viewer_decides_it_by_id(struck, doc67):
    viewer = itu_nb.RedlineViewer(struck, review=None)
    assert viewer.changes.ids == struck.changes.ids and viewer.changes[CID].inserter == "Brazil"
    viewer.reject(CID)
    assert viewer.result().text("amended") == doc67[KEY].text("amended")  # j) back, k) lettered k) again
    viewer.accept(CID)
    assert "considering/j" not in [k.key for k in viewer.result().walk()]
    assert J_TEXT not in viewer.result().text("original")


def test_a_proposal_with_no_struck_clause_draws_the_redline_pairs_themselves(doc67):
    p = doc67[KEY]
    assert pairs_of(p) == p.redline().pairs
