"""amend on long roman sub-lists: new and relettered items take ``l)``, ``li)``, ``lii)`` … (issue 17).

Found by a random check of moves into a sub-list (session 16): a roman sub-list grown past 49 items by amend
labelled its 50th item ``l)`` and every later one ``l)`` again: ``l)`` read as a letter, so the next label was
still the successor of ``xlix)``.  The amendment code now reads a label that is a letter and a roman numeral as
roman when it follows the roman sibling before it (:func:`itu_nb.amendments.relettering.scan_labels`), and a
list's tail is read knowing the roman sibling before it (``ListFacts.roman_before``).

The texts are written here (see tests/test_labels_roman.py, whose helpers they use); the expected labels are
read off them: ``romans(55)[49] == "l"``.
"""

from __future__ import annotations

from test_labels_roman import _RES, romans, sub_list

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import InsertClause, MoveClause
from itu_nb.amendments.relettering import scheme_of
from itu_nb.model import Clause, NodeKind, Op, Run


def test_amend_grows_a_roman_sub_list_past_xlix():
    # the finding: a sub-list i) ii) iii) grown by 50 insertions got l) at its 50th item and l) again after
    # it (9c69995: ... xlix) l) l) l) l)); now li), lii), liii)
    text = "\n".join([*_RES, "considering", "", "a)\tthat these:", "i)\tone;", "ii)\ttwo;", "iii)\tthree;"])
    p = itu_nb.load(text + "\nb)\tthat more.\n", format="text")[0]
    d = apply_ops(p, [InsertClause(f"new {k};", into="considering/a") for k in range(50)], author="X")
    assert [c.label for c in d["considering/a"].children] == [f"{r})" for r in romans(53)]
    assert [c.path for c in d["considering/a"].children][48:] == [f"considering/a/{r}" for r in romans(53)[48:]]


def test_amend_moves_and_inserts_into_a_55_item_roman_sub_list():
    p = itu_nb.load(sub_list(55).replace("b)\tthat more.", "b)\tthat more;\nc)\tthat last."), format="text")[0]
    assert len(p["considering/a"].children) == 55
    d = itu_nb.amend(
        p,
        ["Move considering b) after considering a) l)", "Add a new considering a) lii) reading: that it is new;"],
        author="X",
    )
    rows = [(c.label_original, c.label, c.status) for c in d["considering/a"].children[49:]]
    assert rows == [
        ("l)", "l)", "unchanged"),
        (None, "li)", "inserted"),  # b) moved here
        (None, "lii)", "inserted"),  # the new item
        ("li)", "liii)", "modified"), ("lii)", "liv)", "modified"), ("liii)", "lv)", "modified"),
        ("liv)", "lvi)", "modified"), ("lv)", "lvii)", "modified"),
    ]  # fmt: skip
    assert d["considering/a/li"].body() == "that more;"
    # the letters it left: c) relettered b)
    assert [(c.label_original, c.label) for c in d["considering"].children if c.exists_in("amended")] == [
        ("a)", "a)"), ("c)", "b)"),
    ]  # fmt: skip
    # a 49-item sub-list: the moved items take l), then li) (they took l) twice)
    p = itu_nb.load(sub_list(49).replace("b)\tthat more.", "b)\tthat more;\nc)\tthat last."), format="text")[0]
    d = apply_ops(
        p,
        [
            MoveClause("considering/c", after="considering/a/xlix"),
            MoveClause("considering/b", after="considering/a/xlix"),
        ],
        author="X",
    )
    assert [c.label for c in d["considering/a"].children if c.exists_in("amended")][-3:] == ["xlix)", "l)", "li)"]


def test_the_amendment_code_reads_l_by_its_roman_siblings():
    def items(*labels):
        return [Clause(NodeKind.ITEM, "", label_runs=(Run(Op.EQUAL, f"{b})\t"),)) for b in labels]

    assert scheme_of(items("xlviii", "xlix", "l", "li")) == ["roman"] * 4
    assert scheme_of(items("xlix", "l", "l", "li")) == ["roman"] * 4  # a new l) before the old one, not relettered yet
    assert scheme_of(items("xlviii", "l", "li")) == ["roman"] * 3  # xlix) struck, l) not relettered yet
    assert scheme_of(items("l", "li"), None, "xlix") == ["roman"] * 2  # a list's tail, after xlix)
    assert scheme_of(items("xcix", "c", "cxcix", "cc", "cccxcix", "cd", "cdxcix", "d")) == ["roman"] * 8
    assert scheme_of(items("k", "l", "m")) == ["letter"] * 3
    # items moved out of a sub-list among the letters (found by the random check of amend16b's moves): k), i)
    # (a letter there, as before), ii), then m) and n) are letters as on 9c69995, not the roman 1000 after ii)
    assert scheme_of(items("k", "i", "ii", "m", "n")) == ["letter", "letter", "roman", "letter", "letter"]
