r"""Stage 2: source text → lines of runs, with inline artefacts taken out.

After :func:`critic_runs` or :func:`plain_runs` every line is a list of :class:`Run`
(the ``"\n"`` between lines is never inside a run).  After :func:`extract_artefacts`
the runs of a line hold no extraction artefact (``[bookmark: …]``, ``[footnoteRef:…]``, ``[endnoteRef:…]``
(the .docx reader's mark of an endnote), footnote bodies ``[1: …]``); each artefact is kept with its offset so that the line
can be rebuilt exactly.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import partial

from itu_nb.errors import LoadError, ParseError
from itu_nb.model import Artefact, Op, Run
from itu_nb.model.note_source import MARKER, NOTE_HEAD
from itu_nb.parsing import escapes
from itu_nb.parsing.escapes import body_opener, names_a_note, note_names, unescape
from itu_nb.parsing.frozen import run as make_run
from itu_nb.parsing.offsets import placed
from itu_nb.parsing.stretches import take_stretch

#: CriticMarkup marks: opener → closer.
CRITIC_MARKS = {"{++": "++}", "{--": "--}", "{~~": "~~}", "{==": "==}", "{>>": "<<}"}
_OPENER = re.compile(r"\{(?:\+\+|--|~~|==|>>)")
#: Most steps of :func:`_scan` read text without "{" and a mark whole (a change, a comment, a highlight), many at
#: once (:func:`~itu_nb.parsing.stretches.take_stretch`); when that cannot (a mark with "{" in it, a "{" in the
#: text, an opener never closed) the loop takes one step itself.
#: A comment inside a change's text (``{++a{>>c<<}++}``): a comment artefact with the change's op; a highlight of
#: no characters there (``{++ne{====}w++}``, :data:`EMPTY_HIGHLIGHT`): a highlight artefact with the change's op.
_COMMENT_IN = re.compile(r"\{>>(.*?)<<\}|\{====\}", re.DOTALL)
#: A highlight of no characters made inside a change (Word: an empty highlighted run inside ``w:ins``; a decision
#: that took every character of a highlight made in a change) stands inside that change's mark, ``{++ne{====}w ++}``
#: or ``{++{====}++}``, and is read back with the change's op.  (``{====}`` elsewhere: a highlight of no characters.)
EMPTY_HIGHLIGHT = "{====}"

_INLINE = (
    r"\[(?:(?P<bookmark>bookmark: [^\]\n]*\])"  # (one "[" before the alternatives: a search for it alone)
    # a reference by number ("[footnoteRef:1]1" in Doc 67: the number kept after it) or by another marker ("*")
    r"|(?P<ref>(?:foot|end)noteRef:(?:(?P<refno>\d+)\](?:(?P=refno)(?!\d))?|" + MARKER + r"\]))"
    r"|(?P<body>(?P<bodyno>\d+):[ \t])"  # a footnote body: its end is the matching "]"
)
INLINE_ARTEFACTS = re.compile(_INLINE + ")")
#: The same, and the body of a note whose marker is no number (``[*: ``: read so in a line that references it,
#: :func:`itu_nb.parsing.escapes.note_names`).
_INLINE_NAMED = re.compile(_INLINE + r"|(?P<named>(?P<name>" + MARKER + r"):[ \t]))")

#: A piece of a line: a run of text, or a comment to keep as an annotation.
Piece = Run | Artefact


def looks_like_critic(text: str) -> bool:
    """True when the text holds a CriticMarkup mark that is closed."""
    m = _OPENER.search(text, 0, 2_000_000)
    return m is not None and text.find(CRITIC_MARKS[m.group(0)], m.end()) >= 0


def plain_runs(lines: list[str]) -> list[list[Piece]]:
    """Every line as one equal run."""
    return [[Run(Op.EQUAL, line)] if line else [] for line in lines]


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
    ``{==x==}`` → equal text and a ``highlight`` artefact over it (one per line; over one change's text
    alone, ``{=={++x++}==}``, with that change's op, as made inside it), ``{>>c<<}`` → a
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
            ops = {p.op for p in inside if isinstance(p, Run) and p.text}  # one change's text only: made in it
            op = ops.pop() if len(ops) == 1 else Op.EQUAL
            pieces += [Artefact("highlight", "", line=-1, op=op, length=size), *inside]
        else:
            # right after a change's closer: its author and date (for its runs; a comment inside it keeps its own)
            by = ATTRIBUTION.match(inner) if start == change_at else None
            if by is not None:
                a, d = by.group("author") or None, by.group("date")
                made = pieces[change_from:]
                if len(made) == 1 and isinstance(made[0], Run) and not made[0].text:
                    # an empty change with its author and date, {++++}{>>@Brazil (2018-09-10)<<}: an empty
                    # paragraph inserted or deleted (PARAGRAPH_MARK)
                    pieces[change_from:] = [Artefact("paragraph-mark", "", -1, None, made[0].op, a, d)]
                    pos = end + 3
                    continue
                pieces[change_from:] = [
                    _signed(r, a, d, signed) if isinstance(r, Run) else r for r in pieces[change_from:]
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
    signers = shared["signers"]
    if signed_by in signers:
        who = signers[signed_by]
    else:
        m = ATTRIBUTION.match(signed_by)
        who = signers[signed_by] = (m.group("author") or None, m.group("date")) if m else None
    if who is None:
        out.append(comment_artefact(signed_by))
    elif len(out) == 1 and isinstance(out[0], Run) and not out[0].text:
        # an empty change with its author and date, {++++}{>>@Brazil (2018-09-10)<<}: an empty
        # paragraph inserted or deleted (PARAGRAPH_MARK)
        out[0] = Artefact("paragraph-mark", "", -1, None, out[0].op, who[0], who[1])
    else:
        out = [_signed(r, who[0], who[1], shared["signed"]) if isinstance(r, Run) else r for r in out]
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
    highlights of no characters (``{++a{====}++}``) in it, with its op.
    """
    if "{>>" not in inner and "{====}" not in inner:
        out.append(_shared_run(op, inner, author, date, shared))
        return
    at = 0
    for m in _COMMENT_IN.finditer(inner):
        if m.start() > at:
            out.append(_shared_run(op, inner[at : m.start()], author, date, shared))
        if m.group(1) is None:  # {====}
            out.append(Artefact("highlight", "", -1, None, op))
        else:
            out.append(dataclasses.replace(comment_artefact(m.group(1)), op=op))
        at = m.end()
    if at < len(inner) or not at:
        out.append(_shared_run(op, inner[at:], author, date, shared))


