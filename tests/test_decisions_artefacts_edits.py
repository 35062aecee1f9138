"""Issue 17: the analyst's edits keep comments and highlights on the characters they were on.

An artefact's offset counts the characters of its clause's label runs and runs (both views).  Edits that
change them (retyping words, relettering or renumbering a label, striking a clause with text an edit had
inserted, moving a clause: its copy holds its amended text under a new label) move the offsets with the
text; main left them where they were, so the marks stood on other characters.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130).  Source lines (1-based):
102 ``{--d--}{++c++})	that the ITU Secretary-General has been …`` (path ``considering/c``), 140
``2	to give high priority to the work of ITU …`` (``resolves/2``, after resolves 1 "to continue to give this
work high priority …"), 164 ``•	Resolution 52 (Rev. {--Dubai, 2012--}{++Hammamet, 2016++}), on countering
and combating spam;`` (the second bullet of instructs the Director of TSB 1 iii).  Each test puts a highlight
on the first word of the first two clauses' text and on "countering" in the third, a comment right after
each, then edits.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.model import Artefact
from itu_nb.widgets import RedlineViewer

KEY = "B/67/4"
SPAM = "instructs the Director of the Telecommunication Standardization Bureau/1/iii/bullet2"
WORD = {"considering/c": "that", "resolves/2": "to", SPAM: "countering"}


@pytest.fixture(scope="module")
def marked_p():
    p = itu_nb.load(CRITIC, author="Brazil")[KEY]
    for path, word in WORD.items():
        c = p[path]
        at = sum(len(r.text) for r in c.label_runs) + "".join(r.text for r in c.runs).index(word)
        arts = (
            Artefact("highlight", "", c.line, at, Op.EQUAL, length=len(word)),
            Artefact("comment", f"on {path}", c.line, at + len(word), Op.EQUAL, "Ana", "2026-12-03"),
        )
        p = _add(p, path, arts)
    return p


def _add(p, path, arts):
    def node(c):
        if c.path == path:
            return dataclasses.replace(c, artefacts=c.artefacts + arts)
        return dataclasses.replace(c, children=tuple(node(x) for x in c.children)) if c.children else c

    return dataclasses.replace(p, clauses=tuple(node(c) for c in p.clauses))


def marks(p, path) -> list[tuple[str, str, str]]:
    """For each clause holding the comment put on ``path``: (its path, the highlighted characters, the 3 before
    the comment) — its highlight is the one just before it."""
    out = []
    for c in p.walk():
        src = "".join(r.text for r in c.label_runs + c.runs)
        arts = list(c.artefacts)
        for i, a in enumerate(arts):
            if a.kind == "comment" and a.text == f"on {path}":
                lit = arts[i - 1]
                assert lit.kind == "highlight"
                out.append((c.path, src[lit.offset : lit.offset + lit.length], src[: a.offset][-3:]))
    return out


def edited(p, act):
    viewer = RedlineViewer(p, author="Ana")
    act(viewer)
    return viewer


def test_renumbering_moves_the_marks_with_the_text(marked_p):
    # deleting resolves 1 renumbers 2 as 1: its label's source text grows from "2\t" to "21\t" ({--2--}{++1++})
    v = edited(marked_p, lambda v: v.delete("resolves/1"))
    assert marks(v.proposal, "resolves/2") == [("resolves/1#2", "to", "\tto")]  # main: "\tt", "1\tt"
    for decided in (v.proposal.accept(), v.proposal.reject()):
        (got,) = marks(decided, "resolves/2")
        assert got[1:] == ("to", "\tto")


def test_striking_a_clause_takes_out_the_letter_inserted_and_moves_the_marks(marked_p):
    # considering c) was relettered from d) by Brazil: striking it takes out the inserted "c" (source "dc)\t" → "d)\t")
    v = edited(marked_p, lambda v: v.delete("considering/c"))
    ((_path, lit, before),) = marks(v.proposal, "considering/c")
    assert (lit, before) == ("that", "hat")  # main: "hat ", "at "


def test_a_moved_clause_holds_its_marks_on_its_words(marked_p):
    v = edited(marked_p, lambda v: v.instruct("Move resolves 2 after resolves 3"))
    # the copy, renumbered 3 ("3\t"), holds them; the struck original (resolves/2) no longer does: a mark is shown
    # once, on the copy, where its words read (tests/test_moved_comments.py)
    assert marks(v.proposal, "resolves/2") == [("resolves/3", "to", "\tto")]
    v = edited(marked_p, lambda v: v.move(SPAM, "up"))
    # the copy holds the amended text only: "Dubai, 2012" is not in it (main: 11 characters too far, "and combat")
    got = marks(v.proposal, SPAM)
    assert [g[1:] for g in got] == [("countering", "ing")]


def test_replacing_words_before_the_marks_moves_them(marked_p):
    v = edited(marked_p, lambda v: v.instruct(f'In {SPAM}, replace "Resolution" by "Res."'))
    # the source text now reads "ResolutionRes. 52 …" ({--Resolution--}{++Res.++}): 4 characters more before
    # the marks (main: " on counte", "nte")
    assert marks(v.proposal, SPAM) == [(SPAM, "countering", "ing")]
    accepted = v.proposal.accept()
    assert marks(accepted, SPAM) == [(SPAM, "countering", "ing")]
    back = itu_nb.load(itu_nb.to_docx(accepted))[0]
    assert [m[1:] for m in marks(back, SPAM)] == [("countering", "ing")]
    v = edited(marked_p, lambda v: v.instruct(f'In {SPAM}, insert "effectively" after "on"'))
    assert marks(v.proposal, SPAM) == [(SPAM, "countering", "ing")]


def test_a_merged_draft_keeps_the_bases_marks_on_their_words():
    # Resolution 130 as adopted (the Final Acts, FINAL_ACTS), resolves 4: "to promote a culture in which
    # security is seen …"; a highlight on "security" and a comment after it; a proposal replaces "promote" by
    # "foster" before them: the draft's source text gains "foster" (main: "which se", " se"; accepted "ecurity ")
    from conftest import FINAL_ACTS

    from itu_nb.amendments.merging import merge

    base = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    c = base["resolves/4"]
    src = "".join(r.text for r in c.label_runs + c.runs)
    assert src.startswith("4\tto promote a culture in which security is seen")
    at = src.index("security")
    marked = _add(
        base,
        "resolves/4",
        (
            Artefact("highlight", "", -1, at, Op.EQUAL, length=len("security")),
            Artefact("comment", "on resolves/4", -1, at + len("security"), Op.EQUAL, "Ana", "2026-12-03"),
        ),
    )
    cept = itu_nb.amend(base, ['In resolves 4, replace "promote" by "foster"'], author="CEPT", date="2018-09-01")
    draft = merge(marked, [cept])
    assert draft["resolves/4"].body().startswith("to foster a culture")
    assert marks(draft, "resolves/4") == [("resolves/4", "security", "ity")]
    assert marks(draft.accept(), "resolves/4") == [("resolves/4", "security", "ity")]
