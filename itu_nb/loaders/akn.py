"""Akoma Ntoso (AKN4UN) loader: a Final Acts collection or a single statement → Document.

Guarantees after :func:`load_akn`:
- one :class:`~itu_nb.model.Proposal` per statement (``statement``, ``act``, ``doc``…), in document order;
- clause kinds and paths follow the text parser (:mod:`itu_nb.parsing.tree`), so the plain text of a
  statement parses back to the same tree;
- every character of text under a statement (outside ``meta``) lands in exactly one node, in reading
  order (up to whitespace between nodes); elements the loader does not map are kept as paragraphs
  with a note;
- the errors of converters from PDF are repaired where they are regular, with a note on each node
  touched: a first label left in the text (``"1 to continue…"``, no ``num``), items run into the one
  before, section headings run into the last item before them, and whole sections run into an item
  (:mod:`itu_nb.loaders.akn_repair`);
- the parts of a Final Acts book run into a text (``PART VI - SIGNATORIES`` …) are cut out and follow it as
  bare texts of their own, ``par-VI`` (:mod:`itu_nb.loaders.akn_parts`);
- each text is checked against what it announces (numbering continuity, lists announced by a colon,
  headings and the order of preamble and operative part); what looks wrong is a note ``"check: …"`` on
  the node (:mod:`itu_nb.loaders.akn_check`);
- what :func:`itu_nb.export.akn.to_akn` writes comes back: ``<ins>``/``<del>`` (in ``p``, ``num``, headings)
  as INSERT/DELETE runs with their ``itu_nb:author``/``itu_nb:date``, the action from
  ``meta/proprietary/itu_nb:action``, ``hcontainer name="reasons"``/``"annex"`` as REASONS/ANNEX nodes,
  ``authorialNote`` as footnotes (see :mod:`itu_nb.loaders.akn_runs`);
- documents with a DTD (DOCTYPE / ENTITY) are refused before any entity could expand.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from itu_nb.errors import LoadError
from itu_nb.loaders.akn_check import structural_check
from itu_nb.loaders.akn_nodes import _BULLETS, _READING, OpenNode, place
from itu_nb.loaders.akn_nodes import keyword as section_keyword
from itu_nb.loaders.akn_nodes import scheme as scheme_of
from itu_nb.loaders.akn_parts import cut_parts
from itu_nb.loaders.akn_remarks import loose_lines
from itu_nb.loaders.akn_repair import lift_parents_items, split_run_in_sections, unglue
from itu_nb.loaders.akn_runs import _EDGE, _SPACE, ITU_NB, _clean, cut_runs, num_runs
from itu_nb.loaders.akn_xml import safe_xml
from itu_nb.loaders.gcpause import no_cycle_collection
from itu_nb.loaders.registry import register
from itu_nb.model import HOMOGLYPHS, Document, NodeKind, Op, Proposal, Run, runs_text
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.frozen import equal_run as _equal_run
from itu_nb.parsing.labels import parse_target

__all__ = ["load_akn", "safe_xml"]

_DOCS = ("statement", "act", "bill", "doc", "debate", "judgment", "amendment")
_DOC_NAMES = frozenset(_DOCS)
_WRAPPERS = {"preface", "preamble", "mainBody", "body", "content", "list", "blockList", "blockContainer"}
_ITEMS = {"recital", "paragraph", "subparagraph", "point", "item", "indent", "alinea", "clause"}
_SECTIONS = {"recitals", "hcontainer", "citations", "section", "chapter", "part", "division"}
_TEXT_BLOCKS = {"p", "num", "intro", "heading", "subheading", "wrapUp", "listIntroduction", "listWrapUp"}
_MAX_DEPTH = 40
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: A first-item label the converter left inside the text: "a) the strategic plan", "1 to continue".
_LABEL_IN_TEXT = re.compile(r"^(?P<label>[a-z]\)|\d{1,3})(?P<sep> )(?=\S)")


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


def _item(el: etree._Element, section: str | None, depth: int) -> OpenNode:
    """An item (recital, paragraph, point…): its num, its first text block, and the rest as children."""
    node = _usual(el, section)
    if node is not None:
        if depth + 1 > _MAX_DEPTH:  # as _fill would say
            raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
        return node
    return _unusual(el, section, depth)


def _unusual(el: etree._Element, section: str | None, depth: int) -> OpenNode:
    """An item that is not of :func:`_usual`'s shape, read piece by piece."""
    node = OpenNode(NodeKind.PARAGRAPH, section=section)
    rest: list[tuple[str, etree._Element | str]] = []
    for kind, piece in _pieces(el):
        if kind == "num" and not node.has_num:
            node.label_runs, node.has_num, node.kind = num_runs(piece, node.label_marks), True, NodeKind.ITEM
        elif kind == "text" and not node.runs and not rest and _local(piece) in _TEXT_BLOCKS:
            node.read(piece)
        else:
            rest.append((kind, piece))
    if rest:
        _fill(node, rest, section, depth + 1)
    elif depth + 1 > _MAX_DEPTH:  # as _fill would say
        raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
    return node


