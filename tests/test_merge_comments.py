"""Issue 17: ``merge`` carries every proposal's comments and highlights onto the draft, on their words.

Main carried only the base's: those made on the merged proposals were lost.  Now (:mod:`itu_nb.amendments.marks`)
a proposal's marks on a clause of the base go on the same words of the draft's clause (found by a word diff
of the two texts), with their author and date; where the proposal's words did not reach the draft (a
contested edit) they stand where those words stood; an inserted clause left out of the draft gives its marks
to the clause it was to follow.  Never dropped, never doubled.

Data: Resolution 130 (Rev. Dubai, 2018) of the PP-18 Final Acts (``FINAL_ACTS``) and the two administrations'
proposals of ``tests/test_amend_merge.py`` (CEPT, APT), written with real instructions.  Words quoted from the
resolution: resolves 1 "to continue to give this work high priority within ITU…", resolves 2 "to give high
priority to the work of ITU…", resolves 3 "that ITU shall focus resources…", resolves 4 "to promote a
culture…", recognizing b) "that the development of ICTs has been and continues to be instrumental…", noting d)
"the Union's initiative on cooperation with the Forum for Incident Response and Security Teams,", considering b)
"the crucial importance of information and communication infrastructures…".  The analyst Ana marks both.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from bounds import bounded
from conftest import CRITIC, libreoffice_fodt, needs_soffice
from test_amend_merge import APT as APT_TEXT
from test_amend_merge import CEPT as CEPT_TEXT
from test_amend_merge import RES130
from test_moved_comments import _mark

import itu_nb
from itu_nb.amendments.merging import merge
from itu_nb.amendments.operations import Comment


def _lit(p, note: str) -> list[tuple[str, str, str | None, str | None]]:
    """For each clause holding comment ``note``: (path, the highlighted characters just before it in the clause's
    source text, author, day)."""
    out = []
    for c in p.walk():
        src = "".join(r.text for r in c.label_runs + c.runs)
        arts = list(c.artefacts)
        for i, a in enumerate(arts):
            if a.kind == "comment" and a.text == note:
                lit = arts[i - 1] if i else None
                chars = src[lit.offset : lit.offset + lit.length] if lit is not None and lit.kind == "highlight" else ""
                out.append((c.path, chars, a.author, (a.date or "")[:10] or None))
    return out


CEPT = _mark(CEPT_TEXT, "resolves/4", "foster", "CEPT: foster")  # agreed by both: in the draft
CEPT = _mark(CEPT, "resolves/2", "highest", "CEPT: highest")  # contested by APT: not in the draft
CEPT = itu_nb.amend(CEPT, Comment(at="considering/c", text="CEPT wants this"), author="Ana", date="2026-12-03")
APT = _mark(APT_TEXT, "recognizing/b", "telecommunications", "APT: wider")  # uncontested
APT = _mark(APT, "resolves/1", "high priority", "APT: keep")  # a clause APT left unchanged
APT = _mark(APT, "noting/d", "work", "APT: work")  # CEPT deletes noting d): delete-modify, left out
DRAFT = merge(RES130, [CEPT, APT])

WANT = [
    ("considering/b", "", "Ana", "2026-12-03"),  # "CEPT wants this": its clause was left out (same-slot)
    ("noting/d", "initiative", "Ana", "2026-12-03"),  # "APT: work": on the words that stand where "work" would
    ("recognizing/b", "telecommunications", "Ana", "2026-12-03"),
    ("resolves/1", "high priority", "Ana", "2026-12-03"),
    ("resolves/2", "high", "Ana", "2026-12-03"),  # "CEPT: highest": on the base's word in its place
    ("resolves/4", "foster", "Ana", "2026-12-03"),
]
NOTES = ["CEPT wants this", "APT: work", "APT: wider", "APT: keep", "CEPT: highest", "CEPT: foster"]


def _all(p) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(x for n in NOTES for x in _lit(p, n))


def test_marks_on_words_that_reach_the_draft_stay_on_them():
    assert _lit(DRAFT, "APT: wider") == [("recognizing/b", "telecommunications", "Ana", "2026-12-03")]
    assert _lit(DRAFT, "APT: keep") == [("resolves/1", "high priority", "Ana", "2026-12-03")]
    # both insert "foster" (one edit, agreed): the draft's source reads "promotefoster"; the mark is on "foster"
    assert _lit(DRAFT, "CEPT: foster") == [("resolves/4", "foster", "Ana", "2026-12-03")]
    assert DRAFT["resolves/4"].body("amended").startswith("to foster a culture")
    amended = DRAFT.amended
    assert _lit(amended, "APT: wider") == [("recognizing/b", "telecommunications", "Ana", "2026-12-03")]


def test_marks_on_words_left_out_stand_where_the_words_stood():
    # resolves 2: "high priority" is contested (CEPT "the highest priority", APT "top priority"): the draft keeps
    # the base's words, and CEPT's highlight of "highest" and its comment stand on "high", which is in its place
    assert _lit(DRAFT, "CEPT: highest") == [("resolves/2", "high", "Ana", "2026-12-03")]
    # noting d): CEPT deletes it, APT replaces "initiative" by "work": a conflict, the base's words stay; APT's
    # highlight of "work" and its comment go to "initiative", the word standing where "work" would
    assert _lit(DRAFT, "APT: work") == [("noting/d", "initiative", "Ana", "2026-12-03")]
    assert DRAFT["noting/d"].status == "unchanged" and DRAFT["resolves/2"].status == "unchanged"


def test_an_inserted_clause_left_out_gives_its_marks_to_the_clause_it_was_to_follow():
    # both insert a new considering c): a same-slot conflict; CEPT's comment goes to the end of considering b)
    c = DRAFT["considering/b"]
    (note,) = [a for a in c.artefacts if a.text == "CEPT wants this"]
    assert note.offset == len("".join(r.text for r in c.label_runs + c.runs))
    slot = next(x.id for x in DRAFT.conflict_list if x.kind == "same-slot")
    settled = DRAFT.resolve(slot, side="CEPT")
    assert [(x[0], x[2]) for x in _lit(settled, "CEPT wants this")] == [("considering/c", "Ana")]
    assert settled["considering/c"].body("amended") == "that CEPT says so;"


def test_every_mark_is_carried_once_and_survives_resolving_and_deciding():
    assert _all(DRAFT) == WANT
    overlap = next(x.id for x in DRAFT.conflict_list if x.kind == "overlap")
    # settled for APT ("top priority"): CEPT's marks on "highest" go to "top", the word now in its place
    want = [("resolves/2", "top", *x[2:]) if x[0] == "resolves/2" else x for x in WANT]
    assert _all(DRAFT.resolve(overlap, side="APT")) == want
    accepted = _all(DRAFT.accept())
    assert [(x[0], x[1]) for x in accepted] == [(x[0], x[1]) for x in WANT]


def test_the_base_marks_are_not_doubled_by_proposals_written_on_the_marked_base():
    base = _mark(RES130, "resolves/3", "ITU", "base")  # resolves 3 "that ITU shall focus resources…"
    cept = itu_nb.amend(base, 'In resolves 2, replace "high priority" by "priority"', author="CEPT")
    apt = itu_nb.amend(base, "Move resolves 3 after resolves 5", author="APT")  # the copy holds the mark
    draft = merge(base, [cept, apt])
    got = _lit(draft, "base")
    assert len(got) == 1
    (path, chars, _a, _d) = got[0]
    assert draft[path].status == "inserted" and chars == "ITU"  # on the moved copy, on its word


def test_a_mark_of_the_base_both_proposals_carry_is_shown_once():
    base = _mark(RES130, "resolves/3", "ITU", "base")  # resolves 3 "that ITU shall focus resources…"
    cept = itu_nb.amend(base, 'In resolves 3, replace "focus" by "concentrate"', author="CEPT")
    apt = itu_nb.amend(base, 'In resolves 2, replace "high priority" by "priority"', author="APT")
    assert _lit(merge(base, [cept, apt]), "base") == [("resolves/3", "ITU", "Ana", "2026-12-03")]


def test_marks_on_a_clause_a_proposal_strikes_go_to_the_base_clause_it_strikes():
    # CEPT deletes noting d) ("the Union's initiative on cooperation…"); Ana had marked "initiative" in it
    cept = itu_nb.amend(_mark(RES130, "noting/d", "initiative", "drop it?"), "Delete noting d)", author="CEPT")
    alone = merge(RES130, [cept])
    assert _lit(alone, "drop it?") == [("noting/d", "initiative", "Ana", "2026-12-03")]
    assert alone["noting/d"].status == "deleted"
    # with APT editing noting d) the deletion is contested: the clause stays, the mark on its word
    assert _lit(merge(RES130, [cept, APT_TEXT]), "drop it?") == [("noting/d", "initiative", "Ana", "2026-12-03")]


def test_a_struck_clause_of_another_text_gives_its_marks_to_the_clause_enclosing_it():
    # Brazil's B/67/4 (Doc 67, line 100: "{--h)<TAB>that the number of cyberthreats …--}", struck whole) merged onto
    # Resolution 130 as adopted at Dubai: no clause of that text reads so, so Ana's mark on it goes to the end of
    # the section holding it, considering
    b67 = itu_nb.load(CRITIC, author="Brazil")["B/67/4"]
    draft = merge(RES130, [_mark(b67, "considering/h", "that", "why struck?")])
    (got,) = [c for c in draft.walk() if any(a.text == "why struck?" for a in c.artefacts)]
    (note,) = [a for a in got.artefacts if a.text == "why struck?"]
    assert got.path == "considering" and note.offset == len("".join(r.text for r in got.label_runs + got.runs))


def test_two_comments_alike_on_one_clause_stay_two():
    # Ana wrote "check" after "high" and after "priority" of resolves 1 in APT's text: both reach the draft
    apt = _mark(APT_TEXT, "resolves/1", "high", "check")
    apt = _mark(apt, "resolves/1", "priority", "check")
    got = _lit(merge(RES130, [CEPT_TEXT, apt]), "check")
    assert got == [("resolves/1", "high", "Ana", "2026-12-03"), ("resolves/1", "priority", "Ana", "2026-12-03")]


def test_ten_thousand_comments_of_a_proposal_reach_the_draft_in_bounded_time():
    # every mark is placed by binary searches in the word diff's pieces and the clause's runs
    r = bounded(
        """
        import dataclasses, itu_nb
        from itu_nb.model import Artefact
        base = itu_nb.load("MOD\\tX/1/1\\n\\nresolves\\n1\\tto act" + " a" * 10_000 + ".\\n")[0]
        side = itu_nb.amend(base, 'In resolves 1, replace "to act" by "to do"', author="CEPT")
        c = side["resolves/1"]
        start = sum(len(r.text) for r in c.label_runs + c.runs) - 1 - 2 * 10_000
        arts = tuple(Artefact("comment", f"n{k}", 0, start + 2 * k + 2, author="Ana") for k in range(10_000))
        side = dataclasses.replace(side, clauses=tuple(
            dataclasses.replace(x, children=(dataclasses.replace(x.children[0], artefacts=arts),))
            if x.path == "resolves" else x for x in side.clauses))
        node = itu_nb.merge(base, [side])["resolves/1"]
        src = "".join(r.text for r in node.label_runs + node.runs)
        notes = [a for a in node.artefacts if a.kind == "comment"]
        print(len(notes), len({a.text for a in notes}), src[: notes[-1].offset][-3:])
        """,
        label="merge: 10,000 comments on a proposal's clause",
    )
    assert r.ok and r.within(), str(r)
    # all 10,000, each its own, the last right after the last "a" (the text ends "… a a a.")
    assert r.stdout.split() == ["10000", "10000", "a", "a"]


@pytest.mark.parametrize("fmt", ["critic", "akn", "docx"])
def test_every_export_keeps_every_mark_once(tmp_path, fmt):
    data = {"critic": itu_nb.to_criticmarkup, "akn": itu_nb.to_akn, "docx": itu_nb.to_docx}[fmt](DRAFT)
    path = tmp_path / f"draft.{ {'critic': 'md', 'akn': 'xml', 'docx': 'docx'}[fmt] }"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    (back,) = itu_nb.load(path).proposals
    assert _all(back) == WANT
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/comments.xml").decode()
        assert all(xml.count(n.replace("'", "&apos;")) + xml.count(n) >= 1 for n in NOTES)


def test_html_shows_every_comment_once():
    html = itu_nb.to_html(DRAFT)
    assert [html.count(n) for n in NOTES] == [1] * len(NOTES)


@needs_soffice
def test_libreoffice_shows_every_comment_once(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(itu_nb.to_docx(DRAFT))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    bodies = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<office:annotation\b.*?</office:annotation>", fodt, re.S)]
    assert [sum(n in b for b in bodies) for n in NOTES] == [1] * len(NOTES)
