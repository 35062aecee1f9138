"""itu_nb.diff.words: word-level diffs, their invariants, the two backends and the fallbacks."""

from __future__ import annotations

import zlib

import pytest
from bounds import bounded
from hypothesis import given, settings
from hypothesis import strategies as st

from itu_nb.diff.words import (
    BACKEND,
    DELETE,
    EQUAL,
    INSERT,
    WordDiff,
    diff_sequences,
    diff_words,
    sentences,
    tokens,
)

HAS_CPP = BACKEND == "cpp"
BACKENDS = ["python", "cpp"] if HAS_CPP else ["python"]
needs_cpp = pytest.mark.skipif(not HAS_CPP, reason="fast-diff-match-patch is not installed")


def old_side(d: WordDiff) -> str:
    return "".join(t for op, t in d.ops if op != INSERT)


def new_side(d: WordDiff) -> str:
    return "".join(t for op, t in d.ops if op != DELETE)


def changes(d: WordDiff) -> list[tuple[str, str]]:
    """(deleted, inserted) per contiguous change."""
    out, dele, ins = [], "", ""
    for op, t in list(d.ops) + [(EQUAL, "")]:
        if op == EQUAL:
            if dele or ins:
                out.append((dele, ins))
            dele = ins = ""
        elif op == DELETE:
            dele += t
        else:
            ins += t
    return out


# -- tokens -------------------------------------------------------------------
def test_tokens_keep_citations_and_numbers_whole():
    # "2016-2019", "68/167", "WTDC‑14" (non-breaking hyphen, as in the corpus) are one token each,
    # so a changed period or resolution number is one change, not "2016-20[16→20]".
    assert tokens("for 2016-2019 and 68/167, WTDC‑14.") == [
        "for", " ", "2016-2019", " ", "and", " ", "68/167", ",", " ", "WTDC‑14", ".",
    ]  # fmt: skip


@given(st.text())
def test_tokens_and_sentences_join_back(text):
    assert "".join(tokens(text)) == text
    assert "".join(sentences(text)) == text


# -- behaviour on small examples ------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_no_fragments_of_words(backend):
    # character diffs give "te[s→x]t"; a word diff replaces the word
    assert diff_words("the test case", "the text case", backend=backend).ops == (
        (EQUAL, "the "), (DELETE, "test"), (INSERT, "text"), (EQUAL, " case"),
    )  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_word_change_in_a_repetitive_text_stays_one_change(backend):
    words = ["the", "Council", "shall", "report"] * 200
    new = list(words)
    new[401] = "Secretary-General"
    d = diff_words(" ".join(words), " ".join(new), backend=backend)
    assert changes(d) == [("Council", "Secretary-General")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_revision_citation(backend):
    # PP-18 Doc 67 line 76: RESOLUTION 130 (Rev. {--Busan, 2014--}{++Dubai, 2018++})
    d = diff_words("RESOLUTION 130 (Rev. Busan, 2014)", "RESOLUTION 130 (Rev. Dubai, 2018)", backend=backend)
    assert changes(d) == [("Busan", "Dubai"), ("2014", "2018")]


def test_punctuation_is_its_own_token():
    d = diff_words("resolves to continue,", "resolves to continue;")
    assert changes(d) == [(",", ";")]


def test_whitespace_kinds_align_words_and_still_show():
    # a no-break space (Word) against a space (PDF/AKN) is a change of whitespace only, not of the words
    d = diff_words("Resolution\xa0130 of 2014", "Resolution 130 of 2018")
    assert changes(d) == [("\xa0", " "), ("2014", "2018")]
    d = diff_words("Resolution\xa0130 of 2014", "Resolution 130 of 2018", ignore_whitespace=True)
    assert changes(d) == [("2014", "2018")]
    assert new_side(d) == "Resolution 130 of 2018"
    assert diff_words("a\xa0b", "a b", ignore_whitespace=True).ops == ((EQUAL, "a b"),)


def test_little_equalities_inside_a_rewrite_are_folded():
    # Res 130 considering b) (line 94) was rewritten whole; " of " and " and " shared by chance
    # must not cut the rewrite into pieces.
    old = "the crucial importance of information and communication infrastructures and their applications to practically all forms of social and economic activity;"
    new = "that UNGA Resolution 70/125, which represents the Outcome document of the high-level meeting, affirms that building confidence and security in the use of information and communications technologies should be a priority;"
    assert changes(diff_words(old, new)) == [(old[:-1], new[:-1])]


def test_delete_comes_before_insert():
    for op_pairs in (diff_words("a b c", "a x c").ops, diff_words("x y", "z").ops):
        seen = [op for op, _ in op_pairs if op != EQUAL]
        assert seen == sorted(seen)


def test_empty_sides():
    assert diff_words("", "").ops == ()
    assert diff_words("", "new").ops == ((INSERT, "new"),)
    assert diff_words("old", "").ops == ((DELETE, "old"),)
    assert diff_words("same", "same").ops == ((EQUAL, "same"),)


def test_bad_arguments():
    with pytest.raises(ValueError, match="timeout"):
        diff_words("a", "b", timeout=0)
    with pytest.raises(ValueError, match="backend"):
        diff_words("a", "b", backend="rust")


# -- invariants -----------------------------------------------------------------
WORDS = st.sampled_from(["the", "Council", "ITU", "2014", "2018", "resolves", "a)", "b)", ",", ";", ".", "Rev."])
SPACE = st.sampled_from([" ", " ", " ", "\xa0", "\t", "\n", "  "])
TEXT = st.lists(st.tuples(WORDS, SPACE), max_size=40).map(lambda xs: "".join(w + s for w, s in xs))


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.sampled_from(BACKENDS))
def test_sides_join_back(a, b, backend):
    d = diff_words(a, b, backend=backend)
    assert old_side(d) == a
    assert new_side(d) == b
    assert all(t for _, t in d.ops)
    assert all(x[0] != y[0] for x, y in zip(d.ops, d.ops[1:], strict=False) if EQUAL in (x[0], y[0]))


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_ignoring_whitespace_keeps_the_new_side_and_the_old_words(a, b):
    d = diff_words(a, b, ignore_whitespace=True)
    assert new_side(d) == b
    assert old_side(d).split() == a.split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, SPACE, st.booleans()), min_size=1, max_size=40), st.sampled_from(BACKENDS))