def _fill(parent: OpenNode, pieces: list, section: str | None, depth: int) -> None:
    """Add ``pieces`` under ``parent``, placing flat sub-items the way the text parser would.

    One pass over the drafts: each gets its label back from its text (:func:`_recover_label`), is cut
    where the next items run into it (:func:`~itu_nb.loaders.akn_repair.unglue`), and is placed.
    """
    if depth > _MAX_DEPTH:
        raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
    drafts = []
    usual = _usual
    for kind, piece in pieces:  # as _item reads each item, without its call for the usual one
        if kind == "item":
            draft = usual(piece, section)
            if draft is None:
                draft = _unusual(piece, section, depth)
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
        elif not draft.label_runs and draft.kind is NodeKind.PARAGRAPH and runs:
            if later is None:
                later = _Later(drafts)
            _recover_label(drafts, i, later)
        for node in unglue(draft) or (draft,):
            if not node.label_runs:
                stack.clear()
                parent.add(node)
            else:
                place(parent, stack, node)


def _recover_label(drafts: list[OpenNode], i: int, later: _Later) -> None:
    """Give the unnumbered paragraph ``drafts[i]`` the label written at the start of its text when the next
    label among the drafts after it continues it (found by ``later``, without copying the drafts after it).
    """
    node = drafts[i]
    first = node.runs[0]
    text = first.text
    start = text[:1]
    # no label starts with an ASCII character other than a digit or a letter before ")" (the homoglyphs
    # read as Latin are none of them ASCII): most paragraphs are told so from two characters
    if start.isascii() and not start.isdigit() and not ("a" <= start <= "z" and text[1:2] == ")"):
        return
    # a label and its space are at most 5 characters: only they need reading as Latin
    m = _LABEL_IN_TEXT.match(text[:5].translate(HOMOGLYPHS)) if first.op is Op.EQUAL else None
    if m is None or not _continued(m.group("label"), later, i):
        return
    node.label_runs, node.runs = cut_runs(node.runs, m.end())
    node.label_marks, node.marks = node.marks, []  # their offsets already count the label
    node.kind = NodeKind.ITEM
    node.notes.append(f"label {node.bare_label} recovered from the text: the source has no <num> for it")


