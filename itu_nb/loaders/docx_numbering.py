"""Word's generated list numbering, computed separately in each view.

Guarantees after :func:`view_labels`:
- every paragraph numbered through ``w:numPr`` (its own, or its style's, following
  ``w:basedOn``) gets the label Word would show in that view: the level's
  ``w:lvlText`` (``%1)``, ``%1.%2``) filled with the counters formatted as the
  levels say (decimal, lowerLetter/upperLetter, lowerRoman/upperRoman, bullet,
  decimalZero, none; anything else as decimal), ``w:start``, ``w:startOverride``,
  ``w:lvlRestart`` and ``w:isLgl`` honoured;
- counting is done on the paragraphs as they read in the view: a paragraph whose mark
  is absent runs on into the next and is not counted, a paragraph absent from the
  view is not counted, and a ``w:pPrChange`` gives the numbering of the original
  view, so an inserted or deleted item reletters the items after it;
- lists that share an abstract numbering share counters (Word's behaviour), except
  that a ``w:num`` with a start override restarts its levels where it is first used;
- labels stay small whatever the file says: letters are written up to
  :data:`MAX_LETTERS` (780, "zz…z" of 30 letters), roman numerals up to :data:`MAX_ROMAN`
  (3999, "mmmcmxcix", the largest standard numeral); beyond, the number is written in
  decimal and the paragraph gets a note.  A ``w:start`` or ``w:startOverride`` of more
  than :data:`MAX_DIGITS` digits is not read (the default applies), a ``w:lvlText`` is read
  to its first :data:`MAX_TEMPLATE` (400) characters, and a label longer than
  :data:`MAX_LABEL` characters (a ``w:lvlText`` repeating ``%1``) is cut there, each with
  a note.  So a label costs at most a few hundred characters, in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from itu_nb.loaders.docx_package import W
from itu_nb.loaders.docx_para import Para, Props, view_groups
from itu_nb.loaders.docx_read import read_props


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


VAL = _w("val")
#: Caps on generated labels (see the module docstring).
MAX_LETTERS = 780
MAX_ROMAN = 3999
MAX_DIGITS = 18
MAX_LABEL = 100
MAX_TEMPLATE = 4 * MAX_LABEL
BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "o": "◦", "\uf06f": "◦", "\uf0d8": "▪", "\uf0fc": "•", "": "•"}


@dataclass
class Level:
    """One level of a Word list: number format, level text (``"%1."``), start and restart rules."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # restart after this (1-based) level; 0 = never
    legal: bool = False


