"""The registry of loaders and :func:`load`, the one entry point that dispatches to them.

A loader is a function ``(data: bytes | str, source: str, **options) -> Document``
registered for a format name; :func:`detect_format` picks the name from the content,
and from the file name where the content is ambiguous.  A format module registers its
loaders when it is imported, which :data:`LOADERS` does on the first use of the format
(:data:`MODULES`): loading a text file never imports lxml or the .docx reader.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from itu_nb.errors import LoadError
from itu_nb.model import Document
from itu_nb.parsing.markup import looks_like_critic
from itu_nb.parsing.normalise import MAX_BYTES, check_size, size_text

__all__ = ["LOADERS", "MODULES", "detect_format", "load", "read_stream", "register"]

Loader = Callable[..., Document]

#: The module that registers each built-in format, imported when the format is first used.
MODULES = {
    "text": "itu_nb.loaders.text",
    "criticmarkup": "itu_nb.loaders.text",
    "akn": "itu_nb.loaders.akn",
    "docx": "itu_nb.loaders.docx",
}


class _Loaders(dict):
    """The registered loaders by format name; a built-in format's module is imported on first lookup."""

    def __missing__(self, name: str) -> Loader:
        if name not in MODULES:
            raise KeyError(name)
        importlib.import_module(MODULES[name])
        loader = super().get(name)
        if loader is None:  # the module did not register it: a bug, not bad input
            raise KeyError(name)
        return loader

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name) or name in MODULES

    def get(self, name: str, default: Loader | None = None) -> Loader | None:  # type: ignore[override]
        """The loader of format ``name`` (importing a built-in format's module), else ``default``."""
        try:
            return self[name]
        except KeyError:
            return default

    def names(self) -> list[str]:
        """Every format name, registered or built in."""
        return sorted(set(self.keys()) | set(MODULES))


LOADERS: _Loaders = _Loaders()


def register(name: str) -> Callable[[Loader], Loader]:
    """Register a loader under a format name (``"text"``, ``"criticmarkup"``, ``"akn"``, ``"docx"``)."""

    def deco(fn: Loader) -> Loader:
        LOADERS[name] = fn
        return fn

    return deco


#: Suffixes of text formats: a file so named that starts with ``<`` but not with an XML
#: declaration or an Akoma Ntoso root (e.g. a Markdown comment ``<!-- … -->``) is read as text.
TEXT_SUFFIXES = (".md", ".markdown", ".critic", ".txt", ".text")


def _surely_xml(probe: str) -> bool:
    return probe.startswith(("<?xml", "<akomaNtoso", "<akn:", "<!DOCTYPE"))


_LEADING_COMMENTS = re.compile(r"(?:<!--.*?-->\s*)+", re.DOTALL)


def _text_after_comments(probe: str) -> bool:
    """True when ``probe`` opens with XML comments (``<!-- … -->``) and then text that is no markup.

    A Markdown or CriticMarkup text may start with an HTML comment; an XML document has an element
    (``<``) after its comments.  A comment not closed within the probe is not decided here.
    """
    m = _LEADING_COMMENTS.match(probe)
    return m is not None and m.end() < len(probe) and not probe.startswith("<", m.end())


def detect_format(data: bytes | str, name: str = "") -> str:
    """Guess the format from the content: zip → docx, XML → akn, CriticMarkup marks → criticmarkup, else text.

    Where the content is ambiguous the file name decides: a ``.md`` or ``.txt`` file
    starting with ``<`` (a Markdown comment ``<!-- … -->``) is text or CriticMarkup unless
    it starts with an XML declaration or an Akoma Ntoso root element; a ``.xml`` or ``.akn``
    file is XML.  Without such a name (a string, bytes, another suffix), comments followed by
    text that is no markup are text or CriticMarkup, not XML.
    """
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
    ext = Path(name).suffix.lower()
    xml_like = probe.startswith("<") and (_surely_xml(probe) or not name.lower().endswith(TEXT_SUFFIXES))
    if xml_like and (ext in (".xml", ".akn") or not _text_after_comments(probe)):
        return "akn"
    sample = data if isinstance(data, str) else data.decode("utf-8", "ignore")
    if looks_like_critic(sample):
        return "criticmarkup"
    if ext in (".xml", ".akn"):
        return "akn"
    if ext == ".docx":
        return "docx"
    return "text"


