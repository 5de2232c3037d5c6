"""The lab's comparison at long lags over seeds: per cell and lag, how many seeds learnt, the test ratio's
median and range, and the budget each run had.

Run: PYTHONPATH=. .venv/bin/python bench/bench_lab_lags.py [--cells rnn,lstm,gru,lru,mingru] [--lags 50,200,1000]
     [--seeds 0-9] [--csv rows.csv] [--table a.csv,b.csv] [--workers 2] [--quick]
Every run is the lab's comparison run at its defaults (``lab_config``: adding task, 32 units, one layer, LRU
two, ``in_shape``; Adam 1e-2, batch 64, 2,000 sequences; the epochs ``lag_epochs(lag)`` gives, a cell that
has solved the task stopping early; no snapshots), as ``seed_runs`` trains them (``rnn_core/lab/seeds.py``).
A cell *learnt* a lag on a seed when its test loss ends below ``LEARNT_RATIO`` (0.1) × the test baseline.
With ``--csv`` the rows so far are written after every (lag, seed), so a long run can be stopped and its
table printed from the file. The numbers are a pure function of the settings; only the times vary.
``--quick``: 4 units, 100 sequences, 2 epochs, lags 5 and 12, seeds 0-1 (seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from charts.lab_seeds import sig
from rnn_core.config import COMPARE_CELLS, in_shape
from rnn_core.lab.compare import LEARNT_RATIO, lab_config
from rnn_core.lab.jobs import default_workers
from rnn_core.lab.seeds import lag_summary, seed_runs
from rnn_core.lab.shipped import LAGS_FILE, save_lag_rows
from rnn_core.limits import budget

CHUNK = 2  # seeds trained together between two writes of the CSV


def run(cells, lags, seeds, workers: int, base=None, csv: str | None = None) -> pd.DataFrame:
    """Rows of every (lag, seed, cell), lag by lag; with ``csv``, the rows so far after each (lag, seed)."""
    frames, start = [], time.perf_counter()
    for lag in lags:
        cfg = lab_config(lag=lag) if base is None else base.replace(lag=lag)
        seeds = list(seeds)
        for k in range(0, len(seeds), CHUNK):  # a few seeds at once keeps both workers busy to the end
            chunk = seeds[k:k + CHUNK]
            frames.append(seed_runs(cfg, chunk, cells, workers=workers).assign(lag=lag, budget_epochs=cfg.train.epochs))
            if csv:
                pd.concat(frames, ignore_index=True).to_csv(csv, index=False)
            print(f"  lag {lag} seeds {chunk} done at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return pd.concat(frames, ignore_index=True)


def budget_line(lags, base=None) -> str:
    """Per lag: the epochs every cell may train and the wall-clock cap of its run (heavy runs get longer)."""
    parts = []
    for lag in lags:
        cfg = lab_config(lag=lag) if base is None else base.replace(lag=lag)
        caps = {c: budget.estimate(in_shape(cfg, c)).max_seconds for c in COMPARE_CELLS}
        parts.append(f"lag {lag:,}: up to {cfg.train.epochs} epochs, at most {min(caps.values()):g}–"
                     f"{max(caps.values()):g} s a run")
    return "; ".join(parts)


def table(df: pd.DataFrame) -> str:
    """README table: a row per cell; per lag the seeds learnt, the test ratio's median (range), median epochs."""
    summary = lag_summary(df)
    lags = sorted(summary["lag"].unique())
    head = "| cell | " + " | ".join(f"lag {lag:,}: learnt · test/baseline · epochs · s" for lag in lags) + " |"
    lines = [head, "|---|" + "---|" * len(lags)]
    for cell, rows in summary.groupby("cell", sort=False):
        out = []
        for lag in lags:
            r = rows.loc[rows["lag"] == lag]
            if r.empty:
                out.append("–")
                continue
            r = r.iloc[0]
            out.append(f"**{r['learnt']} of {r['seeds']}** · {sig(r['test_median'])} ({sig(r['test_min'])} – "
                       f"{sig(r['test_max'])}) · {r['epochs']:.0f} · {r['seconds']:.0f}")
        lines.append(f"| {cell.upper()} | " + " | ".join(out) + " |")
    epochs = df.groupby("lag")["budget_epochs"].max().to_dict() if "budget_epochs" in df else {}
    outcomes = dict(df["stopped"].value_counts())
    lines.append(f"\nseeds {df['seed'].min()}–{df['seed'].max()}; epoch budget per lag: {epochs}; outcomes: "
                 f"{outcomes}; learnt = test/baseline < {LEARNT_RATIO:g}")
    return "\n".join(lines)


def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", default=",".join(COMPARE_CELLS))
    ap.add_argument("--lags", default="50,200,1000")
    ap.add_argument("--seeds", default="0-9", help="A-B")
    ap.add_argument("--csv", help="write the per-run rows here")
    ap.add_argument("--table", help="only print the table of these comma-separated CSVs")
    ap.add_argument("--workers", type=int, default=default_workers())
    ap.add_argument("--asset", action="store_true", help=f"also write the rows the lab page shows ({LAGS_FILE.name})")
    ap.add_argument("--quick", action="store_true", help="two short lags, two seeds, tiny data: seconds")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    lags = tuple(int(v) for v in args.lags.split(","))
    base = None
    if args.table:
        df = pd.concat([pd.read_csv(f) for f in args.table.split(",")], ignore_index=True)
    elif args.quick:
        base, lags = lab_config(epochs=2).replace(n_samples=100, hidden_size=4), (5, 12)
        df = run(args.cells.split(","), lags, (0, 1), 1, base)
    else:
        a, b = (int(v) for v in args.seeds.split("-"))
        df = run(args.cells.split(","), lags, range(a, b + 1), args.workers, csv=args.csv)
    if args.csv and not args.table:
        df.to_csv(args.csv, index=False)
    if args.asset:
        save_lag_rows(df)
    print(table(df))
    if not args.table:
        print("budget: " + budget_line(lags, base))
    return df


if __name__ == "__main__":
    main()
