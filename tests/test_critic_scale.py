"""CriticMarkup at scale (issue 17): a million varied changes, and the reader's stretches read at once.

The reader takes text without ``{`` and changes read whole in stretches (:mod:`itu_nb.parsing.stretches`), each
distinct change once, and copies of one change at once; these tests check what that must keep: a change's author
and date right after it at a stretch's cut, the last of many copies followed by another author, line breaks
inside changes.  Every input is built here; what it must give follows from how it is built (said at each test).
"""

from __future__ import annotations

import json
import random
from collections import Counter

from bounds import bounded

import itu_nb
from itu_nb.model import Artefact
from itu_nb.parsing.markup import critic_runs, extract_artefacts
from itu_nb.parsing.stretches import FIRST, repeats

HEAD = "MOD\tX/1/1\n\nRESOLUTION 1 (Rev. Dubai, 2018)\n\nTitle\n\nconsidering\n\n"
AUTHORS = ["Brazil", "Fiji", "Kenya", "Canada", "France", "Japan", "Peru"]
WORDS = ["the", "ITU", "shall", "Member States", "resolves", "to"]


def varied(n: int, per: int = 100, seed: int = 17) -> tuple[str, Counter]:
    """``n`` marks drawn at random after ``HEAD``, ``per`` to a paragraph (separated by a space), and the tally.

    4.5 % highlights ``{==w==}``, 4.5 % comments ``w{>>@A (2019-04-01): check<<}``, 36 % insertions, 30 %
    deletions and 25 % substitutions, each change followed by its own author and date ``{>>@A (2019-03-DD)<<}``.  The
    tally counts each run a change gives as (op, author, date) — a substitution gives a deleted and an inserted
    run — and the highlights and comments as ("highlight",) and ("comment", author).
    """
    rnd = random.Random(seed)
    out, tally = [HEAD], Counter()
    for i in range(n):
        who, when = rnd.choice(AUTHORS), f"2019-03-{rnd.randint(1, 28):02d}"
        k = rnd.random()
        w = rnd.choice(WORDS)
        if k < 0.045:
            out.append(f"{{=={w}==}}")
            tally["highlight",] += 1
        elif k < 0.09:
            out.append(f"{w}{{>>@{who} (2019-04-01): check<<}}")
            tally["comment", who] += 1
        elif k < 0.45:
            out.append(f"{{++{w}++}}{{>>@{who} ({when})<<}}")
            tally[1, who, when] += 1
        elif k < 0.75:
            out.append(f"{{--{w}--}}{{>>@{who} ({when})<<}}")
            tally[-1, who, when] += 1
        else:
            out.append(f"{{~~{w}~>{rnd.choice(['a', 'an', 'the'])}~~}}{{>>@{who} ({when})<<}}")
            tally[-1, who, when] += 1
            tally[1, who, when] += 1
        out.append("\n\n" if i % per == per - 1 else " ")
    return "".join(out), tally


def _tally(doc) -> Counter:
    got: Counter = Counter()
    for proposal in doc:
        for node in proposal.walk():
            for r in node.runs:
                if r.op is not itu_nb.Op.EQUAL:
                    got[int(r.op), r.author, r.date] += 1
            for a in node.artefacts:
                got[("highlight",) if a.kind == "highlight" else (a.kind, a.author)] += 1
    return got


def test_varied_changes_keep_their_authors_dates_and_notes():
    # 3,000 marks, 100 to a paragraph: 30 paragraphs, and every run, highlight and comment the generator wrote
    text, tally = varied(3_000)
    doc = itu_nb.load(text, format="criticmarkup")
    assert len(doc["X/1/1"]["considering"].children) == 30
    assert _tally(doc) == tally
    assert sum(tally.values()) > 3_000  # substitutions give two runs


def test_a_million_varied_changes_load(tmp_path):
    # the text is written here, read by the child (its CPU time is the loading): 10,000 paragraphs, and the
    # tally of the generator (about 45,000 highlights and 45,000 comments: within MAX_NOTES)
    text, tally = varied(1_000_000)
    assert tally["highlight",] + sum(v for k, v in tally.items() if k[0] == "comment") <= 100_000
    path = tmp_path / "varied.critic.md"
    path.write_text(text, encoding="utf-8")
    r = bounded(
        f"""
        import itu_nb, json
        from collections import Counter
        text = open({str(path)!r}, encoding="utf-8").read()
        doc = itu_nb.load(text, format="criticmarkup", max_bytes=10**8)
        got = Counter()
        for node in doc["X/1/1"].walk():
            for r in node.runs:
                if r.op is not itu_nb.Op.EQUAL:
                    got[str((int(r.op), r.author, r.date))] += 1
            for a in node.artefacts:
                got[str(("highlight",) if a.kind == "highlight" else (a.kind, a.author))] += 1
        print(json.dumps([len(doc["X/1/1"]["considering"].children), got]))
        """,
        label="CriticMarkup: a million varied changes (4.5 % highlights, 4.5 % comments; authors and dates), loaded",
    )
    assert r.ok, str(r)
    assert r.within(), str(r)
    paragraphs, got = json.loads(r.stdout.strip().splitlines()[-1])
    assert paragraphs == 10_000
    assert got == {str(k): v for k, v in tally.items()}


