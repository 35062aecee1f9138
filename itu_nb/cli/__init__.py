"""The ``itu-nb`` command line.

- ``itu-nb outline FILE [--to text|json] [--view original|amended]``: the proposals in a
  file and their clause trees;
- ``itu-nb export FILE --to html|docx|critic|akn [-o OUT] [--title T] [--meta KEY=VALUE]…
  [--no-cover]``: a document with its own tracked changes in another format (the Word
  cover's values as ``to_docx(metadata=…)`` takes them; when they are too few for a cover
  page, a line on stderr says which a cover needs, and the file is written all the same);
- ``itu-nb compare OLD NEW --to html|docx|critic|json [-o OUT] [--old-view|--new-view
  original]``: the clause-aware comparison of two texts (a proposal's base: its original view);
- ``itu-nb batch DIR|- --base BASE [--to html|docx|critic|json] -o OUTDIR [--jobs N] [--title T]
  [--meta KEY=VALUE]… [--no-cover]``: every text in DIR (or in the files whose paths come on
  standard input, ``find … | itu-nb batch - …``) compared with its counterpart in BASE (same
  resolution/decision number), one export per text (the cover options on each), a progress bar
  on stderr and ``summary.csv`` (and one line for the Word files that ``--meta`` left without a cover page).

The options mean the same in every command: ``--to FORMAT`` the output format, ``-o OUT``
the output file (a folder for ``batch``), ``--from FORMAT`` the input format (text,
criticmarkup, akn, docx; detected when omitted).  ``-`` as the input of ``outline`` or
``export``, or as one of the two texts of ``compare``, reads standard input (within the
loaders' 50 MiB bound; the format from ``--from`` or detected from the content); for
``batch``, the list of files to compare (``batch_inputs.listed_inputs``).  The spellings of 0.1 (``--format`` for
the input format of outline/export, ``batch --to OUTDIR --format FORMAT``, ``outline
--json``) still work in this release, with a deprecation message on stderr.

Exit status: 0 success; 1 a file could not be read or written (the message names it
and the problem; for ``batch``, at least one text failed, the others were done); 2
wrong usage; 141 (as a program killed by SIGPIPE) when the reader of the output went
away (``itu-nb outline FILE | head -1``), quietly.  ``--help`` on any command lists its
options.
"""

from __future__ import annotations

import importlib
import os
import sys

from itu_nb.cli.common import COVER_KEYS, FORMATS, INPUTS, _Usage, comparison_json, output_name, write
from itu_nb.cli.outline import LEGEND, VISIBLE, outline_json, outline_text
from itu_nb.cli.parser import BATCH_FORMATS, INPUT_FORMATS, _deprecated, _parser
from itu_nb.errors import ItuNbError

__all__ = [
    "BATCH_FORMATS", "COVER_KEYS", "FORMATS", "INPUTS", "INPUT_FORMATS", "LEGEND", "SUMMARY", "VISIBLE", "base_note",
    "comparison_json", "document_comparison_json", "document_summary", "main", "outline_json", "outline_text",
    "output_name", "write",
]  # fmt: skip


#: Names of the compare and batch modules, imported on first use (as the commands import them).
_LATER = {
    "SUMMARY": "batch",
    "base_note": "compare",
    "document_comparison_json": "compare",
    "document_summary": "compare",
}


def __getattr__(name: str):
    if name in _LATER:
        return getattr(importlib.import_module(f"itu_nb.cli.{_LATER[name]}"), name)
    raise AttributeError(f"module 'itu_nb.cli' has no attribute {name!r}")


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

    sys.exit(main())
