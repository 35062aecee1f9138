"""join_runs: neighbouring runs of one op, author, date and flag merge; empty runs go; the others stay as they are.

These tests put groups at the start, in the middle and at the end, next to empty runs and to runs that differ
by one field only.  What each must give follows from the runs written (said at each test).
"""

from __future__ import annotations

import random

from itu_nb.model import Op, Run, join_runs


def _merged_one_by_one(runs):
    """join_runs as its docstring says it, one run at a time: the expected result, computed here."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        last = out[-1] if out else None
        if last is not None and (last.op, last.author, last.date, last.inferred, last.move) == (
            r.op,
            r.author,
            r.date,
            r.inferred,
            r.move,
        ):
            out[-1] = last.with_text(last.text + r.text)
        else:
            out.append(r)
    return tuple(out)


def test_groups_at_the_start_middle_and_end_merge():
    # "a" "b" (equal) merge, "c" stays (inserted), "d" "" "e" "f" (deleted by Fiji) merge over the empty run,
    # "g" (deleted by Peru) stays, "h" "i" (equal) merge at the end
    fiji, peru = ("Fiji", "2019-03-05"), ("Peru", "2019-03-05")
    runs = [
        Run(Op.EQUAL, "a"),
        Run(Op.EQUAL, "b"),
        Run(Op.INSERT, "c"),
        Run(Op.DELETE, "d", *fiji),
        Run(Op.DELETE, ""),
        Run(Op.DELETE, "e", *fiji),
        Run(Op.DELETE, "f", *fiji),
        Run(Op.DELETE, "g", *peru),
        Run(Op.EQUAL, "h"),
        Run(Op.EQUAL, "i"),
    ]
    got = join_runs(runs)
    assert [(int(r.op), r.text, r.author) for r in got] == [
        (0, "ab", None),
        (1, "c", None),
        (-1, "def", "Fiji"),
        (-1, "g", "Peru"),
        (0, "hi", None),
    ]
    assert got[1] is runs[2] and got[3] is runs[7]  # a run that merges with none is kept, not copied


def test_runs_that_differ_by_one_field_stay_apart():
    # same op and text, but another date, flag or move: nothing merges; an empty run alone is dropped
    runs = [
        Run(Op.INSERT, "x", "A", "2019-01-01"),
        Run(Op.INSERT, "x", "A", "2019-01-02"),
        Run(Op.INSERT, "x", "A", "2019-01-02", True),
        Run(Op.INSERT, "x", "A", "2019-01-02", True, "m1"),
        Run(Op.INSERT, ""),
    ]
    assert join_runs(runs) == tuple(runs[:4])
    assert join_runs([Run(Op.EQUAL, "")]) == () and join_runs(()) == ()


def test_random_runs_merge_as_one_by_one():
    # 2,000 lists of up to 60 runs drawn from a few ops, authors and texts (some empty): the result is the one
    # a merge of one run at a time gives
    rnd = random.Random(15)
    for _ in range(2_000):
        runs = [
            Run(rnd.choice(list(Op)), rnd.choice(["", "a", "bc"]), rnd.choice([None, "Fiji"]), None, rnd.random() < 0.1)
            for _ in range(rnd.randint(0, 60))
        ]
        assert join_runs(runs) == _merged_one_by_one(runs)
