"""The word diff's tokenizer (issue 19: possessive quantifiers on Python 3.11+) cuts every text of the
corpus exactly as the plain pattern does.

Texts: every clause body and label of tests/fixtures/pp18-final-acts.akn.xml (the 64 PP-18 Final Acts texts)
and of Brazil's Document 67 (tests/fixtures/pp18-doc67-brazil.reconstructed.critic.md), in both views.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import itu_nb
from itu_nb.diff.tokens import _TOKEN, tokens

FIX = Path(__file__).parent / "fixtures"
PLAIN = re.compile(r"\w+(?:[-\u2010\u2011'\u2019./:]\w+)*|\s+|[^\w\s]")


def test_tokens_are_those_of_the_plain_pattern_on_the_corpus():
    texts = []
    for name in ("pp18-final-acts.akn.xml", "pp18-doc67-brazil.reconstructed.critic.md"):
        for p in itu_nb.load(FIX / name):
            for view in ("original", "amended"):
                for c in p.view(view).walk():
                    texts += ["".join(r.text for r in c.runs), "".join(r.text for r in c.label_runs)]
    assert len(texts) > 5000
    for text in texts:
        assert tokens(text) == PLAIN.findall(text), text
        assert "".join(tokens(text)) == text
    # hyphenated and dotted words stay one token, a no-break space is its own token
    assert tokens("WTDC\u201114 and Resolution\u00a0130 (Rev. Dubai, 2018)") == [
        "WTDC\u201114", " ", "and", " ", "Resolution", "\u00a0", "130", " ", "(", "Rev", ".", " ",
        "Dubai", ",", " ", "2018", ")",
    ]  # fmt: skip
    assert ("++" in _TOKEN.pattern) == (sys.version_info >= (3, 11))  # 3.11+ takes the possessive form
