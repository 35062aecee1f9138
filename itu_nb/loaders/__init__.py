"""One entry point, :func:`load`, and the registry of loaders it dispatches to.

A loader is a function ``(data: bytes | str, source: str, **options) -> Document``
registered for a format name; :func:`detect_format` picks the name from the content
(and from the file name where the content is ambiguous).  The .docx loader plugs in the same way.

:mod:`.registry` holds the registry and :func:`load`; :mod:`.coerce` the one reading of "a
text" (:func:`as_proposal`); the format modules (:mod:`.text`, :mod:`.akn`, :mod:`.docx`)
register themselves when imported, which the registry does on a format's first use
(``registry.MODULES``), so that reading a text never imports lxml or the .docx reader.
"""

from itu_nb.loaders.coerce import as_proposal
from itu_nb.loaders.registry import LOADERS, detect_format, load, register

__all__ = ["LOADERS", "as_proposal", "detect_format", "load", "register"]
