"""The Akoma Ntoso writer's plain clauses written as text (``itu_nb/export/akn_plain.py``) give the bytes the
element tree gives.

Every document here is written twice: as ``to_akn`` writes it, and with every clause sent to the element tree
(``akn.plain`` answering False, and no run of plain leaves written at once: ``TextSlots.leaves``), which is how
every clause was written before the text writer.  The documents are
generated (hypothesis: clauses of random text with XML's special characters, control characters, line breaks, lone
surrogates and non-characters, white space at the edges, changes by odd authors on odd dates, plain clauses among
clauses with a comment or a footnote, nesting past libxml2's 30 levels of indentation) and read from the corpus
(Doc 67 in CriticMarkup and as flattened text, every Final Acts resolution read from Akoma Ntoso).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bounds import bounded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.export import akn_plain
from itu_nb.model import Artefact, Clause, Document, Proposal, Run, Target

FIXTURES = Path(__file__).parent / "fixtures"

#: Characters the writer must clean or escape, and ordinary ones.
_ODD = list("&<>\"'\r\n\t\v\f\x00\x01\x08\x1f\x7f\x85\u2028\ud800\udfff\ufffe\uffff]") + ["]]>", "é", "中", "😀", " "]
_TEXT = st.lists(st.one_of(st.sampled_from(_ODD), st.text(alphabet="abc ;", max_size=4)), max_size=6).map("".join)
_WHO = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["Brazil", "CEPT", 'A "B" & <C>', "a\tb\nc\rd", "x\x01y\ud800", "2018-10-02T10:00:00Z"]),
    _TEXT,
)
_RUN = st.builds(Run, st.sampled_from([Op.EQUAL, Op.EQUAL, Op.INSERT, Op.DELETE]), _TEXT, _WHO, _WHO)
_LABEL = st.lists(
    st.builds(
        Run,
        st.sampled_from([Op.EQUAL, Op.EQUAL, Op.INSERT, Op.DELETE]),
        st.sampled_from(["1\t", "a)\t", "\t", "", " ", "ii)", "2 \t ", "1\v2\t", "<&>\t"]),
        _WHO,
        _WHO,
    ),
    min_size=1,
    max_size=3,
)


def _doc(*proposals: Proposal, on: str = "2018-10-02") -> Document:
    return Document(source="", format="text", metadata={"date": on}, proposals=proposals)


@st.composite
def _node(draw, depth: int = 0, path: str = "s") -> Clause:
    """An item or an unlabelled paragraph, now and then holding a comment or a footnote, with children."""
    item = draw(st.booleans())
    label = tuple(draw(_LABEL)) if item else ()
    runs = tuple(draw(st.lists(_RUN, max_size=4)))
    kids = draw(st.integers(0, 2)) if depth < 3 else 0
    children = [draw(_node(depth + 1, f"{path}/{k}")) for k in range(kids)]
    artefacts: tuple[Artefact, ...] = ()
    odd = draw(st.sampled_from(["", "", "", "", "comment", "footnote"]))
    if odd == "comment":
        at = sum(len(r.text) for r in label)
        artefacts = (Artefact("comment", draw(_TEXT), 0, offset=at, author=draw(_WHO), date=draw(_WHO)),)
    elif odd == "footnote":
        children.append(Clause(NodeKind.FOOTNOTE, f"{path}/fn1", runs=(Run(Op.EQUAL, "a note"),)))
    kind = NodeKind.ITEM if item else NodeKind.PARAGRAPH
    uid = draw(st.sampled_from([None, None, None, "x&<y>", "key\ud800", 'k\x01"q"']))
    return Clause(kind, path, label, runs, tuple(children), artefacts=artefacts, uid=uid)


@st.composite
def _document(draw) -> Document:
    """One to three proposals: heading, title, sometimes a paragraph and the formula, a preamble section and an
    operative section holding generated clauses, and clauses at the top of the body.
    """
    proposals = []
    for n in range(draw(st.integers(1, 2))):
        clauses = [
            Clause(NodeKind.HEADING, "heading", runs=(Run(Op.EQUAL, "RESOLUTION 1"),)),
            Clause(NodeKind.TITLE, "title", runs=(Run(Op.EQUAL, "A title & more"),)),
        ]
        if draw(st.booleans()):
            clauses.append(draw(_node(path="p1")))
            clauses.append(Clause(NodeKind.FORMULA, "formula", runs=(Run(Op.EQUAL, "The Conference,"),)))
        for name in draw(st.lists(st.sampled_from(["considering", "resolves", "instructs"]), max_size=2)):
            kids = tuple(draw(_node(path=f"{name}/{k}")) for k in range(draw(st.integers(0, 3))))
            clauses.append(Clause(NodeKind.SECTION, name, runs=(Run(Op.EQUAL, name),), children=kids, section=name))
        clauses.extend(draw(_node(path=f"top{k}")) for k in range(draw(st.integers(0, 2))))
        pid = draw(st.sampled_from([f"XYZ/1/{n}", "B/67/4", 'a&b<c>"d\te\n', "x\x01\ud800y\r", "res-1", ""]))
        action = draw(st.sampled_from([None, "MOD", "", "A&B<C>", "x\x01\ud800\r"]))
        target = draw(st.sampled_from([None, Target("Resolution", "1", "Rev. & <Dubai>"), Target("Decision", "5")]))
        proposals.append(Proposal(pid, action, target, tuple(clauses)))
    # the export's day as the writer takes it: ten characters that read as a date (digits of any script; a line
    # break at the end passes the writer's test)
    return _doc(*proposals, on=draw(st.sampled_from(["2018-10-02", "2018-10-02\n", "\u0662\u0660\u0661\u0668-10-02"])))


def _both(doc, monkeypatch) -> tuple[str, str]:
    """``doc`` as Akoma Ntoso written as it is, and with every clause built as elements."""
    fast = itu_nb.to_akn(doc)
    with monkeypatch.context() as m:
        m.setattr(akn_plain, "plain", lambda node, memo: False)
        m.setattr(akn_plain.TextSlots, "meta", False)
        m.setattr(akn_plain.TextSlots, "leaves", False)
        slow = itu_nb.to_akn(doc)
    return fast, slow


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_document())
def test_plain_clauses_written_as_text_are_the_bytes_of_the_tree(doc):
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _both(doc, monkeypatch)
    assert fast == slow


def test_the_plain_path_takes_the_usual_clauses_and_leaves_the_others(monkeypatch):
    # a plain item with a plain sub-item is text; one with a comment, or holding a footnote, or holding a sub-item
    # with a comment, is built as elements (its plain sub-items as text), so the generated test above compares both
    memo: dict[int, bool] = {}
    sub = Clause(NodeKind.ITEM, "s/1/a", (Run(Op.EQUAL, "a)\t"),), (Run(Op.INSERT, "to act", "CEPT", "2018"),))
    item = Clause(NodeKind.ITEM, "s/1", (Run(Op.EQUAL, "1\t"),), (Run(Op.EQUAL, "text"),), (sub,))
    assert akn_plain.plain(item, memo) and akn_plain.plain(sub, memo)
    noted = Clause(NodeKind.ITEM, "s/2", (Run(Op.EQUAL, "2\t"),), (Run(Op.EQUAL, "text"),))
    commented = Clause(noted.kind, noted.path, noted.label_runs, noted.runs, artefacts=(Artefact("comment", "c", 0),))
    footnoted = Clause(noted.kind, noted.path, noted.label_runs, noted.runs, (Clause(NodeKind.FOOTNOTE, "s/2/fn1"),))
    other = Clause(sub.kind, "s/3/a", sub.label_runs, sub.runs)
    holding = Clause(NodeKind.ITEM, "s/3", (Run(Op.EQUAL, "3\t"),), (), (other, commented))
    assert not any(akn_plain.plain(n, memo) for n in (commented, footnoted, holding))
    # what the text writer wrote for the document below: every plain clause (item 1 and its sub-item, the sub-item
    # of item 3), and nothing else
    seen: list[str] = []
    real = akn_plain.write_plain
    monkeypatch.setattr(akn_plain, "write_plain", lambda node, *a: (seen.append(node.path), real(node, *a))[1])
    section = Clause(NodeKind.SECTION, "s", runs=(Run(Op.EQUAL, "resolves"),), children=(item, footnoted, holding))
    doc = _doc(Proposal("X/1/1", "MOD", None, (section,)))
    xml = itu_nb.to_akn(doc)
    assert seen == ["s/1", "s/1/a", "s/3/a"]
    assert '<ins itu_nb:author="CEPT" itu_nb:date="2018">to act</ins>' in xml
    assert '<remark class="comment">c</remark>' in xml and '<authorialNote marker="1"' in xml


def test_nesting_past_thirty_levels_keeps_libxml2_indentation(monkeypatch):
    # libxml2 indents at most 60 spaces (30 levels); a chain of 40 sub-items, plain, then with a comment at the
    # bottom (every item above it built as elements but the plain ones beside it)
    def chain(depth: int, odd: bool) -> Clause:
        arts = (Artefact("comment", "deep", 0, offset=2),) if odd and depth == 40 else ()
        kids = (
            (chain(depth + 1, odd), Clause(NodeKind.ITEM, f"d{depth}/x", (Run(Op.EQUAL, "x)\t"),)))
            if depth < 40
            else ()
        )
        return Clause(
            NodeKind.ITEM, f"d{depth}", (Run(Op.EQUAL, f"{depth}\t"),), (Run(Op.DELETE, "t"),), kids, artefacts=arts
        )

    for odd in (False, True):
        section = Clause(NodeKind.SECTION, "s", runs=(Run(Op.EQUAL, "resolves"),), children=(chain(1, odd),))
        doc = _doc(Proposal("X/1/1", "MOD", None, (section,)))
        fast, slow = _both(doc, monkeypatch)
        assert fast == slow
        assert max(len(line) - len(line.lstrip(" ")) for line in fast.splitlines()) == 60


@pytest.mark.parametrize(
    "name",
    ["pp18-doc67-brazil.reconstructed.critic.md", "pp18-doc67-brazil.flattened.txt", "pp18-final-acts.akn.xml"],
)
def test_the_corpus_is_written_to_the_same_bytes(name, monkeypatch):
    doc = itu_nb.load(FIXTURES / name)
    fast, slow = _both(doc, monkeypatch)
    assert fast == slow
    assert fast.count("<paragraph ") > 20  # (the corpus's items: most of them plain)


def test_fifty_thousand_items_each_changed_twice_by_an_author_within_the_bounds():
    # every item: a label, unchanged text, an insertion and a deletion by an author named with XML's special
    # characters on a date (the general path of a block: three runs), its counts read from the output alone
    code = """
