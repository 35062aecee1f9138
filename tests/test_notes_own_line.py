"""Issue 17: a note body on a line of its own, and a Word note referenced twice, through every writer.

Brazil's Document 67 writes each note's body in its clause's line, after the reference (line 89 of
``pp18-doc67-brazil.flattened.txt``, B/67/4 *recalling* j): ``…developing countries[footnoteRef:1]1, and cooperation
between them;  [1: 1 <TAB>These include the least developed countries, …]``; lines 249 and 252, B/67/5's Reasons:
notes 2 and 3, two ITU document addresses).  An extraction may instead give a body a line of its own, after its
clause or at the end of the text: the tests move Doc 67's bodies there (:func:`_own_lines`, :func:`_at_the_end`)
and expect the notes the real file gives, at the same paths (``recalling/j/fn1``, ``reasons/p2/fn2``,
``reasons/p4/fn3``), through Word, Akoma Ntoso, CriticMarkup and HTML.  A body with no reference before it in its
proposal stays a document artefact, and every writer still writes its text.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest
from conftest import CRITIC, FLATTENED, libreoffice_fodt
from docx_build import HEAD, SEPARATORS, footnote, footnote_ref, package, para, run

import itu_nb
from itu_nb.model import NodeKind

#: A note's body written in its clause's line as Doc 67 does: the spaces around it and the body.
_BODY = re.compile(r"[ \t]*(\[\d+:[ \t][^\[\]\n]*\])[ \t]*\n")

#: Doc 67's three notes as the real file gives them (flattened lines 89, 249, 252): path, label, text (notes 2 and 3
#: are written ``[2:  https://…]``: one space after ``[2:``, then their text, starting with a space).
NOTES = [
    (
        "B/67/4",
        "recalling/j/fn1",
        "1 \t",
        "These include the least developed countries, small island developing states, landlocked developing "
        "countries and countries with economies in transition.",
    ),
    ("B/67/5", "reasons/p2/fn2", "", " https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en"),
    ("B/67/5", "reasons/p4/fn3", "", " https://www.itu.int/md/T17-SG03-R-0011/en"),
]

WRITERS = {"docx": itu_nb.to_docx, "akn": itu_nb.to_akn, "critic": itu_nb.to_criticmarkup}


def _own_lines(text: str) -> str:
    """``text`` with each note body on a line of its own, right after its clause's line."""
    out, n = _BODY.subn(r"\n\1\n", text)
    assert n == 3  # Doc 67's three notes
    return out


def _at_the_end(text: str) -> str:
    """``text`` with every note body moved to lines of their own at its end (after the trailer)."""
    bodies = [m.group(1) for m in _BODY.finditer(text)]
    assert len(bodies) == 3
    return _BODY.sub("\n", text) + "".join(f"{b}\n" for b in bodies)


def _notes(doc: itu_nb.Document) -> list[tuple[str, str, str, str]]:
    return [
        (p.id, n.path, "".join(r.text for r in n.label_runs), n.body())
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
    ]


def _paths(doc: itu_nb.Document) -> list[tuple[str, str, str, str]]:
    return [(p.id, n.path, n.kind.value, n.body()) for p in doc for n in p.walk()]


@pytest.fixture(params=["flattened", "critic"])
def brazil(request) -> tuple[str, str]:
    """Doc 67 (flattened or CriticMarkup) with its note bodies on lines of their own, and the real file's text."""
    real = (FLATTENED if request.param == "flattened" else CRITIC).read_text(encoding="utf-8")
    return _own_lines(real), real


def test_a_body_on_a_line_of_its_own_is_the_note_of_the_clause_referencing_it(brazil):
    text, real = brazil
    doc, whole = itu_nb.load(text), itu_nb.load(real)
    assert _notes(doc) == NOTES == _notes(whole)
    # the same tree as the real file's but for the clauses' trailing spaces (the body took them to its line)
    assert [(i, p, k) for i, p, k, _ in _paths(doc)] == [(i, p, k) for i, p, k, _ in _paths(whole)]
    # the bodies stay the document's artefacts, so the source and its views are rebuilt as they were
    assert [a.text[:6] for a in doc.artefacts if a.kind == "footnote-body"] == ["[1: 1 ", "[2:  h", "[3:  h"]
    for view in (None, "original", "amended"):
        assert doc.source_text(view) == _own_lines(whole.source_text(view) + "\n")[:-1]


