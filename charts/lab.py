"""Figures of the long-range lab: where each cell stops remembering as the lag grows."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import log_axis
from charts.theme import MUTED, cell_color, new_figure


def sweep_figure(rows: list[dict], threshold: float = 0.5, *, labels: dict, height: int = 400) -> go.Figure:
    """Validation loss over the trivial baseline per cell and lag (rows: cell, lag, ratio), log-scaled lag axis."""
    lab = labels
    fig = new_figure(lab["title"], height=height, xaxis_title=lab["x"], yaxis_title=lab["y"])
    if not rows:
        fig.add_annotation(text=lab["empty"], showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig
    cells = list(dict.fromkeys(r["cell"] for r in rows))
    names = lab["cell_names"]
    stacked: dict[int, int] = {}  # breaking-point labels already at a lag: each next one sits higher
    top = {}  # the highest ratio at each lag: the labels there start above it, one above the other
    for r in rows:
        top[r["lag"]] = max(top.get(r["lag"], -np.inf), r["ratio"])
    for cell in cells:
        name = names.get(cell, cell)
        pts = sorted((r["lag"], r["ratio"]) for r in rows if r["cell"] == cell)
        lags = np.array([p[0] for p in pts], dtype=np.float32)
        ratio = np.array([p[1] for p in pts], dtype=np.float32)
        fig.add_trace(go.Scatter(x=lags, y=ratio, mode="lines+markers", name=name,
                                 line=dict(color=cell_color(cell), width=3), marker=dict(size=9),
                                 hovertemplate=f"{lab['lag']} %{{x}}<br>{lab['ratio']} %{{y:.3g}}<extra>{name}"
                                               "</extra>"))
        broken = [lag for lag, r in pts if r > threshold]
        if broken:
            lag = min(broken)
            k = stacked[lag] = stacked.get(lag, -1) + 1
            fig.add_annotation(x=np.log10(lag), y=min(1.05, float(top[lag])), text=lab["breaks"].format(
                cell=name, lag=lag), showarrow=True, arrowhead=2, ax=0, ay=-36 - 18 * k,
                font=dict(color=cell_color(cell)), bgcolor="rgba(255,255,255,0.8)")
    fig.add_hline(y=1.0, line=dict(color=MUTED, dash="dash"), annotation_text=lab["baseline"],
                  annotation_position="bottom right")
    fig.add_hline(y=threshold, line=dict(color=MUTED, dash="dot"),
                  annotation_text=lab["threshold"].format(threshold=threshold), annotation_position="top left")
    log_axis(fig, [[r["lag"] for r in rows]], axis="x")
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"))
    return fig
