"""The parts of a conference's Final Acts that follow its last text, cut out of that text.

The ``akn4itu`` converter that made ``pp18-final-acts.akn.xml`` did not see where the last text
(Recommendation 7) ends: its last item, *instructs the Secretary-General* 2, runs on with the
printed Parts VI (the signatories) and VII (the declarations and reservations), and the 84
declarations follow as items of the same section, down to the back cover of the book.

Guarantees of :func:`cut_parts`:
- a text whose items hold a part heading as printed (``489 PART VI - SIGNATORIES``: a page
  number may stand on either side) ends before it; the item keeps its own text and a note;
- each part is a tree of its own (a top node, read by :func:`itu_nb.loaders.akn.load_akn` into a
  bare-text :class:`~itu_nb.model.Proposal` with the target ``Part VI``, id ``par-VI``, as the
  text parser reads the same lines): the heading, the line after it as title, then one
  paragraph per signatory (``For the Republic of Albania ERMAL DREDHA``), per footnote
  (``____ * Note by …``), and the numbered declarations as items (``12`` with its text from
  ``Original: English For the Islamic Republic of Iran: …``), the declarations' own items as
  the items that follow them, as the text parser places a list of numbers;
- the nodes that came after the cut item (the declarations) move, in order, to the last part;
- the back cover (``International Telecommunication Union Sales and Marketing Division …``) is
  the last part's last paragraph, with a note;
- every character is kept, in reading order; page numbers and running heads (``D - 13 509``)
  stay in the text, where the converter put them;
- parts are numbered in order: a heading whose number does not rise above the last one's stays
  text, so a text holding thousands of headings gives a few parts, in time linear in its size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from itu_nb.loaders.akn_nodes import OpenNode, component
from itu_nb.loaders.akn_runs import cut_runs
from itu_nb.model import NodeKind, Op, Run, runs_text

__all__ = ["cut_parts"]

#: A part heading run into a text: "489 PART VI - SIGNATORIES", "PART VII - DECLARATIONS 499".
_PART_IN = re.compile(
    r"(?:(?<=\S)\s+|^)((?:\d{1,4}\s+)?PART\s+([IVX]{1,6})\s+-\s+[A-Z][A-Z ,]*[A-Z](?:\s*\([^()]*\))?(?:\s+\d{1,4})?)(?=\s|$)"
)


def _headings(text: str, pos: int = 0) -> Iterator[re.Match]:
    """What ``_PART_IN.finditer(text, pos)`` gives, read from the places "PART" stands.

    The regex starts with white space or the start, so ``re`` tries it at every character (about 50 ns
    each; the Final Acts' last item holds 10 kB).  A match has only white space and digits between its
    start and its "PART": for each "PART" only those few places are tried, in order, as ``re`` would.
    """
    while True:
        at = text.find("PART", pos)
        if at < 0:
            return
        start = at
        while start > pos and (text[start - 1].isspace() or text[start - 1].isdecimal()):  # \s, \d
            start -= 1
        for place in range(start, at + 1):
            m = _PART_IN.match(text, place)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


#: Where a part's text breaks into paragraphs: before a signatory ("For the Republic of …"), before
#: a footnote's rule ("____ * Note by …"), after a title that carries a footnote mark ("(Dubai, 2018)*"),
#: before a text of a list ("RESOLUTION 36 (REV. GUADALAJARA, 2010) Telecommunications/…").
_BREAK = re.compile(
    r"\s+(?=For (?:the )?[A-Z]|_{5,}|(?:RESOLUTION|DECISION|RECOMMENDATION) \d+[A-Z]? \()|(?<=\)\*)\s+(?=[A-Z])"
)
#: The back cover of an ITU publication.
_BACK_COVER = re.compile(r"\s+(?=International Telecommunication Union\s+Sales and Marketing Division\b)")


_BODY = (NodeKind.ITEM, NodeKind.PARAGRAPH)


def _plain(runs: list[Run]) -> bool:
    return all(r.op is Op.EQUAL for r in runs)


def _first_part(top: OpenNode) -> tuple[OpenNode, int, OpenNode, re.Match] | None:
    """``(container, index, node, match)``: the first child of ``top`` or of a top-level section whose
    text holds a part heading.
    """
    containers = [top, *(c for c in top.children if c.kind is NodeKind.SECTION)]
    for container in containers:
        for k, node in enumerate(container.children):
            runs = node.runs
            text = runs[0].text if len(runs) == 1 else runs_text(runs)
            if "PART " not in text or node.kind not in _BODY or not _plain(runs):
                continue
            m = next(_headings(text), None)
            if m is not None:
                return container, k, node, m
    return None


def _paragraphs(runs: list[Run]) -> list[list[Run]]:
    """``runs`` cut where :data:`_BREAK` finds a break (the spaces at a break are the break)."""
    text = runs_text(runs)
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append(_slice(runs, text, start, m.start()))
        start = m.end()
    out.append(_slice(runs, text, start, len(text)))
    return [r for r in out if runs_text(r).strip()]


def _part(heading: list[Run], body: list[Run], where: str) -> OpenNode:
    """A part's top node: heading, title, paragraphs."""
    top = OpenNode(NodeKind.SECTION)
    note = f"part heading recovered from the text of {where}, where the source ran it in"
    top.add(OpenNode(NodeKind.HEADING, "heading", runs=heading, notes=[note]))
    for i, runs in enumerate(_paragraphs(body)):
        top.add(OpenNode(NodeKind.TITLE, "title", runs=runs) if i == 0 else OpenNode(NodeKind.PARAGRAPH, runs=runs))
    return top


def _in_order(found) -> list[re.Match]:
    """The part headings whose numbers rise (I, II, … as a book numbers its parts): "PART II" after "PART
    IV" is text, not a part (and a text with thousands of headings has at most a few dozen parts).
    """
    out: list[re.Match] = []
    for m in found:
        if not out or _roman(m.group(2)) > _roman(out[-1].group(2)):
            out.append(m)
    return out


def _roman(numeral: str) -> int:
    values = [{"I": 1, "V": 5, "X": 10}[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


def _slice(runs: list[Run], text: str, start: int, end: int) -> list[Run]:
    """The runs of ``text[start:end]`` (``text`` is the runs' text): one slice for the usual single run."""
    if len(runs) == 1:
        return [runs[0].with_text(text[start:end])] if start < end else []
    return cut_runs(cut_runs(runs, end)[0], start)[1]


def _resection(node: OpenNode) -> None:
    stack = [node]
    while stack:
        d = stack.pop()
        d.section = None
        stack.extend(d.children)


def _last(node: OpenNode) -> OpenNode:
    while node.children:
        node = node.children[-1]
    return node


def cut_parts(top: OpenNode, name: str) -> list[OpenNode]:
    """Cut the parts run into the text ``top`` (named ``name`` in notes) out of it; see the module.

    Returns the parts' top nodes, in order (none for a text with no part run into it).
    """
    found = _first_part(top)
    if found is None:
        return []
    container, k, node, first = found
    runs, text = node.runs, runs_text(node.runs)
    where = f"{name}, {node.section or 'its text'} {node.bare_label}".rstrip()
    heads = _in_order(_headings(text, first.start()))
    if first.start() == 0:  # the item is all heading: its label is the printed page number before it
        runs = [Run(Op.EQUAL, node.bare_label + " "), *runs] if node.labelled else runs
        where += f" (an item all heading: its label {node.bare_label}, the printed page, goes with the heading)"
        text = runs_text(runs)
        heads = _in_order(_headings(text))
        del container.children[k]
        k -= 1
    else:
        node.runs = cut_runs(runs, first.start())[0]
        numbers = ", ".join(m.group(2) for m in heads)
        node.notes.append(
            f"the source ran Part(s) {numbers} of the Final Acts into this item: each is a part of its own"
        )
    parts = []
    for j, m in enumerate(heads):
        end = heads[j + 1].start() if j + 1 < len(heads) else len(text)
        start = m.end(1) + len(text[m.end(1) : end]) - len(text[m.end(1) : end].lstrip())
        parts.append(_part(_slice(runs, text, m.start(1), m.end(1)), _slice(runs, text, start, end), where))
    moved = container.children[k + 1 :]
    del container.children[k + 1 :]
    if container is not top:  # the top-level nodes after the section come along
        at = top.children.index(container)
        moved += top.children[at + 1 :]
        del top.children[at + 1 :]
    last = parts[-1]
    for child in moved:
        _resection(child)
        child.notes.append(f"was part of {name} in the source, which ran the Final Acts' parts into it")
        if child.kind is NodeKind.ITEM:
            child.component = component(last, child)
        last.add(child)
    _cut_back_cover(last)
    return parts


def _cut_back_cover(part: OpenNode) -> None:
    """The back cover, run into the last node of ``part``, as the part's last paragraph."""
    node = _last(part)
    m = _BACK_COVER.search(runs_text(node.runs)) if _plain(node.runs) else None
    if m is None:
        return
    runs = node.runs
    node.runs = cut_runs(runs, m.start())[0]
    node.notes.append("the source ran the back cover of the book into this text: it is the part's last paragraph")
    cover = OpenNode(NodeKind.PARAGRAPH, runs=cut_runs(runs, m.end())[1])
    cover.notes.append("the back cover of the printed Final Acts")
    part.add(cover)
