"""``itu-nb compare``: two texts (or two documents) compared clause by clause, and the redline written."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from itu_nb.cli.common import FORMATS, _load_options, _source, _Usage, comparison_json, output_name, write
from itu_nb.loaders import load


def _cmd_compare(args) -> int:
    from itu_nb.diff.documents import DocumentComparison, compare

    if args.old == args.new == "-":
        raise _Usage("standard input (-) can be one of the two texts, not both")
    old, new = load(_source(args.old), **_load_options(args)), load(_source(args.new), **_load_options(args))
    pair = (old[args.proposal], new[args.proposal]) if args.proposal else (old, new)
    result = compare(*pair, typography=args.typography, view=(args.old_view, args.new_view))
    if not isinstance(result, DocumentComparison):
        # the proposal's own base asked for (--old-view original): what the note would advise, so no note
        if result.base_differs and getattr(args, f"{result.proposal_side}_view") != "original":
            print(f"itu-nb: {base_note(result, args)}", file=sys.stderr)
        write(result, args.to, args.output, author=args.author, date=args.date)
        return 0
    # two documents: each text against the one it targets; the table on stderr, the output per text
    if (args.old_view, args.new_view) != ("amended", "amended"):
        raise _Usage("--old-view and --new-view choose a view of one text: add --proposal ID (or compare two texts)")
    print(document_summary(result, args), file=sys.stderr)
    if args.to == "json":
        text = json.dumps(document_comparison_json(result), ensure_ascii=False, indent=1) + "\n"
        if args.output in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(args.output).write_text(text, encoding="utf-8")
        return 0
    if args.output in (None, "-") and args.to == "docx":
        raise _Usage("--to docx needs -o FILE.docx (one file per compared text is written beside it)")
    if args.to == "html":  # the overview: the table, then every text's redline
        from itu_nb.export.html_fragment import document_comparison_page

        page = document_comparison_page(result)
        if args.output in (None, "-"):
            sys.stdout.write(page)
            return 0
        Path(args.output).write_text(page, encoding="utf-8")
    taken = {Path(args.output).name.lower()} if args.output not in (None, "-") else set()
    for p in result.pairs:
        if p.comparison is None:
            continue
        if args.output in (None, "-"):
            sys.stdout.write(f"\n== {p.id}: {p.status} ==\n")
            write(p.comparison, args.to, None, author=args.author, date=args.date)
            continue
        out = Path(args.output)
        # one file per text, never two texts to one name (two texts of one id: "-2")
        path = out.with_name(output_name(f"{out.stem}-{p.id}", out.suffix or FORMATS[args.to], taken))
        write(p.comparison, args.to, str(path), author=args.author, date=args.date)
        print(f"itu-nb: {p.id}: {path}", file=sys.stderr)
    return 0


def base_note(c, args=None) -> str:
    """A comparison's base note (:attr:`~itu_nb.model.comparison.Comparison.base_differs`), with commands.

    The commands show the two apart: the proposal's own changes (``itu-nb export``), and its base (the
    proposal's original view) against the other text (``itu-nb compare --old-view original``, or
    ``--new-view``).  From standard input there is no file to name: the Python call, as the model says it.
    """
    if args is None or "-" in (args.old, args.new):  # no file to name: the Python call
        return c.base_note
    side = c.proposal_side
    proposal = c.old if side == "old" else c.new
    file = args.old if side == "old" else args.new
    pick = proposal.target.key.capitalize() if proposal.target is not None else proposal.id
    files = f"{shlex.quote(args.old)} {shlex.quote(args.new)}"
    return (
        f"{c.base_fact} To see them apart: itu-nb export {shlex.quote(file)} --proposal {shlex.quote(proposal.id)} "
        f"--to html shows {proposal.id}'s own changes, and itu-nb compare {files} --proposal {shlex.quote(pick)} "
        f"--{side}-view original --to html its base against the other text."
    )


def document_summary(dc, args=None) -> str:
    """A document comparison as a plain-text table: one line per text, then base notes and unmatched texts."""
    rows = [("text", "action", "target", "status", "matched with", "changes")]
    for p in dc.pairs:
        c = p.comparison
        n = "" if c is None else str(len(c.changes))
        rows.append((p.id, p.action or "", p.target or "", p.status, p.matched or "-", n))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines += [f"{p.id}: {p.note}" for p in dc.pairs if p.note]
    lines += [f"{p.id}: {base_note(p.comparison, args)}" for p in dc.pairs if p.base_note and p.comparison]
    if dc.unmatched:
        lines.append(f"{len(dc.unmatched)} texts of {dc.new.source} that nothing targets (not compared)")
    return "\n".join(lines)


def document_comparison_json(dc) -> dict:
    """A document comparison as plain data: each text, its match, status, notes and comparison."""
    return {
        "old": dc.old.source,
        "new": dc.new.source,
        "texts": [
            {
                "id": p.id, "action": p.action, "target": p.target, "status": p.status, "matched": p.matched,
                "note": p.note, "base_note": p.base_note,
                "comparison": comparison_json(p.comparison) if p.comparison is not None else None,
            }
            for p in dc.pairs
        ],
        "unmatched": [str(p.target or p.id) for p in dc.unmatched],
    }  # fmt: skip
