"""Document-level comparison (issue 18, items 1 and 2): each proposal against the text it targets.

Checked by eye in the fixtures: tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md (1-based
lines) has MOD B/67/1 (line 1: RESOLUTION 14 (Rev. Antalya, 2006)), MOD B/67/2 (line 28: RESOLUTION
71 (Rev. Busan, 2014)), SUP B/67/3 (line 69: RESOLUTION 128 (Rev. Antalya, 2006)), MOD B/67/4 (line 75:
RESOLUTION 130 (Rev. Busan, 2014)) and ADD B/67/5 (line 208: Draft New Resolution [B-1]).
tests/fixtures/pp18-final-acts.akn.xml holds 64 texts (their <docNumber>s), which load as 70 entries with
the six parts of the printed book the loader cuts out of them (Parts II-VII); Resolution 71 (line
3855) and 130 (line 6639) are there as REV. DUBAI, 2018; Resolution 14 is not (PP-18 did not revise
it: no <docNumber>14 and no "RESOLUTION 14" in the file); Resolution 128 (REV. ANTALYA, 2006) appears
only in "PART IV - LIST OF RESOLUTIONS ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018)"
(line 17790, which the converter ran into the last paragraph of Resolution 213, and which the loader
reads as the part of its own "Part IV").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.diff.documents import DocumentComparison
from itu_nb.model import Op

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def acts():
    return itu_nb.load(FINAL_ACTS)


@pytest.fixture(scope="module")
def dc(brazil, acts):
    return itu_nb.compare(brazil, acts)


def test_each_proposal_is_matched_with_its_target_by_action(dc):
    assert isinstance(dc, DocumentComparison)
    rows = dc.table[["proposal", "action", "target", "status", "matched"]].values.tolist()
    assert rows == [
        # Resolution 14 is not among the 70 texts (64 + 6 parts) of the Final Acts: listed, not compared
        ["B/67/1", "MOD", "Resolution 14 (Rev. Antalya, 2006)", "not found", None],
        ["B/67/2", "MOD", "Resolution 71 (Rev. Busan, 2014)", "compared", "Resolution 71 (Rev. Dubai, 2018)"],
        # SUP: the Final Acts list Resolution 128 as abrogated rather than hold it
        ["B/67/3", "SUP", "Resolution 128 (Rev. Antalya, 2006)", "abrogated", None],
        ["B/67/4", "MOD", "Resolution 130 (Rev. Busan, 2014)", "compared", "Resolution 130 (Rev. Dubai, 2018)"],
        ["B/67/5", "ADD", "Resolution [B-1]", "new", None],
    ]
    assert "not among the 70 texts of pp18-final-acts.akn.xml" in dc["B/67/1"].note
    # Final Acts give only new and revised texts (shared ITU-CONVENTIONS §3, [D3]): the note says so
    assert dc["B/67/1"].note.endswith(
        "(the texts a conference neither revised nor abrogated stay in force as they were)"
    )
    assert dc["B/67/1"].comparison is None
    assert dc["Resolution 130"] is dc["B/67/4"] is dc[3]
    # the matched texts are the Final Acts' own Resolution 71 and 130, nothing else is diffed
    assert dc["B/67/2"].match is dc.new["Resolution 71"] and dc["B/67/4"].match is dc.new["Resolution 130"]
    assert len(dc.unmatched) == 68 and dc.new["Resolution 130"] not in dc.unmatched


def test_two_files_compare_as_the_documents_they_hold(dc):
    # itu_nb.compare on the two paths, as a new user first tries it (issue 18): the same pairs as on
    # the loaded documents, not one diff of everything against everything
    by_path = itu_nb.compare(str(CRITIC), FINAL_ACTS)
    assert isinstance(by_path, DocumentComparison)
    assert by_path.table[["proposal", "action", "status", "matched"]].values.tolist() == (
        dc.table[["proposal", "action", "status", "matched"]].values.tolist()
    )
    assert by_path["B/67/4"].matched == "Resolution 130 (Rev. Dubai, 2018)"


def test_a_mod_is_the_comparison_of_the_proposal_with_its_target(dc, brazil, acts):
    pair = dc["B/67/4"]
    direct = itu_nb.compare(brazil["B/67/4"], acts["Resolution 130"])
    assert pair.comparison.changes.ids == direct.changes.ids
    assert dc.table.set_index("proposal").loc["B/67/4", "changes"] == len(direct.changes)
    # the titles name both sides, not "B/67/4 → B/67/4" nor the internal id res-130
    assert pair.comparison.names == ("B/67/4 (Brazil)", "Resolution 130 (Rev. Dubai, 2018)")


def test_a_sup_shows_the_text_deleted_and_says_where_it_is_abrogated(dc, brazil):
    pair = dc["B/67/3"]
    assert "RESOLUTION 128 (REV. ANTALYA, 2006) among the texts abrogated" in pair.note
    # Brazil's own copy of Resolution 128 (heading, title, formula: lines 70-72) is shown deleted
    kinds = {p.kind for p in pair.comparison.pairs}
    assert kinds == {"deleted"}
    deleted = " ".join(p.old.body() for p in pair.comparison.pairs)
    assert "Support for the Agenda for Connectivity in the Americas and Quito Action Plan" in deleted
    assert pair.comparison.names[1] == "Resolution 128 (Rev. Antalya, 2006) abrogated"


def test_a_mod_of_an_abrogated_text_says_where_it_is_abrogated(acts):
    # a hand-made MOD of Resolution 128, which the Final Acts list as abrogated (Part IV, line 17790)
    mod = itu_nb.load(
        "MOD\tX/1/1\nRESOLUTION 128 (Rev. Antalya, 2006)\nresolves\n1\tto {++keep ++}supporting it;\n"
        "\nMOD\tX/1/2\nRESOLUTION 130 (Rev. Dubai, 2018)\nresolves\n1\tto go on;\n",
        format="criticmarkup",
    )
    pair = itu_nb.compare(mod, acts)["X/1/1"]
    assert pair.status == "not found" and pair.comparison is None
    assert "lists RESOLUTION 128 (REV. ANTALYA, 2006) among the texts abrogated" in pair.note


def test_an_add_is_new(dc, brazil):
    pair = dc["B/67/5"]
    assert {p.kind for p in pair.comparison.pairs} == {"inserted"}
    inserted = [r.text for p in pair.comparison.pairs for r in p.runs if r.op is Op.INSERT]
    assert "International public policy issues concerning telecommunications-related aspects of OTT applications" in (
        inserted
    )


def test_either_way_round(brazil, acts):
    # the Final Acts first: their Resolutions 71 and 130 are matched with Brazil's proposals, whose
    # action is read from the other side; the other 68 texts are listed as not found
    got = itu_nb.compare(acts, brazil)
    found = got.table.query("status != 'not found'")[["proposal", "action", "matched"]].values.tolist()
    assert found == [["res-71", "MOD", "B/67/2 (Brazil)"], ["res-130", "MOD", "B/67/4 (Brazil)"]]
    note = got["Resolution 130"].base_note
    assert note.startswith("Base differs: B/67/4 (Brazil) amends Resolution 130 (Rev. Busan, 2014), not the text")
    # Brazil's texts that target nothing in the Final Acts are the unmatched ones of this direction
    assert [p.id for p in got.unmatched] == ["B/67/1", "B/67/3", "B/67/5"]


def test_two_collections_of_adopted_texts_pair_by_namesake(acts):
    same = itu_nb.compare(acts, acts)
    assert len(same) == 70 and set(same.table.status) == {"compared"} and same.table.changes.sum() == 0
    assert same.unmatched == () and same.table.base.isna().all()


def test_noc_reads_as_unchanged():
    # a hand-made NOC of the first item of Resolution 130's considering, as adopted (Final Acts line 6661)
    text = "NOC\tX/1/1\nRESOLUTION 130 (Rev. Dubai, 2018)\nconsidering\na)\tthat ITU is the lead facilitator;\n"
    adopted = "RESOLUTION 130 (Rev. Dubai, 2018)\nconsidering\na)\tthat ITU is the lead facilitator;\n"
    other = "RESOLUTION 5 (Rev. Dubai, 2018)\nresolves\n1\tto do it;\n"
    a = itu_nb.load(text + "\nADD\tX/1/2\nDraft New Resolution [X-1]\nresolves\n1\tto act;\n", format="text")
    b = itu_nb.load(adopted + "\n" + other, format="text")
    got = itu_nb.compare(a, b)
    assert [(p.id, p.action, p.status) for p in got] == [("X/1/1", "NOC", "unchanged"), ("X/1/2", "ADD", "new")]
    assert got["X/1/1"].comparison.changes == ()


def test_the_base_differs_and_the_comparison_says_so(dc, brazil, acts):
    # Brazil's B/67/4 amends Resolution 130 (Rev. Busan, 2014) (critic line 76, original view); the
    # Final Acts' text is Rev. Dubai, 2018 (<docNumber> line 6639)
    c = dc["B/67/4"].comparison
    assert c.revisions == ("Rev. Busan, 2014", "Rev. Dubai, 2018")
    assert c.base_differs
    assert c.base_note.startswith("Base differs: B/67/4 (Brazil) amends Resolution 130 (Rev. Busan, 2014)")
    assert c.base_note in c.notes
    assert dc.table.set_index("proposal").loc["B/67/4", "base"] == "Rev. Busan, 2014 ≠ Rev. Dubai, 2018"
    assert 'class="itu-nb-banner"' in c.to_html() and "Base differs" in c.to_html()
    # the same on a direct comparison of the proposal with the adopted text
    assert itu_nb.compare(brazil["B/67/4"], acts["Resolution 130"]).base_note == c.base_note
    # given the amended view (no tracked changes, so no three_way()), the note says what to compare instead
    view = itu_nb.compare(brazil["B/67/4"].amended, acts["Resolution 130"])
    assert view.base_differs and "three_way()" not in view.base_note and "its own base" in view.base_note
    # and none when the bases agree: Brazil's proposal against its own original view
    assert itu_nb.compare(brazil["B/67/4"].original, brazil["B/67/4"].amended).base_note is None


def test_three_way_separates_the_proposal_from_the_revisions(dc, brazil, acts):
    mine, between = dc["B/67/4"].three_way()
    # first: Brazil's own tracked changes (its redline): e.g. considering c) relettered b) (critic line 96)
    assert mine.changes.ids == brazil["B/67/4"].redline().changes.ids
    # second: the base as Brazil reproduces it (original view) against the adopted text
    assert between.old.text() == brazil["B/67/4"].original.text()
    assert between.new.text() == acts["Resolution 130"].text()
    assert between.names == (
        "Resolution 130 (Rev. Busan, 2014) as B/67/4 reproduces it",
        "Resolution 130 (Rev. Dubai, 2018)",
    )
    # two revisions of the text compared as such: no proposal's changes to misread, so no warning
    assert between.revisions == ("Rev. Busan, 2014", "Rev. Dubai, 2018") and between.base_note is None
    # Busan's title "Strengthening the role of ITU in building confidence and security in the use of
    # information and communication technologies" is also the adopted title: unchanged between the
    # revisions, while Brazil proposed "Cybersecurity" (critic line 77)
    title = next(p for p in between.pairs if p.new_path == "title")
    assert title.kind == "unchanged"
    assert any(c.path == "title" and c.new == "Cybersecurity" for c in mine.changes)


def test_document_comparison_html_lists_every_text(dc):
    html = dc.to_html()
    for pid in ("B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"):
        assert f"<td>{pid}</td>" in html
    assert "68 texts of" in html and "Recommendation 7" in html
    assert "<b>B/67/4 (Brazil)</b> → <b>Resolution 130 (Rev. Dubai, 2018)</b>" in html
    assert dc._repr_html_() == html


def _cli(*args, cwd=REPO):
    env_path = str(REPO)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from itu_nb.cli import main; sys.exit(main())", *args],
        capture_output=True, text=True, cwd=cwd, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_cli_compares_documents_text_by_text(tmp_path):
    out = tmp_path / "brazil.html"
    r = _cli("compare", str(CRITIC), str(FINAL_ACTS), "--to", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0].split() == ["text", "action", "target", "status", "matched", "with", "changes"]
    assert lines[4].split()[:5] == ["B/67/4", "MOD", "Resolution", "130", "(Rev."]
    assert "compared" in lines[4] and "abrogated" in lines[3] and "not found" in lines[1]
    assert any(line.startswith("B/67/4: Base differs") for line in lines)
    # the overview (the table and every redline) at OUT, and one page per compared text beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brazil-B-67-2.html", "brazil-B-67-3.html", "brazil-B-67-4.html", "brazil-B-67-5.html", "brazil.html",
    ]  # fmt: skip
    overview = out.read_text(encoding="utf-8")
    assert overview.startswith("<!DOCTYPE html>") and "<td>B/67/1</td><td>MOD</td>" in overview
    page = (tmp_path / "brazil-B-67-4.html").read_text(encoding="utf-8")
    assert "B/67/4 → B/67/4" not in page and "B/67/4 (MOD Resolution 130 (Rev. Busan, 2014)) → Resolution 130" in page


def test_cli_document_comparison_as_json(tmp_path):
    r = _cli("compare", str(CRITIC), str(FINAL_ACTS), "--to", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [(t["id"], t["status"]) for t in data["texts"]] == [
        ("B/67/1", "not found"), ("B/67/2", "compared"), ("B/67/3", "abrogated"), ("B/67/4", "compared"),
        ("B/67/5", "new"),
    ]  # fmt: skip
    assert data["texts"][3]["base_note"].startswith("Base differs")
    assert len(data["unmatched"]) == 68


def test_cli_document_comparison_as_one_html_page_on_stdout():
    r = _cli("compare", str(CRITIC), str(FINAL_ACTS), "--to", "html")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("<!DOCTYPE html>") == 1 and r.stdout.count('class="itu-nb-banner"') == 2  # B/67/2, B/67/4


def test_cli_single_comparison_says_the_base_differs(tmp_path):
    r = _cli("compare", str(CRITIC), str(FINAL_ACTS), "--proposal", "Resolution 130", "--to", "json")
    assert r.returncode == 0, r.stderr
    assert "itu-nb: Base differs: B/67/4" in r.stderr
    assert json.loads(r.stdout)["notes"][0].startswith("Base differs")


def test_the_viewer_shows_a_document_comparison_one_text_at_a_time(brazil, acts):
    viewer = itu_nb.RedlineViewer(brazil, acts)
    assert viewer.document is not None
    # the first text with something to show (B/67/1's target is not in the Final Acts)
    assert viewer.selected_text == "B/67/2"
    assert [t["id"] for t in viewer._meta["texts"]] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    viewer.selected_text = "B/67/4"
    assert viewer.source.changes.ids == viewer.document["B/67/4"].comparison.changes.ids
    assert viewer._meta["title"] == "B/67/4 (Brazil) → Resolution 130 (Rev. Dubai, 2018)"
    assert viewer._meta["banner"].startswith("Base differs: B/67/4 (Brazil) amends Resolution 130 (Rev. Busan, 2014)")
    viewer.selected_text = "B/67/1"  # listed, not compared: an empty pane that says why
    assert viewer._rows == [] and "not among the 70 texts" in viewer._meta["banner"]
    with pytest.raises(Exception, match="no text 'B/67/9'"):
        viewer.selected_text = "B/67/9"
    # a single comparison: no picker, and the banner only when the bases differ
    single = itu_nb.RedlineViewer(brazil["B/67/4"].original, brazil["B/67/4"].amended)
    assert single._meta["texts"] == [] and single._meta["banner"] is None and single.selected_text is None


def test_the_viewer_draws_typographic_changes_apart_when_asked(brazil, acts):
    sep = itu_nb.compare(brazil["B/67/4"], acts["Resolution 130"], typography="separate")
    viewer = itu_nb.RedlineViewer(sep)
    assert sum(c["ty"] for c in viewer._changes) == len(sep.typographic) > 0
    assert not any(c["ty"] for c in itu_nb.RedlineViewer(brazil["B/67/4"], acts["Resolution 130"])._changes)


def test_a_document_comparison_of_many_texts_is_bounded():
    # 1,000 texts on each side, each matched with its namesake (no text is diffed against another's)
    from bounds import bounded

    code = """
import itu_nb
texts = [f"RESOLUTION {i} (Rev. Dubai, 2018)\\nTitle {i}\\nresolves\\n1\\tto do thing {i} now;\\n" for i in range(1000)]
a = itu_nb.load("\\n".join(texts), format="text")
b = itu_nb.load("\\n".join(t.replace("now", "soon") for t in texts), format="text")
dc = itu_nb.compare(a, b)
print(len(dc), dc.table.status.value_counts().to_dict(), int(dc.table.changes.sum()), len(dc.unmatched))
"""
    r = bounded(code, label="document comparison, 1,000 texts each side")
    assert r.ok, r.stderr
    assert r.stdout.split("\n")[0] == "1000 {'compared': 1000} 1000 0"
    assert r.within(), (r.seconds, r.peak_mb)
