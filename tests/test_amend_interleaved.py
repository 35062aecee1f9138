"""Instructions interleaved over two sections, one of them mixing kinds on one list, in linear time (issue 17, audit22).

Resolution 130 of the Final Acts with ``In resolves 1, add " (edit i)" at the end``, ``Add a new considering a)
reading: …`` and ``Add a new paragraph after considering c) reading: …`` in turn (and ``Add a new resolves reading:
…``, a fourth kind): the edit of resolves ends every run on considering, and the two insertions into considering
alternate between a run keyed ``into=`` and one keyed ``after=``, so no run of one key reaches
:data:`~itu_nb.amendments.inserting.MIN_RUN`.  Weaving (:mod:`itu_nb.amendments.weaving`: operations on different
sections commute) was not tried, since its test of worth (``inserting._worth``) asked for a run of one key inside
a section; so each insertion was applied one by one, relettering the whole list (233,100 ``set_label`` calls at
1,000 instructions; 4.8 s, 22 s at 2,000).  Now a section whose operations mix insertions, deletions and moves on
one list (:func:`~itu_nb.amendments.anchors.mixes`, :data:`MIN_RUN` of them in a row) also makes weaving worth it:
the edits of resolves are applied apart, and the insertions into considering as one run on the list's pending
order (:mod:`itu_nb.amendments.order`).

The property test compares ``amend`` with the reference of ``tests/test_amend_linear.py`` (every path recomputed
after each instruction, no run, no weaving) on random interleavings of these kinds (and deletions, insertions in
the middle) over Resolution 130 and Brazil's B/67/4, field for field, errors included.
"""

from __future__ import annotations

import pytest
from bounds import bounded
from conftest import FINAL_ACTS
from hypothesis import given
from hypothesis import strategies as st
from test_amend_linear import B130, RES130, SLOW, WHO, _same, amend_reference

import itu_nb
from itu_nb.amendments.edits import ReplaceWords
from itu_nb.errors import ItuNbError

KINDS = (
    'In resolves 1, add " (edit {i})" at the end',
    'Add a new considering a) reading: "that item {i};"',
    'Add a new paragraph after considering c) reading: "that thing {i};"',
    'Add a new resolves reading: "to do thing {i};"',
)


def _cycle(n: int, kinds: int = 3) -> list[str]:
    """``n`` instructions on Resolution 130 cycling over the first ``kinds`` of :data:`KINDS`, in turn."""
    return [KINDS[i % kinds].format(i=i) for i in range(n)]


@pytest.fixture(scope="module")
def res130():
    final_acts = itu_nb.load(FINAL_ACTS)
    return next(p for p in final_acts if p.target and p.target.number == "130")


def _counted(monkeypatch):
    from itu_nb.amendments import relettering

    calls = [0]
    set_label = relettering.set_label

    def counted(*args, **kwargs):
        calls[0] += 1
        return set_label(*args, **kwargs)

    monkeypatch.setattr(relettering, "set_label", counted)
    return calls


def test_the_cycle_of_instructions_gives_what_each_asks(res130):
    # considering a) "that the ITU-coordinated WSIS+10 …", b) "the crucial importance …", c) "the cybersecurity-
    # related provisions …" (A, B, C).  Nine instructions: item 1 at the head → [1 A B C]; "thing 2" after c)
    # (B) → [1 A B t2 C]; item 4 at the head → [4 1 A B t2 C]; "thing 5" after c) (A) → [4 1 A t5 B t2 C];
    # item 7 → [7 4 1 A t5 B t2 C]; "thing 8" after c) (item 1) → [7 4 1 t8 A t5 B t2 C], lettered a) … i)
    draft = itu_nb.amend(res130, _cycle(9), author="X")
    kids = [c.text("amended") for c in draft["considering"].children]
    want = [
        "a)\tthat item 7;",
        "b)\tthat item 4;",
        "c)\tthat item 1;",
        "d)\tthat thing 8;",
        "e)\tthat the ITU-coordinated W",
        "f)\tthat thing 5;",
        "g)\tthe crucial importance of ",
        "h)\tthat thing 2;",
        "i)\tthe cybersecurity-related ",
    ]
    assert [k[: len(w)] for k, w in zip(kids[:9], want, strict=True)] == want
    assert len(kids) == 18 + 6
    # resolves 1 ("… at national, regional and international level;") gains the three edits in order, each put
    # at the end of its words, before the closing semicolon
    assert res130["resolves/1"].text("original").endswith(" international level;")
    assert draft["resolves/1"].text("amended").endswith(" international level (edit 0) (edit 3) (edit 6);")
    assert draft["resolves/1"].text("original") == res130["resolves/1"].text("original")


