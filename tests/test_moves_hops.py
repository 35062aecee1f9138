"""A move stays a move through every export and through ``amend`` (issue 17).

A move's two ends carry one name (:attr:`itu_nb.model.Run.move`): Word writes it as ``w:moveFrom`` / ``w:moveTo``
in ranges of that ``w:name``, Akoma Ntoso as ``itu_nb:move`` on the ``<ins>``/``<del>``, CriticMarkup in the
change's attribution (``{>>@Mover (date) moved: move1<<}``), HTML as class ``moved`` with the name in its title; an
edit's :class:`MoveClause` names its move ``move-`` and the key of the clause moved, on the struck original and on
its copy.  Each loader reads the name back, so kinds (``moved-from`` / ``moved-to``), names, ids, authors and dates
survive every hop, and a decision pairs a rejected copy with its original by that name, whatever their texts.

Data: a hand-built Word document (``tests/docx_build.py``) in which Mover moved "moved words " from resolves 1 to
resolves 2; Brazil's Document 67 (``CRITIC``), whose B/67/4 resolves 3 (line 141 of the file, with Brazil's
changes ``{++ and WTDC-17++}`` and ``{--3 --}{++2 ++}``) CEPT moves after resolves 5; the same document with
recalling a)'s first WSIS bullet of B/67/5 written twice, through Akoma Ntoso (as ``test_review_moved_akn.py``).
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from io import BytesIO

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_soffice
from docx_build import HEAD, esc, package, para, run

import itu_nb
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import Comment, MoveClause
from itu_nb.errors import ExportError
from itu_nb.model import Artefact, Clause, Op, Run

MOVER, WHEN = "Mover", "2018-09-10T00:00:00Z"


def _moved(tag: str, text: str, name: str, wid: int) -> str:
    """A ``w:moveFrom`` / ``w:moveTo`` of ``text`` in its range named ``name``, as Word writes one."""
    who = f'w:author="{MOVER}" w:date="{WHEN}"'
    return (
        f'<w:{tag}RangeStart w:id="{wid}" w:name="{esc(name)}" {who}/>'
        f'<w:{tag} w:id="{wid + 1}" {who}>{run(text)}</w:{tag}>'
        f'<w:{tag}RangeEnd w:id="{wid}"/>'
    )


def _word(name: str = "move1") -> bytes:
    return package(
        HEAD
        + para(run("resolves"))
        + para(run("1\tthat ") + _moved("moveFrom", "moved words ", name, 5) + run("stay;"))
        + para(run("2\tthat others stay ") + _moved("moveTo", "moved words ", name, 7) + run("here."))
    )


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "moved.docx"
    path.write_bytes(_word())
    return itu_nb.load(path)


def _source_line(no: int) -> str:
    return CRITIC.read_text(encoding="utf-8").split("\n")[no - 1]


def _view(marked: str, view: str) -> str:
    """A CriticMarkup line in one view, read here by hand (no loader): insertions or deletions kept, the others
    dropped, the marks taken off."""
    keep, drop = ("++", "--") if view == "amended" else ("--", "++")
    text = re.sub(r"\{" + re.escape(drop) + r".*?" + re.escape(drop) + r"\}", "", marked)
    return re.sub(r"\{" + re.escape(keep) + r"(.*?)" + re.escape(keep) + r"\}", r"\1", text)


@pytest.fixture(scope="module")
def amended():
    doc = itu_nb.load(CRITIC, author="Brazil")
    moved = itu_nb.amend(doc["B/67/4"], "Move resolves 3 after resolves 5", author="CEPT", date="2018-10-02")
    return dataclasses.replace(doc, proposals=tuple(moved if p.id == "B/67/4" else p for p in doc.proposals))


def _hop(doc, fmt: str, tmp_path, k: int):
    """``doc`` written as ``fmt`` and read back."""
    if fmt == "docx":
        path = tmp_path / f"hop{k}.docx"
        path.write_bytes(itu_nb.to_docx(doc))
    elif fmt == "akn":
        path = tmp_path / f"hop{k}.akn.xml"
        path.write_text(itu_nb.to_akn(doc), encoding="utf-8")
    else:
        path = tmp_path / f"hop{k}.critic.md"
        path.write_text(itu_nb.to_criticmarkup(doc), encoding="utf-8")
    return itu_nb.load(path)


def _changed(doc, day: bool = False) -> list[tuple]:
    """Every changed run (clause key, op, text, author, date, move) and change (id, kind, scope, author, date).

    ``day``: a date of a day alone compared as Word writes it back (``2018-10-02T00:00:00Z``, its convention for a
    date without a time, as ``tests/test_roundtrip_lossless.py`` documents).
    """

    def when(date: str | None) -> str | None:
        return date.removesuffix("T00:00:00Z") if day and date else date

    out: list[tuple] = []
    for p in doc:
        for n in p.walk():
            runs = n.label_runs + n.runs
            out += [(n.key, r.op.name, r.text, r.author, when(r.date), r.move) for r in runs if r.op.value]
            out += [(c.id, c.kind, c.scope, c.author, when(c.date)) for c in n.changes]
    return out


def _by_key(p) -> dict[str, Clause]:
    return {n.key: n for n in p.walk()}


ROUTES = [("docx",), ("akn",), ("critic",), ("akn", "docx"), ("docx", "critic"), ("critic", "akn")]


# -- Word's move ---------------------------------------------------------------------------------------------------
def test_a_word_move_reads_as_two_named_ends(word):
    assert _changed(word) == [
        ("resolves/1", "DELETE", "moved words ", MOVER, WHEN, "move1"),
        ("resolves/1@37406375", "moved-from", "text", MOVER, WHEN),
        ("resolves/2", "INSERT", "moved words ", MOVER, WHEN, "move1"),
        ("resolves/2@2ca3b8fe", "moved-to", "text", MOVER, WHEN),
    ]


def test_the_word_writer_writes_the_move_in_its_named_ranges(word):
    xml = zipfile.ZipFile(BytesIO(itu_nb.to_docx(word))).read("word/document.xml").decode()
    for end in ("From", "To"):
        found = re.findall(
            rf'<w:move{end}RangeStart w:id="(\d+)" w:author="Mover" w:date="{WHEN}" w:name="move1"/>'
            rf'<w:move{end} w:id="(\d+)" w:author="Mover" w:date="{WHEN}">'
            rf'<w:r><w:t xml:space="preserve">moved words </w:t></w:r></w:move{end}>'
            rf'<w:move{end}RangeEnd w:id="(\d+)"/>',
            xml,
        )
        assert len(found) == 1 and found[0][0] == found[0][2] != found[0][1]
    ids = re.findall(r'<w:(?:ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))  # each range and change an id of its own
    assert "<w:ins " not in xml and "<w:del " not in xml  # the move is no plain insertion or deletion


@pytest.mark.parametrize("route", ROUTES, ids="-".join)
def test_a_word_move_survives_each_hop(word, route, tmp_path):
    doc = word
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    assert _changed(doc) == _changed(word)


@pytest.mark.parametrize("route", ROUTES, ids="-".join)
def test_rejecting_a_word_move_after_a_hop_gives_what_it_gave_before(word, route, tmp_path):
    doc = word
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    before, after = word[0], doc[0]
    for ids in ([c.id for c in before.changes], [c.id for c in before.changes if c.kind == "moved-to"]):
        assert after.reject(ids).text("amended") == before.reject(ids).text("amended")
    assert before.reject([c.id for c in before.changes])["resolves/1"].body() == "that moved words stay;"
    assert before.reject([c.id for c in before.changes])["resolves/2"].body() == "that others stay here."


def test_the_html_shows_a_move_escaped(tmp_path):
    path = tmp_path / "odd.docx"
    path.write_bytes(_word('m<1>&"x"'))
    html = itu_nb.to_html(itu_nb.load(path))
    assert html.count('class="moved"') == 2
    assert 'title="moved away (m&lt;1&gt;&amp;&quot;x&quot;) by Mover, 2018-09-10T00:00:00Z"' in html
    assert 'title="moved here (m&lt;1&gt;&amp;&quot;x&quot;) by Mover, 2018-09-10T00:00:00Z"' in html
    assert html.count('data-move="m&lt;1&gt;&amp;&quot;x&quot;"') == 2
    assert 'm<1>&"x"' not in html


@needs_soffice
def test_libreoffice_opens_the_move(word, tmp_path):
    path = tmp_path / "moved.docx"
    path.write_bytes(itu_nb.to_docx(word))
    fodt = libreoffice_fodt(path, tmp_path).read_text(encoding="utf-8")
    # LibreOffice keeps a Word move as a deletion and an insertion inside bookmarks naming the move's two ends
    assert re.search(r'__RefMoveFrom__move1"/><text:change-start [^>]*/>moved words ', fodt)
    assert re.search(r'__RefMoveTo__move1"/><text:change-start [^>]*/>moved words ', fodt)
    assert fodt.count("<text:deletion>") == fodt.count("<text:insertion>") == 1


# -- an edit's move ------------------------------------------------------------------------------------------------
def test_an_amend_move_names_its_two_ends(amended):
    line = _source_line(141)
    assert line.startswith("3\tthat ITU shall focus resources")
    p = amended["B/67/4"]
    original, copy = _by_key(p)["resolves/3"], _by_key(p)["resolves/5+2"]
    name = "move-resolves/3"
    # the copy: the clause as Brazil's changes leave it, CEPT's insertion under the move's name, relabelled 5
    assert copy.label == "5" and copy.body() == _view(line, "amended")[2:]
    assert [(r.op, r.author, r.move) for r in copy.label_runs + copy.runs] == [(Op.INSERT, "CEPT", name)] * 2
    assert [(c.kind, c.scope, c.author) for c in copy.changes] == [("moved-to", "clause", "CEPT")]
    # the struck original: CEPT's strike under the name, Brazil's deletion of "3 " left as it was
    assert original.body("original") == _view(line, "original")[2:]
    assert [(r.op, r.text, r.author, r.move) for r in original.label_runs + original.runs if r.move is None] == [
        (Op.DELETE, "3 ", "Brazil", None)
    ]
    assert {r.move for r in original.label_runs + original.runs if r.author == "CEPT"} == {name}
    assert [(c.kind, c.author) for c in original.changes] == [
        ("moved-from", "CEPT"),
        ("deleted", "Brazil"),
        ("moved-from", "CEPT"),
    ]


@pytest.mark.parametrize("route", ROUTES, ids="-".join)
def test_an_amend_move_survives_each_hop(amended, route, tmp_path):
    doc = amended
    for k, fmt in enumerate(route):
        doc = _hop(doc, fmt, tmp_path, k)
    assert _changed(doc, "docx" in route) == _changed(amended, "docx" in route)
    p = doc["B/67/4"]
    assert [c.key for c in p["resolves"].children] == [c.key for c in amended["B/67/4"]["resolves"].children]
    # rejecting CEPT's changes after the hop gives what it gave before (resolves 3 back in its place, 4 and 5 as
    # they were)
    cept = [c.id for c in amended["B/67/4"].changes if c.author == "CEPT"]
    before, after = amended["B/67/4"].reject(cept), p.reject(cept)
    assert [(c.key, c.status, c.body()) for c in after.walk()] == [(c.key, c.status, c.body()) for c in before.walk()]
    assert after["resolves/3"].body("original") == _view(_source_line(141), "original")[2:]


def test_a_move_rejected_pairs_by_name_whatever_the_texts(amended):
    # a comment made on the copy goes back to the struck original, though the copy reads as Brazil's changes leave
    # it and the original as they found it (the original also has Brazil's deletion of "3 ", which bears no name)
    p = apply_ops(amended["B/67/4"], [Comment("resolves/5", "why here?")], author="Ana", date="2026-12-05")
    assert _by_key(p)["resolves/5+2"].path == "resolves/5"  # the copy, at the place of 5 (Brazil's 5 is now 4)
    back = p.reject([c.id for c in p.changes if c.author == "CEPT"])
    assert [(c.key, a.text) for c in back.walk() for a in c.artefacts if a.kind == "comment"] == [
        ("resolves/3", "why here?")
    ]


def test_a_moved_insertion_is_an_insertion(amended):
    # Brazil's resolves 5 is his insertion: moved, it goes from its place altogether, and its copy is no move
    p = itu_nb.amend(amended["B/67/4"], "Move resolves 6 after resolves 8", author="CEPT", date="2018-10-02")
    new = [c for c in p.walk() if c.key not in {n.key for n in amended["B/67/4"].walk()}]
    assert [(r.op, r.author, r.move) for c in new for r in c.label_runs + c.runs] == [(Op.INSERT, "CEPT", None)] * 2
    assert {c.kind for c in new[0].changes} == {"inserted"}


def test_moving_the_copy_again_keeps_the_first_name(amended):
    p = itu_nb.amend(amended["B/67/4"], "Move resolves 5 after resolves 1", author="CEPT", date="2018-10-02")
    names = {(c.key, r.move) for c in p.walk() for r in c.runs if r.move}
    assert {m for _, m in names} == {"move-resolves/3"}
    assert sorted(k for k, _ in names)[0] == "resolves/3"


# -- two moved clauses of one text read from Akoma Ntoso -------------------------------------------------------------
KEY = "B/67/5"
WSIS = "the outcomes of the World Summit on the Information Society (WSIS) and the WSIS+10 High-Level meetings;"
DAY = "2026-12-05"


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    lines = CRITIC.read_text(encoding="utf-8").split("\n")
    at = lines.index("•\t" + WSIS)
    doc = itu_nb.load("\n".join(lines[: at + 1] + lines[at:]), format="criticmarkup", author="Brazil")
    path = tmp_path_factory.mktemp("akn") / "doc67-twice.akn.xml"
    path.write_text(itu_nb.to_akn(doc), encoding="utf-8")
    return itu_nb.load(path)[KEY]


def _comments(p) -> list[tuple[str, str, list[str]]]:
    return [(c.key, c.status, [a.text for a in c.artefacts if a.kind == "comment"]) for c in p["recalling/a"].children]


def test_two_moved_bullets_of_one_text_keep_their_comments_through_a_plain_reject(twice):
    assert [(c.line, c.body() == WSIS) for c in twice["recalling/a"].children][:2] == [(None, True), (None, True)]
    p = apply_ops(twice, [Comment("recalling/a/bullet1", "first"), Comment("recalling/a/bullet2", "second")])
    p = apply_ops(p, [MoveClause("recalling/a/bullet2", before="recalling/a/bullet1")], author="Ana", date=DAY)
    p = apply_ops(p, [MoveClause("recalling/a/bullet1", after="recalling/a/bullet3")], author="Ana", date=DAY)
    assert [(k, s, n) for k, s, n in _comments(p)] == [
        ("recalling/a/p1", "inserted", ["second"]),
        ("recalling/a/bullet1", "deleted", []),
        ("recalling/a/bullet2", "deleted", []),
        ("recalling/a/bullet3", "unchanged", []),
        ("recalling/a/p2", "inserted", ["first"]),
    ]
    # the names the moves gave their ends, through Akoma Ntoso too
    again = itu_nb.load(itu_nb.to_akn(p), format="akn")[0]
    for q in (p, again):
        back = q.reject([c.id for c in q.changes if c.author == "Ana"])  # no Review: the pairs are the names
        assert _comments(back)[:2] == [
            ("recalling/a/bullet1", "unchanged", ["first"]),
            ("recalling/a/bullet2", "unchanged", ["second"]),
        ]


# -- CriticMarkup's attribution with a move --------------------------------------------------------------------------
TEXT = "MOD\tX/1/1\n\nresolves\n1\tthat {--old words--}{>>@Brazil (2018-09-10) moved: m1<<} stay;\n"


def _runs_and_comments(text: str) -> tuple[list[tuple], list[tuple]]:
    c = itu_nb.load(text, format="criticmarkup")[0]["resolves/1"]
    runs = [(r.op.name, r.text, r.author, r.date, r.move) for r in c.runs if r.op.value]
    return runs, [(a.text, a.author, a.date) for a in c.artefacts if a.kind == "comment"]


def test_a_change_followed_by_its_move_reads_as_part_of_it():
    assert _runs_and_comments(TEXT) == ([("DELETE", "old words", "Brazil", "2018-09-10", "m1")], [])
    no_one = TEXT.replace("@Brazil (2018-09-10) moved", "@ moved")
    assert _runs_and_comments(no_one) == ([("DELETE", "old words", None, None, "m1")], [])


@pytest.mark.parametrize(
    ("typed", "comment"),
    [
        ("{>>@Brazil: moved: m1<<}", ("moved: m1", "Brazil", None)),  # a comment by Brazil
        ("{>>@Brazil (2018-09-10): moved: m1<<}", ("moved: m1", "Brazil", "2018-09-10")),
        ("{>>moved: m1<<}", ("moved: m1", None, None)),
        ("{>>This was moved: see resolves 3<<}", ("This was moved: see resolves 3", None, None)),
    ],
)
def test_a_comment_typed_with_such_words_stays_a_comment(typed, comment):
    text = TEXT.replace("{>>@Brazil (2018-09-10) moved: m1<<}", typed)
    assert _runs_and_comments(text) == ([("DELETE", "old words", None, None, None)], [comment])


def test_the_words_away_from_a_change_are_a_comment():
    text = "MOD\tX/1/1\n\nresolves\n1\tthat words{>>@Brazil (2018-09-10) moved: m1<<} stay;\n"
    runs, comments = _runs_and_comments(text)
    assert runs == [] and len(comments) == 1


def _with_comment(author: str | None) -> itu_nb.Proposal:
    """resolves 1 of a text whose change bears no author or date, ``author``'s comment "m1" right after it."""
    p = itu_nb.load("MOD\tX/1/1\n\nresolves\n1\tthat {--old words--} stay;\n", format="criticmarkup")[0]
    c = p["resolves/1"]
    at = len("".join(r.text for r in c.label_runs + c.runs if r.op is not Op.INSERT)) - len(" stay;")
    note = Artefact("comment", "m1", c.line, at, Op.EQUAL, author, None)
    new = dataclasses.replace(c, artefacts=(note,))
    return dataclasses.replace(p, clauses=tuple(new if k is c else _with(k, c, new) for k in p.clauses))


