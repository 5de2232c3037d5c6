"""Figures of the gradient through time: ‖∂L/∂h_t‖ per step, across runs, its evolution over training,
and a one-sentence reading of whether it vanishes, explodes or carries back.

Time steps are t = 1..T and layers 1..L. Gradient norms are drawn on log axes, where zeros and
non-finite values cannot be placed: they are left out as gaps.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.common import _log_y, as_float32, empty_note, legend_on_top, log_ticks, positive, run_styles, shade
from charts.theme import MUTED, ROLE_COLORS, SEQUENTIAL, cell_color, new_figure

BOTTOM_PX = 200  # film strip: room under the plot for the axis title, the play buttons and the slider
LAYER_COLORS = ("#0f766e", "#ca8a04", "#be185d", "#4b5563", "#7c3aed", "#0891b2")


def _steps(T: int) -> np.ndarray:
    return np.arange(1, T + 1, dtype=np.int32)


def _grid2(grad_norms) -> np.ndarray:
    arr = np.asarray(grad_norms, dtype=float)
    if arr.ndim == 1:
        arr = arr[None]
    if arr.ndim != 2:
        raise ValueError(f"grad_norms: expected (L, T), got shape {arr.shape}")
    return arr


def _fit_trace(fit: dict, name: str, color: str, dash: str, scale: float = 1.0, **kw) -> go.Scatter:
    y = positive(np.asarray(fit["values"], dtype=float) / scale)
    return go.Scatter(x=as_float32(fit["t"]), y=y, name=name, mode="lines", line=dict(color=color, width=2, dash=dash),
                      hovertemplate=f"{name}<br>t %{{x}}: %{{y:.3g}}<extra></extra>", **kw)


def grad_norm_figure(grad_norms, *, labels: dict, fit: dict | None = None, cell: str | None = None,
                     height: int = 380) -> go.Figure:
    """‖∂L/∂h_t‖ against t on a log axis, one line per layer.

    ``fit`` = ``{"layer": k (0-based), "t": steps on the same 1..T axis, "values": fitted norms,
    "horizon": memory horizon in steps}`` adds a dashed line named with the horizon. With ``cell`` the
    layers are shades of that cell's colour (the top layer in the cell's own colour).
    """
    lab = labels
    g = _grid2(grad_norms)
    L, T = g.shape
    t = _steps(T)
    fig = new_figure(lab["title"], height=height)
    colors = [shade(cell_color(cell), L - 1 - k) if cell else LAYER_COLORS[k % len(LAYER_COLORS)] for k in range(L)]
    for k in range(L):
        name = lab["layer"].format(layer=k + 1)
        fig.add_trace(go.Scatter(x=t, y=positive(g[k]), name=name, mode="lines+markers" if T <= 80 else "lines",
                                 line=dict(color=colors[k], width=2.5), marker=dict(size=5),
                                 hovertemplate=f"{name}<br>{lab['t']} %{{x}}<br>{lab['value']} %{{y:.3g}}"
                                               "<extra></extra>"))
    shown = list(g)
    if fit is not None:
        k = int(fit.get("layer", L - 1)) % L
        fig.add_trace(_fit_trace(fit, lab["fit"].format(horizon=float(fit["horizon"])), colors[k], "dash"))
        shown.append(np.asarray(fit["values"], dtype=float))
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"])
    if len(fig.data) > 1:
        legend_on_top(fig)
    else:  # one layer, no fit: a legend band would stay empty (plotly hides a lone trace's legend)
        fig.update_layout(showlegend=False)
    _log_y(fig, shown)
    return fig


def _last_positive(g: np.ndarray) -> float:
    ok = np.flatnonzero(np.isfinite(g) & (g > 0))
    return float(g[ok[-1]]) if ok.size else 1.0


def grad_overlay_figure(profiles: list[dict], *, labels: dict, normalise: bool = False,
                        height: int = 400) -> go.Figure:
    """Several runs' ‖∂L/∂h_t‖ on one log axis, coloured by cell.

    Each profile is ``{"label", "cell", "grad_norms": (T,), optional "fit"}`` (``fit`` as in
    ``grad_norm_figure``, drawn dotted). ``normalise`` divides each profile (and its fit) by its value at
    the last step, so every curve ends at 1 and the slopes compare directly.
    """
    lab = labels
    fig = new_figure(lab["title"], height=height)
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y_normalised"] if normalise else lab["y"])
    if not profiles:
        return empty_note(fig, lab["empty"])
    shown = []
    for p, (color, dash) in zip(profiles, run_styles([p["cell"] for p in profiles]), strict=True):
        g = np.asarray(p["grad_norms"], dtype=float).ravel()
        scale = _last_positive(g) if normalise else 1.0
        y = positive(g / scale)
        shown.append(y)
        name = p["label"]
        fig.add_trace(go.Scatter(x=_steps(g.size), y=y, name=name, mode="lines", legendgroup=name,
                                 line=dict(color=color, width=2.5, dash=dash),
                                 hovertemplate=f"{name}<br>{lab['t']} %{{x}}: %{{y:.3g}}<extra></extra>"))
        if p.get("fit") is not None:
            fit = p["fit"]
            fig.add_trace(_fit_trace(fit, lab["fit"].format(label=name, horizon=float(fit["horizon"])), color,
                                     "dot", scale, legendgroup=name))
            shown.append(np.asarray(fit["values"], dtype=float) / scale)
    _log_y(fig, shown)
    return fig


def _snapshot_grid(snapshots: list[dict], layer: int) -> tuple[np.ndarray, np.ndarray]:
    """Epochs (S,) and the chosen layer's norms (S, T)."""
    epochs = np.array([s["epoch"] for s in snapshots], dtype=np.int32)
    rows = np.stack([_grid2(s["grad_norms"])[layer] for s in snapshots])
    return epochs, rows


