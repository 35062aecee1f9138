"""The files an ``itu-nb batch`` run compares: those of a folder, or the paths listed on standard input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from itu_nb.cli.common import INPUTS
from itu_nb.errors import LoadError
from itu_nb.parsing.normalise import size_text

#: At most this many bytes of paths are read from standard input (``itu-nb batch -``): about
#: 100,000 paths of 80 characters.  A longer list is refused, unread beyond the bound.
MAX_LIST_BYTES = 8 * 2**20
#: At most this many paths in that list (counted before any is looked at).
MAX_LIST_PATHS = 100_000

#: The input of a batch: the path to load, and the name summary.csv and the progress bar show.
Input = tuple[Path, str]


def folder_inputs(folder: Path) -> tuple[list[Input], list[tuple[str, str]]]:
    """The files of ``folder`` to compare, in name order, and the entries not read with the reason.

    Hidden entries and sub-folders are left out silently; the files not read are rows of
    summary.csv.  Each input is shown by its name.
    """
    inputs, others = [], []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or p.is_dir():
            continue
        why = _not_read(p)
        if why:
            others.append((p.name, why))
        else:
            inputs.append((p, p.name))
    return inputs, others


def listed_inputs(stream: BinaryIO, name: str = "<stdin>") -> tuple[list[Input], list[tuple[str, str]]]:
    """The files listed in ``stream`` (standard input), one path a line, in the order given.

    Paths are separated by line breaks, or by NUL characters when the list holds one
    (``find … -print0``); blank lines are left out, and a path is relative to the current
    folder.  Each input is shown by its path as given, so that two files of the same name in
    two folders are told apart.  A folder, a file of another kind, and a file listed again
    (the same file, however named) are rows of summary.csv, not read.  The list is read
    within :data:`MAX_LIST_BYTES` and :data:`MAX_LIST_PATHS`: a longer one raises a
    :class:`~itu_nb.errors.LoadError` naming ``name``.
    """
    try:
        data = stream.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise LoadError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_LIST_BYTES:
        raise LoadError(
            name,
            f"the list of files is over the {size_text(MAX_LIST_BYTES)} limit (stopped reading after "
            f"{MAX_LIST_BYTES} bytes); give the files in several runs, or as a folder",
        )
    sep = b"\0" if b"\0" in data else b"\n"
    if data.count(sep) > MAX_LIST_PATHS:
        raise LoadError(name, f"lists more than {MAX_LIST_PATHS:,} files; give them in several runs, or as a folder")
    inputs, others = [], []
    seen: dict[tuple[int, int] | str, str] = {}
    for raw in data.split(sep):
        given = os.fsdecode(raw.rstrip(b"\r") if sep == b"\n" else raw)
        if not given.strip():
            continue
        p = Path(given)
        why = "a folder; not read (list the files in it)" if p.is_dir() else _not_read(p)
        if why:
            others.append((given, why))
            continue
        key = _identity(p)
        if key in seen:
            others.append((given, f"listed again (as {seen[key]}); compared once"))
            continue
        seen[key] = given
        inputs.append((p, given))
    return inputs, others


def _not_read(p: Path) -> str | None:
    """Why ``p`` is not an input, or None when it is one.

    A pipe, socket or device is never opened, whatever its name: opening a pipe with no
    writer waits for ever.  A dangling link or a missing file is an input, so that its
    error is recorded.
    """
    if p.suffix.lower() not in INPUTS:
        return "not a .txt, .md, .docx or .xml file; not read"
    if p.exists() and not p.is_file():
        return "not a regular file (a pipe, socket or device); not read"
    return None


def _identity(p: Path) -> tuple[int, int] | str:
    """The same file under two names (``a.txt``, ``./a.txt``, a link) has one identity."""
    try:
        st = p.stat()
    except OSError:  # missing: its error is recorded once per name as given
        return os.path.abspath(p)
    return st.st_dev, st.st_ino
