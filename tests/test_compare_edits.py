"""compare() on the 64 real PP-18 Final Acts texts against randomly edited copies of themselves.

The edits are what proposals do to a resolution, on its real tree (sections, items, sub-items,
footnotes): delete an item, insert an item (text taken from another resolution), split an item
in two at a word, merge two neighbouring items, change, add or drop words, write a space as a
no-break space, reletter a label, move a clause within its list.  Seeded, so a failure repeats.
Every comparison, in both directions, must keep the invariants of :mod:`itu_nb.diff.twoway`
(:func:`test_compare.check_invariants`) and account for every clause of both texts, and the
tracked text an export writes from it must hold both texts, and the edits compare_many reads
from it must rebuild the edited text from the base.
"""

from __future__ import annotations

import collections
import dataclasses
import random

import pytest
from conftest import FINAL_ACTS
from test_compare import check_invariants
from test_export_compare import _lines

import itu_nb
from itu_nb.diff.twoway import compare
from itu_nb.diff.words import BACKEND
from itu_nb.loaders import as_proposal
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run, runs_text
from itu_nb.model.tracked import comparison_proposal

SEEDS = (0, 1)


@pytest.fixture(scope="module")
def texts() -> list[Proposal]:
    # the 64 texts; not the parts of the book the loader cuts out of them (signatories, declarations…)
    return [as_proposal(p) for p in itu_nb.load(FINAL_ACTS).proposals if p.target.kind != "Part"]


def _with_body(c: Clause, text: str) -> Clause:
    return dataclasses.replace(c, runs=(Run(Op.EQUAL, text),) if text else ())


class Editor:
    """Random proposal-like edits of a clause tree (one random generator per text)."""

    WORDS = ("Union", "Member States", "2022", "ITU\u2011D", "\u201cICT\u201d", "")
    LABELS = ("z) ", "9\t", "iv) ", "a)\t")

    def __init__(self, seed: int, pool: list[str]):
        self.rng, self.pool, self.count = random.Random(seed), pool, 0

    def text(self, text: str) -> str:
        rng, words = self.rng, text.split(" ")
        for _ in range(rng.randint(1, 3)):
            k, r = rng.randrange(len(words)), rng.random()
            if r < 0.4:
                words[k] = rng.choice(self.WORDS)
            elif r < 0.6:
                words.insert(k, rng.choice(self.pool).split(" ")[0])
            elif r < 0.8 and len(words) > 1:
                del words[k]
            else:
                words[k] += "\xa0"
        return " ".join(words)

    def clauses(self, kids: tuple[Clause, ...]) -> tuple[Clause, ...]:
        rng, out, i = self.rng, [], 0
        while i < len(kids):
            c, r = kids[i], rng.random()
            self.count += 1
            item, leaf = c.kind is NodeKind.ITEM, not c.children
            nxt = kids[i + 1] if i + 1 < len(kids) else None
            if item and r < 0.05:  # deleted
                i += 1
                continue
            if item and r < 0.10:  # a new item before this one
                new = dataclasses.replace(c, path=f"{c.path}#new{self.count}", children=())
                out.append(_with_body(new, rng.choice(self.pool)))
            elif item and leaf and r < 0.14 and " " in c.body():  # split at a word
                words = c.body().split(" ")
                cut = rng.randrange(1, len(words))
                out.append(_with_body(dataclasses.replace(c, path=c.path + "#1"), " ".join(words[:cut]) + " "))
                out.append(_with_body(dataclasses.replace(c, path=c.path + "#2"), " ".join(words[cut:])))
                i += 1
                continue
            elif item and leaf and r < 0.17 and nxt is not None and nxt.kind is NodeKind.ITEM and not nxt.children:
                out.append(_with_body(c, c.body() + " " + nxt.body()))  # merged with the next
                i += 2
                continue
            if r < 0.30 and c.body():
                c = _with_body(c, self.text(c.body()))
            if r > 0.97 and c.label_runs:
                c = dataclasses.replace(c, label_runs=(Run(Op.EQUAL, rng.choice(self.LABELS)),))
            out.append(dataclasses.replace(c, children=self.clauses(c.children)))
            i += 1
        if len(out) > 2 and rng.random() < 0.1:  # one clause moved within the list
            out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
        return tuple(out)

    def proposal(self, p: Proposal) -> Proposal:
        return dataclasses.replace(p, clauses=self.clauses(p.clauses))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_of_the_final_acts_keep_the_invariants(texts, seed):
    pool = [c.body() for t in texts for c in t.walk() if c.kind is NodeKind.ITEM and c.body()]
    kinds: collections.Counter[str] = collections.Counter()
    for k, text in enumerate(texts):
        edited = Editor(seed * 1000 + k, pool).proposal(text)
        for a, b in ((text, edited), (edited, text)):
            c = compare(a, b)
            check_invariants(c)
            assert {p.old.path for p in c.pairs if p.old is not None} == {x.path for x in a.walk()}, text.id
            assert {p.new.path for p in c.pairs if p.new is not None} == {x.path for x in b.walk()}, text.id
            kinds.update(p.kind for p in c.pairs)
            if BACKEND == "cpp" and k % 8 == 0:
                assert c.pairs == compare(a, b, backend="python").pairs, text.id
    # the edits reach every kind of pair the engine reports
    assert set(kinds) == {"unchanged", "modified", "relabelled", "moved", "inserted", "deleted", "split", "merged"}


