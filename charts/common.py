"""Helpers shared by the run charts: float32 arrays, log axes, legends, empty-figure notes, run styles.

Numbers go to plotly as float32 numpy arrays, which plotly ships as compact binary instead of JSON lists.
Log axes cannot place zeros or non-finite values: ``positive`` turns them into NaN, drawn as gaps.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from charts.theme import MUTED, cell_color

DASHES = ("solid", "dash", "longdash", "dashdot", "longdashdot")


def as_float32(values) -> np.ndarray:
    """A float32 array; ``None`` entries (e.g. a missing validation loss) become NaN."""
    if values is None:
        return np.array([], dtype=np.float32)
    if isinstance(values, list | tuple) and any(v is None for v in values):
        values = [np.nan if v is None else v for v in values]
    return np.asarray(values, dtype=np.float32)


def positive(values) -> np.ndarray:
    """float32 values with non-positive and non-finite entries set to NaN: a log axis shows those as gaps."""
    arr = as_float32(values)
    return np.where(np.isfinite(arr) & (arr > 0), arr, np.nan).astype(np.float32)


def shade(color: str, k: int) -> str:
    """The k-th shade of a hex colour: 0 is the colour itself, then alternately darker and lighter."""
    if k == 0:
        return color
    amount = 0.3 * ((k + 1) // 2)
    target = 0 if k % 2 else 255
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (target - c) * min(amount, 0.8)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def run_styles(cells: list[str]) -> list[tuple[str, str]]:
    """(colour, dash) per run: the cell's colour; runs that repeat a cell get another shade and dash."""
    seen: dict[str, int] = {}
    styles = []
    for cell in cells:
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        styles.append((shade(cell_color(cell), k), DASHES[k % len(DASHES)]))
    return styles


def empty_note(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` in the middle of an empty figure and hide its axes."""
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def legend_on_top(fig: go.Figure) -> go.Figure:
    """A horizontal legend between the title and the plot, left-aligned, so a narrow column never makes
    it run into the title."""
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0.0),
                      margin=dict(t=88))
    return fig


def _marker_mode(n: int) -> str:
    return "lines+markers" if n <= 40 else "lines"


def _decades(arrays) -> tuple[float, float] | None:
    """log10 of the smallest and largest positive finite value among ``arrays``."""
    vals = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays]) if arrays else np.array([])
    vals = vals[np.isfinite(vals) & (vals > 0)]
    return (float(np.log10(vals.min())), float(np.log10(vals.max()))) if vals.size else None


def _log_y(fig: go.Figure, arrays, fixed: bool = False, **where) -> None:
    """Log y in powers of ten; whole-decade ticks once the data span two decades; ``fixed`` pins the
    range to the data (for animations, whose frames must not rescale)."""
    span = _decades(arrays)
    wide = span is not None and span[1] - span[0] >= 2
    extra = {}
    if fixed and span is not None:
        pad = max(0.15, 0.05 * (span[1] - span[0]))
        extra = {"range": [span[0] - pad, span[1] + pad], "autorange": False}
    # within two decades plotly labels every minor tick (2..9), which crowds the axis: keep 2 and 5 only
    fig.update_yaxes(type="log", exponentformat="power", dtick=1 if wide else "D2", **extra, **where)
