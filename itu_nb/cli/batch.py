"""``itu-nb batch``: every text of a folder (or of a list of files) compared with its base text, one export each and
``summary.csv``.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

from itu_nb.cli.batch_inputs import Input, folder_inputs, listed_inputs
from itu_nb.cli.common import (
    FORMATS,
    _cover_options,
    _existing,
    _load_options,
    _Usage,
    cover_lacks,
    cover_note,
    output_name,
    write,
)
from itu_nb.errors import ItuNbError
from itu_nb.loaders import load


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


#: The base document of a batch run, loaded once per process (inherited by forked workers).
_BATCH_BASE: list = []


def _batch_file(index: int, path: str, name: str, options: dict) -> list[dict]:
    """Load one input file and compare each of its texts with its base: one row per text (``name`` its file column).

    Each export is written to a temporary name in the output folder (``.part-<index>-<k>``);
    the main process gives it its final name.  Every failure, including a bug surfacing as
    an unexpected exception, becomes a row with status ``error``: one file never stops a run.
    """
    from itu_nb.diff.twoway import compare

    base, base_name = _BATCH_BASE[0]
    try:
        doc = load(_existing(path), **options["load"])
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
            write(cmp, options["to"], str(part), author=options["author"], date=options["date"], **options["cover"])
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
                lacks=cover_lacks(proposal, options["cover"]),  # the cover page's: said once for the run
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


def _run_batch(files: list[Input], options: dict, jobs: int):
    """Yield ``(index, rows)`` per input file as it is done, in one process or ``jobs`` processes."""
    if jobs <= 1 or len(files) <= 1:
        for index, (path, name) in enumerate(files):
            yield index, _batch_file(index, str(path), name, options)
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
        futures = {pool.submit(_batch_file, i, str(p), name, options): i for i, (p, name) in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                yield index, future.result()
            except Exception as exc:  # a worker died (killed, out of memory): its files fail, the rest go on
                message = f"the process comparing it stopped ({type(exc).__name__}: {exc})"
                yield index, [{"file": files[index][1], "status": "error", "message": message}]


def _load_batch_base(path: str) -> None:
    _BATCH_BASE[:] = [(load(_existing(path)), path)]


def _cmd_batch(args) -> int:
    outdir = Path(args.output)
    cover = _cover_options(args)  # wrong options are refused before anything is read
    if args.dir == "-":
        if sys.stdin.isatty():
            raise _Usage(
                "- reads the files to compare from standard input, one path a line (find … | itu-nb batch - …)"
            )
        where: str | Path = "standard input"
        files, others = listed_inputs(sys.stdin.buffer)
    else:
        folder = where = Path(args.dir)
        if not folder.is_dir():
            print(f"itu-nb: {folder}: not a folder", file=sys.stderr)
            return 1
        files, others = folder_inputs(folder)
    if not files:
        print(f"itu-nb: {where}: no .txt, .md, .docx or .xml file to compare", file=sys.stderr)
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
        "cover": cover,
    }
    by_file: dict[int, list[dict]] = {}
    start = time.perf_counter()
    for index, done in _run_batch(files, options, args.jobs):
        by_file[index] = done
        unread = len(done) == 1 and "proposal" not in done[0]
        _progress(len(by_file), len(files), files[index][1] + (": cannot be read" if unread else ""), start)
    rows: list[dict] = []
    taken: set[str] = set()
    uncovered: dict[str, tuple[str, ...]] = {}  # output → what its cover page lacks
    for index in range(len(files)):  # in input order: the same names whatever --jobs
        for row in by_file[index]:
            stem = row.pop("stem", None)
            if stem is not None:
                final = output_name(stem, FORMATS[args.to], taken)
                try:
                    os.replace(outdir / row["output"], outdir / final)
                    row["output"] = final
                except OSError as exc:  # recorded in summary.csv; the run goes on
                    (outdir / row["output"]).unlink(missing_ok=True)
                    why = f"{outdir / final}: cannot be written ({exc.strerror or exc})"
                    row.update(status="error", output="", lacks=(), message=why)
            lacks = row.pop("lacks", ())
            if lacks:
                uncovered[row["output"]] = lacks
            rows.append(row)
    rows += [{"file": name, "status": "skipped", "message": why} for name, why in others]
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
    if uncovered:
        names = list(uncovered)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        lacks = tuple(sorted({need for needs in uncovered.values() for need in needs}))
        print(
            f"itu-nb: {len(names)} of {sum(1 for r in rows if r.get('output'))} Word files written without a cover "
            f"page ({shown}): {cover_note(lacks)}",
            file=sys.stderr,
        )
    return 1 if count["error"] else 0
