"""Clause addresses: paths (``"considering/c"``) and the way ITU texts cite themselves.

:func:`resolve` turns ``"resolves 2"``, ``"considering c)"``, ``"instructs the
Secretary-General 1 ii)"``, ``"recognizing further"`` or ``"the title"`` into the
:class:`~itu_nb.model.Clause` it names; :func:`cite` does the reverse.  A citation
is read in one view (``"amended"`` by default), since a relettered text has two
different ``c)``: in Brazil's B/67/4, ``considering c)`` is the old d) in the
amended view and the old c) (now b)) in the original view.

Every failure is an :class:`~itu_nb.errors.AddressError` naming the address, the
proposal and the nearest addresses that do exist.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator

from itu_nb.errors import AddressError
from itu_nb.model import HOMOGLYPHS, Clause, NodeKind, Proposal

__all__ = ["bare", "cite", "citations", "component", "find_path", "lookup", "parent_of", "parents", "resolve"]

#: What :func:`_child` may be given to read a list's labels in C: for a tuple of siblings, each one's
#: ``bare(label_in("amended"))`` when it is no footnote, is present in the amended view and has a label, else None
#: (:class:`itu_nb.amendments.lists.ListFacts`, kept from one edit to the next).
Cites = Callable[[tuple[Clause, ...]], list[str | None]]

#: Words that may stand between a section and a label ("resolves, paragraph 2").
_FILLER = {"paragraph", "paragraphs", "item", "sub-item", "subitem", "subparagraph", "sub-paragraph", "point", "no"}
_TOKEN = re.compile(r"\(?[\w.#-]+(?:\s(?:bis|ter)\b)?\)?")
_NAMED = {
    NodeKind.HEADING: "heading",
    NodeKind.TITLE: "title",
    NodeKind.FORMULA: "formula",
    NodeKind.REASONS: "reasons",
}


def bare(label: str | None) -> str:
    """``"(c)"``, ``"c)"``, ``"с)"`` (Cyrillic) → ``"c"``; ``"1."`` → ``"1"``; ``"a bis)"`` → ``"abis"``."""
    if not label:
        return ""
    text = label.strip().translate(HOMOGLYPHS).strip("()").rstrip(".")
    return re.sub(r"\s+", "", text)


def component(clause: Clause, parent: Clause | None) -> str:
    """The last segment of a clause's path (section keywords may themselves contain ``/``)."""
    if parent is None:
        return clause.path
    return clause.path[len(parent.path) + 1 :]


def _walk(clauses, parent: Clause | None = None) -> Iterator[tuple[Clause, Clause | None]]:
    for c in clauses:
        yield c, parent
        yield from _walk(c.children, c)


def parents(proposal: Proposal) -> dict[str, Clause | None]:
    """Path → parent clause (None for top-level nodes)."""
    return {c.path: p for c, p in _walk(proposal.clauses)}


def _descend(clauses, path: str, parent: Clause | None) -> tuple[Clause, Clause | None] | None:
    for c in clauses:
        if c.path == path:
            return c, parent
    for c in clauses:  # a path below: section keywords may hold a "/", so try every prefix that fits
        if path.startswith(c.path + "/"):
            found = _descend(c.children, path, c)
            if found is not None:
                return found
    return None


def find_path(proposal: Proposal, path: str) -> Clause | None:
    """The clause at ``path``, found by descending the prefixes of the path (not by walking every node)."""
    found = _descend(proposal.clauses, path, None)
    return found[0] if found is not None else None


def parent_of(proposal: Proposal, path: str) -> Clause | None:
    """The parent of the clause at ``path`` (None for a top-level node), found by descending its prefixes.

    Raises
    ------
    AddressError
        When no clause has that path.
    """
    found = _descend(proposal.clauses, path, None)
    if found is None:
        raise AddressError(f"{proposal.id}: no clause {path!r}")
    return found[1]


def _section_name(clause: Clause, lower: bool = True) -> str:
    if clause.kind in _NAMED:
        return _NAMED[clause.kind]
    if clause.kind is NodeKind.SECTION:
        text = clause.body("amended").strip() or clause.body("original").strip()
        name = " ".join(text.replace("\xa0", " ").split()).rstrip(":,").strip()
    else:
        name = clause.path.split("/")[-1].split("#")[0]
    return name.lower() if lower else name


def _step(clause: Clause, parent: Clause | None, view: str) -> str:
    label = clause.label_in(view)
    if clause.kind is NodeKind.ITEM and label and bare(label):
        return label
    return component(clause, parent)


