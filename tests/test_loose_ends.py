"""Loose ends carried over the last sessions, each made right end to end (session 14, carried14).

Every expected value is read from the fixtures: Brazil's proposals to PP-18 (Document 67,
``tests/fixtures/pp18-doc67-brazil.*``) and the PP-18 Final Acts (``pp18-final-acts.akn.xml``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS, FIXTURES, FLATTENED

import itu_nb
from itu_nb.amendments.operations import DeleteClause, EditError
from itu_nb.frames import CHANGE_COLUMNS, PAIR_COLUMNS

DOCX = FIXTURES / "pp18-doc67-brazil.pandoc.docx"


@pytest.fixture(scope="module")
def acts():
    return itu_nb.load(FINAL_ACTS)


# -- 1. to_frame of a document comparison; a document against itself ------------------------------


def test_a_document_compared_with_itself_has_no_change(critic):
    dc = itu_nb.compare(critic, critic)
    # B/67/3 is a SUP on both sides (line 69 of the CriticMarkup file): before, the second copy was
    # taken for the text in force and shown deleted (4 changes)
    assert [(p.id, p.status) for p in dc] == [(f"B/67/{k}", "compared") for k in range(1, 6)]
    assert all(len(p.comparison.changes) == 0 for p in dc)
    assert "both documents suppress Resolution 128 (Rev. Antalya, 2006)" in dc["B/67/3"].note
    table = itu_nb.to_frame(dc)
    assert type(table).__name__ == "Table" and table.empty
    assert list(table.columns) == ["proposal", *CHANGE_COLUMNS]


def test_the_final_acts_compared_with_themselves_have_no_change(acts):
    dc = itu_nb.compare(acts, acts)
    assert len(dc) == 70 and {p.status for p in dc} == {"compared"}
    assert itu_nb.to_frame(dc).empty and itu_nb.to_frame(dc, "clauses").kind.unique().tolist() == ["unchanged"]


def test_two_copies_of_a_suppressed_text_that_differ_are_compared(critic):
    # the second document's copy of Resolution 128's title (line 71) reads "Plan of Action"
    text = CRITIC.read_text(encoding="utf-8").replace("Quito Action Plan", "Quito Plan of Action")
    other = itu_nb.load(text, format="criticmarkup", author="Brazil")
    pair = itu_nb.compare(critic, other)["B/67/3"]
    assert pair.status == "compared"
    changed = [c for c in pair.comparison.changes]
    assert changed and all(c.path == "title" for c in changed)
    assert "of" in " ".join(c.new or "" for c in changed)


def test_to_frame_of_a_document_comparison_is_one_row_per_change(critic, acts):
    dc = itu_nb.compare(critic, acts)
    changes = itu_nb.to_frame(dc)
    assert list(changes.columns) == ["proposal", *CHANGE_COLUMNS]
    # one row per change of each text compared (B/67/1's Resolution 14 is not in the Final Acts: no rows)
    expected = {p.id: [c.id for c in p.comparison.changes] for p in dc if p.comparison is not None}
    got = {k: g.id.tolist() for k, g in changes.groupby("proposal", sort=False)}
    assert got == {k: v for k, v in expected.items() if v}
    assert "B/67/1" not in got and dc["B/67/1"].status == "not found"
    clauses = itu_nb.to_frame(dc, "clauses")
    assert list(clauses.columns) == ["proposal", *PAIR_COLUMNS]
    assert len(clauses) == sum(len(c.pairs) for c in dc.comparisons.values())
    assert itu_nb.to_frame(dc, "texts").equals(dc.table)
    with pytest.raises(ValueError, match="choose one of"):
        itu_nb.to_frame(dc, "matrix")


# -- 3. labels of 1,000 and more -------------------------------------------------------------------


def _long_resolves(lines: list[str], last: int) -> str:
    """Doc 67 flattened, with B/67/4's resolves 1-8 (lines 139-146) continued to ``last`` items, each
    item k reading as item ((k - 1) mod 8) + 1 does."""
    at = lines.index("instructs the Secretary-General and the Directors of the Bureaux")
    items = lines[at - 8 : at]
    assert [x.split("\t")[0] for x in items] == [str(k) for k in range(1, 9)]
    more = [f"{k}\t{items[(k - 1) % 8].split(chr(9), 1)[1]}" for k in range(9, last + 1)]
    return "\n".join(lines[:at] + more + lines[at:]) + "\n"


def test_items_numbered_1000_and_more_are_read_as_items(flattened):
    lines = FLATTENED.read_text(encoding="utf-8").splitlines()
    doc = itu_nb.load(_long_resolves(lines, 1005), format="text")
    resolves = doc["B/67/4"]["resolves"].children
    assert [c.path for c in resolves[-7:]] == [f"resolves/{k}" for k in range(999, 1006)]
    assert {c.kind.value for c in resolves} == {"item"} and len(resolves) == 1005
    item_8 = flattened["B/67/4"]["resolves/8"]
    assert doc["B/67/4"]["resolves/1000"].label == "1000"  # 1000 = 8 (mod 8): item 8's words
    assert doc["B/67/4"]["resolves/1000"].body("amended") == item_8.body("amended")
    # the rest of the document reads as before
    after = [(c.path, c.body("amended")) for c in doc["B/67/4"].walk() if not c.path.startswith("resolves")]
    assert after == [
        (c.path, c.body("amended")) for c in flattened["B/67/4"].walk() if not c.path.startswith("resolves")
    ]
    assert [p.id for p in doc] == [p.id for p in flattened]


def test_four_digit_items_in_criticmarkup():
    text = "\n".join(["ADD\tB/67/9", "", "resolves", *(f"{k}\tto report on item {k};" for k in range(998, 1003))])
    p = itu_nb.load(text, format="criticmarkup")[0]
    assert [(c.path, c.label) for c in p["resolves"].children] == [(f"resolves/{k}", str(k)) for k in range(998, 1003)]


# -- 4. deleting a clause already struck -----------------------------------------------------------


def test_deleting_a_clause_already_struck_is_refused(critic):
    # Doc 67 strikes considering h) of Resolution 130 (CriticMarkup line 100: "{--h)\tthat the number…")
    p = critic["B/67/4"]
    assert p["considering/h"].status == "deleted"
    with pytest.raises(EditError, match=r"B/67/4: considering h\) is already struck"):
        itu_nb.amend(p, DeleteClause("considering/h"), author="ITU", date="2026-01-01")


def test_deleting_one_clause_twice_is_refused(critic):
    p = critic["B/67/4"]
    once = itu_nb.amend(p, DeleteClause("considering/a"), author="ITU", date="2026-01-01")
    assert once["considering/a"].status == "deleted"  # struck where it stood; the live items follow
    with pytest.raises(EditError, match=r"considering a\) is already struck"):
        itu_nb.amend(p, [DeleteClause("considering/a"), DeleteClause("considering/a")], author="ITU", date="2026-01-01")
    # by label, the instruction names the live item: the second deletion strikes the next one
    twice = itu_nb.amend(p, "Delete considering a)\nDelete considering a)", author="ITU", date="2026-01-01")
    assert [c.status for c in twice["considering"].children[:2]] == ["deleted", "deleted"]


# -- 2. "-" reads standard input ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=120, env=env, cwd=ROOT)


@pytest.mark.parametrize("path", [CRITIC, FLATTENED, FINAL_ACTS, DOCX])
def test_outline_of_standard_input_is_the_outline_of_the_file(path):
    # the same outline as from the file, format detected from the content, but for the name on its first line
    piped = _cli("outline", "-", "--to", "json", stdin=path.read_bytes())
    direct = _cli("outline", str(path), "--to", "json")
    assert piped.returncode == 0 and direct.returncode == 0, piped.stderr.decode()
    a, b = json.loads(piped.stdout), json.loads(direct.stdout)
    assert a["source"] == "<stdin>" and b["source"] == str(path) and a["format"] == b["format"]
    assert a["proposals"] == b["proposals"]


def test_standard_input_takes_the_format_given():
    # Doc 67 in CriticMarkup read as plain text (the deprecated --format spelling too): the marks stay text
    for option in ("--from", "--format"):
        r = _cli("outline", "-", option, "text", "--to", "json", stdin=CRITIC.read_bytes())
        assert r.returncode == 0 and json.loads(r.stdout)["format"] == "text"
        clause = json.loads(r.stdout)["proposals"][0]["clauses"][0]
        assert "{--" in clause["amended"]  # "RESOLUTION 14 (Rev. {--Antalya, 2006--}{++Dubai, 2018++})", line 2


def test_export_and_compare_read_standard_input(tmp_path):
    critic = CRITIC.read_bytes()
    direct = _cli("export", str(CRITIC), "--to", "critic", "--author", "Brazil", "--date", "2018-09-10")
    piped = _cli("export", "-", "--to", "critic", "--author", "Brazil", "--date", "2018-09-10", stdin=critic)
    assert piped.returncode == 0 and piped.stdout == direct.stdout and b"{++Dubai, 2018++}" in piped.stdout
    r = _cli("compare", "-", str(FINAL_ACTS), "--to", "json", stdin=critic)
    assert r.returncode == 0
    piped, direct = (
        json.loads(r.stdout),
        json.loads(_cli("compare", str(CRITIC), str(FINAL_ACTS), "--to", "json").stdout),
    )
    assert (piped.pop("old"), direct.pop("old")) == ("<stdin>", str(CRITIC)) and piped == direct
    assert _cli("compare", "-", "-", "--to", "json", stdin=critic).returncode == 2


def test_a_stream_over_the_bound_is_refused_without_reading_it_all():
    # 120 MB written into the pipe: the reader stops after the bound (MAX_BYTES, 50 MiB, 52,428,800 bytes)
    # plus a byte and says so, naming the bound as it is defined (it said "52 MB")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    reader = subprocess.Popen(
        [sys.executable, "-m", "itu_nb.cli", "outline", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    assert reader.stdin is not None
    written, chunk = 0, b"considering\n" * 87_382  # about 1 MB
    try:
        while written < 120_000_000:
            reader.stdin.write(chunk)
            written += len(chunk)
    except BrokenPipeError:
        pass
    finally:
        with contextlib.suppress(BrokenPipeError):
            reader.stdin.close()
    assert reader.stdout is not None and reader.stderr is not None
    out, err = reader.stdout.read(), reader.stderr.read()
    assert reader.wait(timeout=120) == 1 and out == b""
    assert err.decode().strip() == (
        "itu-nb: <stdin>: stream (a pipe or a device) is over the 50 MiB limit for one document (stopped reading "
        "after 52428800 bytes); split it, or pass max_bytes= to load() if it really is one document"
    )
    assert written < 60_000_000  # what the pipe took before the reader went away: the rest was never read


def test_load_reads_a_binary_stream_within_its_bound():
    with CRITIC.open("rb") as fh:
        doc = itu_nb.load(fh, author="Brazil")
    assert doc.source == str(CRITIC) and [p.id for p in doc] == [f"B/67/{k}" for k in range(1, 6)]
    stream = io.BytesIO(CRITIC.read_bytes())
    with pytest.raises(itu_nb.LoadError, match="<stream>: stream .* over the 1 kB limit"):
        itu_nb.load(stream, max_bytes=1000)
    assert stream.tell() == 1001  # the bound plus one byte read, no more


# -- 5. the base-differs note names calls a user can make ------------------------------------------


def test_the_cli_base_note_names_commands_that_run():
    # B/67/4 amends Resolution 130 (Rev. Busan, 2014) (CriticMarkup line 75 ff.); the Final Acts hold Rev. Dubai, 2018
    r = _cli("compare", str(CRITIC), str(FINAL_ACTS), "--proposal", "Resolution 130", "--to", "json")
    note = r.stderr.decode()
    assert r.returncode == 0 and note.startswith("itu-nb: Base differs: B/67/4") and "three_way" not in note
    export, compare = re.findall(r"itu-nb ((?:export|compare) .*?) --to html", note)
    own = _cli(*shlex.split(export), "--to", "html")
    assert own.returncode == 0 and b"B/67/4" in own.stdout
    base = _cli(*shlex.split(compare), "--to", "json")
    assert base.returncode == 0 and base.stderr == b""  # its base against the new text: nothing to warn of
    critic, acts = itu_nb.load(CRITIC), itu_nb.load(FINAL_ACTS)
    mine, between = itu_nb.compare(critic["B/67/4"], acts["Resolution 130"]).three_way()
    assert json.loads(base.stdout)["changes"] == [dataclasses.asdict(c) for c in between.changes]


def test_the_python_base_note_names_the_call():
    critic, acts = itu_nb.load(CRITIC), itu_nb.load(FINAL_ACTS)
    c = itu_nb.compare(critic["B/67/4"], acts["Resolution 130"])
    assert "itu_nb.compare(…).three_way() separates them" in c.base_note
    assert c.base_note.startswith(c.base_fact) and c.proposal_side == "old"


# -- 6. a comparison's HTML shows highlights and the marks of empty paragraphs ---------------------


def _marked_doc67() -> itu_nb.Document:
    """Doc 67 with three highlights in B/67/4 (considering a), line 92; resolves 1, line 139 of the flattened
    text) and an empty paragraph inserted by Brazil before its resolves."""
    text = CRITIC.read_text(encoding="utf-8")
    text = text.replace("that the ITU‑coordinated WSIS+", "that the {==ITU‑coordinated==} WSIS+", 1)
    text = text.replace(
        "to continue to give this work high priority", "to {==continue==} to give this work high priority", 1
    )
    text = text.replace("regional and international level;", "regional and international {==level;==}", 1)
    at = text.index("\nresolves\n", text.index("B/67/4"))
    text = text[:at] + "\n{++++}{>>@Brazil (2018-09-10T00:00:00Z)<<}" + text[at:]
    return itu_nb.load(text, format="criticmarkup")


def test_a_comparison_fragment_shows_highlights_whichever_side_holds_them(acts):
    marked = _marked_doc67()["B/67/4"]
    for c in (itu_nb.compare(marked, acts["Resolution 130"]), itu_nb.compare(acts["Resolution 130"], marked)):
        html = c.to_html()
        # one <mark> each; the Final Acts write "ITU-coordinated" with a plain hyphen, Doc 67 a no-break one
        # (U+2011): the runs show the new side's, the highlight stays on the same characters
        assert re.findall(r"<mark>(.*?)</mark>", html) == [
            c.new["considering/a"].body()[9:24], "continue", "level;"
        ]  # fmt: skip
        assert html.count("<mark") == 3


def test_a_document_comparison_shows_the_mark_of_an_empty_paragraph(acts):
    html = itu_nb.compare(_marked_doc67(), acts).to_html()
    assert (
        '<div class="itu-nb-loose">B/67/4: <span class="itu-nb-paragraph-mark inserted" role="note" '
        'data-author="Brazil" data-date="2018-09-10T00:00:00Z">[empty paragraph inserted by Brazil, '
        "2018-09-10T00:00:00Z]</span></div>"
    ) in html
    assert html.count("<mark>") == 3


# -- 8. itu-nb export takes the Word cover's metadata ----------------------------------------------


def test_export_writes_the_cover_the_options_give(tmp_path):
    from itu_nb.cli import COVER_KEYS
    from itu_nb.export import docx_cover

    assert COVER_KEYS == docx_cover.COVER_KEYS
    out = tmp_path / "doc67.docx"
    meta = {"conference": "PP-18", "submitter": "Brazil (Federative Republic of)", "date": "10 September 2018"}
    args = [f"--meta={k}={v}" for k, v in meta.items()]
    r = _cli("export", str(CRITIC), "--to", "docx", "-o", str(out), "--author", "Brazil", "--title", "Doc 67", *args)
    assert r.returncode == 0, r.stderr.decode()
    # what itu_nb.to_docx(metadata=…) writes (its docstring's example): the document number 67 from the ids
    back = itu_nb.load(out)
    assert [a.text for a in back.artefacts if a.kind == "header"] == [
        "Plenipotentiary Conference (PP-18)", "Document 67-E", "10 September 2018", "Brazil (Federative Republic of)",
        "PROPOSALS FOR THE WORK OF THE CONFERENCE",
    ]  # fmt: skip
    assert back.metadata["title"] == "Doc 67" and back.metadata["date"] == "10 September 2018"
    bare = tmp_path / "bare.docx"
    assert _cli("export", str(CRITIC), "--to", "docx", "-o", str(bare), *args, "--no-cover").returncode == 0
    assert not [a for a in itu_nb.load(bare).artefacts if a.kind == "header"]


def test_export_cover_options_are_checked():
    r = _cli("export", str(CRITIC), "--to", "critic", "--meta", "conference=PP-18")
    assert r.returncode == 2 and b"--meta: only for --to docx" in r.stderr
    r = _cli("export", str(CRITIC), "--to", "docx", "-o", "x.docx", "--meta", "colour=red")
    assert r.returncode == 2 and b"--meta 'colour=red': give KEY=VALUE with KEY one of conference" in r.stderr
