"""The shape of the comparison's speed work (issue 19): what each shortcut relies on, on the real corpus.

Each shortcut of ``itu_nb.compare`` must leave every result as it was; the corpus redlines were
checked byte for byte against the code before them (both diff backends).  These tests pin what
the shortcuts rely on, so that a later change that breaks the reasoning fails here:

- the word diffs of one comparison share one token table (:class:`itu_nb.diff.tokens.Coder`):
  same diffs as a table per diff, and fewer codes given;
- ``diff_words`` trims the common ends once: trimming the middles again never cuts;
- ``Proposal.changed`` and ``Proposal.changes`` are computed once per (frozen) proposal.
"""

from __future__ import annotations

import random

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.diff.tokens import CAPACITY, Coder, encode, tokens, trim
from itu_nb.diff.words import BACKEND, diff_words

BACKENDS = ["python", "cpp"] if BACKEND == "cpp" else ["python"]


@pytest.fixture(scope="module")
def res130_pairs() -> list[tuple[str, str]]:
    """The bodies of the clause pairs whose text differs: Resolution 130 as adopted at Dubai (Final
    Acts) against Brazil's B/67/4 as amended, the pair of issue 19's benchmark (bench_end_to_end).
    """
    brazil = itu_nb.load(CRITIC)["B/67/4"]
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    cmp = itu_nb.compare(adopted, brazil.amended, typography="show")
    pairs = [(p.text("old"), p.text("new")) for p in cmp.pairs if p.old is not None and p.new is not None]
    return [(a, b) for a, b in pairs if a != b]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_shared_token_table_gives_the_diffs_a_table_per_diff_gives(res130_pairs, backend):
    # the two texts differ in most clauses (the adopted text renumbers, rewords and adds)
    assert len(res130_pairs) > 40
    coder = Coder()
    for a, b in res130_pairs:
        for ws in (False, True):
            shared = diff_words(a, b, backend=backend, ignore_whitespace=ws, coder=coder)
            assert shared == diff_words(a, b, backend=backend, ignore_whitespace=ws), (a, b)


def test_a_shared_token_table_codes_each_recurring_word_once(res130_pairs):
    coder = Coder()
    alone = 0  # codes given with a table per diff
    for a, b in res130_pairs:
        ta, tb = tokens(a), tokens(b)
        coder.encode(ta, tb)
        own = Coder()
        own.encode(ta, tb)
        alone += own.n
    # "the", "of", "ITU", "Member States"… recur from clause to clause: far fewer codes shared
    assert coder.n < alone / 2


def test_a_full_token_table_starts_afresh_and_still_codes_the_diff_alike(res130_pairs):
    a, b = res130_pairs[0]
    ta, tb = tokens(a), tokens(b)
    coder = Coder()
    coder.n = CAPACITY - 3  # as if earlier diffs had used every code but three
    got = coder.encode(ta, tb)
    assert coder.n < 100 and len(coder.table) >= len(set(ta) | set(tb))  # afresh: only this diff's tokens
    fresh = encode(ta, tb)
    # the codes may differ; which tokens are equal may not
    assert [x == y for x in got[0] for y in got[1]] == [x == y for x in fresh[0] for y in fresh[1]]


def test_trimming_the_middles_again_never_cuts():
    # real clause texts of the Final Acts, edited at random (words deleted, inserted, replaced,
    # spaces doubled or made no-break): after one trim, the middles have no common ends to cut
    acts = itu_nb.load(FINAL_ACTS)
    bodies = [n.body("amended") for p in list(acts)[:20] for n in p.walk() if len(n.body("amended")) > 30]
    rng = random.Random(19)
    trimmed = 0
    for _ in range(3000):
        a = rng.choice(bodies)
        t = tokens(a)
        for _ in range(rng.choice([1, 2, 4])):
            k = rng.randrange(len(t))
            t[k] = rng.choice(["", " ", "\xa0", "  ", ",", rng.choice(t), "Union"])
        b = "".join(t)
        p, s = trim(a, b)
        mid_a, mid_b = a[p : len(a) - s], b[p : len(b) - s]
        if (p or s) and mid_a and mid_b and mid_a != mid_b:
            trimmed += 1
            assert trim(mid_a, mid_b) == (0, 0), (a, b)
    assert trimmed > 100


def test_changed_and_changes_are_computed_once_per_proposal():
    p = itu_nb.load(CRITIC)["B/67/4"]
    assert "changed" not in p.__dict__
    # B/67/4 carries Brazil's marks (CriticMarkup {++ ++} / {-- --} in the fixture)
    assert p.changed is True
    assert p.__dict__["changed"] is True  # kept on the frozen proposal
    assert p.changes is p.changes and len(p.changes) > 0
    assert p.amended.changed is False and p.amended.changes == ()
    # a new proposal (dataclasses.replace, a view, accept) computes its own
    assert p.accept().changed is False
