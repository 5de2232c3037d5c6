"""Date-translator benchmark over seeds: exact-match accuracy with and without attention, by input length.

Run: PYTHONPATH=. .venv/bin/python bench/bench_dates.py [--seeds 0-9] [--epochs 4] [--hidden 32] [--teacher on]
     [--workers 2] [--quick]
Every run is the page's default pair (``DateConfig()``) with the given settings and another training seed, on one
torch thread. Accuracies are a pure function of the settings; only the times are this machine's.
``--quick``: 8 units, 1 epoch, seed 0 (seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from seed_runs import parse_seeds, run_jobs

from rnn_core.dates.config import DateConfig
from rnn_core.dates.train import BANDS, train


def one_run(args) -> dict:
    cfg, attention = args
    torch.set_num_threads(1)
    r = train(cfg, attention)
    return {"seed": cfg.dt_seed, "attention": attention, "exact": r.exact, "elapsed": r.elapsed,
            **{f"len {b}": acc for b, (acc, _) in r.by_length.items()}}


def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-9")
    ap.add_argument("--epochs", type=int, default=DateConfig().dt_epochs)
    ap.add_argument("--hidden", type=int, default=DateConfig().dt_hidden)
    ap.add_argument("--teacher", default="on")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    base = DateConfig(dt_epochs=args.epochs, dt_hidden=args.hidden, dt_teacher=args.teacher)
    if args.quick:
        base, seeds = DateConfig(dt_hidden=8, dt_epochs=1), [0]
    jobs = [(base.replace(dt_seed=s), a) for s in seeds for a in (True, False)]
    rows = run_jobs(one_run, jobs, args.workers)
    df = pd.DataFrame(rows)
    cols = ["exact", *(f"len {b}" for b in BANDS if f"len {b}" in df)]
    print(f"{base.dt_cell}, {base.dt_hidden} units, {base.dt_epochs} epochs, teacher forcing {base.dt_teacher}; "
          f"seeds {seeds[0]}-{seeds[-1]}; exact match on the test dates, median [min, max]")
    for attention, g in df.groupby("attention", sort=False):
        cells = [f"{c}: {g[c].median():.1%} [{g[c].min():.1%}, {g[c].max():.1%}]" for c in cols]
        print(f"  {'with' if attention else 'without'} attention ({g.elapsed.median():.0f} s): " + "; ".join(cells))
    wide = df.pivot(index="seed", columns="attention", values="exact")
    print(f"  attention ahead on {int((wide[True] > wide[False]).sum())} of {len(wide)} seeds")
    return df


if __name__ == "__main__":
    main(sys.argv[1:])