def _signed(r: Run, author: str | None, date: str | None, made: dict) -> Run:
    """``r`` with ``author`` and ``date`` (a change's own, :data:`ATTRIBUTION`), one object per distinct result."""
    key = (r.op, r.text, author, date)  # a run read from CriticMarkup is neither inferred nor moved
    got = made.get(key)
    if got is None:
        got = made[key] = make_run(r.op, r.text, author, date)
    return got


def _split_at_newlines(pieces: list[Piece], plain: list[tuple[int, int]] = ()) -> list:  # type: ignore[assignment]
    """The pieces cut into lines, when no highlight is among them (else :func:`_split_highlighted`).

    A line that a piece of equal text without author, date or flag holds whole (between two of its
    line breaks) is that text, a ``str``; every other line is a list of pieces.  ``plain``: (start, end)
    of stretches of pieces known to be of some text without a line break (in order, not overlapping).
    """
    # the pieces to look at (a line break in them, or an empty run to drop); the others are
    # taken over in slices, as they are
    odd: list[int] = []
    at = 0
    for start, end in (*plain, (len(pieces), len(pieces))):
        odd += [i for i in range(at, start) if not pieces[i].text or "\n" in pieces[i].text]
        at = end
    lines: list = [[]]
    done = 0
    for i in odd:
        lines[-1].extend(pieces[done:i])
        done = i + 1
        piece = pieces[i]
        if isinstance(piece, Artefact):
            lines[-1].append(piece)
            continue
        parts = piece.text.split("\n")
        op, who, when, flag, move = piece.op, piece.author, piece.date, piece.inferred, piece.move
        if parts[0]:
            lines[-1].append(make_run(op, parts[0], who, when, flag, move))
        if len(parts) == 1:
            continue
        if op is Op.EQUAL and who is None and when is None and not flag and move is None:
            lines += [part or [] for part in parts[1:-1]]  # whole lines of plain text: as strings
        else:
            lines += [[make_run(op, part, who, when, flag, move)] if part else [] for part in parts[1:-1]]
        lines.append([make_run(op, parts[-1], who, when, flag, move)] if parts[-1] else [])
    lines[-1].extend(pieces[done:])
    return lines


