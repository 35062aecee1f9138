"""The review's sidecar file (``<source file>.review.json``): where it goes, and its JSON form.

The format is described in :mod:`itu_nb.amendments.reviewing`; :class:`~itu_nb.amendments.review_state.Review`
reads and writes it (through its base :class:`~itu_nb.amendments.review_file.ReviewFile`): :func:`sidecar_for` is
the default file of a document, :func:`writable` says whether it can be written, and the analyst's actions
(:class:`_Edit`, :class:`_Decide`) are turned into JSON and read back here, refusing what is not a review
(:class:`ReviewError`, naming the file).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itu_nb.amendments import operations
from itu_nb.amendments.operations import EditError
from itu_nb.errors import LoadError
from itu_nb.model import Document

if TYPE_CHECKING:  # types only: reviewing imports this module
    from itu_nb.amendments.reviewing import Review

__all__ = ["DECISIONS", "FORMAT", "ReviewError", "read_review", "review_json", "sidecar_for", "writable"]

FORMAT = "itu_nb-review"
VERSION = 1
DECISIONS = ("accept", "reject")
SUFFIX = ".review.json"


class ReviewError(LoadError):
    """A sidecar review file that cannot be read or written (the message names the file)."""


@dataclass
class _Edit:
    """One edit action: its operations, by whom and when (replayed with the same author and date, so same ids)."""

    ops: tuple
    author: str | None
    date: str


@dataclass
class _Decide:
    """One decision action: the decisions after it and before it (``None``: undecided)."""

    after: dict[str, str | None]
    before: dict[str, str | None]


def sidecar_for(document) -> Path | None:
    """The default sidecar of a document loaded from a file: ``<source file>.review.json``; else None.

    Parameters
    ----------
    document : Document or Proposal
        A Proposal alone does not know its file: None.

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> sidecar_for(doc).name
    'pp18-doc67-brazil.reconstructed.critic.md.review.json'
    """
    source = getattr(document, "source", None)
    if not isinstance(document, Document) or not source or source.startswith("<"):
        return None
    path = Path(source)
    if not path.is_file():
        return None
    return path.with_name(path.name + SUFFIX)


def writable(path: Path) -> bool:
    """Whether the sidecar ``path`` can be written (the file if it exists, else its folder)."""
    if path.exists():
        return os.access(path, os.W_OK)
    return path.parent.is_dir() and os.access(path.parent, os.W_OK | os.X_OK)


def _op_to_json(op, author: str | None, date: str, action: int | None) -> dict:
    out: dict = {"op": type(op).__name__}
    for f in dataclasses.fields(op):
        value = getattr(op, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    out["author"], out["date"] = author, date
    if action is not None:
        out["action"] = action
    return out


def _op_from_json(item: dict, where: str):
    name = item.get("op")
    cls = getattr(operations, str(name), None)
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls) or name not in _op_names():
        raise ReviewError(where, f"unknown edit operation {name!r}")
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k in names}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ReviewError(where, f"edit {name}: {exc}") from None


def _op_names() -> set[str]:
    return {n for n in dir(operations) if isinstance(getattr(operations, n), type) and n[:1].isupper()} - {"EditError"}


def _edits_to_json(edits: list[_Edit]) -> list[dict]:
    out: list[dict] = []
    for n, e in enumerate(edits):
        action = n if len(e.ops) > 1 else None
        out.extend(_op_to_json(op, e.author, e.date, action) for op in e.ops)
    return out


def _edits_from_json(items, where: str) -> list[_Edit]:
    if not isinstance(items, list):
        raise ReviewError(where, "'edits' must be a list")
    out: list[_Edit] = []
    last_action = None
    for item in items:
        if not isinstance(item, dict):
            raise ReviewError(where, f"an edit must be an object, not {item!r}")
        op = _op_from_json(item, where)
        action = item.get("action")
        if action is not None and action == last_action and out:
            out[-1].ops = (*out[-1].ops, op)
        else:
            out.append(_Edit((op,), item.get("author"), str(item.get("date") or datetime.date.today().isoformat())))
        last_action = action
    return out


def _action_to_json(action: _Edit | _Decide) -> dict:
    if isinstance(action, _Edit):
        return {"edits": _edits_to_json([action])}
    return {"decisions": dict(action.after), "before": dict(action.before)}


def _action_from_json(item, where: str) -> _Edit | _Decide:
    if isinstance(item, dict) and "edits" in item:
        edits = _edits_from_json(item["edits"], where)
        return _Edit(
            tuple(op for e in edits for op in e.ops), edits[0].author if edits else None, edits[0].date if edits else ""
        )
    if isinstance(item, dict) and isinstance(item.get("decisions"), dict):
        return _Decide(dict(item["decisions"]), dict(item.get("before") or {}))
    raise ReviewError(where, f"a redo entry must hold 'edits' or 'decisions', not {item!r}")


def review_json(review: Review) -> dict:
    """``review`` as the sidecar's JSON object (see :mod:`itu_nb.amendments.reviewing`)."""
    source = review.document.source
    digest = None
    if source and not source.startswith("<") and Path(source).is_file():
        digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
    proposals: dict[str, dict] = {}
    for k, state in review._states.items():
        if not (state.decisions or state.edits or state.redo):
            continue
        proposals[k] = {
            "decisions": dict(state.decisions),
            "edits": _edits_to_json(state.edits),
            "redo": [_action_to_json(a) for a in state.redo],
        }
    proposals.update(review._unknown)
    saved = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": Path(source).name if not source.startswith("<") else source,
        "source_sha256": digest,
        "author": review.author,
        "saved": saved,
        "proposals": proposals,
    }


def read_review(review: Review, path: Path) -> None:
    """Read the sidecar ``path`` into ``review``: its decisions, edits and redo list; what it notices, in ``review.notes``."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(where, f"cannot read the review: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ReviewError(where, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReviewError(where, f"not an itu_nb review (its 'format' is not {FORMAT!r})")
    if data.get("version") != VERSION:
        raise ReviewError(where, f"review format version {data.get('version')!r}; this itu_nb reads {VERSION}")
    if review.author is None:
        review.author = data.get("author")
    digest = data.get("source_sha256")
    source = review.document.source
    known = digest and source and not source.startswith("<") and Path(source).is_file()
    if known and hashlib.sha256(Path(source).read_bytes()).hexdigest() != digest:
        review.notes.append(f"{data.get('source')} changed since the review was saved ({data.get('saved')})")
    proposals = data.get("proposals") or {}
    if not isinstance(proposals, dict):
        raise ReviewError(where, "'proposals' must be an object")
    for k, item in proposals.items():
        if not isinstance(item, dict):
            raise ReviewError(where, f"proposal {k!r}: must be an object")
        if k not in review._states:
            review._unknown[k] = item
            review.notes.append(f"the review holds proposal {k!r}, which the document does not: kept in the file")
            continue
        decisions = item.get("decisions") or {}
        if not isinstance(decisions, dict) or any(d not in DECISIONS for d in decisions.values()):
            raise ReviewError(where, f"proposal {k!r}: decisions map change ids to 'accept' or 'reject'")
        state = review._states[k]
        state.edits = _edits_from_json(item.get("edits") or [], where)
        try:
            review.proposal(k)
        except EditError as exc:
            raise ReviewError(where, f"proposal {k!r}: a saved edit no longer applies: {exc}") from None
        state.decisions = dict(decisions)
        state.history = list(state.edits)  # the edits can be undone after a reload, the last first
        state.redo = [_action_from_json(a, where) for a in item.get("redo") or []]
    review._orphans()
