"""The hand-written Elman cell's cost against the window: linear, not quadratic.

Run: PYTHONPATH=. .venv/bin/python bench/bench_scratch.py [--quick] [--batch N]
One training step (forward, backward) of a 4-layer scratch cell at windows 100, 250 and 500, three ways,
side by side in this one process on one torch thread: ``ElmanRNN`` as it is (its input unbound once per
layer), the same loop slicing ``inp[:, t]`` at every step as it once did (each step's gradient then has the
full (B, T, H) shape, so the backward costs T² · B · H), and the unrolled trace (``instrument.unroll``) of
that model. The default model's fused training step is the unit. Times are CPU seconds of this process.
``--quick``: small sizes (seconds).
"""

from __future__ import annotations

import argparse
import math

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from cpu_clock import best_of

from rnn_core.config import ModelConfig, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.instrument import unroll
from rnn_core.engine.models import build_model


def sliced_forward(rnn, x):
    """``ElmanRNN.forward`` as it was: ``inp[:, t]`` at every step (the reference the bench compares to)."""
    act = torch.tanh if rnn.nonlinearity == "tanh" else torch.relu
    inp, last = x, []
    for layer in range(rnn.num_layers):
        W_x, W_h, b = (getattr(rnn, f"{n}_l{layer}") for n in ("weight_ih", "weight_hh", "bias"))
        h, outs = x.new_zeros(x.shape[0], rnn.hidden_size), []
        for t in range(x.shape[1]):
            h = act(inp[:, t] @ W_x.T + h @ W_h.T + b)
            outs.append(h)
        inp = torch.stack(outs, 1)
        last.append(h)
    return inp, torch.stack(last)


def fused_step_seconds(repeat):
    """The default model's fused training step (forward, backward, Adam), the unit of bench_engine.py."""
    cfg = RunConfig()
    data = prepare(cfg.data)
    model = build_model(cfg.model, 1, 1)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        model.loss(model(data.x_train), data.y_train).backward()
        opt.step()

    return best_of(lambda: [step() for _ in range(10)], repeat) / 10


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, one repeat (seconds)")
    ap.add_argument("--batch", type=int, default=256, help="windows per batch")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    windows, batch, layers, repeat = ((25, 50, 100), 16, 2, 1) if args.quick else ((100, 250, 500), args.batch, 4, 3)
    t_fused = fused_step_seconds(repeat)
    model = build_model(ModelConfig(cell="scratch", num_layers=layers, hidden_size=32), 1, 1)
    rnn, gen = model.rnn, torch.Generator().manual_seed(0)
    ways = {"ElmanRNN (unbind)": lambda x: rnn(x)[0],
            "sliced inp[:, t] (as it was)": lambda x: sliced_forward(rnn, x)[0],
            "unrolled trace (instrument.unroll)": lambda x: unroll(model, x, detach=False)[0]}
    rows = []
    for T in windows:
        x = torch.randn(batch, T, 1, generator=gen)
        now, was = rnn(x)[0], sliced_forward(rnn, x)[0]
        assert torch.equal(now, was), "the unbound loop must give the sliced loop's numbers"
        rows.append({name: best_of(lambda f=f, x=x: f(x).pow(2).mean().backward(), repeat) for name, f in ways.items()})
    print(f"Scratch Elman {layers}x32, batch {batch}, one training step (forward + backward), 1 thread, CPU "
          f"seconds; fused default LSTM step {t_fused * 1e3:.2f} ms\n")
    print(f"{'path':36s}" + "".join(f"{f'T={T} s':>10s} {'x fused':>9s}" for T in windows)
          + "".join(f"{f'x {a}->{b}':>11s}" for a, b in zip(windows, windows[1:], strict=False)))
    for name in ways:
        ts = [r[name] for r in rows]
        growth = [(b / a) ** (1 / math.log2(T2 / T1))
                  for a, b, T1, T2 in zip(ts, ts[1:], windows, windows[1:], strict=False)]
        print(f"{name:36s}" + "".join(f"{t:10.3f} {t / t_fused:8.1f}x" for t in ts)
              + "".join(f"{g:10.2f}x" for g in growth))
    print("\n(x a->b: the time's growth per doubling of the window between those two windows; linear is 2x)")
    return {"fused_step_s": t_fused, "windows": windows, "rows": rows}


if __name__ == "__main__":
    main()
