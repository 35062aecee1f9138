"""``to_html`` writes one ``<mark>`` per highlight (issue 17, session 12), read here with an HTML parser.

Before, each piece of a highlight (cut by a change or a comment) was its own ``<mark>``, so two highlights side by
side (``{==IC==}{==Ts==}``) gave the same HTML as one highlight over a change's edge.  Now a highlight is one
``<mark>`` around its changes and comments; one of no characters an empty ``<mark class="empty">``; one that runs
from the label into the text (two elements of the page) several ``<mark data-highlight="N">`` of one number.
Offsets and texts below are read off each CriticMarkup line by eye (``a)<TAB>`` is the label).
"""

from __future__ import annotations

import html.parser

import pytest
from conftest import CRITIC

import itu_nb

C = "{>>@Brazil (2018-09-10): check<<}"


class _Marks(html.parser.HTMLParser):
    """Per ``<mark>`` of the clause ``a)`` of considering: its attributes, its text, and the tags inside it."""

    def __init__(self, anchor: str):
        super().__init__()
        self.anchor = anchor
        self.inside = False  # in the clause's paragraph
        self.marks: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p":
            self.inside = a.get("id") == self.anchor
        if not self.inside:
            return
        for m in self.open:
            m["tags"].append(tag)
        if tag == "mark":
            m = {"class": a.get("class"), "n": a.get("data-highlight"), "text": "", "tags": []}
            self.marks.append(m)
            self.open.append(m)

    def handle_endtag(self, tag):
        if tag == "mark" and self.inside:
            self.open.pop()
        if tag == "p":
            self.inside = False

    def handle_data(self, data):
        for m in self.open:
            m["text"] += data


def _marks(line: str) -> list[tuple]:
    doc = itu_nb.load(f"considering\n{line}\n", author="Brazil", date="2018-09-10")
    parser = _Marks("c-text_2fconsidering_2fa")
    parser.feed(itu_nb.to_html(doc))
    assert not parser.open
    return [(m["class"], m["n"], m["text"], m["tags"]) for m in parser.marks]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("a)\tthat {==IC==}{==Ts==} matter", [(None, None, "IC", []), (None, None, "Ts", [])]),
        ("a)\tthat {==I==}{==C==}{==Ts==} matter", [(None, None, t, []) for t in ("I", "C", "Ts")]),
        # one highlight over a change: one element holding the <del> and the <ins>
        ("a)\tthat {==I{--C--}{++X++}Ts==} matter", [(None, None, "ICXTs", ["del", "ins"])]),
        # a comment inside: one element holding it (its text is the comment's, shown)
        ("a)\tthat {==IC" + C + "Ts==} matter", [(None, None, "IC[comment by Brazil, 2018-09-10: check]Ts", ["span"])]),
        # a comment between two: outside both
        ("a)\tthat {==IC==}" + C + "{==Ts==} matter", [(None, None, "IC", []), (None, None, "Ts", [])]),
        ("a)\tthat {====}ICTs matter", [("empty", None, "", [])]),
        ("a)\tthat {==ICTs==}{====} matter", [(None, None, "ICTs", []), ("empty", None, "", [])]),
        # from the label into the text: the label is a <span> of its own, so two elements of one number
        ("{==a)\tthat==} ICTs matter", [(None, "1", "a)\t", []), (None, "1", "that", [])]),
        (
            "{==a)\tthat==} {==ICTs==} matter",
            [(None, "1", "a)\t", []), (None, "1", "that", []), (None, None, "ICTs", [])],
        ),
    ],
)
def test_each_highlight_is_one_mark(line, want):
    assert _marks(line) == want


def test_two_highlights_side_by_side_are_two_marks_and_one_over_a_change_is_one():
    # the case the issue names: before, both lines gave <mark>IC</mark><mark>Ts</mark>-like pieces
    side = _marks("a)\tthat {==IC==}{==Ts==} matter")
    over = _marks("a)\tthat {==IC{++T++}s==} matter")
    assert [m[2] for m in side] == ["IC", "Ts"]
    assert [m[2] for m in over] == ["ICTs"]


def test_every_highlight_of_the_brazil_criticmarkup_is_one_mark():
    # the Brazil CriticMarkup fixture with highlights added over changes of B/67/4 (Res 130, its line 89: recalling
    # j), "on {--the --}{++facilitating ++}creation"), side by side with another: each is one <mark>
    text = CRITIC.read_text(encoding="utf-8")
    old = "on {--the --}{++facilitating ++}creation of national"
    lit = text.replace(old, "on {=={--the --}{++facilitating ++}creation==}{== of==} national", 1)
    assert old in text and lit != text
    doc = itu_nb.load(lit, format="criticmarkup")
    page = itu_nb.to_html(doc)
    highlights = sum(a.kind == "highlight" for p in doc for n in p.walk() for a in n.artefacts)
    assert page.count("<mark>") + page.count("<mark ") == highlights == 2
    assert "<mark><del" in page and "creation</mark><mark> of</mark> national" in page


def test_an_akn_file_of_the_old_writer_reads_one_highlight_per_piece_as_documented():
    # README, "Nothing lost": before 2026-12-04 00:36 UTC, to_akn wrote {==I{--C--}{++X++}Ts==} with one inline per
    # piece (git show cd2d5d1:itu_nb/export/akn.py, _runs); today's writer gives the same XML for four highlights
    # side by side, so the file is read as written: four highlights, every character still highlighted
    doc = itu_nb.load(
        "MOD\tX/1/1\n\nconsidering\na)\tthat {==I{--C--}{++X++}Ts==} matter\n", author="B", date="2018-09-10"
    )
    new = itu_nb.to_akn(doc)
    who = 'itu_nb:author="B" itu_nb:date="2018-09-10"'
    now = f'<inline name="highlight">I<del {who}>C</del><ins {who}>X</ins>Ts</inline>'
    old = (
        f'<inline name="highlight">I</inline><del {who}><inline name="highlight">C</inline></del>'
        f'<ins {who}><inline name="highlight">X</inline></ins><inline name="highlight">Ts</inline>'
    )
    assert now in new
    node = itu_nb.load(new.replace(now, old))[0]["considering/a"]
    text = "".join(r.text for r in node.label_runs + node.runs)
    assert text == "a)\tthat ICXTs matter"
    lit = [(text[a.offset : a.offset + a.length], a.op.name) for a in node.artefacts if a.kind == "highlight"]
    assert lit == [("I", "EQUAL"), ("C", "DELETE"), ("X", "INSERT"), ("Ts", "EQUAL")]
    assert [(a.offset, a.length) for a in itu_nb.load(new)[0]["considering/a"].artefacts] == [(8, 5)]  # today's: one
