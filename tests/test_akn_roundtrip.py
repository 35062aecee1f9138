"""Issue 6: ``load(to_akn(doc))`` gives back the document, changes and all.

Over the Brazil CriticMarkup reconstruction, the flattened extraction (inferred changes) and the
64 Final Acts texts, per proposal: id, action, target; every node's path, kind, section, labels and
text in both views; every change as (id, kind, old, new, author, date).  Not compared (the AKN
writer has no place for them): source lines and artefacts (bookmarks, the footnote mark's offset),
notes, and the ``inferred`` flag of a change.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS, FLATTENED

import itu_nb
from itu_nb import NodeKind, Op
from itu_nb.model import Run

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
BRAZIL = {"author": "Brazil", "date": "2018-09-10"}
SOURCES = {
    "critic": (CRITIC, BRAZIL),
    "flattened": (FLATTENED, {}),
    "final-acts": (FINAL_ACTS, {}),
}


def signature(p) -> tuple:
    nodes = tuple(
        (
            n.path,
            n.kind,
            n.section,
            n.label_original,
            n.label,
            n.body("original").strip() if n.exists_in("original") else None,
            n.body("amended").strip() if n.exists_in("amended") else None,
        )
        for n in p.walk()
    )
    changes = tuple((c.id, c.kind, c.old, c.new, c.author, c.date) for c in p.changes)
    return (p.id, p.action, p.target), nodes, changes


@pytest.fixture(scope="module")
def pairs():
    """name → (document, document read back from its AKN)."""
    out = {}
    for name, (path, options) in SOURCES.items():
        doc = itu_nb.load(path, **options)
        out[name] = (doc, itu_nb.load(doc.to_akn().encode("utf-8")))
    return out


def _params():
    out = []
    for name, (path, options) in SOURCES.items():
        ids = [p.id for p in itu_nb.load(path, **options)]
        out.extend(pytest.param(name, i, id=f"{name}-{pid}") for i, pid in enumerate(ids))
    return out


PARAMS = _params()


def test_every_proposal_of_the_corpus_is_covered(pairs):
    counts = {name: sum(1 for p in PARAMS if p.values[0] == name) for name in SOURCES}
    assert counts == {"critic": 5, "flattened": 5, "final-acts": 70}  # 64 texts and Parts II-VII of the book
    for doc, again in pairs.values():
        assert again.format == "akn"
        assert [p.id for p in again] == [p.id for p in doc]


@pytest.mark.parametrize(("name", "index"), PARAMS)
def test_round_trip(pairs, name, index):
    doc, again = pairs[name]
    head, nodes, changes = signature(doc[index])
    head2, nodes2, changes2 = signature(again[index])
    assert head2 == head
    assert nodes2 == nodes
    assert changes2 == changes


def test_brazil_changes_come_back_with_author_and_date(pairs):
    doc, again = pairs["critic"]
    changes = [c for p in again for c in p.changes]
    assert len(changes) == len([c for p in doc for c in p.changes]) > 100
    assert {(c.author, c.date) for c in changes} == {("Brazil", "2018-09-10")}
    assert [p.action for p in again] == ["MOD", "MOD", "SUP", "MOD", "ADD"]


def test_relettering_is_a_change_inside_the_label(pairs):
    node = pairs["critic"][1]["B/67/4"]["considering/b#2"]
    assert [(r.op, r.text) for r in node.label_runs] == [(Op.DELETE, "c"), (Op.INSERT, "b"), (Op.EQUAL, ")\t")]
    assert (node.label_original, node.label) == ("c)", "b)")
    # a renumbering whose TAB is unchanged, and a label that exists only when amended
    section = pairs["critic"][1]["B/67/2"]["instructs the Secretary-General and the Coordination Committee"]
    assert [(r.op, r.text) for r in section.children[2].label_runs] == [
        (Op.DELETE, "2"),
        (Op.INSERT, "3"),
        (Op.EQUAL, "\t"),
    ]
    assert [(r.op, r.text) for r in section.children[1].label_runs] == [(Op.INSERT, "2\t")]


def test_reasons_and_footnotes_come_back(pairs):
    doc, again = pairs["critic"]
    p = again["B/67/5"]
    reasons = p["reasons"]
    assert reasons.kind is NodeKind.REASONS
    assert reasons.label_runs[0].text.startswith("Reasons:")
    assert [c.path for c in reasons.children] == [f"reasons/p{i}" for i in range(1, 8)]
    assert p.reasons == doc["B/67/5"].reasons
    assert p["reasons/p2/fn2"].kind is NodeKind.FOOTNOTE
    assert again["B/67/4"]["recalling/j/fn1"].label == "1"


def test_annex_with_a_section_and_changes_round_trips():
    text = (
        "ADD\tB/1/1\nRESOLUTION {--1--}{++2++} (Rev. Busan, 2014)\nA title\n"
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n"
        "considering\na)\tfoo {--old--}{++new++} bar;\n{--b--}{++c++})\tbaz\n"
        "resolves\n1\t{--all old--}{++all new++}\n\tbullet text\n"
        "ANNEX TO RESOLUTION 1 (Rev. Busan, 2014)\nSome paragraph in the annex\n"
        "considering\na)\tannexed item\ni)\tsub\nReasons:\tbecause {++really++}\nsecond reason\n"
    )
    doc = itu_nb.load(text, format="criticmarkup", author="X", date="2018-01-01")
    again = itu_nb.load(doc.to_akn())
    assert signature(again[0]) == signature(doc[0])
    assert again[0]["annex 1/considering/a/i"].kind is NodeKind.ITEM
    assert again[0]["resolves/1/bullet1"].label == ""


def _akn(body: str) -> bytes:
    return f"""<akomaNtoso xmlns="{AKN}"><statement><mainBody>{body}</mainBody></statement></akomaNtoso>""".encode()


def test_plain_akn_ins_and_del_without_author():
    xml = _akn(
        "<hcontainer><heading>resolves</heading><paragraph><num><del>2</del><ins>3</ins></num>"
        "<content><p>to <del>invite</del> <ins>allow</ins> them</p></content></paragraph></hcontainer>"
    )
    node = itu_nb.load(xml, format="akn")[0]["resolves/3"]
    assert node.label_runs == (Run(Op.DELETE, "2"), Run(Op.INSERT, "3"), Run(Op.EQUAL, "\t"))
    assert (node.body("original"), node.body("amended")) == ("to invite  them", "to  allow them")
    assert [(c.kind, c.old, c.new, c.author) for c in node.changes] == [
        ("relabelled", "2", "3", None),
        ("deleted", "invite", "", None),
        ("inserted", "", "allow", None),
    ]


def test_pretty_printing_next_to_a_change_is_not_text():
    """A paragraph made only of changes is indented by the pretty-printer; that is layout."""
    xml = _akn("<p>\n      <del>old text</del>\n      <ins>new text</ins>\n    </p>")
    node = itu_nb.load(xml, format="akn")[0]["p1"]
    assert [(r.op, r.text) for r in node.runs] == [(Op.DELETE, "old text"), (Op.INSERT, "new text")]
