"""Label schemes and successors: which list a label belongs to, and the label that comes next.

Pure functions on a label's text, shared by the tree builder, the Akoma Ntoso loader and the
amendment code that reletters a list after an edit (:mod:`itu_nb.parsing.labels` names them too).
"""

from __future__ import annotations

import functools
import re

from itu_nb.model import HOMOGLYPHS
from itu_nb.parsing import keywords as kw

__all__ = [
    "bare_label",
    "continues_roman",
    "dotted_scheme",
    "fixed_scheme",
    "label_scheme",
    "letter_unless_roman",
    "roman_value",
    "successor",
    "successors",
]

_BIS_TER = re.compile(r"\s?(bis|ter)$")


def bare_label(label: str) -> str:
    """The label without separator, brackets or final dot, Cyrillic look-alikes read as Latin: ``(а).`` → ``a``."""
    return label.strip().translate(HOMOGLYPHS).strip("()").rstrip(".")


def dotted_scheme(label: str) -> str | None:
    """The scheme of a dotted number label (``12``, ``4.1``, ``101.100``: ASCII digits with single dots between
    them), ``number`` or ``decimalN``, read without :func:`label_scheme`'s steps; None for any other label.

    What :func:`label_scheme` and :func:`fixed_scheme` give for such a label, whatever its neighbours: its bare
    form is itself (no homoglyph, bracket, final dot, space or ``bis``), and it is read by its first digit and its
    dots.  The callers read each distinct label once through caches of 4,096 labels; a list of more distinct
    labels (100,000 items ``1.1`` … ``101.100``) missed them at every item, so these labels skip the general steps.

    Examples
    --------
    >>> dotted_scheme("101.100"), dotted_scheme("7"), dotted_scheme("1.1."), dotted_scheme("a)")
    ('decimal1', 'number', None, None)
    """
    if label.isascii() and label.replace(".", "").isdigit() and label[-1] != "." and label[0] != ".":
        dots = label.count(".")
        if not dots:
            return "number"
        if ".." not in label:
            return f"decimal{dots}"
    return None


@functools.lru_cache(maxsize=4096)
def label_scheme(
    label: str, previous_letter: str | None, previous_ends_colon: bool, previous_roman: str | None = None
) -> str:
    """``letter``, ``roman``, ``number``, ``decimalN``, ``bullet`` or ``dash``.

    ``previous_letter`` is the nearest lettered label before this one (its list's neighbour), bare and
    lower case (what the tree and AKN loaders pass), or its last letter; ``previous_ends_colon``
    whether the item just before ends with ``:``; ``previous_roman`` the nearest roman label before this
    one (the open roman list's last item), bare and lower case, or None.
    A label that reads as a roman numeral is read by its neighbours' scheme where the two differ:

    - a numeral one more than ``previous_roman`` continues that roman list, whatever the letters around
      it: ``l)`` after ``xlix)``, ``c)`` after ``xcix)``, ``cc)`` after ``cxcix)``, ``cd)`` after
      ``cccxcix)``, ``d)``, ``m)``, and ``v)`` after ``iv)`` under ``u)``;
    - ``i)``, ``v)``, ``x)`` right after ``h)``, ``u)``, ``w)`` continue the letters, unless that item
      introduces sub-items (``h) … :`` then ``i)``: roman, as in ITU texts);
    - ``l)``, ``c)``, ``d)``, ``m)`` alone are letters (a roman ``l)`` is the fiftieth sub-item: only the
      list it continues says so), and so are ``mm)``, ``mmm)`` and the two letters ``cd)``, ``dc)``, ``mi)``…
      that inference may read as a relettering; a longer numeral (``xli)``, ``dcc)``) is roman;
    - a letter doubled past ``z)`` (Word's ``aa)``, ``bb)``, ``cc)``…, as ITU lists of more than 26
      items are lettered): ``cc)`` and ``ccc)`` are letters (no ITU list of sub-items counts to
      200), ``xx)`` and ``xxx)`` after ``ww)`` / ``www)`` (``previous_letter`` ``w``);
    - any doubled letter after the doubled letter before it (``ii)`` after ``hh)``, given whole); given
      its last letter only (the amendment code's relettering), ``ii)`` and ``iii)`` stay roman: ``h``
      does not tell ``hh) ii)`` from ``h): i) ii)``, the far likelier list in ITU texts.

    A pure function of its arguments, cached: a document has few distinct labels (a dotted number is read at once,
    :func:`dotted_scheme`, for a list of more than the cache holds).
    """
    return dotted_scheme(label) or _scheme_by_steps(label, previous_letter, previous_ends_colon, previous_roman)


def _scheme_by_steps(
    label: str, previous_letter: str | None, previous_ends_colon: bool, previous_roman: str | None
) -> str:
    """:func:`label_scheme` of ``label`` by the general steps (what :func:`dotted_scheme` gives at once)."""
    bare = bare_label(label)
    bare = _BIS_TER.sub("", bare)
    if bare == "" or bare in kw.BULLETS:
        return "bullet"
    if bare in kw.DASHES:
        return "dash"
    if bare[0].isdigit():
        dots = bare.count(".")
        return "number" if dots == 0 else f"decimal{dots}"
    low = bare.lower()
    if previous_roman is not None and continues_roman(low, previous_roman):
        return "roman"
    if kw.ROMAN.match(low) and (len(low) > 1 or low in "ivx"):
        last = previous_letter[-1:] if previous_letter else None
        doubled = len(low) > 1 and low == low[0] * len(low)  # cc), xx), ccc), ii): Word's letters past z)
        if doubled and (
            low[0] == "c"
            or (low[0] == "x" and last == "w")
            or (previous_letter is not None and previous_letter == chr(ord(low[0]) - 1) * len(low))
        ):
            return "letter"
        continues_letters = len(low) == 1 and last is not None and ord(last) + 1 == ord(low)
        if not continues_letters or previous_ends_colon:
            return "roman"
    elif len(low) > 2 and low[1:] != low[:-1] and kw.NUMERAL.match(low):  # dcc), cdxl): no letter label
        return "roman"
    return "letter"


