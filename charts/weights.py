"""Figures of the parameters as a whole: the gradient norm of every optimisation step before and after
clipping, and the eigenvalues and singular values of the recurrent matrix W_hh.

Gradient norms are drawn on a log axis, where zeros and non-finite values are left out as gaps.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.common import _log_y, empty_note, legend_on_top, positive
from charts.theme import MUTED, ROLE_COLORS, TEMPLATE, new_figure

BLOCK_COLORS = {"i": "#0891b2", "f": "#2563eb", "g": "#e4572e", "o": "#16a34a",
                "r": "#db2777", "z": "#7c3aed", "n": "#ca8a04", "h": "#e4572e"}


def clipping_figure(pre, post=None, clip: float | None = None, *, labels: dict,
                    height: int = 380) -> go.Figure:
    """The gradient norm of every optimisation step before and after clipping, on a log axis.

    ``clip`` is the threshold (``None`` or <= 0: clipping off); steps whose norm exceeded it are marked.
    ``post`` defaults to min(pre, clip).
    """
    lab = labels
    pre_arr = np.asarray(pre if pre is not None else [], dtype=float).ravel()
    on = clip is not None and clip > 0
    if post is None:
        post_arr = np.minimum(pre_arr, clip) if on else pre_arr
    else:
        post_arr = np.asarray(post, dtype=float).ravel()
    n = pre_arr.size
    clipped = np.flatnonzero(pre_arr > clip) if on else np.array([], dtype=int)
    title = lab["title"].format(k=clipped.size, n=n) if on else lab["title_off"]
    fig = new_figure(title, height=height)
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"])
    legend_on_top(fig)
    if n == 0:
        return empty_note(fig, lab["empty"])
    steps = np.arange(1, n + 1, dtype=np.int32)
    fig.add_trace(go.Scatter(x=steps, y=positive(pre_arr), name=lab["pre"], mode="lines",
                             line=dict(color="#9ca3af", width=1.5),
                             hovertemplate=f"{lab['step']} %{{x}}<br>{lab['pre']}: %{{y:.3g}}<extra></extra>"))
    if on:
        fig.add_trace(go.Scatter(x=steps, y=positive(post_arr), name=lab["post"], mode="lines",
                                 line=dict(color="#2563eb", width=2),
                                 hovertemplate=f"{lab['step']} %{{x}}<br>{lab['post']}: %{{y:.3g}}<extra></extra>"))
        fig.add_trace(go.Scatter(x=steps[clipped], y=positive(pre_arr[clipped]), name=lab["clipped"],
                                 mode="markers", marker=dict(color=ROLE_COLORS["derivative"], size=6),
                                 hovertemplate=f"{lab['clipped']} %{{x}}<br>{lab['pre']}: %{{y:.3g}}"
                                               "<extra></extra>"))
        fig.add_hline(y=clip, line=dict(color=ROLE_COLORS["derivative"], dash="dash", width=1.5))
        # annotations on a log axis are placed in log10 units, which add_hline's own annotation ignores
        fig.add_annotation(x=1.0, xref="x domain", y=float(np.log10(clip)), yref="y", showarrow=False,
                           text=lab["threshold"].format(clip=clip), xanchor="right", yanchor="bottom",
                           font=dict(color=ROLE_COLORS["derivative"], size=12), bgcolor="rgba(255,255,255,0.7)")
    _log_y(fig, [pre_arr, post_arr, np.array([clip if on else np.nan])])
    return fig


def spectrum_figure(spectrum: list[dict], layer: int = 0, *, labels: dict,
                    singular_values: bool = True, height: int = 480) -> go.Figure:
    """Eigenvalues of each gate block of W_hh in the complex plane, with the unit circle.

    An eigenvalue outside the circle (|λ| > 1) lets a direction of h grow step after step; well inside,
    it shrinks. ``spectrum`` is the engine's per-layer list of ``{"eigenvalues": {block: complex array},
    "spectral_radius": {block: float}, "singular_values": array}``; with ``singular_values`` the singular
    values of the whole W_hh are a bar chart beside it.
    """
    lab = labels
    if not spectrum:
        return empty_note(new_figure(lab["title"].format(layer="", radius=float("nan")), height=height),
                          lab["empty"])
    spec = spectrum[layer]
    eig = {b: np.asarray(v).astype(complex).ravel() for b, v in spec["eigenvalues"].items()}
    radius = {b: float(spec.get("spectral_radius", {}).get(b, np.abs(v).max() if v.size else 0.0))
              for b, v in eig.items()}
    top = max(radius.values(), default=0.0)
    sv = np.asarray(spec.get("singular_values", []), dtype=float).ravel() if singular_values else np.array([])
    cols = 2 if sv.size else 1
    fig = make_subplots(rows=1, cols=cols, column_widths=[0.6, 0.4] if cols == 2 else None,
                        horizontal_spacing=0.2)
    fig.update_layout(template=TEMPLATE, height=height,
                      title_text=lab["title"].format(layer=layer % len(spectrum) + 1, radius=top),
                      # up to five entries at the very bottom of the figure, below the axis titles
                      legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.0, xanchor="left",
                                  x=0.0),
                      margin=dict(t=60, b=150))
    angle = np.linspace(0, 2 * np.pi, 181)
    fig.add_trace(go.Scatter(x=np.cos(angle).astype(np.float32), y=np.sin(angle).astype(np.float32),
                             name=lab["circle"], mode="lines", line=dict(color=MUTED, width=1.5, dash="dot"),
                             hoverinfo="skip"), row=1, col=1)
    for b, v in eig.items():
        name = lab["block"].format(block=b, radius=radius[b])
        fig.add_trace(go.Scatter(x=v.real.astype(np.float32), y=v.imag.astype(np.float32), name=name,
                                 mode="markers", customdata=np.abs(v).astype(np.float32),
                                 marker=dict(color=BLOCK_COLORS.get(b, "#4b5563"), size=8, opacity=0.8,
                                             line=dict(color="white", width=0.5)),
                                 hovertemplate=f"{name}<br>{lab['re']} %{{x:.3f}}<br>{lab['im']} %{{y:.3f}}"
                                               f"<br>{lab['abs']} %{{customdata:.3f}}<extra></extra>"),
                      row=1, col=1)
    reach = max(1.15, 1.1 * top)
    # constrain="domain" shrinks the plot to a square instead of widening the real axis
    fig.update_xaxes(title_text=lab["re"], range=[-reach, reach], zeroline=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(title_text=lab["im"], range=[-reach, reach], zeroline=True, scaleanchor="x", scaleratio=1,
                     row=1, col=1)
    if sv.size:
        ordered = np.sort(sv)[::-1]
        fig.add_trace(go.Bar(x=np.arange(1, ordered.size + 1, dtype=np.int32), y=ordered.astype(np.float32),
                             name=lab["singular"], showlegend=False, marker=dict(color="#64748b"),
                             hovertemplate=f"{lab['index']} %{{x}}<br>{lab['sv']} %{{y:.3f}}<extra></extra>"),
                      row=1, col=2)
        fig.add_hline(y=1.0, line=dict(color=MUTED, dash="dot"), row=1, col=2)
        fig.update_xaxes(title_text=lab["index"], row=1, col=2)
        fig.update_yaxes(title_text=lab["sv"], rangemode="tozero", row=1, col=2)
    return fig
