"""Comparison speed on real inputs, side by side with other diff tools, in one run.

    python3 benchmarks/bench_compare.py            # prints Markdown tables
    python3 benchmarks/bench_compare.py --quick    # skips the slowest references
    python3 benchmarks/bench_compare.py --rounds 9 # more rounds of the ratio to redlines (default 5)

Inputs (all from tests/fixtures):
- PP-18 Doc 67 (Brazil), the whole reconstruction: original view against amended view (~45 kB a side);
- one resolution of it, B/67/4: Resolution 130 as Brazil found it (Rev. Busan, 2014) against Brazil's amendment;
- Resolution 130: as adopted (Final Acts, Akoma Ntoso) against as proposed by Brazil (B/67/4 amended);
- the whole PP-18 Final Acts against an edited copy (1 clause in 40 changed, 1 in 200 deleted,
  1 in 250 followed by a new clause), and its first quarter and half, to show how cost grows.

Tools, on the same texts (each side's text is ``Proposal.text()``, one clause per line):
- ``itu_nb.compare`` on the loaded proposals (C++ backend when installed, and pure Python);
- ``redlines`` (``Redlines(a, b).opcodes``: its diff without rendering);
- ``difflib`` on word tokens (``SequenceMatcher(autojunk=False)``);
- raw diff-match-patch on the whole text with semantic cleanup, no time limit: the C++
  ``fast_diff_match_patch`` and the pure-Python ``diff_match_patch``.
Figures are the best of several calls, at least 3 and more while they fit in about a second,
for every tool alike (the machine is shared: the best call is the least disturbed one); ratios
are the reference's time over itu_nb's (C++ backend).
Then, because the machine is shared and both timings move from run to run, the ratio to redlines
again over several rounds on the inputs of resolution size (itu_nb and redlines timed one after
the other in each round): its lowest, median and highest value.
Then the pathological inputs with their time bounds and fallbacks.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

from timing import best_time

import itu_nb
from itu_nb.diff.twoway import compare
from itu_nb.diff.words import BACKEND
from itu_nb.loaders import as_proposal
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run

HERE = Path(__file__).resolve().parent
FIX = HERE.parent / "tests" / "fixtures"
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


# -- the edited copy of the Final Acts ------------------------------------------------------
def _edit_clause(c: Clause, k: int) -> Clause:
    body = "".join(r.text for r in c.runs)
    words = body.split(" ")
    if len(words) > 3:
        words[len(words) // 2] = "EDITED"
        body = " ".join(words)
    return dataclasses.replace(c, runs=(Run(Op.EQUAL, body),) if body else ())


def _edit_tree(clauses: tuple[Clause, ...], counter: list[int]) -> tuple[Clause, ...]:
    out = []
    for c in clauses:
        counter[0] += 1
        k = counter[0]
        if c.kind is NodeKind.ITEM and k % 200 == 0:
            continue  # deleted
        node = _edit_clause(c, k) if k % 40 == 0 else c
        node = dataclasses.replace(node, children=_edit_tree(c.children, counter))
        out.append(node)
        if c.kind is NodeKind.ITEM and k % 250 == 0:
            text = f"a new clause proposed after {c.path}, on the role of the Union in building capacity;"
            out.append(dataclasses.replace(c, path=c.path + "#new", runs=(Run(Op.EQUAL, text),), children=()))
    return tuple(out)


def edited_copy(p: Proposal) -> Proposal:
    return dataclasses.replace(p, clauses=_edit_tree(p.clauses, [0]))


def first_part(p: Proposal, share: float) -> Proposal:
    """The first ``share`` of the top-level clauses (of a whole-document proposal)."""
    return dataclasses.replace(p, clauses=p.clauses[: max(1, int(len(p.clauses) * share))])


# -- tools ---------------------------------------------------------------------------------------
def tools(quick: bool):
    import fast_diff_match_patch
    from diff_match_patch import diff_match_patch
    from redlines import Redlines

    def py_dmp(a: str, b: str):
        d = diff_match_patch()
        d.Diff_Timeout = 0
        diffs = d.diff_main(a, b, False)
        d.diff_cleanupSemantic(diffs)
        return diffs

    out = [
        ("redlines", lambda a, b: Redlines(a, b).opcodes),
        ("difflib (words)", lambda a, b: difflib.SequenceMatcher(None, TOKEN.findall(a), TOKEN.findall(b), autojunk=False).get_opcodes()),
        ("dmp C++ (whole text)", lambda a, b: fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic")),
        ("dmp Python (whole text)", py_dmp),
    ]  # fmt: skip
    if quick:
        out = [t for t in out if t[0] in ("redlines", "dmp C++ (whole text)")]
    return out


def fmt_t(t: float | None) -> str:
    if t is None:
        return "–"
    return f"{t * 1000:,.1f} ms" if t < 10 else f"{t:,.1f} s"


def main() -> None:
    quick = "--quick" in sys.argv
    doc = itu_nb.load(FIX / "pp18-doc67-brazil.reconstructed.critic.md")
    fa = itu_nb.load(FIX / "pp18-final-acts.akn.xml")
    fa_all = as_proposal(fa)
    fa_edit = edited_copy(fa_all)
    inputs = [
        ("PP-18 Doc 67: original vs amended", as_proposal(doc, "original"), as_proposal(doc, "amended"), 7),
        (
            "B/67/4: Res 130 (Rev. Busan, 2014) vs Brazil's amendment",
            as_proposal(doc["B/67/4"], "original"),
            as_proposal(doc["B/67/4"], "amended"),
            7,
        ),
        (
            "Res 130: adopted vs Brazil's proposal",
            as_proposal(fa["Resolution 130"]),
            as_proposal(doc["B/67/4"], "amended"),
            7,
        ),
        ("Final Acts ¼ vs edited", first_part(fa_all, 0.25), first_part(fa_edit, 0.25), 3),
        ("Final Acts ½ vs edited", first_part(fa_all, 0.5), first_part(fa_edit, 0.5), 3),
        ("Final Acts vs edited", fa_all, fa_edit, 3),
    ]
    refs = tools(quick)
    print(f"# bench_compare ({time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {platform.machine()}, "
          f"itu_nb backend {BACKEND})\n")  # fmt: skip
    head = ["input", "size (old+new)", "clauses", "changes", "itu_nb", "itu_nb (pure Python)"]
    head += [name for name, _ in refs]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    ratios = []
    for label, a, b, rep in inputs:
        ta, tb = a.text(), b.text()
        size = len(ta.encode()) + len(tb.encode())
        c_fast = compare(a, b)
        c_py = compare(a, b, backend="python")
        same = c_fast.pairs == c_py.pairs
        t_fast = best_time(lambda a=a, b=b: compare(a, b), rep)
        t_py = best_time(lambda a=a, b=b: compare(a, b, backend="python"), rep)
        cells = [label, f"{size / 1000:,.0f} kB", f"{len(c_fast.pairs):,}", f"{len(c_fast.changes):,}",
                 fmt_t(t_fast), f"{fmt_t(t_py)}{'' if same else ' (differs!)'}"]  # fmt: skip
        row_ratio = {}
        for name, fn in refs:
            if name != "dmp C++ (whole text)" and size > 200_000 and name != "redlines":
                cells.append("not run")  # quadratic on the whole Final Acts: minutes to hours
                continue
            if name == "redlines" and size > 400_000:
                cells.append("not run")
                continue
            t = best_time(lambda fn=fn, ta=ta, tb=tb: fn(ta, tb), 1 if size > 200_000 else min(rep, 3))
            row_ratio[name] = t / t_fast
            cells.append(f"{fmt_t(t)} ({t / t_fast:,.1f}×)")
        ratios.append((label, row_ratio))
        print("| " + " | ".join(cells) + " |", flush=True)
    print("\n(×) = the tool's time over itu_nb's, same run. itu_nb pure Python gives identical pairs: "
          + ("yes" if all(compare(a, b).pairs == compare(a, b, backend="python").pairs for _, a, b, _ in inputs[:3]) else "NO"))  # fmt: skip

    argv = sys.argv[1:]
    n_rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 5
    ratio_rounds([x for x in inputs if len(x[1].text()) + len(x[2].text()) < 200_000], n_rounds)

    print("\n## Where itu_nb's time goes\n")
    print(
        "| input | compare | align clauses | word diffs | of which diff-match-patch | the rest (tokens, runs, pairs) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, a, b, _rep in inputs[:3]:
        print(stages(label, a, b), flush=True)

    print("\n## Pathological inputs\n")
    print("| input | size | time | bound | fell back |")
    print("|---|---:|---:|---:|---|")
    words = fa_all.text().split()[:8000]
    para = " ".join(words)
    cases = [
        ("one clause against its word-reversal (8,000 words)", f"resolves\n1\t{para}", "resolves\n1\t" + " ".join(reversed(words)), {}),
        ("same, pure-Python backend, timeout 0.5 s", f"resolves\n1\t{para}", "resolves\n1\t" + " ".join(reversed(words)), {"backend": "python", "timeout": 0.5}),
        ("a text against its reverse, line order (Final Acts)", fa_all, dataclasses.replace(fa_all, clauses=fa_all.clauses[::-1]), {}),
    ]  # fmt: skip
    bodies = [f"to report annually to the Council on the activities of item {k};" for k in range(1, 10_001)]
    edited = list(bodies)
    for k in range(0, 10_000, 100):
        edited[k] = edited[k].replace("annually", "every year")
    del edited[5001]
    cases.append(("10,000 near-identical clauses, 100 edited, 1 deleted", _numbered(bodies), _numbered(edited), {}))
    big = " ".join(fa_all.text().split())  # the whole Final Acts as one paragraph
    big_edit = big.replace(" Union ", " Organization ", 50)
    cases.append((f"one huge clause ({len(big) / 1e6:.1f} MB), 50 words changed", f"resolves\n1\t{big}", f"resolves\n1\t{big_edit}", {}))  # fmt: skip
    for label, a, b, opts in cases:
        pa = as_proposal(a) if not isinstance(a, Proposal) else a
        pb = as_proposal(b) if not isinstance(b, Proposal) else b
        timeout = opts.get("timeout", 1.0)
        t0 = time.perf_counter()
        c = compare(pa, pb, **opts)
        t = time.perf_counter() - t0
        size = len(pa.text()) + len(pb.text())
        levels = sorted({p.level for p in c.pairs if p.level != "word"})
        fell = f"yes: {', '.join(levels)} ({len(c.notes)} notes)" if c.notes else "no"
        print(f"| {label} | {size / 1000:,.0f} kB | {fmt_t(t)} | 2×{timeout:g} s per clause + 10 s budget | {fell} |", flush=True)  # fmt: skip

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load}"
    )


def ratio_rounds(inputs, rounds: int) -> None:
    """Print the spread of redlines' time over itu_nb's: ``rounds`` rounds, both tools timed in each."""
    from redlines import Redlines

    def spread(xs: list[float], fmt) -> str:
        return f"{fmt(min(xs))} – {fmt(statistics.median(xs))} – {fmt(max(xs))}"

    print(f"\n## Ratio to redlines over {rounds} rounds\n")
    print("| input | itu_nb (min – median – max) | redlines (min – median – max) | ratio (min – median – max) |")
    print("|---|---:|---:|---:|")
    for label, a, b, rep in inputs:
        ta, tb = a.text(), b.text()
        mine, theirs = [], []
        for _ in range(rounds):
            mine.append(best_time(lambda a=a, b=b: compare(a, b), rep))
            theirs.append(best_time(lambda ta=ta, tb=tb: Redlines(ta, tb).opcodes, 3))
        ratios = [t / m for t, m in zip(theirs, mine, strict=True)]
        print(f"| {label} | {spread(mine, fmt_t)} | {spread(theirs, fmt_t)} | "
              f"{spread(ratios, lambda r: f'{r:.1f}×')} |", flush=True)  # fmt: skip


def stages(label: str, a: Proposal, b: Proposal, repeat: int = 15) -> str:
    """One row: compare's time cut into alignment, word diffs (and the raw diff-match-patch calls in them)."""
    import fast_diff_match_patch

    from itu_nb.diff.align import Side, align
    from itu_nb.diff.tokens import Coder, encode, tokens, trim
    from itu_nb.diff.words import diff_words

    def sides():
        return Side(list(a.walk())), Side(list(b.walk()))

    o, n = sides()
    matches, _ = align(o, n)
    bodies = [(o.body[m.old], n.body[m.new]) for m in matches if m.old is not None and m.new is not None]
    bodies = [(x, y) for x, y in bodies if x != y]
    encoded = []
    for x, y in bodies:
        p, s = trim(x, y)
        encoded.append(encode(tokens(x[p : len(x) - s]), tokens(y[p : len(y) - s])))
    t_all = best_time(lambda: compare(a, b), repeat)
    t_align = best_time(lambda: align(*sides()), repeat)
    # as compare diffs them: one token table shared by the comparison's word diffs
    t_words = best_time(lambda: (lambda c: [diff_words(x, y, coder=c) for x, y in bodies])(Coder()), repeat)
    t_dmp = best_time(
        lambda: [fast_diff_match_patch.diff(x, y, timelimit=1, checklines=False, cleanup="Semantic", counts_only=True)
                 for x, y in encoded], repeat)  # fmt: skip
    rest = t_all - t_align - t_words
    return (f"| {label} | {fmt_t(t_all)} | {fmt_t(t_align)} | {fmt_t(t_words)} ({len(bodies)} pairs) | "
            f"{fmt_t(t_dmp)} | {fmt_t(rest + t_words - t_dmp)} |")  # fmt: skip


def _numbered(bodies: list[str]) -> Proposal:
    items = tuple(
        Clause(NodeKind.ITEM, f"resolves/{k}", (Run(Op.EQUAL, f"{k}\t"),), (Run(Op.EQUAL, b),), section="resolves")
        for k, b in enumerate(bodies, start=1)
    )
    section = Clause(
        NodeKind.SECTION, "resolves", runs=(Run(Op.EQUAL, "resolves"),), children=items, section="resolves"
    )
    return Proposal("text", None, None, (section,))


if __name__ == "__main__":
    main()
