"""Issue 17: a moved clause's comments and highlights are shown once, on the words they were made on.

The rule (:func:`itu_nb.amendments.wording.taken_marks`): a move leaves a struck original and a copy holding the
clause's amended text.  The comments and highlights that show in the amended view go with their words to the
copy, and only there; the struck original keeps those made inside text the copy does not hold (deleted words).
So the amended view, the redline, the viewer and every export show each mark once; main put it on both
clauses, and every export wrote it twice.

Data: Brazil's Document 67 (``CRITIC``), B/67/4 (MOD Resolution 130).  Source lines (1-based):
140 ``2	to give high priority to the work of ITU …`` (``resolves/2``), 141 ``3	that ITU shall focus resources …``
(``resolves/3``), 89 ``j)	Resolution 69 (Rev. {--Dubai, 2014--}{++Buenos Aires, 2017++}) of WTDC, …``
(``recalling/j``, "Dubai, 2014" deleted by Brazil), 107 ``a)	that the development of ICTs …``
(``recognizing/a``), 93 ``a)	that the ITU‑coordinated WSIS+10 …`` (``considering/a``; the considering list
holds two b) and two h), so it is not a "simple" list).  The analyst Ana highlights the first word of the
clause's text and comments right after it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest
from bounds import bounded
from conftest import CRITIC, libreoffice_fodt, needs_soffice

import itu_nb
from itu_nb import Op
from itu_nb.amendments import inserting
from itu_nb.model import Artefact
from itu_nb.model.tracked import comparison_proposal
from itu_nb.widgets import RedlineViewer

KEY = "B/67/4"


def _mark(p, path: str, word: str, note: str, op: Op = Op.EQUAL, occurrence: int = 0):
    """``p`` with a highlight on ``word`` of clause ``path`` and Ana's comment ``note`` right after it."""
    c = p[path]
    src = "".join(r.text for r in c.label_runs + c.runs)
    at = [m.start() for m in re.finditer(re.escape(word), src)][occurrence]
    arts = (
        Artefact("highlight", "", c.line, at, op, length=len(word)),
        Artefact("comment", note, c.line, at + len(word), op, "Ana", "2026-12-03"),
    )

    def node(x):
        if x.path == path:
            return dataclasses.replace(x, artefacts=x.artefacts + arts)
        return dataclasses.replace(x, children=tuple(node(k) for k in x.children)) if x.children else x

    return dataclasses.replace(p, clauses=tuple(node(x) for x in p.clauses))


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil")[KEY]


def marks(p, note: str) -> list[tuple[str, str, str, str]]:
    """For each clause holding comment ``note``: (path, status, the highlighted characters just before it in the
    clause's source text, the op of the comment)."""
    out = []
    for c in p.walk():
        src = "".join(r.text for r in c.label_runs + c.runs)
        arts = list(c.artefacts)
        for i, a in enumerate(arts):
            if a.kind == "comment" and a.text == note:
                lit = arts[i - 1]
                assert lit.kind == "highlight" and lit.offset is not None and a.offset is not None
                assert lit.offset + lit.length == a.offset
                out.append((c.path, c.status, src[lit.offset : a.offset], a.op.name))
    return out


def _view_marks(p, view: str, note: str) -> list[tuple[str, str]]:
    """(path, highlighted words) of comment ``note`` in ``view``, read from the view's own text."""
    out = []
    for c in getattr(p, view).walk():
        text = "".join(r.text for r in c.label_runs + c.runs)
        lit = [a for a in c.artefacts if a.kind == "highlight"]
        for a in c.artefacts:
            if a.kind == "comment" and a.text == note:
                (h,) = [x for x in lit if x.offset is not None and x.offset + x.length == a.offset]
                out.append((c.path, text[h.offset : a.offset]))
    return out


