"""Document-level comparison: each proposal against the text it targets, by its action.

``compare(doc_a, doc_b)`` on two documents holding several texts (Brazil's five proposals
and the 64 texts of the PP-18 Final Acts) does not diff everything against everything: it
matches each text of ``doc_a`` with the text of ``doc_b`` that has the same target kind and
number (:attr:`itu_nb.model.Target.key`: ``RESOLUTION 130 (REV. DUBAI, 2018)`` is
``resolution 130`` like Brazil's ``Resolution 130 (Rev. Busan, 2014)``), then reads the
proposal's action:

==========  =============================================================================
``MOD``     compared with its target (``status`` ``"compared"``); when the proposal amends
            another revision than the target is, the pair's comparison says so
            (:attr:`~itu_nb.model.comparison.Comparison.base_note`) and offers ``three_way()``
``SUP``     the target shown deleted (``"deleted"``): the target's text against nothing; when
            the other document lists it as abrogated rather than holding it, ``"abrogated"``,
            with the proposal's own copy of the text shown deleted; when the other document
            suppresses it too, the two copies compared (``"compared"``: a document against
            itself has no change)
``ADD``     new (``"new"``): the proposal's text against nothing
``NOC``     unchanged (``"unchanged"``): the proposal keeps the text; compared with the target
            when the other document has it, to show whether it still reads the same
==========  =============================================================================

A text whose target the other document does not hold is listed (``"not found"``), never
diffed against something else; so are the other document's texts that nothing targets
(:attr:`DocumentComparison.unmatched`).  Texts without an action (two collections of adopted
texts) are compared with their namesakes, as ``MOD`` would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from itu_nb.diff import twoway
from itu_nb.model import Document, Proposal
from itu_nb.model.comparison import Comparison, side_name

__all__ = ["STATUSES", "DocumentComparison", "TextPair", "compare", "compare_documents"]

#: What happened to each text of a document comparison (:attr:`TextPair.status`).
STATUSES = ("compared", "deleted", "abrogated", "new", "unchanged", "not found")


@dataclass(frozen=True)
class TextPair:
    """One text of the first document and what it was matched with in the second.

    Attributes
    ----------
    text : Proposal
        The text of the first document (a proposal: ``B/67/4``).
    match : Proposal or None
        The text of the second document with the same target (``Resolution 130`` as adopted),
        None when there is none.
    action : str or None
        ``MOD``, ``SUP``, ``ADD``, ``NOC`` (of whichever side is a proposal), None for bare texts.
    status : str
        One of :data:`STATUSES`.
    comparison : Comparison or None
        The clause-aware comparison shown for the pair (see the module docstring); None for a
        text whose target was not found.
    note : str or None
        Why the pair reads as it does, in words.
    """

    text: Proposal
    match: Proposal | None
    action: str | None
    status: str
    comparison: Comparison | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        """The first document's text id (``"B/67/4"``)."""
        return self.text.id

    @property
    def target(self) -> str | None:
        """What the text acts on, as written (``"Resolution 130 (Rev. Busan, 2014)"``)."""
        return str(self.text.target) if self.text.target is not None else None

    @property
    def matched(self) -> str | None:
        """The matched text as a title names it (``"Resolution 130 (Rev. Dubai, 2018)"``), or None."""
        return side_name(self.match) if self.match is not None else None

    @property
    def base_note(self) -> str | None:
        """The comparison's note when the proposal's base is not the text compared with."""
        return self.comparison.base_note if self.comparison is not None else None

    def three_way(self) -> tuple[Comparison, Comparison]:
        """The proposal against its own base, and that base against the matched text.

        See :meth:`Comparison.three_way <itu_nb.model.comparison.Comparison.three_way>`.
        """
        if self.comparison is None:
            raise ValueError(f"{self.id}: {self.status}, nothing compared")
        return self.comparison.three_way()

    def __repr__(self) -> str:
        arrow = f" ↔ {self.matched}" if self.match is not None else ""
        return f"<TextPair {self.action or ''} {self.id}{arrow}: {self.status}>".replace("  ", " ")


