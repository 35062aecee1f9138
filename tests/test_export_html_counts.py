"""The HTML page's counts table and totals, taken in one walk of each proposal (export/html._changes_counted), against
what the model says: :attr:`Proposal.changes` by kind and the runs inserted and deleted.

Sources: Doc 67 (Brazil) as CriticMarkup (tests/fixtures), and Resolution 130 of the PP-18 Final Acts
(tests/fixtures) with an item inserted among its *considering* a) … r), which reletters the items after it.
"""

from __future__ import annotations

from collections import Counter

from conftest import CRITIC, FINAL_ACTS
from lxml import html as lxml_html

import itu_nb
from itu_nb.amendments.edits import InsertClause, apply_ops
from itu_nb.model import Op

KINDS = ("inserted", "deleted", "replaced", "relabelled")


def expected_row(p):
    """The row's cells after the proposal's name and target: changes, each kind, <ins> runs, <del> runs."""
    kinds = Counter(c.kind for c in p.changes)
    runs = [r for n in p.walk() for r in n.label_runs + n.runs]
    ins, dels = sum(r.op is Op.INSERT for r in runs), sum(r.op is Op.DELETE for r in runs)
    return [str(len(p.changes)), *(str(kinds[k]) for k in KINDS), str(ins), str(dels)]


def rows_and_totals(doc):
    tree = lxml_html.fromstring(itu_nb.to_html(doc).encode("utf-8"))
    rows = [r.xpath("string(td[1])") for r in tree.xpath("//table[@class='counts']/tbody/tr")]
    cells = [[td.text_content() for td in r.xpath("td")][2:] for r in tree.xpath("//table[@class='counts']/tbody/tr")]
    totals = tree.get_element_by_id("totals")
    return rows, cells, [totals.get(k) for k in ("data-changes", "data-ins", "data-del")]


def test_doc67_rows_and_totals_are_the_models_counts():
    doc = itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")
    rows, cells, totals = rows_and_totals(doc)
    assert rows == ["MOD B/67/1", "MOD B/67/2", "SUP B/67/3", "MOD B/67/4", "ADD B/67/5"]
    assert cells == [expected_row(p) for p in doc]
    assert cells[3][:2] == ["73", "23"]  # B/67/4: 73 changes, 23 insertions (as test_export_html reads them)
    assert totals == [str(sum(int(c[i]) for c in cells)) for i in (0, 5, 6)]
    assert totals[1:] == ["121", "81"]  # the <ins> and <del> elements test_export_html counts


def test_a_relettering_insertion_counts_its_relabels():
    res130 = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    new = apply_ops(res130, [InsertClause("that a new text;", into="considering", label="c)")], author="A", date="2018")
    _, cells, _ = rows_and_totals(new)
    assert cells == [expected_row(new)]
    relabels = int(cells[0][4])
    assert relabels == 16  # considering c) … r) become d) … s): 16 items relabelled
    assert cells[0][1] == "1"  # the inserted item
