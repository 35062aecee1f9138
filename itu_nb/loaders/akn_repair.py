"""Repairs of errors that Akoma Ntoso converted from PDF makes again and again (the PP-18 Final Acts).

The public ``akn4itu`` converter that made ``pp18-final-acts.akn.xml`` runs text together
where the PDF's layout was its only mark.  Three of its errors are regular enough to undo:

1. **Items run together.**  "…in the use of ICTs; 10 to take into account…; 11 to support…":
   items 10 and 11 are inside item 9's text.  :func:`unglue` cuts an item's text where,
   after a ``;`` or ``:`` and a space, a label continues the item's own numbering (``10``
   after ``9``, ``ii)`` after ``i)``, ``c)`` after ``b)``): the first label run in must be
   the successor of the item's own, each next one the successor of the one before, and the
   chain stops at the first that is not (an item quoting a list, "b) … to prevent: a) …;
   b) …; c) …", is left whole).  Each piece becomes an item with that label (a note says it
   was recovered from the text); the item's sub-items follow the last piece, as they did in
   the text.  The last sub-item of an item is read the same way against the item's label:
   "2 … so as to: … v) further develop …; 3 to prepare …" gives item 2's next siblings
   (:func:`lift_parents_items`).
2. **Section headings swallowed.**  "…between the study groups and programmes concerned,
   instructs the Director of the Telecommunication Standardization Bureau": the heading of
   the next section ends the last item before it, and the items that follow sit in the
   wrong section.  The heading is cut off when an item's text ends (with no final stop) in a
   comma, a space and a whole section line (an operative verb with its addressee, or a
   preamble keyword).
3. **Whole sections run in.**  "…the framework for such use of telecommunication/ICT
   resources, resolves to instruct the Secretary-General 1 to collaborate…; 2 to continue…":
   a section line and its list follow in the same text.  The cut is made where, after a
   ``,``, ``;`` or ``.`` and a space, an operative section line is followed by the label
   ``1``, ``a)`` or ``i)``; the list is then cut as in 1.
4. **One-line sections run in.**  "…in accordance with Resolution 100 (Minneapolis, 1998) of the
   Plenipotentiary Conference, requests the ITU Council to include the report of the
   Secretary-General …,": at the end of a section's last item, after ``,;.`` and a space, a
   section line (an operative verb and its addressee, with neither "that" nor "thereof") and
   the one paragraph it heads, which opens with "to" and a verb.  The paragraph may hold the
   next one-line section in turn.

:func:`split_run_in_sections` makes the cuts of 2, 3 and 4: the heading opens a new section
right after the current one, and the items after the cut item move into it; the new
section is searched again (its last item may hold the next section).  Every repaired node
says so in a note.  Everything keeps every character in reading order, except the space at
a cut, which becomes the break between two nodes (as between any two paragraphs).  Text
with tracked changes is left alone.  What is not regular is left as the source has it: a
heading glued to the *start* of an item, a section line whose end no "to" and verb marks
("urges Member States Parties to the Tampere Convention to take …"), a verb quoted from
another body ("the Committee …, recommends that States …").  The cuts of 2-4 are also made in
an item's own text before its sub-items, which then follow the cut (the sub-items of the
last section cut out of it).
"""

from __future__ import annotations

import re

# _RUN_IN: imported from here by the tests, with the section searches it sits beside in the module docstring
from itu_nb.loaders.akn_items import _RUN_IN as _RUN_IN
from itu_nb.loaders.akn_items import _Either, _equal, _unglued, lift_parents_items, unglue
from itu_nb.loaders.akn_nodes import OpenNode, component, place
from itu_nb.loaders.akn_nodes import keyword as section_keyword
from itu_nb.loaders.akn_runs import slice_runs
from itu_nb.model import NodeKind, Op, Run, runs_text
from itu_nb.parsing import keywords as kw

__all__ = ["lift_parents_items", "split_run_in_sections", "unglue"]


#: Where a swallowed heading may start: after a comma and a space, at a lower-case word.
_COMMA = _Either(",.", r"(\s+)(?=[a-z])")


#: Where a section run into a text may start: after ``,;.`` and spaces, at an operative verb.
_SECTION_IN = _Either(
    ",;.",
    r"(\s+)(?=(?:further\s+)?(?:" + "|".join(sorted({v.split()[0] for v in kw.OPERATIVE} - {"further"})) + r")\b)",
)


#: "resolves to instruct", "decides to request": the one "to" a section line may hold.
_LEAD_TO = re.compile(r"^(?:further\s+)?(?:resolves|decides)(?:\s+further)?\s+to\s+\w+")


#: "resolves to instruct" anywhere: the lead of a section line that holds a "to".
_LEAD_TO_AT = re.compile(r"(?:further\s+)?(?:resolves|decides)(?:\s+further)?\s+to\s+(?:instruct|request|invite)\b")


