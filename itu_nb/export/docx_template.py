"""The Word writer's template: ITU styles on A4, built once per process and reopened per export.

Guarantees:
- :func:`new_word` returns a fresh python-docx document opened from cached bytes: the
  ITU styles (Times New Roman 12 pt; ``Proposal``, ``ResNo``, ``Restitle``, ``Call``,
  ``enumlev1``…, the cover's ``Source`` and ``Title1``, ``Header``), A4 with the ITU
  margins, track changes switched on, and an empty body;
- the package holds only what a proposal needs: python-docx's default template carries
  160 styles and their Word 2010 copy (``stylesWithEffects``, together about 800 kB of
  XML that every export parsed and compressed again), a thumbnail of an unrelated page
  and a bibliography part; they are left out, the styles used and the ones they are
  based on are kept;
- :func:`paragraph` makes a paragraph of a style by name without python-docx's style
  lookup (which walks every style of the document for each paragraph).
"""

from __future__ import annotations

import functools
import io

from docx import Document as _open_word
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from lxml import etree

from itu_nb.loaders.docx_tags import LOOSE_NOTE_REFERENCE, LOOSE_NOTE_STYLE

__all__ = ["TWIP_LEVEL", "new_word", "paragraph", "style_ids"]

TWIP_LEVEL = 794  # the ITU templates' indent step (1.4 cm)
#: Package parts of python-docx's default template that a proposal does not need.
_DROPPED = ("stylesWithEffects", "customXml", "thumbnail")


def _styles(word) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(6), Pt(0)

    def add(name: str, *, before: int = 6, keep: bool = False, centre: bool = False, **font):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.space_before, fmt.keep_with_next = Pt(before), keep
        if centre:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for key, value in font.items():
            setattr(style.font, key, value)
        return style

    proposal = add("Proposal", before=18, keep=True)
    proposal.paragraph_format.first_line_indent = -Cm(2.0)  # the action sits in the left margin
    add("ResNo", before=24, keep=True, centre=True, all_caps=True)
    add("Restitle", before=12, keep=True, centre=True, bold=True, size=Pt(14))
    add("Normalaftertitle", before=18)
    call = add("Call", before=10, keep=True, italic=True)
    call.paragraph_format.left_indent = Twips(TWIP_LEVEL)
    add("AnnexNo", before=24, keep=True, centre=True, all_caps=True)
    add("Reasons", before=12)
    add("Separator", centre=True)
    for level in (1, 2, 3):
        item = add(f"enumlev{level}")
        step = TWIP_LEVEL if level == 1 else TWIP_LEVEL // 2
        item.paragraph_format.left_indent = Twips(TWIP_LEVEL + (level - 1) * (TWIP_LEVEL // 2))
        item.paragraph_format.first_line_indent = -Twips(step)
    note = add("footnote text", before=3, size=Pt(10))
    note.paragraph_format.left_indent, note.paragraph_format.first_line_indent = Twips(284), -Twips(284)
    ref = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    # the reference of a note whose body no clause holds (a line of its own before its reference, or with none):
    # Word needs one to show the note; the reader knows it by this style and keeps no reference mark for it
    loose = styles.add_style(LOOSE_NOTE_REFERENCE, WD_STYLE_TYPE.CHARACTER)
    loose.base_style = ref
    # the cover (itu_nb.export.docx_cover) and the page header, named as in the ITU templates
    add("Cover", before=0)
    add("Source", before=36, keep=True, centre=True, bold=True, size=Pt(14))
    add("Title1", before=24, keep=True, centre=True, all_caps=True, size=Pt(14))
    header = styles["Header"]
    header.base_style = normal
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.space_before = Pt(0)
    header.font.size = Pt(10)


def _prune_styles(word) -> None:
    """Keep the default styles, the ones added above and every style they are based on or link to."""
    root = word.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    ours = {"Normal", "Header", "Cover", "Source", "Title1", "footnotetext", "footnotereference", LOOSE_NOTE_STYLE}
    ours |= {sid for sid, s in by_id.items() if s.get(qn("w:default")) == "1" or s.get(qn("w:customStyle")) == "1"}
    keep: set[str] = set()
    todo = list(ours)
    while todo:
        sid = todo.pop()
        if sid in keep or sid not in by_id:
            continue
        keep.add(sid)
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None:
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)


def _slim_package(word) -> None:
    """Unrelate the parts in ``_DROPPED``: python-docx saves only the parts reachable by relationships."""
    for owner in (word.part, word.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED:
                owner.rels.pop(rid)


@functools.lru_cache(maxsize=1)
def _template() -> bytes:
    word = _open_word()
    _styles(word)
    _prune_styles(word)
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    settings = word.settings.element
    track = OxmlElement("w:trackRevisions")  # for whoever edits the document next
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.addprevious(track)
    else:
        settings.append(track)
    body = word.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    _slim_package(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def new_word():
    """A fresh python-docx ``Document`` with the ITU styles, A4 and track changes on, and an empty body."""
    return _open_word(io.BytesIO(_template()))


@functools.lru_cache(maxsize=1)
def style_ids() -> dict[str, str]:
    """Style name → style id, for every style of the template (``"footnote text"`` → ``"footnotetext"``)."""
    root = new_word().styles.element
    out: dict[str, str] = {}
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out[name.get(qn("w:val"))] = style.get(qn("w:styleId"))
    return out


def paragraph(body, style: str | None):
    """Append an empty ``w:p`` of paragraph style ``style`` (a name, or None for Normal) to ``body``,
    before its section properties, and return it.
    """
    try:  # not len(body): lxml counts the children, which made a long body's export quadratic
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        p = OxmlElement("w:p")
        last.addprevious(p)
    else:  # (made in place: an element made apart is moved into the tree, its namespaces checked node by node)
        p = etree.SubElement(body, _P)
    if style is not None:
        etree.SubElement(etree.SubElement(p, _P_PR), _P_STYLE).set(_VAL, style_ids().get(style, style))
    return p


_SECT_PR, _P, _P_PR, _P_STYLE, _VAL = (qn(f"w:{t}") for t in ("sectPr", "p", "pPr", "pStyle", "val"))
