"""``itu-nb batch`` output names from hostile ids and file names: never too long, never a device, never a stop.

Found by the session-16 sweep: a text file named with 251 characters (``.txt``: 255 bytes, the most a file
system takes) is written as ``.docx``, 256 bytes: renaming its export failed with "File name too long" and
the whole run stopped, with no ``summary.csv`` and a ``.part-…`` file left behind.  Names are now cut to
``MAX_STEM_BYTES``, and an export that cannot be given its name is a row of ``summary.csv``, as every other
failure is.  Inputs: Brazil's Document 67 (``tests/fixtures``, five texts) and the PP-18 Final Acts.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FINAL_ACTS, FLATTENED

from itu_nb.cli.common import MAX_STEM_BYTES, output_name

ROOT = Path(__file__).resolve().parents[1]


def _batch(folder: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's itu_nb
    cmd = [sys.executable, "-m", "itu_nb.cli", "batch", str(folder), "--base", str(FINAL_ACTS), "-o", str(out)]
    return subprocess.run([*cmd, "--to", "docx"], capture_output=True, text=True, timeout=600, env=env)


def _rows(out: Path) -> list[dict]:
    return list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))


def test_hostile_stems_give_short_safe_names():
    taken: set[str] = set()
    got = {
        stem: output_name(stem, ".docx", taken)
        for stem in ("../../evil", "..", "/abs", "C:evil", ".hidden", "CON", "com1.txt", "x" * 300, "é" * 200)
    }
    assert got["../../evil"] == "-..-evil.docx"  # no separator survives: never outside the output folder
    assert (got[".."], got["/abs"], got["C:evil"], got[".hidden"]) == (
        "text.docx",
        "-abs.docx",
        "C-evil.docx",
        "hidden.docx",
    )
    assert (got["CON"], got["com1.txt"]) == ("CON-.docx", "com1.txt-.docx")  # Windows device names
    assert got["x" * 300] == "x" * MAX_STEM_BYTES + ".docx"
    assert got["é" * 200] == "é" * (MAX_STEM_BYTES // 2) + ".docx"  # cut between characters (2 bytes each)
    assert output_name("x" * 300, ".docx", taken) == "x" * MAX_STEM_BYTES + "-2.docx"  # still told apart
    assert all(len(name.encode()) <= 255 for name in taken)


def test_a_long_file_name_is_cut_and_the_run_goes_on(tmp_path):
    folder, out = tmp_path / "texts", tmp_path / "out"
    folder.mkdir()
    # B/67/4 alone (lines 75-207 of the flattened Document 67: from its MOD line to the line before ADD B/67/5),
    # in a file of 255 bytes whose export, one text, is named after it: the .docx would be 256
    lines = FLATTENED.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[74].startswith("MOD\tB/67/4") and lines[207].startswith("ADD\tB/67/5")
    long = "x" * 251 + ".txt"
    (folder / long).write_text("".join(lines[74:207]), encoding="utf-8")
    shutil.copy(FLATTENED, folder / "doc67.txt")
    res = _batch(folder, out)
    assert res.returncode == 0, res.stderr
    rows = _rows(out)
    assert [(r["file"], r["proposal"], r["status"]) for r in rows][:2] == [
        ("doc67.txt", "B/67/1", "no base"),
        ("doc67.txt", "B/67/2", "changed"),
    ]
    assert (rows[-1]["file"], rows[-1]["proposal"], rows[-1]["base"]) == (long, "B/67/4", "res-130")
    assert rows[-1]["output"] == "x" * MAX_STEM_BYTES + ".docx"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["B-67-2.docx", "B-67-4.docx", "summary.csv", "x" * MAX_STEM_BYTES + ".docx"]


def test_an_export_that_cannot_take_its_name_is_a_row(tmp_path):
    folder, out = tmp_path / "texts", tmp_path / "out"
    folder.mkdir()
    shutil.copy(FLATTENED, folder / "doc67.txt")
    (out / "B-67-4.docx").mkdir(parents=True)  # a folder where B/67/4's export goes
    res = _batch(folder, out)
    assert res.returncode == 1  # one text failed
    assert "Traceback" not in res.stderr
    rows = {r["proposal"]: r for r in _rows(out)}
    assert rows["B/67/4"]["status"] == "error" and rows["B/67/4"]["output"] == ""
    assert rows["B/67/4"]["message"] == f"{out / 'B-67-4.docx'}: cannot be written (Is a directory)"
    assert rows["B/67/2"]["status"] == "changed" and (out / "B-67-2.docx").is_file()  # the others were written
    assert not any(p.name.startswith(".part-") for p in out.iterdir())
