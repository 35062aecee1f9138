"""What an item reads of its label, once per label text, and the steps the item loops share with the builder.

:func:`_label_facts` and :func:`_relettered` read a label once per distinct text (cached: texts have few
distinct labels); :func:`_open_tail` reads the open list a roman-looking label may continue, :func:`_relettering`
what inference makes of a two-letter label there; :func:`_close` closes open lists, :func:`_labels` and
:func:`_label_text` read a label's views, :func:`_last_number` and :func:`_relabel` serve renumbering.  Used by
:mod:`itu_nb.parsing.items`, :mod:`itu_nb.parsing.tree` and :mod:`itu_nb.parsing.changed`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from itu_nb.model import Op, Run, runs_text
from itu_nb.parsing import infer as _infer
from itu_nb.parsing.components import item_component
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.nodes import Node, seal
from itu_nb.parsing.schemes import bare_label, continues_roman, dotted_scheme, fixed_scheme, letter_unless_roman

__all__: list[str] = []

_EQUAL = Op.EQUAL


@functools.lru_cache(maxsize=4096)
def _label_facts(head: str) -> tuple:
    """What an item reads of its label ``head`` (label and separator, one equal run), once per label text.

    ``(label runs, label, bare lower-case label, path component, two letters, scheme, numeral)``: the runs are
    one tuple for every item with this label (runs are immutable); ``two letters`` is True for a label inference
    may read as a relettering (:func:`~itu_nb.parsing.infer.infer_letter_label`); ``scheme`` is the label's
    scheme when its neighbours cannot change it (:func:`~itu_nb.parsing.labels.fixed_scheme`), else None;
    ``numeral`` is True for a label read as a letter unless it continues the open roman list (``l)``, ``c)``:
    ``scheme`` is then ``letter``, :func:`~itu_nb.parsing.schemes.letter_unless_roman`), whose readers only
    ask the open roman item, not the letters or the colon.  A pure function of its argument, cached: texts
    have few distinct labels; a dotted number (``4.1``, :func:`~itu_nb.parsing.schemes.dotted_scheme`) is read
    without the general steps (:func:`_read_facts`), which give it the same facts: a list of more distinct labels
    than the cache holds (100,000 items ``1.1`` … ``101.100``) would take them at every item.
    """
    label = head.strip()
    dotted = dotted_scheme(label)
    if dotted is not None:  # its own bare form and component, no letters: what _read_facts gives
        return (Run(Op.EQUAL, head),), label, label, label, False, dotted, False
    return _read_facts(head, label)


def _read_facts(head: str, label: str) -> tuple:
    """:func:`_label_facts` of ``head`` (``label`` stripped) by the general steps."""
    fixed = fixed_scheme(label)
    numeral = fixed is None and letter_unless_roman(label)
    return (
        (Run(Op.EQUAL, head),),
        label,
        bare_label(label).lower(),
        item_component(label, None, 0),
        bool(_infer.infer_letter_label(label)),
        "letter" if numeral else fixed,
        numeral,
    )


@functools.lru_cache(maxsize=1024)
def _relettered(head: str) -> tuple:
    """What an item reads of its label ``head`` (one equal run) that inference reletters (``cb)<TAB>``).

    ``((old, new), label runs, label, fixed scheme)``: the label runs delete ``c`` and insert ``b`` (inferred),
    as :meth:`ProposalBuilder._paragraph` makes them; the label, read for the scheme, is the amended one
    (``b)``).  Cached as :func:`_label_facts` is.
    """
    pair = _infer.infer_letter_label(head.strip())
    assert pair is not None  # _label_facts said so
    runs = tuple(_relabel((Run(Op.EQUAL, head),), *pair))
    label = _label_text(runs)
    return pair, runs, label, fixed_scheme(label)


def _open_tail(stack: list[Node], scheme: str) -> str | None:
    """The bare lower-case label of the innermost open item of ``scheme`` (``letter`` or ``roman``) in ``stack``,
    else None: the list a label that reads as a letter and a roman numeral may continue.  Read once per item
    (``Node.tail``).
    """
    for item in reversed(stack):  # a loop: no generator per line
        if item.scheme == scheme:
            if item.tail is None:
                item.tail = bare_label(item.label("amended") or item.label("original") or "").lower()
            return item.tail or None
    return None


def _relettering(label: str, previous_roman: str | None) -> tuple[str, str] | None:
    """What inference reads of a two-letter label (``cb)``: ``c)`` relettered ``b)``,
    :func:`~itu_nb.parsing.infer.infer_letter_label`), unless the label is the roman numeral after
    ``previous_roman``, the open roman item (``cd)`` after ``cccxcix)``: the 400th sub-item).
    """
    pair = _infer.infer_letter_label(label)
    if pair is not None and continues_roman(bare_label(label).lower(), previous_roman):
        return None
    return pair


def _close(container: Node, i: int) -> None:
    """Close the open lists of ``container`` from ``container.stack[i]`` on: each item leaving them is frozen
    in its place (:func:`~itu_nb.parsing.nodes.seal`), the innermost first.
    """
    stack = container.stack
    for k in range(len(stack) - 1, i - 1, -1):
        seal(stack[k - 1] if k else container, stack[k])
    del stack[i:]


def _label_text(label_runs: Sequence[Run]) -> str:
    """The label as read for its scheme: amended, else original, stripped."""
    if len(label_runs) == 1 and label_runs[0].op is Op.EQUAL:
        return label_runs[0].text.strip()
    return runs_text(label_runs, "amended").strip() or runs_text(label_runs, "original").strip()


def _labels(label_runs: Sequence[Run]) -> tuple[str | None, str | None]:
    """The amended and original labels of ``label_runs``, stripped, None where a view has no text: what
    :meth:`Node.label` reads (and :func:`_label_text` is the first of them that is not empty).
    """
    if len(label_runs) == 1 and label_runs[0].op is _EQUAL:
        text = label_runs[0].text
        return (text.strip(), text.strip()) if text else (None, None)
    amended, original = runs_text(label_runs, "amended"), runs_text(label_runs, "original")
    return (amended.strip() if amended else None, original.strip() if original else None)


def _last_number(parent: Node, container: Node) -> int | None:
    child = parent.last_number  # the last child numbered 1, 2, 3…
    if child is not None:
        value = child.label("amended") or ""
        return int(value) if value.isdigit() else None
    return 0 if parent is container else None


def _relabel(label_runs: Sequence[Run], old: str, new: str) -> list[Run]:
    text = runs_text(label_runs)
    rest = text[len(old) + len(new) :]
    return [make_run(Op.DELETE, old, inferred=True), make_run(Op.INSERT, new, inferred=True), make_run(Op.EQUAL, rest)]
