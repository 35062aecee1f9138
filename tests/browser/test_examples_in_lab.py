"""The tour notebook (examples/01-tour.ipynb), opened and run in a real JupyterLab: both widgets show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .test_jupyterlab import kernel_ready
from .waits import KERNEL_MS

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_tour_notebook_shows_both_widgets(page, jupyterlab, shoot):
    shutil.copytree(EXAMPLES, jupyterlab.root / "examples", dirs_exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{jupyterlab.url}/lab/tree/examples/01-tour.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, jupyterlab, "examples/01-tour.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    notebook = page.locator(".jp-NotebookPanel:visible")
    # the clause-tree explorer: Document 67, its first proposal (MOD B/67/1) at the top
    tree = notebook.locator(".itu-tree").first
    tree.wait_for(timeout=KERNEL_MS)
    tree.scroll_into_view_if_needed()
    tree.get_by_role("treeitem").filter(has_text="B/67/1").first.wait_for()  # rows are drawn as they scroll in
    # the redline viewer on Resolution 130, with its word-level marks
    viewer = notebook.locator(".itu-redline").first
    viewer.wait_for(timeout=KERNEL_MS)
    viewer.scroll_into_view_if_needed()
    viewer.locator("ins").first.wait_for()
    viewer.locator(".itu-counter", has_text="73 changes").wait_for()
    shoot(page, "lab-tour-viewer")
    # the last cell ran without error (Run All reached the end)
    last = notebook.locator(".jp-Cell").last
    last.scroll_into_view_if_needed()
    last.locator(".jp-OutputArea-output").first.wait_for(timeout=KERNEL_MS)
    assert notebook.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert notebook.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    shoot(page, "lab-tour-notebook")
    assert not page.errors, page.errors
    assert not page.external, f"requests left the machine: {page.external[:5]}"
