"""Word notes and comments (issue 17): comments on footnotes, notes of several paragraphs, text boxes in notes.

Inputs are built as Word writes them (``tests/docx_build.py``: a footnote is its ``w:footnoteRef`` mark, a
space and its text; a text box is ``mc:AlternateContent`` with the DrawingML shape and its VML copy).
The expected texts are read off the XML written here; pandoc (``--track-changes=all -t json``) is the
independent reader of what ``to_docx`` writes.
"""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import zipfile

import docx_build as B
import pytest
from lxml import etree

import itu_nb
from itu_nb import NodeKind
from itu_nb.export.critic import note_comments_on_host
from itu_nb.model import Artefact

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: resolves 1 holds footnote 1, whose "71" Brazil replaced by "72" (a tracked change inside the note);
#: resolves 2 holds footnote 2, "Plain." (no change).
_TWO_NOTES = B.package(
    B.HEAD
    + B.para(B.run("resolves"))
    + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run("."))
    + B.para(B.run("2\tand") + B.footnote_ref(3) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(2, B.run("See Resolution ") + B.dele(B.deleted_run("71")) + B.ins(B.run("72")) + B.run("."))
    + B.footnote(3, B.run("Plain.")),
)


def _with_note_comments(doc: itu_nb.Document) -> itu_nb.Document:
    """A comment by APT on every FOOTNOTE node, after its fourth character ("1 Se", "2 Pl"), with the note's op."""

    def add(c):
        arts = c.artefacts
        if c.kind is NodeKind.FOOTNOTE:
            arts = (*arts, Artefact("comment", f"on {c.path}", c.line or 0, 4, c.runs[0].op, "APT", "2018-10-01"))
        return dataclasses.replace(c, children=tuple(add(k) for k in c.children), artefacts=arts)

    return dataclasses.replace(
        doc, proposals=tuple(dataclasses.replace(p, clauses=tuple(add(c) for c in p.clauses)) for p in doc)
    )


def _comments(doc: itu_nb.Document) -> list[tuple]:
    return [
        (n.path, a.text, a.author, a.date, a.offset, a.op.name)
        for n in doc[0].walk()
        for a in n.artefacts
        if a.kind == "comment"
    ]


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


@pytest.fixture(scope="module")
def noted():
    doc = itu_nb.load(_TWO_NOTES, format="docx")
    # the tree: the changed note gives fn1 (its original text) and fn1#2 (its amended text)
    assert [(n.path, n.body("original"), n.body("amended")) for n in doc[0].walk() if n.kind is NodeKind.FOOTNOTE] == [
        ("resolves/1/fn1", "See Resolution 71.", ""),
        ("resolves/1/fn1#2", "", "See Resolution 72."),
        ("resolves/2/fn2", "Plain.", "Plain."),
    ]
    return _with_note_comments(doc)


def test_comments_on_footnote_nodes_are_word_comments_inside_the_note(noted):
    data = itu_nb.to_docx(noted)
    notes = {n.get(f"{W}id"): n for n in _part(data, "word/footnotes.xml").iter(f"{W}footnote")}
    comments = {c.get(f"{W}id"): c for c in _part(data, "word/comments.xml").iter(f"{W}comment")}
    inside = {fid: [r.get(f"{W}id") for r in n.iter(f"{W}commentReference")] for fid, n in notes.items()}
    assert inside == {"-1": [], "0": [], "1": ["0", "1"], "2": ["2"]}  # Word's separators, then the two notes
    for fid, ids in inside.items():
        for cid in ids:  # a real comment: its range and reference in the note, its text in comments.xml
            assert [e.get(f"{W}id") for e in notes[fid].iter(f"{W}commentRangeStart")].count(cid) == 1
            assert comments[cid].get(f"{W}author") == "APT" and comments[cid].get(f"{W}date") == "2018-10-01T00:00:00Z"
    assert "".join(comments["2"].itertext()) == "on resolves/2/fn2"
    # the comment on the deleted text of note 1 is a deleted reference, the one on its inserted text an inserted one
    refs = {r.get(f"{W}id"): r.getparent().getparent().tag for r in notes["1"].iter(f"{W}commentReference")}
    assert refs == {"0": f"{W}del", "1": f"{W}ins"}
    # each stands at its offset: after "1 Se" (the mark shows "1"), after "2 Pl"
    text = "".join(t.text for t in notes["2"].iter(f"{W}t"))
    assert text == " Plain." and notes["2"].find(f"{W}p/{W}r/{W}footnoteRef") is not None
    before = [e for e in notes["2"].iter(f"{W}t", f"{W}commentRangeStart")]
    assert [e.text if e.tag == f"{W}t" else "|" for e in before] == [" Pl", "|", "ain."]


