"""Surname benchmark: every cell on the names task, the tutorial's model without and with tanh, the
majority baseline; test accuracy, balanced accuracy and training time; the default over several seeds;
the speed of the tutorial's per-name loop against the batched fused path.

Run: PYTHONPATH=. .venv/bin/python bench/bench_names.py [--seeds 0,1,2] [--tutorial-epochs 2] [--quick]
Every run uses one torch thread; accuracies are a pure function of the config, the times are this machine's.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
import torch

from rnn_core.config import CELL_DEFAULTS, TASK_DEFAULTS, RunConfig
from rnn_core.names import report
from rnn_core.train import train

DEFAULT = RunConfig().replace(task="names", **{**TASK_DEFAULTS["names"], "time_budget": 600.0})


def run(cfg: RunConfig) -> dict:
    start = time.perf_counter()
    res = train(cfg, baselines=False)
    wall = time.perf_counter() - start
    rep = report(res.model, res.data)
    epochs = len(res.history["epoch"])
    return {"accuracy": rep["accuracy"], "balanced": rep["balanced_accuracy"], "train_s": res.elapsed,
            "wall_s": wall, "epochs": epochs, "s_per_epoch": res.elapsed / max(epochs, 1),
            "majority": rep["majority_accuracy"], "stopped": res.stopped}


def label(cfg: RunConfig) -> str:
    m, tc = cfg.model, cfg.train
    opt = {"adam": "Adam", "sgd": "SGD+momentum", "plain_sgd": "SGD"}[tc.optimizer]
    return (f"{m.cell} {m.num_layers}×{m.hidden_size}, {opt} {tc.lr:g}, batch {tc.batch_size}, "
            f"{tc.epochs} ep, weights {tc.class_weight}")


def markdown(df: pd.DataFrame) -> str:
    cell = lambda v: f"{v:.3f}" if isinstance(v, float) else str(v)  # noqa: E731
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", default="0,1,2", help="seeds of the default run (split and weights)")
    p.add_argument("--tutorial-epochs", type=int, default=2)
    p.add_argument("--quick", action="store_true", help="skip the tutorial's per-name runs")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    seeds = [int(s) for s in args.seeds.split(",")]

    rows = []
    for seed in seeds:
        r = run(DEFAULT.replace(seed=seed, data_seed=seed))
        rows.append({"model": f"default: {label(DEFAULT)}", "seed": seed, **r})
        print(rows[-1], flush=True)
    configs = [DEFAULT.replace(class_weight="none")]
    configs += [DEFAULT.replace(cell=c) for c in ("rnn", "lstm", "scratch")]
    if not args.quick:
        configs += [DEFAULT.replace(cell=c, class_weight="none", epochs=args.tutorial_epochs,
                                    **CELL_DEFAULTS[c]) for c in ("tutorial", "tutorial_tanh")]
    for cfg in configs:
        rows.append({"model": label(cfg), "seed": 0, **run(cfg)})
        print(rows[-1], flush=True)
    df = pd.DataFrame(rows)
    majority = df["majority"].iloc[0]
    print("\nmajority baseline (always Russian): accuracy", f"{majority:.3f}", "balanced", f"{1 / 18:.3f}")
    d = df[df["model"].str.startswith("default")]
    print(f"default over seeds {seeds}: accuracy {d.accuracy.mean():.3f} (min {d.accuracy.min():.3f}), "
          f"balanced {d.balanced.mean():.3f} (min {d.balanced.min():.3f}), train {d.train_s.median():.1f} s median")
    print()
    print(markdown(df.drop(columns=["majority"])))
    tut = df[df["model"].str.startswith("tutorial_tanh")]
    fused = df[df["model"].str.startswith("rnn")]
    if len(tut) and len(fused):
        ratio = float(tut["s_per_epoch"].iloc[0] / fused["s_per_epoch"].iloc[0])
        print(f"\nper-name loop (tutorial_tanh, batch 1) vs batched fused nn.RNN (batch 64), same size: "
              f"{ratio:.1f}× slower per epoch")
    print(f"\nnumbers: {np.__name__} {np.__version__}, torch {torch.__version__}, one thread")


if __name__ == "__main__":
    main()
