"""How far past its time budget a run ends, for the runs closest to the caps.

Each run is timed whole (``train()`` from the call until the evaluated result is back) at a few budgets
below one epoch, where the budget must cut it mid-epoch and still leave time for the final evaluation.

    nice -n 10 python bench/budget_overshoot.py [budget ...] [--quick]

``--quick``: one run at a budget of 1 s (seconds; the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnn_core.config import RunConfig  # noqa: E402
from rnn_core.engine.train import train, warm_up  # noqa: E402
from rnn_core.limits import budget  # noqa: E402

SERIES = dict(dataset="sine", transform="none", n_points=5000)
RUNS = {  # each near a cap: the evaluation pass (small cells over long windows), the batch, the forecast
    "adding, LSTM 1×64, window 200, 6000 sequences": dict(task="adding", lag=200, n_samples=6000, hidden_size=64,
                                                          num_layers=1, batch_size=32),
    "multistep, LSTM 2×48, window 100, test 1000": dict(task="multistep", cell="lstm", hidden_size=48, num_layers=2,
                                                        seq_len=100, horizon=1, test_size=1000, val_size=1000,
                                                        batch_size=32, **SERIES),
    "forecast, LSTM 4×14, window 500, test 330": dict(task="forecast", cell="lstm", hidden_size=14, num_layers=4,
                                                      seq_len=500, test_size=330, val_size=330, batch_size=8,
                                                      **SERIES),
    "forecast, Elman 4×1, window 500, test 300": dict(task="forecast", cell="scratch", hidden_size=1, num_layers=4,
                                                      seq_len=500, test_size=300, val_size=300, batch_size=8,
                                                      **SERIES),
}


QUICK_RUN = "adding, LSTM 1×64, window 200, 6000 sequences"


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("budgets", type=float, nargs="*", default=[1.0, 3.0, 10.0], help="time budgets, seconds")
    ap.add_argument("--quick", action="store_true", help="one run at 1 s (seconds)")
    args = ap.parse_args(argv)
    runs, budgets = ({QUICK_RUN: RUNS[QUICK_RUN]}, [1.0]) if args.quick else (RUNS, args.budgets)
    rows = []
    budget.set_server_threads()
    warm_up()  # once per process, outside every run's clock
    print("| run | budget s | wall s | over s | batches | recursive forecast |\n|---|---|---|---|---|---|")
    for name, kw in runs.items():
        for b in budgets:
            cfg = RunConfig().replace(epochs=50, patience=0, snapshot_every=0, time_budget=b, **kw)
            try:
                budget.check(cfg)
            except budget.BudgetError as e:
                print(f"| {name} | {b:g} | refused: {str(e)[:70]}… | | | |")
                rows.append({"run": name, "budget": b, "refused": str(e)})
                continue
            t0 = time.perf_counter()
            res = train(cfg, baselines=False)
            wall = time.perf_counter() - t0
            cut = res.metrics.get("forecast_cut")
            fc = f"{cut['done']} of {cut['total']}" if cut else ("complete" if "forecasts" in res.metrics else "-")
            rows.append({"run": name, "budget": b, "wall": wall, "batches": len(res.steps["grad_norm_pre"]),
                         "forecast": fc, "stopped": res.stopped})
            print(f"| {name} | {b:g} | {wall:.2f} | {wall - b:+.2f} | {len(res.steps['grad_norm_pre'])} | {fc} |",
                  flush=True)
    return rows


if __name__ == "__main__":
    main()
