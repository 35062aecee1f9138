"""Akoma Ntoso elements → open nodes: the blocks and items of a statement, read in one walk.

The pieces of an element (:func:`_pieces`: wrappers looked through, items, numbers, text blocks), each item
read as a node (:func:`_item`: the usual one, a ``num`` and one plain ``p``, in one step, :func:`_usual`), and
the filling of a node with its pieces (:func:`_fill`), labels a converter left in the text recovered
(:mod:`~itu_nb.loaders.akn_labels`).  The tag caches (:data:`_LOCAL`, :data:`_KIND`, :data:`_ROLE`,
:data:`_LABEL_RUNS`) are bounded by :data:`_CACHED_TAGS`.
"""

from __future__ import annotations

import re

from lxml import etree

from itu_nb.loaders.akn_labels import (
    _Later,
    _recover_label,
    join_label_highlight,
)
from itu_nb.loaders.akn_nodes import _BULLETS, _READING, OpenNode, place, struck_label
from itu_nb.loaders.akn_repair import unglue
from itu_nb.loaders.akn_runs import _EDGE, _SPACE, _clean, num_runs
from itu_nb.model import NodeKind, Op, Run
from itu_nb.parsing.frozen import equal_run as _equal_run

_WRAPPERS = {"preface", "preamble", "mainBody", "body", "content", "list", "blockList", "blockContainer"}


_ITEMS = {"recital", "paragraph", "subparagraph", "point", "item", "indent", "alinea", "clause"}


_TEXT_BLOCKS = {"p", "num", "intro", "heading", "subheading", "wrapUp", "listIntroduction", "listWrapUp"}


_MAX_DEPTH = 40


_XML_SPACE = re.compile(r"[ \t\r\n]+")


_LOCAL: dict[str, str] = {}  # tag → local name: the tags of a file are few, its elements many


_CACHED_TAGS = 4096  # the most tags _LOCAL and _KIND remember (a hostile file may name 100,000 elements apart)


def _local(el: etree._Element) -> str:
    tag = el.tag
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rpartition("}")[2]
        if len(_LOCAL) < _CACHED_TAGS:
            _LOCAL[tag] = name
    return name


