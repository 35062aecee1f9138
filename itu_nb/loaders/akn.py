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
  (:mod:`itu_nb.loaders.akn_repair`); not in a statement the itu_nb writer wrote (``identification
  source="#itu_nb"``), which is read as written;
- the parts of a Final Acts book run into a text (``PART VI - SIGNATORIES`` …) are cut out and follow it as
  bare texts of their own, ``par-VI`` (:mod:`itu_nb.loaders.akn_parts`);
- each text is checked against what it announces (numbering continuity, lists announced by a colon,
  headings and the order of preamble and operative part); what looks wrong is a note ``"check: …"`` on
  the node (:mod:`itu_nb.loaders.akn_check`);
- what :func:`itu_nb.export.akn.to_akn` writes comes back: ``<ins>``/``<del>`` (in ``p``, ``num``, headings)
  as INSERT/DELETE runs with their ``itu_nb:author``/``itu_nb:date``, the action from
  ``meta/proprietary/itu_nb:action``, ``hcontainer name="reasons"``/``"annex"`` as REASONS/ANNEX nodes,
  ``hcontainer name="formula"`` (a formula after the body's first clause) as the FORMULA node,
  ``authorialNote`` as footnotes (see :mod:`itu_nb.loaders.akn_runs`);
- documents with a DTD (DOCTYPE / ENTITY) are refused before any entity could expand.
"""

from __future__ import annotations

import json

from lxml import etree

from itu_nb.errors import LoadError
from itu_nb.loaders.akn_blocks import (
    _MAX_DEPTH,
    _elements,
    _fill,
    _local,
    _text,
)
from itu_nb.loaders.akn_check import structural_check
from itu_nb.loaders.akn_nodes import OpenNode
from itu_nb.loaders.akn_parts import cut_parts
from itu_nb.loaders.akn_remarks import loose_lines
from itu_nb.loaders.akn_repair import lift_parents_items
from itu_nb.loaders.akn_runs import ITU_NB
from itu_nb.loaders.akn_sections import (
    _walk_parts,
)
from itu_nb.loaders.akn_xml import safe_xml
from itu_nb.loaders.controls import pictured, restore
from itu_nb.loaders.gcpause import no_cycle_collection
from itu_nb.loaders.registry import register
from itu_nb.model import Document, NodeKind, Proposal, runs_text
from itu_nb.parsing.labels import parse_target

__all__ = ["load_akn", "safe_xml"]


_DOCS = ("statement", "act", "bill", "doc", "debate", "judgment", "amendment")


_DOC_NAMES = frozenset(_DOCS)


#: The elements of ``meta/proprietary`` that the itu_nb writer keeps for the loader (its ``keys`` and ``action``)
_OWN = (f"{{{ITU_NB}}}keys", f"{{{ITU_NB}}}action")


def _name(el: etree._Element) -> str:
    """An element's local name ("" for a comment or processing instruction)."""
    tag = el.tag
    return tag.rpartition("}")[2] if tag.__class__ is str else ""


def _meta_parts(el: etree._Element) -> dict[str, etree._Element]:
    """What a statement's ``meta`` says for the loader, by local name: the first ``identification`` and
    ``FRBRnumber`` (``meta/identification/FRBRWork/FRBRnumber``, any namespace) and the writer's first ``itu_nb:keys``
    and ``itu_nb:action`` (``meta/proprietary``, any namespace but the writer's own for the path), in document order.

    A walk of the few elements on those paths (an XPath of ``local-name()`` tests read more of them).
    """
    found: dict[str, etree._Element] = {}
    for meta in el:
        if _name(meta) != "meta":
            continue
        for part in meta:
            name = _name(part)
            if name == "identification":
                found.setdefault("identification", part)
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
    A statement the itu_nb writer wrote (``identification source="#itu_nb"``) is read as written: it has an element
    for every item, section and part and a ``num`` for every label, so none of the repairs of a converter's errors
    is made (labels or items read from a text, sections cut out of an item, items lifted, parts cut out), which
    would change a text's tree where its words look like what a converter runs together.
    """
    meta = _meta_parts(el)
    ident = meta.get("identification")
    repair = ident is None or ident.get("source") != "#itu_nb"
    top = OpenNode(NodeKind.SECTION)
    loose: list = []
    _walk_parts(el, top, loose, repair)
    _fill(top, loose, None, 1, repair=repair)
    if repair:
        lift_parents_items(top)
    number = meta.get("FRBRnumber")
    pid = number.get("value") if number is not None and number.get("value") else None
    heading = next((c for c in top.children if c.kind is NodeKind.HEADING), None)
    target = parse_target(runs_text(heading.runs, "original"), runs_text(heading.runs, "amended")) if heading else None
    parts = cut_parts(top, str(target) if target else pid or f"statement {index + 1}") if repair else []
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
    doc = Document(source, "akn", _metadata(root), proposals, loose_lines(documents))
    return restore(doc, pictured(root))  # (the control characters the writer wrote as their pictures, if any)
