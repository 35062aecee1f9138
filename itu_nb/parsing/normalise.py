"""Stage 1: bytes or text → lines, with the only normalisations itu_nb ever applies.

After :func:`decode` and :func:`split_lines`:
- the text is a ``str`` (UTF-8 or UTF-16 with BOM, or the encoding asked for);
- a leading byte-order mark is dropped, CR LF and lone CR become LF;
- nothing else is changed: trailing spaces, TABs, non-breaking spaces stay.
"""

from __future__ import annotations

from itu_nb.errors import LoadError

#: Refuse sources larger than this unless the caller raises the limit.
MAX_BYTES = 50 * 1024 * 1024


def check_size(source: str, size: int, max_bytes: int | None) -> None:
    """Raise LoadError when ``size`` is over the limit (None = :data:`MAX_BYTES`)."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        raise LoadError(
            source,
            f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for one document; "
            "split it, or pass max_bytes= to load() if it really is one document",
        )


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` as text, refusing binary data with a clear message."""
    if not data.strip():
        raise LoadError(source, "the file is empty")
    if encoding is None:
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    if encoding.replace("_", "-").lower() not in ("utf-16", "utf-16-le", "utf-16-be") and b"\x00" in data[:65536]:
        raise LoadError(source, "binary data (NUL bytes), not a text document; is it a .docx or a PDF?")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(
            source,
            f"not valid {encoding.replace('-sig', '')} at byte {exc.start} "
            f"({data[max(0, exc.start - 10) : exc.start + 10]!r}); "
            "pass encoding= to load() (e.g. encoding='cp1252')",
        ) from None
    except LookupError:
        raise LoadError(source, f"unknown encoding {encoding!r}") from None
    return check_text(text, source)


def check_text(text: str, source: str) -> str:
    """Refuse empty or binary-looking text; drop a BOM."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise LoadError(source, "the text is empty" if source == "<text>" else "the file is empty")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise LoadError(source, "binary data (control characters), not a text document")
    return text


def split_lines(text: str) -> list[str]:
    r"""Split into lines after turning CR LF and CR into LF; ``"\n".join`` gives the text back."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
