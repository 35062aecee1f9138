"""The redline viewer's suggesting mode from Python, and the commands the widget sends.

A part of :class:`~itu_nb.widgets.redline.RedlineViewer` (its base class): :meth:`edit`, :meth:`insert`,
:meth:`delete`, :meth:`move`, :meth:`instruct` and :meth:`comment` apply one edit operation each, as an action
of the viewer's review tracked under its author; the widget sends the same commands (``{"cmd": "edit", …}``),
answered ok or with the error (:meth:`_on_msg`).
"""

from __future__ import annotations

from collections.abc import Callable

import traitlets

from itu_nb.amendments.operations import Comment, DeleteClause, EditError, EditText, InsertClause, MoveClause
from itu_nb.errors import ItuNbError
from itu_nb.widgets._deciding import _Deciding

COMMANDS = ("edit", "insert", "delete", "move", "instruct", "comment", "undo", "redo")


class _Suggesting(_Deciding):
    """How :class:`~itu_nb.widgets.redline.RedlineViewer` edits, from Python and from the widget (see the module)."""

    send: Callable[..., None]  # the widget's (anywidget): a message to the page

    # -- editing --------------------------------------------------------------
    def _edit(self, *ops) -> None:
        review, key = self._need_review()
        review.edit(key, list(ops), author=self.author or None)

    def edit(self, path: str, text: str) -> None:
        """Make ``text`` the amended text of clause ``path``, tracked under :attr:`author`.

        Tracked word by word (the ``EditText`` operation): the words that differ from the clause's
        amended text are deleted and inserted, its label and the white space at its ends stay.
        """
        self._edit(EditText(at=path, text=text))

    def insert(self, path: str, text: str, where: str = "after") -> None:
        """Insert a new item reading ``text`` after (or ``where="before"``) clause ``path``; the list is relettered."""
        if where not in ("after", "before"):
            raise EditError(f"insert where 'after' or 'before', not {where!r}")
        self._edit(InsertClause(text, after=path) if where == "after" else InsertClause(text, before=path))

    def delete(self, path: str) -> None:
        """Delete clause ``path`` (and what is under it); the items after it are relettered."""
        self._edit(DeleteClause(at=path))

    def move(self, path: str, where: str) -> None:
        """Move clause ``path`` one place ``"up"`` or ``"down"`` among its siblings (amended view)."""
        if where not in ("up", "down"):
            raise EditError(f"move 'up' or 'down', not {where!r}")
        from itu_nb.amendments.addressing import find_path, parent_of

        proposal = self.proposal
        node = find_path(proposal, path)
        if node is None:
            raise EditError(f"no clause {path!r} in {proposal.id}")
        parent = parent_of(proposal, path)
        siblings = [c for c in (parent.children if parent is not None else proposal.clauses) if c.status != "deleted"]
        at = next(i for i, c in enumerate(siblings) if c is node)
        other = at - 1 if where == "up" else at + 1
        if not 0 <= other < len(siblings):
            raise EditError(f"{path} is already the {'first' if where == 'up' else 'last'} of its list")
        target = siblings[other].path
        self._edit(MoveClause(at=path, before=target) if where == "up" else MoveClause(at=path, after=target))

    def instruct(self, text: str) -> None:
        """Apply plain-language instructions (``itu_nb.amend``'s grammar, one a line) as one action."""
        from itu_nb.amendments.instructions import parse

        ops = [op for _line, line_ops in parse(text) for op in line_ops]
        if not ops:
            raise EditError("no instruction to apply")
        self._edit(*ops)

    def comment(self, path: str, text: str) -> None:
        """Attach the analyst's comment ``text`` to clause ``path`` (the ``Comment`` operation)."""
        self._edit(Comment(at=path, text=text))

    def _on_msg(self, _widget, content, _buffers) -> None:
        """A command from the widget (spec: ``{"cmd": "edit", …}``): do it, then answer ok or the error."""
        cmd = content.get("cmd") if isinstance(content, dict) else None
        try:
            if cmd not in COMMANDS:
                raise ItuNbError(f"unknown command {cmd!r}")
            if cmd == "edit":
                self.edit(content["path"], content["text"])
            elif cmd == "insert":
                self.insert(content["path"], content["text"], content.get("where", "after"))
            elif cmd == "delete":
                self.delete(content["path"])
            elif cmd == "move":
                self.move(content["path"], content["where"])
            elif cmd == "instruct":
                self.instruct(content["text"])
            elif cmd == "comment":
                self.comment(content["path"], content["text"])
            elif not (self.undo() if cmd == "undo" else self.redo()):
                raise ItuNbError(f"nothing to {cmd}")
        except KeyError as exc:
            error = f"{exc}" if isinstance(exc, ItuNbError) else f"the {cmd!r} command lacks {exc}"
            self.send({"cmd": cmd, "ok": False, "error": error})
        except (ItuNbError, ValueError, traitlets.TraitError) as exc:
            self.send({"cmd": cmd, "ok": False, "error": str(exc)})
        else:
            self.send({"cmd": cmd, "ok": True})
