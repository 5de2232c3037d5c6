"""The airline holdout table: every cell (median of 5 seeds) next to the classic baselines.

Run: PYTHONPATH=. .venv/bin/python bench/airline_table.py [--quick]
Holdout = the last 24 months (1959-01..1960-12); MAPE in % of the passengers count.
``--quick``: one seed, 5 epochs per cell (seconds; the test suite runs it, the numbers mean nothing).
"""

from __future__ import annotations

import argparse
import statistics
import time

from rnn_core.config import RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.forecast import _baselines
from rnn_core.engine.metrics import mape
from rnn_core.engine.train import train

SEEDS = range(5)
CELLS = ("rnn", "lstm", "gru", "scratch")


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one seed, 5 epochs (seconds)")
    args = ap.parse_args(argv)
    seeds, cfg = (range(1), RunConfig().replace(epochs=5)) if args.quick else (SEEDS, RunConfig())
    data = prepare(cfg.data)
    sd = data.series
    rows = []
    print("| model | one-step MAPE % | 24-step recursive MAPE % | train time s |")
    print("|---|---|---|---|")
    for name, modes in _baselines(sd.values.tobytes(), sd.n_test, sd.season).items():
        y = sd.values[sd.origin:]
        rows.append({"model": name, "one_step": mape(y, modes["one_step"]), "recursive": mape(y, modes["recursive"])})
        print(f"| {name} | {rows[-1]['one_step']:.2f} | {rows[-1]['recursive']:.2f} | – |")
    for cell in CELLS:
        one, rec, secs = [], [], []
        for seed in seeds:
            t = time.perf_counter()
            m = train(cfg.replace(cell=cell, seed=seed), data).metrics["model"]
            secs.append(time.perf_counter() - t)
            one.append(m["one_step"]["mape"])
            rec.append(m["recursive"]["mape"])
        rows.append({"model": cell, "one_step": statistics.median(one), "recursive": statistics.median(rec),
                     "seconds": statistics.median(secs)})
        print(f"| {cell.upper()} 2×32 (median of {len(seeds)} seeds) | {rows[-1]['one_step']:.2f} "
              f"| {rows[-1]['recursive']:.2f} | {rows[-1]['seconds']:.2f} |")
    return rows


if __name__ == "__main__":
    main()
