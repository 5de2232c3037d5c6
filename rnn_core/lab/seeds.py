"""Seeds in the open: the lab's comparison repeated over seeds, and how far its numbers spread.

A result that holds for one seed can be luck; :func:`seed_runs` retrains the same comparison with
other weight and batch-order seeds (the data stay the same) and :func:`spread` summarises each
cell by its median and range, the numbers the README's lab table reports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from rnn_core.config import COMPARE_CELLS, LabConfig, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.train import Progress
from rnn_core.lab.compare import LEARNT_RATIO, cell_run
from rnn_core.lab.jobs import run_jobs

SPREAD_SEEDS = 5  # seeds the lab page's "run seeds" action trains
SOLVED = LEARNT_RATIO  # a cell "learnt the task" on a seed when its loss/baseline ends below this
COLUMNS = ("seed", "cell", "val_loss", "baseline_loss", "ratio", "test_ratio", "horizon", "regime", "reach", "epochs",
           "elapsed", "stopped")
MEASURES = ("ratio", "test_ratio", "horizon", "reach")  # the per-seed numbers spread() summarises


def seed_runs(base_cfg: RunConfig, seeds, cells=COMPARE_CELLS,
              callback: Callable[[int, str, Progress], bool | None] | None = None,
              workers: int = 1) -> pd.DataFrame:
    """One row per (seed, cell): val/baseline, memory horizon, gradient reach, epochs and time.

    Every run is ``base_cfg`` with the seed and cell replaced, on one shared data set.
    ``reach`` is ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ of the trained model: how much of the loss's gradient
    arrives at the first step. Snapshots are switched off (nothing here uses them; they do not
    change the training). ``workers`` > 1 trains that many runs at once, with the same rows.
    ``callback(seed, cell, progress)`` returning ``False`` stops the runs; finished rows are returned.
    """
    base, halt = base_cfg.replace(snapshot_every=0), threading.Event()
    data = prepare(base.data)
    jobs, keys = [], []
    for seed in seeds:
        relay = None if callback is None else partial(_relay, callback, int(seed))
        for cell in cells:
            jobs.append(partial(cell_run, base.replace(seed=int(seed)), cell, data, relay, halt))
            keys.append(int(seed))
    rows = []
    for seed, r in zip(keys, run_jobs(jobs, workers), strict=True):
        if r is None:  # not started: the runs were stopped
            continue
        g = r.grad_norms[-1]
        rows.append({"seed": seed, "cell": r.cell, "val_loss": r.val_loss, "baseline_loss": r.baseline_loss,
                     "ratio": r.ratio, "test_ratio": r.test_ratio, "horizon": r.horizon["horizon"],
                     "regime": r.horizon["regime"],
                     "reach": float(g[0] / g[-1]) if g[-1] > 0 else np.nan,
                     "epochs": len(r.result.history["epoch"]), "elapsed": r.elapsed, "stopped": r.result.stopped})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _relay(callback, seed: int, cell: str, progress: Progress):
    return callback(seed, cell, progress)


def spread(df: pd.DataFrame, solved: float = SOLVED) -> pd.DataFrame:
    """Per cell: seeds run, seeds with val/baseline below ``solved`` (``solved``) and with test/baseline
    below it (``solved_test``, the held-out verdict), and the median, min and max of each of
    ``MEASURES`` (columns ``ratio_median``, ``ratio_min``, ...). An infinite horizon (a flat
    profile: no decay) sorts above every finite one; NaNs are left out."""
    out = []
    if "test_ratio" not in df:  # rows kept from before the test split was measured
        df = df.assign(test_ratio=np.nan)
    for cell, rows in df.groupby("cell", sort=False):
        row = {"cell": str(cell), "seeds": len(rows), "solved": int((rows["ratio"] < solved).sum()),
               "solved_test": int((rows["test_ratio"] < solved).sum())}
        for m in MEASURES:
            v = rows[m].to_numpy(dtype=np.float64)
            v = v[~np.isnan(v)]
            row |= {f"{m}_median": float(np.median(v)) if v.size else np.nan,
                    f"{m}_min": float(v.min()) if v.size else np.nan, f"{m}_max": float(v.max()) if v.size else np.nan}
        out.append(row)
    return pd.DataFrame(out)


def seeds_of(lab: LabConfig) -> tuple[int, ...]:
    """The seeds the spread trains: the shown one and the next ones, inside the allowed range."""
    first = min(lab.lab_seed, LabConfig.limits("lab_seed")[1] - SPREAD_SEEDS + 1)
    return tuple(range(first, first + SPREAD_SEEDS))


def lag_summary(df: pd.DataFrame, solved: float = SOLVED) -> pd.DataFrame:
    """Per cell and lag of ``seed_runs`` rows with a ``lag`` column: seeds run, seeds whose test/baseline ended
    below ``solved`` (``learnt``), the test ratio's median, min and max, and the median epochs and seconds."""
    out = []
    for (cell, lag), rows in df.groupby(["cell", "lag"], sort=False):
        q = rows["test_ratio"].to_numpy(dtype=np.float64)
        out.append({"cell": str(cell), "lag": int(lag), "seeds": len(rows), "learnt": int((q < solved).sum()),
                    "test_median": float(np.nanmedian(q)), "test_min": float(np.nanmin(q)),
                    "test_max": float(np.nanmax(q)), "epochs": float(rows["epochs"].median()),
                    "seconds": float(rows["elapsed"].median())})
    return pd.DataFrame(out)
