"""Hostile and unusual inputs, continued (issue 17): what the first pass left.

Each test ends in the expected result or an ``ItuNbError``; the large inputs run in a child
Python measured by ``bounds.bounded`` (CPU seconds, peak memory, against the 2 s / 300 MB budget).
Expected values are read off the inputs written in each test, or off the corpus file named.
"""

from __future__ import annotations

from pathlib import Path

from itu_nb.loaders import docx as docx_loader
from itu_nb.loaders.docx_package import open_package
from itu_nb.loaders.docx_read import read_paragraphs
from itu_nb.parsing.tree import SourceLine

FIXTURES = Path(__file__).parent / "fixtures"


# ----------------------------------------------------------------------------
# .docx: a paragraph of one unchanged run is a plain line, and the tree is the same
# ----------------------------------------------------------------------------
def test_plain_docx_lines_build_the_same_tree_as_lines_of_runs(monkeypatch):
    # the usual paragraph (one unchanged run) now reaches the tree stage as a plain line, read as a
    # string; with it made of runs as before, Brazil's Document 67 (pandoc's .docx) gives the same
    # document, node for node and run for run (repr holds every field)
    data = (FIXTURES / "pp18-doc67-brazil.pandoc.docx").read_bytes()
    fast = docx_loader.load_docx(data, "brazil.docx")
    monkeypatch.setattr(docx_loader, "_usual", lambda pieces, i: SourceLine(i, *docx_loader._place(pieces, i)))
    slow = docx_loader.load_docx(data, "brazil.docx")
    assert repr(fast) == repr(slow)
    assert [p.id for p in fast] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    # and plain lines were made: most of the document's paragraphs are one unchanged run
    monkeypatch.undo()
    pkg = open_package(data, "brazil.docx")
    lines, _, _ = docx_loader._lines(read_paragraphs(pkg), docx_loader._numbering(pkg))
    plain = sum(line.is_plain for line in lines)
    assert (plain, len(lines)) == (182, 253)  # counted on this file; the other 71 have changes, artefacts or notes
