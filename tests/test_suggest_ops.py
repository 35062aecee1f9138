"""Issue 15.3: the suggesting mode's operations, ``EditText`` (a clause retyped) and ``Comment``.

On Brazil's B/67/4, which modifies Resolution 130 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``):
- resolves 1 (line 139) is unchanged by Brazil and reads "to continue to give this work high priority within
  ITU, in accordance with its competences and expertise, including promoting common understanding … level; "
  (with a trailing space before the line end);
- considering c) (line 96, relettered from d)) has two insertions by Brazil: "signed a cooperation agreement
  with " after "(IMPACT), " and "to collaborate within the framework … to FIRST" after "(FIRST) ".
The expected runs below are written by hand from those lines.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import Op
from itu_nb.amendments.operations import Comment, EditError, EditText
from itu_nb.errors import AddressError

DAY = "2026-12-03"
RES1 = (
    "to continue to give this work high priority within ITU, in accordance with its competences and expertise, "
    "including promoting common understanding among governments and other stakeholders of building confidence "
    "and security in the use of ICTs at national, regional and international level; "
)
TAIL1 = (
    "promoting common understanding among governments and other stakeholders of building confidence "
    "and security in the use of ICTs at national, regional and international level; "
)


@pytest.fixture(scope="module")
def b67_4():
    return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")["B/67/4"]


def runs(clause) -> list[tuple[str, str, str | None]]:
    return [(r.op.name, r.text, r.author) for r in clause.runs]


def test_the_fixture_reads_as_the_docstring_says(b67_4):
    assert b67_4["resolves/1"].body() == RES1
    assert runs(b67_4["resolves/1"]) == [("EQUAL", RES1, None)]


def test_retyping_resolves_1_tracks_words(b67_4):
    typed = (
        RES1.strip().replace("high priority", "the highest priority").replace(", including promoting", ", promoting")
    )
    draft = itu_nb.amend(b67_4, EditText("resolves 1", typed), author="Ana", date=DAY)
    assert runs(draft["resolves/1"]) == [
        ("EQUAL", "to continue to give this work ", None),
        ("DELETE", "high", "Ana"),
        ("INSERT", "the highest", "Ana"),
        ("EQUAL", " priority within ITU, in accordance with its competences and expertise, ", None),
        ("DELETE", "including ", "Ana"),
        ("EQUAL", TAIL1, None),
    ]
    assert {r.date for r in draft["resolves/1"].runs if r.op is not Op.EQUAL} == {DAY}
    # typed without the trailing space (as the viewer's text box shows it): the space stays, untracked
    assert draft["resolves/1"].body() == typed + " "
    assert draft["resolves/1"].label == "1"
    assert draft.text("original") == b67_4.text("original")
    assert [c.path for c in draft.changes if c.author == "Ana"] == ["resolves/1", "resolves/1"]


def test_retyping_words_the_proposal_inserted(b67_4):
    """Brazil inserted "signed a cooperation agreement with "; the analyst types "agreed with" instead and "this
    Forum" for "the Forum".  Brazil's words that go leave Brazil's insertion (the model has no nested changes,
    like Word removing an insertion deleted in suggesting mode); "with " stays Brazil's; the original is untouched.
    """
    before = b67_4["considering/c"]
    typed = before.body().strip().replace("signed a cooperation agreement with the Forum", "agreed with this Forum")
    draft = itu_nb.amend(b67_4, EditText("considering c)", typed), author="Ana", date=DAY)
    got = runs(draft["considering/c"])
    assert got[:6] == [
        (
            "EQUAL",
            "that the ITU Secretary-General has been invited to support the International Multilateral "
            "Partnership Against Cyber-Threats (IMPACT), ",
            None,
        ),
        ("INSERT", "agreed", "Ana"),
        ("INSERT", " with ", "Brazil"),
        ("DELETE", "the", "Ana"),
        ("INSERT", "this", "Ana"),
        ("EQUAL", " Forum for Incident Response and Security Teams (FIRST) ", None),
    ]
    assert got[6:] == runs(before)[3:]  # Brazil's second insertion and the end, as they were
    assert draft["considering/c"].body() == typed
    assert draft["considering/c"].text("original") == before.text("original")
    assert draft["considering/c"].label_original == "d)" and draft["considering/c"].label == "c)"


def test_the_same_text_changes_nothing(b67_4):
    same = itu_nb.amend(b67_4, EditText("resolves 1", RES1.strip()), author="Ana", date=DAY)
    assert same["resolves/1"].runs == b67_4["resolves/1"].runs
    assert [c.id for c in same.changes] == [c.id for c in b67_4.changes]


def test_retyping_back_restores_both_views(b67_4):
    once = itu_nb.amend(b67_4, EditText("resolves 1", RES1.replace("high", "top")), author="Ana", date=DAY)
    back = itu_nb.amend(once, EditText("resolves 1", RES1), author="Ana", date=DAY)
    assert back["resolves/1"].body() == RES1
    assert back.text("amended") == b67_4.text("amended")
    assert back.text("original") == b67_4.text("original")


def test_bad_edits_are_refused_with_the_clause_named(b67_4):
    with pytest.raises(EditError, match=r"B/67/4: no text for resolves 1"):
        itu_nb.amend(b67_4, EditText("resolves 1", "  "), author="Ana")
    with pytest.raises(EditError, match="one paragraph"):
        itu_nb.amend(b67_4, EditText("resolves 1", "first line\nsecond line"), author="Ana")
    with pytest.raises(AddressError, match="resolves 99"):
        itu_nb.amend(b67_4, EditText("resolves 99", "x"), author="Ana")
    with pytest.raises(EditError, match="empty comment"):
        itu_nb.amend(b67_4, Comment("resolves 1", " "), author="Ana")
    with pytest.raises(EditError, match="cannot contain"):
        itu_nb.amend(b67_4, Comment("resolves 1", "see <<} here"), author="Ana")


def comments(doc_or_proposal) -> list[tuple]:
    proposals = [doc_or_proposal] if isinstance(doc_or_proposal, itu_nb.Proposal) else list(doc_or_proposal)
    return [
        (n.path, a.text, a.author, (a.date or "").removesuffix("T00:00:00Z"), a.offset)
        for p in proposals
        for n in p.walk()
        for a in n.artefacts
        if a.kind == "comment"
    ]


def test_a_comment_sits_at_the_end_of_its_clause(b67_4):
    draft = itu_nb.amend(b67_4, Comment("resolves 2", "Too long? Check with CEPT."), author="Ana", date=DAY)
    node = draft["resolves/2"]
    assert comments(draft) == [("resolves/2", "Too long? Check with CEPT.", "Ana", DAY, len("2\t") + len(node.body()))]
    assert node.source_line().endswith("the General Secretariat;Too long? Check with CEPT.")
    assert draft.text("amended") == b67_4.text("amended")


def test_a_comment_stays_at_the_end_when_the_clause_is_retyped(b67_4):
    noted = itu_nb.amend(b67_4, Comment("resolves 1", "why?"), author="Ana", date=DAY)
    typed = RES1.replace("high priority", "priority")
    edited = itu_nb.amend(noted, EditText("resolves 1", typed), author="Ana", date=DAY)
    node = edited["resolves/1"]
    assert comments(edited) == [("resolves/1", "why?", "Ana", DAY, len("1\t") + sum(len(r.text) for r in node.runs))]


@pytest.mark.parametrize("fmt", ["critic", "docx", "akn"])
def test_comments_and_retyped_words_survive_every_export(b67_4, fmt):
    draft = itu_nb.amend(
        b67_4,
        [
            EditText("resolves 1", RES1.replace("high priority", "the highest priority")),
            Comment("resolves 1", "Stronger, as CITEL asks."),
        ],
        author="Ana",
        date=DAY,
    )
    if fmt == "critic":
        back = itu_nb.load(itu_nb.to_criticmarkup(draft))["B/67/4"]
    elif fmt == "docx":
        back = itu_nb.load(itu_nb.to_docx(draft))["B/67/4"]
    else:
        back = itu_nb.load(itu_nb.to_akn(draft))["B/67/4"]
    want = [(c.path, c.kind, c.old, c.new, c.author, c.date) for c in draft.changes if c.author == "Ana"]
    got = [(c.path, c.kind, c.old, c.new, c.author, (c.date or "")[:10]) for c in back.changes if c.author == "Ana"]
    assert got == want == [("resolves/1", "replaced", "high", "the highest", "Ana", DAY)]
    assert [x[:4] for x in comments(back)] == [("resolves/1", "Stronger, as CITEL asks.", "Ana", DAY)]
    assert back["resolves/1"].body().strip() == draft["resolves/1"].body().strip()


def test_html_shows_the_comment(b67_4):
    draft = itu_nb.amend(b67_4, Comment("resolves 1", "Stronger <b>wording</b>?"), author="Ana", date=DAY)
    html = itu_nb.to_html(draft)
    assert "[comment by Ana, 2026-12-03: Stronger &lt;b&gt;wording&lt;/b&gt;?]" in html


def test_a_highlight_in_the_text_moves_with_its_words(b67_4):
    """A highlight over "ITU" (the first one, at 2 + 51 in "1\\t" + resolves 1) follows the word when words before
    it are retyped ("this work high priority" → "it top priority": "this work high" struck, "it top" inserted).
    """
    import dataclasses

    from itu_nb.model import Artefact

    at = len("1\t") + RES1.index("ITU")
    assert at == 2 + 51
    lit = Artefact("highlight", "", 139, at, Op.EQUAL, length=3)
    node = dataclasses.replace(b67_4["resolves/1"], artefacts=(lit,))
    clauses = tuple(
        dataclasses.replace(c, children=tuple(node if k.path == "resolves/1" else k for k in c.children))
        if c.path == "resolves"
        else c
        for c in b67_4.clauses
    )
    marked = dataclasses.replace(b67_4, clauses=clauses)
    edited = itu_nb.amend(marked, EditText("resolves 1", RES1.replace("this work high", "it top")), author="Ana")
    after = edited["resolves/1"]
    (moved,) = after.artefacts
    source = "".join(r.text for r in after.label_runs + after.runs)  # both views, as offsets count
    assert source[moved.offset : moved.offset + moved.length] == "ITU"


def test_edits_and_comments_survive_the_review_sidecar(b67_4, tmp_path):
    """The Review (spec §1) stores an op by its class name and fields; EditText and Comment come back as they were."""
    review = itu_nb.Review(b67_4, author="Ana")
    key = review.key(b67_4)
    review.edit(key, [EditText("resolves 1", RES1.replace("high priority", "the highest priority"))])
    review.edit(key, [Comment("resolves/1", "Stronger, as CITEL asks.")])
    path = review.save(tmp_path / "b67.review.json")
    again = itu_nb.Review.load(path, review.document).proposal(key)
    assert runs(again["resolves/1"]) == runs(review.proposal(key)["resolves/1"])
    assert ("DELETE", "high", "Ana") in runs(again["resolves/1"])
    assert [x[:3] for x in comments(again)] == [("resolves/1", "Stronger, as CITEL asks.", "Ana")]


@pytest.mark.parametrize("bad", ["\x01", "\x00", "\ud800", "\x7f"])
def test_control_characters_are_refused_not_dropped(b67_4, bad):
    """Word and Akoma Ntoso cannot hold them (their writers would drop them): said, not lost on export."""
    with pytest.raises(EditError, match=rf"control character U\+{ord(bad):04X} at position 5"):  # "to a" then it
        itu_nb.amend(b67_4, EditText("resolves 1", f"to a{bad}b"), author="Ana")
    with pytest.raises(EditError, match=r"the comment on resolves 2 has the control character"):
        itu_nb.amend(b67_4, Comment("resolves 2", f"why{bad}?"), author="Ana")
    two_lines = itu_nb.amend(b67_4, Comment("resolves 2", "why?\nand how?"), author="Ana")
    assert comments(two_lines)[0][1] == "why?\nand how?"
