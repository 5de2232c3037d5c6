"""The decays of a linear recurrence on the complex plane with the unit circle, before and after training.

|λ| < 1 is what keeps a linear recurrence's gradient from exploding, and |λ| close to 1 what lets it
reach far back: the distance of each point from the circle is the story.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import empty_note
from charts.theme import MUTED, TEMPLATE, cell_color, new_figure


def disk_figure(before: list[dict], after: list[dict], layer: int = 0, cell: str = "lru",
                *, labels: dict, height: int = 480) -> go.Figure:
    """Points of ``rnn_core.inside.eigen.disk_points`` before (hollow) and after (filled) training, one layer.

    Real decays (the min cells) carry a horizontal bar from their 10th to 90th percentile over the steps."""
    lab = labels
    if not after:
        return empty_note(new_figure(lab["title"].format(layer="", radius=float("nan")), height=height),
                          lab["empty"])
    top = float(np.abs(np.asarray(after[layer]["points"])).max())
    fig = new_figure(lab["title"].format(layer=layer + 1, radius=top), height=height)
    fig.update_layout(template=TEMPLATE, legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.0,
                                                     xanchor="left", x=0.0), margin=dict(t=60, b=120))
    angle = np.linspace(0, 2 * np.pi, 181)
    fig.add_trace(go.Scatter(x=np.cos(angle).astype(np.float32), y=np.sin(angle).astype(np.float32),
                             name=lab["circle"], mode="lines", line=dict(color=MUTED, width=1.5, dash="dot"),
                             hoverinfo="skip"))
    color = cell_color(cell)
    for name, pts, filled in ((lab["before"], before, False), (lab["after"], after, True)):
        if not pts:
            continue
        p = pts[layer]
        v = np.asarray(p["points"]).astype(complex)
        err, extra = None, ""
        if p.get("low") is not None:
            extra = f"<br>{lab['range']}: %{{customdata[2]:.3f}} – %{{customdata[3]:.3f}}"
            mid = v.real
            err = dict(type="data", symmetric=False, array=(np.asarray(p["high"]) - mid).astype(np.float32),
                       arrayminus=(mid - np.asarray(p["low"])).astype(np.float32), thickness=1,
                       color=color if filled else MUTED, width=0)
        units = np.arange(1, v.size + 1, dtype=np.int32)
        fig.add_trace(go.Scatter(
            x=v.real.astype(np.float32), y=v.imag.astype(np.float32), name=name, mode="markers", error_x=err,
            customdata=np.stack([units, np.abs(v), *((p["low"], p["high"]) if extra else ())], -1).astype(np.float32),
            marker=dict(color=color if filled else "rgba(0,0,0,0)", size=8, opacity=0.85,
                        line=dict(color=color if filled else MUTED, width=1.2)),
            hovertemplate=f"{name}<br>{lab['unit']} %{{customdata[0]:.0f}}<br>{lab['re']} %{{x:.4f}}<br>"
                          f"{lab['im']} %{{y:.4f}}<br>{lab['abs']} %{{customdata[1]:.4f}}{extra}<extra></extra>"))
    fig.update_xaxes(title_text=lab["re"], range=[-1.15, 1.15], zeroline=True, constrain="domain")
    fig.update_yaxes(title_text=lab["im"], range=[-1.15, 1.15], zeroline=True, scaleanchor="x", scaleratio=1)
    return fig