def test_comments_on_footnote_nodes_come_back_at_the_note_as_from_criticmarkup_and_akn(noted):
    back = itu_nb.load(itu_nb.to_docx(noted))
    # the .docx reader puts a comment made inside a footnote on the paragraph holding the note, at the note's
    # place: after "1\tto act" (8) and "2\tand" (5), with the op of the note's text it was made in
    want = [
        ("resolves/1", "on resolves/1/fn1", "APT", "2018-10-01T00:00:00Z", 8, "DELETE"),
        ("resolves/1", "on resolves/1/fn1#2", "APT", "2018-10-01T00:00:00Z", 8, "INSERT"),
        ("resolves/2", "on resolves/2/fn2", "APT", "2018-10-01T00:00:00Z", 5, "EQUAL"),
    ]
    assert _comments(back) == want
    # the same place CriticMarkup and Akoma Ntoso give them (note_comments_on_host), dates aside
    moved = [(*c[:3], "2018-10-01T00:00:00Z", *c[4:]) for c in _comments(note_comments_on_host(noted))]
    assert moved == want
    for writer in (itu_nb.to_criticmarkup, itu_nb.to_akn):
        assert [c[:3] + c[4:] for c in _comments(itu_nb.load(writer(noted)))] == [c[:3] + c[4:] for c in want]
    # the notes' text is untouched by the comments in them
    for view in ("original", "amended"):
        assert [f.body(view) for f in back[0]["resolves/1"].footnotes] == [
            f.body(view) for f in noted[0]["resolves/1"].footnotes
        ]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_comments_inside_the_notes(noted, tmp_path):
    path = tmp_path / "noted.docx"
    itu_nb.to_docx(noted, path)
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "json", str(path)], capture_output=True, text=True, check=True
    )
    notes = []

    def walk(x, note=None):
        if isinstance(x, dict):
            if x.get("t") == "Note":
                note = len(notes)
                notes.append([])
            if x.get("t") == "Span" and note is not None:
                (_, classes, attrs), inlines = x["c"]
                if "comment-start" in classes:
                    words = " ".join(i["c"] for i in inlines if i["t"] == "Str")
                    notes[note].append((dict(attrs)["author"], words))
            for v in x.values():
                walk(v, note)
        elif isinstance(x, list):
            for v in x:
                walk(v, note)

    walk(json.loads(out.stdout)["blocks"])
    assert notes == [
        [("APT", "on resolves/1/fn1"), ("APT", "on resolves/1/fn1#2")],
        [("APT", "on resolves/2/fn2")],
    ]


# ----------------------------------------------------------------------------
# notes of several paragraphs, text boxes in notes and comments
# ----------------------------------------------------------------------------
_HOST = B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run("."))


@pytest.mark.parametrize("how", ["alternate", "drawing", "vml"])
def test_a_text_box_in_a_footnote_and_one_inside_it_are_kept(how):
    inner = B.text_box(B.para(B.run("Inner")), how)
    notes = B.SEPARATORS + B.footnote(
        2, B.run("See") + B.text_box(B.para(B.run("Outer") + inner), how) + B.run(" Resolution 71.")
    )
    doc = itu_nb.load(B.package(_HOST, footnotes=notes), format="docx")
    item = doc[0]["resolves/1"]
    # as in the body: the note's paragraph, then the text box's paragraph, then the box inside it (each once,
    # though "alternate" writes each box twice, DrawingML and VML)
    assert [f.body() for f in item.footnotes] == ["See Resolution 71.\nOuter\nInner"]
    assert "in footnote 1: text box content, anchored in the paragraph before" in item.notes


def test_a_text_box_in_a_comment_is_kept():
    body = B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.comment_ref(5) + B.run("."))
    box = B.text_box(B.para(B.run("Boxed") + B.text_box(B.para(B.run("twice")))))
    doc = itu_nb.load(B.package(body, comments=B.comment(5, B.run("why?") + box, author="CEPT")), format="docx")
    assert _comments(doc) == [("resolves/1", "why?\nBoxed\ntwice", "CEPT", "2018-09-11T00:00:00Z", 8, "EQUAL")]
    for writer in (itu_nb.to_docx, itu_nb.to_criticmarkup, itu_nb.to_akn):
        assert _comments(itu_nb.load(writer(doc)))[0][1] == "why?\nBoxed\ntwice", writer.__name__