def fixed_scheme(label: str) -> str | None:
    """``label_scheme(label, …)`` when the neighbours cannot change it, else None: None for a label that reads
    as a roman numeral and a letter (``i)``, ``v)``, ``x)``, ``l)``, ``c)``, ``d)``, ``m)``, ``ii)``, ``cc)``,
    ``mm)``, ``cd)``…), whose scheme :func:`label_scheme` reads by the lists around it; ``roman`` for a
    numeral that is no letter (``iv)``, ``xlix)``, ``dcc)``).
    """
    bare = _BIS_TER.sub("", bare_label(label))
    if bare and bare not in kw.BULLETS and bare not in kw.DASHES and not bare[0].isdigit():
        low = bare.lower()
        if kw.NUMERAL.match(low):
            return None if _may_be_letters(low) else "roman"
    return label_scheme(label, None, False)


def letter_unless_roman(label: str) -> bool:
    """Whether :func:`label_scheme` reads ``label`` as a letter whatever its neighbours, unless it continues the
    open roman list (``previous_roman``): ``l)``, ``c)``, ``d)``, ``m)``, ``cc)``, ``ccc)``, ``mm)``, ``mmm)`` and
    the two letters ``cd)``, ``dc)``, ``mi)``…; ``i)``, ``v)``, ``x)``, ``ii)``, ``xx)`` read the letters too.
    """
    low = _BIS_TER.sub("", bare_label(label)).lower()
    return low[:1] not in ("", "i", "v", "x") and _may_be_letters(low) and kw.NUMERAL.match(low) is not None


def _may_be_letters(low: str) -> bool:
    """Whether the numeral ``low`` reads as letters too: one letter, one letter doubled (``ii``, ``cc``,
    ``mmm``), or two letters inference may read as a relettering (``cd``: ``c)`` relettered ``d)``).
    """
    return len(low) == 1 or low[1:] == low[:-1] or (len(low) == 2 and not kw.ROMAN.match(low))


@functools.lru_cache(maxsize=4096)
def roman_value(bare: str) -> int | None:
    """The value of ``bare`` read as a lower-case roman numeral from 1 to 3999, else None: ``xlix`` → 49,
    ``cd`` → 400, ``mmmcmxcix`` → 3999, ``iiii`` → None.
    """
    return _to_int(bare) if kw.NUMERAL.match(bare) else None


def continues_roman(bare: str, previous: str | None) -> bool:
    """Whether ``bare`` (lower case) is the roman numeral after ``previous``: ``l`` after ``xlix``, ``cd``
    after ``cccxcix``; False when ``previous`` is None or either is no numeral.
    """
    if previous is None:
        return False
    value = roman_value(bare)
    return value is not None and value == (roman_value(previous) or -1) + 1


_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip


def _to_int(roman: str) -> int:
    n, i = 0, 0
    for sym, val in _ROMAN:
        while roman[i : i + len(sym)] == sym:
            n, i = n + val, i + len(sym)
    return n


def _to_roman(n: int) -> str:
    out = ""
    for sym, val in _ROMAN:
        while n >= val:
            out, n = out + sym, n - val
    return out


def successor(bare: str, scheme: str) -> str:
    """The next label of a list: ``c`` → ``d``, ``z`` → ``aa`` (Word's style), ``ix`` → ``x``, ``9`` → ``10``, ``1.9`` → ``1.10``."""
    bare = bare.translate(HOMOGLYPHS)
    if scheme == "number":
        return str(int(bare) + 1)
    if scheme.startswith("decimal"):
        head, _, last = bare.rstrip(".").rpartition(".")
        return f"{head}.{int(last) + 1}"
    if scheme == "roman":
        nxt = _to_roman(_to_int(bare.lower()) + 1)
        return nxt.upper() if bare.isupper() else nxt
    low = bare.lower()
    if len(set(low)) == 1 and low[0] != "z":
        nxt = chr(ord(low[0]) + 1) * len(low)
    elif set(low) == {"z"}:
        nxt = "a" * (len(low) + 1)
    else:
        nxt = low[:-1] + chr(ord(low[-1]) + 1)
    return nxt.upper() if bare.isupper() else nxt


def successors(label: str) -> dict[str, str]:
    """The labels that would come next after ``label``, by scheme: ``{"number": "10"}`` after ``9``,
    ``{"letter": "j", "roman": "ii"}`` after ``i)``; bare (see :func:`bare_label`), lower case.

    A letter that is also a roman numeral has both successors: which list it is in shows
    only from the label that follows.
    """
    bare = bare_label(label).lower()
    if bare.isdigit():
        return {"number": successor(bare, "number")}
    out = {}
    if len(bare) == 1 and "a" <= bare < "z":
        out["letter"] = successor(bare, "letter")
    if kw.NUMERAL.match(bare):
        out["roman"] = successor(bare, "roman")
    return out
