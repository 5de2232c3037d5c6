"""Forecasts of the held-out test period: the series with the test period shaded, one model's forecasts
against the baselines, several models overlaid, and the table of test errors.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.common import as_float32, legend_on_top, run_styles
from charts.theme import MUTED, cell_color, new_figure

OBSERVED_COLOR = "#374151"
RECURSIVE_COLOR = "#ca8a04"
BASELINE_COLORS = ("#0891b2", "#db2777", "#7c3aed", "#65a30d", "#9ca3af")


def _time_axis(index, n: int) -> tuple[np.ndarray, bool]:
    """x values for a series of n points: its dates when the index holds datetimes, else step numbers."""
    if index is None:
        return np.arange(n, dtype=np.int32), False
    idx = pd.Index(index)
    if len(idx) != n:
        raise ValueError(f"index has {len(idx)} entries but the series has {n} values")
    if isinstance(idx, pd.PeriodIndex):
        idx = idx.to_timestamp()
    if pd.api.types.is_datetime64_any_dtype(idx):
        return np.asarray(pd.DatetimeIndex(idx).tz_localize(None)), True
    return as_float32(idx), False


def _date_format(x: np.ndarray) -> str:
    days = pd.DatetimeIndex(x)
    return "%Y-%m" if bool((days.day == 1).all()) else "%Y-%m-%d"


def _edge(x: np.ndarray, i: int, is_dates: bool):
    """Where a shaded region starting at point i begins: halfway from x[i-1] to x[i], half a step
    beyond the ends for i = 0 and i = n."""
    n = len(x)
    at = (lambda k: pd.Timestamp(x[k])) if is_dates else (lambda k: float(x[k]))
    if n == 1:
        return at(0)
    if i <= 0:
        return at(0) - (at(1) - at(0)) / 2
    if i >= n:
        return at(n - 1) + (at(n - 1) - at(n - 2)) / 2
    return at(i - 1) + (at(i) - at(i - 1)) / 2


def _series_base(index, values, n_test: int, lab: dict, height: int) -> tuple[go.Figure, np.ndarray, bool]:
    """The observed series in dark grey with the test period shaded."""
    y = as_float32(values).ravel()
    x, is_dates = _time_axis(index, len(y))
    fig = new_figure(lab["title"], height=height)
    n_test = max(0, min(int(n_test), len(y)))
    if n_test:
        fig.add_vrect(x0=_edge(x, len(y) - n_test, is_dates), x1=_edge(x, len(y), is_dates),
                      fillcolor="#9ca3af", opacity=0.14, line_width=0, layer="below",
                      annotation_text=lab["test"], annotation_position="top left",
                      annotation_font=dict(color=MUTED, size=12))
    fig.add_trace(go.Scatter(x=x, y=y, name=lab["observed"], mode="lines",
                             line=dict(color=OBSERVED_COLOR, width=2),
                             hovertemplate=f"{lab['observed']}: %{{y:.4g}}<extra></extra>"))
    fig.update_layout(xaxis_title=lab["x_dates"] if is_dates else lab["x_steps"], yaxis_title=lab["y"],
                      hovermode="x unified")
    legend_on_top(fig)
    if is_dates:
        fig.update_xaxes(hoverformat=_date_format(x))
    return fig, x, is_dates


def _tail_trace(fig: go.Figure, x: np.ndarray, values, name: str, line: dict, mode: str = "lines") -> None:
    """A forecast over the last len(values) points of the time axis."""
    y = as_float32(values).ravel()
    if y.size == 0:
        return
    if y.size > len(x):
        raise ValueError(f"a forecast of {y.size} values is longer than the series ({len(x)})")
    fig.add_trace(go.Scatter(x=x[len(x) - y.size:], y=y, name=name, mode=mode, line=line, marker=dict(size=5),
                             hovertemplate=f"{name}: %{{y:.4g}}<extra></extra>"))


def forecast_figure(index, values, n_test: int, one_step=None, recursive=None, baselines: dict | None = None,
                    *, labels: dict, cell: str | None = None, baseline_mode: str = "recursive",
                    height: int = 400) -> go.Figure:
    """The whole series, the test period shaded, and the model's forecasts of that period.

    ``index`` gives the x values (dates are shown as dates; ``None`` means steps 0..n-1). ``one_step`` and
    ``recursive`` hold the forecasts of the last ``n_test`` points; ``baselines`` maps a baseline name to
    its forecast array, or to ``{"one_step": array, "recursive": array}`` (then ``baseline_mode`` picks
    one), and is drawn dashed. ``cell`` colours the one-step forecast.
    """
    lab = labels
    names = lab["baseline_names"]
    fig, x, _ = _series_base(index, values, n_test, lab, height)
    for k, (name, fc) in enumerate((baselines or {}).items()):
        if isinstance(fc, dict):
            fc = fc.get(baseline_mode)
        if fc is None:
            continue
        _tail_trace(fig, x, fc, names.get(name, name),
                    dict(color=BASELINE_COLORS[k % len(BASELINE_COLORS)], width=1.8, dash="dash"))
    if one_step is not None:
        _tail_trace(fig, x, one_step, lab["one_step"],
                    dict(color=cell_color(cell) if cell else "#2563eb", width=2.5), mode="lines+markers")
    if recursive is not None:
        _tail_trace(fig, x, recursive, lab["recursive"], dict(color=RECURSIVE_COLOR, width=2.5),
                    mode="lines+markers")
    return fig


def forecast_overlay_figure(index, values, n_test: int, forecasts: dict, *, labels: dict,
                            context: int | None = None, height: int = 400) -> go.Figure:
    """Several models' forecasts of the same test period: ``forecasts`` maps label -> (cell, array).

    Lines are coloured by cell; forecasts from the same cell get another shade and dash. With ``context``
    the x axis opens that many points before the test period instead of at the start of the series.
    """
    lab = labels
    fig, x, _ = _series_base(index, values, n_test, lab, height)
    items = list(forecasts.items())
    for (label, (_, fc)), (color, dash) in zip(items, run_styles([c for _, (c, _) in items]), strict=True):
        _tail_trace(fig, x, fc, label, dict(color=color, width=2.5, dash=dash))
    if context is not None and len(x):
        start = max(0, len(x) - max(0, int(n_test)) - int(context))
        fig.update_xaxes(range=[x[start], x[-1]] if start else None)
    return fig


def metrics_table(model: dict | None, baselines: dict | None = None, *, labels: dict,
                  metrics: tuple[str, ...] = ("mape", "rmse"),
                  modes: tuple[str, ...] = ("one_step", "recursive")) -> pd.DataFrame:
    """Test errors of the model and each baseline side by side, the model's row first.

    ``model`` is ``{mode: {metric: value}}`` as the engine's ``evaluate`` returns it (``None`` leaves the
    row out); ``baselines`` is ``{name: {mode: {metric: value}}}``. Columns run metric by metric, each
    mode within: "one-step MAPE %", "recursive MAPE %", "one-step RMSE", "recursive RMSE".
    """
    lab = labels
    names = lab["baseline_names"]
    columns = {(metric, mode): f"{lab.get(mode, mode)} {lab.get(metric, metric)}"
               for metric in metrics for mode in modes}
    rows = []
    entries = ([(lab["model"], model)] if model is not None else []) + \
              [(names.get(name, name), modes_) for name, modes_ in (baselines or {}).items()]
    for name, by_mode in entries:
        row = {lab["name"]: name}
        for (metric, mode), col in columns.items():
            value = (by_mode.get(mode) or {}).get(metric)
            row[col] = float(value) if value is not None else math.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=[lab["name"], *columns.values()])
