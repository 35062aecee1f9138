"""Stage 1: bytes or text → lines, with the only normalisations itu_nb ever applies.

After :func:`decode`, :func:`line_notes` and :func:`split_lines`:
- the text is a ``str`` (UTF-8 or UTF-16 with BOM, or the encoding asked for);
- a leading byte-order mark is dropped, and so is one in the middle of the text (two files
  joined), with a note; CR LF and lone CR become LF;
- nothing else is changed: trailing spaces, TABs, non-breaking spaces stay, and so do control
  characters (kept as written, with a note on the node whose line holds them).
"""

from __future__ import annotations

import re

from itu_nb.errors import LoadError

#: Refuse sources larger than this unless the caller raises the limit: 50 MiB (52,428,800 bytes).
MAX_BYTES = 50 * 1024 * 1024


def size_text(n: int) -> str:
    """``n`` bytes in the unit they were counted in: ``"50 MiB"``, ``"10 MB"``, ``"1.5 KiB"``, ``"10 B"``.

    A whole number of binary units (:data:`MAX_BYTES` is 50 × 2**20) is named in them, else a whole
    number of decimal ones (``max_bytes=10_000_000``), else binary units to a tenth.  Bounds were
    named in decimal megabytes of binary ones ("52 MB" for 50 MiB): a user could not recognise them.
    """
    units = (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3))
    for unit, size in units:
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    for unit, size in units[:3]:
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def check_size(source: str, size: int, max_bytes: int | None) -> None:
    """Raise LoadError when ``size`` is over the limit (None = :data:`MAX_BYTES`)."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        raise LoadError(
            source,
            f"file is {size_text(size)} ({size} bytes), over the {size_text(limit)} limit for one document; "
            "split it, or pass max_bytes= to load() if it really is one document",
        )


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` as text, refusing binary data with a clear message."""
    return decode_utf8(data, source, encoding)[0]


def decode_utf8(data: bytes, source: str, encoding: str | None = None) -> tuple[str, bytes | None, bytes | None]:
    """:func:`decode`, and, when the text is ``data`` decoded as UTF-8, its UTF-8 bytes and their :func:`byte_classes`.

    ``(text, utf8, classes)``: ``utf8`` is ``text.encode("utf-8")`` (``data`` without its byte-order mark),
    ``classes`` its byte classes, both None for another encoding.  The parser scans the classes for control
    characters and shapes (:func:`line_notes`, :func:`~itu_nb.parsing.infer.shaped_lines`): one
    ``bytes.translate`` of the file serves the binary-data check too, and the text is not encoded again.
    """
    if not data or data.isspace():
        raise LoadError(source, "the file is empty")
    if encoding is None:
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    if (
        encoding.replace("_", "-").lower() not in ("utf-16", "utf-16-le", "utf-16-be")
        and data.find(b"\x00", 0, 65536) >= 0
    ):
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
    if encoding.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "utf8"):
        return check_text(text, source), None, None
    if data.startswith(_BOM) and encoding.replace("_", "-").lower() == "utf-8-sig":
        data = data[3:]  # the byte-order mark decoding dropped
    if data.startswith(_BOM):  # kept by decoding, or a second one: check_text drops it, the bytes differ
        return check_text(text, source, data), None, None
    classes = byte_classes(data)
    if b"\x00" in classes or len(text) > 65536:  # a control character, or a text longer than its sample
        return check_text(text, source, data), data, classes
    if not text or text.isspace():
        raise LoadError(source, "the text is empty" if source == "<text>" else "the file is empty")
    return text, data, classes  # no control character at all: not binary


def check_text(text: str, source: str, utf8: bytes | None = None) -> str:
    """Refuse empty or binary-looking text; drop a BOM.

    ``utf8``: the bytes ``text`` was decoded from as UTF-8, if it was; the control characters of a text
    short enough to be its own sample are counted on them, without encoding the text again.
    """
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise LoadError(source, "the text is empty" if source == "<text>" else "the file is empty")
    sample = text[:65536]
    if utf8 is not None and len(sample) == len(text):  # an ASCII byte is that character in UTF-8, and only it
        controls = len(utf8) - len(utf8.translate(None, _BINARY_BYTES))
    else:
        controls = _count(sample, _BINARY_BYTES)
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise LoadError(source, "binary data (control characters), not a text document")
    return text


_BOM = b"\xef\xbb\xbf"
#: What binary data is full of: C0 controls but TAB, LF, VT, FF, CR (as bytes, for :func:`_count`).
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
#: Control characters a text may hold by mistake (C0 but TAB, LF and CR, and DEL): kept, and noted.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _count(text: str, chars: bytes) -> int:
    """How many characters of ``text`` are among the ASCII ``chars``.

    Counted on the UTF-8 bytes (an ASCII character is one byte there, and no byte of another
    character is ASCII) by deleting them: encoding and ``bytes.translate`` run at memory speed,
    several times faster than a regex scan of the text.
    """
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, chars))


#: Each byte's class, for scanning a text's UTF-8 bytes at memory speed (:func:`byte_classes`): an ASCII
#: digit as "0", an ASCII capital as "A", a line break as itself, a control character of :data:`CONTROLS`
#: as NUL, any other byte as a space.
BYTE_CLASSES = bytes(
    ord("0")
    if 0x30 <= b <= 0x39
    else ord("A")
    if 0x41 <= b <= 0x5A
    else b
    if b == 0x0A
    else 0
    if b in _CONTROL_BYTES
    else 0x20
    for b in range(256)
)


def byte_classes(data: bytes) -> bytes:
    """``data`` (a text's UTF-8 bytes) with each byte replaced by its class (:data:`BYTE_CLASSES`), in one pass.

    One scan of the text serves stage 1 (is there a control character: a NUL class) and the search for
    the shapes inference reads (:func:`itu_nb.parsing.infer.shaped_lines`: digits, capitals, line breaks).
    """
    return data.translate(BYTE_CLASSES)


def line_notes(text: str, classes: bytes | None = None) -> tuple[str, dict[int, list[str]]]:
    """Drop byte-order marks left inside the text; note them and the control characters, by line.

    A byte-order mark after the start is what joining two files leaves; left in place it hides
    the marker line it starts (``\ufeffMOD<TAB>X/1/2``), so it is dropped like the leading one.
    Control characters are kept as written (the runs and ``source_text`` have them); the note
    tells the reader they are there, since views trim them at a paragraph's ends.  Returns the
    text and, for each line (0-based, after :func:`split_lines`) that held one, its notes.  ``classes``:
    the text's :func:`byte_classes`, when the caller made them (one scan of the text instead of two).
    """
    if "\ufeff" not in text and (  # the usual text: nothing to note
        b"\x00" not in classes if classes is not None else not _count(text, _CONTROL_BYTES)
    ):
        return text, {}
    notes: dict[int, list[str]] = {}
    for no, line in enumerate(split_lines(text)):
        if "\ufeff" in line:
            notes.setdefault(no, []).append(
                f"a byte-order mark (U+FEFF) inside the text was dropped from line {no + 1} (two files joined?)"
            )
        found = sorted(set(CONTROLS.findall(line)))
        if found:
            names = ", ".join(f"U+{ord(ch):04X}" for ch in found)
            notes.setdefault(no, []).append(f"control character(s) {names} on line {no + 1}, kept as written")
    return text.replace("\ufeff", ""), notes


def split_lines(text: str) -> list[str]:
    r"""Split into lines after turning CR LF and CR into LF; ``"\n".join`` gives the text back."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
