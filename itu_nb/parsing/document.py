"""Stage 3: lines of runs → a document of proposals and their clause trees.

Guarantees after :func:`build_document`:
- every source line is owned by exactly one node or one document artefact, so
  :meth:`Document.source_text` rebuilds the source;
- nodes are in document order (a pre-order walk meets them as the source does);
- every node has a unique ``path`` inside its proposal.
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.model import Artefact, Document, Op, Proposal, interleave
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.changed import add_changed_item
from itu_nb.parsing.labels import label_split
from itu_nb.parsing.markup import IN_NOTE
from itu_nb.parsing.notes import attach_bodies
from itu_nb.parsing.presplit import add_paragraphs
from itu_nb.parsing.tree import ProposalBuilder, SourceLine

__all__ = ["SourceLine", "build_document"]

_HEADER = (
    ("document", re.compile(r"^\s*Document\s+(?P<v>\d+(?:\(Add\.\d+\))?)(?:-[A-Z])?\s*$", re.I)),
    ("addendum", re.compile(r"^\s*(?P<v>(?:Addendum|Corrigendum)\s+\d+\s+to\s+Document\s+\S+)\s*$", re.I)),
    ("original_language", re.compile(r"^\s*Original:\s*(?P<v>\w+)\s*$", re.I)),
    ("date", re.compile(r"^\s*(?P<v>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s*$")),
    ("conference", re.compile(r"^\s*(?P<v>[A-Z][A-Z ]*(?:CONFERENCE|ASSEMBLY)[A-Z ]*(?:\([A-Z0-9-]+\))?)\s*$")),
)


_PROPOSALS_FOR = re.compile(r"^\s*(?:\w+\s+)*PROPOSALS\s+FOR\s+THE\s+WORK", re.I)


def _header_metadata(text: str, metadata: dict, unmatched: list[str]) -> None:
    """Read what a contribution's header says of itself (document, date, language, conference, submitter)."""
    if _PROPOSALS_FOR.match(text):
        if unmatched:
            metadata.setdefault("submitter", unmatched[-1].strip())
        return
    for key, rx in _HEADER:
        m = rx.match(text)
        if m:
            metadata.setdefault(key, m.group("v"))
            return
    unmatched.append(text)


#: At most this many item lines are given to the builder at once (:meth:`ProposalBuilder.add_items`): the
#: lines read are let go between two batches.
_BATCH = 1024

#: What every marker line starts with (an action or an id): one search dismisses the other lines.
_MARKERISH = re.compile(rf"\s*(?:{'|'.join(kw.ACTIONS)}|[A-Z]{{1,6}}/\d)")


def _marker(lines: list, i: int) -> tuple[str, str, int] | None:
    """(action, id, lines used) when a proposal marker starts at line ``i`` (a :class:`SourceLine`)."""
    text = lines[i].main
    if not _MARKERISH.match(text):
        return None
    m = kw.MARKER.match(text)
    if m:
        return (m.group("action") or m.group("action2"), m.group("id") or m.group("id2"), 1)
    a, d = kw.ACTION_ONLY.match(text), kw.ID_ONLY.match(text)
    if (a or d) and i + 1 < len(lines):
        nxt = lines[i + 1]
        if nxt.__class__ is str:  # a marker's second line is a plain line: its object for the steps after
            nxt = lines[i + 1] = SourceLine.plain(i + 1, nxt)
        nxt = nxt.main
        if a and (d_next := kw.ID_ONLY.match(nxt)):
            return (a.group("action"), d_next.group("id"), 2)
        if d and (a_next := kw.ACTION_ONLY.match(nxt)):
            return (a_next.group("action"), d.group("id"), 2)
    return None


def _whole_line(kind: str, line: SourceLine) -> list[Artefact]:
    """A line that is no clause, as artefacts: its text as ``kind``, its inline artefacts with their own kind
    (offset None: a whole line's pieces are in source order).  The first piece of ``kind`` leads (an empty
    one when the line is all inline artefacts), so the line's kind is that of its first artefact.
    """
    out: list[Artefact] = []
    arts = _in_line_order(line.arts)
    pos = i = 0
    for run in line.runs:
        end = pos + len(run.text)
        cut = 0
        while i < len(arts) and (arts[i].offset or 0) < end:
            at = (arts[i].offset or 0) - pos
            if at > cut:
                out.append(Artefact(kind, run.text[cut:at], line.no, None, run.op))
            out.append(_placed(arts[i], line.no))
            cut, i = max(at, cut), i + 1
        if cut < len(run.text):
            out.append(Artefact(kind, run.text[cut:], line.no, None, run.op))
        pos = end
    out.extend(_placed(a, line.no) for a in arts[i:])
    if out[0].kind != kind:
        out.insert(0, Artefact(kind, "", line.no, None, Op.EQUAL))
    return out


