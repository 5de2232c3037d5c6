"""Error metrics for forecasts and classifiers.

All functions take array-likes of equal length, compare them element-wise and return a plain
``float`` so results can go straight into tables and JSON. Percent metrics are on a 0..100 scale.
"""

from __future__ import annotations

import numpy as np


def _pair(y, yhat) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=float).ravel()
    yhat = np.asarray(yhat, dtype=float).ravel()
    if y.shape != yhat.shape:
        raise ValueError(f"y and yhat differ in length: {y.size} vs {yhat.size}")
    if y.size == 0:
        raise ValueError("y and yhat are empty")
    return y, yhat


def rmse(y, yhat) -> float:
    """Root mean squared error, in the units of ``y``."""
    y, yhat = _pair(y, yhat)
    return float(np.sqrt(np.mean((y - yhat) ** 2)))


def mae(y, yhat) -> float:
    """Mean absolute error, in the units of ``y``."""
    y, yhat = _pair(y, yhat)
    return float(np.mean(np.abs(y - yhat)))


def mape(y, yhat) -> float:
    """Mean absolute percentage error: mean of ``|y - yhat| / |y|`` times 100.

    Undefined when any true value is zero; returns ``nan`` then instead of ``inf`` so a table
    shows "not applicable" rather than a number that swamps every other row.
    """
    y, yhat = _pair(y, yhat)
    if np.any(y == 0):
        return float("nan")
    return float(np.mean(np.abs(y - yhat) / np.abs(y)) * 100)


def smape(y, yhat) -> float:
    """Symmetric MAPE: mean of ``2|y - yhat| / (|y| + |yhat|)`` times 100, between 0 and 200.

    A point where both ``y`` and ``yhat`` are zero is a perfect forecast, so 0/0 counts as 0.
    """
    y, yhat = _pair(y, yhat)
    denom = np.abs(y) + np.abs(yhat)
    num = 2 * np.abs(y - yhat)
    ratio = np.divide(num, denom, out=np.zeros_like(num), where=denom != 0)
    return float(np.mean(ratio) * 100)


def regression_metrics(y, yhat) -> dict[str, float]:
    """All four forecast errors at once: keys ``rmse``, ``mae``, ``mape``, ``smape``."""
    return {"rmse": rmse(y, yhat), "mae": mae(y, yhat), "mape": mape(y, yhat), "smape": smape(y, yhat)}


def accuracy(labels, pred_labels) -> float:
    """Fraction (0..1) of predicted class labels equal to the true ones."""
    labels = np.asarray(labels).ravel()
    pred_labels = np.asarray(pred_labels).ravel()
    if labels.shape != pred_labels.shape:
        raise ValueError(f"labels and pred_labels differ in length: {labels.size} vs {pred_labels.size}")
    if labels.size == 0:
        raise ValueError("labels are empty")
    return float(np.mean(labels == pred_labels))


def headline_metric(values) -> str:
    """The error to headline for a series: ``"mape"`` where a percentage means something — every value
    positive and the smallest at least a tenth of the mean, so no division by values near zero — else
    ``"rmse"`` (in the series' own units)."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if len(v) == 0 or v.min() <= 0:
        return "rmse"
    return "mape" if v.min() >= 0.1 * v.mean() else "rmse"


def step_mse(y, yhat) -> np.ndarray:
    """Mean squared error at each step of aligned sequence outputs (N, T, ...) -> (T,): where in a window a
    many-to-many model errs (a one-way denoiser at its first steps, which have no past to lean on)."""
    y, yhat = np.asarray(y, dtype=float), np.asarray(yhat, dtype=float)
    if y.shape != yhat.shape or y.ndim < 2:
        raise ValueError(f"y and yhat must be (N, T, ...) of one shape: {y.shape} vs {yhat.shape}")
    return ((y - yhat) ** 2).reshape(y.shape[0], y.shape[1], -1).mean(axis=(0, 2))
