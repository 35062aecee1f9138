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
from bounds import bounded
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
    assert doc["Part VII"] is doc["part vii"] is doc["par-VII"]  # by target, as "Resolution 130"


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


# ----------------------------------------------------------------------------
# 2. operative headings run into items are sections
# ----------------------------------------------------------------------------
#: Every one-line operative section the converter ran into the last item of the section before it:
#: (text, the section's heading, how its one paragraph starts).  Found by searching the XML for the
#: operative verbs of itu_nb.parsing.keywords.OPERATIVE after ", ", "; " or ". " inside item text; each
#: read in the XML, where the item ends "…, <heading> to …" (e.g. res-130, line 7210: "… of the
#: Plenipotentiary Conference, requests the ITU Council to include the report of the Secretary-General …").
ONE_LINE_SECTIONS = [
    ("res-11", "instructs the Secretary-General, in cooperation with the Directors of the Bureaux", "to give due"),
    ("res-30", "encourages least developed countries, small island developing states, landlocked developing countries"
     " and countries with economies in transition", "to continue according high priority"),
    ("res-34", "calls upon Member States", "to offer all possible assistance"),
    ("res-41", "urges the ITU membership", "to assist the Secretary-General"),
    ("res-66", "instructs the Director of the Telecommunication Development Bureau", "to implement, as a priority"),
    ("res-71", "invites the Member States", "to contribute national and regional insights"),
    ("res-94", "resolves", "to express its warmest thanks"),
    ("res-101", "requests the ITU Telecommunication Standardization Sector", "to continue its collaborative"),
    ("res-101", "requests the three Sectors", "to continue to consider and update"),
    ("res-102", "invites Member States and Sector Members", "to seek the appropriate means"),
    ("res-123", "invites Member States and Sector Members", "to make voluntary contributions"),
    ("res-125", "instructs the Director of the Radiocommunication Bureau", "to ensure that ITU-R continues"),
    ("res-130", "requests the ITU Council", "to include the report of the Secretary-General"),
    ("res-131", "instructs the study groups of the ITU Telecommunication Development Sector", "to take into account"),
    ("res-135", "invites regional and international financial organizations and agencies, equipment providers,"
     " operators, and all potential partners", "to consider the possibility"),
    ("res-137", "invites regional and international financial organizations and agencies, equipment providers,"
     " operators, and all potential partners", "to consider the possibility"),
    ("res-139", "instructs the Director of the Radiocommunication Bureau", "to implement actions"),
    ("res-140", "instructs the Director of the Telecommunication Development Bureau", "to follow, as soon as possible"),
    ("res-146", "invites Member States and Sector Members", "to participate and contribute"),
    ("res-146", "invites the 2022 plenipotentiary conference", "to consider the EG-ITR report"),
    ("res-157", "further resolves", "to strengthen the project execution function"),  # see the test below
    ("res-160", "calls upon Member States", "to offer all possible assistance"),
    ("res-160", "invites the Plenipotentiary Conference", "to allocate the necessary funds"),
    ("res-160", "instructs the Director of the Telecommunication Development Bureau", "to implement fully"),
    ("res-167", "instructs the Directors of the Bureaux", "to continue taking action"),
    ("res-167", "instructs the Director of the Telecommunication Development Bureau", "to take all necessary measures"),
    ("res-169", "instructs the Director of the Telecommunication Standardization Bureau", "to continue to organize"),
    ("res-169", "instructs the Radiocommunication Assembly, the World Telecommunication Standardization Assembly and"
     " the World Telecommunication Development Conference", "to mandate their respective"),
    ("res-169", "invites ITU Member States", "to inform their academia"),
    ("res-176", "instructs the Director of the Telecommunication Standardization Bureau, in collaboration with the"
     " Director of the Radiocommunication Bureau and the Director of the Telecommunication Development Bureau",
     "to participate in the Electromagnetic"),
    ("res-177", "further invites Member States", "to contribute to the next radiocommunication assembly"),
    ("res-186", "instructs the Director of the Telecommunication Development Bureau", "to encourage all Member States"),
    ("res-186", "invites Member States and Sector Members", "to participate in the activities"),
    ("res-188", "further invites Member States and Sector Members", "to bear in mind"),
    ("res-197", "instructs the Director of the Radiocommunication Bureau", "to support work of the ITU-R"),
    ("res-198", "instructs the Directors of the three Bureaux", "to continue to explore"),
    ("res-200", "instructs the Directors of the Bureaux", "to report on the progress"),
    ("res-200", "instructs the Director of the Telecommunication Development Bureau", "to coordinate the collection"),
    ("res-200", "invites Sector Members, Associates and Academia", "to take an active role"),
    ("res-200", "invites all stakeholders", "to contribute with their initiatives"),
    ("res-203", "instructs the Director of the Telecommunication Development Bureau", "to continue to work closely"),
    ("res-203", "instructs the Director of the Radiocommunication Bureau and the Director of the Telecommunication"
     " Standardization Bureau", "to work in cooperation"),
    ("res-204", "instructs the relevant study groups of the ITU Telecommunication Development Sector",
     "to continue studies"),
    ("res-207", "instructs the Director of the Telecommunication Standardization Bureau", "to continue to lead"),
    ("res-209", "invites the ITU Member States", "to inform SMEs"),
    ("res-211", "resolves to instruct the Director of the Telecommunication Development Bureau, in coordination with"
     " the Directors of the other two Bureaux", "to provide the appropriate technical expertise"),
    ("res-212", "instructs the Member States Advisory Group", "to provide advice"),
    ("res-212", "encourages Member States and Sector Members", "to follow the example"),
    ("res-213", "instructs the Secretary-General and the Directors of the three Bureaux", "to prepare annually"),
]  # fmt: skip