def _split_highlighted(pieces: list[Piece], plain: list[tuple[int, int]] = ()) -> list[list[Piece]]:  # type: ignore[assignment]
    """The pieces cut into lines; a highlight over a line break is cut too, one per line (``length``
    counts the characters of the runs it covers on its line).  ``plain``: as for :func:`_split_at_newlines`;
    such a stretch is taken as it is when no highlight is open before it (one made in a change there covers
    no character).
    """
    lines: list[list[Piece]] = [[]]
    lit: list = []  # the open highlight: [line, index in the line, characters still to cover, covered]
    cuts, at = [], 0  # (start, end, plain) of each stretch of pieces, in order
    for start, end in plain:
        cuts += [(at, start, False), (start, end, True)]
        at = end
    cuts.append((at, len(pieces), False))
    for start, end, whole in cuts:
        if whole and not (lit and lit[2] > 0):
            lines[-1] += pieces[start:end]
            continue
        _cut_highlighted(pieces[start:end], lines, lit)
    return lines


def _cut_highlighted(pieces: list[Piece], lines: list[list[Piece]], lit: list) -> None:
    """The loop of :func:`_split_highlighted` over ``pieces``, adding to ``lines``; ``lit``: the open highlight."""
    for piece in pieces:
        if isinstance(piece, Artefact):
            if piece.kind == "highlight":
                lit[:] = [lines[-1], len(lines[-1]), piece.length, 0]
            lines[-1].append(piece)
            continue
        if "\n" not in piece.text:  # the piece stays whole on its line (the usual case): no copy of it
            if piece.text:
                lines[-1].append(piece)
            if lit and lit[2] > 0:
                took = min(len(piece.text), lit[2])
                lit[2] -= took
                lit[3] += took
                if not lit[2] and lit[3] != lit[0][lit[1]].length:
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])
            continue
        parts = piece.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                if lit and lit[2] > 0:  # the highlight goes on after the line break: close it, open one after
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])
                    lit[2] -= 1
                lines.append([])
                if lit and lit[2] > 0:
                    lines[-1].append(Artefact("highlight", "", line=-1, length=lit[2]))
                    lit[:] = [lines[-1], 0, lit[2], 0]
            if part:
                lines[-1].append(make_run(piece.op, part, piece.author, piece.date, piece.inferred, piece.move))
            if lit and lit[2] > 0:
                took = min(len(part), lit[2])
                lit[2] -= took
                lit[3] += took
                if not lit[2] and lit[3] != lit[0][lit[1]].length:
                    lit[0][lit[1]] = _with_length(lit[0][lit[1]], lit[3])


def _with_length(art: Artefact, length: int) -> Artefact:
    """``art`` with another ``length`` (the constructor: ``dataclasses.replace`` costs several times more)."""
    return Artefact(art.kind, art.text, art.line, art.offset, art.op, art.author, art.date, length, art.anchor)