def _elements(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _norm(text: str) -> str:
    """Collapse XML white space (not NBSP, which is text) to single spaces."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _XML_SPACE.sub(" ", text).strip(" ")
    return text.strip(" ")


def _text(el: etree._Element, sep: str = "") -> str:
    return _norm(sep.join(el.itertext()))


def _stray(el: etree._Element, loose: list) -> list[etree._Element]:
    """``el``'s child elements; the text written directly inside ``el`` or between its children (none in
    well-formed AKN) goes to ``loose`` as ``("stray", text)``, all of it before them.  One pass over the children.
    """
    text = el.text
    if text and not text.isspace():
        loose.append(("stray", _norm(text)))
    children = []
    for child in el:
        tail = child.tail
        if tail and not tail.isspace():
            loose.append(("stray", _norm(tail)))
        if child.tag.__class__ is str:
            children.append(child)
    return children


#: What :func:`_pieces` makes of a child element: its content ("wrap"), a piece kind, or nothing (None).
_PIECE = {**{n: "wrap" for n in _WRAPPERS}, **{n: "item" for n in _ITEMS}, "num": "num", "meta": None}


_KIND: dict = {}  # tag (as lxml gives it) → what _pieces makes of it; a file has few tags, many elements


def _kind(tag) -> str | None:
    """What :func:`_pieces` makes of an element with ``tag``: None for ``meta`` and for what is no element."""
    kind = _PIECE.get(tag.rpartition("}")[2], "text") if tag.__class__ is str else None
    if len(_KIND) < _CACHED_TAGS:
        _KIND[tag] = kind
    return kind


def _pieces(el: etree._Element, out: list | None = None) -> list[tuple[str, etree._Element | str]]:
    """``el``'s content in order: ``("num", el)``, ``("item", el)``, ``("text", el)``, ``("stray", str)``.

    The stray text (:func:`_stray`) comes first, then the children (wrappers' content in their
    place), appended to ``out`` when given; one pass over the children.
    """
    if out is None:
        out = []
    at = len(out)  # where el's stray text goes, before its children's pieces
    text = el.text
    if text and not text.isspace():
        out.append(("stray", _norm(text)))
        at += 1
    kinds = _KIND.get
    for child in el:
        tail = child.tail
        if tail and not tail.isspace():  # rare: text between elements
            out.insert(at, ("stray", _norm(tail)))
            at += 1
        tag = child.tag
        kind = kinds(tag, 0)
        if kind == 0:
            kind = _kind(tag)
        if kind == "wrap":
            _pieces(child, out)
        elif kind is not None:
            out.append((kind, child))
    return out


def _block(piece: etree._Element | str, section: str | None) -> OpenNode:
    """A paragraph from a text block; elements the loader does not know are kept, with a note."""
    if isinstance(piece, str):
        note = "text outside any paragraph element"
        return OpenNode(NodeKind.PARAGRAPH, runs=[Run(Op.EQUAL, piece)], section=section, notes=[note])
    node = OpenNode(NodeKind.PARAGRAPH, section=section).read(piece)
    if _local(piece) not in _TEXT_BLOCKS:
        node.notes.append(f"kept as one paragraph: the loader does not map <{_local(piece)}>")
    return node


#: What :func:`_usual` makes of an element by its tag: ``"num"``, ``"wrap"``, ``"block"`` (a text block
#: it reads, one of :data:`_TEXT_BLOCKS`), ``"text"`` (another element) or None; a file has few tags
_ROLE: dict = {}


def _role(tag) -> str | None:
    kind = _KIND.get(tag, 0)
    if kind == 0:
        kind = _kind(tag)
    role = "block" if kind == "text" and tag.rpartition("}")[2] in _TEXT_BLOCKS else kind
    if len(_ROLE) < _CACHED_TAGS:
        _ROLE[tag] = role
    return role


def _usual(el: etree._Element, section: str | None) -> OpenNode | None:
    """The node of the usual item, ``[<num>…</num>]<content><p>…</p></content>`` or ``[<num>…</num>]<p>…</p>``
    with white space only between them and plain text in ``num`` and ``p``, read in one step; None for
    any other item (:func:`_item` reads it piece by piece, as it would read this one).

    The Final Acts' items are nearly all of this shape.  Each tag is read once and told by
    :data:`_ROLE` (lxml makes a new string at each read of a tag).
    """
    text = el.text
    if text and not text.isspace():
        return None
    size = len(el)
    roles = _ROLE
    if size == 2:
        num, content = el[0], el[1]  # indexing: unpacking makes an iterator, several times the cost
        tag = num.tag
        if (roles.get(tag) or _role(tag)) != "num" or len(num):
            return None
        tail = num.tail
        if tail and not tail.isspace():
            return None
    elif size == 1:
        num, content = None, el[0]
    else:
        return None
    tag = content.tag
    role = roles.get(tag) or _role(tag)
    if role == "wrap":  # <content><p>…</p></content>
        text = content.text
        if len(content) != 1 or (text and not text.isspace()):
            return None
        p = content[0]
        tag = p.tag
        if (roles.get(tag) or _role(tag)) != "block":
            return None
        tail = p.tail
        if tail and not tail.isspace():
            return None
    elif role == "block":  # <p>…</p> right in the item, as the Final Acts' recitals have it
        p = content
    else:
        return None
    tail = content.tail
    if (tail and not tail.isspace()) or len(p):
        return None
    # as num_runs and OpenNode.read read a num and a text block without elements inside
    text = p.text
    if text and ("\n" in text or "\r" in text):
        text = _clean(text, None, None)
    if text:  # white space at the edges is layout, unless the block says xml:space="preserve" (akn_runs._edge)
        bare = text.strip(_EDGE)
        text = bare if len(bare) == len(text) or p.get(_SPACE) != "preserve" else text
    else:
        text = ""
    runs = [_equal_run(text)] if text else []
    if num is None:
        node = OpenNode(NodeKind.PARAGRAPH, "", None, runs, section)
    else:
        label = num.text or ""
        # a text has few labels: one list of runs each, shared (lists of runs are replaced, never changed in
        # place), with its bare label read once (OpenNode.bare is valid while label_runs is that list)
        known = _LABEL_RUNS.get(label)
        if known is None:
            bare = _clean(label, None, None).strip(_EDGE)
            shared = [_equal_run(bare + "\t")]
            known = (shared, (shared, bare.strip()))
            if len(_LABEL_RUNS) < _CACHED_TAGS:
                _LABEL_RUNS[label] = known
        node = OpenNode(NodeKind.ITEM, "", known[0], runs, section, None, None, None, True)
        node.bare = known[1]
    # the text classified once, as it is read: what the section repairs would find of it in the middle of a
    # section (akn_repair._cut_in: no final stop missing, no first label of a list), so they pass it by
    if text[-1:] in _STOPS and "1 " not in text and "a) " not in text and "i) " not in text:
        node.quiet = runs
    return node


#: The last characters of a text that no section line run into its end could end with (akn_repair._cut_in);
#: with "" for an empty text, which holds nothing to cut
_STOPS = frozenset(("", ".", ";", ":", ","))


#: ``num`` text as written → ``(label runs, (label runs, bare label))``: the label's one run (with its TAB) in a
#: list shared by the items so labelled, and what :attr:`OpenNode.bare` holds for it, for :func:`_usual`
_LABEL_RUNS: dict[str, tuple[list[Run], tuple[list[Run], str]]] = {}


def _item(el: etree._Element, section: str | None, depth: int, *, repair: bool = True) -> OpenNode:
    """An item (recital, paragraph, point…): its num, its first text block, and the rest as children
    (``repair``: as :func:`_fill`).
    """
    node = _usual(el, section)
    if node is not None:
        if depth + 1 > _MAX_DEPTH:  # as _fill would say
            raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
        return node
    return _unusual(el, section, depth, repair=repair)


def _unusual(el: etree._Element, section: str | None, depth: int, *, repair: bool = True) -> OpenNode:
    """An item that is not of :func:`_usual`'s shape, read piece by piece (``repair``: as :func:`_fill`)."""
    node = OpenNode(NodeKind.PARAGRAPH, section=section)
    rest: list[tuple[str, etree._Element | str]] = []
    for kind, piece in _pieces(el):
        if kind == "num" and not node.has_num:
            node.label_runs, node.has_num, node.kind = num_runs(piece, node.label_marks), True, NodeKind.ITEM
        elif kind == "text" and not node.runs and not rest and _local(piece) in _TEXT_BLOCKS:
            node.read(piece)
            if node.marks and node.label_runs:  # a highlight from the label into the text: one (akn_labels)
                join_label_highlight(node, piece)
        else:
            rest.append((kind, piece))
    if rest:
        _fill(node, rest, section, depth + 1, repair=repair)
    elif depth + 1 > _MAX_DEPTH:  # as _fill would say
        raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
    return node


