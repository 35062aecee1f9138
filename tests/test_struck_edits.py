"""Words the analyst replaces over another author's insertion keep it, not lose it (issue 17): a ``struck-insert``.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), resolves 3 (source line 141, 1-based), which
ends, as Brazil changed it (read by eye in the source)::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities
    under Question<NBSP>3/2;<space>

(``WTDC‑14`` has a no-break hyphen, U+2011; Brazil's ``WTDC-17`` a plain one.)  The analyst Ana edits its text:
``ReplaceClause``, ``ReplaceWords`` over Brazil's " and WTDC-17" or inside it, ``EditText`` (the viewer's
suggesting mode).  Brazil's words inside the replaced range are then in neither view but kept where they stood,
struck by Ana and inserted by Brazil (as :mod:`tests.test_struck_inserts` does for a struck clause); rejecting
Ana's changes brings them back as Brazil's insertions, accepting them drops them.  Ana's own insertions vanish.
"""

from __future__ import annotations

import itertools
import random

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import Comment, EditText, InsertWords, ReplaceClause, ReplaceWords
from itu_nb.amendments.wording import edit_runs, edit_spans
from itu_nb.model import Run, join_runs

KEY = "B/67/4"
DAY = "2026-12-05"
#: resolves 3's last words in each view (no-break spaces after "Objective" and "Question", as in the source).
TAIL_ORIGINAL = "WTDC‑14 (Resolution 45), including Objective\u00a03 and in activities under Question\u00a03/2; "
TAIL_AMENDED = (
    "WTDC‑14 (Resolution 45) and WTDC-17, including Objective\u00a02 and in activities under Question\u00a03/2; "
)
#: Brazil's changes in resolves 3 as the source has them, in reading order.
BRAZIL = [(Op.INSERT, " and WTDC-17", "Brazil"), (Op.DELETE, "3 ", "Brazil"), (Op.INSERT, "2 ", "Brazil")]
NEW = "that ITU shall focus resources on cybersecurity within its core mandate; "
#: resolves 3 as Ana retypes it in the viewer: Brazil's "WTDC-17" made "WTDC-21", his "2" made "4".
RETYPED = TAIL_AMENDED.replace("WTDC-17", "WTDC-21").replace("Objective\u00a02", "Objective\u00a04")

#: Each edit, the struck-inserts it leaves (text, the source text just before it), and resolves 3's amended end
#: once Ana's changes are accepted.
CASES = {
    "replace-clause": (
        ReplaceClause("resolves/3", NEW),
        [(" and WTDC-17", "WTDC‑14 (Resolution 45)"), ("2 ", "including Objective\u00a03 ")],
        NEW,
    ),
    "replace-words-over": (  # the words cover all of Brazil's insertion and Brazil's text around it
        ReplaceWords("resolves/3", "(Resolution 45) and WTDC-17,", "(Resolution 45) and WTDC-21,"),
        [(" and WTDC-17", "WTDC‑14 (Resolution 45)")],
        TAIL_AMENDED.replace("WTDC-17", "WTDC-21"),
    ),
    "replace-words-inside": (  # nothing but Brazil's inserted words (his leading space stays his)
        ReplaceWords("resolves/3", "and WTDC-17", "and WTDC-21"),
        [("and WTDC-17", "WTDC‑14 (Resolution 45) ")],
        TAIL_AMENDED.replace("WTDC-17", "WTDC-21"),
    ),
    "replace-words-every": (  # two spans, the first in the source's text: the second's place moves with it
        ReplaceWords("resolves/3", "WTDC", "the WTDC", every=True),
        [("WTDC", "WTDC‑14 (Resolution 45) and ")],
        TAIL_AMENDED.replace("WTDC", "the WTDC"),
    ),
    "edit-text": (
        EditText("resolves/3", "<retyped>"),  # (the clause's whole text: made in _op below)
        [("WTDC-17", "WTDC‑14 (Resolution 45) and "), ("2", "including Objective\u00a03 ")],
        RETYPED,
    ),
}


@pytest.fixture(scope="module")
def doc():
    return itu_nb.load(CRITIC, author="Brazil")


def _op(doc, name):
    op = CASES[name][0]
    if isinstance(op, EditText):
        body = doc[KEY]["resolves/3"].body("amended")
        assert body.endswith(TAIL_AMENDED)
        return EditText("resolves/3", body[: -len(TAIL_AMENDED)] + RETYPED)
    return op


