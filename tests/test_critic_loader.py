"""The CriticMarkup reconstruction of the same PP-18 document (tests/fixtures/…critic.md)."""

from __future__ import annotations

import re

import pytest
from conftest import CRITIC, FLATTENED

import itu_nb
from itu_nb import Op


def _strip(text: str, keep: str) -> str:
    """The reference views, made independently of itu_nb with two regular expressions."""
    drop, unwrap = (
        (r"\{\+\+.*?\+\+\}", r"\{--(.*?)--\}") if keep == "original" else (r"\{--.*?--\}", r"\{\+\+(.*?)\+\+\}")
    )
    return re.sub(unwrap, r"\1", re.sub(drop, "", text, flags=re.S), flags=re.S)


def test_same_structure_as_the_flattened_extraction(critic, flattened):
    assert [(p.id, p.action, str(p.target)) for p in critic] == [(p.id, p.action, str(p.target)) for p in flattened]
    for a, b in zip(critic, flattened, strict=True):
        assert [(n.path, n.kind) for n in a.walk()] == [(n.path, n.kind) for n in b.walk()], a.id


@pytest.mark.parametrize("view", ["original", "amended"])
def test_views_equal_the_source_with_one_side_removed_line_for_line(critic, view):
    source = CRITIC.read_text(encoding="utf-8")
    assert critic.source_text(view).split("\n") == _strip(source, view).split("\n")


def test_both_sides_give_the_flattened_file_byte_for_byte(critic):
    # corpus README: removing the marks while keeping both sides gives the flattened file
    assert critic.source_text() == FLATTENED.read_text(encoding="utf-8")


def test_clause_views_are_the_source_lines_without_artefacts(critic):
    """Proposal.text(view) is the source view minus markers, separators and extraction artefacts."""
    source = _strip(CRITIC.read_text(encoding="utf-8"), "amended")
    source = re.sub(r"\[bookmark: [^\]]*\]|\[footnoteRef:\d+\]\d?|\s*\[\d+: [^\]]*\]", "", source)
    expected = [
        line.rstrip()
        for line in source.split("\n")
        if line.strip() and not re.match(r"^\s*(MOD|ADD|SUP)\t|^\*+$|^_+$", line)
    ][:-1]  # the last line is the page footer after the rule
    got = critic.text("amended").replace("\n\n", "\n").split("\n")
    # labels are normalised: the Cyrillic "а)" "с)" of B/67/5 read as Latin
    expected = [line.replace("\u0430)\t", "a)\t").replace("\u0441)\t", "c)\t") for line in expected]
    assert got == expected


def test_resolution_130_changes_as_marked(critic):
    p = critic["B/67/4"]
    # source line 95 "{--c--}{++b++})\tthat, with the application …"
    node = p["considering/b#2"]
    assert (node.label_original, node.label, node.status) == ("c)", "b)", "modified")
    assert not any(r.inferred for r in node.label_runs)
    # line 100: the whole of h) is deleted
    assert p["considering/h"].status == "deleted"
    assert p["considering/h"].line_text("amended") is None
    # lines 103-105: i), j), k) inserted
    assert [p[f"considering/{x}"].status for x in "ijk"] == ["inserted"] * 3
    # title (line 68): "…technologies" replaced by "Cybersecurity" (reconstruction note 3)
    assert p.title == "Cybersecurity"
    assert p.title_in("original").endswith("information and communication technologies")


def test_label_that_exists_only_in_the_amended_view(critic):
    # B/67/2 line 49: "{++4\t++}{--, including recommendations--}{++to recommend …++}"
    node = critic["B/67/2"]["instructs the Secretary-General and the Coordination Committee/4"]
    assert node.label_original is None and node.label == "4"
    # the reconstruction marks " to{--adjust--}", so the original reads "toadjust" (faithfully kept)
    assert node.line_text("original").startswith(", including recommendations toadjust the plan")
    assert node.line_text("amended").startswith("4\tto recommend to the ITU Council adjustments to the plan")


def test_author_and_date_are_set_on_every_change():
    doc = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
    runs = [r for p in doc for n in p.walk() for r in n.label_runs + n.runs if r.op is not Op.EQUAL]
    assert runs and all((r.author, r.date) == ("Brazil", "2018-09-10") for r in runs)


def test_substitution_highlight_and_comment():
    text = "considering\na)\tthe {~~old~>new~~} text {==kept==}{>>check this<<};\n"
    doc = itu_nb.load(text, format="criticmarkup")
    node = doc[0]["considering/a"]
    assert node.body("original") == "the old text kept;"
    assert node.body("amended") == "the new text kept;"
    # the highlight is kept over "kept": it starts after "a)\tthe oldnew text " (3 + 4 + 3 + 3 + 6 = 19 characters)
    assert [(a.kind, a.text, a.offset, a.length) for a in node.artefacts] == [
        ("highlight", "", 19, 4),
        ("comment", "check this", 23, 0),
    ]


def test_unclosed_mark_is_a_clear_error():
    with pytest.raises(itu_nb.ParseError, match=r"<text>: line 2: CriticMarkup '\{\+\+' is never closed"):
        itu_nb.load("considering\na)\tthe {++new text\nb)\tmore\n", format="criticmarkup")
