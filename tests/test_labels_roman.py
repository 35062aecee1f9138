"""Long roman sub-lists: read as one list, labelled ``l)``, ``li)``, ``c)``, ``cd)`` … by amend (issue 17).

Found by a random check of moves into a sub-list (session 16): grown past 49 items by amend, a roman sub-list
labelled every new item ``l)`` again instead of ``li)``, ``lii)``; and a text whose roman sub-items go past
about ``xxxvii)`` was not read as one sub-list: ``xxxviii)`` (seven letters) was no label at all, ``l)``,
``c)``, ``d)``, ``m)`` read as letters (put back into the list of ``a)``), ``cd)`` as ``c)`` relettered ``d)``.
A label that is both a letter and a roman numeral is now read by the list it continues, as a reader does:
roman when it is the open roman item's numeral plus one (``l)`` after ``xlix)``), a letter when it is the
open lettered item's letter plus one (``l)`` after ``k)``).

The inputs are written here: a resolution's head (as tests/test_hostile_more.py's), *considering* ``a)``
"that these:" holding N roman sub-items numbered by ``successor(…, "roman")``, then ``b)``; the values the
tests expect are read off these inputs (``romans(60)[49] == "l"``: the fiftieth numeral).
"""

from __future__ import annotations

import docx_build as B
import pytest
from bounds import bounded
from test_text_fast_paths import routed_one_by_one

import itu_nb
from itu_nb.model import NodeKind
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.document import build_document
from itu_nb.parsing.labels import continues_roman, label_scheme, roman_value, successor
from itu_nb.parsing.schemes import letter_unless_roman

_RES = [
    "MOD\tX/1/1", "", "RESOLUTION 1 (Rev. Dubai, 2018)", "", "Title", "",
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", "",
]  # fmt: skip


def romans(n: int) -> list[str]:
    out = ["i"]
    while len(out) < n:
        out.append(successor(out[-1], "roman"))
    return out


def letters(n: int) -> list[str]:
    out = ["a"]
    while len(out) < n:
        out.append(successor(out[-1], "letter"))
    return out


def sub_list(n: int, body=lambda r: f"sub-item {r};") -> str:
    lines = ["considering", "", "a)\tthat these:", *(f"{r})\t{body(r)}" for r in romans(n)), "b)\tthat more."]
    return "\n".join([*_RES, *lines, "", "resolves", "", "1\tto act."]) + "\n"


def test_the_numerals_counted_here():
    assert [romans(1001)[k - 1] for k in (38, 40, 41, 50, 51, 90, 100, 400, 500, 600, 900, 1000, 1001)] == [
        "xxxviii", "xl", "xli", "l", "li", "xc", "c", "cd", "d", "dc", "cm", "m", "mi",
    ]  # fmt: skip
    assert [roman_value(r) for r in ("xlix", "l", "cd", "mmmcmxcix", "iiii", "mmmm", "lc")] == [
        49, 50, 400, 3999, None, None, None,
    ]  # fmt: skip
    # every numeral up to 3999 (Word's lowerRoman caps there) is a label, with or without its brackets
    assert all(kw.LABEL.match(f"{r})\t") for r in romans(3999))
    assert kw.LABEL.match("(mmmdccclxxxviii)\t") and kw.LABEL.match("(xxxviii)\t")


