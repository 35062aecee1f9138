"""The .docx loader's metadata: document properties, page headers and footers, stored clause keys.

Nothing here is clause text: :func:`read_metadata` reads the core and ITU custom properties, :func:`page_texts`
what the page headers and footers say (and a note on a glossary part), :func:`stored_keys` the clause keys
itu_nb's writer stores, the control characters it wrote as their pictures (:func:`stored_controls`), and :data:`SUBMITTER` finds the submitter in a header line of the document.
"""

from __future__ import annotations

import re

from itu_nb.loaders.controls import parse_codes
from itu_nb.loaders.docx_package import W
from itu_nb.loaders.docx_para import view_paragraphs
from itu_nb.loaders.docx_read import Reader

__all__ = ["SUBMITTER", "read_metadata", "page_texts", "stored_controls", "stored_keys"]

_CORE = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}language": "language",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "modified_by",
}
#: Custom document properties of the ITU templates (unverified names; matched case-insensitively).
_CUSTOM = {
    "docnum": "document",
    "docdate": "date",
    "docorlang": "original_language",
    "docauthor": "submitter",
    "docconf": "conference",
    "docconference": "conference",
}
SUBMITTER = re.compile(
    r"^\s*(?P<v>[A-Z][\w .'’-]{1,60}\((?:[\w'’-]+ )*(?:of|of the)\b[^()]*\)"
    r"|[A-Z][\w ,'’-]{1,80}\b(?:Administrations|Member States|Group))\s*$"
)


def stored_keys(pkg) -> dict[str, list]:
    """The clause keys itu_nb's writer stores in the custom property ``itu_nb keys``:
    ``{proposal id: [key, …]}`` (empty when absent or unreadable: the paths then serve).
    """
    import json

    custom = pkg.xml("docProps/custom.xml")
    for prop in custom if custom is not None else ():
        if prop.get("name") == "itu_nb keys":
            try:
                got = json.loads("".join(prop.itertext()))
            except ValueError:
                return {}
            if isinstance(got, dict):
                return {str(k): v for k, v in got.items() if isinstance(v, list)}  # Proposal.with_keys checks them
    return {}


def stored_controls(pkg) -> frozenset[str]:
    """The control characters itu_nb's writer wrote as their pictures, listed in the custom property
    ``itu_nb controls`` (``U+0007 U+001B``; empty when absent): :func:`itu_nb.loaders.controls.restore`.
    """
    custom = pkg.xml("docProps/custom.xml")
    for prop in custom if custom is not None else ():
        if prop.get("name") == "itu_nb controls":
            return parse_codes("".join(prop.itertext()))
    return frozenset()


def page_texts(pkg) -> dict[str, str]:
    """What the page headers and footers say, and a note on a glossary part: metadata, not clause text.

    - ``page_header`` / ``page_footer``: the text of every header (footer) part of the document, in
      the amended view, its distinct paragraphs one a line in the order of the parts (a page number
      is the result Word last wrote in its field).  Their text boxes and watermarks are read as
      paragraphs of the body already (:func:`~itu_nb.loaders.docx_read.read_paragraphs`); page
      furniture (``- 2 -``, ``PP18/67-E``) is no text of a proposal, so it is kept here, not in the tree;
    - ``glossary``: a note that the glossary document (``word/glossary/document.xml``: the building
      blocks of Quick Parts and AutoText that a template carries) was not read, and how many blocks
      it holds: Word does not show them in the document.
    """
    out: dict[str, str] = {}
    for kind in ("header", "footer"):
        texts: list[str] = []
        for name in pkg.related_all(kind):
            root = pkg.xml(name)
            if root is not None:
                paras = [p for p in Reader(pkg).blocks(root) if not p.box]
                texts += [t.strip() for t in view_paragraphs(paras, "amended") if t.strip()]
        if texts:
            out[f"page_{kind}"] = "\n".join(dict.fromkeys(texts))
    glossary = pkg.related("glossaryDocument", "word/glossary/document.xml")
    if glossary is not None:
        root = pkg.xml(glossary)
        blocks = 0 if root is None else sum(1 for _ in root.iter(f"{{{W}}}docPart"))
        out["glossary"] = (
            f"{glossary}: {blocks} building block{'s' if blocks != 1 else ''} (Quick Parts, AutoText) not read; "
            "Word does not show them as the document's text"
        )
    return out


def read_metadata(pkg) -> dict:
    """The document's core properties and the ITU templates' custom properties, by their itu_nb names."""
    metadata: dict = {}
    core = pkg.xml("docProps/core.xml")
    if core is not None:
        for el in core:
            key = _CORE.get(el.tag)
            if key and (el.text or "").strip():
                metadata[key] = el.text.strip()
    custom = pkg.xml("docProps/custom.xml")
    if custom is not None:
        for prop in custom:
            key = _CUSTOM.get((prop.get("name") or "").lower())
            value = "".join(prop.itertext()).strip()
            if key and value:
                metadata[key] = value
    return metadata
