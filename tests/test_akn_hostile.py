"""Hostile Akoma Ntoso inputs (issue 17): many siblings with one label, bounded.

The inputs are Akoma Ntoso files written by itu_nb's own exporter from a generated text (the
exporter is tested against the corpus elsewhere); what each must give follows from how it is built.
"""

from __future__ import annotations

import pytest
from bounds import bounded

HEAD = [
    "MOD\tX/1/1", "", "RESOLUTION 1 (Rev. Dubai, 2018)", "", "Title", "",
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", "", "considering",
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "item", "first", "second", "last"),
    [
        # 20,000 items "a)": the n-th is considering/a#n (the first plain a), as the text parser names them
        ("a)", "a)\titem {i};", "considering/a", "considering/a#2", "considering/a#20000"),
        # 20,000 bullets: bullet1, bullet2 ... as the text parser numbers them
        ("•", "•\titem {i};", "considering/bullet1", "considering/bullet2", "considering/bullet20000"),
    ],
)
def test_twenty_thousand_siblings_with_one_label(tmp_path, label, item, first, second, last):
    # the loader found each "#n" suffix (and counted the bullets before each bullet) by a linear
    # search: 20,000 items "a)" took 43 s, 20,000 bullets 9 s
    import itu_nb

    text = "\n".join([*HEAD, *(item.format(i=i) for i in range(20_000))]) + "\n"
    path = tmp_path / "many.akn.xml"
    path.write_text(itu_nb.to_akn(itu_nb.load(text, format="text")), encoding="utf-8")
    r = bounded(
        f"""
        import itu_nb
        items = itu_nb.load({str(path)!r})[0]["considering"].children
        print(len(items), items[0].path, items[1].path, items[-1].path, items[-1].body())
        """,
        label=f"AKN: 20,000 siblings labelled {label}",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split() == [str(20_000), first, second, last, "item", "19999;"]
