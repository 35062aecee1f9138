"""Rejecting every change of the inserter's leaves none of what the analyst made of his items (issue 17, session 22).

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), considering as the fixture has it (lines
92–105, read by eye): Brazil deleted h), relettered i) j) as g) h) and inserted i) j) k).  The analyst Ana strikes
his j) (``amend(["Delete considering j)"])``): it is kept as one struck-insert (Brazil's, struck by Ana), and she
reletters his k) as j) (his "k" kept as a struck-insert, her "j" inserted).

Rejecting every change of Brazil's, by id, took his ")", TAB and text of k) out and left Ana's "j": an item
labelled "j" with no ")" and no text, and his j) stayed struck, to come back as his insertion if Ana's strike was
rejected next.  His insertions gone, his items are gone, and Ana's relettering and strike of them with them:
considering reads as before Brazil, a) to j) (the fixture's original view, below), with no change left.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb

KEY = "B/67/4"
DAY = "2026-12-05"
#: considering in the original view (the fixture, lines 92–102: each item's label and first words, read by eye).
ORIGINAL = [
    ("a)", "that the ITU‑coordinated WSIS+10"),
    ("b)", "the crucial importance of"),
    ("c)", "that, with the application"),
    ("d)", "that the ITU Secretary-General"),
    ("e)", "the ITU Global Cybersecurity"),
    ("f)", "that, in order to"),
    ("g)", "the need for continual"),
    ("h)", "that the number of"),
    ("i)", "that the ITU Telecommunication"),
    ("j)", "the final report on"),
]


def _items(p, view: str = "amended") -> list[tuple[str, str]]:
    return [(n.label, " ".join(n.body(view).split()[:4])) for n in p["considering"].children if n.exists_in(view)]


def _every_node(p) -> list:
    return [(n.label, n.label_runs, n.runs, n.artefacts) for n in p["considering"].children]


@pytest.fixture(scope="module", params=["Brazil", None], ids=["named", "unnamed"])
def struck(request):
    who = request.param
    doc = itu_nb.load(CRITIC, author=who) if who else itu_nb.load(CRITIC)
    return who, itu_nb.amend(doc[KEY], ["Delete considering j)"], author="Ana", date=DAY)


def test_the_shape_ana_strikes_his_j_and_reletters_his_k(struck):
    who, p = struck
    assert _items(p)[-4:] == [
        ("g)", "that the ITU Telecommunication"),
        ("h)", "the final report on"),
        ("i)", "that some SMEs face"),
    ] + [("j)", "that individuals and organisations")]
    assert {(c.kind, c.author) for c in p.changes if c.author == "Ana"} == {
        ("struck-insert", "Ana"),
        ("relabelled", "Ana"),
    }


def test_rejecting_every_change_of_the_inserters_by_id_leaves_no_stray_letter(struck):
    who, p = struck
    r = p.reject([c.id for c in p.changes if c.author == who])
    assert _items(r) == ORIGINAL == _items(r, "original")
    assert not [c for c in r.changes if c.path.startswith("considering/")]
    assert not [a for n in r["considering"].children for a in n.artefacts if a.kind == "struck-insert"]
    # what Brazil's rejected changes leave is the text as read before him, and Ana's strike has nothing to bring back
    assert _every_node(r) == _every_node(r.reject(author="Ana"))


def test_by_id_and_by_author_and_in_either_order_the_same(struck):
    who, p = struck
    by_id = p.reject([c.id for c in p.changes if c.author == who])
    assert _items(p.reject()) == ORIGINAL
    if who is not None:  # (reject(author=None) is every change: the unnamed inserter is decided by id)
        assert _every_node(p.reject(author=who)) == _every_node(by_id)
        assert _items(p.reject(author="Ana").reject(author=who)) == ORIGINAL
    q = p.reject(author="Ana")  # (Brazil's k) back as he inserted it: its change's id his clause's again)
    assert _items(q.reject([c.id for c in q.changes if c.author == who])) == ORIGINAL