def _struck(c) -> list[tuple[str, str, Op, str | None, str | None, tuple | None]]:
    """``c``'s struck-inserts: (text, the source text before it, op, striker, date struck, inserter and date)."""
    source = "".join(r.text for r in c.label_runs + c.runs)
    return [
        (a.text, source[: a.offset][-len(before) :], a.op, a.author, (a.date or "")[:10], a.inserted)
        for a in c.artefacts
        if a.kind == "struck-insert"
        for before in [next((b for t, b in CASES_BEFORE if t == a.text), "")]
    ]


CASES_BEFORE = sorted({pair for _, pairs, _ in CASES.values() for pair in pairs}, key=lambda p: -len(p[1]))


def _want(name):
    return [(text, before, Op.DELETE, "Ana", DAY, ("Brazil", None)) for text, before in CASES[name][1]]


def _ana(p) -> list[str]:
    return [c.id for c in p.changes if c.author == "Ana"]


def _edited(doc, name):
    return apply_ops(doc[KEY], [_op(doc, name)], author="Ana", date=DAY)


@pytest.mark.parametrize("name", list(CASES))
def test_the_edit_keeps_brazils_words_in_neither_view(doc, name):
    c = _edited(doc, name)["resolves/3"]
    assert c.body("original").endswith(TAIL_ORIGINAL)  # the original view as before
    assert c.body("amended").endswith(CASES[name][2])  # the amended view as Ana wrote it
    assert not [r for r in c.runs if r.op is Op.INSERT and r.author == "Brazil" and "WTDC-17" in r.text]
    assert _struck(c) == _want(name)


@pytest.mark.parametrize("name", list(CASES))
def test_rejecting_the_edit_brings_them_back_as_brazils_insertions(doc, name):
    edited = _edited(doc, name)
    c = edited.reject(_ana(edited))["resolves/3"]
    assert c.body("original").endswith(TAIL_ORIGINAL) and c.body("amended").endswith(TAIL_AMENDED)
    assert [(r.op, r.text, r.author) for r in c.runs if r.op is not Op.EQUAL] == BRAZIL
    assert not c.artefacts
    assert c == doc[KEY]["resolves/3"]  # as read, run for run (Ana's restored text is plain text again)


@pytest.mark.parametrize("name", list(CASES))
def test_accepting_the_edit_drops_them(doc, name):
    edited = _edited(doc, name)
    c = edited.accept(_ana(edited))["resolves/3"]
    assert c.body("amended").endswith(CASES[name][2])
    assert not c.artefacts
    # Brazil's own changes left, not decided: his struck words are in no run, what Ana's words left out is his still
    assert [(r.op, r.text) for r in c.runs if r.author == "Brazil"] == BRAZIL_LEFT[name]


#: Brazil's runs left once Ana's edit is accepted (read by eye: his insertions outside the words Ana replaced).
BRAZIL_LEFT = {
    "replace-clause": [(Op.DELETE, "3 ")],
    "replace-words-over": [(Op.DELETE, "3 "), (Op.INSERT, "2 ")],
    "replace-words-inside": [(Op.INSERT, " "), (Op.DELETE, "3 "), (Op.INSERT, "2 ")],
    "replace-words-every": [(Op.INSERT, " and "), (Op.INSERT, "-17"), (Op.DELETE, "3 "), (Op.INSERT, "2 ")],
    "edit-text": [(Op.INSERT, " and "), (Op.DELETE, "3 "), (Op.INSERT, " ")],
}


def test_the_analysts_own_insertions_still_vanish(doc):
    ops = [InsertWords("resolves/3", "urgently ", before="focus"), ReplaceWords("resolves/3", "urgently", "at once")]
    edited = apply_ops(doc[KEY], ops, author="Ana", date=DAY)
    c = edited["resolves/3"]
    assert c.body("amended").startswith("that ITU shall at once focus resources")
    assert not c.artefacts  # Ana's "urgently" gone, not kept
    assert edited.reject(_ana(edited))["resolves/3"] == doc[KEY]["resolves/3"]


def test_a_comment_after_the_words_stays_after_them(doc):
    """Ana's comment at the end of resolves 3 stays at its end, after the struck-inserts, and there once rejected."""
    ops = [Comment("resolves/3", "Check WTDC-17's plan."), ReplaceWords("resolves/3", "and WTDC-17", "and WTDC-21")]
    edited = apply_ops(doc[KEY], ops, author="Ana", date=DAY)
    c = edited["resolves/3"]
    size = len("".join(r.text for r in c.label_runs + c.runs))
    assert [(a.kind, a.offset == size) for a in c.artefacts] == [("struck-insert", False), ("comment", True)]
    back = edited.reject([i for i in _ana(edited)])["resolves/3"]
    assert back.body("amended").endswith(TAIL_AMENDED)
    assert [(a.kind, a.text, a.offset) for a in back.artefacts] == [
        ("comment", "Check WTDC-17's plan.", len("".join(r.text for r in back.label_runs + back.runs)))
    ]


HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup"),
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx"),
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn"),
}


@pytest.mark.parametrize("hop", list(HOPS))
@pytest.mark.parametrize("name", ["replace-clause", "replace-words-inside", "edit-text"])
def test_each_hop_keeps_them_and_a_reject_after_it_brings_them_back(doc, name, hop):
    edited = _edited(doc, name)
    (read,) = HOPS[hop](edited).proposals
    c = read["resolves/3"]
    assert [s[:5] for s in _struck(c)] == [s[:5] for s in _want(name)]  # (Word writes a day as a time)
    assert [a.inserted[0] for a in c.artefacts if a.kind == "struck-insert"] == ["Brazil"] * len(CASES[name][1])
    back = read.reject(_ana(read))["resolves/3"]
    assert back.body("amended").endswith(TAIL_AMENDED) and back.body("original").endswith(TAIL_ORIGINAL)
    assert [(r.op, r.text, r.author) for r in back.runs if r.op is not Op.EQUAL] == BRAZIL
    done = read.accept(_ana(read))["resolves/3"]
    assert done.body("amended").endswith(CASES[name][2]) and not done.artefacts


@pytest.mark.parametrize("decision", ["reject", "accept"])
def test_a_review_edit_as_the_viewer_makes_it_then_a_decision(doc, decision):
    """The widgets' path: ``Review.edit`` with an ``EditText``, then Ana's changes decided in the review."""
    review = itu_nb.Review(doc[KEY], author="Ana")
    review.edit(KEY, [_op(doc, "edit-text")], date=DAY)
    assert _struck(review.proposal(KEY)["resolves/3"]) == _want("edit-text")
    review.decide(KEY, _ana(review.proposal(KEY)), decision)
    c = review.result(KEY)["resolves/3"]
    if decision == "reject":
        assert c.body("amended").endswith(TAIL_AMENDED)
        assert [(r.op, r.text, r.author) for r in c.runs if r.op is not Op.EQUAL] == BRAZIL
        assert c.body("original").endswith(TAIL_ORIGINAL)
    else:  # Ana's words are text now: in both views
        assert c.body("amended").endswith(RETYPED) and "WTDC-17" not in "".join(r.text for r in c.runs)
    assert not c.artefacts


# -- many spans in one pass -------------------------------------------------------------------------------------------
def _one_by_one(runs, spans, author, date):
    """What ``edit_spans`` gives, the way it was made before: one ``edit_runs`` per span from the last, each piece
    kept aside moved on by the text the edits before it changed."""
    out, struck, size = tuple(runs), [], sum(len(r.text) for r in runs)
    for start, end, new in reversed(spans):
        mine: list = []
        out = edit_runs(out, start, end, new, author, date, struck=mine)
        now = sum(len(r.text) for r in out)
        struck, size = mine + [(at + now - size, run) for at, run in struck], now
    return out, struck


def test_edit_spans_in_one_pass_equals_one_edit_at_a_time():
    """Random clauses (text, insertions and deletions by A and B) and spans as the edits give them (inside the
    amended text, in order, not overlapping; an empty one, a pure insertion, never touching another)."""
    rng = random.Random(17)
    checked = 0
    while checked < 3000:
        runs = []
        for _ in range(rng.randint(0, 7)):
            op = rng.choice([Op.EQUAL, Op.INSERT, Op.DELETE])
            who = None if op is Op.EQUAL else rng.choice(["A", "B"])
            runs.append(Run(op, "".join(rng.choice("ab ") for _ in range(rng.randint(1, 5))), who))
        runs = list(join_runs(runs))
        size = sum(len(r.text) for r in runs if r.op is not Op.DELETE)
        cuts = sorted(rng.randint(0, size) for _ in range(2 * rng.randint(1, 4)))
        spans = [(cuts[i], cuts[i + 1], rng.choice(["", "X", "YZ"])) for i in range(0, len(cuts), 2)]
        if any(a[1] == b[0] and (a[0] == a[1] or b[0] == b[1]) for a, b in itertools.pairwise(spans)):
            continue
        assert edit_spans(runs, spans, "A", DAY) == _one_by_one(runs, spans, "A", DAY), (runs, spans)
        checked += 1
