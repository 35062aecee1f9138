"""The cyclic garbage collector paused while a loader builds a document (.docx, Akoma Ntoso).

Guarantees of :func:`no_cycle_collection`: the collector is off inside the block, back as it was after
it, and the objects made inside are handed to its oldest generation (see the function).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_cycle_collection"]


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a document is built, and spared its first passes after.

    Loading makes hundreds of thousands of small objects and no reference cycles, so the
    collector's passes only re-scan them (about 13 % of the time of a large .docx);
    memory is still freed by reference counting.  It is re-enabled on the way out, unless it
    was off already.  The objects made meanwhile would all be in the youngest generation then:
    the next allocation would start a pass over every one of them (about 7 ms for the PP-18 body
    ×20), and another when they reach the middle one.  They are long-lived (the document the
    caller holds), so they are handed to the oldest generation at once (``gc.freeze()`` then
    ``gc.unfreeze()`` moves every tracked object there, without a pass over them).  Not done when
    the caller has frozen objects of its own (``gc.get_freeze_count()``), which ``unfreeze`` would
    release.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
