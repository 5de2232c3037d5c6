"""Figures of a training run's loss: one run's curves per epoch, and several runs overlaid.

Numbers go to plotly as float32 numpy arrays, which plotly ships as compact binary instead of JSON lists.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import _log_y, _marker_mode, as_float32, empty_note, legend_on_top, positive, run_styles
from charts.theme import MUTED, ROLE_COLORS, new_figure


def loss_figure(history: dict, *, labels: dict, log_y: bool = True, best_epoch: int | None = None,
                height: int = 380) -> go.Figure:
    """Training and validation loss against epoch; a dotted line marks ``best_epoch``.

    ``history`` holds lists ``epoch``, ``train_loss``, ``val_loss`` and optionally ``time`` (seconds since
    the start). Live, partial histories are fine: each curve uses as many points as it has.
    """
    lab = labels
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
        _log_y(fig, shown)
    return fig


def loss_overlay_figure(runs: list[dict], *, labels: dict, log_y: bool = True,
                        height: int = 400) -> go.Figure:
    """Several runs' validation (solid) and training (dotted) loss, coloured by cell.

    Each run is ``{"label", "cell", "history"}``; a run's two curves toggle together in the legend.
    Runs that share a cell get another shade and dash pattern.
    """
    lab = labels
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
        _log_y(fig, shown)
    return fig
