"""The HTML export's highlights and empty paragraphs' marks as Chromium draws them (issue 17, session 12)."""

from __future__ import annotations

import docx_build as B
import pytest

import itu_nb

pytestmark = pytest.mark.browser


def test_two_highlights_side_by_side_are_drawn_as_two_and_an_empty_paragraph_mark_shows(page, shoot, tmp_path):
    body = B.HEAD + B.para(B.run("considering")) + B.para(B.run("a)\tthat ICTs matter"))
    body += B.para("", B.mark("ins", "Brazil")) + B.para(B.run("b)\tthat they do"))
    doc = itu_nb.load(B.package(body))
    text = itu_nb.to_criticmarkup(doc).replace("that ICTs matter", "that {==IC==}{==Ts==} {====}matter")
    out = tmp_path / "marks.html"
    itu_nb.to_html(itu_nb.load(text), out)
    page.goto(out.as_uri())
    marks = page.locator("main mark")
    assert marks.count() == 3
    assert [marks.nth(i).inner_text() for i in range(3)] == ["IC", "Ts", ""]
    # each highlight's edges are drawn (an inset shadow at both ends), so the two side by side read as two
    for i in range(2):
        assert "inset" in marks.nth(i).evaluate("e => getComputedStyle(e).boxShadow")
    first, second = (marks.nth(i).bounding_box() for i in range(2))
    assert first is not None and second is not None and abs(first["x"] + first["width"] - second["x"]) < 1
    empty = marks.nth(2).bounding_box()
    assert empty is not None and empty["width"] >= 2  # a highlight of no characters is seen
    note = page.locator("main .paragraph-mark")
    assert note.count() == 1 and note.inner_text() == "[empty paragraph inserted by Brazil, 2018-09-10T00:00:00Z]"
    assert page.errors == []
    shoot(page.locator("article.proposal"), "export-html-marks")
