"""Recover replacements that a flattened extraction proves by itself.

A docx→text extraction keeps deleted and inserted text but drops the marks, so
the two run together.  Only three shapes prove a replacement on their own, and
only they are recovered (flagged ``inferred=True``); everything else stays equal
text.  Which side is new is decided by the later date, because a proposal updates
a text to a newer conference; the source order (deletion first or insertion
first, both occur) is kept.

- double labels: ``cb)`` (c → b), ``23`` after item 2 (2 → 3);
- run-together citations: ``(Rev. Antalya, 2006Dubai, 2018)``,
  ``(Dubai, 2014Rev. Buenos Aires, 2017)``;
- run-together periods: ``2016-20192020-2023``, ``2020-20232016-2019``.
"""

from __future__ import annotations

import re

from itu_nb.model import Op, Run
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.keywords import ROMAN
from itu_nb.parsing.normalise import byte_classes

#: At most this many words in a place name ("Buenos Aires" has two).  The bound keeps the citation
#: search linear: unbounded, a long line of capitalised words without a comma is scanned from each
#: of its words to its end (a 120 kB line took 39 s).
PLACE_WORDS = 6
_PLACE = (
    r"(?:Rev\.[ \xa0])?[A-Z][a-z]+(?:[ \xa0][A-Z][a-z]+){{0," + str(PLACE_WORDS - 1) + r"}},[ \xa0](?P<{y}>\d{{4}})"
)
#: The character before the citation (an opening bracket or a space) is part of the match, not a
#: look-behind, and the period's first digit comes before its look-behind: a pattern that starts
#: with a character set is scanned by the regex engine's fast loop (several times faster on a long
#: line).  The shape itself is group ``a`` and ``b``; ``m.start("a")`` is where it starts.
CITATION = re.compile(
    r"[(\s\xa0](?P<a>" + _PLACE.format(y="ya") + r")(?P<b>" + _PLACE.format(y="yb") + r")(?=[)\s,;.])"
)
PERIOD = re.compile(r"(?P<a>(?P<a1>\d(?<!\d\d)\d{3})[-‑–](?P<a2>\d{4}))(?P<b>(?P<b1>\d{4})[-‑–](?P<b2>\d{4}))(?!\d)")
#: What every match of CITATION or PERIOD holds: a digit run into a capital (the first year runs
#: into the second place) or a dash before eight digits (the first period runs into the second).
#: Text without it cannot hold either shape, and most lines are dismissed by this one search.
SHAPES = re.compile(r"\d[A-Z]|[-‑–]\d{8}")
#: A cheaper test that every text holding SHAPES passes, for a whole document in one search: an
#: ASCII digit run into a capital or seven more digits, or any other decimal digit (``\\d`` is
#: every Unicode digit, and testing for it is slower than for ``[0-9]``).  Written to start with one
#: character set (any digit) so that the regex engine skips to the next digit in its fast loop: one
#: pass, half the time of a search for other digits followed by a search for the ASCII shapes.
MAYBE_SHAPES = re.compile("[0-9\u0660-\U0001fbf9](?:(?<=[0-9])(?:[A-Z]|[0-9]{7})|(?<![0-9])(?<=\\d))")
#: :data:`MAYBE_SHAPES` on a text's byte classes (:func:`~itu_nb.parsing.normalise.byte_classes`), for ASCII
#: digits: a digit run into a capital (``0A``) or eight digits, in one search (two ``bytes.find`` loops took
#: twice the time: a two-byte ``find`` does not skip as a regex led by one literal byte does).
_CLASS_SHAPES = re.compile(rb"0(?:A|0{7})")
_ASCII = bytes(range(128))
_DIGIT = re.compile(r"\d")


