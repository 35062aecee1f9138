"""itu_nb's JupyterLab extension (js/lab, built into itu_nb/labextension/) in a real JupyterLab
with itu_nb's server extension: Open With → ITU Proposal, decisions kept next to the file,
Compare with the PP-18 Final Acts, Export to Word.

The session's JupyterLab (conftest.py) sees this tree's prebuilt extension and server extension as
a wheel installs them. Expected counts come from tests/fixtures/CORPUS.md (Brazil's Document 67:
B/67/1 3 replacements; B/67/4 23 insertions, 3 deletions, 47 replacements = 73 changes).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import needs_pandoc

import itu_nb

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
    # and the first proposal drawn in the redline (a click before that races the panel's first answer)
    panel.locator(".itu-redline .itu-title", has_text="B/67/").wait_for(timeout=KERNEL_MS)
    return panel


def show(panel, key: str):
    """Select proposal `key` in the panel's clause tree; the redline once it shows that proposal.

    The tree draws only the rows in view: scroll until the row is drawn, then bring it into the
    window before clicking (Playwright's own scrolling would make the tree repaint the row between
    press and release, and the click would be lost).
    """
    node = panel.locator(f'.itu-tree [role=treeitem][data-key="{key}"]')
    scroller = panel.locator(".itu-tree-scroll")
    scroller.evaluate("el => { el.scrollTop = 0; }")
    for _ in range(40):
        if node.count():
            break
        scroller.evaluate("el => { el.scrollTop += 150; }")
        panel.page.wait_for_timeout(50)
    node.evaluate("n => { n.closest('.itu-tree-scroll').scrollTop = n.offsetTop - 60; }")
    panel.page.wait_for_timeout(300)
    node.click()
    panel.locator(".itu-redline .itu-title", has_text=f"{key} — ").wait_for(timeout=KERNEL_MS)


def test_open_with_shows_tree_and_redline(page, jupyterlab, shoot, run_axe):
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
    # a clause of another proposal picked in the tree: that proposal in the redline, the clause selected
    node = panel.locator('.itu-tree [role=treeitem][data-key="B/67/4:recalling"]')
    for _ in range(40):  # the tree draws only the rows in view: scroll down to it
        if node.count():
            break
        panel.locator(".itu-tree-scroll").evaluate("el => { el.scrollTop += 150; }")
        page.wait_for_timeout(50)
    # the row may be drawn below the window (the tree draws a margin): bring it into the window first,
    # as Playwright's own scrolling would make the tree repaint the row between press and release
    node.evaluate("n => { n.closest('.itu-tree-scroll').scrollTop = n.offsetTop - 60; }")
    page.wait_for_timeout(300)
    node.click()
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-redline .itu-counter')?.textContent === '73 changes'"
    )
    panel.locator('.itu-redline .itu-row.itu-selected[data-path="recalling"]').wait_for()
    assert panel.locator(".itu-redline [data-c]").count() >= 73
    assert panel.locator(".itu-lab-error").is_hidden()
    shoot(page, "labext-panel")  # scripts/panel_screenshot.py makes docs/panel.png of it
    assert run_axe(panel) == []  # the tree keeps its WAI-ARIA pattern, the panel its labelled regions
    # the tree's search is answered on the server (GET search) over the whole clause texts: "70/125" is
    # on three lines of the file (B/67/4 recalling e) and considering b), B/67/5's "A/RES/70/125")
    panel.locator(".itu-tree .itu-search").fill("70/125")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-tree .itu-found')?.textContent === '3 matches'"
    )
    panel.locator(".itu-tree .itu-search").fill("")
    page.wait_for_function("() => document.querySelector('.itu-lab-proposal .itu-tree .itu-found')?.textContent === ''")
    assert page.errors == []
    assert not [m for m in page.console_log if m.startswith("error")]


def test_decisions_are_saved_and_come_back(page, jupyterlab):
    path = put(jupyterlab, "review")
    first_change = itu_nb.load(FIXTURES / BRAZIL)["B/67/4"].changes[0]  # the heading's Busan → Dubai
    browse(page, jupyterlab, "review")
    panel = open_with(page, BRAZIL)
    show(panel, "B/67/4")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-redline .itu-counter')?.textContent === '73 changes'"
    )
    panel.locator(".itu-redline .itu-next").click()
    assert panel.locator(".itu-redline .itu-counter").text_content() == "change 1 of 73"
    panel.locator(".itu-redline .itu-accept").click()
    status = panel.locator(".itu-lab-status")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-lab-status')?.textContent.endsWith('(saved)')"
    )
    assert status.text_content() == "B/67/4: 72 pending, 1 accepted, 0 rejected (saved)"
    sidecar = json.loads((jupyterlab.root / f"{path}.review.json").read_text(encoding="utf-8"))
    assert sidecar["proposals"]["B/67/4"]["decisions"] == {first_change.id: "accept"}
    # close the panel, open the file again: the decision is still there
    page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()
    panel.wait_for(state="detached")
    # a double click opens a .critic.md as an ITU proposal: the panel is its default
    item(page, BRAZIL).dblclick()
    panel = page.locator(".jp-MainAreaWidget.itu-lab-document:visible .itu-lab-proposal")
    panel.locator(".itu-tree [role=treeitem]").first.wait_for(timeout=KERNEL_MS)
    panel.locator(".itu-redline .itu-title", has_text="B/67/").wait_for(timeout=KERNEL_MS)
    show(panel, "B/67/4")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-lab-status')?.textContent.startsWith('B/67/4: 72 pending')"
    )
    assert panel.locator(".itu-redline .itu-accepted").count() > 0
    assert panel.locator('.itu-redline [data-c="0"]').first.get_attribute("class").split().count("itu-accepted") == 1
    assert page.errors == []


def command_from_menu(page, name: str, label: str):
    """Right-click the file in the browser and run one of itu_nb's context-menu entries."""
    item(page, name).click(button="right")
    page.locator(".lm-Menu-itemLabel", has_text=label).click()


