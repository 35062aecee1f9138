"""Shortcuts the Akoma Ntoso loader takes for speed (issue 19) that must not change what it reads."""

from __future__ import annotations

from itu_nb.loaders.akn_repair import _LONGEST_LINE, _swallowed_at
from itu_nb.parsing.labels import section_keyword


def test_the_swallowed_heading_search_stops_where_section_lines_end():
    # akn_repair stops reading an item's commas backwards once the rest is longer than any section
    # line section_keyword reads (250 characters, white space collapsed); that bound must be its bound
    verb = "instructs the Secretary-General"
    line = verb + " and" * ((_LONGEST_LINE - len(verb)) // 4)
    assert len(line) <= _LONGEST_LINE and section_keyword(line) == line
    assert section_keyword(line + " and" * 2) is None  # past the bound: no section line
    # the cut is still found after a long item text, and not when the heading itself is too long
    text = "to report to the Council on the implementation" + ", of this resolution" * 20 + ", " + line
    assert _swallowed_at(text) == (len(text) - len(line) - 1, len(text) - len(line))
    assert _swallowed_at(text + " and and") is None
