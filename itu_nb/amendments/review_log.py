"""A review's log: per proposal (:class:`_State`) the decisions, the edits and the history of actions.

:class:`DecisionLog` is a base of :class:`itu_nb.Review` (:class:`itu_nb.amendments.review_state.Review`): it
decides, edits, undoes and redoes, one action at a time.  What a review gives from its log (the proposal with the
edits applied, the decisions applied, the counts) is in :mod:`itu_nb.amendments.review_state`; how the log is saved,
in :mod:`itu_nb.amendments.sidecar`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from itu_nb.amendments.sidecar import DECISIONS, _Decide, _Edit
from itu_nb.errors import AddressError
from itu_nb.model import Proposal

__all__ = ["DecisionLog"]


@dataclass
class _State:
    """What the review holds for one proposal."""

    decisions: dict[str, str] = field(default_factory=dict)
    edits: list[_Edit] = field(default_factory=list)
    history: list[_Edit | _Decide] = field(default_factory=list)
    redo: list[_Edit | _Decide] = field(default_factory=list)
    versions: list[Proposal] = field(default_factory=list)  # versions[n]: the proposal after n edits (known ones)
    ids: tuple[Proposal, frozenset[str]] | None = None  # the change ids of that proposal
    moves: list[tuple[Proposal, dict[str, str]]] = field(default_factory=list)  # per version: it, copy → original


class DecisionLog:
    """The actions of a :class:`~itu_nb.amendments.review_state.Review`: decisions, edits, undo and redo.

    A base of the Review, which provides what is declared here (its author, each proposal's state, the
    proposal after the edits, its change ids, and the call made after every change).
    """

    # provided by Review (itu_nb.amendments.review_state), declared for the type checker
    author: str | None
    _state: Callable[[Any], tuple[str, _State]]
    _ids: Callable[[Any], frozenset[str]]
    _apply: Callable[[Proposal, _Edit], Proposal]
    _changed: Callable[[str], None]
    proposal: Callable[[Any], Proposal]

    # -- changing it ----------------------------------------------------------
    def decide(self, key, ids, decision: str | None) -> None:
        """Accept (``"accept"``), reject (``"reject"``) or forget (``None``) the decisions on ``ids``, as one action.

        Raises
        ------
        AddressError
            An id that is not a change of :meth:`proposal` (the message lists near ids).
        ValueError
            A decision other than ``"accept"``, ``"reject"`` or None.
        """
        if isinstance(ids, str):
            ids = [ids]
        self.set_decisions(key, dict.fromkeys(ids, decision))

    def set_decisions(self, key, decisions: dict[str, str | None]) -> None:
        """Decide several changes at once, each its own way (``None`` forgets), as one action."""
        k, state = self._state(key)
        bad = [d for d in decisions.values() if d is not None and d not in DECISIONS]
        if bad:
            raise ValueError(f"a decision is 'accept', 'reject' or None, not {bad[0]!r}")
        known = self._ids(k)
        unknown = [i for i in decisions if i not in known and i not in state.decisions]
        if unknown:
            near = sorted(known, key=lambda x: (x.split("@")[0] != unknown[0].split("@")[0], x))[:6]
            raise AddressError(f"{k}: no change {unknown[0]!r}; changes include {near}")
        after = {i: d for i, d in decisions.items() if state.decisions.get(i) != d}
        if not after:
            return
        action = _Decide(after, {i: state.decisions.get(i) for i in after})
        self._do(k, state, action)
        state.history.append(action)
        state.redo.clear()
        self._changed(k)

    def edit(self, key, ops, *, author: str | None = None, date: str | None = None) -> None:
        """Apply edit operations (one action, maybe several ops) as tracked changes by ``author`` (the review's).

        Raises
        ------
        itu_nb.amendments.operations.EditError
            An edit that cannot be made (a clause not found, words not there…): nothing is recorded.
        """
        if not isinstance(ops, list | tuple):
            ops = [ops]
        if not ops:
            return
        k, state = self._state(key)
        action = _Edit(
            tuple(ops), author if author is not None else self.author, date or datetime.date.today().isoformat()
        )
        edited = self._apply(self.proposal(k), action)  # raises before anything is recorded
        state.edits.append(action)
        state.versions.append(edited)
        state.history.append(action)
        state.redo.clear()
        self._changed(k)

    def _do(self, key: str, state: _State, action: _Edit | _Decide, back: bool = False) -> None:
        if isinstance(action, _Decide):
            for i, d in (action.before if back else action.after).items():
                if d is None:
                    state.decisions.pop(i, None)
                else:
                    state.decisions[i] = d
        elif back:
            state.edits.pop()  # proposal() drops the version it made
        else:
            state.edits.append(action)  # proposal() applies it to the version before

    def can_undo(self, key) -> bool:
        """Whether there is an action to take back."""
        return bool(self._state(key)[1].history)

    def can_redo(self, key) -> bool:
        """Whether there is an action taken back to do again."""
        return bool(self._state(key)[1].redo)

    def undo(self, key) -> bool:
        """Take back the last action (a decision batch or an edit); False when there is none."""
        k, state = self._state(key)
        if not state.history:
            return False
        action = state.history.pop()
        self._do(k, state, action, back=True)
        state.redo.append(action)
        self._changed(k)
        return True

    def redo(self, key) -> bool:
        """Do again the last action taken back; False when there is none."""
        k, state = self._state(key)
        if not state.redo:
            return False
        action = state.redo.pop()
        self._do(k, state, action)
        state.history.append(action)
        self._changed(k)
        return True
