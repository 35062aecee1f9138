"""Text in, redline out: ``itu_nb.compare(text_a, text_b)`` on raw texts against redlines, in one run.

    python3 benchmarks/bench_end_to_end.py [--rounds N]    # default 7 rounds

Issue 19's goal: an analyst's commonest call compares two texts as they come (two files, two
strings), so parsing both is part of the cost.  Inputs, from tests/fixtures:

- PP-18 Doc 67 (Brazil): the original view's text against the amended view's (each side the plain
  text ``Proposal.text(view)`` of the whole CriticMarkup reconstruction, ~45 kB, marker lines and all;
  five proposals a side, so ``itu_nb.compare`` pairs them text by text);
- Resolution 130: the text adopted at Dubai (Final Acts, as plain text) against Brazil's
  proposal B/67/4 as amended (plain text).

Each round times, one after the other, ``itu_nb.compare(a, b)`` on the two strings (parse both,
align clauses, word diffs; C++ diff-match-patch when installed) and ``Redlines(a, b).opcodes``
(its word diff without rendering), each the best of several calls (``benchmarks/timing.py``).
Printed: per input, itu_nb's and redlines' times and the ratio redlines / itu_nb over the rounds
(lowest, median, highest), and the part of itu_nb's time spent parsing (``itu_nb.load`` of both).
"""

from __future__ import annotations

import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_time  # noqa: E402

import itu_nb  # noqa: E402
from itu_nb.diff.words import BACKEND  # noqa: E402

FIX = ROOT / "tests" / "fixtures"
GOAL = 20  # issue 19: compare from raw texts at least 20× faster than redlines


def inputs() -> list[tuple[str, str, str]]:
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


def main(argv: list[str]) -> int:
    from redlines import Redlines

    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 7
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, backend {BACKEND}\n")
    print(
        "| input | size a / b | itu_nb.compare (parse + compare) | of which parsing | redlines | ratio lowest – median – highest "
        f"| goal ≥ {GOAL}× (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, a, b in inputs():
        got = itu_nb.compare(a, b)  # a whole document: text by text (a DocumentComparison)
        changes = got.table.changes.sum() if hasattr(got, "table") else len(got.changes)
        assert changes > 0, name
        ours, theirs, ratios, parses = [], [], [], []
        for _ in range(rounds):
            t_ours = best_time(lambda a=a, b=b: itu_nb.compare(a, b), 3)
            t_parse = best_time(lambda a=a, b=b: (itu_nb.load(a), itu_nb.load(b)), 3)
            t_theirs = best_time(lambda a=a, b=b: Redlines(a, b).opcodes, 3)
            ours.append(t_ours)
            theirs.append(t_theirs)
            parses.append(t_parse)
            ratios.append(t_theirs / t_ours)
        ratios.sort()
        print(
            f"| {name} | {len(a) / 1000:.0f} / {len(b) / 1000:.0f} kB | {statistics.median(ours) * 1000:.1f} ms"
            f" | {statistics.median(parses) * 1000:.1f} ms | {statistics.median(theirs) * 1000:.1f} ms"
            f" | {ratios[0]:.1f}× – {statistics.median(ratios):.1f}× – {ratios[-1]:.1f}× "
            f"| {'yes' if statistics.median(ratios) >= GOAL else 'no'} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
