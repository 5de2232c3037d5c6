"""Surname benchmark: every cell on the names task, the tutorial's model without and with tanh, the
majority baseline; test accuracy, balanced accuracy and training time; the default over several seeds;
the speed of the tutorial's per-name loop against the batched fused path.

Run: PYTHONPATH=. .venv/bin/python bench/bench_names.py [--seeds 0,1,2] [--tutorial-epochs 2] [--quick]
Every run uses one torch thread; accuracies are a pure function of the config, the times are this machine's.
``--quick``: the default for one epoch (seed 0) and the tutorial's loop cut at 2 s (seconds; the test suite
runs it, the numbers mean nothing).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from rnn_core.config import CELL_DEFAULTS, TASK_DEFAULTS, RunConfig
from rnn_core.engine.train import train
from rnn_core.names import report

DEFAULT = RunConfig().replace(task="names", **{**TASK_DEFAULTS["names"], "time_budget": 120.0})


FLIP_CANDIDATES = ("Dostoevsky", "Nguyen", "Schmidt", "O'Neill", "MacDonald", "Rossi", "Kowalski", "Yamamoto",
                   "Smirnov", "Tanaka", "Gonzalez", "Papadopoulos", "Fitzgerald", "Zhang", "Novak", "Moreau",
                   "Kim", "Silva", "Van der Berg", "Hashimoto", "Abbasi", "Schneider", "Satoshi", "Mikhailov")


def flip_paths(model, languages) -> list[str]:
    """For each candidate name: its first guess after every letter, where that guess changes."""
    from rnn_core.names import per_letter

    out = []
    for name in FLIP_CANDIDATES:
        top = per_letter(model, name).argmax(1)
        steps = [f"{name[:k + 1]}→{languages[c]}" for k, c in enumerate(top) if k == 0 or c != top[k - 1]]
        out.append(f"{name} ({len(steps) - 1} flips): " + ", ".join(steps))
    return out


def run(cfg: RunConfig, flips: bool = False) -> dict:
    start = time.perf_counter()
    res = train(cfg, baselines=False)
    if flips:
        print("\n".join(flip_paths(res.model, res.data.class_names)), flush=True)
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


def speed_of_fused(cfg: RunConfig) -> float:
    """Seconds per epoch of the batched fused path (one short run)."""
    res = train(cfg.replace(epochs=1), baselines=False)
    return res.elapsed


def markdown(df: pd.DataFrame) -> str:
    cell = lambda v: f"{v:.3f}" if isinstance(v, float) else str(v)  # noqa: E731
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def main(argv=None) -> pd.DataFrame:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", default="0,1,2", help="seeds of the default run (split and weights)")
    p.add_argument("--tutorial-epochs", type=int, default=1)
    p.add_argument("--rows", default="default,unweighted,rnn,lstm,scratch,tutorial,tutorial_tanh",
                   help="which rows to run (split the table over processes)")
    p.add_argument("--quick", action="store_true", help="one epoch, two rows (seconds)")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    seeds = [int(s) for s in args.seeds.split(",")]

    wanted, base, tutorial = args.rows.split(","), DEFAULT, {}
    if args.quick:
        seeds, wanted, base = [0], ["default", "tutorial_tanh"], DEFAULT.replace(epochs=1)
        tutorial = {"time_budget": 2.0}  # the per-name loop: cut inside its first epoch
    rows = []
    for seed in seeds if "default" in wanted else []:
        r = run(base.replace(seed=seed, data_seed=seed), flips=seed == seeds[0])
        rows.append({"model": f"default: {label(base)}", "seed": seed, **r})
        print(rows[-1], flush=True)
    configs = {"unweighted": base.replace(class_weight="none"),
               **{c: base.replace(cell=c) for c in ("rnn", "lstm", "scratch")},
               **{c: base.replace(cell=c, class_weight="none", epochs=args.tutorial_epochs, **CELL_DEFAULTS[c],
                                  **tutorial)
                  for c in ("tutorial", "tutorial_tanh")}}
    for cfg in (configs[k] for k in wanted if k in configs):
        rows.append({"model": label(cfg), "seed": 0, **run(cfg)})
        print(rows[-1], flush=True)
    df = pd.DataFrame(rows)
    majority = df["majority"].iloc[0]
    print("\nmajority baseline (always Russian): accuracy", f"{majority:.3f}", "balanced", f"{1 / 18:.3f}")
    d = df[df["model"].str.startswith("default")]
    if len(d):
        print(f"default over seeds {seeds}: accuracy {d.accuracy.mean():.3f} (min {d.accuracy.min():.3f}), "
              f"balanced {d.balanced.mean():.3f} (min {d.balanced.min():.3f}), train {d.train_s.median():.1f} s median")
    print()
    print(markdown(df.drop(columns=["majority"])))
    tut = df[df["model"].str.startswith("tutorial_tanh")]
    if len(tut):
        fused = speed_of_fused(base.replace(cell="rnn"))
        ratio = float(tut["s_per_epoch"].iloc[0] / fused)
        print(f"\nper-name loop (tutorial_tanh, batch 1): {tut['s_per_epoch'].iloc[0]:.1f} s per epoch; batched "
              f"fused nn.RNN (tanh, batch 64, same size): {fused:.2f} s per epoch; ratio {ratio:.0f}×")
    print(f"\nnumbers: {np.__name__} {np.__version__}, torch {torch.__version__}, one thread")
    return df


if __name__ == "__main__":
    main()