def extract_artefacts(pieces: list[Piece], line: int, escaped: bool = False) -> tuple[list[Run], list[Artefact]]:
    r"""Take inline artefacts out of one line's runs.

    Returns the runs (artefact text removed) and the artefacts, each with ``offset``
    = the position in the joined text of the returned runs where it stood.  ``escaped`` (CriticMarkup): text
    escaped so as not to read as an artefact (``[\1: x]``) is read as the text it stands for
    (:func:`itu_nb.parsing.escapes.unescape`), each backslash taken out counted as an artefact's text is, and so is
    a note body's text (brackets escaped in it: :func:`itu_nb.parsing.escapes.note_removals`).  A note whose marker
    is no number has its body read in a line that references it (``[footnoteRef:*][*: …]``).
    """
    if len(pieces) > 8 and (got := placed(pieces, line)) is not None:  # no "[": no inline artefact (a long line)
        return got
    names = _NO_NAMES
    for p in pieces:
        if "noteRef:" in p.text and p.__class__ is Run and names_a_note(p.text):  # (by a marker that is no number)
            names = note_names(p.text for p in pieces if p.__class__ is Run)
            break
    opens = body_opener(names) if names else _BODY_OPEN
    if len(pieces) > 1 and any(isinstance(p, Run) and "[" in p.text and opens.search(p.text) for p in pieces):
        pieces = _note_comments_after(pieces, escaped, names)  # a note that comments or changes cut: made whole again
    inline = _INLINE_NAMED if names else INLINE_ARTEFACTS
    runs: list[Run] = []
    arts: list[Artefact] = []
    pos = 0
    shift = 0  # characters taken out so far
    taken: list[tuple[int, int]] = []  # (start, length) before extraction of each artefact taken out of the text
    lit: list[tuple[int, int]] = []  # (index in arts, start before extraction) of each highlight
    for piece in pieces:
        if isinstance(piece, Artefact):
            if piece.kind in IN_NOTE:  # its offset is in its note's text (_note_comments_after)
                arts.append(dataclasses.replace(piece, line=line))
                continue
            if piece.kind == "highlight":
                lit.append((len(arts), pos + shift))
            # the constructor, not dataclasses.replace (several times dearer; a million comments or highlights)
            arts.append(
                Artefact(
                    piece.kind, piece.text, line, pos, piece.op, piece.author, piece.date, piece.length, piece.anchor
                )
            )
            continue
        if "[" not in piece.text:  # no artefact can start here: the run as it is
            if piece.text:
                runs.append(piece)
                pos += len(piece.text)
            continue
        last = 0
        closing = _closings(piece.text, escaped, opens) if escaped else _closing_brackets(piece.text)
        for m in inline.finditer(piece.text):
            if m.start() < last:
                continue
            body = m.group("body")
            if names and m.lastgroup == "named":
                if m.group("name") not in names:
                    continue
                body = m.group("named")
            end = m.end()
            if body:
                if m.start() not in closing:
                    continue  # "[1: " never closed on this line: ordinary text
                end = closing[m.start()] + 1
            before = piece.text[last : m.start()]
            if escaped and "[\\" in before:
                before, gone = _literal(before, pos + shift, taken, names)
                shift += gone
            if before:
                runs.append(make_run(piece.op, before, piece.author, piece.date, piece.inferred))
                pos += len(before)
            kind = "bookmark" if m.group("bookmark") else "footnote-ref" if m.group("ref") else "footnote-body"
            who = (piece.author, piece.date) if piece.op is not Op.EQUAL else (None, None)  # a tracked note's change
            text = piece.text[m.start() : end]
            if body and escaped and "\\" in text:
                text = _unescaped_body(text, names)
            if kind == "footnote-body" and PARAGRAPH_BREAK in text:
                text = text.replace(PARAGRAPH_BREAK, "\n")  # a note's paragraph break, as the writer puts it
            arts.append(Artefact(kind, text, line, pos, piece.op, *who))
            taken.append((pos + shift, end - m.start()))
            shift += end - m.start()
            last = end
        rest = piece.text[last:]
        if escaped and "[\\" in rest:
            rest, gone = _literal(rest, pos + shift, taken, names)
            shift += gone
        if rest:
            runs.append(make_run(piece.op, rest, piece.author, piece.date, piece.inferred))
            pos += len(rest)
    if taken and lit:  # a highlight's length counts the text left once the artefacts in it are out
        _shorten_highlights(arts, lit, taken)
    return runs, arts


def _literal(text: str, at: int, taken: list[tuple[int, int]], names: frozenset[str]) -> tuple[str, int]:
    """``text`` (standing at ``at`` before extraction) unescaped, each backslash taken out added to ``taken``."""
    text, places = unescape(text, names)
    taken += [(at + i, 1) for i in places]
    return text, len(places)


def _closings(text: str, escaped: bool, opens: re.Pattern[str], skipped: set[int] | None = None) -> dict[int, int]:
    """:func:`_closing_brackets`, or in CriticMarkup with a backslash in ``text``
    :func:`~itu_nb.parsing.escapes.closings` (a bracket escaped inside a note body is text; ``opens``: a body's start).
    """
    if escaped and "\\" in text:
        return escapes.closings(text, {m.start() for m in opens.finditer(text)}, skipped)
    return _closing_brackets(text)


