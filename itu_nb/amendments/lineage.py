"""Stale-base check and lineage: proposals against the text in force and the text adopted.

:func:`check_base` lists every place where a MOD proposal's original view (the text
the proposer started from) differs from the text in force.  :func:`lineage` says,
for each change a proposal made and for each clause of the adopted text, whether
the proposal's wording survived fully, partly or not at all.

Both compare with :func:`itu_nb.diff.twoway` after a loose, length-keeping
normalisation (non-breaking spaces and hyphens, curly quotes), since the texts
come from different sources (a Word proposal, the Final Acts converted from PDF).
"""

from __future__ import annotations

import dataclasses

from itu_nb.amendments.addressing import cite
from itu_nb.amendments.survival import adopted_texts, case, fold, left_out, masks, outcome, score, spans
from itu_nb.loaders.coerce import as_proposal
from itu_nb.model import Op, Proposal

__all__ = ["check_base", "lineage"]


def _loose(p: Proposal) -> Proposal:
    """The same proposal in lower case with look-alike characters made alike (one character for one: offsets hold).

    The Final Acts print headings in capitals (``RESOLUTION 130 (REV. DUBAI, 2018)``).
    """

    def fix(c):
        return dataclasses.replace(
            c,
            label_runs=tuple(r.with_text(fold(r.text)) for r in c.label_runs),
            runs=tuple(r.with_text(fold(r.text)) for r in c.runs),
            children=tuple(fix(k) for k in c.children),
        )

    return dataclasses.replace(p, clauses=tuple(fix(c) for c in p.clauses))


def check_base(proposal, in_force, *, loose: bool = True):
    """Find where the proposer started from different words than the text in force.

    Parameters
    ----------
    proposal : Proposal
        A MOD proposal; its original view is what the proposer started from.
    in_force : Proposal, Document with one text, path or str
        The text in force (e.g. the resolution as last revised in the Final Acts).
    loose : bool
        Treat non-breaking spaces and hyphens and curly quotes as their plain forms.

    Returns
    -------
    DataFrame
        One row per difference: ``path`` (in the proposal), ``citation``, ``in_force_path``,
        ``kind`` (``replaced``, ``inserted`` = words only the proposer's base has,
        ``deleted`` = words only the text in force has, ``relabelled``), ``scope``
        (``text``, ``label`` or ``clause``), ``in_force`` and ``proposal`` (the words), ``pair_kind``.
        ``path`` is ``""`` for a clause only the text in force has, ``in_force_path`` ``""`` for
        a clause only the proposer's base has (never None or NaN).  Empty when the proposer
        started from the text in force.  A :class:`~itu_nb.frames.Table`.

    Examples
    --------
    Brazil's proposal starts from Resolution 130 as revised at Busan (2014). Checked against the
    text adopted at Dubai (2018), the base differs where the conference changed the text, for
    instance the UN resolution that recalling b) cites:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> dubai = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> base = itu_nb.check_base(doc["B/67/4"], dubai)
    >>> base.loc[base.path == "recalling/b", ["citation", "in_force", "proposal"]].values.tolist()
    [['recalling b)', '71/199', '68/167']]
    """
    from itu_nb.diff.twoway import compare
    from itu_nb.frames import Table

    p, force = as_proposal(proposal, single=True), as_proposal(in_force, single=True)
    old, new = (_loose(force), _loose(p)) if loose else (force, p)
    comp = compare(old, new, view=("amended", "original"), ignore_whitespace=True)
    rows = []
    for c in comp.changes:
        citation = cite(p, c.new_path, "original") if c.new_path else cite(force, c.old_path) if c.old_path else None
        theirs = _as_written(force, old, c.old_path, "amended", c.old, c.old_offset, c.scope)
        mine = _as_written(p, new, c.new_path, "original", c.new, c.new_offset, c.scope)
        rows.append((c.new_path or "", citation, c.old_path or "", c.kind, c.scope, theirs, mine, c.pair_kind))
    columns = ["path", "citation", "in_force_path", "kind", "scope", "in_force", "proposal", "pair_kind"]
    return Table(rows, columns=columns)


