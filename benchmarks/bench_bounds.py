"""The bounds table of issue 17: worst-case CPU time and peak memory for each hostile input class.

    python3 benchmarks/bench_bounds.py          # runs the tests that measure bounds, prints the table
    python3 benchmarks/bench_bounds.py --list   # the tests that measure bounds, without running them
    python3 benchmarks/bench_bounds.py -k "million and not refused"   # those whose names match (pytest's -k)

The hostile-input tests run each input in a child process through ``tests/bounds.py``
(``bounded(code, label=...)``), which measures the child's CPU time (user + system) and peak
resident memory.  This script runs every test file that calls ``bounded(`` with
``ITU_NB_BOUNDS_LOG`` set, collects one row per measured run and prints, per label, the worst
time and memory seen and how the runs ended, as a markdown table for ``benchmarks/RESULTS.md``.
The budget of issue 17 is 2 s of CPU and 300 MB (``tests/bounds.BUDGET_SECONDS``, ``MAX_MB``); the
last column says whether the worst run kept to it.  The tests themselves assert the memory budget and
five times the CPU budget, so that a busy CI machine cannot fail them on timing alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The bounds table of issue 17 (see the module's docstring).")
    parser.add_argument("-k", metavar="EXPRESSION", help="run only the tests whose names match (pytest's -k)")
    parser.add_argument("--list", action="store_true", help="list the tests that measure bounds, run none")
    args = parser.parse_args(argv)
    select = ["-k", args.k] if args.k else []
    files = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").glob("test_*.py")
        if "bounded(" in p.read_text(encoding="utf-8") and p.name != "test_bounds_harness.py"
    )
    if args.list:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", *select, *files],
            cwd=ROOT,
        ).returncode
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "bounds.jsonl"
        env = dict(os.environ, ITU_NB_BOUNDS_LOG=str(log), PYTHONPATH=str(ROOT))
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *select, *files], cwd=ROOT, env=env
        )
        rows = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    worst: dict[str, dict] = defaultdict(lambda: {"seconds": 0.0, "peak_mb": 0.0, "runs": 0, "outcomes": set()})
    for r in rows:
        w = worst[r["label"]]
        w["seconds"] = max(w["seconds"], r["seconds"])
        w["peak_mb"] = max(w["peak_mb"], r["peak_mb"])
        w["runs"] += 1
        w["outcomes"].add("killed" if r["killed"] else r["outcome"])
    print(
        f"\n{platform.processor() or platform.machine()}, Python {platform.python_version()}; {len(files)} test files\n"
    )
    print("| input class | runs | worst CPU s | worst peak MB | ended in | within 2 s, 300 MB |")
    print("|---|---:|---:|---:|---|---|")
    for label in sorted(worst):
        w = worst[label]
        ended = "; ".join(sorted(o.replace("|", "/") for o in w["outcomes"]))[:120]
        ok = "yes" if w["seconds"] <= 2.0 and w["peak_mb"] <= 300 and "killed" not in w["outcomes"] else "**no**"
        print(f"| {label} | {w['runs']} | {w['seconds']:.2f} | {w['peak_mb']:.0f} | {ended} | {ok} |")
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main())
