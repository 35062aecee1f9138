"""``itu-nb outline``, run as a real subprocess through the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CRITIC, FINAL_ACTS, FLATTENED


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("itu-nb")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "itu_nb.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_outline_json_schema_and_values():
    res = _run("outline", str(CRITIC), "--to", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["format"] == "criticmarkup"
    assert [p["id"] for p in data["proposals"]] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    p4 = data["proposals"][3]
    assert p4["action"] == "MOD"
    assert p4["target"] == {
        "kind": "Resolution",
        "number": "130",
        "revision": "Rev. Busan, 2014",
        "new_revision": "Rev. Dubai, 2018",
    }
    assert p4["title"] == "Cybersecurity"
    assert p4["reasons"].startswith("The Brazilian proposal drives the ITU to discuss specific challenges")
    clauses = {c["path"]: c for c in p4["clauses"]}
    # source line 95: "{--c--}{++b++})\tthat, with the application …"
    b2 = clauses["considering/b#2"]
    assert (b2["label_original"], b2["label"], b2["section"]) == ("c)", "b)", "considering")
    assert b2["original"] == b2["amended"]  # only the letter changes on that line
    assert clauses["considering/h"]["amended"] is None  # line 100, deleted whole
    assert clauses["considering/i"]["original"] is None  # line 103, inserted whole
    assert [c["path"] for c in p4["clauses"]][:4] == ["heading", "title", "formula", "recalling"]
    for c in p4["clauses"]:
        assert set(c) == {"path", "kind", "section", "label", "label_original", "status", "original", "amended"}


def test_outline_text_marks_changes():
    res = _run("outline", str(CRITIC), "--width", "200")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].endswith("(criticmarkup): 5 proposals")
    assert "MOD B/67/4  Resolution 130 (Rev. Busan, 2014)" in lines
    assert any(line.startswith("~") and "c) → b) that, with the application" in line for line in lines)
    assert any(line.startswith("-") and "h) that the number of cyberthreats" in line for line in lines)
    assert any(line.startswith("+") and "i) that some SMEs face additional challenges" in line for line in lines)


def test_outline_one_view():
    res = _run("outline", str(FLATTENED), "--view", "original", "--width", "300")
    assert res.returncode == 0
    assert "c) that, with the application and development of ICTs" in res.stdout
    assert "→" not in res.stdout


def test_errors_exit_1_with_a_message_naming_the_file(tmp_path):
    res = _run("outline", str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    assert res.stderr.startswith(f"itu-nb: {tmp_path / 'missing.txt'}: no such file")
    assert "Traceback" not in res.stderr


def test_usage_error_exits_2():
    assert _run("outline").returncode == 2
    assert _run("frobnicate").returncode == 2


HEAVY = ("pandas", "ipywidgets", "anywidget", "lxml", "docx", "diff_match_patch", "fast_diff_match_patch")


def _modules_after(code: str) -> set[str]:
    """The top-level packages a child Python has imported after running ``code`` (issue 19: startup)."""
    probe = code + "\nimport sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=root)
    assert res.returncode == 0, res.stderr
    return set(res.stdout.split())


def test_import_itu_nb_imports_no_heavy_library():
    # the public names are imported on first use (itu_nb/__init__.py); pandas, the widget
    # libraries, lxml and python-docx cost 0.1-0.5 s and a bare import needs none of them
    assert not _modules_after("import itu_nb") & set(HEAVY)
    assert "pandas" in _modules_after("import itu_nb; itu_nb.to_frame")  # and the lazy names still work
    assert _modules_after("from itu_nb import load, compare, LoadError; print(load, compare, LoadError)")


def test_outline_of_a_text_imports_no_xml_docx_or_pandas():
    # a text or CriticMarkup file needs the text loader only: the registry imports the AKN and
    # .docx readers (lxml) on the first use of their format
    code = "from itu_nb.cli import main; main(['outline', 'tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md'])"
    assert not _modules_after(code) & {"pandas", "ipywidgets", "anywidget", "lxml", "docx"}
    code = "import itu_nb; itu_nb.load('tests/fixtures/pp18-final-acts.akn.xml')"
    assert "lxml" in _modules_after(code)


def test_outline_ends_with_a_legend_of_its_marks():
    res = _run("outline", str(CRITIC))
    lines = res.stdout.splitlines()
    assert lines[-1] == "marks: + inserted  - deleted  ~ modified  c) → b) relabelled  ! warning"
    assert lines[-2] == ""
    one_view = _run("outline", str(CRITIC), "--view", "amended").stdout  # no marks, no legend
    assert "marks:" not in one_view


def test_input_format_is_from_and_json_is_an_output_format():
    # --from text reads the CriticMarkup file as plain text: the marks stay in the clause text
    res = _run("outline", str(CRITIC), "--from", "text", "--to", "json")
    data = json.loads(res.stdout)
    assert data["format"] == "text"
    clauses = {c["path"]: c for c in data["proposals"][3]["clauses"]}  # B/67/4
    # source line 95, "{--c--}{++b++})\tthat, with the application …": read as text, the marked label is no label
    assert clauses["considering/p1"]["original"].startswith("{--c--}{++b++})\tthat, with the application")
    old = _run("outline", str(CRITIC), "--json")  # 0.1's spelling: the same output, and a notice
    assert old.returncode == 0 and json.loads(old.stdout)["format"] == "criticmarkup"
    assert old.stderr == "itu-nb outline: --json is deprecated, use --to json\n"


def test_a_closed_pipe_ends_quietly():
    # itu-nb outline … | head -1: the reader goes away after one line; the Final Acts outline is far
    # larger than a pipe's buffer, so the next write fails. No "Broken pipe", no traceback, status 141
    # (as a program killed by SIGPIPE, which is what a shell reports for `yes | head -1`)
    exe = shutil.which("itu-nb")
    cmd = [exe] if exe else [sys.executable, "-m", "itu_nb.cli"]
    for fmt in ("text", "json"):
        proc = subprocess.Popen(
            [*cmd, "outline", str(FINAL_ACTS), "--to", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141
        assert err == ""
        if fmt == "json":
            assert first == b"{\n"
        else:  # the header line: "<file> (akn): 64 proposals" (the count is the AKN reader's business)
            assert first.startswith(f"{FINAL_ACTS} (akn): ".encode()) and first.endswith(b" proposals\n")


def test_every_public_name_has_a_home_and_resolves():
    # itu_nb/__init__.py imports each name of __all__ from its home module on first use
    import itu_nb

    assert set(itu_nb.__all__) == set(itu_nb._HOMES)
    code = "import itu_nb; print(all(getattr(itu_nb, n) is not None for n in itu_nb.__all__))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.stdout.strip() == "True", res.stderr
    assert "to_frame" in dir(itu_nb) and "load" in dir(itu_nb)
    try:
        itu_nb.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert str(exc) == "module 'itu_nb' has no attribute 'no_such_name'"
    else:
        raise AssertionError("itu_nb.no_such_name did not raise AttributeError")


def test_compare_typography_switch(tmp_path):
    # Brazil's Resolution 130 against the adopted one: by default the changes that look the same on
    # screen (no-break hyphens, capitals in the heading...) are hidden and counted in the notes;
    # --typography show reports them as changes, separate keeps them flagged
    counts = {}
    for mode in ("hide", "separate", "show"):
        out = tmp_path / f"{mode}.json"
        res = _run(
            "compare", str(CRITIC), str(FINAL_ACTS), "--proposal", "Resolution 130", "--to", "json",
            "--typography", mode, "-o", str(out),
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        assert "Base differs: B/67/4" in res.stderr  # Busan, 2014 amended, Dubai, 2018 compared
        data = json.loads(out.read_text(encoding="utf-8"))
        counts[mode] = len(data["changes"])
        if mode == "hide":
            assert any("typographic" in note for note in data["notes"]), data["notes"]
    assert counts["hide"] < counts["separate"] == counts["show"], counts
