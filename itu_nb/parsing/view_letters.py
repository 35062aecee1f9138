"""A label that reads as a roman numeral and a letter, read by the item before it in the same view.

:func:`~itu_nb.parsing.schemes.label_scheme` reads ``i)``, ``v)``, ``x)``, ``ii)``… by the lettered item before
it: ``i)`` after ``h)`` continues the letters, after ``j)`` it is a roman sub-item.  The readers give it that
item's label in one view (amended, else original).  In a list with tracked changes the item before may have no
label in the view the new label is in: a deletion (its label original only), a clause another author inserted
whole and the analyst struck (its label in neither view), a label relettered (``{--k--}{++i++})``).  Reading
``i)`` against such a label nests it wrongly: the struck ``i)`` after the deleted ``j)`` (Brazil's ``h)``, struck
by Ana), the amended ``i)`` after a struck ``j)``, the amended ``i)`` (old ``j)``) right after the deleted ``i)``.

:func:`letter_in_some_view` is the second look the readers take before nesting such a label as a roman sub-item:
the letter before it among the labels the item before has in any view (amended, original, another author's
characters the analyst struck) and those of the items before that one, back to an item whose label is one plain
run (a label in force, unchanged) or :data:`LOOK_BACK` items.  Used by :mod:`itu_nb.parsing.items` (the text,
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
    label: str,
    siblings: Sequence[Any],
    labels_of: Callable[[Any], set[str]],
    previous_roman: str | None = None,
) -> bool:
    """Whether ``label``, read as a roman sub-item by its neighbour's label, continues the letters in some view.

    ``siblings`` are the items of the open lettered list, the last one the item before ``label`` (or holding
    the items before it); ``labels_of`` reads an item's labels in every view (:func:`view_labels`).  True when
    ``label`` reads as a letter and a numeral (``i)``, ``v)``, ``x)``, ``ii)``: no ``iv)``), does not continue
    the open roman list ``previous_roman``, the last sibling's label is not one plain run and its text ends with no
    colon in any view (it introduces no sub-items, even deleted or struck), and the letter before
    ``label`` is a label of the last sibling or of one before it, back to the first whose label is one plain
    run (included), an item that is no list item, or :data:`LOOK_BACK` items.
    """
    if not siblings or fixed_scheme(label) is not None:
        return False
    low = bare_label(label).lower()
    if continues_roman(low, previous_roman):
        return False
    want = _predecessor(low)
    if want is None or not changed_label(siblings[-1]) or _ends_colon(siblings[-1]):
        return False
    for k in range(len(siblings) - 1, max(-1, len(siblings) - 1 - LOOK_BACK), -1):
        item = siblings[k]
        if item.kind is not NodeKind.ITEM or item.label_runs is None:
            return False
        if want in labels_of(item):
            return True
        if not changed_label(item):
            return False
    return False


def _ends_colon(item: Any) -> bool:
    """Whether ``item``'s text ends with a colon in either view, or its struck text does (a clause struck whole)."""
    runs = item.runs
    if runs and any(runs_text(runs, view).rstrip().endswith(":") for view in ("amended", "original")):
        return True
    arts = item.artefacts if hasattr(item, "artefacts") else item.marks  # (an Akoma Ntoso node: its body's marks)
    if runs or not arts:  # (a clause with text: read above)
        return False
    return "".join(a.text for a in arts if a.kind == _STRUCK).rstrip().endswith(":")