def test_a_letter_and_numeral_is_read_by_the_list_it_continues():
    # (label, previous lettered label, previous item ends with ":", previous roman label) → scheme
    cases = {
        ("l)", None, False, "xlix"): "roman",  # the fiftieth sub-item
        ("l)", "k", False, None): "letter",  # k) l): letters
        ("l)", "a", False, "xlix"): "roman",  # under a): sub-items i) … xlix), l)
        ("l)", "a", False, "xlviii"): "letter",  # no numeral before it: alone, l) is a letter
        ("c)", None, False, "xcix"): "roman",
        ("c)", "b", False, None): "letter",
        ("cc)", None, False, "cxcix"): "roman",
        ("cc)", "b", False, None): "letter",  # after bb): Word's letters past z)
        ("cd)", None, False, "cccxcix"): "roman",
        ("cd)", None, False, None): "letter",
        ("d)", None, False, "cdxcix"): "roman",
        ("d)", "c", False, None): "letter",
        ("m)", "l", False, "cmxcix"): "roman",  # both continue: the roman list (l)'s sub-list, read last)
        ("m)", "l", False, None): "letter",
        ("v)", "u", False, "iv"): "roman",  # u): i) … iv) then v): the fifth sub-item
        ("v)", "u", False, None): "letter",  # u) v): letters, as before
        ("i)", "h", False, None): "letter",  # h) i) j)
        ("i)", "h", True, None): "roman",  # h) …: i): sub-items, as before
        ("xli)", "k", False, None): "roman",  # no letter label
        ("dcc)", None, False, None): "roman",
    }
    assert {k: label_scheme(*k) for k in cases} == cases
    assert continues_roman("l", "xlix") and not continues_roman("l", "l") and not continues_roman("l", None)
    # the labels the item loops read as letters unless the open roman list continues (no colon, no letter asked)
    got = [
        x
        for x in ("i", "v", "x", "l", "c", "d", "m", "ii", "cc", "mm", "cd", "dc", "xl", "a", "k")
        if letter_unless_roman(x)
    ]
    assert got == ["l", "c", "d", "m", "cc", "mm", "cd", "dc"]


@pytest.mark.parametrize("n", [60, 120])
@pytest.mark.parametrize("infer", [True, False])
def test_a_long_roman_sub_list_reads_as_one_list_from_text(n, infer):
    p = itu_nb.load(sub_list(n), format="text", infer=infer)[0]
    assert [k.path for k in p["considering"].children] == ["considering/a", "considering/b"]
    kids = p["considering/a"].children
    assert [k.label for k in kids] == [f"{r})" for r in romans(n)]
    assert [k.path for k in kids] == [f"considering/a/{r}" for r in romans(n)]
    assert p["considering/a/l"].body() == "sub-item l;" and not p["considering/a/xlix"].children
    if n == 120:
        assert p["considering/a/c"].body() == "sub-item c;" and p["considering/a/xc"].body() == "sub-item xc;"
    assert not p.warnings and not any(k.notes for k in kids)


def test_a_roman_sub_list_past_a_thousand_is_no_relettering():
    # cd), dc), cm), mi) are two different letters, which inference reads as a relettering (c) → d)) in a
    # lettered list; here each continues the roman list, and none is relettered
    p = itu_nb.load(sub_list(1001), format="text", infer=True)[0]
    kids = p["considering/a"].children
    assert [k.label for k in kids] == [f"{r})" for r in romans(1001)]
    assert [k.path for k in kids][398:401] == ["considering/a/cccxcix", "considering/a/cd", "considering/a/cdi"]
    assert [k.label for k in kids][499:501] + [k.label for k in kids][599:600] == ["d)", "di)", "dc)"]
    assert not any(k.relabelled or k.notes for k in kids)
    # and a lettered list keeps its relettering: "cd)" after b) is c) relettered d)
    text = "\n".join([*_RES, "considering", "", "a)\tone;", "b)\ttwo;", "cd)\tthree;", "", "resolves", "", "1\tx."])
    q = itu_nb.load(text + "\n", format="text")[0]
    assert [(k.path, k.label_original, k.label) for k in q["considering"].children] == [
        ("considering/a", "a)", "a)"), ("considering/b", "b)", "b)"), ("considering/d", "c)", "d)"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        sub_list(1001),  # l), c), cd) (no relettering), d), dc), m) continue the roman list
        # a roman list under u) ends at v) (the fifth sub-item), w) continues the letters; cd) after b) and
        # dc) after d) are relettered; l) after k) and m) after l) are letters
        "\n".join(
            [*_RES, "considering", "", "t)\tone;", "u)\tthese:", "i)\ta;", "ii)\tb;", "iii)\tc;", "iv)\td;", "v)\te;"]
            + ["w)\ttwo;", "a)\tone;", "b)\ttwo;", "cd)\tthree;", "dc)\tfour;", "k)\tk;", "l)\tl;", "m)\tm."]
        )
        + "\n",
    ],
)
def test_item_loops_read_roman_lists_as_the_general_steps(text):
    # the builder's item loops (ItemReader._items, _siblings) against every line through _paragraph
    fast = build_document(text.split("\n"), source="<t>", fmt="text", infer=True).proposals[0]
    slow = routed_one_by_one(text)
    assert [(c.path, c.kind, c.label_runs, c.runs, c.notes) for c in fast.walk()] == [
        (c.path, c.kind, c.label_runs, c.runs, c.notes) for c in slow.walk()
    ]
    assert fast.warnings == slow.warnings
    if len(fast["considering"].children) > 2:
        kids = fast["considering"].children
        assert [(k.path, k.label) for k in kids] == [
            ("considering/t", "t)"), ("considering/u", "u)"), ("considering/w", "w)"), ("considering/a", "a)"),
            ("considering/b", "b)"), ("considering/d", "d)"), ("considering/c", "c)"), ("considering/k", "k)"),
            ("considering/l", "l)"), ("considering/m", "m)"),
        ]  # fmt: skip
        assert [k.label for k in fast["considering/u"].children] == ["i)", "ii)", "iii)", "iv)", "v)"]


