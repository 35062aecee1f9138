"""Clause-addressed edit operations that produce tracked changes.

The operations (:mod:`itu_nb.amendments.operations`) name their target by address (a path or a
citation, see :mod:`itu_nb.amendments.addressing`).  :func:`apply_ops` applies them in order to a
proposal and returns a new one whose tracked changes are the edits, each run
carrying the author and date.  The original view never changes; the amended view
shows the edit; inserting, deleting or moving items reletters the items that
follow (see :mod:`itu_nb.amendments.relettering`).

Edits act on the amended view.  Deleting words that an earlier change inserted
shortens that insertion (the model has no nested changes, so the words are not
shown as "inserted then deleted").

:class:`EditText` (a clause retyped in the viewer's suggesting mode) follows the same rule, which is
what Word's suggesting mode does with one's own insertions: the typed text is compared with the
clause's amended text word by word (:func:`retype_runs`), so the analyst's deletions and insertions
are tracked under their name, words of an earlier insertion that the analyst removes leave it, the
original view stays exactly as it was and the amended view reads as typed.  :class:`Comment` adds a
``comment`` artefact at the end of the clause, which every exporter writes.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import unicodedata
from collections.abc import Callable
from typing import Any

from itu_nb.amendments.addressing import cite, find_path, parent_of
from itu_nb.amendments.inserting import Runs, apply_units
from itu_nb.amendments.lists import _COUNTED, Session
from itu_nb.amendments.operations import (
    AddSection,
    Comment,
    DeleteClause,
    EditError,
    EditText,
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
from itu_nb.amendments.wording import (
    delete_node,
    edit_runs,
    find_words,
    inserted_copy,
    map_children,
    map_node,
    near_words,
    newcomer,
    peel,
    taken_marks,
)
from itu_nb.errors import AddressError, ItuNbError
from itu_nb.model import Artefact, Clause, NodeKind, Op, Proposal, Run, runs_text
from itu_nb.model.clause import relabelled_artefacts
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.labels import section_keyword

__all__ = [
    "AddSection",
    "Comment",
    "DeleteClause",
    "EditText",
    "EditError",
    "RUNS",
    "InsertClause",
    "InsertWords",
    "MoveClause",
    "Relabel",
    "Renumber",
    "ReplaceClause",
    "ReplaceWords",
    "apply_in",
    "apply_ops",
    "describe",
    "retype_runs",
    "section_run",
    "edit_runs",
    "find_words",
]


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
            runs = clause.runs
            for s, e in reversed(spans):
                runs = edit_runs(runs, s, e, op.new, self.author, self.date)
            arts = _moved_offsets(clause, runs)  # comments and highlights after the words move with them
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

    def delete_clause(self, op: DeleteClause) -> None:
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
        gone = delete_node(node, self.author, self.date)
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
        runs = edit_runs(node.runs, 0, len(node.body("amended")), text, self.author, self.date)
        arts = _moved_offsets(node, runs)
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
        self.delete_clause(DeleteClause(node.path))
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


def section_run(session: Session, proposal: Proposal, ops, author: str | None, date: str) -> tuple[Proposal, int, bool]:
    """Apply a run of new sections continuing one (``noting further`` after ``noting``, again and again) at once.

    One by one, each goes right after the section it continues, before those of its name added
    earlier, which each take the next ``#n``: every one of them is repathed per section (1,000
    sections: about 500,000 path changes).  Here the run is replayed on the top level's order: each
    new section gets its key as :meth:`Session.repath <itu_nb.amendments.lists.Session.repath>` gives
    a new section at the path of its name (its items theirs), in the order of the operations, and the
    sections of the name are repathed once, to ``name``, ``name#2``… in their final order.  A section
    keeps its key when its path changes (the path it had becomes its ``uid``), and its items theirs,
    as one by one: the result is the same field for field (``tests/test_amend_linear.py``).

    Only when no top-level clause has the name's path (``name`` or ``name#n``), no clause holds the
    name as its key, and every operation adds a section of the same name, at its default place,
    continuing a section of the text.  Returns the edited proposal, the number of operations applied,
    and whether any could be (False: apply them one by one).
    """
    first = ops[0]
    name = section_keyword(first.name.strip()) if isinstance(first, AddSection) else None
    if name is None or "/" in name:
        return proposal, 0, False
    tops = list(proposal.clauses)
    words = name.split(" ")
    heads = {" ".join(words[:k]) for k in range(1, len(words))}
    if not any(c.kind is NodeKind.SECTION and c.section in heads for c in tops):
        return proposal, 0, False  # not a section continuing another: its place moves on with each
    if any(_COUNTED.sub("", c.path) == name for c in tops):
        return proposal, 0, False
    session.begin(proposal)
    if session.has_key(name):
        return proposal, 0, False
    index = _section_slot(tops, name)  # the same for each: the new sections are none of those it follows
    editor = _Editor(proposal, author, date, session)
    made: list[Clause] = []
    for op in ops:
        if (
            type(op) is not AddSection
            or op.after is not None
            or op.before is not None
            or section_keyword(op.name.strip()) != name
        ):
            break
        try:
            section = editor._section(name, op)
        except ItuNbError:
            break  # applied one by one: the same error
        made.append(session.fresh_section(section))
    if not made:
        return proposal, 0, False
    block = []
    for j, c in enumerate(reversed(made)):
        if j:
            path = f"{name}#{j + 1}"
            uid = c.uid if c.uid is not None else c.path
            c = dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))
        block.append(c)
    tops[index:index] = block
    return dataclasses.replace(proposal, clauses=tuple(tops)), len(made), True


def _strike(
    session: Session, proposal: Proposal, path: str, author: str | None, date: str
) -> tuple[Proposal, list, Clause | None]:
    """The clause at ``path`` struck from its list (:meth:`_Editor.delete_clause`), for a run of moves."""
    editor = _Editor(proposal, author, date, session)
    editor.delete_clause(DeleteClause(path))
    return editor.p, editor.dirty, editor.gone


def _words(
    session: Session, proposal: Proposal, op: ReplaceWords | InsertWords, author: str | None, date: str
) -> Proposal:
    """``proposal`` with the words edited by ``op`` (:meth:`_Editor.replace_words`, ``insert_words``), for a run of strikes."""
    editor = _Editor(proposal, author, date, session)
    getattr(editor, _METHODS[type(op)])(op)
    return editor.p


#: What :func:`~itu_nb.amendments.inserting.apply_units` needs to apply runs of new sections, of moves
#: and of strikes at once.
RUNS = Runs(section_run, _strike, _words)


_METHODS = {
    ReplaceWords: "replace_words",
    InsertWords: "insert_words",
    InsertClause: "insert_clause",
    DeleteClause: "delete_clause",
    ReplaceClause: "replace_clause",
    MoveClause: "move_clause",
    AddSection: "add_section",
    Relabel: "relabel",
    Renumber: "renumber",
}


def describe(op) -> str:
    """One line saying what an operation does, for provenance."""
    values = ((f.name, getattr(op, f.name)) for f in dataclasses.fields(op))  # asdict would deep-copy
    fields = ", ".join(f"{k}={v!r}" for k, v in values if v not in (None, (), False))
    return f"{type(op).__name__}({fields})"


def apply_ops(proposal: Proposal, ops, *, author: str | None = None, date: str | None = None) -> Proposal:
    """Apply edit operations in order; return a new proposal whose tracked changes are the edits.

    Each operation sees the result of the previous ones (addresses are read in the
    amended view of the version it applies to), and paths are recomputed after each
    (where they can have changed: see :mod:`itu_nb.amendments.lists`).
    """
    session = Session()
    day = date or datetime.date.today().isoformat()
    p, notes = apply_units(
        session,
        proposal,
        [(None, [op]) for op in ops],
        lambda p, _, ops: apply_in(session, p, ops, author=author, date=day),
        lambda _, op: f"{author or 'anonymous'} {day}: {describe(op)}",
        author,
        day,
        RUNS,
    )
    return dataclasses.replace(p, provenance=proposal.provenance + tuple(notes))


def apply_in(
    session: Session, proposal: Proposal, ops, *, author: str | None = None, date: str | None = None
) -> tuple[Proposal, list[str]]:
    """:func:`apply_ops` within ``session`` (what it knows of the text's lists is kept for the next call).

    Returns the edited proposal (its provenance as given) and one provenance note per operation.
    """
    date = date or datetime.date.today().isoformat()
    p = proposal
    notes = []
    for op in ops:
        method = _METHODS.get(type(op))
        appended = _APPENDED.get(type(op))
        if method is None and appended is None:
            raise EditError(f"not an edit operation: {op!r}")
        session.begin(p)
        editor = _Editor(p, author, date, session)
        if appended is not None:
            appended(editor, op)
        else:
            getattr(editor, str(method))(op)
        p = session.repath(editor.p, editor.dirty, False)
        notes.append(f"{author or 'anonymous'} {date}: {describe(op)}")
    return p, notes


# ----------------------------------------------------------------------------
# the suggesting mode's operations: a clause retyped, a comment
# ----------------------------------------------------------------------------
def retype_runs(runs, text: str, author, date) -> tuple[Run, ...]:
    """``runs`` edited so that their amended text reads ``text``: word-level tracked deletions and insertions.

    The amended text is compared with ``text`` by the engine's word diff
    (:func:`itu_nb.diff.words.diff_words`); each stretch that differs becomes one
    :func:`~itu_nb.amendments.wording.edit_runs` edit, from the end so that the offsets before it hold.
    Words the edit deletes from an earlier insertion leave that insertion (as in Word's suggesting
    mode deleting one's own insertion: the model has no nested changes), so the original view never
    changes and the amended view is ``text`` exactly.
    """
    from itu_nb.diff.words import diff_words

    hunks: list[list] = []  # [start, end, inserted text] in offsets of the amended text
    pos, open_hunk = 0, False
    for op, piece in diff_words(runs_text(runs, "amended"), text).ops:
        if op == 0:
            pos += len(piece)
            open_hunk = False
            continue
        if not open_hunk:
            hunks.append([pos, pos, ""])
            open_hunk = True
        if op < 0:
            hunks[-1][1] += len(piece)
            pos += len(piece)
        else:
            hunks[-1][2] += piece
    out = tuple(runs)
    for start, end, new in reversed(hunks):
        out = edit_runs(out, start, end, new, author, date)
    return out


def _moved_offsets(clause: Clause, runs: tuple[Run, ...]) -> tuple:
    """``clause``'s inline artefacts with their offsets carried over to ``runs`` (its new body runs).

    An offset counts the characters of the label and every run (both views) before it; it moves with
    the text around it, found by the word diff of the old and new source text; one inside a removed
    stretch goes to where the stretch was, one at the very end stays at the end.
    """
    if not clause.artefacts:
        return ()
    from itu_nb.diff.words import diff_words

    label = "".join(r.text for r in clause.label_runs)
    old = label + "".join(r.text for r in clause.runs)
    new = label + "".join(r.text for r in runs)
    pieces: list[tuple[int, int, int, int]] = []  # (old start, old end, new start, op) of each old piece
    a = b = 0
    for op, piece in diff_words(old, new).ops:
        if op <= 0:
            pieces.append((a, a + len(piece), b, op))
            a += len(piece)
        if op >= 0:
            b += len(piece)

    def move(at: int | None):
        if at is None:
            return None
        if at >= len(old):
            return len(new) + at - len(old)
        start, _end, to, op = next(p for p in pieces if p[0] <= at < p[1])
        return to + (at - start) if op == 0 else to

    return tuple(dataclasses.replace(art, offset=move(art.offset)) for art in clause.artefacts)


def _typed(p: Proposal, text: str, what: str) -> None:
    """Refuse typed text that no export could keep: control characters and lone surrogates (line breaks are
    the operation's to judge: a comment may hold them, a clause may not).
    """
    bad = next(
        (i for i, ch in enumerate(text) if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cs")), None
    )
    if bad is not None:
        raise EditError(
            f"{p.id}: {what} has the control character U+{ord(text[bad]):04X} at position {bad + 1}, "
            "which is no document text (pasted from another program?); remove it"
        )


def _edit_text(editor: _Editor, op: EditText) -> None:
    node = editor.session.resolve(editor.p, op.at)
    body = node.body("amended")
    where = f"{_cite(editor.p, node)} ({node.path})"
    _typed(editor.p, op.text.strip(), f"the text for {where}")
    if not op.text.strip():
        raise EditError(f"{editor.p.id}: no text for {where}; to remove the clause, delete it (DeleteClause)")
    if "\n" in op.text.strip() or "\r" in op.text.strip():
        raise EditError(
            f"{editor.p.id}: {where} is one paragraph and the text has a line break; "
            "write a new item with InsertClause (Insert after in the viewer) instead"
        )
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
    text = lead + op.text.strip() + trail if body.strip() else op.text.strip()
    if text == body:
        return
    runs = retype_runs(node.runs, text, editor.author, editor.date)
    arts = _moved_offsets(node, runs)
    editor.p = dataclasses.replace(
        editor.p,
        clauses=map_node(editor.p.clauses, node.path, lambda c: dataclasses.replace(c, runs=runs, artefacts=arts)),
    )


def _comment(editor: _Editor, op: Comment) -> None:
    node = editor.session.resolve(editor.p, op.at)
    text = op.text.strip()
    _typed(editor.p, text, f"the comment on {_cite(editor.p, node)}")
    if not text:
        raise EditError(f"{editor.p.id}: an empty comment on {_cite(editor.p, node)} ({node.path})")
    if "<<}" in text:  # it would close the comment in CriticMarkup, and the export would refuse it
        raise EditError(f"{editor.p.id}: a comment cannot contain '<<}}' (it ends a comment in CriticMarkup)")
    size = sum(len(r.text) for r in node.label_runs + node.runs)
    line = node.line if node.line is not None else -1
    note = Artefact("comment", text, line, size, Op.EQUAL, editor.author, editor.date)
    editor.p = dataclasses.replace(
        editor.p,
        clauses=map_node(editor.p.clauses, node.path, lambda c: dataclasses.replace(c, artefacts=(*c.artefacts, note))),
    )


#: The operations appended after :data:`_METHODS`, as functions of the editor.
_APPENDED: dict[type, Callable[[_Editor, Any], None]] = {EditText: _edit_text, Comment: _comment}
