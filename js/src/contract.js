// The payload contract between Python and JS: the shape of everything the Python side syncs to
// the widgets, named once, here. The renderers import these types; Python states the same contract
// as data in itu_nb/widgets/_contract.py, and tests/test_widget_contract.py checks real payloads
// against it and that this file names the same fields with the same types (one `@property` per line).
// Vocabularies are the model's and are not repeated here: a change's kind is one of
// itu_nb.model.CHANGE_KINDS, a row's kind one of itu_nb.model.comparison.PAIR_KINDS.
// Types only: this module exports nothing at run time.

/**
 * One stretch of a row's label or body. `op` is diff-match-patch's (itu_nb.model.Op): -1 deleted,
 * 0 equal, 1 inserted; `change` is an index into `_changes`, -1 for equal text.
 * @typedef {[op: -1|0|1, text: string, change: number]} Seg
 */

/**
 * One clause row of the redline viewer (trait `_rows`; Python: _payload.viewer_rows).
 * @typedef {object} Row
 * @property {number} i the row's index in `_rows`
 * @property {string} id the clause pair's id
 * @property {string} path the clause path (amended labels)
 * @property {number} d depth: the number of "/" in the path
 * @property {string|null} sec the section (considering, resolves…), null outside one
 * @property {string} k the pair's kind, one of PAIR_KINDS
 * @property {string} t the node's kind (itu_nb.model.NodeKind value)
 * @property {string} at where it is, in words ("considering b)"), never an internal id
 * @property {Seg[]} lab the label's segments
 * @property {Seg[]} seg the body's segments
 * @property {string} [lo] the original label, when the clause was relabelled
 * @property {string} [ln] the amended label, when the clause was relabelled
 * @property {string} [mv] the other path of a moved clause
 * @property {string} [mvat] where it was, in words ("considering a)")
 * @property {string[]} [cf] the ids of the open conflicts sitting at this row
 * @property {Note[]} [notes] the clause's comments
 * @property {number[]} [hl] the indexes of the body segments that are highlighted
 * @property {Struck[]} [si] the text inserted by one author and struck by another, in source order
 * @property {MoveName[]} [mn] the segments that are one end of a move, with its name
 */

/**
 * Text one author inserted and another struck (a `struck-insert` artefact: itu_nb.model.struck): in neither
 * view, drawn struck where it stood, with who inserted and who struck it (Python: _marks.struck_of).
 * @typedef {object} Struck
 * @property {number} seg the index of the body segment it stands in (0 when the body is empty)
 * @property {number} off where in that segment's text it stands (the segment's length: after it)
 * @property {string} text
 * @property {string|null} a who inserted it
 * @property {string|null} t when it was inserted
 * @property {string|null} sa who struck it
 * @property {string|null} st when it was struck
 * @property {number} c the change that decides it (an index into the changes): its striker's change that holds it,
 *   or its own (kind "struck-insert"); -1 for none
 */

/**
 * A segment that is one end of a move (itu_nb.model.Run.move: Word's w:moveFrom / w:moveTo, or an edit's
 * move) and the move's name; `seg` indexes the row's label segments followed by its body segments.
 * @typedef {[seg: number, name: string]} MoveName
 */

/**
 * A comment on a clause (a `comment` artefact: CriticMarkup {>>…<<}, a Word comment).
 * @typedef {object} Note
 * @property {string|null} a its author
 * @property {string|null} t its date
 * @property {string} text
 */

/**
 * One change of the redline viewer (trait `_changes`; Python: _payload.viewer_rows).
 * @typedef {object} ChangePayload
 * @property {string} id the change's stable id (itu_nb.model.Change.id)
 * @property {number} r the index of its row
 * @property {string} k its kind, one of CHANGE_KINDS
 * @property {string|null} a its author
 * @property {string|null} t its date
 * @property {string|null} sec the section of its row
 * @property {string} path the path of its row
 * @property {number} wi words inserted
 * @property {number} wd words deleted
 * @property {boolean} lab whether it touches the label
 * @property {boolean} ty whether it is typographic (itu_nb.model.Change.typographic), drawn apart
 * @property {boolean} inf whether the loader inferred it from a flattened text (itu_nb.model.Change.inferred)
 */

/**
 * One text of a document comparison, as the viewer's picker lists it (Meta.texts).
 * @typedef {object} TextEntry
 * @property {string} id the first document's text id, what `selected_text` takes
 * @property {string} label what the picker shows ("B/67/4 MOD → Resolution 130 (Rev. Dubai, 2018)")
 * @property {string} status one of itu_nb.diff.documents.STATUSES
 */

