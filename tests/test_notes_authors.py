"""A Word note changed by several authors is one note holding each author's changes (issue 17, session 10).

The .docx reader gives a note whose whole text (all but its number) was replaced as its deleted and inserted
texts, ``fn1`` and ``fn1#2``, as CriticMarkup writes a note replaced whole (``{--[1: a]--}{++[1: b]++}``); each
text carries one author and date.  When several authors changed the note, that lost all but the first author of
each side (and marked Word's number "1 " as deleted and inserted).  Such a note is now one note, its number
equal, each change inside it with its own author and date, as a note with equal text and changes inside it is
(``tests/test_notes_changes.py``).  Expected values are read off the XML written here (``tests/docx_build.py``);
pandoc (``--track-changes=all``) is the independent reader of what ``to_docx`` writes.
"""

from __future__ import annotations

import json
import subprocess

import docx_build as B
import pytest
from conftest import needs_pandoc

import itu_nb
from itu_nb import NodeKind

WHEN = "2018-09-10T00:00:00Z"  # docx_build's date of every change


def _package(inner: str) -> bytes:
    """resolves 1, "to act.", with footnote 1 (Word's mark, a space, then ``inner``) after "to act"."""
    body = B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run("."))
    return B.package(body, footnotes=B.SEPARATORS + B.footnote(2, inner))


def _notes(doc: itu_nb.Document) -> list[tuple]:
    """Every FOOTNOTE node: (path, its runs as (op, text, author, date))."""
    return [
        (n.path, [(r.op.name, r.text, r.author, r.date) for r in n.label_runs + n.runs])
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


#: "See 71" deleted and "See 72" inserted by CEPT, " and 73" inserted by APT
_REPLACED = _package(
    B.dele(B.deleted_run("See 71"), author="CEPT")
    + B.ins(B.run("See 72"), author="CEPT", wid=3)
    + B.ins(B.run(" and 73"), author="APT", wid=4)
)
#: the note's text inserted by two authors: "See 72" by CEPT, " and 73" by APT (its reference not tracked)
_INSERTED = _package(B.ins(B.run("See 72"), author="CEPT", wid=3) + B.ins(B.run(" and 73"), author="APT", wid=4))
#: one author replacing the whole text: its deleted and inserted texts, as before (and as CriticMarkup writes it)
_ONE_AUTHOR = _package(B.dele(B.deleted_run("See 71"), author="CEPT") + B.ins(B.run("See 72"), author="CEPT", wid=3))

CASES = {
    "replaced": (
        _REPLACED,
        [
            (
                "resolves/1/fn1",
                [
                    ("EQUAL", "1 ", None, None),  # Word's mark and the space after it: the note's number, equal
                    ("DELETE", "See 71", "CEPT", WHEN),
                    ("INSERT", "See 72", "CEPT", WHEN),
                    ("INSERT", " and 73", "APT", WHEN),
                ],
            )
        ],
    ),
    "inserted": (
        _INSERTED,
        [
            (
                "resolves/1/fn1",
                [("EQUAL", "1 ", None, None), ("INSERT", "See 72", "CEPT", WHEN), ("INSERT", " and 73", "APT", WHEN)],
            )
        ],
    ),
    "one-author": (
        _ONE_AUTHOR,
        [
            ("resolves/1/fn1", [("DELETE", "1 ", "CEPT", WHEN), ("DELETE", "See 71", "CEPT", WHEN)]),
            ("resolves/1/fn1#2", [("INSERT", "1 ", "CEPT", WHEN), ("INSERT", "See 72", "CEPT", WHEN)]),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_docx_reader_keeps_each_authors_change_inside_the_note(case):
    data, want = CASES[case]
    assert _notes(itu_nb.load(data, format="docx")) == want


_WRITERS = {"critic": itu_nb.to_criticmarkup, "docx": itu_nb.to_docx, "akn": itu_nb.to_akn}
_HOPS = [(a, b) for a in _WRITERS for b in _WRITERS]


@pytest.mark.parametrize(("first", "second"), _HOPS, ids=[f"{a}-{b}" for a, b in _HOPS])
@pytest.mark.parametrize("case", ["replaced", "inserted"])
def test_each_authors_change_survives_one_and_two_hops(case, first, second):
    data, want = CASES[case]
    once = itu_nb.load(_WRITERS[first](itu_nb.load(data, format="docx")))
    assert _notes(once) == want, first
    assert _notes(itu_nb.load(_WRITERS[second](once))) == want, (first, second)


def test_criticmarkup_writes_each_change_with_its_author_inside_the_note():
    text = itu_nb.to_criticmarkup(itu_nb.load(_REPLACED, format="docx"))
    assert (
        f"[1: 1 {{--See 71--}}{{>>@CEPT ({WHEN})<<}}{{++See 72++}}{{>>@CEPT ({WHEN})<<}}"
        f"{{++ and 73++}}{{>>@APT ({WHEN})<<}}]" in text
    )


@needs_pandoc
def test_pandoc_reads_each_authors_change_inside_the_written_note(tmp_path):
    path = tmp_path / "authors.docx"
    itu_nb.to_docx(itu_nb.load(_REPLACED, format="docx"), path)
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "json", str(path)], capture_output=True, text=True, check=True
    )

    def words(x) -> str:
        if isinstance(x, dict):
            return x["c"] if x.get("t") == "Str" else " " if x.get("t") == "Space" else words(x.get("c"))
        return "".join(map(words, x)) if isinstance(x, list) else ""

    def notes(x):
        if isinstance(x, dict):
            if x.get("t") == "Note":
                yield x
            else:
                yield from notes(x.get("c"))
        elif isinstance(x, list):
            for y in x:
                yield from notes(y)

    (note,) = notes(json.loads(out.stdout)["blocks"])
    changes = []

    def spans(x):
        if isinstance(x, dict):
            if x.get("t") == "Span" and x["c"][0][1] in (["insertion"], ["deletion"]):
                changes.append((x["c"][0][1][0], dict(x["c"][0][2])["author"], words(x["c"][1])))
            else:
                spans(x.get("c"))
        elif isinstance(x, list):
            for y in x:
                spans(y)

    spans(note)
    # (pandoc puts the space that starts APT's insertion before its span: " and 73" reads "and 73")
    assert changes == [("deletion", "CEPT", "See 71"), ("insertion", "CEPT", "See 72"), ("insertion", "APT", "and 73")]
