"""Run a snippet in a child Python and measure what it cost: CPU seconds and peak memory.

Hostile-input tests (issue 17) check that every input class ends — in the expected result or an
``ItuNbError`` — within a bound (``MAX_SECONDS``, ``MAX_MB``); ``benchmarks/bench_bounds.py`` measures
the same runs against the issue's budget (``BUDGET_SECONDS``, ``MAX_MB``). Wall-clock assertions are flaky on a shared CI machine, so the
bound is measured in a child process: its CPU time (user + system, from ``wait4``) and its peak
resident memory (``VmHWM``, read by the child itself at exit), with a generous kill timeout as the backstop and an address-space
limit so that a runaway allocation fails fast instead of swapping the machine.

Examples
--------
>>> from bounds import bounded
>>> r = bounded("import itu_nb; print(len(itu_nb.load('examples/data/pp18-doc67-brazil.flattened.txt')))")
>>> r.ok, r.stdout.strip()
(True, '5')
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The budget issue 17 sets for one hostile input: 2 s of CPU and 300 MB.  ``benchmarks/bench_bounds.py``
#: measures every input class against it (the bounds table of benchmarks/RESULTS.md).
BUDGET_SECONDS = 2.0
MAX_MB = 300.0
#: What a test asserts: memory within the budget (a deterministic figure), CPU time within five times
#: the budget.  A CPU-time limit is a timing assertion, and timings move with the machine's load; five
#: times is generous enough that an input within the budget on a quiet machine cannot fail on a busy
#: one, and still far below what the unbounded inputs took (15 s to hours, or memory errors).
MAX_SECONDS = 5 * BUDGET_SECONDS
#: The backstop: a child still running after this is killed and the test fails.
KILL_SECONDS = 60.0
#: Address-space limit of the child (virtual memory, so larger than the RSS budget).
ADDRESS_SPACE_MB = 2048


@dataclass(frozen=True)
class Bounded:
    """What a child run cost and printed."""

    returncode: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    killed: bool = False

    @property
    def ok(self) -> bool:
        """True when the child exited 0 within the kill timeout."""
        return self.returncode == 0 and not self.killed

    def within(self, seconds: float = MAX_SECONDS, mb: float = MAX_MB) -> bool:
        """True when the run ended (whatever its outcome) within the CPU and memory budget."""
        return not self.killed and self.seconds <= seconds and self.peak_mb <= mb

    def __str__(self) -> str:
        return (
            f"rc={self.returncode} cpu={self.seconds:.2f}s peak={self.peak_mb:.0f}MB"
            f"{' KILLED' if self.killed else ''}\n--- stdout\n{self.stdout[-2000:]}\n--- stderr\n{self.stderr[-4000:]}"
        )


#: What the child runs: the address-space limit set first, the code, then its own peak resident memory
#: (``VmHWM`` of /proc/self/status, written at exit, also after an exception).  Measured inside the
#: child because ``ru_maxrss`` keeps the parent's high-water mark across fork and exec: a child of a
#: large pytest process would report the parent's memory.
_WRAPPER = """
import atexit, os, resource, sys
_cap = int(os.environ["ITU_NB_BOUNDS_AS"])
resource.setrlimit(resource.RLIMIT_AS, (_cap, _cap))
def _itu_nb_bounds_peak(path=os.environ["ITU_NB_BOUNDS_PEAK"]):
    with open("/proc/self/status") as f, open(path, "w") as out:
        out.write(next((line.split()[1] for line in f if line.startswith("VmHWM:")), ""))
atexit.register(_itu_nb_bounds_peak)
_code, sys.argv = sys.argv[1], ["-c"]
exec(compile(_code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
"""


def bounded(code: str, *, label: str = "", cwd: Path | str = ROOT, kill_seconds: float = KILL_SECONDS) -> Bounded:
    """Run ``code`` in a fresh ``python3`` (the repository importable) and measure it.

    Parameters
    ----------
    code : str
        Python source; dedented. It runs with the repository root on ``sys.path``.
    cwd : path, optional
        Working directory of the child (default: the repository root).
    label : str, optional
        The input class measured ("self-referencing footnote"), for the bounds table:
        when ``ITU_NB_BOUNDS_LOG`` names a file, every run appends one JSON line to it
        (``benchmarks/bench_bounds.py`` runs the hostile tests that way and prints the table).
    kill_seconds : float, optional
        Wall-clock backstop; the child is killed after it.

    Returns
    -------
    Bounded
        Return code, CPU seconds (user + system of the child), peak RSS in MB, its output.
    """
    fd, peak_name = tempfile.mkstemp(suffix=".peak")
    os.close(fd)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        ITU_NB_BOUNDS_AS=str(ADDRESS_SPACE_MB * 1024 * 1024),
        ITU_NB_BOUNDS_PEAK=peak_name,
    )
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, textwrap.dedent(code)],
            cwd=str(cwd),
            env=env,
            stdout=out,
            stderr=err,
            text=True,
        )
        timer = threading.Timer(kill_seconds, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        killed = proc.returncode == -signal.SIGKILL
        out.seek(0)
        err.seek(0)
        written = Path(peak_name).read_text().strip()
        os.unlink(peak_name)
        result = Bounded(
            proc.returncode,
            usage.ru_utime + usage.ru_stime,
            # the child's own peak (kB); killed before it could say: what wait4 saw, an upper bound
            int(written) / 1024 if written else usage.ru_maxrss / 1024,
            out.read(),
            err.read(),
            killed,
        )
    log = os.environ.get("ITU_NB_BOUNDS_LOG")
    if log:
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        last = (result.stderr.strip().splitlines() or [""])[-1][:200]
        row = {
            "label": label or test,
            "test": test,
            "seconds": round(result.seconds, 3),
            "peak_mb": round(result.peak_mb, 1),
            "returncode": result.returncode,
            "killed": result.killed,
            "outcome": last if result.returncode else "ok",
        }
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
    return result
