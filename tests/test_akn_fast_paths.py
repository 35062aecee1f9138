"""Shortcuts the Akoma Ntoso loader takes for speed (issue 19) that must not change what it reads."""

from __future__ import annotations

from bounds import bounded

from itu_nb.loaders.akn_repair import _LONGEST_LINE, _swallowed_at
from itu_nb.parsing.labels import section_keyword


def test_the_swallowed_heading_search_stops_where_section_lines_end():
    # akn_repair stops reading an item's commas backwards once the rest is longer than any section
    # line section_keyword reads (250 characters, white space collapsed); that bound must be its bound
    verb = "instructs the Secretary-General"
    line = verb + " and" * ((_LONGEST_LINE - len(verb)) // 4)
    assert len(line) <= _LONGEST_LINE and section_keyword(line) == line
    assert section_keyword(line + " and" * 2) is None  # past the bound: no section line
    # the cut is still found after a long item text, and not when the heading itself is too long
    text = "to report to the Council on the implementation" + ", of this resolution" * 20 + ", " + line
    assert _swallowed_at(text) == (len(text) - len(line) - 1, len(text) - len(line))
    assert _swallowed_at(text + " and and") is None


def test_an_item_of_thirty_thousand_commas_ending_without_a_stop_is_bounded():
    # the swallowed-heading search reads the item's commas from the end; before the bound above it
    # normalised every comma's rest: quadratic, 1.9 s of CPU on integ for this input against 0.07 s now
    code = (
        "import itu_nb\n"
        "text = 'to do a thing' + ''.join(f', and the thing number {k}' for k in range(30000))\n"
        "body = f'<paragraph><num>1</num><content><p>{text}</p></content></paragraph>'\n"
        "xml = ('<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><statement><mainBody>'\n"
        "       '<hcontainer name=\"resolves\"><heading>resolves</heading>' + body + '</hcontainer></mainBody>'\n"
        "       '</statement></akomaNtoso>')\n"
        "p = itu_nb.load(xml, format='akn')[0]\n"
        "print(len(p['resolves/1'].body()) == len(text), len(p.sections))\n"
    )
    r = bounded(code, label="AKN: an item of 30,000 commas and no final stop")
    assert r.within(), r
    assert r.stdout.strip() == "True 1", r  # the text whole, in its one section: no heading was swallowed


def test_the_swallowed_heading_search_reads_only_after_the_last_semicolon():
    # akn_repair reads an item's commas only after its last ";" or ":" (a rest holding one is no
    # section line): the answer is the one for that tail alone, shifted, and a section line before
    # the ";" is the item's own text, as the whole search said before the shortcut
    line = "instructs the Secretary-General"
    tail = "to report to the Council, " + line
    head = "to take into account, as appropriate, the outputs of the study groups, and to act" * 50 + "; "
    assert _swallowed_at(tail) == (len("to report to the Council,"), len("to report to the Council, "))
    assert _swallowed_at(head + tail) == (len(head) + len("to report to the Council,"), len(head + tail) - len(line))
    assert _swallowed_at("to do a thing, " + line + "; and then, to act") is None
    assert _swallowed_at("to do a thing, " + line + ": and then") is None


def test_the_tag_caches_stay_bounded_on_a_file_of_thousands_of_element_names():
    # the loader remembers what each tag is (local name, piece kind) across files; a file naming
    # 5,000 elements apart must not grow that memory without bound, and each element is still read
    # (an element the loader does not map is kept as a paragraph with a note)
    import itu_nb
    from itu_nb.loaders import akn

    blocks = "".join(f"<x{k}>text {k}</x{k}>" for k in range(5000))
    xml = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement><mainBody>'
        f'<hcontainer name="resolves"><heading>resolves</heading>{blocks}</hcontainer></mainBody></statement></akomaNtoso>'
    )
    section = itu_nb.load(xml, format="akn")[0]["resolves"]
    assert len(akn._KIND) <= akn._CACHED_TAGS and len(akn._LOCAL) <= akn._CACHED_TAGS
    assert [c.body() for c in section.children] == [f"text {k}" for k in range(5000)]
    assert section.children[4999].notes == ("kept as one paragraph: the loader does not map <x4999>",)
