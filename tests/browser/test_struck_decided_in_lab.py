"""A struck-insert decided in the redline viewer, in a real JupyterLab with a real kernel (issue 17).

Data: Brazil's Document 67, B/67/4, resolves 3 (source line 141 of tests/fixtures/pp18-doc67-brazil.reconstructed.
critic.md), written as Word does once the analyst Ana deleted Brazil's insertion " and WTDC-17" (``w:del`` by Ana
inside ``w:ins`` by Brazil, no other run of Ana's beside it: tests/test_struck_ids.py ``_word``).  That struck-insert
is a change of its own.  In the page: selected, it says what it is; rejected with ``r``, it is drawn as Brazil's
insertion (no strike, an insertion's colours, a ✗ after it), in the inline, side-by-side and one-view modes; the
kernel's result reads " and WTDC-17" again; after a save, a fresh page and a kernel restart the decision is back
from the sidecar and drawn so.  A decision from Python on Ana's deletion of the whole of resolves 3 (Doc 67 read as
CriticMarkup, ``DeleteClause`` by Ana) restyles the two struck-inserts that deletion holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_struck_ids import _word

import itu_nb

from .conftest import unexpected_errors
from .test_jupyterlab import cell, kernel_ready, output, printed, rerun
from .test_review_persistence import menu, open_notebook, run_all, saved_output
from .waits import KERNEL_MS, UI_MS

pytestmark = pytest.mark.browser

CRITIC = Path(__file__).resolve().parents[1] / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md"
SAID = "struck “and WTDC-17” (inserted by Brazil) in resolves 3 by Ana on 2018-09-10T00:00:00Z"


def _struck_style(locator) -> list:
    return locator.locator("s.itu-struck").evaluate(
        "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]"
    )


def test_a_struck_insert_is_decided_restyled_and_kept_after_a_restart(page, jupyterlab, shoot, run_axe):
    path = _word(jupyterlab.root)
    (struck_id,) = [c.id for c in itu_nb.load(path)[0].changes if c.kind == "struck-insert"]
    cells = [
        # the document's own review, kept in its sidecar beside the .docx (a proposal alone knows no file)
        f"import json, os, itu_nb\nfrom itu_nb.amendments.reviewing import open_review\ndoc = itu_nb.load({str(path)!r})\n"
        "v = itu_nb.RedlineViewer(doc[0], review=open_review(doc), height='16rem')\nv",
        "r = v.result()['resolves/3']\nprint('STATE=' + json.dumps([os.getpid(), v.decisions, r.body('amended')]))",
        "from itu_nb.amendments.edits import apply_ops\nfrom itu_nb.amendments.operations import DeleteClause\n"
        f"p = apply_ops(itu_nb.load({str(CRITIC)!r}, author='Brazil')['B/67/4'], [DeleteClause('resolves/3')],"
        " author='Ana', date='2026-12-05')\nw = itu_nb.RedlineViewer(p, review=None, height='16rem')\nw",
    ]
    open_notebook(page, jupyterlab, "struck-decided.ipynb", cells)
    run_all(page)
    viewer = output(page, 0).locator(".itu-redline")
    viewer.locator(".itu-title").wait_for(timeout=KERNEL_MS)
    row = viewer.locator('.itu-row[data-path="resolves/3"]')
    row.scroll_into_view_if_needed()
    si = row.locator(".itu-struck-insert")
    assert si.count() == 1 and si.get_attribute("data-c") is not None
    assert "line-through" in _struck_style(si)[0]  # pending: struck

    # 1. selected, it says what it is; rejected with "r": Brazil's insertion again, a ✗ after it
    si.locator("s.itu-struck").click()
    assert viewer.locator(".itu-status").text_content() == SAID
    viewer.locator(".itu-scroll").focus()
    page.keyboard.press("r")
    si.and_(page.locator(".itu-rejected")).wait_for(timeout=UI_MS)
    line, colour = _struck_style(si)
    inserted = row.locator("ins").first.evaluate("e => getComputedStyle(e).color")  # Brazil's "2 "
    assert "line-through" not in line and colour == inserted
    assert si.evaluate("e => e.nextElementSibling.getAttribute('aria-label')") == "rejected"
    shoot(row, "lab-struck-insert-rejected")
    pid, decisions, amended = json.loads(rerun(page, 1, "STATE="))
    assert decisions == [{"id": struck_id, "decision": "reject"}]
    assert "(Resolution 45) and WTDC-17, including Objective" in amended  # back as Brazil's insertion

    # 2. every view shows it, decided: side by side in the Amended cell, and each one-view mode
    mode = viewer.locator("select.itu-mode")
    mode.select_option("side-by-side")
    assert row.locator(".itu-new .itu-struck-insert.itu-rejected").count() == 1
    assert row.locator(".itu-old .itu-struck-insert").count() == 0
    shoot(row, "lab-struck-insert-side-by-side")
    for view in ("original", "amended"):
        mode.select_option(view)
        assert row.locator(".itu-struck-insert.itu-rejected").count() == 1, view
    mode.select_option("inline")

    # 3. accepting Ana's deletion that holds " and WTDC-17" restyles that struck-insert, not the other one
    w = output(page, 2).locator(".itu-redline")
    wrow = w.locator('.itu-row[data-path="resolves/3"]')
    wrow.scroll_into_view_if_needed()
    held = wrow.locator(".itu-struck-insert")
    assert held.evaluate_all("els => els.map(e => e.querySelector('s').textContent)") == [" and WTDC-17", "2 "]
    first = wrow.locator("del").first  # Ana's deletion of resolves 3 up to "Objective", which holds the first
    assert first.get_attribute("data-c") == held.first.get_attribute("data-c")
    first.click()
    w.locator(".itu-scroll").focus()
    page.keyboard.press("a")
    held.first.and_(page.locator(".itu-accepted")).wait_for(timeout=UI_MS)
    assert held.evaluate_all("els => els.map(e => e.className)") == [
        "itu-struck-insert itu-accepted",
        "itu-struck-insert",
    ]
    assert "line-through" in _struck_style(held.first)[0]  # accepted: the strike stands
    shoot(wrow, "lab-struck-insert-held-accepted")

    # 4. saved, a fresh page, a new kernel: the decision is read back from the sidecar and drawn so
    menu(page, "File", "Save Notebook")
    page.wait_for_function(
        "() => !document.querySelector('.jp-NotebookPanel .jp-mod-dirty, .jp-Document.jp-mod-dirty')", timeout=UI_MS
    )
    assert "STATE=" in saved_output(jupyterlab.root / "struck-decided.ipynb", 1)
    page.goto(f"{jupyterlab.url}/lab/tree/struck-decided.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, jupyterlab, "struck-decided.ipynb")
    menu(page, "Kernel", "Restart Kernel and Run All Cells…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function(
        "([pid]) => { const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[1];"
        " const t = c?.querySelector('.jp-OutputArea')?.innerText ?? '';"
        " return t.includes('STATE=') && !t.includes('STATE=[' + pid + ','); }",
        arg=[pid],
        timeout=KERNEL_MS,
    )
    new_pid, decisions, amended = json.loads(printed(page, 1, "STATE="))
    assert new_pid != pid and decisions == [{"id": struck_id, "decision": "reject"}]
    assert "(Resolution 45) and WTDC-17, including Objective" in amended
    viewer = output(page, 0).locator(".itu-redline")
    si = viewer.locator('.itu-row[data-path="resolves/3"] .itu-struck-insert')
    si.and_(page.locator(".itu-rejected")).wait_for(state="attached", timeout=KERNEL_MS)
    shoot(cell(page, 0), "lab-struck-insert-after-restart")

    bad = run_axe(viewer)
    assert not bad, f"axe on the viewer: {json.dumps(bad, indent=1)}"
    assert not page.errors, page.errors
    assert not unexpected_errors(page), page.console_log
