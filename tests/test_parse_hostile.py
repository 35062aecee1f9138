"""Hostile and unusual text and CriticMarkup inputs (issue 17): bounded, clean, lossless.

The hangs run in a child process (:func:`bounds.bounded`): each must end in the expected result
within the budget of ``bounds.MAX_SECONDS`` CPU seconds and ``bounds.MAX_MB`` of memory.  The
inputs are built here; what each must give follows from how it is built (said at each test).
"""

from __future__ import annotations

import random

import pytest
from bounds import bounded

import itu_nb
from itu_nb.parsing.labels import Components, unique_component

HEAD = "MOD\tX/1/1\n\nRESOLUTION 1 (Rev. Dubai, 2018)\n\nTitle\n\nconsidering\n\n"


def _check(r, want_stdout: str) -> None:
    assert r.ok, str(r)
    assert r.within(), str(r)
    assert r.stdout.split() == want_stdout.split(), str(r)


# -- hangs -------------------------------------------------------------------------------------
def test_twenty_thousand_siblings_with_one_label():
    # 20,000 items "a)" under considering: the n-th is considering/a#n (the first plain a), as
    # the parser names a repeated label; unique components were found by a linear search (quadratic)
    r = bounded(
        f"""
        import itu_nb
        text = {HEAD!r} + "a)\\tthe same label again;\\n" * 20_000
        p = itu_nb.load(text, format="text")["X/1/1"]
        items = p["considering"].children
        print(len(items), items[0].path, items[1].path, items[-1].path)
        """,
        label="20,000 sibling items with one label (text)",
    )
    _check(r, "20000 considering/a considering/a#2 considering/a#20000")


@pytest.mark.parametrize("writer", ["to_docx", "to_akn", "to_criticmarkup"])
def test_ten_thousand_siblings_with_one_label_written_and_read_back(writer):
    # the same repeated label through a writer and back: every item keeps its path (a#2 … a#10000);
    # the writers re-derive paths to decide which keys to store, and that search was quadratic
    # (20,000 items: to_docx did not finish in 60 s), as was to_docx's test for a trailing sectPr
    r = bounded(
        f"""
        import itu_nb
        from itu_nb.export import {writer}
        text = {HEAD!r} + "a)\\tthe same label again;\\n" * 10_000
        doc = itu_nb.load(text, format="text")
        out = {writer}(doc)
        back = itu_nb.load(out)["X/1/1"]
        items = back["considering"].children
        print(len(items), items[1].path, items[-1].path, items[-1].body())
        """,
        label=f"10,000 sibling items with one label through {writer} and back",
    )
    _check(r, "10000 considering/a#2 considering/a#10000 the same label again;")


def test_hundred_thousand_paragraphs():
    # 100,000 unlabelled paragraphs after the section line: p1 … p100000 under considering
    r = bounded(
        f"""
        import itu_nb
        text = {HEAD!r} + "".join(f"paragraph {{i}} of the text.\\n" for i in range(1, 100_001))
        p = itu_nb.load(text, format="text")["X/1/1"]
        kids = p["considering"].children
        print(len(kids), kids[-1].path, kids[-1].body())
        """,
        label="100,000 paragraphs (text)",
    )
    _check(r, "100000 considering/p100000 paragraph 100000 of the text.")


def test_one_long_line_of_capitalised_words():
    # 120 kB of "Word " on one line, then the same after a run-together year ("2006Dubai"), which
    # sends the line to the citation search: both stay one paragraph of plain text, nothing inferred
    r = bounded(
        f"""
        import itu_nb
        line = "Word " * 24_000
        text = {HEAD!r} + line + "\\n" + "(Rev. Antalya, 2006Dubai " + line + "\\n"
        p = itu_nb.load(text, format="text")["X/1/1"]
        a, b = p["considering"].children
        print(len(a.body()), a.body() == line, b.body().endswith(line), any(r.inferred for r in a.runs + b.runs))
        """,
        label="one 120 kB line of capitalised words (text)",
    )
    _check(r, "120000 True True False")


def test_a_million_critic_markers():
    # a million insertions "{++a++} " on one line: the paragraph's runs are inserted "a" and equal
    # " " in turn, two million runs (nothing merges), all a shared pair of Run objects
    r = bounded(
        f"""
        import itu_nb
        text = {HEAD!r} + "{{++a++}} " * 1_000_000 + "\\n"
        p = itu_nb.load(text, format="criticmarkup", max_bytes=10**8)["X/1/1"]
        runs = p["considering/p1"].runs
        print(len(runs), runs[0] is runs[2] and runs[1] is runs[3], runs[0].text, repr(runs[1].text), int(runs[0].op))
        """,
        label="a million CriticMarkup markers",
    )
    _check(r, "2000000 True a ' ' 1")


def test_a_hundred_thousand_adjacent_insertions_merge_in_linear_time():
    # "{++ab++}" 100,000 times without a gap: one inserted run of "ab" × 100,000 (runs of one op
    # merge; each merge used to copy the text so far)
    r = bounded(
        f"""
        import itu_nb
        text = {HEAD!r} + "{{++ab++}}" * 100_000 + "\\n"
        runs = itu_nb.load(text, format="criticmarkup", max_bytes=10**8)["X/1/1"]["considering/p1"].runs
        print(len(runs), len(runs[0].text), runs[0].text == "ab" * 100_000)
        """,
        label="100,000 adjacent CriticMarkup insertions",
    )
    _check(r, "1 200000 True")