def _unescaped_body(text: str, names: frozenset[str]) -> str:
    r"""A note body as written in CriticMarkup (``[1: C:\dir\\]``) as the text it stands for (``[1: C:\dir\]``)."""
    head = NOTE_HEAD.match(text)
    if head is None:
        return text
    return text[: head.end()] + escapes.unescape_note([text[head.end() :]], names)[0]


def _shorten_highlights(arts: list[Artefact], lit: list[tuple[int, int]], taken: list[tuple[int, int]]) -> None:
    """Take from each highlight's ``length`` the artefacts wholly inside it (``taken``: (start, length), in order).

    Binary searches over the artefacts' starts and a running sum of their lengths, so that a line of many
    highlights and many bookmarks stays linear: those inside ``[start, end)`` are a slice of ``taken``, and of
    these, the ones that also end by ``end`` are all but perhaps the last (artefacts do not overlap).
    """
    starts = [at for at, _ in taken]
    sums = [0]
    for _, n in taken:
        sums.append(sums[-1] + n)
    for i, start in lit:
        art = arts[i]
        end = start + art.length
        lo = bisect_left(starts, start)
        hi = bisect_right(starts, end)
        if hi > lo and starts[hi - 1] + taken[hi - 1][1] > end:
            hi -= 1  # the last one starts inside but ends after: not inside
        inside = sums[hi] - sums[lo]
        if inside:
            arts[i] = _with_length(art, max(art.length - inside, 0))


#: The artefacts of a note's text that stand after its body in its host's line (or in the note's own line), their
#: ``offset`` counted in the note's text from its ``[`` (:func:`_note_comments_after`; the .docx reader gives the
#: same): a highlight inside the note and a comment inside it.  The tree makes each a ``highlight`` or ``comment``
#: of the FOOTNOTE node (:func:`itu_nb.parsing.footnotes.add_footnotes`, :func:`itu_nb.parsing.notes.attach_bodies`):
#: each kind maps to what it is there.
IN_NOTE = {"footnote-highlight": "highlight", "footnote-comment": "comment"}


