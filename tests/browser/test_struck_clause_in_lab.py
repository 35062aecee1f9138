"""A clause struck whole, drawn and decided in the redline viewer and shown in the tree, in JupyterLab (issue 17).

Data: Brazil's Document 67, B/67/4, considering j) (line 104 of tests/fixtures/pp18-doc67-brazil.reconstructed.
critic.md: a clause Brazil inserted whole), struck by the analyst Ana (``DeleteClause``), written as CriticMarkup and
read back.  The clause is in neither view; the viewer draws it as a row of its own between i) and k), its label
and text struck with who inserted and who struck them, both decided by the clause's one change: rejected with
``r`` they are drawn as Brazil's insertion (a ✗ after the last), the kernel's result has j) back and k) lettered
k) again; side by side it stands in the Original cell.  The clause-tree explorer lists it with its label.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itu_nb.model.struck_ids import clause_id

from .conftest import unexpected_errors
from .test_jupyterlab import output, rerun
from .test_review_persistence import open_notebook, run_all
from .waits import KERNEL_MS, UI_MS

pytestmark = pytest.mark.browser

CRITIC = Path(__file__).resolve().parents[1] / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md"
CID = clause_id("considering/j")
#: What the status line says of it: the clause's label and the start of its text (one change, both struck-inserts).
SAID = "struck “j) that the technical community and the private sector are …” (inserted by Brazil) in considering j) by Ana on 2026-12-05"


def _struck_style(locator) -> list:
    return locator.locator("s.itu-struck").evaluate(
        "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]"
    )


def test_a_clause_struck_whole_is_a_row_decided_in_the_viewer_and_a_tree_node(page, jupyterlab, shoot, run_axe):
    src = jupyterlab.root / "struck-j.critic.md"
    cells = [
        "import json, itu_nb\nfrom itu_nb.amendments.edits import apply_ops\n"
        "from itu_nb.amendments.operations import DeleteClause\n"
        f"p = apply_ops(itu_nb.load({str(CRITIC)!r}, author='Brazil')['B/67/4'], [DeleteClause('considering/j')],"
        " author='Ana', date='2026-12-05')\n"
        f"open({str(src)!r}, 'w', encoding='utf-8').write(itu_nb.to_criticmarkup(p))\n"
        f"doc = itu_nb.load({str(src)!r})\nv = itu_nb.RedlineViewer(doc[0], review=None, height='16rem')\nv",
        "r = v.result()\nprint('STATE=' + json.dumps([v.decisions,"
        " [(k.label, k.body('amended')[:12]) for k in r['considering'].children if k.exists_in('amended')][-3:]]))",
        "t = itu_nb.ClauseTreeExplorer(doc[0], height='30rem')\nt",
    ]
    open_notebook(page, jupyterlab, "struck-clause.ipynb", cells)
    run_all(page)
    viewer = output(page, 0).locator(".itu-redline")
    viewer.locator(".itu-title").wait_for(timeout=KERNEL_MS)
    row = viewer.locator('.itu-row[data-path="considering/bullet1"]')
    row.scroll_into_view_if_needed()
    si = row.locator(".itu-struck-insert")
    assert si.evaluate_all("els => els.map(e => e.querySelector('s').textContent)") == [
        "j)\t",
        "that the technical community and the private sector are key players in the development and deployment of "
        "new technologies and their applications should incorporate holistic approaches in which cybersecurity is "
        "seen as a continuous process;",
    ]
    (c,) = set(si.evaluate_all("els => els.map(e => e.dataset.c)"))  # one change decides both
    assert "inserted by Brazil, struck by Ana, 2026-12-05" in si.first.get_attribute("aria-label")
    assert all("line-through" in _struck_style(si.nth(k))[0] for k in range(2))  # pending: struck
    shoot(row, "lab-struck-clause-pending")

    # 1. selected, it says what it is; rejected with "r": Brazil's clause again, a ✗ after its text
    si.first.locator("s.itu-struck").click()
    assert viewer.locator(".itu-status").text_content() == SAID
    viewer.locator(".itu-scroll").focus()
    page.keyboard.press("r")
    si.last.and_(page.locator(".itu-rejected")).wait_for(timeout=UI_MS)
    assert si.evaluate_all("els => els.map(e => e.className)") == ["itu-struck-insert itu-rejected"] * 2
    assert "line-through" not in _struck_style(si.first)[0]
    assert si.last.evaluate("e => e.nextElementSibling.getAttribute('aria-label')") == "rejected"
    shoot(row, "lab-struck-clause-rejected")
    decisions, labels = json.loads(rerun(page, 1, "STATE="))
    assert decisions == [{"id": CID, "decision": "reject"}]
    assert labels == [["i)", "that some SM"], ["j)", "that the tec"], ["k)", "that individ"]]

    # 2. side by side: a clause gone from the amended text, in the Original cell, decided
    viewer.locator("select.itu-mode").select_option("side-by-side")
    assert row.locator(".itu-old .itu-struck-insert.itu-rejected").count() == 2
    assert row.locator(".itu-new .itu-struck-insert").count() == 0
    shoot(row, "lab-struck-clause-side-by-side")

    # 3. the tree: considering opened, j) between i) and k) (relettered j) by the strike), deleted
    tree = output(page, 2).locator(".itu-tree")
    tree.locator('[data-key="B/67/4:considering"]').wait_for(timeout=KERNEL_MS)
    tree.locator('[data-key="B/67/4:considering"] .itu-twisty').click()
    node = tree.locator('[data-key="B/67/4:considering/bullet1"]')
    node.wait_for(timeout=UI_MS)
    assert node.locator(".itu-name").inner_text() == "j)"
    assert node.locator(".itu-snippet").inner_text().startswith("that the technical community")
    assert "itu-nk-deleted" in node.get_attribute("class") and node.locator(".itu-c-del").inner_text() == "−2"
    shoot(tree, "lab-struck-clause-tree")

    bad = run_axe(viewer)
    assert not bad, f"axe on the viewer: {json.dumps(bad, indent=1)}"
    assert not page.errors, page.errors
    assert not unexpected_errors(page), page.console_log
