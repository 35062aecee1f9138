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
- each such writer, and two writers one after the other (:data:`TWO_HOPS`): every comment, highlight and note body
  keeps its place, the multiset of (kind, text before, text after) (:func:`places`: twelve characters each side,
  in its node's text or in its line's) is the same; a note body's place in a node's line is not checked through
  Akoma Ntoso, whose reader gives a note as its FOOTNOTE node alone (no body artefact); a comment made in a note
  is placed in the note's text, as a highlight there (a comment of its FOOTNOTE node, or a ``footnote-comment``
  of a body that no clause holds; before session 16 every reader put it at the note's place in its host);
- HTML, which has no loader: every highlight's text is the text of a ``<mark>`` (parsed with lxml), every
  comment's author is the ``data-author`` of a comment, and in each node's paragraph every comment and highlight
  stands between the same texts as in the node (:func:`node_places`, :func:`_html_places`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest
from conftest import CRITIC, FINAL_ACTS, FIXTURES, FLATTENED
from lxml import html as lxml_html
from test_roundtrip_lossless import _day, _highlighted, annotate, round_trip

import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.export.lines import line_pieces
from itu_nb.model import Artefact, runs_text

WRITERS = ("critic", "akn", "docx")
#: Doc 67 with a note body at the end that no clause references, a highlight and a comment in it.
UNHELD = "[4: 4 A note {==no clause==} refer{>>@Bob (2020-01-02): hm<<}ences.]\n"
#: Two such bodies on one line, a highlight in each (the loader reads the second as text of the line: a line
#: highlight); main's CriticMarkup writer dropped the first.
TWO_BODIES = "[4: 4 {==One==} body.] [5: 5 Another {==two==}.]\n"
#: Doc 67's CriticMarkup with a comment inside note 1 (line 89, the body after its reference and more), after
#: "least developed countries", and one at the start of note 2's text (line 249, the body right after its reference).
IN_NOTES = (
    ("the least developed countries,", "the least developed countries{>>@CEPT (2018-10-02): which list?<<},"),
    ("[2:  https", "[2:  {>>@APT (2018-10-03): a link<<}https"),
)


def with_note_comments() -> str:
    """Doc 67's CriticMarkup with the comments of :data:`IN_NOTES` (each replacement checked to apply once)."""
    text = CRITIC.read_text(encoding="utf-8")
    for old, new in IN_NOTES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _load(name: str) -> itu_nb.Document:
    if name == "critic":
        return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
    if name == "final-acts":
        return itu_nb.load(FINAL_ACTS)
    if name == "note-comments":
        return itu_nb.load(with_note_comments(), author="Brazil", date="2018-09-10")
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
    "note-comments",
    "unheld",
    "two-bodies",
)
#: The inputs also audited annotated (not the three Doc 67 variants made for notes).
ANNOTATED = NAMES[:-3]


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

    Why the reader keeps it rather than reading it as the clause's change (so that this exception could go):
    in Word a paragraph's mark is a revision of its own (``w:pPr/w:rPr/w:ins``, ``w:del``), accepted or
    rejected apart from the text and carrying its own author and date, and LibreOffice lists it as a change of
    its own: ``lo-tracked-changes.docx`` holds one on the wholly deleted ``considering/b`` (Mexico,
    2018-09-11T10:00), which ``tests/test_issue17_limits.py`` matches to LibreOffice's .fodt. Dropping such a
    mark when it agrees with the text would change the tree of that loaded file (loaders must not), and the
    writer cannot leave the mark untracked: Reject All would then leave an empty paragraph. So through Word a
    wholly inserted or deleted clause gains its mark, an artefact that says what its runs say already.
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
            elif a.kind in ("comment", "footnote-comment", "paragraph-mark"):
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


#: The characters of context on each side of a mark that :func:`places` keeps.
CONTEXT = 12
#: The pieces of a line that is no node that are no text of it (a comment's text is its own).
_NO_TEXT = ("comment", "note-comment", "paragraph-mark")
#: The marks :func:`places` places: in a node, as artefacts; on a line that is no node, as pieces.
_PLACED = ("comment", "highlight", "footnote-body")
_LINE_PLACED = {
    "comment": "comment",
    "note-comment": "comment",
    "highlight-start": "highlight",
    "note-highlight-start": "highlight",
    "highlight-end": "highlight-end",
    "note-highlight-end": "highlight-end",
    "footnote-body": "footnote-body",
}


def _near(text: str, side: int) -> str:
    """:data:`CONTEXT` characters of ``text`` at its end (``side`` -1) or start (1), white space as one space (Word
    gives a label's separator back as a tab)."""
    text = re.sub(r"\s+", " ", text[-3 * CONTEXT :] if side < 0 else text[: 3 * CONTEXT])
    return text[-CONTEXT:] if side < 0 else text[:CONTEXT]


