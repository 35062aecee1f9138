"""The runs the .docx reader keeps while reading (tuples) and the Runs merge_runs makes of them (issue 19).

The reader keeps each ``w:t`` as a plain tuple (op, text, author, date, move) and the loader makes
a :class:`~itu_nb.model.Run` once per joined run; :func:`read_docx_paragraphs` gives the tuples,
:func:`merge_runs` the Runs, with the same text.
"""

from __future__ import annotations

from pathlib import Path

from docx_build import HEAD, dele, ins, package, para, run

from itu_nb.loaders.docx import read_docx_paragraphs
from itu_nb.loaders.docx_para import merge_runs
from itu_nb.model import Artefact, Op, Run

BRAZIL = Path(__file__).parent / "fixtures" / "pp18-doc67-brazil.pandoc.docx"


def test_neighbouring_runs_of_one_change_join_into_one_run():
    data = package(HEAD + para(run("to ") + run("invite ") + ins(run("encourage ") + run("strongly ")) + run("all")))
    (last,) = read_docx_paragraphs(data)[-1:]
    assert [p[:2] for p in last.pieces] == [
        (Op.EQUAL, "to "),
        (Op.EQUAL, "invite "),
        (Op.INSERT, "encourage "),
        (Op.INSERT, "strongly "),
        (Op.EQUAL, "all"),
    ]
    assert merge_runs(last.pieces) == [
        Run(Op.EQUAL, "to invite "),
        Run(Op.INSERT, "encourage strongly ", "Brazil", "2018-09-10T00:00:00Z"),
        Run(Op.EQUAL, "all"),
    ]
    assert last.text("original") == "to invite all" and last.text("amended") == "to invite encourage strongly all"


def test_runs_of_two_changes_stay_apart():
    data = package(HEAD + para(dele(run("old"), author="Brazil") + dele(run("er"), author="Canada")))
    runs = merge_runs(read_docx_paragraphs(data)[-1].pieces)
    assert [(r.op, r.text, r.author) for r in runs] == [(Op.DELETE, "old", "Brazil"), (Op.DELETE, "er", "Canada")]


def test_brazil_heading_of_resolution_71_as_read():
    # tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md, line 29:
    # [bookmark: _Toc406757667]RESOLUTION 71 (Rev. {--Busan, 2014--}{++Dubai, 2018++})
    paras = read_docx_paragraphs(BRAZIL.read_bytes())
    (heading,) = [p for p in paras if p.text(None).startswith("RESOLUTION 71 ")]
    pieces = merge_runs(heading.pieces)
    assert isinstance(pieces[0], Artefact) and pieces[0].kind == "bookmark"
    assert [(r.op, r.text, r.author) for r in pieces[1:] if isinstance(r, Run)] == [
        (Op.EQUAL, "RESOLUTION 71 (Rev. ", None),
        (Op.DELETE, "Busan, 2014", "Brazil"),
        (Op.INSERT, "Dubai, 2018", "Brazil"),
        (Op.EQUAL, ")", None),
    ]
    assert "".join(r.text for r in pieces if isinstance(r, Run)) == heading.text(None)