def test_one_move_puts_the_mark_on_the_copy_only(brazil):
    p = _mark(brazil, "resolves/2", "to give", "why first?")
    moved = itu_nb.amend(p, "Move resolves 2 after resolves 3", author="Ana")
    # the copy (renumbered 3, after old 3 now 2) holds it on "to give"; the struck original holds nothing
    assert marks(moved, "why first?") == [("resolves/3", "inserted", "to give", "EQUAL")]
    assert moved["resolves/2"].status == "deleted" and not moved["resolves/2"].artefacts
    assert _view_marks(moved, "amended", "why first?") == [("resolves/3", "to give")]
    assert _view_marks(moved, "original", "why first?") == []  # the copy is not in the original text


def test_a_mark_inside_words_the_copy_does_not_hold_stays_on_the_struck_original(brazil):
    # line 89: "Dubai, 2014" is deleted by Brazil; Ana's mark on "2014" sits in the deletion (op DELETE)
    p = _mark(brazil, "recalling/j", "2014", "old edition", Op.DELETE)
    p = _mark(p, "recalling/j", "Resolution", "which one?")
    moved = itu_nb.amend(p, "Move recalling j) after recalling k)", author="Ana")
    assert marks(moved, "old edition") == [("recalling/j", "deleted", "2014", "DELETE")]
    assert marks(moved, "which one?") == [("recalling/k", "inserted", "Resolution", "EQUAL")]
    assert _view_marks(moved, "original", "old edition") == [("recalling/j", "2014")]
    assert _view_marks(moved, "amended", "which one?") == [("recalling/k", "Resolution")]


@pytest.mark.parametrize(
    ("source", "word", "branch"),
    [
        # resolves is a simple list: the run strikes from it while it stays pending (pending.Pending)
        ("resolves", "to give", "_pending_strike"),
        # considering holds two b) and two h): each original is struck as one by one (inserting._movable)
        ("considering", "that the ITU", "_unmarked"),
    ],
)
def test_a_run_of_moves_puts_the_mark_on_the_copy_only(brazil, monkeypatch, source, word, branch):
    marked_path = "resolves/2" if source == "resolves" else "considering/a"
    p = _mark(brazil, marked_path, word, "run")
    seen = []
    real = getattr(inserting, branch)
    monkeypatch.setattr(inserting, branch, lambda *a: seen.append(1) or real(*a))
    cite = "resolves 1" if source == "resolves" else "considering a)"
    lines = [f"Move {cite} before recognizing a)"] * 4  # the next one each time: the list is relettered
    moved = itu_nb.amend(p, "\n".join(lines), author="Ana")
    assert len(seen) == 4  # the run took the branch named
    got = marks(moved, "run")
    # the marked clause was the second of the resolves moved, and the first of the considering ones; the copies
    # go, one after the other, to the head of recognizing: the last moved is a)
    want = "recognizing/c" if source == "resolves" else "recognizing/d"
    assert got == [(want, "inserted", word, "EQUAL")]
    assert len([c for c in moved.walk() if any(a.text == "run" for a in c.artefacts)]) == 1


@pytest.fixture(scope="module")
def moved(brazil):
    p = _mark(brazil, "resolves/2", "to give", "why first?")
    p = _mark(p, "recalling/j", "2014", "old edition", Op.DELETE)
    return itu_nb.amend(p, ["Move resolves 2 after resolves 3", "Move recalling j) after recalling k)"], author="Ana")


def _comments(doc) -> list[tuple[str, str, str | None, str | None]]:
    """(path, text, author, day) of every comment; Word writes the day as a time (``2026-12-03T00:00:00Z``)."""
    p = doc[KEY] if isinstance(doc, itu_nb.Document) else doc
    return sorted(
        (c.path, a.text, a.author, (a.date or "")[:10] or None)
        for c in p.walk()
        for a in c.artefacts
        if a.kind == "comment"
    )


WANT = [
    ("recalling/j", "old edition", "Ana", "2026-12-03"),
    ("resolves/3", "why first?", "Ana", "2026-12-03"),
]


