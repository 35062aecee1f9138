"""Text in, redline out: ``itu_nb.compare(text_a, text_b)`` on raw texts against redlines, in one run.

    python3 benchmarks/bench_end_to_end.py                   # this tree; 7 rounds
    python3 benchmarks/bench_end_to_end.py --base ../base    # and another checkout, interleaved
    python3 benchmarks/bench_end_to_end.py --rounds 9 --calls 12

Issue 19's goal: an analyst's commonest call compares two texts as they come (two files, two
strings), so parsing both is part of the cost; at least 20× faster than redlines.  Inputs, from
tests/fixtures (built once by this tree, the same strings for every tree):

- PP-18 Doc 67 (Brazil): the original view's text against the amended view's (each side the plain
  text ``Proposal.text(view)`` of the whole CriticMarkup reconstruction, ~45 kB, marker lines and all;
  five proposals a side, so ``itu_nb.compare`` pairs them text by text);
- Resolution 130: the text adopted at Dubai (Final Acts, as plain text) against Brazil's
  proposal B/67/4 as amended (plain text).

CPU time, not wall clock (the machine is shared): each round runs one fresh child process per
tree, in alternating order (``--base`` first in even rounds), so both trees meet the same load.  A
child warms up once, then times, interleaved call by call, ``itu_nb.compare(a, b)`` on the two
strings (parse both, align clauses, word diffs; C++ diff-match-patch when installed),
``Redlines(a, b).opcodes`` (its word diff without rendering) and ``itu_nb.load`` of both strings
(the parsing share), each in ``time.process_time`` with the garbage collector off, and keeps each
one's best of ``--calls`` (redlines: of ``--calls`` // 3, at least 3; it takes about 200 ms).  The
ratio is redlines' best over itu_nb's best in the same child.  Printed per tree and input: the
medians over rounds of itu_nb's, the parsing's and redlines' times, and the ratio's lowest, median
and highest value over the rounds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIX = ROOT / "tests" / "fixtures"
GOAL = 20  # issue 19: compare from raw texts at least 20× faster than redlines

CHILD = r"""
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
import itu_nb
from itu_nb.diff.words import BACKEND
from redlines import Redlines
inputs = json.load(open(sys.argv[2], encoding="utf-8"))
calls = int(sys.argv[3])

def cpu(fn):
    t = time.process_time(); fn(); return time.process_time() - t

out = {"backend": BACKEND, "inputs": []}
for name, a, b in inputs:
    got = itu_nb.compare(a, b)  # a whole document: text by text (a DocumentComparison); also the warm-up
    if hasattr(got, "unmatched"):
        changes = sum(len(p.comparison.changes) for p in got if p.comparison is not None)
    else:
        changes = len(got.changes)
    assert changes > 0, name
    Redlines(a, b).opcodes
    ours, parse, theirs = [], [], []
    gc.collect(); gc.disable()
    try:
        for k in range(calls):
            ours.append(cpu(lambda: itu_nb.compare(a, b)))
            parse.append(cpu(lambda: (itu_nb.load(a), itu_nb.load(b))))
            if k < max(3, calls // 3):
                theirs.append(cpu(lambda: Redlines(a, b).opcodes))
    finally:
        gc.enable()
    out["inputs"].append({"name": name, "changes": changes, "sizes": [len(a), len(b)],
                          "ours": min(ours), "parse": min(parse), "theirs": min(theirs)})
print(json.dumps(out))
"""


def inputs() -> list[tuple[str, str, str]]:
    """The two pairs of raw texts, built by this tree."""
    sys.path.insert(0, str(ROOT))
    import itu_nb

    doc = itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md")
    acts = itu_nb.load(FIX / "pp18-final-acts.akn.xml")
    whole_old = "\n".join(p.text("original") for p in doc) + "\n"
    whole_new = "\n".join(p.text("amended") for p in doc) + "\n"
    return [
        ("PP-18 Doc 67: original vs amended (raw text)", whole_old, whole_new),
        (
            "Res 130: adopted vs Brazil's B/67/4 (raw text)",
            acts["Resolution 130"].text("amended") + "\n",
            doc["B/67/4"].text("amended") + "\n",
        ),
    ]


def child(tree: Path, data: Path, calls: int) -> dict:
    """One fresh process on ``tree``: the best CPU times of each input."""
    args = [sys.executable, "-c", CHILD, str(tree), str(data), str(calls)]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="another checkout of itu_nb to compare with")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=12)
    opts = ap.parse_args(argv)
    trees = {"this tree": ROOT}
    if opts.base is not None:
        trees["base"] = opts.base.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "inputs.json"
        data.write_text(json.dumps(inputs()), encoding="utf-8")
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for r in range(opts.rounds):
            order = list(trees.items())
            for name, tree in order if r % 2 else reversed(order):
                runs[name].append(child(tree, data, opts.calls))
    backend = runs["this tree"][0]["backend"]
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, backend {backend}")
    print(f"{opts.rounds} rounds × {opts.calls} calls, CPU time, a fresh process per tree and round\n")
    print(
        "| tree | input | size a / b | changes | itu_nb.compare (parse + compare) | of which parsing | redlines "
        f"| ratio lowest – median – highest | goal ≥ {GOAL}× (median) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for name, results in runs.items():
        for k, first in enumerate(results[0]["inputs"]):
            got = [x["inputs"][k] for x in results]
            ours = statistics.median(g["ours"] for g in got)
            parse = statistics.median(g["parse"] for g in got)
            theirs = statistics.median(g["theirs"] for g in got)
            ratios = sorted(g["theirs"] / g["ours"] for g in got)
            a, b = first["sizes"]
            print(
                f"| {name} | {first['name']} | {a / 1000:.0f} / {b / 1000:.0f} kB | {first['changes']} "
                f"| {ours * 1e3:.1f} ms | {parse * 1e3:.1f} ms | {theirs * 1e3:.1f} ms "
                f"| {ratios[0]:.1f}× – {statistics.median(ratios):.1f}× – {ratios[-1]:.1f}× "
                f"| {'yes' if statistics.median(ratios) >= GOAL else 'no'} |"
            )
    if "base" in runs:
        print()
        for k, first in enumerate(runs["this tree"][0]["inputs"]):
            mine = statistics.median(x["inputs"][k]["ours"] for x in runs["this tree"])
            base = statistics.median(x["inputs"][k]["ours"] for x in runs["base"])
            print(f"- {first['name']}: itu_nb median base / median this tree {base / mine:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
