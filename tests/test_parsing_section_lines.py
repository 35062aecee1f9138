"""Section lines read in the paragraphs' loop (parsing/presplit.py, issue 19, session 14): the same trees.

A section line (``considering``, ``noting:``, ``instructs the Secretary-General``) on a plain line, where
``add_paragraphs`` reads, is made the proposal's next section there, as ``ProposalBuilder.add_line`` makes
it, and the paragraphs after it are read on in the new section.  Each test compares the tree with
``add_paragraphs`` turned off (every such line through ``add_line``) field by field, as
``tests/test_parsing_presplit.py`` does.
"""

from __future__ import annotations

import random

import pytest
from conftest import FIXTURES

import itu_nb
from itu_nb.parsing import document


def _both(monkeypatch, source, **options):
    fast = itu_nb.load(source, **options)
    with monkeypatch.context() as m:
        m.setattr(document, "add_paragraphs", lambda builder, lines, i, stop: i)
        slow = itu_nb.load(source, **options)
    assert fast == slow
    assert [[(c.path, c.kind, c.line, c.runs, c.label_runs, c.notes) for c in p.walk()] for p in fast] == [
        [(c.path, c.kind, c.line, c.runs, c.label_runs, c.notes) for c in p.walk()] for p in slow
    ]
    assert [p.warnings for p in fast] == [p.warnings for p in slow]
    return fast


_TEXT = """MOD\tB/67/4

RESOLUTION 130 (Rev. Dubai, 2018)

Strengthening the role of ITU

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
considering
the first considered paragraph.
noting:
noting paragraph one, with a bell \x07 in it.
recognizing further
resolves
to act.
instructs the Secretary-General
to report.
invites Member States\tto act (a TAB: no section line)
ANNEX 1
Words of the annex.
noting
Words noted in the annex.
Reasons: the text's own reasons.
"""


def test_sections_between_paragraphs(monkeypatch):
    doc = _both(monkeypatch, _TEXT, format="text")
    # read by eye: five sections, the keyword line with a TAB a paragraph, then "noting" in the annex
    got = [c.path for c in doc[0].walk() if c.kind.value == "section"]
    assert got == [
        "considering",
        "noting",
        "recognizing further",
        "resolves",
        "instructs the Secretary-General",
        "annex 1/noting",
    ]
    assert doc[0]["instructs the Secretary-General/p2"].text().startswith("invites Member States\t")
    assert doc[0]["noting/p1"].notes  # the bell's note, on its line
    assert doc[0]["annex 1/noting/p1"].text() == "Words noted in the annex."


def test_a_bare_text_keeps_its_headings(monkeypatch):
    # no marker: a line starting as a heading may (d, n, r, o, p) is left to the general steps
    text = "RESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nconsidering\nA paragraph.\nnoting\nresolves\nto act.\n"
    doc = _both(monkeypatch, text, format="text")
    assert [c.path for c in doc[0].walk() if c.kind.value == "section"] == ["considering", "noting", "resolves"]


@pytest.mark.parametrize("name", ["pp18-doc67-brazil.flattened.txt", "pp18-doc67-brazil.reconstructed.critic.md"])
def test_the_brazil_document_is_the_same_tree(monkeypatch, name):
    _both(monkeypatch, FIXTURES / name)


@pytest.mark.parametrize("seed", range(40))
def test_random_sections_and_paragraphs(monkeypatch, seed):
    rng = random.Random(seed)
    pieces = ["considering", "noting:", "resolves", "decides", "recalling,", "A paragraph.", "another one",
              "a)\tan item;", "Reasons: why.", "ANNEX 2", "The Conference,", "opinion", "resolves further",
              "", "*****", "instructs the Director of the Telecommunication Standardization Bureau"]  # fmt: skip
    head = rng.choice(["MOD\tB/67/1\nRESOLUTION 1\nTitle\n", "RESOLUTION 1\nTitle\n"])
    _both(monkeypatch, head + "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))), format="text")
