"""Independent trainings on several cores: the lab's comparisons, sweeps and seed spreads.

Each training runs on one torch thread and draws randomness only from its own generators (weights
built under ``models.RNG_LOCK``, batch order and dropout from per-run state), so running them side by
side on threads gives the same numbers as running them one after the other; results come back in
the order of the jobs, whatever order they finish in. The jobs of one action share a
``threading.Event``: once set, running trainings end at their next epoch and jobs not started yet
are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

MAX_WORKERS = 2  # trainings at once for one lab action: the small server has two cores


def default_workers() -> int:
    """Threads a lab action may use: the cores this process may run on, at most ``MAX_WORKERS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def run_jobs(jobs: Sequence[Callable[[], object]], workers: int = 1, order: Sequence[int] | None = None) -> list:
    """Call every job and return their results in job order. ``workers`` > 1 runs them on that many
    threads; ``order`` is the order to start them in (the longest first balances the threads)."""
    if workers <= 1 or len(jobs) <= 1:
        return [job() for job in jobs]
    order = list(order) if order is not None else list(range(len(jobs)))
    out: list = [None] * len(jobs)
    with ThreadPoolExecutor(min(workers, len(jobs)), thread_name_prefix="lab-run") as pool:
        futures = {i: pool.submit(jobs[i]) for i in order}
        for i, f in futures.items():
            out[i] = f.result()
    return out

