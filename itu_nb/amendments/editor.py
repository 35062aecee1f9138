"""The editor behind :func:`~itu_nb.amendments.edits.apply_ops`: one operation applied to one version.

:class:`_Editor` applies each operation of :mod:`itu_nb.amendments.operations` (words replaced or
inserted, clauses inserted, deleted, replaced, moved or relabelled, lists renumbered, sections added)
to the amended view of a proposal, as tracked changes under the operation's author and date; a new
clause takes its place in its list and the items after it are relettered
(:mod:`itu_nb.amendments.relettering`).  :func:`_section_slot` is where a new section goes by default.
"""

from __future__ import annotations

import dataclasses
import functools

from itu_nb.amendments.addressing import cite, find_path, parent_of
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import (
    AddSection,
    DeleteClause,
    EditError,
    InsertClause,
    InsertWords,
    MoveClause,
    Relabel,
    Renumber,
    ReplaceClause,
    ReplaceWords,
    shorten,
)
from itu_nb.amendments.relettering import (
    _repath,
    bare_label,
    first_label,
    label_style,
    list_scheme,
    reletter,
    scheme_of,
    set_label,
    split_label,
    successor,
)
from itu_nb.amendments.retyping import _moved_offsets
from itu_nb.amendments.wording import (
    delete_node,
    edit_runs,
    edit_spans,
    edited_artefacts,
    find_words,
    inserted_copy,
    map_children,
    map_node,
    near_words,
    newcomer,
    peel,
    taken_marks,
)
from itu_nb.errors import AddressError
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run
from itu_nb.model.clause import relabelled_artefacts
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.labels import section_keyword


def _cite(proposal: Proposal, clause: Clause) -> str:
    return cite(proposal, clause)


@functools.lru_cache(maxsize=1024)
def _is_preamble(keyword: str | None) -> bool:
    return any(keyword == k or (keyword or "").startswith(k + " ") for k in kw.PREAMBLE)


def _section_slot(tops: list[Clause], name: str) -> int:
    """Default place of a new section: after the section it continues ("noting" for "noting further"),
    else after the last section of its kind (preamble or operative).

    The sections are read from the end, each once (a text that grew to 1,000 sections is read 1,000
    times by 1,000 new ones: once each, not once per preamble keyword).
    """
    words = name.split(" ")
    heads = {" ".join(words[:k]) for k in range(1, len(words))}  # the names "name" continues
    sections = [(i, c.section) for i, c in enumerate(tops) if c.kind is NodeKind.SECTION]
    kin = next((i for i, section in reversed(sections) if section in heads), None)
    if kin is not None:  # "noting further" follows "noting"
        return kin + 1
    preamble = _is_preamble(name)
    same = next((i for i, section in reversed(sections) if _is_preamble(section) == preamble), None)
    if same is not None:
        return same + 1
    lead = (
        (NodeKind.HEADING, NodeKind.TITLE, NodeKind.FORMULA)
        if preamble
        else (NodeKind.HEADING, NodeKind.TITLE, NodeKind.FORMULA, NodeKind.SECTION)
    )
    before = [i for i, c in enumerate(tops) if c.kind in lead]
    return before[-1] + 1 if before else 0


