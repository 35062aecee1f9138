"""Word export read back by independent readers: pandoc, LibreOffice, and itu_nb's own .docx loader.

pandoc (``--track-changes=accept|reject``) and LibreOffice (a Basic macro that runs
*Accept All* / *Reject All* and saves as text) must show, paragraph for paragraph,
the text of itu_nb's amended and original views; pandoc's ``all`` mode shows every
change with its author.

LibreOffice joins two tracked changes of the same kind, author and time when one ends
a paragraph and the other starts the next (its redlines are ranges, and the two become
one range over the paragraph break), so rejecting (accepting) such a pair also removes
the break.  Word does not do this.  :func:`lo_view` applies that rule, and only that
rule, to itu_nb's view; it joins 2 of the 240 original-view paragraphs of the corpus.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS, FLATTENED, needs_pandoc, needs_soffice
from lxml import etree
from test_export_critic import assert_same, structure

import itu_nb
import itu_nb.loaders.docx  # noqa: F401  (registers the .docx loader)
from itu_nb.export.lines import export_lines
from itu_nb.model import HOMOGLYPHS, Op

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BRAZIL = {"author": "Brazil", "date": "2018-09-10"}


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, **BRAZIL)


@pytest.fixture(scope="module")
def brazil_docx(brazil, tmp_path_factory):
    return brazil.to_docx(tmp_path_factory.mktemp("docx") / "brazil.docx")


# ----------------------------------------------------------------------------
# what the views must read
# ----------------------------------------------------------------------------
def _norm(paragraphs) -> list[str]:
    """Readers differ on white space (pandoc writes a TAB as a space): compare words, drop empty paragraphs."""
    return [" ".join(p.split()) for p in paragraphs if p.split()]


def view(doc, name: str | None, *, lo: bool = False) -> list[str]:
    """itu_nb's ``name`` view, one entry per Word paragraph (None: both sides of every change).

    A paragraph inserted (deleted) whole runs on into the next one when rejected
    (accepted), as Word's paragraph marks do.  ``lo=True``: as LibreOffice shows it,
    footnote numbers in the text and its joining rule applied (see the module docstring).
    """
    hidden = {"original": Op.INSERT, "amended": Op.DELETE}.get(name)
    lines = export_lines(doc)
    out, carry, number = [], "", 0
    for k, line in enumerate(lines):
        text = ""
        for piece in line.pieces:
            if piece.op.in_view(name) and piece.is_text:
                text += piece.text
            elif lo and piece.kind == "footnote-ref" and piece.op.in_view(name):
                number += 1
                text += str(number)
        carry += text
        joined = not line.mark.in_view(name) and k < len(lines) - 1
        if lo and hidden is not None and k < len(lines) - 1:
            ends = [p for p in line.pieces if p.text and p.kind != "footnote-body"][-1:]
            starts = [p for p in lines[k + 1].pieces if p.text and p.kind != "bookmark"][:1]
            if ends and starts and ends[0].op is starts[0].op is hidden:
                joined = joined or (ends[0].author, ends[0].date) == (starts[0].author, starts[0].date)
        if not joined:
            out.append(carry)
            carry = ""
    return _norm(out + [carry])


def model_lines(doc, name: str) -> list[str]:
    """Every clause of every proposal in ``name``, as Proposal.text gives it (labels as written)."""
    lines = [line for p in doc for line in p.text(name).split("\n")]
    return _norm(line.translate(HOMOGLYPHS) for line in lines)


# ----------------------------------------------------------------------------
# pandoc
# ----------------------------------------------------------------------------
def _inlines(xs) -> str:
    out = []
    for x in xs:
        t, c = x["t"], x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Span" or t == "Link":
            out.append(_inlines(c[1]))
        elif t in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            out.append(_inlines(c))
        elif t == "Quoted":
            marks = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            out.append(marks[0] + _inlines(c[1]) + marks[1])
        elif t != "Note":
            raise AssertionError(f"pandoc inline {t} not expected")
    return "".join(out)


def pandoc(path: Path, mode: str) -> dict:
    res = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", f"--track-changes={mode}", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def pandoc_paragraphs(path: Path, mode: str) -> list[str]:
    return _norm(_inlines(b["c"]) for b in pandoc(path, mode)["blocks"] if b["t"] in ("Para", "Plain"))


def pandoc_changes(path: Path) -> list[tuple[str, str, str]]:
    """(kind, author, text) of every change span pandoc sees with ``--track-changes=all``."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                (_, classes, attrs), _ = node["c"]
                if classes and classes[0] in ("insertion", "deletion"):
                    found.append((classes[0], dict(attrs).get("author"), _inlines(node["c"][1])))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(pandoc(path, "all")["blocks"])
    return found


