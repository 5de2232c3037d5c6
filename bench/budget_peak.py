"""Measured peak memory of runs next to the budget's estimate, each run in a fresh process.

For every config: the process imports torch and trains a tiny run (the idle baseline), then trains the
config and traces the windows the views would, and reports the peak RSS above the baseline.
``PYTHONPATH=. .venv/bin/python bench/budget_peak.py`` prints a table (the default, the largest model and
the configs nearest to the memory cap); ``--quick``: the default config for 2 epochs only (seconds; the
test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
import rnn_core  # first: pins torch's CPU numerics (rnn_core/numerics.py)
import torch
torch.set_num_threads(1)
from rnn_core.config import RunConfig
from rnn_core.engine.train import train
from rnn_core.engine.instrument import trace
from rnn_core.limits import budget
import dataclasses, os
if os.environ.get("CALIBRATE"):  # measure runs beyond the caps too
    budget.BUDGET = dataclasses.replace(budget.BUDGET, max_run_bytes=1e12, max_batch_macs=1e15)
train(RunConfig().replace(epochs=2, hidden_size=4), baselines=False)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
cfg = RunConfig.from_params(json.loads(sys.argv[1]))
est = budget.check(cfg)
t0 = time.perf_counter()
res = train(cfg, baselines=False)
n = budget.trace_windows(cfg, est.steps, budget.VIEW_WINDOWS)
tr = trace(res.model, res.data.x_train[:n], res.data.y_train[:n])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"estimate": est.total_bytes, "measured": peak - base, "base": base,
                  "seconds": time.perf_counter() - t0, "stopped": res.stopped}))
"""

CONFIGS = [  # the default, the largest model, and the allowed configs whose estimate is closest to the cap
    {},
    {"hidden_size": "256", "num_layers": "4", "batch_size": "32", "epochs": "3"},
    {"task": "classify", "cell": "rnn", "hidden_size": "64", "num_layers": "2", "batch_size": "32", "seq_len": "400",
     "n_samples": "4000", "epochs": "3"},
    {"task": "adding", "cell": "rnn", "hidden_size": "128", "num_layers": "1", "batch_size": "32", "lag": "400",
     "n_samples": "2000", "epochs": "3"},
    {"task": "classify", "cell": "lstm", "hidden_size": "64", "num_layers": "1", "batch_size": "16", "seq_len": "400",
     "n_samples": "4000", "epochs": "3"},
]


def measure(params: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(params)], capture_output=True, text=True,
                         timeout=900)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the default config, 2 epochs (seconds)")
    args = ap.parse_args(argv)
    rows = []
    print("| config | estimate MB | measured peak above idle MB | s |")
    print("|---|---|---|---|")
    for params in [{"epochs": "2"}] if args.quick else CONFIGS:
        r = measure(params)
        rows.append({"params": params, **r})
        name = ", ".join(f"{k}={v}" for k, v in params.items()) or "default"
        if "error" in r:
            print(f"| {name} | refused: {r['error'][:80]} | | |")
        else:
            print(f"| {name} | {r['estimate'] / 1e6:.0f} | {r['measured'] / 1e6:.0f} | {r['seconds']:.1f} |")
        sys.stdout.flush()
    return rows


if __name__ == "__main__":
    main()