def _in_line_order(arts) -> list[Artefact]:
    """``arts`` sorted by offset, a ``footnote-highlight`` or ``footnote-comment`` (its offset is in its note's text) kept after the
    artefact before it (its note's body or last part).
    """
    keys, key = [], 0
    for a in arts:
        key = key if a.kind in IN_NOTE else a.offset or 0
        keys.append(key)
    return [arts[k] for k in sorted(range(len(arts)), key=keys.__getitem__)]


def _placed(art: Artefact, no: int) -> Artefact:
    """``art`` at line ``no`` of a whole line (offset None), a ``footnote-highlight`` or ``footnote-comment`` keeping its offset in its
    note's text (so the note, attached to its clause by :func:`~itu_nb.parsing.notes.attach_bodies`, keeps it).
    """
    keep = art.offset if art.kind in IN_NOTE else None
    return dataclasses.replace(art, line=no, offset=keep)


def build_document(
    lines: list,
    *,
    source: str,
    fmt: str,
    infer: bool = False,
    metadata: dict | None = None,
    line_notes: dict[int, list[str]] | None = None,
    consume: bool = False,
) -> Document:
    """Build the document from stage-2 lines: each a :class:`SourceLine`, or a ``str`` for a plain line
    (:meth:`SourceLine.plain`) whose number is its index in ``lines``, which the usual item is read from
    without making its line object.

    Proposals start at a marker (``MOD<TAB>B/67/1``, or id and action on two lines);
    without markers, each heading (``RESOLUTION 130 (…)``) starts a bare text with
    ``action=None``.  Lines before the first proposal are the document header.
    ``line_notes`` (source line → notes) go on the node that owns the line, or into the
    warnings of the proposal whose marker it is.  With ``consume=True`` the lines are let go
    (``lines[i]`` becomes None) once read, to keep the memory peak down: for a caller that
    made the list for this call.
    """
    metadata = dict(metadata or {})
    line_notes = line_notes or {}
    artefacts: list[Artefact] = []
    proposals: list[Proposal] = []
    current: ProposalBuilder | None = None
    trailer = False
    unmatched: list[str] = []
    shared_labels: dict = {}  # label text → its one run, shared by the proposals
    header: list[SourceLine] = []  # header lines, made artefacts once a proposal shows they are a header
    i = 0

    def builder(action: str | None, pid: str | None) -> ProposalBuilder:
        b = ProposalBuilder(action, pid, infer)
        b.line_notes, b.shared_labels = line_notes, shared_labels
        return b

    def close() -> None:
        nonlocal current
        if current is not None:
            proposals.append(current.build())
        current = None

    def flush() -> None:  # the pending lines are a header after all: a proposal follows
        if header:
            for h in header:
                _whole(artefacts, "header", h)
            header.clear()
            artefacts.sort(key=lambda a: a.line)  # stable: into source order, pieces of a line kept in order

    def whole(kind: str, line: SourceLine) -> None:
        _whole(artefacts, kind, line)

    n = len(lines)
    held: list = lines
    label_match = kw.LABEL.match
    released = 0
    while i < n:
        if consume and current is not None and released < i:  # a proposal has started: lines read are let go
            held[released:i] = [None] * (i - released)
            released = i
        line = lines[i]
        if line.__class__ is str:  # a plain line as its text (see above)
            text, plain = line, True
        else:
            text, plain = line.main, line._plain
        # the usual line of a proposal: an item on a plain line (no marker, separator, heading or
        # keyword starts with a label), given to the builder with the item lines that follow it
        if (
            current is not None
            and plain
            and not trailer
            and "\t" in text  # a label ends with a TAB (labels.label_split)
            and (m := label_match(text))
            and (after := current.add_items(lines, i, min(n, i + _BATCH), m.end())) > i
        ):
            i = after
            continue
        if (
            current is not None
            and plain
            and not trailer
            and (after := add_paragraphs(current, lines, i, min(n, i + _BATCH))) > i
        ):
            i = after  # unlabelled paragraphs (presplit)
            continue
        if line.__class__ is str:  # the other steps read the line's object
            line = lines[i] = SourceLine.plain(i, text)
        if not text or text.isspace():
            if current is not None and not trailer and _struck_whole(line):  # a clause inserted, then struck
                current.add_line(line)
                i += 1
                continue
            whole("blank" if not line.arts else "markup", line)
            i += 1
            continue
        lead = text[0]  # a marker starts with a capital, a separator with * or _ (after any spaces)
        marker = _marker(lines, i) if (lead.isupper() or lead.isspace()) and _MARKERISH.match(text) else None
        if marker:
            close()
            flush()
            action, pid, used = marker
            current = builder(action, pid)
            for j in range(used):
                whole("marker", lines[i + j])
                current.warnings.extend(line_notes.get(lines[i + j].no, ()))
            trailer = False
            i += used
            continue
        if (lead in "*_" or lead.isspace()) and kw.SEPARATOR.match(text):
            whole("separator", line)
            trailer = trailer or "_" in text
        elif trailer:
            whole("trailer", line)
        elif (
            (current is None or current.heading is not None and current.action is None)
            and _may_head(text)
            and kw.HEADING.match(text.replace("\xa0", " "))
            and not label_split(text)
        ):
            close()
            flush()
            current = builder(None, None)
            current.add_line(line)
        elif current is None:
            header.append(line)
            _header_metadata(text, metadata, unmatched)
        elif plain or not add_changed_item(current, line):  # a labelled line with changes: the item added
            current.add_line(line)
        i += 1
    close()
    if not proposals:
        # no marker and no heading: the whole text is one bare text
        only = builder(None, None)
        kept = {a.line for a in artefacts if a.kind in ("blank", "separator", "markup", "trailer")}
        artefacts = [a for a in artefacts if a.line in kept]
        header.clear()
        for k in range(n):
            line = lines[k]
            if line.__class__ is str:
                line = SourceLine.plain(k, line)
            if consume:
                held[k] = None
            if line.no not in kept:
                only.add_line(line)
        proposals.append(only.build())
    ids = [p.id for p in proposals if p.action]
    if ids:
        first = ids[0].split("/")
        metadata.setdefault("submitter_code", first[0])
        metadata.setdefault("document", first[1])
    return Document(source, fmt, metadata, attach_bodies(proposals, artefacts), tuple(artefacts), len(lines))


