"""How much of a proposal's change survived into an adopted text: the scoring behind :func:`itu_nb.amendments.lineage.lineage`.

Each change of the proposal is read against two comparisons with the adopted text: of the
proposal's amended view (are the inserted words kept?) and of its original view (for a clause
whose old text went elsewhere: are the deleted words gone?).  Deleted words count as left out
unless the adopted text puts them back where the change is (:func:`left_out`); a change of case
or white space only is judged on the adopted text as written (:func:`case`), since the
comparisons fold case, no-break spaces and curly quotes (:func:`fold`).
"""

from __future__ import annotations

import dataclasses
import re

from itu_nb.model import Op, Proposal, change_groups

__all__ = ["Adopted", "adopted_texts", "case", "fold", "left_out", "masks", "outcome", "score", "spans"]

_LOOSE = str.maketrans(
    {"\u2011": "-", "\u2010": "-", "\xa0": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
)


_ALNUM = re.compile(r"[^\W_]+")  # runs of letters and digits
_MARKS = re.compile(r"\S")  # for a change made of punctuation only


def fold(text: str) -> str:
    """``text`` in lower case with look-alikes made alike (no-break space, hyphen, curly quotes), one
    character for one, so offsets hold.
    """
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text.translate(_LOOSE))


def masks(comp, wanted: Op) -> dict[str, list[bool]]:
    """Old path → per character of its body: True where the pair's diff has ``wanted`` (EQUAL: kept)."""
    parts: dict[str, list[tuple[int, list[bool]]]] = {}
    for pair in comp.pairs:
        if pair.old is None:
            continue
        mask = []
        for r in pair.runs:
            if r.op is not Op.INSERT:
                mask += [r.op is wanted] * len(r.text)
        if pair.new is None:
            mask = [wanted is Op.DELETE] * len(pair.old.body("amended"))
        parts.setdefault(pair.old.path, []).append((pair.part if pair.kind == "split" else 0, mask))
    return {k: [b for _, m in sorted(v, key=lambda t: t[0]) for b in m] for k, v in parts.items()}


def spans(node) -> list[tuple[bool, tuple[int, int], tuple[int, int]]]:
    """Per change group of ``node``: (label only, amended body span inserted, original body span deleted)."""
    runs = node.label_runs + node.runs
    n_label = len(node.label_runs)
    ao, oo, a, o = [], [], 0, 0
    for i, r in enumerate(runs):
        ao.append(a)
        oo.append(o)
        if i >= n_label:
            a += len(r.text) if r.op is not Op.DELETE else 0
            o += len(r.text) if r.op is not Op.INSERT else 0
    ao.append(a)
    oo.append(o)
    out = []
    for start, end in change_groups(runs):
        body = range(max(start, n_label), end)
        ins = sum(len(runs[i].text) for i in body if runs[i].op is Op.INSERT)
        dele = sum(len(runs[i].text) for i in body if runs[i].op is Op.DELETE)
        s = max(start, n_label)
        out.append((end <= n_label, (ao[s], ao[s] + ins), (oo[s], oo[s] + dele)))
    return out


