"""The payload contract between Python and JS: what the widgets sync, as data.

Python computes, JS renders: the shapes below are what :mod:`itu_nb.widgets._payload`,
:mod:`itu_nb.widgets._conflicts` and the widgets send, and what the renderers in ``js/src`` read.
The same contract, as the JSDoc types the renderers import, is ``js/src/contract.js``;
``tests/test_widget_contract.py`` checks that both name the same fields with the same types, and
that real payloads (the Brazil proposal, a comparison, a merged draft) have exactly these keys and
value types.

Dicts are :class:`~typing.TypedDict` s (keys present only when they apply are in a ``total=False``
part); lists sent in a fixed order are :class:`~typing.NamedTuple` s, whose field names say what each
position holds (they travel as JSON lists).  Vocabularies are the model's, named in
:data:`VOCABULARIES`, not restated: a row's kind is one of :data:`itu_nb.model.comparison.PAIR_KINDS`,
a change's kind one of :data:`itu_nb.model.CHANGE_KINDS`.
"""

import types
import typing
from typing import Literal, NamedTuple, TypedDict, Union

from itu_nb.diff.documents import STATUSES
from itu_nb.model import CHANGE_KINDS, NodeKind
from itu_nb.model.comparison import PAIR_KINDS

__all__ = [
    "VOCABULARIES",
    "ChangePayload",
    "ConflictPayload",
    "Counts",
    "Meta",
    "Node",
    "Note",
    "MoveName",
    "Row",
    "Seg",
    "Struck",
    "SidePayload",
    "TextEntry",
    "problems",
]


class Seg(NamedTuple):
    """One stretch of a row's label or body: diff-match-patch's op, the text, the change it belongs to."""

    op: Literal[-1, 0, 1]  # itu_nb.model.Op: -1 deleted, 0 equal, 1 inserted
    text: str
    change: int  # an index into the changes, -1 for equal text


class Note(TypedDict):
    """A comment on a clause (a ``comment`` artefact: CriticMarkup ``{>>…<<}``, a Word comment)."""

    a: str | None  # its author
    t: str | None  # its date
    text: str


class Struck(TypedDict):
    """Text one author inserted and another struck (a ``struck-insert`` artefact): in neither view, drawn struck
    where it stood, with who inserted and who struck it (:func:`._payload.viewer_rows`).
    """

    seg: int  # the index of the body segment it stands in (0 when the body is empty)
    off: int  # where in that segment's text it stands (the segment's length: after it)
    text: str
    a: str | None  # who inserted it
    t: str | None  # when it was inserted
    sa: str | None  # who struck it
    st: str | None  # when it was struck
    c: int  # the change that decides it (an index into the changes): its striker's, or its own; -1 for none


class MoveName(NamedTuple):
    """A segment that is one end of a move (:attr:`itu_nb.model.Run.move`, Word's ``w:moveFrom`` / ``w:moveTo``
    or an edit's move) and the move's name.
    """

    seg: int  # an index into the row's label segments followed by its body segments (``lab + seg``)
    name: str  # the move's name ("move-resolves/3")


class _Row(TypedDict):
    i: int  # the row's index
    id: str  # the clause pair's id
    path: str  # the clause path (amended labels)
    d: int  # depth: the number of "/" in the path
    sec: str | None  # the section, None outside one
    k: str  # the pair's kind (PAIR_KINDS)
    t: str  # the node's kind (NodeKind value)
    at: str  # where it is, in words ("considering b)"), never an internal id
    lab: list[Seg]  # the label's segments
    seg: list[Seg]  # the body's segments


class Row(_Row, total=False):
    """One clause row of the redline viewer (trait ``_rows``; :func:`._payload.viewer_rows`)."""

    lo: str  # the original label, when relabelled
    ln: str  # the amended label, when relabelled
    mv: str  # the other path of a moved clause
    mvat: str  # where it was, in words ("considering a)")
    cf: list[str]  # the ids of the open conflicts at this row (:func:`._conflicts.flag_rows`)
    notes: list[Note]  # the clause's comments
    hl: list[int]  # the indexes of the body segments that are highlighted
    si: list[Struck]  # the text inserted by one author and struck by another, in source order
    mn: list[MoveName]  # the segments that are one end of a move, with its name


