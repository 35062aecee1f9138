"""Control characters written as Unicode Control Pictures by the Word and Akoma Ntoso writers, put back on reading.

XML 1.0 cannot hold C0 control characters but TAB, LF and CR.  :mod:`itu_nb.export.controls` writes each one a
writer would otherwise have dropped as its visible Control Picture (U+0007 BEL → U+2407 ␇, U+001B ESC → U+241B
␛, DEL → U+2421 ␡), so that Word, LibreOffice, pandoc and any Akoma Ntoso reader show that something was there,
and records which characters it pictured (:func:`codes_text`: ``U+0007 U+001B``) in the ``itu_nb controls``
custom document property (Word) or ``<itu_nb:controls>`` in the collection's ``meta/proprietary`` (Akoma Ntoso).
:func:`restore` maps the pictures of those characters back in every text the writers picture: run and label
text, authors and dates, artefacts (comments, note bodies, bookmarks), proposal ids and actions.  The writer
refuses a document holding both a control character and its picture (it could not say which is which), so a
picture the source held as a real character is never recorded and stays a picture.
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.model import Artefact, Clause, Document, Proposal, Run

__all__ = ["PICTURED", "codes_text", "parse_codes", "picture", "pictured", "restore"]

#: The characters a writer may write as their picture: C0 but TAB, LF and CR (which XML holds), and DEL.
PICTURED = frozenset([*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)), "\x7f"])
_CODES = re.compile(r"U\+([0-9A-F]{4})")


def picture(ch: str) -> str:
    """The Control Picture of the control character ``ch`` (U+2400 + its code; DEL: U+2421)."""
    return "\u2421" if ch == "\x7f" else chr(0x2400 + ord(ch))


def codes_text(chars) -> str:
    """The control characters ``chars`` as the writers record them: ``U+0007 U+001B``, sorted."""
    return " ".join(f"U+{ord(c):04X}" for c in sorted(chars))


def parse_codes(value: str | None) -> frozenset[str]:
    """The control characters a recorded value names (:func:`codes_text`); others and junk are ignored."""
    if not value:
        return frozenset()
    return frozenset(c for c in (chr(int(h, 16)) for h in _CODES.findall(value)) if c in PICTURED)


def _table(chars) -> dict[int, str]:
    return {ord(picture(c)): c for c in chars}


def _run(run: Run, table: dict[int, str]) -> Run:
    text, author, date = run.text.translate(table), _opt(run.author, table), _opt(run.date, table)
    if text == run.text and author == run.author and date == run.date:
        return run
    return dataclasses.replace(run, text=text, author=author, date=date)


def _opt(value: str | None, table: dict[int, str]) -> str | None:
    return value.translate(table) if value else value


def _art(art: Artefact, table: dict[int, str]) -> Artefact:
    text, author, date = art.text.translate(table), _opt(art.author, table), _opt(art.date, table)
    if text == art.text and author == art.author and date == art.date:
        return art
    return dataclasses.replace(art, text=text, author=author, date=date)


def _node(node: Clause, table: dict[int, str]) -> Clause:
    return dataclasses.replace(
        node,
        label_runs=tuple(_run(r, table) for r in node.label_runs),
        runs=tuple(_run(r, table) for r in node.runs),
        artefacts=tuple(_art(a, table) for a in node.artefacts),
        children=tuple(_node(c, table) for c in node.children),
    )


def _proposal(p: Proposal, table: dict[int, str]) -> Proposal:
    return dataclasses.replace(
        p,
        id=p.id.translate(table),
        action=_opt(p.action, table),
        clauses=tuple(_node(c, table) for c in p.clauses),
    )


def pictured(root) -> frozenset[str]:
    """The control characters an Akoma Ntoso file written by itu_nb lists in its collection's
    ``meta/proprietary/itu_nb:controls`` (``root``: its ``akomaNtoso`` element; empty when absent).
    """
    for child in root:  # (documentCollection, in any AKN namespace)
        for meta in child:
            if not isinstance(meta.tag, str) or not meta.tag.endswith("}meta"):
                continue
            for block in meta:
                if isinstance(block.tag, str) and block.tag.endswith("}proprietary"):
                    for el in block:
                        if el.tag == "{urn:itu_nb:akn}controls":
                            return parse_codes(el.text)
            return frozenset()
    return frozenset()


def restore(doc: Document, chars: frozenset[str]) -> Document:
    """``doc`` with the pictures of the control characters ``chars`` (as recorded by a writer) made those
    characters again, in every text a writer pictures; ``doc`` itself when ``chars`` is empty (most files).
    """
    if not chars:
        return doc
    table = _table(chars)
    return dataclasses.replace(
        doc,
        proposals=tuple(_proposal(p, table) for p in doc.proposals),
        artefacts=tuple(_art(a, table) for a in doc.artefacts),
    )
