"""What the viewer's payload carries for honest rendering (issue 15, part 2): where each row is in
words, which changes were inferred, the comments and highlights of a clause, titles without internal ids.

Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md and its flattened .txt);
B/67/4 modifies Resolution 130 (Rev. Busan, 2014).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS
from docx_build import HEAD, comment, comment_ref, package, para, run

import itu_nb

FLAT = str(CRITIC).replace(".reconstructed.critic.md", ".flattened.txt")
INTERNAL = re.compile(r"#\d|\bres-\d|\bp\d+\b")


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC)


def test_every_row_says_where_it_is_in_words(brazil):
    for proposal in brazil:
        rows = itu_nb.RedlineViewer(proposal)._rows
        assert not [r["at"] for r in rows if INTERNAL.search(r["at"])], proposal.id
    rows = {r["path"]: r["at"] for r in itu_nb.RedlineViewer(brazil["B/67/4"])._rows}
    # considering c) relettered b) (fixture line 95) sits at the internal path considering/b#2
    assert rows["considering/b#2"] == "considering b)"
    assert rows["heading"] == "the heading" and rows["considering"] == "considering"
    assert rows["resolves/2"] == "resolves 2"
    # B/67/2's instructs the Secretary-General and the Coordination Committee 3, a repeated label
    rows2 = {r["path"]: r["at"] for r in itu_nb.RedlineViewer(brazil["B/67/2"])._rows}
    path = "instructs the Secretary-General and the Coordination Committee/3#2"
    assert rows2[path] == "instructs the Secretary-General and the Coordination Committee 3"


def test_unlabelled_paragraphs_are_numbered_in_words():
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    rows = itu_nb.RedlineViewer(adopted, adopted)._rows
    unlabelled = [r for r in rows if re.search(r"/p\d+$", r["path"])]
    assert unlabelled
    for r in unlabelled:
        n = r["path"].rsplit("/p", 1)[1]
        assert r["at"].endswith(f", paragraph {n}") and not INTERNAL.search(r["at"]), r


def test_inferred_changes_are_flagged_and_offered_as_a_filter(brazil):
    flat = itu_nb.load(FLAT)["B/67/4"]
    viewer = itu_nb.RedlineViewer(flat)
    assert [c["inf"] for c in viewer._changes] == [c.inferred for c in flat.changes]
    assert all(c["inf"] for c in viewer._changes) and len(viewer._changes) == 27  # a flat text has no marks
    assert viewer._meta["sources"] == ["inferred"]
    viewer.filters = {"source": "inferred"}
    assert viewer.filters == {"source": "inferred"}
    marked = itu_nb.RedlineViewer(brazil["B/67/4"])
    assert not any(c["inf"] for c in marked._changes) and marked._meta["sources"] == []


def test_comments_and_highlights_of_criticmarkup(brazil):
    text = Path(CRITIC).read_text(encoding="utf-8")
    line = "2\tto give high priority to the work of ITU"  # resolves 2, fixture line 140
    marked = line.replace("high priority", "{==high priority==}{>>@Ana (2026-12-01): does CEPT agree?<<}")
    viewer = itu_nb.RedlineViewer(itu_nb.load(text.replace(line, marked), format="criticmarkup")["B/67/4"])
    row = next(r for r in viewer._rows if r["path"] == "resolves/2")
    assert row["notes"] == [{"a": "Ana", "t": "2026-12-01", "text": "does CEPT agree?"}]
    assert [row["seg"][k][1] for k in row["hl"]] == ["high priority"]
    assert "".join(s[1] for s in row["seg"]) == brazil["B/67/4"]["resolves/2"].body()  # no text lost or added


def test_word_comments_are_notes_of_their_clause(tmp_path):
    body = HEAD + para(run("resolves")) + para(run("to act") + comment_ref(1) + run("."))
    path = tmp_path / "commented.docx"
    path.write_bytes(package(body, comments=comment(1, run("Which body acts?"), author="CEPT")))
    proposal = itu_nb.load(path)[0]
    row = next(r for r in itu_nb.RedlineViewer(proposal)._rows if r["path"] == "resolves/p1")
    assert row["notes"] == [{"a": "CEPT", "t": "2018-09-11T00:00:00Z", "text": "Which body acts?"}]
    assert row["at"] == "resolves, paragraph 1"


def test_titles_name_proposals_and_texts_not_internal_ids(brazil):
    from test_amend_merge import DRAFT

    assert itu_nb.RedlineViewer(brazil["B/67/4"])._meta["title"] == "B/67/4 — MOD Resolution 130 (Rev. Busan, 2014)"
    assert itu_nb.RedlineViewer(brazil["B/67/3"])._meta["title"] == "B/67/3 — SUP Resolution 128 (Rev. Antalya, 2006)"
    # a merged draft of the adopted text (whose internal id is res-130)
    assert DRAFT.id == "res-130"
    assert itu_nb.RedlineViewer(DRAFT)._meta["title"] == "Merged draft: Resolution 130 (Rev. Dubai, 2018)"
