"""Akoma Ntoso writer (AKN4UN, as the converter of the PP-18 Final Acts writes it).

One ``statement`` per proposal inside a ``documentCollection``: ``longTitle`` (heading),
``container name="title"``, ``formula name="enactingFormula"``, preamble sections as
``recitals`` with their keyword in ``<intro><p><i>…</i></p></intro>`` and ``recital``
items, operative sections as ``hcontainer`` with ``<heading><i>…</i></heading>`` and
``paragraph`` items (``num`` + ``content/p``), sub-items as ``point``.  A label is the
``num`` without its TAB.  Tracked changes are AKN's inline ``<ins>``/``<del>``.

Comments are AKN's inline editorial remark, where they stand (one made inside a change inside an
``ins``/``del`` of its own; one on a footnote inside its ``authorialNote``, at its place in the note's text):
``<remark class="comment" itu_nb:author="…" itu_nb:date="…">text</remark>`` (``remark`` is the
element AKN gives editorial remarks inside the text; a ``note`` in ``meta/notes`` would need a
``noteRef`` and an id to follow, and tools that ignore the notes would lose the author's place).
The tracked mark of a paragraph with text (two paragraphs joined or split in one view, read from Word) is an empty
remark where it stands, in the ``<ins>``/``<del>`` of its op: ``<del><remark class="paragraph-mark"
itu_nb:author="Brazil" itu_nb:date="…"></remark></del>``, read back as that node's ``paragraph-mark``.
A line that is no node (a proposal's marker line, a blank line: no AKN block stands for them, the
marker is metadata) holding a comment or a highlight is metadata of the statement it goes with
(:func:`~itu_nb.export.loose.loose_lines`), with the statement's marker line and, for a line after a node, the
lines between that node and it (:func:`~itu_nb.export.akn_loose.kept_lines`: Doc 67's closing separator and site
address before a note body no clause holds), in its ``proprietary`` block: ``<itu_nb:line n="0" on="marker" place="marker">`` (its 0-based source line, the kind of the
line, its place in the proposal: ``marker``, ``before``, ``after-marker``, ``inside`` or ``end`` with
``after`` the path of the node before it) holding the line's
artefacts in order, each an element named by its kind, with its text and, when set, ``op``
(``insert``/``delete``), ``author``, ``date`` and ``length``: ``<itu_nb:marker>MOD&#9;B/67/4
</itu_nb:marker><itu_nb:comment author="CEPT" date="2018-10-02">text</itu_nb:comment>``.  The loader
gives them back in ``Document.artefacts``, at the same lines.
A highlight is one ``<inline name="highlight">…</inline>``, AKN's generic named inline, holding the changes
(``ins``/``del``) and comments that stand inside it, so that it reads back as one highlight; two highlights side
by side are two elements, one with text inside another is an element inside the other's (hand-nested inlines
read back as they were; two that cross are refused, :mod:`itu_nb.export.nesting`); one made inside a change (over
that change's text alone) is ``<ins><inline>…</inline></ins>``; a highlight of no characters (a decision took them all) is an empty ``<inline name="highlight"/>``.
A highlight from a clause's label into its text (``{==a)<TAB>United==}``) is one element in the ``num`` and one in the
text block, the latter saying where the highlight began in ``itu_nb:from`` (its offset in the node's text, the label
counted: ``<p><inline name="highlight" itu_nb:from="0">United</inline>``; empty when the highlight ends with the
label's TAB), read back as one highlight, the TAB the ``num`` leaves out included.
A text block whose text has white space at an unchanged edge is marked ``xml:space="preserve"``: the loader keeps
that white space (elsewhere, white space at a block's edges is the layout of pretty-printing).  A paragraph before the enacting formula stays in the
preamble before it, so the formula is read back as the formula; a formula after the body's first clause (AKN allows
a ``formula`` only in the preface and preamble) is ``<hcontainer name="formula"><content><p>``, read back as the
formula.  Text and attribute values are
cleaned for XML: a control character is written as its Control Picture (``␇`` for U+0007; in text a VT, Word's
line break, is AKN's ``<br/>``), the characters pictured listed in the collection's
``<proprietary><itu_nb:controls>U+0007</itu_nb:controls>`` for the loader to map back
(:mod:`itu_nb.export.controls`), lone surrogates as U+FFFD.

What :func:`itu_nb.load` reads back: the same proposals (id in ``FRBRnumber``, action in
``proprietary``), paths, kinds, labels, both views of every node and every change with its
author and date, comments with their author and date (those of lines that are no node in
``Document.artefacts``, at their line), highlights; footnotes are
``authorialNote`` elements where their reference stands (a ``footnote-ref`` artefact of the clause, read back as
one there; at the end of their paragraph when the clause has none), a
``p`` per paragraph of the note, a paragraph whose break was inserted or deleted with ``itu_nb:mark``; each
``authorialNote`` has an ``eId`` (``cmp_4__authorialNote_1``, :func:`_note_ids`), which the ``noteRef`` at a later
reference to the note points at (``href="#cmp_4__authorialNote_1"``).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from itu_nb.export import controls
from itu_nb.export.akn_loose import kept_lines
from itu_nb.export.akn_meta import meta_text, with_controls
from itu_nb.export.akn_plain import TextSlots, _who
from itu_nb.export.akn_runs import AKN, ITU_NB, _el, _runs, clean
from itu_nb.export.akn_struck import struck_label
from itu_nb.export.limits import check_marks
from itu_nb.export.lines import as_document, keys_to_store
from itu_nb.export.loose import LooseLine
from itu_nb.export.nesting import check_nesting
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.markup import IN_NOTE

__all__ = ["to_akn"]

_PREAMBLE = {" ".join(k.split()) for k in kw.PREAMBLE}
_EDGE = (" ", "\t")  # white space a reader takes for layout at the edges of a block
_KIND = {"res": "resolution", "dec": "decision", "rec": "recommendation", "opi": "opinion"}


def _body(parent: etree._Element, node: Clause, block: etree._Element | None = None) -> None:
    """A node's text (without its label) into ``parent``, with its comments, highlights and footnotes; ``block`` is
    the text block holding ``parent`` (``parent`` itself when None), which a reader reads as one.
    """
    label = sum(len(r.text) for r in node.label_runs)
    _runs(parent, node.runs, notes=node.footnotes, marks=node.artefacts, at=label, after_label=bool(label))
    _keep_edges(block if block is not None else parent, node.runs)


def _keep_edges(block: etree._Element, runs) -> None:
    """Mark ``block`` ``xml:space="preserve"`` when its text (``runs``) has white space at an unchanged edge: there
    it is text, which a reader would otherwise take for layout and drop (the AKN loader keeps it so marked).
    """
    if runs and (
        (runs[0].op is Op.EQUAL and runs[0].text[:1] in _EDGE)
        or (runs[-1].op is Op.EQUAL and runs[-1].text[-1:] in _EDGE)
    ):
        block.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        block.text = block.text or ""  # no indentation from pretty-printing inside it (read as text here)


def _label(parent: etree._Element, node: Clause) -> None:
    label = sum(len(r.text) for r in node.label_runs)
    _runs(parent, node.label_runs, strip_tab=True, marks=node.artefacts, until=label)


class _Ids:
    def __init__(self):
        self.used: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        self.used[prefix] = self.used.get(prefix, 0) + 1
        return f"{prefix}_{self.used[prefix]}"


def _item(parent, node: Clause, tag: str, ids: _Ids, fast: TextSlots) -> None:
    el = _el(parent, tag, eId=ids(tag[:4]))
    struck = None if node.label_runs else struck_label(node)  # a clause inserted whole and struck
    if node.label_runs:
        _label(_el(el, "num"), node)
    elif struck is not None:
        _runs(_el(el, "num"), (), marks=struck[0])
        node = struck[1]
    holder = el if tag == "recital" else _el(el, "content")
    _body(_el(holder, "p"), node)
    _children(el, node, "point", ids, fast)


def _children(parent, node: Clause, tag: str, ids: _Ids, fast: TextSlots) -> None:
    """:func:`_child` for each child of ``node`` but its notes (each written at its reference: the ``authorialNote``
    in the text that references it, the heading's for a section); a run of plain leaves written at once
    (:meth:`~itu_nb.export.akn_plain.TextSlots.write_children`).
    """
    fast.write_children(parent, node.children, tag, ids, _child)


def _child(parent, node: Clause, tag: str, ids: _Ids, fast: TextSlots) -> None:
    if fast.write(parent, node, tag, ids):
        return
    if node.kind is NodeKind.ITEM:
        _item(parent, node, tag, ids, fast)
    else:  # an unlabelled paragraph
        _body(_el(parent, "p", eId=ids("p")), node)
        _children(parent, node, tag, ids, fast)


def _loose(parent: etree._Element, item: LooseLine) -> None:
    """A line that is no node as ``<itu_nb:line n=… on=… place=…>``, an element per artefact (module docstring)."""
    line = etree.SubElement(parent, f"{{{ITU_NB}}}line")
    line.set("n", str(item.line))
    line.set("on", clean(item.on))
    line.set("place", item.place)
    if item.after is not None:
        line.set("after", clean(item.after))
    for a in item.artefacts:
        el = etree.SubElement(line, f"{{{ITU_NB}}}{a.kind}")
        if a.op is not Op.EQUAL:
            el.set("op", "insert" if a.op is Op.INSERT else "delete")
        for key, value in (("author", a.author), ("date", a.date), ("move", a.move)):  # (move: an empty line moved)
            if value:
                el.set(key, clean(value))
        if a.length:
            el.set("length", str(a.length))
        if a.kind in IN_NOTE and a.offset is not None:  # (its place in its note's text)
            el.set("offset", str(a.offset))
        el.text = clean(a.text)


@functools.lru_cache(maxsize=4)
def _identification(on: str) -> etree._Element:
    """A statement's ``identification`` on day ``on``, its values that differ by proposal empty: the ``value`` of each
    ``FRBRthis`` and ``FRBRuri`` and of ``FRBRnumber`` (:func:`_statement` copies it and sets them).
    """
    meta = etree.Element(f"{{{AKN}}}meta", nsmap={None: AKN, "itu_nb": ITU_NB})  # (the namespaces of the document)
    ident = _el(meta, "identification", source="#itu_nb")
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        frbr = _el(ident, level)
        _el(frbr, "FRBRthis", value="")
        _el(frbr, "FRBRuri", value="")
        _el(frbr, "FRBRdate", date=on, name="export")
        _el(frbr, "FRBRauthor", href="#itu_nb")
        if level == "FRBRWork":
            _el(frbr, "FRBRcountry", value="un")
            _el(frbr, "FRBRnumber", value="")
        if level == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language="eng")
    return ident


def _meta(statement, proposal: Proposal, on: str, uri: str, keys: list | None, loose: tuple[LooseLine, ...]) -> None:
    """The ``meta`` of ``proposal``'s statement as elements (:func:`~itu_nb.export.akn_meta.meta_text` writes the
    same as text when there are no ``loose`` lines to keep in it).
    """
    target = proposal.target
    meta = _el(statement, "meta")
    ident = copy.deepcopy(_identification(on))  # (a copy of 19 elements costs what 2 made one by one do)
    meta.append(ident)
    for frbr, suffix in zip(ident, ("", "/eng@", "/eng@/.xml"), strict=True):
        frbr[0].set("value", clean(uri + suffix + ("" if suffix == "/eng@/.xml" else "/!main")))  # FRBRthis
        frbr[1].set("value", clean(uri + suffix))  # FRBRuri
    number = ident[0][5]
    number.set("value", clean(proposal.id))
    if target:
        number.set("showAs", clean(str(target)))
    if proposal.action or keys or loose:
        extra = _el(meta, "proprietary", source="#itu_nb")
        if proposal.action:
            etree.SubElement(extra, f"{{{ITU_NB}}}action").text = clean(proposal.action)
        if keys:  # clause keys a reload cannot derive from the labels, so change ids survive
            stored = json.dumps(keys, ensure_ascii=False, sort_keys=True)
            if clean(stored) != stored:  # a lone surrogate in a key: JSON escapes keep it exactly
                stored = json.dumps(keys, sort_keys=True)
            etree.SubElement(extra, f"{{{ITU_NB}}}keys").text = stored
        for item in loose:  # lines that are no node, with a comment or highlight: metadata, with their line
            _loose(extra, item)


def _statement(parent, proposal: Proposal, on: str, loose: tuple[LooseLine, ...], fast: TextSlots) -> None:
    target = proposal.target
    kind = _KIND.get(proposal.id.split("-")[0], (target.kind.lower() if target else "statement"))
    statement = _el(parent, "statement", name=kind)
    statement.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    uri = f"/akn/un/statement/deliberation/itu/{on}/{re.sub(r'[^A-Za-z0-9-]+', '-', proposal.id).strip('-')}"
    keys = keys_to_store(proposal)
    if not loose and fast.meta:  # (the usual meta, as text: akn_meta)
        level, out = fast.group(statement, join=False)
        out.append(meta_text(proposal, on, uri, keys, level))
    else:
        _meta(statement, proposal, on, uri, keys, loose)
    ids = _Ids()
    preface = preamble = body = None
    formula = max((i for i, n in enumerate(proposal.clauses) if n.kind is NodeKind.FORMULA), default=-1)
    for i, node in enumerate(proposal.clauses):
        if node.kind in (NodeKind.HEADING, NodeKind.TITLE):
            preface = preface if preface is not None else _el(statement, "preface")
            if node.kind is NodeKind.HEADING:
                _body(_el(_el(preface, "longTitle", eId="longTitle_1"), "p"), node)
            else:
                _body(_el(_el(preface, "container", name="title", eId="container_title"), "p"), node)
            continue
        in_preamble = body is None and (
            node.kind is NodeKind.FORMULA
            or (node.kind is NodeKind.SECTION and node.section in _PREAMBLE)
            or (node.kind is NodeKind.PARAGRAPH and i < formula)  # a paragraph before the formula stays before it
        )
        if in_preamble:
            preamble = preamble if preamble is not None else _el(statement, "preamble", eId="preamble")
            if node.kind is NodeKind.PARAGRAPH:
                _child(preamble, node, "recital", ids, fast)
            elif node.kind is NodeKind.FORMULA:
                _body(_el(_el(preamble, "formula", name="enactingFormula", eId="formula_1"), "p"), node)
            else:
                recitals = _el(preamble, "recitals", eId=ids("recs"))
                intro = _el(recitals, "intro")
                _body(_el(_el(intro, "p"), "i"), node, intro)
                _children(recitals, node, "recital", ids, fast)
            continue
        body = body if body is not None else _el(statement, "mainBody", eId="body")
        if node.kind is NodeKind.FORMULA:  # after the body's first clause: AKN has no formula there
            holder = _el(_el(body, "hcontainer", name="formula", eId=ids("hcont")), "content")
            _body(_el(holder, "p"), node)
        elif node.kind in (NodeKind.SECTION, NodeKind.ANNEX, NodeKind.REASONS):
            name = {"annex": "annex", "reasons": "reasons"}.get(node.kind.value, "operative")
            container = _el(body, "hcontainer", name=name, eId=ids("hcont"))
            heading = _el(container, "heading")
            _runs(_el(heading, "i"), node.label_runs + node.runs, notes=node.footnotes, marks=node.artefacts)
            _keep_edges(heading, node.label_runs + node.runs)
            _children(container, node, "paragraph", ids, fast)
        else:
            _child(body, node, "paragraph", ids, fast)
    _note_ids(statement, parent.get("eId") or "")


def _note_ids(statement: etree._Element, component: str) -> None:
    """Give each ``authorialNote`` of ``statement`` an ``eId`` and point each ``noteRef`` at it.

    Akoma Ntoso's naming convention: the element's name (no abbreviation is listed for ``authorialNote``), ``_`` and
    its rank in the statement in document order, after the eId of the ``component`` holding the statement and
    ``__`` (``cmp_2__authorialNote_1``): unique in the document (every statement numbers its own notes), and the same
    each time the document is written.  A ``noteRef`` the writer puts at a note's later reference (:func:`_note_ref`,
    written with the note's ``marker`` and class) gets ``href="#<that eId>"``: the ``authorialNote`` of that marker and
    class written last before it (the writer puts it earlier in the same block).
    """
    last: dict[tuple[str | None, str | None], str] = {}  # (marker, class) → the eId of the last such note
    n = 0
    for el in statement.iter(f"{{{AKN}}}authorialNote", f"{{{AKN}}}noteRef"):
        key = (el.get("marker"), el.get("class"))
        if el.tag.endswith("}noteRef"):
            if key in last:
                el.set("href", f"#{last[key]}")
            continue
        n += 1
        eid = f"{component}__authorialNote_{n}" if component else f"authorialNote_{n}"
        el.set("eId", clean(eid))
        last[key] = eid


#: How many proposals are written at a time (:func:`_akn_bytes`).
_BATCH = 64
#: A component standing for the proposals in the frame of the document (:func:`_akn_bytes`): no eId a proposal
#: gets (those are ``cmp_1``, ``cmp_2``…), and as bytes, an element never text (text escapes its ``<``).
_SLOT = "itu_nb-proposals"


def _akn_bytes(doc: Document) -> Iterator[bytes]:
    """The document as Akoma Ntoso (UTF-8, pretty-printed), in pieces: the frame before the proposals, each
    proposal's ``component``, the frame after them.

    The same bytes as one tree of the whole document written at once, without holding that tree: each proposal is
    built inside a copy of its ancestors (the root with its namespaces, ``documentCollection``, ``components``:
    an element's pretty-printed form depends only on its depth and on the namespaces and mixed content above it),
    written (:data:`_BATCH` at a time), then dropped; the frame (the collection's metadata and title) is written once with a stand-in
    ``component`` where the proposals go (50,000 proposals: a tree of 668 MB before).  Plain clauses and the usual
    ``meta`` are not built: a comment stands for them in the tree, replaced by their text in the written bytes
    (:class:`~itu_nb.export.akn_plain.TextSlots`; 100,000 items: 1.6 s of lxml elements before).
    """
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN, "itu_nb": ITU_NB})
    collection = _el(root, "documentCollection", name="itu_nb")
    on = doc.metadata.get("date") if re.match(r"\d{4}-\d\d-\d\d$", str(doc.metadata.get("date", ""))) else None
    on = on or datetime.now(timezone.utc).date().isoformat()  # the export's day in UTC: the same wherever it is written
    meta = _el(collection, "meta")
    ident = _el(meta, "identification", source="#itu_nb")
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value="/akn/un/documentCollection/itu_nb/!main")
    _el(work, "FRBRuri", value="/akn/un/documentCollection/itu_nb")
    _el(work, "FRBRdate", date=on, name="export")
    _el(work, "FRBRauthor", href="#itu_nb")
    refs = _el(meta, "references", source="#itu_nb")
    _el(refs, "TLCOrganization", eId="itu_nb", href="/ontology/software/itu_nb", showAs="itu_nb")
    title = doc.metadata.get("title")
    if title:
        _el(_el(_el(collection, "preface"), "longTitle"), "p").text = clean(title)
    components = _el(collection, "components")
    if not doc.proposals:
        yield etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return
    _el(components, "component", eId=_SLOT)
    frame = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    slot = frame.index(f'<component eId="{_SLOT}"/>'.encode())
    slot = frame.rindex(b"\n", 0, slot) + 1  # the stand-in's line, its indentation included
    yield frame[:slot]
    # the ancestors of a proposal's component, as in the frame
    box = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN, "itu_nb": ITU_NB})
    holder = _el(_el(box, "documentCollection", name="itu_nb"), "components")
    loose: dict[int, list[LooseLine]] = {}
    for item in kept_lines(doc):
        loose.setdefault(item.proposal, []).append(item)
    start = tail = 0  # where the components' lines start in their copy of the ancestors; what follows them
    last = len(doc.proposals)
    fast = TextSlots()
    for k, proposal in enumerate(doc, start=1):
        _statement(_el(holder, "component", eId=f"cmp_{k}"), proposal, on, tuple(loose.get(k - 1, ())), fast)
        if k % _BATCH and k != last:
            continue
        written = etree.tostring(box, encoding="UTF-8", pretty_print=True)
        if not start:  # (the same each time)
            start = written.index(b"<components>\n") + len(b"<components>\n")
            tail = len(written) - (written.rindex(b"\n", 0, written.rindex(b"</components>")) + 1)
        yield fast.splice(written[start : len(written) - tail])
        holder.clear()
    yield frame[frame.index(b"\n", slot) + 1 :]


def to_akn(x, path=None, *, author: str | None = None, date: str | None = None) -> str:
    """Write a Document, Proposal or Comparison as Akoma Ntoso XML; see :func:`itu_nb.to_akn`."""
    doc = as_document(x, author=author, date=date)
    check_marks(doc, "Akoma Ntoso")
    check_nesting(doc, "Akoma Ntoso", nests=True)
    seen = controls.start(_who)  # (the control characters written as their pictures; the cleaned values' cache)
    text = "".join(part.decode("utf-8") for part in _akn_bytes(doc))
    if seen:
        text = with_controls(text, controls.check(doc, seen, "Akoma Ntoso"))
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
