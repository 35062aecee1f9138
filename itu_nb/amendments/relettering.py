r"""Labels after an edit: relettering and renumbering as tracked relabels, and paths.

Inserting or deleting an item among labelled siblings changes the labels of the
items that follow, the way Word's automatic numbering does: ``c)`` becomes ``d)``
as label runs (DELETE ``c``, INSERT ``d``, EQUAL ``)\t``), never as a text edit.
:func:`repath` then gives every node the path the parser would give it.

Rules (kept here, in one place):
- a list is the siblings whose labels share a scheme (``letter``, ``number``,
  ``roman``, ``decimalN``); bullets, dashes, unlabelled paragraphs and ``bis`` /
  ``ter`` labels are outside every list (ITU inserts ``a bis)`` precisely so as
  not to reletter);
- relettering runs from the edit point to the end of the list, giving each item
  the successor of the previous one (so a gap after the edit point closes, as
  Word's numbering would); it stops where a new list restarts at ``a)`` / ``1``
  / ``i)`` (a converter can leave several lists under one section).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from typing import TypeVar

from itu_nb.amendments.struck_others import others_label, relabel_struck
from itu_nb.model import HOMOGLYPHS, Clause, NodeKind, Op, Proposal, Run, runs_text
from itu_nb.model.clause import relabelled_artefacts
from itu_nb.parsing.labels import Components, item_component, roman_value, successor
from itu_nb.parsing.labels import label_scheme as _label_scheme
from itu_nb.parsing.schemes import letter_unless_roman

__all__ = [
    "bare_label",
    "LABELS",
    "first_label",
    "keeps_paths",
    "label_component",
    "list_scheme",
    "reletter",
    "repath",
    "scan_labels",
    "scheme_of",
    "set_label",
    "split_label",
    "successor",
]

P = TypeVar("P", bound=Proposal)  # repath keeps the class: a Draft stays a Draft

_PARTS = re.compile(r"^(?P<pre>\(?)(?P<bare>[^\s()]+?)(?P<post>\)?\.?\s*)$", re.S)


#: How many labels the caches below keep: more than the longest list an amendment keeps pending reads.  A run
#: reads every label of its list in a few passes (the list as it was, each strike or insertion, the settled list);
#: with fewer entries than the list has labels, each pass evicts the labels the next one reads first (a cyclic scan
#: of an LRU cache misses every time), so a list of more than 4,096 items cost about 10% more instructions per
#: label (1,000 / 2,000 deletions from the head of a list of 3,012 / 6,012 items: 1,340 / 2,979 M instructions,
#: 2.22 times; 1,341 / 2,717 M, 2.03 times, with these caches).  An entry is a short label and its parts.
LABELS = 1 << 15

#: The parser's label scheme, remembered: an amendment reads the same few labels again and again.
label_scheme = functools.lru_cache(maxsize=LABELS)(_label_scheme)


@functools.lru_cache(maxsize=LABELS)
def label_component(label: str) -> str:
    """The path component of an item labelled ``label`` in a list (not a bullet's): the parser's
    :func:`~itu_nb.parsing.labels.item_component`, remembered for as many labels as :data:`LABELS`.
    """
    return item_component(label, None, 0)


@functools.lru_cache(maxsize=LABELS)
def split_label(text: str) -> tuple[str, str, str] | None:
    r"""``"c)\t"`` → ``("", "c", ")\t")``; ``"(iv)"`` → ``("(", "iv", ")")``; None for bis/ter or bullets."""
    m = _PARTS.match(text)
    if not m or re.search(r"(bis|ter)$", m.group("bare")) or not re.match(r"^[\w.]+$", m.group("bare")):
        return None
    return m.group("pre"), m.group("bare"), m.group("post")


def bare_label(clause: Clause) -> str:
    """The amended label of a listed item without prefix and separator: ``"c"`` for ``c)``.

    Only for items :func:`scheme_of` gives a scheme to, whose labels split by construction.
    """
    parts = split_label(_amended_label(clause))
    assert parts is not None, clause.path  # scheme_of gives a scheme only to labels it could split
    return parts[1]


def first_label(scheme: str) -> str:
    """The first label of a list in ``scheme``: ``"1"`` for numbers, ``"i"`` for roman, else ``"a"``."""
    return {"number": "1", "roman": "i"}.get(scheme, "1" if scheme.startswith("decimal") else "a")


def _amended_label(clause: Clause) -> str:
    return runs_text(clause.label_runs, "amended") if clause.exists_in("amended") else ""


def scheme_of(
    children: list[Clause] | tuple[Clause, ...], prev_letter: str | None = None, prev_roman: str | None = None
) -> list[str | None]:
    """Each sibling's label scheme in the amended view (None when it is in no list).

    ``i)`` after a lettered sibling is a letter, ``i)`` first is a roman numeral.  ``prev_letter``
    and ``prev_roman`` are the bare labels of the last lettered and roman siblings before ``children``
    (to read a list's tail).
    """
    return scan_labels(children, prev_letter, prev_roman)[0]


def scan_labels(
    children: list[Clause] | tuple[Clause, ...], prev_letter: str | None = None, prev_roman: str | None = None
) -> tuple[list[str | None], list[str | None]]:
    """(schemes, letters): :func:`scheme_of`, and the lower-case bare label of each lettered sibling (else None).

    A label read as a letter unless it continues a roman list (``l)``, ``c)``, ``cd)``:
    :func:`~itu_nb.parsing.schemes.letter_unless_roman`) is roman when it is the numeral after the last
    roman sibling before it (``l)`` after ``xlix)``, ``c)`` after ``xcix)``), as the parser reads it; in a
    list with no lettered sibling, also the same numeral or any further on (a list being relettered: the
    old ``l)`` after a new one, ``l)`` after ``xlviii)`` once ``xlix)`` is struck).  A lettered sibling
    between them ends the roman list; among letters, ``m)`` after ``l)`` stays a letter whatever roman
    sibling stands between them (items moved out of a sub-list).
    """
    out: list[str | None] = []
    letters: list[str | None] = []
    roman = prev_roman  # the last roman sibling, with no lettered one after it
    for c in children:
        text = _amended_label(c)
        parts = split_label(text) if c.kind is NodeKind.ITEM and text.strip() else None
        letters.append(None)
        if parts is None:
            out.append(None)
            continue
        low = parts[1].translate(HOMOGLYPHS).lower()
        scheme = label_scheme(text.strip(), prev_letter[-1:] if prev_letter else None, False)
        if (
            scheme == "letter"
            and roman is not None
            and letter_unless_roman(low)
            and (prev_letter is None or low != successor(prev_letter, "letter"))
            and _follows_roman(low, roman, prev_letter is None)
        ):
            scheme = "roman"  # l) after xlix) (or after l), while a list is relettered): the fiftieth roman item
        elif (
            scheme == "roman"
            and prev_letter is not None
            and (
                len(low) == 1
                or low == successor(prev_letter, "letter")
                or (len(prev_letter) > 1 and len(set(low)) == 1)
            )
        ):
            # i) among lettered siblings, after a gap the parser's look-back cannot see; cc) after bb),
            # ii) after hh), xx) after ww) (or after xx), while a list is relettered): a lettered list
            # past z), not a roman numeral
            scheme = "letter"
        if scheme in ("bullet", "dash"):
            out.append(None)
            continue
        if scheme == "letter":
            prev_letter = letters[-1] = low
            roman = None  # a roman list the letters interrupt is not continued past them
        elif scheme == "roman":
            roman = low
        out.append(scheme)
    return out, letters


def _follows_roman(low: str, prev_roman: str, roman_only: bool) -> bool:
    """Whether ``low`` is the roman numeral after ``prev_roman``, or (``roman_only``: no lettered sibling so
    far) any numeral from ``prev_roman`` on (see :func:`scan_labels`).
    """
    value, previous = roman_value(low), roman_value(prev_roman)
    if value is None or previous is None:
        return False
    return value >= previous if roman_only else value == previous + 1


def list_scheme(children, section: str | None, parent_kind: NodeKind | None, schemes=None) -> str:
    """The scheme a new item among ``children`` takes: the siblings', else by context.

    ``schemes``, when given, is ``scheme_of(children)`` already computed.
    """
    schemes = scheme_of(children) if schemes is None else schemes
    kinds = dict.fromkeys(schemes)  # in the order they first appear: a tie goes to the earlier (a set's order
    kinds.pop(None, None)  # follows the strings' hashes, so a tie went either way from one run to the next)
    if kinds:  # the commonest scheme (counted in C: lists of 1,000 items are edited 1,000 times)
        return max(kinds, key=schemes.count)
    if parent_kind is NodeKind.ITEM:
        return "roman"
    from itu_nb.parsing import keywords as kw

    sec = (section or "").lower()
    preamble = any(sec == k or sec.startswith(k + " ") for k in kw.PREAMBLE)
    return "letter" if preamble else "number"


def label_style(children, scheme: str, schemes=None) -> tuple[str, str]:
    r"""(prefix, suffix) around the bare label, copied from a sibling of ``scheme`` (``("", ")\t")``)."""
    for c, s in zip(children, scheme_of(children) if schemes is None else schemes, strict=True):
        if s == scheme:
            parts = split_label(_amended_label(c))
            assert parts is not None  # scheme_of gives a scheme only to labels it could split
            pre, _, post = parts
            return pre, post if "\t" in post else post.rstrip() + "\t"
    return ("", "\t") if scheme == "number" or scheme.startswith("decimal") else ("", ")\t")


def set_label(clause: Clause, bare: str, author: str | None, date: str | None, style=("", ")\t")) -> Clause:
    """``clause`` with its amended label set to ``bare`` (prefix and separator kept), as a tracked relabel."""
    kind = NodeKind.ITEM if clause.kind is NodeKind.PARAGRAPH else clause.kind
    if others_label(clause, author):
        # another author's label, or his relettering: struck, not lost (rejecting this one gives it back)
        edited = relabel_struck(clause, bare, author, date, style, split_label)
        return edited if edited.kind is kind else dataclasses.replace(edited, kind=kind)
    amended = _amended_label(clause)
    parts = split_label(amended) if amended else None
    pre, post = (parts[0], parts[2]) if parts else style
    new = f"{pre}{bare}{post}"
    if new == amended:
        return clause
    runs = clause.label_runs
    label: tuple[Run, ...]
    if runs and all(r.op is Op.INSERT for r in runs):  # a label that is itself an insertion
        label = (runs[0].with_text(new),)
    else:
        orig = runs_text(runs, "original")
        op = split_label(orig) if orig else None
        if not orig:
            label = (Run(Op.INSERT, new, author, date),)
        elif orig == new:
            label = (Run(Op.EQUAL, orig),)
        elif op and (op[0], op[2]) == (pre, post):
            label = (Run(Op.EQUAL, pre), Run(Op.DELETE, op[1], author, date), Run(Op.INSERT, bare, author, date),
                     Run(Op.EQUAL, post))  # fmt: skip
        else:
            label = (Run(Op.DELETE, orig, author, date), Run(Op.INSERT, new, author, date))
    label = tuple(r for r in label if r.text)
    # comments and highlights on the text after the label move with it (its offsets count the label)
    arts = relabelled_artefacts(clause, label) if clause.artefacts else ()
    return dataclasses.replace(clause, kind=kind, label_runs=label, artefacts=arts)


def reletter(
    children: list[Clause], start: int, scheme: str, expected: str, author, date, schemes=None
) -> list[Clause]:
    """Relabel the items of ``scheme`` from index ``start`` on: the first gets ``expected``, each next its successor.

    Stops at a later item whose label restarts the list (``a)``, ``1``, ``i)``).  ``schemes``,
    when given, is ``scheme_of(children)`` already computed (only its entries from ``start`` are read).
    """
    out = list(children)
    if schemes is None:
        schemes = scheme_of(out)
    first = first_label(scheme)
    visited = False
    for i in range(start, len(out)):
        if schemes[i] != scheme:
            continue
        current = bare_label(out[i]).translate(HOMOGLYPHS).lower()
        if visited and current == first:
            break
        visited = True
        out[i] = set_label(out[i], expected, author, date)
        expected = successor(expected, scheme)
    return out


# ----------------------------------------------------------------------------
# paths
# ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=LABELS)
def _listed_base(text: str) -> str | None:
    """The path component of an item whose label is the one unchanged run ``text``, when it is in a list (not a
    bullet's, whose component counts the bullets before it: None): what :func:`_bases` reads from the label,
    remembered for as many labels as :data:`LABELS` (one call per item instead of four).
    """
    label = text.strip()
    label = label if label.isascii() else label.translate(HOMOGLYPHS)  # as Clause.label_in
    if not label.strip() or label_scheme(label, None, False) in ("bullet", "dash"):
        return None
    return label_component(label)


def _bases(children: tuple[Clause, ...], old_prefix: str) -> list[str]:
    """The path component of each of ``children`` by the parser's rules before any ``#2`` suffix (amended label,
    ``p1``, ``bullet1``; a clause of another kind keeps its own); ``old_prefix`` is their parent's path now.
    """
    out: list[str] = []  # (a list, not a generator: one call per sibling list, not a resumption per clause)
    append, item, paragraph, equal, listed_base = out.append, NodeKind.ITEM, NodeKind.PARAGRAPH, Op.EQUAL, _listed_base
    listed = paragraphs = 0
    for c in children:
        kind = c.kind
        if kind is paragraph:  # (most clauses: hence first, and the enum's members read once per call)
            paragraphs += 1
            append(f"p{paragraphs}")
            continue
        if kind is item:
            runs = c.label_runs
            if len(runs) == 1 and runs[0].op is equal:  # (most items: one unchanged label run)
                if (number := runs[0].text.strip()).isdigit() and number.isascii():
                    append(number)  # a number is its own component (what _listed_base gives, without the cache,
                    continue  # which a first read of a long numbered list misses on every item: 4 µs each)
                if number[:1].isdigit() and number.isascii() and number.replace(".", "").isdigit():
                    append(number.rstrip("."))  # so is a dotted one (``4.1``, ``12.3.``), less its final dot: the
                    continue  # only labels a list holds more than the cache's of (``1.1`` … ``101.100``: 100,000)
                if (base := listed_base(runs[0].text)) is not None:  # a letter, a numeral…: remembered
                    append(base)
                    continue
            label = c.label_in("amended") or c.label_in("original") or ""
            scheme = label_scheme(label, None, False) if label.strip() else "bullet"
            bullet = scheme in ("bullet", "dash")
            base = item_component(label, scheme, listed) if bullet else label_component(label)
            listed += bullet
        else:
            own = c.path[len(old_prefix) + 1 :] if old_prefix else c.path
            base = re.sub(r"#\d+$", "", own)
        append(base)
    return out


def _repath(children: tuple[Clause, ...], old_prefix: str, prefix: str) -> tuple[Clause, ...]:
    used = Components()  # "#2" suffixes in constant time (a set searched them: quadratic on many equal labels)
    out = []
    for c, base in zip(children, _bases(children, old_prefix), strict=True):
        comp = used.take(base)
        path = f"{prefix}/{comp}" if prefix else comp
        # the clause keeps its identity (Clause.key) when its path changes: change ids stay valid;
        # a new clause's provisional path (with a NUL) is no identity: its key is the path it gets
        uid = c.uid if c.uid is not None or path == c.path or "\0" in c.path else c.path
        kids = _repath(c.children, c.path, path)
        same = path == c.path and uid == c.uid and kids is c.children  # (the clause itself: no copy of it)
        out.append(c if same else dataclasses.replace(c, path=path, uid=uid, children=kids))
    return children if all(map(operator.is_, out, children)) else tuple(out)


def keeps_paths(proposal: Proposal) -> bool:
    """Whether every clause's key is the path :func:`repath` gives it and no clause has
    :attr:`~itu_nb.model.Clause.settled` changes: what a reload would tell by itself (the paths are unique, so
    :func:`repath` then changes no key either).  One walk, no clause made: writers ask it of every proposal.
    """
    todo = [(proposal.clauses, "", "")]  # (siblings, their parent's path now, its path by the rules)
    while todo:
        children, old_prefix, prefix = todo.pop()
        comps = _bases(children, old_prefix)
        if len(set(comps)) < len(comps) or "#" in "".join(comps):  # (else each base is its own component)
            used = Components()
            comps = [used.take(base) for base in comps]
        pre = f"{prefix}/" if prefix else ""
        # (each clause read once, key, settled changes and children together: a pass per attribute, each in C,
        # read every clause of a long list again, 55 -> 40 ms for 100,000 clauses)
        for c, comp in zip(children, comps, strict=True):
            path = pre + comp
            if (c.uid or c.path) != path or c.settled:
                return False
            if c.children:
                todo.append((c.children, c.path, path))
    return True


def repath(proposal: P) -> P:
    """``proposal`` with every node's path recomputed by the parser's rules (amended label, ``#2``, ``p1``, ``bullet1``).

    A clause whose path changes keeps its :attr:`~itu_nb.model.Clause.key` (its former path
    becomes its ``uid``), so the ids of its changes stay valid; keys stay unique.
    """
    return dataclasses.replace(proposal, clauses=_unique_keys(_repath(proposal.clauses, "", "")))


def _unique_keys(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """Give a clause whose key another clause already holds a key of its own (``"<key>+2"``…).

    A key held as a ``uid`` (an identity kept through an edit) wins over the same key read
    from a path, so a relettered clause keeps its identity and the newcomer is renamed.
    """
    kept = {n.uid for c in clauses for n in c.walk() if n.uid is not None}
    seen: set[str] = set()

    def fix(c: Clause) -> Clause:
        key = c.key
        if key in seen or (c.uid is None and key in kept):
            n = 2
            while f"{key}+{n}" in seen or f"{key}+{n}" in kept:
                n += 1
            c = dataclasses.replace(c, uid=f"{key}+{n}")
        seen.add(c.key)
        kids = tuple(fix(k) for k in c.children)
        return dataclasses.replace(c, children=kids) if kids != c.children else c

    return tuple(fix(c) for c in clauses)
