"""A text whose only CriticMarkup mark is an opener never closed (issue 17, the session-22 audit).

Content detection reads a text as CriticMarkup when it holds a closed mark (``looks_like_critic``).  A ``.md`` file
promises Markdown, not CriticMarkup (the README's "Formats": the suffix decides only between text and XML, and
``.md`` is one of the text suffixes beside ``.txt``; the corpus's CriticMarkup is ``*.critic.md``), and Markdown
keeps ``{++`` as written.  So a ``.md`` file holding ``{++new text`` and no ``++}`` stays plain text, as before,
but it is no longer silent: the node of the line says ``line 2: an unclosed {++ (no ++} after it): read as plain
text``.  With ``format="criticmarkup"`` the same text is refused naming line 2, as before.
"""

from __future__ import annotations

import pytest
from bounds import bounded

import itu_nb

TEXT = "considering\na)\tthe {++new text\nb)\tmore\n"
NOTE = "line 2: an unclosed {++ (no ++} after it): read as plain text"


def _notes(doc: itu_nb.Document) -> dict[str, tuple[str, ...]]:
    return {c.path: c.notes for p in doc for c in p.walk() if c.notes}


@pytest.mark.parametrize("how", ["md-file", "bytes", "str", "format-text"])
def test_an_unclosed_opener_read_as_text_is_noted_on_its_line(how, tmp_path):
    if how == "md-file":
        path = tmp_path / "proposal.md"
        path.write_text(TEXT, encoding="utf-8")
        doc = itu_nb.load(path)
    elif how == "bytes":
        doc = itu_nb.load(TEXT.encode())
    else:
        doc = itu_nb.load(TEXT, format="text" if how == "format-text" else None)
    assert doc.format == "text"
    # kept as written: the clause holds "{++" and both views are the source's
    assert doc[0]["considering/a"].body() == "the {++new text"
    assert doc.source_text() == TEXT
    assert _notes(doc) == {"considering/a": (NOTE,)}


def test_criticmarkup_still_refuses_it_naming_the_line():
    with pytest.raises(itu_nb.ParseError, match=r"line 2: CriticMarkup '\{\+\+' is never closed"):
        itu_nb.load(TEXT, format="criticmarkup")


def test_each_kind_of_opener_and_one_note_per_line():
    text = "considering\na)\tthe {--old and {++ new {++ newer\nb)\t{~~x~>y\nc)\t{==lit {>>remark\n"
    assert _notes(itu_nb.load(text)) == {
        "considering/a": ("line 2: an unclosed {-- (no --} after it): read as plain text",),
        "considering/b": ("line 3: an unclosed {~~ (no ~~} after it): read as plain text",),
        "considering/c": ("line 4: an unclosed {== (no ==} after it): read as plain text",),
    }


def test_a_closed_mark_read_as_text_on_request_and_plain_text_have_no_note():
    # format="text" on a closed mark: the analyst asked for text, nothing was left unclosed
    assert _notes(itu_nb.load("considering\na)\tthe {++new++} text\n", format="text")) == {}
    # braces that are no CriticMarkup opener, and an opener closed on a later line (CriticMarkup: refused there)
    assert _notes(itu_nb.load("considering\na)\tthe {+x} and {- y -} set {a, b}\n")) == {}
    # an opener after the last closer of its kind is unclosed, one before it is not
    doc = itu_nb.load("considering\na)\tthe {++a++} text\nb)\tand {++b\n", format="text")
    assert _notes(doc) == {"considering/b": ("line 3: an unclosed {++ (no ++} after it): read as plain text",)}


def test_three_hundred_thousand_unclosed_openers_stay_linear():
    r = bounded(
        """
        import itu_nb
        doc = itu_nb.load("considering\\na)\\tx {++ " + "{++" * 300_000 + "\\n" + "b)\\t{--y\\n" * 50_000)
        notes = [n for p in doc for c in p.walk() for n in c.notes if "unclosed" in n]
        print(len(notes), notes[0], notes[-1])
        """,
        label="300,000 unclosed {++ on one line and 50,000 lines with {-- read as text: noted",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.split("\n")[0] == (
        "50001 line 2: an unclosed {++ (no ++} after it): read as plain text"
        " line 50002: an unclosed {-- (no --} after it): read as plain text"
    )
