"""Several strikes in one list, decided one at a time (issue 17, remains 2; :mod:`itu_nb.model.struck_lists`).

Doc 67 B/67/4 considering (the CriticMarkup source, lines 100-104): Brazil relettered ``i)`` and ``j)`` of
Resolution 130 as ``g)`` and ``h)`` and inserted three clauses of his own, ``i)`` "that some SMEs face additional
challenges …", ``j)`` "that the technical community and the private sector …" and ``k)`` "that individuals and
organisations should adopt best practices …".  Ana strikes some of Brazil's clauses; each struck clause is one
change (``struck-insert``, scope ``clause``), and her strikes reletter the clauses after them.

The property: after any subset of her strikes is decided (rejected, accepted, in any order, by id, all at once, or
by author), the live clauses read as ``amend`` gives with the strikes she still has — the rejected ones taken out
of her instructions (labels and text of every live clause, and each clause still struck kept with its own
struck-insert label), and the original view is the one before her strikes.  The same on Resolution 130 of the
Final Acts with three clauses another author ("X") inserted in considering, and with a plain deletion of a
clause in force among the strikes (kind ``deleted``: its relabels are changes of their own, left pending).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.model.review import decide
from itu_nb.model.struck_ids import clause_id, kept_whole

DAY = "2026-12-05"
SEC = "considering"
#: Brazil's three new considering clauses (lines 102-104 of the CriticMarkup source), by their first words.
SMES, TECHNICAL, INDIVIDUALS = "that some SMEs face", "that the technical community", "that individuals and org"
#: Brazil's g) and h) (Resolution 130's i) and j), relettered), before his new clauses.
ITU_T, REPORT = "that the ITU Telecommunication", "the final report on Question"

DOC67 = itu_nb.load(CRITIC, author="Brazil")["B/67/4"]
RES130 = itu_nb.load(FINAL_ACTS)["Resolution 130"]
#: X's three new clauses in Resolution 130 considering: c), f) and g) of the amended view.
X_DRAFT = itu_nb.amend(
    RES130,
    [f'Add a new considering {x} reading: "that item X{i};"' for i, x in enumerate(["c)", "f)", "g)"], 1)],
    author="X",
    date="2026-11-01",
)
#: (base proposal, the labels of its clauses Ana strikes, the labels of clauses in force she deletes)
SETUPS = {
    "doc67": (DOC67, ["i)", "j)", "k)"], []),
    "doc67-mixed": (DOC67, ["i)", "k)"], ["h)"]),
    "res130-x": (X_DRAFT, ["c)", "f)", "g)"], []),
    "res130-x-mixed": (X_DRAFT, ["c)", "g)"], ["a)"]),
}
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _order(label: str) -> tuple[int, str]:
    return len(label), label


def ana(base, labels):
    """``base`` with Ana's deletions of the clauses ``labels`` (labels in ``base``), from the last one up (so that
    each instruction names the clause by its label in ``base``)."""
    ins = [f"Delete {SEC} {x}" for x in sorted(labels, key=_order, reverse=True)]
    return itu_nb.amend(base, ins, author="Ana", date=DAY) if ins else base


def strikes(p) -> list[str]:
    """The ids of Ana's struck clauses in ``p``'s considering, in reading order."""
    return [clause_id(k.key) for k in p[SEC].children if kept_whole(k)]


def live(p) -> list[tuple[str, str | None, str]]:
    return [(k.key, k.label, k.body("amended")) for k in p[SEC].children if k.exists_in("amended")]


def struck(p) -> list[tuple[str, str]]:
    """Each clause still struck: its key and its struck-inserts' text (its label and text as inserted)."""
    return [
        (k.key, "".join(a.text for a in k.artefacts if a.kind == "struck-insert"))
        for k in p[SEC].children
        if kept_whole(k)
    ]


@pytest.fixture(scope="module", params=list(SETUPS))
def setup(request):
    base, labels, deleted = SETUPS[request.param]
    p = ana(base, labels + deleted)
    ids = strikes(p)
    assert len(ids) == len(labels) and len(set(ids)) == len(ids)
    assert [c.kind for c in p.changes if c.id in ids] == ["struck-insert"] * len(ids)
    return base, labels, deleted, p, dict(zip(labels, ids, strict=True))


