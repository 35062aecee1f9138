"""``itu-nb batch`` on the 64 PP-18 Final Acts texts against edited copies, ``--jobs 1`` vs ``--jobs 2``.

    python3 benchmarks/bench_batch.py [--to html|docx|critic|json] [--rounds N] [--jobs N] [--keep DIR]

Makes one Akoma Ntoso file per statement of tests/fixtures/pp18-final-acts.akn.xml,
edited with lxml (independently of itu_nb's writers) so that every copy differs from
the adopted text in known ways: in statement i, a word replaced in one item, one item
deleted (every 3rd statement) and one item added (every 4th statement).  Then runs
``itu-nb batch`` as a subprocess with ``--jobs 1`` and ``--jobs N`` (default 2) in turn, for
several rounds, prints lowest–median–highest wall time of each and the ratio of the medians,
checks summary.csv against the edits and that both runs wrote the same bytes (issue 19:
≥ 1.7× on 2 cores).  The whole process is timed, start-up and loading the base included.
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
FINAL_ACTS = ROOT / "tests" / "fixtures" / "pp18-final-acts.akn.xml"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ITEMS = f"{{{AKN}}}paragraph", f"{{{AKN}}}recital"


def edited_copies(folder: Path) -> dict[str, dict]:
    """Write the edited copies; return what was done to each (by file stem)."""
    root = etree.parse(str(FINAL_ACTS)).getroot()
    statements = [s for s in root.iter(f"{{{AKN}}}statement")]
    done = {}
    for i, statement in enumerate(statements):
        pid = statement.find(f".//{{{AKN}}}FRBRnumber").get("value")
        clone = copy.deepcopy(statement)
        items = [e for e in clone.iter(*ITEMS) if e.find(f".//{{{AKN}}}p") is not None]
        edits = {"replaced": 0, "deleted": 0, "added": 0}
        target = items[len(items) // 2]
        p = target.find(f".//{{{AKN}}}p")
        words = "".join(p.itertext()).split()
        p.text, _ = " ".join(words[:3] + ["notably"] + words[4:]), [p.remove(c) for c in list(p)]
        edits["replaced"] = 1
        if i % 3 == 0 and len(items) > 3:
            victim = items[-1] if items[-1] is not target else items[-2]
            victim.getparent().remove(victim)
            edits["deleted"] = 1
        if i % 4 == 0:
            extra = copy.deepcopy(items[0])
            for num in extra.iter(f"{{{AKN}}}num"):
                num.getparent().remove(num)
            for q in extra.iter(f"{{{AKN}}}p"):
                q.text, _ = "that itu_nb batch added this paragraph for the benchmark;", [q.remove(c) for c in list(q)]
            items[0].getparent().append(extra)
            edits["added"] = 1
        out = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
        out.append(clone)
        (folder / f"{i + 1:02d}-{pid}.xml").write_bytes(etree.tostring(out, xml_declaration=True, encoding="UTF-8"))
        done[f"{i + 1:02d}-{pid}"] = edits
    return done


def _batch(copies: Path, out: Path, fmt: str, jobs: int) -> tuple[float, float, subprocess.CompletedProcess]:
    exe = shutil.which("itu-nb")
    cmd = [exe] if exe else [sys.executable, "-m", "itu_nb.cli"]
    cmd += ["batch", str(copies), "--base", str(FINAL_ACTS), "-o", str(out), "--to", fmt, "--jobs", str(jobs)]
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its worker processes
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, res


def _check(out: Path, fmt: str, edits: dict) -> None:
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 64, len(rows)
    assert all(r["status"] == "changed" for r in rows), [r for r in rows if r["status"] != "changed"][:3]
    for r in rows:
        stem = r["file"].rsplit(".", 1)[0]
        assert int(r["deleted"] or 0) >= edits[stem]["deleted"], r
        assert int(r["inserted"] or 0) >= edits[stem]["added"], r
        assert "notably" in (out / r["output"]).read_text(encoding="utf-8", errors="replace") or fmt == "docx"


def _content(path: Path) -> object:
    """A file's bytes; for a .docx its parts, less docProps/core.xml (it holds the time of writing)."""
    if path.suffix != ".docx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _same(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(_content(a / n) == _content(b / n) for n in names if n != "summary.csv")


def run(fmt: str, keep: Path | None, rounds: int = 3, jobs: int = 2) -> int:
    work = Path(tempfile.mkdtemp(prefix="itu-nb-batch-"))
    try:
        copies = work / "copies"
        copies.mkdir()
        edits = edited_copies(copies)
        times: dict[int, list[float]] = {1: [], jobs: []}
        cpu: dict[int, list[float]] = {1: [], jobs: []}
        last = {}
        for _ in range(rounds):
            for n in (1, jobs):
                seconds, cpu_seconds, res = _batch(copies, work / f"out{n}", fmt, n)
                if res.returncode != 0:
                    print(res.stderr, file=sys.stderr)
                    return res.returncode
                times[n].append(seconds)
                cpu[n].append(cpu_seconds)
                last[n] = res.stderr.strip().splitlines()[-1]
        for n in (1, jobs):
            _check(work / f"out{n}", fmt, edits)
        same = _same(work / "out1", work / f"out{jobs}")
        if keep:
            shutil.copytree(work / f"out{jobs}", keep, dirs_exist_ok=True)
        print(f"itu-nb batch, 64 Final Acts texts vs edited copies, --to {fmt}, {rounds} rounds, whole process (wall):")
        for n in (1, jobs):
            t = sorted(times[n])
            print(
                f"  --jobs {n}: {t[0]:.2f} / {statistics.median(t):.2f} / {t[-1]:.2f} s (lowest / median / highest),"
                f" CPU {statistics.median(cpu[n]):.2f} s (all processes, median)"
            )
        ratio = statistics.median(times[1]) / statistics.median(times[jobs])
        print(f"  --jobs {jobs} is {ratio:.2f}x faster than --jobs 1 (medians); identical exports: {same}")
        print(f"  {last[jobs]}")
        print(f"  machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs,")
        print(
            f"  load average at the end {os.getloadavg()[0]:.1f} (on a busy machine no core is free for a second process)"
        )
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--to", default="html", choices=["html", "docx", "critic", "json"], help="export format")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each (default 3)")
    ap.add_argument("--jobs", type=int, default=2, help="processes to compare with --jobs 1 (default 2)")
    ap.add_argument("--keep", type=Path, help="keep the exports and summary.csv (of --jobs N) in this folder")
    args = ap.parse_args()
    return run(args.to, args.keep, args.rounds, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
