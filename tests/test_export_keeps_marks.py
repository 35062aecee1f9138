"""Issue 17, an audit over the corpus: every export keeps every comment and highlight, and every path and kind.

For every input of ``tests/fixtures`` that loads (``examples/data`` holds byte-identical copies of the text,
CriticMarkup and Akoma Ntoso files): the flattened text, the CriticMarkup reconstruction, the three .docx files
and the Final Acts (AKN, all 64 proposals: the whole file takes about 12 s), each as loaded and
annotated (:func:`test_roundtrip_lossless.annotate`, and here a highlight and a comment in every other
footnote), and Doc 67 with a note body that no clause holds, holding a highlight and a comment:

- each writer that can read back (CriticMarkup, Akoma Ntoso, Word): the multiset of (kind, author, date,
  text) of the comments, highlights and paragraph marks (a highlight's text is what it covers, in its node, its
  note body or its line), and the set of (proposal, path, kind), are the same after ``load(export(x))``, with
  the normalisations of ``tests/test_roundtrip_lossless.py`` (Word gives ``2018-09-10`` back as
  ``2018-09-10T00:00:00Z``);
- HTML, which has no loader: every highlight's text is the text of a ``<mark>`` (parsed with lxml), and every
  comment's author is the ``data-author`` of a comment.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from conftest import CRITIC, FINAL_ACTS, FIXTURES, FLATTENED
from lxml import html as lxml_html
from test_roundtrip_lossless import _day, _highlighted, annotate, round_trip

import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.model import Artefact, runs_text

WRITERS = ("critic", "akn", "docx")
#: Doc 67 with a note body at the end that no clause references, a highlight and a comment in it.
UNHELD = "[4: 4 A note {==no clause==} refer{>>@Bob (2020-01-02): hm<<}ences.]\n"
#: Two such bodies on one line, a highlight in each (the loader reads the second as text of the line: a line
#: highlight); main's CriticMarkup writer dropped the first.
TWO_BODIES = "[4: 4 {==One==} body.] [5: 5 Another {==two==}.]\n"


def _load(name: str) -> itu_nb.Document:
    if name == "critic":
        return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
    if name == "final-acts":
        return itu_nb.load(FINAL_ACTS)
    if name in ("unheld", "two-bodies"):
        return itu_nb.load(FLATTENED.read_text(encoding="utf-8") + (UNHELD if name == "unheld" else TWO_BODIES))
    return itu_nb.load(FLATTENED if name == "flattened" else FIXTURES / f"{name}.docx")


def _annotate_notes(doc: itu_nb.Document) -> itu_nb.Document:
    """Every other footnote with more than three characters: a highlight on its characters 2–6 and a comment
    at its end, by CEPT on 2018-10-02."""
    count = 0

    def node(c):
        nonlocal count
        children = tuple(node(x) for x in c.children)
        size = len(runs_text(c.label_runs + c.runs))
        arts = c.artefacts
        if c.kind is NodeKind.FOOTNOTE and size > 6:
            count += 1
            if count % 2:
                line = c.line if c.line is not None else -1
                arts = (
                    *arts,
                    Artefact("highlight", "", line, 2, Op.EQUAL, length=4),
                    Artefact("comment", f"note {count}", line, size, Op.EQUAL, "CEPT", "2018-10-02"),
                )
        return dataclasses.replace(c, children=children, artefacts=arts)

    return dataclasses.replace(
        doc, proposals=tuple(dataclasses.replace(p, clauses=tuple(map(node, p.clauses))) for p in doc)
    )


NAMES = (
    "flattened",
    "critic",
    "pp18-doc67-brazil.pandoc",
    "lo-tracked-changes",
    "lo-two-authors",
    "final-acts",
    "unheld",
    "two-bodies",
)
#: The inputs also audited annotated (not the two that end with a note body no clause holds).
ANNOTATED = NAMES[:-2]


@pytest.fixture(scope="module")
def inputs() -> dict[str, itu_nb.Document]:
    out = {}
    for name in NAMES:
        doc = _load(name)
        out[name] = doc
        if name in ANNOTATED:
            out[name + "+marks"] = _annotate_notes(annotate(doc))
    return out


def marks(doc: itu_nb.Document, word: bool = False) -> Counter:
    """The multiset of (kind, author, date, text) of the comments, highlights and paragraph marks of ``doc``:
    in nodes (a highlight's text is what it covers of the node's label and text, both views), in note bodies
    that no clause holds (``footnote-highlight``) and on lines that are no node (what the line's highlights
    cover, as the writers read it).

    ``word``: leave out the paragraph mark that closes a node whose runs are all inserted (or all deleted) with
    its op: Word writes a wholly inserted or deleted clause's paragraph mark as inserted or deleted, as Word
    does, and reads it back as a ``paragraph-mark`` (the clause's own change, not a mark the source lacked).
    """
    out: Counter = Counter()
    for p in doc:
        for n in p.walk():
            runs = n.label_runs + n.runs
            text = runs_text(runs)
            for a in n.artefacts:
                if a.kind == "paragraph-mark" and word and a.offset == len(text) and {r.op for r in runs} == {a.op}:
                    continue
                out.update([_mark(a, text)] if a.kind in ("comment", "highlight", "paragraph-mark") else [])
    lines: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        lines.setdefault(a.line, []).append(a)
    for arts in lines.values():
        body = ""
        for a in arts:
            if a.kind == "footnote-body":
                body = a.text
            elif a.kind == "footnote-part":
                body += a.text
            elif a.kind == "footnote-highlight":
                out[("highlight", None, None, body[a.offset or 0 : (a.offset or 0) + a.length])] += 1
            elif a.kind in ("comment", "paragraph-mark"):
                out[_mark(a, "")] += 1
        if any(a.kind == "highlight" for a in arts) and (lit := _highlighted(arts)):
            out[("line-highlight", None, None, lit)] += 1
    return out


def _mark(a: Artefact, text: str) -> tuple:
    if a.kind == "highlight":
        return ("highlight", None, None, text[a.offset or 0 : (a.offset or 0) + a.length])
    if a.kind == "paragraph-mark":
        return ("paragraph-mark", a.author, _day(a.date), a.op.name)
    return ("comment", a.author, _day(a.date), a.text)


def _marked(tree) -> list[str]:
    """The texts of the ``<mark>`` elements; those of one paragraph with one ``data-highlight`` number joined (a
    highlight that runs from a label into the text is drawn as a ``<mark>`` in each)."""
    out: dict[object, str] = {}
    for k, m in enumerate(tree.iter("mark")):
        number = m.get("data-highlight")
        key = (m.iterancestors("p").__next__(), number) if number else k
        out[key] = out.get(key, "") + m.text_content()
    return list(out.values())


def paths(doc: itu_nb.Document) -> set[tuple[str, str, str]]:
    return {(p.id, n.path, n.kind.value) for p in doc for n in p.walk()}


def test_the_inputs_hold_every_kind_of_mark(inputs):
    kinds = Counter(k for doc in inputs.values() for (k, *_), n in marks(doc).items() for _ in range(n))
    assert kinds["comment"] > 500 and kinds["highlight"] > 500  # annotate: one in three of the Final Acts' items
    assert kinds["paragraph-mark"] >= 8  # lo-tracked-changes' four, as loaded and annotated (module docstring)
    notes = [k for k in marks(inputs["unheld"]) if k[0] != "line-highlight"]
    assert notes == [("highlight", None, None, "no clause"), ("comment", "Bob", "2020-01-02", "hm")]
    # the footnote highlights of the annotation: Doc 67's notes 1 ("1 \tThese include…", flattened line 89)
    # and 3 ("https://www.itu.int/md/T17-SG03-R-0011/en", line 252), characters 2–6
    lit = [k[3] for k in marks(inputs["flattened+marks"]) if k[0] == "highlight"]
    assert "\tThe" in lit and "tps:" in lit


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("name", [*NAMES, *(n + "+marks" for n in ANNOTATED)])
def test_every_writer_keeps_every_mark_and_path(inputs, name, fmt):
    doc = inputs[name]
    back = round_trip(doc, fmt)
    assert paths(back) == paths(doc)
    want, got = marks(doc, fmt == "docx"), marks(back, fmt == "docx")
    assert got == want, (sorted((want - got).items())[:5], sorted((got - want).items())[:5])


@pytest.mark.parametrize("name", [*NAMES, *(n + "+marks" for n in ANNOTATED)])
def test_html_shows_every_highlight_and_comment_author(inputs, name):
    doc = inputs[name]
    tree = lxml_html.fromstring(itu_nb.to_html(doc))
    shown = Counter(_marked(tree))
    authors = Counter(s.get("data-author") for s in tree.find_class("comment"))
    for (kind, author, _, text), n in marks(doc).items():
        if kind in ("highlight", "line-highlight"):
            assert shown[text] >= n, (kind, text)
        elif kind == "comment" and author:
            assert authors[author] >= n, author
