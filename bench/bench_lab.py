"""Lab benchmark: the default comparison at lag 50 and the default lag sweep, timed, with the breaking points.

Run: PYTHONPATH=. .venv/bin/python bench/bench_lab.py [--skip-compare]
Every run uses one torch thread; the numbers are a pure function of the config, the times are this machine's.
"""

from __future__ import annotations

import sys
import time

import pandas as pd
import torch

from rnn_core.lab import compare_cells, lab_config
from rnn_core.sweep import LAGS, breaking_point, lag_sweep


def bench_compare():
    cfg = lab_config()
    start = time.perf_counter()
    results = compare_cells(cfg)
    wall = time.perf_counter() - start
    rows = [{"cell": r.cell, "val_mse": r.val_loss, "baseline": r.baseline_loss, "ratio": r.ratio,
             "horizon": r.horizon["horizon"], "regime": r.horizon["regime"],
             "g1/gT": r.grad_norms[-1][0] / r.grad_norms[-1][-1], "epochs": len(r.result.history["epoch"]),
             "seconds": r.elapsed} for r in results]
    print(f"default comparison: {cfg.data.task}, lag {cfg.data.lag}, {cfg.train.epochs} epochs, "
          f"{wall:.1f} s wall")
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.4g}"))


def bench_sweep():
    start = time.perf_counter()

    def progress(cell, lag, p):
        if p.epoch == p.epochs:
            print(f"  lag {lag:3d} {cell:5s} done at {time.perf_counter() - start:5.1f} s", file=sys.stderr)

    df = lag_sweep(lab_config(), LAGS, callback=progress)
    wall = time.perf_counter() - start
    print(f"\ndefault sweep: lags {LAGS}, {len(df)} runs, {wall:.1f} s wall")
    print(df.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    table = df.pivot(index="lag", columns="cell", values="ratio")[list(dict.fromkeys(df["cell"]))]
    print("\nval / baseline ratio (> 0.5 = broken):")
    print(table.to_string(float_format=lambda v: f"{v:.3f}"))
    print(f"breaking points: {breaking_point(df)}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    if "--skip-compare" not in sys.argv:
        bench_compare()
    bench_sweep()
