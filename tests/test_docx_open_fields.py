"""Complex fields left open or nested deep are read in linear time (issue 17).

Each run asked ``"instr" in self.fields``, a scan of every open field: 5,000 / 10,000 / 20,000 paragraphs
each opening a field never ended took 0.52 / 1.56 / 5.01 s, and as many fields nested in one paragraph
0.45 / 1.06 / 3.59 s. ``loaders.docx_blocks.Fields`` counts the fields still in their instruction part.
The field results (``to act 19999;``) are the paragraphs' text, as Word shows them.
"""

from __future__ import annotations

from bounds import bounded
from docx_build import HEAD, package, para, run

BEGIN = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
)
END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
PROBE = """
import itu_nb
doc = itu_nb.load({path!r}, format="docx")
nodes = list(doc[0].walk())
print(len(nodes), nodes[-1].body("amended"))
"""


def test_twenty_thousand_fields_never_ended_are_linear(tmp_path):
    # before: 5,000 / 10,000 / 20,000 paragraphs 0.52 / 1.56 / 5.01 s (doubling ×3)
    path = tmp_path / "open-fields.docx"
    body = HEAD + para(run("resolves")) + "".join(para(BEGIN + run(f"to act {i};")) for i in range(20_000))
    path.write_bytes(package(body))
    r = bounded(PROBE.format(path=str(path)), label="20,000 complex fields never ended")
    assert r.ok and r.within(seconds=2.0), str(r)
    assert r.stdout.split()[0] == "20003" and r.stdout.strip().endswith("to act 19999;")  # field results are text


def test_twenty_thousand_fields_nested_in_one_paragraph_are_linear(tmp_path):
    # before: 5,000 / 10,000 / 20,000 deep 0.45 / 1.06 / 3.59 s
    path = tmp_path / "nested-fields.docx"
    path.write_bytes(package(HEAD + para(run("resolves")) + para(BEGIN * 20_000 + run("x") + END * 20_000)))
    r = bounded(PROBE.format(path=str(path)), label="20,000 complex fields nested")
    assert r.ok and r.within(seconds=2.0), str(r)
    assert r.stdout.split() == ["4", "x"]
