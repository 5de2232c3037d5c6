"""Figures for a training run: loss curves, forecasts against the held-out series, sample predictions.

Numbers go to plotly as float32 numpy arrays, which plotly ships as compact binary instead of JSON lists.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import MUTED, ROLE_COLORS, TEMPLATE, cell_color, new_figure

LOSS_LABELS = {"title": "Loss per epoch", "x": "epoch", "y": "loss (log scale)", "y_linear": "loss",
               "train": "training loss", "val": "validation loss", "best": "best epoch {epoch}",
               "time": "time", "seconds": "s", "empty": "No epochs yet"}
LOSS_OVERLAY_LABELS = {"title": "Loss per epoch: validation (solid) and training (dotted)", "x": "epoch",
                       "y": "loss (log scale)", "y_linear": "loss", "val": "{label} · validation",
                       "train": "{label} · training", "empty": "No runs to compare"}
BASELINE_NAMES = {"naive": "naive (last value)", "seasonal_naive": "seasonal naive", "sarima": "SARIMA"}
FORECAST_LABELS = {"title": "Forecast of the test period", "x_steps": "time step", "x_dates": "date",
                   "y": "value", "observed": "observed series", "test": "test period",
                   "one_step": "one-step forecast", "recursive": "recursive forecast",
                   "baseline_names": BASELINE_NAMES}
FORECAST_OVERLAY_LABELS = {"title": "Forecasts of the test period", "x_steps": "time step", "x_dates": "date",
                           "y": "value", "observed": "observed series", "test": "test period"}
METRIC_LABELS = {"model": "this model", "name": "forecaster", "one_step": "one-step", "recursive": "recursive",
                 "mape": "MAPE %", "smape": "sMAPE %", "rmse": "RMSE", "mae": "MAE",
                 "baseline_names": BASELINE_NAMES}
SAMPLE_LABELS = {"title_all": "One sample: input, target and prediction at every step",
                 "title_last": "One sample: input sequence and the answer at the last step",
                 "title_classify": "One sample: input sequence and predicted class probabilities",
                 "x": "time step t", "y": "value", "input": "input", "channel": "input channel {k}",
                 "target": "target", "prediction": "prediction", "probability": "probability",
                 "class": "class", "true_class": "true class: {name}", "sequence": "input sequence",
                 "probabilities": "class probabilities",
                 "channel_names": None}

OBSERVED_COLOR = "#374151"
RECURSIVE_COLOR = "#ca8a04"
BASELINE_COLORS = ("#0891b2", "#db2777", "#7c3aed", "#65a30d", "#9ca3af")
INPUT_COLORS = ("#0ea5e9", "#64748b", "#0891b2", "#94a3b8")
DASHES = ("solid", "dash", "longdash", "dashdot", "longdashdot")


def as_float32(values) -> np.ndarray:
    """A float32 array; ``None`` entries (e.g. a missing validation loss) become NaN."""
    if values is None:
        return np.array([], dtype=np.float32)
    if isinstance(values, list | tuple) and any(v is None for v in values):
        values = [np.nan if v is None else v for v in values]
    return np.asarray(values, dtype=np.float32)


def positive(values) -> np.ndarray:
    """float32 values with non-positive and non-finite entries set to NaN: a log axis shows those as gaps."""
    arr = as_float32(values)
    return np.where(np.isfinite(arr) & (arr > 0), arr, np.nan).astype(np.float32)


def shade(color: str, k: int) -> str:
    """The k-th shade of a hex colour: 0 is the colour itself, then alternately darker and lighter."""
    if k == 0:
        return color
    amount = 0.3 * ((k + 1) // 2)
    target = 0 if k % 2 else 255
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (target - c) * min(amount, 0.8)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def run_styles(cells: list[str]) -> list[tuple[str, str]]:
    """(colour, dash) per run: the cell's colour; runs that repeat a cell get another shade and dash."""
    seen: dict[str, int] = {}
    styles = []
    for cell in cells:
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        styles.append((shade(cell_color(cell), k), DASHES[k % len(DASHES)]))
    return styles


