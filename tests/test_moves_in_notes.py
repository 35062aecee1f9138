"""A move inside a note's text, and a note moved with its clause, stay moves in every format (issue 17).

A note's text with tracked changes in it is read as a ``footnote-body`` and ``footnote-part`` artefacts of its host
line, then a FOOTNOTE node whose runs carry the changes (:func:`itu_nb.parsing.note_pieces.note_parts`).  The parts
did not carry a move's name (:attr:`itu_nb.model.Artefact.move` now does), so a move inside a footnote read from Word
or CriticMarkup, or a note's moved runs written by any writer, came back as a plain deletion and insertion.  A clause
moved by ``amend`` takes its notes with it: the copy's note was named ``0`` (no writer found it: lost from Word and
CriticMarkup), and the note moved whole (its text all of the move) lost the name through Word and CriticMarkup.

Data: the footnote of Document 67's B/67/4 recalling j) ("These include the least developed countries, small
island developing states, …", line 16 of ``pp18-doc67-brazil.reconstructed.critic.md``), which CEPT moves after
recalling a); and a Word footnote, written as Word writes one, of Resolution 130's resolves 4 citing Resolution 140
(Rev. Busan, 2014) and Resolution 45 (Rev. Dubai, 2014), in which CEPT moved "Resolution 140 (Rev. Busan, 2014)
and " to after the other.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest
from conftest import CRITIC, needs_pandoc
from docx_build import HEAD, SEPARATORS, footnote, footnote_ref, package, para, run

import itu_nb

WHEN = "2018-10-02T00:00:00Z"
WHO = f'w:author="CEPT" w:date="{WHEN}"'
MOVED = "Resolution 140 (Rev. Busan, 2014) and "
HOST = "4\tto contribute to further strengthening the trust and security framework, taking into account Resolution 140"


def _moved(tag: str, text: str, wid: int) -> str:
    return (
        f'<w:{tag}RangeStart w:id="{wid}" w:name="move7" {WHO}/>'
        f'<w:{tag} w:id="{wid + 1}" {WHO}>{run(text)}</w:{tag}><w:{tag}RangeEnd w:id="{wid}"/>'
    )


def _word_note() -> bytes:
    note = (
        run("See ")
        + _moved("moveFrom", MOVED, 10)
        + run("Resolution 45 (Rev. Dubai, 2014)")
        + _moved("moveTo", " and " + MOVED[: -len(" and ")], 20)
        + run(".")
    )
    body = HEAD + para(run("resolves")) + para(run(HOST) + footnote_ref(2) + run(";")) + para(run("5\tto report."))
    return package(body, footnotes=SEPARATORS + footnote(2, note))


def _note_runs(doc, label: bool = True) -> list[tuple]:
    """Every changed run of every note: (node key, op, text, author, move); its label's too with ``label``."""
    return [
        (n.key, r.op.name, r.text, r.author, r.move)
        for p in doc
        for n in p.walk()
        if n.kind.name == "FOOTNOTE"
        for r in (n.label_runs if label else ()) + n.runs
        if r.op.value
    ]


def _hop(doc, fmt: str, tmp_path, k: int):
    path = tmp_path / f"hop{k}.{ {'docx': 'docx', 'akn': 'akn.xml', 'critic': 'critic.md'}[fmt] }"
    if fmt == "docx":
        path.write_bytes(itu_nb.to_docx(doc))
    else:
        path.write_text(itu_nb.to_akn(doc) if fmt == "akn" else itu_nb.to_criticmarkup(doc), encoding="utf-8")
    return itu_nb.load(path)


ROUTES = [("docx",), ("akn",), ("critic",), ("akn", "docx"), ("docx", "critic"), ("critic", "akn")]


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    path = tmp_path_factory.mktemp("note") / "note.docx"
    path.write_bytes(_word_note())
    return itu_nb.load(path)


