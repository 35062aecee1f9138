"""One small hierarchy of errors, each naming the file, clause or instruction at fault."""

from __future__ import annotations

__all__ = ["AddressError", "ExportError", "ItuNbError", "LoadError", "ParseError"]


class ItuNbError(Exception):
    """Base class of every error itu_nb raises on purpose."""


class LoadError(ItuNbError, ValueError):
    """A source could not be read: missing, too large, binary, badly encoded or hostile XML.

    Parameters
    ----------
    source : str
        The file name (or ``"<text>"`` / ``"<bytes>"``).
    problem : str
        What is wrong and, where possible, what to do about it.
    """

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ParseError(LoadError):
    """The source was read but its structure could not be understood."""


class AddressError(ItuNbError, KeyError):
    """A clause address (path or citation such as "resolves 2") matches nothing."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ExportError(ItuNbError, ValueError):
    """A text cannot be written in the chosen format (the message names the clause)."""
