"""``merge`` keeps the marks on words a proposal deleted inside a clause it inserts (issue 17, session 12).

Such a clause is inserted, then edited by its own proposal: CEPT's new considering c) of Resolution 130 reads
"that {--really --}CEPT says so;" (inserted, one word struck).  The analyst Ana highlighted the struck "really"
and commented on it.  The amended view that merge works from drops that word, and with it the marks: they were
lost, whether the clause reached the draft or was left out.  Now (:func:`itu_nb.amendments.marks.inserted_marks`)
they stand where the word stood in the draft's copy, or, the clause left out (APT inserts a considering c) too: a
same-slot conflict), go to the end of considering b), the clause it was to follow, with the other marks.

Data: Resolution 130 of the PP-18 Final Acts and the CEPT and APT proposals of ``tests/test_amend_merge.py``.
"""

from __future__ import annotations

import dataclasses

from test_amend_merge import APT, RES130
from test_amend_merge import CEPT as CEPT_TEXT
from test_moved_comments import _mark

from itu_nb import Op
from itu_nb.amendments.merging import merge
from itu_nb.model import Run


def _struck_inside(p, path: str, before: str, word: str):
    """``p`` with ``word`` inserted then deleted (a DELETE run by CEPT) before ``before`` in clause ``path``."""

    def node(x):
        if x.path == path:
            runs: list[Run] = []
            for r in x.runs:
                if before in r.text:
                    i = r.text.index(before)
                    runs += [
                        r.with_text(r.text[:i]),
                        Run(Op.DELETE, word, "CEPT", "2026-12-01"),
                        r.with_text(r.text[i:]),
                    ]
                else:
                    runs.append(r)
            return dataclasses.replace(x, runs=tuple(runs))
        return dataclasses.replace(x, children=tuple(node(k) for k in x.children)) if x.children else x

    return dataclasses.replace(p, clauses=tuple(node(x) for x in p.clauses))


CEPT = _struck_inside(CEPT_TEXT, "considering/c", "CEPT", "really ")
CEPT = _mark(CEPT, "considering/c", "really", "CEPT: really", Op.DELETE)  # on the struck word
CEPT = _mark(CEPT, "considering/c", "says", "CEPT: says")  # on a word that stays


def _notes(p) -> list[tuple[str, str, int, str, int]]:
    """(path, comment, its offset, the characters of the highlight just before it, the clause's source length)."""
    out = []
    for c in p.walk():
        src = "".join(r.text for r in c.label_runs + c.runs)
        arts = list(c.artefacts)
        for i, a in enumerate(arts):
            if a.kind == "comment" and a.text.startswith("CEPT: "):
                lit = arts[i - 1] if i and arts[i - 1].kind == "highlight" else None
                chars = src[lit.offset : lit.offset + lit.length] if lit is not None else "-"
                out.append((c.path, a.text, a.offset, chars, len(src)))
    return out


def test_the_proposal_holds_the_struck_word_and_its_marks():
    c = CEPT["considering/c"]
    assert [(r.op, r.text) for r in c.runs] == [
        (Op.INSERT, "that "),
        (Op.DELETE, "really "),
        (Op.INSERT, "CEPT says so;"),
    ]
    assert c.body("amended") == "that CEPT says so;"
    assert [(a.kind, a.offset, a.length, a.op) for a in c.artefacts] == [
        ("highlight", 8, 6, Op.DELETE),  # "c)\t" + "that " = 8 characters before "really"
        ("comment", 14, 0, Op.DELETE),
        ("highlight", 20, 4, Op.EQUAL),  # 8 + "really " (7) + "CEPT " (5) = 20: "says"
        ("comment", 24, 0, Op.EQUAL),
    ]


def test_an_inserted_clause_that_reaches_the_draft_keeps_the_marks_of_its_struck_words_where_they_stood():
    draft = merge(RES130, [CEPT])
    c = draft["considering/c"]
    assert c.status == "inserted" and c.body("amended") == "that CEPT says so;"
    # "really" is not in the draft: its highlight (no characters left) and comment stand where it stood, at 8
    assert _notes(draft) == [
        ("considering/c", "CEPT: really", 8, "", len("c)\tthat CEPT says so;")),
        ("considering/c", "CEPT: says", 17, "says", len("c)\tthat CEPT says so;")),
    ]


def test_an_inserted_clause_left_out_gives_the_marks_of_its_struck_words_to_the_clause_it_was_to_follow():
    # CEPT and APT both insert a considering c): a same-slot conflict, the clause is left out of the draft; every
    # mark of CEPT's goes to the end of considering b) (before: the two on "really" were dropped)
    draft = merge(RES130, [CEPT, APT])
    assert any(x.kind == "same-slot" for x in draft.conflict_list)
    end = len("".join(r.text for r in draft["considering/b"].label_runs + draft["considering/b"].runs))
    assert _notes(draft) == [
        ("considering/b", "CEPT: really", end, "", end),
        ("considering/b", "CEPT: says", end, "", end),
    ]
    # resolved for CEPT, the clause comes into the draft with all its marks
    slot = next(x.id for x in draft.conflict_list if x.kind == "same-slot")
    settled = draft.resolve(slot, side="CEPT")
    assert [(n[0], n[1]) for n in _notes(settled)] == [
        ("considering/c", "CEPT: really"),
        ("considering/c", "CEPT: says"),
    ]
