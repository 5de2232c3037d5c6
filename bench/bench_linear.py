"""Linear recurrences: training time per epoch, sequential loop vs parallel scan vs fused nn.LSTM.

Run: PYTHONPATH=. .venv/bin/python bench/bench_linear.py [--quick] [--lengths 100,1000,10000]
An epoch is 256 sequences in batches of 64 (one layer of 32 units, one input, a read-out of the last
state, MSE, Adam): forward, backward and update. Each (cell, path, T) is timed over whole training
steps on one torch thread, the median of a few rounds after a warm-up; the columns of one row come from
the same run, so their ratios are comparable even on a busy machine. Also printed: the floats autograd
keeps per unit and step (``saved_tensors_hooks``), the figures ``rnn_core/budget.py`` uses.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from rnn_core.config import LINEAR_CELLS, ModelConfig
from rnn_core.models import build_model

EPOCH, BATCH, HIDDEN = 256, 64, 32


def _model(cell: str, hidden: int):
    return build_model(ModelConfig(cell=cell, num_layers=1, hidden_size=hidden), 1, 1, "last")


def step_seconds(cell: str, parallel: bool, T: int, batch: int, hidden: int, rounds: int) -> float:
    """Median wall seconds of one training step (forward, backward, Adam) of ``batch`` sequences of ``T``."""
    model = _model(cell, hidden)
    if cell in LINEAR_CELLS:
        model.rnn.parallel = parallel
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(batch, T, 1, generator=g), torch.randn(batch, 1, generator=g)

    def step():
        loss = model.loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    step()  # warm-up
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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
    """One row per (cell, T): seconds per epoch of the loop, the scan and nn.LSTM, and the speed-ups."""
    rows = []
    per_epoch = -(-epoch // batch)
    for T in lengths:
        lstm = step_seconds("lstm", True, T, batch, hidden, rounds) * per_epoch
        for cell in cells:
            scan = step_seconds(cell, True, T, batch, hidden, rounds) * per_epoch
            # the loop at 10,000 steps takes minutes per epoch: one round there
            loop = step_seconds(cell, False, T, batch, hidden, rounds if T <= loop_limit else 1) * per_epoch
            rows.append({"cell": cell, "T": T, "loop_s": loop, "scan_s": scan, "lstm_s": lstm,
                         "loop/scan": loop / scan, "lstm/scan": lstm / scan,
                         "saved_floats": saved_floats(cell, min(T, 4000), hidden=hidden)})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| cell | T | loop, s/epoch | parallel scan, s/epoch | nn.LSTM (fused), s/epoch | "
             "scan speed-up over its loop | over nn.LSTM | floats kept per unit·step |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['cell']} | {r['T']:,} | {r['loop_s']:.3g} | {r['scan_s']:.3g} | {r['lstm_s']:.3g} | "
                     f"{r['loop/scan']:.1f}× | {r['lstm/scan']:.1f}× | {r['saved_floats']:.1f} |")
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
