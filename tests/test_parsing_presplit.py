"""Runs of unlabelled paragraphs are added in one loop (parsing/presplit.py, issue 19): the same trees.

``add_paragraphs`` takes plain lines that could only be the next ``p<N>`` of the current section; the
first line that a keyword, marker, heading, Reasons, annex, separator or label might claim is left to
``ProposalBuilder.add_line``.  Each test compares the tree with the loop turned off (every line through
``add_line``, as before) field by field, and checks the paths it gives against the source.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from docx_build import HEAD, package, para, run

import itu_nb
from itu_nb.parsing import document

#: What the paragraphs give before each line that ends a batch: the line's path in the tree, read by eye.
_TEXT = """MOD\tB/67/4

RESOLUTION 130 (Rev. Dubai, 2018)

Strengthening the role of ITU

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
First paragraph before any section.
considering
the first considered paragraph.
The Conference, in a paragraph that reads like a formula line,
noting:
noting paragraph one.
noting paragraph two, with a bell \x07 in it.
a)\tan item that ends the run of paragraphs;
a paragraph after the item, which closes its list.
resolves
to act.
*****
Words after the separator.
ANNEX 1
Words of the annex.
Reasons: the text's own reasons.
A paragraph of Reasons.
"""


def _off(monkeypatch):
    monkeypatch.setattr(document, "add_paragraphs", lambda builder, lines, i, stop: i)


def _both(monkeypatch, source, **options):
    fast = itu_nb.load(source, **options)
    with monkeypatch.context() as m:
        _off(m)
        slow = itu_nb.load(source, **options)
    assert fast == slow
    assert [[(c.path, c.kind, c.line, c.runs, c.label_runs, c.notes) for c in p.walk()] for p in fast] == [
        [(c.path, c.kind, c.line, c.runs, c.label_runs, c.notes) for c in p.walk()] for p in slow
    ]
    return fast


def test_paragraphs_end_at_every_line_another_step_claims(monkeypatch):
    doc = _both(monkeypatch, _TEXT, format="text")
    paths = {c.path: c.body() for c in doc[0].walk()}
    # read against _TEXT above: each keyword opens its section, the item closes a run of paragraphs,
    # the separator is an artefact, the annex and Reasons are their own nodes
    assert paths["p1"] == "First paragraph before any section."
    assert paths["considering/p1"] == "the first considered paragraph."
    assert paths["considering/p2"] == "The Conference, in a paragraph that reads like a formula line,"
    assert paths["noting/p2"] == "noting paragraph two, with a bell \x07 in it."
    assert doc[0]["noting/p2"].notes == ("control character(s) U+0007 on line 14, kept as written",)
    assert paths["noting/a"] == "an item that ends the run of paragraphs;"
    assert paths["noting/p3"] == "a paragraph after the item, which closes its list."
    assert paths["resolves/p1"] == "to act."
    assert paths["resolves/p2"] == "Words after the separator."  # "*****" is a separator, not a trailer ("_____")
    assert [a.text for a in doc.artefacts if a.kind == "separator"] == ["*****"]
    assert paths["annex 1/p1"] == "Words of the annex."
    assert paths["reasons/p1"] == "A paragraph of Reasons."


@pytest.mark.parametrize(
    "name",
    ["pp18-doc67-brazil.flattened.txt", "pp18-doc67-brazil.reconstructed.critic.md", "pp18-doc67-brazil.pandoc.docx"],
)
def test_the_brazil_document_is_the_same_tree(monkeypatch, name):
    doc = _both(monkeypatch, FIXTURES / name)
    # Doc 67 (B/67/4): Resolution 130's "recognizing" holds unlabelled paragraphs between its items
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]


def test_a_bare_text_keeps_its_headings(monkeypatch):
    # without markers, a heading line after paragraphs starts the next text: the loop stops at it
    text = (
        "RESOLUTION 1 (Rev. Dubai, 2018)\n\nFirst title\n\nconsidering\n\nsome words.\n\nmore words.\n\n"
        "RESOLUTION 2 (Rev. Dubai, 2018)\n\nSecond title\n\nnoting\n\nother words.\n"
    )
    doc = _both(monkeypatch, text, format="text")
    assert [p.id for p in doc] == ["res-1", "res-2"]
    assert [c.path for c in doc[1].walk()] == ["heading", "title", "noting", "noting/p1"]


def test_word_paragraphs_and_their_notes(monkeypatch, tmp_path):
    # 2,000 unlabelled Word paragraphs under one keyword, then a labelled one
    body = HEAD + para(run("noting")) + "".join(para(run(f"paragraph {i} of the text.")) for i in range(1, 2001))
    body += para(run("a)\tthe item after them;"))
    doc = _both(monkeypatch, package(body), format="docx")
    kids = doc[0]["noting"].children
    assert [c.path for c in kids[:2]] == ["noting/p1", "noting/p2"]
    assert kids[1999].text() == "paragraph 2000 of the text."
    assert len(kids) == 2001 and kids[-1].path == "noting/a"
