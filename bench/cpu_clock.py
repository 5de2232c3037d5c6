"""The benches' clock for small steps: CPU seconds of this process, the least of a few calls after a warm one.
On a shared machine wall time mostly measures the neighbours, and the fastest call is the closest to the cost."""

from __future__ import annotations

import time


def best_of(fn, repeat: int) -> float:
    """Fewest CPU seconds of ``repeat`` calls of ``fn`` (one thread), after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)