#: What a heading line starts with after its white space (``kw.HEADING``, case ignored): "draft", "new",
#: a target kind (resolution, decision, recommendation, opinion, declaration), "PART" or a page number.
_HEADING_LEADS = frozenset("dDnNrRoOpP")


def _may_head(text: str) -> bool:
    """False when ``text`` cannot be a heading (``kw.HEADING``): one look at its first character.

    In a text without markers every line is asked whether it starts a new text; most are items
    and paragraphs, dismissed here without copying them or running the regex.
    """
    lead = text.lstrip()[:1]
    return lead in _HEADING_LEADS or lead.isdigit()


def _struck_whole(line: SourceLine) -> bool:
    """Whether ``line``, which has no text in either view, is a clause another author inserted whole and the analyst
    struck: its first artefact a ``struck-insert`` at its start, and no run holding text
    (:func:`itu_nb.amendments.wording.delete_node`; the tree stage reads its label from it).
    """
    arts = line.arts
    return (
        bool(arts) and arts[0].kind == "struck-insert" and not arts[0].offset and not "".join(r.text for r in line.runs)
    )


def _whole(artefacts: list[Artefact], kind: str, line: SourceLine) -> None:
    """The line as whole-line artefacts of ``kind``, one per piece (runs and inline artefacts)."""
    if line.is_plain and line._runs is None:  # one equal run as written (not SourceLine.headed)
        artefacts.append(Artefact(kind, line.main, line.no, None, Op.EQUAL))
        return
    if line.arts:  # inline artefacts keep their kind (a marker's bookmark, a comment), the rest is the line's
        artefacts.extend(_whole_line(kind, line))
        return
    pieces = interleave(line.runs, line.arts)
    artefacts.extend(Artefact(kind, text, line.no, None, op) for text, op in pieces or [("", Op.EQUAL)])
