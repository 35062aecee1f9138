"""The ``itu-nb`` command line.

- ``itu-nb outline FILE [--json] [--view original|amended]``: the proposals in a file
  and their clause trees;
- ``itu-nb export FILE --to html|docx|critic|akn [-o OUT]``: a document with its own
  tracked changes in another format;
- ``itu-nb compare OLD NEW --to html|docx|critic|json [-o OUT]``: the clause-aware
  comparison of two texts;
- ``itu-nb batch DIR --base BASE --to OUTDIR``: every text in DIR compared with its
  counterpart in BASE (same resolution/decision number), one export per text, a
  progress bar on stderr and ``summary.csv``.

Exit status: 0 success; 1 a file could not be read or written (the message names it
and the problem; for ``batch``, at least one text failed, the others were done); 2
wrong usage.  ``--help`` on any command lists its options.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
import time
from pathlib import Path

from itu_nb.errors import ItuNbError
from itu_nb.loaders import load
from itu_nb.model import Document, NodeKind, Proposal

_STATUS_MARK = {"inserted": "+", "deleted": "-", "modified": "~", "unchanged": " "}


def outline_json(doc: Document) -> dict:
    """The machine-readable outline: proposals with their clauses flat, in document order."""
    return {
        "source": doc.source,
        "format": doc.format,
        "metadata": doc.metadata,
        "proposals": [_proposal_json(p) for p in doc],
    }


def _proposal_json(p: Proposal) -> dict:
    target = p.target
    return {
        "id": p.id,
        "action": p.action,
        "target": None
        if target is None
        else {
            "kind": target.kind,
            "number": target.number,
            "revision": target.revision,
            "new_revision": target.new_revision,
        },
        "title": p.title,
        "reasons": p.reasons,
        "warnings": list(p.warnings),
        "clauses": [
            {
                "path": n.path,
                "kind": n.kind.value,
                "section": n.section,
                "label": n.label,
                "label_original": n.label_original,
                "status": n.status,
                "original": n.body("original").strip() if n.exists_in("original") else None,
                "amended": n.body("amended").strip() if n.exists_in("amended") else None,
            }
            for n in p.walk()
        ],
    }


def outline_text(doc: Document, view: str | None = None, width: int = 100) -> str:
    """A readable outline: one line per node, indented by depth, with change marks.

    ``+`` inserted, ``-`` deleted, ``~`` modified; ``c) → b)`` for a relabelled item.
    """
    out = [f"{doc.source} ({doc.format}): {len(doc)} proposal{'s' if len(doc) != 1 else ''}"]
    for p in doc:
        action = f"{p.action} " if p.action else ""
        out.append("")
        out.append(f"{action}{p.id}  {p.target or ''}")
        if p.title:
            out.append(f"  {p.title}")
        for node in p.walk():
            if node.kind in (NodeKind.HEADING, NodeKind.TITLE):
                continue
            if view and not node.exists_in(view):
                continue
            depth = node.path.count("/") + 1
            label = node.label_in(view) if view else _label(node)
            text = node.body(view or "amended").strip() or node.body("original").strip()
            line = text if node.kind is NodeKind.SECTION else f"{label + ' ' if label else ''}{text}"
            mark = " " if view else _STATUS_MARK[node.status]
            line = f"{mark} {'  ' * depth}{line}"
            out.append(line if len(line) <= width else line[: width - 1] + "…")
        for warning in p.warnings:
            out.append(f"  ! {warning}")
    return "\n".join(out)


def _label(node) -> str | None:
    lo, la = node.label_original, node.label
    if node.relabelled:
        return f"{lo} → {la}"
    return la if la is not None else lo


FORMATS = {"html": ".html", "docx": ".docx", "critic": ".md", "akn": ".xml", "json": ".json"}
INPUTS = (".txt", ".md", ".docx", ".xml", ".akn")


class _Usage(Exception):
    """Wrong usage found after parsing (exit 2)."""


def comparison_json(cmp) -> dict:
    """A comparison as plain data: the two sides, counts per pair kind, notes and every change."""
    return {
        "old": cmp.old.id,
        "new": cmp.new.id,
        "target": str(cmp.new.target or cmp.old.target or ""),
        "counts": cmp.counts(),
        "changes": [dataclasses.asdict(c) for c in cmp.changes],
        "notes": list(cmp.notes),
    }


def write(x, fmt: str, out: str | None, *, author: str | None = None, date: str | None = None) -> None:
    """Write a Document, Proposal or Comparison as ``fmt`` to ``out`` (stdout for text formats when None)."""
    from itu_nb import export

    if fmt == "docx":
        if out is None or out == "-":
            raise _Usage("--to docx needs -o FILE.docx (a .docx cannot go to the terminal)")
        export.to_docx(x, out, author=author, date=date)
        return
    if fmt == "json":
        text = json.dumps(comparison_json(x), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "akn":
        text = export.to_akn(x, author=author, date=date)
    elif fmt == "critic":
        text = export.to_criticmarkup(x, author=author, date=date) + "\n"
    else:
        text = export.to_html(x, author=author, date=date)
    if out is None or out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def _load_options(args) -> dict:
    opts = {}
    if args.format:
        opts["format"] = args.format
    return opts


def _cmd_outline(args) -> int:
    doc = load(args.file, **_load_options(args))
    if args.json:
        json.dump(outline_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(outline_text(doc, args.view, args.width))
    return 0


def _cmd_export(args) -> int:
    opts = _load_options(args)
    critic = args.format == "criticmarkup" or (not args.format and Path(args.file).suffix.lower() == ".md")
    if critic and args.author:  # CriticMarkup has no author field: the loader gives every change this one
        opts.update(author=args.author, date=args.date)
    doc = load(args.file, **opts)
    write(doc[args.proposal] if args.proposal else doc, args.to, args.output, author=args.author, date=args.date)
    return 0


def _cmd_compare(args) -> int:
    from itu_nb.diff.documents import DocumentComparison, compare

    old, new = load(args.old), load(args.new)
    pair = (old[args.proposal], new[args.proposal]) if args.proposal else (old, new)
    result = compare(*pair)
    if not isinstance(result, DocumentComparison):
        if result.base_note:
            print(f"itu-nb: {result.base_note}", file=sys.stderr)
        write(result, args.to, args.output, author=args.author, date=args.date)
        return 0
    # two documents: each text against the one it targets; the table on stderr, the output per text
    print(document_summary(result), file=sys.stderr)
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
    for p in result.pairs:
        if p.comparison is None:
            continue
        if args.output in (None, "-"):
            sys.stdout.write(f"\n== {p.id}: {p.status} ==\n")
            write(p.comparison, args.to, None, author=args.author, date=args.date)
            continue
        out = Path(args.output)
        path = out.with_name(f"{out.stem}-{p.id.replace('/', '-')}{out.suffix or FORMATS[args.to]}")
        write(p.comparison, args.to, str(path), author=args.author, date=args.date)
        print(f"itu-nb: {p.id}: {path}", file=sys.stderr)
    return 0


def document_summary(dc) -> str:
    """A document comparison as a plain-text table: one line per text, then base notes and unmatched texts."""
    rows = [("text", "action", "target", "status", "matched with", "changes")]
    for p in dc.pairs:
        c = p.comparison
        n = "" if c is None else str(len(c.changes))
        rows.append((p.id, p.action or "", p.target or "", p.status, p.matched or "-", n))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines += [f"{p.id}: {p.note}" for p in dc.pairs if p.note]
    lines += [f"{p.id}: {p.base_note}" for p in dc.pairs if p.base_note]
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


def _progress(done: int, total: int, label: str, start: float) -> None:
    """A plain progress bar on stderr: redrawn in place on a terminal, one line per step in a log."""
    width = 30
    fill = width * done // max(total, 1)
    line = f"[{'#' * fill}{'.' * (width - fill)}] {done}/{total} {time.perf_counter() - start:5.1f}s {label}"
    if sys.stderr.isatty():
        sys.stderr.write("\r" + line[:110].ljust(110) + ("\n" if done == total else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


SUMMARY = ["file", "proposal", "target", "base", "status", "changes", "words_inserted", "words_deleted"]
SUMMARY += ["unchanged", "modified", "relabelled", "moved", "inserted", "deleted", "split", "merged"]
SUMMARY += ["output", "seconds", "message"]


def _base_for(base, proposal):
    """The text in ``base`` a proposal acts on: same kind and number, else the same id."""
    for key in ([proposal.target.key] if proposal.target else []) + [proposal.id]:
        try:
            return base[key]
        except KeyError:
            continue
    return None


def _cmd_batch(args) -> int:
    from itu_nb.diff.twoway import compare

    folder, outdir = Path(args.dir), Path(args.to)
    if not folder.is_dir():
        print(f"itu-nb: {folder}: not a folder", file=sys.stderr)
        return 1
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in INPUTS)
    if not files:
        print(f"itu-nb: {folder}: no .txt, .md, .docx or .xml file to compare", file=sys.stderr)
        return 1
    base = load(args.base)
    outdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    failed = 0
    start = time.perf_counter()
    for n, path in enumerate(files, start=1):
        try:
            doc = load(path)
        except ItuNbError as exc:
            failed += 1
            rows.append({"file": path.name, "status": "error", "message": str(exc)})
            _progress(n, len(files), f"{path.name}: cannot be read", start)
            continue
        for proposal in doc:
            t0 = time.perf_counter()
            row: dict[str, object] = {"file": path.name, "proposal": proposal.id, "target": str(proposal.target or "")}
            old = _base_for(base, proposal)
            if old is None:
                row.update(status="no base", message=f"no text in {args.base} for {proposal.target or proposal.id}")
                rows.append(row)
                continue
            cmp = compare(old, proposal)
            name = proposal.id if len(doc) > 1 else path.stem
            out = outdir / (name.replace("/", "-") + FORMATS[args.format])
            try:
                write(cmp, args.format, str(out), author=args.author, date=args.date)
            except OSError as exc:
                failed += 1
                row.update(status="error", message=f"{out}: cannot be written ({exc.strerror or exc})")
                rows.append(row)
                continue
            changes = cmp.changes
            row.update(
                base=old.id,
                status="changed" if cmp.changed else "unchanged",
                changes=len(changes),
                words_inserted=sum(c.words_inserted for c in changes if c.scope != "label"),
                words_deleted=sum(c.words_deleted for c in changes if c.scope != "label"),
                output=out.name,
                seconds=f"{time.perf_counter() - t0:.3f}",
                **{k: v for k, v in cmp.counts().items() if k in SUMMARY},
            )
            rows.append(row)
        _progress(n, len(files), path.name, start)
    summary = outdir / "summary.csv"
    with summary.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, SUMMARY, restval="")
        writer.writeheader()
        writer.writerows(rows)
    changed = sum(r.get("status") == "changed" for r in rows)
    print(
        f"itu-nb: {len(rows)} texts from {len(files)} files in {time.perf_counter() - start:.1f}s: "
        f"{changed} changed, {sum(r.get('status') == 'unchanged' for r in rows)} unchanged, "
        f"{sum(r.get('status') == 'no base' for r in rows)} without a base, {failed} failed; summary: {summary}",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="itu-nb", description="Read, compare and export ITU conference proposals.")
    sub = parser.add_subparsers(dest="command", required=True)
    outline = sub.add_parser("outline", help="print the proposals of a file and their clause trees")
    outline.add_argument("file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file")
    outline.add_argument("--json", action="store_true", help="machine-readable outline")
    outline.add_argument("--view", choices=["original", "amended"], help="show one view only")
    outline.add_argument("--format", help="force the input format (text, criticmarkup, akn, docx)")
    outline.add_argument("--width", type=int, default=100, help="cut lines at this width (text output)")
    outline.set_defaults(run=_cmd_outline)

    def signed(p):
        p.add_argument("--author", help="author of changes that carry none (Word w:author); default: the submitter")
        p.add_argument("--date", help="ISO date of changes that carry none, e.g. 2018-09-10")
        p.add_argument("-o", "--output", help="output file (default: standard output; required for docx)")

    export = sub.add_parser(
        "export", help="write a document with its tracked changes as HTML, Word, CriticMarkup or AKN"
    )
    export.add_argument("file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file")
    export.add_argument("--to", required=True, choices=["html", "docx", "critic", "akn"], help="output format")
    export.add_argument("--proposal", help="export one proposal only (id such as B/67/4, or 'Resolution 130')")
    export.add_argument("--format", help="force the input format (text, criticmarkup, akn, docx)")
    signed(export)
    export.set_defaults(run=_cmd_export)

    compare = sub.add_parser("compare", help="compare two texts clause by clause and export the redline")
    compare.add_argument("old", help="the earlier text (a file in any input format)")
    compare.add_argument("new", help="the later text or proposal")
    compare.add_argument("--to", required=True, choices=["html", "docx", "critic", "json"], help="output format")
    compare.add_argument("--proposal", help="compare this proposal/text of both files (id or 'Resolution 130')")
    signed(compare)
    compare.set_defaults(run=_cmd_compare, format=None)

    batch = sub.add_parser("batch", help="compare every text in a folder with its base text; summary.csv")
    batch.add_argument("dir", help="folder of proposals or edited texts (.txt, .md, .docx, .xml)")
    batch.add_argument("--base", required=True, help="the texts in force, e.g. the Final Acts .akn.xml")
    batch.add_argument("--to", required=True, metavar="OUTDIR", help="folder for the exports and summary.csv")
    batch.add_argument("--format", choices=["html", "docx", "critic", "json"], default="html", help="export format")
    batch.add_argument("--author", help="author of the changes in Word exports (default: itu_nb)")
    batch.add_argument("--date", help="ISO date of the changes in Word exports")
    batch.set_defaults(run=_cmd_batch)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``itu-nb`` command line with ``argv`` (``sys.argv[1:]`` when None); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except _Usage as exc:
        parser.print_usage(sys.stderr)
        print(f"itu-nb {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except ItuNbError as exc:
        print(f"itu-nb: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"itu-nb: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
