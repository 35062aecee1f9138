"""Labels, section lines and targets: how a line says what it is.

Pure functions on text and runs, shared by the tree builder (:mod:`itu_nb.parsing.tree`),
the Akoma Ntoso loader and the amendment code that recomputes paths after an edit.  A label's
scheme and successor are read in :mod:`itu_nb.parsing.schemes`, the path component it gives in
:mod:`itu_nb.parsing.components`; both are named here too, as before they were split out.
"""

from __future__ import annotations

import dataclasses

from itu_nb.model import Op, Run, Target
from itu_nb.parsing import keywords as kw
from itu_nb.parsing.components import Components, item_component, unique_component
from itu_nb.parsing.schemes import (
    bare_label,
    continues_roman,
    fixed_scheme,
    label_scheme,
    roman_value,
    successor,
    successors,
)

__all__ = [
    "Components",
    "bare_label",
    "continues_roman",
    "fixed_scheme",
    "item_component",
    "label_scheme",
    "label_split",
    "parse_target",
    "peel_label",
    "roman_value",
    "section_keyword",
    "successor",
    "successors",
    "unique_component",
]

_PREAMBLE = sorted(
    {" ".join(k.split()) for k in kw.PREAMBLE} | {f"{k} {s}" for k in kw.PREAMBLE for s in kw.PREAMBLE_SUFFIXES},
    key=len,
    reverse=True,
)
_OPERATIVE = sorted(kw.OPERATIVE, key=len, reverse=True)
_PREAMBLE_SET = frozenset(_PREAMBLE)
_OPERATIVE_SET = frozenset(_OPERATIVE)
_OPERATIVE_WORDS = max(len(v.split()) for v in kw.OPERATIVE)


def section_keyword(text: str) -> str | None:
    """The normalised section line (``"instructs the Secretary-General"``) or None."""
    if "\t" in text:
        return None
    head = text.lstrip()  # str.lstrip and str.split both take \xa0 for whitespace
    if not head or not head[0].islower():
        return None  # the normalised line would not start with a lower-case letter
    words = text.split(None, 126)  # 127 words or more make more than 250 characters: not split further
    if len(words) > 126:
        return None
    line = " ".join(words)
    if not line or len(line) > 250 or not line[0].islower():
        return None
    bare = line.rstrip(":,").rstrip()
    if bare in _PREAMBLE_SET:
        return bare
    if line[-1] in ".;,:":
        return None
    # an operative verb, alone or followed by its addressee: the line's first words are one
    words = line.split(" ", _OPERATIVE_WORDS)
    for n in range(1, min(len(words), _OPERATIVE_WORDS) + 1):
        if " ".join(words[:n]) in _OPERATIVE_SET:
            return line
    return None


#: Every label LABEL matches ends with a TAB (its separator, ``\s*\t``): a line without one has no label, and
#: the regex is not run on it (:func:`label_split`, :mod:`itu_nb.parsing.presplit`).  Checked here, on the
#: pattern's text, so that a change of LABEL's separator fails the import rather than drops labels.
if not kw.LABEL.pattern.endswith(r"(?P<sep>\s*\t)"):
    raise ImportError("itu_nb.parsing.labels: kw.LABEL no longer ends with a TAB; drop the '\\t' in text tests")


def label_split(text: str) -> int:
    """Length of the label and its separator at the start of ``text`` (0 when none)."""
    if "\t" not in text:  # no label (it ends with a TAB) and no TAB bullet: the usual paragraph, no regex run
        return 0
    m = kw.LABEL.match(text)
    if m:
        return m.end()
    if text.startswith("\t") and text.strip():
        return 1  # a bare TAB bullet
    return 0


def peel_label(runs: list[Run]) -> tuple[list[Run], list[Run]]:
    """Split a line's runs into label runs and body runs, view by view.

    The label (with its separator) is found separately in the original and the
    amended text (a view whose text is whitespace alone has that whitespace as label),
    so ``{--c--}{++b++})<TAB>`` gives label runs (delete c, insert b, equal ``)<TAB>``)
    and ``{++4<TAB>++}`` a label that exists only when amended.  Only the start of each
    view is read (:func:`_head`): a line of a million runs costs what its label costs.
    No runs (a note with no text) have no label and no body.
    """
    if not runs:
        return [], []
    if len(runs) == 1:  # the usual line: one run (equal, or a paragraph inserted or deleted whole), one split
        r = runs[0]
        n = label_split(r.text)
        if not n:
            return [], [r]
        return [r.with_text(r.text[:n])], ([r.with_text(r.text[n:])] if n < len(r.text) else [])
    head = _one_view_head(runs)
    if head is not None:  # the label is in one text: equal (the same in both views), or the one view shown
        n = label_split(head)
        return _cut_equal(runs, n) if n else ([], list(runs))
    original, whole_o = _head(runs, Op.INSERT)
    amended, whole_a = _head(runs, Op.DELETE)
    lo, la = label_split(original), label_split(amended)
    if not lo and not la:
        return [], list(runs)
    # a view left with whitespace alone (a TAB bullet whose words are all deleted): that
    # whitespace is the label's, so that the paragraph is absent from the view, not an empty line
    if not la and whole_a and amended.isspace():
        la = len(amended)
    elif not lo and whole_o and original.isspace():
        lo = len(original)
    label: list[Run] = []
    body: list[Run] = []
    po = pa = 0
    for i, r in enumerate(runs):
        n = len(r.text)
        if po >= lo and pa >= la:  # past the label in both views: the rest is body, as it is
            body.extend(runs[i:])
            break
        if r.op is Op.DELETE:
            k = max(0, min(n, lo - po))
            label.append(r.with_text(r.text[:k]))
            body.append(r.with_text(r.text[k:]))
            po += n
        elif r.op is Op.INSERT:
            k = max(0, min(n, la - pa))
            label.append(r.with_text(r.text[:k]))
            body.append(r.with_text(r.text[k:]))
            pa += n
        else:
            ko, ka = max(0, min(n, lo - po)), max(0, min(n, la - pa))
            both = min(ko, ka)
            label.append(r.with_text(r.text[:both]))
            if ko > ka:  # in the label only when original
                label.append(dataclasses.replace(r, op=Op.DELETE, text=r.text[both:ko]))
                body.append(dataclasses.replace(r, op=Op.INSERT, text=r.text[both:ko]))
            elif ka > ko:
                label.append(dataclasses.replace(r, op=Op.INSERT, text=r.text[both:ka]))
                body.append(dataclasses.replace(r, op=Op.DELETE, text=r.text[both:ka]))
            body.append(r.with_text(r.text[max(ko, ka) :]))
            po += n
            pa += n
    return [r for r in label if r.text], [r for r in body if r.text]


