"""Loading and exporting speed on .docx: loading side by side with python-docx and pandoc, exporting
side by side with another checkout of itu_nb (today's code in a second worktree).

    python3 benchmarks/bench_docx.py                          # loading
    python3 benchmarks/bench_docx.py --export --base ../base  # export per text: this tree vs ../base
    python3 benchmarks/bench_docx.py --export --rounds 7      # export per text, this tree only
    python3 benchmarks/bench_docx.py --scale 100000 --base ../base --rounds 3  # to_docx of 100,000 items

Inputs: the PP-18 Brazil proposal as written by pandoc (tests/fixtures), the same body
repeated 20 times in one document, and the LibreOffice-written fixture.  Columns:
*itu_nb.load* runs every stage (bounded unzip, hardened XML parse, tracked changes,
numbering in both views, clause tree); *python-docx* opens the file and reads every
paragraph's ``.text`` (no tracked-change semantics: it skips inserted runs and deleted
text alike); *pandoc* is ``pandoc -f docx -t json --track-changes=all`` including its
process start.  MB/s is over the .docx file size and over the inflated XML.

``--scale N`` writes the document of ``tests/test_export_scale.py`` with N items (a heading, a title,
``resolves`` and N numbered items, every eighth inserted) in a fresh process per tree and round, the trees
alternating: CPU time (``time.process_time``) of the load, of the write (the first ``to_docx`` of the process,
so its imports and the template are counted, as a caller pays them) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx as python_docx
from docx_inputs import repeated

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itu_nb.loaders.docx import load_docx  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def inflated(data: bytes) -> int:
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if i.filename.endswith(".xml"))


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_docx_text(data: bytes) -> int:
    return sum(len(p.text) for p in python_docx.Document(io.BytesIO(data)).paragraphs)


def pandoc(data: bytes) -> None:
    subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", "--track-changes=all"], input=data, capture_output=True, check=True
    )


# ----------------------------------------------------------------------------
# export: per text, in a fresh process per round, this tree against another checkout
# ----------------------------------------------------------------------------
_ROUND = r"""
import json, sys, time
import itu_nb
acts = itu_nb.load(sys.argv[1])
brazil = itu_nb.load(sys.argv[2], author="Brazil")
out = {}
for name, texts in (("Final Acts, 64 texts one by one", list(acts)), ("Brazil B/67/1-5 one by one", list(brazil))):
    t0 = time.perf_counter()
    sizes = [len(itu_nb.to_docx(p)) for p in texts]  # the first call builds whatever is cached
    out[name] = ((time.perf_counter() - t0) / len(texts), sum(sizes) / len(sizes))
t0 = time.perf_counter()
size = len(itu_nb.to_docx(brazil))
out["Brazil document, 5 proposals at once"] = (time.perf_counter() - t0, size)
print(json.dumps(out))
"""


def export_round(root: Path) -> dict[str, tuple[float, float]]:
    """One round in a fresh python with ``root`` first on the path: {input: (seconds per text, bytes)}."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    res = subprocess.run(
        [sys.executable, "-c", _ROUND, str(FIXTURES / "pp18-final-acts.akn.xml"), str(FIXTURES / CRITIC)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=True,
    )
    return {k: tuple(v) for k, v in json.loads(res.stdout).items()}


CRITIC = "pp18-doc67-brazil.reconstructed.critic.md"


def export_main(rounds: int, base: Path | None) -> None:
    trees = [("this tree", ROOT)] + ([("base", base.resolve())] if base else [])
    got: dict[str, dict[str, list[float]]] = {name: {} for name, _ in trees}
    sizes: dict[str, dict[str, float]] = {name: {} for name, _ in trees}
    for _ in range(rounds):  # alternate, so both trees see the same machine load
        for name, root in trees:
            for key, (secs, size) in export_round(root).items():
                got[name].setdefault(key, []).append(secs)
                sizes[name][key] = size
    print(f"docx export, {rounds} rounds (a fresh process each), ms per text: lowest – median – highest\n")
    head = " | ".join(f"{name} | size" for name, _ in trees)
    print(f"| input | {head} |" + (" ratio (median) |" if base else ""))
    print("|---|" + "---:|---:|" * len(trees) + ("---:|" if base else ""))
    for key in got["this tree"]:
        cells, medians = [], []
        for name, _ in trees:
            xs = sorted(x * 1e3 for x in got[name][key])
            medians.append(statistics.median(xs))
            cells.append(f"{xs[0]:.1f} – {medians[-1]:.1f} – {xs[-1]:.1f} | {sizes[name][key] / 1e3:.0f} kB")
        ratio = f" {medians[1] / medians[0]:.1f}× |" if base else ""
        print(f"| {key} | {' | '.join(cells)} |{ratio}")


