"""Standalone HTML: one offline, printable file with the redline, a table of contents and counts.

Every piece of document text is escaped; nothing is loaded from elsewhere (no script,
no font, no stylesheet link).  Each insert run is one ``<ins>`` and each delete run
one ``<del>``, with the author and date in ``data-author``/``data-date`` and a
``title``; the change's stable id (as in :attr:`Proposal.changes`) is in ``data-change``.
Each highlight is one ``<mark>`` around what it covers (changes and comments included), its edges drawn so that
two side by side are seen as two; one of no characters is an empty ``<mark class="empty">``; one that cannot be
one element (from the label into the text, or overlapping another) is several carrying one ``data-highlight``
number (:mod:`itu_nb.export.html_marks`).  A comment is shown where it stands, escaped, as
``<span class="comment" role="note" data-author=… data-date=…>[comment by Author, date: text]</span>``;
one on a line that is no node (:func:`~itu_nb.export.loose.loose_comments`) in the proposal's marker
paragraph when it was on the marker line, else in a ``<p class="loose" data-line=…>`` of its own
where the line stood (before or after the marker, after the clause before it); what a highlight of
the marker line covers of the action and id is in ``<mark>`` too.  An empty paragraph inserted or deleted as a
tracked change (a ``paragraph-mark`` of a line that is no node, read from Word) is shown where its line stood,
as ``<span class="paragraph-mark inserted" role="note" data-author=… data-date=…>[empty paragraph inserted by
Author, date]</span>`` in a ``<p class="loose">``; that of a paragraph with text (two paragraphs joined or split, a
``paragraph-mark`` of a node) where it stands in the node's text, ``[paragraph break deleted by Author, date]``.
Lone surrogates, which no file can hold, are written as U+FFFD; a control character HTML does not allow (C0 but
TAB, LF, FF and CR; DEL) as its Control Picture (``␇`` for U+0007), in text and attributes: a browser would show
nothing, or run a terminal's escape sequence when the page is printed to one.  No reader reads HTML back.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import groupby
from pathlib import Path

from itu_nb.export.html_nodes import anchor, nodes_html
from itu_nb.export.html_runs import _ESC, _comment_html, _loose_art_html, _runs_html
from itu_nb.export.limits import check_marks
from itu_nb.export.lines import as_document, encodable, line_pieces
from itu_nb.export.loose import Loose, LooseLine, loose_comments, loose_lines
from itu_nb.loaders.controls import picture
from itu_nb.model import Artefact, Document, Op, Proposal, Run
from itu_nb.parsing.markup import IN_NOTE

__all__ = ["to_html"]


_CSS = """
:root { --ins: #0b6b2f; --del: #a1161f; --moved: #0b5394; --struck: #6a3d9a; --muted: #555; }
body { font: 12pt/1.45 "Times New Roman", Times, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; }
table.counts { border-collapse: collapse; font-size: .9rem; }
table.counts th, table.counts td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: right; }
table.counts th:first-child, table.counts td:first-child, table.counts td:nth-child(2) { text-align: left; }
nav.toc { font-size: .92rem; border: 1px solid #ccc; padding: .5rem 1rem; }
nav.toc ol { padding-left: 1.2rem; margin: .2rem 0; } nav.toc .n { color: var(--muted); }
.marker { margin-top: 2rem; font-weight: bold; } .marker .action { display: inline-block; min-width: 3.2rem; }
.marker .comment { font-weight: normal; margin-left: .5rem; } .loose { margin: .35rem 0; }
.paragraph-mark { font-size: .85rem; } .paragraph-mark.inserted { color: var(--ins); }
.paragraph-mark.deleted { color: var(--del); }
.node { white-space: pre-wrap; tab-size: 3; margin: .35rem 0; }
.heading { text-align: center; text-transform: uppercase; margin-top: 1.2rem; }
.title { text-align: center; font-weight: bold; font-size: 1.1rem; }
.formula { margin-top: 1rem; }
.section { font-style: italic; margin: .8rem 0 .2rem 2.2rem; }
.item { padding-left: calc(2.2rem * var(--depth, 1)); text-indent: -2.2rem; }
.annex { text-align: center; text-transform: uppercase; margin-top: 1.5rem; }
.reasons { margin-top: 1rem; } .reasons .label { font-weight: bold; }
.footnote { font-size: .85rem; color: var(--muted); padding-left: 2.2rem; }
.inserted { border-left: 3px solid var(--ins); } .deleted { border-left: 3px solid var(--del); }
ins { color: var(--ins); text-decoration: underline; background: #e7f5ec; }
mark { background: #fff3a3; box-shadow: inset 1px 0 #b89400, inset -1px 0 #b89400; }
mark.empty { display: inline-block; width: 3px; height: 1em; vertical-align: text-bottom; } .comment { font-size: .85rem; color: var(--muted); background: #eef2f8; }
del { color: var(--del); text-decoration: line-through; background: #fbe9ea; }
ins::before, ins::after, del::before, del::after {
  clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px;
  overflow: hidden; position: absolute; white-space: nowrap; }
ins::before { content: " [insertion start] "; } ins::after { content: " [insertion end] "; }
del::before { content: " [deletion start] "; } del::after { content: " [deletion end] "; }
ins.moved, del.moved { color: var(--moved); background: #e8f0fa; text-decoration-style: double; }
ins.moved::before { content: " [moved text start] "; } ins.moved::after { content: " [moved text end] "; }
del.moved::before { content: " [moved-away text start] "; } del.moved::after { content: " [moved-away text end] "; }
s.struck-insert { color: var(--struck); text-decoration: line-through; background: #f3edf8; }
.struck-insert-note { font-size: .85rem; color: var(--struck); }
@media print {
  body { max-width: none; margin: 0; } nav.toc { break-after: page; }
  ins, del, s.struck-insert { background: none; } .marker, .heading, .section { break-after: avoid; }
}
"""


def _marker_parts(proposal: Proposal, kept: LooseLine | None) -> tuple[str, str]:
    """The action and id as HTML, with the characters a highlight of the source's marker line covers in
    ``<mark>`` (``kept``: that line, when it holds a comment or highlight).
    """
    assert proposal.action is not None  # the caller draws a marker only for a proposal with an action
    text, lit, depth = "", set[int](), 0
    for piece in line_pieces(kept.artefacts if kept is not None else ()):
        if piece.is_mark:
            depth += 1 if piece.kind == "highlight-start" else -1
        elif piece.kind != "comment":
            if depth > 0:
                lit.update(range(len(text), len(text) + len(piece.text)))
            text += piece.text
    a = text.find(proposal.action)
    b = text.find(proposal.id, a + len(proposal.action)) if a >= 0 else -1
    return _lit(proposal.action, a, lit), _lit(proposal.id, b, lit)


def _lit(text: str, at: int, lit: set[int]) -> str:
    """``text`` escaped, its characters whose place ``at + i`` in the marker line is in ``lit`` in ``<mark>``."""
    if at < 0 or not lit:
        return _ESC(text)
    out = []
    for shown, chars in groupby(enumerate(text), key=lambda c: at + c[0] in lit):
        run = _ESC("".join(ch for _, ch in chars))
        out.append(f"<mark>{run}</mark>" if shown else run)
    return "".join(out)


def _loose_html(items: list[Loose], *places: str) -> list[str]:
    """The comments at ``places`` as paragraphs, one per source line, each comment shown as in the text."""
    lines: dict[int, list[Loose]] = {}
    for item in items:
        if item.place in places:
            lines.setdefault(item.comment.line, []).append(item)
    return [
        f'<p class="loose" data-line="{no}" data-on="{_ESC(group[0].on)}">' + "".join(_loose_pieces(group)) + "</p>"
        for no, group in sorted(lines.items())
    ]


def _inside(items: list[Loose]) -> list[str]:
    """The comments of the lines after a clause (:func:`_loose_html` of them at places ``inside`` and ``end``)."""
    return _loose_html(items, "inside", "end")


def _loose_pieces(group: list[Loose]) -> list[str]:
    """The HTML of one line's items: each comment or paragraph mark as in the text, each note body (its
    ``footnote-body`` and following ``footnote-part`` pieces) with the ``footnote-highlight`` and ``footnote-comment``
    after them.
    """
    out: list[str] = []
    body: list[Artefact] = []  # the note body being gathered: its pieces, then its highlights
    for item in group:
        a = item.comment
        if a.kind == "footnote-part" and body or a.kind in IN_NOTE:
            body.append(a)
            continue
        out.append(_body_html(body))
        body = [a] if a.kind in ("footnote-body", "footnote-part") else []
        if a.kind == "line-highlight":
            out.append(f"<mark>{_ESC(a.text)}</mark>")
        elif not body:
            out.append(_loose_art_html(a))
    out.append(_body_html(body))
    return out


def _body_html(arts: list[Artefact]) -> str:
    """A note body that no node holds (:func:`~itu_nb.parsing.notes.unheld_bodies`: before its reference, or
    without any), shown as the source has it, ``[N: text]``, with its ops, each ``footnote-highlight`` (its
    offset in the body's text) in ``<mark>`` and each ``footnote-comment`` shown there; "" for no pieces.
    """
    runs = tuple(Run(a.op, a.text, a.author, a.date) for a in arts if a.kind not in IN_NOTE)
    if not runs:
        return ""
    lit = [dataclasses.replace(a, kind=IN_NOTE[a.kind]) for a in arts if a.kind in IN_NOTE]
    return f'<span class="footnote" role="note">{_runs_html(runs, 0, {}, lit)}</span>'


def _loose_bodies(kept: list[LooseLine]) -> list[Loose]:
    """The pieces of the note bodies among ``kept`` (lines that are no node) and the highlights inside them, and
    what each highlight of such a line covers (a ``line-highlight``), as :class:`Loose` items.
    """
    out = []
    for line in kept:
        for a in line.artefacts:
            if a.kind in ("footnote-body", "footnote-part", *IN_NOTE):
                out.append(Loose(a, line.proposal, line.place, line.on, line.after))
        if line.place != "marker" and any(a.kind == "highlight" for a in line.artefacts):
            lit = Artefact("line-highlight", "", line.line)
            for text in _covered(line.artefacts):
                out.append(Loose(dataclasses.replace(lit, text=text), line.proposal, line.place, line.on, line.after))
    return out


def _covered(arts) -> list[str]:
    """What each outermost highlight of a line that is no node covers of its text (comments left out)."""
    out: list[str] = []
    depth = 0
    for piece in line_pieces(arts, notes=False):
        if piece.kind in ("highlight-start", "highlight-end"):
            depth += 1 if piece.kind == "highlight-start" else -1
            if depth == 1 and piece.kind == "highlight-start":
                out.append("")
        elif depth and piece.kind != "comment":
            out[-1] += piece.text
    return out


def document_html(doc: Document, title: str | None = None) -> str:
    """The whole page as a string."""
    title = title or doc.metadata.get("title") or Path(doc.source).name or "itu_nb export"
    rows, toc, body = [], [], []
    counts: dict[str, dict[str, int]] = {}  # by proposal id (the last proposal of an id gives its row's counts)
    kept = loose_lines(doc)  # the lines that are no node holding a comment or highlight, and where they stand
    markers = {x.proposal: x for x in kept if x.place == "marker"}
    loose: dict[int, list[Loose]] = {}  # their comments, by proposal
    for item in loose_comments(doc, kept) + _loose_bodies(kept):
        loose.setdefault(item.proposal, []).append(item)
    for x in kept:  # the tracked marks of empty paragraphs, shown where their lines stood, as the comments
        for a in x.artefacts:
            if a.kind == "paragraph-mark" and a.op is not Op.EQUAL:
                loose.setdefault(x.proposal, []).append(Loose(a, x.proposal, x.place, x.on, x.after))
    for k, proposal in enumerate(doc):
        name = f"{proposal.action + ' ' if proposal.action else ''}{proposal.id}"
        target = str(proposal.target) if proposal.target else (proposal.title or "")
        mine = loose.get(k, [])
        parts = [f'<article class="proposal" id="{anchor(proposal)}" aria-label="{_ESC(name)}">']
        on_marker = "".join(
            _comment_html(item.comment) for item in mine if item.place == "marker" and item.comment.kind == "comment"
        )
        if not proposal.action:  # no marker line: its comments stand before the first clause
            mine = [item if item.place != "marker" else Loose(item.comment, k, "before", item.on) for item in mine]
            on_marker = ""
        parts += _loose_html(mine, "before")
        if proposal.action:
            action, pid = _marker_parts(proposal, markers.get(k))
            parts.append(
                f'<p class="marker"><span class="action">{action}</span><span class="pid">{pid}</span>{on_marker}</p>'
            )
        parts += _loose_html(mine, "after-marker")
        after: dict[str | None, list[Loose]] = {}  # the comments of lines after a clause, by its path
        for item in mine:
            after.setdefault(item.after, []).append(item)
        # each node's paragraph, its entry in the contents and its changes counted, in one walk (html_nodes)
        nodes, entries, counts[proposal.id] = nodes_html(proposal, after, _inside)
        parts += nodes
        parts += _loose_html(after.get(None, []), "end")
        parts.append("</article>")
        body.append("\n".join(parts))
        inner = f"<ol>{''.join(entries)}</ol>" if entries else ""
        toc.append(f'<li><a href="#{anchor(proposal)}">{_ESC(name)}</a> {_ESC(target)}{inner}</li>')
    for proposal in doc:  # (after every proposal is counted: a row shows the counts of the last of its id)
        c = counts[proposal.id]
        name = f"{proposal.action + ' ' if proposal.action else ''}{proposal.id}"
        target = str(proposal.target) if proposal.target else (proposal.title or "")
        rows.append(
            f'<tr><td><a href="#{anchor(proposal)}">{_ESC(name)}</a></td><td>{_ESC(target)}</td>'
            f"<td>{c['changes']}</td><td>{c['inserted']}</td><td>{c['deleted']}</td><td>{c['replaced']}</td>"
            f"<td>{c['relabelled']}</td><td>{c['ins']}</td><td>{c['del']}</td></tr>"
        )
    total = {k: sum(c[k] for c in counts.values()) for k in ("changes", "ins", "del")}
    head = "<th>Proposal</th><th>Target</th><th>Changes</th><th>Insertions</th><th>Deletions</th>"
    head += "<th>Replacements</th><th>Relabels</th><th>&lt;ins&gt;</th><th>&lt;del&gt;</th>"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="itu_nb">',
            f"<title>{_ESC(title)}</title><style>{_CSS}</style></head>",
            "<body>",
            f"<header><h1>{_ESC(title)}</h1><p>Source: {_ESC(doc.source)}. "
            f'<span id="totals" data-changes="{total["changes"]}" data-ins="{total["ins"]}" data-del="{total["del"]}">'
            f"{total['changes']} changes: {total['ins']} insertions and {total['del']} deletions marked.</span></p>",
            f'<table class="counts" aria-label="Change counts per proposal"><thead><tr>{head}</tr></thead>',
            f"<tbody>{''.join(rows)}</tbody></table></header>",
            f'<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>',
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
        ]
    )


#: The control characters HTML does not allow in a page (FF is white space there): shown as their pictures.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # (as UTF-8: no other byte is one)
_CHUNK = 1 << 20


def _writable(page: str) -> str:
    """``page`` as :func:`~itu_nb.export.lines.encodable` makes it (lone surrogates as U+FFFD), each control
    character of :data:`_CONTROLS` as its Control Picture.  A page with neither, the usual one, is encoded a
    slice at a time and its bytes' control characters deleted in C, to see that none went (half the time of a
    search of the text); the page is returned as it is.
    """
    for at in range(0, len(page), _CHUNK):
        try:
            data = page[at : at + _CHUNK].encode("utf-8")
        except UnicodeEncodeError:  # (strict UTF-8 refuses a lone surrogate, and nothing else)
            break
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):
            break
    else:
        return page
    page = encodable(page)
    if _CONTROLS.search(page) is None:
        return page
    return _CONTROLS.sub(lambda m: picture(m.group(0)), page)


def to_html(x, path=None, *, title: str | None = None, author: str | None = None, date: str | None = None) -> str:
    """Write a Document, Proposal or Comparison as one standalone HTML page; see :func:`itu_nb.to_html`."""
    doc = as_document(x, author=author, date=date)
    check_marks(doc, "HTML")
    page = _writable(document_html(doc, title))
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page
