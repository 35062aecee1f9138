"""The text parser's fast paths give what the general steps give (issue 19).

``shaped_lines`` finds the lines where inference may find something with ``bytes.translate`` and
``bytes.find`` instead of a regex search through the text: it must name exactly the lines that the
search for ``MAYBE_SHAPES`` names (the parser reads those lines' runs; the others as strings).  The
item fast path (``ProposalBuilder.add_item``) must build the tree the general routing builds: the
same lines given to ``add_line`` one by one, with the item fast path (``_plain_item``) turned off so that
every item takes the general steps of ``_paragraph``, give the same clauses, notes and warnings.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fingerprint import generated_text

import itu_nb
from itu_nb.parsing.document import build_document
from itu_nb.parsing.infer import MAYBE_SHAPES, shaped_lines
from itu_nb.parsing.tree import ProposalBuilder, SourceLine

FIX = Path(__file__).parent / "fixtures"
BRAZIL_TEXT = (FIX / "pp18-doc67-brazil.flattened.txt").read_text(encoding="utf-8-sig")


def searched_lines(text: str) -> set[int]:
    """The lines holding the start of a MAYBE_SHAPES match, searched line after line as the parser did."""
    found: set[int] = set()
    m = MAYBE_SHAPES.search(text)
    while m:
        line = text.count("\n", 0, m.start())
        found.add(line)
        end = text.find("\n", m.start())
        if end < 0:
            break
        m = MAYBE_SHAPES.search(text, end)
    return found


def test_shaped_lines_of_the_brazil_text():
    # the flattened Doc 67 runs citations and periods together ("(Busan, 2014Dubai, 2018)",
    # "2016-20192020-2023"): the lines holding them are among those found
    got = shaped_lines(BRAZIL_TEXT)
    assert got == searched_lines(BRAZIL_TEXT)
    lines = BRAZIL_TEXT.split("\n")
    assert any("2014Dubai" in lines[i] for i in got)
    assert all(i in got for i, line in enumerate(lines) if "2014Dubai" in line or "20192020" in line)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no digit at all\n",
        "(Busan, 2014Dubai, 2018)\nplain\n",
        "2016-20192020-2023",
        "a line\n12345678 eight digits\nnext",
        "1234567 seven digits only\n",
        "the year 2018 Dubai\n",  # a space between: no shape
        "Arabic-Indic digit \u0663A\n",  # a decimal digit that is not ASCII: the regex is asked
        "a quote ’S and é2A\n",  # other non-ASCII characters: the bytes path
        "lone surrogate \ud800 then 9Z\n",
    ],
)
def test_shaped_lines_as_the_regex(text):
    assert shaped_lines(text) == searched_lines(text)


def test_shaped_lines_random_texts():
    rng = random.Random(19)
    alphabet = "0123456789AZaz -\u2011\u2013\n’é\u0663\ud800"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert shaped_lines(text) == searched_lines(text), repr(text)


def general_lines(text: str) -> list[SourceLine]:
    return [SourceLine.plain(no, line) for no, line in enumerate(text.split("\n"))]


class GeneralSteps(ProposalBuilder):
    """A builder whose items all take the general steps of ``_paragraph``."""

    def _plain_item(self, container, line, text, n):
        return False


def routed_one_by_one(text: str):
    """The proposal built by handing every line after the marker to ``add_line`` (no fast path)."""
    lines = general_lines(text)
    builder = GeneralSteps("MOD", "X/1/1", True)
    for line in lines[1:]:
        if line.main.strip():
            builder.add_line(line)
    return builder.build()


@pytest.mark.parametrize(
    "text",
    [
        generated_text(),  # 10,000 items lettered a) to z) again and again, nested i) ii)
        # numbers, one renumbered by inference ("23" after 2), bullets, a roman list under a colon
        "MOD\tX/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n1\tone;\n2\ttwo:\n"
        "i)\tsub one;\nii)\tsub two;\n23\tthree;\n•\tbullet\n-\tdash\n•\tbullet again\n",
        # "cb)" relettered by inference, h) then i) continuing the letters
        "MOD\tX/1/1\nRESOLUTION 1\nTitle\nconsidering\na)\tone;\ncb)\ttwo;\nd)\tthree;\nh)\tfour;\ni)\tfive;\n",
    ],
)
def test_item_fast_path_builds_the_same_tree(text):
    fast = build_document(general_lines(text), source="<t>", fmt="text", infer=True).proposals[0]
    slow = routed_one_by_one(text)
    assert [(c.path, c.kind, c.label_runs, c.runs, c.notes) for c in fast.walk()] == [
        (c.path, c.kind, c.label_runs, c.runs, c.notes) for c in slow.walk()
    ]
    assert fast.warnings == slow.warnings


SIBLING_TEXTS = [
    generated_text(),
    "MOD\tX/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n1\tone;\n2\ttwo:\n"
    "i)\tsub one;\nii)\tsub two;\n23\tthree;\n•\tbullet\n-\tdash\n•\tbullet again\n",
    "MOD\tX/1/1\nRESOLUTION 1\nTitle\nconsidering\na)\tone;\ncb)\ttwo;\nd)\tthree;\nh)\tfour;\ni)\tfive;\n",
    # h) introducing sub-items: i) ii) are roman under it, then j) continues the letters; v) after u) is a letter
    "MOD\tX/1/1\nRESOLUTION 1\nTitle\nconsidering\ng)\tone;\nh)\tfour:\ni)\tsub;\nii)\tsub;\nj)\tfive;\n"
    "u)\tsix;\nv)\tseven;\nw)\teight;\nx)\tnine;\na)\tagain;\na)\tand again;\n",
    # a paragraph closes the open lists; numbers, one repeated, one after a gap; a bullet list under an item
    "MOD\tX/1/1\nRESOLUTION 1\nTitle\nresolves\n1\tone;\n2\ttwo;\n2\ttwo again;\n5\tfive:\n•\tb1\n•\tb2\n"
    "A paragraph.\n1\tone;\n2\ttwo;\ninstructs\n1\tone;\n1.1\tone one;\n1.2\tone two;\n2\ttwo;\n",
]


@pytest.mark.parametrize("text", SIBLING_TEXTS)
def test_sibling_items_read_from_text_lines_build_the_same_tree(text):
    # the text parser gives build_document its plain lines as strings: runs of sibling items are then read by
    # ProposalBuilder._siblings, each item frozen as the next one comes; the tree must be the general steps' one
    fast = build_document(text.split("\n"), source="<t>", fmt="text", infer=True).proposals[0]
    slow = routed_one_by_one(text)
    assert [(c.path, c.kind, c.label_runs, c.runs, c.notes, c.line, len(c.children)) for c in fast.walk()] == [
        (c.path, c.kind, c.label_runs, c.runs, c.notes, c.line, len(c.children)) for c in slow.walk()
    ]
    assert fast.warnings == slow.warnings


def test_sibling_items_paths_through_load():
    # expected values read off the text: a) to c), a paragraph, a) again (a#2 among the section's children),
    # and the i) under b) (which ends with a colon) a roman sub-item, not a letter continuing h)
    doc = itu_nb.load(
        "MOD\tX/1/1\nRESOLUTION 1\nTitle\nconsidering\na)\tone;\nb)\ttwo:\ni)\tsub;\nc)\tthree;\n"
        "A paragraph.\na)\tagain;\n",
        format="text",
    )
    paths = [c.path for c in doc[0].walk() if c.kind.value == "item"]
    assert paths == ["considering/a", "considering/b", "considering/b/i", "considering/c", "considering/a#2"]


def test_relettered_and_renumbered_items_through_load():
    # expected values read off the texts above: "cb)" is c) relettered b); "23" after item 2 is 2 renumbered 3
    doc = itu_nb.load("MOD\tX/1/1\nRESOLUTION 1\nTitle\nconsidering\na)\tone;\ncb)\ttwo;\n", format="text")
    node = doc[0]["considering/b"]
    assert (node.label_original, node.label) == ("c)", "b)")
    doc = itu_nb.load("MOD\tX/1/1\nRESOLUTION 1\nTitle\nresolves\n1\tone;\n2\ttwo;\n23\tthree;\n", format="text")
    node = doc[0]["resolves/3"]
    assert (node.label_original, node.label) == ("2", "3")
    assert node.notes == ("label 23 read as 2 renumbered 3",)


def test_citations_and_periods_found_at_their_junctions_as_finditer_finds_them():
    # infer._citations / _periods try CITATION and PERIOD only at a digit run into a capital and at a dash
    # before eight digits: the same matches as finditer over the whole line, on every line of the Brazil text
    # (its "(Busan, 2014Dubai, 2018)" and "2016-20192020-2023") and on generated lines mixing the shapes' parts
    from itu_nb.parsing import infer

    rng = random.Random(19)
    parts = ["(", "Rev. ", "Rev.\xa0", "Dubai, 2018", "Busan, 2014", "Buenos Aires, 2017", "2016-2019", "2020‑2023",
             " ", ",", "\t", "x", "Z", "1", "\u0663", "-", ")", ";", "aA"]  # fmt: skip
    lines = BRAZIL_TEXT.split("\n") + [
        "".join(rng.choice(parts) for _ in range(rng.randint(0, 12))) for _ in range(3000)
    ]
    found = 0
    for line in lines:
        assert [m.span() for m in infer._citations(line)] == [m.span() for m in infer.CITATION.finditer(line)], line
        assert [m.span() for m in infer._periods(line)] == [m.span() for m in infer.PERIOD.finditer(line)], line
        found += len(infer._citations(line)) + len(infer._periods(line))
    assert found > 100
