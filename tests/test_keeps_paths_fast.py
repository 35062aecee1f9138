"""``relettering.keeps_paths`` reads each clause once (issue 17: ``keys_to_store`` at 100,000 clauses) and answers what
its previous form, a pass per attribute over each sibling list (670bc04), answered.

Two sources of proposals: Resolution 130 of the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml) after
random insertions and deletions in its lists (relettered: its keys are stored), and random trees made here (items
with repeated letters, a Cyrillic ``а)``, dashes, bullets, numbers and roman numerals; unlabelled paragraphs;
sections named with a ``#2``), each given its paths by ``repath`` as its keys and then, now and then, a clause's key,
path or settled changes changed.  Bounded: 200 + 150 examples, no deadline.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.amendments.edits import DeleteClause, InsertClause, apply_ops
from itu_nb.amendments.relettering import Components, _bases, keeps_paths, repath
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run

RES130 = itu_nb.load(Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml")["Resolution 130"]
WHO = {"author": "CEPT", "date": "2018-10-01"}


def _before(proposal: Proposal) -> bool:
    """``keeps_paths`` as 670bc04 wrote it: each sibling list's keys, paths and settled changes compared as lists."""
    todo = [(proposal.clauses, "", "")]
    key, settled = attrgetter("uid", "path"), attrgetter("settled")
    while todo:
        children, old_prefix, prefix = todo.pop()
        comps = _bases(children, old_prefix)
        if len(set(comps)) < len(comps) or "#" in "".join(comps):
            used = Components()
            comps = [used.take(base) for base in comps]
        paths = [f"{prefix}/{comp}" for comp in comps] if prefix else comps
        if [uid or path for uid, path in map(key, children)] != paths or any(map(settled, children)):
            return False
        todo.extend((c.children, c.path, path) for c, path in zip(children, paths, strict=True) if c.children)
    return True


def _by_repath(proposal: Proposal) -> bool:
    """Every clause's key is the path ``repath`` gives it, and none has settled changes."""
    fresh = repath(proposal)
    return all(a.key == b.path and not a.settled for a, b in zip(proposal.walk(), fresh.walk(), strict=True))


_LISTS = ["considering", "recognizing", "resolves", "instructs the Secretary-General"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(_LISTS), st.integers(0, 8)), max_size=3))
def test_resolution_130_amended_as_before_and_as_repath_says(ops):
    proposal = RES130
    for insert, section, k in ops:
        items = [c for c in proposal.clauses if c.path == section.split()[0]]
        if not items or not items[0].children:
            continue
        target = items[0].children[min(k, len(items[0].children) - 1)]
        label = target.label_in("amended")
        if not label:
            continue
        op = (
            InsertClause("that a new text;", into=section.split()[0], label=label.strip())
            if insert
            else DeleteClause(f"{section.split()[0]} {label.strip()}")
        )
        try:
            proposal = apply_ops(proposal, [op], **WHO)
        except itu_nb.ItuNbError:
            continue
    assert keeps_paths(proposal) == _before(proposal) == _by_repath(proposal)


_LABELS = ["a)\t", "b)\t", "a)\t", "\u0430)\t", "-\t", "\u2022\t", "1\t", "12\t", "i)\t", "ii)\t", "a bis)\t", ""]


@st.composite
def _clause(draw, depth: int = 0) -> Clause:
    kind = draw(st.sampled_from([NodeKind.ITEM, NodeKind.ITEM, NodeKind.PARAGRAPH, NodeKind.SECTION]))
    label: tuple[Run, ...] = ()
    if kind is NodeKind.ITEM:
        text = draw(st.sampled_from(_LABELS))
        op = draw(st.sampled_from([Op.EQUAL, Op.EQUAL, Op.INSERT, Op.DELETE]))
        label = (Run(op, text),) if text else ()
    kids = tuple(draw(st.lists(_clause(depth + 1), max_size=4))) if depth < 2 else ()
    path = draw(st.sampled_from(["s", "s#2", "resolves", "p1"])) if kind is NodeKind.SECTION else "x"
    return Clause(kind, path, label, (Run(Op.EQUAL, "text"),), kids)


