"""One coercer for every function that takes "a text": :func:`as_proposal`.

:func:`itu_nb.compare`, :func:`itu_nb.compare_many`, :func:`itu_nb.amend`,
:func:`itu_nb.merge`, :func:`itu_nb.lineage` and :func:`itu_nb.check_base` all accept
a proposal, a document, a clause, a path, a text or bytes, and read them the same way.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import PurePath

from itu_nb.errors import AddressError, LoadError
from itu_nb.loaders.registry import detect_format, load
from itu_nb.model import Clause, Document, Proposal

__all__ = ["as_proposal"]

#: File suffixes that make a one-line string a path, never a text (a missing file is then an error).
_SUFFIXES = {".md", ".txt", ".xml", ".akn", ".docx", ".doc", ".pdf", ".critic", ".html", ".json"}


def _viewed(p: Proposal, view: str | None) -> Proposal:
    return p if view is None or not p.changed else p.view(view)


def _prefixed(clause: Clause, prefix: str) -> Clause:
    uid = prefix + clause.uid if clause.uid is not None else None
    return dataclasses.replace(
        clause, path=prefix + clause.path, uid=uid, children=tuple(_prefixed(c, prefix) for c in clause.children)
    )


def _looks_like_path(x: str) -> bool:
    if PurePath(x).suffix.lower() in _SUFFIXES:
        return True
    return (os.sep in x or "/" in x) and not any(ch.isspace() for ch in x)


def as_proposal(x, view: str | None = None, *, single: bool = False) -> Proposal:
    """Any text the package's functions accept, as one :class:`~itu_nb.model.Proposal`.

    Parameters
    ----------
    x : Proposal, Document, Clause, path, str or bytes
        - a Proposal: itself;
        - a Document with one text: that text; with several: with ``single=False``
          one proposal holding them all, each clause path prefixed by its text's id
          (``"B/67/4/considering/a"``), which is how :func:`itu_nb.compare` compares
          whole documents; with ``single=True`` an :class:`~itu_nb.errors.AddressError`
          naming the document and its texts, asking to pick one (``doc["Resolution 130"]``);
        - a Clause: a proposal holding that clause (its id is the clause's path);
        - a path (``str`` or ``os.PathLike``), or the file's bytes: loaded with
          :func:`itu_nb.load`, then read as the Document it gives;
        - a str with a line break: the text itself (format detected); a one-line str
          that is no existing file: a one-line text, unless it looks like a file name
          (a path separator or a suffix such as ``.md``, ``.xml``, ``.docx``), which is
          a :class:`~itu_nb.errors.LoadError` naming it; an empty or blank str or bytes:
          a proposal with no clauses.
    view : {None, "amended", "original"}
        None keeps the tracked changes; ``"amended"`` or ``"original"`` gives that view
        (every run equal, no changes), as :meth:`Proposal.view` does.
    single : bool
        Refuse a Document holding several texts instead of joining them (for
        functions that edit one text: amend, merge, lineage).

    Returns
    -------
    Proposal

    Raises
    ------
    LoadError
        The file cannot be read (the message names it and says what to do).
    AddressError
        ``single=True`` and a Document with several texts (or none).
    TypeError
        Anything else; the message lists what is accepted.

    Examples
    --------
    >>> res = as_proposal("examples/data/pp18-final-acts.akn.xml")  # 64 texts, joined
    >>> b = as_proposal(itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")["B/67/4"], "original")
    """
    if view not in (None, "amended", "original"):
        raise ValueError(f"view={view!r}: use None (keep tracked changes), 'amended' or 'original'")
    if isinstance(x, Proposal):
        return _viewed(x, view)
    if isinstance(x, Clause):
        node = x.view(view) if view is not None else x
        return Proposal(x.path or "clause", None, None, (node,) if node is not None else ())
    if isinstance(x, Document):
        if len(x.proposals) == 1:
            return _viewed(x.proposals[0], view)
        if single:
            if not x.proposals:
                raise AddressError(f"{x.source}: holds no text to work on; check that it is the right file")
            ids = ", ".join(p.id for p in x.proposals[:12])
            raise AddressError(f"{x.source}: {len(x)} texts ({ids}); pick one, e.g. doc[{x.proposals[0].id!r}]")
        clauses = tuple(_prefixed(c, f"{p.id}/") for p in x.proposals for c in _viewed(p, view).clauses)
        return Proposal(x.source, None, None, clauses)
    if isinstance(x, str | bytes | bytearray | os.PathLike):
        if isinstance(x, str | bytes | bytearray) and not x.strip():
            return Proposal("<empty>", None, None, ())
        if isinstance(x, str) and "\n" not in x and not os.path.exists(x):
            if _looks_like_path(x):
                raise LoadError(
                    x[:200], "no such file (check the path; to pass a text itself, use a string with a line break)"
                )
            return as_proposal(load(x, format=detect_format(x)), view, single=single)  # a one-line text
        return as_proposal(load(bytes(x) if isinstance(x, bytearray) else x), view, single=single)
    raise TypeError(
        f"cannot compare, amend or merge a {type(x).__name__}; pass a Proposal, Document, Clause, path, str or bytes"
    )
