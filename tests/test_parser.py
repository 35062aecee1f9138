"""The parser, construct by construct, on small texts shaped like real ITU documents."""

from __future__ import annotations

import itu_nb
from itu_nb import NodeKind

SENEGAL = """Document 56-E
24 July 2002
Original: French
PLENIPOTENTIARY CONFERENCE (PP-02)
PLENARY MEETING
Senegal (Republic of)
PROPOSALS FOR THE WORK OF THE CONFERENCE
SEN/56/1
ADD
DRAFT RESOLUTION [SEN-1]
Telecentres
The Plenipotentiary Conference of the International Telecommunication Union (Marrakesh, 2002),
considering
a)\tthat telecentres exist;
b)\tthat they help,
instructs the Secretary-General, in consultation and collaboration with the Directors of the three Bureaux
1\tto study:
1.1\tthe costs;
1.2\tthe benefits;
2\tto report.
ANNEX 1 TO RESOLUTION [SEN-1]
Terms of reference
1\tScope
1.1\tThe group shall meet.
Reasons:\tTelecentres matter.
Second paragraph of reasons.
"""


def test_marker_on_two_lines_id_first_and_header_metadata():
    doc = itu_nb.load(SENEGAL)
    (p,) = doc.proposals
    assert (p.id, p.action, p.target.number, p.title) == ("SEN/56/1", "ADD", "[SEN-1]", "Telecentres")
    assert doc.metadata == {
        "document": "56",
        "date": "24 July 2002",
        "original_language": "French",
        "conference": "PLENIPOTENTIARY CONFERENCE (PP-02)",
        "submitter": "Senegal (Republic of)",
        "submitter_code": "SEN",
    }
    assert [a.kind for a in doc.artefacts if a.line < 9] == ["header"] * 7 + ["marker", "marker"]


def test_addressee_with_comma_decimal_items_and_annex():
    p = itu_nb.load(SENEGAL)[0]
    sec = "instructs the Secretary-General, in consultation and collaboration with the Directors of the three Bureaux"
    assert p[f"{sec}/1/1.2"].body() == "the benefits;"
    assert p[f"{sec}/2"].label == "2"
    annex = p["annex 1"]
    assert annex.kind is NodeKind.ANNEX
    assert [c.path for c in annex.walk()] == ["annex 1", "annex 1/p1", "annex 1/1", "annex 1/1/1.1"]
    assert p.reasons == "Telecentres matter.\nSecond paragraph of reasons."


def test_marker_action_first_on_two_lines():
    doc = itu_nb.load("ARB/79A1/9\n\nMOD\nRESOLUTION 71 (Rev. Busan, 2014)\nTitle\nresolves\nto do.\n")
    # a blank line between id and action is not allowed by ITU practice; the id stays header text
    assert doc[0].action is None
    doc = itu_nb.load("MOD\nARB/79A1/9\nRESOLUTION 71 (Rev. Busan, 2014)\nTitle\nresolves\nto do.\n")
    assert (doc[0].id, doc[0].action) == ("ARB/79A1/9", "MOD")


def test_bare_text_is_one_proposal_without_action():
    text = "RESOLUTION 130 (REV. DUBAI, 2018)\nStrengthening\nThe Plenipotentiary Conference (Dubai, 2018),\nresolves\n1\tto continue;\n2\tto give,\n"
    doc = itu_nb.load(text)
    (p,) = doc.proposals
    assert (p.id, p.action) == ("res-130", None)
    assert (p.target.kind, p.target.number, p.target.revision) == ("Resolution", "130", "Rev. Dubai, 2018")
    assert [c.kind for c in p.clauses] == [NodeKind.HEADING, NodeKind.TITLE, NodeKind.FORMULA, NodeKind.SECTION]
    assert p["resolves/2"].body() == "to give,"


def test_several_bare_texts_split_at_headings():
    text = (
        "RESOLUTION 1 (Dubai, 2018)\nOne\nresolves\nto a.\n\nDECISION 5 (REV. DUBAI, 2018)\nFive\ndecides\n1\tthat b;\n"
    )
    doc = itu_nb.load(text)
    assert [p.id for p in doc] == ["res-1", "dec-5"]
    assert doc["Decision 5"].target.revision == "Rev. Dubai, 2018"


def test_no_heading_at_all_is_still_parsed():
    doc = itu_nb.load("considering\na)\tthat x;\nb)\tthat y,\nresolves\nto z.\n")
    assert [n.path for n in doc[0].walk()] == [
        "considering",
        "considering/a",
        "considering/b",
        "resolves",
        "resolves/p1",
    ]


def test_keywords_longest_match_and_not_inside_text():
    text = (
        "considering further\nthat a,\nnoting with concern\nthat b,\nrecognizing also\nthat c,\n"
        "invites Member States, Sector Members and Associates\n1\tto x;\n"
        "resolves further\nto y.\n"
        "resolves\nresolves to do something;\n"
    )
    p = itu_nb.load(text)[0]
    assert [s.path for s in p.sections] == [
        "considering further",
        "noting with concern",
        "recognizing also",
        "invites Member States, Sector Members and Associates",
        "resolves further",
        "resolves",
    ]
    # a line that starts with a keyword but is a sentence is text, not a section
    assert p["resolves/p1"].body() == "resolves to do something;"


def test_roman_versus_letter_i():
    text = (
        "recognizing\nh)\tthat h;\ni)\tthe outcomes, notably:\ni)\tResolution 50;\nii)\tResolution 52,\nj)\tthat j;\n"
    )
    p = itu_nb.load(text)[0]
    assert [n.path for n in p["recognizing"].walk()][1:] == [
        "recognizing/h",
        "recognizing/i",
        "recognizing/i/i",
        "recognizing/i/ii",
        "recognizing/j",
    ]
    assert not p.warnings


def test_bis_labels_and_dash_items():
    text = "resolves\n1\tto a;\n1bis\tto a bis;\n2\tto b:\n–\tfirst;\n–\tsecond,\n"
    p = itu_nb.load(text)[0]
    assert [n.path for n in p["resolves"].walk()][1:] == [
        "resolves/1",
        "resolves/1bis",
        "resolves/2",
        "resolves/2/dash1",
        "resolves/2/dash2",
    ]


def test_windows_line_endings_and_bom_are_normalised():
    text = "\ufeffconsidering\r\na)\tthat x;\r\n"
    doc = itu_nb.load(text.encode("utf-8"))
    assert doc[0]["considering/a"].body() == "that x;"
    assert doc.source_text() == "considering\na)\tthat x;\n"


def test_utf16_and_explicit_encoding():
    text = "considering\na)\tthat the Union’s role;\n"
    assert itu_nb.load(text.encode("utf-16"))[0]["considering/a"].body() == "that the Union’s role;"
    cp = "considering\na)\tthat the Union\x92s role;\n".encode("latin-1")
    doc = itu_nb.load(cp, encoding="cp1252")
    assert doc[0]["considering/a"].body() == "that the Union’s role;"
