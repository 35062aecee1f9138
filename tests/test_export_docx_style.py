"""Word export that looks like an ITU proposal: cover block, page header, marks, document properties.

Read back by independent readers: pandoc (``-t plain``), LibreOffice (converted to PDF for the
Title metadata, to text for the cover, to flat ODF for the page header) and python-docx (core
properties), and by itu_nb's own .docx loader, which must give the same proposals, ids, actions
and changes: the cover is never a proposal or clause text.

Where the expected values come from:
- ``Document 67-E``, ``MOD B/67/1`` … ``ADD B/67/5`` and the targets: the Brazil fixture
  (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md, marker lines ``MOD\\tB/67/1``…,
  headings ``RESOLUTION 130 (Rev. {--Busan, 2014--}{++Dubai, 2018++})``); the ``-E`` because the
  text is English (its section keywords);
- ``PP-18``: the custom property ``Docconf`` of tests/fixtures/pp18-doc67-brazil.pandoc.docx
  (``META`` in tests/fixtures/make_docx.py), or given as ``metadata=`` below;
- the submitter's name as ITU writes it, ``Brazil (Federative Republic of)``, and the venue,
  ``Dubai, 29 October – 16 November 2018`` (PP-18's place and dates): given as ``metadata=``,
  since the flattened extraction does not carry the cover;
- Resolution 130 as adopted, ``Resolution 130 (Rev. Dubai, 2018)``: the Final Acts fixture.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from bounds import bounded
from conftest import CRITIC, FINAL_ACTS, FIXTURES, needs_pandoc, needs_soffice
from lxml import etree
from test_export_critic import assert_same, structure

import itu_nb
import itu_nb.loaders.docx  # noqa: F401  (registers the .docx loader)
from itu_nb.export import docx_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BRAZIL = "Brazil (Federative Republic of)"
META = {"conference": "PP-18", "venue": "Dubai, 29 October – 16 November 2018", "submitter": BRAZIL}
COVER = [
    "Plenipotentiary Conference (PP-18)",
    "Dubai, 29 October – 16 November 2018",
    "Document 67-E",
    BRAZIL,
    "PROPOSALS FOR THE WORK OF THE CONFERENCE",
]
MARKS = ["MOD B/67/1", "MOD B/67/2", "SUP B/67/3", "MOD B/67/4", "ADD B/67/5"]


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def exported(brazil, tmp_path_factory):
    """The files the readers open: the whole document with a cover, B/67/4 alone, Resolution 130 as adopted."""
    out = tmp_path_factory.mktemp("style")
    return {
        "cover": brazil.to_docx(out / "cover.docx", metadata=META),
        "b674": brazil["B/67/4"].to_docx(out / "b674.docx"),
        "r130": itu_nb.load(FINAL_ACTS)["Resolution 130"].to_docx(out / "r130.docx"),
    }


def plain(path: Path) -> list[str]:
    """``pandoc -t plain``, one entry per non-empty line, table rules and borders stripped."""
    res = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--columns=200", str(path)], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr
    lines = []
    for line in res.stdout.splitlines():
        cells = [" ".join(c.split()) for c in line.strip().strip("|").split("|")] if "|" in line else [line]
        lines += [c for c in (" ".join(c.split()) for c in cells) if c and not re.fullmatch(r"[-+=:]+", c)]
    return lines


def pdf_title(path: Path) -> str:
    """The PDF's document information Title (LibreOffice writes it as UTF-16 hex or a literal string)."""
    data = path.read_bytes()
    m = re.search(rb"/Title\s*<FEFF([0-9A-Fa-f]*)>", data)
    if m:
        return bytes.fromhex(m.group(1).decode()).decode("utf-16-be")
    m = re.search(rb"/Title\s*\(((?:\\.|[^\\)])*)\)", data)
    assert m, "the PDF has no Title"
    return m.group(1).decode("latin-1")


