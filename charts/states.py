"""Figures of what happens inside the recurrent layers: hidden and cell states, gates, saturation.

Time steps are shown as t = 1..T and hidden units as 1..H, so the first step and the first unit read "1".
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.common import as_float32, empty_note
from charts.theme import DIVERGING, MUTED, SEQUENTIAL, TEMPLATE, new_figure

TANH_GATES = ("g", "n")  # candidates are tanh-valued in [-1, 1]; every other gate is a sigmoid in [0, 1]


CLOSED_COLOR = "#3b0f70"  # dark and light ends of Viridis, as in the gate heatmaps
OPEN_COLOR = "#e8b400"
BETWEEN_COLOR = "#e5e7eb"
UNIT_COLORS = ("#2563eb", "#e4572e", "#16a34a", "#9333ea", "#0891b2", "#ca8a04", "#db2777", "#4b5563")


def _colorbar(title: str) -> dict:
    return dict(title=dict(text=title, font=dict(size=13)))


def _grid(z) -> np.ndarray:
    """A (T, H) float32 array (a 1-D input is one unit)."""
    arr = as_float32(z)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"expected a (T, H) array, got shape {arr.shape}")
    return arr


def _color_range(z: np.ndarray, zmid, zrange) -> dict:
    """Heatmap colour limits. The theme's heatmaps default to zmid=0, which plotly only ignores once
    zmin and zmax are set, so a sequential scale always gets explicit limits."""
    if zrange is not None:
        out = {"zmin": float(zrange[0]), "zmax": float(zrange[1])}
        if zmid is not None:
            out["zmid"] = zmid
        return out
    if zmid is not None:
        return {"zmid": zmid}
    finite = z[np.isfinite(z)]
    return {"zmin": float(finite.min()), "zmax": float(finite.max())} if finite.size else {"zmin": 0.0, "zmax": 1.0}


def state_heatmap(z, title: str, *, labels: dict, zmid: float | None = 0,
                  colorscale=DIVERGING, zrange: tuple[float, float] | None = None, height: int = 380) -> go.Figure:
    """One (T, H) array as a heatmap: time on x, unit on y (unit 1 at the top).

    The defaults suit hidden and cell states: a diverging scale with white at 0. For sigmoid gates pass
    ``colorscale=SEQUENTIAL, zmid=None, zrange=(0, 1)``.
    """
    lab = labels
    arr = _grid(z)
    T, H = arr.shape
    fig = new_figure(title, height=height)
    fig.add_trace(go.Heatmap(
        z=arr.T, x=np.arange(1, T + 1, dtype=np.int32), y=np.arange(1, H + 1, dtype=np.int32),
        colorscale=colorscale, colorbar=_colorbar(lab["value"]), **_color_range(arr, zmid, zrange),
        hovertemplate=f"{lab['t']} %{{x}}<br>{lab['unit']} %{{y}}<br>{lab['value']} %{{z:.3f}}<extra></extra>"))
    fig.update_xaxes(title_text=lab["x"], showgrid=False)
    fig.update_yaxes(title_text=lab["y"], autorange="reversed", showgrid=False)
    return fig


def _layers(a) -> np.ndarray:
    arr = as_float32(a)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3:
        raise ValueError(f"expected an (L, T, H) array, got shape {arr.shape}")
    return arr


def layer_states_figure(hiddens, cells=None, *, labels: dict, height: int | None = None,
                        split: int | None = None) -> go.Figure:
    """h_t of every layer, one row per layer, and the LSTM's c_t beside it; white at 0.

    ``hiddens`` and ``cells`` are (L, T, H) (one sample); a (T, H) array is a single layer. h and c get a
    colour axis each (shared across layers): c is not squashed by tanh and often reaches ±3 where h stays
    within ±1, so one shared scale would wash h out. ``split``: a bidirectional network's units per pass, drawn
    as a line between the forward pass's units and the backward pass's.
    """
    lab = labels
    hs = _layers(hiddens)
    cs = _layers(cells) if cells is not None else None
    L, T, H = hs.shape
    blocks = [[(hs[k], lab["hidden"].format(layer=k + 1))] + ([(cs[k], lab["cell"].format(layer=k + 1))]
                                                              if cs is not None else []) for k in range(L)]
    cols = len(blocks[0])
    fig = make_subplots(rows=L, cols=cols, shared_xaxes=True, horizontal_spacing=0.16 if cols == 2 else 0.1,
                        vertical_spacing=min(0.18, 0.4 / L) if L > 1 else 0.0,
                        subplot_titles=[title for row in blocks for _, title in row])
    t, units = np.arange(1, T + 1, dtype=np.int32), np.arange(1, H + 1, dtype=np.int32)
    for r, row in enumerate(blocks, start=1):
        for c, (z, title) in enumerate(row, start=1):
            fig.add_trace(go.Heatmap(z=z.T, x=t, y=units, coloraxis="coloraxis" if c == 1 else "coloraxis2", name=title,
                                     hovertemplate=f"{title}<br>{lab['t']} %{{x}}<br>{lab['unit']} %{{y}}"
                                                   f"<br>{lab['value']} %{{z:.3f}}<extra></extra>"), row=r, col=c)
    fig.update_layout(template=TEMPLATE, height=height or max(360, 80 + 170 * L), title_text=lab["title"],
                      margin=dict(t=80),
                      coloraxis=dict(colorscale=DIVERGING, cmid=0, colorbar=_colorbar(lab["h_value"] if cols == 2
                                                                                      else lab["value"])))
    if cols == 2:  # h's colour bar in the gap between the columns, c's at the right edge
        gap_x = (fig.layout.xaxis.domain[1] + fig.layout.xaxis2.domain[0]) / 2 - 0.03
        fig.update_layout(coloraxis_colorbar_x=gap_x,
                          coloraxis2=dict(colorscale=DIVERGING, cmid=0, colorbar=_colorbar(lab["c_value"])))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_yaxes(title_text=lab["y"], col=1)
    fig.update_xaxes(showgrid=False)
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=lab["x"], row=L, col=c)
    if split:
        for r in range(1, L + 1):
            for c in range(1, cols + 1):
                fig.add_hline(y=split + 0.5, line=dict(color="#111827", width=2), row=r, col=c)
    return fig


def gate_figure(gates: dict, cell: str, *, labels: dict, height: int | None = None) -> go.Figure:
    """Every gate of one layer as a heatmap (T, H) per gate, titled by name.

    Sigmoid gates share a 0..1 sequential colour axis; the tanh candidates (g, n) a diverging -1..1 one.
    A cell without gates (plain RNN) gives a figure with a note.
    """
    lab = labels
    names = lab["gate_names"]
    cell_name = lab["cell_names"].get(cell, cell)
    title = lab["title"].format(cell=cell_name)
    if not gates:
        return empty_note(new_figure(title, height=height or 360), lab["no_gates"])
    n = len(gates)
    cols = 2 if n == 4 else min(n, 3)
    rows = math.ceil(n / cols)
    fig = make_subplots(rows=rows, cols=cols, shared_xaxes=True, shared_yaxes=True, horizontal_spacing=0.05,
                        vertical_spacing=0.14 if rows > 1 else 0.0,
                        subplot_titles=[names.get(g, g) for g in gates])
    for k, (g, values) in enumerate(gates.items()):
        z = _grid(values)
        T, H = z.shape
        fig.add_trace(go.Heatmap(
            z=z.T, x=np.arange(1, T + 1, dtype=np.int32), y=np.arange(1, H + 1, dtype=np.int32),
            coloraxis="coloraxis2" if g in TANH_GATES else "coloraxis", name=names.get(g, g),
            hovertemplate=f"{names.get(g, g)}<br>{lab['t']} %{{x}}<br>{lab['unit']} %{{y}}"
                          f"<br>%{{z:.3f}}<extra></extra>"), row=k // cols + 1, col=k % cols + 1)
    has_tanh = any(g in TANH_GATES for g in gates)
    has_sigmoid = any(g not in TANH_GATES for g in gates)
    both = has_tanh and has_sigmoid
    fig.update_layout(
        template=TEMPLATE, height=height or (460 if rows > 1 else 400), title_text=title, margin=dict(t=80),
        # two short bars stacked: three ticks each (0, 0.5, 1 and -1, 0, 1), so labels never crowd
        coloraxis=dict(colorscale=SEQUENTIAL, cmin=0, cmax=1,
                       colorbar=dict(title=dict(text=lab["sigmoid"], font=dict(size=13)), len=0.42 if both else 1.0,
                                     y=0.78 if both else 0.5, x=1.02, dtick=0.5), showscale=has_sigmoid),
        coloraxis2=dict(colorscale=DIVERGING, cmin=-1, cmax=1, cmid=0,
                        colorbar=dict(title=dict(text=lab["tanh"], font=dict(size=13)), len=0.42 if both else 1.0,
                                      y=0.22 if both else 0.5, x=1.02, dtick=1), showscale=has_tanh))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=False)
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=lab["x"], row=rows, col=c)
    for r in range(1, rows + 1):
        fig.update_yaxes(title_text=lab["y"], row=r, col=1)
    return fig


def unit_traces_figure(hiddens, units: list[int], x=None, *, labels: dict,
                       height: int = 360) -> go.Figure:
    """Chosen hidden units over time, one line each. ``units`` are 0-based indices, shown as unit k+1."""
    lab = labels
    arr = _grid(hiddens)
    t = as_float32(x) if x is not None else np.arange(1, arr.shape[0] + 1, dtype=np.int32)
    fig = new_figure(lab["title"], height=height)
    fig.update_layout(xaxis_title=lab["x"], yaxis_title=lab["y"], hovermode="x unified")
    if not len(units):
        return empty_note(fig, lab["empty"])
    for j, u in enumerate(units):
        name = lab["unit"].format(k=int(u) + 1)
        fig.add_trace(go.Scatter(x=t, y=arr[:, u], name=name, mode="lines+markers" if len(t) <= 60 else "lines",
                                 line=dict(color=UNIT_COLORS[j % len(UNIT_COLORS)], width=2), marker=dict(size=4),
                                 hovertemplate=f"{name}: %{{y:.3f}}<extra></extra>"))
    fig.add_hline(y=0, line=dict(color=MUTED, width=1, dash="dot"))
    return fig


def gate_saturation_figure(saturation: dict, low: float = 0.1, high: float = 0.9, *, labels: dict,
                           names: list[str] | None = None, height: int | None = None) -> go.Figure:
    """One stacked bar per unit and gate: share of steps closed (< low), in between, open (> high).

    ``saturation`` is ``{gate: {"low": (H,), "high": (H,)}}`` for one layer, as computed by
    ``rnn_core.lab.compare.gate_saturation`` with the same ``low``/``high``. ``names`` picks the gates
    (default: every sigmoid gate present; the tanh candidates g and n do not open or close).
    """
    lab = labels
    gate_names = lab["gate_names"]
    chosen = [g for g in (names if names is not None else saturation) if g in saturation and
              (names is not None or g not in TANH_GATES)]
    if not chosen:
        return empty_note(new_figure(lab["title"], height=height or 360), lab["no_gates"])
    n = len(chosen)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.1 if n > 1 else 0.0,
                        subplot_titles=[gate_names.get(g, g) for g in chosen])
    closed, opened = lab["closed"].format(low=low), lab["open"].format(high=high)
    for r, g in enumerate(chosen, start=1):
        lo, hi = np.asarray(saturation[g]["low"]), np.asarray(saturation[g]["high"])
        units = np.arange(1, lo.size + 1, dtype=np.int32)
        mid = np.clip(1.0 - lo - hi, 0.0, 1.0)
        for share, name, color in ((lo, closed, CLOSED_COLOR), (mid, lab["between"], BETWEEN_COLOR),
                                   (hi, opened, OPEN_COLOR)):
            fig.add_trace(go.Bar(x=units, y=share.astype(np.float32), name=name, marker=dict(color=color),
                                 legendgroup=name, showlegend=r == 1,
                                 hovertemplate=f"{gate_names.get(g, g)}<br>{lab['unit']} %{{x}}<br>"
                                               f"{name}: %{{y:.0%}}<extra></extra>"), row=r, col=1)
        fig.update_yaxes(range=[0, 1], tickformat=".0%", dtick=0.5, title_text=lab["y"], row=r, col=1)
    fig.update_layout(template=TEMPLATE, height=height or max(360, 110 + 110 * n), title_text=lab["title"],
                      barmode="stack", bargap=0.15, margin=dict(t=80))
    fig.update_xaxes(title_text=lab["x"], row=n, col=1)
    return fig
