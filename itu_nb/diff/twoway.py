r"""Clause-aware comparison of two texts: :func:`compare`, :func:`redline` and the result types.

A :class:`Comparison` is a sequence of :class:`ClausePair` objects in reading
order.  Each pair says what happened to one clause (``kind``) and carries the
word-level diff of its label and body as :class:`~itu_nb.model.Run` objects, in
the same form as a proposal's own tracked changes, so a comparison computed
here and a proposal's redline (:meth:`Proposal.redline`) are handled alike.

Pair kinds
----------
``unchanged``, ``modified`` (body text changed), ``relabelled`` (label changed,
e.g. ``c)`` → ``b)``; the body may have changed too, see ``text_changed``),
``moved`` (out of order or into another section; label and text may have changed
too), ``inserted``, ``deleted``, ``split`` (one old clause became several new
ones: one pair per new clause, each with the same ``old``) and ``merged``
(several old clauses became one new one).

Invariants
----------
For every pair, the runs whose op is not INSERT join to the old body and those
not DELETE to the new body; the label runs likewise to the old and new label
as written (with its separator).  In a split group each pair's runs give that
new clause's body and, joined in ``part`` order, the old body; in a merge group
the reverse.  Comparing a text with itself gives no changes.

One exception, for layout: the separator after a label (``"a) "`` in the Final
Acts, ``"a)\t"`` in a Word proposal) is not text.  Where both texts have one and
write it differently, the label runs end with the *new* text's separator as an
equal run (a label that differs only there is one equal run, not a change), so
the old side has the new separator.  With ``ignore_whitespace=True`` the bodies
likewise carry the new text's whitespace.

Bounds
------
Word diffs run per aligned pair, never over the whole text, so the cost grows
with the size of the changed clauses.  Each diff has ``timeout`` seconds before
it falls back to a sentence-level, then block-level diff
(:func:`itu_nb.diff.words.diff_words`); once the comparison has spent ``time_budget``
seconds on diffs, the remaining pairs are diffed as blocks (common prefix and
suffix kept).  Every fallback is listed in ``Comparison.notes`` and in the
pair's ``note``.
"""

from __future__ import annotations

import dataclasses
import time

from itu_nb.diff.align import Side, align
from itu_nb.diff.tokens import Coder
from itu_nb.diff.words import EQUAL, TIMEOUT, diff_words
from itu_nb.loaders.coerce import as_proposal
from itu_nb.model import Change, NodeKind, Op, Proposal, Run, join_runs
from itu_nb.model.comparison import CASELESS, PAIR_KINDS, ClausePair, Comparison, revision_of, side_name
from itu_nb.model.typography import TYPOGRAPHY, typographic_spans

__all__ = ["PAIR_KINDS", "Change", "ClausePair", "Comparison", "compare", "redline"]

#: Seconds of word diffing one comparison may spend before the rest is diffed as blocks.
TIME_BUDGET = 10.0


# -----------------------------------------------------------------------------
# compare
# -----------------------------------------------------------------------------
def _plain(runs: tuple[Run, ...]) -> bool:
    """Whether ``runs`` is nothing or one equal run with no author, date or mark (as a view's clause has)."""
    if not runs:
        return True
    r = runs[0]
    return len(runs) == 1 and r.op is Op.EQUAL and r.author is None and r.date is None and not r.inferred and not r.move


def _label_runs(a: str | None, b: str | None, ignore_whitespace: bool = False) -> tuple[Run, ...]:
    """Label runs from the two labels as written (None: no such clause)."""
    if a == b or (ignore_whitespace and a is not None and b is not None and a.split() == b.split()):
        return (Run(Op.EQUAL, b),) if b else ()
    a, b = a or "", b or ""
    ca, cb = a.rstrip(), b.rstrip()
    sa, sb = a[len(ca) :], b[len(cb) :]
    if sa == sb or (sa and sb):
        # the separator is layout ("a) " in the Final Acts, "a)<TAB>" in a proposal): kept as the new
        # text writes it, so the same label with another separator is no change a reader sees
        runs = [(Op.EQUAL, b)] if ca == cb else [(Op.DELETE, ca), (Op.INSERT, cb), (Op.EQUAL, sb)]
    else:  # a separator on one side only: the label as written, deleted and inserted
        runs = [(Op.DELETE, a), (Op.INSERT, b)]
    return tuple(Run(op, t) for op, t in runs if t)


