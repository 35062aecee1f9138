"""Stale-base check and lineage: Brazil's B/67/4 (MOD Resolution 130, CriticMarkup reconstruction)
against Resolution 130 (Rev. Dubai, 2018) as adopted in the PP-18 Final Acts.

Every expectation quotes both texts; the Final Acts text is the AKN fixture, Brazil's the
critic.md fixture (line numbers of that file).
"""

from __future__ import annotations

from pathlib import Path

from conftest import nth

import itu_nb
from itu_nb.amendments.lineage import check_base, lineage

FIXTURES = Path(__file__).parent / "fixtures"
ADOPTED = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 130"]
B130 = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")["B/67/4"]
CHANGES = lineage(ADOPTED, [B130], by="change")
CLAUSES = lineage(ADOPTED, [B130])


def row(frame, **where):
    sub = frame
    for k, v in where.items():
        sub = sub[sub[k] == v]
    assert len(sub) == 1, sub
    return sub.iloc[0]


def test_lineage_per_change_on_real_texts():
    assert len(CHANGES) == len(B130.changes)  # one row per tracked change
    # line 67 heading "(Rev. {--Busan, 2014--}{++Dubai, 2018++})"; adopted "RESOLUTION 130 (REV. DUBAI, 2018)"
    assert row(CHANGES, change=nth(B130, "heading@1")).outcome == "fully"
    # title replaced by "Cybersecurity"; adopted title "Strengthening the role of ITU in building confidence…"
    assert row(CHANGES, change=nth(B130, "title@1")).outcome == "not at all"
    # line 89 recalling j) "Resolution 69 (Rev. {--Dubai, 2014--}{++Buenos Aires, 2017++}) of WTDC, on
    # {--the --}{++facilitating ++}creation…"; adopted recalling p) "Resolution 69 (Rev. Buenos Aires, 2017) of
    # WTDC, on the creation of national…": the revision survived, "facilitating" did not
    j1, j2 = row(CHANGES, change=nth(B130, "recalling/j@1")), row(CHANGES, change=nth(B130, "recalling/j@2"))
    assert (j1.adopted_path, j1.outcome) == ("recalling/p", "fully")
    assert (j2.new, j2.outcome) == ("facilitating ", "not at all")
    # line 129 aware h) "WTDC‑{--14 --}{++17 ++}adopted Resolution 80 ({--Dubai, 2014--}{++Rev. Buenos Aires,
    # 2017++})"; adopted aware g) "that WTDC-17 adopted Resolution 80 (Rev. Buenos Aires, 2017)": both kept,
    # but the relettering g) → h) was not (adopted letter g)
    aware = CHANGES[CHANGES.path == "aware/h"].set_index("change")
    assert [aware.outcome[nth(B130, f"aware/h@{n}")] for n in (1, 2, 3)] == ["not at all", "fully", "fully"]
    assert set(aware.adopted_path) == {"aware/g"}
    # line 100: Brazil deleted considering h) "that the number of cyberthreats and cyberattacks is growing…";
    # the adopted text keeps it as k): the deletion did not survive
    assert row(CHANGES, change=nth(B130, "considering/h@1")).outcome == "not at all"
    assert set(CHANGES.outcome) == {"fully", "partly", "not at all"}


def test_lineage_per_clause_can_be_checked_against_both_texts():
    heading = row(CLAUSES, adopted_path="heading")
    assert heading.adopted_text == "RESOLUTION 130 (REV. DUBAI, 2018)" and heading.proposal_path == "heading"
    p = row(CLAUSES, adopted_path="recalling/p")
    assert p.proposal_path == "recalling/j" and p.citation == "recalling p)"
    assert (p.changes, p.fully, p.not_at_all, p.outcome) == (2, 1, 1, "partly")
    assert p.adopted_text.startswith("p)\tResolution 69 (Rev. Buenos Aires, 2017) of WTDC")
    # (Brazil's text has no-break spaces in "Resolution 69" and "Rev. Buenos Aires")
    assert p.proposal_text.replace("\xa0", " ").startswith(
        "j)\tResolution 69 (Rev. Buenos Aires, 2017) of WTDC, on facilitating"
    )
    # recalling b): same subject, no change proposed by Brazil
    assert row(CLAUSES, adopted_path="recalling/b").outcome == "no changes"
    # Brazil's new considering i) "that some SMEs face additional challenges…" is partly in adopted r)
    # "that some small and medium enterprises (SMEs) face additional challenges…"
    r = row(CLAUSES, adopted_path="considering/r")
    assert (r.proposal_path, r.outcome) == ("considering/i", "partly")
    # Brazil's new considering j) and k) have no counterpart in the adopted text: "proposal only",
    # with "" (not None or NaN) for the adopted side
    gone = CLAUSES[CLAUSES.found == "proposal only"].set_index("proposal_path")
    assert gone.loc["considering/j", "outcome"] == gone.loc["considering/k", "outcome"] == "not at all"
    assert set(gone.adopted_path) == set(gone.adopted_text) == {""}
    assert len(CLAUSES[CLAUSES.adopted_path != ""]) == len(list(ADOPTED.walk()))


