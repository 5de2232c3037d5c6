"""How far past its time budget a run ends, for the runs closest to the caps.

Each run is timed whole (``train()`` from the call until the evaluated result is back) at a few budgets
below one epoch, where the budget must cut it mid-epoch and still leave time for the final evaluation.

    nice -n 10 python bench/budget_overshoot.py [budget ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnn_core import budget  # noqa: E402
from rnn_core.config import RunConfig  # noqa: E402
from rnn_core.train import train, warm_up  # noqa: E402

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


def main(budgets: list[float]) -> None:
    budget.set_server_threads()
    warm_up()  # once per process, outside every run's clock
    print("| run | budget s | wall s | over s | batches | recursive forecast |\n|---|---|---|---|---|---|")
    for name, kw in RUNS.items():
        for b in budgets:
            cfg = RunConfig().replace(epochs=50, patience=0, snapshot_every=0, time_budget=b, **kw)
            try:
                budget.check(cfg)
            except budget.BudgetError as e:
                print(f"| {name} | {b:g} | refused: {str(e)[:70]}… | | | |")
                continue
            t0 = time.perf_counter()
            res = train(cfg, baselines=False)
            wall = time.perf_counter() - t0
            cut = res.metrics.get("forecast_cut")
            fc = f"{cut['done']} of {cut['total']}" if cut else ("complete" if "forecasts" in res.metrics else "-")
            print(f"| {name} | {b:g} | {wall:.2f} | {wall - b:+.2f} | {len(res.steps['grad_norm_pre'])} | {fc} |",
                  flush=True)


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1.0, 3.0, 10.0])
