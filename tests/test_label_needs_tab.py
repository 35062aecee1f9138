"""A label ends with a TAB: a line without one is not matched against ``kw.LABEL`` at all.

``label_split``, the item loops (``parsing/items.py``), the paragraph loop (``parsing/presplit.py``) and
``build_document`` skip the regex on a line with no TAB.  These tests check the premise on the pattern, and
that ``label_split`` gives what the regex alone gave (``_reference``, the function at 89987c7) on every line of
the corpus's texts and on label-like lines without a TAB.
"""

from __future__ import annotations

from pathlib import Path

from fingerprint import generated_text

from itu_nb.parsing import keywords as kw
from itu_nb.parsing.labels import label_split

FIX = Path(__file__).parent / "fixtures"


def _reference(text: str) -> int:
    """``label_split`` at 89987c7: the regex on every line."""
    m = kw.LABEL.match(text)
    if m:
        return m.end()
    if text.startswith("\t") and text.strip():
        return 1
    return 0


def test_every_label_ends_with_a_tab():
    # the separator group is the pattern's end: "\s*\t" (what labels.py checks when imported)
    assert kw.LABEL.pattern.endswith(r"(?P<sep>\s*\t)")
    for text in ("a)\tx", "1\tx", "iv)  \tx", "1.2 bis.\tx", "•\tx"):
        m = kw.LABEL.match(text)
        assert m and text[m.end() - 1] == "\t"


def test_label_split_as_the_regex_alone():
    texts = [
        (FIX / "pp18-doc67-brazil.flattened.txt").read_text(encoding="utf-8"),
        (FIX / "pp18-doc67-brazil.reconstructed.critic.md").read_text(encoding="utf-8"),
        generated_text(),
    ]
    lines = [line for t in texts for line in t.split("\n")]
    lines += ["a) no tab after it", "1. no tab", "iv) words", "\t", "\tbullet", "a)\t", "1 \t words", "ab)\twords"]
    got = [label_split(line) for line in lines]
    assert got == [_reference(line) for line in lines]
    # Doc 67 flattened line 11 is "a)<TAB>receive from the Bureau of that Sector …": label and TAB, 3 characters
    doc67 = (FIX / "pp18-doc67-brazil.flattened.txt").read_text(encoding="utf-8").split("\n")
    assert doc67[10].startswith("a)\t") and label_split(doc67[10]) == 3
    assert sum(1 for n in got if n) > 100  # the corpus's items: many lines have labels