def test_compare_with_final_acts_pairs_resolution_130(page, jupyterlab, shoot):
    put(jupyterlab, "compare")
    browse(page, jupyterlab, "compare")
    item(page, BRAZIL).click()
    command_from_menu(page, BRAZIL, "ITU: Compare with…")
    dialog = page.locator(".jp-Dialog")
    # the choice offered first is the Final Acts bundled with itu_nb
    assert dialog.locator("select").input_value() == "PP-18 Final Acts (bundled with itu_nb)"
    dialog.locator(".jp-mod-accept").click()
    panel = page.locator(".itu-lab-compare:visible")
    picker = panel.locator("select.itu-text")
    picker.wait_for(timeout=KERNEL_MS)
    labels = picker.locator("option").all_text_contents()
    # Brazil's B/67/4 modifies Resolution 130 (Rev. Busan, 2014): paired with the Resolution 130 the
    # Final Acts hold (Rev. Dubai, 2018), not with another text; B/67/3 (SUP Resolution 128) is abrogated there
    assert "B/67/4 MOD → Resolution 130 (Rev. Dubai, 2018)" in labels
    assert len(labels) == 5  # the five proposals of Document 67
    picker.select_option("B/67/4")
    title = panel.locator(".itu-redline .itu-title")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-compare .itu-title')?.textContent.includes('Resolution 130 (Rev. Dubai')"
    )
    assert title.text_content().startswith("B/67/4")
    assert panel.locator(".itu-redline [data-c]").count() > 0
    assert panel.locator(".itu-lab-error").is_hidden()
    shoot(panel, "labext-compare")
    assert page.errors == []


