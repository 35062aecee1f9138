"""Path components: the part of a clause's path an item's label gives, made unique among its siblings.

Shared by the tree builder, the Akoma Ntoso loader and the amendment code that recomputes paths after
an edit (:mod:`itu_nb.parsing.labels` names them too).
"""

from __future__ import annotations

import functools
import re

from itu_nb.parsing.schemes import bare_label

__all__ = ["Components", "item_component", "unique_component"]

_SPACES = re.compile(r"\s+")


def item_component(label: str, scheme: str | None, listed: int) -> str:
    """Path component of an item: its bare label (``b``, ``4.1``, ``abis``), else ``item``.

    A bullet or dash item is ``bullet<n>`` / ``dash<n>``, ``listed`` being the number of
    bullet and dash items before it among its siblings.  Shared with :mod:`itu_nb.amendments.amending`,
    which recomputes paths after an edit.
    """
    if scheme in ("bullet", "dash"):
        return f"{scheme}{listed + 1}"
    return _bare_component(label)


@functools.lru_cache(maxsize=4096)
def _bare_component(label: str) -> str:
    return _SPACES.sub("", bare_label(label)) or "item"


def unique_component(base: str, used: set[str] | Components) -> str:
    """``base``, or ``base#2``, ``base#3``… when a sibling already uses it.

    With a set of the siblings' components this searches for the first free one (linear in
    the number of siblings sharing ``base``); a :class:`Components` answers in constant time
    and records the component it gives.
    """
    if isinstance(used, Components):
        return used.take(base)
    component, n = base, 2
    while component in used:
        component, n = f"{base}#{n}", n + 1
    return component


class Components:
    """The path components given to one node's children, for ``#2`` suffixes in constant time.

    :meth:`take` gives what :func:`unique_component` gives with a set of the components taken
    so far, without searching: the components are ``base``, ``base#2``, ``base#3``… in the order
    they are taken, so a count per base is enough.  A base that already holds ``#`` (never made
    by the parser) falls back to the search.

    Examples
    --------
    >>> taken = Components()
    >>> [taken.take(c) for c in ("a", "b", "a", "a", "p1")]
    ['a', 'b', 'a#2', 'a#3', 'p1']
    >>> "a#3" in taken, "a#4" in taken
    (True, False)
    """

    __slots__ = ("_count", "_odd")

    def __init__(self) -> None:
        self._count: dict[str, int] = {}
        self._odd: set[str] = set()  # components holding "#", taken outside the counted scheme

    def __contains__(self, component: str) -> bool:
        base, sep, n = component.rpartition("#")
        counted = sep and n.isdigit() and not n.startswith("0") and int(n) >= 2
        if counted and self._count.get(base, 0) >= int(n):
            return True
        return component in self._odd or self._count.get(component, 0) >= 1

    def take(self, base: str) -> str:
        """The first of ``base``, ``base#2``, ``base#3``… not taken yet; it is now taken."""
        if "#" in base or base in self._odd:
            component, n = base, 2
            while component in self:
                component, n = f"{base}#{n}", n + 1
            self._odd.add(component)
            return component
        n = self._count.get(base, 0) + 1
        component = base if n == 1 else f"{base}#{n}"
        while component in self._odd:  # skips only components someone took through the search above (never the parser)
            n += 1
            component = f"{base}#{n}"
        self._count[base] = n
        return component
