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
import subprocess
import zipfile

import docx_build as B
import pytest
from conftest import needs_pandoc, needs_soffice
from lxml import etree

import itu_nb
from itu_nb import NodeKind
from itu_nb.model import Artefact, Op

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: resolves 1 holds footnote 1, whose text Brazil replaced whole, "See Resolution 71." by "See Resolution 72."
#: (a tracked change inside the note, no equal text left but the note's number: read as its deleted and inserted
#: texts, fn1 and fn1#2); resolves 2 holds footnote 2, "Plain." (no change).
_TWO_NOTES = B.package(
    B.HEAD
    + B.para(B.run("resolves"))
    + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run("."))
    + B.para(B.run("2\tand") + B.footnote_ref(3) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(2, B.dele(B.deleted_run("See Resolution 71.")) + B.ins(B.run("See Resolution 72.")))
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


def _around_references(data: bytes) -> list[list[tuple]]:
    """Per footnote reference of document.xml, in order: the comment marks around it, each as (tag, w:id,
    op of the w:ins/w:del holding it or None), the reference itself as ("ref", the w:ins/w:del around it)."""
    body = _part(data, "word/document.xml").find(f"{W}body")
    out = []
    for p in body.iter(f"{W}p"):
        if p.find(f".//{W}footnoteReference") is None:
            continue
        seq: list[tuple] = []
        for el in p.iter(
            f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference", f"{W}footnoteReference"
        ):
            holder = next((a.tag[len(W) :] for a in el.iterancestors(f"{W}ins", f"{W}del")), None)
            tag = el.tag[len(W) :]
            seq.append(("ref", holder) if tag == "footnoteReference" else (tag, el.get(f"{W}id"), holder))
        out.append(seq)
    return out


def test_comments_on_footnote_nodes_are_word_comments_around_the_notes_reference(noted):
    data = itu_nb.to_docx(noted)
    # anchored in the body, around the note's reference mark: the range starts right before the reference run
    # and ends right after it, followed by the comment's reference run; the comment on the deleted text of note 1
    # has a deleted reference run, the one on its inserted text an inserted one (the note's reference is untracked);
    # comment ids start past the notes' w:id (two notes: 3, 4, 5), as LibreOffice 7.4 needs
    assert _around_references(data) == [
        [
            ("commentRangeStart", "3", None),
            ("commentRangeStart", "4", None),
            ("ref", None),
            ("commentRangeEnd", "3", None),
            ("commentReference", "3", "del"),
            ("commentRangeEnd", "4", None),
            ("commentReference", "4", "ins"),
        ],
        [
            ("commentRangeStart", "5", None),
            ("ref", None),
            ("commentRangeEnd", "5", None),
            ("commentReference", "5", None),
        ],
    ]
    # no comment mark in the notes (LibreOffice 7.4 cannot open a .docx with a comment inside a footnote): a hidden
    # bookmark naming each comment where it stands in its note's text, after "1 Se" and "2 Pl"
    notes = _part(data, "word/footnotes.xml")
    assert not list(notes.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"))
    before = {}
    for p in notes.iter(f"{W}p"):
        text = ""
        for el in p.iter(f"{W}t", f"{W}delText", f"{W}bookmarkStart"):
            if el.tag == f"{W}bookmarkStart":
                before[el.get(f"{W}name")] = text
            else:
                text += el.text or ""
    # Word's mark (w:footnoteRef) shows the number: " Se" of the deleted text, of the inserted text, " Pl"
    assert before == {"_itu_nb_cmt_3": " Se", "_itu_nb_cmt_4": " See Resolution 71. Se", "_itu_nb_cmt_5": " Pl"}
    # a real comment: its text, author and date in comments.xml
    comments = {c.get(f"{W}id"): c for c in _part(data, "word/comments.xml").iter(f"{W}comment")}
    assert {k: "".join(c.itertext()) for k, c in comments.items()} == {
        "3": "on resolves/1/fn1",
        "4": "on resolves/1/fn1#2",
        "5": "on resolves/2/fn2",
    }
    assert {(c.get(f"{W}author"), c.get(f"{W}date")) for c in comments.values()} == {("APT", "2018-10-01T00:00:00Z")}
    # the notes' text after Word's mark: " Plain.", cut by the bookmark
    note = next(n for n in notes.iter(f"{W}footnote") if n.get(f"{W}id") == "2")
    assert [t.text for t in note.iter(f"{W}t")] == [" Pl", "ain."] and note.find(
        f"{W}p/{W}r/{W}footnoteRef"
    ) is not None


#: resolves 1 holds footnote 1, inserted whole by Brazil ("New note."); resolves 2 footnote 2, deleted whole.
_TRACKED_NOTES = B.package(
    B.HEAD
    + B.para(B.run("resolves"))
    + B.para(B.run("1\tto act") + B.ins(B.footnote_ref(2)) + B.run("."))
    + B.para(B.run("2\tand") + B.dele(B.footnote_ref(3)) + B.run(".")),
    footnotes=B.SEPARATORS + B.footnote(2, B.run("New note.")) + B.footnote(3, B.run("Old note.")),
)


def test_a_comment_on_a_tracked_note_is_inside_the_change_holding_its_reference():
    doc = itu_nb.load(_TRACKED_NOTES, format="docx")
    assert [(n.path, n.status) for n in doc[0].walk() if n.kind is NodeKind.FOOTNOTE] == [
        ("resolves/1/fn1", "inserted"),
        ("resolves/2/fn2", "deleted"),
    ]
    noted = _with_note_comments(doc)  # the comments take the op of their note: INSERT, DELETE
    data = itu_nb.to_docx(noted)
    # the range and the comment's reference run stand inside the w:ins (w:del) holding the note's reference,
    # the reference run untracked again
    assert _around_references(data) == [
        [
            ("commentRangeStart", "3", "ins"),
            ("ref", "ins"),
            ("commentRangeEnd", "3", "ins"),
            ("commentReference", "3", "ins"),
        ],
        [
            ("commentRangeStart", "4", "del"),
            ("ref", "del"),
            ("commentRangeEnd", "4", "del"),
            ("commentReference", "4", "del"),
        ],
    ]
    body = _part(data, "word/document.xml")
    assert all(r.getparent().getparent().tag in (f"{W}ins", f"{W}del") for r in body.iter(f"{W}commentReference"))
    # read back on the note, at its place (after "1 Ne", "2 Ol"), with the note's op
    assert _comments(itu_nb.load(data)) == [
        ("resolves/1/fn1", "on resolves/1/fn1", "APT", "2018-10-01T00:00:00Z", 4, "INSERT"),
        ("resolves/2/fn2", "on resolves/2/fn2", "APT", "2018-10-01T00:00:00Z", 4, "DELETE"),
    ]


def test_comments_on_footnote_nodes_come_back_on_their_notes_at_their_places(noted):
    back = itu_nb.load(itu_nb.to_docx(noted))
    # each comment on its FOOTNOTE node after its fourth character, as _with_note_comments put it, with the op of
    # the note's text it was made in: the deleted text's (fn1) and the inserted text's (fn1#2) apart
    want = [
        ("resolves/1/fn1", "on resolves/1/fn1", "APT", "2018-10-01T00:00:00Z", 4, "DELETE"),
        ("resolves/1/fn1#2", "on resolves/1/fn1#2", "APT", "2018-10-01T00:00:00Z", 4, "INSERT"),
        ("resolves/2/fn2", "on resolves/2/fn2", "APT", "2018-10-01T00:00:00Z", 4, "EQUAL"),
    ]
    assert _comments(back) == want
    # as the model has them, dates aside (Word gives 2018-10-01 back at midnight UTC); and so CriticMarkup and
    # Akoma Ntoso, which write them inside the note
    assert [(*c[:3], "2018-10-01T00:00:00Z", *c[4:]) for c in _comments(noted)] == want
    for writer in (itu_nb.to_criticmarkup, itu_nb.to_akn):
        assert [c[:3] + c[4:] for c in _comments(itu_nb.load(writer(noted)))] == [c[:3] + c[4:] for c in want]
    # the notes' text is untouched by the comments in them
    for view in ("original", "amended"):
        assert [f.body(view) for f in back[0]["resolves/1"].footnotes] == [
            f.body(view) for f in noted[0]["resolves/1"].footnotes
        ]


def test_a_comment_of_another_op_than_its_tracked_note_keeps_its_op():
    # an analyst's comment (EQUAL) on a note inserted whole: its range starts before the w:ins holding the
    # reference and its reference run follows it, untracked, so it is read back EQUAL, not INSERT; the one with
    # the note's op stays inside the w:ins (so comes back first)
    doc = itu_nb.load(_TRACKED_NOTES, format="docx")

    def add(c):
        if c.path != "resolves/1/fn1":
            return dataclasses.replace(c, children=tuple(add(k) for k in c.children))
        mine = Artefact("comment", "mine", c.line or 0, 2, Op.EQUAL, "APT", None)
        theirs = Artefact("comment", "theirs", c.line or 0, 2, Op.INSERT, "CEPT", None)
        return dataclasses.replace(c, artefacts=(*c.artefacts, mine, theirs))

    noted = dataclasses.replace(
        doc, proposals=tuple(dataclasses.replace(p, clauses=tuple(add(c) for c in p.clauses)) for p in doc)
    )
    data = itu_nb.to_docx(noted)
    assert _around_references(data)[0] == [
        ("commentRangeStart", "3", None),
        ("commentRangeStart", "4", "ins"),
        ("ref", "ins"),
        ("commentRangeEnd", "4", "ins"),
        ("commentReference", "4", "ins"),
        ("commentRangeEnd", "3", None),
        ("commentReference", "3", None),
    ]
    assert _comments(itu_nb.load(data)) == [
        ("resolves/1/fn1", "theirs", "CEPT", None, 2, "INSERT"),
        ("resolves/1/fn1", "mine", "APT", None, 2, "EQUAL"),
    ]


@needs_pandoc
def test_pandoc_reads_the_comments_around_the_notes(noted, tmp_path):
    path = tmp_path / "noted.docx"
    itu_nb.to_docx(noted, path)
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "json", str(path)], capture_output=True, text=True, check=True
    )
    # each paragraph holding a note, as pandoc reads it: the comments (author, text) that start right before
    # the note, then the note with its text; no comment inside a note
    seen = []

    def words(x) -> str:  # the text of x: every Str in order, a Space as " " (a bookmark cuts a word in two Str)
        if isinstance(x, dict):
            return x["c"] if x.get("t") == "Str" else " " if x.get("t") == "Space" else words(x.get("c"))
        return "".join(map(words, x)) if isinstance(x, list) else ""

    for block in json.loads(out.stdout)["blocks"]:
        inlines = block["c"] if block["t"] == "Para" else []
        if not any(i["t"] == "Note" for i in inlines):
            continue
        got = []
        for i in inlines:
            if i["t"] == "Span" and "comment-start" in i["c"][0][1]:
                got.append((dict(i["c"][0][2])["author"], words(i["c"][1])))
            elif i["t"] == "Note":
                got.append(("note", words(i["c"])))
                assert "comment-start" not in json.dumps(i), "a comment inside a note"
        seen.append(got)
    assert seen == [
        [
            ("APT", "on resolves/1/fn1"),
            ("APT", "on resolves/1/fn1#2"),
            ("note", "See Resolution 71. See Resolution 72."),
        ],
        [("APT", "on resolves/2/fn2"), ("note", "Plain.")],
    ]


