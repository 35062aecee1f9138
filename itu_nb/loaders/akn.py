"""Akoma Ntoso (AKN4UN) loader: a Final Acts collection or a single statement → Document.

Guarantees after :func:`load_akn`:
- one :class:`~itu_nb.model.Proposal` per statement (``statement``, ``act``, ``doc``…), in document order;
- clause kinds and paths follow the text parser (:mod:`itu_nb.parsing.tree`), so the plain text of a
  statement parses back to the same tree;
- every character of text under a statement (outside ``meta``) lands in exactly one node; elements the
  loader does not map are kept as paragraphs with a note;
- documents with a DTD (DOCTYPE / ENTITY) are refused before any entity could expand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from itu_nb.errors import LoadError
from itu_nb.loaders import register
from itu_nb.model import HOMOGLYPHS, Clause, Document, NodeKind, Op, Proposal, Run
from itu_nb.parsing.tree import label_scheme, parse_target, section_keyword

__all__ = ["load_akn", "safe_xml"]

_DOCS = ("statement", "act", "bill", "doc", "debate", "judgment", "amendment")
_WRAPPERS = {"preface", "preamble", "mainBody", "body", "content", "list", "blockList", "blockContainer"}
_ITEMS = {"recital", "paragraph", "subparagraph", "point", "item", "indent", "alinea", "clause"}
_SECTIONS = {"recitals", "hcontainer", "citations", "section", "chapter", "part", "division"}
_TEXT_BLOCKS = {"p", "num", "intro", "heading", "subheading", "wrapUp", "listIntroduction", "listWrapUp"}
_MAX_DEPTH = 40
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_DTD_REFUSED = (
    "refused: the XML declares a DOCTYPE/ENTITY, which Akoma Ntoso never needs and which can expand "
    "entities without limit or read local files; remove the declaration if you trust the file"
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: A first-item label the converter left inside the text: "a) the strategic plan", "1 to continue".
_LABEL_IN_TEXT = re.compile(r"^(?P<label>[a-z]\)|\d{1,3})(?P<sep> )(?=\S)")


def safe_xml(data: bytes | str, source: str) -> etree._Element:
    """Parse untrusted XML into its root element.

    Guarantees: no DTD was read, no entity expanded, nothing fetched from disk or
    network; any failure is a :class:`~itu_nb.errors.LoadError` naming ``source``.
    """
    data = data.lstrip("\ufeff") if isinstance(data, str) else data
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not raw.strip():
        raise LoadError(source, "the file is empty")
    if _DTD.search(raw):
        raise LoadError(source, _DTD_REFUSED)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        if isinstance(data, str):  # lxml refuses str with an encoding declaration; the text is decoded already
            root = etree.fromstring(_XML_DECL.sub("", data, count=1), parser)
        else:
            root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise LoadError(source, f"malformed XML at line {line}, column {column}: {exc.msg}") from None
    except ValueError as exc:
        raise LoadError(source, f"cannot be read as XML ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise LoadError(source, _DTD_REFUSED)
    return root


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2]


def _elements(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _norm(text: str) -> str:
    """Collapse XML white space (not NBSP, which is text) to single spaces."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _XML_SPACE.sub(" ", text).strip(" ")
    return text.strip(" ")


def _text(el: etree._Element, sep: str = "") -> str:
    return _norm(sep.join(el.itertext()))


def _stray(el: etree._Element) -> list[str]:
    """Text written directly inside ``el`` or between its children (none in well-formed AKN)."""
    bits = [el.text or ""] + [c.tail or "" for c in el]
    return [_norm(b) for b in bits if b.strip()]


@dataclass
class _Draft:
    """A clause under construction: mutable until its place in the tree is known."""

    kind: NodeKind
    component: str = ""
    label: str | None = None  # with its separator
    text: str = ""
    section: str | None = None
    scheme: str | None = None
    notes: list[str] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    has_num: bool = False

    @property
    def bare_label(self) -> str:
        return (self.label or "").strip()

    def add(self, child: _Draft) -> _Draft:
        """Append ``child``, giving it ``#2``, ``#3``… when its component is taken (as the text parser does)."""
        if child.kind is NodeKind.PARAGRAPH:
            child.component = f"p{sum(1 for c in self.children if c.kind is NodeKind.PARAGRAPH) + 1}"
        used = {c.component for c in self.children}
        base, n = child.component, 2
        while child.component in used:
            child.component, n = f"{base}#{n}", n + 1
        self.children.append(child)
        return child

    def freeze(self, prefix: str) -> Clause:
        path = f"{prefix}/{self.component}" if prefix else self.component
        return Clause(
            kind=self.kind,
            path=path,
            label_runs=(Run(Op.EQUAL, self.label),) if self.label else (),
            runs=(Run(Op.EQUAL, self.text),) if self.text else (),
            children=tuple(c.freeze(path) for c in self.children),
            section=self.section,
            notes=tuple(self.notes),
        )


