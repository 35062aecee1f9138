"""Text inserted by one author and struck by another is kept, not lost (issue 17): a ``struck-insert`` artefact.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130), resolves 3 (source line 141, 1-based), which
ends, as Brazil changed it (read by eye in the source)::

    … at WTDC‑14 (Resolution 45){++ and WTDC-17++}, including Objective<NBSP>{--3 --}{++2 ++}and in activities
    under Question<NBSP>3/2;<space>

The analyst Ana strikes it (``DeleteClause``) or moves it after resolves 4 (``MoveClause``).  Brazil's two
insertions, " and WTDC-17" and "2 ", are then in neither view but kept, each where it stood, struck by Ana and
inserted by Brazil; rejecting Ana's changes brings them back as Brazil's insertions, accepting them drops them.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from conftest import CRITIC, libreoffice_fodt, needs_pandoc, needs_soffice

import itu_nb
from itu_nb import Op
from itu_nb.amendments.edits import apply_ops
from itu_nb.amendments.operations import DeleteClause, MoveClause
from itu_nb.amendments.wording import delete_node
from itu_nb.model import Run

KEY = "B/67/4"
DAY = "2026-12-05"
#: resolves 3's last words in each view (no-break spaces after "Objective" and "Question", as in the source).
TAIL_ORIGINAL = "WTDC‑14 (Resolution 45), including Objective\u00a03 and in activities under Question\u00a03/2; "
TAIL_AMENDED = (
    "WTDC‑14 (Resolution 45) and WTDC-17, including Objective\u00a02 and in activities under Question\u00a03/2; "
)
#: Brazil's insertions in resolves 3, in reading order, and the 24 characters before each in the struck text.
STRUCK = [(" and WTDC-17", "WTDC‑14 (Resolution 45)"), ("2 ", "including Objective\u00a03 ")]
OPS = [DeleteClause("resolves/3"), MoveClause("resolves/3", after="resolves/4")]
IDS = ["delete", "move"]


@pytest.fixture(scope="module")
def doc():
    return itu_nb.load(CRITIC, author="Brazil")


def _day(date: str | None) -> str | None:
    return (date or "")[:10] or None  # (Word writes a day as a time: 2026-12-05T00:00:00Z)


def _struck(c) -> list[tuple[str, str, Op, str | None, str | None, tuple | None]]:
    """``c``'s struck-inserts: (text, the source text before it, op, striker, day struck, inserter and day)."""
    source = "".join(r.text for r in c.label_runs + c.runs)
    return [
        (
            a.text,
            source[: a.offset][-len(before) :],
            a.op,
            a.author,
            _day(a.date),
            a.inserted and (a.inserted[0], _day(a.inserted[1])),
        )
        for a in c.artefacts
        for before in [dict(STRUCK).get(a.text, "")]
        if a.kind == "struck-insert"
    ]


def _ana(p) -> list[str]:
    return [c.id for c in p.changes if c.author == "Ana"]


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_striking_the_clause_keeps_brazils_insertions_in_neither_view(doc, op):
    struck = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    c = struck["resolves/3"]
    assert c.status == "deleted"
    assert c.body("original").endswith(TAIL_ORIGINAL)  # the original view as before
    assert not c.exists_in("amended")
    assert "WTDC-17" not in "".join(r.text for r in c.runs)  # no run holds it: in neither view
    assert _struck(c) == [(text, before, Op.DELETE, "Ana", DAY, ("Brazil", None)) for text, before in STRUCK]


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_rejecting_the_strike_brings_them_back_as_brazils_insertions(doc, op):
    back = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    back = back.reject(_ana(back))
    c = back["resolves/3"]
    assert c.body("original").endswith(TAIL_ORIGINAL) and c.body("amended").endswith(TAIL_AMENDED)
    assert [(r.op, r.text, r.author) for r in c.runs if r.op is not Op.EQUAL] == [
        (Op.INSERT, " and WTDC-17", "Brazil"),
        (Op.DELETE, "3 ", "Brazil"),
        (Op.INSERT, "2 ", "Brazil"),
    ]
    assert not [a for a in c.artefacts if a.kind == "struck-insert"]
    assert [c.author for c in back.changes] == ["Brazil"] * len(doc[KEY].changes)  # Brazil's, as read


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_accepting_the_strike_drops_them(doc, op):
    struck = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    done = struck.accept(_ana(struck))
    left = [c for c in done["resolves"].children if c.line == 140 and not c.exists_in("amended")]
    # the struck original keeps Brazil's own deletion "3 " (not decided) and nothing of his insertions
    assert [(r.op, r.text) for c in left for r in c.runs] == [(Op.DELETE, "3 ")]
    assert not [a for c in done.walk() for a in c.artefacts if a.kind == "struck-insert"]
    copies = [c for c in done["resolves"].children if c.body("amended").endswith(TAIL_AMENDED)]
    assert [c.status for c in copies] == (["unchanged"] if isinstance(op, MoveClause) else [])  # the moved copy


