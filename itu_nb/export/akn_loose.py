"""The lines that are no node which the Akoma Ntoso writer keeps as metadata of a statement.

Akoma Ntoso has no block for a line that is no clause, so every such line of the source is kept in its
statement's ``proprietary`` block, where it stood (:func:`~itu_nb.export.loose.loose_lines` with ``every``): a
separator between two proposals (Doc 67's ``*****************``), the closing separator and the site address
(``www.itu.int/plenipotentiary/``), blank lines, a marker line written otherwise than its proposal's
``ACTION<TAB>id`` (Doc 67's `` MOD<TAB>B/67/1``), and the lines holding a comment, a highlight or a note body no
node holds.  A note body a node holds is written at its reference, and a marker line that is just its proposal's
``ACTION<TAB>id`` is given back by the statement, unless a line kept before the proposal's first node needs it.
Before, only the lines holding marks were kept (and those between them and their node), so Doc 67 lost its
separators and closing lines through Akoma Ntoso.
"""

from __future__ import annotations

from itu_nb.export.loose import LooseLine, loose_lines
from itu_nb.model import Document

__all__ = ["kept_lines"]


def kept_lines(doc: Document) -> list[LooseLine]:
    """The lines that are no node to keep in Akoma Ntoso, in line order (see the module docstring).

    Linear in the lines and nodes (but for a sort and a binary search per line).
    """
    return loose_lines(doc, every=True)
