"""``itu-nb batch -`` (the files to compare listed on standard input) and the Word cover options of batch.

Inputs: the edited copies of the PP-18 Final Acts texts that ``benchmarks/bench_batch.py`` writes (one
statement each, a word replaced by "notably"), Brazil's Document 67 in CriticMarkup and through pandoc
(``tests/fixtures``), compared with the Final Acts (``tests/fixtures/pp18-final-acts.akn.xml``).
"""

from __future__ import annotations

import csv
import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS, FIXTURES, libreoffice_fodt, needs_soffice

import itu_nb
from itu_nb.cli.batch_inputs import MAX_LIST_BYTES, MAX_LIST_PATHS, listed_inputs
from itu_nb.errors import LoadError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_batch import edited_copies  # noqa: E402

PANDOC_DOCX = FIXTURES / "pp18-doc67-brazil.pandoc.docx"
#: Three of the edited copies (Final Acts statements 10, 20 and 30 in document order).
PICKED = ("10-res-48.xml", "20-res-123.xml", "30-res-146.xml")


def _itu_nb(*args: str, stdin=None, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    exe = shutil.which("itu-nb")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, stdin=stdin, input=input, capture_output=True, timeout=600, cwd=cwd)


def _table(folder: Path) -> list[dict]:
    return list(csv.DictReader((folder / "summary.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("copies")
    edited_copies(folder)
    assert all((folder / name).is_file() for name in PICKED)  # the names the Final Acts give (FRBRnumber)
    return folder


def test_a_list_on_stdin_gives_what_the_folder_gives(copies, tmp_path):
    # the three files alone in a folder, and the same three listed on standard input: the same exports,
    # byte for byte, and the same summary but for the file column (the path as listed) and the timings
    folder = tmp_path / "three"
    folder.mkdir()
    for name in PICKED:
        shutil.copy(copies / name, folder / name)
    by_folder = _itu_nb("batch", str(folder), "--base", str(FINAL_ACTS), "-o", str(tmp_path / "a"), "--to", "critic")
    listed = "".join(f"{copies / name}\n" for name in PICKED).encode()
    by_list = _itu_nb(
        "batch", "-", "--base", str(FINAL_ACTS), "-o", str(tmp_path / "b"), "--to", "critic", input=listed
    )
    assert by_folder.returncode == by_list.returncode == 0, by_list.stderr
    assert b"3 texts from 3 files" in by_list.stderr and b"3 changed" in by_list.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["10-res-48.md", "20-res-123.md", "30-res-146.md", "summary.csv"]
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names[:3]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
        assert "notably" in (tmp_path / "b" / name).read_text(encoding="utf-8")
    a, b = _table(tmp_path / "a"), _table(tmp_path / "b")
    assert [r["file"] for r in b] == [str(copies / name) for name in PICKED]
    assert [r["file"] for r in a] == list(PICKED)
    drop = ("file", "seconds")
    assert [{k: v for k, v in r.items() if k not in drop} for r in a] == [
        {k: v for k, v in r.items() if k not in drop} for r in b
    ]


def test_find_piped_into_batch_in_the_order_given_with_what_is_not_read_as_rows(copies, tmp_path):
    # what find writes: the folder itself first, then its files; listed again under another name, a
    # missing file, a file of another kind, and one name (10-res-48.xml) in two folders
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(copies / PICKED[0], other / PICKED[0])
    (other / "notes.csv").write_text("not a proposal\n", encoding="utf-8")
    found = subprocess.run(["find", "other", "-print0"], cwd=tmp_path, capture_output=True, check=True).stdout
    listed = found + b"\0".join(
        [str(copies / PICKED[1]).encode(), b"./other/../other/" + PICKED[0].encode(), b"gone.txt", b""]
    )
    out = tmp_path / "out"
    res = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(out), "--to", "json", input=listed, cwd=tmp_path)
    assert res.returncode == 1, res.stderr  # gone.txt failed, the others were compared
    assert b"2 changed, 0 unchanged, 0 without a base, 1 failed, 3 other files skipped" in res.stderr
    rows = {r["file"]: r for r in _table(out)}
    assert rows["other"]["message"] == "a folder; not read (list the files in it)"
    assert rows["other/notes.csv"]["message"] == "not a .txt, .md, .docx or .xml file; not read"
    assert rows["./other/../other/10-res-48.xml"]["message"] == ("listed again (as other/10-res-48.xml); compared once")
    assert rows["gone.txt"]["status"] == "error" and "gone.txt: no such file" in rows["gone.txt"]["message"]
    assert rows["other/10-res-48.xml"]["output"] == "10-res-48.json"
    assert rows[str(copies / PICKED[1])]["output"] == "20-res-123.json"
    assert rows["other/10-res-48.xml"]["status"] == rows[str(copies / PICKED[1])]["status"] == "changed"


def test_the_list_is_bounded_and_a_terminal_is_not_waited_on(tmp_path):
    # over MAX_LIST_BYTES (8 MiB): refused after reading the bound plus one byte
    stream = io.BytesIO(b"x.txt\n" * (MAX_LIST_BYTES // 6 + 1))
    with pytest.raises(
        LoadError, match=r"^<stdin>: the list of files is over the 8 MiB limit \(stopped reading after "
    ):
        listed_inputs(stream)
    assert stream.tell() == MAX_LIST_BYTES + 1
    # over MAX_LIST_PATHS (100,000): refused before a single path is looked at
    res = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(tmp_path / "out"), input=b"x.txt\n" * 100_001)
    assert res.returncode == 1
    assert (
        res.stderr.decode()
        == "itu-nb: <stdin>: lists more than 100,000 files; give them in several runs, or as a folder\n"
    )
    assert MAX_LIST_PATHS == 100_000 and not (tmp_path / "out").exists()
    # nothing listed, and standard input a terminal (nobody would type the list): no wait
    empty = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(tmp_path / "out"), input=b"\n\n")
    assert empty.returncode == 1 and b"standard input: no .txt, .md, .docx or .xml file to compare" in empty.stderr
    leader, follower = pty.openpty()
    try:
        tty = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(tmp_path / "out"), stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert tty.returncode == 2 and b"- reads the files to compare from standard input, one path a line" in tty.stderr


META = ["--meta", "conference=PP-18", "--meta", "document=67", "--meta", "date=10 September 2018"]
META += ["--meta", "submitter=Brazil (Federative Republic of)", "--title", "Doc 67"]


def _docx_batch(tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "out"
    listed = f"{CRITIC}\n{PANDOC_DOCX}\n".encode()
    res = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(out), "--to", "docx", *options, input=listed)
    assert res.returncode == 0, res.stderr
    # Brazil's five texts twice; B/67/2 and B/67/4 amend resolutions 71 and 130, in the Final Acts
    assert [r["output"] for r in _table(out) if r["output"]] == [
        "B-67-2.docx", "B-67-4.docx", "B-67-2-2.docx", "B-67-4-2.docx",
    ]  # fmt: skip
    return out


def test_batch_writes_the_cover_the_options_give_on_every_word_export(tmp_path):
    import docx as python_docx

    out = _docx_batch(tmp_path, *META, "--jobs", "2")  # the options reach the worker processes
    for name in ("B-67-2.docx", "B-67-4.docx", "B-67-2-2.docx", "B-67-4-2.docx"):
        word = python_docx.Document(str(out / name))
        assert word.core_properties.title == "Doc 67", name
        cover = [cell.text for row in word.tables[0].rows for cell in row.cells]
        assert cover == ["Plenipotentiary Conference (PP-18)", "Document 67-E\n10 September 2018"], name
        assert [p.text for p in word.paragraphs[:2]] == [
            "Brazil (Federative Republic of)", "PROPOSALS FOR THE WORK OF THE CONFERENCE",
        ]  # fmt: skip
    # read back by itu_nb: the same cover lines as `itu-nb export` writes them (test_loose_ends, section 8)
    back = itu_nb.load(out / "B-67-4.docx")
    assert [a.text for a in back.artefacts if a.kind == "header"] == [
        "Plenipotentiary Conference (PP-18)", "Document 67-E", "10 September 2018", "Brazil (Federative Republic of)",
        "PROPOSALS FOR THE WORK OF THE CONFERENCE",
    ]  # fmt: skip
    assert back.metadata["title"] == "Doc 67" and back.metadata["date"] == "10 September 2018"


@needs_soffice
def test_libreoffice_opens_a_batch_export_with_its_cover(tmp_path):
    out = _docx_batch(tmp_path, *META)
    fodt = libreoffice_fodt(out / "B-67-4.docx", tmp_path).read_text(encoding="utf-8")
    for line in ("Plenipotentiary Conference (PP-18)", "Document 67-E", "10 September 2018"):
        assert line in fodt, line
    assert "<dc:title>Doc 67</dc:title>" in fodt


def test_batch_no_cover_and_the_cover_options_checked(tmp_path):
    out = _docx_batch(tmp_path, "--no-cover", "--meta", "conference=PP-18")
    assert not [a for a in itu_nb.load(out / "B-67-4.docx").artefacts if a.kind == "header"]
    wrong = _itu_nb(
        "batch", str(FIXTURES), "--base", str(FINAL_ACTS), "-o", str(tmp_path / "x"), "--meta", "document=67"
    )
    assert wrong.returncode == 2 and b"--meta: only for --to docx (the Word cover)" in wrong.stderr
    wrong = _itu_nb(
        "batch", str(FIXTURES), "--base", str(FINAL_ACTS), "-o", str(tmp_path / "x"), "--to", "json", "--title", "T"
    )
    assert wrong.returncode == 2 and b"--title: only for --to docx or html" in wrong.stderr
    wrong = _itu_nb(
        "batch",
        str(FIXTURES),
        "--base",
        str(FINAL_ACTS),
        "-o",
        str(tmp_path / "x"),
        "--to",
        "docx",
        "--meta",
        "colour=red",
    )
    assert wrong.returncode == 2 and b"--meta 'colour=red': give KEY=VALUE with KEY one of conference" in wrong.stderr
    assert not (tmp_path / "x").exists()  # refused before the base is read or the folder made
