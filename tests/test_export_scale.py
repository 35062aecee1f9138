"""Issue 17, writers at scale: each writer on a 100,000-node document, and Akoma Ntoso of 50,000 proposals.

Found by session 16's sweep: a 100,000-node text loaded in about a second, but each writer then took 3–8 s, and
``to_akn`` of 50,000 bare ``MOD<TAB>XYZ/1/i`` lines (a 789 kB text) built one tree of the whole 80 MB document,
668 MB at its peak.  The Akoma Ntoso writer now writes proposal by proposal and the Word writer writes its body out
2,000 paragraphs at a time (``itu_nb/export/docx_chunks.py``), each to the same bytes as before.

Every input is built here; the expected values follow from how it is built: ``ITEMS`` is a heading, a title, a
section keyword and 100,000 numbered items (``1.1<TAB>to act on item 1;`` … ``1.999``, ``2.1`` … ``101.100<TAB>to act
on item 100000;``: a label is at most four digits, or numbers of up to three digits after a dot, so plain numbers
would stop at 9,999 and the rest be read as paragraphs), every eighth inserted (``{++…++}``), so 100,003 nodes, every
item an item of one list, and 12,500 insertions; ``MARKERS`` is 50,000 marker lines ``MOD<TAB>XYZ/1/0`` …
``MOD<TAB>XYZ/1/49999``, 50,000 proposals of no clause.  Each run is a child process measured by
``tests/bounds.py`` (``benchmarks/bench_bounds.py`` collects the rows): within 300 MB and five times the 2 s CPU
budget, loading included.
"""

from __future__ import annotations

import pytest
from bounds import bounded

#: The 100,000-item text (see the module's docstring), as the child builds it.
ITEMS = """(
    "MOD\\tXYZ/1/1\\nRESOLUTION 1 (Rev. Dubai, 2018)\\nTitle\\nresolves\\n"
    + "".join(
        f"{label}\\t{{++to act on item {i};++}}\\n" if i % 8 == 0 else f"{label}\\tto act on item {i};\\n"
        for i in range(1, 100_001)
        for label in [f"{(i - 1) // 999 + 1}.{(i - 1) % 999 + 1}"]
    )
)"""
MARKERS = '"".join(f"MOD\\tXYZ/1/{i}\\n" for i in range(50_000))'

#: What each writer's output shows of the 100,000 items: printed by the child, from the output alone.
FACTS = {
    "to_criticmarkup": "x.count('to act on item'), x.count('{++'), 'to act on item 100000;' in x",
    "to_html": "x.count('to act on item'), x.count('</ins>'), 'to act on item 100000;' in x",
    "to_akn": "x.count('to act on item'), x.count('</ins>'), 'to act on item 100000;' in x",
    "to_docx": (
        "(lambda b: (b.count(b'to act on item'), b.count(b'<w:ins '), b'to act on item 100000;' in b))"
        "(__import__('zipfile').ZipFile(__import__('io').BytesIO(x)).read('word/document.xml'))"
    ),
}


@pytest.mark.parametrize("writer", FACTS)
def test_each_writer_on_a_hundred_thousand_items(writer):
    code = f"""
import itu_nb
doc = itu_nb.load({ITEMS}, format="criticmarkup")
nodes = [n for p in doc for n in p.walk()]
items = {{n.path.rpartition("/")[0] for n in nodes if n.kind.value == "item"}}
print(len(nodes), sum(n.kind.value == "item" for n in nodes), *items, nodes[-1].path)
x = itu_nb.{writer}(doc)
print(*({FACTS[writer]}))
"""
    r = bounded(code, label=f"{writer}: 100,000 items, 12,500 inserted")
    assert r.ok, r
    nodes, facts = r.stdout.split("\n")[:2]
    assert nodes == "100003 100000 resolves resolves/101.100"  # every item in one list, the last labelled 101.100
    # every item's text, each insertion tracked, the last item; HTML also names each changed item in its contents
    assert facts == ("112500 12500 True" if writer == "to_html" else "100000 12500 True")
    assert r.within(), r


def test_akn_of_fifty_thousand_proposals():
    code = f"""
import itu_nb
doc = itu_nb.load({MARKERS}, format="text")
x = itu_nb.to_akn(doc)
print(len(doc), x.count("<component "), x.count('<FRBRnumber value="XYZ/1/'), 'value="XYZ/1/49999"' in x)
"""
    r = bounded(code, label="to_akn: 50,000 proposals (bare marker lines)")
    assert r.ok, r
    assert r.stdout.split() == ["50000", "50000", "50000", "True"]
    assert r.within(), r  # (one tree of the whole document: 668 MB)
