"""Amending texts: operations, plain-language instructions, relettering, merging, lineage.

========================  ==========================================================
module                    what it holds
========================  ==========================================================
:mod:`.addressing`        paths and citations ("resolves 2 a)") resolved to clauses
:mod:`.operations`        the edit operations as data (ReplaceWords, InsertClause …)
:mod:`.edits`             applying operations to a proposal as tracked changes
:mod:`.wording`           word-level edits of runs, shared by edits and merging
:mod:`.relettering`       label schemes and relettering after inserts and deletes
:mod:`.instructions`      the plain-language instruction grammar
:mod:`.amending`          :func:`itu_nb.amend`
:mod:`.conflicts`         proposals as edits of a base, and where they conflict
:mod:`.merging`           :func:`itu_nb.merge` and its :class:`~.merging.Draft`
:mod:`.survival`          word-level scoring for lineage
:mod:`.lineage`           :func:`itu_nb.lineage` and :func:`itu_nb.check_base`
========================  ==========================================================
"""
