"""One list's pending order: insertions, deletions and moves within it, mixed, applied at once.

``Add a new considering a)`` twice, then ``Delete considering c)``, again and again; or ``Move resolves 1012
before resolves 1`` 250 times: each instruction breaks the run of the one before it (:mod:`~itu_nb.amendments.
inserting` takes runs of insertions or of moves *into* a list, :mod:`~itu_nb.amendments.striking` runs of
deletions), so one by one each reletters and repaths its list, quadratic over a long run.  Here the list stays
*pending* (:class:`Order`): the text keeps it as it was, each operation changes only the list's order (a Python
list of entries, with C-level inserts and deletes), and the labels, paths and keys are computed once at the end.

It holds on a *simple* list (:func:`~itu_nb.amendments.simple_lists.simple_list` with ``struck=True``, the rules
of :mod:`~itu_nb.amendments.inserting`), read without the unlabelled paragraphs and bullets among its items
(:mod:`~itu_nb.amendments.mixed`: held as struck items are, each at its own path, which no operation changes), and
each operation keeps it simple: the live items are labelled
``labels[0]``, ``labels[1]``… in order (a new label read in the list's scheme as one by one reads it: ``l)`` after
``xlix)`` and ``c)`` after ``xcix)`` roman, :func:`~itu_nb.amendments.anchors.grows`), and a struck item stays where
it stood, kept with the number of live items before it (its *rank*).  What one by one gives is then known from the order alone:

- the live item at rank ``j`` is labelled ``labels[j]`` and stands at ``prefix/labels[j]``, or at
  ``labels[j]#2`` when a struck item before it holds that component; a struck item stands at the component of
  its original label, or its ``#2`` when a live item before it carries that label (only one struck item may
  hold a component: another ends the run);
- a clause whose path changes keeps its old path as its ``uid`` — also when its path later changes back.
  So each entry carries *touched* flags (:mod:`~itu_nb.amendments.touched`): REPATHED when an operation ends with its path changed, RELABELLED when
  a relettering rewrote its label runs.  An insertion, deletion or move changes the ranks of the live items
  between the two places it changes (both flags, set with one C-level slice assignment); a move also reletters
  the items after both places down (the strike) and up again (the copy), which rewrites their label runs as
  fresh relabels by the mover, their paths unchanged (RELABELLED, a C-level ``translate``); a struck item that
  comes to stand before or after the live item carrying its component changes that item's ``#2`` (REPATHED).
  A struck item's path is recomputed when an operation changed its rank or its component's rank.  A relabelled item's label runs are those one
  relabel from its original label gives, even when its label came back to the one it had (:func:`~itu_nb.amendments.touched._relabelled`);
- a deleted item is the item as it reads at that moment struck (:func:`~itu_nb.amendments.wording.delete_node`),
  its keys freed when it goes altogether; a moved item's copy is made as :meth:`_Editor.move_clause
  <itu_nb.amendments.editor>` makes it (its place read before the original is struck: the copy of an insertion
  moved down a list lands one place further, as one by one), and claims its keys when it is placed, its
  original struck without the comments and highlights the copy takes (:func:`~itu_nb.amendments.wording.
  taken_marks`); a new item claims the key of the path it is given.

A list inside an item of another (:mod:`~itu_nb.amendments.sublists`) keeps its items under the path its holder has
now (:attr:`prefix`, changed by :meth:`Order.reprefix`); a list holding such items neither strikes nor moves them
(:meth:`Order.holds`), and keeps their ranks as its operations change them.

Addresses are read as :class:`~itu_nb.amendments.anchors._Anchors` reads them (a citation of the list's items by label), a path as the
live item that stands at it now; anything else (the path of a struck item, another list, a label no live item
has, a deletion of the last live item, a second struck item holding one component…) ends the run, and the caller applies that operation one by one.  The
property tests in ``tests/test_amend_order.py`` compare the result with one by one, field for field.

Cost: an operation costs C-level copies of the list's entries and a few steps per block of its struck items
(:mod:`~itu_nb.amendments.struck_ranks`, which shifts the ranks of those after an insertion or a deletion, and
those *between* the two places of a move, a block at a time: the strike lowers the ranks after the original by
one, the placement raises those after the copy, applied as one shift, :meth:`Order._enter`), and a Python step
per struck item whose path it changes.  Moves of clauses of the original text to the head or the end of a long
list, each leaving a struck item at its place, are so linear over a run (0.20–0.21 s CPU for 980 moves to the
head of a 992-item list, 0.42 s for 1,960 on a 1,972-item list: 0.65–0.69 s and 2.3–2.4 s before), and so are
insertions, deletions and moves back and forth before or across 1,000 struck items (0.16–0.23 s for 1,000,
0.35–0.55 s for 2,000 on a list twice as long: 0.75 s and 2.6–3.5 s before).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from typing import Any

from itu_nb.amendments.addressing import lookup
from itu_nb.amendments.anchors import _Anchors, displaces, grows, mixes
from itu_nb.amendments.holder_ranks import HolderRanks
from itu_nb.amendments.lists import Session
from itu_nb.amendments.operations import DeleteClause, InsertClause, MoveClause
from itu_nb.amendments.relettering import _repath, set_label, split_label, successor
from itu_nb.amendments.simple_lists import component_of, simple_apart
from itu_nb.amendments.struck_others import bare_item
from itu_nb.amendments.struck_ranks import Struck
from itu_nb.amendments.touched import _RELETTERED, RELABELLED, REPATHED, _moved, _relabelled
from itu_nb.amendments.wording import delete_node, inserted_copy, map_children, newcomer, peel, taken_marks
from itu_nb.model import Clause, NodeKind, Op, Proposal, Run
from itu_nb.model.clause import relabelled_artefacts

__all__ = ["Order", "mixes"]

#: The component a paragraph or bullet among the items is held under (before its path): no label's, never carried
_FIXED = "\0fixed "

#: A touched flag set with REPATHED, never alone: the item's path changed since the list inside it (a holder's,
#: :class:`~itu_nb.amendments.sublists.Nest`) last took the path it has (:meth:`Order.reprefix`).  A holder's list
#: takes it only when it is read (:meth:`Joins.fresh <itu_nb.amendments.joins.Joins.fresh>`), not after each
#: operation, and this flag tells it that the path went away meanwhile, perhaps to come back.
AWAY = 4
_BOTH = bytes([REPATHED | RELABELLED | AWAY])
_REPATHED = bytes(x | REPATHED | AWAY for x in range(256))  # REPATHED (and AWAY) set, in C


#: The component a struck item with no runs is held under (:func:`~itu_nb.amendments.struck_others.bare_item`): its path is ``bullet<n>`` by the rules
#: (no label in any view), counted among such items at the end (:meth:`Order.children`).
_BARE = "\0bare "
#: Numbers the struck items held under :data:`_BARE` (an object's id may be taken again once it is let go).
_SERIAL = itertools.count()


def _at_bullet(c: Clause, path: str) -> Clause:
    """``c`` at ``path`` (where the list's repath puts an item with no label), keeping its identity as a repath does."""
    if c.path == path:
        return c
    uid = c.uid if c.uid is not None else c.path
    return dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))


