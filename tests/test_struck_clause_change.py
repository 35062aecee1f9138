"""A clause another author inserted whole and the analyst struck is ONE change (issue 17, remains 2).

Doc 67 B/67/4 considering j) is Brazil's (line 104 of the CriticMarkup source: ``{++j)<TAB>that the technical
community ...++}``); Ana strikes it (``DeleteClause``).  The clause is kept with no runs, its label ``j)<TAB>`` and its
text as struck-inserts (:mod:`itu_nb.model.struck`); what the analyst did is one act, as Word shows one deleted
paragraph: one change, scope ``clause``, Ana's, inserter Brazil, id from the clause key
(:func:`itu_nb.model.struck_ids.clause_id`).  Rejecting it gives j) back whole as Brazil's insertion; accepting it
drops it.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause
from itu_nb.amendments.reviewing import Review
from itu_nb.amendments.wording import delete_node
from itu_nb.model import Clause, NodeKind, Run
from itu_nb.model.struck_ids import clause_id

DAY = "2026-12-05"
KEY = "B/67/4"
#: considering j) of B/67/4 as Brazil inserted it (line 104 of the CriticMarkup source).
J_TEXT = (
    "that the technical community and the private sector are key players in the development and deployment of new "
    "technologies and their applications should incorporate holistic approaches in which cybersecurity is seen as a "
    "continuous process;"
)
HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup")[0],
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx")[0],
}


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def struck(doc67):
    return apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)


def _at_j(p) -> list:
    """The changes of the clause keyed considering/j (Brazil's j); struck, it has no label: its path is
    considering/bullet1, and Brazil's k), relettered j) by the strike, is at considering/j."""
    return [c for c in p.changes if c.id.startswith("considering/j@")]


def test_the_struck_clause_is_one_change_of_anas_inserted_by_brazil(struck):
    (c,) = _at_j(struck)
    assert (c.kind, c.scope, c.author, c.date, c.inserter) == ("struck-insert", "clause", "Ana", DAY, "Brazil")
    assert c.old == "j)\t" + J_TEXT and c.new == ""
    assert c.id == clause_id("considering/j") and c.id.startswith("considering/j@")
    row = struck.changes.to_frame().set_index("id").loc[c.id]
    assert (row["kind"], row["scope"], row["inserter"]) == ("struck-insert", "clause", "Brazil")


def test_rejecting_it_gives_brazils_clause_back_whole(struck, doc67):
    (c,) = _at_j(struck)
    back = struck.reject(c.id)
    (j,) = [k for k in back["considering"].children if k.key == "considering/j"]
    assert (j.label, j.body("amended"), j.status) == ("j)", J_TEXT, "inserted")
    assert [(r.op, r.text, r.author) for r in j.label_runs + j.runs] == [
        (Op.INSERT, "j)\t", "Brazil"),
        (Op.INSERT, J_TEXT, "Brazil"),
    ]
    assert not [a for a in j.artefacts if a.kind == "struck-insert"]
    assert back.text("amended") == doc67[KEY].text("amended")  # i), j), k) as Brazil wrote them
    assert back.text("original") == doc67[KEY].text("original")
    assert {x.author for x in back.changes if x.section == "considering"} == {"Brazil"}  # k)'s relettering too


def test_accepting_it_drops_the_clause(struck):
    (c,) = _at_j(struck)
    done = struck.accept(c.id)
    assert "considering/j" not in [k.key for k in done.walk()]
    assert J_TEXT not in done.text("amended") and J_TEXT not in done.text("original")
    assert not _at_j(done)
    assert done.text("amended") == struck.text("amended")  # in neither view before; in none now
    assert done.text("original") == struck.text("original")  # (k)'s accepted letter in no line of the original)
    k = [x for x in done.changes if x.id.startswith("considering/k@")]
    # Ana's relettering k) as j) accepted with it: the letter of Brazil's clause, still his insertion
    assert [(x.author, x.new[:3]) for x in k] == [("Brazil", "j)\t")]
    assert done["considering/j"].label == "j)"


def test_the_id_is_the_same_after_other_decisions_and_through_each_hop(struck):
    (c,) = _at_j(struck)
    other = next(x for x in struck.changes if x.path != "considering/j")
    assert [x.id for x in _at_j(struck.accept(other.id))] == [c.id]
    for hop in HOPS.values():
        read = hop(struck)
        assert [(x.id, x.scope, x.inserter) for x in _at_j(read)] == [(c.id, "clause", "Brazil")]
        (j,) = [k for k in read.reject(c.id)["considering"].children if k.key == "considering/j"]
        assert (j.label, j.body("amended")) == ("j)", J_TEXT)


@pytest.mark.parametrize("verdict", ["reject", "accept"])
def test_a_saved_review_keeps_the_decision_across_a_reload(struck, tmp_path, verdict):
    src = tmp_path / "struck.critic.md"
    src.write_text(itu_nb.to_criticmarkup(struck), encoding="utf-8")
    doc = itu_nb.load(src)
    (c,) = _at_j(doc[0])
    review = Review(doc, author="Lead")
    review.decide(doc[0].id, [c.id], verdict)
    saved = review.save(tmp_path / "review.json")
    fresh = Review(itu_nb.load(src))
    fresh.read(saved)
    assert fresh.decisions(doc[0].id) == {c.id: verdict}
    kids = fresh.result(doc[0].id)["considering"].children
    assert [(k.key, k.label) for k in kids][-3:] == (
        [("considering/i", "i)"), ("considering/j", "j)"), ("considering/k", "k)")]
        if verdict == "reject"
        else [("considering/h#2", "h)"), ("considering/i", "i)"), ("considering/k", "j)")]
    )
    if verdict == "reject":
        assert kids[-2].body("amended") == J_TEXT


def test_each_kept_sub_item_is_a_clause_change_of_its_own(doc67):
    """Brazil's new resolves 9 with a) and b), struck whole by Ana: Word shows three deleted paragraphs, three
    changes; rejecting the parent's gives "9<TAB>to study:" back with its two items still struck."""
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
    )
    gone = delete_node(parent, "Ana", DAY)
    p = dataclasses.replace(doc67[KEY], clauses=(gone,))
    assert [(c.path, c.scope, c.old, c.inserter) for c in p.changes] == [
        ("resolves/9", "clause", "9\tto study:", "Brazil"),
        ("resolves/9/a", "clause", "a)\tthreats;", "Brazil"),
        ("resolves/9/b", "clause", "b)\tremedies.", "Brazil"),
    ]
    back = p.reject(p.changes[0].id)
    assert (back["resolves/9"].label, back["resolves/9"].body("amended")) == ("9", "to study:")
    assert [k.key for k in back["resolves/9"].children] == ["resolves/9/a", "resolves/9/b"]
    assert p.reject().text("amended") == "" and p.reject(author="Ana")["resolves/9/b"].label == "b)"
