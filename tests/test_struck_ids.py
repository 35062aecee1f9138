"""A struck-insert read from Word with no change of its striker's beside it is a change of its own (issue 17).

Data: Brazil's Document 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``), B/67/4 (MOD Resolution
130), resolves 3, as Brazil changed it (source line 141, read by eye)::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities …

written as Word does when the analyst Ana then deletes Brazil's insertion " and WTDC-17": ``w:del`` by Ana inside
``w:ins`` by Brazil, no other run of Ana's in the paragraph (``_word``, built with tests/docx_build).  Brazil's own
replacement of "3 " by "2 " stays an ordinary change.  Expected values are the source's words, read by eye.
"""

from __future__ import annotations

import docx_build as B
import pytest

import itu_nb
from itu_nb import Op
from itu_nb.amendments.reviewing import Review
from itu_nb.model.review import decide
from itu_nb.widgets._payload import pairs_of, tree_nodes, viewer_rows

HEAD = "that ITU shall focus resources … at WTDC\u201114 (Resolution 45)"
TAIL = ", including Objective\u00a0"
END = "and in activities under Question\u00a03/2;"
ORIGINAL = f"{HEAD}{TAIL}3 {END}"  # Brazil's text before his changes: " and WTDC-17" and "2 " are not in it
AMENDED = f"{HEAD}{TAIL}2 {END}"  # after them, with Ana's strike of " and WTDC-17"


def _word(tmp_path, twice: bool = False):
    struck = B.ins(B.dele(B.deleted_run(" and WTDC-17"), "Ana", wid=3), "Brazil", wid=4)
    again = B.ins(B.dele(B.deleted_run(" and WTDC-17"), "Ana", wid=7), "Brazil", wid=8) if twice else ""
    body = (
        B.para(B.run("resolves"))
        + B.para(
            B.run(f"3\t{HEAD}")
            + struck
            + B.run(TAIL)
            + B.dele(B.deleted_run("3 "), "Brazil", wid=5)
            + B.ins(B.run("2 "), "Brazil", wid=6)
            + again
            + B.run(END)
        )
        + B.para(B.run("4\tto end."))
    )
    path = tmp_path / ("twice.docx" if twice else "struck.docx")
    path.write_bytes(B.package(body))
    return path


@pytest.fixture
def p(tmp_path):
    return itu_nb.load(_word(tmp_path))[0]


def _struck(p):
    return [c for c in p.changes if c.kind == "struck-insert"]


def test_it_is_listed_as_a_change_struck_by_ana_inserted_by_brazil(p):
    (s,) = _struck(p)
    assert (s.kind, s.scope, s.path, s.old, s.new) == ("struck-insert", "text", "resolves/3", " and WTDC-17", "")
    assert (s.author, s.inserter) == ("Ana", "Brazil")
    # in reading order: before Brazil's replacement of "3 " by "2 ", which stands after it
    kinds = [(c.kind, c.author) for c in p.changes]
    assert kinds == [("struck-insert", "Ana"), ("replaced", "Brazil")]
    # where it stands in each view's body: after "(Resolution 45)", in neither view
    assert s.old_offset == s.new_offset == len(HEAD)
    row = p.changes.to_frame().set_index("id").loc[s.id]
    assert (row["kind"], row["author"], row["inserter"], row["old"]) == ("struck-insert", "Ana", "Brazil", s.old)


def test_accepting_it_by_id_drops_the_text(p):
    (s,) = _struck(p)
    c = p.accept(s.id)["resolves/3"]
    assert c.body("original") == ORIGINAL and c.body("amended") == AMENDED
    assert not c.artefacts and [k.kind for k in c.changes] == ["replaced"]


def test_rejecting_it_by_id_brings_it_back_as_brazils_insertion(p):
    (s,) = _struck(p)
    q = p.reject(s.id)
    c = q["resolves/3"]
    assert c.body("amended") == f"{HEAD} and WTDC-17{TAIL}2 {END}" and c.body("original") == ORIGINAL
    assert [(k.kind, k.new, k.author) for k in c.changes] == [
        ("inserted", " and WTDC-17", "Brazil"),
        ("replaced", "2 ", "Brazil"),
    ]
    assert not c.artefacts and not _struck(q)


