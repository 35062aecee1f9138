"""Issue 17, silent loss: control characters through the Word and Akoma Ntoso writers and back.

XML 1.0 cannot hold C0 control characters but TAB, LF and CR.  audit22 found ``to_docx`` and ``to_akn`` dropping
them with no note and no error: ``to\\x07 act\\x1b[31m`` came back as ``to act[31m``.  Each writer now writes
such a character as its Control Picture (``␇``, ``␛``: what Word, LibreOffice and pandoc show) and records which
characters it pictured (Word: the ``itu_nb controls`` custom property; AKN: ``<itu_nb:controls>`` in the
collection's ``proprietary`` block), and the loaders map those pictures back.

The input is Brazil's Doc 67 (B/67/4, Resolution 130) with the audit's string put in a clause's text
(resolves 1), in a tracked insertion (recalling j), in a note body (note 1) and in a comment of Brazil's,
and the same file without it: the round trips of the two may differ only by that string.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice

import itu_nb
from itu_nb import ExportError
from itu_nb.model import Op

BAD = "\x07 act\x1b[31m"  # the audit's input: BEL, and an ANSI colour sequence (ESC [ 3 1 m)
SHOWN = "\u2407 act\u241b[31m"  # what a reader of the file shows: ␇ and ␛
#: In a note body, without its "[": Doc 67 writes a note's body in its line as ``[1: …]``, which a "[" inside
#: ends early (the CriticMarkup reader's rule, whatever the control characters: then no note is read at all)
NOTE_BAD = "\x07 act\x1b"
#: (text in Doc 67's CriticMarkup, the same with BAD put in): a clause, a tracked insertion, a note, a comment
PLACES = [
    ("1\tto continue to give this work high", f"1\tto{BAD} continue to give this work high"),
    ("of WTDC, on {--the --}{++facilitating ++}", f"of WTDC, on {{--the --}}{{++facilitating{BAD} ++}}"),
    ("These include the least", f"These include{NOTE_BAD} the least"),
    ("{++Hammamet, 2016++}), on encoura", f"{{++Hammamet, 2016++}}){{>>@Brazil (2018-09-10): to{BAD}<<}}, on encoura"),
]
WRITERS = {"docx": itu_nb.to_docx, "akn": itu_nb.to_akn}


def _sources() -> tuple[str, str]:
    clean = CRITIC.read_text(encoding="utf-8")
    bad = clean
    for old, new in PLACES:
        assert bad.count(old) == 1, old  # each place is one place of the file
        bad = bad.replace(old, new)
    clean = clean.replace(PLACES[3][0], PLACES[3][1].replace(BAD, ""))
    return clean, bad


def _facts(doc: itu_nb.Document) -> list[tuple]:
    """What a reader gives of ``doc``: every node's path, label, both views and source line, its changes and
    its artefacts (kind, text, author, date), in order."""
    out = []
    for p in doc:
        for n in p.walk():
            arts = tuple((a.kind, a.text, a.author, a.date) for a in n.artefacts)
            runs = tuple((r.op, r.text, r.author) for r in (*n.label_runs, *n.runs))
            out.append((p.id, n.path, n.label, n.body("original"), n.body("amended"), n.source_line(), runs, arts))
    return out


def _strip(value):
    if isinstance(value, str):
        return value.replace(BAD, "").replace(NOTE_BAD, "")
    if isinstance(value, tuple | list):
        return type(value)(_strip(v) for v in value)
    return value


@pytest.fixture(scope="module")
def loaded():
    clean, bad = _sources()
    return tuple(itu_nb.load(text, format="criticmarkup", author="Brazil") for text in (clean, bad))


def test_the_source_holds_the_control_characters(loaded):
    # checked by eye against the file: resolves 1 of B/67/4 and Brazil's insertion in recalling j
    _, bad = loaded
    p = bad["B/67/4"]
    assert p["resolves/1"].body("amended").startswith("to\x07 act\x1b[31m continue to give this work high")
    assert ("the ", f"facilitating{BAD} ") in [(c.old, c.new) for c in p.changes if c.path == "recalling/j"]


@pytest.mark.parametrize("fmt", WRITERS)
def test_load_export_gives_the_text_back_exactly(loaded, fmt):
    clean, bad = loaded
    back_clean, back_bad = itu_nb.load(WRITERS[fmt](clean)), itu_nb.load(WRITERS[fmt](bad))
    facts = _facts(back_bad)
    # the text with the control characters, less them, is the text of the file without them: nothing else moved
    assert _strip(facts) == _facts(back_clean)
    p = back_bad["B/67/4"]
    assert p["resolves/1"].body("amended").startswith("to\x07 act\x1b[31m continue to give this work high")
    assert p["resolves/1"].body("original").startswith("to\x07 act\x1b[31m continue to give this work high")
    inserted = [(r.op, r.text, r.author) for r in p["recalling/j"].runs if r.op is Op.INSERT]
    assert (Op.INSERT, f"facilitating{BAD} ", "Brazil") in inserted
    comments = [(a.text, a.author, a.date[:10]) for n in p.walk() for a in n.artefacts if a.kind == "comment"]
    assert (f"to{BAD}", "Brazil", "2018-09-10") in comments  # (Word writes the day as 2018-09-10T00:00:00Z)
    note = p["recalling/j/fn1"]
    assert note.body("amended").startswith(f"These include{NOTE_BAD} the least developed countries")
    # and every place of the source's string is there: as many as in the source read directly
    assert repr(facts).count(repr(BAD)[1:-1]) == repr(_facts(bad)).count(repr(BAD)[1:-1])


def _word_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_word_shows_the_pictures_and_records_them(loaded):
    clean, bad = loaded
    data = itu_nb.to_docx(bad)
    body = _word_xml(data, "word/document.xml")
    assert "\x07" not in body and "\x1b" not in body
    assert f"to{SHOWN} continue" in body and f"facilitating{SHOWN} " in body
    assert f"to{SHOWN}" in _word_xml(data, "word/comments.xml")
    custom = _word_xml(data, "docProps/custom.xml")
    assert re.search(r'name="itu_nb controls"><vt:lpwstr>U\+0007 U\+001B</vt:lpwstr>', custom), custom
    # none: no property (the usual file)
    assert "itu_nb controls" not in _word_xml(itu_nb.to_docx(clean), "docProps/custom.xml")


def test_akn_shows_the_pictures_and_records_them(loaded):
    clean, bad = loaded
    xml = itu_nb.to_akn(bad)
    assert "\x07" not in xml and "\x1b" not in xml
    assert f"to{SHOWN} continue" in xml and "These include\u2407 act\u241b the least" in xml
    assert xml.count("<itu_nb:controls>U+0007 U+001B</itu_nb:controls>") == 1
    head = xml[: xml.index("<components>")]  # in the collection's meta, ending it as AKN orders its blocks
    assert re.search(r"</references>\s*<proprietary source=\"#itu_nb\">\s*<itu_nb:controls>", head)
    assert "itu_nb:controls" not in itu_nb.to_akn(clean)
    # written again from what was read: the same bytes (the pictures and the record written again)
    assert itu_nb.to_akn(itu_nb.load(xml)) == xml


def test_criticmarkup_keeps_them_as_written(loaded):
    _, bad = loaded
    text = itu_nb.to_criticmarkup(bad)
    assert f"to{BAD} continue" in text and f"{{++facilitating{BAD} ++}}" in text
    assert _facts(itu_nb.load(text, format="criticmarkup")) == _facts(bad)


def test_html_shows_them_escaped(loaded):
    _, bad = loaded
    page = itu_nb.to_html(bad)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)
    assert f"to{SHOWN} continue" in page


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_real_picture_stays_a_picture(fmt):
    # a text quoting the picture itself (no control character): written and read back as the picture
    text = "MOD\tB/1/1\n\nconsidering\na)\tthat the symbol \u2407 (BEL) is shown {++here++};\n"
    back = itu_nb.load(WRITERS[fmt](itu_nb.load(text, format="criticmarkup")))
    assert back[0]["considering/a"].body("amended") == "that the symbol \u2407 (BEL) is shown here;"


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_control_character_and_another_ones_picture(fmt):
    # BEL written as ␇ and restored; a real ␛ (of no control character written) stays ␛
    text = "MOD\tB/1/1\n\nconsidering\na)\tthat \x07 rings and \u241b shows {++here++};\n"
    back = itu_nb.load(WRITERS[fmt](itu_nb.load(text, format="criticmarkup")))
    assert back[0]["considering/a"].body("amended") == "that \x07 rings and \u241b shows here;"


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_control_character_and_its_own_picture_are_refused(fmt):
    text = "MOD\tB/1/1\n\nconsidering\na)\tthat \x07 rings and \u2407 shows {++here++};\n"
    with pytest.raises(ExportError, match=r"U\+0007 and its picture ␇"):
        WRITERS[fmt](itu_nb.load(text, format="criticmarkup"))


@pytest.mark.parametrize("fmt", WRITERS)
def test_authors_keep_their_control_characters(fmt):
    text = "MOD\tB/1/1\n\nconsidering\na)\tthat {++here++} it {>>@Bra\x1bzil (2018-09-10): why<<}is;\n"
    doc = itu_nb.load(text, format="criticmarkup", author="Bra\x07zil")
    for _ in range(2):  # (twice: the writers keep the authors they cleaned, and the second export records them too)
        back = itu_nb.load(WRITERS[fmt](doc))
        node = back[0]["considering/a"]
        assert [r.author for r in node.runs if r.op is Op.INSERT] == ["Bra\x07zil"]
        assert [a.author for a in node.artefacts if a.kind == "comment"] == ["Bra\x1bzil"]


@needs_pandoc
def test_pandoc_shows_the_pictures(loaded, tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(itu_nb.to_docx(loaded[1]))
    out = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "plain", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"to{SHOWN} continue" in " ".join(out.split())


@needs_soffice
def test_libreoffice_shows_the_pictures(loaded, tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(itu_nb.to_docx(loaded[1]))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    assert f"to{SHOWN} continue" in fodt and f"facilitating{SHOWN}" in fodt


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_label_with_a_control_character(fmt):
    # "a␇)" is no label to the text reader (a paragraph, as in the source): its line comes back exactly
    text = "MOD\tB/1/1\n\nconsidering\na\x07)\tthat x;\nb)\tthat {++y++};\n"
    doc = itu_nb.load(text, format="criticmarkup")
    back = itu_nb.load(WRITERS[fmt](doc))
    assert [(n.path, n.label, n.source_line()) for n in back[0].walk()] == [
        ("considering", None, "considering"),
        ("considering/p1", None, "a\x07)\tthat x;"),
        ("considering/b", "b)", "b)\tthat y;"),
    ]
    assert [(n.path, n.label) for n in doc[0].walk()] == [(n.path, n.label) for n in back[0].walk()]
