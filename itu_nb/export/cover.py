"""What a contribution's cover says: its values read from a document's metadata, none invented.

:func:`cover_facts` takes every value from the document's metadata (what the loaders found: a
contribution's header lines, the ITU custom properties ``Docnum``, ``Docconf``… of a .docx, Akoma
Ntoso metadata, the document number in the proposal ids) or from the ``metadata=`` given to
``to_docx``, and invents none: what is not known is None.  :attr:`Cover.shown` is the rule for when a
cover is made, :attr:`Cover.missing` what one lacks.  Writing it into a Word package is :mod:`itu_nb.export.docx_cover`'s; this module
imports no Word library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itu_nb.errors import ExportError
from itu_nb.model import Document, NodeKind
from itu_nb.parsing import keywords as kw

__all__ = ["CONFERENCES", "COVER_KEYS", "MAX_VALUE", "PROPOSALS_TITLE", "Cover", "cover_facts"]

#: What XML 1.0 cannot hold: control characters (dropped) and lone surrogates (U+FFFD: bytes that were not
#: UTF-8, as a command line passes them), as the core properties take them (``docx_cover._cut``).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|([\ud800-\udfff])")
#: The longest metadata value a cover line takes (a longer one is refused, not cut).
MAX_VALUE = 1000
#: The metadata keys the cover, page header and custom properties read.
COVER_KEYS = (
    "conference",
    "venue",
    "document",
    "addendum",
    "language",
    "date",
    "original_language",
    "meeting",
    "submitter",
    "heading",
)
#: The cover's title when the document holds proposals (MOD/ADD/SUP/NOC).
PROPOSALS_TITLE = "PROPOSALS FOR THE WORK OF THE CONFERENCE"
#: Conference codes and names, as ITU documents write them.
CONFERENCES = {
    "PP": "Plenipotentiary Conference",
    "WTSA": "World Telecommunication Standardization Assembly",
    "WTDC": "World Telecommunication Development Conference",
    "WRC": "World Radiocommunication Conference",
    "RA": "Radiocommunication Assembly",
    "WCIT": "World Conference on International Telecommunications",
}
#: Language → the letter of an ITU document's language version (``Document 67-E``).
_LANGUAGE = {
    **dict.fromkeys(("e", "en", "eng", "english"), "E"),
    **dict.fromkeys(("f", "fr", "fra", "fre", "french"), "F"),
    **dict.fromkeys(("s", "es", "spa", "spanish"), "S"),
    **dict.fromkeys(("a", "ar", "ara", "arabic"), "A"),
    **dict.fromkeys(("c", "zh", "chi", "zho", "chinese"), "C"),
    **dict.fromkeys(("r", "ru", "rus", "russian"), "R"),
}
_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class Cover:
    """What a contribution's first page and page header say; None where the document does not tell.

    Attributes
    ----------
    conference : str or None
        ``"Plenipotentiary Conference (PP-18)"``.
    code : str or None
        ``"PP-18"``.
    venue : str or None
        Place and dates, ``"Dubai, 29 October – 16 November 2018"``.
    document : str or None
        The document number, ``"67"`` or ``"79(Add.1)"``.
    language : str or None
        The letter of the language version, ``"E"``.
    date, original, meeting, submitter, heading : str or None
        ``"3 October 2018"``, ``"English"``, ``"PLENARY MEETING"``,
        ``"Brazil (Federative Republic of)"``, ``"PROPOSALS FOR THE WORK OF THE CONFERENCE"``.
    """

    conference: str | None = None
    code: str | None = None
    venue: str | None = None
    document: str | None = None
    language: str | None = None
    date: str | None = None
    original: str | None = None
    meeting: str | None = None
    submitter: str | None = None
    heading: str | None = None

    @property
    def number(self) -> str | None:
        """``"Document 67-E"`` (or the addendum line as the document gives it)."""
        if self.document is None:
            return None
        if self.document.lower().startswith(("addendum", "corrigendum")):
            return self.document
        return f"Document {self.document}" + (f"-{self.language}" if self.language else "")

    @property
    def reference(self) -> str | None:
        """The page header's reference: ``"PP18/67-E"``, or ``"Document 67-E"`` without a conference code."""
        if self.document is None:
            return None
        if self.code is None or self.document.lower().startswith(("addendum", "corrigendum")):
            return self.number
        return f"{self.code.replace('-', '')}/{self.document}" + (f"-{self.language}" if self.language else "")

    @property
    def shown(self) -> bool:
        """Whether there is enough for a cover: the document number and the conference or the submitter."""
        return self.document is not None and (self.conference is not None or self.submitter is not None)

    @property
    def missing(self) -> tuple[str, ...]:
        """What a cover lacks (empty when :attr:`shown`), as ``to_docx(metadata=…)`` keys: ``("document",)``,
        ``("conference", "submitter")`` (either will do), or both.

        Examples
        --------
        >>> Cover(conference="Plenipotentiary Conference (PP-18)", code="PP-18").missing
        ('document',)
        >>> Cover(document="67").missing
        ('conference', 'submitter')
        """
        lacks = () if self.document is not None else ("document",)
        return (
            lacks if self.conference is not None or self.submitter is not None else (*lacks, "conference", "submitter")
        )


