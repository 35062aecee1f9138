"""The token table's one-pass coding and the regex trim of :mod:`itu_nb.diff.tokens` (issue 19).

:class:`~itu_nb.diff.tokens.Coder` gives a token it lacks the next free code while the diff is being
coded (a C-level pass per side), then gives new whitespace tokens their kind's code; :func:`trim`
finds its token boundaries with two regexes.  Both must behave exactly as the rules they replaced:
these tests hold them to those rules, written out here as the plain loops they were, on the real
Final Acts text.
"""

from __future__ import annotations

import random

from conftest import FINAL_ACTS

import itu_nb
from itu_nb.diff.tokens import Coder, tokens, trim


def _rule_trim(a: str, b: str) -> tuple[int, int]:
    """The trim rule as the character-by-character loops it was written as before issue 19's regexes."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    cut = p
    while cut > 0 and not (a[cut - 1].isspace() and cut < p and not a[cut].isspace()):
        cut -= 1
    q = len(a) - s + 1
    while q < len(a) and not (a[q - 1].isspace() and not a[q].isspace()):
        q += 1
    return cut, (len(a) - q if q < len(a) else 0)


def test_trim_cuts_where_the_character_rule_cuts_on_edited_final_acts_clauses():
    # clause texts of the first 20 Final Acts texts, edited at random: words replaced, spaces doubled,
    # made no-break or line breaks, so common ends end in every kind of character
    acts = itu_nb.load(FINAL_ACTS)
    bodies = [n.body("amended") for p in list(acts)[:20] for n in p.walk() if n.body("amended")]
    rng = random.Random(1930)
    cut_both = 0
    for _ in range(4000):
        a = rng.choice(bodies)
        t = tokens(a)
        for _ in range(rng.choice([0, 1, 2, 5])):
            k = rng.randrange(len(t))
            t[k] = rng.choice(["", " ", "\xa0", "  ", "\n", ",", rng.choice(t), "Union", "x "])
        b = "".join(t)
        got = trim(a, b)
        assert got == _rule_trim(a, b), (a, b)
        cut_both += got[0] > 0 and got[1] > 0
    assert cut_both > 500  # the common case: both ends cut


def test_a_new_whitespace_token_takes_its_kinds_code_in_a_later_diff():
    coder = Coder()
    # first diff: words and plain spaces only ("Resolution 130" as the Final Acts write it)
    ea, eb = coder.encode(tokens("Resolution 130 (Rev. Dubai, 2018)"), tokens("Resolution 130 (Rev. Busan, 2014)"))
    space = ea[1]
    assert eb[1] == space
    # a later diff brings a no-break space, a double space and a tab: each is a space of the same
    # kind, so all take the space's code; a run holding a line break takes another code
    ea, eb = coder.encode(tokens("Resolution\xa0130  of\tthe"), tokens("Resolution 130\n of the"))
    assert ea[1] == ea[3] == ea[5] == eb[1] == eb[5] == space
    assert eb[3] != space and eb[3] not in ea
    # the words keep their codes from diff to diff
    assert ea[0] == eb[0] == coder.table["Resolution"] and ea[2] == coder.table["130"]
    # and coding again gives the same strings (the table lacks nothing now)
    before = coder.n
    assert coder.encode(tokens("Resolution\xa0130  of\tthe"), tokens("Resolution 130\n of the")) == (ea, eb)
    assert coder.n == before


def test_one_pass_coding_gives_equal_codes_to_equal_tokens_only_on_res130():
    # Resolution 130 as adopted (Final Acts), clause by clause against its neighbour: every pair of
    # positions holds equal codes exactly when the tokens are equal, or both are whitespace of one kind
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    bodies = [n.body("amended") for n in adopted.walk() if n.body("amended")]
    assert len(bodies) > 40
    coder = Coder()

    def kind(t: str) -> str:
        if not t[0].isspace():
            return t
        return "\n" if any(c in t for c in "\n\r\u2028\u2029") else " "

    for a, b in zip(bodies, bodies[1:], strict=False):
        ta, tb = tokens(a), tokens(b)
        ea, eb = coder.encode(ta, tb)
        assert len(ea) == len(ta) and len(eb) == len(tb)
        codes = dict(zip(ta + tb, ea + eb, strict=True))
        for x in set(ta) | set(tb):
            for y in set(ta) | set(tb):
                assert (codes[x] == codes[y]) == (kind(x) == kind(y)), (x, y)
