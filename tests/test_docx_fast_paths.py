"""Shortcuts the .docx loader takes for speed (issue 19) that must not change what it refuses or reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itu_nb.loaders.docx_package import _BANGS, _FORBIDDEN, _may_declare

#: The pieces a declaration is made of, in UTF-8 and both UTF-16 byte orders, and what surrounds them.
_PIECES = [b"<", b"!", b"\x00", b"DOCTYPE", b"ENTITY", b"doctype", b" ", b"x", b"<!", b"<\x00!", b"\x00<\x00!"]
_PIECES += ["<!DOCTYPE".encode(enc) for enc in ("utf-16-le", "utf-16-be")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join) | st.binary(max_size=200))
def test_the_bang_prefilter_never_hides_a_declaration(data):
    # _may_declare only lets parse_xml skip the regex: wherever the regex finds a declaration, it says True
    assert _may_declare(data) or not _FORBIDDEN.search(data)


def test_the_bang_prefilter_on_real_markup():
    # Word's XML has no "!" at all (the PP-18 Brazil document.xml has none): nothing to look at
    assert not _may_declare(b'<w:p><w:r><w:t xml:space="preserve">a) text, (b) more</w:t></w:r></w:p>')
    # an exclamation mark in the text is no declaration, and one after "<" may be
    assert not _may_declare(b"<w:t>Yes! Indeed!</w:t>")
    assert _may_declare(b"<w:t>x</w:t><!-- a comment -->")
    assert _may_declare('<!DOCTYPE d [<!ENTITY e "e">]>'.encode("utf-16-le"))
    assert _may_declare('<!DOCTYPE d [<!ENTITY e "e">]>'.encode("utf-16-be"))
    # past _BANGS exclamation marks the regex decides, whatever follows
    assert _may_declare(b"<w:t>" + b"!" * _BANGS + b"</w:t>")
    assert not _may_declare(b"<w:t>" + b"!" * (_BANGS - 1) + b"</w:t>")
