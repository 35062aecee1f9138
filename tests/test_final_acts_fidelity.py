"""The PP-18 Final Acts as loaded say what the printed book says (issue 18, item 4).

Source: ``tests/fixtures/pp18-final-acts.akn.xml``, read by eye.  The converter ran the parts of
the book that are no resolution into the texts before them:

- Decision 11, *decides*: a ``<num>18</num>`` (the printed page) holding "PART II - DECISION ABROGATED
  BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018) DECISION 13 (BUSAN, 2014) Monitoring mechanism on
  ITU programmes and projects PART III - RESOLUTIONS" (XML line 602);
- Resolution 213, *urges Member States*: "… eligible for fellowships. 481 PART IV - LIST OF RESOLUTIONS
  ABROGATED … RESOLUTION 202 (BUSAN, 2014) Using information … Ebola virus transmission PART V -
  RECOMMENDATION" (line 17790);
- Recommendation 7, *instructs the Secretary-General* 2: "… informed in this regard. 489 PART VI -
  SIGNATORIES The undersigned plenipotentiaries … 500 D - 1" (line 17916), then the 84 declarations
  as paragraphs of the same section, each opening "Original: <language> For <country>:", down to
  declaration 84 (Angola), whose item 3 runs into the back cover ("International Telecommunication
  Union Sales and Marketing Division … 4 2 3 2 4", line 18924).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import FINAL_ACTS
from lxml import etree

import itu_nb
from itu_nb import NodeKind

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.fixture(scope="module")
def doc():
    return itu_nb.load(FINAL_ACTS)


def _words_of_the_xml() -> Counter:
    """Every word under the statements, outside ``meta``, as the XML has it."""
    root = etree.parse(str(FINAL_ACTS)).getroot()
    words: Counter = Counter()
    for statement in root.iter(f"{AKN}statement"):
        for el in statement.iter():
            if el.tag == f"{AKN}meta" or any(a.tag == f"{AKN}meta" for a in el.iterancestors()):
                continue
            for text in (el.text, el.tail) if el is not statement else (el.text,):
                words.update((text or "").split())
    return words


def _declarations(doc):
    """Part VII's declarations: the items whose text opens with the original language."""
    return [n for n in doc["par-VII"].clauses if n.kind is NodeKind.ITEM and n.body().startswith("Original:")]


# ----------------------------------------------------------------------------
# 1. the parts of the book are parts of the Document
# ----------------------------------------------------------------------------
def test_the_parts_of_the_book_follow_the_texts_they_were_run_into(doc):
    ids = [p.id for p in doc]
    assert len(ids) == 70  # 64 texts and Parts II-VII
    assert ids[:4] == ["dec-5", "dec-11", "par-II", "par-III"]
    assert ids[-6:] == ["res-213", "par-IV", "par-V", "rec-7", "par-VI", "par-VII"]
    headings = {p.id: p["heading"].body() for p in doc if p.target.kind == "Part"}
    assert headings == {  # as printed, with the page number the converter kept beside each
        "par-II": "18 PART II - DECISION ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018)",
        "par-III": "PART III - RESOLUTIONS",
        "par-IV": "481 PART IV - LIST OF RESOLUTIONS ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018)",
        "par-V": "PART V - RECOMMENDATION",
        "par-VI": "489 PART VI - SIGNATORIES",
        "par-VII": "PART VII - DECLARATIONS 499",
    }
    assert doc["par-VII"].target == itu_nb.Target("Part", "VII")


def test_every_word_of_the_xml_is_in_some_part(doc):
    words: Counter = Counter()
    for p in doc:
        for n in p.walk():
            words.update(n.source_line().split())
    assert words == _words_of_the_xml()


def test_recommendation_7_ends_where_its_text_ends(doc):
    rec = doc["Recommendation 7"]
    last = rec["instructs the Secretary-General/2"]
    assert (
        last.body() == "to make appropriate administrative arrangements to keep Member States informed in this regard."
    )
    assert [n.path for n in rec.walk()][-1] == "instructs the Secretary-General/2"
    assert "Part(s) VI, VII" in last.notes[-1]
    # 270 words: heading, title, formula, 3 preamble and 2 operative sections, 9 items and a paragraph
    assert sum(len(n.source_line().split()) for n in rec.walk()) == 270


def test_decision_11_and_resolution_213_end_where_their_texts_end(doc):
    assert [c.label for c in doc["dec-11"]["decides"].children][-1] == "13"  # the "18" was a page number
    assert doc["dec-11"]["decides/13"].body().endswith("for the next period.")
    urges = doc["res-213"]["urges Member States/p1"]
    assert urges.body().endswith("delegates eligible for fellowships.")
    assert [n.path for n in doc["res-213"].walk()][-1] == "urges Member States/p1"


def test_resolutions_abrogated_are_listed_in_part_iv(doc):
    listed = [n.body() for n in doc["par-IV"].clauses[1:]]
    assert len(listed) == 10  # the ten of the printed list, RESOLUTION 36 to RESOLUTION 202
    assert listed[0].startswith("RESOLUTION 36 (REV. GUADALAJARA, 2010) Telecommunications/information")
    assert listed[3] == (
        "RESOLUTION 128 (REV. ANTALYA, 2006) Support for the Agenda for Connectivity in the Americas and Quito"
        " Action Plan 482"
    )
    assert (
        doc["par-II"]["title"].body() == "DECISION 13 (BUSAN, 2014) Monitoring mechanism on ITU programmes and projects"
    )


def test_signatories_one_paragraph_each(doc):
    part = doc["par-VI"]
    assert part.title.startswith("The undersigned plenipotentiaries have signed the original of the Final Acts")
    signed = [n.body() for n in part.clauses if n.kind is NodeKind.PARAGRAPH]
    # 145 delegations: the XML has 145 "For (the) <Capital>" between PART VI and PART VII
    assert len(signed) == 145
    assert signed[0] == "For the Republic of Albania ERMAL DREDHA"
    assert signed[-1] == "For the Republic of Zimbabwe SAMUEL KUNDISHORA"


def test_84_declarations_numbered_in_order_with_their_country(doc):
    decl = _declarations(doc)
    assert [n.label for n in decl] == [str(k) for k in range(1, 85)]
    by = {n.label: re.match(r"Original: (\w+) For (.*?):", n.body()).groups() for n in decl}
    assert by["1"] == ("English", "Georgia")
    assert by["12"] == ("English", "the Islamic Republic of Iran")  # "12" then "Original: English For the Islamic…"
    assert by["14"] == ("Spanish", "the Argentine Republic")
    assert by["84"] == ("English", "the Republic of Angola")
    assert doc["par-VII"]["12"] is decl[11]
    # a declaration's own items follow it, as the text parser places a list of numbers
    iran = [n.path for n in doc["par-VII"].clauses]
    at = iran.index("12")
    assert [doc["par-VII"][p].label for p in iran[at + 1 : at + 7]] == ["1", "2", "3", "4", "5", "6"]


def test_the_back_cover_is_the_last_paragraph(doc):
    part = doc["par-VII"]
    cover = part.clauses[-1]
    assert cover.kind is NodeKind.PARAGRAPH
    assert cover.body().startswith("International Telecommunication Union Sales and Marketing Division")
    assert cover.body().endswith("ISBN 978-92-61-27151-0 SAP id 9 789261 271510 4 2 3 2 4")
    angola = part.clauses[-2]
    assert angola.label == "3" and angola.body().endswith("held in Dubai, United Arab Emirates.")