def test_every_one_line_section_run_into_an_item_is_a_section(doc):
    found = [
        (p.id, s.body(), s.children[0].body())
        for p in doc
        for s in p.sections
        if any("(one line)" in note for note in s.notes)
    ]
    assert [(pid, heading) for pid, heading, _ in found] == [(pid, heading) for pid, heading, _ in ONE_LINE_SECTIONS]
    for (_, _, paragraph), (_, _, start) in zip(found, ONE_LINE_SECTIONS, strict=True):
        assert paragraph.startswith(start)


def test_resolution_130_requests_the_ITU_Council(doc):
    p = doc["Resolution 130"]
    sections = [s.path for s in p.sections]
    at = sections.index("requests the ITU Council")
    assert sections[at - 1 : at + 2] == [
        "instructs the Secretary-General",
        "requests the ITU Council",
        "invites Member States",
    ]
    assert (
        p["instructs the Secretary-General/2"].body().endswith("(Minneapolis, 1998) of the Plenipotentiary Conference,")
    )
    assert [c.path for c in p["requests the ITU Council"].children] == ["requests the ITU Council/p1"]
    assert p["requests the ITU Council/p1"].body() == (
        "to include the report of the Secretary-General in the documents sent to Member States in accordance with No. 81"
        " of the Convention,"
    )


def test_resolution_157_resolves_to_instruct_run_into_noting_d(doc):
    # line 10960 of the XML: noting d) "… at the regional and international levels, resolves to instruct the
    # Secretary-General, in close collaboration with the Director of the Telecommunication Development Bureau
    # 1 to implement …; 2 …; … 15 to clearly indicate …, further resolves to strengthen … by:" and then the
    # sub-items i)-iii) of "further resolves"
    p = doc["res-157"]
    heading = (
        "resolves to instruct the Secretary-General, in close collaboration with the Director of the"
        " Telecommunication Development Bureau"
    )
    assert [s.path for s in p.sections] == ["recalling", "recognizing", "noting", heading, "further resolves",
                                            "instructs the ITU Council"]  # fmt: skip
    assert [c.label for c in p[heading].children] == [str(k) for k in range(1, 16)]
    assert [c.label or c.path for c in p["further resolves"].children] == ["further resolves/p1", "i)", "ii)", "iii)"]
    assert p["further resolves/p1"].body().endswith("when executing projects by:")
    assert p["noting/d"].children == ()


