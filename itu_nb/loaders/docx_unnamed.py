"""Changes with no author, as itu_nb's Word writer writes them: read back with no author.

``w:author`` is required on every change (ECMA-376's schema, which Word keeps to), so :func:`itu_nb.to_docx`
without ``author=`` writes a change that has none under a placeholder name (``"Unknown Author"``, with a number
when an author of the document has that name) and stores that name in the custom document property
``itu_nb unnamed`` (:data:`itu_nb.export.docx_cover.UNNAMED_PROPERTY`).  :func:`unname` takes that name off every
change of the parts the reader reads, before it reads them, so those changes read as they were: no one's.  A file
without the property (Word's, LibreOffice's) is read as written: a change Word wrote as "Unknown Author"'s is his.
"""

from __future__ import annotations

from itu_nb.loaders.docx_package import Package, W

__all__ = ["PROPERTY", "stored_name", "unname"]

#: The custom property (as :data:`itu_nb.export.docx_cover.UNNAMED_PROPERTY`: the loaders sit below the writers).
PROPERTY = "itu_nb unnamed"

_AUTHOR = f"{{{W}}}author"
#: The elements of a revision, which carry ``w:author`` (ECMA-376 17.13.5; not ``w:comment``: a comment's author is
#: its own, and one with none is written with an empty ``w:author``).  Found by ``iter`` over these tags: an XPath
#: over every element's attributes cost 0.26 s on the 100,000-item row's body, this 0.04 s.
_REVISIONS = tuple(
    f"{{{W}}}{tag}"
    for tag in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "moveFromRangeStart",
        "moveToRangeStart",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "numberingChange",
        "customXmlInsRangeStart",
        "customXmlDelRangeStart",
        "customXmlMoveFromRangeStart",
        "customXmlMoveToRangeStart",
    )
)


def stored_name(pkg: Package) -> str | None:
    """The placeholder the writer stored in ``itu_nb unnamed``, or None (no such property, or an empty one)."""
    custom = pkg.xml("docProps/custom.xml")
    for prop in custom if custom is not None else ():
        if prop.get("name") == PROPERTY:
            return "".join(prop.itertext()) or None
    return None


def unname(pkg: Package) -> None:
    """Take the placeholder :func:`stored_name` gives off every change of the main document, its notes, its comments'
    texts and its page headers and footers, in the parsed parts ``pkg`` keeps (made in place, before the reader reads them).
    """
    name = stored_name(pkg)
    if name is None:
        return
    parts = [pkg.related(kind, f"word/{kind}.xml") for kind in ("footnotes", "endnotes", "comments")]
    parts += pkg.related_all("header") + pkg.related_all("footer")
    roots = [pkg.document] + [pkg.xml(part) for part in parts if part]
    for root in roots:
        if root is None:
            continue
        for el in root.iter(*_REVISIONS):
            if el.get(_AUTHOR) == name:
                del el.attrib[_AUTHOR]