def test_every_writer_keeps_the_notes_their_text_and_paths(brazil):
    doc = itu_nb.load(brazil[0])
    for fmt, write in WRITERS.items():
        back = itu_nb.load(write(doc))
        assert _paths(back) == _paths(doc), fmt
        assert _notes(back) == NOTES, fmt
    page = itu_nb.to_html(doc)
    for *_, text in NOTES:  # each note once, at its clause (not again as a line of its own)
        assert page.count(text) == 1


def test_criticmarkup_writes_a_body_back_on_its_own_line(brazil):
    text = brazil[0]
    doc = itu_nb.load(text)
    written = itu_nb.to_criticmarkup(doc)
    line = "[1: 1 \tThese include the least developed countries, small island developing states, landlocked"
    assert f"\n{line}" in written and f"\n{line}" in text
    assert written.count("These include the least developed countries") == 1


def test_word_writes_the_note_at_its_reference_with_its_text():
    doc = itu_nb.load(_own_lines(FLATTENED.read_text(encoding="utf-8")))
    data = itu_nb.to_docx(doc)
    parts = zipfile.ZipFile(io.BytesIO(data))
    notes = parts.read("word/footnotes.xml").decode()
    assert notes.count("<w:footnote ") == 2 + 3  # Word's two separators, Doc 67's three notes
    assert "These include the least developed countries" in notes
    assert "T17-SG03-R-0011" in notes
    assert parts.read("word/document.xml").decode().count("<w:footnoteReference ") == 3


def test_libreoffice_shows_the_text_of_a_note_whose_body_had_a_line_of_its_own(tmp_path):
    doc = itu_nb.load(_own_lines(FLATTENED.read_text(encoding="utf-8")))
    path = tmp_path / "doc67.docx"
    itu_nb.to_docx(doc, path)
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    bodies = re.findall(r"<text:note-body>(.*?)</text:note-body>", fodt, re.S)
    texts = [re.sub(r"<[^>]+>", "", b) for b in bodies]
    assert len(texts) == 3
    assert "These include the least developed countries" in texts[0]
    assert "S17-RCLINTPOL10-C-0005" in texts[1] and "T17-SG03-R-0011" in texts[2]


def test_bodies_at_the_end_of_the_text_go_to_their_references_in_any_proposal():
    # at the end of Doc 67 (after the trailer line of underscores) the bodies stand after B/67/5's last clause,
    # where an extraction gathers a document's notes: notes 2 and 3 go to B/67/5's Reasons, note 1 to B/67/4's
    # recalling j), which references it (the nearest earlier reference, in any proposal, for a body at the end)
    text = _at_the_end(FLATTENED.read_text(encoding="utf-8"))
    doc = itu_nb.load(text)
    assert _notes(doc) == NOTES
    assert doc.source_text() == text
    for fmt, write in WRITERS.items():
        back = itu_nb.load(write(doc))
        assert _paths(back) == _paths(doc), fmt
    assert itu_nb.to_html(doc).count("These include the least developed countries") == 1
    notes = zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(doc))).read("word/footnotes.xml").decode()
    assert notes.count("These include the least developed countries") == 1


def test_a_body_at_the_end_without_any_reference_stays_and_every_writer_writes_it():
    text = FLATTENED.read_text(encoding="utf-8") + "[4: 4 A note no clause references.]\n"
    doc = itu_nb.load(text)
    assert _notes(doc) == NOTES  # Doc 67's own three, written in their clauses' lines
    assert [a.text for a in doc.artefacts if a.kind == "footnote-body"] == ["[4: 4 A note no clause references.]"]
    for fmt, write in WRITERS.items():
        back = itu_nb.load(write(doc))
        assert _paths(back) == _paths(doc), fmt
        kept = [a.text for a in back.artefacts if a.kind == "footnote-body"]
        assert kept == ["[4: 4 A note no clause references.]"], fmt
    assert itu_nb.to_html(doc).count("A note no clause references.") == 1


