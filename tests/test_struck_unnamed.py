"""Another author's insertions when the text names no author (issue 17, remains 1).

Doc 67 B/67/4 loaded without ``author=``: its changes carry no author.  ``considering`` (lines 92-105 of the
CriticMarkup source) reads a) b) b) c) … h) i) j) k) when amended: b) … h) relettered (``{--c--}{++b++})``), the old
h) deleted whole, and i), j), k) inserted whole (``{++i)<TAB>that some SMEs …++}``, ``{++j)<TAB>that the technical
community …++}``, ``{++k)<TAB>that individuals …++}``), all by nobody named.

An analyst always has a name, so an insertion with no author is another author's to her, as Brazil's is when the text
is loaded with ``author="Brazil"`` (tests/test_struck_clause_change.py, test_struck_clauses.py): Ana striking j)
keeps it as ONE struck-insert change, and her relettering of k) as j) keeps the inserter's ``k`` as a struck-insert
(:func:`itu_nb.amendments.struck_others.others_label`).  It used to be relettered in place: rejecting the strike gave
h) i) j) j).  The unnamed inserter's changes are decided by their ids (``author=None`` means every author).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.model.struck_ids import clause_id

DAY = "2026-12-05"
KEY = "B/67/4"
#: The first words of considering i), j), k) as inserted (lines 103-105 of the source).
I_TEXT, J_TEXT, K_TEXT = "that some SMEs face", "that the technical community", "that individuals and organisations"
#: considering as it reads amended in the source, from h) on (lines 102-105): the original j) relettered h), then the
#: three new items.
TAIL = [("h)", "the final report on Question"), ("i)", I_TEXT), ("j)", J_TEXT), ("k)", K_TEXT)]


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC)


@pytest.fixture(scope="module")
def struck(doc67):
    return itu_nb.amend(doc67[KEY], ["Delete considering j)"], author="Ana", date=DAY)


def _tail(p, n: int = 4) -> list[tuple[str | None, str]]:
    """The last ``n`` items of considering as they read amended: (label, first words)."""
    live = [k for k in p["considering"].children if k.exists_in("amended")]
    out = []
    for k in live[-n:]:
        body = k.body("amended")
        out.append((k.label, next((w for _, w in TAIL if body.startswith(w)), body[:30])))
    return out


def test_the_new_items_have_no_author(doc67):
    kids = {k.key: k for k in doc67[KEY]["considering"].children}
    for key in ("considering/i", "considering/j", "considering/k"):
        runs = kids[key].label_runs + kids[key].runs
        assert {(r.op, r.author) for r in runs} == {(Op.INSERT, None)}
    assert _tail(doc67[KEY]) == TAIL


def test_the_strike_is_one_change_of_anas_and_the_relettering_hers_alone(struck):
    (c,) = [c for c in struck.changes if c.id.startswith("considering/j@")]
    assert (c.kind, c.scope, c.author, c.date, c.inserter) == ("struck-insert", "clause", "Ana", DAY, None)
    assert c.id == clause_id("considering/j") and c.old.startswith("j)\t" + J_TEXT)
    at_k = [(c.kind, c.scope, c.old, c.new[:6], c.author) for c in struck.changes if c.id.startswith("considering/k@")]
    # Ana's j over the unnamed k (struck, kept), and the unnamed insertion of the rest of the item, as it was
    assert at_k == [("relabelled", "label", "k", "j", "Ana"), ("inserted", "clause", "", ")\tthat", None)]
    assert _tail(struck, 3) == [("h)", TAIL[0][1]), ("i)", I_TEXT), ("j)", K_TEXT)]


def test_rejecting_the_strike_by_id_gives_the_list_back(struck, doc67):
    (c,) = [c for c in struck.changes if c.kind == "struck-insert"]
    back = struck.reject([c.id])
    assert _tail(back) == TAIL  # not h) i) j) j)
    assert back.text("amended") == doc67[KEY].text("amended")
    (k,) = [k for k in back["considering"].children if k.key == "considering/k"]
    assert [(r.op, r.text, r.author) for r in k.label_runs] == [(Op.INSERT, "k)\t", None)]


def test_rejecting_anas_changes_gives_the_list_back(struck, doc67):
    back = struck.reject(author="Ana")
    assert _tail(back) == TAIL
    assert back.text("amended") == doc67[KEY].text("amended")
    assert back.text("original") == doc67[KEY].text("original")
    assert {c.author for c in back.changes} == {None}


def test_accepting_anas_changes_drops_j_and_keeps_k_as_j(struck):
    done = struck.accept(author="Ana")
    assert _tail(done, 3) == [("h)", TAIL[0][1]), ("i)", I_TEXT), ("j)", K_TEXT)]
    assert not [c for c in done.changes if c.author == "Ana"]
    assert done.text("amended") == struck.text("amended")


def test_reject_and_accept_of_everything_in_one_call(struck, doc67):
    assert struck.reject().text("amended") == doc67[KEY].reject().text("amended")
    assert struck.reject().text("original") == doc67[KEY].text("original")
    assert struck.accept().text("amended") == struck.text("amended")


def test_the_unnamed_inserters_changes_are_decided_by_their_ids(struck):
    unnamed = [c.id for c in struck.changes if c.author is None]
    assert unnamed  # (author=None would mean every author's)
    accepted = struck.accept(unnamed)
    assert {c.author for c in accepted.changes} == {"Ana"}
    assert _tail(accepted, 3) == [("h)", TAIL[0][1]), ("i)", I_TEXT), ("j)", K_TEXT)]
    # rejecting Ana's changes then brings back what she struck as his insertions (an acceptance by id does not
    # decide them): j) whole, and the k of k) (the rest of k) is text now), as with Brazil named
    back = accepted.reject(author="Ana")
    assert _tail(back) == TAIL
    assert [(c.kind, c.scope, c.old, c.new[:4], c.author) for c in back.changes] == [
        ("inserted", "clause", "", "j)\tt", None),
        ("inserted", "label", "", "k", None),
    ]
    rejected = struck.reject(unnamed)
    assert rejected.text("original") == struck.text("original")
    # his insertions gone, his items are gone, and Ana's strike of j) and relettering of k) with them (session 22)
    assert rejected.changes == () and rejected.text("amended") == struck.text("original")


@pytest.mark.parametrize("fmt", ["criticmarkup", "docx", "akn"])
def test_each_hop_keeps_the_struck_clause_and_a_reject_after_it_gives_the_list_back(struck, doc67, fmt):
    # Word needs a name on every change: to_docx's author= names the unnamed inserter's (else they are written as
    # "Unknown Author"'s and read back unnamed: tests/test_word_unnamed.py)
    hop = {
        "criticmarkup": lambda p: itu_nb.to_criticmarkup(p).encode(),
        "docx": lambda p: itu_nb.to_docx(p, author="Brazil"),
        "akn": lambda p: itu_nb.to_akn(p).encode(),
    }[fmt]
    h = itu_nb.load(hop(struck), format=fmt)[0]
    (c,) = [c for c in struck.changes if c.kind == "struck-insert"]
    (hc,) = [x for x in h.changes if x.kind == "struck-insert"]
    assert (hc.id, hc.scope, hc.author) == (c.id, "clause", "Ana")
    assert [x.id for x in h.changes] == [x.id for x in struck.changes]
    back = h.reject([c.id])
    assert _tail(back) == TAIL
    assert h.reject(author="Ana").text("amended") == doc67[KEY].text("amended")


SCENARIOS = [
    ["Delete considering j)"],
    ["Delete considering i)", "Delete considering i)"],
    ["Delete considering h)", "Delete considering i)"],
    ["Delete considering c)"] * 3,
    ["Delete considering b)"] * 3,
    ["Move considering k) before considering i)"],
    ['In considering k), replace "individuals and" with "people and"'],
    ['In considering i), replace "some SMEs face" with "SMEs face"'],
]


def _decisions(author, lines) -> list:
    """considering's items (label, body) amended, after each of Ana's changes rejected alone, after all of hers
    rejected and accepted; and her changes' kinds."""
    p0 = itu_nb.load(CRITIC, author=author)[KEY]
    p = itu_nb.amend(p0, lines, author="Ana", date=DAY)

    def items(q):
        return [(k.label, k.body("amended")) for k in q["considering"].children if k.exists_in("amended")]

    anas = [c for c in p.changes if c.author == "Ana"]
    out = [items(p), [(c.id, c.kind, c.scope, c.old, c.new) for c in anas]]
    out += [items(p.reject([c.id])) for c in anas]
    out += [items(p.reject(author="Ana")), items(p.accept(author="Ana"))]
    return out


@pytest.mark.parametrize("lines", SCENARIOS, ids=lambda x: x[0][:30])
def test_every_decision_gives_what_it_gives_when_the_inserter_is_named(lines):
    assert _decisions(None, lines) == _decisions("Brazil", lines)


def test_a_replacement_over_words_the_unnamed_author_inserted_keeps_them_aside(doc67):
    # considering c) (line 96): "… (IMPACT), {++signed a cooperation agreement with ++}the Forum …"
    p = itu_nb.amend(doc67[KEY], ['In considering c), replace "signed a" with "made a"'], author="Ana", date=DAY)
    c = p["considering/c"]
    struck = [(a.text, a.author, a.inserted) for a in c.artefacts if a.kind == "struck-insert"]
    assert struck == [("signed a", "Ana", (None, None))]
    back = p.reject(author="Ana")["considering/c"]
    assert back.body("amended") == doc67[KEY]["considering/c"].body("amended")
    assert [r.author for r in back.runs if r.op is Op.INSERT] == [None, None]