class ChangePayload(TypedDict):
    """One change of the redline viewer (trait ``_changes``; :func:`._payload.viewer_rows`)."""

    id: str  # the change's stable id (itu_nb.model.Change.id)
    r: int  # the index of its row
    k: str  # its kind (CHANGE_KINDS)
    a: str | None  # its author
    t: str | None  # its date
    sec: str | None  # the section of its row
    path: str  # the path of its row
    wi: int  # words inserted
    wd: int  # words deleted
    lab: bool  # whether it touches the label
    ty: bool  # whether it is typographic (itu_nb.model.Change.typographic), drawn apart
    inf: bool  # whether the loader inferred it from a flattened text (itu_nb.model.Change.inferred)


class TextEntry(TypedDict):
    """One text of a document comparison, as the viewer's picker lists it (``Meta.texts``)."""

    id: str  # the first document's text id (TextPair.id), what ``selected_text`` takes
    label: str  # "B/67/4 MOD → Resolution 130 (Rev. Dubai, 2018)"
    status: str  # itu_nb.diff.documents.STATUSES


class Counts(TypedDict):
    """The changes on show by decision (``Meta.counts``; :meth:`itu_nb.Review.counts`)."""

    pending: int
    accepted: int
    rejected: int


class Meta(TypedDict):
    """What the viewer's toolbar offers (trait ``_meta``; :func:`._payload.viewer_meta`, ``RedlineViewer.show``)."""

    title: str
    sections: list[str]  # in order
    kinds: list[str]  # the pair kinds present, without "unchanged"
    authors: list[str]
    sources: list[str]  # "marked" / "inferred" when some change was inferred; empty otherwise
    n_changes: int
    n_ins: int  # inserted segments
    n_del: int  # deleted segments
    editable: bool  # a proposal (decisions can be taken), not a comparison
    banner: str | None  # what the reader must know first (the base differs, a SUP's abrogation), or None
    texts: list[TextEntry]  # a document comparison's texts, for the picker; empty otherwise
    suggestable: bool  # a Proposal is on show: the editing ("suggesting") mode can be offered
    author: str | None  # who edits (the viewer's author), or None
    can_undo: bool  # an action (decision batch or edit) to take back
    can_redo: bool  # an action taken back to do again
    counts: Counts  # pending / accepted / rejected over the changes on show
    review_note: str | None  # said when the review lives in memory only though a file was wanted, else None


class SidePayload(TypedDict):
    """One proposal's contested edit in a conflict (:func:`._conflicts.conflict_payload`)."""

    side: str
    author: str | None
    change: str
    old: str  # "" for none
    new: str  # "" for none


class ConflictPayload(TypedDict):
    """One conflict of a merged draft (trait ``_conflicts``; :func:`._conflicts.conflict_payload`)."""

    id: str
    kind: str  # what clashes (itu_nb.amendments.conflicts.Conflict.kind: overlap, label…)
    path: str | None  # the base's clause path
    at: str | None  # the draft's row path where it sits
    citation: str
    base_text: str
    sides: list[SidePayload]
    resolution: str | None  # None while open, else the side chosen or "text: …"
    wording: str  # what the analyst's own wording replaces, to edit from
    wording_of: str  # what that wording is


class Node(NamedTuple):
    """One node of the clause-tree explorer (trait ``_nodes``; :func:`._payload.tree_nodes`)."""

    key: str  # "<proposal id>" or "<proposal id>:<clause path>", "" for the document
    parent: int  # an index into the nodes, -1 for the root
    depth: int
    label: str
    text: str  # a snippet of the clause text
    mark: str  # the proposal's action (MOD/ADD/SUP) or the pair kind
    ins: int  # inserted runs in the subtree
    del_: int  # deleted runs in the subtree ("del" in JS)
    type: str  # a NodeKind value, "document" or "proposal"


