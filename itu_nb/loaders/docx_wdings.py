r"""Unicode's own mapping of the Wingdings, Wingdings 2, Wingdings 3 and Webdings code pages (data).

Source: the file ``WDingsSources.txt`` (Michel Suignard's proposal to add it as source data to the standard) in
Unicode document L2/12-368 = ISO/IEC JTC1/SC2/WG2 N4384, page 68 (https://www.unicode.org/L2/L2012/12368-n4384.pdf),
the repertoire encoded in Unicode 7.0 (2014) for the Wingdings and Webdings characters (proposal L2/11-052).  Each
line of the file is ``<code point>;<index>``, the index ``NCCC``: the font N (0 Webdings, 1 Wingdings, 2 Wingdings
2, 3 Wingdings 3) and the font's code CCC in decimal (e.g. ``1F589;1033``: Wingdings 0x21 is U+1F589 LOWER LEFT
PENCIL; ``1F87A;1232``: Wingdings 0xE8 is U+1F87A).  The copy read here: ``ecma35/data/singlebyte/sbmaps/UTCDocs/
WDingsSources.txt`` of github.com/harjitmoe/ecma35lib.  The tables below were generated from it, 16 codes a row
(``\0``: a code the file does not map); every code of 0x21–0xFE is mapped but Wingdings 0xFF (a Windows logo),
Wingdings 2 0xFA–0xFF and Wingdings 3 0xF1–0xFF, which Unicode 7.0 did not encode.
"""

from __future__ import annotations

__all__ = ["WEBDINGS_UNICODE", "WINGDINGS2_UNICODE", "WINGDINGS3_UNICODE", "WINGDINGS_UNICODE"]


def _table(start: int, chars: str) -> dict[int, str]:
    return {start + i: c for i, c in enumerate(chars) if c != "\0"}


#: Wingdings → Unicode: 221 codes of 0x21–0xFE (L2/12-368's WDingsSources.txt).
WINGDINGS_UNICODE: dict[int, str] = {
    **_table(0x20, "\0🖉✂✁👓🕭🕮🕯🕿✆🖂🖃📪📫📬📭"),
    **_table(0x30, "🗀🗁🗎🗏🗐🗄⏳🖮🖰🖲🖳🖴🖫🖬✇✍"),
    **_table(0x40, "🖎✌🖏👍👎☜☞☝🖗🖐☺😐☹💣🕱🏳"),
    **_table(0x50, "🏱✈☼🌢❄🕆✞🕈✠✡☪☯🕉☸♈♉"),
    **_table(0x60, "♊♋♌♍♎♏♐♑♒♓🙰🙵⚫🔾◼🞏"),
    **_table(0x70, "🞐❑❒🞟⧫◆❖🞙⌧⮹⌘🏵🏶🙶🙷\0"),
    **_table(0x80, "🄋➀➁➂➃➄➅➆➇➈➉🄌➊➋➌➍"),
    **_table(0x90, "➎➏➐➑➒➓🙢🙠🙡🙣🙞🙜🙝🙟∙•"),
    **_table(0xA0, "⬝⭘🞆🞈🞊🞋🔿▪🞎🟁🟅★🟋🟏🟓🟑"),
    **_table(0xB0, "⯐⌖⯎⯏⯑✪✰🕐🕑🕒🕓🕔🕕🕖🕗🕘"),
    **_table(0xC0, "🕙🕚🕛⮰⮱⮲⮳⮴⮵⮶⮷🙪🙫🙕🙔🙗"),
    **_table(0xD0, "🙖🙐🙑🙒🙓⌫⌦⮘⮚⮙⮛⮈⮊⮉⮋🡨"),
    **_table(0xE0, "🡪🡩🡫🡬🡭🡯🡮🡸🡺🡹🡻🡼🡽🡿🡾⇦"),
    **_table(0xF0, "⇨⇧⇩⬄⇳⬁⬀⬃⬂🢬🢭🗶✓🗷🗹\0"),
}

#: Wingdings 2 → Unicode: 216 codes of 0x21–0xFE (L2/12-368's WDingsSources.txt).
WINGDINGS2_UNICODE: dict[int, str] = {
    **_table(0x20, "\0🖊🖋🖌🖍✄✀🕾🕽🗅🗆🗇🗈🗉🗊🗋"),
    **_table(0x30, "🗌🗍📋🗑🗔🖵🖶🖷🖸🖭🖯🖱🖒🖓🖘🖙"),
    **_table(0x40, "🖚🖛👈👉🖜🖝🖞🖟🖠🖡👆👇🖢🖣🖑🗴"),
    **_table(0x50, "🗸🗵☑⮽☒⮾⮿🛇⦸🙱🙴🙲🙳‽🙹🙺"),
    **_table(0x60, "🙻🙦🙤🙥🙧🙚🙘🙙🙛⓪①②③④⑤⑥"),
    **_table(0x70, "⑦⑧⑨⑩⓿❶❷❸❹❺❻❼❽❾❿\0"),
    **_table(0x80, "☉🌕☽☾⸿✝🕇🕜🕝🕞🕟🕠🕡🕢🕣🕤"),
    **_table(0x90, "🕥🕦🕧🙨🙩⋅🞄⦁●○🞅🞇🞉⊙⦿🞌"),
    **_table(0xA0, "🞍◾■□🞑🞒🞓🞔▣🞕🞖🞗🞘⬩⬥◇"),
    **_table(0xB0, "🞚◈🞛🞜🞝🞞⬪⬧◊🞠◖◗⯊⯋⯀⯁"),
    **_table(0xC0, "⬟⯂⬣⬢⯃⯄🞡🞢🞣🞤🞥🞦🞧🞨🞩🞪"),
    **_table(0xD0, "🞫🞬🞭🞮🞯🞰🞱🞲🞳🞴🞵🞶🞷🞸🞹🞺"),
    **_table(0xE0, "🞻🞼🞽🞾🞿🟀🟂🟄🟆🟉🟊✶🟌🟎🟐🟒"),
    **_table(0xF0, "✹🟃🟇✯🟍🟔⯌⯍※⁂\0\0\0\0\0\0"),
}

