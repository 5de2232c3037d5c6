"""Forecasts in original units and the metrics of a trained model, next to the baselines."""

from __future__ import annotations

import time
from functools import lru_cache

import numpy as np
import torch

from rnn_core.data.datasets import Prepared, SeriesData
from rnn_core.engine.baselines import forecast_baselines
from rnn_core.engine.metrics import regression_metrics, step_mse


@torch.no_grad()
def _predict(model, windows: np.ndarray) -> np.ndarray:
    """Model outputs for a batch of transformed windows (N, T) -> (N, horizon)."""
    x = torch.tensor(windows, dtype=torch.float32, device=_device(model)).unsqueeze(-1)
    out = model(x)
    return out.reshape(len(windows), -1).double().cpu().numpy()


def _device(model):
    return next(model.parameters()).device


def one_step(model, sd: SeriesData, seq_len: int) -> np.ndarray:
    """Each test point from the true values before it (the model's first output)."""
    off, n = sd.pipeline.offset, len(sd.values)
    positions = range(sd.origin, n)
    wins = np.stack([sd.z[p - off - seq_len:p - off] for p in positions])
    zhat = _predict(model, wins)[:, 0]
    history = np.stack([sd.values[p - off:p] for p in positions])  # (n_test, offset): what each step undoes
    return sd.pipeline.invert_steps(zhat, history)


def recursive(model, sd: SeriesData, seq_len: int, steps: int | None = None,
              deadline: float | None = None, timer=time.perf_counter) -> np.ndarray:
    """All test points from the forecast origin, feeding predictions back as inputs. Each step is a
    forward of one window, one after another; past ``deadline`` (on ``timer``'s clock) the forecast
    stops and holds fewer points."""
    steps = steps or sd.n_test
    off = sd.pipeline.offset
    hist = list(sd.values[:sd.origin])
    zs = list(sd.z[:sd.origin - off])
    preds = []
    model_was_training = model.training
    model.eval()
    while len(preds) < steps and (deadline is None or timer() < deadline):
        zhat = _predict(model, np.asarray(zs[-seq_len:])[None])[0]  # (horizon,)
        for zh in zhat[:steps - len(preds)]:
            y = sd.pipeline.invert_step(zh, hist)  # it reads the last values only: no copy of all of them
            hist.append(y)
            zs.append(zh)
            preds.append(y)
    model.train(model_was_training)
    return np.asarray(preds)


def measure_forecast_step(model, sd: SeriesData, seq_len: int, tries: int = 3,
                          timer=time.perf_counter) -> float:
    """Wall time of one recursive-forecast step (a one-window forward and its inversion), the fastest of
    ``tries``: what the run's clock reserves per step. Nothing is kept, no random number is drawn."""
    was_training = model.training
    model.eval()
    window, hist = np.asarray(sd.z[:seq_len])[None], list(sd.values[:sd.origin])
    best = float("inf")
    for _ in range(tries):
        t0 = timer()
        zh = _predict(model, window)[0]
        with np.errstate(over="ignore", invalid="ignore"):
            sd.pipeline.invert_step(zh[0], hist)
        best = min(best, timer() - t0)
    model.train(was_training)
    return best


def evaluate(model, data: Prepared, seq_len: int, baselines: bool = True, deadline: float | None = None,
             timer=time.perf_counter) -> dict:
    """Test metrics in the task's own terms; for series, in original units (and next to the baselines
    unless ``baselines`` is False: the first SARIMA fit costs about two seconds, so the UI asks later).
    The recursive forecast, the one part whose time grows with the test size times the window, stops at
    ``deadline`` (the run's time budget, on ``timer``'s clock): its points so far are kept, its metrics are
    NaN and ``forecast_error`` says why, as a key: ``cut`` (``forecast_cut`` holds the counts), ``not_finite``
    (the forecasts overflowed) or ``domain`` (they left the transform's domain, e.g. a log of a value <= 0)."""
    model.eval()
    dev = _device(model)
    with torch.no_grad():
        out = {}
        for split in ("val", "test"):
            x, y = getattr(data, f"x_{split}").to(dev), getattr(data, f"y_{split}").to(dev)
            if len(x):
                pred = model(x)
                out[f"{split}_loss"] = float(model.loss(pred, y))
                if data.loss == "nll":
                    out[f"{split}_accuracy"] = float(data.hits(split, pred.argmax(-1).cpu().numpy()).mean())
        out["baseline_loss"] = data.trivial_loss("val")
    if data.series is None:
        return out
    sd = data.series
    y_true = sd.values[sd.origin:]
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            fc = {"one_step": one_step(model, sd, seq_len), "recursive": recursive(model, sd, seq_len,
                                                                                   deadline=deadline, timer=timer)}
        if not all(np.isfinite(v).all() for v in fc.values()):
            raise FloatingPointError
    except (ValueError, FloatingPointError) as e:  # a diverged model can leave the transform's domain (log of <= 0)
        out["forecast_error"] = "not_finite" if isinstance(e, FloatingPointError) else "domain"
        fc = {k: np.full(sd.n_test, np.nan) for k in ("one_step", "recursive")}
        out["model"] = {k: dict.fromkeys(("rmse", "mae", "mape", "smape"), float("nan")) for k in fc}
    else:
        done = len(fc["recursive"])
        if done < sd.n_test:  # cut by the time budget
            fc["recursive"] = np.concatenate([fc["recursive"], np.full(sd.n_test - done, np.nan)])
            out["forecast_cut"] = {"done": done, "total": sd.n_test}
            out["forecast_error"] = "cut"
        out["model"] = {k: regression_metrics(y_true, v) if np.isfinite(v).all()
                        else dict.fromkeys(("rmse", "mae", "mape", "smape"), float("nan")) for k, v in fc.items()}
    out["forecasts"] = {k: v.tolist() for k, v in fc.items()}
    if baselines:
        out["baselines"] = baseline_metrics(sd)
    return out


def baseline_metrics(sd: SeriesData) -> dict:
    """Naive, seasonal naive and SARIMA on the holdout: {name: {mode: {metric: value}}}."""
    y_true = sd.values[sd.origin:]
    return {name: {k: regression_metrics(y_true, v) for k, v in modes.items()}
            for name, modes in _baselines(sd.values.tobytes(), sd.n_test, sd.season).items()}


@lru_cache(maxsize=32)
def _baselines(values: bytes, n_test: int, season: int) -> dict:
    """Baselines depend only on the series and split; SARIMA's fit is worth caching."""
    return forecast_baselines(np.frombuffer(values, dtype="float64"), n_test, season)


@torch.no_grad()
def predict_sample(model, data: Prepared, split: str = "test", i: int = 0):
    """One window of a split as numpy: (x (T, I), target, prediction) — probabilities for classifiers."""
    x, y = getattr(data, f"x_{split}")[i:i + 1], getattr(data, f"y_{split}")[i:i + 1]
    model.eval()
    out = model(x.to(_device(model))).cpu()
    if data.loss == "nll":
        out = out.exp()
    return x[0].numpy(), y[0].numpy(), out[0].numpy()


@torch.no_grad()
def step_errors(model, data: Prepared, split: str = "test") -> np.ndarray:
    """Mean squared error of an aligned many-to-many model (denoise) at each step of its windows: (T,)."""
    model.eval()
    x, y = getattr(data, f"x_{split}"), getattr(data, f"y_{split}")
    return step_mse(y.numpy(), model(x.to(_device(model))).cpu().numpy())
