"""Lyapunov benchmark: does the regime label hold when the run is ten times longer, where does the curve
cross ±0.01 over seeds, and what do the starting states cost (one start against eight, side by side).

Run: PYTHONPATH=. .venv/bin/python bench/bench_lyapunov.py [--quick]
--quick: the window table only (ρ 0.5, 0.9, 1.0, 1.5, 2.5; seeds 0-2; 500 and 5,000 steps), about a second;
tests/test_inside_jacobian.py runs it. The full run adds seeds 0-9 and the crossings and the timings.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from rnn_core.inside.lyapunov import EDGE_TOL, STARTS, crossing, interval, lyapunov_starts, regime

RHOS = (0.5, 0.9, 1.0, 1.5, 2.5)
GRID = np.round(np.arange(0.1, 3.0001, 0.05), 2)  # the page's curve
WINDOWS = (500, 5000)


def window_table(seeds=(0, 1, 2), rhos=RHOS, windows=WINDOWS) -> list[dict]:
    """One row per (ρ, seed): per window the mean, its 95 % interval and the regime it names."""
    rows = []
    for seed in seeds:
        est = {w: interval(lyapunov_starts(rhos, steps=w, seed=seed)) for w in windows}
        for j, rho in enumerate(rhos):
            row = {"rho": rho, "seed": seed}
            for w, (lam, lo, hi) in est.items():
                row |= {f"lam_{w}": lam[j], f"lo_{w}": lo[j], f"hi_{w}": hi[j], f"label_{w}": regime(lo[j], hi[j])}
            rows.append(row)
    return rows


def print_table(rows: list[dict], windows=WINDOWS) -> None:
    head = " | ".join(f"{w} steps: λ ± half-width [interval] → label" for w in windows)
    print(f"| ρ | seed | {head} |\n|---|---|" + "---|" * len(windows))
    for r in rows:
        cells = " | ".join(f"{r[f'lam_{w}']:+.4f} ± {(r[f'hi_{w}'] - r[f'lo_{w}']) / 2:.4f} "
                           f"[{r[f'lo_{w}']:+.4f}, {r[f'hi_{w}']:+.4f}] → {r[f'label_{w}']}" for w in windows)
        print(f"| {r['rho']:g} | {r['seed']} | {cells} |")
    flips = [r for r in rows if len({r[f"label_{w}"] for w in windows}) > 1]
    print(f"\nlabel changes between {windows[0]} and {windows[-1]} steps: {len(flips)} of {len(rows)}; "
          f"contradictions (a named regime the longer run does not confirm): {len(contradictions(rows, windows))}")


def contradictions(rows: list[dict], windows=WINDOWS) -> list[dict]:
    """Rows whose shorter run named a regime (not 'edge') that the longer run does not name: 'edge' at the
    shorter window says the estimate cannot decide, so a longer run that decides is no contradiction."""
    short, long = windows[0], windows[-1]
    return [r for r in rows if r[f"label_{short}"] != "edge" and r[f"label_{short}"] != r[f"label_{long}"]]


def crossings(seeds=range(10)) -> None:
    """Where the curve's mean crosses −tol (contraction ends) and +tol (chaos), seeds 0-9."""
    edge, chaos = [], []
    for seed in seeds:
        lam = lyapunov_starts(GRID, seed=seed).mean(-1)
        edge.append(crossing(GRID, lam, -EDGE_TOL))
        chaos.append(crossing(GRID, lam, EDGE_TOL))
    print(f"contraction ends (λ ≥ −{EDGE_TOL:g}) at ρ = {min(edge):.3f}–{max(edge):.3f}")
    found = [c for c in chaos if c is not None]
    print(f"λ above +{EDGE_TOL:g} from ρ = {min(found):.2f}–{max(found):.2f} (median {np.median(found):.2f}); "
          f"{len(found)} of {len(chaos)} seeds: {[None if c is None else round(c, 2) for c in chaos]}")


def timings(repeat: int = 7) -> None:
    """CPU seconds (min of ``repeat``) of the page's two calls with one start and with STARTS starts."""
    for name, rhos in (("curve, 59 ρ", GRID), ("one exponent", [1.5])):
        best = {}
        for k in (1, STARTS):
            runs = []
            for _ in range(repeat):
                cpu = time.process_time()
                lyapunov_starts(rhos, starts=k)
                runs.append(time.process_time() - cpu)
            best[k] = min(runs)
        print(f"{name:14s} 1 start {best[1] * 1000:6.1f} ms   {STARTS} starts {best[STARTS] * 1000:6.1f} ms   "
              f"ratio {best[STARTS] / best[1]:.2f}")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="the window table of seeds 0-2 only")
    args = p.parse_args(argv)
    print_table(window_table())
    if args.quick:
        return
    print()
    print_table(window_table(seeds=range(3, 10)))
    print()
    crossings()
    timings()


if __name__ == "__main__":
    main()
