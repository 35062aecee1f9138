"""The .docx loader stage by stage, this tree beside another checkout, in one run (issue 19).

    git worktree add ../base integ --detach
    python3 benchmarks/bench_docx_stages.py --base ../base                 # Brazil, ×20
    python3 benchmarks/bench_docx_stages.py --base ../base --inputs brazil,x20,x100 --rounds 7

Each round runs one fresh child process per tree, the trees' order alternating from round to
round; a child loads the input once to warm up, then ``--reps`` times with the garbage collector
off, and reports the least CPU time (``time.process_time``) of each stage:

- *open*: :func:`~itu_nb.loaders.docx_package.open_package` (bounded unzip, the main part parsed);
- *read*: :func:`~itu_nb.loaders.docx_read.read_paragraphs` (runs, changes, notes, comments, shapes);
- *lines*: :func:`~itu_nb.loaders.docx_lines.source_lines` (``docx._lines`` before session 21: generated
  labels, and each paragraph's runs joined into the tree stage's line);
- *rest*: everything else of ``load_docx`` but the tree: numbering, metadata, annotations, and
  freeing the parsed parts and the document;
- *docx* = open + read + lines + rest, the .docx stages themselves; *tree*: ``build_document`` (the
  parsing package's stage, shared with the text loaders); *whole*: ``load_docx``;
- *whole, collector on*: ``load_docx`` with the garbage collector on, as a caller runs it, followed by
  what a caller's next steps cost the collector: 20,000 new lists kept alive (about 28 passes over the
  youngest generation and 2 over the middle one), the same work for both trees.  The stages above
  leave out the collector's passes over what a load made; this row counts them.

The table gives lowest / median / highest over the rounds, the ratio of the medians and the
speed in MB/s of the zipped file; then the peak of Python memory during one load
(``tracemalloc``, not counting libxml2's own memory), as a multiple of the file's size.
Inputs: the PP-18 Brazil document as written by pandoc (tests/fixtures) and its body repeated
N times (``xN``, notes and numbering shared), as in ``bench_docx.py``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from docx_inputs import repeated

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("open", "read", "lines", "rest", "docx", "tree", "whole", "whole, collector on")


def child(which: str, reps: int) -> dict:
    """Per-stage least CPU seconds over ``reps`` loads in this process (cwd = the tree), and the memory peak."""
    sys.path.insert(0, os.getcwd())  # the tree under test, not this script's (bench_docx.py imports its own)
    from itu_nb.loaders import docx as loader

    assert Path(loader.__file__).is_relative_to(Path.cwd()), loader.__file__

    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return wrapper

    lines = "source_lines" if hasattr(loader, "source_lines") else "_lines"  # (its name before session 21)
    loader.open_package = timed("open", loader.open_package)
    loader.read_paragraphs = timed("read", loader.read_paragraphs)
    plain = (loader.open_package, loader.read_paragraphs, loader.build_document, getattr(loader, lines))
    loader.build_document = timed("tree", loader.build_document)
    setattr(loader, lines, timed("lines", getattr(loader, lines)))
    brazil = (Path("tests") / "fixtures" / "pp18-doc67-brazil.pandoc.docx").read_bytes()
    data = brazil if which == "brazil" else repeated(brazil, int(which[1:]))
    loader.load_docx(data, which)  # warm: imports, regex caches
    gc.collect()
    gc.disable()
    best: dict[str, float] = {}
    for _ in range(reps):
        spent.clear()
        start = time.process_time()
        loader.load_docx(data, which)
        got = dict(spent, whole=time.process_time() - start)
        got["docx"] = got["whole"] - got["tree"]
        got["rest"] = got["docx"] - got["open"] - got["read"] - got["lines"]
        best = {k: min(v, best.get(k, v)) for k, v in got.items()}
    gc.enable()
    loader.open_package, loader.read_paragraphs, loader.build_document, _ = plain  # no timers here
    setattr(loader, lines, plain[3])
    for _ in range(reps):
        gc.collect()
        start = time.process_time()
        doc = loader.load_docx(data, which)
        kept = [[] for _ in range(20_000)]
        best["whole, collector on"] = min(time.process_time() - start, best.get("whole, collector on", 1e9))
        del doc, kept
    tracemalloc.start()
    loader.load_docx(data, which)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {**best, "peak": peak, "size": len(data)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="another checkout of itu_nb (a git worktree)")
    ap.add_argument("--inputs", default="brazil,x20", help="brazil and xN (the body N times), comma-separated")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=0, help="loads per child (default: 20 for brazil, fewer for larger)")
    ap.add_argument("--child", nargs=2, metavar=("INPUT", "REPS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    trees = {"base": Path(args.base).resolve(), "this": ROOT}
    for which in args.inputs.split(","):
        reps = args.reps or (20 if which == "brazil" else max(2, 100 // int(which[1:])))
        got: dict[str, list[dict]] = {name: [] for name in trees}
        for r in range(args.rounds):
            order = list(trees.items()) if r % 2 == 0 else list(trees.items())[::-1]
            for name, path in order:
                out = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--base", "-", "--child", which, str(reps)],
                    cwd=path,
                    env={**os.environ, "PYTHONPATH": str(path)},
                    capture_output=True,
                    text=True,
                    check=True,
                )
                got[name].append(json.loads(out.stdout))
        size = got["this"][0]["size"]
        print(f"\n{which}: {size / 1000:,.0f} kB zipped; ms of CPU, lowest / median / highest of {args.rounds} rounds")
        print("| stage | base | this | base / this | this, MB/s |\n|---|---:|---:|---:|---:|")
        for stage in STAGES:
            cells = []
            for name in trees:
                v = sorted(x[stage] * 1000 for x in got[name])
                cells.append(f"{v[0]:.2f} / {statistics.median(v):.2f} / {v[-1]:.2f}")
            base, this = (statistics.median(x[stage] for x in got[name]) for name in trees)
            print(f"| {stage} | {cells[0]} | {cells[1]} | {base / this:.2f}× | {size / 1e6 / this:.1f} |")
        for name in trees:
            peak = got[name][0]["peak"]
            print(f"peak memory, {name}: {peak / 1e6:.1f} MB = {peak / size:.1f}× the file")


if __name__ == "__main__":
    main()
