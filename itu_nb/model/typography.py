"""Typography as its own class of change: what differs in characters but not on screen.

A change is *typographic* when its two sides read the same once look-alikes are folded
(:func:`fold`): Unicode compatibility forms (NFKC: a no-break space is a space, a
non-breaking hyphen U+2011 a hyphen), every dash and minus variant a hyphen, curly quotes
straight, runs of white space one space; and, in headings, titles and section keywords
(which the Final Acts set in capitals: ``Rev. Dubai`` → ``REV. DUBAI``), letter case.

A change is judged with the characters around it (:func:`typographic_groups`): deleting one
of two spaces is typographic, deleting the only space between two words is not
(``the Union`` → ``theUnion`` reads differently).

:func:`itu_nb.compare` uses this to hide typographic changes (the default), show them
apart, or show them as any other change (its ``typography`` argument).
"""

from __future__ import annotations

import re
import unicodedata

from itu_nb.model.runs import Run

__all__ = ["TYPOGRAPHY", "fold", "looks_same", "typographic_groups", "typographic_spans"]

#: The values of ``compare(..., typography=...)``: ``"hide"`` typographic changes (their runs read
#: as the new text), ``"separate"`` (kept, flagged and drawn apart), ``"show"`` (kept as any change).
TYPOGRAPHY = ("hide", "separate", "show")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_QUOTES = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
#: The three tables as one (no table maps a character to a key of another: one pass does what three did).
_FOLD = {**_INVISIBLE, **_DASHES, **_QUOTES}
_SPACE = re.compile(r"\s+")


def fold(text: str, *, case: bool = False) -> str:
    """``text`` as it reads on screen: NFKC, dashes as ``-``, quotes straight, white space as one space.

    Parameters
    ----------
    text : str
    case : bool
        Also fold letter case (for headings, titles and section keywords).

    Examples
    --------
    >>> fold("ITU\u2011T\u00a0Study Group \u201c17\u201d \u2013 2018")
    'ITU-T Study Group "17" - 2018'
    >>> fold("Rev.\u00a0Dubai", case=True) == fold("REV. DUBAI", case=True)
    True
    """
    if text.isascii():  # the usual piece of a change: NFKC leaves ASCII as it is, and of the tables only ` is ASCII
        out = text.replace("`", "'") if "`" in text else text
    else:
        out = unicodedata.normalize("NFKC", text).translate(_FOLD)
    if not out.isprintable() or "  " in out:  # the space is the only printable white space: else nothing to fold
        out = _SPACE.sub(" ", out)
    return out.casefold() if case else out


def looks_same(old: str, new: str, before: str = "", after: str = "", *, case: bool = False) -> bool:
    """Whether replacing ``old`` by ``new`` between ``before`` and ``after`` changes nothing on screen.

    White space at either end of a clause does not show: where there is no ``before`` (or
    ``after``), leading (trailing) white space is ignored.

    Examples
    --------
    >>> looks_same(" ", "", "the ", "Union"), looks_same(" ", "", "the", "Union")
    (True, False)
    >>> looks_same("Best", "best"), looks_same("Rev", "REV", case=True)
    (False, True)
    """
    if old == new:
        return True
    key = (old, new, before, after, case)
    got = _SEEN.get(key)
    if got is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        got = _SEEN[key] = _looks_same(old, new, before, after, case)
    return got


#: Answers of :func:`looks_same` already given: the same few changes recur (a no-break space for a
#: space between the same letters, ``ITU-T`` for ``ITU‑T``), in a text and from text to text.
_SEEN: dict[tuple[str, str, str, str, bool], bool] = {}
_SEEN_MAX = 8192


def _looks_same(old: str, new: str, before: str, after: str, case: bool) -> bool:
    a, b = fold(before + old + after, case=case), fold(before + new + after, case=case)
    if not before:
        a, b = a.lstrip(), b.lstrip()
    if not after:
        a, b = a.rstrip(), b.rstrip()
    return a == b


def typographic_groups(runs: tuple[Run, ...] | list[Run], *, case: bool = False) -> list[tuple[int, int]]:
    """(start, end) index ranges of the maximal groups of non-equal runs that :func:`looks_same` judges typographic.

    A group is judged with one character of the equal text on each side (enough to tell
    whether a space stands between words), and the whole group at once: a deleted
    no-break space next to an inserted space is one typographic replacement.
    """
    return [(i, j) for i, j, _new in typographic_spans(runs, case=case)]


def typographic_spans(runs, *, case: bool = False) -> list[tuple[int, int, str]]:
    """:func:`typographic_groups` with each group's new text: ``(start, end, inserted text)``.

    ``runs`` may also be a diff's ``(op, text)`` pairs (op -1, 0 or 1), as
    :func:`itu_nb.diff.twoway.compare` judges them before making runs.
    """
    if runs and isinstance(runs[0], Run):
        runs = [(r.op, r.text) for r in runs]
    out = []
    i, n = 0, len(runs)
    while i < n:
        op, text = runs[i]
        if op == 0:
            i += 1
            continue
        j = i + 1
        while j < n and runs[j][0] != 0:
            j += 1
        if j == i + 2 and op == -1 and runs[i + 1][0] == 1:  # the usual group: one replacement
            old, new = text, runs[i + 1][1]
        elif j == i + 1:  # a deletion or an insertion alone
            old, new = (text, "") if op == -1 else ("", text)
        else:
            old = "".join([t for o, t in runs[i:j] if o == -1])
            new = "".join([t for o, t in runs[i:j] if o == 1])
        before = runs[i - 1][1][-1:] if i else ""
        after = runs[j][1][:1] if j < n else ""
        if looks_same(old, new, before, after, case=case):
            out.append((i, j, new))
        i = j
    return out
