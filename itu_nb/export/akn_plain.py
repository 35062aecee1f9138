"""The Akoma Ntoso writer's plain clauses written as XML text, without lxml elements.

Most clauses of a long document are a label and text with simple tracked changes, with no note, comment,
highlight or other artefact: :func:`plain` says whether a clause and every clause it holds is such a one, and
:func:`write_plain` writes it as :func:`itu_nb.export.akn._child` would build it (a ``paragraph``, ``point`` or
``recital`` with its ``num`` and ``content/p``, an unlabelled paragraph's ``p`` and what it holds after it), to the
bytes lxml gives for those elements pretty-printed at their depth: an element on a line of its own, indented two
spaces a level (at most 60 spaces, libxml2's cap), unless its parent holds text (even empty: ``<p></p>``); an
element holding nothing ``<num/>``; text escaped as libxml2 escapes it (``&``, ``<``, ``>`` and a carriage return;
also ``"``, TAB and line feed in attribute values), after the writer's own cleaning
(:func:`~itu_nb.export.akn_runs.clean`; an author's or date's TAB and line feed as spaces; VT as ``<br/>``).  The
element ids are taken from the statement's counter in the same order.  Building the elements cost about a dozen lxml
elements per clause, each made, namespaced and serialised; :class:`TextSlots` puts a comment in the tree where the
clauses go and replaces it with this text once the statement is serialised.  ``tests/test_akn_fast_writer.py``
compares both ways byte for byte.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from lxml import etree

from itu_nb.export.akn_runs import _INVALID, clean
from itu_nb.model import Clause, NodeKind, Op

__all__ = ["TextSlots", "escape_attr", "escape_text", "indent", "plain", "write_plain"]

#: How libxml2 escapes text and attribute values (UTF-8 output: every other character as it is).
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)
_SPECIAL = frozenset("&<>\r")
_SPECIAL_ATTR = frozenset('&<>"\r\n\t')
_EDGE = (" ", "\t")  # as akn._EDGE: white space a reader takes for layout at the edges of a block
_FOOTNOTE = NodeKind.FOOTNOTE
_ITEM = NodeKind.ITEM
_EQUAL = Op.EQUAL
_INSERT = Op.INSERT
#: libxml2 indents at most this many levels (``MAX_INDENT`` 60 characters, two a level).
_MAX_LEVEL = 30


@functools.lru_cache(maxsize=64)
def indent(level: int) -> str:
    """A line break and the indentation libxml2 puts before an element at ``level`` (the root's children: 1)."""
    return "\n" + "  " * min(level, _MAX_LEVEL)


def escape_text(text: str) -> str:
    """``text`` (cleaned already) escaped as libxml2 escapes text content."""
    return text.translate(_TEXT) if not _SPECIAL.isdisjoint(text) else text


def escape_attr(value: str) -> str:
    """An attribute value (cleaned already) escaped as libxml2 escapes it."""
    return value.translate(_ATTR) if not _SPECIAL_ATTR.isdisjoint(value) else value


@functools.lru_cache(maxsize=1024)
def _who(author: str | None, date: str | None, move: str | None = None) -> str:
    """The attributes :func:`~itu_nb.export.akn_runs._who` (and ``_moved``, for a run of a move) sets, serialised
    (a document has few authors and dates: each made once).
    """
    out = ""
    if author:
        out += f' itu_nb:author="{clean(author).replace(chr(9), " ").replace(chr(10), " ").translate(_ATTR)}"'
    if date:
        out += f' itu_nb:date="{clean(date).replace(chr(9), " ").replace(chr(10), " ").translate(_ATTR)}"'
    if move is not None:
        out += f' itu_nb:move="{clean(move).replace(chr(9), " ").replace(chr(10), " ").translate(_ATTR)}"'
    return out


def plain(node: Clause, memo: dict[int, bool]) -> bool:
    """Whether ``node`` and every node it holds is plain: no artefact (comment, highlight, note reference…) and no
    footnote; ``memo`` keeps the answer per node (``id``) for the nodes alive while a statement is written.
    """
    known = memo.get(id(node))
    if known is not None:
        return known
    ok = not node.artefacts
    if ok:
        for child in node.children:
            if child.kind is _FOOTNOTE or not plain(child, memo):
                ok = False
                break
    memo[id(node)] = ok
    return ok


def _block(tag: str, attrs: str, runs, level: int, keep: bool, last: str | None = None) -> str:
    """A text block ``tag`` holding ``runs`` (:func:`~itu_nb.export.akn_runs._runs` with no marks or notes) at
    ``level``; ``keep``: its text has white space at an edge (``xml:space="preserve"``, an empty text);
    ``last``: the text of the last run instead of its own (a label without its separator).
    """
    if len(runs) == 1:  # (most blocks: one run of text with nothing to clean, no VT)
        run = runs[0]
        value = run.text if last is None else last
        if value and (value.isprintable() or _INVALID.search(value) is None):  # (VT and FF are among _INVALID)
            if run.op is _EQUAL:
                return f"<{tag}{attrs}>{escape_text(value)}</{tag}>"
            name = "ins" if run.op is _INSERT else "del"
            change = f"<{name}{_who(run.author, run.date, run.move)}>{escape_text(value)}</{name}>"
            if keep:
                return f"<{tag}{attrs}>{change}</{tag}>"
            return f"<{tag}{attrs}>{indent(level + 1)}{change}{indent(level)}</{tag}>"
    text: str | None = "" if keep else None  # the block's text, None when it has no text node
    children: list[list] = []  # [the child serialised, its tail (None when it has none)]
    final = len(runs) - 1
    for i, run in enumerate(runs):
        value = run.text if last is None or i != final else last
        head = clean(value)
        if not head:
            continue
        rest: list[str] = []
        if "\v" in value:  # (else the text cleaned is its one part)
            head, *rest = value.split("\v")
            head = clean(head)
        if run.op is _EQUAL:
            if children:
                children[-1][1] = (children[-1][1] or "") + head
            else:
                text = (text or "") + head
            for part in rest:
                children.append(["<br/>", clean(part)])
        else:
            name = "ins" if run.op is _INSERT else "del"
            inner = escape_text(head) + "".join("<br/>" + escape_text(clean(part)) for part in rest)
            children.append([f"<{name}{_who(run.author, run.date, run.move)}>{inner}</{name}>", None])
    if text is None:
        if not children:
            return f"<{tag}{attrs}/>"
        if all(child[1] is None for child in children):  # element children alone: each on a line of its own
            inner_indent = indent(level + 1)
            return f"<{tag}{attrs}>{''.join(inner_indent + c[0] for c in children)}{indent(level)}</{tag}>"
    out = [f"<{tag}{attrs}>", escape_text(text or "")]
    for xml, tail in children:
        out.append(xml)
        if tail:
            out.append(escape_text(tail))
    out.append(f"</{tag}>")
    return "".join(out)


def _keep(runs) -> bool:
    """Whether :func:`itu_nb.export.akn._keep_edges` marks a block of ``runs`` ``xml:space="preserve"``."""
    return bool(runs) and (
        (runs[0].op is _EQUAL and runs[0].text[:1] in _EDGE) or (runs[-1].op is _EQUAL and runs[-1].text[-1:] in _EDGE)
    )


def _label(node: Clause, level: int) -> str:
    """The ``num`` of a labelled node, its separator stripped as :func:`~itu_nb.export.akn_runs._runs` strips it."""
    runs = node.label_runs
    tail = runs[-1]
    stripped = tail.text.rstrip("\t ")
    last = stripped if stripped or tail.op is _EQUAL else None  # (a TAB inserted or deleted whole: kept)
    return _block("num", "", runs, level, False, last)


def write_plain(node: Clause, tag: str, ids: Callable[[str], str], level: int, out: list[str]) -> None:
    """Append to ``out`` the elements :func:`itu_nb.export.akn._child` writes for the plain ``node`` at ``level``,
    each after a line break and its indentation: an item as ``tag`` (``paragraph``, ``point``, ``recital``), an
    unlabelled paragraph as ``p`` followed by what it holds.
    """
    at = indent(level)
    runs = node.runs
    preserve = ' xml:space="preserve"' if _keep(runs) else ""
    if node.kind is not _ITEM:
        attrs = f' eId="{ids("p")}"{preserve}'
        out.append(at + _block("p", attrs, runs, level, bool(preserve)))
        for child in node.children:
            write_plain(child, tag, ids, level, out)
        return
    out.append(f'{at}<{tag} eId="{ids(tag[:4])}">')
    inner = indent(level + 1)
    if node.label_runs:
        out.append(inner + _label(node, level + 1))
    if tag == "recital":
        out.append(inner + _block("p", preserve, runs, level + 1, bool(preserve)))
    else:
        p = _block("p", preserve, runs, level + 2, bool(preserve))
        out.append(f"{inner}<content>{indent(level + 2)}{p}{inner}</content>")
    for child in node.children:
        write_plain(child, "point", ids, level + 1, out)
    out.append(f"{at}</{tag}>")


class TextSlots:
    """Where what is written as text goes in the element tree of the statements being written: a comment
    ``<!--n-->`` stands for the ``n``-th group of text (plain clauses that are siblings, one after another; a
    statement's ``meta``), replaced by it once the tree is serialised (:meth:`splice`).
    """

    #: Whether a statement's ``meta`` is written as text (:func:`~itu_nb.export.akn_meta.meta_text`; the tests
    #: compare it with the elements).
    meta = True
    #: Whether a run of plain leaves is written at once (:meth:`write_children`; the tests switch it off with
    #: :func:`plain`, to compare with the elements).
    leaves = True

    def __init__(self):
        self.groups: list[list[str]] = []
        self.memo: dict[int, bool] = {}  # plain or not, by node (the nodes of the document, alive while it is written)
        self.last: tuple[etree._Element, etree._Element, int, list[str]] | None = None

    def group(self, parent: etree._Element, join: bool = True) -> tuple[int, list[str]]:
        """The level of an element put at the end of ``parent`` and the group its text goes to: the last group when
        ``join`` and its comment is still the last child of ``parent``, else a new one.
        """
        last = self.last
        if not join or last is None or last[0] is not parent or last[1].getnext() is not None:
            comment = etree.Comment(str(len(self.groups)))
            parent.append(comment)
            level, up = 0, parent
            while up is not None:
                level, up = level + 1, up.getparent()
            self.groups.append([])
            last = self.last = (parent, comment, level, self.groups[-1])
        return last[2], last[3]

    def write(self, parent: etree._Element, node: Clause, tag: str, ids: Callable[[str], str]) -> bool:
        """Write ``node`` as text at the end of ``parent`` when it is plain (True), else nothing (False)."""
        if not plain(node, self.memo):
            return False
        write_plain(node, tag, ids, *self.group(parent))
        return True

    def write_children(
        self, parent: etree._Element, children: tuple[Clause, ...], tag: str, ids: Callable[[str], str], child: Callable
    ) -> None:
        """Write ``children`` (but the footnotes) at the end of ``parent`` as :func:`itu_nb.export.akn._child`
        (``child``) writes each: a run of plain leaves (no artefact, no child: most items of a long list) into one
        group at once, without asking :meth:`write` of each (the group :meth:`group` would give each of them).
        """
        out: list[str] | None = None  # the group the last leaves went to, while its comment is the last child
        level = 0
        leaves = self.leaves
        for node in children:
            if node.kind is _FOOTNOTE:
                continue
            if leaves and not node.artefacts and not node.children:
                if out is None:
                    level, out = self.group(parent)
                write_plain(node, tag, ids, level, out)
            else:
                child(parent, node, tag, ids, self)
                out = None

    def splice(self, written: bytes) -> bytes:
        """``written`` (the serialised tree, or a slice of it) with each comment replaced by its text; the groups
        are then forgotten.
        """
        self.memo.clear()
        self.last = None
        if not self.groups:
            return written
        head, *parts = written.split(b"<!--")  # (text and attribute values escape "<": only the comments)
        out = [head]
        for part in parts:
            n, _, rest = part.partition(b"-->")
            text = "".join(self.groups[int(n)])
            out.append(text[text.index("<") :].encode("utf-8"))  # (the comment stands after the first indentation)
            out.append(rest)
        self.groups.clear()
        return b"".join(out)