/**
 * What the viewer's toolbar offers (trait `_meta`; Python: _payload.viewer_meta and RedlineViewer.show).
 * @typedef {object} Meta
 * @property {string} title what is shown
 * @property {string[]} sections the sections, in order
 * @property {string[]} kinds the pair kinds present, without "unchanged"
 * @property {string[]} authors the changes' authors
 * @property {string[]} sources "marked" / "inferred" when some change was inferred; empty otherwise
 * @property {number} n_changes the number of changes
 * @property {number} n_ins inserted segments
 * @property {number} n_del deleted segments
 * @property {boolean} editable whether decisions can be taken (a proposal, not a comparison)
 * @property {string|null} banner what the reader must know first (the base differs…), or null
 * @property {TextEntry[]} texts a document comparison's texts for the picker; empty otherwise
 * @property {boolean} suggestable whether a Proposal is on show (the editing mode can be offered)
 * @property {string|null} author who edits (viewer.author), or null
 * @property {boolean} can_undo whether there is an action (decision batch or edit) to take back
 * @property {boolean} can_redo whether there is an action taken back to do again
 * @property {Counts} counts pending / accepted / rejected over the changes on show
 * @property {string|null} review_note said once when the review lives in memory only (no file / folder not writable), else null
 */

/**
 * How the changes on show stand (Meta.counts; Python: RedlineViewer, from its Review).
 * @typedef {object} Counts
 * @property {number} pending
 * @property {number} accepted
 * @property {number} rejected
 */

/**
 * One side of a conflict: one proposal's contested edit (Python: _conflicts.conflict_payload).
 * @typedef {object} SidePayload
 * @property {string} side the proposal
 * @property {string|null} author its author
 * @property {string} change what it does
 * @property {string} old the text it replaces ("" for none)
 * @property {string} new the text it puts in ("" for none)
 */

/**
 * One conflict of a merged draft (trait `_conflicts`; Python: _conflicts.conflict_payload).
 * @typedef {object} ConflictPayload
 * @property {string} id the conflict's id
 * @property {string} kind what clashes (itu_nb.amendments.conflicts.Conflict.kind: overlap, label…)
 * @property {string|null} path the base's clause path
 * @property {string|null} at the draft's row path where it sits
 * @property {string} citation where it is, for a reader
 * @property {string} base_text the base's contested text
 * @property {SidePayload[]} sides the contested edits
 * @property {string|null} resolution null while open, else the side chosen or "text: …"
 * @property {string} wording what the analyst's own wording replaces, to edit from
 * @property {string} wording_of what that wording is
 */

/**
 * One node of the clause-tree explorer (trait `_nodes`; Python: _payload.tree_nodes), a flat list.
 * `mark` is the proposal's action (MOD/ADD/SUP) or the pair kind; `ins`/`del` count the inserted and
 * deleted runs in the subtree; `type` is a NodeKind value, "document" or "proposal".
 * @typedef {[key: string, parent: number, depth: number, label: string, text: string, mark: string,
 *   ins: number, del: number, type: string]} Node
 */

/**
 * The redline viewer's synced traits, as its render() reads and writes them (itu_nb/widgets/redline.py).
 * @typedef {object} RedlineState
 * @property {Row[]} _rows
 * @property {ChangePayload[]} _changes
 * @property {Meta} _meta
 * @property {ConflictPayload[]} _conflicts
 * @property {string} mode
 * @property {{section?: string, kind?: string, author?: string, source?: string}} filters
 * @property {boolean} collapse_unchanged
 * @property {number} context
 * @property {string} height
 * @property {Array<{id: string, decision: string}>} decisions
 * @property {Array<{id: string, side?: string|null, text?: string}>} conflict_choices
 * @property {string|null} selected_change
 * @property {string|null} selected_path
 * @property {string|null} selected_text
 * @property {string} author who suggests edits ("" when unset)
 * @property {boolean} suggesting whether the editing (suggesting) mode is on
 */

/**
 * The clause-tree explorer's synced traits (itu_nb/widgets/tree.py).
 * @typedef {object} TreeState
 * @property {Node[]} _nodes
 * @property {number[]} _matches
 * @property {string} search
 * @property {string} height
 * @property {string|null} selected_path
 */

/**
 * The part of anywidget's model the widgets use, typed by their traits.
 * @template S
 * @typedef {object} Model
 * @property {<K extends keyof S>(key: K) => S[K]} get
 * @property {<K extends keyof S>(key: K, value: S[K]) => void} set
 * @property {() => void} save_changes
 * @property {(event: string, fn: () => void) => void} on
 * @property {(event: string, fn: () => void) => void} off
 */

export {};
