r"""Text that reads as an inline artefact, and brackets in a note body, escaped in CriticMarkup so that they read back.

The CriticMarkup reader takes ``[1: …]``, ``[footnoteRef:1]``, ``[endnoteRef:1]`` and ``[bookmark: …]`` in a
line for a note body, a note's reference or a bookmark (:data:`itu_nb.parsing.markup.INLINE_ARTEFACTS`).  A
paragraph whose text is literally such (a generated .docx holds a paragraph ``[1: 1<TAB>Note body text]``,
read as text by the .docx and Akoma Ntoso readers) is written by the CriticMarkup writer with a backslash
after its ``[`` (``[\1: 1<TAB>Note body text]``), which no artefact starts with: :func:`escape`.  The reader
takes one backslash out after a ``[`` that one or more backslashes and an artefact's start follow
(:func:`unescape`), so a text that held ``[\1: `` itself is written ``[\\1: `` and read back as it was.  A note
whose marker is no number (``*``, ``a``, ``†``: an Akoma Ntoso note, the FOOTNOTE node ``fn*``) has its body read
so too, ``[*: …]``, in a line that references it (``[footnoteRef:*]``: :func:`note_names`), and text reading
``[*: `` in such a line is escaped the same way.  Only such places change: a backslash anywhere else is text.
The plain-text reader knows no escape: there ``[\1: x]`` is text as written.

A note body ends at the ``]`` that matches its ``[``, so a body whose own text has a ``[`` or ``]`` without its
pair (Word and Akoma Ntoso notes may: ``see [1] and Art. 5]``, ``the text of [Annex 2``) would end too early or
never.  Inside a body the CriticMarkup writer puts a backslash before each such bracket (``see [1] and Art. 5\]``,
``the text of \[Annex 2``: :func:`escape_note`), and doubles the backslashes that stand right before any bracket
there, so a literal backslash survives (``C:\dir\`` is ``[1: C:\dir\\]``); text reading as an artefact's start is
escaped inside a body as elsewhere (``[\2: ``), so that a comment or a change may cut a body holding such text (the
reader's search for a body's end past a cut stops at a body's start: linear on a line of many).  The reader
(:func:`closings`, :func:`note_removals`) reads the ``k`` backslashes right before a bracket inside a body as
``k // 2`` backslashes, and the bracket as text, which matches nothing, when ``k`` is odd; and takes one backslash
out after an escaped ``[`` there as :func:`unescape` does.  Outside note bodies nothing changes, and a body with no
backslash next to a bracket reads as it always did.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from itu_nb.model.note_source import MARKER

__all__ = [
    "ESCAPED",
    "body_opener",
    "brackets",
    "closings",
    "escape",
    "escape_note",
    "names_a_note",
    "note_names",
    "note_removals",
    "trailing",
    "unescape",
    "unescape_note",
]

#: What follows the ``[`` of an inline artefact: a bookmark, a note's reference, a note body's number.
_START = r"(?:bookmark: |(?:foot|end)noteRef:|\d+:[ \t])"
_OPEN = re.compile(r"\[(?=\\*" + _START + ")")
#: A ``[`` escaped by the writer: the backslash after it, with backslashes and an artefact's start after that.
ESCAPED = re.compile(r"\[\\(?=\\*" + _START + ")")
#: A reference to a note, its marker in group 1.
_NAMED_REF = re.compile(r"\[(?:foot|end)noteRef:(" + MARKER + r")\]")
_NUMBER = re.compile(r"\d+\Z")
#: A reference by a marker that is no number (one :func:`note_names` finds): the marker all digits is excluded.
_NAMED_ONLY = re.compile(r"\[(?:foot|end)noteRef:(?!\d+\])" + MARKER + r"\]")
#: A note body's start by number (as :data:`itu_nb.parsing.markup.INLINE_ARTEFACTS` reads one).
_BODY_OPEN = re.compile(r"\[\d+:[ \t]")
#: A bracket and the backslashes right before it (from the start of their run: linear on a long run).
_BRACKETED = re.compile(r"(?<!\\)(\\*)([\[\]])")
_BRACKET = re.compile(r"[\[\]]")


def note_names(texts: Iterable[str]) -> frozenset[str]:
    """The markers that are no number (``*``, ``a``, ``†``) of the note references (``[footnoteRef:*]``) in
    ``texts``: a line's runs as the reader reads them, or what the writer writes as such.  A ``[*: `` in a line
    naming ``*`` so is a note body (a number's always is).

    Examples
    --------
    >>> sorted(note_names(["see[footnoteRef:*][*: x] and [footnoteRef:2]"]))
    ['*']
    """
    found = {m.group(1) for text in texts if "noteRef:" in text for m in _NAMED_REF.finditer(text)}
    return frozenset(name for name in found if not _NUMBER.match(name))


def names_a_note(text: str) -> bool:
    """Whether ``text`` holds a reference by a marker that is no number (``[footnoteRef:*]``), so that
    :func:`note_names` finds one there: one search, where :func:`note_names` is dearer and the usual reference is
    by number (``[footnoteRef:1]``).

    Examples
    --------
    >>> names_a_note("see [footnoteRef:1]1"), names_a_note("see [footnoteRef:*][*: x]")
    (False, True)
    """
    return "noteRef:" in text and _NAMED_ONLY.search(text) is not None


@functools.lru_cache(maxsize=64)
def _patterns(names: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """:data:`_OPEN`, :data:`ESCAPED` and :data:`_BODY_OPEN` with the bodies of the notes ``names`` too."""
    named = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    start = r"(?:bookmark: |(?:foot|end)noteRef:|\d+:[ \t]|(?:" + named + r"):[ \t])"
    return (
        re.compile(r"\[(?=\\*" + start + ")"),
        re.compile(r"\[\\(?=\\*" + start + ")"),
        re.compile(r"\[(?:\d+|" + named + r"):[ \t]"),
    )


def body_opener(names: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """The start of a note body, ``[1: ``, or ``[*: `` for a marker of ``names`` (:func:`note_names`)."""
    return _patterns(names)[2] if names else _BODY_OPEN


def escape(text: str, names: frozenset[str] = frozenset()) -> str:
    r"""``text`` with a backslash after each ``[`` that an artefact's start follows (after any backslashes);
    ``names``: the markers that are no number whose bodies the line's reader reads (:func:`note_names`).

    Examples
    --------
    >>> escape("[1: 1\tNote body text]")
    '[\\1: 1\tNote body text]'
    >>> escape("see [\\1: x] and [a]")
    'see [\\\\1: x] and [a]'
    >>> escape("[*: x]", frozenset("*"))
    '[\\*: x]'
    """
    if "[" not in text:
        return text
    return (_patterns(names)[0] if names else _OPEN).sub("[\\\\", text)


def unescape(text: str, names: frozenset[str] = frozenset()) -> tuple[str, list[int]]:
    r"""``text`` with the backslash of each escaped ``[`` taken out (what :func:`escape` added), and the place
    of each backslash taken out in ``text``.

    Examples
    --------
    >>> unescape("[\\1: 1\tNote body text]")
    ('[1: 1\tNote body text]', [1])
    """
    pattern = _patterns(names)[1] if names else ESCAPED
    places = [m.end() - 1 for m in pattern.finditer(text)]
    if not places:
        return text, places
    return pattern.sub("[", text), places


def brackets(text: str, carry: int = 0) -> Iterator[tuple[int, str, int, int]]:
    """Each bracket of ``text``: (its place, ``[`` or ``]``, the backslashes right before it in ``text``, and with
    ``carry``: the backslashes that end the text before ``text`` (of one note body), counted in when the run starts
    ``text``).
    """
    if "[" in text or "]" in text:
        for m in _BRACKETED.finditer(text):
            local = len(m.group(1))
            yield m.start(2), m.group(2), local, local + (carry if m.start() == 0 else 0)


def trailing(text: str, carry: int = 0) -> int:
    """The backslashes that end ``text`` (``carry`` more when it is backslashes alone): the next text's ``carry``."""
    bare = text.rstrip("\\")
    return carry + len(text) if not bare else len(text) - len(bare)


def _runs(texts: Sequence[str]) -> Iterator[tuple[int, int, int, int]]:
    """Each bracket of ``texts`` (one text cut in pieces): (piece, place, backslashes right before it in the piece,
    those with the ones that end the pieces before counted in).
    """
    carry = 0
    for i, text in enumerate(texts):
        for at, _bracket, local, before in brackets(text, carry):
            yield i, at, local, before
        carry = trailing(text, carry)


def escape_note(texts: Sequence[str], counted: Sequence[bool], names: frozenset[str] = frozenset()) -> list[str]:
    r"""The texts of a note body after its ``[N: `` (one text cut in pieces, the last ending with its closing
    ``]``) as the CriticMarkup writer writes them: a backslash before each bracket of a ``counted`` piece (one the
    reader matches brackets in: of the body's own op) that has no pair there, the backslashes right before every
    bracket doubled, and text reading as an artefact's start escaped as :func:`escape` escapes it (``[\2: ``: the
    reader ends its search for a body's end at a body's start past a comment or a change); see the module
    docstring.  ``names``: as for :func:`escape`.  The same list when nothing needs it.

    Examples
    --------
    >>> escape_note(["see [1] and Art. 5]]"], [True])
    ['see [1] and Art. 5\\]]']
    >>> escape_note(["C:\\dir\\]"], [True])
    ['C:\\dir\\\\]']
    """
    lone = _unpaired(texts, counted)
    joined = "".join(texts)
    starts = [m.start() for m in (_patterns(names)[0] if names else _OPEN).finditer(joined)] if "[" in joined else []
    if not lone and not starts and "\\" not in joined:
        return list(texts)
    adds: list[tuple[int, int, str]] = []  # (piece, place, backslashes to put there), in order
    for i, at, _local, before in _runs(texts):
        adds.append((i, at, "\\" * (before + ((i, at) in lone))))
    at, k = 0, 0
    for i, text in enumerate(texts):  # after each "[" that an artefact's start follows: a backslash
        while k < len(starts) and starts[k] < at + len(text):
            adds.append((i, starts[k] - at + 1, "\\"))
            k += 1
        at += len(text)
    adds.sort(key=lambda a: a[:2])
    out = [list[str]() for _ in texts]
    done = [0] * len(texts)
    for i, place, more in adds:
        out[i] += (texts[i][done[i] : place], more)
        done[i] = place
    return ["".join(parts) + text[done[i] :] for i, (parts, text) in enumerate(zip(out, texts, strict=True))]


def _unpaired(texts: Sequence[str], counted: Sequence[bool]) -> set[tuple[int, int]]:
    """(piece, place) of each bracket of a ``counted`` piece that has no pair among them (the closing one left out)."""
    opened: list[tuple[int, int]] = []
    lone: set[tuple[int, int]] = set()
    end = (len(texts) - 1, len(texts[-1]) - 1) if texts else (-1, -1)
    for i, text in enumerate(texts):
        if not counted[i] or ("[" not in text and "]" not in text):
            continue
        for m in _BRACKET.finditer(text):
            if (i, m.start()) == end:
                continue
            if m.group() == "[":
                opened.append((i, m.start()))
            elif opened:
                opened.pop()
            else:
                lone.add((i, m.start()))
    return lone | set(opened)


def note_removals(texts: Sequence[str], names: frozenset[str] = frozenset()) -> list[int]:
    """The places, in the joined ``texts`` (a note body's after its ``[N: ``, as written), of the backslashes the
    reader takes out (sorted): of the ``k`` right before a bracket, the last ``(k + 1) // 2`` (those the writer
    added, :func:`escape_note`), in the bracket's piece; and the one after each ``[`` escaped as :func:`unescape`
    reads it.
    """
    places: list[int] = []
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text))
    for i, at, local, before in _runs(texts):
        take = min((before + 1) // 2, local)
        places += range(starts[i] + at - take, starts[i] + at)
    joined = "".join(texts)
    if "[\\" in joined:
        places = sorted(places + [m.end() - 1 for m in (_patterns(names)[1] if names else ESCAPED).finditer(joined)])
    return places


def unescape_note(texts: Sequence[str], names: frozenset[str] = frozenset()) -> list[str]:
    """``texts`` (a note body's after its ``[N: ``, as written) with the backslashes :func:`note_removals` names
    taken out.
    """
    places = note_removals(texts, names)
    if not places:
        return list(texts)
    out: list[str] = []
    gone = set(places)
    at = 0
    for text in texts:
        out.append("".join(c for k, c in enumerate(text, at) if k not in gone))
        at += len(text)
    return out


def closings(text: str, openers: set[int], skipped: set[int] | None = None) -> dict[int, int]:
    """Position of each ``[`` of ``text`` → position of its matching ``]``, as a CriticMarkup line is read: inside
    a note body (after one of the places ``openers`` that is not yet closed) a bracket after an odd number of
    backslashes is text, and matches nothing (its place added to ``skipped``); elsewhere every bracket counts (one
    linear pass).
    """
    stack: list[tuple[int, bool]] = []
    match: dict[int, int] = {}
    bodies = 0  # the openers of bodies among the brackets open
    for m in _BRACKETED.finditer(text):
        if bodies and len(m.group(1)) % 2:
            if skipped is not None:
                skipped.add(m.start(2))
            continue
        at = m.start(2)
        if m.group(2) == "[":
            body = at in openers
            stack.append((at, body))
            bodies += body
        elif stack:
            start, body = stack.pop()
            match[start] = at
            bodies -= body
    return match
