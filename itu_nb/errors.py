"""One small hierarchy of errors, each naming the file, clause or instruction at fault."""

from __future__ import annotations

__all__ = ["AddressError", "ExportError", "ItuNbError", "LoadError", "ParseError"]


class ItuNbError(Exception):
    """Base class of every error itu_nb raises on purpose.

    Catch it to handle any of them; each message names the file, clause or instruction at fault.

    Examples
    --------
    >>> try:
    ...     itu_nb.load("no-such-file.txt")
    ... except itu_nb.ItuNbError as exc:
    ...     print(exc)
    no-such-file.txt: no such file (to load a text itself, pass a string with a line break)
    """


class LoadError(ItuNbError, ValueError):
    """A source could not be read: missing, too large, binary, badly encoded or hostile XML.

    Parameters
    ----------
    source : str
        The file name (or ``"<text>"`` / ``"<bytes>"``).
    problem : str
        What is wrong and, where possible, what to do about it.

    Examples
    --------
    >>> try:
    ...     itu_nb.load(b"%PDF-1.7 ...")
    ... except itu_nb.LoadError as exc:
    ...     print(exc.source, "|", exc.problem)
    <bytes> | is a PDF file; save it as .docx or plain text first
    """

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ParseError(LoadError):
    r"""The source was read but its structure could not be understood.

    Examples
    --------
    >>> itu_nb.load("considering\na)\tthat {++ICTs\n", format="criticmarkup")
    Traceback (most recent call last):
    ...
    itu_nb.errors.ParseError: <text>: line 2: CriticMarkup '{++' is never closed
    """


class AddressError(ItuNbError, KeyError):
    """A clause address (path or citation such as "resolves 2") matches nothing.

    It is a ``KeyError`` too, as for a missing key of a dict.

    Examples
    --------
    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> doc["B/67/9"]
    Traceback (most recent call last):
    ...
    itu_nb.errors.AddressError: examples/data/pp18-doc67-brazil.reconstructed.critic.md: no proposal 'B/67/9'; ids: B/67/1, B/67/2, B/67/3, B/67/4, B/67/5
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ExportError(ItuNbError, ValueError):
    r"""A text cannot be written in the chosen format (the message names the clause).

    Examples
    --------
    A plain text that contains a CriticMarkup mark cannot be written as CriticMarkup: it would
    read back as a change.

    >>> doc = itu_nb.load("considering\na)\tthat {++ICTs\n", format="text")
    >>> itu_nb.to_criticmarkup(doc)
    Traceback (most recent call last):
    ...
    itu_nb.errors.ExportError: <text>, line 2 (considering/a): the text 'that {++ICTs' contains a CriticMarkup mark and cannot be written
    """
