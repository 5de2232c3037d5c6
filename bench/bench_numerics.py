"""What the pinned numerics cost: the same work under the pin and under the CPU's own kernels, side by side.

Run: PYTHONPATH=. .venv/bin/python bench/bench_numerics.py [--quick] [--rounds N]
Each measurement is a fresh interpreter (the kernels are chosen when torch loads), pinned and native in
alternation, on one torch thread; each figure is the least CPU time over the rounds. The work: the
reference fused LSTM 2×32 training step, the default airline run at a fixed 120 epochs (unpinned kernels
stop early elsewhere, so the fixed count compares like with like), and a lab comparison (the adding problem
at lag 50, RNN · LSTM · GRU · LRU · minGRU, 5 epochs each). ``--quick``: one round of little work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
import rnn_core
import torch
from rnn_core.config import COMPARE_CELLS, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.models import build_model
from rnn_core.lab.compare import lab_config
from rnn_core.fingerprint import train_case
quick = sys.argv[1] == "quick"
torch.set_num_threads(1)
cpu = time.process_time
out = {"numerics": rnn_core.numerics.state, "capability": torch.backends.cpu.get_cpu_capability()}
cfg = RunConfig()
data = prepare(cfg.data)
model = build_model(cfg.model, data.input_size, data.output_size, data.output_mode, data.loss, data.horizon, 0)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
def step():
    opt.zero_grad()
    model.loss(model(data.x_train), data.y_train).backward()
    opt.step()
n = 5 if quick else 200
step()
t = cpu(); [step() for _ in range(n)]; out["step_ms"] = 1e3 * (cpu() - t) / n
epochs = 5 if quick else 120
t = cpu(); train_case(cfg.replace(epochs=epochs, patience=0)); out["default_run_s"] = cpu() - t
out["default_epochs"] = epochs
cells = COMPARE_CELLS[:1] if quick else COMPARE_CELLS
t = cpu()
for cell in cells:
    train_case(lab_config("adding", 50, cell, epochs=1 if quick else 5))
out["lab_s"] = cpu() - t
print(json.dumps(out))
"""


def measure(mode: str, quick: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "RNN_NUMERICS"}
    env["PYTHONPATH"] = str(ROOT)
    if mode == "native":
        env["RNN_NUMERICS"] = "native"
    run = subprocess.run([sys.executable, "-c", CHILD, "quick" if quick else "full"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=900, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for mode in ("pinned", "native"):  # alternated, so a busy moment hits both alike
            got = measure(mode, args.quick)
            keep = best.setdefault(mode, got)
            for k in ("step_ms", "default_run_s", "lab_s"):
                keep[k] = min(keep[k], got[k])
    pinned, native = best["pinned"], best["native"]
    print(f"numerics: pinned ({pinned['capability']} kernels) vs native ({native['capability']} kernels), "
          f"least CPU time of {rounds} round(s)")
    print(f"{'work':<44}{'pinned':>10}{'native':>10}{'ratio':>8}")
    rows = {"fused LSTM 2×32 training step (ms)": "step_ms",
            f"default run, {pinned['default_epochs']} epochs (s)": "default_run_s",
            "lab comparison, lag 50, five cells (s)": "lab_s"}
    for label, k in rows.items():
        print(f"{label:<44}{pinned[k]:>10.3f}{native[k]:>10.3f}{pinned[k] / native[k]:>8.2f}")
    return best


if __name__ == "__main__":
    main()
