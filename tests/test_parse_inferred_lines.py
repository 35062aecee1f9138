"""Lines whose replacements inference recovers, read on the fast paths (issue 19), and decoding with byte classes.

A flattened line such as ``b)<TAB>for 2012-20152016-2019:`` is inferred once, in stage 2, and read by the
tree builder as a plain item line with inferred body runs (``SourceLine.inferred_plain``); a line whose
change stands where its label is read falls back to the general path.  A CriticMarkup line whose first
equal run holds its label is read the same way (``SourceLine.headed``).  The expected runs are read off the
text by eye: a period run into a later one is the earlier deleted and the later inserted, in source order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_nb.errors import LoadError
from itu_nb.loaders.text import load_text
from itu_nb.model import Op
from itu_nb.parsing import parse_critic, parse_text
from itu_nb.parsing.normalise import byte_classes, decode, decode_utf8

FIXTURES = Path(__file__).parent / "fixtures"

TEXT = (
    "MOD\tX/1/1\nRESOLUTION 1 (Dubai, 2018)\nT\nconsidering\n"
    "a)\t2016-20192020-2023 plan;\n"  # the change right after the label
    "\t(Busan, 2014Dubai, 2018) bullet\n"  # a TAB bullet whose TAB opens the citation: the general path
    "b)\tfor 2012-20152016-2019:\n"  # ends with a colon once inferred: i) is its sub-item
    "i)\tsub"
)


def _runs(runs):
    return [(r.op, r.text, r.inferred) for r in runs]


def test_inferred_item_lines_keep_their_label_and_changes():
    doc = parse_text(TEXT)
    nodes = {c.path: c for c in doc.proposals[0].walk()}
    a, bullet, b = nodes["considering/a"], nodes["considering/a/bullet1"], nodes["considering/b"]
    assert _runs(a.label_runs) == [(Op.EQUAL, "a)\t", False)]
    assert _runs(a.runs) == [
        (Op.DELETE, "2016-2019", True),
        (Op.INSERT, "2020-2023", True),
        (Op.EQUAL, " plan;", False),
    ]
    assert _runs(bullet.label_runs) == [(Op.EQUAL, "\t", False)]
    assert _runs(bullet.runs) == [
        (Op.EQUAL, "(", False),
        (Op.DELETE, "Busan, 2014", True),
        (Op.INSERT, "Dubai, 2018", True),
        (Op.EQUAL, ") bullet", False),
    ]
    assert _runs(b.runs) == [
        (Op.EQUAL, "for ", False),
        (Op.DELETE, "2012-2015", True),
        (Op.INSERT, "2016-2019", True),
        (Op.EQUAL, ":", False),
    ]
    assert [c.path for c in b.children] == ["considering/b/i"]


def test_inferred_lines_read_alike_from_bytes_and_from_text():
    """The bytes path hands the parser the classes decoding made; the text path makes its own."""
    from_bytes, from_text = load_text(TEXT.encode(), "t.txt"), parse_text(TEXT, source="t.txt")
    assert [(c.path, c.label_runs, c.runs) for c in from_bytes.proposals[0].walk()] == [
        (c.path, c.label_runs, c.runs) for c in from_text.proposals[0].walk()
    ]


def test_brazil_strategic_plan_item():
    """PP-18 Doc 67, flattened, line 40: ``a)<TAB>the experience … for 2012-20152016-2019;`` (Resolution 71)."""
    doc = load_text((FIXTURES / "pp18-doc67-brazil.flattened.txt").read_bytes(), "brazil.txt")
    item = next(c for p in doc.proposals for c in p.walk() if c.line == 39)
    assert _runs(item.label_runs) == [(Op.EQUAL, "a)\t", False)]
    assert (Op.DELETE, "2012-2015", True) in _runs(item.runs)
    assert (Op.INSERT, "2016-2019", True) in _runs(item.runs)


@pytest.mark.parametrize(
    "data",
    [
        "considering\na)\ttext (Rev.\xa0Busan, 2014Dubai, 2018)\n".encode(),  # non-ASCII: two bytes
        b"\xef\xbb\xbfconsidering\na)\tone\n",  # a byte-order mark, dropped by decoding
        b"considering\na)\tone\x07\n",  # a control character: counted as before
    ],
)
def test_decode_utf8_gives_the_bytes_and_classes_of_the_text(data):
    text, utf8, classes = decode_utf8(data, "t.txt")
    assert text == decode(data, "t.txt")
    assert utf8 == text.encode("utf-8")
    assert classes == byte_classes(utf8)


def test_decode_utf8_without_bytes_when_they_differ_from_the_text():
    """Two byte-order marks: the text loses both, so the file's bytes are not the text's."""
    text, utf8, classes = decode_utf8(b"\xef\xbb\xbf\xef\xbb\xbfconsidering\n", "t.txt")
    assert text == "considering\n" and utf8 is None and classes is None
    assert decode_utf8("caf\xe9\n".encode("cp1252"), "t.txt", "cp1252")[1:] == (None, None)


def test_decode_utf8_still_refuses_binary_data():
    with pytest.raises(LoadError, match="control characters"):
        decode_utf8(bytes(range(1, 9)) * 10, "t.bin")


CRITIC = (
    "Committee 5 header line for {--old--}{++new++} text\n"  # a header line with changes: its runs keep their ops
    "MOD\tX/1/1\nRESOLUTION 1 (Dubai, 2018)\nT\nconsidering\n"
    "a)\tthe experience for {--2012-2015--}{++2016-2019++}:\n"  # label in the first equal run: the fast path
    "i)\tsub\n"
    "b)\t{--x--}{++y++} short"  # a change within the label's reach: the general path
)


def test_critic_lines_with_their_label_before_the_changes():
    """The runs read off the CriticMarkup by eye; a) ends with a colon in the amended view, so i) is under it."""
    doc = parse_critic(CRITIC)
    assert [(a.kind, a.text, a.op) for a in doc.artefacts[:4]] == [
        ("header", "Committee 5 header line for ", Op.EQUAL),
        ("header", "old", Op.DELETE),
        ("header", "new", Op.INSERT),
        ("header", " text", Op.EQUAL),
    ]
    nodes = {c.path: c for c in doc.proposals[0].walk()}
    a, b = nodes["considering/a"], nodes["considering/b"]
    assert _runs(a.label_runs) == [(Op.EQUAL, "a)\t", False)]
    assert _runs(a.runs) == [
        (Op.EQUAL, "the experience for ", False),
        (Op.DELETE, "2012-2015", False),
        (Op.INSERT, "2016-2019", False),
        (Op.EQUAL, ":", False),
    ]
    assert [c.path for c in a.children] == ["considering/a/i"]
    assert _runs(b.label_runs) == [(Op.EQUAL, "b)\t", False)]
    assert _runs(b.runs) == [(Op.DELETE, "x", False), (Op.INSERT, "y", False), (Op.EQUAL, " short", False)]
