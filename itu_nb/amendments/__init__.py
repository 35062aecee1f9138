"""Amending texts: operations, plain-language instructions, relettering, merging, lineage.

========================  ==========================================================
module                    what it holds
========================  ==========================================================
:mod:`.addressing`        paths and citations ("resolves 2 a)") resolved to clauses
:mod:`.operations`        the edit operations as data (ReplaceWords, InsertClause …)
:mod:`.edits`             applying operations to a proposal as tracked changes
:mod:`.wording`           word-level edits of runs, shared by edits and merging
:mod:`.run_keys`          the key of each run of operations, the edits it needs
:mod:`.joins`             joining lists a run keeps pending (sub-lists)
:mod:`.relettering`       label schemes and relettering after inserts and deletes
:mod:`.instructions`      the plain-language instruction grammar
:mod:`.amending`          :func:`itu_nb.amend`
:mod:`.conflicts`         proposals as edits of a base, and where they conflict
:mod:`.merging`           :func:`itu_nb.merge` and its :class:`~.merging.Draft`
:mod:`.drafting`          the :class:`~.drafting.Draft` a merge builds from its plan
:mod:`.survival`          word-level scoring for lineage
:mod:`.lineage`           :func:`itu_nb.lineage` and :func:`itu_nb.check_base`
:mod:`.review_state`      the :class:`itu_nb.Review` class: decisions, edits, results
:mod:`.review_log`        a review's log: decide, edit, undo, redo per proposal
:mod:`.review_file`       a review's sidecar file: save, load, read
========================  ==========================================================
"""
