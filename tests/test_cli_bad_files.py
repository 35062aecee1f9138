"""Every ``itu-nb`` command given a file it cannot read: one line naming the file and the problem, no traceback.

Six kinds of bad input, made as real files: a missing file, a folder, an empty file, a binary file named
``.txt`` (the repository's own ``docs/panel.png``), a ``.docx`` that is a text (Brazil's Document 67 as
flattened text, ``tests/fixtures``) and a file without read permission.  Each goes through ``outline``,
``export`` (HTML and Word), ``compare`` (as either text) and ``batch`` (as the base, listed on standard
input, and in a folder), run as a subprocess.  The expected messages are the loaders' (``loaders/registry.py``,
``loaders/docx.py``) but for a missing file, where the command line leaves out the Python API's hint ("to
load a text itself, pass a string…"): a file name on a command line is always a file name.

As root (CI containers) a file without read permission is readable: the commands then run without the
capabilities that let root read any file (``setpriv``, util-linux), as an ordinary user would.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CRITIC, FINAL_ACTS, FLATTENED

ROOT = Path(__file__).resolve().parents[1]

#: What each command says after ``itu-nb: <file>: ``.
PROBLEMS = {
    "missing.txt": "no such file",
    "folder": "is a folder, not a document",
    "empty.txt": "the file is empty",
    "picture.txt": "binary data (NUL bytes), not a text document; is it a .docx or a PDF?",
    "text.docx": "is not a .docx (not a zip archive)",
    "unreadable.txt": "cannot be read (Permission denied)",
}


def _as_user() -> list[str]:
    """The prefix that makes the commands meet file permissions as an ordinary user does."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a file without read permission cannot be made unreadable")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def _itu_nb(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's itu_nb
    cmd = [*_as_user(), sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, input=input, capture_output=True, timeout=600, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "folder").mkdir()
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(ROOT / "docs" / "panel.png", folder / "picture.txt")
    shutil.copy(FLATTENED, folder / "text.docx")
    shutil.copy(FLATTENED, folder / "unreadable.txt")
    (folder / "unreadable.txt").chmod(0)
    return folder


def _one_line(res: subprocess.CompletedProcess, path: Path) -> None:
    err = res.stderr.decode()
    assert res.returncode == 1, err
    assert err == f"itu-nb: {path}: {PROBLEMS[path.name]}\n"


@pytest.mark.parametrize("name", PROBLEMS)
def test_outline_and_export(bad, tmp_path, name):
    path = bad / name
    _one_line(_itu_nb("outline", str(path)), path)
    _one_line(_itu_nb("outline", str(path), "--to", "json"), path)
    for fmt in ("html", "docx"):
        out = tmp_path / f"out.{fmt}"
        _one_line(_itu_nb("export", str(path), "--to", fmt, "-o", str(out)), path)
        assert not out.exists()


@pytest.mark.parametrize("name", PROBLEMS)
def test_compare_either_side(bad, tmp_path, name):
    path = bad / name
    out = tmp_path / "out.html"
    _one_line(_itu_nb("compare", str(path), str(CRITIC), "--to", "html", "-o", str(out)), path)
    _one_line(_itu_nb("compare", str(CRITIC), str(path), "--to", "json"), path)
    assert not out.exists()


@pytest.mark.parametrize("name", PROBLEMS)
def test_batch_base(bad, tmp_path, name):
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(CRITIC, folder)
    path = bad / name
    _one_line(_itu_nb("batch", str(folder), "--base", str(path), "-o", str(tmp_path / "out")), path)
    assert not (tmp_path / "out" / "summary.csv").exists()


def _rows(res: subprocess.CompletedProcess, out: Path, good: str) -> dict[str, list[dict]]:
    err = res.stderr.decode()
    assert res.returncode == 1, err  # some files failed: the others were compared
    assert "Traceback" not in err
    assert all(line.startswith(("[", "itu-nb: ")) for line in err.splitlines())  # progress and the total
    rows: dict[str, list[dict]] = {}
    for row in csv.DictReader((out / "summary.csv").open(encoding="utf-8")):
        rows.setdefault(row["file"], []).append(row)
    # Document 67 compared with the Final Acts all the same: its five texts, B/67/4 amending Resolution 130
    assert [(r["proposal"], r["base"]) for r in rows[good]][2:4] == [("B/67/3", ""), ("B/67/4", "res-130")]
    assert len(rows[good]) == 5 and rows[good][3]["status"] == "changed"
    return rows


def test_batch_listed_on_stdin_goes_on(bad, tmp_path):
    listed = [bad / name for name in PROBLEMS] + [CRITIC]
    out = tmp_path / "out"
    res = _itu_nb("batch", "-", "--base", str(FINAL_ACTS), "-o", str(out), input="\n".join(map(str, listed)).encode())
    rows = _rows(res, out, str(CRITIC))
    for name, problem in PROBLEMS.items():
        (row,) = rows[str(bad / name)]
        if name == "folder":  # a folder listed is not read: a row says so
            assert (row["status"], row["message"]) == ("skipped", "a folder; not read (list the files in it)")
        else:
            assert (row["status"], row["message"]) == ("error", f"{bad / name}: {problem}")
    assert "to load a text itself" not in (out / "summary.csv").read_text(encoding="utf-8")


def test_batch_folder_goes_on(bad, tmp_path):
    # the same files in a folder (a sub-folder is left out, as folders always were), and a link to nowhere
    folder = tmp_path / "texts"
    shutil.copytree(bad, folder)
    (folder / "missing.txt").symlink_to(tmp_path / "nowhere.txt")
    shutil.copy(CRITIC, folder)
    out = tmp_path / "out"
    rows = _rows(_itu_nb("batch", str(folder), "--base", str(FINAL_ACTS), "-o", str(out)), out, CRITIC.name)
    assert "folder" not in rows
    assert rows["missing.txt"] == [
        {
            **rows["missing.txt"][0],
            "status": "error",
            "message": f"{folder / 'missing.txt'}: no such file (a link to a missing file)",
        }
    ]
    for name in ("empty.txt", "picture.txt", "text.docx", "unreadable.txt"):
        (row,) = rows[name]  # a folder's files are shown by name, and their messages name the path read
        assert (row["status"], row["message"]) == ("error", f"{folder / name}: {PROBLEMS[name]}")
