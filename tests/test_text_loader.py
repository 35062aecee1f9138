"""The flattened PP-18 Brazil extraction (tests/fixtures/pp18-doc67-brazil.flattened.txt).

Every expected value below was read off the source file; line numbers are 1-based.
"""

from __future__ import annotations

from conftest import FLATTENED

import itu_nb
from itu_nb import NodeKind, Op


def test_five_proposals_with_actions_and_targets(flattened):
    # lines 1, 27, 60, 66, 213: "MOD\tB/67/1" … "ADD\tB/67/5"
    assert [(p.id, p.action) for p in flattened] == [
        ("B/67/1", "MOD"),
        ("B/67/2", "MOD"),
        ("B/67/3", "SUP"),
        ("B/67/4", "MOD"),
        ("B/67/5", "ADD"),
    ]
    targets = [(p.target.kind, p.target.number, p.target.revision) for p in flattened]
    assert targets == [
        ("Resolution", "14", "Rev. Antalya, 2006"),
        ("Resolution", "71", "Rev. Busan, 2014"),
        ("Resolution", "128", "Rev. Antalya, 2006"),
        ("Resolution", "130", "Rev. Busan, 2014"),
        ("Resolution", "[B-1]", None),  # "Draft New Resolution [B-1]", line 214
    ]
    # the revision each MOD proposes ("2006Dubai, 2018" run together on line 2)
    assert flattened["B/67/1"].target.new_revision == "Rev. Dubai, 2018"
    assert flattened.metadata == {"submitter_code": "B", "document": "67"}


def test_lookup_by_id_and_by_target(flattened):
    assert flattened["B/67/4"] is flattened["Resolution 130"]
    assert flattened[2].action == "SUP"


def test_titles(flattened):
    assert flattened["B/67/1"].title == "Recognition of the rights and obligations of all Sector Members of the Union"
    # line 29 "Strategic plan for the Union for 2016-20192020-2023": the later period is the new one
    assert flattened["B/67/2"].title == "Strategic plan for the Union for 2020-2023"
    assert flattened["B/67/2"].title_in("original") == "Strategic plan for the Union for 2016-2019"
    assert flattened["B/67/5"].title.startswith("International public policy issues concerning")


def test_reasons_are_complete(flattened):
    # line 23
    assert flattened["B/67/1"].reasons == (
        "Brazil proposes modifications to Resolutions 14 (Rev. Antalya, 2006) with the main objective "
        "of encouraging and facilitating the participation of ITU’s diverse membership in the many forums "
        "of discussion."
    )
    # B/67/5: lines 247-256, 8 paragraphs (two blank lines between them are not paragraphs);
    # the footnote marks [footnoteRef:2] / [2: https://…] are not part of the text
    reasons = flattened["B/67/5"].reasons.split("\n")
    assert len(reasons) == 8
    assert reasons[0].startswith("Some Over-The-Top (OTT) applications")
    assert reasons[2].endswith(
        "principles established by the World Summit on the Information Society (WSIS) be observed."
    )
    assert reasons[-1].endswith("multi-stakeholder Internet governance principles established by WSIS.")
    assert "footnote" not in flattened["B/67/5"].reasons
    # the page footer after the rule (lines 257-258) is a trailer artefact, not reasons text
    trailer = [a.text for a in flattened.artefacts if a.kind == "trailer"]
    assert any("www.itu.int/plenipotentiary/" in t for t in trailer)


def test_sup_proposal_has_heading_title_formula_reasons_only(flattened):
    kinds = [c.kind for c in flattened["B/67/3"].clauses]
    assert kinds == [NodeKind.HEADING, NodeKind.TITLE, NodeKind.FORMULA, NodeKind.REASONS]


