"""The ``itu-nb`` command line.

- ``itu-nb outline FILE [--to text|json] [--view original|amended]``: the proposals in a
  file and their clause trees;
- ``itu-nb export FILE --to html|docx|critic|akn [-o OUT] [--title T] [--meta KEY=VALUE]…
  [--no-cover]``: a document with its own tracked changes in another format (the Word
  cover's values as ``to_docx(metadata=…)`` takes them);
- ``itu-nb compare OLD NEW --to html|docx|critic|json [-o OUT] [--old-view|--new-view
  original]``: the clause-aware comparison of two texts (a proposal's base: its original view);
- ``itu-nb batch DIR --base BASE [--to html|docx|critic|json] -o OUTDIR [--jobs N]``: every
  text in DIR compared with its counterpart in BASE (same resolution/decision number), one
  export per text, a progress bar on stderr and ``summary.csv``.

The options mean the same in every command: ``--to FORMAT`` the output format, ``-o OUT``
the output file (a folder for ``batch``), ``--from FORMAT`` the input format (text,
criticmarkup, akn, docx; detected when omitted).  ``-`` as the input of ``outline`` or
``export``, or as one of the two texts of ``compare``, reads standard input (within the
loaders' 50 MB bound; the format from ``--from`` or detected from the content).  The spellings of 0.1 (``--format`` for
the input format of outline/export, ``batch --to OUTDIR --format FORMAT``, ``outline
--json``) still work in this release, with a deprecation message on stderr.

Exit status: 0 success; 1 a file could not be read or written (the message names it
and the problem; for ``batch``, at least one text failed, the others were done); 2
wrong usage; 141 (as a program killed by SIGPIPE) when the reader of the output went
away (``itu-nb outline FILE | head -1``), quietly.  ``--help`` on any command lists its
options.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import os
import re
import shlex
import sys
import time
from pathlib import Path

from itu_nb.errors import ItuNbError
from itu_nb.loaders import load
from itu_nb.model import Document, NodeKind, Proposal

_STATUS_MARK = {"inserted": "+", "deleted": "-", "modified": "~", "unchanged": " "}
#: The last line of a text outline that shows changes: what its marks mean.
LEGEND = "marks: + inserted  - deleted  ~ modified  c) → b) relabelled  ! warning"


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

    ``+`` inserted, ``-`` deleted, ``~`` modified; ``c) → b)`` for a relabelled item;
    ``!`` a warning.  Without ``view`` the last line is :data:`LEGEND`, which says so.
    Control characters are shown, not sent to the terminal (:data:`VISIBLE`).
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
    if not view:
        out += ["", LEGEND]
    return "\n".join(line.translate(VISIBLE) for line in out)


#: How :func:`outline_text` shows control characters of the text (document text is data, and a
#: terminal would act on them: ESC starts a sequence that can rewrite the screen, BEL rings, a
#: line break breaks the one line per node): C0 characters but TAB and DEL as their Unicode
#: control pictures (U+0007 → ␇, U+001B → ␛), C1 characters as ``<U+0085>``.
VISIBLE: dict[int, int | str] = {c: 0x2400 + c for c in range(0x20) if c != 0x09}
VISIBLE |= {0x7F: 0x2421} | {c: f"<U+{c:04X}>" for c in range(0x80, 0xA0)}


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


def write(x, fmt: str, out: str | None, *, author: str | None = None, date: str | None = None, **cover) -> None:
    """Write a Document, Proposal or Comparison as ``fmt`` to ``out`` (stdout for text formats when None).

    ``cover``: for docx, ``title``, ``metadata`` and ``cover`` as :func:`itu_nb.to_docx` takes them; for
    html, ``title``.
    """
    from itu_nb import export

    if fmt == "docx":
        if out is None or out == "-":
            raise _Usage("--to docx needs -o FILE.docx (a .docx cannot go to the terminal)")
        export.to_docx(x, out, author=author, date=date, **cover)
        return
    if fmt == "json":
        text = json.dumps(comparison_json(x), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "akn":
        text = export.to_akn(x, author=author, date=date)
    elif fmt == "critic":
        text = export.to_criticmarkup(x, author=author, date=date) + "\n"
    else:
        text = export.to_html(x, author=author, date=date, title=cover.get("title"))
    if out is None or out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


class _Stdin(io.BytesIO):
    """Standard input, read once within the loaders' bound, named as error messages and outlines show it."""

    name = "<stdin>"


