"""Parsing work grows linearly with the input (issue 19), counted, not timed.

Timings on a shared CI machine are noise; the number of Python lines a parse runs is not.  Each
test counts them (``sys.settrace``, every line event of every Python frame) for an input and for
the same input made 4× or 16× larger, and checks that the count grows at most in proportion: a quadratic stage
(a search through the siblings for each new one, a rescan of the text for each mark, a merge
that copies the run so far) makes the ratio grow with the size.  The figures a run gives are in
the assertion messages; ``benchmarks/bench_parse.py`` times the same inputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fingerprint import generated_text

import itu_nb

FIX = Path(__file__).parent / "fixtures"
BRAZIL_TEXT = (FIX / "pp18-doc67-brazil.flattened.txt").read_text(encoding="utf-8")
BRAZIL_CRITIC = (FIX / "pp18-doc67-brazil.reconstructed.critic.md").read_text(encoding="utf-8")


def steps(text: str, fmt: str) -> int:
    """Python lines run by ``itu_nb.load(text, format=fmt)`` (loops inside C, such as a regex's, not counted)."""
    itu_nb.load(text, format=fmt, max_bytes=10**9)  # warm the caches first: count the steady state
    n = 0

    def count(frame, event, arg):
        nonlocal n
        n += 1
        return count

    sys.settrace(count)
    try:
        itu_nb.load(text, format=fmt, max_bytes=10**9)
    finally:
        sys.settrace(None)
    return n


def items(n: int) -> str:
    """A proposal with one list of ``n`` items (as tests/fingerprint.py's generated text, resized)."""
    head, _, _ = generated_text().partition("a)\t")
    letters = "abcdefghijklmnopqrstuvwxyz"
    return head + "".join(f"{letters[i % 26]})\titem {i} of the list, with some words to read\n" for i in range(n))


@pytest.mark.parametrize(
    ("name", "small", "large", "times", "fmt"),
    [
        # the Brazil document repeated: its five proposals over and over
        ("Brazil text", BRAZIL_TEXT, BRAZIL_TEXT * 16, 16, "text"),
        ("Brazil CriticMarkup", BRAZIL_CRITIC, BRAZIL_CRITIC * 16, 16, "criticmarkup"),
        # one list, 2,500 then 10,000 items: each label repeats 96 then 385 times ("a#385")
        ("one list of items", items(2_500), items(10_000), 4, "text"),
        # a million-mark shape, smaller: marks on one line, then 16× as many
        (
            "marks on one line",
            "considering\n" + "{++a++} " * 5_000,
            "considering\n" + "{++a++} " * 80_000,
            16,
            "criticmarkup",
        ),
        # paragraphs of one section
        (
            "paragraphs",
            "considering\n" + "a paragraph.\n" * 2_000,
            "considering\n" + "a paragraph.\n" * 32_000,
            16,
            "text",
        ),
    ],
)
def test_work_grows_linearly(name, small, large, times, fmt):
    a, b = steps(small, fmt), steps(large, fmt)
    # proportional, with 10 % for what is paid once per document (imports are warm, caches filled)
    assert b <= a * times * 1.1, f"{name}: {a:,} steps, then {b:,} for {times}× the input ({b / a:.1f}×)"