def empty_note(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` in the middle of an empty figure and hide its axes."""
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def legend_on_top(fig: go.Figure) -> go.Figure:
    """A horizontal legend between the title and the plot, left-aligned, so a narrow column never makes
    it run into the title."""
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0.0),
                      margin=dict(t=88))
    return fig


def _log_axis(fig: go.Figure, arrays, **where) -> None:
    """A log y axis in powers of ten; whole decades as ticks once the data span two or more."""
    finite = [a[np.isfinite(a)] for a in arrays]
    finite = np.concatenate(finite) if finite else np.array([])
    decades = float(np.log10(finite.max() / finite.min())) if finite.size else 0.0
    fig.update_yaxes(type="log", exponentformat="power", dtick=1 if decades >= 2 else None, **where)


def _marker_mode(n: int) -> str:
    return "lines+markers" if n <= 40 else "lines"


def loss_figure(history: dict, labels: dict | None = None, log_y: bool = True, best_epoch: int | None = None,
                height: int = 380) -> go.Figure:
    """Training and validation loss against epoch; a dotted line marks ``best_epoch``.

    ``history`` holds lists ``epoch``, ``train_loss``, ``val_loss`` and optionally ``time`` (seconds since
    the start). Live, partial histories are fine: each curve uses as many points as it has.
    """
    lab = {**LOSS_LABELS, **(labels or {})}
    fig = new_figure(lab["title"], height=height)
    epochs = as_float32(history.get("epoch", []))
    if epochs.size == 0:
        fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"] if log_y else lab["y_linear"])
        return empty_note(fig, lab["empty"])
    time = as_float32(history.get("time", []))
    shown = []
    for key, color, dash in (("train_loss", ROLE_COLORS["hidden"], "dot"), ("val_loss", "#2563eb", "solid")):
        values = as_float32(history.get(key, []))
        n = min(len(values), len(epochs))
        if n == 0:
            continue
        y = positive(values[:n]) if log_y else values[:n]
        shown.append(y)
        name = lab["train" if key == "train_loss" else "val"]
        hover = f"{lab['x']} %{{x:.0f}}<br>{name}: %{{y:.4g}}"
        custom = None
        if len(time) >= n:
            custom = time[:n]
            hover += f"<br>{lab['time']}: %{{customdata:.1f}} {lab['seconds']}"
        fig.add_trace(go.Scatter(x=epochs[:n], y=y, name=name, mode=_marker_mode(n), customdata=custom,
                                 line=dict(color=color, width=3 if key == "val_loss" else 2, dash=dash),
                                 marker=dict(size=6), hovertemplate=hover + "<extra></extra>"))
    if best_epoch is not None:
        fig.add_vline(x=best_epoch, line=dict(color=MUTED, dash="dot", width=1.5),
                      annotation_text=lab["best"].format(epoch=best_epoch), annotation_position="top",
                      annotation_font=dict(color=MUTED, size=12))
        val = as_float32(history.get("val_loss", []))[:len(epochs)]
        hit = np.flatnonzero(epochs[:len(val)] == best_epoch)
        if hit.size and np.isfinite(val[hit[0]]):
            fig.add_trace(go.Scatter(x=epochs[hit[:1]], y=val[hit[:1]], mode="markers", showlegend=False,
                                     name=lab["best"].format(epoch=best_epoch),
                                     marker=dict(size=13, symbol="star", color="#2563eb",
                                                 line=dict(color="white", width=1)),
                                     hovertemplate=lab["best"].format(epoch=best_epoch)
                                     + ": %{y:.4g}<extra></extra>"))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"] if log_y else lab["y_linear"])
    legend_on_top(fig)
    if len(epochs) < 8:  # a handful of epochs: whole numbers only, no 0.5 ticks
        fig.update_xaxes(dtick=1)
    if log_y:
        _log_axis(fig, shown)
    return fig


def loss_overlay_figure(runs: list[dict], labels: dict | None = None, log_y: bool = True,
                        height: int = 400) -> go.Figure:
    """Several runs' validation (solid) and training (dotted) loss, coloured by cell.

    Each run is ``{"label", "cell", "history"}``; a run's two curves toggle together in the legend.
    Runs that share a cell get another shade and dash pattern.
    """
    lab = {**LOSS_OVERLAY_LABELS, **(labels or {})}
    fig = new_figure(lab["title"], height=height)
    y_title = lab["y"] if log_y else lab["y_linear"]
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=y_title)
    if not runs:
        return empty_note(fig, lab["empty"])
    shown = []
    for run, (color, dash) in zip(runs, run_styles([r["cell"] for r in runs]), strict=True):
        hist = run.get("history") or {}
        epochs = as_float32(hist.get("epoch", []))
        for key, line in (("val_loss", dict(color=color, width=3, dash=dash)),
                          ("train_loss", dict(color=color, width=1.8, dash="dot"))):
            values = as_float32(hist.get(key, []))
            n = min(len(values), len(epochs))
            y = positive(values[:n]) if log_y else values[:n]
            shown.append(y)
            name = lab["val" if key == "val_loss" else "train"].format(label=run["label"])
            fig.add_trace(go.Scatter(x=epochs[:n], y=y, name=name, mode="lines", line=line,
                                     legendgroup=run["label"], opacity=1.0 if key == "val_loss" else 0.85,
                                     hovertemplate=f"{name}<br>{lab['x']} %{{x:.0f}}: %{{y:.4g}}<extra></extra>"))
    if log_y:
        _log_axis(fig, shown)
    return fig


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
                    labels: dict | None = None, cell: str | None = None, baseline_mode: str = "recursive",
                    height: int = 400) -> go.Figure:
    """The whole series, the test period shaded, and the model's forecasts of that period.

    ``index`` gives the x values (dates are shown as dates; ``None`` means steps 0..n-1). ``one_step`` and
    ``recursive`` hold the forecasts of the last ``n_test`` points; ``baselines`` maps a baseline name to
    its forecast array, or to ``{"one_step": array, "recursive": array}`` (then ``baseline_mode`` picks
    one), and is drawn dashed. ``cell`` colours the one-step forecast.
    """
    lab = {**FORECAST_LABELS, **(labels or {})}
    names = {**BASELINE_NAMES, **lab.get("baseline_names", {})}
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


def forecast_overlay_figure(index, values, n_test: int, forecasts: dict, labels: dict | None = None,
                            context: int | None = None, height: int = 400) -> go.Figure:
    """Several models' forecasts of the same test period: ``forecasts`` maps label -> (cell, array).

    Lines are coloured by cell; forecasts from the same cell get another shade and dash. With ``context``
    the x axis opens that many points before the test period instead of at the start of the series.
    """
    lab = {**FORECAST_OVERLAY_LABELS, **(labels or {})}
    fig, x, _ = _series_base(index, values, n_test, lab, height)
    items = list(forecasts.items())
    for (label, (_, fc)), (color, dash) in zip(items, run_styles([c for _, (c, _) in items]), strict=True):
        _tail_trace(fig, x, fc, label, dict(color=color, width=2.5, dash=dash))
    if context is not None and len(x):
        start = max(0, len(x) - max(0, int(n_test)) - int(context))
        fig.update_xaxes(range=[x[start], x[-1]] if start else None)
    return fig


def metrics_table(model: dict | None, baselines: dict | None = None, labels: dict | None = None,
                  metrics: tuple[str, ...] = ("mape", "rmse"),
                  modes: tuple[str, ...] = ("one_step", "recursive")) -> pd.DataFrame:
    """Test errors of the model and each baseline side by side, the model's row first.

    ``model`` is ``{mode: {metric: value}}`` as the engine's ``evaluate`` returns it (``None`` leaves the
    row out); ``baselines`` is ``{name: {mode: {metric: value}}}``. Columns run metric by metric, each
    mode within: "one-step MAPE %", "recursive MAPE %", "one-step RMSE", "recursive RMSE".
    """
    lab = {**METRIC_LABELS, **(labels or {})}
    names = {**BASELINE_NAMES, **lab.get("baseline_names", {})}
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


def _channels(x) -> np.ndarray:
    arr = as_float32(x)
    return arr[:, None] if arr.ndim == 1 else arr


def _input_traces(fig: go.Figure, x, lab: dict, **where) -> np.ndarray:
    """One line per input channel over t = 1..T; returns t."""
    xs = _channels(x)
    t = np.arange(1, xs.shape[0] + 1, dtype=np.int32)
    for k in range(xs.shape[1]):
        if lab.get("channel_names"):
            name = lab["channel_names"][k]
        else:
            name = lab["input"] if xs.shape[1] == 1 else lab["channel"].format(k=k + 1)
        fig.add_trace(go.Scatter(x=t, y=xs[:, k], name=name, mode=_marker_mode(len(t)),
                                 line=dict(color=INPUT_COLORS[k % len(INPUT_COLORS)], width=1.8),
                                 marker=dict(size=4),
                                 hovertemplate=f"{name}<br>t %{{x}}: %{{y:.3f}}<extra></extra>"), **where)
    return t


def sample_prediction_figure(x, y_true, y_pred, kind: str, class_names: list[str] | None = None,
                             labels: dict | None = None, height: int = 380) -> go.Figure:
    """One sample of a sequence task, by output kind.

    ``x`` is the input (T,) or (T, D). ``kind`` "all": targets and predictions (T,) at every step;
    "last": one answer (or a few) after the whole sequence, drawn at the last step t = T;
    "classify": ``y_true`` is the class index and ``y_pred`` the class probabilities (log-probabilities,
    all <= 0, are turned into probabilities), drawn as bars next to the input with the true class
    highlighted.
    """
    lab = {**SAMPLE_LABELS, **(labels or {})}
    if kind == "classify":
        return _classify_figure(x, y_true, y_pred, class_names, lab, height)
    if kind not in ("all", "last"):
        raise ValueError(f"kind: {kind!r} is not one of all, last, classify")
    fig = new_figure(lab[f"title_{kind}"], height=height)
    t = _input_traces(fig, x, lab)
    target, pred = as_float32(y_true).ravel(), as_float32(y_pred).ravel()
    if kind == "all":
        for y, name, line in ((target, lab["target"], dict(color=ROLE_COLORS["output"], width=3)),
                              (pred, lab["prediction"], dict(color=ROLE_COLORS["hidden"], width=2.5, dash="dash"))):
            fig.add_trace(go.Scatter(x=t[:len(y)], y=y, name=name, mode=_marker_mode(len(y)), line=line,
                                     marker=dict(size=5),
                                     hovertemplate=f"{name}<br>t %{{x}}: %{{y:.3f}}<extra></extra>"))
    else:
        end = np.full(max(len(target), len(pred)), t[-1] if len(t) else 1, dtype=np.int32)
        for y, name, marker in ((target, lab["target"], dict(size=16, symbol="star", color=ROLE_COLORS["output"])),
                                (pred, lab["prediction"], dict(size=13, symbol="diamond",
                                                               color=ROLE_COLORS["hidden"]))):
            fig.add_trace(go.Scatter(x=end[:len(y)], y=y, name=name, mode="markers",
                                     marker={**marker, "line": dict(color="white", width=1)},
                                     hovertemplate=f"{name} (t %{{x}}): %{{y:.4g}}<extra></extra>"))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"])
    return legend_on_top(fig)


def _classify_figure(x, y_true, y_pred, class_names, lab: dict, height: int) -> go.Figure:
    probs = np.asarray(y_pred, dtype=float).ravel()
    if probs.size and np.all(probs <= 0) and np.any(probs < 0):
        probs = np.exp(probs)
    names = list(class_names) if class_names is not None else [str(k) for k in range(probs.size)]
    true = int(np.asarray(y_true).ravel()[0])
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.1,
                        subplot_titles=(lab["sequence"], lab["probabilities"]))
    fig.update_layout(template=TEMPLATE, height=height, title_text=lab["title_classify"], margin=dict(t=80),
                      showlegend=_channels(x).shape[1] > 1)
    _input_traces(fig, x, lab, row=1, col=1)
    colors = [ROLE_COLORS["output"] if k == true else "#cbd5e1" for k in range(len(names))]
    fig.add_trace(go.Bar(x=names, y=probs.astype(np.float32), marker=dict(color=colors), showlegend=False,
                         name=lab["probability"],
                         hovertemplate=f"%{{x}}<br>{lab['probability']}: %{{y:.1%}}<extra></extra>"),
                  row=1, col=2)
    if 0 <= true < len(names):
        fig.add_annotation(x=names[true], y=float(probs[true]), text=lab["true_class"].format(name=names[true]),
                           showarrow=True, arrowhead=2, ay=-28, row=1, col=2,
                           font=dict(color=ROLE_COLORS["output"], size=12))
    fig.update_xaxes(title_text=lab["x"], row=1, col=1)
    fig.update_yaxes(title_text=lab["y"], row=1, col=1)
    fig.update_xaxes(title_text=lab["class"], row=1, col=2)
    fig.update_yaxes(title_text=lab["probability"], range=[0, 1.15], tickformat=".0%", row=1, col=2)
    return fig
