"""The airline holdout table: every cell (median of 5 seeds) next to the classic baselines.

Run: PYTHONPATH=. .venv/bin/python bench/airline_table.py
Holdout = the last 24 months (1959-01..1960-12); MAPE in % of the passengers count.
"""

from __future__ import annotations

import statistics
import time

from rnn_core.config import RunConfig
from rnn_core.datasets import prepare
from rnn_core.forecast import _baselines
from rnn_core.train import train

SEEDS = range(5)


def main():
    cfg = RunConfig()
    data = prepare(cfg.data)
    sd = data.series
    print("| model | one-step MAPE % | 24-step recursive MAPE % | train time s |")
    print("|---|---|---|---|")
    for name, modes in _baselines(sd.values.tobytes(), sd.n_test, sd.season).items():
        from rnn_core.metrics import mape

        y = sd.values[sd.origin:]
        print(f"| {name} | {mape(y, modes['one_step']):.2f} | {mape(y, modes['recursive']):.2f} | – |")
    for cell in ("rnn", "lstm", "gru", "scratch"):
        one, rec, secs = [], [], []
        for seed in SEEDS:
            t = time.perf_counter()
            m = train(cfg.replace(cell=cell, seed=seed), data).metrics["model"]
            secs.append(time.perf_counter() - t)
            one.append(m["one_step"]["mape"])
            rec.append(m["recursive"]["mape"])
        print(f"| {cell.upper()} 2×32 (median of {len(SEEDS)} seeds) | {statistics.median(one):.2f} "
              f"| {statistics.median(rec):.2f} | {statistics.median(secs):.2f} |")


if __name__ == "__main__":
    main()
