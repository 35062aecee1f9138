"""The tour notebook exported by nbconvert (with widget state), opened offline: the redlines show.

The widgets of an exported notebook need the widget manager from a CDN, which an offline page
cannot fetch (shared docs, BROWSER-TESTING.md §7); the comparison's static rich display
(``<ins>``/``<del>`` HTML) is what carries the redline into nbconvert output, GitHub and email.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

import itu_nb
from itu_nb.model import Op

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_exported_tour_shows_the_redline_offline(page, shoot, tmp_path):
    nb = nbformat.read(EXAMPLES / "01-tour.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}})
    client.store_widget_state = True
    client.execute()
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata.get("widgets", {})
    html, _ = HTMLExporter().from_notebook_node(nb)
    out = tmp_path / "01-tour.html"
    out.write_text(html, encoding="utf-8")

    page.goto(out.as_uri())
    # the cell that shows `res130.redline()`: its static display, drawn by the browser
    cell = page.locator(".jp-Cell").filter(has_text="redline = res130.redline()")
    marks = cell.locator(".jp-OutputArea-output")
    redline = itu_nb.load(
        EXAMPLES / "data" / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil", date="2018-09-10"
    )["B/67/4"].redline()

    def expected(op, whole):
        # one element per changed run, but a whole inserted (deleted) clause is one element for label and text
        runs = sum(1 for p in redline.pairs for r in p.label_runs + p.runs if r.op is op)
        return runs - sum(1 for p in redline.pairs if p.kind == whole)

    assert marks.locator("ins").count() == expected(Op.INSERT, "inserted") == 70
    assert marks.locator("del").count() == expected(Op.DELETE, "deleted") == 50
    first = marks.locator("del").first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    assert "line-through" in first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert marks.get_by_text("Cybersecurity").first.is_visible()
    shoot(cell, "nbconvert-tour-redline")
    # offline on purpose: nbconvert's template asks CDNs for require.js, MathJax and the widget manager, and
    # the browser-side air-gap refuses them. Those refusals, and nothing else, are expected here.
    cdn = ("https://cdnjs.cloudflare.com/", "https://unpkg.com/", "https://cdn.jsdelivr.net/")
    refused = [m for m in page.console_errors if "ERR_NAME_NOT_RESOLVED" in m and any(c in m for c in cdn)]
    assert refused, "the exported page asks no CDN any more: drop this allowance"
    page.console_errors[:] = [m for m in page.console_errors if m not in refused]
