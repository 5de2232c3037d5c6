"""How good is the training-time estimate? Actual against estimated seconds over configurations that span
cells, sizes, datasets and tasks.

``rnn_core.limits.cost.estimate_seconds`` decides what a page says before a run ("Train (≈ N s)") and how the
run is announced; this bench trains each configuration (one torch thread) and prints, per config, the
estimate, the wall time, the CPU time of the run and epochs trained, then the median and the worst
actual/estimate ratio. CPU time is the fairer figure on a shared machine: other processes stretch wall
time but not the run's own work.

    PYTHONPATH=. .venv/bin/python bench/bench_estimate.py           # every configuration
    PYTHONPATH=. .venv/bin/python bench/bench_estimate.py --quick   # three small ones (the test suite)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import rnn_core  # noqa: E402, F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch  # noqa: E402

from rnn_core.config import RunConfig  # noqa: E402
from rnn_core.data.datasets import prepare  # noqa: E402
from rnn_core.engine.train import train, warm_up  # noqa: E402
from rnn_core.fit import fit  # noqa: E402
from rnn_core.limits.cost import estimate_seconds  # noqa: E402

CONFIGS = [  # URL params, as a link would carry them
    {},
    {"cell": "rnn"}, {"cell": "gru"}, {"cell": "scratch"},
    {"cell": "lstm", "hidden_size": "64"}, {"cell": "gru", "num_layers": "3", "hidden_size": "64"},
    {"cell": "rnn", "num_layers": "1", "hidden_size": "16"}, {"cell": "lstm", "num_layers": "4", "hidden_size": "128"},
    {"dataset": "sine", "cell": "gru"}, {"dataset": "sine", "cell": "lstm", "hidden_size": "64"},
    {"dataset": "noisy_sine", "cell": "rnn", "seq_len": "48"}, {"dataset": "square", "cell": "gru", "seq_len": "24"},
    {"dataset": "ar2", "cell": "lstm", "transform": "none"}, {"dataset": "trend_season", "cell": "scratch"},
    {"dataset": "random_walk", "transform": "none", "cell": "gru", "batch_size": "32"},
    {"task": "multistep", "dataset": "sine", "cell": "lstm"}, {"task": "multistep", "cell": "gru"},
    {"task": "denoise", "dataset": "noisy_sine", "cell": "gru"}, {"task": "denoise", "dataset": "sine", "cell": "rnn"},
    {"task": "classify", "cell": "lstm", "epochs": "40", "batch_size": "64", "patience": "10"},
    {"task": "adding", "lag": "20", "cell": "gru", "epochs": "20", "batch_size": "64", "n_samples": "1000"},
    {"task": "recall", "lag": "10", "cell": "lstm", "epochs": "30", "batch_size": "64"},
    {"task": "first_value", "lag": "30", "cell": "rnn", "epochs": "20", "batch_size": "64"},
    {"cell": "lstm", "batch_size": "16", "epochs": "60", "patience": "0"},
]
QUICK = [{"cell": "rnn", "num_layers": "1", "hidden_size": "16", "epochs": "20"},
         {"task": "denoise", "dataset": "sine", "cell": "gru", "epochs": "10"},
         {"task": "adding", "lag": "10", "cell": "lstm", "epochs": "3", "n_samples": "200", "batch_size": "64"}]


def measure(params: dict) -> dict:
    cfg = RunConfig.from_params(fit({**RunConfig().to_params(), **params}))  # as the sidebar fits a link
    data = prepare(cfg.data)
    est = estimate_seconds(cfg, data)
    wall, cpu = time.perf_counter(), time.process_time()
    res = train(cfg, data, baselines=False)
    return {"params": params, "estimate": est, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
            "epochs": len(res.history["epoch"]), "max_epochs": cfg.train.epochs}


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    warm_up()
    rows = [measure(p) for p in (QUICK if args.quick else CONFIGS)]
    print("| config | estimate s | wall s | cpu s | epochs | cpu / estimate |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        name = " ".join(f"{k}={v}" for k, v in r["params"].items()) or "default"
        print(f"| {name} | {r['estimate']:.2f} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['epochs']}/{r['max_epochs']} "
              f"| {r['cpu'] / r['estimate']:.2f} |")
    for kind in ("cpu", "wall"):
        ratios = [r[kind] / r["estimate"] for r in rows]
        worst = max(ratios, key=lambda q: max(q, 1 / q))
        print(f"{kind} / estimate over {len(rows)} configs: median {statistics.median(ratios):.2f}, "
              f"range {min(ratios):.2f} – {max(ratios):.2f}, worst {worst:.2f}")
    return rows


if __name__ == "__main__":
    main()
