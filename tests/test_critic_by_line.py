"""A long CriticMarkup text read line by line (:mod:`itu_nb.parsing.by_line`) gives what the whole reader gives.

The line reader takes a text's usual lines itself and leaves every other line to the whole reader
(:func:`~itu_nb.parsing.markup.critic_lines`); both must give the same stage-2 lines, and so the same tree.  Each
test reads its texts both ways (``BY_LINE_FROM`` set to 0, so that short texts are read line by line too) and
compares every field; the texts are built here: the varied row's generator at small sizes, and lines made to sit
at the edges of what a usual line is (a comment right after a closer at a line's start, a mark or comment over a
line break next to usual lines, NUL, ``{`` in text, a line longer than ``LONGEST``).
"""

from __future__ import annotations

import random

import pytest
from test_critic_scale import HEAD, varied

import itu_nb
from itu_nb.errors import LoadError, ParseError
from itu_nb.parsing import _lines, by_line
from itu_nb.parsing.markup import MAX_NOTES, critic_lines


def _fields(line):
    if isinstance(line, str):
        return line
    runs = line.read_runs and tuple(line.read_runs)
    return line.no, line.is_plain, tuple(line.runs), tuple(line.arts), line.main, runs


def _both(text: str, monkeypatch, author=None, date=None):
    """The stage-2 lines of ``text`` from the whole reader and from the line reader (or the error each raised)."""
    flag = "[" in text or "{>>" in text or "{==" in text

    def read(reader):
        try:
            return [_fields(x) for x in _lines(reader(text, "<t>", author, date), flag)]
        except ParseError as e:
            return repr(e)

    whole = read(critic_lines)
    monkeypatch.setattr(by_line, "BY_LINE_FROM", 0)
    return whole, read(by_line.read_by_line)


# usual lines, and lines that are not: each piece is joined to others at random (seeded) below
PIECES = [
    "{++a++}",
    "{--d--}",
    "{~~a~>b~~}",
    "{++a++}{>>@Fiji (2019-01-01)<<}",
    "{--a--}{>>@x<y<<}",
    "{~~a~>~~}{>>@B<<}",
    "{==h==}{>>c<<}",
    "{>>c<<}{>>@F (2019-01-01)<<}",
    "{++a++}{>>b<<}{>>@c<<}",
    "{++++}{>>@B (2018-09-10)<<}",
    "{----}",
    "{++a++}{>>@: x<<}",
    "{>>a}b<<}",
    "{++a}b++}",
    "{==a}==}",
    "}{>>c<<}",
    "}{>>@F<<}",
    "\x00",
    "{++x\n",
    "y++}",
    "{==p\n",
    "q==}",
    "{>>r\ns<<}",
    " ",
    "w",
    "\n",
    "\n\n",
    "a)\t",
    "[1: n]",
    "{",
    "}",
    "{{++a++}",
    "{++a{>>c<<}++}",
    "{++n{====}w++}",
    "{====}",
    "{>><<}",
    "MOD\tX/1/3\n\n",
    "considering\n",
    "{++\tb++}",
]


def test_random_lines_read_as_the_whole_reader_reads_them(monkeypatch):
    rnd, errors = random.Random(16), 0
    for _ in range(400):
        text = HEAD + "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 120))) + "\n"
        whole, read = _both(text, monkeypatch)
        assert read == whole, text
        errors += isinstance(read, str)
    assert 0 < errors < 400  # some texts leave a mark open, most do not


@pytest.mark.parametrize(("n", "per", "seed"), [(50, 10, 1), (3_000, 100, 17), (2_000, 7, 3), (500, 1, 4)])
def test_the_varied_rows_lines_and_tree(monkeypatch, n, per, seed):
    text, _ = varied(n, per, seed)
    whole, read = _both(text, monkeypatch, author="Au", date="2020-01-01")
    assert read == whole
    assert sum(1 for x in read if isinstance(x, tuple) and x[3]) > 0  # lines with comments or highlights among them
    doc = itu_nb.load(text, format="criticmarkup")
    monkeypatch.setattr(by_line, "BY_LINE_FROM", 1 << 16)
    assert itu_nb.load(text, format="criticmarkup") == doc


def test_a_comment_over_a_line_break_numbers_the_lines_after_it_as_the_whole_reader(monkeypatch):
    # the comment "{>>x\ny<<}" stands on its first line (line 1), and the whole reader numbers the lines after it
    # by their place in its list: "{++b++} c" is line 2 there, though it is the text's line 3
    text = "a\n{>>x\ny<<}{++a++} w\n{++b++} c{>>d<<}\n"
    whole, read = _both(text, monkeypatch)
    assert read == whole
    assert read[2][0] == 2 and read[2][3][0].line == 2


def test_an_unclosed_mark_after_usual_lines_names_its_line(monkeypatch):
    text = "{++a++} b\n" * 50 + "{--c\nd\n"
    monkeypatch.setattr(by_line, "BY_LINE_FROM", 0)
    with pytest.raises(ParseError, match="line 51: CriticMarkup '{--' is never closed"):
        by_line.read_by_line(text, "<t>")


def test_too_many_comments_are_refused_before_any_error_of_marks(monkeypatch):
    monkeypatch.setattr(by_line, "BY_LINE_FROM", 0)
    text = "w{>>c<<} " * (MAX_NOTES + 1) + "\n{++a\n"
    with pytest.raises(LoadError, match="100,001 CriticMarkup comments and highlights"):
        by_line.read_by_line(text, "<t>")


def test_too_many_comments_on_usual_lines_are_refused_with_the_texts_count(monkeypatch):
    # 2,001 usual lines of 50 comments each (100,050, past MAX_NOTES), and changes with their authors, which are no
    # comments; the count named is the whole text's, as critic_lines counts it before reading
    monkeypatch.setattr(by_line, "BY_LINE_FROM", 0)
    text = ("w{>>c<<} {++a++}{>>@F (2019-01-01)<<} " * 50 + "\n") * 2_001 + "{++a\n"
    with pytest.raises(LoadError, match="100,050 CriticMarkup comments and highlights"):
        by_line.read_by_line(text, "<t>")
    with pytest.raises(LoadError, match="100,050 CriticMarkup comments and highlights"):
        critic_lines(text, "<t>")


def test_a_line_longer_than_longest_is_read_whole(monkeypatch):
    # LONGEST made small: the long line goes to the whole reader, the short ones around it are read line by line
    monkeypatch.setattr(by_line, "LONGEST", 100)
    text = "{++a++}{>>@F (2019-01-01)<<} w{>>c<<}\n" + "{++a++} {==h==}" * 40 + "\n{--d--} e\n"
    whole, read = _both(text, monkeypatch)
    assert read == whole
    assert len(read[1][2]) == 120  # the long line's runs: inserted "a", " " and the highlighted "h", 40 times
