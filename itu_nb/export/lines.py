"""What every writer starts from: a document as lines of pieces, each piece with its op.

Guarantees after :func:`export_lines`:
- a document loaded from a line-based source (text, CriticMarkup, .docx) gives one
  :class:`Line` per source line, in source order, so a writer that puts each line in
  its own paragraph rebuilds the source's layout (blank lines, markers, separators);
- any other document (Akoma Ntoso, a proposal built in memory, a comparison) gives one
  line per clause in reading order, with an ``ACTION<TAB>id`` marker line before each
  proposal that has an action, and a blank line between proposals: the form the text
  parser reads back into the same proposals and clause paths (a label's separator is
  written as a TAB there, as the ITU layout has it); a footnote whose text no artefact
  of its clause holds is written at the end of its clause's line as the loaders read it
  (``[footnoteRef:N][N: text]``; read from Akoma Ntoso), except a comparison's, whose word
  diff a note cannot hold: a line of its own; the lines of ``doc.artefacts``
  that hold a comment or a highlight (read from Akoma Ntoso, which keeps them with their
  source line: :func:`loose_lines`) stand where their marker lines say;
- a line's pieces are the clause's label runs, text runs and inline artefacts in source
  order, each with the run's op, author and date (artefacts carry their kind instead; a
  comment its author and date); a highlight is an empty ``highlight-start`` piece where it
  starts and an empty ``highlight-end`` piece where it ends, the text between cut there.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from itu_nb.model import Artefact, Clause, Document, NodeKind, Op, Proposal

__all__ = [
    "INLINE_KINDS",
    "Line",
    "Loose",
    "LooseLine",
    "Piece",
    "as_document",
    "encodable",
    "export_lines",
    "keys_to_store",
    "line_pieces",
    "loose_comments",
    "loose_lines",
    "node_pieces",
]


@dataclass(frozen=True)
class Piece:
    """A stretch of one line: ``kind`` is ``label``, ``text`` or an artefact kind (``bookmark``…)."""

    text: str
    op: Op
    kind: str = "text"
    author: str | None = None
    date: str | None = None

    @property
    def is_mark(self) -> bool:
        """True for the empty pieces that open and close a highlight."""
        return self.kind in ("highlight-start", "highlight-end")

    @property
    def is_text(self) -> bool:
        """True for document text (label or body), False for artefacts."""
        return self.kind in ("label", "text", "marker", "header", "separator", "trailer")


@dataclass(frozen=True)
class Line:
    """One paragraph to write.

    ``role`` is the clause kind (``heading``, ``section``, ``item`` …) or, for a
    whole line that is no clause, the artefact kind (``marker``, ``blank``,
    ``separator``, ``header``, ``trailer``, ``markup``).  ``depth`` counts the items
    above and including an item (1 for ``a)``, 2 for its ``i)``).
    """

    pieces: tuple[Piece, ...]
    role: str
    node: Clause | None = None
    proposal: Proposal | None = None
    depth: int = 0
    keys: list | None = None  # on a proposal's first clause: the keys to store (keys_to_store)

    def text(self, view: str | None = None) -> str:
        """The document text of the line in ``view`` (artefacts left out)."""
        return "".join(p.text for p in self.pieces if p.is_text and p.op.in_view(view))

    def exists_in(self, view: str) -> bool:
        """Whether the line is part of ``view``: its clause exists there, or one of its pieces does."""
        if self.node is not None:
            return self.node.exists_in(view)
        return any(p.op.in_view(view) for p in self.pieces) or not self.pieces

    @property
    def mark(self) -> Op:
        """The op of the paragraph itself: INSERT or DELETE when the whole paragraph is."""
        ops = {p.op for p in self.pieces if p.text or p.kind == "paragraph-mark"}
        marks = [p.op for p in self.pieces if p.kind == "paragraph-mark"]
        if marks:
            return marks[-1]
        return ops.pop() if len(ops) == 1 and Op.EQUAL not in ops else Op.EQUAL


#: Artefact kinds that stand inside a line of text; any other kind names a whole line.
INLINE_KINDS = frozenset(
    {"bookmark", "footnote-ref", "footnote-body", "comment", "highlight", "keys", "paragraph-mark"}
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with every lone surrogate (which no file encoding can hold) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def keys_to_store(proposal: Proposal) -> list | None:
    """Every clause's key in :meth:`~itu_nb.model.Proposal.walk` order, when a reload could not tell them.

    A loader derives each clause's path, its key, from its amended label (the parser's rules, as
    :func:`~itu_nb.amendments.relettering.repath` applies them).  When a clause's key differs from
    that path (relettered by an amendment, or its relabel rejected), every exporter stores the keys
    of all clauses (by position: a relettered list may even nest differently when read back), so
    change ids survive a save and reload; None when the labels tell every key.  A clause that
    remembers decided identical changes (:attr:`~itu_nb.model.Clause.settled`) is stored as
    ``[key, *settled]``.
    """
    from itu_nb.amendments.relettering import repath

    fresh = repath(proposal)
    if all(a.key == b.path and not a.settled for a, b in zip(proposal.walk(), fresh.walk(), strict=True)):
        return None
    return [[c.key, *c.settled] if c.settled else c.key for c in proposal.walk()]


def node_pieces(node: Clause) -> list[Piece]:
    """The node's label runs, text runs and inline artefacts in source order (stored keys left out:
    writers store the clause's current keys, :func:`keys_to_store`).
    """
    out: list[Piece] = []
    marks: list[tuple[int, int, Piece]] = []  # (offset, 0 for a highlight's end else 1, piece)
    for a in node.artefacts:
        if a.kind == "highlight":
            marks.append((a.offset or 0, 1, Piece("", a.op, "highlight-start")))
            marks.append(((a.offset or 0) + a.length, 0 if a.length else 1, Piece("", a.op, "highlight-end")))
        elif a.kind != "keys":
            marks.append((a.offset or 0, 1, Piece(a.text, a.op, a.kind, a.author, a.date)))
    arts = [m[2] for m in sorted(marks, key=lambda m: m[:2])]
    at = [m[0] for m in sorted(marks, key=lambda m: m[:2])]
    tagged = [("label", r) for r in node.label_runs] + [("text", r) for r in node.runs]
    pos = i = 0
    for kind, run in tagged:
        start, end, done = pos, pos + len(run.text), 0
        while i < len(arts) and at[i] < end:
            cut = at[i] - start
            out.append(Piece(run.text[done:cut], run.op, kind, run.author, run.date))
            out.append(arts[i])
            done, i = max(cut, done), i + 1
        out.append(Piece(run.text[done:], run.op, kind, run.author, run.date))
        pos = end
    out.extend(arts[i:])
    return [p for p in out if p.text or p.kind in ("paragraph-mark", "comment") or p.is_mark]


def line_pieces(arts) -> tuple[Piece, ...]:
    """A whole line's artefacts as pieces, in source order; a highlight covers the ``length`` characters after it."""
    out: list[Piece] = []
    left: list[int] = []  # characters still to cover, per open highlight
    for a in arts:
        if a.kind == "highlight":
            out.append(Piece("", a.op, "highlight-start"))
            left.append(a.length)
        else:
            text = a.text
            while left and left[0] < len(text):
                out.append(dataclasses.replace(_piece(a), text=text[: left[0]]))
                out.append(Piece("", a.op, "highlight-end"))
                text, left = text[left[0] :], [n - left[0] for n in left[1:]]
            out.append(dataclasses.replace(_piece(a), text=text))
            left = [n - len(text) for n in left]
        while left and left[0] <= 0:
            out.append(Piece("", a.op, "highlight-end"))
            left.pop(0)
    out.extend(Piece("", Op.EQUAL, "highlight-end") for _ in left)
    return tuple(out)