def _read(source, max_bytes: int | None, fmt: str | None) -> tuple[bytes | str, str]:
    if hasattr(source, "read"):  # an open binary stream (sys.stdin.buffer): named by its name
        name = str(getattr(source, "name", "<stream>"))
        return read_stream(source, name, max_bytes), name
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
        if isinstance(source, str) and (fmt is not None or looks_like_critic(source)):
            # a one-line text with its format named, or holding CriticMarkup marks (a one-paragraph proposal with
            # changes, as to_criticmarkup writes it: no line break) that names no file
            return source, "<text>"
        raise LoadError(name, "no such file (to load a text itself, pass a string with a line break)") from None
    except OSError as exc:
        if (
            isinstance(source, str)
            and exc.errno == errno.ENAMETOOLONG
            and (fmt is not None or looks_like_critic(source))
        ):
            return source, "<text>"  # as above, too long to be a file name
        raise LoadError(name[:200], f"cannot be read ({exc.strerror or exc})") from None
    check_size(name, size, max_bytes)
    return _read_bounded(path, name, max_bytes), name


def _read_bounded(path: Path, name: str, max_bytes: int | None) -> bytes:
    """At most the limit plus one byte: a pipe or a device (``/dev/zero``) has no size to trust."""
    try:
        with path.open("rb") as fh:
            return read_stream(fh, name, max_bytes)
    except OSError as exc:
        raise LoadError(name, f"cannot be read ({exc.strerror or exc})") from None


def read_stream(fh: BinaryIO, name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of an open binary stream (a file, a pipe, ``sys.stdin.buffer``), within the loaders' bound.

    At most the limit (``max_bytes``, default 50 MiB) plus one byte is read: a longer stream is refused
    with a :class:`~itu_nb.errors.LoadError` naming it (``name``), without reading the rest.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        regular = stat.S_ISREG(os.fstat(fh.fileno()).st_mode)
    except (OSError, AttributeError, ValueError):  # io.BytesIO has no file number (io.UnsupportedOperation)
        regular = False
    try:
        data = fh.read(limit + 1)
    except OSError as exc:
        raise LoadError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not isinstance(data, bytes):
        raise LoadError(name, "is a text stream; pass its binary buffer (sys.stdin.buffer)")
    if len(data) > limit:
        what = "file" if regular else "stream (a pipe or a device)"
        raise LoadError(
            name,
            f"{what} is over the {size_text(limit)} limit for one document (stopped reading after "
            f"{limit} bytes); split it, or pass max_bytes= to load() if it really is one document",
        )
    return data


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like UTF-16 with no byte-order mark.

    Text that is mostly Latin script has a NUL as every other byte: at odd positions in
    little-endian, at even ones in big-endian; binary data has NULs on both sides or few.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= 0.6 * half and even <= 0.1 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.1 * half:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(
            name,
            f"looks like UTF-16 without a byte-order mark but is not valid {encoding} at byte {exc.start}; "
            f"pass encoding='{encoding}' (or the right one) to load()",
        ) from None


def load(
    source: str | os.PathLike | bytes | BinaryIO,
    format: str | None = None,
    *,
    max_bytes: int | None = None,
    **options,
) -> Document:
    """Load a proposal document (or a bare resolution text) into a :class:`~itu_nb.model.Document`.

    Parameters
    ----------
    source : path, bytes, str or binary stream
        A file path, the file's bytes, or the text itself: a string containing a
        line break is a text; any other string is a path, or a one-line text when
        no such file exists and ``format`` is given or the string holds a closed
        CriticMarkup mark (a one-paragraph proposal with changes, as
        :func:`~itu_nb.to_criticmarkup` writes it).  An open binary stream
        (``sys.stdin.buffer``) is read up to the bound and named by its ``name``
        (``<stdin>``).
    format : {"text", "criticmarkup", "akn", "docx"}, optional
        Detected from the content when omitted.
    max_bytes : int, optional
        Refuse larger sources (default 50 MiB, 52,428,800 bytes) with a :class:`~itu_nb.errors.LoadError`.
    **options
        Passed to the loader: ``encoding=`` for text, ``infer=`` (flattened text),
        ``author=`` / ``date=`` (CriticMarkup changes).  UTF-16 without a byte-order mark
        is recognised (every other byte a NUL) and decoded without ``encoding=``.

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
    if isinstance(data, bytes) and options.get("encoding") is None and format in (None, "text", "criticmarkup"):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            data = _decode_utf16(data, name, utf16)
    fmt = format or detect_format(data, name)
    if fmt in ("doc", "pdf"):
        raise LoadError(name, f"is a {fmt.upper()} file; save it as .docx or plain text first")
    loader = LOADERS.get(fmt)
    if loader is None:
        known = ", ".join(LOADERS.names())
        raise LoadError(name, f"no loader for format {fmt!r} (known: {known})")
    return loader(data, name, **options)
