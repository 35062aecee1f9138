"""``itu-nb export``, ``compare`` and ``batch`` run as real subprocesses on the corpus."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_batch import edited_copies  # noqa: E402


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("itu-nb")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("command", ["export", "compare", "batch"])
def test_help(command):
    res = _run(command, "--help")
    assert res.returncode == 0 and "--to" in res.stdout


def test_export_every_format(tmp_path):
    for fmt, name in (("html", "b.html"), ("docx", "b.docx"), ("critic", "b.md"), ("akn", "b.xml")):
        res = _run("export", str(CRITIC), "--to", fmt, "-o", str(tmp_path / name), "--author", "Brazil")
        assert res.returncode == 0, res.stderr
    assert (tmp_path / "b.md").read_text(encoding="utf-8").rstrip("\n") == CRITIC.read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "b.docx") as z:
        assert 'w:author="Brazil"' in z.read("word/document.xml").decode()
    assert (tmp_path / "b.html").read_text(encoding="utf-8").count("<ins ") == 121
    assert len(itu_nb.load(tmp_path / "b.xml")) == 5


def test_export_one_proposal_to_stdout():
    res = _run("export", str(CRITIC), "--proposal", "B/67/1", "--to", "critic")
    assert res.returncode == 0
    head = "MOD\tB/67/1\n[bookmark: _Toc164569702]RESOLUTION 14 (Rev. {--Antalya, 2006--}{++Dubai, 2018++})"
    assert res.stdout.startswith(head)


def test_compare_in_force_text_with_a_proposal(tmp_path):
    res = _run("compare", str(FINAL_ACTS), str(CRITIC), "--proposal", "Resolution 130", "--to", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert (data["old"], data["new"]) == ("res-130", "B/67/4")
    assert data["changes"] and {"id", "kind", "scope", "old", "new", "new_path"} <= set(data["changes"][0])
    out = tmp_path / "r130.docx"
    res = _run("compare", str(FINAL_ACTS), str(CRITIC), "--proposal", "Resolution 130", "--to", "docx", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert itu_nb.load(out)[0].changes


def test_errors_and_exit_codes(tmp_path):
    missing = _run("compare", str(tmp_path / "none.txt"), str(CRITIC), "--to", "html")
    assert missing.returncode == 1 and "none.txt: no such file" in missing.stderr and "Traceback" not in missing.stderr
    assert _run("export", str(CRITIC), "--to", "docx").returncode == 2  # a .docx needs -o
    assert _run("export", str(CRITIC), "--to", "pdf").returncode == 2
    assert _run("batch", str(tmp_path)).returncode == 2  # --base and --to are required
    empty = _run("batch", str(tmp_path), "--base", str(FINAL_ACTS), "--to", str(tmp_path / "out"))
    assert empty.returncode == 1 and "no .txt, .md, .docx or .xml file" in empty.stderr
    missing_proposal = _run("export", str(CRITIC), "--proposal", "B/67/9", "--to", "html")
    assert missing_proposal.returncode == 1 and "B/67/9" in missing_proposal.stderr


def test_batch_final_acts_against_edited_copies(tmp_path):
    copies, out = tmp_path / "copies", tmp_path / "out"
    copies.mkdir()
    edits = edited_copies(copies)
    (copies / "broken.xml").write_text("<akomaNtoso><statement>", encoding="utf-8")
    res = _run("batch", str(copies), "--base", str(FINAL_ACTS), "--to", str(out), "--format", "json")
    assert res.returncode == 1  # one file failed; the others were compared
    bars = [line for line in res.stderr.splitlines() if line.startswith("[")]
    assert len(bars) == 65 and bars[-1].startswith("[" + "#" * 30 + "] 65/65")
    # the copies of decision 11, resolution 213 and recommendation 7 carry Parts II-VII of the book; the
    # edits to recommendation 7's statement (its middle and last items) fall in Part VII, the declarations
    assert "64 changed, 6 unchanged, 0 without a base, 1 failed" in res.stderr
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 71
    unchanged = ["par-II", "par-III", "par-IV", "par-V", "par-VI", "rec-7"]
    assert sorted(r["proposal"] for r in rows if r["status"] == "unchanged") == unchanged
    rows = [r for r in rows if r["proposal"] not in unchanged]
    broken = next(r for r in rows if r["file"] == "broken.xml")
    assert broken["status"] == "error" and "malformed XML" in broken["message"]
    for row in rows:
        if row["file"] == "broken.xml":
            continue
        stem = row["file"][:-4]
        text = "par-VII" if stem == "64-rec-7" else stem.split("-", 1)[1]
        assert row["proposal"] == row["base"] == text
        assert row["status"] == "changed"
        assert int(row["modified"] or 0) + int(row["relabelled"] or 0) + int(row["moved"] or 0) >= 1
        assert int(row["deleted"] or 0) >= edits[stem]["deleted"]
        assert int(row["inserted"] or 0) >= edits[stem]["added"]
        data = json.loads((out / row["output"]).read_text(encoding="utf-8"))
        assert any("notably" in c["new"] for c in data["changes"])
