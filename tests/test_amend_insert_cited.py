"""A run of insertions after sub-items cited through a long list reads the lists on the way in C.

``Add a new paragraph after … 12 i)``, ``… after … 12 ii)``, ``… after … 12 iii)``…: each puts a new item after the
one added before it in the sub-list of item 12, each cited anew through the list holding 12.  The run
(:func:`~itu_nb.amendments.inserting.insert_run`) read each citation's labels but the last by a Python pass over the
list holding the sub-list, once per address: on 670bc04 2,000 such insertions on a 2,016-item list took 10 s CPU
(0.16 / 0.62 / 2.45 s for 250 / 500 / 1,000), now 0.15 s.  That the run gives what one by one gives is the property
test ``tests/test_amend_linear.py::test_runs_of_insertions_at_positions_equal_one_by_one`` (its lists include the
sub-lists of recognizing k) and of instructs … 1); here the bounded row and its result, read by eye.
"""

from __future__ import annotations

import json

from bounds import bounded

ROW = """
import json, itu_nb
from itu_nb.amendments import inserting
from itu_nb.amendments.edits import InsertClause, apply_ops
from itu_nb.amendments.relettering import repath
runs, real = [], inserting.insert_run
def spy(*args):
    out = real(*args)
    runs.append(out[1])
    return out
inserting.insert_run = spy
def roman(n):
    out = ""
    for v, r in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                 (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + r, n - v
    return out
res = itu_nb.load("tests/fixtures/pp18-final-acts.akn.xml")["Resolution 130"]
S = "instructs the Secretary-General and the Directors of the Bureaux"
lines = res.text("original").split("\\n")
at = lines.index(S)
eighth = next(i for i in range(at, len(lines)) if lines[i].startswith("8\\t"))
new = []
for n in range(9, 2017):
    new.append(f"{n}\\tto do thing {n};")
    if n == 12:
        new += ["i)\\tto report first;", "ii)\\tto report second;"]
lines[eighth + 1 : eighth + 1] = new
big = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
ops = [InsertClause(f"that it is new {k};", after=f"{S} 12 {roman(k)})") for k in range(1, 2001)]
draft = apply_ops(big, ops, author="X", date="2020-01-01")
sub = draft[S].children[11].children
print(json.dumps({
    "runs": runs,
    "labels": [c.label for c in sub] == [f"{roman(k)})" for k in range(1, 2003)],
    "bodies": [c.body() for c in sub],
    "status": sorted({c.status for c in sub[1:-1]}),
    "list": [c.body() for c in draft[S].children] == [c.body() for c in big[S].children],
    "paths_as_repath": [n.path for n in draft.walk()] == [n.path for n in repath(draft).walk()],
    "keys_unique": len({n.key for n in draft.walk()}) == sum(1 for _ in draft.walk()),
    "original_kept": draft.text("original") == big.text("original"),
}))
"""


def test_two_thousand_insertions_after_sub_items_cited_through_a_long_list():
    r = bounded(ROW, label="amend: 2,000 insertions after sub-items cited through a 2,016-item list")
    assert r.ok and r.within(), r
    out = json.loads(r.stdout)
    assert out["runs"] == [2000]  # one run
    assert out["paths_as_repath"] and out["keys_unique"] and out["original_kept"] and out["list"], out
    # 12's i) of the text, then each new item after the one before it (i) … mmii)), then ii) of the text, last
    assert out["labels"] and out["status"] == ["inserted"]
    assert out["bodies"] == ["to report first;"] + [f"that it is new {k};" for k in range(1, 2001)] + [
        "to report second;"
    ]
