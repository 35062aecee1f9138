"""What the ``itu-nb`` commands share: output formats, writing an export, standard input, the Word cover options."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import sys
from pathlib import Path

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


def _existing(file: str) -> str:
    """``file``, when it is there; else a :class:`~itu_nb.errors.LoadError` saying it is missing.

    The loaders' message for a missing file adds a hint for Python callers (``load`` also takes a text
    itself): noise on a command line, where a file name is always a file name.  Other failures (no
    permission, a folder, bad content) are left to the loaders, whose messages fit both.
    """
    try:
        os.stat(file)
    except FileNotFoundError:
        from itu_nb.errors import LoadError

        link = os.path.islink(file)
        raise LoadError(file, "no such file (a link to a missing file)" if link else "no such file") from None
    except (OSError, ValueError):
        pass
    return file


def _source(file: str):
    """``file`` as given (:func:`_existing`), or for ``-`` standard input, read here.

    At most the loaders' bound (50 MiB) plus a byte is read: a longer stream is refused with a
    LoadError, unread beyond that.  Its format comes from ``--from`` or is detected from the content.
    """
    if file != "-":
        return _existing(file)
    from itu_nb.loaders.registry import read_stream

    return _Stdin(read_stream(sys.stdin.buffer, _Stdin.name))


def _load_options(args) -> dict:
    opts = {}
    if getattr(args, "source_format", None):
        opts["format"] = args.source_format
    return opts


#: What ``itu-nb export --meta KEY=VALUE`` sets on the Word cover, page header and properties
#: (``itu_nb.to_docx(metadata=…)``; ``export.docx_cover.COVER_KEYS``, which a test checks this against).
COVER_KEYS = (
    "conference", "venue", "document", "addendum", "language", "date", "original_language", "meeting", "submitter",
    "heading",
)  # fmt: skip


#: The longest ``--meta`` value (``export.cover.MAX_VALUE``, which a test checks this against).
_MAX_META = 1000


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
        value = value.strip()
        if len(value) > _MAX_META:  # the writer's bound (export.cover.MAX_VALUE), said in the command's terms
            raise _Usage(f"--meta {key}: {len(value):,} characters long; a cover line takes at most {_MAX_META:,}")
        metadata[key] = value
    if metadata:
        options["metadata"] = metadata
    if args.no_cover:
        options["cover"] = False
    return options


def cover_lacks(x, options: dict) -> tuple[str, ...]:
    """What the Word cover of ``x`` (a Document or Proposal; for a comparison, the proposal compared) lacks, when
    ``options`` (:func:`_cover_options`) give cover values (``--meta``) and do not refuse a cover (``--no-cover``);
    empty when a cover page is written, or none was asked for.

    The rule is the writer's (:attr:`itu_nb.export.cover.Cover.shown`): a document's own header lines are its
    cover; else the document number and the conference or the submitter make one.
    """
    if "metadata" not in options or options.get("cover") is False:
        return ()
    from itu_nb.export.cover import cover_facts
    from itu_nb.export.lines import as_document, export_lines
    from itu_nb.model import Document

    doc = as_document(x)
    doc = dataclasses.replace(doc, metadata={**doc.metadata, **options["metadata"]})
    lacks = cover_facts(doc).missing
    if lacks and isinstance(x, Document) and any(line.role == "header" for line in export_lines(doc)):
        return ()  # the document's own header lines: its cover page
    return lacks


def cover_note(lacks: tuple[str, ...]) -> str:
    """What :func:`cover_lacks` found, as the ``--meta`` options that would give a cover page."""
    needs = []
    if "document" in lacks:
        needs.append("the document number (--meta document=NUMBER)")
    if "conference" in lacks:
        needs.append("the conference or the submitter (--meta conference=CODE or --meta submitter=NAME)")
    return f"a Word cover needs {' and '.join(needs)}"


#: Characters that cannot stand in an output file name on some system (``/`` in ids such as B/67/4).
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
#: Names Windows keeps for devices, whatever the extension (``CON.md`` opens the console there).
_DEVICES = frozenset(("CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10))))
#: The longest stem of an output file name, in bytes of UTF-8: file systems take 255 bytes a name, and the
#: extension, a ``-N`` suffix and the batch's temporary ``.part-…`` names need room too.
MAX_STEM_BYTES = 200


def output_name(stem: str, ext: str, taken: set[str]) -> str:
    """A file name for ``stem`` + ``ext`` that no earlier output of the run has, and record it in ``taken``.

    Unsafe characters become ``-``; a name already taken (compared without case, as on
    Windows and macOS) gets ``-2``, ``-3``…: ``R130.md`` and ``R130.txt``, or ids ``a/b``
    and ``a-b``, never overwrite each other.  Names are given in input order, so a run
    names its outputs the same way whatever ``--jobs``.  A stem longer than
    :data:`MAX_STEM_BYTES` is cut (an id of 300 characters, or a file name of 251 whose
    extension grows: ``.txt`` → ``.docx``), and a device name of Windows (``CON``) gets a ``-``.
    """
    base = _UNSAFE.sub("-", stem).strip(" .")
    if len(base.encode("utf-8", "surrogateescape")) > MAX_STEM_BYTES:
        cut = base.encode("utf-8", "surrogateescape")[:MAX_STEM_BYTES]
        base = cut.decode("utf-8", "ignore").rstrip(" .")  # not inside a character
    base = base or "text"
    if base.split(".")[0].upper() in _DEVICES:
        base += "-"
    name, n = base + ext, 1
    while name.lower() in taken or name.lower() == "summary.csv":
        n += 1
        name = f"{base}-{n}{ext}"
    taken.add(name.lower())
    return name
