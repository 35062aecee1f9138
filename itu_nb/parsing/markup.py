r"""Stage 2: source text → lines of runs, with inline artefacts taken out.

After :func:`critic_runs` or :func:`plain_runs` every line is a list of :class:`Run`
(the ``"\n"`` between lines is never inside a run).  After :func:`extract_artefacts`
the runs of a line hold no extraction artefact (``[bookmark: …]``, ``[footnoteRef:…]``, ``[endnoteRef:…]``
(the .docx reader's mark of an endnote), footnote bodies ``[1: …]``); each artefact is kept with its offset so that the line
can be rebuilt exactly.

The stage's code lives in four modules by what it does (split in session 19); every name is importable from here
as before:

- :mod:`itu_nb.parsing.critic_read`: CriticMarkup's marks read into pieces and lines (changes, authors and
  dates, comments, highlights; the bound on comments and highlights);
- :mod:`itu_nb.parsing.line_split`: a text's pieces cut into lines (a highlight over a line break cut too);
- :mod:`itu_nb.parsing.inline`: inline artefacts (bookmarks, note references, note bodies) taken out of a line;
- :mod:`itu_nb.parsing.note_pieces`: a note body that marks cut made whole again, its parts, its brackets.
"""

from __future__ import annotations

from itu_nb.model import Op, Run
from itu_nb.parsing.critic_read import (  # noqa: F401  (re-exported: the names importable from here as before)
    _CLOSERS,
    _COMMENT_IN,
    _DELETE,
    _EQUAL,
    _INSERT,
    _OPENER,
    ATTRIBUTION,
    COMMENT_BY,
    CRITIC_MARKS,
    EMPTY_HIGHLIGHT,
    KEYS_COMMENT,
    MAX_NOTES,
    PARAGRAPH_MARK,
    _change,
    _check_notes,
    _marker,
    _scan,
    _shared_run,
    _signed,
    comment_artefact,
    critic_lines,
    critic_runs,
    looks_like_critic,
    stored_keys,
)
from itu_nb.parsing.inline import (  # noqa: F401
    _INLINE,
    _INLINE_NAMED,
    INLINE_ARTEFACTS,
    _literal,
    _shorten_highlights,
    _unescaped_body,
    extract_artefacts,
)
from itu_nb.parsing.line_split import (  # noqa: F401
    Piece,
    _cut_highlighted,
    _split_at_newlines,
    _split_highlighted,
    _with_length,
)
from itu_nb.parsing.note_pieces import (  # noqa: F401
    _BODY_HEAD,
    _BODY_OPEN,
    _BRACKET,
    _NO_NAMES,
    FOOTNOTE_BODY,
    IN_NOTE,
    PARAGRAPH_BREAK,
    _breaks,
    _closing_brackets,
    _closings,
    _counted,
    _in_note,
    _note_comments_after,
    note_parts,
)


def plain_runs(lines: list[str]) -> list[list[Piece]]:
    """Every line as one equal run."""
    return [[Run(Op.EQUAL, line)] if line else [] for line in lines]
