"""Round trips through Akoma Ntoso that the issue 17 audit (session 22) found losing a place or failing, fixed.

The audit's three shapes (found by its round-trip matrix over the generated inputs; none is marked here), shown on
Brazil's Document 67 with what CriticMarkup and Word keep beside it, then on several Final Acts resolutions:

- a highlight from a clause's label into its text (``{==a)<TAB>United==} Nations …``) is one highlight through AKN:
  its part in the label is written in ``<num>``, its part in the text in the ``<p>`` with ``itu_nb:from`` (where it
  starts in the node's text), and the reader joins them with the TAB the ``num`` leaves out;
- a comment after a trailing space of the heading, the title or the enacting formula keeps its place: the reader
  reads their ``<p xml:space="preserve">`` (as the writer marks it) as the text block, its edges kept;
- a one-paragraph proposal with changes, read from AKN and written to CriticMarkup, loads, and so does that line
  without its line break: ``load()`` reads a string holding CriticMarkup marks that names no file as the text itself.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb

SOURCE = CRITIC.read_text(encoding="utf-8")
LOAD = {"author": "Brazil", "date": "2018-09-10"}  # (Doc 67's changes carry no author: given at load)


def _brazil(old: str, new: str) -> itu_nb.Document:
    assert SOURCE.count(old) == 1, old
    return itu_nb.load(SOURCE.replace(old, new), **LOAD)


def _back(doc: itu_nb.Document, fmt: str) -> itu_nb.Document:
    if fmt == "critic":
        return itu_nb.load(itu_nb.to_criticmarkup(doc), format="criticmarkup", **LOAD)
    if fmt == "docx":
        return itu_nb.load(itu_nb.to_docx(doc))
    return itu_nb.load(itu_nb.to_akn(doc), format="akn")


FORMATS = ["critic", "docx", "akn"]


# -- a highlight from the label into the text ------------------------------------------------------------------

#: recalling a) of B/67/4 (line 80 of the CriticMarkup; no-break space in "Resolution 68/198")
RECALLING_A = "a)\tUnited Nations General Assembly (UNGA) Resolution\u00a068/198"


def _highlights(doc: itu_nb.Document) -> list[tuple]:
    return [
        (p.id, n.path, a.offset, a.length) for p in doc for n in p.walk() for a in n.artefacts if a.kind == "highlight"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_highlight_from_the_label_into_the_text_is_one_highlight(fmt):
    doc = _brazil(RECALLING_A, "{==a)\tUnited==}" + RECALLING_A[len("a)\tUnited") :])
    # "a)", the TAB and "United": 9 characters from the start of the label
    assert _highlights(doc) == [("B/67/4", "recalling/a", 0, 9)]
    assert _highlights(_back(doc, fmt)) == [("B/67/4", "recalling/a", 0, 9)]


def test_akoma_ntoso_says_where_the_highlight_in_the_text_began():
    doc = _brazil(RECALLING_A, "{==a)\tUnited==}" + RECALLING_A[len("a)\tUnited") :])
    xml = itu_nb.to_akn(doc)
    assert '<num><inline name="highlight">a)</inline></num>' in xml
    assert '<p><inline name="highlight" itu_nb:from="0">United</inline> Nations General Assembly' in xml


@pytest.mark.parametrize(
    "marked, want",
    [
        # begun on the TAB: the num holds none of it, the text's part says it began at 2
        ("a){==\tUnited==}", [("B/67/4", "recalling/a", 2, 7)]),
        # the label and its TAB only: an empty part at the text's start
        ("{==a)\t==}United", [("B/67/4", "recalling/a", 0, 3)]),
        # two highlights, one in the label and one in the text, stay two (no itu_nb:from)
        ("{==a)==}\t{==United==}", [("B/67/4", "recalling/a", 0, 2), ("B/67/4", "recalling/a", 3, 6)]),
        # a highlight from the label into the text and another after it in the text
        ("{==a)\tUnited==} {==Nations==}", [("B/67/4", "recalling/a", 0, 9), ("B/67/4", "recalling/a", 10, 7)]),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_highlights_about_the_labels_tab_keep_their_places(marked, want, fmt):
    plain = marked.replace("{==", "").replace("==}", "")
    doc = _brazil(RECALLING_A, marked + RECALLING_A[len(plain) :])
    assert _highlights(doc) == want
    assert _highlights(_back(doc, fmt)) == want


#: considering c), relettered b) by Brazil in B/67/4 (its path: considering/b#2)
RELETTERED = "{--c--}{++b++})\tthat, with"


@pytest.mark.parametrize(
    "marked, want",
    [
        # over the deleted and the inserted letter, the ")", the TAB and "that": c, b, ), TAB, t, h, a, t
        ("{=={--c--}{++b++})\tthat==}, with", ("B/67/4", "considering/b#2", 0, 8)),
        # from the inserted letter: b, ), TAB, that
        ("{--c--}{=={++b++})\tthat==}, with", ("B/67/4", "considering/b#2", 1, 7)),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_highlight_from_a_relettered_label_into_the_text_is_one_highlight(marked, want, fmt):
    doc = _brazil(RELETTERED, marked)
    assert _highlights(doc) == [want]
    assert _highlights(_back(doc, fmt)) == [want]
    assert _highlights(_back(_back(doc, "akn"), fmt)) == [want]


# -- a comment after a trailing space of the formula or the title ----------------------------------------------

#: B/67/3 (SUP of Resolution 128): its formula and its title, each a line of its own
FORMULA = "The Plenipotentiary Conference of the International Telecommunication Union (Antalya, 2006),\n"
TITLE = "[bookmark: _Toc164569860]Support for the Agenda for Connectivity in the Americas and Quito Action Plan\n"
NOTE = " {>>@CEPT (2018-10-02): which text?<<}\n"


def _comments(doc: itu_nb.Document, path: str, pid: str = "B/67/3") -> list[tuple]:
    node = next(p for p in doc if p.id == pid)[path]
    return [(a.offset, a.text, a.author) for a in node.artefacts if a.kind == "comment"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_comment_after_the_formulas_trailing_space_keeps_its_place(fmt):
    doc = _brazil(FORMULA, FORMULA[:-1] + NOTE)
    # the formula is 92 characters, then the space: the comment stands at 93
    assert len(FORMULA) - 1 == 92
    assert _comments(doc, "formula") == [(93, "which text?", "CEPT")]
    assert _comments(_back(doc, fmt), "formula") == [(93, "which text?", "CEPT")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_comment_after_the_titles_trailing_space_keeps_its_place(fmt):
    doc = _brazil(TITLE, TITLE[:-1] + NOTE)
    # the title's text (its bookmark is an artefact, no text) is 77 characters, then the space
    assert len("Support for the Agenda for Connectivity in the Americas and Quito Action Plan") == 77
    assert _comments(doc, "title") == [(78, "which text?", "CEPT")]
    assert _comments(_back(doc, fmt), "title") == [(78, "which text?", "CEPT")]


def test_the_formulas_trailing_space_is_text_through_akoma_ntoso_twice():
    doc = _brazil(FORMULA, FORMULA[:-1] + NOTE)
    once = _back(doc, "akn")
    twice = _back(once, "akn")
    for got in (once, twice):
        formula = got["B/67/3"]["formula"]
        assert "".join(r.text for r in formula.runs) == FORMULA[:-1] + " "  # (text() strips its edges)
        assert _comments(got, "formula") == [(93, "which text?", "CEPT")]
    assert itu_nb.to_akn(twice) == itu_nb.to_akn(once)


# -- the same on Final Acts resolutions ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def final_acts() -> itu_nb.Document:
    return itu_nb.load(FINAL_ACTS)


def _final(final_acts: itu_nb.Document, pid: str, old: str, new: str) -> itu_nb.Document:
    """Resolution ``pid`` of the Final Acts as CriticMarkup, with ``old`` (the start of a line) made ``new``."""
    text = itu_nb.to_criticmarkup(final_acts[pid])
    assert text.count("\n" + old) == 1, old
    return itu_nb.load(text.replace("\n" + old, "\n" + new), format="criticmarkup", **LOAD)


def _final_highlights(doc: itu_nb.Document) -> list[tuple]:
    return [(n.path, a.offset, a.length) for p in doc for n in p.walk() for a in n.artefacts if a.kind == "highlight"]


@pytest.mark.parametrize(
    "pid, path, words, size",
    [
        ("res-203", "considering/a", "a)\tUnited", 9),  # "a)", TAB, "United" (as B/67/4's recalling a))
        ("res-34", "recalling/a", "a)\tthe noble", 12),  # "a)", TAB, "the", space, "noble"
        ("res-99", "recalling/a", "a)\tthe Charter", 14),  # "a)", TAB, "the", space, "Charter"
        ("res-160", "recalling further/a", "a)\tthe purposes", 15),  # "a)", TAB, "the", space, "purposes"
        ("dec-5", "considering/a", "a)\tthe strategic plan", 21),  # "a)", TAB, "the strategic plan" (18)
    ],
)
def test_final_acts_a_highlight_from_the_label_into_the_text_through_akoma_ntoso(final_acts, pid, path, words, size):
    assert len(words) == size
    doc = _final(final_acts, pid, words, "{==" + words + "==}")
    assert _final_highlights(doc) == [(path, 0, size)]
    once = _back(doc, "akn")
    assert _final_highlights(once) == [(path, 0, size)]
    assert _final_highlights(_back(once, "akn")) == [(path, 0, size)]
    assert _final_highlights(_back(once, "critic")) == [(path, 0, size)]
    assert _final_highlights(_back(once, "docx")) == [(path, 0, size)]
    assert [n.text("original") for p in once for n in p.walk()] == [n.text("original") for p in doc for n in p.walk()]


@pytest.mark.parametrize(
    "pid, path, line, size",
    [
        ("res-203", "heading", "RESOLUTION 203 (REV. DUBAI, 2018)", 33),
        ("res-203", "title", "Connectivity to broadband networks", 34),
        ("res-99", "title", "Status of Palestine in ITU", 26),
        ("res-160", "title", "Assistance to Somalia", 21),
        # the formula with its comma (90 characters) and Resolution 160's without (89)
        (
            "res-203",
            "formula",
            "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),",
            90,
        ),
        (
            "res-160",
            "formula",
            "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018)",
            89,
        ),
    ],
)
def test_final_acts_a_comment_after_a_trailing_space_keeps_its_place_through_akoma_ntoso(
    final_acts, pid, path, line, size
):
    assert len(line) == size
    doc = _final(final_acts, pid, line + "\n", line + NOTE)
    comments = [(n.path, a.offset, a.text) for p in doc for n in p.walk() for a in n.artefacts if a.kind == "comment"]
    assert comments == [(path, size + 1, "which text?")]  # after the space
    for got in (_back(doc, "akn"), _back(_back(doc, "akn"), "akn"), _back(_back(doc, "akn"), "critic")):
        node = got[0][path]
        assert "".join(r.text for r in node.runs) == line + " "
        assert [(a.offset, a.text, a.author) for a in node.artefacts if a.kind == "comment"] == [
            (size + 1, "which text?", "CEPT")
        ]


# -- a one-paragraph proposal read from Akoma Ntoso, written to CriticMarkup -------------------------------------


@pytest.fixture(scope="module")
def part_three() -> itu_nb.Document:
    """The Final Acts' Part III heading (a proposal of one paragraph, ``par-III``, read as its heading) with its word amended."""
    text = "PART III - {--RESOLUTIONS--}{++RESOLUTIONS AND DECISIONS++}\n"
    doc = itu_nb.load(text, format="criticmarkup", author="Brazil", date="2018-09-10")
    assert [(n.path, n.text("original"), n.text("amended")) for p in doc for n in p.walk()] == [
        ("heading", "PART III - RESOLUTIONS", "PART III - RESOLUTIONS AND DECISIONS")
    ]
    return doc