#: Where the one paragraph of a one-line section starts: "to" and a verb after its section line
#: (not "to the …": "urges Member States Parties to the Tampere Convention to take …").
_TO = re.compile(r"(\s+)(?=to\s+(?!(?:the|this|these|its|their|all|any|a|an)\b)[a-z])")


#: The first label of a run-in section's list, after its heading.
_FIRST = re.compile(r"(\s+)(1|a\)|i\))( )(?=[a-z“\"])")


def _swallowed_at(text: str) -> tuple[int, int] | None:
    """``(end of the item's own text, start of the heading)`` when ``text`` (plain, without trailing
    space, ending in no stop) ends in a swallowed heading.
    """
    # a rest holding a ";" or ":" is no section line, nor any longer rest: only the text after the last
    # of them is read (a text of pages ending in a heading is not scanned whole at every look)
    start = max(text.rfind(";"), text.rfind(":")) + 1
    for m in reversed(_COMMA.every(text, start)):
        rest = text[m.end() :]
        if len(rest) > _LONGEST_LINE and len(" ".join(rest.replace("\xa0", " ").split())) > _LONGEST_LINE:
            return None  # no section line is this long, nor any longer rest before it: stop reading
        if section_keyword(rest):
            return m.start() + 1, m.end()
    return None


#: The longest section line :func:`itu_nb.parsing.labels.section_keyword` reads, white space collapsed.
_LONGEST_LINE = 250


def _run_in_at(text: str) -> tuple[int, int, int, int] | None:
    """``(end of own text, heading start, heading end, label start)`` when a section is run into the
    plain ``text``.
    """
    for m in _SECTION_IN.finditer(text):
        first = _FIRST.search(text, m.end(), m.end() + 300)
        heading = text[m.end() : first.start()] if first else ""
        if first and _heading_ok(heading):
            return m.start() + 1, m.end(), first.start(), first.start(2)
    return None


def _one_line_at(text: str) -> tuple[int, int, int, int] | None:
    """``(end of own text, heading start, heading end, paragraph start)`` when a one-line section is run
    into the end of the plain ``text``: "…, requests the ITU Council to include the report … of the Convention,".
    """
    for m in _SECTION_IN.finditer(text):
        lead = _LEAD_TO_AT.match(text, m.end())
        to = _TO.search(text, lead.end() if lead else m.end())
        heading = text[m.end() : to.start()] if to else ""
        if to and _heading_ok(heading) and not _NOT_A_LINE.search(heading) and not _ENDS_LABEL.search(heading):
            return m.start() + 1, m.end(), to.start(), to.end()
    return None


def _cut_in(node: OpenNode, last_child: bool) -> tuple[str, tuple[int, ...]] | None:
    """The cut in ``node``, as ``(how, cut)``: a section run in with its list (:func:`_run_in_at`), else a
    swallowed heading (:func:`_swallowed_at`), else, in a section's last child (``last_child``), a one-line
    section (:func:`_one_line_at`).  The text is read once for the three; footnotes and tracked text
    are left alone.
    """
    if node.kind is NodeKind.FOOTNOTE:
        return None
    runs = node.runs
    text = runs[0].text if len(runs) == 1 else runs_text(runs)
    stripped = text.rstrip()
    swallow = bool(stripped) and stripped[-1] not in ".;:,"  # a section line has no final stop
    # a run-in section needs its first label and a verb; a one-line section (last child) a verb only:
    # the text is scanned for the one the cuts possible here need first, for the other only after
    if last_child:
        verb = _SECTION_IN.search(text) is not None
        label = verb and ("1 " in text or "a) " in text or "i) " in text)  # a run-in section's first label
    else:
        label = "1 " in text or "a) " in text or "i) " in text
        verb = label and _SECTION_IN.search(text) is not None
    if not (swallow or verb) or not _equal(runs):  # the usual case ends here
        return None
    cut: tuple[int, ...] | None = _run_in_at(text) if label and verb else None
    if cut is not None:
        return "run in", cut
    cut = _swallowed_at(stripped) if swallow else None
    if cut is not None:
        return "swallowed", cut
    cut = _one_line_at(text) if last_child and verb else None
    return ("one line", cut) if cut is not None else None


#: Words no section line holds: a citation ("instructs the Director … thereof") or a clause ("recommends
#: that States …", the words of another body quoted in a preamble item).
_NOT_A_LINE = re.compile(r"\b(?:thereof|that)\b")


#: A heading that ends in a label is a section with its list (case 3), not a one-line section.
_ENDS_LABEL = re.compile(r"\s(?:\d{1,3}|[a-z]\)|[ivx]{1,4}\))$")


def _heading_ok(heading: str) -> bool:
    """A section line with nothing of an item in it: no ``;`` or ``:``, and no "to …" but in
    "resolves to instruct …" ("instructs the Directors to report … in Annex 1 to Resolution 71"
    is a one-line section with a cross-reference, not a heading and its list).
    """
    if ";" in heading or ":" in heading or not section_keyword(heading):
        return False
    return re.search(r"\bto\b", _LEAD_TO.sub("", heading)) is None


