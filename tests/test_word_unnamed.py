"""Changes with no author through Word: written under a placeholder, read back as no one's (issue 17, session 22).

Data: Brazil's Document 67 (``CRITIC``) loaded without ``author=``, so Brazil's changes have no author; the analyst
Ana strikes considering j) (Brazil's inserted item, source line 103) of B/67/4 (MOD Resolution 130).  ``w:author`` is
required on a Word change, and ``to_docx`` without ``author=`` wrote Brazil's unnamed changes under the author most
changes carry, Ana's after her edits: reloaded, they were hers, and ``reject(author="Ana")`` took them out too.
Now they are written as ``"Unknown Author"``'s, a name the custom property ``itu_nb unnamed`` records, and the reader
reads that name back as no author.

Considering as Brazil amended it, read by eye in the fixture (lines 100–104)::

    {--i--}{++g++})  that the ITU Telecommunication Standardization Sector (ITU‑T) has adopted …
    {--j--}{++h++})  the final report on Question 22‑1/1 …
    {++i)  that some SMEs face additional challenges …++}
    {++j)  that the technical community and the private sector are key players …++}
    {++k)  that individuals and organisations should adopt best practices …++}
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections import Counter

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice

import itu_nb

KEY = "B/67/4"
DAY = "2026-12-05"
#: considering g) to k) in Brazil's amended view: (label, first words), read by eye (see the module).
BRAZILS = [
    ("g)", "that the ITU Telecommunication"),
    ("h)", "the final report on"),
    ("i)", "that some SMEs face"),
    ("j)", "that the technical community"),
    ("k)", "that individuals and organisations"),
]


@pytest.fixture(scope="module")
def struck():
    doc = itu_nb.load(CRITIC)
    return itu_nb.amend(doc[KEY], ["Delete considering j)"], author="Ana", date=DAY)


def _considering(p) -> list[tuple[str, str]]:
    items = [n for n in p["considering"].children if n.exists_in("amended")]
    return [(n.label, " ".join(n.body("amended").split()[:4])) for n in items][-5:]


def _authors(data: bytes) -> Counter:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    return Counter(re.findall(r'<w:(?:ins|del)\b[^>]*?w:author="([^"]*)"', xml))


def _custom(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("docProps/custom.xml").decode() if "docProps/custom.xml" in z.namelist() else ""


def test_the_unnamed_changes_are_written_as_unknown_authors_and_anas_as_hers(struck):
    data = itu_nb.to_docx(struck)
    authors = _authors(data)
    assert set(authors) == {"Unknown Author", "Ana"}
    # Ana's: her strike of j) (its paragraph's label, text and mark) and her relettering of k) as j)
    assert authors["Ana"] <= 6 < authors["Unknown Author"]
    assert "itu_nb unnamed" in _custom(data) and ">Unknown Author<" in _custom(data)


def test_through_word_the_changes_and_the_decisions_are_the_sources(struck):
    back = itu_nb.load(itu_nb.to_docx(struck), format="docx")[KEY]
    assert [(c.id, c.kind, c.author) for c in back.changes] == [(c.id, c.kind, c.author) for c in struck.changes]
    assert {c.author for c in back.changes} == {None, "Ana"}
    assert _considering(back.reject(author="Ana")) == BRAZILS == _considering(struck.reject(author="Ana"))
    assert back.reject().text("original") == struck.reject().text("original")
    assert back.accept().text("amended") == struck.accept().text("amended")


def test_a_text_whose_changes_all_have_authors_stores_no_placeholder():
    doc = itu_nb.load(CRITIC, author="Brazil")
    p = itu_nb.amend(doc[KEY], ["Delete considering j)"], author="Ana", date=DAY)
    data = itu_nb.to_docx(p)
    assert set(_authors(data)) == {"Brazil", "Ana"} and "itu_nb unnamed" not in _custom(data)


def test_author_given_names_the_unnamed_changes_as_before(struck):
    data = itu_nb.to_docx(struck, author="ITU")
    assert set(_authors(data)) == {"ITU", "Ana"} and "itu_nb unnamed" not in _custom(data)
    back = itu_nb.load(data, format="docx")[KEY]
    assert {c.author for c in back.changes} == {"ITU", "Ana"}


def test_an_author_named_unknown_author_keeps_his_name_and_the_placeholder_takes_a_number(struck):
    doc = itu_nb.load(CRITIC)
    p = itu_nb.amend(doc[KEY], ["Delete considering j)"], author="Unknown Author", date=DAY)
    data = itu_nb.to_docx(p)
    assert set(_authors(data)) == {"Unknown Author", "Unknown Author 2"}
    back = itu_nb.load(data, format="docx")[KEY]
    assert [(c.id, c.author) for c in back.changes] == [(c.id, c.author) for c in p.changes]


def test_a_word_file_without_the_property_is_read_as_written(struck):
    """A change Word (or anyone) wrote as "Unknown Author"'s, with no ``itu_nb unnamed`` property, is his."""
    data = itu_nb.to_docx(struck)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w") as w:
        for item in z.infolist():
            blob = z.read(item)
            if item.filename == "docProps/custom.xml":
                blob = blob.replace(b"itu_nb unnamed", b"another property")
            w.writestr(item, blob)
    back = itu_nb.load(out.getvalue(), format="docx")[KEY]
    assert {c.author for c in back.changes} == {"Unknown Author", "Ana"}


@needs_soffice
def test_libreoffice_shows_the_placeholder(struck, tmp_path):
    path = tmp_path / "B-67-4.docx"
    path.write_bytes(itu_nb.to_docx(struck))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    creators = Counter(re.findall(r"<dc:creator>([^<]*)</dc:creator>", fodt))
    assert {"Unknown Author", "Ana"} <= set(creators) and creators["Unknown Author"] > creators["Ana"]


@needs_pandoc
def test_pandoc_shows_the_placeholder(struck, tmp_path):
    path = tmp_path / "B-67-4.docx"
    path.write_bytes(itu_nb.to_docx(struck))
    res = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "native", str(path)], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr
    native = " ".join(res.stdout.split())  # (pandoc's native form, its layout made one line)
    shown = Counter(re.findall(r'\[ "(?:insertion|deletion)" \] , \[ \( "author" , "([^"]*)" \)', native))
    assert set(shown) == {"Unknown Author", "Ana"} and shown["Unknown Author"] > shown["Ana"]