class _Editor:
    """Applies one operation to one version; ``_new_path`` gives provisional unique paths.

    ``dirty`` collects the lists the operation changed (for :meth:`Session.repath`).
    """

    def __init__(self, proposal: Proposal, author: str | None, date: str, session: Session):
        self.p, self.author, self.date, self.session = proposal, author, date, session
        self.dirty: list[tuple[str | None, int, tuple[Clause, ...]]] = []
        self.gone: Clause | None = None  # what delete_clause left of the clause it struck (None: nothing)

    def _parent(self, clause: Clause) -> Clause | None:
        return parent_of(self.p, clause.path)

    def _siblings(self, parent: Clause | None) -> list[Clause]:
        return list(parent.children if parent is not None else self.p.clauses)

    def _new_path(self, parent: Clause | None) -> str:
        self.session.counter += 1
        n = self.session.counter
        return f"{parent.path}/\0new{n}" if parent is not None else f"\0new{n}"

    # -- words ---------------------------------------------------------------------
    def replace_words(self, op: ReplaceWords) -> None:
        node = self.session.resolve(self.p, op.at)
        own = find_words(node.body("amended"), op.old)
        if own:  # the clause's own text first, its sub-items only when it lacks the words
            hits = [(node, own)]
        else:
            hits = [(c, find_words(c.body("amended"), op.old)) for c in node.walk() if c.kind is not NodeKind.FOOTNOTE]
            hits = [(c, spans) for c, spans in hits if spans]
        if not hits:
            near = near_words(node.text("amended"), op.old)
            hint = f"; near: {near}" if near else ""
            raise AddressError(
                f"{self.p.id}: the words {shorten(op.old)!r} are not in {_cite(self.p, node)} ({node.path}){hint}"
            )
        if len(hits) > 1 and not op.every:
            where = ", ".join(_cite(self.p, c) for c, _ in hits)
            raise EditError(f"{self.p.id}: {shorten(op.old)!r} is in several clauses under {_cite(self.p, node)}: {where}; "
                            "address one of them, or pass every=True")  # fmt: skip
        for clause, spans in hits:
            if len(spans) > 1 and not op.every and op.occurrence is None:
                raise EditError(f"{self.p.id}: {shorten(op.old)!r} occurs {len(spans)} times in {_cite(self.p, clause)}; "
                                f"pass occurrence=1…{len(spans)} or every=True")  # fmt: skip
            if op.occurrence is not None and not op.every:
                if not 1 <= op.occurrence <= len(spans):
                    raise EditError(f"{self.p.id}: {shorten(op.old)!r} occurs {len(spans)} times in {_cite(self.p, clause)}, "
                                    f"not {op.occurrence}")  # fmt: skip
                spans = [spans[op.occurrence - 1]]
            # another author's insertions the words held are kept as struck-inserts (rejecting brings them back)
            runs, struck = edit_spans(clause.runs, [(s, e, op.new) for s, e in spans], self.author, self.date)
            arts = _moved_offsets(clause, runs)  # comments and highlights after the words move with them
            arts = edited_artefacts(clause, runs, arts, struck, self.author, self.date)
            self.p = dataclasses.replace(
                self.p,
                clauses=map_node(
                    self.p.clauses, clause.path, lambda c, r=runs, x=arts: dataclasses.replace(c, runs=r, artefacts=x)
                ),
            )

    def insert_words(self, op: InsertWords) -> None:
        node = self.session.resolve(self.p, op.at)
        body = node.body("amended")
        anchor = op.after or op.before
        if anchor is None:
            at = len(body.rstrip()) if body.rstrip()[-1:] not in ";,.:" else len(body.rstrip()) - 1
        else:
            spans = find_words(body, anchor)
            if len(spans) != 1:
                what = "not in" if not spans else f"{len(spans)} times in"
                raise AddressError(
                    f"{self.p.id}: the words {shorten(anchor)!r} are {what} {_cite(self.p, node)} ({node.path})"
                )
            at = spans[0][1] if op.after else spans[0][0]
        text = op.text
        if op.after or anchor is None:
            text = text if text[:1].isspace() or text[:1] in ",;." else " " + text
        else:
            text = text if text[-1:].isspace() else text + " "
        runs = edit_runs(node.runs, at, at, text, self.author, self.date)
        arts = _moved_offsets(node, runs)
        self.p = dataclasses.replace(
            self.p,
            clauses=map_node(self.p.clauses, node.path, lambda c: dataclasses.replace(c, runs=runs, artefacts=arts)),
        )

    # -- clauses -------------------------------------------------------------------
    def _slot(self, after, before, into) -> tuple[Clause | None, int]:
        """(parent, index) where a new clause goes."""
        if sum(x is not None for x in (after, before, into)) != 1:
            raise EditError("say where the clause goes: exactly one of after=, before= or into=")
        anchor = self.session.resolve(self.p, after or before or into)
        if into is not None:
            return anchor, len(anchor.children) - sum(1 for c in anchor.children if c.kind is NodeKind.FOOTNOTE)
        parent = self._parent(anchor)
        index = [c.path for c in self._siblings(parent)].index(anchor.path)
        return parent, index + (1 if after is not None else 0)

    def _set_children(self, parent: Clause | None, siblings: list[Clause], index: int) -> None:
        """Give ``parent`` (None: the top level) the children ``siblings``, which differ from its own from ``index`` on."""
        old = parent.children if parent is not None else self.p.clauses
        new = tuple(siblings)
        self.session.remember(new, self.session.facts(old).with_tail(new, index, old))
        self.dirty.append((parent.path if parent is not None else None, index, old))
        self.p = map_children(self.p, parent, lambda _: new)

    def _place(self, parent: Clause | None, index: int, node: Clause, label: str | None, where: str | None) -> None:
        """Put ``node`` (runs already INSERT) at ``index`` under ``parent``, label it and reletter after it."""
        siblings = self._siblings(parent)
        facts = self.session.facts(parent.children if parent is not None else self.p.clauses)
        schemes, exists = facts.schemes, facts.exists
        section = parent.section if parent is not None else None
        scheme = list_scheme(
            siblings,
            section or (parent.path if parent is not None else None),
            parent.kind if parent is not None else None,
            schemes,
        )
        # the listed items next to the insertion point: the last before it and the first after it
        before = next((i for i in range(index - 1, -1, -1) if schemes[i] == scheme and exists[i]), None)
        after = next((i for i in range(index, len(siblings)) if schemes[i] == scheme and exists[i]), None)
        listed = before is not None or after is not None
        changed = index
        if not listed:
            # an unlabelled single paragraph becomes a) when a labelled item joins it (ITU: one item, no label)
            lone = [i for i, c in enumerate(siblings) if c.kind is NodeKind.PARAGRAPH and exists[i]]
            if label is not None and len(lone) == 1 and parent is not None and parent.kind is NodeKind.SECTION:
                style = label_style(siblings, scheme, schemes)
                siblings[lone[0]] = set_label(siblings[lone[0]], first_label(scheme), self.author, self.date, style)
                before, after = (lone[0], None) if lone[0] < index else (None, lone[0])
                changed = min(index, lone[0])
        if label is None and node.kind is NodeKind.PARAGRAPH and not listed:
            siblings.insert(index, node)
            self._set_children(parent, siblings, changed)
            return
        if before is not None:
            expected = successor(bare_label(siblings[before]), scheme)
        elif after is not None:
            expected = bare_label(siblings[after])
        else:
            expected = first_label(scheme)
        if label is not None:
            parts = split_label(label.strip() + ")") or split_label(label.strip())
            given = parts[1] if parts else label.strip()
            if given.lower() != expected.lower():
                if where is None:  # named only now: citing costs a walk of the whole text
                    where = f"in {_cite(self.p, parent)}" if parent is not None else "at the top"
                labels = [c.label for i, c in enumerate(siblings) if schemes[i] == scheme and exists[i]]
                raise EditError(f"{self.p.id}: a new clause {where} would be {expected}), not {label}; "
                                f"the labels there are {labels}")  # fmt: skip
            expected = given
        style = label_style(siblings, scheme, schemes)
        node = set_label(
            dataclasses.replace(node, kind=NodeKind.ITEM, label_runs=()), expected, self.author, self.date, style
        )
        siblings.insert(index, node)
        tail = schemes[:index] + scheme_of(siblings[index:], facts.letter_before(index), facts.roman_before(index))
        siblings = reletter(siblings, index + 1, scheme, successor(expected, scheme), self.author, self.date, tail)
        self._set_children(parent, siblings, changed)

    def insert_clause(self, op: InsertClause) -> None:
        label, text = peel(op.text)
        label = op.label or label
        parent: Clause | None
        if op.into is not None and label is not None and op.after is None and op.before is None:
            parent = self.session.resolve(self.p, op.into)
            index = self._index_for_label(parent, label)
        else:
            parent, index = self._slot(op.after, op.before, op.into)
        section = parent.section if parent is not None else None
        node = Clause(
            NodeKind.PARAGRAPH,
            self._new_path(parent),
            runs=(Run(Op.INSERT, text, self.author, self.date),),
            section=section,
        )
        self._place(parent, index, node, label, None)

    def _index_for_label(self, parent: Clause, label: str) -> int:
        """Where a new item ``label`` goes under ``parent``: before the item that now has that label, else last."""
        want = (split_label(label.strip()) or ("", label.strip(), ""))[1].lower()
        facts = self.session.facts(parent.children)
        if want in facts.labels:
            return facts.labels.index(want)
        return len(parent.children) - facts.footnotes.count(True)

    def delete_clause(self, op: DeleteClause, moved: bool = False) -> None:
        """Strike the clause ``op`` names (``moved``: struck by a move, its runs under the move's name, delete_node)."""
        node = self.session.resolve(self.p, op.at)
        if node.kind in (NodeKind.HEADING,):
            raise EditError(f"{self.p.id}: the heading cannot be deleted; replace words in it instead")
        if not any(n.exists_in("amended") for n in node.walk()):
            raise EditError(
                f"{self.p.id}: {_cite(self.p, node)} is already struck (deleted in the text as it stands); "
                "nothing is left to delete"
            )
        parent = self._parent(node)
        siblings = self._siblings(parent)
        index = next(i for i, c in enumerate(siblings) if c.path == node.path)
        schemes = self.session.facts(parent.children if parent is not None else self.p.clauses).schemes
        scheme = schemes[index]
        label = bare_label(node) if scheme else None
        gone = delete_node(node, self.author, self.date, moved)
        if gone is not None and gone.children:
            # an inserted sub-item goes altogether: those after it take back the paths their labels give
            # (the clause's own path stays, so the repath of its list does not reach them)
            gone = dataclasses.replace(gone, children=_repath(gone.children, gone.path, gone.path))
        self.gone = gone
        if gone is None:
            del siblings[index]
            start = index
        else:
            siblings[index] = gone
            start = index + 1
        self.session.forget_keys({n.key for n in node.walk()} - {n.key for n in (gone.walk() if gone else ())})
        if scheme is not None and label is not None:
            home = parent.children if parent is not None else self.p.clauses
            tail = self.session.facts(home).with_tail(siblings, index, home)
            siblings = reletter(siblings, start, scheme, label, self.author, self.date, tail.schemes)
        self._set_children(parent, siblings, index)

    def replace_clause(self, op: ReplaceClause) -> None:
        node = self.session.resolve(self.p, op.at)
        label, text = peel(op.text)
        runs, struck = edit_spans(node.runs, [(0, len(node.body("amended")), text)], self.author, self.date)
        arts = edited_artefacts(node, runs, _moved_offsets(node, runs), struck, self.author, self.date)
        self.p = dataclasses.replace(
            self.p,
            clauses=map_node(self.p.clauses, node.path, lambda c: dataclasses.replace(c, runs=runs, artefacts=arts)),
        )

    def move_clause(self, op: MoveClause) -> None:
        node = self.session.resolve(self.p, op.at)
        parent, index = self._slot(op.after, op.before, op.into)
        anchor = parent.path if parent is not None else ""
        if anchor == node.path or anchor.startswith(node.path + "/"):
            raise EditError(f"{self.p.id}: cannot move {_cite(self.p, node)} into itself")
        # the struck original keeps the clause's identity (its key, and its changes' ids); the copy is a
        # new clause, keyed by the path it is placed at (wording.newcomer): only the one or two lists the
        # move changed are repathed
        copy = inserted_copy(node, self._new_path(parent), self.author, self.date)
        label = copy.label if node.kind is NodeKind.ITEM and scheme_of([node])[0] else None
        copy = dataclasses.replace(copy, label_runs=(), artefacts=relabelled_artefacts(copy, ())) if label else copy
        left = taken_marks(node)  # the copy holds the comments and highlights on its words, shown once
        if left is not node:
            self.p = dataclasses.replace(self.p, clauses=map_node(self.p.clauses, node.path, lambda _: left))
        self.delete_clause(DeleteClause(node.path), moved=True)
        if self.gone is not None:
            copy = newcomer(copy, {n.key for n in self.gone.walk()})
        parent = None if parent is None else find_path(self.p, parent.path)
        if parent is not None:
            index = min(index, len(parent.children))
        self._place(parent, index, copy if label else dataclasses.replace(copy, kind=NodeKind.PARAGRAPH), None, "there")

    def add_section(self, op: AddSection) -> None:
        name = section_keyword(op.name.strip())
        if name is None:
            raise EditError(f"{op.name!r} is not a section keyword (e.g. 'noting further', 'instructs the Council')")
        tops = list(self.p.clauses)
        where = op.after if op.after is not None else op.before
        if where is not None:
            anchor = self.session.resolve(self.p, where)
            top = next(c for c in tops if anchor.path == c.path or anchor.path.startswith(c.path + "/"))
            index = tops.index(top) + (1 if op.after is not None else 0)
        else:
            index = _section_slot(tops, name)
        section = self._section(name, op)
        tops.insert(index, section)
        self.dirty.append((None, index, self.p.clauses))
        self.session.expect(fresh=section)  # the top level is repathed from the section on
        self.p = dataclasses.replace(self.p, clauses=tuple(tops))

    def _section(self, name: str, op: AddSection) -> Clause:
        """The new section ``name`` with ``op``'s items, at the provisional path ``name``."""
        # the section is built with its items before it joins the text: its path may be another
        # section's until it is repathed
        section = Clause(NodeKind.SECTION, name, runs=(Run(Op.INSERT, name, self.author, self.date),), section=name)
        for item in op.items:
            label, text = peel(item)
            node = Clause(
                NodeKind.PARAGRAPH,
                self._new_path(section),
                runs=(Run(Op.INSERT, text, self.author, self.date),),
                section=name,
            )
            if len(op.items) == 1 and label is None:  # ITU: a section with one item has no label
                section = dataclasses.replace(section, children=(node,))
            else:
                section = dataclasses.replace(section, children=self._appended(section, node, label))
        return section

    def _appended(self, section: Clause, node: Clause, label: str | None) -> tuple[Clause, ...]:
        """``section``'s items with ``node`` appended as the next item (labelled ``label`` when given)."""
        siblings = list(section.children)
        scheme = list_scheme(siblings, section.section, NodeKind.SECTION)
        if label is not None:
            bare = (split_label(label) or ("", label.strip(), ""))[1]
        elif siblings:
            bare = successor(bare_label(siblings[-1]), scheme)  # items appended here are all labelled
        else:
            bare = first_label(scheme)
        node = set_label(node, bare, self.author, self.date, label_style(siblings, scheme))
        return (*siblings, node)

    def relabel(self, op: Relabel) -> None:
        node = self.session.resolve(self.p, op.at)
        parts = split_label(op.label.strip()) or split_label(op.label.strip() + ")")
        if node.kind is not NodeKind.ITEM or parts is None:
            raise EditError(f"{self.p.id}: cannot give {_cite(self.p, node)} the label {shorten(op.label)!r}")
        parent = self._parent(node)
        siblings = self._siblings(parent)
        index = next(i for i, c in enumerate(siblings) if c.path == node.path)
        siblings[index] = set_label(node, parts[1], self.author, self.date)
        self._set_children(parent, siblings, index)

    def renumber(self, op: Renumber) -> None:
        node = self.session.resolve(self.p, op.at)
        siblings = list(node.children)
        schemes = [s for s in scheme_of(siblings) if s]
        if not schemes:
            return
        scheme = schemes[0]
        siblings = reletter(siblings, 0, scheme, first_label(scheme), self.author, self.date)
        self._set_children(node, siblings, 0)
