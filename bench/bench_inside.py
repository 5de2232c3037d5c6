"""Cost of every view of the Inside-the-cell page for the default run, once the run exists (cold caches).

Times the engine work and the figure building of each view, one torch thread. Run:
    PYTHONPATH=. .venv/bin/python bench/bench_inside.py [--quick]
``--quick``: a 3-epoch run, one repeat, a short Lyapunov curve (seconds; the test suite runs it).
"""

import argparse
import time

import numpy as np

import rnn_core  # noqa: F401 - first: pins torch's CPU numerics (rnn_core/numerics.py)

# isort: split
import torch

from charts.inside import lyapunov_figure, memory_figure, saliency_bars, saliency_figure, singular_figure, step_figure
from charts.states import state_heatmap
from rnn_core.config import RunConfig
from rnn_core.engine.instrument import trace
from rnn_core.engine.train import train
from rnn_core.inside.jacobian import memory_norms, singular_values, step_jacobians
from rnn_core.inside.lyapunov import STARTS, crossing, free_run, interval, lyapunov, lyapunov_starts
from rnn_core.inside.saliency import saliency
from rnn_core.inside.terms import step_through
from ui.text.catalog import labels

RHOS = np.round(np.arange(0.1, 3.0001, 0.05), 2)  # the page's Lyapunov curve
res = x = y = T = None  # the run every view works on, set by main()


def clock(fn, repeat=5):
    """Median wall and CPU seconds: on a shared machine the CPU time is what the view costs by itself."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return np.median(wall), np.median(cpu)


def step_view():
    tr = trace(res.model, x[:1], y[:1])
    for k, terms in enumerate(step_through(res.model, x[:1].numpy(), tr, 0, T - 1)):
        step_figure(terms, "lstm", k + 1, T, labels=labels("en", "chart.step_figure")).to_json()


def saliency_view():
    s = saliency(res.model, x)
    saliency_figure(s["saliency"][:, 0, ::-1], range(24), range(1, T + 1),
                    labels=labels("en", "chart.saliency_figure")).to_json()
    saliency_bars(s["saliency"][:, 0, ::-1].mean(0), range(1, T + 1),
                  labels=labels("en", "chart.saliency_bars")).to_json()


def jacobian_view():
    tr = trace(res.model, x[:1], y[:1])
    J = step_jacobians(res.model, x[:1].numpy(), tr, 0)[-1]
    memory_figure(memory_norms(J, 32), tr.grad_norms[-1] / tr.grad_norms[-1, -1], 2,
                  labels=labels("en", "chart.memory_figure")).to_json()
    singular_figure(singular_values(J[:, :32, :32]), 2, labels=labels("en", "chart.singular_figure")).to_json()


def lyapunov_view():
    lam, low, high = interval(lyapunov_starts(RHOS))
    at_1 = lam[np.argmin(abs(RHOS - 1.0))]
    lyapunov_figure(RHOS, lam, 1.0, at_1, crossing(RHOS, lam, -0.01), crossing(RHOS, lam, 0.01), 64,
                    band=(low, high), starts=STARTS, labels=labels("en", "chart.lyapunov_figure")).to_json()
    state_heatmap(free_run(1.0, 64, 60), "free run", labels=labels("en", "chart.state_heatmap")).to_json()


def main(argv=None) -> dict:
    global res, x, y, T, RHOS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a 3-epoch run, one repeat (seconds)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    res = train(RunConfig().replace(epochs=3) if args.quick else RunConfig(), baselines=False)
    x, y = res.data.x_test, res.data.y_test
    T = x.shape[1]
    if args.quick:
        RHOS = RHOS[::6]
    out = {}
    for name, fn in [("step through time (one t, both layers)", step_view), ("saliency (24 forecasts)", saliency_view),
                     ("Jacobian (one window, one layer)", jacobian_view),
                     (f"Lyapunov curve ({len(RHOS)} ρ × {STARTS} starts, 500 steps) + free run", lyapunov_view),
                     (f"one Lyapunov exponent ({STARTS} starts, 500 steps)", lambda: lyapunov([1.5]))]:
        wall, cpu = out[name] = clock(fn, repeat=1 if args.quick else 5)
        print(f"{name:55s} wall {wall * 1000:7.1f} ms   cpu {cpu * 1000:7.1f} ms")
    return out


if __name__ == "__main__":
    main()