class _Later:
    """The first numbered draft after a place whose label reads in a given scheme, for :func:`_continued`.

    The places asked about only move forward (:func:`_fill` reads its drafts in order), so for each
    question (the scheme, and the letter a label is read after) the drafts are scanned once in all: the
    answer found stands until the place passes it.  A list of 20,000 paragraphs starting with a label
    and no numbered draft after them is read in linear time (it used to copy the rest of the list for each).
    """

    __slots__ = ("_drafts", "_found")

    def __init__(self, drafts: list[OpenNode]) -> None:
        self._drafts = drafts
        self._found: dict[tuple[str, str | None], int] = {}  # question → index of the answer (len: none)

    def first(self, i: int, scheme: str, previous: str | None) -> str | None:
        """The label of the first draft after ``drafts[i]`` with a ``num`` whose label reads in ``scheme``
        (read after the letter ``previous``), or None.
        """
        drafts = self._drafts
        key = (scheme, previous)
        at = self._found.get(key)
        if at is None or at <= i:  # not asked yet, or the answer is behind: none between it and i + 1
            at = i + 1 if at is None else max(at, i + 1)
            size = len(drafts)
            while at < size:
                d = drafts[at]
                if d.has_num and scheme_of(d.bare_label, previous, False) == scheme:
                    break
                at += 1
            self._found[key] = at
        return drafts[at].bare_label if at < len(drafts) else None


def _continued(label: str, later: _Later, i: int) -> bool:
    """True when the next label of the same scheme after ``drafts[i]`` is the successor of ``label``."""
    bare = label.rstrip(")")
    scheme, successor = ("number", str(int(bare) + 1)) if bare.isdigit() else ("letter", chr(ord(bare) + 1))
    other = later.first(i, scheme, None if bare.isdigit() else bare)
    return other is not None and other.translate(HOMOGLYPHS).strip("()").rstrip(".").lower() == successor


def _heading(pieces: list) -> OpenNode:
    """A container's keyword line (its intro or heading), taken out of ``pieces``; empty when none."""
    at = next((i for i, (k, p) in enumerate(pieces) if k == "text" and _local(p) in ("intro", "heading")), None)
    return OpenNode(NodeKind.SECTION).read(pieces.pop(at)[1]) if at is not None else OpenNode(NodeKind.SECTION)


def _section(el: etree._Element, top: OpenNode) -> None:
    """A ``recitals`` or ``hcontainer``: its intro/heading is the keyword line, the rest its items."""
    pieces = _pieces(el)
    node = _heading(pieces)
    name = el.get("name")
    if name in ("reasons", "annex"):
        return (_reasons if name == "reasons" else _annex)(node, pieces, top)
    written = node.text
    keyword = section_keyword(written) or written.rstrip(":,").strip() or "section"
    node.component = node.section = keyword
    for child in node.children:
        child.section = keyword
    top.add(node)
    if not node.runs:
        node.notes.append("the source gives this section no heading or intro")
    _fill(node, pieces, keyword, 1)
    split_run_in_sections(node, top)


def _reasons(node: OpenNode, pieces: list, top: OpenNode) -> None:
    """``hcontainer name="reasons"``: the ``Reasons:`` lead-in is the label; every block a paragraph."""
    node.kind, node.component = NodeKind.REASONS, "reasons"
    m = kw.REASONS.match(node.text)
    if m and not node.labelled:
        node.label_runs, node.runs = cut_runs(node.runs, m.end())
        node.label_marks, node.marks = node.marks, []  # their offsets already count the label
    top.add(node)
    for kind, piece in pieces:
        node.add(_item(piece, None, 1) if kind == "item" else _block(piece, None))


def _annex(node: OpenNode, pieces: list, top: OpenNode) -> None:
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
        _fill(container, run, container.section, 1)
        run = []
        if block is not None and keyword is not None:
            block.component = block.section = keyword
            container = node.add(block)


#: Top-level parts: element name → (kind, path); a container only when ``name="title"``.
_MAPPED = {
    "longTitle": (NodeKind.HEADING, "heading"),
    "container": (NodeKind.TITLE, "title"),
    "formula": (NodeKind.FORMULA, "formula"),
}


def _walk_parts(el: etree._Element, top: OpenNode, loose: list) -> None:
    """Map a statement's parts; what is not heading, title, formula or a section collects in ``loose``."""
    for child in _stray(el, loose):
        name = _local(child)
        if name == "meta":
            continue
        if name in ("preface", "preamble", "mainBody", "body"):
            _walk_parts(child, top, loose)
            continue
        mapped = _MAPPED.get(name if name != "container" or child.get("name") == "title" else "")
        if mapped is None and name not in _SECTIONS:
            loose.append(("item" if name in _ITEMS else "text", child))
            continue
        _fill(top, loose, None, 1)  # keep document order: what came before goes in first
        loose.clear()
        if mapped is None:
            _section(child, top)
        else:
            top.add(OpenNode(mapped[0], mapped[1]).read(child))


