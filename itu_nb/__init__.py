"""itu_nb: load, compare and amend ITU conference proposals in JupyterLab."""

from itu_nb.amendments.amending import amend
from itu_nb.amendments.lineage import check_base, lineage
from itu_nb.amendments.merging import merge
from itu_nb.diff.documents import compare
from itu_nb.diff.manyway import compare_many
from itu_nb.diff.twoway import ClausePair, Comparison
from itu_nb.errors import AddressError, ItuNbError, LoadError, ParseError
from itu_nb.export import ExportError, to_akn, to_criticmarkup, to_docx, to_html
from itu_nb.loaders import load
from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run, Target

__all__ = [
    "AddressError",
    "Clause",
    "ClausePair",
    "ClauseTreeExplorer",
    "Comparison",
    "Document",
    "ExportError",
    "ItuNbError",
    "LoadError",
    "NodeKind",
    "Op",
    "ParseError",
    "Proposal",
    "RedlineViewer",
    "Run",
    "Target",
    "amend",
    "check_base",
    "compare",
    "compare_many",
    "explore",
    "lineage",
    "load",
    "merge",
    "to_akn",
    "to_criticmarkup",
    "to_docx",
    "to_frame",
    "to_html",
]
__version__ = "0.1.0"

_WIDGETS = ("ClauseTreeExplorer", "RedlineViewer", "explore")


def __getattr__(name: str):
    """Import the widgets (anywidget, ipywidgets: half a second) and pandas only when first used."""
    if name == "to_frame":
        from itu_nb.frames import to_frame

        return to_frame
    if name in _WIDGETS:
        from itu_nb import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'itu_nb' has no attribute {name!r}")