@needs_soffice
def test_libreoffice_opens_a_docx_with_comments_on_notes(noted, tmp_path):
    # LibreOffice 7.4 refused ("source file could not be loaded") the same file with the comments inside the
    # footnotes; anchored around the notes' references in the body, it opens it and shows the paragraphs
    paths = [tmp_path / "noted.docx", tmp_path / "tracked.docx"]
    itu_nb.to_docx(noted, paths[0])
    itu_nb.to_docx(_with_note_comments(itu_nb.load(_TRACKED_NOTES, format="docx")), paths[1])
    profile = tmp_path / "lo-profile"
    res = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
        ]
        + ["--outdir", str(tmp_path / "out"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0 and "could not be loaded" not in res.stderr, res.stderr
    for path in paths:
        text = (tmp_path / "out" / f"{path.stem}.txt").read_text(encoding="utf-8-sig").splitlines()
        # the comments' anchor paragraphs, the note's number (Word's mark, 1 and 2) after their text
        assert "1\tto act1." in text and "2\tand2." in text, path.name


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
    # CriticMarkup holds a note in its host's line: the paragraph breaks as U+2029, read back as paragraph breaks
    # (line breaks, U+000B, before session 10); Akoma Ntoso writes a p per paragraph (tests/test_akn_hops.py).
    # The tree keeps its nodes and every word.
    wants = {
        itu_nb.to_criticmarkup: ["First old\nsecond.\ngone\nthird", "First \nnew second.\nthird"],
        itu_nb.to_akn: ["First old\nsecond.\ngone\nthird", "First \nnew second.\nthird"],
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


# a tracked change inside a note keeps its author and date (issue 17)

#: resolves 1 holds footnote 1, whose "71" CEPT replaced by "72" on 11 September 2018 (w:del and w:ins in the note).
_CEPT_NOTE = B.package(
    B.HEAD + B.para(B.run("resolves")) + B.para(B.run("1\tto act") + B.footnote_ref(2) + B.run(".")),
    footnotes=B.SEPARATORS
    + B.footnote(
        2,
        B.run("See Resolution ")
        + B.dele(B.deleted_run("71"), author="CEPT")
        + B.ins(B.run("72"), author="CEPT")
        + B.run("."),
    ).replace("2018-09-10T00:00:00Z", "2018-09-11T00:00:00Z"),
)
#: The same note as CriticMarkup writes a tracked note of a document with several authors.
_CEPT_CRITIC = (
    "MOD\tX/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n"
    "1\tto act[footnoteRef:1]{--[1: See Resolution 71.]--}{>>@CEPT (2018-09-11)<<}"
    "{++[1: See Resolution 72.]++}{>>@CEPT (2018-09-11)<<}.\n"
    "2\tand {++more++}{>>@Brazil (2018-09-10)<<}.\n"
)


def _note_runs(doc: itu_nb.Document) -> list[tuple]:
    return [
        (n.path, r.op.name, r.text, r.author, r.date)
        for n in doc[0].walk()
        if n.kind is NodeKind.FOOTNOTE
        for r in n.runs
    ]


def _note_changes(data: bytes) -> list[tuple]:
    """(tag, w:author, w:date, text) of each w:ins/w:del in footnotes.xml."""
    notes = _part(data, "word/footnotes.xml")
    return [
        (c.tag[len(W) :], c.get(f"{W}author"), c.get(f"{W}date"), "".join(c.itertext()))
        for c in notes.iter(f"{W}ins", f"{W}del")
    ]


_CEPT_RUNS = [  # one note, the change inside it by CEPT, as the w:del/w:ins above say ("See Resolution " and "." equal)
    ("resolves/1/fn1", "EQUAL", "See Resolution ", None, None),
    ("resolves/1/fn1", "DELETE", "71", "CEPT", "2018-09-11T00:00:00Z"),
    ("resolves/1/fn1", "INSERT", "72", "CEPT", "2018-09-11T00:00:00Z"),
    ("resolves/1/fn1", "EQUAL", ".", None, None),
]


def test_a_tracked_change_in_a_note_is_read_with_its_author_and_date():
    assert _note_runs(itu_nb.load(_CEPT_NOTE, format="docx")) == _CEPT_RUNS


def test_a_tracked_note_is_written_with_its_author_and_date_not_the_exporters():
    doc = itu_nb.load(_CEPT_NOTE, format="docx")
    data = itu_nb.to_docx(doc, author="Exporter")
    assert _note_changes(data) == [
        ("del", "CEPT", "2018-09-11T00:00:00Z", "71"),  # inside the note's text, as the source has it
        ("ins", "CEPT", "2018-09-11T00:00:00Z", "72"),
    ]
    assert _note_runs(itu_nb.load(data, format="docx")) == _CEPT_RUNS


def test_a_tracked_note_from_criticmarkup_keeps_its_author_and_date_through_word():
    doc = itu_nb.load(_CEPT_CRITIC, format="criticmarkup")
    want = [
        ("resolves/1/fn1", "DELETE", "See Resolution 71.", "CEPT", "2018-09-11"),
        ("resolves/1/fn1#2", "INSERT", "See Resolution 72.", "CEPT", "2018-09-11"),
    ]
    assert _note_runs(doc) == want
    back = itu_nb.load(itu_nb.to_docx(doc, author="Exporter"), format="docx")
    # Word stores a date as a date and time (tests/test_roundtrip_lossless.py, the normalisations)
    assert _note_runs(back) == [(*w[:4], "2018-09-11T00:00:00Z") for w in want]
    changes = {c.path: (c.author, c.date) for c in back[0].changes}
    assert changes["resolves/1/fn1"] == changes["resolves/1/fn1#2"] == ("CEPT", "2018-09-11T00:00:00Z")
    assert changes["resolves/2"] == ("Brazil", "2018-09-10T00:00:00Z")


def test_a_change_in_a_note_without_author_is_written_with_the_exporters_author():
    # a note whose bodies say no author (as the .docx reader read notes before): Word needs one, author= gives it
    doc = itu_nb.load(_CEPT_NOTE, format="docx")

    def anonymous(c):
        arts = tuple(
            dataclasses.replace(a, author=None, date=None) if a.kind in ("footnote-body", "footnote-part") else a
            for a in c.artefacts
        )
        return dataclasses.replace(c, children=tuple(anonymous(k) for k in c.children), artefacts=arts)

    doc = dataclasses.replace(
        doc, proposals=tuple(dataclasses.replace(p, clauses=tuple(anonymous(c) for c in p.clauses)) for p in doc)
    )
    assert [(tag, who, when) for tag, who, when, _ in _note_changes(itu_nb.to_docx(doc, author="Exporter"))] == [
        ("del", "Exporter", None),
        ("ins", "Exporter", None),
    ]


@needs_pandoc
def test_pandoc_sees_the_author_of_a_change_in_a_note(tmp_path):
    path = tmp_path / "cept.docx"
    itu_nb.to_docx(itu_nb.load(_CEPT_NOTE, format="docx"), path, author="Exporter")
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "json", str(path)], capture_output=True, text=True, check=True
    )
    seen = []

    def walk(x, in_note=False):
        if isinstance(x, dict):
            if x.get("t") == "Span" and {"insertion", "deletion"} & set(x["c"][0][1]):
                attrs = dict(x["c"][0][2])
                seen.append((in_note, x["c"][0][1][0], attrs.get("author"), attrs.get("date")))
            walk(x.get("c"), in_note or x.get("t") == "Note")
        elif isinstance(x, list):
            for y in x:
                walk(y, in_note)

    walk(json.loads(out.stdout)["blocks"])
    assert seen == [
        (True, "deletion", "CEPT", "2018-09-11T00:00:00Z"),
        (True, "insertion", "CEPT", "2018-09-11T00:00:00Z"),
    ]
