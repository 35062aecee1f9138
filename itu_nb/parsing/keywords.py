"""What the parser knows about ITU texts, kept as data in one place.

Sources: ../shared/docs/ITU-CONVENTIONS.md (sections 1, 4, 5, 6), the PP-18 Brazil
proposal and the PP-18 Final Acts.
"""

from __future__ import annotations

import re

#: Preamble keywords; each stands alone on its line, optionally followed by
#: "further" / "also" (``considering further``).  Matched longest first.
PREAMBLE = (
    "considering",
    "recalling",
    "noting",
    "noting with satisfaction",
    "noting with concern",
    "noting with appreciation",
    "recognizing",
    "aware",
    "bearing in mind",
    "welcoming",
    "taking into account",
    "taking note",
    "having examined",
    "having considered",
    "having regard",
    "having reviewed",
    "conscious",
    "convinced",
    "concerned",
    "deeply concerned",
    "emphasizing",
    "affirming",
    "reaffirming",
    "acknowledging",
    "appreciating",
    "mindful",
    "determined",
    "expressing",
    "stressing",
    "underlining",
    "observing",
    "encouraged",
    "further recognizing",
    "further noting",
    "further considering",
    "further recalling",
    "having noted",  # Resolution 30 (Rev. Dubai, 2018), after recognizing b)
    "highlighting",  # Resolution 131 (Rev. Dubai, 2018), after considering d)
)
PREAMBLE_SUFFIXES = ("further", "also", "furthermore", "in addition")

#: Operative verbs; the rest of the line (if any) is the addressee.
OPERATIVE = (
    "resolves",
    "resolves further",
    "further resolves",
    "decides",
    "further decides",
    "instructs",
    "further instructs",
    "requests",
    "further requests",
    "invites",
    "further invites",
    "encourages",
    "urges",
    "calls upon",
    "calls on",
    "recommends",
    "authorizes",
    "appeals",
    "expresses",
    "asks",
    "approves",
    "endorses",
    "adopts",
)

TARGET_KINDS = ("resolution", "decision", "recommendation", "opinion", "declaration")

ACTIONS = ("MOD", "ADD", "SUP", "NOC")

#: A proposal id: submitter / document [A addendum] [R revision] / sequence.
ID = r"[A-Z]{1,6}/\d+(?:A\d+)?(?:R\d+)?/\d+"

MARKER = re.compile(
    rf"^\s*(?:(?P<action>{'|'.join(ACTIONS)})\s+(?P<id>{ID})|(?P<id2>{ID})\s+(?P<action2>{'|'.join(ACTIONS)}))\s*$"
)
ACTION_ONLY = re.compile(rf"^\s*(?P<action>{'|'.join(ACTIONS)})\s*$")
ID_ONLY = re.compile(rf"^\s*(?P<id>{ID})\s*$")

HEADING = re.compile(
    r"^\s*(?P<draft>(?:draft\s+)?(?:new\s+)?)(?P<kind>" + "|".join(TARGET_KINDS) + r")\s+"
    r"(?P<number>\[[^\]]+\]|[0-9]+[A-Z]?|[A-Z]{1,3}-?\d+)"
    r"\s*(?:\((?P<revision>[^)]*)\))?\s*$"
    # a part of a conference's Final Acts, as printed: "PART VII - DECLARATIONS", its page number
    # on either side ("489 PART VI - SIGNATORIES"); it reads as the target "Part VII"
    r"|^\s*(?:\d{1,4}\s+)?(?P<kind2>PART)\s+(?P<number2>[IVX]{1,6})\s+-\s+"
    + r"[A-Z][A-Z ,]*[A-Z](?:\s*\([^()]*\))?(?:\s+\d{1,4})?\s*$",
    re.IGNORECASE,
)

#: "The Plenipotentiary Conference of ... (Dubai, 2018)," / "The Council,".
FORMULA = re.compile(r"^\s*The\s+[^\t]{3,300}(?:,|\([^()\t]*\d{4}\))\s*$")

ANNEX = re.compile(r"^\s*(?P<word>ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)\b(?P<rest>[^\t]{0,200})$")

REASONS = re.compile(r"^\s*Reasons?\s*:\s*")

SEPARATOR = re.compile(r"^\s*(?:\*{3,}|_{5,})\s*$")

#: Labels at the start of a paragraph, followed by their separator (a TAB, or a
#: space before a TAB as footnote bodies have it).
LABEL = re.compile(
    r"^(?P<label>"
    r"[a-zA-Zа-яА-Я]{1,2}(?:\s?(?:bis|ter))?\)"  # a)  cb)  а) (Cyrillic)  a bis)
    r"|\(?[ivxlc]{1,6}\)"  # i)  iv)
    r"|\(?(?=[ivxlcdm]{3,15}\))m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})\)"  # xxxviii)  dcc)
    r"|\d{1,4}(?:\.\d{1,3}){0,3}(?:\s?(?:bis|ter))?\.?"  # 1  1.1  23  5bis  1.  1000 (up to 9999)
    r"|[•\-–—▪◦·]"  # bullets and dashes
    r")(?P<sep>\s*\t)"
)

ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

#: A roman numeral from 1 to 3999 (``i``, ``xlix``, ``cd``, ``mmmcmxcix``), lower case: what a roman list may count
#: to (Word writes lowerRoman up to 3999).  :data:`ROMAN` (up to 399, no ``d`` or ``m``) is what inference reads
#: as no relettering: ``cd)`` there is ``c)`` relettered ``d)`` unless a roman list it continues says otherwise.
NUMERAL = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

BULLETS = "•▪◦·"
DASHES = "-–—"