def _piece(a) -> Piece:
    return Piece(a.text, a.op, a.kind, a.author, a.date)


def _walk(nodes: tuple[Clause, ...], depth: int = 0) -> Iterator[tuple[Clause, int]]:
    for node in nodes:
        d = depth + 1 if node.kind is NodeKind.ITEM else depth
        yield node, d
        yield from _walk(node.children, d)


#: Artefact kinds that make a line that is no node worth keeping in a format without such lines.
_NOTED = ("comment", "highlight")


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


def loose_lines(doc: Document) -> list[LooseLine]:
    """The lines of ``doc.artefacts`` that hold a comment or a highlight, with where they stand, in line order;
    for each proposal one of them goes with, every line between the previous proposal's last node and its
    first node too (its marker, blank lines), which tell a reader without lines where they stood.

    A document without node lines (read from Akoma Ntoso, which keeps those lines with their numbers)
    places them by the marker in each run of consecutive lines (:func:`_unplaced`).  Linear in the
    lines and nodes (but for a sort and a binary search per line).
    """
    if not doc.proposals or not any(a.kind in _NOTED for a in doc.artefacts):
        return []
    whole: dict[int, list[Artefact]] = {}
    for a in doc.artefacts:
        whole.setdefault(a.line, []).append(a)
    kinds = {no: next((a.kind for a in arts if a.kind not in INLINE_KINDS), "markup") for no, arts in whole.items()}
    kinds = {no: "blank" if kind == "markup" else kind for no, kind in kinds.items()}
    noted = sorted(no for no, arts in whole.items() if any(a.kind in _NOTED for a in arts))
    placed = _placed(doc, whole, noted) if _line_based(doc) else _unplaced(doc, whole)
    return [LooseLine(no, tuple(whole[no]), k, place, kinds[no], after) for no, k, place, after in placed]


