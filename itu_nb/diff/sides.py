"""What clause alignment knows about one text's clauses: :class:`Side`, and word sets for similarity.

:mod:`itu_nb.diff.align` pairs clauses by their class (item, section, heading…), text, label and
section, and scores candidate pairs by the Dice similarity of their word sets; a :class:`Side`
computes those once per clause, word sets only when asked (a text compared with an edited copy
needs few).
"""

from __future__ import annotations

import re

from itu_nb.model import HOMOGLYPHS, Clause, NodeKind

__all__ = ["Side", "dice", "words"]

_CLASS = {
    NodeKind.ITEM: "item",
    NodeKind.PARAGRAPH: "item",
    NodeKind.SECTION: "section",
    NodeKind.HEADING: "heading",
    NodeKind.TITLE: "title",
    NodeKind.FORMULA: "formula",
    NodeKind.ANNEX: "annex",
    NodeKind.FOOTNOTE: "footnote",
    NodeKind.REASONS: "reasons",
}
_WORD = re.compile(r"\w+")


class Side:
    """What alignment (and :func:`~itu_nb.diff.twoway.compare`) needs to know about one text's clauses.

    The clauses are views (every run equal), so a body is the joined text of its runs.
    """

    def __init__(self, clauses: list[Clause]):
        self.clauses = clauses
        self.cls = [_CLASS.get(c.kind) or c.kind.value for c in clauses]  # (.value only when needed: a property)
        self.body = [c.runs[0].text if len(c.runs) == 1 else "".join(r.text for r in c.runs) for c in clauses]
        self.raw_label = [
            c.label_runs[0].text if len(c.label_runs) == 1 else "".join(r.text for r in c.label_runs) for c in clauses
        ]
        norm: dict[str | None, str] = {}
        self.section = [
            norm.get(c.section) or norm.setdefault(c.section, " ".join((c.section or "").split()).lower())
            for c in clauses
        ]
        self._label: dict[int, str | None] = {}
        self._words: list[frozenset[str] | None] = [None] * len(clauses)

    def key(self, i: int) -> tuple[str, str]:
        """Class and text of clause ``i``: clauses with equal keys are identical."""
        return self.cls[i], self.body[i]

    def loose_key(self, i: int) -> tuple[str, str]:
        """Class and text with whitespace collapsed (no-break spaces, tabs and line breaks as one space)."""
        text = self.body[i]
        # the space is the only printable white space: a printable text without a double space or a
        # space at either end is its own collapsed form (the usual case, no split and join)
        if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        return self.cls[i], text

    def label(self, i: int) -> str | None:
        """The label without its separator, Cyrillic look-alikes read as Latin (as :meth:`Clause.label_in`)."""
        if i not in self._label:
            raw = self.raw_label[i]
            self._label[i] = raw.strip().translate(HOMOGLYPHS) if raw else None
        return self._label[i]

    def words(self, i: int) -> frozenset[str]:
        r"""The clause's words (``\w+``), in lower case."""
        w = self._words[i]
        if w is None:
            w = self._words[i] = words(self.body[i])
        return w


#: ASCII bytes → themselves for a word character (``[0-9a-z_]``, capitals lowered), else a space.
_ASCII_WORDS = (
    bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + b" " * 128
)


#: Non-ASCII characters common in ITU texts that are not word characters: read as spaces, they
#: leave the words unchanged and let most texts take the ASCII path.
_NOT_WORDS = ("\xa0", "\u2011", "\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2022", "\xa7")


def words(text: str) -> frozenset[str]:
    r"""The set of ``\w+`` words of ``text`` in lower case; an ASCII text is cut by a byte table (faster).

    No-break spaces and hyphens, dashes, curly quotes, bullets and section signs are
    replaced by spaces first (none is a word character), so most ITU texts are ASCII here.
    """
    if not text.isascii():
        for ch in _NOT_WORDS:
            if ch in text:
                text = text.replace(ch, " ")
        if not text.isascii():
            return frozenset(_WORD.findall(text.lower()))
    return frozenset(text.encode().translate(_ASCII_WORDS).decode().split())


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice similarity of two word sets: twice the shared words over the sum of the sizes (1.0 for two empty sets)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
