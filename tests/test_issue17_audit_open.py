"""Issue 17, the session-22 audit: three inputs of the issue's classes that failed at 370d352, each fixed since.

The audit built every class of the issue again from its description and ran it in a bounded child
(``tests/bounds.py``).  Three shapes, each a variant the existing tests did not build, failed at 370d352 (below,
as found); the tests here assert what the issue asks for the same inputs.  Fixed in session 22: the Word writer's
``_bodies_later`` counts pieces written (28.3 → 0.51 s); interleaved instructions are applied in runs
(``tests/test_amend_interleaved.py`` counts the labels set); the Word writer marks a tracked last paragraph
(``tests/test_last_paragraph_mark.py``).

- **A note referenced 40,000 times in one paragraph, through Word.**  The issue's "one 100 kB footnote
  referenced 40,000 times".  ``tests/test_docx_hostile.py`` loads it (0.7 s) and
  ``tests/test_notes_own_line.py`` writes a note referenced 40,000 times to Word, but 100 times in each of
  400 paragraphs.  All in one paragraph, ``to_docx`` takes 28 s of CPU (4,000 references: 0.34 s, so
  quadratic): the loader numbers each repeated reference as a note of its own (``[footnoteRef:2]`` …
  ``[footnoteRef:40000]``, bodiless), and ``export/docx_bodies._bodies_later`` marks every pending note
  ``apart`` at every piece of the line, one pass over all pending notes per piece.  CriticMarkup, Akoma
  Ntoso and HTML write the same document in 0.2 s or less.
- **An amend of 1,000 instructions cycling over one section and two lists of another.**  The issue's
  "``amend`` with 1,000 instructions 27 s (quadratic)".  Every bounded amend row of
  ``tests/test_amend_hostile.py`` repeats one kind of instruction, or interleaves kinds that a run keeps
  together.  Resolution 130 of the Final Acts with ``In resolves 1, add " (edit i)" at the end``, ``Add a new
  considering a) reading: …`` and ``Add a new paragraph after considering c) reading: …`` in turn: the
  edit of resolves ends the run on considering, so each insertion at its head reletters the whole list:
  ``relettering.set_label`` is called 16,600 / 61,107 / 233,100 times at 250 / 500 / 1,000 instructions
  (1,018 for 1,000 head insertions alone), CPU 0.41 / 1.27 / 4.8 / 22.2 s at 250 / 500 / 1,000 /
  2,000.  Any two of the three kinds interleaved stay linear.
- **The tracked mark of an empty paragraph that ends the document, through Word.**  The issue's "a
  paragraph-mark change on an empty paragraph is lost".  ``tests/test_issue17_audit_gaps.py`` and
  ``tests/test_empty_marks.py`` put the empty paragraph between two others, where every writer keeps it.
  As the document's last paragraph (Brazil's Document 67 as pandoc wrote it, with an empty paragraph
  inserted by Chile appended), ``to_docx`` writes ``<w:p/>`` (its writer never marks the last paragraph:
  ``export/docx.py``, ``not last``), so the change, its author and date are gone on reading back, with
  no note.  CriticMarkup and Akoma Ntoso keep it.
"""

from __future__ import annotations

import pytest
from bounds import bounded
from test_last_paragraph_mark import OPS, _doc67_ending_with, _marks

import itu_nb

# -- a note referenced 40,000 times in one paragraph -------------------------------------------------------------

#: Built in the child: the proposal header, ``resolves``, one paragraph ``to act`` + 40,000 references to
#: footnote 2 + ``.``; footnote 2 holds 100,000 characters (``word word … word.``).
NOTE_DOC = """
import io, sys, zipfile
sys.path.insert(0, "tests")
from docx_build import HEAD, SEPARATORS, footnote, footnote_ref, package, para, run
import itu_nb
big = ("word " * 20_000)[:99_999] + "."
body = HEAD + para(run("resolves")) + para(run("to act") + footnote_ref(2) * 40_000 + run("."))
doc = itu_nb.load(package(body, footnotes=SEPARATORS + footnote(2, run(big))))
"""


def test_a_note_referenced_forty_thousand_times_in_one_paragraph_loads_and_is_written_by_the_text_writers():
    code = (
        NOTE_DOC
        + """
notes = [n for p in doc for n in p.walk() if n.kind.value == "footnote"]
print([n.path for n in notes], len(notes[0].body()))
for write in (itu_nb.to_criticmarkup, itu_nb.to_akn, itu_nb.to_html):
    write(doc)
back = itu_nb.load(itu_nb.to_criticmarkup(doc), format="criticmarkup")
print([n.path for p in back for n in p.walk() if n.kind.value == "footnote"])
"""
    )
    r = bounded(code, label="100 kB note referenced 40,000 times in one paragraph: CriticMarkup, AKN, HTML")
    assert r.ok, r
    # one note, on the paragraph, whose text is the 100,000 characters written (its number is its label)
    first, back = r.stdout.splitlines()
    assert first == "['resolves/p1/fn1'] 100000"
    assert back == "['resolves/p1/fn1']"
    assert r.within(), r


def test_a_note_referenced_forty_thousand_times_in_one_paragraph_is_written_to_word_within_the_bound():
    code = (
        NOTE_DOC
        + """
data = itu_nb.to_docx(doc)
parts = zipfile.ZipFile(io.BytesIO(data))
back = itu_nb.load(data)
print([n.path for p in back for n in p.walk() if n.kind.value == "footnote"],
      parts.read("word/footnotes.xml").count(b"<w:footnote "), parts.read("word/document.xml").count(b"<w:footnoteReference "))
"""
    )
    # the child stops itself after 12 s of CPU (SIGXCPU), so the test costs no more than that while it fails
    # (28 s of CPU measured), whatever the machine's load; a writer within the bound ends well before
    code = "import resource\nresource.setrlimit(resource.RLIMIT_CPU, (12, 14))\n" + code
    r = bounded(code, label="100 kB note referenced 40,000 times in one paragraph: Word")
    assert r.ok, r
    # one note written (two separators and it), referenced 40,000 times, read back as one note
    assert r.stdout.split() == ["['resolves/p1/fn1']", "3", "40000"]
    assert r.within(), r


# (an amend of 1,000 instructions cycling over three places: tests/test_amend_interleaved.py, since relet22)


# -- the tracked mark of an empty last paragraph ----------------------------------------------------------------


@pytest.mark.parametrize("op", OPS)
def test_the_mark_of_an_empty_last_paragraph_is_read_and_kept_by_criticmarkup_and_akoma_ntoso(op):
    doc = itu_nb.load(_doc67_ending_with(op))
    assert [p.id for p in doc] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    assert _marks(doc) == [("Chile", "2018-09-12T00:00:00Z", OPS[op])]
    for data, fmt in ((itu_nb.to_criticmarkup(doc), "criticmarkup"), (itu_nb.to_akn(doc), "akn")):
        assert _marks(itu_nb.load(data, format=fmt)) == [("Chile", "2018-09-12T00:00:00Z", OPS[op])], fmt


# (through Word: tests/test_last_paragraph_mark.py, since the Word writer marks the last paragraph)
