"""The HTML export opened in Chromium from file://, offline (uses the fixtures of tests/browser/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.model import Op

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.browser


def _runs(doc, op):
    return sum(r.op is op for p in doc for n in p.walk() for r in n.label_runs + n.runs)


def test_export_opens_offline_with_every_change(page, shoot, tmp_path):
    doc = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil", date="2018-09-10")
    out = tmp_path / "brazil.html"
    doc.to_html(out)
    page.goto(out.as_uri())
    assert page.locator("main ins").count() == _runs(doc, Op.INSERT) == 121
    assert page.locator("main del").count() == _runs(doc, Op.DELETE) == 81
    assert page.locator("article.proposal").count() == 5
    first = page.locator("main del").first
    assert first.get_attribute("title") == "deleted by Brazil, 2018-09-10"
    # struck through and underlined as drawn by the browser, not only as markup
    assert "line-through" in first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in page.locator("main ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    # a contents link leads to its clause
    page.locator("nav a", has_text="b) that, with the application").first.click()
    assert page.evaluate("location.hash") == "#c-B_2f67_2f4_2fconsidering_2fb_232"
    assert page.locator(":target").inner_text().startswith("cb)\tthat, with the application")
    assert page.errors == []
    assert [u for u in page.external if u != out.as_uri()] == []
    shoot(page.locator("#c-B_2f67_2f4_2fconsidering"), "export-html-considering")
    # printable: the print stylesheet applies and the page lays out
    page.emulate_media(media="print")
    assert page.locator("nav.toc").evaluate("e => getComputedStyle(e).breakAfter") == "page"
