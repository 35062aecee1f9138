"""The writers' fast paths equal their slow ones: random runs on Doc 67's clauses, written both ways.

The CriticMarkup writer writes a node without artefacts of a line-based document straight from its runs
(``export.lines.plain_rows`` and ``export.critic._node_text``), with no piece or line made for it; with
``plain_rows`` answering None it makes every line's pieces (``export_lines``), as before session 19.  The HTML
writer writes such a node's paragraph from its runs (``export.html_nodes``); ``_node_html`` is the general one.
``count_marks`` counts blocks of nodes in C and counts again node by node the block that passes ``stop``.

The documents are Brazil's proposal (Doc 67, ``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``) with
some clauses' label and text runs replaced by random ones: text holding CriticMarkup and HTML specials
(``{`` ``}`` ``[`` ``]`` ``\\`` ``~`` ``>`` ``<`` ``&``, whole marks, note heads) and control characters, each run
equal, inserted or deleted, with or without an author and a date (some that CriticMarkup cannot write back), and
on some clauses comments and highlights at random places.  Each writer's output (or the ``ExportError`` it
raises) must be the same both ways, character for character.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.errors import ExportError
from itu_nb.export import critic, html, limits
from itu_nb.model import Artefact, Op, Run

BRAZIL = Path(__file__).parent / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md"
_DOC = itu_nb.load(BRAZIL)
#: Clauses of Doc 67 with a line of their own and no artefact (so the fast paths take them), by walk order.
_NODES = [
    (k, n.path)
    for k, p in enumerate(_DOC)
    for n in p.walk()
    if n.line is not None and not n.artefacts and n.kind is not itu_nb.NodeKind.FOOTNOTE
]

_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Z1.;\t{}[]\\~><&\"'+-=:@()*\x01\x0b\x7f\u2029é")), min_size=0, max_size=12
) | st.sampled_from(["{++", "++}", "{--", "{==", "==}", "{>>", "<<}", "~>", "[1: ", "]", "\\[", "[footnoteRef:1]"])
_RUN = st.builds(
    Run,
    st.sampled_from([Op.EQUAL, Op.EQUAL, Op.INSERT, Op.DELETE]),
    _TEXT,
    st.sampled_from([None, None, "Brazil", "CEPT", "a: b", "x<<}", "[B]"]),
    st.sampled_from([None, None, "2018-09-10", "2018-10-02", "soon"]),
)


@st.composite
def _documents(draw):
    """Doc 67 with up to six clauses' runs replaced, some with comments and highlights."""
    picks = draw(st.lists(st.sampled_from(_NODES), min_size=1, max_size=6, unique=True))
    proposals = list(_DOC.proposals)
    for k, path in picks:
        label = tuple(draw(st.lists(_RUN, max_size=2)))
        runs = tuple(draw(st.lists(_RUN, max_size=6)))
        node = proposals[k][path]
        size = sum(len(r.text) for r in label + runs)
        arts: list[Artefact] = []
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, size))
            if draw(st.booleans()):
                arts.append(
                    Artefact(
                        "comment",
                        draw(st.sampled_from(["check", "why [1]?", "a <b> & c"])),
                        node.line,
                        at,
                        draw(st.sampled_from([Op.EQUAL, Op.INSERT])),
                        draw(st.sampled_from([None, "CEPT"])),
                        draw(st.sampled_from([None, "2018-10-02"])),
                    )
                )
            else:
                length = draw(st.integers(0, size - at))
                arts.append(Artefact("highlight", "", node.line, at, Op.EQUAL, length=length))
        arts.sort(key=lambda a: a.offset or 0)
        changed = dataclasses.replace(node, label_runs=label, runs=runs, artefacts=tuple(arts))
        proposals[k] = _replaced(proposals[k], path, changed)
    return dataclasses.replace(_DOC, proposals=tuple(proposals))


def _replaced(proposal, path, node):
    """``proposal`` with its clause at ``path`` replaced by ``node`` (the tree rebuilt above it)."""

    def swap(c):
        if c.path == path:
            return node
        kids = tuple(swap(k) for k in c.children)
        return (
            c if all(a is b for a, b in zip(kids, c.children, strict=True)) else dataclasses.replace(c, children=kids)
        )

    return dataclasses.replace(proposal, clauses=tuple(swap(c) for c in proposal.clauses))


