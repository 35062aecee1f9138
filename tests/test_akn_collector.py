"""The Akoma Ntoso loader and the cyclic garbage collector (issue 19): the collector is paused while a file is
read, as for .docx (``loaders/gcpause.py``); a load's objects are handed to the oldest generation, and what a
caller set (the collector off) is left as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from itu_nb.errors import LoadError
from itu_nb.loaders.akn import load_akn

_FINAL_ACTS = Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml"


def test_a_loads_clauses_are_in_the_oldest_generation():
    gc.collect()
    doc = load_akn(_FINAL_ACTS.read_bytes(), "final-acts")
    # what the collector's next passes would read: the objects of its two young generations
    young = {id(o) for gen in (0, 1) for o in gc.get_objects(generation=gen)}
    made = [c for proposal in doc.proposals for c in proposal.walk()]
    assert len(made) > 3000  # the Final Acts' texts and parts: 3,821 clauses on main (0f8463a)
    assert all(map(gc.is_tracked, made[:10]))
    assert not any(id(c) in young for c in made)
    assert gc.isenabled()


def test_the_collector_stays_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        load_akn(_FINAL_ACTS.read_bytes(), "final-acts")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_after_a_file_refused():
    with pytest.raises(LoadError, match="x.xml"):
        load_akn(b"<notAkn/>", "x.xml")
    assert gc.isenabled()
