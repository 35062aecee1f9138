"""Static HTML for comparisons: ``<ins>``/``<del>`` markup that renders without the widget.

Everything is escaped; the only styling is a small ``<style>`` block scoped to
the fragment's class, so the marks still read (underlined / struck through) where
a front end drops styles, as GitHub does.  The reviewers' comments of the compared clauses
are shown after each clause's redline (those of the new side, and those of the old side the
new one does not repeat), and a document comparison shows the comments of each text's marker
and blank lines (:func:`~itu_nb.export.loose.loose_comments`) before its redline, all as
``<span class="itu-nb-comment" role="note" data-author=… data-date=…>[comment by Author, date: text]</span>``.
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from html import escape
from pathlib import PurePath
from typing import TYPE_CHECKING

from itu_nb.export.html_marks import Marks
from itu_nb.export.loose import loose_comments, loose_lines
from itu_nb.model import Artefact, Clause, Document, NodeKind, Op, Run
from itu_nb.model.comparison import CASELESS
from itu_nb.model.typography import typographic_groups

if TYPE_CHECKING:  # pragma: no cover
    from itu_nb.diff.documents import DocumentComparison
    from itu_nb.diff.manyway import ManyComparison
    from itu_nb.model.comparison import ClausePair, Comparison

__all__ = [
    "STYLE",
    "comment_html",
    "comparison_html",
    "document_comparison_html",
    "document_comparison_page",
    "many_html",
    "paragraph_mark_html",
    "runs_html",
]

STYLE = """<style>
.itu-nb-cmp{font-family:var(--jp-content-font-family,sans-serif);line-height:1.5}
.itu-nb-cmp ins{background:#dafbe1;text-decoration:underline}
.itu-nb-cmp del{background:#ffebe9;text-decoration:line-through}
.itu-nb-cmp .itu-nb-pair{margin:.2em 0;padding-left:.5em;border-left:3px solid transparent}
.itu-nb-cmp .itu-nb-pair.changed{border-left-color:#d4a72c}
.itu-nb-cmp .itu-nb-kind{font-size:75%;color:#57606a;margin-right:.5em;font-variant:small-caps}
.itu-nb-cmp .itu-nb-section{font-style:italic}
.itu-nb-cmp .itu-nb-skip{color:#57606a;font-size:85%}
.itu-nb-cmp .itu-nb-note{color:#9a6700;font-size:85%}
.itu-nb-cmp .itu-nb-typo{background:none;color:#6e7781;text-decoration-style:dotted}
.itu-nb-cmp .itu-nb-comment{color:#57606a;background:#eef2f8;font-size:85%}
.itu-nb-cmp .itu-nb-banner{background:#fff8c5;border:1px solid #d4a72c;padding:.3em .6em;margin:.3em 0}
.itu-nb-cmp td,.itu-nb-cmp th{text-align:left;vertical-align:top;padding:2px 6px}
.itu-nb-cmp mark{background:#fff3a3;box-shadow:inset 1px 0 #b89400,inset -1px 0 #b89400}
.itu-nb-cmp mark.empty{display:inline-block;width:3px;height:1em;vertical-align:text-bottom}
.itu-nb-cmp .itu-nb-paragraph-mark{font-size:85%}
.itu-nb-cmp .itu-nb-paragraph-mark.inserted{color:#1a7f37}.itu-nb-cmp .itu-nb-paragraph-mark.deleted{color:#cf222e}
</style>"""


def runs_html(
    runs: tuple[Run, ...] | list[Run],
    *,
    typographic: frozenset[int] = frozenset(),
    highlights: list[tuple[int, int, int]] | None = None,
) -> str:
    """Runs as escaped HTML: INSERT in ``<ins>``, DELETE in ``<del>``, authors and dates as ``title``.

    Runs whose index is in ``typographic`` are drawn apart (class ``itu-nb-typo``: grey, dotted).
    ``highlights``: ``(start, end, number)`` offsets in the runs' text, each written as one ``<mark>``
    around what it covers, as the HTML page writes them (:class:`~itu_nb.export.html_marks.Marks`).
    """
    marks = Marks(highlights, 0, sum(len(r.text) for r in runs), True) if highlights else None
    out = []
    pos = 0
    for k, r in enumerate(runs):
        end = pos + len(r.text)
        bounds = [pos, *marks.inside(pos, end), end] if marks is not None else [pos, end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            if marks is not None:
                out.append(marks.close(a) + marks.start(a))
            if a < b:
                out.append(_run_html(r, r.text[a - pos : b - pos], k in typographic))
        pos = end
    if marks is not None:
        out.append(marks.close(pos) + marks.start(pos) + marks.finish())
    return "".join(out)


def _run_html(r: Run, piece: str, typographic: bool) -> str:
    text = escape(piece)
    if r.op is Op.EQUAL:
        return text
    tag = "ins" if r.op is Op.INSERT else "del"
    who = " ".join(x for x in (r.author, r.date) if x)
    if typographic:
        who = f"typographic {who}".strip()
    title = f' title="{escape(who)}"' if who else ""
    cls = ' class="itu-nb-typo"' if typographic else ""
    return f"<{tag}{cls}{title}>{text}</{tag}>"


def _side_spans(node: Clause | None, runs, side: Op) -> list[tuple[int, int]]:
    """The highlights of one side's clause as ``(start, end)`` offsets in the pair's runs ``runs``.

    A highlight's offsets count the clause's label and text (the compared view, plain runs); the pair's
    runs hold the text of both sides (``side``: the runs of the other side's op are not this side's).
    A highlight on the label, or in a stretch the runs do not hold as the clause reads it, has none.
    """
    if node is None or not any(a.kind == "highlight" for a in node.artefacts):
        return []
    starts: list[tuple[int, int]] = []  # each of this side's runs: its offset in the side's text, in ``runs``
    text: list[str] = []
    at = mine = 0
    for r in runs:
        if r.op is not side:
            starts.append((mine, at))
            text.append(r.text)
            mine += len(r.text)
        at += len(r.text)
    body, shown = node.body(), "".join(text)
    # the runs show the other side's characters where the two read the same (a typographic variant, white
    # space at the end): the same length maps one to one; else the common head and tail do
    head = len(body) if len(body) == len(shown) else len(os.path.commonprefix([body, shown]))
    tail = len(os.path.commonprefix([body[head:][::-1], shown[head:][::-1]]))
    label = sum(len(r.text) for r in node.label_runs)
    keys = [s for s, _ in starts]

    def place(offset: int) -> int | None:
        if offset > head and offset < len(body) - tail:
            return None  # in the stretch the runs do not hold as it is
        offset += len(shown) - len(body) if offset > head else 0
        i = max(bisect.bisect_right(keys, offset) - 1, 0)
        return starts[i][1] + offset - starts[i][0] if starts else 0

    out = []
    for a in node.artefacts:
        if a.kind == "highlight" and (a.offset or 0) >= label:
            start = (a.offset or 0) - label
            end = min(start + a.length, len(body))
            s, e = place(start), place(end - 1) if end > start else place(start)
            if s is not None and e is not None:
                out.append((s, e + 1 if end > start else e))
    return out


def _marked(p: ClausePair) -> bool:
    """Whether a clause of the pair holds a comment or a highlight (the pair is drawn, as a changed one is)."""
    return any(a.kind in ("comment", "highlight") for n in (p.old, p.new) if n is not None for a in n.artefacts)


def _pair_highlights(p: ClausePair, runs) -> list[tuple[int, int, int]]:
    """The highlights of the pair's clauses in ``runs``, numbered: the new one's, then the old one's that the
    new one does not repeat (as :func:`_pair_comments` takes their comments).
    """
    new = _side_spans(p.new, runs, Op.DELETE)
    old = [x for x in _side_spans(p.old, runs, Op.INSERT) if x not in set(new)]
    return [(s, e, n) for n, (s, e) in enumerate(new + old, start=1)]


def _typo_runs(p: ClausePair, mode: str) -> frozenset[int]:
    """Indices of the pair's body runs to draw as typographic (``typography="separate"`` only)."""
    if mode != "separate":
        return frozenset()
    case = _clause(p).kind in CASELESS
    return frozenset(k for i, j in typographic_groups(p.runs, case=case) for k in range(i, j))


def _clause(p: ClausePair) -> Clause:
    """The pair's new clause, or its old one when deleted."""
    node = p.new or p.old
    assert node is not None  # a pair holds at least one clause
    return node


def comment_html(art: Artefact) -> str:
    """A comment as an escaped note: ``[comment by Author, date: text]``, author and date also as data."""
    who = " by " + art.author if art.author else ""
    when = ", " + art.date if art.date else ""
    attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in (("author", art.author), ("date", art.date)) if v)
    return f'<span class="itu-nb-comment" role="note"{attrs}>[comment{escape(who + when)}: {escape(art.text)}]</span>'


def _pair_comments(p: ClausePair) -> list[Artefact]:
    """The comments of the pair's clauses: the new one's, then the old one's that the new one does not repeat."""
    new = [a for a in (p.new.artefacts if p.new is not None else ()) if a.kind == "comment"]
    seen = {(a.text, a.author, a.date) for a in new}
    old = [a for a in (p.old.artefacts if p.old is not None else ()) if a.kind == "comment"]
    return new + [a for a in old if (a.text, a.author, a.date) not in seen]


def paragraph_mark_html(art: Artefact) -> str:
    """The tracked mark of an empty paragraph (a ``paragraph-mark``), as the HTML page shows it:
    ``[empty paragraph inserted by Author, date]``, with its op, author and date also as data.
    """
    op = "inserted" if art.op is Op.INSERT else "deleted"
    who = " by " + art.author if art.author else ""
    when = ", " + art.date if art.date else ""
    attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in (("author", art.author), ("date", art.date)) if v)
    return (
        f'<span class="itu-nb-paragraph-mark {op}" role="note"{attrs}>[empty paragraph {op}{escape(who + when)}]</span>'
    )


def _loose_by_text(doc: Document) -> dict[int, str]:
    """The comments of each text's marker and blank lines in ``doc``, and the tracked marks of its empty
    paragraphs, as notes, by ``id()`` of the text.
    """
    out: dict[int, str] = {}
    kept = loose_lines(doc)
    for x in loose_comments(doc, kept):
        key = id(doc.proposals[x.proposal])
        out[key] = out.get(key, "") + comment_html(x.comment)
    for line in kept:
        for a in line.artefacts:
            if a.kind == "paragraph-mark" and a.op is not Op.EQUAL:
                key = id(doc.proposals[line.proposal])
                out[key] = out.get(key, "") + paragraph_mark_html(a)
    return out


def _pair_html(p: ClausePair, typography: str = "show") -> str:
    label = "".join(r.text for r in p.label_runs).strip()
    label_html = runs_html(
        [r.__class__(r.op, r.text.strip(), r.author, r.date) for r in p.label_runs if r.text.strip()]
    )
    body = runs_html(p.runs, typographic=_typo_runs(p, typography), highlights=_pair_highlights(p, p.runs))
    node = _clause(p)
    if p.kind in ("inserted", "deleted"):
        tag = "ins" if p.kind == "inserted" else "del"
        whole = (Run(Op.EQUAL, node.body()),)
        spans = _side_spans(node, whole, Op.INSERT)
        text = runs_html(whole, highlights=[(s, e, n) for n, (s, e) in enumerate(spans, start=1)])
        content = f"<{tag}>{escape(label) + ' ' if label else ''}{text}</{tag}>"
    else:
        content = f"{label_html} {body}" if label_html else body
    if node.kind is NodeKind.SECTION:
        content = f'<span class="itu-nb-section">{content}</span>'
    content += "".join(" " + comment_html(a) for a in _pair_comments(p))
    extra = ""
    if p.kind == "moved":
        extra = f' <span class="itu-nb-note">(moved from {escape(p.old_path or "")})</span>'
    elif p.kind in ("split", "merged"):
        other = p.old_path if p.kind == "split" else p.new_path
        word = "from" if p.kind == "split" else "into"
        extra = (
            f' <span class="itu-nb-note">({p.kind} {word} {escape(other or "")}, part {p.part + 1} of {p.parts})</span>'
        )
    if p.note:
        extra += f' <span class="itu-nb-note">[{escape(p.note)}]</span>'
    cls = "itu-nb-pair changed" if p.changed else "itu-nb-pair"
    kind = f'<span class="itu-nb-kind">{p.kind}</span>' if p.changed else ""
    return (
        f'<div class="{cls}" data-pair="{p.index}" data-path="{escape(p.path or "")}" data-kind="{p.kind}">'
        f"{kind}{content}{extra}</div>"
    )


def comparison_html(c: Comparison, *, context: int = 1, max_pairs: int = 600) -> str:
    """The whole comparison as an HTML fragment (see :meth:`Comparison.to_html`)."""
    pairs = c.pairs
    counts = Counter(p.kind for p in pairs)
    parts = [f"{n} {k}" for k, n in counts.items() if k != "unchanged"]
    n_typo = len(c.typographic) if c.typography == "separate" else 0
    n_changes = len(c.changes) - n_typo
    typo = f" (and {n_typo} typographic, drawn grey)" if n_typo else ""
    old_name, new_name = c.names
    head = (
        f'<div class="itu-nb-summary"><b>{escape(old_name)}</b> → <b>{escape(new_name)}</b>: '
        f"{n_changes} change{'s' if n_changes != 1 else ''}{typo} in {sum(p.changed for p in pairs)} of "
        f"{len(pairs)} clauses{' — ' + ', '.join(parts) if parts else ''}</div>"
    )
    show = [False] * len(pairs)
    for k, p in enumerate(pairs):
        if p.changed or _clause(p).kind in (NodeKind.HEADING, NodeKind.SECTION) or _marked(p):
            for x in range(max(0, k - context), min(len(pairs), k + context + 1)):
                show[x] = True
    body = []
    drawn = skipped = 0
    for k, p in enumerate(pairs):
        if not show[k]:
            skipped += 1
            continue
        if skipped:
            body.append(f'<div class="itu-nb-skip">… {skipped} unchanged clause{"s" if skipped > 1 else ""} …</div>')
            skipped = 0
        if drawn >= max_pairs:
            rest = len(pairs) - k
            body.append(f'<div class="itu-nb-skip">… {rest} more clauses not drawn (max_pairs={max_pairs}) …</div>')
            break
        body.append(_pair_html(p, c.typography))
        drawn += 1
    if skipped:
        body.append(f'<div class="itu-nb-skip">… {skipped} unchanged clause{"s" if skipped > 1 else ""} …</div>')
    banner = f'<div class="itu-nb-banner" role="note">{escape(c.base_note)}</div>' if c.base_note else ""
    notes = "".join(f'<div class="itu-nb-note">{escape(n)}</div>' for n in c.notes[:20] if n != c.base_note)
    return f'<div class="itu-nb-cmp">{STYLE}{head}{banner}{notes}{"".join(body)}</div>'


def document_comparison_html(dc: DocumentComparison, *, context: int = 1, max_pairs: int = 600) -> str:
    """A document comparison as HTML: a table of texts and what they were matched with, then each
    pair's redline (:func:`comparison_html`), then the other document's texts nothing targets.
    """
    head = "".join(f"<th>{h}</th>" for h in ("text", "action", "target", "status", "matched with", "changes"))
    rows = []
    for p in dc.pairs:
        c = p.comparison
        n = "" if c is None else str(len(c.changes) - (len(c.typographic) if c.typography == "separate" else 0))
        base = ' <span class="itu-nb-note">(base differs)</span>' if p.base_note else ""
        cells = (p.id, p.action or "", p.target or "", p.status, p.matched or "—")
        rows.append("<tr>" + "".join(f"<td>{escape(x)}</td>" for x in cells) + f"<td>{n}{base}</td></tr>")
    old, new = PurePath(dc.old.source).name, PurePath(dc.new.source).name
    title = f"<div class='itu-nb-summary'><b>{escape(old)}</b> → <b>{escape(new)}</b></div>"
    parts = [f'<div class="itu-nb-cmp">{STYLE}{title}<table><tr>{head}</tr>{"".join(rows)}</table></div>']
    old_loose, new_loose = _loose_by_text(dc.old), _loose_by_text(dc.new)
    for p in dc.pairs:
        if p.note:
            parts.append(
                f'<div class="itu-nb-cmp"><div class="itu-nb-note">{escape(p.id)}: {escape(p.note)}</div></div>'
            )
        loose = old_loose.get(id(p.text), "") + (new_loose.get(id(p.match), "") if p.match is not None else "")
        if loose:  # the comments of the texts' marker and blank lines
            parts.append(f'<div class="itu-nb-cmp"><div class="itu-nb-loose">{escape(p.id)}: {loose}</div></div>')
        if p.comparison is not None:
            parts.append(comparison_html(p.comparison, context=context, max_pairs=max_pairs))
    if dc.unmatched:
        names = ", ".join(escape(str(x.target or x.id)) for x in dc.unmatched)
        parts.append(
            f'<div class="itu-nb-cmp"><div class="itu-nb-skip">{len(dc.unmatched)} text'
            f"{'s' if len(dc.unmatched) != 1 else ''} of {escape(new)} that nothing targets: {names}</div></div>"
        )
    return "".join(parts)


def document_comparison_page(dc: DocumentComparison) -> str:
    """:func:`document_comparison_html` as a standalone HTML page (what ``itu-nb compare`` writes for two documents)."""
    title = escape(f"{PurePath(dc.old.source).name} → {PurePath(dc.new.source).name}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{document_comparison_html(dc)}</body></html>\n"
    )


_STATUS = {"kept": "", "added": "#dafbe1", "deleted": "#ffebe9"}


def many_html(m: ManyComparison, *, only_changed: bool = True) -> str:
    """A many-way comparison as a static HTML matrix: rows are base clauses, columns versions.

    Cells are coloured by status (added, deleted, other wording); ``only_changed`` leaves out
    the clauses every version keeps.
    """
    df = m.matrix
    if only_changed:
        df = df[(df[m.names] != "kept").any(axis=1) & (df[m.names] != "").any(axis=1)]
    head = "".join(f"<th>{escape(n)}</th>" for n in ["clause", "text", *m.names, "status"])
    body = []
    for path, row in df.iterrows():
        cells = [f"<td>{escape(str(path))}</td>", f"<td>{escape(row['text'])}</td>"]
        for n in m.names:
            v = row[n]
            colour = _STATUS.get(v, "#fff8c5" if v else "")
            style = f' style="background:{colour}"' if colour else ""
            cells.append(f"<td{style}>{escape(v)}</td>")
        cells.append(f"<td>{escape(row['status'])}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    summary = f"<div>{escape(m.base.id)} against {len(m.names)} versions: {len(df)} clauses touched</div>"
    return f'<div class="itu-nb-cmp">{STYLE}{summary}<table><tr>{head}</tr>{"".join(body)}</table></div>'
