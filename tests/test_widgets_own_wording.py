"""The conflict panel's "own wording" box (issue 15, item 9): it starts from the contested words
without the spaces around them, and the analyst's wording replaces those words only, so it never
glues onto the next word ("a highpriority").

The base is Resolution 130 as adopted at Dubai (tests/fixtures/pp18-final-acts.akn.xml), resolves 2:
"to give high priority to the work of ITU described under bearing in mind above, …". CEPT (of
test_amend_merge) replaces "high" by "the highest"; a second proposal drops "high " (its word and the
space after it), so the contested base text is "high " with its trailing space.
"""

from __future__ import annotations

import pytest
from test_amend_merge import CEPT, RES130

import itu_nb

OPENING = "to give high priority to the work of ITU"


@pytest.fixture(scope="module")
def viewer_on_draft():
    assert RES130["resolves/2"].body().startswith(OPENING)  # the base, as the Final Acts have it
    apt = itu_nb.amend(RES130, ['In resolves 2, replace "high priority" by "priority"'], author="APT")

    def make():
        return itu_nb.RedlineViewer(itu_nb.merge(RES130, [CEPT, apt]))

    return make


def overlap(viewer):
    return next(c for c in viewer._conflicts if c["kind"] == "overlap")


def test_own_wording_starts_from_the_words_without_spaces(viewer_on_draft):
    c = overlap(viewer_on_draft())
    assert c["base_text"] == "high "  # APT's deletion takes the space after the word with it
    assert c["wording"] == "high" and c["wording_of"] == "the contested words"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a high", "to give a high priority to the work of ITU"),  # was "to give a highpriority …"
        ("the highest", "to give the highest priority to the work of ITU"),
        ("high", OPENING),  # the pre-filled wording, unchanged, gives back the base text
    ],
)
def test_own_wording_replaces_the_words_and_keeps_the_spaces(viewer_on_draft, text, expected):
    viewer = viewer_on_draft()
    viewer.resolve(overlap(viewer)["id"], text=text)
    assert viewer.result()["resolves/2"].body().startswith(expected)
    assert viewer.result()["resolves/2"].body("original").startswith(OPENING)  # the base is untouched
