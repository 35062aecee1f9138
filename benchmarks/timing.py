"""The one timing rule of the benchmarks: the best of several calls, each with the garbage collector off."""

from __future__ import annotations

import gc
import time

__all__ = ["SLOW", "best_time"]

SLOW = 120.0  # seconds: a reference slower than this on one input is run once and marked


def best_time(fn, repeat: int, budget: float = 1.0, most: int = 60) -> float:
    """The best of at least ``repeat`` calls, more while they fit in ``budget`` seconds (at most ``most``),
    the same rule for every tool (a fast call is sampled more, like timeit's autorange: on a shared
    machine the best of many calls is the least disturbed one).

    The calls are timed as ``timeit`` does: one collection before the first, then the garbage
    collector off until the last has returned, so no collection of this process's large heap lands
    in a timed call.  Until session 4 a collection ran before *every* call; walking the whole heap
    right before the call evicts its data from the CPU caches, which made a 4 ms call about 10 %
    slower and left an 80 ms call unchanged, a bias against the faster tool (measured in RESULTS.md).
    """
    times: list[float] = []
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        while len(times) < repeat or (sum(times) < budget and len(times) < most):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
            if times[-1] > SLOW / 4:
                break
    finally:
        if enabled:
            gc.enable()
    return min(times)
