"""Typography as its own class of change (issue 18, item 3).

Brazil's B/67/4 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md, 1-based lines) writes
no-break spaces and non-breaking hyphens where the Final Acts' Resolution 130
(tests/fixtures/pp18-final-acts.akn.xml) has plain ones: "ITU‑coordinated" with U+2011 (line 93,
considering a)), "Question 22‑1/1" (line 102); its heading reads "RESOLUTION 130 (Rev. Dubai, 2018)"
(line 76, amended view) where the Final Acts set "RESOLUTION 130 (REV. DUBAI, 2018)" (line 6639).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.model import Op, Run, runs_text
from itu_nb.model.typography import fold, looks_same, typographic_groups


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil")["B/67/4"]


@pytest.fixture(scope="module")
def adopted():
    return itu_nb.load(FINAL_ACTS)["Resolution 130"]


def visible(text: str) -> str:
    """What a reader sees, folded independently of the package: NFKC, dashes, quotes, spaces."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    text = re.sub("[\u2018\u2019]", "'", re.sub("[\u201c\u201d]", '"', text))
    return " ".join(text.split())


def test_by_default_no_reported_change_looks_the_same_on_both_sides(brazil, adopted):
    # the done-when: every change the default comparison reports is visible
    c = itu_nb.compare(brazil, adopted)
    assert c.typography == "hide" and len(c.changes) > 100
    invisible = [
        (ch.path, ch.old, ch.new) for ch in c.changes if ch.scope == "text" and visible(ch.old) == visible(ch.new)
    ]
    # a whole space deleted between words is visible only by its context; none is left that is not
    for path, old, new in invisible:
        assert not old.strip() and not new.strip(), (path, old, new)
        pair = c.pairs[next(ch.pair for ch in c.changes if ch.path == path and ch.old == old)]
        assert " ".join(pair.text("old").split()) != " ".join(pair.text("new").split()), path
    assert not any(ch.typographic for ch in c.changes)
    # and the heading differs only in case and spaces: unchanged (the real change Busan -> Dubai is Brazil's own)
    heading = next(p for p in c.pairs if p.new_path == "heading")
    assert heading.kind == "unchanged" and heading.text("new") == "RESOLUTION 130 (REV. DUBAI, 2018)"
    # recalling a) (critic line 80) writes "Resolution\u00a068/198", the Final Acts "Resolution 68/198": unchanged
    recalling_a = next(p for p in c.pairs if p.new_path == "recalling/a")
    assert recalling_a.kind == "unchanged" and "Resolution 68/198" in recalling_a.text("new")
    hidden = next(n for n in c.notes if n.startswith("typography='hide'"))
    assert f"{len(itu_nb.compare(brazil, adopted, typography='separate').typographic)} typographic" in hidden


def test_separate_keeps_typographic_changes_flagged_and_apart(brazil, adopted):
    hide = itu_nb.compare(brazil, adopted)
    sep = itu_nb.compare(brazil, adopted, typography="separate")
    typo = sep.typographic
    # the substantive changes are the same as with typography hidden
    assert [c.id for c in sep.changes if not c.typographic] == hide.changes.ids
    by_path = {(c.path, c.old, c.new) for c in typo}
    assert ("considering/a", "ITU\u2011coordinated", "ITU-coordinated") in by_path  # line 93
    assert ("heading", "Rev", "REV") in by_path  # case only, in a heading
    assert all(visible(c.old).casefold() == visible(c.new).casefold() or not (c.old + c.new).strip() for c in typo)
    # "Best practices" (line 102, a plain item) against "best practices": case in an item is a real change
    best = [c for c in sep.changes if c.old == "Best" and c.new == "best"]
    assert best and not any(c.typographic for c in best)
    frame = sep.changes.to_frame()
    assert frame["typographic"].sum() == len(typo)
    html = sep.to_html()
    assert html.count('class="itu-nb-typo"') >= len(typo) and "typographic, drawn grey" in html
    # "show": the same changes, drawn like any other
    show = itu_nb.compare(brazil, adopted, typography="show")
    assert show.changes.ids == sep.changes.ids and 'class="itu-nb-typo"' not in show.to_html()


def test_hidden_typography_keeps_the_new_text_and_the_old_up_to_typography(brazil, adopted):
    c = itu_nb.compare(brazil, adopted)
    for p in c.pairs:
        if p.new is not None and p.kind not in ("split", "merged"):
            assert runs_text(p.runs, "amended") == p.new.body(), p
        if p.old is not None and p.kind not in ("split", "merged"):
            # white space at a clause's ends does not show (looks_same)
            assert fold(runs_text(p.runs, "original"), case=True).strip() == fold(p.old.body(), case=True).strip(), p
    # accepting every change still gives the adopted text
    assert c.accept().text().split() == adopted.text().split()


def test_what_counts_as_typography():
    assert looks_same("\u00a0", " ", "Rev.", "Dubai")
    assert looks_same("\u2013", "-") and looks_same("\u201cICT\u201d", '"ICT"') and looks_same("\u2019", "'")
    assert looks_same(" ", "", "the ", "Union") and not looks_same(" ", "", "the", "Union")
    assert not looks_same("Rev", "REV") and looks_same("Rev", "REV", case=True)
    assert not looks_same("2014", "2018") and not looks_same("ITU-T", "ITU-D")
    runs = (Run(Op.EQUAL, "ITU"), Run(Op.DELETE, "\u2011"), Run(Op.INSERT, "-"), Run(Op.EQUAL, "T and "),
            Run(Op.DELETE, "old"), Run(Op.INSERT, "new"))  # fmt: skip
    assert typographic_groups(runs) == [(1, 3)]


def test_a_proposal_change_is_flagged_too():
    p = itu_nb.load("RESOLUTION 1 (Rev. Dubai, 2018)\nresolves\n1\tto use ITU{~~\u2011~>-~~}T and {~~old~>new~~} text;\n",
                    format="criticmarkup")[0]  # fmt: skip
    assert [(c.old, c.new, c.typographic) for c in p.changes] == [("\u2011", "-", True), ("old", "new", False)]


def test_unknown_typography_value_is_refused(brazil, adopted):
    with pytest.raises(ValueError, match="typography='loose'"):
        itu_nb.compare(brazil, adopted, typography="loose")


def test_many_typographic_differences_are_bounded():
    # one 20,000-word clause whose every space is a no-break space on one side: 19,999 typographic groups
    from bounds import bounded

    code = """
import itu_nb
words = [f"w{i}" for i in range(20000)]
old = "resolves\\n1\\t" + "\\u00a0".join(words) + ";\\n"
new = "resolves\\n1\\t" + " ".join(words) + ";\\n"
c = itu_nb.compare(old, new)
print(len(c.changes), c.counts(), c.notes[-1].split(":")[1].split("(")[0].strip())
"""
    r = bounded(code, label="typography: 20,000 no-break spaces in one clause")
    assert r.ok, r.stderr
    assert r.stdout.split("\n")[0] == "0 {'unchanged': 2} 19999 typographic differences"
    assert r.within(), (r.seconds, r.peak_mb)