def test_unclosed_marker_after_many_closed_ones_is_an_error():
    # 200,000 closed deletions, then one "{++" never closed on the last line: a ParseError naming
    # that line (HEAD is 8 lines, the marks line 9), found without rescanning the text per marker
    r = bounded(
        f"""
        import itu_nb
        text = {HEAD!r} + "{{--x--}} " * 200_000 + "\\n{{++ never closed\\n"
        try:
            itu_nb.load(text, format="criticmarkup", max_bytes=10**8)
        except itu_nb.ItuNbError as exc:
            print(type(exc).__name__, exc)
        """,
        label="CriticMarkup opener never closed after 200,000 marks",
    )
    assert r.ok and r.within(), str(r)
    assert r.stdout.strip() == "ParseError <text>: line 10: CriticMarkup '{++' is never closed", str(r)


# -- silent loss ---------------------------------------------------------------------------------
SECOND = "MOD\tX/1/2\n\nRESOLUTION 2 (Rev. Dubai, 2018)\n\nTitle two\n\nconsidering\n\na)\tsecond text;\n"


@pytest.mark.parametrize("fmt", ["text", "criticmarkup"])
def test_byte_order_mark_of_a_second_file_does_not_swallow_its_proposal(fmt):
    # two files joined, the second with its BOM: "\ufeffMOD\tX/1/2" is the marker of proposal X/1/2
    first = HEAD + "a)\tfirst text;\n"
    doc = itu_nb.load(first + "\ufeff" + SECOND, format=fmt)
    assert [p.id for p in doc] == ["X/1/1", "X/1/2"]
    assert doc["X/1/2"]["considering/a"].body() == "second text;"
    # the mark is dropped (as a leading one is), and the proposal says so; nothing else changes
    assert doc.source_text() == first + SECOND
    line = first.count("\n") + 1
    assert doc["X/1/2"].warnings == (
        f"a byte-order mark (U+FEFF) inside the text was dropped from line {line} (two files joined?)",
    )


def test_byte_order_mark_inside_a_paragraph_is_noted_on_it():
    doc = itu_nb.load(HEAD + "a)\tone\ufefftwo;\n", format="text")
    node = doc["X/1/1"]["considering/a"]
    assert node.body() == "onetwo;"
    assert node.notes == ("a byte-order mark (U+FEFF) inside the text was dropped from line 9 (two files joined?)",)


@pytest.mark.parametrize("fmt", ["text", "criticmarkup"])
def test_control_characters_are_kept_and_noted(fmt):
    # a bell inside the text, a unit separator at the end of an item: kept as written (the file
    # comes back from source_text), and each node says what it holds
    text = HEAD + "a)\tfirst\x07 bell;\nb)\tsecond\x1f\n"
    doc = itu_nb.load(text, format=fmt)
    a, b = doc["X/1/1"]["considering/a"], doc["X/1/1"]["considering/b"]
    assert a.body() == "first\x07 bell;" and b.body() == "second\x1f"
    assert a.notes == ("control character(s) U+0007 on line 9, kept as written",)
    assert b.notes == ("control character(s) U+001F on line 10, kept as written",)
    assert doc.source_text() == text


def test_wholly_deleted_tab_bullet_is_absent_from_the_amended_view():
    # a TAB bullet whose words are deleted but whose TAB is not: gone from the amended view (no
    # empty line), there in the original, and the file comes back as written
    text = HEAD + "a)\tfirst;\n\t{--bullet deleted--}\nb)\tsecond.\n"
    doc = itu_nb.load(text, format="criticmarkup")
    p = doc["X/1/1"]
    bullet = p["considering/a/bullet1"]
    assert bullet.label_original == "" and bullet.body("original") == "bullet deleted"
    assert not bullet.exists_in("amended") and bullet.line_text("amended") is None
    assert p.text("amended").splitlines()[-2:] == ["a)\tfirst;", "b)\tsecond."]
    assert p.text("original").splitlines()[-3:] == ["a)\tfirst;", "\tbullet deleted", "b)\tsecond."]
    assert [(c.kind, c.old, c.new) for c in bullet.changes] == [("deleted", "bullet deleted", "")]
    assert doc.source_text() == text.replace("{--", "").replace("--}", "")
    assert doc.source_text("amended").splitlines()[9] == "\t"  # the file with deletions removed


# -- the constant-time components give what the search gave --------------------------------------
def test_components_match_the_search():
    rng = random.Random(17)
    bases = ["a", "b", "p1", "bullet1", "a#2", "x#2#2", "fn1"]
    for _ in range(200):
        taken, used = Components(), set()
        for _ in range(rng.randrange(1, 40)):
            base = rng.choice(bases)
            want = unique_component(base, used)
            used.add(want)
            assert taken.take(base) == want
        assert all(c in taken for c in used)
        assert "zzz" not in taken and "a#99" not in taken