@SLOW
@given(data=st.data())
def test_any_subset_decided_in_any_order_reads_as_the_strikes_left_imply(data):
    name = data.draw(st.sampled_from(sorted(SETUPS)))
    base, labels, deleted = SETUPS[name]
    p = _struck(name)
    ids = dict(zip(labels, strikes(p), strict=True))
    fates = data.draw(st.lists(st.sampled_from("arp"), min_size=len(labels), max_size=len(labels)))
    order = data.draw(st.permutations(labels))
    how = data.draw(st.sampled_from(["one by one", "at once"]))
    if how == "one by one":
        r = p
        for x in order:
            fate = fates[labels.index(x)]
            r = r.accept([ids[x]]) if fate == "a" else r.reject([ids[x]]) if fate == "r" else r
    else:
        r = decide(
            p,
            [ids[x] for x, f in zip(labels, fates, strict=True) if f == "a"],
            [ids[x] for x, f in zip(labels, fates, strict=True) if f == "r"],
        )
    kept = [x for x, f in zip(labels, fates, strict=True) if f != "r"]
    pending = {ids[x] for x, f in zip(labels, fates, strict=True) if f == "p"}
    expected = ana(base, kept + deleted)
    assert live(r) == live(expected)
    assert struck(r) == [s for s in struck(expected) if clause_id(s[0]) in pending]
    assert r.text("amended") == expected.text("amended")
    assert r.text("original") == p.text("original") == base.text("original")
    assert [i for i in strikes(r)] == [ids[x] for x in labels if ids[x] in pending]  # ids stable


_CACHE: dict[str, object] = {}


def _struck(name: str):
    if name not in _CACHE:
        base, labels, deleted = SETUPS[name]
        _CACHE[name] = ana(base, labels + deleted)
    return _CACHE[name]


def test_decisions_commute_and_a_decision_by_author_decides_them_all(setup):
    base, labels, deleted, p, ids = setup
    a, r = ids[labels[0]], ids[labels[-1]]
    one, two, both = p.accept([a]).reject([r]), p.reject([r]).accept([a]), decide(p, [a], [r])
    assert live(one) == live(two) == live(both)
    assert [(c.id, c.kind, c.author, c.old, c.new) for c in one.changes] == [
        (c.id, c.kind, c.author, c.old, c.new) for c in two.changes
    ]
    assert [(c.id, c.old, c.new) for c in one.changes] == [(c.id, c.old, c.new) for c in both.changes]
    assert p.reject(author="Ana").text("amended") == base.text("amended")  # (the deletion too: all hers)
    assert p.accept(author="Ana").text("amended") == p.text("amended")
    if not deleted:  # (accepting her deletion of a clause in force changes the original view)
        assert (
            p.accept(author="Ana").text("original") == p.reject(author="Ana").text("original") == base.text("original")
        )


def test_doc67_reject_one_of_two_strikes():
    """The brief's case: Ana strikes Brazil's i) and j) ("Delete considering i)" twice); k) reads i)."""
    p = itu_nb.amend(DOC67, ["Delete considering i)"] * 2, author="Ana", date=DAY)
    first, second = strikes(p)

    def tail(r):
        words = [ITU_T, REPORT, SMES, INDIVIDUALS]
        return [(x, body[: len(w)]) for (_, x, body), w in zip(live(r)[-4:], words, strict=True)]

    assert [(x, b[:10]) for _, x, b in live(p)[-3:]] == [
        ("g)", ITU_T[:10]),
        ("h)", REPORT[:10]),
        ("i)", INDIVIDUALS[:10]),
    ]
    # i) back; j) still struck: Brazil's k) reads j)
    assert tail(p.reject([first])) == [("g)", ITU_T), ("h)", REPORT), ("i)", SMES), ("j)", INDIVIDUALS)]
    # j) back; i) still struck: Brazil's j) reads i), his k) j)
    back = p.reject([second])
    assert [(x, b[:20]) for _, x, b in live(back)[-4:]] == [
        ("g)", ITU_T[:20]),
        ("h)", REPORT[:20]),
        ("i)", TECHNICAL[:20]),
        ("j)", INDIVIDUALS[:20]),
    ]
    (j,) = [k for k in back[SEC].children if k.key == "considering/j"]  # (by key: a decision keeps the paths)
    assert j.label_in("original") is None
    # Ana's letter over Brazil's struck j: a relabel j → i (unnamed22: an insertion over another's struck label)
    assert [(c.author, c.kind, c.old, c.new) for c in j.changes if c.author == "Ana"] == [
        ("Ana", "relabelled", "j", "i")
    ]
    assert [a.text for a in j.artefacts if a.kind == "struck-insert"] == ["j"]  # Brazil's j, struck by Ana
    # both rejected, one by one in either order: Brazil's list as he wrote it
    assert p.reject([first]).reject([second]).text("amended") == DOC67.text("amended")
    assert p.reject([second]).reject([first]).text("amended") == DOC67.text("amended")
    assert {c.author for c in p.reject([second]).reject([first]).changes if c.section == SEC} == {"Brazil"}