def test_the_redline_and_the_viewer_show_each_mark_once(moved):
    assert _comments(moved) == WANT
    # the redline compares the two views: the deleted words' mark from the original, the copy's from the amended
    assert _comments(comparison_proposal(moved.redline())) == WANT
    redline = moved.redline()
    assert redline.to_html().count("why first?") == 1
    with zipfile.ZipFile(io.BytesIO(redline.to_docx())) as z:
        assert z.read("word/comments.xml").decode().count("why first?") == 1
    rows = RedlineViewer(moved)._rows
    notes = [(r["path"], n["text"]) for r in rows for n in r.get("notes", [])]
    assert sorted(notes) == [("recalling/j", "old edition"), ("resolves/3", "why first?")]


@pytest.mark.parametrize("fmt", ["critic", "akn", "docx"])
def test_every_export_writes_each_mark_once_and_reads_it_back(moved, tmp_path, fmt):
    data = {"critic": itu_nb.to_criticmarkup, "akn": itu_nb.to_akn, "docx": itu_nb.to_docx}[fmt](moved)
    path = tmp_path / f"moved.{ {'critic': 'md', 'akn': 'xml', 'docx': 'docx'}[fmt] }"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    back = itu_nb.load(path)
    assert _comments(back) == WANT
    assert marks(back[KEY], "why first?") == [("resolves/3", "inserted", "to give", "EQUAL")]
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            assert z.read("word/comments.xml").decode().count("why first?") == 1


def test_html_shows_each_comment_once(moved):
    html = itu_nb.to_html(moved)
    assert html.count("why first?") == 1 and html.count("old edition") == 1


def test_accepting_the_move_keeps_the_mark_on_its_words(moved):
    accepted = moved.accept()
    assert marks(accepted, "why first?") == [("resolves/3", "unchanged", "to give", "EQUAL")]


@needs_soffice
def test_libreoffice_shows_the_comment_once(moved, tmp_path):
    path = tmp_path / "moved.docx"
    path.write_bytes(itu_nb.to_docx(moved))
    fodt = libreoffice_fodt(path, tmp_path).read_text()
    annotations = re.findall(r"<office:annotation\b.*?</office:annotation>", fodt, re.S)
    bodies = [re.sub(r"<[^>]+>", "", a) for a in annotations]
    assert sum("why first?" in b for b in bodies) == 1
    assert sum("old edition" in b for b in bodies) == 1


def test_rejecting_the_move_gives_the_mark_back_to_the_original(moved):
    # the copy goes and the struck original comes back: the mark returns to "to give" of resolves 2 (main's double
    # went, one to the original and one to the end of old resolves 3, the clause before the copy)
    assert marks(moved.reject(), "why first?") == [("resolves/2", "unchanged", "to give", "EQUAL")]
    ana = [c.id for c in moved.changes if c.author == "Ana" and c.path.startswith("resolves")]
    assert marks(moved.reject(ana), "why first?") == [("resolves/2", "unchanged", "to give", "EQUAL")]
    # reject all rejects Brazil's deletion of "Dubai, 2014" too: the mark made in it stays on "2014", now text
    assert marks(moved.reject(), "old edition") == [("recalling/j", "unchanged", "2014", "EQUAL")]


def test_moving_a_clause_of_ten_thousand_marks_in_bounded_time():
    # the copy takes them all, the struck original none: one pass over the clause's artefacts each
    r = bounded(
        """
        import itu_nb
        text = "MOD\\tX/1/1\\n\\nresolves\\n1\\tto act" + " {==a==}{>>@Ana (2026-12-03): n<<}" * 10_000 + ".\\n"
        text += "2\\tto wait.\\n"
        p = itu_nb.amend(itu_nb.load(text)[0], "Move resolves 1 after resolves 2", author="Ana")
        print(*(sum(a.kind == k for a in p[path].artefacts) for path in ("resolves/1", "resolves/2") for k in ("comment", "highlight")))
        """,
        label="amend: a move of a clause holding 10,000 comments and 10,000 highlights",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == ["0", "0", "10000", "10000"]