_OP = {-1: Op.DELETE, 0: Op.EQUAL, 1: Op.INSERT}


def _to_runs(ops) -> tuple[Run, ...]:
    return tuple([Run(_OP[op], text) for op, text in ops])


#: What the pieces of a split (or merge) are joined with to be diffed against the whole clause: a
#: line break, so that no word of one piece runs into the next ("Union" + "to" is not "Unionto").
PIECE_SEP = "\n"


def _cut(runs: tuple[Run, ...], lengths: list[int], side: str, sep: str = "") -> list[tuple[Run, ...]]:
    """Cut runs into pieces whose ``side`` text ("new" for a split, "old" for a merge) has the given lengths.

    The ``side`` text of ``runs`` holds ``sep`` between the pieces (the diff was made against
    the pieces joined with it); it is taken out: dropped where only that side has it, left to
    the other side alone where both have it (an equal line break).
    """
    skip = Op.DELETE if side == "new" else Op.INSERT  # runs that do not count on this side
    pieces: list[list[Run]] = [[] for _ in lengths]
    last = len(lengths) - 1
    k, room, in_sep = 0, lengths[0] if lengths else 0, 0
    for r in runs:
        text = r.text
        if r.op is skip:
            pieces[k].append(r)
            continue
        while text:
            if room == 0 and not in_sep and k < last:  # piece k is full: the separator, then piece k + 1
                in_sep = len(sep)
                if not in_sep:
                    k, room = k + 1, lengths[k + 1]
                    continue
            if in_sep:
                take = text[:in_sep]
                if r.op is Op.EQUAL:
                    pieces[k].append(Run(skip, take))
                in_sep -= len(take)
                text = text[len(take) :]
                if not in_sep:
                    k, room = k + 1, lengths[k + 1]
                continue
            take = text if k == last else text[:room]
            pieces[k].append(r.with_text(take))
            room -= len(take)
            text = text[len(take) :]
    return [join_runs(p) for p in pieces]


class _Differ:
    """Runs word diffs under a per-diff timeout and a total time budget."""

    def __init__(self, timeout: float, budget: float, backend: str | None, ignore_whitespace: bool):
        self.timeout, self.budget, self.backend = timeout, budget, backend
        self.ignore_whitespace = ignore_whitespace
        self.spent = 0.0
        self.notes: list[str] = []
        self.coder = Coder()  # one token table for the comparison's word diffs

    def __call__(self, a: str, b: str, exact: bool = False):
        """The runs of the word diff of ``a`` and ``b``, the level it reached and the note on a fallback."""
        ops, level, note = self.ops(a, b, exact)
        return _to_runs(ops), level, note

    def ops(self, a: str, b: str, exact: bool = False):
        """:meth:`__call__` with the diff as ``(op, text)`` pairs (op -1, 0 or 1), not yet runs."""
        if a == b:  # the common case: no diff, no clock
            return (((EQUAL, a),) if a else ()), "word", None
        start = time.perf_counter()
        level = "block" if self.spent > self.budget else "word"
        d = diff_words(
            a,
            b,
            timeout=self.timeout,
            backend=self.backend,
            level=level,
            ignore_whitespace=self.ignore_whitespace and not exact,
            coder=self.coder,
        )
        self.spent += time.perf_counter() - start
        note = d.reason
        if level == "block":
            note = f"the comparison had used its {self.budget:g} s budget: compared as one block"
        return d.ops, d.level, note


