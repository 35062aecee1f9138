"""itu_nb: load, compare and amend ITU conference proposals in JupyterLab."""

from itu_nb.errors import AddressError, ItuNbError, LoadError, ParseError
from itu_nb.loaders import load
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run, Target

__all__ = [
    "AddressError",
    "Clause",
    "ClauseTreeExplorer",
    "Document",
    "ItuNbError",
    "LoadError",
    "NodeKind",
    "Op",
    "ParseError",
    "Proposal",
    "RedlineViewer",
    "Run",
    "Target",
    "explore",
    "load",
]
__version__ = "0.1.0"

_WIDGETS = ("ClauseTreeExplorer", "RedlineViewer", "explore")


def __getattr__(name: str):
    """Import the widgets (anywidget, ipywidgets: half a second) only when first used."""
    if name in _WIDGETS:
        from itu_nb import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'itu_nb' has no attribute {name!r}")
