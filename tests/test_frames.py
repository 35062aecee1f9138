"""itu_nb.frames: documents, proposals and comparisons as DataFrames.

Line numbers in comments are 1-based lines of tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import itu_nb
from itu_nb.diff.twoway import PAIR_KINDS, compare
from itu_nb.frames import CHANGE_COLUMNS, CLAUSE_COLUMNS, PAIR_COLUMNS, TEXT_WIDTH, Table, to_frame
from itu_nb.model import Op

FIXTURES = Path(__file__).parent / "fixtures"


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


# -- the tables on real data: Brazil's B/67/4 against Resolution 130 as adopted (Dubai, 2018) --------------
@pytest.fixture(scope="module")
def against_adopted(critic):
    adopted = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
    return critic["B/67/4"], adopted, compare(critic["B/67/4"], adopted)


def _cells(html: str) -> list[str]:
    import re

    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)]


def test_every_table_displays_whole_names_short_texts_and_blank_gaps(critic, against_adopted):
    p, adopted, cmp = against_adopted
    tables = {
        "to_frame(doc)": to_frame(critic),
        "to_frame(doc, changes)": to_frame(critic, "changes"),
        "proposal.changes": p.changes.to_frame(),
        "comparison.changes": cmp.changes.to_frame(),
        "comparison.clauses": cmp.clauses,
        "comparison.stats()": cmp.stats(),
        "lineage": itu_nb.lineage(adopted, [p]),
        "lineage by change": itu_nb.lineage(adopted, [p], by="change"),
        "check_base": itu_nb.check_base(p, adopted),
    }
    for name, table in tables.items():
        assert isinstance(table, Table), name
        html = table._repr_html_()
        cells = _cells(html)
        # pandas' own display would show None / NaN / <NA> and cut every cell at 50 characters
        assert not {"None", "NaN", "&lt;NA&gt;"} & set(cells), name
        assert not [c for c in cells if c.endswith("...") and c != "..."], name
        shown_text = [c for c in cells if c.endswith("…")]
        assert all(len(c) <= TEXT_WIDTH for c in shown_text), name
        assert table.shape[1] == len(table.columns) and "..." not in _cells(html)[: table.shape[1] + 1], name


def test_stats_sections_are_told_apart(against_adopted):
    # the adopted text has "further instructs the Director of the Telecommunication Standardization Bureau
    # and the Director of the Telecommunication Development Bureau, each within the scope of their
    # responsibilities" (Final Acts, one heading); Brazil's heading ends at "Development Bureau" (line 176),
    # "each within the scope of their responsibilities:" being the next line (177). Cut at 50 characters,
    # as pandas shows a cell, both rows read "further instructs the Director of the Telecommu..."
    stats = against_adopted[2].stats()
    long = [s for s in stats.index if s.startswith("further instructs the Director")]
    assert len(long) == 2 and long[0] != long[1]
    cells = _cells(stats._repr_html_())
    assert all(s in cells for s in long)


def test_long_texts_are_shortened_on_screen_only(against_adopted):
    clauses = against_adopted[2].clauses
    longest = clauses.new_text.dropna().str.len().max()
    assert longest > TEXT_WIDTH  # Resolution 130's longest clause runs to about 1,300 characters
    row = clauses[clauses.new_text.str.len() == longest].iloc[0]
    assert len(row.new_text) == longest  # the value is whole
    shown = [c for c in _cells(clauses._repr_html_()) if c.endswith("…")]
    assert shown and all(len(c) == TEXT_WIDTH for c in shown)


def test_lineage_names_the_side_a_clause_is_found_on(against_adopted):
    p, adopted, _ = against_adopted
    table = itu_nb.lineage(adopted, [p])
    # 153 nodes in the adopted text, 118 of them paired with one of Brazil's (among them the adopted
    # "requests the ITU Council" and its paragraph, with Brazil's "requests the Council", line 193 of the
    # CriticMarkup fixture: the AKN loader reads that heading as a section); Brazil's clauses with
    # changes that reach no adopted clause: considering h) (struck by Brazil, line 100), j) and k)
    # (new, not adopted), aware b), resolves 5 and 6, …: nine rows
    assert len(list(adopted.walk())) == 153
    assert table.found.value_counts().to_dict() == {"both": 118, "adopted only": 35, "proposal only": 9}
    for column in ("adopted_path", "citation", "adopted_text", "proposal_path", "proposal_text"):
        assert table[column].notna().all(), column
    only_adopted = table[table.found == "adopted only"]
    assert set(only_adopted.proposal_path) == set(only_adopted.proposal_text) == {""}
    # recalling e) of the adopted text is new at Dubai: nothing of Brazil's to pair with it
    assert "recalling/e" in set(only_adopted.adopted_path)
    only_proposal = table[table.found == "proposal only"].set_index("proposal_path")
    assert set(only_proposal.adopted_path) == {""}
    assert only_proposal.loc["considering/h", "proposal_text"] == ""  # deleted by Brazil
    assert only_proposal.loc["considering/j", "citation"] == "considering j)"
    by_change = itu_nb.lineage(adopted, [p], by="change")
    assert by_change.adopted_path.notna().all() and (by_change.adopted_path == "").sum() == 9
    base = itu_nb.check_base(p, adopted)
    assert base.path.notna().all() and base.in_force_path.notna().all()
