"""Amendment instructions in plain language, as ITU documents and conference reports write them.

:func:`parse` turns each instruction into edit operations (:mod:`itu_nb.amendments.edits`):

==========================================================  =====================================
``In resolves 2, replace "X" by "Y"``                       :class:`~itu_nb.amendments.edits.ReplaceWords`
``In considering c), delete "X"`` / ``Delete "X" in …``     ReplaceWords with ``new=""``
``In resolves 2, insert "X" after "Y"`` / ``… at the end``  :class:`~itu_nb.amendments.edits.InsertWords`
``Add a new considering d) reading: …``                     :class:`~itu_nb.amendments.edits.InsertClause`
``Add a new paragraph after resolves 2 reading: …``         InsertClause (label from its place)
``Add a new section "noting further" reading: …``           :class:`~itu_nb.amendments.edits.AddSection`
``Delete recognizing c)`` / ``Suppress …``                  :class:`~itu_nb.amendments.edits.DeleteClause`
``Replace resolves 3 by: …`` / ``resolves 3 shall read: …`` :class:`~itu_nb.amendments.edits.ReplaceClause`
``Move resolves 4 after resolves 1``                        :class:`~itu_nb.amendments.edits.MoveClause`
``Renumber resolves 5 as resolves 6``                       :class:`~itu_nb.amendments.edits.Relabel`
``Renumber considering``                                    :class:`~itu_nb.amendments.edits.Renumber`
``Renumber the following paragraphs accordingly``           nothing: relettering is automatic
==========================================================  =====================================

Quotes may be straight or curly.  An instruction that matches none of these raises
:class:`InstructionError` quoting it.
"""

from __future__ import annotations

import re

from itu_nb.amendments.edits import (
    AddSection,
    DeleteClause,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    Renumber,
    ReplaceClause,
    ReplaceWords,
)
from itu_nb.amendments.operations import shorten
from itu_nb.errors import ItuNbError

__all__ = ["InstructionError", "parse", "parse_one", "shorten"]


class InstructionError(ItuNbError, ValueError):
    """An instruction that could not be read; the message quotes it."""


_Q = r"[\"“”](?P<{0}>.*?)[\"“”]"


def _q(name: str) -> str:
    return _Q.format(name)


_ADDR = r"(?P<at>[^\"“”]+?)"
_WITH = r"(?:by|with)(?:\s+the\s+words?)?"
_WORDS = r"(?:the\s+words?\s+)?"
_TEXT = r"(?:\s*(?:reading|as\s+follows|to\s+read|which\s+reads)\s*:?|\s*:)\s*(?P<text>.+)"
_AT_END = r"(?:at\s+the\s+end(?:\s+of\s+the\s+(?:paragraph|text|clause))?)"
_FOLLOWING = r"(?:the\s+following(?:\s+(?:text|paragraph))?\s*)?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (p, re.compile(rx, re.I | re.S))
    for p, rx in (
        ("replace_in", rf"^in\s+{_ADDR}\s*,\s*replace\s+{_WORDS}{_q('old')}\s+{_WITH}\s+{_q('new')}$"),
        ("replace_of", rf"^replace\s+{_WORDS}{_q('old')}\s+{_WITH}\s+{_q('new')}\s+in\s+{_ADDR}$"),
        ("delete_in", rf"^in\s+{_ADDR}\s*,\s*(?:delete|suppress|strike(?:\s+out)?)\s+{_WORDS}{_q('old')}$"),
        ("delete_of", rf"^(?:delete|suppress)\s+{_WORDS}{_q('old')}\s+(?:in|from)\s+{_ADDR}$"),
        (
            "insert_in",
            rf"^in\s+{_ADDR}\s*,\s*(?:insert|add)\s+{_q('text')}\s+(?P<where>after|before)\s+{_q('anchor')}$",
        ),
        ("append_in", rf"^in\s+{_ADDR}\s*,\s*(?:insert|add)\s+{_q('text')}\s+{_AT_END}$"),
        ("append_at", rf"^at\s+the\s+end\s+of\s+{_ADDR}\s*,\s*(?:insert|add)\s+{_q('text')}$"),
        (
            "section",
            rf"^(?:add|insert)\s+(?:a\s+)?new\s+section\s+(?:{_q('name')}|(?P<bare>[^:\"“”]+?))"
            rf"(?:\s+(?P<where>after|before)\s+{_ADDR})?(?:{_TEXT})?$",
        ),
        (
            "add_at",
            rf"^(?:add|insert)\s+(?:a\s+)?new\s+(?:paragraph|item|sub-?paragraph|clause)\s+"
            rf"(?P<where>after|before|at\s+the\s+end\s+of)\s+{_ADDR}{_TEXT}$",
        ),
        ("add_new", rf"^(?:add|insert)\s+(?:a\s+)?new\s+{_ADDR}{_TEXT}$"),
        (
            "move",
            r"^move\s+(?P<at>.+?)\s+(?P<where>after|before|to\s+follow|to\s+precede|to\s+the\s+end\s+of)\s+(?P<to>.+)$",
        ),
        ("renumber_as", r"^renumber\s+(?P<at>.+?)\s+as\s+(?P<label>.+)$"),
        ("renumber_auto", r"^renumber\s+(?:the\s+)?(?:following|subsequent|remaining)\b.*$"),
        ("renumber", r"^renumber\s+(?P<at>.+?)(?:\s+(?:accordingly|consequentially))?$"),
        ("delete", r"^(?:delete|suppress)\s+(?P<at>[^\"“”]+?)(?:\s*,?\s*and\s+renumber\b.*)?$"),
        ("replace_clause", rf"^(?:replace|amend)\s+{_ADDR}\s+(?:{_WITH}|to\s+read)\s*{_FOLLOWING}{_TEXT}$"),
        ("replace_clause", rf"^(?:replace|amend)\s+{_ADDR}\s+{_WITH}\s+{_q('text')}$"),
        ("replace_clause", rf"^{_ADDR}\s+(?:shall|should|to)\s+read{_TEXT}$"),
    )
]