def test_a_body_before_its_reference_stays_and_the_reference_points_to_it_in_word():
    text = (
        "MOD\tB/67/4\n\nRESOLUTION 130 (Rev. Dubai, 2018)\n\nrecalling\n\n"
        "[1: 1 \tThese include the least developed countries.]\n"
        "j)\tResolution 69 (Rev. Buenos Aires, 2017) of WTDC, particularly for developing countries[footnoteRef:1];\n"
    )
    doc = itu_nb.load(text)
    assert _notes(doc) == []  # no reference before it: the body stays a document artefact
    data = itu_nb.to_docx(doc)
    parts = zipfile.ZipFile(io.BytesIO(data))
    assert parts.read("word/footnotes.xml").decode().count("<w:footnote ") == 3  # one note, not an empty second
    back = itu_nb.load(data)
    assert _paths(back) == _paths(doc)
    assert [a.text for a in back.artefacts if a.kind == "footnote-body"] == [
        "[1: 1 \tThese include the least developed countries.]"
    ]
    for fmt in ("akn", "critic"):
        back = itu_nb.load(WRITERS[fmt](doc))
        assert _paths(back) == _paths(doc), fmt
        assert any("These include" in a.text for a in back.artefacts), fmt
    assert "These include the least developed countries." in itu_nb.to_html(doc)


# ----------------------------------------------------------------------------
# a Word note referenced twice
# ----------------------------------------------------------------------------
#: Resolution 130 refers twice to the note on developing countries: *recalling* j) (Res 69 of WTDC, B/67/4 as in
#: Doc 67 line 89) and n) (Res 58 of WTSA, as the Final Acts write it, "developing countries1;"): here one Word
#: note (w:id 2) with two references.
_DEVELOPING = "These include the least developed countries, small island developing states, landlocked developing "
_DEVELOPING += "countries and countries with economies in transition."


def _res130() -> bytes:
    body = HEAD + para(run("recalling"))
    body += para(run("j)\tResolution 69 of WTDC, particularly for developing countries") + footnote_ref(2) + run(";"))
    body += para(run("n)\tResolution 58 of WTSA, particularly for developing countries") + footnote_ref(2) + run(";"))
    return package(body, footnotes=SEPARATORS + footnote(2, run(_DEVELOPING)))


def test_a_word_note_referenced_twice_is_written_once_and_referenced_twice():
    doc = itu_nb.load(_res130())
    assert _notes(doc) == [("XYZ/1/1", "recalling/j/fn1", "1 ", _DEVELOPING)]  # Word's number, then the text
    assert doc[0]["recalling/n"].notes == (
        "footnote 2 repeats footnote 1 (w:id 2); its text is shown once, at the first reference",
    )
    data = itu_nb.to_docx(doc)
    parts = zipfile.ZipFile(io.BytesIO(data))
    assert parts.read("word/footnotes.xml").decode().count("<w:footnote ") == 3  # the separators and the note
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"', parts.read("word/document.xml").decode())
    assert refs == ["1", "1"]
    back = itu_nb.load(data)
    assert _paths(back) == _paths(doc)
    assert back[0]["recalling/n"].notes == (
        "footnote 2 repeats footnote 1 (w:id 1); its text is shown once, at the first reference",
    )


@pytest.mark.parametrize("fmt", ["akn", "critic"])
def test_akn_and_criticmarkup_write_a_repeated_note_once(fmt):
    # one body; CriticMarkup keeps the second reference ([footnoteRef:2], no body), Akoma Ntoso has no
    # reference without a note (authorialNote holds its text) and leaves it out
    doc = itu_nb.load(_res130())
    written = WRITERS[fmt](doc)
    assert written.count("These include the least developed") == 1
    assert _paths(itu_nb.load(written)) == _paths(doc)
    if fmt == "critic":
        assert "developing countries[footnoteRef:2];" in written
    assert itu_nb.to_html(doc).count("These include the least developed") == 1


