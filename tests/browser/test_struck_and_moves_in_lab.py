"""Struck insertions and moves in the redline viewer, in a real JupyterLab with a real kernel (issue 17).

Data: Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md), B/67/4, resolves 3 (source
line 141), which ends, as Brazil changed it (read by eye in the source)::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities …

The analyst Ana strikes resolves 3 (``DeleteClause``): Brazil's insertions " and WTDC-17" and "2 " are in neither
view, and the viewer shows each struck where it stood, followed by "[inserted by Brazil, struck by Ana,
2026-12-05]".  Ana moving resolves 3 after resolves 4 (``MoveClause``) names the move ``move-resolves/3`` at both
ends.  A hostile insertion (``<img src=x onerror=alert(1)>``) struck the same way shows as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from .test_jupyterlab import kernel_ready, output
from .waits import KERNEL_MS

pytestmark = pytest.mark.browser

CRITIC = Path(__file__).resolve().parents[1] / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md"
HOSTILE = "<img src=x onerror=alert(1)>"
XSS = (
    "MOD\\tX/1/1\\nRESOLUTION 1 (Rev. Dubai, 2018)\\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\\n"
    "considering\\n"
    f"a)\\tthat this {{++{HOSTILE}++}} is text;\\n"
    "b)\\tthat nothing else changes.\\n"
)
SETUP = (
    "import itu_nb\nfrom itu_nb.amendments.edits import apply_ops\n"
    "from itu_nb.amendments.operations import DeleteClause, MoveClause\n"
    f"doc = itu_nb.load({str(CRITIC)!r}, author='Brazil')\n"
    "ana = dict(author='Ana', date='2026-12-05')\n"
)
CELLS = [
    # 0: resolves 3 struck by Ana
    SETUP + "struck = itu_nb.RedlineViewer(apply_ops(doc['B/67/4'], [DeleteClause('resolves/3')], **ana))\nstruck",
    # 1: a hostile insertion struck by Ana
    f"x = itu_nb.load(\"{XSS}\", format='criticmarkup', author='Brazil')[0]\n"
    "x = itu_nb.RedlineViewer(apply_ops(x, [DeleteClause('considering/a')], **ana), collapse_unchanged=False)\nx",
    # 2: resolves 3 moved after resolves 4 by Ana
    "moved = itu_nb.RedlineViewer(apply_ops(doc['B/67/4'], [MoveClause('resolves/3', after='resolves/4')], **ana))\n"
    "moved",
]
SAID = "inserted by Brazil, struck by Ana, 2026-12-05"


def test_struck_inserts_and_moves_show_in_jupyterlab(page, jupyterlab, shoot, run_axe):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, jupyterlab.root / "struck.ipynb")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{jupyterlab.url}/lab/tree/struck.ipynb?reset&token={jupyterlab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=KERNEL_MS)
    kernel_ready(page, jupyterlab, "struck.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    for i in range(len(CELLS)):
        output(page, i).locator(".itu-redline").wait_for(timeout=KERNEL_MS)

    # 1. Brazil's two insertions, struck by Ana, each where it stood, with its label
    viewer = output(page, 0).locator(".itu-redline")
    row = viewer.locator('.itu-row[data-path="resolves/3"]')
    row.scroll_into_view_if_needed()
    struck = row.locator("s.itu-struck")
    assert struck.evaluate_all("els => els.map(e => e.textContent)") == [" and WTDC-17", "2 "]
    assert struck.first.is_visible()
    notes = row.locator(".itu-struck-note")
    assert notes.first.is_visible()
    assert notes.evaluate_all("els => els.map(e => e.textContent)") == [f"[{SAID}]"] * 2
    assert struck.first.get_attribute("title") == SAID
    text = row.locator(".itu-body").evaluate("e => e.textContent")
    assert f"(Resolution 45) and WTDC-17[{SAID}], including Objective\u00a03 2 [{SAID}]and in activities" in text
    # struck through, and drawn apart from the deletion around it (another colour)
    style = struck.first.evaluate("e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]")
    deleted = row.locator("del").first.evaluate("e => getComputedStyle(e).color")
    assert "line-through" in style[0] and style[1] != deleted
    assert row.locator("del s, del .itu-struck-note").count() == 0  # not inside a deletion of either view
    shoot(row, "lab-struck-insert")

    # 2. the hostile text shows as text, and nothing runs
    xss = output(page, 1).locator(".itu-redline")
    xrow = xss.locator('.itu-row[data-path="considering/a"]')
    xrow.scroll_into_view_if_needed()
    assert xrow.locator("s.itu-struck").evaluate("e => e.textContent") == HOSTILE
    xrow.get_by_text(HOSTILE).wait_for()  # visible
    assert xss.locator("img, script").count() == 0
    shoot(xrow, "lab-struck-insert-hostile")

    # 3. both ends of the move carry its name
    moved = output(page, 2).locator(".itu-redline")
    away = moved.locator('.itu-row[data-path="resolves/3"] del.itu-move')
    here = moved.locator('.itu-row[data-path="resolves/4"] ins.itu-move')
    assert away.count() >= 2 and here.count() >= 2  # (label and text at each end)
    assert away.first.get_attribute("title") == "Moved away (move-resolves/3) by Ana on 2026-12-05"
    assert here.first.get_attribute("title") == "Moved here (move-resolves/3) by Ana on 2026-12-05"
    assert {e for e in here.evaluate_all("els => els.map(e => e.dataset.move)")} == {"move-resolves/3"}

    for name, widget in (("struck", viewer), ("hostile", xss), ("moved", moved)):
        bad = run_axe(widget)
        assert not bad, f"axe on the {name} viewer: {json.dumps(bad, indent=1)}"
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert not page.errors and not page.console_errors, (page.errors, page.console_errors)
    assert not page.external, f"requests left the machine: {page.external[:5]}"
