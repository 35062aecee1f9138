"""``itu-nb batch`` on the 64 PP-18 Final Acts texts against edited copies.

    python3 benchmarks/bench_batch.py [--format html|docx|critic|json] [--keep DIR]

Makes one Akoma Ntoso file per statement of tests/fixtures/pp18-final-acts.akn.xml,
edited with lxml (independently of itu_nb's writers) so that every copy differs from
the adopted text in known ways: in statement i, a word replaced in one item, one item
deleted (every 3rd statement) and one item added (every 4th statement).  Then runs
``itu-nb batch`` as a subprocess, times it, and checks summary.csv against the edits.
"""

from __future__ import annotations

import argparse
import copy
import csv
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
FINAL_ACTS = ROOT / "tests" / "fixtures" / "pp18-final-acts.akn.xml"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ITEMS = f"{{{AKN}}}paragraph", f"{{{AKN}}}recital"


def edited_copies(folder: Path) -> dict[str, dict]:
    """Write the edited copies; return what was done to each (by file stem)."""
    root = etree.parse(str(FINAL_ACTS)).getroot()
    statements = [s for s in root.iter(f"{{{AKN}}}statement")]
    done = {}
    for i, statement in enumerate(statements):
        pid = statement.find(f".//{{{AKN}}}FRBRnumber").get("value")
        clone = copy.deepcopy(statement)
        items = [e for e in clone.iter(*ITEMS) if e.find(f".//{{{AKN}}}p") is not None]
        edits = {"replaced": 0, "deleted": 0, "added": 0}
        target = items[len(items) // 2]
        p = target.find(f".//{{{AKN}}}p")
        words = "".join(p.itertext()).split()
        p.text, _ = " ".join(words[:3] + ["notably"] + words[4:]), [p.remove(c) for c in list(p)]
        edits["replaced"] = 1
        if i % 3 == 0 and len(items) > 3:
            victim = items[-1] if items[-1] is not target else items[-2]
            victim.getparent().remove(victim)
            edits["deleted"] = 1
        if i % 4 == 0:
            extra = copy.deepcopy(items[0])
            for num in extra.iter(f"{{{AKN}}}num"):
                num.getparent().remove(num)
            for q in extra.iter(f"{{{AKN}}}p"):
                q.text, _ = "that itu_nb batch added this paragraph for the benchmark;", [q.remove(c) for c in list(q)]
            items[0].getparent().append(extra)
            edits["added"] = 1
        out = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
        out.append(clone)
        (folder / f"{i + 1:02d}-{pid}.xml").write_bytes(etree.tostring(out, xml_declaration=True, encoding="UTF-8"))
        done[f"{i + 1:02d}-{pid}"] = edits
    return done


def run(fmt: str, keep: Path | None) -> int:
    work = Path(tempfile.mkdtemp(prefix="itu-nb-batch-"))
    try:
        copies, out = work / "copies", keep or work / "out"
        copies.mkdir()
        edits = edited_copies(copies)
        exe = shutil.which("itu-nb")
        cmd = [exe] if exe else [sys.executable, "-m", "itu_nb.cli"]
        cmd += ["batch", str(copies), "--base", str(FINAL_ACTS), "--to", str(out), "--format", fmt]
        start = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if res.returncode != 0:
            print(res.stderr, file=sys.stderr)
            return res.returncode
        rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
        assert len(rows) == 64, len(rows)
        assert all(r["status"] == "changed" for r in rows), [r for r in rows if r["status"] != "changed"][:3]
        for r in rows:
            stem = r["file"].rsplit(".", 1)[0]
            assert int(r["deleted"] or 0) >= edits[stem]["deleted"], r
            assert int(r["inserted"] or 0) >= edits[stem]["added"], r
            assert "notably" in (out / r["output"]).read_text(encoding="utf-8", errors="replace") or fmt == "docx"
        last = res.stderr.strip().splitlines()[-1]
        print(f"itu-nb batch, 64 Final Acts texts vs edited copies, --format {fmt}: {seconds:.1f} s wall")
        print(f"  {last}")
        print(f"  bar lines on stderr: {sum(1 for x in res.stderr.splitlines() if x.startswith('['))}")
        print(f"  machine: {platform.platform()}, Python {platform.python_version()}, {platform.processor() or ''}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", default="html", choices=["html", "docx", "critic", "json"])
    ap.add_argument("--keep", type=Path, help="keep the exports and summary.csv in this folder")
    args = ap.parse_args()
    return run(args.format, args.keep)


if __name__ == "__main__":
    sys.exit(main())
