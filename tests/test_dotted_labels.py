"""Dotted number labels read at once (speed22): the same facts as the general steps, and the 100,000-item list.

A list of more distinct labels than the label caches hold (4,096: the 100,000 items ``1.1`` … ``101.100`` of
``tests/test_export_scale.py``) missed them at every item, and each item's label was read by the general steps
(:func:`~itu_nb.parsing.schemes.fixed_scheme`, ``label_scheme``, ``bare_label`` three or four times, the component's
regex, the relettering regex).  A dotted number (``12``, ``4.1``) now skips them
(:func:`~itu_nb.parsing.schemes.dotted_scheme`).  The property tests below draw labels near the boundary (digits,
dots, letters, brackets, spaces, ``bis``, non-ASCII digits, Cyrillic look-alikes) and compare the fast reading with
the general steps; the Final Acts' own labels are read through both.
"""

from __future__ import annotations

import re

from conftest import FINAL_ACTS
from hypothesis import given, settings
from hypothesis import strategies as st

import itu_nb
from itu_nb.loaders import akn_nodes
from itu_nb.parsing import item_facts, schemes

#: characters a label is made of near the dotted numbers' edge: ASCII and other digits, dots, and what else a label holds
_CHARS = st.sampled_from(list("0123456789" * 3 + "....." + "٣²１ ()\tabivxcа" + "-•"))
_LABELS = st.one_of(
    st.text(_CHARS, min_size=0, max_size=9),
    st.lists(st.integers(0, 1200).map(str), min_size=1, max_size=5).map(".".join),
    st.tuples(
        st.lists(st.integers(0, 999).map(str), min_size=1, max_size=4).map(".".join),
        st.sampled_from(["", ".", " bis", "bis", "ter", ")", "."]),
    ).map("".join),
)
_NEIGHBOURS = st.tuples(
    st.sampled_from([None, "a", "h", "w", "hh"]), st.booleans(), st.sampled_from([None, "xlix", "iv", "cccxcix"])
)


@settings(max_examples=3000, deadline=None)
@given(_LABELS, _NEIGHBOURS)
def test_a_dotted_number_reads_as_the_general_steps_read_it(label, neighbours):
    fast = schemes.dotted_scheme(label)
    slow = schemes._scheme_by_steps(label, *neighbours)
    if fast is not None:
        assert fast == slow
        assert re.fullmatch(r"[0-9]+(\.[0-9]+)*", label)  # only such labels are read at once
    assert schemes.label_scheme.__wrapped__(label, *neighbours) == slow


@settings(max_examples=3000, deadline=None)
@given(_LABELS, st.sampled_from(["\t", " ", "\t ", ""]))
def test_an_items_label_facts_are_those_of_the_general_steps(label, separator):
    head = label + separator
    if not head.strip():
        return
    assert item_facts._label_facts.__wrapped__(head) == item_facts._read_facts(head, head.strip())


@settings(max_examples=2000, deadline=None)
@given(_LABELS)
def test_an_akn_items_reading_is_that_of_the_general_steps(bare):
    bare = bare.strip()
    if not bare:
        return
    general = (
        None if akn_nodes._in_context(bare) else schemes._scheme_by_steps(bare, None, False, None),
        akn_nodes._plain_component(bare),
    )
    assert akn_nodes._reading(bare) == general


def test_the_final_acts_labels_read_alike():
    # every label of the Final Acts (1,000s of items: 1, 1.1, a), i), bis…) through both readings
    labels = {n.label_in("original") for p in itu_nb.load(FINAL_ACTS) for n in p.walk()} - {None, ""}
    dotted = [x for x in labels if schemes.dotted_scheme(x) is not None]
    assert len(labels) > 100 and len(dotted) > 50  # (checked: "1", "12", "1.1", "4.2" … among them)
    for x in labels:
        assert schemes.label_scheme.__wrapped__(x, None, False) == schemes._scheme_by_steps(x, None, False, None), x
        assert item_facts._label_facts.__wrapped__(x + "\t") == item_facts._read_facts(x + "\t", x), x


def test_items_past_the_caches_are_one_list_with_their_labels():
    # 5,000 items 1.1 … 6.5 (labels past the 4,096 the caches hold), every eighth inserted: one list, each item's
    # component its label, read the same through CriticMarkup, Word and Akoma Ntoso
    labels = [f"{(i - 1) // 999 + 1}.{(i - 1) % 999 + 1}" for i in range(1, 5001)]
    text = "MOD\tXYZ/1/1\nRESOLUTION 1 (Rev. Dubai, 2018)\nTitle\nresolves\n" + "".join(
        f"{x}\t{{++to act on item {i};++}}\n" if i % 8 == 0 else f"{x}\tto act on item {i};\n"
        for i, x in enumerate(labels, 1)
    )
    doc = itu_nb.load(text, format="criticmarkup")
    items = [n for n in doc[0].walk() if n.kind.value == "item"]
    assert [n.path for n in items] == [f"resolves/{x}" for x in labels]
    assert items[999].path == "resolves/2.1" and items[-1].label_in("amended") == "6.5"
    assert sum(n.body("original") == "" for n in items) == 625  # every eighth body inserted, its label kept
    for back in (itu_nb.load(itu_nb.to_akn(doc), format="akn"), itu_nb.load(itu_nb.to_docx(doc), format="docx")):
        assert [repr(n) for n in back[0].walk()][-5000:] == [repr(n) for n in items]
