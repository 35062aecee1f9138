"""The text and CriticMarkup loaders and the cyclic garbage collector (issue 17): the collector is paused while a
text is parsed (``parsing.no_collection``) and the objects made are handed to its oldest generation, as the .docx
and Akoma Ntoso loaders do (``loaders/gcpause.py``).  Left in the youngest generation, a load of 100,000 items was
walked by the collector's next passes (0.07 s at the loader's next allocation, 0.09 s at a writer's first import);
what a caller set (the collector off, objects frozen) is left as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import itu_nb

_FIXTURES = Path(__file__).parent / "fixtures"
_CRITIC = _FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md"
_FLAT = _FIXTURES / "pp18-doc67-brazil.flattened.txt"


def _young() -> set[int]:
    """The objects the collector's next passes would read: those of its two young generations."""
    return {id(o) for gen in (0, 1) for o in gc.get_objects(generation=gen)}


def _clauses(doc) -> list:
    return [c for proposal in doc.proposals for c in proposal.walk()]


def test_a_criticmarkup_loads_clauses_are_in_the_oldest_generation():
    gc.collect()
    doc = itu_nb.load(_CRITIC.read_text(encoding="utf-8"), format="criticmarkup")
    made = _clauses(doc)
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]  # Doc 67's five proposals
    assert len(made) > 100 and all(map(gc.is_tracked, made[:10]))
    young = _young()
    assert not any(id(c) in young for c in made)
    assert gc.isenabled()


def test_a_text_loads_clauses_are_in_the_oldest_generation():
    gc.collect()
    doc = itu_nb.load(_FLAT.read_text(encoding="utf-8"), format="text")
    made = _clauses(doc)
    assert len(made) > 100
    young = _young()
    assert not any(id(c) in young for c in made)
    assert gc.isenabled()


def test_a_writer_leaves_the_collector_on_and_the_document_old():
    doc = itu_nb.load(_CRITIC.read_text(encoding="utf-8"), format="criticmarkup")
    text = itu_nb.to_criticmarkup(doc)
    assert "{--Busan, 2014--}" in text  # Brazil's change to Resolution 130's formula
    young = _young()
    assert gc.isenabled() and not any(id(c) in young for c in _clauses(doc))


def test_the_collector_stays_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        itu_nb.load(_CRITIC.read_text(encoding="utf-8"), format="criticmarkup")
        itu_nb.to_criticmarkup(itu_nb.load(_FLAT.read_text(encoding="utf-8"), format="text"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_callers_frozen_objects_stay_frozen():
    text = _CRITIC.read_text(encoding="utf-8")
    # Loaded once first, so that the label caches hold what this text asks: a cache already full (an earlier test's
    # 100,000 labels) would otherwise drop a frozen entry to make room, one object fewer that no unfreeze released.
    itu_nb.load(text, format="criticmarkup")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        doc = itu_nb.load(text, format="criticmarkup")
        assert gc.get_freeze_count() == frozen  # not released by the loader's hand-over (unfreeze)
        assert gc.isenabled() and len(doc.proposals) == 5
    finally:
        gc.unfreeze()