@dataclass
class Num:
    """A Word numbering instance (``w:num``): its abstract numbering and its level overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    value = None if el is None else el.get(VAL)
    if value is None or len(value.strip()) > MAX_DIGITS:
        return default
    try:
        return int(value)
    except ValueError:
        return default


_LEVEL_PARTS = {_w(n): n for n in ("numFmt", "lvlText", "start", "lvlRestart", "isLgl")}


def _level(el: etree._Element) -> Level:
    """A ``w:lvl``, its children read in one pass (the first of each, as ``find`` would give)."""
    found: dict[str, etree._Element] = {}
    for child in el.iterchildren(*_LEVEL_PARTS):
        found.setdefault(_LEVEL_PARTS[child.tag], child)
    lvl = Level()
    fmt = found.get("numFmt")
    if fmt is not None and fmt.get(VAL):
        lvl.fmt = fmt.get(VAL)
    text = found.get("lvlText")
    if text is not None:
        lvl.text = text.get(VAL) or ""
    lvl.start = _int(found.get("start"), 1) or 0
    lvl.restart = _int(found.get("lvlRestart"))
    legal = found.get("isLgl")
    lvl.legal = legal is not None and legal.get(VAL) not in ("0", "false", "off")
    return lvl


class Numbering:
    """numbering.xml and the numbering that styles.xml attaches to paragraph styles."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        #: the levels of each abstract numbering, read on first use (most lists of a template are never used)
        self.abstracts: dict[str, dict[int, Level]] = {}
        self._abstract_els: dict[str, etree._Element] = {}
        self.nums: dict[str, Num] = {}
        if numbering is not None:
            for ab in numbering.iter(_w("abstractNum")):
                self._abstract_els.setdefault(ab.get(_w("abstractNumId")) or "", ab)
            for num in numbering.iter(_w("num")):
                ref = num.find(_w("abstractNumId"))
                entry = Num(ref.get(VAL) if ref is not None else "")
                for ov in num.iter(_w("lvlOverride")):
                    ilvl = _int_attr(ov, "ilvl")
                    start = _int(ov.find(_w("startOverride")))
                    if start is not None:
                        entry.starts[ilvl] = start
                    lvl = ov.find(_w("lvl"))
                    if lvl is not None:
                        entry.levels[ilvl] = _level(lvl)
                self.nums.setdefault(num.get(_w("numId")) or "", entry)
        self.styles: dict[str, tuple[Props, str | None]] = {}
        self._resolved: dict[str, tuple[str | None, int | None]] = {}
        if styles is not None:
            for st in styles.iter(_w("style")):
                if st.get(_w("type")) not in (None, "paragraph"):
                    continue
                based = st.find(_w("basedOn"))
                self.styles[st.get(_w("styleId")) or ""] = (
                    read_props(st.find(_w("pPr"))),
                    based.get(VAL) if based is not None else None,
                )

    def numbers_any(self, paras: list[Para]) -> bool:
        """False when no paragraph can be numbered in any view: no list, or no ``w:numPr`` in a
        paragraph's properties (old or new) nor in a paragraph style.
        """
        if not self.nums:
            return False
        if any(props.num_id is not None for props, _based in self.styles.values()):
            return True
        return any(
            p.props.num_id is not None or (p.old_props is not None and p.old_props.num_id is not None) for p in paras
        )

    def resolve(self, props: Props) -> tuple[str, int] | None:
        """(numId, level) of a paragraph with these properties, or None when it is not numbered."""
        num_id, ilvl = props.num_id, props.ilvl
        if (num_id is None or ilvl is None) and props.style:
            style_num, style_ilvl = self._style(props.style)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, max(0, min(ilvl or 0, 8))

    def _style(self, style: str) -> tuple[str | None, int | None]:
        """The numbering a paragraph style gives, following ``w:basedOn``.

        Computed once per style: a chain of thousands of styles costs its length once, not once per paragraph.
        """
        if style in self._resolved:
            return self._resolved[style]
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        current: str | None = style
        while (num_id is None or ilvl is None) and current and current not in seen and current in self.styles:
            seen.add(current)
            if current in self._resolved:
                cached = self._resolved[current]
                num_id = num_id if num_id is not None else cached[0]
                ilvl = ilvl if ilvl is not None else cached[1]
                break
            sprops, current = self.styles[current]
            num_id = num_id if num_id is not None else sprops.num_id
            ilvl = ilvl if ilvl is not None else sprops.ilvl
        self._resolved[style] = (num_id, ilvl)
        return num_id, ilvl

    def level(self, num_id: str, ilvl: int) -> Level:
        """The level ``ilvl`` of numbering ``num_id``: its override, else the abstract one, else the default."""
        num = self.nums[num_id]
        return num.levels.get(ilvl) or self._levels(num.abstract).get(ilvl) or Level()

    def _levels(self, abstract: str) -> dict[int, Level]:
        """The levels of abstract numbering ``abstract`` (empty when undefined), read once."""
        levels = self.abstracts.get(abstract)
        if levels is None:
            el = self._abstract_els.get(abstract)
            levels = {} if el is None else {_int_attr(lv, "ilvl"): _level(lv) for lv in el.iter(_w("lvl"))}
            self.abstracts[abstract] = levels
        return levels