def test_spaces_written_as_no_break_spaces_are_each_a_change_of_that_space_only(parts, backend):
    # a Word text (no-break spaces) against its PDF conversion (spaces), as the adopted Final Acts
    # against a proposal: every such space is its own change, the words between stay equal
    a = "".join(w + s for w, s, _ in parts)
    b = "".join(w + ("\xa0" if flip and s == " " else s) for w, s, flip in parts)
    d = diff_words(a, b, backend=backend)
    assert old_side(d) == a and new_side(d) == b
    assert changes(d) == [(" ", "\xa0")] * sum(1 for _, s, flip in parts if flip and s == " ")
    assert diff_words(a, b, backend=backend, ignore_whitespace=True).ops == ((EQUAL, b),)


@given(TEXT)
def test_text_against_itself_has_no_change(a):
    assert all(op == EQUAL for op, _ in diff_words(a, a).ops)


@needs_cpp
@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_backends_give_identical_results(a, b):
    assert diff_words(a, b, backend="python") == diff_words(a, b, backend="cpp")


@needs_cpp
def test_backends_agree_on_the_corpus(critic):
    for p in critic:
        for old, new in zip(p.original.walk(), p.amended.walk(), strict=False):
            a, b = old.body(), new.body()
            assert diff_words(a, b, backend="python") == diff_words(a, b, backend="cpp"), old.path


# -- bounds and fallbacks ---------------------------------------------------------
def _words(n: int, seed: int = 7) -> list[str]:
    import random

    rnd = random.Random(seed)
    vocab = [f"w{k}" for k in range(300)]
    return [rnd.choice(vocab) for _ in range(n)]


def test_text_against_its_reverse_falls_back_within_the_bound():
    words = _words(4000)
    a, b = " ".join(words), " ".join(reversed(words))
    d = diff_words(a, b, timeout=0.2, backend="python")
    assert d.coarse and d.level in ("sentence", "block")
    assert "time limit" in d.reason
    assert old_side(d) == a and new_side(d) == b
    # two attempts, plus linear work: bounded as CPU time in a child (a row of benchmarks/bench_bounds.py)
    r = bounded(
        f"""
        from itu_nb.diff.words import diff_words
        print(diff_words({a!r}, {b!r}, timeout=0.2, backend="python").level)
        """,
        label="word diff: 4,000 words against their reverse (time limit 0.2 s)",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == [d.level]


def test_hopeless_inputs_skip_the_word_diff():
    # two long texts with almost no words in common: the edit distance is known to be huge
    a = " ".join(f"a{k}" for k in range(6000))
    b = " ".join(f"b{k}" for k in range(6000))
    d = diff_words(a, b, backend="python")
    assert d.level != "word" and "mostly differ" in d.reason
    assert old_side(d) == a and new_side(d) == b


def test_block_level_keeps_common_prefix_and_suffix():
    d = diff_words("keep this old part and this end", "keep this new bit and this end", level="block")
    assert d.level == "block"
    assert d.ops == ((EQUAL, "keep this "), (DELETE, "old part"), (INSERT, "new bit"), (EQUAL, " and this end"))


def test_one_huge_clause_is_fast():
    words = _words(200_000, seed=3)  # about 1 MB of text
    new = list(words)
    for k in range(0, len(new), 20_000):
        new[k] = "CHANGED"
    a, b = " ".join(words), " ".join(new)
    d = diff_words(a, b)
    assert d.level == "word"
    assert len(changes(d)) == 10
    # bounded as CPU time in a child (a row of benchmarks/bench_bounds.py), not wall clock here
    r = bounded(
        """
        import random, zlib
        from itu_nb.diff.words import diff_words
        rnd, vocab = random.Random(3), [f"w{k}" for k in range(300)]
        words = [rnd.choice(vocab) for _ in range(200_000)]  # as _words(200_000, seed=3)
        new = list(words)
        for k in range(0, len(new), 20_000):
            new[k] = "CHANGED"
        a, b = " ".join(words), " ".join(new)
        print(zlib.crc32(a.encode()), zlib.crc32(b.encode()), diff_words(a, b).level)
        """,
        label="word diff: one clause of 200,000 words (about 1 MB), 10 words changed",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == [str(zlib.crc32(a.encode())), str(zlib.crc32(b.encode())), "word"]  # the same texts


# -- sequences ----------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_diff_sequences(backend):
    ops, late = diff_sequences(["a", "b", "c", "d"], ["a", "c", "d", "e"], backend=backend)
    assert not late
    assert ops == [(EQUAL, 1), (DELETE, 1), (EQUAL, 2), (INSERT, 1)]
    assert diff_sequences([], [], backend=backend) == ([], False)
