"""How far back a gradient reaches, and how saturated a cell's gates are: the lab's two readings of a trace.

``memory_horizon`` fits the exponential decay of ‖∂L/∂h_t‖ over t; ``gate_saturation`` counts how often each
gate sits near closed or open.
"""

from __future__ import annotations

import math

import numpy as np

FLAT_CHANGE = math.log(1.1)  # a fitted profile changing less than 10 % over the window is flat


def memory_horizon(grad_norms_1d, fit_from: int | None = None) -> dict:
    """Fit log ‖∂L/∂h_t‖ = a + (t − T)/τ by least squares; τ is the e-folding length in steps.

    t runs 1..T. ``fit_from`` skips that many steps at the end: the fit covers t = 1..T − fit_from.
    The default skips the last two (fewer on profiles under five steps): h_T gets the loss straight
    through the read-out and h_{T−1} through the gates of the last step, so both sit off the
    exponential that the recurrence produces further back; a trained LSTM drops tenfold over
    exactly these two steps and is flat before them.

    Zeros are left out of the fit rather than floored: a zero is a norm that underflowed float32,
    so its true value is unknown, and any floor would bend the line towards the floor. If the
    whole window is zero the gradient died within the skipped steps: τ = 0. The profile counts as
    flat (τ = ``inf``) when the fitted line changes by less than 10 % over the window or its slope
    is within two standard errors of zero, so a noisy plateau is not read as a slow decay.

    Returns ``horizon`` (τ; ``inf`` unless the gradient decays back in time), ``growth`` (the
    e-folding length of a gradient that grows back in time, else ``None``), ``regime``
    (vanishes | flat | explodes | undefined), ``slope`` (1/τ), ``intercept`` (a, the fitted
    log-norm at t = T), ``t`` and ``values`` (the fitted curve over the window, in norm units),
    ``r2`` of the log fit, and ``fit_from``. A non-finite profile (a diverged model), an all-zero
    one or fewer than two positive norms in the window give regime ``undefined`` and a NaN
    horizon; a negative norm or a profile that is not 1-D raises ``ValueError``.
    """
    g = np.asarray(grad_norms_1d, dtype=np.float64)
    if g.ndim != 1:
        raise ValueError(f"grad_norms_1d: expected a 1-D profile, got shape {g.shape}")
    T = g.size
    if fit_from is None:
        fit_from = min(2, max(T - 3, 0))
    if fit_from < 0:
        raise ValueError(f"fit_from: expected >= 0, got {fit_from}")
    t = np.arange(1, T - fit_from + 1, dtype=np.float64)
    if np.any(g < 0):
        raise ValueError("grad_norms_1d: norms cannot be negative")
    seg = g[:t.size]
    if not np.all(np.isfinite(g)) or not g.max(initial=0.0) > 0:
        return _result(t, fit_from, math.nan, math.nan, "undefined")
    if t.size and not seg.any():
        return _result(t, fit_from, math.inf, -math.inf, "vanishes", values=np.zeros(t.size))
    keep = seg > 0
    if keep.sum() < 2:
        return _result(t, fit_from, math.nan, math.nan, "undefined")
    x, logs = t[keep] - T, np.log(seg[keep])
    slope, intercept = np.polyfit(x, logs, 1)
    fitted = intercept + slope * x
    ss_tot = float(((logs - logs.mean()) ** 2).sum())
    ss_res = float(((logs - fitted) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 1e-24 else 1.0
    n = x.size
    stderr = math.sqrt(ss_res / (n - 2) / ((x - x.mean()) ** 2).sum()) if n > 2 else 0.0
    if abs(slope) * (x[-1] - x[0]) < FLAT_CHANGE or abs(slope) < 2 * stderr:
        regime = "flat"
    else:
        regime = "vanishes" if slope > 0 else "explodes"
    return _result(t, fit_from, float(slope), float(intercept), regime, r2=r2)


def _result(t, fit_from, slope, intercept, regime, r2=math.nan, values=None):
    horizon = {"vanishes": 1.0 / slope if regime == "vanishes" else 0.0, "undefined": math.nan}.get(regime, math.inf)
    if values is None:
        values = np.exp(intercept + slope * (t - t.size - fit_from))
    return {"horizon": float(horizon), "growth": -1.0 / slope if regime == "explodes" else None, "regime": regime,
            "slope": slope, "intercept": intercept, "t": t, "values": values, "r2": float(r2), "fit_from": fit_from}


def gate_saturation(gates: dict, low: float = 0.1, high: float = 0.9) -> dict[str, dict[str, np.ndarray]]:
    """Per gate, layer and unit: the share of (batch, time) where the gate is below ``low`` / above ``high``.

    ``gates`` maps a name to an (L, B, T, H) array, as :func:`rnn_core.engine.instrument.trace` returns.
    The sigmoid gates (i, f, o, r, z) read as closed / open. The tanh candidates g and n take
    values in (−1, 1), so their magnitude is used: below ``low`` writes almost nothing, above
    ``high`` is a saturated tanh whose derivative is near zero. NaNs count as neither.
    Returns ``{name: {"low": (L, H), "high": (L, H)}}``.
    """
    out = {}
    for name, values in gates.items():
        arr = np.asarray(values, dtype=np.float64)
        if arr.ndim != 4:
            raise ValueError(f"gates[{name!r}]: expected (L, B, T, H), got shape {arr.shape}")
        if name in ("g", "n"):
            arr = np.abs(arr)
        n = max(arr.shape[1] * arr.shape[2], 1)
        with np.errstate(invalid="ignore"):
            out[name] = {"low": (arr < low).sum(axis=(1, 2)) / n, "high": (arr > high).sum(axis=(1, 2)) / n}
    return out