@dataclass(frozen=True)
class DocumentComparison:
    """Two documents compared text by text: :func:`compare_documents`, or :func:`itu_nb.compare` on two documents.

    Attributes
    ----------
    old, new : Document
    pairs : tuple of TextPair
        One per text of ``old``, in its order.
    unmatched : tuple of Proposal
        The texts of ``new`` that no text of ``old`` targets (listed, not compared).
    typography : str
        As given to :func:`itu_nb.compare`.

    Examples
    --------
    Brazil's five proposals against the PP-18 Final Acts: each is matched with the text it
    targets and read by its action.

    >>> brazil = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> acts = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> dc = itu_nb.compare(brazil, acts)
    >>> dc.table[["proposal", "action", "target", "status"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['B/67/1', 'MOD', 'Resolution 14 (Rev. Antalya, 2006)', 'not found'],
     ['B/67/2', 'MOD', 'Resolution 71 (Rev. Busan, 2014)', 'compared'],
     ['B/67/3', 'SUP', 'Resolution 128 (Rev. Antalya, 2006)', 'abrogated'],
     ['B/67/4', 'MOD', 'Resolution 130 (Rev. Busan, 2014)', 'compared'],
     ['B/67/5', 'ADD', 'Resolution [B-1]', 'new']]
    >>> dc["B/67/4"].comparison.revisions
    ('Rev. Busan, 2014', 'Rev. Dubai, 2018')
    """

    old: Document
    new: Document
    pairs: tuple[TextPair, ...]
    unmatched: tuple[Proposal, ...] = ()
    typography: str = "hide"

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, key: str | int) -> TextPair:
        """A pair by position, by the first document's id (``"B/67/4"``) or by target (``"Resolution 130"``)."""
        if isinstance(key, int):
            return self.pairs[key]
        wanted = " ".join(key.lower().split())
        for p in self.pairs:
            if p.id == key or (p.text.target is not None and p.text.target.key == wanted):
                return p
        from itu_nb.errors import AddressError

        raise AddressError(f"no text {key!r} in this comparison; ids: {', '.join(p.id for p in self.pairs)}")

    @property
    def comparisons(self) -> dict[str, Comparison]:
        """The pairs' comparisons by the first document's id (pairs with none left out)."""
        return {p.id: p.comparison for p in self.pairs if p.comparison is not None}

    @cached_property
    def table(self):
        """One row per text of the first document: a pandas DataFrame.

        Columns ``proposal, action, target, status, matched, changes, base, note``:
        ``matched`` names the text it was matched with, ``changes`` counts the comparison's
        changes, ``base`` reads ``"Rev. Busan, 2014 ≠ Rev. Dubai, 2018"`` when the proposal
        amends another revision than the one compared with.
        """
        from itu_nb.frames import document_comparison_frame

        return document_comparison_frame(self)

    def to_html(self) -> str:
        """A static HTML fragment: the summary table, then each pair's redline."""
        from itu_nb.export.html_fragment import document_comparison_html

        return document_comparison_html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        got = ", ".join(f"{p.id} {p.status}" for p in self.pairs)
        return f"<DocumentComparison {self.old.source!r} → {self.new.source!r}: {got}; {len(self.unmatched)} unmatched>"


def _name(doc: Document) -> str:
    """The document's file name (not its whole path)."""
    return PurePath(doc.source).name if doc.source.startswith(("/", ".")) or "/" in doc.source else doc.source


def _key(p: Proposal) -> str | None:
    return p.target.key if p.target is not None else None


def _empty(name: str) -> Proposal:
    """A text with nothing in it, standing for the side a SUP leaves (or an ADD starts from)."""
    return Proposal(name, None, None, ())


