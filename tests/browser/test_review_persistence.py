"""Decisions that last (issue 15.1), in a real JupyterLab with a real kernel.

(a) In ``explore(doc)``, a change accepted in B/67/4 with the keyboard is still accepted, in the page
and in the kernel, after the tree went to B/67/2 and back.  (b) With a copy of Brazil's Document 67
in the server's folder, a decision taken in the page, the notebook saved, reopened in a fresh page and
the kernel restarted with Run All: the decision is back, read from the sidecar ``<file>.review.json``.

Data: tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md.  B/67/4's considering h) (source
line 100) is deleted whole: one change, the first from h) on; its heading (line 76, "Busan, 2014" →
"Dubai, 2018") is its first change.  The save/load round trip in Python is in tests/test_review_state.py.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from conftest import nth

import itu_nb

from .conftest import unexpected_errors
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


def saved_output(path: Path, index: int) -> str:
    """Cell ``index``'s printed output in the notebook file, once the server has written it (saving is asynchronous)."""
    deadline = time.monotonic() + UI_MS / 1000
    text = ""
    while time.monotonic() < deadline and "STATE=" not in text:
        try:
            cells = nbformat.read(path, as_version=4).cells
            text = "".join(o.get("text", "") for o in cells[index].outputs)
        except (ValueError, OSError):  # half written
            pass
        time.sleep(0.2)
    return text


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
    assert not unexpected_errors(page), page.console_log


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

    # save the notebook through the menu: Ctrl+S would go to the viewer, which keeps its keys from JupyterLab
    menu(page, "File", "Save Notebook")
    page.wait_for_function(
        "() => !document.querySelector('.jp-NotebookPanel .jp-mod-dirty, .jp-Document.jp-mod-dirty')",
        timeout=UI_MS,
    )
    # reopen: a fresh JupyterLab page that opens the saved notebook from disk
    assert "STATE=" in saved_output(jupyterlab.root / "review-restart.ipynb", 1)
    page.goto(f"{jupyterlab.url}/lab/tree/review-restart.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, jupyterlab, "review-restart.ipynb")
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
    assert not unexpected_errors(page), page.console_log


def test_a_decision_goes_through_save_review_and_load_review(page, jupyterlab, shoot, tmp_path):
    """(c) A decision taken in the page, written with ``viewer.save_review(path)``, read by another
    viewer (memory only, so nothing but the file carries it) with ``load_review``: drawn accepted there."""
    saved = tmp_path / "ana.review.json"
    heading = nth(itu_nb.load(SOURCE)["B/67/4"], "heading@1")
    open_notebook(
        page,
        jupyterlab,
        "review-file.ipynb",
        [
            f"import json, itu_nb\ndoc = itu_nb.load({str(SOURCE)!r})\n"
            "v1 = itu_nb.RedlineViewer(doc['B/67/4'], review=None, height='12rem')\nv1",
            f"v1.save_review({str(saved)!r})\nprint('SAVED=' + json.dumps(v1.decisions))",
            "v2 = itu_nb.RedlineViewer(itu_nb.load("
            f"{str(SOURCE)!r})['B/67/4'], review=None, height='12rem')\n"
            f"v2.load_review({str(saved)!r})\nprint('LOADED=' + json.dumps(v2.decisions))\nv2",
        ],
    )
    run_all(page)
    v1 = output(page, 0).locator(".itu-redline")
    v1.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    v1.locator(".itu-scroll").focus()
    page.keyboard.press("n")
    assert v1.locator(".itu-row.itu-current").get_attribute("data-path") == "heading"
    page.keyboard.press("a")
    assert len(accepted(v1)) == 1
    assert json.loads(rerun(page, 1, "SAVED=")) == [{"id": heading, "decision": "accept"}]
    assert json.loads(saved.read_text(encoding="utf-8"))["proposals"]["B/67/4"]["decisions"] == {heading: "accept"}
    assert json.loads(rerun(page, 2, "LOADED=")) == [{"id": heading, "decision": "accept"}]
    v2 = output(page, 2).locator(".itu-redline")
    v2.locator("[data-c].itu-accepted").first.wait_for(state="attached", timeout=KERNEL_MS)
    assert len(accepted(v2)) == 1
    shoot(cell(page, 2), "review-4-loaded-from-file")
    assert not page.errors, page.errors


def test_ctrl_s_in_the_viewer_saves_the_notebook_and_letters_stay_the_viewers(page, jupyterlab):
    """With the focus in the viewer, Ctrl+S saves the notebook (JupyterLab's shortcut, which the
    viewer does not take), while single letters stay the viewer's: ``a`` accepts a change and
    does not insert a cell above (JupyterLab's command-mode ``a``)."""
    open_notebook(
        page,
        jupyterlab,
        "review-ctrl-s.ipynb",
        [
            f"import json, itu_nb\nv = itu_nb.RedlineViewer(itu_nb.load({str(SOURCE)!r})['B/67/4'], review=None,"
            " height='12rem')\nv",
            "print('STATE=' + json.dumps(v.decisions))",
        ],
    )
    run_all(page)
    viewer = output(page, 0).locator(".itu-redline")
    viewer.locator(".itu-title", has_text="B/67/4").wait_for(timeout=KERNEL_MS)
    printed(page, 1, "STATE=")
    cells = page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell")
    n_cells = cells.count()
    viewer.locator(".itu-scroll").focus()
    page.keyboard.press("n")
    page.keyboard.press("a")
    assert len(accepted(viewer)) == 1 and cells.count() == n_cells  # the viewer's "a", not a new cell
    page.keyboard.press("Control+s")
    assert "STATE=" in saved_output(jupyterlab.root / "review-ctrl-s.ipynb", 1)  # saved, outputs and all
    assert not page.errors, page.errors