def test_a_thousand_instructions_cycling_over_three_places_reletter_linearly(res130, monkeypatch):
    calls = _counted(monkeypatch)
    itu_nb.amend(res130, _cycle(1000), author="X")
    # 1,000 head insertions alone: 1,018 labels set; a linear run may set a few per instruction (233,100 before)
    assert calls[0] <= 2 * 1000, calls[0]


def test_a_thousand_instructions_cycling_over_four_places_reletter_linearly(res130, monkeypatch):
    # the fourth kind appends to resolves, the list the edits are in: 133,750 labels set before
    calls = _counted(monkeypatch)
    draft = itu_nb.amend(res130, _cycle(1000, 4), author="X")
    assert calls[0] <= 2 * 1000, calls[0]
    # resolves 1 … 12 of the text, then the 250 new ones (i = 3, 7, … 999), numbered 13 … 262, in order
    items = [c for c in draft["resolves"].children if c.exists_in("amended")]
    assert [c.label for c in items] == [str(n) for n in range(1, 263)]
    assert [c.body() for c in items[12:]] == [f"to do thing {i};" for i in range(3, 1000, 4)]
    assert (
        draft["resolves/1"]
        .text("amended")
        .endswith(" level" + "".join(f" (edit {i})" for i in range(0, 1000, 4)) + ";")
    )


def _expected_considering(n: int, originals: list[str], kinds: int = 3) -> list[str]:
    """The bodies of considering after ``_cycle(n, kinds)``, from the list's order alone: each ``item i`` at the
    head, each ``thing i`` after the third item."""
    order = list(originals)
    for i in range(n):
        if i % kinds == 1:
            order.insert(0, f"that item {i};")
        elif i % kinds == 2:
            order.insert(3, f"that thing {i};")
    return order


def test_the_cycle_gives_what_the_list_order_alone_gives(res130):
    n = 60
    draft = itu_nb.amend(res130, _cycle(n), author="X")
    originals = [c.body() for c in res130["considering"].children]
    assert len(originals) == 18
    assert [c.body() for c in draft["considering"].children] == _expected_considering(n, originals)


def test_four_thousand_instructions_cycling_over_three_places_end_within_the_bound(res130):
    code = f"""
import json, sys
sys.path.insert(0, "tests")
from test_amend_interleaved import _cycle
import itu_nb
res = next(p for p in itu_nb.load({str(FINAL_ACTS)!r}) if p.target and p.target.number == "130")
draft = itu_nb.amend(res, _cycle(4000), author="X")
kids = draft["considering"].children
print(json.dumps({{"bodies": [c.body() for c in kids], "labels": [c.label for c in kids[:30]],
    "resolves1": draft["resolves/1"].text("amended"), "original": draft.text("original") == res.text("original"),
    "notes": len(draft.provenance) - len(res.provenance)}}))
"""
    r = bounded(code, label="amend: 4,000 instructions cycling: an edit, a head insertion, a paragraph")
    assert r.ok, r
    import json

    out = json.loads(r.stdout)
    originals = [c.body() for c in res130["considering"].children]
    assert out["bodies"] == _expected_considering(4000, originals)  # 1,333 items, 1,333 things, the 18
    assert out["labels"][:3] == ["a)", "b)", "c)"] and out["labels"][25:] == ["z)", "aa)", "bb)", "cc)", "dd)"]
    edits = "".join(f" (edit {i})" for i in range(0, 4000, 3))
    assert out["resolves1"] == res130["resolves/1"].text("original")[:-1] + edits + ";"
    assert out["original"] and out["notes"] == 4000
    assert r.within(), r