def test_an_author_right_after_a_stretchs_cut_is_read():
    # the reader cuts text in stretches of FIRST characters, then longer; wherever the cut falls (before, inside
    # or after a change or its author), every "{++a++}" is inserted "a" by Fiji on 2019-03-05 and every
    # "{--d--}" deleted "d" by nobody, as written
    unit = "{++a++}{>>@Fiji (2019-03-05)<<} {--d--} "
    for shift in range(0, len(unit) + 2):
        runs = [r for line in critic_runs("w" * (FIRST - 40 + shift) + unit * 60, "<t>") for r in line]
        changed = [(int(r.op), r.text, r.author, r.date) for r in runs if r.op is not itu_nb.Op.EQUAL]
        assert changed == [(1, "a", "Fiji", "2019-03-05"), (-1, "d", None, None)] * 60, shift


def test_the_last_of_many_copies_keeps_what_follows_it():
    # 5,000 copies of "{++a++} " are taken at once; the last change written, "{++a++}" right before
    # "{>>@Fiji (2019-03-05)<<}", is Fiji's, and a change after "{==h==}" is read as written
    text = "{++a++} " * 5_000 + "{++a++}{>>@Fiji (2019-03-05)<<} {==h==} {--b--}"
    runs = [r for r in critic_runs(text, "<t>")[0] if isinstance(r, itu_nb.Run)]  # and the highlight's artefact
    inserted = [r for r in runs if r.op is itu_nb.Op.INSERT]
    assert len(inserted) == 5_001
    assert {(r.author, r.date) for r in inserted[:-1]} == {(None, None)}
    assert (inserted[-1].author, inserted[-1].date) == ("Fiji", "2019-03-05")
    assert [(int(r.op), r.text) for r in runs[-4:]] == [(0, " "), (0, "h"), (0, " "), (-1, "b")]


def test_copies_with_line_breaks_are_cut_into_lines():
    # "{++a\nb++} " 3,000 times: each copy ends one line ("...a") and starts the next ("b "), so 3,001 lines,
    # the first "a" alone, the last " " alone, and each between inserted "b", equal " ", inserted "a"
    lines = critic_runs("{++a\nb++} " * 3_000, "<t>")
    assert len(lines) == 3_001
    assert [(int(r.op), r.text) for r in lines[0]] == [(1, "a")]
    assert {tuple((int(r.op), r.text) for r in line) for line in lines[1:-1]} == {((1, "b"), (0, " "), (1, "a"))}
    assert [(int(r.op), r.text) for r in lines[-1]] == [(1, "b"), (0, " ")]


def test_repeats_counts_whole_copies_within_the_bound():
    text = "ab" * 100_000 + "a"
    assert repeats(text, 0, len(text), "ab") == 100_000
    assert repeats(text, 1, len(text), "ba") == 100_000
    assert repeats(text, 0, 7, "ab") == 3  # hi cuts the fourth copy
    assert repeats(text, 0, len(text), "abc") == 0
    assert repeats("abx", 0, 3, "ab") == 1


