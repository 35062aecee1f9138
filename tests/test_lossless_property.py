"""Property: whatever the document, the loaders lose nothing.

Documents are generated from the shapes real ITU texts have (markers, headings, keyword
lines, labelled items, bullets, Reasons, artefacts, blank and separator lines) with
random text, including characters that look like markup.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itu_nb

WORDS = st.lists(
    st.sampled_from(list("abcdefghij ABC,;:.()-–‑’\xa0аё[]{}+~>") + ["  ", "2018", "Dubai, 2018", "2016-2019"]),
    max_size=25,
).map("".join)


MARK = re.compile(r"\{(\+\+|--|~~|==|>>)|\+\+\}|--\}|~~\}|~>|<<\}")
EDGE = set("{}+-~<>=")  # characters a mark is made of: not at the ends of a generated part


@st.composite
def critic_text(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["eq", "ins", "del", "sub"]))
        # no mark inside the text, read forwards or backwards (a substitution uses both), and none
        # made across parts: "{" + "++" would open an insertion nobody closes ("{++" alone is
        # rightly refused) or one that runs over a line break, which the views keep line for line
        words = draw(
            WORDS.filter(
                lambda w: not MARK.search(w) and not MARK.search(w[::-1]) and w[:1] not in EDGE and w[-1:] not in EDGE
            )
        )
        if kind == "eq":
            parts.append(words)
        elif kind == "ins":
            parts.append("{++" + words + "++}")
        elif kind == "del":
            parts.append("{--" + words + "--}")
        else:
            parts.append("{~~" + words + "~>" + words[::-1] + "~~}")
    return "".join(parts)


LABELS = st.sampled_from(["a)", "b)", "cb)", "i)", "ii)", "1", "23", "1.1", "•", "–", "", "а)", "10"])
LINE_SHAPES = st.sampled_from(
    [
        "marker",
        "heading",
        "title",
        "formula",
        "keyword",
        "item",
        "item",
        "item",
        "para",
        "blank",
        "sep",
        "reasons",
        "art",
    ]
)


@st.composite
def document(draw, marks: bool) -> str:
    lines = []
    body = critic_text() if marks else WORDS.filter(lambda w: "\n" not in w)
    for i in range(draw(st.integers(1, 25))):
        shape = draw(LINE_SHAPES)
        text = draw(body)
        if shape == "marker":
            lines.append(f"MOD\tB/67/{i}")
        elif shape == "heading":
            lines.append(f"RESOLUTION {i} (Rev. Busan, 2014{draw(st.sampled_from(['', 'Dubai, 2018']))})")
        elif shape == "formula":
            lines.append("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),")
        elif shape == "keyword":
            lines.append(
                draw(st.sampled_from(["considering", "resolves", "instructs the Secretary-General", "noting "]))
            )
        elif shape == "item":
            label = draw(LABELS)
            lines.append(f"{label}\t{text}")
        elif shape == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t"])))
        elif shape == "sep":
            lines.append("*" * draw(st.integers(3, 20)))
        elif shape == "reasons":
            lines.append(f"Reasons:\t{text}")
        elif shape == "art":
            lines.append(f"[bookmark: _Toc{i}]{text}[footnoteRef:1]1 [1: 1 \tA footnote.]")
        else:
            lines.append(text)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


def _view(text: str, view: str) -> str:
    drop, keep = (
        (r"\{\+\+.*?\+\+\}", r"\{--(.*?)--\}") if view == "original" else (r"\{--.*?--\}", r"\{\+\+(.*?)\+\+\}")
    )
    text = re.sub(r"\{~~(.*?)~>(.*?)~~\}", r"{--\1--}{++\2++}", text, flags=re.S)
    return re.sub(keep, r"\1", re.sub(drop, "", text, flags=re.S), flags=re.S)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(document(marks=False), st.booleans())
def test_plain_text_is_rebuilt_exactly(text, infer):
    if not text.strip():
        return
    doc = itu_nb.load(text.encode(), format="text", infer=infer)  # bytes: a one-line text like "." is not a path
    assert doc.source_text() == text
    # every node's view text is a substring-free rendering: no artefact leaks into it
    for p in doc:
        assert "[bookmark:" not in p.text("amended")
        assert "[footnoteRef:" not in p.text("original")


@SETTINGS
@given(document(marks=True))
def test_criticmarkup_views_are_rebuilt_exactly(text):
    if not _view(text, "original").strip() and not _view(text, "amended").strip():
        return
    doc = itu_nb.load(text.encode(), format="criticmarkup")
    assert doc.source_text("original") == _view(text, "original")
    assert doc.source_text("amended") == _view(text, "amended")


@SETTINGS
@given(document(marks=True))
def test_views_of_nodes_agree_with_document_views(text):
    if not text.strip():
        return
    doc = itu_nb.load(text.encode(), format="criticmarkup")
    for p in doc:
        for view in ("original", "amended"):
            # the tree view (a copy with no changes) reads exactly like the view text
            assert p.view(view).text(view) == p.text(view)
            assert not p.view(view).changed
