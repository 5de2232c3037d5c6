"""The lag ladder: train each cell at growing lags and find where it stops remembering."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pandas as pd

from rnn_core.config import COMPARE_CELLS, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.train import Progress
from rnn_core.lab.compare import cell_run
from rnn_core.lab.jobs import run_jobs

LAGS = (5, 10, 20, 40, 80)
COLUMNS = ("cell", "lag", "val_loss", "baseline_loss", "ratio", "horizon", "elapsed", "epochs", "stopped")


def lag_sweep(base_cfg: RunConfig, lags=LAGS, cells=COMPARE_CELLS,
              callback: Callable[[str, int, Progress], bool | None] | None = None,
              epochs_at: Callable[[int], int] | None = None, workers: int = 1) -> pd.DataFrame:
    """One row per (cell, lag): validation loss, the trivial baseline, their ratio and the memory horizon.

    Every run is ``base_cfg`` with the lag and cell replaced (each cell in its shape, ``in_shape``), trained for
    ``epochs_at(lag)`` epochs (the page passes ``LabConfig.epochs_at``: by default ``lag_epochs``, more at longer
    lags, since a longer distance takes more epochs to learn), or ``base_cfg``'s epochs at every lag.
    Snapshots are switched off (the table does not use them and they do not change the training). Unless
    the time budget cuts a run short (``stopped`` says so), the table is a pure function of (base_cfg, lags,
    cells, epochs_at). ``workers`` > 1 trains that many runs at once (longest lags first), with the same
    table. ``callback(cell, lag, progress)`` returning ``False`` stops the sweep; finished rows are returned.
    """
    base, halt = base_cfg.replace(snapshot_every=0), threading.Event()
    jobs, keys = [], []
    for lag in lags:
        cfg = base.replace(lag=int(lag), epochs=base.train.epochs if epochs_at is None else epochs_at(int(lag)))
        data = prepare(cfg.data)
        relay = None if callback is None else partial(_relay, callback, int(lag))
        for cell in cells:
            jobs.append(partial(cell_run, cfg, cell, data, relay, halt))
            keys.append(int(lag))
    order = sorted(range(len(jobs)), key=lambda k: -keys[k])  # the longest lags first
    rows = []
    for lag, r in zip(keys, run_jobs(jobs, workers, order), strict=True):
        if r is None:  # not started: the sweep was stopped
            continue
        res = r.result
        rows.append({"cell": r.cell, "lag": lag, "val_loss": r.val_loss, "baseline_loss": r.baseline_loss,
                     "ratio": r.ratio, "horizon": r.horizon["horizon"], "elapsed": res.elapsed,
                     "epochs": len(res.history["epoch"]), "stopped": res.stopped})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _relay(callback, lag: int, cell: str, progress: Progress):
    return callback(cell, lag, progress)


def breaking_point(df: pd.DataFrame, threshold: float = 0.5) -> dict[str, int | None]:
    """Per cell, the smallest lag whose val/baseline ratio exceeds ``threshold``; ``None`` if none does."""
    out = {}
    for cell, rows in df.groupby("cell", sort=False):
        broken = rows.loc[rows["ratio"] > threshold, "lag"]
        out[str(cell)] = int(broken.min()) if len(broken) else None
    return out
