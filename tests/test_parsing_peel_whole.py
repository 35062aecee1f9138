"""``peel_label``'s one-view path gives what its general loop gives (issue 19, session 14).

A paragraph inserted (or deleted) whole, in one run or several (Word splits a run at every change of
formatting; Brazil's Doc 67 inserts ``f)<TAB>…`` whole), is cut as equal runs are: the other view is
empty, so the label is the one view's.  The general loop is reached with the same runs and one empty
equal run after them: that run stops the one-view path, and is taken out of the body again.
"""

from __future__ import annotations

import random

import pytest

from itu_nb.model import Op, Run
from itu_nb.parsing.labels import peel_label

PIECES = ["f)", "\t", "f)\t", "to encourage ", "Member States", " ", "", "(", "a", ") ", "12", ".", "•", "\t\t"]
PIECES += ["1.1 ", "x" * 25]


def general(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """peel_label through its general loop: an empty equal run appended (and taken out of the result)."""
    stop = Run(Op.EQUAL, "")
    label, body = peel_label([*runs, stop])
    return label, [r for r in body if r is not stop]


@pytest.mark.parametrize("op", [Op.INSERT, Op.DELETE])
def test_a_paragraph_inserted_whole_in_runs(op):
    # Doc 67's B/67/4 inserts "f)<TAB>to encourage …" whole; as Word writes it, in three runs
    runs = [Run(op, "f)", "Brazil"), Run(op, "\t", "Brazil"), Run(op, "to encourage Member States", "Brazil")]
    label, body = peel_label(runs)
    assert [r.text for r in label] == ["f)", "\t"]
    assert [r.text for r in body] == ["to encourage Member States"]
    assert all(r.op is op and r.author == "Brazil" for r in label + body)
    assert (label, body) == general(runs)


@pytest.mark.parametrize("seed", range(300))
def test_one_view_runs_as_the_general_loop(seed):
    rng = random.Random(seed)
    op = rng.choice([Op.INSERT, Op.DELETE, Op.EQUAL])
    runs = [Run(op, rng.choice(PIECES), rng.choice([None, "Brazil"])) for _ in range(rng.randint(1, 8))]
    if not "".join(r.text for r in runs):
        return
    assert peel_label(runs) == general(runs)
