"""ClausePair after issue 19's cheaper construction (its ``__init__`` writes the instance dict): still a
frozen value with the generated dataclass's behaviour.

The pair is Brazil's considering c) relettered b) in B/67/4 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md:
``{--c--}{++b++})``), compared original against amended.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from pathlib import Path

import pytest

import itu_nb
from itu_nb.model.comparison import ClausePair

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def pair():
    doc = itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md")
    cmp = itu_nb.compare(doc["B/67/4"].original, doc["B/67/4"].amended)
    return next(p for p in cmp.pairs if p.section == "considering" and p.old_label == "c)")


def test_init_takes_the_fields_in_their_order_with_their_defaults():
    fields = dataclasses.fields(ClausePair)
    params = list(inspect.signature(ClausePair.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]


def test_pair_is_a_frozen_value(pair):
    assert (pair.kind, pair.old_label, pair.new_label) == ("relabelled", "c)", "b)")
    values = [getattr(pair, f.name) for f in dataclasses.fields(ClausePair)]
    again = ClausePair(*values)
    assert again == pair and hash(again) == hash(pair) and repr(again) == repr(pair)
    assert ClausePair(**{f.name: getattr(pair, f.name) for f in dataclasses.fields(ClausePair)}) == pair
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.kind = "modified"  # type: ignore[misc]
    moved = dataclasses.replace(pair, index=99)
    assert moved.index == 99 and moved.runs == pair.runs and moved != pair
    assert pickle.loads(pickle.dumps(pair)) == pair and copy.deepcopy(pair) == pair
