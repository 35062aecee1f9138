"""Python computes, JS renders: a merged Draft's conflicts, ready for the redline viewer's panel.

A conflict's ``path`` is a clause path of the merge's *base*; the viewer draws the
draft, whose paths follow its amended labels (a list relettered by an uncontested
deletion or insertion moves them).  :func:`conflict_payload` therefore also gives
``at``: the draft row where the conflict sits (for a ``same-slot`` conflict, the
clause the competing insertions follow), matched through the original view, which
is the base's text.
"""

from __future__ import annotations

from itu_nb.amendments.relettering import repath
from itu_nb.model import Proposal

__all__ = ["conflict_payload", "flag_rows"]


def _base_to_draft_paths(draft: Proposal) -> dict[str, str]:
    """Base clause path → the draft's path of the same clause (the draft's original view is the base)."""
    original = draft.original  # the draft's paths, original labels
    return {b.path: a.path for a, b in zip(original.walk(), repath(original).walk(), strict=True)}


def conflict_payload(draft) -> list[dict]:
    """Every conflict of ``draft`` (a :class:`itu_nb.amendments.merging.Draft`), in its order.

    Each is ``{id, kind, path, at, citation, base_text, sides, resolution, wording, wording_of}``:
    ``sides`` is one ``{side, author, change, old, new}`` per contested edit (as
    ``draft.conflicts`` has them), ``resolution`` is None while the conflict is open, else the
    side chosen or ``"text: …"``.  ``wording`` is what an analyst's own text (``Draft.resolve(id,
    text=…)``) replaces, to start editing from, and ``wording_of`` says what that is: the
    contested words (overlap), the clause's label (label), the clause's text (delete-modify)
    or the new clause's text (same-slot, starting from the first proposal's).
    """
    conflicts = getattr(draft, "conflict_list", ())
    if not conflicts:
        return []
    import pandas as pd

    frame = draft.conflicts
    to_draft = _base_to_draft_paths(draft)
    out = []
    for c in conflicts:
        rows = frame[frame["conflict"] == c.id]
        anchor = c.edits[0].after if c.kind == "same-slot" and c.edits[0].after else c.path
        resolution = rows["resolution"].iloc[0] if len(rows) else None
        if resolution is not None and pd.isna(resolution):  # pandas turns None into NaN next to strings
            resolution = None
        out.append(
            {
                "id": c.id,
                "kind": c.kind,
                "path": c.path,
                "at": to_draft.get(anchor, anchor) if anchor is not None else None,
                "citation": c.citation,
                "base_text": c.base_text,
                "sides": [
                    {"side": s, "author": a, "change": ch, "old": o or "", "new": n or ""}
                    for s, a, ch, o, n in rows[["side", "author", "change", "old", "new"]].itertuples(index=False)
                ],
                "resolution": None if resolution is None else str(resolution),
                **_wording(draft, c),
            }
        )
    return out


def _wording(draft, c) -> dict:
    """What the analyst's own wording replaces (see :meth:`itu_nb.amendments.merging.Draft.resolve`), to edit from."""
    if c.kind == "overlap":
        # the words alone: the spaces around them stay (Draft.resolve keeps them)
        return {"wording": c.base_text.strip(), "wording_of": "the contested words"}
    if c.kind == "label":
        return {"wording": c.base_text, "wording_of": "the clause's label"}
    if c.kind == "delete-modify":
        node = draft.plan.base.get(c.path) if draft.plan is not None else None
        return {"wording": node.body("amended") if node is not None else "", "wording_of": "the clause's text"}
    first = c.edits[0].clause
    return {"wording": first.body("amended") if first is not None else "", "wording_of": "the new clause's text"}


def flag_rows(rows: list[dict], conflicts: list[dict]) -> None:
    """Give each row where an open conflict sits ``cf``: the ids of those conflicts."""
    where: dict[str, list[str]] = {}
    for c in conflicts:
        if c["resolution"] is None and c["at"] is not None:
            where.setdefault(c["at"], []).append(c["id"])
    for row in rows:
        if row["path"] in where:
            row["cf"] = where[row["path"]]