def _clean(key: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ExportError(f"to_docx: metadata[{key!r}] must be a string, not {type(value).__name__}")
    if len(value) > MAX_VALUE:
        raise ExportError(
            f"to_docx: metadata[{key!r}] is {len(value):,} characters long; a cover line takes at most {MAX_VALUE:,}"
            f" (give metadata={{{key!r}: None}} to leave it out)"
        )
    text = " ".join(_INVALID.sub(lambda m: "\ufffd" if m.group(1) else "", value).split())
    return text or None


def _conference(value: str | None) -> tuple[str | None, str | None, str | None]:
    """(display name, code, venue) from ``PP-18``, ``PLENIPOTENTIARY CONFERENCE (PP-02)`` or
    ``ITU Plenipotentiary Conference (Dubai, 2018)``.
    """
    if value is None:
        return None, None, None
    code_m = re.search(r"\b([A-Z]{2,5})-?(\d{2})\b", value)
    name = code = venue = None
    if code_m and code_m.group(1) in CONFERENCES:
        code = f"{code_m.group(1)}-{code_m.group(2)}"
        name = CONFERENCES[code_m.group(1)]
    else:
        for short, long in CONFERENCES.items():
            if long.lower() in value.lower():
                name = long
                place = re.search(r"\(([^()]*?,\s*(?:19|20)(\d\d))\)", value)
                if place:
                    venue, code = place.group(1), f"{short}-{place.group(2)}"
                break
    if name is None:
        return value, code_m.group(0) if code_m else None, None
    return (f"{name} ({code})" if code else name), code, venue


def _document(value: str | None) -> tuple[str | None, str | None]:
    """(number, language letter) from ``67``, ``67-E``, ``Document 67-E``, ``79A1`` (an id's form)."""
    if value is None:
        return None, None
    if value.lower().startswith(("addendum", "corrigendum")):
        return value, None
    m = re.fullmatch(r"(?:Document\s+)?(\d+)(?:A(\d+)|(\(Add\.\d+\)))?(?:-([A-Z]))?", value, re.I)
    if not m:
        return value, None
    add = f"(Add.{m.group(2)})" if m.group(2) else (m.group(3) or "")
    return m.group(1) + add, m.group(4).upper() if m.group(4) else None


def _date(value: str | None) -> str | None:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return value


def cover_facts(doc: Document) -> Cover:
    """The cover's values from ``doc.metadata`` (see the module docstring); None where not known.

    The document number is also read from the proposal ids (``B/67/4`` → 67) when they agree,
    as for a proposal exported alone.

    The language letter comes from ``language`` (or from a document number written
    ``67-E``); without either it is ``E`` when the parser recognised section keywords,
    which it knows only in English, and unknown otherwise.
    """
    meta = {key: _clean(key, doc.metadata.get(key)) for key in COVER_KEYS}
    conference, code, venue = _conference(meta.get("conference"))
    numbers = {p.id.split("/")[1] for p in doc if p.action and re.fullmatch(kw.ID, p.id)}
    from_ids = numbers.pop() if len(numbers) == 1 else None  # B/67/4 → 67: a proposal exported alone
    document, letter = _document(meta.get("addendum") or meta.get("document") or from_ids)
    language = meta.get("language")
    if language:
        letter = _LANGUAGE.get(language.split("-")[0].lower(), letter)
    elif letter is None and any(n.kind is NodeKind.SECTION for p in doc for n in p.walk()):
        letter = "E"
    actions = any(p.action for p in doc)
    return Cover(
        conference=conference,
        code=code,
        venue=meta.get("venue") or venue,
        document=document,
        language=letter,
        date=_date(meta.get("date")),
        original=meta.get("original_language"),
        meeting=meta.get("meeting"),
        submitter=meta.get("submitter"),
        heading=meta.get("heading") or (PROPOSALS_TITLE if actions and meta.get("submitter") else None),
    )
