"""A move names its own runs only: the analyst's deletions of the same day in the clause moved stay deletions.

:func:`itu_nb.amendments.moving.name_moves` gave the move's name to every run of the struck original deleted by
the mover on the move's date; so words the analyst had deleted in the clause before moving it, the same day, read as
part of the move (``moved-from``), and rejecting the move took back those deletions too.  The move now names the
runs it strikes when it strikes them (:func:`itu_nb.amendments.wording.delete_node`, ``moved``), one by one and in a
run of moves.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), resolves 3 (line 141 of the file: "3<TAB>that
ITU shall focus resources and programmes on those areas of cybersecurity within its core mandate and expertise,
…"); Ana deletes "and programmes " from it, then moves it after resolves 5, both on 2026-12-05.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import MoveClause, ReplaceWords
from itu_nb.model import Op

DAY = "2026-12-05"
NAME = "move-resolves/3"


@pytest.fixture(scope="module")
def b67_4():
    return itu_nb.load(CRITIC, author="Brazil")["B/67/4"]


def _original(p):
    return next(n for n in p.walk() if n.key == "resolves/3")


@pytest.mark.parametrize("together", [False, True], ids=["one-call-each", "one-call"])
def test_the_analysts_own_deletion_stays_hers(b67_4, together):
    assert "3\tthat ITU shall focus resources and programmes on those areas" in CRITIC.read_text(encoding="utf-8")
    ops = [ReplaceWords("resolves/3", "and programmes ", ""), MoveClause("resolves/3", after="resolves/5")]
    if together:
        p = apply_ops(b67_4, ops, author="Ana", date=DAY)
    else:
        p = apply_ops(apply_ops(b67_4, ops[:1], author="Ana", date=DAY), ops[1:], author="Ana", date=DAY)
    runs = [(r.op, r.text, r.author, r.move) for r in _original(p).label_runs + _original(p).runs]
    # her deletion of "and programmes ": no move's; the rest of what she struck: the move's
    # (the word diff deletes "and programmes", the space after "resources" staying)
    assert (Op.DELETE, "and programmes", "Ana", None) in runs
    assert [t for op, t, a, m in runs if a == "Ana" and m is None] == ["and programmes"]
    assert {m for op, t, a, m in runs if a == "Ana" and t != "and programmes"} == {NAME}
    # Brazil's deletion of "3 " in the clause stays his
    assert (Op.DELETE, "3 ", "Brazil", None) in runs
    kinds = [(c.kind, c.author) for c in _original(p).changes]
    assert ("deleted", "Ana") in kinds and ("moved-from", "Ana") in kinds
    # rejecting the move alone keeps her deletion: resolves 3 back without "and programmes "
    move = [c.id for n in p.walk() for c in n.changes if c.kind in ("moved-from", "moved-to")]
    back = p.reject(move)
    assert back["resolves/3"].body("amended").startswith("that ITU shall focus resources")
    assert "and programmes" not in back["resolves/3"].body("amended")


def test_a_move_with_no_deletion_before_is_named_whole(b67_4):
    p = apply_ops(b67_4, [MoveClause("resolves/3", after="resolves/5")], author="Ana", date=DAY)
    original = _original(p)
    assert {r.move for r in original.label_runs + original.runs if r.author == "Ana"} == {NAME}
