"""Clause addresses and clause-addressed edits on real texts.

Sources: the PP-18 Final Acts (tests/fixtures/pp18-final-acts.akn.xml), Resolution 130
(Rev. Dubai, 2018), whose *considering* runs a) … r); and Brazil's B/67/4 (MOD
Resolution 130) in the CriticMarkup reconstruction, line numbers as in that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import itu_nb
from itu_nb.amendments.addressing import cite, resolve
from itu_nb.amendments.amending import amend
from itu_nb.amendments.edits import (
    AddSection,
    DeleteClause,
    EditError,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    Renumber,
    ReplaceClause,
    ReplaceWords,
    apply_ops,
)
from itu_nb.amendments.relettering import repath
from itu_nb.errors import AddressError
from itu_nb.model import Op

FIXTURES = Path(__file__).parent / "fixtures"
FA = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")
RES130 = FA["Resolution 130"]
BRAZIL = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil", date="2018-09-10")
B130 = BRAZIL["B/67/4"]
WHO = {"author": "CEPT", "date": "2018-10-01"}


def labels(p, section, view="amended"):
    return [c.label_in(view) for c in p[section].children if c.exists_in(view) and c.label_in(view)]


def body(p, path, view="amended"):
    return p[path].body(view).strip()


# -- addresses -------------------------------------------------------------------------
def test_citations_resolve_in_the_view_they_are_read_in():
    # critic.md line 96 "{--d--}{++c++})\tthat the ITU Secretary-General…": c) when amended
    assert resolve(B130, "considering c)").path == "considering/c"
    assert body(B130, "considering/c").startswith("that the ITU Secretary-General has been invited")
    # line 95 "{--c--}{++b++})\tthat, with the application…": the original c)
    assert resolve(B130, "considering c)", view="original").path == "considering/b#2"
    # lines 147-150: instructs the Secretary-General and the Directors of the Bureaux, 1, ii)
    node = resolve(B130, "instructs the Secretary-General and the Directors of the Bureaux 1 ii)")
    assert node.body().startswith("the progress achieved in the implementation of this resolution")
    # the longer keyword wins over "instructs the Secretary-General", which is its own section
    assert resolve(B130, "instructs the Secretary-General 1").path == "instructs the Secretary-General/1"
    assert resolve(B130, "Resolves, paragraph 2").path == "resolves/2"
    assert resolve(B130, "paragraph 2 of resolves").path == "resolves/2"
    assert resolve(B130, "the title").path == "title"
    assert resolve(B130, "bearing in mind").path == "bearing in mind"
    assert resolve(B130, "considering/b#2").path == "considering/b#2"  # a path is an address too


def test_cyrillic_labels_are_cited_in_latin():
    # B/67/5 (draft new resolution [B-1]) labels recognizing further a) and c) with Cyrillic а) с)
    b1 = BRAZIL["B/67/5"]
    node = resolve(b1, "recognizing further c)")
    assert node.label_runs[0].text.startswith("с")  # U+0441, as written
    assert cite(b1, node) == "recognizing further c)"


def test_address_errors_say_what_did_not_match():
    with pytest.raises(AddressError, match=r"considering has no z\) in the amended view \(a\) … k\)\)"):
        resolve(B130, "considering z)")
    with pytest.raises(AddressError, match=r"near: \['considering c\)'"):
        resolve(B130, "consdering c)")
    # the deleted h) (line 100) exists only in the original view; the amended h) is old j)
    assert resolve(B130, "considering h)").path == "considering/h#2"
    assert resolve(B130, "considering h)", view="original").path == "considering/h"


# -- edits: relettering on the Final Acts ------------------------------------------
def test_inserting_a_considering_c_reletters_the_rest():
    new = apply_ops(RES130, [InsertClause("that a new text;", into="considering", label="c)")], **WHO)
    # Final Acts: considering a) … r); the new c) pushes the old c) … r) to d) … s)
    assert labels(new, "considering") == [f"{chr(c)})" for c in range(ord("a"), ord("s") + 1)]
    assert labels(new, "considering", "original") == labels(RES130, "considering")
    assert new["considering/c"].status == "inserted"
    assert body(new, "considering/d").startswith("the cybersecurity-related provisions of the Tunis Commitment")
    assert new["considering/d"].label_original == "c)"
    assert body(new, "considering/s").startswith("that some small and medium enterprises (SMEs)")
    # relabels are label runs, not text edits
    change = new["considering/d"].changes[0]
    assert (change.kind, change.old, change.new, change.author) == ("relabelled", "c", "d", "CEPT")
    # the relettered clause keeps its identity: the id is built on its key, considering/c as loaded
    assert new["considering/d"].key == "considering/c" and change.id.startswith("considering/c@")
    assert new["considering/c"].key != "considering/c"  # the new c) has a key of its own
    assert [r.op for r in new["considering/d"].label_runs] == [Op.DELETE, Op.INSERT, Op.EQUAL]
    assert new.text("original") == RES130.text("original")
    assert RES130["considering/c"].label == "c)"  # the input is untouched


def test_deleting_an_item_reletters_and_paths_follow_the_parser():
    new = apply_ops(RES130, [DeleteClause("recognizing c)")], **WHO)
    # recognizing c) "that WSIS affirmed the importance…" is struck; old d) becomes c)
    assert new["recognizing/c"].status == "deleted"
    assert body(new, "recognizing/c", "original").startswith("that WSIS affirmed")
    assert new["recognizing/c#2"].label_original == "d)" and new["recognizing/c#2"].label == "c)"
    assert labels(new, "recognizing")[-1] == "n)"  # a) … o) less one
    assert [n.path for n in repath(new).walk()] == [n.path for n in new.walk()]
    # the amended text parses back to the tree the edit made
    parsed = itu_nb.load(new.text("amended"), format="text")[0]
    assert [n.path for n in parsed.walk()] == [n.path for n in repath(new.accept()).walk()]


def test_inserting_after_and_before_a_clause_computes_the_label():
    new = apply_ops(RES130, [InsertClause("to do more;", after="resolves 2")], **WHO)
    assert new["resolves/3"].status == "inserted" and new["resolves/4"].label_original == "3"
    assert labels(new, "resolves") == [str(n) for n in range(1, 14)]  # 1-12, one more
    # the next section numbers its own list: it keeps its numbers
    nxt = new["instructs the Secretary-General and the Directors of the Bureaux/1"]
    assert nxt.body().startswith("to continue to review:") and not nxt.relabelled
    first = apply_ops(RES130, [InsertClause("that a first thing;", before="aware a)")], **WHO)
    assert [first[f"aware/{x}"].label_original for x in "ab"] == [None, "a)"]
    with pytest.raises(EditError, match=r"would be c\), not e\)"):
        apply_ops(RES130, [InsertClause("x;", after="considering b)", label="e)")], **WHO)


def test_a_lone_paragraph_becomes_a_when_a_labelled_item_joins_it():
    # Final Acts: "bearing in mind" has one unlabelled paragraph
    new = apply_ops(RES130, [InsertClause("the work of WTSA;", into="bearing in mind", label="b)")], **WHO)
    assert labels(new, "bearing in mind") == ["a)", "b)"]
    assert labels(new, "bearing in mind", "original") == []
    assert body(new, "bearing in mind/a").startswith("the work of ITU established by Resolutions 50 and 52")


def test_words_replace_delete_insert():
    new = apply_ops(
        RES130,
        [
            ReplaceWords("resolves 2", "high priority", "the highest priority"),
            ReplaceWords("considering b)", "crucial", ""),
            InsertWords("resolves 1", "and urgently", after="high priority"),
        ],
        **WHO,
    )
    assert body(new, "resolves/2").startswith("to give the highest priority to the work of ITU")
    assert body(new, "resolves/2", "original").startswith("to give high priority to the work of ITU")
    assert body(new, "considering/b").startswith("the  importance of information")  # spaces are kept as written
    assert body(new, "resolves/1").startswith("to continue to give this work high priority and urgently within ITU")
    assert [(c.kind, c.old, c.new) for c in new.changes if c.path == "resolves/2"] == [
        ("replaced", "high priority", "the highest priority")
    ]
    assert new.text("original") == RES130.text("original")


def test_word_matching_is_loose_on_hyphens_and_strict_on_words():
    # critic.md line 93 writes "ITU‑coordinated" with a non-breaking hyphen (U+2011)
    new = apply_ops(B130, [ReplaceWords("considering a)", "ITU-coordinated", "ITU‑led")], **WHO)
    assert "ITU‑led WSIS+10" in new["considering/a"].body()
    with pytest.raises(AddressError, match=r"the words 'hgh priority' are not in resolves 2 .*near: \['high priority'"):
        apply_ops(RES130, [ReplaceWords("resolves 2", "hgh priority", "x")])
    # resolves 2: "…with other relevant bodies/agencies … and other relevant international bodies…"
    with pytest.raises(EditError, match=r"'relevant' occurs 2 times in resolves 2; pass occurrence=1…2"):
        apply_ops(RES130, [ReplaceWords("resolves 2", "relevant", "competent")])
    once = apply_ops(RES130, [ReplaceWords("resolves 2", "relevant", "competent", occurrence=2)])
    assert "other relevant bodies/agencies" in body(once, "resolves/2")
    assert "other competent international bodies" in body(once, "resolves/2")


def test_edits_on_a_proposal_keep_its_own_changes():
    # B/67/4 considering: amended a) b) b) c) … (the README's least certain spot 1); add a new d)
    new = apply_ops(B130, [InsertClause("that a new text;", into="considering", label="d)")], **WHO)
    assert new.text("original") == B130.text("original")
    assert new["considering/d"].status == "inserted"
    assert body(new, "considering/e").startswith("the ITU Global Cybersecurity Agenda (GCA)")  # old e), Brazil's d)
    assert new["considering/e"].label_original == "e)"
    brazil = [c for c in new.changes if c.author == "Brazil"]
    assert len(brazil) >= len([c for c in B130.changes if c.path.startswith("considering")]) - 8  # relabels merged
    # Brazil's word changes elsewhere are untouched
    assert new["recalling/j"].runs == B130["recalling/j"].runs


def test_replace_move_relabel_renumber_add_section():
    new = apply_ops(RES130, [ReplaceClause("resolves 3", "to do it all;")], **WHO)
    assert body(new, "resolves/3") == "to do it all;"
    assert body(new, "resolves/3", "original").startswith("that ITU shall focus resources")
    moved = apply_ops(RES130, [MoveClause("aware c)", after="aware e)")], **WHO)
    # aware c) "that ITU has a fundamental role…" moves after e): struck at c), old d) e) become c) d),
    # and it is inserted as the new e); f) onwards keep their letters
    assert moved["aware/c"].status == "deleted"
    assert body(moved, "aware/e").startswith("that ITU has a fundamental role")
    assert moved["aware/e"].status == "inserted"
    assert moved["aware/d"].label_original == "e)" and not moved["aware/f"].relabelled
    assert labels(moved, "aware") == [f"{x})" for x in "abcdefgh"]
    assert moved.text("original") == RES130.text("original")
    relabelled = apply_ops(RES130, [Relabel("noting d)", "e)")], **WHO)
    assert relabelled["noting/e"].label_original == "d)"
    gap = apply_ops(RES130, [Relabel("noting d)", "e)"), Renumber("noting")], **WHO)
    assert labels(gap, "noting") == ["a)", "b)", "c)", "d)"] and not gap["noting/d"].relabelled
    added = apply_ops(RES130, [AddSection("noting further", ("that a thing,",))], **WHO)
    order = [c.path for c in added.sections]
    assert order.index("noting further") == order.index("noting") + 1
    assert added["noting further/p1"].status == "inserted"
    two = apply_ops(RES130, [AddSection("invites Sector Members", ("to a;", "to b;"), after="resolves")], **WHO)
    assert labels(two, "invites Sector Members") == ["1", "2"]
    with pytest.raises(EditError, match="not a section keyword"):
        apply_ops(RES130, [AddSection("Considering that", ())])


def test_amend_records_author_date_and_instructions():
    new = amend(RES130, 'In resolves 2, replace "high priority" by "the highest priority"', **WHO)
    change = new.changes[0]
    assert (change.author, change.date) == ("CEPT", "2018-10-01")
    assert new.provenance[-1].startswith("CEPT 2018-10-01: ReplaceWords(")
    assert new.provenance[-1].endswith("""← 'In resolves 2, replace "high priority" by "the highest priority"'""")
    with pytest.raises(AddressError, match=r"^instruction 'Delete considering zz\)': res-130: no clause"):
        amend(RES130, "Delete considering zz)")
    with pytest.raises(AddressError, match="4 texts|5 texts"):
        amend(BRAZIL, "Delete considering a)")
