"""The payload contract between Python and JS (itu_nb/widgets/_contract.py and js/src/contract.js):
real payloads have exactly its keys and value types, and both sides name the same fields."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import anywidget
import pytest
from conftest import CRITIC, FINAL_ACTS

import itu_nb
from itu_nb.model import CHANGE_KINDS
from itu_nb.model.comparison import PAIR_KINDS
from itu_nb.widgets import _contract
from itu_nb.widgets._contract import (
    ChangePayload,
    ConflictPayload,
    Meta,
    MoveName,
    Node,
    Row,
    Seg,
    SidePayload,
    Struck,
    field_names,
    problems,
)

CONTRACT_JS = Path(__file__).resolve().parents[1] / "js" / "src" / "contract.js"
SHAPES = (Seg, Row, ChangePayload, Meta, SidePayload, ConflictPayload, Node, Struck, MoveName)


@pytest.fixture(scope="module")
def payloads():
    """What the widgets sync for the Brazil proposal (each of its five proposals, B/67/4 among them), its
    Resolution 130 compared with the one adopted at Dubai (the Final Acts), and the merged draft of
    test_amend_merge (CEPT and APT on that Resolution 130), which has conflicts."""
    from test_amend_merge import DRAFT
    from test_widgets import MOVE_NEW, MOVE_OLD

    brazil = itu_nb.load(CRITIC, author="Brazil")
    adopted = itu_nb.load(FINAL_ACTS)["Resolution 130"]
    comparison = itu_nb.compare(brazil["B/67/4"], adopted)
    viewers = [itu_nb.RedlineViewer(p) for p in brazil]
    viewers += [itu_nb.RedlineViewer(comparison), itu_nb.RedlineViewer(DRAFT)]
    viewers.append(itu_nb.RedlineViewer(MOVE_OLD, MOVE_NEW))  # hand-made: the one payload with a move (`mv`)
    # the fixture has no comments: B/67/4 with an analyst's highlight and comment on resolves 2 (`hl`, `notes`)
    line = "2\tto give high priority to the work of ITU"
    text = Path(CRITIC).read_text(encoding="utf-8")
    text = text.replace(line, line.replace("high priority", "{==high priority==}{>>@Ana (2026-12-01): agreed?<<}"))
    viewers.append(itu_nb.RedlineViewer(itu_nb.load(text, format="criticmarkup")["B/67/4"]))
    # Ana moves resolves 3 of B/67/4: Brazil's insertions in it are struck (`si`), its runs carry the move's name (`mn`)
    from itu_nb.amendments.edits import apply_ops
    from itu_nb.amendments.operations import MoveClause

    moved = apply_ops(brazil["B/67/4"], [MoveClause("resolves/3", after="resolves/4")], author="Ana", date="2026-12-05")
    viewers.append(itu_nb.RedlineViewer(moved))
    trees = [itu_nb.ClauseTreeExplorer(x) for x in (brazil, brazil["B/67/4"], comparison, adopted)]
    return viewers, trees


def test_real_payloads_have_exactly_the_contracts_fields_and_types(payloads):
    viewers, trees = payloads
    for v in viewers:
        name = type(v.source).__name__
        assert problems(v._rows, list[Row], f"{name} rows") == []
        assert problems(v._changes, list[ChangePayload], f"{name} changes") == []
        assert problems(v._meta, Meta, f"{name} meta") == []
        assert problems(v._conflicts, list[ConflictPayload], f"{name} conflicts") == []
    for t in trees:
        assert problems(t._nodes, list[Node], "tree nodes") == []


def test_every_field_of_the_contract_occurs_in_the_real_payloads(payloads):
    """So the check above is not vacuous: each optional key is really sent somewhere."""
    viewers, trees = payloads
    rows = [r for v in viewers for r in v._rows]
    changes = [c for v in viewers for c in v._changes]
    conflicts = [c for v in viewers for c in v._conflicts]
    assert {k for r in rows for k in r} == set(field_names(Row))
    # `x` (RedlineViewer.show: a change redline() draws inside an inserted/deleted clause that is not one of
    # the proposal's own) is sent by none of these, nor by any other proposal of the fixtures: since every
    # clause of an inserted/deleted one has its own tracked change, none follows its parent
    assert {k for c in changes for k in c} == set(field_names(ChangePayload))
    assert conflicts and {k for c in conflicts for k in c} == set(field_names(ConflictPayload))
    assert {s[0] for r in rows for s in r["lab"] + r["seg"]} == {-1, 0, 1}
    assert {v._meta["editable"] for v in viewers} == {True, False}
    assert {n[8] for t in trees for n in t._nodes} >= {"document", "proposal"}


def test_problems_finds_a_wrong_key_a_missing_key_and_a_wrong_type(payloads):
    row = dict(payloads[0][0]._rows[0])
    assert problems(row, Row) == []
    assert problems({**row, "extra": 1}, Row) == ["payload: Row has no field ['extra']"]
    assert problems({k: v for k, v in row.items() if k != "path"}, Row) == ["payload: Row lacks ['path']"]
    assert problems({**row, "d": True}, Row) == ["payload.d: True is not an int"]
    assert problems({**row, "k": "changed"}, Row) == [f"payload.k: 'changed' is not one of {PAIR_KINDS}"]
    assert problems({**row, "seg": [[2, "x", -1]]}, Row) == ["payload.seg[0].op: 2 is not one of (-1, 0, 1)"]
    assert problems(["k", -1, 0], Node) == ["payload: ['k', -1, 0] is not a Node of 9 items"]


def test_the_vocabularies_are_the_models():
    assert _contract.VOCABULARIES[(ChangePayload, "k")] is CHANGE_KINDS
    assert _contract.VOCABULARIES[(Row, "k")] is PAIR_KINDS
    assert _contract.VOCABULARIES[(Meta, "kinds")] is PAIR_KINDS


# -- the JS side names the same contract ------------------------------------------------------
def _braced(text: str, start: int) -> tuple[str, int]:
    """The text inside the balanced {…} opening at ``start``, and the position after it."""
    depth = 0
    for k in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return text[start + 1 : k], k + 1
    raise ValueError(f"unbalanced braces at {start}")


def _split_top(text: str) -> list[str]:
    """Split at commas outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += {"[": 1, "{": 1, "(": 1, "<": 1, "]": -1, "}": -1, ")": -1, ">": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [*parts, cur]


def js_typedefs() -> dict[str, dict[str, tuple[str, bool]]]:
    """Each typedef of contract.js → {field: (type, optional)}: `@property` lines of an object, or the
    labels of a labelled tuple."""
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for block in re.findall(r"/\*\*(.*?)\*/", CONTRACT_JS.read_text(encoding="utf-8"), re.S):
        text = re.sub(r"^\s*\* ?", "", block, flags=re.M)
        at = text.find("@typedef")
        if at < 0:
            continue
        kind, end = _braced(text, text.index("{", at))
        name = re.match(r"\s*(\w+)", text[end:]).group(1)
        fields: dict[str, tuple[str, bool]] = {}
        if kind.startswith("["):
            for part in _split_top(kind.strip()[1:-1]):
                label, tp = part.split(":", 1)
                fields[label.strip()] = (re.sub(r"\s+", "", tp), False)
        for m in re.finditer(r"@property\s+", text):
            tp, end = _braced(text, m.end())
            prop = re.match(r"\s*(\[?)(\w+)", text[end:])
            fields[prop.group(2)] = (re.sub(r"\s+", "", tp), prop.group(1) == "[")
        out[name] = fields
    return out


def ts(tp: object) -> str:
    """The TypeScript spelling of a contract type, as contract.js writes it."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, __import__("types").UnionType):
        return "|".join(ts(a) for a in args)
    if origin is typing.Literal:
        return "|".join(str(a) for a in args)
    if origin is list:
        return f"{ts(args[0])}[]"
    return {int: "number", str: "string", bool: "boolean", type(None): "null"}.get(tp) or tp.__name__


def py_fields(shape) -> dict[str, tuple[str, bool]]:
    hints = typing.get_type_hints(shape)
    optional = getattr(shape, "__optional_keys__", frozenset())
    return {n.rstrip("_"): (ts(t), n in optional) for n, t in hints.items()}


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.__name__)
def test_contract_js_names_the_same_fields_with_the_same_types(shape):
    js = js_typedefs()
    assert shape.__name__ in js, f"js/src/contract.js has no typedef {shape.__name__}"
    assert js[shape.__name__] == py_fields(shape)
    if issubclass(shape, tuple):  # positions matter: the payload is a list
        assert list(js[shape.__name__]) == list(field_names(shape))


@pytest.mark.parametrize(
    ("state", "widget"), [("RedlineState", itu_nb.RedlineViewer), ("TreeState", itu_nb.ClauseTreeExplorer)]
)
def test_contract_js_types_every_synced_trait(state, widget):
    own = set(widget.class_traits(sync=True)) - set(anywidget.AnyWidget.class_traits(sync=True))
    assert set(js_typedefs()[state]) == own
