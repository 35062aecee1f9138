"""Standalone HTML export: offline, escaped, one <ins>/<del> per insert/delete run, TOC and counts."""

from __future__ import annotations

import re

import pytest
from conftest import CRITIC, FINAL_ACTS
from lxml import html as lxml_html

import itu_nb
from itu_nb.model import Op


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")


def runs_with(doc, op):
    return [r for p in doc for n in p.walk() for r in n.label_runs + n.runs if r.op is op]


def test_one_element_per_run_with_author_and_date(brazil, tmp_path):
    out = tmp_path / "brazil.html"
    page = brazil.to_html(out)
    assert out.read_text(encoding="utf-8") == page
    tree = lxml_html.fromstring(page.encode("utf-8"))
    ins, dels = tree.xpath("//main//ins"), tree.xpath("//main//del")
    assert len(ins) == len(runs_with(brazil, Op.INSERT)) == 121
    assert len(dels) == len(runs_with(brazil, Op.DELETE)) == 81
    assert {e.get("data-author") for e in ins + dels} == {"Brazil"}
    assert {e.get("data-date") for e in ins + dels} == {"2018-09-10"}
    assert [e.text_content() for e in ins] == [r.text for r in runs_with(brazil, Op.INSERT)]
    # the change ids are those of Proposal.changes
    ids = {c.id for p in brazil for c in p.changes}
    assert {e.get("data-change") for e in ins + dels} == ids


def test_counts_and_table_of_contents(brazil):
    tree = lxml_html.fromstring(brazil.to_html().encode("utf-8"))
    totals = tree.get_element_by_id("totals")
    assert totals.get("data-changes") == str(sum(len(p.changes) for p in brazil))
    rows = tree.xpath("//table[@class='counts']/tbody/tr")
    assert [r.xpath("string(td[1])") for r in rows] == [
        "MOD B/67/1",
        "MOD B/67/2",
        "SUP B/67/3",
        "MOD B/67/4",
        "ADD B/67/5",
    ]
    b674 = rows[3].xpath("td/text()")
    assert b674[1:3] == ["73", "23"]  # 73 changes, 23 insertions
    ids = set(tree.xpath("//@id"))
    links = [a.get("href")[1:] for a in tree.xpath("//nav//a")]
    assert links and all(link in ids for link in links)
    # the relettered item is in the contents with its change count
    assert any("b) that, with the application" in a.text_content() for a in tree.xpath("//nav//a"))


def test_nothing_is_fetched_from_elsewhere(brazil):
    page = brazil.to_html()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    # the URLs quoted in the Reasons footnotes are text, not links
    assert "https://www.itu.int/md/T17-SG03-R-0011/en" in page


def test_document_text_is_escaped():
    doc = itu_nb.load(
        'RESOLUTION 1 (Rev. Dubai, 2018)\nTitle <b>bold</b> & co\nresolves\n1\t<script>alert(1)</script> "q"',
        format="text",
    )
    page = doc.to_html()
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;" in page
    tree = lxml_html.fromstring(page.encode("utf-8"))
    assert tree.xpath("string(//p[contains(@class, 'item')])") == '1\t<script>alert(1)</script> "q"'


def test_final_acts_page_has_every_text_and_no_marks():
    doc = itu_nb.load(FINAL_ACTS)
    tree = lxml_html.fromstring(doc.to_html().encode("utf-8"))
    assert len(tree.xpath("//article")) == 70  # 64 texts and Parts II-VII of the book
    assert not tree.xpath("//ins | //del")
    assert len(tree.xpath("//main//p[contains(@class, 'node')]")) == sum(1 for p in doc for _ in p.walk())


# ----------------------------------------------------------------------------
# comments in the HTML of comparisons (html_fragment)
# ----------------------------------------------------------------------------
_COMMENTED = (
    "MOD\tB/67/4{>>@CEPT (2018-10-02): on the marker<<}\n{>>@APT: on a blank line<<}\n"
    "RESOLUTION 130 (Rev. Busan, 2014)\n\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n"
    "considering\n\na)\tthat it matters{>>@Brazil (2018-09-10): <b>why</b> & how<<};\n"
)


def test_a_comparison_shows_the_comments_of_its_clauses_escaped():
    doc = itu_nb.load(_COMMENTED, format="criticmarkup")
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    raw = itu_nb.compare(doc[0], adopted)._repr_html_()
    assert "<b>why</b>" not in raw
    tree = lxml_html.fromstring(raw)
    notes = tree.xpath("//span[@class='itu-nb-comment']")
    assert [n.text_content() for n in notes] == ["[comment by Brazil, 2018-09-10: <b>why</b> & how]"]
    assert (notes[0].get("data-author"), notes[0].get("data-date")) == ("Brazil", "2018-09-10")
    # in the redline of its clause (considering a), which the adopted text replaces with its own a)
    assert notes[0].getparent().get("data-path") == "considering/a"


def test_a_document_comparison_shows_the_comments_of_marker_and_blank_lines():
    doc = itu_nb.load(_COMMENTED, format="criticmarkup")
    tree = lxml_html.fromstring(itu_nb.compare(doc, itu_nb.load(FINAL_ACTS)).to_html())
    loose = tree.xpath("//div[@class='itu-nb-loose']")
    assert [d.text_content() for d in loose] == [
        "B/67/4: [comment by CEPT, 2018-10-02: on the marker][comment by APT: on a blank line]"
    ]
    # before the redline of the text they belong to
    redline = loose[0].getparent().getnext()
    assert "RESOLUTION 130" in redline.text_content() and "itu-nb-pair" in lxml_html.tostring(redline).decode()