class _Counters:
    def __init__(self, numbering: Numbering):
        self.n = numbering
        self.values: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def label(self, num_id: str, ilvl: int, notes: list[str] | None = None) -> str:
        num = self.n.nums[num_id]
        key = num.abstract or f"num:{num_id}"
        counts = self.values.setdefault(key, {})
        if num.starts and num_id not in self.started:
            for lv in list(counts):
                if lv >= min(num.starts):
                    del counts[lv]
        self.started.add(num_id)
        level = self.n.level(num_id, ilvl)
        start = num.starts.get(ilvl, level.start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [lv for lv in counts if lv > ilvl]:
            restart = self.n.level(num_id, deeper).restart
            if restart is None or restart != 0 and restart >= ilvl + 1:
                del counts[deeper]
        text = level.text
        if len(text) > MAX_TEMPLATE:
            if notes is not None:
                notes.append(f"list level text of {len(text)} characters read to its first {MAX_TEMPLATE}")
            text = text[:MAX_TEMPLATE]
        if level.fmt == "bullet":
            out = BULLET_GLYPHS.get(text, text)
        elif level.fmt == "none":
            out = _fill(text, lambda _i: "")
        else:
            out = _fill(
                text,
                lambda i: _format(
                    counts.get(i, num.starts.get(i, self.n.level(num_id, i).start)),
                    "decimal" if level.legal else self.n.level(num_id, i).fmt,
                    notes,
                ),
            )
        if len(out) > MAX_LABEL:
            if notes is not None:
                notes.append(f"list label of {len(out)} characters cut to {MAX_LABEL}")
            out = out[:MAX_LABEL]
        return out


def _fill(template: str, value) -> str:
    out, i, size = [], 0, 0
    while i < len(template) and size <= MAX_LABEL:
        ch = template[i]
        if ch == "%" and i + 1 < len(template) and template[i + 1] in "0123456789":  # not isdigit(): "²"
            out.append(value(int(template[i + 1]) - 1))
            size += len(out[-1])
            i += 2
            continue
        out.append(ch)
        size += 1
        i += 1
    return "".join(out)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _format(n: int, fmt: str, notes: list[str] | None = None) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        if n < 1:
            return str(n)
        if n > MAX_LETTERS:
            return _capped(n, fmt, MAX_LETTERS, notes)
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        if n < 1:
            return str(n)
        if n > MAX_ROMAN:
            return _capped(n, fmt, MAX_ROMAN, notes)
        out = []
        for value, sym in _ROMAN:
            while n >= value:
                out.append(sym)
                n -= value
        text = "".join(out)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _capped(n: int, fmt: str, cap: int, notes: list[str] | None) -> str:
    if notes is not None:
        notes.append(f"list number {n} is beyond {cap}, the largest written as {fmt}; written in decimal")
    return str(n)


def roman(n: int) -> str:
    """``n`` in lower-case roman numerals (Word's ``lowerRoman``)."""
    return _format(n, "lowerRoman")


def _int_attr(el: etree._Element, name: str) -> int:
    value = el.get(_w(name)) or "0"
    try:
        return int(value) if len(value) <= MAX_DIGITS else 0
    except ValueError:
        return 0


def view_labels(
    paras: list[Para], numbering: Numbering, view: str, notes: dict[int, list[str]] | None = None
) -> dict[int, str]:
    """``{paragraph index: label}`` for the numbered paragraphs of ``view``.

    A label beyond the caps (see the module docstring) adds a note to ``notes[index]``.

    The label of a group of paragraphs that reads as one (see
    :func:`~itu_nb.loaders.docx_read.view_groups`) comes from the properties of its
    last paragraph (whose mark survives) and is put on its first paragraph with text
    in the view.
    """
    labels: dict[int, str] = {}
    counters = _Counters(numbering)
    for group in view_groups(paras, view):
        last = paras[group[-1]]
        if not last.mark.in_view(view):
            continue  # the document's last paragraph absent from the view
        where = numbering.resolve(last.props_in(view))
        if where is None:
            continue
        said: list[str] = []
        label = counters.label(*where, said)
        owner = next((i for i in group if paras[i].text(view)), group[-1])
        labels[owner] = label
        if said and notes is not None:
            notes.setdefault(owner, []).extend(said)
    return labels
