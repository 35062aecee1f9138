"""A clause's comments and highlights carried over to its new runs in one pass over the word diff (issue 17).

:func:`itu_nb.amendments.retyping._moved_offsets` found each artefact's piece of the word diff by a scan of the
pieces, once per comment or highlight: a clause of thousands of comments edited once went over its diff thousands
of times.  It now finds it by bisection; :func:`_reference` below is the scan as it was (556c042), and the two must
agree on every clause.
"""

from __future__ import annotations

import dataclasses

from conftest import CRITIC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb import Op
from itu_nb.amendments.retyping import _moved_offsets, retyped
from itu_nb.diff.words import diff_words
from itu_nb.model import Artefact, Clause, NodeKind, Run


def _reference(clause: Clause, runs: tuple[Run, ...]) -> tuple:
    """``_moved_offsets`` as 556c042 wrote it: a scan of the diff's pieces per artefact."""
    if not clause.artefacts:
        return ()
    label = "".join(r.text for r in clause.label_runs)
    old = label + "".join(r.text for r in clause.runs)
    new = label + "".join(r.text for r in runs)
    pieces: list[tuple[int, int, int, int]] = []
    a = b = 0
    for op, piece in diff_words(old, new).ops:
        if op <= 0:
            pieces.append((a, a + len(piece), b, op))
            a += len(piece)
        if op >= 0:
            b += len(piece)

    def move(at):
        if at is None:
            return None
        if at >= len(old):
            return len(new) + at - len(old)
        start, _end, to, op = next(p for p in pieces if p[0] <= at < p[1])
        return to + (at - start) if op == 0 else to

    return tuple(dataclasses.replace(art, offset=move(art.offset)) for art in clause.artefacts)


TEXT = st.text(alphabet="ab c.\u00a0", max_size=40)


@st.composite
def _clause_and_runs(draw):
    body = draw(st.lists(st.tuples(st.sampled_from([Op.EQUAL, Op.DELETE, Op.INSERT]), TEXT), max_size=6))
    runs = tuple(Run(op, text, "Ana" if op is not Op.EQUAL else None) for op, text in body if text)
    label = (Run(Op.EQUAL, "1\t"),) if draw(st.booleans()) else ()
    size = sum(len(r.text) for r in label + runs)
    offsets = draw(st.lists(st.one_of(st.none(), st.integers(0, size + 3)), max_size=8))
    arts = tuple(Artefact("comment", f"c{k}", 1, at, Op.EQUAL, "Bo", None) for k, at in enumerate(offsets))
    clause = Clause(NodeKind.ITEM, "x", label, runs, artefacts=arts)
    typed = draw(TEXT)
    return clause, retyped(runs, typed, "Cy", None)[0]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_clause_and_runs())
def test_one_pass_places_every_artefact_as_the_scan_did(drawn):
    clause, runs = drawn
    assert _moved_offsets(clause, runs) == _reference(clause, runs)


def test_doc67_clause_with_a_comment_per_word_edited():
    """B/67/4 resolves 3 (source line 141) with a comment after each of its words, retyped with two words changed."""
    doc = itu_nb.load(CRITIC, author="Brazil")
    c = doc["B/67/4"]["resolves/3"]
    source = "".join(r.text for r in c.label_runs + c.runs)
    ends = [k for k in range(1, len(source)) if source[k] == " " and source[k - 1] != " "]
    arts = tuple(Artefact("comment", f"n{k}", c.line or 0, at, Op.EQUAL, "Ana", None) for k, at in enumerate(ends))
    c = dataclasses.replace(c, artefacts=arts)
    text = c.body("amended").replace("cybersecurity", "cyber security").replace("WTDC-17", "WTDC-21")
    runs = retyped(c.runs, text, "Ana", "2026-12-05")[0]
    moved = _moved_offsets(c, runs)
    assert moved == _reference(c, runs)
    new = "".join(r.text for r in c.label_runs + runs)
    # the comment after "focus" (the 4th word) still follows it: the edits come later in the text
    assert new[: moved[3].offset].endswith("shall focus")
