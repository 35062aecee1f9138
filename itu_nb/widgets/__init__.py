"""Widgets for JupyterLab (anywidget): Python computes, JS renders (sources in ``js/``)."""

from itu_nb.widgets.explore import Explorer, explore
from itu_nb.widgets.redline import RedlineViewer
from itu_nb.widgets.tree import ClauseTreeExplorer

__all__ = ["ClauseTreeExplorer", "Explorer", "RedlineViewer", "explore"]