def citations(proposal: Proposal, view: str = "amended") -> dict[str, str]:
    """Path → citation (``"considering/b#2"`` → ``"considering b)"``) for every clause present in ``view``."""
    out: dict[str, str] = {}
    for clause, parent in _walk(proposal.clauses):
        if clause.kind is NodeKind.FOOTNOTE or (not clause.exists_in(view) and clause.kind is not NodeKind.SECTION):
            continue
        if parent is None or clause.kind in (NodeKind.SECTION, NodeKind.ANNEX):
            out[clause.path] = _section_name(clause, lower=False)
        else:
            out[clause.path] = f"{out.get(parent.path, parent.path)} {_step(clause, parent, view)}"
    return out


def cite(proposal: Proposal, clause: Clause | str, view: str = "amended") -> str:
    """How the text would cite ``clause`` (a Clause or a path): ``"instructs the Secretary-General 1"``."""
    path = clause if isinstance(clause, str) else clause.path
    table = citations(proposal, view)
    if path in table:
        return table[path]
    return citations(proposal, "original" if view == "amended" else "amended").get(path, path)


def _norm(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u2011", "-").replace("’", "'")
    return " ".join(text.split()).strip(" ,:;").lower()


def _near(proposal: Proposal, address: str, view: str) -> list[str]:
    table = citations(proposal, view)
    pool = list(dict.fromkeys(list(table.values()) + list(table)))
    lowered = {p.lower(): p for p in pool}
    near = difflib.get_close_matches(_norm(address), list(lowered), n=6, cutoff=0.55)
    return [lowered[n] for n in near] or pool[:6]


def _section_walk(clauses, parent: Clause | None = None) -> Iterator[tuple[Clause, Clause | None]]:
    """Top-level nodes and the sections of annexes (and of annexes' annexes).

    Sections stand at the top or in an annex, never inside a section, an item or a paragraph,
    so a section's own list is not walked: resolving a citation does not cost the document's size.
    """
    for c in clauses:
        if c.kind is NodeKind.FOOTNOTE:
            continue
        if parent is None or c.kind is NodeKind.SECTION:
            yield c, parent
        if c.kind is NodeKind.ANNEX:
            yield from _section_walk(c.children, c)


#: The names of the sections of the last top level read (:func:`_named`): the clauses, and each section with its names
_NAMED_LAST: list[tuple[tuple[Clause, ...], list[tuple[Clause, tuple[str, ...]]]]] = []


def _named(clauses: tuple[Clause, ...]) -> list[tuple[Clause, tuple[str, ...]]]:
    """Each section of :func:`_section_walk` with the names a citation may give it (its heading's words, normalised,
    and its path component).  Read once per top level: a run of 2,000 operations on nested lists reads a citation or
    two per operation, and the top level (a tuple of frozen clauses) stays the same all the run long; only the last
    one read is kept, by identity (the tuple held, so its identity is not reused).
    """
    if _NAMED_LAST and _NAMED_LAST[0][0] is clauses:
        return _NAMED_LAST[0][1]
    named = [
        (clause, tuple(dict.fromkeys((_section_name(clause), _norm(component(clause, parent))))))
        for clause, parent in _section_walk(clauses)
    ]
    _NAMED_LAST[:] = [(clauses, named)]
    return named


def _sections(proposal: Proposal, address: str) -> list[tuple[Clause, str]]:
    """(section node, rest of the address) for every section whose name begins ``address``, longest first."""
    found = []
    for clause, names in _named(proposal.clauses):
        for name in names:
            if address == name or address.startswith(name + " ") or address.startswith(name + ","):
                found.append((clause, address[len(name) :], len(name)))
    found.sort(key=lambda t: -t[2])
    longest = found[0][2] if found else 0
    return [(c, rest) for c, rest, n in found if n == longest]


def cited_section(proposal: Proposal, address: str) -> tuple[Clause, list[str]] | None:
    """The one section ``address`` cites ("resolves 13", "the considering a) ii)") and the labels after its name
    (fillers such as "paragraph" left out), for the run readers of :mod:`~itu_nb.amendments.inserting` and
    :mod:`~itu_nb.amendments.striking`; None when no one section is named, or no label after it.
    """
    found = _sections(proposal, re.sub(r"^the\s+", "", _norm(address)))
    if len(found) != 1:
        return None
    node, rest = found[0]
    tokens = [t for t in _TOKEN.findall(rest) if t.strip("().").lower() not in _FILLER]
    return (node, tokens) if tokens else None


def _child(node: Clause, token: str, view: str, cites: Cites | None = None) -> list[Clause]:
    want = bare(token)
    if cites is not None and want:  # the first child whose label reads ``want``, found in C
        table = cites(node.children)
        if want in table:
            return [node.children[table.index(want)]]
    kids = [c for c in node.children if c.kind is not NodeKind.FOOTNOTE]
    by_label = [c for c in kids if c.exists_in(view) and c.label_in(view) and bare(c.label_in(view)) == want]
    if by_label:
        return by_label
    return [c for c in kids if component(c, node).lower() == token.lower()]


def _labels(node: Clause, view: str) -> str:
    labels = [label for c in node.children if c.exists_in(view) and (label := c.label_in(view))]
    if not labels:
        return "no labelled items"
    return f"{labels[0]} … {labels[-1]}" if len(labels) > 2 else " ".join(labels)


def resolve(proposal: Proposal, address: str | Clause, *, view: str = "amended") -> Clause:
    """The clause an address names.

    Parameters
    ----------
    proposal : Proposal
    address : str or Clause
        A path (``"considering/b#2"``) or a citation: a section keyword followed by
        labels (``"resolves 2"``, ``"considering c)"``, ``"instructs the
        Secretary-General 1 ii)"``), a section alone (``"bearing in mind"``), or
        ``"title"`` / ``"heading"`` / ``"formula"`` / ``"reasons"``.
    view : {"amended", "original"}
        The view whose labels a citation uses.

    Raises
    ------
    AddressError
        When nothing matches; the message lists the labels of the section that was
        found and the nearest existing addresses.

    Examples
    --------
    Brazil reletters considering c) as b), d) as c)…: "considering c)" names a different clause
    in each view.

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md")
    >>> resolve(doc["B/67/4"], "considering c)").path
    'considering/c'
    >>> resolve(doc["B/67/4"], "considering c)", view="original").path
    'considering/b#2'
    """
    return _resolve(proposal, address, view, None)


def _resolve(proposal: Proposal, address: str | Clause, view: str, cites: Cites | None) -> Clause:
    """:func:`resolve`, reading the labels of lists through ``cites`` when given (see :data:`Cites`)."""
    node, problem = _lookup(proposal, address, view, cites, True)
    if node is not None:
        return node
    near = _near(proposal, str(address), view)
    raise AddressError(
        f"{proposal.id}: no clause {address!r}" + (f": {problem}" if problem else "") + f"; near: {near}"
    )


def lookup(proposal: Proposal, address: str | Clause, cites: Cites | None = None) -> Clause | None:
    """The clause :func:`resolve` finds in the amended view, or None where it raises: for the run readers, which try
    addresses that may name nothing (the message :func:`resolve` words, with the nearest of every citation of the
    text, costs a pass over the whole text and a fuzzy match of each: 0.5 s on a list of 2,000 items).
    """
    return _lookup(proposal, address, "amended", cites, False)[0]


def _lookup(
    proposal: Proposal, address: str | Clause, view: str, cites: Cites | None, explain: bool
) -> tuple[Clause | None, str | None]:
    """The clause an address names (None: none), and (``explain``) what the last citation read found missing."""
    if isinstance(address, Clause):
        return address, None
    exact = find_path(proposal, address.strip())
    if exact is not None:
        return exact, None
    norm = _norm(address)
    norm = re.sub(r"^the\s+", "", norm)
    tried = [norm] if "/" not in norm else [norm, norm.replace("/", " ")]
    of = re.match(r"^(?P<labels>.+?)\s+of\s+(?:the\s+)?(?P<section>.+)$", norm)
    if of:  # "paragraph 2 of resolves" → "resolves paragraph 2"
        tried.append(f"{of.group('section')} {of.group('labels')}")
    problem = None
    for text in tried:
        for section, rest in _sections(proposal, text):
            node, ok = section, True
            for token in _TOKEN.findall(rest):
                if token.strip("().").lower() in _FILLER:
                    continue
                found = _child(node, token, view, cites)
                if not found and not explain:
                    ok = False
                    break
                if not found:
                    other = "original" if view == "amended" else "amended"
                    hint = [c.path for c in _child(node, token, other)]
                    also = f"; in the {other} view it is {hint[0]}" if hint else ""
                    problem = (
                        f"{cite(proposal, node, view)} has no {token} in the {view} view ({_labels(node, view)}){also}"
                    )
                    ok = False
                    break
                node = found[0]
            if ok:
                return node, None
    return None, problem