import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.model import Clause, Document, Proposal, Run
who = ('A & "B" <C>', "2018-10-02T10:00:00Z")
items = tuple(
    Clause(NodeKind.ITEM, f"resolves/{i}", (Run(Op.EQUAL, f"{i}\\t"),),
           (Run(Op.EQUAL, f"to act on item {i} "), Run(Op.INSERT, "now", *who), Run(Op.DELETE, "later", *who)))
    for i in range(1, 50_001)
)
section = Clause(NodeKind.SECTION, "resolves", runs=(Run(Op.EQUAL, "resolves"),), children=items)
doc = Document(source="", format="text", metadata={"date": "2018-10-02"}, proposals=(Proposal("X/1/1", "MOD", None, (section,)),))
x = itu_nb.to_akn(doc)
print(x.count("<paragraph "), x.count('<ins itu_nb:author="A &amp; &quot;B&quot; &lt;C&gt;" itu_nb:date="2018-10-02T10:00:00Z">now</ins>'),
      x.count("<del "), "<num>50000</num>" in x)
"""
    r = bounded(code, label="to_akn: 50,000 items, each with an insertion and a deletion by an author (100,000 marks)")
    assert r.ok, r
    assert r.stdout.split() == ["50000", "50000", "50000", "True"]
    assert r.within(), r
