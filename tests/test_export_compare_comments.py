"""Issue 17: an exported comparison keeps the comments and highlights of the texts it compares.

``compare(a, b).to_proposal()`` (which every export of a comparison starts from) puts the new text's
comments and highlights on its text (unchanged or inserted) and the old text's on its text (unchanged or
deleted), each at its place, with its author, date and op; ``load(export(comparison))`` gives them back
through CriticMarkup, Word and Akoma Ntoso, and HTML shows them.

Realistic data: Brazil's Document 67 (bundled CriticMarkup, ``CRITIC``) and the Final Acts of Dubai
(``FINAL_ACTS``), annotated as ``tests/test_roundtrip_lossless.py`` does (:func:`annotate`: a highlight on the
first three characters and a comment at the end of every third paragraph with text, by three reviewers).
B/67/4 (MOD Resolution 130, Busan text) is compared with Resolution 130 as adopted at Dubai.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import CRITIC, FINAL_ACTS
from test_roundtrip_lossless import annotate

import itu_nb
from itu_nb import Op

FORMATS = {
    "critic": itu_nb.to_criticmarkup,
    "docx": lambda x: itu_nb.to_docx(x, author="Exporter"),
    "akn": itu_nb.to_akn,
}


@pytest.fixture(scope="module")
def brazil():
    return annotate(itu_nb.load(CRITIC, author="Brazil", date="2018-09-10"))


@pytest.fixture(scope="module")
def comparison(brazil):
    adopted = annotate(itu_nb.load(FINAL_ACTS))["Resolution 130"]
    return itu_nb.compare(brazil["B/67/4"], adopted)


def _comments(p) -> Counter:
    return Counter((a.text, a.author, a.date) for n in p.walk() for a in n.artefacts if a.kind == "comment")


def marks(p) -> Counter:
    """Each comment with its text, author, day, op and the words just before it; each highlighted stretch.

    Paths are not compared: a deleted clause's path (``aware/b#2``) is made again by the loader.  The words
    before a comment are stripped, as Akoma Ntoso drops white space at the edges of a block.
    """
    out: Counter = Counter()
    for n in p.walk():
        src = "".join(r.text for r in n.label_runs + n.runs)
        for a in n.artefacts:
            if a.kind == "comment":
                out[(a.text, a.author, (a.date or "")[:10], a.op, src[: a.offset].strip()[-20:])] += 1
            elif a.kind == "highlight":
                out[("highlight", src[a.offset : a.offset + a.length].strip())] += 1
    return out


def test_every_comment_of_both_sides_is_in_the_proposal(comparison):
    proposal = comparison.to_proposal()
    # the compared views (comparison.old/new) hold every comment of B/67/4's amended view and of Resolution 130
    both = _comments(comparison.old) + _comments(comparison.new)
    assert sum(both.values()) > 80  # one paragraph in three of about 280
    assert _comments(proposal) == both


def test_comments_stand_on_their_own_sides_text(comparison):
    """New text's comments on equal or inserted text, old text's on equal or deleted text, each after the
    characters it followed in its own text."""
    old = {a.text for n in comparison.old.walk() for a in n.artefacts if a.kind == "comment"}
    seen = 0
    for n in comparison.to_proposal().walk():
        for a in n.artefacts:
            if a.kind != "comment":
                continue
            view = "original" if a.text in old else "amended"
            assert a.op in ((Op.EQUAL, Op.DELETE) if view == "original" else (Op.EQUAL, Op.INSERT)), (n.path, a)
            # the text before it in its own view ends as the annotated paragraph did: with its last character
            before = "".join(t for t, op in _pieces(n, a.offset) if op.in_view(view))
            assert before.rstrip()[-1:] in ";,:.)" or before.rstrip()[-1:].isalnum(), (n.path, before[-30:])
            seen += 1
    assert seen > 80


def _pieces(n, at):
    pos = 0
    for r in n.label_runs + n.runs:
        if pos >= at:
            break
        yield r.text[: at - pos], r.op
        pos += len(r.text)


def test_a_deleted_clause_keeps_its_comment_deleted(comparison):
    """B/67/4's aware b) (on human rights) is not in the Dubai text: its comment (check 111, by CEPT) is deleted with it."""
    proposal = comparison.to_proposal()
    [(node, art)] = [(n, a) for n in proposal.walk() for a in n.artefacts if a.text == "check 111 <&> {x}"]
    assert node.status == "deleted" and art.op is Op.DELETE
    assert (art.author, art.date) == ("CEPT", "2018-10-02")
    source = "".join(r.text for r in node.label_runs + node.runs)
    assert source.endswith("human rights; ") and art.offset == len(source)  # at its end, as annotate put it


@pytest.mark.parametrize("fmt", FORMATS)
def test_exported_comparison_gives_every_comment_back(comparison, fmt):
    want = marks(comparison.to_proposal())
    assert sum(want.values()) > 150 and Counter(k[0] == "highlight" for k in want.elements())[True] > 70
    back = itu_nb.load(FORMATS[fmt](comparison))
    assert len(back) == 1
    assert marks(back[0]) == want
    assert sum(k[0] != "highlight" for k in want.elements()) == sum(_comments(comparison.to_proposal()).values())


def test_original_against_amended_view_keeps_comments(brazil):
    """B/67/4's own original (Busan) view against its amended view: each view's comments come back."""
    p = brazil["B/67/4"]
    cmp = itu_nb.compare(p, p, view=("original", "amended"))
    proposal = cmp.to_proposal()
    assert _comments(proposal) == _comments(cmp.old) + _comments(cmp.new)
    for fmt, write in FORMATS.items():
        assert marks(itu_nb.load(write(cmp))[0]) == marks(proposal), fmt


def test_a_view_counts_offsets_in_its_own_text(brazil):
    """B/67/4's considering c) (Document 67: "d)" deleted, "c)" inserted, and words changed): the comment that
    ``annotate`` put at the end of the paragraph stands at the end of each view's text, the highlight on
    its body's first three characters ("tha")."""
    node = brazil["B/67/4"]["considering/c"]
    for view in ("original", "amended"):
        seen = node.view(view)
        text = "".join(r.text for r in seen.label_runs + seen.runs)
        [comment] = [a for a in seen.artefacts if a.kind == "comment"]
        [lit] = [a for a in seen.artefacts if a.kind == "highlight"]
        assert comment.offset == len(text) and text.endswith("activities;"), view
        assert text[lit.offset : lit.offset + lit.length] == "tha", view


def test_html_shows_every_comment(comparison):
    html = itu_nb.to_html(comparison)
    n = sum(_comments(comparison.to_proposal()).values())
    assert html.count('role="note"') >= n
    assert "check 111 &lt;&amp;&gt; {x}" in html  # the deleted clause's comment, escaped


def test_document_comparison_html_shows_comments(brazil):
    """A document comparison (Document 67 against itself, B/67/4 compared in both views) exports only as HTML."""
    dc = itu_nb.compare(brazil, brazil)
    html = dc.to_html()
    assert "check 111 &lt;&amp;&gt; {x}" in html
