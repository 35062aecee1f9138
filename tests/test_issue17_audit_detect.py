"""Issue 17, "Unclear": a CriticMarkup or Markdown text starting with ``<!--`` given without a file name.

``tests/test_bad_input.py`` covers files: a ``.md`` or ``.txt`` name decides that such a text is not XML.
A text passed as a string or as bytes has no name, and went to the XML reader: ``itu_nb.load(text)``
of Brazil's CriticMarkup (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md) with a reviewer's
HTML comment on its first line raised "malformed XML at line 2".  Comments followed by text that is
no markup are not XML, whatever the name; a ``.xml`` or ``.akn`` file stays XML (the extension's
format is preferred), and so does a text whose comments are followed by an element.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.loaders import detect_format

BRAZIL = CRITIC.read_text(encoding="utf-8")
REMARK = "<!-- received 2018-09-10; checked by the secretariat -->\n"


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_criticmarkup_text_opening_with_a_comment_is_read_as_criticmarkup(as_bytes):
    text = REMARK + BRAZIL
    doc = itu_nb.load(text.encode("utf-8") if as_bytes else text)
    plain = itu_nb.load(CRITIC)
    assert doc.format == "criticmarkup"
    # the same five proposals and the same changes as the file without the comment (CORPUS.md counts:
    # B/67/4 has 23 insertions, 3 deletions and 47 replacements)
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    assert [len(p.changes) for p in doc] == [len(p.changes) for p in plain]
    assert doc["B/67/4"]["considering/b#2"].label_original == "c)"  # CORPUS.md, note 1
    # the comment is kept as a header line of the document (line 0), not dropped
    assert (doc.artefacts[0].kind, doc.artefacts[0].text, doc.artefacts[0].line) == ("header", REMARK.strip(), 0)


def test_several_comments_then_text():
    text = "<!-- one -->\n\n<!-- two\nlines -->\n" + "considering\n\na)\tthat {++new ++}text;\n"
    assert detect_format(text) == "criticmarkup"
    assert itu_nb.load(text)[0]["considering/a"].body("amended") == "that new text;"
    plain = "<!-- one -->\nconsidering\n\na)\tthat text;\n"
    assert detect_format(plain) == "text"


def test_xml_stays_xml():
    final_acts = FINAL_ACTS.read_bytes()
    # the Final Acts with a comment before the root element: still Akoma Ntoso
    body = final_acts.split(b"?>", 1)[1] if final_acts.startswith(b"<?xml") else final_acts
    commented = b"<!-- the PP-18 Final Acts -->\n" + body
    assert detect_format(commented) == "akn"
    assert [p.id for p in itu_nb.load(commented)] == [p.id for p in itu_nb.load(FINAL_ACTS)]
    # a file named .xml is XML whatever follows its comments: the error says malformed XML
    assert detect_format(REMARK + BRAZIL, "proposal.xml") == "akn"
    with pytest.raises(itu_nb.LoadError, match="malformed XML"):
        itu_nb.load((REMARK + BRAZIL).encode(), format=detect_format(REMARK + BRAZIL, "proposal.xml"))
    # a comment not closed within the first 4 kB is not decided by the comments: XML as before
    assert detect_format("<!-- " + "x" * 5000 + " -->\nconsidering\n") == "akn"
