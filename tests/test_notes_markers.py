"""Notes whose marker is no number (``*``, ``a``, ``†``) through CriticMarkup (issue 17; session 17's "remains" 4).

An Akoma Ntoso note shows its ``marker``; the AKN reader names the FOOTNOTE node by it (``fn*``, ``fna``, ``fn†``)
and gives its reference as ``[footnoteRef:*]`` (``loaders/akn_runs.py``, ``_MARKER``: any mark without white
space, brackets or ``#``).  The CriticMarkup writer wrote such a note in place, ``[footnoteRef:*][*: * <TAB>…]``,
but the reader knew numbers only and read it back as text of the clause: the note was lost.  Now a reference
names any such marker, and ``[*: `` starts a body in a line that references ``*`` (``[Note: see above]`` in a line
without such a reference stays text); text reading ``[*: `` in such a line is written ``[\\*: `` and read back
as text.

The data is Doc 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``) through Akoma Ntoso, its three
notes given markers: note 1 of *recalling j)* (line 89) ``*``, note 2 of the reasons (line 249, the S17 link) ``a``,
note 3 (line 252, the T17 link) ``†``; expected texts read off those lines.
"""

from __future__ import annotations

import pytest
from conftest import CRITIC
from test_notes_brackets import _critic, _notes, _places, kept

import itu_nb
from itu_nb import NodeKind
from itu_nb.model import runs_text

#: (marker, what note 1, 2, 3 start with in Akoma Ntoso as the writer writes Doc 67, that text with the marker).
MARKED = (
    (
        "*",
        '<authorialNote marker="1" placement="bottom" eId="cmp_4__authorialNote_1"><p>1 \t',
        '<authorialNote marker="*" placement="bottom" eId="cmp_4__authorialNote_1"><p>* \t',
    ),
    (
        "a",
        '<authorialNote marker="2" placement="bottom" eId="cmp_5__authorialNote_1"><p>',
        '<authorialNote marker="a" placement="bottom" eId="cmp_5__authorialNote_1"><p>',
    ),
    (
        "†",
        '<authorialNote marker="3" placement="bottom" eId="cmp_5__authorialNote_2"><p>',
        '<authorialNote marker="†" placement="bottom" eId="cmp_5__authorialNote_2"><p>',
    ),
)
NOTE1 = (
    "These include the least developed countries, small island developing states, landlocked developing countries "
    "and countries with economies in transition."
)
#: (path, label, body) of each note: note 1's "* <TAB>" stays in its text (a "*" is no label, for the AKN reader as
#: for the CriticMarkup one; "1 <TAB>" is note 1's label in the source); notes 2 and 3 start with a space, as the
#: source writes them ("[2:  https://…]": one space after "[2:", then their text).
WANT = [
    ("recalling/j/fn*", None, "* \t" + NOTE1),
    ("reasons/p2/fna", None, " https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en"),
    ("reasons/p4/fn†", None, " https://www.itu.int/md/T17-SG03-R-0011/en"),
]
#: A comment by CEPT in note 1 after "least developed countries" (3 characters of "* <TAB>" and 43 of the text).
COMMENT = '<remark class="comment" itu_nb:author="CEPT" itu_nb:date="2018-10-02">which list?</remark>'
WANT_COMMENT = [("recalling/j/fn*", "which list?", "CEPT", "2018-10-02", 46)]


def _marked_akn(comment: bool = False) -> str:
    xml = itu_nb.load(CRITIC.read_text(encoding="utf-8")).to_akn()
    for _marker, old, new in MARKED:
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    if comment:
        old = "the least developed countries,"
        assert xml.count(old) == 1
        xml = xml.replace(old, "the least developed countries" + COMMENT + ",")
    return xml


def _comments(doc: itu_nb.Document) -> list[tuple]:
    return [
        (n.path, a.text, a.author, a.date, a.offset)
        for p in doc
        for n in p.walk()
        if n.kind is NodeKind.FOOTNOTE
        for a in n.artefacts
        if a.kind == "comment"
    ]


def test_akoma_ntoso_names_the_notes_by_their_markers():
    doc = itu_nb.load(_marked_akn(), format="akn")
    assert _notes(doc) == WANT
    assert [(path, text) for _, path, text, _ in _places(doc)] == [
        ("recalling/j", "[footnoteRef:*]"),
        ("reasons/p2", "[footnoteRef:a]"),
        ("reasons/p4", "[footnoteRef:†]"),
    ]


def test_criticmarkup_writes_each_note_at_its_reference():
    written = itu_nb.load(_marked_akn(), format="akn").to_criticmarkup()
    assert f"developing countries[footnoteRef:*][*: * \t{NOTE1}], and cooperation" in written
    assert "(WSIS) be observed[footnoteRef:a][a:  https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en]." in written
    assert "Member States).” [footnoteRef:†][†:  https://www.itu.int/md/T17-SG03-R-0011/en]" in written


