"""Parsing speed and memory of every loader against its floor, side by side in one run (issue 19).

    python3 benchmarks/bench_parse.py              # 5 rounds; prints Markdown tables for RESULTS.md
    python3 benchmarks/bench_parse.py --rounds 9
    python3 benchmarks/bench_parse.py --base ../base --only-base   # text and CriticMarkup, this tree beside
                                                   # another checkout (git worktree add ../base main --detach)

Each input is loaded through ``itu_nb.load`` (every stage: decode, markup, artefacts, inference,
tree) and its floor is timed on the same bytes in the same run, interleaved round by round, so a
busy machine slows both alike:

- text and CriticMarkup: a bare compiled-regex pass that finds every label and keyword
  (decoding the bytes, then one ``finditer`` over the text, multi-line), building nothing;
- Akoma Ntoso: ``lxml.etree.fromstring`` of the file alone;
- .docx: reading the zip and parsing ``word/document.xml`` with lxml alone.

Times are CPU seconds of this process (``time.process_time``), lowest, median and highest of the
rounds, each call with the garbage collector off as in every benchmark here; MB/s and the ratio
to the floor use the medians.  CPU time, not wall-clock time: on a machine shared with other
work, a call of a few milliseconds is preempted while a sub-millisecond floor mostly is not, and
wall-clock ratios then measure the machine's load.  Memory is the peak
that ``tracemalloc`` sees during one load, over the input's size (the file as given: for .docx,
the zipped size).  The scaling rows load the Brazil text 1×, 4× and 16× over, one list of
2,500, 10,000 and 40,000 items and the fingerprints' generated proposal: µs per kB staying flat is
linear (a list of short items costs more per kB than the Brazil text's long paragraphs: the work
is per line).

With ``--base`` the text and CriticMarkup inputs and the scaling rows are also loaded by another
checkout, side by side: each round runs one fresh child process per tree, in alternating order, and
each child times ``--calls`` loads of every input and the floor on the same bytes (CPU time, collector
off; the child's median).  The table gives each tree's lowest / median / highest over the rounds, its
ratio to the floor (the median of the rounds' ratios, each measured in one process) and base / this.
"""

from __future__ import annotations

import argparse
import gc
import io
import platform
import re
import statistics
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx_inputs import repeated

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import itu_nb  # noqa: E402
from itu_nb.parsing import keywords as kw  # noqa: E402

FIX = ROOT / "tests" / "fixtures"

#: Issue 19's goals: MB/s per format (for .docx, of the zipped file) and the memory peak over the input.
GOAL_MBPS = {"text": 20, "criticmarkup": 20, "akn": 40, "docx": 5}
GOAL_MEMORY = 20

#: The floor for line-based formats: every label (as the parser's LABEL) and every section
#: keyword, marker and heading word at the start of a line, found by one compiled regex.
FLOOR = re.compile(
    kw.LABEL.pattern.replace("^", "^", 1)
    + r"|^\s*(?:"
    + "|".join(sorted({*kw.PREAMBLE, *kw.OPERATIVE, *kw.ACTIONS}, key=len, reverse=True))
    + r"|RESOLUTION|DECISION|Reasons?:)\b",
    re.MULTILINE,
)


def regex_floor(data: bytes) -> int:
    """Decode and find every label and keyword with one regex, building nothing."""
    return sum(1 for _ in FLOOR.finditer(data.decode("utf-8-sig")))


def lxml_floor(data: bytes) -> object:
    """Parse the XML alone, hardened as the AKN loader parses it."""
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def docx_floor(data: bytes) -> object:
    """Read the zip and parse word/document.xml alone."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml")
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def rounds(fns: list[Callable[[], object]], n: int) -> list[list[float]]:
    """CPU-time each function ``n`` times, interleaved (a, b, a, b…), the collector off during each call."""
    times: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        fn()  # warm up: imports, regex compilation, caches
    for _ in range(n):
        for k, fn in enumerate(fns):
            gc.collect()
            gc.disable()
            try:
                t0 = time.process_time()
                fn()
                times[k].append(time.process_time() - t0)
            finally:
                gc.enable()
    return times


def peak_factor(fn: Callable[[], object], size: int) -> float:
    """Peak memory traced during one call, over ``size``."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / size


