"""itu_nb: load, compare and amend ITU conference proposals in JupyterLab.

Every public name is imported on first use (PEP 562), so ``import itu_nb`` costs a few
milliseconds and the command line starts fast: ``itu_nb.load`` brings in the parser and the
one loader a file needs, ``itu_nb.compare`` the diff engine, ``to_frame`` pandas, and the
widgets anywidget and ipywidgets (half a second), each only when it is first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as type checkers and editors see them; at run time __getattr__ imports them
    from itu_nb.amendments.amending import amend
    from itu_nb.amendments.lineage import check_base, lineage
    from itu_nb.amendments.merging import merge
    from itu_nb.amendments.reviewing import Review
    from itu_nb.diff.documents import compare
    from itu_nb.diff.manyway import compare_many
    from itu_nb.diff.twoway import ClausePair, Comparison
    from itu_nb.errors import AddressError, ItuNbError, LoadError, ParseError
    from itu_nb.export import ExportError, to_akn, to_criticmarkup, to_docx, to_html
    from itu_nb.frames import to_frame
    from itu_nb.loaders import load
    from itu_nb.model import Clause, Document, NodeKind, Op, Proposal, Run, Target
    from itu_nb.widgets import ClauseTreeExplorer, RedlineViewer, explore

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
    "Review",
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

#: Where each public name lives: the module imported when the name is first used.
_HOMES = {
    "amend": "itu_nb.amendments.amending",
    "check_base": "itu_nb.amendments.lineage",
    "lineage": "itu_nb.amendments.lineage",
    "merge": "itu_nb.amendments.merging",
    "Review": "itu_nb.amendments.reviewing",
    "compare_many": "itu_nb.diff.manyway",
    "ClausePair": "itu_nb.diff.twoway",
    "Comparison": "itu_nb.diff.twoway",
    "compare": "itu_nb.diff.documents",
    "AddressError": "itu_nb.errors",
    "ItuNbError": "itu_nb.errors",
    "LoadError": "itu_nb.errors",
    "ParseError": "itu_nb.errors",
    "ExportError": "itu_nb.export",
    "to_akn": "itu_nb.export",
    "to_criticmarkup": "itu_nb.export",
    "to_docx": "itu_nb.export",
    "to_html": "itu_nb.export",
    "to_frame": "itu_nb.frames",
    "load": "itu_nb.loaders",
    "Clause": "itu_nb.model",
    "Document": "itu_nb.model",
    "NodeKind": "itu_nb.model",
    "Op": "itu_nb.model",
    "Proposal": "itu_nb.model",
    "Run": "itu_nb.model",
    "Target": "itu_nb.model",
    "ClauseTreeExplorer": "itu_nb.widgets",
    "RedlineViewer": "itu_nb.widgets",
    "explore": "itu_nb.widgets",
}


def __getattr__(name: str):
    """Import a public name (or a subpackage such as ``itu_nb.loaders``) when it is first used."""
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"itu_nb.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"itu_nb.{name}":
                raise
    raise AttributeError(f"module 'itu_nb' has no attribute {name!r}")


def _jupyter_server_extension_points() -> list[dict]:
    """The Jupyter Server extension (:mod:`itu_nb.server`), imported only when the server loads it."""
    return [{"module": "itu_nb.server"}]


def _jupyter_labextension_paths() -> list[dict]:
    """The prebuilt JupyterLab extension (built from js/lab), for ``jupyter labextension develop``."""
    return [{"src": "labextension", "dest": "itu-nb"}]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