def test_rejecting_every_change_leaves_no_insertion_behind(doc):
    struck = apply_ops(doc[KEY], [DeleteClause("resolves/3")], author="Ana", date=DAY)
    c = struck.reject()["resolves/3"]  # Brazil's changes rejected too: his insertions go as well
    assert c.status == "unchanged" and c.body("original") == c.body("amended")
    assert c.body("amended").endswith(TAIL_ORIGINAL)


def test_accepting_brazil_and_rejecting_ana_gives_his_text(doc):
    struck = apply_ops(doc[KEY], [DeleteClause("resolves/3")], author="Ana", date=DAY)
    brazil = [c.id for c in struck.changes if c.author == "Brazil"]
    c = itu_nb.model.review.decide(struck, brazil, _ana(struck))["resolves/3"]
    assert c.status == "unchanged" and c.body("amended").endswith(TAIL_AMENDED)


def test_the_analysts_own_insertions_still_vanish(doc):
    c = doc[KEY]["resolves/3"]
    mine = [Run(Op.EQUAL, "to act"), Run(Op.INSERT, " at once", "Ana", DAY), Run(Op.INSERT, " and well", "Brazil")]
    gone = delete_node(c.__class__(c.kind, c.path, c.label_runs, tuple(mine)), "Ana", DAY)
    assert gone is not None
    assert [(r.op, r.text) for r in gone.runs] == [(Op.DELETE, "to act")]
    assert [(a.text, a.offset - len("".join(r.text for r in c.label_runs)), a.inserted) for a in gone.artefacts] == [
        (" and well", len("to act"), ("Brazil", None))
    ]


HOPS = {
    "criticmarkup": lambda p: itu_nb.load(itu_nb.to_criticmarkup(p), format="criticmarkup"),
    "docx": lambda p: itu_nb.load(itu_nb.to_docx(p), format="docx"),
    "akn": lambda p: itu_nb.load(itu_nb.to_akn(p), format="akn"),
}


@pytest.mark.parametrize("hop", list(HOPS))
@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_each_hop_keeps_them_and_a_reject_after_it_brings_them_back(doc, op, hop):
    struck = apply_ops(doc[KEY], [op], author="Ana", date=DAY)
    (read,) = HOPS[hop](struck).proposals
    c = [c for c in read["resolves"].children if c.body("original").endswith(TAIL_ORIGINAL)]
    assert len(c) == 1 and _struck(c[0]) == _struck(struck["resolves/3"])
    back = read.reject(_ana(read))
    assert back["resolves/3"].body("amended").endswith(TAIL_AMENDED)
    assert back["resolves/3"].body("original").endswith(TAIL_ORIGINAL)


def test_criticmarkup_writes_a_deletion_a_plain_reader_sees_with_both_authors(doc):
    struck = apply_ops(doc[KEY], [DeleteClause("resolves/3")], author="Ana", date=DAY)
    text = itu_nb.to_criticmarkup(struck)
    assert "{--2 --}{>>@Ana (2026-12-05) struck @Brazil<<}" in text
    assert "{-- and WTDC-17--}{>>@Ana (2026-12-05) struck @Brazil<<}" in text


def test_an_author_named_like_a_strike_is_refused_not_misread():
    p = itu_nb.load("MOD\tX/1/1\n\nresolves\n1\tto {++act++}{>>@A struck @B<<} now\n")[0]
    (run,) = [r for r in p["resolves/1"].runs if r.op is Op.INSERT]
    assert (run.text, run.author) == ("act", "A struck @B")  # an insertion: read as its author, as before
    with pytest.raises(itu_nb.errors.ExportError, match="cannot be written"):
        itu_nb.to_criticmarkup(p)


# -- Word: w:del inside w:ins, read and written -----------------------------------------------------------------------
def _word(tmp_path):
    """A hand-built Word document (tests/docx_build, as Word writes it): in resolves 1, Brazil inserted "quickly and "
    and Ana deleted that insertion (``w:del`` by Ana inside ``w:ins`` by Brazil)."""
    import docx_build as B

    struck = B.ins(B.dele(B.deleted_run("quickly and "), "Ana", wid=3), "Brazil", wid=4)
    body = (
        B.para(B.run("resolves")) + B.para(B.run("1\tto act ") + struck + B.run("well;")) + B.para(B.run("2\tto end."))
    )
    path = tmp_path / "struck.docx"
    path.write_bytes(B.package(body))
    return path