@needs_pandoc
def test_export_to_word_writes_a_docx_pandoc_reads(page, jupyterlab):
    put(jupyterlab, "export")
    browse(page, jupyterlab, "export")
    item(page, BRAZIL).click()
    command_from_menu(page, BRAZIL, "ITU: Export to Word")
    toast = page.locator(".Toastify__toast", has_text="itu_nb wrote")
    toast.wait_for(timeout=KERNEL_MS)
    written = toast.text_content().split("itu_nb wrote ", 1)[1].strip()
    assert written == "export/pp18-doc67-brazil.reconstructed.docx"
    out = subprocess.run(
        ["pandoc", "-t", "plain", "--wrap=none", str(jupyterlab.root / written)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # B/67/4's recalling e) as Brazil amended it (the fixture, the {++…++} of recalling e)
    assert "UNGA Resolution 70/125, on the outcome document of the high-level meeting" in out
    # its heading, Rev. {--Busan, 2014--}{++Dubai, 2018++} (the export writes no-break spaces as ITU texts do)
    assert "MOD B/67/4 RESOLUTION 130 (Rev. Dubai, 2018)" in " ".join(out.split())
    assert page.errors == []


def test_open_in_a_notebook_writes_and_opens_it(page, jupyterlab):
    put(jupyterlab, "notebook")
    browse(page, jupyterlab, "notebook")
    item(page, BRAZIL).click()
    command_from_menu(page, BRAZIL, "ITU: Open in a notebook")
    # the notebook is written next to the file and opened in a notebook panel
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(timeout=KERNEL_MS)
    written = jupyterlab.root / "notebook" / "pp18-doc67-brazil.reconstructed.ipynb"
    assert written.is_file()
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
    assert tab.text_content() == written.name
    assert BRAZIL in written.read_text(encoding="utf-8")  # its code loads the file
    assert page.errors == []


def test_a_file_that_does_not_load_shows_the_servers_message(page, jupyterlab):
    (jupyterlab.root / "bad").mkdir(exist_ok=True)
    # not XML at all: the AKN loader refuses it with an ItuNbError, which the server answers as JSON (400)
    (jupyterlab.root / "bad" / "broken.akn.xml").write_text("<akomaNtoso><act>unclosed", encoding="utf-8")
    browse(page, jupyterlab, "bad")
    item(page, "broken.akn.xml").click(button="right")
    page.locator(".lm-Menu-itemLabel", has_text="Open With").click()
    page.locator(".lm-Menu-itemLabel", has_text="ITU Proposal").click()
    alert = page.locator(".itu-lab-proposal:visible [role=alert]")
    alert.wait_for(timeout=KERNEL_MS)
    text = alert.text_content()
    assert "broken.akn.xml" in text, text  # the message names the file
    assert "Traceback" not in text
    assert page.locator(".itu-lab-proposal:visible .itu-tree").count() == 0
    # the browser logs the refused request (HTTP 400) as a console error: expected here, and only that
    logged = [m for m in page.console_log if m.startswith("error:")]
    assert logged and all("400" in m for m in logged), logged
    getattr(page, "console_errors", []).clear()  # where the page fixture fails a test on console errors


def test_a_word_file_with_tracked_changes_opens_the_same(page, jupyterlab):
    # the CriticMarkup reconstruction written as Word with real w:ins/w:del (tests/fixtures/make_docx.py)
    docx = "pp18-doc67-brazil.pandoc.docx"
    put(jupyterlab, "word", docx)
    browse(page, jupyterlab, "word")
    panel = open_with(page, docx)
    assert panel.locator(".itu-lab-title").text_content() == "Document 67"
    show(panel, "B/67/4")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-redline .itu-counter')?.textContent === '73 changes'"
    )
    assert panel.locator(".itu-lab-error").is_hidden()
    assert page.errors == []


def test_compare_two_selected_files(page, jupyterlab):
    put(jupyterlab, "two")
    put(jupyterlab, "two", "pp18-final-acts.akn.xml")
    browse(page, jupyterlab, "two")
    item(page, BRAZIL).click()
    item(page, "pp18-final-acts.akn.xml").click(modifiers=["Control"])
    command_from_menu(page, BRAZIL, "ITU: Compare with…")  # two files selected: no question asked
    panel = page.locator(".itu-lab-compare:visible")
    picker = panel.locator("select.itu-text")
    picker.wait_for(timeout=KERNEL_MS)
    assert "B/67/4 MOD → Resolution 130 (Rev. Dubai, 2018)" in picker.locator("option").all_text_contents()
    assert page.locator(".jp-Dialog").count() == 0
    assert page.errors == []


def test_panel_toolbar_and_keyboard_shortcut(page, jupyterlab):
    put(jupyterlab, "keys")
    browse(page, jupyterlab, "keys")
    panel = open_with(page, BRAZIL)
    # the panel's toolbar runs the commands on its file
    page.locator(".itu-lab-document:visible .jp-Toolbar").get_by_text("Export to HTML").click()
    toast = page.locator(".Toastify__toast", has_text="itu_nb wrote")
    toast.wait_for(timeout=KERNEL_MS)
    assert toast.text_content().split("itu_nb wrote ", 1)[1].strip() == "keys/pp18-doc67-brazil.reconstructed.html"
    assert (jupyterlab.root / "keys" / "pp18-doc67-brazil.reconstructed.html").is_file()
    # close it; Alt+Shift+O on the file selected in the browser opens it again
    page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()
    panel.wait_for(state="detached")
    item(page, BRAZIL).click()
    page.keyboard.press("Alt+Shift+O")
    panel = page.locator(".itu-lab-proposal:visible")
    panel.locator(".itu-tree [role=treeitem]").first.wait_for(timeout=KERNEL_MS)
    # Open in a notebook from the panel: the notebook shows the proposal on show there
    show(panel, "B/67/4")
    page.wait_for_function(
        "() => document.querySelector('.itu-lab-proposal .itu-redline .itu-counter')?.textContent === '73 changes'"
    )
    page.locator(".itu-lab-document:visible .jp-Toolbar").get_by_text("Open in a notebook").click()
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(timeout=KERNEL_MS)
    notebook = (jupyterlab.root / "keys" / "pp18-doc67-brazil.reconstructed.ipynb").read_text(encoding="utf-8")
    # its code selects B/67/4 (without the key the server shows the first proposal with changes, B/67/1)
    assert "'B/67/4'" in notebook and "'B/67/1'" not in notebook
    assert page.errors == []


def _set_theme(page, name: str) -> None:
    """Pick a JupyterLab theme from the Settings menu, as a user does (as scripts/screenshots.py does)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Theme$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{name}$")).click()
    light = "true" if "Light" in name else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")


def _luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an ``rgb(…)``/``rgba(…)`` colour."""
    r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_the_panel_follows_the_dark_theme(page, jupyterlab, shoot, run_axe):
    put(jupyterlab, "dark")
    browse(page, jupyterlab, "dark")
    panel = open_with(page, BRAZIL)
    try:
        _set_theme(page, "JupyterLab Dark")
        page.wait_for_timeout(300)  # the theme's stylesheet applied
        colours = panel.locator(".itu-redline .itu-scroll").evaluate(
            "el => { let e = el, bg = 'rgba(0, 0, 0, 0)';"
            " while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(e).backgroundColor; e = e.parentElement; }"
            " const row = el.querySelector('.itu-row'); return [bg, getComputedStyle(row).color]; }"
        )
        background, text = (_luminance(c) for c in colours)
        assert background < 0.1 and text > 0.4, (
            colours
        )  # dark ground, light text: the widgets' CSS follows JupyterLab's variables
        assert (text + 0.05) / (background + 0.05) >= 4.5  # WCAG AA for body text
        shoot(page, "labext-panel-dark")
        assert run_axe(panel) == []  # colour contrast included (a serious violation)
    finally:
        _set_theme(page, "JupyterLab Light")  # the theme is a user setting of the shared server
    assert page.errors == []


def test_the_command_palette_lists_the_itu_commands(page, jupyterlab):
    put(jupyterlab, "palette")
    browse(page, jupyterlab, "palette")
    item(page, BRAZIL).click()  # the commands act on the selected file, and show when one is selected
    page.keyboard.press("Control+Shift+C")
    box = page.locator(".lm-CommandPalette-input:visible")
    box.fill("ITU")
    labels = page.locator(".lm-CommandPalette-item:visible .lm-CommandPalette-itemLabel").all_text_contents()
    for label in (
        "ITU: Open as proposal",
        "ITU: Compare with…",
        "ITU: Export to Word",
        "ITU: Export to HTML",
        "ITU: Export to CriticMarkup",
        "ITU: Export to AKN",
        "ITU: Open in a notebook",
    ):
        assert label in labels, labels
    page.keyboard.press("Escape")
    assert page.errors == []