@pytest.fixture(scope="module")
def lo(exported, tmp_path_factory):
    """LibreOffice's conversions of every exported file: {(name, ext): path}, one soffice run per format."""
    profile = tmp_path_factory.mktemp("lo-style-profile")
    out = tmp_path_factory.mktemp("lo-style")
    files = [str(p) for p in exported.values()]
    for fmt in ("pdf", "txt:Text (encoded):UTF8", "fodt"):
        res = subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt]
            + ["--outdir", str(out), *files],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert res.returncode == 0, res.stderr
    return {
        (name, ext): out / f"{Path(p).stem}.{ext}" for name, p in exported.items() for ext in ("pdf", "txt", "fodt")
    }


# ----------------------------------------------------------------------------
# the cover, read by pandoc and LibreOffice
# ----------------------------------------------------------------------------
@needs_pandoc
def test_pandoc_reads_the_cover_then_the_marks(exported):
    lines = plain(exported["cover"])
    assert lines[:3] == ["Plenipotentiary Conference (PP-18)", "Document 67-E", "Dubai, 29 October – 16 November 2018"]
    assert lines[3:5] == [BRAZIL, "PROPOSALS FOR THE WORK OF THE CONFERENCE"]
    marks = [line for line in lines if line in MARKS]
    assert marks == MARKS  # each proposal's mark and id, in source order
    assert lines[5] == "MOD B/67/1"  # the cover is followed by the first proposal
    # each mark stands right before its heading, as in the source
    headings = {"MOD B/67/1": "RESOLUTION 14", "MOD B/67/4": "RESOLUTION 130", "ADD B/67/5": "DRAFT NEW RESOLUTION"}
    for mark, heading in headings.items():
        assert lines[lines.index(mark) + 1].upper().startswith(heading), mark


@needs_pandoc
def test_a_proposal_exported_alone_keeps_its_mark_and_has_no_cover(exported):
    """B/67/4 alone: only its number is known (from its id), so no cover, but its MOD mark is there."""
    lines = plain(exported["b674"])
    assert lines[0] == "MOD B/67/4"
    assert lines[1] == "RESOLUTION 130 (Rev. Dubai, 2018)"  # pandoc accepts the changes by default
    assert "Document 67-E" not in lines


@needs_soffice
def test_libreoffice_shows_cover_header_and_title(lo):
    text = [" ".join(line.split()) for line in lo["cover", "txt"].read_text(encoding="utf-8-sig").splitlines()]
    text = [line for line in text if line]
    assert text[:7] == [COVER[0], COVER[1], COVER[2], COVER[3], COVER[4], "MOD B/67/1", text[6]]
    assert text[6].startswith("RESOLUTION 14 (Rev. Antalya, 2006Dubai, 2018)")
    # the page header: "- N -" with a PAGE field and the reference; the cover page's header is empty
    fodt = etree.parse(str(lo["cover", "fodt"]))
    ns = {
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    pages = fodt.findall(".//style:master-page", ns)
    headers = {p.get(f"{{{ns['style']}}}display-name") or p.get(f"{{{ns['style']}}}name"): p for p in pages}
    for space in fodt.iter(f"{{{ns['text']}}}s"):  # ODF writes a space after a field as <text:s/>
        space.tail = " " + (space.tail or "")
    main = ["".join(t.itertext()) for t in headers["Standard"].findall("style:header/text:p", ns)]
    assert re.fullmatch(r"- \d+ -", main[0]) and main[1:] == ["PP18/67-E"]
    assert headers["Standard"].find("style:header//text:page-number", ns) is not None
    assert ["".join(t.itertext()) for t in headers["First Page"].findall("style:header/text:p", ns)] == [""]
    # the PDF's Title is the document, not a file name or an internal id
    assert pdf_title(lo["cover", "pdf"]) == f"Document 67-E – {BRAZIL}"


@needs_soffice
def test_pdf_title_is_the_target(lo):
    """Issue 18: the PDF title read "res-130"; it is the target with its revision."""
    assert pdf_title(lo["b674", "pdf"]) == "Resolution 130 (Rev. Busan, 2014)"
    assert pdf_title(lo["r130", "pdf"]) == "Resolution 130 (Rev. Dubai, 2018)"
    # without a cover the header is the page number alone on every page, the first included
    fodt = lo["r130", "fodt"].read_text(encoding="utf-8")
    assert "First Page" not in fodt and "text:page-number" in fodt


# ----------------------------------------------------------------------------
# properties, read by python-docx
# ----------------------------------------------------------------------------
def test_core_properties_say_what_the_document_is(exported):
    core = python_docx.Document(str(exported["b674"])).core_properties
    assert core.title == "Resolution 130 (Rev. Busan, 2014)"
    assert core.subject == "MOD B/67/4"
    assert core.author == "Brazil"  # the author of the changes: the submitter's name is not known
    assert core.keywords == "Document 67-E; Resolution 130"
    core = python_docx.Document(str(exported["cover"])).core_properties
    assert core.title == f"Document 67-E – {BRAZIL}"
    assert core.subject == ", ".join(MARKS)
    assert core.author == BRAZIL
    assert core.keywords == (
        f"PP-18; Document 67-E; {BRAZIL}; Resolution 14; Resolution 71; Resolution 128; Resolution 130; Resolution [B-1]"
    )
    core = python_docx.Document(str(exported["r130"])).core_properties
    assert core.title == "Resolution 130 (Rev. Dubai, 2018)" and core.subject == ""


def test_a_comparison_is_named_by_its_sides_not_internal_ids(brazil, tmp_path):
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]  # its id is the internal "res-130"
    out = itu_nb.to_docx(itu_nb.compare(brazil["B/67/4"], adopted), tmp_path / "cmp.docx", author="Secretariat")
    core = python_docx.Document(str(out)).core_properties
    assert core.title == "Resolution 130 (Rev. Dubai, 2018)"
    assert core.subject == "Comparison: MOD B/67/4 → Resolution 130 (Rev. Dubai, 2018)"
    assert "res-130" not in core.title + core.subject + core.keywords