#: (shape, field) → the values that field may take (the model's vocabularies; for a list, each item).
VOCABULARIES: dict[tuple[object, str], tuple[str, ...]] = {
    (Row, "k"): PAIR_KINDS,
    (Row, "t"): tuple(k.value for k in NodeKind),
    (ChangePayload, "k"): CHANGE_KINDS,
    (Meta, "kinds"): PAIR_KINDS,
    (Node, "type"): (*(k.value for k in NodeKind), "document", "proposal"),
    (TextEntry, "status"): STATUSES,
    (Meta, "sources"): ("marked", "inferred"),
}


def field_names(shape: type) -> tuple[str, ...]:
    """The names a shape's fields have in the payload (``del_`` is ``del``, a Python keyword)."""
    return tuple(n.rstrip("_") for n in typing.get_type_hints(shape))  # in the order they are declared


def problems(value: object, tp: object, where: str = "payload") -> list[str]:
    """What in ``value`` does not conform to the type ``tp`` of this contract (empty when it conforms)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        found = [problems(value, arm, where) for arm in args]
        return [] if any(not f for f in found) else [f"{where}: {value!r} is not {_name(tp)}"]
    if tp is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    if origin is Literal:
        return [] if value in args and type(value) is type(args[0]) else [f"{where}: {value!r} is not one of {args}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__} is not a list"]
        return [p for k, item in enumerate(value) for p in problems(item, args[0], f"{where}[{k}]")]
    if isinstance(tp, type) and _is_tuple(tp):  # sent as a JSON list in field order
        fields = list(typing.get_type_hints(tp).items())
        if not isinstance(value, (list, tuple)) or len(value) != len(fields):
            return [f"{where}: {value!r} is not a {tp.__name__} of {len(fields)} items"]
        out = [
            p for (n, t), item in zip(fields, value, strict=True) for p in problems(item, t, f"{where}.{n.rstrip('_')}")
        ]
        return out + _vocabulary(tp, dict(zip(field_names(tp), value, strict=True)), where)
    if isinstance(tp, type) and typing.is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__} is not a {tp.__name__}"]
        keys = set(value)
        required = set(getattr(tp, "__required_keys__"))  # noqa: B009 (a TypedDict's, unknown to type checkers on `type`)
        allowed = required | set(getattr(tp, "__optional_keys__"))  # noqa: B009
        out = [f"{where}: {tp.__name__} lacks {sorted(required - keys)}"] if required - keys else []
        out += [f"{where}: {tp.__name__} has no field {sorted(keys - allowed)}"] if keys - allowed else []
        hints = typing.get_type_hints(tp)
        out += [p for k in sorted(keys & allowed) for p in problems(value[k], hints[k], f"{where}.{k}")]
        return out + _vocabulary(tp, value, where)
    if tp is int:  # a bool is an int to Python, not to JS
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: {value!r} is not an int"]
    if isinstance(tp, type):
        return [] if isinstance(value, tp) else [f"{where}: {value!r} is not a {tp.__name__}"]
    raise TypeError(f"the contract has a type problems() does not know: {tp!r}")


def _is_tuple(tp: type) -> bool:
    return issubclass(tp, tuple) and hasattr(tp, "_fields")


def _vocabulary(shape: object, value: dict, where: str) -> list[str]:
    out = []
    for (owner, name), allowed in VOCABULARIES.items():
        if owner is shape and name in value:
            items = value[name] if isinstance(value[name], list) else [value[name]]
            out += [f"{where}.{name}: {v!r} is not one of {allowed}" for v in items if v not in allowed]
    return out


def _name(tp: object) -> str:
    return getattr(tp, "__name__", None) or str(tp)
