"""A merge's edits that overlap keep each other's insertions as ``struck-insert`` artefacts (issue 17, remains 2).

A merge's base is the amended view of the text given (:func:`itu_nb.merge`), so its uncontested edits never meet an
insertion: each is made from the last, in the base's offsets.  Edits that overlap are a conflict; resolving it with
``side="all"`` makes every side's edit, in the merge's order of the sides, each over what the ones before it made.
Before, they were made from the last in the base's offsets as if they did not overlap: an edit took out another
side's insertion (lost) and deleted the wrong words ("to give the highestrity", "WTDC‑14 nd WTDC-17").

Data, read by eye in the sources:

- Final Acts, Resolution 130 (Rev. Dubai, 2018), resolves 2: "to give high priority to the work of ITU …".  APT
  replaces "high" by "the highest" (its insertion stands strictly inside CEPT's words); CEPT deletes "high ".
- Brazil's Document 67, B/67/4 (MOD Resolution 130) on its own original view, resolves 3 (source line 141), which
  ends ``… at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities
  under Question<NBSP>3/2;<space>``.  CEPT deletes "(Resolution 45), ", where Brazil inserts " and WTDC-17".
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC, FINAL_ACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb import Op
from itu_nb.amendments.conflicts import Edit
from itu_nb.amendments.drafting import _edited, _over
from itu_nb.amendments.relettering import repath
from itu_nb.model import Clause, NodeKind, Run, runs_text

RES130 = itu_nb.load(FINAL_ACTS)["Resolution 130"]
APT = itu_nb.amend(RES130, 'In resolves 2, replace "high" by "the highest"', author="APT", date="2018-09-02")
CEPT = itu_nb.amend(
    RES130, 'In resolves 2, replace "give high priority" by "give priority"', author="CEPT", date="2018-09-01"
)
B130 = itu_nb.load(CRITIC, author="Brazil")["B/67/4"]
BASE67 = repath(B130.original)
CEPT67 = itu_nb.amend(BASE67, 'In resolves 3, replace "(Resolution 45), including" by "including"', author="CEPT")

#: resolves 3's end in Brazil's amended view, and once CEPT's deletion is made over it.
TAIL_BRAZIL = (
    "WTDC‑14 (Resolution 45) and WTDC-17, including Objective\u00a02 and in activities under Question\u00a03/2; "
)
TAIL_BOTH = "WTDC‑14 including Objective\u00a02 and in activities under Question\u00a03/2; "


def _struck(c: Clause) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """``c``'s struck-inserts: (text, the 12 source characters before it, striker, inserter, inserter's date)."""
    source = "".join(r.text for r in c.label_runs + c.runs)
    return [
        (a.text, source[: a.offset][-12:], a.author, *(a.inserted or (None, None)))
        for a in c.artefacts
        if a.kind == "struck-insert"
    ]


def _of(p, author: str) -> list[str]:
    return [c.id for c in p.changes if c.author == author]


@pytest.fixture(scope="module")
def res130_all():
    draft = itu_nb.merge(RES130, [APT, CEPT])
    assert draft.conflicts[["conflict", "side", "old", "new"]].values.tolist() == [
        ["c1", "APT", "high", "the highest"],
        ["c1", "CEPT", "high ", ""],
    ]
    return draft.resolve("c1", side="all")


@pytest.fixture(scope="module")
def doc67_all():
    draft = itu_nb.merge(BASE67, [B130, CEPT67])
    assert draft.conflicts[["conflict", "kind", "side", "old", "new"]].values.tolist() == [
        ["c1", "overlap", "CEPT", "(Resolution 45), ", ""],
        ["c1", "overlap", "Brazil", "", " and WTDC-17"],
    ]
    return draft.resolve("c1", side="all")


def test_resolving_all_makes_the_later_side_over_the_earlier(res130_all):
    c = res130_all["resolves/2"]
    assert c.body("original").startswith("to give high priority to the work of ITU")  # the base, untouched
    assert c.body("amended").startswith("to give priority to the work of ITU")  # CEPT's deletion over APT's edit
    assert [(r.op, r.text, r.author) for r in c.runs[:3]] == [
        (Op.EQUAL, "to give ", None),
        (Op.DELETE, "high", "APT"),
        (Op.DELETE, " ", "CEPT"),
    ]
    # APT's "the highest" is in neither view, struck by CEPT where it stood (after "high"), never lost
    assert _struck(c) == [("the highest", "to give high", "CEPT", "APT", "2018-09-02")]


def test_rejecting_the_later_side_gives_the_earlier_sides_draft(res130_all):
    back = res130_all.reject(_of(res130_all, "CEPT"))
    c = back["resolves/2"]
    assert c.body("amended").startswith("to give the highest priority to the work")
    assert not c.artefacts
    # run for run APT's own draft: the space CEPT had deleted is plain text again and joins the text after it
    assert c == itu_nb.merge(RES130, [APT])["resolves/2"]


def test_accepting_the_later_side_drops_the_struck_words(res130_all):
    c = res130_all.accept(_of(res130_all, "CEPT"))["resolves/2"]
    assert c.body("amended").startswith("to give priority to the work")
    assert not c.artefacts
    assert [(r.op, r.text, r.author) for r in c.runs if r.op is not Op.EQUAL] == [(Op.DELETE, "high", "APT")]


def test_doc67_brazils_insertion_inside_cepts_words_is_kept(doc67_all):
    c = doc67_all["resolves/3"]
    assert c.body("original") == BASE67["resolves/3"].body()
    assert c.body("amended").endswith(TAIL_BOTH)
    assert _struck(c) == [(" and WTDC-17", "solution 45)", "CEPT", "Brazil", None)]
    back = doc67_all.reject(_of(doc67_all, "CEPT"))
    assert back["resolves/3"].body("amended").endswith(TAIL_BRAZIL)
    assert back["resolves/3"] == itu_nb.merge(BASE67, [B130])["resolves/3"]
    assert doc67_all.text("original") == BASE67.text("original")


HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup"),
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx"),
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn"),
}


@pytest.mark.parametrize("hop", list(HOPS))
def test_every_writer_keeps_them_and_a_decision_after_it_settles_them(res130_all, doc67_all, hop):
    for draft, path, want, amended, rejected in (
        (res130_all, "resolves/2", ("the highest", "CEPT", "APT"), "to give priority", "to give the highest priority"),
        (doc67_all, "resolves/3", (" and WTDC-17", "CEPT", "Brazil"), TAIL_BOTH, TAIL_BRAZIL),
    ):
        (read,) = HOPS[hop](draft).proposals
        c = read[path]
        assert [(text, striker, inserter) for text, _, striker, inserter, _ in _struck(c)] == [want]
        assert c.body("original") == draft[path].body("original")
        assert amended in c.body("amended")
        back = read.reject(_of(read, "CEPT"))[path]
        assert rejected in back.body("amended") and not back.artefacts
        done = read.accept(_of(read, "CEPT"))[path]
        assert amended in done.body("amended") and not done.artefacts


def test_html_shows_the_struck_words(res130_all):
    page = itu_nb.to_html(res130_all)
    assert (
        '<s class="struck-insert" title="inserted by APT, 2018-09-02, struck by CEPT, 2018-09-01" data-author="CEPT"'
        ' data-date="2018-09-01" data-inserted-by="APT" data-inserted-on="2018-09-02">the highest</s>'
    ) in page


# -- the order of the sides and the one-over-the-other reading, on random edits -------------------------
WORDS = st.text(alphabet="ab ", min_size=1, max_size=6)


@st.composite
def _edits(draw, overlapping: bool):
    base = draw(st.text(alphabet="abc ", min_size=1, max_size=30))
    n = draw(st.integers(1, 4))
    edits, at = [], 0
    for k in range(n):
        if overlapping:
            start = draw(st.integers(0, len(base)))
            end = draw(st.integers(start, len(base)))
        else:  # at least one character between two edits, as the merge's uncontested edits are
            if at > len(base):
                break
            start = draw(st.integers(at, len(base)))
            end = draw(st.integers(start, len(base)))
            at = end + 1
        new = draw(st.one_of(st.just(""), WORDS)) if end > start else draw(WORDS)
        side = f"S{k}" if overlapping else draw(st.sampled_from(["S0", "S1", "S2"]))
        edits.append(Edit("text", "x", start, end, base[start:end], new, side=side, author=side, date=None))
    return base, edits


def _clause(base: str) -> Clause:
    return Clause(NodeKind.ITEM, "x", (Run(Op.EQUAL, "1\t"),), (Run(Op.EQUAL, base),))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(overlapping=False), st.permutations(["S0", "S1", "S2"]))
def test_edits_apart_give_the_same_runs_one_over_the_other_in_any_order(drawn, order):
    """The offsets read through what earlier edits made (``_amended_span``) are right: edits with text between
    them, made one over the other in any order of the sides, give the runs of the edits made from the last."""
    base, edits = drawn
    c = _clause(base)
    apart = _edited(c, edits, ("S0", "S1", "S2"))
    assert _over(c, sorted(edits, key=lambda e: order.index(e.side))) == apart


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits(overlapping=True))
def test_overlapping_edits_lose_nothing(drawn):
    base, edits = drawn
    c = _clause(base)
    sides = tuple(e.side for e in edits)
    runs, arts = _edited(c, edits, sides)
    made = dataclasses.replace(c, runs=runs, artefacts=arts)
    assert runs_text(runs, "original") == base  # the base untouched
    inserted = sum(len(r.text) for r in runs if r.op is Op.INSERT)
    struck = [a for a in arts if a.kind == "struck-insert"]
    assert inserted + sum(len(a.text) for a in struck) == sum(len(e.new) for e in edits)  # every side's words
    assert all(a.inserted and a.inserted[0] != a.author for a in struck)  # each by one side, struck by a later one
    p = itu_nb.Proposal("P", None, None, (made,))
    back = p.reject()["x"]  # rejecting everything: the base, and every struck word settled
    assert back.body("original") == base and not back.artefacts
    # (a struck word whose inserter has no change left in the clause comes back as that side's insertion: no id
    # of its own names it, the limit of struck-inserts the session-20 notes list; once rejected too, the base)
    left = {r.author for r in runs if r.op is not Op.EQUAL}
    assert all(r.op is Op.INSERT and r.author not in left for r in back.runs if r.op is not Op.EQUAL)
    assert itu_nb.Proposal("P", None, None, (back,)).reject()["x"].runs == c.runs  # run for run
    done = p.accept()["x"]  # accepting everything: the amended view, the struck words gone
    assert done.runs == ((Run(Op.EQUAL, runs_text(runs, "amended")),) if runs_text(runs, "amended") else ())
    assert not done.artefacts
