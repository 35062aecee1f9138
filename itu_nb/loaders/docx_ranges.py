"""The .docx reader's move ranges: which move a ``w:moveFrom`` / ``w:moveTo`` is part of, read from the ranges.

Word names a move by a range around its content at each end (``w:moveFromRangeStart`` … ``w:moveFromRangeEnd``,
``w:moveToRangeStart`` … ``w:moveToRangeEnd``, ECMA-376 Part 1 17.13.5.23/24, 17.13.5.27/28), inside paragraphs or
between them.  :class:`RangeReader` (a base of :class:`~itu_nb.loaders.docx_blocks.BlockReader`) reads each start
and end as it comes, and keeps the move's own name when itu_nb's writer wrote another (the ``itu_nb moves`` custom
property); a start no end closes, and an end that closes no range, are ignored, each with a load note.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from lxml import etree

from itu_nb.loaders.docx_package import Package
from itu_nb.loaders.docx_para import Para
from itu_nb.loaders.docx_tags import ID, MOVE_ENDS, MOVE_FROM_RANGE, MOVE_RANGES, NAME, RANGE_PARTS, _Job

__all__ = ["RangeReader", "unclosed_starts"]


class RangeReader:
    """The move ranges open where the reader is, and the reading of their starts and ends (see the module)."""

    def _init_ranges(self, pkg: Package) -> None:
        """The state of a reading with no range read yet."""
        self.moves: dict[str, str] = {}  # a range's w:id → the move it names
        self.move: str | None = None  # the name of the move being read (w:moveFromRangeStart…), None outside one
        self.ranges: list[tuple[str, str]] = []  # the move ranges open, (w:id, name), in document order
        self._move_names: dict[str, str] | None = None  # the itu_nb moves property (move_name), once read
        # the starts of move ranges no end closes, by the part they stand in (unclosed_starts), once looked for
        self._unclosed: dict[etree._Element, set[etree._Element]] = {}
        # load notes on move ranges not read as such, with the note being read (None: the body), for the reader to
        # put on the paragraph read next there (a range between paragraphs has none of its own: _range_notes)
        self.range_notes: list[tuple[_Job | None, str]] = []

    if TYPE_CHECKING:  # set by BlockReader
        pkg: Package
        reading: _Job | None

    def move_name(self, written: str) -> str:
        """The name of the move whose range is named ``written``: the move's own name when itu_nb's writer wrote
        another one Word takes (``{written: name}`` in the ``itu_nb moves`` custom property,
        :func:`itu_nb.export.docx_runs.word_move_name`), else ``written``.
        """
        if self._move_names is None:
            self._move_names = _stored_moves(self.pkg)
        return self._move_names.get(written, written)

    def open_move(self, mark: etree._Element) -> None:
        """Read the ``w:moveFromRangeStart`` / ``w:moveToRangeStart`` or the matching ``…RangeEnd`` ``mark``, inside a
        paragraph or between paragraphs (where Word opens the range of a move that takes whole paragraphs, before
        the first one): the move read from a start on is the one it names (:meth:`move_name`); after its end, that
        of the last range still open (ECMA-376 17.13.5.24, 17.13.5.28: the last container started surrounds the
        text), else none.

        A ``w:moveFrom`` / ``w:moveTo`` outside every range is a plain deletion / insertion (17.13.5.22, 17.13.5.26;
        ECMA-376 1st edition: "treated as deleted, rather than moved"), never the move of a range ended before it.
        An end matches the first open start of its ``w:id``; an end that matches none is ignored, with a load note.
        A start that no end in its part closes (:func:`unclosed_starts`: a file cut short, or hostile) is ignored
        too, with a load note: ECMA-376 1st edition Part 4 2.13.5.24/2.13.5.28 ("it shall be ignored and no move
        source container exists"; non-conformant in the ISO edition), as LibreOffice reads it (it makes no move
        bookmark of it); its moved text reads as deleted / inserted, never as the move of runs far after it.
        """
        wid = mark.get(ID) or ""
        if mark.tag in MOVE_ENDS:
            ranges = self.ranges
            for k, (open_id, _name) in enumerate(ranges):
                if open_id == wid:
                    del ranges[k]
                    self.move = ranges[-1][1] if ranges else None
                    break
            else:
                self.range_notes.append((self.reading, f"move range end (w:id {wid}) closes no open range: ignored"))
            return
        if (
            not _ends_later(mark, wid)
            or any(open_id == wid for open_id, _name in self.ranges)
            and self._unclosed_in(mark)
        ):  # (an end follows, but another start of its w:id still open may take it: all matched in document order)
            name = mark.get(NAME) or ""
            self.range_notes.append(
                (
                    self.reading,
                    f"move range {name} (w:id {wid}) opened and never closed: ignored (ECMA-376), its text read as "
                    f"{'deleted' if mark.tag == MOVE_FROM_RANGE else 'inserted'}, not moved",
                )
            )
            return
        self.move = self.move_name(mark.get(NAME) or "")
        self.moves[wid] = self.move
        self.ranges.append((wid, self.move))

    def _unclosed_in(self, mark: etree._Element) -> bool:
        """Whether the move range start ``mark`` is among the starts no end closes in its part (:func:`unclosed_starts`,
        looked for once per part).
        """
        part = next(mark.iterancestors(*RANGE_PARTS), None)
        part = mark.getroottree().getroot() if part is None else part
        unclosed = self._unclosed.get(part)
        if unclosed is None:
            unclosed = self._unclosed[part] = unclosed_starts(part)
        return mark in unclosed

    def _range_notes(self, para: Para) -> None:
        """Put the load notes on move ranges (:meth:`open_move`) made while reading this part (the body, or the note
        being read) on ``para``.
        """
        mine = [n for job, n in self.range_notes if job is self.reading]
        if mine:
            para.notes.extend(mine)
            self.range_notes = [(job, n) for job, n in self.range_notes if job is not self.reading]


def _ends_later(mark: etree._Element, wid: str) -> bool:
    """Whether an end of ``w:id`` ``wid`` follows the move range start ``mark`` in its part: looked for in what follows
    it, nearest first (its siblings, then its parent's…), so the usual end, a few elements on, is found at once; a
    start with no end walks to the end of its part.
    """
    el: etree._Element | None = mark
    while el is not None and el.tag not in RANGE_PARTS:
        for sib in el.itersiblings():
            if sib.tag in MOVE_ENDS:
                if sib.get(ID) == wid:
                    return True
            elif any(end.get(ID) == wid for end in sib.iter(*MOVE_ENDS)):
                return True
        el = el.getparent()
    return False


def unclosed_starts(part: etree._Element) -> set[etree._Element]:
    """The move range starts in ``part`` (the body, a note…) that no end closes: each end closes the first start of
    its ``w:id`` still open before it (ECMA-376: "each instance … matched with an end in document order"; as
    :meth:`RangeReader.open_move` reads them); linear in the ranges.
    """
    waiting: dict[str, deque[etree._Element]] = {}
    for el in part.iter(*MOVE_RANGES, *MOVE_ENDS):
        wid = el.get(ID) or ""
        if el.tag in MOVE_ENDS:
            starts = waiting.get(wid)
            if starts:
                starts.popleft()
        else:
            waiting.setdefault(wid, deque()).append(el)
    return {el for starts in waiting.values() for el in starts}


def _stored_moves(pkg: Package) -> dict[str, str]:
    """``{name written: the move's name}`` from the custom property ``itu_nb moves`` (empty when absent or
    unreadable: the names written serve).
    """
    import json

    custom = pkg.xml("docProps/custom.xml")
    for prop in custom if custom is not None else ():
        if prop.get("name") == "itu_nb moves":
            try:
                got = json.loads("".join(prop.itertext()))
            except ValueError:
                return {}
            if isinstance(got, dict):
                return {k: v for k, v in got.items() if isinstance(v, str)}
    return {}
