"""Engine benchmark: fused vs unrolled vs naive loop, trace overhead, snapshot overhead, default run.

Run: PYTHONPATH=. .venv/bin/python bench/bench_engine.py
Everything is measured side by side in this one process, on one torch thread, as ratios.
"""

from __future__ import annotations

import statistics
import time

import torch
from torch import nn

from rnn_core.config import RunConfig
from rnn_core.datasets import prepare
from rnn_core.instrument import grad_profile, trace, unroll
from rnn_core.models import build_model
from rnn_core.train import train


def timeit(fn, repeat=7, number=20):
    """Median seconds per call over `repeat` rounds of `number` calls."""
    fn()
    rounds = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - t) / number)
    return statistics.median(rounds)


class NaiveLSTM(nn.Module):
    """The seed-style loop: one sample at a time, torch.cat of input and hidden, nn.Linear gates."""

    def __init__(self, input_size, hidden_size, num_layers):
        super().__init__()
        self.H = hidden_size
        self.gates = nn.ModuleList(nn.Linear((input_size if k == 0 else hidden_size) + hidden_size,
                                             4 * hidden_size) for k in range(num_layers))
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, seq):  # (T, I): one sample
        hs = [torch.zeros(1, self.H) for _ in self.gates]
        cs = [torch.zeros(1, self.H) for _ in self.gates]
        for x_t in seq:
            inp = x_t.view(1, -1)
            for k, lin in enumerate(self.gates):
                i, f, g, o = lin(torch.cat([inp, hs[k]], 1)).chunk(4, 1)
                cs[k] = torch.sigmoid(f) * cs[k] + torch.sigmoid(i) * torch.tanh(g)
                hs[k] = torch.sigmoid(o) * torch.tanh(cs[k])
                inp = hs[k]
        return self.head(inp)


def main():
    torch.set_num_threads(1)
    cfg = RunConfig()
    data = prepare(cfg.data)
    x, y = data.x_train, data.y_train
    m = cfg.model
    model = build_model(m, 1, 1)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def fused_step():
        opt.zero_grad()
        model.loss(model(x), y).backward()
        opt.step()

    def unrolled_step():
        opt.zero_grad()
        out, *_ = unroll(model, x, detach=False)
        model.loss(out, y).backward()
        opt.step()

    naive = NaiveLSTM(1, m.hidden_size, m.num_layers)
    nopt = torch.optim.Adam(naive.parameters(), lr=1e-3)

    def naive_epoch():  # as the classic tutorial trains: forward, backward and update per sample
        for seq, target in zip(x, y, strict=True):
            nopt.zero_grad()
            ((naive(seq) - target) ** 2).mean().backward()
            nopt.step()

    t_fused = timeit(fused_step, number=50)
    t_unrolled = timeit(unrolled_step, number=10)
    t_naive = timeit(naive_epoch, repeat=3, number=1)
    t_trace = timeit(lambda: trace(model, x, y), number=10)
    t_trace_full = timeit(lambda: trace(model, x, y, param_grads=True), number=10)
    t_profile = timeit(lambda: grad_profile(model, x, y), number=10)

    base = cfg.replace(patience=0, epochs=200, time_budget=600)
    runs = {k: [] for k in ("off", "every 10")}
    for _ in range(3):
        for label, every in (("off", 0), ("every 10", 10)):
            runs[label].append(train(base.replace(snapshot_every=every), data).elapsed)
    t_snap = {k: statistics.median(v) for k, v in runs.items()}
    walls = []
    for seed in range(5):
        t = time.perf_counter()
        res = train(cfg.replace(seed=seed), data)
        walls.append((time.perf_counter() - t, res.history["epoch"][-1]))

    n = len(x)
    print(f"Default configuration: {m.cell.upper()} {m.num_layers}x{m.hidden_size}, window {cfg.data.seq_len}, "
          f"full batch of {n} windows, 1 thread\n")
    print(f"{'path':44s} {'ms/epoch':>10s} {'epochs/s':>10s} {'vs fused':>10s}")
    for name, t in (("fused nn.LSTM (training step)", t_fused), ("unrolled loop (training step)", t_unrolled),
                    ("naive loop, one sample at a time", t_naive)):
        print(f"{name:44s} {t * 1e3:10.2f} {1 / t:10.1f} {t / t_fused:9.1f}x")
    print(f"\nfused speed-up over the naive loop: {t_naive / t_fused:.0f}x")
    print(f"trace of the batch, dL/dh_t only:          {t_trace * 1e3:.2f} ms = {t_trace / t_fused:.2f}x a fused step")
    print(f"grad_norms only (training snapshots):      {t_profile * 1e3:.2f} ms = "
          f"{t_profile / t_fused:.2f}x a fused step")
    print(f"trace of the batch, with parameter grads:  {t_trace_full * 1e3:.2f} ms = "
          f"{t_trace_full / t_fused:.2f}x a fused step")
    print(f"200 epochs, snapshots off: {t_snap['off']:.2f} s; every 10 epochs: {t_snap['every 10']:.2f} s "
          f"(+{100 * (t_snap['every 10'] / t_snap['off'] - 1):.0f} %)")
    print("default airline run to its early stop (5 seeds): " + ", ".join(
        f"{w:.2f} s/{e} ep" for w, e in walls) + f"; median {statistics.median(w for w, _ in walls):.2f} s")


if __name__ == "__main__":
    main()
