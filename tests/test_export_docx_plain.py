"""The Word writer's plain paragraphs, written as XML text (``itu_nb/export/docx_plain.py``), are the bytes the
element tree gives.

``to_docx`` writes a line with no note or real bookmark as a string instead of lxml elements (issue 17: 100,000
paragraphs).  Each test writes a document twice, once as it is and once with every line built as elements (the
string writer switched off), and compares every part of the two packages (``docProps/core.xml`` without its
creation and modification times).  The inputs are the corpus (Doc 67 as CriticMarkup, its flattened text and
pandoc's .docx, LibreOffice's tracked changes and two authors) and a text made here to hold what escaping and
the templates must get right: ``& < > "`` in text, authors, dates and comments, control characters and a lone
surrogate, TAB, vertical tab and form feed, highlights of nothing and touching ones, whole inserted and deleted
paragraphs and markers, a real bookmark (written by the tree) and text that only looks like one.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import CRITIC, FIXTURES, FLATTENED

import itu_nb
import itu_nb.loaders.docx  # noqa: F401  (registers the .docx loader)
from itu_nb.export import docx, docx_plain

_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")

#: What the templates must write as the tree does (see the module's docstring).
HOSTILE = (
    "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle & <sub>\nresolves\n"
    '1\tto act {++"now" & <then>++}{--old \x01text--} on {==item==}{>>@A "B" & <C> (2018-09-10): why & <b><<};\n'
    "2\ta\vb\fc {====}{==x==}{==y==} and \ud800 here\n"
    "{++3\ta new item++}\n"
    "{--4\tan old item--}\n"
    "5\t[bookmark: _Toc1]marked, [bookmark: ]not one\n"
    "6\tx > y\n"
    "{--MOD\tXYZ/1/2--}\n"
    "{++ADD\tXYZ/1/3++}\n"
    "recalling\n"
    "a)\t{~~this~>that~~}\n"
    "Reasons:\tbecause & so\n"
)


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: _TIMES.sub(b"", z.read(n)) if n == "docProps/core.xml" else z.read(n) for n in z.namelist()}


def _both(doc, monkeypatch, **kw) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """The parts as written, as written by the tree alone (every line made by ``export_lines``: no node given as
    itself by ``plain_rows``), and how many lines and nodes were written as text.
    """
    used = 0
    plain, node = docx_plain.plain_paragraph, docx_plain.plain_node

    def counted(*a):
        nonlocal used
        out = plain(*a)
        used += out is not None
        return out

    def counted_node(*a):
        nonlocal used
        used += 1
        return node(*a)

    with monkeypatch.context() as m:
        m.setattr(docx, "plain_paragraph", counted)
        m.setattr(docx, "plain_node", counted_node)
        written = _parts(itu_nb.to_docx(doc, **kw))
    with monkeypatch.context() as m:
        m.setattr(docx, "plain_paragraph", lambda *a: None)
        m.setattr(docx, "plain_rows", lambda _doc, _depths: None)
        tree = _parts(itu_nb.to_docx(doc, **kw))
    return written, tree, used


@pytest.mark.parametrize(
    "source",
    [CRITIC, FLATTENED, "pp18-doc67-brazil.pandoc.docx", "lo-tracked-changes.docx", "lo-two-authors.docx"],
)
def test_corpus_paragraphs_are_the_trees_bytes(source, monkeypatch):
    doc = itu_nb.load(source if not isinstance(source, str) else FIXTURES / source)
    written, tree, used = _both(doc, monkeypatch)
    assert used > 0  # (the string writer wrote some of the lines)
    assert written.keys() == tree.keys()
    for name in tree:
        assert written[name] == tree[name], name


@pytest.mark.parametrize("kw", [{}, {"author": 'Q "R" & <S>', "date": "2018-09-10"}])
def test_hostile_text_is_escaped_as_the_tree_escapes_it(kw, monkeypatch):
    doc = itu_nb.load(HOSTILE, format="criticmarkup")
    written, tree, used = _both(doc, monkeypatch, **kw)
    assert used >= 12  # every line but the header lines and the real bookmark's
    assert written == tree
    body = written["word/document.xml"]
    # what the text holds, escaped once, as the reader of the package sees it
    assert b"&quot;now&quot;" not in body and b'"now" &amp; &lt;then&gt;' in body
    assert b'w:author="A &quot;B&quot; &amp; &lt;C&gt;"' in written["word/comments.xml"]
    assert b"\xef\xbf\xbd here" in body and b"\x01" not in body  # the surrogate as U+FFFD, the control dropped
    assert b'<w:br/><w:t xml:space="preserve">b</w:t><w:br w:type="page"/>' in body
    if kw:
        assert b'w:author="Q &quot;R&quot; &amp; &lt;S&gt;" w:date="2018-09-10T00:00:00Z"' in body


def test_the_string_writer_leaves_notes_and_bookmarks_to_the_tree():
    doc = itu_nb.load(HOSTILE, format="criticmarkup")
    lines = docx.export_lines(doc)
    writer = docx._Writer(doc, "itu_nb", None)
    bookmarked = [line for line in lines if any(p.kind == "bookmark" and "_Toc1" in p.text for p in line.pieces)]
    assert len(bookmarked) == 1 and docx_plain.plain_paragraph(writer, bookmarked[0], False) is None
    noted = itu_nb.load(CRITIC)
    with_refs = [ln for ln in docx.export_lines(noted) if any(p.kind == "footnote-ref" for p in ln.pieces)]
    assert with_refs and all(docx_plain.plain_paragraph(writer, ln, False) is None for ln in with_refs)