def _component(parent: _Draft, node: _Draft) -> str:
    """Path component of an item, as the text parser names it: ``b``, ``4.1``, ``bullet2``."""
    if node.scheme in ("bullet", "dash"):
        return f"{node.scheme}{sum(1 for c in parent.children if c.scheme in ('bullet', 'dash')) + 1}"
    bare = node.bare_label.translate(HOMOGLYPHS).strip("()").rstrip(".")
    return re.sub(r"\s+", "", bare) or "item"


def _pieces(el: etree._Element) -> list[tuple[str, etree._Element | str]]:
    """``el``'s content in order: ``("num", el)``, ``("item", el)``, ``("text", el)``, ``("stray", str)``."""
    out: list[tuple[str, etree._Element | str]] = [("stray", s) for s in _stray(el)]
    for child in _elements(el):
        name = _local(child)
        if name in _WRAPPERS:
            out.extend(_pieces(child))
        elif name == "num":
            out.append(("num", child))
        elif name in _ITEMS:
            out.append(("item", child))
        elif name != "meta":
            out.append(("text", child))
    return out


def _block(piece: etree._Element | str, section: str | None) -> _Draft:
    """A paragraph from a text block; elements the loader does not know are kept, with a note."""
    if isinstance(piece, str):
        return _Draft(NodeKind.PARAGRAPH, text=piece, section=section, notes=["text outside any paragraph element"])
    node = _Draft(NodeKind.PARAGRAPH, text=_text(piece), section=section)
    if _local(piece) not in _TEXT_BLOCKS:
        node.notes.append(f"kept as one paragraph: the loader does not map <{_local(piece)}>")
    return node


def _item(el: etree._Element, section: str | None, depth: int) -> _Draft:
    """An item (recital, paragraph, point…): its num, its first text block, and the rest as children."""
    node = _Draft(NodeKind.PARAGRAPH, section=section)
    rest: list[tuple[str, etree._Element | str]] = []
    for kind, piece in _pieces(el):
        if kind == "num" and not node.has_num:
            node.label, node.has_num, node.kind = _text(piece) + "\t", True, NodeKind.ITEM
        elif kind == "text" and not node.text and not rest and _local(piece) in _TEXT_BLOCKS:
            node.text = _text(piece)
        else:
            rest.append((kind, piece))
    _fill(node, rest, section, depth + 1)
    return node


def _fill(parent: _Draft, pieces: list, section: str | None, depth: int) -> None:
    """Add ``pieces`` under ``parent``, placing flat sub-items the way the text parser would."""
    if depth > _MAX_DEPTH:
        raise RecursionError(f"items nested more than {_MAX_DEPTH} levels deep")
    drafts = []
    for kind, piece in pieces:
        drafts.append(_item(piece, section, depth) if kind == "item" else _block(piece, section))
    _recover_labels(drafts)
    stack: list[_Draft] = []
    for node in drafts:
        if node.label is None:
            stack.clear()
            parent.add(node)
            continue
        _place(parent, stack, node)


def _place(base: _Draft, stack: list[_Draft], node: _Draft) -> None:
    """Put a labelled item under ``base`` or under an open item whose list it continues."""
    letter = next((n for n in reversed(stack) if n.scheme == "letter"), None)
    previous = letter.bare_label.translate(HOMOGLYPHS).strip("()")[-1:].lower() if letter else ""
    colon = bool(stack) and stack[-1].text.rstrip().endswith(":")
    node.scheme = label_scheme(node.bare_label, previous or None, colon)
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].scheme == node.scheme:
            del stack[i:]
            break
    parent = stack[-1] if stack else base
    if parent is not base:
        node.notes.append(f"placed under {parent.bare_label}: the source gives this sub-item as a sibling")
    node.component = _component(parent, node)
    parent.add(node)
    while node is not None:  # the open lists after this item, as after reading its lines
        stack.append(node)
        node = node.children[-1] if node.children and node.children[-1].kind is NodeKind.ITEM else None


def _recover_labels(drafts: list[_Draft]) -> None:
    """Give an unnumbered item the label written at the start of its text when the next label continues it."""
    for i, node in enumerate(drafts):
        m = _LABEL_IN_TEXT.match(node.text.translate(HOMOGLYPHS)) if node.label is None else None
        if m is None or not _continued(m.group("label"), [d.bare_label for d in drafts[i + 1 :] if d.has_num]):
            continue
        node.label, node.text = node.text[: m.end()], node.text[m.end() :]
        node.kind = NodeKind.ITEM
        node.notes.append(f"label {node.bare_label} recovered from the text: the source has no <num> for it")


