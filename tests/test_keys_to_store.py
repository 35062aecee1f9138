"""Which clause keys the writers store (``export.lines.keys_to_store``), asked in one walk (``relettering.keeps_paths``).

Source: Resolution 130 (Rev. Dubai, 2018) in the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml), whose
*considering* runs a) … r) and *recognizing* a) … o).  The keys are stored when a reload could not tell them from the
labels: the answer must be what recomputing every path (``relettering.repath``) and comparing says.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import itu_nb
from itu_nb.amendments.edits import DeleteClause, InsertClause, apply_ops
from itu_nb.amendments.relettering import keeps_paths, repath
from itu_nb.export.lines import keys_to_store
from itu_nb.model import Op, Run

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


FIXTURES = Path(__file__).parent / "fixtures"
#: Items of every kind of label keeps_paths reads: a letter, the same letter in Cyrillic (``а`` U+0430, read as
#: Latin: the parser gives it ``a#2``), dashes (``dash1``, ``dash2``, under ``b)`` as the parser nests them), a
#: number under ``c)``, and a relabelled item (``d)`` struck, ``e)`` inserted: its path is the amended label's).
LABELS = (
    "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\na)\tfirst;\n\u0430)\tthe same letter in Cyrillic;\n"
    "b)\tsecond;\n–\ta dash;\n–\tanother dash;\nc)\tthird;\n1\ta number;\n{--d)--}{++e)++}\trelabelled;\n"
)


def test_labels_of_every_kind_as_loaded_keep_their_paths():
    p = itu_nb.load(LABELS)[0]
    assert [c.path for c in p.clauses[2].walk()] == [
        "resolves", "resolves/a", "resolves/a#2", "resolves/b", "resolves/b/dash1", "resolves/b/dash2",
        "resolves/c", "resolves/c/1", "resolves/e",
    ]  # fmt: skip
    assert keeps_paths(p)
    assert keys_to_store(p) is None is _by_repath(p)


def test_a_label_changed_without_its_path_stores_the_keys():
    """The Cyrillic ``а)`` given the label ``f)`` by hand (no repath): its path ``resolves/a#2`` is no longer the
    rules' (``resolves/f``), nor is the path of a clause of one unchanged run after a duplicate removed."""
    p = itu_nb.load(LABELS)[0]
    resolves = p.clauses[2]
    kids = list(resolves.children)
    kids[1] = dataclasses.replace(kids[1], label_runs=(Run(Op.EQUAL, "f)\t"),))
    new = dataclasses.replace(p, clauses=(*p.clauses[:2], dataclasses.replace(resolves, children=tuple(kids))))
    assert not keeps_paths(new)
    assert keys_to_store(new) == _by_repath(new) == [c.key for c in new.walk()]
    assert repath(new).clauses[2].children[1].path == "resolves/f"


def test_the_corpus_as_loaded_asks_what_recomputing_every_path_says():
    """Every proposal of every document in tests/fixtures (the LibreOffice .fodt files are read through their .docx)."""
    names = ["pp18-final-acts.akn.xml", "pp18-doc67-brazil.reconstructed.critic.md", "pp18-doc67-brazil.flattened.txt",
             "pp18-doc67-brazil.pandoc.docx", "lo-tracked-changes.docx", "lo-two-authors.docx"]  # fmt: skip
    proposals = [p for name in names for p in itu_nb.load(FIXTURES / name)]
    assert len(proposals) == 87  # 70 in the Final Acts, 5 in each form of Doc 67, 1 in each LibreOffice file
    for p in proposals:
        assert keeps_paths(p) is (_by_repath(p) is None), p.id
