"""The redline viewer on a document comparison (issue 18): the text picker and the base banner, in Chromium.

Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md) against the PP-18
Final Acts (tests/fixtures/pp18-final-acts.akn.xml): see tests/test_compare_documents.py for what
each text is matched with, checked by eye in both files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def viewer():
    brazil = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    acts = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")
    return itu_nb.RedlineViewer(brazil, acts)


def test_the_picker_lists_the_texts_and_the_banner_says_the_base_differs(shoot, harness, viewer, run_axe):
    viewer.selected_text = "B/67/4"
    w = harness.mount("v", "redline", viewer)
    picker = w.locator(".itu-text")
    assert picker.is_visible() and picker.input_value() == "B/67/4"
    assert picker.locator("option").all_inner_texts() == [
        "B/67/1 MOD → not found",
        "B/67/2 MOD → Resolution 71 (Rev. Dubai, 2018)",
        "B/67/3 SUP → abrogated",
        "B/67/4 MOD → Resolution 130 (Rev. Dubai, 2018)",
        "B/67/5 ADD → new",
    ]
    assert w.locator(".itu-title").inner_text() == "B/67/4 (Brazil) → Resolution 130 (Rev. Dubai, 2018)"
    banner = w.locator(".itu-banner")
    assert banner.is_visible() and banner.get_attribute("role") == "note"
    assert banner.inner_text().startswith("Base differs: B/67/4 (Brazil) amends Resolution 130 (Rev. Busan, 2014)")
    shoot(w, "harness-document-comparison")
    # picking another text asks Python for it; Python's redraw then shows it
    picker.select_option("B/67/1")
    assert harness.evaluate("window.models.v.saved")[-1] == {"selected_text": "B/67/1"}
    viewer.selected_text = "B/67/1"
    harness.evaluate("(st) => window.models.v.fromPython(st)", harness.state(viewer))
    assert w.locator(".itu-title").inner_text() == "B/67/1 (Brazil) → not found"
    assert "not among the 70 texts of pp18-final-acts.akn.xml" in w.locator(".itu-banner").inner_text()
    assert w.locator(".itu-row").count() == 0
    assert not run_axe(w) and not harness.errors


def test_a_single_comparison_has_no_picker_and_no_banner_when_the_bases_agree(harness):
    p = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")["B/67/4"]
    w = harness.mount("s", "redline", itu_nb.RedlineViewer(p.original, p.amended))
    assert w.locator(".itu-text").is_hidden() and w.locator(".itu-banner").is_hidden()
    assert not harness.errors
