"""The widgets' JS against a fake model in Chromium: fast, no kernel (BROWSER-TESTING.md §4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import nth

import itu_nb

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

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
    return itu_nb.load(f"{FIXTURES}/pp18-doc67-brazil.reconstructed.critic.md")


def saved(page, slot):
    return page.evaluate(f"window.models[{slot!r}].saved")


def test_viewer_draws_every_mark_and_navigates_by_keyboard(shoot, harness, brazil):
    viewer = itu_nb.RedlineViewer(brazil["B/67/4"])
    w = harness.mount("v", "redline", viewer)
    assert w.locator("ins").count() == viewer.counts["ins"] == 86
    assert w.locator("del").count() == viewer.counts["del"] == 51
    assert w.locator(".itu-counter").inner_text() == "73 changes"
    # c) → b): a relettering reads old → new
    relabel = w.locator('.itu-row[data-path="considering/f"] .itu-label')
    assert relabel.inner_text().split() == ["g)", "→", "f)"]
    w.locator(".itu-scroll").focus()
    harness.keyboard.press("n")
    harness.keyboard.press("n")
    harness.keyboard.press("F7")
    assert w.locator(".itu-counter").inner_text() == "change 3 of 73"
    harness.keyboard.press("p")
    assert w.locator(".itu-counter").inner_text() == "change 2 of 73"
    harness.keyboard.press("Shift+F7")
    assert w.locator(".itu-counter").inner_text() == "change 1 of 73"
    heading = nth(brazil["B/67/4"], "heading@1")
    assert saved(harness, "v")[-1] == {"selected_change": heading, "selected_path": "heading"}
    assert "replaced" in w.locator(".itu-status").inner_text()
    harness.keyboard.press("a")  # accept, then move on
    assert saved(harness, "v")[-2] == {"decisions": [{"id": heading, "decision": "accept"}]}
    assert w.locator(".itu-counter").inner_text() == "change 2 of 73: 72 pending, 1 accepted, 0 rejected"
    assert w.locator('del[data-c="0"]').is_hidden()  # the accepted deletion is gone from the text
    shoot(w, "harness-viewer-inline")
    assert not harness.errors


def test_viewer_modes_filters_and_collapse(shoot, harness, brazil):
    viewer = itu_nb.RedlineViewer(brazil["B/67/4"])
    w = harness.mount("v", "redline", viewer)
    collapsed = w.locator(".itu-gap")
    assert collapsed.count() >= 1 and "unchanged clauses" in collapsed.first.inner_text()
    collapsed.first.click()
    w.locator(".itu-mode").select_option("side-by-side")
    assert saved(harness, "v")[-1] == {"mode": "side-by-side"}
    assert w.locator(".itu-old ins").count() == 0 and w.locator(".itu-new del").count() == 0
    assert w.locator(".itu-new ins").count() == 86 and w.locator(".itu-old del").count() == 51
    shoot(w, "harness-viewer-side-by-side")
    w.locator(".itu-mode").select_option("amended")
    assert w.locator("ins, del").count() == 0
    w.locator(".itu-mode").select_option("inline")
    w.locator(".itu-f-section").select_option("considering")
    assert saved(harness, "v")[-1] == {"filters": {"section": "considering"}}
    assert set(w.locator(".itu-row").evaluate_all("rs => rs.map(r => r.dataset.path.split('/')[0])")) == {"considering"}
    harness.evaluate(
        "window.models.v.fromPython({filters: {section: 'considering', kind: 'inserted'}})"
    )  # Python sets a filter
    assert w.locator(".itu-f-kind").input_value() == "inserted"
    assert w.locator(".itu-row:not(.itu-t-section)").count() == 3  # considering i), j), k)
    heading = w.locator(".itu-row.itu-t-section")
    # inner text once the browser has rendered the row (content-visibility: a row not yet rendered has none)
    harness.wait_for_function("r => r.checkVisibility({contentVisibilityAuto: true})", arg=heading.element_handle())
    assert heading.all_inner_texts() == ["considering"]  # under their heading
    assert not harness.errors


def test_python_moves_the_viewer(shoot, harness, brazil):
    viewer = itu_nb.RedlineViewer(brazil["B/67/4"], height="12rem")
    w = harness.mount("v", "redline", viewer)
    scroll = w.locator(".itu-scroll")
    assert scroll.evaluate("e => e.scrollTop") == 0
    harness.evaluate(
        "window.models.v.fromPython({selected_path: 'instructs the Director of the Telecommunication Development Bureau/7'})"
    )
    row = w.locator('.itu-row[data-path="instructs the Director of the Telecommunication Development Bureau/7"]')
    assert "itu-selected" in row.get_attribute("class")
    assert scroll.evaluate("e => e.scrollTop") > 0
    box, view = row.bounding_box(), scroll.bounding_box()
    assert view["y"] <= box["y"] < view["y"] + view["height"]  # scrolled into view
    harness.evaluate(f"window.models.v.fromPython({{selected_change: '{nth(brazil['B/67/4'], 'considering/k@1')}'}})")
    assert w.locator(".itu-counter").inner_text().startswith("change ")
    harness.evaluate("window.cleanups.v()")
    assert harness.evaluate("window.models.v.listeners()") == 0


def test_moves_are_marked(shoot, harness):
    from test_widgets import MOVE_NEW, MOVE_OLD  # tests/ is on sys.path (rootdir conftest)

    w = harness.mount("v", "redline", itu_nb.RedlineViewer(MOVE_OLD, MOVE_NEW, collapse_unchanged=False))
    assert w.locator('.itu-row[data-path="resolves/2"] .itu-moved').inner_text() == "moved from considering a)"
    assert w.locator('.itu-row[data-path="considering/a"] .itu-label').inner_text().split() == ["b)", "→", "a)"]
    assert w.locator(".itu-decide").is_hidden()  # nothing to accept in a comparison
    shoot(w, "harness-moves")


def test_text_is_never_html(shoot, harness):
    doc = itu_nb.load(XSS, format="criticmarkup")
    w = harness.mount("v", "redline", itu_nb.RedlineViewer(doc[0], collapse_unchanged=False))
    t = harness.mount("t", "tree", itu_nb.ClauseTreeExplorer(doc))
    text = w.inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "<b>bold</b>" in w.locator("ins").all_inner_texts()[1]
    assert w.locator("script, img, b").count() == 0 and t.locator("script, img, b").count() == 0
    t.locator("[role=tree]").focus()
    harness.keyboard.press("ArrowRight")
    harness.keyboard.press("ArrowRight")
    assert "<script>alert(1)</script>" in t.inner_text()
    harness.wait_for_timeout(200)  # an onerror handler would have fired by now
    assert harness.dialogs == [] and not harness.errors
    shoot(harness, "harness-xss-as-text")


def test_tree_keyboard_typeahead_and_search(shoot, harness, brazil):
    tree = itu_nb.ClauseTreeExplorer(brazil)
    w = harness.mount("t", "tree", tree)
    items = w.locator("[role=treeitem]")
    assert items.first.get_attribute("aria-expanded") == "true"
    # a small document opens on its proposals' top-level nodes (64 rows); only those in view are drawn
    assert w.locator("[role=tree]").evaluate("e => e.getBoundingClientRect().height") == 64 * 28
    assert 18 < items.count() < 64
    assert w.locator('[data-key="B/67/1"] .itu-mark').inner_text() == "MOD"
    assert w.locator('[data-key="B/67/3"] .itu-mark').inner_text() == "SUP"
    assert w.locator('[data-key="B/67/2"] .itu-counts').inner_text().split() == ["+32", "−27"]
    w.locator("[role=tree]").focus()
    active = lambda: w.locator("[role=tree]").get_attribute("aria-activedescendant")  # noqa: E731
    key = lambda: w.locator(f"#{active()}").get_attribute("data-key")  # noqa: E731
    harness.keyboard.press("End")
    assert key().startswith("B/67/5:")
    harness.keyboard.press("Home")
    assert key() == ""
    harness.keyboard.press("ArrowDown")
    assert key() == "B/67/1"
    harness.keyboard.press("ArrowLeft")  # closes B/67/1
    assert w.locator('[data-key="B/67/1"]').get_attribute("aria-expanded") == "false"
    harness.keyboard.press("ArrowDown")
    assert key() == "B/67/2"
    harness.keyboard.type("cons")  # type-ahead
    assert key() == "B/67/2:considering"
    harness.keyboard.press("ArrowRight")
    assert w.locator('[data-key="B/67/2:considering"]').get_attribute("aria-expanded") == "true"
    harness.keyboard.press("ArrowRight")
    harness.keyboard.press("ArrowDown")
    harness.keyboard.press("Enter")
    assert key() == "B/67/2:considering/b"
    assert saved(harness, "t")[-1] == {"selected_path": "B/67/2:considering/b"}
    assert w.locator('[data-key="B/67/2:considering/b"]').get_attribute("aria-selected") == "true"
    harness.keyboard.press("ArrowLeft")
    assert key() == "B/67/2:considering"
    w.locator(".itu-search").fill("cyberattacks")
    harness.wait_for_function("window.models.t.saved.some(s => s.search === 'cyberattacks')")
    assert sum("search" in s for s in saved(harness, "t")) == 1  # debounced: one message for the whole word
    tree.search = "cyberattacks"
    harness.evaluate("m => window.models.t.fromPython(m)", {"_matches": tree._matches, "search": tree.search})
    assert w.locator(".itu-match").count() >= 1 and w.locator(".itu-match mark").count() >= 1
    assert "match" in w.locator(".itu-found").inner_text()
    shoot(w, "harness-tree-search")
    assert not harness.errors


def test_narrow_and_dark(shoot, harness, brazil):
    harness.set_viewport_size({"width": 360, "height": 800})
    harness.evaluate("document.body.classList.add('dark')")
    v = harness.mount("v", "redline", itu_nb.RedlineViewer(brazil["B/67/2"], mode="side-by-side", height="20rem"), 320)
    t = harness.mount("t", "tree", itu_nb.ClauseTreeExplorer(brazil, height="12rem"), 320)
    for w in (v, t):
        assert w.evaluate("e => e.scrollWidth") <= 322  # nothing sticks out at 320 px
    cells = v.locator(".itu-row.itu-split:not(.itu-colhead)").first.locator(".itu-cell")
    assert cells.nth(0).bounding_box()["y"] < cells.nth(1).bounding_box()["y"]  # sides stack when narrow
    bg = v.locator(".itu-redline").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == "rgb(17, 17, 17)"  # follows --jp-layout-color0
    shoot(harness, "harness-narrow-dark")
    assert not harness.errors


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_serious_violation(harness, brazil, run_axe, theme):
    if theme == "dark":
        harness.evaluate("document.body.classList.add('dark')")
    viewer = itu_nb.RedlineViewer(brazil["B/67/4"], height="14rem")
    viewer.accept(nth(brazil["B/67/4"], "heading@1"))
    v = harness.mount("v", "redline", viewer)
    harness.mount("s", "redline", itu_nb.RedlineViewer(brazil["B/67/2"], mode="side-by-side", height="14rem"))
    t = harness.mount("t", "tree", itu_nb.ClauseTreeExplorer(brazil, height="14rem"))
    v.locator(".itu-scroll").focus()
    harness.keyboard.press("n")  # a current change and a status line
    t.locator("[role=tree]").focus()
    harness.keyboard.press("ArrowDown")
    for slot in ("v", "s", "t"):
        assert run_axe(harness.locator(f"#{slot}")) == [], slot
    # the check is live: the same call flags a broken control
    harness.evaluate("document.querySelector('#t').append(Object.assign(document.createElement('button'), {}))")
    assert [v["id"] for v in run_axe(harness.locator("#t"))] == ["button-name"]


def test_conflicts_panel_shows_sides_as_text_and_sends_the_choice(shoot, harness, run_axe):
    # CEPT's synthetic proposal on Resolution 130 (tests/test_amend_merge.py) against a hostile one
    from test_amend_merge import CEPT, RES130

    hostile = itu_nb.amend(
        RES130,
        [
            'In resolves 2, replace "high priority" by "<img src=x onerror=alert(1)>"',
            "Add a new considering c) reading: that <b>APT</b> says so;",
            'In noting d), replace "initiative" by "work"',
        ],
        author="APT",
        date="2018-09-02",
    )
    viewer = itu_nb.RedlineViewer(itu_nb.merge(RES130, [CEPT, hostile]), height="14rem")
    w = harness.mount("v", "redline", viewer)
    panel = w.locator(".itu-conflicts")
    assert panel.locator(".itu-cf-summary").inner_text() == "Conflicts (3 open)"
    assert panel.locator(".itu-cf").count() == 3 == len(viewer.source.conflict_list)
    overlap = panel.locator('.itu-cf[data-id="c2"]')
    assert overlap.locator(".itu-cf-go").inner_text() == "resolves 2"
    assert overlap.locator(".itu-cf-base").inner_text() == "Base text: high priority"
    assert overlap.locator(".itu-cf-side").all_inner_texts() == [
        "APT replaced: high priority → <img src=x onerror=alert(1)>",
        "CEPT replaced: high → the highest",
    ]
    assert "that <b>APT</b> says so;" in panel.locator('.itu-cf[data-id="c3"]').inner_text()
    assert w.locator("img, script, b").count() == 0
    # each conflicted clause is marked in the text; the citation takes the reader there
    marked = w.locator(".itu-row:has(.itu-b-conflict)").evaluate_all("rs => rs.map(r => r.dataset.path)")
    assert marked == ["considering/b", "noting/d", "resolves/2"]
    panel.locator('.itu-cf[data-id="c1"] .itu-cf-go').click()
    assert saved(harness, "v")[-1] == {"selected_path": "noting/d"}
    assert "itu-selected" in w.locator('.itu-row[data-path="noting/d"]').get_attribute("class")
    shoot(w, "harness-conflicts")
    assert run_axe(w) == []
    # keyboard: "Use CEPT" on the overlap sends the choice; Python resolves it and redraws
    overlap.get_by_role("button", name="Use CEPT").focus()
    harness.keyboard.press("Enter")
    assert saved(harness, "v")[-1] == {"conflict_choices": [{"id": "c2", "side": "CEPT"}]}
    assert "Resolving resolves 2 with CEPT" in w.locator(".itu-status").inner_text()
    viewer.conflict_choices = [{"id": "c2", "side": "CEPT"}]  # what the kernel does with it
    harness.evaluate("s => window.models.v.fromPython(s)", harness.state(viewer))
    assert panel.locator(".itu-cf-summary").inner_text() == "Conflicts (2 open, 1 resolved)"
    assert panel.locator('.itu-cf[data-id="c2"] .itu-cf-res').inner_text() == "resolved: CEPT"
    assert panel.locator('.itu-cf[data-id="c2"] button.itu-cf-use').count() == 0
    assert "the highest" in w.locator('.itu-row[data-path="resolves/2"] ins').all_inner_texts()
    focused = harness.evaluate("document.activeElement.closest('.itu-cf').dataset.id")
    assert focused == "c3"  # the focus moves on to the next open conflict
    # own wording: CEPT deletes noting d), APT rewrites it; the analyst writes the clause's text
    c1 = panel.locator('.itu-cf[data-id="c1"]')
    c1.locator(".itu-cf-own summary").click()
    box = c1.get_by_role("textbox", name="Own wording for noting d): the clause's text")
    assert box.input_value() == RES130["noting/d"].body()  # it starts from the base clause
    own = "the Union's <img src=x onerror=alert(2)> work with FIRST;"
    box.fill("")
    box.press_sequentially(own)  # typed: the viewer's keys (a, r, u, n, p) must not act inside the box
    assert box.input_value() == own
    c1.get_by_role("button", name="Use this wording").click()
    assert saved(harness, "v")[-1] == {"conflict_choices": [{"id": "c1", "text": own}]}
    assert "Resolving noting d) with your wording" in w.locator(".itu-status").inner_text()
    viewer.conflict_choices = [{"id": "c1", "text": own}]  # what the kernel does with it
    harness.evaluate("s => window.models.v.fromPython(s)", harness.state(viewer))
    assert panel.locator(".itu-cf-summary").inner_text() == "Conflicts (1 open, 2 resolved)"
    assert c1.locator(".itu-cf-res").inner_text() == f"resolved: text: {own}"
    assert viewer.result()["noting/d"].body() == own
    assert w.locator("img, script, b").count() == 0
    shoot(w, "harness-conflicts-own-wording")
    assert run_axe(w) == []
    harness.wait_for_timeout(200)  # an onerror handler would have fired by now
    assert harness.dialogs == [] and not harness.errors