def _placed(
    doc: Document, whole: dict[int, list[Artefact]], noted: list[int]
) -> list[tuple[int, int, str, str | None]]:
    """(line, proposal, place, after) of the noted lines of a document with node lines, and of the lines
    before the first node of each proposal one of them goes with (see :func:`loose_lines`).
    """
    nodes = [sorted((n.line, n.path) for n in p.walk() if n.line is not None) for p in doc.proposals]
    starts = [k for k, lines in enumerate(nodes) if lines]  # the proposals with nodes, in source order
    if not starts:
        return [(no, 0, "before", None) for no in noted]
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
    proposal's nodes) goes at the end of the proposal of the run before it, or before the next run's
    proposal when it is the first run.
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
        marker = None
        for no in run:
            text = "".join(a.text for a in whole[no] if a.kind == "marker").strip()
            if text in ids:
                marker = (no, ids[text])
        found.append(marker)
    first = next((m[1] for m in found if m is not None), 0)  # the proposal of the first run with a marker
    out: list[tuple[int, int, str, str | None]] = []
    last: int | None = None  # the proposal of the last run with a marker so far
    for i, run in enumerate(runs):
        marker = found[i]
        if marker is None:
            k, where = (last, "end") if last is not None else (first, "before")
            out += [(no, k, where, None) for no in run]
            continue
        at, last = marker
        out += [(no, last, "before" if no < at else "marker" if no == at else "after-marker", None) for no in run]
    return out


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


def _line_based(doc: Document) -> bool:
    if not doc.n_lines:
        return False
    return all(n.line is not None for p in doc for n in p.walk() if n.kind is not NodeKind.FOOTNOTE)


def export_lines(doc: Document) -> list[Line]:
    """The document as lines to write (see the module docstring); each proposal's first clause line
    carries the keys to store (:func:`keys_to_store`), when there are any.
    """
    lines = _lines(doc)
    first: dict[int, int] = {}  # id(proposal) → the index of its first clause line
    for i, line in enumerate(lines):
        if line.node is not None and line.proposal is not None:
            first.setdefault(id(line.proposal), i)
    for proposal in doc:
        keys = keys_to_store(proposal)
        if keys and id(proposal) in first:
            i = first[id(proposal)]
            lines[i] = dataclasses.replace(lines[i], keys=keys)
    return lines


