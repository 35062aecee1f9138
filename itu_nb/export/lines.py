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

:func:`plain_rows` gives the same lines of a line-based document with each node without artefacts as the node
itself, at its line's place (and, when asked, each row's depth): a writer that writes such a node from its runs (the
CriticMarkup and Word writers) makes no piece or line for it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from operator import attrgetter

from itu_nb.export.line_artefacts import Coverage, line_pieces
from itu_nb.export.line_notes import (
    NOTE_MARKS,
    _current_notes,
    _note_pieces,
    _own_line_note,
    _with_notes,
    lit_note,
    marked,
)
from itu_nb.export.loose import INLINE_KINDS, has_lines, loose_lines
from itu_nb.export.pieces import Line, Piece, _new, _put, piece_of
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal
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
    "plain_rows",
]


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with every lone surrogate (which no file encoding can hold) replaced by U+FFFD."""
    for at in range(0, len(text), _CHUNK):  # (a page with none, the usual one: encoded a slice at a time, in C)
        try:
            text[at : at + _CHUNK].encode("utf-8")
        except UnicodeEncodeError:  # (strict UTF-8 refuses a surrogate code point, and nothing else)
            return _SURROGATE.sub("\ufffd", text)
    return text


#: How many characters :func:`encodable` encodes at a time (about twice as fast as a search for a surrogate; a
#: slice at a time, so a long page is not copied whole).
_CHUNK = 1 << 20


def keys_to_store(proposal: Proposal) -> list | None:
    """Every clause's key in :meth:`~itu_nb.model.Proposal.walk` order, when a reload could not tell them.

    A loader derives each clause's path, its key, from its amended label (the parser's rules, as
    :func:`~itu_nb.amendments.relettering.repath` applies them).  When a clause's key differs from
    that path (relettered by an amendment, or its relabel rejected), every exporter stores the keys
    of all clauses (by position: a relettered list may even nest differently when read back), so
    change ids survive a save and reload; None when the labels tell every key.  A clause that
    remembers decided identical changes (:attr:`~itu_nb.model.Clause.settled`) is stored as
    ``[key, *settled]``.

    A walk of every clause, once per proposal object: any clause may hold a key its label does not give (a
    proposal is made by replacing any of its clauses), so none can be left unread, but a proposal and its
    clauses are frozen (every edit makes a new one), so the answer is kept on the proposal, as its path index
    is, and the writers that ask it again (a line-based writer twice when there are keys, every writer of the
    same proposal) read it back.  The list is shared: not to be changed.
    """
    known = proposal.__dict__.get(_STORED, _UNKNOWN)
    if known is not _UNKNOWN:
        return known
    from itu_nb.amendments.relettering import keeps_paths

    keys = None if keeps_paths(proposal) else [[c.key, *c.settled] if c.settled else c.key for c in proposal.walk()]
    proposal.__dict__[_STORED] = keys  # (not a field: equality, hashing and repr ignore it, as the path index)
    return keys


#: Where :func:`keys_to_store` keeps its answer on a proposal (its ``__dict__``, as a cached property would).
_STORED = "_itu_nb_keys_to_store"
_UNKNOWN = object()


_ARTEFACTS, _LINE = attrgetter("artefacts"), attrgetter("line")

#: Each node kind's value (``NodeKind.ITEM.value``: an enum's ``value`` is a Python property, read per line).
_ROLES = {kind: kind.value for kind in NodeKind}


def _plain_pieces(node: Clause) -> list[Piece]:
    """:func:`node_pieces` of a node without artefacts: a piece per run with text, its label's runs first (made as
    :func:`~itu_nb.export.pieces._made` makes them, written out: writers ask this of every node).
    """
    new, put, out = _new, _put, []
    for r in node.label_runs:
        if r.text:
            piece = new(Piece)
            put(
                piece,
                "__dict__",
                {"text": r.text, "op": r.op, "kind": "label", "author": r.author, "date": r.date, "move": r.move},
            )
            out.append(piece)
    for r in node.runs:
        if r.text:
            piece = new(Piece)
            put(
                piece,
                "__dict__",
                {"text": r.text, "op": r.op, "kind": "text", "author": r.author, "date": r.date, "move": r.move},
            )
            out.append(piece)
    return out


def node_pieces(node: Clause) -> list[Piece]:
    """The node's label runs, text runs and inline artefacts in source order (stored keys left out:
    writers store the clause's current keys, :func:`keys_to_store`).
    """
    if not node.artefacts:  # (most nodes: their runs with text, as below; writers ask this of every node)
        return _plain_pieces(node)
    out: list[Piece] = []
    marks: list[tuple[int, int, Piece]] = []  # (offset, 0 for a highlight's end else 1, piece)
    for a in node.artefacts:
        if a.kind == "highlight":
            marks.append((a.offset or 0, 1, Piece("", a.op, "highlight-start")))
            marks.append(((a.offset or 0) + a.length, 0 if a.length else 1, Piece("", a.op, "highlight-end")))
        elif a.kind != "keys":
            marks.append((a.offset or 0, 1, piece_of(a)))
    arts = [m[2] for m in sorted(marks, key=lambda m: m[:2])]
    at = [m[0] for m in sorted(marks, key=lambda m: m[:2])]
    tagged = [("label", r) for r in node.label_runs] + [("text", r) for r in node.runs]
    pos = i = 0
    for kind, run in tagged:
        start, end, done = pos, pos + len(run.text), 0
        while i < len(arts) and at[i] < end:
            cut = at[i] - start
            out.append(Piece(run.text[done:cut], run.op, kind, run.author, run.date, run.move))
            out.append(arts[i])
            done, i = max(cut, done), i + 1
        out.append(Piece(run.text[done:], run.op, kind, run.author, run.date, run.move))
        pos = end
    out.extend(arts[i:])
    out = [p for p in out if p.text or p.kind in ("paragraph-mark", "comment") or p.is_mark]
    return _current_notes(node, out) if any(a.kind == "footnote-body" for a in node.artefacts) else out


def _walk(nodes: tuple[Clause, ...], depth: int = 0) -> Iterator[tuple[Clause, int]]:
    todo = [(node, depth) for node in reversed(nodes)]  # (a stack, not nested generators: deep lists walk in time)
    while todo:
        node, d = todo.pop()
        d += node.kind is NodeKind.ITEM
        yield node, d
        if node.children:  # (most nodes have none: no list made for them)
            todo += [(child, d) for child in reversed(node.children)]


def export_lines(doc: Document) -> list[Line]:
    """The document as lines to write (see the module docstring); each proposal's first clause line
    carries the keys to store (:func:`keys_to_store`), when there are any.
    """
    lines = _lines(doc)
    stored = [(proposal, keys) for proposal in doc if (keys := keys_to_store(proposal))]
    if not stored:  # (most documents: no line to look for)
        return lines
    first: dict[int, int] = {}  # id(proposal) → the index of its first clause line
    for i, line in enumerate(lines):
        if line.node is not None and line.proposal is not None:
            first.setdefault(id(line.proposal), i)
    for proposal, keys in stored:
        if id(proposal) in first:
            i = first[id(proposal)]
            lines[i] = dataclasses.replace(lines[i], keys=keys)
    return lines


def _whole_lines(doc: Document) -> list[Line | None]:
    """A line-based document's lines that are no node (its artefacts' lines, a note body on a line of its own as
    its node is now) at their numbers, None at the others.
    """
    slots: list[Line | None] = [None] * doc.n_lines
    whole: dict[int, list] = {}
    for art in doc.artefacts:
        whole.setdefault(art.line, []).append(art)
    held = held_bodies(doc)
    for no, arts in whole.items():
        slots[no] = Line(line_pieces(arts, no not in held), _role(arts))
    for no, (host, name) in held.items():  # a note body on a line of its own, as its node is now
        slots[no] = _own_line_note(slots[no], host, name)  # type: ignore[arg-type]
    return slots


def _node_line(node: Clause, proposal: Proposal, depth: int) -> Line:
    """The line of a node of a line-based document (as ``Line(pieces, role, node, proposal, depth)``, made as
    :func:`~itu_nb.export.pieces._made` makes it, written out: a line per node, its kind's value read from a table).
    """
    line = _new(Line)
    fields = {
        "pieces": tuple(_plain_pieces(node) if not node.artefacts else node_pieces(node)),
        "role": _ROLES[node.kind],
        "node": node,
        "proposal": proposal,
        "depth": depth,
        "keys": None,
    }
    _put(line, "__dict__", fields)
    return line


def plain_rows(doc: Document, depths: list[int] | None = None) -> list[Line | Clause] | None:
    """:func:`export_lines` of a line-based document with each node without artefacts given as the node itself
    (a writer that writes such a node from its runs makes no piece or line for it); None when ``doc`` is not
    line-based (:func:`~itu_nb.export.loose.has_lines`) or has keys to store (:func:`keys_to_store`): the caller
    then asks :func:`export_lines`.

    Every other row is the :class:`Line` :func:`export_lines` gives at that place, and a node given as itself
    stands where its line does there.  ``depths``, when given, is filled with each row's depth, as the line
    :func:`export_lines` gives there has it (:attr:`Line.depth`; 0 for a line that is no node): the Word writer's
    style of an item.
    """
    if not doc.n_lines or any(keys_to_store(proposal) for proposal in doc):
        return None
    footnote = NodeKind.FOOTNOTE
    nodes: list[Clause] = []  # every node but the footnotes, in walk order
    levels: list[int] = []  # their depths, when asked for
    marked: list[Proposal] = []  # the proposals with such a node that has artefacts: their lines made below
    for proposal in doc:
        before = len(nodes)
        if depths is None:
            nodes += [node for node in proposal.walk() if node.kind is not footnote]
        else:
            for node, depth in _walk(proposal.clauses):
                if node.kind is not footnote:
                    nodes.append(node)
                    levels.append(depth)
        if any(map(_ARTEFACTS, nodes[before:])):
            marked.append(proposal)
    if None in map(_LINE, nodes):  # (has_lines: every node but the footnotes has its line)
        return None
    slots: list = _whole_lines(doc)
    for node in nodes:
        slots[node.line] = node  # type: ignore[index]
    if depths is not None:  # (in walk order, as the slots: a later node on the same line wins in both)
        depths[:] = [0] * len(slots)
        for node, depth in zip(nodes, levels, strict=True):
            depths[node.line] = depth  # type: ignore[index]
    for proposal in marked:  # (their depths: a second walk, only for these proposals)
        for node, depth in _walk(proposal.clauses):
            if node.artefacts and node.kind is not footnote and slots[node.line] is node:  # type: ignore[index]
                slots[node.line] = _node_line(node, proposal, depth)
    return [row if row is not None else Line((), "blank") for row in slots]


def _lines(doc: Document) -> list[Line]:
    if has_lines(doc):
        slots = _whole_lines(doc)
        footnote, new, put = NodeKind.FOOTNOTE, _new, _put
        for proposal in doc:
            for node, depth in _walk(proposal.clauses):
                if node.line is not None and node.kind is not footnote:
                    # (_node_line written out: a line per node, no call for it)
                    line = new(Line)
                    fields = {
                        "pieces": tuple(_plain_pieces(node) if not node.artefacts else node_pieces(node)),
                        "role": _ROLES[node.kind],
                        "node": node,
                        "proposal": proposal,
                        "depth": depth,
                        "keys": None,
                    }
                    put(line, "__dict__", fields)
                    slots[node.line] = line
        return [line if line is not None else Line((), "blank") for line in slots]
    out: list[Line] = []
    notes_inline = doc.format != "comparison"  # a comparison's notes hold a word diff: lines of their own
    loose: dict[tuple[int, str], list[Line]] = {}  # (proposal, place) → the lines kept from the source
    inside: dict[int, dict[str, list[Line]]] = {}  # proposal → path → the lines kept after that node
    for kept in loose_lines(doc, every=True):  # (what a format without lines kept: Akoma Ntoso's lines, all)
        line = Line(line_pieces(kept.artefacts), _role(kept.artefacts))
        if kept.place == "inside" and kept.after is not None:
            inside.setdefault(kept.proposal, {}).setdefault(kept.after, []).append(line)
        else:
            loose.setdefault((kept.proposal, kept.place), []).append(line)
    for k, proposal in enumerate(doc):
        if k and not any((k, place) in loose for place in ("before", "marker", "after-marker")):
            out.append(Line((), "blank"))  # (the lines kept before a proposal's first node are all of them)
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
