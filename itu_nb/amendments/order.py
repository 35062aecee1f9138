"""One list's pending order: insertions, deletions and moves within it, mixed, applied at once.

``Add a new considering a)`` twice, then ``Delete considering c)``, again and again; or ``Move resolves 1012
before resolves 1`` 250 times: each instruction breaks the run of the one before it (:mod:`~itu_nb.amendments.
inserting` takes runs of insertions or of moves *into* a list, :mod:`~itu_nb.amendments.striking` runs of
deletions), so one by one each reletters and repaths its list, quadratic over a long run.  Here the list stays
*pending* (:class:`Order`): the text keeps it as it was, each operation changes only the list's order (a Python
list of entries, with C-level inserts and deletes), and the labels, paths and keys are computed once at the end.

It holds on a *simple* list (:func:`~itu_nb.amendments.striking.simple_list` with ``struck=True``, the rules
of :mod:`~itu_nb.amendments.inserting`), which each operation keeps simple: the live items are labelled
``labels[0]``, ``labels[1]``… in order, and a struck item stays where it stood, kept with the number of live
items before it (its *rank*).  What one by one gives is then known from the order alone:

- the live item at rank ``j`` is labelled ``labels[j]`` and stands at ``prefix/labels[j]``, or at
  ``labels[j]#2`` when a struck item before it holds that component; a struck item stands at the component of
  its original label, or its ``#2`` when a live item before it carries that label (only one struck item may
  hold a component: another ends the run);
- a clause whose path changes keeps its old path as its ``uid`` — also when its path later changes back.
  So each entry carries *touched* flags: REPATHED when an operation ends with its path changed, RELABELLED when
  a relettering rewrote its label runs.  An insertion, deletion or move changes the ranks of the live items
  between the two places it changes (both flags, set with one C-level slice assignment); a move also reletters
  the items after both places down (the strike) and up again (the copy), which rewrites their label runs as
  fresh relabels by the mover, their paths unchanged (RELABELLED, a C-level ``translate``); a struck item that
  comes to stand before or after the live item carrying its component changes that item's ``#2`` (REPATHED).
  A struck item's path is recomputed after each operation.  A relabelled item's label runs are those one
  relabel from its original label gives, even when its label came back to the one it had (:func:`_relabelled`);
- a deleted item is the item as it reads at that moment struck (:func:`~itu_nb.amendments.wording.delete_node`),
  its keys freed when it goes altogether; a moved item's copy is made as :meth:`_Editor.move_clause
  <itu_nb.amendments.edits>` makes it (its place read before the original is struck: the copy of an insertion
  moved down a list lands one place further, as one by one), and claims its keys when it is placed; a new
  item claims the key of the path it is given.

Addresses are read as :class:`_Anchors` reads them (a citation of the list's items by label), a path as the
live item that stands at it now; anything else (the path of a struck item, another list, a label no live item
has, an item holding comments or highlights that a move would take, a deletion of the last live item, a second
struck item holding one component…) ends the run, and the caller applies that operation one by one.  The
property tests in ``tests/test_amend_order.py`` compare the result with one by one, field for field.

Cost: an operation costs C-level copies of the list's entries plus a Python step per struck item of the list
(their ranks and paths): linear over a run while the list holds few struck items; moves of clauses of the
original text each leave one, so 1,000 of them cost about a million such steps (0.9 s for 980 to the head).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from typing import Any

from itu_nb.amendments.addressing import _child, bare, cited_section, find_path, parent_of, resolve
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.relettering import _repath, scan_labels, set_label, split_label, successor
from itu_nb.amendments.striking import component_of, simple_list
from itu_nb.amendments.wording import delete_node, inserted_copy, map_children, newcomer, peel, taken_marks
from itu_nb.errors import ItuNbError
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Order", "list_run", "mixes"]

#: An entry's touched flags (:attr:`Order.touched`): its path changed at the end of an operation (REPATHED), its
#: label runs were rewritten by a relettering, perhaps back to the label it had (RELABELLED: a move reletters the
#: items after the original down and those after the copy up).  A change of rank sets both.
REPATHED, RELABELLED = 1, 2
_BOTH = bytes([REPATHED | RELABELLED])
_RELETTERED = bytes(x | RELABELLED for x in range(256))  # a translation table: RELABELLED set, in C


def mixes(op: Any) -> bool:
    """Whether ``op`` may join a run on one list's pending order (an insertion, deletion or move, placed once)."""
    if type(op) is DeleteClause:
        return isinstance(op.at, str)
    if type(op) is not InsertClause and type(op) is not MoveClause:
        return False
    return (op.into is not None) + (op.after is not None) + (op.before is not None) == 1


