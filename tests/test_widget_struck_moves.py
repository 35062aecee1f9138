"""The redline viewer's payload carries struck insertions and move names (issue 17; ``Row.si`` and ``Row.mn``).

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), resolves 3 (source line 141), which ends, as
Brazil changed it (read by eye in the source)::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities
    under Question<NBSP>3/2;<space>

The analyst Ana strikes resolves 3 (``DeleteClause``) or moves it after resolves 4 (``MoveClause``).  Brazil's two
insertions, " and WTDC-17" and "2 ", are then in neither view: the payload gives each where it stood (after
"(Resolution 45)"; after Brazil's struck "3 ", before "and in activities"), inserted by Brazil (no date in the
CriticMarkup), struck by Ana on 2026-12-05.  A move's runs carry its name, ``move-resolves/3``, at both ends.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause, MoveClause
from itu_nb.widgets._contract import Row, problems
from itu_nb.widgets._payload import pairs_of, viewer_rows

KEY = "B/67/4"
DAY = "2026-12-05"
OPS = [DeleteClause("resolves/3"), MoveClause("resolves/3", after="resolves/4")]
IDS = ["delete", "move"]
#: Brazil's insertions in resolves 3, in reading order: (text, the source text just before it, just after it).
STRUCK = [
    (" and WTDC-17", "WTDC‑14 (Resolution 45)", ", including Objective\u00a03 "),
    ("2 ", "including Objective\u00a03 ", "and in activities under"),
]


@pytest.fixture(scope="module")
def doc():
    return itu_nb.load(CRITIC, author="Brazil")


def _rows(doc, op) -> dict[str, dict]:
    struck = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    rows, _ = viewer_rows(pairs_of(struck))
    assert problems(rows, list[Row]) == []
    return {r["path"]: r for r in rows}


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_each_struck_insert_is_at_its_place_with_its_inserter_and_striker(doc, op):
    row = _rows(doc, op)["resolves/3"]
    assert row["k"] == "deleted"
    got = []
    for s in row["si"]:
        text = row["seg"][s["seg"]][1]
        before = "".join(seg[1] for seg in row["seg"][: s["seg"]]) + text[: s["off"]]
        after = text[s["off"] :] + "".join(seg[1] for seg in row["seg"][s["seg"] + 1 :])
        want = next((b, a) for t, b, a in STRUCK if t == s["text"])
        got.append((s["text"], before[-len(want[0]) :], after[: len(want[1])], s["a"], s["t"], s["sa"], s["st"]))
    assert got == [(text, before, after, "Brazil", None, "Ana", DAY) for text, before, after in STRUCK]
    # in neither view: no segment holds the struck text
    assert "WTDC-17" not in "".join(s[1] for s in row["lab"] + row["seg"])


def test_a_clause_without_struck_insertions_has_none(doc):
    rows = _rows(doc, OPS[0])
    assert [p for p, r in rows.items() if "si" in r] == ["resolves/3"]
    plain, _ = viewer_rows(pairs_of(doc[KEY]))  # Brazil's own proposal: nothing struck, nothing moved
    assert not [r for r in plain if "si" in r or "mn" in r]


def test_a_moved_clause_names_its_move_at_both_ends(doc):
    rows = _rows(doc, OPS[1])
    gone, there = rows["resolves/3"], rows["resolves/4"]
    # where it left: Ana's struck label and text carry the name; Brazil's own deletion "3 " inside it does not
    segs = gone["lab"] + gone["seg"]
    named = {k for k, _ in gone["mn"]}
    assert {name for _, name in gone["mn"]} == {"move-resolves/3"}
    assert [segs[k][1] for k in sorted(named)][:2] == ["3", segs[1][1]]
    assert segs[1][1].startswith("that ITU shall focus resources")
    assert [s[1] for k, s in enumerate(segs) if k not in named] == ["3 "]
    # where it arrived: its label (4 now) and its whole text, inserted, with the same name
    segs = there["lab"] + there["seg"]
    assert there["mn"] == [[k, "move-resolves/3"] for k in range(len(segs))]
    assert [s[0] for s in segs] == [1] * len(segs) and segs[0][1] == "4"
    assert "(Resolution 45) and WTDC-17, including Objective\u00a02 and" in segs[1][1]
    # segments stay [op, text, change]: the name is not a fourth item
    assert {len(s) for r in rows.values() for s in r["lab"] + r["seg"]} == {3}


def test_the_viewer_syncs_them(doc):
    viewer = itu_nb.RedlineViewer(apply_ops(doc[KEY], [OPS[1]], author="Ana", date=DAY))
    row = next(r for r in viewer._rows if r["path"] == "resolves/3")
    assert [s["text"] for s in row["si"]] == [" and WTDC-17", "2 "]
    assert row["mn"] and all(name == "move-resolves/3" for _, name in row["mn"])
