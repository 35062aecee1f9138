"""itu_nb's JupyterLab extension (js/lab, built into itu_nb/labextension/) in a real JupyterLab
with itu_nb's server extension: Open With → ITU Proposal, decisions kept next to the file,
Compare with the PP-18 Final Acts, Export to Word.

The session's JupyterLab (conftest.py) sees this tree's prebuilt extension and server extension as
a wheel installs them. Expected counts come from tests/fixtures/CORPUS.md (Brazil's Document 67:
B/67/1 3 replacements; B/67/4 23 insertions, 3 deletions, 47 replacements = 73 changes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .waits import KERNEL_MS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BRAZIL = "pp18-doc67-brazil.reconstructed.critic.md"


def put(lab, folder: str, name: str = BRAZIL) -> str:
    """Copy a fixture into its own folder of the server's root (each test its own sidecar)."""
    (lab.root / folder).mkdir(exist_ok=True)
    shutil.copy(FIXTURES / name, lab.root / folder / name)
    return f"{folder}/{name}"


def browse(page, lab, folder: str):
    """JupyterLab with the file browser in `folder`."""
    page.goto(f"{lab.url}/lab/tree/{folder}?reset&token={lab.token}")
    page.locator(".jp-DirListing-item").first.wait_for(timeout=KERNEL_MS)


def item(page, name: str):
    return page.locator(f'.jp-DirListing-item[title^="Name: {name}"]')


def open_with(page, name: str):
    """Right-click the file, Open With → ITU Proposal; the panel once its tree is drawn."""
    item(page, name).click(button="right")
    page.locator(".lm-Menu-itemLabel", has_text="Open With").click()
    page.locator(".lm-Menu-itemLabel", has_text="ITU Proposal").click()
    panel = page.locator(".jp-MainAreaWidget.itu-lab-document:visible .itu-lab-proposal")
    panel.locator(".itu-tree [role=treeitem]").first.wait_for(timeout=KERNEL_MS)
    return panel


def show(panel, key: str):
    """Select proposal `key` in the panel's clause tree."""
    panel.locator(f'.itu-tree [role=treeitem][data-key="{key}"]').click()


def test_open_with_shows_tree_and_redline(page, jupyterlab, shoot):
    put(jupyterlab, "open")
    browse(page, jupyterlab, "open")
    panel = open_with(page, BRAZIL)
    assert panel.locator(".itu-lab-title").text_content() == "Document 67"
    counter = panel.locator(".itu-redline .itu-counter")
    # the first proposal is on show: B/67/1, 3 replacements (CORPUS.md)
    assert counter.text_content() == "3 changes"
    # the tree: the document, then its five proposals (it draws only the rows in view)
    first = panel.locator('.itu-tree [role=treeitem][data-key="B/67/1"]')
    assert first.get_attribute("aria-level") == "2" and first.get_attribute("aria-setsize") == "5"
    show(panel, "B/67/4")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-redline .itu-counter')?.textContent === '73 changes'"
    )
    assert panel.locator(".itu-redline [data-c]").count() >= 73
    assert panel.locator(".itu-lab-error").is_hidden()
    shoot(panel, "labext-panel")
    assert page.errors == []
    assert not [m for m in page.console_log if m.startswith("error")]