def ms(ts: list[float]) -> str:
    lo, med, hi = min(ts), statistics.median(ts), max(ts)
    return f"{lo * 1e3:,.2f} / {med * 1e3:,.2f} / {hi * 1e3:,.2f}"


def ten_thousand_items() -> bytes:
    """The generated proposal of the tree fingerprints: one list of 10,000 items, labels repeating."""
    from fingerprint import generated_text

    return generated_text().encode()


def items(n: int) -> bytes:
    """A proposal with one list of ``n`` items (the generated proposal's head and item lines)."""
    from fingerprint import generated_text

    head = generated_text().partition("a)\t")[0]
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = "".join(f"{letters[i % 26]})\titem {i} of the list, with some words to read\n" for i in range(n))
    return (head + lines).encode()


#: One child of ``--base``: loads every input with the checkout given, and the floor on the same bytes.
CHILD = r"""
import gc, json, re, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import itu_nb
floor = re.compile(sys.argv[2], re.MULTILINE)
calls = int(sys.argv[3])
out = {}
for spec in sys.argv[4:]:
    path, fmt = spec.rsplit("=", 1)
    data = open(path, "rb").read()
    itu_nb.load(data, format=fmt, max_bytes=10**9)
    times, floors = [], []
    for _ in range(calls):
        gc.collect(); gc.disable()
        try:
            t = time.process_time(); itu_nb.load(data, format=fmt, max_bytes=10**9); times.append(time.process_time() - t)
            t = time.process_time(); sum(1 for _ in floor.finditer(data.decode("utf-8-sig"))); floors.append(time.process_time() - t)
        finally:
            gc.enable()
    out[spec] = [statistics.median(times), statistics.median(floors)]
print(json.dumps(out))
"""