def _note_comments_after(
    pieces: list[Piece], escaped: bool = False, names: frozenset[str] = frozenset()
) -> list[Piece]:
    """The pieces with each footnote body that comments or changes cut made whole again.

    A body cut by comments alone (``[1: See {>>c<<}Resolution 71.]``) becomes one run again, each comment a
    ``footnote-comment`` artefact right after it (with its text, author, date and op), its ``offset`` counted from
    the note's ``[`` as a highlight's: the tree makes it a ``comment`` of the FOOTNOTE node at its place in the
    note's text, as the .docx reader reads a Word comment inside a footnote.  A body of equal text with changes in it (``[1: See {--71--}{++72++}]``)
    becomes a ``footnote-body`` artefact holding its start (``[1: See ``) followed by one ``footnote-part``
    artefact per run of the rest, each with its run's op, author and date (``71`` deleted, ``72`` inserted,
    ``]`` equal), then its comments: joined in each view they give that view's note, and the tree makes them
    one FOOTNOTE node whose runs carry the changes (:func:`note_parts`).  A highlight inside a note
    (``[1: See {==71==}]``) is a ``footnote-highlight`` artefact after the note's body (and parts), its
    ``offset`` counted from the note's ``[`` (its own ``offset``, which :func:`extract_artefacts` keeps) and
    its ``length`` ending at the latest before the closing ``]``: the tree makes it a ``highlight`` of the
    FOOTNOTE node, offset in the note's text.  Without this the body was no footnote but text of the clause.
    ``escaped`` (CriticMarkup): brackets escaped in a note's text are text (:mod:`itu_nb.parsing.escapes`), and
    offsets count the text they stand for; ``names``: the markers that are no number whose bodies are read.
    """
    opens = body_opener(names) if names else _BODY_OPEN
    out: list[Piece] = []
    i, n = 0, len(pieces)
    while i < n:
        piece = pieces[i]
        i += 1
        if not isinstance(piece, Run) or "[" not in piece.text or not opens.search(piece.text):
            out.append(piece)
            continue
        skipped: set[int] = set()  # brackets escaped inside a body (text, as no body's start)
        closing = _closings(piece.text, escaped, opens, skipped) if escaped else _closing_brackets(piece.text)
        opener = next(
            (m for m in opens.finditer(piece.text) if m.start() not in closing and m.start() not in skipped), None
        )
        if opener is None:
            out.append(piece)
            continue
        carry = escapes.trailing(piece.text) if escaped else 0  # the backslashes ending the note's text so far
        if escaped:  # (from after "[N: ", which holds no bracket but its "[")
            tail = piece.text[opener.end() :]
            depth = 1 + sum(1 if b == "[" else -1 for _, b in _counted(tail, len(tail), 0, escaped))
        else:
            depth = piece.text.count("[", opener.start()) - piece.text.count("]", opener.start())
        texts: list[Run] = [piece]  # the note's runs: its host's (equal to ``piece``) and its changes
        comments, rest, j = [], None, i
        lit: list[Artefact] = []  # the highlights inside the note, offset from its "["
        size = len(piece.text) - opener.start()  # the note's text so far, from its "[" (texts' lengths, summed)
        while j < n and rest is None:
            q = pieces[j]
            if isinstance(q, Artefact) and q.kind == "comment":
                comments.append(dataclasses.replace(q, kind="footnote-comment", offset=size))
            elif isinstance(q, Run) and (q.op, q.author, q.date) == (piece.op, piece.author, piece.date):
                # a note's text holds no other note: another note's opener ends the search (so each piece is
                # searched from one opener at most, and a line of a million unclosed "[1: " stays linear)
                other = opens.search(q.text)
                for at, b in _counted(q.text, other.start() if other else len(q.text), carry, escaped):
                    depth += 1 if b == "[" else -1
                    if not depth:
                        texts.append(q.with_text(q.text[: at + 1]))
                        rest = q.text[at + 1 :]
                        break
                else:
                    if other is not None:
                        break
                    texts.append(q)
                    size += len(q.text)
                    carry = escapes.trailing(q.text, carry) if escaped else 0
            elif isinstance(q, Run) and piece.op is Op.EQUAL and q.op is not Op.EQUAL:
                texts.append(q)  # a change inside the note (its brackets are the note's text, not its end)
                size += len(q.text)
                carry = escapes.trailing(q.text, carry) if escaped else 0
            elif isinstance(q, Artefact) and q.kind == "highlight":
                lit.append(Artefact("footnote-highlight", "", -1, size, q.op, length=q.length))
            else:
                break  # another artefact inside the note: left as it is
            j += 1
        changed = any(r.op is not piece.op for r in texts)
        if rest is None or not comments and not changed and not lit:
            out.append(piece)
            continue
        gone: list[int] = []  # the backslashes taken out of the note's text (escapes), from its "["
        if escaped:
            inner = [piece.text[opener.end() :], *(r.text for r in texts[1:])]  # as written, after "[N: "
            gone = [opener.end() - opener.start() + k for k in escapes.note_removals(inner, names)]
        if changed:
            if opener.start():
                out.append(piece.with_text(piece.text[: opener.start()]))
            parts = [r.text for r in texts]
            parts[0] = parts[0][opener.start() :]
            if gone:  # (the head "[N: " has no escape)
                head = opener.end() - opener.start()
                inner = escapes.unescape_note([parts[0][head:], *parts[1:]], names)
                parts = [parts[0][:head] + inner[0], *inner[1:]]
            out.append(Artefact("footnote-body", _breaks(parts[0]), -1))
            out += [
                Artefact("footnote-part", _breaks(text), -1, None, r.op, r.author, r.date)
                for r, text in zip(texts[1:], parts[1:], strict=True)
                if text
            ]
        else:
            out.append(dataclasses.replace(piece, text="".join(r.text for r in texts)))
        if lit or comments:  # each ends before the note's closing "]"; places as written → in the text read
            size = sum(len(r.text) for r in texts) - opener.start() - 1
            if gone:
                out += [_in_note(h, min((h.offset or 0) + h.length, size), gone) for h in lit]
                out += [_in_note(c, min(c.offset or 0, size), gone) for c in comments]
            else:
                out += [dataclasses.replace(h, length=max(min(h.length, size - (h.offset or 0)), 0)) for h in lit]
                out += [dataclasses.replace(c, offset=min(c.offset or 0, size)) for c in comments]
        if rest:
            out.append(dataclasses.replace(piece, text=rest))
        i = j
    return out