def test_a_one_paragraph_proposal_read_from_criticmarkup_loads_back_from_criticmarkup(part_three):
    back = itu_nb.load(itu_nb.to_criticmarkup(part_three), author="Brazil", date="2018-09-10")
    assert [n.text("amended") for p in back for n in p.walk()] == ["PART III - RESOLUTIONS AND DECISIONS"]


def test_a_one_paragraph_proposal_read_from_akoma_ntoso_loads_back_from_criticmarkup(part_three):
    from_akn = itu_nb.load(itu_nb.to_akn(part_three))
    written = itu_nb.to_criticmarkup(from_akn)
    # Akoma Ntoso keeps the source's last line break (note22: every line that is no clause), so the text is the
    # source's line; without it, one line with no break is what load() used to take for a file name
    signed = "{>>@Brazil (2018-09-10)<<}"  # each change signed with its author and date
    assert written == f"PART III - {{--RESOLUTIONS--}}{signed}{{++RESOLUTIONS AND DECISIONS++}}{signed}\n"
    one_line = itu_nb.load(written.rstrip("\n"), author="Brazil", date="2018-09-10")
    assert [n.text("amended") for p in one_line for n in p.walk()] == ["PART III - RESOLUTIONS AND DECISIONS"]
    back = itu_nb.load(written, author="Brazil", date="2018-09-10")
    assert [n.text("amended") for p in back for n in p.walk()] == ["PART III - RESOLUTIONS AND DECISIONS"]
    assert [(r.op.name, r.text, r.author) for p in back for n in p.walk() for r in n.runs] == [
        ("EQUAL", "PART III - ", None),
        ("DELETE", "RESOLUTIONS", "Brazil"),
        ("INSERT", "RESOLUTIONS AND DECISIONS", "Brazil"),
    ]
    assert back.source == "<text>"


