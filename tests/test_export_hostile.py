"""Issue 17, exports: hostile text, authors, labels, ids and file names give an output or an ExportError.

Before: a control character in a revision author, a bookmark name or a file name made ``to_akn`` /
``to_docx`` raise lxml's ``ValueError`` (attributes were not cleaned, only text), and a lone surrogate
(what a ``w:sym`` with code D800 gave) made every exporter raise ``UnicodeEncodeError``.  The proposals
here are built directly (``dataclasses.replace`` on a loaded one), so the exporters are tested whatever
the loaders map at load.  Every exporter must end in its output or an :class:`ExportError` naming the
file and the problem, within the bounds of ``tests/bounds.py``.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from bounds import bounded
from lxml import etree

import itu_nb
from itu_nb import ExportError, Op
from itu_nb.model import Artefact, Run

#: A small proposal: marker, heading, formula, a section with a relettered item, a bookmark and a comment.
TEXT = (
    "MOD\tX/1/1\n\nRESOLUTION 1 (REV. DUBAI, 2018)\n\nThe Plenipotentiary Conference ({--Busan--}{++Dubai++}),\n\n"
    "considering\n{--c--}{++b++})\tthat [bookmark: _Toc1]{==ICTs==}{>>@Brazil (2018-09-10): why?<<} matter;\n"
)
HOSTILE = "\x01\x0b\x1f\ud800\udfff\ufffe|"
EXPORTERS = {
    "critic": itu_nb.to_criticmarkup,
    "html": itu_nb.to_html,
    "docx": itu_nb.to_docx,
    "akn": itu_nb.to_akn,
}


def _hostile(what: str) -> itu_nb.Document:
    """The proposal with HOSTILE put in one place: ``text``, ``author``, ``label``, ``id``, ``bookmark``,
    ``comment``, ``file`` (the document's source name) or ``action``.
    """
    doc = itu_nb.load(TEXT, format="criticmarkup", author="Brazil", date="2018-09-10")
    p = doc[0]

    def runs(rs: tuple[Run, ...]) -> tuple[Run, ...]:
        if what == "text":
            return tuple(r.with_text(r.text + HOSTILE) for r in rs)
        if what == "author":
            return tuple(dataclasses.replace(r, author=HOSTILE) if r.op is not Op.EQUAL else r for r in rs)
        return rs

    def arts(a: tuple[Artefact, ...]) -> tuple[Artefact, ...]:
        out = []
        for art in a:
            if what == "bookmark" and art.kind == "bookmark":
                art = dataclasses.replace(art, text=f"[bookmark: _Toc{HOSTILE}]")
            if what == "comment" and art.kind == "comment":
                art = dataclasses.replace(art, text=HOSTILE, author=HOSTILE, date=HOSTILE)
            out.append(art)
        return tuple(out)

    def node(c):
        labels = c.label_runs
        if what == "label" and labels:
            labels = (labels[0].with_text(HOSTILE + labels[0].text), *labels[1:])
        return dataclasses.replace(
            c,
            label_runs=runs(labels),
            runs=runs(c.runs),
            artefacts=arts(c.artefacts),
            children=tuple(map(node, c.children)),
        )

    p = dataclasses.replace(
        p,
        clauses=tuple(map(node, p.clauses)),
        id=p.id + HOSTILE if what == "id" else p.id,
        action=HOSTILE if what == "action" else p.action,
    )
    source = f"bad{HOSTILE}name.md" if what == "file" else doc.source
    return dataclasses.replace(doc, proposals=(p,), source=source)


PLACES = ("text", "author", "label", "id", "bookmark", "comment", "file", "action")


@pytest.mark.parametrize("fmt", EXPORTERS)
@pytest.mark.parametrize("place", PLACES)
def test_hostile_values_give_an_output_or_an_export_error(fmt, place):
    doc = _hostile(place)
    try:
        out = EXPORTERS[fmt](doc)
    except ExportError as exc:  # the only exception allowed: it names the file or clause
        assert str(exc).split(":")[0], exc
        return
    data = out if isinstance(out, bytes) else out.encode("utf-8")  # encodable: no lone surrogate left
    assert data
    if fmt == "akn":
        etree.fromstring(data)  # well-formed XML
    if fmt in ("akn", "docx"):  # what was written reads back
        again = itu_nb.load(data)
        assert [q.id for q in again]


def test_control_characters_in_attributes_are_cleaned_not_raised():
    """The three cases of the issue: a revision author, a bookmark name, a file name (to_docx, to_akn)."""
    for place in ("author", "bookmark", "file"):
        doc = _hostile(place)
        again = itu_nb.load(itu_nb.to_docx(doc))
        authors = {r.author for n in again[0].walk() for r in n.runs + n.label_runs if r.op is not Op.EQUAL}
        # the author keeps its control characters (written as their pictures, restored on reading: ctl22's
        # tests/test_control_chars_export.py); lone surrogates become U+FFFD, U+FFFE is no XML character
        assert authors == ({"\x01\x0b\x1f\ufffd\ufffd|"} if place == "author" else {"Brazil"}), place
        xml = itu_nb.to_akn(doc)
        assert "\x01" not in xml and "\ud800" not in xml


@pytest.mark.parametrize("fmt", EXPORTERS)
def test_surrogates_in_text_are_written_as_replacement_characters(fmt):
    out = EXPORTERS[fmt](_hostile("text"))
    text = out.decode("latin-1") if isinstance(out, bytes) else out
    assert "\ud800" not in text
    if fmt in ("docx", "akn"):  # (the text loaders refuse so many control characters as binary data)
        again = itu_nb.load(out)
        lines = [n.source_line() for n in again[0].walk()]
        assert any("\ufffd\ufffd|" in line for line in lines) and not any("\ud800" in line for line in lines)


def test_html_escapes_a_hostile_comment():
    html = itu_nb.to_html(_hostile("comment"))
    # control characters as their pictures (never raw in a page), lone surrogates as U+FFFD
    assert '<span class="comment" role="note" data-author="\u2401\u240b\u241f\ufffd\ufffd\ufffe|"' in html


def test_unwritable_path_is_an_export_error(tmp_path):
    doc = _hostile("text")
    for fmt, write in EXPORTERS.items():
        with pytest.raises(ExportError, match="no-such-dir"):
            write(itu_nb.load(TEXT, format="criticmarkup"), tmp_path / "no-such-dir" / f"out.{fmt}")
    assert doc


def test_wrong_type_is_an_export_error():
    with pytest.raises(ExportError, match="cannot export a dict"):
        itu_nb.to_docx({"not": "a document"})


@pytest.mark.parametrize("fmt", EXPORTERS)
def test_hostile_exports_are_bounded(fmt):
    """Every hostile place through one exporter, in a child process: within 2 s CPU and 300 MB."""
    code = f"""
import sys
sys.path.insert(0, "tests")
from test_export_hostile import EXPORTERS, PLACES, _hostile
import itu_nb
done = []
for place in PLACES:
    try:
        EXPORTERS[{fmt!r}](_hostile(place))
        done.append("ok")
    except itu_nb.ExportError:
        done.append("ExportError")
print(",".join(done))
"""
    r = bounded(code, label=f"export {fmt}: hostile text, authors, labels, ids, file names")
    assert r.ok, r.stderr
    assert r.within(), (r.seconds, r.peak_mb)
    assert set(r.stdout.strip().split(",")) <= {"ok", "ExportError"}
    assert json.dumps(r.stdout.strip())