#: The elements of ``meta/proprietary`` that the itu_nb writer keeps for the loader (its ``keys`` and ``action``)
_OWN = (f"{{{ITU_NB}}}keys", f"{{{ITU_NB}}}action")


def _name(el: etree._Element) -> str:
    """An element's local name ("" for a comment or processing instruction)."""
    tag = el.tag
    return tag.rpartition("}")[2] if tag.__class__ is str else ""


def _meta_parts(el: etree._Element) -> dict[str, etree._Element]:
    """What a statement's ``meta`` says for the loader, by local name: the first ``FRBRnumber``
    (``meta/identification/FRBRWork/FRBRnumber``, any namespace) and the writer's first ``itu_nb:keys`` and
    ``itu_nb:action`` (``meta/proprietary``, any namespace but the writer's own for the path), in document order.

    A walk of the few elements on those paths (an XPath of ``local-name()`` tests read more of them).
    """
    found: dict[str, etree._Element] = {}
    for meta in el:
        if _name(meta) != "meta":
            continue
        for part in meta:
            name = _name(part)
            if name == "identification":
                for work in part:
                    if _name(work) == "FRBRWork":
                        for number in work:
                            if _name(number) == "FRBRnumber":
                                found.setdefault("FRBRnumber", number)
            elif name == "proprietary":
                for own in part:
                    tag = own.tag
                    if tag in _OWN:
                        found.setdefault(tag.rpartition("}")[2], own)
    return found


def _keys(found: etree._Element | None) -> list | None:
    """The clause keys the writer stores in ``meta/proprietary/itu_nb:keys`` (a JSON list, reading order)."""
    if found is None or not found.text:
        return None
    try:
        keys = json.loads(found.text)
    except ValueError:
        return None
    return keys if isinstance(keys, list) else None  # Proposal.with_keys checks the entries


def _action(el: etree._Element, found: etree._Element | None) -> str | None:
    """The proposal's action as the writer keeps it: ``meta/proprietary/itu_nb:action`` (``found``), or an attribute."""
    action = found.text if found is not None else el.get(f"{{{ITU_NB}}}action")
    return action.strip() if action and action.strip() else None


def _proposal(
    top: OpenNode, pid: str | None, index: int, action: str | None = None, read: tuple | None = None
) -> Proposal:
    """The proposal of a statement's (or a part's) top node; the id from its heading when ``pid`` is None.

    ``read`` is ``(heading, its runs, target)`` when the target was read already: taken as it is while
    the heading is still the first of ``top`` with those runs.
    """
    heading = next((c for c in top.children if c.kind is NodeKind.HEADING), None)
    if read is not None and heading is read[0] and heading is not None and heading.runs is read[1]:
        target = read[2]
    else:
        heading = heading or OpenNode(NodeKind.HEADING)
        target = parse_target(runs_text(heading.runs, "original"), runs_text(heading.runs, "amended"))
    pid = pid or (f"{target.kind[:3].lower()}-{target.number}" if target else f"statement-{index + 1}")
    return Proposal(pid, action, target, tuple(c.freeze("") for c in top.children))


def _statement(el: etree._Element, index: int) -> list[Proposal]:
    """One statement, id from ``FRBRnumber`` or else from its heading; a bare text unless an action is kept.

    The parts of the Final Acts that the converter ran into the statement follow it (:mod:`akn_parts`).
    """
    top = OpenNode(NodeKind.SECTION)
    loose: list = []
    _walk_parts(el, top, loose)
    _fill(top, loose, None, 1)
    lift_parents_items(top)
    meta = _meta_parts(el)
    number = meta.get("FRBRnumber")
    pid = number.get("value") if number is not None and number.get("value") else None
    heading = next((c for c in top.children if c.kind is NodeKind.HEADING), None)
    target = parse_target(runs_text(heading.runs, "original"), runs_text(heading.runs, "amended")) if heading else None
    parts = cut_parts(top, str(target) if target else pid or f"statement {index + 1}")
    structural_check(top)
    read = (heading, heading.runs, target) if heading is not None else None
    proposal = _proposal(top, pid, index, _action(el, meta.get("action")), read)
    return [proposal.with_keys(_keys(meta.get("keys"))), *(_proposal(part, None, index) for part in parts)]