#: What still reads like an operative section inside an item, and why it is left as the source has it.
LEFT_AS_IS = {
    # "…, instructs the Directors of the three Bureaux within their respective spheres of competence, to implement
    # this resolution…": the comma before "to" makes it no section line a reader would write
    ("res-64", "resolves/3"): "instructs the Directors of the three Bureaux within",
    # the words of the CEDAW committee quoted in a preamble item: "… General Recommendation No. 37, …, recommends that
    # States make sure women have access to technologies …"
    ("res-70", "recognizing further/d"): "recommends that States make sure",
    # "urges Member States Parties to the Tampere Convention to take …": which "to" ends the line is not regular
    ("res-136", "encourages Member States/12"): "urges Member States Parties to the Tampere Convention",
    # "expresses its warmest thanks and deepest gratitude to the Governments of Switzerland and Tunisia for …":
    # no "to" and a verb starts a paragraph
    ("res-140", "invites Member States, Sector Members, Associates and Academia/6"): "expresses its warmest thanks",
    # citations of other texts' sections: "… resolves 3 and further instructs the Director … thereof, on …"
    ("res-167", "recalling/f"): "further instructs the Director of the Telecommunication Development Bureau thereof",
    ("res-167", "recalling/g"): "instructs the Telecommunication Development Advisory Group thereof",
}


def test_what_is_left_inside_items_is_listed(doc):
    verbs = sorted({v.split()[0] for v in itu_nb.parsing.keywords.OPERATIVE} - {"further"})
    inside = re.compile(r"[,;.:]\s+((?:further\s+)?(?:" + "|".join(verbs) + r")\b)")
    left = {}
    for p in doc:
        if p.target.kind == "Part":
            continue
        for n in p.walk():
            m = inside.search(n.body()) if n.kind in (NodeKind.ITEM, NodeKind.PARAGRAPH) else None
            if m:
                left[(p.id, n.path)] = n.body()[m.start(1) :]
    assert sorted(left) == sorted(LEFT_AS_IS)
    assert all(left[key].startswith(start) for key, start in LEFT_AS_IS.items())


def test_a_heading_swallowed_after_a_full_stop_opens_its_section(doc):
    # res-133 instructs the ITU Council: "… and countries with economies in transition. invites Member States and
    # Sector Members" (a heading after a full stop, where the other swallowed headings follow a comma), then 1-3
    p = doc["res-133"]
    assert p["instructs the ITU Council/p1"].body().endswith("countries with economies in transition.")
    section = p["invites Member States and Sector Members"]
    assert [c.label for c in section.children] == ["1", "2", "3"]
    assert section.children[0].body().startswith("to take an active part in all international")


# ----------------------------------------------------------------------------
# 3. the structural check: what each text announces against what was read
# ----------------------------------------------------------------------------
def _flags(doc) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for p in doc:
        for n in p.walk():
            for note in n.notes:
                if note.startswith("check: "):
                    out.setdefault((p.id, n.path), []).append(note[len("check: ") :])
    return out


def test_the_check_flags_what_the_source_shows_wrong(doc):
    flags = _flags(doc)
    by_section: Counter = Counter((pid, path.split("/")[0]) for pid, path in flags)
    assert by_section == {
        # the annexes the converter ran into the last section of the text (XML lines 388, 2870, 4030, 16812:
        # "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)" … inside an item): the budget tables of decision 5, whose
        # "0" cells became items 0, 0, 0…; the strategic plan of resolution 71 (tables of objectives whose cells
        # "3", "5", "R.2 …" became items); the annexes' own lists 1-6 of resolution 48 and 1-5, 1-3, 1-5 of 208
        ("dec-5", "invites Member States"): 6,
        ("res-71", "invites Sector Members"): 68,
        ("res-48", "instructs the ITU Council"): 1,
        ("res-208", "invites Member States and Sector Members"): 3,
        # resolves 2 "… taking into consideration a) the outcome …," holds its first sub-item, so the list reads b)
        ("res-177", "resolves"): 1,
        # "… the loan indicated in recalling c) iv) above …": the converter took the cross-reference "c)" for a label
        ("res-212", "resolves"): 1,
    }
    assert flags[("res-48", "instructs the ITU Council/1#2")] == ["numbering: 1 follows 4, where 5 was expected"]
    assert flags[("res-177", "resolves/2/b")] == ["the list starts at b), not at a"]
    assert flags[("res-212", "resolves/2/c")] == ["the list starts at c), not at a"]
    assert doc["res-212"]["resolves/2"].body().endswith("the loan indicated in recalling")
    assert doc["res-177"]["resolves/2"].body().endswith("taking into consideration a) the outcome and effect that the"
                                                        " pilot conformity database may have on Member States, Sector"
                                                        " Members and stakeholders (e.g. other SDOs),")  # fmt: skip
    assert flags[("dec-5", "invites Member States/0")] == ["the list starts at 0, not at 1"]