#: Wingdings 3 → Unicode: 207 codes of 0x21–0xFE (L2/12-368's WDingsSources.txt).
WINGDINGS3_UNICODE: dict[int, str] = {
    **_table(0x20, "\0⭠⭢⭡⭣⭦⭧⭩⭨⭰⭲⭱⭳⭶⭸⭻"),
    **_table(0x30, "⭽⭤⭥⭪⭬⭫⭭⭍⮠⮡⮢⮣⮤⮥⮦⮧"),
    **_table(0x40, "⮐⮑⮒⮓⮀⮃⭾⭿⮄⮆⮅⮇⮏⮍⮎⮌"),
    **_table(0x50, "⭮⭯⎋⌤⌃⌥␣⍽⇪⮸🢠🢡🢢🢣🢤🢥"),
    **_table(0x60, "🢦🢧🢨🢩🢪🢫🡐🡒🡑🡓🡔🡕🡗🡖🡘🡙"),
    **_table(0x70, "▲▼△▽◀▶◁▷◣◢◤◥🞀🞂🞁\0"),
    **_table(0x80, "🞃⯅⯆⯇⯈⮜⮞⮝⮟🠐🠒🠑🠓🠔🠖🠕"),
    **_table(0x90, "🠗🠘🠚🠙🠛🠜🠞🠝🠟🠀🠂🠁🠃🠄🠆🠅"),
    **_table(0xA0, "🠇🠈🠊🠉🠋🠠🠢🠤🠦🠨🠪🠬🢜🢝🢞🢟"),
    **_table(0xB0, "🠮🠰🠲🠴🠶🠸🠺🠹🠻🢘🢚🢙🢛🠼🠾🠽"),
    **_table(0xC0, "🠿🡀🡂🡁🡃🡄🡆🡅🡇⮨⮩⮪⮫⮬⮭⮮"),
    **_table(0xD0, "⮯🡠🡢🡡🡣🡤🡥🡧🡦🡰🡲🡱🡳🡴🡵🡷"),
    **_table(0xE0, "🡶🢀🢂🢁🢃🢄🢅🢇🢆🢐🢒🢑🢓🢔🢖🢕"),
    **_table(0xF0, "🢗\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
}

#: Webdings → Unicode: 222 codes of 0x21–0xFE (L2/12-368's WDingsSources.txt).
WEBDINGS_UNICODE: dict[int, str] = {
    **_table(0x20, "\0🕷🕸🕲🕶🏆🎖🖇🗨🗩🗰🗱🌶🎗🙾🙼"),
    **_table(0x30, "🗕🗖🗗⏴⏵⏶⏷⏪⏩⏮⏭⏸⏹⏺🗚🗳"),
    **_table(0x40, "🛠🏗🏘🏙🏚🏜🏭🏛🏠🏖🏝🛣🔍🏔👁👂"),
    **_table(0x50, "🏞🏕🛤🏟🛳🕬🕫🕨🔈🎔🎕🗬🙽🗭🗪🗫"),
    **_table(0x60, "⮔✔🚲⬜🛡📦🛱⬛🚑🛈🛩🛰🟈🕴⬤🛥"),
    **_table(0x70, "🚔🗘🗙❓🛲🚇🚍⛳⦸⊖🚭🗮⏐🗯🗲\0"),
    **_table(0x80, "🚹🚺🛉🛊🚼👽🏋⛷🏂🏌🏊🏄🏍🏎🚘🗠"),
    **_table(0x90, "🛢💰🏷💳👪🗡🗢🗣✯🖄🖅🖃🖆🖹🖺🖻"),
    **_table(0xA0, "🕵🕰🖽🖾📋🗒🗓🕮📚🗞🗟🗃🗂🖼🎭🎜"),
    **_table(0xB0, "🎘🎙🎧💿🎞📷🎟🎬📽📹📾📻🎚🎛📺💻"),
    **_table(0xC0, "🖥🖦🖧🕹🎮🕻🕼📟🖁🖀🖨🖩🖿🖪🗜🔒"),
    **_table(0xD0, "🔓🗝📥📤🕳🌣🌤🌥🌦☁🌨🌧🌩🌪🌬🌫"),
    **_table(0xE0, "🌜🌡🛋🛏🍽🍸🛎🛍Ⓟ♿🛆🖈🎓🗤🗥🗦"),
    **_table(0xF0, "🗧🛪🐿🐦🐟🐕🐈🙬🙮🙭🙯🗺🌍🌏🌎🕊"),
}
