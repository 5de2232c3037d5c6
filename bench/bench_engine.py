"""Engine benchmark: fused vs unrolled vs naive loop, trace overhead, snapshot overhead, default run.

Run: PYTHONPATH=. .venv/bin/python bench/bench_engine.py [--quick]
Everything is measured side by side in this one process, on one torch thread, as ratios to one fused
training step. The default run is also taken apart: where its time goes besides the training steps.
``--quick`` measures each item once, on few epochs (seconds): it keeps the script from rotting.
"""

from __future__ import annotations

import argparse
import statistics
import time

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch
from torch import nn

from rnn_core.config import RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine import train as train_mod
from rnn_core.engine.instrument import grad_profile, trace, unroll
from rnn_core.engine.models import build_model
from rnn_core.engine.train import train
from rnn_core.limits.budget import BUDGET
from rnn_core.limits.clock import RunClock

QUICK = False  # --quick: one round of few calls per measurement, no SARIMA baseline (its fit takes seconds)


def timeit(fn, repeat=7, number=20):
    """Median seconds per call over `repeat` rounds of `number` calls."""
    if QUICK:
        repeat, number = 1, min(number, 2)
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


class TimedClock(RunClock):
    """The run's own clock, also summing what it is told: training steps, validation passes, snapshots."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.spent = {"training steps": 0.0, "validation passes": 0.0, "gradient snapshots": 0.0}
        self.counts = dict.fromkeys(self.spent, 0)

    def _add(self, part, seconds):
        self.spent[part] += seconds
        self.counts[part] += 1

    def batch(self, windows, forward_s, step_s):
        self._add("training steps", step_s)
        super().batch(windows, forward_s, step_s)

    def validation(self, seconds):
        self._add("validation passes", seconds)
        super().validation(seconds)

    def snapshot(self, seconds):
        self._add("gradient snapshots", seconds)
        super().snapshot(seconds)


def default_run_parts(cfg, data):
    """One default run, its wall time split: the clock's parts, the final evaluation, and the rest."""
    clocks, evals, evaluate = [], [], train_mod.evaluate

    def timed_evaluate(*a, **kw):
        t = time.perf_counter()
        out = evaluate(*a, **kw)
        evals.append(time.perf_counter() - t)
        return out

    def make_clock(*a, **kw):
        clocks.append(TimedClock(*a, **kw))
        return clocks[-1]

    train_mod.RunClock, train_mod.evaluate = make_clock, timed_evaluate
    try:
        t = time.perf_counter()
        res = train(cfg, data, baselines=not QUICK)
        wall = time.perf_counter() - t
    finally:
        train_mod.RunClock, train_mod.evaluate = RunClock, evaluate
    clock = clocks[0]
    parts = {**clock.spent, "final evaluation": evals[0]}
    parts["everything else"] = wall - sum(parts.values())
    return wall, res.history["epoch"][-1], parts, {**clock.counts, "final evaluation": 1}


def step_times(fused_step, number):
    """Wall and CPU seconds of one fused step (the mean of ``number``): the unit, measured next to a run."""
    fused_step()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(number):
        fused_step()
    return (time.perf_counter() - wall) / number, (time.process_time() - cpu) / number


def default_run_side_by_side(cfg, data, fused_step):
    """The default run taken apart, with the fused step timed just before and just after it (the machine's
    speed of the moment), on wall and CPU clocks (a shared machine's wall time is noisy, its CPU time less)."""
    rows = []
    for _ in range(1 if QUICK else 3):
        first = step_times(fused_step, 5 if QUICK else 30)
        cpu = time.process_time()
        wall, epochs, parts, counts = default_run_parts(cfg, data)
        cpu = time.process_time() - cpu
        last = step_times(fused_step, 5 if QUICK else 30)
        rows.append((wall, epochs, parts, counts, cpu, (first[0] + last[0]) / 2, (first[1] + last[1]) / 2))
    return sorted(rows, key=lambda r: r[0])[len(rows) // 2]  # the run of median wall time


def print_parts(wall, epochs, parts, counts, cpu, step_wall, step_cpu):
    print(f"\ndefault airline run, seed 0 (the median of its runs): {wall:.2f} s for {epochs} epochs; fused step "
          f"next to it {step_wall * 1e3:.2f} ms, so {wall / epochs / step_wall:.2f} fused steps per epoch "
          f"(CPU time: {cpu:.2f} s, step {step_cpu * 1e3:.2f} ms, {cpu / epochs / step_cpu:.2f} steps per epoch)")
    print(f"{'part':34s} {'calls':>6s} {'s':>7s} {'share':>7s} {'per call vs fused step':>24s}")
    for name, sec in parts.items():
        n = counts.get(name, 0)
        per = f"{sec / n / step_wall:.2f}x" if n else "–"
        print(f"{name:34s} {n or '':>6} {sec:7.3f} {100 * sec / wall:6.1f}% {per:>24s}")


def main(argv=None):
    global QUICK
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="each measurement once, few epochs (seconds)")
    QUICK = ap.parse_args(argv).quick
    torch.set_num_threads(1)
    cfg = RunConfig()
    if QUICK:
        cfg = cfg.replace(epochs=12)
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

    few = 16 if QUICK else len(x)  # --quick: an epoch's time from its first 16 windows

    def naive_epoch():  # as the classic tutorial trains: forward, backward and update per sample
        for seq, target in zip(x[:few], y[:few], strict=True):
            nopt.zero_grad()
            ((naive(seq) - target) ** 2).mean().backward()
            nopt.step()

    t_fused = timeit(fused_step, number=50)
    t_unrolled = timeit(unrolled_step, number=10)
    t_naive = timeit(naive_epoch, repeat=3, number=1) * len(x) / few
    t_trace = timeit(lambda: trace(model, x, y), number=10)
    t_trace_full = timeit(lambda: trace(model, x, y, param_grads=True), number=10)
    t_profile = timeit(lambda: grad_profile(model, x, y), number=10)

    # once before timing: torch's one-time imports, and the SARIMA baseline's fit (cached after it; --quick skips it)
    train(cfg.replace(epochs=1), data, baselines=not QUICK)
    epochs = 20 if QUICK else 200
    base = cfg.replace(patience=0, epochs=epochs, time_budget=BUDGET.max_seconds)
    runs = {k: [] for k in ("off", "every 10")}
    for _ in range(1 if QUICK else 3):
        for label, every in (("off", 0), ("every 10", 10)):
            runs[label].append(train(base.replace(snapshot_every=every), data, baselines=not QUICK).elapsed)
    t_snap = {k: statistics.median(v) for k, v in runs.items()}
    parts = default_run_side_by_side(cfg, data, fused_step)
    walls = []
    for seed in range(1 if QUICK else 5):
        t = time.perf_counter()
        res = train(cfg.replace(seed=seed), data, baselines=not QUICK)
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
    print(f"{epochs} epochs, snapshots off: {t_snap['off']:.2f} s; every 10 epochs: {t_snap['every 10']:.2f} s "
          f"(+{100 * (t_snap['every 10'] / t_snap['off'] - 1):.0f} %)")
    print(f"default airline run to its early stop ({len(walls)} seeds): " + ", ".join(
        f"{w:.2f} s/{e} ep" for w, e in walls) + f"; median {statistics.median(w for w, _ in walls):.2f} s")
    print_parts(*parts)
    return {"fused_step_s": t_fused, "default_run": parts}


if __name__ == "__main__":
    main()
