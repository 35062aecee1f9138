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
- random CriticMarkup texts, loaded and written, so the lines are those ``export_lines`` makes;
- Brazil's proposal (Doc 67) with random label and text runs on some clauses (items at depths 1 to 3, sections,
  Reasons, paragraphs...), some with a comment: the nodes without artefacts are given as themselves by
  ``lines.plain_rows`` and written from their runs (``docx_plain.plain_node``), the others as lines; the tree
  writer makes every line with ``export_lines``.  Text with TABs inside, at its ends and doubled (an unlabelled
  paragraph's ``10<TAB>text`` takes a path of its own).

Bounded: 300 + 150 + 150 examples, no deadline; a few seconds each.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.errors import ItuNbError
from itu_nb.export import docx
from itu_nb.export.pieces import Line, Piece
from itu_nb.model import Artefact, Op, Run

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
    """The parts as ``to_docx`` writes ``doc`` (its lines ``lines`` when given), as the tree alone writes them
    (every line made by ``export_lines``, none written as text), and how many lines were written as text by
    ``plain_paragraph`` (not counting the nodes ``plain_rows`` gives as themselves, written by ``plain_node``).
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
            m.setattr(docx, "plain_rows", lambda _doc, _depths: None)
        m.setattr(docx, "plain_paragraph", counted)
        written = _parts(itu_nb.to_docx(doc, **kw))
        m.setattr(docx, "plain_paragraph", lambda *a: None)
        m.setattr(docx, "plain_rows", lambda _doc, _depths: None)  # (every node's line made: export_lines)
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


# -- Doc 67 with random runs: nodes written from their runs (plain_rows, plain_node) --------------------------------
_BRAZIL = itu_nb.load(Path(__file__).parent / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md")
#: Doc 67's clauses with a line of their own and no artefact (given as themselves by plain_rows), by walk order.
_NODES = [
    (k, n.path)
    for k, p in enumerate(_BRAZIL)
    for n in p.walk()
    if n.line is not None and not n.artefacts and n.kind is not itu_nb.NodeKind.FOOTNOTE
]
_RUN_TEXT = st.text(alphabet=st.sampled_from(_CHARS + ["\t", "\t", "x"]), max_size=10) | st.sampled_from(
    ["10\tto act", "\tlead", "tail\t", "a\t\tb", "a\tb\tc", "1\t", "& <\t>", "a)\t", "\t"]
)
_RUN = st.builds(Run, _OP, _RUN_TEXT, _AUTHOR, _DATE) | st.builds(  # (a move's run: the tree writer writes its node)
    Run, st.sampled_from([Op.INSERT, Op.DELETE]), _RUN_TEXT, _AUTHOR, _DATE, st.just(False), st.sampled_from(["m1"])
)


@st.composite
def _brazil(draw):
    """Doc 67 with up to six clauses' runs replaced, one of them perhaps with a comment."""
    proposals = list(_BRAZIL.proposals)
    for k, path in draw(st.lists(st.sampled_from(_NODES), min_size=1, max_size=6, unique=True)):
        node = proposals[k][path]
        label = tuple(draw(st.lists(_RUN, max_size=2)))
        if node.kind is itu_nb.NodeKind.ITEM:  # (its amended label kept, so its path stays and no keys are stored)
            text = node.label_in("amended") or ""
            cut = draw(st.integers(0, len(text)))
            pieces = [
                Run(draw(st.sampled_from([Op.EQUAL, Op.INSERT])), t, draw(_AUTHOR), draw(_DATE))
                for t in (text[:cut], text[cut:])
            ]
            label = tuple(r for r in label if r.op is Op.DELETE) + tuple(pieces) if text else node.label_runs
        runs = tuple(draw(st.lists(_RUN, max_size=5)))
        arts = ()
        if draw(st.integers(0, 4)) == 0:  # (a line of pieces among the nodes)
            arts = (Artefact("comment", "check", node.line, 0, Op.EQUAL, "CEPT", None),)
        changed = dataclasses.replace(node, label_runs=label, runs=runs, artefacts=arts)
        proposals[k] = _replaced(proposals[k], path, changed)
    return dataclasses.replace(_BRAZIL, proposals=tuple(proposals))


def _replaced(proposal, path, node):
    """``proposal`` with its clause at ``path`` replaced by ``node`` (the tree rebuilt above it)."""

    def swap(c):
        if c.path == path:
            return node
        kids = tuple(swap(k) for k in c.children)
        return (
            c if all(a is b for a, b in zip(kids, c.children, strict=True)) else dataclasses.replace(c, children=kids)
        )

    return dataclasses.replace(proposal, clauses=tuple(swap(c) for c in proposal.clauses))


def _nodes_written(doc, **kw) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """``_both``, and how many nodes ``plain_node`` wrote."""
    used = 0
    node = docx.plain_node

    def counted(*a):
        nonlocal used
        used += 1
        return node(*a)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(docx, "plain_node", counted)
        written, tree, _ = _both(doc, **kw)
    return written, tree, used


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_brazil(), st.sampled_from([{}, {"author": "Q", "date": "2018-09-10"}]))
def test_nodes_written_from_their_runs_as_the_tree_writes_their_lines(doc, kw):
    try:
        written, tree, used = _nodes_written(doc, **kw)
    except ItuNbError as exc:  # (refused both ways, with the same message)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(docx, "plain_rows", lambda _doc, _depths: None)
            m.setattr(docx, "plain_paragraph", lambda *a: None)
            with pytest.raises(ItuNbError) as slow:
                itu_nb.to_docx(doc, **kw)
        assert str(slow.value) == str(exc)
        return
    assert written.keys() == tree.keys()
    for name in tree:
        assert written[name] == tree[name], name
    assert used > 200  # (most of Doc 67's nodes: the property compares the two ways)


def test_a_paragraph_with_tabs_in_its_text_is_written_as_the_tree_writes_it():
    # Doc 67's "resolves" 1 with "10<TAB>to act & more<TAB>now" inserted, and a Reasons label: by eye, one run
    # cut at each TAB (a w:tab between two w:t), inside a w:ins; the paragraph mark inserted with it
    k, path = next((k, p) for k, p in _NODES if p.endswith("resolves/1"))
    node = _BRAZIL.proposals[k][path]
    changed = dataclasses.replace(node, runs=(Run(Op.INSERT, "10\tto act & more\tnow", "CEPT", "2018-10-02"),))
    proposals = list(_BRAZIL.proposals)
    proposals[k] = _replaced(proposals[k], path, changed)
    written, tree, used = _nodes_written(dataclasses.replace(_BRAZIL, proposals=tuple(proposals)))
    assert written == tree and used > 200
    body = written["word/document.xml"]
    assert (
        b'<w:t xml:space="preserve">10</w:t><w:tab/><w:t xml:space="preserve">to act &amp; more</w:t><w:tab/>'
        b'<w:t xml:space="preserve">now</w:t></w:r></w:ins>' in body
    )