def test_letter_lists_read_as_before():
    # a) … z), aa) … zz) (a label has two letters at most): h) i) j), k) l) m), b) c) d) are siblings, and so are
    # cc), dd), ii), ll), mm), vv), xx)
    labels = letters(52)
    assert labels[25:28] == ["z", "aa", "bb"] and labels[-1] == "zz"
    text = "\n".join(
        [*_RES, "considering", "", *(f"{b})\tthat item {b};" for b in labels), "", "resolves", "", "1\tx."]
    )
    p = itu_nb.load(text + "\n", format="text")[0]
    assert [k.path for k in p["considering"].children] == [f"considering/{b}" for b in labels]
    assert all(not k.children for k in p["considering"].children) and not p.warnings
    # a lettered list whose items hold roman sub-lists: j) after x), then k), l), m) continue the letters
    lines = ["h)\tthat these:", *(f"{r})\tsub {r};" for r in romans(10)), "j)\tthat j;", "k)\tthat k;", "l)\tthat l;"]
    lines += ["m)\tthat m:", "i)\tsub i;", "ii)\tsub ii;", "n)\tthat n."]
    text = "\n".join([*_RES, "considering", "", *lines, "", "resolves", "", "1\tx."])
    p = itu_nb.load(text + "\n", format="text")[0]
    assert [k.path for k in p["considering"].children] == [f"considering/{b}" for b in "hjklmn"]
    assert [k.label for k in p["considering/h"].children] == [f"{r})" for r in romans(10)]
    assert [k.path for k in p["considering/m"].children] == ["considering/m/i", "considering/m/ii"]


def test_a_long_roman_sub_list_reads_as_one_list_from_criticmarkup():
    # changes and marks on some items send their lines through the tree's general steps (not the item loops)
    marked = {
        "xlix": "sub-item {++new ++}xlix;",
        "l": "sub-item {--old --}l;",
        "li": "sub-item li{>>a comment<<};",
        "xc": "sub-item {==xc==};",
        "c": "sub-item {~~c~>hundred~~};",
    }
    text = sub_list(120, lambda r: marked.get(r, f"sub-item {r};"))
    p = itu_nb.load(text, format="criticmarkup")[0]
    assert [k.path for k in p["considering"].children] == ["considering/a", "considering/b"]
    kids = p["considering/a"].children
    assert [k.label for k in kids] == [f"{r})" for r in romans(120)]
    assert p["considering/a/l"].body("original") == "sub-item old l;" and p["considering/a/l"].body() == "sub-item l;"
    assert p["considering/a/c"].body() == "sub-item hundred;"
    assert [a.text for a in p["considering/a/li"].artefacts] == ["a comment"]
    # a label inserted whole: the roman list goes on in the amended view
    text = sub_list(50).replace("l)\tsub-item l;", "{++l)\t++}sub-item l;")
    p = itu_nb.load(text, format="criticmarkup")[0]
    assert (p["considering/a/l"].label_original, p["considering/a/l"].label) == (None, "l)")
    assert [k.path for k in p["considering"].children] == ["considering/a", "considering/b"]


