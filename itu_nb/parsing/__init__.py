"""Text → clause tree, in stages: normalise → markup/artefacts → (inference) → tree."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from itu_nb.model import Document, Op, Run
from itu_nb.parsing.by_line import read_by_line
from itu_nb.parsing.document import SourceLine, build_document
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.infer import shaped_lines, split_text
from itu_nb.parsing.labels import LABEL_REACH, label_split
from itu_nb.parsing.markup import critic_lines, extract_artefacts  # noqa: F401  (critic_lines: tests read it here)
from itu_nb.parsing.normalise import byte_classes, line_notes
from itu_nb.parsing.unclosed import unclosed_marks

__all__ = ["no_collection", "parse_critic", "parse_text"]


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a document is parsed (or written), and spare it its first
    passes after.

    Parsing allocates a few objects per character and frees them by reference counting: the
    trees it builds hold no cycles.  Left on, the collector walks the growing heap again and
    again, which took half the time on 100,000 paragraphs.  It is switched back on after, if
    it was on.  The objects made meanwhile would then all be in its youngest generation: the
    next allocations (a writer's first import, say) would start a pass over every one of them,
    and another when they reach the middle generation (0.07 s and 0.09 s after loading
    100,000 items).  They are long-lived (the document the caller holds), so they are handed
    to the oldest generation at once (``gc.freeze()`` then ``gc.unfreeze()`` moves every
    tracked object there, without a pass over them).  The .docx and Akoma Ntoso loaders use
    this same pause (:mod:`itu_nb.loaders.gcpause`).  Not done when the caller has frozen objects of its own
    (``gc.get_freeze_count()``), which ``unfreeze`` would release.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _lines(pieces_by_line, artefacts: bool, escaped: bool = False) -> list[SourceLine | str]:
    r"""Stage-2 lines from lines of pieces (or of plain text, a ``str``: see :func:`critic_lines`); ``artefacts``:
    whether the text may hold any ("[" or a comment); ``escaped``: whether it may hold text escaped so as not to
    read as one (``[\``), or brackets escaped in a note body (``\]``, ``\[``: :mod:`itu_nb.parsing.escapes`).
    """
    out: list[SourceLine | str] = []
    for no, pieces in enumerate(pieces_by_line):
        if pieces.__class__ is str:  # one equal run of text without author, date or flag
            if "[" not in pieces:
                out.append(pieces)  # SourceLine.plain(no, pieces), as build_document reads a str at index no
                continue
            pieces = [make_run(Op.EQUAL, pieces)]
        elif pieces.__class__ is SourceLine:  # made by parsing.by_line
            out.append(pieces)
            continue
        if len(pieces) == 1 and _plain(pieces[0]):
            out.append(pieces[0].text)
        elif artefacts:
            for piece in pieces:
                if piece.__class__ is not Run or "[" in piece.text:
                    break
            else:  # runs alone, none where an inline artefact can start: extract_artefacts's runs, without its steps
                out.append(_line(no, [r for r in pieces if r.text]))
                continue
            runs, arts = extract_artefacts(pieces, no, True) if escaped else extract_artefacts(pieces, no)
            out.append(SourceLine(no, runs, arts) if arts else _line(no, runs))
        else:  # runs alone, and no inline artefact can start in them: as they are
            out.append(SourceLine(no, pieces, []))
    return out


def _line(no: int, runs: list[Run]) -> SourceLine:
    """The line of ``runs`` (none empty, no artefact): :meth:`SourceLine.headed` when its label is in its first run
    (an equal run that puts a non-whitespace character past ``LABEL_REACH``, as ``peel_label`` reads it).
    """
    if len(runs) > 1:
        first = runs[0]
        if (
            first.op is Op.EQUAL
            and len(first.text) > LABEL_REACH
            and first.author is None
            and first.date is None
            and not first.inferred
            and first.move is None
            and not first.text[LABEL_REACH:].isspace()
        ):
            return SourceLine.headed(no, runs)
    return SourceLine(no, runs, [])


def _plain(piece) -> bool:
    """An equal run without author, date, flag or move, in which no inline artefact can start."""
    return (
        isinstance(piece, Run)
        and piece.op is Op.EQUAL
        and piece.author is None
        and piece.date is None
        and not piece.inferred
        and piece.move is None
        and "[" not in piece.text
    )


def parse_text(
    text: str, *, source: str = "<text>", infer: bool = True, utf8: tuple[bytes, bytes] | None = None
) -> Document:
    """Parse plain text (a flattened extraction, or a clean text) into a Document.

    With ``infer=True`` the replacements that the text itself proves (double labels,
    run-together citations and periods) are recovered and flagged as inferred.  ``utf8``: the text's
    UTF-8 bytes and their byte classes, when the caller has them
    (:func:`~itu_nb.parsing.normalise.decode_utf8`), so that the text is not encoded and scanned again.
    """
    with no_collection():
        return _parse_text(text, source, infer, utf8)


def _parse_text(text: str, source: str, infer: bool, utf8: tuple[bytes, bytes] | None = None) -> Document:
    if utf8 is not None and "\r" not in text:  # the bytes of this very text
        data, classes = utf8
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as split_lines does
        data = text.encode("utf-8", "surrogatepass")
        classes = byte_classes(data)  # one scan for stage 1's control characters and inference's shapes
    kept, notes = line_notes(text, classes)
    if kept is not text:  # byte-order marks dropped: the bytes changed
        text = kept
        data = text.encode("utf-8", "surrogatepass")
        classes = byte_classes(data)
    notes = unclosed_marks(text, notes)  # a CriticMarkup opener never closed, kept as text: noted on its line
    shaped = shaped_lines(text, data, classes) if infer else ()  # where inference may find something
    lines: list[SourceLine | str] = []
    append = lines.append
    for no, line in enumerate(text.split("\n")):
        if "[" not in line and no not in shaped:  # nor can an inline artefact start here: the usual line
            append(line)  # as its text: build_document reads a str at index no as SourceLine.plain(no, line)
            continue
        if "[" not in line:  # a shape may be here: inferred now, on the line as a string
            runs = split_text(line)
            if len(runs) < 2:  # nothing recovered: the usual line after all
                append(SourceLine.plain(no, line))
                continue
            first = runs[0]
            if first.op is Op.EQUAL and (n := label_split(line)) <= len(first.text) and label_split(first.text) == n:
                append(SourceLine.inferred_plain(no, line, runs))  # the label stands before every change
                continue
        runs, arts = extract_artefacts([make_run(Op.EQUAL, line)] if line else [], no)
        got = SourceLine(no, runs, arts)
        got.inferable = no in shaped  # a line with "[" but no shape: its runs as they are
        append(got)
    return build_document(lines, source=source, fmt="text", infer=infer, line_notes=notes, consume=True)


def parse_critic(
    text: str,
    *,
    source: str = "<text>",
    author: str | None = None,
    date: str | None = None,
    utf8: tuple[bytes, bytes] | None = None,
) -> Document:
    """Parse CriticMarkup text into a Document whose runs carry the marked changes.

    ``utf8``: the text's UTF-8 bytes and their byte classes, as for :func:`parse_text`.
    """
    with no_collection():
        if utf8 is not None and "\r" not in text:  # the classes of this very text: no encoding it again
            text, notes = line_notes(text, utf8[1])
        else:
            text, notes = line_notes(text.replace("\r\n", "\n").replace("\r", "\n"))  # as split_lines does
        artefacts = "[" in text or "{>>" in text or "{==" in text
        # (a backslash first: one fast scan, most texts have none): text escaped, or a note's brackets escaped
        escaped = artefacts and "\\" in text and ("[\\" in text or "\\]" in text or "\\[" in text)
        lines = _lines(read_by_line(text, source, author, date), artefacts, escaped)
        return build_document(lines, source=source, fmt="criticmarkup", line_notes=notes, consume=True)