def test_four_thousand_instructions_cycling_over_four_places_end_within_the_bound(res130):
    code = f"""
import json, sys
sys.path.insert(0, "tests")
from test_amend_interleaved import _cycle
import itu_nb
res = next(p for p in itu_nb.load({str(FINAL_ACTS)!r}) if p.target and p.target.number == "130")
draft = itu_nb.amend(res, _cycle(4000, 4), author="X")
live = [c for c in draft["resolves"].children if c.exists_in("amended")]
print(json.dumps({{"bodies": [c.body() for c in draft["considering"].children],
    "resolves": [[c.label, c.body()] for c in live[12:]], "labels": [c.label for c in live],
    "resolves1": draft["resolves/1"].text("amended"), "original": draft.text("original") == res.text("original")}}))
"""
    r = bounded(code, label="amend: 4,000 instructions cycling: an edit, a head insertion, a paragraph, an append")
    assert r.ok, r
    import json

    out = json.loads(r.stdout)
    originals = [c.body() for c in res130["considering"].children]
    assert out["bodies"] == _expected_considering(4000, originals, 4)  # 1,000 items, 1,000 things, the 18
    # resolves 1 … 12 of the text, then the 1,000 new ones (i = 3, 7, … 3,999), numbered 13 … 1,012
    assert out["labels"] == [str(n) for n in range(1, 1013)]
    assert out["resolves"] == [[str(13 + k), f"to do thing {i};"] for k, i in enumerate(range(3, 4000, 4))]
    edits = "".join(f" (edit {i})" for i in range(0, 4000, 4))
    assert out["resolves1"] == res130["resolves/1"].text("original")[:-1] + edits + ";"
    assert out["original"]
    assert r.within(), r


def test_edits_and_appends_in_turn_on_one_list_are_applied_in_one_run(res130, monkeypatch):
    # an edit of resolves 1 and a new resolves, in turn, 400 times (one section: no weaving): each append was
    # applied one by one, reading the whole list again; now the edits join the run that the first append starts
    from itu_nb.amendments import edits

    one_by_one = [0]
    apply_in = edits.apply_in

    def counted(*args, **kwargs):
        one_by_one[0] += 1
        return apply_in(*args, **kwargs)

    monkeypatch.setattr(edits, "apply_in", counted)
    lines = [KINDS[0 if i % 2 == 0 else 3].format(i=i) for i in range(400)]
    draft = itu_nb.amend(res130, lines, author="X")
    assert one_by_one[0] == 1  # the first edit: a run starts with an insertion, deletion or move
    live = [c for c in draft["resolves"].children if c.exists_in("amended")]
    assert [c.body() for c in live[12:]] == [f"to do thing {i};" for i in range(1, 400, 2)]
    assert (
        draft["resolves/1"].text("amended").endswith("level" + "".join(f" (edit {i})" for i in range(0, 400, 2)) + ";")
    )


# -- random interleavings against one by one ---------------------------------------------------------------------

#: The lists of both texts (Resolution 130: considering a)–r), recognizing a)–o), aware a)–h), noting a)–d),
#: resolves 1–12; B/67/4: considering with two b), one struck, recognizing, aware, noting, resolves 1–8)
_LISTS = ["considering", "recognizing", "aware", "noting", "resolves"]


def _label(section: str, k: int) -> str:
    return str(k + 1) if section == "resolves" else "abcd"[k] + ")"