# ----------------------------------------------------------------------------
# LibreOffice
# ----------------------------------------------------------------------------
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Views(src As String, outdir As String)
  Dim cmds(1) As String, names(1) As String
  cmds(0) = ".uno:AcceptAllTrackedChanges" : names(0) = "amended"
  cmds(1) = ".uno:RejectAllTrackedChanges" : names(1) = "original"
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden" : args(0).Value = True
  Dim filt(1) As New com.sun.star.beans.PropertyValue
  filt(0).Name = "FilterName" : filt(0).Value = "Text (encoded)"
  filt(1).Name = "FilterOptions" : filt(1).Value = "UTF8"
  Dim dispatcher As Object
  dispatcher = createUnoService("com.sun.star.frame.DispatchHelper")
  For i = 0 To 1
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), cmds(i), "", 0, Array())
    doc.storeToURL(ConvertToURL(outdir &amp; "/" &amp; names(i) &amp; ".txt"), filt())
    doc.close(True)
  Next i
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """A throwaway LibreOffice profile holding the accept/reject macro; returns a runner."""
    profile = tmp_path_factory.mktemp("lo-profile")
    env = f"-env:UserInstallation={profile.as_uri()}"
    subprocess.run(["soffice", env, "--headless", "--terminate_after_init"], capture_output=True, timeout=180)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.exists(), "LibreOffice did not create its profile"
    module.write_text(_MACRO, encoding="utf-8")

    def run(docx: Path, *args: str) -> subprocess.CompletedProcess:
        res = subprocess.run(["soffice", env, "--headless", *args], capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        return res

    def views(docx: Path) -> dict[str, list[str]]:
        out = docx.parent / f"{docx.stem}-lo"
        out.mkdir(exist_ok=True)
        run(docx, f'macro:///Standard.Module1.Views("{docx}","{out}")')
        return {
            v: _norm((out / f"{v}.txt").read_text(encoding="utf-8-sig").split("\n")) for v in ("amended", "original")
        }

    def text(docx: Path) -> list[str]:
        out = docx.parent / f"{docx.stem}-txt"
        run(docx, "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(out), str(docx))
        return _norm((out / f"{docx.stem}.txt").read_text(encoding="utf-8-sig").split("\n"))

    run.views, run.text = views, text
    return run


# ----------------------------------------------------------------------------
# tests
# ----------------------------------------------------------------------------
def test_round_trip_through_the_docx_loader(brazil, brazil_docx):
    again = itu_nb.load(brazil_docx)
    assert again.format == "docx"
    assert_same(brazil, again)
    assert {c.author for p in again for c in p.changes} == {"Brazil"}
    assert {c.date for p in again for c in p.changes} == {"2018-09-10T00:00:00Z"}
    # footnotes and bookmarks are real Word ones again
    fn = again["B/67/4"]["recalling/j/fn1"]
    assert fn.body().startswith("These include the least developed countries")


def test_flattened_text_round_trip_gives_inferred_changes_an_author(tmp_path):
    flat = itu_nb.load(FLATTENED)
    again = itu_nb.load(flat.to_docx(tmp_path / "flat.docx", author="Brazil"))
    assert_same(flat, again, authors=False)
    assert {c.author for p in again for c in p.changes} == {"Brazil"}


def test_final_acts_round_trip(tmp_path):
    acts = itu_nb.load(FINAL_ACTS)
    again = itu_nb.load(acts.to_docx(tmp_path / "acts.docx"))
    a, b = structure(acts), structure(again)
    assert len(b) == 70  # 64 texts and Parts II-VII of the book
    assert a == b  # all 64 statements


@needs_pandoc
@pytest.mark.parametrize(("mode", "name"), [("accept", "amended"), ("reject", "original")])
def test_pandoc_reads_both_views(brazil, brazil_docx, mode, name):
    got = pandoc_paragraphs(brazil_docx, mode)
    assert got == view(brazil, name)
    # and every clause reads as Proposal.text() says, in order
    clauses = model_lines(brazil, name)
    it = iter(g.translate(HOMOGLYPHS) for g in got)
    assert all(any(line == g for g in it) for line in clauses)
    assert len(got) == {"amended": 251, "original": 234}[name]


@needs_pandoc
def test_pandoc_sees_every_change_with_its_author(brazil, brazil_docx):
    """Same inserted and deleted text, in order (pandoc joins neighbouring spans, so spans are not counted)."""
    changes = pandoc_changes(brazil_docx)
    pieces = [p for line in export_lines(brazil) for p in line.pieces if p.is_text]
    for kind, op in (("insertion", Op.INSERT), ("deletion", Op.DELETE)):
        seen = "".join(text for k, _, text in changes if k == kind)
        written = "".join(p.text for p in pieces if p.op is op)
        assert "".join(seen.split()) == "".join(written.split())
        assert len(seen) > 1000
    assert {a for _, a, _ in changes} == {"Brazil"}


@needs_soffice
def test_libreoffice_accepts_and_rejects_to_the_two_views(brazil, brazil_docx, libreoffice):
    views = libreoffice.views(brazil_docx)
    for name in ("amended", "original"):
        assert views[name] == view(brazil, name, lo=True)
    # the joining rule matters only where the module docstring says
    assert len(view(brazil, "original", lo=True)) == len(view(brazil, "original")) - 2
    assert len(view(brazil, "amended", lo=True)) == len(view(brazil, "amended"))


@needs_soffice
def test_libreoffice_text_conversion_shows_both_sides(brazil, brazil_docx, libreoffice):
    """Plain conversion keeps tracked text: each paragraph with its deleted and inserted text in source order."""
    got = libreoffice.text(brazil_docx)
    assert got == view(brazil, None, lo=True)
    assert "RESOLUTION 14 (Rev. Antalya, 2006Dubai, 2018)" in got  # as the flattened extraction has it


def test_package_is_well_formed_with_unique_change_ids(brazil_docx):
    with zipfile.ZipFile(brazil_docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        settings = etree.fromstring(z.read("word/settings.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        types = z.read("[Content_Types].xml").decode()
    changes = body.findall(f".//{W}ins") + body.findall(f".//{W}del")
    ids = [c.get(f"{W}id") for c in changes] + [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids)) and all(ids)
    assert all(c.get(f"{W}author") == "Brazil" and c.get(f"{W}date") == "2018-09-10T00:00:00Z" for c in changes)
    assert not body.findall(f".//{W}del//{W}t")  # deleted text is w:delText
    assert not body.findall(f".//{W}ins//{W}delText")
    assert settings.find(f"{W}trackRevisions") is not None
    assert len(notes.findall(f"{W}footnote")) == 2 + 3  # separators + the three notes
    assert "footnotes+xml" in types
    # the ITU look: styles by role
    styles = [p.findtext(f"{W}pPr/{W}pStyle/[@{W}val]") for p in body.iter(f"{W}p")]
    used = {
        p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    }
    assert {"Proposal", "ResNo", "Restitle", "Normalaftertitle", "Call", "enumlev1", "enumlev2", "Reasons"} <= used
    assert styles


def test_relabel_is_a_change_of_the_label_text(brazil_docx):
    with zipfile.ZipFile(brazil_docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    para = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("cb)"))
    first = [el for el in para if el.tag in (f"{W}del", f"{W}ins", f"{W}r")][:3]
    assert [el.tag.split("}")[1] for el in first] == ["del", "ins", "r"]
    assert ["".join(el.itertext()) for el in first] == ["c", "b", ")"]
