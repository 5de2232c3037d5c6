"""One way against both ways on the denoise task, over seeds: test error, and error by step in the window.

Run: PYTHONPATH=. .venv/bin/python bench/bench_bidir.py [--seeds 0-9] [--workers 2] [--quick]
Every run is ``BIDIR_DEMO`` (the Learn page's link into Compare) with another seed, once one way and once both
ways, on one torch thread and a frozen clock: errors are a pure function of the settings, only times are this
machine's. ``--quick``: seeds 0-1 and 5 epochs (seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from seed_runs import parse_seeds, run_jobs

from rnn_core.config import BIDIR_DEMO, RunConfig
from rnn_core.engine.metrics import step_mse
from rnn_core.engine.train import train
from rnn_core.limits.clock import frozen


def one_run(args) -> dict:
    cfg, seed, bidirectional = args
    torch.set_num_threads(1)
    start = time.perf_counter()
    res = train(cfg.replace(seed=seed, bidirectional=bidirectional), baselines=False, timer=frozen)
    elapsed = time.perf_counter() - start
    with torch.no_grad():
        res.model.eval()
        steps = step_mse(res.data.y_test.numpy(), res.model(res.data.x_test).numpy())
    return {"seed": seed, "bidirectional": bidirectional, "test_loss": res.metrics["test_loss"],
            "first_step": steps[0], "middle_step": steps[len(steps) // 2], "last_step": steps[-1],
            "mean_step": steps.mean(),
            "epochs": len(res.history["epoch"]), "elapsed": elapsed}



def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-9")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    cfg: RunConfig = BIDIR_DEMO
    seeds = parse_seeds(args.seeds)
    if args.quick:
        cfg, seeds = cfg.replace(epochs=5), [0, 1]
    jobs = [(cfg, s, b) for s in seeds for b in ("off", "on")]
    rows = run_jobs(one_run, jobs, args.workers)
    df = pd.DataFrame(rows)
    wide = df.pivot(index="seed", columns="bidirectional", values="test_loss")
    wins = int((wide["on"] < wide["off"]).sum())
    m, d = cfg.model, cfg.data
    print(f"denoise {d.dataset}, noise {d.noise:g}, seq_len {d.seq_len}; {m.cell} {m.num_layers}×{m.hidden_size}, "
          f"{cfg.train.epochs} epochs at most; seeds {seeds[0]}-{seeds[-1]}")
    for key, part in df.groupby("bidirectional", sort=False):
        print(f"{'both ways' if key == 'on' else 'one way  '}: test MSE median {part.test_loss.median():.4f} "
              f"({part.test_loss.min():.4f}–{part.test_loss.max():.4f}); by step: first "
              f"{part.first_step.median():.4f}, middle {part.middle_step.median():.4f}, last "
              f"{part.last_step.median():.4f}; {part.epochs.median():.0f} epochs, "
              f"{part.elapsed.median():.1f} s (median)")
    one, both = (df[df.bidirectional == b].set_index("seed") for b in ("off", "on"))
    worst = int(((one.first_step > one.middle_step) & (one.first_step > one.last_step)).sum())
    first = both.first_step / one.first_step
    print(f"one way: the first step errs most on {worst} of {len(one)} seeds; both ways cut the first step's error "
          f"to {first.median():.2f} ({first.min():.2f}–{first.max():.2f}) of one way's")
    ratio = (wide["on"] / wide["off"])
    print(f"both ways lower on {wins} of {len(wide)} seeds; error ratio both/one median {ratio.median():.2f} "
          f"({ratio.min():.2f}–{ratio.max():.2f})")
    return df


if __name__ == "__main__":
    main(sys.argv[1:])
