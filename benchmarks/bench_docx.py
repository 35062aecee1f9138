"""Loading speed on .docx, side by side with python-docx and pandoc.

    python3 benchmarks/bench_docx.py

Inputs: the PP-18 Brazil proposal as written by pandoc (tests/fixtures), the same body
repeated 20 times in one document, and the LibreOffice-written fixture.  Columns:
*itu_nb.load* runs every stage (bounded unzip, hardened XML parse, tracked changes,
numbering in both views, clause tree); *python-docx* opens the file and reads every
paragraph's ``.text`` (no tracked-change semantics: it skips inserted runs and deleted
text alike); *pandoc* is ``pandoc -f docx -t json --track-changes=all`` including its
process start.  MB/s is over the .docx file size and over the inflated XML.
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx as python_docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itu_nb.loaders.docx import load_docx  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def repeated(data: bytes, times: int) -> bytes:
    """The document with its body repeated ``times`` times (notes and numbering shared)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    m = re.search(r"(<w:body>)(.*?)(<w:sectPr.*)$", xml, re.S)
    body = m.group(1) + m.group(2) * times + m.group(3)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(
                info.filename, xml[: m.start()] + body if info.filename == "word/document.xml" else src.read(info)
            )
    return out.getvalue()


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


def main() -> None:
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