def _as_written(p: Proposal, folded: Proposal, path: str | None, view: str, text: str, offset: int, scope: str) -> str:
    """``text`` (found in the folded copy) as the source writes it: same place, original case."""
    if not text or path is None or scope != "text":
        node = p.get(path) if path is not None else None
        if node is not None and scope == "clause":
            return node.line_text(view) or text
        if node is not None and scope == "label":
            return node.label_in(view) or text
        return text
    body, fbody = p[path].body(view), folded[path].body(view)
    at = fbody.find(text, max(0, offset - 8))
    if at < 0:
        at = fbody.find(text)
    return body[at : at + len(text)] if at >= 0 else text


# -----------------------------------------------------------------------------
# lineage
# -----------------------------------------------------------------------------
def _per_change(adopted: Proposal, p: Proposal, loose: bool) -> list[tuple]:
    from itu_nb.diff.twoway import compare

    a, q = (_loose(adopted), _loose(p)) if loose else (adopted, p)
    amended = compare(q, a, view="amended")
    original = compare(q, a, view=("original", "amended"))
    kept, removed, back = masks(amended, Op.EQUAL), masks(original, Op.DELETE), adopted_texts(amended, adopted)
    target = {pair.old.path: pair.new for pair in amended.pairs if pair.old is not None and pair.new is not None}
    old_into = {
        pair.old.path: pair.new.path for pair in original.pairs if pair.old is not None and pair.new is not None
    }
    rows = []
    for node in p.walk():
        changes = node.changes
        if not changes:
            continue
        cuts = spans(node)
        into = target.get(node.path)
        for change, (label_only, ins, dele) in zip(changes, cuts, strict=True):
            if label_only:
                share = 1.0 if into is not None and into.label == node.label else 0.0
            elif loose and change.old != change.new and fold(change.old).split() == fold(change.new).split():
                share = case(change.old, change.new, back.get(node.path), ins)  # folding cannot see it
            else:
                h1, w1 = score(kept.get(node.path), node.body("amended"), ins)
                was = old_into.get(node.path)
                if node.exists_in("amended") and (was is None or (into is not None and was == into.path)):
                    # both views of the clause went into the same adopted clause: deleted words stay out
                    # unless the adopted text puts them back where the change is (a diff of the original
                    # view alone could align them with the same words the proposal moved elsewhere)
                    h2, w2 = left_out(node.body("original")[dele[0] : dele[1]], back.get(node.path), ins)
                else:  # deleted whole, or its old text went into another adopted clause: is it gone there?
                    h2, w2 = score(removed.get(node.path), node.body("original"), dele)
                share = (h1 + h2) / (w1 + w2) if w1 + w2 else 1.0
            rows.append((p.id, change.id, node.path, cite(p, node), change.kind, change.old, change.new,
                         into.path if into is not None else "", round(share, 3), outcome(share)))  # fmt: skip
    return rows


