"""A clause another author inserted whole, then struck by the analyst, is kept, not lost (issue 17).

Data, read by eye in the sources:

* Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), considering j) (source line 104, 1-based), a new
  item Brazil inserted whole::

      {++j)<TAB>that the technical community and the private sector are key players in the development and
      deployment of new technologies and their applications should incorporate holistic approaches in which
      cybersecurity is seen as a continuous process;++}

  followed by Brazil's new k) (line 105, "that individuals and organisations should adopt best practices …").
* Resolution 130 (Rev. Dubai, 2018) of the Final Acts (``FINAL_ACTS``, ``res-130``), resolves 2 and 3 ("2<TAB>to give
  high priority to the work of ITU …", "3<TAB>that ITU shall focus resources and programmes …"): Brazil adds a new
  3 (``InsertClause`` as author Brazil), which reletters the old 3 onwards.

The analyst Ana strikes the new clause (``DeleteClause``).  Before, it vanished: no run of Ana's was left to hold
her change.  Now the clause stays where it stood, in neither view, its label and text kept as ``struck-insert``
artefacts (struck by Ana, inserted by Brazil); rejecting Ana's strike brings it back as Brazil's insertion with its
label, accepting it drops the clause.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import zipfile

import pytest
from conftest import CRITIC, FINAL_ACTS, libreoffice_fodt, needs_pandoc, needs_soffice

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.wording import delete_node
from itu_nb.model import Clause, NodeKind, Run

DAY = "2026-12-05"
KEY = "B/67/4"
#: considering j) of B/67/4 as Brazil inserted it (line 104 of the CriticMarkup source).
J_TEXT = (
    "that the technical community and the private sector are key players in the development and deployment of new "
    "technologies and their applications should incorporate holistic approaches in which cybersecurity is seen as a "
    "continuous process;"
)
K_START = "that individuals and organisations should adopt best practices"
#: Resolution 130's resolves 3 in the Final Acts, and the new 3 Brazil adds.
OLD_3 = "that ITU shall focus resources and programmes on those national, regional and internationa"
NEW_3 = "to study the cybersecurity of emerging technologies;"


@pytest.fixture(scope="module")
def doc67():
    return itu_nb.load(CRITIC, author="Brazil")


@pytest.fixture(scope="module")
def res130():
    return itu_nb.load(FINAL_ACTS)["res-130"]


def _struck(c: Clause) -> list[tuple[str, int | None, Op, str | None, tuple | None]]:
    return [(a.text, a.offset, a.op, a.author, a.inserted) for a in c.artefacts if a.kind == "struck-insert"]


def _bare(p) -> list[Clause]:
    """The clauses of ``p`` with no runs that hold struck-inserts: struck clauses another author inserted."""
    return [c for c in p.walk() if not c.label_runs and not c.runs and _struck(c)]


def _empty(p) -> list[str]:
    """The keys of the clauses of ``p`` with no runs at all (what a strike accepted must not leave behind)."""
    return [c.key for c in p.walk() if not c.label_runs and not c.runs]


def _body_starts(p, section: str) -> list[tuple[str | None, str]]:
    return [(c.label, c.body("amended")[:20]) for c in p[section].children if c.exists_in("amended")]


# -- the clause is kept ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("op", [DeleteClause("considering/j"), MoveClause("considering/j", after="considering/a")])
def test_doc67_new_item_struck_is_kept_in_neither_view(doc67, op):
    struck = apply_ops(doc67[KEY], [op], author="Ana", date=DAY)
    (c,) = [c for c in _bare(struck) if c.section == "considering" or c.path.startswith("considering/")]
    assert not c.exists_in("original") and not c.exists_in("amended") and c.status == "deleted"
    assert c.kind is NodeKind.ITEM and c.key == "considering/j"  # its identity: its change ids stay valid
    # its label and its text, each where it stood (nothing of the clause is left in any view: offset 0)
    assert _struck(c) == [
        ("j)\t", 0, Op.DELETE, "Ana", ("Brazil", None)),
        (J_TEXT, 0, Op.DELETE, "Ana", ("Brazil", None)),
    ]
    # in source order: after considering i), before what was k) (relettered j) by the strike)
    siblings = struck["considering"].children
    at = siblings.index(c)
    assert siblings[at - 1].body("amended").startswith("that some SMEs face")
    if isinstance(op, DeleteClause):
        assert siblings[at + 1].body("amended").startswith(K_START) and siblings[at + 1].label == "j)"


def test_the_struck_clause_is_not_a_live_item(doc67):
    struck = apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)
    labels = [c.label for c in struck["considering"].children if c.exists_in("amended")]
    assert labels[-3:] == ["h)", "i)", "j)"]  # Brazil's k) relettered j): the kept clause is not counted
    assert struck.text("amended").count(J_TEXT) == 0 and struck.text("original").count(J_TEXT) == 0
    assert doc67[KEY].text("original") == struck.text("original")  # the original view as read


def test_final_acts_clause_added_by_brazil_struck_by_ana_is_kept(res130):
    brazil = apply_ops(res130, [InsertClause(NEW_3, after="resolves/2")], author="Brazil", date="2018-10-01")
    (new,) = [c for c in brazil["resolves"].children if c.body("amended") == NEW_3]
    assert new.status == "inserted" and new.label == "3"
    struck = apply_ops(brazil, [DeleteClause(new.path)], author="Ana", date=DAY)
    (c,) = _bare(struck)
    assert _struck(c) == [
        ("3\t", 0, Op.DELETE, "Ana", ("Brazil", "2018-10-01")),
        (NEW_3, 0, Op.DELETE, "Ana", ("Brazil", "2018-10-01")),
    ]
    kids = struck["resolves"].children
    assert kids[kids.index(c) - 1].body("amended").startswith("to give high priority")
    assert kids[kids.index(c) + 1].body("amended").startswith(OLD_3[:40])


def test_every_run_inserted_by_several_authors(doc67):
    c = doc67[KEY]["considering/j"]
    runs = (
        Run(Op.INSERT, "that the technical community ", "Brazil"),
        Run(Op.INSERT, "and the private sector;", "Mexico"),
    )
    mixed = Clause(c.kind, c.path, c.label_runs, runs, line=c.line)
    gone = delete_node(mixed, "Ana", DAY)
    assert gone is not None and not gone.label_runs and not gone.runs
    assert _struck(gone) == [
        ("j)\t", 0, Op.DELETE, "Ana", ("Brazil", None)),
        ("that the technical community ", 0, Op.DELETE, "Ana", ("Brazil", None)),
        ("and the private sector;", 0, Op.DELETE, "Ana", ("Mexico", None)),
    ]


def test_the_analysts_own_new_clause_struck_still_vanishes(doc67):
    c = doc67[KEY]["considering/j"]
    mine = Clause(
        c.kind, c.path, (Run(Op.INSERT, "j)\t", "Ana", DAY),), (Run(Op.INSERT, "that it is so;", "Ana", DAY),)
    )
    assert delete_node(mine, "Ana", DAY) is None


def test_a_new_item_with_new_sub_items_keeps_them_all(doc67):
    parent = Clause(
        NodeKind.ITEM,
        "resolves/9",
        (Run(Op.INSERT, "9\t", "Brazil"),),
        (Run(Op.INSERT, "to study:", "Brazil"),),
        children=tuple(
            Clause(
                NodeKind.ITEM, f"resolves/9/{x}", (Run(Op.INSERT, f"{x})\t", "Brazil"),), (Run(Op.INSERT, t, "Brazil"),)
            )
            for x, t in (("a", "threats;"), ("b", "remedies."))
        ),
    )
    gone = delete_node(parent, "Ana", DAY)
    assert gone is not None
    assert [_struck(k) for k in (gone, *gone.children)] == [
        [("9\t", 0, Op.DELETE, "Ana", ("Brazil", None)), ("to study:", 0, Op.DELETE, "Ana", ("Brazil", None))],
        [("a)\t", 0, Op.DELETE, "Ana", ("Brazil", None)), ("threats;", 0, Op.DELETE, "Ana", ("Brazil", None))],
        [("b)\t", 0, Op.DELETE, "Ana", ("Brazil", None)), ("remedies.", 0, Op.DELETE, "Ana", ("Brazil", None))],
    ]


# -- decisions -----------------------------------------------------------------------------------------------------
def test_rejecting_anas_changes_brings_the_clause_back_as_brazils(doc67):
    struck = apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)
    back = struck.reject(author="Ana")
    assert not _bare(back)
    (c,) = [c for c in back["considering"].children if c.body("amended") == J_TEXT]
    assert [(r.op, r.text, r.author) for r in c.label_runs + c.runs] == [
        (Op.INSERT, "j)\t", "Brazil"),
        (Op.INSERT, J_TEXT, "Brazil"),
    ]
    assert c.label == "j)" and c.status == "inserted"
    assert back.text("amended") == doc67[KEY].text("amended")  # the list as Brazil wrote it
    assert back.text("original") == doc67[KEY].text("original")


def test_accepting_anas_strike_drops_the_clause(doc67):
    struck = apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)
    for done in (struck.accept(author="Ana"), struck.accept(), struck.reject()):
        assert not _bare(done) and _empty(done) == _empty(doc67[KEY])
        assert J_TEXT not in done.text("amended") and J_TEXT not in done.text("original")
    assert struck.reject(author="Brazil").text("amended").count(J_TEXT) == 0  # Ana's strike stands


def test_final_acts_reject_restores_brazils_list(res130):
    brazil = apply_ops(res130, [InsertClause(NEW_3, after="resolves/2")], author="Brazil", date="2018-10-01")
    (new,) = [c for c in brazil["resolves"].children if c.body("amended") == NEW_3]
    struck = apply_ops(brazil, [DeleteClause(new.path)], author="Ana", date=DAY)
    back = struck.reject(author="Ana")
    assert back.text("amended") == brazil.text("amended") and back.text("original") == brazil.text("original")
    assert _body_starts(back, "resolves")[2] == ("3", NEW_3[:20])
    done = struck.accept(author="Ana")
    assert not _bare(done) and _empty(done) == _empty(res130) and NEW_3 not in done.text("amended")
    # the amended view as before Brazil's new clause: 3 to 12 as the Final Acts number them (Ana's relettering);
    # Brazil's own relettering (his deletion of "3"…) is still to decide, as Word would leave it
    assert done.text("amended") == res130.text("amended")
    assert [r.author for r in done["resolves/3"].label_runs if r.op is Op.DELETE] == ["Brazil"]


# -- every writer carries it, every reader reads it back ---------------------------------------------------------------
HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup")[0],
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx")[0],
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn")[0],
}


@pytest.fixture(scope="module")
def struck67(doc67):
    return apply_ops(doc67[KEY], [DeleteClause("considering/j")], author="Ana", date=DAY)


@pytest.mark.parametrize("hop", list(HOPS))
def test_each_hop_keeps_the_struck_clause_and_a_reject_after_it_brings_it_back(struck67, doc67, hop):
    read = HOPS[hop](struck67)
    (c,) = _bare(read)
    assert c.key == "considering/j" and c.status == "deleted"
    # the label and text as struck, by Ana, inserted by Brazil (Word's reader joins the two: one w:del in w:ins
    # after another, same authors and dates)
    texts = "".join(a.text for a in c.artefacts if a.kind == "struck-insert")
    assert texts == "j)\t" + J_TEXT
    assert {(a.author, (a.date or "")[:10], a.inserted[0]) for a in c.artefacts if a.kind == "struck-insert"} == {
        ("Ana", DAY, "Brazil")
    }
    assert read.text("amended") == struck67.text("amended") and read.text("original") == struck67.text("original")
    back = read.reject(author="Ana")
    assert not _bare(back)
    assert back.text("amended") == doc67[KEY].text("amended") and back.text("original") == doc67[KEY].text("original")
    (j,) = [k for k in back["considering"].children if k.body("amended") == J_TEXT]
    assert j.label == "j)" and j.status == "inserted" and {r.author for r in j.label_runs + j.runs} == {"Brazil"}
    assert not _bare(read.accept(author="Ana")) and J_TEXT not in read.accept(author="Ana").text("amended")


def test_word_writes_the_paragraph_inserted_by_brazil_and_struck_by_ana(struck67):
    xml = zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(struck67))).read("word/document.xml").decode()
    (para,) = [p for p in re.findall(r"<w:p>.*?</w:p>", xml) if "that the technical community" in p]
    # the paragraph mark inserted by Brazil and deleted by Ana; each run Brazil's insertion deleted by Ana
    assert re.search(r'<w:rPr><w:ins [^>]*w:author="Brazil"/><w:del [^>]*w:author="Ana"[^>]*/></w:rPr></w:pPr>', para)
    runs = re.findall(r"<w:ins [^>]*><w:del [^>]*><w:r>(.*?)</w:r></w:del></w:ins>", para)
    assert [re.sub(r"<[^>]+>", "", r) for r in runs] == ["j)", J_TEXT]  # (the TAB is a w:tab)
    assert "<w:t " not in para and "<w:t>" not in para  # no text in either view


def test_html_shows_the_struck_clause_struck_with_both_authors(struck67):
    html = itu_nb.to_html(struck67)
    at = html.index(J_TEXT[:40])
    para = html[html.rindex("<p ", 0, at) : html.index("</p>", at)]
    assert 'class="node item' in para and para.count('<s class="struck-insert"') == 2
    assert "inserted by Brazil, struck by Ana, 2026-12-05" in para and "<ins" not in para and "<del" not in para


@needs_pandoc
def test_pandoc_shows_the_struck_clause_in_neither_view(struck67, tmp_path):
    path = tmp_path / "struck.docx"
    path.write_bytes(itu_nb.to_docx(struck67))
    for mode in ("accept", "reject"):
        text = subprocess.run(
            ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", f"--track-changes={mode}", str(path)],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        assert "the private sector are key players" not in text
        assert "The Plenipotentiary Conference of the International" in text  # (the formula: in both views)


@needs_soffice
def test_libreoffice_reads_anas_deletion_of_brazils_paragraph(struck67, tmp_path):
    path = tmp_path / "struck.docx"
    path.write_bytes(itu_nb.to_docx(struck67))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    (para,) = [p for p in re.findall(r"<text:p\b.*?</text:p>", fodt, re.S) if "technical community" in p]
    ids = re.findall(r'<text:change-start text:change-id="([^"]+)"', para)
    assert ids  # the text is inside a tracked change
    regions = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<text:changed-region[^>]*xml:id="([^"]+)".*?</text:changed-region>', fodt, re.S)
    }
    creators = [
        re.findall(r"<(text:\w+)>\s*<office:change-info>\s*<dc:creator>(\w+)</dc:creator>", regions[i]) for i in ids
    ]
    assert [("text:deletion", "Ana"), ("text:insertion", "Brazil")] in creators


# -- amend instructions: a run of strikes (amendments.striking), a relettered label, a struck item holding another -----
@pytest.fixture(scope="module")
def three(doc67):
    """Brazil's new considering i), j) and k) (lines 103-105), each struck by Ana as "Delete considering i)": the
    next one is relettered i) before it is struck in turn, so j) and k) are struck with a label in pieces."""
    return itu_nb.amend(doc67[KEY], ["Delete considering i)"] * 3, author="Ana", date=DAY)


def test_a_run_of_strikes_keeps_each_new_item(three, doc67):
    kept = _bare(three)
    assert [(c.key, c.status) for c in kept] == [(f"considering/{x}", "deleted") for x in "ijk"]
    assert ["".join(a.text for a in c.artefacts if a.kind == "struck-insert")[:18] for c in kept] == [
        "i)\tthat some SMEs ",
        "j)\tthat the techni",
        "k)\tthat individual",
    ]
    assert [c.label for c in three["considering"].children if c.exists_in("amended")][-1] == "h)"


@pytest.mark.parametrize("hop", [None, *HOPS])
def test_rejecting_the_run_gives_brazils_three_items_back_with_their_labels(three, doc67, hop):
    read = HOPS[hop](three) if hop else three
    back = read.reject(author="Ana")
    assert back.text("amended") == doc67[KEY].text("amended") and back.text("original") == doc67[KEY].text("original")
    new = [c for c in back["considering"].children if c.status == "inserted"]
    assert [(c.label, c.body()[:14], {r.author for r in c.label_runs + c.runs}) for c in new] == [
        ("i)", "that some SMEs", {"Brazil"}),
        ("j)", "that the techn", {"Brazil"}),
        ("k)", "that individua", {"Brazil"}),
    ]


def test_a_struck_new_item_holding_an_old_one(doc67):
    # recognizing l) (line 119) is Brazil's; the tree reads the unchanged "ii) Resolution 52 …" (line 120) under it
    struck = itu_nb.amend(doc67[KEY], ["Delete recognizing l)"], author="Ana", date=DAY)
    (c,) = _bare(struck)
    assert c.key == "recognizing/l" and [k.body("original")[:13] for k in c.children] == ["Resolution\u00a052"]
    assert [(r.op, r.author) for k in c.children for r in k.label_runs + k.runs] == [(Op.DELETE, "Ana")] * 2
    for read in (struck, *(hop(struck) for hop in HOPS.values())):
        back = read.reject(author="Ana")
        assert back.text("amended") == doc67[KEY].text("amended")
        assert back.text("original") == doc67[KEY].text("original")
        (new_l,) = [k for k in back["recognizing"].children if k.body().startswith("That cyber-risk")]
        assert new_l.label == "l)" and [k.label for k in new_l.children] == ["ii)"]


def test_a_new_paragraph_of_two_authors_struck_comes_back_with_no_label(res130):
    # a paragraph (no label) at the end of resolves, its first word inserted by Brazil and the rest by Mexico
    words = (Run(Op.INSERT, "The ", "Brazil"), Run(Op.INSERT, "work goes on.", "Mexico"))
    para = Clause(NodeKind.PARAGRAPH, "resolves/p1", (), words, section="resolves")
    parent = res130["resolves"]
    p = dataclasses.replace(
        res130,
        clauses=tuple(
            dataclasses.replace(c, children=(*c.children, para)) if c.path == parent.path else c for c in res130.clauses
        ),
    )
    struck = apply_ops(p, [DeleteClause("resolves/p1")], author="Ana", date=DAY)
    (c,) = _bare(struck)
    assert c.kind is NodeKind.PARAGRAPH and [t for t, *_ in _struck(c)] == ["The ", "work goes on."]
    for read in (struck, HOPS["criticmarkup"](struck), HOPS["docx"](struck)):
        back = read.reject(author="Ana")
        (new,) = [k for k in back.walk() if k.body() == "The work goes on."]
        assert new.label is None and not new.label_runs  # "The " is no label
        assert [(r.text, r.author) for r in new.runs] == [("The ", "Brazil"), ("work goes on.", "Mexico")]
        assert back.text("original") == res130.text("original")


def test_a_run_of_moves_and_strikes_of_new_items_equals_one_by_one(doc67):
    # Brazil's new considering i), j), k): moved to the head and struck in one run (amendments.order keeps the list
    # pending: the struck items with no runs at bullet<n>), compared with one operation at a time, every path
    # recomputed (tests/test_amend_linear.reference)
    from test_amend_linear import WHO, _same, reference  # (the analyst P, as reference makes the edits)

    ops = [
        MoveClause("considering i)", before="considering a)"),
        DeleteClause("considering j)"),
        MoveClause("considering j)", before="considering a)"),
        InsertClause("that it is new;", into="considering", label="c)"),
    ]
    fast = apply_ops(doc67[KEY], ops, **WHO)
    _same(fast, reference(doc67[KEY], ops))
    # Brazil's i) and j) moved (struck where they stood); "considering j)" deleted is then the old h) ("the final
    # report …", relettered j) by the first move), struck as text, not kept for struck-inserts
    assert [c.key for c in _bare(fast)] == ["considering/i", "considering/j"]
    back = fast.reject(author=WHO["author"])
    assert back.text("amended") == doc67[KEY].text("amended") and back.text("original") == doc67[KEY].text("original")
