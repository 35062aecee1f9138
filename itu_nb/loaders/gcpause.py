"""The cyclic garbage collector paused while a loader builds a document (.docx, Akoma Ntoso).

Guarantees of :func:`no_cycle_collection`: the collector is off inside the block, back as it was after
it, and the objects made inside are handed to its oldest generation.  It is the one pause the text and
CriticMarkup loaders and every writer use, :func:`itu_nb.parsing.no_collection` (see it), under the name
the .docx and Akoma Ntoso loaders import.
"""

from __future__ import annotations

from itu_nb.parsing import no_collection as no_cycle_collection

__all__ = ["no_cycle_collection"]