def test_values_come_from_the_documents_own_metadata(tmp_path):
    """The pandoc-written fixture carries Docnum 67 and Docconf PP-18: they make the cover and the header."""
    doc = itu_nb.load(FIXTURES / "pp18-doc67-brazil.pandoc.docx")
    again = itu_nb.load(doc.to_docx(tmp_path / "again.docx"))
    assert [a.text for a in again.artefacts if a.kind == "header"] == [
        "Plenipotentiary Conference (PP-18)",
        "Document 67-E",
    ]
    assert (again.metadata["document"], again.metadata["conference"]) == ("67", "PP-18")
    with zipfile.ZipFile(tmp_path / "again.docx") as z:
        headers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/header")]
    texts = sorted("".join(h.itertext()) for h in headers)
    assert texts == ["", "- 1 -PP18/67-E"]  # the cover page's empty header, then "- N -" and the reference
    # without the conference or the submitter nothing makes a cover: the first paragraph is the first mark
    plain_doc = itu_nb.load(itu_nb.load(CRITIC).to_docx(tmp_path / "plain.docx"))
    assert not [a for a in plain_doc.artefacts if a.kind == "header"]
    assert itu_nb.load(doc.to_docx(tmp_path / "bare.docx", cover=False)).artefacts[0].kind == "marker"


def test_a_texts_own_header_lines_are_its_cover(tmp_path):
    """A contribution whose text starts with its header (the form of ITU-CONVENTIONS §2, PP-02 Document 56)
    keeps those lines as they are; they give the page header and the properties.  The lines are
    Document 67's own number, conference and submitter (date and language are not known, so not written)."""
    header = ["Document 67-E", "PLENIPOTENTIARY CONFERENCE (PP-18)", BRAZIL, "PROPOSALS FOR THE WORK OF THE CONFERENCE"]
    text = "\n".join(header) + "\n" + CRITIC.read_text(encoding="utf-8")
    doc = itu_nb.load(text, format="criticmarkup", author="Brazil")
    assert (doc.metadata["document"], doc.metadata["conference"], doc.metadata["submitter"]) == (
        "67",
        "PLENIPOTENTIARY CONFERENCE (PP-18)",
        BRAZIL,
    )
    out = doc.to_docx(tmp_path / "own.docx")
    again = itu_nb.load(out)
    assert [a.text for a in again.artefacts if a.kind == "header"] == header  # written once, as they are
    assert_same(doc, again)
    with zipfile.ZipFile(out) as z:
        headers = ["".join(etree.fromstring(z.read(n)).itertext()) for n in z.namelist() if n.startswith("word/header")]
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert sorted(headers) == ["", "- 1 -PP18/67-E"]  # the first page is the cover: its header is empty
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in body[:5]]
    assert styles == ["Cover", "Cover", "Source", "Title1", "Proposal"]  # styled as a made cover
    core = python_docx.Document(str(out)).core_properties
    assert (core.author, core.title) == (BRAZIL, f"Document 67-E – {BRAZIL}")
    assert (again.metadata["conference"], again.metadata["submitter"]) == ("PLENIPOTENTIARY CONFERENCE (PP-18)", BRAZIL)


