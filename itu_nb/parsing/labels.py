"""Labels, section lines and targets: how a line says what it is.

Pure functions on text and runs, shared by the tree builder (:mod:`itu_nb.parsing.tree`),
the Akoma Ntoso loader and the amendment code that recomputes paths after an edit.
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.model import HOMOGLYPHS, Op, Run, Target, runs_text
from itu_nb.parsing import keywords as kw

__all__ = [
    "bare_label",
    "item_component",
    "label_scheme",
    "label_split",
    "parse_target",
    "peel_label",
    "section_keyword",
    "successor",
    "successors",
    "unique_component",
]

_PREAMBLE = sorted(
    {" ".join(k.split()) for k in kw.PREAMBLE} | {f"{k} {s}" for k in kw.PREAMBLE for s in kw.PREAMBLE_SUFFIXES},
    key=len,
    reverse=True,
)
_OPERATIVE = sorted(kw.OPERATIVE, key=len, reverse=True)


def section_keyword(text: str) -> str | None:
    """The normalised section line (``"instructs the Secretary-General"``) or None."""
    if "\t" in text:
        return None
    line = " ".join(text.replace("\xa0", " ").split())
    if not line or len(line) > 250 or not line[0].islower():
        return None
    bare = line.rstrip(":,").rstrip()
    if bare in _PREAMBLE:
        return bare
    if line[-1] in ".;,:":
        return None
    for verb in _OPERATIVE:
        if line == verb or line.startswith(verb + " "):
            return line
    return None


def label_split(text: str) -> int:
    """Length of the label and its separator at the start of ``text`` (0 when none)."""
    m = kw.LABEL.match(text)
    if m:
        return m.end()
    if text.startswith("\t") and text.strip():
        return 1  # a bare TAB bullet
    return 0


def peel_label(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """Split a line's runs into label runs and body runs, view by view.

    The label (with its separator) is found separately in the original and the
    amended text, so ``{--c--}{++b++})<TAB>`` gives label runs (delete c, insert b,
    equal ``)<TAB>``) and ``{++4<TAB>++}`` a label that exists only when amended.
    """
    lo = label_split(runs_text(runs, "original"))
    la = label_split(runs_text(runs, "amended"))
    if not lo and not la:
        return [], list(runs)
    label: list[Run] = []
    body: list[Run] = []
    po = pa = 0
    for r in runs:
        n = len(r.text)
        if r.op is Op.DELETE:
            k = max(0, min(n, lo - po))
            label.append(r.with_text(r.text[:k]))
            body.append(r.with_text(r.text[k:]))
            po += n
        elif r.op is Op.INSERT:
            k = max(0, min(n, la - pa))
            label.append(r.with_text(r.text[:k]))
            body.append(r.with_text(r.text[k:]))
            pa += n
        else:
            ko, ka = max(0, min(n, lo - po)), max(0, min(n, la - pa))
            both = min(ko, ka)
            label.append(r.with_text(r.text[:both]))
            if ko > ka:  # in the label only when original
                label.append(dataclasses.replace(r, op=Op.DELETE, text=r.text[both:ko]))
                body.append(dataclasses.replace(r, op=Op.INSERT, text=r.text[both:ko]))
            elif ka > ko:
                label.append(dataclasses.replace(r, op=Op.INSERT, text=r.text[both:ka]))
                body.append(dataclasses.replace(r, op=Op.DELETE, text=r.text[both:ka]))
            body.append(r.with_text(r.text[max(ko, ka) :]))
            po += n
            pa += n
    return [r for r in label if r.text], [r for r in body if r.text]


def bare_label(label: str) -> str:
    """The label without separator, brackets or final dot, Cyrillic look-alikes read as Latin: ``(а).`` → ``a``."""
    return label.strip().translate(HOMOGLYPHS).strip("()").rstrip(".")


def label_scheme(label: str, previous_letter: str | None, previous_ends_colon: bool) -> str:
    """``letter``, ``roman``, ``number``, ``decimalN``, ``bullet`` or ``dash``."""
    bare = bare_label(label)
    bare = re.sub(r"\s?(bis|ter)$", "", bare)
    if bare == "" or bare in kw.BULLETS:
        return "bullet"
    if bare in kw.DASHES:
        return "dash"
    if bare[0].isdigit():
        dots = bare.count(".")
        return "number" if dots == 0 else f"decimal{dots}"
    low = bare.lower()
    if kw.ROMAN.match(low) and (len(low) > 1 or low in "ivx"):
        continues_letters = len(low) == 1 and previous_letter is not None and ord(previous_letter) + 1 == ord(low)
        if not continues_letters or previous_ends_colon:
            return "roman"
    return "letter"


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
    if kw.ROMAN.match(bare):
        out["roman"] = successor(bare, "roman")
    return out


def _norm_revision(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.replace("\xa0", " ").split())
    return text.title() if text.isupper() else text  # "REV. DUBAI, 2018" → "Rev. Dubai, 2018"


def parse_target(original: str, amended: str) -> Target | None:
    """Target from the heading line in both views."""
    mo = kw.HEADING.match(original.replace("\xa0", " ")) or kw.HEADING.match(amended.replace("\xa0", " "))
    if not mo:
        return None
    ma = kw.HEADING.match(amended.replace("\xa0", " ")) or mo
    if mo.group("kind2"):  # a part of the Final Acts: "PART VII - DECLARATIONS" is Part VII
        return Target("Part", mo.group("number2").upper())
    rev, new = _norm_revision(mo.group("revision")), _norm_revision(ma.group("revision"))
    return Target(mo.group("kind").capitalize(), mo.group("number"), rev, new if new != rev else None)


def item_component(label: str, scheme: str | None, listed: int) -> str:
    """Path component of an item: its bare label (``b``, ``4.1``, ``abis``), else ``item``.

    A bullet or dash item is ``bullet<n>`` / ``dash<n>``, ``listed`` being the number of
    bullet and dash items before it among its siblings.  Shared with :mod:`itu_nb.amendments.amending`,
    which recomputes paths after an edit.
    """
    if scheme in ("bullet", "dash"):
        return f"{scheme}{listed + 1}"
    return re.sub(r"\s+", "", bare_label(label)) or "item"


def unique_component(base: str, used: set[str]) -> str:
    """``base``, or ``base#2``, ``base#3``… when a sibling already uses it."""
    component, n = base, 2
    while component in used:
        component, n = f"{base}#{n}", n + 1
    return component
