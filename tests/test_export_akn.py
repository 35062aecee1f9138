"""Akoma Ntoso export: the Final Acts round trip through the AKN loader; changes as AKN <ins>/<del>."""

from __future__ import annotations

import pytest
from conftest import CRITIC, FINAL_ACTS
from lxml import etree
from test_export_critic import assert_same

import itu_nb
from itu_nb.model import Op

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
ITU_NB = "{urn:itu_nb:akn}"


@pytest.fixture(scope="module")
def brazil():
    return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10")


def test_final_acts_round_trip_every_statement(tmp_path):
    acts = itu_nb.load(FINAL_ACTS)
    out = tmp_path / "acts.akn.xml"
    xml = acts.to_akn(out)
    assert out.read_text(encoding="utf-8") == xml
    again = itu_nb.load(out)
    assert again.format == "akn" and len(again) == 70  # 64 texts and Parts II-VII of the book
    assert_same(acts, again)  # all 64
    root = etree.fromstring(xml.encode("utf-8"))
    assert len(root.findall(f".//{AKN}statement")) == 70
    # the converter's layout: keywords in italics, nums without the TAB
    assert root.find(f".//{AKN}recitals/{AKN}intro/{AKN}p/{AKN}i").text == "considering"
    assert all("\t" not in (n.text or "") for n in root.iter(f"{AKN}num"))


def test_changes_are_ins_and_del_with_author(brazil):
    p = brazil["B/67/4"]
    root = etree.fromstring(p.to_akn().encode("utf-8"))
    ins, dels = root.findall(f".//{AKN}ins"), root.findall(f".//{AKN}del")
    runs = [r for n in p.walk() if n.kind.value != "footnote" for r in n.label_runs + n.runs]
    assert [e.text for e in ins] == [r.text.rstrip("\t") for r in runs if r.op is Op.INSERT and r.text.strip("\t")]
    assert len(dels) == sum(r.op is Op.DELETE for r in runs) == 51
    assert {e.get(f"{ITU_NB}author") for e in ins + dels} == {"Brazil"}
    assert root.findtext(f".//{AKN}proprietary/{ITU_NB}action") == "MOD"
    assert root.find(f".//{AKN}FRBRnumber").get("value") == "B/67/4"
    # a relettering is a change inside <num>
    num = next(n for n in root.iter(f"{AKN}num") if "".join(n.itertext()) == "cb)")
    assert [c.tag for c in num] == [f"{AKN}del", f"{AKN}ins"]


def test_unchanged_proposal_round_trips(brazil):
    """B/67/5 (a new resolution, no marks inside) comes back with the same clauses and its action
    (kept in <proprietary>); tests/test_akn_roundtrip.py covers every proposal, changes included."""
    p = brazil["B/67/5"]
    again = itu_nb.load(p.to_akn().encode("utf-8"))[0]
    assert again.action == "ADD"
    clauses = [(n.path, n.kind.value, n.label, n.body().strip()) for n in p.walk() if not n.path.startswith("reasons")]
    got = [(n.path, n.kind.value, n.label, n.body().strip()) for n in again.walk() if n.section != "Reasons:"]
    assert got[: len(clauses)] == clauses
