"""The .docx loader and the cyclic garbage collector (issue 19): a load's objects are handed to the oldest
generation, so the collector's next passes over the youngest ones do not re-scan a whole document, and
what a caller set (the collector off, objects frozen) is left as it was."""

from __future__ import annotations

import gc
from pathlib import Path

from itu_nb.loaders.docx import load_docx

_BRAZIL = Path(__file__).parent / "fixtures" / "pp18-doc67-brazil.pandoc.docx"


def _clauses(clauses):
    for c in clauses:
        yield c
        yield from _clauses(c.children)


def test_a_loads_clauses_are_in_the_oldest_generation():
    gc.collect()
    doc = load_docx(_BRAZIL.read_bytes(), "brazil")
    young = {id(o) for gen in (0, 1) for o in gc.get_objects(generation=gen)}
    clauses = [c for p in doc.proposals for c in _clauses(p.clauses)]
    # the five proposals of PP-18 Document 67 (B/67/1-5) and their 244 clauses (headings, titles, sections,
    # items, Reasons, notes): as many as the CriticMarkup file this .docx was written from has
    assert len(doc.proposals) == 5 and len(clauses) == 244
    assert all(gc.is_tracked(c) for c in clauses[:10])
    assert not [c for c in clauses if id(c) in young]
    assert gc.isenabled()


def test_a_callers_frozen_objects_stay_frozen():
    gc.collect()
    mine = [[] for _ in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen >= len(mine)
        load_docx(_BRAZIL.read_bytes(), "brazil")
        # not released: the caller's objects are in no generation the collector passes over; nor the load's
        # objects added (the count may fall: a frozen object that dies meanwhile, e.g. an earlier test's, leaves it)
        unfrozen = {id(o) for gen in (0, 1, 2) for o in gc.get_objects(generation=gen)}
        assert not [m for m in mine if id(m) in unfrozen]
        assert gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_a_collector_turned_off_stays_off():
    gc.disable()
    try:
        load_docx(_BRAZIL.read_bytes(), "brazil")
        assert not gc.isenabled()
    finally:
        gc.enable()