def test_a_stretch_reads_comments_and_highlights_and_ends_where_it_cannot():
    # a stretch reads a comment or highlight without "{" whole (stretches.MARKER), and ends at one it cannot read
    # (stretches.STOP: "{>>a{b<<}", "{=={++i++}==}"), which the reader's loop reads; the changes around keep their
    # authors and dates; one written right after a change is its author ("{>>@x<y<<}" too, after a change the
    # loop reads: "{~~a{~>b~~}"), any other comment right after a change ("{>>c<<}") a comment; a comment or
    # highlight written inside a change's text is the change's (with its op: "{==y==}" a highlight made in it, session
    # 20); a highlight around a change ("{=={++i++}==}") is made around it (EQUAL)
    unit = (
        "{++a++}{>>@Fiji (2019-03-05)<<}{==h==}{--b--}{>>@Peru (2019-03-06)<<} w{>>@Kenya (2019-04-01): check<<}"
        "{~~c~>d~~}{>>@Fiji (2019-03-07)<<} {--e{>>c<<}--}{>>@Fiji (2019-01-01)<<} {++x{==y==}z++}{>>@Peru<<} "
        "{++f++}{>>c<<}{>>a{b<<}{=={++i++}==}{~~g{~>k~~}{>>@x<y<<} "
    )
    want = [
        ("R", 1, "a", "Fiji", "2019-03-05"),
        ("highlight", 0, "", None, None),
        ("R", 0, "h", None, None),
        ("R", -1, "b", "Peru", "2019-03-06"),
        ("R", 0, " w", None, None),
        ("comment", 0, "check", "Kenya", "2019-04-01"),
        ("R", -1, "c", "Fiji", "2019-03-07"),
        ("R", 1, "d", "Fiji", "2019-03-07"),
        ("R", 0, " ", None, None),
        ("R", -1, "e", "Fiji", "2019-01-01"),
        ("comment", -1, "c", None, None),
        ("R", 0, " ", None, None),
        ("R", 1, "x", "Peru", None),
        ("highlight", 1, "", None, None),
        ("R", 1, "y", "Peru", None),
        ("R", 1, "z", "Peru", None),
        ("R", 0, " ", None, None),
        ("R", 1, "f", None, None),
        ("comment", 0, "c", None, None),
        ("comment", 0, "a{b", None, None),
        ("highlight", 0, "", None, None),
        ("R", 1, "i", None, None),
        ("R", -1, "g{", "x<y", None),
        ("R", 1, "k", "x<y", None),
        ("R", 0, " ", None, None),
    ]
    for shift in (0, 1, 7, FIRST - 3):  # the stretches' cuts fall elsewhere each time
        pieces = critic_runs("v" * shift + unit * 40, "<t>")[0][1 if shift else 0 :]
        got = [(p.kind if isinstance(p, Artefact) else "R", int(p.op), p.text, p.author, p.date) for p in pieces]
        assert got == want * 40, shift


def test_a_long_line_places_its_comments_and_highlights():
    # a line of 3,000 varied marks, read in stretches: each comment and highlight stands where the text of the runs
    # before it ends, counted here from the line's pieces one by one
    text, _ = varied(3_000, per=3_000)
    pieces = max(critic_runs(text, "<t>"), key=len)  # the line of marks
    runs, arts = extract_artefacts(pieces, 9)
    assert runs == [p for p in pieces if isinstance(p, itu_nb.Run) and p.text]
    want, at = [], 0
    for p in pieces:
        if isinstance(p, Artefact):
            want.append((p.kind, p.text, p.author, p.length, at))
        else:
            at += len(p.text)
    assert [(a.kind, a.text, a.author, a.length, a.offset) for a in arts] == want
    assert {a.line for a in arts} == {9} and len(want) > 200  # about 9 % of 3,000 marks


def test_marker_reads_what_its_lazy_spelling_reads():
    # stretches.MARKER spells "up to the first closer" out (faster than ".*?"); on 20,000 random strings of openers,
    # closers and their characters the split is the same as with the lazy spelling it replaced (critic15's MARKER)
    import re

    from itu_nb.parsing.stretches import MARKER

    lazy = re.compile(
        r"((?:\{\+\+.*?\+\+\}|\{--.*?--\}|\{~~[^~{]*~>[^~{]*~~\})(?:\{>>[^{\n]*?<<\})?|\{>>[^{\n]*?<<\}|\{==[^{]*?==\})",
        re.DOTALL,
    )
    atoms = ["{++", "++}", "{--", "--}", "{~~", "~>", "~~}", "{==", "==}", "{>>", "<<}", "<", "=", "+", "-", "~", "{"]
    atoms += ["}", "a", "\n", ">>", "<<<}", "===}", "+++}", "---}", "{>>@Fiji (2019-03-05)<<}"]
    rnd = random.Random(15)
    for _ in range(20_000):
        text = "".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 14)))
        assert MARKER.split(text) == lazy.split(text), text
    assert MARKER.split("{+++a++}{>>x<<<}") == ["", "{+++a++}{>>x<<<}", ""]  # the first closer, "<" and "+" inside


def test_a_long_line_with_a_bracket_keeps_its_inline_artefacts():
    # a long line (many pieces) with "[bookmark: _x]" in an equal run is read by extract_artefacts's own loop: the
    # bookmark is taken out of the text at its place, the comment after it stands where the runs before it end
    text = " ".join(["{++a++}"] * 20) + " w[bookmark: _x]v{>>c<<} " + " ".join(["{--d--}"] * 20)
    pieces = critic_runs(text, "<t>")[0]
    runs, arts = extract_artefacts(pieces, 4)
    assert [(a.kind, a.text, a.offset) for a in arts] == [("bookmark", "[bookmark: _x]", 41), ("comment", "c", 42)]
    assert "".join(r.text for r in runs) == " ".join(["a"] * 20) + " wv " + " ".join(["d"] * 20)