def parent_for(proposal: Proposal, op: Any) -> Clause | None:
    """The clause whose children ``op`` inserts into or deletes from (None: the top level, or no such clause)."""
    try:
        if type(op) is DeleteClause:
            return parent_of(proposal, resolve(proposal, op.at).path)
        if op.into is not None:
            return resolve(proposal, op.into)
        anchor = resolve(proposal, op.after or op.before or "")
    except ItuNbError:
        return None
    return parent_of(proposal, anchor.path)


class _Anchors:
    """Where an address names an item of the list a run edits, in its current order.

    The run changes only the list's items (their labels and paths); every clause outside it stays as
    it was, so an address is read as :func:`~itu_nb.amendments.addressing.resolve` reads it with the
    text's clauses outside the list, and its last label with the list's current labels.  An address
    read any other way (another list, a paragraph leading the list, a label in another case, several
    sections of one name…) is none of the list's: the caller ends the run there.  So is a path into a
    list holding struck items (``considering/b`` may be the struck item, the live ``b)`` at ``b#2``).
    """

    def __init__(self, proposal: Proposal, parent: Clause, prefix: str, struck: bool = False) -> None:
        self.p, self.parent, self.prefix, self.struck = proposal, parent, prefix, struck
        self._last: dict[str, str | None] = {}  # address → its last label, when the rest names the list

    def label(self, address: str) -> str | None:
        """The bare label the address names among the list's items (None: it names no item of the list)."""
        address = address.strip()
        if address.startswith(self.prefix + "/"):  # a path: the item's path is prefix/label
            return None if self.struck else address[len(self.prefix) + 1 :]
        if address not in self._last:
            self._last[address] = self._read(address)
        return self._last[address]

    def _read(self, address: str) -> str | None:
        if find_path(self.p, address) is not None:
            return None  # a path outside the list
        if "/" in address:
            return None
        cited = cited_section(self.p, address)
        if cited is None:
            return None
        node, tokens = cited
        for token in tokens[:-1]:
            step = _child(node, token, "amended")
            if not step:
                return None
            node = step[0]
        return bare(tokens[-1]) if node is self.parent else None


def probe(text: str, prev: str | None, count: int = 1) -> tuple[list[str | None], list[str | None]]:
    """How ``count`` items labelled ``text`` in a row read after a lettered item ``prev`` (:func:`scan_labels`)."""
    fake = Clause(NodeKind.ITEM, "", label_runs=(Run(Op.EQUAL, text),))
    return scan_labels([fake] * count, prev)


def _relabelled(c: Clause, label: str, relabelled: bool, author: str | None, date: str) -> Clause:
    """``c`` labelled ``label`` as one by one leaves it: a label changed and changed back is one relabel from the
    original label to the last, as a chain of relabels gives (:func:`~itu_nb.amendments.relettering.set_label`).
    """
    out = set_label(c, label, author, date)
    if out is c and relabelled:
        out = set_label(set_label(c, label + "0", author, date), label, author, date)
    return out


def _moved(c: Clause, path: str, touched: bool) -> Clause:
    """``c`` at ``path``: a path that changed (now or earlier in the run: ``touched``) leaves its old path as the uid."""
    if path == c.path and not touched:
        return c
    uid = c.uid if c.uid is not None else c.path
    kids = c.children
    if path == c.path:  # moved away and back: the sub-items keep their old paths as uids too
        kids = _repath(_repath(kids, c.path, c.path + "#0"), c.path + "#0", path)
    else:
        kids = _repath(kids, c.path, path)
    return dataclasses.replace(c, path=path, uid=uid, children=kids)