def _numbered_docx(n: int) -> bytes:
    # a) at level 0 (lowerLetter "%1)"), its n sub-items at level 1 (lowerRoman "%2)"), b) at level 0: Word's
    # list numbering, as tests/test_docx.py's NUMBERING
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = "".join(B.para(B.run(line)) for line in _RES if line) + B.para(B.run("considering"))
    body += B.para(B.run("that these:"), B.numpr(1, 0))
    body += "".join(B.para(B.run(f"sub-item {k};"), B.numpr(1, 1)) for k in range(1, n + 1))
    body += B.para(B.run("that more."), B.numpr(1, 0)) + B.para(B.run("resolves")) + B.para(B.run("1\tto act."))
    return B.package(body, numbering=numbering)


@pytest.mark.parametrize("n", [60, 120])
def test_a_long_roman_sub_list_reads_as_one_list_from_word_numbering(n):
    p = itu_nb.load(_numbered_docx(n), format="docx")[0]
    assert [k.path for k in p["considering"].children] == ["considering/a", "considering/b"]
    kids = p["considering/a"].children
    assert [k.label for k in kids] == [f"{r})" for r in romans(n)]
    assert p["considering/a/l"].body() == "sub-item 50;"
    if n == 120:
        assert p["considering/a/c"].body() == "sub-item 100;"


@pytest.mark.parametrize("fmt", ["docx", "akn", "criticmarkup"])
def test_a_long_roman_sub_list_keeps_its_paths_through_every_writer(fmt):
    # Word with the labels written in the text (itu_nb.to_docx), Akoma Ntoso (items nested), CriticMarkup
    doc = itu_nb.load(sub_list(120), format="text")
    written = {"docx": itu_nb.to_docx, "akn": itu_nb.to_akn, "criticmarkup": itu_nb.to_criticmarkup}[fmt](doc)
    back = itu_nb.load(written.encode() if isinstance(written, str) else written, format=fmt)[0]
    assert [n.path for n in back.walk() if n.kind is NodeKind.ITEM] == [
        n.path for n in doc[0].walk() if n.kind is NodeKind.ITEM
    ]
    assert [k.label for k in back["considering/a"].children] == [f"{r})" for r in romans(120)]


def test_ten_thousand_roman_sub_items_load_in_linear_time():
    # a) with 3,999 sub-items (i) … mmmcmxcix), the largest numeral), b) with 3,999, c) with 2,002: every label is
    # read once per distinct text, and only l), c), d), m) and the doubled numerals ask the open lists
    r = bounded(
        """
        import itu_nb
        from itu_nb.parsing.labels import successor
        lines = ["MOD\\tX/1/1", "RESOLUTION 1 (Rev. Dubai, 2018)", "Title", "considering"]
        for letter, n in (("a", 3999), ("b", 3999), ("c", 2002)):
            lines.append(f"{letter})\\tthat these:")
            r = "i"
            for k in range(n):
                lines.append(f"{r})\\tsub-item {k + 1} of the list, with some words to read")
                r = successor(r, "roman")
        p = itu_nb.load("\\n".join(lines) + "\\n", format="text")[0]
        kids = p["considering"].children
        print([len(k.children) for k in kids], kids[0].children[-1].label, kids[2].children[999].path)
        """,
        label="10,000 roman sub-items (text)",
    )
    assert r.ok, r
    assert r.stdout.split() == ["[3999,", "3999,", "2002]", "mmmcmxcix)", "considering/c/m"]