def compare(
    old,
    new,
    *,
    view: str | tuple[str, str] = "amended",
    timeout: float = TIMEOUT,
    time_budget: float = TIME_BUDGET,
    backend: str | None = None,
    ignore_whitespace: bool = False,
    typography: str = "show",
) -> Comparison:
    """Compare two versions clause by clause, then word by word inside aligned clauses.

    Parameters
    ----------
    old, new : Proposal, Document, Clause, path, str or bytes
        Each side, read by :func:`itu_nb.loaders.as_proposal` (a path or text is loaded
        with :func:`itu_nb.load`; a document with several texts is compared as a whole).
    view : {"amended", "original"} or (old_view, new_view)
        Which view of a proposal with tracked changes to compare.
    timeout : float
        Seconds per clause diff before falling back to a coarser diff.
    time_budget : float
        Seconds of diffing for the whole comparison before the rest is diffed as blocks.
    backend : {"cpp", "python"}, optional
        diff-match-patch implementation (default: C++ when installed).
    ignore_whitespace : bool
        Treat spaces, no-break spaces and tabs alike (useful across sources, e.g. an
        Akoma Ntoso text against a Word one).  The runs then carry the new text's
        whitespace, so the old side equals the old text only up to whitespace.
    typography : {"hide", "separate", "show"}
        What to do with typographic changes, those whose two sides look the same on screen
        (no-break spaces and hyphens, dash and quote variants, letter case in headings: see
        :mod:`itu_nb.model.typography`).  ``"hide"``: not changes; their runs read as the new
        text (so the old side equals the old text only up to typography) and ``notes`` says
        how many were hidden.  ``"separate"``: kept, flagged (``Change.typographic``, a column
        of ``changes.to_frame()``), counted and drawn apart.  ``"show"``: kept and drawn as any
        other change (still flagged).  ``itu_nb.compare``, what analysts call, defaults to
        ``"hide"``; this engine, which merge, lineage and the exports' round trips build on,
        keeps every character by default (``"show"``).

    Returns
    -------
    Comparison
        ``itu_nb.compare`` (:func:`itu_nb.diff.documents.compare`), given two Documents of which
        one holds several texts, returns a :class:`~itu_nb.diff.documents.DocumentComparison`
        instead, pairing each proposal with the text it targets; this function compares any two
        texts as wholes (a document's texts joined).

    Examples
    --------
    Brazil's Resolution 130 as it read before and after Brazil's changes: relettering is a label
    change of aligned clauses, not a deletion and an insertion.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> c = itu_nb.compare(doc["B/67/4"].original, doc["B/67/4"].amended)
    >>> c.clauses.query("kind == 'relabelled'")[["old_label", "new_label"]].head(3).values.tolist()
    [['c)', 'b)'], ['d)', 'c)'], ['e)', 'd)']]

    Against the text adopted at Dubai, Brazil's recalling e) is g):

    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> cmp = itu_nb.compare(doc["B/67/4"], adopted)
    >>> cmp.clauses.set_index("new_path").loc["recalling/g", ["kind", "old_label", "new_label"]].tolist()
    ['relabelled', 'e)', 'g)']
    """
    if typography not in TYPOGRAPHY:
        raise ValueError(f"typography={typography!r}: choose one of {', '.join(map(repr, TYPOGRAPHY))}")
    return _compare(
        old, new, view=view, timeout=timeout, time_budget=time_budget, backend=backend,
        ignore_whitespace=ignore_whitespace, typography=typography,
    )  # fmt: skip


