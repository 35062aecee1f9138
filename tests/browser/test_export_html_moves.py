"""A move and a struck insertion in the HTML export as Chromium draws them (session 20's page styles).

Data: Brazil's Document 67 (B/67/4, MOD Resolution 130); the analyst Ana moves resolves 3 ("that ITU shall focus
resources and programmes on those areas …") after resolves 4.  Its two ends are ``<del class="moved">`` and
``<ins class="moved">``, drawn as Word draws a move (a double strike, a double underline) in a colour of their own;
Brazil's insertions in resolves 3 that the move strikes (" and WTDC-17", "2 ") are ``<s class="struck-insert">``,
struck through in a colour apart from deletions.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import MoveClause

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.browser

_STYLE = "e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.textDecorationStyle, s.color]; }"


def test_a_move_and_a_struck_insertion_are_drawn_apart_from_changes(page, shoot, tmp_path):
    doc = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    moved = apply_ops(doc["B/67/4"], [MoveClause("resolves/3", after="resolves/4")], author="Ana", date="2026-12-05")
    out = tmp_path / "moved.html"
    itu_nb.to_html(dataclasses.replace(doc, proposals=(moved,)), out)
    page.goto(out.as_uri())
    away, here = page.locator("main del.moved"), page.locator("main ins.moved")
    assert away.first.inner_text().startswith("3")  # the original's label, then its text
    assert here.nth(1).inner_text().startswith("that ITU shall focus resources and programmes on those areas")
    struck = page.locator("main s.struck-insert")
    assert [struck.nth(i).inner_text() for i in range(struck.count())] == [" and WTDC-17", "2 "]
    deleted = page.locator("main del:not(.moved)").first.evaluate(_STYLE)
    inserted = page.locator("main ins:not(.moved)").first.evaluate(_STYLE)
    line, style, colour = away.first.evaluate(_STYLE)
    assert (line, style) == ("line-through", "double") and colour not in (deleted[2], inserted[2])
    line, style, colour = here.first.evaluate(_STYLE)
    assert (line, style) == ("underline", "double") and colour not in (deleted[2], inserted[2])
    line, style, colour = struck.first.evaluate(_STYLE)
    assert (line, style) == ("line-through", "solid") and colour != deleted[2]
    assert page.errors == []
    shoot(page.locator("article.proposal"), "export-html-moves")