def test_word_reads_text_inserted_and_deleted_again_as_a_struck_insert(tmp_path):
    c = itu_nb.load(_word(tmp_path))[0]["resolves/1"]
    assert c.body("original") == c.body("amended") == "to act well;"  # in neither view, as before
    (a,) = c.artefacts
    at = len("".join(r.text for r in c.label_runs)) + len("to act ")
    assert (a.kind, a.text, a.offset, a.op) == ("struck-insert", "quickly and ", at, Op.DELETE)
    assert (a.author, a.date, a.inserted) == ("Ana", "2018-09-10T00:00:00Z", ("Brazil", "2018-09-10T00:00:00Z"))
    assert not c.notes  # no "in neither view" note: nothing is dropped


def test_word_struck_insert_is_settled_by_its_strikers_decisions(tmp_path):
    p = itu_nb.load(_word(tmp_path))[0]
    assert [(c.kind, c.author, c.inserter) for c in p.changes] == [("struck-insert", "Ana", "Brazil")]  # its own change
    back = p.reject(author="Ana")["resolves/1"]  # Ana's deletion rejected: Brazil's insertion again
    assert [(r.op, r.text, r.author) for r in back.runs if r.op is not Op.EQUAL] == [
        (Op.INSERT, "quickly and ", "Brazil")
    ]
    assert back.body("amended") == "to act quickly and well;" and back.body("original") == "to act well;"
    for done in (p.accept(author="Ana"), p.accept(), p.reject()):  # struck, or its insertion rejected: gone
        c = done["resolves/1"]
        assert c.body("amended") == c.body("original") == "to act well;" and not c.artefacts
    # Brazil's decision is on his insertion, Ana's strike left as is (follow21): rejected, never made; accepted, text
    # Ana deleted
    gone = p.reject(author="Brazil")["resolves/1"]
    assert gone.body("amended") == gone.body("original") == "to act well;" and not gone.artefacts
    kept = p.accept(author="Brazil")["resolves/1"]
    assert [(r.op, r.text, r.author) for r in kept.runs if r.op is not Op.EQUAL] == [(Op.DELETE, "quickly and ", "Ana")]
    assert kept.body("original") == "to act quickly and well;" and kept.body("amended") == "to act well;"


def test_word_writes_it_as_word_does_and_reads_it_back(tmp_path):
    p = itu_nb.load(_word(tmp_path))[0]
    data = itu_nb.to_docx(p)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    (written,) = re.findall(
        r"<w:ins [^>]*><w:del [^>]*><w:r><w:delText[^>]*>quickly and </w:delText></w:r></w:del></w:ins>", xml
    )
    assert 'w:author="Brazil"' in written.split("<w:del")[0] and 'w:author="Ana"' in written.split("<w:del")[1]
    again = itu_nb.load(data, format="docx")[0]["resolves/1"]
    assert [(a.kind, a.text, a.author, a.inserted) for a in again.artefacts] == [
        ("struck-insert", "quickly and ", "Ana", ("Brazil", "2018-09-10T00:00:00Z"))
    ]


