"""The lab's default results, shipped in ``assets/``, so the page opens drawn on a cold server.

``scripts/make_default_run.py --lab`` trains them under the pinned numerics and writes the comparison's runs
(``LAB_FILE``: each cell's weights, history and snapshots, read back without executing code) and the lag
sweep's rows (``SWEEP_FILE``, JSON). Each file names the settings it was trained with; a load for other
settings returns None. Tests check the shipped runs against fresh trainings.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import torch

from rnn_core.config import LabConfig, RunConfig
from rnn_core.data.datasets import prepare
from rnn_core.engine.run_file import ASSETS, load_payload, run_from_payload, run_payload
from rnn_core.lab.compare import CellResult, cell_result, lab_run_config
from rnn_core.lab.seeds import seeds_of

FORMAT = "rnn-playground-lab/1"
LAB_FILE = ASSETS / "lab_compare.pt"  # the comparison at the lab's defaults
SHIPPED_LAGS = (50, 200)  # the lags whose default comparison ships (lag 1,000 takes 15 minutes to make)
SWEEP_FILE = ASSETS / "lab_sweep.json"  # the lag sweep at the lab's defaults
LAGS_FILE = ASSETS / "lab_lags.csv"  # bench/bench_lab_lags.py's rows: seeds 0-9 at lags 50, 200 and 1,000
LAGS_COLUMNS = ("lag", "seed", "cell", "test_ratio", "ratio", "horizon", "regime", "epochs", "budget_epochs",
                "elapsed", "stopped")


def action_key(kind: str, lab: LabConfig) -> str:
    """What a lab action's result (compare | sweep | seeds) is a function of, as one string: lab settings that
    train the same runs give the same key (``lab_epochs=0`` at lag 50 and ``lab_epochs=40`` do)."""
    cfg = lab_run_config(lab)
    if kind == "sweep":
        return cfg.replace(lag=2, epochs=1).to_json() + repr([(lag, lab.epochs_at(lag)) for lag in lab.lags])
    if kind == "seeds":
        return cfg.replace(seed=0).to_json() + repr(seeds_of(lab))
    return cfg.to_json()


def comparison_file(lag: int):
    """Where the default comparison at ``lag`` ships (the default lag's keeps its first name)."""
    return LAB_FILE if lag == LabConfig().lab_lag else ASSETS / f"lab_compare_lag{lag}.pt"


def shipped_lab(lab: LabConfig) -> LabConfig | None:
    """The shipped comparison's settings that train the same runs as ``lab``, if one ships; else None."""
    for lag in SHIPPED_LAGS:
        shipped = LabConfig(lab_lag=lag)
        if action_key("compare", lab) == action_key("compare", shipped):
            return shipped
    return None


def save_comparison(base: RunConfig, results: list[CellResult], path=LAB_FILE) -> None:
    """Write a comparison trained from ``base`` (``lab_run_config``): one run payload per cell, in order."""
    torch.save({"format": FORMAT, "base": base.to_json(), "runs": [run_payload(r.result) for r in results]}, path)


def load_comparison(base: RunConfig, path=LAB_FILE) -> list[CellResult] | None:
    """The comparison stored at ``path`` if it was trained from ``base``, else None."""
    payload = load_payload(path)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or not isinstance(payload.get("base"), str):
        return None
    if RunConfig.from_json(payload["base"]) != base:  # parsed: a setting added since, at its default, still matches
        return None
    data = prepare(base.data)
    runs = [run_from_payload(p, data=data) for p in payload["runs"]]
    if any(r is None for r in runs):
        return None
    return [cell_result(r, data) for r in runs]


def save_sweep(key: str, rows: list[dict], path=SWEEP_FILE) -> None:
    """Write a sweep's rows under ``key`` (the settings that produced them); NaN and ∞ as JSON null / strings."""
    clean = [{k: _plain(v) for k, v in r.items()} for r in rows]
    path.write_text(json.dumps({"format": FORMAT, "key": key, "rows": clean}, indent=0) + "\n")


def load_sweep(key: str, path=SWEEP_FILE) -> list[dict] | None:
    """The sweep rows stored at ``path`` under ``key``, else None."""
    try:
        payload = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if payload.get("format") != FORMAT or payload.get("key") != key:
        return None
    return [{k: _number(v) for k, v in r.items()} for r in payload["rows"]]


def _plain(v):
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def _number(v):
    return float(v) if v in ("nan", "inf", "-inf") else v


def save_lag_rows(df: pd.DataFrame, path=LAGS_FILE) -> None:
    """Keep the long-lag bench's rows (the columns the lab page's table reads) for the page."""
    df.loc[:, list(LAGS_COLUMNS)].to_csv(path, index=False, float_format="%.6g")


def load_lag_rows(path=LAGS_FILE) -> pd.DataFrame | None:
    """The long-lag bench's rows as shipped, or None when the file is missing or not of this format."""
    try:
        df = pd.read_csv(path)
    except (OSError, ValueError):
        return None
    return df if set(LAGS_COLUMNS) <= set(df.columns) else None
