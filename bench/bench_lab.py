"""Lab benchmark: the default comparison at lag 50 over seeds 0-9 (median and range per cell), its wall
time, and the default lag sweep's.

Run: PYTHONPATH=. .venv/bin/python bench/bench_lab.py [--seeds 0-9] [--skip-seeds] [--skip-sweep] [--quick]
``--quick``: 8 units, 200 sequences, lag 10, 2 epochs, seeds 0-1, lags 5 and 10 (seconds; the test suite runs it).
Every run uses one torch thread; the numbers are a pure function of the config, the times are this
machine's. CPU time (process time) is printed beside wall time, and a reference step (the engine
benchmark's fused LSTM 2×32 training step, 4.86 ms on a quiet 2-core CPU) is timed before each part:
on a busy machine, CPU time × 4.86 ms / the reference step's CPU time estimates the quiet wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from charts.lab_seeds import sig
from rnn_core.config import RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.models import build_model
from rnn_core.lab.compare import compare_cells, lab_config
from rnn_core.lab.jobs import default_workers
from rnn_core.lab.seeds import SOLVED, seed_runs, spread
from rnn_core.lab.sweep import LAGS, breaking_point, lag_sweep

WORKERS = [default_workers()]  # trainings at once, as the app runs them (--workers 1: one after the other)
REF_ROUNDS = [7]  # rounds of 20 reference steps timed before each part (--quick: 1)
QUIET_STEP = 4.86e-3  # seconds: the reference step on a quiet 2-core CPU (bench/bench_engine.py, README)


def reference_step() -> float:
    """Median CPU seconds of one fused training step of the default airline LSTM (2×32, full batch)."""
    cfg = RunConfig()
    data = prepare(cfg.data)
    model = build_model(cfg.model, data.input_size, data.output_size, data.output_mode, data.loss, data.horizon, 0)
    opt = torch.optim.Adam(model.parameters(), 1e-2)

    def step():
        loss = model.loss(model(data.x_train), data.y_train)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    rounds = []
    for _ in range(REF_ROUNDS[0]):
        cpu = time.process_time()
        for _ in range(20):
            step()
        rounds.append((time.process_time() - cpu) / 20)
    return statistics.median(rounds)


def timed(fn):
    """``fn()``, its wall and CPU seconds, and the quiet-machine estimate from the reference step."""
    slow = reference_step() / QUIET_STEP
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"[reference step {slow:.1f}× its quiet time: at that speed this part would take about {wall / slow:.0f} s "
          f"wall ({cpu / slow:.0f} s of CPU), with {WORKERS[0]} training(s) at once]")
    return out, wall, cpu


def bench_compare(cfg: RunConfig) -> list[dict]:
    results, wall, cpu = timed(lambda: compare_cells(cfg, workers=WORKERS[0]))
    rows = [{"cell": r.cell.upper(), "val_mse": sig(r.val_loss), "baseline": sig(r.baseline_loss),
             "ratio": sig(r.ratio), "test_ratio": sig(r.test_ratio), "solved": r.solved,
             "horizon": sig(r.horizon["horizon"]), "regime": r.horizon["regime"],
             "g1/gT": sig(r.grad_norms[-1][0] / r.grad_norms[-1][-1]), "epochs": len(r.result.history["epoch"]),
             "stopped": r.result.stopped, "seconds": f"{r.elapsed:.1f}"} for r in results]
    print(f"default comparison: {cfg.data.task}, lag {cfg.data.lag}, seed {cfg.train.seed}, up to {cfg.train.epochs} "
          f"epochs: {wall:.1f} s wall, {cpu:.1f} s CPU")
    print(pd.DataFrame(rows).to_string(index=False))
    return rows


def _range(s, m):
    return f"{sig(s[m + '_median'])} ({sig(s[m + '_min'])} – {sig(s[m + '_max'])})"


def bench_seeds(cfg: RunConfig, seeds, csv: str | None = None) -> pd.DataFrame:
    def progress(seed, cell, p):
        if p.epoch == 1:
            print(f"  seed {seed} {cell:5s} started at {time.perf_counter() - start:6.1f} s", file=sys.stderr)

    start = time.perf_counter()
    df, wall, cpu = timed(lambda: seed_runs(cfg, seeds, callback=progress, workers=WORKERS[0]))
    print(f"\nseeds {seeds[0]}-{seeds[-1]}, lag 50: {len(df)} runs, {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({wall / len(seeds):.1f} s wall per comparison without snapshots)")
    if csv:
        df.to_csv(csv, index=False)
    seed_table(df)
    return df


def seed_table(df: pd.DataFrame) -> None:
    """Per seed val/baseline, then the README table: median (range) over the seeds of each cell."""
    for col in ("ratio", "test_ratio"):
        table = df.pivot(index="seed", columns="cell", values=col)[list(dict.fromkeys(df["cell"]))]
        print(f"{'val' if col == 'ratio' else 'test'} / baseline per seed:")
        print(table.to_string(float_format=sig))
    per = df.groupby("cell", sort=False)[["epochs", "elapsed"]].median()
    print(f"median epochs and seconds per cell (outcomes: {dict(df['stopped'].value_counts())}):")
    print(per.to_string(float_format=lambda v: f"{v:.1f}"))
    print(f"\n| cell (seeds {df['seed'].min()}–{df['seed'].max()}) | learnt (test/baseline < {SOLVED:g}) | "
          "test / baseline | val / baseline | memory horizon τ (steps) | ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ |")
    print("|---|---|---|---|---|---|")
    for _, s in spread(df, SOLVED).iterrows():
        print(f"| {s['cell'].upper()} | {s['solved_test']} of {s['seeds']} (val: {s['solved']}) | "
              f"{_range(s, 'test_ratio')} | {_range(s, 'ratio')} | {_range(s, 'horizon')} | {_range(s, 'reach')} |")


def bench_sweep(cfg: RunConfig, lags=LAGS) -> pd.DataFrame:
    start = time.perf_counter()

    def progress(cell, lag, p):
        if p.epoch == 1:
            print(f"  lag {lag:3d} {cell:5s} started at {time.perf_counter() - start:5.1f} s", file=sys.stderr)

    df, wall, cpu = timed(lambda: lag_sweep(cfg, lags, callback=progress, workers=WORKERS[0]))
    print(f"\ndefault sweep: lags {lags}, {len(df)} runs, {wall:.1f} s wall, {cpu:.1f} s CPU")
    shown = df.assign(**{c: df[c].map(sig) for c in ("val_loss", "baseline_loss", "ratio", "horizon")},
                      elapsed=df["elapsed"].map(lambda v: f"{v:.1f}"))
    print(shown.to_string(index=False))
    table = df.pivot(index="lag", columns="cell", values="ratio")[list(dict.fromkeys(df["cell"]))]
    print("\nval / baseline ratio (> 0.5 = broken):")
    print(table.to_string(float_format=sig))
    print(f"breaking points: {breaking_point(df)}")
    return df


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-9", help="seeds A-B for the spread table (default 0-9)")
    ap.add_argument("--csv", help="also write the per-seed rows here")
    ap.add_argument("--table", help="only print the spread table of these comma-separated per-seed CSVs")
    ap.add_argument("--skip-compare", action="store_true")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--skip-sweep", action="store_true")
    ap.add_argument("--workers", type=int, default=WORKERS[0], help="trainings at once (default: as the app)")
    ap.add_argument("--quick", action="store_true", help="tiny runs, two seeds, two lags (seconds)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    WORKERS[0] = args.workers
    if args.table:
        seed_table(pd.concat([pd.read_csv(f) for f in args.table.split(",")]).sort_values(["seed"], kind="stable"))
        return {}
    cfg, lags, seeds = lab_config(), LAGS, args.seeds
    if args.quick:
        REF_ROUNDS[0] = 1
        cfg, lags, seeds = lab_config(lag=10, epochs=2).replace(hidden_size=8, n_samples=200), (5, 10), "0-1"
    out = {}
    if not args.skip_compare:
        out["compare"] = bench_compare(cfg)
    if not args.skip_seeds:
        a, b = (int(v) for v in seeds.split("-"))
        out["seeds"] = bench_seeds(cfg, list(range(a, b + 1)), args.csv)
    if not args.skip_sweep:
        out["sweep"] = bench_sweep(cfg, lags)
    return out


if __name__ == "__main__":
    main()
