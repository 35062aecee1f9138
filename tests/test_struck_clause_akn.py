"""A clause another author inserted whole and the analyst struck, through Akoma Ntoso (issue 17, remains 2).

Doc 67 B/67/4 considering j) is Brazil's (line 104 of the CriticMarkup source); Ana strikes it.  The kept clause (no
runs, its label ``j)<TAB>`` and text struck-inserts) is written with its label in ``<num>`` as an insertion struck
(``<ins><del>j)</del></ins>``, the TAB left out as every label's) and read back an item at its key and path
(``considering/bullet1``, as the CriticMarkup and Word readers give it), not a paragraph at ``p<n>``.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC
from test_struck_clause_change import DAY, HOPS, J_TEXT, KEY, _at_j

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause
from itu_nb.amendments.wording import delete_node
from itu_nb.model import Clause, NodeKind, Run


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def struck(doc67):
    return apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)


# -- Akoma Ntoso: the kept clause's label in <num>, read back an item at its key and path --------------------------
def _akn(p):
    return itu_nb.load(itu_nb.to_akn(p), format="akn")[0]


def test_akn_writes_the_label_in_num_as_an_insertion_struck(struck):
    xml = itu_nb.to_akn(struck)
    xml = xml.decode() if isinstance(xml, bytes) else xml
    ins = '<ins itu_nb:author="Brazil"><del itu_nb:author="Ana" itu_nb:date="2026-12-05">'
    assert f"<num>{ins}j)</del></ins></num>" in "".join(line.strip() for line in xml.splitlines())
    assert f"<p>{ins}that the technical community" in xml


def test_akn_reads_the_struck_clause_back_as_the_source_has_it(struck):
    src = [k for k in struck.walk() if k.key == "considering/j"]
    back = [k for k in _akn(struck).walk() if k.key == "considering/j"]
    assert [(k.kind, k.path, k.label_runs, k.runs) for k in back] == [(k.kind, k.path, (), ()) for k in src]
    assert [(a.text, a.offset, a.author, a.date, a.inserted) for a in back[0].artefacts] == [
        ("j)\t", 0, "Ana", DAY, ("Brazil", None)),
        (J_TEXT, 0, "Ana", DAY, ("Brazil", None)),
    ]
    assert src[0].path == "considering/bullet1"
    assert _akn(struck).text("amended") == struck.text("amended")
    assert _akn(struck).text("original") == struck.text("original")
    assert [c.id for c in _akn(struck).changes] == [c.id for c in struck.changes]


def test_akn_hop_then_reject_gives_brazils_j_back(struck, doc67):
    (c,) = _at_j(struck)
    back = _akn(struck).reject(c.id)
    assert back.text("amended") == doc67[KEY].text("amended")
    (j,) = [k for k in back["considering"].children if k.key == "considering/j"]
    assert (j.kind, j.label, j.body("amended")) == (NodeKind.ITEM, "j)", J_TEXT)


def test_akn_keeps_a_run_of_struck_items_and_a_struck_item_with_sub_items(doc67):
    three = itu_nb.amend(doc67[KEY], ["Delete considering i)"] * 3, author="Ana", date=DAY)
    for p in (three, HOPS["criticmarkup"](_sub_items(doc67))):  # (the text parser's paths: bullet<n>)
        read = _akn(p)
        assert [(k.key, k.path, k.kind) for k in read.walk()] == [(k.key, k.path, k.kind) for k in p.walk()]
        assert [[(a.text, a.offset) for a in k.artefacts if a.kind == "struck-insert"] for k in read.walk()] == [
            [(a.text, a.offset) for a in k.artefacts if a.kind == "struck-insert"] for k in p.walk()
        ]
        assert read.reject(author="Ana").text("amended") == p.reject(author="Ana").text("amended")
        assert [c.id for c in read.changes] == [c.id for c in p.changes]
    read = _akn(_sub_items(doc67))
    assert [(k.key, k.path) for k in read.walk() if k.key.startswith("resolves/9")] == [
        ("resolves/9", "resolves/bullet1"),
        ("resolves/9/a", "resolves/bullet1/bullet1"),
        ("resolves/9/b", "resolves/bullet1/bullet2"),
    ]


def _sub_items(doc):
    """B/67/4 with Brazil's new resolves 9 (a) and b) under it) struck whole by Ana."""
    p = doc[KEY]
    parent = Clause(
        NodeKind.ITEM,
        "resolves/9",
        (Run(Op.INSERT, "9\t", "Brazil"),),
        (Run(Op.INSERT, "to study:", "Brazil"),),
        children=tuple(
            Clause(
                NodeKind.ITEM, f"resolves/9/{x}", (Run(Op.INSERT, f"{x})\t", "Brazil"),), (Run(Op.INSERT, t, "Brazil"),)
            )
            for x, t in (("a", "threats;"), ("b", "remedies."))
        ),
        section="resolves",
    )
    gone = delete_node(parent, "Ana", DAY)
    resolves = p["resolves"]
    clauses = tuple(
        dataclasses.replace(c, children=(*c.children, gone)) if c.path == resolves.path else c for c in p.clauses
    )
    return dataclasses.replace(p, clauses=clauses)
