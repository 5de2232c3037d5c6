"""Figures of the date translator: the attention matrix of one translation, exact-match accuracy by input
length with and without attention, and accuracy per epoch."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import as_float32
from charts.theme import new_figure

COLORS = {True: "#2563eb", False: "#e4572e"}  # with attention, without


def attention_figure(text: str, output: str, weights: np.ndarray, *, labels: dict) -> go.Figure:
    """Heatmap: the output symbol written (rows) × the input symbol read (columns), coloured by the weight that
    output step gave it. ``weights`` (len(output), len(text)), each row summing to 1."""
    lab = labels
    cols = [f"{k}<br><b>{'␣' if c == ' ' else c}</b>" for k, c in enumerate(text, 1)]
    rows = [f"{k}: <b>{c}</b>" for k, c in enumerate(output, 1)]
    fig = new_figure(lab["title"], height=420)
    fig.add_trace(go.Heatmap(
        x=list(range(1, len(text) + 1)), y=rows, z=as_float32(weights), zmin=0, zmax=1, colorscale="Blues",
        colorbar=dict(title=dict(text=lab["weight"]), tickformat=".0%", thickness=14), xgap=1, ygap=1,
        hovertemplate=lab["hover"] + "<extra></extra>",
        customdata=np.array([[text[j] for j in range(len(text))]] * len(output))))
    fig.update_xaxes(title_text=lab["x"], tickvals=list(range(1, len(text) + 1)), ticktext=cols, showgrid=False)
    fig.update_yaxes(title_text=lab["y"], autorange="reversed", showgrid=False, type="category", tickmode="array",
                     tickvals=rows, ticktext=rows)
    fig.update_layout(margin=dict(b=80, l=80))
    return fig


def accuracy_by_length_figure(rows: list[dict], *, labels: dict) -> go.Figure:
    """Exact-match accuracy (y) by input-length band (x), one line per model. ``rows``: {"label", "attention",
    "bands": [band label], "accuracy": [share], "count": [test dates]}."""
    lab = labels
    fig = new_figure(lab["title"], height=380)
    for r in rows:
        fig.add_trace(go.Scatter(
            x=r["bands"], y=as_float32(r["accuracy"]), name=r["label"], mode="lines+markers",
            line=dict(color=COLORS[r["attention"]], width=3), marker=dict(size=8), customdata=r["count"],
            hovertemplate=f"{r['label']}<br>{lab['x']} %{{x}}: %{{y:.1%}}<br>{lab['count']}: %{{customdata}}"
                          "<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], type="category")
    fig.update_yaxes(title_text=lab["y"], range=[-0.02, 1.02], tickformat=".0%")
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right"))
    return fig


def exact_per_epoch_figure(rows: list[dict], *, labels: dict) -> go.Figure:
    """Validation exact-match accuracy per epoch, one line per model. ``rows``: {"label", "attention", "history"},
    and ``"dash": True`` for a pair trained the other way (teacher forcing), drawn dashed and thinner."""
    lab = labels
    fig = new_figure(lab["title"], height=340)
    for r in rows:
        h = r["history"]
        dashed = r.get("dash", False)
        fig.add_trace(go.Scatter(
            x=h["epoch"], y=as_float32(h["val_exact"]), name=r["label"], mode="lines+markers",
            line=dict(color=COLORS[r["attention"]], width=2 if dashed else 3, dash="dash" if dashed else "solid"),
            marker=dict(size=5 if dashed else 7, symbol="circle-open" if dashed else "circle"),
            hovertemplate=f"{r['label']}<br>{lab['x']} %{{x}}: %{{y:.1%}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], dtick=1)
    fig.update_yaxes(title_text=lab["y"], range=[-0.02, 1.02], tickformat=".0%")
    if len(rows) > 2:  # two pairs: four entries fit under the axis, not beside the title of a half-width chart
        fig.update_layout(height=440, margin=dict(b=150),
                          legend=dict(orientation="h", yanchor="top", y=-0.38, x=0, xanchor="left"))
    else:
        fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right"))
    return fig