def _written(write, doc):
    try:
        return write(doc)
    except ExportError as exc:
        return ("ExportError", str(exc))


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(_documents())
def test_criticmarkup_nodes_written_from_their_runs_as_from_their_pieces(doc):
    fast = _written(itu_nb.to_criticmarkup, doc)
    with mock.patch.object(critic, "plain_rows", lambda d: None):
        slow = _written(itu_nb.to_criticmarkup, doc)
    assert fast == slow


@PROPERTY
@given(_documents(), st.integers(0, 60))
def test_marks_counted_by_blocks_as_node_by_node(doc, stop):
    nodes = [n for p in doc for n in p.walk()]
    notes = sum(2 for a in doc.artefacts if a.kind in ("comment", "highlight"))
    assert limits.count_marks(doc) == limits._count_nodes(nodes, notes, None)
    assert limits.count_marks(doc, stop=stop) == limits._count_nodes(nodes, notes, stop)


def _walk(nodes, depth=0):
    """Each node with its depth (the items above and including it), in reading order."""
    for node in nodes:
        d = depth + (node.kind is itu_nb.NodeKind.ITEM)
        yield node, d
        yield from _walk(node.children, d)


@PROPERTY
@given(_documents())
def test_html_nodes_written_from_their_runs_as_by_node_html(doc):
    from itu_nb.export.html_nodes import _NO_CHANGES, _node_html, _toc_entry, nodes_html

    for proposal in doc:
        parts, entries, counts = nodes_html(proposal, {}, list)
        own = {id(n): n.changes for n in proposal.walk() if n.changed}
        assert parts == [_node_html(proposal, n, d, own.get(id(n), _NO_CHANGES)) for n, d in _walk(proposal.clauses)]
        toc = [_toc_entry(proposal, n, own.get(id(n), _NO_CHANGES)) for n in proposal.walk()]
        assert entries == [e for e in toc if e is not None]
        runs = [r for n in proposal.walk() for r in n.label_runs + n.runs]
        kinds = [c.kind for changes in own.values() for c in changes]
        assert (counts["ins"], counts["del"], counts["changes"]) == (
            sum(r.op is Op.INSERT for r in runs),
            sum(r.op is Op.DELETE for r in runs),
            len(kinds),
        )
        assert [counts[k] for k in ("inserted", "deleted", "replaced", "relabelled")] == [
            kinds.count(k) for k in ("inserted", "deleted", "replaced", "relabelled")
        ]


def test_the_fast_paths_are_taken_on_doc_67():
    # (the property tests compare both ways only if the fast way is taken: most of Doc 67's lines are nodes
    # given as themselves, and written from their runs)
    rows = critic.plain_rows(_DOC)
    assert rows is not None
    nodes = [r for r in rows if not isinstance(r, critic.Line)]
    assert len(nodes) == len(_NODES) > 40
    assert sum(critic._node_text(n) is not None for n in nodes) > 40
    # the HTML page's paragraphs of Doc 67's plain clauses, as written: B/67/4's "resolves" 1 (no change in it)
    page = html.document_html(_DOC)
    assert (
        '<p class="node item" id="c-B_2f67_2f4_2fresolves_2f1" style="--depth: 1"><span class="label">1\t</span>'
        in page
    )


def test_a_lone_surrogate_anywhere_in_a_long_page_is_replaced():
    # encodable encodes a slice at a time: a surrogate in the third slice, or at a slice's edge, is found too
    from itu_nb.export.lines import _CHUNK, encodable

    page = "resolves … “1” " * (3 * _CHUNK // 15)
    assert encodable(page) is page  # nothing to replace: the page itself
    for at in (0, _CHUNK - 1, _CHUNK, 2 * _CHUNK + 7, len(page) - 1):
        broken = page[:at] + "\ud800" + page[at + 1 :]
        assert encodable(broken) == page[:at] + "\ufffd" + page[at + 1 :]
    pair = "\ud83d\ude00"  # two surrogate code points (not one character): each replaced, as before
    assert encodable("a" + pair + "b") == "a\ufffd\ufffdb"
