"""The lag sweep with the linear cells: val/baseline per cell and lag over seeds (median, range, learnt).

Run: PYTHONPATH=. .venv/bin/python bench/bench_lab_linear.py [--cells lru,mingru] [--lags 50,200,1000]
     [--seeds 0-9] [--csv rows.csv] [--table a.csv,b.csv] [--quick]
Every run is the lab's sweep at its defaults (``lab_config``: adding task, one 32-unit layer, Adam 1e-2,
batch 64, 40 epochs up to lag 50 and proportionally fewer beyond, as the lab page trains them; no
snapshots), one seed at a time. The numbers are a pure function of the settings; only times vary.
A cell "learnt" a lag on a seed when its val/baseline ends below ``rnn_core.lab.seeds.SOLVED`` (0.1).
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
from rnn_core.config import COMPARE_CELLS
from rnn_core.lab.compare import lab_config
from rnn_core.lab.jobs import default_workers
from rnn_core.lab.seeds import SOLVED
from rnn_core.lab.sweep import lag_sweep


def run(cells, lags, seeds, workers: int, base=None, csv: str | None = None) -> pd.DataFrame:
    """Rows of every (seed, cell, lag); with ``csv``, the rows so far are written after each seed."""
    frames = []
    start = time.perf_counter()
    for seed in seeds:
        cfg = (base or lab_config()).replace(seed=seed)
        df = lag_sweep(cfg, lags, cells, workers=workers)
        frames.append(df.assign(seed=seed))
        if csv:
            pd.concat(frames, ignore_index=True).to_csv(csv, index=False)
        print(f"  seed {seed} done at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return pd.concat(frames, ignore_index=True)


def table(df: pd.DataFrame) -> str:
    """README table: one row per cell, per lag the median (range) of val/baseline and seeds learnt."""
    lags = sorted(df["lag"].unique())
    seeds = df["seed"].nunique()
    head = "| cell | " + " | ".join(f"lag {lag:,}: val/baseline (learnt)" for lag in lags) + " |"
    lines = [head, "|---|" + "---|" * len(lags)]
    for cell, rows in df.groupby("cell", sort=False):
        cells = []
        for lag in lags:
            r = rows.loc[rows["lag"] == lag, "ratio"]
            if r.empty:
                cells.append("–")
                continue
            cells.append(f"{sig(r.median())} ({sig(r.min())} – {sig(r.max())}); {(r < SOLVED).sum()} of {len(r)}")
        lines.append(f"| {cell} | " + " | ".join(cells) + " |")
    epochs = df.groupby("lag")["epochs"].max().to_dict()
    lines.append(f"\nseeds: {seeds}; epochs per lag (at most): {epochs}; learnt = val/baseline < {SOLVED:g}")
    return "\n".join(lines)


def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", default=",".join(COMPARE_CELLS))
    ap.add_argument("--lags", default="50,200,1000")
    ap.add_argument("--seeds", default="0-9", help="A-B")
    ap.add_argument("--csv", help="write the per-run rows here")
    ap.add_argument("--table", help="only print the table of these comma-separated CSVs")
    ap.add_argument("--workers", type=int, default=default_workers())
    ap.add_argument("--quick", action="store_true", help="two short lags, two seeds, tiny data: seconds")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    if args.table:
        df = pd.concat([pd.read_csv(f) for f in args.table.split(",")], ignore_index=True)
    elif args.quick:
        base = lab_config(epochs=2).replace(n_samples=100, hidden_size=4)
        df = run(args.cells.split(","), (5, 120), (0, 1), 1, base)
    else:
        a, b = (int(v) for v in args.seeds.split("-"))
        df = run(args.cells.split(","), tuple(int(v) for v in args.lags.split(",")), range(a, b + 1),
                 args.workers, csv=args.csv)
    if args.csv:
        df.to_csv(args.csv, index=False)
    print(table(df))
    return df


if __name__ == "__main__":
    main()