def _abrogation(doc: Document, target) -> str | None:
    """Where ``doc`` lists ``target`` among abrogated texts (the Final Acts' Part IV), in words; else None.

    The list starts at a paragraph that says "ABROGATED" and runs on over the paragraphs after it
    (and the whole-line artefacts) until the next ``PART …`` heading, so it is found whether the
    reader keeps it in one paragraph or in several.
    """
    pattern = re.compile(rf"\b{re.escape(target.kind)}\s+{re.escape(target.number)}\s*\(([^)]*)\)", re.IGNORECASE)
    bodies = [(p.id, node.path, node.body("amended")) for p in doc for node in p.walk()]
    bodies += [("artefact", f"line {a.line + 1}", a.text) for a in doc.artefacts]
    listing = False
    for pid, path, body in bodies:
        upper = body.upper()
        at = upper.find("ABROGATED")
        if at < 0 and listing and _PART.search(body):
            listing = False  # the next part of the volume
        if at >= 0:
            listing = True
        if listing:
            m = pattern.search(body, max(at, 0))
            if m:
                return f"{_name(doc)} lists {m.group(0)} among the texts abrogated ({pid}, {path})"
    return None


_PART = re.compile(r"\bPART [IVX]+\b")


def _reads(text: Proposal) -> Proposal:
    """A SUP proposal's own copy of the text it suppresses (its original view), as the deleted side."""
    return text.original if text.changed else text


def compare_documents(old: Document, new: Document, *, typography: str = "hide", **options) -> DocumentComparison:
    """Match each text of ``old`` with the text of ``new`` it targets and compare them by action.

    Texts on one target are matched in order (the second with the second, when both documents hold
    it twice); when ``new`` holds fewer, the rest match its first (several proposals on one
    resolution, one text in force).

    Parameters
    ----------
    old, new : Document
        Typically a document of proposals and the texts they act on (in force, or as adopted);
        either way round: the action is read from whichever side has one.
    typography : {"hide", "separate", "show"}
        See :func:`itu_nb.compare`.
    **options
        ``timeout``, ``time_budget``, ``backend``, ``ignore_whitespace``: see :func:`itu_nb.compare`.

    Returns
    -------
    DocumentComparison
    """
    by_key: dict[str, list[Proposal]] = {}
    for p in new:
        k = _key(p)
        if k is not None:
            by_key.setdefault(k, []).append(p)
    used: set[int] = set()  # the texts of ``new`` matched, by identity (two may share a target)

    def match_of(k: str | None) -> Proposal | None:
        # the first text of ``new`` on that target not matched yet (a document holding one text twice is
        # matched copy with copy), else the first (several proposals on one resolution, one text in force)
        found = by_key.get(k) if k is not None else None
        if not found:
            return None
        return next((p for p in found if id(p) not in used), found[0])

    pairs = []

    def cmp(a: Proposal, b: Proposal) -> Comparison:
        return twoway.compare(a, b, typography=typography, **options)

    for text in old:
        match = match_of(_key(text))
        if match is not None:
            used.add(id(match))
        action = text.action or (match.action if match is not None else None)
        target = str(text.target) if text.target is not None else text.id
        if action == "SUP":
            if text.action == "SUP":  # the proposal suppresses; the matched text (if any) is what goes
                if match is not None and match.action == "SUP":  # both suppress it: their copies compared
                    ids = text.id if text.id == match.id else f"{text.id} and {match.id}"
                    note = f"{ids}: both documents suppress {target}; their copies of it compared"
                    pairs.append(TextPair(text, match, action, "compared", cmp(_reads(text), _reads(match)), note))
                    continue
                if match is not None:
                    pairs.append(TextPair(text, match, action, "deleted", cmp(match, _empty(f"{target} suppressed"))))
                    continue
                where = _abrogation(new, text.target) if text.target is not None else None
                gone = cmp(_reads(text), _empty(f"{target} {'abrogated' if where else 'suppressed'}"))
                status = "abrogated" if where else "deleted"
                note = where or f"{target} is not in {_name(new)}: shown deleted from {text.id}'s own copy"
                pairs.append(TextPair(text, None, action, status, gone, note))
            else:  # the second document suppresses the first's text
                assert match is not None
                pairs.append(
                    TextPair(text, match, action, "deleted", cmp(text, _empty(f"{target} suppressed by {match.id}")))
                )
            continue
        if action == "ADD":
            if match is None:
                pairs.append(
                    TextPair(text, None, action, "new", cmp(_empty("(no text before)"), text), f"{target}: new")
                )
            else:  # a new text that the other document holds too (the same placeholder number)
                pairs.append(TextPair(text, match, action, "compared", cmp(text, match)))
            continue
        if match is None:
            note = f"{target}: not among the {len(new)} texts of {_name(new)}; listed, not compared"
            where = _abrogation(new, text.target) if text.target is not None else None
            if where:
                note += f"; {where}"
            elif new.proposals and all(p.action is None for p in new):
                # Final Acts give the texts a conference adopted or revised, and list those it abrogated
                note += " (the texts a conference neither revised nor abrogated stay in force as they were)"
            pairs.append(TextPair(text, None, action, "not found", None, note))
            continue
        comparison = cmp(text, match)
        status = "unchanged" if action == "NOC" else "compared"
        noc = None
        if action == "NOC" and comparison.changes:
            noc = f"NOC: {text.id} keeps {target}, which {match.id} no longer reads the same"
        pairs.append(TextPair(text, match, action, status, comparison, noc))
    unmatched = tuple(p for p in new if id(p) not in used)
    return DocumentComparison(old, new, tuple(pairs), unmatched, typography)


