"""Widget state without a browser: payloads, traits, decisions, linking, the committed bundle."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import traitlets
from conftest import nth

import itu_nb
from itu_nb import Op
from itu_nb.widgets._payload import pairs_of, tree_nodes, viewer_rows

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
STATIC = ROOT / "itu_nb" / "widgets" / "static"

XSS = (
    "MOD\tX/1/1\nRESOLUTION 1 (Rev. {--Busan, 2014--}{++Dubai, 2018++})\n"
    "Title <script>alert(1)</script>\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n"
    "considering\n"
    "a)\tthat <img src=x onerror=alert(1)> is {++<b>bold</b> ++}text;\n"
    "b)\tthat nothing else changes.\n"
)


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")


@pytest.fixture(scope="module")
def res130(brazil):
    return brazil["B/67/4"]


def runs_with(proposal, op):
    return sum(r.op is op for n in proposal.walk() for r in n.label_runs + n.runs)


def marks(comparison, op):
    return sum(r.op is op for p in comparison.pairs for r in p.label_runs + p.runs)


# -- payload -------------------------------------------------------------------------
def test_rows_draw_every_mark_of_the_redline(res130):
    viewer = itu_nb.RedlineViewer(res130)
    redline = res130.redline()
    assert viewer.counts["ins"] == marks(redline, Op.INSERT) == 86
    assert viewer.counts["del"] == marks(redline, Op.DELETE) == 51
    assert viewer.counts["changes"] == len(redline.changes) == 73  # as the corpus README counts B/67/4
    # the decidable ids are the proposal's own (what itu_nb.model.review reads)
    assert viewer.change_ids == [c.id for c in res130.changes]
    # every change the viewer draws is one of the proposal's own: recognizing ii) (source line 120,
    # no marks) sits under the inserted l) but is not itself a change
    follows = [c["id"] for c in viewer._changes if c.get("x")]
    assert follows == []


def test_comparison_ids_are_the_engines(res130):
    comparison = itu_nb.compare(res130.original, res130.amended)
    viewer = itu_nb.RedlineViewer(comparison)
    assert viewer.change_ids == [c.id for c in comparison.changes]
    assert viewer.counts["ins"] == marks(comparison, Op.INSERT)
    assert viewer.counts["del"] == marks(comparison, Op.DELETE)
    with pytest.raises(traitlets.TraitError):
        viewer.decisions = [{"id": viewer.change_ids[0], "decision": "accept"}]
    with pytest.raises(itu_nb.ItuNbError):
        viewer.result()
    two_texts = itu_nb.RedlineViewer(res130.original.text(), res130.amended.text())
    assert two_texts.counts["changes"] > 0


def test_rows_rebuild_both_views_of_every_clause(res130):
    redline = res130.redline()
    rows, _ = viewer_rows(redline.pairs)
    for row, pair in zip(rows, redline.pairs, strict=True):
        for view, hidden in (("original", 1), ("amended", -1)):
            body = "".join(s[1] for s in row["seg"] if s[0] != hidden)
            assert body == "".join(r.text for r in pair.runs if r.op.in_view(view)), row["path"]


def test_relabelled_item_reads_old_arrow_new(res130):
    rows, changes = viewer_rows(pairs_of(res130))
    row = next(r for r in rows if r["path"] == "considering/f")
    assert (row["k"], row["lo"], row["ln"]) == ("relabelled", "g)", "f)")
    ci = row["lab"][0][2]
    assert row["lab"] == [[-1, "g", ci], [1, "f", ci], [0, ")", -1]]
    assert changes[ci]["lab"] is True and changes[ci]["id"] == nth(res130, "considering/f@1")


def test_payload_is_compact(res130):
    viewer = itu_nb.RedlineViewer(res130)
    payload = len(json.dumps([viewer._rows, viewer._changes, viewer._meta]).encode())
    text = len(res130.text("original").encode()) + len(res130.text("amended").encode())
    assert payload < 2 * text


def test_tree_counts_add_up(brazil):
    nodes, index = tree_nodes(brazil)
    assert nodes[0][:3] == ["", -1, 0]
    assert nodes[0][6] == sum(marks(p.redline(), Op.INSERT) for p in brazil)
    assert nodes[0][7] == sum(marks(p.redline(), Op.DELETE) for p in brazil)
    proposals = [n for n in nodes if n[8] == "proposal"]
    assert [n[0] for n in proposals] == [p.id for p in brazil]
    assert [n[5] for n in proposals] == ["MOD", "MOD", "SUP", "MOD", "ADD"]
    for n in nodes[1:]:
        assert nodes[n[1]][2] == n[2] - 1  # a child sits one level under its parent
    item = nodes[[n[0] for n in nodes].index("B/67/4:considering/f")]
    assert nodes[item[1]][0] == "B/67/4:considering"


# -- decisions -------------------------------------------------------------------------
def test_viewer_result_is_the_amendments_api(res130):
    viewer = itu_nb.RedlineViewer(res130)
    viewer.accept()
    assert viewer.result().text() == res130.accept().text() == res130.text("amended")
    viewer.reject()
    assert viewer.result().text() == res130.reject().text() == res130.text("original")
    viewer.forget()  # undo() would take back the last action only (the reject): forget() clears every decision
    some = viewer.change_ids[3:9]
    viewer.accept(some[:3])
    viewer.reject(some[3:])
    from itu_nb.model.review import decide

    assert viewer.result() == decide(res130, some[:3], some[3:])
    assert res130.changed  # the input is untouched
    gone = itu_nb.RedlineViewer(res130)
    gone.accept(nth(res130, "considering/h@1"))  # a deleted paragraph, label and text: one change
    gone_text = "the number of cyberthreats and cyberattacks is growing"
    assert gone_text in res130.text("original") and gone_text not in gone.result().text("original")


def test_viewer_decisions_and_result(res130):
    viewer = itu_nb.RedlineViewer(res130)
    heading, title = nth(res130, "heading@1"), nth(res130, "title@1")
    viewer.accept(heading)
    viewer.reject([title])
    assert viewer.decisions == [{"id": heading, "decision": "accept"}, {"id": title, "decision": "reject"}]
    result = viewer.result()
    assert " ".join(result["heading"].body("original").split()) == "RESOLUTION 130 (Rev. Dubai, 2018)"
    assert result.title == res130.title_in("original")
    viewer.undo(title)
    assert viewer.decisions == [{"id": heading, "decision": "accept"}]
    with pytest.raises(traitlets.TraitError):  # what the browser would send, checked
        viewer.decisions = [{"id": "nope@1", "decision": "accept"}]
    with pytest.raises(traitlets.TraitError):
        viewer.decisions = [{"id": heading, "decision": "maybe"}]
    with pytest.raises(itu_nb.AddressError):
        viewer.accept("nope@3")


def test_viewer_traits_are_validated(res130):
    viewer = itu_nb.RedlineViewer(res130, mode="side-by-side", filters={"section": "considering"})
    assert viewer.mode == "side-by-side" and viewer.filters == {"section": "considering"}
    with pytest.raises(traitlets.TraitError):
        viewer.mode = "diagonal"
    with pytest.raises(traitlets.TraitError):
        viewer.filters = {"colour": "red"}
    with pytest.raises(TypeError):
        itu_nb.RedlineViewer(res130, colour="red")
    with pytest.raises(TypeError):
        itu_nb.RedlineViewer(42)
    assert "73 changes" in repr(viewer) and "_rows" not in repr(viewer)


# -- tree and explore -------------------------------------------------------------------
def test_tree_search_and_selection(brazil):
    tree = itu_nb.ClauseTreeExplorer(brazil)
    tree.search = "  CYBERSECURITY "
    hits = [tree._nodes[i][0] for i in tree._matches]
    assert "B/67/4" in hits and all(h.startswith("B/67/") for h in hits)
    tree.search = ""
    assert tree._matches == []
    tree.selected_path = "B/67/4:considering/b"
    assert tree.proposal_id == "B/67/4" and tree.clause_path == "considering/b"
    assert tree.selected.kind == "modified"
    with pytest.raises(traitlets.TraitError):
        tree.selected_path = "B/67/9:nowhere"


def test_explore_links_tree_and_viewer(brazil):
    ex = itu_nb.explore(brazil)
    assert ex.viewer.source.id == "B/67/1"  # the first proposal with changes
    ex.tree.selected_path = "B/67/4:recognizing/c"
    assert ex.viewer.source.id == "B/67/4" and ex.viewer.selected_path == "recognizing/c"
    ex.viewer.selected_path = "considering/f"  # what the viewer sends when the user moves
    assert ex.tree.selected_path == "B/67/4:considering/f"
    assert nth(brazil["B/67/4"], "considering/b@1") in ex.changes.ids
    assert "73 changes" in ex.table.value
    ex.tree.selected_path = "B/67/4"  # a proposal node: no clause to scroll to
    assert ex.viewer.selected_path is None


def test_text_is_data_in_every_payload():
    doc = itu_nb.load(XSS, format="criticmarkup")
    viewer = itu_nb.RedlineViewer(doc[0])
    text = "".join(s[1] for r in viewer._rows for s in r["lab"] + r["seg"])
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    ex = itu_nb.explore(doc)
    assert "<script>" not in ex.table.value and "&lt;b&gt;bold&lt;/b&gt;" in ex.table.value


# -- the committed bundle ------------------------------------------------------------------
def source_hash() -> str:
    """Same as js/build.mjs: sha256 over "path\\0content\\0" of js/src, sorted by path."""
    src = ROOT / "js" / "src"
    digest = hashlib.sha256()
    for path in sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()):
        digest.update(f"{path}\0".encode())
        digest.update((src / path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@pytest.mark.parametrize("name", ["redline.js", "redline.css", "tree.js", "tree.css"])
def test_committed_bundle_is_built_from_the_sources(name):
    head = (STATIC / name).read_text(encoding="utf-8")[:300]
    found = re.search(r"sources-sha256: ([0-9a-f]{64})", head)
    assert found, f"{name} has no source hash; run `cd js && npm ci && npm run build`"
    assert found.group(1) == source_hash(), f"{name} is stale; run `cd js && npm run build` and commit static/"


def test_widgets_point_at_files_inside_the_package():
    for cls in (itu_nb.RedlineViewer, itu_nb.ClauseTreeExplorer):
        for attr, ext in (("_esm", "js"), ("_css", "css")):  # anywidget wraps the Path to watch it
            name = "redline" if cls is itu_nb.RedlineViewer else "tree"
            assert str(getattr(cls, attr)) == (STATIC / f"{name}.{ext}").read_text(encoding="utf-8")
    bundle = (STATIC / "redline.js").read_text(encoding="utf-8") + (STATIC / "tree.js").read_text(encoding="utf-8")
    assert "innerHTML" not in bundle and "insertAdjacentHTML" not in bundle
    assert not re.search(r"""(?:from|import\()\s*["']https?:""", bundle)  # no CDN imports


def test_the_wheel_ships_the_bundles(tmp_path):
    """pip installs need no node: the built files are in the wheel, byte for byte those the browser tests load."""
    import zipfile

    builders = pytest.importorskip("hatchling.builders.wheel", reason="hatchling (the build backend) is not installed")
    (wheel,) = builders.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as zf:
        for name in ("redline.js", "redline.css", "tree.js", "tree.css"):
            assert zf.read(f"itu_nb/widgets/static/{name}") == (STATIC / name).read_bytes()
        assert "itu_nb/py.typed" in zf.namelist()  # PEP 561: type checkers read the package's own annotations


def test_author_and_date_reach_the_viewer():
    doc = itu_nb.load(XSS, format="criticmarkup", author="Brazil", date="2018-09-24")
    viewer = itu_nb.RedlineViewer(doc[0], filters={"author": "Brazil"})
    assert viewer._meta["authors"] == ["Brazil"]
    assert {(c["a"], c["t"]) for c in viewer._changes} == {("Brazil", "2018-09-24")}
    assert {c.author for c in viewer.changes} == {"Brazil"}


MOVE_OLD = (
    "RESOLUTION 1 (Rev. Busan, 2014)\nTitle of the resolution\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\nconsidering\n"
    "a)\tthat the first consideration is about spectrum management and satellites;\n"
    "b)\tthat the second consideration concerns cybersecurity and trust in ICTs;\n"
    "c)\tthat the third consideration concerns accessibility for persons with disabilities;\n"
    "resolves\n1\tto do something useful for developing countries;\n"
)
MOVE_NEW = (
    "RESOLUTION 1 (Rev. Dubai, 2018)\nTitle of the resolution\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\nconsidering\n"
    "a)\tthat the second consideration concerns cybersecurity and trust in ICTs;\n"
    "b)\tthat the third consideration concerns accessibility for persons with disabilities;\n"
    "resolves\n1\tto do something useful for developing countries;\n"
    "2\tthat the first consideration is about spectrum management and satellites;\n"
)


def test_two_texts_show_moves_and_relabels():
    viewer = itu_nb.RedlineViewer(MOVE_OLD, MOVE_NEW)
    changed = {r["path"]: r for r in viewer._rows if r["k"] != "unchanged"}
    assert changed["resolves/2"]["k"] == "moved" and changed["resolves/2"]["mv"] == "considering/a"
    assert (changed["considering/a"]["lo"], changed["considering/a"]["ln"]) == ("b)", "a)")
    assert viewer._meta["editable"] is False


def test_explore_a_comparison(res130):
    comparison = itu_nb.compare(res130.original, res130.amended)
    ex = itu_nb.explore(comparison)
    keys = [n[0] for n in ex.tree._nodes]
    assert len(keys) == len(set(keys)) == len(comparison.pairs) + 1
    ex.tree.selected_path = f"{comparison.new.id}:considering/c"
    assert ex.viewer.selected_path == "considering/c"
    assert ex.changes.ids == comparison.changes.ids
    ex.tree.search = "cyberattacks"
    assert ex.tree._matches


# -- a merged draft's conflicts ----------------------------------------------------------------
def test_viewer_shows_and_resolves_a_drafts_conflicts():
    # the Draft of test_amend_merge: CEPT and APT on Resolution 130 of the PP-18 Final Acts;
    # c1 noting d) deleted/modified, c2 "high priority" rewritten twice, c3 two new considering c)
    from test_amend_merge import DRAFT

    viewer = itu_nb.RedlineViewer(DRAFT)
    payload = viewer._conflicts
    assert [c["id"] for c in payload] == [c.id for c in DRAFT.conflict_list]
    frame = DRAFT.conflicts
    for c in payload:
        rows = frame[frame.conflict == c["id"]]
        assert (c["kind"], c["path"], c["citation"]) == tuple(rows[["kind", "path", "citation"]].iloc[0])
        assert c["base_text"] == rows.base_text.iloc[0] and c["resolution"] is None
        assert [(s["side"], s["change"], s["new"]) for s in c["sides"]] == [
            (r.side, r.change, r.new or "") for r in rows.itertuples()
        ]
    overlap = next(c for c in payload if c["kind"] == "overlap")
    assert {s["side"]: s["new"] for s in overlap["sides"]} == {"CEPT": "the highest", "APT": "top"}
    # the text box for the analyst's own wording starts from what that wording replaces
    from test_amend_merge import RES130

    assert [(c["wording"], c["wording_of"]) for c in payload] == [
        (RES130["noting/d"].body(), "the clause's text"),  # noting d) as in force (CEPT deletes, APT edits)
        ("high", "the contested words"),  # "high priority": CEPT "the highest", APT "top"
        ("that CEPT says so;", "the new clause's text"),  # the first proposal's new considering c)
    ]
    # each open conflict flags the row it sits at (the same-slot one: the clause the insertions follow)
    flagged = {r["path"]: r["cf"] for r in viewer._rows if "cf" in r}
    assert flagged == {"noting/d": ["c1"], "resolves/2": ["c2"], "considering/b": ["c3"]}

    # what the "Use CEPT" button sends
    foster = nth(DRAFT, "resolves/4@1")
    viewer.accept(foster)  # a decision on a change the resolution leaves alone carries over
    viewer.conflict_choices = [{"id": overlap["id"], "side": "CEPT"}]
    expected = DRAFT.resolve(overlap["id"], side="CEPT")
    assert viewer.source == expected and viewer.source["resolves/2"].body().startswith("to give the highest priority")
    assert viewer.conflict_choices == []
    assert viewer.decisions == [{"id": foster, "decision": "accept"}]
    viewer.undo()
    assert viewer.result() == expected
    still_open = [c["id"] for c in viewer._conflicts if c["resolution"] is None]
    assert overlap["id"] not in still_open and len(still_open) == 2
    assert next(c for c in viewer._conflicts if c["id"] == overlap["id"])["resolution"] == "CEPT"
    assert "resolves/2" not in {r["path"] for r in viewer._rows if "cf" in r}
    assert set(viewer.conflicts.conflict) == {c.id for c in DRAFT.conflict_list}

    # the same from Python, and by text; after the insertions considering c) … are relettered
    viewer.resolve("c3", side="all")
    assert [viewer.source[f"considering/{x}"].body() for x in "cd"] == ["that CEPT says so;", "that APT says so;"]
    viewer.resolve("c1", text="<img src=x onerror=alert(1)>")
    assert viewer.result()["noting/d"].body() == "<img src=x onerror=alert(1)>"
    assert all(c["resolution"] is not None for c in viewer._conflicts)
    assert not any("cf" in r for r in viewer._rows)
    with pytest.raises(traitlets.TraitError):  # resolved already
        viewer.conflict_choices = [{"id": "c1", "side": "CEPT"}]


def test_conflict_choices_are_checked():
    from test_amend_merge import DRAFT

    viewer = itu_nb.RedlineViewer(DRAFT)
    for bad in ({"id": "c9", "side": "CEPT"}, {"id": "c1", "side": "ITU"}, {"id": "c1"}):
        with pytest.raises(traitlets.TraitError):
            viewer.conflict_choices = [bad]
    assert viewer.source is DRAFT
    with pytest.raises(itu_nb.AddressError):
        viewer.resolve("c9", side="CEPT")
    plain = itu_nb.RedlineViewer(DRAFT.original.text(), DRAFT.text())
    assert plain._conflicts == [] and plain.conflicts.empty
    with pytest.raises(itu_nb.ItuNbError):
        plain.resolve("c1", side="CEPT")