def test_ids_do_not_shift_when_the_other_is_decided(p):
    s, other = p.changes
    assert p.accept(other.id).changes.ids == [s.id]  # Brazil's change decided: the struck-insert keeps its id
    assert p.reject(s.id).changes.ids[1] == other.id and p.accept(s.id).changes.ids == [other.id]
    # every change of Brazil's accepted with the strike rejected: his words come back as text, in both views (as a
    # strike held by a change of Ana's does: model.struck.fates)
    both = decide(p, accepted=[other.id], rejected=[s.id])["resolves/3"]
    assert both.body("amended") == both.body("original") == f"{HEAD} and WTDC-17{TAIL}2 {END}"


def test_decisions_on_everything_settle_it_as_before(p):
    for q in (p.accept(), p.reject(), p.accept(author="Ana")):  # struck, or its insertion rejected with all
        assert not q["resolves/3"].artefacts and " and WTDC-17" not in q["resolves/3"].body("amended")
    back = p.reject(author="Ana")["resolves/3"]
    assert back.body("amended") == f"{HEAD} and WTDC-17{TAIL}2 {END}"
    # Brazil's decision is on his insertion (Ana's strike left as is): rejected, it was never made and goes; accepted,
    # its words are text Ana deleted (follow21: either order of Brazil's and Ana's decisions gives the same)
    gone = p.reject(author="Brazil")["resolves/3"]
    assert not gone.artefacts and gone.body("original") == gone.body("amended") == ORIGINAL
    kept = p.accept(author="Brazil")["resolves/3"]
    assert not kept.artefacts and kept.body("amended") == AMENDED
    assert kept.body("original") == f"{HEAD} and WTDC-17{TAIL}2 {END}"
    assert [(c.kind, c.author, c.old) for c in kept.changes] == [("deleted", "Ana", " and WTDC-17")]


def test_the_same_id_after_a_reload_and_a_saved_review_applies(tmp_path):
    path = _word(tmp_path)
    doc = itu_nb.load(path)
    (s,) = _struck(doc[0])
    review = Review(doc, author="Lead")
    review.decide(doc[0].id, [s.id], "reject")
    saved = review.save(tmp_path / "review.json")
    again = itu_nb.load(path)
    assert [c.id for c in again[0].changes] == [c.id for c in doc[0].changes]
    fresh = Review(again)
    fresh.read(saved)
    assert fresh.decisions(again[0].id) == {s.id: "reject"}
    assert fresh.result(again[0].id)["resolves/3"].body("amended") == f"{HEAD} and WTDC-17{TAIL}2 {END}"


def test_identical_struck_inserts_keep_their_ids_when_one_is_decided(tmp_path):
    p = itu_nb.load(_word(tmp_path, twice=True))[0]
    first, second = _struck(p)
    assert first.old == second.old and first.id != second.id and (first.rank, second.rank) == (0, 1)
    for q in (p.accept(first.id), p.reject(first.id)):
        assert [c.id for c in _struck(q)] == [second.id]
    assert [c.id for c in _struck(p.accept(second.id))] == [first.id]
    gone = p.accept(first.id).accept(second.id)["resolves/3"]
    assert not gone.artefacts


def test_the_viewer_lists_it_and_its_row_points_at_it(p):
    rows, changes = viewer_rows(pairs_of(p), {n.path: n for n in p.walk()})
    assert [c["id"] for c in changes] == p.changes.ids
    (row,) = [r for r in rows if r.get("si")]
    (si,) = row["si"]
    assert (si["text"], si["a"], si["sa"]) == (" and WTDC-17", "Brazil", "Ana")
    assert changes[si["c"]]["k"] == "struck-insert" and changes[si["c"]]["id"] == _struck(p)[0].id
    assert [s[2] for s in row["seg"] if s[0] != 0] == [1, 1]  # Brazil's "3 " → "2 ": the row's second change
    assert [s[1] for s in row["seg"] if s[0] == Op.DELETE] == ["3 "]


