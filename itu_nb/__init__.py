"""itu_nb: load, compare and amend ITU conference proposals in JupyterLab."""

from itu_nb.errors import AddressError, ItuNbError, LoadError, ParseError
from itu_nb.loaders import load
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run, Target

__all__ = [
    "AddressError",
    "Clause",
    "Document",
    "ItuNbError",
    "LoadError",
    "NodeKind",
    "Op",
    "ParseError",
    "Proposal",
    "Run",
    "Target",
    "load",
]
__version__ = "0.1.0"
