"""The Word writer's fast paths give the bytes of its slow ones (issue 17: ``to_docx`` at 100,000 nodes).

``to_docx`` writes a line with no note or real bookmark as XML text (``itu_nb/export/docx_plain.py``) instead of
lxml elements (``_Writer.paragraph``).  Each property here writes the same lines twice, once as ``to_docx`` does
and once with every line built as elements (the string writer switched off), and compares every part of the two
packages (``docProps/core.xml`` without its creation and modification times), so the two must agree byte for
byte, ``w:id`` counters, comments part and all:

- random lines made here, piece by piece (every kind of piece a plain paragraph may hold, and a real bookmark,
  which the tree writes): text with XML-special characters, TAB and breaks, control characters, lone surrogates,
  non-characters and no-break spaces; random ops, authors and dates (also XML-special or holding control
  characters); highlights, touching and empty; comments; paragraph marks; every role and item depth;
- random CriticMarkup texts, loaded and written, so the lines are those ``export_lines`` makes.

Bounded: 300 + 150 examples, no deadline; a few seconds each.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.errors import ItuNbError
from itu_nb.export import docx
from itu_nb.export.pieces import Line, Piece
from itu_nb.model import Op

_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")

#: Characters that each take another branch of escaping or cleaning, and plain ones.
_CHARS = list("ab Z1;.") + ["&", "<", ">", '"', "'", "\t", "\n", "\v", "\f", "\r", "\x01", "\x1f", "\x7f"]
_CHARS += ["\u00a0", "\u2028", "\ud800", "\udfff", "\ufffe", "\uffff", "é", "€", "\U0001f600", "]", "["]
_TEXT = st.text(alphabet=st.sampled_from(_CHARS), max_size=12)
_AUTHOR = st.sampled_from([None, "A", "Brazil", 'Q "R" & <S>', "x\x01y\tz", "\ud800", ""])
_DATE = st.sampled_from([None, "2018-09-10", "2018-09-10T12:30:00Z", "2018<09>", "", "d\x02"])
_OP = st.sampled_from([Op.EQUAL, Op.EQUAL, Op.INSERT, Op.DELETE])
_ROLES = ["item", "marker", "heading", "title", "formula", "section", "annex", "reasons", "separator", "footnote"]
_ROLES += ["blank", "trailer", "markup", "text", "unknown"]


@st.composite
def _piece(draw, role: str) -> Piece:
    kind = draw(
        st.sampled_from(
            ["label", "text", "text", "text", "marker", "header", "separator", "trailer", "markup", "bookmark"]
            + ["paragraph-mark", "comment", "highlight-start", "highlight-end", "highlight-start", "highlight-end"]
        )
    )
    text = draw(_TEXT)
    if kind == "label":
        text = draw(st.sampled_from(["1", "a)", "iv)", "", "&"])) + draw(st.sampled_from(["\t", "", "\t\t", " "]))
    elif kind == "marker" and role == "marker":
        text = draw(st.sampled_from(["MOD", "ADD", "SUP", "M&D"])) + draw(st.sampled_from(["\t", "", "\tx\t"]))
        text += draw(st.sampled_from(["XYZ/1/1", "", "<A/1>", "a\vb"]))
    elif kind == "bookmark":  # a real one (the tree writes the line) or text that only looks like one
        text = draw(st.sampled_from(["[bookmark: _Toc1]", "[bookmark: ]", "[bookmark: a]b", "[bookmark x]"]))
    elif kind in ("highlight-start", "highlight-end", "paragraph-mark"):
        text = ""
    return Piece(text, draw(_OP), kind, draw(_AUTHOR), draw(_DATE))


@st.composite
def _line(draw) -> Line:
    role = draw(st.sampled_from(_ROLES))
    pieces = draw(st.lists(_piece(role), max_size=7))
    return Line(tuple(pieces), role, depth=draw(st.integers(0, 4)))


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: _TIMES.sub(b"", z.read(n)) if n == "docProps/core.xml" else z.read(n) for n in z.namelist()}


def _both(doc, lines: list[Line] | None = None, **kw) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """The parts as ``to_docx`` writes ``doc`` (its lines ``lines`` when given), as the tree alone writes them,
    and how many lines were written as text.
    """
    used = 0
    plain = docx.plain_paragraph

    def counted(*a):
        nonlocal used
        out = plain(*a)
        used += out is not None
        return out

    with pytest.MonkeyPatch.context() as m:
        if lines is not None:
            m.setattr(docx, "export_lines", lambda _doc: list(lines))
        m.setattr(docx, "plain_paragraph", counted)
        written = _parts(itu_nb.to_docx(doc, **kw))
        m.setattr(docx, "plain_paragraph", lambda *a: None)
        tree = _parts(itu_nb.to_docx(doc, **kw))
    return written, tree, used


_DOC = itu_nb.load("resolves\n1\tto act\n", format="text")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(_line(), min_size=1, max_size=8),
    st.sampled_from([{}, {"author": 'Q "R" & <S>', "date": "2018-09-10"}, {"date": "2020-01-02T03:04:05Z"}]),
)
def test_random_lines_are_written_as_the_tree_writes_them(lines, kw):
    written, tree, _ = _both(_DOC, lines, **kw)
    assert written.keys() == tree.keys()
    for name in tree:
        assert written[name] == tree[name], name


def test_the_random_lines_take_the_fast_path():
    # (the property above would hold trivially if the string writer refused every line: it writes these)
    lines = [
        Line((Piece("1\t", Op.EQUAL, "label"), Piece("to act & <now>", Op.INSERT, "text", "A", "2018-09-10")), "item"),
        Line((Piece("x\v\x01y", Op.DELETE, "text"), Piece("c", Op.EQUAL, "comment", "B")), "text"),
        Line((Piece("", Op.EQUAL, "highlight-start"), Piece("", Op.EQUAL, "highlight-end")), "section"),
    ]
    written, tree, used = _both(_DOC, lines)
    assert used == 3 and written == tree
    body = written["word/document.xml"]
    assert b'<w:ins w:id="2" w:author="A" w:date="2018-09-10T00:00:00Z">' in body
    assert b'<w:t xml:space="preserve">to act &amp; &lt;now&gt;</w:t>' in body


# -- random CriticMarkup texts, through export_lines -------------------------------------------------------------
_WORDS = st.text(alphabet=st.sampled_from(list("ab Z&\"'é€>") + ["\u00a0", "\x01"]), min_size=1, max_size=8)


@st.composite
def _critic_line(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        word = draw(_WORDS)
        form = draw(st.sampled_from(["plain", "plain", "ins", "del", "sub", "lit", "cmt"]))
        if form == "plain":
            parts.append(word)
        elif form == "ins":
            parts.append(f"{{++{word}++}}")
        elif form == "del":
            parts.append(f"{{--{word}--}}")
        elif form == "sub":
            parts.append(f"{{~~{word}~>{draw(_WORDS)}~~}}")
        elif form == "lit":
            parts.append(f"{{=={word}==}}")
        else:
            who = draw(st.sampled_from(["", "@A ", "@A (2018-09-10) ", '@Q "R" & S ']))
            parts.append(f"{{>>{who}{word.replace('>', '')}<<}}")
    label = draw(st.sampled_from(["", "1\t", "a)\t", "{++b)\t++}", "{--c)\t--}"]))
    return label + "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(_critic_line(), min_size=1, max_size=6), st.booleans())
def test_random_criticmarkup_is_written_as_the_tree_writes_it(body, whole):
    text = "MOD\tXYZ/1/1\nRESOLUTION 1\nTitle\nresolves\n" + "\n".join(body) + "\n"
    if whole:  # a paragraph inserted whole: its paragraph mark is tracked
        text += "{++2\ta new item++}\n"
    try:
        doc = itu_nb.load(text, format="criticmarkup")
    except ItuNbError:
        return
    written, tree, used = _both(doc)
    assert written == tree
    assert used >= 1
