"""A note body whose text reads as an artefact or as CriticMarkup, through Akoma Ntoso then CriticMarkup (issue 17).

The CriticMarkup writer escapes the clause text that would read as an inline artefact (parsing/escapes) but writes
a note body's text as it is: the reader takes a body whole, from its ``[N: `` to the ``]`` matching its ``[``, so
text inside it that reads as a body, a reference or a bookmark (``[3: …]``, ``[footnoteRef:3]``, ``[bookmark: …]``,
brackets matched) stays the note's text.  Checked here on Doc 67's note 2 (``tests/fixtures/pp18-doc67-brazil
.reconstructed.critic.md`` line 249, its body a space and the address ``https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en``) with
such text added in its AKN, as an AKN or Word source holds it as plain text.  A CriticMarkup mark in a note body
(``{++x++}``) is refused with an ExportError naming the clause, as in a clause's text (CriticMarkup has no escape
for its marks).
"""

from __future__ import annotations

import pytest
from conftest import CRITIC

import itu_nb
from itu_nb import NodeKind
from itu_nb.errors import ExportError

ADDRESS = "https://www.itu.int/md/S17-RCLINTPOL10-C-0005/en"


def _notes(doc: itu_nb.Document) -> list[tuple[str, str]]:
    return [(n.path, n.body()) for p in doc for n in p.walk() if n.kind is NodeKind.FOOTNOTE]


@pytest.fixture(scope="module")
def akn() -> str:
    return itu_nb.load(CRITIC, author="Brazil", date="2018-09-10").to_akn()


@pytest.mark.parametrize(
    "added",
    [
        " (as [3: R-0011] cites it)",
        " (see [footnoteRef:3] and [bookmark: _Toc1])",
        " [\\3: escaped as the writer escapes clause text]",
        " [[nested] [4: [deeper]]]",
    ],
)
def test_a_note_body_reading_as_artefacts_comes_back_as_it_was(akn, added):
    source = itu_nb.load(akn.replace(f"{ADDRESS}</p>", f"{ADDRESS}{added}</p>", 1).encode(), format="akn")
    assert ("reasons/p2/fn2", " " + ADDRESS + added) in _notes(source)
    again = itu_nb.load(source.to_criticmarkup(), format="criticmarkup")
    assert _notes(again) == _notes(source)
    assert [again.text(v) for v in ("original", "amended")] == [source.text(v) for v in ("original", "amended")]


def test_criticmarkup_marks_in_a_note_body_are_refused_as_in_clause_text(akn):
    source = itu_nb.load(akn.replace(f"{ADDRESS}</p>", f"{ADDRESS} {{++x++}}</p>", 1).encode(), format="akn")
    with pytest.raises(ExportError, match=r"reasons/p2\).*contains a CriticMarkup mark"):
        source.to_criticmarkup()
