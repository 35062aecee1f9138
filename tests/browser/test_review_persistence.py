"""Decisions that last (issue 15.1), in a real JupyterLab with a real kernel.

(a) In ``explore(doc)``, a change accepted in B/67/4 with the keyboard is still accepted, in the page
and in the kernel, after the tree went to B/67/2 and back.  (b) With a copy of Brazil's Document 67
in the server's folder, a decision taken in the page, the notebook saved and the kernel restarted
with Run All: the decision is back, read from the sidecar ``<file>.review.json``.

Data: tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md.  B/67/4's considering h) (source
line 100) is deleted whole: one change, the first from h) on; its heading (line 76, "Busan, 2014" →
"Dubai, 2018") is its first change.  The save/load round trip in Python is in tests/test_review_state.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import nth

import itu_nb

from .test_jupyterlab import cell, kernel_ready, output, printed, rerun
from .waits import KERNEL_MS, UI_MS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md"


def open_notebook(page, lab, name: str, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / name)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, lab, name)


def menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def run_all(page) -> None:
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        "() => /\\[(\\*|\\d+)\\]/.test(document.querySelector('.jp-Cell .jp-InputPrompt')?.textContent ?? '')"
    )


def accepted(viewer) -> list[str]:
    """The change indexes (``data-c``) the page draws as accepted."""
    return sorted({e.get_attribute("data-c") for e in viewer.locator("[data-c].itu-accepted").all()})


def test_a_decision_survives_tree_navigation(page, jupyterlab, shoot):
    copy = jupyterlab.root / "nav-B-67.critic.md"
    shutil.copy(SOURCE, copy)
    considering_h = nth(itu_nb.load(SOURCE)["B/67/4"], "considering/h@1")
    open_notebook(
        page,
        jupyterlab,
        "review-nav.ipynb",
        [
            f"import json, itu_nb\nex = itu_nb.explore(itu_nb.load({str(copy)!r}), height='16rem')\nex",
            "print('STATE=' + json.dumps([ex.viewer.source.id, ex.viewer.decisions, ex.review.counts('B/67/4')]))",
        ],
    )
    run_all(page)
    ex = output(page, 0)
    ev, tree = ex.locator(".itu-redline"), ex.locator(".itu-tree")
    ev.wait_for(timeout=KERNEL_MS)

    # B/67/4's considering h), found by the search, shown in the viewer; the next change is its deletion
    tree.locator(".itu-search").fill("cyberattacks")
    tree.locator('[role=treeitem][data-key="B/67/4:considering/h"]').click()
    ev.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    ev.locator('.itu-row.itu-selected[data-path="considering/h"]').wait_for(timeout=KERNEL_MS)
    ev.locator(".itu-scroll").focus()
    page.keyboard.press("n")
    assert ev.locator(".itu-row.itu-current").get_attribute("data-path") == "considering/h"
    page.keyboard.press("a")
    mark = accepted(ev)
    assert len(mark) == 1
    shoot(ex, "review-1-accepted-in-B-67-4")

    # to B/67/2 (Resolution 71) and back, through the tree (rows are drawn as they scroll in: the
    # search brings each proposal's row into view)
    tree.locator(".itu-search").fill("B/67/2")
    tree.locator('[role=treeitem][data-key="B/67/2"]').click()
    ev.locator(".itu-title", has_text="B/67/2").wait_for(timeout=KERNEL_MS)
    assert accepted(ev) == []
    tree.locator(".itu-search").fill("B/67/4")
    tree.locator('[role=treeitem][data-key="B/67/4"]').click()
    ev.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    ev.locator("[data-c].itu-accepted").first.wait_for(state="attached", timeout=KERNEL_MS)
    assert accepted(ev) == mark  # the mark is back, on the same change
    shoot(ex, "review-2-back-in-B-67-4")

    source, decisions, counts = json.loads(rerun(page, 1, "STATE="))
    assert source == "B/67/4" and decisions == [{"id": considering_h, "decision": "accept"}]
    assert counts == {"pending": 72, "accepted": 1, "rejected": 0}  # B/67/4's 73 changes
    assert json.loads(copy.with_name(copy.name + ".review.json").read_text(encoding="utf-8"))["proposals"] == {
        "B/67/4": {"decisions": {considering_h: "accept"}, "edits": [], "redo": []}
    }
    assert not page.errors, page.errors
    assert not [m for m in page.console_log if m.startswith("error")], page.console_log


def test_a_decision_survives_a_kernel_restart_through_the_sidecar(page, jupyterlab, shoot):
    copy = jupyterlab.root / "restart-B-67.critic.md"
    shutil.copy(SOURCE, copy)
    heading = nth(itu_nb.load(SOURCE)["B/67/4"], "heading@1")
    open_notebook(
        page,
        jupyterlab,
        "review-restart.ipynb",
        [
            f"import json, os, itu_nb\nex = itu_nb.explore(itu_nb.load({str(copy)!r}), height='16rem')\n"
            "ex.tree.selected_path = 'B/67/4:heading'\nex",
            "print('STATE=' + json.dumps([os.getpid(), ex.viewer.decisions]))",
        ],
    )
    run_all(page)
    ev = output(page, 0).locator(".itu-redline")
    ev.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    ev.locator(".itu-scroll").focus()
    page.keyboard.press("n")
    assert ev.locator(".itu-row.itu-current").get_attribute("data-path") == "heading"
    page.keyboard.press("a")
    assert len(accepted(ev)) == 1
    pid, decisions = json.loads(rerun(page, 1, "STATE="))
    assert decisions == [{"id": heading, "decision": "accept"}]

    page.keyboard.press("Control+s")  # save the notebook
    page.wait_for_function(
        "() => !document.querySelector('.jp-NotebookPanel .jp-mod-dirty, .jp-Document.jp-mod-dirty')",
        timeout=UI_MS,
    )
    menu(page, "Kernel", "Restart Kernel and Run All Cells…")
    page.locator(".jp-Dialog .jp-mod-accept").click()  # "Restart"
    page.wait_for_function(
        "([pid]) => { const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[1];"
        " const t = c?.querySelector('.jp-OutputArea')?.innerText ?? '';"
        " return t.includes('STATE=') && !t.includes('STATE=[' + pid + ','); }",
        arg=[pid],
        timeout=KERNEL_MS,
    )
    new_pid, decisions = json.loads(printed(page, 1, "STATE="))
    assert new_pid != pid  # a new kernel …
    assert decisions == [{"id": heading, "decision": "accept"}]  # … that read the decision back
    ev = output(page, 0).locator(".itu-redline")
    ev.locator("[data-c].itu-accepted").first.wait_for(state="attached", timeout=KERNEL_MS)
    assert len(accepted(ev)) == 1
    shoot(cell(page, 0), "review-3-after-restart")
    assert not page.errors, page.errors
    assert not [m for m in page.console_log if m.startswith("error")], page.console_log