def compare(
    old,
    new,
    *,
    view: str | tuple[str, str] = "amended",
    timeout: float = twoway.TIMEOUT,
    time_budget: float = twoway.TIME_BUDGET,
    backend: str | None = None,
    ignore_whitespace: bool = False,
    typography: str = "hide",
) -> Comparison | DocumentComparison:
    """Compare two texts clause by clause and word by word, or two documents text by text.

    What analysts call as ``itu_nb.compare``: :func:`itu_nb.diff.twoway.compare` (whose
    parameters these are; see there), except that

    - two Documents of which one holds several texts give a :class:`DocumentComparison`
      (:func:`compare_documents`): each text matched with the one it targets, read by its action;
      a file path or a text is loaded first (:func:`itu_nb.load`), so two files behave as the two
      Documents they hold;
    - typography is hidden by default (``typography="hide"``): no reported change looks the same
      on both sides (a no-break space or hyphen, a dash or quote variant, capitals in a heading).
      ``"separate"`` keeps them, flagged and drawn apart; ``"show"`` as any other change.

    Returns
    -------
    Comparison or DocumentComparison

    Examples
    --------
    Brazil's Resolution 130 against the text adopted at Dubai: the comparison says that Brazil
    amended the Busan, 2014 text, and how many typographic differences it did not mark.

    >>> brazil = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> acts = itu_nb.load("examples/data/pp18-final-acts.akn.xml")
    >>> cmp = itu_nb.compare(brazil["B/67/4"], acts["Resolution 130"])
    >>> cmp.revisions, cmp.base_differs
    (('Rev. Busan, 2014', 'Rev. Dubai, 2018'), True)
    >>> any(c.typographic for c in cmp.changes), len(itu_nb.compare(brazil["B/67/4"], acts["Resolution 130"],
    ...                                                              typography="separate").typographic) > 0
    (False, True)

    The two documents, text by text:

    >>> itu_nb.compare(brazil, acts)["B/67/4"].matched
    'Resolution 130 (Rev. Dubai, 2018)'

    The same from the two files:

    >>> itu_nb.compare("examples/data/pp18-doc67-brazil.reconstructed.critic.md",
    ...                "examples/data/pp18-final-acts.akn.xml")["B/67/4"].matched
    'Resolution 130 (Rev. Dubai, 2018)'
    """
    old, new = _loaded(old), _loaded(new)
    if isinstance(old, Document) and isinstance(new, Document) and (len(old) > 1 or len(new) > 1):
        return compare_documents(
            old, new, typography=typography, timeout=timeout, time_budget=time_budget, backend=backend,
            ignore_whitespace=ignore_whitespace,
        )  # fmt: skip
    return twoway.compare(
        old, new, view=view, timeout=timeout, time_budget=time_budget, backend=backend,
        ignore_whitespace=ignore_whitespace, typography=typography,
    )  # fmt: skip


def _loaded(x):
    """A file path, text or bytes loaded as a Document (:func:`itu_nb.load`); anything else as it is."""
    if isinstance(x, (str, bytes, PurePath)):
        from itu_nb.loaders import load

        return load(x)
    return x