def places(doc: itu_nb.Document, bodies: bool = True) -> Counter:
    """The multiset of (kind, text before, text after) of the comments, highlights and note bodies of ``doc``, up
    to :data:`CONTEXT` characters each side: in a node, of its label and text (both views; a highlight's text
    after is what follows what it covers, a note body's is where the body stood in its line); on a line that is
    no node, of the line's text as the writers read it (:func:`~itu_nb.export.lines.line_pieces`: a highlight's
    start and end each placed, a note body's place among the line's texts, a highlight in it at its place in
    the body).
    """
    out: Counter = Counter()
    for p in doc:
        for n in p.walk():
            text = runs_text(n.label_runs + n.runs)
            for a in n.artefacts:
                if a.kind in _PLACED and (bodies or a.kind != "footnote-body"):
                    at = a.offset or 0
                    end = at + a.length if a.kind == "highlight" else at
                    out[(a.kind, _near(text[:at], -1), _near(text[end:], 1))] += 1
    lines: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        lines.setdefault(a.line, []).append(a)
    for arts in lines.values():
        if not any(a.kind in ("comment", "highlight", "footnote-body", "footnote-highlight") for a in arts):
            continue
        pieces = line_pieces(arts)
        texts = [pc.text if pc.kind not in _NO_TEXT else "" for pc in pieces]
        line = "".join(texts)
        at = 0
        for pc, t in zip(pieces, texts, strict=True):
            if pc.kind in _LINE_PLACED:
                out[(_LINE_PLACED[pc.kind], _near(line[:at], -1), _near(line[at:], 1))] += 1
            at += len(t)
    return out


def node_places(doc: itu_nb.Document) -> Counter:
    """(kind, text before, text after) of each comment and highlight in a node, in its node's label and text
    (as :func:`places`, a note's comments in their note): what HTML shows in the node's paragraph."""
    out: Counter = Counter()
    for p in doc:
        for n in p.walk():
            text = runs_text(n.label_runs + n.runs)
            for a in n.artefacts:
                if a.kind in ("comment", "highlight"):
                    at = a.offset or 0
                    end = at + a.length if a.kind == "highlight" else at
                    out[(a.kind, _near(text[:at], -1), _near(text[end:], 1))] += 1
    return out


def _html_places(tree) -> Counter:
    """(kind, text before, text after) of each comment and highlight shown in a node's paragraph (class
    ``node``), in the paragraph's text without the comments' and paragraph marks' own: a highlight drawn as a ``<mark>`` in the label
    and one in the text (one ``data-highlight`` number) placed once, from its first start to its last end."""
    out: Counter = Counter()
    for p in tree.iter("p"):
        if "node" not in (p.get("class") or "").split():
            continue
        flat: list[tuple[str | None, str, object]] = []

        def walk(el, flat=flat) -> None:
            classes = (el.get("class") or "").split() if el.tag == "span" else []
            if "comment" in classes:
                flat.append(("comment", "", None))
            elif "paragraph-mark" not in classes:  # (a paragraph mark's note is no text of the node)
                key = el.get("data-highlight") or id(el)
                flat.append(("start", "", key) if el.tag == "mark" else (None, el.text or "", None))
                if el.tag == "mark":
                    flat.append((None, el.text or "", None))
                for child in el:
                    walk(child)
                if el.tag == "mark":
                    flat.append(("end", "", key))
            flat.append((None, el.tail or "", None))

        flat.append((None, p.text or "", None))
        for child in p:
            walk(child)
        text = "".join(t for _, t, _ in flat)
        at, spans = 0, {}
        for kind, t, key in flat:
            if kind == "comment":
                out[("comment", _near(text[:at], -1), _near(text[at:], 1))] += 1
            elif kind == "start":
                spans.setdefault(key, [at, at])
            elif kind == "end":
                spans[key][1] = at
            at += len(t)
        for start, end in spans.values():
            out[("highlight", _near(text[:start], -1), _near(text[end:], 1))] += 1
    return out


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
    # and 3 (" https://www.itu.int/md/T17-SG03-R-0011/en", line 252: its text starts with a space), characters 2–6
    lit = [k[3] for k in marks(inputs["flattened+marks"]) if k[0] == "highlight"]
    assert "\tThe" in lit and "ttps" in lit


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("name", [*NAMES, *(n + "+marks" for n in ANNOTATED)])
def test_every_writer_keeps_every_mark_and_path(inputs, name, fmt):
    doc = inputs[name]
    back = round_trip(doc, fmt)
    assert paths(back) == paths(doc)
    want, got = marks(doc, fmt == "docx"), marks(back, fmt == "docx")
    assert got == want, (sorted((want - got).items())[:5], sorted((got - want).items())[:5])
    want, got = places(doc, fmt != "akn"), places(back, fmt != "akn")
    assert got == want, (sorted((want - got).items())[:5], sorted((got - want).items())[:5])


#: Two hops: each writer's output read back and written by another (or the same) writer, on the inputs whose
#: marks stand in notes and on lines that are no node.
TWO_HOPS = [
    (name, hops)
    for name in ("unheld", "two-bodies", "note-comments", "flattened+marks", "critic+marks", "lo-tracked-changes+marks")
    for hops in ((a, b) for a in WRITERS for b in WRITERS)
]


@pytest.mark.parametrize(("name", "hops"), TWO_HOPS, ids=[f"{n}-{'-'.join(h)}" for n, h in TWO_HOPS])
def test_two_hops_keep_every_mark_and_place(inputs, name, hops):
    doc = back = inputs[name]
    for fmt in hops:
        back = round_trip(back, fmt)
    word, bodies = "docx" in hops, "akn" not in hops
    assert paths(back) == paths(doc)
    want, got = marks(doc, word), marks(back, word)
    assert got == want, (sorted((want - got).items())[:5], sorted((got - want).items())[:5])
    want, got = places(doc, bodies), places(back, bodies)
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
    want, got = node_places(doc), _html_places(tree)
    assert got == want, (sorted((want - got).items())[:5], sorted((got - want).items())[:5])