def test_resolution_130_sections_in_order(flattened):
    # lines 70-210 of the source, each keyword line in turn
    assert [s.path for s in flattened["B/67/4"].sections] == [
        "recalling",
        "considering",
        "recognizing",
        "aware",
        "noting",
        "bearing in mind",
        "resolves",
        "instructs the Secretary-General and the Directors of the Bureaux",
        "instructs the Director of the Telecommunication Standardization Bureau",
        "instructs the Director of the Telecommunication Development Bureau",
        "further instructs the Director of the Telecommunication Standardization Bureau and the Director "
        "of the Telecommunication Development Bureau",
        "instructs the Secretary-General",
        "requests the Council",
        "invites Member States",  # line 202 "invites Member States " has a trailing space
        "invites Member States, Sector Members and Associates",
    ]


def _children(proposal, section):
    sec = proposal[section]
    return [n.path[len(section) + 1 :] for n in sec.walk() if n is not sec]


def test_resolution_130_every_item_in_its_place(flattened):
    p = flattened["B/67/4"]
    assert _children(p, "recalling") == list("abcdefghij") + ["j/fn1", "k"]
    # lines 93-105: a, b, cb, dc, ed, fe, gf, h, ig, jh, i, j, k: relettered items keep their new letter
    # as path; a second "b" (c → b next to the replaced b) gets "#2"
    assert _children(p, "considering") == ["a", "b", "b#2", "c", "d", "e", "f", "h", "g", "h#2", "i", "j", "k"]
    # lines 107-120: i) "notably:" has roman i) under it; j)-l) were inserted before ii)
    assert _children(p, "recognizing") == list("abcdefghi") + ["i/i", "j", "k", "l", "l/ii"]
    assert any("roman sub-item after l)" in w for w in p.warnings)
    assert _children(p, "resolves") == [str(i) for i in range(1, 9)]
    assert _children(p, "instructs the Director of the Telecommunication Standardization Bureau") == [
        "1", "1/i", "1/ii", "1/iii", "1/iii/bullet1", "1/iii/bullet2", "2",
    ]  # fmt: skip
    further = (
        "further instructs the Director of the Telecommunication Standardization Bureau and the Director of "
        "the Telecommunication Development Bureau"
    )
    # line 177 "each within the scope of their responsibilities:" is the section's qualifier
    assert _children(p, further) == ["p1"] + [str(i) for i in range(1, 13)]
    assert p[f"{further}/p1"].body() == "each within the scope of their responsibilities:"
    assert _children(p, "instructs the Secretary-General") == ["p1", "1", "2"]
    assert p["bearing in mind/p1"].label is None


def test_double_labels_are_inferred_relabels(flattened):
    p = flattened["B/67/4"]
    node = p["considering/b#2"]  # line 95 "cb)\tthat, with the application …"
    assert (node.label_original, node.label) == ("c)", "b)")
    assert node.relabelled
    assert all(r.inferred for r in node.label_runs if r.op is not Op.EQUAL)
    assert node.body().startswith("that, with the application and development of ICTs")
    assert p["aware/c"].label_original == "b)"  # line 123 "bc)"
    # B/67/2 line 49 "23\tin coordination …" after item 2: 2 renumbered 3
    item = flattened["B/67/2"]["instructs the Secretary-General and the Coordination Committee/3"]
    assert (item.label_original, item.label) == ("2", "3")
    # "10" after "9" (line 171) stays ten
    assert p["instructs the Director of the Telecommunication Development Bureau/10"].label == "10"
    # roman numerals are not double letters: "ii)" line 120
    assert p["recognizing/l/ii"].label_original == "ii)"


