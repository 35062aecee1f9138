"""A line's artefacts placed without a loop per piece: the usual line of CriticMarkup at scale (issue 17).

:func:`~itu_nb.parsing.markup.extract_artefacts` looks at each piece of a line in turn, for inline artefacts
(``[bookmark: …]``, footnote marks and bodies) to take out of its runs.  A line where no piece holds ``[`` has none:
its runs are its pieces of some text, and each comment or highlight stands where the runs before it end.
:func:`placed` computes that with ``map``, ``compress`` and ``accumulate`` in C, so that a line of thousands of
changes with a comment or highlight every few of them costs a few C passes and one step per artefact.
"""

from __future__ import annotations

from itertools import accumulate, compress, count, repeat
from operator import attrgetter, contains, gt, mul, not_

from itu_nb.model import Artefact, Run

__all__ = ["placed"]

_TEXT = attrgetter("text")


def placed(pieces: list, line: int) -> tuple[list[Run], list[Artefact]] | None:
    """The runs of ``pieces`` (those of some text) and its artefacts, each at ``line`` and at its ``offset`` (the
    characters of the runs before it), as :func:`~itu_nb.parsing.markup.extract_artefacts` gives them; None when
    a piece holds ``[`` (an inline artefact may start there: that function's own steps).
    """
    texts = list(map(_TEXT, pieces))
    if any(map(contains, texts, repeat("["))):
        return None
    arts = list(map(isinstance, pieces, repeat(Artefact)))
    runs = list(compress(pieces, map(gt, map(bool, texts), arts)))  # of some text, and no artefact
    # the characters before each piece: each run's length, no artefact's
    before = list(accumulate(map(mul, map(len, texts), map(not_, arts)), initial=0))
    return runs, [
        Artefact(p.kind, p.text, line, before[i], p.op, p.author, p.date, p.length, p.anchor)
        for i, p in zip(compress(count(), arts), compress(pieces, arts), strict=True)
    ]
