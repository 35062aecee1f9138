"""A note keeps its place in its clause's text through Akoma Ntoso (issue 17).

The AKN writer put every ``authorialNote`` at the end of its paragraph and the reader gave a note as its FOOTNOTE
node alone, so a note read from AKN had no place in its clause's text: CriticMarkup and Word wrote its reference at
the end of the line.  Now the writer puts the note where its reference stands, and the reader reads the
``authorialNote``'s position in the paragraph as a ``footnote-ref`` artefact there, as the text loaders read a
reference.  Doc 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``): note 1 stands in recalling j)
after "particularly for developing countries" (line 89, followed by "1, and cooperation between them;": Word's
number, kept in the reference's artefact), note 2 in the reasons after "(WSIS) be observed" (line 249, followed by
". "), note 3 after "Member States).” " (line 252, followed by a space).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import NodeKind

#: (path, the 30 characters of the node's text before the reference), checked by eye against lines 89, 249, 252.
PLACES = [
    ("recalling/j", "icularly for developing countries"[-30:]),
    ("reasons/p2", "Information Society (WSIS) be observed"[-30:]),
    ("reasons/p4", "may vary among Member States).” "[-30:]),
]


def _places(doc: itu_nb.Document) -> list[tuple[str, str]]:
    """Each footnote reference's node and the 30 characters of the node's text (label and body) before it."""
    out = []
    for p in doc:
        for n in p.walk():
            text = "".join(r.text for r in n.label_runs + n.runs)
            out += [(n.path, text[: a.offset][-30:]) for a in n.artefacts if a.kind == "footnote-ref"]
    return out


@pytest.fixture(scope="module")
def brazil() -> itu_nb.Document:
    return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")


def test_the_source_places_checked_by_eye(brazil):
    assert _places(brazil) == PLACES


def test_akn_writes_each_note_at_its_reference_and_reads_it_back_there(brazil):
    akn = brazil.to_akn()
    assert 'developing countries<authorialNote marker="1"' in akn
    assert '(WSIS) be observed<authorialNote marker="2"' in akn
    back = itu_nb.load(akn)
    assert _places(back) == PLACES
    assert _places(itu_nb.load(back.to_akn())) == PLACES  # two hops
    notes = [(n.path, n.text("amended")[:20]) for p in back for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
    assert [path for path, _ in notes] == ["recalling/j/fn1", "reasons/p2/fn2", "reasons/p4/fn3"]


def test_criticmarkup_and_word_write_a_note_read_from_akn_at_its_place(brazil):
    from_akn = itu_nb.load(brazil.to_akn())
    critic = from_akn.to_criticmarkup()
    assert (
        "particularly for developing countries[footnoteRef:1][1: 1 \tThese include the least developed countries, "
        "small island developing states, landlocked developing countries and countries with economies in "
        "transition.], and cooperation between them;"
    ) in critic  # was "…between them;   [footnoteRef:1][1: …]"
    # (note 2's text starts with a space, as line 249 writes it: "[2:  https://…]")
    assert "(WSIS) be observed[footnoteRef:2][2:  https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en]. " in critic
    for again in (itu_nb.load(critic, format="criticmarkup"), itu_nb.load(from_akn.to_docx())):
        assert _places(again) == PLACES
        for view in ("original", "amended"):
            assert again.text(view) == from_akn.text(view)


def test_a_note_inside_an_insertion_keeps_its_place_and_op():
    text = (
        "MOD\tB/67/1\nrecalling\nj)\tfor developing countries{++, and others[footnoteRef:1][1: 1\tSuch as LDCs.]++};\n"
    )
    doc = itu_nb.load(text, format="criticmarkup", author="Brazil", date="2018-09-10")
    back = itu_nb.load(doc.to_akn())
    (node,) = [n for p in back for n in p.walk() if n.path == "recalling/j"]
    (ref,) = [a for a in node.artefacts if a.kind == "footnote-ref"]
    assert (ref.op.name, "".join(r.text for r in node.label_runs + node.runs)[: ref.offset]) == (
        "INSERT",
        "j)\tfor developing countries, and others",
    )
    again = itu_nb.load(back.to_criticmarkup(), format="criticmarkup")
    assert _places(again) == _places(back) == _places(doc)
    assert [a.op.name for p in again for n in p.walk() for a in n.artefacts if a.kind == "footnote-ref"] == ["INSERT"]


def test_a_converters_note_in_the_middle_of_a_paragraph_is_read_at_its_place():
    # AKN as a converter writes it (no itu_nb source): the note of recalling j) where Word had its reference
    akn = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        "<preamble><recitals><intro><p><i>recalling</i></p></intro><recital><num>j)</num><p>particularly for "
        'developing countries<authorialNote marker="1" placement="bottom"><p>1 These include the least developed '
        "countries.</p></authorialNote>, and cooperation between them;</p></recital></recitals></preamble>"
        "</statement></akomaNtoso>"
    )
    doc = itu_nb.load(akn.encode(), format="akn")
    assert _places(doc) == [("recalling/j", "icularly for developing countries"[-30:])]
    assert "developing countries[footnoteRef:1][1: 1 These include the least developed countries.], and" in (
        doc.to_criticmarkup()
    )


def test_a_note_whose_marker_is_no_number_keeps_its_place(brazil):
    # Doc 67's three notes as an AKN source may mark them: "*", "a", "†" (b3e66ba read a place for numbered
    # markers only, and wrote these at the end of their paragraphs: "…between them;   <authorialNote marker="*"")
    akn = brazil.to_akn()
    for number, mark in (("1", "*"), ("2", "a"), ("3", "†")):
        akn = akn.replace(f'<authorialNote marker="{number}"', f'<authorialNote marker="{mark}"')
    back = itu_nb.load(akn.encode(), format="akn")
    assert _places(back) == PLACES
    refs = [a.text for p in back for n in p.walk() for a in n.artefacts if a.kind == "footnote-ref"]
    assert refs == ["[footnoteRef:*]", "[footnoteRef:a]", "[footnoteRef:†]"]
    notes = [n.path for p in back for n in p.walk() if n.kind is NodeKind.FOOTNOTE]
    assert notes == ["recalling/j/fn*", "reasons/p2/fna", "reasons/p4/fn†"]
    again = back.to_akn()
    assert 'developing countries<authorialNote marker="*"' in again
    assert '(WSIS) be observed<authorialNote marker="a"' in again
    assert 'Member States).” <authorialNote marker="†"' in again
    assert _places(itu_nb.load(again.encode(), format="akn")) == PLACES  # two hops
    critic = back.to_criticmarkup()  # (a mark CriticMarkup reads back as text: its notes are numbered)
    assert "particularly for developing countries[footnoteRef:*][*: 1 \tThese include the least developed" in critic


def test_a_note_referenced_twice_keeps_both_references():
    # Doc 67's recalling j) citing note 1 a second time before its ";" (line 89 with "[footnoteRef:1]" added after
    # "cooperation between them"): b3e66ba wrote the note at its first reference and dropped the second
    source = CRITIC.read_text(encoding="utf-8").replace(
        "and cooperation between them;  [1: 1 ", "and cooperation between them[footnoteRef:1];  [1: 1 ", 1
    )
    doc = itu_nb.load(source, format="criticmarkup", author="Brazil", date="2018-09-10")
    twice = [
        ("recalling/j", "icularly for developing countries"[-30:]),
        ("recalling/j", "countries, and cooperation between them"[-30:]),
    ]
    assert _places(doc) == twice + PLACES[1:]
    akn = doc.to_akn()
    assert akn.count("<authorialNote") == 3  # the note once, at its first reference
    # (its href: the eId of the note's authorialNote, in the fourth proposal: tests/test_akn_note_ids.py)
    assert 'and cooperation between them<noteRef marker="1" href="#cmp_4__authorialNote_1"/>;' in akn
    back = itu_nb.load(akn.encode(), format="akn")
    assert _places(back) == twice + PLACES[1:]
    assert [n.path for p in back for n in p.walk() if n.kind is NodeKind.FOOTNOTE] == [
        "recalling/j/fn1", "reasons/p2/fn2", "reasons/p4/fn3",
    ]  # fmt: skip
    assert _places(itu_nb.load(back.to_akn().encode(), format="akn")) == _places(back)  # two hops
    critic = back.to_criticmarkup()
    assert "transition.], and cooperation between them[footnoteRef:1];" in critic
    again = itu_nb.load(critic, format="criticmarkup")
    assert _places(again) == _places(back)
    assert [again.text(v) for v in ("original", "amended")] == [back.text(v) for v in ("original", "amended")]


def test_a_converters_note_ref_to_a_note_in_meta_is_no_reference():
    # a noteRef to a note of meta/notes (which the loader does not read): no footnote-ref, the text as it was
    akn = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        "<preamble><recitals><intro><p><i>recalling</i></p></intro><recital><num>j)</num><p>particularly for "
        'developing countries<noteRef marker="1" href="#n1"/>, and cooperation between them;</p></recital>'
        "</recitals></preamble></statement></akomaNtoso>"
    )
    doc = itu_nb.load(akn.encode(), format="akn")
    assert _places(doc) == []
    assert doc[0]["recalling/j"].body() == "particularly for developing countries, and cooperation between them;"