def test_random_edits_export_as_tracked_text_holding_both_texts(texts):
    # the tracked text an export writes (itu_nb.export.lines.comparison_proposal): its amended view is
    # the new text line for line; its original view has the old text's words, each once (a moved clause
    # stands at its new place, a merged one is one paragraph)
    pool = [c.body() for t in texts for c in t.walk() if c.kind is NodeKind.ITEM and c.body()]
    for k, text in enumerate(texts):
        edited = Editor(7000 + k, pool).proposal(text)
        for a, b in ((text, edited), (edited, text)):
            p = comparison_proposal(compare(a, b))
            assert _lines(p, "amended") == _lines(b, "amended"), text.id
            old_words = collections.Counter(" ".join(_lines(a, "amended")).split())
            assert collections.Counter(" ".join(_lines(p, "original")).split()) == old_words, text.id


def test_random_edits_read_by_compare_many_rebuild_each_version(texts):
    # compare_many reads each version as edits of base clauses in base offsets (its `changes`); applying a version's
    # edits to a base clause must give that clause's new text (the pieces of a split in order).
    # Edited twice, so that split pieces get word edits too.
    pool = [c.body() for t in texts for c in t.walk() if c.kind is NodeKind.ITEM and c.body()]
    checked: collections.Counter[str] = collections.Counter()
    for k, text in enumerate(texts):
        version = Editor(9000 + k, pool).proposal(Editor(8000 + k, pool).proposal(text))
        m = itu_nb.compare_many(text, {"v": version})
        edits = collections.defaultdict(list)
        for e in m.edits.query("scope == 'text'").itertuples():
            edits[e.path].append(e)
        pairs: dict[str, list] = collections.defaultdict(list)
        for p in m.comparisons["v"].pairs:
            if p.old is not None and p.new is not None and p.kind != "merged":
                pairs[p.old.path].append(p)
        for path, ps in pairs.items():
            body, out, last = ps[0].old.body(), [], 0
            for e in sorted(edits.get(path, ()), key=lambda e: (e.start, e.end)):
                assert body[e.start : e.end] == e.old, (text.id, path)
                out += [body[last : e.start], e.new]
                last = e.end
            new = "".join(runs_text(p.runs, "amended") for p in sorted(ps, key=lambda p: p.part))
            assert "".join(out) + body[last:] == new, (text.id, path)
            checked[ps[0].kind] += 1
    assert checked["split"] > 50 and checked["modified"] > 500


def test_random_edits_adopted_as_proposed_survive_fully(texts):
    # a proposal made of the random edits (the comparison's tracked text), adopted exactly as proposed:
    # lineage must find every one of its changes in the adopted text, fully
    pool = [c.body() for t in texts for c in t.walk() if c.kind is NodeKind.ITEM and c.body()]
    seen = 0
    for k, text in enumerate(texts[::2]):
        edited = Editor(5000 + k, pool).proposal(text)
        proposal = compare(text, edited).to_proposal(author="test")
        outcomes = itu_nb.lineage(edited, [proposal], by="change").outcome
        assert set(outcomes) <= {"fully"}, (text.id, outcomes.value_counts().to_dict())
        seen += len(outcomes)
    assert seen > 500