#: Footnote 1 in four paragraphs, with changes: "First old" → "First ", "second." → "new second.", a paragraph
#: "gone" deleted whole (its mark too), "third" unchanged.
_PARAGRAPHS = (
    B.SEPARATORS
    + '<w:footnote w:id="2">'
    + B.para("<w:r><w:footnoteRef/></w:r>" + B.run(" First ") + B.dele(B.deleted_run("old")))
    + B.para(B.ins(B.run("new ")) + B.run("second."))
    + B.para(B.dele(B.deleted_run("gone")), B.mark("del"))
    + B.para(B.run("third"))
    + "</w:footnote>"
)


def test_a_note_of_several_paragraphs_keeps_them_through_word():
    doc = itu_nb.load(B.package(_HOST, footnotes=_PARAGRAPHS), format="docx")
    notes = doc[0]["resolves/1"].footnotes
    want = {"original": "First old\nsecond.\ngone\nthird", "amended": "First \nnew second.\nthird"}
    assert {v: "".join(f.body(v) for f in notes) for v in want} == want
    data = itu_nb.to_docx(doc)
    back = itu_nb.load(data)
    assert {v: "".join(f.body(v) for f in back[0]["resolves/1"].footnotes) for v in want} == want
    # one Word paragraph per line of the note, not line breaks: the four lines of the deleted text, the last
    # sharing its paragraph with the first of the inserted text's three
    note = next(n for n in _part(data, "word/footnotes.xml").iter(f"{W}footnote") if n.get(f"{W}id") == "1")
    assert len(note.findall(f"{W}p")) == 6 and not list(note.iter(f"{W}br"))


def test_a_note_of_several_paragraphs_survives_criticmarkup_and_akn_as_one_note():
    doc = itu_nb.load(B.package(_HOST, footnotes=_PARAGRAPHS), format="docx")
    # CriticMarkup holds a note in its host's line: the paragraph breaks become line breaks (U+000B); Akoma
    # Ntoso's reader folds white space (runs of it to one space).  The tree keeps its nodes and every word.
    wants = {
        itu_nb.to_criticmarkup: ["First old\vsecond.\vgone\vthird", "First \vnew second.\vthird"],
        itu_nb.to_akn: ["First old second. gone third", "First new second. third"],
    }
    for writer, want in wants.items():
        back = itu_nb.load(writer(doc))
        assert [n.path for n in back[0].walk()] == [n.path for n in doc[0].walk()], writer.__name__
        got = ["".join(f.body(v) for f in back[0]["resolves/1"].footnotes) for v in ("original", "amended")]
        assert got == want, writer.__name__


# ----------------------------------------------------------------------------
# a footnote's number
# ----------------------------------------------------------------------------
#: Footnote 3 with a custom mark, as Word writes one: the reference is followed by the mark in its run, and
#: the note starts with the mark as text in the footnote reference style (no w:footnoteRef).
_CUSTOM = B.package(
    B.HEAD
    + B.para(B.run("resolves"))
    + B.para(
        B.run("1\tto act")
        + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        + '<w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>3</w:t></w:r>'
        + B.run(".")
    ),
    footnotes=B.SEPARATORS
    + '<w:footnote w:id="2"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
    + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>3</w:t></w:r>'
    + B.run(" See Resolution 71.")
    + "</w:p></w:footnote>",
)


@pytest.mark.parametrize(
    ("data", "number"),
    [(B.package(_HOST, footnotes=B.SEPARATORS + B.footnote(2, B.run("See Resolution 71."))), "1"), (_CUSTOM, "3")],
    ids=["word-numbered", "custom-mark"],
)
def test_a_footnotes_number_is_read_once(data, number):
    # Word shows "¹ See Resolution 71." (or "3 See…" for the custom mark): the number once, before the text.
    # The body artefact is "[N: N See …]" as the flattened corpus writes it ("[1: 1 \tThese include …]"): the
    # key, then the note's text with its mark; the FOOTNOTE node has the number as its label, once.
    doc = itu_nb.load(data, format="docx")
    item = doc[0]["resolves/1"]
    assert [a.text for a in item.artefacts] == [f"[footnoteRef:{number}]", f"[{number}: {number} See Resolution 71.]"]
    (note,) = item.footnotes
    assert (note.path, note.label, note.body()) == (f"resolves/1/fn{number}", number, "See Resolution 71.")
    assert item.body() == "to act."  # the custom mark after the reference is not clause text
    back = itu_nb.load(itu_nb.to_docx(doc))
    assert [a.text for a in back[0]["resolves/1"].artefacts] == [a.text for a in item.artefacts]