def test_check_base_lists_where_the_proposer_started_from_other_words():
    report = check_base(B130, ADOPTED)
    # recalling b): Brazil's base "UNGA Resolution 68/167, on the right to privacy…" (line 81),
    # the adopted text "UNGA Resolution 71/199, on the right to privacy in the digital age;"
    b = row(report, path="recalling/b")
    assert (b.kind, b.in_force, b.proposal) == ("replaced", "71/199", "68/167")
    heading = report[report.path == "heading"]
    assert list(zip(heading.in_force, heading.proposal, strict=True)) == [("DUBAI", "Busan"), ("2018", "2014")]
    # only the original view counts: Brazil's own inserted considering i) (line 103) is not a base difference
    assert "considering/i" not in set(report.path)


def test_check_base_on_a_synthetic_stale_base():
    # a proposer who started from an older text: the in-force text minus two things, plus their own edits
    older = itu_nb.amend(
        ADOPTED,
        ['In considering a), replace "reaffirmed" by "confirmed"', "Delete recognizing o)"],
        author="history",
    ).accept()
    proposal = itu_nb.amend(older, 'In resolves 2, replace "high priority" by "top priority"', author="X")
    report = check_base(proposal, ADOPTED)
    assert list(report.kind) == ["replaced", "deleted"]
    assert (report.iloc[0].path, report.iloc[0].in_force, report.iloc[0].proposal) == (
        "considering/a",
        "reaffirmed",
        "confirmed",
    )
    # recognizing o) "that risk assessment and analysis provide…" is in force but not in the proposer's base
    assert report.iloc[1].in_force_path == "recognizing/o" and report.iloc[1].path == ""
    assert check_base(itu_nb.amend(ADOPTED, "Delete resolves 3", author="X"), ADOPTED).empty


def test_lineage_when_the_conference_adopts_exactly_the_proposal():
    # the adopted text is the proposal's amended view: every change survived, fully. Brazil moved
    # words inside a clause (B/67/4 aware c), line 124: "Resolutions 45{-- and 69--} (Rev. Dubai, 2014){++
    # and 69 (Rev. Buenos Aires, 2017)++}"): a diff of the original view alone aligns the moved " and 69"
    # with its old place, which made the deletion look undone
    brazil = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")
    for p in brazil:
        outcomes = lineage(p.amended, [p], by="change").outcome
        assert set(outcomes) <= {"fully"}, (p.id, outcomes.value_counts().to_dict())
    assert sum(len(lineage(p.amended, [p], by="change")) for p in brazil) == 105


def test_lineage_reads_moved_words_case_and_rewrites_against_the_adopted_text():
    tsb = "instructs the Director of the Telecommunication Standardization Bureau/1/i"
    # line 159: "Resolutions 50{--, --}{++ and ++}52{-- and 58--} (Rev. {--Dubai, 2012--}{++Hammamet, 2016++})
    # {++ and 58 (Rev. Dubai, 2012)++}"; adopted 1 i): "Resolutions 50 and 52 (Rev. Hammamet, 2016) and
    # Resolution 58 (Rev. Dubai, 2012)": " and 58" is gone after 52, and the revision is Hammamet's
    assert (
        row(CHANGES, change=nth(B130, f"{tsb}@3")).outcome
        == row(CHANGES, change=nth(B130, f"{tsb}@4")).outcome
        == "fully"
    )
    # B/67/2 (line 44) writes "the {--strategic plan--}{++Strategic Plan++} for the Union"; the adopted
    # Resolution 71 resolves "to adopt the strategic plan contained in Annex 1": a change of case only,
    # judged with case, did not survive
    b672 = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")["B/67/2"]
    r71 = lineage(itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")["Resolution 71"], [b672], by="change")
    assert row(r71, change=nth(b672, "resolves/p1@1")).outcome == "not at all"
    # instructs 3 (line 48): "{--when reporting --}{++to ++}{--annually to the ITU Council, to present annual
    # progress reports --}{++report to the ITU Council ++}"; adopted 3: "to report annually to the ITU
    # Council": Brazil's wording is there, but "annually", which Brazil deleted, is back
    coordination = nth(b672, "instructs the Secretary-General and the Coordination Committee/3@2")
    assert row(r71, change=coordination).outcome == "partly"
