"""The comparison's verdict and its gradient reading in words, built from the figures of its own table."""

from __future__ import annotations

import math

from charts.lab_seeds import sig
from rnn_core.lab.compare import LEARNT_RATIO, CellResult
from rnn_core.lab.verdict import OUTCOMES, REACH_FLOOR, CellVerdict, kept_share, verdict
from ui.text.labels import cell_label


def _tau(t, tau: float) -> str:
    return t("lab.no_decay") if tau == math.inf else sig(tau)


def _item(t, c: CellVerdict) -> str:
    key = "lab.verdict.item" if c.outcome in ("learnt", "diverged", "unfinished") else "lab.verdict.item_kept"
    return t(key, cell=cell_label(t, c.cell), ratio=sig(c.test_ratio), tau=_tau(t, c.horizon), kept=sig(c.kept),
             window=c.window)


def verdict_lines(results: list[CellResult], t, lag: int, epochs: int) -> list[str]:
    """One sentence per outcome that occurs (learnt, fades, reaches, diverged, unfinished), in that order, each
    naming its cells with the table's figures; and a closing line when no cell learnt."""
    v = verdict(results)
    lines = []
    for outcome in OUTCOMES:
        group = v.of(outcome)
        if group:
            lines.append(t(f"lab.verdict.{outcome}", cells=t("lab.verdict.sep").join(_item(t, c) for c in group),
                           solved=LEARNT_RATIO, floor=sig(REACH_FLOOR), lag=lag))
    if not v.of("learnt"):
        lines.append(t("lab.verdict.none_learnt", lag=lag, epochs=epochs))
    return lines


def reading_line(r: CellResult, t) -> str:
    """How one cell's fitted profile reads, in the figures of the table (τ and the share kept over the fit)."""
    h, name = r.horizon, cell_label(t, r.cell)
    window = len(h["t"])
    if h["regime"] == "vanishes":
        return t("lab.reading.vanishes", cell=name, tau=sig(h["horizon"]), kept=sig(kept_share(h)), window=window)
    if h["regime"] == "explodes":
        return t("lab.reading.explodes", cell=name, growth=sig(h["growth"]), window=window)
    return t(f"lab.reading.{h['regime']}", cell=name, window=window)
