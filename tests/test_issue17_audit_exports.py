"""Issue 17: a control character in a FILE NAME, through every writer and ``itu-nb export``.

``tests/test_export_hostile.py`` covers control characters in text, authors, labels, ids and in the file
name given to a writer; the issue names a third place: the name of the file read.  A Word export with no
target and no title in the metadata takes the file's name as its title (``docProps/core.xml``), and that
value was not cleaned: ``to_docx`` of Brazil's CriticMarkup saved as ``B-67\\x01.md`` (a name a script or an
archive can give) refused with "ExportError: … cannot be written as Word: ValueError: All strings must be
XML compatible", and so did ``itu-nb export --to docx``.  A name that is not UTF-8 (a Latin-1 byte, read
by Python as a lone surrogate) likewise.  The title keeps the name, without what XML cannot hold.
"""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb.cli import main

NAMES = [b"B-67\x01 Brazil.md", b"B-67 Br\xe9sil\x1b.md"]  # a control character; Latin-1 é and ESC
#: Resolves 1 of Resolution 130 as Brazil's B/67/4 amends it, alone: no marker line, no target, no cover, so
#: that the Word title falls back to the file name.
TEXT = "resolves\n\n1\tto continue to give this work {--high--}{++top++} priority within ITU;\n"


def _title(data: bytes) -> str:
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")
    return core.split("<dc:title>", 1)[1].split("</dc:title>", 1)[0]


@pytest.mark.parametrize("raw", NAMES)
def test_a_file_name_with_control_characters_is_exported_by_every_writer(tmp_path, raw):
    path = os.path.join(os.fsencode(tmp_path), raw)
    with open(path, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    doc = itu_nb.load(os.fsdecode(path))
    assert doc.source.endswith(os.fsdecode(raw)) and len(doc) == 1
    # Word: the title is the file's name (no target, cover or metadata title); what XML cannot hold is taken out
    title = _title(itu_nb.to_docx(doc))
    assert title == {NAMES[0]: "B-67 Brazil.md", NAMES[1]: "B-67 Br\ufffdsil.md"}[raw]
    again = itu_nb.load(itu_nb.to_docx(doc))
    assert again[0]["resolves/1"].body("amended") == "to continue to give this work top priority within ITU;"
    for write in (itu_nb.to_akn, itu_nb.to_html, itu_nb.to_criticmarkup):
        assert write(doc)
    # and the command line, which a newcomer uses
    for fmt in ("docx", "akn", "html", "critic"):
        out = tmp_path / f"out.{fmt}"
        assert main(["export", os.fsdecode(path), "--to", fmt, "-o", str(out)]) == 0, fmt
        assert out.stat().st_size > 0
    back = itu_nb.load(tmp_path / "out.docx")
    assert [(c.path, c.old, c.new) for c in back[0].changes] == [("resolves/1", "high", "top")]


def test_a_proposal_target_keeps_the_title():
    # one text with a target: the title is the target, as before (Resolution 130, B/67/4)
    doc = itu_nb.load(CRITIC)
    assert _title(itu_nb.to_docx(doc["B/67/4"])) == "Resolution 130 (Rev. Busan, 2014)"
