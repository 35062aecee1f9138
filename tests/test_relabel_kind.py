"""The kind of a relettering over another author's label: ``relabelled``, the analyst's alone.

Doc 67 B/67/4 loaded with ``author="Brazil"``: ``considering`` (lines 92-105 of the CriticMarkup source) holds
Brazil's reletterings ``{--c--}{++b++})`` … ``{--j--}{++h++})`` and his new items i), j), k) (``{++k)<TAB>that
individuals …++}``).  When Ana strikes items before them, the list is relettered over Brazil's labels: his
characters are kept as struck-inserts (:func:`itu_nb.amendments.struck_others.relabel_struck`) and her letter
stands where they stood.  That is a relettering: kind ``relabelled``, scope ``label``, ``old`` Brazil's letter, ``new``
hers, author Ana (:func:`itu_nb.model.change.clause_changes`); it used to be listed as Ana's ``inserted`` label, or
as her insertion of the whole clause when the item was Brazil's new one.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op

DAY = "2026-12-05"
KEY = "B/67/4"
K_TEXT = "that individuals and organisations should adopt best practices"


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def two(doc67):
    """i) and j) struck (Brazil's new items): his k) relettered i) by Ana."""
    return itu_nb.amend(doc67[KEY], ["Delete considering i)"] * 2, author="Ana", date=DAY)


@pytest.fixture(scope="module")
def struck_c(doc67):
    """c) struck (line 96, Brazil's d→c): every item after it relettered by Ana over Brazil's reletterings."""
    return itu_nb.amend(doc67[KEY], ["Delete considering c)"], author="Ana", date=DAY)


def _at(p, key: str) -> list[tuple]:
    return [(c.kind, c.scope, c.old[:6], c.new[:6], c.author) for c in p.changes if c.id.startswith(key + "@")]


def _labels(p) -> list[str | None]:
    return [k.label for k in p["considering"].children if k.exists_in("amended")]


def test_anas_relettering_of_brazils_new_item_is_a_relabel(two):
    # Brazil's insertion of the item stays his (listed as before); Ana's i over his k is her relettering
    assert _at(two, "considering/k") == [
        ("relabelled", "label", "k", "i", "Ana"),
        ("inserted", "clause", "", ")\tthat", "Brazil"),
    ]
    row = two.changes.to_frame().set_index("id")
    (rid,) = [c.id for c in two.changes if c.id.startswith("considering/k@") and c.author == "Ana"]
    assert (row.loc[rid, "kind"], row.loc[rid, "scope"], row.loc[rid, "old"], row.loc[rid, "new"]) == (
        "relabelled",
        "label",
        "k",
        "i",
    )


def test_rejecting_the_relabel_gives_brazils_k_back(two):
    (rid,) = [c.id for c in two.changes if c.id.startswith("considering/k@") and c.author == "Ana"]
    back = two.reject([rid])
    (k,) = [k for k in back["considering"].children if k.key == "considering/k"]
    assert [(r.op, r.text, r.author) for r in k.label_runs] == [(Op.INSERT, "k)\t", "Brazil")]
    assert _labels(back)[-3:] == ["g)", "h)", "k)"]  # i) and j) still struck
    assert _labels(two.reject(author="Ana"))[-5:] == ["g)", "h)", "i)", "j)", "k)"]


def test_anas_relettering_over_brazils_relettering_is_a_relabel(struck_c):
    # line 97: {--e--}{++d++}) … ; Ana's c over Brazil's d; Brazil's deletion of e stays his
    assert _at(struck_c, "considering/d") == [
        ("deleted", "label", "e", "", "Brazil"),
        ("relabelled", "label", "d", "c", "Ana"),
    ]
    anas = [c for c in struck_c.changes if c.author == "Ana" and c.scope == "label"]
    # d) … h) and the new i), j), k) each relettered one letter back
    assert [(c.old, c.new) for c in anas] == [("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] + [
        ("i", "h"),
        ("j", "i"),
        ("k", "j"),
    ]
    assert {c.kind for c in anas} == {"relabelled"}


def test_rejecting_one_relabel_gives_brazils_label_back(struck_c, doc67):
    (rid,) = [c.id for c in struck_c.changes if c.id.startswith("considering/d@") and c.author == "Ana"]
    back = struck_c.reject([rid])
    (d,) = [k for k in back["considering"].children if k.key == "considering/d"]
    assert [(r.op, r.text, r.author) for r in d.label_runs] == [
        (Op.DELETE, "e", "Brazil"),
        (Op.INSERT, "d", "Brazil"),
        (Op.EQUAL, ")\t", None),
    ]
    assert struck_c.reject(author="Ana").text("amended") == doc67[KEY].text("amended")


HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup")[0],
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx")[0],
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn")[0],
}


@pytest.mark.parametrize("hop", list(HOPS))
def test_each_hop_keeps_the_relabels_and_their_decisions(struck_c, doc67, hop):
    h = HOPS[hop](struck_c)
    anas = [(c.id, c.kind, c.scope, c.old, c.new) for c in struck_c.changes if c.author == "Ana"]
    assert [(c.id, c.kind, c.scope, c.old, c.new) for c in h.changes if c.author == "Ana"] == anas
    (rid,) = [c.id for c in h.changes if c.id.startswith("considering/k@") and c.author == "Ana"]
    back = h.reject([rid])
    (k,) = [k for k in back["considering"].children if k.key == "considering/k"]
    assert (k.label, k.body("amended")[: len(K_TEXT)]) == ("k)", K_TEXT)
    assert h.reject(author="Ana").text("amended") == doc67[KEY].text("amended")


def test_the_unnamed_inserters_label_relettered_is_a_relabel_too():
    p = itu_nb.amend(itu_nb.load(CRITIC)[KEY], ["Delete considering i)"] * 2, author="Ana", date=DAY)
    assert _at(p, "considering/k") == [
        ("relabelled", "label", "k", "i", "Ana"),
        ("inserted", "clause", "", ")\tthat", None),
    ]


def test_the_redline_viewer_lists_and_decides_it_by_the_same_id(two):
    viewer = itu_nb.RedlineViewer(two, author="Ana")
    assert viewer.change_ids == two.changes.ids
    (rid,) = [c.id for c in two.changes if c.id.startswith("considering/k@") and c.author == "Ana"]
    assert (viewer.changes[rid].kind, viewer.changes[rid].old, viewer.changes[rid].new) == ("relabelled", "k", "i")
    viewer.reject(rid)
    assert _labels(viewer.result())[-3:] == ["g)", "h)", "k)"]
