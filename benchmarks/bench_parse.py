"""Parsing speed on the real corpus, side by side with reference points, in one run.

    python3 benchmarks/bench_parse.py            # prints a Markdown table

Rows: each corpus file through ``itu_nb.load`` (all stages: decode, markup,
artefacts, inference, tree), then the same text repeated ×20 (≈1 MB) to show the
cost grows linearly.  Reference points in the same run:
- ``read+split``: reading the bytes and splitting lines (the floor any parser pays);
- ``regex labels``: a naive one-regex pass that finds labels and keywords line by line
  without building anything (what a hand-rolled script would do);
- ``python-docx`` / ``lxml``: for the .docx and AKN rows, the library's own parse of
  the same file without itu_nb's model (when those files and loaders are present).
Ratios are itu_nb's time over the reference's.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

from timing import best_time

import itu_nb
from itu_nb.loaders import LOADERS

HERE = Path(__file__).resolve().parent
FIX = HERE.parent / "tests" / "fixtures"
NAIVE = re.compile(r"^(?:[a-z]{1,2}\)|\d+|[ivx]+\))\t|^(?:considering|recognizing|noting|resolves|instructs|invites)\b")


def best(fn, repeat: int = 5) -> float:
    """The best of ``repeat`` calls, timed as in every benchmark (:func:`timing.best_time`, garbage
    collector off: a collection of this process's large heap otherwise lands in random calls)."""
    return best_time(fn, repeat, budget=0)


def naive(data: bytes) -> int:
    return sum(1 for line in data.decode("utf-8").splitlines() if NAIVE.match(line))


def main() -> None:
    rows = []
    inputs = [
        ("flattened .txt (PP-18 Doc 67)", FIX / "pp18-doc67-brazil.flattened.txt", None),
        ("CriticMarkup (PP-18 Doc 67)", FIX / "pp18-doc67-brazil.reconstructed.critic.md", None),
    ]
    if "akn" in LOADERS:
        inputs.append(("Akoma Ntoso (PP-18 Final Acts)", FIX / "pp18-final-acts.akn.xml", None))
    for label, path, fmt in inputs:
        data = path.read_bytes()
        rows.append((label, len(data), best(lambda d=data, f=fmt: itu_nb.load(d, format=f)), data))
    big = (FIX / "pp18-doc67-brazil.flattened.txt").read_bytes() * 20
    rows.append(("flattened .txt ×20", len(big), best(lambda: itu_nb.load(big, max_bytes=10**8), 3), big))
    items = ("resolves\n" + "".join(f"{i}\tto do the thing number {i};\n" for i in range(1, 10_001))).encode()
    rows.append(("one list of 10,000 items", len(items), best(lambda: itu_nb.load(items), 3), items))
    big_c = (FIX / "pp18-doc67-brazil.reconstructed.critic.md").read_bytes() * 20
    rows.append(("CriticMarkup ×20", len(big_c), best(lambda: itu_nb.load(big_c, max_bytes=10**8), 3), big_c))

    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {sys.version.split()[0]}")
    print()
    print("| input | size | itu_nb.load | MB/s | read+split | ratio | regex labels | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, size, t, data in rows:
        split = best(lambda d=data: d.decode("utf-8", "replace").split("\n"))
        if label.startswith("Akoma"):  # a line regex means nothing on XML
            naive_cells = "— | — |"
        else:
            rx = best(lambda d=data: naive(d))
            naive_cells = f"{rx * 1e3:,.2f} ms | {t / rx:,.1f}× |"
        print(
            f"| {label} | {size / 1e3:,.0f} kB | {t * 1e3:,.1f} ms | {size / 1e6 / t:,.2f} | "
            f"{split * 1e3:,.2f} ms | {t / split:,.0f}× | {naive_cells}"
        )
    if "akn" in LOADERS:
        from lxml import etree

        data = (FIX / "pp18-final-acts.akn.xml").read_bytes()
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        t_lxml = best(lambda: etree.fromstring(data, parser))
        t_akn = best(lambda: itu_nb.load(data))
        print()
        print(
            f"AKN: lxml parse alone {t_lxml * 1e3:,.1f} ms; itu_nb.load {t_akn * 1e3:,.1f} ms "
            f"({t_akn / t_lxml:,.1f}× lxml: the rest is building the clause trees)"
        )


if __name__ == "__main__":
    main()