@pytest.mark.parametrize("pid", ["par-III", "par-V"])
def test_final_acts_parts_amended_through_akoma_ntoso_load_back_from_criticmarkup(final_acts, pid):
    """Parts III and V of the Final Acts (one heading each), a word of it amended, through AKN and CriticMarkup."""
    heading = final_acts[pid]["heading"].text("original")
    assert heading == {"par-III": "PART III - RESOLUTIONS", "par-V": "PART V - RECOMMENDATION"}[pid]
    head, _, last = heading.rpartition(" ")
    text = f"{head} {{--{last}--}}{{++{last.lower()}++}}\n"
    doc = itu_nb.load(itu_nb.to_akn(itu_nb.load(text, format="criticmarkup", **LOAD)))
    back = itu_nb.load(itu_nb.to_criticmarkup(doc), **LOAD)
    assert [(n.text("original"), n.text("amended")) for p in back for n in p.walk()] == [
        (heading, f"{head} {last.lower()}")
    ]


def test_a_long_one_line_criticmarkup_text_is_no_file_name():
    """Past 255 bytes a string is too long for a file name (ENAMETOOLONG): a CriticMarkup line still loads."""
    line = "considering {++that ++}" + "the Plenipotentiary Conference " * 10
    assert 255 < len(line) <= 4096
    back = itu_nb.load(line, **LOAD)
    assert [n.text("amended") for p in back for n in p.walk()] == [line.replace("{++", "").replace("++}", "").strip()]


def test_a_one_line_string_that_is_neither_a_file_nor_criticmarkup_is_refused_by_name():
    with pytest.raises(itu_nb.LoadError, match=r"PART III - RESOLUTIONS: no such file"):
        itu_nb.load("PART III - RESOLUTIONS")
    with pytest.raises(itu_nb.LoadError, match=r"no-such-proposal\.critic\.md: no such file"):
        itu_nb.load("no-such-proposal.critic.md")


def test_an_existing_file_named_like_criticmarkup_is_read_as_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "{++x++}.md").write_text("PART III - {--RESOLUTIONS--}{++DECISIONS++}\n", encoding="utf-8")
    doc = itu_nb.load("{++x++}.md", **LOAD)
    assert doc.source == "{++x++}.md"
    assert [(n.text("original"), n.text("amended")) for p in doc for n in p.walk()] == [
        ("PART III - RESOLUTIONS", "PART III - DECISIONS")
    ]