def _compare(
    old,
    new,
    *,
    view: str | tuple[str, str],
    timeout: float,
    time_budget: float,
    backend: str | None,
    ignore_whitespace: bool,
    typography: str,
) -> Comparison:
    """The clause-aware comparison of two texts (:func:`compare` on anything but two documents)."""
    vo, vn = (view, view) if isinstance(view, str) else view
    ra, rb = as_proposal(old), as_proposal(new)  # named before viewing: a view has no authors
    tracked = ra.changed  # a walk of the whole text: asked once
    a, b = (ra.view(vo) if tracked else ra), (rb.view(vn) if rb.changed else rb)
    title = side_name(ra), side_name(rb)
    if title[0] == title[1]:
        title = (f"{title[0]} ({vo})", f"{title[1]} ({vn})") if vo != vn else (f"{title[0]} (old)", f"{title[1]} (new)")
    hidden = 0
    os_, ns_ = Side(list(a.walk())), Side(list(b.walk()))
    old_nodes, new_nodes = os_.clauses, ns_.clauses
    matches, notes = align(os_, ns_, timeout=timeout, backend=backend)
    differ = _Differ(timeout, time_budget, backend, ignore_whitespace)
    sec_map = {
        os_.section[m.old]: ns_.section[m.new]
        for m in matches
        if m.old is not None and m.new is not None and new_nodes[m.new].kind is NodeKind.SECTION
    }
    groups: dict[tuple[str, int | None], list] = {}
    for m in matches:
        if m.how in ("split", "merged"):
            groups.setdefault((m.how, m.old if m.how == "split" else m.new), []).append(m)
    pairs: list[ClausePair] = []
    pieces: dict[tuple[str, int | None], list[tuple[Run, ...]]] = {}
    for m in matches:
        i, j = m.old, m.new
        o = old_nodes[i] if i is not None else None
        n = new_nodes[j] if j is not None else None
        node = n or o
        assert node is not None  # a match holds at least one clause
        section = node.section
        level, note = "word", None
        runs: tuple[Run, ...]
        if (
            i is not None
            and n is not None
            and j is not None
            and os_.raw_label[i] == ns_.raw_label[j]
            and _plain(n.label_runs)
        ):
            label_runs = n.label_runs  # the usual case: the same label, kept as the clause has it
        else:
            label_runs = _label_runs(
                os_.raw_label[i] if i is not None else None,
                ns_.raw_label[j] if j is not None else None,
                ignore_whitespace,
            )
        if i is None:
            assert j is not None  # an inserted clause is in the new text
            kind, runs = "inserted", ((Run(Op.INSERT, ns_.body[j]),) if ns_.body[j] else ())
        elif j is None:
            kind, runs = "deleted", ((Run(Op.DELETE, os_.body[i]),) if os_.body[i] else ())
        elif m.how in ("split", "merged"):
            key = (m.how, i if m.how == "split" else j)
            if key not in pieces:
                members = sorted(groups[key], key=lambda x: x.part)
                if m.how == "split":
                    others = [ns_.body[x.new] for x in members]
                    runs, level, note = differ(os_.body[i], PIECE_SEP.join(others))
                else:  # cut by old lengths: whitespace must stay exact
                    others = [os_.body[x.old] for x in members]
                    runs, level, note = differ(PIECE_SEP.join(others), ns_.body[j], exact=True)
                side = "new" if m.how == "split" else "old"
                pieces[key] = _cut(runs, [len(t) for t in others], side, PIECE_SEP)
            kind, runs = m.how, pieces[key][m.part]
            if typography == "hide":
                runs, n_hidden = _hide_typography(runs, node.kind in CASELESS)
                hidden += n_hidden
        else:
            assert n is not None  # both indices are set: so are both clauses
            if os_.body[i] == ns_.body[j] and _plain(n.runs):
                runs = n.runs  # the usual case: the same text, kept as the clause has it
            else:
                ops, level, note = differ.ops(os_.body[i], ns_.body[j])
                if typography == "hide" and (len(ops) > 1 or (ops and ops[0][0] != EQUAL)):
                    ops, n_hidden = _hide_ops(ops, node.kind in CASELESS)
                    hidden += n_hidden
                runs = _to_runs(ops)
            moved = m.how == "moved" or (
                n.kind is not NodeKind.SECTION and sec_map.get(os_.section[i], os_.section[i]) != ns_.section[j]
            )
            if moved:
                kind = "moved"
            elif os_.raw_label[i] != ns_.raw_label[j] and os_.label(i) != ns_.label(j):
                kind = "relabelled"
            elif any(r.op is not Op.EQUAL for r in runs + label_runs):
                kind = "modified"
            else:
                kind = "unchanged"
        if note:
            notes.append(f"{node.path}: {note}")
        pairs.append(
            ClausePair(kind, o, n, label_runs, runs, section, len(pairs), m.similarity, m.part, m.parts, level, note)
        )
    if hidden:
        notes.append(
            f"typography='hide': {hidden} typographic difference{'s' if hidden != 1 else ''} (no-break spaces "
            "and hyphens, dashes, quotes, letter case in headings) not marked; the old side reads with the "
            "new text's typography there"
        )
    revisions = revision_of(ra), revision_of(rb)
    if ra.target is None or rb.target is None or ra.target.key != rb.target.key:
        revisions = (None, None)  # not two versions of one text: no base to speak of
    cmp = Comparison(a, b, tuple(pairs), tuple(notes), typography, title, revisions, ra if tracked else None)
    if cmp.base_note:
        cmp = dataclasses.replace(cmp, notes=(cmp.base_note, *cmp.notes))
    return cmp


