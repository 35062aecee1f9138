"""Wingdings, Wingdings 2, Wingdings 3 and Webdings ``w:sym`` characters as Unicode (issue 17, session-22 audit).

The README says ``w:sym`` characters of the Symbol and Wingdings fonts "become Unicode"; 131 Wingdings codes of
0x21–0xFF stayed U+F0xx with a note (F0E0 among them), and Wingdings 2, Wingdings 3 and Webdings codes were read as
the Latin-1 character of the code (Webdings F021, a spider, read as "!").  The tables now come from Unicode's own
mapping, ``WDingsSources.txt`` in Unicode document L2/12-368 (WG2 N4384, page 68), the source data of the
characters Unicode 7.0 encoded for these fonts (``itu_nb/loaders/docx_wdings.py``).  The expected characters
below were read off that file by eye, one line each (``1F86A;1224``: Wingdings, font 1, code 224 = 0xE0).
"""

from __future__ import annotations

import docx_build as B
import pytest

from itu_nb.loaders.docx import load_docx
from itu_nb.loaders.docx_symbols import symbol_char

# (font, w:char, the line of WDingsSources.txt, the character that line gives)
SAMPLE = [
    ("Wingdings", "F0E0", "1F86A;1224", "\U0001f86a"),  # the audit's example
    ("Wingdings", "F024", "1F453;1036", "\U0001f453"),  # 👓 EYEGLASSES
    ("Wingdings", "F037", "1F5AE;1055", "\U0001f5ae"),  # 🖮 WIRED KEYBOARD
    ("Wingdings", "F0B7", "1F550;1183", "\U0001f550"),  # 🕐 CLOCK FACE ONE OCLOCK
    ("Wingdings", "F09E", "02219;1158", "\u2219"),  # ∙ BULLET OPERATOR
    ("Wingdings", "F0F5", "02B01;1245", "\u2b01"),  # ⬁ NORTH WEST WHITE ARROW
    ("Wingdings 2", "F050", "1F5F8;2080", "\U0001f5f8"),  # 🗸 LIGHT CHECK MARK
    ("Wingdings 2", "F06A", "02460;2106", "\u2460"),  # ① CIRCLED DIGIT ONE
    ("Wingdings 3", "F070", "025B2;3112", "\u25b2"),  # ▲ BLACK UP-POINTING TRIANGLE
    ("Webdings", "F021", "1F577;0033", "\U0001f577"),  # 🕷 SPIDER
    ("Webdings", "F061", "02714;0097", "\u2714"),  # ✔ HEAVY CHECK MARK
    ("Webdings", "F0FF", "1F54A;0255", "\U0001f54a"),  # 🕊 DOVE OF PEACE
]


@pytest.mark.parametrize(("font", "code", "line", "char"), SAMPLE)
def test_a_sample_of_codes_as_unicodes_table_gives_them(font, code, line, char):
    unicode, index = line.split(";")
    assert int(index[1:]) == int(code[2:], 16)  # the line is this font's code
    assert ord(char) == int(unicode, 16)
    assert symbol_char(font, code) == (char, None)
    assert symbol_char(font.upper().replace(" ", "  "), code[2:]) == (char, None)  # case, spaces, no F0


def test_the_characters_read_before_read_the_same():
    # where the module's table differed from Unicode's, its character is kept: Unicode gives ⮚ (02B9A;1216) for
    # 0xD8, 🗹 (1F5F9;1254) for 0xFE, ➀ (02780;1129) for 0x81; ✓ (02713;1252) is the same in both
    assert [symbol_char("Wingdings", c)[0] for c in ("F0D8", "F0FE", "F081", "F0FC", "F0A7")] == list("➢☑①✓▪")


@pytest.mark.parametrize(
    ("font", "unmapped"),
    [("Wingdings", {0x7F, 0xFF}), ("Wingdings 2", {0x7F, *range(0xFA, 0x100)})]
    + [("Wingdings 3", {0x7F, *range(0xF1, 0x100)}), ("Webdings", {0x7F})],
)
def test_every_code_of_the_page_is_unicode_but_those_unicode_did_not_encode(font, unmapped):
    for code in range(0x20, 0x100):
        char, note = symbol_char(font, f"F0{code:02X}")
        if code in unmapped:
            assert (char, note) == (
                chr(0xF000 + code),
                f"{font} character {code:02X} has no Unicode equivalent here; kept as U+F0{code:02X}",
            )
        else:
            assert note is None and not 0xE000 <= ord(char) <= 0xF8FF, (font, hex(code), char)
    assert symbol_char(font, "F020") == (" ", None)


def test_a_document_with_these_symbols_reads_them():
    syms = [("Wingdings", "F0E0"), ("Wingdings 2", "F050"), ("Wingdings 3", "F070"), ("Webdings", "F021")]
    body = B.HEAD + B.para(B.run("resolves")) + B.para(B.run("to note ") + "".join(B.sym(*s) for s in syms))
    node = load_docx(B.package(body), "dings.docx")[0]["resolves/p1"]
    assert node.body() == "to note \U0001f86a\U0001f5f8\u25b2\U0001f577"
    assert not any("Unicode" in n for n in node.notes)
