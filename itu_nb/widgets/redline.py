"""RedlineViewer: read a comparison or a proposal's tracked changes, change by change.

Here: its traits, what it shows and draws, their validation and observers.  What an analyst calls on a viewer of
a proposal lives in its bases: decisions, the result, the review's file and Word in :mod:`itu_nb.widgets._deciding`,
the suggesting mode's edits and the widget's commands in :mod:`itu_nb.widgets._suggesting`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from itu_nb.amendments.merging import Draft
from itu_nb.amendments.reviewing import Review, open_review
from itu_nb.diff.documents import DocumentComparison
from itu_nb.errors import AddressError, ItuNbError
from itu_nb.model import Proposal
from itu_nb.model.comparison import Comparison, side_name
from itu_nb.widgets._conflicts import conflict_payload, flag_rows
from itu_nb.widgets._payload import banner_of, pairs_of, text_entries, title_of, viewer_meta, viewer_rows
from itu_nb.widgets._struck import sources_of
from itu_nb.widgets._suggesting import _Suggesting

__all__ = ["MODES", "RedlineViewer"]

STATIC = Path(__file__).parent / "static"
MODES = ("inline", "side-by-side", "original", "amended")
FILTER_KEYS = ("section", "kind", "author", "source")
DECISIONS = ("accept", "reject")


class RedlineViewer(_Suggesting, anywidget.AnyWidget):
    """A review pane for a Comparison, a Proposal's own tracked changes, or two texts.

    Parameters
    ----------
    obj : Comparison, DocumentComparison, Proposal, or anything :func:`itu_nb.compare` takes
        What to show.  With ``new`` given, ``itu_nb.compare(obj, new)`` is shown.  A
        :class:`~itu_nb.diff.documents.DocumentComparison` (two documents) shows one text at a
        time, picked in the toolbar's "Text" list or with ``selected_text``.
    new : Proposal, Document, Clause, path or str, optional
        The other text, when ``obj`` is the original one.
    mode : {"inline", "side-by-side", "original", "amended"}
    filters : dict, optional
        ``{"section": …, "kind": …, "author": …}``; unset keys show everything.
    collapse_unchanged : bool
        Fold stretches of unchanged clauses, keeping ``context`` clauses around each change.
    context : int
    height : str
        CSS height of the scrolling text area (``"32rem"``).
    review : Review, str, Path, "auto" or None
        Where a proposal's decisions and the analyst's edits are kept
        (:class:`~itu_nb.Review`): a Review (shared with other views of
        the document), a sidecar file's path, ``"auto"`` (the default: the sidecar
        ``<source file>.review.json`` beside the loaded file, read when it exists and written after
        every change; in memory when there is no such file, and ``_meta["review_note"]`` says so) or
        None (memory only).
    author : str, optional
        Who reviews and edits: the author of the analyst's tracked changes (trait ``author``).
    key : str, optional
        The proposal's key in ``review`` when two proposals of its document share an id
        (``"X/1/1 (2)"``, as the tree names them).

    Keyboard: ``n``/``F7`` next change, ``p``/``Shift+F7`` previous, ``a`` accept, ``r`` reject,
    ``u`` undo the decision.

    On a proposal the viewer also edits ("suggesting" mode, trait ``suggesting``): :meth:`edit`,
    :meth:`insert`, :meth:`delete`, :meth:`move`, :meth:`instruct`, :meth:`comment` from Python,
    or the same commands sent by the widget (``{"cmd": "edit", "path": …, "text": …}``…,
    answered ``{"cmd": …, "ok": true}`` or ``{"cmd": …, "ok": false, "error": …}``).  Edits are
    tracked changes under :attr:`author`; :meth:`undo` / :meth:`redo` take back or redo the last
    action (a decision or an edit); :attr:`proposal` is the edited proposal, :meth:`result` it with
    the decisions applied, :meth:`to_docx` writes that with the pending changes still tracked.

    When a comparison's old side amends another revision than the new side is (Brazil's
    Resolution 130 (Rev. Busan, 2014) against the text adopted at Dubai, 2018), a banner above the
    text says so (:attr:`Comparison.base_note <itu_nb.model.comparison.Comparison.base_note>`).

    A merged :class:`~itu_nb.amendments.merging.Draft` shows its conflicts in a panel above the text, each
    with a "Use <side>" button and a box for the analyst's own wording (it starts from the text
    the wording replaces); a choice (there, through ``conflict_choices``, or with
    :meth:`resolve`) is applied with ``Draft.resolve`` and the resolved draft is shown.

    Examples
    --------
    Brazil's proposal to modify Resolution 130, its tracked changes in reading order (in a
    notebook, the viewer as the last expression of a cell draws it; here its text form shows):

    >>> doc = itu_nb.load("examples/data/pp18-doc67-brazil.reconstructed.critic.md", author="Brazil")
    >>> viewer = itu_nb.RedlineViewer(doc["B/67/4"])
    >>> viewer
    <RedlineViewer B/67/4 — MOD Resolution 130 (Rev. Busan, 2014): ... changes, mode='inline', 0 decided>

    Accept the first change (the heading's "Busan, 2014" → "Dubai, 2018"); the result is a new
    proposal in which the heading reads "Dubai, 2018" in both views, no longer a change:

    >>> viewer.accept(viewer.change_ids[0])
    >>> heading = viewer.result()["heading"]
    >>> "Dubai, 2018" in heading.body("original"), heading.status
    (True, 'unchanged')

    Edit as an analyst: the new item is a tracked insertion by its author, and undo takes it back:

    >>> viewer.author = "Ana"
    >>> viewer.insert("resolves/1", "to study the matter further;")
    >>> viewer.proposal["resolves/2"].body(), viewer.proposal["resolves/2"].status
    ('to study the matter further;', 'inserted')
    >>> viewer.undo(), viewer.proposal["resolves/2"].status
    (True, 'unchanged')
    """

    _esm = STATIC / "redline.js"
    _css = STATIC / "redline.css"

    mode = traitlets.Unicode("inline").tag(sync=True)
    filters = traitlets.Dict().tag(sync=True)
    collapse_unchanged = traitlets.Bool(True).tag(sync=True)
    context = traitlets.Int(1, min=0).tag(sync=True)
    selected_change = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    selected_path = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    decisions = traitlets.List(traitlets.Dict()).tag(sync=True)
    height = traitlets.Unicode("32rem").tag(sync=True)
    conflict_choices = traitlets.List(traitlets.Dict()).tag(sync=True)
    selected_text = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    author = traitlets.Unicode("").tag(sync=True)
    suggesting = traitlets.Bool(False).tag(sync=True)

    _rows: traitlets.List[dict] = traitlets.List().tag(sync=True)
    _changes: traitlets.List[dict] = traitlets.List().tag(sync=True)
    _meta = traitlets.Dict().tag(sync=True)
    _conflicts: traitlets.List[dict] = traitlets.List().tag(sync=True)

    def __init__(
        self,
        obj,
        new=None,
        *,
        mode: str = "inline",
        filters: dict | None = None,
        collapse_unchanged: bool = True,
        context: int = 1,
        height: str = "32rem",
        review="auto",
        author: str | None = None,
        key: str | None = None,
    ):
        super().__init__(
            mode=mode, filters=filters or {}, collapse_unchanged=collapse_unchanged, context=context, height=height
        )
        self._review_arg = review
        self._review: Review | None = None
        self._key: str | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._mirroring = False
        if author:
            self.author = author
        self.on_msg(self._on_msg)
        if new is not None:
            from itu_nb.diff.documents import compare

            obj = compare(obj, new)
        self.show(obj, key=key)

    # -- what is shown --------------------------------------------------------
    def show(self, obj, *, key: str | None = None) -> None:
        """Show another Comparison, DocumentComparison or Proposal; the selection starts afresh.

        A proposal of the document the viewer's :attr:`review` holds is shown with its decisions
        and edits (``key``: its key in the review, for a second proposal with the same id); another
        proposal gets a review of its own (``review=`` as given to the viewer).
        """
        self._document = obj if isinstance(obj, DocumentComparison) else None
        if self._document is None:
            if isinstance(obj, Proposal):
                self._attach(obj, key)
                assert self._review is not None and self._key is not None
                self._draw(self._review.proposal(self._key), banner_of(obj), [])
            else:
                self._detach()
                self._draw(obj, banner_of(obj), [])
            return
        self._detach()
        pick = next((p.id for p in obj.pairs if p.comparison is not None and p.comparison.pairs), None)
        pick = pick or (obj.pairs[0].id if obj.pairs else None)
        if pick is None:
            self._draw(Comparison(Proposal("", None, None), Proposal("", None, None), ()), None, [])
        elif self.selected_text == pick:
            self._draw_text(pick)
        else:
            self.selected_text = pick  # drawn by the observer

    @property
    def document(self) -> DocumentComparison | None:
        """The document comparison whose texts the picker lists (None when showing one comparison or proposal)."""
        return self._document

    @traitlets.validate("selected_text")
    def _check_selected_text(self, proposal):
        value = proposal["value"]
        doc = getattr(self, "_document", None)
        if value is None or doc is None:
            return value if doc is not None else None
        if value not in {p.id for p in doc.pairs}:
            raise traitlets.TraitError(f"no text {value!r}; texts: {[p.id for p in doc.pairs]}")
        return value

    @traitlets.observe("selected_text")
    def _on_selected_text(self, change) -> None:
        if getattr(self, "_document", None) is not None and change["new"] is not None:
            self._draw_text(change["new"])

    def _draw_text(self, text_id: str) -> None:
        """Draw one text of the document comparison on show (its comparison, or an empty pane and why)."""
        assert self._document is not None
        pair = self._document[text_id]
        obj = pair.comparison
        if obj is None:  # listed, not compared: an empty pane with the note
            name = side_name(pair.text)
            obj = Comparison(pair.text, pair.text, (), title=(name, pair.status))
        self._draw(obj, banner_of(obj, pair.note), text_entries(self._document))

    # -- the review -----------------------------------------------------------
    def _attach(self, proposal: Proposal, key: str | None) -> None:
        """Use the review that holds ``proposal`` (the current one if it does), else open one as ``review=`` says."""
        review = self._review
        if review is None or not self._holds(review, proposal, key):
            arg = self._review_arg
            if isinstance(arg, Review) and self._holds(arg, proposal, key):
                review = arg
            else:
                arg = None if isinstance(arg, Review) else arg
                review = open_review(proposal, arg, author=self.author or None)
            self._detach()
            self._review = review
            self._unsubscribe = review.observe(self._review_changed)
            if review.author and not self.author:
                self.author = review.author
        self._key = key if key is not None else review.key(proposal)

    @staticmethod
    def _holds(review: Review, proposal: Proposal, key: str | None) -> bool:
        if key is not None:
            return key in review.keys and review.document.proposals[review.keys.index(key)] is proposal
        return any(p is proposal for p in review.document.proposals)

    def _detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._review, self._key, self._unsubscribe = None, None, None

    @property
    def review(self) -> Review | None:
        """The :class:`~itu_nb.Review` of the proposal on show (None for a comparison)."""
        return self._review

    def _review_changed(self, key: str) -> None:
        """The review changed (here or in another view): redraw what it changed."""
        if key != self._key or self._review is None:
            return
        live = self._review.proposal(key)
        if live is not self._source:  # an edit, or an edit undone: new rows
            selected = self.selected_path
            self._draw(live, self._meta.get("banner"), [])
            if selected is not None and any(r["path"] == selected for r in self._rows):
                self.selected_path = selected
            return
        with self.hold_sync():
            self._mirror_decisions()
            self._meta = {**self._meta, **self._review_meta()}

    def _mirror_decisions(self) -> None:
        """Set the ``decisions`` trait from the review (not sent back to it)."""
        assert self._review is not None
        live = self._review._live(self._key)
        wanted = {i: d for i, d in live.items() if i in self._ids}
        if {d["id"]: d["decision"] for d in self.decisions} == wanted:
            return  # the widget set these itself: no echo, no redraw
        self._mirroring = True
        try:
            self.decisions = [{"id": i, "decision": d} for i, d in wanted.items()]
        finally:
            self._mirroring = False

    def _review_meta(self) -> dict:
        review, key = self._review, self._key
        if review is None or key is None:
            n = len(getattr(self, "_changes", []))
            return {
                "suggestable": False,
                "author": self.author or None,
                "can_undo": False,
                "can_redo": False,
                "counts": {"pending": n, "accepted": 0, "rejected": 0},
                "review_note": None,
            }
        return {
            "suggestable": True,
            "author": self.author or None,
            "can_undo": review.can_undo(key),
            "can_redo": review.can_redo(key),
            "counts": review.counts(key),
            "review_note": review.note,
        }

    @traitlets.observe("decisions")
    def _decisions_to_review(self, change) -> None:
        if self._mirroring or self._review is None or self._key is None:
            return
        now = {d["id"]: d["decision"] for d in change["new"]}
        before = self._review._live(self._key)
        diff: dict[str, str | None] = {i: None for i in before if i not in now}
        diff.update({i: d for i, d in now.items() if before.get(i) != d})
        self._review.set_decisions(self._key, diff)

    @traitlets.observe("author")
    def _author_to_review(self, change) -> None:
        review = getattr(self, "_review", None)
        if review is not None:
            review.author = change["new"] or None
            self._meta = {**self._meta, "author": change["new"] or None}

    def _draw(self, obj, banner: str | None, texts: list[dict]) -> None:
        pairs = pairs_of(obj)
        self._sources = sources_of(obj)  # a proposal's own clauses: they hold its struck-inserts, in neither view
        rows, changes = viewer_rows(pairs, self._sources)
        meta = viewer_meta(rows, changes, title_of(obj), banner, texts)
        # a proposal's redline names each change as the proposal does (one Change model): every one can be decided
        meta["editable"] = isinstance(obj, Proposal)
        conflicts = conflict_payload(obj) if isinstance(obj, Draft) else []
        flag_rows(rows, conflicts)
        self._source = obj
        self._pairs = pairs
        self._ids = {c["id"]: i for i, c in enumerate(changes)}
        self._changes = changes
        meta.update(self._review_meta())
        with self.hold_sync():
            self._mirroring = True
            try:
                self.decisions = []
            finally:
                self._mirroring = False
            self.conflict_choices = []
            self.selected_change = None
            self.selected_path = None
            self.filters = {k: v for k, v in self.filters.items() if v in meta[k + "s"]}
            self._rows, self._changes, self._meta, self._conflicts = rows, changes, meta, conflicts
            if self._review is not None:
                self._mirror_decisions()

    @property
    def source(self):
        """The Comparison or Proposal on show (of a document comparison: the picked text's Comparison)."""
        return self._source

    @property
    def counts(self) -> dict:
        """``{"changes": n, "ins": n, "del": n}``: the changes and the <ins>/<del> marks drawn inline."""
        return {"changes": self._meta["n_changes"], "ins": self._meta["n_ins"], "del": self._meta["n_del"]}

    @property
    def conflicts(self):
        """The conflicts of a Draft on show (``Draft.conflicts``: one row per conflict and side); else empty."""
        if isinstance(self._source, Draft):
            return self._source.conflicts
        return Draft(id="", action=None, target=None).conflicts

    # -- validation -----------------------------------------------------------
    @traitlets.validate("mode")
    def _check_mode(self, proposal):
        if proposal["value"] not in MODES:
            raise traitlets.TraitError(f"mode must be one of {MODES}, not {proposal['value']!r}")
        return proposal["value"]

    @traitlets.validate("filters")
    def _check_filters(self, proposal):
        value = {k: v for k, v in proposal["value"].items() if v}
        unknown = set(value) - set(FILTER_KEYS)
        if unknown:
            raise traitlets.TraitError(f"unknown filter {sorted(unknown)}; use {FILTER_KEYS}")
        return value

    @traitlets.validate("decisions")
    def _check_decisions(self, proposal):
        out: dict[str, str] = {}
        for d in proposal["value"]:
            cid, decision = d.get("id"), d.get("decision")
            if decision not in DECISIONS:
                raise traitlets.TraitError(f"decision must be 'accept' or 'reject', not {decision!r}")
            if cid not in getattr(self, "_ids", {}):
                raise traitlets.TraitError(f"no change {cid!r} in {title_of(self._source)}")
            out[cid] = decision
        if out and not isinstance(self._source, Proposal):
            raise traitlets.TraitError("decisions apply to a Proposal's tracked changes, not to a Comparison")
        return [{"id": k, "decision": v} for k, v in out.items()]

    @traitlets.validate("selected_change")
    def _check_selected_change(self, proposal):
        value = proposal["value"]
        if value is not None and value not in getattr(self, "_ids", {}):
            raise traitlets.TraitError(f"no change {value!r}")
        return value

    @traitlets.validate("conflict_choices")
    def _check_conflict_choices(self, proposal):
        open_ = {c["id"]: c for c in getattr(self, "_conflicts", []) if c["resolution"] is None}
        out = []
        for choice in proposal["value"]:
            cid, side, text = choice.get("id"), choice.get("side"), choice.get("text")
            if cid not in open_:
                raise traitlets.TraitError(f"no open conflict {cid!r}; open: {sorted(open_)}")
            if (side is None) == (text is None):
                raise traitlets.TraitError(f"conflict {cid}: choose a side or give a text, not {choice!r}")
            sides = {s["side"] for s in open_[cid]["sides"]} | {"base", "all"}
            if side is not None and side not in sides:
                raise traitlets.TraitError(f"conflict {cid} is between {sorted(sides)}, not {side!r}")
            out.append({"id": cid, "side": side} if side is not None else {"id": cid, "text": str(text)})
        return out

    @traitlets.observe("conflict_choices")
    def _apply_conflict_choices(self, change) -> None:
        """Resolve the chosen conflicts on the Draft and show the result; tracked-change decisions
        on changes the resolution leaves as they were are kept.
        """
        if not change["new"]:
            return
        draft = self._source
        for choice in change["new"]:
            if "text" in choice:
                draft = draft.resolve(choice["id"], text=choice["text"])
            else:
                draft = draft.resolve(choice["id"], side=choice["side"])
        decisions = list(self.decisions)
        selected = self.selected_path
        self.show(draft)
        # ids are stable: a decision carries over to the redrawn draft exactly when its change is still there
        self.decisions = [d for d in decisions if d["id"] in self._ids]
        if selected is not None and any(r["path"] == selected for r in self._rows):
            self.selected_path = selected

    def resolve(self, conflict: str, side: str | None = None, *, text: str | None = None) -> None:
        """Settle a conflict of the Draft on show, as its "Use <side>" button does (``text=``: the
        analyst's own wording); the viewer then shows the resolved draft (:meth:`result`).
        """
        if not isinstance(self._source, Draft):
            raise ItuNbError("resolve() needs a viewer on a merged Draft (itu_nb.amendments.merging)")
        if conflict not in {c["id"] for c in self._conflicts}:
            raise AddressError(f"no conflict {conflict!r}; see viewer.conflicts")
        self.conflict_choices = [{"id": conflict, "side": side} if text is None else {"id": conflict, "text": text}]

    def __repr__(self) -> str:
        return (
            f"<RedlineViewer {title_of(self._source)}: {len(self._changes)} changes, mode={self.mode!r}, "
            f"{len(self.decisions)} decided>"
        )