def _hide_typography(runs: tuple[Run, ...], case: bool) -> tuple[tuple[Run, ...], int]:
    """``runs`` with each typographic group (:func:`~itu_nb.model.typography.typographic_groups`) made one
    equal run of its new text; and how many groups that was.
    """
    groups = typographic_spans(runs, case=case)
    if not groups:
        return runs, 0
    out: list[Run] = []
    k = 0
    for i, j, new in groups:
        out.extend(runs[k:i])
        out.append(Run(Op.EQUAL, new))
        k = j
    out.extend(runs[k:])
    return join_runs(out), len(groups)


def _hide_ops(ops, case: bool) -> tuple[list[tuple[int, str]], int]:
    """:func:`_hide_typography` on a diff's ``(op, text)`` pairs, before they become runs: the same
    pairs as the runs it would return (neighbours with one op merged, empty ones dropped).
    """
    groups = typographic_spans(ops, case=case)
    if not groups:
        return ops, 0
    out: list[tuple[int, str]] = []
    k = 0
    for i, j, new in groups:
        out.extend(ops[k:i])
        out.append((EQUAL, new))
        k = j
    out.extend(ops[k:])
    merged: list[tuple[int, str]] = []
    for op, text in out:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged, len(groups)


def _norm(section: str | None) -> str:
    return " ".join((section or "").split()).lower()


# -----------------------------------------------------------------------------
# redline
# -----------------------------------------------------------------------------
def redline(proposal: Proposal) -> Comparison:
    """A proposal's own tracked changes as a :class:`Comparison` of its original and amended views.

    Authors and dates of the runs are kept.  A node is ``inserted`` or ``deleted``
    when it exists in one view only, ``relabelled`` when its label differs between
    the views, ``modified`` when its text does, else ``unchanged``.
    """
    a, b = proposal.original, proposal.amended
    olds = {c.path: c for c in a.walk()}
    news = {c.path: c for c in b.walk()}
    pairs: list[ClausePair] = []
    for node in proposal.walk():
        o, n = olds.get(node.path), news.get(node.path)
        if o is None and n is None:
            continue
        label_runs, runs = join_runs(node.label_runs), join_runs(node.runs)
        if o is None or n is None:
            op, view = (Op.INSERT, "amended") if o is None else (Op.DELETE, "original")
            label_runs = tuple(dataclasses.replace(r, op=op) for r in label_runs if r.op.in_view(view))
            runs = tuple(dataclasses.replace(r, op=op) for r in runs if r.op.in_view(view))
            kind = "inserted" if o is None else "deleted"
        elif o.label_in("amended") != n.label_in("amended"):
            kind = "relabelled"
        elif node.changed:
            kind = "modified"
        else:
            kind = "unchanged"
        sim = 1.0 if kind == "unchanged" else None
        pairs.append(ClausePair(kind, o, n, label_runs, runs, node.section, len(pairs), sim))
    name = side_name(proposal)
    return Comparison(a, b, tuple(pairs), title=(f"{name} (original)", f"{name} (amended)"))