def _one_view_head(runs: list[Run]) -> str | None:
    """The text of the runs of one op that start ``runs``, when it decides the label; else None.

    Equal runs decide it when every run is equal (one text in both views: a line cut by artefacts), or
    when they put a non-whitespace character past :data:`LABEL_REACH` (as :func:`_head` reads a view: the
    label and its separator end before that character, and neither view differs before it): the changes
    of a line whose citations inference recovered stand after its label.  Inserted (or deleted) runs
    decide it when every run is inserted (deleted): the other view is empty and has no label, so the label
    is cut in the runs as :func:`_cut_equal` cuts equal ones (a paragraph inserted whole, in several runs).
    """
    op = runs[0].op
    if op is not Op.EQUAL:
        for r in runs:
            if r.op is not op:
                return None
    return _equal_head(runs, op)


def _equal_head(runs: list[Run], op: Op = Op.EQUAL) -> str | None:
    """The text of the runs of ``op`` that start ``runs``, up to the first that puts a non-whitespace
    character past :data:`LABEL_REACH`; None when a run of another op comes first.
    """
    parts: list[str] = []
    n = 0
    for r in runs:
        if r.op is not op:
            return None
        if not r.text:
            continue
        parts.append(r.text)
        start, n = n, n + len(r.text)
        if n > LABEL_REACH and not r.text[max(0, LABEL_REACH - start) :].isspace():
            return "".join(parts)
    return "".join(parts)


def _cut_equal(runs: list[Run], n: int) -> tuple[list[Run], list[Run]]:
    """:func:`peel_label` of equal runs whose label is ``n`` characters long: the runs cut at ``n``.

    Runs wholly before the cut are copied into the label, runs after it kept as they are, as the
    general loop of :func:`peel_label` gives them.
    """
    label: list[Run] = []
    pos = 0
    for i, r in enumerate(runs):
        k = len(r.text)
        if pos + k >= n:
            cut = n - pos
            if cut:
                label.append(r.with_text(r.text[:cut]))
            body = [r.with_text(r.text[cut:])] if cut < k else []
            body += runs[i + 1 :]
            return label, [b for b in body if b.text]
        if k:
            label.append(r.with_text(r.text))
        pos += k
    return label, []


#: Longer than any label LABEL matches (20 characters: ``123.123.123.123 bis.``).
LABEL_REACH = 20


def _head(runs: list[Run], hidden: Op) -> tuple[str, bool]:
    """The start of a view's text (runs with op ``hidden`` left out), long enough to find its label.

    Returns the text and whether it is the whole view.  It stops after the first run that puts
    a non-whitespace character past :data:`LABEL_REACH`: a label and the whitespace and TAB
    after it cannot reach past that character, and the view is not whitespace alone, so
    :func:`label_split` and ``isspace`` give on the start what they give on the whole.
    """
    parts: list[str] = []
    n = 0
    for k, r in enumerate(runs):
        if k == 64:  # undecided after 64 runs (whitespace, or tiny runs): the whole view, joined
            return "".join([r.text for r in runs if r.op is not hidden]), True
        if r.op is hidden or not r.text:
            continue
        parts.append(r.text)
        start, n = n, n + len(r.text)
        if n > LABEL_REACH and not r.text[max(0, LABEL_REACH - start) :].isspace():
            return "".join(parts), r is runs[-1]
    return "".join(parts), True


def _norm_revision(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.replace("\xa0", " ").split())
    return text.title() if text.isupper() else text  # "REV. DUBAI, 2018" → "Rev. Dubai, 2018"


def parse_target(original: str, amended: str) -> Target | None:
    """Target from the heading line in both views."""
    mo = kw.HEADING.match(original.replace("\xa0", " ")) or kw.HEADING.match(amended.replace("\xa0", " "))
    if not mo:
        return None
    ma = kw.HEADING.match(amended.replace("\xa0", " ")) or mo
    if mo.group("kind2"):  # a part of the Final Acts: "PART VII - DECLARATIONS" is Part VII
        return Target("Part", mo.group("number2").upper())
    rev, new = _norm_revision(mo.group("revision")), _norm_revision(ma.group("revision"))
    return Target(mo.group("kind").capitalize(), mo.group("number"), rev, new if new != rev else None)
