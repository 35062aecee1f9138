"""Two proposals with the same id in the tree, drawn by Chromium (issue 17; see tests/test_explore_duplicate_ids.py).

Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md) pasted twice: B/67/1…5 twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb

pytestmark = pytest.mark.browser

SOURCE = (Path(__file__).resolve().parents[1] / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md").read_text(
    encoding="utf-8"
)


def test_both_copies_are_drawn_and_told_apart(shoot, harness):
    doc = itu_nb.load(SOURCE + "\n" + SOURCE, format="criticmarkup")
    w = harness.mount("t", "tree", itu_nb.ClauseTreeExplorer(doc, height="40rem"))
    w.locator("[role=tree]").focus()
    harness.keyboard.press("End")  # the last row: the second copy of B/67/5 (ten proposals open closed)
    active = w.locator("[role=tree]").get_attribute("aria-activedescendant")
    assert w.locator(f"#{active}").get_attribute("data-key") == "B/67/5 (2)"
    second = w.locator('[data-key="B/67/2 (2)"]')
    assert second.locator(".itu-name").inner_text() == "B/67/2 (2) — MOD Resolution 71 (Rev. Busan, 2014)"
    assert second.locator(".itu-mark").inner_text() == "MOD"
    # the same counts as the first copy (+32 −27: tests/browser/test_harness.py)
    assert second.locator(".itu-counts").inner_text().split() == ["+32", "−27"]
    second.click()
    assert harness.evaluate("window.models.t.saved").pop() == {"selected_path": "B/67/2 (2)"}
    assert not harness.errors
    shoot(w, "harness-tree-duplicate-ids")
