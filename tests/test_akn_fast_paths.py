"""Shortcuts the Akoma Ntoso loader takes for speed (issue 19) that must not change what it reads."""

from __future__ import annotations

from pathlib import Path

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
    from itu_nb.loaders import akn_blocks as akn

    blocks = "".join(f"<x{k}>text {k}</x{k}>" for k in range(5000))
    xml = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement><mainBody>'
        f'<hcontainer name="resolves"><heading>resolves</heading>{blocks}</hcontainer></mainBody></statement></akomaNtoso>'
    )
    section = itu_nb.load(xml, format="akn")[0]["resolves"]
    assert len(akn._KIND) <= akn._CACHED_TAGS and len(akn._LOCAL) <= akn._CACHED_TAGS
    assert [c.body() for c in section.children] == [f"text {k}" for k in range(5000)]
    assert section.children[4999].notes == ("kept as one paragraph: the loader does not map <x4999>",)
    # the usual item's caches (its tags' roles, one run per num text) are bounded alike: 5,000 labels apart,
    # then 5,000 items each holding an element of its own name
    items = "".join(f"<paragraph><num>{k}</num><p>item {k}</p></paragraph>" for k in range(1, 5001))
    items += "".join(f"<point><y{k}>text {k}</y{k}></point>" for k in range(5000))
    section = itu_nb.load(xml.replace(blocks, items), format="akn")[0]["resolves"]
    assert len(akn._ROLE) <= akn._CACHED_TAGS and len(akn._LABEL_RUNS) <= akn._CACHED_TAGS
    assert len(section.children) == 10_000
    assert [(c.path, c.label, c.body()) for c in section.children[4999:5001]] == [
        ("resolves/5000", "5000", "item 5000"),
        ("resolves/p1", None, ""),  # an item without num: a paragraph, the unknown element kept as a paragraph in it
    ]
    assert section.children[-1].children[0].body() == "text 4999"


def _final_acts_items():
    from lxml import etree

    from itu_nb.loaders import akn

    root = akn.safe_xml(Path(__file__).parent.joinpath("fixtures", "pp18-final-acts.akn.xml").read_bytes(), "fa")
    names = ("recital", "paragraph", "point")
    return [el for el in root.iter(*(f"{{*}}{n}" for n in names)) if isinstance(el.tag, str)], etree


def test_the_usual_item_read_in_one_step_is_the_item_read_piece_by_piece(monkeypatch):
    # akn._usual reads the Final Acts' usual item (<num>…</num> and one plain <p>, bare or in <content>)
    # without building its pieces; every item of the Final Acts must read the same either way
    from itu_nb.loaders import akn_blocks as akn

    items, _ = _final_acts_items()
    one_step = [akn._item(el, "considering", 1).freeze("x") for el in items]
    usual = sum(akn._usual(el, "considering") is not None for el in items)
    monkeypatch.setattr(akn, "_usual", lambda el, section: None)
    piece_by_piece = [akn._item(el, "considering", 1).freeze("x") for el in items]
    assert one_step == piece_by_piece
    assert usual > 2500  # 2,608 of the file's 2,638 items take the one step (counted when it was written)


def test_the_run_in_searches_find_what_one_regex_finds():
    # akn_repair searches [,;.]… and [;:]… as one regex per mark (a literal first is found faster than a
    # character class tried at every character): the matches must be those of the one regex, on every
    # text of the Final Acts and on texts made to put the marks side by side
    import re

    from itu_nb.loaders import akn_repair

    items, etree = _final_acts_items()
    texts = ["".join(el.itertext()) for el in items] + [
        "to do; 2 to act, resolves to instruct 1 to go. 3 to end: a) b; c) d",
        ";: 1 a;, 2 ,. instructs the Secretary-General, ; decides. resolves",
        "",
    ]
    each = {
        akn_repair._SECTION_IN: ",;.",
        akn_repair._RUN_IN: ";:",
        akn_repair._COMMA: ",.",
    }
    for either, marks in each.items():
        rest = either._each[0].pattern[len(re.escape(marks[0])) :]
        whole = re.compile(f"[{re.escape(marks)}]" + rest)
        for text in texts:
            want = [(m.span(), m.groups()) for m in whole.finditer(text)]
            assert [(m.span(), m.groups()) for m in either.finditer(text)] == want
            assert [(m.span(), m.groups()) for m in either.every(text)] == want
            first = either.search(text)
            assert (first.span(), first.groups()) == want[0] if want else first is None


