"""The comparison's verdict, read off its own table: which cells learnt, which did not, and whether a failure's
gradient reached back.

Every figure here comes from the ``CellResult`` the table shows (its test ratio, its fitted memory horizon), so
the sentence the page builds from a :class:`Verdict` cannot contradict the table beside it. A failure whose
gradient reaches back across the sequence did not fail for want of a gradient: its capacity or its shape is
the limit. The words are the page's (locale catalogs); this module returns keys and numbers only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rnn_core.lab.compare import LEARNT_RATIO, CellResult

REACH_FLOOR = 1e-3  # a gradient that keeps at least this share over the fitted window reaches back
UNFINISHED = ("stopped", "time budget")  # a run ended before its epochs (not REPRODUCIBLE): no verdict on it
OUTCOMES = ("learnt", "fades", "reaches", "diverged", "unfinished")  # a cell's place in the verdict


@dataclass(frozen=True)
class CellVerdict:
    cell: str
    outcome: str  # one of OUTCOMES
    test_ratio: float  # test loss / the trivial answer's, as in the table
    horizon: float  # the fitted memory horizon τ in steps (inf: no decay), as in the table
    regime: str  # the fit's reading: vanishes | flat | explodes | undefined
    kept: float  # the share of the gradient the fit keeps over its window: exp(−window/τ), 1 when flat
    window: int  # steps the fit covers: every step but the last two


@dataclass(frozen=True)
class Verdict:
    cells: tuple[CellVerdict, ...]

    def of(self, outcome: str) -> tuple[CellVerdict, ...]:
        """The cells with ``outcome``, in the comparison's order."""
        return tuple(c for c in self.cells if c.outcome == outcome)


def kept_share(horizon: dict) -> float:
    """How much of the gradient the fitted profile keeps from the last fitted step back to t = 1: exp(−n/τ)
    for a decaying fit over n steps, 1 for a flat or growing one, NaN for an undefined one."""
    regime, n = horizon["regime"], max(len(horizon["t"]) - 1, 0)
    if regime == "undefined":
        return math.nan
    if regime != "vanishes":
        return 1.0
    tau = horizon["horizon"]
    return math.exp(-n / tau) if tau > 0 else 0.0


def cell_verdict(r: CellResult) -> CellVerdict:
    """One cell's place in the verdict, from its test ratio, its outcome and its fitted horizon."""
    h = r.horizon
    kept = kept_share(h)
    if r.solved:
        outcome = "learnt"
    elif r.result.stopped == "diverged" or not math.isfinite(r.test_ratio):
        outcome = "diverged"
    elif r.result.stopped in UNFINISHED:
        outcome = "unfinished"
    else:
        outcome = "reaches" if kept >= REACH_FLOOR else "fades"
    return CellVerdict(r.cell, outcome, float(r.test_ratio), float(h["horizon"]), h["regime"], kept, len(h["t"]))


def verdict(results: list[CellResult]) -> Verdict:
    """The verdict of a comparison: one ``CellVerdict`` per cell, in its order."""
    return Verdict(tuple(cell_verdict(r) for r in results))


__all__ = ["LEARNT_RATIO", "OUTCOMES", "REACH_FLOOR", "CellVerdict", "Verdict", "cell_verdict", "kept_share",
           "verdict"]
