"""Comments of lines that are no node, as :func:`itu_nb.export.akn.to_akn` keeps them in Akoma Ntoso.

A comment on a proposal's marker line or on a blank line has no block in AKN: the writer keeps it
in the statement's ``meta/proprietary`` as ``<itu_nb:comment line="0" author="…" date="…">text
</itu_nb:comment>``.  Guarantees of :func:`loose_comments`: one ``comment``
:class:`~itu_nb.model.Artefact` per such element, in document order, with the line, author, date
and op written (``op="insert"``/``"delete"``: made inside a change), so ``load(to_akn(doc))`` gives
back ``doc.artefacts``' comments; an element without a readable ``line`` is read at line 0, never
dropped.
"""

from __future__ import annotations

from lxml import etree

from itu_nb.loaders.akn_runs import ITU_NB
from itu_nb.model import Artefact, Op

__all__ = ["loose_comments"]

_OPS = {"insert": Op.INSERT, "delete": Op.DELETE}


def loose_comments(statements: list[etree._Element]) -> tuple[Artefact, ...]:
    """The ``itu_nb:comment`` elements of the statements' ``meta/proprietary``, as ``comment`` artefacts.

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
        for el in statement.iterfind(f"./{{*}}meta/{{*}}proprietary/{{{ITU_NB}}}comment"):
            line = el.get("line", "")
            out.append(
                Artefact(
                    "comment",
                    el.text or "",
                    int(line) if line.isdigit() else 0,
                    None,
                    _OPS.get(el.get("op", ""), Op.EQUAL),
                    el.get("author") or None,
                    el.get("date") or None,
                )
            )
    return tuple(out)
