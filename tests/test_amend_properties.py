"""Property-based tests of the edit operations on real texts (hypothesis).

Texts: Resolution 130 (Rev. Dubai, 2018) from the PP-18 Final Acts; Brazil's B/67/4
(CriticMarkup reconstruction) for edits on top of another author's changes.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.amendments.edits import DeleteClause, InsertClause, MoveClause, ReplaceWords, apply_ops, find_words
from itu_nb.amendments.relettering import repath
from itu_nb.model import Op

FIXTURES = Path(__file__).parent / "fixtures"
RES130 = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
B130 = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]
SLOW = settings(
    max_examples=int(__import__("os").environ.get("N", 30)), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def letters(n):
    return [f"{chr(ord('a') + i)})" for i in range(n)]


def present(p, section):
    return [c for c in p[section].children if c.exists_in("amended")]


@SLOW
@given(st.data())
def test_relettering_never_leaves_gaps_or_duplicates(data):
    # these Final Acts sections are lettered a) … without gaps (considering a)–r), aware a)–h), noting a)–d))
    section = data.draw(st.sampled_from(["considering", "aware", "noting", "recognizing"]))
    p = RES130
    for _ in range(data.draw(st.integers(1, 4))):
        items = present(p, section)
        kind = data.draw(st.sampled_from(["insert", "delete", "move"]) if len(items) > 2 else st.just("insert"))
        i = data.draw(st.integers(0, len(items) - 1))
        if kind == "insert":
            where = data.draw(st.sampled_from(["after", "before"]))
            op = InsertClause("that the text is new;", **{where: items[i].path})
        elif kind == "delete":
            op = DeleteClause(items[i].path)
        else:
            j = data.draw(st.integers(0, len(items) - 1).filter(lambda j, i=i: j != i))
            op = MoveClause(items[i].path, after=items[j].path)
        p = apply_ops(p, [op], author="P", date="2018-10-01")
        assert [c.label for c in present(p, section)] == letters(len(present(p, section)))
    # the original view never moves; rejecting everything gives the text back
    assert p.text("original") == RES130.text("original")
    rejected = p.reject()
    assert rejected.text("amended") == rejected.text("original") == RES130.text("original")
    # paths are unique, follow the parser's rules, and the amended text parses back to them
    paths = [n.path for n in p.walk()]
    assert len(paths) == len(set(paths)) and paths == [n.path for n in repath(p).walk()]
    parsed = itu_nb.load(p.text("amended"), format="text")[0]
    assert [n.path for n in parsed.walk()] == [n.path for n in repath(p.accept()).walk()]


def _equal_spans(clause):
    """Amended-text spans covered by EQUAL runs (words nobody has changed yet)."""
    spans, pos = [], 0
    for r in clause.runs:
        if r.op is Op.DELETE:
            continue
        if r.op is Op.EQUAL:
            spans.append((pos, pos + len(r.text)))
        pos += len(r.text)
    return spans


WORDED = [c for c in B130.walk() if len(c.body("amended").split()) > 3]


@SLOW
@given(st.data())
def test_word_edits_on_a_proposal_reject_back_to_it(data):
    clause = data.draw(st.sampled_from(WORDED))
    text = clause.body("amended")
    words = text.split()
    k = data.draw(st.integers(0, len(words) - 2))
    phrase = " ".join(words[k : k + data.draw(st.integers(1, 2))])
    spans = find_words(text, phrase)
    equal = _equal_spans(clause)
    # strictly inside unchanged text: a change touching one of Brazil's joins Brazil's change group
    # (model.change_groups groups neighbouring changes whatever their author), so reject(author=) cannot pick it
    usable = [n for n, (s, e) in enumerate(spans, 1) if any(a < s and e < b for a, b in equal)]
    if not usable:
        return
    occurrence = data.draw(st.sampled_from(usable))
    new = data.draw(st.sampled_from(["", "the Union", "ITU‑D"]))
    edited = apply_ops(B130, [ReplaceWords(clause.path, phrase, new, occurrence=occurrence)], author="X")
    assert edited.text("original") == B130.text("original")
    s, e = spans[occurrence - 1]
    assert edited[clause.path].body("amended") == text[:s] + new + text[e:]
    back = edited.reject(author="X")
    assert back.text("amended") == B130.text("amended") and back.text("original") == B130.text("original")


@SLOW
@given(st.sampled_from([c.path for c in RES130.walk() if c.kind.value == "item"]))
def test_accept_all_then_reject_nothing_is_idempotent(path):
    p = apply_ops(RES130, [InsertClause("to do one more thing;", after=path), DeleteClause(path)], author="P")
    accepted = p.accept()
    assert not accepted.changed
    assert accepted.reject([]) == accepted
    assert accepted.accept() == accepted
    assert accepted.text("original") == p.text("amended")
