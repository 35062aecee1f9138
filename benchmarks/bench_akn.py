"""Akoma Ntoso loading speed (issue 19: ≥ 40 MB/s), this tree side by side with another checkout, in one run.

    python3 benchmarks/bench_akn.py                     # this tree: rounds, stages, memory
    python3 benchmarks/bench_akn.py --base ../base      # and another checkout (git worktree add ../base integ --detach)
    python3 benchmarks/bench_akn.py --rounds 9 --calls 10
    python3 benchmarks/bench_akn.py --writer --base ../base   # the writer at scale instead (issue 17)

Each round runs a fresh child process per tree, in alternating order (base first in even rounds),
so both trees meet the same load of a shared machine; a child loads the file once to warm up, then
times ``--calls`` loads in CPU time (``time.process_time``, garbage collector off) and reports the
best; then the same with the collector on and each document kept, as a caller loads (the loader pauses
the collector itself since session 14, so that the two agree).  The table gives lowest–median–highest of the rounds' bests and MB/s of the best; beside them,
``lxml.etree.fromstring`` alone on the same bytes (the floor), the same parse with every element's tag,
text and tail read once from Python (the floor of any reader walking lxml's tree), the stages of one load (parse; the
statements read into nodes, with the repairs of run-in sections; the structural check; the parts cut
out; freezing into clauses), and the peak memory of one load (``tracemalloc``) over the file size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "tests" / "fixtures" / "pp18-final-acts.akn.xml"

CHILD = r"""
import gc, json, sys, time, tracemalloc
from collections import defaultdict
sys.path.insert(0, sys.argv[1])
from lxml import etree
import itu_nb.loaders.akn as akn
path, calls = sys.argv[2], int(sys.argv[3])
data = open(path, "rb").read()
akn.load_akn(data, path)

def best(fn, n, collector=False):
    gc.collect()
    if not collector:
        gc.disable()
    try:
        times = []
        for _ in range(n):
            t = time.process_time(); fn(); times.append(time.process_time() - t)
        return min(times)
    finally:
        gc.enable()

out = {"load": best(lambda: akn.load_akn(data, path), calls)}
keep = []  # as a caller loads: the collector on, each document kept (a list of them grows)
out["load_gc"] = best(lambda: keep.append(akn.load_akn(data, path)), calls, collector=True)
del keep[:]
parser = etree.XMLParser(resolve_entities=False, no_network=True)
out["lxml"] = best(lambda: etree.fromstring(data, parser), calls)
def visit():  # the parse, then each element touched once from Python, as any reader of the tree must
    for el in etree.fromstring(data, parser).iter():
        el.tag, el.text, el.tail
out["visit"] = best(visit, calls)
# stages: the loader's own functions, each timed without the stages it calls (exclusive time)
spent = defaultdict(float)
stack = []
def timed(module, name, label):
    fn = getattr(module, name)
    def run(*args, **kwargs):
        stack.append(0.0)
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            took = time.process_time() - t
            inner = stack.pop()
            spent[label] += took - inner
            if stack:
                stack[-1] += took
    setattr(module, name, run)
for name, label in [("safe_xml", "parse"), ("_statement", "read"), ("split_run_in_sections", "repairs"),
                    ("lift_parents_items", "repairs"), ("cut_parts", "parts"),
                    ("structural_check", "check"), ("_proposal", "freeze"), ("_metadata", "read")]:
    timed(akn, name, label)
rounds = max(3, calls // 2)
gc.disable()
for _ in range(rounds):
    akn.load_akn(data, path)
gc.enable()
out["stages"] = {k: v / rounds for k, v in spent.items()}
tracemalloc.start()
akn.load_akn(data, path)
out["peak"] = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps(out))
"""


WRITER = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[1])
import itu_nb
assert itu_nb.__file__.startswith(sys.argv[1]), itu_nb.__file__
what, n = sys.argv[2], int(sys.argv[3])
if what == "proposals":
    doc = itu_nb.load("".join(f"MOD\tXYZ/1/{i}\n" for i in range(n)), format="text")
else:
    text = "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n" + "".join(
        f"{i}\t{{++to act on item {i};++}}\n" if i % 8 == 0 else f"{i}\tto act on item {i};\n" for i in range(1, n + 1)
    )
    doc = itu_nb.load(text, format="criticmarkup")
t = time.process_time()
itu_nb.to_akn(doc)
write = time.process_time() - t
use = resource.getrusage(resource.RUSAGE_SELF)
print(write, use.ru_utime + use.ru_stime, use.ru_maxrss / 1024)
"""
ROWS = (("items", 10_000), ("items", 100_000), ("proposals", 50_000))