def _lines(doc: Document) -> list[Line]:
    if _line_based(doc):
        slots: list[Line | None] = [None] * doc.n_lines
        whole: dict[int, list] = {}
        for art in doc.artefacts:
            whole.setdefault(art.line, []).append(art)
        for no, arts in whole.items():
            slots[no] = Line(line_pieces(arts), _role(arts))
        for proposal in doc:
            for node, depth in _walk(proposal.clauses):
                if node.line is not None and node.kind is not NodeKind.FOOTNOTE:
                    slots[node.line] = Line(tuple(node_pieces(node)), node.kind.value, node, proposal, depth)
        return [line if line is not None else Line((), "blank") for line in slots]
    out: list[Line] = []
    notes_inline = doc.format != "comparison"  # a comparison's notes hold a word diff: lines of their own
    loose: dict[tuple[int, str], list[Line]] = {}  # (proposal, place) → the lines kept from the source
    for kept in loose_lines(doc):
        line = Line(line_pieces(kept.artefacts), _role(kept.artefacts))
        loose.setdefault((kept.proposal, kept.place), []).append(line)
    for k, proposal in enumerate(doc):
        if k:
            out.append(Line((), "blank"))
        out += loose.get((k, "before"), [])
        marker = loose.get((k, "marker"), [])
        if proposal.action or marker:
            head = marker[0].pieces if marker else (Piece(f"{proposal.action}\t{proposal.id}", Op.EQUAL, "marker"),)
            out.append(Line(head, "marker", None, proposal))
        out += loose.get((k, "after-marker"), [])
        hosted = {  # the footnotes written in their host's line, by an artefact of it or by _note_pieces
            c.path
            for n in proposal.walk()
            if notes_inline or any(a.kind == "footnote-body" for a in n.artefacts)
            for c in n.children
        }
        for node, depth in _walk(proposal.clauses):
            if node.kind is not NodeKind.FOOTNOTE or node.path not in hosted:
                pieces = _tab_label(node_pieces(node)) + (_note_pieces(node) if notes_inline else [])
                out.append(Line(tuple(pieces), node.kind.value, node, proposal, depth))
        out += loose.get((k, "inside"), []) + loose.get((k, "end"), [])  # "inside": only with node lines
    return out


def _note_pieces(node: Clause) -> list[Piece]:
    """The footnotes of ``node`` that no artefact of it holds (read from Akoma Ntoso) as the
    loaders write a footnote in its host's line: ``[footnoteRef:N]`` then ``[N: label and text]``, one body
    per run, each with its run's op (a note inserted or deleted whole: its reference too).
    """
    if any(a.kind == "footnote-body" for a in node.artefacts):
        return []
    notes: dict[str, list[Clause]] = {}
    for child in node.children:
        if child.kind is NodeKind.FOOTNOTE:
            notes.setdefault(child.path.rpartition("/")[2].removeprefix("fn").partition("#")[0], []).append(child)
    out: list[Piece] = []
    for number, same in notes.items():
        runs: list[list] = []  # [op, author, date, text]: the note's runs, those alike joined
        for note in same:
            for r in note.label_runs + note.runs:
                if runs and runs[-1][:3] == [r.op, r.author, r.date]:
                    runs[-1][3] += r.text
                elif r.text:
                    runs.append([r.op, r.author, r.date, r.text])
        ops = {op for op, *_ in runs}
        ref = ops.pop() if len(ops) == 1 else Op.EQUAL
        out.append(Piece(f"[footnoteRef:{number}]", ref, "footnote-ref"))
        out += [Piece(f"[{number}: {text}]", op, "footnote-body", who, when) for op, who, when, text in runs]
    return out


def _role(arts) -> str:
    """The role of a whole line: the kind of its first artefact that is no inline one, else of its first."""
    return next((a.kind for a in arts if a.kind not in INLINE_KINDS), arts[0].kind)


def _tab_label(pieces: list[Piece]) -> list[Piece]:
    r"""End a label with a TAB (``"a) "`` → ``"a)\t"``): the separator that makes it a label when read back."""
    last = max((i for i, p in enumerate(pieces) if p.kind == "label"), default=None)
    if last is None or any("\t" in p.text for p in pieces if p.kind == "label"):
        return pieces
    fixed = dataclasses.replace(pieces[last], text=pieces[last].text.rstrip(" ") + "\t")
    return [*pieces[:last], fixed, *pieces[last + 1 :]]


# ----------------------------------------------------------------------------
# what can be exported
# ----------------------------------------------------------------------------
def as_document(x, *, author: str | None = None, date: str | None = None) -> Document:
    """A Document, Proposal or Comparison as a Document to export.

    A comparison becomes one proposal whose runs are the comparison's word diff
    (:meth:`Comparison.to_proposal <itu_nb.model.comparison.Comparison.to_proposal>`); ``author``/``date`` are then given to the changes
    that carry none.
    """
    if isinstance(x, Document):
        return x
    if isinstance(x, Proposal):
        return Document(x.id, "itu_nb", {}, (x,))
    if hasattr(x, "pairs") and hasattr(x, "old") and hasattr(x, "new"):
        p = x.to_proposal(author=author, date=date)
        title = " → ".join(x.names) if hasattr(x, "names") else f"{x.old.id} → {x.new.id}"
        return Document(title, "comparison", {"title": f"Comparison {title}"}, (p,))
    raise TypeError(f"cannot export a {type(x).__name__}; pass a Document, Proposal or Comparison")
