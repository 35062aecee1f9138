"""Tracked changes with no date are written to Word as Word writes them: without ``w:date``.

ECMA-376 Part 1, the ``date`` attribute of ``w:ins`` (Inserted Run Content) and ``w:del``: "If this attribute is
omitted, then no date information shall be associated with the parent annotation type"; Word itself saves
changes so when it removes dates (``w:removeDateAndTime``: "by omitting their @date attributes").  LibreOffice 7.4 reads such a change with the date
1970-01-01 (its own value for "none": an empty ``w:date=""`` reads the same), so what it shows for them is its
placeholder, not a date of ours; any date the writer put there instead would be one the source never had, and
``load(to_docx(x))`` would no longer give back undated changes.  So the writer leaves the date out unless
``to_docx(date=…)`` gives one for the changes that carry none; a dated change keeps its own.

Data: Brazil's Document 67 (``CRITIC``), B/67/4: its CriticMarkup changes carry an author and no date (the
heading's ``{--Busan, 2014--}{++Dubai, 2018++}``, source line 76); the analyst Ana's edit of resolves 1
(``continue`` → ``keep``, line 139) carries her date, 2026-12-05.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_soffice

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import ReplaceWords

KEY = "B/67/4"


@pytest.fixture(scope="module")
def edited():
    p = itu_nb.load(CRITIC, author="Brazil")[KEY]
    return apply_ops(p, [ReplaceWords("resolves/1", "continue", "keep")], author="Ana", date="2026-12-05")


def stamps(data: bytes) -> list[tuple[str, str, str | None]]:
    """(tag, author, w:date or None) of every w:ins / w:del of the document part, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    out = []
    for tag, attrs in re.findall(r"<w:(ins|del) ([^>]*)>", xml):
        author = re.search(r'w:author="([^"]*)"', attrs)
        date = re.search(r'w:date="([^"]*)"', attrs)
        out.append((tag, author.group(1) if author else "", date.group(1) if date else None))
    return out


def test_an_undated_change_is_written_without_a_date_and_a_dated_one_with_its_own(edited):
    written = stamps(itu_nb.to_docx(edited))
    brazil = [s for s in written if s[1] == "Brazil"]
    ana = [s for s in written if s[1] == "Ana"]
    assert brazil[:2] == [("del", "Brazil", None), ("ins", "Brazil", None)]  # the heading, line 76
    assert {date for _, _, date in brazil} == {None}
    assert ana == [("del", "Ana", "2026-12-05T00:00:00Z"), ("ins", "Ana", "2026-12-05T00:00:00Z")]


def test_date_stamps_only_the_changes_that_carry_none(edited):
    written = stamps(itu_nb.to_docx(edited, date="2018-09-10"))
    assert {date for _, author, date in written if author == "Brazil"} == {"2018-09-10T00:00:00Z"}
    assert {date for _, author, date in written if author == "Ana"} == {"2026-12-05T00:00:00Z"}


def test_undated_changes_come_back_undated(edited, tmp_path):
    path = tmp_path / "B-67-4.docx"
    path.write_bytes(itu_nb.to_docx(edited))
    back = itu_nb.load(path)[KEY]
    # (Word's dates are date-times: the reader keeps the one written)
    assert {(c.author, c.date) for c in back.changes} == {("Brazil", None), ("Ana", "2026-12-05T00:00:00Z")}
    assert len(back.changes) == len(edited.changes)


@needs_soffice
def test_libreoffice_reads_the_dates_written(edited, tmp_path):
    path = tmp_path / "B-67-4.docx"
    path.write_bytes(itu_nb.to_docx(edited))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    regions = re.findall(r"<text:changed-region\b.*?</text:changed-region>", fodt, re.S)
    infos = [
        (
            re.search(r"<dc:creator>([^<]*)</dc:creator>", r).group(1),
            re.search(r"<dc:date>([^<]*)</dc:date>", r).group(1),
        )
        for r in regions
    ]
    assert {author for author, _ in infos} == {"Brazil", "Ana"}
    assert {date for author, date in infos if author == "Ana"} == {"2026-12-05"}  # (a midnight: the day alone)
    # no date written: LibreOffice's placeholder for "none", as for any change without w:date (Word's own included)
    assert {date for author, date in infos if author == "Brazil"} == {"1970-01-01"}
