"""Figures of the lab's seed spread: is the RNN/LSTM/GRU contrast a property of the cells or of one seed?

Rows are plain dicts ``{"seed", "cell", "ratio", "horizon"}`` (one per seed and cell), as
``rnn_core.lab.seeds.seed_runs`` returns them. Numbers are written for people by :func:`sig`: three
significant digits, and an infinite horizon as "∞".
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from charts.common import log_axis
from charts.theme import MUTED, cell_color, new_figure


def sig(x, digits: int = 3, inf: str = "∞", nan: str = "–") -> str:
    """``x`` with ``digits`` significant digits for people: 0.000543, 2.3, 1.7e-9; ∞ and – for inf and NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return nan
    x = float(x)
    if math.isinf(x):
        return inf if x > 0 else f"−{inf}"
    if x == 0:
        return "0"
    if 1e-4 <= abs(x) < 10 ** digits:
        return f"{x:.{digits}g}"
    mantissa, exp = f"{x:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}e{int(exp)}"


def _cells(rows):
    return list(dict.fromkeys(r["cell"] for r in rows))


def _offsets(n: int) -> np.ndarray:
    """Horizontal jitter so that ten seeds of one cell do not hide behind each other."""
    return np.linspace(-0.25, 0.25, n) if n > 1 else np.zeros(1)


def seed_ratio_figure(rows: list[dict], solved: float = 0.1, *, labels: dict,
                      height: int = 380) -> go.Figure:
    """Each cell's val/baseline per seed (one dot per seed, log axis), its median, and the two reference lines."""
    lab = labels
    fig = new_figure(lab["title"], height=height, yaxis_title=lab["y"])
    if not rows:
        fig.add_annotation(text=lab["empty"], showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig
    cells = _cells(rows)
    for k, cell in enumerate(cells):
        pts = sorted((r["seed"], r["ratio"]) for r in rows if r["cell"] == cell)
        seeds = np.array([p[0] for p in pts])
        y = np.array([p[1] for p in pts], dtype=np.float32)
        text = [f"{lab['seed']} {s}: {sig(v)}" for s, v in zip(seeds, y, strict=True)]
        fig.add_trace(go.Scatter(x=(k + _offsets(len(pts))).astype(np.float32), y=y, mode="markers",
                                 name=cell.upper(), marker=dict(color=cell_color(cell), size=10, opacity=0.85),
                                 text=text, hovertemplate="%{text}<extra>" + cell.upper() + "</extra>"))
        med = float(np.nanmedian(y))
        fig.add_trace(go.Scatter(x=np.array([k - 0.35, k + 0.35], dtype=np.float32),
                                 y=np.array([med, med], dtype=np.float32), mode="lines", showlegend=False,
                                 line=dict(color=cell_color(cell), width=3),
                                 hovertemplate=f"{lab['median']} {sig(med)}<extra>{cell.upper()}</extra>"))
    fig.add_hline(y=1.0, line=dict(color=MUTED, dash="dash"), annotation_text=lab["baseline"],
                  annotation_position="bottom right")
    fig.add_hline(y=solved, line=dict(color=MUTED, dash="dot"), annotation_text=lab["learnt"].format(solved=solved),
                  annotation_position="bottom right")
    fig.update_xaxes(tickvals=list(range(len(cells))), ticktext=[c.upper() for c in cells],
                     range=[-0.6, len(cells) - 0.4])
    log_axis(fig, [np.array([r["ratio"] for r in rows if r["cell"] in cells], dtype=float), np.array([1.0, solved])])
    fig.update_layout(showlegend=False)
    return fig


def seed_horizon_figure(rows: list[dict], lag: int | None = None, *, labels: dict,
                        height: int = 380) -> go.Figure:
    """Each cell's memory horizon per seed, its median and its range; a flat profile (τ = ∞) sits on a top row."""
    lab = labels
    fig = new_figure(lab["title"], height=height, yaxis_title=lab["y"])
    finite = [r["horizon"] for r in rows if np.isfinite(r["horizon"]) and r["horizon"] > 0]
    if not rows:
        fig.add_annotation(text=lab["empty"], showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig
    top = 3.0 * max(finite + [float(lag or 1)])  # where ∞ is drawn: above every finite horizon and the lag
    cells = _cells(rows)
    for k, cell in enumerate(cells):
        pts = sorted((r["seed"], r["horizon"]) for r in rows if r["cell"] == cell)
        raw = np.array([p[1] for p in pts], dtype=np.float64)
        y = np.where(np.isposinf(raw), top, raw).astype(np.float32)
        text = [f"{lab['seed']} {s}: {sig(v, inf=lab['inf'])}" for s, v in pts]
        x = (k + _offsets(len(pts))).astype(np.float32)
        fig.add_trace(go.Scatter(x=x, y=y, mode="markers", name=cell.upper(), text=text,
                                 marker=dict(color=cell_color(cell), size=10, opacity=0.85),
                                 hovertemplate="%{text}<extra>" + cell.upper() + "</extra>"))
        ok = raw[~np.isnan(raw)]
        if ok.size:
            med, lo, hi = (float(np.median(ok)), float(ok.min()), float(ok.max()))
            shown = [top if math.isinf(v) else v for v in (med, lo, hi)]
            fig.add_trace(go.Scatter(
                x=np.array([k + 0.4], dtype=np.float32), y=np.array([shown[0]], dtype=np.float32), mode="markers",
                showlegend=False, marker=dict(color=cell_color(cell), size=16, symbol="line-ew-open",
                                              line=dict(width=3, color=cell_color(cell))),
                error_y=dict(type="data", symmetric=False, array=[shown[2] - shown[0]],
                             arrayminus=[shown[0] - shown[1]], color=cell_color(cell), thickness=2),
                hovertemplate=(f"{lab['median']} {sig(med, inf=lab['inf'])}<br>{lab['range']} "
                               f"{sig(lo, inf=lab['inf'])} – {sig(hi, inf=lab['inf'])}<extra>{cell.upper()}</extra>")))
    if lag:
        fig.add_hline(y=lag, line=dict(color=MUTED, dash="dot"), annotation_text=lab["lag"].format(lag=lag),
                      annotation_position="bottom right")
    ticks = [v for v in (0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000) if v < top / 1.5]
    log_axis(fig, [np.array(ticks + [top], dtype=float)])  # then ticks of its own: ∞ stands at the top
    fig.update_yaxes(tickvals=ticks + [top], ticktext=[sig(v) for v in ticks] + [lab["inf"]])
    fig.update_xaxes(tickvals=list(range(len(cells))), ticktext=[c.upper() for c in cells],
                     range=[-0.6, len(cells) - 0.2])
    fig.update_layout(showlegend=False)
    return fig
