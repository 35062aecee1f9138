"""The search for Final Acts part headings run into a text (``akn_parts._headings``) finds what the regex finds.

The search tries the regex only near each "PART" (issue 19: the regex, which starts with white space, was
tried at every character of the 10 kB items holding the parts); it must give the matches of
``_PART_IN.finditer`` exactly: same places, same groups, from any starting place.
"""

from __future__ import annotations

import random
from pathlib import Path

from lxml import etree

import itu_nb
from itu_nb.loaders.akn_parts import _PART_IN, _headings

FINAL_ACTS = Path(__file__).parent / "fixtures" / "pp18-final-acts.akn.xml"


def _found(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _heading_like(rng: random.Random) -> str:
    """Text near a part heading: page numbers, white space of several kinds (NBSP, EM SPACE, an Arabic-Indic
    digit, which ``\\d`` reads as a digit), numerals, dashes and capitals, whole or broken."""
    space = rng.choice([" ", "  ", "\xa0", "\n", "\u2003", ""])
    if rng.random() < 0.5:
        return (
            rng.choice(["", "489", "1", "12345", "\u0663"])
            + space
            + "PART"
            + rng.choice([" ", "\xa0", ""])
            + rng.choice(["VI", "VII", "IIII", "X", "", "IVXIVXI"])
            + rng.choice([" ", "\n", ""])
            + rng.choice(["-", "", "--"])
            + rng.choice([" ", ""])
            + rng.choice(["SIGNATORIES", "A", "DECLARATIONS, AND RESERVATIONS", "S", "a"])
            + rng.choice(["", " (x)", "(y (z))", " 499", " 12345"])
        )
    return rng.choice(["text", "a.", "PART", "PARTS", "x", "1", "489", "(", ")", " ", "\xa0", "\n"])


def test_generated_texts_give_the_regex_matches_from_any_place():
    rng = random.Random(15)
    with_match = 0
    for _ in range(20000):
        text = "".join(_heading_like(rng) + rng.choice([" ", "\n", "\xa0", ""]) for _ in range(rng.randint(0, 6)))
        for pos in (0, rng.randint(0, len(text))):
            expected = _found(_PART_IN.finditer(text, pos))
            assert _found(_headings(text, pos)) == expected, (text, pos)
            with_match += bool(expected)
    assert with_match > 400, with_match  # 516 with this seed: the generator makes headings, not only near misses


def test_every_text_of_the_final_acts_gives_the_regex_matches():
    root = etree.parse(str(FINAL_ACTS)).getroot()
    texts = ["".join(p.itertext()) for p in root.iter("{*}p")]
    texts.append(" ".join(texts))  # the whole book in one text: every heading, in order
    for text in texts:
        assert _found(_headings(text)) == _found(_PART_IN.finditer(text))
    # the six headings as the source prints them (grep "PART [IVX]* - " in the file), page numbers included
    assert [m.group(1) for m in _headings(texts[-1])] == [
        "PART II - DECISION ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018)",
        "PART III - RESOLUTIONS",
        "481 PART IV - LIST OF RESOLUTIONS ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018)",
        "PART V - RECOMMENDATION",
        "489 PART VI - SIGNATORIES",
        "PART VII - DECLARATIONS 499",
    ]


def test_the_final_acts_parts_are_still_cut_out():
    # the six parts of the PP-18 Final Acts that the converter ran into texts (pp18-final-acts.akn.xml, lines
    # 602, 17790 and 17916: "PART II - DECISION ABROGATED …", "481 PART IV - LIST OF RESOLUTIONS …", "489 PART VI -
    # SIGNATORIES"), each a bare text of its own with its heading as printed (a page number on either side)
    doc = itu_nb.load(FINAL_ACTS)
    parts = {p.id: p.clauses[0].body() for p in doc.proposals if p.id.startswith("par-")}
    assert list(parts) == ["par-II", "par-III", "par-IV", "par-V", "par-VI", "par-VII"]
    assert parts["par-VI"] == "489 PART VI - SIGNATORIES"
    assert parts["par-VII"] == "PART VII - DECLARATIONS 499"
    assert parts["par-III"] == "PART III - RESOLUTIONS"
