"""Classic forecasting baselines that a recurrent network has to beat.

Every baseline is scored on a holdout: the last ``n_test`` points of a univariate series, in
original units. Two modes mirror how the network is evaluated:

* ``one_step`` -- each test point is forecast from all true values before it (teacher forcing);
* ``recursive`` -- all test points are forecast at once from the origin at the start of the test,
  seeing nothing after it, so errors compound with the horizon.

Baselines: ``naive`` (last value), ``seasonal_naive`` (value one season ago) and ``sarima``, the
Box-Jenkins "airline model" SARIMA(0,1,1)(0,1,1)_s on log values. SARIMA is optional: without
statsmodels, on a short or non-positive series, or when the fit fails, it is left out.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from rnn_core.engine.metrics import regression_metrics

MODES = ("one_step", "recursive")
# Below this many seasons of training data the seasonal MA term has too few seasonal lags to be
# estimated meaningfully (and seasonal differencing alone eats one season).
MIN_SARIMA_SEASONS = 3


def _check(values, n_test: int, season: int) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if values.ndim != 1:
        raise ValueError(f"values must be one-dimensional, got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("values contain nan or inf")
    if not 1 <= n_test < values.size:
        raise ValueError(f"n_test must be in 1..{values.size - 1}, got {n_test}")
    if season < 1:
        raise ValueError(f"season must be >= 1, got {season}")
    return values


def naive_forecasts(values: np.ndarray, n_test: int) -> dict[str, np.ndarray]:
    """Tomorrow equals today: the previous true value, or the last training value for every step."""
    origin = values.size - n_test
    return {
        "one_step": values[origin - 1 : values.size - 1].copy(),
        "recursive": np.full(n_test, values[origin - 1]),
    }


def seasonal_naive_forecasts(values: np.ndarray, n_test: int, season: int = 12) -> dict[str, np.ndarray]:
    """This month equals the same month a season ago; recursive repeats the last training season."""
    origin = values.size - n_test
    last_season = values[origin - season : origin]
    return {
        "one_step": values[origin - season : values.size - season].copy(),
        "recursive": last_season[np.arange(n_test) % season],
    }


def sarima_forecasts(values: np.ndarray, n_test: int, season: int = 12) -> dict[str, np.ndarray] | None:
    """Airline model fitted on the training part only; ``None`` when it cannot be applied.

    Parameters are estimated once, before the test. One-step forecasts then run the Kalman filter
    over the test with those parameters frozen, so no test value informs the coefficients.
    """
    origin = values.size - n_test
    if season < 2 or origin < MIN_SARIMA_SEASONS * season or np.any(values <= 0):
        return None
    try:
        from statsmodels.tsa.statespace.sarimax import SARIMAX
    except ImportError:
        return None
    # Log turns the multiplicative seasonality of series like airline passengers into additive.
    log_values = np.log(values)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = SARIMAX(log_values[:origin], order=(0, 1, 1), seasonal_order=(0, 1, 1, season))
            fitted = model.fit(disp=False)
            recursive = fitted.forecast(n_test)
            # extend() starts from the filtered state at the end of training, so its in-sample
            # predictions are exactly the one-step-ahead forecasts over the test.
            one_step = fitted.extend(log_values[origin:]).predict()
    except Exception:  # any estimation failure just means "no SARIMA row"
        return None
    forecasts = {"one_step": np.exp(np.asarray(one_step)), "recursive": np.exp(np.asarray(recursive))}
    if not all(np.all(np.isfinite(f)) and f.shape == (n_test,) for f in forecasts.values()):
        return None
    return forecasts


def forecast_baselines(values, n_test: int, season: int = 12) -> dict[str, dict[str, np.ndarray]]:
    """Baseline name -> {"one_step": (n_test,), "recursive": (n_test,)} forecasts of the holdout.

    ``seasonal_naive`` needs a full season before the test and ``sarima`` needs at least three
    seasons of positive training data; a baseline that cannot run is simply absent.
    """
    values = _check(values, n_test, season)
    origin = values.size - n_test
    baselines = {"naive": naive_forecasts(values, n_test)}
    if origin >= season:
        baselines["seasonal_naive"] = seasonal_naive_forecasts(values, n_test, season)
    sarima = sarima_forecasts(values, n_test, season)
    if sarima is not None:
        baselines["sarima"] = sarima
    return baselines


def baseline_table(values, n_test: int, season: int = 12) -> pd.DataFrame:
    """One row per (baseline, mode) with columns baseline, mode, rmse, mae, mape, smape."""
    values = _check(values, n_test, season)
    actual = values[-n_test:]
    rows = [
        {"baseline": name, "mode": mode, **regression_metrics(actual, preds[mode])}
        for name, preds in forecast_baselines(values, n_test, season).items()
        for mode in MODES
    ]
    return pd.DataFrame(rows, columns=["baseline", "mode", "rmse", "mae", "mape", "smape"])
