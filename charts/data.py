"""Figures of the data before any network sees it: the split, the transform, the windows, samples."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.theme import MUTED, ROLE_COLORS, new_figure

SPLIT_COLORS = {"train": "#2563eb", "val": "#f59e0b", "test": "#dc2626"}


def _x(index):
    return np.asarray(index) if index is not None else None


def series_split_figure(index, values, n_train: int, n_val: int, *, labels: dict, height: int = 380) -> go.Figure:
    """The raw series coloured by split: train, validation, test."""
    lb = labels
    x, v = _x(index), np.asarray(values, dtype=np.float32)
    fig = new_figure(lb["split_title"], height=height, xaxis_title=lb["x"], yaxis_title=lb["y"])
    bounds = {"train": (0, n_train), "val": (n_train - 1, n_train + n_val), "test": (n_train + n_val - 1, len(v))}
    for name, (a, b) in bounds.items():
        a = max(a, 0)
        fig.add_trace(go.Scatter(x=x[a:b], y=v[a:b], mode="lines+markers", name=lb[name],
                                 line=dict(color=SPLIT_COLORS[name], width=2), marker=dict(size=3),
                                 hovertemplate="%{x}<br>%{y:.4g}<extra>" + lb[name] + "</extra>"))
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"))
    return fig


def transformed_figure(index, z, n_train_z: int, n_val: int, *, labels: dict, height: int = 320) -> go.Figure:
    """The transformed, scaled series z that windows are cut from, with the same split colours."""
    lb = labels
    fig = series_split_figure(index, z, n_train_z, n_val, labels={**lb, "split_title": lb["z_title"],
                                                                   "y": lb["z"]}, height=height)
    fig.add_hline(y=0, line=dict(color=MUTED, width=1, dash="dot"))
    return fig


def window_figure(z, seq_len: int, start: int, horizon: int = 1, *, labels: dict, height: int = 300) -> go.Figure:
    """Where one example comes from: z[start:start+T] as input and the next `horizon` values as target."""
    lb = labels
    z = np.asarray(z, dtype=np.float32)
    t = np.arange(len(z), dtype=np.float32)
    fig = new_figure(lb["window_title"].format(T=seq_len), height=height, xaxis_title=lb["t"], yaxis_title=lb["z"])
    fig.add_trace(go.Scatter(x=t, y=z, mode="lines", line=dict(color="#cbd5e1"), showlegend=False,
                             hoverinfo="skip"))
    w = slice(start, start + seq_len)
    fig.add_trace(go.Scatter(x=t[w], y=z[w], mode="lines+markers", name=lb["window"],
                             line=dict(color=ROLE_COLORS["input"], width=3)))
    tg = slice(start + seq_len, start + seq_len + horizon)
    fig.add_trace(go.Scatter(x=t[tg], y=z[tg], mode="markers", name=lb["target"],
                             marker=dict(color=ROLE_COLORS["output"], size=11, symbol="star")))
    fig.add_vrect(x0=start - 0.5, x1=start + seq_len - 0.5, fillcolor=ROLE_COLORS["input"], opacity=0.08,
                  line_width=0)
    lo = max(0, start - 3 * seq_len)
    fig.update_xaxes(range=[lo - 0.5, min(len(z), start + seq_len + horizon + 2 * seq_len) - 0.5])
    return fig


def samples_figure(X, y, n: int = 4, class_names=(), *, labels: dict, height: int = 360) -> go.Figure:
    """A few sequences of a sample task, one line per input channel, target in the legend."""
    lb = labels
    X = np.asarray(X, dtype=np.float32)
    fig = new_figure(lb["samples_title"], height=height, xaxis_title=lb["t"], yaxis_title=lb["y"])
    palette = ["#2563eb", "#e4572e", "#16a34a", "#9333ea", "#ca8a04", "#0891b2"]
    for i in range(min(n, len(X))):
        yi = np.asarray(y[i])
        target = class_names[int(yi)] if class_names else (f"{float(yi.ravel()[0]):.3g}" if yi.size == 1 else "…")
        for c in range(X.shape[-1]):
            channel = lb["channel"].format(c=c + 1) if X.shape[-1] > 1 else ""
            fig.add_trace(go.Scatter(
                x=np.arange(1, X.shape[1] + 1, dtype=np.int32), y=X[i, :, c], mode="lines",  # t = 1..T
                line=dict(color=palette[i % len(palette)], dash="solid" if c == 0 else "dot"),
                name=lb["sample"].format(i=i + 1, y=target) + channel,
                legendgroup=str(i)))
    return fig
