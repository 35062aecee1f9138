"""CriticMarkup export: the corpus files come back exactly through itu_nb.load."""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS, FLATTENED

import itu_nb
from itu_nb.export import ExportError, to_criticmarkup
from itu_nb.export.critic import HEADER

BRAZIL = {"author": "Brazil", "date": "2018-09-10"}


def structure(doc, *, authors: bool = True) -> list[tuple]:
    """What a round trip must keep: proposals, clause paths, kinds, sections, labels and text in
    both views, and every change (id, kind, old, new, author).  Not compared: artefacts (their
    form depends on the format), notes, source lines, the ``inferred`` flag."""
    out = []
    for p in doc:
        nodes = tuple(
            (
                n.path,
                n.kind.value,
                n.section,
                n.label_original,
                n.label,
                n.body("original").strip() if n.exists_in("original") else None,
                n.body("amended").strip() if n.exists_in("amended") else None,
            )
            for n in p.walk()
        )
        changes = tuple((c.id, c.kind, c.old, c.new, c.author if authors else None) for c in p.changes)
        out.append((p.id, p.action, p.target, nodes, changes))
    return out


def assert_same(a, b, **kw):
    sa, sb = structure(a, **kw), structure(b, **kw)
    assert [p[0] for p in sa] == [p[0] for p in sb]
    for pa, pb in zip(sa, sb, strict=True):
        assert pa[:3] == pb[:3]
        assert pa[3] == pb[3], f"{pa[0]}: clauses differ"
        assert pa[4] == pb[4], f"{pa[0]}: changes differ"


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, **BRAZIL)


@pytest.fixture(scope="module")
def final_acts():
    return itu_nb.load(FINAL_ACTS)


def test_the_reconstruction_is_written_back_byte_for_byte():
    # read without author= or date=, its changes carry neither: nothing is written after them
    assert to_criticmarkup(itu_nb.load(CRITIC)) == CRITIC.read_text(encoding="utf-8")


def test_the_changes_author_and_date_are_written_after_each(brazil):
    # read with author= and date=, every change carries them: written after each (issue 17), so that a round trip
    # keeps them without author= (the file's first change: "(Rev. {--Antalya, 2006--}{++Dubai, 2018++})", B/67/1)
    text = to_criticmarkup(brazil)
    signed = "{>>@Brazil (2018-09-10)<<}"
    assert f"{{--Antalya, 2006--}}{signed}{{++Dubai, 2018++}}{signed})" in text
    assert text.replace(signed, "") == CRITIC.read_text(encoding="utf-8")
    again = itu_nb.load(text)
    assert {(c.author, c.date) for p in again for c in p.changes} == {("Brazil", "2018-09-10")}
    assert to_criticmarkup(again) == text


def test_round_trip_keeps_structure_changes_and_authors(brazil, tmp_path):
    out = tmp_path / "brazil.md"
    text = to_criticmarkup(brazil, out)
    assert out.read_text(encoding="utf-8") == text
    again = itu_nb.load(out, **BRAZIL)
    assert again.format == "criticmarkup"
    assert_same(brazil, again)
    assert len(again["B/67/4"].changes) == 73
    assert {c.author for c in again["B/67/4"].changes} == {"Brazil"}
    assert again.source_text() == brazil.source_text()
    for view in ("original", "amended"):
        assert again.text(view) == brazil.text(view)


def test_flattened_text_round_trips_with_its_inferred_changes(tmp_path):
    flat = itu_nb.load(FLATTENED)
    inferred = [c for c in flat.proposals[1].changes if c.inferred]
    assert inferred  # "(Rev. Busan, 2014Dubai, 2018)" and the like
    again = itu_nb.load(to_criticmarkup(flat))
    assert_same(flat, again)
    # the inferred changes are now written marks
    assert not any(c.inferred for p in again for c in p.changes)


def test_final_acts_round_trip(final_acts):
    text = to_criticmarkup(final_acts)
    assert text.startswith(HEADER + "\n")  # no change to mark: the header makes it CriticMarkup
    again = itu_nb.load(text)
    assert again.format == "criticmarkup" and len(again) == 70  # 64 texts and Parts II-VII of the book
    a, b = structure(final_acts), structure(again)
    assert a == b  # all 64 statements
    # the AKN converter's "a) " labels are written with the TAB that makes them labels
    assert "\na)\tthe strategic plan of the Union for 2020-2023" in text


def test_one_proposal_keeps_its_marker_and_id(brazil):
    p = brazil["B/67/4"]
    text = p.to_criticmarkup()
    assert text.startswith("MOD\tB/67/4\n")
    signed = "{>>@Brazil (2018-09-10)<<}"  # each change's author and date, written after it
    assert f"{{--c--}}{signed}{{++b++}}{signed})\tthat, with the application" in text
    again = itu_nb.load(text, **BRAZIL)
    assert_same(itu_nb.model.Document("x", "x", {}, (p,)), again)


def test_consolidated_draft_has_no_marks(brazil):
    draft = brazil["B/67/2"].accept()
    text = draft.to_criticmarkup()
    assert text.startswith(HEADER + "\n")  # the empty insertion that makes it CriticMarkup, read as a blank line
    body = text.removeprefix(HEADER)
    assert "{++" not in body and "{--" not in body
    again = itu_nb.load(text)[0]
    assert again.text("amended") == brazil["B/67/2"].text("amended")


def test_text_that_looks_like_a_mark_is_refused():
    doc = itu_nb.load(
        "RESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n1\tto write {++ and ++} literally", format="text"
    )
    with pytest.raises(ExportError, match=r"resolves/1.*CriticMarkup mark"):
        to_criticmarkup(doc)