def _fill(parent: OpenNode, pieces: list, section: str | None, depth: int, *, repair: bool = True) -> None:
    """Add ``pieces`` under ``parent``, placing flat sub-items the way the text parser would.

    One pass over the drafts: each gets its label back from its text (:func:`_recover_label`), is cut where the
    next items run into it (:func:`~itu_nb.loaders.akn_repair.unglue`), and is placed.  ``repair`` False (a
    statement the itu_nb writer wrote, which gives every item its element and every label its ``num``): neither
    repair of a converter's errors is made, so that a paragraph starting "a) " stays a paragraph and an item holding
    "…; c) …" one item, as the text they came from has them.
    """
    if depth > _MAX_DEPTH:
        raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
    drafts = []
    usual = _usual
    for kind, piece in pieces:  # as _item reads each item, without its call for the usual one
        if kind == "item":
            draft = usual(piece, section)
            if draft is None:
                draft = _unusual(piece, section, depth, repair=repair)
            elif depth == _MAX_DEPTH:  # as _item would say
                raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
        else:
            draft = _block(piece, section)
        drafts.append(draft)
    stack: list[OpenNode] = []
    later: _Later | None = None  # made at the first paragraph that may hold a label
    item = NodeKind.ITEM
    readings = _READING
    for i, draft in enumerate(drafts):
        runs = draft.runs
        if draft.kind is item:  # the usual draft
            if len(runs) == 1 and draft.label_runs:  # as unglue tells the usual item: no ";" or ":" before its end
                text = runs[0].text
                end = len(text) - 1
                if text.find(";", 0, end) < 0 and text.find(":", 0, end) < 0:
                    known = draft.bare  # what _usual read of the label (OpenNode.bare_label, without its call)
                    bare = known[1] if known is not None and known[0] is draft.label_runs else draft.bare_label
                    reading = readings.get(bare)
                    alone = reading[0] if reading is not None else None
                    if alone is None or alone in _BULLETS or draft.children or len(stack) > 1:
                        place(parent, stack, draft)
                    elif not stack or stack[0].scheme == alone:
                        # what place does with the next item of a flat list (the first, or a sibling of the one
                        # open item): read alone, it goes under the parent and is the list's one open item
                        draft.scheme = alone
                        draft.component = reading[1]  # type: ignore[index]
                        parent.add(draft)
                        stack = [draft]
                    else:
                        place(parent, stack, draft)
                    continue
        elif repair and not draft.label_runs and draft.kind is NodeKind.PARAGRAPH and runs:
            if later is None:
                later = _Later(drafts)
            _recover_label(drafts, i, later)
        for node in (unglue(draft) if repair else None) or (draft,):
            if not node.label_runs and (not node.has_num or struck_label(node) is None):  # (a struck clause: placed)
                stack.clear()
                parent.add(node)
            else:
                place(parent, stack, node)