def _instruction(data, i: int, sections: list[str]) -> str:
    s = data.draw(st.sampled_from(sections))
    k = data.draw(st.integers(0, 3))
    kind = data.draw(st.sampled_from(["edit", "edit", "head", "after", "before", "append", "middle", "delete"]))
    if kind == "edit":
        return f'In {s} {_label(s, k)}, add " (edit {i})" at the end'
    if kind == "head":
        return f'Add a new {s} {_label(s, 0)} reading: "that item {i};"'
    if kind in ("after", "before"):
        return f'Add a new paragraph {kind} {s} {_label(s, k)} reading: "that thing {i};"'
    if kind == "append":
        return f'Add a new {s} reading: "to do thing {i};"'
    if kind == "middle":
        return f'Add a new {s} {_label(s, k)} reading: "that middle {i};"'
    return f"Delete {s} {_label(s, k)}"


def _outcome(amend, base, lines):
    try:
        return amend(base, lines)
    except ItuNbError as e:
        return type(e), str(e)


@SLOW
@given(st.data())
def test_interleaved_instructions_equal_one_by_one(data):
    base = data.draw(st.sampled_from([RES130, B130]))
    # two or three lists, so that the sections interleave (as the audit's cycle) and some weave
    sections = data.draw(st.lists(st.sampled_from(_LISTS), min_size=2, max_size=3, unique=True))
    lines = [_instruction(data, i, sections) for i in range(data.draw(st.integers(8, 48)))]
    fast = _outcome(lambda b, x: itu_nb.amend(b, x, **WHO), base, lines)
    slow = _outcome(amend_reference, base, lines)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        assert not isinstance(fast, tuple), fast
        _same(fast, slow)


@SLOW
@given(st.data())
def test_the_audit_cycle_shuffled_equals_one_by_one(data):
    # the four kinds of the audit's cycle, in a random order and number (a run of each kind, or none)
    base = data.draw(st.sampled_from([RES130, B130]))
    kinds = data.draw(st.lists(st.integers(0, 3), min_size=8, max_size=60))
    lines = [KINDS[k].format(i=i) for i, k in enumerate(kinds)]
    fast = _outcome(lambda b, x: itu_nb.amend(b, x, **WHO), base, lines)
    slow = _outcome(amend_reference, base, lines)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        assert not isinstance(fast, tuple), fast
        _same(fast, slow)


@SLOW
@given(st.data())
def test_edits_inside_runs_on_one_list_equal_one_by_one(data):
    # one list: insertions, deletions and moves within it, and edits of its items (old, new, relettered, struck…),
    # so that runs on its pending order meet edits of every kind of item
    base = data.draw(st.sampled_from([RES130, B130]))
    s = data.draw(st.sampled_from(_LISTS))
    lines = []
    for i in range(data.draw(st.integers(8, 40))):
        if data.draw(st.booleans()):
            k = data.draw(st.integers(0, 3))
            how = data.draw(st.sampled_from(["at the end"] * 10 + ["after", "replace"]))  # these two may fail
            if how == "at the end":
                lines.append(f'In {s} {_label(s, k)}, add " (edit {i})" at the end')
            elif how == "after":
                lines.append(f'In {s} {_label(s, k)}, insert " new {i}" after "that"')
            else:
                lines.append(ReplaceWords(f"{s} {_label(s, k)}", "that", f"this {i}", every=True))
        elif data.draw(st.integers(0, 4)) == 0:
            k = data.draw(st.integers(0, 3))
            m = data.draw(st.sampled_from([x for x in range(4) if x != k]))
            lines.append(f"Move {s} {_label(s, k)} before {s} {_label(s, m)}")
        else:
            lines.append(_instruction(data, i, [s]))
    fast = _outcome(lambda b, x: itu_nb.amend(b, x, **WHO), base, lines)
    slow = _outcome(amend_reference, base, lines)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        assert not isinstance(fast, tuple), fast
        _same(fast, slow)
