"""Word's symbol fonts (``w:sym``: Symbol, Wingdings 1–3, Webdings) as Unicode characters.

Word writes a character of a symbol font as ``<w:sym w:font="Symbol" w:char="F0B7"/>``: the
code is the font's own code point (``B7``), usually in the private-use form ``F0xx`` that
Word maps onto the font.  :func:`symbol_char` gives the Unicode character a reader sees.

Guarantees:
- Symbol: the whole code page (0x20–0x7E, 0xA0–0xFE) by the Unicode Consortium's mapping of
  the Adobe Symbol encoding (``SYMBOL.TXT``), with the private-use glyph fragments mapped to the
  Unicode bracket pieces, ® © ™ to the ordinary signs and 0xA0 to € (Windows' Symbol font);
- Wingdings, Wingdings 2, Wingdings 3 and Webdings: the whole code page (0x20–0xFE) by Unicode's own mapping,
  the source data of the characters Unicode 7.0 encoded for these fonts (``WDingsSources.txt``, Unicode
  document L2/12-368 = WG2 N4384, page 68: :mod:`~itu_nb.loaders.docx_wdings`).  For 41 Wingdings codes this
  module keeps the older, more widely shown equivalent it used before that table (``_WINGDINGS_USUAL``), where
  Unicode's source data gives the glyph's own character: ☑ ☒ ✗ (0xFE 0xFD 0xFB; Unicode 🗹 🗷 🗶), ① … ⑩ and ❶ … ❿
  (0x81–0x95; ➀ … ➉, ➊ … ➓), ➢ ➔ (0xD8 0xE8; ⮚ 🡺), ● ■ □ (0x6C 0x6E 0x6F; ⚫ ◼ 🞏), ✏ ☎ ✉ (0x21 0x28 0x2A;
  🖉 🕿 🖂) and 10 more (⓪ ⓿ ⌛ ☟ ☠ ⬧ ⬥ ▪ ○ ◻).  A code no table maps (Wingdings 0xFF, Wingdings 2
  0xFA–0xFF, Wingdings 3 0xF1–0xFF: not encoded by Unicode 7.0) is kept as the private-use character
  ``U+F0xx`` Word stores, with a note;
- any other font: the code itself (``F0xx`` → ``xx``, the font's own code page being Latin-1);
- never a character an encoder refuses: surrogate codes (D800–DFFF), control characters, zero
  and codes beyond U+10FFFF become U+FFFD with a note.
"""

from __future__ import annotations

from itu_nb.loaders.docx_wdings import WEBDINGS_UNICODE, WINGDINGS2_UNICODE, WINGDINGS3_UNICODE, WINGDINGS_UNICODE

__all__ = ["REPLACEMENT", "SYMBOL", "WINGDINGS", "symbol_char"]

REPLACEMENT = "\ufffd"


def _table(start: int, chars: str) -> dict[int, str]:
    return {start + i: c for i, c in enumerate(chars) if c != "\0"}


#: The Symbol font's code page (Adobe Symbol encoding) → Unicode.
SYMBOL: dict[int, str] = {
    **_table(0x20, " !∀#∃%&∋()∗+,−./0123456789:;<=>?"),
    **_table(0x40, "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"),
    **_table(0x60, "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"),
    **_table(0xA0, "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓"),
    **_table(0xB0, "°±″≥×∝∂•÷≠≡≈…⏐⎯↵"),
    **_table(0xC0, "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉"),
    **_table(0xD0, "∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"),
    **_table(0xE0, "◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪"),
    **_table(0xF0, "\0〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭"),
}

#: The Wingdings characters that turn up in documents → Unicode, as mapped before Unicode's own table was used:
#: kept where they differ from it (41 codes), so that what was read before reads the same.
_WINGDINGS_USUAL: dict[int, str] = {
    0x20: " ",
    0x21: "✏",
    0x22: "✂",
    0x23: "✁",
    0x28: "☎",
    0x29: "✆",
    0x2A: "✉",
    0x36: "⌛",
    0x3E: "✇",
    0x3F: "✍",
    0x41: "✌",
    0x45: "☜",
    0x46: "☞",
    0x47: "☝",
    0x48: "☟",
    0x4A: "☺",
    0x4C: "☹",
    0x4E: "☠",
    0x51: "✈",
    0x52: "☼",
    0x54: "❄",
    0x56: "✞",
    0x58: "✠",
    0x59: "✡",
    0x5A: "☪",
    0x5B: "☯",
    0x5D: "☸",
    **_table(0x5E, "♈♉♊♋♌♍♎♏♐♑♒♓"),
    0x6C: "●",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x73: "⬧",
    0x74: "⧫",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x78: "⌧",
    0x7A: "⌘",
    0x80: "⓪",
    **_table(0x81, "①②③④⑤⑥⑦⑧⑨⑩"),
    0x8B: "⓿",
    **_table(0x8C, "❶❷❸❹❺❻❼❽❾❿"),
    0x9F: "•",
    0xA0: "▪",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xAB: "★",
    0xD5: "⌫",
    0xD6: "⌦",
    0xD8: "➢",
    0xE8: "➔",
    0xEF: "⇦",
    0xF0: "⇨",
    0xF1: "⇧",
    0xF2: "⇩",
    0xF3: "⬄",
    0xF4: "⇳",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}

#: Wingdings → Unicode: the whole code page by Unicode's table, the usual characters above where they differ.
WINGDINGS: dict[int, str] = {**WINGDINGS_UNICODE, **_WINGDINGS_USUAL}

_FONTS = {
    "symbol": SYMBOL,
    "wingdings": WINGDINGS,
    "wingdings 2": {0x20: " ", **WINGDINGS2_UNICODE},
    "wingdings 3": {0x20: " ", **WINGDINGS3_UNICODE},
    "webdings": {0x20: " ", **WEBDINGS_UNICODE},
}


def symbol_char(font: str | None, char: str | None) -> tuple[str, str | None]:
    """The character of ``<w:sym w:font=font w:char=char/>`` and a note when it is not the plain mapping.

    Parameters
    ----------
    font : str or None
        ``w:font`` (matched case-insensitively, spaces collapsed: ``Symbol``, ``Wingdings``, ``Wingdings 2``,
        ``Wingdings 3``, ``Webdings``; others pass through).
    char : str or None
        ``w:char``, hexadecimal (``F0B7`` or ``B7``).

    Returns
    -------
    (str, str or None)
        The character (U+FFFD for a code no text can hold) and a note saying what was done, or None.
    """
    try:
        code = int((char or "").strip()[:8], 16)
    except ValueError:
        return REPLACEMENT, f"symbol character {char!r} is not a hexadecimal code; shown as U+FFFD"
    name = " ".join((font or "").split()).lower()
    table = _FONTS.get(name)
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if table is not None and low <= 0xFF:
        if low in table:
            return table[low], None
        return chr(
            0xF000 + low
        ), f"{font} character {low:02X} has no Unicode equivalent here; kept as U+{0xF000 + low:04X}"
    if 0xD800 <= low <= 0xDFFF or low > 0x10FFFF or low < 0x20 or 0x7F <= low < 0xA0:
        return (
            REPLACEMENT,
            f"symbol character {char} ({font or 'no font'}) is not a valid text character; shown as U+FFFD",
        )
    return chr(low), None
