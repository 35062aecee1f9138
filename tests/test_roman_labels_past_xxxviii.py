"""Roman labels past ``xxxviii)`` (7 letters) and with ``d`` or ``m`` (``dc)``, ``dcc)``) in the two places that
still matched roman labels as ``[ivxlc]{1,6}`` after labels went to 3999 (issue 17, session 17):

- ``amend`` peels a label written before an inserted item's text with a space (``xxxviii) that …``): the label
  was left in the text and the item numbered by its place;
- the AKN loader cuts out items a source ran into the item before (``…; xxxviii) sub-item …``): it left the
  next item in the text of ``xxxvii)``.

Both now take any run of roman letters and keep it only as a numeral to 3999 (``kw.NUMERAL``, as the parser
reads labels) that continues the list.  The lists are generated as in tests/test_labels_roman.py (``romans(38)[-1]
== "xxxviii"``, ``romans(600)[-1] == "dc"``: checked there against the numerals counted by hand).
"""

from __future__ import annotations

from test_labels_roman import romans, sub_list

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import InsertClause
from itu_nb.amendments.wording import peel


def test_peel_takes_a_roman_label_to_3999_before_a_space():
    assert peel("xxxviii) that it is new;") == ("xxxviii)", "that it is new;")
    assert peel("dcc) that it is new;") == ("dcc)", "that it is new;")
    assert peel("(mmmcmxcix) last") == ("(mmmcmxcix)", "last")
    assert peel("c) that") == ("c)", "that")  # letters as before
    assert peel("iiii) no numeral") == (None, "iiii) no numeral")  # no roman numeral: no label
    assert peel("mmmm) no numeral") == (None, "mmmm) no numeral")


def test_amend_inserts_xxxviii_by_its_label():
    # a sub-list i) … xxxvii) and b): "xxxviii) that it is new;" goes at the end of a)'s sub-list as xxxviii)
    p = itu_nb.load(sub_list(37), format="text")[0]
    d = apply_ops(p, [InsertClause("xxxviii) that it is new;", into="considering/a")], author="X")
    kids = d["considering/a"].children
    assert [c.label for c in kids] == [f"{r})" for r in romans(38)]
    assert kids[-1].body() == "that it is new;"  # was "xxxviii) that it is new;" as the text of xxxviii)


def test_amend_inserts_dc_by_its_label_in_a_599_item_sub_list():
    # (dc) is two letters: peeled on b3e66ba too; kept beside xxxviii) as the numerals now read alike)
    p = itu_nb.load(sub_list(599), format="text")[0]
    d = apply_ops(p, [InsertClause("dc) that it is new;", into="considering/a")], author="X")
    kids = d["considering/a"].children
    assert [c.label for c in kids[-3:]] == ["dxcviii)", "dxcix)", "dc)"]
    assert kids[-1].body() == "that it is new;"


def _akn(n: int, glued: str) -> str:
    """A recital a) with sub-points i) … up to the ``n``-th numeral, the last one's text running ``glued`` in."""
    points = "".join(
        f"<point><num>{r})</num><content><p>sub-item {r};{glued if k == n - 1 else ''}</p></content></point>"
        for k, r in enumerate(romans(n))
    )
    return (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        "<preamble><recitals><intro><p><i>considering</i></p></intro><recital><num>a)</num><intro><p>that these:"
        f"</p></intro>{points}</recital></recitals></preamble></statement></akomaNtoso>"
    )


def test_akn_cuts_out_a_run_in_xxxviii_and_dc():
    for n, glued in ((37, " xxxviii) sub-item xxxviii;"), (599, " dc) sub-item dc;")):
        doc = itu_nb.load(_akn(n, glued).encode(), format="akn")
        kids = doc[0]["considering/a"].children
        assert [c.label for c in kids[-2:]] == [f"{r})" for r in romans(n + 1)[-2:]], n
        assert [c.body() for c in kids[-2:]] == [f"sub-item {r};" for r in romans(n + 1)[-2:]]
        assert kids[-1].notes == (
            f"label {romans(n + 1)[-1]}) recovered from the text of item {romans(n)[-1]}): the source ran the items "
            "together",
        )


def test_akn_leaves_a_roman_run_that_does_not_continue_the_list():
    # "; dcc) …" after xxxvii) is not the next item: the text stays as it is
    doc = itu_nb.load(_akn(37, " dcc) quoted;").encode(), format="akn")
    kids = doc[0]["considering/a"].children
    assert len(kids) == 37 and kids[-1].body() == "sub-item xxxvii; dcc) quoted;"