class Order:
    """One simple list kept pending: its live entries in order, its struck items with their ranks (see the module)."""

    def __init__(self, session: Session, proposal: Proposal, parent: Clause, author: str | None, date: str) -> None:
        self.session, self.parent, self.prefix, self.author, self.date = session, parent, parent.path, author, date
        self.text = proposal  # the text with the edits of words the run made (order_words), the list as it was
        self.ok = False
        self.into: str | None = None  # the address of the list new items go ``into=`` (as the run's first one wrote it)
        # the live items holding lists joined to this one (sublists.Nest): their ranks now and ids; no operation
        # strikes or moves them, but one may change their ranks (and so their labels and paths)
        self.hranks = HolderRanks()
        simple = simple_apart(session, parent)  # the paragraphs and bullets among the items held as struck ones
        if simple is None:
            return
        every, lead, facts, scheme, labels, style = simple
        self.every, self.lead, self.scheme, self.style = every, lead, scheme, style
        self.labels = list(labels)
        self.index_of = {x: i for i, x in enumerate(self.labels)}
        self.last_letter = next((x for x in reversed(facts.letters) if x is not None), None)
        self.struck = Struck(self.index_of)  # the struck items with their ranks
        self.held = self.struck.held  # component -> its struck item
        # live entries: ("old", clause, its first rank) / ("new", text, key, path given) / ("copy", clause placed)
        self.entries: list[tuple] = []
        for c, present in zip(every[lead:], facts.exists, strict=True):
            if present:
                self.entries.append(("old", c, len(self.entries)))
                continue
            comp = component_of(c.label_in("original") or "")
            if comp is None:  # a paragraph or bullet among the items (a struck item has one: simple_list)
                comp = _FIXED + c.path
            self.struck.add(len(self.struck), len(self.entries), comp, c)
        self.touched = bytearray(len(self.entries))
        for _, x in self.struck:
            if x[2].path != self.struck_path(x):
                self.struck.was[id(x)] = (x, x[0])  # not at the path the rules give: put there by the first operation
        if any(e[1].path != self.path(j) for j, e in enumerate(self.entries)):
            return  # paths not as the rules give them: one by one
        self.anchors = _Anchors(proposal, parent, self.prefix, bool(self.struck))
        self.ok = True

    # -- reading the order -------------------------------------------------------------------------
    def path(self, j: int) -> str:
        """The path of the live item at rank ``j``."""
        label = self.labels[j]
        s = self.held.get(label)
        return f"{self.prefix}/{label}" + ("#2" if s is not None and not s[0] else "")

    def struck_path(self, item: list[Any]) -> str:
        """The path of a struck item: its component, or its ``#2`` when a live item before it carries that label (a
        paragraph or bullet among the items keeps its own).
        """
        if item[1].startswith(_FIXED):
            return item[2].path
        return f"{self.prefix}/{item[1]}" + ("#2" if item[0] else "")

    def current(self, j: int) -> Clause:
        """The live item at rank ``j`` as one by one has it now."""
        entry, touched, path = self.entries[j], self.touched[j], self.path(j)
        if entry[0] == "done":  # a holder with its list settled (sublists.Nest.settle)
            return entry[1]
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
        return rank + self.struck.upto(rank) + after

    def takes(self, proposal: Proposal, into: str) -> bool:
        """Whether new items ``into=`` the address ``into`` go into this list (the first such address is kept)."""
        if self.into is not None:
            return into == self.into
        if into.strip().startswith(self.prefix + "/"):
            return False
        if lookup(proposal, into) is not self.parent:
            return False
        self.into = into
        return True

    # -- holders of joined lists (sublists.Nest) ------------------------------------------------------
    @property
    def holders(self) -> dict[int, int]:
        """The holders now: id(clause) -> its rank."""
        return {hid: r for r, hid in self.hranks}

    @property
    def floor(self) -> int:
        """The highest rank of a holder (-1: none)."""
        return self.hranks.last()

    def holds(self, j: int) -> bool:
        """Whether the live item at rank ``j`` holds a joined list (no operation of the run strikes or moves it)."""
        return self.hranks.holds(j)

    def hold(self, holder: Clause, rank: int) -> None:
        """Make the live item ``holder``, at ``rank``, a holder (see :meth:`holds`)."""
        self.hranks.add(rank, id(holder))

    def unhold(self, holder: Clause) -> None:
        """Forget the holder ``holder`` (a join undone)."""
        self.hranks.remove(id(holder))

    def reprefix(self, prefix: str) -> None:
        """The list's parent (a holder of another list) now at ``prefix``: every item of the list at a path under
        it, as one by one repaths them when the holder's path changes (the live items' old paths kept as uids).
        """
        n = len(self.prefix)
        self.prefix = self.anchors.prefix = prefix
        self.touched = self.touched.translate(_REPATHED)
        self.every = (
            *(_moved(c, prefix + c.path[n:], False) for c in self.every[: self.lead]),
            *self.every[self.lead :],
        )
        for _, x in self.struck:
            path = prefix + x[2].path[n:] if x[1].startswith(_FIXED) else self.struck_path(x)
            if path != x[2].path:
                x[2] = _moved(x[2], path, False)

    # -- labels ------------------------------------------------------------------------------------
    def _grow(self) -> bool:
        """One more label, the scheme's next after the last, if it reads so."""
        label = successor(self.labels[-1], self.scheme)
        written = f"{self.style[0]}{label}{self.style[1]}"
        scheme, letter = grows(written, self.scheme, self.labels[-1], self.last_letter)
        if scheme != self.scheme or component_of(written) != label or label in self.index_of:
            return False
        self.index_of[label] = len(self.labels)
        self.labels.append(label)
        self.struck.labelled(label)  # a struck item's component may now be a live item's label
        self.last_letter = letter or self.last_letter
        return True

    def admits(self, rank: int, n: int) -> bool:
        """Whether a new item at ``rank`` among ``n`` live items keeps the list simple (its labels read so)."""
        while len(self.labels) <= n:
            if not self._grow():
                return False
        if rank == n:
            return True
        # one by one, the new item and the one it displaces carry the same label a moment
        written = f"{self.style[0]}{self.labels[rank]}{self.style[1]}"
        return displaces(written, self.scheme, self.labels[rank - 1] if rank else None)

    # -- changing the order --------------------------------------------------------------------------
    def _settle(self, placed: int | None) -> None:
        """After an operation: each struck item whose rank or label's rank it changed at its path, and the live
        item whose ``#2`` it changed touched (not the item ``placed`` now: its path is given as it stands).
        """
        n = len(self.entries)
        for x, was in self.struck.was.values():
            at = self.index_of.get(x[1])
            if at is not None and at < n and at != placed and x[0] != (was is None or was):
                self.touched[at] |= REPATHED | AWAY
            path = self.struck_path(x)
            if path != x[2].path:
                x[2] = _moved(x[2], path, False)
        self.struck.was = {}

    def _remove(self, j: int, moved: bool = False) -> tuple[Clause | None, Clause]:
        """What striking the live item at rank ``j`` leaves (None: nothing), and the item as it read; nothing
        changed yet.  A ``moved`` item is struck without the comments and highlights its copy takes
        (:func:`~itu_nb.amendments.wording.taken_marks`), as :meth:`_Editor.move_clause <itu_nb.amendments.editor>`
        strikes it.
        """
        node = self.current(j)
        gone = delete_node(taken_marks(node) if moved else node, self.author, self.date, moved)
        if gone is not None and gone.children:
            # an inserted sub-item goes altogether: those after it take back the paths their labels give
            gone = dataclasses.replace(gone, children=_repath(gone.children, gone.path, gone.path))
        return gone, node

    def _strike(self, j: int, gone: Clause | None, node: Clause, shift: bool = True) -> int:
        """Take the live item at rank ``j`` out, leaving ``gone`` struck in its place (if not None); return the
        index of the first struck item after it, whose rank is one less (not yet, unless ``shift``).
        """
        self.session.forget_keys({x.key for x in node.walk()} - {x.key for x in (gone.walk() if gone else ())})
        k = self.struck.upto(j)
        if shift:
            self.struck.shift(k, None, -1)
        del self.entries[j]
        del self.touched[j]
        if j < self.floor:
            self.hranks.shift(j, -1)
        if gone is not None:
            comp = _BARE + str(next(_SERIAL)) if bare_item(gone) else component_of(gone.label_in("original") or "")
            assert comp is not None and comp not in self.held  # checked by the caller
            item = self.struck.add(k, j, comp, gone)
            self.struck.was[id(item)] = (item, None)
            return k + 1
        return k

    def _strikable(self, gone: Clause | None) -> bool:
        if gone is None:
            return True
        if bare_item(gone):  # another author's new item struck whole: at bullet<n>, when no bullet stands among them
            return gone.kind is NodeKind.ITEM and not any(c.startswith(_FIXED) for c in self.held)
        comp = component_of(gone.label_in("original") or "")
        return comp is not None and comp not in self.held and gone.kind is NodeKind.ITEM

    def _enter(self, q: int, entry: tuple, lowered: int | None = None) -> int:
        """Put a live entry at sibling index ``q`` (after the lead); return its rank.  The struck items from
        index ``lowered`` on come after a live item struck and not yet shifted (:meth:`_strike`): only those
        between the two places change rank, so a move past no struck item costs no step per struck item.
        """
        k = self.struck.before(q, lowered)  # the struck items before it
        rank = q - k
        low = len(self.struck) if lowered is None else lowered
        if k < low:
            self.struck.shift(k, low, 1)
        else:
            self.struck.shift(low, k, -1)
        self.entries.insert(rank, entry)
        self.touched.insert(rank, 0)
        if rank <= self.floor:
            self.hranks.shift(rank, 1)
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
        rank = q - self.struck.before(q)
        if not self.admits(rank, n):
            return False
        if label is not None:
            parts = split_label(label.strip() + ")") or split_label(label.strip())
            if (parts[1] if parts else label.strip()) != self.labels[rank]:
                return False  # an error, or a label in another case: one by one
        rank = self._enter(q, ("new", text, "", ""))
        self.touched[rank + 1 :] = _BOTH * (len(self.entries) - rank - 1)
        path = self.path(rank)
        key = self.session.claim_key(path)
        self.session.counter += 1
        self.entries[rank] = ("new", text, key, path)
        self._settle(rank)
        return True

    def delete(self, op: DeleteClause) -> bool:
        """Strike an item, as one by one; False: not as a run can (nothing changed)."""
        j = self.rank(op.at)
        if j is None or self.holds(j) or len(self.entries) < 2:
            return False
        gone, node = self._remove(j)
        if not self._strikable(gone):
            return False
        self._strike(j, gone, node)
        self.touched[j:] = _BOTH * (len(self.entries) - j)
        self._settle(None)
        return True

    def move(self, op: MoveClause) -> bool:
        """Move an item within the list, as one by one; False: not as a run can (nothing changed)."""
        s = self.rank(op.at)
        if op.into is not None and op.into != self.into:
            return False
        q = self._where(op, None)  # read before the original is struck, as one by one reads it
        if s is None or q is None or self.holds(s) or len(self.entries) < 2:
            return False
        gone, node = self._remove(s, True)
        if not self._strikable(gone):
            return False
        # the struck items' ranks once the original is struck (what is left of it among them, at index k)
        rank_of, g = self.struck.rank, gone is not None
        k = self.struck.upto(s)

        def place(i: int) -> int:  # the sibling index of the i-th struck item then
            return rank_of(i) + i if i < k else s + k if g and i == k else rank_of(i - g) - 1 + i

        n = len(self.entries) - 1
        q = min(q, n + len(self.struck) + g)
        rank = q - bisect.bisect_left(range(len(self.struck) + g), q, key=place)
        if not self.admits(rank, n):
            return False
        author, date, session = self.author, self.date, self.session
        session.counter += 1  # the copy's provisional path, as the editor gives it
        copy = inserted_copy(node, f"{self.prefix}/\0new{session.counter}", author, date)
        copy = dataclasses.replace(copy, label_runs=(), artefacts=relabelled_artefacts(copy, ()))
        lowered = self._strike(s, gone, node, shift=False)
        if gone is not None:  # the struck original keeps its identity: the copy is a newcomer
            copy = newcomer(copy, {x.key for x in gone.walk()})
        placed_at = self._enter(q, ("copy", copy), lowered)
        assert placed_at == rank
        lo, hi = (s, rank) if s < rank else (rank + 1, s + 1)
        self.touched[lo:hi] = _BOTH * (hi - lo)
        # one by one, the items after both places were relettered down by the strike, up by the placement
        after = max(s, rank) + 1
        self.touched[after:] = self.touched[after:].translate(_RELETTERED)
        path = self.path(rank)
        placed = dataclasses.replace(copy, path=path, uid=copy.uid, children=_repath(copy.children, copy.path, path))
        self.entries[rank] = ("copy", session.own_keys(placed))
        self._settle(rank)
        return True

    def children(self) -> tuple[Clause, ...]:
        """The list's clauses (its parent's children) as the operations so far leave them."""
        out: list[Clause] = []
        j = 0  # the live items before rank j are out
        bare = 0  # the struck items with no runs so far (another author's new items struck whole): bullet<n>
        for rank, x in self.struck:
            out += (self.current(i) for i in range(j, rank))
            j = max(j, rank)
            if x[1].startswith(_BARE):
                bare += 1
                out.append(_at_bullet(x[2], f"{self.prefix}/bullet{bare}"))
            else:
                out.append(x[2])
        out += (self.current(i) for i in range(j, len(self.entries)))
        return (*self.every[: self.lead], *out)

    def settle(self, p: Proposal) -> Proposal:
        """``p`` with the list as the operations leave it."""
        new = self.children()
        return map_children(p, self.parent, lambda _: new)