def _source(file: str):
    """``file`` as given, or for ``-`` standard input, read here.

    At most the loaders' bound (50 MiB) plus a byte is read: a longer stream is refused with a
    LoadError, unread beyond that.  Its format comes from ``--from`` or is detected from the content.
    """
    if file != "-":
        return file
    from itu_nb.loaders.registry import read_stream

    return _Stdin(read_stream(sys.stdin.buffer, _Stdin.name))


def _load_options(args) -> dict:
    opts = {}
    if getattr(args, "source_format", None):
        opts["format"] = args.source_format
    return opts


def _cmd_outline(args) -> int:
    doc = load(_source(args.file), **_load_options(args))
    if args.to == "json":
        json.dump(outline_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(outline_text(doc, args.view, args.width))
    return 0


def _cmd_export(args) -> int:
    opts = _load_options(args)
    source = _source(args.file)
    if args.source_format:
        critic = args.source_format == "criticmarkup"
    elif isinstance(source, _Stdin):
        from itu_nb.loaders.registry import detect_format

        critic = detect_format(source.getvalue()) == "criticmarkup"
    else:
        critic = Path(args.file).suffix.lower() == ".md"
    if critic and args.author:  # CriticMarkup has no author field: the loader gives every change this one
        opts.update(author=args.author, date=args.date)
    doc = load(source, **opts)
    x = doc[args.proposal] if args.proposal else doc
    write(x, args.to, args.output, author=args.author, date=args.date, **_cover_options(args))
    return 0


#: What ``itu-nb export --meta KEY=VALUE`` sets on the Word cover, page header and properties
#: (``itu_nb.to_docx(metadata=…)``; ``export.docx_cover.COVER_KEYS``, which a test checks this against).
COVER_KEYS = (
    "conference", "venue", "document", "addendum", "language", "date", "original_language", "meeting", "submitter",
    "heading",
)  # fmt: skip


def _cover_options(args) -> dict:
    """``--title``, ``--meta KEY=VALUE`` and ``--no-cover`` as ``to_docx``'s options (``--title`` alone for html)."""
    docx_only = [name for name, given in (("--meta", args.meta), ("--no-cover", args.no_cover)) if given]
    if docx_only and args.to != "docx":
        raise _Usage(f"{' and '.join(docx_only)}: only for --to docx (the Word cover)")
    if args.title is not None and args.to not in ("docx", "html"):
        raise _Usage("--title: only for --to docx or html")
    options: dict = {"title": args.title} if args.title is not None else {}
    if args.to != "docx":
        return options
    metadata = {}
    for item in args.meta or ():
        key, sep, value = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in COVER_KEYS:
            raise _Usage(f"--meta {item!r}: give KEY=VALUE with KEY one of {', '.join(COVER_KEYS)}")
        metadata[key] = value.strip()
    if metadata:
        options["metadata"] = metadata
    if args.no_cover:
        options["cover"] = False
    return options


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


#: Characters that cannot stand in an output file name on some system (``/`` in ids such as B/67/4).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def output_name(stem: str, ext: str, taken: set[str]) -> str:
    """A file name for ``stem`` + ``ext`` that no earlier output of the run has, and record it in ``taken``.

    Unsafe characters become ``-``; a name already taken (compared without case, as on
    Windows and macOS) gets ``-2``, ``-3``…: ``R130.md`` and ``R130.txt``, or ids ``a/b``
    and ``a-b``, never overwrite each other.  Names are given in input order, so a run
    names its outputs the same way whatever ``--jobs``.
    """
    base = _UNSAFE.sub("-", stem).strip(" .") or "text"
    name, n = base + ext, 1
    while name.lower() in taken or name.lower() == "summary.csv":
        n += 1
        name = f"{base}-{n}{ext}"
    taken.add(name.lower())
    return name


#: The base document of a batch run, loaded once per process (inherited by forked workers).
_BATCH_BASE: list = []


def _batch_file(index: int, path: str, options: dict) -> list[dict]:
    """Load one input file and compare each of its texts with its base: one row per text.

    Each export is written to a temporary name in the output folder (``.part-<index>-<k>``);
    the main process gives it its final name.  Every failure, including a bug surfacing as
    an unexpected exception, becomes a row with status ``error``: one file never stops a run.
    """
    from itu_nb.diff.twoway import compare

    base, base_name = _BATCH_BASE[0]
    name = Path(path).name
    try:
        doc = load(path, **options["load"])
    except Exception as exc:  # recorded in summary.csv; the run goes on
        return [{"file": name, "status": "error", "message": _failure(exc)}]
    rows: list[dict] = []
    for k, proposal in enumerate(doc):
        t0 = time.perf_counter()
        part = Path(options["outdir"]) / f".part-{index}-{k}{FORMATS[options['to']]}"
        row: dict = {"file": name, "proposal": proposal.id, "target": str(proposal.target or "")}
        rows.append(row)
        try:
            old = _base_for(base, proposal)
            if old is None:
                row.update(status="no base", message=f"no text in {base_name} for {proposal.target or proposal.id}")
                continue
            cmp = compare(old, proposal)
            write(cmp, options["to"], str(part), author=options["author"], date=options["date"])
            changes = cmp.changes
            row.update(
                base=old.id,
                status="changed" if cmp.changed else "unchanged",
                changes=len(changes),
                words_inserted=sum(c.words_inserted for c in changes if c.scope != "label"),
                words_deleted=sum(c.words_deleted for c in changes if c.scope != "label"),
                output=part.name,
                stem=proposal.id if len(doc) > 1 else Path(path).stem,
                seconds=f"{time.perf_counter() - t0:.3f}",
                **{key: v for key, v in cmp.counts().items() if key in SUMMARY},
            )
        except Exception as exc:  # recorded in summary.csv; the run goes on
            row.update(status="error", message=_failure(exc))
            part.unlink(missing_ok=True)  # no half-written export
    return rows


def _failure(exc: Exception) -> str:
    if isinstance(exc, ItuNbError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: cannot be written ({exc.strerror or exc})"
    return f"unexpected {type(exc).__name__}: {exc} (a bug in itu_nb: please report it with the file)"


def _batch_inputs(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files of ``folder`` to compare, and the entries not read with the reason (rows of summary.csv).

    A pipe, socket or device is never opened, whatever its name: opening a pipe with no
    writer waits for ever.  A dangling link is an input, so that its error is recorded.
    """
    inputs, others = [], []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.is_dir():
            continue
        if p.suffix.lower() not in INPUTS:
            others.append((p, "not a .txt, .md, .docx or .xml file; not read"))
        elif p.exists() and not p.is_file():
            others.append((p, "not a regular file (a pipe, socket or device); not read"))
        else:
            inputs.append(p)
    return inputs, others


def _run_batch(files: list[Path], options: dict, jobs: int):
    """Yield ``(index, rows)`` per input file as it is done, in one process or ``jobs`` processes."""
    if jobs <= 1 or len(files) <= 1:
        for index, path in enumerate(files):
            yield index, _batch_file(index, str(path), options)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import itu_nb.diff.twoway
    import itu_nb.export  # noqa: F401

    # fork shares the loaded base and the imported modules with the workers (imported above once,
    # not once per worker; gc.freeze keeps the collector from touching, hence copying, the base's
    # pages); elsewhere each worker loads the base once
    workers = min(jobs, len(files))
    if "fork" in multiprocessing.get_all_start_methods():
        gc.freeze()
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    else:  # pragma: no cover - Windows, macOS spawn
        pool = ProcessPoolExecutor(workers, initializer=_load_batch_base, initargs=(options["base"],))
    with pool:
        futures = {pool.submit(_batch_file, i, str(path), options): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                yield index, future.result()
            except Exception as exc:  # a worker died (killed, out of memory): its files fail, the rest go on
                message = f"the process comparing it stopped ({type(exc).__name__}: {exc})"
                yield index, [{"file": files[index].name, "status": "error", "message": message}]


def _load_batch_base(path: str) -> None:
    _BATCH_BASE[:] = [(load(path), path)]


def _cmd_batch(args) -> int:
    folder, outdir = Path(args.dir), Path(args.output)
    if not folder.is_dir():
        print(f"itu-nb: {folder}: not a folder", file=sys.stderr)
        return 1
    files, others = _batch_inputs(folder)
    if not files:
        print(f"itu-nb: {folder}: no .txt, .md, .docx or .xml file to compare", file=sys.stderr)
        return 1
    _load_batch_base(args.base)
    outdir.mkdir(parents=True, exist_ok=True)
    options = {
        "load": _load_options(args),
        "to": args.to,
        "outdir": str(outdir),
        "author": args.author,
        "date": args.date,
        "base": args.base,
    }
    by_file: dict[int, list[dict]] = {}
    start = time.perf_counter()
    for index, done in _run_batch(files, options, args.jobs):
        by_file[index] = done
        unread = len(done) == 1 and "proposal" not in done[0]
        _progress(len(by_file), len(files), files[index].name + (": cannot be read" if unread else ""), start)
    rows: list[dict] = []
    taken: set[str] = set()
    for index in range(len(files)):  # in input order: the same names whatever --jobs
        for row in by_file[index]:
            stem = row.pop("stem", None)
            if stem is not None:
                final = output_name(stem, FORMATS[args.to], taken)
                os.replace(outdir / row["output"], outdir / final)
                row["output"] = final
            rows.append(row)
    rows += [{"file": p.name, "status": "skipped", "message": why} for p, why in others]
    summary = outdir / "summary.csv"
    with summary.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, SUMMARY, restval="")
        writer.writeheader()
        writer.writerows(rows)
    count = {k: sum(r.get("status") == k for r in rows) for k in ("changed", "unchanged", "no base", "error")}
    skipped = f", {len(others)} other files skipped" if others else ""
    print(
        f"itu-nb: {len(rows) - len(others)} texts from {len(files)} files in {time.perf_counter() - start:.1f}s: "
        f"{count['changed']} changed, {count['unchanged']} unchanged, {count['no base']} without a base, "
        f"{count['error']} failed{skipped}; summary: {summary}",
        file=sys.stderr,
    )
    return 1 if count["error"] else 0


def _deprecated(args, command: str) -> None:
    """Map the option spellings of 0.1 to today's, with a message on stderr (they go in the next release)."""

    def say(old: str, new: str) -> None:
        print(f"itu-nb {command}: {old} is deprecated, use {new}", file=sys.stderr)

    if command == "batch":
        _batch_spellings(args, say)
    elif getattr(args, "old_format", None):
        say("--format FORMAT", "--from FORMAT (the input format)")
        args.source_format = args.source_format or args.old_format
    if getattr(args, "json", False):
        say("--json", "--to json")
        args.to = "json"


def _batch_spellings(args, say) -> None:
    """0.1's ``batch --to OUTDIR --format FORMAT`` as today's ``-o OUTDIR --to FORMAT``; check both."""
    if args.to is not None and args.to not in BATCH_FORMATS:
        if args.output is not None:
            raise _Usage(f"--to {args.to}: not a format (html, docx, critic, json); -o names the folder")
        say("--to OUTDIR", "-o OUTDIR (--to is the output format)")
        args.output, args.to = args.to, None
    if args.old_format:
        say("--format FORMAT", "--to FORMAT (the output format)")
        args.to = args.to or args.old_format
    args.to = args.to or "html"
    if args.to not in BATCH_FORMATS:
        raise _Usage(f"--to {args.to}: not a format (html, docx, critic, json)")
    if args.output is None:
        raise _Usage("-o OUTDIR is required (the folder for the exports and summary.csv)")
    if args.jobs < 1:
        raise _Usage(f"--jobs {args.jobs}: give 1 or more processes")


BATCH_FORMATS = ("html", "docx", "critic", "json")
INPUT_FORMATS = ("text", "criticmarkup", "akn", "docx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itu-nb",
        description="Read, compare and export ITU conference proposals.",
        epilog="Every command: --to FORMAT is the output format, -o OUT the output file (batch: folder), "
        "--from FORMAT the input format (detected when omitted).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def source(p, *, old: bool = True, what: str = "input format (default: detected)"):
        p.add_argument("--from", dest="source_format", choices=INPUT_FORMATS, help=what)
        if old:  # 0.1's --format (outline, export: the input format; batch: the output format), deprecated
            p.add_argument("--format", dest="old_format", help=argparse.SUPPRESS)

    outline = sub.add_parser(
        "outline", help="print the proposals of a file and their clause trees", epilog=LEGEND.replace("marks", "Marks")
    )
    outline.add_argument(
        "file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file; - reads standard input"
    )
    outline.add_argument("--to", choices=["text", "json"], default="text", help="text (default) or json")
    outline.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # 0.1 spelling, deprecated
    outline.add_argument("--view", choices=["original", "amended"], help="show one view only (no change marks)")
    outline.add_argument("--width", type=int, default=100, help="cut lines at this width (text output)")
    source(outline)
    outline.set_defaults(run=_cmd_outline)

    def signed(p):
        p.add_argument("--author", help="author of changes that carry none (Word w:author); default: the submitter")
        p.add_argument("--date", help="ISO date of changes that carry none, e.g. 2018-09-10")
        p.add_argument("-o", "--output", help="output file (default: standard output; required for docx)")

    export = sub.add_parser(
        "export", help="write a document with its tracked changes as HTML, Word, CriticMarkup or AKN"
    )
    export.add_argument("file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file; - reads standard input")
    export.add_argument("--to", required=True, choices=["html", "docx", "critic", "akn"], help="output format")
    export.add_argument("--proposal", help="export one proposal only (id such as B/67/4, or 'Resolution 130')")
    export.add_argument("--title", help="the document title (docx: core properties; html: the page title)")
    export.add_argument(
        "--meta",
        action="append",
        metavar="KEY=VALUE",
        help="docx: a value for the cover, page header and properties, laid over what the file says (repeat it): "
        + ", ".join(COVER_KEYS)
        + "; e.g. --meta conference=PP-18 --meta document=67 --meta date='10 September 2018'",
    )
    export.add_argument("--no-cover", action="store_true", help="docx: no cover block")
    source(export)
    signed(export)
    export.set_defaults(run=_cmd_export)

    compare = sub.add_parser("compare", help="compare two texts clause by clause and export the redline")
    compare.add_argument("old", help="the earlier text (a file in any input format; - reads standard input)")
    compare.add_argument("new", help="the later text or proposal (- reads standard input)")
    compare.add_argument("--to", required=True, choices=["html", "docx", "critic", "json"], help="output format")
    compare.add_argument("--proposal", help="compare this proposal/text of both files (id or 'Resolution 130')")
    compare.add_argument(
        "--typography",
        choices=["hide", "separate", "show"],
        default="hide",
        help="changes that look the same on screen (no-break spaces and hyphens, dashes, quotes, capitals in "
        "headings): hide them (default, counted in the notes), keep them flagged apart, or show them as changes",
    )
    for side in ("old", "new"):
        compare.add_argument(
            f"--{side}-view",
            choices=["amended", "original"],
            default="amended",
            help=f"which view of the {side} text, when it has tracked changes: amended (default) or original "
            "(a proposal's base: the text it amends)",
        )
    source(compare, old=False)  # compare never had --format
    signed(compare)
    compare.set_defaults(run=_cmd_compare)

    batch = sub.add_parser("batch", help="compare every text in a folder with its base text; summary.csv")
    batch.add_argument("dir", help="folder of proposals or edited texts (.txt, .md, .docx, .xml)")
    batch.add_argument("--base", required=True, help="the texts in force, e.g. the Final Acts .akn.xml")
    batch.add_argument("--to", metavar="FORMAT", help="output format: html (default), docx, critic, json")
    batch.add_argument("-o", "--output", metavar="OUTDIR", help="folder for the exports and summary.csv (required)")
    batch.add_argument("-j", "--jobs", type=int, default=1, help="compare in this many processes (default 1)")
    batch.add_argument("--author", help="author of the changes in Word exports (default: itu_nb)")
    batch.add_argument("--date", help="ISO date of the changes in Word exports")
    source(batch, what="input format of the files in DIR (default: detected; BASE's is always detected)")
    batch.set_defaults(run=_cmd_batch)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``itu-nb`` command line with ``argv`` (``sys.argv[1:]`` when None); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        _deprecated(args, args.command)
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except _Usage as exc:
        parser.print_usage(sys.stderr)
        print(f"itu-nb {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except ItuNbError as exc:
        print(f"itu-nb: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _closed_pipe()
    except OSError as exc:
        print(f"itu-nb: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _closed_pipe() -> int:
    """The reader of stdout went away (``| head``): no message, no error at exit, status 141 as for SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush then has nowhere to fail
    except (OSError, ValueError):
        pass
    return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
