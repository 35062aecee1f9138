"""``--meta`` that is not enough for a Word cover page: the command says what a cover needs, on stderr.

The writer's rule (``itu_nb/export/cover.py``, ``Cover.shown``): a cover page needs the document number and
the conference or the submitter, unless the document has header lines of its own (they are its cover).  An
analyst who gives ``--meta conference=PP-18`` for a text with no document number got a .docx with no cover
and no word why; the command now says which values are missing, as the ``--meta`` options that give them,
and writes the file as before (exit 0).

Inputs: Resolution 130 as the PP-18 Final Acts print it (``tests/fixtures/pp18-final-acts.akn.xml``), saved
as plain text (its own text: no document number, no header lines); Brazil's Document 67 (``tests/fixtures``),
whose header gives its number (67); ``tests/fixtures/lo-tracked-changes.docx``, with header lines of its own;
and ``examples/data`` for ``batch``, compared with the Final Acts.  Also: a ``--meta`` value too long for a
cover line, and one holding bytes that are not UTF-8.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FINAL_ACTS, FLATTENED

import itu_nb

ROOT = Path(__file__).resolve().parents[1]
LO_DOCX = ROOT / "tests" / "fixtures" / "lo-tracked-changes.docx"
NUMBER = "the document number (--meta document=NUMBER)"
WHO = "the conference or the submitter (--meta conference=CODE or --meta submitter=NAME)"


def _itu_nb(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's itu_nb
    return subprocess.run(
        [sys.executable, "-m", "itu_nb.cli", *args], capture_output=True, text=True, timeout=600, env=env
    )


def _has_cover(path: Path) -> bool:
    """Whether the .docx has a cover page: paragraphs in the cover's styles (``export/docx_cover.py``)."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    return bool(re.search(r'<w:pStyle w:val="(Cover|Source|Title1)"/>', xml))