def side_by_side(base: Path, inputs: list[tuple[str, bytes, str]], n: int, calls: int) -> None:
    """Each input loaded by this tree and by ``base`` in fresh child processes, interleaved round by round."""
    import json
    import subprocess
    import tempfile

    trees = {"base": base.resolve(), "this tree": ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        specs = []
        for k, (_, data, fmt) in enumerate(inputs):
            path = Path(tmp) / f"input{k}"
            path.write_bytes(data)
            specs.append(f"{path}={fmt}")
        got: dict[str, list[dict]] = {name: [] for name in trees}
        for r in range(n):
            order = list(trees.items())
            for name, tree in order if r % 2 else reversed(order):
                args = [sys.executable, "-c", CHILD, str(tree), FLOOR.pattern, str(calls), *specs]
                got[name].append(json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout))
    print(f"This tree beside {base} ({n} rounds, a fresh process per tree and round, {calls} calls each, CPU time):")
    print()
    print(
        "| input | size | base (ms) | this tree (ms) | base MB/s | this MB/s | base / floor | this / floor | base / this |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (name, data, _), spec in zip(inputs, specs, strict=True):
        b = [x[spec][0] for x in got["base"]]
        t = [x[spec][0] for x in got["this tree"]]
        fb = statistics.median(x[spec][0] / x[spec][1] for x in got["base"])
        ft = statistics.median(x[spec][0] / x[spec][1] for x in got["this tree"])
        mb, mt = statistics.median(b), statistics.median(t)
        print(
            f"| {name} | {len(data) / 1e3:,.0f} kB | {ms(b)} | {ms(t)} | {len(data) / 1e6 / mb:,.1f} "
            f"| {len(data) / 1e6 / mt:,.1f} | {fb:,.1f}× | {ft:,.1f}× | {mb / mt:,.2f}× |"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--base", type=Path, help="another checkout of itu_nb: text and CriticMarkup side by side")
    ap.add_argument("--calls", type=int, default=9, help="loads per child and input, with --base")
    ap.add_argument("--only-base", action="store_true", help="with --base: the side-by-side table alone")
    opts = ap.parse_args(argv)
    n = opts.rounds
    if opts.base is not None:
        text = (FIX / "pp18-doc67-brazil.flattened.txt").read_bytes()
        critic = (FIX / "pp18-doc67-brazil.reconstructed.critic.md").read_bytes()
        side_by_side(
            opts.base,
            [
                ("text (PP-18 Doc 67, flattened)", text, "text"),
                ("CriticMarkup (PP-18 Doc 67)", critic, "criticmarkup"),
                ("Brazil text ×16", text * 16, "text"),
                ("one list of 10,000 items", items(10_000), "text"),
                ("generated 10,000-item proposal (tests/fingerprint.py)", ten_thousand_items(), "text"),
            ],
            n,
            opts.calls,
        )
        if opts.only_base:
            return
        print()

    text = (FIX / "pp18-doc67-brazil.flattened.txt").read_bytes()
    critic = (FIX / "pp18-doc67-brazil.reconstructed.critic.md").read_bytes()
    akn = (FIX / "pp18-final-acts.akn.xml").read_bytes()
    docx = (FIX / "pp18-doc67-brazil.pandoc.docx").read_bytes()
    big_docx = repeated(docx, 20)
    loaders = [
        ("text (PP-18 Doc 67, flattened)", text, "text", regex_floor, "regex labels"),
        ("CriticMarkup (PP-18 Doc 67)", critic, "criticmarkup", regex_floor, "regex labels"),
        ("Akoma Ntoso (PP-18 Final Acts)", akn, "akn", lxml_floor, "lxml parse"),
        (".docx (PP-18 Doc 67, pandoc)", docx, "docx", docx_floor, "unzip + lxml"),
        (".docx (Doc 67 body ×20)", big_docx, "docx", docx_floor, "unzip + lxml"),
    ]
    goals = []  # (input, MB/s, its goal, peak memory) for the summary of issue 19's goals
    big = 10**9
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {sys.version.split()[0]}; ")
    print(f"{n} rounds, times lowest / median / highest.")
    print()
    print("| input | size | itu_nb.load (ms) | MB/s | floor | floor (ms) | floor MB/s | ratio | peak memory |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, data, fmt, floor, floor_name in loaders:
        ours, theirs = rounds(
            [lambda d=data, f=fmt: itu_nb.load(d, format=f, max_bytes=big), lambda d=data, fl=floor: fl(d)], n
        )
        mem = peak_factor(lambda d=data, f=fmt: itu_nb.load(d, format=f, max_bytes=big), len(data))
        mo, mt = statistics.median(ours), statistics.median(theirs)
        print(
            f"| {name} | {len(data) / 1e3:,.0f} kB | {ms(ours)} | {len(data) / 1e6 / mo:,.1f} | {floor_name} "
            f"| {ms(theirs)} | {len(data) / 1e6 / mt:,.0f} | {mo / mt:,.1f}× | {mem:,.1f}× |"
        )
        goals.append((name, len(data) / 1e6 / mo, GOAL_MBPS[fmt], mem))

    print()
    print("Issue 19's goals, side by side (MB/s from the medians above; .docx per MB of zipped file):")
    print()
    print("| input | MB/s | goal | met | peak memory | goal | met |")
    print("|---|---:|---:|---|---:|---:|---|")
    for name, speed, goal, mem in goals:
        print(
            f"| {name} | {speed:,.1f} | ≥ {goal} | {'yes' if speed >= goal else 'no'} "
            f"| {mem:,.1f}× | < {GOAL_MEMORY}× | {'yes' if mem < GOAL_MEMORY else 'no'} |"
        )

    print()
    print("Scaling (text loader; linear when µs per kB stays flat):")
    print()
    print("| input | size | itu_nb.load (ms) | µs per kB | MB/s | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    scaled = [(f"Brazil text ×{k}", text * k) for k in (1, 4, 16)]
    scaled += [(f"one list of {k:,} items", items(k)) for k in (2_500, 10_000, 40_000)]
    scaled += [("generated 10,000-item proposal (tests/fingerprint.py)", ten_thousand_items())]
    for name, data in scaled:
        (ours,) = rounds([lambda d=data: itu_nb.load(d, format="text", max_bytes=big)], max(3, n // 2))
        mem = peak_factor(lambda d=data: itu_nb.load(d, format="text", max_bytes=big), len(data))
        mo = statistics.median(ours)
        print(
            f"| {name} | {len(data) / 1e3:,.0f} kB | {ms(ours)} | {mo * 1e6 / (len(data) / 1e3):,.1f} "
            f"| {len(data) / 1e6 / mo:,.1f} | {mem:,.1f}× |"
        )


if __name__ == "__main__":
    main()
