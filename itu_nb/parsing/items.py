"""Stage 3, lists of items: the labelled lines of a proposal read as items without the general routing.

:class:`ItemReader` is the part of :class:`~itu_nb.parsing.tree.ProposalBuilder` that adds items: a run of
plain lines that start with a label (:meth:`ItemReader._items`, and :meth:`ItemReader._siblings` for the usual
next sibling), and the placing of an item among the open lists (:meth:`ItemReader._place`).  The helpers
in :mod:`itu_nb.parsing.item_facts` read a label once per distinct text (:func:`_label_facts`) and are shared
with :mod:`itu_nb.parsing.tree` and :mod:`itu_nb.parsing.changed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from itu_nb.model import NodeKind, Op, join_runs, runs_text
from itu_nb.parsing import infer as _infer
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.frozen import clause as make_clause
from itu_nb.parsing.frozen import equal_run
from itu_nb.parsing.item_facts import _close, _label_facts, _labels, _last_number, _open_tail, _relabel, _relettered
from itu_nb.parsing.labels import Components, bare_label, continues_roman, item_component, label_scheme
from itu_nb.parsing.nodes import EMPTY, Node, SourceLine, new_node
from itu_nb.parsing.view_letters import letter_in_some_view, view_labels

__all__ = ["ItemReader"]

_EQUAL = Op.EQUAL
_ITEM = NodeKind.ITEM


class ItemReader:
    """The item-reading steps of :class:`~itu_nb.parsing.tree.ProposalBuilder` (a base class of it).

    It reads the builder's ``infer``, ``line_notes`` and ``warnings``.
    """

    infer: bool
    line_notes: dict[int, list[str]]
    warnings: list[str]

    def _plain_item(self, container: Node, line: SourceLine, text: str, n: int) -> bool:
        """An item on a plain line (label and separator ``text[:n]``), added; False when its label is inferred.

        What :meth:`_paragraph` does with such a line, without its general steps (see :meth:`_items`).
        """
        return self._items(container, (line,), 0, 1, n) == 1

    def _items(self, container: Node, lines: Sequence[SourceLine | str], i: int, stop: int, n: int) -> int:
        """Items on plain lines, from ``lines[i]`` (its label and separator ``n`` characters long) on, before
        ``stop``, while the lines are plain and start with a label (``kw.LABEL``); the index of the first line
        not added.

        What :meth:`_paragraph` does with each such line, without its general steps: the label's run, stripped
        text, bare form and path component are read once per distinct label (:func:`_label_facts`), and the
        node is made with what its followers will ask of it (its labels, whether it ends with a colon, its
        bare letter).  The steps of :meth:`_previous`, :meth:`_place` and :meth:`Components.take` are taken
        here for the usual item (the next sibling of the last one); the rest is left to them.  A label that
        inference would reletter (``cb)``) stops the loop: :meth:`_paragraph` reads that line.
        """
        infer, line_notes, section = self.infer, self.line_notes, container.section
        label_match = kw.LABEL.match
        while i < stop:
            line: Any = lines[i]
            if line.__class__ is str:  # a plain line as its text, its number its index (build_document)
                text, no, read = line, i, None
            else:
                text, no, read = line.main, line.no, line.read_runs
                if not line._plain:
                    break
            if not n:
                m = label_match(text) if "\t" in text else None  # a label ends with a TAB (labels.label_split)
                if m is None:
                    break
                n = m.end()
            label_runs, label, tail, base, double, fixed, numeral = _label_facts(text[:n])
            relet = None
            stack = container.stack
            # l) after xlix), cd) after cccxcix): the numeral after the open roman item's, roman
            roman_next = numeral and bool(stack) and continues_roman(tail, _open_tail(stack, "roman"))
            if double and infer and not roman_next:
                # "cb)": relettered, its label read as "b)" (what _paragraph's inference makes of it)
                relet, label_runs, label, fixed = _relettered(text[:n])
            node = None  # the node object to fill: a new one, or the previous sibling's once frozen
            if stack:
                last = stack[-1]
                if roman_next:
                    scheme = "roman"
                elif fixed is None or relet is not None:  # roman-looking, or relettered: the open lists decide
                    scheme = self._scheme(container, label, _labels(label_runs) if relet is not None else None)
                else:
                    scheme = fixed
                if last.scheme == scheme:  # the next sibling: what self._place(container, scheme) gives
                    del stack[-1]
                    parent = stack[-1] if stack else container
                    # the previous sibling leaves the open lists: frozen now, in its place (seal); a leaf's
                    # object is filled again for this item (every slot this loop sets is set below)
                    kids, path = parent.children, last.path
                    if path is not None and kids and kids[-1] is last:
                        if last.children is EMPTY and last.artefacts is EMPTY:
                            label_runs_, body_ = last.label_runs, last.runs
                            if (
                                label_runs_.__class__ is not tuple
                                or len(label_runs_) > 1
                                or label_runs_
                                and not label_runs_[0].text
                            ):
                                label_runs_ = join_runs(label_runs_)
                            if body_.__class__ is not tuple or len(body_) > 1 or body_ and not body_[0].text:
                                body_ = join_runs(body_)
                            notes_ = last.notes
                            kids[-1] = make_clause(
                                _ITEM,
                                path,
                                label_runs_,
                                body_,
                                (),
                                last.section,
                                last.line,
                                (),
                                tuple(notes_) if notes_ else (),
                            )
                            node = last
                        else:
                            kids[-1] = last.frozen(path)
                else:
                    parent = self._place(container, scheme)
            else:
                scheme = fixed or label_scheme(label, None, False)
                parent = container
            got = line_notes.get(no) if line_notes else None  # self._notes(line), for a plain line
            notes = list(got) if got else EMPTY
            pair = None
            if scheme == "number":
                pair = _infer.infer_number_label(label, _last_number(parent, container)) if infer else None
                if pair:  # "23" after item 2: renumbered
                    label_runs = _relabel(label_runs, *pair)
                    notes = [f"label {label} read as {pair[0]} renumbered {pair[1]}", *notes]
            elif scheme == "bullet" or scheme == "dash":
                base = f"{scheme}{parent.n_listed + 1}"
            if relet is not None:  # its component read from its relettered label, as a renumbered item's
                pair = relet
                notes = [f"label {relet[0]}{relet[1]}) read as {relet[0]}) relettered {relet[1]})", *notes]
            if node is None:  # the node made whole here, every slot once (what Node() and the settings below do)
                node = new_node(Node)
                node.kind, node.artefacts, node.section, node.scheme = _ITEM, EMPTY, section, scheme
                node.children = node.stack = EMPTY
                node.taken = node.last_number = None
                node.n_paragraphs = node.n_listed = 0
            else:  # the previous sibling's object: an item, a leaf, with no artefact
                node.section, node.scheme = section, scheme
            node.label_runs, node.line, node.notes = label_runs, no, notes
            if read is None:
                node.runs = (equal_run(text[n:]),) if n < len(text) else ()
                node._colon = None  # read when asked for (ends_colon), from the body: the label ends with no colon
            else:  # replacements recovered in the body (SourceLine.inferred_plain): its amended text says
                node.runs, node._colon = line.body(n), None
            if pair:
                node._labels = node.tail = None
                node.component = ""
                base = self._component(parent, node)
            else:
                node._labels, node.tail = (label, label), tail
            # parent.add(node), for an item; taken.take(base) for a base taken only by counting
            taken = parent.taken
            if taken is None:
                taken = parent.taken = Components()
            if taken._odd or "#" in base:
                node.component = component = taken.take(base)
            else:
                count = taken._count
                k = count.get(base, 0) + 1
                count[base] = k
                node.component = component = base if k == 1 else f"{base}#{k}"
            path = parent.path
            node.path = None if path is None else f"{path}/{component}" if path else component
            if parent.children is EMPTY:
                parent.children = [node]
            else:
                parent.children.append(node)
            if scheme == "number":
                parent.last_number = node
            elif scheme == "bullet" or scheme == "dash":
                parent.n_listed += 1
            if stack is EMPTY:
                container.stack = stack = []
            stack.append(node)
            n = 0
            i += 1
            if i < stop and node.path is not None and not taken._odd:
                i = self._siblings(container, parent, node, lines, i, stop)
        return i

    def _siblings(
        self, container: Node, parent: Node, node: Node, lines: Sequence[SourceLine | str], i: int, stop: int
    ) -> int:
        """The items that follow ``node`` as its next siblings on plain lines given as text, from ``lines[i]`` on,
        before ``stop``; the index of the first line not read so.

        ``node`` is the last open item (``container.stack[-1]``), a leaf with no artefact, the last child of
        ``parent``, its path known.  A list of items is mostly such a run: each next item closes the one before,
        which is frozen into its :class:`~itu_nb.model.Clause` in its place in ``parent``'s children; the item
        open is held in local variables, and its node object, filled again at the end, stays the last open item.
        What :meth:`_items` does with each such line, and what its loop would find the same at each: the open
        lists under ``node``, the parent, its path.  A line that is not such a sibling is left to :meth:`_items`
        (a line given as a :class:`SourceLine`, an item of another scheme, a relettering or a renumbering
        inference would make, a component ``#`` cannot be counted for); so is ``node`` when its label or body
        is not one run as read from a plain line.
        """
        label_runs, body = node.label_runs, node.runs
        if (
            label_runs.__class__ is not tuple
            or len(label_runs) != 1
            or not label_runs[0].text
            or body.__class__ is not tuple
            or len(body) > 1
            or body
            and not body[0].text
            or node._labels is None
        ):
            return i
        infer, line_notes, section, scheme = self.infer, self.line_notes, node.section, node.scheme
        label_match = kw.LABEL.match
        kids, count = parent.children, parent.taken._count  # type: ignore[union-attr]
        prefix = f"{parent.path}/" if parent.path else ""
        lettered, listed, numbered = scheme == "letter", scheme == "bullet" or scheme == "dash", scheme == "number"
        roman = scheme == "roman"
        # the innermost lettered and roman items under node, for a scheme other than theirs
        below = None if lettered else _open_tail(container.stack[:-1], "letter")
        below_roman = None if roman else _open_tail(container.stack[:-1], "roman")
        roman_open = roman or below_roman is not None  # a roman list l), c), cd)… may continue
        # the open item: its label, label runs, body runs, line, notes, bare label, colon, component, path
        label, no, notes, tail, colon = node._labels[0], node.line, node.notes, node.tail, node._colon
        if tail is None and (lettered or roman):
            tail = bare_label(label or "").lower()
        component, path = node.component, node.path or ""  # known (see above)
        read = False  # a line was read here: the node is filled again on the way out
        while i < stop:
            text = lines[i]
            if text.__class__ is not str:
                break
            m = label_match(text)
            if m is None:
                break
            n = m.end()
            facts = _label_facts(text[:n])
            got_scheme = facts[5]
            if facts[6] and roman_open and continues_roman(facts[2], tail if roman else below_roman):
                got_scheme = "roman"  # l) after xlix), cd) after cccxcix): the roman list goes on
            elif facts[4] and self.infer:
                break  # "cb)": inference may reletter it
            elif got_scheme is None:  # a roman-looking label: read by the list around it
                if colon is None:
                    colon = runs_text(body, "amended").rstrip().endswith(":")
                got_scheme = label_scheme(
                    facts[1], (tail or None) if lettered else below, colon, (tail or None) if roman else below_roman
                )
            if got_scheme != scheme:
                break
            base = facts[3]
            if numbered:
                if infer and _infer.infer_number_label(facts[1], int(label) if label and label.isdigit() else None):
                    break
            elif listed:
                base = f"{scheme}{parent.n_listed + 1}"
            if "#" in base:
                break
            # the open item leaves the open lists: frozen in its place
            kids[-1] = make_clause(_ITEM, path, label_runs, body, (), section, no, (), tuple(notes) if notes else ())
            # and the line is the open item
            label_runs, label, tail = facts[0], facts[1], facts[2]
            body = (equal_run(text[n:]),) if n < len(text) else ()
            got = line_notes.get(i) if line_notes else None
            notes = list(got) if got else EMPTY
            no, colon = i, None  # the colon is read when asked for, from the body (the label ends with none)
            k = count.get(base, 0) + 1
            count[base] = k
            component = base if k == 1 else f"{base}#{k}"
            path = prefix + component
            kids.append(node)
            if listed:
                parent.n_listed += 1
            read = True
            i += 1
        if read:
            node.label_runs, node.runs, node.line, node.notes = label_runs, body, no, notes
            node._labels, node.tail, node._colon = (label, label), tail, colon
            node.component, node.path = component, path
        return i

    def _previous(self, container: Node) -> tuple[str | None, bool, str | None]:
        """What :func:`~itu_nb.parsing.labels.label_scheme` reads of the open lists of ``container``: the
        innermost open lettered item's bare label, whether the last open item ends with a colon, the innermost
        open roman item's bare label.
        """
        stack = container.stack
        if not stack:
            return None, False, None
        last = stack[-1]
        colon = last._colon if last._colon is not None else last.ends_colon()
        return _open_tail(stack, "letter"), colon, _open_tail(stack, "roman")

    def _scheme(
        self,
        container: Node,
        label: str,
        views: tuple[str | None, str | None] | None = None,
        struck: bool = False,
    ) -> str:
        """:func:`~itu_nb.parsing.labels.label_scheme` of ``label`` read by the open lists of ``container``
        (:meth:`_previous`); a roman reading right after a lettered item whose label is not one plain run is read
        again in each view (:func:`~itu_nb.parsing.view_letters.letter_in_some_view`): ``i)`` after a deleted or
        struck ``j)`` continues the letters when the item before it in its view is ``h)``.  ``views`` are the
        item's amended and original labels (``label`` in both when not given: a plain label); ``struck`` says
        ``label`` is that of a clause another author inserted whole and the analyst struck (in neither view).
        """
        previous, colon, roman = self._previous(container)
        scheme = label_scheme(label, previous, colon, roman)
        stack = container.stack
        if scheme == "roman" and not colon and stack and stack[-1].scheme == "letter":
            siblings = (stack[-2] if len(stack) > 1 else container).children
            if struck:
                again = letter_in_some_view((None, None), siblings, _labels_of, roman, struck=label)
            else:
                again = letter_in_some_view(views or (label, label), siblings, _labels_of, roman)
            if again:
                return "letter"
        return scheme

    def _place(self, container: Node, scheme: str) -> Node:
        """Pop the open lists to where ``scheme`` belongs; return the parent for the new item."""
        stack = container.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].scheme == scheme:
                _close(container, i)
                return stack[-1] if stack else container
        if scheme == "roman" and stack and stack[-1].scheme == "letter" and not stack[-1].ends_colon():
            label = stack[-1].label() or ""
            self.warnings.append(
                f"{container.component}: roman sub-item after {label} which does not introduce sub-items; "
                f"kept under {label} in document order"
            )
        return stack[-1] if stack else container

    @staticmethod
    def _component(parent: Node, node: Node) -> str:
        return item_component(node.label("amended") or node.label("original") or "", node.scheme, parent.n_listed)


def _labels_of(item: Any) -> set[str]:
    """An item's labels in every view: a node under construction or a clause frozen in its place."""
    return view_labels(item.label_runs, item.artefacts)
