"""Minimal but realistic .docx packages for the reader's tests, written part by part as Word writes them.

A package has ``[Content_Types].xml``, ``_rels/.rels``, ``word/document.xml`` and
``word/_rels/document.xml.rels``, plus the footnotes, endnotes, comments, numbering, styles,
headers and footers asked for; every XML part declares the namespaces Word declares (w, m, r,
mc, v, o, wp, a, wps, w14) with ``mc:Ignorable="w14"``, so math, DrawingML and VML shapes,
markup compatibility and tracked changes can be written in them as Word writes them.

The snippets below (``run``, ``ins``, ``sym``, ``text_box``…) are what Word 2016 and later
write for each construct, cut to the attributes the reader uses.
"""

from __future__ import annotations

import io
import zipfile

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items()) + ' mc:Ignorable="w14"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PARTS = {  # key → (part name, relationship type, root element, content type)
    "footnotes": ("footnotes.xml", "footnotes", "w:footnotes", "footnotes"),
    "endnotes": ("endnotes.xml", "endnotes", "w:endnotes", "endnotes"),
    "comments": ("comments.xml", "comments", "w:comments", "comments"),
    "numbering": ("numbering.xml", "numbering", "w:numbering", "numbering"),
    "styles": ("styles.xml", "styles", "w:styles", "styles"),
}


def package(body: str, *, headers: tuple[str, ...] = (), footers: tuple[str, ...] = (), **parts: str) -> bytes:
    """A .docx whose ``w:body`` holds ``body``; ``parts`` give the content of footnotes, comments…;
    ``headers`` / ``footers`` the content of ``w:hdr`` / ``w:ftr`` parts, referenced from the section."""
    rels, types, files = [], [], {}
    for key, content in parts.items():
        name, rtype, root, ctype = _PARTS[key]
        rels.append((f"r{key}", rtype, name))
        types.append((name, f"{_MAIN_TYPE}.{ctype}+xml"))
        files[name] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} {_DECL}>{content}</{root}>'
    refs = []
    for kind, root, contents in (("header", "w:hdr", headers), ("footer", "w:ftr", footers)):
        for n, content in enumerate(contents, 1):
            name, rid = f"{kind}{n}.xml", f"r{kind}{n}"
            rels.append((rid, kind, name))
            types.append((name, f"{_MAIN_TYPE}.{kind}+xml"))
            files[name] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} {_DECL}>{content}</{root}>'
            refs.append(f'<w:{kind}Reference w:type="{"default" if n == 1 else "first"}" r:id="{rid}"/>')
    sect = f'<w:sectPr>{"".join(refs)}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_MAIN_TYPE}.document.main+xml"/>'
            + "".join(f'<Override PartName="/word/{n}" ContentType="{t}"/>' for n, t in types)
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{n}"/>' for i, t, n in rels)
            + "</Relationships>",
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_DECL}><w:body>{body}{sect}</w:body></w:document>',
        )
        for name, xml in files.items():
            z.writestr(f"word/{name}", xml)
    return buf.getvalue()


# -- runs and changes ---------------------------------------------------------------
def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{esc(text)}</w:delText></w:r>'


def _change(tag: str, inner: str, author: str, wid: int) -> str:
    return f'<w:{tag} w:id="{wid}" w:author="{author}" w:date="2018-09-10T00:00:00Z">{inner}</w:{tag}>'


def ins(inner: str, author: str = "Brazil", wid: int = 1) -> str:
    return _change("ins", inner, author, wid)


def dele(inner: str, author: str = "Brazil", wid: int = 2) -> str:
    return _change("del", inner, author, wid)


def para(inner: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def mark(tag: str, author: str = "Brazil") -> str:
    """A tracked paragraph mark (``w:ins`` or ``w:del`` in the mark's run properties), for ``para(ppr=…)``."""
    return f'<w:rPr><w:{tag} w:id="9" w:author="{author}" w:date="2018-09-10T00:00:00Z"/></w:rPr>'


HEAD = para(run("MOD\tXYZ/1/1")) + para(run("RESOLUTION 1 (Rev. Dubai, 2018)")) + para(run("Title"))


# -- notes and comments ------------------------------------------------------------
def footnote_ref(wid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{wid}"/></w:r>'


def footnote(wid: int, inner: str) -> str:
    """A footnote as Word writes it: its mark (``w:footnoteRef``), then its text in one paragraph."""
    return (
        f'<w:footnote w:id="{wid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f"{run(' ')}{inner}</w:p></w:footnote>"
    )


SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def comment_ref(wid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{wid}"/></w:r>'


def comment(wid: int, inner: str, author: str = "Reviewer") -> str:
    return (
        f'<w:comment w:id="{wid}" w:author="{author}" w:date="2018-09-11T00:00:00Z" w:initials="R">'
        f"<w:p>{inner}</w:p></w:comment>"
    )


# -- numbering ---------------------------------------------------------------------
def numbering(fmt: str, text: str, start: int | str = 1) -> str:
    """One abstract list (level 0 only) and its ``w:num`` 1."""
    return (
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def numpr(num: int = 1, ilvl: int = 0, inserted_by: str | None = None) -> str:
    tracked = (
        f'<w:ins w:id="7" w:author="{inserted_by}" w:date="2018-09-10T00:00:00Z"/>' if inserted_by is not None else ""
    )
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/>{tracked}</w:numPr>'


def ppr_change(old_ppr: str, author: str = "Brazil") -> str:
    return f'<w:pPrChange w:id="8" w:author="{author}" w:date="2018-09-10T00:00:00Z"><w:pPr>{old_ppr}</w:pPr></w:pPrChange>'


# -- symbols, math, shapes ---------------------------------------------------------------
def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def math_run(text: str) -> str:
    return f'<m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr><m:t>{esc(text)}</m:t></m:r>'


def math(inner: str) -> str:
    return f"<m:oMath>{inner}</m:oMath>"


def _drawing(content: str) -> str:
    return (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:extent cx="2000000" cy="500000"/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def _vml(content: str) -> str:
    return (
        '<w:pict><v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:157pt;height:39pt">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )


def text_box(content: str, how: str = "alternate") -> str:
    """A run holding a text box whose ``w:txbxContent`` is ``content``: ``drawing`` (DrawingML),
    ``vml`` (w:pict) or ``alternate`` (mc:AlternateContent with both, as Word 2010 and later write)."""
    if how == "drawing":
        return f"<w:r>{_drawing(content)}</w:r>"
    if how == "vml":
        return f"<w:r>{_vml(content)}</w:r>"
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{_drawing(content)}</mc:Choice>'
        f"<mc:Fallback>{_vml(content)}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def watermark(text: str) -> str:
    """The header paragraph Word writes for Design > Watermark (a WordArt VML shape)."""
    return para(
        '<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:textpath on="t" fitshape="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;rotation:315" fillcolor="silver" stroked="f">'
        f'<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{esc(text)}"/></v:shape></w:pict></w:r>',
        '<w:pStyle w:val="Header"/>',
    )
