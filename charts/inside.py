"""Figures of the inside view: one step's terms as heat strips, input saliency, the memory Jacobian and
the Lyapunov curve. Units and time steps are counted from 1."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import as_float32, log_axis, positive
from charts.theme import DIVERGING, MUTED, ROLE_COLORS, SEQUENTIAL, TEMPLATE, cell_color, new_figure

GATES = frozenset({"f", "i", "o", "r", "u"})  # sigmoid gates in 0..1: their own colour scale


def _legend_below(fig: go.Figure) -> go.Figure:
    """A horizontal legend under the x axis title: the space above the plot holds the title and subtitle."""
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0.0),
                      margin=dict(t=80, b=120))
    fig.update_xaxes(title_standoff=8)
    return fig


def _units(H: int) -> np.ndarray:
    return np.arange(1, H + 1, dtype=np.int32)


def step_figure(terms: dict, cell: str, layer: int, t: int, *, labels: dict, x_name: str = "x⟨t⟩",
                g_name: str = "tanh", height: int | None = None) -> go.Figure:
    """The terms of one step of one layer, one heat strip per term in the order of the formula.

    Gates share a 0..1 sequential scale; every other term a diverging scale centred at 0 whose range is
    the largest magnitude among them, so strips can be compared by colour. Numbers on hover (and in the
    cells when there are few units)."""
    lab = labels
    kind = "rnn" if cell in ("rnn", "scratch") else cell
    names = lab[f"{kind}_names"]
    keys = list(terms)
    H = len(terms[keys[0]])
    rows = [names.get(k, k).format(x=x_name, g=g_name) for k in keys]
    values = [k for k in keys if k not in GATES]
    span = max(float(np.abs(terms[k]).max()) for k in values) or 1.0
    fig = new_figure(lab["title"].format(layer=layer, t=t), height=height or 90 + 34 * len(keys))
    grid = np.stack([as_float32(terms[k]) for k in keys])  # (rows, H)
    is_gate = np.array([k in GATES for k in keys])
    # two traces over the whole grid, gates in one and values in the other (NaN cells stay blank):
    # plotly.js fails on several one-row heatmaps sharing a category axis
    for gate in (False, True):
        if gate and not is_gate.any():
            continue
        z = np.where(is_gate[:, None] == gate, grid, np.nan).astype(np.float32)
        fig.add_trace(go.Heatmap(
            z=z, x=_units(H), y=rows, coloraxis="coloraxis2" if gate else "coloraxis",
            texttemplate="%{z:.2f}" if H <= 16 else None, textfont=dict(size=11), xgap=1, ygap=3,
            hovertemplate=f"%{{y}}<br>{lab['unit']} %{{x}}<br>%{{z:.4f}}<extra></extra>"))
    fig.update_layout(
        template=TEMPLATE, margin=dict(l=10, t=80, b=45),
        coloraxis=dict(colorscale=DIVERGING, cmin=-span, cmax=span, cmid=0,
                       colorbar=dict(title=dict(text=lab["value"], font=dict(size=12)), len=0.5, y=0.75, x=1.01)),
        coloraxis2=dict(colorscale=SEQUENTIAL, cmin=0, cmax=1, showscale=any(k in GATES for k in keys),
                        colorbar=dict(title=dict(text=lab["gate"], font=dict(size=12)), len=0.5, y=0.22, x=1.01)))
    fig.update_yaxes(autorange="reversed", showgrid=False, type="category", ticks="")
    fig.update_xaxes(title_text=lab["x"], showgrid=False, dtick=1 if H <= 32 else None)
    return fig


def saliency_figure(values, row_labels, col_labels, signed: bool = False, *, labels: dict,
                    height: int | None = None) -> go.Figure:
    """A (rows, cols) map of saliency: rows are outputs (forecasts, samples), cols input steps or lags.

    ``signed`` (gradient × input): diverging around 0; else a sequential scale from 0."""
    lab = labels
    z = as_float32(values)
    finite = z[np.isfinite(z)]
    color = (dict(colorscale=DIVERGING, zmid=0) if signed else
             dict(colorscale=SEQUENTIAL, zmin=0, zmax=float(finite.max()) if finite.size and finite.max() > 0 else 1))
    fig = new_figure(lab["title"], height=height or int(min(720, max(360, 150 + 14 * z.shape[0]))),
                     margin=dict(t=80))
    fig.add_trace(go.Heatmap(
        z=z, x=[str(c) for c in col_labels], y=[str(r) for r in row_labels], **color,
        colorbar=dict(title=dict(text=lab["value"], font=dict(size=12))),
        hovertemplate=f"{lab['row']} %{{y}}<br>{lab['col']} %{{x}}<br>{lab['value']} %{{z:.4g}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], type="category", showgrid=False)
    fig.update_yaxes(title_text=lab["y"], type="category", autorange="reversed", showgrid=False)
    return fig


def saliency_bars(mean, col_labels, *, labels: dict, color: str | None = None,
                  height: int = 320) -> go.Figure:
    """The average saliency per input step or lag."""
    lab = labels
    fig = new_figure(lab["title"], height=height, margin=dict(t=80))
    fig.add_trace(go.Bar(x=[str(c) for c in col_labels], y=as_float32(mean), marker_color=color or ROLE_COLORS["input"],
                         hovertemplate=f"{lab['col']} %{{x}}<br>%{{y:.4g}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], type="category")
    fig.update_yaxes(title_text=lab["y"])
    return fig


def memory_figure(memory, loss, layer: int, cell: str = "lstm", *, labels: dict,
                  height: int = 430) -> go.Figure:
    """‖∂h_T/∂h_t‖ (the recurrence alone) beside ‖∂L/∂h_t‖ / ‖∂L/∂h_T‖ (what the loss passes back), on a
    log axis; both are 1 at t = T."""
    lab = labels
    mem, lo = positive(memory), positive(loss)
    t = np.arange(1, len(mem) + 1, dtype=np.int32)
    fig = new_figure(lab["title"].format(layer=layer), height=height)
    mode = "lines+markers" if len(t) <= 60 else "lines"
    fig.add_trace(go.Scatter(x=t, y=mem, name=lab["memory"], mode=mode, line=dict(color=cell_color(cell), width=3),
                             hovertemplate=f"{lab['t']} %{{x}}<br>%{{y:.3g}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=t, y=lo, name=lab["loss"], mode=mode,
                             line=dict(color=ROLE_COLORS["derivative"], width=2, dash="dash"),
                             hovertemplate=f"{lab['t']} %{{x}}<br>%{{y:.3g}}<extra></extra>"))
    log_axis(fig, [mem, lo])
    fig.update_yaxes(title_text=lab["y"])
    fig.update_xaxes(title_text=lab["x"])
    return _legend_below(fig)


def singular_figure(sv, layer: int, *, labels: dict, height: int = 410) -> go.Figure:
    """Largest, smallest and geometric-mean singular value of each step Jacobian over t."""
    lab = labels
    s = np.asarray(sv, dtype=np.float64)
    t = np.arange(1, s.shape[0] + 1, dtype=np.int32)
    with np.errstate(divide="ignore"):
        gmean = np.exp(np.log(np.maximum(s, 1e-300)).mean(1))
    fig = new_figure(lab["title"].format(layer=layer), height=height)
    hover = f"{lab['t']} %{{x}}<br>%{{y:.3g}}<extra></extra>"
    fig.add_trace(go.Scatter(x=t, y=positive(s[:, 0]), name=lab["max"], line=dict(color=ROLE_COLORS["derivative"]),
                             hovertemplate=hover))
    fig.add_trace(go.Scatter(x=t, y=positive(gmean), name=lab["mean"], line=dict(color=ROLE_COLORS["hidden"]),
                             hovertemplate=hover))
    fig.add_trace(go.Scatter(x=t, y=positive(s[:, -1]), name=lab["min"], line=dict(color=ROLE_COLORS["input"]),
                             hovertemplate=hover))
    fig.add_hline(y=1, line=dict(color=MUTED, dash="dot"), annotation_text=lab["one"],
                  annotation_position="bottom right")
    log_axis(fig, [positive(s[:, 0]), positive(s[:, -1]), np.array([1.0])])
    fig.update_yaxes(title_text=lab["y"])
    fig.update_xaxes(title_text=lab["x"])
    return _legend_below(fig)


def lyapunov_figure(rhos, exponents, rho: float, exponent: float, edge: float | None, chaos: float | None,
                    hidden: int, trained_rho: float | None = None, *, labels: dict,
                    height: int = 450, band: tuple | None = None, starts: int = 0) -> go.Figure:
    """λ(ρ) with the contracting (λ < 0) and chaotic (λ > 0) sides shaded and the crossings marked;
    ``band`` = (low, high) arrays draws the estimate's interval (over ``starts`` starting states) around it."""
    lab = labels
    r, lam = as_float32(rhos), as_float32(exponents)
    fig = new_figure(lab["title"].format(H=hidden), height=height)
    if band is not None:
        low, high = as_float32(band[0]), as_float32(band[1])
        fig.add_trace(go.Scatter(x=np.concatenate([r, r[::-1]]), y=np.concatenate([high, low[::-1]]), fill="toself",
                                 fillcolor="rgba(31, 119, 180, 0.25)", line=dict(width=0), hoverinfo="skip",
                                 name=lab["band"].format(k=starts)))
    lo, hi = float(min(lam.min(), -0.1)), float(max(lam.max(), 0.1))
    left, right = float(r.min()), float(r.max())
    cut1 = edge if edge is not None else right
    cut2 = chaos if chaos is not None else right
    for x0, x1, color, key in ((left, cut1, "#dbeafe", "contracting"), (cut1, cut2, "#fef3c7", "edge_band"),
                               (cut2, right, "#fee2e2", "chaotic")):
        if x1 > x0:
            fig.add_vrect(x0=x0, x1=x1, fillcolor=color, opacity=0.6, line_width=0, layer="below",
                          annotation_text=lab[key], annotation_position="top left", annotation_font_size=12)
    fig.add_trace(go.Scatter(x=r, y=lam, name=lab["curve"], mode="lines", line=dict(color=cell_color("rnn"), width=3),
                             hovertemplate="ρ %{x:.2f}<br>λ %{y:.3f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[rho], y=[exponent], name=lab["now"].format(rho=rho, lam=exponent), mode="markers",
                             marker=dict(size=13, color="#111827", symbol="circle"),
                             hovertemplate="ρ %{x:.2f}<br>λ %{y:.3f}<extra></extra>"))
    for value, key, dash in ((edge, "edge", "dot"), (chaos, "chaos", "dash")):
        if value is not None:
            fig.add_vline(x=value, line=dict(color=MUTED, dash=dash))
            fig.add_trace(go.Scatter(x=[value], y=[0], mode="markers", name=lab[key].format(rho=value),
                                     marker=dict(size=9, color=MUTED, symbol="diamond"), hoverinfo="skip"))
    if trained_rho is not None:
        fig.add_vline(x=trained_rho, line=dict(color=cell_color("lstm"), width=2))
        fig.add_trace(go.Scatter(x=[trained_rho], y=[lo], mode="markers", name=lab["trained"].format(rho=trained_rho),
                                 marker=dict(size=9, color=cell_color("lstm"), symbol="triangle-up"),
                                 hoverinfo="skip"))
    fig.update_xaxes(title_text=lab["x"])
    fig.update_yaxes(title_text=lab["y"], range=[lo * 1.05, hi * 1.1], zeroline=True, zerolinecolor=MUTED)
    return _legend_below(fig)
