"""The one timing rule of the benchmarks: the best of several calls, each with the garbage collector off."""

from __future__ import annotations

import gc
import time

__all__ = ["SLOW", "best_time"]

SLOW = 120.0  # seconds: a reference slower than this on one input is run once and marked


def best_time(fn, repeat: int, budget: float = 1.0, most: int = 60) -> float:
    """The best of at least ``repeat`` calls, more while they fit in ``budget`` seconds (at most ``most``),
    the same rule for every tool (a fast call is sampled more, like timeit's autorange: on a shared
    machine the best of many calls is the least disturbed one).  Each call is timed as timeit does,
    with the garbage collector off (otherwise a collection of this process's large heap lands in
    random runs)."""
    times: list[float] = []
    while len(times) < repeat or (sum(times) < budget and len(times) < most):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
        if times[-1] > SLOW / 4:
            break
    return min(times)
