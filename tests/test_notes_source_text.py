"""``Document.source_text()`` keeps the text of a comment made inside a note body, at its place (issue 17).

The rebuild the "nothing lost" tests check puts every comment's text where it stood (the CriticMarkup file with
its marks removed, comments' text kept).  Since session 16 a comment inside a note body in a clause's line is a
comment of the note's FOOTNOTE node (``tests/test_notes_comments.py``), which has no line of its own, and the
rebuild left its text out.  Doc 67 with a comment in note 1 (line 89, after "the least developed countries") and
one at the start of note 2's text (line 249, after ``[2:  ``): ``tests/test_export_keeps_marks.py``'s inputs.
"""

from __future__ import annotations

from conftest import FLATTENED
from test_export_keeps_marks import with_note_comments

import itu_nb
from itu_nb import NodeKind

#: Where each comment's text stands in the flattened file (the CriticMarkup file with both sides of every change
#: kept and its marks removed: ``tests/test_critic_loader.py``).
PLACES = (
    ("the least developed countries,", "the least developed countrieswhich list?,"),
    ("[2:  https", "[2:  a linkhttps"),
)


def _expected() -> str:
    text = FLATTENED.read_text(encoding="utf-8")
    for old, new in PLACES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_the_rebuild_holds_a_comment_made_inside_a_note_at_its_place():
    doc = itu_nb.load(with_note_comments(), author="Brazil", date="2018-09-10")
    notes = {n.path: n for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE}
    assert [a.text for n in notes.values() for a in n.artefacts if a.kind == "comment"] == ["which list?", "a link"]
    assert doc.source_text() == _expected()
    lines = doc.source_text("amended").splitlines()
    assert "the least developed countrieswhich list?, small island" in lines[88]
    assert "[footnoteRef:2]. [2:  a linkhttps://www.itu.int/md/S17-RCLINTPOL10-C-0005/en]" in lines[248]


def test_a_comment_in_a_note_made_inside_a_change_is_in_the_view_of_that_change():
    # "72" inserted by Brazil inside note 1 of considering a), CEPT's comment made inside the insertion
    text = (
        "MOD\tB/67/1\nconsidering\na)\tthat x[footnoteRef:1] [1: See {--71--}{++72{>>@CEPT (2018-09-11): newer<<}++}]\n"
    )
    doc = itu_nb.load(text, format="criticmarkup")
    lines = [doc.source_text(view).splitlines()[2] for view in (None, "original", "amended")]
    assert lines == [
        "a)\tthat x[footnoteRef:1] [1: See 7172newer]",
        "a)\tthat x[footnoteRef:1] [1: See 71]",
        "a)\tthat x[footnoteRef:1] [1: See 72newer]",
    ]


def test_two_bodies_of_one_number_each_keep_their_comment():
    text = "MOD\tB/67/1\nconsidering\na)\tthat x[footnoteRef:1] [1: One {>>first<<}note] [1: Two {>>second<<}note]\n"
    doc = itu_nb.load(text, format="criticmarkup")
    assert doc.source_text().splitlines()[2] == "a)\tthat x[footnoteRef:1] [1: One firstnote] [1: Two secondnote]"
