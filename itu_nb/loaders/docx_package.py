"""The .docx package: a zip of XML parts, read with bounds and a hardened XML parser.

Guarantees after :func:`open_package`:
- the data is a readable zip with at most :data:`MAX_MEMBERS` members and a main
  document part (found through ``_rels/.rels``, else ``word/document.xml``);
- no part is decompressed past :data:`MAX_PART_BYTES`, and the parts read together
  stay under :data:`MAX_TOTAL_BYTES` and under :data:`MAX_RATIO` times the size of the
  file (:data:`RATIO_FLOOR` at least; counted while inflating, never trusting the sizes
  the zip's headers claim), so a zip bomb stops early and the work and memory of a load
  are bounded by a factor of the file's size (real documents inflate 3–20 times);
- every parsed part had no DOCTYPE and no entity declaration (refused before and
  after parsing), was parsed without network access, DTD loading or entity
  resolution, and without lxml's ``huge_tree`` escape hatch.
Every problem is a :class:`~itu_nb.errors.LoadError` naming the file.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from itu_nb.errors import LoadError
from itu_nb.parsing.normalise import size_text

#: Limits for one .docx; real ITU proposals are far below them (the PP-18 Brazil
#: document is 0.2 MB zipped, 1.5 MB of XML).
MAX_MEMBERS = 5_000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: A document may inflate to this many times its file size (and to RATIO_FLOOR in any case).
MAX_RATIO = 100
RATIO_FLOOR = 16 * 1024 * 1024
_CHUNK = 1 << 16

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"

# A DOCTYPE or ENTITY declaration in UTF-8 or either UTF-16 byte order.
_FORBIDDEN = re.compile(
    rb"<!\s*(?:DOCTYPE|ENTITY)"
    rb"|<\x00!\x00(?:D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)"
    rb"|\x00<\x00!(?:\x00D\x00O\x00C\x00T\x00Y\x00P\x00E|\x00E\x00N\x00T\x00I\x00T\x00Y)",
    re.IGNORECASE,
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


class Package:
    """An opened .docx: bounded access to its parts by name or by relationship type."""

    def __init__(self, zf: zipfile.ZipFile, source: str, size: int | None = None):
        self.zf = zf
        self.source = source
        self.budget = min(MAX_TOTAL_BYTES, max(RATIO_FLOOR, MAX_RATIO * size)) if size else MAX_TOTAL_BYTES
        self.names = {info.filename for info in zf.infolist()}
        self._read_total = 0
        self._parser = _parser()  # one per package: lxml parsers are reusable, not shareable across threads
        self._parsed: dict[str, etree._Element | None] = {}  # each part parsed once (metadata reads custom.xml twice)
        self.main = self._main_part()
        self._rels = self.relationships(self.main)
        self.document: etree._Element | None = None

    # -- raw parts ------------------------------------------------------------
    def read(self, name: str) -> bytearray | None:
        """The bytes of part ``name`` (None when absent), inflated in bounded chunks.

        A bytearray: copying it into ``bytes`` would double the peak memory of a large part.
        """
        if name not in self.names:
            return None
        out = bytearray()
        try:
            with self.zf.open(name) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    self._read_total += len(chunk)
                    if len(out) > MAX_PART_BYTES:
                        raise LoadError(
                            self.source,
                            f"part {name} inflates to more than {size_text(MAX_PART_BYTES)}; "
                            "refused as oversized (a zip bomb or a corrupted file)",
                        )
                    if self._read_total > MAX_TOTAL_BYTES:
                        raise LoadError(
                            self.source,
                            f"the document inflates to more than {size_text(MAX_TOTAL_BYTES)}; "
                            "refused as oversized (a zip bomb or a corrupted file)",
                        )
                    if self._read_total > self.budget:
                        raise LoadError(
                            self.source,
                            f"the document inflates to more than {MAX_RATIO} times its size "
                            f"({size_text(self.budget)}); refused as oversized (a zip bomb or a corrupted file)",
                        )
        except LoadError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise LoadError(self.source, f"part {name} is damaged ({exc}); the file may be truncated") from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted member, unknown compression
            raise LoadError(self.source, f"part {name} cannot be read ({exc})") from None
        return out

    def xml(self, name: str | None, *, needs: str | None = None) -> etree._Element | None:
        """Part ``name`` parsed with the hardened parser (None when absent); each part is parsed once.

        With ``needs`` (an element's local name), a part whose bytes never spell that name
        (in UTF-8 or UTF-16) holds no such element and is not parsed: None.
        """
        if name is None:
            return None
        if name in self._parsed:
            return self._parsed[name]
        data = self.read(name)
        if data is not None and needs is not None:
            wide = "\x00".join(needs).encode("ascii")  # UTF-16, either byte order: the letters with NULs between
            if needs.encode("ascii") not in data and wide not in data:
                return None
        root = None if data is None else parse_xml(data, self.source, name, self._parser)
        self._parsed[name] = root
        return root

    # -- relationships --------------------------------------------------------
    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """``{rId: (type, target part name)}`` for ``part`` (internal targets only)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        rels: dict[str, tuple[str, str]] = {}
        if root is None:
            return rels
        for rel in root.iter(f"{{{_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            # a leading slash is relative to the package root, anything else to the part's folder
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return rels

    def related(self, kind: str, default: str) -> str | None:
        """The part related to the main document by type ``…/kind`` (else ``default`` if present)."""
        for rtype, name in self._rels.values():
            if rtype.endswith("/" + kind) and name in self.names:
                return name
        return default if default in self.names else None

    def related_all(self, kind: str) -> list[str]:
        """Every part related to the main document by type ``…/kind`` (headers, footers), once each, in order."""
        names = [name for rtype, name in self._rels.values() if rtype.endswith("/" + kind) and name in self.names]
        return list(dict.fromkeys(names))

    def _main_part(self) -> str:
        root = self.xml("_rels/.rels")
        if root is not None:
            for rel in root.iter(f"{{{_REL}}}Relationship"):
                target = (rel.get("Target") or "").lstrip("/")
                if (rel.get("Type") or "").endswith(_OFFICE_DOC) and target in self.names:
                    return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "content.xml" in self.names:
            raise LoadError(self.source, "is an OpenDocument file (.odt), not .docx; save it as Word (.docx) first")
        raise LoadError(self.source, "is a zip archive without word/document.xml: not a Word (.docx) document")


#: How many ``!`` of a part :func:`_may_declare` looks at before it leaves the question to the regex.
_BANGS = 64


def _may_declare(data: bytes | bytearray) -> bool:
    """Whether a DOCTYPE or entity declaration may start in ``data``: False only where none can.

    Every declaration :data:`_FORBIDDEN` finds has a ``!`` right after ``<`` (UTF-8) or after
    ``<`` NUL (UTF-16, either byte order).  A ``!`` is a single byte, found at memchr speed, and
    rare in a part (none in most); looking for ``<!`` itself costs a hundred times as much, every
    ``<`` of the markup being a candidate (3 ms of a 2 MB document.xml).  So the ``!`` are
    checked one by one, the first :data:`_BANGS` of them; a part with more goes to the regex.
    """
    at = data.find(b"!")
    for _ in range(_BANGS):
        if at < 0:
            return False
        before = data[at - 1] if at else -1
        if before == 0x3C or (before == 0 and at > 1 and data[at - 2] == 0x3C):
            return True
        at = data.find(b"!", at + 1)
    return True


def parse_xml(data: bytes | bytearray, source: str, name: str, parser: etree.XMLParser | None = None) -> etree._Element:
    """Parse one part, refusing DTDs and entity declarations (never resolved, never expanded).

    ``parser`` is a parser made by :func:`_parser`, reused for the parts of one package.
    """
    if _may_declare(data) and _FORBIDDEN.search(data):
        raise LoadError(
            source, f"part {name} declares a DOCTYPE or entities; refused (XML entities are never resolved)"
        )
    try:
        # fromstring parses the buffer in place (parse() of a BytesIO copies it in Python-sized reads)
        root = etree.fromstring(data, parser or _parser())
    except etree.XMLSyntaxError as exc:
        raise LoadError(source, f"part {name} is not well-formed XML ({exc.msg}, line {exc.lineno})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise LoadError(source, f"part {name} declares a DOCTYPE; refused")
    return root


def open_package(data: bytes, source: str) -> Package:
    """Open ``data`` as a .docx package, or raise a LoadError saying what is wrong."""
    if not isinstance(data, bytes | bytearray):
        raise LoadError(source, "a .docx must be given as a file path or bytes, not text")
    if not data:
        raise LoadError(source, "the file is empty")
    if not data.startswith(b"PK"):
        raise LoadError(source, "is not a .docx (not a zip archive)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise LoadError(source, f"is not a readable .docx: the zip archive is damaged or truncated ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise LoadError(source, f"zip archive has {len(infos)} members (limit {MAX_MEMBERS}); refused")
    pkg = Package(zf, source, len(data))
    root = pkg.xml(pkg.main)
    if root is None or root.tag.startswith(f"{{{W_STRICT}}}"):
        raise LoadError(source, "is Strict Open XML; save it as an ordinary Word Document (.docx)")
    if root.tag != f"{{{W}}}document":
        raise LoadError(source, f"{pkg.main} is not a WordprocessingML document (root {root.tag})")
    pkg.document = root
    return pkg
