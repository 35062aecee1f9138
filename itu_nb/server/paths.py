"""Path safety for the REST handlers: every path is relative to the server's root folder.

A path is resolved (symlinks followed) and refused when it lands outside the root: ``..``,
an absolute path, or a symlink inside the root pointing elsewhere.  Nothing here knows about
tornado: the handlers turn :class:`Refused` into an HTTP status and the JSON error shape.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from itu_nb.parsing.normalise import MAX_BYTES, size_text

__all__ = ["Refused", "inside", "next_free", "relative", "stem_of"]

#: Compound endings read as one, so that ``B-67.critic.md`` is exported as ``B-67.docx``.
ENDINGS = (".critic.md", ".akn.xml", ".review.json", ".docx", ".xml", ".txt", ".md")


class Refused(Exception):
    """A request the server refuses before reading anything: an HTTP status, a kind and a message.

    Parameters
    ----------
    status : int
        403 (outside the root), 404 (missing), 413 (over the loaders' size limit), 400 (bad request).
    kind : str
        ``"forbidden"``, ``"not-found"``, ``"too-large"`` or ``"bad-request"``.
    message : str
        What is wrong, naming the path as the client gave it.
    """

    def __init__(self, status: int, kind: str, message: str):
        self.status, self.kind, self.message = status, kind, message
        super().__init__(message)


def inside(root: str | os.PathLike, rel: object, *, must_exist: bool = True, max_bytes: int = MAX_BYTES) -> Path:
    """The resolved file that ``rel`` names inside ``root``, or :class:`Refused`.

    Parameters
    ----------
    root : path
        The server's root folder (the contents manager's ``root_dir``).
    rel : str
        A path relative to the root, with ``/`` separators, as the file browser gives it.
    must_exist : bool
        Refuse with 404 when the file does not exist (and with 400 when it is a folder).
    max_bytes : int
        Refuse with 413 a file larger than this (the loaders' limit).

    Returns
    -------
    pathlib.Path
        The absolute, resolved path; it is the root or lies under it.
    """
    if not isinstance(rel, str) or not rel.strip():
        raise Refused(400, "bad-request", "a path relative to the server's root folder is needed")
    if "\x00" in rel:
        raise Refused(400, "bad-request", f"{rel!r}: a path cannot hold a NUL character")
    pure = PurePosixPath(rel.replace("\\", "/"))
    if pure.is_absolute() or rel.startswith(("/", "\\")) or (len(rel) > 1 and rel[1] == ":"):
        raise Refused(403, "forbidden", f"{rel}: an absolute path; give a path relative to the server's root folder")
    base = Path(root).resolve()
    target = base.joinpath(*pure.parts).resolve()  # follows symlinks, folds ".."
    if target != base and base not in target.parents:
        raise Refused(403, "forbidden", f"{rel}: outside the server's root folder")
    if must_exist:
        if not target.exists():
            raise Refused(404, "not-found", f"{rel}: no such file")
        if not target.is_file():
            raise Refused(400, "bad-request", f"{rel}: is a folder, not a document")
        size = target.stat().st_size
        if size > max_bytes:
            raise Refused(
                413,
                "too-large",
                f"{rel}: file is {size_text(size)} ({size} bytes), over the {size_text(max_bytes)} limit for one document",
            )
    return target


def relative(root: str | os.PathLike, path: Path) -> str:
    """``path`` (inside ``root``) as the file browser names it: relative, ``/`` separators."""
    return path.relative_to(Path(root).resolve()).as_posix()


def stem_of(name: str) -> str:
    """A file name without its (compound) ending: ``B-67.critic.md`` → ``B-67``."""
    low = name.lower()
    for end in ENDINGS:
        if low.endswith(end) and len(name) > len(end):
            return name[: -len(end)]
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def next_free(folder: Path, stem: str, ending: str) -> Path:
    """``folder/stem+ending``, or ``stem (2)+ending``, ``stem (3)+ending``… the first that does not exist."""
    candidate = folder / f"{stem}{ending}"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem} ({n}){ending}"
        n += 1
    return candidate