# ----------------------------------------------------------------------------
# the cover never becomes text
# ----------------------------------------------------------------------------
def test_reload_gives_the_same_proposals_and_reads_the_cover_as_the_header(brazil, exported):
    again = itu_nb.load(exported["cover"])
    assert_same(brazil, again)  # proposals, ids, actions, targets, clauses in both views, every change
    assert [a.text for a in again.artefacts if a.kind == "header"] == [COVER[0], COVER[1], COVER[2], *COVER[3:]]
    assert again.metadata["submitter"] == BRAZIL and again.metadata["document"] == "67"
    clause_text = " ".join(n.body() for p in again for n in p.walk())
    assert not any(line in clause_text for line in COVER)


def test_a_reloaded_cover_is_written_once(tmp_path, exported):
    """A document that carries its own header lines (the reloaded cover) is written as it is, not given a second cover."""
    again = itu_nb.load(exported["cover"])
    third = itu_nb.load(again.to_docx(tmp_path / "third.docx"))
    assert [a.text for a in third.artefacts if a.kind == "header"] == [
        a.text for a in again.artefacts if a.kind == "header"
    ]
    assert structure(third) == structure(again)


def test_every_final_acts_text_exported_alone_reads_back(tmp_path):
    """64 exports from the one cached template, as ``itu-nb batch`` makes them: each reads back to its text."""
    acts = itu_nb.load(FINAL_ACTS)
    for k, text in enumerate(acts):
        again = itu_nb.load(text.to_docx(tmp_path / f"{k}.docx"))
        assert structure(again) == structure(itu_nb.export.lines.as_document(text)), text.id
        assert python_docx.Document(str(tmp_path / f"{k}.docx")).core_properties.title == str(text.target)
    assert docx_template._template.cache_info().misses == 1  # the template was built once


def test_the_package_is_lean_and_styled_for_the_cover(exported):
    with zipfile.ZipFile(exported["cover"]) as z:
        names = set(z.namelist())
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml"} & names
    ids = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    used = {s.get(f"{W}val") for s in body.iter(f"{W}pStyle")}
    assert used <= ids  # every style a paragraph names is defined
    assert {"Cover", "Source", "Title1", "Proposal", "ResNo", "Restitle", "Call", "enumlev1"} <= used
    assert body.find(f"{W}body/{W}tbl") is not None and body.find(f"{W}body")[0].tag == f"{W}tbl"


# ----------------------------------------------------------------------------
# bad metadata
# ----------------------------------------------------------------------------
def test_bad_metadata_is_an_export_error(brazil):
    with pytest.raises(itu_nb.ExportError, match=r"metadata\['submitter'\] must be a string, not int"):
        brazil.to_docx(metadata={"submitter": 67})
    with pytest.raises(itu_nb.ExportError, match="metadata must be a dict, not str"):
        brazil.to_docx(metadata="PP-18")


def test_oversized_cover_metadata_is_refused_within_bounds():
    r = bounded(
        "import itu_nb\n"
        "doc = itu_nb.load('tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md')\n"
        "try:\n"
        "    doc.to_docx(metadata={'submitter': 'Brazil ' * 2_000_000})\n"
        "except itu_nb.ExportError as exc:\n"
        "    print(exc)\n",
        label="oversized cover metadata",
    )
    assert r.ok and r.within(), r
    assert r.stdout.strip() == (
        "to_docx: metadata['submitter'] is 14,000,000 characters long; a cover line takes at most 1,000"
        " (give metadata={'submitter': None} to leave it out)"
    )
