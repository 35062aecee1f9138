"""Issue 17, Done when: round trips for EVERY loader on generated documents, not only the CriticMarkup one.

``tests/test_roundtrip_lossless.py`` checks ``load(export(x))`` for every loader and every writer on the
corpus, and on generated documents read by the CriticMarkup loader (its ``generated`` strategy: comments
by several authors with and without dates, on marker and blank lines and inside changes, highlights,
insertions, deletions and replacements by four authors).  Here the same generated documents are first
read by the other loaders, then go through every writer and back:

- the Word loader: a generated document written by ``to_docx`` and read back (a document as the .docx
  loader builds it, with its ``w:comment`` authors and dates, ``w:highlight`` runs and ``w:ins``/``w:del``);
- the Akoma Ntoso loader: written by ``to_akn`` and read back (a document without lines);
- the text loader: the generated text flattened as the corpus' extraction was (marks dropped, both sides
  of each change kept: CORPUS.md), loaded as plain text and annotated with comments and highlights by
  ``test_roundtrip_lossless.annotate``.

Each of these documents must keep, through every writer and back, the same proposals (id, action), node
paths and kinds, changes (id, path, kind, old, new, author, date), comments (node, place, text, author,
date, op) and highlighted characters, with each format's documented normalisations
(``test_roundtrip_lossless.signature``).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from test_roundtrip_lossless import WRITERS, annotate, generated, round_trip, signature

import itu_nb

#: One generated document spelt out, so that every test below runs at least once on all the constructs
#: (hypothesis draws the rest): a comment with and without a date, one inside an insertion, one on the
#: marker line and one on the blank line, a highlight over a change, a replacement, three change authors.
RICH = (
    "MOD\tX/1/1{>>@CEPT (2018-10-02): on the marker<<}\n{>>@APT: on a blank line<<}\n"
    "RESOLUTION 1 (Rev. Busan, 2014)\n\n"
    "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n"
    "considering\n"
    "a)\tthe {++ICTs{>>@Mexico (2018-09-11): why<<} of++}{>>@Brazil (2018-09-10)<<} ITU "
    "{==Dubai {++2018++}{>>@CEPT (2018-09-12)<<}==};\n"
    "b)\t{~~Member States~>développement~~}{>>@APT<<} {>>@: see<<}the a.b;\n\n"
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _through_every_writer(doc: itu_nb.Document, *, at_line: bool) -> None:
    for fmt in WRITERS:
        want = signature(doc, fmt, at_line=at_line and fmt != "docx")
        got = signature(round_trip(doc, fmt), at_line=at_line and fmt != "docx")
        assert got == want, fmt


@SETTINGS
@given(generated())
@example(RICH)
def test_generated_documents_read_from_word_survive_every_writer(text):
    from_docx = round_trip(itu_nb.load(text, format="criticmarkup"), "docx")
    assert from_docx.format == "docx"
    _through_every_writer(from_docx, at_line=False)  # Word's cover adds lines: compared without line numbers


@SETTINGS
@given(generated())
@example(RICH)
def test_generated_documents_read_from_akoma_ntoso_survive_every_writer(text):
    from_akn = round_trip(itu_nb.load(text, format="criticmarkup"), "akn")
    assert from_akn.format == "akn"
    _through_every_writer(from_akn, at_line=False)  # no lines in a document read from AKN


_COMMENT = re.compile(r"\{>>.*?<<\}", re.DOTALL)
_MARK = re.compile(r"\{(?:\+\+|--|==)|(?:\+\+|--|==)\}|\{~~|~>|~~\}")


def flatten(text: str) -> str:
    """The generated CriticMarkup as the corpus' plain-text extraction has it: comments and marks dropped,
    deleted and inserted text both kept, run together (``{~~a~>b~~}`` → ``ab``)."""
    return _MARK.sub("", _COMMENT.sub("", text))


def test_flatten_as_the_corpus_was_flattened():
    # CORPUS.md: removing the marks of the reconstructed CriticMarkup, keeping both sides, gives the flattened file
    from conftest import CRITIC, FLATTENED

    assert flatten(CRITIC.read_text(encoding="utf-8")) == FLATTENED.read_text(encoding="utf-8")


@SETTINGS
@given(generated())
@example(RICH)
def test_generated_flattened_texts_read_by_the_text_loader_survive_every_writer(text):
    doc = annotate(itu_nb.load(flatten(text), format="text"))
    assert doc.format == "text"
    _through_every_writer(doc, at_line=True)


def test_the_spelt_out_document_holds_every_construct_after_each_loader():
    doc = itu_nb.load(RICH, format="criticmarkup")
    for again in (doc, round_trip(doc, "docx"), round_trip(doc, "akn")):
        node = again[0]["considering/a"]
        comments = [(a.text, a.author, (a.date or "")[:10]) for a in node.artefacts if a.kind == "comment"]
        assert comments == [("why", "Mexico", "2018-09-11")], again.format
        assert sum(a.length for a in node.artefacts if a.kind == "highlight") == len("Dubai 2018")
        authors = {r.author for p in again for n in p.walk() for r in n.runs if r.op is not itu_nb.Op.EQUAL}
        assert authors == {"Brazil", "CEPT", "APT"}, again.format
        loose = [(a.text, a.author) for a in again.artefacts if a.kind == "comment"]
        assert loose == [("on the marker", "CEPT"), ("on a blank line", "APT")], again.format
    text = annotate(itu_nb.load(flatten(RICH), format="text"))
    assert [a.text for n in text[0].walk() for a in n.artefacts if a.kind == "comment"]  # annotate gave comments
