"""The ``itu-nb`` argument parser: every command's options and help, and the option spellings of 0.1."""

from __future__ import annotations

import argparse
import importlib
import sys

from itu_nb.cli.batch_inputs import MAX_LIST_BYTES, MAX_LIST_PATHS
from itu_nb.cli.common import COVER_KEYS, _Usage
from itu_nb.cli.outline import LEGEND, _cmd_export, _cmd_outline
from itu_nb.parsing.normalise import size_text


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


def _command(module: str, name: str):
    """The function that runs a command, from a module imported when the command runs.

    ``itu-nb outline`` (whose start-up issue 19 times) then imports neither compare's nor batch's
    modules (``shlex``, ``csv``, the progress bar, the worker pool).
    """

    def run(args) -> int:
        return getattr(importlib.import_module(f"itu_nb.cli.{module}"), name)(args)

    return run


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

    def cover(p, each: str = ""):
        p.add_argument("--title", help=f"the document title{each} (docx: core properties; html: the page title)")
        p.add_argument(
            "--meta",
            action="append",
            metavar="KEY=VALUE",
            help=f"docx: a value for the cover, page header and properties{each}, laid over what the file says "
            "(repeat it): "
            + ", ".join(COVER_KEYS)
            + "; e.g. --meta conference=PP-18 --meta document=67 --meta date='10 September 2018'",
        )
        p.add_argument(
            "--no-cover", action="store_true", help="docx: no cover block" + (" in any export" if each else "")
        )

    export = sub.add_parser(
        "export", help="write a document with its tracked changes as HTML, Word, CriticMarkup or AKN"
    )
    export.add_argument("file", help="a .txt, CriticMarkup .md, Akoma Ntoso .xml or .docx file; - reads standard input")
    export.add_argument("--to", required=True, choices=["html", "docx", "critic", "akn"], help="output format")
    export.add_argument("--proposal", help="export one proposal only (id such as B/67/4, or 'Resolution 130')")
    cover(export)
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
    compare.set_defaults(run=_command("compare", "_cmd_compare"))

    batch = sub.add_parser("batch", help="compare every text in a folder with its base text; summary.csv")
    batch.add_argument(
        "dir",
        help="folder of proposals or edited texts (.txt, .md, .docx, .xml); - reads the files' paths from standard "
        "input, one a line or NUL-separated, in that order (find texts -name '*.docx' | itu-nb batch - …; at most "
        f"{MAX_LIST_PATHS:,} paths, {size_text(MAX_LIST_BYTES)})",
    )
    batch.add_argument("--base", required=True, help="the texts in force, e.g. the Final Acts .akn.xml")
    batch.add_argument("--to", metavar="FORMAT", help="output format: html (default), docx, critic, json")
    batch.add_argument("-o", "--output", metavar="OUTDIR", help="folder for the exports and summary.csv (required)")
    batch.add_argument("-j", "--jobs", type=int, default=1, help="compare in this many processes (default 1)")
    batch.add_argument("--author", help="author of the changes in Word exports (default: itu_nb)")
    batch.add_argument("--date", help="ISO date of the changes in Word exports")
    cover(batch, each=" of every export")
    source(batch, what="input format of the files in DIR (default: detected; BASE's is always detected)")
    batch.set_defaults(run=_command("batch", "_cmd_batch"))
    return parser
