"""Every ``noteRef`` the AKN writer puts at a note's later reference points at an ``authorialNote`` that exists (issue 17).

The writer put a note's ``authorialNote`` at its first reference and ``<noteRef marker="1" href="#fn1"/>`` at each
later one, but no ``authorialNote`` had an ``eId``: ``#fn1`` named the note as the tree does, so a strict Akoma Ntoso
consumer saw a dangling link.  Now each ``authorialNote`` has an ``eId`` (its name, ``authorialNote``, and its rank in
its statement after its component's eId: ``cmp_4__authorialNote_1``) and ``href`` points at it; the reader still reads
files written before (``href="#fn1"``, no ``eId``) and follows an ``href`` to an ``eId`` whatever the ``marker``.

Doc 67 (``tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md``): note 1 is in recalling j) of B/67/4 (line 89,
the fourth proposal: the heading lines before ``MOD B/67/2`` are the first), notes 2 and 3 in the reasons of B/67/5
(lines 249 and 252, the fifth).  Here recalling j) cites note 1 a second time after "cooperation between them" (as
``tests/test_akn_note_places.py`` does).
"""

from __future__ import annotations

import re

import pytest
from conftest import CRITIC, FLATTENED
from lxml import etree

import itu_nb
from itu_nb.model.note_source import ref_name

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _twice() -> itu_nb.Document:
    source = CRITIC.read_text(encoding="utf-8").replace(
        "and cooperation between them;  [1: 1 ", "and cooperation between them[footnoteRef:1];  [1: 1 ", 1
    )
    return itu_nb.load(source, format="criticmarkup", author="Brazil", date="2018-09-10")


def ref_places(doc: itu_nb.Document) -> list[tuple[str, str, str]]:
    """Each note reference: its node, the note it names (``fn1``), and the 30 characters of the node's text before it
    (the CriticMarkup source's ``[footnoteRef:1]1`` keeps Word's number after the reference; AKN names the note).
    """
    out = []
    for p in doc:
        for n in p.walk():
            text = "".join(r.text for r in n.label_runs + n.runs)
            out += [(n.path, ref_name(a.text), text[: a.offset][-30:]) for a in n.artefacts if a.kind == "footnote-ref"]
    return out


def links(akn: str) -> tuple[list[str], list[str]]:
    """The ``eId`` of every ``authorialNote`` and the ``href`` of every ``noteRef``, in document order; fails when an
    ``href`` names no ``authorialNote`` or two notes share an ``eId`` (or one of another element).
    """
    root = etree.fromstring(akn.encode())
    ids = [el.get("eId") for el in root.iter(f"{AKN}authorialNote")]
    hrefs = [el.get("href") for el in root.iter(f"{AKN}noteRef")]
    every = [el.get("eId") for el in root.iter() if el.get("eId") and el.tag != f"{AKN}authorialNote"]
    assert None not in ids
    assert len(set(ids)) == len(ids) and not set(ids) & set(every)
    assert all(h is not None and h.startswith("#") and h[1:] in ids for h in hrefs), (hrefs, ids)
    return ids, hrefs


def test_each_note_has_an_eid_and_the_later_reference_points_at_it():
    akn = _twice().to_akn()
    ids, hrefs = links(akn)
    assert ids == ["cmp_4__authorialNote_1", "cmp_5__authorialNote_1", "cmp_5__authorialNote_2"]
    assert hrefs == ["#cmp_4__authorialNote_1"]
    assert 'and cooperation between them<noteRef marker="1" href="#cmp_4__authorialNote_1"/>;' in akn


def test_the_ids_are_stable_and_read_back_one_and_two_hops():
    doc = _twice()
    akn = doc.to_akn()
    assert doc.to_akn() == akn  # the same each time
    back = itu_nb.load(akn.encode(), format="akn")
    assert ref_places(back) == ref_places(doc)
    again = back.to_akn()
    assert links(again) == links(akn)
    assert ref_places(itu_nb.load(again.encode(), format="akn")) == ref_places(doc)


def test_a_file_written_before_notes_had_an_eid_reads_as_before():
    akn = _twice().to_akn()
    older = re.sub(r' eId="cmp_\d+__authorialNote_\d+"', "", akn).replace(
        'href="#cmp_4__authorialNote_1"', 'href="#fn1"'
    )
    assert "authorialNote_" not in older and 'href="#fn1"' in older  # as f6c1056 wrote it
    assert ref_places(itu_nb.load(older.encode(), format="akn")) == ref_places(_twice())


def test_a_note_ref_naming_an_eid_refers_to_that_note_whatever_its_marker():
    # another producer's note and its later reference: the link by eId, the noteRef's marker as it shows it
    akn = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        "<preamble><recitals><intro><p><i>recalling</i></p></intro><recital><num>j)</num><p>particularly for "
        'developing countries<authorialNote marker="*" eId="note_a" placement="bottom"><p>* These include the '
        'least developed countries.</p></authorialNote>, and cooperation between them<noteRef marker="(*)" '
        'href="#note_a"/>;</p></recital></recitals></preamble></statement></akomaNtoso>'
    )
    doc = itu_nb.load(akn.encode(), format="akn")
    assert [(a, b) for _, a, b in ref_places(doc)] == [
        ("fn*", "icularly for developing countries"[-30:]),
        ("fn*", "countries, and cooperation between them"[-30:]),
    ]
    ids, hrefs = links(doc.to_akn())
    assert hrefs == [f"#{ids[0]}"]


@pytest.mark.parametrize("path", [CRITIC, FLATTENED], ids=["critic", "flattened"])
def test_every_link_resolves_on_the_corpus(path):
    doc = itu_nb.load(path)
    ids, _ = links(doc.to_akn())
    assert len(ids) == 3  # Doc 67's three notes
    ids2, _ = links(itu_nb.load(doc.to_akn().encode(), format="akn").to_akn())
    assert ids2 == ids
