"""Comparing texts: tokens, clause alignment, word diffs, two-way and many-way comparisons.

========================  ==========================================================
module                    what it holds
========================  ==========================================================
:mod:`.tokens`            words as codes for diff-match-patch's line mode
:mod:`.words`             word-level diffs (the only module importing diff-match-patch)
:mod:`.sides`             one side of a comparison, indexed for alignment
:mod:`.align`             clause alignment (by section and label, then by content)
:mod:`.twoway`            :func:`itu_nb.compare` and :func:`~.twoway.redline`
:mod:`.spans`             edits as spans of a base clause, and the one rule for when two
                          collide (:func:`~.spans.clash`: merge's conflicts, compare_many's
                          divergences)
:mod:`.manyway`           :func:`itu_nb.compare_many`: several versions of one base
========================  ==========================================================

The results are model nouns (:class:`itu_nb.model.comparison.Comparison`); nothing here
imports pandas or the widgets.
"""
