"""Stage 2, the usual case of CriticMarkup at scale: a stretch of simple changes read by the regex engine.

Most of a marked-up text is equal text without ``{`` and marks that :data:`MARKER` reads whole (an insertion,
a deletion or a substitution, perhaps with its author and date right after it; a comment; a highlight).  :func:`take_stretch` cuts such a
stretch with ``re.split`` in C, makes the pieces of each *distinct* equal text and mark once, and joins them
with ``itertools`` in C: a million changes cost a few C passes and a dictionary look-up each, where one loop
step per change cost about 2 µs (issue 17).  What a change gives is the reader's own (:mod:`.markup`, the
``marker`` argument), so the pieces are the ones its loop makes, step by step.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress, count, repeat
from operator import attrgetter, contains, is_

from itu_nb.parsing.frozen import equal_run

__all__ = ["MARKER", "repeats", "take_stretch"]

#: A mark read whole: ``{++…++}`` or ``{--…--}`` closed by the first closer, ``{~~a~>b~~}`` with neither side
#: holding "~" or "{", each perhaps followed by a comment ``{>>…<<}`` without "{" or a line break (the change's
#: author and date, ``{>>@…<<}``, or a comment made right after it); or a comment alone, or a highlight
#: ``{==…==}`` without "{".  The one group is the whole mark, so that ``split`` gives equal text and marks in turn.
#: "Up to the first closer" is spelt out (characters other than the closer's first, or that one where the closer
#: does not follow) rather than lazily (``.*?``, a step of the engine per character, a third slower over a million
#: changes); both read the same text.
_COMMENT = r"\{>>[^{\n<]*(?:<(?!<\})[^{\n<]*)*<<\}"
MARKER = re.compile(
    r"(\{(?:\+\+[^+]*(?:\+(?!\+\})[^+]*)*\+\+\}|--[^-]*(?:-(?!-\})[^-]*)*--\}|~~[^~{]*~>[^~{]*~~\})"
    f"(?:{_COMMENT})?|{_COMMENT}"
    r"|\{==[^{=]*(?:=(?!=\})[^{=]*)*==\})",
    re.DOTALL,
)
#: A comment or highlight opener that :data:`MARKER` cannot read whole (a "{" before its closer, or a comment's line
#: break): where a stretch must end, found once (a stretch cut at the next "{" instead read beyond it, up to twice
#: the characters it took, when such marks are dense).
STOP = re.compile(r"\{(?:==(?![^{]*?==\})|>>(?![^{\n]*?<<\}))")
#: The first stretch read at once, in characters, and the most: doubled while every change in it is taken.
FIRST, MOST = 512, 1 << 17
_TEXT = attrgetter("text")


def take_stretch(
    text: str, pos: int, hi: int, pieces: list, marker, memo: dict, odd: set, plain: list | None, stops: list
) -> tuple[int, str | None]:
    """Read the marks from ``pos`` on while the text between them holds no ``{``; append their pieces.

    Equal text ``t`` gives one equal run (none when empty), ``marker(m)`` the pieces of a mark ``m``
    (:data:`MARKER`'s group, a tuple); ``memo`` keeps both, by text (equal texts and changes never look alike: a
    change starts with ``{``); ``odd`` holds those of their texts that give a piece of no text or with a line
    break.  Returns where reading stopped (the end of the last change taken, or ``pos``) and that change (None
    when none was taken).  Each stretch of pieces appended that are all of some text without a line break is
    added to ``plain`` (unless None) as its (start, end) in ``pieces`` (a stretch is cut at the odd ones).  Text is cut in stretches of at most
    :data:`MOST` characters; a change at a stretch's end is read again with the next one (its author and date
    may lie beyond the cut).  ``stops[0]`` is where the next :data:`STOP` stands (from an earlier call; looked for
    again once reading is past it, so each is searched for once): no stretch reads beyond it.
    """
    size, last = FIRST, None
    if stops[0] < pos:
        found = STOP.search(text, pos)
        stops[0] = found.start() if found is not None else len(text)
    bound = stops[0] + 1  # the stretch ends at the next comment or highlight, its "{" included
    while pos < hi:
        end = min(hi, pos + size, bound)
        parts = MARKER.split(text[pos:end])
        eqs, marks = parts[0::2], parts[1::2]
        # the changes that are surely whole: all but the last one, unless the stretch ends at hi or at a "{" that
        # can be no part of a change (nor of its author and date)
        at_end = end in (hi, bound)
        n = len(marks) if at_end else len(marks) - 1
        stop = len(eqs)  # the first equal text with "{" (looked for one by one only when there is one)
        if "{" in "".join(eqs):
            stop = next(compress(count(), map(contains, eqs, repeat("{"))))
        k = min(stop, n)
        if k <= 0:
            if stop and end < hi and size < hi - pos:  # no change whole yet, and none refused: a longer stretch
                size *= 2
                continue
            break
        taken = parts[: 2 * k]
        made: list = list(map(memo.get, taken))  # the pieces of each text, None for a new one
        if None in made:
            new = list(compress(count(), map(is_, made, repeat(None))))  # where the new texts stand in taken
            for t in set(map(taken.__getitem__, new)):  # each new text once: a mark starts with "{", equal text never
                if t[:1] == "{":
                    got = memo[t] = marker(t)
                    if "\n" in t or "" in map(_TEXT, got):
                        odd.add(t)
                else:
                    memo[t] = (equal_run(t),) if t else ()
                    if "\n" in t:
                        odd.add(t)
            for i in new:
                made[i] = memo[taken[i]]
        before = len(pieces)
        pieces.extend(chain.from_iterable(made))
        if plain is not None:
            at = list(compress(count(), map(odd.__contains__, taken)))  # where the odd texts stand in taken
            if not at:
                plain.append((before, len(pieces)))
            elif len(at) * 8 < k:  # a few odd ones (highlights, paragraph ends): the stretches between them
                _plain_between(made, at, before, plain)
        pos = end - sum(map(len, parts[2 * k :]))  # the parts join to text[pos:end]
        last = marks[k - 1]
        if k < n or at_end:
            break
        unit = eqs[k - 1] + last  # the last equal text and change, again and again: taken at once
        copies = repeats(text, pos, hi, unit) - 1  # the last copy is read again (its author and date may follow)
        if copies > 0:
            before = len(pieces)
            pieces.extend((memo[eqs[k - 1]] + memo[last]) * copies)
            if plain is not None and eqs[k - 1] not in odd and last not in odd:
                plain.append((before, len(pieces)))
            pos += len(unit) * copies
        size = min(size * 2, MOST)
    return pos, last


def _plain_between(made: list, odd: list, before: int, plain: list) -> None:
    """Add to ``plain`` the stretches of pieces between the odd ones: ``made`` holds the pieces of each text taken
    (appended from ``before`` on), ``odd`` the indices in ``made`` of those that are odd (in order, at least one).
    """
    ends = list(accumulate(map(len, made), initial=before))  # where the pieces of each text start, and the end
    at = before
    for i in odd:
        if ends[i] > at:
            plain.append((at, ends[i]))
        at = ends[i + 1]
    if ends[-1] > at:
        plain.append((at, ends[-1]))


def repeats(text: str, pos: int, hi: int, unit: str) -> int:
    """How many times ``unit`` stands in ``text[pos:hi]`` from ``pos`` on, one copy right after another.

    Compared in blocks of up to :data:`MOST` characters (C's memory comparison), then halving: a million
    copies of a change cost a few milliseconds, and text that does not repeat is refused at its second copy.
    """
    size = len(unit)
    if not text.startswith(unit, pos, hi) or not text.startswith(unit, pos + size, hi):
        return int(text.startswith(unit, pos, hi))
    many, found = max(2, MOST // size), 0
    while many:  # the largest blocks first: at most a few comparisons of each size after the first
        block = unit * many
        while text.startswith(block, pos, hi):
            pos, found = pos + size * many, found + many
        many //= 2
    return found
