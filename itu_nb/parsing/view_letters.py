"""A label that reads as a roman numeral and a letter, read by the item before it in the same view.

:func:`~itu_nb.parsing.schemes.label_scheme` reads ``i)``, ``v)``, ``x)``, ``ii)``… by the lettered item before
it: ``i)`` after ``h)`` continues the letters, after ``j)`` it is a roman sub-item.  The readers give it that
item's label in one view (amended, else original).  In a list with tracked changes the item before may have no
label in the view the new label is in: a deletion (its label original only), a clause another author inserted
whole and the analyst struck (its label in neither view), a label relettered (``{--k--}{++i++})``).  Reading
``i)`` against such a label nests it wrongly: the struck ``i)`` after the deleted ``j)`` (Brazil's ``h)``, struck
by Ana), the amended ``i)`` after a struck ``j)``, the amended ``i)`` (old ``j)``) right after the deleted ``i)``.

:func:`letter_in_some_view` is the second look the readers take before nesting such a label as a roman sub-item:
the letter before it in the label of the nearest item before it that has a label in the same view (amended,
original), or, for a struck label, among the labels the item before has in any view (another author's
characters the analyst struck included).  Used by :mod:`itu_nb.parsing.items` (the text,
CriticMarkup and Word readers) and :mod:`itu_nb.loaders.akn_nodes` (Akoma Ntoso).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from itu_nb.model import NodeKind, Op, runs_text
from itu_nb.model.struck import label_length
from itu_nb.parsing.schemes import bare_label, continues_roman, fixed_scheme

__all__ = ["LOOK_BACK", "changed_label", "letter_in_some_view", "view_labels"]

#: how many items before the label the second look reads at most (a run of deletions and strikes longer than
#: this keeps the first reading): bounded, so a list of thousands of struck items is read in linear time
LOOK_BACK = 16

_STRUCK = "struck-insert"
_LABEL_MAX = 8  # a struck-insert longer than this inside a label is no label's characters


def _predecessor(low: str) -> str | None:
    """The letter label before ``low`` (bare, lower case): ``h`` for ``i``, ``hh`` for ``ii``; None for ``a``."""
    if not low or low[0] == "a" or low != low[0] * len(low) or not "a" < low[0] <= "z":
        return None
    return chr(ord(low[0]) - 1) * len(low)


def changed_label(item: Any) -> bool:
    """Whether ``item`` (a parser node, a frozen clause or an Akoma Ntoso node) has a label that is not one plain
    run: changed, deleted, inserted, or none at all (a clause struck whole).
    """
    runs = item.label_runs
    return not runs or len(runs) != 1 or runs[0].op is not Op.EQUAL


def view_labels(label_runs: Sequence[Any], artefacts: Iterable[Any]) -> set[str]:
    """The bare lower-case labels an item has in any view: amended, original, and the characters of another
    author's label the analyst struck (``struck-insert`` artefacts inside the label, or heading a clause struck
    whole, :func:`~itu_nb.model.struck.label_length`).
    """
    out = set()
    size = len(runs_text(label_runs)) if label_runs else 0
    for view in ("amended", "original"):
        text = runs_text(label_runs, view).strip() if label_runs else ""
        if text:
            out.add(bare_label(text).lower())
    struck = [a.text for a in artefacts if a.kind == _STRUCK and (a.offset or 0) <= size]
    if not label_runs and struck:  # a clause struck whole: its label heads its struck-inserts
        n = label_length(struck)
        if n:
            out.add(bare_label("".join(struck)[:n]).lower())
    elif struck:  # another author's characters of this label, struck: his label (Brazil's h) under Ana's j))
        short = "".join(t for t in struck if len(t) <= _LABEL_MAX)
        if short.strip():
            out.add(bare_label(short.strip()).lower())
    return out


def letter_in_some_view(
    views: tuple[str | None, str | None],
    siblings: Sequence[Any],
    labels_of: Callable[[Any], set[str]],
    previous_roman: str | None = None,
    struck: str | None = None,
) -> bool:
    """Whether an item read as a roman sub-item by its neighbour's label continues the letters in some view.

    ``views`` are the item's amended and original labels (None where it has none); ``struck`` the label of a
    clause another author inserted whole and the analyst struck (in neither view); ``siblings`` the items of the
    open lettered list, the last one the item before it; ``labels_of`` reads an item's labels in every view
    (:func:`view_labels`).  Never when the last sibling's label is one plain run (the first reading was made in
    both views) or its text ends with a colon in any view (it introduces sub-items, even deleted or struck).
    Else True when, for a label that reads as a letter and a numeral (``i)``, ``v)``, ``x)``, ``ii)``: not
    ``iv)``) and does not continue the open roman list ``previous_roman``:

    - in a view where the item has that label, the nearest sibling with a label in that view (those with none
      there passed over: deleted ones for the amended view, inserted ones for the original, struck ones for
      both; at most :data:`LOOK_BACK`) has the letter before it: the amended ``i)`` (old ``j)``) after the
      deleted ``i)`` and ``h)``, the amended ``i)`` after a struck ``j)`` and the amended ``h)``, the ``i)``
      in force after an inserted ``z)`` and ``h)``;
    - for a struck label, the item before has the letter before it in any view, its struck characters of another
      author's label included: the struck ``i)`` after the deleted ``j)`` that was Brazil's ``h)``.
    """
    if not siblings:
        return False
    last = siblings[-1]
    if not changed_label(last) or _ends_colon(last):
        return False
    if struck is not None:
        want = _want(struck, previous_roman)
        return want is not None and last.kind is NodeKind.ITEM and want in labels_of(last)
    for view, label in zip(("amended", "original"), views, strict=True):
        want = _want(label, previous_roman) if label else None
        if want is None:
            continue
        for k in range(len(siblings) - 1, max(-1, len(siblings) - 1 - LOOK_BACK), -1):
            item = siblings[k]
            if item.kind is not NodeKind.ITEM:
                break
            runs = item.label_runs
            there = runs_text(runs, view).strip() if runs else ""
            if there:  # the nearest item with a label in this view
                if bare_label(there).lower() == want:
                    return True
                break
    return False


def _want(label: str, previous_roman: str | None) -> str | None:
    """The letter ``label`` continues when it reads as a letter and a numeral and continues no roman list."""
    if fixed_scheme(label) is not None:
        return None
    low = bare_label(label).lower()
    if continues_roman(low, previous_roman):
        return None
    return _predecessor(low)


def _ends_colon(item: Any) -> bool:
    """Whether ``item``'s text ends with a colon in either view, or its struck text does (a clause struck whole)."""
    runs = item.runs
    if runs and any(runs_text(runs, view).rstrip().endswith(":") for view in ("amended", "original")):
        return True
    arts = item.artefacts if hasattr(item, "artefacts") else item.marks  # (an Akoma Ntoso node: its body's marks)
    if runs or not arts:  # (a clause with text: read above)
        return False
    return "".join(a.text for a in arts if a.kind == _STRUCK).rstrip().endswith(":")
