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
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass

from itu_nb.amendments.addressing import _resolve, bare
from itu_nb.amendments.relettering import (
    LABELS,
    _repath,
    label_component,
    label_scheme,
    repath,
    scan_labels,
    split_label,
)
from itu_nb.model import HOMOGLYPHS, Clause, NodeKind, Proposal, runs_text
from itu_nb.parsing.labels import item_component, unique_component

__all__ = ["ListFacts", "Session"]

_COUNTED = re.compile(r"#\d+$")


@dataclass(frozen=True)
class ListFacts:
    """Facts about one tuple of siblings, one entry per sibling.

    Attributes
    ----------
    schemes : list of str or None
        :func:`~itu_nb.amendments.relettering.scheme_of`.
    letters : list of str or None
        The lower-case bare label of each lettered sibling (what the next one is read after).
    labels : list of str or None
        The lower-case bare amended label of each sibling present with a label (``"d"`` for ``d)``).
    exists : list of bool
        Present in the amended view.
    footnotes : list of bool
        A footnote (new items go before a clause's footnotes).
    lettered : list of int
        The indices of the lettered siblings, in order (to find the last one before an index by bisection).
    cites : list of str or None
        The label each sibling is cited by in the amended view (:func:`~itu_nb.amendments.addressing.bare`
        of it; None for a footnote, a sibling absent from the view or without a label): a citation
        finds its clause by ``list.index``, in C (:data:`~itu_nb.amendments.addressing.Cites`).
    romans : list of int
        The indices of the roman siblings, in order (``l)`` after ``xlix)`` is roman: :meth:`roman_before`).
    """

    schemes: list[str | None]
    letters: list[str | None]
    labels: list[str | None]
    exists: list[bool]
    footnotes: list[bool]
    lettered: list[int] = dataclasses.field(default_factory=list)
    cites: list[str | None] = dataclasses.field(default_factory=list)
    romans: list[int] = dataclasses.field(default_factory=list)

    @classmethod
    def of(cls, children, prev_letter: str | None = None, prev_roman: str | None = None) -> ListFacts:
        """Read the facts of ``children`` (``prev_letter``, ``prev_roman``: the last lettered and roman siblings
        before them, see :meth:`letter_before` and :meth:`roman_before`).
        """
        schemes, letters = scan_labels(children, prev_letter, prev_roman)
        labels: list[str | None] = []
        exists: list[bool] = []
        cites: list[str | None] = []
        footnotes = [c.kind is NodeKind.FOOTNOTE for c in children]
        for c, note in zip(children, footnotes, strict=True):
            present = c.exists_in("amended")
            exists.append(present)
            text = runs_text(c.label_runs, "amended") if present else ""
            parts = split_label(text) if text else None
            labels.append(parts[1].lower() if parts else None)
            cites.append(_cited(text) if text and not note else None)
        lettered = [i for i, x in enumerate(letters) if x is not None]
        romans = [i for i, x in enumerate(schemes) if x == "roman"]
        return cls(schemes, letters, labels, exists, footnotes, lettered, cites, romans)

    def letter_before(self, index: int) -> str | None:
        """The bare label of the last lettered sibling before ``index`` (found by bisection: a numbered list has none)."""
        at = bisect.bisect_left(self.lettered, index)
        return self.letters[self.lettered[at - 1]] if at else None

    def roman_before(self, index: int) -> str | None:
        """The bare label of the last roman sibling before ``index`` with no lettered one after it (by
        bisection), read as Latin; None when there is none.
        """
        at = bisect.bisect_left(self.romans, index)
        if not at:
            return None
        last, letter = self.romans[at - 1], bisect.bisect_left(self.lettered, index)
        label = self.labels[last] if not letter or self.lettered[letter - 1] < last else None
        return label.translate(HOMOGLYPHS) if label else None

    def with_tail(self, children, index: int, old=None) -> ListFacts:
        """The facts of ``children``, whose siblings before ``index`` are those these facts describe.

        ``old``, when given, are the siblings these facts describe: where ``children`` end with the
        very clauses ``old`` ends with, at the same places, and those carry no label in the amended
        view (struck items: their facts owe nothing to the siblings before them), their facts are
        taken over instead of read again.
        """
        end = len(children)
        if old is not None and len(old) == end:
            end = index + 1
            while end < len(children) and children[end] is not old[end]:
                end += 1
            if tuple(children[end:]) != tuple(old[end:]) or self.labels[end:].count(None) != len(children) - end:
                end = len(children)
        if end < len(children):
            head = ListFacts.of(children[index:end], self.letter_before(index), self.roman_before(index))
            return ListFacts(
                self.schemes[:index] + head.schemes + self.schemes[end:],
                self.letters[:index] + head.letters + self.letters[end:],
                self.labels[:index] + head.labels + self.labels[end:],
                self.exists[:index] + head.exists + self.exists[end:],
                self.footnotes[:index] + head.footnotes + self.footnotes[end:],
                self.lettered[: bisect.bisect_left(self.lettered, index)] + [i + index for i in head.lettered],
                self.cites[:index] + head.cites + self.cites[end:],
                self.romans[: bisect.bisect_left(self.romans, index)] + [i + index for i in head.romans],
            )
        tail = ListFacts.of(children[index:], self.letter_before(index), self.roman_before(index))
        return ListFacts(
            self.schemes[:index] + tail.schemes,
            self.letters[:index] + tail.letters,
            self.labels[:index] + tail.labels,
            self.exists[:index] + tail.exists,
            self.footnotes[:index] + tail.footnotes,
            self.lettered[: bisect.bisect_left(self.lettered, index)] + [i + index for i in tail.lettered],
            self.cites[:index] + tail.cites,
            self.romans[: bisect.bisect_left(self.romans, index)] + [i + index for i in tail.romans],
        )