@pytest.mark.parametrize("hops", [1, 2])
def test_criticmarkup_reads_back_the_notes_it_writes_at_their_places(hops):
    # f6c1056 read "[footnoteRef:*][*: * <TAB>These include …]" back as text of recalling j): no note at all
    doc = itu_nb.load(_marked_akn(), format="akn")
    kept(_critic(doc, hops), doc, WANT)


@pytest.mark.parametrize("route", ["critic", "critic-critic", "critic-akn-critic"])
def test_a_comment_inside_such_a_note_keeps_its_offset_author_and_date(route):
    doc = itu_nb.load(_marked_akn(comment=True), format="akn")
    assert _comments(doc) == WANT_COMMENT
    for step in route.split("-"):
        doc = _critic(doc) if step == "critic" else itu_nb.load(doc.to_akn(), format="akn")
        assert _comments(doc) == WANT_COMMENT, step
        assert _notes(doc) == WANT, step


def _marked_critic() -> str:
    """Doc 67's CriticMarkup with note 1 written with the marker ``*`` as the writer writes it (its reference and
    body in place of ``[footnoteRef:1]1`` and ``[1: 1 ``)."""
    text = CRITIC.read_text(encoding="utf-8")
    for old, new in (("countries[footnoteRef:1]1,", "countries[footnoteRef:*],"), ("[1: 1 \tThese", "[*: * \tThese")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_akoma_ntoso_then_criticmarkup_keeps_a_note_read_from_criticmarkup():
    doc = itu_nb.load(_marked_critic())
    assert _notes(doc)[0] == WANT[0]
    via = itu_nb.load(doc.to_akn(), format="akn")
    assert _notes(via)[0] == WANT[0]
    back = _critic(via)
    assert _notes(back) == _notes(doc)
    assert _places(back) == _places(via)
    for view in ("original", "amended"):
        assert back.text(view) == doc.text(view)


@pytest.mark.parametrize("fmt", ["criticmarkup", "text"])
def test_text_that_reads_as_such_a_body_is_text_unless_the_line_references_its_marker(fmt):
    # (the plain-text reader shares the inline artefacts' reading)
    src = (
        "MOD\tX/1/1\n\nconsidering\n"
        "a)\tthat telecommunications matter [Note: see above];\n"
        "b)\tthat they grow[footnoteRef:*][*: * \tSee Resolution 71.];\n"
    )
    doc = itu_nb.load(src, format=fmt)
    a, b = (next(n for n in doc[0].walk() if n.path == path) for path in ("considering/a", "considering/b"))
    assert a.text() == "a)\tthat telecommunications matter [Note: see above];" and not a.children
    assert b.text() == "b)\tthat they grow;"
    assert [(n.path, n.label, runs_text(n.runs)) for n in b.children] == [
        ("considering/b/fn*", None, "* \tSee Resolution 71.")
    ]


def test_text_reading_as_a_body_of_a_marker_the_line_references_is_escaped_and_read_back_as_text():
    # the clause's own text after the note reads "[*: no note]": written "[\\*: no note]", read back as it was
    src = "MOD\tX/1/1\n\nconsidering\nb)\tthat they grow[footnoteRef:*][*: * \tSee Resolution 71.] [\\*: no note];\n"
    doc = itu_nb.load(src, format="criticmarkup")
    b = next(n for n in doc[0].walk() if n.path == "considering/b")
    assert b.text() == "b)\tthat they grow [*: no note];"
    written = doc.to_criticmarkup()
    assert "[footnoteRef:*][*: * \tSee Resolution 71.] [\\*: no note];" in written
    back = itu_nb.load(written, format="criticmarkup")
    assert next(n for n in back[0].walk() if n.path == "considering/b").text() == b.text()
    assert _notes(back) == _notes(doc) == [("considering/b/fn*", None, "* \tSee Resolution 71.")]


def test_two_texts_of_one_such_note_and_an_endnote_keep_their_names():
    # a note deleted and inserted as two bodies (fn*, fn*#2), and an endnote named "a" (ena)
    src = (
        "MOD\tX/1/1\n\nconsidering\n"
        "a)\tthat telecommunications matter[footnoteRef:*]{--[*: * \tOld text.]--}{++[*: * \tNew text.]++};\n"
        "b)\tthat they grow[endnoteRef:a][a: a \tSee Resolution 71.].\n"
    )
    doc = itu_nb.load(src, author="Brazil", date="2018-09-10")
    want = [
        ("considering/a/fn*", None, "* \tOld text."),
        ("considering/a/fn*#2", None, "* \tNew text."),
        ("considering/b/ena", None, "a \tSee Resolution 71."),
    ]
    assert _notes(doc) == want
    for back in (_critic(doc), _critic(_critic(doc)), _critic(itu_nb.load(doc.to_akn(), format="akn"))):
        assert _notes(back) == want
        for view in ("original", "amended"):
            assert back.text(view) == doc.text(view)
