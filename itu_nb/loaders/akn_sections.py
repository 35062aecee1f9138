"""The sections of an Akoma Ntoso statement: headed containers, reasons, annexes, and the walk over its parts.

:func:`_walk_parts` maps the parts of a statement (preface, preamble, body…) onto its tree, each section
(:func:`_section`) a node with its heading, its items filled by :func:`~itu_nb.loaders.akn_blocks._fill`;
``hcontainer name="reasons"`` and ``"annex"`` become REASONS and ANNEX nodes.
"""

from __future__ import annotations

import re

from lxml import etree

from itu_nb.loaders.akn_blocks import (
    _ITEMS,
    _block,
    _fill,
    _item,
    _local,
    _pieces,
    _stray,
)
from itu_nb.loaders.akn_nodes import OpenNode
from itu_nb.loaders.akn_nodes import keyword as section_keyword
from itu_nb.loaders.akn_repair import split_run_in_sections
from itu_nb.loaders.akn_runs import _SPACE, cut_runs
from itu_nb.model import NodeKind
from itu_nb.parsing import keywords as kw

_SECTIONS = {"recitals", "hcontainer", "citations", "section", "chapter", "part", "division"}


def _heading(pieces: list) -> OpenNode:
    """A container's keyword line (its intro or heading), taken out of ``pieces``; empty when none."""
    at = next((i for i, (k, p) in enumerate(pieces) if k == "text" and _local(p) in ("intro", "heading")), None)
    return OpenNode(NodeKind.SECTION).read(pieces.pop(at)[1]) if at is not None else OpenNode(NodeKind.SECTION)


def _section(el: etree._Element, top: OpenNode, repair: bool) -> None:
    """A ``recitals`` or ``hcontainer``: its intro/heading is the keyword line, the rest its items (``repair``: as
    :func:`~itu_nb.loaders.akn_blocks._fill`); ``hcontainer name="formula"`` (the itu_nb writer's formula after
    the body's first clause) is the FORMULA node, read from its ``content``.
    """
    name = el.get("name")
    if name == "formula":  # as the itu_nb writer keeps a formula after the body's first clause
        content = next((c for c in el if _local(c) == "content"), el)
        top.add(OpenNode(NodeKind.FORMULA, "formula").read(_kept(content)))
        return
    pieces = _pieces(el)
    node = _heading(pieces)
    if name in ("reasons", "annex"):
        return (_reasons if name == "reasons" else _annex)(node, pieces, top, repair)
    written = node.text
    keyword = section_keyword(written) or written.rstrip(":,").strip() or "section"
    node.component = node.section = keyword
    for child in node.children:
        child.section = keyword
    top.add(node)
    if not node.runs:
        node.notes.append("the source gives this section no heading or intro")
    _fill(node, pieces, keyword, 1, repair=repair)
    if repair:
        split_run_in_sections(node, top)


def _reasons(node: OpenNode, pieces: list, top: OpenNode, repair: bool) -> None:
    """``hcontainer name="reasons"``: the ``Reasons:`` lead-in is the label; every block a paragraph."""
    node.kind, node.component = NodeKind.REASONS, "reasons"
    m = kw.REASONS.match(node.text)
    if m and not node.labelled:
        node.label_runs, node.runs = cut_runs(node.runs, m.end())
        node.label_marks, node.marks = node.marks, []  # their offsets already count the label
    top.add(node)
    for kind, piece in pieces:
        node.add(_item(piece, None, 1, repair=repair) if kind == "item" else _block(piece, None))


def _annex(node: OpenNode, pieces: list, top: OpenNode, repair: bool) -> None:
    """``hcontainer name="annex"``: a keyword paragraph opens a section inside the annex."""
    m = kw.ANNEX.match(node.text)
    number = re.search(r"\d+|[IVX]+\b", m.group("rest")) if m else None
    node.kind = NodeKind.ANNEX
    node.component = node.section = ("annex" + (f" {number.group(0)}" if number else "")).lower()
    top.add(node)
    container, run = node, []
    for kind, piece in [*pieces, ("end", None)]:
        block = OpenNode(NodeKind.SECTION).read(piece) if kind == "text" and _local(piece) == "p" else None
        keyword = section_keyword(block.text) if block is not None else None
        if keyword is None and kind != "end":
            run.append((kind, piece))
            continue
        _fill(container, run, container.section, 1, repair=repair)
        run = []
        if block is not None and keyword is not None:
            block.component = block.section = keyword
            container = node.add(block)


def _kept(el: etree._Element) -> etree._Element:
    """The text block of a heading, title or formula ``el``: its one ``p`` when that ``p`` says ``xml:space="preserve"``
    (as the itu_nb writer marks a text with white space at an edge: ``<p xml:space="preserve">… (Antalya, 2006),
    <remark …/></p>``), whose white space at its edges is then text, kept; else ``el`` itself, read whole.
    """
    if len(el) != 1 or (el.text and not el.text.isspace()):
        return el
    p = el[0]
    if p.get(_SPACE) != "preserve" or _local(p) != "p" or (p.tail and not p.tail.isspace()):
        return el
    return p


#: Top-level parts: element name → (kind, path); a container only when ``name="title"``.
_MAPPED = {
    "longTitle": (NodeKind.HEADING, "heading"),
    "container": (NodeKind.TITLE, "title"),
    "formula": (NodeKind.FORMULA, "formula"),
}


def _walk_parts(el: etree._Element, top: OpenNode, loose: list, repair: bool = True) -> None:
    """Map a statement's parts; what is not heading, title, formula or a section collects in ``loose``
    (``repair``: as :func:`~itu_nb.loaders.akn_blocks._fill`).
    """
    for child in _stray(el, loose):
        name = _local(child)
        if name == "meta":
            continue
        if name in ("preface", "preamble", "mainBody", "body"):
            _walk_parts(child, top, loose, repair)
            continue
        mapped = _MAPPED.get(name if name != "container" or child.get("name") == "title" else "")
        if mapped is None and name not in _SECTIONS:
            loose.append(("item" if name in _ITEMS else "text", child))
            continue
        _fill(top, loose, None, 1, repair=repair)  # keep document order: what came before goes in first
        loose.clear()
        if mapped is None:
            _section(child, top, repair)
        else:
            top.add(OpenNode(mapped[0], mapped[1]).read(_kept(child)))
