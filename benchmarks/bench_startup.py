"""Start-up: ``import itu_nb`` and ``itu-nb outline`` as whole processes, beside the bare interpreter.

    python3 benchmarks/bench_startup.py [--rounds N]

Issue 19's goals: ``import itu_nb`` under 150 ms and ``itu-nb outline`` on the Brazil document
under 300 ms, each as a whole process.  Every command runs ``--rounds`` times (default 15) in a
fresh child process, interleaved so that a burst of load on a shared machine hits them all
alike; the table gives lowest / median / highest wall time.  The floor is the interpreter alone
(``python3 -c pass``: site-packages and its ``.pth`` files included), which itu_nb cannot go
under; ``-X importtime`` then gives what ``import itu_nb`` itself adds, measured inside the
process, and which heavy libraries it pulled in (none: they are imported on first use).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CRITIC = "tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md"
HEAVY = ("pandas", "ipywidgets", "anywidget", "lxml", "docx", "diff_match_patch")


def commands() -> dict[str, list[str]]:
    py = sys.executable
    cmds = {
        "python3 -c pass (floor)": [py, "-c", "pass"],
        "import itu_nb": [py, "-c", "import itu_nb"],
        "import itu_nb; itu_nb.load(Brazil .critic.md)": [py, "-c", f"import itu_nb; itu_nb.load({CRITIC!r})"],
        "python3 -m itu_nb.cli outline Brazil .critic.md": [py, "-m", "itu_nb.cli", "outline", CRITIC],
    }
    exe = shutil.which("itu-nb")
    if exe:  # the entry point as installed (a pyenv shim adds its own start-up)
        cmds["itu-nb outline Brazil .critic.md (entry point)"] = [exe, "outline", CRITIC]
    return cmds


def wall(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the child and what it ran) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def importtime(env: dict) -> tuple[float, list[str]]:
    """Microseconds ``import itu_nb`` adds inside the process, and the heavy libraries it imported."""
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import itu_nb"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    total, heavy = 0.0, []
    for line in res.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        if parts[2] == "itu_nb":
            total = int(parts[1]) / 1000
        if parts[2].lstrip() in HEAVY:
            heavy.append(parts[2].strip())
    return total, heavy


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for cmd in cmds.values():  # warm the file cache and the .pyc files
        wall(cmd, env)
    for _ in range(args.rounds):
        for name, cmd in cmds.items():
            seconds, cpu_seconds = wall(cmd, env)
            times[name].append(seconds)
            cpu[name].append(cpu_seconds)
    floor = statistics.median(times["python3 -c pass (floor)"])
    print(f"start-up, {args.rounds} rounds, ms: wall lowest / median / highest (median above the floor), CPU median")
    print("  (on a loaded machine the wall time waits for a core; the CPU time is what the process itself used)")
    for name, t in times.items():
        t = sorted(x * 1000 for x in t)
        med = statistics.median(t)
        c = statistics.median(cpu[name]) * 1000
        print(f"  {name:<52} {t[0]:6.0f} / {med:6.0f} / {t[-1]:6.0f}   (+{med - floor * 1000:.0f})   CPU {c:.0f}")
    own = sorted(importtime(env)[0] for _ in range(5))
    heavy = importtime(env)[1]
    print(
        f"  import itu_nb itself (-X importtime, 5 rounds): {own[0]:.1f} / {statistics.median(own):.1f} / {own[-1]:.1f} ms"
    )
    print(f"  heavy libraries imported by import itu_nb: {', '.join(heavy) or 'none'}")
    print("  goals: import itu_nb < 150 ms, itu-nb outline < 300 ms (whole process)")
    print(f"  machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