def _first_cut(section: OpenNode, start: int = 0) -> tuple[int, OpenNode, str, tuple[int, ...]] | None:
    """The first child of ``section`` from ``start`` on whose last node, or whose own text before its
    sub-items, has a section run in or swallowed: ``(k, node, how, cut)``.
    """
    children = section.children
    end = len(children) - 1
    for k in range(start, end + 1):
        child = last = children[k]
        while last.children:
            last = last.children[-1]
        if k != end:  # in the middle of the section: the texts the reader found nothing to cut in (OpenNode.quiet)
            found = None if last.quiet is last.runs else _cut_in(last, False)  # are passed by, as _cut_in would
            if found is None and last is not child:
                last = child
                found = None if child.quiet is child.runs else _cut_in(child, False)
        else:
            found = _cut_in(last, True)
            if found is None and last is not child:
                last = child
                found = _cut_in(child, True)
        if found is not None:
            return k, last, found[0], found[1]
    return None


#: The most sections recovered from the items of one section (a text of the Final Acts has at most 5).
_MAX_CUTS = 100


def split_run_in_sections(section: OpenNode, top: OpenNode) -> None:
    """Cut swallowed headings and run-in sections out of the items of ``section`` (just added to ``top``).

    See the module.  Each new section goes right after the one it was cut from and takes the
    items that followed the cut item; then it is searched in turn, and the cut item again (its
    shortened text may end in another section: a one-line section before a swallowed heading).
    """
    # a stack of (section, where to search it from), as a recursion into each new section would go, without
    # the recursion: a hostile text may run thousands of sections into one item.  The children before the
    # last cut of a section were searched and hold nothing.
    todo = [(section, 0)]
    cuts = 0
    while todo:
        section, start = todo[-1]
        found = _first_cut(section, start)
        if found is None:
            todo.pop()
            continue
        cuts += 1
        if cuts > _MAX_CUTS:  # each cut copies the rest of the text: thousands would take quadratic time
            section.notes.append(f"more than {_MAX_CUTS} sections run into these items: the rest is left as it is")
            return
        k, last, how, cut = found
        todo[-1] = (section, k)
        runs, text = last.runs, runs_text(last.runs)
        last.runs = slice_runs(runs, 0, cut[0])
        heading = slice_runs(runs, cut[1]) if how == "swallowed" else slice_runs(runs, cut[1], cut[2])
        where = {"swallowed": "the end of this text", "run in": "this text, with its list", "one line": "this text"}[
            how
        ]
        keyword = section_keyword(runs_text(heading))
        assert keyword is not None  # the cuts of _cut_in are made only where a section keyword starts
        last.notes.append(f"the source ran the heading “{keyword}” into {where}: it opens a section")
        new = top.add(OpenNode(NodeKind.SECTION, keyword, runs=heading, section=keyword))
        top.children.remove(new)  # right after the section it was cut from, before any cut from it earlier
        top.children.insert(top.children.index(section) + 1, new)
        new.notes.append(f"heading recovered from the item before it, where the source had run it in ({how})")
        moved, section.children = section.children[k + 1 :], section.children[: k + 1]
        # the sub-items of a text cut before them follow the cut; its footnotes stay with it
        kids = [c for c in last.children if c.kind is not NodeKind.FOOTNOTE]
        last.children = [c for c in last.children if c.kind is NodeKind.FOOTNOTE]
        if how == "one line":  # the rest of the text is the section's one paragraph
            paragraph = OpenNode(NodeKind.PARAGRAPH, runs=slice_runs(runs, cut[3]), section=keyword)
            paragraph.notes.append("the one paragraph of a section the source ran into the item before it")
            new.add(paragraph)
        if how in ("swallowed", "one line"):  # the items keep the places they had
            for node in [*kids, *moved]:
                _move(node, new)
        else:  # a list read from the text: placed as the text parser would, the items after it too
            label_end = text.index(" ", cut[3]) + 1
            note = "label recovered from the text of the item before this section: the source ran the section in"
            first = OpenNode(NodeKind.ITEM, label_runs=[Run(Op.EQUAL, text[cut[3] : label_end])],
                          runs=slice_runs(runs, label_end), section=keyword, notes=[note])  # fmt: skip
            first.children = kids
            stack: list[OpenNode] = []
            for node in [*_unglued(first), *moved]:
                _resection(node, keyword)
                if node.labelled and node.kind is NodeKind.ITEM:
                    place(new, stack, node)
                else:
                    stack.clear()
                    new.add(node)
        todo.append((new, 0))  # its last item may hold the next section; then this one again


def _resection(node: OpenNode, section: str | None) -> None:
    """Give ``node`` and its descendants the section ``section``."""
    stack = [node]
    while stack:
        d = stack.pop()
        d.section = section
        stack.extend(d.children)


def _move(node: OpenNode, section: OpenNode) -> None:
    """Put ``node`` (a former child of another section) at the end of ``section``."""
    _resection(node, section.section)
    if node.kind is NodeKind.ITEM:
        node.component = component(section, node)
    section.add(node)