def test_the_check_is_quiet_on_the_texts_read_right(doc):
    flagged = {pid for pid, _ in _flags(doc)}
    assert len([p for p in doc if p.target.kind != "Part" and p.id not in flagged]) == 58
    assert "res-130" not in flagged and "rec-7" not in flagged


def test_headings_missing_from_the_keywords_were_added(doc):
    # res-30 recognizing b) "… the principle of inclusiveness, having noted" and res-131 considering d) "… in the
    # field of telecommunications/ICTs, highlighting": headings swallowed at the end of an item, then a), b) …;
    # "having noted" and "highlighting" are now preamble keywords, so the items are theirs and no list restarts
    assert [c.label for c in doc["res-30"]["having noted"].children][:2] == ["a)", "b)"]
    assert doc["res-30"]["recognizing/b"].body().endswith("the principle of inclusiveness,")
    assert doc["res-131"]["highlighting"].children[0].body().startswith("the responsibilities that ITU-D had to")


def test_the_check_notes_a_gap(tmp_path):
    xml = FINAL_ACTS.read_text(encoding="utf-8")
    # Resolution 130's resolves: <num>3</num> becomes <num>5</num>, a gap the check must see
    at = xml.index("<p>that ITU shall focus resources and programmes on those national")
    start = xml.rindex("<num>3</num>", 0, at)
    edited = xml[:start] + "<num>5</num>" + xml[start + len("<num>3</num>") :]
    p = itu_nb.load(edited.encode("utf-8"))["res-130"]
    assert "check: numbering: 5 follows 2, where 3 was expected" in p["resolves/5"].notes
    assert "check: numbering: 4 follows 5, where 6 was expected" in p["resolves/4"].notes
    assert not any(note.startswith("check: ") for note in p["resolves/5#2"].notes)  # 5 after 4: as expected


# ----------------------------------------------------------------------------
# 4. the figures of notebook 04 (examples/04-conference-overview.ipynb), checked against the XML
# ----------------------------------------------------------------------------
_SKIP = {f"{AKN}{t}" for t in ("meta", "longTitle", "container", "formula", "intro", "heading", "num")}


def _xml_item_words(pid: str, stop: str | None = None) -> int:
    """Words of a statement's ``<p>`` outside its heading, title, formula, section headings and nums."""
    root = etree.parse(str(FINAL_ACTS)).getroot()
    number = next(n for n in root.iter(f"{AKN}FRBRnumber") if n.get("value") == pid)
    statement = next(a for a in number.iterancestors() if a.tag == f"{AKN}statement")
    words = 0
    for p in statement.iter(f"{AKN}p"):
        if any(a.tag in _SKIP for a in p.iterancestors()):
            continue
        text = " ".join(p.itertext())
        if stop is not None and stop in text:
            return words + len(text[: text.index(stop)].split())
        words += len(text.split())
    return words


@pytest.fixture(scope="module")
def sizes(doc):
    """The notebook's table: items and words per text (to_frame, items and paragraphs, parts left out)."""
    df = itu_nb.to_frame(doc)
    df["words"] = df["amended"].fillna("").str.split().str.len()
    texts = df[~df.proposal.str.startswith("par-") & df.kind.isin(["item", "paragraph"])]
    return texts.groupby("proposal").agg(items=("path", "size"), words=("words", "sum"))


def test_notebook_04_counts_the_texts_and_the_parts(doc, sizes):
    assert len(sizes) == 64  # "64 texts and 6 parts of the book"
    assert len([p for p in doc if p.target.kind == "Part"]) == 6
    assert (sizes["items"].sum(), sizes["words"].sum()) == (2698, 102128)