def shaped_lines(text: str, data: bytes | None = None, classes: bytes | None = None) -> set[int]:
    r"""The lines (0-based, split at "\n") where :data:`MAYBE_SHAPES` finds something: where a shape may be.

    The same lines as a search for :data:`MAYBE_SHAPES` through the text, found at memory speed: the text's
    UTF-8 bytes are mapped to classes (:func:`~itu_nb.parsing.normalise.byte_classes`) in one
    ``bytes.translate``, and ``bytes.find`` looks for a digit run into a capital (``0A``) or eight digits.
    A text holding a decimal digit that is not ASCII (looked for among its non-ASCII characters alone) is
    searched with the regex itself.  ``data`` and ``classes``: the text's UTF-8 bytes and their classes,
    when the caller has them.
    """
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    if len(data) != len(text) and _DIGIT.search(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
        found, line, at = set(), 0, 0
        search = MAYBE_SHAPES.search
        m = search(text)
        while m:
            line += text.count("\n", at, m.start())
            at = m.start()
            found.add(line)
            end = text.find("\n", at)
            if end < 0:
                break
            m = search(text, end)
        return found
    if classes is None:
        classes = byte_classes(data)
    hits = []
    scan, find = _CLASS_SHAPES.search, classes.find
    hit = scan(classes)
    while hit is not None:  # the first hit of each line: then on from the line's end
        i = hit.start()
        hits.append(i)
        end = find(b"\n", i)
        if end < 0:
            break
        hit = scan(classes, end)
    found, line, at = set(), 0, 0
    for i in hits:
        line += classes.count(b"\n", at, i)
        at = i
        found.add(line)
    return found


_DOUBLE_LETTER = re.compile(r"([a-zA-Zа-яА-Я])([a-zA-Zа-яА-Я])\)")


def split_text(text: str) -> list[Run]:
    """Split one equal text into equal and inferred delete/insert runs (one equal run when it proves nothing)."""
    return _split(text) if text else []


#: Where a citation's first year runs into the second place (``2014Dubai``, ``2014Rev.``): every
#: :data:`CITATION` match holds exactly one such junction, its first year's last digit.
_CITATION_AT = re.compile(r"\d(?=[A-Z])")
#: Where a period's first dash is followed by eight digits (``-20192020``): every :data:`PERIOD` match
#: holds exactly one, four characters after its start.
_PERIOD_AT = re.compile(r"[-‑–](?=\d{8})")
#: What may stand between a citation's opening character and its first year's comma
#: (``Rev.``, capitalised words, the spaces between them).
_PLACE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz. \xa0"
#: What a citation starts with (:data:`CITATION`'s first character).
_OPENING = re.compile(r"[(\s\xa0]")


def _citations(text: str) -> list[re.Match]:
    """``list(CITATION.finditer(text))``, with the pattern tried only where a match can start.

    A match's one junction ``j`` (:data:`_CITATION_AT`) has its year's comma at ``j - 5``; between the
    match's start and that comma stand only :data:`_PLACE_CHARS`, so the start is at or after the last
    other character before the comma.  Matches are found junction by junction, left to right, each
    from where the last one ended, as ``finditer`` finds them: no scan of the whole text per pattern.
    """
    out: list[re.Match] = []
    pos = 0
    match = CITATION.match
    for junction in _CITATION_AT.finditer(text):
        comma = junction.start() - 5
        if comma <= pos or text[comma] != ",":
            continue
        lo = max(pos, len(text[:comma].rstrip(_PLACE_CHARS)) - 1)
        for start in _OPENING.finditer(text, lo, comma):
            m = match(text, start.start())
            if m:
                out.append(m)
                pos = m.end()
                break
    return out


def _periods(text: str) -> list[re.Match]:
    """``list(PERIOD.finditer(text))``, the pattern tried only four characters before each :data:`_PERIOD_AT`."""
    out: list[re.Match] = []
    pos = 0
    match = PERIOD.match
    for dash in _PERIOD_AT.finditer(text):
        start = dash.start() - 4
        if start >= pos:
            m = match(text, start)
            if m:
                out.append(m)
                pos = m.end()
    return out


def _split(text: str) -> list[Run]:
    """:func:`split_text` of a non-empty text."""
    hits = []
    for m in _citations(text):
        ya, yb = int(m.group("ya")), int(m.group("yb"))
        if ya != yb:
            hits.append((m.start("a"), m, ya < yb))
    for m in _periods(text):
        a1, a2, b1, b2 = map(int, m.group("a1", "a2", "b1", "b2"))
        if a1 < a2 <= a1 + 12 and b1 < b2 <= b1 + 12 and a1 != b1:
            hits.append((m.start(), m, a1 < b1))
    if not hits:
        return [make_run(Op.EQUAL, text)]
    hits.sort(key=_first)
    out: list[Run] = []
    pos = 0
    for start, m, later_second in hits:
        if start < pos:  # overlapping shapes: keep the first
            continue
        a = m.group("a")
        if a.startswith("Rev.") and not m.group("b").startswith("Rev."):
            start, a = start + 5, a[5:]  # "(Rev. Antalya, 2006Dubai, 2018)": only the place changes
        if start > pos:
            out.append(make_run(Op.EQUAL, text[pos:start]))
        first, second = (Op.DELETE, Op.INSERT) if later_second else (Op.INSERT, Op.DELETE)
        out.append(make_run(first, a, inferred=True))
        out.append(make_run(second, m.group("b"), inferred=True))
        pos = m.end()
    if pos < len(text):
        out.append(make_run(Op.EQUAL, text[pos:]))
    return out


def _first(hit: tuple) -> int:
    return hit[0]


def infer_text(runs: list[Run]) -> list[Run]:
    """Recover run-together citations and periods inside the equal runs."""
    out: list[Run] = []
    for r in runs:
        if r.op is Op.EQUAL and r.text:
            out.extend(_split(r.text))
        else:
            out.append(r if r.op is not Op.EQUAL else make_run(Op.EQUAL, r.text))
    return out


def infer_letter_label(label: str) -> tuple[str, str] | None:
    """``"cb)"`` → ``("c", "b")``: two different letters that are not a roman numeral."""
    m = _DOUBLE_LETTER.fullmatch(label) if len(label) == 3 else None
    if not m or ROMAN.match(label[:-1]) or m.group(1) == m.group(2):
        return None
    return m.group(1), m.group(2)


def infer_number_label(label: str, previous: int | None) -> tuple[str, str] | None:
    """``"23"`` after item 2 → ``("2", "3")``: only when the whole number breaks the
    sequence and its last digits continue it.
    """
    if not label.isdigit() or len(label) < 2 or previous is None or int(label) == previous + 1:
        return None
    for cut in range(1, len(label)):
        old, new = label[:cut], label[cut:]
        if new[0] != "0" and old[0] != "0" and int(new) == previous + 1 and old != new:
            return old, new
    return None
