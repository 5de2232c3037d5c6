"""Univariate series: the airline data and synthetic signals (a user's CSV file is read by ``csv_series``).

Series are float64; the network sees them only after ``transforms.Pipeline``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from rnn_core.config import APERIODIC_SERIES, REAL_SERIES, SERIES

ASSETS = Path(__file__).resolve().parents[2] / "assets"

SERIES_NAMES = tuple(s for s in SERIES if s not in REAL_SERIES)  # the generated series
CLEAN_SHAPES = tuple(s for s in SERIES_NAMES if s not in APERIODIC_SERIES)  # a clean signal exists


def load_air_passengers() -> pd.Series:
    """Monthly airline passengers (thousands), 1949-01..1960-12: the Box-Jenkins classic."""
    df = pd.read_csv(ASSETS / "air_passengers.csv")
    index = pd.DatetimeIndex(pd.to_datetime(df["month"], format="%Y-%m"), name="month", freq="MS")
    return pd.Series(df["passengers"].to_numpy(np.float64), index=index, name="passengers")


def clean_shape(name: str, t: np.ndarray, period: float, n_points: int) -> np.ndarray:
    """The noise-free signal ``name`` at (possibly fractional) times ``t``.

    ``n_points`` sets the slope of the trend, which rises ~2 units over a series of that length.
    """
    if name not in CLEAN_SHAPES:
        raise ValueError(f"{name!r} has no clean shape; choose one of {', '.join(CLEAN_SHAPES)}")
    t = np.asarray(t, dtype=np.float64)
    wave = np.sin(2 * np.pi * t / period)
    if name in ("sine", "noisy_sine"):
        return wave
    if name == "trend_season":
        return -1.0 + 2.0 * t / max(n_points - 1, 1) + wave
    if name == "square":
        return np.where(wave >= 0, 1.0, -1.0)
    return 2.0 * np.mod(t / period, 1.0) - 1.0  # sawtooth


def synthetic(name: str, n_points: int, period: float, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(clean, observed) float64 arrays of length ``n_points``; same seed, same arrays."""
    if name not in SERIES_NAMES:
        raise ValueError(f"unknown series {name!r}; choose one of {', '.join(SERIES_NAMES)}")
    if n_points < 1 or period <= 0:
        raise ValueError("n_points must be >= 1 and period > 0")
    rng = np.random.default_rng(seed)
    if name == "ar2":
        # complex roots r·e^{±iω}: a damped oscillation with period 2π/ω kept alive by the shocks
        r, burn = 0.95, 200
        phi1, phi2 = 2 * r * np.cos(2 * np.pi / period), -r * r
        e = rng.normal(0.0, max(noise, 0.05), n_points + burn)
        x = np.zeros(n_points + burn)
        for i in range(2, len(x)):
            x[i] = phi1 * x[i - 1] + phi2 * x[i - 2] + e[i]
        x = x[burn:]
        return x, x.copy()
    if name == "random_walk":
        x = np.cumsum(rng.normal(0.0, max(noise, 0.05), n_points))
        return x, x.copy()
    clean = clean_shape(name, np.arange(n_points), period, n_points)
    if name == "sine":
        return clean, clean.copy()
    return clean, clean + noise * rng.standard_normal(n_points)