def _with(k: Clause, old: Clause, new: Clause) -> Clause:
    return dataclasses.replace(k, children=tuple(new if x is old else _with(x, old, new) for x in k.children))


def test_the_writer_refuses_a_comment_that_would_read_as_a_move():
    # a comment by "Brazil moved" right after a change written bare would read back as that change's move m1
    with pytest.raises(ExportError, match="would read back as the change's move"):
        itu_nb.to_criticmarkup(_with_comment("Brazil moved"))
    # by anyone else it is written and read back as it was
    text = itu_nb.to_criticmarkup(_with_comment("Brazil"))
    assert "{--old words--}{>>@Brazil: m1<<}" in text
    assert _runs_and_comments(text) == ([("DELETE", "old words", None, None, None)], [("m1", "Brazil", None)])


def test_a_name_critic_markup_cannot_hold_is_left_out():
    p = itu_nb.load(TEXT, format="criticmarkup")[0]
    c = p["resolves/1"]
    odd = tuple(Run(r.op, r.text, r.author, r.date, move="a<<}b") if r.move else r for r in c.runs)
    q = dataclasses.replace(p, clauses=tuple(_with(k, c, dataclasses.replace(c, runs=odd)) for k in p.clauses))
    text = itu_nb.to_criticmarkup(q)
    assert "{--old words--}{>>@Brazil (2018-09-10)<<}" in text
