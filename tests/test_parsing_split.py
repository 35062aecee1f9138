"""``itu_nb.parsing.markup`` was split by meaning (session 19): every name it held is still importable from it, as
the same object as in its new module, and no module of the stage is past the house style's size."""

from __future__ import annotations

from pathlib import Path

import pytest

from itu_nb.parsing import critic_read, inline, line_split, markup, note_pieces

PARTS = (critic_read, line_split, inline, note_pieces)

# the names the module held before the split (public ones, and the private ones by_line.py and tests read)
HELD = """CRITIC_MARKS EMPTY_HIGHLIGHT INLINE_ARTEFACTS Piece looks_like_critic COMMENT_BY ATTRIBUTION
PARAGRAPH_MARK comment_artefact KEYS_COMMENT stored_keys critic_runs critic_lines MAX_NOTES _check_notes _scan _marker
_shared_run _change _signed _split_at_newlines _split_highlighted _cut_highlighted _with_length extract_artefacts
_literal _closings _unescaped_body _shorten_highlights IN_NOTE _note_comments_after _in_note _counted PARAGRAPH_BREAK
_breaks note_parts _closing_brackets FOOTNOTE_BODY""".split()
# (plain_runs stays in markup itself)


@pytest.mark.parametrize("name", HELD)
def test_every_name_is_still_read_from_markup_as_the_one_object(name):
    homes = [part for part in PARTS if name in vars(part) and getattr(part, "__name__", "")]
    defined = [part for part in homes if getattr(getattr(part, name), "__module__", part.__name__) == part.__name__]
    assert getattr(markup, name) is getattr((defined or homes)[0], name)


def test_the_stage_modules_are_small():
    for module in (markup, *PARTS):
        lines = Path(module.__file__).read_text(encoding="utf-8").count("\n")
        assert lines <= 450, (module.__name__, lines)


def test_a_line_read_through_markup_and_through_its_parts_is_the_same():
    text = "{++New ++}{>>@Brazil (2018-09-10)<<}text[footnoteRef:1][1: See {==Resolution 71==}.]\nnext"
    lines = markup.critic_runs(text, "<t>")
    assert lines == [
        [markup.Run(markup.Op.EQUAL, line)] if isinstance(line, str) else line
        for line in critic_read.critic_lines(text, "<t>")
    ]
    runs, arts = inline.extract_artefacts(lines[0], 0, True)
    assert "".join(r.text for r in runs) == "New text"
    assert [a.kind for a in arts] == ["footnote-ref", "footnote-body", "footnote-highlight"]
    assert arts[1].text == "[1: See Resolution 71.]" and (arts[2].offset, arts[2].length) == (8, 13)
