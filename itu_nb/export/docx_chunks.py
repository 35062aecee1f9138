"""The Word writer's body written to bytes as it goes, so that a long document is never one tree.

A paragraph of ``word/document.xml`` held as lxml elements costs about 2 kB (100,000 paragraphs: 200 MB, over
issue 17's 300 MB budget with the rest); written out it is about 200 bytes.  :class:`BodyChunks` takes the
paragraphs written so far out of the body, keeps their bytes, and leaves one stand-in paragraph where they were;
:meth:`BodyChunks.splice` puts the bytes back in its place in the written package.  The bytes are those the whole
tree gives: the paragraphs are serialised inside the document (in an element standing in the body, so every
namespace is declared where it was), and only the paragraphs no later step of the writer reads again are taken out
(the caller's rule: none before the document's own header lines); the ``w:id`` of the comments' marks, which the
writer shifts past the notes' at the end, is shifted in the bytes too.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx.oxml.ns import qn
from lxml import etree

__all__ = ["BodyChunks"]

#: The stand-in paragraph's mark: the writer gives no paragraph an ``w:rsidR`` (a revision-session id, hex digits).
_MARK = "itu_nb-written"
_STAND_IN = f'<w:p w:rsidR="{_MARK}"/>'.encode()
_PART = "word/document.xml"
#: How many paragraphs put as text are joined into one chunk.
_TEXTS = 2000
_SECTION = qn("w:sectPr")
#: A comment's mark as the writer makes it, its ``w:id`` alone (as bytes: in text or an attribute ``<`` is escaped).
_COMMENT_MARK = re.compile(rb'<w:(commentRangeStart|commentRangeEnd|commentReference) w:id="(\d+)"/>')


class BodyChunks:
    """The paragraphs of a body already written out (see the module's docstring)."""

    def __init__(self, body: etree._Element):
        self.body = body
        self.chunks: list[bytes] = []
        self.stand_in: etree._Element | None = None
        self.texts: list[str] = []  # paragraphs put as XML text since the last chunk

    def _stand_in(self) -> etree._Element:
        """The stand-in paragraph, made at the end of the body (made in the body: its namespaces)."""
        if self.stand_in is None:
            self.stand_in = etree.SubElement(self.body, qn("w:p"))
            self.stand_in.set(qn("w:rsidR"), _MARK)
        return self.stand_in

    def put(self, xml: str) -> None:
        """A paragraph written as XML text (:func:`~itu_nb.export.docx_plain.plain_paragraph`) after those written
        out so far; the body holds no paragraph after the stand-in that comes before it.
        """
        if self.stand_in is None:
            self._stand_in()
        texts = self.texts
        texts.append(xml)
        if len(texts) >= _TEXTS:
            self._join()

    def _join(self) -> None:
        if self.texts:
            self.chunks.append("".join(self.texts).encode())
            self.texts = []

    def take(self, first: etree._Element) -> None:
        """Write out ``first`` and the paragraphs after it, up to the body's section properties (its last child)."""
        if self.stand_in is None:
            first.addprevious(self._stand_in())
        self._join()
        holder = etree.SubElement(self.body, qn("w:body"))
        self._stand_in().addnext(holder)
        holder.extend([el for el in holder.itersiblings() if el.tag != _SECTION])
        data = etree.tostring(holder, encoding="UTF-8")
        self.chunks.append(data[data.index(b">") + 1 : -len(b"</w:body>")])
        holder.clear()  # (each paragraph no Python object holds is freed as it is; removing the holder whole made
        self.body.remove(holder)  # its namespaces absolute first, node by node: 0.1 s per 2,000 paragraphs)

    def splice(self, package: bytes, shift: int = 0) -> bytes:
        """The written ``package`` (a .docx) with the paragraphs taken out back at their stand-in's place, the
        ``w:id`` of each comment's marks in them made ``shift`` more (as the writer shifts those in the tree).
        """
        if self.stand_in is None:
            return package
        self._join()
        if shift:
            self.chunks = [_COMMENT_MARK.sub(lambda m: _shifted(m, shift), chunk) for chunk in self.chunks]
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == _PART:
                    at = data.index(_STAND_IN)
                    data = b"".join((data[:at], *self.chunks, data[at + len(_STAND_IN) :]))
                zout.writestr(info.filename, data)
        return out.getvalue()


def _shifted(m: re.Match, shift: int) -> bytes:
    return b'<w:%s w:id="%d"/>' % (m.group(1), int(m.group(2)) + shift)