def writer(trees: dict[str, Path], rounds: int) -> None:
    """The ``--writer`` table (see the module's docstring)."""
    print(f"to_akn, {rounds} rounds, CPU time (s): write alone, the whole child; peak resident memory")
    print()
    print("| row | " + " | ".join(trees) + " |")
    print("|---|" + "---:|" * len(trees))
    for what, n in ROWS:
        seen: dict[str, list[list[float]]] = {name: [] for name in trees}
        for r in range(rounds):
            order = list(trees.items())
            for name, tree in order if r % 2 else reversed(order):
                args = [sys.executable, "-c", WRITER, str(tree), what, str(n)]
                out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()
                seen[name].append([float(x) for x in out])
        cells = []
        for runs in seen.values():
            write, whole, peak = ([x[k] for x in runs] for k in range(3))
            cells.append(
                f"{min(write):.2f}–{max(write):.2f} (all {min(whole):.2f}–{max(whole):.2f}), {max(peak):.0f} MB"
            )
        print(f"| {n:,} {what} | " + " | ".join(cells) + " |")


def child(tree: Path, calls: int) -> dict:
    """One fresh process on ``tree``: best load, lxml alone, stages, peak memory."""
    args = [sys.executable, "-c", CHILD, str(tree), str(FIXTURE), str(calls)]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="another checkout of itu_nb to compare with")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=8)
    ap.add_argument("--writer", action="store_true", help="measure to_akn at scale instead of loading")
    opts = ap.parse_args()
    trees = {"this tree": HERE.parent}
    if opts.base is not None:
        trees["base"] = opts.base.resolve()
    if opts.writer:
        writer(trees, opts.rounds)
        return
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for r in range(opts.rounds):
        order = list(trees.items())
        for name, tree in order if r % 2 else reversed(order):
            runs[name].append(child(tree, opts.calls))
    size = FIXTURE.stat().st_size
    print(f"{FIXTURE.name}: {size / 1e6:.2f} MB, {opts.rounds} rounds × {opts.calls} calls, CPU time")
    print()
    print(
        "| tree | load lowest / median / highest | MB/s (best) | collector on: best, MB/s | lxml alone "
        "| lxml + one visit per element | load / lxml | peak memory |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, results in runs.items():
        loads = sorted(x["load"] for x in results)
        lxml = min(x["lxml"] for x in results)
        visit = min(x["visit"] for x in results)
        peak = max(x["peak"] for x in results)
        with_gc = min(x["load_gc"] for x in results)
        print(
            f"| {name} | {loads[0] * 1e3:.1f} / {statistics.median(loads) * 1e3:.1f} / {loads[-1] * 1e3:.1f} ms "
            f"| {size / 1e6 / loads[0]:.1f} | {with_gc * 1e3:.1f} ms, {size / 1e6 / with_gc:.1f} "
            f"| {lxml * 1e3:.1f} ms | {visit * 1e3:.1f} ms | {loads[0] / lxml:.1f}× "
            f"| {peak / 1e6:.1f} MB ({peak / size:.1f}× input) |"
        )
    if "base" in runs:
        ratio = statistics.median(x["load"] for x in runs["base"]) / statistics.median(
            x["load"] for x in runs["this tree"]
        )
        print(f"\nmedian base / median this tree: {ratio:.2f}×")
    print("\nstages of one load (median over rounds, ms):")
    for name, results in runs.items():
        labels = list(results[0]["stages"])
        cells = ", ".join(f"{k} {statistics.median(x['stages'][k] for x in results) * 1e3:.1f}" for k in labels)
        print(f"- {name}: {cells}")


if __name__ == "__main__":
    main()
