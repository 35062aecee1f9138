"""Honest rendering of the redline viewer (issue 15, part 2), in Chromium on the fake-model harness.

The text is Brazil's proposal B/67/4 (MOD Resolution 130 (Rev. Busan, 2014)) of Document 67:
``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md`` (tracked changes as CriticMarkup) and
``pp18-doc67-brazil.flattened.txt`` (the same text flattened: its changes are inferred). Expected
values were read off those files: B/67/4 has 73 changes; considering i), j) and k) are new
(fixture lines 103-105), considering h) is deleted (line 100), considering c)-g) are relettered b)-f).
Every test here fails on any console error or uncaught exception (the ``page`` fixture).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import nth

import itu_nb

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CRITIC = FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md"
FLAT = FIXTURES / "pp18-doc67-brazil.flattened.txt"
INTERNAL = re.compile(r"#\d|\bres-\d|\bp\d+\b|\b\d+#")  # internal ids: considering/b#2, res-130, p1, 0#6


@pytest.fixture(scope="module")
def res130():
    return itu_nb.load(CRITIC)["B/67/4"]


@pytest.fixture(scope="module")
def res130_flat():
    return itu_nb.load(FLAT)["B/67/4"]


def saved(page, slot):
    return page.evaluate(f"window.models[{slot!r}].saved")


# the nearest section heading row above each change's row, in the DOM order of the scroll area
NEAREST_HEADINGS = """(scroll) => {
  const out = [];
  let section = null;
  for (const el of scroll.children) {
    if (el.classList.contains('itu-t-section')) section = el.dataset.path;
    if (el.classList.contains('itu-row')) for (const m of el.querySelectorAll('[data-c]')) out.push([Number(m.dataset.c), section]);
  }
  return out;
}"""


def test_folds_never_swallow_a_section_heading(shoot, harness, res130):
    viewer = itu_nb.RedlineViewer(res130)  # collapsed, one clause of context (the default)
    w = harness.mount("v", "redline", viewer)
    found = w.locator(".itu-scroll").evaluate(NEAREST_HEADINGS)
    assert {ci for ci, _ in found} == set(range(73))  # every change is drawn
    for ci, section in found:
        assert section == viewer._changes[ci]["sec"], (ci, viewer._changes[ci]["path"])
    # the 15 sections of the resolution (recalling … invites Member States, Sector Members and Associates)
    assert w.locator(".itu-row.itu-t-section").count() == len(viewer._meta["sections"]) == 15
    bars = w.locator(".itu-gap").all_inner_texts()
    assert bars, "Resolution 130 has long unchanged stretches"
    for text in bars:
        assert re.fullmatch(r"⋯ \d+ unchanged clauses? in [a-zA-Z ,-]+ \(.+ – .+\)", text), text
        assert not INTERNAL.search(text) and "/" not in text, text
    # recalling a)-d) are unchanged and recalling e) is modified: a)-c) fold, d) is context
    assert "⋯ 3 unchanged clauses in recalling (recalling a) – recalling c))" in bars
    shoot(w, "honest-folds")


def test_side_by_side_puts_each_side_in_its_column(shoot, harness, res130):
    viewer = itu_nb.RedlineViewer(res130, mode="side-by-side", collapse_unchanged=False, height="60rem")
    w = harness.mount("v", "redline", viewer)

    def cells(path):
        row = w.locator(f'.itu-row[data-path="{path}"]')
        row.scroll_into_view_if_needed()  # rows off screen are not laid out (content-visibility) …
        # … and have no inner text until the browser has rendered them there (a frame or more on a busy machine)
        row.page.wait_for_function("r => r.checkVisibility({contentVisibilityAuto: true})", arg=row.element_handle())
        # visible is not yet laid out: innerText stays empty until the next rendering (a CI run read the heading's
        # Original cell as ""); every row here has text on one side at least
        row.page.wait_for_function("r => r.innerText.trim() !== ''", arg=row.element_handle())
        old, new = row.locator(".itu-old"), row.locator(".itu-new")
        assert row.locator(":scope > .itu-cell").count() == 2  # nothing else takes a grid column
        ob, nb = old.bounding_box(), new.bounding_box()
        assert ob["x"] < nb["x"] and abs(ob["y"] - nb["y"]) < 1  # Original left, Amended right, one line
        return old.inner_text().strip(), new.inner_text().strip()

    old, new = cells("considering/i")  # inserted (fixture line 103: "{++i)\tthat some SMEs face …")
    assert old == "" and new.startswith("new") and "that some SMEs face" in new
    old, new = cells("considering/h")  # deleted
    assert old.startswith("deleted") and new == ""
    old, new = cells("considering/f")  # relabelled g) → f)
    assert old.startswith("g)") and new.startswith("f)") and old[2:] == new[2:]
    old, new = cells("heading")  # modified: Rev. Busan, 2014 → Rev. Dubai, 2018
    assert "Busan, 2014" in old and "Dubai, 2018" in new and "Dubai, 2018" not in old
    shoot(w, "honest-side-by-side")


def test_inferred_changes_are_marked_and_filterable(shoot, harness, res130_flat):
    viewer = itu_nb.RedlineViewer(res130_flat, collapse_unchanged=False)
    inferred = [c for c in viewer._changes if c["inf"]]
    assert inferred and len(inferred) == sum(c.inferred for c in res130_flat.changes)
    w = harness.mount("v", "redline", viewer)
    marks = w.locator("ins.itu-inferred, del.itu-inferred")
    assert marks.count() == w.locator("ins, del").count() > 0  # a flattened text has no marks of its own
    assert "inferred from a flattened text" in marks.first.get_attribute("title")
    style = marks.first.evaluate("e => getComputedStyle(e).outlineStyle")
    assert style == "dotted"
    assert w.locator(".itu-b-inferred").first.inner_text() == "inferred"
    source = w.locator(".itu-f-source")
    assert source.is_visible()
    source.select_option("inferred")
    assert saved(harness, "v")[-1] == {"filters": {"source": "inferred"}}
    shown = set(w.locator(".itu-row:not(.itu-t-section)").evaluate_all("rs => rs.map(r => Number(r.dataset.i))"))
    assert shown == {c["r"] for c in inferred}
    source.select_option("marked")
    assert w.locator(".itu-row:not(.itu-t-section)").count() == 0  # nothing was marked in a flat text
    shoot(w, "honest-inferred")
    # the CriticMarkup text has its marks: nothing inferred, no Source filter
    critic = harness.mount("c", "redline", itu_nb.RedlineViewer(itu_nb.load(CRITIC)["B/67/4"]))
    assert critic.locator(".itu-inferred").count() == 0 and critic.locator(".itu-f-source").is_hidden()


def test_decisions_are_visible_counted_and_keep_the_scroll(shoot, harness, res130):
    viewer = itu_nb.RedlineViewer(res130, height="14rem")
    w = harness.mount("v", "redline", viewer)
    scroll = w.locator(".itu-scroll")
    counter = w.locator(".itu-counter")
    assert counter.inner_text() == "73 changes"
    scroll.focus()
    for _ in range(20):
        harness.keyboard.press("n")
    assert counter.inner_text() == "change 20 of 73"
    harness.wait_for_timeout(500)  # reveal() settles
    harness.keyboard.press("a")  # accept change 20, move on to 21
    harness.keyboard.press("a")  # accept change 21
    harness.keyboard.press("r")  # reject change 22
    assert counter.inner_text() == "change 23 of 73: 70 pending, 2 accepted, 1 rejected"
    harness.wait_for_timeout(500)
    top = scroll.evaluate("e => e.scrollTop")
    assert top > 0
    # Python echoes the decisions back (the validator normalises them): the view stays where it is
    harness.evaluate("d => window.models.v.fromPython({decisions: d})", saved(harness, "v")[-2]["decisions"])
    assert abs(scroll.evaluate("e => e.scrollTop") - top) < 2
    assert counter.inner_text() == "change 23 of 73: 70 pending, 2 accepted, 1 rejected"
    accepted, rejected = w.locator(".itu-dec-accept"), w.locator(".itu-dec-reject")
    assert accepted.count() == 2 and rejected.count() == 1
    assert accepted.first.get_attribute("aria-label") == "accepted" and accepted.first.inner_text() == "✓"
    assert rejected.first.get_attribute("aria-label") == "rejected" and rejected.first.inner_text() == "✗"
    style = lambda loc: loc.evaluate("e => getComputedStyle(e).borderTopStyle")  # noqa: E731
    assert (style(accepted.first), style(rejected.first)) == ("solid", "dashed")  # not only colour
    decisions = next(s["decisions"] for s in reversed(saved(harness, "v")) if "decisions" in s)
    assert [d["decision"] for d in decisions] == ["accept", "accept", "reject"]
    shoot(w, "honest-decisions")


def test_section_filter_after_selecting_a_change_does_not_recurse(shoot, harness, res130):
    w = harness.mount("v", "redline", itu_nb.RedlineViewer(res130))
    w.locator(".itu-scroll").focus()
    harness.keyboard.press("n")  # the heading's change: outside every section
    assert saved(harness, "v")[-1]["selected_path"] == "heading"
    w.locator(".itu-f-section").select_option("resolves")  # was: RangeError: Maximum call stack size exceeded
    assert saved(harness, "v")[-1] == {"filters": {"section": "resolves"}}
    paths = w.locator(".itu-row").evaluate_all("rs => rs.map(r => r.dataset.path)")
    assert paths and all(p.startswith("resolves") for p in paths)
    w.locator(".itu-f-section").select_option("")
    assert w.locator('.itu-row[data-path="heading"]').count() == 1
    assert not harness.errors


def test_words_not_internal_ids(shoot, harness, res130):
    viewer = itu_nb.RedlineViewer(res130)
    w = harness.mount("v", "redline", viewer)
    assert w.locator(".itu-title").inner_text() == "B/67/4 — MOD Resolution 130 (Rev. Busan, 2014)"
    relabel = nth(res130, "considering/b#2@1")  # c) → b): its clause's path is internal ("#2")
    harness.evaluate(f"window.models.v.fromPython({{selected_change: '{relabel}'}})")
    status = w.locator(".itu-status").inner_text()
    assert status == "relabelled c) → b) in considering b)", status
    texts = w.evaluate(
        "e => [...e.querySelectorAll('*')].flatMap(x => [x.getAttribute('aria-label'), x.getAttribute('title'),"
        " x.children.length ? null : x.textContent]).filter(Boolean)"
    )
    assert not [t for t in texts if INTERNAL.search(t)]


COMMENTED = "{==high priority==}{>>@Ana (2026-12-01): does CEPT agree?<<}"


def test_comments_and_highlights_beside_their_clause(shoot, harness):
    text = CRITIC.read_text(encoding="utf-8")
    line = "2\tto give high priority to the work of ITU described under bearing in mind above"
    assert text.count(line) == 1  # fixture line 140, resolves 2
    doc = itu_nb.load(text.replace(line, line.replace("high priority", COMMENTED)), format="criticmarkup")
    viewer = itu_nb.RedlineViewer(doc["B/67/4"], collapse_unchanged=False)
    w = harness.mount("v", "redline", viewer)
    row = w.locator('.itu-row[data-path="resolves/2"]')
    row.scroll_into_view_if_needed()
    assert row.locator("mark.itu-hl").all_text_contents() == ["high priority"]
    assert row.locator(".itu-note").text_content() == "💬 Ana, 2026-12-01: does CEPT agree?"
    assert row.locator(".itu-note").get_attribute("role") == "note"
    assert "to give high priority to the work" in row.text_content()  # the text itself is whole
    shoot(row, "honest-comment")


def test_own_wording_box_does_not_glue_words(shoot, harness):
    # Resolution 130 as adopted (the Final Acts), resolves 2: CEPT writes "the highest", APT drops "high "
    # (tests/test_widgets_own_wording.py has the Python side)
    from test_amend_merge import CEPT, RES130

    apt = itu_nb.amend(RES130, ['In resolves 2, replace "high priority" by "priority"'], author="APT")
    viewer = itu_nb.RedlineViewer(itu_nb.merge(RES130, [CEPT, apt]), height="14rem")
    w = harness.mount("v", "redline", viewer)
    c = next(c for c in viewer._conflicts if c["kind"] == "overlap")
    item = w.locator(f'.itu-cf[data-id="{c["id"]}"]')
    item.locator(".itu-cf-own summary").click()
    box = item.locator(".itu-cf-input")
    assert box.input_value() == "high"  # was "high " (a trailing space)
    box.fill("a high")
    item.get_by_role("button", name="Use this wording").click()
    assert saved(harness, "v")[-1] == {"conflict_choices": [{"id": c["id"], "text": "a high"}]}
    viewer.conflict_choices = [{"id": c["id"], "text": "a high"}]  # what the kernel does with it
    harness.evaluate("s => window.models.v.fromPython(s)", harness.state(viewer))
    row = w.locator('.itu-row[data-path="resolves/2"]')
    amended = row.evaluate(
        "r => [...r.querySelector('.itu-body').childNodes].filter(n => n.nodeName !== 'DEL').map(n => n.textContent).join('')"
    )
    assert amended.startswith("to give a high priority to the work of ITU"), amended
    shoot(w, "honest-own-wording")


LAB_CELLS = [
    f"import json, itu_nb\ndoc = itu_nb.load({str(CRITIC)!r})\n"
    "viewer = itu_nb.RedlineViewer(doc['B/67/4'], height='18rem')\nviewer",
    "print('STATE=' + json.dumps([viewer.filters, viewer.selected_change, viewer.decisions]))",
]


def test_in_jupyterlab_filter_after_selection_and_decisions(page, jupyterlab, shoot):
    """The RangeError of issue 15 happened in JupyterLab: select a change, then choose a Section filter."""
    import nbformat

    from .test_jupyterlab import kernel_ready, output, printed, rerun

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in LAB_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, jupyterlab.root / "honest.ipynb")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{jupyterlab.url}/lab/tree/honest.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    kernel_ready(page, jupyterlab, "honest.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    viewer = output(page, 0).locator(".itu-redline")
    viewer.wait_for()
    printed(page, 1, "STATE=")
    viewer.locator(".itu-scroll").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    page.keyboard.press("a")  # accept the heading's change, move on to change 2 (the title)
    page.keyboard.press("r")  # reject it
    assert viewer.locator(".itu-counter").inner_text() == "change 3 of 73: 71 pending, 1 accepted, 1 rejected"
    viewer.locator(".itu-f-section").select_option("considering")  # was: RangeError, Maximum call stack size
    page.wait_for_timeout(500)  # the kernel's echo of the filter comes back
    paths = viewer.locator(".itu-row").evaluate_all("rs => rs.map(r => r.dataset.path)")
    assert paths and all(p.startswith("considering") for p in paths)
    filters, selected, decisions = json.loads(rerun(page, 1, "STATE="))
    res130 = itu_nb.load(CRITIC)["B/67/4"]
    assert filters == {"section": "considering"} and selected == nth(res130, "formula@1")
    assert [d["decision"] for d in decisions] == ["accept", "reject"]
    shoot(viewer, "honest-lab-filter-after-selection")
    assert not page.errors, page.errors  # and the page fixture fails on any console error