def _in_note(art: Artefact, end: int, gone: list[int]) -> Artefact:
    """A highlight or a comment inside a note (``offset`` from its ``[``, as written) ending at ``end`` (a comment: its
    place, clamped), its places counted in the note's text read (``gone``: the backslashes taken out, sorted).
    """
    start = art.offset or 0
    if art.kind == "footnote-comment":
        return dataclasses.replace(art, offset=end - bisect_left(gone, end))
    first = start - bisect_left(gone, start)
    return dataclasses.replace(art, offset=first, length=max(end - bisect_left(gone, end) - first, 0))


def _counted(text: str, hi: int, carry: int, escaped: bool) -> Iterator[tuple[int, str]]:
    """The brackets of ``text[:hi]`` inside a note body that count in matching its ``[``: (place, bracket); in
    CriticMarkup (``escaped``) not one after an odd number of backslashes (``carry``: those ending the note's text
    before ``text``).
    """
    if not escaped or "\\" not in text and not carry:
        for m in _BRACKET.finditer(text, 0, hi):
            yield m.start(), m.group()
        return
    for at, b, _local, before in escapes.brackets(text[:hi], carry):
        if before % 2 == 0:
            yield at, b


#: How CriticMarkup writes a paragraph break inside a note (which stands in its host's line): U+2029 PARAGRAPH
#: SEPARATOR, Unicode's own, one character (so offsets in the note stay); read back as the note's ``"\n"``.
#: A line break (U+000B, Word's ``w:br``) stays a line break.
PARAGRAPH_BREAK = "\u2029"


def _breaks(text: str) -> str:
    """A note's text with each :data:`PARAGRAPH_BREAK` as the paragraph break (a newline) the tree reads."""
    return text.replace(PARAGRAPH_BREAK, "\n") if PARAGRAPH_BREAK in text else text


def note_parts(arts, at: int) -> tuple[list[Run], int] | None:
    """The runs of the note whose ``footnote-body`` artefact is ``arts[at]`` and that ``footnote-part``
    artefacts continue (see :func:`_note_comments_after`), and the index after its last part; None when
    ``arts[at]`` is no start of such a note.

    The runs are the note's text from after ``[N: `` to before its closing ``]``, each part with its op,
    author and date: ``[1: See `` + deleted ``71`` + inserted ``72`` + ``]`` → equal ``See ``, deleted
    ``71``, inserted ``72``.
    """
    end = at + 1
    while end < len(arts) and arts[end].kind == "footnote-part":
        end += 1
    head = _BODY_HEAD.match(arts[at].text)
    if end == at + 1 or head is None or not arts[end - 1].text.endswith("]"):
        return None
    runs = [Run(arts[at].op, arts[at].text[head.end() :])]
    for art in arts[at + 1 : end]:
        runs.append(Run(art.op, art.text, art.author, art.date) if art.op is not Op.EQUAL else Run(art.op, art.text))
    runs[-1] = runs[-1].with_text(runs[-1].text[:-1])
    return [r for r in runs if r.text], end


_BODY_HEAD = NOTE_HEAD
_BODY_OPEN = re.compile(r"\[\d+:[ \t]")
_NO_NAMES: frozenset[str] = frozenset()


def _closing_brackets(text: str) -> dict[int, int]:
    """Position of each "[" → position of its matching "]" (one linear pass)."""
    stack: list[int] = []
    match: dict[int, int] = {}
    for m in _BRACKET.finditer(text):  # the brackets alone, found by the regex engine
        if m.group() == "[":
            stack.append(m.start())
        elif stack:
            match[stack.pop()] = m.start()
    return match


_BRACKET = re.compile(r"[\[\]]")


FOOTNOTE_BODY = re.compile(r"^\[(?P<no>" + MARKER + r"):(?P<sep>[ \t]+)(?P<text>.*)\]$", re.DOTALL)
