"""One entry point, :func:`load`, and the registry of loaders it dispatches to.

A loader is a function ``(data: bytes | str, source: str, **options) -> Document``
registered for a format name; :func:`detect_format` picks the name from the content
(and only then from the file name).  The .docx loader plugs in the same way.

:mod:`.registry` holds the registry and :func:`load`; :mod:`.coerce` the one reading of "a
text" (:func:`as_proposal`); the format modules (:mod:`.text`, :mod:`.akn`, :mod:`.docx`)
register themselves when imported here.
"""

from itu_nb.loaders import akn as _akn  # noqa: F401  (each format module registers its loaders)
from itu_nb.loaders import docx as _docx  # noqa: F401
from itu_nb.loaders import text as _text  # noqa: F401
from itu_nb.loaders.coerce import as_proposal
from itu_nb.loaders.registry import LOADERS, detect_format, load, register

__all__ = ["LOADERS", "as_proposal", "detect_format", "load", "register"]
