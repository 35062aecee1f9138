"""The registry of loaders and :func:`load`, the one entry point that dispatches to them.

A loader is a function ``(data: bytes | str, source: str, **options) -> Document``
registered for a format name; :func:`detect_format` picks the name from the content
(and only then from the file name).  The format modules register themselves when
:mod:`itu_nb.loaders` imports them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from itu_nb.errors import LoadError
from itu_nb.model import Document
from itu_nb.parsing.markup import looks_like_critic
from itu_nb.parsing.normalise import check_size

__all__ = ["LOADERS", "detect_format", "load", "register"]

Loader = Callable[..., Document]
LOADERS: dict[str, Loader] = {}


def register(name: str) -> Callable[[Loader], Loader]:
    """Register a loader under a format name (``"text"``, ``"criticmarkup"``, ``"akn"``, ``"docx"``)."""

    def deco(fn: Loader) -> Loader:
        LOADERS[name] = fn
        return fn

    return deco


def detect_format(data: bytes | str, name: str = "") -> str:
    """Guess the format from the content: zip → docx, XML → akn, CriticMarkup marks → criticmarkup, else text."""
    head = data[:4096]
    if isinstance(head, bytes):
        if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
            return "docx"
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return "doc"
        if head.startswith(b"%PDF"):
            return "pdf"
        probe = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    else:
        probe = head.lstrip("\ufeff \t\r\n")
    if probe.startswith("<"):
        return "akn"
    sample = data if isinstance(data, str) else data.decode("utf-8", "ignore")
    if looks_like_critic(sample):
        return "criticmarkup"
    ext = Path(name).suffix.lower()
    if ext in (".xml", ".akn"):
        return "akn"
    if ext == ".docx":
        return "docx"
    return "text"


def _read(source: str | os.PathLike | bytes, max_bytes: int | None, fmt: str | None) -> tuple[bytes | str, str]:
    if isinstance(source, bytes | bytearray):
        check_size("<bytes>", len(source), max_bytes)
        return bytes(source), "<bytes>"
    if isinstance(source, str) and ("\n" in source or len(source) > 4096 or not source):  # "" is no path
        check_size("<text>", len(source.encode("utf-8", "ignore")), max_bytes)
        return source, "<text>"
    path = Path(source)
    name = str(source)
    try:
        if path.is_dir():
            raise LoadError(name, "is a folder, not a document")
        size = path.stat().st_size
    except FileNotFoundError:
        if isinstance(source, str) and fmt is not None:
            return source, "<text>"  # a one-line text with its format named
        raise LoadError(name, "no such file (to load a text itself, pass a string with a line break)") from None
    except OSError as exc:
        raise LoadError(name[:200], f"cannot be read ({exc.strerror or exc})") from None
    check_size(name, size, max_bytes)
    try:
        return path.read_bytes(), name
    except OSError as exc:
        raise LoadError(name, f"cannot be read ({exc.strerror or exc})") from None


def load(
    source: str | os.PathLike | bytes,
    format: str | None = None,
    *,
    max_bytes: int | None = None,
    **options,
) -> Document:
    """Load a proposal document (or a bare resolution text) into a :class:`~itu_nb.model.Document`.

    Parameters
    ----------
    source : path, bytes or str
        A file path, the file's bytes, or the text itself: a string containing a
        line break is a text; any other string is a path, or a one-line text when
        ``format`` is given and no such file exists.
    format : {"text", "criticmarkup", "akn", "docx"}, optional
        Detected from the content when omitted.
    max_bytes : int, optional
        Refuse larger sources (default 50 MB) with a :class:`~itu_nb.errors.LoadError`.
    **options
        Passed to the loader: ``encoding=`` for text, ``infer=`` (flattened text),
        ``author=`` / ``date=`` (CriticMarkup changes).

    Returns
    -------
    Document

    Examples
    --------
    Brazil's proposals to PP-18 (Document 67), with their tracked changes in CriticMarkup:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> doc
    <Document 'examples/data/pp18-doc67-brazil.reconstructed.critic.md' criticmarkup: 5 proposals>
    >>> [(p.id, p.action) for p in doc]
    [('B/67/1', 'MOD'), ('B/67/2', 'MOD'), ('B/67/3', 'SUP'), ('B/67/4', 'MOD'), ('B/67/5', 'ADD')]

    The same document flattened to plain text by a docx→text extraction: the relettering of
    considering c) as b) is recovered from the double label ``cb)`` and flagged as inferred.

    >>> flat = itu_nb.load("examples/data/pp18-doc67-brazil.flattened.txt")
    >>> clause = flat["B/67/4"]["considering/b#2"]
    >>> clause.label_original, clause.label, clause.label_runs[1].inferred
    ('c)', 'b)', True)

    The PP-18 Final Acts in Akoma Ntoso: 64 texts, each addressed by id or by name, and the
    parts of the book between and after them (Parts II-VII: ``par-II`` … ``par-VII``).

    >>> final = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> len(final), final["Resolution 130"].id, final[-1].id
    (70, 'res-130', 'par-VII')
    """
    data, name = _read(source, max_bytes, format)
    fmt = format or detect_format(data, name)
    if fmt in ("doc", "pdf"):
        raise LoadError(name, f"is a {fmt.upper()} file; save it as .docx or plain text first")
    loader = LOADERS.get(fmt)
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise LoadError(name, f"no loader for format {fmt!r} (known: {known})")
    return loader(data, name, **options)
