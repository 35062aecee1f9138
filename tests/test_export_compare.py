"""Exporting a comparison: Resolution 130 as adopted at PP-18 against Brazil's proposal B/67/4."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from conftest import CRITIC, FINAL_ACTS
from lxml import html as lxml_html
from test_export_docx import _norm, needs_pandoc, pandoc_changes, pandoc_paragraphs

import itu_nb
import itu_nb.loaders.docx  # noqa: F401  (registers the .docx loader)
from itu_nb.loaders import as_proposal
from itu_nb.model import Op, Run
from itu_nb.model.tracked import comparison_proposal


@pytest.fixture(scope="module")
def comparison():
    acts = itu_nb.load(FINAL_ACTS)
    brazil = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
    # every character kept (itu_nb.compare hides typography by default): the exports are checked against both texts
    return itu_nb.compare(acts["Resolution 130"], brazil["B/67/4"], typography="show")


def _lines(proposal, view):
    return [
        " ".join([*(n.label_in(view) or "").split(), *n.body(view).split()])
        for n in proposal.walk()
        if n.exists_in(view)
    ]


def test_the_tracked_text_holds_both_sides(comparison):
    p = comparison_proposal(comparison, author="Secretariat", date="2024-05-01")
    assert _lines(p, "amended") == _lines(comparison.new, "amended")
    # moved clauses stand at their new place: the old side's words are all there, once
    words = Counter(" ".join(_lines(p, "original")).split())
    assert words == Counter(" ".join(_lines(comparison.old, "amended")).split())
    authors = {r.author for n in p.walk() for r in n.label_runs + n.runs if r.op is not Op.EQUAL}
    assert authors == {"Secretariat"}


@needs_pandoc
def test_docx_views_are_the_two_texts(comparison, tmp_path):
    out = itu_nb.to_docx(comparison, tmp_path / "r130.docx", author="Secretariat")
    accepted, got = pandoc_paragraphs(out, "accept"), pandoc_paragraphs(out, "reject")
    assert accepted[0] == got[0] == "MOD B/67/4"  # the new side's marker
    assert accepted[1:] == _norm(_lines(comparison.new, "amended"))
    got = got[1:]
    assert Counter(" ".join(got).split()) == Counter(" ".join(_lines(comparison.old, "amended")).split())
    assert {a for _, a, _ in pandoc_changes(out)} == {"Secretariat"}
    again = itu_nb.load(out)[0]  # the .docx loader reads what pandoc reads
    assert _norm(again.text("amended").split("\n")) == accepted[1:]


def test_html_counts_the_runs(comparison):
    p = comparison_proposal(comparison)
    tree = lxml_html.fromstring(itu_nb.to_html(comparison).encode("utf-8"))
    runs = [r for n in p.walk() for r in n.label_runs + n.runs]
    assert len(tree.xpath("//main//ins")) == sum(r.op is Op.INSERT for r in runs) > 100
    assert len(tree.xpath("//main//del")) == sum(r.op is Op.DELETE for r in runs) > 100
    # the title names both sides (issue 18): the adopted text by its target, not its internal id res-130
    assert tree.findtext(".//title") == "Comparison Resolution 130 (Rev. Dubai, 2018) → B/67/4 (Brazil)"


def _merged(proposal, first: str, second: str):
    """``proposal`` with the item at path ``second`` joined to the one at ``first`` (a space between)."""

    def walk(nodes):
        out = []
        for node in nodes:
            if node.path == second:
                continue
            if node.path == first:
                join = node.body() + " " + proposal[second].body()
                node = dataclasses.replace(node, runs=(Run(Op.EQUAL, join),))
            out.append(dataclasses.replace(node, children=tuple(walk(node.children))))
        return tuple(out)

    return dataclasses.replace(proposal, clauses=walk(proposal.clauses))


@needs_pandoc
def test_a_merged_clause_keeps_the_old_words_apart(tmp_path):
    # Resolution 130 as adopted, with resolves 1 and 2 proposed as one item: the tracked text's
    # original view must read "… international level; 2 to give …", not "… level;2 to give …"
    adopted = as_proposal(itu_nb.load(FINAL_ACTS)["Resolution 130"])
    merged = _merged(adopted, "resolves/1", "resolves/2")
    c = itu_nb.compare(adopted, merged)
    assert [(p.kind, p.old_path) for p in c.pairs if p.kind == "merged"] == [
        ("merged", "resolves/1"),
        ("merged", "resolves/2"),
    ]
    p = comparison_proposal(c)
    assert Counter(" ".join(_lines(p, "original")).split()) == Counter(" ".join(_lines(adopted, "amended")).split())
    assert _lines(p, "amended") == _lines(merged, "amended")
    out = itu_nb.to_docx(c, tmp_path / "merged.docx")
    rejected = pandoc_paragraphs(out, "reject")  # no marker line: the adopted text has no action
    assert Counter(" ".join(rejected).split()) == Counter(" ".join(_lines(adopted, "amended")).split())
    assert "international level; 2 to give high priority" in " ".join(rejected)
