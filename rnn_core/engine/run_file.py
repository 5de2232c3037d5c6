"""A whole finished run in one file (weights, history, gradient snapshots, metrics), loaded without
executing code: the Home page's example ships this way, so a cold server shows it without training.

``scripts/make_default_run.py`` writes the shipped runs (``shipped_file``, ``NAMES_RUN_FILE``); tests check
that each equals a fresh training run of its config, so no file can drift from what the engine computes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from rnn_core.config import RunConfig
from rnn_core.data.datasets import Prepared, prepare
from rnn_core.engine.ending import Ending
from rnn_core.engine.instrument import trace
from rnn_core.engine.models import build_model
from rnn_core.engine.train import RunResult

FORMAT = "rnn-playground-run/1"
ASSETS = Path(__file__).resolve().parents[2] / "assets"
NAMES_RUN_FILE = ASSETS / "names_run.pt"  # the Names page's default run (config.NAMES_DEFAULT)


def shipped_file(cell: str) -> Path:
    """Where the default config trained with ``cell`` ships (the default cell's keeps its first name)."""
    return ASSETS / ("default_run.pt" if cell == RunConfig().model.cell else f"default_run_{cell}.pt")


def run_payload(res: RunResult) -> dict:
    """A run as plain tensors, lists and numbers: what ``torch.load(weights_only=True)`` reads back."""
    return {
        "format": FORMAT,
        "config": res.config.to_json(),
        "state_dict": {k: v.detach().cpu() for k, v in res.model.state_dict().items()},
        "history": res.history,
        "steps": res.steps,
        "snapshots": [{**s, "grad_norms": torch.from_numpy(np.asarray(s["grad_norms"]))} for s in res.snapshots],
        "metrics": res.metrics,
        "ending": res.ending.to_dict(),  # the outcome (stopped) and its English are derived from it
        "best_epoch": res.best_epoch, "elapsed": res.elapsed,
    }


def save_run(res: RunResult, path) -> None:
    torch.save(run_payload(res), path)


def load_payload(path):
    """What ``path`` holds, read without executing code; None if it is missing or unreadable."""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # noqa: BLE001 - a missing or foreign file is the same answer: train instead
        return None


def load_run(path, cfg: RunConfig | None = None) -> RunResult | None:
    """The run stored at ``path``; None if the file is missing, not a run file, or not of ``cfg``."""
    return run_from_payload(load_payload(path), cfg)


def run_from_payload(payload, cfg: RunConfig | None = None, data: Prepared | None = None) -> RunResult | None:
    """The run of a ``run_payload``; None if it is not one, or not of ``cfg``. ``data``: its prepared data,
    when the caller has it."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or "ending" not in payload:
        return None
    stored = RunConfig.from_json(payload["config"])
    if cfg is not None and stored != cfg:
        return None
    data = data if data is not None else prepare(stored.data)
    model = build_model(stored.model, data.input_size, data.output_size, data.output_mode, data.loss,
                        data.horizon, stored.train.seed)
    model.load_state_dict(payload["state_dict"])
    snapshots = [{**s, "grad_norms": s["grad_norms"].numpy()} for s in payload["snapshots"]]
    ending = Ending(payload["ending"]["key"], payload["ending"]["values"])
    return RunResult(stored, model.eval(), data, history=payload["history"], steps=payload["steps"],
                     snapshots=snapshots, metrics=payload["metrics"], ending=ending,
                     best_epoch=payload["best_epoch"], elapsed=payload["elapsed"], shipped=True)


EXAMPLE_FORMAT = "rnn-playground-example/1"


def example_summary(res: RunResult, windows: int = 128) -> dict:
    """What the Home page draws of a series run, as plain JSON values: the series, its holdout forecasts,
    the headline metrics and ‖∂L/∂h_t‖ over the first ``windows`` training windows. Shipped beside the run
    file, it lets a cold server draw Home before torch is imported."""
    sd = res.data.series
    tr = trace(res.model, res.data.x_train[:windows], res.data.y_train[:windows])
    model = res.metrics["model"]
    return {
        "format": EXAMPLE_FORMAT, "config": res.config.to_dict(),
        "index": [d.isoformat() for d in sd.index], "index_name": sd.index.name,
        "values": [float(v) for v in sd.values], "n_test": int(sd.n_test),
        "one_step": [float(v) for v in res.metrics["forecasts"]["one_step"]],
        "recursive": [float(v) for v in res.metrics["forecasts"]["recursive"]],
        "mape": {kind: float(model[kind]["mape"]) for kind in ("one_step", "recursive")},
        "elapsed": float(res.elapsed), "epochs": len(res.history["epoch"]),
        "grad_norms": np.asarray(tr.grad_norms, dtype=float).tolist(),
    }