def _perturbed(draw, node: Clause) -> Clause:
    """``node`` (and what it holds) with, now and then, a key, a path or settled changes changed."""
    kids = tuple(_perturbed(draw, c) for c in node.children)
    what = draw(st.sampled_from(["", "", "", "", "", "uid", "same uid", "path", "moved", "settled"]))
    if what == "uid":
        node = dataclasses.replace(node, uid=node.path + "+2")
    elif what == "same uid":  # (a key that is its path: as if kept through an edit that gave it back)
        node = dataclasses.replace(node, uid=node.path)
    elif what == "path":
        node = dataclasses.replace(node, path=node.path + "#9")
    elif what == "moved":  # (its key and those of what it holds the paths the rules give, their paths others)
        node = dataclasses.replace(node, uid=node.path, path=node.path + "#9")
        kids = tuple(
            dataclasses.replace(c, uid=c.uid or c.path, path=node.path + c.path[len(node.path) - 2 :]) for c in kids
        )
    elif what == "settled":
        node = dataclasses.replace(node, settled=("x:1",))
    return dataclasses.replace(node, children=kids)


def _bare(node: Clause) -> Clause:
    """``node`` and what it holds without keys of their own (``repath`` keeps the path made up here as one)."""
    return dataclasses.replace(node, uid=None, children=tuple(_bare(c) for c in node.children))


def _repathed(clauses: tuple[Clause, ...]) -> Proposal:
    """A proposal of ``clauses``, each with the path the rules give it as its key."""
    proposal = repath(Proposal("X/1/1", "MOD", None, clauses))
    return dataclasses.replace(proposal, clauses=tuple(_bare(c) for c in proposal.clauses))


@st.composite
def _proposals(draw) -> Proposal:
    proposal = _repathed(tuple(draw(st.lists(_clause(), min_size=1, max_size=5))))
    if draw(st.booleans()):
        proposal = dataclasses.replace(proposal, clauses=tuple(_perturbed(draw, c) for c in proposal.clauses))
    return proposal


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_proposals())
def test_random_trees_as_before(proposal):
    assert keeps_paths(proposal) == _before(proposal)


def test_the_random_trees_keep_their_paths_and_lose_them():
    # (the property above compares both answers: a tree as repath gives it keeps its paths; one key changed, not)
    a = Clause(NodeKind.ITEM, "x", (Run(Op.EQUAL, "a)\t"),), (Run(Op.EQUAL, "text"),))
    section = Clause(NodeKind.SECTION, "resolves", (), (Run(Op.EQUAL, "resolves"),), (a, a))
    proposal = _repathed((section,))
    assert [c.path for c in proposal.walk()] == ["resolves", "resolves/a", "resolves/a#2"]
    assert keeps_paths(proposal) and _before(proposal)
    second = dataclasses.replace(proposal.clauses[0].children[1], uid="resolves/b")
    changed = dataclasses.replace(proposal.clauses[0], children=(proposal.clauses[0].children[0], second))
    other = dataclasses.replace(proposal, clauses=(changed,))
    assert not keeps_paths(other) and not _before(other)


def test_what_a_clause_holds_is_read_under_its_path_now():
    # a section whose key is the path the rules give ("annex") but whose path is another ("annex#9"), holding a
    # section keyed "annex/part": the component of what it holds is read from their paths under "annex#9" ("part"),
    # so the rules give "annex/part", its key: nothing to store, as before
    part = Clause(NodeKind.SECTION, "annex#9/part", (), (Run(Op.EQUAL, "part"),), uid="annex/part")
    annex = Clause(NodeKind.SECTION, "annex#9", (), (Run(Op.EQUAL, "annex"),), (part,), uid="annex")
    proposal = Proposal("X/1/1", "MOD", None, (annex,))
    assert keeps_paths(proposal) and _before(proposal)
