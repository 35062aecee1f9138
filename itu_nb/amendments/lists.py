"""What a run of edits knows about each list of siblings, so that an edit costs what it changes.

An amendment of 1,000 instructions must not re-read the whole text 1,000 times.  A
:class:`Session` keeps, for each tuple of siblings it has seen (by identity, for the length of
one :func:`~itu_nb.amendments.amending.amend` or :func:`~itu_nb.amendments.edits.apply_ops`), the
facts the edits read about it — each sibling's label scheme, its lower-case bare label, whether it
is present in the amended view, its path component — and recomputes paths only from the first
sibling an edit touched (:meth:`Session.repath`).  An edit that inserts, deletes or relabels an item
therefore costs the items it reletters plus C-level copies of the list, never a walk of the text;
an edit of words costs its clause.  A move repaths the one or two lists it changed (two lists hold
each other in no way): its struck original keeps the moved clause's identity, and the copy it
inserts is a new clause (:func:`~itu_nb.amendments.wording.newcomer`), keyed as any new clause.  A new section repaths the top level from where it goes, its key and its
name's other holder settled as repath settles them.  Only a move between a list and a list inside
it, or from or to the top level, falls back to :func:`~itu_nb.amendments.relettering.repath` of the
whole text, which is exact.  Runs of new items added by label or at a place in one list are applied
at once by :mod:`itu_nb.amendments.inserting`, runs of items struck from their own list by
:mod:`itu_nb.amendments.striking`.

The facts of one list are :class:`~itu_nb.amendments.list_facts.ListFacts`; the keys the clauses hold, and the key a
new clause gets, :class:`~itu_nb.amendments.list_keys.Keys` (which :class:`Session` extends).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from itu_nb.amendments.addressing import _resolve
from itu_nb.amendments.list_facts import ListFacts
from itu_nb.amendments.list_keys import Keys
from itu_nb.amendments.relettering import _repath, label_component, label_scheme, repath
from itu_nb.model import Clause, NodeKind, Proposal
from itu_nb.parsing.labels import item_component, unique_component

# ListFacts: read here by the modules that import it from this one (striking)
__all__ = ["ListFacts", "Session"]

_COUNTED = re.compile(r"#\d+$")


@dataclass(frozen=True)
class _Paths:
    """Path facts of one tuple of siblings: component, counts toward ``bulletN`` / ``pN``."""

    components: list[str]
    bullets: list[bool]
    paragraphs: list[bool]
    used: set[str]  # the components as a set


class Session(Keys):
    """Facts about the lists of a text, kept while one run of edits changes it.

    Entries are keyed by the identity of the sibling tuple and hold it, so an identity is
    never reused while its entry lives.  An edit makes a new tuple of each list it changes and
    the old one is dropped once repathed; at most :attr:`KEEP` entries of each kind are kept (those
    read least recently go first), so the session holds a bounded number of lists, whatever the number of edits.
    """

    #: Entries kept per cache: an edit reads one or two lists, so a few dozen is plenty.
    KEEP = 64

    def __init__(self) -> None:
        super().__init__()  # the keys (list_keys.Keys)
        self._facts: dict[int, tuple[tuple[Clause, ...], ListFacts]] = {}
        self._paths: dict[int, tuple[tuple[Clause, ...], _Paths]] = {}
        self.counter = 0
        # set by an edit for the next repath (Session.expect), then cleared
        self._fresh: Clause | None = None
        self._rival: str | None = None  # a fresh section's name, held by a clause later in the top level

    def reset(self) -> None:
        """Forget everything but the counter of provisional paths: the next edit reads the text afresh."""
        counter = self.counter
        self.__init__()  # type: ignore[misc]
        self.counter = counter

    def resolve(self, p: Proposal, address) -> Clause:
        """:func:`~itu_nb.amendments.addressing.resolve` in the amended view, reading labels from the facts kept here."""
        return _resolve(p, address, "amended", lambda kids: self.facts(kids).cites)

    # -- label facts ---------------------------------------------------------------
    def facts(self, children: tuple[Clause, ...]) -> ListFacts:
        """The facts of ``children`` (read once per tuple while it is among the :attr:`KEEP` read last)."""
        hit = self._facts.get(id(children))
        if hit is not None and hit[0] is children:
            # read last now: the long list a run's citations go through stays while hundreds of sub-lists are read
            # (first in, first out, it was read again after every 64 of them: 16 reads of 4,000 items for 4,000
            # operations over 1,000 holders)
            self._facts[id(children)] = self._facts.pop(id(children))
            return hit[1]
        facts = ListFacts.of(children)
        self.remember(children, facts)
        return facts

    def remember(self, children: tuple[Clause, ...], facts: ListFacts) -> None:
        """Record facts computed for ``children`` by the edit that made them."""
        _put(self._facts, children, facts, self.KEEP)

    # -- paths ---------------------------------------------------------------------
    def _path_facts(self, children: tuple[Clause, ...], prefix: str) -> _Paths:
        hit = self._paths.get(id(children))
        if hit is not None and hit[0] is children:
            self._paths[id(children)] = self._paths.pop(id(children))  # read last now (see facts)
            return hit[1]
        comps, bullets, paragraphs = [], [], []
        for c in children:
            comps.append(c.path[len(prefix) + 1 :] if prefix else c.path)
            bullets.append(c.kind is NodeKind.ITEM and _bullet(c))
            paragraphs.append(c.kind is NodeKind.PARAGRAPH)
        found = _Paths(comps, bullets, paragraphs, set(comps))
        _put(self._paths, children, found, self.KEEP)
        return found

    def expect(self, *, fresh: Clause | None = None) -> None:
        """What the next :meth:`repath` must know beyond the lists an edit changed.

        ``fresh`` is a new top-level section, whose key :func:`~itu_nb.amendments.relettering.repath`
        gives as for a clause whose path changed.
        """
        self._fresh = fresh

    def repath(self, p: Proposal, dirty: list[tuple[str | None, int, tuple[Clause, ...]]], full: bool) -> Proposal:
        """``p`` with paths recomputed: of the one list in ``dirty`` from its index on, else of everything.

        ``dirty`` names each list an edit changed: its parent's path (None for the top level;
        in the version before the edit, as no path changes during an edit), the first index it
        changed, and the siblings before the change.  One list: only its siblings from that index are repathed, and a new
        clause whose path is another clause's key gets ``"<key>+2"``, as
        :func:`~itu_nb.amendments.relettering.repath` would give it.  Several lists none of which is inside another (and not the top
        level): each so, in turn, in the order of the text.  Else, or ``full``: the whole text.
        """
        fresh = self._fresh
        self.expect()
        if not dirty and not full:
            return p
        lists = list(dict.fromkeys(parent for parent, _, _ in dirty))
        if full or not _apart(lists) or (fresh is not None and "/" in fresh.path):
            return self._repath_all(p)
        self.expect(fresh=fresh)
        edited = p
        try:
            for parent_path in lists:  # lists apart from one another: repathing one leaves the others' paths
                p = self._repath_list(p, parent_path, [d for d in dirty if d[0] == parent_path])
        except _Unsure:
            return self._repath_all(edited)
        finally:
            self.expect()
        return p

    def _repath_all(self, p: Proposal) -> Proposal:
        self._keys = None
        self._facts.clear()  # every list is new
        self._paths.clear()
        return repath(p)

    def _repath_list(self, p: Proposal, parent_path: str | None, dirty) -> Proposal:
        start = min(i for _, i, _ in dirty)
        before = dirty[0][2]  # the first edit's: siblings before ``start`` are still these
        if parent_path is None:
            children, prefix = p.clauses, ""
        else:
            from itu_nb.amendments.addressing import find_path

            parent = find_path(p, parent_path)
            if parent is None:  # pragma: no cover - an edit names a list it changed
                self._keys = None
                return repath(p)
            children, prefix = parent.children, parent.path
        assert self._keys is not None, "Session.begin() before the edit"
        new = self._repath_tail(children, start, prefix, before)
        for _, _, old in dirty:  # the versions the edit replaced are read no more
            self._facts.pop(id(old), None)
            self._paths.pop(id(old), None)
        self._facts.pop(id(children), None)
        if parent_path is None:
            return dataclasses.replace(p, clauses=new)
        from itu_nb.amendments.wording import map_node

        return dataclasses.replace(
            p, clauses=map_node(p.clauses, parent_path, lambda c: dataclasses.replace(c, children=new))
        )

    def _repath_tail(
        self, children: tuple[Clause, ...], start: int, prefix: str, before: tuple[Clause, ...]
    ) -> tuple[Clause, ...]:
        known = self._path_facts(before, prefix)
        # the facts of ``before`` are read no more (Session.repath drops them): they are taken over and
        # cut to ``start`` in place, so an append does not copy the list's components
        self._paths.pop(id(before), None)
        comps, bullets, paras, used = known.components, known.bullets, known.paragraphs, known.used
        # what the tail was: once the components given so far are the ones it had and the rest of the
        # siblings are the ones it had, the rest keeps its paths (a struck item in front of the struck
        # originals of earlier moves: the tail they make is not walked again for each move)
        olds = (comps[start:], bullets[start:], paras[start:]) if len(children) == len(before) else None
        used.difference_update(comps[start:])
        del comps[start:], bullets[start:], paras[start:]
        listed = bullets.count(True)
        paragraphs = paras.count(True)
        out = list(children[:start])
        resume: dict[str, int] = {}  # base -> the n of the "base#n" to try first (as Components does)
        waiting = {id(self._fresh)} if self._fresh is not None else set()  # to be reached: no skipping
        for i in range(start, len(children)):
            c = children[i]
            waiting.discard(id(c))
            if olds is not None and i > start and c is before[i] and not waiting and self._rival is None:
                if children[i:] == before[i:]:  # compared in C, by identity first
                    j = i - start
                    comps += olds[0][j:]
                    bullets += olds[1][j:]
                    paras += olds[2][j:]
                    used.update(olds[0][j:])
                    out += children[i:]
                    break
                olds = None  # checked once: the rest is walked
            bullet = False
            if c.kind is NodeKind.ITEM:
                label = c.label_in("amended") or c.label_in("original") or ""
                scheme = label_scheme(label, None, False) if label.strip() else "bullet"
                bullet = scheme in ("bullet", "dash")
                base = item_component(label, scheme, listed) if bullet else label_component(label)
                listed += bullet
            elif c.kind is NodeKind.PARAGRAPH:
                paragraphs += 1
                base = f"p{paragraphs}"
            else:
                own = c.path[len(prefix) + 1 :] if prefix else c.path
                base = _COUNTED.sub("", own)
            n = resume.get(base)
            if n is None:
                comp = unique_component(base, used)
            else:  # components are only added in this loop: the first free one is past the last given
                while f"{base}#{n}" in used:
                    n += 1
                comp = f"{base}#{n}"
            if comp != base:
                resume[base] = int(comp.rsplit("#", 1)[1]) + 1
            used.add(comp)
            comps.append(comp)
            bullets.append(bullet)
            paras.append(c.kind is NodeKind.PARAGRAPH)
            if olds is not None and (comp, bullet, paras[-1]) != tuple(old[i - start] for old in olds):
                olds = None  # a component changed: those after it may change too
            path = f"{prefix}/{comp}" if prefix else comp
            if c is self._fresh:
                out.append(self._fresh_section(c, path, out))
                continue
            if path != c.path:
                new = "\0" in c.path
                uid = c.uid if c.uid is not None or new else c.path
                c = dataclasses.replace(c, path=path, uid=uid, children=_repath(c.children, c.path, path))
                if new:
                    c = self._own_keys(c)
            if self._rival is not None and c.key == self._rival:
                c = dataclasses.replace(c, uid=self.claim_key(c.key))
                self._rival = None
            out.append(c)
        if self._rival is not None:
            self._rival = None
            raise _Unsure(prefix)
        result = tuple(out)
        _put(self._paths, result, _Paths(comps, bullets, paras, used), self.KEEP)
        facts = self._facts.get(id(children))
        if facts is not None and facts[0] is children:  # paths do not change labels
            _put(self._facts, result, facts[1], self.KEEP)
        return result

    def fresh_section(self, c: Clause) -> Clause:
        """A new top-level section at the path of its name, with the keys :meth:`repath` gives it there
        (the name held by no clause as a ``uid``: :func:`~itu_nb.amendments.edits.section_run`).
        """
        return self._fresh_section(c, c.path, [])

    def _fresh_section(self, c: Clause, path: str, out: list[Clause]) -> Clause:
        """A new top-level section at ``path``, its key and its items' keys as :func:`repath` gives them.

        ``out`` holds the top-level clauses before it (one may give up its key).  The section's key is
        its name (its first path): kept as a path when the path stays, else as a ``uid``, the way
        repath keeps a clause's identity when its path changes.  Two clauses holding one key: repath
        renames the later in the text, or the one holding it as a path when the other holds it as a
        ``uid``.  The other holder of a section's name is a top-level clause: one before the section
        is settled here, one after it in :meth:`_repath_tail` (none found: :class:`_Unsure`).
        """
        keys = self._keys
        assert keys is not None, "Session.begin() before the edit"
        name = c.path
        uid = None if path == name else name
        if name not in keys:
            keys.add(name)
        elif uid is None:  # held by another as a uid (paths are unique): the path holder gives it up
            uid = self.claim_key(name)
        else:
            at = next((i for i, o in enumerate(out) if o.key == name), None)
            if at is None:
                self._rival = name  # after the section: it gives the name up when the tail reaches it
            elif out[at].uid is None:
                out[at] = dataclasses.replace(out[at], uid=self.claim_key(name))
            else:
                uid = self.claim_key(name)
        kids = tuple(self._own_keys(k) for k in _repath(c.children, c.path, path))
        return dataclasses.replace(c, path=path, uid=uid, children=kids)


class _Unsure(Exception):
    """An incremental repath that cannot tell what the full one gives: the full one is made instead."""


def _apart(lists: list[str | None]) -> bool:
    """Whether the changed lists can be repathed one by one: one list, or several under clauses none of
    which holds another (a move from one section's list into another's), the top level not among them.
    """
    if len(lists) == 1:
        return True
    if None in lists:
        return False
    return not any(a == b or b.startswith(a + "/") for a in lists for b in lists if a is not b)  # type: ignore[operator, union-attr]


def _put(cache: dict, children: tuple[Clause, ...], value, keep: int) -> None:
    cache[id(children)] = (children, value)
    while len(cache) > keep:
        del cache[next(iter(cache))]  # the entry read least recently


def _bullet(c: Clause) -> bool:
    label = c.label_in("amended") or c.label_in("original") or ""
    return not label.strip() or label_scheme(label, None, False) in ("bullet", "dash")
