"""The widgets in a real JupyterLab with a real kernel: one notebook, one run, every round trip.

Recipe and pitfalls: shared/docs/BROWSER-TESTING.md §5 (readiness is checked on the kernel
itself, and Run All must visibly start).  Screenshots are kept under artifacts/.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import nbformat
import pytest
from conftest import nth

import itu_nb

from .waits import KERNEL_MS, UI_MS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

XSS = (
    "MOD\\tX/1/1\\nRESOLUTION 1 (Rev. {--Busan, 2014--}{++Dubai, 2018++})\\n"
    "Title <script>alert(1)</script>\\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\\n"
    "considering\\n"
    "a)\\tthat <img src=x onerror=alert(1)> is {++<b>bold</b> ++}text;\\n"
)

CELLS = [
    # 0: the viewer on Resolution 130 (Brazil's proposal B/67/4)
    f"import json, itu_nb\ndoc = itu_nb.load({str(FIXTURES / 'pp18-doc67-brazil.reconstructed.critic.md')!r})\n"
    "viewer = itu_nb.RedlineViewer(doc['B/67/4'], height='18rem')\nviewer",
    # 1: tree + viewer + table, linked
    "ex = itu_nb.explore(doc, height='16rem')\nex",
    # 2: what Python says should be drawn
    "print('COUNTS=' + json.dumps(viewer.counts))",
    # 3: hostile text
    f"x = itu_nb.RedlineViewer(itu_nb.load(\"{XSS}\", format='criticmarkup')[0], collapse_unchanged=False)\nx",
    # 4: read back what the browser decided (run again after the clicks)
    "r = viewer.result()\nprint('DECISIONS=' + json.dumps(viewer.decisions))\n"
    "print('HEADING=' + ' '.join(r['heading'].body('original').split()))",
    # 5: read back the explorer's linked state
    "print('EXPLORE=' + json.dumps([ex.viewer.source.id, ex.viewer.selected_path, ex.tree.selected_path]))",
]


def kernel_ready(page, lab, path, timeout_ms=KERNEL_MS):
    """The kernel of notebook `path` connected and idle, as the server and the status bar both say (pitfall 2).

    The server is shared by the session's tests: the kernel asked about is this notebook's
    (``/api/sessions``), not any idle kernel an earlier test left behind.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    sessions: list = []
    while time.monotonic() < deadline:
        try:
            sessions = [s for s in lab.api("/api/sessions") if s["path"] == path]
        except OSError:  # the server may answer 500 while a kernel is still starting: ask again
            page.wait_for_timeout(200)
            continue
        if any(s["kernel"]["connections"] >= 1 and s["kernel"]["execution_state"] == "idle" for s in sessions):
            break
        page.wait_for_timeout(200)  # never time.sleep: it would stall Playwright's event loop
    else:
        raise AssertionError(f"no idle kernel for {path}: {sessions}")
    page.wait_for_function(
        "() => (document.querySelector('#jp-main-statusbar')?.textContent ?? '').includes('(ipykernel) | Idle')",
        timeout=timeout_ms,
    )


def cell(page, i):
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(i)


def output(page, i):
    return cell(page, i).locator(".jp-OutputArea")


def printed(page, i, marker):
    """Wait until cell i has printed a line starting with `marker`; return the rest of that line."""
    out = output(page, i)
    out.get_by_text(marker).first.wait_for(timeout=KERNEL_MS)
    return re.search(rf"{re.escape(marker)}(.*)", out.inner_text()).group(1)


def rerun(page, i, marker):
    """Run cell i again (select it, Ctrl+Enter) and return the line that starts with `marker`."""
    before = output(page, i).inner_text() if output(page, i).count() else ""
    cell(page, i).locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "([i, before, m]) => { const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[i];"
        " const t = c.querySelector('.jp-OutputArea')?.innerText ?? ''; return t !== before && t.includes(m); }",
        arg=[i, before, marker],
        timeout=KERNEL_MS,
    )
    text = output(page, i).inner_text()
    return re.search(rf"{re.escape(marker)}(.*)", text).group(1)