def _layer_number(snapshots: list[dict], layer: int) -> int:
    return layer % _grid2(snapshots[0]["grad_norms"]).shape[0] + 1


def _log_colorbar(lo: float, hi: float, title: str) -> dict:
    """A colour bar for log10 values whose ticks read as the values themselves (10⁻³, 0.02)."""
    vals, text = log_ticks(lo, hi)
    keep = [(float(np.log10(v)), s) for v, s in zip(vals, text, strict=True) if lo - 1e-9 <= np.log10(v) <= hi + 1e-9]
    return dict(title=dict(text=title), tickmode="array", tickvals=[k for k, _ in keep], ticktext=[s for _, s in keep])


def grad_evolution_figure(snapshots: list[dict], layer: int = -1, *, labels: dict,
                          height: int = 380) -> go.Figure:
    """Epochs (y) × time step (x), coloured by log10 ‖∂L/∂h_t‖ of one layer (default: the top one).

    ``snapshots`` are ``{"epoch", "grad_norms": (L, T)}``. An empty list gives a figure with a note.
    """
    lab = labels
    if not snapshots:
        return empty_note(new_figure(lab["title"].format(layer=""), height=height), lab["empty"])
    epochs, rows = _snapshot_grid(snapshots, layer)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(np.isfinite(rows) & (rows > 0), np.log10(rows), np.nan).astype(np.float32)
    finite = logs[np.isfinite(logs)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 0.0)
    if hi - lo < 1e-6:
        lo, hi = lo - 0.5, hi + 0.5
    fig = new_figure(lab["title"].format(layer=_layer_number(snapshots, layer)), height=height)
    fig.add_trace(go.Heatmap(
        z=logs, x=_steps(rows.shape[1]), y=epochs, customdata=rows.astype(np.float32),
        colorscale=SEQUENTIAL, zmin=lo, zmax=hi, colorbar=_log_colorbar(lo, hi, lab["colorbar"]),
        hovertemplate=f"{lab['epoch']} %{{y}}<br>{lab['t']} %{{x}}<br>{lab['value']} %{{customdata:.3g}}"
                      "<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], showgrid=False)
    fig.update_yaxes(title_text=lab["y"], showgrid=False)
    if len(epochs) < 10:  # a few snapshots: one tick per snapshot rather than fractional epochs
        fig.update_yaxes(tickmode="array", tickvals=epochs)
    return fig


def grad_snapshot_frames_figure(snapshots: list[dict], layer: int = -1, *, labels: dict,
                                height: int = 500) -> go.Figure:
    """A film strip: the gradient profile of one snapshot at a time, with a slider and a play button.

    The first snapshot stays as a grey reference line; the y range (log) covers every snapshot so the
    frames do not rescale.
    """
    lab = labels
    if not snapshots:
        return empty_note(new_figure(lab["title"].format(epoch="", layer=""), height=height), lab["empty"])
    epochs, rows = _snapshot_grid(snapshots, layer)
    layer_no = _layer_number(snapshots, layer)
    t = _steps(rows.shape[1])
    hover = f"{lab['epoch']}%{{meta}}<br>{lab['t']} %{{x}}<br>{lab['value']} %{{y:.3g}}<extra></extra>"

    def current(i: int) -> go.Scatter:
        return go.Scatter(x=t, y=positive(rows[i]), name=lab["current"], mode="lines+markers",
                          meta=int(epochs[i]), line=dict(color=ROLE_COLORS["derivative"], width=3),
                          marker=dict(size=5), hovertemplate=hover)

    fig = new_figure(lab["title"].format(epoch=int(epochs[-1]), layer=layer_no), height=height)
    fig.add_trace(go.Scatter(x=t, y=positive(rows[0]), name=lab["first"].format(epoch=int(epochs[0])),
                             mode="lines", meta=int(epochs[0]), line=dict(color=MUTED, width=1.5, dash="dot"),
                             hovertemplate=hover))
    fig.add_trace(current(len(epochs) - 1))
    fig.frames = [go.Frame(name=str(int(e)), data=[current(i)], traces=[1],
                           layout=dict(title_text=lab["title"].format(epoch=int(e), layer=layer_no)))
                  for i, e in enumerate(epochs)]
    step_args = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    # below the axis title: the buttons, then the slider; paper units, from pixels of the plot area
    # (legend on top: 88 px, a run subtitle 20 more; the bottom margin holds buttons and slider)
    plot_px = height - 108 - BOTTOM_PX
    buttons_y, slider_y = 68 / plot_px, 108 / plot_px
    fig.update_layout(
        xaxis_title=lab["x"], yaxis_title=lab["y"],
        sliders=[dict(active=len(epochs) - 1, x=0.0, len=1.0, y=-slider_y, yanchor="top", pad=dict(t=0),
                      currentvalue=dict(prefix=lab["epoch"], xanchor="right", font=dict(size=13)),
                      steps=[dict(label=str(int(e)), method="animate", args=[[str(int(e))], step_args])
                             for e in epochs])],
        updatemenus=[dict(type="buttons", direction="left", x=0.0, xanchor="left", y=-buttons_y, yanchor="top",
                          pad=dict(t=0), showactive=False,
                          buttons=[dict(label=lab["play"], method="animate",
                                        args=[None, dict(mode="immediate", fromcurrent=True,
                                                         frame=dict(duration=400, redraw=False),
                                                         transition=dict(duration=0))]),
                                   dict(label=lab["pause"], method="animate",
                                        args=[[None], dict(mode="immediate", frame=dict(duration=0, redraw=False),
                                                           transition=dict(duration=0))])])])
    legend_on_top(fig)
    fig.update_layout(margin=dict(b=BOTTOM_PX))
    _log_y(fig, [rows], fixed=True)
    return fig


def grad_reading(grad_norms, *, labels: dict, factor: float = 10.0) -> str:
    """One sentence about the top layer: how ‖∂L/∂h_1‖ compares with ‖∂L/∂h_T‖.

    Below 1/``factor`` the gradient vanishes, above ``factor`` it grows, in between it carries back.
    ``labels`` holds the sentence templates (fields {layer}, {T}, {ratio}, {factor}).
    """
    lab = labels
    g = np.asarray(grad_norms, dtype=float)
    if g.size == 0:
        return lab["empty"]
    g = _grid2(g)
    L, T = g.shape
    top = g[-1]
    fields = {"layer": L, "T": T, "factor": factor}
    if T < 2:
        return lab["single"].format(**fields)
    first, last = top[0], top[-1]
    if not (np.isfinite(first) and np.isfinite(last)):
        return lab["invalid"].format(**fields)
    if last <= 0:
        return lab["none"].format(**fields)
    r = float(first / last)
    fields["ratio"] = "0" if r == 0 else f"{r:.2g}"
    if r < 1 / factor:
        return lab["vanish"].format(**fields)
    if r > factor:
        return lab["explode"].format(**fields)
    return lab["carry"].format(**fields)
