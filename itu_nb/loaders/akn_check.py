"""A structural check of a text read from Akoma Ntoso: what the text announces against what was read.

The repairs of :mod:`itu_nb.loaders.akn_repair` undo the converter's regular errors; what they do
not undo should not pass unseen.  :func:`structural_check` compares each text's tree with what
the text itself announces and writes what looks wrong as a note on the node (``Clause.notes``),
each note starting ``"check: "``:

- **numbering**: a list numbers on without gaps or repeats (``1, 2, 3``; ``a), b), c)``;
  ``i), ii), iii)``), from its first label (``1``, ``a)``, ``i)``); ``a bis)`` may follow ``a)``;
  a paragraph between two items ends the list (a new list may start after it);
- **lists announced**: an item or paragraph ending with ``:`` is followed by what it
  announces (sub-items, or items after it);
- **headings**: every section has items or paragraphs under it; the preamble (*considering*,
  *recalling* …) comes before the operative part (*resolves*, *instructs* …); a resolution,
  decision or recommendation has an operative part.

Nothing is changed but the notes: the check says where to look, a reader decides.
"""

from __future__ import annotations

import functools
import re

from itu_nb.loaders.akn_nodes import OpenNode, next_labels
from itu_nb.model import NodeKind
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.labels import bare_label

__all__ = ["structural_check"]

_FIRST = {"number": "1", "letter": "a", "roman": "i"}
_PREAMBLE = {" ".join(k.split()) for k in kw.PREAMBLE}
_OPERATIVE = re.compile(
    r"^(?:further\s+)?(?:" + "|".join(sorted({v.split()[0] for v in kw.OPERATIVE} - {"further"})) + r")\b"
)
_TWIN = re.compile(r"\s?(?:bis|ter)$")


def _note(node: OpenNode, text: str) -> None:
    node.notes.append("check: " + text)


def _is_preamble(keyword: str) -> bool:
    return keyword in _PREAMBLE or keyword.rsplit(" ", 1)[0] in _PREAMBLE


@functools.lru_cache(maxsize=4096)
def _reading(label: str) -> tuple[str, bool]:
    """A label as the numbering check reads it (bare, lower case) and whether it is a twin (``a bis)``)."""
    bare = bare_label(label).lower()
    return bare, _TWIN.search(bare) is not None


def _numbering(container: OpenNode) -> None:
    """Gaps, repeats and wrong starts among the items of ``container`` (see the module)."""
    last: dict[str, str] = {}  # scheme → bare label of the list's last item
    paragraph, item, steps = NodeKind.PARAGRAPH, NodeKind.ITEM, _STEPS
    for node in container.children:
        kind = node.kind
        if kind is paragraph:
            if last:
                last.clear()
            continue
        if kind is not item:
            continue
        scheme = node.scheme
        if scheme is None:
            continue
        bare = node.bare_label
        key = (scheme, last.get(scheme), bare)
        step = steps.get(key)
        if step is None:
            step = _step(*key)
            if len(steps) < 4096:
                steps[key] = step
        note, label = step
        if note is not None:
            _note(node, note)
        if label is not None:
            last[scheme] = label


#: ``(scheme, the list's last label or None, a label)`` → what :func:`_step` says of it: a text has few such steps
_STEPS: dict[tuple[str, str | None, str], tuple[str | None, str | None]] = {}


def _step(scheme: str, previous: str | None, bare: str) -> tuple[str | None, str | None]:
    """What the numbering check makes of an item labelled ``bare`` in ``scheme`` after the list's last label
    ``previous`` (None at a list's start): ``(the note or None, the list's last label now, or None: unchanged)``.
    """
    first = _FIRST.get(scheme)
    if first is None:
        return None, None
    label, twin = _reading(bare)
    if twin:  # "a bis)": an insertion after a), which the next label ignores
        return None, None
    if previous is None:
        return (f"the list starts at {bare}, not at {first}" if label != first else None), label
    expected = next_labels(previous).get(scheme)
    return (
        f"numbering: {bare} follows {previous}, where {expected} was expected" if expected != label else None
    ), label


def _announced(container: OpenNode) -> None:
    """An item or paragraph ending with ``:`` and nothing after it to take what it announces."""
    children = container.children
    if not children:
        return
    node = children[-1]  # only the last node of a section has nothing after it
    if node.kind not in (NodeKind.ITEM, NodeKind.PARAGRAPH) or not node.text.rstrip().endswith(":"):
        return
    if not any(c.kind in (NodeKind.ITEM, NodeKind.PARAGRAPH) for c in node.children):
        _note(node, "ends with ':' but nothing follows it in its section")


def _walk(node: OpenNode) -> None:
    """:func:`_numbering` and :func:`_announced` in ``node`` and every descendant with children."""
    # a node's notes come from its parent's visit alone (its numbering, then what it announces): the order
    # in which the containers are visited changes no note
    todo = [node]
    while todo:
        node = todo.pop()
        _numbering(node)
        _announced(node)
        todo.extend([c for c in node.children if c.children])


def structural_check(top: OpenNode) -> None:
    """Check the text under ``top`` (its top-level nodes) and note on each node what looks wrong."""
    sections = [c for c in top.children if c.kind is NodeKind.SECTION]
    operative = None
    for section in sections:
        if not any(c.kind in (NodeKind.ITEM, NodeKind.PARAGRAPH) for c in section.children):
            _note(section, "a section with neither items nor paragraphs under it")
        keyword = section.section or ""
        if _OPERATIVE.match(keyword):
            operative = operative or section
        elif operative is not None and _is_preamble(keyword):
            _note(section, f"a preamble section after the operative part (which starts at “{operative.section}”)")
    heading = next((c for c in top.children if c.kind is NodeKind.HEADING), None)
    if heading is not None and sections and operative is None:
        _note(heading, "the text has no operative part (resolves, decides, instructs …)")
    for node in top.children:
        if node.kind in (NodeKind.SECTION, NodeKind.ANNEX):
            _walk(node)
