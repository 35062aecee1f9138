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
  of its clause holds is written as the loaders read it (``[footnoteRef:N][N: text]``; read from
  Akoma Ntoso) at its reference, where the clause has one (where its ``authorialNote`` stood), else at the
  end of its clause's line, except a comparison's, whose word
  diff a note cannot hold: a line of its own; the lines of ``doc.artefacts``
  that hold a comment or a highlight (read from Akoma Ntoso, which keeps them with their
  source line and place: :func:`~itu_nb.export.loose.loose_lines`) stand where their marker lines
  and anchors say (a line between two clauses after the first);
- a line's pieces are the clause's label runs, text runs and inline artefacts in source
  order, each with the run's op, author and date (artefacts carry their kind instead; a
  comment its author and date); a highlight is an empty ``highlight-start`` piece where it
  starts and an empty ``highlight-end`` piece where it ends, the text between cut there.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from itu_nb.export.loose import INLINE_KINDS, has_lines, loose_lines
from itu_nb.model import Artefact, Clause, Document, NodeKind, Op, Proposal, runs_text
from itu_nb.model.note_source import cut_at, note_groups, ref_name
from itu_nb.parsing.markup import FOOTNOTE_BODY, IN_NOTE
from itu_nb.parsing.notes import held_bodies

__all__ = [
    "INLINE_KINDS",
    "NOTE_MARKS",
    "Coverage",
    "Line",
    "Piece",
    "as_document",
    "encodable",
    "export_lines",
    "keys_to_store",
    "line_pieces",
    "lit_note",
    "marked",
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


_new, _put = object.__new__, object.__setattr__


def _made(cls, **fields):
    """``cls(**fields)`` (``Piece`` or ``Line``, every field given) made without the frozen dataclass's ``__init__``,
    whose ``object.__setattr__`` per field was about half the cost of a plain node's line (100,000 nodes: 2 pieces
    and a line each); equal to it, field for field.
    """
    made = _new(cls)
    _put(made, "__dict__", fields)
    return made


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
    from itu_nb.amendments.relettering import keeps_paths

    if keeps_paths(proposal):
        return None
    return [[c.key, *c.settled] if c.settled else c.key for c in proposal.walk()]


def node_pieces(node: Clause) -> list[Piece]:
    """The node's label runs, text runs and inline artefacts in source order (stored keys left out:
    writers store the clause's current keys, :func:`keys_to_store`).
    """
    if not node.artefacts:  # (most nodes: their runs with text, as below; writers ask this of every node)
        label = [
            _made(Piece, text=r.text, op=r.op, kind="label", author=r.author, date=r.date)
            for r in node.label_runs
            if r.text
        ]
        return label + [
            _made(Piece, text=r.text, op=r.op, kind="text", author=r.author, date=r.date) for r in node.runs if r.text
        ]
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
    out = [p for p in out if p.text or p.kind in ("paragraph-mark", "comment") or p.is_mark]
    return _current_notes(node, out) if any(a.kind == "footnote-body" for a in node.artefacts) else out


def _current_notes(node: Clause, pieces: list[Piece]) -> list[Piece]:
    """``pieces`` with each note's text as the node's FOOTNOTE children now hold it.

    A node's artefacts keep its notes as the source wrote them; a decision (accept, reject) settles the
    changes of the FOOTNOTE nodes but leaves the artefacts as they were.  A note whose text, in either view,
    is no longer what its artefacts say is written again from its node (one body of one op, or its start
    and parts), a note whose node is gone is left out, and the reference of such a note takes the op left
    to it (left out with its last body).  Notes as the source wrote them are kept as they are.
    """
    kids = {c.path.rpartition("/")[2]: c for c in node.children if c.kind is NodeKind.FOOTNOTE}
    out: list[Piece] = []
    written: dict[str, list[Piece]] = {}  # note name without "#k" → the pieces written for its texts
    redone: set[str] = set()  # the notes written again from their nodes
    for group, number, base, kid in note_groups(pieces, kids):
        if not number:  # no note body
            out += group
            continue
        if _note_views(group) != _kid_views(kid):
            group = _kid_pieces(kid, number) if kid is not None else []
            redone.add(base)
        if kid is not None and group and marked(kid):
            group = lit_note(group, kid)
        written.setdefault(base, []).extend(group)
        out += group
    if not redone:
        return out
    fixed: list[Piece] = []
    for piece in out:
        name = ref_name(piece.text) if piece.kind == "footnote-ref" else ""
        if name not in redone:
            fixed.append(piece)
        elif written[name]:  # a reference whose note is gone in both views is left out with it
            ops = {p.op for p in written[name] if p.kind not in NOTE_MARKS}
            fixed.append(dataclasses.replace(piece, op=ops.pop() if len(ops) == 1 else Op.EQUAL))
    return fixed


def _own_line_note(line: Line, host: Clause, name: str) -> Line:
    """``line``, a note body on a line of its own (:func:`~itu_nb.parsing.notes.held_bodies`) whose FOOTNOTE node
    ``name`` is a child of ``host``, with the note's text as the node now holds it: as :func:`_current_notes`
    writes a note in its clause's line (a decision settled its changes, or took the note away: nothing left).
    """
    kind, number = ("endnoteRef" if name.startswith("en") else "footnoteRef"), name[2:]
    ref = Piece(f"[{kind}:{number}]", Op.EQUAL, "footnote-ref")  # which note the body is: its reference, then cut
    pieces = _current_notes(host, [ref, *line.pieces])
    return dataclasses.replace(line, pieces=tuple(p for p in pieces if p.kind != "footnote-ref"))


class Coverage:
    """Where highlights ``spans`` (``(start, end)`` pairs) cover a text, and the cut points ``cuts`` of it (sorted
    with the spans' ends), asked in log time: a writer cuts each run at the cuts inside it and marks each piece
    covered or not (asking every span for every piece was quadratic: 20,000 highlights in one clause, 35 s).
    """

    def __init__(self, spans, cuts=()):
        self.cuts = sorted({c for span in spans for c in span} | set(cuts))
        starts: dict[int, int] = {}
        for s, e in spans:
            starts[s] = starts.get(s, 0) + 1
            starts[e] = starts.get(e, 0) - 1
        self.bounds = sorted(starts)
        self.depth: list[int] = []  # how many spans cover the text after each bound
        d = 0
        for b in self.bounds:
            d += starts[b]
            self.depth.append(d)

    def inside(self, lo: int, hi: int) -> list[int]:
        """The cuts strictly between ``lo`` and ``hi``."""
        return self.cuts[bisect.bisect_right(self.cuts, lo) : bisect.bisect_left(self.cuts, hi)]

    def covers(self, at: int) -> bool:
        """Whether a span covers the character at ``at``."""
        i = bisect.bisect_right(self.bounds, at) - 1
        return i >= 0 and self.depth[i] > 0


_BODY_HEAD = re.compile(r"\[[^\s\[\]#]+:[ \t]+")  # "[1: ", "[*: " (a note showing a mark)

#: The pieces :func:`lit_note` puts inside a note's text: a highlight's start and end, and a comment (its text,
#: op, author and date).
NOTE_MARKS = ("note-highlight-start", "note-highlight-end", "note-comment")


def marked(kid: Clause) -> bool:
    """True when the FOOTNOTE node ``kid`` has a highlight or a comment, which :func:`lit_note` puts in its text."""
    return any(a.kind == "highlight" or a.kind == "comment" for a in kid.artefacts)


def lit_note(group: list[Piece], kid: Clause) -> list[Piece]:
    """A note's pieces (its ``footnote-body`` piece and ``footnote-part`` pieces, as the loaders write it in its
    host's line: ``[N: ``, the text of the FOOTNOTE node ``kid``, ``]``) with an empty ``note-highlight-start``
    and ``note-highlight-end`` piece around each of ``kid``'s highlights and a ``note-comment`` piece (the
    comment's text, op, author and date) at each of its comments (offsets in its text), the text cut there: the
    first piece stays the ``footnote-body``, the rest are ``footnote-part`` pieces.

    Kinds of their own, not ``highlight-start``/``-end`` or ``comment``: the note stands apart from its host's text
    (a writer such as Word puts it in another part), so a highlight of the host around the note is not closed by
    them, and a comment inside the note is no comment of its host.
    """
    head = _BODY_HEAD.match(group[0].text)
    if head is None:
        return group
    last = sum(len(p.text) for p in group) - 1  # the closing "]": a highlight ends before it (offsets left
    # behind by a decision that shortened the note are kept inside it)
    spans = (
        (min((a.offset or 0) + head.end(), last), min((a.offset or 0) + head.end() + a.length, last), a.op, a.length)
        for a in kid.artefacts
        if a.kind == "highlight"
    )
    lit = sorted((s, e, op) for s, e, op, length in spans if s < e or not length)  # (one of nothing is kept)
    marks = sorted([(s, 1, Piece("", op, "note-highlight-start")) for s, _e, op in lit], key=lambda m: m[:2])
    marks += [(e, 0 if s < e else 1, Piece("", op, "note-highlight-end")) for s, e, op in lit]  # (after its start)
    marks += [
        (min((a.offset or 0) + head.end(), last), 1, Piece(a.text, a.op, "note-comment", a.author, a.date))
        for a in kid.artefacts
        if a.kind == "comment"
    ]
    marks.sort(key=lambda m: m[:2])
    out: list[Piece] = []
    kind = "footnote-body"  # the first piece of text; "footnote-part" after it

    def add(piece: Piece, text: str) -> None:  # (a Piece made directly: dataclasses.replace costs ten times that)
        nonlocal kind
        if text:
            out.append(Piece(text, piece.op, kind, piece.author, piece.date))
            kind = "footnote-part"

    for got in cut_at(group, [(m[0], m[2]) for m in marks]):
        if isinstance(got, tuple):
            add(*got)
        else:
            out.append(got)
    return out


def _note_views(group: list[Piece]) -> tuple[str, str]:
    """The text of a note (its ``footnote-body`` piece and parts) in the original and the amended view."""
    out = []
    for hidden in (Op.INSERT, Op.DELETE):
        text = "".join(p.text for p in group if p.op is not hidden)
        m = FOOTNOTE_BODY.match(text)
        out.append(m.group("text") if m else "")
    return out[0], out[1]


def _kid_views(kid: Clause | None) -> tuple[str, str]:
    if kid is None:
        return "", ""
    runs = kid.label_runs + kid.runs
    return runs_text(runs, "original"), runs_text(runs, "amended")


def _kid_pieces(kid: Clause, number: str) -> list[Piece]:
    """A FOOTNOTE node's text as the loaders write it in its host's line: ``[N: text]`` with the op of its runs,
    or ``[N: `` and a ``footnote-part`` per run (then ``]``) when its runs differ in op.
    """
    runs = [r for r in kid.label_runs + kid.runs if r.text]
    if not runs:
        return []
    if len({r.op for r in runs}) == 1:
        first = runs[0]
        return [Piece(f"[{number}: {runs_text(runs)}]", first.op, "footnote-body", first.author, first.date)]
    out = [Piece(f"[{number}: ", Op.EQUAL, "footnote-body")]
    out += [Piece(r.text, r.op, "footnote-part", r.author, r.date) for r in runs]
    return [*out, Piece("]", Op.EQUAL, "footnote-part")]


def line_pieces(arts, notes: bool = True) -> tuple[Piece, ...]:
    """A whole line's artefacts as pieces, in source order; a highlight covers the ``length`` characters after it;
    a highlight inside a note body that no node holds (``footnote-highlight``, its offset in the body's text) is
    a pair of ``note-highlight`` pieces around what it covers, and a comment there (``footnote-comment``) a
    ``note-comment`` piece at its place, as :func:`lit_note` marks a note's (unless ``notes`` is False: a body that
    a node holds is written from that node, its highlights and comments with it).
    """
    bodies = notes and any(a.kind in IN_NOTE for a in arts)
    if bodies:
        arts = _after_bodies(arts)
    out: list[Piece] = []
    left: list[int] = []  # characters still to cover, per open highlight
    group: list[Piece] = []  # the last note body and its parts (when ``bodies``)
    lit: list[Artefact] = []  # the highlights after them, offsets in the note's text

    def flush() -> None:
        for piece in lit_note(group, Clause(NodeKind.FOOTNOTE, "", artefacts=tuple(lit))) if group and lit else group:
            _cover(out, left, piece)
        group.clear()
        lit.clear()

    for a in arts:
        if bodies and (a.kind == "footnote-part" and group or a.kind in IN_NOTE):
            if a.kind == "footnote-part":
                group.append(_piece(a))
            elif group:
                head = _BODY_HEAD.match(group[0].text)
                at = max((a.offset or 0) - (head.end() if head else 0), 0)
                lit.append(Artefact(IN_NOTE[a.kind], a.text, a.line, at, a.op, a.author, a.date, a.length))
            continue
        flush()
        if bodies and a.kind == "footnote-body":
            group.append(_piece(a))
        elif a.kind == "highlight":
            out.append(Piece("", a.op, "highlight-start"))
            left.append(a.length)
        elif a.kind not in IN_NOTE:
            _cover(out, left, _piece(a))
        _close(out, left, a.op)
    flush()
    out.extend(Piece("", Op.EQUAL, "highlight-end") for _ in left)
    return tuple(out)


def _after_bodies(arts) -> list:
    """``arts`` with each ``footnote-highlight`` and ``footnote-comment`` moved to right after the pieces of the note
    body before it (the loaders keep it after the rest of the line's artefacts that start before its end, a second
    body's included).
    """
    out: list = []
    end = -1  # where the last body's pieces end in ``out``
    for a in arts:
        if a.kind in IN_NOTE and end >= 0:
            out.insert(end, a)
            end += 1
            continue
        out.append(a)
        if a.kind == "footnote-body" or a.kind == "footnote-part" and end == len(out) - 1:
            end = len(out)
    return out


def _cover(out: list[Piece], left: list[int], piece: Piece) -> None:
    """Append ``piece`` to ``out``, cut where an open highlight (``left``: characters it still covers) ends."""
    if piece.kind in NOTE_MARKS:
        out.append(piece)
        return
    text = piece.text
    while left and left[0] < len(text):
        out.append(dataclasses.replace(piece, text=text[: left[0]]))
        out.append(Piece("", piece.op, "highlight-end"))
        text, left[:] = text[left[0] :], [n - left[0] for n in left[1:]]
    out.append(dataclasses.replace(piece, text=text))
    left[:] = [n - len(text) for n in left]
    _close(out, left, piece.op)


def _close(out: list[Piece], left: list[int], op: Op) -> None:
    """Close the open highlights that cover no more characters."""
    while left and left[0] <= 0:
        out.append(Piece("", op, "highlight-end"))
        left.pop(0)


def _piece(a) -> Piece:
    return Piece(a.text, a.op, a.kind, a.author, a.date)


def _walk(nodes: tuple[Clause, ...], depth: int = 0) -> Iterator[tuple[Clause, int]]:
    todo = [(node, depth) for node in reversed(nodes)]  # (a stack, not nested generators: deep lists walk in time)
    while todo:
        node, d = todo.pop()
        d += node.kind is NodeKind.ITEM
        yield node, d
        todo += [(child, d) for child in reversed(node.children)]


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
    if has_lines(doc):
        slots: list[Line | None] = [None] * doc.n_lines
        whole: dict[int, list] = {}
        for art in doc.artefacts:
            whole.setdefault(art.line, []).append(art)
        held = held_bodies(doc)
        for no, arts in whole.items():
            slots[no] = Line(line_pieces(arts, no not in held), _role(arts))
        for no, (host, name) in held.items():  # a note body on a line of its own, as its node is now
            slots[no] = _own_line_note(slots[no], host, name)  # type: ignore[arg-type]
        for proposal in doc:
            for node, depth in _walk(proposal.clauses):
                if node.line is not None and node.kind is not NodeKind.FOOTNOTE:
                    own = tuple(node_pieces(node))
                    slots[node.line] = _made(
                        Line, pieces=own, role=node.kind.value, node=node, proposal=proposal, depth=depth, keys=None
                    )
        return [line if line is not None else Line((), "blank") for line in slots]
    out: list[Line] = []
    notes_inline = doc.format != "comparison"  # a comparison's notes hold a word diff: lines of their own
    loose: dict[tuple[int, str], list[Line]] = {}  # (proposal, place) → the lines kept from the source
    inside: dict[int, dict[str, list[Line]]] = {}  # proposal → path → the lines kept after that node
    for kept in loose_lines(doc):
        line = Line(line_pieces(kept.artefacts), _role(kept.artefacts))
        if kept.place == "inside" and kept.after is not None:
            inside.setdefault(kept.proposal, {}).setdefault(kept.after, []).append(line)
        else:
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
        after = inside.get(k, {})
        for node, depth in _walk(proposal.clauses):
            if node.kind is not NodeKind.FOOTNOTE or node.path not in hosted:
                pieces = _tab_label(node_pieces(node))
                pieces = _with_notes(pieces, _note_pieces(node)) if notes_inline else pieces
                out.append(Line(tuple(pieces), node.kind.value, node, proposal, depth))
            if after:
                out += after.pop(node.path, [])
        for rest in after.values():  # after a node the proposal no longer has: at its end
            out += rest
        out += loose.get((k, "inside"), []) + loose.get((k, "end"), [])
    return out


def _with_notes(pieces: list[Piece], notes: list[Piece]) -> list[Piece]:
    """A node's ``pieces`` with each note of ``notes`` (:func:`_note_pieces`: its reference, then its bodies) right
    after the first reference to it among the pieces (read from Akoma Ntoso: where its ``authorialNote`` stood),
    without its own; the notes no reference names at the end, each with its reference.
    """
    if not notes or not any(p.kind == "footnote-ref" for p in pieces):
        return pieces + notes
    groups: dict[str, list[Piece]] = {}  # "fn1" → the note's reference and bodies
    name = ""
    for piece in notes:
        if piece.kind == "footnote-ref":
            name = ref_name(piece.text)
        groups.setdefault(name, []).append(piece)
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        if piece.kind == "footnote-ref" and (group := groups.pop(ref_name(piece.text), None)):
            out += group[1:]
    return out + [p for group in groups.values() for p in group]


def _note_pieces(node: Clause) -> list[Piece]:
    """The footnotes of ``node`` that no artefact of it holds (read from Akoma Ntoso) as the
    loaders write a footnote in its host's line: ``[footnoteRef:N]`` then ``[N: label and text]``, one body
    per run, each with its run's op (a note inserted or deleted whole: its reference too); a note with equal
    text and changes inside it as the CriticMarkup reader gives it, ``[N: `` and its runs as ``footnote-part``
    pieces (:func:`itu_nb.parsing.markup.note_parts`).
    """
    if any(a.kind == "footnote-body" for a in node.artefacts):
        return []
    notes: dict[str, list[Clause]] = {}  # "fn1" ("en1": an endnote) → its nodes
    for child in node.children:
        if child.kind is NodeKind.FOOTNOTE:
            notes.setdefault(child.path.rpartition("/")[2].partition("#")[0], []).append(child)
    out: list[Piece] = []
    for name, same in notes.items():
        number = name[2:] if name[:2] in ("fn", "en") else name
        mark = "endnoteRef" if name.startswith("en") else "footnoteRef"
        runs: list[list] = []  # [op, author, date, text]: the note's runs, those alike joined
        for note in same:
            first = len(runs)  # two notes of one number (two bodies of one reference): two bodies, never joined
            for r in note.label_runs + note.runs:
                if len(runs) > first and runs[-1][:3] == [r.op, r.author, r.date]:
                    runs[-1][3] += r.text
                elif r.text:
                    runs.append([r.op, r.author, r.date, r.text])
            if len(runs) == first:  # an empty note (Word's empty footnote, an empty authorialNote): its body all
                runs.append([Op.EQUAL, None, None, ""])  # the same, "[N: ]"
        ops = {op for op, *_ in runs}
        inside = len(same) == 1 and len(ops) > 1 and Op.EQUAL in ops
        ref = ops.pop() if len(ops) == 1 else Op.EQUAL
        out.append(Piece(f"[{mark}:{number}]", ref, "footnote-ref"))
        if inside:  # changes inside one note: its runs as parts
            head = runs[0][3] if runs[0][0] is Op.EQUAL else ""
            rest = runs[1:] if head else runs
            body = [Piece(f"[{number}: {head}", Op.EQUAL, "footnote-body")]
            body += [Piece(text, op, "footnote-part", who, when) for op, who, when, text in rest]
            body.append(Piece("]", Op.EQUAL, "footnote-part"))
        else:
            body = [Piece(f"[{number}: {text}]", op, "footnote-body", who, when) for op, who, when, text in runs]
        if len(same) == 1 and (inside or len(body) == 1) and marked(same[0]):
            body = lit_note(body, same[0])  # the highlights and comments inside the note
        elif not inside and len(body) == len(same) and any(map(marked, same)):  # its deleted and inserted texts
            body = [
                p for b, note in zip(body, same, strict=True) for p in (lit_note([b], note) if marked(note) else [b])
            ]
        out += body
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
