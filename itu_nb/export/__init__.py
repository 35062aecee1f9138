"""Writers: CriticMarkup, standalone HTML, Word with tracked changes, Akoma Ntoso.

Each takes a :class:`~itu_nb.model.Document`, a :class:`~itu_nb.model.Proposal` (for
instance a consolidated draft from ``accept``/``reject``) or a
:class:`~itu_nb.diff.twoway.Comparison`, and starts from the same lines
(:mod:`itu_nb.export.lines`).  The modules are imported when first used.
"""

from __future__ import annotations

from itu_nb.errors import ExportError

__all__ = ["ExportError", "to_akn", "to_criticmarkup", "to_docx", "to_html"]


def to_criticmarkup(x, path=None, **options) -> str:
    """See :func:`itu_nb.export.critic.to_criticmarkup`."""
    from itu_nb.export.critic import to_criticmarkup

    return to_criticmarkup(x, path, **options)


def to_html(x, path=None, **options) -> str:
    """See :func:`itu_nb.export.html.to_html`."""
    from itu_nb.export.html import to_html

    return to_html(x, path, **options)


def to_docx(x, path=None, **options):
    """See :func:`itu_nb.export.docx.to_docx`."""
    from itu_nb.export.docx import to_docx

    return to_docx(x, path, **options)


def to_akn(x, path=None, **options) -> str:
    """See :func:`itu_nb.export.akn.to_akn`."""
    from itu_nb.export.akn import to_akn

    return to_akn(x, path, **options)
