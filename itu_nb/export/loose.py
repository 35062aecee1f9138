"""Lines that are no node (a marker, a blank line) holding a comment or highlight, and where they stand.

Such lines are artefacts of the document (``doc.artefacts``), by line number.  A line-based writer
writes them at their line; a format without such lines (Akoma Ntoso) keeps them as metadata of the
proposal they go with, and the HTML shows them by the marker or after the clause before them:
:func:`loose_lines` says which proposal each goes with and where in it, in a document with node lines
(read from text, CriticMarkup, .docx) from those lines, in one without (read from Akoma Ntoso) from the
markers kept among them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from itu_nb.model import Artefact, Document, NodeKind, Op
from itu_nb.parsing.notes import held_bodies, unheld_bodies

__all__ = ["INLINE_KINDS", "Loose", "LooseLine", "has_lines", "loose_comments", "loose_lines"]

#: Artefact kinds that stand inside a line of text; any other kind names a whole line.
INLINE_KINDS = frozenset(
    {"bookmark", "footnote-ref", "footnote-body", "footnote-part", "comment", "highlight", "keys", "paragraph-mark"}
)


#: Artefact kinds that make a line that is no node worth keeping in a format without such lines (a
#: ``paragraph-mark``: an empty paragraph inserted or deleted as a tracked change, with its author and date).
_NOTED = ("comment", "highlight", "paragraph-mark")


@dataclass(frozen=True)
class LooseLine:
    """A line that is no node (a marker, blank, separator or header line), its artefacts and where it stands.

    ``proposal`` is the index of the proposal it goes with and ``place`` where in it: ``"before"`` (before
    its marker, or before its first node when it has none), ``"marker"`` (its marker line),
    ``"after-marker"`` (between the marker and the first node), ``"inside"`` (between two of its nodes:
    ``after`` is the path of the node before it) or ``"end"`` (after its last node, the last proposal's:
    ``after`` is that node's path).  ``on`` is the kind of the line (``marker``, ``blank``, ``separator``,
    ``header``…: a line holding nothing but marks is ``blank``).
    """

    line: int
    artefacts: tuple[Artefact, ...]
    proposal: int
    place: str
    on: str
    after: str | None = None


@dataclass(frozen=True)
class Loose:
    """A comment of a line that is no node, with the :class:`LooseLine` fields ``proposal``, ``place``, ``on``
    and ``after``.
    """

    comment: Artefact
    proposal: int
    place: str
    on: str
    after: str | None = None


def loose_lines(doc: Document, every: bool = False) -> list[LooseLine]:
    """The lines of ``doc.artefacts`` that hold a comment, a highlight or a note body no node holds
    (:func:`~itu_nb.parsing.notes.unheld_bodies`), with where they stand, in line order;
    for each proposal one of them goes with, every line between the previous proposal's last node and its
    first node too (its marker, blank lines), which tell a reader without lines where they stood.

    A document without node lines (read from Akoma Ntoso, which keeps those lines with their numbers)
    places them by the marker in each run of consecutive lines (:func:`_unplaced`).  Linear in the
    lines and nodes (but for a sort and a binary search per line).

    With ``every`` (the Akoma Ntoso writer, which has no block for such lines) every line of ``doc.artefacts`` is
    kept (a separator, a site address, a blank line; not a note body a node holds, written at its reference, nor a
    marker line that is just its proposal's ``ACTION<TAB>id``, which the statement gives back, unless a line
    kept before the proposal's first node needs it).
    """
    if every and doc.proposals and doc.artefacts:
        return _every_line(doc)
    if not doc.proposals or not any(a.kind in _NOTED or a.kind == "footnote-body" for a in doc.artefacts):
        return []
    bodies = unheld_bodies(doc)  # note bodies on lines of their own that no node holds: kept as lines too
    if not bodies and not any(a.kind in _NOTED for a in doc.artefacts):
        return []
    whole: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        whole.setdefault(a.line, []).append(a)
    kinds = {no: next((a.kind for a in arts if a.kind not in INLINE_KINDS), "markup") for no, arts in whole.items()}
    kinds = {no: "blank" if kind == "markup" else kind for no, kind in kinds.items()}
    noted = sorted(no for no, arts in whole.items() if no in bodies or any(a.kind in _NOTED for a in arts))
    placed = _placed(doc, whole, noted) if has_lines(doc) else _unplaced(doc, whole)
    return [LooseLine(no, tuple(whole[no]), k, place, kinds[no], after) for no, k, place, after in placed]


def _every_line(doc: Document) -> list[LooseLine]:
    """Every line of ``doc.artefacts`` but the note bodies a node holds and the plain markers (see
    :func:`loose_lines`), placed as :func:`loose_lines` places its lines.
    """
    whole: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        whole.setdefault(a.line, []).append(a)
    kinds = {no: next((a.kind for a in arts if a.kind not in INLINE_KINDS), "markup") for no, arts in whole.items()}
    kinds = {no: "blank" if kind == "markup" else kind for no, kind in kinds.items()}
    if not has_lines(doc):
        placed = _unplaced(doc, whole)
    else:
        held = held_bodies(doc)
        plain = {f"{p.action}\t{p.id}" for p in doc.proposals if p.action}
        noted = [
            no
            for no, arts in sorted(whole.items())
            if no not in held and not (kinds[no] == "marker" and _line_text(arts) in plain)
        ]
        placed = _placed(doc, whole, noted)
    return [LooseLine(no, tuple(whole[no]), k, place, kinds[no], after) for no, k, place, after in placed]


def _line_text(arts: list[Artefact]) -> str | None:
    """The text of a line made only of unchanged artefacts, in order; None when one is changed."""
    if any(a.op is not Op.EQUAL for a in arts):
        return None
    return "".join(a.text for a in sorted(arts, key=lambda a: a.offset or 0))


def _placed(
    doc: Document, whole: dict[int, list[Artefact]], noted: list[int]
) -> list[tuple[int, int, str, str | None]]:
    """(line, proposal, place, after) of the noted lines of a document with node lines, and of the lines
    before the first node of each proposal one of them goes with (see :func:`loose_lines`).
    """
    nodes = [sorted((n.line, n.path) for n in p.walk() if n.line is not None) for p in doc.proposals]
    starts = [k for k, lines in enumerate(nodes) if lines]  # the proposals with nodes, in source order
    if not starts:  # no node at all: every line stands before the first node (a separator there makes the rest
        return [(no, 0, "before", None) for no in sorted(whole)]  # trailer lines, read so only after it)
    firsts = [nodes[k][0][0] for k in starts]
    lines = sorted(whole)
    markers = sorted(no for no, arts in whole.items() if any(a.kind == "marker" for a in arts))
    out: dict[int, tuple[int, int, str, str | None]] = {}
    heads: set[int] = set()  # indexes into starts whose lines before the first node are kept
    for no in noted:
        i = bisect_right(firsts, no)  # the proposals starting before the line: starts[:i]
        if i < len(starts) and (i == 0 or no > nodes[starts[i - 1]][-1][0]):
            heads.add(i)  # before proposal starts[i]'s first node: placed below, with the other lines there
            continue
        k = starts[i - 1]
        j = bisect_right(nodes[k], (no, "\uffff")) - 1  # the node before the line
        out[no] = (no, k, "end" if j == len(nodes[k]) - 1 else "inside", nodes[k][j][1])
        heads.add(i - 1)  # its proposal's marker tells a reader without lines which proposal it goes with
    for i in sorted(heads):
        low = nodes[starts[i - 1]][-1][0] if i else -1
        at = bisect_left(markers, firsts[i]) - 1
        marker = markers[at] if at >= 0 and markers[at] > low else None
        for no in lines[bisect_right(lines, low) : bisect_left(lines, firsts[i])]:
            where = "before" if marker is None or no < marker else "marker" if no == marker else "after-marker"
            out[no] = (no, starts[i], where, None)
    return sorted(out.values())


def _unplaced(doc: Document, whole: dict[int, list[Artefact]]) -> list[tuple[int, int, str, str | None]]:
    """(line, proposal, place, after) of the lines of a document without node lines (see :func:`loose_lines`).

    The lines kept before a proposal's first node are a run of consecutive lines (:func:`_placed`); the
    marker in a run says which proposal it goes with.  A run without a marker (lines between or after a
    proposal's nodes) goes with the proposal of the run before it, or the next run's proposal when it is
    the first run: after the node its lines' ``anchor`` names (as Akoma Ntoso keeps it), when that proposal
    has it, else at the end of that proposal (before the next run's proposal when it is the first run).
    """
    ids = {f"{p.action}\t{p.id}": k for k, p in enumerate(doc.proposals) if p.action}
    runs: list[list[int]] = []
    for no in sorted(whole):
        if runs and runs[-1][-1] == no - 1:
            runs[-1].append(no)
        else:
            runs.append([no])
    found: list[tuple[int, int] | None] = []  # per run: (marker line, proposal)
    for run in runs:
        found.append(_run_marker(run, whole, ids))
    first = next((m[1] for m in found if m is not None), 0)  # the proposal of the first run with a marker
    out: list[tuple[int, int, str, str | None]] = []
    last: int | None = None  # the proposal of the last run with a marker so far
    paths: dict[int, set[str]] = {}  # per proposal, the paths an anchor may name
    bare: dict[str, int] = {}  # the proposals with no action (no marker line names them), by id: the first of one
    for k, p in enumerate(doc.proposals):
        if not p.action:
            bare.setdefault(p.id, k)
    for i, run in enumerate(runs):
        marker = found[i]
        named = _named(run, whole, bare) if marker is None and bare else None
        if named is not None:  # lines before the first node of a proposal with no action, its id in their anchor
            last = named
            for no in run:
                anchor = next((a.anchor for a in whole[no] if a.anchor is not None), None)
                where = anchor[0] if anchor is not None and anchor[0] in _HEAD_PLACES else "before"
                out.append((no, named, where, None))
            continue
        if marker is None:
            k, where = (last, "end") if last is not None else (first, "before")
            for no in run:
                anchor = next((a.anchor for a in whole[no] if a.anchor is not None), None)
                if anchor is not None and anchor[1] is not None and anchor[0] in ("inside", "end"):
                    if k not in paths:
                        paths[k] = {n.path for n in doc.proposals[k].walk()}
                    if anchor[1] in paths[k]:  # after a node its proposal still has: there again
                        out.append((no, k, anchor[0], anchor[1]))
                        continue
                out.append((no, k, where, None))
            continue
        at, last = marker
        out += [(no, last, "before" if no < at else "marker" if no == at else "after-marker", None) for no in run]
    return out


#: The places of a line before a proposal's first node (:class:`LooseLine`).
_HEAD_PLACES = ("before", "marker", "after-marker")


def _named(run: list[int], whole: dict[int, list[Artefact]], bare: dict[str, int]) -> int | None:
    """The proposal with no action that the lines ``run`` stood before, as Akoma Ntoso's reader names it in their
    anchor (:func:`itu_nb.loaders.akn_remarks.loose_lines`: its id), when every line names that one.
    """
    found = {
        a.anchor[1] if a.anchor is not None and a.anchor[0] in _HEAD_PLACES else None for no in run for a in whole[no]
    }
    if len(found) != 1:
        return None
    return bare.get(found.pop() or "")


def _run_marker(run: list[int], whole: dict[int, list[Artefact]], ids: dict[str, int]) -> tuple[int, int] | None:
    """(marker line, proposal) of the last marker among the lines ``run``: a line whose marker text is a proposal's
    ``ACTION<TAB>id``, or the second of two lines that give it together (action then id, or id then action: the
    marker is that line, as :func:`_placed` places it); None when there is none.
    """
    marker = None
    before: tuple[str, ...] = ()  # the marker texts of the line before
    for no in run:
        texts = _marker_texts(whole[no])
        tries = [*texts, *(f"{a}\t{b}" for t in texts for p in before if t and p for a, b in ((p, t), (t, p)))]
        key = next((t for t in tries if t in ids), None)
        if key is not None:
            marker = (no, ids[key])
        before = texts
    return marker


def _marker_texts(arts) -> tuple[str, ...]:
    """The text of a line's marker pieces in the amended view, then in the original (a marker with a change in it:
    the proposal's id is read from the amended text).
    """
    amended = "".join(a.text for a in arts if a.kind == "marker" and a.op is not Op.DELETE).strip()
    original = "".join(a.text for a in arts if a.kind == "marker" and a.op is not Op.INSERT).strip()
    return (amended,) if amended == original else (amended, original)


def loose_comments(doc: Document, lines: list[LooseLine] | None = None) -> list[Loose]:
    """The comments of ``doc.artefacts`` (lines that are no node) with where they stand; ``lines``: what
    :func:`loose_lines` gave for ``doc``, when the caller has it.
    """
    return [
        Loose(a, line.proposal, line.place, line.on, line.after)
        for line in (loose_lines(doc) if lines is None else lines)
        for a in line.artefacts
        if a.kind == "comment"
    ]


def has_lines(doc: Document) -> bool:
    """True when ``doc`` was read from a line-based source: every node but the footnotes has its line."""
    if not doc.n_lines:
        return False
    return all(n.line is not None for p in doc for n in p.walk() if n.kind is not NodeKind.FOOTNOTE)