class Order:
    """One simple list kept pending: its live entries in order, its struck items with their ranks (see the module)."""

    def __init__(self, session: Session, proposal: Proposal, parent: Clause, author: str | None, date: str) -> None:
        self.session, self.parent, self.prefix, self.author, self.date = session, parent, parent.path, author, date
        self.ok = False
        self.into: str | None = None  # the address of the list new items go ``into=`` (as the run's first one wrote it)
        simple = simple_list(session, parent, struck=True)
        if simple is None:
            return
        every, lead, facts, scheme, labels, style = simple
        self.every, self.lead, self.scheme, self.style = every, lead, scheme, style
        self.labels = list(labels)
        self.index_of = {x: i for i, x in enumerate(self.labels)}
        self.last_letter = next((x for x in reversed(facts.letters) if x is not None), None)
        # struck items: [rank, component, clause], ranks non-decreasing; held: component -> its struck item
        self.struck: list[list[Any]] = []
        self.held: dict[str, list[Any]] = {}
        # live entries: ("old", clause, its first rank) / ("new", text, key, path given) / ("copy", clause placed)
        self.entries: list[tuple] = []
        for c, present in zip(every[lead:], facts.exists, strict=True):
            if present:
                self.entries.append(("old", c, len(self.entries)))
                continue
            comp = component_of(c.label_in("original") or "")
            assert comp is not None  # simple_list(struck=True)
            item = [len(self.entries), comp, c]
            self.held[comp] = item
            self.struck.append(item)
        self.touched = bytearray(len(self.entries))
        if any(e[1].path != self.path(j) for j, e in enumerate(self.entries)):
            return  # paths not as the rules give them: one by one
        self.anchors = _Anchors(proposal, parent, self.prefix, bool(self.struck))
        self.ok = True

    # -- reading the order -------------------------------------------------------------------------
    def path(self, j: int) -> str:
        """The path of the live item at rank ``j``."""
        label = self.labels[j]
        s = self.held.get(label)
        return f"{self.prefix}/{label}" + ("#2" if s is not None and s[0] <= j else "")

    def struck_path(self, item: list[Any]) -> str:
        """The path of a struck item: its component, or its ``#2`` when a live item before it carries that label."""
        at = self.index_of.get(item[1])
        return f"{self.prefix}/{item[1]}" + ("#2" if at is not None and at < item[0] else "")

    def current(self, j: int) -> Clause:
        """The live item at rank ``j`` as one by one has it now."""
        entry, touched, path = self.entries[j], self.touched[j], self.path(j)
        if entry[0] == "old":
            old = entry[1]
            if not touched and path == old.path:
                return old
            c = _relabelled(old, self.labels[j], bool(touched & RELABELLED), self.author, self.date)
            return _moved(c, path, bool(touched & REPATHED))
        if entry[0] == "copy":
            c = _moved(entry[1], path, bool(touched & REPATHED))
            return set_label(c, self.labels[j], self.author, self.date, self.style)
        _, text, key, given = entry
        node = Clause(NodeKind.PARAGRAPH, path, runs=(Run(Op.INSERT, text, self.author, self.date),))
        node = dataclasses.replace(node, section=self.parent.section, kind=NodeKind.ITEM)
        node = set_label(node, self.labels[j], self.author, self.date, self.style)
        return dataclasses.replace(node, uid=None if key == path and not touched & REPATHED else key)

    def rank(self, address: str) -> int | None:
        """The rank of the live item ``address`` cites (None: not read so)."""
        address = address.strip()
        if address.startswith(self.prefix + "/"):  # a path: the live item at it now (a struck item ends the run)
            at = self.index_of.get(address[len(self.prefix) + 1 :].partition("#")[0])
            return at if at is not None and at < len(self.entries) and self.path(at) == address else None
        named = self.anchors.label(address)
        at = self.index_of.get(named) if named is not None else None
        return at if at is not None and at < len(self.entries) else None

    def position(self, rank: int, after: bool) -> int:
        """The sibling index (after the lead) of the live item at ``rank``, or just after it."""
        return rank + bisect.bisect_right(self.struck, rank, key=lambda s: s[0]) + after

    # -- labels ------------------------------------------------------------------------------------
    def _grow(self) -> bool:
        """One more label, the scheme's next after the last, if it reads so."""
        label = successor(self.labels[-1], self.scheme)
        written = f"{self.style[0]}{label}{self.style[1]}"
        schemes, letters = probe(written, self.last_letter)
        if schemes[0] != self.scheme or component_of(written) != label or label in self.index_of:
            return False
        self.index_of[label] = len(self.labels)
        self.labels.append(label)
        self.last_letter = letters[0] or self.last_letter
        return True

    def admits(self, rank: int, n: int) -> bool:
        """Whether a new item at ``rank`` among ``n`` live items keeps the list simple (its labels read so)."""
        while len(self.labels) <= n:
            if not self._grow():
                return False
        if rank == n:
            return True
        # one by one, the new item and the one it displaces carry the same label a moment
        prev = self.labels[rank - 1] if rank else None
        written = f"{self.style[0]}{self.labels[rank]}{self.style[1]}"
        return probe(written, prev if self.scheme == "letter" else None, 2)[0] == [self.scheme] * 2

    # -- changing the order --------------------------------------------------------------------------
    def _ranks(self) -> dict[int, int]:
        """Each struck item's rank before an operation (by identity), for :meth:`_settle`."""
        return {id(x): x[0] for x in self.struck}

    def _settle(self, before: dict[int, int], placed: int | None) -> None:
        """After an operation: each struck item at its path, and the live item whose ``#2`` it changed touched
        (not the item ``placed`` now: its path is given as it stands).
        """
        n = len(self.entries)
        for x in self.struck:
            at = self.index_of.get(x[1])
            if at is not None and at < n and at != placed:
                was = before.get(id(x))
                if (x[0] <= at) != (was is not None and was <= at):
                    self.touched[at] |= REPATHED
            path = self.struck_path(x)
            if path != x[2].path:
                x[2] = _moved(x[2], path, False)

    def _remove(self, j: int) -> tuple[Clause | None, Clause]:
        """What striking the live item at rank ``j`` leaves (None: nothing), and the item as it read; nothing changed yet."""
        node = self.current(j)
        gone = delete_node(node, self.author, self.date)
        if gone is not None and gone.children:
            # an inserted sub-item goes altogether: those after it take back the paths their labels give
            gone = dataclasses.replace(gone, children=_repath(gone.children, gone.path, gone.path))
        return gone, node

    def _strike(self, j: int, gone: Clause | None, node: Clause) -> None:
        """Take the live item at rank ``j`` out, leaving ``gone`` struck in its place (if not None)."""
        self.session.forget_keys({x.key for x in node.walk()} - {x.key for x in (gone.walk() if gone else ())})
        k = bisect.bisect_right(self.struck, j, key=lambda s: s[0])
        for s in self.struck[k:]:
            s[0] -= 1
        del self.entries[j]
        del self.touched[j]
        if gone is not None:
            comp = component_of(gone.label_in("original") or "")
            assert comp is not None and comp not in self.held  # checked by the caller
            item = [j, comp, gone]
            self.held[comp] = item
            self.struck.insert(k, item)

    def _strikable(self, gone: Clause | None) -> bool:
        if gone is None:
            return True
        comp = component_of(gone.label_in("original") or "")
        return comp is not None and comp not in self.held and gone.kind is NodeKind.ITEM

    def _places(self) -> list[int]:
        """Each struck item's sibling index (after the lead)."""
        return [x[0] + k for k, x in enumerate(self.struck)]

    def _enter(self, q: int, entry: tuple) -> int:
        """Put a live entry at sibling index ``q`` (after the lead); return its rank."""
        k = bisect.bisect_left(self._places(), q)  # the struck items before it
        rank = q - k
        for x in self.struck[k:]:
            x[0] += 1
        self.entries.insert(rank, entry)
        self.touched.insert(rank, 0)
        return rank

    def _where(self, op: Any, label: str | None) -> int | None:
        """The sibling index (after the lead) where ``op`` puts its item, read before anything is struck."""
        n = len(self.entries)
        if op.into is not None:
            if label is None:
                return n + len(self.struck)  # last
            found = split_label(label.strip())
            at = self.index_of.get((found or ("", label.strip(), ""))[1].lower())
            return self.position(at, False) if at is not None and at < n else n + len(self.struck)
        at = self.rank(op.after or op.before or "")
        if at is None:
            return None
        return self.position(at, op.after is not None)

    def insert(self, op: InsertClause) -> bool:
        """Apply a new item, as one by one; False: not as a run can (nothing changed)."""
        peeled, text = peel(op.text)
        label = op.label or peeled
        q = self._where(op, label)
        if q is None:
            return False
        n = len(self.entries)
        rank = q - bisect.bisect_left(self._places(), q)
        if not self.admits(rank, n):
            return False
        if label is not None:
            parts = split_label(label.strip() + ")") or split_label(label.strip())
            if (parts[1] if parts else label.strip()) != self.labels[rank]:
                return False  # an error, or a label in another case: one by one
        before = self._ranks()
        rank = self._enter(q, ("new", text, "", ""))
        self.touched[rank + 1 :] = _BOTH * (len(self.entries) - rank - 1)
        path = self.path(rank)
        key = self.session.claim_key(path)
        self.session.counter += 1
        self.entries[rank] = ("new", text, key, path)
        self._settle(before, rank)
        return True

    def delete(self, op: DeleteClause) -> bool:
        """Strike an item, as one by one; False: not as a run can (nothing changed)."""
        j = self.rank(op.at)
        if j is None or len(self.entries) < 2:
            return False
        gone, node = self._remove(j)
        if not self._strikable(gone):
            return False
        before = self._ranks()
        self._strike(j, gone, node)
        self.touched[j:] = _BOTH * (len(self.entries) - j)
        self._settle(before, None)
        return True

    def move(self, op: MoveClause) -> bool:
        """Move an item within the list, as one by one; False: not as a run can (nothing changed)."""
        s = self.rank(op.at)
        if op.into is not None and op.into != self.into:
            return False
        q = self._where(op, None)  # read before the original is struck, as one by one reads it
        if s is None or q is None or len(self.entries) < 2:
            return False
        node = self.current(s)
        if taken_marks(node) is not node:
            return False  # the copy takes comments or highlights: one by one
        gone, node = self._remove(s)
        if not self._strikable(gone):
            return False
        # the struck items' ranks once the original is struck (what is left of it among them)
        ranks = [x[0] for x in self.struck]
        k = bisect.bisect_right(ranks, s)
        ranks = ranks[:k] + ([s] if gone is not None else []) + [r - 1 for r in ranks[k:]]
        n = len(self.entries) - 1
        q = min(q, n + len(ranks))
        rank = q - bisect.bisect_left([r + i for i, r in enumerate(ranks)], q)
        if not self.admits(rank, n):
            return False
        author, date, session = self.author, self.date, self.session
        session.counter += 1  # the copy's provisional path, as the editor gives it
        copy = inserted_copy(node, f"{self.prefix}/\0new{session.counter}", author, date)
        copy = dataclasses.replace(copy, label_runs=(), artefacts=relabelled_artefacts(copy, ()))
        before = self._ranks()
        self._strike(s, gone, node)
        if gone is not None:  # the struck original keeps its identity: the copy is a newcomer
            copy = newcomer(copy, {x.key for x in gone.walk()})
        placed_at = self._enter(q, ("copy", copy))
        assert placed_at == rank
        lo, hi = (s, rank) if s < rank else (rank + 1, s + 1)
        self.touched[lo:hi] = _BOTH * (hi - lo)
        # one by one, the items after both places were relettered down by the strike, up by the placement
        after = max(s, rank) + 1
        self.touched[after:] = self.touched[after:].translate(_RELETTERED)
        path = self.path(rank)
        placed = dataclasses.replace(copy, path=path, uid=copy.uid, children=_repath(copy.children, copy.path, path))
        self.entries[rank] = ("copy", session.own_keys(placed))
        self._settle(before, rank)
        return True

    def settle(self, p: Proposal) -> Proposal:
        """``p`` with the list as the operations leave it."""
        out: list[Clause] = []
        k = 0
        for j in range(len(self.entries)):
            while k < len(self.struck) and self.struck[k][0] <= j:
                out.append(self.struck[k][2])
                k += 1
            out.append(self.current(j))
        out += (s[2] for s in self.struck[k:])
        new = (*self.every[: self.lead], *out)
        return map_children(p, self.parent, lambda _: new)


def list_run(
    session: Session, proposal: Proposal, ops: Sequence[Any], author: str | None, date: str
) -> tuple[Proposal, int]:
    """Apply the longest leading part of ``ops`` (:func:`mixes`) that edits one simple list, at once.

    Returns the edited proposal and the number of operations applied (none: apply the first one by one).
    """
    parent = parent_for(proposal, ops[0])
    if parent is None or not parent.children:
        return proposal, 0
    session.begin(proposal)
    order = Order(session, proposal, parent, author, date)
    if not order.ok:
        return proposal, 0
    done = 0
    for op in ops:
        if not mixes(op):
            break
        if getattr(op, "into", None) is not None:
            if order.into is None:
                if op.into.strip().startswith(parent.path + "/"):
                    break
                try:
                    if resolve(proposal, op.into) is not parent:
                        break
                except ItuNbError:
                    break
                order.into = op.into
            elif op.into != order.into:
                break
        kind = type(op)
        applied = (
            order.insert(op) if kind is InsertClause else order.delete(op) if kind is DeleteClause else order.move(op)
        )
        if not applied:
            break
        done += 1
    if not done:
        return proposal, 0
    return order.settle(proposal), done