def lineage(adopted, proposals, *, by: str = "clause", loose: bool = True):
    """Which proposal's wording survived into the adopted text, fully, partly or not at all.

    Parameters
    ----------
    adopted : Proposal, Document with one text, path or str
        The text as adopted (e.g. a resolution from the Final Acts).
    proposals : Proposal or list of Proposal
        The proposals that targeted it, with their tracked changes.
    by : {"clause", "change"}
        ``"change"``: one row per tracked change of each proposal: ``proposal``, ``change``,
        ``path``, ``citation``, ``kind``, ``old``, ``new``, ``adopted_path``, ``survived`` (share
        of the inserted words kept and the deleted words left out, 0–1) and ``outcome``
        (``fully`` / ``partly`` / ``not at all``).  Relabels count as kept when the adopted
        clause bears the proposed label.  Deleted words count as left out unless the adopted
        text puts them back where the change is, so words the proposal moved within a clause
        are judged at both places; a change of case or white space only is judged as written
        (:mod:`itu_nb.amendments.survival`).
        ``"clause"``: one row per clause of the adopted text and proposal: ``adopted_path``,
        ``citation``, ``found``, ``adopted_text``, ``proposal``, ``proposal_path``,
        ``proposal_text``, ``changes`` (text changes, relabels left out), ``fully``, ``partly``,
        ``not_at_all`` and ``outcome``; then one row per proposal clause with changes that has no
        counterpart in the adopted text.

    Returns
    -------
    Table
        A DataFrame (:class:`~itu_nb.frames.Table`) with no None or NaN in its path and text
        columns.  A clause found on one side only has ``""`` for the other side's path and
        text, and ``found`` says which: ``"both"``, ``"adopted only"`` (the conference wrote it,
        or the proposal's clause was too different to pair with it) or ``"proposal only"`` (its
        wording did not reach the adopted text: a clause the adopted text dropped, or one
        the proposal added that was not adopted).  ``citation`` is the adopted text's, or on a
        ``"proposal only"`` row the proposal's (in its amended view).  ``proposal_text`` is also
        ``""`` where the proposal deletes the clause.  By change, ``adopted_path`` is ``""`` for a change whose
        clause has no counterpart in the adopted text.

    Examples
    --------
    Of Brazil's proposed Resolution 130, the new heading "(Rev. Dubai, 2018)" was adopted and
    the new title "Cybersecurity" was not:

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> adopted = itu_nb.load("examples/data/pp18-final-acts.akn.xml")["Resolution 130"]
    >>> by_clause = itu_nb.lineage(adopted, [doc["B/67/4"]])
    >>> by_clause.set_index("adopted_path").loc[["heading", "title"], "outcome"].tolist()
    ['fully', 'not at all']
    >>> by_change = itu_nb.lineage(adopted, doc["B/67/4"], by="change")
    >>> by_change.loc[by_change.path == "title", ["new", "survived", "outcome"]].values.tolist()
    [['Cybersecurity', 0.0, 'not at all']]
    """
    from itu_nb.diff.twoway import compare
    from itu_nb.frames import Table

    adopted = as_proposal(adopted, single=True)
    proposals = [proposals] if isinstance(proposals, Proposal) else [as_proposal(p, single=True) for p in proposals]
    change_rows = [r for p in proposals for r in _per_change(adopted, p, loose)]
    changes = Table(
        change_rows,
        columns=["proposal", "change", "path", "citation", "kind", "old", "new", "adopted_path", "survived", "outcome"],
    )
    if by == "change":
        return changes
    if by != "clause":
        raise ValueError(f"by must be 'clause' or 'change', not {by!r}")
    rows = []
    for p in proposals:
        comp = compare(_loose(p) if loose else p, _loose(adopted) if loose else adopted, view="amended")
        source = {pair.new.path: pair.old.path for pair in comp.pairs if pair.new is not None and pair.old is not None}
        mine = changes[(changes.proposal == p.id) & (changes.kind != "relabelled")]
        seen = set()
        for node in adopted.walk():
            path = source.get(node.path)
            seen.add(path)
            sub = mine[mine.path == path] if path is not None else mine.iloc[0:0]
            rows.append(_clause_row(adopted, node, p, path, sub))
        for path in dict.fromkeys(mine.path):
            if path not in seen:
                rows.append(_clause_row(adopted, None, p, path, mine[mine.path == path]))
    columns = ["adopted_path", "citation", "found", "adopted_text", "proposal", "proposal_path", "proposal_text",
               "changes", "fully", "partly", "not_at_all", "outcome"]  # fmt: skip
    return Table(rows, columns=columns)


def _clause_row(adopted: Proposal, node, p: Proposal, path: str | None, sub) -> tuple:
    counts = sub.outcome.value_counts()
    n = len(sub)
    share = (
        None if n == 0 else (1.0 if counts.get("fully", 0) == n else 0.0 if counts.get("not at all", 0) == n else 0.5)
    )
    clause = p.get(path) if path is not None else None
    return (
        node.path if node is not None else "",
        cite(adopted, node) if node is not None else cite(p, path) if path is not None else "",
        "both" if node is not None and path is not None else "adopted only" if node is not None else "proposal only",
        node.line_text("amended") or "" if node is not None else "",
        p.id,
        path or "",
        (clause.line_text("amended") or "") if clause is not None else "",
        n,
        int(counts.get("fully", 0)),
        int(counts.get("partly", 0)),
        int(counts.get("not at all", 0)),
        outcome(share),
    )