@dataclass(frozen=True)
class _Paths:
    """Path facts of one tuple of siblings: component, counts toward ``bulletN`` / ``pN``."""

    components: list[str]
    bullets: list[bool]
    paragraphs: list[bool]
    used: set[str]  # the components as a set


class Session:
    """Facts about the lists of a text, kept while one run of edits changes it.

    Entries are keyed by the identity of the sibling tuple and hold it, so an identity is
    never reused while its entry lives.  An edit makes a new tuple of each list it changes and
    the old one is dropped once repathed; at most :attr:`KEEP` entries of each kind are kept (the
    oldest go first), so the session holds a bounded number of lists, whatever the number of edits.
    """

    #: Entries kept per cache: an edit reads one or two lists, so a few dozen is plenty.
    KEEP = 64

    def __init__(self) -> None:
        self._facts: dict[int, tuple[tuple[Clause, ...], ListFacts]] = {}
        self._paths: dict[int, tuple[tuple[Clause, ...], _Paths]] = {}
        self._keys: set[str] | None = None
        self._next: dict[str, int] = {}  # key -> the n of "<key>+n" last given (the search resumes there)
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
        """The facts of ``children`` (read once per tuple)."""
        hit = self._facts.get(id(children))
        if hit is not None and hit[0] is children:
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
            return hit[1]
        comps, bullets, paragraphs = [], [], []
        for c in children:
            comps.append(c.path[len(prefix) + 1 :] if prefix else c.path)
            bullets.append(c.kind is NodeKind.ITEM and _bullet(c))
            paragraphs.append(c.kind is NodeKind.PARAGRAPH)
        found = _Paths(comps, bullets, paragraphs, set(comps))
        _put(self._paths, children, found, self.KEEP)
        return found

    def begin(self, p: Proposal) -> None:
        """Before an edit of ``p``: know the keys its clauses hold (read once, then kept up to date)."""
        if self._keys is None:
            self._keys = {n.key for n in p.walk()}
            self._next.clear()

    def forget_keys(self, keys) -> None:
        """Keys of clauses an edit removed altogether (an insertion deleted again)."""
        if self._keys is not None:
            self._keys.difference_update(keys)
            for key in keys:  # a freed "<key>+n" may be given again: the search for "<key>+…" resumes at n
                base, plus, n = key.rpartition("+")
                if plus and n.isdigit() and base in self._next:
                    self._next[base] = min(self._next[base], int(n))

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

    def claim_key(self, key: str, reserved: frozenset[str] | set[str] = frozenset(), taken: bool = False) -> str:
        """``key``, or ``"<key>+2"``, ``"<key>+3"``… when a clause holds it: the first free one, now taken.

        ``reserved`` are keys no clause holds yet but one of the clause being placed will (a moved
        subtree's identities, :meth:`_own_keys`): ``"<key>+n"`` skips them too, and ``taken`` says
        that ``key`` itself is one of them.  Keys are only added between two :meth:`forget_keys`, so
        the search for ``"<key>+n"`` resumes where the last one for ``key`` stopped (1,000 new items
        at the head of a list all read ``a)`` first: the search stays linear in all).
        """
        keys = self._keys
        assert keys is not None, "Session.begin() before the edit"
        if taken or key in keys:
            n = self._next.get(key, 2)
            while f"{key}+{n}" in keys or f"{key}+{n}" in reserved:
                n += 1
            self._next[key] = n
            key = f"{key}+{n}"
        keys.add(key)
        return key

    def _own_keys(self, c: Clause) -> Clause:
        """A new clause (and its subtree) with keys no other clause holds (``"<key>+2"``…).

        A key the subtree holds as a ``uid`` (an identity a
        moved copy keeps: a sub-item that moved there earlier, whose struck original went altogether)
        wins over a key the subtree's clauses read from their paths, as in
        :func:`~itu_nb.amendments.relettering.repath`: a copy at ``considering/a`` whose sub-item is
        ``considering/a+2`` becomes ``considering/a+3`` and the sub-item keeps its key (claimed in the
        walk's order, the parent would take ``+2`` and push the sub-item to ``+2+2``).
        """
        reserved = {n.uid for n in c.walk() if n.uid is not None}
        return self._own(c, reserved)

    def _own(self, c: Clause, reserved: set[str]) -> Clause:
        key = self.claim_key(c.key, reserved, c.uid is None and c.key in reserved)
        if key != c.key:
            c = dataclasses.replace(c, uid=key)
        kids = tuple(self._own(k, reserved) for k in c.children)
        return dataclasses.replace(c, children=kids) if kids != c.children else c

    def own_keys(self, c: Clause) -> Clause:
        """A new clause with keys no other clause holds, as :meth:`repath` gives them (see :meth:`_own_keys`)."""
        return self._own_keys(c)

    def has_key(self, key: str) -> bool:
        """Whether a clause of the text holds ``key`` (after :meth:`begin`)."""
        assert self._keys is not None, "Session.begin() before the edit"
        return key in self._keys

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
        del cache[next(iter(cache))]  # the oldest entry


@functools.lru_cache(maxsize=LABELS)
def _cited(raw: str) -> str | None:
    """How a citation names a label written ``raw`` (the amended label runs' text): as ``_child`` reads it."""
    return bare(raw.strip().translate(HOMOGLYPHS)) or None


def _bullet(c: Clause) -> bool:
    label = c.label_in("amended") or c.label_in("original") or ""
    return not label.strip() or label_scheme(label, None, False) in ("bullet", "dash")