@dataclasses.dataclass
class Adopted:
    """What the adopted text has for one clause of the proposal's amended view (split pieces in order):
    its text, and the runs of the diff with their offsets in both (amended, adopted).
    """

    text: str = ""
    raw: str = ""  # the same as the adopted text writes it (``text`` may be folded: same length)
    runs: list[tuple[Op, int, int, str]] = dataclasses.field(default_factory=list)

    def at(self, pos: int, after: bool) -> int:
        """The adopted offset at amended offset ``pos``: before what the adopted text inserts there, or after."""
        out = 0
        for op, a, b, text in self.runs:
            if op is Op.INSERT:
                if a < pos or (a == pos and after):
                    out = b + len(text)
            elif a + len(text) <= pos:
                out = b + (len(text) if op is Op.EQUAL else 0)
            elif a < pos:  # inside an equal (or deleted) run
                out = b + (pos - a if op is Op.EQUAL else 0)
        return out

    def region(self, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` widened to the changes of this diff that touch it: a proposal's change inside a
        larger rewrite of the adopted text is judged against the whole rewrite.
        """
        lo, hi = span
        start = None  # amended offset where the current run of changes began
        end = max((a + (len(t) if op is not Op.INSERT else 0) for op, a, _b, t in self.runs), default=0)
        for op, a, _b, _t in [*self.runs, (Op.EQUAL, end, 0, "")]:
            if op is Op.EQUAL:
                if start is not None and start <= span[1] and span[0] <= a:
                    lo, hi = min(lo, start), max(hi, a)
                start = None
            elif start is None:
                start = a
        return lo, hi

    def touched(self, span: tuple[int, int]) -> bool:
        """Whether the diff changes anything within ``span`` (an insertion in it, a deletion across it)."""
        return any(
            (op is Op.INSERT and span[0] <= a <= span[1])
            or (op is Op.DELETE and a < max(span[1], span[0] + 1) and span[0] < a + len(t))
            for op, a, _b, t in self.runs
        )

    def inserted(self, span: tuple[int, int]) -> str:
        """The words the adopted text inserts within ``span`` (amended offsets), joined by spaces."""
        return " ".join(text for op, a, _b, text in self.runs if op is Op.INSERT and span[0] <= a <= span[1])


def adopted_texts(comp, raw: Proposal) -> dict[str, Adopted]:
    """Old path → :class:`Adopted`, from a comparison of the proposal's amended view with the adopted
    text (``raw``: the adopted text unfolded, which has the same length as the compared one).
    """
    cursor: dict[str, int] = {}  # new path → its characters taken by earlier pairs (the pieces of a merge)
    pieces: dict[int, str] = {}  # id(pair) → the new text of its runs, as the adopted text writes it
    pairs: dict[str, list] = {}
    for pair in comp.pairs:
        if pair.old is None or pair.new is None:
            continue
        pairs.setdefault(pair.old.path, []).append(pair)
        n = sum(len(r.text) for r in pair.runs if r.op is not Op.DELETE)
        at = cursor.get(pair.new.path, 0)
        node = raw.get(pair.new.path)
        body = node.body("amended") if node is not None else ""
        pieces[id(pair)] = body[at : at + n]
        cursor[pair.new.path] = at + n
    out: dict[str, Adopted] = {}
    for path, group in pairs.items():
        found, a, b = Adopted(), 0, 0
        for pair in sorted(group, key=lambda p: p.part if p.kind == "split" else 0):
            for r in pair.runs:
                found.runs.append((r.op, a, b, r.text))
                a += len(r.text) if r.op is not Op.INSERT else 0
                b += len(r.text) if r.op is not Op.DELETE else 0
                found.text += r.text if r.op is not Op.DELETE else ""
            found.raw += pieces[id(pair)]
        out[path] = found
    return out


def left_out(deleted: str, adopted: Adopted | None, span: tuple[int, int]) -> tuple[float, float]:
    """(hits, weight) over the letters and digits of the ``deleted`` words: a hit for each word the
    adopted text does not put back where the change is (``span``: the change's place in the proposal's
    amended body, widened to the adopted text's own rewrite around it).

    Put back means the words come back as they stood: a deleted word alone, or two deleted words in
    a row, found (in a row) in what the adopted text inserts there, or an insertion made only of
    deleted words, so that a rewrite merely sharing a word such as "and" puts nothing back; or the
    deleted words standing right before or after an unchanged place (a diff may align words the
    proposal moved with their old place).
    """
    unit = _ALNUM if _ALNUM.search(deleted) else _MARKS
    words = unit.findall(fold(deleted))
    if not words:
        return 0.0, 0.0
    back: set[int] = set()
    if adopted is not None:
        wide = adopted.region(span)
        there = unit.findall(adopted.inserted(wide))
        pairs = set(zip(there, there[1:], strict=False))
        back.update(k for i in range(len(words) - 1) if (words[i], words[i + 1]) in pairs for k in (i, i + 1))
        if len(words) == 1 and words[0] in there:
            back.add(0)
        if there and set(there) <= set(words):  # all it inserts are deleted words: each one is back
            left = list(there)
            for k, w in enumerate(words):
                if w in left:
                    left.remove(w)
                    back.add(k)
        if wide == span and not adopted.touched(span):  # no change there: were the words aligned next to it?
            before = unit.findall(adopted.text[: adopted.at(span[0], after=False)])[-len(words) :]
            after = unit.findall(adopted.text[adopted.at(span[1], after=True) :])[: len(words)]
            if words in (before, after):
                back.update(range(len(words)))
    hits = sum(len(w) for k, w in enumerate(words) if k not in back)
    return float(hits), float(sum(len(w) for w in words))


def case(old: str, new: str, adopted: Adopted | None, span: tuple[int, int]) -> float:
    """Score a change the folded comparison cannot see (case, a no-break space, white space only).

    Such as "strategic plan" → "Strategic Plan": does the adopted text write the new form where
    the change is?
    """
    if adopted is None:
        return 0.0
    at = adopted.at(span[0], after=False)
    if new:
        there = adopted.raw[at : at + len(new)]
        return 1.0 if there == new else 0.0 if old and adopted.raw[at : at + len(old)] == old else 0.5
    return 0.0 if adopted.raw[at : at + len(old)] == old else 1.0


def score(mask: list[bool] | None, text: str, span: tuple[int, int]) -> tuple[float, float]:
    """(hits, weight) over the letters and digits of ``text[span]`` (a shared comma proves nothing),
    or over its other non-space characters when it has none (a change of punctuation only).
    """
    chars = [i for i in range(*span) if i < len(text) and text[i].isalnum()]
    if not chars:
        chars = [i for i in range(*span) if i < len(text) and not text[i].isspace()]
    if not chars:
        return 0.0, 0.0
    hits = sum(1 for i in chars if mask is not None and i < len(mask) and mask[i])
    return float(hits), float(len(chars))


def outcome(share: float | None) -> str:
    """A share of survived wording in words: ``"fully"``, ``"partly"``, ``"not at all"`` or ``"no changes"``."""
    if share is None:
        return "no changes"
    return "fully" if share >= 0.999 else "not at all" if share <= 0.001 else "partly"