def _documents(root: etree._Element) -> list[etree._Element]:
    """The statements (or acts, docs…) in document order, not counting documents nested in one."""
    # a walk that does not enter the documents it finds: it reads only the few elements around them (the
    # collection's wrappers), where a search of every element for the documents' names read them all
    found = []
    todo = list(reversed(root))
    while todo:
        el = todo.pop()
        tag = el.tag
        if tag.__class__ is not str:
            continue
        if tag.rpartition("}")[2] in _DOC_NAMES:
            found.append(el)
        else:
            todo.extend(reversed(el))
    return found


_META = (
    ("date", "FRBRWork/{*}FRBRdate", "date"),
    ("uri", "FRBRWork/{*}FRBRuri", "value"),
    ("language", "FRBRExpression/{*}FRBRlanguage", "language"),
    ("author", "FRBRWork/{*}FRBRauthor", "href"),
)


def _metadata(root: etree._Element) -> dict:
    """What the outer document says of itself: title, date, uri, language, conference."""
    outer = next(iter(_elements(root)), root)
    title = outer.find("./{*}preface/{*}longTitle")
    meta = {"title": _text(title, " ")} if title is not None and _text(title) else {}
    for key, path, attr in _META:
        found = outer.find(f"./{{*}}meta/{{*}}identification/{{*}}{path}")
        if found is not None and found.get(attr):
            meta[key] = found.get(attr)
    author = meta.pop("author", "")[1:]
    for org in outer.iterfind("./{*}meta/{*}references/*"):
        if author and org.get("eId") == author and org.get("showAs"):
            meta["conference"] = org.get("showAs")
    return meta


@register("akn")
def load_akn(data: bytes | str, source: str, **options) -> Document:
    """An Akoma Ntoso (AKN4UN) file: a collection such as the Final Acts, or a single statement.

    Parameters
    ----------
    data : bytes or str
        The XML.  A DTD (DOCTYPE or ENTITY declaration) is refused.
    source : str
        The file name, used in every error message.

    Returns
    -------
    Document
        ``format="akn"``; one proposal per statement, id from ``FRBRnumber``; ``action`` as kept by
        the itu_nb writer, else None (a bare text such as the Final Acts).

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> doc["Resolution 130"].target
    Target(kind='Resolution', number='130', revision='Rev. Dubai, 2018', new_revision=None)
    >>> doc["res-130"]["resolves/1"].notes
    ('label 1 recovered from the text: the source has no <num> for it',)
    """
    if options:
        raise TypeError(f"the akn loader takes no options (got {', '.join(sorted(options))})")
    with no_cycle_collection():  # a load makes many small objects and no cycle (loaders/gcpause.py)
        return _load(data, source)


def _load(data: bytes | str, source: str) -> Document:
    """:func:`load_akn`, with the collector paused."""
    root = safe_xml(data, source)
    if _local(root) != "akomaNtoso":
        raise LoadError(source, f"not Akoma Ntoso: the root element is <{_local(root)}>, expected <akomaNtoso>")
    documents = _documents(root)
    if not documents:
        raise LoadError(source, "Akoma Ntoso file without a statement, act or doc to read")
    try:
        proposals = tuple(p for i, d in enumerate(documents) for p in _statement(d, i))
    except RecursionError:
        raise LoadError(source, f"items nested more than {_MAX_DEPTH} levels deep; is this a real text?") from None
    return Document(source, "akn", _metadata(root), proposals, loose_lines(documents))