def test_libreoffice_shows_a_note_referenced_twice(tmp_path):
    path = tmp_path / "res130.docx"
    itu_nb.to_docx(itu_nb.load(_res130()), path)
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    assert "These include the least developed countries" in fodt


def test_a_note_referenced_forty_thousand_times_is_written_once_to_word_and_read_back(tmp_path):
    # before: to_docx wrote each repeated reference as a new empty note, read back as 40,000 nodes (6.1 s)
    from bounds import bounded

    body = HEAD + para(run("resolves"))
    body += "".join(para(run(f"to act {i}") + footnote_ref(2) * 100 + run(".")) for i in range(400))
    path = tmp_path / "repeated.docx"
    path.write_bytes(package(body, footnotes=SEPARATORS + footnote(2, run("The shared note."))))
    r = bounded(
        f"""
        import io, zipfile, itu_nb
        doc = itu_nb.load({str(path)!r})
        data = itu_nb.to_docx(doc)
        back = itu_nb.load(data)
        parts = zipfile.ZipFile(io.BytesIO(data))
        notes = [n.path for p in back for n in p.walk() if n.kind.value == "footnote"]
        print(notes, parts.read("word/footnotes.xml").count(b"<w:footnote "),
              parts.read("word/document.xml").count(b"<w:footnoteReference "))
        """,
        label="a note referenced 40,000 times, written to Word and read back",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == ["['resolves/p1/fn1']", "3", "40000"]


def test_ten_thousand_bodies_on_lines_of_their_own_are_attached_in_linear_time():
    from bounds import bounded

    r = bounded(
        """
        import itu_nb
        lines = ["MOD\\tXYZ/1/1", "RESOLUTION 1 (Rev. Dubai, 2018)", "resolves"]
        for i in range(1, 10001):
            lines += [f"to act {i}[footnoteRef:{i}];", f"[{i}: {i} On paragraph {i}.]"]
        doc = itu_nb.load("\\n".join(lines) + "\\n")
        notes = [n for p in doc for n in p.walk() if n.kind.value == "footnote"]
        print(len(notes), notes[0].path, notes[-1].path, notes[-1].body())
        """,
        label="10,000 note bodies on lines of their own, each after its clause",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == "10000 resolves/p1/fn1 resolves/p10000/fn10000 On paragraph 10000.".split()


def test_a_decision_on_a_note_whose_body_has_a_line_of_its_own_shows_in_every_writer():
    # Brazil's B/67/4 j) with its note changed on a line of its own ("71" → "72", as CriticMarkup marks a change
    # inside a note): accepting or rejecting settles the note's node, and every writer writes the settled text,
    # CriticMarkup on the body's own line
    text = (
        "MOD\tB/67/4\n\nRESOLUTION 130 (Rev. Dubai, 2018)\n\nrecalling\n\n"
        "j)\tResolution 69 of WTDC, particularly for developing countries[footnoteRef:1];\n"
        "[1: 1 \tSee Resolution {--71--}{++72++}.]\n"
    )
    doc = itu_nb.load(text)
    assert itu_nb.to_criticmarkup(doc).endswith("[1: 1 \tSee Resolution {--71--}{++72++}.]\n")
    for decide, kept in (("accept", "72"), ("reject", "71")):
        settled = dataclasses.replace(doc, proposals=(getattr(doc[0], decide)(),))
        assert settled[0]["recalling/j/fn1"].body("original") == f"See Resolution {kept}."
        assert itu_nb.to_criticmarkup(settled).endswith(f"\n[1: 1 \tSee Resolution {kept}.]\n"), decide
        for fmt in ("docx", "akn"):
            back = itu_nb.load(WRITERS[fmt](settled))
            assert [n.body("original") for p in back for n in p.walk() if n.kind is NodeKind.FOOTNOTE] == [
                f"See Resolution {kept}."
            ], (decide, fmt)
        assert f"See Resolution {kept}." in itu_nb.to_html(settled)
