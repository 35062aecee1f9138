"""Which clause keys the writers store (``export.lines.keys_to_store``), asked in one walk (``relettering.keeps_paths``).

Source: Resolution 130 (Rev. Dubai, 2018) in the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml), whose
*considering* runs a) … r) and *recognizing* a) … o).  The keys are stored when a reload could not tell them from the
labels: the answer must be what recomputing every path (``relettering.repath``) and comparing says.
"""

from __future__ import annotations

from pathlib import Path

import itu_nb
from itu_nb.amendments.edits import DeleteClause, InsertClause, apply_ops
from itu_nb.amendments.relettering import keeps_paths, repath
from itu_nb.export.lines import keys_to_store

RES130 = itu_nb.load(Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml")["Resolution 130"]
WHO = {"author": "CEPT", "date": "2018-10-01"}


def _by_repath(proposal):
    """The keys to store as b3e66ba computed them: every path recomputed, then compared with each key."""
    fresh = repath(proposal)
    if all(a.key == b.path and not a.settled for a, b in zip(proposal.walk(), fresh.walk(), strict=True)):
        return None
    return [[c.key, *c.settled] if c.settled else c.key for c in proposal.walk()]


def test_a_text_as_loaded_stores_no_key():
    assert keeps_paths(RES130)
    assert keys_to_store(RES130) is None is _by_repath(RES130)


def test_an_insertion_that_reletters_stores_every_key_in_walk_order():
    new = apply_ops(RES130, [InsertClause("that a new text;", into="considering", label="c)")], **WHO)
    assert not keeps_paths(new)
    keys = keys_to_store(new)
    assert keys == _by_repath(new) == [c.key for c in new.walk()]
    # the old c) is d) now and keeps its key; the new c) has one of its own
    assert keys[[c.path for c in new.walk()].index("considering/d")] == "considering/c"


def test_a_deletion_that_reletters_stores_the_keys_too():
    new = apply_ops(RES130, [DeleteClause("recognizing c)")], **WHO)
    assert not keeps_paths(new)
    assert keys_to_store(new) == _by_repath(new) == [c.key for c in new.walk()]
    assert new["recognizing/c#2"].key == "recognizing/d"  # the old d), c) now


def test_a_reload_of_what_was_written_keeps_the_paths():
    new = apply_ops(RES130, [DeleteClause("recognizing c)")], **WHO)
    again = itu_nb.load(itu_nb.to_criticmarkup(new))[0]
    assert [c.key for c in again.walk()] == [c.key for c in new.walk()]
