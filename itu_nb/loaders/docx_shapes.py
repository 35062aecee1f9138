"""Text in Word's shapes: text boxes (DrawingML and VML), WordArt and watermarks.

Guarantees after :func:`shape_texts`:
- every ``w:txbxContent`` of a ``w:drawing``, ``w:pict`` or ``w:object`` is found, at any
  depth of the shape (groups, canvases, anchors), and a text box inside a text box is left
  to the reading of the outer one, so each is found once;
- of ``mc:AlternateContent`` only one branch is read, as a consumer of markup compatibility
  must (ECMA-376 Part 3, 10.2): the first ``mc:Choice`` (Word writes the DrawingML shape
  there), else ``mc:Fallback`` (the VML copy of the same shape), so a text box written
  twice counts once;
- a VML ``v:textpath`` (WordArt, and the text of watermarks Word puts in page headers)
  gives its ``string`` attribute.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from itu_nb.loaders.docx_package import W

__all__ = ["ALTERNATE", "MC", "VML", "branch", "is_alternate", "shape_texts"]

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"
ALTERNATE, _CHOICE, _FALLBACK = (f"{{{MC}}}{n}" for n in ("AlternateContent", "Choice", "Fallback"))
_TXBX = f"{{{W}}}txbxContent"
_TEXTPATH = f"{{{VML}}}textpath"


def branch(alternate: etree._Element) -> etree._Element | None:
    """The branch of an ``mc:AlternateContent`` to read: its first ``mc:Choice``, else its ``mc:Fallback``."""
    choice = alternate.find(_CHOICE)
    return choice if choice is not None else alternate.find(_FALLBACK)


def is_alternate(el: etree._Element) -> bool:
    """True for an ``mc:AlternateContent`` element."""
    return el.tag == ALTERNATE


def shape_texts(el: etree._Element) -> Iterator[etree._Element | str]:
    """The text boxes (``w:txbxContent`` elements) and WordArt strings of a shape, in document order."""
    stack = [iter((el,))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == _TXBX:
            yield child
        elif tag == _TEXTPATH:
            text = child.get("string")
            if text and text.strip():
                yield text
        elif tag == ALTERNATE:
            chosen = branch(child)
            if chosen is not None:
                stack.append(iter(chosen))
        elif isinstance(tag, str):
            stack.append(iter(child))
