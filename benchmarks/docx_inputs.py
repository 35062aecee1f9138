"""Larger Word inputs for the benchmarks, built from a real one; no itu_nb import, so a script that
times another checkout (``bench_docx_stages.py --base``) can use it in its child processes.
"""

from __future__ import annotations

import io
import re
import zipfile


def repeated(data: bytes, times: int) -> bytes:
    """The .docx with its body repeated ``times`` times (notes and numbering shared): a larger Word file."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    m = re.search(r"(<w:body>)(.*?)(<w:sectPr.*)$", xml, re.S)
    assert m is not None, "no body in word/document.xml"
    body = m.group(1) + m.group(2) * times + m.group(3)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = xml[: m.start()] + body if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, part)
    return out.getvalue()
