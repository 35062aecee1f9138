"""The bounds table of issue 17: worst-case CPU time and peak memory for each hostile input class.

    python3 benchmarks/bench_bounds.py          # runs the tests that measure bounds, prints the table
    python3 benchmarks/bench_bounds.py --list   # the tests that measure bounds, without running them
    python3 benchmarks/bench_bounds.py -k "million and not refused"   # those whose names match (pytest's -k)
    python3 benchmarks/bench_bounds.py --doubling   # the amend rows at 500 … 4,000 operations, CPU per doubling

The hostile-input tests run each input in a child process through ``tests/bounds.py``
(``bounded(code, label=...)``), which measures the child's CPU time (user + system) and peak
resident memory.  This script runs every test file that calls ``bounded(`` with
``ITU_NB_BOUNDS_LOG`` set, collects one row per measured run and prints, per label, the worst
time and memory seen and how the runs ended, as a markdown table for ``benchmarks/RESULTS.md``.
The budget of issue 17 is 2 s of CPU and 300 MB (``tests/bounds.BUDGET_SECONDS``, ``MAX_MB``); the
last column says whether the worst run kept to it.  The tests themselves assert the memory budget and
five times the CPU budget, so that a busy CI machine cannot fail them on timing alone.

``--doubling`` runs the amend rows of ``tests/test_amend_holder_strike.py`` (a holder struck or moved in every fourth
group, conveyors through successive holders, a deletion before each holder between conveyors) at 500, 1,000, 2,000
and 4,000 operations, each in a bounded child, and prints the CPU time of ``apply_ops`` and of the whole child
(import and load included) with the ratio per doubling: about 2 for a run that is linear.
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
    parser.add_argument("--doubling", action="store_true", help="the amend rows at 500 … 4,000 operations")
    args = parser.parse_args(argv)
    if args.doubling:
        return doubling()
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


#: Put before a row's code: the CPU time of its apply_ops calls, written to stderr at the end
_TIMED = """
import atexit, sys, time
import itu_nb.amendments.edits as _edits
_apply, _spent = _edits.apply_ops, [0.0]
def _timed(*args, **kwargs):
    t = time.process_time()
    try:
        return _apply(*args, **kwargs)
    finally:
        _spent[0] += time.process_time() - t
_edits.apply_ops = _timed
atexit.register(lambda: print("apply_ops", _spent[0], file=sys.stderr))
"""


def doubling(sizes: tuple[int, ...] = (500, 1000, 2000, 4000)) -> int:
    """Print the amend rows' CPU time at each of ``sizes`` operations (see the module's docstring)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_amend_holder_strike as rows  # (the tests' rows: importable from tests/ only)
    from bounds import bounded

    shapes = {
        "every fourth group striking its holder": (rows.STRIKE, False),
        "every fourth group moving its holder": (rows.MOVE, False),
        "conveyors through successive holders": (rows.CONVEYOR, True),
        "a deletion before each holder between conveyors": (rows.STALE, False),
    }
    print(f"\n{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print("| amend row | " + " | ".join(f"{n:,}" for n in sizes) + " | per doubling |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    failed = 0
    for name, (group, up) in shapes.items():
        cells, spent = [], []
        for n in sizes:
            r = bounded(_TIMED + f"N = {n}\nUP = {up}\nGROUP = {group}\n" + rows.ROW, label=f"{name}, {n}")
            line = next((x for x in r.stderr.splitlines() if x.startswith("apply_ops ")), "")
            if not r.ok or not line:
                failed += 1
                cells.append("failed")
                spent.append(float("nan"))
                continue
            spent.append(float(line.split()[1]))
            cells.append(f"{spent[-1]:.2f} s ({r.seconds:.2f} s, {r.peak_mb:.0f} MB)")
        ratios = " ".join(f"×{b / a:.1f}" for a, b in zip(spent, spent[1:], strict=False) if a > 0)
        print(f"| {name} | " + " | ".join(cells) + f" | {ratios} |")
    print("\n`apply_ops` CPU (whole bounded child: import, load, apply and checks; its peak memory)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
