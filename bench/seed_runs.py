"""What the seed benches share: a seed range from the command line, and jobs run on worker processes."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor


def parse_seeds(text: str) -> list[int]:
    """'0-9' -> [0, 1, ..., 9]; '0,3,5' -> [0, 3, 5]."""
    if "-" in text:
        lo, hi = map(int, text.split("-"))
        return list(range(lo, hi + 1))
    return [int(s) for s in text.split(",")]


def run_jobs(fn, jobs: list, workers: int) -> list:
    """``fn`` of every job, in order: on ``workers`` processes (each sets its own torch threads), or here."""
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(fn, jobs))
    return [fn(j) for j in jobs]
