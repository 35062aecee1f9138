"""Parsing gives the same trees as recorded: every node's path, kind, label and runs (issue 19).

The record is ``tests/fixtures/fingerprints.json``; see ``tests/fingerprint.py`` for what is
hashed and how to update the record when a change is meant to change trees.
"""

import json

import pytest
from fingerprint import STORE, fingerprint, sources

RECORD = json.loads(STORE.read_text())


@pytest.mark.parametrize("name", sorted(RECORD))
def test_trees_are_as_recorded(name):
    got = fingerprint(sources()[name])
    want = RECORD[name]
    differ = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
    assert not differ, (
        f"{name}: the trees of {differ[:10]} differ from tests/fixtures/fingerprints.json; if the change "
        "is meant, run python3 tests/fingerprint.py --update and say why in the commit"
    )


def test_every_source_is_recorded():
    assert sorted(sources()) == sorted(RECORD)