def test_run_together_citations_and_periods(flattened):
    p = flattened["B/67/4"]
    heading = p["heading"]  # line 67 "RESOLUTION 130 (Rev. Busan, 2014Dubai, 2018)"
    assert heading.body("original") == "RESOLUTION\xa0130 (Rev.\xa0Busan, 2014)"
    assert heading.body("amended") == "RESOLUTION\xa0130 (Rev.\xa0Dubai, 2018)"
    assert [(r.op, r.text, r.inferred) for r in heading.runs if r.op] == [
        (Op.DELETE, "Busan, 2014", True),
        (Op.INSERT, "Dubai, 2018", True),
    ]
    # line 89 "(Rev. Dubai, 2014Buenos Aires, 2017)"
    assert "(Rev.\xa0Buenos Aires, 2017)" in p["recalling/j"].body("amended")
    # B/67/2 resolves (line 42): insertion first, "2020-20232016-2019"
    resolves = flattened["B/67/2"]["resolves/p1"]
    assert "for 2016-2019, contained" in resolves.body("original")
    assert "for 2020-2023, contained" in resolves.body("amended")
    # "(Dubai, 2014Rev. Buenos Aires, 2017)" line 131: the whole citation changes
    aware_h = p["aware/h"]
    assert "(Dubai, 2014)" in aware_h.body("original")
    assert "(Rev. Buenos Aires, 2017)" in aware_h.body("amended")
    # nothing else is guessed: "technologiesCybersecurity" (line 68) stays as it is
    assert p.title.endswith("communication technologiesCybersecurity")
    assert not p["title"].changed


def test_artefacts_do_not_leak_but_are_kept(flattened):
    p = flattened["B/67/4"]
    all_text = p.text("original") + p.text("amended")
    assert "[bookmark" not in all_text and "[footnoteRef" not in all_text and "*****" not in all_text
    j = p["recalling/j"]  # line 89: footnote reference and body in the extraction
    assert [a.kind for a in j.artefacts] == ["footnote-ref", "footnote-body"]
    assert j.body().rstrip().endswith("particularly for developing countries, and cooperation between them;")
    fn = j.footnotes[0]
    assert fn.label == "1"
    assert fn.body() == (
        "These include the least developed countries, small island developing states, landlocked developing "
        "countries and countries with economies in transition."
    )
    bookmarks = [a.text for n in flattened["B/67/1"].walk() for a in n.artefacts if a.kind == "bookmark"]
    assert bookmarks == ["[bookmark: _Toc164569702]", "[bookmark: _Toc414236942]", "[bookmark: _Toc164569703]"]


def test_bare_tab_bullets_and_glyph_bullets(flattened):
    p = flattened["B/67/2"]  # lines 54-55: bullets that are only a TAB
    assert p["invites the Member States/bullet1"].label == ""
    assert p["invites the Member States/bullet1"].body().startswith("strengthen the effectiveness")
    b1 = flattened["B/67/5"]  # lines 218-219: "•\t…" under recalling a)
    assert b1["recalling/a/bullet2"].label == "•"


def test_cyrillic_labels_read_as_latin(flattened):
    p = flattened["B/67/5"]  # line 236 "а)" and 238 "с)" are Cyrillic in the original
    node = p["recognizing further/a"]
    assert node.label == "a)"
    assert node.label_runs[0].text.startswith("\u0430")  # the runs keep the character as written
    assert p["recognizing further/c"].label == "c)"
    # recognizing skips d) (line 230-232): kept as written, not renumbered
    assert [c.label for c in p["recognizing"].children] == ["a)", "b)", "c)", "e)", "f)"]


def test_source_is_rebuilt_byte_for_byte():
    data = FLATTENED.read_text(encoding="utf-8")
    doc = itu_nb.load(FLATTENED)
    assert doc.source_text() == data


def test_text_view_is_one_paragraph_per_line_with_label_tab(flattened):
    lines = flattened["B/67/1"].text("original").split("\n")
    assert lines[0] == "RESOLUTION 14 (Rev. Antalya, 2006)"
    assert lines[3] == "considering"
    assert (
        lines[4]
        == "a)\tthat the rights and obligations of Member States and Sector Members of the Union are set out in Article 3 of the ITU Constitution;"
    )
    assert lines[-1].startswith("Reasons:\tBrazil proposes modifications")


def test_infer_can_be_switched_off():
    doc = itu_nb.load(FLATTENED, infer=False)
    assert not doc["B/67/4"].changed
    assert doc["B/67/4"]["heading"].body() == "RESOLUTION\xa0130 (Rev.\xa0Busan, 2014Dubai, 2018)"