def test_notebook_04_longest_text_is_resolution_71(sizes):
    longest = sizes.sort_values("words", ascending=False)
    assert list(longest.index[:3]) == ["res-71", "res-130", "res-70"]
    # the XML: 14,406 words in res-71's paragraphs (its strategic plan annexes included, which the converter ran
    # into its last section); the table counts text, not labels or headings: less the 5 labels the loader took
    # from the text ("a) the …") and the 13 words of the 2 headings it cut out of items ("instructs the
    # Secretary-General and the Directors of the Bureaux", "invites the Member States")
    assert _xml_item_words("res-71") == 14406
    assert longest.loc["res-71", "words"] == 14406 - 5 - 13 == 14388


def test_notebook_04_recommendation_7_is_short_again(sizes):
    # was 18,362 words with Parts VI and VII in it; the XML up to "… informed in this regard." has 226 words
    # in its paragraphs, less the 4 labels taken from the text (taking into account a), considering a),
    # recommends 1, instructs the Secretary-General 1)
    assert _xml_item_words("rec-7", stop=" 489 PART VI") == 226
    assert sizes.loc["rec-7", "words"] == 226 - 4 == 222
    assert sizes.loc["rec-7", "items"] == 10


def test_notebook_04_declarations_by_language(doc):
    # grep -o "<p>Original: [A-Za-z]*" | sort | uniq -c on the XML: 60 English, 9 Spanish, 8 French, 4 Arabic,
    # 2 Russian, 1 Chinese
    languages = Counter(n.body().split()[1] for n in _declarations(doc))
    assert languages == {"English": 60, "Spanish": 9, "French": 8, "Arabic": 4, "Russian": 2, "Chinese": 1}


# ----------------------------------------------------------------------------
# hostile inputs for the repairs and the check: bounded (tests/bounds.py)
# ----------------------------------------------------------------------------
_HOSTILE = """
import itu_nb
def doc(body):
    return ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement><preface><longTitle>'
            '<p>RESOLUTION 1 (DUBAI, 2018)</p></longTitle></preface><mainBody><hcontainer name="resolves">'
            '<heading>resolves</heading>' + body + '</hcontainer></mainBody></statement></akomaNtoso>')
def item(text):
    return f"<paragraph><num>1</num><content><p>{text}</p></content></paragraph>"
"""


def test_thirty_thousand_one_line_sections_in_one_item_are_bounded():
    code = _HOSTILE + (
        "text = 'to do a thing' + ''.join(f', invites the Member States of group {chr(97 + k % 26) * 3} to do {k}'"
        " for k in range(30000)) + ','\n"
        "p = itu_nb.load(doc(item(text)))[0]\n"
        "print(len(p.sections), p.sections[-1].notes[-1] if p.sections[-1].notes else '')\n"
        "print([n for n in p.sections[0].notes if 'more than' in n])\n"
    )
    r = bounded(code, label="AKN: 30,000 one-line sections run into one item")
    assert r.within(), r
    # at most 100 sections are cut out of one section's items; the note says the rest is left
    assert r.stdout.splitlines()[0].startswith("101 ")
    assert "more than 100 sections run into these items" in r.stdout


def test_thirty_thousand_part_headings_in_one_item_are_bounded():
    code = _HOSTILE + (
        "text = 'to do a thing.' + ''.join(f\" PART {'I' * (1 + k % 3)} - HEADING For the Republic of X NAME\""
        " for k in range(30000))\n"
        "d = itu_nb.load(doc(item(text)))\n"
        "print([p.id for p in d], sum(1 for p in d for _ in p.walk()))\n"
    )
    r = bounded(code, label="AKN: 30,000 part headings run into one item")
    assert r.within(), r
    # parts are numbered in order: PART I, II, III once each; the other headings stay text of Part III
    assert r.stdout.strip() == "['res-1', 'par-I', 'par-II', 'par-III'] 30006"


def test_twenty_thousand_items_numbered_with_gaps_are_bounded():
    code = _HOSTILE + (
        "body = ''.join(f'<paragraph><num>{3 * k}</num><content><p>to do {k};</p></content></paragraph>'"
        " for k in range(1, 20001))\n"
        "p = itu_nb.load(doc(body))[0]\n"
        "print(sum(1 for n in p.walk() for note in n.notes if note.startswith('check: ')))\n"
    )
    r = bounded(code, label="AKN: structural check of 20,000 items numbered with gaps")
    assert r.within(), r
    assert r.stdout.strip() == "20000"  # the first starts at 3, not 1; each next one skips two numbers
