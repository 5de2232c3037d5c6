"""Linear recurrences: training time per epoch, sequential loop vs scans vs fused nn.LSTM.

Run: PYTHONPATH=. .venv/bin/python bench/bench_linear.py [--quick] [--lengths 100,1000,10000]
An epoch is 256 sequences in batches of 64 (one layer of 32 units, one input, a read-out of the last
state, MSE, Adam): forward, backward and update. Each (cell, path, T) is timed over whole training
steps on one torch thread: CPU seconds of this process (``time.process_time``), the least of a few rounds
after a warm-up, so that other work on a shared machine disturbs the ratios less than it would wall time.
Paths: ``loop`` (T steps), ``blocked`` (the training path, about 2√T vectorised steps) and ``scan`` (no
sequential loop: recursive doubling for LRU, Feng et al.'s log-space scan for the min cells); see
``rnn_core/engine/scans.py``. Also printed: the floats autograd keeps per unit and step of the blocked path
(``saved_tensors_hooks``), the ``stored_per_unit`` figures of ``rnn_core/cells.py`` the budget uses.
"""

from __future__ import annotations

import argparse

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from cpu_clock import best_of

from rnn_core.config import LINEAR_CELLS, ModelConfig
from rnn_core.engine.models import build_model

EPOCH, BATCH, HIDDEN = 256, 64, 32


def _model(cell: str, hidden: int):
    return build_model(ModelConfig(cell=cell, num_layers=1, hidden_size=hidden), 1, 1, "last")


def step_seconds(cell: str, path: str, T: int, batch: int, hidden: int, rounds: int) -> float:
    """Least CPU seconds of one training step (forward, backward, Adam) of ``batch`` sequences of ``T``."""
    model = _model(cell, hidden)
    if cell in LINEAR_CELLS:
        model.rnn.path = path
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(batch, T, 1, generator=g), torch.randn(batch, 1, generator=g)

    def step():
        loss = model.loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return best_of(step, rounds)


def saved_floats(cell: str, T: int, batch: int = 8, hidden: int = HIDDEN) -> float:
    """Floats autograd keeps per unit and step for one training forward (unique storages)."""
    model, seen = _model(cell, hidden), {}

    def pack(t):
        seen[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        model(torch.randn(batch, T, 1))
    return sum(seen.values()) / (4 * batch * T * hidden)


def run(lengths, cells, batch: int, epoch: int, hidden: int, rounds: int, loop_limit: int) -> list[dict]:
    """One row per (cell, T): seconds per epoch of each path and of nn.LSTM, and the speed-ups."""
    rows = []
    per_epoch = -(-epoch // batch)
    for T in lengths:
        few = rounds if T <= loop_limit else 1  # the slow paths at 10,000 steps: one round
        lstm = step_seconds("lstm", "", T, batch, hidden, few) * per_epoch
        for cell in cells:
            secs = {path: step_seconds(cell, path, T, batch, hidden, rounds if path == "blocked" else few) * per_epoch
                    for path in ("blocked", "scan", "loop")}
            rows.append({"cell": cell, "T": T, "loop_s": secs["loop"], "blocked_s": secs["blocked"],
                         "scan_s": secs["scan"], "lstm_s": lstm, "loop/blocked": secs["loop"] / secs["blocked"],
                         "lstm/blocked": lstm / secs["blocked"],
                         "saved_floats": saved_floats(cell, min(T, 4000), hidden=hidden)})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| cell | T | loop | blocked scan (training) | parallel scan | nn.LSTM (fused) | "
             "blocked vs its loop | blocked vs nn.LSTM | floats kept per unit·step |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['cell']} | {r['T']:,} | {r['loop_s']:.3g} | {r['blocked_s']:.3g} | {r['scan_s']:.3g} | "
                     f"{r['lstm_s']:.3g} | {r['loop/blocked']:.1f}× faster | {r['lstm/blocked']:.2g}× | "
                     f"{r['saved_floats']:.1f} |")
    return "\n".join(lines)


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes, seconds: checks the script runs")
    ap.add_argument("--lengths", default="100,1000,10000", help="sequence lengths T, comma-separated")
    ap.add_argument("--cells", default=",".join(LINEAR_CELLS))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    cells = args.cells.split(",")
    if args.quick:
        rows = run((10, 40), cells, batch=4, epoch=8, hidden=4, rounds=1, loop_limit=40)
    else:
        rows = run(tuple(int(v) for v in args.lengths.split(",")), cells, BATCH, EPOCH, HIDDEN, args.rounds,
                   loop_limit=1000)
    print(table(rows))
    return rows


if __name__ == "__main__":
    main()
