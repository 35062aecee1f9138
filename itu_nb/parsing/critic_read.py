r"""Stage 2: CriticMarkup source text → pieces and lines of runs.

:func:`critic_lines` (and :func:`critic_runs`) read the marks ``{++ ++}``, ``{-- --}``, ``{~~ ~> ~~}``,
``{== ==}`` and ``{>> <<}`` in one linear pass: changes become runs (with their author and date when written
after them, :data:`ATTRIBUTION`), comments and highlights artefacts.  Split from :mod:`itu_nb.parsing.markup`
(session 19), code unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from functools import partial

from itu_nb.errors import LoadError, ParseError
from itu_nb.model import Artefact, Op, Run
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.line_split import Piece, _split_at_newlines, _split_highlighted
from itu_nb.parsing.stretches import take_stretch

#: CriticMarkup marks: opener → closer.
CRITIC_MARKS = {"{++": "++}", "{--": "--}", "{~~": "~~}", "{==": "==}", "{>>": "<<}"}
_OPENER = re.compile(r"\{(?:\+\+|--|~~|==|>>)")
#: Most steps of :func:`_scan` read text without "{" and a mark whole (a change, a comment, a highlight), many at
#: once (:func:`~itu_nb.parsing.stretches.take_stretch`); when that cannot (a mark with "{" in it, a "{" in the
#: text, an opener never closed) the loop takes one step itself.
#: A comment inside a change's text (``{++a{>>c<<}++}``): a comment artefact with the change's op.  So is a highlight
#: there: one of no characters, ``{++ne{====}w++}`` (:data:`EMPTY_HIGHLIGHT`), or with text, ``{--{==7==}--}`` or
#: ``{++a{==b==}c++}`` (Word: highlighted runs inside one ``w:del``; Akoma Ntoso: ``<del><inline
#: name="highlight">7</inline></del>``), hidden in the other view; the change's author and date follow its closer, as
#: ever.  A highlight around changes, ``{=={--7--}==}`` or ``{=={--a--}{>>@X<<}{--b--}{>>@Y<<}==}``, is one made
#: around them (EQUAL, each change keeping its own author and date; before session 20, one over one change's text
#: alone was read with that change's op, and in session 21 one over text of one op by several authors or dates).
#: Inside a change, a ``{==`` without its ``==}``, a ``==}`` without its ``{==`` and a ``{==`` inside an open
#: highlight are text.
_COMMENT_IN = re.compile(r"\{>>(.*?)<<\}|\{====\}|\{==|==\}", re.DOTALL)
#: A highlight of no characters made inside a change (Word: an empty highlighted run inside ``w:ins``; a decision
#: that took every character of a highlight made in a change) stands inside that change's mark, ``{++ne{====}w ++}``
#: or ``{++{====}++}``, and is read back with the change's op.  (``{====}`` elsewhere: a highlight of no characters.)
EMPTY_HIGHLIGHT = "{====}"


def looks_like_critic(text: str) -> bool:
    """True when the text holds a CriticMarkup mark that is closed."""
    m = _OPENER.search(text, 0, 2_000_000)
    return m is not None and text.find(CRITIC_MARKS[m.group(0)], m.end()) >= 0


#: A comment with its author and date, as the CriticMarkup writer stores them:
#: ``{>>@Author (2018-09-10): text<<}``, ``{>>@Author: text<<}`` (no date), ``{>>@ (2018-09-10): text<<}``
#: (no author); ``{>>@: text<<}`` is a plain comment whose text itself starts with ``@``.  Any other
#: comment is plain text without author or date.
COMMENT_BY = re.compile(r"@(?P<author>[^\n]*?)(?: \((?P<date>\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?)\))?: ")


#: A change's own author and date, in a comment right after its mark: ``{++x++}{>>@Author (2018-09-10)<<}``.
#: It sets the author and date of that change (both runs of ``{~~a~>b~~}``) and is no comment; the
#: CriticMarkup writer puts one after each change that has an author or a date, so a round trip keeps them
#: without ``author=``/``date=``.
ATTRIBUTION = re.compile(
    r"@(?P<author>(?:(?!: )[^\n])*?)(?: \((?P<date>\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?)\))?\Z"
)


#: A change's author and date and the name of the move it is part of (:attr:`~itu_nb.model.Run.move`), in the
#: comment right after its mark: ``{--text--}{>>@Brazil (2018-09-10) moved: m1<<}`` (``{>>@ moved: m1<<}`` with
#: neither): read as :data:`ATTRIBUTION` is, the runs of that change given the move's name too.  A CriticMarkup
#: tool shows it as a comment.  Only right after a change's closer, and only in this form (``@``, the author, the
#: date in brackets, `` moved: `` and the name to the end): a comment holding such words anywhere else, or
#: ``{>>@Brazil: moved: m1<<}`` (a comment by Brazil), stays a comment.
MOVED_BY = re.compile(
    r"@(?P<author>(?:(?!: )[^\n])*?)(?: \((?P<date>\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?)\))?"
    r" moved: (?P<move>[^\n]+)\Z"
)


_DATE = r"\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?"
#: Text one author inserted and another struck (a ``struck-insert`` artefact: Word's ``w:del`` inside ``w:ins``), as
#: the CriticMarkup writer stores it: a deletion followed by who struck it and who inserted it,
#: ``{--2 --}{>>@Ana (2026-12-05) struck @Brazil (2018-09-10)<<}`` (dates optional; an empty name for no author).  A
#: plain CriticMarkup reader sees deleted text and a comment; ours reads the artefact back, in neither view.
STRUCK_BY = re.compile(
    rf"@(?P<author>(?:(?!: )[^\n])*?)(?: \((?P<date>{_DATE})\))? struck "
    rf"@(?P<by>(?:(?!: )[^\n])*?)(?: \((?P<on>{_DATE})\))?\Z"
)


def struck_insert(text: str, inner: str) -> Artefact | None:
    """The ``struck-insert`` artefact of a deletion of ``text`` followed by ``{>>inner<<}``, None when ``inner`` is
    no :data:`STRUCK_BY` (or the deletion is empty).
    """
    m = STRUCK_BY.match(inner) if text and " struck @" in inner else None
    if m is None:
        return None
    by = (m.group("by") or None, m.group("on"))
    return Artefact("struck-insert", text, -1, None, Op.DELETE, m.group("author") or None, m.group("date"), 0, None, by)


#: How CriticMarkup writes the tracked mark of an empty paragraph (Word's ``w:pPr/w:rPr/w:ins`` or ``w:del`` on a
#: paragraph without text: a ``paragraph-mark`` artefact): an empty change followed by its author and date,
#: ``{++++}{>>@Brazil (2018-09-10)<<}`` (inserted) or ``{----}{>>@ (2018-09-10)<<}`` (deleted, no author).  An
#: empty change alone (the writer's header, ``{++++}``) stays nothing, as before.
PARAGRAPH_MARK = {Op.INSERT: "{++++}", Op.DELETE: "{----}"}


def comment_artefact(inner: str) -> Artefact:
    """The artefact of a CriticMarkup comment ``{>>inner<<}``: ``keys``, or ``comment`` with its author and date."""
    if inner.startswith(KEYS_COMMENT):
        return Artefact("keys", inner, line=-1)
    m = COMMENT_BY.match(inner)
    if m is None:
        return Artefact("comment", inner, line=-1)
    return Artefact("comment", inner[m.end() :], line=-1, author=m.group("author") or None, date=m.group("date"))


#: How an export stores clause keys in CriticMarkup: ``{>>itu_nb keys: ["<key>", …]<<}``, one key
#: per clause in reading order (see :func:`itu_nb.export.lines.keys_to_store`).
KEYS_COMMENT = "itu_nb keys: "


def stored_keys(artefacts) -> list | None:
    """The clause keys stored in a ``keys`` artefact (see :data:`KEYS_COMMENT`), None when there is none."""
    import json

    for art in artefacts:
        if art.kind == "keys":
            try:
                got = json.loads(art.text[len(KEYS_COMMENT) :])
            except ValueError:
                return None
            return got if isinstance(got, list) else None  # Proposal.with_keys checks the entries
    return None


def critic_runs(text: str, source: str, author: str | None = None, date: str | None = None) -> list[list[Piece]]:
    """Tokenise CriticMarkup into lines of runs, in one linear pass.

    ``{++x++}`` → insert, ``{--x--}`` → delete, ``{~~a~>b~~}`` → delete a, insert b,
    ``{==x==}`` → equal text and a ``highlight`` artefact over it (one per line; around changes too,
    ``{=={++x++}==}``; one made inside a change, ``{++{==x==}++}``, with that change's op), ``{>>c<<}`` → a
    ``comment`` artefact (with its author and date when written as :data:`COMMENT_BY` says), except
    right after a change, where ``{>>@Author (date)<<}`` gives that change its author and date
    (:data:`ATTRIBUTION`); a comment inside a change (``{++text{>>c<<}++}``, a Word comment on
    inserted text) is a ``comment`` artefact with the change's op.
    A mark may span lines: it is cut at each line break.  An opener without its closer
    raises :class:`ParseError` naming the line.
    """
    return [
        [Run(Op.EQUAL, line)] if line.__class__ is str else line for line in critic_lines(text, source, author, date)
    ]


def critic_lines(text: str, source: str, author: str | None = None, date: str | None = None) -> list:
    """:func:`critic_runs`, but a line that is one equal run of text without marks is given as that text (a ``str``).

    Most lines of a proposal are such lines, inside the text between two marks: the parser reads them
    as strings (:meth:`~itu_nb.parsing.tree.SourceLine.plain`), and no run is made for them here.
    """
    _check_notes(text, source)
    # runs are immutable: equal ones are one object (a million "{++a++}" are a million equal runs); so are the
    # pieces of equal changes ("memo", by their text: stretches.take_stretch), and the signed runs ("signed")
    shared: dict = {Op.EQUAL: {}, Op.INSERT: {}, Op.DELETE: {}, "signed": {}, "signers": {}, "memo": {}, "odd": set()}
    shared["plain"] = []  # (start, end) of each stretch of pieces of some text without a line break
    # where the next comment or highlight that a stretch cannot read stands (stretches.STOP): none known until the
    # reader's loop reads one (a text without them is not searched for them), then each looked for once
    shared["stop"] = [len(text)]
    pieces = _scan(text, 0, len(text), source, author, date, True, shared)
    split = _split_highlighted if "{==" in text else _split_at_newlines
    return split(pieces, shared["plain"])


#: The most comments and highlights (``{>>…<<}``, ``{==…==}``) one CriticMarkup text may hold: each is an object
#: of its own in the tree, and a text of a million took 7 s and 480 MB to load, where the budget of issue 17 is
#: 2 s and 300 MB; 100,000 load in about a second.  A text beyond it is refused (:class:`LoadError`), never read
#: in part.  Changes are not counted: a million ``{++a++}`` load within the budget.
MAX_NOTES = 100_000


def _check_notes(text: str, source: str) -> None:
    """Raise :class:`LoadError` when ``text`` holds more than :data:`MAX_NOTES` comments and highlights.

    Counted from the openers, in C, before anything is read: every ``{==`` and ``{>>`` but those right after a
    change that start with ``@`` (``++}{>>@``…: the change's author and date, :data:`ATTRIBUTION`, which are no
    comment).  An opener written as text inside another mark (``{=={==x==}``) counts too.
    """
    count, comments = text.count("{=="), text.count("{>>")
    if count + comments <= MAX_NOTES:
        return
    count += comments - sum(text.count(closer + "{>>@") for closer in ("++}", "--}", "~~}"))
    if count > MAX_NOTES:
        raise LoadError(
            source,
            f"{count:,} CriticMarkup comments and highlights, more than the {MAX_NOTES:,} a text may hold "
            "(each is an object of its own when loaded); split the text, a proposal or a few to a file",
        )


def _scan(text: str, lo: int, hi: int, source: str, author, date, top: bool, shared) -> list[Piece]:
    """The pieces of ``text[lo:hi]``; inside a highlight (``top`` False) ``{==`` is text.

    ``shared`` maps op → text → the one Run object of that text (runs are immutable), and holds what
    :func:`critic_lines` says besides.
    """
    pieces: list[Piece] = []
    append = pieces.append

    def run(op: Op, inner: str) -> Run:
        return _shared_run(op, inner, author, date, shared)

    def change(op: Op, inner: str) -> None:
        _change(pieces, op, inner, author, date, shared)

    change_from, change_at = 0, -1  # where the pieces of the last change mark start, and where it closed
    signed = shared["signed"]  # (op, text, author, date) → the run with that author and date: one object each

    marker = partial(_marker, author, date, shared)  # positional: no keywords to pass each call
    search, find, marks, memo, odd = _OPENER.search, text.find, CRITIC_MARKS, shared["memo"], shared["odd"]
    plain = shared["plain"] if top else None  # stretches of pieces that _split_at_newlines takes as they are
    pos = lo
    armed = shared.setdefault("armed", False)  # whether the next comment or highlight is looked for
    while True:
        # the usual steps, many at once: text without "{", then a mark read whole (stretches.MARKER)
        if pos != change_at or not text.startswith("{>>", pos):  # else a comment right after a change read here
            pos, last = take_stretch(text, pos, hi, pieces, marker, memo, odd, plain, shared["stop"])
        else:
            last = None
        if last is not None:
            # a change whose closer ends the stretch may have its author and date next (not so a comment or highlight)
            change_from, change_at = len(pieces) - len(memo[last]), pos if last[-3:] in _CLOSERS else -1
        m = search(text, pos, hi)
        if m is None:
            break
        opener = m.group(0)
        start = m.start()
        if opener == "{==" and not top:
            append(run(Op.EQUAL, text[pos : m.end()]))
            pos = m.end()
            continue
        end = find(marks[opener], start + 3, hi)
        if end < 0:
            line = text.count("\n", 0, start) + 1
            raise ParseError(source, f"line {line}: CriticMarkup {opener!r} is never closed")
        if start > pos:
            append(run(Op.EQUAL, text[pos:start]))
        inner = text[start + 3 : end]
        if opener in ("{++", "{--", "{~~"):
            change_from, change_at = len(pieces), end + 3
        if opener == "{++":
            change(Op.INSERT, inner)
        elif opener == "{--":
            change(Op.DELETE, inner)
        elif opener == "{~~":
            old, arrow, new = inner.partition("~>")
            if not arrow:
                line = text.count("\n", 0, start) + 1
                raise ParseError(source, f"line {line}: CriticMarkup substitution without '~>'")
            change(Op.DELETE, old)
            change(Op.INSERT, new)
        elif opener == "{==":  # changes and comments inside a highlight are read too
            if not armed:
                armed = shared["armed"] = True
                shared["stop"][0] = -1  # comments and highlights are read: the next one is looked for
            if find("{", start + 3, end) < 0:  # plain text inside (the usual highlight): no scan of its own
                append(Artefact("highlight", "", -1, None, Op.EQUAL, None, None, end - start - 3))
                if end > start + 3:
                    append(run(Op.EQUAL, text[start + 3 : end]))
                pos = end + 3
                continue
            inside = _scan(text, start + 3, end, source, author, date, False, shared)
            size = sum(len(p.text) for p in inside if isinstance(p, Run))
            pieces += [Artefact("highlight", "", line=-1, op=_EQUAL, length=size), *inside]
        else:
            # right after a change's closer: its author and date (for its runs; a comment inside it keeps its own)
            by = (ATTRIBUTION.match(inner) or MOVED_BY.match(inner)) if start == change_at else None
            made = pieces[change_from:]
            if by is not None and len(made) == 1 and isinstance(made[0], Run) and made[0].op is Op.DELETE:
                struck = struck_insert(made[0].text, inner)  # {--2 --}{>>@Ana (…) struck @Brazil (…)<<}
                if struck is not None:
                    pieces[change_from:] = [struck]
                    pos = end + 3
                    continue
            if by is not None:
                a, d = by.group("author") or None, by.group("date")
                move = by.groupdict().get("move")  # (MOVED_BY: the move the change is part of)
                made = pieces[change_from:]
                if len(made) == 1 and isinstance(made[0], Run) and not made[0].text:
                    # an empty change with its author and date, {++++}{>>@Brazil (2018-09-10)<<}: an empty
                    # paragraph inserted or deleted (PARAGRAPH_MARK)
                    pieces[change_from:] = [Artefact("paragraph-mark", "", -1, None, made[0].op, a, d, move=move)]
                    pos = end + 3
                    continue
                pieces[change_from:] = [
                    _signed(r, a, d, signed, move) if isinstance(r, Run) else r for r in pieces[change_from:]
                ]
            else:
                append(comment_artefact(inner))
                if not armed:
                    armed = shared["armed"] = True
                    shared["stop"][0] = -1  # as for a highlight
        pos = end + 3
    if pos < hi:
        append(run(Op.EQUAL, text[pos:hi]))
    return pieces


def _marker(author, date, shared, mark: str) -> tuple:
    """The pieces of one mark read whole (:data:`~itu_nb.parsing.stretches.MARKER`), as :func:`_scan` reads it.

    A change: its runs (shared by text, ``shared``), or a paragraph mark for an empty change with its author and
    date; a comment right after it (``{>>@…<<}``) gives its runs their author and date (:data:`ATTRIBUTION`), or is
    a comment when it is none.  A comment alone: its artefact; a highlight: its artefact, then its text's run.
    """
    head = mark[:3]
    if head == "{==":  # a highlight without "{" in it: the highlight, then its text (none when empty)
        inner = mark[3:-3]
        lit = Artefact("highlight", "", -1, None, _EQUAL, None, None, len(inner))
        return (lit, _shared_run(_EQUAL, inner, author, date, shared)) if inner else (lit,)
    if head == "{>>":  # a comment alone (not right after a change)
        return (comment_artefact(mark[3:-3]),)
    signed_by = None
    if mark[-3:] == "<<}":  # a comment right after it, without "{" (MARKER): the last "{>>"
        at = mark.rfind("{>>")
        mark, signed_by = mark[:at], mark[at + 3 : -3]
    inner = mark[3:-3]
    out: list[Piece] = []
    if mark[1] == "~":  # a substitution (one "~>", no "{"): its deleted run, then its inserted one (each kept if empty)
        old, new = inner.split("~>")
        out += (_shared_run(_DELETE, old, author, date, shared), _shared_run(_INSERT, new, author, date, shared))
    elif "{" in inner:
        _change(out, _INSERT if mark[1] == "+" else _DELETE, inner, author, date, shared)
    else:  # the usual change: one run (_shared_run, inline)
        op = _INSERT if mark[1] == "+" else _DELETE
        made = shared[op]
        got = made.get(inner)
        if got is None:
            got = made[inner] = make_run(op, inner, author, date)
        if signed_by is None:
            return (got,)
        out.append(got)
    if signed_by is None:
        return tuple(out)
    if len(out) == 1 and isinstance(out[0], Run) and out[0].op is _DELETE and " struck @" in signed_by:
        struck = struck_insert(out[0].text, signed_by)  # {--2 --}{>>@Ana (…) struck @Brazil (…)<<}
        if struck is not None:
            return (struck,)
    signers = shared["signers"]
    if signed_by in signers:
        who = signers[signed_by]
    else:
        m = ATTRIBUTION.match(signed_by) or MOVED_BY.match(signed_by)
        who = signers[signed_by] = (
            (m.group("author") or None, m.group("date"), m.groupdict().get("move")) if m else None
        )
    if who is None:
        out.append(comment_artefact(signed_by))
    elif len(out) == 1 and isinstance(out[0], Run) and not out[0].text:
        # an empty change with its author and date, {++++}{>>@Brazil (2018-09-10)<<}: an empty
        # paragraph inserted or deleted (PARAGRAPH_MARK)
        out[0] = Artefact("paragraph-mark", "", -1, None, out[0].op, who[0], who[1], move=who[2])  # (moved: its move)
    else:
        out = [_signed(r, who[0], who[1], shared["signed"], who[2]) if isinstance(r, Run) else r for r in out]
    return tuple(out)


def _shared_run(op: Op, inner: str, author, date, shared) -> Run:
    """The one run of ``inner`` with ``op`` (``author`` and ``date`` for a change) in this reading (``shared``)."""
    made = shared[op]
    got = made.get(inner)
    if got is None:
        got = made[inner] = make_run(op, inner, author, date) if op is not _EQUAL else make_run(op, inner)
    return got


#: How a change's mark ends (a comment read with it ends in "<<}").
_CLOSERS = ("++}", "--}", "~~}")

# the ops as module names (``Op.INSERT`` looks the enum's member up each time it is read)
_EQUAL, _INSERT, _DELETE = Op.EQUAL, Op.INSERT, Op.DELETE


def _change(out: list, op: Op, inner: str, author, date, shared) -> None:
    """Append the pieces of a change's text ``inner``: its runs, and the comments (``{++a{>>c<<}++}``) and
    highlights (``{++a{==b==}c++}``, ``{++ne{====}w++}``: :data:`_COMMENT_IN`) in it, with its op.
    """
    if "{>>" not in inner and "{==" not in inner:
        out.append(_shared_run(op, inner, author, date, shared))
        return
    tokens = list(_COMMENT_IN.finditer(inner))
    paired: set[int] = set()  # the indexes in tokens of each "{==" and the "==}" that closes it (the others are text)
    opened = -1
    for k, m in enumerate(tokens):
        if m.group(0) == "{==" and opened < 0:
            opened = k
        elif m.group(0) == "==}" and opened >= 0:
            paired.update((opened, k))
            opened = -1
    at = 0  # where the text not yet appended starts
    lit = -1  # the index in ``out`` of the highlight open
    size = 0  # the characters of the change's text in it so far
    for k, m in enumerate(tokens):
        token = m.group(0)
        if token in ("{==", "==}") and k not in paired:
            continue
        if m.start() > at:
            text = inner[at : m.start()]
            out.append(_shared_run(op, text, author, date, shared))
            size += len(text)
        if token == "{==":  # its length known at its closer
            lit, size = len(out), 0
            out.append(None)
        elif token == "==}":
            out[lit] = Artefact("highlight", "", -1, None, op, None, None, size)
        elif m.group(1) is None:  # {====}
            out.append(Artefact("highlight", "", -1, None, op))
        else:
            out.append(dataclasses.replace(comment_artefact(m.group(1)), op=op))
        at = m.end()
    if at < len(inner) or not at:
        out.append(_shared_run(op, inner[at:], author, date, shared))


def _signed(r: Run, author: str | None, date: str | None, made: dict, move: str | None = None) -> Run:
    """``r`` with ``author`` and ``date`` (a change's own, :data:`ATTRIBUTION`) and ``move`` (:data:`MOVED_BY`), one
    object per distinct result.
    """
    key = (r.op, r.text, author, date, move)  # a run read from CriticMarkup is not inferred
    got = made.get(key)
    if got is None:
        got = made[key] = make_run(r.op, r.text, author, date, False, move)
    return got