def test_the_viewer_decides_it_by_id_and_its_result_follows(p):
    (s,) = _struck(p)
    viewer = itu_nb.RedlineViewer(p, review=None)
    assert s.id in viewer.change_ids and viewer.changes.ids == p.changes.ids
    assert viewer.changes[s.id].inserter == "Brazil"
    viewer.reject(s.id)
    assert viewer.result()["resolves/3"].body("amended") == f"{HEAD} and WTDC-17{TAIL}2 {END}"
    viewer.accept(s.id)
    assert viewer.result()["resolves/3"].body("amended") == AMENDED and not viewer.result()["resolves/3"].artefacts


def test_a_row_whose_one_change_is_a_struck_insert_is_not_folded_away_and_the_tree_counts_it(tmp_path):
    struck = B.ins(B.dele(B.deleted_run(" and WTDC-17"), "Ana", wid=3), "Brazil", wid=4)
    body = B.para(B.run("resolves")) + B.para(B.run(f"3\t{HEAD}") + struck + B.run(f"{TAIL}3 {END}"))
    path = tmp_path / "alone.docx"
    path.write_bytes(B.package(body))
    p = itu_nb.load(path)[0]
    assert not p.changed and [c.kind for c in p.changes] == ["struck-insert"]  # no run changed: one change still
    rows, changes = viewer_rows(pairs_of(p), {n.path: n for n in p.walk()})
    (row,) = [r for r in rows if r.get("si")]
    assert row["k"] == "unchanged" and [c["k"] for c in changes] == ["struck-insert"] and row["si"][0]["c"] == 0
    nodes, _ = tree_nodes(p)
    assert [(n[0], n[6], n[7]) for n in nodes if n[7]] == [(p.id, 0, 1), (f"{p.id}:resolves", 0, 1),
                                                           (f"{p.id}:resolves/3", 0, 1)]  # fmt: skip


def test_struck_inserts_held_by_anas_deletion_point_at_it(tmp_path):
    from conftest import CRITIC

    from itu_nb.amendments.edits import apply_ops
    from itu_nb.amendments.operations import DeleteClause

    doc = itu_nb.load(CRITIC, author="Brazil")
    q = apply_ops(doc["B/67/4"], [DeleteClause("resolves/3")], author="Ana", date="2026-12-05")
    assert not [c for c in q.changes if c.kind == "struck-insert"]  # each held by a deletion of Ana's
    rows, changes = viewer_rows(pairs_of(q), {n.path: n for n in q.walk()})
    row = next(r for r in rows if r["path"] == "resolves/3")
    held = [(s["text"], changes[s["c"]]["a"], changes[s["c"]]["k"]) for s in row["si"]]
    assert held == [(" and WTDC-17", "Ana", "deleted"), ("2 ", "Ana", "deleted")]
    # the segment the struck text stands in is of that very change
    assert [row["seg"][s["seg"]][2] for s in row["si"]] == [s["c"] for s in row["si"]]


def test_thirty_thousand_struck_inserts_in_one_clause_are_listed_decided_and_drawn_within_bounds():
    from bounds import bounded

    r = bounded(
        """
        import itu_nb
        from itu_nb.model.review import decide
        from itu_nb.widgets._payload import pairs_of, viewer_rows
        # CriticMarkup's struck-insert, "a" inserted by B and struck by A, no deletion of A's beside it
        text = "MOD\\tX/1/1\\n\\nresolves\\n1\\tto act" + " {--a--}{>>@A struck @B<<} y" * 30_000 + ".\\n"
        p = itu_nb.load(text)[0]
        ids = p.changes.ids
        back = decide(p, rejected=ids[::2], accepted=ids[1::2])["resolves/1"]
        rows, changes = viewer_rows(pairs_of(p), {n.path: n for n in p.walk()})
        print(len(set(ids)), back.body("amended").count(" a y"), sum(r.author == "B" for r in back.runs),
              len(back.artefacts), len(changes), len(rows[-1]["si"]))
        """,
        label="struck-inserts: 30,000 changes of their own in one clause, decided and drawn",
    )
    assert r.ok and r.within(), str(r)
    # every other one back as B's insertion, the others dropped; each its own change in the viewer too
    assert r.stdout.split() == ["30000", "15000", "15000", "0", "30000", "30000"]