# ----------------------------------------------------------------------------
# scale: to_docx of one long document, per tree, in a fresh process per round
# ----------------------------------------------------------------------------
_SCALE = r"""
import json, resource, sys, time
import itu_nb
n = int(sys.argv[1])
text = "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n" + "".join(
    f"{i}\t{{++to act on item {i};++}}\n" if i % 8 == 0 else f"{i}\tto act on item {i};\n" for i in range(1, n + 1)
)
t0 = time.process_time()
doc = itu_nb.load(text, format="criticmarkup")
t1 = time.process_time()
size = len(itu_nb.to_docx(doc))
t2 = time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([t1 - t0, t2 - t1, peak, size]))
"""


def scale_main(items: int, rounds: int, base: Path | None) -> None:
    trees = [("this tree", ROOT)] + ([("base", base.resolve())] if base else [])
    got: dict[str, list[list[float]]] = {name: [] for name, _ in trees}
    for _ in range(rounds):  # alternate, so both trees see the same machine load
        for name, root in trees:
            env = {**os.environ, "PYTHONPATH": str(root)}
            res = subprocess.run(
                [sys.executable, "-c", _SCALE, str(items)],
                capture_output=True,
                text=True,
                env=env,
                cwd=root,
                check=True,
            )
            got[name].append(json.loads(res.stdout))
    print(f"to_docx of {items:,} items, {rounds} rounds (a fresh process each), CPU s: lowest – median – highest\n")
    print("| tree | load | write | peak MB | .docx kB |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in trees:
        cols = list(zip(*got[name], strict=True))
        spans = [sorted(c) for c in cols[:2]]
        load, write = (f"{c[0]:.2f} – {statistics.median(c):.2f} – {c[-1]:.2f}" for c in spans)
        print(f"| {name} | {load} | {write} | {max(cols[2]):.0f} | {cols[3][0] / 1e3:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", action="store_true", help="time to_docx per text instead of loading")
    parser.add_argument("--base", type=Path, help="another checkout of itu_nb to time side by side (--export, --scale)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds for --export and --scale (default 5)")
    parser.add_argument("--scale", type=int, metavar="N", help="time to_docx of one document of N items")
    args = parser.parse_args()
    if args.scale:
        scale_main(args.scale, args.rounds, args.base)
        return
    if args.export:
        export_main(args.rounds, args.base)
        return
    brazil = (FIXTURES / "pp18-doc67-brazil.pandoc.docx").read_bytes()
    inputs = [
        ("PP-18 Doc 67 (pandoc-written)", brazil),
        ("PP-18 Doc 67 ×20", repeated(brazil, 20)),
        ("LibreOffice-written fixture", (FIXTURES / "lo-tracked-changes.docx").read_bytes()),
    ]
    has_pandoc = shutil.which("pandoc") is not None
    print("| input | .docx | XML | itu_nb.load | MB/s (.docx) | MB/s (XML) | python-docx | ratio | pandoc | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, data in inputs:
        repeat = 9 if len(data) < 200_000 else 5
        ours = timed(lambda data=data, name=name: load_docx(data, name), repeat)
        theirs = timed(lambda data=data: python_docx_text(data), repeat)
        pan = timed(lambda data=data: pandoc(data), 3) if has_pandoc else float("nan")
        xml = inflated(data)
        print(
            f"| {name} | {len(data) / 1e3:,.0f} kB | {xml / 1e3:,.0f} kB | {ours * 1e3:.1f} ms "
            f"| {len(data) / 1e6 / ours:.2f} | {xml / 1e6 / ours:.2f} | {theirs * 1e3:.1f} ms | {ours / theirs:.1f}× "
            f"| {pan * 1e3:.0f} ms | {ours / pan:.2f}× |"
        )


if __name__ == "__main__":
    main()