def test_doc67_delete_i_three_times_and_reject_the_first():
    """Ana strikes Brazil's i), j) and k) (``Delete considering i)`` three times: the last item each time)."""
    p = itu_nb.amend(DOC67, ["Delete considering i)"] * 3, author="Ana", date=DAY)
    ids = strikes(p)
    assert len(ids) == 3 and [c.scope for c in p.changes if c.id in ids] == ["clause"] * 3
    r = p.reject([ids[0]])
    assert [(x, b[:19]) for _, x, b in live(r)[-3:]] == [("g)", ITU_T[:19]), ("h)", REPORT[:19]), ("i)", SMES)]
    assert [k for k, _ in struck(r)] == ["considering/j", "considering/k"]
    r = p.reject([ids[1]])  # Brazil's j) back while i) is struck: it reads i)
    assert [(x, b[:28]) for _, x, b in live(r)[-3:]] == [("g)", ITU_T[:28]), ("h)", REPORT[:28]), ("i)", TECHNICAL)]


def test_the_last_item_of_a_list_struck_nothing_to_reletter():
    p = itu_nb.amend(DOC67, ["Delete considering k)"], author="Ana", date=DAY)
    (cid,) = strikes(p)
    assert [c.id for c in p.changes if c.author == "Ana"] == [cid]  # no relabel: nothing after it
    assert p.reject([cid]).text("amended") == DOC67.text("amended")
    done = p.accept([cid])
    assert "considering/k" not in [k.key for k in done.walk()] and done.text("amended") == p.text("amended")
    assert done.text("original") == DOC67.text("original")


HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup")[0],
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx")[0],
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn")[0],
}


@pytest.mark.parametrize("hop", list(HOPS))
def test_through_each_hop_the_ids_and_the_decisions_hold(hop):
    base, labels, deleted = SETUPS["doc67"]
    p = _struck("doc67")
    read = HOPS[hop](p)
    ids = strikes(p)
    assert strikes(read) == ids
    for fates in (("r", "p", "p"), ("p", "r", "a"), ("a", "p", "r"), ("a", "r", "r")):
        acc = [i for i, f in zip(ids, fates, strict=True) if f == "a"]
        rej = [i for i, f in zip(ids, fates, strict=True) if f == "r"]
        kept = [x for x, f in zip(labels, fates, strict=True) if f != "r"]
        got = decide(read, acc, rej)
        assert [(x, b) for _, x, b in live(got)] == [(x, b) for _, x, b in live(ana(base, kept))], fates


def test_the_viewer_decides_one_strike_through_the_same_review():
    p = itu_nb.amend(DOC67, ["Delete considering i)"] * 2, author="Ana", date=DAY)
    first, _ = strikes(p)
    viewer = itu_nb.RedlineViewer(p, review=None)
    viewer.reject(first)
    assert viewer.decisions == [{"id": first, "decision": "reject"}]
    assert [(x, b[:19]) for _, x, b in live(viewer.result())[-4:]] == [
        ("g)", ITU_T[:19]),
        ("h)", REPORT[:19]),
        ("i)", SMES),
        ("j)", INDIVIDUALS[:19]),
    ]
    assert [k for k, _ in struck(viewer.result())] == ["considering/j"]