@pytest.fixture(scope="module")
def r130(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("r130") / "r130.txt"
    path.write_text(itu_nb.load(FINAL_ACTS)["res-130"].text("amended"), encoding="utf-8")
    assert itu_nb.load(path).metadata == {}  # nothing for a cover but what --meta gives
    return path


@pytest.mark.parametrize(
    ("meta", "needs"),
    [
        (["conference=PP-18"], [NUMBER]),
        (["submitter=Brazil (Federative Republic of)"], [NUMBER]),
        (["date=2018-10-03"], [NUMBER, WHO]),
        (["document=67"], [WHO]),
    ],
)
def test_export_says_what_a_cover_needs(r130, tmp_path, meta, needs):
    out = tmp_path / "r130.docx"
    res = _itu_nb("export", str(r130), "--to", "docx", "-o", str(out), *(a for m in meta for a in ("--meta", m)))
    assert res.returncode == 0
    assert res.stderr == f"itu-nb: {out}: written without a cover page: a Word cover needs {' and '.join(needs)}\n"
    assert not _has_cover(out)
    given = dict(m.split("=", 1) for m in meta)  # what was given is kept where the writer keeps it (properties)
    props = itu_nb.load(out).metadata
    assert props.get("conference") == given.get("conference") and props.get("document") == given.get("document")


def test_no_note_when_a_cover_is_written_or_refused(r130, tmp_path):
    out = tmp_path / "r130.docx"
    res = _itu_nb(
        "export", str(r130), "--to", "docx", "-o", str(out), "--meta", "conference=PP-18", "--meta", "document=67"
    )
    assert (res.returncode, res.stderr) == (0, "")
    assert _has_cover(out)
    res = _itu_nb("export", str(r130), "--to", "docx", "-o", str(out), "--meta", "conference=PP-18", "--no-cover")
    assert (res.returncode, res.stderr) == (0, "")  # no cover asked for: nothing to say
    assert not _has_cover(out)
    res = _itu_nb("export", str(r130), "--to", "docx", "-o", str(out))
    assert (res.returncode, res.stderr) == (0, "")  # no --meta: the document's own values, as ever
    # Document 67's header gives its number (metadata document 67): --meta conference completes the cover
    res = _itu_nb("export", str(FLATTENED), "--to", "docx", "-o", str(out), "--meta", "conference=PP-18")
    assert (res.returncode, res.stderr) == (0, "")
    assert _has_cover(out)
    # a .docx with header lines of its own (LibreOffice's Document 12, tests/fixtures): they are its cover
    res = _itu_nb("export", str(LO_DOCX), "--to", "docx", "-o", str(out), "--meta", "meeting=PLENARY MEETING")
    assert (res.returncode, res.stderr) == (0, "")
    assert _has_cover(out)
    # one proposal of it, alone: its id (B/67/4) gives the document number
    res = _itu_nb(
        "export", str(FLATTENED), "--proposal", "B/67/4", "--to", "docx", "-o", str(out), "--meta", "conference=PP-18"
    )
    assert (res.returncode, res.stderr) == (0, "")
    assert _has_cover(out)


def test_batch_says_it_once(tmp_path):
    out = tmp_path / "out"
    res = _itu_nb(
        "batch",
        str(ROOT / "examples" / "data"),
        "--base",
        str(FINAL_ACTS),
        "--to",
        "docx",
        "-o",
        str(out),
        "--meta",
        "conference=PP-18",
    )
    assert res.returncode == 0, res.stderr
    written = sorted(out.glob("*.docx"))
    bare = [p.name for p in written if not _has_cover(p)]
    # Document 67's texts take their number from their ids (B-67-2, B-67-4 and their copies in the CriticMarkup
    # file); the Final Acts' own texts compared with themselves have none
    assert sorted(p.name for p in written if _has_cover(p)) == [
        "B-67-2-2.docx",
        "B-67-2.docx",
        "B-67-4-2.docx",
        "B-67-4.docx",
    ]
    last = res.stderr.splitlines()[-1]
    assert last.startswith(f"itu-nb: {len(bare)} of {len(written)} Word files written without a cover page (")
    assert last.endswith(f" and {len(bare) - 3} more): a Word cover needs {NUMBER}")
    named = last.split(" (", 1)[1].split(" and ")[0].split(", ")
    assert len(named) == 3 and set(named) <= set(bare)


def test_a_meta_value_too_long_for_a_cover_line_is_wrong_usage(r130, tmp_path):
    from itu_nb.cli.common import _MAX_META
    from itu_nb.export.cover import MAX_VALUE

    assert _MAX_META == MAX_VALUE
    res = _itu_nb(
        "export", str(r130), "--to", "docx", "-o", str(tmp_path / "r.docx"), "--meta", "conference=" + "x" * 2000
    )
    assert res.returncode == 2
    # the bound in the command's terms, not the Python API's ("give metadata={'conference': None}…")
    assert res.stderr.splitlines()[-1] == (
        "itu-nb export: error: --meta conference: 2,000 characters long; a cover line takes at most 1,000"
    )


def test_a_meta_value_of_bytes_that_are_not_utf8(r130, tmp_path):
    # argv bytes that are not UTF-8 reach Python as lone surrogates: the writer raised a UnicodeEncodeError
    # (as "cannot be written as Word", exit 1); they are now written as U+FFFD, as the core properties were
    out = tmp_path / "r.docx"
    res = _itu_nb(
        "export",
        str(r130),
        "--to",
        "docx",
        "-o",
        str(out),
        "--meta",
        "document=67",
        "--meta",
        b"submitter=\xff\xfeBrazil",
    )
    assert (res.returncode, res.stderr) == (0, "")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert '<w:pStyle w:val="Source"/></w:pPr><w:r><w:t xml:space="preserve">\ufffd\ufffdBrazil</w:t>' in xml
    assert itu_nb.load(out).metadata["submitter"] == "\ufffd\ufffdBrazil"