def _continued(label: str, later: list[str]) -> bool:
    """True when the next label of the same scheme in ``later`` is the successor of ``label``."""
    bare = label.rstrip(")")
    scheme, successor = ("number", str(int(bare) + 1)) if bare.isdigit() else ("letter", chr(ord(bare) + 1))
    for other in later:
        if label_scheme(other, None if bare.isdigit() else bare, False) == scheme:
            return other.translate(HOMOGLYPHS).strip("()").rstrip(".").lower() == successor
    return False


def _section(el: etree._Element, top: _Draft) -> None:
    """A ``recitals`` or ``hcontainer``: its intro/heading is the keyword line, the rest its items."""
    pieces = _pieces(el)
    at = next((i for i, (k, p) in enumerate(pieces) if k == "text" and _local(p) in ("intro", "heading")), None)
    written = _text(pieces.pop(at)[1]) if at is not None else ""
    keyword = section_keyword(written) or written.rstrip(":,").strip() or "section"
    node = top.add(_Draft(NodeKind.SECTION, keyword, text=written, section=keyword))
    if at is None:
        node.notes.append("the source gives this section no heading or intro")
    _fill(node, pieces, node.component, 1)


#: Top-level parts: element name → (kind, path); a container only when ``name="title"``.
_MAPPED = {
    "longTitle": (NodeKind.HEADING, "heading"),
    "container": (NodeKind.TITLE, "title"),
    "formula": (NodeKind.FORMULA, "formula"),
}


def _walk_parts(el: etree._Element, top: _Draft, loose: list) -> None:
    """Map a statement's parts; what is not heading, title, formula or a section collects in ``loose``."""
    loose.extend(("stray", s) for s in _stray(el))
    for child in _elements(el):
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
            top.add(_Draft(mapped[0], mapped[1], text=_text(child, " " if name == "longTitle" else "")))


def _statement(el: etree._Element, index: int) -> Proposal:
    """One statement as a bare text (``action=None``), id from ``FRBRnumber`` or else from its heading."""
    top = _Draft(NodeKind.SECTION)
    loose: list = []
    _walk_parts(el, top, loose)
    _fill(top, loose, None, 1)
    heading = next((c.text for c in top.children if c.kind is NodeKind.HEADING), "")
    target = parse_target(heading, heading)
    number = el.find("./{*}meta/{*}identification/{*}FRBRWork/{*}FRBRnumber")
    pid = number.get("value") if number is not None and number.get("value") else None
    pid = pid or (f"{target.kind[:3].lower()}-{target.number}" if target else f"statement-{index + 1}")
    return Proposal(pid, None, target, tuple(c.freeze("") for c in top.children))


def _documents(root: etree._Element) -> list[etree._Element]:
    """The statements (or acts, docs…) in document order, not counting documents nested in one."""
    tags = [f"{{*}}{t}" for t in _DOCS]
    return [d for d in root.iter(*tags) if not any(_local(a) in _DOCS for a in d.iterancestors())]


_META = (("date", "FRBRWork/{*}FRBRdate", "date"), ("uri", "FRBRWork/{*}FRBRuri", "value"))
_META += (("language", "FRBRExpression/{*}FRBRlanguage", "language"), ("author", "FRBRWork/{*}FRBRauthor", "href"))


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
        ``format="akn"``; one proposal per statement, ``action=None``, id from ``FRBRnumber``.

    Examples
    --------
    >>> doc = itu_nb.load("tests/fixtures/pp18-final-acts.akn.xml")
    >>> doc["Resolution 130"].target
    Target(kind='Resolution', number='130', revision='Rev. Dubai, 2018', new_revision=None)
    >>> doc["res-130"]["resolves/1"].notes
    ('label 1 recovered from the text: the source has no <num> for it',)
    """
    if options:
        raise TypeError(f"the akn loader takes no options (got {', '.join(sorted(options))})")
    root = safe_xml(data, source)
    if _local(root) != "akomaNtoso":
        raise LoadError(source, f"not Akoma Ntoso: the root element is <{_local(root)}>, expected <akomaNtoso>")
    documents = _documents(root)
    if not documents:
        raise LoadError(source, "Akoma Ntoso file without a statement, act or doc to read")
    try:
        proposals = tuple(_statement(d, i) for i, d in enumerate(documents))
    except RecursionError:
        raise LoadError(source, f"items nested more than {_MAX_DEPTH} levels deep; is this a real text?") from None
    return Document(source, "akn", _metadata(root), proposals)
