"""Lines that are no node (a marker, a blank line) holding a comment or highlight, as ``to_akn`` keeps them.

Such a line has no block in Akoma Ntoso: :func:`itu_nb.export.akn.to_akn` keeps it in the statement's
``meta/proprietary`` as ``<itu_nb:line n="0">`` holding one element per artefact, named by its kind
(``<itu_nb:marker>MOD&#9;B/67/4</itu_nb:marker><itu_nb:comment author="CEPT" date="2018-10-02">text
</itu_nb:comment>``).  Guarantees of :func:`loose_lines`: one :class:`~itu_nb.model.Artefact` per such
element, in document order, with its kind, text, line, offset (a highlight inside a note body, ``offset``: its
place in the note's text), op (``op="insert"``/``"delete"``: made inside a
change), author, date, length and anchor (the line's ``place`` and ``after``: where it stood in its
proposal, so a line between two clauses stays after the first through any number of hops; for a line before
the first clause of a statement with no action, whose proposal no marker line names, the statement's id), so
``load(to_akn(doc))`` gives back the lines of ``doc.artefacts`` that hold a comment or highlight; a line
without a readable ``n`` is read at line 0, without a known ``place`` with no anchor, never dropped.
"""

from __future__ import annotations

from lxml import etree

from itu_nb.loaders.akn_runs import ITU_NB
from itu_nb.model import Artefact, Op

__all__ = ["loose_lines"]

_OPS = {"insert": Op.INSERT, "delete": Op.DELETE}
#: The places of :class:`itu_nb.export.loose.LooseLine`; ``after`` (a node's path) is kept with the last two.
_PLACES = frozenset({"before", "marker", "after-marker", "inside", "end"})


def loose_lines(statements: list[etree._Element]) -> tuple[Artefact, ...]:
    """The artefacts of the ``itu_nb:line`` elements in the statements' ``meta/proprietary``.

    Parameters
    ----------
    statements : list of lxml elements
        The statements (or acts, docs…) of the file, in document order.

    Returns
    -------
    tuple of Artefact
        In document order; ``line`` as written (0 when missing or not a number), ``offset`` None.
    """
    out = []
    for statement in statements:
        # a statement with no action has no marker line to say which proposal a line kept before its first node goes
        # with: its id does (the anchor's second part, which a place after a node gives to that node's path)
        own = None
        if statement.find(f"./{{*}}meta/{{*}}proprietary/{{{ITU_NB}}}action") is None:
            number = statement.find("./{*}meta/{*}identification/{*}FRBRWork/{*}FRBRnumber")
            own = number.get("value") if number is not None else None
        for line in statement.iterfind(f"./{{*}}meta/{{*}}proprietary/{{{ITU_NB}}}line"):
            n = line.get("n", "")
            no = int(n) if n.isdigit() else 0
            place = line.get("place", "")
            after = line.get("after") if place in ("inside", "end") else own
            anchor = (place, after or None) if place in _PLACES else None
            for el in line:
                if not isinstance(el.tag, str):  # an XML comment or processing instruction
                    continue
                length, offset = el.get("length", ""), el.get("offset", "")
                out.append(
                    Artefact(
                        etree.QName(el).localname,
                        el.text or "",
                        no,
                        int(offset) if offset.isdigit() else None,  # (a footnote-highlight's, in its note's text)
                        _OPS.get(el.get("op", ""), Op.EQUAL),
                        el.get("author") or None,
                        el.get("date") or None,
                        int(length) if length.isdigit() else 0,
                        anchor,
                        move=el.get("move") or None,  # (a paragraph mark moved: an empty paragraph moved)
                    )
                )
    return tuple(out)
