"""Relettered items (``cb)`` read as c) relettered b)) take the item loop as other items do (issue 19, session 14).

The flattened Doc 67 runs deleted and inserted letters together in two lists of B/67/4 (lines 95–102,
``cb)`` to ``jh)``, and 124–130, ``bc)`` to ``hi)``): each such line used to leave the item loop for the
general steps of ``_paragraph``.  The loop now reads it, with the same label runs, path, scheme, notes and
warnings as the general steps give (``routed_one_by_one``: every line through ``add_line``, no item fast path).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_text_fast_paths import routed_one_by_one

import itu_nb
from itu_nb.parsing.document import build_document

FIX = Path(__file__).parent / "fixtures"
LINES = (FIX / "pp18-doc67-brazil.flattened.txt").read_text(encoding="utf-8-sig").split("\n")
HEAD = "MOD\tX/1/1\nRESOLUTION 1\nTitle\n"


def same_tree(text: str) -> None:
    fast = build_document(text.split("\n"), source="<t>", fmt="text", infer=True).proposals[0]
    slow = routed_one_by_one(text)
    assert [(c.path, c.kind, c.label_runs, c.runs, c.notes, c.line, len(c.children)) for c in fast.walk()] == [
        (c.path, c.kind, c.label_runs, c.runs, c.notes, c.line, len(c.children)) for c in slow.walk()
    ]
    assert fast.warnings == slow.warnings


@pytest.mark.parametrize("span", [(91, 105), (120, 130)])
def test_the_relettered_lists_of_doc_67(span):
    # lines 92–105 and 121–130 of the flattened file (1-based): a section line, then its items
    same_tree(HEAD + "\n".join(LINES[span[0] : span[1]]))


def test_relettered_items_of_doc_67_through_load():
    # flattened line 95 "cb)<TAB>that, with the application…": c) relettered b), under "considering further"
    doc = itu_nb.load(FIX / "pp18-doc67-brazil.flattened.txt")
    relettered = [c for p in doc for c in p.walk() if any("relettered" in n for n in c.notes)]
    assert len(relettered) == 14  # lines 95–99, 101–102 and 124–130
    assert [(c.label_original, c.label) for c in relettered[:3]] == [("c)", "b)"), ("d)", "c)"), ("e)", "d)")]
    assert relettered[0].path == "considering/b#2"  # b) at line 94 holds "b"
    assert relettered[0].notes[0] == "label cb) read as c) relettered b)"


@pytest.mark.parametrize("seed", range(60))
def test_random_lists_with_relettered_items(seed):
    rng = random.Random(seed)
    labels = ["a)", "b)", "cb)", "dc)", "c)", "hi)", "ig)", "i)", "ii)", "h)", "1", "2", "•", "ab)", "zy)"]
    ends = [";", ":", ",", ""]
    items = [f"{rng.choice(labels)}\tthe text{rng.choice(ends)}" for _ in range(rng.randint(1, 30))]
    if rng.random() < 0.3:
        items.insert(rng.randint(0, len(items)), "A paragraph.")
    same_tree(HEAD + rng.choice(["considering\n", "resolves\n"]) + "\n".join(items) + "\n")
