"""Issue 17 end to end through the command line: hostile inputs as a newcomer gives them to ``itu-nb``.

The other tests of issue 17 call the loaders and writers; these run ``itu-nb outline`` and ``itu-nb batch``
as real subprocesses on files built from the issue's descriptions (tests/docx_build.py writes the Word
parts as Word does): each run ends, says what it read, and a batch records every file in summary.csv.

- ``outline`` printed document text as it was: a control character of the text (ESC, BEL, a vertical
  tab) went raw to the terminal, where ESC starts a sequence that rewrites the screen and the others
  vanish, so the reader never saw them (the loaders keep them and note them, issue 17). They are shown
  as Unicode control pictures (``␛``, ``␇``, ``␋``).
- ``batch`` on a folder of hostile files: a footnote referencing itself and comments referencing each
  other (before: ``RecursionError`` and no summary.csv), a damaged .docx, UTF-16 text without a
  byte-order mark, a CriticMarkup file starting with ``<!--``, and two inputs of one stem (``R130.md``,
  ``R130.txt``): one row per text, the failure recorded, no output written over another.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CRITIC, FINAL_ACTS
from docx_build import SEPARATORS, comment, comment_ref, footnote, footnote_ref, package, para, run

import itu_nb
from itu_nb.cli import outline_text

RES130 = (
    "MOD\tB/67/4\n\nRESOLUTION 130 (Rev. Dubai, 2018)\n\n"
    "Strengthening the role of ITU in building confidence and security in the use of information and "
    "communication technologies\n\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n"
    "resolves\n\n1\tto continue to give this work high priority within ITU;\n"
)


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("itu-nb")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def test_outline_shows_control_characters_instead_of_sending_them_to_the_terminal(tmp_path):
    text = RES130.replace("high priority", "high\x1b[2J\x07priority\x0bnow")
    path = tmp_path / "res130.txt"
    path.write_text(text, encoding="utf-8")
    node = itu_nb.load(path)[0]["resolves/1"]
    assert node.body() == "to continue to give this work high\x1b[2J\x07priority\x0bnow within ITU;"
    assert "U+0007, U+000B, U+001B" in " ".join(node.notes)  # the loader notes them (issue 17)
    res = _run("outline", str(path))
    assert res.returncode == 0, res.stderr
    assert "1 to continue to give this work high␛[2J␇priority␋now within ITU;" in res.stdout
    assert not any(ch in res.stdout for ch in "\x1b\x07\x0b")
    # only the outline's display: the text itself and its JSON outline keep the characters
    assert "\\u001b[2J\\u0007priority\\u000bnow" in _run("outline", str(path), "--to", "json").stdout


def test_outline_of_brazil_is_unchanged_by_the_control_pictures():
    # the corpus has no control characters but TAB, which stays a TAB inside a text
    doc = itu_nb.load(CRITIC)
    shown = outline_text(doc)
    assert not any(0x2400 <= ord(ch) <= 0x2421 for ch in shown)
    assert "~     c) → b) that, with the application and development of ICTs, new threats" in shown  # B/67/4 c) → b)


def test_batch_on_a_folder_of_hostile_files(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    words = "".join(para(run(line)) for line in RES130.split("\n") if line)
    # a footnote whose body references itself; two comments referencing each other
    (inputs / "a-selfnote.docx").write_bytes(
        package(
            words.replace("ITU;</w:t></w:r>", "ITU;</w:t></w:r>" + footnote_ref(2)),
            footnotes=SEPARATORS + footnote(2, run("See this note") + footnote_ref(2)),
        )
    )
    (inputs / "b-comments.docx").write_bytes(
        package(
            words.replace("ITU;</w:t></w:r>", "ITU;</w:t></w:r>" + comment_ref(1)),
            comments=comment(1, run("See the other") + comment_ref(2))
            + comment(2, run("See the first") + comment_ref(1)),
        )
    )
    (inputs / "c-damaged.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (inputs / "d-utf16.txt").write_bytes(RES130.replace("high priority", "top priority").encode("utf-16-le"))
    (inputs / "e-remark.md").write_text(
        "<!-- from the secretariat -->\n" + RES130.replace("high", "{--high--}{++top++}")
    )
    (inputs / "R130.md").write_text(RES130.replace("ITU;", "ITU {++and the Sectors++};"))
    (inputs / "R130.txt").write_text(RES130)
    res = _run("batch", str(inputs), "--base", str(FINAL_ACTS), "-o", str(out), "--to", "critic")
    assert res.returncode == 1, res.stderr  # one file failed: the status says so
    assert "itu-nb: 7 texts from 7 files" in res.stderr and "6 changed" in res.stderr and "1 failed" in res.stderr
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert sorted(rows) == sorted(p.name for p in inputs.iterdir())
    assert rows["c-damaged.docx"]["status"] == "error"
    assert "is not a readable .docx" in rows["c-damaged.docx"]["message"]
    for name in ("a-selfnote.docx", "b-comments.docx", "d-utf16.txt", "e-remark.md", "R130.md", "R130.txt"):
        row = rows[name]
        # every other file compared with Resolution 130 of the Final Acts (its base, found by target)
        assert (row["status"], row["base"], row["message"]) == ("changed", "res-130", ""), row
    outputs = [r["output"] for r in rows.values() if r["output"]]
    assert len(outputs) == len(set(outputs)) == 6  # R130.md and R130.txt: R130.md and R130-2.md
    assert {rows["R130.md"]["output"], rows["R130.txt"]["output"]} == {"R130.md", "R130-2.md"}
    assert sorted(p.name for p in out.iterdir()) == sorted([*outputs, "summary.csv"])
    # the text read from the UTF-16 file and from the file starting with <!-- is the proposal's: Resolution
    # 130's resolves 1 reads "to continue to give this work high priority within ITU" in the Final Acts
    for name in ("d-utf16.txt", "e-remark.md"):
        redline = (out / rows[name]["output"]).read_text(encoding="utf-8")
        assert "to continue to give this work {--high--}{++top++} priority within ITU" in redline, name


def test_compare_writes_each_text_of_one_id_to_its_own_file(tmp_path):
    # Brazil's Document 67 pasted twice (ids B/67/1 … B/67/5 twice), compared with itself: `itu-nb compare -o`
    # writes one file per text, named by its id; the second copy's texts overwrote the first's
    text = CRITIC.read_text(encoding="utf-8")
    path = tmp_path / "twice.md"
    path.write_text(text + "\n" + text, encoding="utf-8")
    res = _run("compare", str(path), str(path), "--to", "critic", "-o", str(tmp_path / "out.md"))
    assert res.returncode == 0, res.stderr
    written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out-"))
    stems = [f"out-B-67-{k}" for k in range(1, 6)]
    assert written == sorted([f"{s}.md" for s in stems] + [f"{s}-2.md" for s in stems])
    said = [line.split(": ", 2)[2] for line in res.stderr.splitlines() if line.startswith("itu-nb: B/67/")]
    assert sorted(Path(p).name for p in said) == written  # each path said on stderr, once
