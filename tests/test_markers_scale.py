"""A million CriticMarkup markers of every kind, and the exports of large marker files (issue 17).

Each input runs in a child process (:func:`bounds.bounded`), within ``bounds.MAX_SECONDS`` CPU seconds and
``bounds.MAX_MB``; ``benchmarks/bench_bounds.py`` lists the rows against the budget.  What loads and what is
refused follows from the two documented bounds: the CriticMarkup reader takes at most
:data:`itu_nb.parsing.markup.MAX_NOTES` comments and highlights (changes are not counted), and each writer at
most :data:`itu_nb.export.limits.MAX_MARKS` marks.  Every input is built here; what it must give follows from
how it is built (said at each test).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bounds import bounded

import itu_nb
from itu_nb.export.limits import MAX_MARKS, count_marks
from itu_nb.model.change import Change
from itu_nb.parsing.markup import MAX_NOTES

HEAD = "MOD\tX/1/1\n\nRESOLUTION 1 (Rev. Dubai, 2018)\n\nTitle\n\nconsidering\n\n"
#: One marker of each kind, each followed by a space (so that no two marks merge).
UNITS = {
    "insertions": "{++a++} ",
    "deletions": "{--a--} ",
    "substitutions": "{~~a~>b~~} ",
    "highlights": "{==z==} ",
    "comments": "w{>>c<<} ",
    "highlights with a comment": "{==z==}{>>c<<} ",
}
BRAZIL = "tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md"


def _ok(r) -> list:
    assert r.ok, str(r)
    assert r.within(), str(r)
    return json.loads(r.stdout.strip().splitlines()[-1])


# -- loading -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "runs"), [("deletions", 2), ("substitutions", 3)])
def test_a_million_changes_load(kind, runs):
    # "{--a--} " a million times: deleted "a" and equal " " in turn, two million runs; "{~~a~>b~~} ": deleted
    # "a", inserted "b", equal " ", three million (insertions: test_parse_hostile.test_a_million_critic_markers)
    r = bounded(
        f"""
        import itu_nb, json
        text = {HEAD!r} + {UNITS[kind]!r} * 1_000_000 + "\\n"
        runs = itu_nb.load(text, format="criticmarkup", max_bytes=10**8)["X/1/1"]["considering/p1"].runs
        print(json.dumps([len(runs), [(int(r.op), r.text) for r in runs[:{runs + 1}]]]))
        """,
        label=f"CriticMarkup: a million {kind}, loaded",
    )
    n, first = _ok(r)
    assert n == runs * 1_000_000
    want = {"deletions": [(-1, "a"), (0, " "), (-1, "a")], "substitutions": [(-1, "a"), (1, "b"), (0, " "), (-1, "a")]}
    assert [tuple(x) for x in first] == want[kind]


@pytest.mark.parametrize("kind", ["highlights", "comments", "highlights with a comment"])
def test_a_million_comments_or_highlights_are_refused_naming_the_bound(kind):
    # more than MAX_NOTES comments and highlights: a LoadError at once, counted from the openers (a pair
    # "{==z==}{>>c<<}" is two: 2,000,000)
    r = bounded(
        f"""
        import itu_nb, json
        text = {HEAD!r} + {UNITS[kind]!r} * 1_000_000 + "\\n"
        try:
            itu_nb.load(text, format="criticmarkup", max_bytes=10**8)
        except itu_nb.LoadError as exc:
            print(json.dumps([type(exc).__name__, str(exc)]))
        """,
        label=f"CriticMarkup: a million {kind}, refused",
    )
    name, message = _ok(r)
    count = "2,000,000" if kind == "highlights with a comment" else "1,000,000"
    assert name == "LoadError"
    assert message.startswith(f"<text>: {count} CriticMarkup comments and highlights, more than the 100,000")


def test_the_bound_on_comments_and_highlights():
    # MAX_NOTES itself loads (50,000 highlights and 50,000 comments), one more is refused
    assert MAX_NOTES == 100_000
    r = bounded(
        f"""
        import itu_nb, json
        load = lambda text: itu_nb.load({HEAD!r} + text + "\\n", format="criticmarkup", max_bytes=10**8)["X/1/1"]
        node = load("{{==z==}} " * 50_000 + "w{{>>c<<}} " * 50_000)["considering/p1"]
        kinds = [a.kind for a in node.artefacts]
        try:
            load("{{==z==}} " * 50_000 + "w{{>>c<<}} " * 50_001)
            refused = None
        except itu_nb.LoadError as exc:
            refused = str(exc)
        print(json.dumps([kinds.count("highlight"), kinds.count("comment"), refused]))
        """,
        label="CriticMarkup: 100,000 comments and highlights (the bound), loaded; one more refused",
    )
    lit, comments, refused = _ok(r)
    assert (lit, comments) == (50_000, 50_000)
    assert refused.startswith("<text>: 100,001 CriticMarkup comments and highlights, more than the 100,000")


def test_a_million_changes_with_their_authors_load():
    # a change's own author and date ("{++a++}{>>@Fiji (2019-03-05)<<}", as the CriticMarkup writer puts them
    # when a document's changes have several) is no comment and is not counted: a million such insertions
    # load as two million runs, the inserted ones by Fiji on 2019-03-05, and no comment
    r = bounded(
        f"""
        import itu_nb, json
        text = {HEAD!r} + "{{++a++}}{{>>@Fiji (2019-03-05)<<}} " * 1_000_000 + "\\n"
        node = itu_nb.load(text, format="criticmarkup", max_bytes=10**8)["X/1/1"]["considering/p1"]
        first = node.runs[0]
        print(json.dumps([len(node.runs), first.text, first.author, first.date, node.artefacts == ()]))
        """,
        label="CriticMarkup: a million insertions each with its author and date, loaded",
    )
    assert _ok(r) == [2_000_000, "a", "Fiji", "2019-03-05", True]


def test_a_hundred_thousand_highlights_keep_their_places():
    # "{==z==} " 100,000 times: the k-th highlight covers the k-th "z", at offset 2k of "z z z …", length 1
    r = bounded(
        f"""
        import itu_nb, json
        node = itu_nb.load({HEAD!r} + "{{==z==}} " * 100_000 + "\\n", format="criticmarkup")["X/1/1"]["considering/p1"]
        lit = [a for a in node.artefacts if a.kind == "highlight"]
        print(json.dumps([len(lit), all(a.offset == 2 * k and a.length == 1 for k, a in enumerate(lit)), node.body()[:5]]))
        """,
        label="CriticMarkup: 100,000 highlights, loaded",
    )
    assert _ok(r) == [100_000, True, "z z z"]


# -- writing -----------------------------------------------------------------------------------------
#: Each writer at its bound, with the kinds that cost it most (the marks: runs that are not equal; highlights
#: and comments twice): what it writes is counted in its output.
AT_BOUND = {
    "Word": [("insertions", 25_000), ("substitutions", 12_500), ("comments", 12_500), ("highlights", 12_500)],
    "HTML": [("insertions", 100_000), ("substitutions", 50_000), ("comments", 50_000), ("highlights", 50_000)],
    "Akoma Ntoso": [("insertions", 100_000), ("substitutions", 50_000), ("highlights with a comment", 25_000)],
    "CriticMarkup": [("insertions", 100_000), ("substitutions", 50_000), ("highlights with a comment", 25_000)],
}
#: How to write, and what to count in the output: (call, {kind: the string each marker leaves once}).
WRITE = {
    "Word": (
        "zipfile.ZipFile(io.BytesIO(itu_nb.to_docx(doc))).read('word/document.xml').decode()",
        {
            "insertions": "<w:ins ",
            "substitutions": "<w:delText",
            "comments": "<w:commentReference ",
            "highlights": '<w:highlight w:val="yellow"/>',
        },
    ),  # fmt: skip
    "HTML": (
        "itu_nb.to_html(doc)",
        {"insertions": "<ins ", "substitutions": "<del ", "comments": '<span class="comment"', "highlights": "<mark>"},
    ),
    "Akoma Ntoso": (
        "itu_nb.to_akn(doc)",
        {"insertions": "<ins", "substitutions": "<del", "highlights with a comment": "<remark"},
    ),
    "CriticMarkup": (
        "itu_nb.to_criticmarkup(doc)",
        {"insertions": "{++a++}", "substitutions": "{--a--}{++b++}", "highlights with a comment": "{==z==}{>>c<<}"},
    ),
}


@pytest.mark.parametrize(("writer", "kind", "n"), [(w, k, n) for w, rows in AT_BOUND.items() for k, n in rows])
def test_each_writer_at_its_bound(writer, kind, n):
    call, marks = WRITE[writer]
    r = bounded(
        f"""
        import io, json, zipfile, itu_nb
        doc = itu_nb.load({HEAD!r} + {UNITS[kind]!r} * {n} + "\\n", format="criticmarkup")
        out = {call}
        print(json.dumps(out.count({marks[kind]!r})))
        """,
        label=f"{writer}: {n:,} CriticMarkup {kind} (its bound), written",
    )
    # each marker leaves its mark once: a substitution's deleted "a" in Word and HTML, its whole mark in CriticMarkup
    assert _ok(r) == n


def test_a_million_insertions_are_refused_by_every_writer_naming_the_bound():
    # a million "{++a++}" load (2,000,000 runs); each writer counts the marks up to its bound and refuses
    r = bounded(
        f"""
        import itu_nb, json
        doc = itu_nb.load({HEAD!r} + "{{++a++}} " * 1_000_000 + "\\n", format="criticmarkup", max_bytes=10**8)
        out = []
        for write in (itu_nb.to_docx, itu_nb.to_html, itu_nb.to_akn, itu_nb.to_criticmarkup):
            try:
                write(doc)
                out.append(None)
            except itu_nb.ExportError as exc:
                out.append(str(exc))
        print(json.dumps(out))
        """,
        label="CriticMarkup: a million insertions, refused by every writer",
    )
    messages = _ok(r)
    for message, (what, limit) in zip(messages, MAX_MARKS.items(), strict=True):
        assert message.startswith(f"<text>: more than {limit:,} marks (changes; highlights and comments count twice)")
        assert f"a {what} export writes within its time and memory bound" in message


def test_the_marks_are_counted_as_documented():
    # Brazil's document: its CriticMarkup holds 103 insertions "{++" and 80 deletions "{--", no substitution,
    # comment or highlight (counted in the file); a mark over a line break is a run on each line, and the
    # parser cuts a mark at a label, so there are more runs (202) than marks in the file, each counted once
    text = Path(BRAZIL).read_text(encoding="utf-8")
    assert [text.count(m) for m in ("{++", "{--", "{~~", "{==", "{>>")] == [103, 80, 0, 0, 0]
    doc = itu_nb.load(BRAZIL)
    runs = sum(r.op is not itu_nb.Op.EQUAL for p in doc for n in p.walk() for r in n.label_runs + n.runs)
    assert count_marks(doc) == runs == 202
    small = itu_nb.load("considering\na)\tthe {==ICTs==}{>>@Brazil (2018-09-10): check<<} {++and++} more\n")
    assert count_marks(small) == 2 + 2 + 1  # a highlight and a comment (each twice), an insertion
    # counting stops after the node that passes ``stop``: a) here, with all five; in Brazil's, well before 202
    assert count_marks(small, stop=0) == 5
    assert 10 < count_marks(doc, stop=10) < 202


def test_a_change_made_for_speed_is_the_change_its_constructor_makes():
    # clause_changes fills each Change's __dict__ as the dataclass's __init__ would: equal, hashed alike,
    # frozen, and replace() works
    doc = itu_nb.load(BRAZIL)
    changes = [c for p in doc for c in p.changes]
    assert len(changes) > 40
    for c in changes:
        made = Change(*(getattr(c, f.name) for f in dataclasses.fields(Change)))
        assert c == made and hash(c) == hash(made) and type(c) is Change
        assert dataclasses.replace(c, rank=c.rank) == c
    with pytest.raises(dataclasses.FrozenInstanceError):
        changes[0].kind = "x"  # type: ignore[misc]


def test_a_highlights_length_leaves_out_the_artefacts_inside_it():
    # "{==IC[bookmark: _T1]Ts==}": the highlight covers "ICTs" (4 characters) once the bookmark is out; one
    # holding nothing but a bookmark covers nothing; one ending at a bookmark's start keeps its length.
    # Offsets count in "a)<TAB>the ICTs and  or no.": "ICTs" at 7, the bookmark after "IC" at 9, and so on
    node = itu_nb.load(
        "considering\na)\tthe {==IC[bookmark: _T1]Ts==} and {==[bookmark: _T2]==} or {==no==}[bookmark: _T3].\n"
    )[0]["considering/a"]
    got = [(a.kind, a.offset, a.length) for a in node.artefacts]
    body = node.body()
    assert body == "the ICTs and  or no."
    assert got == [
        ("highlight", 7, 4),
        ("bookmark", 9, 0),
        ("highlight", 16, 0),
        ("bookmark", 16, 0),
        ("highlight", 20, 2),
        ("bookmark", 22, 0),
    ]