def test_a_move_inside_a_word_footnote_reads_as_a_move(word):
    # by hand from the XML: "Resolution 140 … and " left its place and came after "Resolution 45 (Rev. Dubai, 2014)"
    assert _note_runs(word) == [
        ("resolves/4/fn1", "DELETE", MOVED, "CEPT", "move7"),
        ("resolves/4/fn1", "INSERT", " and Resolution 140 (Rev. Busan, 2014)", "CEPT", "move7"),
    ]
    note = next(n for n in word[0].walk() if n.kind.name == "FOOTNOTE")
    assert [c.kind for c in note.changes] == ["moved-from", "moved-to"]
    assert note.body("original") == "See Resolution 140 (Rev. Busan, 2014) and Resolution 45 (Rev. Dubai, 2014)."
    assert note.body("amended") == "See Resolution 45 (Rev. Dubai, 2014) and Resolution 140 (Rev. Busan, 2014)."


@pytest.mark.parametrize("route", ROUTES, ids="-".join)
def test_a_move_inside_a_note_survives_each_hop(word, route, tmp_path):
    doc = word
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    assert _note_runs(doc) == _note_runs(word)


def test_each_writer_writes_the_notes_move(word):
    assert "{>>@CEPT (2018-10-02T00:00:00Z) moved: move7<<}" in itu_nb.to_criticmarkup(word)
    assert 'itu_nb:move="move7"' in itu_nb.to_akn(word)
    assert itu_nb.to_html(word).count('data-move="move7"') == 2


@pytest.fixture(scope="module")
def moved_with_note():
    doc = itu_nb.load(CRITIC, author="Brazil")
    p = itu_nb.amend(doc["B/67/4"], "Move recalling j) after recalling a)", author="CEPT", date="2018-10-02")
    return dataclasses.replace(doc, proposals=(p,))


def test_a_clause_moved_takes_its_note_under_the_notes_own_name(moved_with_note):
    line = next(x for x in CRITIC.read_text(encoding="utf-8").split("\n") if x.startswith("j)\tResolution\xa069"))
    assert "[1: 1 \tThese include the least developed countries" in line
    runs = _note_runs(moved_with_note)
    assert [(k, op, t[:15], a, m) for k, op, t, a, m in runs] == [
        # the copy's note, named fn1 as it was (its label "1 <TAB>" and text), and the struck original's
        ("recalling/b/fn1", "INSERT", "1 \t", "CEPT", "move-recalling/j/fn1"),
        ("recalling/b/fn1", "INSERT", "These include t", "CEPT", "move-recalling/j/fn1"),
        ("recalling/j/fn1", "DELETE", "1 \t", "CEPT", "move-recalling/j/fn1"),
        ("recalling/j/fn1", "DELETE", "These include t", "CEPT", "move-recalling/j/fn1"),
    ]
    assert runs[1][2] == runs[3][2] and runs[1][2].endswith("countries with economies in transition.")


@pytest.mark.parametrize("route", ROUTES, ids="-".join)
def test_a_note_moved_with_its_clause_survives_each_hop(moved_with_note, route, tmp_path):
    doc = moved_with_note
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    # (a note read from Akoma Ntoso then written to Word: its number "1" comes back deleted and inserted in its
    # text, its label " <TAB>" alone, as a note deleted with its clause does on main: not a move's matter)
    plain = route != ("akn", "docx")  # (there: the move's runs, the number aside)
    assert [(k, op, t, m) for k, op, t, _, m in _note_runs(doc, plain) if plain or m] == [
        (k, op, t, m) for k, op, t, _, m in _note_runs(moved_with_note, plain) if plain or m
    ]


@needs_pandoc
def test_pandoc_reads_the_moved_note(moved_with_note, tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(itu_nb.to_docx(moved_with_note))
    marked = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "markdown", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    note = "These include the least developed countries, small island developing states, landlocked"
    # the copy's note inserted, the struck original's deleted, each by CEPT (pandoc reads a move as such)
    assert re.search(rf"\[\^\d+\]: \[{note}[^]]*\]\{{\.insertion author=\"CEPT\"", marked)
    assert re.search(rf"\[\^\d+\]: \^1\^ \[{note}[^]]*\]\{{\.deletion author=\"CEPT\"", marked)
