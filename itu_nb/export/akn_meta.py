"""A statement's ``meta`` written as XML text, without lxml elements.

Every statement has the same ``identification`` (19 elements: the three FRBR levels) but for its id, its uri and
the export's day, and most have a ``proprietary`` block holding only the proposal's action and the clause keys a
reload cannot derive (:func:`~itu_nb.export.lines.keys_to_store`).  :func:`meta_text` writes that ``meta`` as the
element tree of :func:`itu_nb.export.akn._statement` serialises it (pretty-printed at its depth, values cleaned by
:func:`~itu_nb.export.akn_runs.clean` and escaped as libxml2 escapes them, :mod:`~itu_nb.export.akn_plain`); a
statement keeping lines that are no node in its ``proprietary`` block is built as elements.  For 50,000 bare
proposals the elements were most of the writer's time.
"""

from __future__ import annotations

import functools
import json

from itu_nb.export.akn_plain import escape_attr, escape_text, indent
from itu_nb.export.akn_runs import clean
from itu_nb.model import Proposal

__all__ = ["meta_text", "with_controls"]


@functools.lru_cache(maxsize=8)
def _frame(on: str, level: int) -> tuple[str, ...]:
    """The text of ``meta`` at ``level`` for the export's day ``on``, cut where a statement's values go: before
    each FRBR level's ``FRBRthis`` and ``FRBRuri`` value and the FRBRnumber's (the uri and its suffixes, the id,
    ``showAs``), and the end of ``identification``.
    """
    i1, i2, i3 = indent(level + 1), indent(level + 2), indent(level + 3)
    date = f'{i3}<FRBRdate date="{escape_attr(clean(on))}" name="export"/>{i3}<FRBRauthor href="#itu_nb"/>'
    return (
        f'<meta>{i1}<identification source="#itu_nb">{i2}<FRBRWork>{i3}<FRBRthis value="',
        f'"/>{i3}<FRBRuri value="',
        f'"/>{date}{i3}<FRBRcountry value="un"/>{i3}<FRBRnumber value="',
        f'/>{i2}</FRBRWork>{i2}<FRBRExpression>{i3}<FRBRthis value="',
        f'"/>{i3}<FRBRuri value="',
        f'"/>{date}{i3}<FRBRlanguage language="eng"/>{i2}</FRBRExpression>{i2}<FRBRManifestation>{i3}<FRBRthis value="',
        f'"/>{i3}<FRBRuri value="',
        f'"/>{date}{i2}</FRBRManifestation>{i1}</identification>',
    )


def meta_text(proposal: Proposal, on: str, uri: str, keys: list | None, level: int) -> str:
    """The ``meta`` of ``proposal``'s statement at ``level``: its identification on day ``on`` under ``uri``, its
    action and ``keys`` (:func:`~itu_nb.export.lines.keys_to_store`) in ``proprietary`` when there are any.
    """
    frame = _frame(on, level)
    number = f'{escape_attr(clean(proposal.id))}"'
    if proposal.target:
        number += f' showAs="{escape_attr(clean(str(proposal.target)))}"'
    at = escape_attr(clean(uri))  # (the suffixes are ASCII letters and signs: nothing to clean or escape)
    out = [frame[0], at, "/!main", frame[1], at, frame[2], number, frame[3], at, "/eng@/!main", frame[4], at]
    out += ["/eng@", frame[5], at, "/eng@/.xml", frame[6], at, "/eng@/.xml", frame[7]]
    if proposal.action or keys:
        i1, i2 = indent(level + 1), indent(level + 2)
        out.append(f'{i1}<proprietary source="#itu_nb">')
        if proposal.action:
            out.append(f"{i2}<itu_nb:action>{escape_text(clean(proposal.action))}</itu_nb:action>")
        if keys:  # as akn._statement stores them
            stored = json.dumps(keys, ensure_ascii=False, sort_keys=True)
            if clean(stored) != stored:
                stored = json.dumps(keys, sort_keys=True)
            out.append(f"{i2}<itu_nb:keys>{escape_text(stored)}</itu_nb:keys>")
        out.append(f"{i1}</proprietary>")
    out.append(f"{indent(level)}</meta>")
    return "".join(out)


def with_controls(text: str, codes: str) -> str:
    """The written document ``text`` with ``<itu_nb:controls>codes</itu_nb:controls>`` (the control characters
    written as their pictures, :func:`itu_nb.export.controls.check`) in a ``proprietary`` block ending the
    collection's ``meta``, where AKN puts ``proprietary``: its first ``</meta>`` (text escapes ``<``).
    """
    end = text.index("</meta>")
    line = text.rindex("\n", 0, end) + 1  # the end tag's line: its indentation is the meta's
    i0 = text[line:end]
    block = (
        f'{i0}  <proprietary source="#itu_nb">\n{i0}    <itu_nb:controls>{escape_text(codes)}</itu_nb:controls>\n'
        f"{i0}  </proprietary>\n"
    )
    return text[:line] + block + text[line:]