def test_a_block_of_one_plain_element_reads_as_through_itertext():
    # akn_runs.inline_runs reads <intro><p>…</p></intro> (one element, white space around it) in one step;
    # it must give what the itertext path gives, layout white space and NBSP included
    from lxml import etree

    from itu_nb.loaders import akn_runs

    ns = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'
    blocks = [
        f"<intro {ns}>\n  <p>considering</p>\n</intro>",
        f"<intro {ns}><p>\n   resolves\n  to instruct  </p></intro>",
        f"<intro {ns}>\xa0<p>text</p></intro>",  # NBSP is text, not layout: not the one step
        f"<intro {ns}><p>text</p>\xa0</intro>",
        f"<intro {ns}><p></p></intro>",
        f"<intro {ns}> <i>a\tb</i>\t</intro>",
        f"<intro {ns}><ins>new</ins></intro>",  # a change: runs of its own
        # a chain of two plain elements (the Final Acts' <intro><p><i>considering</i></p></intro>), also one step
        f"<intro {ns}>\n  <p>\n    <i>considering</i>\n  </p>\n</intro>",
        f"<intro {ns}> a <p> b\n <i>\xa0c </i>d\t</p> e </intro>",
        f"<intro {ns}><p><i></i></p></intro>",
        f"<intro {ns}><p><ins>new</ins></p></intro>",  # a change in the chain: not the one step
        f'<intro {ns}><p><inline name="highlight">lit</inline></p></intro>',
        f"<intro {ns}><p><i>deep<b>er</b></i></p></intro>",  # three levels: not the one step
    ]
    for xml in blocks:
        el = etree.fromstring(xml)
        got = akn_runs.inline_runs(el, [])
        el.append(etree.Element("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}i"))  # two elements: no one step
        want = akn_runs.inline_runs(el, [])
        assert got == want, xml


def test_paragraphs_starting_with_a_label_are_read_in_linear_time():
    # akn._recover_label asked, for each unnumbered paragraph starting with a label ("1 to act"), for the
    # next numbered draft of its list by copying and scanning every draft after it: 20,000 such
    # paragraphs and no numbered item took 3.1 s of CPU on main (13.2 s for 40,000), 0.33 s now
    code = (
        "import itu_nb\n"
        "body = ''.join(f'<p>1 to act {k};</p>' for k in range(20000))\n"
        "xml = ('<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><statement><mainBody>'\n"
        "       '<hcontainer name=\"resolves\"><heading>resolves</heading>' + body + '</hcontainer></mainBody>'\n"
        "       '</statement></akomaNtoso>')\n"
        "c = itu_nb.load(xml, format='akn')[0]['resolves'].children\n"
        "print(len(c), c[0].path, c[-1].path, c[0].label, repr(c[-1].body()))\n"
    )
    r = bounded(code, label="AKN: 20,000 paragraphs starting with a label")
    assert r.within(), r
    # no numbered item continues "1": every paragraph keeps its text whole, label and all, as p1 … p20000
    assert r.stdout.split(" ", 4) == ["20000", "resolves/p1", "resolves/p20000", "None", "'1 to act 19999;'\n"], r


def test_the_next_numbered_draft_is_the_one_a_scan_finds():
    # akn._Later answers "the first numbered draft after i whose label reads in this scheme" from what it
    # found for earlier places; it must answer as scanning every draft after i does (the former code)
    import random

    from itu_nb.loaders import akn_labels as akn
    from itu_nb.loaders.akn_nodes import OpenNode
    from itu_nb.loaders.akn_nodes import scheme as scheme_of
    from itu_nb.model import NodeKind, Op, Run

    labels = ["1", "2", "3", "a)", "b)", "c)", "i)", "ii)", "v)", "x)", "•"]
    rng = random.Random(19)
    for _ in range(300):
        drafts = []
        for _ in range(rng.randrange(1, 12)):
            if rng.random() < 0.5:
                drafts.append(OpenNode(NodeKind.PARAGRAPH, runs=[Run(Op.EQUAL, "text")]))
            else:
                label = rng.choice(labels)
                drafts.append(OpenNode(NodeKind.ITEM, label_runs=[Run(Op.EQUAL, label + "\t")], has_num=True))
        later = akn._Later(drafts)
        for i in sorted(rng.sample(range(len(drafts)), rng.randrange(len(drafts) + 1))):
            for scheme, previous in (("number", None), ("letter", rng.choice("abchiuvwx"))):
                want = next(
                    (
                        d.bare_label
                        for d in drafts[i + 1 :]
                        if d.has_num and scheme_of(d.bare_label, previous, False) == scheme
                    ),
                    None,
                )
                assert later.first(i, scheme, previous) == want, (i, scheme, previous, [d.bare_label for d in drafts])


def test_the_documents_are_found_in_order_without_reading_inside_them():
    # akn._documents walks the elements around the documents (statements, acts…) and not into them; it
    # must find what a search of every element finds: the documents not nested in one, in document order
    from lxml import etree

    from itu_nb.loaders import akn

    xml = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><documentCollection>'
        '<collectionBody><component><statement name="s1"><doc name="nested"/></statement></component>'
        '<component><wrap><act name="a2"/></wrap><bill name="b3"><act name="nested"/></bill></component>'
        '</collectionBody></documentCollection><doc name="d4"/><x:doc xmlns:x="urn:other" name="d5"/></akomaNtoso>'
    )
    root = etree.fromstring(xml)
    tags = [f"{{*}}{t}" for t in akn._DOCS]
    want = [d for d in root.iter(*tags) if not any(akn._local(a) in akn._DOCS for a in d.iterancestors())]
    assert (
        [d.get("name") for d in akn._documents(root)] == [d.get("name") for d in want] == ["s1", "a2", "b3", "d4", "d5"]
    )
