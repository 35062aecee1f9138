"""itu_nb.frames: documents, proposals and comparisons as DataFrames.

Line numbers in comments are 1-based lines of tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md.
"""

from __future__ import annotations

import pandas as pd
import pytest

import itu_nb
from itu_nb.diff.twoway import PAIR_KINDS, compare
from itu_nb.frames import CHANGE_COLUMNS, CLAUSE_COLUMNS, PAIR_COLUMNS, to_frame
from itu_nb.model import Op


@pytest.fixture(scope="module")
def c130(critic):
    p = critic["B/67/4"]
    return compare(p.original, p.amended)


def test_document_frame(critic):
    df = to_frame(critic)
    assert list(df.columns) == CLAUSE_COLUMNS
    assert len(df) == sum(1 for p in critic for _ in p.walk())
    assert list(df["proposal"].unique()) == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    row = df[(df.proposal == "B/67/4") & (df.path == "considering/b#2")].iloc[0]
    # line 95: {--c--}{++b++})\tthat, with the application ...
    assert (row.label, row.label_original, row.kind, row.section) == ("b)", "c)", "item", "considering")
    assert row.action == "MOD" and row.target.startswith("Resolution 130")
    # line 100: {--h)\tthat the number of cyberthreats ...--}: no amended text
    gone = df[(df.proposal == "B/67/4") & (df.path == "considering/h")].iloc[0]
    assert pd.isna(gone.amended) and gone.original.startswith("that the number of cyberthreats")
    # line 76: RESOLUTION 130 (Rev. {--Busan, 2014--}{++Dubai, 2018++}): two words each way
    head = df[(df.proposal == "B/67/4") & (df.path == "heading")].iloc[0]
    assert (head.words_inserted, head.words_deleted) == (2, 2)
    totals = df.groupby("proposal")[["words_inserted", "words_deleted"]].sum()
    for p in critic:
        assert totals.loc[p.id, "words_inserted"] == sum(c.words(Op.INSERT) for c in p.walk())


def test_proposal_frame(critic):
    df = itu_nb.to_frame(critic["B/67/3"])
    assert set(df["proposal"]) == {"B/67/3"} and set(df["action"]) == {"SUP"}


def test_comparison_frames(c130):
    changes = to_frame(c130)
    assert list(changes.columns) == CHANGE_COLUMNS
    pd.testing.assert_frame_equal(changes, c130.changes.to_frame())
    assert len(changes) == len(c130.changes) and changes["id"].is_unique
    assert list(changes["pair"]) == sorted(changes["pair"])  # reading order
    relabel = changes[changes.kind == "relabelled"]
    # lines 95-99 and 101-102: c)…g) → b)…f), i) → g), j) → h) in considering; aware b)…h) → c)…i)
    assert ("c)", "b)") in set(zip(relabel.old, relabel.new, strict=True))
    assert set(relabel["scope"]) == {"label"}

    clauses = to_frame(c130, "clauses")
    assert list(clauses.columns) == PAIR_COLUMNS and len(clauses) == len(c130.pairs)
    pd.testing.assert_frame_equal(clauses, c130.clauses)
    assert clauses["changes"].sum() == len(changes)
    row = clauses[clauses.old_label.eq("d)") & clauses.section.eq("considering")].iloc[0]
    assert row.kind == "relabelled" and row.label_changed and row.text_changed


def test_stats(c130):
    stats = c130.stats()
    assert list(stats.columns) == ["clauses", *PAIR_KINDS, "changes", "words_inserted", "words_deleted"]
    assert stats.index[-1] == "total"
    body = stats.drop(index="total")
    assert (body.sum() == stats.loc["total"]).all()
    assert stats.loc["total", "clauses"] == len(c130.pairs)
    assert stats.loc["considering", "relabelled"] == 7 and stats.loc["considering", "inserted"] == 3
    assert stats.loc["considering", "deleted"] == 1
    pd.testing.assert_frame_equal(stats, to_frame(c130, "stats"))


def test_empty_comparison_frames():
    c = compare("", "")
    assert not c.changes and c.changes.to_frame().empty and c.clauses.empty and c.stats().empty


def test_many_frames():
    base = "resolves\n1\tto continue the work in 2014;\n"
    m = itu_nb.compare_many(base, {"A": base.replace("2014", "2018")})
    pd.testing.assert_frame_equal(to_frame(m), m.matrix)
    pd.testing.assert_frame_equal(to_frame(m, "edits"), m.edits)
    assert to_frame(m, "additions").empty


def test_errors(critic, c130):
    with pytest.raises(ValueError, match="choose one of"):
        to_frame(c130, "rows")
    with pytest.raises(ValueError, match="choose 'clauses' or 'changes'"):
        to_frame(critic, "stats")
    with pytest.raises(TypeError, match="to_frame takes"):
        to_frame([1, 2])


def test_one_changes_table_for_proposals_comparisons_and_documents(critic):
    # the same columns whatever holds the changes: a proposal's own, its redline, the whole document
    p = critic["B/67/4"]
    own, redline = p.changes.to_frame(), p.redline().changes.to_frame()
    assert list(own.columns) == list(redline.columns) == CHANGE_COLUMNS
    assert list(own["id"]) == list(redline["id"])  # the proposal and its redline name each change alike
    doc = to_frame(critic, "changes")
    assert list(doc.columns) == ["proposal", *CHANGE_COLUMNS]
    assert len(doc) == sum(len(q.changes) for q in critic)
    assert set(doc["kind"]) <= set(itu_nb.model.CHANGE_KINDS)