@needs_pandoc
def test_pandoc_shows_the_struck_text_in_neither_view(tmp_path):
    path = tmp_path / "written.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_word(tmp_path))[0]))
    for mode in ("accept", "reject"):
        text = subprocess.run(
            ["pandoc", "-f", "docx", "-t", "plain", f"--track-changes={mode}", str(path)],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        assert "to act well;" in text and "quickly" not in text


@needs_soffice
def test_libreoffice_reads_a_deletion_by_ana_of_an_insertion_by_brazil(tmp_path):
    path = tmp_path / "written.docx"
    path.write_bytes(itu_nb.to_docx(itu_nb.load(_word(tmp_path))[0]))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    (region,) = re.findall(r"<text:changed-region\b.*?</text:changed-region>", fodt, re.S)
    creators = re.findall(r"<(text:\w+)>\s*<office:change-info>\s*<dc:creator>(\w+)</dc:creator>", region)
    assert creators == [("text:deletion", "Ana"), ("text:insertion", "Brazil")]  # one region: both changes
    (para,) = [p for p in re.findall(r"<text:p\b.*?</text:p>", fodt, re.S) if "to act" in p]
    assert re.sub(r"<[^>]+>", "", para).endswith("to act quickly and well;")  # at its place, marked as changed


def test_akn_writes_the_deletion_inside_the_insertion(doc):
    struck = apply_ops(doc[KEY], [DeleteClause("resolves/3")], author="Ana", date=DAY)
    xml = itu_nb.to_akn(struck)
    ins = re.findall(r"<ins [^>]*>\s*<del [^>]*>2 </del>\s*</ins>", xml)
    assert len(ins) == 1
    assert 'itu_nb:author="Brazil"' in ins[0].split("<del")[0] and 'itu_nb:author="Ana"' in ins[0].split("<del")[1]


def test_word_struck_insert_survives_each_hop(tmp_path):
    p = itu_nb.load(_word(tmp_path))[0]
    for hop in HOPS.values():
        (read,) = hop(p).proposals
        c = read["resolves/1"]
        assert c.body("original") == c.body("amended") == "to act well;"
        assert [(a.kind, a.text, a.author, _day(a.date), a.inserted and a.inserted[0]) for a in c.artefacts] == [
            ("struck-insert", "quickly and ", "Ana", "2018-09-10", "Brazil")
        ]
        assert read.reject(author="Ana")["resolves/1"].body("amended") == "to act quickly and well;"


def test_html_shows_it_struck_with_both_authors_escaped(doc):
    p = apply_ops(doc[KEY], [DeleteClause("resolves/3")], author="Ana <b>", date=DAY)
    page = itu_nb.to_html(p)
    said = "inserted by Brazil, struck by Ana &lt;b&gt;, 2026-12-05"
    # Brazil's two insertions in resolves 3, and the numbers of his new resolves 5 to 8, which the strike
    # reletters 4 to 7 (his inserted "5" … "8" struck by Ana, kept: relettering.set_label)
    assert page.count(f'<s class="struck-insert" title="{said}"') == 2 + 4
    assert f'data-inserted-by="Brazil">2 </s><span class="struck-insert-note" role="note">[{said}]</span>' in page
    assert "Ana <b>" not in page  # never live HTML


def test_a_struck_insert_in_a_line_that_is_no_clause_keeps_both_authors_through_critic_and_word():
    import docx_build as B

    struck = B.ins(B.dele(B.deleted_run("quickly and "), "Ana", wid=3), "Brazil", wid=4)
    body = B.para(B.run("Some cover ") + struck + B.run("text.")) + B.para(B.run("MOD\tB/67/4"))
    body += B.para(B.run("resolves")) + B.para(B.run("1\tto act well;"))
    doc = itu_nb.load(B.package(body), format="docx")
    want = [("struck-insert", "quickly and ", "Ana", ("Brazil", "2018-09-10T00:00:00Z"))]
    assert [(a.kind, a.text, a.author, a.inserted) for a in doc.artefacts if a.kind == "struck-insert"] == want
    for fmt, write in (("criticmarkup", itu_nb.to_criticmarkup), ("docx", itu_nb.to_docx)):
        back = itu_nb.load(write(doc), format=fmt)
        assert [(a.kind, a.text, a.author, a.inserted) for a in back.artefacts if a.kind == "struck-insert"] == want


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_a_review_rejecting_the_strike_brings_them_back(doc, op):
    review = itu_nb.Review(doc[KEY], author="Ana")
    review.edit(KEY, [op], date=DAY)
    assert review.proposal(KEY)["resolves/3"].status == "deleted"
    review.decide(KEY, [c.id for c in review.proposal(KEY).changes if c.author == "Ana"], "reject")
    c = review.result(KEY)["resolves/3"]
    assert c.body("amended").endswith(TAIL_AMENDED) and c.body("original").endswith(TAIL_ORIGINAL)


def test_bringing_back_thirty_thousand_struck_texts_in_one_clause_is_bounded():
    from bounds import bounded

    r = bounded(
        """
        import itu_nb
        text = "MOD\\tX/1/1\\n\\nresolves\\n1\\tto act" + " {--a--}{>>@A struck @B<<}{--x--}{>>@A<<} y" * 30_000 + ".\\n"
        p = itu_nb.load(text)[0]
        back = p.reject(author="A")["resolves/1"]
        print(back.body("amended").count("ax y"), sum(r.author == "B" for r in back.runs), len(back.artefacts))
        """,
        label="reject: 30,000 struck insertions brought back in one clause",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == ["30000", "30000", "0"]  # each "a" back as B's insertion, before A's "x" restored
