"""Labelled lines with changes take an item entry of their own (issue 19, session 14b).

A CriticMarkup or Word item with tracked changes is not a plain line: it used to go through ``add_line``'s
routing and ``_paragraph``'s general steps.  :func:`~itu_nb.parsing.changed.add_changed_item` now adds it
(Doc 67: 38 of its 40 such lines; the two others carry a footnote and keep the general steps).  Each test
builds a document twice, with the new entry and with it turned off (``general``: every such line through
``add_line``), and compares the trees, warnings and notes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import itu_nb
from itu_nb.loaders import docx as docx_loader
from itu_nb.parsing import _lines, changed, critic_lines
from itu_nb.parsing import document as document_module
from itu_nb.parsing.document import build_document

FIX = Path(__file__).parent / "fixtures"
CRITIC = FIX / "pp18-doc67-brazil.reconstructed.critic.md"
HEAD = "MOD\tX/1/1\nRESOLUTION 1\nTitle\n"


def shape(doc):
    return [
        (p.id, p.warnings, [(c.path, c.kind, c.label_runs, c.runs, c.notes, c.line, c.section) for c in p.walk()])
        for p in doc.proposals
    ]


def both(load, monkeypatch):
    """The document ``load()`` gives with the new entry, how many lines it took, and the document without it."""
    taken = []

    def counted(builder, line):
        got = changed.add_changed_item(builder, line)
        taken.append(got)
        return got

    monkeypatch.setattr(document_module, "add_changed_item", counted)
    fast = load()
    monkeypatch.setattr(document_module, "add_changed_item", lambda builder, line: False)
    return fast, sum(taken), load()


def test_doc_67_criticmarkup(monkeypatch):
    fast, n, general = both(lambda: itu_nb.load(CRITIC), monkeypatch)
    assert n == 38
    assert shape(fast) == shape(general)
    assert fast.proposals == general.proposals
    # critic.md lines 46-49 (1-based; Clause.line counts from 0), under "instructs the Secretary-General and the
    # Coordination Committee" (line 45): "1<TAB>in coordination …" (equal), "{++2<TAB>to coordinate …++}"
    # (inserted whole), "{--2--}{++3++}<TAB>in coordination …" (renumbered), "{++4<TAB>++}{--, including …"
    # (a label that exists only when amended), then "i)<TAB>…" under 4
    items = {c.line: c for p in fast.proposals for c in p.walk()}
    section = "instructs the Secretary-General and the Coordination Committee"
    assert [(items[k].path, items[k].label, items[k].label_original) for k in range(45, 50)] == [
        (f"{section}/1", "1", "1"),
        (f"{section}/2", "2", None),
        (f"{section}/3", "3", "2"),
        (f"{section}/4", "4", None),
        (f"{section}/4/i", "i)", "i)"),
    ]
    assert [r.op.name for r in items[47].label_runs] == ["DELETE", "INSERT", "EQUAL"]


def test_doc_67_docx(monkeypatch):
    data = (FIX / "pp18-doc67-brazil.pandoc.docx").read_bytes()
    fast, n, general = both(lambda: docx_loader.load_docx(data, "x"), monkeypatch)
    assert n == 38
    assert fast.proposals == general.proposals
    assert shape(fast) == shape(general)


LABELS = ["a)", "b)", "c)", "cb)", "h)", "i)", "ii)", "iii)", "1", "2", "23", "3", "•", "-", "1.1", "A)"]
ENDS = [";", ":", ",", ""]


def changed_line(rng: random.Random) -> str:
    label, body = rng.choice(LABELS), f"the text{rng.choice(ENDS)}"
    return rng.choice(
        [
            f"{label}\t{body}",  # plain
            f"{label}\tthe {{--old--}}{{++new++}} text{rng.choice(ENDS)}",  # a change in the body
            f"{{++{label}\t{body}++}}",  # inserted whole
            f"{{--{label}\t{body}--}}",  # deleted whole
            f"{{++{label}\t++}}{body}",  # a label inserted
            f"{{--{rng.choice(LABELS)}--}}{{++{label}++}}\t{body}",  # a label replaced
            f"{{~~{rng.choice(LABELS)}~>{label}~~}}\t{body}",  # a label substituted
            f"{label}\t{{==the==}}{{>>a comment<<}} {body}",  # a highlight and a comment (artefacts)
        ]
    )


@pytest.mark.parametrize("infer", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_random_lists_with_changes(seed, infer, monkeypatch):
    rng = random.Random(seed)
    items = [changed_line(rng) for _ in range(rng.randint(1, 30))]
    for _ in range(rng.randint(0, 2)):
        items.insert(rng.randint(0, len(items)), rng.choice(["A paragraph.", "{++An inserted paragraph.++}"]))
    text = HEAD + rng.choice(["considering\n", "resolves\n", "{++resolves++}\n"]) + "\n".join(items) + "\n"
    text += rng.choice(["", "Reasons:\t{++why++}\n{++a)\tnot an item++}\n"])

    def load():
        return build_document(_lines(critic_lines(text, "<t>", None, None), True), source="<t>", fmt="c", infer=infer)

    fast, _, general = both(load, monkeypatch)
    assert shape(fast) == shape(general)
    assert fast.proposals == general.proposals


# -- after a section line or paragraphs, the items on plain lines are read in the same call ------------------


SECTIONS = ["considering", "recognizing", "resolves", "instructs the Secretary-General", "noting further"]


def section_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 6)):
        lines.append(rng.choice(SECTIONS))
        for _ in range(rng.randint(0, 8)):
            lines.append(
                rng.choice(
                    [
                        f"{rng.choice(LABELS)}\tthe text{rng.choice(ENDS)}",
                        "A paragraph.",
                        "that the work goes on;",
                        f"{{++{rng.choice(LABELS)}\tinserted++}}",  # not plain: left to the general steps
                    ]
                )
            )
    return HEAD + "\n".join(lines) + "\n" + rng.choice(["", "Reasons:\tWhy.\n"])


@pytest.mark.parametrize("seed", range(40))
def test_items_after_sections_and_paragraphs(seed, monkeypatch):
    from test_text_fast_paths import routed_one_by_one

    text = section_text(random.Random(seed)).replace("{++", "").replace("++}", "")
    fast = build_document(text.split("\n"), source="<t>", fmt="text", infer=True).proposals[0]
    slow = routed_one_by_one(text)
    assert [(c.path, c.kind, c.label_runs, c.runs, c.notes, c.line) for c in fast.walk()] == [
        (c.path, c.kind, c.label_runs, c.runs, c.notes, c.line) for c in slow.walk()
    ]
    assert fast.warnings == slow.warnings
    # and as CriticMarkup, with lines inserted whole among them (the entry for changed lines, then the plain ones)
    text = section_text(random.Random(seed))

    def load():
        return build_document(_lines(critic_lines(text, "<t>", None, None), True), source="<t>", fmt="c", infer=True)

    fast_doc, _, general = both(load, monkeypatch)
    assert shape(fast_doc) == shape(general)


def test_a_section_line_hands_its_items_to_the_item_loop(monkeypatch):
    # "considering" then "a)": the item loop is entered from the paragraphs' call (presplit.add_paragraphs),
    # not after a return to build_document
    import sys

    from itu_nb.parsing.tree import ProposalBuilder

    callers = []
    add_items = ProposalBuilder.add_items

    def recorded(self, *args):
        callers.append(sys._getframe(1).f_code.co_name)
        return add_items(self, *args)

    monkeypatch.setattr(ProposalBuilder, "add_items", recorded)
    text = HEAD + "considering\na)\tone;\nb)\ttwo,\nA paragraph.\n1\tthree;\nresolves\n1\tfour\n"
    doc = build_document(text.split("\n"), source="<t>", fmt="text", infer=True)
    assert callers == ["add_paragraphs", "add_paragraphs", "add_paragraphs"]
    assert [c.path for c in doc.proposals[0].walk()][2:] == [
        "considering",
        "considering/a",
        "considering/b",
        "considering/p1",
        "considering/1",
        "resolves",
        "resolves/1",
    ]
