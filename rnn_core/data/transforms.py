"""Invertible preprocessing for forecasting, and sliding windows over the result.

A series x goes  x -> log? -> difference? -> scale -> z.  The network learns on z; every
forecast is mapped back to x by undoing the steps in reverse, so errors are reported in the
units of the data. Differencing consumes the first ``offset`` points: z[i] belongs to x[i + offset].
"""

from __future__ import annotations

import numpy as np

from rnn_core.config import SCALES, TRANSFORMS  # noqa: F401 - re-exported: declared once, with the config fields


class Pipeline:
    """log / difference / scale, fitted on the training part only and exactly invertible."""

    def __init__(self, transform: str, scale: str, period: int = 12):
        if transform not in TRANSFORMS:
            raise ValueError(f"transform: {transform!r} is not one of {', '.join(TRANSFORMS)}")
        if scale not in SCALES:
            raise ValueError(f"scale: {scale!r} is not one of {', '.join(SCALES)}")
        if int(period) < 1:
            raise ValueError(f"period must be a positive number of steps, got {period!r}")
        self.transform, self.scale, self.period = transform, scale, int(period)
        self.log = transform.startswith("log")
        self.lag = {"diff": 1, "logdiff": 1, "seasonal": self.period, "logseasonal": self.period}.get(transform, 0)
        # z = (d - shift) / span, where d is the logged/differenced series
        self.shift, self.span = 0.0, 1.0
        self.fitted = scale == "none"

    @property
    def offset(self) -> int:
        """Leading original points consumed by differencing: 0, 1 or ``period``."""
        return self.lag

    def __repr__(self):
        return f"Pipeline(transform={self.transform!r}, scale={self.scale!r}, period={self.period})"

    # --- the unscaled steps: log and difference ---

    def _pre(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if not self.log:
            return x
        if np.any(~(x > 0)):
            raise ValueError(f"transform {self.transform!r} takes the log, so every value must be > 0; "
                             f"this series has a minimum of {np.nanmin(x):g}. Use a transform without log.")
        return np.log(x)

    def _post(self, u) -> np.ndarray:
        return np.exp(u) if self.log else u

    def difference(self, values) -> np.ndarray:
        """The logged/differenced series d, unscaled; length n - offset."""
        u = self._pre(values)
        if len(u) <= self.lag:
            raise ValueError(f"need more than {self.lag} points for transform {self.transform!r}, got {len(u)}")
        return u[self.lag:] - u[:-self.lag] if self.lag else u.copy()

    # --- scaling ---

    def fit(self, values, n_fit: int) -> Pipeline:
        """Fit the scaler on the points whose original index is < ``n_fit`` (the training part)."""
        n_keep = n_fit - self.lag  # d[i] belongs to x[i + lag]
        d = self.difference(values)[: max(n_keep, 0)]
        if len(d) < 1:
            raise ValueError(f"n_fit={n_fit} leaves no points to fit the scaler after the first {self.lag}")
        if self.scale == "minmax":
            lo, hi = float(d.min()), float(d.max())
            self.shift, self.span = lo, (hi - lo) or 1.0  # a flat training part maps to 0, not NaN
        elif self.scale == "standard":
            self.shift, self.span = float(d.mean()), float(d.std()) or 1.0
        self.fitted = True
        return self

    def scale_only(self, d) -> np.ndarray:
        """Unscaled transformed values -> z."""
        if not self.fitted:
            raise RuntimeError(f"call fit() before using scale {self.scale!r}")
        return (np.asarray(d, dtype=np.float64) - self.shift) / self.span

    def unscale(self, z) -> np.ndarray:
        """z -> unscaled transformed values (log-differences, differences or raw values)."""
        if not self.fitted:
            raise RuntimeError(f"call fit() before using scale {self.scale!r}")
        return np.asarray(z, dtype=np.float64) * self.span + self.shift

    # --- full pipeline ---

    def forward(self, values) -> np.ndarray:
        """z of length n - offset; z[i] corresponds to values[i + offset]."""
        return self.scale_only(self.difference(values))

    def inverse(self, z, head) -> np.ndarray:
        """Original values at positions offset .. offset + len(z) - 1.

        ``head`` holds the ``offset`` original values just before z's first position. Differences
        accumulate, so a whole forecast path can be inverted from its last known values.
        """
        d = self.unscale(z)
        if not self.lag:
            return self._post(d)
        head = np.asarray(head, dtype=np.float64)
        if len(head) != self.lag:
            raise ValueError(f"head must hold the {self.lag} values before z, got {len(head)}")
        u = np.empty(self.lag + len(d))
        u[: self.lag] = self._pre(head)
        for k in range(self.lag):  # each residue class mod lag is its own running sum
            u[self.lag + k:: self.lag] = u[k] + np.cumsum(d[k:: self.lag])
        return self._post(u[self.lag:])

    def invert_step(self, z_t: float, history) -> float:
        """The original value at position len(history), from its z and all earlier original values."""
        if self.lag and len(history) < self.lag:
            raise ValueError(f"history must hold at least {self.lag} values, got {len(history)}")
        d = float(self.unscale(z_t))
        if not self.lag:
            return float(self._post(d))
        return float(self._post(self._pre(history[-self.lag]) + d))

    def invert_steps(self, z, history_windows) -> np.ndarray:
        """Vectorised ``invert_step``: z (N,), history_windows (N, >= offset) of original values."""
        d = self.unscale(z)
        if not self.lag:
            return self._post(d)
        windows = np.asarray(history_windows, dtype=np.float64)
        if windows.ndim != 2 or windows.shape[1] < self.lag:
            raise ValueError(f"history_windows must be (N, >= {self.lag}), got {windows.shape}")
        return self._post(self._pre(windows[:, -self.lag]) + d)


def windows(z, seq_len: int, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Sliding windows: X[k] = z[k : k+seq_len], Y[k] = z[k+seq_len : k+seq_len+horizon]."""
    z = np.asarray(z)
    n_windows = len(z) - seq_len - horizon + 1
    if seq_len < 1 or horizon < 1 or n_windows < 1:
        raise ValueError(f"{len(z)} points are too few for windows of {seq_len} inputs + {horizon} targets")
    view = np.lib.stride_tricks.sliding_window_view(z, seq_len + horizon)  # (N, seq_len + horizon)
    X = np.ascontiguousarray(view[:, :seq_len])  # (N, seq_len)
    Y = np.ascontiguousarray(view[:, seq_len:])  # (N, horizon)
    return X, Y


def target_positions(n: int, seq_len: int, horizon: int = 1) -> np.ndarray:
    """Index in z (of length n) of each window's first target, for chronological splits."""
    return np.arange(seq_len, n - horizon + 1)