_TEXT_QUOTES = '"“”'
_SPACES = re.compile(r"[^\S\n]{2,}|[\t\xa0]")  # a single space of another kind stays as written
_NEWLINES = re.compile(r" ?\n\s*")


def _text(raw: str) -> str:
    text = raw.strip()
    if len(text) > 1 and text[0] in _TEXT_QUOTES and text[-1] in _TEXT_QUOTES:
        text = text[1:-1]
    return text


def _split_new(address: str) -> tuple[str, str | None]:
    """``"considering d)"`` → (``"considering"``, ``"d)"``); a section alone has no label."""
    m = re.match(r"^(?P<parent>.+?)\s+(?P<label>\(?[\w.]+\)|\d+(?:\.\d+)*)$", address.strip())
    if not m:
        return address.strip(), None
    return m.group("parent"), m.group("label")


def _ops(kind: str, m: re.Match) -> list:
    g = m.groupdict()
    at = (g.get("at") or "").strip().rstrip(",")
    if kind in ("replace_in", "replace_of"):
        return [ReplaceWords(at, g["old"], g["new"])]
    if kind in ("delete_in", "delete_of"):
        return [ReplaceWords(at, g["old"], "")]
    if kind == "insert_in":
        where = g["where"].lower()
        return [InsertWords(at, g["text"], **{where: g["anchor"]})]
    if kind in ("append_in", "append_at"):
        return [InsertWords(at, g["text"])]
    if kind == "section":
        name = (g.get("name") or g.get("bare") or "").strip()
        items = tuple(t.strip() for t in re.split(r"\n+", _text(g["text"]))) if g.get("text") else ()
        where = (g.get("where") or "").lower()
        return [AddSection(name, items, **({where: at} if where else {}))]
    if kind == "add_at":
        where = g["where"].lower()
        key = "into" if where.startswith("at") else where
        return [InsertClause(_text(g["text"]), **{key: at})]
    if kind == "add_new":
        parent, label = _split_new(at)
        return [InsertClause(_text(g["text"]), into=parent, label=label)]
    if kind == "move":
        where = g["where"].lower()
        key = {"to follow": "after", "to precede": "before"}.get(where, "into" if where.startswith("to the") else where)
        return [MoveClause(at, **{key: g["to"].strip()})]
    if kind == "renumber_as":
        return [Relabel(at, _split_new(g["label"].strip())[1] or g["label"].strip())]
    if kind == "renumber_auto":
        return []
    if kind == "renumber":
        return [Renumber(at)]
    if kind == "delete":
        return [DeleteClause(at)]
    if kind == "replace_clause":
        return [ReplaceClause(at, _text(g["text"]))]
    raise AssertionError(kind)  # pragma: no cover


def parse_one(instruction: str) -> list:
    """The edit operations one instruction asks for (an empty list for "renumber … accordingly").

    Raises
    ------
    InstructionError
        Quoting the instruction, with the forms that are understood.
    """
    # every run of spaces (of any Unicode kind, not only " ", TAB and NBSP) becomes one space first:
    # the patterns' \s* beside lazy groups would otherwise rescan a long run at every step (quadratic)
    raw = _NEWLINES.sub("\n", _SPACES.sub(" ", instruction)).strip()
    bare = raw.rstrip(".;").strip()  # a text to insert keeps its final punctuation; other forms lose it
    if not bare:
        raise InstructionError("an empty instruction")
    for kind, rx in _PATTERNS:
        m = rx.match(raw if "(?P<text>.+)" in rx.pattern else bare)
        if m:
            return _ops(kind, m)
    raise InstructionError(
        f"cannot read the instruction {shorten(instruction.strip())!r}; write for example "
        "'In resolves 2, replace \"X\" by \"Y\"', 'Add a new considering d) reading: …', "
        "'Delete recognizing c)', 'Replace resolves 3 by: …', 'Move resolves 4 after resolves 1', "
        "'Renumber resolves 5 as resolves 6'"
    )


def parse(instructions: str | list[str]) -> list[tuple[str, list]]:
    """(instruction, operations) for each instruction; a string holds one instruction per line."""
    if isinstance(instructions, str):
        instructions = [line for line in instructions.splitlines() if line.strip()]
    return [(i, parse_one(i)) for i in instructions]