def test_widgets_in_jupyterlab(page, jupyterlab, shoot, run_axe):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, jupyterlab.root / "widgets.ipynb")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{jupyterlab.url}/lab/tree/widgets.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, jupyterlab, "widgets.ipynb")

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    page.wait_for_function(
        "() => /\\[(\\*|\\d+)\\]/.test(document.querySelector('.jp-Cell .jp-InputPrompt')?.textContent ?? '')"
    )
    viewer = output(page, 0).locator(".itu-redline")
    viewer.wait_for(timeout=KERNEL_MS)
    n_cells = page.locator(".jp-NotebookPanel .jp-Cell").count()

    # 1. the rendered marks are the comparison's
    counts = json.loads(printed(page, 2, "COUNTS="))
    assert viewer.locator("ins").count() == counts["ins"] == 86
    assert viewer.locator("del").count() == counts["del"] == 51
    assert viewer.locator(".itu-counter").inner_text() == f"{counts['changes']} changes"
    shoot(page, "lab-1-run-all")

    # 2. keyboard navigation; JupyterLab's own single-key shortcuts must not fire (a, n, p…)
    viewer.locator(".itu-scroll").click(position={"x": 5, "y": 5})
    for key in ("n", "n", "F7", "Shift+F7", "n"):
        page.keyboard.press(key)
    assert viewer.locator(".itu-counter").inner_text() == f"change 3 of {counts['changes']}"
    current = viewer.locator("[data-c].itu-current").first
    assert current.is_visible()
    change_id = viewer.evaluate("e => e.querySelector('.itu-status').textContent")
    assert " in the formula" in change_id  # change 3 of Resolution 130 is the conference's place and year

    # 3. accept a change in the browser, see it in Python
    page.keyboard.press("p")
    page.keyboard.press("p")
    page.keyboard.press("a")  # accept change 1: the heading's revision
    pending = counts["changes"] - 1
    assert (
        viewer.locator(".itu-counter").inner_text()
        == f"change 2 of {counts['changes']}: {pending} pending, 1 accepted, 0 rejected"
    )
    assert page.locator(".jp-NotebookPanel .jp-Cell").count() == n_cells  # no cell was inserted by 'a'
    shoot(viewer, "lab-2-viewer-after-accept")
    decisions = rerun(page, 4, "DECISIONS=")
    heading = nth(itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")["B/67/4"], "heading@1")
    assert json.loads(decisions) == [{"id": heading, "decision": "accept"}]
    heading = printed(page, 4, "HEADING=")
    assert heading == "RESOLUTION 130 (Rev. Dubai, 2018)"

    # 4. tree → viewer: search, pick a clause, the viewer shows its proposal and scrolls to it
    ex = output(page, 1)
    tree = ex.locator(".itu-tree")
    tree.locator(".itu-search").fill("cyberattacks")
    hit = tree.locator('[role=treeitem][data-key="B/67/4:considering/h"]')
    hit.wait_for()
    assert hit.locator("mark").inner_text().lower() == "cyberattacks"
    hit.click()  # the tree tells Python, which moves the viewer: a kernel round trip
    ev = ex.locator(".itu-redline")
    ev.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    row = ev.locator('.itu-row.itu-selected[data-path="considering/h"]')
    row.wait_for(timeout=KERNEL_MS)
    # the viewer scrolls the clause into its area, and keeps it there once the rows around it are laid out
    row.evaluate(
        """(r, [wait]) => new Promise((ok, fail) => {
            const area = r.closest('.itu-scroll'), t0 = performance.now();
            let since = null;
            (function check() {
                const a = area.getBoundingClientRect(), b = r.getBoundingClientRect();
                since = a.top <= b.top && b.top < a.bottom ? since ?? performance.now() : null;
                if (since !== null && performance.now() - since > 1000) return ok(true);
                if (performance.now() - t0 > wait) return fail(new Error('the viewer did not scroll to the clause'));
                requestAnimationFrame(check);
            })();
        })""",
        [UI_MS],
    )
    shoot(ex, "lab-3-explore-tree-to-viewer")

    # 5. viewer → tree: move through changes, the tree selection follows
    ev.locator(".itu-scroll").focus()
    page.keyboard.press("n")  # the next change from the selected clause on
    path = ev.locator(".itu-row.itu-current").get_attribute("data-path")
    assert path == "considering/h"
    selected = tree.locator('[role=treeitem][aria-selected="true"]')
    page.wait_for_function(
        '([k]) => document.querySelector(`[role=treeitem][aria-selected="true"]`)?.dataset.key === k',
        arg=[f"B/67/4:{path}"],
    )
    assert selected.get_attribute("data-key") == f"B/67/4:{path}"
    state = json.loads(rerun(page, 5, "EXPLORE="))
    assert state == ["B/67/4", path, f"B/67/4:{path}"]
    shoot(ex, "lab-4-explore-viewer-to-tree")

    # 6. hostile text is shown as text
    xss = output(page, 3).locator(".itu-redline")
    xss.scroll_into_view_if_needed()
    assert xss.get_by_text("Title <script>alert(1)</script>").is_visible()
    assert xss.get_by_text("<img src=x onerror=alert(1)>").is_visible()
    assert xss.locator("script, img, b").count() == 0
    shoot(xss, "lab-5-xss-as-text")

    # 7. accessibility: axe-core finds no serious or critical violation in either widget
    for name, widget in (("viewer", viewer), ("explorer's viewer", ev), ("tree", tree)):
        bad = run_axe(widget)
        assert not bad, f"axe on the {name}: {json.dumps(bad, indent=1)}"

    shoot(page, "lab-6-notebook")

    # 8. JupyterLab's own dark theme (Settings → Theme): the widgets take its colours, and stay readable
    light_bg = viewer.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Theme$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^JupyterLab Dark$")).click()
    page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'", timeout=UI_MS)
    layout0 = page.evaluate(
        """() => { const probe = document.createElement('div');
                   probe.style.background = 'var(--jp-layout-color0)'; document.body.append(probe);
                   const c = getComputedStyle(probe).backgroundColor; probe.remove(); return c; }"""
    )
    page.wait_for_function(
        "([c]) => getComputedStyle(document.querySelector('.itu-redline')).backgroundColor === c", arg=[layout0]
    )
    assert viewer.evaluate("e => getComputedStyle(e).backgroundColor") == layout0 != light_bg
    for name, widget in (("viewer", viewer), ("tree", tree)):
        bad = run_axe(widget)
        assert not bad, f"axe on the {name}, dark theme: {json.dumps(bad, indent=1)}"
    shoot(page, "lab-7-dark-theme")
    # back to the light theme: the setting is saved for the session's other tests
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Theme$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^JupyterLab Light$")).click()
    page.wait_for_function("() => document.body.dataset.jpThemeLight === 'true'", timeout=UI_MS)
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert not page.errors, page.errors
    assert not page.external, f"requests left the machine: {page.external[:5]}"
