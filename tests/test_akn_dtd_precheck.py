"""The Akoma Ntoso loader's look for a DTD before parsing (``loaders/akn_xml.py``, issue 19): it finds "<!" from the
file's few "!" rather than searching for the two bytes, which "<" at every tag makes slow, and refuses the same
files as before."""

from __future__ import annotations

import pytest

from itu_nb.errors import LoadError
from itu_nb.loaders.akn_xml import _BANGS, _opens_declaration, safe_xml

_XXE = b'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_BODY = b"<akomaNtoso><statement><preface><longTitle><p>%s</p></longTitle></preface></statement></akomaNtoso>"


@pytest.mark.parametrize(
    "raw",
    [b"", b"!", b"<!", b"a<!", b"!<", b"<a>!</a>", b"!!<!", b"<<<!", b"!" * (_BANGS + 5), b"!" * (_BANGS + 5) + b"<!"],
)
def test_it_answers_as_the_two_byte_search(raw):
    assert _opens_declaration(raw) is (b"<!" in raw)


def test_a_declaration_after_many_exclamation_marks_is_still_refused():
    # more "!" before the declaration than are looked at one by one: the two bytes are then searched for
    shouting = b"Stop! " * (2 * _BANGS)
    data = b'<?xml version="1.0"?>\n<!-- ' + shouting + b"-->\n" + _XXE + _BODY % b"&xxe;"
    with pytest.raises(LoadError, match="shouting.xml.*DOCTYPE"):
        safe_xml(data, "shouting.xml")


def test_text_with_exclamation_marks_and_a_comment_loads():
    data = b'<?xml version="1.0"?>\n<!-- a comment -->' + _BODY % (b"Welcome! " * 3)
    root = safe_xml(data, "glad.xml")
    assert root.tag == "akomaNtoso"
    assert "".join(root.itertext()) == "Welcome! " * 3
